"""The jobs behind the buttons and the CLI. Pure: grids in, report and WritePlan out.

Every door calls these: rak_xl.buttons (Excel), rak_xl.cli (command line) and
the tests. Nothing here touches a workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from . import clock
from .model import Plan
from .outputs.findings_sheet import findings_sheet, summary_line
from .outputs.highlights import highlight_plan
from .outputs.sheets import WritePlan
from .parse.plan import parse_plan
from .parse.tables import Grid
from .rules import REGISTRY, load_all
from .rules.catalog import select as select_codes
from .rules.findings import Finding, summarise


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
            "findings": [f.as_dict(lang) for f in sorted(self.findings, key=Finding.sort_key)],
            "summary": self.summary,
        }


def validate(grids: Mapping[str, Grid], source: str = "", select: list[str] | None = None,
             ignore: list[str] | None = None) -> ValidationReport:
    plan, findings = parse_plan(grids)
    load_all()
    enabled = select_codes(select, ignore)
    for code, check in sorted(REGISTRY.items()):
        if code in enabled:
            findings.extend(check(plan))
    findings = [f for f in findings if f.code in enabled]
    # The same problem reported twice at one cell (e.g. by two paths) is one finding.
    findings = list(dict.fromkeys(findings))
    return ValidationReport(source, plan, findings)


def validation_outputs(report: ValidationReport, when: dt.datetime | None = None) -> WritePlan:
    when = when or clock.now()
    plan = WritePlan(sheets=[findings_sheet(report.findings, report.source, when)])
    plan = plan.merge(highlight_plan(report.findings))
    plan.activate = plan.sheets[0].name
    plan.message = f"Validasi selesai: {summary_line(report.findings)}. Lihat lembar Temuan."
    return plan


def run_all(grids: Mapping[str, Grid], source: str = "") -> tuple[ValidationReport, WritePlan]:
    """Everything the buttons do, as one WritePlan (the `rak-xl run` main job)."""
    report = validate(grids, source)
    return report, validation_outputs(report)
