"""The synthetic satker workbooks: deterministic, readable, budgets that add up, defects where the manifest says."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from conftest import WORKBOOK
from rak_xl.products import jobs
from rak_xl.core import layout as L
from rak_xl.adapters.file_read import read_grids
from synthetic import Template, generate, make_large, satker_list


@pytest.fixture(scope="module")
def template() -> Template:
    return Template(WORKBOOK)


def test_same_seed_same_bytes_other_seed_other_files(tmp_path, template):
    a = generate(tmp_path / "a", 4, seed=7, template=template)
    b = generate(tmp_path / "b", 4, seed=7, template=template)
    c = generate(tmp_path / "c", 4, seed=8, template=template)
    assert [g.path.name for g in a] == [g.path.name for g in b]
    assert all(x.path.read_bytes() == y.path.read_bytes() for x, y in zip(a, b))
    assert any(x.path.read_bytes() != z.path.read_bytes() for x, z in zip(a, c))


def test_jawa_timur_has_38_kab_kota_with_distinct_codes():
    satkers = satker_list(38)
    assert sum(s.region.startswith("Kabupaten") for s in satkers) == 29
    assert sum(s.region.startswith("Kota") for s in satkers) == 9
    assert len({s.code for s in satker_list(514)}) == 514
    assert all(len(s.code) == 6 and s.code.isdigit() for s in satker_list(514))


def _data(grid, first=4):
    return [r for r in grid[first:] if any(v is not None for v in r)]


def test_budgets_scale_and_still_add_up(tmp_path, template):
    made = generate(tmp_path, 3, seed=2, defect_rate=0.0, template=template)
    pagus = set()
    for g in made:
        grids = read_grids(g.path)
        ident = {r[0]: r[1] for r in grids[L.SHEET_IDENTITY] if r and r[0]}
        assert ident["Satuan Kerja"] == g.satker and ident["Kode Satker"] == g.satker_code
        lines = _data(grids[L.SHEET_BUDGET])
        for line in lines:  # the RPD of each line adds up to its pagu
            assert sum(line[6:10]) == line[5]
        by_program: dict[str, float] = {}
        for line in lines:
            by_program[line[1]] = by_program.get(line[1], 0) + line[5]
        declared = {r[0]: r[2] for r in _data(grids[L.SHEET_PROGRAMS])}
        assert declared == by_program == g.program_totals
        assert ident["Pagu Revisi (Rp)"] == sum(declared.values()) == g.pagu
        title = grids[L.SHEET_RAK_A][0][0]
        assert g.satker.removeprefix("KPU ").upper() in title
        pagus.add(g.pagu)
    assert len(pagus) == 3  # scaled differently per satker


def test_injected_defects_are_found_at_their_cells(tmp_path, template):
    made = generate(tmp_path, 6, seed=5, defect_rate=1.0, template=template)
    checked = 0
    for g in made:
        report = jobs.validate(read_grids(g.path), g.path.name)
        found = {(f.code, f.sheet, f.a1) for f in report.findings}
        for d in g.defects:
            if d.code:
                assert (d.code, d.sheet, d.cell) in found, (g.path.name, d)
                checked += 1
    assert checked >= 4


def test_xlsx_copies_have_no_macros_and_open_in_openpyxl(tmp_path, template):
    made = generate(tmp_path, 10, seed=1, xlsx_share=0.5, template=template)
    kinds = {g.path.suffix for g in made}
    assert kinds == {".xlsx", ".xlsm"}
    for g in made:
        with zipfile.ZipFile(g.path) as zf:
            assert ("xl/vbaProject.bin" in zf.namelist()) == (g.path.suffix == ".xlsm")
    # Every file, not one: openpyxl is stricter than calamine about typed cell values
    # (a text formula result once went out as a number; Excel calls such a file damaged).
    # data_only: openpyxl then reads the cached formula results, as Siapkan Kiriman does.
    for g in made:
        wb = openpyxl.load_workbook(g.path, data_only=True)
        assert L.SHEET_BUDGET in wb.sheetnames


def test_large_workbook_keeps_the_shipped_totals(tmp_path, template):
    big = tmp_path / "besar.xlsm"
    rows = make_large(big, rows=2000, template=template)
    assert 1800 <= rows <= 2200
    report = jobs.validate(read_grids(big), big.name)
    shipped = jobs.validate(read_grids(WORKBOOK), WORKBOOK.name)
    from rak_xl.figures.sums import program_totals, quarter_totals

    assert len(report.plan.rows) > 10 * len(shipped.plan.rows)
    assert program_totals(report.plan) == program_totals(shipped.plan)
    assert quarter_totals(report.plan.budget_lines) == quarter_totals(shipped.plan.budget_lines)
    assert not [f for f in report.findings if f.code in ("RAK107", "RAK108")]  # IDs unique
