"""The Rekap Anggaran and Konsolidasi buttons, pressed through xlwings' remote engine on real files."""

from __future__ import annotations

import pytest

import rak_xl.buttons as buttons
from conftest import WORKBOOK
from rak_xl.core import layout as L
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
    head = _header_row(table)  # under the preamble, whose longer lines take two rows
    assert head <= 7 and table[head][:3] == ["No", "ID", "Indikator Kinerja"]
    numbered = [row for row in table[head + 1:] if isinstance(row[0], int)]
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
    from rak_xl.products import jobs
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


def test_consolidate_flags_the_rows_validation_marks_as_errors(edit):
    """A-028 has no target (RAK201, error); an unreadable mark on A-001 (RAK105) is a second one."""
    bad = edit({L.SHEET_RAK_A: {"G5": "?"}})
    actions = press(bad, buttons.consolidate)
    table = _values(actions, _added(actions, L.SHEET_CONSOLIDATED))[0]["values"]
    head = _header_row(table)
    notes = {row[1].split('","')[1].rstrip('")'): row[11] for row in table[head + 1:]
             if isinstance(row[0], int)}
    # The code and its short message, so a printed page says what is wrong.
    assert notes["A-001"] == "KESALAHAN RAK105: Tanda pada kolom TW 1 ('?') tidak dikenali."
    assert notes["A-028"] == "KESALAHAN RAK201: Indikator tidak memiliki target."
    # Exactly the rows the command line reports errors on are flagged.
    expected = _error_rows(bad)
    assert {i for i, n in notes.items() if n} == set(expected) >= {"A-001", "A-028"}
    for rak_id, codes in expected.items():
        assert [part.split(":")[0] for part in notes[rak_id].removeprefix("KESALAHAN ").split("; ")] == sorted(codes)
    made = " ".join(str(row[0]) for row in table[2:head] if row[0])  # the line after the satker's
    assert f"{len(expected)} baris bertanda KESALAHAN" in made
    assert "Validasi:" in made and "kesalahan" in made


def _header_row(table) -> int:
    return next(i for i, row in enumerate(table) if row[:2] == ["No", "ID"])


def _error_rows(path) -> dict[str, list[str]]:
    """RAK row ID -> error codes, from `rak-xl validate --format json` and the ID column of the file."""
    import json
    import subprocess
    import sys

    import openpyxl

    from conftest import ROOT

    done = subprocess.run([sys.executable, "-m", "rak_xl.cli", "validate", str(path), "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    wb = openpyxl.load_workbook(path, read_only=True)
    out: dict[str, list[str]] = {}
    for f in json.loads(done.stdout)["findings"]:
        if f["severity"] == "error" and f["sheet"] in (L.SHEET_RAK_A, L.SHEET_RAK_B) and f["cell"]:
            row = int("".join(ch for ch in f["cell"] if ch.isdigit()))
            codes = out.setdefault(wb[f["sheet"]][f"A{row}"].value, [])
            if f["code"] not in codes:
                codes.append(f["code"])
    return out


def test_consolidate_on_the_command_line(workbook_copy, tmp_path):
    import subprocess
    import sys

    from conftest import ROOT
    from python_calamine import CalamineWorkbook

    done = subprocess.run([sys.executable, "-m", "rak_xl.cli", "consolidate", str(workbook_copy)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[2].split()[:3] == ["1", "A.1", "A-001"] and "73 indikator" in lines[-1]
    out = tmp_path / "konsolidasi.xlsm"
    done = subprocess.run([sys.executable, "-m", "rak_xl.cli", "consolidate", str(workbook_copy), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    names = CalamineWorkbook.from_path(str(out)).sheet_names
    assert L.SHEET_CONSOLIDATED in names and L.SHEET_ROLLUP not in names
    assert workbook_copy.read_bytes() == WORKBOOK.read_bytes()  # the input is never modified


def test_run_writes_all_three_sheets_once(workbook_copy, tmp_path):
    from python_calamine import CalamineWorkbook

    from rak_xl.cli import main

    out = tmp_path / "hasil.xlsm"
    assert main(["run", str(workbook_copy), "-o", str(out)]) == 0
    again = tmp_path / "lagi.xlsm"
    assert main(["run", str(out), "-o", str(again)]) == 0  # a result run again: replaced, not duplicated
    names = CalamineWorkbook.from_path(str(again)).sheet_names
    for sheet in (L.SHEET_FINDINGS, L.SHEET_ROLLUP, L.SHEET_CONSOLIDATED):
        assert names.count(sheet) == 1
    assert workbook_copy.read_bytes() == WORKBOOK.read_bytes()
    # The two native charts of Rekap Anggaran: labels as text categories, series named by the header.
    import re
    import zipfile

    with zipfile.ZipFile(again) as zf:
        charts = [xml for xml in (zf.read(n).decode() for n in sorted(zf.namelist())
                                  if re.match(r"xl/charts/chart\d+\.xml$", n))
                  if f"'{L.SHEET_ROLLUP}'!" in xml]
    assert len(charts) == 2
    assert "<barChart>" in charts[0] and '<barDir val="bar"' in charts[0] and "stacked" in charts[0]
    assert "<lineChart>" in charts[1]
    for xml in charts:
        assert "<cat><strRef>" in xml and "<tx><strRef>" in xml


def test_a_workbook_without_plan_sheets_still_gets_both_sheets(tmp_path):
    """Nothing to add up is not a program error: the sheets say so, Temuan says why."""
    import openpyxl

    from rak_xl.cli import main

    empty = tmp_path / "kosong.xlsx"
    openpyxl.Workbook().save(empty)
    for button, sheet in BUTTONS:
        actions = press(empty, button)
        assert _values(actions, _added(actions, sheet))
        assert actions[-1]["func"] == "alert" and "selesai" in actions[-1]["args"][0]
    konsolidasi = press(empty, buttons.consolidate)
    table = _values(konsolidasi, _added(konsolidasi, L.SHEET_CONSOLIDATED))[0]["values"]
    assert any("Tidak ada baris RAK" in str(v) for row in table for v in row)
    assert main(["run", str(empty), "-o", str(tmp_path / "hasil.xlsx")]) == 0
