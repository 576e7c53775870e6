"""Rekap Provinsi as sheets: the one definition of the recap workbook.

The button Buat Rekap (Rekap_Provinsi.xlsm, through rak_xl.adapters.excel_live) and
`rak-xl province -o REKAP.xlsx` (rak_xl.adapters.new_workbook) carry out the WritePlan made
here, and rak_xl.frames names its DataFrame columns from the same tables, so every door shows
the same sheets, headers, widths, formats, charts and page setup:

    Rekap Satker      one row per satker, sorted by year and name, then a JUMLAH line (one per
                      year when the folder mixes years); printed in bands of columns, No and
                      Satuan Kerja repeated on the left of each band
    Grafik            one bar chart per program over the Rekap Satker rows, a page each
    Temuan Kesalahan  every satker's error-level findings with file and cell
    Berkas Dilewati   files not recapped and superseded duplicates, with the reason

`recap` is rak_xl.products.province's Recap, read through its attributes (satkers, skipped,
program_codes, program_names, divisions, with_evaluation, with_errors, total_lines(), cached):
the figures are worked out there, and every sum (the JUMLAH lines) too; this module lays them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from rak_xl.core import layout as L
from rak_xl.core.model import col_letter
from rak_xl.core.text import say, tw

from .paging import column_bands, row_height, row_heights, text_lines
from .sheets import FILL_HEADER, PAGE_FOOTER, Chart, SheetOutput, WritePlan

SHEET_RECAP, SHEET_CHARTS, SHEET_ERRORS, SHEET_SKIPPED = L.RECAP_SHEETS
HEADER_ROW = L.RECAP_HEADER_ROW  # title, subtitle, a blank row, then the header

# What a column holds: its number format, and whether the JUMLAH line fills it.
TEXT, COUNT, MONEY, PERCENT, DATE = "text", "count", "money", "percent", "date"
NUMBER_FORMATS = {MONEY: "#,##0", PERCENT: "0.00", DATE: "dd-mm-yyyy"}  # percent: rak_xl.figures.rounding


@dataclass(frozen=True)
class Column:
    """A Rekap Satker column: its header, width (characters) and value on a satker's line."""

    header: str
    width: float
    value: Callable[[Any], Any]
    kind: str = TEXT
    wrap: bool = False  # long text: wrapped, and the row made tall enough


def _count(severity: str) -> Callable[[Any], int]:
    return lambda s: s.counts.get(severity, 0)


def _notes(s) -> str:
    notes = list(s.notes)
    if s.errors_left_out:
        notes.append(say("recap.errors_left_out", n=s.errors_left_out))
    return "; ".join(notes)


def _evaluation(series: str, q: int) -> Callable[[Any], float | None]:
    return lambda s: (s.evaluation or _NO_EVALUATION).get(series, _NO_QUARTERS)[q - 1]


_NO_EVALUATION: dict[str, list] = {}
_NO_QUARTERS = (None,) * 4


# Narrow enough that a band of columns fits one A4 landscape width; long names and headers wrap.
NUMBER = Column("No", 4, lambda s: None)
LEADING = (
    Column("Satuan Kerja", 24, lambda s: s.satker or say("recap.no_name"), wrap=True),
    Column("Kode Satker", 8, attrgetter("satker_code")),
    Column("Tahun", 6, attrgetter("year")),
    Column("Nomor DIPA", 18, attrgetter("dipa_number"), wrap=True),
    Column("Tanggal Penetapan", 11, attrgetter("signed_on"), DATE),
    Column("Berkas", 20, attrgetter("file"), wrap=True),
    Column("Kesalahan", 10, _count("error"), COUNT),
    Column("Peringatan", 10, _count("warning"), COUNT),
    Column("Informasi", 10, _count("info"), COUNT),
    Column("Pagu Awal (Rp)", 14, attrgetter("pagu_initial"), MONEY),
    Column("Pagu DIPA (Rp)", 14, attrgetter("pagu"), MONEY),
    Column("Jumlah Rincian (Rp)", 14, attrgetter("allocated"), MONEY),
)
NOTES = Column("Catatan", 14, _notes, wrap=True)
REPEATED_COLUMNS = 2  # No and Satuan Kerja, on the left of every printed band

# (header, width) of the two lists; frames takes its column names from these. Each fits one A4
# landscape width at a readable scale (paging.BAND_POINTS); every column wraps, so no name is cut.
ERROR_COLUMNS = (("No", 4), ("Satuan Kerja", 18), ("Kode Satker", 12), ("Berkas", 26), ("Lembar", 13),
                 ("Sel", 7), ("Kode", 8), ("Pesan", 42))
SKIPPED_COLUMNS = (("No", 4), ("Berkas", 34), ("Jenis", 27), ("Alasan", 68))


def satker_columns(recap) -> list[Column]:
    """The Rekap Satker columns of this recap: a column per program and division found, RPD per
    quarter, and capaian and serapan per quarter when the workbooks carry the evaluation."""
    columns = [NUMBER, *LEADING]
    columns += [Column(f"Program {c} (Rp)", 14, lambda s, c=c: s.programs.get(c, 0), MONEY)
                for c in recap.program_codes]
    columns += [Column(f"{d} (Rp)", 14, lambda s, d=d: s.divisions.get(d, 0), MONEY) for d in recap.divisions]
    columns += [Column(f"RPD {tw(q)} (Rp)", 14, lambda s, q=q: s.rpd[q - 1], MONEY) for q in L.QUARTERS]
    if recap.with_evaluation:
        columns += [Column(f"{name} {tw(q)} (%)", 14, _evaluation(series, q), PERCENT)
                    for name, series in (("Capaian", "capaian"), ("Serapan", "serapan")) for q in L.QUARTERS]
    return [*columns, NOTES]


def satker_table(recap) -> tuple[list[str], list[list], list[list]]:
    """Rekap Satker as values: the header, a row per satker (numbered) and the JUMLAH lines."""
    columns = satker_columns(recap)
    header = [c.header for c in columns]
    satkers = recap.satkers  # a column at a time: each value function mapped over the satkers in C
    rows = list(map(list, zip(range(1, len(satkers) + 1), *(map(c.value, satkers) for c in columns[1:]))))
    totals = [[None, *(c.value(t) for c in columns[1:])] for t in recap.total_lines()]
    return header, rows, totals


def error_rows(recap) -> list[list]:
    """Temuan Kesalahan: every kept error finding of every satker, numbered (ERROR_COLUMNS)."""
    rows: list[list] = []
    for s in recap.satkers:
        for sheet, cell, code, message in s.errors:
            rows.append([len(rows) + 1, s.satker, s.satker_code, s.file, sheet, cell, code, message])
        if s.errors_left_out:
            rows.append([len(rows) + 1, s.satker, s.satker_code, s.file, "", "", "",
                         say("recap.errors_left_out_row", n=s.errors_left_out)])
    return rows


def skipped_rows(recap) -> list[list]:
    """Berkas Dilewati: the skipped files by kind and name, numbered (SKIPPED_COLUMNS)."""
    return [[i, s.file, s.kind, s.reason]
            for i, s in enumerate(sorted(recap.skipped, key=lambda x: (x.kind, x.file)), start=1)]


# -- the sheets ----------------------------------------------------------------------

def _runs(columns: list[Column], kind: str) -> list[tuple[int, int]]:
    """(first, last) 1-based columns of each run of adjacent columns of `kind`."""
    runs: list[tuple[int, int]] = []
    for i, c in enumerate(columns, start=1):
        if c.kind == kind:
            runs.append((runs.pop()[0], i) if runs and runs[-1][1] == i - 1 else (i, i))
    return runs


def _span(first: int, last: int, top: int, bottom: int) -> str:
    return f"{col_letter(first)}{top}:{col_letter(last)}{bottom}"


def satker_sheet(recap, folder: str, when: dt.datetime) -> SheetOutput:
    columns = satker_columns(recap)
    header, rows, totals = satker_table(recap)
    widths = [c.width for c in columns]
    wrapped = {i for i, c in enumerate(columns) if c.wrap}
    first, last = HEADER_ROW + 1, HEADER_ROW + len(rows) + len(totals)
    end = len(columns)
    subtitle = say("recap.subtitle", folder=folder, when=f"{when:%d-%m-%Y %H:%M}", satkers=len(recap.satkers),
                   with_errors=recap.with_errors, skipped=len(recap.skipped), sheet=SHEET_SKIPPED)
    heights = {HEADER_ROW: row_height(header, widths, set(range(len(header))))}
    heights.update(enumerate(row_heights(rows, widths, wrapped), start=HEADER_ROW + 1))
    return SheetOutput(
        name=SHEET_RECAP, values=[[say("recap.title")], [subtitle], [], header, *rows, *totals],
        number_formats=[(_span(a, b, first, last), NUMBER_FORMATS[kind])
                        for kind in NUMBER_FORMATS for a, b in _runs(columns, kind)],
        bold=["A1", _span(1, end, HEADER_ROW, HEADER_ROW)] + ([_span(1, end, last - len(totals) + 1, last)]
                                                              if totals else []),
        fills=[(_span(1, end, HEADER_ROW, HEADER_ROW), FILL_HEADER)],
        wrap=[_span(1, end, HEADER_ROW, HEADER_ROW)] + [_span(i + 1, i + 1, first, last) for i in sorted(wrapped)],
        top=[_span(1, end, HEADER_ROW, last)],
        column_widths={i: w for i, w in enumerate(widths, start=1)},
        freeze_row=HEADER_ROW, freeze_col=REPEATED_COLUMNS,
        print_title_rows=(HEADER_ROW, HEADER_ROW), print_title_cols=(1, REPEATED_COLUMNS),
        column_breaks=column_bands(widths, REPEATED_COLUMNS),
        autofilter=_span(1, end, HEADER_ROW, HEADER_ROW + len(rows)) if rows else "",
        autofit_rows=True, row_heights=heights, footer=PAGE_FOOTER)


CHART_WIDTH_CM = 24.0
POINTS_PER_CM = 72 / 2.54


def _years(recap) -> list[tuple[object, int, int]]:
    """(year, first, last): the Rekap Satker rows (1-based) of each year's satkers, sorted by year."""
    runs: list[tuple[object, int, int]] = []
    for row, s in enumerate(recap.satkers, start=HEADER_ROW + 1):
        if runs and runs[-1][0] == s.year:
            runs[-1] = (s.year, runs[-1][1], row)
        else:
            runs.append((s.year, row, row))
    return runs


def chart_sheet(recap) -> SheetOutput:
    """A horizontal bar chart per program (satker names stay readable), each on a page of its own:
    a chart cut by a page break prints as two halves. Where the folder mixes years, a chart per
    program and year, the year in its title: no two bars of a chart carry the same satker's name."""
    program_column = {c.header: i for i, c in enumerate(satker_columns(recap), start=1)}
    years = _years(recap)
    charts, breaks, anchor = [], [], 3
    for code, (year, first, last) in ((c, y) for c in recap.program_codes for y in years):
        column = col_letter(program_column[f"Program {code} (Rp)"])
        height_cm = min(max(8.0, 0.45 * (last - first + 1)), 16.0)  # A4 landscape: 17.6 cm inside the margins
        if charts:
            breaks.append(anchor - 1)
        title = f"{code} {recap.program_names.get(code, '')}".strip() + (f" ({year})" if len(years) > 1 else "")
        source = {"source": f"{column}{HEADER_ROW}:{column}{last}"} if len(years) == 1 else \
            {"source": f"{column}{first}:{column}{last}", "names_row": HEADER_ROW}
        charts.append(Chart(
            "bar_clustered", title, f"A{anchor}", **source, categories=f"B{first}:B{last}", data_sheet=SHEET_RECAP,
            width=round(CHART_WIDTH_CM * POINTS_PER_CM), height=round(height_cm * POINTS_PER_CM),
            value_format=NUMBER_FORMATS[MONEY], legend=False, value_title=say("recap.value_axis")))
        anchor += int(height_cm * 2) + 3  # about two rows per cm
    return SheetOutput(name=SHEET_CHARTS, values=[[say("recap.charts_title", sheet=SHEET_RECAP)]], bold=["A1"],
                       charts=charts, page_breaks=breaks, footer=PAGE_FOOTER)


def list_sheet(name: str, words: str, columns: tuple[tuple[str, float], ...], rows: list[list]) -> SheetOutput:
    """A numbered list under a title and a note (in the rows above the header, in lines that end
    inside the table); every column wraps, each row as tall as its longest text."""
    widths = [w for _, w in columns]
    end, last = len(columns), HEADER_ROW + len(rows)
    every = set(range(end))
    note = text_lines(say(f"{words}_note"), widths)
    note = [*note[:HEADER_ROW - 3], " ".join(note[HEADER_ROW - 3:])]  # the last row holds the rest
    return SheetOutput(
        name=name, values=[[say(f"{words}_title")], *([line] for line in note), [h for h, _ in columns], *rows],
        bold=["A1", _span(1, end, HEADER_ROW, HEADER_ROW)],
        wrap=[_span(1, end, HEADER_ROW + 1, last)] if rows else [], top=[_span(1, end, HEADER_ROW, last)],
        column_widths={i: w for i, w in enumerate(widths, start=1)},
        freeze_row=HEADER_ROW, print_title_rows=(HEADER_ROW, HEADER_ROW), autofit_rows=True,
        row_heights=dict(enumerate(row_heights(rows, widths, every), start=HEADER_ROW + 1)),
        footer=PAGE_FOOTER)


def recap_plan(recap, folder: str, when: dt.datetime) -> WritePlan:
    """The recap workbook's four sheets; `folder` is the folder's name only (a full path would carry
    the user's home folder and name into a file that is shared)."""
    message = say("recap.done", satkers=len(recap.satkers), with_errors=recap.with_errors,
                  skipped=len(recap.skipped))
    if recap.cached:
        message += say("recap.cached", n=recap.cached)
    return WritePlan(sheets=[satker_sheet(recap, folder, when), chart_sheet(recap),
                             list_sheet(SHEET_ERRORS, "recap.errors", ERROR_COLUMNS, error_rows(recap)),
                             list_sheet(SHEET_SKIPPED, "recap.skipped", SKIPPED_COLUMNS, skipped_rows(recap))],
                     activate=SHEET_RECAP, message=message)
