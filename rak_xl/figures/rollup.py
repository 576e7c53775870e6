"""Rekap Anggaran: the budget rolled up per program, per division and per quarter.

Pure functions over the Plan. Every sum over budget lines comes from rak_xl.figures.sums (the
same functions the Validasi budget rules, Konsolidasi, Evaluasi and Rekap Provinsi use); the
totals the sheets show of the roll-up itself (the divisions' total row, the budget a group of
RAK rows is linked to) are added up here, so no sheet adds anything up. Which Bagian answers
for a row and which rows form a sub-activity come from rak_xl.figures.structure. A division's
budget is the Anggaran lines whose Bagian names it; its indicators and sub-activities are those
whose responsible unit it is. Amounts are whole Rupiah (ints); shares are fractions of one for percent
cells, rounded by rak_xl.figures.rounding's rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rak_xl.core.model import Plan

from . import rounding, structure, sums
from .structure import UNASSIGNED
from .sums import UNKNOWN_DIVISION


@dataclass
class ProgramRollup:
    code: str
    name: str
    pagu: int | None  # what the Program sheet states
    allocated: int  # sum of the budget lines of this program
    rpd_by_quarter: list[int]  # planned disbursement (RPD) in TW 1..4

    @property
    def difference(self) -> int | None:
        return None if self.pagu is None else self.pagu - self.allocated

    def cumulative_share(self) -> list[float | None]:
        """Cumulative RPD as a fraction of the program's pagu, TW 1..4."""
        return [rounding.fraction(rounding.share(c, self.pagu or 0)) for c in sums.cumulative(self.rpd_by_quarter)]


@dataclass
class DivisionRollup:
    name: str
    allocated: int = 0
    by_program: dict[str, int] = field(default_factory=dict)
    rpd_by_quarter: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    indicators: int = 0
    indicators_funded: int = 0
    activities: int = 0
    activities_funded: int = 0


@dataclass
class BudgetRollup:
    dipa_pagu: int | None  # pagu in force (revised when stated)
    dipa_pagu_initial: int | None
    programs_declared: int  # what the Program sheet allocates, added up
    allocated: int  # all budget lines
    programs: list[ProgramRollup]
    divisions: list[DivisionRollup]
    rpd_by_quarter: list[int]  # all budget lines, in TW 1..4
    linked: int = 0  # the Anggaran lines linked to RAK rows, counted once per row they fund

    @property
    def dipa_difference(self) -> int | None:
        return None if self.dipa_pagu is None else self.dipa_pagu - self.programs_declared

    @property
    def programs_difference(self) -> int:
        """What the Program sheet gives the programs minus what the budget lines allocate."""
        return self.programs_declared - self.allocated

    @property
    def unlinked(self) -> int:
        """Rupiah of the budget not linked to any RAK row (Konsolidasi's 'Di antaranya ...')."""
        return self.allocated - self.linked

    @property
    def cumulative(self) -> list[int]:
        return sums.cumulative(self.rpd_by_quarter)

    def _cumulative_percent(self) -> list[float | None]:
        return [rounding.share(c, self.dipa_pagu or 0) for c in self.cumulative]

    def cumulative_share(self) -> list[float | None]:
        """Cumulative RPD as a fraction of the DIPA pagu in force, TW 1..4."""
        return [rounding.fraction(p) for p in self._cumulative_percent()]

    def guide_gap(self) -> list[float | None]:
        """Cumulative share minus the absorption guide, TW 1..4, as fractions."""
        return [None if p is None else rounding.fraction(rounding.percent(p - g))
                for p, g in zip(self._cumulative_percent(), sums.ABSORPTION_GUIDE)]

    def shown_divisions(self) -> list[DivisionRollup]:
        """The divisions a sheet lists: every Bagian, and the two catch-alls (unassigned rows, lines of an
        unrecognised Bagian) only when something falls in them."""
        return [d for d in self.divisions if d.allocated or d.indicators or d.name not in (UNASSIGNED, UNKNOWN_DIVISION)]

    def shown_total(self) -> DivisionRollup:
        """The shown divisions added up (a sheet's total row): every figure of a division."""
        shown = self.shown_divisions()
        codes = [p.code for p in self.programs]
        return DivisionRollup(
            "", sum(d.allocated for d in shown),
            {c: sum(d.by_program.get(c, 0) for d in shown) for c in codes},
            [sum(d.rpd_by_quarter[i] for d in shown) for i in range(4)],
            sum(d.indicators for d in shown), sum(d.indicators_funded for d in shown),
            sum(d.activities for d in shown), sum(d.activities_funded for d in shown))

    def as_dict(self) -> dict:
        """The `rak-xl rollup --format json` shape. For the DIPA, "allocated" is what the Program
        sheet gives the programs (RAK409 compares the same two numbers); for a program it is the
        sum of its budget lines."""
        return {
            "dipa": {"pagu": self.dipa_pagu, "allocated": self.programs_declared,
                     "difference": self.dipa_difference},
            "programs": [{"code": p.code, "name": p.name, "pagu": p.pagu, "allocated": p.allocated,
                          "difference": p.difference, "quarters": list(p.rpd_by_quarter)} for p in self.programs],
            "divisions": [{"name": d.name, "allocated": d.allocated, "by_program": dict(d.by_program),
                           "quarters": list(d.rpd_by_quarter)} for d in self.divisions],
        }


def guide_shares() -> list[float]:
    """The absorption guide (sums.ABSORPTION_GUIDE) as fractions of the pagu, TW 1..4."""
    return [rounding.fraction(g) for g in sums.ABSORPTION_GUIDE]


def linked_amount(places) -> int:
    """Rupiah of the Anggaran lines linked to these RAK rows (structure.RowPlace), once per row."""
    return sum(place.linked_amount for place in places)


def division_order(plan: Plan, extra: list[str]) -> list[str]:
    """The Bagian sheet's order, then anything else met (unassigned, unrecognised) in a fixed order."""
    names = list(plan.division_names)
    for name in extra:
        if name not in names:
            names.append(name)
    return names


def rollup(plan: Plan) -> BudgetRollup:
    codes = [p.code for p in plan.programs if p.code]
    for line in plan.budget_lines:  # a program code used only in Anggaran still gets its row
        if line.program and line.program not in codes:
            codes.append(line.program)
    names = {p.code: p.name for p in plan.programs}
    stated = {p.code: p.amount for p in plan.programs}
    lines_of = sums.lines_by_program(plan)
    programs = [ProgramRollup(code, names.get(code, ""), stated.get(code), sums.lines_total(lines_of.get(code, [])),
                              sums.quarter_totals(lines_of.get(code, []))) for code in codes]

    divisions: dict[str, DivisionRollup] = {}

    def division(name: str) -> DivisionRollup:
        if name not in divisions:
            divisions[name] = DivisionRollup(name, by_program={code: 0 for code in codes})
        return divisions[name]

    for name in plan.division_names:
        division(name)
    for name, lines in sums.lines_by_division(plan).items():
        d = division(name)
        d.allocated = sums.lines_total(lines)
        d.rpd_by_quarter = sums.quarter_totals(lines)
        for code, program_lines in sums.by_program(lines).items():
            d.by_program[code] = sums.lines_total(program_lines)
    plan_structure = structure.of(plan)
    for place in plan_structure.places:
        d = division(place.division)
        d.indicators += 1
        d.indicators_funded += place.funded
    for block in plan_structure.blocks:
        d = division(block.division)
        d.activities += 1
        d.activities_funded += block.funded
    order = division_order(plan, [UNASSIGNED, UNKNOWN_DIVISION])
    return BudgetRollup(
        dipa_pagu=sums.pagu_in_force(plan),
        dipa_pagu_initial=plan.identity.get("budget_initial"),
        programs_declared=sums.declared_programs_total(plan),
        allocated=sums.allocated(plan),
        programs=programs,
        divisions=sorted(divisions.values(), key=lambda d: order.index(d.name) if d.name in order else len(order)),
        rpd_by_quarter=sums.quarter_totals(plan.budget_lines),
        linked=linked_amount(plan_structure.places),
    )
