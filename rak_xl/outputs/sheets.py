"""Write operations, independent of how they reach Excel."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rak_xl.core.text import say

FORMULA_PREFIXES = ("=", "+", "-", "@")
EXCEL_MAX_TEXT = 32_767  # characters Excel keeps in one cell; a longer value is refused or "repaired"
# Control characters from cells (a bell, a vertical tab pasted from Word) cannot be stored in XML
# (the characters openpyxl refuses, its ILLEGAL_CHARACTERS_RE, without importing openpyxl to know them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(text: str) -> str:
    """`text` with the control characters XML cannot hold shown as U+FFFD."""
    return _ILLEGAL.sub("\ufffd", text)


def stored_value(value: Any) -> Any:
    """A cell value as every writer stores it: text made XML-safe and cut at Excel's 32,767
    characters; anything else as it is."""
    if isinstance(value, str):
        return xml_safe(value)[:EXCEL_MAX_TEXT]
    return value
# Formats and fills every output sheet shares.
RUPIAH = '"Rp" #,##0'
PERCENT = "0.00%"  # the precision of every percentage (rak_xl.figures.rounding)
FILL_HEADER = "#D9E1F2"
FILL_TOTAL = "#F2F2F2"
# What a division's budget means, on every sheet that shows one (docs/architecture.md).
DIVISION_BUDGET_NOTE = say("note.division_budget")


def short_division(name: str) -> str:
    """'Bagian Hukum dan SDM' -> 'Hukum dan SDM' (narrow columns)."""
    return name[len("Bagian "):] if name.startswith("Bagian ") else name


@dataclass(frozen=True)
class Formula:
    """A formula we mean to write. Any plain str is always written as text."""

    text: str


# Excel refuses a formula longer than 8,192 characters or holding a text longer than 255.
MAX_FORMULA_STRING = 255


@dataclass(frozen=True)
class Link:
    """A cell that shows `label` and leads to `cell` of `sheet` when clicked: a HYPERLINK formula
    (`formula`). A file writer saves the label with it as the formula's value, so a reader that
    does not calculate (pandas, calamine, a viewer) reads the label; live Excel gets the formula,
    written with the rest of the block in one call. (A plain value with a cell hyperlink would
    not wrap in LibreOffice, which sets such a cell as one unbroken link.)"""

    sheet: str
    cell: str
    label: str

    @property
    def location(self) -> str:
        """The place as a hyperlink names it: "'RAK_KPU'!A5"."""
        return f"'{self.sheet.replace(chr(39), chr(39) * 2)}'!{self.cell}"

    @property
    def shown(self) -> str:
        """The label as the formula shows it: one too long for a formula's text is cut (…)."""
        if len(self.label) > MAX_FORMULA_STRING:
            return self.label[: MAX_FORMULA_STRING - 1] + "…"
        return self.label

    def formula(self) -> Formula | str:
        """The HYPERLINK formula showing `shown`; a target that cannot be written as one (a very
        long sheet name) leaves the label as plain text."""
        target = "#" + self.location
        if len(target) > MAX_FORMULA_STRING:
            return self.shown
        quote = chr(34)
        return Formula(f'=HYPERLINK("{target.replace(quote, quote * 2)}","{self.shown.replace(quote, quote * 2)}")')


def hyperlink(sheet: str, cell: str, label: str) -> Link:
    """A link to a cell of the workbook, labelled."""
    return Link(sheet, cell, label)


@dataclass
class Chart:
    """A native chart over one block of the sheet: header row = series names, first column = categories.

    One contiguous block, so Excel (xlwings set_source_data) and openpyxl read
    the same series the same way.
    """

    kind: str  # "column_stacked" | "bar_stacked" | "bar_clustered" | "line" (xlwings chart type names)
    title: str
    anchor: str  # top-left cell
    source: str  # A1 range, header row included
    width: int = 480  # points
    height: int = 288
    value_format: str = ""  # number format of the value axis, e.g. '0%'
    # Where the data sits when not as above: `categories` (labels, no header) apart from `source`,
    # whose every column is then a series; `data_sheet` the sheet of both ("" = the chart's own).
    categories: str = ""
    data_sheet: str = ""
    legend: bool = True
    value_title: str = ""  # the value axis' title
    # The row of the series' names when it is not the first row of `source` (which then holds
    # values only): a chart over some rows of a table, e.g. one year's (0: the first row).
    names_row: int = 0
    text_size: int = 11  # points of the axes' labels and the legend: the sheet's own text size, printed alike


@dataclass(frozen=True)
class ConditionalFill:
    """A fill (and bold) wherever `formula` is true, written relative to the top-left cell of `ref`.

    One rule covers any number of rows, so formatting rows by their kind costs a
    constant number of calls into Excel.
    """

    ref: str
    formula: str  # without "=", e.g. 'ISTEXT($A7)'
    fill: str  # "#RRGGBB"
    bold: bool = False


@dataclass
class SheetOutput:
    """An output sheet, recreated whole on every run."""

    name: str
    values: list[list[Any]]
    number_formats: list[tuple[str, str]] = field(default_factory=list)  # (A1 range, format)
    bold: list[str] = field(default_factory=list)
    fills: list[tuple[str, str]] = field(default_factory=list)  # (A1 range, "#RRGGBB")
    wrap: list[str] = field(default_factory=list)
    top: list[str] = field(default_factory=list)  # aligned to the top (a row's cells line up with its wrapped text)
    column_widths: dict[int, float] = field(default_factory=dict)  # 1-based column -> width
    freeze_row: int = 0  # rows above this stay visible (0: none)
    freeze_col: int = 0  # columns left of this stay visible (0: none)
    hidden: bool = False
    landscape: bool = True
    print_title_rows: tuple[int, int] | None = None  # 1-based, repeated on every page
    print_title_cols: tuple[int, int] | None = None  # 1-based, repeated on the left of every page
    charts: list[Chart] = field(default_factory=list)
    borders: list[str] = field(default_factory=list)  # A1 ranges with thin borders on every cell
    center: list[str] = field(default_factory=list)  # A1 ranges centred horizontally
    conditional: list[ConditionalFill] = field(default_factory=list)
    page_breaks: list[int] = field(default_factory=list)  # 1-based rows that start a new printed page
    # 1-based columns that start a new band of printed pages; the sheet is fitted to one page width per band.
    column_breaks: list[int] = field(default_factory=list)
    autofilter: str = ""  # A1 range whose first row gets filter buttons
    autofit_rows: bool = False  # let Excel size rows to their wrapped text (one call)
    row_heights: dict[int, float] = field(default_factory=dict)  # 1-based row -> points, for file writers
    footer: str = ""  # printed footer, Excel codes (&P page, &N pages)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.values), max((len(r) for r in self.values), default=0)


@dataclass
class CellBlock:
    """Values written into an existing sheet at (row, col), 1-based."""

    sheet: str
    row: int
    col: int
    values: list[list[Any]]


@dataclass
class WritePlan:
    sheets: list[SheetOutput] = field(default_factory=list)
    clear: list[str] = field(default_factory=list)  # kept sheets whose contents are cleared first
    blocks: list[CellBlock] = field(default_factory=list)
    activate: str | None = None
    message: str = ""  # shown to staff at the end (alert in Excel, stderr on the CLI)

    def merge(self, other: "WritePlan") -> "WritePlan":
        return WritePlan(
            sheets=self.sheets + other.sheets,
            clear=self.clear + [c for c in other.clear if c not in self.clear],
            blocks=self.blocks + other.blocks,
            activate=other.activate or self.activate,
            message="\n".join(m for m in (self.message, other.message) if m),
        )


def pad(values: list[list[Any]]) -> list[list[Any]]:
    """Rectangular copy: every row as long as the longest (Excel ranges are rectangles)."""
    width = max((len(r) for r in values), default=0)
    return [list(r) + [None] * (width - len(r)) for r in values]


PAGE_FOOTER = say("sheet.footer")


def illustrative_notice(plan, lang: str = "id") -> str:
    """'' for real data; else the sentence every output derived from illustrative sheets carries."""
    if not plan.illustrative:
        return ""
    return say("sheet.illustrative", lang, sheets=", ".join(plan.illustrative))


def page_footer(plan) -> str:
    """The printed footer: page numbers, and the illustrative notice on every page where it applies.
    Kept under Excel's 255-character limit for a header or footer."""
    if not plan.illustrative:
        return PAGE_FOOTER
    return say("sheet.footer_illustrative", sheets=", ".join(plan.illustrative), footer=PAGE_FOOTER)[:250]
