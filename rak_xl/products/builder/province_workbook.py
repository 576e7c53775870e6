"""Build workbook/Rekap_Provinsi.xlsm: the province's door to Rekap Provinsi from Excel.

Built like the RAK workbook (XlsxWriter, then the VBA project from
macros/province/*.bas plus the pinned xlwings module, rak_xl.products.builder.vba), so the
same command gives the same bytes. One sheet, Rekap Provinsi: the folder cell
and the buttons Pilih Folder and Buat Rekap, with short instructions. Buat Rekap
(rak_xl.buttons.province) writes the recap sheets next to it.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import xlsxwriter

from rak_xl.core import layout as L
from rak_xl.core.text import say

from .vba import add_vba

CREATED = dt.datetime(2022, 1, 1)  # fixed: the same sources give the same bytes
DEFAULT_FOLDER = "Kiriman"  # a folder beside this workbook, until staff choose another


def build_province_xlsx() -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    wb.set_properties({"title": say("builder.province.properties"),
                       "subject": "RAK", "company": "KPU", "author": "rak_xl", "created": CREATED,
                       "comments": say("builder.province.origin")})
    base = {"font_name": "Arial", "font_size": 10, "valign": "top"}
    title = wb.add_format({**base, "bold": True, "font_size": 13})
    subtitle = wb.add_format({**base, "italic": True})
    label = wb.add_format({**base, "bold": True, "border": 1, "bg_color": "#F2F2F2"})
    entry = wb.add_format({**base, "border": 1, "bg_color": "#FFF2CC"})
    plain = wb.add_format({**base, "text_wrap": True})
    bold = wb.add_format({**base, "bold": True})

    ws = wb.add_worksheet(L.PROVINCE_SHEET)
    ws.set_column("A:A", 3)
    ws.set_column("B:B", 24)
    ws.set_column("C:C", 90)
    ws.write("B1", say("builder.province.title"), title)
    ws.write("B2", say("builder.province.subtitle"), subtitle)
    row = int(L.PROVINCE_FOLDER_CELL[1:]) - 1
    ws.write(row, 1, say("builder.province.folder"), label)
    ws.write(row, 2, DEFAULT_FOLDER, entry)
    ws.set_row(row, 20)
    steps = [say(f"builder.province.step{i}") for i in range(1, 7)]
    first = row + 2
    for i, text in enumerate(steps):
        ws.write(first + i, 1, f"{i + 1}.", plain)
        ws.write(first + i, 2, text, plain)
        ws.set_row(first + i, 27 if len(text) > 95 else 14)
    row = first + len(steps) + 1
    ws.write(row, 1, say("builder.guide.buttons"), bold)
    ws.write(row, 2, say("builder.guide.function"), bold)
    for i, (macro, caption, description) in enumerate(L.PROVINCE_BUTTONS):
        r = row + 1 + i * 3
        ws.set_row(r, 30)
        ws.insert_button(r, 1, {"macro": macro, "caption": caption, "width": 150, "height": 34})
        ws.merge_range(r, 2, r + 2, 2, description, plain)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.activate()
    wb.close()
    return out.getvalue()


def build_province_workbook(macros: str | Path) -> bytes:
    """The complete Rekap_Provinsi.xlsm as bytes, its VBA from `macros` (macros/province) and the
    satker workbook's Python check (macros/PythonCheck.bas beside it), so both check alike."""
    macros = Path(macros)
    return add_vba(build_province_xlsx(), macros, shared=[macros.parent / "PythonCheck.bas"])
