"""The links that show IDs and cells in output sheets reach readers that do not calculate: a file
carries each HYPERLINK formula with the label it shows as its value (pandas and calamine read the
IDs), and the open workbook gets the formulas (clickable, written with the block)."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from conftest import WORKBOOK
from rak_xl.adapters.excel_live import excel_value
from rak_xl.adapters.file_read import read_grids
from rak_xl.adapters.new_workbook import write_workbook
from rak_xl.adapters.workbook_parts import sheet_parts
from rak_xl.cli import main as cli
from rak_xl.core import layout as L
from rak_xl.outputs.sheets import MAX_FORMULA_STRING, Formula, Link, SheetOutput, WritePlan, hyperlink
from rak_xl.products import submit

OUTPUT_SHEETS = (L.SHEET_FINDINGS, L.SHEET_CONSOLIDATED, L.SHEET_EVALUATION)
_CELL = re.compile(r'<c r="([A-Z]+\d+)"[^>]*>\s*<f>([^<]*)</f>\s*(?:<v>([^<]*)</v>|<v\s*/>)?\s*</c>')


def _ids(book) -> list[str]:
    """The Konsolidasi ID column as pandas (calamine) reads it: the body under the 'ID' header."""
    frame = pd.read_excel(book, sheet_name=L.SHEET_CONSOLIDATED, header=None, engine="calamine")
    head = next(i for i, v in enumerate(frame[1]) if v == "ID")
    return [v for v in frame[1][head + 1:] if isinstance(v, str) and re.fullmatch(r"[AB]-\d{3}", v)]


def _expected_ids() -> list[str]:
    from rak_xl.products import jobs

    return [r.id for r in jobs.validate(read_grids(WORKBOOK), WORKBOOK.name).plan.rows]


def _formulas(book, sheets) -> dict[str, list[tuple[str, str, str | None]]]:
    """sheet -> (cell, formula, saved value or None) of every formula cell, read from the package."""
    with zipfile.ZipFile(book) as zf:
        parts = sheet_parts(zf)
        return {name: [(m[1], m[2], m[3]) for m in _CELL.finditer(zf.read(parts[name]).decode())]
                for name in sheets}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """`rak-xl run` (its default output beside the workbook) and the Kiriman package, without the PDF."""
    import shutil

    book = Path(shutil.copy(WORKBOOK, tmp_path_factory.mktemp("tautan")))
    assert cli(["run", str(book)]) == 0
    hasil = book.with_name(f"{book.stem}_hasil{book.suffix}")
    _report, _plan, package = submit.prepare(read_grids(book), book.name, book, book.parent / "Kiriman",
                                             force=True, pdf=None)
    return {"hasil": (hasil, OUTPUT_SHEETS),
            "kiriman": (next(p for p in package.files if p.suffix == ".xlsx"), OUTPUT_SHEETS[:2])}


@pytest.mark.parametrize("which", ["hasil", "kiriman"])
def test_pandas_reads_the_konsolidasi_ids(outputs, which):
    book, _sheets = outputs[which]
    ids = _ids(book)
    assert ids == _expected_ids() and len(ids) == 73


@pytest.mark.parametrize("which", ["hasil", "kiriman"])
def test_every_link_is_saved_with_the_label_it_shows(outputs, which):
    book, sheets = outputs[which]
    wb = openpyxl.load_workbook(book)
    seen = 0
    for name, cells in _formulas(book, sheets).items():
        for cell, formula, value in cells:
            target, label = re.fullmatch(r'HYPERLINK\("#(.*)","(.*)"\)', html.unescape(formula)).groups()
            assert value is not None and html.unescape(value) == label.replace('""', '"'), (name, cell)
            sheet, _, ref = target.rpartition("!")
            assert sheet.strip("'") in wb.sheetnames, target
            if name == L.SHEET_CONSOLIDATED and re.fullmatch(r"[AB]-\d{3}", label):  # an ID leads to the ID
                assert wb[sheet.strip("'")][ref].value == label
            seen += 1
    assert seen > 100


def test_a_new_workbook_saves_each_link_with_its_label(tmp_path):
    out = SheetOutput("Daftar", [["ID"], [hyperlink("Data", "A2", "A-001")], [hyperlink("Data", "A3", 'x"y')]])
    book = tmp_path / "baru.xlsx"
    write_workbook(WritePlan(sheets=[out, SheetOutput("Data", [["ID"], ["A-001"], ['x"y']])]), book)
    assert [html.unescape(v) for _c, _f, v in _formulas(book, ["Daftar"])["Daftar"]] == ["A-001", 'x"y']
    frame = pd.read_excel(book, sheet_name="Daftar", engine="calamine")
    assert list(frame["ID"]) == ["A-001", 'x"y']


def test_the_open_workbook_gets_clickable_formulas():
    link = hyperlink("RAK_KPU", "A5", "A-001")
    assert excel_value(link) == '=HYPERLINK("#\'RAK_KPU\'!A5","A-001")'
    long = Link("RAK_KPU", "A5", "x" * 300)
    assert isinstance(long.formula(), Formula) and len(long.shown) == MAX_FORMULA_STRING
    assert Link("'" * 200 + "x", "A5", "A-001").formula() == "A-001"  # no formula can hold the place
