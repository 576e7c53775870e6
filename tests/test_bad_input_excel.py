"""Bad input and faults on the Excel side, pressed through xlwings' remote engine.

A problem staff can fix gives one Indonesian alert and no write at all; a bug
gives an alert with a short reference and the exception is re-raised (never
swallowed); bad cells of a readable workbook become findings, and only output
sheets are written.
"""

from __future__ import annotations

import re

import pytest
import xlwings as xw

import rak_xl.buttons as buttons
from conftest import WORKBOOK
from rak_xl.core import layout as L
from remote import payload_from_file, sheet_index

WRITES = {"setValues", "addSheet", "sheetDelete", "sheetClearContents", "rangeClearContents", "rangeClear",
          "setFormula", "setRangeColor", "setNumberFormat", "setFontProperty", "activateSheet", "addChart"}
BUTTONS = [buttons.validate, buttons.rollup, buttons.consolidate, buttons.evaluate]


def _press(payload: dict, button) -> list[dict]:
    book = xw.Book(json=payload)
    book.set_mock_caller()
    button()
    return book.json()["actions"]


def _bloated_payload() -> dict:
    """The shipped workbook where a whole column of RAK_KPU was formatted: Excel's used range then
    reaches row 1,048,576 (the VBA client reports it as used_range_address)."""
    payload = payload_from_file(WORKBOOK)
    for sheet in payload["sheets"]:
        if sheet["name"] == L.SHEET_RAK_A:
            sheet["used_range_address"] = "$A$1:$K$1048576"
    return payload


@pytest.mark.parametrize("button", BUTTONS, ids=lambda b: b.__name__)
def test_a_sheet_too_large_to_read_gives_one_indonesian_alert_and_no_write(button):
    actions = _press(_bloated_payload(), button)
    assert [a["func"] for a in actions] == ["alert"], actions
    text = actions[0]["args"][0]
    assert f"Lembar '{L.SHEET_RAK_A}' terpakai sampai sel K1048576" in text
    assert "Tidak ada yang diubah" in text and "(RAK717)" in text and "Saran:" in text
    assert not [a for a in actions if a["func"] in WRITES]


def test_a_bug_is_shown_with_a_short_reference_and_re_raised(monkeypatch):
    """A fault inside a library the press relies on (here xlwings' range reading) is a bug."""
    payload = payload_from_file(WORKBOOK)
    book = xw.Book(json=payload)
    book.set_mock_caller()

    def broken(self, *args, **kwargs):
        raise RuntimeError("simulated fault inside xlwings")

    monkeypatch.setattr(xw.main.Range, "options", broken)
    with pytest.raises(RuntimeError, match="simulated fault"):
        buttons.validate()
    actions = book.json()["actions"]
    assert [a["func"] for a in actions] == ["alert"]
    text = actions[0]["args"][0]
    assert re.search(r"Terjadi kesalahan program \(ref [0-9A-F]{8}\)\. Workbook tidak diubah\.", text), text
    assert not [a for a in actions if a["func"] in WRITES]


def test_formula_errors_in_excel_become_findings_and_only_outputs_are_written():
    """xlwings reads error cells as '#REF!' (err_to_str), so the button reports them like the CLI."""
    payload = payload_from_file(WORKBOOK)
    for sheet in payload["sheets"]:
        if sheet["name"] == L.SHEET_PROGRAMS:
            sheet["values"][4][2] = "#REF!"
        if sheet["name"] == L.SHEET_RAK_A:
            sheet["values"][4][3] = "#DIV/0!"
    actions = _press(payload, buttons.validate)
    rows = [r for a in actions if a["func"] == "setValues" for r in a["values"] if "RAK109" in r]
    where = {(r[3], re.search(r'"([A-Z]+\d+)"\)$', r[4])[1]) for r in rows}
    assert where == {(L.SHEET_PROGRAMS, "C5"), (L.SHEET_RAK_A, "D5")}
    assert all("galat rumus" in r[6] for r in rows)
    inputs = {sheet_index(WORKBOOK, n) for n in L.INPUT_SHEETS if n in
              [s["name"] for s in payload["sheets"]]}
    assert not [a for a in actions if a["func"] in WRITES and a.get("sheet_position") in inputs]


@pytest.mark.parametrize("button", BUTTONS, ids=lambda b: b.__name__)
def test_corpus_cells_reach_excel_within_its_limits(tmp_path, button):
    """A 50,000-character cell and control characters: every value written fits in a cell."""
    import make_bad_corpus as corpus

    for make in (corpus.long_cell, corpus.control_characters):
        path = make(tmp_path / f"{make.__name__}_{button.__name__}.xlsm")
        actions = _press(payload_from_file(path), button)
        assert actions[-1]["func"] == "alert" and "kesalahan program" not in actions[-1]["args"][0]
        written = [v for a in actions if a["func"] == "setValues" for row in a["values"] for v in row
                   if isinstance(v, str)]
        assert written and max(map(len, written)) <= 32_767


@pytest.mark.parametrize("button", BUTTONS, ids=lambda b: b.__name__)
def test_a_fault_while_computing_writes_nothing(monkeypatch, button):
    """The workbook was read, the fault comes while computing (a standard-library function the
    parser calls fails): everything is computed before the first write, so nothing is written."""
    import math

    book = xw.Book(json=payload_from_file(WORKBOOK))
    book.set_mock_caller()

    def broken(_x):
        raise RuntimeError("simulated fault in math.isfinite")

    monkeypatch.setattr(math, "isfinite", broken)
    with pytest.raises(RuntimeError, match="simulated fault") as caught:
        button()
    assert any("rak_xl/parse" in str(entry.path).replace("\\", "/") for entry in caught.traceback)
    actions = book.json()["actions"]
    assert [a["func"] for a in actions] == ["alert"]
    assert re.search(r"ref [0-9A-F]{8}", actions[0]["args"][0])
