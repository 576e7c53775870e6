"""A new RAK workbook: next year's plan carried forward, or a blank plan for any satker.

`rak-xl baru` and the button "Buat RAK Tahun Berikutnya" call these. The workbook is
made by the same build as workbook/RAK_2022.xlsm (rak_xl.products.builder) from a PlanData,
never by copying and patching a file, so it has the same sheets, buttons, VBA,
dropdowns, highlights, protection and print setup. Everything is checked and built
in memory before a file is written; nothing here touches a file (adapters/ write).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

from rak_xl.core import clock
from rak_xl.core import layout as L
from rak_xl.core import refusals as R
from rak_xl.parse.tables import Grid

FIRST_YEAR, LAST_YEAR = 2000, 2100  # a RAK year outside these is a typing slip
_SATKER = re.compile(r"^(?:KPU|Komisi Pemilihan Umum)\s+[A-Za-z][A-Za-z .,'()\-]*[A-Za-z.)]$", re.IGNORECASE)
_CODE = re.compile(r"^\d{6}$")


def default_name(year: int) -> str:
    return f"RAK_{year}.xlsm"


def check_year(year: int, after: int | None = None) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise R.NEW_YEAR_IMPLAUSIBLE(year=year)
    if after is not None and year <= after:
        raise R.NEW_YEAR_NOT_AFTER(year=year, after=after, next=after + 1)
    return year


def check_satker(name: str) -> str:
    """The satker's name, spaces tidied; refused when it does not look like a KPU satker's name."""
    tidy = " ".join(str(name).split())
    if not (8 <= len(tidy) <= 80 and _SATKER.match(tidy)):
        raise R.SATKER_NAME_IMPLAUSIBLE(name=tidy[:80])
    return tidy


def check_code(code: str) -> str:
    tidy = str(code).strip()
    if not _CODE.match(tidy):
        raise R.SATKER_CODE_IMPLAUSIBLE(code=tidy[:20])
    return tidy


def check_output(target: Path, force: bool, source: Path | None = None) -> None:
    """Before any work: an .xlsm name, never the source itself, an existing file only with --force."""
    if target.suffix.lower() != ".xlsm":
        raise R.NEW_WORKBOOK_NOT_XLSM(name=target)
    if source is not None and target.resolve() == source.resolve():
        raise R.NEW_WORKBOOK_IS_SOURCE(name=target)
    if target.is_dir():
        raise R.NEW_WORKBOOK_IS_FOLDER(path=target)
    if target.exists() and not force:
        raise R.NEW_WORKBOOK_EXISTS(name=target)


def source_plan(grids: Mapping[str, Grid], source_name: str):
    """The parsed plan of a RAK workbook; refused when the file is not one or has no readable year."""
    from rak_xl.parse.plan import parse_plan

    plan, _findings = parse_plan(grids)
    tables = {t.sheet for t in L.RAK_TABLES} & plan.present
    if L.SHEET_IDENTITY not in plan.present or not tables:
        raise R.SOURCE_NOT_A_PLAN(name=source_name)
    if plan.identity.year is None:
        cell = plan.identity.cells.get("year")
        raise R.SOURCE_YEAR_MISSING(name=source_name, sheet=L.SHEET_IDENTITY, cell=cell.cell.a1 if cell else None)
    return plan


def carried(grids: Mapping[str, Grid], source_name: str, year: int | None = None):
    """PlanData for `year` (default: the year after the source's) from a RAK workbook's grids."""
    from .builder.plan_data import carry_forward

    plan = source_plan(grids, source_name)
    source_year = plan.identity.year
    year = check_year(source_year + 1 if year is None else year, after=source_year)
    return carry_forward(plan, year)


def blank(satker: str, code: str, year: int):
    from .builder.plan_data import blank_plan

    return blank_plan(check_satker(satker), check_code(code), check_year(year))


def workbook_bytes(data, created: dt.datetime | None = None) -> bytes:
    """The complete .xlsm for `data`, made by the build (the same code as workbook/RAK_2022.xlsm)."""
    from .builder.vba import default_macros
    from .builder.workbook import build_plan_workbook

    return build_plan_workbook(data, default_macros(), created or clock.now())
