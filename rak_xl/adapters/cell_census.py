"""The census: where a sheet's cells are, from the cell references of its XML, before anyone
allocates for them, and the budget of cells all sheets together may make the reader hold.

What a file claims about itself does not set the cost. One quick pass proves a usual sheet
lies within A1:T99999, indeed within its last cell's count of row digits (a sheet ending at row 812
lies within A1:T999); any other has its references counted (at C speed, no object per cell).
A cell beyond Excel's grid (XFE9, A1048577) is refused here, naming the sheet and the cell; a
sheet whose cells are far apart (one stray value at ZZ100000 or XFD1048576) is `sparse` and is
read cell by cell rather than as a dense rectangle from A1. The dimension a sheet declares is
never used. `check_cells` then holds all sheets together to the budgets: the cells read (each
dense sheet's rectangle from A1, each sparse sheet's cells) and the cells counted one by one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import NamedTuple

from rak_xl.core import refusals as R
from rak_xl.core.errors import RakInputError

from .archive import over_budget

MAX_ROW, MAX_COL = 1_048_576, 16_384  # Excel's grid: row 1,048,576, column XFD
# A sheet is read densely (calamine, fast) while its rectangle from A1 stays small or mostly
# filled; beyond both, it is read cell by cell (memory proportional to the cells that exist).
DENSE_AREA = 2_000_000
DENSE_FILL = 8  # rectangle cells per existing cell
# Budgets of one file, all sheets together. Dense: calamine and the grids cost about 0.15 us and
# 15 bytes a cell, so 10 million is 1.5 s and 150 MB; the 10,000-row workbook of tests/synthetic.py
# reads 0.1 million (0.6 million with its rows bounded by the quick pass). Counted one by one (a
# sheet reaching beyond A1:T99999 or written unusually; the sparse ones are read by openpyxl at
# tens of microseconds a cell): 0.1 million, a RAK table of 8,000 rows.
MAX_CELLS = 10_000_000
MAX_COUNTED = 100_000


class Shape(NamedTuple):
    rows: int  # the last row holding a cell (1-based), 0 when none; at most, for a sheet in SMALL_GRID
    cols: int  # the last column holding a cell (likewise)
    cells: int  # cells written in the part (with or without a value); not counted for a small sheet
    merged: int  # cells covered by merges and hyperlink ranges (counted for the write path only)
    unnumbered: bool  # some cell or row has no reference: positions are implied

    @property
    def sparse(self) -> bool:
        area = self.rows * self.cols
        return self.unnumbered or (area > DENSE_AREA and area > DENSE_FILL * max(self.cells, 1))


# The full count's patterns are kept as text and compiled on first use by re's own cache: most
# reads never need them, so no command pays for compiling them at import.
_CELL_TAG = rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]"
_CELL_REF = rb'<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br="\$?([A-Za-z]*)\$?([0-9]*)"'
_ROW_TAG = rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]"
_ROW_REF = rb'<(?:[A-Za-z_][\w.-]*:)?row\s[^>]*?\br="'
# Ranges openpyxl (the write path) expands into one object per cell: merges and hyperlinks.
_MERGE_REF = rb'<(?:[A-Za-z_][\w.-]*:)?(?:mergeCell|hyperlink)\s[^>]*?\bref="([^"]*)"'
_A1 = rb"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})"


# Any <c> tag from the first to the last mention of sheetData (where calamine reads cells) not
# written `<c r="A1"` with its reference in A1:T99999 (rows of at most as many digits as the last
# cell's); calamine takes a namespace-prefixed <x:c> for a cell too, so any ":c" there (a prefixed
# tag, or merely such text) sends the sheet to the full count. Row tags do not matter here:
# calamine places a cell that has a reference by that reference. A literal-prefix search: C speed,
# no object per cell; one pattern per count of row digits (1 to 5), compiled on first use.
SMALL_GRID = (99_999, 20)  # rows (all nines: a count of digits) x columns: within DENSE_AREA whatever the fill
_ODD_CELL = rb'<c(?! r="[A-%c][1-9][0-9]{0,%d}")'
_LAST_CELL = rb'<c r="[A-Z]{1,3}([0-9]{1,7})"'
_SMALL_REF = rb'<c r="([A-T])([0-9]{1,5})"'


def census(xml: bytes, sheet: str, file: str | Path = "", merges: bool = False, counted: int = MAX_COUNTED) -> Shape:
    """Where the cells of `sheet` are, from the cell references of its XML (linear, C-speed).

    A reference beyond Excel's grid is refused here, naming the sheet and the cell. Nearly every
    RAK sheet keeps its cells in A1:T99999, which one quick pass proves (a sheet in that box is
    read densely whatever its fill; its rows are bounded by its last cell's count of digits); only
    a sheet with a cell beyond it, or with a tag written unusually, has its references collected
    and counted, within `counted`, what is left of the budget of cells counted one by one.
    `merges` (the write path only) adds up the cells covered by merges and hyperlinks."""
    start, stop = xml.find(b"sheetData"), xml.rfind(b"sheetData")
    rows = 0 if start < 0 else _small_rows(xml, start, stop)
    if rows is not None:
        shape = Shape(rows, SMALL_GRID[1] if rows else 0, 0, 0, False)
    else:
        shape = _full_census(xml, start, stop, (sheet, file), counted)
    if merges:
        shape = shape._replace(merged=_merged_cells(xml, sheet, file))
    return shape


def holds(xml: bytes, needle: bytes, start: int = 0, stop: int = sys.maxsize) -> bool:
    """`needle in xml[start:stop]`, searched from the end: CPython's reverse search passes over
    sheet XML several times faster than its forward one (`in`, find) where the needle is absent."""
    return xml.rfind(needle, start, stop) >= 0


def _small_rows(xml: bytes, start: int, stop: int) -> int | None:
    """The rows a sheet's cells keep within (99, 999, ... 99999) when every cell lies in A..T and
    has no more row digits than the last cell; 0 for a sheet without a cell; None otherwise."""
    prefixed = xml.find(b":", start, stop) >= 0 and holds(xml, b":c", start, stop)  # memchr first: no ':' in most
    if not prefixed and xml.find(b"<c", start, stop) < 0:
        return 0
    last = re.compile(_LAST_CELL).match(xml, max(xml.rfind(b'<c r="', start, stop), 0))
    digits = len(last[1]) if last else 0
    if not 1 <= digits <= len(str(SMALL_GRID[0])) or prefixed:
        return None
    odd = re.compile(_ODD_CELL % (64 + SMALL_GRID[1], digits - 1))  # re's cache keeps the five patterns
    return 10 ** digits - 1 if odd.search(xml, start, stop) is None else None


def small_extent(xml: bytes, rows: int) -> tuple[int, int]:
    """The exact rectangle from A1 of a sheet the quick pass proved small (its rows within `rows`):
    its widest column (one-letter names are shared objects, so no memory per cell) and its last
    cell's row, when no cell lies below that one (else `rows` stands)."""
    start, stop = xml.find(b"sheetData"), xml.rfind(b"sheetData")
    letters = set(re.compile(rb'<c r="([A-T])').findall(xml, start, stop))
    cols = max(map(col_number, letters), default=0)
    last = re.compile(_LAST_CELL).match(xml, max(xml.rfind(b'<c r="', start, stop), 0))
    if last is not None and re.compile(_row_above(int(last[1]))).search(xml, start, stop) is None:
        rows = int(last[1])
    return rows, cols


def _row_above(n: int) -> bytes:
    """A cell tag whose row number is above `n` (a regex: more digits, or as many and greater)."""
    digits = str(n)
    above = [b"[1-9][0-9]{%d,}" % len(digits)]
    for i, d in enumerate(digits):
        if d != "9":
            above.append(digits[:i].encode() + b"[%d-9]" % (int(d) + 1) + b"[0-9]" * (len(digits) - i - 1))
    return rb'<c r="[A-T](?:%s)"' % b"|".join(above)


def check_cells(sheets: list[tuple[bytes, Shape]], file: str | Path) -> None:
    """All sheets read (XML, census) together within MAX_CELLS: each dense sheet's rectangle from
    A1 and each sparse sheet's cells. A small sheet counts with its rows bounded by the quick pass;
    only when those bounds exceed the budget are the mostly empty ones measured exactly."""
    def cost(xml: bytes, shape: Shape, exact: bool) -> int:
        if shape.sparse:
            return shape.cells
        rows, cols = shape.rows, shape.cols
        if exact and not shape.cells and rows * cols > DENSE_FILL * xml.count(b"<c "):
            rows, cols = small_extent(xml, rows)
        return rows * cols

    total = sum(cost(xml, shape, False) for xml, shape in sheets)
    if total > MAX_CELLS:
        total = sum(cost(xml, shape, True) for xml, shape in sheets)
    if total > MAX_CELLS:
        raise over_budget(file, "budget.cells", total, MAX_CELLS)


def _full_census(xml: bytes, start: int, stop: int, where: tuple[str, str], counted: int) -> Shape:
    sheet, file = where
    # Bounded before any object is made per tag: the cell tags and the row tags (a prefixed one twice).
    tags = xml.count(b"<c", start, stop) + xml.count(b":c", start, stop)
    if tags > counted:
        raise over_budget(file, "budget.counted_cells", MAX_COUNTED - counted + tags, MAX_COUNTED)
    row_tags = xml.count(b"<row", start, stop) + xml.count(b":row", start, stop)
    if row_tags > MAX_COUNTED:
        raise over_budget(file, "budget.rows", row_tags, MAX_COUNTED)
    refs = re.compile(_CELL_REF).findall(xml, start, stop)
    n_cells = len(re.compile(_CELL_TAG).findall(xml, start, stop))
    unnumbered = n_cells > len(refs) or (len(re.compile(_ROW_TAG).findall(xml, start, stop))
                                         > len(re.compile(_ROW_REF).findall(xml, start, stop)))
    rows = cols = 0
    if refs:
        letters = {c for c, _ in refs}
        numbers = {d for _, d in refs}
        if (any(not 1 <= len(c) <= 3 for c in letters) or b"" in numbers
                or any(len(d) > 7 for d in numbers)):
            raise beyond_grid(file, sheet, next(c + d for c, d in refs if _outside(c + d)))
        rows = max(map(int, numbers))
        cols = max(col_number(c.upper()) for c in letters)
        if rows > MAX_ROW or cols > MAX_COL or min(map(int, numbers)) < 1:
            raise beyond_grid(file, sheet, next(c + d for c, d in refs if _outside(c + d)))
    return Shape(rows, cols, n_cells, 0, unnumbered)


def _merged_cells(xml: bytes, sheet: str, file: str | Path) -> int:
    merged = 0
    for ref in re.findall(_MERGE_REF, xml):
        corners = ref.split(b":")
        if len(corners) > 2 or any(_outside(c) for c in corners):
            raise beyond_grid(file, sheet, ref)
        (c0, r0), (c1, r1) = _position(corners[0]), _position(corners[-1])
        merged += (abs(r1 - r0) + 1) * (abs(c1 - c0) + 1)
    return merged


def _position(ref: bytes) -> tuple[int, int]:
    m = re.fullmatch(_A1, ref)
    return col_number(m[1].upper()), int(m[2])


def _outside(ref: bytes) -> bool:
    if re.fullmatch(_A1, ref) is None:
        return True
    col, row = _position(ref)
    return not (1 <= row <= MAX_ROW and 1 <= col <= MAX_COL)


def beyond_grid(file: str | Path, sheet: str, ref: bytes) -> RakInputError:
    cell = ref.decode("ascii", "replace")[:40]
    return R.CELL_BEYOND_GRID(name=file, sheet=sheet, cell=cell)


def col_number(letters: bytes) -> int:
    """b'AB' -> 28."""
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n
