"""RAK2xx kelengkapan: what a row or the plan must contain and does not."""

from __future__ import annotations

from collections.abc import Iterator

from rak_xl.core import layout as L
from rak_xl.core.catalog import RAK201, RAK202, RAK203, RAK204, RAK205, RAK206, RAK207
from rak_xl.core.findings import Finding, id_list
from rak_xl.core.model import Plan, RakRow
from rak_xl.core.text import both, tw
from rak_xl.figures import kinds

from . import rule
from .helpers import divisions_named, row_label, series_gaps, target_series

_CONTENT = ("target", "activity", *L.MARK_KEYS)


@rule(RAK201)
def target_missing(plan: Plan) -> Iterator[Finding]:
    for row in plan.rows:
        if "target" in row.cells and row.target is None and row.indicator:
            yield RAK201.at(row.ref("target"), row_id=row.id)


@rule(RAK202)
def quarter_mark_none(plan: Plan) -> Iterator[Finding]:
    for row in plan.rows:
        # An unrecognised mark is RAK105's; reporting "no mark" as well would say it twice.
        if any(row.marks) or any(row.unreadable_marks) or not row.indicator:
            continue
        mark = next((row.cells[k] for k in L.MARK_KEYS if k in row.cells), None)
        if mark is not None:
            yield RAK202.at(mark.cell, row_id=row.id)


@rule(RAK203)
def unit_in_charge_missing(plan: Plan) -> Iterator[Finding]:
    """One finding per run of rows without a unit: the seed names a unit once per table (or
    not at all), so the fact is "this stretch of the column is empty", not one per row."""
    divisions = divisions_named(plan)
    run: list[RakRow] = []
    named: RakRow | None = None  # the last row that names a unit, to offer it for the run after it

    def flush() -> Iterator[Finding]:
        if not run:
            return
        suggest = ""
        if named is not None and named.sheet == run[0].sheet:
            suggest = both("rules.unit_above", id=named.id, unit=named.division or named.text("unit_in_charge"))
        yield RAK203.spanning(run[0].sheet, [r.cells["unit_in_charge"].cell for r in run], row_id=run[0].id,
                              count=len(run), ids=id_list([row_label(r) for r in run]), divisions=divisions,
                              suggest=suggest)

    for row in plan.rows:
        cell = row.cells.get("unit_in_charge")
        if cell is None or not row.indicator:
            continue
        if run and row.sheet != run[-1].sheet:
            yield from flush()
            run, named = [], None
        if cell.blank:
            run.append(row)
        else:
            if run:  # most rows name their unit: no run to close
                yield from flush()
                run = []
            named = row
    yield from flush()


@rule(RAK204)
def indicator_missing(plan: Plan) -> Iterator[Finding]:
    for row in plan.rows:
        cell = row.cells.get("indicator")
        if cell is None or not cell.blank:
            continue
        if any(k in row.cells and not row.cells[k].blank for k in _CONTENT):
            yield RAK204.at(cell.cell, row_id=row.id)


@rule(RAK205)
def activity_missing(plan: Plan) -> Iterator[Finding]:
    for row in plan.rows:
        cell = row.cells.get("activity")
        if cell is not None and cell.blank and row.indicator:
            yield RAK205.at(cell.cell, row_id=row.id)


@rule(RAK207)
def table_empty(plan: Plan) -> Iterator[Finding]:
    """A table that was found (its header is there) with no row under it: one finding per table."""
    tables = [(t.sheet, not plan.rows_of(code), "rules.indicators") for t, code in zip(L.RAK_TABLES, ("A", "B"))]
    tables.append((L.SHEET_BUDGET, not plan.budget_lines, "rules.budget_lines"))
    for sheet, empty, what in tables:
        if empty and sheet in plan.present:
            yield RAK207.on(sheet, sheet=sheet, what=both(what))


# Quarterly targets from the evaluation sheet (Capaian), when the plan has them. The
# realisation series is checked by the RAK6xx evaluation rules, so it is not repeated here.
@rule(RAK206)
def quarter_target_gap(plan: Plan) -> Iterator[Finding]:
    for row, values, cell_of in target_series(plan):
        gaps = series_gaps(values)
        if not gaps or kinds.kind_of(row) == kinds.SCORE:
            continue  # a yearly score has its target in the quarter it is measured in only (figures/kinds.py)
        for i in gaps:
            cell = cell_of(i + 1)
            if cell is not None:
                yield RAK206.at(cell, row_id=row.id, quarter=tw(i + 1))
