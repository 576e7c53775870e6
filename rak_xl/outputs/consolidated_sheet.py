"""The Konsolidasi sheet: the whole plan as one numbered, print-ready table.

Tables A and B one after the other, grouped by Kegiatan / Sasaran Program, one
row per indicator, each linked back to its source row; the budget that funds
each row; totals per group, per program and per division; rows that Validasi
marks as errors flagged. Row kinds (table title, group, total, error) are
styled by conditional formats over the whole table, so writing the sheet costs
the same number of calls however long the plan is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby

from rak_xl.core import layout as L
from rak_xl.core.findings import Finding, summary_line
from rak_xl.core.model import Plan, RakRow
from rak_xl.core.text import rupiah, say, shorten, thousands, tw
from rak_xl.figures import structure
from rak_xl.figures.rollup import BudgetRollup, linked_amount
from rak_xl.figures.structure import UNASSIGNED, RowPlace

from . import paging
from .sheet_builder import SEPARATOR, Column, SheetBuilder, Table, plan_title, rebuilt, stamp
from .sheets import DIVISION_BUDGET_NOTE, FILL_TOTAL, RUPIAH, SheetOutput, hyperlink, short_division

# Every cell of the table wraps (and so aligns to the top); the columns that hold long text size its rows.
COLUMNS = [Column("no", say("col.no"), wrap=True), Column("id", say("col.id"), wrap=True),
           Column("indicator", say("consolidated.col.indicator"), wrap=True),
           Column("target", say("consolidated.col.target"), wrap=True),
           Column("activity", say("consolidated.col.activity"), wrap=True),
           *(Column(f"tw{q}", tw(q), wrap=True) for q in L.QUARTERS),
           Column("division", say("consolidated.col.division"), wrap=True),
           Column("budget", say("consolidated.col.budget"), wrap=True),
           Column("notes", say("consolidated.col.notes"), wrap=True)]
MEASURED = ("indicator", "target", "activity", "division", "notes")
# One A4 landscape width at a readable scale in every reader (paging.BAND_POINTS): the indicator,
# the sub-activity and the division wide, numbers and marks as narrow as their header allows.
WIDTHS = [3, 6, 34, 6, 25, 3, 3, 3, 3, 16.5, 15, 10.5]
INFERRED = " *"  # marks a division the row does not state itself (see the note under the table)
FILL_TABLE = "#B4C6E7"
FILL_GROUP = "#DDEBF7"


@dataclass
class ConsolidatedRow:
    """One indicator row of the consolidated table (also what `rak-xl consolidate` prints)."""

    number: int
    info: RowPlace  # its group, sub-activity, Bagian and linked budget (rak_xl.figures.structure)
    target: str
    errors: list[str]  # codes of the error findings on this row
    notes: list[str] = field(default_factory=list)  # "RAK306: <its short message>", one per error

    @property
    def row(self) -> RakRow:
        return self.info.row

    @property
    def group_code(self) -> str:  # "A.1", "B.3"
        return self.info.group.code


def target_text(row: RakRow, lang: str = "id") -> str:
    """The target as the plan states it: '100%', '12,5%' ('12.5%' in English), '5 dokumen'."""
    t = row.target
    raw = row.cells.get("target")
    if raw is None or raw.blank:
        return ""
    if t is not None and t.readable and t.is_percent and t.value is not None:
        return f"{t.value:g}".replace(".", "," if lang == "id" else ".") + "%"
    unit = row.text("unit")
    text = raw.text if not isinstance(raw.raw, float) or raw.raw != int(raw.raw) else str(int(raw.raw))
    return f"{text} {unit}" if unit and unit != "%" and unit.casefold() not in text.casefold() else text


def _errors_by_row(plan: Plan, findings: list[Finding]) -> dict[tuple[str, int], list[Finding]]:
    """Error findings per (sheet, row) of a RAK row; a finding about a row ID elsewhere counts for that row."""
    by_id = {r.id.casefold(): (r.sheet, r.row) for r in plan.rows if r.id}
    out: dict[tuple[str, int], list[Finding]] = {}
    for f in findings:
        if f.severity != "error":
            continue
        keys = set()
        keys.update((c.sheet, c.row) for c in f.all_cells if c.sheet in (L.SHEET_RAK_A, L.SHEET_RAK_B))
        if f.row_id and f.row_id.casefold() in by_id:
            keys.add(by_id[f.row_id.casefold()])
        for key in keys:
            found = out.setdefault(key, [])
            if f.code not in {g.code for g in found}:
                found.append(f)
    return {key: sorted(found, key=lambda f: f.code) for key, found in out.items()}


def star_note(lang: str = "id") -> str:
    """What '*' means: the order in which a row's Bagian is found (rak_xl.figures.structure)."""
    return say("consolidated.note.inferred", lang)


def consolidated_rows(plan: Plan, findings: list[Finding]) -> list[ConsolidatedRow]:
    errors = _errors_by_row(plan, findings)
    out = []
    for number, place in enumerate(structure.of(plan).places, start=1):
        found = errors.get((place.row.sheet, place.row.row), [])
        out.append(ConsolidatedRow(number, place, target_text(place.row), [f.code for f in found],
                                   [f"{f.code}: {shorten(f.message(), 90)}" for f in found]))
    return out


def _indicator_row(r: ConsolidatedRow, tab: Callable[[str], str]) -> list:
    row = r.row
    division = short_division(r.info.division) + (INFERRED if r.info.division_inferred else "")
    label = row.id or say("consolidated.row", row=row.row)
    return [r.number, hyperlink(tab(row.sheet), row.ref("id").a1, label), row.indicator,
            r.target, row.activity if r.info.block_start else "",
            *(L.QUARTER_MARK if m else "" for m in row.marks), division,
            r.info.linked_amount if r.info.funded else None,
            say("consolidated.errors", notes="; ".join(r.notes)) if r.errors else ""]


def consolidated_sheet(plan: Plan, findings: list[Finding], roll: BudgetRollup, source: str,
                       generated: dt.datetime) -> SheetOutput:
    rows = consolidated_rows(plan, findings)
    flagged = len([r for r in rows if r.errors])
    sheet = SheetBuilder(L.SHEET_CONSOLIDATED, WIDTHS, plan)
    facts = [say("consolidated.validation", summary=summary_line(findings)),
             *([say("consolidated.flagged", count=flagged)] if flagged else [])]
    _satker, made, _note = sheet.preamble(
        plan_title(say("consolidated.heading"), plan), _satker_line(plan, roll), stamp(generated, source, *facts),
        rebuilt("Konsolidasi", say("consolidated.links")))
    if flagged:
        sheet.fill(sheet.across(made), L.SEVERITY_FILL["error"])
    with sheet.table(COLUMNS, measure=MEASURED) as table:
        _groups(sheet, table, plan, rows)
    summary_end = _summary(sheet, table, plan, roll, len(rows))
    sheet.number_format(table.area("budget", rows=(table.first, sheet.last_row)), RUPIAH)
    # Column C wraps below the table too, in the totals (the notes under them are lines of their own).
    sheet.wrap(table.area("indicator", rows=(table.bottom + 1, summary_end)))
    sheet.center(table.area("tw1", "tw4", header=True))
    sheet.center(table.header_area("no", "id"))
    sheet.center(table.area("target", header=True))
    # Row kinds styled by conditional formats: a constant number of calls however long the plan is.
    no, total, notes = table.first_cell("no"), table.first_cell("id"), table.first_cell("notes")
    sheet.fill_where(table.area(), f"AND(ISTEXT({no}),LEN({no})=1)", FILL_TABLE, bold=True)
    sheet.fill_where(table.area(), f"AND(ISTEXT({no}),LEN({no})>1)", FILL_GROUP, bold=True)
    sheet.fill_where(table.area(), f'{total}="{say("row.total")}"', FILL_TOTAL, bold=True)
    sheet.fill_where(table.area(), f'{notes}<>""', L.SEVERITY_FILL["error"])
    # Rows the preamble holds are planned one line each. A group's last row, its total, names the
    # group: it may be carried over alone rather than take its last indicator along (a page less).
    return sheet.output(title_rows=(table.header, table.header), unmeasured=paging.LINE,
                        tail=1, freeze_row=table.header, landscape=True)


def _satker_line(plan: Plan, roll: BudgetRollup) -> str:
    """'Satuan kerja: ... (kode)   |   Nomor DIPA tanggal ...   |   Pagu berlaku: ... (revisi; pagu awal ...)'."""
    ident = plan.identity
    dipa_date = ident.get("dipa_date")
    dipa = (ident.get("dipa_number") or say("consolidated.no_dipa")) + \
        (say("consolidated.dipa_date", date=f"{dipa_date:%d-%m-%Y}") if isinstance(dipa_date, dt.date) else "")
    pagu = say("sheet.pagu_in_force", amount=rupiah(roll.dipa_pagu))
    if ident.get("budget_revised") is not None:
        pagu += say("consolidated.revised", initial=rupiah(ident.get("budget_initial")))
    satker = say("consolidated.satker", satker=ident.get("satker") or "-", code=ident.get("satker_code") or "-")
    return SEPARATOR.join([satker, dipa, pagu])


def _groups(sheet: SheetBuilder, table: Table, plan: Plan, rows: list[ConsolidatedRow]) -> None:
    """Tables A and B, one unit a group (kept on one page where it fits): the table's title before
    its first group, the group's title, its indicators and its total."""
    satker = str(plan.identity.get("satker") or "")
    titles = {"A": L.RAK_A.title_for(satker), "B": L.RAK_B.title_for(satker)}
    previous = None
    for code, members in groupby(rows, key=lambda r: r.group_code):
        group = list(members)
        first = group[0].row
        opens_table = first.table != previous
        sheet.keep_together(3 if opens_table else 2)  # its title(s) never end a page without its first indicator
        if opens_table:  # the table's title stays with its first group
            table.row(table.cells(no=first.table, indicator=titles.get(first.table, first.table)), bold=True)
            previous = first.table
        word = say(f"consolidated.group.{first.table}") if first.table in titles else say("consolidated.group")
        name = group[0].info.group.name
        table.row(table.cells(no=code, indicator=say("consolidated.group_title", word=word, name=name)), bold=True)
        for r in group:
            table.row(_indicator_row(r, plan.tab))
        table.row(table.cells(id=say("row.total"), indicator=say("consolidated.group_total", code=code),
                              activity=say("consolidated.indicator_count", count=len(group)),
                              budget=linked_amount(r.info for r in group)), bold=True)
    if not rows:  # nothing readable: say so where the table would be (Temuan says why)
        sheet.keep_together()
        table.row(table.cells(indicator=say("consolidated.nothing")))


def _summary(sheet: SheetBuilder, table: Table, plan: Plan, roll: BudgetRollup, indicators: int) -> int:
    """Totals per program and per division, and the notes, as one unit (never split over two pages);
    the last row of the totals."""
    sheet.keep_together(None)

    def add(bold: bool = False, **cells) -> int:
        return sheet.add(table.cells(**cells), measure=table.measured, bold=bold)

    add()
    title = add(True, indicator=say("consolidated.summary"))
    head = add(True, indicator=say("consolidated.per_program"), budget=say("consolidated.col.budget"))
    sheet.bold(table.area("indicator", "budget", rows=(title, head)))
    for p in roll.programs:
        add(id=p.code, indicator=p.name, budget=p.allocated)
    revised = say("sheet.revised") if plan.identity.get("budget_revised") is not None else ""
    add(indicator=say("consolidated.programs_total"), budget=roll.allocated)
    add(indicator=say("consolidated.dipa", revised=revised), budget=roll.dipa_pagu)
    add(indicator=say("consolidated.dipa_difference"), budget=roll.dipa_difference)
    add()
    head = add(True, indicator=say("consolidated.per_division"), activity=say("col.indicator"),
               budget=say("consolidated.col.budget"))
    sheet.bold(table.area("indicator", "budget", rows=(head, head)))
    for d in roll.shown_divisions():
        add(indicator=d.name, activity=d.indicators, budget=d.allocated)
    add(indicator=say("consolidated.divisions_total"), activity=indicators, budget=roll.allocated)
    if roll.unlinked:
        add(indicator=say("consolidated.unlinked"), budget=roll.unlinked)
    last = sheet.last_row
    add()
    sheet.notes((DIVISION_BUDGET_NOTE, say("consolidated.note.divisions", star=star_note()),
                 say("consolidated.note.unassigned", unassigned=UNASSIGNED)), col=table.col("indicator"), gap=False)
    return last


def text_table(plan: Plan, findings: list[Finding], lang: str = "id") -> tuple[list[str], list[list[str]]]:
    """Headers and rows for `rak-xl consolidate` (plain text, same numbering as the sheet)."""
    heads = [say(key, lang) for key in ("col.no", "consolidated.text.group", "col.id", "consolidated.col.indicator",
                                        "consolidated.col.target", "consolidated.text.quarters",
                                        "consolidated.col.division", "consolidated.col.budget",
                                        "consolidated.text.notes")]
    out = []
    for r in consolidated_rows(plan, findings):
        marks = "".join(str(q) if m else "-" for q, m in zip(L.QUARTERS, r.row.marks))
        division = short_division(r.info.division) + (INFERRED if r.info.division_inferred else "")
        out.append([str(r.number), r.group_code, r.row.id, r.row.indicator, target_text(r.row, lang), marks,
                    division, thousands(r.info.linked_amount, lang=lang) if r.info.funded else "",
                    "; ".join(r.notes)])
    return heads, out
