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


def rollup_sheet(plan: Plan, roll: BudgetRollup, source: str, generated: dt.datetime) -> SheetOutput:
    n = len(roll.programs)
    sheet = SheetBuilder(L.SHEET_ROLLUP, [46, *[17] * 7, *[13] * (n + 3)], plan)
    revised = say("sheet.revised") if plan.identity.get("budget_revised") is not None else ""
    pagu = say("sheet.pagu_in_force", amount=rupiah(roll.dipa_pagu)) + revised
    sheet.preamble(plan_title(say("rollup.heading"), plan),
                   stamp(generated, source, plan.identity.get("dipa_number") or "-", pagu),
                   rebuilt("RekapAnggaran", say("rollup.sources")))
    _programs(sheet, roll, revised)
    divisions = _divisions(sheet, roll)
    quarters = _quarters(sheet, roll)
    if roll.programs and roll.shown_divisions():
        at = sheet.last_row + 1
        codes = [p.code for p in roll.programs]
        sheet.chart("bar_stacked", say("rollup.chart.divisions"), sheet.cell(at),
                    divisions.area("division", codes[-1], header=True, totals=False),
                    width=470, height=300, value_format="#,##0")
        # Beside the first chart: column E starts past its 470 points.
        sheet.chart("line", say("rollup.chart.rpd"), sheet.cell(at, 5),
                    quarters.area("quarter", "guide", header=True), width=470, height=300, value_format="0%")
    return sheet.output(landscape=True)


def _rpd_columns() -> list[Column]:
    return [Column(f"rpd{q}", say("col.rpd_quarter", tw=tw(q)), RUPIAH) for q in L.QUARTERS]


def _programs(sheet: SheetBuilder, roll: BudgetRollup, revised: str) -> None:
    """1. DIPA and programs."""
    sheet.section(say("rollup.section.programs"))
    columns = [Column("program", say("col.program"), wrap=True), Column("pagu", say("col.pagu"), RUPIAH),
               Column("allocated", say("rollup.col.allocated"), RUPIAH),
               Column("difference", say("rollup.col.difference"), RUPIAH), *_rpd_columns()]
    with sheet.table(columns) as table:
        for p in roll.programs:
            table.row([f"{p.code} {p.name}".strip(), p.pagu, p.allocated, p.difference, *p.rpd_by_quarter])
        table.total([say("rollup.programs_total"), roll.programs_declared, roll.allocated, roll.programs_difference,
                     *roll.rpd_by_quarter])
        table.total([say("rollup.dipa", revised=revised), roll.dipa_pagu, roll.programs_declared,
                     roll.dipa_difference])
    for key in ("rollup.note.programs", "rollup.note.dipa"):
        sheet.add([say(key)])
    sheet.add()


def _divisions(sheet: SheetBuilder, roll: BudgetRollup):
    """2. Divisions x programs, with the RAK rows each division answers for."""
    sheet.section(say("rollup.section.divisions"))
    codes = [p.code for p in roll.programs]
    columns = [Column("division", say("col.division"), wrap=True),
               *(Column(code, code, RUPIAH) for code in codes),
               Column("allocated", say("rollup.col.total"), RUPIAH), *_rpd_columns(),
               Column("indicators", say("col.indicators"), COUNT),
               Column("indicators_funded", say("rollup.col.indicators_funded"), COUNT),
               Column("activities", say("rollup.col.activities"), COUNT),
               Column("activities_funded", say("rollup.col.activities_funded"), COUNT)]

    def cells(name: str, d) -> list:
        return [name, *(d.by_program.get(c, 0) for c in codes), d.allocated, *d.rpd_by_quarter,
                d.indicators, d.indicators_funded, d.activities, d.activities_funded]

    with sheet.table(columns) as table:
        for d in roll.shown_divisions():
            table.row(cells(short_division(d.name), d))
        table.total(cells(say("row.total"), roll.shown_total()))
    for line in (DIVISION_BUDGET_NOTE, say("rollup.note.responsible"),
                 say("rollup.note.responsible_else", unassigned=UNASSIGNED), say("rollup.note.activities")):
        sheet.add([line])
    sheet.add()
    return table


def _quarters(sheet: SheetBuilder, roll: BudgetRollup):
    """3. Planned disbursement per quarter against the usual absorption guide."""
    sheet.section(say("rollup.section.rpd"))
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
    sheet.add([say("rollup.note.guide", guide=guide, first=tw(1, roman=True), last=ROMAN[-1])])
    sheet.add([say("rollup.note.shares")])
    sheet.add()
    return table
