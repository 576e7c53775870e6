"""The Validasi button, pressed through xlwings' remote engine on real workbook files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import rak_xl.buttons as buttons
from conftest import ROOT, WORKBOOK
from rak_xl.core import layout as L
from remote import press, sheet_index

WRITES = {"setValues", "rangeClearContents", "rangeClear", "setFormula"}


@pytest.fixture
def flawed(edit):
    """The shipped workbook with a mark nobody can read and a pagu written as words."""
    return edit({L.SHEET_RAK_A: {"G5": "?", "H6": "v"}, L.SHEET_PROGRAMS: {"C5": "satu miliar"}})


def _values(actions, position):
    return [a for a in actions if a["func"] == "setValues" and a["sheet_position"] == position]


def test_validate_writes_findings_sheet_and_highlights(flawed):
    actions = press(flawed, buttons.validate)
    funcs = [a["func"] for a in actions]
    assert funcs.count("addSheet") == 1
    added = next(a for a in actions if a["func"] == "addSheet")
    assert added["args"][1] == L.SHEET_FINDINGS
    findings_pos = added["args"][0]
    table = _values(actions, findings_pos)[0]["values"]
    header = table[5]
    assert header[:3] == ["No", "Tingkat", "Kode"]
    rows = table[6:]
    # The shipped plan has findings of its own (its real defects); the edits add these three.
    codes = [r[2] for r in rows if r[2] in ("RAK104", "RAK105", "RAK106")]
    assert codes == ["RAK104", "RAK105", "RAK106"]  # errors first, then information
    order = ["Kesalahan", "Peringatan", "Informasi"]
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), key=order.index)
    g5 = next(r for r in rows if r[2] == "RAK105")
    assert g5[3] == L.SHEET_RAK_A
    assert g5[4].startswith('=HYPERLINK("#\'RAK_KPU\'!G5"')
    # Highlights: the hidden sheet is cleared, then one block per input sheet with findings.
    mask = sheet_index(flawed, L.SHEET_HIGHLIGHTS)
    assert [a["sheet_position"] for a in actions if a["func"] == "sheetClearContents"] == [mask]
    blocks = _values(actions, mask)
    assert len(blocks) == len({r[3] for r in rows})
    offset = L.highlight_offset(L.SHEET_RAK_A)
    rak = next(b for b in blocks if offset <= b["start_column"] < offset + L.HIGHLIGHT_BLOCK_WIDTH)

    def level(row0, col0):  # 0-based cell of RAK_KPU -> its value in the highlight block
        return rak["values"][row0 - rak["start_row"]][offset + col0 - rak["start_column"]]

    assert level(4, 6) == 3 and level(5, 7) == 1  # G5 error, H6 information
    assert level(5, 6) == ""  # G6 is fine
    infos = sum(1 for r in rows if r[1] == "Informasi")
    assert actions[-1]["func"] == "alert" and f"{infos} informasi" in actions[-1]["args"][0]


def test_input_cells_are_never_written(flawed):
    actions = press(flawed, buttons.validate)
    inputs = {sheet_index(flawed, name) for name in L.INPUT_SHEETS}
    for a in actions:
        if a["func"] in WRITES:
            assert a["sheet_position"] not in inputs, a


def test_same_findings_as_the_command_line(flawed):
    actions = press(flawed, buttons.validate)
    findings_pos = next(a for a in actions if a["func"] == "addSheet")["args"][0]
    sheet_rows = _values(actions, findings_pos)[0]["values"][6:]
    cli = subprocess.run([sys.executable, "-m", "rak_xl.cli", "validate", str(flawed), "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT)
    assert cli.returncode == 1
    report = json.loads(cli.stdout)
    # The link goes to the finding's cell; its label shows every cell of the fact ("K5:K35").
    from rak_xl.core.findings import cell_span

    assert [(f["code"], f["sheet"], f["cell"], cell_span(f["cells"]), f["message"]) for f in report["findings"]] == [
        (r[2], r[3], r[4].split("!")[1].split('"')[0], r[4].split('","')[1].removesuffix('")'), r[6])
        for r in sheet_rows]


def test_pressing_twice_equals_pressing_once(flawed, tmp_path):
    """Press once, write the result into the file as Excel would, press again: same writes, no duplicate."""
    from rak_xl.products import jobs
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.adapters.file_write import apply_plan

    once = press(flawed, buttons.validate)
    pressed = tmp_path / "pressed.xlsm"
    apply_plan(flawed, pressed, jobs.validation_outputs(jobs.validate(read_grids(flawed), flawed.name)))
    twice = press(pressed, buttons.validate)
    # The second press replaces the findings sheet instead of adding another one.
    assert [a["func"] for a in twice if a["func"] in ("sheetDelete", "addSheet")] == ["sheetDelete", "addSheet"]
    strip = lambda acts: [(a["func"], a["values"], a["start_row"], a["start_column"]) for a in acts  # noqa: E731
                          if a["func"] in ("setValues", "setRangeColor", "setFontProperty")]
    first = [(f, v if not v or "Berkas" not in str(v) else None, r, c) for f, v, r, c in strip(once)]
    second = [(f, v if not v or "Berkas" not in str(v) else None, r, c) for f, v, r, c in strip(twice)]
    assert first == second


def test_action_count_does_not_grow_with_rows(edit, tmp_path):
    """Ten times the rows, with a finding on every new row: the same number of calls into Excel."""
    import openpyxl

    # The small file has findings of the same severities on the same sheets as the big one: an unfunded
    # block (A-005's line moved to A-001) and rising targets on a timeliness rate (A-007, Capaian row 11).
    small = edit({L.SHEET_RAK_A: {"G5": "?"}, L.SHEET_BUDGET: {"E6": "A-001"},
                  L.SHEET_ACHIEVEMENT: {"E11": 0.25, "F11": 0.5, "G11": 0.75}})
    wb = openpyxl.load_workbook(WORKBOOK, keep_vba=True)
    ws = wb[L.SHEET_RAK_A]
    base = [[c.value for c in row] for row in ws.iter_rows(min_row=5, max_row=ws.max_row)]
    evaluation = wb[L.SHEET_ACHIEVEMENT]
    eval_row = [c.value for c in evaluation[L.ACHIEVEMENT.header_row + 1]]
    for i in range(9 * len(base)):
        row = list(base[i % len(base)])
        row[0] = f"X-{i:05d}"
        row[6] = "?"
        ws.append(row)
        evaluation.append([f"X-{i:05d}", *eval_row[1:]])  # the Capaian sheet grows with the plan
    big = tmp_path / "big.xlsm"
    wb.save(big)
    assert len(press(big, buttons.validate)) == len(press(small, buttons.validate))


def test_a_workbook_without_rak_sheets_gets_one_finding_per_missing_sheet(tmp_path):
    import openpyxl

    empty = tmp_path / "kosong.xlsx"
    openpyxl.Workbook().save(empty)
    actions = press(empty, buttons.validate)
    # Not an error of the program: the findings list every missing sheet, nothing more.
    table = next(a for a in actions if a["func"] == "setValues")["values"]
    assert {r[2] for r in table[6:]} == {"RAK101"}


def test_a_lightly_renamed_tab_is_read_and_linked_under_its_own_name(tmp_path):
    """Staff renamed 'RAK_Sekretariat' to 'rak sekretariat': still read, and every link reaches the tab."""
    import openpyxl

    wb = openpyxl.load_workbook(WORKBOOK, keep_vba=True)
    wb[L.SHEET_RAK_B].title = "rak sekretariat"
    wb["rak sekretariat"]["H7"] = "??"
    renamed = tmp_path / "renamed.xlsm"
    wb.save(renamed)
    cli = subprocess.run([sys.executable, "-m", "rak_xl.cli", "validate", str(renamed), "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT)
    report = json.loads(cli.stdout)
    assert "RAK101" not in {f["code"] for f in report["findings"]}
    mark = next(f for f in report["findings"] if f["code"] == "RAK105")
    assert (mark["sheet"], mark["cell"]) == ("rak sekretariat", "H7")
    assert not any(f["sheet"] == L.SHEET_RAK_B for f in report["findings"])
    actions = press(renamed, buttons.validate)
    links = [str(v) for a in actions if a["func"] == "setValues" for row in a["values"] for v in row
             if "HYPERLINK" in str(v)]
    assert any("#'rak sekretariat'!H7" in link for link in links)
    assert not any(f"#'{L.SHEET_RAK_B}'!" in link for link in links)


def test_a_fact_over_many_cells_is_one_row_and_lights_every_cell():
    """RAK203 on the shipped plan: one finding per stretch of empty Penanggung Jawab cells, all highlighted."""
    actions = press(WORKBOOK, buttons.validate)
    findings_pos = next(a for a in actions if a["func"] == "addSheet")["args"][0]
    rows = _values(actions, findings_pos)[0]["values"][6:]
    unit_rows = [r for r in rows if r[2] == "RAK203"]
    assert [(r[3], r[5]) for r in unit_rows] == [(L.SHEET_RAK_A, "A-001"), (L.SHEET_RAK_B, "B-002")]
    assert unit_rows[0][4] == '=HYPERLINK("#\'RAK_KPU\'!K5","K5:K35")'  # to the first cell, labelled with all
    mask = sheet_index(WORKBOOK, L.SHEET_HIGHLIGHTS)
    offset = L.highlight_offset(L.SHEET_RAK_A)
    block = next(b for b in _values(actions, mask) if offset <= b["start_column"] < offset + L.HIGHLIGHT_BLOCK_WIDTH)
    k = offset + 10  # column K, 0-based

    def level(row1):  # 1-based row of RAK_KPU's column K -> its highlight level
        return block["values"][row1 - 1 - block["start_row"]][k - block["start_column"]]

    assert [level(r) for r in range(5, 36)] == [L.HIGHLIGHT_LEVEL["warning"]] * 31
