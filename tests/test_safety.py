"""Safety: cell text never becomes a formula, XML and archives are read defensively, the
workbook carries only our macros, and nothing written reveals the user's home or name."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import make_bad_corpus as corpus
from conftest import ROOT, WORKBOOK
from rak_xl.core import layout as L

# What the corpus puts into the ID column of RAK_KPU (rows 5-8): text a spreadsheet would run.
INJECTED = ('=HYPERLINK("http://contoh.invalid","klik")', "+62-335-421", "-1+1", "@SUM(1)")


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rak_xl", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env or os.environ.copy(), timeout=300)


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> Path:
    return corpus.formula_text_in_cells(tmp_path_factory.mktemp("inject") / "RAK_inject.xlsm")


def test_openpyxl_parses_xml_with_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def _text_cells(path: Path, sheets) -> dict[str, list]:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    found: dict[str, list] = {text: [] for text in INJECTED}
    for ws in wb.worksheets:
        if ws.title not in sheets:
            continue
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in found:
                    found[cell.value].append((ws.title, cell.coordinate, cell.data_type))
    return found


def test_cell_text_starting_like_a_formula_stays_text_in_the_workbook(injected):
    done = _cli("run", str(injected))
    assert done.returncode == 0, done.stderr
    out = injected.with_name("RAK_inject_hasil.xlsm")
    found = _text_cells(out, L.OUTPUT_SHEETS)
    for text, cells in found.items():
        assert cells, f"{text!r} should appear in an output sheet (the findings name the row ID)"
        assert all(kind == "s" for _s, _c, kind in cells), (text, cells)
    # And in the package itself: no cell carries a formula made of that text. Our own formulas
    # (links to a row) may quote an ID as a label, with its quotes doubled.
    from html import unescape

    with zipfile.ZipFile(out) as zf:
        formulas = [unescape(m) for n in zf.namelist() if n.startswith("xl/worksheets/sheet")
                    for m in re.findall(r"<f>([^<]*)</f>", zf.read(n).decode())]
    for text in INJECTED:
        assert text not in formulas and text[1:] not in formulas, text
    for f in formulas:
        if "contoh.invalid" in f:  # quoted as a label inside our formula: its quotes doubled
            assert '""http://contoh.invalid""' in f and 'HYPERLINK("http://contoh.invalid"' not in f, f


def test_cell_text_starting_like_a_formula_stays_text_in_the_submit_package(injected, tmp_path):
    done = _cli("submit", str(injected), "-o", str(tmp_path / "Kiriman"), "--force", "--no-pdf")
    assert done.returncode == 0, done.stderr
    packages = list((tmp_path / "Kiriman").rglob("*.xlsx"))
    assert packages
    for package in packages:
        found = _text_cells(package, set(_sheetnames(package)))
        assert any(found.values())
        for text, cells in found.items():
            assert all(kind == "s" for _s, _c, kind in cells), (text, cells)
    for txt in (tmp_path / "Kiriman").rglob("*.txt"):  # the e-mail text: plain text, no cell can run there
        assert txt.read_text(encoding="utf-8")


def _sheetnames(path: Path) -> list[str]:
    import openpyxl

    return openpyxl.load_workbook(path, read_only=True).sheetnames


def test_xlwings_writes_carry_the_apostrophe_for_all_four_prefixes(injected):
    import rak_xl.buttons as buttons
    from remote import press

    assert [s[:1] for s in INJECTED] == ["=", "+", "-", "@"]
    actions = press(injected, buttons.validate)
    written = [v for a in actions if a["func"] == "setValues" for row in a["values"] for v in row
               if isinstance(v, str)]
    for text in INJECTED:
        assert "'" + text in written, text
        assert text not in written, f"{text!r} written without the apostrophe"


def test_archive_limits_are_checked_before_anything_is_parsed(tmp_path, monkeypatch):
    import python_calamine

    from rak_xl.adapters.file_read import read_grids
    from rak_xl.core.errors import RakInputError

    def parse(*_a, **_k):
        raise AssertionError("calamine was asked to parse a zip bomb")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", parse)
    for make, refusal in ((corpus.zip_bomb_ratio, "melebihi batas"), (corpus.zip_bomb_spread, "terlalu besar"),
                          (corpus.zip_bomb_members, "terlalu besar"), (corpus.zip_bomb_declared_size, "terlalu besar")):
        bomb = make(tmp_path / f"{make.__name__}.xlsm")
        with pytest.raises(RakInputError, match=refusal):
            read_grids(bomb)


def test_a_file_that_grows_after_it_was_measured_is_read_whole_and_held_to_the_limit(tmp_path, monkeypatch):
    """The reader asks for the size fstat gave plus one byte; a file longer by then is read on, to the limit."""
    from rak_xl.adapters import archive
    from rak_xl.core.errors import RakInputError

    copy = tmp_path / "tumbuh.xlsm"
    shutil.copyfile(WORKBOOK, copy)
    whole = copy.read_bytes()
    real_fstat = os.fstat

    def measured_earlier(fd):  # what fstat said before the last bytes were written
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 1000, *info[7:]))

    monkeypatch.setattr(archive.os, "fstat", measured_earlier)
    assert archive.read_bytes(copy) == whole
    monkeypatch.setattr(archive, "MAX_FILE", len(whole) - 1)
    with pytest.raises(RakInputError, match="terlalu besar"):
        archive.read_bytes(copy)


def test_the_module_check_fails_when_another_module_appears(tmp_path, monkeypatch):
    """tests/test_build.py guards the committed workbook; show that its check catches an extra module."""
    import test_build
    from rak_xl.products.builder.workbook import build_workbook

    macros = tmp_path / "macros"
    shutil.copytree(ROOT / "macros", macros)
    (macros / "Tambahan.bas").write_text('Attribute VB_Name = "Tambahan"\r\nSub Halo()\r\nEnd Sub\r\n')
    extra = tmp_path / "extra.xlsm"
    extra.write_bytes(build_workbook(ROOT / "workbook" / "sources", macros))
    monkeypatch.setattr(test_build, "WORKBOOK", extra)
    with pytest.raises(AssertionError):
        test_build.test_only_our_modules_and_xlwings_are_in_the_project()


def _leaks(folder: Path, needles: list[str]) -> list[str]:
    """Every file under `folder`, and every part of every zip package, searched for the needles."""
    forms = [n.encode(enc) for n in needles for enc in ("utf-8", "utf-16-le")]
    hits = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        blobs = {path.name: path.read_bytes()}
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                blobs.update({f"{path.name}:{n}": zf.read(n) for n in zf.namelist()})
        hits += [name for name, data in blobs.items() for form in forms if form in data]
    return hits


def test_nothing_written_contains_the_home_path_or_user_name(tmp_path):
    home = tmp_path / "Rumah_Qz7Hx"
    home.mkdir()
    work = tmp_path / "kerja"
    work.mkdir()
    shutil.copyfile(WORKBOOK, work / "RAK_2022.xlsm")
    user = "PenggunaQz7Hx"
    env = {**os.environ, "HOME": str(home), "USERPROFILE": str(home), "USER": user, "USERNAME": user,
           "LOGNAME": user}
    assert _cli("run", str(work / "RAK_2022.xlsm"), env=env).returncode == 0
    done = _cli("submit", str(work / "RAK_2022.xlsm"), "-o", str(work / "Kiriman"), "--force", "--no-pdf", env=env)
    assert done.returncode == 0, done.stderr
    satker = home / "satker"  # the province's folder of satker workbooks, under the home folder
    satker.mkdir()
    shutil.copyfile(WORKBOOK, satker / "RAK_Kota_A.xlsm")
    done = _cli("province", str(satker), "-o", str(work / "Rekap_Provinsi.xlsx"), "--workers", "1", "--quiet", env=env)
    assert done.returncode in (0, 1), done.stderr
    written = [p for p in work.rglob("*") if p.is_file()]
    assert len(written) >= 4  # the input, the result copy, the package and the recap
    assert _leaks(work, [str(home), user, "Rumah_Qz7Hx"]) == []
    # The scan itself works: a planted needle is found.
    (work / "kontrol.txt").write_text(f"dibuat oleh {user}", encoding="utf-8")
    assert _leaks(work, [user]) == ["kontrol.txt"]


def test_the_bug_log_does_not_carry_the_home_folder(tmp_path, monkeypatch):
    """The log staff are asked to send: paths under their home folder appear as '~'."""
    from rak_xl.core import crash

    home = tmp_path / "Rumah_Qz7Hx"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "state"))
    try:
        open(home / "Dokumen" / "RAK_2022.xlsm")  # noqa: SIM115 - the fault being reported
    except FileNotFoundError:
        text = crash.report()
    log = crash.log_path().read_text(encoding="utf-8")
    assert "FileNotFoundError" in log and "~/Dokumen/RAK_2022.xlsm" in log
    assert str(home) not in log and "Rumah_Qz7Hx" not in text


def test_the_writer_refuses_xml_entities(tmp_path):
    """openpyxl (through defusedxml) refuses entity declarations instead of expanding them."""
    from rak_xl.adapters.file_write import apply_plan
    from rak_xl.core.errors import RakInputError
    from rak_xl.outputs.sheets import WritePlan

    import openpyxl

    bomb = corpus.xml_entity_bomb(tmp_path / "laughs.xlsm")
    before = bomb.read_bytes()
    with pytest.raises(ValueError) as refused:
        openpyxl.load_workbook(bomb, keep_vba=True)
    assert type(refused.value.__cause__ or refused.value.__context__).__name__ == "EntitiesForbidden"
    with pytest.raises(RakInputError, match="tidak dapat dibuka untuk ditulisi"):
        apply_plan(bomb, bomb, WritePlan())
    assert bomb.read_bytes() == before
