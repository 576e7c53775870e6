"""The census: where a sheet's cells are, from the cell references of its XML, before anyone
allocates for them.

What a file claims about itself does not set the cost. One quick pass proves a usual sheet
lies within A1:T99999; any other has its references counted (at C speed, no object per cell).
A cell beyond Excel's grid (XFE9, A1048577) is refused here, naming the sheet and the cell; a
sheet whose cells are far apart (one stray value at ZZ100000 or XFD1048576) is `sparse` and is
read cell by cell rather than as a dense rectangle from A1. The dimension a sheet declares is
never used.
"""

from __future__ import annotations

import re
import zipfile
from typing import NamedTuple

from rak_xl.core import refusals as R
from rak_xl.core.errors import RakInputError

MAX_ROW, MAX_COL = 1_048_576, 16_384  # Excel's grid: row 1,048,576, column XFD
# A sheet is read densely (calamine, fast) while its rectangle from A1 stays small or mostly
# filled; beyond both, it is read cell by cell (memory proportional to the cells that exist).
DENSE_AREA = 2_000_000
DENSE_FILL = 8  # rectangle cells per existing cell


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
# written `<c r="A1"` with its reference in A1:T99999; calamine takes a namespace-prefixed <x:c>
# for a cell too, so any ":c" there (a prefixed tag, or merely such text) sends the sheet to the
# full count. Row tags do not matter here: calamine places a cell that has a reference by that
# reference. A literal-prefix search: C speed, no object per cell.
SMALL_GRID = (99_999, 20)  # rows (all nines: a count of digits) x columns: within DENSE_AREA whatever the fill
_ODD_CELL = re.compile(rb'<c(?! r="[A-%c][1-9][0-9]{0,%d}")'  # A..T, 1..99999: the box above
                       % (64 + SMALL_GRID[1], len(str(SMALL_GRID[0])) - 1))


def census(xml: bytes, sheet: str, file: str = "", merges: bool = False) -> Shape:
    """Where the cells of `sheet` are, from the cell references of its XML (linear, C-speed).

    A reference beyond Excel's grid is refused here, naming the sheet and the cell. Nearly every
    RAK sheet keeps its cells in A1:T99999, which one quick pass proves (a sheet in that box is
    read densely whatever its fill); only a sheet with a cell beyond it, or with a tag written
    unusually, has its references collected and counted. `merges` (the write path only) adds up
    the cells covered by merges and hyperlinks."""
    start, stop = xml.find(b"sheetData"), xml.rfind(b"sheetData")
    if start < 0 or _in_small_grid(xml, start, stop):
        rows, cols = SMALL_GRID if start >= 0 else (0, 0)
        shape = Shape(rows, cols, 0, 0, False)
    else:
        shape = _full_census(xml, sheet, file)
    if merges:
        shape = shape._replace(merged=_merged_cells(xml, sheet, file))
    return shape


def _in_small_grid(xml: bytes, start: int, stop: int) -> bool:
    return xml.find(b":c", start, stop) < 0 and _ODD_CELL.search(xml, start, stop) is None


def _full_census(xml: bytes, sheet: str, file: str) -> Shape:
    refs = re.findall(_CELL_REF, xml)
    n_cells = len(re.findall(_CELL_TAG, xml))
    unnumbered = n_cells > len(refs) or len(re.findall(_ROW_TAG, xml)) > len(re.findall(_ROW_REF, xml))
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


def _merged_cells(xml: bytes, sheet: str, file: str) -> int:
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


def beyond_grid(file: str, sheet: str, ref: bytes) -> RakInputError:
    cell = ref.decode("ascii", "replace")[:40]
    return R.CELL_BEYOND_GRID(name=file, sheet=sheet, cell=cell)


def col_number(letters: bytes) -> int:
    """b'AB' -> 28."""
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def census_unlocated(zf: zipfile.ZipFile, sheet: str, file: str) -> None:
    """calamine reads a sheet whose part the lookup did not find (a relationship written in a
    way only calamine resolves): every part holding cells must then pass the quick census, or
    the file is refused, since the sheet could be any of them."""
    for info in zf.infolist():
        if not info.filename.lower().endswith(".xml"):
            continue
        xml = zf.read(info.filename)
        if b"sheetData" in xml and census(xml, sheet, file).sparse:
            raise R.SHEET_NOT_LOCATED(name=file, sheet=sheet)
