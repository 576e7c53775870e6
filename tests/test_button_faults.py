"""When Excel refuses a call, a press explains it in Indonesian and leaves no half-written sheet.

Faults are injected at the xlwings API boundary (the public Sheet.api, Range.value
and Book.fullname of the engine in use), with the exception Excel raises through
pywin32 on Windows: a `pywintypes.com_error` carrying Excel's description. The
buttons, the adapter and xlwings' remote engine run unchanged.
"""

from __future__ import annotations

import pytest
import xlwings as xw

import rak_xl.buttons as buttons
from conftest import ROOT, WORKBOOK
from rak_xl.core import layout as L
from remote import payload_from_file

# pywin32's exception class, as Excel's COM errors reach Python on Windows (module pywintypes).
com_error = type("com_error", (Exception,), {"__module__": "pywintypes"})


def excel_refusal(description: str) -> Exception:
    return com_error(-2147352567, "Exception occurred.",
                     (0, "Microsoft Excel", description, "xlmain11.chm", 0, -2146827284), None)


def _press(button, path=WORKBOOK):
    book = xw.Book(json=payload_from_file(path))
    book.set_mock_caller()
    button()
    return book, book.json()["actions"]


class _NoPrinter:
    """Sheet.api on a PC without a printer: every PageSetup property is refused."""

    class _Setup:
        def __setattr__(self, name, value):
            raise excel_refusal(f"Unable to set the {name} property of the PageSetup class")

    PageSetup = _Setup()


def test_page_setup_refused_by_excel_becomes_a_note(monkeypatch):
    monkeypatch.setattr(xw.Sheet, "api", property(lambda self: _NoPrinter()))
    book, actions = _press(buttons.validate)
    assert any(a["func"] == "setValues" for a in actions)  # the findings were written
    assert actions[-1]["func"] == "alert"
    text = actions[-1]["args"][0]
    assert text.startswith("Validasi selesai") and "Catatan:" in text
    assert f"Pengaturan cetak lembar '{L.SHEET_FINDINGS}' dilewati: Unable to set the Orientation property" in text
    assert L.SHEET_FINDINGS in [s.name for s in book.sheets]


def _refuse_writes_to(monkeypatch, sheet_name: str, description: str) -> None:
    original = xw.Range.value

    def refuse(self, value):
        if self.sheet.name == sheet_name:
            raise excel_refusal(description)
        original.fset(self, value)

    monkeypatch.setattr(xw.Range, "value", property(original.fget, refuse))


def test_refused_write_gives_an_indonesian_alert_and_no_half_written_sheet(monkeypatch):
    _refuse_writes_to(monkeypatch, L.SHEET_CONSOLIDATED, "The object invoked has disconnected from its clients.")
    book, actions = _press(buttons.consolidate)  # no exception escapes: Excel's refusal is not a bug
    before = [s["name"] for s in payload_from_file(WORKBOOK)["sheets"]]
    assert [s.name for s in book.sheets] == before  # the half-written Konsolidasi was removed
    added = [a for a in actions if a["func"] == "addSheet"]
    assert [a["args"][1] for a in added] == [L.SHEET_CONSOLIDATED]
    assert [a for a in actions if a["func"] == "sheetDelete"][-1]["sheet_position"] == added[0]["args"][0]
    assert not [a for a in actions if a["func"] == "setValues"]
    assert actions[-1]["func"] == "alert"
    text = actions[-1]["args"][0]
    assert text.startswith(f"Excel menolak perintah saat menulis lembar '{L.SHEET_CONSOLIDATED}'")
    assert "lembar input tidak diubah" in text and "disconnected from its clients" in text and "(RAK911)" in text
    assert "Saran: Tekan Esc" in text and "ref " not in text


def test_refused_highlight_write_leaves_no_half_of_the_highlights(monkeypatch):
    _refuse_writes_to(monkeypatch, L.SHEET_HIGHLIGHTS, "Call was rejected by callee.")
    book, actions = _press(buttons.validate)
    mask = [s["name"] for s in payload_from_file(WORKBOOK)["sheets"]].index(L.SHEET_HIGHLIGHTS)
    on_mask = [a["func"] for a in actions if a.get("sheet_position") == mask]
    assert on_mask and set(on_mask) == {"sheetClearContents"} and len(on_mask) == 2  # cleared, and cleared again
    assert "Excel menolak perintah saat menulis sorotan" in actions[-1]["args"][0]
    assert "(RAK912)" in actions[-1]["args"][0]
    assert L.SHEET_FINDINGS in [s.name for s in book.sheets]  # the complete findings sheet stays


@pytest.mark.parametrize(("button", "code", "names"), [
    (buttons.submit, "RAK914", "Siapkan Kiriman lagi"),
    (buttons.new_year, "RAK917", "Buat RAK Tahun Berikutnya lagi"),  # its path is resolved inside the wrapper too
], ids=["submit", "new_year"])
def test_onedrive_path_that_cannot_be_mapped_is_explained(monkeypatch, button, code, names):
    def onedrive(self):
        raise xw.XlwingsError("Couldn't find your local OneDrive file, see: xlwings.org/error")

    monkeypatch.setattr(xw.Book, "fullname", property(onedrive))
    _book, actions = _press(button)
    assert [a["func"] for a in actions] == ["alert"]
    assert actions[0]["args"][0].startswith("Letak lokal workbook di OneDrive/SharePoint tidak ditemukan")
    assert f"({code})" in actions[0]["args"][0] and names in actions[0]["args"][0]


def test_a_bug_is_still_reported_with_a_reference_and_raised(monkeypatch):
    """Only Excel's refusals are turned into advice; an error of rak_xl's own stays a bug."""
    _refuse = xw.Range.value

    def broken(self, value):
        raise RuntimeError("a bug")

    monkeypatch.setattr(xw.Range, "value", property(_refuse.fget, broken))
    book = xw.Book(json=payload_from_file(WORKBOOK))
    book.set_mock_caller()
    with pytest.raises(RuntimeError):
        buttons.rollup()
    assert "ref " in book.json()["actions"][-1]["args"][0]


# The xlwings calls a Buat RAK Tahun Berikutnya or Buat Rekap press makes (reads and writes); each is made
# to fail in turn, every time it is called, with Excel's own exception.
EXCEL_CALLS = [(xw.Book, "fullname"), (xw.Book, "name"), (xw.Book, "sheets"), (xw.main.Sheets, "add"),
               (xw.Sheet, "name"), (xw.Sheet, "used_range"), (xw.Sheet, "range"), (xw.Sheet, "delete"),
               (xw.Range, "value"), (xw.Range, "options"), (xw.Range, "last_cell")]


def _refuse(monkeypatch, cls, attr: str) -> None:
    def refused(self, *args):
        raise excel_refusal(f"Excel refused {cls.__name__}.{attr}")

    monkeypatch.setattr(cls, attr, property(refused, refused))


def _ends_in_an_indonesian_alert(actions) -> str:
    assert actions and actions[-1]["func"] == "alert", [a["func"] for a in actions]
    text = actions[-1]["args"][0]
    assert "ref " not in text and "Traceback" not in text, text  # Excel refusing is not a bug of rak_xl
    return text


@pytest.mark.parametrize(("cls", "attr"), EXCEL_CALLS, ids=lambda v: getattr(v, "__name__", v))
def test_new_year_with_excel_refusing_a_call_gives_an_alert(monkeypatch, tmp_path, cls, attr):
    saved = tmp_path / "RAK_2022.xlsm"
    saved.write_bytes(WORKBOOK.read_bytes())
    monkeypatch.setattr(xw.Book, "fullname", property(lambda self: str(saved)))  # the saved file Excel names
    _refuse(monkeypatch, cls, attr)
    _book, actions = _press(buttons.new_year, saved)
    text = _ends_in_an_indonesian_alert(actions)
    made = sorted(p.name for p in tmp_path.iterdir())
    if made == ["RAK_2022.xlsm", "RAK_2023.xlsm"]:  # the refused call was not needed for the new year
        assert text.startswith("RAK tahun 2023 dibuat")
    else:
        assert made == ["RAK_2022.xlsm"] and "Excel menolak perintah" in text and "(RAK910)" in text, text


@pytest.mark.parametrize(("cls", "attr"), EXCEL_CALLS, ids=lambda v: getattr(v, "__name__", v))
def test_buat_rekap_with_excel_refusing_a_call_gives_an_alert(monkeypatch, tmp_path, cls, attr):
    from conftest import edit_workbook
    from rak_xl.core import layout as L

    inbox = tmp_path / "Kiriman"
    inbox.mkdir()
    (inbox / "RAK_2022.xlsm").write_bytes(WORKBOOK.read_bytes())
    book = edit_workbook(ROOT / "workbook" / "Rekap_Provinsi.xlsm", tmp_path / "Rekap_Provinsi.xlsm",
                         {L.PROVINCE_SHEET: {L.PROVINCE_FOLDER_CELL: str(inbox)}})
    _refuse(monkeypatch, cls, attr)
    _book, actions = _press(buttons.province, book)
    text = _ends_in_an_indonesian_alert(actions)
    assert "Excel menolak perintah" in text or text.startswith("Rekap"), text
