"""What a file is, from its first bytes and the zip's table of contents, without reading it whole.

Rekap Provinsi's folder holds what the satkers send: workbooks beside the package's PDF and
e-mail text, now and then a Word file. The folder scan asks this module which entries are
workbooks before anything is read or hashed: the zip magic (or the OLE magic of an .xls or an
encrypted workbook) from the first bytes, then a workbook part in the zip's central directory,
which zipfile reads from the end of the file without inflating any part.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from .archive import MAX_MEMBERS, OLE_MAGIC

ZIP_MAGIC = b"PK\x03\x04"
_WORKBOOK_PARTS = {"xl/workbook.xml", "xl/workbook.bin"}

WORKBOOK = "workbook"  # a workbook (or one the reader will name: damaged, encrypted, an old .xls)
EMPTY = "empty"  # no bytes at all
OTHER = "other"  # something else: a PDF or a text renamed, a zip of other files


def file_kind(path: Path) -> str:
    """WORKBOOK, EMPTY or OTHER for a regular file. A zip whose table of contents cannot be read is
    left to the reader (WORKBOOK), which says what is wrong with it."""
    # O_NONBLOCK: a FIFO swapped in since the scan's stat must not block the open (archive.read_bytes does the same).
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb", closefd=True) as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # the reader names what it is
            return WORKBOOK
        head = fh.read(len(OLE_MAGIC))
        if not head:
            return EMPTY
        if head == OLE_MAGIC:
            return WORKBOOK
        if not head.startswith(ZIP_MAGIC):
            return OTHER
        fh.seek(0)
        try:
            with zipfile.ZipFile(fh) as zf:
                infos = zf.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return WORKBOOK
    if len(infos) > MAX_MEMBERS:  # the reader refuses it, naming why
        return WORKBOOK
    return WORKBOOK if any(i.filename in _WORKBOOK_PARTS for i in infos) else OTHER
