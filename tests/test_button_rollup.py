"""The Rekap Anggaran and Konsolidasi buttons, pressed through xlwings' remote engine on real files."""

from __future__ import annotations

import pytest

import rak_xl.buttons as buttons
from conftest import WORKBOOK
from rak_xl import layout as L
from remote import press, sheet_index

WRITES = {"setValues", "rangeClearContents", "rangeClear", "setFormula"}
BUTTONS = [(buttons.rollup, L.SHEET_ROLLUP), (buttons.consolidate, L.SHEET_CONSOLIDATED)]


def _added(actions, name):
    return next(a for a in actions if a["func"] == "addSheet" and a["args"][1] == name)["args"][0]


def _values(actions, position):
    return [a for a in actions if a["func"] == "setValues" and a["sheet_position"] == position]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """Ten times the RAK rows and budget lines of the shipped workbook (new IDs, new codes)."""
    import openpyxl

    wb = openpyxl.load_workbook(WORKBOOK, keep_vba=True)
    for sheet in (L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_BUDGET):
        ws = wb[sheet]
        base = [[c.value for c in row] for row in ws.iter_rows(min_row=5, max_row=ws.max_row)]
        for i in range(9 * len(base)):
            row = list(base[i % len(base)])
            row[0] = f"{row[0]}-X{i:05d}"
            if sheet == L.SHEET_BUDGET:
                row[4] = f"{row[4]}-X{i % len(base) + len(base) * (i // len(base)):05d}"
            ws.append(row)
    path = tmp_path_factory.mktemp("big") / "big.xlsm"
    wb.save(path)
    return path


def test_rollup_writes_tables_and_two_charts():
    actions = press(WORKBOOK, buttons.rollup)
    pos = _added(actions, L.SHEET_ROLLUP)
    table = _values(actions, pos)[0]["values"]
    flat = [v for row in table for v in row]
    assert 27_734_000 in flat and 4_451_669_000 in flat
    assert "Tanpa penanggung jawab" in flat
    charts = [a for a in actions if a["func"] == "addChart"]
    assert [(c["args"][1], c["args"][2]) for c in charts] == [("BarStacked", L.SHEET_ROLLUP),
                                                              ("LineMarkers", L.SHEET_ROLLUP)]
    # The chart data are the division table and the quarterly curve, header rows included.
    first, curve = (c["args"][3] for c in charts)
    r0 = int(first.split(":")[0].lstrip("$A").replace("$", ""))
    assert table[r0 - 1][:3] == ["Bagian", "076.01.CQ", "076.01.WA"]
    r1 = int(curve.split(":")[0].lstrip("$A").replace("$", ""))
    assert table[r1 - 1][2] == "Pedoman penyerapan"
    assert [row[2] for row in table[r1:r1 + 4]] == [0.15, 0.40, 0.60, 0.90]
    assert actions[-1]["func"] == "alert" and "Rekap Anggaran" in actions[-1]["args"][0]


def test_consolidate_links_rows_and_styles_by_rule():
    actions = press(WORKBOOK, buttons.consolidate)
    pos = _added(actions, L.SHEET_CONSOLIDATED)
    table = _values(actions, pos)[0]["values"]
    header = table[5]
    assert header[:3] == ["No", "ID", "Indikator Kinerja"]
    numbered = [row for row in table[6:] if isinstance(row[0], int)]
    assert [row[0] for row in numbered] == list(range(1, 74))
    assert numbered[0][1] == '=HYPERLINK("#\'RAK_KPU\'!A5","A-001")'
    assert numbered[-1][1] == '=HYPERLINK("#\'RAK_Sekretariat\'!A46","B-042")'
    # Row kinds are styled by a fixed set of conditional formats, not one call per row.
    rules = [a for a in actions if a["func"] == "addConditionalFormat"]
    assert len(rules) == 4


@pytest.mark.parametrize("button,sheet", BUTTONS)
def test_input_cells_are_never_written(button, sheet):
    actions = press(WORKBOOK, button)
    inputs = {sheet_index(WORKBOOK, name) for name in L.INPUT_SHEETS if name in _sheet_names()}
    assert any(a["func"] == "setValues" for a in actions)
    for a in actions:
        if a["func"] in WRITES:
            assert a["sheet_position"] not in inputs, a


def _sheet_names():
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(WORKBOOK)).sheet_names


@pytest.mark.parametrize("button,sheet", BUTTONS)
def test_action_count_does_not_grow_with_rows(button, sheet, big):
    small_actions, big_actions = press(WORKBOOK, button), press(big, button)
    small_rows = len(_values(small_actions, _added(small_actions, sheet))[0]["values"])
    big_rows = len(_values(big_actions, _added(big_actions, sheet))[0]["values"])
    if sheet == L.SHEET_CONSOLIDATED:
        assert big_rows > 5 * small_rows  # the big plan really is bigger on the sheet
    assert [a["func"] for a in big_actions] == [a["func"] for a in small_actions]


@pytest.mark.parametrize("button,sheet", BUTTONS)
def test_pressing_twice_equals_pressing_once(button, sheet, tmp_path):
    """Press once, write the result into the file as Excel would, press again: same writes, one sheet."""
    from rak_xl import jobs
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.adapters.file_write import apply_plan

    source = tmp_path / "RAK.xlsm"
    source.write_bytes(WORKBOOK.read_bytes())
    once = press(source, button)
    report = jobs.validate(read_grids(source), source.name)
    outputs = jobs.rollup_outputs(report) if sheet == L.SHEET_ROLLUP else jobs.consolidation_outputs(report)
    apply_plan(source, source, outputs)
    twice = press(source, button)
    assert [a["func"] for a in twice if a["func"] in ("sheetDelete", "addSheet")] == ["sheetDelete", "addSheet"]
    assert [a["func"] for a in once if a["func"] in ("sheetDelete", "addSheet")] == ["addSheet"]

    def writes(actions):
        return [(a["func"], a["values"], a["start_row"], a["start_column"], a["args"][1:] if a["func"] in (
            "addChart", "addConditionalFormat") else None) for a in actions
                if a["func"] in ("setValues", "setRangeColor", "setFontProperty", "setNumberFormat", "addChart",
                                 "addConditionalFormat", "setBorderProperty")]

    assert writes(once) == writes(twice)
