"""The command line behaves like one: pipes, Indonesian argparse, --lang everywhere, one number
style per language, clear messages, full paths, file modes that follow the umask."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, WORKBOOK
from rak_xl.core import layout as L
from rak_xl.cli import build_parser, main

COMMANDS = ("validate", "run", "rollup", "consolidate", "submit", "province", "evaluate", "baru", "build", "rules",
            "setup-excel")


def rak(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rak_xl", *args], capture_output=True, text=True, cwd=cwd)


# -- pipes ---------------------------------------------------------------------------

def test_a_closed_pipe_ends_quietly_with_exit_0():
    # The reader is gone before the first line: what `| head -1` does, without its timing.
    proc = subprocess.Popen([sys.executable, "-m", "rak_xl", "evaluate", str(WORKBOOK)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert err == ""


def test_head_takes_the_first_line_and_the_command_exits_0():
    done = subprocess.run(["bash", "-c", f'"{sys.executable}" -m rak_xl evaluate "{WORKBOOK}" | head -1; '
                                         'exit "${PIPESTATUS[0]}"'], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("RAK_2022.xlsm: Evaluasi TW")
    assert done.stderr == ""


# -- argparse in Indonesian (and English with --lang en) -------------------------------

def test_argparse_errors_speak_indonesian():
    missing = rak("validate")
    assert missing.returncode == 2
    assert "Penggunaan: rak-xl validate" in missing.stderr
    assert "galat: argumen berikut wajib diisi: BERKAS" in missing.stderr
    assert "Bantuan: rak-xl validate --help" in missing.stderr
    unknown = rak("rollup", str(WORKBOOK), "--bogus")
    assert "argumen tidak dikenal: --bogus" in unknown.stderr
    choice = rak("rollup", str(WORKBOOK), "--format", "xml")
    assert "argumen --format: pilihan tidak sah: 'xml' (pilih salah satu: 'table', 'json')" in choice.stderr
    quarter = rak("evaluate", str(WORKBOOK), "--quarter", "dua")
    assert "argumen --quarter: bukan bilangan bulat: 'dua'" in quarter.stderr
    for done in (missing, unknown, choice, quarter):
        assert "usage:" not in done.stderr and "error:" not in done.stderr and "Traceback" not in done.stderr


def test_argparse_errors_speak_english_with_lang_en():
    done = rak("validate", "--lang", "en")
    assert "usage: rak-xl validate" in done.stderr and "the following arguments are required: FILE" in done.stderr


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_command_takes_lang_and_every_argument_has_help(lang):
    parser = build_parser(lang)
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)
    for name, command in sub.choices.items():
        dests = {a.dest for a in command._actions}
        assert "lang" in dests, name
        for action in command._actions:
            assert action.help, f"{name} {action.dest}: no help text"
    help_text = rak("evaluate", "--help", *(["--lang", "en"] if lang == "en" else [])).stdout
    if lang == "id":
        assert "Penggunaan:" in help_text and "opsi:" in help_text and "tampilkan bantuan ini" in help_text
        assert "workbook RAK (.xlsm atau .xlsx)" in help_text and "bahasa pesan dan saran" in help_text
    else:
        assert "usage:" in help_text and "language of messages and hints" in help_text


def test_lang_en_works_on_every_command_that_reads_a_plan(workbook_copy, tmp_path):
    runs = {
        "rollup": rak("rollup", str(workbook_copy), "--lang", "en"),
        "consolidate": rak("consolidate", str(workbook_copy), "--lang", "en"),
        "evaluate": rak("evaluate", str(workbook_copy), "--lang", "en"),
        "run": rak("run", str(workbook_copy), "-o", str(tmp_path / "out.xlsm"), "--lang", "en"),
        "submit": rak("--lang", "en", "submit", str(workbook_copy), "-o", str(tmp_path / "kirim"), "--no-pdf",
                      "--force"),
    }
    for name, done in runs.items():
        assert done.returncode == 0, (name, done.stderr)
    assert "Cumulative disbursement plan: Q1 763,330,000 (17.15%)" in runs["rollup"].stdout
    assert "indicators; validation 4 errors" in runs["consolidate"].stdout
    assert "Q2 evaluation - Q2 reported" in runs["evaluate"].stdout and "counted" in runs["evaluate"].stdout
    assert f"Written to {tmp_path / 'out.xlsm'}" in runs["run"].stdout
    assert "Warning: package made although the plan still has errors" in runs["submit"].stderr


def test_hints_follow_lang(tmp_path):
    missing = tmp_path / "tidak_ada.xlsm"
    en = rak("rollup", str(missing), "--lang", "en")
    assert en.returncode == 2 and "Hint: Check the file's name and folder." in en.stderr and "(RAK701)" in en.stderr
    assert "Saran" not in en.stderr
    assert "Saran: Periksa nama dan folder berkas." in rak("rollup", str(missing)).stderr


def test_every_raised_input_error_with_a_hint_has_an_english_hint():
    """--lang en shows hint_en; a hint without one would stay Indonesian."""
    missing = []
    for path in sorted((ROOT / "rak_xl").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")).endswith(
                    ("RakInputError", "SubmitRefused")):
                names = {k.arg for k in node.keywords}
                if "hint" in names and "hint_en" not in names:
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert missing == []


# -- one number style per language ----------------------------------------------------------

PCT_ID, PCT_EN = re.compile(r"-?\d[\d.]*,\d\d%"), re.compile(r"-?\d[\d,]*\.\d\d%")


def _percents(text: str) -> list[str]:
    return re.findall(r"-?\d[\d.,]*%", text)


@pytest.mark.parametrize("lang, style, thousands", [("id", PCT_ID, "1.646.458.000"), ("en", PCT_EN, "1,646,458,000")])
def test_one_number_style_per_language(lang, style, thousands):
    for command in ("rollup", "evaluate"):
        out = rak(command, str(WORKBOOK), "--lang", lang).stdout
        found = _percents(out)
        assert found, command
        odd = [p for p in found if not style.fullmatch(p)]
        assert odd == [], f"{command} --lang {lang}: {odd[:5]}"
        assert thousands in out


# -- clear messages ----------------------------------------------------------------------

def test_build_without_pyopenvba_says_what_to_install(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "pyopenvba", None)  # an install without it
    monkeypatch.chdir(ROOT)
    target = tmp_path / "RAK.xlsm"
    assert main(["build", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "pyOpenVBA" in err and "pip install pyOpenVBA" in err and "kesalahan program" not in err
    assert "(RAK905)" in err
    assert not target.exists()


def test_province_given_a_file_or_an_empty_folder_says_so(tmp_path):
    done = rak("province", str(WORKBOOK), "-o", str(tmp_path / "r.xlsx"))
    assert done.returncode == 2
    assert "adalah berkas, bukan folder" in done.stderr and "tidak ditemukan" not in done.stderr
    empty = tmp_path / "kosong"
    empty.mkdir()
    done = rak("province", str(empty), "-o", str(tmp_path / "r.xlsx"), "--quiet")
    assert done.returncode == 2 and "tidak berisi berkas" in done.stderr
    assert not (tmp_path / "r.xlsx").exists()


def test_province_prints_the_recap_path_in_full(workbook_copy, tmp_path):
    work = tmp_path / "kerja"
    work.mkdir()
    done = rak("province", str(workbook_copy.parent), "--quiet", "--workers", "1", cwd=work)
    assert done.returncode == 0, done.stderr
    assert f"Rekap ditulis ke {work / 'Rekap_Provinsi.xlsx'}:" in done.stdout


def test_run_prints_the_full_path_and_updates_a_hasil_file_in_place(workbook_copy, tmp_path):
    done = rak("run", workbook_copy.name, cwd=tmp_path)
    hasil = tmp_path / "RAK_2022_hasil.xlsm"
    assert done.returncode == 0, done.stderr
    assert f"Hasil ditulis ke {hasil}" in done.stdout
    again = rak("run", hasil.name, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert f"Hasil ditulis ke {hasil}" in again.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["RAK_2022.xlsm", "RAK_2022_hasil.xlsm"]


def test_output_into_a_missing_folder_names_the_folder_not_excel(workbook_copy, tmp_path):
    target = tmp_path / "tidak_ada" / "x.xlsm"
    done = rak("run", str(workbook_copy), "-o", str(target))
    assert done.returncode == 2
    assert f"folder '{target.parent}' tidak ada" in done.stderr
    assert "Excel" not in done.stderr and "Buat folder itu dulu" in done.stderr
    assert not target.parent.exists()


# -- file modes follow the umask ------------------------------------------------------------

@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("umask", [0o002, 0o077])
def test_outputs_follow_the_umask(workbook_copy, tmp_path, umask):
    old = os.umask(umask)
    try:
        assert main(["run", str(workbook_copy), "-o", str(tmp_path / "out.xlsm")]) == 0
        assert main(["submit", str(workbook_copy), "-o", str(tmp_path / "kirim"), "--no-pdf", "--force"]) == 0
        assert main(["province", str(workbook_copy.parent), "-o", str(tmp_path / "rekap.xlsx"), "--quiet",
                     "--workers", "1"]) == 0
    finally:
        os.umask(old)
    assert (tmp_path / "out.xlsm").stat().st_mode & 0o777 == 0o666 & ~umask
    assert (tmp_path / "rekap.xlsx").stat().st_mode & 0o777 == 0o666 & ~umask
    (folder,) = (tmp_path / "kirim").iterdir()
    assert folder.stat().st_mode & 0o777 == 0o777 & ~umask
    for f in folder.iterdir():
        assert f.stat().st_mode & 0o777 == 0o666 & ~umask, f.name


def test_a_replaced_file_keeps_its_mode(workbook_copy, tmp_path):
    target = tmp_path / "out.xlsm"
    assert main(["run", str(workbook_copy), "-o", str(target)]) == 0
    target.chmod(0o640)
    assert main(["run", str(workbook_copy), "-o", str(target), "--force"]) == 0  # a name given: replaced when asked
    assert target.stat().st_mode & 0o777 == 0o640


def test_lang_can_be_given_before_the_command():
    done = rak("--lang", "en", "rollup", str(WORKBOOK))
    assert done.returncode == 0 and "Allocated" in done.stdout


def test_sheet_names_stay_indonesian_under_lang_en(workbook_copy, tmp_path):
    import openpyxl

    out = tmp_path / "out.xlsm"
    assert rak("run", str(workbook_copy), "-o", str(out), "--lang", "en").returncode == 0
    assert L.SHEET_CONSOLIDATED in openpyxl.load_workbook(out, read_only=True).sheetnames


# -- the crash log ---------------------------------------------------------------------------

def _crash(monkeypatch, capsys) -> str:
    from rak_xl.products import jobs

    def boom(*_a, **_k):
        raise RuntimeError("boom inside the test")

    monkeypatch.setattr(jobs, "validate", boom)  # a fault injected under the CLI, as a bug would be
    assert main(["rollup", str(WORKBOOK)]) == 3
    return capsys.readouterr().err


def test_the_crash_log_is_per_user_and_the_tests_keep_out_of_the_real_one(monkeypatch, capsys, tmp_path):
    import tempfile

    from rak_xl.core import crash

    real = Path.home() / ".local" / "state" / "rak_xl" / crash.LOG_NAME
    before = real.stat().st_mtime_ns if real.exists() else None
    shared = Path(tempfile.gettempdir()) / crash.LOG_NAME
    shared_before = shared.stat().st_mtime_ns if shared.exists() else None
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    err = _crash(monkeypatch, capsys)
    log = state / "rak_xl" / crash.LOG_NAME
    assert f"Rincian tersimpan di {log}." in err
    assert "boom inside the test" in log.read_text(encoding="utf-8")
    assert (real.stat().st_mtime_ns if real.exists() else None) == before
    assert (shared.stat().st_mtime_ns if shared.exists() else None) == shared_before


def test_the_suite_points_the_crash_log_at_a_temporary_folder():
    from conftest import STATE
    from rak_xl.core import crash

    assert crash.log_path().is_relative_to(STATE)


@pytest.mark.parametrize("platform, env, expected", [
    ("win32", {"LOCALAPPDATA": r"C:\Users\staf\AppData\Local"}, Path(r"C:\Users\staf\AppData\Local") / "rak_xl"),
    ("linux", {"XDG_STATE_HOME": "/srv/state"}, Path("/srv/state/rak_xl")),
    ("linux", {"XDG_STATE_HOME": "relatif"}, Path.home() / ".local" / "state" / "rak_xl"),
    ("linux", {}, Path.home() / ".local" / "state" / "rak_xl"),
])
def test_crash_log_folder_by_platform(monkeypatch, platform, env, expected):
    from rak_xl.core import crash

    monkeypatch.setattr(sys, "platform", platform)
    for name in ("LOCALAPPDATA", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert crash.log_dir() == expected


def test_crash_message_follows_lang(monkeypatch, capsys):
    from rak_xl.products import jobs

    monkeypatch.setattr(jobs, "validate", lambda *_a, **_k: 1 / 0)
    assert main(["rollup", str(WORKBOOK), "--lang", "en"]) == 3
    assert capsys.readouterr().err.startswith("Program error (ref ")


def test_readme_says_where_the_crash_log_is():
    text = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert "%LOCALAPPDATA%\\rak_xl\\rak_xl_galat.log" in text and "~/.local/state/rak_xl/rak_xl_galat.log" in text
    assert "folder TEMP" not in text


def test_the_log_path_shown_to_staff_hides_the_user_name(monkeypatch, tmp_path):
    from rak_xl.core import crash

    home = tmp_path / "Rumah_Qz7Hx"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setattr(sys, "platform", "linux")
    assert crash.shown_path(crash.log_path()) == "~/.local/state/rak_xl/rak_xl_galat.log"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData" / "Local"))
    assert crash.shown_path(crash.log_path()) == f"%LOCALAPPDATA%{os.sep}rak_xl{os.sep}rak_xl_galat.log"
