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
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import takewhile

from rak_xl.core import layout as L
from rak_xl.core.findings import Finding, summary_line
from rak_xl.core.model import Plan, RakRow
from rak_xl.core.text import rupiah, shorten, thousands
from rak_xl.figures import structure
from rak_xl.figures.rollup import BudgetRollup
from rak_xl.figures.structure import UNASSIGNED, RowPlace

from . import paging
from .sheets import (
    DIVISION_BUDGET_NOTE,
    FILL_HEADER,
    FILL_TOTAL,
    RUPIAH,
    ConditionalFill,
    SheetOutput,
    hyperlink,
    illustrative_notice,
    page_footer,
    short_division,
)

HEADER_ROW = 6
NOTE_WIDTH = 140  # characters of a note line under the table (columns C..L hold about 160)
HEADER = ["No", "ID", "Indikator Kinerja", "Target", "Uraian Kegiatan", "TW 1", "TW 2", "TW 3", "TW 4",
          "Penanggung Jawab", "Anggaran (Rp)", "Catatan Validasi"]
WIDTHS = [5, 10, 44, 9, 36, 5, 5, 5, 5, 20, 16, 16]
WRAPPED = {2, 3, 4, 9, 11}  # 0-based columns whose text wraps
LAST_COL = "L"
INFERRED = " *"  # marks a division the row does not state itself (see the note under the table)
INFERRED_NOTE = ("* kolom Penanggung Jawab baris ini kosong; bagian diambil dari baris lain pada sub-kegiatan yang "
                 "sama, atau dari kolom Bagian pada lembar Anggaran untuk sub-kegiatan yang didanai.")
# A Bagian taken from an example budget line is an example too: said, not left silent.
INFERRED_ILLUSTRATIVE = (" Baris lembar Anggaran di workbook ini CONTOH ILUSTRATIF, jadi bagian yang diambil "
                         "darinya juga contoh: isi Penanggung Jawab di lembar RAK.")
GROUP_WORD = {"A": "Kegiatan", "B": "Sasaran Program"}
FILL_TABLE = "#B4C6E7"
FILL_GROUP = "#DDEBF7"
FILL_ERROR = "#FFC7CE"


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


def error_codes(plan: Plan, findings: list[Finding]) -> dict[tuple[str, int], list[str]]:
    """Error codes per (sheet, row) of a RAK row."""
    return {key: [f.code for f in found] for key, found in _errors_by_row(plan, findings).items()}


def star_note(plan: Plan) -> str:
    """What '*' means; when some row's Bagian came from Anggaran lines that are examples, that too."""
    from_examples = L.SHEET_BUDGET in plan.illustrative and \
        any(place.source == structure.BUDGET for place in structure.of(plan).places)
    return INFERRED_NOTE + (INFERRED_ILLUSTRATIVE if from_examples else "")


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
    return [r.number, hyperlink(tab(row.sheet), row.ref("id").a1, row.id or f"baris {row.row}"), row.indicator,
            r.target, row.activity if r.info.block_start else "",
            *(L.QUARTER_MARK if m else "" for m in row.marks), division,
            r.info.linked_amount if r.info.funded else None,
            ("KESALAHAN " + "; ".join(r.notes)) if r.errors else ""]


def consolidated_sheet(plan: Plan, findings: list[Finding], roll: BudgetRollup, source: str,
                       generated: dt.datetime) -> SheetOutput:
    ident = plan.identity
    rows = consolidated_rows(plan, findings)
    flagged = sum(1 for r in rows if r.errors)
    dipa = roll.dipa_pagu
    revised = ident.get("budget_revised") is not None
    dipa_date = ident.get("dipa_date")
    values: list[list] = [
        [f"KONSOLIDASI RENCANA AKSI KINERJA {str(ident.get('satker') or '').upper()} "
         f"TAHUN {ident.year or '-'}".replace("  ", " ")],
        [f"Satuan kerja: {ident.get('satker') or '-'} ({ident.get('satker_code') or '-'})   |   "
         f"{ident.get('dipa_number') or 'Nomor DIPA -'}"
         + (f" tanggal {dipa_date:%d-%m-%Y}" if isinstance(dipa_date, dt.date) else "")
         + f"   |   Pagu berlaku: {rupiah(dipa)}" + (f" (revisi; pagu awal {rupiah(ident.get('budget_initial'))})"
                                                    if revised else "")],
        [f"Dibuat: {generated:%d-%m-%Y %H:%M} dari berkas {source or '-'}   |   "
         f"Validasi: {summary_line(findings)}"
         + (f"   |   {flagged} baris bertanda KESALAHAN: rencana ini belum bersih." if flagged else "")],
        ["Lembar ini dibuat ulang setiap kali tombol Konsolidasi ditekan; jangan mengetik di sini. "
         "Klik ID untuk menuju baris sumbernya."],
        [illustrative_notice(plan) or None],
        HEADER,
    ]
    widths = WIDTHS
    units: list[list[float]] = []
    unit: list[float] = []

    heights: dict[int, float] = {}

    def add(row: list, wrapped: set[int] = WRAPPED) -> None:
        values.append(row)
        heights[len(values)] = paging.row_height(row, widths, wrapped)
        unit.append(heights[len(values)])

    def close_unit() -> None:
        if unit:
            units.append(list(unit))
            unit.clear()

    satker = str(plan.identity.get("satker") or "")
    table_titles = {"A": L.RAK_A.title_for(satker), "B": L.RAK_B.title_for(satker)}
    i = 0
    while i < len(rows):
        r = rows[i]
        close_unit()
        if i == 0 or rows[i - 1].row.table != r.row.table:
            add([r.row.table, None, table_titles.get(r.row.table, r.row.table)])  # stays with its first group
        group = list(takewhile(lambda x: x.group_code == r.group_code, rows[i:]))
        add([r.group_code, None, f"{GROUP_WORD.get(r.row.table, 'Kelompok')}: {r.info.group.name}"])
        for x in group:
            add(_indicator_row(x, plan.tab))
        add([None, "Jumlah", f"Jumlah {r.group_code}", None, f"{len(group)} indikator", None, None, None, None,
             None, sum(x.info.linked_amount for x in group)])
        i += len(group)
    close_unit()
    if not rows:  # nothing readable: say so where the table would be (Temuan says why)
        add([None, None, "Tidak ada baris RAK yang dapat dibaca; lihat lembar Temuan."])
        close_unit()
    table_end = len(values)

    # Totals per program and per division, kept on one page.
    summary_start = len(values) + 2
    add([])
    add([None, None, "REKAPITULASI ANGGARAN"])
    add([None, None, "Per program (seluruh baris Anggaran)", None, None, None, None, None, None, None,
         "Anggaran (Rp)"])
    for p in roll.programs:
        add([None, p.code, p.name, None, None, None, None, None, None, None, p.allocated])
    add([None, None, "Jumlah seluruh program", None, None, None, None, None, None, None, roll.allocated])
    add([None, None, "Pagu DIPA berlaku" + (" (revisi)" if revised else ""), None, None, None, None, None, None,
         None, dipa])
    add([None, None, "Selisih pagu DIPA dengan jumlah pagu program (lembar Program)", None, None, None, None,
         None, None, None, roll.dipa_difference])
    add([])
    division_header = len(values) + 1
    add([None, None, "Per bagian (kolom Bagian di lembar Anggaran)", None, "Indikator", None, None, None, None,
         None, "Anggaran (Rp)"])
    for d in roll.shown_divisions():
        add([None, None, d.name, None, d.indicators, None, None, None, None, None, d.allocated])
    add([None, None, "Jumlah seluruh bagian", None, len(rows), None, None, None, None, None, roll.allocated])
    linked = sum(r.info.linked_amount for r in rows)
    if roll.allocated != linked:
        add([None, None, "Di antaranya tidak terkait baris RAK mana pun", None, None, None, None, None, None,
             None, roll.allocated - linked])
    add([])
    for note in (DIVISION_BUDGET_NOTE,
                 "Indikator per bagian: menurut Penanggung Jawab baris RAK. " + star_note(plan),
                 f"'{UNASSIGNED}': kolom Penanggung Jawab kosong dan sub-kegiatannya tidak didanai."):
        # Lines that end inside the table: text running past column L would widen the printed
        # range, and every page fitted to that width would print smaller.
        for line in textwrap.wrap(note, NOTE_WIDTH):
            add([None, None, line], wrapped=set())
    close_unit()
    last = len(values)

    scale = paging.fit_scale(widths)
    first = HEADER_ROW + 1
    title_height = paging.row_height(HEADER, widths, set(range(len(HEADER))))
    heights[HEADER_ROW] = title_height
    top = sum(paging.LINE + paging.PADDING for _ in range(HEADER_ROW - 1)) + title_height
    heads = [2] * (len(units) - 1) + [len(units[-1])]  # the summary (the last unit) is never split
    breaks = [first + b for b in paging.page_breaks(units, top, title_height, scale, head=heads)]
    table = f"A{first}:{LAST_COL}{table_end}"
    return SheetOutput(
        name=L.SHEET_CONSOLIDATED,
        values=values,
        number_formats=[(f"K{first}:K{last}", RUPIAH)],
        bold=["A1", f"A{HEADER_ROW}:{LAST_COL}{HEADER_ROW}", f"C{summary_start}:K{summary_start + 1}",
              f"C{division_header}:K{division_header}"],
        fills=[(f"A{HEADER_ROW}:{LAST_COL}{HEADER_ROW}", FILL_HEADER),
               *([("A3:L3", FILL_ERROR)] if flagged else [])],
        wrap=[f"A{HEADER_ROW}:{LAST_COL}{table_end}", f"C{table_end + 1}:C{last - 2}"],
        center=[f"F{HEADER_ROW}:I{table_end}", f"A{HEADER_ROW}:B{HEADER_ROW}", f"D{HEADER_ROW}:D{table_end}"],
        borders=[f"A{HEADER_ROW}:{LAST_COL}{table_end}"],
        conditional=[
            ConditionalFill(table, f'AND(ISTEXT($A{first}),LEN($A{first})=1)', FILL_TABLE, bold=True),
            ConditionalFill(table, f'AND(ISTEXT($A{first}),LEN($A{first})>1)', FILL_GROUP, bold=True),
            ConditionalFill(table, f'$B{first}="Jumlah"', FILL_TOTAL, bold=True),
            ConditionalFill(table, f'$L{first}<>""', FILL_ERROR),
        ],
        column_widths={i + 1: w for i, w in enumerate(widths)},
        freeze_row=HEADER_ROW,
        landscape=True,
        print_title_rows=(HEADER_ROW, HEADER_ROW),
        page_breaks=breaks,
        autofit_rows=True,
        row_heights=heights,
        footer=page_footer(plan),
    )



def text_table(plan: Plan, findings: list[Finding], lang: str = "id") -> tuple[list[str], list[list[str]]]:
    """Headers and rows for `rak-xl consolidate` (plain text, same numbering as the sheet)."""
    heads = (["No", "Group", "ID", "Performance indicator", "Target", "Q", "Responsible", "Budget (Rp)", "Notes"]
             if lang == "en" else
             ["No", "Kel.", "ID", "Indikator Kinerja", "Target", "TW", "Penanggung Jawab", "Anggaran (Rp)",
              "Catatan"])
    out = []
    for r in consolidated_rows(plan, findings):
        marks = "".join(str(q) if m else "-" for q, m in zip(L.QUARTERS, r.row.marks))
        division = short_division(r.info.division) + (INFERRED if r.info.division_inferred else "")
        out.append([str(r.number), r.group_code, r.row.id, r.row.indicator, target_text(r.row, lang), marks,
                    division, thousands(r.info.linked_amount, lang=lang) if r.info.funded else "",
                    "; ".join(r.notes)])
    return heads, out
