"""The shipped workbook's budget, achievement and spending figures are examples: every output derived
from them says so, on every printed page; a workbook with real figures carries no such notice."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, WORKBOOK
from rak_xl.products import jobs
from rak_xl.core import layout as L
from rak_xl.adapters.file_read import read_grids
from rak_xl.products.submit import cover_text

DERIVED = (L.SHEET_CONSOLIDATED, L.SHEET_ROLLUP, L.SHEET_EVALUATION)
EXAMPLE_SHEETS = [L.SHEET_BUDGET, L.SHEET_ACHIEVEMENT, L.SHEET_SPENDING]


def _outputs(path):
    report, plan = jobs.run_all(read_grids(path), path.name)
    return report, {s.name: s for s in plan.sheets}


@pytest.fixture
def real_figures(edit):
    """The shipped workbook with the sheets' own 'CONTOH ILUSTRATIF' notes replaced by real data notes."""
    return edit({sheet: {"A2": "Data dari DIPA/POK dan laporan triwulan."} for sheet in EXAMPLE_SHEETS})


def test_the_shipped_example_sheets_are_known():
    report, _ = _outputs(WORKBOOK)
    assert report.plan.illustrative == EXAMPLE_SHEETS


def test_every_derived_sheet_says_so_at_the_top_and_on_every_page():
    _, sheets = _outputs(WORKBOOK)
    for name in DERIVED:
        sheet = sheets[name]
        top = " ".join(str(v) for row in sheet.values[:8] for v in row if v)  # a long line takes two rows
        assert "CONTOH ILUSTRATIF" in top and "Anggaran" in top, name
        assert "CONTOH ILUSTRATIF" in sheet.footer and "&P" in sheet.footer and len(sheet.footer) < 255, name


def test_konsolidasi_says_an_inferred_bagian_never_comes_from_the_example_lines():
    """Who answers for a row is read from the plan (rak_xl.figures.structure), so no Bagian on Konsolidasi
    is an example: the star's note says how it was found and that budget lines do not decide it."""
    _, sheets = _outputs(WORKBOOK)
    notes = [str(row[2]) for row in sheets[L.SHEET_CONSOLIDATED].values if len(row) > 2 and row[2]]
    # A long note is printed as several lines (each ending inside the table): read them as one text.
    text = " ".join(notes)
    note = text[text.index("* kolom Penanggung Jawab"):text.index("'Tanpa penanggung jawab': kolom Penanggung")]
    assert "CONTOH ILUSTRATIF" not in note and "Penanggung Jawab" in note
    assert "Baris anggaran tidak menentukan penanggung jawab" in note


def test_the_email_text_says_so():
    report = jobs.validate(read_grids(WORKBOOK), WORKBOOK.name)
    assert "CONTOH ILUSTRATIF" in cover_text(report, ["a.xlsx"], False)


def test_real_figures_carry_no_notice(real_figures):
    report, sheets = _outputs(real_figures)
    assert report.plan.illustrative == []
    for name in DERIVED:
        assert sheets[name].footer == "Halaman &P dari &N"
        assert not any("ILUSTRATIF" in str(v) for row in sheets[name].values for v in row), name
    assert "ILUSTRATIF" not in cover_text(report, ["a.xlsx"], False)


def test_the_command_line_tables_say_so_and_explain_the_star():
    def rak(*args):
        return subprocess.run([sys.executable, "-m", "rak_xl.cli", *args], capture_output=True, text=True, cwd=ROOT)

    out = rak("consolidate", str(WORKBOOK)).stdout
    assert " *" in out and "Catatan: * kolom Penanggung Jawab baris ini kosong" in out
    for command in ("consolidate", "rollup", "evaluate"):
        assert "CONTOH ILUSTRATIF" in rak(command, str(WORKBOOK)).stdout, command
