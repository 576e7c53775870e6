"""What a workbook written from another must still hold: every input sheet of its source, value for value.

openpyxl, which writes the copies (`run`, `consolidate -o`, `evaluate -o`, the Kiriman .xlsx),
drops without a word what it cannot read: every sheet of a workbook it does not understand
(Excel's Strict Open XML), a value it cannot store. So the copy is read back from the bytes
written, with the same reader as any input, before it replaces anything (atomic.replacing
with `keeps`), and compared sheet by sheet with the source. The first difference refuses the
write (RAK820) and names the sheet or cell.

One difference is no loss: openpyxl writes a formula without its stored result, and Excel
recalculates it on opening, so a cell that held a formula in the source may read back empty
when it still holds a formula.

Under xlwings Lite (Pyodide) there is no python-calamine: the copy (Siapkan Kiriman's .xlsx, values
only) is read back with openpyxl instead (read_back).
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rak_xl.core import refusals as R
from rak_xl.core.errors import RakInputError
from rak_xl.core.model import col_letter
from rak_xl.core.text import Both, both, shorten
from rak_xl.parse.tables import Grid

Cells = Collection[tuple[int, int]]  # (row, column), 1-based


@dataclass
class Kept:
    """The sheets a written workbook must hold, as the writer stores their values."""

    source: str | Path  # the source file (its name, where there is no file), for the message
    grids: Mapping[str, Grid]  # sheet name -> the values the copy must hold
    formulas: Mapping[str, Cells] = field(default_factory=dict)  # cells holding a formula in the source
    stored: Callable[[Any], Any] | None = None  # a value as the writer stores it (text cut, control characters)
    shown_as: Path | None = None  # the name staff know the written file by, when not the target's

    def check(self, written: Path, target: Path) -> None:
        """Refuse (RAK820) when the workbook at `written` lacks a sheet or a value of the source."""
        detail = self.first_loss(written)
        if detail is not None:
            raise R.WRITE_WOULD_LOSE_DATA(path=self.shown_as or target, source=self.source, detail=detail)

    def first_loss(self, written: Path) -> Both | None:
        """What the written workbook lost first, in words; None when it holds everything."""
        try:
            got = read_back(written)
        except RakInputError as exc:
            return both("kept.unreadable", reason=Both(exc.text("id"), exc.text("en")))
        uncomputed = getattr(got, "uncomputed", {})
        for name, grid in self.grids.items():
            if name not in got:
                return both("kept.sheet_missing", sheet=name)
            recalculated = set(self.formulas.get(name, ())) & set(uncomputed.get(name, {}))
            found = first_difference(grid, got[name], recalculated, self.stored)
            if found is not None:
                r, c, before, after = found
                return both("kept.value_changed", cell=f"{name}!{col_letter(c)}{r}", before=_shown(before),
                            after=_shown(after))
        return None


def read_back(written: Path) -> Mapping[str, Grid]:
    """The values of the workbook at `written`, sheet by sheet, as rak_xl reads it next: with the
    reader of every input (python-calamine); under xlwings Lite, which lacks it, with openpyxl."""
    if sys.platform != "emscripten":
        from .file_read import read_grids

        return read_grids(written)
    return values_by_openpyxl(written)


def values_by_openpyxl(path: Path) -> dict[str, Grid]:
    """sheet name -> rows of values (a formula's stored result), as openpyxl reads them."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged package
        raise R.NOT_READABLE_AS_WORKBOOK(name=path, detail=f"{type(exc).__name__}: {exc}") from None
    try:
        return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


def first_difference(expected: Grid, got: Grid, recalculated: Cells = (),
                     stored: Callable[[Any], Any] | None = None) -> tuple[int, int, Any, Any] | None:
    """(row, column, expected value, value found) of the first cell that differs; None when none does.

    Rows are compared whole first (most are equal), cell by cell only where they are not.
    `recalculated`: cells whose formula was written without its result (they read back empty)."""
    for r in range(max(len(expected), len(got))):
        want = expected[r] if r < len(expected) else []
        have = got[r] if r < len(got) else []
        if want == have:
            continue
        if stored is not None:  # only where the row differs: what is read back was written through it
            want = [stored(v) for v in want]
            if want == have:
                continue
        for c in range(max(len(want), len(have))):
            a = want[c] if c < len(want) else None
            b = have[c] if c < len(have) else None
            if not same_value(a, b) and (r + 1, c + 1) not in recalculated:
                return r + 1, c + 1, a, b
    return None


def same_value(a: Any, b: Any) -> bool:
    """Whether two cell values are one: equal, both empty, both NaN, or one moment in time.

    A time is compared as Excel stores it, a serial number of days: Excel's own door (xlwings)
    gives a date cell as a datetime, the file reader as a date when its format shows no time."""
    if a == b:
        return True
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, float) and isinstance(b, float):
        return math.isnan(a) and math.isnan(b)
    serials = _serial(a), _serial(b)
    return None not in serials and abs(serials[0] - serials[1]) < _SECOND


_EPOCH = dt.datetime(1899, 12, 30)
_SECOND = 1 / 86400


def _serial(value: Any) -> float | None:
    """Days since Excel's epoch (a time of day: the fraction of one day); None for other values."""
    if isinstance(value, dt.datetime):
        return (value.replace(tzinfo=None) - _EPOCH) / dt.timedelta(days=1)
    if isinstance(value, dt.date):
        return (dt.datetime(value.year, value.month, value.day) - _EPOCH) / dt.timedelta(days=1)
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    if isinstance(value, dt.timedelta):
        return value / dt.timedelta(days=1)
    return None


def _shown(value: Any) -> object:
    if value is None or value == "":
        return both("kept.empty")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return shorten(value, 60)
