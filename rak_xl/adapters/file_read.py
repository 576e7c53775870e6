"""Read a workbook file into grids with python-calamine (fast, no formatting).

Before calamine parses anything, the archive is checked: a file that is not a
zip (a renamed .xls or .csv), a truncated one, an encrypted one, or a zip bomb
is refused with a message staff can act on. Only a regular file is read (a FIFO
would block, a link to /dev/zero never ends), and it is read once, into memory.

What a file claims about itself does not set the cost. Each sheet's cells are
located first (a census of the cell references, at C speed; one quick pass proves
a usual sheet lies within A1:T99999, any other has its references counted): a cell beyond
Excel's grid (XFE9, A1048577) is refused before calamine sees it, and a sheet
whose cells are far apart (one stray value at ZZ100000 or XFD1048576) is read
sparsely, cell by cell, instead of as calamine's dense rectangle from A1, which
would be rows x columns in size. The dimension a sheet declares is never used.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from pathlib import Path
from typing import NamedTuple

from rak_xl.core.errors import RakInputError
from rak_xl.core.gc_pause import paused_gc
from rak_xl.core.layout import is_output_sheet
from rak_xl.parse.tables import Grid
from rak_xl.parse.values import EXCEL_ERRORS

EXTENSIONS = (".xlsx", ".xlsm")
MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # 512 MiB of XML is far beyond any real RAK workbook
MAX_RATIO = 200  # deflate of sheet XML reaches ~20-50x; far above that is a bomb
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_OLE_SCAN = 64 * 1024 * 1024  # an encrypted RAK workbook is a few MB; its directory lies within
MAX_FILE = 256 * 1024 * 1024  # bytes on disk; a RAK workbook is a few MB
MAX_ROW, MAX_COL = 1_048_576, 16_384  # Excel's grid: row 1,048,576, column XFD
# A sheet is read densely (calamine, fast) while its rectangle from A1 stays small or mostly
# filled; beyond both, it is read cell by cell (memory proportional to the cells that exist).
DENSE_AREA = 2_000_000
DENSE_FILL = 8  # rectangle cells per existing cell
# openpyxl (the write path) creates one object per merged cell; beyond this a merge is refused.
MAX_MERGED_CELLS = 1_000_000


def check_archive(path: Path) -> None:
    """Refuse what is not a sane .xlsx/.xlsm package, with an Indonesian message."""
    open_archive(path).close()


def open_archive(path: Path) -> zipfile.ZipFile:
    """check_archive, handing back the opened package (the formula scan reads it: one open, not two)."""
    return _open_zip(path, read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, read once: a regular file only (symlinks resolved), at most MAX_FILE bytes."""
    path = Path(path)
    try:
        info = os.stat(path)  # follows symlinks: what would be opened
    except FileNotFoundError:
        raise RakInputError(f"Berkas '{path.name}' tidak ditemukan.", message_en=f"File '{path.name}' not found.",
                            hint="Periksa nama dan folder berkas.", hint_en="Check the file's name and folder.") from None
    except OSError as exc:  # a link loop, a name too long, no permission on the folder
        raise RakInputError(f"Berkas '{path.name}' tidak dapat dibaca ({exc.strerror}).",
                            message_en=f"'{path.name}' cannot be read ({exc.strerror}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise RakInputError(f"'{path.name}' adalah folder, bukan berkas Excel.",
                            message_en=f"'{path.name}' is a folder, not an Excel file.")
    if path.suffix.lower() not in EXTENSIONS:
        raise RakInputError(
            f"Berkas '{path.name}' bukan workbook Excel (.xlsx atau .xlsm).",
            message_en=f"'{path.name}' is not an Excel workbook (.xlsx or .xlsm).",
            hint="Simpan ulang dari Excel sebagai 'Excel Macro-Enabled Workbook (*.xlsm)'.",
            hint_en="Save it again from Excel as 'Excel Macro-Enabled Workbook (*.xlsm)'.")
    if not stat.S_ISREG(info.st_mode):
        raise not_regular(path)
    try:
        # O_NONBLOCK: a FIFO swapped in after the check must not block the open; fstat checks again.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except PermissionError:
        raise RakInputError(f"Berkas '{path.name}' tidak dapat dibuka: akses ditolak.",
                            message_en=f"'{path.name}' cannot be opened: permission denied.",
                            hint="Tutup berkas di aplikasi lain atau periksa izin berkas.",
                            hint_en="Close the file in other programs or check its permissions.") from None
    except OSError as exc:
        raise RakInputError(f"Berkas '{path.name}' tidak dapat dibaca ({exc.strerror}).",
                            message_en=f"'{path.name}' cannot be read ({exc.strerror}).") from None
    with open(fd, "rb", closefd=True) as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise not_regular(path)
        try:
            data = fh.read(MAX_FILE + 1)
        except OSError as exc:
            raise RakInputError(f"Berkas '{path.name}' tidak dapat dibaca ({exc.strerror}).",
                                message_en=f"'{path.name}' cannot be read ({exc.strerror}).") from None
    if len(data) > MAX_FILE:
        raise _bomb(path)
    return data


def not_regular(path: Path) -> RakInputError:
    return RakInputError(
        f"'{path.name}' bukan berkas biasa (pipa, perangkat atau tautan ke perangkat); tidak dibaca.",
        message_en=f"'{path.name}' is not a regular file (a pipe, a device or a link to one); not read.",
        hint="Simpan workbook sebagai berkas biasa (.xlsx/.xlsm) lalu pilih berkas itu.",
        hint_en="Save the workbook as a regular file (.xlsx/.xlsm), then choose that file.")


def _open_zip(path: Path, data: bytes) -> zipfile.ZipFile:
    if data[:8] == OLE_MAGIC:
        raise _ole(path, data)
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise RakInputError(
            f"Berkas '{path.name}' rusak atau bukan workbook Excel.",
            message_en=f"'{path.name}' is damaged or not an Excel workbook.",
            hint="Minta salinan berkas yang utuh atau simpan ulang dari Excel.",
            hint_en="Ask for an intact copy or save it again from Excel.")
    try:
        zf = zipfile.ZipFile(buffer)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise RakInputError(f"Berkas '{path.name}' rusak (arsip tidak utuh).",
                            message_en=f"'{path.name}' is damaged (incomplete archive).",
                            hint="Minta salinan berkas yang utuh.", hint_en="Ask for an intact copy.") from None
    try:
        _check_members(path, zf)
    except BaseException:
        zf.close()
        raise
    return zf


def _check_members(path: Path, zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _bomb(path)
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or (total > 50 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise _bomb(path)
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise RakInputError(
            f"Berkas '{path.name}' bukan workbook Excel (tidak ada xl/workbook.xml).",
            message_en=f"'{path.name}' is not an Excel workbook (no xl/workbook.xml).")
    if any(i.flag_bits & 0x1 for i in infos):
        raise RakInputError(f"Berkas '{path.name}' terenkripsi.", message_en=f"'{path.name}' is encrypted.",
                            hint="Simpan ulang tanpa kata sandi.", hint_en="Save it again without a password.")


def _ole(path: Path, data: bytes) -> RakInputError:
    """An OLE compound file: Excel's encrypted package (password to open) or an old .xls."""
    data = data[:MAX_OLE_SCAN]
    # Stream names sit in the directory in UTF-16; an encrypted OOXML package has these two.
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return RakInputError(
            f"Berkas '{path.name}' terkunci kata sandi.",
            message_en=f"'{path.name}' is password-protected.",
            hint="Buka di Excel, hapus kata sandi (File > Info > Protect Workbook > Encrypt with Password, "
                 "kosongkan) lalu simpan sebagai .xlsm.",
            hint_en="Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with "
                    "Password, empty it), then save as .xlsm.")
    return RakInputError(
        f"Berkas '{path.name}' berformat lama (.xls, Excel 97-2003), bukan .xlsx/.xlsm.",
        message_en=f"'{path.name}' is in the old .xls format (Excel 97-2003), not .xlsx/.xlsm.",
        hint="Buka di Excel dan simpan sebagai 'Excel Macro-Enabled Workbook (*.xlsm)'.",
        hint_en="Open it in Excel and save as 'Excel Macro-Enabled Workbook (*.xlsm)'.")


def _bomb(path: Path) -> RakInputError:
    return RakInputError(
        f"Berkas '{path.name}' terlalu besar setelah dibuka (kemungkinan berkas berbahaya); tidak diproses.",
        message_en=f"'{path.name}' expands to an unreasonable size (possible zip bomb); not processed.",
        hint="Periksa asal berkas; workbook RAK biasa berukuran kurang dari beberapa MB.",
        hint_en="Check where the file came from; a RAK workbook is usually under a few MB.")


def read_grids(path: str | Path) -> dict[str, Grid]:
    """sheet name -> 2-D list of values from A1 (None for empty). Output sheets are skipped.

    Rows may be of different lengths (a sparse sheet's rows end at their last value)."""
    path = Path(path)
    data = read_bytes(path)
    with _open_zip(path, data) as zf, paused_gc():  # many small acyclic objects: see rak_xl/core/gc_pause.py
        return _read_grids(path, data, zf)


def _read_grids(path: Path, data: bytes, zf: zipfile.ZipFile) -> dict[str, Grid]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        parts = _parts_or_none(zf) or {}  # looked up once: the census and both scans use it
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = Grids()
        xmls: dict[str, bytes] = {}  # sheet part -> XML, inflated once for the census and the formula scan
        sparse = []
        all_parts_checked = False
        for name in book.sheet_names:
            if is_output_sheet(name):
                continue
            xml = _part_xml(zf, parts.get(name))
            if xml is not None:
                xmls[parts[name]] = xml
                if census(xml, name, path.name).sparse:
                    grids[name] = []
                    sparse.append(name)
                    continue
            elif not all_parts_checked:
                _census_unlocated(zf, name, path.name)
                all_parts_checked = True
            sheet = book.get_sheet_by_name(name)
            # calamine gives "" for an empty cell; the grids use None (as xlwings does). Inline: per cell.
            grids[name] = [[None if v == "" else v for v in row] for row in sheet.to_python(skip_empty_area=False)]
        if sparse:
            _read_sparse(path, data, sparse, grids)
        _formula_cells(grids, xmls, parts)
        _negative_serials(grids, xmls, parts)
        return grids
    except (CalamineError, ValueError, KeyError, OSError, zipfile.BadZipFile, EOFError) as exc:
        raise RakInputError(f"Berkas '{path.name}' tidak dapat dibaca sebagai workbook Excel.",
                            message_en=f"'{path.name}' cannot be read as an Excel workbook ({exc}).",
                            hint="Buka di Excel dan simpan ulang sebagai .xlsm.",
                            hint_en="Open it in Excel and save it again as .xlsm.") from None


def _part_xml(zf: zipfile.ZipFile, part: str | None) -> bytes | None:
    """A sheet part's XML, or None when the workbook names no such member. A name that differs
    from the member's only in case is that member (calamine takes it so)."""
    if not part:
        return None
    try:
        return zf.read(part)
    except KeyError:
        folded = part.casefold()
        member = next((n for n in zf.namelist() if n.casefold() == folded), None)
        return zf.read(member) if member is not None else None


def _census_unlocated(zf: zipfile.ZipFile, sheet: str, file: str) -> None:
    """calamine reads a sheet whose part the lookup did not find (a relationship written in a
    way only calamine resolves): every part holding cells must then pass the quick census, or
    the file is refused, since the sheet could be any of them."""
    for info in zf.infolist():
        if not info.filename.lower().endswith(".xml"):
            continue
        xml = zf.read(info.filename)
        if b"sheetData" in xml and census(xml, sheet, file).sparse:
            raise RakInputError(
                f"Berkas '{file}': lembar '{sheet}' tidak dapat ditemukan dengan pasti di dalam berkas; "
                "berkas tidak diproses.",
                message_en=f"'{file}': sheet '{sheet}' cannot be located with certainty in the file; "
                           "the file is not processed.",
                sheet=sheet, hint="Simpan ulang berkas dari Excel, lalu coba lagi.",
                hint_en="Save the file again from Excel, then try again.")


def _negative_serials(grids: "Grids", xmls: dict[str, bytes], parts: dict[str, str]) -> None:
    """A date cell holding a negative serial (-5) comes from calamine as the time 00:00:00, which
    the finding would then quote; put the number the cell holds back in its place."""
    import datetime as dt

    from rak_xl.core.model import col_letter

    for name, grid in grids.items():
        xml = xmls.get(parts.get(name, ""))
        if xml is None or b"<v>-" not in xml:
            continue
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, dt.time):
                    cell = re.search(rb'<c r="%s%d"[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>(-[0-9.Ee+-]+)</v>'
                                     % (col_letter(c).encode(), r), xml)
                    if cell is not None:
                        number = float(cell[1])
                        row[c - 1] = int(number) if number.is_integer() else number


# -- the census: where a sheet's cells are, before anyone allocates for them ----------------------

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


# The full count's patterns (and the formula scan's, below) are kept as text and compiled on
# first use by re's own cache: most reads never need them, and compiling them at import
# was a fixed cost of every command.
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
            raise _beyond(file, sheet, next(c + d for c, d in refs if _outside(c + d)))
        rows = max(map(int, numbers))
        cols = max(_col(c.upper()) for c in letters)
        if rows > MAX_ROW or cols > MAX_COL or min(map(int, numbers)) < 1:
            raise _beyond(file, sheet, next(c + d for c, d in refs if _outside(c + d)))
    return Shape(rows, cols, n_cells, 0, unnumbered)


def _merged_cells(xml: bytes, sheet: str, file: str) -> int:
    merged = 0
    for ref in re.findall(_MERGE_REF, xml):
        corners = ref.split(b":")
        if len(corners) > 2 or any(_outside(c) for c in corners):
            raise _beyond(file, sheet, ref)
        (c0, r0), (c1, r1) = _position(corners[0]), _position(corners[-1])
        merged += (abs(r1 - r0) + 1) * (abs(c1 - c0) + 1)
    return merged


# Characters Excel forbids in a sheet name (openpyxl refuses to load a workbook with one).
_BAD_SHEET_NAME = r"[\\/*?:\[\]]"


def check_rewritable(path: Path, data: bytes) -> None:
    """Before a workbook is loaded whole to write a copy (openpyxl): refuse, naming the sheet,
    what would make the load allocate per cell of a range, or fail on a sheet name."""
    with _open_zip(path, data) as zf:
        parts = _parts_or_none(zf) or {}
        for name, part in parts.items():
            if name is None or re.search(_BAD_SHEET_NAME, name) or not name.strip():
                raise RakInputError(
                    f"Berkas '{path.name}': nama lembar '{name}' memuat karakter yang tidak diizinkan Excel ([ ] : * ? / \\).",
                    message_en=f"'{path.name}': sheet name '{name}' holds characters Excel does not allow ([ ] : * ? / \\).",
                    sheet=name, hint="Ganti nama lembar itu di Excel, lalu coba lagi.",
                    hint_en="Rename that sheet in Excel, then try again.")
            xml = _part_xml(zf, part)
            shape = None if xml is None else census(xml, name, path.name, merges=True)
            if shape is not None and shape.merged > MAX_MERGED_CELLS:
                raise RakInputError(
                    f"Berkas '{path.name}': lembar '{name}' memuat sel gabungan atau tautan yang meliputi {shape.merged:,} sel "
                    "(sampai batas lembar); workbook tidak dapat ditulisi.".replace(",", "."),
                    message_en=f"'{path.name}': sheet '{name}' holds merged cells or links covering {shape.merged:,} cells; "
                               "the workbook cannot be written.",
                    sheet=name, hint="Batalkan penggabungan sel (Merge & Center) di luar tabel, lalu simpan ulang.",
                    hint_en="Unmerge the cells (Merge & Center) outside the table, then save again.")


def _position(ref: bytes) -> tuple[int, int]:
    m = re.fullmatch(_A1, ref)
    return _col(m[1].upper()), int(m[2])


def _outside(ref: bytes) -> bool:
    if re.fullmatch(_A1, ref) is None:
        return True
    col, row = _position(ref)
    return not (1 <= row <= MAX_ROW and 1 <= col <= MAX_COL)


def _beyond(file: str, sheet: str, ref: bytes) -> RakInputError:
    cell = ref.decode("ascii", "replace")[:40]
    return RakInputError(
        f"Berkas '{file}': lembar '{sheet}' memuat sel '{cell}' di luar batas lembar Excel (kolom XFD, baris 1.048.576); "
        "berkas tidak diproses.",
        message_en=f"'{file}': sheet '{sheet}' holds cell '{cell}' beyond Excel's grid (column XFD, row 1,048,576); "
                   "the file is not processed.",
        sheet=sheet, cell=cell, hint="Berkas ini tidak dibuat oleh Excel atau telah diubah; simpan ulang dari Excel.",
        hint_en="This file was not made by Excel or has been altered; save it again from Excel.")


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
                        raise _beyond(path.name, name, f"R{r}C{col}".encode())
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


# calamine reads a formula error (#REF!) and a formula saved without its result
# alike as an empty cell. Both matter: the first is an error staff must fix, the
# second means the file holds no value to check. So the sheet XML is scanned for
# such cells (only those: the scan jumps from one <f> or t="e" to the next).
# Errors go into the grid as the strings Excel shows (as xlwings reads them);
# formulas without a result stay blank and are listed in `Grids.uncomputed`.


class Grids(dict):
    """sheet name -> grid, plus {sheet: {(row, col): formula}} of formulas saved without a result."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.uncomputed: dict[str, dict[tuple[int, int], str]] = {}

_HIT = rb'<f[ >/]|t="e"'
_REF = rb'\br="([A-Z]{1,3})([0-9]+)"'
_TYPE = rb'\bt="([a-z]+)"'
_FORMULA = rb"(?s)<f\b[^>]*?(?:/>|>(.*?)</f>)"
_VALUE = rb"(?s)<v>(.*?)</v>"


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its zip member, from the workbook part and its relationships.

    Read on every file (the census needs it), so expat's callbacks take the two attributes
    wanted directly: defusedxml's ElementTree built a tree of both parts in Python, a tenth
    of a satker workbook's read. The protection is the one defusedxml gives: a part with a
    DTD or an entity declaration is refused (ValueError: the file cannot be read)."""
    sheets: list[tuple[str | None, str | None]] = []
    targets: dict[str | None, str] = {}

    def on_book(name: str, attrs: dict[str, str]) -> None:
        if name == f"{_MAIN_NS} sheet":
            sheets.append((attrs.get("name"), attrs.get(f"{_REL_NS} id")))

    def on_rels(name: str, attrs: dict[str, str]) -> None:
        if name.endswith(" Relationship"):
            targets[attrs.get("Id")] = attrs.get("Target", "")

    _parse(zf.read("xl/workbook.xml"), on_book)
    _parse(zf.read("xl/_rels/workbook.xml.rels"), on_rels)
    parts = {}
    for name, rid in sheets:
        target = targets.get(rid, "")
        parts[name] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts


def _parse(xml: bytes, on_start) -> None:
    from xml.parsers import expat

    def refuse(*_args) -> None:  # a ValueError, as defusedxml's: the file is refused, not read around
        raise ValueError("DTD or entity declaration in a workbook part")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = on_start
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        raise SyntaxError(str(exc)) from None


def sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook file; [] when it cannot be read as one."""
    try:
        with open_archive(Path(path)) as zf:
            return list(sheet_parts(zf))
    except (RakInputError, KeyError, SyntaxError, ValueError):
        return []


def _parts_or_none(zf: zipfile.ZipFile) -> dict[str, str] | None:
    try:
        return sheet_parts(zf)
    except (KeyError, SyntaxError):  # no workbook part in the expected place: nothing to add
        return None


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _formula_cells(grids: "Grids", xmls: dict[str, bytes], parts: dict[str, str]) -> None:
    """Put '#REF!'-style strings into the grids and note formulas without a result.

    Linear in the size of the XML: each search starts where the previous cell ended, and the
    scan stops at the last cell (400,000 empty <f/> in an extension block cost one pass)."""
    from html import unescape

    for name, grid in grids.items():
        xml = xmls.get(parts.get(name, ""))
        # Excel always stores a formula's result; a formula with no value or an empty one (or
        # an error value) is what needs the scan. Most files have neither: no scan at all.
        if xml is None or not (b't="e"' in xml or b"</f></c>" in xml or b"/></c>" in xml or b"<v></v>" in xml
                               or b"<v/>" in xml):
            continue
        pos = xml.find(b"<sheetData")
        stop = xml.rfind(b"</sheetData>")
        if pos < 0:
            continue
        hits, ref, kind_of, value_of, formula_of = (re.compile(p) for p in (_HIT, _REF, _TYPE, _VALUE, _FORMULA))
        stop = len(xml) if stop < 0 else stop
        while (hit := hits.search(xml, pos, stop)) is not None:
            start = xml.rfind(b"<c ", pos, hit.start())
            end = xml.find(b"</c>", hit.start(), stop)
            if end < 0:  # no cell after this point: the rest cannot hold one
                break
            pos = end + 1
            if start < 0:
                continue
            cell = xml[start:end]
            head = cell[: cell.find(b">") + 1]
            if head.endswith(b"/>"):  # an empty cell <c .../>: the hit lies in a later one
                pos = start + len(head)
                continue
            where, kind = ref.search(head), kind_of.search(head)
            if where is None:
                continue
            value = value_of.search(cell)
            text = unescape(value[1].decode("utf-8", "replace")) if value else ""
            r, c = int(where[2]), _col(where[1])
            if kind is None or kind[1] != b"e":
                # No <v> at all: never calculated (openpyxl and the like write formulas so). An empty
                # <v></v> is a stored empty result (XlsxWriter writes a "" result so, Excel with t="str").
                if value is None:
                    formula = formula_of.search(cell)
                    body = unescape(formula[1].decode("utf-8", "replace")) if formula and formula[1] else ""
                    grids.uncomputed.setdefault(name, {})[(r, c)] = f"={body}" if body else "=…"
                continue
            if text not in EXCEL_ERRORS:
                continue
            while len(grid) < r:
                grid.append([])
            row = grid[r - 1]
            if len(row) < c:
                row.extend([None] * (c - len(row)))
            row[c - 1] = text
