"""RAK6xx: quarterly evaluation (sheets Capaian and Realisasi Anggaran, Triwulan Pelaporan).

A workbook without the evaluation sheets gets RAK601 once and nothing else
from this module: the other checks need the sheets (frictionless' "failed
precondition" pattern). Capaian figures come from rak_xl.figures.quarterly, so the
Evaluasi sheet and these findings can never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from rak_xl.core import layout as L
from rak_xl.core.catalog import (
    RAK601, RAK602, RAK603, RAK604, RAK605, RAK606, RAK607, RAK608, RAK609, RAK610, RAK611, UNIT_ERROR_THRESHOLD,
)
from rak_xl.core.findings import Finding, first_few, id_list
from rak_xl.core.model import Plan, RakRow
from rak_xl.core.text import both, each_lang, money, quantity
from rak_xl.figures import kinds
from rak_xl.figures.quarterly import direction_contradicts_targets, judged_quarters

from . import rule


def _listed(plan: Plan) -> list[RakRow]:
    """Rows that have a row on the Capaian sheet, found once per plan for the rules that walk them
    (kept on the plan: it is not changed after parsing)."""
    found = plan.__dict__.get("_listed")
    if found is None:
        found = plan.__dict__["_listed"] = [r for r in plan.rows if r.evaluation_cells] \
            if L.SHEET_ACHIEVEMENT in plan.evaluation.sheets else []
    return found


@rule(RAK601)
def not_started(plan: Plan) -> Iterator[Finding]:
    # Only for a plan that is there: a workbook without RAK sheets already has its RAK101s.
    if not plan.evaluation.started and {L.SHEET_RAK_A, L.SHEET_RAK_B} & plan.present:
        yield RAK601.on(L.SHEET_ACHIEVEMENT)


@rule(RAK602)
def reporting_quarter_unreadable(plan: Plan) -> Iterator[Finding]:
    cell = plan.evaluation.quarter_cell
    if plan.evaluation.quarter_unreadable and cell is not None:
        yield RAK602.at(cell.cell, value=cell.text)


@rule(RAK603)
def realisation_missing(plan: Plan) -> Iterator[Finding]:
    """One finding per quarter: "TW 3 is empty for these indicators" is one fact, however many rows."""
    reporting = plan.evaluation.reporting_quarter
    if not reporting:
        return
    for q in range(1, reporting + 1):
        # A yearly score is not missing before the quarter it is measured in (rak_xl.figures.kinds).
        # The cell reference is built last: only for the rows reported.
        missing = [(row, ref) for row in _listed(plan) if row.targets_to_date[q - 1] is not None
                   and row.realised_to_date[q - 1] is None and not kinds.not_measured_yet(row, q)
                   and (ref := row.realised_to_date_ref(q)) is not None]
        if missing:
            yield RAK603.spanning(missing[0][1].sheet, [ref for _, ref in missing], row_id=missing[0][0].id,
                                  quarter=q, reporting=reporting, count=len(missing),
                                  ids=id_list([row.id for row, _ in missing]))


@rule(RAK604)
def spending_missing(plan: Plan) -> Iterator[Finding]:
    reporting = plan.evaluation.reporting_quarter
    if not reporting or L.SHEET_SPENDING not in plan.evaluation.sheets:
        return
    for q in range(1, reporting + 1):
        missing = [(line, val) for line in plan.budget_lines if (val := line.realised_cells.get(f"real{q}")) is not None
                   and line.spent_by_quarter[q - 1] is None and line.rpd_by_quarter[q - 1]]
        if missing:
            planned = sum(line.rpd_by_quarter[q - 1] for line, _ in missing)
            yield RAK604.spanning(missing[0][1].cell.sheet, [val.cell for _, val in missing], row_id=missing[0][0].code,
                                  quarter=q, reporting=reporting, count=len(missing), planned=money(planned))


@rule(RAK605)
def realisation_in_unmarked_quarter(plan: Plan) -> Iterator[Finding]:
    with_quarters: dict[str, bool] = {}
    for row in _listed(plan):
        if row.sheet not in with_quarters:
            with_quarters[row.sheet] = all(f"{row.sheet}:tw{q}" in plan.present for q in L.QUARTERS)
        if not with_quarters[row.sheet]:
            continue  # without the quarter columns the plan says nothing about quarters
        before = 0.0  # the most realised up to the quarter before
        for q, value in zip(L.QUARTERS, row.realised_to_date):
            if value is None or not value > before:
                continue  # nothing new realised
            unreadable = row.unreadable_marks[q - 1]  # RAK105 reports that one
            if not row.marks[q - 1] and not unreadable and (ref := row.realised_to_date_ref(q)) is not None:
                pct = row.in_percent
                yield RAK605.at(ref, row_id=row.id, quarter=q, before=quantity(before, pct), after=quantity(value, pct),
                                sheet=row.sheet)
            before = value


@rule(RAK606)
def realisation_decreasing(plan: Plan) -> Iterator[Finding]:
    for row in _listed(plan):
        if kinds.kind_of(row) == kinds.RATE:
            continue  # a rate to date (the share on time so far) may fall; it does not add up
        previous: tuple[int, float] | None = None
        for q in L.QUARTERS:
            value = row.realised_to_date[q - 1]
            if value is None:
                continue
            if previous is not None and value < previous[1] and (ref := row.realised_to_date_ref(q)) is not None:
                pct = row.in_percent
                yield RAK606.at(ref, row_id=row.id, quarter=q, previous=previous[0], before=quantity(previous[1], pct),
                                after=quantity(value, pct))
            if previous is None or value >= previous[1]:
                previous = (q, value)


@rule(RAK607)
def achievement_implausible(plan: Plan) -> Iterator[Finding]:
    for row in _listed(plan):
        realised = row.realised_to_date
        if realised.count(None) == len(realised):
            continue  # nothing realised: nothing judged
        judged = judged_quarters(row)
        for q in L.QUARTERS:
            if realised[q - 1] is None:
                continue
            value = judged[q - 1][0]
            if value is None or value <= UNIT_ERROR_THRESHOLD:
                continue
            if (ref := row.realised_to_date_ref(q)) is not None:
                yield RAK607.at(ref, row_id=row.id, quarter=q, value=quantity(value, False))


@rule(RAK608)
def evaluation_row_unknown(plan: Plan) -> Iterator[Finding]:
    for val in plan.evaluation.orphans:
        capaian = val.cell.sheet == L.SHEET_ACHIEVEMENT
        yield RAK608.at(val.cell, row_id=val.text, key=val.text, sheet=val.cell.sheet,
                        what=both("rules.row_id" if capaian else "rules.budget_code"),
                        source=f"{L.SHEET_RAK_A}/{L.SHEET_RAK_B}" if capaian else L.SHEET_BUDGET)


@rule(RAK609)
def evaluation_rows_absent(plan: Plan) -> Iterator[Finding]:
    """One finding per sheet, not one per row: a new plan row is a reminder, not a defect."""
    missing = []
    if L.SHEET_ACHIEVEMENT in plan.evaluation.sheets:
        # A repeated ID is RAK108's: its second row cannot have a Capaian row of its own.
        counts = Counter(r.id.casefold() for r in plan.rows if r.id)
        missing.append((L.SHEET_ACHIEVEMENT, "rules.id_column",
                        [r.id for r in plan.rows if r.id and not r.evaluation_cells and counts[r.id.casefold()] == 1]))
    if L.SHEET_SPENDING in plan.evaluation.sheets:
        missing.append((L.SHEET_SPENDING, "rules.code_column",
                        [line.code for line in plan.budget_lines if line.code and not line.realised_cells]))
    for sheet, what, keys in missing:
        if keys:
            yield RAK609.on(sheet, count=len(keys), keys=first_few(keys, 5), sheet=sheet, what=both(what))


@rule(RAK610)
def direction_contradicts_targets_rule(plan: Plan) -> Iterator[Finding]:
    """One fact per sheet: the rows whose Arah says "lower is better" while their targets rise."""
    hits = [row for row in _listed(plan) if direction_contradicts_targets(row)]
    if not hits:
        return
    cells = [(row.evaluation_cells.get("direction") or row.evaluation_cells["id"]).cell for row in hits]
    first = hits[0]
    series = each_lang(lambda lang: " -> ".join(quantity(v, True).of(lang) for v in first.targets_to_date
                                                   if v is not None))
    yield RAK610.spanning(cells[0].sheet, cells, row_id=first.id, count=len(hits), ids=id_list([r.id for r in hits]),
                          series=series)


@rule(RAK611)
def indicator_kind_unsure(plan: Plan) -> Iterator[Finding]:
    """One fact per sheet and reason: the rows whose words name a kind their quarterly targets contradict."""
    by_reason: dict[str, list[RakRow]] = {}
    for row in _listed(plan):
        reason = kinds.disagreement(row)
        if reason is not None:
            by_reason.setdefault(reason, []).append(row)
    for reason, rows in by_reason.items():
        cells = [(row.target_to_date_ref(1) or row.evaluation_cells["id"].cell) for row in rows]
        yield RAK611.spanning(cells[0].sheet, cells, row_id=rows[0].id, count=len(rows),
                              ids=id_list([r.id for r in rows]), reason=both(f"kinds.unsure.{reason}"),
                              sheet=cells[0].sheet, fix=both(f"kinds.fix.{reason}"))
