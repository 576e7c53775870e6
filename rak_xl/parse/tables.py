"""Finding a table in a sheet grid by its header labels, and reading its rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..layout import Column, TableLayout
from ..model import CellRef, Val
from ..rules.findings import Finding
from .values import is_blank

Grid = list[list[object]]
HEADER_SEARCH_ROWS = 30


def label_key(text: object) -> str:
    """Header labels compare without case, spaces, line breaks or punctuation ('TAR GET' == 'Target')."""
    return re.sub(r"[^0-9a-z]", "", str(text).casefold()) if text is not None else ""


def _matches(column: Column) -> set[str]:
    return {label_key(column.label), *(label_key(a) for a in column.aliases)}


@dataclass
class Table:
    layout: TableLayout
    header_row: int  # 1-based
    columns: dict[str, int]  # key -> 1-based column
    rows: list[tuple[int, dict[str, Val]]]  # (1-based row, cells by key)


def find_table(grid: Grid, layout: TableLayout, findings: list[Finding]) -> Table | None:
    """Locate the header row, map columns, collect non-blank data rows.

    Emits RAK102 (no header row) or RAK103 (a required column missing) and
    returns None when the table cannot be read at all.
    """
    wanted = {c.key: _matches(c) for c in layout.columns}
    best_row, best_map = 0, {}
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS], start=1):
        mapping: dict[str, int] = {}
        for c, value in enumerate(row, start=1):
            key = label_key(value)
            if not key:
                continue
            for col_key, labels in wanted.items():
                if key in labels and col_key not in mapping:
                    mapping[col_key] = c
                    break
        if len(mapping) > len(best_map):
            best_row, best_map = r, mapping
    required = [c for c in layout.columns if c.required]
    if len(best_map) < max(2, len(required) // 2):
        findings.append(Finding("RAK102", layout.sheet, None,
                                {"sheet": layout.sheet, "labels": ", ".join(c.label for c in required)}))
        return None
    missing = [c for c in required if c.key not in best_map]
    for c in missing:
        findings.append(Finding("RAK103", layout.sheet, CellRef(layout.sheet, best_row, 1),
                                {"sheet": layout.sheet, "column": c.label, "row": best_row}))
    rows: list[tuple[int, dict[str, Val]]] = []
    for r in range(best_row + 1, len(grid) + 1):
        line = grid[r - 1]
        cells = {}
        for key, c in best_map.items():
            raw = line[c - 1] if c - 1 < len(line) else None
            cells[key] = Val(raw, CellRef(layout.sheet, r, c))
        if all(is_blank(v.raw) for v in cells.values()):
            continue
        rows.append((r, cells))
    return Table(layout, best_row, best_map, rows)
