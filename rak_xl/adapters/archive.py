"""A workbook file's bytes and its zip archive, checked before anything parses them.

Only a regular file is read (a FIFO would block, a link to /dev/zero never ends), at most
MAX_FILE bytes, once, into memory. The archive is then refused, with a message staff can act
on, when it is no zip (a renamed .xls or .csv, an empty file), a truncated one, an OLE file
(Excel's password-protected package or an old .xls), an encrypted zip, a zip without a
workbook part, or a zip bomb (too many members, too much or too highly inflated content).
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

from rak_xl.core.errors import RakInputError

EXTENSIONS = (".xlsx", ".xlsm")
MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # 512 MiB of XML is far beyond any real RAK workbook
MAX_RATIO = 200  # deflate of sheet XML reaches ~20-50x; far above that is a bomb
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_OLE_SCAN = 64 * 1024 * 1024  # an encrypted RAK workbook is a few MB; its directory lies within
MAX_FILE = 256 * 1024 * 1024  # bytes on disk; a RAK workbook is a few MB


def open_archive(path: Path) -> zipfile.ZipFile:
    """The checked package of the file at `path`, opened."""
    return open_zip(path, read_bytes(path))


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


def open_zip(path: Path, data: bytes) -> zipfile.ZipFile:
    """The zip archive in `data` (the bytes of `path`), once it passed every check here."""
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
