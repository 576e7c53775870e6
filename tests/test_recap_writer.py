"""The recap's plain cell writer (adapters/new_workbook.py) writes the very bytes XlsxWriter writes.

A sheet of plain values has its cells written as XML by rak_xl and put into the part XlsxWriter
made; any other sheet is written cell by cell by XlsxWriter. The same plan written both ways must
give the same package, part for part and byte for byte (cells, formats and their numbering, row
heights, dimension), for a recap of real generated workbooks and for one whose texts need every
escape XlsxWriter makes.
"""

from __future__ import annotations

import copy
import datetime as dt
import zipfile

import pytest

from conftest import WORKBOOK
from rak_xl.adapters import new_workbook
from rak_xl.outputs.recap_sheets import recap_plan
from rak_xl.products.province import collect_recap
from rak_xl.products.province.summary import Skipped
from synthetic import Template, generate

WHEN = dt.datetime(2026, 12, 6, 12, 0)
# Texts XlsxWriter changes on the way into the XML: spaces kept at the ends, markup escaped, text that
# reads as an _xHHHH_ escape, control characters, non-characters, long text (text that looks like
# rich text, <r>...</r>, takes XlsxWriter's path: see the last test).
ODD = ["  spasi di depan", "spasi di belakang ", "A & B <C> \"kutip\"", "_x0041_ bukan escape", "bel\x07 dan\x1f",
       "baris\nbaru", "tab\tdi sini", "\ufffe\uffff", "<r>kaya</r> di tengah", "", "0", "ünïcødé ✓ 𝄞", "x" * 3000,
       "carriage\rreturn"]


@pytest.fixture(scope="module")
def recap(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kiriman")
    generate(folder, 6, seed=11, defect_rate=0.5, xlsx_share=0.5, template=Template(WORKBOOK))
    (folder / "rusak.xlsx").write_bytes(b"PK\x03\x04 potongan")
    return collect_recap(folder, workers=1, use_cache=False)


def _odd(recap):
    """The recap with every escape in names, notes, errors and skipped files, mixed years and blanks."""
    odd = copy.deepcopy(recap)
    for i, s in enumerate(odd.satkers):
        s.satker = ODD[i % len(ODD)] + str(i)
        s.notes = [ODD[(i + 3) % len(ODD)]]
        s.year = 2023 if i % 3 == 0 else s.year
        s.errors = [(w, "A1", "RAK100", w * 2) for w in ODD[: 4 + i]]
        s.evaluation = {"capaian": [12.5, None, 100.0, 1e-7], "serapan": [0.0, 33.33, None, 1e20]}
        s.signed_on = None if i % 2 else s.signed_on
        s.pagu = None if i == 1 else s.pagu
        s.pagu_initial = [2**53 + 1, -(2**53) - 1, 2**53 - 1, -7, 0, 10**16][i % 6]  # whole, or printed as a float
    odd.skipped = odd.skipped + [Skipped(w + ".xlsx", "jenis <&>", w) for w in ODD]
    odd.with_evaluation = True
    return odd


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


@pytest.mark.parametrize("which", ["generated", "odd texts", "no satker"])
def test_plain_cells_are_the_bytes_xlsxwriter_writes(recap, which, tmp_path, monkeypatch):
    if which == "odd texts":
        recap = _odd(recap)
    elif which == "no satker":
        recap = copy.copy(recap)
        recap.satkers, recap.program_codes, recap.divisions = [], [], []
    plan = recap_plan(recap, "Kiriman & <folder>", WHEN)
    assert all(new_workbook._plain(out) for out in plan.sheets)  # the recap's sheets take the plain path
    new_workbook.write_workbook(plan, tmp_path / "plain.xlsx")
    monkeypatch.setattr(new_workbook, "_plain", lambda out: False)  # every cell through XlsxWriter
    new_workbook.write_workbook(plan, tmp_path / "xlsxwriter.xlsx")
    plain, reference = _parts(tmp_path / "plain.xlsx"), _parts(tmp_path / "xlsxwriter.xlsx")
    assert list(plain) == list(reference)
    for name, data in reference.items():
        if name != "docProps/core.xml":  # it holds the time of the write
            assert plain[name] == data, name
    # Something was compared: every error row is there, with its escapes.
    sheets = b"".join(data for name, data in plain.items() if name.startswith("xl/worksheets/sheet"))
    assert sheets.count(b"<row ") >= sum(len(s.errors) for s in recap.satkers) + len(recap.skipped)
    if which == "odd texts":
        assert b"<v>9007199254740992</v>" in sheets and b"<v>1E+16</v>" in sheets
        assert b"_x005F_x0041_" in sheets and b"_x000D_" in sheets and b'xml:space="preserve"' in sheets


def test_a_sheet_with_other_values_is_written_by_xlsxwriter(recap):
    """Formulas, links, truth values and times keep XlsxWriter's own path."""
    from rak_xl.outputs.sheets import Formula

    out = recap_plan(recap, "x", WHEN).sheets[0]
    assert new_workbook._plain(out)
    for odd in (Formula("=1+1"), True, dt.datetime(2026, 1, 1, 8, 30), float("nan"), "y" * 20_000,
                dt.date(1900, 2, 28), "<r>kaya</r>"):
        changed = copy.copy(out)
        changed.values = [*out.values, [odd]]
        assert not new_workbook._plain(changed), odd


@pytest.mark.parametrize("repeated", [True, False], ids=["kept pieces", "cell by cell"])
def test_a_formatted_block_is_written_as_xlsxwriter_writes_it(repeated, tmp_path, monkeypatch):
    """Every column of the block formatted: a list that repeats its values keeps each column's pieces,
    which must never take a number for another equal to it (0 and -0.0, 1 and 1.0, a whole float); a
    table of values that differ writes its cells one by one after the first rows."""
    from rak_xl.outputs.sheets import SheetOutput, WritePlan

    values = [0, -0.0, 1, 1.0, 2.5, 10**16, 1e16, 2**53 + 1, None, "", dt.date(2026, 3, 1), *ODD[:9], "0"]
    rows = [[i, *(values[(i // 4 + k) % len(values)] if repeated else f"{k} {i} &" for k in range(5)), i % 2 / 2]
            for i in range(200)]
    out = SheetOutput(name="Daftar", values=[["Judul"], [], ["No", "A", "B", "C", "D", "E", "F"], *rows],
                      bold=["A3:G3"], top=["A3:G203"], wrap=["B4:F203"], number_formats=[("G4:G203", "0.00")],
                      row_heights={r: 15.0 + r % 3 * 15 for r in range(3, 204)})
    plan = WritePlan(sheets=[out])
    assert new_workbook._plain(out)
    new_workbook.write_workbook(plan, tmp_path / "plain.xlsx")
    monkeypatch.setattr(new_workbook, "_plain", lambda out: False)
    new_workbook.write_workbook(plan, tmp_path / "xlsxwriter.xlsx")
    plain, reference = _parts(tmp_path / "plain.xlsx"), _parts(tmp_path / "xlsxwriter.xlsx")
    assert plain["xl/worksheets/sheet1.xml"] == reference["xl/worksheets/sheet1.xml"]
    assert plain["xl/worksheets/sheet1.xml"].count(b"<row ") == 202  # the blank row 2 is not written
    if repeated:
        assert b"<v>-0</v>" in plain["xl/worksheets/sheet1.xml"] and b"<v>1E+16</v>" in plain["xl/worksheets/sheet1.xml"]
