"""The optional quarterly-evaluation inputs: sheets Capaian and Realisasi Anggaran, and
the reporting quarter on Identitas.

Workbooks made before the evaluation existed lack these sheets; that is not an
error: nothing is reported here and `plan.evaluation.started` stays False (the
rules report "belum dimulai" once). A sheet that is present but unreadable
gives the usual structure findings (RAK102/RAK103) and is then left out.

The series are attached to the plan's own rows (by ID) and budget lines (by
code), so every check and sum works over the typed model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rak_xl.core import layout as L
from rak_xl.core.findings import Finding
from rak_xl.core.layout import TableLayout
from rak_xl.core.model import BudgetLine, EvaluationInput, Identity, RakRow
from rak_xl.core.text import ROMAN

from .tables import Table, label_key, money_in, unreadable
from .values import parse_number, parse_percent_text, split_numbering

_ROMAN = {numeral.casefold(): q for q, numeral in enumerate(ROMAN, start=1)}
_QUARTER = re.compile(r"^(?:tw|triwulan|trw|kuartal|q)?\s*([1-4]|" + "|".join(_ROMAN) + ")$")


def parse_quarter(value: object) -> int | None:
    """2, '2', 'TW 2', 'TW II', 'Triwulan 2' -> 2; None when it is not a quarter 1..4."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if value in (1, 2, 3, 4) else None
    if not isinstance(value, str):
        return None
    m = _QUARTER.match(" ".join(value.strip().casefold().replace(".", " ").split()))
    if not m:
        return None
    token = m[1]
    return int(token) if token.isdigit() else _ROMAN[token]


@lru_cache(maxsize=4096)  # the national template's indicator texts recur in every satker's workbook
def default_lower_is_better(indicator: str) -> bool:
    """'Penurunan jumlah sengketa ...' is better when lower; 'Persentase penurunan ...' is a rate (higher)."""
    return split_numbering(indicator)[1].casefold().startswith("penurunan")


# Arah as staff write it (label_key form) -> lower is better.
_DIRECTIONS = dict.fromkeys(("turun", "menurun", "rendah", "lowerisbetter", "lower", "negatif", "minimize"), True)
_DIRECTIONS.update(dict.fromkeys(("naik", "meningkat", "tinggi", "higherisbetter", "higher", "positif", "maximize"),
                                 False))


def parse_direction(value: object) -> bool | None:
    """Arah: True = lower is better, False = higher; None when empty or not understood."""
    return _DIRECTIONS.get(label_key(value))  # an empty cell's key is "", which names no direction


def _amount(raw: object, percent: bool) -> float | None:
    """A target or realisation in the indicator's unit. Excel percent cells hold fractions."""
    if raw.__class__ is float:  # most cells
        return raw * 100.0 if percent else raw
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return float(raw) * 100.0 if percent else float(raw)
    pct = parse_percent_text(raw)
    if pct is not None:
        return pct
    return parse_number(raw)


def parse_evaluation(table_of: Callable[[TableLayout], Table | None], identity: Identity, rows: list[RakRow],
                     budget: list[BudgetLine], findings: list[Finding]) -> EvaluationInput:
    """Fill the rows' and budget lines' evaluation series; return what else the sheets say.

    `table_of` is the parser's own table reader (same sheet-name tolerance, same formula
    checks); it answers None for a sheet the workbook does not have: these sheets are optional.
    """
    ev = EvaluationInput()
    for row in rows:
        row.lower_is_better = default_lower_is_better(row.indicator)
    _reporting_quarter(identity, ev)
    table = table_of(L.ACHIEVEMENT)
    if table is not None:
        ev.sheets.add(L.SHEET_ACHIEVEMENT)
        _achievement(table, rows, ev, findings)
    table = table_of(L.SPENDING)
    if table is not None:
        ev.sheets.add(L.SHEET_SPENDING)
        _spending(table, budget, ev, findings)
    return ev


def _reporting_quarter(identity: Identity, ev: EvaluationInput) -> None:
    val = identity.cells.get("reporting_quarter")
    ev.quarter_cell = val
    if val is None or val.blank:
        return
    q = parse_quarter(val.raw)
    if q is None:
        ev.quarter_unreadable = True
    else:
        ev.reporting_quarter = q
        identity.values["reporting_quarter"] = q  # the text the identity parser kept becomes the number


def _series_columns(table: Table) -> list[tuple[str, bool, int, str]]:
    """(cell key, is a target, quarter index, column label) for the Capaian series columns the table has."""
    return [(key, is_target, q - 1, L.ACHIEVEMENT.column(key).label)
            for q in L.QUARTERS for key, is_target in ((f"target{q}", True), (f"real{q}", False))
            if key in table.columns]


def _achievement(table: Table, rows: list[RakRow], ev: EvaluationInput, findings: list[Finding]) -> None:
    series_columns = _series_columns(table)
    for row, cells in _matched(table, "id", {r.id.casefold(): r for r in rows if r.id}, ev):
        row.evaluation_cells = cells  # the table's own dict: nothing else keeps it
        percent = row.in_percent
        direction = cells.get("direction")
        if direction is not None:
            parsed = parse_direction(direction.raw)
            if parsed is not None:
                row.lower_is_better = parsed
        targets, realised = row.targets_to_date, row.realised_to_date
        for key, is_target, i, column in series_columns:
            val = cells[key]
            raw = val.raw
            if raw is None:
                continue
            amount = _amount(raw, percent)  # None for blank text too: blankness is asked only then
            if amount is None:
                if not val.blank:
                    findings.append(unreadable(val, column, "number"))
            elif is_target:
                targets[i] = amount
            else:
                realised[i] = amount


def _spending(table: Table, budget: list[BudgetLine], ev: EvaluationInput, findings: list[Finding]) -> None:
    by_code: dict[str, BudgetLine] = {}
    for line in budget:
        by_code.setdefault(line.code.casefold(), line)
    quarters = [(f"real{q}", q - 1, L.SPENDING.column(f"real{q}").label)
                for q in L.QUARTERS if f"real{q}" in table.columns]
    for line, cells in _matched(table, "code", by_code, ev):
        line.realised_cells = cells  # the table's own dict: nothing else keeps it
        spent = line.spent_by_quarter
        for key, i, column in quarters:
            amount = money_in(cells[key], column, "spent", findings)
            if amount is not None:
                spent[i] = amount


def _matched(table: Table, field: str, known: dict, ev: EvaluationInput):
    """(item, cells) for each row whose `field` names a known item (case-insensitively): the first row
    for an item counts; a later one, or one naming no known item, is an orphan (RAK6xx reports it)."""
    seen: set[str] = set()
    for _r, cells in table.rows:
        val = cells.get(field)
        key = val.text.casefold() if val is not None else ""
        item = known.get(key)
        if item is None or key in seen:
            if val is not None and not val.blank:
                ev.orphans.append(val)
            continue
        seen.add(key)
        yield item, cells
