"""The Evaluasi sheet: the quarterly evaluation (rak_xl.figures.quarterly) as tables and two charts.

Formatting is by column ranges only (never per row), so a press costs the same
number of calls into Excel however many indicators the plan has.
"""

from __future__ import annotations

import datetime as dt

from rak_xl.core import layout as L
from rak_xl.core.findings import Finding
from rak_xl.core.model import Plan
from rak_xl.core.text import ROMAN, say, tw
from rak_xl.figures import quarterly as E
from rak_xl.figures.rounding import fraction

from . import paging
from .sheet_builder import Column, SheetBuilder, Table, plan_title, rebuilt, stamp
from .sheets import DIVISION_BUDGET_NOTE, PERCENT, RUPIAH, SheetOutput, hyperlink

NUMBER = "#,##0.##"
FILL_STATUS = "#FFF2CC"
# Columns A..M: wider than a page at a readable scale, so printed in two bands, column A on both.
# Sized to what they hold: A the names and indicators (most on two lines), B and F..H Rupiah (a
# bold total of billions), the rest percentages, counts and short words. A..G is the first band,
# so sections 3, 4 and 6 print on it alone and their second band stays empty (no page is printed
# for it). LibreOffice fits a sheet to two pages wide at the largest scale any split into two
# gives and only then adds the sheet's own break: B..F may be no wider than H..M, or its split
# falls before G and the bands print as three.
WIDTHS = [50.5, 15.5, 10.5, 10.5, 10.5, 15.5, 15.5, 15.5, 11, 15, 11, 11, 11]
CHART_HEIGHT = 300  # points: the two charts under section 3
CHART_WIDTH = 340  # points: the two charts side by side inside the first band
SECTION_HEAD = 4  # a section's title, header and first two rows never end a page alone


def status_line(ev: E.QuarterEvaluation, lang: str = "id") -> str:
    q = tw(ev.quarter, lang)
    if ev.status == E.NOT_STARTED:
        return say("evaluation.status.not_started", lang)
    if ev.status == E.NOT_REPORTED:
        # Said the way RAK603 says it when Triwulan Pelaporan already names the quarter: the two agree.
        due = ev.reporting_quarter and ev.reporting_quarter >= ev.quarter
        since = say("evaluation.status.due", lang, tw=tw(ev.reporting_quarter, lang)) if due else ""
        return say("evaluation.status.not_reported", lang, tw=q, due=since)
    counted = ev.overall.counted if ev.overall else 0
    total = ev.overall.indicators if ev.overall else 0
    spent = bool(ev.total_absorption and ev.total_absorption.realised_to_date is not None)
    spending = "" if spent else say("evaluation.status.no_spending", lang, tw=q)
    return say("evaluation.status.reported", lang, tw=q, counted=counted, total=total) + spending


def evaluation_sheet(plan: Plan, ev: E.QuarterEvaluation, findings: list[Finding], source: str,
                     generated: dt.datetime) -> SheetOutput:
    q = ev.quarter
    sheet = SheetBuilder(L.SHEET_EVALUATION, WIDTHS, plan)
    reporting = tw(ev.reporting_quarter) if ev.reporting_quarter else say("evaluation.unchosen")
    facts = say("evaluation.reporting", quarter=reporting), say("evaluation.state", state=ev.status)
    # The title is repeated on every printed page.
    *_made, status = sheet.preamble(
        plan_title(say("evaluation.heading", roman=ROMAN[q - 1], tw=tw(q)), plan), stamp(generated, source, *facts),
        rebuilt("Evaluasi", say("evaluation.sources")), status_line(ev), title_height=paging.LINE)
    sheet.bold(sheet.cell(status))
    sheet.fill(sheet.across(status), FILL_STATUS)
    divisions = _divisions(sheet, ev)
    _programs(sheet, plan, ev)
    curve = _curve(sheet, ev)
    charts = sheet.chart_room(CHART_HEIGHT)  # the two charts, side by side
    _groups(sheet, ev)
    _indicators(sheet, plan, ev)
    _findings(sheet, plan, findings)
    sheet.chart("bar_stacked", say("evaluation.chart.capaian", tw=tw(q)), sheet.cell(charts),
                divisions.area("division", "capaian", header=True, totals=False), width=CHART_WIDTH, height=CHART_HEIGHT,
                value_format="0%")
    sheet.chart("line", say("evaluation.chart.curve"), sheet.cell(charts, sheet.column_after(CHART_WIDTH)),
                curve.whole, width=CHART_WIDTH, height=CHART_HEIGHT, value_format="0%")
    return sheet.output(title_rows=(1, 1), landscape=True)


def _table(sheet: SheetBuilder, title: str, columns: list[Column]) -> Table:
    """A numbered section: its title and its table, a unit on paper. Every cell of the table wraps
    unless said: each row as tall as its longest wrapped cell (a Bagian without a code, "Tanpa
    penanggung jawab", takes three lines in the narrow column C of section 5)."""
    sheet.section(title, head=SECTION_HEAD)
    return sheet.table(columns)


def _column(key: str, heading: str, fmt: str = "") -> Column:
    return Column(key, heading, fmt, wrap=True)


def _absorption_columns(q: int) -> list[Column]:
    return [_column("pagu", say("col.pagu"), RUPIAH), _column("planned", say("col.rpd_to_date", tw=tw(q)), RUPIAH),
            _column("realised", say("col.realised_to_date", tw=tw(q)), RUPIAH)]


def _guide_columns(q: int) -> list[Column]:
    return [_column("guide", say("col.guide_of", tw=tw(q)), PERCENT),
            _column("guide_gap", say("col.guide_gap"), PERCENT)]


def _divisions(sheet: SheetBuilder, ev: E.QuarterEvaluation) -> Table:
    """1. Capaian and absorption per division, and how both are computed."""
    q = ev.quarter
    columns = [_column("division", say("col.division")), _column("capaian", say("col.capaian_mean"), PERCENT),
               _column("indicators", say("col.indicators")), _column("counted", say("col.counted")),
               _column("grade", say("col.grade")), *_absorption_columns(q),
               _column("absorption", say("col.absorption"), PERCENT),
               _column("deviation", say("col.deviation"), RUPIAH),
               _column("deviation_pct", say("col.deviation_pct"), PERCENT), *_guide_columns(q)]
    absorption = {a.name: a for a in ev.divisions_absorption}
    capaian = {r.name: r for r in ev.divisions}
    names = list(capaian) + [n for n in absorption if n not in capaian]
    with _table(sheet, say("evaluation.section.divisions", tw=tw(q)), columns) as table:
        for name in names:
            table.row(_division_row(name, capaian.get(name), absorption.get(name)))
        table.total(_division_row(say("row.overall"), ev.overall, ev.total_absorption))
    sheet.notes([E.METHOD_ACHIEVEMENT, E.METHOD_ROLLUP, E.METHOD_GRADE, E.METHOD_ABSORPTION, DIVISION_BUDGET_NOTE])
    return table


def _programs(sheet: SheetBuilder, plan: Plan, ev: E.QuarterEvaluation) -> None:
    """2. Absorption per program; the DIPA row divides the same spending by the pagu in force (revised),
    not by the lines' sum."""
    q = ev.quarter
    # The shares of the pagu first, then the amounts: the Rupiah columns are those of section 1
    # (F..H), so C..E stay narrow and column A wide enough for an indicator on two lines.
    pagu, planned, realised = _absorption_columns(q)
    columns = [_column("program", say("col.program")), pagu,
               _column("planned_share", say("evaluation.col.planned_share"), PERCENT),
               _column("absorption", say("col.absorption"), PERCENT),
               _column("deviation_pct", say("col.deviation_pct"), PERCENT), planned, realised,
               _column("deviation", say("col.deviation"), RUPIAH), *_guide_columns(q)]
    names_of = {p.code: f"{p.code} {p.name}".strip() for p in plan.programs}
    rows = [*ev.programs_absorption, *([ev.total_absorption] if ev.total_absorption else []),
            *([ev.dipa_absorption] if ev.dipa_absorption else [])]
    with _table(sheet, say("evaluation.section.programs", tw=tw(q)), columns) as table:
        for i, a in enumerate(rows, start=1):
            cells = [names_of.get(a.name, a.name), a.pagu, fraction(a.planned_share), fraction(a.absorption),
                     fraction(a.deviation_pct), a.planned_to_date, a.realised_to_date, a.deviation, fraction(a.guide),
                     fraction(a.guide_gap)]
            (table.total if i == len(rows) else table.row)(cells)
    sheet.add()


def _curve(sheet: SheetBuilder, ev: E.QuarterEvaluation) -> Table:
    """3. The absorption curve (cumulative, percent of pagu); the charts go under its notes."""
    columns = [Column("quarter", say("col.quarter")), Column("realised", say("evaluation.col.realised"), PERCENT),
               Column("planned", say("evaluation.col.planned"), PERCENT),
               Column("guide", say("evaluation.col.guide"), PERCENT)]
    with _table(sheet, say("evaluation.section.curve"), columns) as table:
        for p in ev.curve:
            table.row([tw(p.quarter, roman=True), fraction(p.realised_pct), fraction(p.planned_pct), fraction(p.guide_pct)])
    sheet.notes([say("evaluation.note.curve")])
    return table


def _groups(sheet: SheetBuilder, ev: E.QuarterEvaluation) -> None:
    """4. Capaian per group and sub-activity."""
    columns = [_column("name", say("evaluation.col.group")), _column("level", say("col.level")),
               _column("table", say("evaluation.col.table")), _column("indicators", say("col.indicators")),
               _column("counted", say("col.counted")), _column("capaian", say("col.capaian_mean"), PERCENT),
               _column("grade", say("col.grade"))]
    with _table(sheet, say("evaluation.section.groups", tw=tw(ev.quarter)), columns) as table:
        for group in ev.groups:
            table.row([group.name, say("evaluation.level.group"), group.table, group.indicators, group.counted,
                       fraction(group.value), E.grade(group.value)])
            for block in ev.blocks:
                if block.code == group.code:
                    table.row(["    " + block.name, say("evaluation.level.block"), block.table, block.indicators,
                               block.counted, fraction(block.value), E.grade(block.value)])
    sheet.add()


def _indicators(sheet: SheetBuilder, plan: Plan, ev: E.QuarterEvaluation) -> None:
    """5. Capaian per indicator, each linked to its realisation cell."""
    q = ev.quarter
    # The kind, the longest of the short texts, in a Rupiah-wide column (F): two lines at most.
    columns = [_column("indicator", say("col.indicator")), _column("id", say("col.id")),
               _column("division", say("col.division")), _column("direction", say("evaluation.col.direction")),
               _column("unit", say("evaluation.col.unit")), _column("kind", say("evaluation.col.kind")),
               _column("target", say("evaluation.col.target_of", tw=tw(q)), NUMBER),
               _column("realised", say("evaluation.col.realised_of", tw=tw(q)), NUMBER),
               _column("capaian", say("col.capaian"), PERCENT), _column("grade", say("evaluation.col.judgement")),
               _column("state", say("evaluation.col.state"))]
    codes = {d.name: d.code or d.name for d in plan.divisions}
    with _table(sheet, say("evaluation.section.indicators", tw=tw(q)), columns) as table:
        for res in ev.indicators:
            row = res.row
            cell = row.realised_to_date_ref(q) or row.ref("id")
            table.row([row.indicator, hyperlink(plan.tab(cell.sheet), cell.a1, row.id) if row.id else "",
                       codes.get(res.division, res.division), L.DIRECTION_DOWN if res.lower else L.DIRECTION_UP,
                       "%" if row.in_percent else row.text("unit"), say(f"kinds.{res.kind}"), res.target,
                       res.realised, fraction(res.value),
                       res.judgement, res.state])
    sheet.notes([say("evaluation.division_codes",
                     codes="; ".join(f"{code} = {name}" for name, code in codes.items() if code != name))])


def _findings(sheet: SheetBuilder, plan: Plan, findings: list[Finding]) -> None:
    """6. Evaluation findings (RAK6xx), so the sheet says what to check before sending it on."""
    columns = [_column("finding", say("evaluation.col.finding")), _column("code", say("col.code")),
               _column("sheet", say("col.sheet")), _column("cell", say("col.cell")),
               _column("reference", say("evaluation.col.reference"))]
    with _table(sheet, say("evaluation.section.findings"), columns) as table:
        for f in sorted(findings, key=Finding.sort_key):
            table.row([say("evaluation.finding", message=f.message(), hint=f.hint()), f.code, plan.tab(f.sheet),
                       hyperlink(plan.tab(f.sheet), f.a1, f.a1) if f.cell else "", f.row_id])
        if not findings:
            table.row([say("evaluation.no_findings")])


def _division_row(name: str, cap: E.AchievementSummary | None, a: E.Absorption | None) -> list:
    return [name, fraction(cap.value) if cap else None, cap.indicators if cap else 0, cap.counted if cap else 0,
            E.grade(cap.value) if cap else "",
            *((a.pagu, a.planned_to_date, a.realised_to_date, fraction(a.absorption), a.deviation, fraction(a.deviation_pct),
               fraction(a.guide), fraction(a.guide_gap)) if a else (None,) * 8)]
