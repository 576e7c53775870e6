"""RAK5xx tanggal dan identitas: who made the plan, for which year, when."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from rak_xl.core import layout as L
from rak_xl.core.catalog import PLAN_DRAFTED_FROM_MONTH, RAK501, RAK502, RAK503, RAK504
from rak_xl.core.findings import Finding
from rak_xl.core.model import Plan
from rak_xl.core.text import FIELD_EN, Both, date_text
from rak_xl.parse import codes

from . import rule
from .helpers import IDENTITY_LABEL

def _date(d: dt.date) -> Both:
    return Both(date_text(d, "id"), date_text(d, "en"))


@rule(RAK501)
def plan_date_outside_year(plan: Plan) -> Iterator[Finding]:
    ident = plan.identity
    signed, year = ident.date, ident.year
    if signed is None or year is None:
        return
    # From the month of the year before when drafting starts to the end of the year.
    if dt.date(year - 1, PLAN_DRAFTED_FROM_MONTH, 1) <= signed <= dt.date(year, 12, 31):
        return
    yield RAK501.at(ident.cells["signed_on"].cell, date=_date(signed), year=year, previous=year - 1)


@rule(RAK502)
def dipa_date_after_year_start(plan: Plan) -> Iterator[Finding]:
    ident = plan.identity
    dipa, year = ident.get("dipa_date"), ident.year
    if dipa is None or year is None or dipa <= dt.date(year, 1, 1):
        return
    yield RAK502.at(ident.cells["dipa_date"].cell, date=_date(dipa), year=year)


@rule(RAK503)
def identity_field_missing(plan: Plan) -> Iterator[Finding]:
    if L.SHEET_IDENTITY not in plan.present:
        return
    # An unreadable value is RAK104's; only an empty or absent field is reported here.
    empty = [key for key in L.IDENTITY_REQUIRED
             if plan.identity.cells.get(key) is None or plan.identity.cells[key].blank]
    if not empty:
        return
    cells = [plan.identity.cells[key].cell for key in empty if key in plan.identity.cells]
    labels = ", ".join(f"'{IDENTITY_LABEL[k]}'" for k in empty)  # what the hint points at on the sheet
    fields = Both(labels, ", ".join(f"'{FIELD_EN.get(k, IDENTITY_LABEL[k])}'" for k in empty))
    yield RAK503.spanning(L.SHEET_IDENTITY, cells, fields=fields, labels=labels)


@rule(RAK504)
def satker_code_invalid(plan: Plan) -> Iterator[Finding]:
    """Six digits 0-9, typed as such: the parser reads other digits as their plain form (the recap
    must meet the satker's other files), so the code as typed is checked here."""
    code = plan.identity.get("satker_code")
    if not code:
        return
    cell = plan.identity.cells["satker_code"]
    typed = cell.raw.strip() if isinstance(cell.raw, str) else code
    if typed != code or not re.fullmatch(r"[0-9]{6}", code):
        yield RAK504.at(cell.cell, value=codes.shown(typed))
