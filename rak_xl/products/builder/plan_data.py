"""The plan a workbook is built from: one input object, whatever its source.

`rak_xl.products.builder.workbook` lays out a `PlanData`; it never reads a file. Three
sources make one:
- `workbook/sources/` (rak_xl.products.builder.sources.load_sources): the shipped 2022 plan;
- a parsed RAK workbook carried forward to a new year (`carry_forward`): IDs,
  texts, targets, quarter marks, responsible units and budget codes kept, the
  old year's amounts, dates and realisation emptied;
- a blank plan for any satker (`blank_plan`): the standard Bagian list and programs.

Plain records, not model objects. The model's RakRow and BudgetLine say what a parse found:
every value a Val with its cell, targets parsed, Bagian recognised. The builder needs what to
write, in no cell yet, with text exactly as written; faking cells for the text sources would
add a mapping instead of removing one. So a record is a dict (the TypedDicts below) under the
same keys as the model: a single value under its layout column key (core/layout.py: "indicator",
"unit_in_charge", "tw1", "amount"), a quarterly series as a list for TW 1..4 under the model's
name, `..._to_date` when cumulative (Capaian) and `..._by_quarter` when it is what falls in the
quarter alone (RPD, Realisasi Anggaran). The Indonesian CSV headers of workbook/sources are
translated in rak_xl.products.builder.sources and nowhere else.

Amounts are whole Rupiah (int) or None (empty cell); a target, a cumulative target or a
realisation is text as written ("100%", "5 dokumen", "3"), a number, or None.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypedDict

from rak_xl.core import layout as L
from rak_xl.core.model import Plan, RakRow, Val
from rak_xl.core.text import say, tw
from rak_xl.figures.kinds import fewer_is_better

# The four Subbagian of a KPU Kabupaten/Kota secretariat (Perpres 105/2018: type B has four; Bagian is the
# provincial level) and the two programs of BA 076 (domain.md). A plan keeps its own words: the shipped
# Probolinggo plan says "Bagian", and both are read as the same units (rak_xl.parse.divisions).
STANDARD_DIVISIONS = (
    ("KUL", "Subbagian Keuangan, Umum dan Logistik"),
    ("PDI", "Subbagian Perencanaan, Data dan Informasi"),
    ("TPPH", "Subbagian Teknis Penyelenggaraan Pemilu, Partisipasi dan Hubungan Masyarakat"),
    ("HSDM", "Subbagian Hukum dan Sumber Daya Manusia"),
)
STANDARD_PROGRAMS = (
    ("076.01.CQ", "Program Penyelenggaraan Pemilu dalam Proses Konsolidasi Demokrasi"),
    ("076.01.WA", "Program Dukungan Manajemen"),
)

# Identity fields that belong to one year's DIPA and signature: emptied when a plan is carried forward.
OLD_YEAR_IDENTITY = ("dipa_number", "dipa_date", "budget_initial", "budget_revised", "signed_on")
FIRST_QUARTER = tw(1)
# Text columns of the two RAK tables (every column but the target) and of a budget line.
RAK_TEXT_KEYS = tuple(c.key for c in L.RAK_A.columns if c.key != "target")
BUDGET_TEXT_KEYS = ("code", "program", "description", "division", "rak_id")


class ProgramRecord(TypedDict):
    code: str
    name: str
    amount: int | None


class DivisionRecord(TypedDict):
    code: str
    name: str


class RakRecord(TypedDict):
    """A row of RAK_KPU (group: Kegiatan) or RAK_Sekretariat (group: Sasaran Program)."""

    id: str
    group: str
    indicator: str
    target: object
    unit: str
    activity: str
    tw1: str  # the quarter marks as written: "√" or ""
    tw2: str
    tw3: str
    tw4: str
    unit_in_charge: str


class BudgetRecord(TypedDict):
    code: str
    program: str
    description: str
    division: str
    rak_id: str
    amount: int | None
    rpd_by_quarter: list[int | None]


class AchievementRecord(TypedDict):
    """A row of Capaian: both series cumulative, as the sheet asks staff to write them."""

    id: str
    direction: str
    targets_to_date: list[object]
    realised_to_date: list[object]


class SpendingRecord(TypedDict):
    """A row of Realisasi Anggaran: Rupiah spent in each quarter alone, like the RPD."""

    code: str
    description: str
    spent_by_quarter: list[int | None]


@dataclass
class PlanData:
    """Everything a RAK workbook holds, ready to lay out (see the module docstring for the value types)."""

    identity: dict[str, object]  # by layout.IDENTITY_FIELDS key ("satker", "year", ...); None = empty
    programs: list[ProgramRecord]
    divisions: list[DivisionRecord]
    rak_a: list[RakRecord]
    rak_b: list[RakRecord]
    budget_lines: list[BudgetRecord]
    # Quarterly evaluation: Capaian per RAK ID, Realisasi Anggaran per budget code.
    achievement: list[AchievementRecord] = field(default_factory=list)
    spending: list[SpendingRecord] = field(default_factory=list)
    # The notes over the Anggaran sheet and the two evaluation sheets, and the file's comment.
    budget_note: str = L.BUDGET_LINES.note
    evaluation_note: str = L.ILLUSTRATIVE_REALISATION
    origin: str = say("builder.origin.sources")

    @property
    def satker(self) -> str:
        return str(self.identity.get("satker") or "")

    @property
    def year(self) -> int | None:
        year = self.identity.get("year")
        return year if isinstance(year, int) else None

    @property
    def plan_date(self) -> dt.date | None:
        value = self.identity.get("signed_on")
        return value if isinstance(value, dt.date) else None


def empty_series() -> list:
    """A quarterly series with nothing filled in (a new list each time: records are edited in place)."""
    return [None] * len(L.QUARTERS)


# -- a parsed workbook, carried forward -----------------------------------------

def _text(val: Val | None) -> str:
    """The cell as text, exactly as written (a whole number read as 7.0 gives '7')."""
    if val is None or val.raw is None:
        return ""
    raw = val.raw
    if isinstance(raw, str):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _target(row: RakRow) -> object:
    """The target as the workbook holds it: a number stays a number, text stays text."""
    val = row.cells.get("target")
    if val is None or val.blank:
        return None
    raw = val.raw
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        return _text(val)
    return raw


def _rak_record(row: RakRow) -> RakRecord:
    record = {key: _text(row.cells.get(key)) for key in RAK_TEXT_KEYS}
    return RakRecord(**record, target=_target(row))


def _direction(row: RakRow) -> str:
    """Arah as written on Capaian when it says something, else what the indicator implies."""
    written = _text(row.evaluation_cells.get("direction")).strip()
    if written:
        return written
    return L.DIRECTION_DOWN if fewer_is_better(row.indicator) else L.DIRECTION_UP


def _carried_identity(plan: Plan, year: int) -> dict[str, object]:
    identity: dict[str, object] = {}
    for key, _label, _kind in L.IDENTITY_FIELDS:
        if key in OLD_YEAR_IDENTITY:
            identity[key] = None
        elif key == "year":
            identity[key] = year
        elif key == "reporting_quarter":
            identity[key] = FIRST_QUARTER
        else:
            identity[key] = _text(plan.identity.cells.get(key)).strip() or None
    return identity


def carry_forward(plan: Plan, year: int) -> PlanData:
    """The plan for `year`: everything that continues, nothing that belonged to the old year.

    Kept: the satker's identity (name, code, place, signer), programs (codes and names),
    Bagian, every RAK row with its ID, texts, target, unit, quarter marks and responsible
    unit, and every budget line with its code, program, description, Bagian and RAK ID.
    Emptied: the DIPA number, date and pagu, the program pagu, the budget amounts and RPD,
    the Tanggal Penetapan, and the Capaian and Realisasi Anggaran entries (their rows stay,
    keyed by ID and code, ready for the new year's figures). Triwulan Pelaporan is TW 1.
    """
    budget = [BudgetRecord(**{key: _text(b.cells.get(key)) for key in BUDGET_TEXT_KEYS},
                           amount=None, rpd_by_quarter=empty_series()) for b in plan.budget_lines]
    source_year = plan.identity.year
    source = say("builder.source_year", year=source_year) if source_year else say("builder.source_unknown")
    return PlanData(
        identity=_carried_identity(plan, year),
        programs=[ProgramRecord(code=p.code, name=p.name, amount=None) for p in plan.programs],
        divisions=[DivisionRecord(code=d.code, name=d.name) for d in plan.divisions],
        rak_a=[_rak_record(r) for r in plan.rows_of("A")],
        rak_b=[_rak_record(r) for r in plan.rows_of("B")],
        budget_lines=budget,
        achievement=[AchievementRecord(id=r.id, direction=_direction(r), targets_to_date=empty_series(),
                                       realised_to_date=empty_series()) for r in plan.rows if r.id],
        spending=[SpendingRecord(code=b["code"], description=b["description"], spent_by_quarter=empty_series())
                  for b in budget if b["code"].strip()],
        budget_note=say("builder.budget_note.carried", source=source, year=year),
        evaluation_note=say("builder.evaluation_note.to_fill"),
        origin=say("builder.origin.carried", source=source, year=year),
    )


# -- a blank plan for any satker ----------------------------------------------------

def blank_plan(satker: str, code: str, year: int) -> PlanData:
    """An empty plan: identity, the standard Bagian and programs; every table ready to fill."""
    identity: dict[str, object] = {key: None for key, _label, _kind in L.IDENTITY_FIELDS}
    identity.update(satker=satker, satker_code=code, year=year, reporting_quarter=FIRST_QUARTER)
    return PlanData(
        identity=identity,
        programs=[ProgramRecord(code=c, name=n, amount=None) for c, n in STANDARD_PROGRAMS],
        divisions=[DivisionRecord(code=c, name=n) for c, n in STANDARD_DIVISIONS],
        rak_a=[], rak_b=[], budget_lines=[],
        budget_note=say("builder.budget_note.blank", year=year),
        evaluation_note=say("builder.evaluation_note.to_fill"),
        origin=say("builder.origin.blank", satker=satker, year=year),
    )
