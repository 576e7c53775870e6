"""workbook/Rekap_Provinsi.xlsm: built from sources, its Buat Rekap button pressed through the
remote engine, its buttons bound in LibreOffice."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from python_calamine import CalamineWorkbook

import rak_xl.buttons as buttons
from conftest import ROOT, WORKBOOK, edit_workbook
from rak_xl.core import layout as L
from rak_xl.products import province as P
from rak_xl.products.builder.province_workbook import build_province_workbook
from rak_xl.products.builder.vba import our_modules
from synthetic import Template, generate
from remote import press

PROVINCE_BOOK = ROOT / "workbook" / "Rekap_Provinsi.xlsm"
MACROS = ROOT / "macros" / "province"
WRITES = {"setValues", "rangeClearContents", "rangeClear", "setFormula"}


def test_built_from_sources_byte_for_byte():
    assert build_province_workbook(MACROS) == build_province_workbook(MACROS)
    assert PROVINCE_BOOK.read_bytes() == build_province_workbook(MACROS), \
        "workbook/Rekap_Provinsi.xlsm is stale: run `rak-xl build`"


def test_the_vba_and_python_agree_on_sheet_cell_and_macros():
    (source,) = our_modules(MACROS).values()
    assert f'Worksheets("{L.PROVINCE_SHEET}").Range("{L.PROVINCE_FOLDER_CELL}")' in source
    assert 'RunPython "import rak_xl.buttons as b; b.province()"' in source
    for macro, _caption, _d in L.PROVINCE_BUTTONS:
        assert f"Sub {macro}()" in source
    assert "RakButtons" not in our_modules(MACROS)  # the satker buttons stay in the satker workbook
    sheet = CalamineWorkbook.from_path(str(PROVINCE_BOOK)).get_sheet_by_name(L.PROVINCE_SHEET).to_python(skip_empty_area=False)
    row = int(L.PROVINCE_FOLDER_CELL[1:]) - 1
    assert sheet[row][1] == "Folder kiriman satker" and sheet[row][2] == "Kiriman"


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    d = tmp_path_factory.mktemp("kiriman")
    made = generate(d, 4, seed=31, defect_rate=0.6, template=Template(WORKBOOK))
    (d / "undangan.pdf").write_bytes(b"%PDF-1.4 bukan workbook")
    return d, made


def _book_for(folder, tmp_path):
    """The shipped province workbook with the folder cell filled in, as staff would."""
    return edit_workbook(PROVINCE_BOOK, tmp_path / "Rekap_Provinsi.xlsm",
                         {L.PROVINCE_SHEET: {L.PROVINCE_FOLDER_CELL: str(folder)}})


def _written(actions, name):
    position = next(a["args"][0] for a in actions if a["func"] == "addSheet" and a["args"][1] == name)
    return [a["values"] for a in actions if a["func"] == "setValues" and a["sheet_position"] == position][0]


def test_buat_rekap_writes_the_recap_sheets_into_the_workbook(inbox, tmp_path, monkeypatch):
    d, made = inbox
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    actions = press(_book_for(d, tmp_path), buttons.province)
    added = [a["args"][1] for a in actions if a["func"] == "addSheet"]
    assert added == [P.SHEET_RECAP, P.SHEET_CHARTS, P.SHEET_ERRORS, P.SHEET_SKIPPED]
    # The control sheet (position 0) is never written.
    assert not [a for a in actions if a["func"] in WRITES and a.get("sheet_position") == 0]
    # Rekap Satker carries the same table as the file `rak-xl province` writes.
    out = tmp_path / "rekap.xlsx"
    done = subprocess.run([sys.executable, "-m", "rak_xl.cli", "province", str(d), "-o", str(out), "--quiet"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    expected = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(P.SHEET_RECAP).to_python()
    table = _written(actions, P.SHEET_RECAP)
    assert table[P.HEADER_ROW - 1] == expected[P.HEADER_ROW - 1]

    def plain(v):
        if isinstance(v, dt.date):
            return f"{v:%Y-%m-%d}"
        if isinstance(v, str) and v[:4].isdigit() and "T" in v:
            return v[:10]
        if isinstance(v, str) and v.startswith("'"):  # Excel's text prefix for digit strings (satker codes)
            return v[1:]
        return None if v in ("", None) else v

    for ours, theirs in zip(table[P.HEADER_ROW:], expected[P.HEADER_ROW:]):
        assert [plain(v) for v in ours] == [plain(v) for v in theirs]
    assert len(table) == len(expected) == P.HEADER_ROW + len(made) + 1
    skipped = _written(actions, P.SHEET_SKIPPED)
    assert [r[1] for r in skipped[P.HEADER_ROW:]] == ["undangan.pdf"]
    assert actions[-1]["func"] == "alert" and f"{len(made)} satker" in actions[-1]["args"][0]


def test_an_empty_folder_cell_is_an_alert_and_nothing_is_written(tmp_path):
    book = edit_workbook(PROVINCE_BOOK, tmp_path / "Rekap_Provinsi.xlsm",
                         {L.PROVINCE_SHEET: {L.PROVINCE_FOLDER_CELL: None}})
    actions = press(book, buttons.province)
    assert [a["func"] for a in actions] == ["alert"]
    assert "belum diisi" in actions[0]["args"][0] and "Pilih Folder" in actions[0]["args"][0]


def test_a_missing_folder_is_an_alert_and_nothing_is_written(tmp_path):
    actions = press(_book_for(tmp_path / "tidak_ada", tmp_path), buttons.province)
    assert [a["func"] for a in actions] == ["alert"]
    assert "tidak ditemukan" in actions[0]["args"][0]


def test_a_relative_folder_needs_a_saved_workbook(tmp_path):
    book = edit_workbook(PROVINCE_BOOK, tmp_path / "Rekap_Provinsi.xlsm",
                         {L.PROVINCE_SHEET: {L.PROVINCE_FOLDER_CELL: "Kiriman"}})
    actions = press(book, buttons.province)  # the remote engine's book has no folder: never saved
    assert [a["func"] for a in actions] == ["alert"]
    assert "belum disimpan" in actions[0]["args"][0]
    # Saved: the folder beside the workbook.
    assert P.folder_from_cell("Kiriman", tmp_path / "Rekap_Provinsi.xlsm") == tmp_path / "Kiriman"
    assert P.folder_from_cell(str(tmp_path), "Rekap_Provinsi.xlsm") == tmp_path


@pytest.mark.libreoffice
def test_the_workbook_opens_in_libreoffice_with_bound_buttons():
    from libreoffice import probe

    result = probe(PROVINCE_BOOK)
    assert result["sheets"] == [L.PROVINCE_SHEET]
    assert {"xlwings", "Dictionary", "RekapProvinsi"} <= set(result["libraries"].get("VBAProject", []))
    bound = {c["label"]: c["scripts"] for c in result["controls"] if c["sheet"] == L.PROVINCE_SHEET}
    assert set(bound) == {caption for _m, caption, _d in L.PROVINCE_BUTTONS}
    for macro, caption, _d in L.PROVINCE_BUTTONS:
        assert bound[caption] == [
            f"vnd.sun.star.script:VBAProject.RekapProvinsi.{macro}?language=Basic&location=document"]
