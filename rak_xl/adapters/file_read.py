"""Read a workbook file into grids with python-calamine (fast, no formatting).

Before calamine parses anything, the archive is checked: a file that is not a
zip (a renamed .xls or .csv), a truncated one, an encrypted one, or a zip bomb
is refused with a message staff can act on.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import RakInputError
from ..layout import OUTPUT_SHEETS
from ..parse.tables import Grid

EXTENSIONS = (".xlsx", ".xlsm")
MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # 512 MiB of XML is far beyond any real RAK workbook
MAX_RATIO = 200  # deflate of sheet XML reaches ~20-50x; far above that is a bomb
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_archive(path: Path) -> None:
    """Refuse what is not a sane .xlsx/.xlsm package, with an Indonesian message."""
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
        raise RakInputError(
            f"Berkas '{path.name}' terkunci kata sandi atau berformat lama (.xls).",
            message_en=f"'{path.name}' is password-protected or in the old .xls format.",
            hint="Buka di Excel, hapus kata sandi (File > Info > Protect Workbook) dan simpan sebagai .xlsm.")
    if not zipfile.is_zipfile(path):
        raise RakInputError(
            f"Berkas '{path.name}' rusak atau bukan workbook Excel.",
            message_en=f"'{path.name}' is damaged or not an Excel workbook.",
            hint="Minta salinan berkas yang utuh atau simpan ulang dari Excel.")
    try:
        with zipfile.ZipFile(path) as zf:
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
    except zipfile.BadZipFile:
        raise RakInputError(f"Berkas '{path.name}' rusak (arsip tidak utuh).",
                            message_en=f"'{path.name}' is damaged (incomplete archive).",
                            hint="Minta salinan berkas yang utuh.") from None


def _bomb(path: Path) -> RakInputError:
    return RakInputError(
        f"Berkas '{path.name}' terlalu besar setelah dibuka (kemungkinan berkas berbahaya); tidak diproses.",
        message_en=f"'{path.name}' expands to an unreasonable size (possible zip bomb); not processed.",
        hint="Periksa asal berkas; workbook RAK biasa berukuran kurang dari beberapa MB.")


def _clean(value: object) -> object:
    return None if value == "" else value


def read_grids(path: str | Path) -> dict[str, Grid]:
    """sheet name -> 2-D list of values from A1 (None for empty). Output sheets are skipped."""
    from python_calamine import CalamineError, CalamineWorkbook

    path = Path(path)
    check_archive(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
        grids: dict[str, Grid] = {}
        for name in book.sheet_names:
            if name in OUTPUT_SHEETS:
                continue
            sheet = book.get_sheet_by_name(name)
            grids[name] = [[_clean(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
        return grids
    except (CalamineError, ValueError, KeyError, OSError, zipfile.BadZipFile) as exc:
        raise RakInputError(f"Berkas '{path.name}' tidak dapat dibaca sebagai workbook Excel.",
                            message_en=f"'{path.name}' cannot be read as an Excel workbook ({exc}).",
                            hint="Buka di Excel dan simpan ulang sebagai .xlsm.") from None
