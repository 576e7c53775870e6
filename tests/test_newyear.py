"""`rak-xl baru` and the button "Buat RAK Tahun Berikutnya": a new workbook made by the build.

Fixtures are real workbooks: the committed RAK_2022.xlsm and what `rak-xl baru` makes
from it. The new workbooks are compared with the built one part by part (VBA, buttons,
dropdowns, highlights, protection, print setup, formats), as `rak-xl build --check` would.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, WORKBOOK
from rak_xl.core import layout as L
from rak_xl.adapters.file_read import read_grids
from rak_xl.cli import main
from rak_xl.parse.plan import parse_plan


def _plan(path: Path):
    return parse_plan(read_grids(path))[0]


@pytest.fixture(scope="module")
def carried(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("baru") / "RAK_2023.xlsm"
    assert main(["baru", "-o", str(out), "--tahun", "2023", "--dari", str(WORKBOOK)]) == 0
    return out


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kosong") / "RAK_Malang_2023.xlsm"
    assert main(["baru", "-o", str(out), "--tahun", "2023", "--satker", "KPU Kabupaten Malang",
                 "--kode", "658012"]) == 0
    return out


# -- carry-forward: what continues and what is emptied --------------------------------

def _row_facts(row):
    return (row.table, row.id, row.group, row.indicator, row.activity, row.text("target"), row.text("unit"),
            row.marks, row.text("unit_in_charge"))


def test_carried_plan_keeps_every_indicator_with_its_id_and_text(carried):
    old, new = _plan(WORKBOOK), _plan(carried)
    assert len(new.rows) == len(old.rows) == 73
    assert [_row_facts(r) for r in new.rows] == [_row_facts(r) for r in old.rows]
    # Percent targets stay percent cells (1.0 = 100%), not text.
    assert [r.cells["target"].raw for r in new.rows] == [r.cells["target"].raw for r in old.rows]
    assert [(d.code, d.name) for d in new.divisions] == [(d.code, d.name) for d in old.divisions]
    assert [(p.code, p.name) for p in new.programs] == [(p.code, p.name) for p in old.programs]
    keep = ("code", "program", "description", "division", "rak_id")
    assert [[b.text(k) for k in keep] for b in new.budget_lines] == [[b.text(k) for k in keep] for b in old.budget_lines]
    for key in ("satker", "satker_code", "place", "signer", "signer_title"):
        assert new.identity.get(key) == old.identity.get(key), key
    assert new.identity.year == 2023


def test_carried_plan_has_the_old_years_fields_empty(carried):
    new = _plan(carried)
    for key in ("dipa_number", "dipa_date", "budget_initial", "budget_revised", "signed_on"):
        assert new.identity.get(key) is None, key
        assert new.identity.cells[key].blank, key
    assert new.evaluation.reporting_quarter == 1
    assert all(p.amount is None for p in new.programs)
    assert all(b.amount is None and b.rpd_by_quarter == [None] * 4 for b in new.budget_lines)
    # Capaian and Realisasi Anggaran keep one row per ID / code, with nothing filled in.
    assert {L.SHEET_ACHIEVEMENT, L.SHEET_SPENDING} <= new.evaluation.sheets
    assert all(r.evaluation_cells and r.targets_to_date == [None] * 4 and r.realised_to_date == [None] * 4
               for r in new.rows)
    assert all(b.realised_cells and b.spent_by_quarter == [None] * 4 for b in new.budget_lines)
    # The Arah of each indicator continues (A-023 and A-024 are "Penurunan ...": Turun).
    assert {r.id for r in new.rows if r.lower_is_better} == {r.id for r in _plan(WORKBOOK).rows if r.lower_is_better}


def test_carried_workbook_says_where_it_comes_from(carried):
    grids = read_grids(carried)
    assert grids[L.SHEET_RAK_A][0][0] == "A. RENCANA AKSI KINERJA KPU KOTA PROBOLINGGO"
    note = grids[L.SHEET_BUDGET][1][0]
    assert "RAK 2022" in note and "2023" in note and "CONTOH ILUSTRATIF" not in note
    assert "CONTOH ILUSTRATIF" not in grids[L.SHEET_ACHIEVEMENT][1][0]


def test_carrying_forward_twice_changes_nothing_but_the_year(carried, tmp_path):
    again = tmp_path / "RAK_2024.xlsm"
    assert main(["baru", "-o", str(again), "--dari", str(carried)]) == 0  # --tahun defaults to the next year
    a, b = _plan(carried), _plan(again)
    assert b.identity.year == 2024
    assert [_row_facts(r) for r in a.rows] == [_row_facts(r) for r in b.rows]


# -- the same workbook as the build ---------------------------------------------------

_SHEET_PARTS = ("sheetProtection", "dataValidations", "conditionalFormatting", "pageSetup", "pageMargins",
                "printOptions", "headerFooter", "pane", "cols", "autoFilter", "sheetPr")


def _parts(path: Path) -> dict:
    """What a `build --check` would compare, per sheet: everything but the cell values and row count."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        wb = zf.read("xl/workbook.xml").decode()
        sheets = re.findall(r'<sheet name="([^"]+)"', wb)
        out = {"sheets": sheets, "members": sorted(names), "vba": zf.read("xl/vbaProject.bin"),
               "content_types": zf.read("[Content_Types].xml"),
               "defined_names": re.findall(r"<definedName[^>]*>[^<]*</definedName>", wb),
               "buttons": [re.sub(r"<x:Anchor>[^<]*</x:Anchor>", "", zf.read(n).decode())
                           for n in sorted(names) if n.endswith(".vml")]}
        for i, name in enumerate(sheets, start=1):
            xml = zf.read(f"xl/worksheets/sheet{i}.xml").decode()
            for part in _SHEET_PARTS:
                found = re.findall(rf"<{part}\b.*?(?:/>|</{part}>)", xml, re.DOTALL)
                # Column widths and styles are the same; the style index of a column may differ by use.
                out[f"{name}:{part}"] = found
    return out


@pytest.mark.parametrize("which", ["carried", "blank"])
def test_new_workbook_matches_the_built_one(which, request):
    built, new = _parts(WORKBOOK), _parts(request.getfixturevalue(which))
    for key, value in built.items():
        if key == "defined_names":  # DaftarBagian and the print titles: same ranges
            assert sorted(new[key]) == sorted(value)
        else:
            assert new[key] == value, key


def test_new_workbook_has_the_builds_formats(carried):
    """The cell formats (fonts, fills, borders, number formats) are the build's, not a copy's."""
    with zipfile.ZipFile(WORKBOOK) as a, zipfile.ZipFile(carried) as b:
        assert a.read("xl/styles.xml") == b.read("xl/styles.xml")


@pytest.mark.libreoffice
def test_new_workbook_opens_in_libreoffice_with_buttons_bound(carried):
    from libreoffice import probe
    from test_libreoffice import _check

    result = probe(carried)
    assert result["sheets"][: len(L.INPUT_SHEETS) + 1] == [L.SHEET_GUIDE, *L.INPUT_SHEETS]
    _check(result)


# -- bad input: a clear message, exit 2, nothing written ------------------------------

def _refused(capsys, folder: Path, argv: list[str], words: str) -> None:
    before = sorted(p.name for p in folder.iterdir())
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err, err
    assert "Traceback" not in err
    assert sorted(p.name for p in folder.iterdir()) == before


def test_bad_input_is_refused_and_nothing_is_written(tmp_path, capsys):
    import openpyxl

    other = tmp_path / "daftar.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Daftar Hadir"
    wb.active["A1"] = "Nama"
    wb.save(other)
    out = str(tmp_path / "RAK_2023.xlsm")
    _refused(capsys, tmp_path, ["baru", "-o", out, "--tahun", "2023", "--dari", str(other)], "bukan workbook RAK")
    _refused(capsys, tmp_path, ["baru", "-o", out, "--tahun", "2022", "--dari", str(WORKBOOK)],
             "tidak sesudah tahun RAK sumber (2022)")
    _refused(capsys, tmp_path, ["baru", "-o", out, "--tahun", "2021", "--dari", str(WORKBOOK)], "tidak sesudah")
    _refused(capsys, tmp_path, ["baru", "-o", out, "--tahun", "2023", "--satker", "Malang", "--kode", "658012"],
             "tidak dikenali sebagai nama satker KPU")
    _refused(capsys, tmp_path, ["baru", "-o", out, "--tahun", "2023", "--satker", "KPU Kabupaten Malang",
                                "--kode", "6580xx"], "6 angka")
    _refused(capsys, tmp_path, ["baru", "-o", out, "--tahun", "23", "--satker", "KPU Kabupaten Malang",
                                "--kode", "658012"], "tidak masuk akal")
    _refused(capsys, tmp_path, ["baru", "-o", str(tmp_path / "RAK_2023.xlsx"), "--dari", str(WORKBOOK)],
             "harus berakhiran .xlsm")


def test_a_source_without_a_year_or_with_a_second_identity_is_refused(tmp_path, capsys, edit):
    no_year = edit({L.SHEET_IDENTITY: {"B6": None}})
    out = str(tmp_path / "RAK_2023.xlsm")
    _refused(capsys, tmp_path, ["baru", "-o", out, "--dari", str(no_year)], "Tahun Anggaran RAK sumber")
    _refused(capsys, tmp_path, ["baru", "-o", out, "--dari", str(WORKBOOK), "--kode", "658012"],
             "--dari tidak dipakai bersama")


def test_every_new_year_refusal_has_its_code_both_languages_and_a_hint(tmp_path, edit):
    """Each refusal of RAK780-799 is met by a case here, with the code the catalog gives it."""
    from rak_xl.core.errors import RakInputError
    from rak_xl.core.refusals import REFUSALS
    from rak_xl.products import newyear

    folder = tmp_path / "RAK_2023.xlsm"
    folder.mkdir()
    existing = tmp_path / "RAK_2024.xlsm"
    existing.write_bytes(b"milik staf")
    no_year = read_grids(edit({L.SHEET_IDENTITY: {"B6": None}}))
    cases = {
        "RAK780": lambda: newyear.check_year(23),
        "RAK781": lambda: newyear.check_year(2022, after=2022),
        "RAK782": lambda: newyear.check_satker("Malang"),
        "RAK783": lambda: newyear.check_code("6580xx"),
        "RAK784": lambda: newyear.check_output(tmp_path / "RAK_2023.xlsx", force=False),
        "RAK785": lambda: newyear.check_output(tmp_path / "sub" / ".." / "RAK_2024.xlsm", True, existing),
        "RAK786": lambda: newyear.check_output(folder, force=True),
        "RAK787": lambda: newyear.check_output(existing, force=False),
        "RAK788": lambda: newyear.source_plan({"Daftar Hadir": [["Nama"]]}, "daftar.xlsx"),
        "RAK789": lambda: newyear.source_plan(no_year, "RAK_2022.xlsm"),
    }
    ours = {code for code in REFUSALS if "RAK780" <= code <= "RAK799"}
    assert ours == set(cases)
    for code, case in cases.items():
        with pytest.raises(RakInputError) as refused:
            case()
        error = refused.value
        assert error.code == code
        assert error.message != error.message_en and error.hint and error.hint_en != error.hint, code
        assert REFUSALS[code].doc, code
    assert (error.sheet, error.cell) == (L.SHEET_IDENTITY, "B6")  # RAK789 points at the empty year


def test_existing_output_needs_force(tmp_path, capsys):
    out = tmp_path / "RAK_2023.xlsm"
    out.write_bytes(b"milik staf")
    _refused(capsys, tmp_path, ["baru", "-o", str(out), "--dari", str(WORKBOOK)], "sudah ada")
    assert out.read_bytes() == b"milik staf"
    assert main(["baru", "-o", str(out), "--dari", str(WORKBOOK), "--force"]) == 0
    assert _plan(out).identity.year == 2023


def test_the_source_is_never_the_output(tmp_path, capsys, workbook_copy):
    before = workbook_copy.read_bytes()
    assert main(["baru", "-o", str(workbook_copy), "--tahun", "2023", "--dari", str(workbook_copy), "--force"]) == 2
    assert "sumber" in capsys.readouterr().err
    assert workbook_copy.read_bytes() == before


# -- the button ---------------------------------------------------------------------

def test_button_writes_next_years_workbook_beside_the_open_one(workbook_copy, monkeypatch):
    import rak_xl.buttons as buttons
    from remote import press

    folder = workbook_copy.parent
    before = workbook_copy.read_bytes()
    monkeypatch.chdir(folder)  # the remote engine knows the book by name only; the saved file is here
    actions = press(workbook_copy, buttons.new_year)
    assert [a["func"] for a in actions] == ["alert"], actions  # nothing written into the open workbook
    assert "RAK_2023.xlsm" in actions[0]["args"][0]
    assert workbook_copy.read_bytes() == before
    made = folder / "RAK_2023.xlsm"
    old, new = _plan(workbook_copy), _plan(made)
    assert [_row_facts(r) for r in new.rows] == [_row_facts(r) for r in old.rows]
    assert new.identity.year == 2023 and new.identity.get("dipa_number") is None
    built, new_parts = _parts(WORKBOOK), _parts(made)
    assert new_parts["vba"] == built["vba"] and new_parts["buttons"] == built["buttons"]
    # Pressed again: the file exists; it is not replaced, and staff are told so.
    made.write_bytes(b"sudah diisi staf")
    actions = press(workbook_copy, buttons.new_year)
    assert [a["func"] for a in actions] == ["alert"]
    assert "sudah ada" in actions[0]["args"][0]
    assert made.read_bytes() == b"sudah diisi staf"


def test_button_asks_to_save_first(workbook_copy, tmp_path, monkeypatch):
    import rak_xl.buttons as buttons
    from remote import press

    elsewhere = tmp_path / "lain"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    actions = press(workbook_copy, buttons.new_year)
    assert [a["func"] for a in actions] == ["alert"]
    assert "Simpan dulu" in actions[0]["args"][0]
    assert list(elsewhere.iterdir()) == []


# -- Rekap Provinsi over last year's and carried-forward workbooks --------------------

def test_province_keeps_2022_and_carried_forward_2023_apart(carried, tmp_path):
    import shutil

    from python_calamine import CalamineWorkbook

    from rak_xl.products import province as P

    folder = tmp_path / "kiriman"
    folder.mkdir()
    shutil.copyfile(WORKBOOK, folder / "RAK_2022.xlsm")
    shutil.copyfile(carried, folder / "RAK_2023.xlsm")
    blank_2023 = folder / "RAK_Malang_2023.xlsm"
    assert main(["baru", "-o", str(blank_2023), "--tahun", "2023", "--satker", "KPU Kabupaten Malang",
                 "--kode", "658012"]) == 0
    out = tmp_path / "Rekap.xlsx"
    recap = P.province_recap(folder, out, workers=1, progress=False)
    assert recap.skipped == []  # the same satker in two years is no duplicate
    assert [(s.file, s.year) for s in recap.satkers] == [
        ("RAK_2022.xlsm", 2022), ("RAK_Malang_2023.xlsm", 2023), ("RAK_2023.xlsm", 2023)]
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(P.SHEET_RECAP).to_python()
    header = rows[P.HEADER_ROW - 1]
    table = [dict(zip(header, r)) for r in rows[P.HEADER_ROW:]]
    totals = {r["Satuan Kerja"]: r for r in table if str(r["Satuan Kerja"]).startswith("JUMLAH")}
    # Amounts of two years are never added together: one JUMLAH line per year.
    assert set(totals) == {"JUMLAH TAHUN 2022", "JUMLAH TAHUN 2023"}
    assert totals["JUMLAH TAHUN 2022"]["Pagu DIPA (Rp)"] == 4451669000
    assert totals["JUMLAH TAHUN 2023"]["Pagu DIPA (Rp)"] == 0
    assert totals["JUMLAH TAHUN 2023"]["Kode Satker"] == "2 satker"


# -- Validasi on a new workbook: what is still to fill, one finding per fact ----------

def _validated(path: Path):
    from rak_xl.products import jobs

    return jobs.validate(read_grids(path), path.name).findings


def test_carried_plan_validates_with_one_finding_per_field_or_column_to_fill(carried):
    old = {(f.code, tuple(map(str, f.all_cells))) for f in _validated(WORKBOOK)}
    new = _validated(carried)
    added = [f for f in new if (f.code, tuple(map(str, f.all_cells))) not in old]
    by_code = {f.code: f for f in added}
    assert sorted(f.code for f in added) == ["RAK415", "RAK417", "RAK503"], [f.message() for f in added]
    assert [str(c) for c in by_code["RAK503"].all_cells] == ["Identitas!B7", "Identitas!B8", "Identitas!B9"]
    assert "'Nomor DIPA', 'Tanggal DIPA', 'Pagu Awal (Rp)'" in by_code["RAK503"].message()
    assert len(by_code["RAK415"].all_cells) == 54 and "54 baris anggaran" in by_code["RAK415"].message()
    assert [str(c) for c in by_code["RAK417"].all_cells] == ["Program!C5", "Program!C6"]


def test_blank_plan_validates_with_findings_only_about_what_is_empty(blank):
    found = _validated(blank)
    assert sorted((f.code, f.sheet) for f in found) == [
        ("RAK207", L.SHEET_BUDGET), ("RAK207", L.SHEET_RAK_A), ("RAK207", L.SHEET_RAK_B),
        ("RAK417", L.SHEET_PROGRAMS), ("RAK503", L.SHEET_IDENTITY)]
    assert all(f.severity == "error" for f in found)  # a plan to fill, not one to send


def test_a_kabupaten_plan_has_subbagian_and_the_carried_plan_keeps_its_bagian(blank, carried):
    """A Kab/Kota secretariat has Subbagian (Perpres 105/2018); Probolinggo's own plan says Bagian, and keeps it."""
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.parse.plan import parse_plan

    new = parse_plan(read_grids(blank))[0].division_names
    assert new == ["Subbagian Keuangan, Umum dan Logistik", "Subbagian Perencanaan, Data dan Informasi",
                   "Subbagian Teknis Penyelenggaraan Pemilu, Partisipasi dan Hubungan Masyarakat",
                   "Subbagian Hukum dan Sumber Daya Manusia"]
    kept = parse_plan(read_grids(carried))[0].division_names
    assert kept == parse_plan(read_grids(WORKBOOK))[0].division_names and all(n.startswith("Bagian ") for n in kept)


def test_under_xlwings_lite_the_button_writes_nothing_and_says_where_to_do_it(workbook_copy, monkeypatch):
    """Lite runs Python in the browser engine, which cannot write files on the PC."""
    import rak_xl.buttons as buttons
    from remote import press

    monkeypatch.chdir(workbook_copy.parent)
    monkeypatch.setattr(buttons, "_in_lite", lambda: True)
    before = sorted(workbook_copy.parent.iterdir())
    actions = press(workbook_copy, buttons.new_year)
    assert [a["func"] for a in actions] == ["alert"]
    assert "rak-xl baru" in actions[0]["args"][0]
    assert sorted(workbook_copy.parent.iterdir()) == before
