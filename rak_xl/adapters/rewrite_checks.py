"""What the write path checks before openpyxl loads a workbook whole to write a copy of it:
openpyxl allocates an object per cell of every merge and hyperlink range, and refuses to load
a sheet name Excel forbids, so both are refused here, naming the sheet, before any work."""

from __future__ import annotations

import re
from pathlib import Path

from rak_xl.core import refusals as R
from rak_xl.core.text import Both, full_path, thousands

from .archive import open_zip
from .cell_census import census
from .workbook_parts import part_xml, parts_or_none

# openpyxl creates one object per merged cell; beyond this a merge is refused.
MAX_MERGED_CELLS = 1_000_000
# Characters Excel forbids in a sheet name (openpyxl refuses to load a workbook with one).
_BAD_SHEET_NAME = r"[\\/*?:\[\]]"


def check_rewritable(path: Path, data: bytes) -> None:
    """Before a workbook is loaded whole to write a copy (openpyxl): refuse, naming the sheet,
    what would make the load allocate per cell of a range, or fail on a sheet name."""
    with open_zip(path, data) as zf:
        parts = parts_or_none(zf) or {}
        for name, part in parts.items():
            if name is None or re.search(_BAD_SHEET_NAME, name) or not name.strip():
                raise R.SHEET_NAME_FORBIDDEN(name=path, sheet=str(name))
            xml = part_xml(zf, part)
            shape = None if xml is None else census(xml, name, full_path(path), merges=True)
            if shape is not None and shape.merged > MAX_MERGED_CELLS:
                raise R.MERGES_TOO_LARGE(name=path, sheet=name, cells=Both(thousands(shape.merged),
                                                                               thousands(shape.merged, lang="en")))
