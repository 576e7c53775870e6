"""Rekap Anggaran: the budget rolled up per program, per division and per quarter.

Pure functions over the Plan; every Rupiah sum comes from rak_xl.budget, the
same functions the Validasi budget rules use, so the sheet and the findings
agree. Amounts are whole Rupiah (ints); shares are only computed for display.

Which division a RAK row belongs to: its Penanggung Jawab when recognised.
Most rows of the seed have none, so a row without one takes the division of
the budget lines that fund its activity block (the block's rows share one
responsible unit, see workbook/sources/README.md); rows that neither name a
division nor are funded are counted under UNASSIGNED rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import budget
from .model import BudgetLine, Plan, RakRow
from .rules.helpers import blocks_of as row_blocks
from .rules.helpers import per_plan

UNASSIGNED = "Tanpa penanggung jawab"  # RAK rows with no division, stated or funded
UNKNOWN_DIVISION = "Bagian tidak dikenali"  # budget lines whose Bagian matches no division
ABSORPTION_GUIDE = (15, 40, 60, 90)  # usual cumulative absorption at the end of TW I..IV, percent


@dataclass
class Block:
    """An activity (sub-activity): consecutive rows of one table with the same group and activity text
    (compared without case and spacing, as rules.helpers.blocks does)."""

    rows: list[RakRow]
    division: str
    funded: bool

    @property
    def first(self) -> RakRow:
        return self.rows[0]


@dataclass
class RowInfo:
    """What the roll-up and the consolidated table know about one RAK row."""

    row: RakRow
    division: str
    division_inferred: bool  # not this row's Penanggung Jawab: another row of its block, or the Anggaran sheet
    budget: int  # Rupiah of the budget lines linked to this row
    funded: bool  # at least one budget line links to this row
    block_start: bool  # first row of its activity block


@dataclass
class ProgramRollup:
    code: str
    name: str
    pagu: int | None  # what the Program sheet states
    allocated: int  # sum of the budget lines of this program
    quarters: list[int]  # planned disbursement (RPD) TW 1..4

    @property
    def difference(self) -> int | None:
        return None if self.pagu is None else self.pagu - self.allocated


@dataclass
class DivisionRollup:
    name: str
    allocated: int = 0
    by_program: dict[str, int] = field(default_factory=dict)
    quarters: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    indicators: int = 0
    indicators_funded: int = 0
    activities: int = 0
    activities_funded: int = 0


@dataclass
class Rollup:
    dipa_pagu: int | None  # pagu in force (revised when stated)
    dipa_pagu_initial: int | None
    programs_declared: int  # what the Program sheet allocates, added up
    allocated: int  # all budget lines
    programs: list[ProgramRollup]
    divisions: list[DivisionRollup]
    quarters: list[int]  # all budget lines, TW 1..4

    @property
    def dipa_difference(self) -> int | None:
        return None if self.dipa_pagu is None else self.dipa_pagu - self.programs_declared

    @property
    def cumulative(self) -> list[int]:
        return budget.cumulative(self.quarters)

    def cumulative_share(self) -> list[float | None]:
        """Cumulative RPD as a fraction of the DIPA pagu in force (display only)."""
        if not self.dipa_pagu:
            return [None] * 4
        return [c / self.dipa_pagu for c in self.cumulative]

    def as_dict(self) -> dict:
        """The `rak-xl rollup --format json` shape. For the DIPA, "allocated" is what the Program
        sheet gives the programs (RAK409 compares the same two numbers); for a program it is the
        sum of its budget lines."""
        return {
            "dipa": {"pagu": self.dipa_pagu, "allocated": self.programs_declared,
                     "difference": self.dipa_difference},
            "programs": [{"code": p.code, "name": p.name, "pagu": p.pagu, "allocated": p.allocated,
                          "difference": p.difference, "quarters": list(p.quarters)} for p in self.programs],
            "divisions": [{"name": d.name, "allocated": d.allocated, "by_program": dict(d.by_program),
                           "quarters": list(d.quarters)} for d in self.divisions],
        }


def blocks(plan: Plan) -> list[Block]:
    """Activity blocks in sheet order, each with its division and whether any row is funded.

    Worked out once per plan: the roll-up, the consolidated table and Evaluasi all use them."""
    def make() -> list[Block]:
        funding = budget.lines_by_row(plan)
        out: list[Block] = []
        # The same blocks the Validasi rules see (RAK407 "block not funded"), so the two never disagree.
        for rows in row_blocks(plan):
            lines = [line for r in rows for line in funding.get(r.id.casefold(), [])]
            stated = next((r.division for r in rows if r.division), None)
            out.append(Block(rows, stated or _main_division(lines) or UNASSIGNED, bool(lines)))
        return out
    return per_plan(plan, "rollup_blocks", make)


def _main_division(lines: list[BudgetLine]) -> str | None:
    """The division holding the largest share of `lines` (ties: the first met)."""
    amounts: dict[str, int] = {}
    for line in lines:
        if line.division:
            amounts[line.division] = amounts.get(line.division, 0) + (line.amount or 0)
    return max(amounts, key=lambda d: amounts[d]) if amounts else None


def row_infos(plan: Plan) -> list[RowInfo]:
    funding = budget.lines_by_row(plan)
    out = []
    for block in blocks(plan):
        for i, row in enumerate(block.rows):
            division = row.division or block.division
            lines = funding.get(row.id.casefold(), [])
            inferred = row.division is None and division != UNASSIGNED
            out.append(RowInfo(row, division, inferred, budget.lines_total(lines), bool(lines), i == 0))
    return out


def division_order(plan: Plan, extra: list[str]) -> list[str]:
    """The Bagian sheet's order, then anything else met (unassigned, unrecognised) in a fixed order."""
    names = list(plan.division_names)
    for name in extra:
        if name not in names:
            names.append(name)
    return names


def rollup(plan: Plan) -> Rollup:
    codes = [p.code for p in plan.programs if p.code]
    for line in plan.budget:  # a program code used only in Anggaran still gets its row
        if line.program and line.program not in codes:
            codes.append(line.program)
    names = {p.code: p.name for p in plan.programs}
    stated = {p.code: p.amount for p in plan.programs}
    totals = budget.program_totals(plan)
    programs = [ProgramRollup(code, names.get(code, ""), stated.get(code), totals.get(code, 0),
                              budget.quarter_totals(line for line in plan.budget if line.program == code))
                for code in codes]

    divisions: dict[str, DivisionRollup] = {}

    def division(name: str) -> DivisionRollup:
        if name not in divisions:
            divisions[name] = DivisionRollup(name, by_program={code: 0 for code in codes})
        return divisions[name]

    for name in plan.division_names:
        division(name)
    by_division: dict[str, list[BudgetLine]] = {}
    for line in plan.budget:
        by_division.setdefault(line.division or UNKNOWN_DIVISION, []).append(line)
    for name, lines in by_division.items():
        d = division(name)
        d.allocated = budget.lines_total(lines)
        d.quarters = budget.quarter_totals(lines)
        for line in lines:
            if line.program and line.amount is not None:
                d.by_program[line.program] = d.by_program.get(line.program, 0) + line.amount
    for info in row_infos(plan):
        d = division(info.division)
        d.indicators += 1
        d.indicators_funded += info.funded
    for block in blocks(plan):
        d = division(block.division)
        d.activities += 1
        d.activities_funded += block.funded
    order = division_order(plan, [UNASSIGNED, UNKNOWN_DIVISION])
    return Rollup(
        dipa_pagu=budget.pagu_in_force(plan),
        dipa_pagu_initial=plan.identity.get("budget_initial"),
        programs_declared=budget.declared_programs_total(plan),
        allocated=budget.allocated(plan),
        programs=programs,
        divisions=sorted(divisions.values(), key=lambda d: order.index(d.name) if d.name in order else len(order)),
        quarters=budget.quarter_totals(plan.budget),
    )
