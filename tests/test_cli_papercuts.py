"""What a new user trips over in the first week, each answered: full paths in messages, --workers of
at least 1, a suggestion for a mistyped command or option, comma lists with spaces, the right noun for a
file and a folder, `build` outside a checkout, `setup-excel` on Linux, "Rp" kept with its amount on a
terminal, English footers with --lang en, and one overwrite policy for every output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, WORKBOOK
from rak_xl.cli import findings_text, join_comma_lists, main


def rak(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rak_xl", *args], capture_output=True, text=True, cwd=cwd)


# -- full paths ------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [
    ["validate", "RAK_2021.xlsm"], ["run", "RAK_2021.xlsm"], ["rollup", "RAK_2021.xlsm"],
    ["consolidate", "RAK_2021.xlsm"], ["evaluate", "RAK_2021.xlsm"], ["submit", "RAK_2021.xlsm", "--no-pdf"],
    ["baru", "--dari", "RAK_2021.xlsm"],
])
def test_a_missing_file_is_named_in_full(command, tmp_path):
    done = rak(*command, cwd=tmp_path)
    assert done.returncode == 2
    assert f"Berkas '{tmp_path / 'RAK_2021.xlsm'}' tidak ditemukan. (RAK701)" in done.stderr


def test_a_file_that_is_no_workbook_is_named_in_full(tmp_path):
    (tmp_path / "RAK.xlsx").write_text("Kode;Uraian\n", encoding="utf-8")
    (tmp_path / "lama.xlsm").mkdir()
    assert f"'{tmp_path / 'RAK.xlsx'}'" in rak("validate", "RAK.xlsx", cwd=tmp_path).stderr
    assert f"'{tmp_path / 'lama.xlsm'}' adalah folder" in rak("validate", "lama.xlsm", cwd=tmp_path).stderr
    assert f"'{tmp_path / 'rekap.txt'}'" in rak("province", ".", "-o", "rekap.txt", cwd=tmp_path).stderr


# -- options ---------------------------------------------------------------------------------

@pytest.mark.parametrize("workers", ["0", "-1"])
def test_workers_must_be_at_least_one(workers, tmp_path):
    done = rak("province", str(ROOT / "workbook"), "-o", str(tmp_path / "r.xlsx"), "--workers", workers)
    assert done.returncode == 2
    assert f"argumen --workers: harus 1 atau lebih: '{workers}' (RAK900)" in done.stderr
    assert not (tmp_path / "r.xlsx").exists()
    english = rak("province", str(ROOT / "workbook"), "--workers", workers, "--lang", "en")
    assert f"argument --workers: must be 1 or more: '{workers}'" in english.stderr


def test_a_mistyped_command_gets_a_suggestion():
    done = rak("valdate", str(WORKBOOK))
    assert done.returncode == 2
    assert "pilihan tidak sah: 'valdate'" in done.stderr
    assert "Maksud Anda: rak-xl validate?" in done.stderr
    assert "Did you mean: rak-xl validate?" in rak("--lang", "en", "valdate", str(WORKBOOK)).stderr
    assert "Maksud Anda" not in rak("zzz", str(WORKBOOK)).stderr  # nothing close: no guess


def test_a_mistyped_option_gets_a_suggestion_and_the_commands_usage():
    done = rak("rollup", str(WORKBOOK), "--formt", "json")
    assert done.returncode == 2
    assert done.stderr.startswith("Penggunaan: rak-xl rollup ")  # the command's usage, not the top level's
    assert "argumen tidak dikenal: --formt json" in done.stderr
    assert "Maksud Anda: rak-xl rollup --format?" in done.stderr
    assert "Bantuan: rak-xl rollup --help" in done.stderr
    assert "Maksud Anda: rak-xl province --workers?" in rak("province", "x", "--wokers=2").stderr


def test_comma_lists_take_a_space_after_or_before_a_comma():
    assert join_comma_lists(["validate", "F", "--select", "RAK4,", "RAK501"]) == ["validate", "F", "--select",
                                                                                "RAK4,RAK501"]
    assert join_comma_lists(["--ignore=RAK203", ",RAK407", "F"]) == ["--ignore=RAK203,RAK407", "F"]
    assert join_comma_lists(["validate", "A,", "B"]) == ["validate", "A,", "B"]  # not an option's list
    spaced = rak("validate", str(WORKBOOK), "--select", "RAK4,", "RAK501", "--format", "json")
    joined = rak("validate", str(WORKBOOK), "--select", "RAK4,RAK501", "--format", "json")
    assert spaced.returncode == joined.returncode == 1, spaced.stderr
    assert spaced.stdout == joined.stdout and '"RAK409"' in spaced.stdout and '"RAK501"' in spaced.stdout


# -- the right words -------------------------------------------------------------------------

def test_submit_into_a_file_says_it_is_a_file_not_a_folder(workbook_copy, tmp_path):
    afile = tmp_path / "Kiriman"
    afile.write_text("bukan folder", encoding="utf-8")
    for out in (afile, afile / "sub"):
        done = rak("submit", str(workbook_copy), "-o", str(out), "--force", "--no-pdf")
        assert done.returncode == 2
        assert f"'{afile}' adalah berkas, bukan folder" in done.stderr and "(RAK823)" in done.stderr
        assert "tidak dapat ditulisi" not in done.stderr
    assert afile.read_text(encoding="utf-8") == "bukan folder"


def test_build_outside_a_checkout_says_so(tmp_path):
    done = rak("build", cwd=tmp_path)
    assert done.returncode == 2
    assert f"Folder sumber '{tmp_path / 'workbook' / 'sources'}' tidak ada" in done.stderr
    assert "(RAK909)" in done.stderr and "disk" not in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("platform, note", [("linux", True), ("win32", False)])
def test_setup_excel_says_what_it_wrote_and_where_the_buttons_run(platform, note, tmp_path, monkeypatch, capsys):
    from rak_xl.products import excel_setup

    conf = tmp_path / ".xlwings" / "xlwings.conf"
    monkeypatch.setattr(excel_setup, "user_config_file", lambda: conf)
    monkeypatch.setattr(excel_setup.sys, "platform", platform)
    assert main(["setup-excel"]) == 0
    out = capsys.readouterr().out
    assert f"Ditulis: {conf}" in out and '"INTERPRETER_WIN"' in conf.read_text(encoding="utf-8")
    said = "Catatan: Python ini tertulis sebagai INTERPRETER_WIN. Tombol RAK berjalan di Excel untuk Windows atau macOS"
    assert (said in out) is note
    assert main(["setup-excel", "--lang", "en"]) == 0
    assert ("The RAK buttons run in Excel on Windows or macOS" in capsys.readouterr().out) is note


def test_a_terminal_never_wraps_rp_away_from_its_amount():
    lead = "  Kesalahan RAK409 B10: "
    message = "x" * (36 - len(lead)) + " Rp 27.734.000 dari pagu Rp 4.451.669.000"  # "Rp" would end line 1
    report = {"findings": [{"code": "RAK409", "severity": "error", "sheet": "Identitas", "cell": "B10",
                            "cells": ["B10"], "message": message, "hint": ""}]}
    lines = findings_text(report, "id", width=40).splitlines()
    assert not [line for line in lines if line.rstrip().endswith("Rp")], lines
    assert "\u00a0" not in "\n".join(lines)
    assert any(line.strip().startswith("Rp 27.734.000") for line in lines), lines


@pytest.mark.parametrize("command", ["consolidate", "rollup", "evaluate"])
def test_english_tables_close_with_english_notes(command):
    done = rak(command, str(WORKBOOK), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "ILLUSTRATIVE EXAMPLE: the sheets Anggaran" in done.stdout
    assert "CONTOH ILUSTRATIF" not in done.stdout and "Catatan:" not in done.stdout
    if command == "consolidate":
        assert "Note: * this row's Penanggung Jawab is empty" in done.stdout


def test_english_validation_writes_amounts_the_english_way():
    done = rak("--lang", "en", "validate", str(WORKBOOK))
    assert done.returncode == 1
    assert "27,734,000" in done.stdout and "27.734.000" not in done.stdout


# -- one overwrite policy -------------------------------------------------------------------

@pytest.mark.parametrize("command", ["run", "consolidate", "evaluate"])
def test_a_name_given_with_o_is_replaced_only_with_force(command, workbook_copy, tmp_path):
    target = tmp_path / "punya_orang.xlsm"
    target.write_bytes(b"karya orang lain")
    done = rak(command, str(workbook_copy), "-o", str(target))
    assert done.returncode == 2
    assert f"Berkas hasil '{target}' sudah ada" in done.stderr and "(RAK824)" in done.stderr
    assert target.read_bytes() == b"karya orang lain"
    forced = rak(command, str(workbook_copy), "-o", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_bytes()[:2] == b"PK"


def test_a_name_given_with_o_that_appears_during_the_work_is_not_replaced(workbook_copy, tmp_path):
    """The name is checked before the work; a file made under it meanwhile (a colleague's save) is
    still kept: the copy takes the name only if it is free when it is put in place."""
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.adapters.file_write import apply_plan
    from rak_xl.core.errors import RakInputError
    from rak_xl.products import jobs

    target = tmp_path / "baru.xlsm"
    grids = read_grids(workbook_copy, rewrite=True)
    _report, plan = jobs.run_all(grids, workbook_copy.name)
    target.write_bytes(b"disimpan rekan sementara itu")  # appears after rak-xl checked the name
    with pytest.raises(RakInputError) as refused:
        apply_plan(workbook_copy, target, plan, grids, new=True)
    assert refused.value.code == "RAK811"
    assert target.read_bytes() == b"disimpan rekan sementara itu"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([workbook_copy.name, target.name])


def test_a_derived_name_is_ours_to_replace(workbook_copy, tmp_path):
    hasil = tmp_path / "RAK_2022_hasil.xlsm"
    for _ in range(2):
        done = rak("run", str(workbook_copy))
        assert done.returncode == 0, done.stderr
        assert f"Hasil ditulis ke {hasil}" in done.stdout


def test_province_replaces_an_earlier_recap_and_no_other_file(workbook_copy, tmp_path):
    recap = tmp_path / "hasil" / "Rekap.xlsx"
    recap.parent.mkdir()
    assert rak("province", str(workbook_copy.parent), "-o", str(recap), "--quiet").returncode == 0
    again = rak("province", str(workbook_copy.parent), "-o", str(recap), "--quiet")
    assert again.returncode == 0, again.stderr  # an earlier recap: the command's own to replace
    other = tmp_path / "hasil" / "anggaran_kantor.xlsx"
    other.write_bytes(b"PK\x03\x04 lembar kerja orang lain")
    done = rak("province", str(workbook_copy.parent), "-o", str(other), "--quiet")
    assert done.returncode == 2
    assert f"Berkas '{other}' sudah ada dan bukan rekap buatan rak-xl" in done.stderr and "(RAK858)" in done.stderr
    assert other.read_bytes() == b"PK\x03\x04 lembar kerja orang lain"


def test_the_overwrite_policy_is_stated_in_the_command_reference():
    text = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    section = text[text.index("## Overwriting"):]
    for name in ("`run`", "`consolidate -o`", "`evaluate -o`", "`submit`", "`province`", "`baru`", "--force"):
        assert name in section, name
