"""The two quarterly-evaluation input sheets: Capaian and Realisasi Anggaran.

Kept apart from rak_xl.products.builder.workbook so the plan sheets and these can change
independently. The indicator, unit and description columns are formulas that
look the text up by ID / code in the plan sheets (with the value cached), so
they follow edits to the plan; staff type only targets and realisation.

Both sheets are protected without a password: the lookup columns are locked
(typing over one would silently break its link to the plan), the cells staff
fill in are not, also in the rows below the data where new lines go. The
buttons never write here (only output sheets and _Sorotan), so protection
does not get in their way; Review > Unprotect Sheet needs no password.
"""

from __future__ import annotations

from rak_xl.core import layout as L
from rak_xl.core.text import say
from rak_xl.parse.values import parse_percent_text

from .formats import DV_ROWS, column_index, column_letter, dropdown, fit_row, table_header, total_row
from .plan_data import AchievementRecord, PlanData


def _lookup(key_cell: str, sheets_cols: list[tuple[str, str, str]]) -> str:
    """=IFERROR(INDEX(sheet!value, MATCH(key, sheet!key, 0)), ...) over several sheets, "" when absent."""
    formula = '""'
    for sheet, key_col, value_col in reversed(sheets_cols):
        formula = (f"IFERROR(INDEX('{sheet}'!${value_col}:${value_col},"
                   f"MATCH({key_cell},'{sheet}'!${key_col}:${key_col},0)),{formula})")
    return "=" + formula


def _intro(ws, table: L.TableLayout, f, explain: str, note: str) -> int:
    first = table_header(ws, table, f, "")
    last_col = len(table.columns) - 1
    ws.merge_range(1, 0, 1, last_col, note, f.note)
    ws.merge_range(2, 0, 2, last_col, explain, f.plain)
    ws.set_row(1, 30)
    ws.set_row(2, 30)
    ws.set_row(table.header_row - 1, 30)
    return first


# What staff may still do on the protected sheets besides typing into unlocked cells.
PROTECTION = {"format_columns": True, "format_rows": True, "insert_rows": True, "autofilter": True, "sort": True}


def _protect(ws, f, table: L.TableLayout, widths: dict[str, float]) -> None:
    """Lock the sheet (no password), leaving the input columns open down to the last row."""
    for key, c in column_index(table).items():  # the column default for empty cells (rows staff add): unlocked
        if not table.column(key).derived:
            ws.set_column(c, c, widths[key], f.unlocked_empty)
    ws.protect("", PROTECTION)


def _copy_format(wb, **extra):
    """The grey of a column the sheet looks up from the plan (a formula staff do not type over)."""
    return wb.add_format({"font_name": "Arial", "font_size": 10, "valign": "top", **extra,
                          "border": 1, "bg_color": "#F2F2F2", "font_color": "#404040"})


ACHIEVEMENT_WIDTHS = {"id": 8, "indicator": 60, "unit": 7, "direction": 8}


def _achievement_value(ws, r: int, c: int, value: object, percent: bool, f) -> None:
    """A cumulative target or realisation as written: "25%" a percent cell, "3" a number, nothing blank."""
    text = value or ""
    pct = parse_percent_text(text)
    if pct is not None:
        ws.write_number(r, c, pct / 100, f.unlocked["percent"])
    elif text:
        ws.write_number(r, c, float(text), f.unlocked["number"])
    else:
        ws.write_blank(r, c, None, f.unlocked["percent" if percent else "number"])


def _achievement_row(ws, r: int, row: AchievementRecord, plan: dict, formats: tuple, f) -> None:
    col_of = column_index(L.ACHIEVEMENT)
    ws.write_string(r, col_of["id"], row["id"], f.unlocked["id"])
    for key, fmt in zip(("indicator", "unit"), formats):
        lookups = [(t.sheet, column_letter(t, "id"), column_letter(t, key)) for t in L.RAK_TABLES]
        ws.write_formula(r, col_of[key], _lookup(f"$A{r + 1}", lookups), fmt, plan.get(key, ""))
    ws.write_string(r, col_of["direction"], row["direction"], f.unlocked["text_center"])
    fit_row(ws, r, [plan.get("indicator", "")], [ACHIEVEMENT_WIDTHS["indicator"]])
    percent = plan.get("unit", "") == "%"
    for q, target, real in zip(L.QUARTERS, row["targets_to_date"], row["realised_to_date"]):
        _achievement_value(ws, r, col_of[f"target{q}"], target, percent, f)
        _achievement_value(ws, r, col_of[f"real{q}"], real, percent, f)


def build_achievement(wb, ws, src: PlanData, f) -> None:
    table = L.ACHIEVEMENT
    first = _intro(ws, table, f, say("builder.achievement.explain"), src.evaluation_note)
    col_of = column_index(table)
    widths = {key: ACHIEVEMENT_WIDTHS.get(key, 10) for key in col_of}
    for key, c in col_of.items():
        ws.set_column(c, c, widths[key])
    formats = (_copy_format(wb, text_wrap=True), _copy_format(wb, align="center"))
    plan_rows = {r["id"]: r for r in src.rak_a + src.rak_b}
    for i, row in enumerate(src.achievement):
        _achievement_row(ws, first + i, row, plan_rows.get(row["id"], {}), formats, f)
    rows_dv = (first, first + DV_ROWS)
    directions = [L.DIRECTION_UP, L.DIRECTION_DOWN]
    dropdown(ws, rows_dv, (col_of["direction"],) * 2, {"validate": "list", "source": directions},
             "builder.dv.direction")
    dropdown(ws, rows_dv, (col_of["target1"], col_of["real4"]), {"validate": "decimal", "criteria": ">=", "value": 0},
             "builder.dv.achievement")
    _protect(ws, f, table, widths)


def build_spending(wb, ws, src: PlanData, f) -> None:
    table = L.SPENDING
    first = _intro(ws, table, f, say("builder.spending.explain"), src.evaluation_note)
    col_of = column_index(table)
    widths = {"code": 36, "description": 50, **{f"real{q}": 17 for q in L.QUARTERS}}
    ws.set_column(col_of["code"], col_of["code"], widths["code"])
    ws.set_column(col_of["description"], col_of["description"], widths["description"])
    ws.set_column(col_of["real1"], col_of["real4"], 17)
    copy = _copy_format(wb, text_wrap=True)
    budget_code, budget_text = column_letter(L.BUDGET_LINES, "code"), column_letter(L.BUDGET_LINES, "description")
    for i, row in enumerate(src.spending):
        r = first + i
        ws.write_string(r, col_of["code"], row["code"], f.unlocked["id"])
        ws.write_formula(r, col_of["description"],
                         _lookup(f"$A{r + 1}", [(L.SHEET_BUDGET, budget_code, budget_text)]), copy, row["description"])
        for q, spent in zip(L.QUARTERS, row["spent_by_quarter"]):
            if spent is None:
                ws.write_blank(r, col_of[f"real{q}"], None, f.unlocked["money"])
            else:
                ws.write_number(r, col_of[f"real{q}"], spent, f.unlocked["money"])
    total_row(ws, table, first, {col_of[f"real{q}"]: [row["spent_by_quarter"][q - 1] for row in src.spending]
                                 for q in L.QUARTERS}, f)
    dropdown(ws, (first, first + DV_ROWS), (col_of["real1"], col_of["real4"]),
             {"validate": "integer", "criteria": ">=", "value": 0}, "builder.dv.spending")
    _protect(ws, f, table, widths)
