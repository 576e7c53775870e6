"""A small builder for output sheets: rows appended top to bottom, tables with named columns.

A sheet is written as it reads: the standard preamble (title, when and from which file it was
made, that it is made again at every press), sections, tables and notes. A table knows its
columns by key, so its formats go by column (money, percent), its header and total rows are
styled the same on every sheet, and any part of it (a column's body, the block a chart reads)
is asked for by name: no sheet computes an A1 range. Row heights for file writers are measured
as rows are added (rak_xl.outputs.paging), and rows can be grouped into units that printed
pages keep together. Free text (preamble lines, notes) is split into lines that end inside the
printed width, since text running past the last column would widen the page and shrink its
print; a sheet wider than a page prints in bands of columns. The result is the SheetOutput the
adapters carry out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rak_xl.core.layout import BUTTONS
from rak_xl.core.model import col_letter
from rak_xl.core.text import say

from . import measure, paging
from .sheets import (
    FILL_HEADER,
    FILL_TOTAL,
    PAGE_FOOTER,
    Chart,
    ConditionalFill,
    SheetOutput,
    illustrative_notice,
    page_footer,
)

SEPARATOR = "   |   "  # between the facts of one preamble line
MEASURED = "measured"  # a header row's height: measured from its text, every column wrapping
REPEATED = 1  # columns printed again on the left of every band of a sheet wider than a page
CHART_GAP = 10.0  # points between two charts side by side


@dataclass(frozen=True)
class Area:
    """A rectangle of cells, 1-based and inclusive."""

    top: int
    left: int
    bottom: int
    right: int

    @property
    def empty(self) -> bool:
        return self.bottom < self.top or self.right < self.left

    @property
    def a1(self) -> str:
        first = f"{col_letter(self.left)}{self.top}"
        if (self.top, self.left) == (self.bottom, self.right):
            return first
        return f"{first}:{col_letter(self.right)}{self.bottom}"

    def __str__(self) -> str:
        return self.a1


@dataclass(frozen=True)
class Column:
    """A table column: its key (how the sheet names it), its heading, the number format of its
    body cells and whether they wrap (and so count when a row's height is measured)."""

    key: str
    heading: Any
    format: str = ""
    wrap: bool = False


def when(generated: dt.datetime) -> str:
    """The time a sheet was made, as every preamble writes it."""
    return f"{generated:%d-%m-%Y %H:%M}"


def stamp(generated: dt.datetime, source: str, *facts: str) -> str:
    """'Dibuat: 06-05-2023 07:08 dari berkas RAK.xlsm   |   fact   |   fact'."""
    made = f"{say('sheet.made', when=when(generated))} {say('sheet.from_file', source=source or '-')}"
    return SEPARATOR.join([made, *facts])


def rebuilt(macro: str, *more: str) -> str:
    """'Lembar ini dibuat ulang setiap kali tombol X ditekan; jangan mengetik di sini.' and what
    follows; X is the caption of the button whose Sub is `macro` (layout.BUTTONS)."""
    caption = next(c for m, c, _help in BUTTONS if m == macro)
    return " ".join([say("sheet.rebuilt", button=caption), *more])


def plan_title(heading: str, plan) -> str:
    """'REKAP ANGGARAN RAK' -> 'REKAP ANGGARAN RAK KPU KOTA PROBOLINGGO TAHUN 2022'."""
    ident = plan.identity
    satker = str(ident.get("satker") or "").upper()
    return say("sheet.title", heading=heading, satker=satker, year=ident.year or "-").replace("  ", " ")


class SheetBuilder:
    """One output sheet under construction. `widths`: the column widths, from column A."""

    def __init__(self, name: str, widths: Sequence[float], plan=None):
        self.name = name
        self.widths = list(widths)
        self.plan = plan  # a plan's sheet carries its illustrative notice and footer
        self.values: list[list] = []
        self.number_formats: list[tuple[str, str]] = []
        self.bold_cells: list[str] = []
        self.fills: list[tuple[str, str]] = []
        self.wrapped: list[str] = []
        self.borders: list[str] = []
        self.centred: list[str] = []
        self.conditional: list[ConditionalFill] = []
        self.charts: list[Chart] = []
        self.heights: dict[int, float] = {}
        self._units: dict[int, int | None] = {}  # first row of a unit -> its head (None: never split)
        self._extent: dict[int, int] = {}  # a text split over rows: its first row -> its last
        self.column_breaks = paging.column_bands(self.widths, REPEATED)

    # -- rows ------------------------------------------------------------------------------

    @property
    def last_row(self) -> int:
        return len(self.values)

    def add(self, row: Iterable[Any] = (), measure: Iterable[int] | None = None, height: float | None = None,
            bold: bool = False) -> int:
        """Append a row; its number. `measure`: 0-based columns whose text wraps, for its height
        (paging.row_height, in bold when `bold`; () is one line); `height`: a fixed height. Neither:
        the reader's default."""
        self.values.append(list(row))
        r = self.last_row
        if height is not None:
            self.heights[r] = height
        elif measure is not None:
            self.heights[r] = paging.row_height(self.values[-1], self.widths, set(measure), bold)
        return r

    def text(self, text: str | None, col: int = 1) -> int:
        """Free text from column `col`, in as many rows as it takes to end inside the printed width;
        the first row's number (cell() and across() then cover all of its rows)."""
        joiner = SEPARATOR if text and SEPARATOR in text else " "
        lines = measure.split_lines(text, self._text_span(col), joiner=joiner) if text else [None]
        first = self.add([*[None] * (col - 1), lines[0]])
        for line in lines[1:]:
            self.add([*[None] * (col - 1), line])
        if self.last_row > first:
            self._extent[first] = self.last_row
        return first

    def _text_span(self, col: int) -> list[float]:
        """The widths free text from column `col` may run across: to the end of its printed band;
        from a repeated column, across the narrowest band (each band repeats it on its left)."""
        if col <= REPEATED:
            return min(paging.bands(self.widths, self.column_breaks, REPEATED), key=paging.band_points)[col - 1:]
        end = next((b for b in self.column_breaks if b > col), len(self.widths) + 1)
        return self.widths[col - 1:end - 1]

    def blank(self, count: int = 1, height: float | None = None) -> int:
        """Empty rows (room for a chart, a gap before the next section); the first one's number."""
        first = self.last_row + 1
        for _ in range(count):
            self.add(height=height)
        return first

    def chart_room(self, height: float) -> int:
        """Blank rows for charts `height` points tall, kept on one page (a chart cut by a page break
        prints as two halves); the row their top goes in. That is the second one, with a spare row
        below: LibreOffice also prints an object whose top is a page's lower edge on that page, over
        its footer."""
        self.keep_together(None)
        return self.blank(round(height / paging.LINE) + 2, height=paging.LINE) + 1

    def title(self, text: str, height: float | None = None) -> int:
        r = self.add([text], height=height)
        self.bold(self.cell(r))
        return r

    def preamble(self, title: str, *lines: Any, title_height: float | None = None) -> list[int]:
        """The standard top: the title in bold, then a row per line (a str, a whole row as a list,
        or None for an empty row); a plan's sheet ends it with the illustrative notice (or an empty
        row). The rows of `lines`."""
        self.title(title, title_height)
        rows = [self.add(line) if isinstance(line, list) else self.text(line) for line in lines]
        if self.plan is not None:
            self.text(illustrative_notice(self.plan) or None)
        return rows

    def section(self, title: str, head: int | None = None) -> int:
        """A numbered section's title in bold; with `head`, it starts a unit kept together on paper."""
        if head is not None:
            self.keep_together(head)
        return self.title(title)

    def notes(self, texts: Iterable[str], col: int = 1, gap: bool = True) -> None:
        """Notes from column `col`, each in lines that end inside the printed width (sheet.text),
        then an empty row unless `gap` is False."""
        for text in texts:
            self.text(text, col)
        if gap:
            self.add()

    # -- areas and formats ----------------------------------------------------------------

    def cell(self, row: int, col: int = 1) -> Area:
        """A cell; for the first row of a text split over rows (text()), that column of all its rows."""
        return Area(row, col, self._extent.get(row, row), col)

    def across(self, row: int) -> Area:
        """One row (or a split text's rows) over every column the sheet sizes."""
        return Area(row, 1, self._extent.get(row, row), len(self.widths))

    def column_after(self, points: float) -> int:
        """The first column (1-based) that starts at least `points` (plus a small gap) from the
        sheet's left edge in Excel, whose columns are the narrowest: a chart of that width placed
        at column A ends before it in every reader."""
        left = 0.0
        for col, width in enumerate(self.widths, start=1):
            if left >= points + CHART_GAP:
                return col
            left += paging.column_points(width)
        return len(self.widths) + 1

    def bold(self, area: Area) -> None:
        self._add(self.bold_cells, area)

    def fill(self, area: Area, colour: str) -> None:
        if not area.empty:
            self.fills.append((area.a1, colour))

    def wrap(self, area: Area) -> None:
        self._add(self.wrapped, area)

    def border(self, area: Area) -> None:
        self._add(self.borders, area)

    def center(self, area: Area) -> None:
        self._add(self.centred, area)

    def number_format(self, area: Area, fmt: str) -> None:
        if not area.empty:
            self.number_formats.append((area.a1, fmt))

    def fill_where(self, area: Area, formula: str, colour: str, bold: bool = False) -> None:
        """A conditional fill over `area`; `formula` is written for its first row (Table.first_cell)."""
        self.conditional.append(ConditionalFill(area.a1, formula, colour, bold))

    def chart(self, kind: str, title: str, at: Area, source: Area, **size: Any) -> None:
        self.charts.append(Chart(kind, title, at.a1, source.a1, **size))

    @staticmethod
    def _add(target: list[str], area: Area) -> None:
        if not area.empty:
            target.append(area.a1)

    # -- tables ----------------------------------------------------------------------------

    def table(self, columns: Sequence[Column], **options: Any) -> Table:
        """A table whose header row is the next row (see Table)."""
        return Table(self, columns, **options)

    # -- pages -----------------------------------------------------------------------------

    def keep_together(self, head: int | None = 2) -> None:
        """The rows from the next one up to the next unit form a unit printed pages keep together
        (paging.page_breaks): its first `head` rows never end a page alone; None: never split."""
        self._units[self.last_row + 1] = head

    def output(self, title_rows: tuple[int, int] | None = None, unmeasured: float = paging.LINE,
               tail: int = 2, **setup: Any) -> SheetOutput:
        """The SheetOutput: `title_rows` repeat on every printed page; page breaks keep the units
        together, planning `unmeasured` points for a row whose height was not measured, and carry at
        least `tail` rows of a split unit over."""
        breaks = []
        bands = paging.bands(self.widths, self.column_breaks, REPEATED)
        if self._units:  # planned at the scale of the widest band, the one every band prints at
            breaks = paging.sheet_breaks(self.heights, self._units, self.last_row, max(bands, key=paging.band_points),
                                         title_rows, unmeasured, tail)
        footer = page_footer(self.plan) if self.plan is not None else PAGE_FOOTER
        if self.column_breaks:
            setup.setdefault("column_breaks", self.column_breaks)
            setup.setdefault("print_title_cols", (1, REPEATED))
        return SheetOutput(
            name=self.name, values=self.values, number_formats=self.number_formats, bold=self.bold_cells,
            fills=self.fills, wrap=self.wrapped, column_widths={i + 1: w for i, w in enumerate(self.widths)},
            print_title_rows=title_rows, charts=self.charts, borders=self.borders, center=self.centred,
            conditional=self.conditional, page_breaks=breaks, autofit_rows=True, row_heights=self.heights,
            footer=footer, **setup)


class Table:
    """A table at the sheet's next row: its header row, then body rows, then total rows.

    Options: `header_height` (MEASURED, a number of points, or None for the reader's default),
    `wrap_header`, `measure` (the keys of the columns that size a body row; default: the columns
    that wrap), `borders`. Used as a context manager: on leaving, the header is bold on the header fill,
    the body takes its columns' formats and wrapping, the whole table its borders and the total
    rows bold on the total fill.
    """

    def __init__(self, sheet: SheetBuilder, columns: Sequence[Column], header_height: float | str | None = MEASURED,
                 wrap_header: bool = True, measure: Iterable[str] | None = None, borders: bool = True):
        self.sheet = sheet
        self.columns = list(columns)
        self._index = {c.key: i + 1 for i, c in enumerate(self.columns)}
        self.wrap_header = wrap_header
        self.borders = borders
        keys = [c.key for c in self.columns if c.wrap] if measure is None else list(measure)
        self.measured = [self._index[k] - 1 for k in keys]
        headings = [c.heading for c in self.columns]
        if header_height == MEASURED:
            self.header = sheet.add(headings, measure=range(len(sheet.widths)), bold=True)
        else:
            self.header = sheet.add(headings, height=header_height)
        self.bottom = self.header
        self._totals: int | None = None  # first total row

    # -- rows ------------------------------------------------------------------------------

    @property
    def first(self) -> int:
        """The first body row."""
        return self.header + 1

    def row(self, cells: Iterable[Any], bold: bool = False) -> int:
        """A body row; `bold`: measured as bold text, as a row styled bold (a title, a total) prints."""
        self.bottom = self.sheet.add(cells, measure=self.measured or None, bold=bold)
        return self.bottom

    def total(self, cells: Iterable[Any]) -> int:
        r = self.row(cells, bold=True)
        if self._totals is None:
            self._totals = r
        return r

    def cells(self, **by_key: Any) -> list:
        """A row given by column keys, up to the rightmost key given: cells(label=..., amount=...)."""
        row: list = [None] * max((self._index[k] for k in by_key), default=0)
        for key, value in by_key.items():
            row[self._index[key] - 1] = value
        return row

    # -- areas -----------------------------------------------------------------------------

    def col(self, key: str) -> int:
        return self._index[key]

    def first_cell(self, key: str) -> str:
        """'$A7': the column's first body cell, column fixed (a conditional format's formula)."""
        return f"${col_letter(self.col(key))}{self.first}"

    def area(self, first: str | None = None, last: str | None = None, *, header: bool = False,
             totals: bool = True, rows: tuple[int, int] | None = None) -> Area:
        """The body of the columns `first`..`last` (default: all; one key: that column), with the
        header row and without the total rows when asked; `rows` gives other rows of those columns."""
        left = self.col(first) if first else 1
        right = self.col(last) if last else left if first else len(self.columns)
        if rows is None:
            bottom = self.bottom if totals or self._totals is None else self._totals - 1
            rows = (self.header if header else self.first, bottom)
        return Area(rows[0], left, rows[1], right)

    def header_area(self, first: str | None = None, last: str | None = None) -> Area:
        return self.area(first, last, rows=(self.header, self.header))

    @property
    def whole(self) -> Area:
        return self.area(header=True)

    # -- formats ---------------------------------------------------------------------------

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: Any) -> None:
        if exc[0] is None:
            self.close()

    def close(self) -> None:
        sheet = self.sheet
        sheet.bold(self.header_area())
        sheet.fill(self.header_area(), FILL_HEADER)
        if self.wrap_header:
            sheet.wrap(self.header_area())
        for first, last, fmt in self._runs(lambda c: c.format):
            sheet.number_format(self.area(first, last), fmt)
        for first, last, _wrap in self._runs(lambda c: c.wrap):
            sheet.wrap(self.area(first, last))
        if self.borders:
            sheet.border(self.whole)
        if self._totals is not None:
            totals = self.area(rows=(self._totals, self.bottom))
            sheet.bold(totals)
            sheet.fill(totals, FILL_TOTAL)

    def _runs(self, attribute) -> list[tuple[str, str, Any]]:
        """(first key, last key, value) of each run of adjacent columns with the same truthy value."""
        runs: list[tuple[str, str, Any]] = []
        for c in self.columns:
            value = attribute(c)
            if value and runs and runs[-1][2] == value and self._index[runs[-1][1]] == self._index[c.key] - 1:
                runs[-1] = (runs[-1][0], c.key, value)
            elif value:
                runs.append((c.key, c.key, value))
        return runs
