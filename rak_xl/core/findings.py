"""Findings, and the catalog entries that make them.

A `Rule` is one entry of the rule catalog (core/catalog.py holds the table): a stable code, a
severity, the words in both languages and the documentation. An entry makes its own findings,
with the parameters its words name, so a rule's code is written once, in the catalog:

    yield RAK404.at(cell, row_id=code, value=..., closest=..., divisions=...)
    yield RAK203.spanning(sheet, cells, row_id=..., count=..., ...)  # one fact over many cells
    yield RAK601.on(sheet)  # a fact about a sheet as a whole

A parameter the words do not name, or one they name that the call leaves out, is a TypeError
when the finding is made (tests/test_rules_entries.py makes every code from real workbooks),
never a '?' in a message staff read. A parameter may be words in both languages (text.Both,
from text.both) or a number (text.money, text.quantity): each language's message takes its own
words and writes the number its own way.

A fact may span many cells (the same column empty down a table, the same unit error on
eleven rows): it is still one finding, at its first cell, listing every cell in `cells`
so each one is highlighted and listed in the JSON. The summary counts facts, not cells.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .model import CellRef
from .text import SEVERITIES, SEVERITY_LABEL, Both, in_lang, say  # noqa: F401  (SEVERITY_LABEL: re-exported)

_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@lru_cache(maxsize=None)
def _fields(*templates: str) -> frozenset[str]:
    return frozenset(name for t in templates for _, name, _, _ in string.Formatter().parse(t) if name)


def _fill(template: str, lang: str, params: dict[str, Any]) -> str:
    return template.format_map({k: in_lang(v, lang) for k, v in params.items()})


@dataclass(frozen=True, eq=False)
class Rule:
    """One entry of the rule catalog; its `doc` is the rule's documentation (docs/rules.md)."""

    code: str
    slug: str
    severity: str
    message_id: str
    message_en: str
    hint_id: str
    hint_en: str
    doc: str  # what it checks and why, for docs/rules.md (English)
    retired: bool = False

    # An entry is its code: a code names one rule for good (core/catalog.py).
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rule) and other.code == self.code

    def __hash__(self) -> int:
        return hash(self.code)

    @property
    def params(self) -> frozenset[str]:
        """The parameters its words name (message and hint, both languages)."""
        return _fields(self.message_id, self.message_en, self.hint_id, self.hint_en)

    def at(self, cell: CellRef, /, *, row_id: str = "", **params: Any) -> Finding:
        """The fact at one cell."""
        return Finding(self, cell.sheet, cell, self._checked(params), row_id)

    def on(self, sheet: str, /, *, row_id: str = "", **params: Any) -> Finding:
        """The fact about a sheet (or the workbook) as a whole: no cell."""
        return Finding(self, sheet, None, self._checked(params), row_id)

    def spanning(self, sheet: str, cells: Sequence[CellRef], /, *, row_id: str = "", **params: Any) -> Finding:
        """One fact covering `cells` (in order; the first is where it is shown)."""
        return Finding(self, sheet, cells[0] if cells else None, self._checked(params), row_id, tuple(cells))

    def _checked(self, params: dict[str, Any]) -> dict[str, Any]:
        if params.keys() != self.params:
            missing, unknown = sorted(self.params - params.keys()), sorted(params.keys() - self.params)
            raise TypeError(f"{self.code} takes {sorted(self.params)}; missing {missing}, unknown {unknown}")
        return params

    def message(self, lang: str, params: dict[str, Any]) -> str:
        return _fill(self.message_en if lang == "en" else self.message_id, lang, params)

    def hint(self, lang: str, params: dict[str, Any]) -> str:
        return _fill(self.hint_en if lang == "en" else self.hint_id, lang, params)


@dataclass(frozen=True, repr=False)
class Finding:
    """Made by its entry (Rule.at / on / spanning), which checks the parameters."""

    rule: Rule
    sheet: str
    cell: CellRef | None = None  # None: the finding is about the sheet (or workbook) as a whole
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    row_id: str = ""  # the RAK row ID or budget code the finding concerns, if any
    # Every cell the fact covers, `cell` first; empty for a one-cell finding (see all_cells).
    cells: tuple[CellRef, ...] = field(default=(), compare=False, hash=False)

    def __repr__(self) -> str:
        return f"Finding({self.code}, {self.sheet}!{self.a1 or '-'}, row_id={self.row_id!r}, params={self.params!r})"

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def all_cells(self) -> tuple[CellRef, ...]:
        if self.cells:
            return self.cells
        return (self.cell,) if self.cell is not None else ()

    def span(self, lang: str = "id") -> str:
        """Where the fact is, for a reader: 'B10', 'K5:K35', or 'F7 (+11 sel)'."""
        return cell_span([c.a1 for c in self.all_cells if c.sheet == self.sheet], lang)

    @property
    def severity(self) -> str:
        return self.rule.severity

    @property
    def a1(self) -> str:
        return self.cell.a1 if self.cell else ""

    def message(self, lang: str = "id") -> str:
        return self.rule.message(lang, self.params)

    def hint(self, lang: str = "id") -> str:
        return self.rule.hint(lang, self.params)

    def sort_key(self) -> tuple:
        row, col = (self.cell.row, self.cell.col) if self.cell else (0, 0)
        return (_RANK[self.rule.severity], self.sheet, row, col, self.code)

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
    return say("findings.more_cells", lang, first=cells[0], more=len(cells) - 1)


def first_few(items: list[str], limit: int) -> str:
    """'a, b, c' or, beyond `limit` items, 'a, b, c dan 4 lainnya' (Indonesian in both languages' messages)."""
    if len(items) <= limit:
        return ", ".join(items)
    return say("rules.and_more", "id", listed=", ".join(items[:limit]), more=len(items) - limit)


_NUMBERED_ID = re.compile(r"(.*?)(\d{1,18})")  # an ID of 9,000 digits: its last 18 count


@lru_cache(maxsize=8192)  # plans share their IDs (A-001 ...), and a fact over a stretch of rows lists each
def _numbered(rid: str) -> tuple[str, int] | None:
    """('A-', 12) for 'A-012': the prefix and the number an ID ends with; None without one."""
    m = _NUMBERED_ID.fullmatch(rid)
    return (m[1], int(m[2])) if m else None


def id_list(ids: list[str], limit: int = 12) -> str:
    """'A-001–A-004, A-012' from row IDs: three or more consecutive numbers of one prefix become a range."""
    runs: list[list[str]] = []
    last: tuple[str, int] | None = None
    for rid, key in zip(ids, map(_numbered, ids)):
        if key and last and key[1] == last[1] + 1 and key[0] == last[0]:  # `last`: a run is open
            runs[-1].append(rid)
        else:
            runs.append([rid])
        last = key
    return first_few([", ".join(r) if len(r) < 3 else f"{r[0]}–{r[-1]}" for r in runs], limit)


def summarise(findings: list[Finding]) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f.rule.severity] += 1  # the rule's own field: no property call per finding
    return counts


def summary_line(findings: list[Finding]) -> str:
    """'4 kesalahan, 91 peringatan, 12 informasi': the counts as every output states them."""
    return say("findings.summary", "id", **summarise(findings))
