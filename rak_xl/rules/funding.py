"""RAK4xx anggaran: budget lines, program totals, the DIPA pagu and the codes.

Every sum comes from rak_xl.figures.sums, the one place budget arithmetic is done, so
these findings and the Rekap Anggaran sheet can never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from rak_xl.core import layout as L
from rak_xl.core.catalog import (
    RAK401, RAK402, RAK403, RAK404, RAK405, RAK406, RAK407, RAK408, RAK409, RAK410, RAK411, RAK412, RAK413, RAK414,
    RAK415, RAK416, RAK417,
)
from rak_xl.core.findings import Finding, first_few
from rak_xl.core.model import BudgetLine, CellRef, Plan
from rak_xl.core.text import both, money, say, shorten
from rak_xl.figures import structure, sums
from rak_xl.figures.structure import blocks_of
from rak_xl.parse.divisions import closest_division

from . import rule
from .helpers import IDENTITY_LABEL, divisions_named, row_label

# BA.Es1.Program.Kegiatan.KRO.RO.Komponen.Subkomponen.Akun(.Detail) since 2021, or the
# older ...Kegiatan.Output(3 digits)...; BA.Es1 may be left out. Akun: 6 digits, belanja = 5.
BUDGET_CODE = re.compile(
    r"^(?:(?P<ba>\d{3})\.(?P<es1>\d{2})\.)?(?P<program>[A-Z]{2}|\d{2})\.(?P<kegiatan>\d{4})\."
    r"(?:[A-Z]{3}\.\d{3}|\d{3})\.\d{3}\.[A-Z]{1,2}\.5\d{5}(?:\.\d{1,6})?$")
# SP DIPA-076.01.2.658021/2022; "SP DIPA 076..." (a space for the dash) is common and fine.
DIPA_NUMBER = re.compile(r"^(?:SP\s*)?DIPA\s*[-\u2013]?\s*(\d{3})\.(\d{2})\.(\d)\.(\d{6})\s*/\s*(\d{4})$",
                         re.IGNORECASE)


@lru_cache(maxsize=8192)  # RAK411 and RAK412 read every line's code, and a province's plans share their codes
def _code_parts(code: str) -> re.Match | None:
    return BUDGET_CODE.match(code)


def _key(code: str) -> str:
    return "".join(code.split()).upper()


def _cell(line: BudgetLine, key: str) -> CellRef:
    v = line.cells.get(key)
    return v.cell if v else CellRef(L.SHEET_BUDGET, line.row, 1)


def _programs(plan: Plan) -> str:
    return ", ".join(p.code for p in plan.programs if p.code) or "-"


@rule(RAK401)
def budget_program_missing(plan: Plan) -> Iterator[Finding]:
    for line in plan.budget_lines:
        if "program" in line.cells and not line.program:
            yield RAK401.at(_cell(line, "program"), row_id=line.code, code=row_label(line), programs=_programs(plan))


@rule(RAK402)
def budget_program_unknown(plan: Plan) -> Iterator[Finding]:
    known = {_key(p.code) for p in plan.programs if p.code}
    if not known:
        return
    for line in plan.budget_lines:
        if line.program and _key(line.program) not in known:
            yield RAK402.at(_cell(line, "program"), row_id=line.code, value=shorten(line.program, 40),
                            programs=_programs(plan))


@rule(RAK403)
def budget_division_missing(plan: Plan) -> Iterator[Finding]:
    for line in plan.budget_lines:
        if "division" in line.cells and not line.text("division"):
            yield RAK403.at(_cell(line, "division"), row_id=line.code, code=row_label(line),
                            divisions=divisions_named(plan))


@rule(RAK404)
def budget_division_unknown(plan: Plan) -> Iterator[Finding]:
    names = plan.division_names
    if not names:
        return
    for line in plan.budget_lines:
        text = line.text("division")
        if text and not line.division:
            yield RAK404.at(_cell(line, "division"), row_id=line.code, value=shorten(text, 50),
                            closest=closest_division(text, names) or names[0], divisions=divisions_named(plan))


@rule(RAK405)
def budget_line_unlinked(plan: Plan) -> Iterator[Finding]:
    for line in plan.budget_lines:
        if "rak_id" in line.cells and not line.rak_id:
            yield RAK405.at(_cell(line, "rak_id"), row_id=line.code, code=row_label(line))


@rule(RAK406)
def budget_rak_id_unknown(plan: Plan) -> Iterator[Finding]:
    if not plan.rows:  # no RAK sheet could be read: RAK101/102 say so already
        return
    ids = {r.id.casefold() for r in plan.rows if r.id}
    for line in plan.budget_lines:
        if line.rak_id and line.rak_id.casefold() not in ids:
            yield RAK406.at(_cell(line, "rak_id"), row_id=line.code, value=shorten(line.rak_id, 30),
                            sheets=f"{L.SHEET_RAK_A} / {L.SHEET_RAK_B}")


@rule(RAK407)
def rak_row_unfunded(plan: Plan) -> Iterator[Finding]:
    if f"{L.SHEET_BUDGET}:rak_id" not in plan.present:
        return
    linked = {line.rak_id.casefold() for line in plan.budget_lines if line.rak_id}
    by_sheet: dict[str, list[list]] = {}
    for block in blocks_of(plan):
        if any(r.id and r.id.casefold() in linked for r in block):
            continue
        if block[0].indicator or block[0].activity:
            by_sheet.setdefault(block[0].sheet, []).append(block)
    # One fact per sheet ("these sub-activities have no budget line"), each block's activity cell listed.
    for sheet, unfunded in by_sheet.items():
        head = unfunded[0][0]
        ids = [b[0].id if len(b) == 1 else f"{b[0].id}–{b[-1].id}" for b in unfunded]
        cells = [b[0].ref("activity") if "activity" in b[0].cells else b[0].ref("id") for b in unfunded]
        yield RAK407.spanning(sheet, cells, row_id=head.id, count=len(unfunded), ids=", ".join(ids),
                              activity=shorten(head.activity or head.indicator, 60))


@rule(RAK408)
def program_total_mismatch(plan: Plan) -> Iterator[Finding]:
    if L.SHEET_BUDGET not in plan.present or not plan.budget_lines:
        return
    totals: dict[str, int] = {}
    for program, total in sums.program_totals(plan).items():
        totals[_key(program)] = totals.get(_key(program), 0) + total
    for p in plan.programs:
        if not p.code or p.amount is None:
            continue
        total = totals.get(_key(p.code), 0)
        if total != p.amount:
            yield RAK408.at(p.cells["amount"].cell, row_id=p.code, program=p.code, total=money(total),
                            amount=money(p.amount), difference=money(abs(p.amount - total)))


@rule(RAK409)
def programs_vs_pagu(plan: Plan) -> Iterator[Finding]:
    ident = plan.identity
    pagu = ident.budget_in_force
    if pagu is None or not any(p.amount is not None for p in plan.programs):
        return
    total = sums.declared_programs_total(plan)
    if total == pagu:
        return
    revised = ident.get("budget_revised") is not None
    if revised and total == ident.get("budget_initial"):
        note = both("rules.pagu_still_initial")
    elif total < pagu:
        note = both("rules.pagu_unshared", amount=money(pagu - total))
    else:
        note = both("rules.pagu_exceeded", amount=money(total - pagu))
    key = "budget_revised" if revised else "budget_initial"
    yield RAK409.at(ident.cells[key].cell, total=money(total), pagu=money(pagu), difference=money(abs(pagu - total)),
                    which=both("rules.pagu_revised" if revised else "rules.pagu_initial"), note=note)


@rule(RAK410)
def rpd_total_mismatch(plan: Plan) -> Iterator[Finding]:
    for line in plan.budget_lines:
        rpd = [k for k in ("rpd1", "rpd2", "rpd3", "rpd4") if k in line.cells]
        if line.amount is None or not rpd:
            continue
        total = sums.rpd_total(line)
        if total != line.amount:
            # Either side may be the wrong one: shown at the pagu, the four RPD cells highlighted too.
            yield RAK410.spanning(L.SHEET_BUDGET, [_cell(line, "amount"), *(_cell(line, k) for k in rpd)],
                                  row_id=line.code, total=money(total), amount=money(line.amount),
                                  difference=money(abs(line.amount - total)))


@rule(RAK411)
def budget_code_pattern(plan: Plan) -> Iterator[Finding]:
    for line in plan.budget_lines:
        if "code" in line.cells and not _code_parts(line.code):
            # An empty code is named the Indonesian way in both languages, as a cell's text is quoted.
            yield RAK411.at(_cell(line, "code"), row_id=line.code,
                            value=shorten(line.code, 45) or say("rules.empty", "id"))


@rule(RAK412)
def budget_code_program_mismatch(plan: Plan) -> Iterator[Finding]:
    for line in plan.budget_lines:
        m = _code_parts(line.code)
        if not m or not line.program:
            continue
        program = _key(line.program)
        if m["ba"]:
            code_program = f"{m['ba']}.{m['es1']}.{m['program']}"
            same = program == code_program
        else:  # the code starts at the program: compare the program part only
            code_program = m["program"]
            same = program.rsplit(".", 1)[-1] == code_program
        if not same:
            yield RAK412.at(_cell(line, "program"), row_id=line.code, code=line.code, code_program=code_program,
                            program=line.program)


def _dipa(plan: Plan):
    val = plan.identity.cells.get("dipa_number")
    if val is None or val.blank:
        return None, None
    return val, DIPA_NUMBER.match(val.text)


@rule(RAK413)
def dipa_number_pattern(plan: Plan) -> Iterator[Finding]:
    val, m = _dipa(plan)
    if val is not None and m is None:
        yield RAK413.at(val.cell, value=shorten(val.text, 50))


@rule(RAK414)
def dipa_number_identity_mismatch(plan: Plan) -> Iterator[Finding]:
    val, m = _dipa(plan)
    if m is None:
        return
    ident = plan.identity
    satker = ident.get("satker_code")
    if satker and m[4] != str(satker).strip():
        yield RAK414.at(val.cell, part=both("rules.dipa_satker"), found=m[4], field=IDENTITY_LABEL["satker_code"],
                        expected=satker)
    year = ident.year
    if year and int(m[5]) != year:
        yield RAK414.at(val.cell, part=both("rules.dipa_year"), found=m[5], field=IDENTITY_LABEL["year"], expected=year)


@rule(RAK415)
def budget_amount_missing(plan: Plan) -> Iterator[Finding]:
    empty = [line for line in plan.budget_lines if "amount" in line.cells and line.cells["amount"].blank]
    if empty:  # one fact: the column still to fill (a new year's plan has all of it empty)
        yield RAK415.spanning(L.SHEET_BUDGET, [line.cells["amount"].cell for line in empty], row_id=empty[0].code,
                              count=len(empty), codes=first_few([row_label(line) for line in empty], 3))


def _how(place: structure.RowPlace):
    """Which step of the responsibility order (rak_xl.figures.structure) found the row's unit, in words."""
    if place.source == structure.SUBJECT:
        return both("rules.unit_from_subject", group=shorten(place.group.name, 60))
    if place.source in (structure.BLOCK, structure.GROUP):
        return both(f"rules.unit_from_{place.source}", id=row_label(place.named_by))
    return both("rules.unit_stated")


@rule(RAK416)
def budget_line_other_division(plan: Plan) -> Iterator[Finding]:
    rows = {p.row.id.casefold(): p for p in structure.of(plan).places if p.row.id}
    for line in plan.budget_lines:
        place = rows.get(line.rak_id.casefold()) if line.rak_id else None
        if place is None or not line.division or place.source == structure.NONE or place.division == line.division:
            continue
        yield RAK416.at(_cell(line, "division"), row_id=line.code, code=row_label(line), amount=money(line.amount),
                        line_division=line.division, id=place.row.id, row_division=place.division, how=_how(place))


@rule(RAK417)
def program_amount_missing(plan: Plan) -> Iterator[Finding]:
    empty = [p for p in plan.programs if "amount" in p.cells and p.cells["amount"].blank]
    if empty:
        yield RAK417.spanning(L.SHEET_PROGRAMS, [p.cells["amount"].cell for p in empty],
                              programs=", ".join(p.code or p.name or "-" for p in empty))
