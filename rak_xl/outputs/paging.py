"""Where printed pages break, so a group of rows is kept together and no page is left half empty.

Spreadsheets cannot "keep rows together", so the output sheet carries manual
page breaks computed here from an estimate of each row's printed height. The
estimate is deliberately generous (narrow characters, tall lines): a page then
holds a little less than it could, but the office suite never has to add a
break of its own. A group that does not fit moves to the next page only when
the page is already mostly full; otherwise it starts here and continues there,
its title never alone at the foot of a page and never fewer than two of its
rows carried over.

The page margins are set here too, once for every output sheet (openpyxl and
XlsxWriter writers): the footer (outputs/sheets.py page_footer) needs its own
band below the table, or LibreOffice clips "Halaman N dari M" at the bottom edge.

Sheets are fitted to the page width, so a sheet too wide would print too small to
read: no page may scale below PRINT_SCALE in either Excel or LibreOffice (whose
substitute font makes the same columns a third wider, rak_xl.outputs.measure);
a wider sheet prints in bands of columns (column_bands), its first columns
repeated on each.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import zip_longest
from operator import itemgetter
from typing import Any

from .measure import EXCEL, SETTERS, Setter, cell_height, split_lines

# Inches, as Excel and the writers take them. The footer sits 0.3" from the bottom edge, in
# a band that ends 0.75" from it. No sheet prints a page header: its band at the top is kept
# small, for the rows.
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.4, "bottom": 0.75, "header": 0.15, "footer": 0.3}

# A4 landscape in points, less the margins above.
PAGE_WIDTH = 842 - (MARGINS["left"] + MARGINS["right"]) * 72
PAGE_HEIGHT = 595 - (MARGINS["top"] + MARGINS["bottom"]) * 72
LINE = EXCEL.line  # points per text line (Calibri 11, the output sheets' font, in Excel)
FULL_ENOUGH = 0.75  # a page this full may end early rather than split the next group
PRINT_SCALE = 0.82  # the smallest print scale planned: text at 80% of its size is still read easily
BAND_POINTS = PAGE_WIDTH / PRINT_SCALE  # the widest band of columns, in points before scaling


def column_points(width: float) -> float:
    """Excel column width (characters) -> points: (7 px per character + 5 px padding) at 96 dpi."""
    return EXCEL.column(width)


def band_points(widths: Sequence[float], setters: Sequence[Setter] = SETTERS) -> float:
    """How wide columns of these widths print, in points, in the widest of `setters`."""
    return max(sum(s.column(w) for w in widths) for s in setters)


def fit_scale(widths: Sequence[float]) -> float:
    """The print scale 'fit all columns on one page' gives in Excel, whose columns are the
    narrowest in points: the largest scale, so the fewest rows a page holds."""
    total = band_points(widths, (EXCEL,))
    return min(1.0, PAGE_WIDTH / total) if total else 1.0


def print_scale(widths: Sequence[float]) -> float:
    """The smallest print scale 'fit all columns on one page' gives, in Excel or LibreOffice."""
    total = band_points(widths)
    return min(1.0, PAGE_WIDTH / total) if total else 1.0


def cell_text(value: Any) -> str:
    """What a cell shows as text for measuring: a str, or a link's label (outputs/sheets.Link)."""
    if isinstance(value, str):
        return value
    return getattr(value, "label", "") if not isinstance(value, (int, float)) else ""


def text_lines(text: str, widths: Sequence[float]) -> list[str]:
    """`text` in lines that each end inside columns of these widths, as every reader sets them (the
    output sheets measure through this module, not measure.py)."""
    return split_lines(text, widths)


def row_height(row: Sequence[Any], widths: Sequence[float], wrapped: set[int], bold: bool = False,
               font: Sequence[Setter] = SETTERS) -> float:
    """Printed height of a row (points) whose wrapped columns are `wrapped` (0-based): its tallest
    wrapped cell as Excel or LibreOffice sets it (rak_xl.outputs.measure; `font`: the output sheets'
    Calibri 11 unless said, e.g. ARIAL_10), at least one line. Nothing is added for padding: each
    setting's height already holds its text with the cell's own margins (Excel's 15 pt a line is its
    default row; LibreOffice's is its optimal height); more would print as an empty band under the text."""
    height, size = LINE, len(row)
    for c in wrapped:
        if c < size:
            height = max(height, _points(row[c], widths[c], bold, font))
    return height


def _points(value: Any, width: float, bold: bool = False, font: Sequence[Setter] = SETTERS) -> float:
    """Printed height of one wrapped cell of `width` units: its text as every setting sets it, one line if empty."""
    text = value if value.__class__ is str else cell_text(value)
    return cell_height(text, width, bold, font) if text else LINE


def row_heights(rows: Sequence[Sequence[Any]], widths: Sequence[float], wrapped: set[int]) -> list[float]:
    """row_height of each row (the output sheets' font), worked out a column at a time: a list repeats
    its names, files and codes down a column, so each distinct value is measured once and the rows
    take their heights by lookup and max, without a call per cell."""
    heights = [LINE] * len(rows)
    reach = min(map(len, rows), default=0)  # columns every row has, taken without transposing the rest
    columns: list[tuple] | None = None
    for c in sorted(wrapped):
        if c < reach:
            column: Sequence[Any] = list(map(itemgetter(c), rows))
        else:
            if columns is None:
                columns = list(zip_longest(*rows))  # a short row's missing cells are None, as row_height skips them
            if c >= len(columns):
                continue
            column = columns[c]
        known = {value: _points(value, widths[c]) for value in set(column)}
        if max(known.values(), default=LINE) > LINE:  # a column of one-line cells leaves the heights as they are
            heights = list(map(max, heights, map(known.__getitem__, column)))
    return heights


def page_breaks(units: Sequence[Sequence[float]], first_height: float, title_height: float,
                scale: float, head: int | Sequence[int] = 2, tail: int = 2) -> list[int]:
    """Indexes (0-based, into the flattened rows of `units`) that start a new page.

    `units` are groups of row heights to keep together; `first_height` is what
    the first page spends above the first unit (title block), `title_height`
    what every page spends on the repeated header rows. A unit that does not fit
    goes to the next page when this one is FULL_ENOUGH, or when fewer than `head`
    of its rows (its title and first row; one number per unit, or one for all)
    would stay here or fewer than `tail` would go on; otherwise it is split where
    the page is full.
    """
    heads = [head] * len(units) if isinstance(head, int) else list(head)
    room = PAGE_HEIGHT / scale - title_height + 0.01  # rows that fill a page exactly, summed in floats, fit
    breaks: list[int] = []
    used = first_height - title_height  # the header row is counted in title_height
    index = 0
    for unit, head in zip(units, heads):
        split = None  # rows of this unit that stay on the current page when it is split
        if used > 0 and used + sum(unit) > room:
            fits, total = 0, used
            while fits < len(unit) and total + unit[fits] <= room:
                total += unit[fits]
                fits += 1
            fits = min(fits, len(unit) - tail)  # never carry fewer than `tail` rows over
            if used >= FULL_ENOUGH * room or fits < min(head, len(unit)):
                breaks.append(index)
                used = 0
            else:
                split = fits
        for i, h in enumerate(unit):  # a unit taller than a page breaks inside, where the page is full
            if i == split or (used > 0 and used + h > room):
                breaks.append(index)
                used = 0
            used += h
            index += 1
    return breaks


def sheet_breaks(heights: Mapping[int, float], units: Mapping[int, int | None], last: int,
                 widths: Sequence[float], title_rows: tuple[int, int] | None, unmeasured: float = LINE,
                 tail: int = 2) -> list[int]:
    """1-based rows of a sheet that start a printed page (outputs/sheet_builder.py).

    `units` maps the first row of each unit to its head (None: the unit is never split); a unit
    runs to the next one, the last to row `last`. `heights` are the rows' planned heights, a row
    without one is planned at `unmeasured` points; the rows above the first unit are the first
    page's top block, `title_rows` (if any) repeat on every page.
    """
    def height(r: int) -> float:
        return heights.get(r, unmeasured)

    bounds = [*sorted(units), last + 1]
    spans = [range(a, b) for a, b in zip(bounds, bounds[1:])]
    unit_heights = [[height(r) for r in span] for span in spans]
    heads = [len(span) if units[span.start] is None else units[span.start] for span in spans]
    first = bounds[0]
    top = sum(height(r) for r in range(1, first))
    title = sum(height(r) for r in range(title_rows[0], title_rows[1] + 1)) if title_rows else 0.0
    return [first + b for b in page_breaks(unit_heights, top, title, fit_scale(widths), head=heads, tail=tail)]


def column_bands(widths: Sequence[float], repeated: int) -> list[int]:
    """1-based columns that start a new band of printed pages, each band (with the `repeated`
    columns printed again on its left) at most BAND_POINTS wide in every setting, so it prints
    at PRINT_SCALE or larger."""
    starts, band = [], list(widths[:repeated])
    for c in range(repeated, len(widths)):
        if len(band) > repeated and band_points([*band, widths[c]]) > BAND_POINTS:
            starts.append(c + 1)
            band = list(widths[:repeated])
        band.append(widths[c])
    return starts


def bands(widths: Sequence[float], starts: Sequence[int], repeated: int) -> list[list[float]]:
    """The widths of each printed band: the repeated columns, then the band's own."""
    bounds = [repeated, *(s - 1 for s in starts), len(widths)]
    return [[*widths[:repeated], *widths[a:b]] for a, b in zip(bounds, bounds[1:])]
