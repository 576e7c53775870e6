"""Typed model of a RAK plan. Every value remembers the sheet and cell it came from.

Quarterly series are lists for TW 1..4, named for what they add up: `..._to_date` is cumulative
up to the end of each quarter (the Capaian sheet's targets and realisation), `..._by_quarter` is
what falls in each quarter alone (a budget line's RPD and its spending). Summing a `_to_date`
series, or comparing it with a `_by_quarter` one, is a mistake the names make visible.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from operator import mul
from typing import Any, NamedTuple


def col_letter(col: int) -> str:
    """1 -> A, 28 -> AB. Written here (not openpyxl's) so a button press need not import openpyxl."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class CellRef(NamedTuple):
    """Where a value sits. A named tuple, not a dataclass: the parser makes one per cell, and
    on a 10,000-row sheet a frozen dataclass's construction was most of the parse time."""

    sheet: str
    row: int  # 1-based, as Excel shows it
    col: int  # 1-based

    @property
    def a1(self) -> str:
        return f"{col_letter(self.col)}{self.row}"

    def __str__(self) -> str:
        return f"{self.sheet}!{self.a1}"


_new_tuple = tuple.__new__


class _CellText:
    """`row.indicator` and the like: the cell's stripped text, kept on the row after first use.

    Rows are built once by the parser and not changed afterwards, and the rules read these
    texts thousands of times per workbook. functools.cached_property would do the same but
    takes a lock on every first use in Python 3.11; this non-data descriptor stores the text
    in the instance dict, so later reads are plain attribute lookups.
    """

    def __init__(self, key: str) -> None:
        self.key = key
        self.name = key

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        val = obj.cells.get(self.key)  # obj.text(key), one call fewer: every row fills these
        text = val.text if val else ""
        obj.__dict__[self.name] = text
        return text


class Val:
    """A cell's raw value and where it sits (immutable by convention; slots keep it cheap).

    The parser hands over the place in pieces: the row number and a (sheet, column) pair shared by
    every cell of its column. A place tuple per cell, let alone a CellRef (a tuple subclass), cost
    over a quarter of the Val itself, once per cell of every table, while few cells are ever asked
    where they are (a finding, a highlight). `cell` makes the CellRef on first use and keeps it.
    Other callers give the place whole: `Val(raw, CellRef(...))` or a (sheet, row, col) tuple."""

    __slots__ = ("raw", "_cell", "_at", "_text")

    def __init__(self, raw: Any, cell: CellRef | tuple[str, int, int] | int,
                 at: tuple[str, int] | None = None) -> None:
        self.raw = raw
        self._cell = cell  # the place, or with `at` the row alone
        self._at = at
        self._text: str | None = None

    @property
    def cell(self) -> CellRef:
        cell = self._cell
        if cell.__class__ is not CellRef:
            cell = self._cell = _new_tuple(CellRef, self._place())  # CellRef(*place) without its Python-level __new__
        return cell

    def _place(self) -> tuple:
        """(sheet, row, col), as a CellRef once `cell` has made it."""
        cell, at = self._cell, self._at
        return cell if at is None or cell.__class__ is CellRef else (at[0], cell, at[1])

    @property
    def text(self) -> str:
        # Computed once per cell: the rules read the same texts many times.
        text = self._text
        if text is None:
            raw = self.raw
            text = self._text = raw.strip() if raw.__class__ is str else "" if raw is None else str(raw).strip()
        return text

    @property
    def blank(self) -> bool:
        raw = self.raw  # the text's test without its cache: one call, read for every cell of a table
        return raw is None or (isinstance(raw, str) and not raw.strip())

    # A CellRef equals and hashes as the plain tuple it was made from: either form compares.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Val) and (self.raw, self._place()) == (other.raw, other._place())

    def __hash__(self) -> int:
        return hash((self._place(), self.raw if isinstance(self.raw, (str, int, float, bool, type(None))) else 0))

    def __repr__(self) -> str:
        return f"Val(raw={self.raw!r}, cell={self.cell!r})"


# A quarterly series' starting value: a new [None] * 4 made in C (a lambda is a Python call per row).
_four_nones = partial(mul, [None], 4)


@dataclass
class Target:
    """A parsed target: `value` in its unit; percent targets are in percent (100 = 100%)."""

    value: float | None
    is_percent: bool
    readable: bool


@dataclass
class RakRow:
    table: str  # "A" or "B"
    sheet: str
    row: int
    cells: dict[str, Val]  # by layout column key
    target: Target | None = None
    marks: tuple[bool, bool, bool, bool] = (False, False, False, False)
    # Quarter mark cells whose content is not a mark (RAK105); the checks that read marks skip them.
    unreadable_marks: tuple[bool, bool, bool, bool] = (False, False, False, False)
    division: str | None = None  # canonical division name, when recognised
    # Quarterly evaluation (sheet Capaian, rak_xl.parse.quarterly_input); stable for the rules.
    # Both series are cumulative, TW 1..4, in the unit of the annual target (percent in
    # percent: 50 = 50%); None = cell empty or unreadable, or no Capaian row for this ID.
    targets_to_date: list[float | None] = field(default_factory=_four_nones)
    realised_to_date: list[float | None] = field(default_factory=_four_nones)
    # The Capaian cells behind them: "target1".."target4", "real1".."real4", "direction", "id".
    evaluation_cells: dict[str, Val] = field(default_factory=dict)
    lower_is_better: bool = False  # Arah "Turun", or an indicator that starts with "Penurunan"

    def target_to_date_ref(self, q: int) -> CellRef | None:
        """Cell of the cumulative target for quarter q (1..4) on the Capaian sheet."""
        v = self.evaluation_cells.get(f"target{q}")
        return v.cell if v else None

    def realised_to_date_ref(self, q: int) -> CellRef | None:
        """Cell of the cumulative realisation for quarter q (1..4) on the Capaian sheet."""
        v = self.evaluation_cells.get(f"real{q}")
        return v.cell if v else None

    def __getitem__(self, key: str) -> Val:
        return self.cells[key]

    def text(self, key: str) -> str:
        v = self.cells.get(key)
        return v.text if v else ""

    def ref(self, key: str) -> CellRef:
        v = self.cells.get(key)
        return v.cell if v else CellRef(self.sheet, self.row, 1)

    @property
    def in_percent(self) -> bool:
        """The indicator is measured in percent: its target is a percentage, or its unit is '%'."""
        return bool(self.target and self.target.is_percent) or self.text("unit") == "%"

    id = _CellText("id")
    group = _CellText("group")
    indicator = _CellText("indicator")
    activity = _CellText("activity")


@dataclass
class Program:
    code: str
    name: str
    amount: int | None
    cells: dict[str, Val]


@dataclass
class Division:
    code: str
    name: str
    cells: dict[str, Val]


@dataclass
class BudgetLine:
    row: int
    cells: dict[str, Val]
    amount: int | None = None
    rpd_by_quarter: list[int | None] = field(default_factory=_four_nones)
    division: str | None = None  # canonical name, when recognised
    # Realised spending IN each quarter TW 1..4 (not cumulative, like the RPD), whole Rupiah,
    # from the sheet Realisasi Anggaran; None = empty, unreadable or no row for this code.
    spent_by_quarter: list[int | None] = field(default_factory=_four_nones)
    realised_cells: dict[str, Val] = field(default_factory=dict)  # "real1".."real4", "code"

    def text(self, key: str) -> str:
        v = self.cells.get(key)
        return v.text if v else ""

    def ref(self, key: str) -> CellRef:
        return self.cells[key].cell

    code = _CellText("code")
    program = _CellText("program")
    rak_id = _CellText("rak_id")


@dataclass
class Identity:
    values: dict[str, Any] = field(default_factory=dict)  # parsed values by field key
    cells: dict[str, Val] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        return self.values.get(key)

    @property
    def budget_in_force(self) -> int | None:
        """The revised pagu when the plan states one, else the initial pagu."""
        revised = self.values.get("budget_revised")
        return revised if revised is not None else self.values.get("budget_initial")

    @property
    def year(self) -> int | None:
        return self.values.get("year")

    @property
    def date(self) -> dt.date | None:
        return self.values.get("signed_on")


@dataclass
class EvaluationInput:
    """What the optional evaluation sheets say beyond the per-row series (rak_xl.parse.quarterly_input)."""

    sheets: set[str] = field(default_factory=set)  # evaluation sheets found and readable
    reporting_quarter: int | None = None  # 1..4 from Identitas "Triwulan Pelaporan"
    quarter_cell: Val | None = None  # that cell, when the label is present
    quarter_unreadable: bool = False  # the cell holds something other than a quarter
    orphans: list[Val] = field(default_factory=list)  # ID / code cells matching no plan row / budget line

    @property
    def started(self) -> bool:
        return bool(self.sheets)


@dataclass
class Plan:
    identity: Identity
    programs: list[Program]
    divisions: list[Division]
    rows: list[RakRow]
    budget_lines: list[BudgetLine]
    present: set[str]  # sheets (and "sheet:column" keys) the parser found usable
    evaluation: EvaluationInput = field(default_factory=EvaluationInput)  # quarterly evaluation inputs
    # Expected sheet name -> the tab's name in this workbook, where staff renamed it slightly
    # ("rak sekretariat"). The model speaks the expected names; links and listings use the tab's.
    sheet_names: dict[str, str] = field(default_factory=dict)
    # Groups, sub-activities and each row's Bagian, worked out on first use by rak_xl.figures.structure.of.
    structure: Any = field(default=None, repr=False, compare=False)
    # Input sheets whose own note says their figures are illustrative ("CONTOH ILUSTRATIF"): every
    # output derived from them says so (outputs.sheets.illustrative_notice).
    illustrative: list[str] = field(default_factory=list)

    def tab(self, sheet: str) -> str:
        return self.sheet_names.get(sheet, sheet)

    def rows_of(self, table: str) -> list[RakRow]:
        return [r for r in self.rows if r.table == table]

    @property
    def division_names(self) -> list[str]:
        return [d.name for d in self.divisions]
