"""Read a workbook file into grids with python-calamine (fast, no formatting).

The steps, each in its own module: the file's bytes and its zip archive are checked first
(archive.py); the package is resolved once, as calamine would resolve it, or refused where readers
could disagree (workbook_parts.py); each sheet read is inflated once and its cells located by the
census (cell_census.py), so a cell beyond Excel's grid is refused before calamine sees it, all
sheets together are held to the budget of cells, and a sheet whose cells are far apart is read
sparsely, cell by cell (here), instead of as calamine's dense rectangle from A1. calamine is then
given those very bytes and nothing else (a package stored uncompressed, its sheets arranged so that
calamine parses each once: see workbook_parts.Package.canonical and calamine_view).
Last, the sheet XML is scanned for what calamine reads as empty or as a time (cell_scans.py).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from rak_xl.core import refusals as R
from rak_xl.core.errors import RakInputError
from rak_xl.core.gc_pause import paused_gc
from rak_xl.core.layout import is_output_sheet
from rak_xl.core.text import both
from rak_xl.parse.tables import Grid

from .archive import open_archive, open_zip, over_budget, read_bytes
from .cell_census import MAX_COL, MAX_COUNTED, MAX_ROW, Shape, beyond_grid, census, check_cells
from .cell_scans import Grids, formula_cells, negative_serials
from .workbook_parts import BOOK, BOOK_RELS, STRINGS, STYLES, Package, resolve

# calamine reserves room for the shared strings a file declares before reading one: 2 million is
# a budget no RAK workbook nears (the 10,000-row one has 7,000) and caps what a lie can reserve.
MAX_DECLARED_STRINGS = 2_000_000
_FIRST_STRING = rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]"
_UNIQUE_COUNT = rb"""\buniqueCount\s*=\s*["']\s*([0-9]{1,30})"""
_EMPTY = ""


def read_grids(path: str | Path, data: bytes | None = None, rewrite: bool = False) -> dict[str, Grid]:
    """sheet name -> 2-D list of values from A1 (None for empty). Output sheets are skipped.

    `data`, when given, is the file's bytes already read (archive.read_bytes): the file is then
    not read again, so what is read is what the caller hashed. `rewrite`: a copy of the file is to
    be written (run, submit), so the write path's checks come first, before any work. Rows may be
    of different lengths (a sparse sheet's rows end at their last value)."""
    path = Path(path)
    data = read_bytes(path) if data is None else data
    if rewrite:
        from .rewrite_checks import check_rewritable

        check_rewritable(path, data)
    with open_zip(path, data) as zf, paused_gc():  # many small acyclic objects: see rak_xl/core/gc_pause.py
        package = resolve(zf, path, data)
        parts, shapes = _parts_to_read(package)
        views = not any(shape.sparse for shape in shapes.values())  # openpyxl reads a sparse one's package
        try:
            return _read_canonical(package, _canonical(package, parts, views), shapes, parts)
        except RakInputError:
            if not views:
                raise
        # Refused with its sheets as workbook_parts.calamine_view writes them: read as written, so
        # that the refusal is word for word the one calamine gives for these parts.
        for part in (STRINGS, STYLES):
            if (xml := package.read(part)) is not None:
                parts[part] = xml
        return _read_canonical(package, _canonical(package, parts, False), shapes, parts)


def _canonical(package: Package, parts: dict[str, bytes], views: bool) -> bytes:
    """The package calamine is given (`views`: its sheets arranged so that calamine parses each
    once); the parts only it needs (shared strings, styles) are then let go from `parts`, which the
    scans read for the sheets: no third copy of a large string table."""
    canonical = package.canonical(parts, views=views)
    for part in (STRINGS, STYLES):
        parts.pop(part, None)
    return canonical


def _parts_to_read(package: Package) -> tuple[dict[str, bytes], dict[str, Shape]]:
    """The parts calamine is given (path -> bytes), each sheet read censused on the way, and the
    census of each sheet; the budgets are checked here, before calamine loads anything."""
    file = package.file
    parts: dict[str, bytes] = {BOOK: package.book, BOOK_RELS: package.book_rels}
    shapes: dict[str, Shape] = {}
    left = MAX_COUNTED  # cells counted one by one, all sheets together
    for name, part in package.sheets.items():
        if is_output_sheet(name):
            continue
        xml = parts.get(part) or package.read(part)
        if xml is None:
            raise R.SHEET_NOT_LOCATED(name=file, sheet=name)
        shapes[name] = census(xml, name, file, counted=left)
        left -= shapes[name].cells
        parts[part] = xml
    check_cells([(parts[package.sheets[name]], shape) for name, shape in shapes.items()], file)
    for part in (STRINGS, STYLES):
        xml = package.read(part)
        if xml is not None:
            parts[part] = xml
    _check_strings(parts.get(STRINGS), file)
    return parts, shapes


def _check_strings(xml: bytes | None, file: Path) -> None:
    """The shared strings a file declares (uniqueCount, for which calamine reserves room before it
    reads one) within MAX_DECLARED_STRINGS. Every declaration before the first string counts: calamine takes
    the <sst> tag, wherever comments put a look-alike."""
    if xml is None:
        return
    first = re.search(_FIRST_STRING, xml)
    head = xml[: first.start()] if first else xml
    declared = max((int(n) for n in re.findall(_UNIQUE_COUNT, head)), default=0)
    if declared > MAX_DECLARED_STRINGS:
        raise over_budget(file, "budget.strings", declared, MAX_DECLARED_STRINGS)


def _read_canonical(package: Package, canonical: bytes, shapes: dict[str, Shape], parts: dict[str, bytes]) -> Grids:
    from python_calamine import CalamineError, CalamineWorkbook

    file = package.file
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(canonical))
        if not any(shape.sparse for shape in shapes.values()):
            canonical = b""  # calamine holds its own copy; openpyxl reads it only for a sparse sheet
        grids = Grids()
        sparse = []
        for name in book.sheet_names:
            if is_output_sheet(name):
                continue
            if name not in shapes:  # a sheet the resolution did not see: nothing can be said of its cells
                raise R.SHEET_NOT_LOCATED(name=file, sheet=name)
            if shapes[name].sparse:
                grids[name] = []
                sparse.append(name)
                continue
            sheet = book.get_sheet_by_name(name)
            # calamine gives "" for an empty cell; the grids use None (as xlwings does). Inline: per cell.
            # Every empty str CPython makes is its one empty-string object, so identity finds them all.
            grids[name] = [[None if v is _EMPTY else v for v in row] for row in sheet.to_python(skip_empty_area=False)]
        book.close()
        if sparse:
            _read_sparse(file, canonical, sparse, grids)
        formula_cells(grids, parts, package.sheets)
        negative_serials(grids, parts, package.sheets)
        return grids
    except RakInputError:
        raise
    except (CalamineError, ValueError, KeyError, OSError, zipfile.BadZipFile, EOFError) as exc:
        raise R.NOT_READABLE_AS_WORKBOOK(name=file, detail=exc) from None
    except BaseException as exc:
        # A panic in calamine's Rust code reaches Python as pyo3's PanicException, a BaseException:
        # the file is what stopped it, so it is refused like any unreadable file.
        if type(exc).__name__ != "PanicException":
            raise
        raise R.NOT_READABLE_AS_WORKBOOK(name=file, detail=both("parts.reader_stopped",
                                                                detail=str(exc)[:200])) from None


def _read_sparse(file: Path, canonical: bytes, names: list[str], grids: dict[str, Grid]) -> None:
    """Sheets whose cells are far apart, cell by cell: rows end at their last value.

    calamine only reads a sheet as one dense rectangle; openpyxl's streaming sheet parser yields
    the cells that exist (with shared strings and dates resolved the way openpyxl's read-only mode
    does), so the cost follows the cells, not their spread. It is given the same package as
    calamine: the parts censused, under the names calamine read them by (the output sheets left
    out, so openpyxl's warning about names scoped to them is not for staff)."""
    import warnings

    import openpyxl
    from openpyxl.worksheet._reader import WorkSheetParser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        wb = openpyxl.load_workbook(io.BytesIO(canonical), read_only=True, data_only=True, keep_links=False)
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
                        raise beyond_grid(file, name, f"R{r}C{col}".encode())
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
            return list(resolve(zf, Path(path)).sheets)
    except RakInputError:
        return []
