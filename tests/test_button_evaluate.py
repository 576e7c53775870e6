"""The Evaluasi button, pressed through xlwings' remote engine on real workbook files."""

from __future__ import annotations

import openpyxl

import rak_xl.buttons as buttons
from conftest import WORKBOOK
from rak_xl.products import jobs
from rak_xl.core import layout as L
from rak_xl.adapters.file_read import read_grids
from rak_xl.figures.rounding import fraction
from remote import press, sheet_index

WRITES = {"setValues", "rangeClearContents", "rangeClear", "setFormula", "sheetClearContents"}


def _added(actions):
    return [a for a in actions if a["func"] == "addSheet"]


def test_evaluate_writes_the_evaluation_sheet_only():
    actions = press(WORKBOOK, buttons.evaluate)
    added = _added(actions)
    assert [a["args"][1] for a in added] == [L.SHEET_EVALUATION]
    position = added[0]["args"][0]
    writes = [a for a in actions if a["func"] in WRITES]
    assert writes and {a["sheet_position"] for a in writes} == {position}  # no input sheet, no highlights
    table = next(a for a in writes if a["func"] == "setValues")["values"]
    assert table[0][0].startswith("EVALUASI KINERJA TRIWULAN II (TW 2)")
    rows = {r[0]: r for r in table if r and isinstance(r[0], str)}
    overall = rows["Keseluruhan"]
    report = jobs.evaluate(read_grids(WORKBOOK), WORKBOOK.name).evaluation
    assert overall[1] == fraction(report.overall.value)  # the sheet holds the fraction in a percent cell
    assert overall[3] == report.overall.counted == 57  # judged by kind: events not due, scores not yet measured
    assert actions[-1]["func"] == "alert" and "Evaluasi TW 2 selesai" in actions[-1]["args"][0]


def test_input_sheets_are_never_written():
    actions = press(WORKBOOK, buttons.evaluate)
    inputs = {sheet_index(WORKBOOK, name) for name in (L.SHEET_GUIDE, *L.INPUT_SHEETS, L.SHEET_HIGHLIGHTS)}
    for a in actions:
        if a["func"] in WRITES:
            assert a["sheet_position"] not in inputs, a


def test_action_count_does_not_grow_with_rows(tmp_path):
    """Ten times the indicators and budget lines, each with its evaluation row: the same calls into Excel."""
    wb = openpyxl.load_workbook(WORKBOOK, keep_vba=True)

    def grow(sheet: str, header_row: int, key: str, fill) -> None:
        ws = wb[sheet]
        base = [[c.value for c in row] for row in ws.iter_rows(min_row=header_row + 1, max_row=ws.max_row)
                if row[0].value]
        for i in range(9 * len(base)):
            row = list(base[i % len(base)])
            fill(row, f"{key}-{i:05d}")
            ws.append(row)

    def set_first(row, key):
        row[0] = key

    grow(L.SHEET_RAK_A, L.RAK_A.header_row, "X", set_first)
    grow(L.SHEET_ACHIEVEMENT, L.ACHIEVEMENT.header_row, "X", set_first)

    def budget_line(row, key):
        row[0] = f"076.01.CQ.{key}"
        row[4] = key  # funds the new RAK row of the same number

    grow(L.SHEET_BUDGET, L.BUDGET_LINES.header_row, "X", budget_line)
    grow(L.SHEET_SPENDING, L.SPENDING.header_row, "X", lambda row, key: row.__setitem__(0, f"076.01.CQ.{key}"))
    big = tmp_path / "besar.xlsm"
    wb.save(big)
    small_actions = press(WORKBOOK, buttons.evaluate)
    big_actions = press(big, buttons.evaluate)
    big_values = next(a for a in big_actions if a["func"] == "setValues")["values"]
    small_values = next(a for a in small_actions if a["func"] == "setValues")["values"]
    assert len(big_values) > len(small_values) + 9 * 31  # the sheet did grow with the rows
    assert [a["func"] for a in big_actions] == [a["func"] for a in small_actions]


def test_pressing_twice_equals_pressing_once(tmp_path):
    """Press once, write the result into the file as Excel would, press again: the sheet is replaced."""
    from rak_xl.adapters.file_write import apply_plan

    once = press(WORKBOOK, buttons.evaluate)
    pressed = tmp_path / "pressed.xlsm"
    apply_plan(WORKBOOK, pressed, jobs.evaluation_outputs(jobs.evaluate(read_grids(WORKBOOK), WORKBOOK.name)))
    assert L.SHEET_EVALUATION in openpyxl.load_workbook(pressed, read_only=True).sheetnames
    twice = press(pressed, buttons.evaluate)
    assert [a["func"] for a in twice if a["func"] in ("sheetDelete", "addSheet")] == ["sheetDelete", "addSheet"]
    assert [a["func"] for a in once if a["func"] in ("sheetDelete", "addSheet")] == ["addSheet"]

    def strip(actions):  # what is written, without the time stamp line
        out = []
        for a in actions:
            if a["func"] in ("setValues", "setRangeColor", "setFontProperty", "setNumberFormat"):
                values = [r for r in a["values"] if not (r and str(r[0]).startswith("Dibuat:"))] \
                    if isinstance(a["values"], list) else a["values"]
                out.append((a["func"], values, a["start_row"], a["start_column"], a["row_count"]))
        return out

    assert strip(once) == strip(twice)


def test_validasi_colours_the_capaian_cell_of_an_evaluation_finding(edit):
    """RAK6xx findings sit on the Capaian sheet; its highlight block is the one after the plan sheets'."""
    missing = edit({L.SHEET_ACHIEVEMENT: {"J7": None}})  # TW 2 reported, realisation empty
    actions = press(missing, buttons.validate)
    mask = sheet_index(missing, L.SHEET_HIGHLIGHTS)
    offset = L.highlight_offset(L.SHEET_ACHIEVEMENT)
    assert offset == L.highlight_offset(L.SHEET_BUDGET) + L.HIGHLIGHT_BLOCK_WIDTH  # plan blocks did not move
    blocks = [a for a in actions if a["func"] == "setValues" and a["sheet_position"] == mask
              and offset <= a["start_column"] < offset + L.HIGHLIGHT_BLOCK_WIDTH]
    assert len(blocks) == 1
    block = blocks[0]
    row0, col0 = 6, 9  # J7, 0-based
    assert block["values"][row0 - block["start_row"]][offset + col0 - block["start_column"]] == 2  # warning
