"""Scans of a sheet's XML for what calamine reads wrong, put right in the grids.

calamine reads a formula error (#REF!) and a formula saved without its result alike as an
empty cell. Both matter: the first is an error staff must fix, the second means the file holds
no value to check. So the sheet XML is scanned for such cells (only those: the scan jumps from
one <f> or t="e" to the next). Errors go into the grid as the strings Excel shows (as xlwings
reads them); formulas without a result stay blank and are listed in `Grids.uncomputed`.
A date cell holding a negative serial, which calamine gives as a time, gets its number back.
"""

from __future__ import annotations

import re

from rak_xl.parse.values import EXCEL_ERRORS

from .cell_census import col_number, holds


class Grids(dict):
    """sheet name -> grid, plus {sheet: {(row, col): formula}} of formulas saved without a result."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.uncomputed: dict[str, dict[tuple[int, int], str]] = {}


# Patterns kept as text and compiled on first use (most files need no scan).
_HIT = rb'<f[ >/]|t="e"'
_REF = rb'\br="([A-Z]{1,3})([0-9]+)"'
_TYPE = rb'\bt="([a-z]+)"'
_FORMULA = rb"(?s)<f\b[^>]*?(?:/>|>(.*?)</f>)"
_VALUE = rb"(?s)<v>(.*?)</v>"
# How a formula cell saved without its result ends, or what it holds for one.
_UNSAVED = (b"</f></c>", b"/></c>", b"<v></v>", b"<v/>")


def formula_cells(grids: Grids, xmls: dict[str, bytes], parts: dict[str, str]) -> None:
    """Put '#REF!'-style strings into the grids and note formulas without a result.

    Linear in the size of the XML: each search starts where the previous cell ended, and the
    scan stops at the last cell (400,000 empty <f/> in an extension block cost one pass)."""
    from html import unescape

    for name, grid in grids.items():
        xml = xmls.get(parts.get(name, ""))
        pos = -1 if xml is None else xml.find(b"<sheetData")
        if pos < 0:
            continue
        stop = xml.rfind(b"</sheetData>")
        stop = len(xml) if stop < 0 else stop
        # Excel always stores a formula's result; a formula with no value or an empty one (or
        # an error value) is what needs the scan. Most files have neither: a sheet with no error cell,
        # and no formula where the scan looks (a dropdown's <formula1> lies outside) or none written
        # the way an unsaved one ends, is not scanned.
        if not (holds(xml, b't="e"') or (holds(xml, b"<f", pos, stop) and any(holds(xml, u) for u in _UNSAVED))):
            continue
        hits, ref, kind_of, value_of, formula_of = (re.compile(p) for p in (_HIT, _REF, _TYPE, _VALUE, _FORMULA))
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
            if b't="e"' not in head and (v := cell.find(b"<v>")) >= 0 and cell.find(b"</v>", v) >= 0:
                continue  # a formula with its result, the usual cell: nothing to note (as below, sooner)
            where, kind = ref.search(head), kind_of.search(head)
            if where is None:
                continue
            value = value_of.search(cell)
            text = unescape(value[1].decode("utf-8", "replace")) if value else ""
            r, c = int(where[2]), col_number(where[1])
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


def negative_serials(grids: Grids, xmls: dict[str, bytes], parts: dict[str, str]) -> None:
    """A date cell holding a negative serial (-5) comes from calamine as the time 00:00:00, which
    the finding would then quote; put the number the cell holds back in its place."""
    import datetime as dt

    from rak_xl.core.model import col_letter

    for name, grid in grids.items():
        xml = xmls.get(parts.get(name, ""))
        first = -1 if xml is None else xml.find(b"<v")  # no '-' after the first value: no negative one (memchr)
        if first < 0 or xml.find(b"-", first) < 0 or not holds(xml, b"<v>-"):
            continue
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, dt.time):
                    cell = re.search(rb'<c r="%s%d"[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>(-[0-9.Ee+-]+)</v>'
                                     % (col_letter(c).encode(), r), xml)
                    if cell is not None:
                        number = float(cell[1])
                        row[c - 1] = int(number) if number.is_integer() else number
