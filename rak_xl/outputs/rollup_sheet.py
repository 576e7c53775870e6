"""The Rekap Anggaran sheet: the roll-up (rak_xl.figures.rollup) as tables and two native charts."""

from __future__ import annotations

import datetime as dt

from rak_xl.core import layout as L
from rak_xl.core.model import Plan, col_letter
from rak_xl.core.text import rupiah
from rak_xl.figures.rollup import BudgetRollup
from rak_xl.figures.structure import UNASSIGNED
from rak_xl.figures.sums import ABSORPTION_GUIDE

from . import paging
from .sheets import (
    DIVISION_BUDGET_NOTE,
    FILL_HEADER,
    FILL_TOTAL,
    PERCENT,
    RUPIAH,
    Chart,
    SheetOutput,
    illustrative_notice,
    page_footer,
    short_division,
)

ROMAN = ("I", "II", "III", "IV")



def rollup_sheet(plan: Plan, roll: BudgetRollup, source: str, generated: dt.datetime) -> SheetOutput:
    ident = plan.identity
    revised = ident.get("budget_revised") is not None
    codes = [p.code for p in roll.programs]
    values: list[list] = [
        [f"REKAP ANGGARAN RAK {str(ident.get('satker') or '').upper()} TAHUN {ident.year or '-'}"],
        [f"Dibuat: {generated:%d-%m-%Y %H:%M} dari berkas {source or '-'}   |   {ident.get('dipa_number') or '-'}"
         f"   |   Pagu berlaku: {rupiah(roll.dipa_pagu)}" + (" (revisi)" if revised else "")],
        ["Lembar ini dibuat ulang setiap kali tombol Rekap Anggaran ditekan; jangan mengetik di sini. "
         "Angka anggaran dijumlahkan dari lembar Anggaran; pagu dari lembar Identitas dan Program."],
        [illustrative_notice(plan) or None],
    ]
    bold, fills, money, percent, borders = ["A1"], [], [], [], []

    def header(row: list) -> int:
        values.append(row)
        r = len(values)
        bold.append(f"A{r}:L{r}")
        fills.append((f"A{r}:{_col(len(row))}{r}", FILL_HEADER))
        return r

    def section(title: str) -> None:
        values.append([title])
        bold.append(f"A{len(values)}")

    # 1. DIPA and programs.
    section("1. PAGU DIPA DAN PROGRAM")
    h1 = header(["Program", "Pagu (Rp)", "Dialokasikan (Rp)", "Selisih (Rp)",
                 *(f"RPD TW {q} (Rp)" for q in L.QUARTERS)])
    for p in roll.programs:
        values.append([f"{p.code} {p.name}".strip(), p.pagu, p.allocated, p.difference, *p.rpd_by_quarter])
    values.append(["Jumlah program", roll.programs_declared, roll.allocated,
                   roll.programs_declared - roll.allocated, *roll.rpd_by_quarter])
    values.append([f"Pagu DIPA berlaku{' (revisi)' if revised else ''}", roll.dipa_pagu, roll.programs_declared,
                   roll.dipa_difference])
    end1 = len(values)
    money.append(f"B{h1 + 1}:H{end1}")
    borders.append(f"A{h1}:H{end1}")
    bold.append(f"A{end1 - 1}:H{end1}")
    fills.append((f"A{end1 - 1}:H{end1}", FILL_TOTAL))
    values.append(["Program: pagu = lembar Program, dialokasikan = jumlah baris lembar Anggaran."])
    values.append(["DIPA: pagu berlaku (revisi bila ada) dibandingkan dengan jumlah pagu program. "
                   "Selisih selain nol juga dilaporkan oleh tombol Validasi."])
    values.append([])

    # 2. Divisions x programs, with the RAK rows each division answers for.
    section("2. ANGGARAN PER BAGIAN DAN PROGRAM")
    h2 = header(["Bagian", *codes, "Jumlah (Rp)", *(f"RPD TW {q} (Rp)" for q in L.QUARTERS), "Indikator",
                 "Indikator beranggaran", "Kegiatan", "Kegiatan beranggaran"])
    shown = roll.shown_divisions()
    for d in shown:
        values.append([short_division(d.name), *(d.by_program.get(c, 0) for c in codes), d.allocated, *d.rpd_by_quarter,
                       d.indicators, d.indicators_funded, d.activities, d.activities_funded])
    values.append(["Jumlah", *(sum(d.by_program.get(c, 0) for d in shown) for c in codes),
                   sum(d.allocated for d in shown), *(sum(d.rpd_by_quarter[i] for d in shown) for i in range(4)),
                   sum(d.indicators for d in shown), sum(d.indicators_funded for d in shown),
                   sum(d.activities for d in shown), sum(d.activities_funded for d in shown)])
    end2 = len(values)
    n = len(codes)
    money.append(f"B{h2 + 1}:{_col(n + 6)}{end2}")
    borders.append(f"A{h2}:{_col(n + 10)}{end2}")
    bold.append(f"A{end2}:{_col(n + 10)}{end2}")
    fills.append((f"A{end2}:{_col(n + 10)}{end2}", FILL_TOTAL))
    values.append([DIVISION_BUDGET_NOTE])
    values.append(["Indikator dan kegiatan: menurut kolom Penanggung Jawab di lembar RAK;"])
    values.append(["bila kosong, menurut Bagian pada baris Anggaran yang mendanai kegiatan itu; "
                   f"selain itu '{UNASSIGNED}'."])
    values.append(["Kegiatan = baris berurutan dengan kelompok dan uraian kegiatan yang sama; "
                   "beranggaran = ada baris Anggaran yang merujuk ID-nya."])
    values.append([])

    # 3. Planned disbursement per quarter against the usual absorption guide.
    section("3. RENCANA PENARIKAN DANA (RPD) PER TRIWULAN")
    h3 = header(["Triwulan", "Kumulatif (% pagu DIPA)", "Pedoman penyerapan", "RPD triwulan (Rp)",
                 "RPD kumulatif (Rp)", "Selisih dari pedoman (% poin)",
                 *(f"Kumulatif {p.code} (% pagu program)" for p in roll.programs)])
    shares = roll.cumulative_share()
    for i in range(4):
        program_shares = [_share(sum(p.rpd_by_quarter[: i + 1]), p.pagu) for p in roll.programs]
        values.append([f"TW {ROMAN[i]}", shares[i], ABSORPTION_GUIDE[i] / 100, roll.rpd_by_quarter[i],
                       roll.cumulative[i], None if shares[i] is None else shares[i] - ABSORPTION_GUIDE[i] / 100,
                       *program_shares])
    end3 = len(values)
    percent += [f"B{h3 + 1}:C{end3}", f"F{h3 + 1}:{_col(6 + n)}{end3}"]
    money.append(f"D{h3 + 1}:E{end3}")
    borders.append(f"A{h3}:{_col(6 + n)}{end3}")
    values.append(["Pedoman penyerapan yang lazim: 15% / 40% / 60% / 90% kumulatif pada akhir TW I..IV."])
    values.append(["Persentase dihitung dari pagu DIPA berlaku; RPD dari kolom RPD TW di lembar Anggaran."])
    values.append([])
    chart_row = len(values) + 1
    charts = [] if not codes or not shown else [
        Chart("bar_stacked", "Anggaran per bagian menurut program", f"A{chart_row}",
              f"A{h2}:{_col(1 + n)}{end2 - 1}", width=470, height=300, value_format='#,##0'),
        Chart("line", "Rencana penarikan kumulatif vs pedoman", f"E{chart_row}", f"A{h3}:C{end3}",
              width=470, height=300, value_format="0%"),
    ]
    widths = {1: 46, **{c: 17 for c in range(2, 9)}, **{c: 13 for c in range(9, 7 + n + 5)}}
    # Heights for file writers (LibreOffice does not re-measure wrapped rows); Excel autofits.
    width_list = [widths.get(c, 8.43) for c in range(1, max(widths) + 1)]
    heights = {r: paging.row_height(values[r - 1], width_list, set(range(len(width_list))))
               for r in (h1, h2, h3)}
    heights.update({r: paging.row_height(values[r - 1], width_list, {0})
                    for r in (*range(h1 + 1, end1 + 1), *range(h2 + 1, end2 + 1))})
    return SheetOutput(
        name=L.SHEET_ROLLUP,
        values=values,
        number_formats=[*((ref, RUPIAH) for ref in money), *((ref, PERCENT) for ref in percent),
                        (f"{_col(n + 7)}{h2 + 1}:{_col(n + 10)}{end2}", "0")],
        bold=bold,
        fills=fills,
        wrap=[f"A{h1}:{_col(n + 10)}{h1}", f"A{h2}:{_col(n + 10)}{h2}", f"A{h3}:{_col(6 + n)}{h3}",
              f"A{h1 + 1}:A{end1}", f"A{h2 + 1}:A{end2}"],
        borders=borders,
        column_widths=widths,
        landscape=True,
        charts=charts,
        row_heights=heights,
        autofit_rows=True,
        footer=page_footer(plan),
    )


def _share(part: int, whole: int | None) -> float | None:
    return part / whole if whole else None


def _col(n: int) -> str:
    return col_letter(n)
