"""Grids -> Plan. The one parser every door (button, CLI, tests) goes through.

Input: a mapping of sheet name -> 2-D list of cell values from A1 (None or ""
for empty). Output: the typed Plan and the structure findings (RAK1xx) met
while reading. The parser never raises on bad content: what it cannot read
becomes a finding, and the checks that would depend on it are switched off by
leaving the part out of `Plan.present`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from rak_xl.core import layout as L
from rak_xl.core.catalog import RAK101, RAK105, RAK106, RAK107, RAK108, RAK110, RAK111
from rak_xl.core.findings import Finding
from rak_xl.core.model import BudgetLine, CellRef, Division, Identity, Plan, Program, RakRow, Target, Val
from rak_xl.core.text import shorten

from . import codes
from .divisions import division_matcher
from .quarterly_input import parse_evaluation
from .tables import Grid, find_table, formula_findings, label_key, money_in, unreadable
from .values import is_blank, parse_date, parse_mark, parse_money, parse_number, parse_percent_text, parse_year


def _sheet_lookup(grids: Mapping[str, Grid]) -> dict[str, str]:
    """Expected sheet name -> actual name; tolerates case, spaces and underscores."""
    actual = {label_key(n): n for n in grids}
    out = {}
    for name in (L.SHEET_GUIDE, *L.INPUT_SHEETS):
        if name in grids:
            out[name] = name
        elif label_key(name) in actual:
            out[name] = actual[label_key(name)]
    return out


def _says_illustrative(grid: Grid, header_row: int) -> bool:
    """The sheet's own note above its header marks its figures as an example ("CONTOH ILUSTRATIF")."""
    return any(isinstance(v, str) and "ilustratif" in v.casefold()
               for line in grid[:max(header_row - 1, 0)] for v in line[:3])


# Identitas label -> (field key, label, kind); labels also without the "(Rp)" suffix.
_IDENTITY_LABELS = {label_key(label): (key, label, kind) for key, label, kind in L.IDENTITY_FIELDS}
_IDENTITY_LABELS.update({label_key(v[1].replace("(Rp)", "")): v for v in list(_IDENTITY_LABELS.values())})
_IDENTITY_READERS = {"text": lambda v: str(v).strip() if not isinstance(v, float) or v != int(v) else str(int(v)),
                     "money": parse_money, "date": parse_date, "year": parse_year}


class _Parser:
    def __init__(self, grids: Mapping[str, Grid]) -> None:
        self.grids = grids
        self.names = _sheet_lookup(grids)
        self.findings: list[Finding] = []
        self.present: set[str] = set()
        self.illustrative: list[str] = []
        # Cells whose formula was saved without a result: {sheet: {(row, col): formula}} (file reader only).
        self.uncomputed: dict = getattr(grids, "uncomputed", {})

    def grid(self, sheet: str) -> Grid | None:
        actual = self.names.get(sheet)
        if actual is None:
            found = ", ".join(n for n in self.grids) or "-"
            self.findings.append(RAK101.on(sheet, sheet=sheet, found=found))
            return None
        return self.grids[actual]

    def table(self, layout: L.TableLayout, optional: bool = False):
        """The sheet's table; a missing sheet is RAK101 unless the sheet is optional."""
        if optional and layout.sheet not in self.names:
            return None
        grid = self.grid(layout.sheet)
        if grid is None:
            return None
        table = find_table(grid, layout, self.findings, self.uncomputed.get(self.names[layout.sheet]))
        if table is not None:
            self.present.add(layout.sheet)
            self.present.update(f"{layout.sheet}:{k}" for k in table.columns)
            if _says_illustrative(grid, table.header_row):
                self.illustrative.append(layout.sheet)
        return table

    # -- sheets -------------------------------------------------------------

    def identity(self) -> Identity:
        ident = Identity()
        grid = self.grid(L.SHEET_IDENTITY)
        if grid is None:
            return ident
        self.present.add(L.SHEET_IDENTITY)
        for r, line in enumerate(grid, start=1):
            if not line:
                continue
            hit = _IDENTITY_LABELS.get(label_key(line[0]))
            if hit is None:
                continue
            key, label, kind = hit
            raw = line[1] if len(line) > 1 else None
            val = Val(raw, CellRef(L.SHEET_IDENTITY, r, 2))
            ident.cells[key] = val
            before = len(self.findings)
            formula_findings([(key, val)], None, self.findings, label)
            formula = self.uncomputed.get(self.names[L.SHEET_IDENTITY], {}).get((r, 2))
            if formula is not None:
                self.findings.append(RAK110.at(val.cell, column=label, formula=formula))
            if is_blank(raw) or len(self.findings) > before:
                continue
            parsed = _IDENTITY_READERS[kind](raw)
            if key == "satker_code" and parsed is not None:  # the recap matches satkers by it (RAK504 says how typed)
                parsed = codes.satker_code(parsed)
            if parsed is None:
                self.findings.append(unreadable(val, label, kind))
            else:
                ident.values[key] = parsed
        return ident

    def programs(self) -> list[Program]:
        table = self.table(L.PROGRAMS)
        out = []
        for _, cells in table.rows if table else []:
            amount = None
            if "amount" in cells and not cells["amount"].blank:
                amount = parse_money(cells["amount"].raw)
                if amount is None:
                    self.findings.append(unreadable(cells["amount"], L.PROGRAMS.column("amount").label, "money"))
            out.append(Program(cells["code"].text if "code" in cells else "",
                               cells["name"].text if "name" in cells else "", amount, cells))
        return out

    def divisions(self) -> list[Division]:
        table = self.table(L.DIVISIONS)
        out = []
        for _, cells in table.rows if table else []:
            if "name" in cells and not cells["name"].blank:
                out.append(Division(cells["code"].text if "code" in cells else "", cells["name"].text, cells))
        return out

    def rak(self, layout: L.TableLayout, table_code: str, division_names: list[str]) -> list[RakRow]:
        table = self.table(layout)
        if table is None:
            return []
        rows = []
        # The quarter mark columns the table has, with their index in `marks`: once, not per row.
        quarters = [(i, key, layout.column(key).label) for i, key in enumerate(L.MARK_KEYS) if key in table.columns]
        division_of = division_matcher(division_names)
        sheet = layout.sheet
        for r, cells in table.rows:
            row = RakRow(table_code, sheet, r, cells)
            row.target = _target(cells.get("target"), cells.get("unit"))
            marks, unreadable = [False] * 4, [False] * 4
            for i, key, column in quarters:
                raw = cells[key].raw
                if raw is None:  # an empty cell, most of them: parse_mark's (False, False)
                    continue
                marked, normalised = parse_mark(raw)
                unreadable[i] = marked is None
                if marked is None or normalised:
                    entry = RAK105 if marked is None else RAK106
                    self.findings.append(entry.at(cells[key].cell, row_id=row.id, value=shorten(raw, 60),
                                                  column=column))
                marks[i] = bool(marked)
            row.marks = tuple(marks)  # type: ignore[assignment]
            row.unreadable_marks = tuple(unreadable)  # type: ignore[assignment]
            val = cells.get("unit_in_charge")
            if val is not None and not val.blank:
                row.division = division_of(val.text)
            rows.append(row)
        return rows

    def budget_lines(self, division_names: list[str]) -> list[BudgetLine]:
        table = self.table(L.BUDGET_LINES)
        if table is None:
            return []
        out = []
        # The amount columns the table has, with the RPD quarter each fills (None: the Pagu).
        amounts = [(key, None if key == "amount" else int(key[-1]) - 1, L.BUDGET_LINES.column(key).label)
                   for key in ("amount", *(f"rpd{q}" for q in L.QUARTERS)) if key in table.columns]
        division_of = division_matcher(division_names)
        for r, cells in table.rows:
            if _is_total_row(cells):
                continue
            line = BudgetLine(r, cells)
            for key, quarter, column in amounts:
                amount = money_in(cells[key], column, "money", self.findings)
                if amount is None:
                    continue
                if quarter is None:
                    line.amount = amount
                else:
                    line.rpd_by_quarter[quarter] = amount
            val = cells.get("division")
            if val is not None and not val.blank:
                line.division = division_of(val.text)
            out.append(line)
        return out


_TOTAL_WORD = re.compile(r"^\s*(?:sub\s*)?(?:jumlah|total|grand\s*total)\b", re.IGNORECASE)


def _is_total_row(cells: dict[str, Val]) -> bool:
    """A 'Jumlah' row staff type under the budget lines: no code, program, division or RAK link,
    and a label saying it is a total. It sums lines; it is not one, so it is not read as one."""
    for key in ("program", "division", "rak_id"):  # a plain loop: most lines leave at the first
        val = cells.get(key)
        if val is not None and not val.blank:
            return False
    labels = [cells[key].text for key in ("code", "description") if key in cells and not cells[key].blank]
    return bool(labels) and all(_TOTAL_WORD.match(text) for text in labels)


def _target(val: Val | None, unit: Val | None) -> Target | None:
    """Read a target. Percent targets are returned in percent (100 = 100%).

    A number in a column whose unit is '%' is an Excel percent cell, so 1.0 is
    100%; text may say '100%', '100 %' or '12,5 %'. None means no target.
    """
    if val is None or val.blank:
        return None
    unit_text = unit.text if unit is not None else ""
    unit_percent = unit_text.strip() == "%"
    raw = val.raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if unit_percent or (not unit_text and 0.0 < raw <= 1.0):
            return Target(float(raw) * 100.0, True, True)
        return Target(float(raw), False, True)
    if isinstance(raw, (dt.date, bool)):
        return Target(None, False, False)
    text = str(raw)
    pct = parse_percent_text(text)
    if pct is not None:
        return Target(pct, True, True)
    number = parse_number(text)
    if number is not None:
        return Target(number, unit_percent, True)
    # "5 dokumen": a number followed by a unit word.
    head = text.strip().split(" ", 1)[0]
    number = parse_number(head)
    if number is not None:
        return Target(number, False, True)
    return Target(None, unit_percent, False)


def parse_plan(grids: Mapping[str, Grid]) -> tuple[Plan, list[Finding]]:
    p = _Parser(grids)
    identity = p.identity()
    programs = p.programs()
    divisions = p.divisions()
    names = [d.name for d in divisions]
    rows = p.rak(L.RAK_A, "A", names) + p.rak(L.RAK_B, "B", names)
    budget = p.budget_lines(names)
    _check_ids(rows, p.findings)
    plan = Plan(identity, programs, divisions, rows, budget, p.present)
    plan.sheet_names = {name: actual for name, actual in p.names.items() if name != actual}
    plan.illustrative = p.illustrative  # the same list: the optional sheets below add to it
    plan.evaluation = parse_evaluation(lambda t: p.table(t, optional=True), identity, rows, budget, p.findings)  # optional sheets
    return plan, p.findings


def _check_ids(rows: list[RakRow], findings: list[Finding]) -> None:
    """Each row's ID present (RAK107), unique as a reader sees it (RAK108: see parse/codes.py), and made
    of plain characters (RAK111)."""
    seen: dict[str, RakRow] = {}
    for row in rows:
        if "id" not in row.cells:
            continue
        if row.cells["id"].blank:
            findings.append(RAK107.at(row.ref("id"), row=row.row, example=f"{row.table}-{row.row:03d}"))
            continue
        key = codes.id_key(row.id)
        if key in seen:
            findings.append(RAK108.at(row.ref("id"), row_id=row.id, id=codes.shown(row.id),
                                      other=str(seen[key].ref("id"))))
        else:
            seen[key] = row
        odd = codes.unusual(row.id)
        if odd:
            findings.append(RAK111.at(row.ref("id"), row_id=row.id, id=codes.shown(row.id), chars=codes.described(odd)))
