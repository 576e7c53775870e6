"""Worksheet extensions (<extLst>) that openpyxl cannot model: carried through, or refused.

Excel 2010+ saves a conditional format or a data validation whose formula
names another sheet (e.g. a dropdown over 'Bagian'!B5:B34) in the worksheet's
x14 <extLst>, not in the classic element. openpyxl reads no worksheet <extLst>
and saves without it, warning only, so a highlight or dropdown would vanish
from every file written through openpyxl (`rak-xl run`, Siapkan Kiriman).

Those x14 extensions hold formulas, ranges and inline formats only (no
relationship ids, no style indexes), so they stay valid when copied verbatim
into the sheet openpyxl wrote: that is what happens here, sheet by sheet, for
the sheets that are kept. Any other worksheet extension (slicers, timelines:
these point at parts openpyxl drops) is refused before anything is written.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from rak_xl.core import refusals as R

from .workbook_parts import patch_sheets, sheet_parts

# Worksheet extensions made only of formulas, ranges and inline formats (MS-XLSX 2.3.x).
COPIED = {
    "{78C0D931-6437-407d-A8EE-F0AAD7539E65}": "format bersyarat",  # x14:conditionalFormattings
    "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}": "validasi data",  # x14:dataValidations
    "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}": "sparkline",  # x14:sparklineGroups
}

SheetExtensions = dict[str, list[tuple[str, bytes]]]  # sheet name -> [(uri, <ext> element as XML)]

# The bytes are sliced, not parsed and re-serialised: ElementTree would rename every prefix
# (x14:, xm:) and cannot write the unprefixed main namespace back; slicing keeps Excel's own text.
_TAG = rb"<(/?)(?:[A-Za-z_][\w.-]*:)?%s\b[^>]*?(/?)>"
_EXT_LIST = re.compile(_TAG % rb"extLst")
_EXT = re.compile(_TAG % rb"ext")
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?worksheet\b[^>]*>")
_XMLNS = re.compile(rb"""\sxmlns(?::[\w.-]+)?=("[^"]*"|'[^']*')""")
_URI = re.compile(rb"""\suri=["']([^"']*)["']""")


def _children(xml: bytes, tag: re.Pattern, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each outermost element matching `tag` within xml[start:end]."""
    spans, depth, opened = [], 0, 0
    for m in tag.finditer(xml, start, end):
        if m[2]:  # self-closing
            if depth == 0:
                spans.append((m.start(), m.end()))
        elif not m[1]:
            if depth == 0:
                opened = m.start()
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                spans.append((opened, m.end()))
    return spans


def sheet_ext_elements(xml: bytes) -> list[tuple[str, bytes]]:
    """The <ext> elements of the worksheet's own <extLst> (its last child), each with the namespace
    declarations of the worksheet element added so that it stands on its own."""
    close = xml.rstrip().rfind(b"</")
    lists = _children(xml, _EXT_LIST, 0, close)
    if not lists or xml[lists[-1][1]:close].strip():
        return []  # no extLst, or the last one is nested inside another element
    root = _ROOT.search(xml)
    declared = [d.group(0) for d in _XMLNS.finditer(root.group(0))] if root else []
    found = []
    for start, end in _children(xml, _EXT, *lists[-1]):
        element = xml[start:end]
        head_end = element.index(b">")
        own = {d.group(0).split(b"=")[0].strip() for d in _XMLNS.finditer(element[:head_end])}
        extra = b"".join(d for d in declared if d.split(b"=")[0].strip() not in own)
        self_closing = element[head_end - 1:head_end] == b"/"
        cut = head_end - 1 if self_closing else head_end
        uri = _URI.search(element[:head_end])
        found.append((uri.group(1).decode() if uri else "", element[:cut] + extra + element[cut:]))
    return found


def read_extensions(source: Path) -> SheetExtensions:
    """The <ext> elements of each worksheet's own <extLst> in `source` (sheets without one omitted)."""
    found: SheetExtensions = {}
    with zipfile.ZipFile(source) as zf:
        names = set(zf.namelist())
        for sheet, part in sheet_parts(zf).items():
            if part in names:
                data = zf.read(part)
                if b"extLst" in data:
                    exts = sheet_ext_elements(data)
                    if exts:
                        found[sheet] = exts
    return found


@contextmanager
def extension_warnings_handled():
    """Silence openpyxl's "extension is not supported and will be removed": here they are kept."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*extension is not supported and will be removed")
        yield


def refuse_unknown(source: Path, exts: SheetExtensions, kept: Iterable[str]) -> None:
    """Raise, before anything is written, when a kept sheet has an extension that cannot be copied."""
    for sheet in kept:
        unknown = [uri for uri, _xml in exts.get(sheet, []) if uri not in COPIED]
        if unknown:
            raise R.EXTENSIONS_NOT_COPYABLE(sheet=sheet, name=source, extensions=", ".join(unknown))


def restore_extensions(saved: Path, exts: SheetExtensions, kept: Iterable[str]) -> None:
    """Put each kept sheet's extensions back into the file openpyxl saved (rewritten in place).

    `saved` is the temporary file of an atomic save, never a file staff see.
    """
    kept = [s for s in kept if any(uri in COPIED for uri, _ in exts.get(s, []))]
    if not kept:
        return

    def patch(ext_xml: bytes) -> Callable[[bytes], bytes]:
        return lambda xml: _insert(xml, ext_xml)

    patch_sheets(saved, {s: patch(b"".join(xml for uri, xml in exts[s] if uri in COPIED)) for s in kept})


def _insert(sheet_xml: bytes, ext_xml: bytes) -> bytes:
    """Append <ext> elements to the worksheet's <extLst>, its last child by the schema."""
    end = sheet_xml.rindex(b"</worksheet>")
    head = sheet_xml[:end].rstrip()
    closing = b"</extLst>"
    if head.endswith(closing):  # the writer made an extLst of its own: add ours to it
        return head[:-len(closing)] + ext_xml + sheet_xml[len(head) - len(closing):]
    return head + b"<extLst>" + ext_xml + b"</extLst>" + sheet_xml[end:]
