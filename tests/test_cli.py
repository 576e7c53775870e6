"""The command line: formats, exit codes, and never a traceback."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

from conftest import ROOT, WORKBOOK
from rak_xl.core import layout as L


def rak(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rak_xl.cli", *args], capture_output=True, text=True, cwd=ROOT)


def test_validate_json_shape():
    done = rak("validate", str(WORKBOOK), "--format", "json")
    data = json.loads(done.stdout)
    assert set(data) == {"file", "findings", "summary"}
    assert set(data["summary"]) == {"error", "warning", "info"}
    for f in data["findings"]:
        assert set(f) == {"code", "severity", "sheet", "cell", "cells", "message", "hint"}
        assert f["cells"][:1] == ([f["cell"]] if f["cell"] else [])
    assert done.returncode == (1 if data["summary"]["error"] else 0)


def test_validate_errors_exit_1_and_table_names_the_cell(edit):
    bad = edit({L.SHEET_RAK_B: {"H7": "??"}})
    done = rak("validate", str(bad))
    assert done.returncode == 1
    sheet = done.stdout[done.stdout.index("RAK_Sekretariat ("):]
    assert "Kesalahan RAK105 H7: Tanda pada kolom TW 2 ('??') tidak dikenali." in sheet
    assert "Traceback" not in done.stderr


def test_english_messages(edit):
    bad = edit({L.SHEET_RAK_B: {"H7": "??"}})
    data = json.loads(rak("validate", str(bad), "--format", "json", "--lang", "en").stdout)
    assert any(f["message"].startswith("The mark in column TW 2") for f in data["findings"])


def test_select_and_ignore_by_prefix(edit):
    bad = edit({L.SHEET_RAK_B: {"H7": "??", "I7": "v"}})
    only = json.loads(rak("validate", str(bad), "--format", "json", "--select", "RAK106").stdout)
    assert {f["code"] for f in only["findings"]} == {"RAK106"}
    without = json.loads(rak("validate", str(bad), "--format", "json", "--ignore", "RAK105").stdout)
    assert "RAK105" not in {f["code"] for f in without["findings"]}


def test_unreadable_file_exits_2_with_indonesian_message(tmp_path):
    fake = tmp_path / "rusak.xlsm"
    fake.write_bytes(b"bukan excel")
    done = rak("validate", str(fake))
    assert done.returncode == 2
    assert "rusak atau bukan workbook Excel" in done.stderr and "(RAK707)" in done.stderr
    assert "Traceback" not in done.stderr
    missing = rak("validate", str(tmp_path / "tidak_ada.xlsm"))
    assert missing.returncode == 2 and "tidak ditemukan" in missing.stderr and "(RAK701)" in missing.stderr


def test_run_writes_a_copy_and_never_touches_the_input(workbook_copy):
    before = hashlib.sha256(workbook_copy.read_bytes()).hexdigest()
    done = rak("run", str(workbook_copy))
    assert done.returncode == 0, done.stderr
    out = workbook_copy.with_name("RAK_2022_hasil.xlsm")
    assert out.exists()
    assert hashlib.sha256(workbook_copy.read_bytes()).hexdigest() == before
    from python_calamine import CalamineWorkbook

    assert L.SHEET_FINDINGS in CalamineWorkbook.from_path(str(out)).sheet_names


def test_the_output_of_run_validates_like_its_input(workbook_copy):
    """openpyxl keeps formulas but not their results: the build's lookup columns (Capaian's
    Indikator and Satuan) then read blank, and must not turn into findings."""
    before = json.loads(rak("validate", str(workbook_copy), "--format", "json").stdout)
    assert rak("run", str(workbook_copy)).returncode == 0
    out = workbook_copy.with_name("RAK_2022_hasil.xlsm")
    after = json.loads(rak("validate", str(out), "--format", "json").stdout)
    assert after["findings"] == before["findings"]


def test_table_shows_whole_messages_and_hints_grouped_by_sheet():
    done = rak("validate", str(WORKBOOK))  # a pipe, not a terminal: every message on one full line
    out = done.stdout
    data = json.loads(rak("validate", str(WORKBOOK), "--format", "json").stdout)
    for f in data["findings"]:
        assert f"{f['code']}" in out and f["message"] in out and f"Saran: {f['hint']}" in out
    # RAK409 keeps both amounts and the difference (the old table cut it at 90 characters).
    assert "(Rp 4.423.935.000) tidak sama dengan pagu DIPA yang berlaku (Rp 4.451.669.000, pagu revisi); " \
           "selisih Rp 27.734.000." in out
    # One heading per sheet, each sheet's findings under it.
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
    sheets = {f["sheet"] for f in data["findings"]}
    assert [h.split(" (")[0] for h in heads[:-1]] == [s for s in L.INPUT_SHEETS if s in sheets]
    assert heads[-1].startswith("RAK_2022.xlsm: 4 kesalahan")
    # A fact over many cells shows its span.
    assert "RAK203 K5:K35: Penanggung jawab belum diisi pada 31 baris" in out


def test_table_wraps_to_the_terminal_width():
    from rak_xl.cli import findings_text

    data = {"findings": [{"code": "RAK409", "severity": "error", "sheet": "Identitas", "cell": "B10",
                          "cells": ["B10"], "message": "kata " * 40, "hint": "saran " * 30}]}
    text = findings_text(data, "id", width=60)
    assert all(len(line) <= 60 for line in text.splitlines())
    assert text.count("kata") == 40 and text.count("saran") == 30  # wrapped, nothing cut


def test_select_and_ignore_take_comma_lists(edit):
    bad = edit({L.SHEET_RAK_B: {"H7": "??", "I7": "v"}})
    both = json.loads(rak("validate", str(bad), "--format", "json", "--select", "RAK105,RAK106").stdout)
    assert {f["code"] for f in both["findings"]} == {"RAK105", "RAK106"}
    rest = json.loads(rak("validate", str(bad), "--format", "json", "--ignore", "RAK1, RAK2,RAK3",
                          "--ignore", "RAK4").stdout)
    assert {f["code"][:4] for f in rest["findings"]} <= {"RAK5", "RAK6"} and rest["findings"]


def test_an_unknown_rule_code_is_refused_not_an_all_clear():
    for option, value in (("--select", "RAK4O1"), ("--select", "RAK4,RAK999"), ("--ignore", "RAK2O3")):
        done = rak("validate", str(WORKBOOK), option, value)
        assert done.returncode == 2, (option, value, done.stdout)
        assert "Kode aturan tidak dikenal" in done.stderr and option in done.stderr and "(RAK901)" in done.stderr
        assert done.stdout == "" and "Traceback" not in done.stderr
