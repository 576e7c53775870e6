"""The builder every output sheet is drawn with (rak_xl/outputs/sheet_builder.py): tables name their
areas, formats go by column, and every sheet of a run opens with the same preamble."""

from __future__ import annotations

import re

import pytest

from conftest import WORKBOOK
from rak_xl.adapters.file_read import read_grids
from rak_xl.core import layout as L
from rak_xl.outputs import paging
from rak_xl.outputs.sheet_builder import Column, SheetBuilder
from rak_xl.outputs.sheets import FILL_HEADER, FILL_TOTAL, PERCENT, RUPIAH
from rak_xl.products import jobs


@pytest.fixture
def drawn():
    sheet = SheetBuilder("Contoh", [30, 12, 12, 10])
    sheet.preamble("JUDUL", "baris kedua")
    columns = [Column("name", "Nama", wrap=True), Column("pagu", "Pagu", RUPIAH), Column("spent", "Realisasi", RUPIAH),
               Column("share", "Serapan", PERCENT)]
    with sheet.table(columns) as table:
        table.row(["Bagian Umum dan Logistik, dengan nama yang cukup panjang untuk dua baris", 100, 40, 0.4])
        table.row(["Bagian Teknis", 50, 10, 0.2])
        table.total(["Jumlah", 150, 50, None])
    return sheet, table, sheet.output(title_rows=(table.header, table.header))


def test_a_table_names_its_areas(drawn):
    _sheet, table, _out = drawn
    assert (table.header, table.first, table.bottom) == (3, 4, 6)
    assert table.area("pagu", "spent").a1 == "B4:C6"
    assert table.area("name", "pagu", header=True, totals=False).a1 == "A3:B5"
    assert table.area("share").a1 == "D4:D6"
    assert table.header_area().a1 == "A3:D3"
    assert table.whole.a1 == "A3:D6"
    assert table.first_cell("share") == "$D4"
    assert table.cells(spent=7) == [None, None, 7]


def test_formats_go_by_column_and_totals_are_styled(drawn):
    _sheet, _table, out = drawn
    assert out.number_formats == [("B4:C6", RUPIAH), ("D4:D6", PERCENT)]  # one range per run of one format
    assert out.bold == ["A1", "A3:D3", "A6:D6"]
    assert out.fills == [("A3:D3", FILL_HEADER), ("A6:D6", FILL_TOTAL)]
    assert out.wrap == ["A3:D3", "A4:A6"]
    assert out.borders == ["A3:D6"]
    assert out.print_title_rows == (3, 3) and out.column_widths == {1: 30, 2: 12, 3: 12, 4: 10}


def test_row_heights_follow_the_wrapping_columns(drawn):
    _sheet, _table, out = drawn
    assert set(out.row_heights) == {3, 4, 5, 6}  # the header and the body; the preamble keeps the default
    assert out.row_heights[4] > out.row_heights[5] == paging.LINE


def test_units_kept_together_become_page_breaks():
    sheet = SheetBuilder("Contoh", [40])
    for unit in range(3):
        sheet.keep_together(head=2)
        for _ in range(20):
            sheet.add([f"baris {unit}"], height=paging.PAGE_HEIGHT / 40)
    assert sheet.output().page_breaks == [41]  # two units fill a page; the third starts the next


def test_a_chart_room_that_moves_to_the_next_page_has_its_chart_one_row_below_the_break():
    """Charts never split and never start on the row a page break lands on: LibreOffice prints an
    object whose top is a page's lower edge on the page above too, over its footer."""
    sheet = SheetBuilder("Contoh", [40])
    for _ in range(30):
        sheet.add(["baris"], height=paging.PAGE_HEIGHT / 40)
    at = sheet.chart_room(270)
    sheet.add(["sesudah"])
    breaks = sheet.output().page_breaks
    assert breaks and breaks[0] == at - 1, (breaks, at)  # the room moved whole; its chart one row down
    assert sheet.last_row - (at - 1) == round(270 / paging.LINE) + 2  # the chart, a spare row and the first


@pytest.fixture(scope="module")
def run_sheets():
    _report, plan = jobs.run_all(read_grids(WORKBOOK), WORKBOOK.name)
    return {s.name: s for s in plan.sheets}


@pytest.mark.parametrize("name, caption", [(L.SHEET_FINDINGS, "Validasi"), (L.SHEET_ROLLUP, "Rekap Anggaran"),
                                           (L.SHEET_CONSOLIDATED, "Konsolidasi"), (L.SHEET_EVALUATION, "Evaluasi")])
def test_every_sheet_opens_with_the_standard_preamble(run_sheets, name, caption):
    sheet = run_sheets[name]
    top = [str(cell) for row in sheet.values[:6] for cell in row if cell]
    assert sheet.bold[0] == "A1" and top[0] == top[0].upper()
    assert any(re.search(rf"^Dibuat: \d\d-\d\d-\d{{4}} \d\d:\d\d( dari berkas {WORKBOOK.name}|$)", t) for t in top)
    assert any(t.startswith(f"Lembar ini dibuat ulang setiap kali tombol {caption} ditekan; jangan mengetik")
               for t in top)
    assert sheet.footer.endswith("Halaman &P dari &N")
