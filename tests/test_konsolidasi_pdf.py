"""The output of `rak-xl run`, opened in LibreOffice: the Konsolidasi sheet printed to PDF.

The PDF must have the pages the sheet planned (no page break the office suite had to add
itself), the header row and the whole footer on every page, every indicator once, and each
group's title on the page of its first indicator.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from libreoffice import probe
from rak_xl.core import layout as L

pytestmark = pytest.mark.libreoffice


def _pdftotext(pdf, page: int) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True)
    return done.stdout


def _pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])


def test_konsolidasi_prints_as_planned(workbook_copy, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) not installed")
    from rak_xl.products import jobs
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.cli import main
    from rak_xl.outputs.consolidated_sheet import consolidated_rows

    out = tmp_path / "hasil.xlsm"
    assert main(["run", str(workbook_copy), "-o", str(out)]) == 0
    pdf = tmp_path / "konsolidasi.pdf"
    result = probe(out, "--pdf", L.SHEET_CONSOLIDATED, str(pdf))
    assert L.SHEET_CONSOLIDATED in result["sheets"]

    report, plan = jobs.run_all(read_grids(workbook_copy), workbook_copy.name)
    sheet = next(s for s in plan.sheets if s.name == L.SHEET_CONSOLIDATED)
    expected = len(sheet.page_breaks) + 1
    assert expected > 1
    assert _pages(pdf) == expected

    texts = [_pdftotext(pdf, p) for p in range(1, expected + 1)]
    assert "KONSOLIDASI RENCANA AKSI KINERJA KPU KOTA PROBOLINGGO TAHUN 2022" in texts[0]
    assert "SP DIPA 076.01.2.658021/2022" in texts[0]
    for n, text in enumerate(texts, start=1):
        assert "Indikator Kinerja" in text and re.search(r"Penanggung\s+(.*\n.*)?Jawab", text)  # header repeated
        assert f"Halaman {n} dari {expected}" in text
    from printed import footer_problems, margins, pages

    assert footer_problems(pages(pdf), *margins(out, L.SHEET_CONSOLIDATED)) == []  # inside its band
    # The totals begin on the page planned for them (near the end; a unit taller than a page
    # continues on the next).
    summary = next(r for r, values in enumerate(sheet.values, start=1) if "REKAPITULASI ANGGARAN" in values)
    assert "REKAPITULASI ANGGARAN" in texts[sum(1 for b in sheet.page_breaks if b <= summary)]
    assert summary > len(sheet.values) - 40

    page_of: dict[str, int] = {}
    for n, text in enumerate(texts, start=1):
        # An indicator's own row starts with its number and ID (a note may name another row's ID).
        for rak_id in re.findall(r"^\s*\d+\s+([AB]-\d{3})\b", text, re.MULTILINE):
            assert rak_id not in page_of or page_of[rak_id] == n, f"{rak_id} on two pages"
            page_of[rak_id] = n
    rows = consolidated_rows(report.plan, report.findings)
    assert set(page_of) == {r.row.id for r in rows}
    # Each indicator is on the page the sheet planned: groups stay together, and only a group
    # taller than a page is split (where the page is full).
    planned = {}
    for sheet_row, values in enumerate(sheet.values, start=1):
        if values and isinstance(values[0], int):
            planned[rows[values[0] - 1].row.id] = 1 + sum(1 for b in sheet.page_breaks if b <= sheet_row)
    assert page_of == planned
    # A group is split only where a page would otherwise stay mostly empty (rak_xl.outputs.paging):
    # its title row is printed with its first indicator.
    title_page = {}
    for n, text in enumerate(texts, start=1):
        for code in re.findall(r"^\s*([AB]\.\d+)\s", text, re.MULTILINE):
            title_page.setdefault(code, n)
    first = {}
    for r in rows:
        first.setdefault(r.group_code, page_of[r.row.id])
    assert title_page == first
