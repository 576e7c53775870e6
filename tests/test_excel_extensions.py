"""Highlights and dropdowns survive Excel: the classic form in the build, the x14 form carried through.

Excel 2010+ saves a rule whose formula names another sheet in the worksheet's
x14 <extLst>; openpyxl drops that, so before this a workbook saved once by
Excel lost every highlight rule through `rak-xl run` (exit 0) and Siapkan
Kiriman. The copies tested here are the real built workbook rewritten into
that form (tests/x14.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from defusedxml import ElementTree
from openpyxl.utils import column_index_from_string

from conftest import ROOT, WORKBOOK
from rak_xl.core import layout as L
from rak_xl.adapters.extensions import read_extensions
from rak_xl.adapters.workbook_parts import sheet_parts
from rak_xl.products.builder.workbook import highlight_name
from x14 import CF_URI, DV_URI, excel_x14_copy, slicer_ext

DROPDOWN_SHEETS = {L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_BUDGET}  # the DaftarBagian dropdowns


def rak(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rak_xl.cli", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def x14_copy(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("x14") / "RAK_2022.xlsm"
    moved = excel_x14_copy(WORKBOOK, path)
    assert sum(r for r, _v in moved.values()) == 3 * len(L.INPUT_SHEETS)
    assert sum(v for _r, v in moved.values()) == len(DROPDOWN_SHEETS)
    return path


def _x14_rules(path: Path) -> dict[str, tuple[int, int, list[bytes]]]:
    """Per sheet: x14 conditional rules, x14 validations, and the <ext> elements themselves."""
    found = {}
    for sheet, exts in read_extensions(path).items():
        xml = b"".join(x for _u, x in exts)
        found[sheet] = (xml.count(b"<x14:cfRule "), xml.count(b"<x14:dataValidation "), [x for _u, x in exts])
    return found


def _parse_sheets(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        for part in sheet_parts(zf).values():
            ElementTree.fromstring(zf.read(part))  # well-formed, namespaces bound


def test_built_rules_are_kept_in_the_classic_form_by_excel():
    """No highlight or dropdown formula names another sheet (Excel would move it to <extLst>);
    each highlight name covers exactly its rule's area in its own block of _Sorotan."""
    with zipfile.ZipFile(WORKBOOK) as zf:
        parts = sheet_parts(zf)
        book = zf.read("xl/workbook.xml").decode()
        for sheet in L.INPUT_SHEETS:
            xml = zf.read(parts[sheet]).decode()
            assert "<extLst>" not in xml
            formulas = re.findall(r"<formula1?>([^<]*)</formula1?>", xml)
            assert formulas and not [f for f in formulas if "!" in f], sheet
            rules = re.findall(r'<conditionalFormatting sqref="([^"]+)">(.*?)</conditionalFormatting>', xml)
            highlight = [(area, body) for area, body in rules if highlight_name(sheet) in body]
            assert len(highlight) == 1 and highlight[0][1].count("<cfRule") == 3
            area = highlight[0][0]
            assert area == f"A1:AN{L.HIGHLIGHT_ROWS}"  # HIGHLIGHT_BLOCK_WIDTH = 40 columns
            target = re.search(rf'<definedName name="{highlight_name(sheet)}">([^<]+)</definedName>', book)[1]
            first, last = re.fullmatch(rf"'_Sorotan'!\$([A-Z]+)\$1:\$([A-Z]+)\${L.HIGHLIGHT_ROWS}",
                                       target.replace("&apos;", "'")).group(1, 2)
            start, end = column_index_from_string(first), column_index_from_string(last)
            assert start - 1 == L.highlight_offset(sheet) and end - start + 1 == L.HIGHLIGHT_BLOCK_WIDTH


def test_run_keeps_every_x14_highlight_and_dropdown(x14_copy, tmp_path):
    before = _x14_rules(x14_copy)
    assert {s for s, (r, _v, _x) in before.items() if r == 3} == set(L.INPUT_SHEETS)
    out = tmp_path / "hasil.xlsm"
    done = rak("run", str(x14_copy), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "not supported" not in done.stderr
    after = _x14_rules(out)
    assert after == before  # the same <ext> elements, byte for byte, on the same sheets
    _parse_sheets(out)


def test_run_in_place_keeps_them_too(x14_copy, tmp_path):
    book = tmp_path / "RAK.xlsm"
    book.write_bytes(x14_copy.read_bytes())
    done = rak("run", str(book), "--in-place")
    assert done.returncode == 0, done.stderr
    assert _x14_rules(book) == _x14_rules(x14_copy)


def test_submit_package_keeps_them(x14_copy, tmp_path):
    done = rak("submit", str(x14_copy), "--force", "--no-pdf", "-o", str(tmp_path / "Kiriman"))
    assert done.returncode == 0, done.stderr
    xlsx = next((tmp_path / "Kiriman").glob("*/*.xlsx"))
    before, after = _x14_rules(x14_copy), _x14_rules(xlsx)
    for sheet in L.INPUT_SHEETS:
        assert after[sheet] == before[sheet], sheet
    _parse_sheets(xlsx)


def test_an_extension_that_cannot_be_copied_is_refused_and_nothing_written(tmp_path):
    with zipfile.ZipFile(WORKBOOK) as zf:
        part = sheet_parts(zf)[L.SHEET_RAK_A]
    book = tmp_path / "RAK_slicer.xlsm"
    excel_x14_copy(WORKBOOK, book, extra={part: slicer_ext()})
    original = book.read_bytes()
    out = tmp_path / "hasil.xlsm"
    done = rak("run", str(book), "-o", str(out))
    assert done.returncode == 2
    assert "RAK_KPU" in done.stderr and "tidak dapat disalin" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == [book.name]
    done = rak("run", str(book), "--in-place")
    assert done.returncode == 2 and book.read_bytes() == original
    done = rak("submit", str(book), "--force", "--no-pdf", "-o", str(tmp_path / "Kiriman"))
    assert done.returncode == 2 and not list((tmp_path / "Kiriman").glob("*/*"))


def test_the_copy_is_what_openpyxl_would_drop(x14_copy):
    """The fixture exercises the loss: openpyxl itself announces it drops these extensions."""
    import openpyxl

    with pytest.warns(UserWarning, match="extension is not supported and will be removed"):
        openpyxl.load_workbook(x14_copy, keep_vba=True)
    uris = {u for exts in read_extensions(x14_copy).values() for u, _x in exts}
    assert uris == {CF_URI, DV_URI}
