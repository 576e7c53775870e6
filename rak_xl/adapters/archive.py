"""A workbook file's bytes and its zip archive, checked before anything parses them.

Only a regular file is read (a FIFO would block, a link to /dev/zero never ends), at most
MAX_FILE bytes, once, into memory. The archive is then refused, with a message staff can act
on, when it is no zip (a renamed .xls or .csv, an empty file), a truncated one, an OLE file
(Excel's password-protected package or an old .xls), an encrypted zip, or a zip bomb: too many
members, too much or too highly inflated content in all, or in one part (checked on every member,
since the write path loads them all). Which member is which part is workbook_parts.py's.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

from rak_xl.core import refusals as R
from rak_xl.core.errors import RakInputError
from rak_xl.core.text import Both, both, os_reason, thousands

EXTENSIONS = (".xlsx", ".xlsm")
MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # 512 MiB of XML is far beyond any real RAK workbook
MAX_RATIO = 200  # deflate of sheet XML reaches ~20-50x; far above that is a bomb
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_OLE_SCAN = 64 * 1024 * 1024  # an encrypted RAK workbook is a few MB; its directory lies within
MAX_FILE = 256 * 1024 * 1024  # bytes on disk; a RAK workbook is a few MB
MIB = 1024 * 1024
# One part, inflated: a 10,000-row RAK sheet is 1.5 MiB. Beyond RATIO_FLOOR a part may not inflate
# more than MAX_RATIO-fold either (sheet XML deflates 5-20 fold), whatever the archive's overall ratio.
MAX_PART = 32 * MIB
RATIO_FLOOR = 8 * MIB


def open_archive(path: Path) -> zipfile.ZipFile:
    """The checked package of the file at `path`, opened."""
    return open_zip(path, read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, read once: a regular file only (symlinks resolved), at most MAX_FILE bytes."""
    path = Path(path)
    try:
        info = os.stat(path)  # follows symlinks: what would be opened
    except FileNotFoundError:
        raise R.FILE_NOT_FOUND(path=path) from None
    except OSError as exc:  # a link loop, a name too long, no permission on the folder
        raise R.FILE_UNREADABLE(name=path, reason=os_reason(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise R.FILE_IS_FOLDER(name=path)
    if path.suffix.lower() not in EXTENSIONS:
        raise R.NOT_AN_EXCEL_NAME(name=path)
    if not stat.S_ISREG(info.st_mode):
        raise R.NOT_A_REGULAR_FILE(name=path)
    try:
        # O_NONBLOCK: a FIFO swapped in after the check must not block the open; fstat checks again.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except PermissionError:
        raise R.FILE_LOCKED(name=path) from None
    except OSError as exc:
        raise R.FILE_UNREADABLE(name=path, reason=os_reason(exc)) from None
    with open(fd, "rb", closefd=True) as fh:
        opened = os.fstat(fh.fileno())
        if not stat.S_ISREG(opened.st_mode):
            raise R.NOT_A_REGULAR_FILE(name=path)
        if opened.st_size > MAX_FILE:  # refused unread; a file that grows while read is caught below
            raise R.TOO_LARGE(name=path)
        try:
            # Asked for the size fstat gave (plus one byte, to see growth): asked for MAX_FILE + 1, the buffered
            # reader allocates that much first and shrinks it after, a cost in every file of a recap.
            data = fh.read(opened.st_size + 1)
            if len(data) > opened.st_size:  # grew since fstat: the rest, up to the limit
                data += fh.read(MAX_FILE + 1 - len(data))
        except OSError as exc:
            raise R.FILE_UNREADABLE(name=path, reason=os_reason(exc)) from None
    if len(data) > MAX_FILE:
        raise R.TOO_LARGE(name=path)
    return data


def open_zip(path: Path, data: bytes) -> zipfile.ZipFile:
    """The zip archive in `data` (the bytes of `path`), once it passed every check here."""
    if data[:8] == OLE_MAGIC:
        raise _ole(path, data)
    buffer = io.BytesIO(data)
    try:
        zf = zipfile.ZipFile(buffer)
    except (zipfile.BadZipFile, ValueError, OSError):
        # Told apart only on failure (an archive that opens has its end record): no zip at all, or a damaged one.
        raise (R.ARCHIVE_INCOMPLETE if zipfile.is_zipfile(buffer) else R.NOT_A_ZIP)(name=path) from None
    try:
        _check_members(path, zf)
    except BaseException:
        zf.close()
        raise
    return zf


def _check_members(path: Path, zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise R.TOO_LARGE(name=path)
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or (total > 50 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise R.TOO_LARGE(name=path)
    for info in infos:
        if info.file_size > MAX_PART:
            raise over_budget(path, "budget.part_size", info.file_size // MIB, MAX_PART // MIB, "budget.mib")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise over_budget(path, "budget.part_ratio", info.file_size // max(info.compress_size, 1), MAX_RATIO,
                              "budget.ratio")
    if any(i.flag_bits & 0x1 for i in infos):
        raise R.ARCHIVE_ENCRYPTED(name=path)


def over_budget(file: str | Path, budget: str, found: int, limit: int, unit: str = "") -> RakInputError:
    """RAK722 naming `budget` (a words key), with what the file holds and the limit, in both languages."""
    def amount(n: int) -> Both:
        counted = Both(thousands(n), thousands(n, lang="en"))
        return both(unit, amount=counted) if unit else counted
    return R.OVER_BUDGET(name=file, budget=both(budget), found=amount(found), limit=amount(limit))


def _ole(path: Path, data: bytes) -> RakInputError:
    """An OLE compound file: Excel's encrypted package (password to open) or an old .xls."""
    data = data[:MAX_OLE_SCAN]
    # Stream names sit in the directory in UTF-16; an encrypted OOXML package has these two.
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return R.PASSWORD_PROTECTED(name=path)
    return R.OLD_XLS(name=path)
