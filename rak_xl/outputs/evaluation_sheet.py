"""The Evaluasi sheet: the quarterly evaluation (rak_xl.figures.quarterly) as tables and two charts.

Formatting is by column ranges only (never per row), so a press costs the same
number of calls into Excel however many indicators the plan has.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from rak_xl.core import layout as L
from rak_xl.core.findings import Finding
from rak_xl.core.model import Plan, col_letter
from rak_xl.figures import quarterly as E

from . import paging
from .sheets import (
    DIVISION_BUDGET_NOTE,
    FILL_HEADER,
    FILL_TOTAL,
    PERCENT,
    RUPIAH,
    Chart,
    SheetOutput,
    hyperlink,
    illustrative_notice,
    page_footer,
)

NUMBER = "#,##0.##"
FILL_STATUS = "#FFF2CC"
ROMAN = ("I", "II", "III", "IV")
WIDTH = 13  # columns A..M
COLUMN_A = 64
CHART_ROWS = 22  # blank rows under section 3 where the charts sit (300 pt at 15 pt a row)


def _pct(value: float | None) -> float | None:
    """Percent (50.0) -> Excel fraction (0.5) for a percent-formatted cell."""
    return None if value is None else value / 100


def status_line(ev: E.QuarterEvaluation, lang: str = "id") -> str:
    q = ev.quarter
    en = lang == "en"
    if ev.status == E.NOT_STARTED:
        return ("Evaluation not started: this workbook has no Capaian and Realisasi Anggaran sheets "
                "(copy them from the latest RAK workbook)." if en else
                "Evaluasi belum dimulai: workbook ini belum memiliki lembar Capaian dan Realisasi Anggaran "
                "(salin dari workbook RAK terbaru).")
    if ev.status == E.NOT_REPORTED:
        # Said the way RAK603 says it when Triwulan Pelaporan already names the quarter: the two agree.
        due = ev.reporting_quarter and ev.reporting_quarter >= q
        if en:
            return (f"Q{q} not reported yet: no Q{q} realisation on the Capaian or Realisasi Anggaran sheet"
                    + (f" although Triwulan Pelaporan on the Identitas sheet is already Q{ev.reporting_quarter}."
                       if due else "."))
        due_id = f" walaupun Triwulan Pelaporan di lembar Identitas sudah TW {ev.reporting_quarter}" if due else ""
        return (f"TW {q} belum dilaporkan: realisasi TW {q} belum diisi di lembar Capaian maupun "
                f"Realisasi Anggaran{due_id}.")
    counted = ev.overall.counted if ev.overall else 0
    total = ev.overall.indicators if ev.overall else 0
    spent = bool(ev.total_absorption and ev.total_absorption.realised_to_date is not None)
    if en:
        spending = "" if spent else f" Q{q} budget realisation is not filled in, so absorption is not computed."
        return f"Q{q} reported: capaian computable for {counted} of {total} indicators.{spending}"
    spending = "" if spent else \
        f" Realisasi anggaran TW {q} belum diisi, sehingga penyerapan belum dihitung."
    return f"TW {q} sudah dilaporkan: capaian {counted} dari {total} indikator dapat dihitung.{spending}"


def evaluation_sheet(plan: Plan, ev: E.QuarterEvaluation, findings: list[Finding], source: str,
                     generated: dt.datetime) -> SheetOutput:
    ident = plan.identity
    q = ev.quarter
    reporting = f"TW {ev.reporting_quarter}" if ev.reporting_quarter else "belum dipilih"
    values: list[list] = [
        [f"EVALUASI KINERJA TRIWULAN {ROMAN[q - 1]} (TW {q}) {str(ident.get('satker') or '').upper()} "
         f"TAHUN {ident.year or '-'}"],
        [f"Dibuat: {generated:%d-%m-%Y %H:%M} dari berkas {source or '-'}   |   Triwulan Pelaporan (Identitas): "
         f"{reporting}   |   Keadaan: {ev.status}"],
        ["Lembar ini dibuat ulang setiap kali tombol Evaluasi ditekan; jangan mengetik di sini. Data dari lembar "
         "Capaian, Realisasi Anggaran dan Anggaran."],
        [status_line(ev)],
        [illustrative_notice(plan) or None],
    ]
    bold, fills, borders, wrap = ["A1", "A4"], [("A4:M4", FILL_STATUS)], [], []
    percent, money, number = [], [], []
    heights: dict[int, float] = {}  # for file writers; Excel autofits the rows in one call

    starts: list[int] = []  # first row of each numbered section: the units kept together on paper

    def section(title: str) -> None:
        values.append([title])
        starts.append(len(values))
        bold.append(f"A{len(values)}")

    def header(row: list) -> int:
        values.append(row)
        r = len(values)
        heights[r] = 40.0
        bold.append(f"A{r}:{col_letter(len(row))}{r}")
        fills.append((f"A{r}:{col_letter(len(row))}{r}", FILL_HEADER))
        wrap.append(f"A{r}:{col_letter(len(row))}{r}")
        return r

    def notes(*texts: str) -> None:
        # Short lines: long text would overflow past the tables and shrink the printed page.
        for text in texts:
            values.extend([[line] for line in textwrap.wrap(text, 150)])
        values.append([])

    # 1. Capaian and absorption per division.
    section(f"1. CAPAIAN KINERJA DAN PENYERAPAN ANGGARAN PER BAGIAN S.D. TW {q}")
    h1 = header(["Bagian", "Capaian rata-rata", "Indikator", "Dihitung", "Predikat", "Pagu (Rp)",
                 f"RPD s.d. TW {q} (Rp)", f"Realisasi s.d. TW {q} (Rp)", "Penyerapan (% pagu)",
                 "Deviasi thd RPD (Rp)", "Deviasi (% RPD)", f"Pedoman TW {q}", "Selisih thd pedoman (% poin)"])
    absorption = {a.name: a for a in ev.divisions_absorption}
    capaian = {r.name: r for r in ev.divisions}
    names = list(capaian) + [n for n in absorption if n not in capaian]
    for name in names:
        values.append(_division_row(name, capaian.get(name), absorption.get(name)))
    values.append(_division_row("Keseluruhan", ev.overall, ev.total_absorption))
    end1 = len(values)
    percent += [f"B{h1 + 1}:B{end1}", f"I{h1 + 1}:I{end1}", f"K{h1 + 1}:M{end1}"]
    money += [f"F{h1 + 1}:H{end1}", f"J{h1 + 1}:J{end1}"]
    borders.append(f"A{h1}:M{end1}")
    bold.append(f"A{end1}:M{end1}")
    fills.append((f"A{end1}:M{end1}", FILL_TOTAL))
    wrap.append(f"A{h1 + 1}:M{end1}")  # wrapped, and so top-aligned like column A
    notes(E.METHOD_ACHIEVEMENT, E.METHOD_ROLLUP, E.METHOD_GRADE, E.METHOD_ABSORPTION, DIVISION_BUDGET_NOTE)

    # 2. Absorption per program.
    section(f"2. PENYERAPAN ANGGARAN PER PROGRAM S.D. TW {q}")
    h2 = header(["Program", "Pagu (Rp)", f"RPD s.d. TW {q} (Rp)", f"Realisasi s.d. TW {q} (Rp)",
                 "Penyerapan (% pagu)", "RPD (% pagu)", "Deviasi thd RPD (Rp)", "Deviasi (% RPD)",
                 f"Pedoman TW {q}", "Selisih thd pedoman (% poin)"])
    names_of = {p.code: f"{p.code} {p.name}".strip() for p in plan.programs}
    # The DIPA row divides the same spending by the pagu in force (revised), not by the lines' sum.
    for a in [*ev.programs_absorption, *([ev.total_absorption] if ev.total_absorption else []),
              *([ev.dipa_absorption] if ev.dipa_absorption else [])]:
        values.append([names_of.get(a.name, a.name), a.pagu, a.planned_to_date, a.realised_to_date, _pct(a.absorption),
                       _pct(a.planned_share), a.deviation, _pct(a.deviation_pct), _pct(a.guide),
                       _pct(a.guide_gap)])
    end2 = len(values)
    money += [f"B{h2 + 1}:D{end2}", f"G{h2 + 1}:G{end2}"]
    percent += [f"E{h2 + 1}:F{end2}", f"H{h2 + 1}:J{end2}"]
    borders.append(f"A{h2}:J{end2}")
    bold.append(f"A{end2}:J{end2}")
    fills.append((f"A{end2}:J{end2}", FILL_TOTAL))
    wrap.append(f"A{h2 + 1}:J{end2}")
    values.append([])

    # 3. Absorption curve (cumulative, percent of pagu).
    section("3. KURVA PENYERAPAN KUMULATIF (% PAGU)")
    h3 = header(["Triwulan", "Realisasi", "RPD", "Pedoman"])
    for p in ev.curve:
        values.append([f"TW {ROMAN[p.quarter - 1]}", _pct(p.realised_pct), _pct(p.planned_pct), _pct(p.guide_pct)])
    end3 = len(values)
    percent.append(f"B{h3 + 1}:D{end3}")
    borders.append(f"A{h3}:D{end3}")
    notes("Realisasi kumulatif hanya sampai triwulan yang dievaluasi; RPD dari lembar Anggaran.")
    chart_row = len(values) + 1
    values.extend([[] for _ in range(CHART_ROWS)])  # room for the two charts, side by side
    for r in range(chart_row, chart_row + CHART_ROWS):
        heights[r] = paging.LINE  # also where a reader's default row is lower (LibreOffice: 12.8 pt)

    # 4. Capaian per group and sub-activity.
    section(f"4. CAPAIAN PER KELOMPOK DAN SUB-KEGIATAN TW {q}")
    h4 = header(["Kegiatan / Sasaran Program, dan sub-kegiatan di bawahnya", "Tingkat", "Tabel", "Indikator",
                 "Dihitung", "Capaian rata-rata", "Predikat"])
    for group in ev.groups:
        values.append([group.name, "Kelompok", group.table, group.indicators, group.counted,
                       _pct(group.value), E.grade(group.value)])
        for block in ev.blocks:
            if block.code == group.code:
                values.append(["    " + block.name, "Sub-kegiatan", block.table, block.indicators, block.counted,
                               _pct(block.value), E.grade(block.value)])
    end4 = len(values)
    percent.append(f"F{h4 + 1}:F{end4}")
    borders.append(f"A{h4}:G{end4}")
    wrap.append(f"A{h4 + 1}:G{end4}")
    values.append([])

    # 5. Capaian per indicator.
    section(f"5. CAPAIAN PER INDIKATOR TW {q}")
    h5 = header(["Indikator", "ID", "Bagian", "Arah", "Satuan", f"Target TW {q}", f"Realisasi TW {q}",
                 "Capaian", "Predikat", "Keadaan"])
    codes = {d.name: d.code or d.name for d in plan.divisions}
    for res in ev.indicators:
        unit = "%" if res.row.in_percent else res.row.text("unit")
        cell = res.row.realised_to_date_ref(q) or res.row.ref("id")
        values.append([res.row.indicator, hyperlink(plan.tab(cell.sheet), cell.a1, res.row.id) if res.row.id else "",
                       codes.get(res.division, res.division), "Turun" if E.lower_is_better(res.row) else "Naik", unit,
                       res.target, res.realised, _pct(res.value), E.grade(res.value), res.state])
    end5 = len(values)
    number.append(f"F{h5 + 1}:G{end5}")
    percent.append(f"H{h5 + 1}:H{end5}")
    borders.append(f"A{h5}:J{end5}")
    wrap.append(f"A{h5 + 1}:J{end5}")
    values.append(["Bagian: " + "; ".join(f"{code} = {name}" for name, code in codes.items() if code != name)])
    values.append([])

    # 6. Evaluation findings (RAK6xx), so the sheet says what to check before sending it on.
    section("6. CATATAN EVALUASI (TEMUAN RAK6xx)")
    h6 = header(["Pesan dan saran perbaikan", "Kode", "Lembar", "Sel", "ID / Kode"])
    for f in sorted(findings, key=Finding.sort_key):
        values.append([f"{f.message()} Saran: {f.hint()}", f.code, plan.tab(f.sheet),
                       hyperlink(plan.tab(f.sheet), f.a1, f.a1) if f.cell else "", f.row_id])
    if not findings:
        values.append(["Tidak ada catatan evaluasi."])
    end6 = len(values)
    borders.append(f"A{h6}:E{end6}")
    wrap.append(f"A{h6 + 1}:E{end6}")

    # Every table cell wraps: each row as tall as its longest wrapped cell (a Bagian without a
    # code, "Tanpa penanggung jawab", takes two lines in its 16-wide column).
    widths = [COLUMN_A, *([16] * (WIDTH - 1))]
    for r in (*range(h1 + 1, end1 + 1), *range(h2 + 1, end2 + 1), *range(h4 + 1, end4 + 1),
              *range(h5 + 1, end5 + 1), *range(h6 + 1, end6 + 1)):
        heights[r] = paging.row_height(values[r - 1], widths, set(range(WIDTH)))
    heights[1] = paging.LINE + paging.PADDING  # the title, repeated on every printed page
    breaks = _page_breaks(heights, starts, len(values), widths, charts=(chart_row, chart_row + CHART_ROWS))
    charts = [
        Chart("bar_stacked", f"Capaian rata-rata per bagian TW {q}", f"A{chart_row}", f"A{h1}:B{end1 - 1}",
              width=440, height=300, value_format="0%"),
        Chart("line", "Kurva penyerapan kumulatif (% pagu)", f"C{chart_row}", f"A{h3}:D{end3}", width=440,
              height=300, value_format="0%"),
    ]
    return SheetOutput(
        name=L.SHEET_EVALUATION,
        values=values,
        number_formats=[*((r, PERCENT) for r in percent), *((r, RUPIAH) for r in money),
                        *((r, NUMBER) for r in number)],
        bold=bold,
        fills=fills,
        wrap=wrap,
        borders=borders,
        column_widths={i + 1: w for i, w in enumerate(widths)},
        row_heights=heights,
        autofit_rows=True,
        freeze_row=0,
        landscape=True,
        print_title_rows=(1, 1),
        page_breaks=breaks,
        charts=charts,
        footer=page_footer(plan),
    )


def _page_breaks(heights: dict[int, float], starts: list[int], last: int, widths: list[float],
                 charts: tuple[int, int]) -> list[int]:
    """1-based rows that start a printed page. Each section (title, header, rows, notes) is a unit
    whose title and header never end a page without two of its rows; the rows under the charts
    are a unit never split (a chart cut in two prints as two halves)."""
    def height(r: int) -> float:
        return heights.get(r, paging.LINE)

    bounds = sorted({*starts, *charts, last + 1})
    units = [[height(r) for r in range(a, b)] for a, b in zip(bounds, bounds[1:])]
    heads = [len(u) if a == charts[0] else 4 for a, u in zip(bounds, units)]
    top = sum(height(r) for r in range(1, starts[0]))
    return [starts[0] + b for b in paging.page_breaks(units, top, height(1), paging.fit_scale(widths), head=heads)]


def _division_row(name: str, cap: E.AchievementSummary | None, a: E.Absorption | None) -> list:
    return [name, _pct(cap.value) if cap else None, cap.indicators if cap else 0, cap.counted if cap else 0,
            E.grade(cap.value) if cap else "",
            *((a.pagu, a.planned_to_date, a.realised_to_date, _pct(a.absorption), a.deviation, _pct(a.deviation_pct),
               _pct(a.guide), _pct(a.guide_gap)) if a else (None,) * 8)]
