"""The jobs behind the buttons and the CLI. Pure: grids in, report and WritePlan out.

Every door calls these: rak_xl.buttons (Excel), rak_xl.cli (command line) and
the tests. Nothing here touches a workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rak_xl.core import clock
from rak_xl.core.catalog import select as select_codes
from rak_xl.core.findings import Finding, summarise
from rak_xl.core.gc_pause import paused_gc
from rak_xl.core.model import Plan
from rak_xl.core.text import say, tw
from rak_xl.parse.plan import parse_plan
from rak_xl.parse.tables import Grid
from rak_xl.rules import REGISTRY, load_all

if TYPE_CHECKING:  # the output builders are imported where used: `validate` (CLI, province) needs none
    from rak_xl.figures.quarterly import QuarterEvaluation
    from rak_xl.outputs.sheets import WritePlan


@dataclass
class ValidationReport:
    source: str
    plan: Plan
    findings: list[Finding]

    @property
    def summary(self) -> dict[str, int]:
        return summarise(self.findings)

    @property
    def has_errors(self) -> bool:
        return self.summary["error"] > 0

    def as_dict(self, lang: str = "id") -> dict:
        return {
            "file": self.source,
            "findings": [f.as_dict(lang, self.plan.sheet_names)
                         for f in sorted(self.findings, key=Finding.sort_key)],
            "summary": self.summary,
        }


def validate(grids: Mapping[str, Grid], source: str = "", select: list[str] | None = None,
             ignore: list[str] | None = None) -> ValidationReport:
    with paused_gc():  # see rak_xl/core/gc_pause.py: keeps the cost linear in the number of rows
        return _validate(grids, source, select, ignore)


def _validate(grids: Mapping[str, Grid], source: str, select: list[str] | None,
              ignore: list[str] | None) -> ValidationReport:
    plan, findings = parse_plan(grids)
    load_all()
    enabled = select_codes(select, ignore)
    for code, check in sorted(REGISTRY.items()):
        if code in enabled:
            findings.extend(check(plan))
    # The same problem reported twice at one cell (e.g. by two paths) is one finding. (`f.rule.code`:
    # the code without the property's call, on every finding of every workbook.)
    findings = list(dict.fromkeys([f for f in findings if f.rule.code in enabled]))
    # A cell holding a formula error or an uncalculated formula has no value: its one finding
    # (RAK109/RAK110) stands for every check that could not read it.
    broken = {f.cell for f in findings if f.rule.code in _NO_VALUE}
    if broken:
        findings = [_without(f, broken) for f in findings if f.cell not in broken or f.rule.code in _NO_VALUE]
    return ValidationReport(source, plan, findings)


_NO_VALUE = frozenset(("RAK109", "RAK110"))


def _without(f: Finding, broken: set) -> Finding:
    """`f` without the cells that hold no value (a fact over many cells keeps the others)."""
    if not f.cells or not broken & set(f.cells):
        return f
    return replace(f, cells=tuple(c for c in f.cells if c not in broken))


def validation_outputs(report: ValidationReport, when: dt.datetime | None = None) -> WritePlan:
    from rak_xl.core.findings import summary_line
    from rak_xl.outputs.findings_sheet import findings_sheet
    from rak_xl.outputs.highlights import highlight_plan
    from rak_xl.outputs.sheets import WritePlan

    when = when or clock.now()
    plan = WritePlan(sheets=[findings_sheet(report.findings, report.source, when, report.plan.tab)])
    plan = plan.merge(highlight_plan(report.findings))
    plan.activate = plan.sheets[0].name
    plan.message = say("validate.done", summary=summary_line(report.findings))
    return plan


def rollup_outputs(report: ValidationReport, when: dt.datetime | None = None) -> WritePlan:
    """Rekap Anggaran: the roll-up sheet (the plan is read by validate; its findings are not needed here)."""
    from rak_xl.figures.rollup import rollup
    from rak_xl.outputs.rollup_sheet import rollup_sheet
    from rak_xl.outputs.sheets import WritePlan

    roll = rollup(report.plan)
    sheet = rollup_sheet(report.plan, roll, report.source, when or clock.now())
    return WritePlan(sheets=[sheet], activate=sheet.name, message=say("rollup.done"))


def consolidation_outputs(report: ValidationReport, when: dt.datetime | None = None) -> WritePlan:
    """Konsolidasi: the consolidated table, rows with validation errors flagged."""
    from rak_xl.figures.rollup import rollup
    from rak_xl.outputs.consolidated_sheet import consolidated_sheet
    from rak_xl.outputs.sheets import WritePlan

    sheet = consolidated_sheet(report.plan, report.findings, rollup(report.plan), report.source,
                               when or clock.now())
    errors = report.summary["error"]
    flagged = say("consolidate.flagged", errors=errors) if errors else ""
    return WritePlan(sheets=[sheet], activate=sheet.name, message=say("consolidate.done", flagged=flagged))


@dataclass
class EvaluationRun:
    """The Evaluasi job's result: the figures for one quarter and the RAK6xx findings behind them."""

    report: ValidationReport  # validate() restricted to RAK6xx
    evaluation: QuarterEvaluation

    def as_dict(self, lang: str = "id") -> dict:
        return {"file": self.report.source, **self.evaluation.as_dict(),
                "findings": self.report.as_dict(lang)["findings"]}


def evaluate(grids: Mapping[str, Grid], source: str = "", quarter: int | None = None) -> EvaluationRun:
    """Evaluasi Triwulan for `quarter` (default: Triwulan Pelaporan on the Identitas sheet)."""
    from rak_xl.figures import quarterly

    report = validate(grids, source, select=["RAK6"])
    return EvaluationRun(report, quarterly.evaluate(report.plan, quarter))


def evaluation_of(report: ValidationReport, quarter: int | None = None) -> EvaluationRun:
    """The evaluation from a full validation already made (no second parse)."""
    from rak_xl.figures import quarterly

    rak6 = ValidationReport(report.source, report.plan, [f for f in report.findings if f.code.startswith("RAK6")])
    return EvaluationRun(rak6, quarterly.evaluate(report.plan, quarter))


def evaluation_outputs(run: EvaluationRun, when: dt.datetime | None = None) -> WritePlan:
    """The Evaluasi sheet (recreated on every press); input sheets and highlights are left alone."""
    from rak_xl.outputs.evaluation_sheet import evaluation_sheet, status_line
    from rak_xl.outputs.sheets import WritePlan

    ev = run.evaluation
    sheet = evaluation_sheet(run.report.plan, ev, run.report.findings, run.report.source, when or clock.now())
    message = say("evaluate.done", quarter=tw(ev.quarter), status=status_line(ev), sheet=sheet.name)
    return WritePlan(sheets=[sheet], activate=sheet.name, message=message)


def button_outputs(button: str, grids: Mapping[str, Grid], source: str = "") -> WritePlan:
    """What the button `button` (validate, rollup, consolidate, evaluate) writes, from the workbook's grids."""
    if button == "evaluate":
        return evaluation_outputs(evaluate(grids, source))
    outputs = {"validate": validation_outputs, "rollup": rollup_outputs, "consolidate": consolidation_outputs}[button]
    return outputs(validate(grids, source))


def run_all(grids: Mapping[str, Grid], source: str = "") -> tuple[ValidationReport, WritePlan]:
    """Everything the buttons do, as one WritePlan (the `rak-xl run` main job)."""
    report = validate(grids, source)
    when = clock.now()  # one time stamp on every sheet of the run
    validation = validation_outputs(report, when)
    plan = validation.merge(rollup_outputs(report, when)).merge(consolidation_outputs(report, when))
    plan = plan.merge(evaluation_outputs(evaluation_of(report), when))
    plan.activate = validation.activate  # staff land on the findings first
    return report, plan
