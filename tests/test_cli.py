"""The command line: formats, exit codes, and never a traceback."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

from conftest import ROOT, WORKBOOK
from rak_xl import layout as L


def rak(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rak_xl.cli", *args], capture_output=True, text=True, cwd=ROOT)


def test_validate_json_shape():
    done = rak("validate", str(WORKBOOK), "--format", "json")
    data = json.loads(done.stdout)
    assert set(data) == {"file", "findings", "summary"}
    assert set(data["summary"]) == {"error", "warning", "info"}
    for f in data["findings"]:
        assert set(f) == {"code", "severity", "sheet", "cell", "message", "hint"}
    assert done.returncode == (1 if data["summary"]["error"] else 0)


def test_validate_errors_exit_1_and_table_names_the_cell(edit):
    bad = edit({L.SHEET_RAK_B: {"H7": "??"}})
    done = rak("validate", str(bad))
    assert done.returncode == 1
    assert "RAK105" in done.stdout and "RAK_Sekretariat!H7" in done.stdout
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
    assert "rusak atau bukan workbook Excel" in done.stderr
    assert "Traceback" not in done.stderr
    missing = rak("validate", str(tmp_path / "tidak_ada.xlsm"))
    assert missing.returncode == 2 and "tidak ditemukan" in missing.stderr


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
