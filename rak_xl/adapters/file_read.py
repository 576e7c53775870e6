"""Read a workbook file into grids with python-calamine (fast, no formatting).

Before calamine parses anything, the archive is checked: a file that is not a
zip (a renamed .xls or .csv), a truncated one, an encrypted one, or a zip bomb
is refused with a message staff can act on.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import RakInputError
from ..layout import OUTPUT_SHEETS
from ..memory import paused_gc
from ..parse.tables import Grid
from ..parse.values import EXCEL_ERRORS

EXTENSIONS = (".xlsx", ".xlsm")
MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # 512 MiB of XML is far beyond any real RAK workbook
MAX_RATIO = 200  # deflate of sheet XML reaches ~20-50x; far above that is a bomb
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_OLE_SCAN = 64 * 1024 * 1024  # an encrypted RAK workbook is a few MB; its directory lies within


def check_archive(path: Path) -> None:
    """Refuse what is not a sane .xlsx/.xlsm package, with an Indonesian message."""
    open_archive(path).close()


def open_archive(path: Path) -> zipfile.ZipFile:
    """check_archive, handing back the opened package (the formula scan reads it: one open, not two)."""
    if not path.exists():
        raise RakInputError(f"Berkas '{path.name}' tidak ditemukan.", message_en=f"File '{path.name}' not found.",
                            hint="Periksa nama dan folder berkas.")
    if path.is_dir():
        raise RakInputError(f"'{path.name}' adalah folder, bukan berkas Excel.",
                            message_en=f"'{path.name}' is a folder, not an Excel file.")
    if path.suffix.lower() not in EXTENSIONS:
        raise RakInputError(
            f"Berkas '{path.name}' bukan workbook Excel (.xlsx atau .xlsm).",
            message_en=f"'{path.name}' is not an Excel workbook (.xlsx or .xlsm).",
            hint="Simpan ulang dari Excel sebagai 'Excel Macro-Enabled Workbook (*.xlsm)'.")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except PermissionError:
        raise RakInputError(f"Berkas '{path.name}' tidak dapat dibuka: akses ditolak.",
                            message_en=f"'{path.name}' cannot be opened: permission denied.",
                            hint="Tutup berkas di aplikasi lain atau periksa izin berkas.") from None
    except OSError as exc:
        raise RakInputError(f"Berkas '{path.name}' tidak dapat dibaca ({exc.strerror}).",
                            message_en=f"'{path.name}' cannot be read ({exc.strerror}).") from None
    if head == OLE_MAGIC:
        raise _ole(path)
    if not zipfile.is_zipfile(path):
        raise RakInputError(
            f"Berkas '{path.name}' rusak atau bukan workbook Excel.",
            message_en=f"'{path.name}' is damaged or not an Excel workbook.",
            hint="Minta salinan berkas yang utuh atau simpan ulang dari Excel.")
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise RakInputError(f"Berkas '{path.name}' rusak (arsip tidak utuh).",
                            message_en=f"'{path.name}' is damaged (incomplete archive).",
                            hint="Minta salinan berkas yang utuh.") from None
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
                            hint="Simpan ulang tanpa kata sandi.")


def _ole(path: Path) -> RakInputError:
    """An OLE compound file: Excel's encrypted package (password to open) or an old .xls."""
    with path.open("rb") as fh:
        data = fh.read(MAX_OLE_SCAN)
    # Stream names sit in the directory in UTF-16; an encrypted OOXML package has these two.
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return RakInputError(
            f"Berkas '{path.name}' terkunci kata sandi.",
            message_en=f"'{path.name}' is password-protected.",
            hint="Buka di Excel, hapus kata sandi (File > Info > Protect Workbook > Encrypt with Password, "
                 "kosongkan) lalu simpan sebagai .xlsm.")
    return RakInputError(
        f"Berkas '{path.name}' berformat lama (.xls, Excel 97-2003), bukan .xlsx/.xlsm.",
        message_en=f"'{path.name}' is in the old .xls format (Excel 97-2003), not .xlsx/.xlsm.",
        hint="Buka di Excel dan simpan sebagai 'Excel Macro-Enabled Workbook (*.xlsm)'.")


def _bomb(path: Path) -> RakInputError:
    return RakInputError(
        f"Berkas '{path.name}' terlalu besar setelah dibuka (kemungkinan berkas berbahaya); tidak diproses.",
        message_en=f"'{path.name}' expands to an unreasonable size (possible zip bomb); not processed.",
        hint="Periksa asal berkas; workbook RAK biasa berukuran kurang dari beberapa MB.")


def read_grids(path: str | Path) -> dict[str, Grid]:
    """sheet name -> 2-D list of values from A1 (None for empty). Output sheets are skipped."""
    path = Path(path)
    with open_archive(path) as zf, paused_gc():  # many small acyclic objects: see rak_xl/memory.py
        return _read_grids(path, zf)


def _read_grids(path: Path, zf: zipfile.ZipFile) -> dict[str, Grid]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        grids = Grids()
        for name in book.sheet_names:
            if name in OUTPUT_SHEETS:
                continue
            sheet = book.get_sheet_by_name(name)
            # calamine gives "" for an empty cell; the grids use None (as xlwings does). Inline: per cell.
            grids[name] = [[None if v == "" else v for v in row] for row in sheet.to_python(skip_empty_area=False)]
        _formula_cells(zf, grids)
        return grids
    except (CalamineError, ValueError, KeyError, OSError, zipfile.BadZipFile) as exc:
        raise RakInputError(f"Berkas '{path.name}' tidak dapat dibaca sebagai workbook Excel.",
                            message_en=f"'{path.name}' cannot be read as an Excel workbook ({exc}).",
                            hint="Buka di Excel dan simpan ulang sebagai .xlsm.") from None


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

_HIT = re.compile(rb'<f[ >/]|t="e"')
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_TYPE = re.compile(rb'\bt="([a-z]+)"')
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.DOTALL)
_VALUE = re.compile(rb"<v>(.*?)</v>", re.DOTALL)


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its zip member, from the workbook part and its relationships."""
    from defusedxml import ElementTree

    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = {}
    for sheet in book.iter(f"{ns}sheet"):
        target = targets.get(sheet.get(f"{rel_ns}id"), "")
        parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts


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


_SKIP_LOOKUP_ABOVE = 256 * 1024  # bytes of sheet XML; inflating and searching 256 KB takes about 1 ms


def _formula_cells(zf: zipfile.ZipFile, grids: "Grids") -> None:
    """Put '#REF!'-style strings into the grids and note formulas without a result."""
    from html import unescape

    infos = [i for i in zf.infolist() if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
    members = [i.filename for i in infos]
    parts: dict[str, str] | None = None
    if len(members) > len(grids) and sum(i.file_size for i in infos) > _SKIP_LOOKUP_ABOVE:
        # Sheets that were not read (Temuan, Konsolidasi, Evaluasi ... in a workbook after `run` or
        # in a Siapkan Kiriman package) are the largest parts: look up which part is which and
        # leave those out, rather than inflating and searching XML nobody uses. (Below the size
        # limit the lookup, about 0.15 ms, costs more than it saves.)
        parts = _parts_or_none(zf)
        if parts is None:
            return
        read = {parts[name] for name in grids if name in parts}
        members = [m for m in members if m in read]
    marked = {}
    for member in members:
        xml = zf.read(member)
        # Excel always stores a formula's result; a formula with no value or an empty one (or
        # an error value) is what needs the scan. Most files have neither: no scan at all.
        if (b't="e"' in xml or b"</f></c>" in xml or b"/></c>" in xml or b"<v></v>" in xml
                or b"<v/>" in xml):
            marked[member] = xml
    if not marked:
        return
    if parts is None:
        parts = _parts_or_none(zf)
        if parts is None:
            return
    for name, grid in grids.items():
        xml = marked.get(parts.get(name, ""))
        if xml is None:
            continue
        pos = 0
        while (hit := _HIT.search(xml, pos)) is not None:
            start = xml.rfind(b"<c ", 0, hit.start())
            end = xml.find(b"</c>", hit.start())
            pos = (end if end >= 0 else hit.end()) + 1
            cell = xml[start:end]
            head = cell[: cell.find(b">") + 1]
            where, kind = _REF.search(head), _TYPE.search(head)
            if start < 0 or end < 0 or where is None:
                continue
            value = _VALUE.search(cell)
            text = unescape(value[1].decode("utf-8", "replace")) if value else ""
            r, c = int(where[2]), _col(where[1])
            if kind is None or kind[1] != b"e":
                # No <v> at all: never calculated (openpyxl and the like write formulas so). An empty
                # <v></v> is a stored empty result (XlsxWriter writes a "" result so, Excel with t="str").
                if value is None:
                    formula = _FORMULA.search(cell)
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
