"""Every output sheet prints readably on A4: the outputs of `rak-xl run`, the Kiriman PDF and the
province recap, printed to PDF by LibreOffice and read back page by page (tests/printed.py).

Checked on each page: the footer 'Halaman N dari M' complete and inside its band, the
table header there, no text printed over other text, no page scaled below a readable size
(80% of the sheet's font), no header or section title left alone at the foot of a page.
LibreOffice here has neither Calibri nor Carlito and sets the sheets in DejaVu Sans, a third
wider: the widest setting any reader gives them (rak_xl.outputs.measure).
"""

from __future__ import annotations

import re

import pytest

from printed import body_reach, footer_problems, margins, pages, render, sheet_font_size, too_small
from rak_xl.core import layout as L
from rak_xl.products import province as P
from rak_xl.cli import main

pytestmark = pytest.mark.libreoffice

SHEETS = [L.SHEET_FINDINGS, L.SHEET_EVALUATION, L.SHEET_ROLLUP, L.SHEET_CONSOLIDATED]
RECAP_SHEETS = [P.SHEET_RECAP, P.SHEET_CHARTS, P.SHEET_ERRORS, P.SHEET_SKIPPED]


@pytest.fixture(scope="module")
def printed_run(tmp_path_factory):
    import shutil

    from conftest import WORKBOOK

    folder = tmp_path_factory.mktemp("print")
    source = folder / "RAK_2022.xlsm"
    shutil.copyfile(WORKBOOK, source)
    out = folder / "hasil.xlsm"
    assert main(["run", str(source), "-o", str(out)]) == 0
    return out, render(out, SHEETS, folder)


@pytest.fixture(scope="module")
def printed_recap(tmp_path_factory):
    import shutil

    from conftest import WORKBOOK

    folder = tmp_path_factory.mktemp("recap")
    books = folder / "satker"
    books.mkdir()
    shutil.copyfile(WORKBOOK, books / "RAK_2022.xlsm")
    (books / "catatan.txt").write_text("bukan workbook")  # so Berkas Dilewati has a row
    out = folder / "Rekap_Provinsi.xlsx"
    assert main(["province", str(books), "-o", str(out), "--quiet", "--workers", "1"]) == 0
    return out, render(out, RECAP_SHEETS, folder)


@pytest.fixture(scope="module")
def printed_kiriman(tmp_path_factory):
    """The package for the province, its PDF exported as `rak-xl submit` exports it."""
    import shutil

    from conftest import WORKBOOK
    from libreoffice import require_libreoffice

    require_libreoffice()
    folder = tmp_path_factory.mktemp("kiriman")
    source = folder / "RAK_2022.xlsm"
    shutil.copyfile(WORKBOOK, source)
    assert main(["submit", str(source), "--force", "-o", str(folder / "Kiriman")]) == 0
    (pdf,) = (folder / "Kiriman").glob("*/*.pdf")
    (xlsx,) = (folder / "Kiriman").glob("*/*.xlsx")
    return xlsx, pages(pdf)


@pytest.mark.parametrize("sheet", SHEETS)
def test_every_page_has_its_whole_footer_inside_the_page(printed_run, sheet):
    book, pdfs = printed_run
    assert footer_problems(pdfs[sheet], *margins(book, sheet)) == []


@pytest.mark.parametrize("sheet", SHEETS)
def test_no_text_is_printed_over_other_text(printed_run, sheet):
    _book, pdfs = printed_run
    for page in pdfs[sheet]:
        assert page.overprinted()[:5] == [], f"{sheet} page {page.number}"


@pytest.mark.parametrize("sheet", SHEETS)
def test_no_page_is_printed_too_small_to_read(printed_run, sheet):
    book, pdfs = printed_run
    assert too_small(pdfs[sheet], sheet_font_size(book)) == []


def test_the_kiriman_pdf_is_readable_on_every_page(printed_kiriman):
    xlsx, printed = printed_kiriman
    assert len(printed) > 2 and "KONSOLIDASI RENCANA AKSI KINERJA" in printed[0].text
    assert any("REKAP ANGGARAN RAK" in page.text for page in printed)
    assert [(page.number, page.overprinted()[:3]) for page in printed if page.overprinted()] == []
    assert too_small(printed, sheet_font_size(xlsx)) == []


# Pages the shipped plan's sheets print on here (rendering is deterministic: the same fonts, the same
# LibreOffice). The page breaks are planned for Excel, which prints the sheets at full size, while
# LibreOffice sets them in the wider DejaVu Sans at about 82%: its pages hold what Excel's hold.
PAGES = {L.SHEET_CONSOLIDATED: 13, L.SHEET_EVALUATION: 20, L.SHEET_ROLLUP: 3}


@pytest.mark.parametrize("sheet", list(PAGES))
def test_the_shipped_plan_prints_on_no_more_pages_than_planned(printed_run, sheet):
    _book, pdfs = printed_run
    assert len(pdfs[sheet]) <= PAGES[sheet]


def test_findings_print_with_their_summary_and_header_on_every_page(printed_run):
    _book, pdfs = printed_run
    pages = pdfs[L.SHEET_FINDINGS]
    assert len(pages) > 1
    assert "Ringkasan: 4 kesalahan, " in pages[0].text  # whole, not 'Ring'
    for page in pages:
        assert re.search(r"No\s+Tingkat\s+Kode\s+Lembar\s+Sel\s+ID Baris\s+Pesan\s+Saran Perbaikan", page.text), \
            f"page {page.number}: header row not repeated"


def test_evaluation_repeats_its_title_and_leaves_no_header_alone(printed_run):
    _book, pdfs = printed_run
    pages = pdfs[L.SHEET_EVALUATION]
    assert len(pages) > 1
    for page in pages:
        lines = page.lines()
        assert lines[0].startswith("EVALUASI KINERJA TRIWULAN II (TW 2) KPU KOTA PROBOLINGGO"), page.number
        body = lines[:-1]  # the footer is the last line
        # The last line of a page is never a section title or a table's header row.
        last = body[-1]
        assert not (re.match(r"\d\. [A-Z]", last) and last == last.upper()), f"page {page.number} ends with '{last}'"
        assert not body[-1].startswith(("Bagian ", "Program ", "Triwulan ", "Kegiatan / Sasaran", "Indikator ",
                                        "Pesan dan saran")), f"page {page.number} ends with '{body[-1]}'"
    text = "\n".join(p.text for p in pages)
    for n in range(1, 7):  # every section printed
        assert re.search(rf"^\s*{n}\. [A-Z]", text, re.MULTILINE), n


def test_rollup_prints_its_sections_whole_at_a_readable_size(printed_run):
    """Two pages of tables and one of charts, rather than all of it on one page at half size."""
    _book, pdfs = printed_run
    printed = pdfs[L.SHEET_ROLLUP]
    assert len(printed) <= 3
    assert "REKAP ANGGARAN RAK KPU KOTA PROBOLINGGO TAHUN 2022" in printed[0].text
    for title in ("1. PAGU DIPA DAN PROGRAM", "2. ANGGARAN PER BAGIAN DAN PROGRAM", "3. RENCANA PENARIKAN DANA"):
        (page,) = [p for p in printed if title in p.text]  # a section on one page, its title with it
        assert re.search(r"Jumlah|TW I", page.text[page.text.index(title):]), title


def test_province_recap_prints_landscape_with_its_header_on_every_page(printed_recap):
    book, pdfs = printed_recap
    for sheet, printed in pdfs.items():
        assert footer_problems(printed, *margins(book, sheet)) == [], sheet
        assert too_small(printed, sheet_font_size(book)) == [], sheet
        for page in printed:
            assert page.width > page.height, f"{sheet} page {page.number} is portrait"
            assert page.overprinted()[:5] == [], f"{sheet} page {page.number}"
    recap = pdfs[P.SHEET_RECAP]
    assert 1 < len(recap) <= 5  # bands of columns, not 23 portrait pages
    for page in recap:  # each band: the header row, and No / Satuan Kerja on its left
        assert re.search(r"No\s+Satuan Kerja", page.text) and "KPU Kota Probolinggo" in page.text, page.number
        assert "JUMLAH" in page.text
    columns = " ".join(p.text for p in recap)
    for head in ("Kesalahan", "Pagu DIPA (Rp)", "RPD TW 4 (Rp)", "Serapan TW 4", "Catatan"):
        assert head in columns  # every column printed somewhere
    charts = pdfs[P.SHEET_CHARTS]
    assert len(charts) == 2  # one chart per program, each on a page of its own
    assert "076.01.CQ" in charts[0].text and "076.01.WA" in charts[1].text
    assert re.search(r"No\s+Satuan Kerja\s+Kode Satker\s+Berkas\s+Lembar\s+Sel\s+Kode\s+Pesan",
                     pdfs[P.SHEET_ERRORS][0].text)
    assert "catatan.txt" in pdfs[P.SHEET_SKIPPED][0].text


def test_the_konsolidasi_first_page_is_not_half_empty(printed_konsolidasi):
    book, pages = printed_konsolidasi
    assert footer_problems(pages, *margins(book, L.SHEET_CONSOLIDATED)) == []
    bottom, _footer = margins(book, L.SHEET_CONSOLIDATED)
    # LibreOffice here has no Calibri (nor the metric-compatible Carlito) and sets the columns in
    # DejaVu Sans, a quarter wider: the page fitted to width scales down and holds about a quarter
    # more rows than the page breaks planned for Excel (see test_paging). Half empty was 0.57.
    assert body_reach(pages[0], bottom) > 0.65


@pytest.fixture(scope="module")
def printed_konsolidasi(printed_run, tmp_path_factory):
    book, _pdfs = printed_run
    return book, render(book, [L.SHEET_CONSOLIDATED], tmp_path_factory.mktemp("kons"))[L.SHEET_CONSOLIDATED]
