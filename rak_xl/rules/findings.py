"""A finding: one problem at one place, with its catalog entry's words filled in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import CellRef
from .catalog import CATALOG

SEVERITIES = ("error", "warning", "info")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}
SEVERITY_LABEL = {
    "id": {"error": "Kesalahan", "warning": "Peringatan", "info": "Informasi"},
    "en": {"error": "Error", "warning": "Warning", "info": "Info"},
}


@dataclass(frozen=True)
class Finding:
    code: str
    sheet: str
    cell: CellRef | None = None  # None: the finding is about the sheet (or workbook) as a whole
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    row_id: str = ""  # the RAK row ID or budget code the finding concerns, if any

    @property
    def rule(self):
        return CATALOG[self.code]

    @property
    def severity(self) -> str:
        return CATALOG[self.code].severity

    @property
    def a1(self) -> str:
        return self.cell.a1 if self.cell else ""

    def message(self, lang: str = "id") -> str:
        return self.rule.format_message(lang, self.params)

    def hint(self, lang: str = "id") -> str:
        return self.rule.format_hint(lang, self.params)

    def sort_key(self) -> tuple:
        row, col = (self.cell.row, self.cell.col) if self.cell else (0, 0)
        return (_RANK[CATALOG[self.code].severity], self.sheet, row, col, self.code)

    def as_dict(self, lang: str = "id", tabs: dict[str, str] | None = None) -> dict[str, str]:
        """`tabs` maps an expected sheet name to the tab's actual name (see Plan.sheet_names)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "sheet": (tabs or {}).get(self.sheet, self.sheet),
            "cell": self.a1,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


def summarise(findings: list[Finding]) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[CATALOG[f.code].severity] += 1
    return counts
