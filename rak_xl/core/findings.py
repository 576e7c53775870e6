"""A finding: one fact about the plan, with its catalog entry's words filled in.

A fact may span many cells (the same column empty down a table, the same unit error on
eleven rows): it is still one finding, at its first cell, listing every cell in `cells`
so each one is highlighted and listed in the JSON. The summary counts facts, not cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .catalog import CATALOG
from .model import CellRef
from .text import SEVERITIES, SEVERITY_LABEL  # noqa: F401  (SEVERITY_LABEL: re-exported)

_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Finding:
    code: str
    sheet: str
    cell: CellRef | None = None  # None: the finding is about the sheet (or workbook) as a whole
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    row_id: str = ""  # the RAK row ID or budget code the finding concerns, if any
    # Every cell the fact covers, `cell` first; empty for a one-cell finding (see all_cells).
    cells: tuple[CellRef, ...] = field(default=(), compare=False, hash=False)

    @property
    def all_cells(self) -> tuple[CellRef, ...]:
        if self.cells:
            return self.cells
        return (self.cell,) if self.cell is not None else ()

    def span(self, lang: str = "id") -> str:
        """Where the fact is, for a reader: 'B10', 'K5:K35', or 'F7 (+11 sel)'."""
        return cell_span([c.a1 for c in self.all_cells if c.sheet == self.sheet], lang)

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
            # Cells on the finding's own sheet as A1, others as Sheet!A1 (a fact may span sheets).
            "cells": [c.a1 if c.sheet == self.sheet else f"{(tabs or {}).get(c.sheet, c.sheet)}!{c.a1}"
                      for c in self.all_cells],
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


_A1 = re.compile(r"([A-Z]+)(\d+)")


def cell_span(cells: list[str], lang: str = "id") -> str:
    """'K5:K35' for cells down one column, 'F7 (+11 sel)' for others, the cell itself when alone."""
    if len(cells) <= 1:
        return cells[0] if cells else ""
    parts = [_A1.fullmatch(c) for c in cells]
    if all(parts) and len({m[1] for m in parts}) == 1:
        rows = [int(m[2]) for m in parts]
        if rows == list(range(rows[0], rows[0] + len(rows))):
            return f"{cells[0]}:{cells[-1]}"
    return f"{cells[0]} (+{len(cells) - 1} {'sel' if lang == 'id' else 'cells'})"


def spanning(code: str, sheet: str, cells: list[CellRef], params: dict[str, Any] | None = None,
             row_id: str = "") -> Finding:
    """One finding for a fact that covers `cells` (in order; the first is where it is shown)."""
    return Finding(code, sheet, cells[0] if cells else None, params or {}, row_id, tuple(cells))


_NUMBERED_ID = re.compile(r"(.*?)(\d{1,18})")  # an ID of 9,000 digits: its last 18 count


def id_list(ids: list[str], limit: int = 12) -> str:
    """'A-001–A-004, A-012' from row IDs: three or more consecutive numbers of one prefix become a range."""
    runs: list[list[str]] = []
    last: tuple[str, int] | None = None
    for rid in ids:
        m = _NUMBERED_ID.fullmatch(rid)
        key = (m[1], int(m[2])) if m else None
        if runs and key and last and key[0] == last[0] and key[1] == last[1] + 1:
            runs[-1].append(rid)
        else:
            runs.append([rid])
        last = key
    parts = [", ".join(r) if len(r) < 3 else f"{r[0]}–{r[-1]}" for r in runs]
    if len(parts) > limit:
        return ", ".join(parts[:limit]) + f" dan {len(parts) - limit} lainnya"
    return ", ".join(parts)


def summarise(findings: list[Finding]) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[CATALOG[f.code].severity] += 1
    return counts


def summary_line(findings: list[Finding]) -> str:
    """'4 kesalahan, 91 peringatan, 12 informasi': the counts as every output states them."""
    c = summarise(findings)
    return f"{c['error']} kesalahan, {c['warning']} peringatan, {c['info']} informasi"
