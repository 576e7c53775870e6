"""The Temuan (findings) sheet: summary on top, then findings by severity, sheet and row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rak_xl.core.findings import SEVERITY_LABEL, Finding, summarise, summary_line
from rak_xl.core.layout import FILL_CLEAN, SEVERITY_FILL, SHEET_FINDINGS
from rak_xl.core.text import SEVERITIES, say

from .sheet_builder import Column, SheetBuilder, rebuilt, when
from .sheets import SheetOutput, hyperlink

# Every column wraps (and so aligns to the top, like Pesan and Saran).
COLUMNS = [Column("no", say("col.no"), wrap=True), Column("level", say("col.level"), wrap=True),
           Column("code", say("col.code"), wrap=True), Column("sheet", say("col.sheet"), wrap=True),
           Column("cell", say("col.cell"), wrap=True), Column("row_id", say("col.row_id"), wrap=True),
           Column("message", say("col.message"), wrap=True), Column("hint", say("col.hint"), wrap=True)]
HEADER = [c.heading for c in COLUMNS]
WIDTHS = [4, 10, 8, 13, 8, 9, 42, 36]  # one A4 landscape width at a readable scale (paging.BAND_POINTS)


def findings_sheet(findings: list[Finding], source: str, generated: dt.datetime,
                   tab: Callable[[str], str] = str) -> SheetOutput:
    """`tab` gives the workbook's own name of a sheet (Plan.tab), so links reach renamed tabs."""
    ordered = sorted(findings, key=Finding.sort_key)
    counts = summarise(findings)
    labels = SEVERITY_LABEL["id"]
    sheet = SheetBuilder(SHEET_FINDINGS, WIDTHS)
    made = [say("sheet.file", source=source), None, None, None, None, None, say("sheet.made", when=when(generated))]
    # The summary is one text in A3 with the cells to its right empty: it shows whole however narrow column A is.
    _made, summary, _note, _gap = sheet.preamble(
        say("findings.title"), made, say("findings.sheet_summary", summary=summary_line(findings)),
        rebuilt("Validasi", say("findings.links")), [])
    sheet.bold(sheet.cell(summary))
    worst = next((SEVERITY_FILL[k] for k in SEVERITIES if counts[k]), FILL_CLEAN)
    sheet.fill(sheet.across(summary), worst)
    with sheet.table(COLUMNS, header_height=None, wrap_header=False, borders=False) as table:
        for i, f in enumerate(ordered, start=1):
            # The link goes to the first cell; the label shows the whole span of a fact over many cells.
            where = hyperlink(tab(f.sheet), f.a1, f.span()) if f.cell else ""
            table.row([i, labels[f.severity], f.code, tab(f.sheet), where, f.row_id, f.message(), f.hint()])
        if not ordered:
            table.row(table.cells(message=say("findings.none")))
    # One fill per run of equal severity: a constant number of formatting calls.
    start = table.first
    for severity in SEVERITIES:
        if counts[severity]:
            end = start + counts[severity] - 1
            sheet.fill(table.area("level", "code", rows=(start, end)), SEVERITY_FILL[severity])
            start = end + 1
    # Heights (measured as rows are added) are for file writers: LibreOffice does not re-measure
    # wrapped rows; Excel autofits.
    return sheet.output(title_rows=(table.header, table.header), freeze_row=table.header)
