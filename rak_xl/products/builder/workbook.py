"""Write the workbook with XlsxWriter, then give it its VBA project (rak_xl.products.builder.vba).

Everything the staff see is laid out here: Indonesian sheet names and
headers from rak_xl.core.layout, frozen headers, dropdowns for quarter marks and
divisions, Rupiah formats, A4 landscape print setup with repeated header
rows, and the conditional formats that show Validasi's highlights.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from rak_xl.core import layout as L
from rak_xl.core.refusals import BUILD_OUTSIDE_CHECKOUT
from rak_xl.core.text import say, tw
from rak_xl.parse.values import parse_percent_text

from . import lite
from .formats import DV_ROWS, Formats, column_index, dropdown, fit_row, table_header, total_row
from .plan_data import BudgetRecord, PlanData, RakRecord
from .quarterly_sheets import build_achievement, build_spending
from .sources import load_sources
from .vba import add_vba


def _money(ws, r: int, c: int, amount: int | None, f: Formats) -> None:
    """Whole Rupiah, or an empty cell in the Rupiah format (a new year's plan has no amounts yet)."""
    if amount is None:
        ws.write_blank(r, c, None, f.money)
    else:
        ws.write_number(r, c, amount, f.money)


def _target(ws, r: int, c: int, target: object, unit: str, f: Formats) -> None:
    """A target as Excel holds it: percent as a fraction in a percent cell, other text as text."""
    if target is None or target == "":
        ws.write_blank(r, c, None, f.percent)
    elif isinstance(target, (int, float)):
        ws.write_number(r, c, target, f.percent if unit.strip() == "%" else f.number)
    elif (pct := parse_percent_text(target)) is not None:
        ws.write_number(r, c, pct / 100, f.percent)
    else:
        ws.write_string(r, c, str(target), f.text_center)


def highlight_name(sheet: str) -> str:
    """The workbook-level name over `sheet`'s block of the highlight sheet (e.g. Sorotan_RAK_KPU)."""
    return "Sorotan_" + sheet.replace(" ", "_")


def _highlights(wb, ws, sheet: str, f: Formats) -> None:
    """Colour a cell from its twin in the hidden highlight sheet (see rak_xl.outputs.highlights).

    The rule reads the twin through a workbook-level name, INDEX(Sorotan_<sheet>, ROW(), COLUMN()),
    not as '_Sorotan'!A1: Excel 2010+ saves a rule that names another sheet in the worksheet's
    x14 <extLst>, which openpyxl drops, so after one Excel save `rak-xl run` would lose every
    highlight. Rules over defined names stay in the classic <conditionalFormatting> element.
    It is safe: the name covers exactly the rule's area (HIGHLIGHT_ROWS x HIGHLIGHT_BLOCK_WIDTH),
    so ROW()/COLUMN() of every cell the rule applies to is inside it; ROW() is the cell's current
    row, the row Validasi writes its level at after reading the sheet; an empty twin is 0, and
    an error (a name deleted by hand) just leaves the cell uncoloured.
    """
    first = L.highlight_offset(sheet)
    block = (f"'{L.SHEET_HIGHLIGHTS}'!${xl_col_to_name(first)}$1:"
             f"${xl_col_to_name(first + L.HIGHLIGHT_BLOCK_WIDTH - 1)}${L.HIGHLIGHT_ROWS}")
    name = highlight_name(sheet)
    wb.define_name(name, "=" + block)
    area = f"A1:{xl_col_to_name(L.HIGHLIGHT_BLOCK_WIDTH - 1)}{L.HIGHLIGHT_ROWS}"
    for level in (3, 2, 1):
        ws.conditional_format(area, {"type": "formula", "criteria": f"=INDEX({name},ROW(),COLUMN())={level}",
                                     "format": f.hl[level]})


GUIDE_STEPS = tuple(f"builder.guide.step{i}" for i in range(1, 8))


def _guide(wb, ws, src: PlanData, f: Formats) -> None:
    ws.set_column("A:A", 3)
    ws.set_column("B:C", 22)  # B: the form buttons (RunPython), C: the same buttons for xlwings Lite
    ws.set_column("D:D", 80)
    ws.write("B1", say("builder.guide.title", satker=str(src.identity["satker"]).upper(), year=src.identity["year"]),
             f.title)
    ws.write("B2", say("builder.guide.subtitle"), f.subtitle)
    lines = [say(key, mark=L.QUARTER_MARK) for key in GUIDE_STEPS]
    for i, text in enumerate(lines):
        ws.write(3 + i, 1, f"{i + 1}.", f.plain)
        ws.merge_range(3 + i, 2, 3 + i, 3, text, f.plain)
        fit_row(ws, 3 + i, [text], [102])
    row = 3 + len(lines) + 1
    ws.write(row, 1, say("builder.guide.buttons"), f.bold)
    ws.write(row, 2, say("builder.guide.lite"), f.bold)
    ws.write(row, 3, say("builder.guide.function"), f.bold)
    for i, (macro, caption, description) in enumerate(L.BUTTONS):
        r = row + 1 + i * 3
        ws.set_row(r, 30)
        ws.insert_button(r, 1, {"macro": macro, "caption": caption, "width": 150, "height": 34})
        lite.insert_shape(ws, r, caption)
        ws.merge_range(r, 3, r + 2, 3, description, f.plain)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.activate()


def _identity(ws, src: PlanData, f: Formats) -> None:
    ws.set_column("A:A", 26)
    ws.set_column("B:B", 48)
    ws.write(0, 0, say("builder.identity.title"), f.title)
    ws.write(1, 0, say("builder.identity.subtitle"), f.subtitle)
    for i, (key, label, kind) in enumerate(L.IDENTITY_FIELDS):
        r = 3 + i
        ws.write(r, 0, label, f.label)
        value = src.identity.get(key)
        if value is None or value == "":  # still to fill: the cell has its kind's format already
            ws.write_blank(r, 1, None, {"date": f.date, "money": f.money, "year": f.text_center}.get(kind, f.text))
        elif kind == "date":
            ws.write_datetime(r, 1, dt.datetime.combine(value, dt.time()), f.date)
        elif kind == "money":
            ws.write_number(r, 1, value, f.money)
        elif kind == "year":
            ws.write_number(r, 1, value, f.text_center)
        else:
            ws.write_string(r, 1, str(value), f.text)
        if key == "reporting_quarter":  # the quarter the Evaluasi button reports on
            quarters = [tw(q) for q in L.QUARTERS]
            dropdown(ws, (r, r), (1, 1), {"validate": "list", "source": quarters}, "builder.dv.quarter",
                     quarters=", ".join(quarters[:-1]), last=quarters[-1])
    ws.set_paper(9)
    ws.set_landscape()


def _programs(ws, src: PlanData, f: Formats) -> None:
    first = table_header(ws, L.PROGRAMS, f, say("builder.programs.subtitle"))
    ws.set_column("A:A", 14)
    ws.set_column("B:B", 70)
    ws.set_column("C:C", 22)
    for i, p in enumerate(src.programs):
        ws.write_string(first + i, 0, p["code"], f.id)
        ws.write_string(first + i, 1, p["name"], f.text)
        _money(ws, first + i, 2, p["amount"], f)


def _divisions(wb, ws, src: PlanData, f: Formats) -> None:
    first = table_header(ws, L.DIVISIONS, f, say("builder.divisions.subtitle"))
    ws.set_column("A:A", 14)
    ws.set_column("B:B", 80)
    for i, d in enumerate(src.divisions):
        ws.write_string(first + i, 0, d["code"], f.id)
        ws.write_string(first + i, 1, d["name"], f.text)
    wb.define_name("DaftarBagian", f"='{L.SHEET_DIVISIONS}'!$B${first + 1}:$B${first + 30}")


RAK_WIDTHS = {"id": 8, "group": 26, "indicator": 52, "target": 8, "unit": 7, "activity": 42,
              **{key: 5 for key in L.MARK_KEYS}, "unit_in_charge": 26}
RAK_WRAPPED = ("group", "indicator", "activity", "unit_in_charge")  # the columns whose text wraps
UNITS = ("%", "dokumen", "laporan", "kegiatan", "nilai", "orang")  # the Satuan dropdown's suggestions


def _rak_row(ws, r: int, row: RakRecord, col_of: dict[str, int], f: Formats) -> None:
    centred = {"unit", *L.MARK_KEYS}
    for key, c in col_of.items():
        if key == "target":
            _target(ws, r, c, row["target"], row["unit"], f)
        else:
            ws.write_string(r, c, row[key], f.id if key == "id" else f.text_center if key in centred else f.text)
    fit_row(ws, r, [row[key] for key in RAK_WRAPPED], [RAK_WIDTHS[key] for key in RAK_WRAPPED])


def _rak(ws, table: L.TableLayout, rows: list[RakRecord], src: PlanData, f: Formats) -> None:
    subtitle = say("builder.rak.subtitle", satker=src.identity["satker"], year=src.identity["year"])
    first = table_header(ws, table, f, subtitle, src.satker)
    col_of = column_index(table)
    for key, c in col_of.items():
        ws.set_column(c, c, RAK_WIDTHS[key])
    ws.set_row(table.header_row - 1, 30)
    for i, row in enumerate(rows):
        _rak_row(ws, first + i, row, col_of, f)
    rows_dv = (first, first + DV_ROWS)
    dropdown(ws, rows_dv, (col_of["tw1"], col_of["tw4"]), {"validate": "list", "source": [L.QUARTER_MARK]},
             "builder.dv.mark", mark=L.QUARTER_MARK)
    dropdown(ws, rows_dv, (col_of["unit_in_charge"],) * 2, {"validate": "list", "source": "=DaftarBagian"},
             "builder.dv.unit_in_charge", pick="builder.dv.division_pick")
    dropdown(ws, rows_dv, (col_of["unit"],) * 2, {"validate": "list", "source": list(UNITS)},
             "builder.dv.unit", error_type="information")


BUDGET_WIDTHS = {"code": 36, "program": 11, "description": 44, "division": 34, "rak_id": 8, "amount": 17}


def _budget_line(ws, r: int, line: BudgetRecord, col_of: dict[str, int], f: Formats) -> None:
    for key in ("code", "program", "rak_id"):
        ws.write_string(r, col_of[key], line[key], f.id)
    for key in ("description", "division"):
        ws.write_string(r, col_of[key], line[key], f.text)
    _money(ws, r, col_of["amount"], line["amount"], f)
    for q, amount in zip(L.QUARTERS, line["rpd_by_quarter"]):
        _money(ws, r, col_of[f"rpd{q}"], amount, f)
    fit_row(ws, r, [line["description"], line["division"]],
            [BUDGET_WIDTHS["description"], BUDGET_WIDTHS["division"]])


def _budget(ws, src: PlanData, f: Formats) -> None:
    table = L.BUDGET_LINES
    first = table_header(ws, table, f, "")
    ws.merge_range(1, 0, 1, len(table.columns) - 1, src.budget_note, f.note)
    ws.set_row(1, 42)
    col_of = column_index(table)
    for key, c in col_of.items():
        ws.set_column(c, c, BUDGET_WIDTHS.get(key, 15))
    ws.set_row(table.header_row - 1, 30)
    for i, line in enumerate(src.budget_lines):
        _budget_line(ws, first + i, line, col_of, f)
    lines = src.budget_lines
    totals = {"amount": [line["amount"] for line in lines],
              **{f"rpd{q}": [line["rpd_by_quarter"][q - 1] for line in lines] for q in L.QUARTERS}}
    total_row(ws, table, first, {col_of[key]: amounts for key, amounts in totals.items()}, f)
    rows_dv = (first, first + DV_ROWS)
    dropdown(ws, rows_dv, (col_of["division"],) * 2, {"validate": "list", "source": "=DaftarBagian"},
             "builder.dv.division")
    programs = [p["code"] for p in src.programs]
    dropdown(ws, rows_dv, (col_of["program"],) * 2, {"validate": "list", "source": programs}, "builder.dv.program")
    ws.set_column(col_of["amount"], col_of["rpd4"], 17, None)


def build_xlsx_bytes(src: PlanData, created: dt.datetime) -> bytes:
    out = io.BytesIO()
    # A plan carried forward holds staff's text (a satker name starting with '=', a web address): written
    # as text, never as a formula or a link; the builder's own formulas go through write_formula.
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({
        "title": say("builder.properties.title", satker=src.identity["satker"], year=src.identity["year"]),
        "subject": "RAK", "company": "KPU", "author": "rak_xl", "created": created,
        "comments": src.origin,
    })
    f = Formats(wb)
    guide = wb.add_worksheet(L.SHEET_GUIDE)
    sheets = {name: wb.add_worksheet(name) for name in L.INPUT_SHEETS}
    mask = wb.add_worksheet(L.SHEET_HIGHLIGHTS)
    mask.very_hidden()  # not listed under Unhide: staff cannot show (and type into) the highlight sheet
    _guide(wb, guide, src, f)
    _identity(sheets[L.SHEET_IDENTITY], src, f)
    _programs(sheets[L.SHEET_PROGRAMS], src, f)
    _divisions(wb, sheets[L.SHEET_DIVISIONS], src, f)
    _rak(sheets[L.SHEET_RAK_A], L.RAK_A, src.rak_a, src, f)
    _rak(sheets[L.SHEET_RAK_B], L.RAK_B, src.rak_b, src, f)
    _budget(sheets[L.SHEET_BUDGET], src, f)
    build_achievement(wb, sheets[L.SHEET_ACHIEVEMENT], src, f)
    build_spending(wb, sheets[L.SHEET_SPENDING], src, f)
    for name, ws in sheets.items():
        _highlights(wb, ws, name, f)
    wb.close()
    return out.getvalue()


def build_plan_workbook(data: PlanData, macros: str | Path, created: dt.datetime,
                        lite_package: str | None = None) -> bytes:
    """The complete .xlsm for `data` as bytes: sheets, buttons, dropdowns, highlights, VBA, and the
    xlwings Lite door (`lite_package`: how Lite installs rak_xl, a requirements.txt line such as a
    wheel URL; by default rak_xl of this version from PyPI, see rak_xl.products.builder.lite)."""
    return lite.embed(add_vba(build_xlsx_bytes(data, created), Path(macros)), Path(macros), lite_package)


def build_workbook(sources: str | Path, macros: str | Path, lite_package: str | None = None) -> bytes:
    """The shipped workbook from workbook/sources/; the same sources give the same bytes."""
    for folder in (sources, macros):  # outside a checkout: say so, rather than a file the disk cannot give
        if not Path(folder).is_dir():
            raise BUILD_OUTSIDE_CHECKOUT(path=Path(folder))
    data = load_sources(sources)
    return build_plan_workbook(data, macros, dt.datetime.combine(data.plan_date, dt.time()), lite_package)
