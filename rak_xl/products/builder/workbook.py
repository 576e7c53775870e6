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
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from rak_xl.core import layout as L
from rak_xl.parse.values import parse_percent_text

from . import lite
from .formats import DV_ROWS, Formats, fit_row, table_header
from .plan_data import PlanData
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
    x14 <extLst>, which openpyxl drops, so one Excel save followed by `rak-xl run` lost every
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


def _guide(wb, ws, src: PlanData, f: Formats) -> None:
    ident = src.identity
    ws.set_column("A:A", 3)
    ws.set_column("B:C", 22)  # B: the form buttons (RunPython), C: the same buttons for xlwings Lite
    ws.set_column("D:D", 80)
    ws.write("B1", f"RENCANA AKSI KINERJA (RAK) {str(ident['Satuan Kerja']).upper()} TAHUN {ident['Tahun Anggaran']}",
             f.title)
    ws.write("B2", "Petunjuk penggunaan workbook dan tombol", f.subtitle)
    lines = [
        "Isi dan ubah rencana di lembar Identitas, Program, Bagian, RAK_KPU, RAK_Sekretariat dan Anggaran.",
        "Setiap triwulan: isi target dan realisasi kinerja di lembar Capaian, realisasi belanja di lembar "
        "Realisasi Anggaran, pilih Triwulan Pelaporan di lembar Identitas, lalu tekan Evaluasi.",
        "Satu baris = satu indikator. Kolom ID jangan diubah: lembar Anggaran merujuk ke ID ini.",
        "Kolom TW 1 - TW 4: isi √ pada triwulan kegiatan dilaksanakan (pilih dari daftar).",
        "Kolom Penanggung Jawab dan Bagian: pilih salah satu bagian dari lembar Bagian.",
        "Tekan tombol di bawah ini. Hasil ditulis ke lembar tersendiri yang dibuat ulang setiap kali tombol "
        "ditekan; isi lembar input tidak pernah diubah oleh tombol.",
        "Kolom Tombol memerlukan Python dan paket rak_xl di komputer ini. Tanpa Python, pakai kolom xlwings Lite: "
        "pasang add-in xlwings Lite (Beranda > Add-in), buka panelnya, lalu tekan tombol biru (lihat README, "
        "bagian Panduan untuk Staf).",
    ]
    for i, text in enumerate(lines):
        ws.write(3 + i, 1, f"{i + 1}.", f.plain)
        ws.merge_range(3 + i, 2, 3 + i, 3, text, f.plain)
        fit_row(ws, 3 + i, [text], [102])
    row = 3 + len(lines) + 1
    ws.write(row, 1, "Tombol", f.bold)
    ws.write(row, 2, "xlwings Lite", f.bold)
    ws.write(row, 3, "Fungsi", f.bold)
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
    ws.write(0, 0, "IDENTITAS RENCANA AKSI KINERJA", f.title)
    ws.write(1, 0, "Data identitas satuan kerja, DIPA dan penetapan dokumen RAK.", f.subtitle)
    for i, (_key, label, kind) in enumerate(L.IDENTITY_FIELDS):
        r = 3 + i
        ws.write(r, 0, label, f.label)
        value = src.identity.get(label)
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
        if _key == "reporting_quarter":  # the quarter the Evaluasi button reports on
            ws.data_validation(r, 1, r, 1, {
                "validate": "list", "source": [f"TW {q}" for q in L.QUARTERS], "error_type": "warning",
                "error_title": "Triwulan pelaporan", "error_message": "Pilih TW 1, TW 2, TW 3 atau TW 4."})
    ws.set_paper(9)
    ws.set_landscape()


def _programs(ws, src: PlanData, f: Formats) -> None:
    first = table_header(ws, L.PROGRAMS, f, "Pagu per program sebagaimana tercantum dalam dokumen RAK.")
    ws.set_column("A:A", 14)
    ws.set_column("B:B", 70)
    ws.set_column("C:C", 22)
    for i, p in enumerate(src.programs):
        ws.write_string(first + i, 0, p["kode_program"], f.id)
        ws.write_string(first + i, 1, p["nama_program"], f.text)
        _money(ws, first + i, 2, p["pagu"], f)


def _divisions(wb, ws, src: PlanData, f: Formats) -> None:
    first = table_header(ws, L.DIVISIONS, f, "Daftar baku bagian; dipakai sebagai pilihan kolom Penanggung Jawab.")
    ws.set_column("A:A", 14)
    ws.set_column("B:B", 80)
    for i, d in enumerate(src.divisions):
        ws.write_string(first + i, 0, d["kode"], f.id)
        ws.write_string(first + i, 1, d["nama_bagian"], f.text)
    wb.define_name("DaftarBagian", f"='{L.SHEET_DIVISIONS}'!$B${first + 1}:$B${first + 30}")


def _rak(ws, table: L.TableLayout, rows: list[dict], group_key: str, src: PlanData, f: Formats) -> None:
    subtitle = f"{src.identity['Satuan Kerja']} - Tahun {src.identity['Tahun Anggaran']}. Satu baris per indikator."
    first = table_header(ws, table, f, subtitle, src.satker)
    widths = {"id": 8, "group": 26, "indicator": 52, "target": 8, "unit": 7, "activity": 42,
              "tw1": 5, "tw2": 5, "tw3": 5, "tw4": 5, "unit_in_charge": 26}
    for c, col in enumerate(table.columns):
        ws.set_column(c, c, widths[col.key])
    ws.set_row(table.header_row - 1, 30)
    col_of = {col.key: c for c, col in enumerate(table.columns)}
    for i, row in enumerate(rows):
        r = first + i
        ws.write_string(r, col_of["id"], row["id"], f.id)
        ws.write_string(r, col_of["group"], row[group_key], f.text)
        ws.write_string(r, col_of["indicator"], row["indikator"], f.text)
        _target(ws, r, col_of["target"], row["target"], row["satuan"], f)
        ws.write_string(r, col_of["unit"], row["satuan"], f.text_center)
        ws.write_string(r, col_of["activity"], row["uraian_kegiatan"], f.text)
        for q in L.QUARTERS:
            ws.write_string(r, col_of[f"tw{q}"], row[f"tw{q}"], f.text_center)
        ws.write_string(r, col_of["unit_in_charge"], row["penanggung_jawab"], f.text)
        fit_row(ws, r, [row[group_key], row["indikator"], row["uraian_kegiatan"], row["penanggung_jawab"]],
                [widths["group"], widths["indicator"], widths["activity"], widths["unit_in_charge"]])
    last = first + DV_ROWS
    ws.data_validation(first, col_of["tw1"], last, col_of["tw4"], {
        "validate": "list", "source": [L.QUARTER_MARK], "error_type": "warning",
        "error_title": "Tanda triwulan", "error_message": "Isi dengan √ atau kosongkan."})
    ws.data_validation(first, col_of["unit_in_charge"], last, col_of["unit_in_charge"], {
        "validate": "list", "source": "=DaftarBagian", "error_type": "warning",
        "error_title": "Penanggung jawab", "error_message": "Pilih salah satu bagian dari lembar Bagian."})
    ws.data_validation(first, col_of["unit"], last, col_of["unit"], {
        "validate": "list", "source": ["%", "dokumen", "laporan", "kegiatan", "nilai", "orang"],
        "error_type": "information", "error_title": "Satuan", "error_message": "Satuan target, misalnya % atau dokumen."})


def _budget(ws, src: PlanData, f: Formats) -> None:
    first = table_header(ws, L.BUDGET_LINES, f, "")
    ws.merge_range(1, 0, 1, len(L.BUDGET_LINES.columns) - 1, src.budget_note, f.note)
    ws.set_row(1, 42)
    widths = {"code": 36, "program": 11, "description": 44, "division": 34, "rak_id": 8, "amount": 17}
    for c, col in enumerate(L.BUDGET_LINES.columns):
        ws.set_column(c, c, widths.get(col.key, 15))
    ws.set_row(L.BUDGET_LINES.header_row - 1, 30)
    col_of = {col.key: c for c, col in enumerate(L.BUDGET_LINES.columns)}
    for i, line in enumerate(src.budget):
        r = first + i
        ws.write_string(r, col_of["code"], line["kode_anggaran"], f.id)
        ws.write_string(r, col_of["program"], line["program"], f.id)
        ws.write_string(r, col_of["description"], line["uraian"], f.text)
        ws.write_string(r, col_of["division"], line["bagian"], f.text)
        ws.write_string(r, col_of["rak_id"], line["id_rak"], f.id)
        _money(ws, r, col_of["amount"], line["pagu"], f)
        for q in L.QUARTERS:
            _money(ws, r, col_of[f"rpd{q}"], line[f"rpd_tw{q}"], f)
        fit_row(ws, r, [line["uraian"], line["bagian"]], [widths["description"], widths["division"]])
    # Totals above the header, so they are never read as a budget line; cached values keep
    # them right for readers that do not recalculate.
    total_row = L.BUDGET_LINES.header_row - 2
    ws.write_string(total_row, col_of["description"], "Jumlah (baris yang tampil)", f.label)
    for key, src_key in (("amount", "pagu"), *((f"rpd{q}", f"rpd_tw{q}") for q in L.QUARTERS)):
        c = col_of[key]
        ref = f"{xl_rowcol_to_cell(first, c)}:{xl_rowcol_to_cell(first + DV_ROWS, c)}"
        ws.write_formula(total_row, c, f"=SUBTOTAL(9,{ref})", f.money_bold,
                         sum(line[src_key] or 0 for line in src.budget))
    last = first + DV_ROWS
    ws.data_validation(first, col_of["division"], last, col_of["division"], {
        "validate": "list", "source": "=DaftarBagian", "error_type": "warning",
        "error_title": "Bagian", "error_message": "Pilih salah satu bagian dari lembar Bagian."})
    ws.data_validation(first, col_of["program"], last, col_of["program"], {
        "validate": "list", "source": [p["kode_program"] for p in src.programs], "error_type": "warning",
        "error_title": "Program", "error_message": "Pilih kode program dari lembar Program."})
    ws.set_column(col_of["amount"], col_of["rpd4"], 17, None)


def build_xlsx_bytes(src: PlanData, created: dt.datetime) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    wb.set_properties({
        "title": f"Rencana Aksi Kinerja {src.identity['Satuan Kerja']} {src.identity['Tahun Anggaran']}",
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
    _rak(sheets[L.SHEET_RAK_A], L.RAK_A, src.rak_a, "kegiatan", src, f)
    _rak(sheets[L.SHEET_RAK_B], L.RAK_B, src.rak_b, "sasaran_program", src, f)
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
    data = load_sources(sources)
    return build_plan_workbook(data, macros, dt.datetime.combine(data.plan_date, dt.time()), lite_package)
