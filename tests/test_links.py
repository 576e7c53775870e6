"""The links that show IDs and cells in output sheets reach readers without Excel: a file carries
the label as the cell's value and a hyperlink to the place (pandas and calamine read the IDs), and
the open workbook gets HYPERLINK formulas (clickable, written with the block)."""

from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest

from conftest import WORKBOOK
from rak_xl.adapters.excel_live import excel_value
from rak_xl.adapters.file_read import read_grids
from rak_xl.cli import main as cli
from rak_xl.core import layout as L
from rak_xl.outputs.sheets import MAX_FORMULA_STRING, Formula, Link, hyperlink
from rak_xl.products import submit

OUTPUT_SHEETS = (L.SHEET_FINDINGS, L.SHEET_CONSOLIDATED, L.SHEET_EVALUATION)


def _ids(book) -> list[str]:
    """The Konsolidasi ID column as pandas (calamine) reads it: the body under the 'ID' header."""
    frame = pd.read_excel(book, sheet_name=L.SHEET_CONSOLIDATED, header=None, engine="calamine")
    head = next(i for i, v in enumerate(frame[1]) if v == "ID")
    return [v for v in frame[1][head + 1:] if isinstance(v, str) and re.fullmatch(r"[AB]-\d{3}", v)]


def _expected_ids() -> list[str]:
    from rak_xl.products import jobs

    report = jobs.validate(read_grids(WORKBOOK), WORKBOOK.name)
    return [r.id for r in report.plan.rows]


def _output_formulas(book, sheets) -> list[str]:
    """Formulas in the output sheets: openpyxl saves them without a value, which readers without
    Excel then read as empty."""
    wb = openpyxl.load_workbook(book)
    return [f"{name}!{c.coordinate}" for name in sheets for row in wb[name].iter_rows() for c in row
            if c.data_type == "f"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    import shutil

    folder = tmp_path_factory.mktemp("tautan")
    book = folder / "RAK_2022.xlsm"
    shutil.copyfile(WORKBOOK, book)
    hasil = folder / "RAK_2022_hasil.xlsm"
    assert cli(["run", str(book), "-o", str(hasil)]) == 0
    _report, _plan, package = submit.prepare(read_grids(book), book.name, book, folder / "Kiriman", force=True,
                                             pdf=None)
    return hasil, next(p for p in package.files if p.suffix == ".xlsx")


@pytest.mark.parametrize("which", ["hasil", "kiriman"])
def test_pandas_reads_the_konsolidasi_ids(outputs, which):
    book = outputs[0] if which == "hasil" else outputs[1]
    ids = _ids(book)
    assert ids == _expected_ids() and len(ids) == 73


@pytest.mark.parametrize("which", ["hasil", "kiriman"])
def test_no_output_sheet_holds_a_formula_saved_without_its_value(outputs, which):
    book, sheets = (outputs[0], OUTPUT_SHEETS) if which == "hasil" else (outputs[1], OUTPUT_SHEETS[:2])
    assert _output_formulas(book, sheets) == []


def test_each_link_leads_to_its_cell(outputs):
    hasil, kiriman = outputs
    for book, sheets in ((hasil, OUTPUT_SHEETS), (kiriman, (L.SHEET_FINDINGS, L.SHEET_CONSOLIDATED))):
        wb = openpyxl.load_workbook(book)
        seen = 0
        for name in sheets:
            for row in wb[name].iter_rows():
                for cell in row:
                    if cell.hyperlink is None:
                        continue
                    sheet, _, target = cell.hyperlink.location.rpartition("!")
                    assert sheet.strip("'") in wb.sheetnames, cell.hyperlink.location
                    assert not cell.hyperlink.target  # inside the workbook only
                    if name == L.SHEET_CONSOLIDATED and re.fullmatch(r"[AB]-\d{3}", str(cell.value)):  # to the ID
                        assert wb[sheet.strip("'")][target].value == cell.value
                    seen += 1
        assert seen > 100, book.name


def test_the_open_workbook_gets_clickable_formulas():
    link = hyperlink("RAK_KPU", "A5", "A-001")
    assert excel_value(link) == '=HYPERLINK("#\'RAK_KPU\'!A5","A-001")'
    long = Link("RAK_KPU", "A5", "x" * 300).formula()
    assert isinstance(long, Formula) and max(len(t) for t in re.findall(r'"([^"]*)"', long.text)) <= MAX_FORMULA_STRING
    assert Link("'" * 200 + "x", "A5", "A-001").formula() == "A-001"  # no formula can hold the place
