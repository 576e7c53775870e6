"""The Rekap Anggaran sheet: the roll-up (rak_xl.figures.rollup) as tables and two native charts."""

from __future__ import annotations

import datetime as dt

from rak_xl.core import layout as L
from rak_xl.core.model import Plan
from rak_xl.core.text import ROMAN, rupiah, say, tw
from rak_xl.figures.rollup import BudgetRollup, guide_shares
from rak_xl.figures.structure import UNASSIGNED
from rak_xl.figures.sums import ABSORPTION_GUIDE

from .sheet_builder import Column, SheetBuilder, plan_title, rebuilt, stamp
from .sheets import DIVISION_BUDGET_NOTE, PERCENT, RUPIAH, SheetOutput, short_division

COUNT = "0"
LABEL, MONEY, NARROW = 28, 17, 11  # column widths: names, Rupiah (a bold billion fits), counts and percents
CHART_WIDTH, CHART_HEIGHT = 360, 270  # points: the two charts side by side within the printed width
SECTION_HEAD = 4  # a section's title, header and first two rows never end a page alone


def _widths(programs: int) -> list[float]:
    """Column A for names; Rupiah columns as far as any table has them (a program table's pagu,
    allocated and difference, a quarter's RPD, the divisions' programs and total); then counts and
    percents. One A4 landscape width at a readable scale for two programs (paging.BAND_POINTS)."""
    money = max(4, programs + 1)
    return [LABEL, *[MONEY] * money, *[NARROW] * (programs + 5 - money)]


def rollup_sheet(plan: Plan, roll: BudgetRollup, source: str, generated: dt.datetime) -> SheetOutput:
    sheet = SheetBuilder(L.SHEET_ROLLUP, _widths(len(roll.programs)), plan)
    revised = say("sheet.revised") if plan.identity.get("budget_revised") is not None else ""
    pagu = say("sheet.pagu_in_force", amount=rupiah(roll.dipa_pagu)) + revised
    sheet.preamble(plan_title(say("rollup.heading"), plan),
                   stamp(generated, source, plan.identity.get("dipa_number") or "-", pagu),
                   rebuilt("RekapAnggaran", say("rollup.sources")))
    _programs(sheet, roll, revised)
    divisions = _divisions(sheet, roll)
    quarters = _quarters(sheet, roll)
    if roll.programs and roll.shown_divisions():
        at = sheet.chart_room(CHART_HEIGHT)
        codes = [p.code for p in roll.programs]
        size = {"width": CHART_WIDTH, "height": CHART_HEIGHT}
        sheet.chart("bar_stacked", say("rollup.chart.divisions"), sheet.cell(at),
                    divisions.area("division", codes[-1], header=True, totals=False), value_format="#,##0", **size)
        sheet.chart("line", say("rollup.chart.rpd"), sheet.cell(at, sheet.column_after(CHART_WIDTH)),
                    quarters.area("quarter", "guide", header=True), value_format="0%", **size)
    return sheet.output(landscape=True)


def _rpd_columns() -> list[Column]:
    return [Column(f"rpd{q}", say("col.rpd_quarter", tw=tw(q)), RUPIAH) for q in L.QUARTERS]


def _programs(sheet: SheetBuilder, roll: BudgetRollup, revised: str) -> None:
    """1. DIPA and programs, then each program's RPD per quarter."""
    sheet.section(say("rollup.section.programs"), head=SECTION_HEAD)
    columns = [Column("program", say("col.program"), wrap=True), Column("pagu", say("col.pagu"), RUPIAH),
               Column("allocated", say("rollup.col.allocated"), RUPIAH),
               Column("difference", say("rollup.col.difference"), RUPIAH)]
    with sheet.table(columns) as table:
        for p in roll.programs:
            table.row([_name(p), p.pagu, p.allocated, p.difference])
        table.total([say("rollup.programs_total"), roll.programs_declared, roll.allocated, roll.programs_difference])
        table.total([say("rollup.dipa", revised=revised), roll.dipa_pagu, roll.programs_declared,
                     roll.dipa_difference])
    sheet.add()
    with sheet.table([Column("program", say("col.program"), wrap=True), *_rpd_columns()]) as table:
        for p in roll.programs:
            table.row([_name(p), *p.rpd_by_quarter])
        table.total([say("rollup.programs_total"), *roll.rpd_by_quarter])
    sheet.notes([say("rollup.note.programs"), say("rollup.note.dipa")])


def _name(program) -> str:
    return f"{program.code} {program.name}".strip()


def _divisions(sheet: SheetBuilder, roll: BudgetRollup):
    """2. Divisions x programs, with the RAK rows each division answers for; then their RPD per quarter."""
    sheet.section(say("rollup.section.divisions"), head=SECTION_HEAD)
    codes = [p.code for p in roll.programs]
    columns = [Column("division", say("col.division"), wrap=True),
               *(Column(code, code, RUPIAH) for code in codes),
               Column("allocated", say("rollup.col.total"), RUPIAH),
               Column("indicators", say("col.indicators"), COUNT),
               Column("indicators_funded", say("rollup.col.indicators_funded"), COUNT),
               Column("activities", say("rollup.col.activities"), COUNT),
               Column("activities_funded", say("rollup.col.activities_funded"), COUNT)]

    def cells(name: str, d) -> list:
        return [name, *(d.by_program.get(c, 0) for c in codes), d.allocated,
                d.indicators, d.indicators_funded, d.activities, d.activities_funded]

    with sheet.table(columns) as table:
        for d in roll.shown_divisions():
            table.row(cells(short_division(d.name), d))
        table.total(cells(say("row.total"), roll.shown_total()))
    sheet.add()
    with sheet.table([Column("division", say("col.division"), wrap=True), *_rpd_columns()]) as rpd:
        for d in roll.shown_divisions():
            rpd.row([short_division(d.name), *d.rpd_by_quarter])
        rpd.total([say("row.total"), *roll.shown_total().rpd_by_quarter])
    sheet.notes([DIVISION_BUDGET_NOTE,
                 f"{say('rollup.note.responsible')} {say('rollup.note.responsible_else', unassigned=UNASSIGNED)}",
                 say("rollup.note.activities")])
    return table


def _quarters(sheet: SheetBuilder, roll: BudgetRollup):
    """3. Planned disbursement per quarter against the usual absorption guide."""
    sheet.section(say("rollup.section.rpd"), head=SECTION_HEAD)
    columns = [Column("quarter", say("col.quarter")), Column("share", say("rollup.col.cumulative"), PERCENT),
               Column("guide", say("rollup.col.guide"), PERCENT), Column("rpd", say("rollup.col.rpd"), RUPIAH),
               Column("cumulative", say("rollup.col.rpd_cumulative"), RUPIAH),
               Column("gap", say("rollup.col.guide_gap"), PERCENT),
               *(Column(p.code, say("rollup.col.program_share", code=p.code), PERCENT) for p in roll.programs)]
    program_shares = [p.cumulative_share() for p in roll.programs]
    with sheet.table(columns) as table:
        for i, (share, guide, gap) in enumerate(zip(roll.cumulative_share(), guide_shares(), roll.guide_gap())):
            table.row([tw(i + 1, roman=True), share, guide, roll.rpd_by_quarter[i], roll.cumulative[i], gap,
                       *(shares[i] for shares in program_shares)])
    guide = " / ".join(f"{g}%" for g in ABSORPTION_GUIDE)
    sheet.notes([say("rollup.note.guide", guide=guide, first=tw(1, roman=True), last=ROMAN[-1]),
                 say("rollup.note.shares")])
    return table
