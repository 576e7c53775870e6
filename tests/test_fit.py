"""Every output sheet is planned to print readably in Excel and in LibreOffice, without either
(tests/test_print.py checks the printed result in LibreOffice): each band of columns fits a page
at paging.PRINT_SCALE, free text ends inside it, charts stay inside it and beside each other, and
a wrapped cell's height is measured with the fonts' widths (rak_xl.outputs.measure)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import WORKBOOK
from rak_xl.adapters.file_read import read_grids
from rak_xl.core.model import col_letter
from rak_xl.outputs import measure, paging
from rak_xl.outputs.recap_sheets import recap_plan
from rak_xl.outputs.sheets import SheetOutput
from rak_xl.products import jobs
from rak_xl.products import province as P
from synthetic import Template, generate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sheets(tmp_path_factory) -> list[SheetOutput]:
    """The outputs of the shipped and two generated workbooks, and the recap of a folder of them and a
    third of the next year."""
    folder = tmp_path_factory.mktemp("muat")
    template = Template(WORKBOOK)
    books = [WORKBOOK, *(g.path for g in generate(folder, 2, seed=25, template=template))]
    out = []
    for book in books:
        out += jobs.run_all(read_grids(book), book.name)[1].sheets
    satker = folder / "satker"
    satker.mkdir()
    for book in [*books, *(g.path for g in generate(folder / "2023", 1, seed=26, template=template, year=2023))]:
        shutil.copyfile(book, satker / book.name)
    recap = P.collect_recap(satker, workers=1, use_cache=False)
    return out + recap_plan(recap, "satker", dt.datetime(2026, 1, 1)).sheets


def test_a_recap_of_two_years_charts_each_year_apart(sheets):
    (grafik,) = [s for s in sheets if s.name == P.SHEET_CHARTS]
    titles = [c.title for c in grafik.charts]
    assert any(t.endswith("(2022)") for t in titles) and any(t.endswith("(2023)") for t in titles)
    (recap,) = [s for s in sheets if s.name == P.SHEET_RECAP]
    for chart in grafik.charts:  # each chart's bars are one year's satkers: no name twice
        first, last = (int(ref.lstrip("B")) for ref in chart.categories.split(":"))
        names = [recap.values[r - 1][1] for r in range(first, last + 1)]
        assert len(set(names)) == len(names) and {recap.values[r - 1][3] for r in range(first, last + 1)} == \
            {int(chart.title[-5:-1])}


def _widths(out: SheetOutput) -> list[float]:
    return [out.column_widths.get(c, 8.43) for c in range(1, max(out.column_widths, default=0) + 1)]


def _repeated(out: SheetOutput) -> int:
    return out.print_title_cols[1] if out.print_title_cols else 0


def test_every_band_of_every_sheet_prints_at_a_readable_scale(sheets):
    for out in sheets:
        for band in paging.bands(_widths(out), out.column_breaks, _repeated(out)):
            assert paging.print_scale(band) >= paging.PRINT_SCALE, (out.name, band)


def test_free_text_ends_inside_the_printed_width(sheets):
    """Text that runs on into the empty cells beside it (not wrapped) ends before the last column,
    or LibreOffice would widen the printed range and shrink the page."""
    for out in (s for s in sheets if s.column_widths):  # Grafik: a title over charts a page wide
        widths = _widths(out)
        wrapped, bold = _cells(out.wrap), _cells(out.bold)
        for r, row in enumerate(out.values, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, str) and value and (r, c) not in wrapped and not _rest_filled(row, c):
                    assert measure.fits(value, widths[c - 1:], bold=(r, c) in bold), \
                        (out.name, f"{col_letter(c)}{r}", value[:60])


def _rest_filled(row: list, c: int) -> bool:
    """Whether the next cell holds something: the text is then cut at its own cell's edge."""
    return c < len(row) and row[c] not in (None, "")


def _cells(refs: list[str]) -> set[tuple[int, int]]:
    from openpyxl.utils.cell import range_boundaries

    out = set()
    for ref in refs:
        c0, r0, c1, r1 = range_boundaries(ref)
        out |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    return out


def test_charts_stay_inside_the_band_and_beside_each_other(sheets):
    for out in sheets:
        widths = _widths(out)
        band = paging.bands(widths, out.column_breaks, _repeated(out))[0]
        room = sum(measure.LIBREOFFICE.column(w) for w in band) if band else paging.BAND_POINTS
        rows: dict[int, list] = {}
        for chart in out.charts:
            col = _column(chart.anchor)
            left = {s.name: sum(s.column(w) for w in widths[:col - 1]) for s in measure.SETTERS}
            assert left["LibreOffice"] + chart.width <= room + 1, (out.name, chart.title)
            rows.setdefault(_row(chart.anchor), []).append((left["Excel"], chart.width))
        for placed in rows.values():
            placed.sort()
            for (x0, w0), (x1, _w1) in zip(placed, placed[1:]):
                assert x0 + w0 <= x1, (out.name, placed)


def _column(anchor: str) -> int:
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    return column_index_from_string(coordinate_from_string(anchor)[0])


def _row(anchor: str) -> int:
    from openpyxl.utils.cell import coordinate_from_string

    return coordinate_from_string(anchor)[1]


def test_a_wrapped_line_breaks_where_libreoffice_breaks_it():
    """Measured on LibreOffice 7.4 with DejaVu Sans 11, in columns stored without padding: in width 64
    (448 pt), 62 zeros and ' 1' fit one line, 63 zeros do not; bold: 56 and 57; width 10: 8 and 9."""
    for width, fit, bold in ((64, 62, False), (44, 42, False), (10, 8, False), (64, 56, True), (44, 38, True)):
        inner = measure.LIBREOFFICE.inner([width]) - measure.LIBREOFFICE.padding
        assert measure.line_count("0" * fit + " 1", inner, measure.LIBREOFFICE, bold) == 1
        assert measure.line_count("0" * (fit + 1) + " 1", inner, measure.LIBREOFFICE, bold) == 2


def test_a_row_is_as_tall_as_the_taller_setting_needs():
    text = "Persentase satker yang menyelenggarakan Pemilu tanpa ada permasalahan anggaran"
    lines = {s.name: measure.line_count(text, s.inner([20]), s) for s in measure.SETTERS}
    assert min(lines.values()) >= 2
    assert paging.row_height([text], [20], {0}) == max(s.height(lines[s.name]) for s in measure.SETTERS)
    assert paging.row_height(["x" * 40], [20], {0}) > paging.row_height(["x" * 10], [20], {0})  # a long word breaks
    assert paging.row_height(["Jumlah"], [20], {0}, bold=True) == paging.LINE


def test_split_lines_keep_facts_whole_where_they_fit():
    text = "Dibuat: 06-12-2026 11:52 dari berkas RAK_2022.xlsm   |   Validasi: 4 kesalahan   |   Pagu Rp 4.451.669.000"
    lines = measure.split_lines(text, [30, 30], joiner="   |   ")
    assert lines[0] == "Dibuat: 06-12-2026 11:52 dari berkas RAK_2022.xlsm" and "Rp 4.451.669.000" in lines[-1]
    assert all(measure.fits(line, [30, 30]) for line in lines)
    assert " ".join(measure.split_lines("a " * 200, [20])).split() == ["a"] * 200


def test_the_glyph_widths_are_the_fonts_own():
    """The committed table equals what tests/make_glyph_widths.py measures, where the fonts are here."""
    pytest.importorskip("fontTools")
    import make_glyph_widths as M

    dirs = dict(M.DEFAULT_DIRS)
    present = {family for family, path in dirs.items() if all((path / name).exists()
                                                              for (f, _b), name in M.FACES.items() if f == family)}
    if not present:
        pytest.skip("neither Carlito nor DejaVu Sans installed")
    from rak_xl.outputs.glyph_widths import CHARACTERS, WIDTHS

    assert CHARACTERS == M.CHARACTERS
    for (family, bold), name in M.FACES.items():
        if family in present:
            units, _version, widths = M.measure(dirs[family] / name)
            assert WIDTHS[(family, bold)] == (units, tuple(widths)), name


def test_no_text_of_the_recap_lists_is_cut(sheets):
    """Every cell of Temuan Kesalahan and Berkas Dilewati wraps, in a row as tall as its text needs:
    a long file name is shown whole, not cut by the next column."""
    for out in (s for s in sheets if s.name in (P.SHEET_ERRORS, P.SHEET_SKIPPED)):
        widths, wrapped = _widths(out), _cells(out.wrap)
        for r, row in enumerate(out.values[P.HEADER_ROW:], start=P.HEADER_ROW + 1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, str) and value:
                    assert (r, c) in wrapped, (out.name, f"{col_letter(c)}{r}")
                    assert out.row_heights[r] >= measure.cell_height(value, widths[c - 1]), (out.name, r, value)
