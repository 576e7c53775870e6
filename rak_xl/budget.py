"""Budget arithmetic over the Plan, in whole Rupiah (ints: no floating-point drift).

The one place sums are made: the Validasi budget rules (RAK4xx) and the
Rekap Anggaran roll-up both call these, so the sheet and the findings can
never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

from .model import BudgetLine, Plan


def _add(totals: list[int], quarters: Iterable[int | None]) -> None:
    for i, q in enumerate(quarters):
        totals[i] += q or 0


def _totals_by(plan: Plan, key: Callable[[BudgetLine], Hashable | None]) -> dict:
    """Sum of line pagu per key; lines without an amount or without a key are left out."""
    out: dict = {}
    for line in plan.budget:
        k = key(line)
        if line.amount is not None and k:
            out[k] = out.get(k, 0) + line.amount
    return out


def program_totals(plan: Plan) -> dict[str, int]:
    """Sum of budget line pagu per program code, for every program code that appears."""
    return _totals_by(plan, lambda line: line.program)


def division_totals(plan: Plan) -> dict[str, int]:
    """Sum per canonical division name (lines whose division is unknown are left out)."""
    return _totals_by(plan, lambda line: line.division)


def program_division_totals(plan: Plan) -> dict[tuple[str, str], int]:
    return _totals_by(plan, lambda line: (line.program, line.division) if line.program and line.division else None)


def quarter_totals(lines: Iterable[BudgetLine]) -> list[int]:
    """Planned disbursement (RPD) per quarter, TW 1..4."""
    totals = [0, 0, 0, 0]
    for line in lines:
        _add(totals, line.quarters)
    return totals


def cumulative(quarters: list[int]) -> list[int]:
    out, running = [], 0
    for q in quarters:
        running += q
        out.append(running)
    return out


def allocated(plan: Plan) -> int:
    return sum(line.amount for line in plan.budget if line.amount is not None)


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
    for line in plan.budget:
        if line.rak_id:
            out.setdefault(line.rak_id.casefold(), []).append(line)
    return out


def lines_total(lines: Iterable[BudgetLine]) -> int:
    return sum(line.amount for line in lines if line.amount is not None)


# -- realised spending (quarterly evaluation, sheet Realisasi Anggaran) ------------------------

ABSORPTION_GUIDE = (15, 40, 60, 90)  # common cumulative absorption guide at the end of TW 1..4, percent


def pagu_of(lines: Iterable[BudgetLine]) -> int:
    """Pagu of some budget lines (lines without a readable amount count as 0)."""
    return sum(line.amount or 0 for line in lines)


def realised_quarter_totals(lines: Iterable[BudgetLine]) -> list[int]:
    """Realised spending per quarter, TW 1..4 (each line's spending IN that quarter)."""
    totals = [0, 0, 0, 0]
    for line in lines:
        _add(totals, line.realised)
    return totals


def to_date(quarters: list[int], quarter: int) -> int:
    """Cumulative amount up to and including `quarter` (1..4) of a per-quarter series."""
    return sum(quarters[:quarter])


def lines_by(plan: Plan, key: str) -> dict[str, list[BudgetLine]]:
    """Budget lines grouped by "program" (code) or "division" (canonical name); unknown keys left out."""
    out: dict[str, list[BudgetLine]] = {}
    for line in plan.budget:
        name = line.program if key == "program" else line.division
        if name:
            out.setdefault(name, []).append(line)
    return out
