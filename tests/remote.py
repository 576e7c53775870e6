"""Drive the real button entry points through xlwings' remote engine.

The payload is built from a real workbook file (values read with
python-calamine), exactly in the shape the xlwings VBA client sends.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import xlwings as xw  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402


def _json_value(v):
    if v is None or v == "":
        return ""
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(v, dt.date):
        return f"{v:%Y-%m-%d}T00:00:00.000Z"
    if isinstance(v, dt.time):
        return v.strftime("1899-12-30T%H:%M:%S.000Z")
    return v


def payload_from_file(path: str | Path) -> dict:
    path = Path(path)
    book = CalamineWorkbook.from_path(str(path))
    sheets = []
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False) or [[""]]
        sheets.append({"name": name, "values": [[_json_value(v) for v in r] for r in rows],
                       "pictures": [], "tables": []})
    return {
        "client": "VBA",
        "version": xw.__version__,
        "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": sheets,
    }


def press(path: str | Path, button) -> list[dict]:
    """Press `button` (a function of rak_xl.buttons) on the workbook at `path`; return Excel actions."""
    book = xw.Book(json=payload_from_file(path))
    book.set_mock_caller()
    button()
    return book.json()["actions"]


def sheet_index(path: str | Path, name: str) -> int:
    return CalamineWorkbook.from_path(str(path)).sheet_names.index(name)
