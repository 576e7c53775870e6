"""The Temuan (findings) sheet: summary on top, then findings by severity, sheet and row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..layout import SHEET_FINDINGS
from ..model import col_letter
from ..findings import SEVERITY_LABEL, Finding, summarise
from .sheets import SheetOutput, hyperlink

HEADER = ["No", "Tingkat", "Kode", "Lembar", "Sel", "ID Baris", "Pesan", "Saran Perbaikan"]
HEADER_ROW = 6
FILL = {"error": "#FFC7CE", "warning": "#FFEB9C", "info": "#DDEBF7"}


def findings_sheet(findings: list[Finding], source: str, generated: dt.datetime,
                   tab: Callable[[str], str] = str) -> SheetOutput:
    """`tab` gives the workbook's own name of a sheet (Plan.tab), so links reach renamed tabs."""
    ordered = sorted(findings, key=Finding.sort_key)
    counts = summarise(findings)
    labels = SEVERITY_LABEL["id"]
    values: list[list] = [
        ["TEMUAN VALIDASI RAK"],
        [f"Berkas: {source}", None, None, None, None, None, f"Dibuat: {generated:%d-%m-%Y %H:%M}"],
        ["Ringkasan", labels["error"], counts["error"], labels["warning"], counts["warning"],
         labels["info"], counts["info"]],
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
    return SheetOutput(
        name=SHEET_FINDINGS,
        values=values,
        bold=["A1", "A3:G3", f"A{HEADER_ROW}:{width}{HEADER_ROW}"],
        fills=[(f"A{HEADER_ROW}:{width}{HEADER_ROW}", "#D9E1F2"), ("B3:C3", FILL["error"]),
               ("D3:E3", FILL["warning"]), ("F3:G3", FILL["info"]), *fills],
        wrap=[f"G{HEADER_ROW + 1}:H{max(last, HEADER_ROW + 1)}"],
        column_widths={1: 5, 2: 12, 3: 9, 4: 16, 5: 8, 6: 10, 7: 70, 8: 60},
        freeze_row=HEADER_ROW,
        print_title_rows=(HEADER_ROW, HEADER_ROW),
    )
