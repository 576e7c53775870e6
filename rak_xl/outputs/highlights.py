"""Highlights: one severity level per flagged input cell, written to the hidden sheet.

The build puts conditional formats on every input sheet that colour a cell
from its twin in the highlight sheet (error red, warning yellow, info blue).
So Validasi never formats input cells itself: it clears the highlight sheet
and writes one block per input sheet, a constant number of calls however
many cells are flagged, and clearing the sheet removes every highlight.
"""

from __future__ import annotations

from rak_xl.core.findings import Finding
from rak_xl.core.layout import HIGHLIGHT_BLOCK_WIDTH, HIGHLIGHT_LEVEL, INPUT_SHEETS, SHEET_HIGHLIGHTS, highlight_offset

from .sheets import CellBlock, WritePlan


def highlight_plan(findings: list[Finding]) -> WritePlan:
    levels: dict[str, dict[tuple[int, int], int]] = {}
    for f in findings:
        for cell in f.all_cells:  # a fact over many cells lights every one of them
            if cell.sheet not in INPUT_SHEETS or cell.col > HIGHLIGHT_BLOCK_WIDTH:
                continue
            cells = levels.setdefault(cell.sheet, {})
            key = (cell.row, cell.col)
            cells[key] = max(cells.get(key, 0), HIGHLIGHT_LEVEL[f.severity])
    blocks = []
    for sheet in INPUT_SHEETS:
        cells = levels.get(sheet)
        if not cells:
            continue
        r0 = min(r for r, _ in cells)
        r1 = max(r for r, _ in cells)
        c0 = min(c for _, c in cells)
        c1 = max(c for _, c in cells)
        grid = [[cells.get((r, c)) for c in range(c0, c1 + 1)] for r in range(r0, r1 + 1)]
        blocks.append(CellBlock(SHEET_HIGHLIGHTS, r0, highlight_offset(sheet) + c0, grid))
    return WritePlan(clear=[SHEET_HIGHLIGHTS], blocks=blocks)
