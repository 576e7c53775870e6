"""Protection: `_Sorotan` very hidden; the lookup columns of Capaian and Realisasi Anggaran locked
under sheet protection without a password, the cells staff fill in unlocked; and the buttons still
work, because they write only output sheets and `_Sorotan`."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

import rak_xl.buttons as buttons
from conftest import ROOT, WORKBOOK
from rak_xl.core import layout as L
from remote import payload_from_file, press

PROTECTED = (L.ACHIEVEMENT, L.SPENDING)


def test_built_workbook_locks_only_the_lookup_columns():
    wb = openpyxl.load_workbook(WORKBOOK, keep_vba=True)
    assert wb[L.SHEET_HIGHLIGHTS].sheet_state == "veryHidden"
    assert {ws.title for ws in wb.worksheets if ws.protection.sheet} == {t.sheet for t in PROTECTED}
    for table in PROTECTED:
        ws = wb[table.sheet]
        assert ws.protection.password is None and ws.protection.hashValue is None  # no password
        assert ws.protection.insertRows is False and ws.protection.autoFilter is False  # still allowed
        rows = list(ws.iter_rows(min_row=table.header_row + 1, max_col=len(table.columns)))
        assert len(rows) > 20
        for row in rows:
            for cell, column in zip(row, table.columns):
                assert cell.protection.locked is column.derived, (table.sheet, cell.coordinate)
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    assert column.derived, cell.coordinate  # every formula sits in a locked column
        # Rows staff add below the data: the input columns' default format is unlocked.
        for c, column in enumerate(table.columns, start=1):
            if not column.derived:
                dims = [d for d in ws.column_dimensions.values() if d.min <= c <= d.max]
                assert dims and dims[0].protection.locked is False, (table.sheet, column.key)


def _positions(path) -> dict[str, int]:
    return {s["name"]: i for i, s in enumerate(payload_from_file(path)["sheets"])}


@pytest.mark.parametrize("button", [buttons.validate, buttons.rollup, buttons.consolidate, buttons.evaluate])
def test_buttons_write_only_output_sheets_and_highlights(button):
    positions = _positions(WORKBOOK)
    untouchable = {positions[name] for name in (L.SHEET_GUIDE, *L.INPUT_SHEETS)}
    actions = press(WORKBOOK, button)
    touched = {a["sheet_position"] for a in actions if a.get("sheet_position") is not None}
    assert touched and not touched & untouchable
    assert touched <= {positions[L.SHEET_HIGHLIGHTS], *range(len(positions), len(positions) + 5)}
    assert actions[-1]["func"] == "alert" and "selesai" in actions[-1]["args"][0]


@pytest.mark.libreoffice
def test_libreoffice_sees_the_protection_after_the_buttons_ran(workbook_copy, tmp_path):
    from libreoffice import probe

    out = tmp_path / "hasil.xlsm"
    done = subprocess.run([sys.executable, "-m", "rak_xl", "run", str(workbook_copy), "-o", str(out)], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    ranges = []
    for table in PROTECTED:
        last = get_column_letter(len(table.columns))
        for row in (table.header_row + 1, table.header_row + 1500):  # a data row, a row staff may add
            ranges += ["--locked", f"{table.sheet}!A{row}:{last}{row}"]
    seen = probe(out, *ranges)
    state = seen["state"]
    assert {name for name, s in state.items() if s["protected"]} == {t.sheet for t in PROTECTED}
    assert state[L.SHEET_HIGHLIGHTS]["visible"] is False
    for name in (L.SHEET_FINDINGS, L.SHEET_ROLLUP, L.SHEET_CONSOLIDATED, L.SHEET_EVALUATION):
        assert state[name] == {"protected": False, "visible": True}
    for table in PROTECTED:
        expected = [column.derived for column in table.columns]
        for row in (table.header_row + 1, table.header_row + 1500):
            ref = f"{table.sheet}!A{row}:{get_column_letter(len(table.columns))}{row}"
            assert seen["locked"][ref] == [expected], ref
