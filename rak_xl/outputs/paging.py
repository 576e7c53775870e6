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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

# Inches, as Excel and the writers take them. The footer sits 0.3" from the bottom edge, in
# a band that ends 0.75" from it; the header band likewise at the top.
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.75, "header": 0.3, "footer": 0.3}

# A4 landscape in points, less the margins above.
PAGE_WIDTH = 842 - (MARGINS["left"] + MARGINS["right"]) * 72
PAGE_HEIGHT = 595 - (MARGINS["top"] + MARGINS["bottom"]) * 72
LINE = 15.0  # points per text line (Calibri 11, the output sheets' font)
PADDING = 3.0
FULL_ENOUGH = 0.75  # a page this full may end early rather than split the next group


def column_points(width: float) -> float:
    """Excel column width (characters) -> points: (7 px per character + 5 px padding) at 96 dpi."""
    return (width * 7 + 5) * 0.75


def fit_scale(widths: Sequence[float]) -> float:
    """The print scale 'fit all columns on one page' gives."""
    total = sum(column_points(w) for w in widths)
    return min(1.0, PAGE_WIDTH / total) if total else 1.0


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs: greedy word wrap, a little over one character per width unit.

    A width unit is the widest digit; average text runs about 1.2 characters per unit in
    Calibri (Excel) and in DejaVu Sans (LibreOffice without Calibri), so 1.1 leaves a margin.
    """
    per_line = max(int(width * 1.1) - 1, 1)
    count = 0
    for paragraph in text.split("\n"):
        used, lines = 0, 1
        for word in paragraph.split():
            size = _size(word)
            need = size if used == 0 else used + 1 + size
            if need <= per_line:
                used = need
            else:
                lines += 1 + (size - 1) // per_line
                used = size % per_line or per_line
        count += lines
    return max(count, 1)


def _size(word: str) -> int:
    """Width of a word in average characters: capitals and bold-looking letters run wider."""
    return len(word) + sum(1 for ch in word if ch.isupper() or ch in "mwMW") // 3


def row_height(row: Sequence[Any], widths: Sequence[float], wrapped: set[int]) -> float:
    """Estimated printed height of a row (points) whose wrapped columns are `wrapped` (0-based)."""
    lines = 1
    for c in wrapped:
        if c < len(row) and isinstance(row[c], str) and row[c]:
            lines = max(lines, _lines(row[c], widths[c]))
    return lines * LINE + PADDING


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
    room = PAGE_HEIGHT / scale - title_height
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
                 widths: Sequence[float], title_rows: tuple[int, int] | None, unmeasured: float = LINE) -> list[int]:
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
    return [first + b for b in page_breaks(unit_heights, top, title, fit_scale(widths), head=heads)]


BAND_WIDTH = 150  # characters of column width per printed page width (about 80% type size on A4)


def column_bands(widths: list[float], repeated: int) -> list[int]:
    """1-based columns that start a new band of printed pages, each band (with the `repeated`
    columns printed again on its left) at most BAND_WIDTH wide."""
    fixed = sum(widths[:repeated])
    starts, used = [], fixed
    for c in range(repeated, len(widths)):
        if used > fixed and used + widths[c] > BAND_WIDTH:
            starts.append(c + 1)
            used = fixed
        used += widths[c]
    return starts
