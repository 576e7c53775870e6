"""What the write path checks before openpyxl loads a workbook whole to write a copy of it.

openpyxl finds parts its own way (the workbook part and the shared strings through
[Content_Types].xml, every part by its exact name) and builds an object for every cell format,
shared string, row, cell, defined name and merged cell. So the package is resolved as the reader
resolved it (workbook_parts.py) and must name the same parts to openpyxl, or the outputs of one
plan could be written beside the sheets of another; and each of those counts is held to a budget
on the file's bytes, in a second or two, before openpyxl is given them. A sheet name Excel forbids
(openpyxl refuses to load it) and a Strict Open XML package (it loads with no sheets) are refused
here too.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from rak_xl.core import refusals as R
from rak_xl.core.text import Both, thousands

from .archive import open_zip, over_budget
from .cell_census import census
from .workbook_parts import BOOK, PACKAGE_RELS, STRINGS, STYLES, Package, content_types, resolve

# Excel's "Strict Open XML Spreadsheet" names its parts in these namespaces; openpyxl reads none of them.
_STRICT_NAMESPACE = b"http://purl.oclc.org/ooxml/"

# openpyxl creates one object per merged cell; beyond this a merge is refused.
MAX_MERGED_CELLS = 1_000_000
# Budgets of the write path, on what openpyxl builds an object for. Each is far above a RAK
# workbook (in brackets: the 10,000-row one of tests/synthetic.py after `run`, the largest seen)
# and, alone at its limit, costs openpyxl seconds (measured: a cell format 0.2 ms, a shared
# string 40 us, a row 12 us, a cell 50 us loaded, cleared and saved again).
MAX_STYLES = 20_000  # cell formats and what they are made of; Excel stops at 64,000 formats (60)
MAX_STRINGS = 100_000  # shared strings (7,000)
MAX_ROWS = 200_000  # <row> elements of all sheets (36,000)
MAX_CELLS = 600_000  # <c> elements of all sheets (360,000)
MAX_NAMES = 10_000  # defined names (1)
MAX_TEXT = 262_144  # characters of one text, its XML included; Excel's own limit is 32,767
# Characters Excel forbids in a sheet name (openpyxl refuses to load a workbook with one).
_BAD_SHEET_NAME = r"[\\/*?:\[\]]"
_STYLE_RECORD = rb"<(?:[A-Za-z_][\w.-]*:)?(?:xf|font|fill|border|dxf|numFmt)[\s>/]"
_DEFINED_NAME = rb"<(?:[A-Za-z_][\w.-]*:)?definedName[\s>/]"
_WORKBOOK_TYPES = tuple(f"application/vnd.{kind}.main+xml" for kind in (
    "ms-excel.template.macroEnabled", "openxmlformats-officedocument.spreadsheetml.template",
    "ms-excel.sheet.macroEnabled", "openxmlformats-officedocument.spreadsheetml.sheet"))
_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def check_rewritable(path: Path, data: bytes) -> None:
    """Before a workbook is loaded whole to write a copy (openpyxl): refuse what would make openpyxl
    read other parts than the reader did, what would make the load allocate beyond a budget, and a
    sheet name it cannot load.

    `run` and `submit` ask twice, when they read the file (before any work) and in the writer: the
    answer depends on the bytes alone, so the same bytes that just passed are not checked again
    (a file changed in between is: its digest differs)."""
    global _passed
    key = (str(path), hashlib.sha256(data).digest())
    if key == _passed:
        return
    _check(path, data)
    _passed = key


_passed: tuple[str, bytes] | None = None  # (file, SHA-256 of its bytes) that passed the last check


def _check(path: Path, data: bytes) -> None:
    with open_zip(path, data) as zf:
        package = resolve(zf, path)
        if _STRICT_NAMESPACE in (package.read(PACKAGE_RELS) or b""):
            # openpyxl would load it with no sheets, and a copy would hold the output sheets only
            raise R.WORKBOOK_STRICT_OOXML(name=path)
        _same_parts_for_openpyxl(package)
        sheets = {name: package.read(part) for name, part in package.sheets.items()}
        for name, xml in sheets.items():
            if re.search(_BAD_SHEET_NAME, name) or not name.strip():
                raise R.SHEET_NAME_FORBIDDEN(name=path, sheet=name)
        _check_counts(package, [xml for xml in sheets.values() if xml is not None])
        for name, xml in sheets.items():
            shape = None if xml is None else census(xml, name, path, merges=True, counted=MAX_CELLS)
            if shape is not None and shape.merged > MAX_MERGED_CELLS:
                raise R.MERGES_TOO_LARGE(name=path, sheet=name, cells=Both(thousands(shape.merged),
                                                                               thousands(shape.merged, lang="en")))


def _same_parts_for_openpyxl(package: Package) -> None:
    """openpyxl takes the workbook part and the shared strings from [Content_Types].xml (the first
    override of each kind, the workbook types in its order): they must be the parts read."""
    overrides, defaults = content_types(package)
    book = next((part for kind in _WORKBOOK_TYPES for part, ct in overrides if ct == kind), None)
    if book is None and defaults & set(_WORKBOOK_TYPES):
        book = "/" + BOOK
    if book is not None and book != "/" + BOOK:
        raise R.PART_ELSEWHERE(name=package.file, part=book)
    strings = next((part for part, ct in overrides if ct == _STRINGS_TYPE), None)
    if strings != ("/" + STRINGS if package.has(STRINGS) else None) and (strings or package.has(STRINGS)):
        raise R.PART_ELSEWHERE(name=package.file, part=strings or STRINGS)


def _check_counts(package: Package, sheets: list[bytes]) -> None:
    """The write path's budgets, each counted at C speed (a count may include a look-alike: it errs
    high) before anything is counted one object at a time."""
    file = package.file
    styles, strings = package.read(STYLES) or b"", package.read(STRINGS) or b""
    data = [xml[xml.find(b"sheetData"): xml.rfind(b"sheetData")] for xml in sheets]
    counts = (("budget.styles", len(re.findall(_STYLE_RECORD, styles)), MAX_STYLES),
              ("budget.strings", strings.count(b"<si") + strings.count(b":si"), MAX_STRINGS),
              ("budget.rows", sum(d.count(b"<row") + d.count(b":row") for d in data), MAX_ROWS),
              ("budget.write_cells", sum(d.count(b"<c") + d.count(b":c") for d in data), MAX_CELLS),
              ("budget.names", len(re.findall(_DEFINED_NAME, package.book)), MAX_NAMES))
    for budget, found, limit in counts:
        if found > limit:
            raise over_budget(file, budget, found, limit)
    longest = max([_longest(strings, rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")]
                  + [_longest(d, rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]") for d in data])
    if longest > MAX_TEXT:
        raise over_budget(file, "budget.text", longest, MAX_TEXT, "budget.chars")


def _longest(xml: bytes, tag: bytes) -> int:
    """The longest stretch of `xml` from one `tag` to the next (a shared string or a cell, with its
    text): 0 when the whole is within MAX_TEXT, so a usual part costs one comparison."""
    if len(xml) <= MAX_TEXT:
        return 0
    longest = start = 0
    for m in re.finditer(tag, xml):
        longest = max(longest, m.start() - start)
        start = m.start()
    return max(longest, len(xml) - start)
