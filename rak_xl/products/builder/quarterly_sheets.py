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

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from rak_xl.core import layout as L
from rak_xl.parse.values import parse_percent_text

from .formats import DV_ROWS, fit_row, table_header
from .plan_data import PlanData

EXPLAIN_ACHIEVEMENT = (
    "Target dan realisasi ditulis KUMULATIF (sampai dengan akhir triwulan itu); Target TW 4 = target "
    "tahunan. Arah: Naik = makin tinggi makin baik; Turun = makin rendah makin baik (misalnya 'Penurunan ...'). "
    "Kolom Indikator dan Satuan diambil otomatis dari lembar RAK menurut ID. Target TW 1-3 contoh dibagi rata "
    "menurut tanda triwulan; sesuaikan dengan rencana sebenarnya."
)
EXPLAIN_SPENDING = (
    "Realisasi ditulis PER TRIWULAN (belanja dalam triwulan itu saja, seperti RPD di lembar Anggaran), "
    "dalam Rupiah. Kolom Uraian diambil otomatis dari lembar Anggaran menurut Kode Anggaran."
)


def _lookup(key_cell: str, sheets_cols: list[tuple[str, str, str]]) -> str:
    """=IFERROR(INDEX(sheet!value, MATCH(key, sheet!key, 0)), ...) over several sheets, "" when absent."""
    formula = '""'
    for sheet, key_col, value_col in reversed(sheets_cols):
        formula = (f"IFERROR(INDEX('{sheet}'!${value_col}:${value_col},"
                   f"MATCH({key_cell},'{sheet}'!${key_col}:${key_col},0)),{formula})")
    return "=" + formula


def _col(table: L.TableLayout, key: str) -> str:
    return xl_col_to_name([c.key for c in table.columns].index(key))


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


def _protect(ws, f, input_columns: list[int], widths: dict[int, float]) -> None:
    """Lock the sheet (no password), leaving the input columns open down to the last row."""
    for c in input_columns:  # the column default for empty cells (rows staff add): unlocked
        ws.set_column(c, c, widths[c], f.unlocked_empty)
    ws.protect("", PROTECTION)


def build_achievement(wb, ws, src: PlanData, f) -> None:
    table = L.ACHIEVEMENT
    first = _intro(ws, table, f, EXPLAIN_ACHIEVEMENT, src.evaluation_note)
    col_of = {c.key: i for i, c in enumerate(table.columns)}
    widths = {"id": 8, "indicator": 60, "unit": 7, "direction": 8}
    for key, c in col_of.items():
        ws.set_column(c, c, widths.get(key, 10))
    copy = wb.add_format({"font_name": "Arial", "font_size": 10, "valign": "top", "text_wrap": True,
                          "border": 1, "bg_color": "#F2F2F2", "font_color": "#404040"})
    copy_center = wb.add_format({"font_name": "Arial", "font_size": 10, "valign": "top", "align": "center",
                                 "border": 1, "bg_color": "#F2F2F2", "font_color": "#404040"})
    plan_rows = {r["id"]: r for r in src.rak_a + src.rak_b}
    for i, row in enumerate(src.achievement):
        r = first + i
        plan = plan_rows.get(row["id"], {})
        key_cell = f"$A{r + 1}"
        ws.write_string(r, col_of["id"], row["id"], f.unlocked["id"])
        for key, plan_key, fmt in (("indicator", "indikator", copy), ("unit", "satuan", copy_center)):
            lookups = [(t.sheet, _col(t, "id"), _col(t, key)) for t in L.RAK_TABLES]
            ws.write_formula(r, col_of[key], _lookup(key_cell, lookups), fmt, plan.get(plan_key, ""))
        ws.write_string(r, col_of["direction"], row["arah"], f.unlocked["text_center"])
        fit_row(ws, r, [plan.get("indikator", "")], [widths["indicator"]])
        percent = plan.get("satuan", "") == "%"
        for q in L.QUARTERS:
            for key, src_key in ((f"target{q}", f"target_tw{q}"), (f"real{q}", f"realisasi_tw{q}")):
                text = row[src_key] or ""
                pct = parse_percent_text(text)
                if pct is not None:
                    ws.write_number(r, col_of[key], pct / 100, f.unlocked["percent"])
                elif text:
                    ws.write_number(r, col_of[key], float(text), f.unlocked["number"])
                else:
                    ws.write_blank(r, col_of[key], None, f.unlocked["percent" if percent else "number"])
    last = first + DV_ROWS
    ws.data_validation(first, col_of["direction"], last, col_of["direction"], {
        "validate": "list", "source": [L.DIRECTION_UP, L.DIRECTION_DOWN], "error_type": "warning",
        "error_title": "Arah indikator",
        "error_message": "Naik = makin tinggi makin baik; Turun = makin rendah makin baik."})
    ws.data_validation(first, col_of["target1"], last, col_of["real4"], {
        "validate": "decimal", "criteria": ">=", "value": 0, "error_type": "warning",
        "error_title": "Target / realisasi", "error_message": "Isi angka (persen untuk indikator persentase)."})
    inputs = [c for key, c in col_of.items() if not table.column(key).derived]
    _protect(ws, f, inputs, {c: widths.get(key, 10) for key, c in col_of.items()})


def build_spending(wb, ws, src: PlanData, f) -> None:
    table = L.SPENDING
    first = _intro(ws, table, f, EXPLAIN_SPENDING, src.evaluation_note)
    col_of = {c.key: i for i, c in enumerate(table.columns)}
    ws.set_column(col_of["code"], col_of["code"], 36)
    ws.set_column(col_of["description"], col_of["description"], 50)
    ws.set_column(col_of["real1"], col_of["real4"], 17)
    copy = wb.add_format({"font_name": "Arial", "font_size": 10, "valign": "top", "text_wrap": True,
                          "border": 1, "bg_color": "#F2F2F2", "font_color": "#404040"})
    budget_code, budget_text = _col(L.BUDGET_LINES, "code"), _col(L.BUDGET_LINES, "description")
    for i, row in enumerate(src.spending):
        r = first + i
        ws.write_string(r, col_of["code"], row["kode_anggaran"], f.unlocked["id"])
        ws.write_formula(r, col_of["description"],
                         _lookup(f"$A{r + 1}", [(L.SHEET_BUDGET, budget_code, budget_text)]), copy, row["uraian"])
        for q in L.QUARTERS:
            value = row[f"realisasi_tw{q}"]
            if value not in (None, ""):
                ws.write_number(r, col_of[f"real{q}"], int(value), f.unlocked["money"])
            else:
                ws.write_blank(r, col_of[f"real{q}"], None, f.unlocked["money"])
    # Totals above the header (never read as a line), cached for readers that do not recalculate.
    total_row = table.header_row - 2
    ws.write_string(total_row, col_of["description"], "Jumlah (baris yang tampil)", f.label)
    for q in L.QUARTERS:
        c = col_of[f"real{q}"]
        ref = f"{xl_rowcol_to_cell(first, c)}:{xl_rowcol_to_cell(first + DV_ROWS, c)}"
        total = sum(int(row[f"realisasi_tw{q}"] or 0) for row in src.spending)
        ws.write_formula(total_row, c, f"=SUBTOTAL(9,{ref})", f.money_bold, total)
    ws.data_validation(first, col_of["real1"], first + DV_ROWS, col_of["real4"], {
        "validate": "integer", "criteria": ">=", "value": 0, "error_type": "warning",
        "error_title": "Realisasi", "error_message": "Isi jumlah rupiah tanpa sen, misalnya 27750000."})
    widths = {col_of["code"]: 36, **{col_of[f"real{q}"]: 17 for q in L.QUARTERS}}
    _protect(ws, f, [c for key, c in col_of.items() if not table.column(key).derived], widths)
