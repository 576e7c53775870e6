"""The Temuan (findings) sheet: summary on top, then findings by severity, sheet and row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rak_xl.core.findings import SEVERITY_LABEL, Finding, summarise, summary_line
from rak_xl.core.layout import SHEET_FINDINGS
from rak_xl.core.model import col_letter

from . import paging
from .sheets import PAGE_FOOTER, SheetOutput, hyperlink

HEADER = ["No", "Tingkat", "Kode", "Lembar", "Sel", "ID Baris", "Pesan", "Saran Perbaikan"]
HEADER_ROW = 6
FILL = {"error": "#FFC7CE", "warning": "#FFEB9C", "info": "#DDEBF7"}
FILL_CLEAN = "#C6EFCE"
WIDTHS = [5, 12, 9, 16, 8, 10, 62, 52]
WRAPPED = set(range(len(WIDTHS)))  # every column wraps (and so aligns to the top, like Pesan and Saran)


def findings_sheet(findings: list[Finding], source: str, generated: dt.datetime,
                   tab: Callable[[str], str] = str) -> SheetOutput:
    """`tab` gives the workbook's own name of a sheet (Plan.tab), so links reach renamed tabs."""
    ordered = sorted(findings, key=Finding.sort_key)
    counts = summarise(findings)
    labels = SEVERITY_LABEL["id"]
    values: list[list] = [
        ["TEMUAN VALIDASI RAK"],
        [f"Berkas: {source}", None, None, None, None, None, f"Dibuat: {generated:%d-%m-%Y %H:%M}"],
        # One text in A3 with the cells to its right empty: it shows whole however narrow column A is.
        [f"Ringkasan: {summary_line(findings)}"],
        ["Lembar ini dibuat ulang setiap kali tombol Validasi ditekan; jangan mengetik di sini. "
         "Klik alamat sel untuk menuju sel yang bermasalah."],
        [],
        HEADER,
    ]
    fills = []
    for i, f in enumerate(ordered, start=1):
        # The link goes to the first cell; the label shows the whole span of a fact over many cells.
        where = hyperlink(tab(f.sheet), f.a1, f.span()) if f.cell else ""
        values.append([i, labels[f.severity], f.code, tab(f.sheet), where, f.row_id, f.message(), f.hint()])
    # One fill per run of equal severity: a constant number of formatting calls.
    start = HEADER_ROW + 1
    for severity in ("error", "warning", "info"):
        n = sum(1 for f in ordered if f.severity == severity)
        if n:
            fills.append((f"B{start}:C{start + n - 1}", FILL[severity]))
            start += n
    if not ordered:
        values.append([None, None, None, None, None, None, "Tidak ada temuan: RAK lolos validasi."])
    last = len(values)
    width = col_letter(len(HEADER))
    worst = next((FILL[k] for k in ("error", "warning", "info") if counts[k]), FILL_CLEAN)
    # Heights for file writers (LibreOffice does not re-measure wrapped rows); Excel autofits.
    heights = {r: paging.row_height(values[r - 1], WIDTHS, WRAPPED) for r in range(HEADER_ROW + 1, last + 1)}
    return SheetOutput(
        name=SHEET_FINDINGS,
        values=values,
        bold=["A1", "A3", f"A{HEADER_ROW}:{width}{HEADER_ROW}"],
        fills=[(f"A{HEADER_ROW}:{width}{HEADER_ROW}", "#D9E1F2"), (f"A3:{width}3", worst), *fills],
        wrap=[f"A{HEADER_ROW + 1}:H{max(last, HEADER_ROW + 1)}"],
        column_widths={i + 1: w for i, w in enumerate(WIDTHS)},
        freeze_row=HEADER_ROW,
        print_title_rows=(HEADER_ROW, HEADER_ROW),
        row_heights=heights,
        autofit_rows=True,
        footer=PAGE_FOOTER,
    )
