"""Read a workbook file into grids with python-calamine (fast, no formatting).

The steps, each in its own module: the file's bytes and its zip archive are checked first
(archive.py); each sheet's part is found (workbook_parts.py) and its cells located by the
census (cell_census.py), so a cell beyond Excel's grid is refused before calamine sees it and
a sheet whose cells are far apart is read sparsely, cell by cell (here), instead of as
calamine's dense rectangle from A1; last, the sheet XML is scanned for what calamine reads as
empty or as a time (cell_scans.py).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from rak_xl.core import refusals as R
from rak_xl.core.errors import RakInputError
from rak_xl.core.gc_pause import paused_gc
from rak_xl.core.layout import is_output_sheet
from rak_xl.core.text import full_path
from rak_xl.parse.tables import Grid

from .archive import open_archive, open_zip, read_bytes
from .cell_census import MAX_COL, MAX_ROW, beyond_grid, census, census_unlocated
from .cell_scans import Grids, formula_cells, negative_serials
from .workbook_parts import part_xml, parts_or_none, sheet_parts


def read_grids(path: str | Path, data: bytes | None = None) -> dict[str, Grid]:
    """sheet name -> 2-D list of values from A1 (None for empty). Output sheets are skipped.

    Rows may be of different lengths (a sparse sheet's rows end at their last value).
    `data`: the file's bytes, already read (then `path` only names it)."""
    path = Path(path)
    data = read_bytes(path) if data is None else data
    with open_zip(path, data) as zf, paused_gc():  # many small acyclic objects: see rak_xl/core/gc_pause.py
        return _read_grids(path, data, zf)


def _read_grids(path: Path, data: bytes, zf: zipfile.ZipFile) -> dict[str, Grid]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        parts = parts_or_none(zf) or {}  # looked up once: the census and both scans use it
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = Grids()
        xmls: dict[str, bytes] = {}  # sheet part -> XML, inflated once for the census and the formula scan
        sparse = []
        all_parts_checked = False
        for name in book.sheet_names:
            if is_output_sheet(name):
                continue
            xml = part_xml(zf, parts.get(name))
            if xml is not None:
                xmls[parts[name]] = xml
                if census(xml, name, full_path(path)).sparse:
                    grids[name] = []
                    sparse.append(name)
                    continue
            elif not all_parts_checked:
                census_unlocated(zf, name, full_path(path))
                all_parts_checked = True
            sheet = book.get_sheet_by_name(name)
            # calamine gives "" for an empty cell; the grids use None (as xlwings does). Inline: per cell.
            grids[name] = [[None if v == "" else v for v in row] for row in sheet.to_python(skip_empty_area=False)]
        if sparse:
            _read_sparse(path, data, sparse, grids)
        formula_cells(grids, xmls, parts)
        negative_serials(grids, xmls, parts)
        return grids
    except (CalamineError, ValueError, KeyError, OSError, zipfile.BadZipFile, EOFError) as exc:
        raise R.NOT_READABLE_AS_WORKBOOK(name=path, detail=exc) from None


def _read_sparse(path: Path, data: bytes, names: list[str], grids: dict[str, Grid]) -> None:
    """Sheets whose cells are far apart, cell by cell: rows end at their last value.

    calamine only reads a sheet as one dense rectangle; openpyxl's streaming sheet parser yields
    the cells that exist (with shared strings and dates resolved the way openpyxl's read-only mode
    does), so the cost follows the cells, not their spread."""
    import openpyxl
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    try:
        for name in names:
            ws = wb[name]
            grid: Grid = []
            with ws._get_source() as src:
                parser = WorkSheetParser(src, ws._shared_strings, data_only=True, epoch=wb.epoch,
                                         date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
                for r, cells in parser.parse():
                    values = [(c["column"], c["value"]) for c in cells if c["value"] not in (None, "")]
                    if not values:
                        continue
                    if r > MAX_ROW or max(c for c, _ in values) > MAX_COL:
                        col = max(c for c, _ in values)
                        raise beyond_grid(path.name, name, f"R{r}C{col}".encode())
                    while len(grid) < r:
                        grid.append([])
                    row = grid[r - 1]
                    for c, value in values:
                        if len(row) < c:
                            row.extend([None] * (c - len(row)))
                        row[c - 1] = value
            grids[name] = grid
    finally:
        wb.close()


def sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook file; [] when it cannot be read as one."""
    try:
        with open_archive(Path(path)) as zf:
            return list(sheet_parts(zf))
    except (RakInputError, KeyError, SyntaxError, ValueError):
        return []
