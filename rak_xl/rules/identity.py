"""RAK5xx tanggal dan identitas: who made the plan, for which year, when."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from rak_xl.core import layout as L
from rak_xl.core.findings import Finding, spanning
from rak_xl.core.model import Plan

from . import rule
from .helpers import date_en, date_id

_LABEL = {key: label for key, label, _ in L.IDENTITY_FIELDS}
_LABEL_EN = {"satker": "Satker", "satker_code": "Satker code", "year": "Budget year", "dipa_number": "DIPA number",
             "dipa_date": "DIPA date", "budget_initial": "Initial pagu"}


@rule("RAK501")
def plan_date_outside_year(plan: Plan) -> Iterator[Finding]:
    ident = plan.identity
    signed, year = ident.date, ident.year
    if signed is None or year is None:
        return
    # From July of the year before (drafting after the DIPA ceiling is known) to the end of the year.
    if dt.date(year - 1, 7, 1) <= signed <= dt.date(year, 12, 31):
        return
    yield Finding("RAK501", L.SHEET_IDENTITY, ident.cells["signed_on"].cell,
                  {"date": date_id(signed), "date_en": date_en(signed), "year": year, "previous": year - 1})


@rule("RAK502")
def dipa_date_after_year_start(plan: Plan) -> Iterator[Finding]:
    ident = plan.identity
    dipa, year = ident.get("dipa_date"), ident.year
    if dipa is None or year is None or dipa <= dt.date(year, 1, 1):
        return
    yield Finding("RAK502", L.SHEET_IDENTITY, ident.cells["dipa_date"].cell,
                  {"date": date_id(dipa), "date_en": date_en(dipa), "year": year})


@rule("RAK503")
def identity_field_missing(plan: Plan) -> Iterator[Finding]:
    if L.SHEET_IDENTITY not in plan.present:
        return
    # An unreadable value is RAK104's; only an empty or absent field is reported here.
    empty = [key for key in L.IDENTITY_REQUIRED
             if plan.identity.cells.get(key) is None or plan.identity.cells[key].blank]
    if not empty:
        return
    cells = [plan.identity.cells[key].cell for key in empty if key in plan.identity.cells]
    yield spanning("RAK503", L.SHEET_IDENTITY, cells,
                   {"fields": ", ".join(f"'{_LABEL[k]}'" for k in empty),
                    "fields_en": ", ".join(f"'{_LABEL_EN.get(k, _LABEL[k])}'" for k in empty)})


@rule("RAK504")
def satker_code_invalid(plan: Plan) -> Iterator[Finding]:
    code = plan.identity.get("satker_code")
    if code and not re.fullmatch(r"\d{6}", str(code).strip()):
        yield Finding("RAK504", L.SHEET_IDENTITY, plan.identity.cells["satker_code"].cell, {"value": code})
