"""No float artefact reaches an output: every number of every output sheet has at most the
decimals its number format shows, and the JSON of `rak-xl evaluate` and `rak-xl rollup` at most
the two of rak_xl.figures.rounding. Checked on the shipped workbook and on generated ones, for
`rak-xl run`, the Kiriman .xlsx and the Rekap Provinsi workbook; texts are checked for runs of
decimals too (a message that formats a float by hand)."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil

import openpyxl
import pytest

from conftest import WORKBOOK
from rak_xl.adapters.file_read import read_grids
from rak_xl.cli import main as cli
from rak_xl.core import layout as L
from rak_xl.figures import rounding
from rak_xl.products import province as P
from rak_xl.products import submit
from synthetic import Template, generate

OUTPUT_SHEETS = (L.SHEET_FINDINGS, L.SHEET_ROLLUP, L.SHEET_CONSOLIDATED, L.SHEET_EVALUATION)
ARTEFACT = re.compile(r"\d[.,]\d*(?:0{6,}|9{6,})\d")  # 55.00000000000001, 0,7232999999999999


def decimals(value: float) -> int:
    """Digits after the point of the shortest repr that reads back as `value` (1e-05: 5)."""
    text = repr(float(value))
    if "e" in text:
        mantissa, exponent = text.split("e")
        return max(0, len(mantissa.partition(".")[2].rstrip("0")) - int(exponent))
    return len(text.partition(".")[2].rstrip("0"))


def shown_decimals(fmt: str) -> int:
    """Decimals a number format shows: '0.00%' -> 4 of the value, '#,##0.##' -> 2, 'General' -> 2."""
    section = fmt.split(";")[0]
    if section == "General":
        return rounding.DECIMALS
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", section)
    places = len(re.match(r"[0#?]*", section.partition(".")[2])[0]) if "." in section else 0
    return places + 2 * section.count("%")


def problems(book, sheets) -> list[str]:
    wb = openpyxl.load_workbook(book)
    out = []
    for name in sheets:
        for row in wb[name].iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, float) and decimals(v) > shown_decimals(cell.number_format):
                    out.append(f"{name}!{cell.coordinate} = {v!r} in '{cell.number_format}'")
                elif isinstance(v, str) and ARTEFACT.search(v) and not v.startswith("="):
                    out.append(f"{name}!{cell.coordinate}: {v[:80]!r}")
    return out


def json_floats(data) -> list[float]:
    if isinstance(data, float):
        return [data]
    if isinstance(data, dict):
        return [f for v in data.values() for f in json_floats(v)]
    if isinstance(data, list):
        return [f for v in data for f in json_floats(v)]
    return []


def test_the_checks_see_an_artefact():
    assert decimals(55.00000000000001) == 14 and decimals(0.5525) == 4 and decimals(1e-05) == 5
    assert decimals(0.7233) == 4 and decimals(12.0) == 0
    assert shown_decimals("0.00%") == 4 and shown_decimals("#,##0.##") == 2 and shown_decimals('"Rp" #,##0') == 0
    assert shown_decimals("0.00") == 2 and shown_decimals("dd-mm-yyyy") == 0
    assert rounding.fraction(72.33) == 0.7233 and rounding.share(1, 3) == 33.33
    assert rounding.percent(0.55 * 100) == 55.0 and repr(0.55 * 100) == "55.00000000000001"


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("angka")
    shipped = folder / "RAK_2022.xlsm"
    shutil.copyfile(WORKBOOK, shipped)
    made = [g.path for g in generate(folder / "sintetis", 3, seed=25, template=Template(WORKBOOK))]
    return [shipped, *made]


def test_no_output_sheet_number_has_more_decimals_than_its_format(books, tmp_path):
    found = []
    for book in books:
        out = tmp_path / f"{book.stem}_hasil{book.suffix}"
        assert cli(["run", str(book), "-o", str(out)]) in (0, 1)
        found += [f"{book.name}: {p}" for p in problems(out, OUTPUT_SHEETS)]
    assert found == []


def test_the_kiriman_workbook_carries_no_artefact(books, tmp_path):
    book = books[0]
    _report, _plan, package = submit.prepare(read_grids(book), book.name, book, tmp_path, force=True, pdf=None)
    xlsx = next(p for p in package.files if p.suffix == ".xlsx")
    assert problems(xlsx, [L.SHEET_ROLLUP, L.SHEET_CONSOLIDATED, L.SHEET_FINDINGS]) == []


def test_the_province_recap_carries_no_artefact(books, tmp_path):
    folder = tmp_path / "satker"
    folder.mkdir()
    for book in books:
        shutil.copyfile(book, folder / book.name)
    out = tmp_path / "Rekap.xlsx"
    assert cli(["province", str(folder), "-o", str(out), "--quiet", "--workers", "1"]) == 0
    assert problems(out, [P.SHEET_RECAP, P.SHEET_ERRORS, P.SHEET_SKIPPED]) == []


@pytest.mark.parametrize("command", [["evaluate", "--quarter", "1"], ["evaluate", "--quarter", "2"], ["rollup"]])
def test_json_figures_have_at_most_two_decimals(books, command):
    for book in books:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            assert cli([command[0], str(book), *command[1:], "--format", "json"]) in (0, 1)
        data = json.loads(buf.getvalue())
        floats = json_floats(data)
        assert [f for f in floats if decimals(f) > rounding.DECIMALS] == [], book.name
        assert not ARTEFACT.search(buf.getvalue()), book.name


def test_the_text_check_sees_an_artefact_and_passes_codes():
    assert ARTEFACT.search("capaian 55.00000000000001%") and ARTEFACT.search("0,7232999999999999")
    assert not ARTEFACT.search("SP DIPA 076.01.2.658021/2022") and not ARTEFACT.search("Rp 4.451.669.000")
