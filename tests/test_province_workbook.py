"""workbook/Rekap_Provinsi.xlsm: built from sources, its Buat Rekap button pressed through the
remote engine, its buttons bound in LibreOffice."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string
from python_calamine import CalamineWorkbook

import rak_xl.buttons as buttons
from conftest import ROOT, WORKBOOK, edit_workbook, vba_modules
from rak_xl.core import layout as L
from rak_xl.core.model import col_letter
from rak_xl.products import province as P
from rak_xl.products.builder.province_workbook import build_province_workbook
from rak_xl.products.builder.vba import our_modules
from synthetic import Template, generate
from remote import press

PROVINCE_BOOK = ROOT / "workbook" / "Rekap_Provinsi.xlsm"
MACROS = ROOT / "macros" / "province"
WRITES = {"setValues", "rangeClearContents", "rangeClear", "setFormula"}


def test_built_from_sources_byte_for_byte():
    assert build_province_workbook(MACROS) == build_province_workbook(MACROS)
    assert PROVINCE_BOOK.read_bytes() == build_province_workbook(MACROS), \
        "workbook/Rekap_Provinsi.xlsm is stale: run `rak-xl build`"


def test_the_vba_and_python_agree_on_sheet_cell_and_macros():
    (source,) = our_modules(MACROS).values()
    assert f'Worksheets("{L.PROVINCE_SHEET}").Range("{L.PROVINCE_FOLDER_CELL}")' in source
    assert 'RunPython "import rak_xl.buttons as b; b.province()"' in source
    for macro, _caption, _d in L.PROVINCE_BUTTONS:
        assert f"Sub {macro}()" in source
    assert "RakButtons" not in our_modules(MACROS)  # the satker buttons stay in the satker workbook
    sheet = CalamineWorkbook.from_path(str(PROVINCE_BOOK)).get_sheet_by_name(L.PROVINCE_SHEET).to_python(skip_empty_area=False)
    row = int(L.PROVINCE_FOLDER_CELL[1:]) - 1
    assert sheet[row][1] == "Folder kiriman satker" and sheet[row][2] == "Kiriman"


def _python_check(source: str) -> tuple[str, str]:
    """A VBA module's PythonHere: (the check, the message it shows when Python is missing)."""
    body = re.search(r"^Private Function PythonHere\(\) As Boolean\n(.*?)^End Function", source.replace("\r\n", "\n"),
                     re.MULTILINE | re.DOTALL)[1]
    check, _, message = body.partition("    PythonHere = PythonFound(")
    return check, message


def test_buat_rekap_without_python_says_so_in_indonesian():
    """On a PC without Python, Buat Rekap checks first, as the satker workbook's buttons do (the same check,
    word for word), and says in Indonesian what to install instead of ending in xlwings' English error."""
    (source,) = our_modules(MACROS).values()
    sub = re.search(r"^Sub BuatRekap\(\)\n(.*?)^End Sub", source.replace("\r\n", "\n"), re.MULTILINE | re.DOTALL)[1]
    assert sub.lstrip().startswith("If Not PythonHere() Then Exit Sub\n")
    check, message = _python_check(source)
    satker_check, satker_message = _python_check((ROOT / "macros" / "RakButtons.bas").read_text(encoding="utf-8"))
    assert check == satker_check and message != satker_message  # the call alike, the words each its own
    # the one check, in both workbooks' VBA projects as built
    shared = (ROOT / "macros" / "PythonCheck.bas").read_text(encoding="utf-8")
    assert 'GetConfig("INTERPRETER_WIN", "")' in shared and "WindowsApps" in shared
    for book in (PROVINCE_BOOK, WORKBOOK):
        assert vba_modules(book)["PythonCheck"].replace("\r\n", "\n").strip() == shared.strip(), book.name
    assert message.startswith('"Python tidak ditemukan di komputer ini, jadi tombol Buat Rekap tidak dapat berjalan."')
    assert "py -m rak_xl setup-excel" in message and "xlwings Lite" in message  # no Lite door to point to


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    d = tmp_path_factory.mktemp("kiriman")
    made = generate(d, 4, seed=31, defect_rate=0.6, template=Template(WORKBOOK))
    (d / "undangan.pdf").write_bytes(b"%PDF-1.4 bukan workbook")
    return d, made


def _book_for(folder, tmp_path):
    """The shipped province workbook with the folder cell filled in, as staff would."""
    return edit_workbook(PROVINCE_BOOK, tmp_path / "Rekap_Provinsi.xlsm",
                         {L.PROVINCE_SHEET: {L.PROVINCE_FOLDER_CELL: str(folder)}})


def _written(actions, name):
    position = next(a["args"][0] for a in actions if a["func"] == "addSheet" and a["args"][1] == name)
    return [a["values"] for a in actions if a["func"] == "setValues" and a["sheet_position"] == position][0]


def test_buat_rekap_writes_the_recap_sheets_into_the_workbook(inbox, tmp_path, monkeypatch):
    d, made = inbox
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    actions = press(_book_for(d, tmp_path), buttons.province)
    added = [a["args"][1] for a in actions if a["func"] == "addSheet"]
    assert added == [P.SHEET_RECAP, P.SHEET_CHARTS, P.SHEET_ERRORS, P.SHEET_SKIPPED]
    # The control sheet (position 0) is never written.
    assert not [a for a in actions if a["func"] in WRITES and a.get("sheet_position") == 0]
    # Rekap Satker carries the same table as the file `rak-xl province` writes.
    out = tmp_path / "rekap.xlsx"
    done = subprocess.run([sys.executable, "-m", "rak_xl.cli", "province", str(d), "-o", str(out), "--quiet"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    expected = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(P.SHEET_RECAP).to_python()
    table = _written(actions, P.SHEET_RECAP)
    assert table[P.HEADER_ROW - 1] == expected[P.HEADER_ROW - 1]

    def plain(v):
        if isinstance(v, dt.date):
            return f"{v:%Y-%m-%d}"
        if isinstance(v, str) and v[:4].isdigit() and "T" in v:
            return v[:10]
        if isinstance(v, str) and v.startswith("'"):  # Excel's text prefix for digit strings (satker codes)
            return v[1:]
        return None if v in ("", None) else v

    for ours, theirs in zip(table[P.HEADER_ROW:], expected[P.HEADER_ROW:]):
        assert [plain(v) for v in ours] == [plain(v) for v in theirs]
    assert len(table) == len(expected) == P.HEADER_ROW + len(made) + 1
    skipped = _written(actions, P.SHEET_SKIPPED)
    assert [r[1] for r in skipped[P.HEADER_ROW:]] == ["undangan.pdf"]
    assert actions[-1]["func"] == "alert" and f"{len(made)} satker" in actions[-1]["args"][0]


def test_an_empty_folder_cell_is_an_alert_and_nothing_is_written(tmp_path):
    book = edit_workbook(PROVINCE_BOOK, tmp_path / "Rekap_Provinsi.xlsm",
                         {L.PROVINCE_SHEET: {L.PROVINCE_FOLDER_CELL: None}})
    actions = press(book, buttons.province)
    assert [a["func"] for a in actions] == ["alert"]
    assert "belum diisi" in actions[0]["args"][0] and "Pilih Folder" in actions[0]["args"][0]


def test_a_missing_folder_is_an_alert_and_nothing_is_written(tmp_path):
    actions = press(_book_for(tmp_path / "tidak_ada", tmp_path), buttons.province)
    assert [a["func"] for a in actions] == ["alert"]
    assert "tidak ditemukan" in actions[0]["args"][0]


def test_a_workbook_opened_from_onedrive_recaps_a_full_folder_and_explains_a_relative_one(inbox, tmp_path,
                                                                                        monkeypatch):
    """Opened from OneDrive/SharePoint without a synced copy, Excel reports a URL xlwings cannot map:
    a full folder needs no workbook folder; a relative one is explained (RAK859), not a bug report."""
    import xlwings as xw

    def onedrive(self):
        raise xw.XlwingsError("Couldn't find your local OneDrive file, see: xlwings.org/error")

    monkeypatch.setattr(xw.Book, "fullname", property(onedrive))
    d, made = inbox
    actions = press(_book_for(d, tmp_path), buttons.province)
    assert actions[-1]["func"] == "alert" and f"{len(made)} satker" in actions[-1]["args"][0]
    book = edit_workbook(PROVINCE_BOOK, tmp_path / "Rekap_Provinsi.xlsm",
                         {L.PROVINCE_SHEET: {L.PROVINCE_FOLDER_CELL: "Kiriman"}})
    actions = press(book, buttons.province)
    assert [a["func"] for a in actions] == ["alert"]
    assert "(RAK859)" in actions[0]["args"][0] and "Buat Rekap lagi" in actions[0]["args"][0]


def test_a_relative_folder_needs_a_saved_workbook(tmp_path):
    book = edit_workbook(PROVINCE_BOOK, tmp_path / "Rekap_Provinsi.xlsm",
                         {L.PROVINCE_SHEET: {L.PROVINCE_FOLDER_CELL: "Kiriman"}})
    actions = press(book, buttons.province)  # the remote engine's book has no folder: never saved
    assert [a["func"] for a in actions] == ["alert"]
    assert "belum disimpan" in actions[0]["args"][0]
    # Saved: the folder beside the workbook.
    assert P.folder_from_cell("Kiriman", tmp_path / "Rekap_Provinsi.xlsm") == tmp_path / "Kiriman"
    assert P.folder_from_cell(str(tmp_path), "Rekap_Provinsi.xlsm") == tmp_path


def _cell(row0: int, col0: int) -> str:
    return f"{col_letter(col0 + 1)}{row0 + 1}"


def _ref(address: str) -> str:
    return address.replace("$", "")


def _sheet_ref(formula: str) -> tuple[str, str]:
    """"'Rekap Satker'!$B$5:$B$9" -> ("Rekap Satker", "B5:B9")."""
    sheet, _, address = formula.rpartition("!")
    return sheet.strip("'").replace("''", "'"), _ref(address)


def _drawn_by_the_button(actions) -> dict:
    """Per sheet the button added: its header row, column widths, number formats, frozen panes
    and charts, from the actions Excel would carry out (the remote engine's book.json())."""
    names = {a["args"][0]: a["args"][1] for a in actions if a["func"] == "addSheet"}
    drawn = {name: {"header": [], "widths": {}, "formats": {}, "freeze": None, "charts": []} for name in names.values()}
    for a in actions:
        if a.get("sheet_position") not in names:
            continue
        sheet, func, args = drawn[names[a["sheet_position"]]], a["func"], a.get("args")
        cells = [(a["start_row"] + r, a["start_column"] + c) for r in range(a["row_count"] or 0)
                 for c in range(a["column_count"] or 0)]
        if func == "setValues" and a["start_row"] == 0 and len(a["values"]) >= P.HEADER_ROW:
            sheet["header"] = [v for v in a["values"][P.HEADER_ROW - 1] if v not in ("", None)]
        elif func == "setColumnWidth":
            sheet["widths"].update({c + 1: round(float(args[0]), 1) for _, c in cells})
        elif func == "setNumberFormat":
            sheet["formats"].update({_cell(r, c): args[0] for r, c in cells})
        elif func == "freezePaneAtRange":  # the frozen block ('A1:B4', '1:4', 'A:B') -> the first cell that scrolls
            last = _ref(args[0]).split(":")[-1]
            letters = last.rstrip("0123456789")
            rows = int(last[len(letters):] or 0)
            sheet["freeze"] = _cell(rows, column_index_from_string(letters) if letters else 0)
        elif func == "addChart":
            _name, kind, data_sheet, source, _l, _t, _w, _h, _by, anchor, _style = args
            sheet["charts"].append({"kind": kind, "data": (data_sheet, _ref(source)), "anchor": _ref(anchor),
                                    "legend": True})
        elif func == "setChartXAxisValues":
            sheet["charts"][args[0]]["categories"] = (args[1], _ref(args[2]))
        elif func == "setChartTitle":
            sheet["charts"][args[0]]["title"] = args[1]
        elif func == "setChartLegend" and args[1] == "visible":
            sheet["charts"][args[0]]["legend"] = args[2]
        elif func == "setChartAxis" and args[1] == "value":
            sheet["charts"][args[0]]["axis"] = (args[2].get("title"), args[2].get("number_format"))
    return {"sheets": list(names.values()), **drawn}


def _drawn_in_the_file(path) -> dict:
    """The same, read back with openpyxl from the file `rak-xl province` wrote."""
    wb = openpyxl.load_workbook(path)
    drawn = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        header = [c.value for c in ws[P.HEADER_ROW]] if ws.max_row >= P.HEADER_ROW else []
        widths = {}
        for dim in ws.column_dimensions.values():
            if dim.customWidth:  # Excel stores a width of w characters as w + 5/7 (the cell's padding)
                widths.update({c: round(dim.width - 5 / 7, 1) for c in range(dim.min, dim.max + 1)})
        formats = {cell.coordinate: cell.number_format for row in ws.iter_rows() for cell in row
                   if cell.number_format != "General"}
        drawn[ws.title] = {"header": [v for v in header if v not in ("", None)], "widths": widths,
                           "formats": formats, "freeze": ws.freeze_panes, "charts": [_chart(c) for c in ws._charts]}
    return drawn


def _chart(chart) -> dict:
    (series,) = chart.series
    assert series.cat.strRef is not None  # labels are text, or a reader shows 1, 2, 3
    name_sheet, name_cell = _sheet_ref(series.tx.strRef.f)
    data_sheet, values = _sheet_ref(series.val.numRef.f)
    assert name_sheet == data_sheet
    title = "".join(r.t for p in chart.title.tx.rich.p for r in p.r or [])
    axis = chart.y_axis  # openpyxl's name for the value axis, however the bars lie
    return {"kind": f"{'Bar' if chart.barDir == 'bar' else 'Column'}{chart.grouping.title()}",
            "data": (data_sheet, f"{name_cell}:{values.split(':')[1]}"),
            "anchor": _cell(chart.anchor._from.row, chart.anchor._from.col), "legend": chart.legend is not None,
            "categories": _sheet_ref(series.cat.strRef.f), "title": title,
            "axis": ("".join(r.t for p in axis.title.tx.rich.p for r in p.r or []), axis.numFmt.formatCode)}


def test_the_button_and_the_command_line_draw_the_same_recap(inbox, tmp_path, monkeypatch):
    """Buat Rekap and `rak-xl province` carry out one plan: the same sheets, headers, column widths,
    number formats, frozen panes and charts (one per program, over the Rekap Satker rows)."""
    d, made = inbox
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    button = _drawn_by_the_button(press(_book_for(d, tmp_path), buttons.province))
    out = tmp_path / "rekap.xlsx"
    done = subprocess.run([sys.executable, "-m", "rak_xl.cli", "province", str(d), "-o", str(out), "--quiet"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    cli = _drawn_in_the_file(out)
    assert button["sheets"] == cli["sheets"] == [P.SHEET_RECAP, P.SHEET_CHARTS, P.SHEET_ERRORS, P.SHEET_SKIPPED]
    for name in cli["sheets"]:
        assert button[name] == cli[name], name
    # Something was compared: every column's width, a chart per program reading the satker rows.
    recap, charts = cli[P.SHEET_RECAP], cli[P.SHEET_CHARTS]["charts"]
    assert len(recap["widths"]) == len(recap["header"]) > 20 and recap["freeze"] == "C5"
    programs = sorted({c for g in made for c in g.program_totals})
    assert [c["title"].split()[0] for c in charts] == programs
    assert {c["categories"] for c in charts} == {(P.SHEET_RECAP, f"B{P.HEADER_ROW + 1}:B{P.HEADER_ROW + len(made)}")}
    from rak_xl.outputs.recap_sheets import ERROR_COLUMNS, SKIPPED_COLUMNS

    assert cli[P.SHEET_ERRORS]["widths"][8] == ERROR_COLUMNS[7][1] and ERROR_COLUMNS[7][0] == "Pesan"
    assert cli[P.SHEET_SKIPPED]["widths"][4] == SKIPPED_COLUMNS[3][1] and SKIPPED_COLUMNS[3][0] == "Alasan"


@pytest.mark.libreoffice
def test_the_workbook_opens_in_libreoffice_with_bound_buttons():
    from libreoffice import probe

    result = probe(PROVINCE_BOOK)
    assert result["sheets"] == [L.PROVINCE_SHEET]
    assert {"xlwings", "Dictionary", "RekapProvinsi", "PythonCheck"} <= set(result["libraries"].get("VBAProject", []))
    bound = {c["label"]: c["scripts"] for c in result["controls"] if c["sheet"] == L.PROVINCE_SHEET}
    assert set(bound) == {caption for _m, caption, _d in L.PROVINCE_BUTTONS}
    for macro, caption, _d in L.PROVINCE_BUTTONS:
        assert bound[caption] == [
            f"vnd.sun.star.script:VBAProject.RekapProvinsi.{macro}?language=Basic&location=document"]
