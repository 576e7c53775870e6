"""Budget arithmetic over the Plan, in whole Rupiah (ints: no floating-point drift).

The one place Rupiah sums are made: the Validasi budget rules (RAK4xx), Rekap Anggaran,
Konsolidasi, Evaluasi, the Kiriman e-mail and Rekap Provinsi all call these, so no two
outputs can show different figures for one thing.

A division's budget is the sum of the Anggaran lines whose Bagian column names it: that
unit spends it. Lines whose Bagian matches no division count under UNKNOWN_DIVISION, so
the divisions always add up to the whole. Which Bagian answers for a RAK row is another
question (rak_xl.figures.structure); a line funding a row of another Bagian is RAK416.
"""

from __future__ import annotations

from collections.abc import Iterable

from rak_xl.core import layout
from rak_xl.core.model import BudgetLine, Plan

UNKNOWN_DIVISION = "Bagian tidak dikenali"  # budget lines whose Bagian matches no division


def _quarter_sums(series: Iterable[list[int | None]]) -> list[int]:
    """Column sums of TW 1..4 series (None adds nothing). Unrolled: Rekap Provinsi calls it per
    quarter for every workbook."""
    a = b = c = d = 0
    for q1, q2, q3, q4 in series:
        a += q1 or 0
        b += q2 or 0
        c += q3 or 0
        d += q4 or 0
    return [a, b, c, d]


def program_totals(plan: Plan) -> dict[str, int]:
    """Sum of budget line pagu per program code, for every program code that appears."""
    return {code: lines_total(lines) for code, lines in lines_by_program(plan).items()}


def division_of(line: BudgetLine) -> str:
    """The division a line's budget counts for: its Bagian, or UNKNOWN_DIVISION."""
    return line.division or UNKNOWN_DIVISION


def division_totals(plan: Plan) -> dict[str, int]:
    """A division's budget: the sum of the lines whose Bagian names it (see the module docstring)."""
    return {name: lines_total(lines) for name, lines in lines_by_division(plan).items()}


def quarter_totals(lines: Iterable[BudgetLine]) -> list[int]:
    """Planned disbursement (RPD) per quarter, TW 1..4."""
    return _quarter_sums(line.rpd_by_quarter for line in lines)


def rpd_total(line: BudgetLine) -> int:
    """A line's planned disbursement over the year: its RPD TW 1..4 added up (None adds nothing)."""
    return sum(filter(None, line.rpd_by_quarter))


def cumulative(quarters: list[int]) -> list[int]:
    out, running = [], 0
    for q in quarters:
        running += q
        out.append(running)
    return out


def allocated(plan: Plan) -> int:
    """All budget lines: the plan's whole budget."""
    return lines_total(plan.budget_lines)


def declared_programs_total(plan: Plan) -> int:
    """What the plan states per program (Program sheet), added up."""
    return sum(p.amount for p in plan.programs if p.amount is not None)


def pagu_in_force(plan: Plan) -> int | None:
    """The DIPA pagu that applies: the revised one when the plan states it, else the initial one."""
    return plan.identity.budget_in_force


def dipa_difference(plan: Plan) -> int | None:
    """Pagu in force minus what the plan allocates to its programs (the Program sheet)."""
    pagu = pagu_in_force(plan)
    return None if pagu is None else pagu - declared_programs_total(plan)


def lines_by_row(plan: Plan) -> dict[str, list[BudgetLine]]:
    """Budget lines per RAK row ID (case-insensitive key): a line funds the row it links to."""
    out: dict[str, list[BudgetLine]] = {}
    for line in plan.budget_lines:
        if line.rak_id:
            out.setdefault(line.rak_id.casefold(), []).append(line)
    return out


def lines_total(lines: Iterable[BudgetLine]) -> int:
    """Pagu of some budget lines (lines without a readable amount add nothing)."""
    return sum(line.amount for line in lines if line.amount is not None)


# -- realised spending (quarterly evaluation, sheet Realisasi Anggaran) ------------------------

# The usual cumulative absorption at the end of TW 1..4, percent (Rekap Anggaran RPD, Evaluasi); defined
# in core so that the buttons' help states the same numbers.
ABSORPTION_GUIDE = layout.ABSORPTION_GUIDE


def realised_quarter_totals(lines: Iterable[BudgetLine]) -> list[int]:
    """Realised spending per quarter, TW 1..4 (each line's spending IN that quarter)."""
    return _quarter_sums(line.spent_by_quarter for line in lines)


def to_date(quarters: list[int], quarter: int) -> int:
    """Cumulative amount up to and including `quarter` (1..4) of a per-quarter series."""
    return sum(quarters[:quarter])


def by_program(lines: Iterable[BudgetLine]) -> dict[str, list[BudgetLine]]:
    """`lines` per program code, in order of appearance; lines without a program left out."""
    out: dict[str, list[BudgetLine]] = {}
    for line in lines:
        if line.program:
            out.setdefault(line.program, []).append(line)
    return out


def lines_by_program(plan: Plan) -> dict[str, list[BudgetLine]]:
    return by_program(plan.budget_lines)


def lines_by_division(plan: Plan) -> dict[str, list[BudgetLine]]:
    """Budget lines per division (division_of): the Bagian sheet's order, then UNKNOWN_DIVISION.
    Divisions without lines are left out."""
    found: dict[str, list[BudgetLine]] = {}
    for line in plan.budget_lines:
        found.setdefault(division_of(line), []).append(line)
    order = [*plan.division_names, *(n for n in found if n not in plan.division_names)]
    return {name: found[name] for name in order if name in found}
