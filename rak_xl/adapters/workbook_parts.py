"""The one resolution of a workbook package: which zip member is the workbook part, its
relationships, its shared strings, its styles and each sheet, found once, the way python-calamine
finds them, and handed on as those bytes only.

How calamine finds a part (read in calamine 0.36.1's source: src/auto.rs, src/utils.rs,
src/xlsx/mod.rs; python-calamine 0.8.2's src/types/workbook.rs; the python-calamine 0.9.1
installed here bundles calamine 0.37.0, and tests/make_bad_corpus.py shows each rule on it):

- `CalamineWorkbook.from_filelike` tries its .xls, .xlsx, .xlsb and .ods readers on the bytes in
  that order; the first that opens them wins.
- The .xlsx reader follows the last `officeDocument` relationship of `_rels/.rels` and keeps only
  its folder: it reads `<folder>workbook.xml`, `<folder>_rels/workbook.xml.rels`,
  `<folder>sharedStrings.xml` and `<folder>styles.xml`, whatever the relationship's file name.
- A member is looked up in a table of names with `\\` read as `/` and ASCII letters in lower case;
  of two members with one such name, the later in the zip directory wins.
- A sheet is any element named `sheet`, in any namespace: its `name` and its last attribute named
  `id` (any prefix). A relationship is any element named `Relationship` (`Id`, `Type`, `Target`;
  a later `Id` replaces an earlier one). A relative target is appended to the folder as text
  (`..` is not resolved); an absolute one loses its leading `/`.
- The shared-string table reserves room for the `uniqueCount` it declares before reading a string.

So that no reader can take another part than the one checked, a package is refused here when two
members share a name that way, when the workbook part is not `xl/workbook.xml`, when it is an .xlsb
or .ods, when a part is named so that readers resolve it differently (another letter case, `\\`,
`..`, a sheet element outside `<sheets>` or with a second `id`), and when a sheet's relationship is
missing. What passes is handed to calamine as `canonical()`: a new package holding only the parts
read, stored uncompressed, so calamine reads the bytes that were censused, inflated once, here (its
sheets arranged so that calamine parses each once, where what it returns cannot change by it:
`calamine_view`).
openpyxl, which writes copies, looks parts up by exact name, as `read` insists on.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

from rak_xl.core import refusals as R
from rak_xl.core.errors import RakInputError
from rak_xl.core.text import both

BOOK = "xl/workbook.xml"
BOOK_RELS = "xl/_rels/workbook.xml.rels"
STRINGS = "xl/sharedStrings.xml"
STYLES = "xl/styles.xml"
PACKAGE_RELS = "_rels/.rels"
CONTENT_TYPES = "[Content_Types].xml"
# Transitional and Strict OOXML: both are read (the write path has its own view of Strict).
_MAIN_NS = {"http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"}
_REL_NS = {"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
           "http://purl.oclc.org/ooxml/officeDocument/relationships"}
_PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/relationships/officeDocument"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# calamine's lookup key: '\' read as '/', ASCII letters lower-cased (non-ASCII letters kept).
_FOLD = str.maketrans({"\\": "/", **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}})
# A part path both readers take alike: no '\', ':', '%', '?', '#', no empty, '.' or '..' segment.
_PLAIN_PATH = re.compile(r"[^/\\:%?#]+(?:/[^/\\:%?#]+)*")

_CANONICAL_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
                   + _PACKAGE_RELS_NS.encode() + b'"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org'
                   b'/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_CANONICAL_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.'
                    b'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
                    b'/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application'
                    b'/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.spreadsheetml.sheet.main+xml"/>%s</Types>')
_STRINGS_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.spreadsheetml.sharedStrings+xml"/>')


@cache
def _fast_zlib():
    """zlib-ng's drop-in zlib module where it is installed (it inflates the same bytes about twice
    as fast and computes CRC-32 about ten times as fast), else zlib; imported on first use, so a
    command that reads no workbook does not pay for it. Under xlwings Lite (Pyodide) it is zlib."""
    try:
        from zlib_ng import zlib_ng
    except ImportError:
        return zlib
    return zlib_ng


def fold(name: str) -> str:
    """A member name as calamine looks it up."""
    if name.isascii():  # nearly always: str.lower() then folds ASCII letters only, at C speed
        return name.replace("\\", "/").lower()
    return name.translate(_FOLD)


class Package:
    """A workbook package resolved once: its members by folded name, its sheets in workbook order
    (sheet name -> the part calamine reads for it)."""

    def __init__(self, zf: zipfile.ZipFile, file: str | Path, data: bytes | None = None) -> None:
        self.zf, self.file, self.data = zf, file, data  # data: the archive's bytes, when the caller has them
        self.book = self.book_rels = b""  # the workbook part and its relationships, read once
        self.crcs: dict[str, int] = {}  # part -> the CRC-32 of the bytes read, checked against the archive's
        self.members = _members(zf, file)
        _check_workbook_part(self)
        self.sheets = _sheets(self)

    def has(self, part: str) -> bool:
        return fold(part) in self.members

    def read(self, part: str) -> bytes | None:
        """The bytes of the member at `part`, None when there is none. A member found only by
        ignoring letter case or reading '\\' as '/' is refused: a reader of exact names (openpyxl)
        would miss it, so two readers would see different workbooks."""
        info = self.members.get(fold(part))
        if info is None:
            return None
        if info.filename != part:
            raise self.unreadable(both("parts.named_otherwise", part=part, member=info.filename))
        data = _plain_member(self.data, info) if self.data is not None else None
        if data is None:
            try:
                data = self.zf.read(info)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError) as exc:
                raise self.unreadable(f"{part}: {exc}") from None
        self.crcs[part] = info.CRC
        return data

    def unreadable(self, detail: object) -> RakInputError:
        return R.NOT_READABLE_AS_WORKBOOK(name=self.file, detail=detail)

    def canonical(self, parts: dict[str, bytes], views: bool = False) -> bytes:
        """A package of `parts` (path -> bytes: the workbook part, its relationships, shared strings,
        styles and the sheets to read) and of what locates them, stored uncompressed: all a reader
        given it can reach is these bytes, and none is inflated a second time. `views`: each sheet
        is given as `calamine_view` writes it, where it may (for calamine only)."""
        located = {CONTENT_TYPES: _CANONICAL_TYPES % (_STRINGS_TYPE if STRINGS in parts else b""),
                   PACKAGE_RELS: _CANONICAL_RELS}
        written = set(located)  # parts whose bytes here are not the archive's: their CRC-32 is worked out
        if views:
            sheets = set(self.sheets.values())
            moved = {part: view for part, xml in parts.items()
                     if part in sheets and (view := _view_pieces(xml)) is not None}
            parts = {**parts, **moved}
            written.update(moved)
        crcs = {part: crc for part, crc in self.crcs.items() if part not in written}
        return stored_zip({**located, **parts}, crcs)


Pieces = tuple[bytes | memoryview, ...]  # a member's bytes in pieces, joined only into the archive


def stored_zip(members: Mapping[str, bytes | Pieces], crcs: Mapping[str, int] | None = None) -> bytes:
    """A zip archive of `members` (name -> bytes, or its pieces), stored, without zipfile's
    per-member machinery (it is written on every read): a local header and the bytes for each, then the central
    directory (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16; version 2.0, no extra fields, no zip64:
    what is stored here is within the part budget). `crcs` gives the CRC-32 of members already
    known (a part read from a zip, whose CRC was checked as it was read), so their bytes are not
    read again. The archive is joined once: a large part is copied once, not again per piece added."""
    known = crcs or {}
    crc32 = _fast_zlib().crc32
    body, directory, offset, central = [], [], 0, 0
    for name, data in members.items():
        raw = name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800  # bit 11: the name is UTF-8
        pieces = data if isinstance(data, tuple) else (data,)
        size = sum(map(len, pieces))
        crc = known.get(name)
        if crc is None:
            crc = 0
            for piece in pieces:
                crc = crc32(piece, crc)
        head = (20, flags, 0, 0, 0x21, crc, size, size, len(raw))  # 0x21: 1980-01-01
        body += [struct.pack("<4s5H3L2H", b"PK\x03\x04", *head, 0), raw, *pieces]
        directory += [struct.pack("<4sH5H3L5H2L", b"PK\x01\x02", 20, *head, 0, 0, 0, 0, 0, offset), raw]
        offset += 30 + len(raw) + size
        central += 46 + len(raw)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), central, offset, 0)
    return b"".join([*body, *directory, end])


# calamine's reader of merged regions (python-calamine asks it for every sheet it gets) parses a
# sheet's XML from the start to its first <mergeCells> element, after <sheetData>, or to its end: every
# cell is parsed a second time, about a fifth of reading a RAK workbook. So calamine is given each
# sheet as calamine_view writes it: a copy of that element (or an empty one) before <sheetData>,
# where the merge reader then stops with what it returns now, and the part of the XML that reader
# alone parsed, after </sheetData>, moved into what the cells' reader parses: that end tag becomes
# `</_>` (the same pop of the same open element), the part follows, then `<sheetData/>` ends the
# cells. The cells' reader ignores every element but rows and cells (and, before <sheetData>, the
# dimension), so it reads the same cells, and it meets the moved bytes in the same state and nesting
# as the merge reader did: whatever failed there fails (a construct left open at the end still
# fails, with or without the added `<sheetData/>`), and only that. Done only where that holds: one
# <sheetData> with its one end tag, the copied element the first mention of mergeCells and written
# plainly (empty <mergeCell> children), and nothing in the moved part a row or a cell.
_MERGE_BLOCK = re.compile(rb"<mergeCells(?:\s[^<>]*)?(?:/>|>(?:\s*<mergeCell\s[^<>]*/>)*\s*</mergeCells\s*>)")
_ROW_OR_CELL = re.compile(rb"</?(?:[^\s/<>:]*:)*+(?:row|c)[\s/>]")  # after any prefixes: linear
_DATA = b"sheetData"


def calamine_view(xml: bytes) -> bytes | None:
    """The sheet XML `xml` as calamine is given it (see above), None where it is given as written."""
    pieces = _view_pieces(xml)
    return None if pieces is None else b"".join(pieces)


def _view_pieces(xml: bytes) -> Pieces | None:
    """calamine_view in pieces (views of `xml` and what is added), copied only once, into the package."""
    start, end = xml.find(_DATA), xml.rfind(_DATA)
    after = end + len(_DATA) + 1
    if start < 1 or end <= start or xml[start - 1] != 0x3C or xml[end - 2: end] != b"</" or xml[after - 1] != 0x3E:
        return None
    first = xml.find(b"mergeCells", after)
    block = _MERGE_BLOCK.match(xml, first - 1) if first > after else None
    if first >= 0 and block is None:
        return None
    moved_end = len(xml) if block is None else block.start()
    if (_ROW_OR_CELL.search(xml, after, moved_end)
            or xml.find(b"mergeCells", 0, start) >= 0 or xml.rfind(b"mergeCells", start, end) >= 0
            or xml.rfind(_DATA, start + len(_DATA), end) >= 0):
        return None
    whole = memoryview(xml)
    return (whole[: start - 1], b"<mergeCells/>" if block is None else block[0], whole[start - 1: end - 2], b"</_>",
            whole[after: moved_end], b"<sheetData/>")


def resolve(zf: zipfile.ZipFile, file: str | Path, data: bytes | None = None) -> Package:
    """The package in `zf` (the archive of the file named `file`, whose bytes are `data` when
    given: its usual members are then inflated straight from them), resolved, or a refusal."""
    return Package(zf, file, data)


_LOCAL_HEADER = struct.Struct("<4s2xHH16xHH")  # signature, flags, method, name and extra lengths


def _plain_member(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The bytes of a usual member (stored or deflated, not encrypted, its local header naming it as
    the directory does, its inflated size and CRC-32 those the directory gives) inflated from the
    archive's bytes, as zipfile would return them without its per-read objects; None for any other,
    which zipfile then reads (and refuses) as it always does. At most the declared size is inflated."""
    start = info.header_offset
    if (info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x61
            or not info.file_size or start < 0):
        return None
    try:
        magic, flags, method, name_size, extra_size = _LOCAL_HEADER.unpack_from(data, start)
    except struct.error:
        return None
    try:
        named = info.orig_filename.encode("utf-8" if flags & 0x800 else "cp437")  # zipfile decodes the header's so
    except UnicodeEncodeError:
        return None
    name_at = start + _LOCAL_HEADER.size
    body = name_at + name_size + extra_size
    if (magic != b"PK\x03\x04" or flags & 0x61 or method != info.compress_type or body + info.compress_size > len(data)
            or data[name_at: name_at + name_size] != named):
        return None
    raw = memoryview(data)[body: body + info.compress_size]
    inflate = _fast_zlib()
    try:
        if method == zipfile.ZIP_STORED:
            out = bytes(raw[: info.file_size])
        else:
            out = inflate.decompressobj(-15).decompress(raw, info.file_size)
    except (zlib.error, inflate.error):
        return None
    finally:
        raw.release()
    return out if len(out) == info.file_size and inflate.crc32(out) == info.CRC else None


def _members(zf: zipfile.ZipFile, file: str | Path) -> dict[str, zipfile.ZipInfo]:
    members: dict[str, zipfile.ZipInfo] = {}
    for info in zf.infolist():
        key = fold(info.filename)
        if key in members:
            raise R.PARTS_AMBIGUOUS(name=file, part=members[key].filename, other=info.filename)
        members[key] = info
    return members


def _check_workbook_part(package: Package) -> None:
    """The workbook part is xl/workbook.xml, reached from _rels/.rels as calamine reaches it; an
    .xlsb, an .ods, a workbook part elsewhere or none get their own refusal."""
    rels = package.read(PACKAGE_RELS)
    targets = [target for _id, (kind, target, _mode) in _relationships(package, rels).items()
               if kind.endswith(_OFFICE_DOCUMENT)] if rels is not None else []
    if not targets:
        raise _not_ooxml(package)
    target = targets[-1]  # calamine takes the last one
    folder = target[: target.rfind("/") + 1].removeprefix("/")
    if len(set(targets)) == 1 and target.removeprefix("/") == BOOK and package.has(BOOK):
        return
    if target.lower().endswith(".bin") or (not package.has(BOOK) and package.has("xl/workbook.bin")):
        raise R.OTHER_SPREADSHEET_FORMAT(name=package.file, kind=both("parts.xlsb"))
    if package.has(folder + "workbook.xml") or package.has(BOOK):
        raise R.PART_ELSEWHERE(name=package.file, part=target)
    raise R.NO_WORKBOOK_PART(name=package.file)


def _not_ooxml(package: Package) -> RakInputError:
    mimetype = package.members.get("mimetype")
    try:
        ods = mimetype is not None and package.zf.read(mimetype)[: len(_ODS_MIMETYPE)] == _ODS_MIMETYPE
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError):
        ods = False
    if ods:
        return R.OTHER_SPREADSHEET_FORMAT(name=package.file, kind=both("parts.ods"))
    if package.has("xl/workbook.bin"):
        return R.OTHER_SPREADSHEET_FORMAT(name=package.file, kind=both("parts.xlsb"))
    return R.NO_WORKBOOK_PART(name=package.file)


def _sheets(package: Package) -> dict[str, str]:
    """Sheet name -> the part calamine reads for it, in the workbook's order."""
    book, rels = package.read(BOOK), package.read(BOOK_RELS)
    if book is None or rels is None:
        raise package.unreadable(both("parts.missing", part=BOOK_RELS if book else BOOK))
    package.book, package.book_rels = book, rels
    targets = _relationships(package, rels)
    sheets: dict[str, str] = {}
    seen: set[str] = set()
    for name, rid in _book_sheets(package, book):
        if name.casefold() in seen:  # Excel refuses two sheets of one name; readers would pick either
            raise package.unreadable(both("parts.sheet_twice", sheet=name))
        seen.add(name.casefold())
        if rid not in targets:
            raise R.SHEET_NOT_LOCATED(name=package.file, sheet=name)
        _kind, target, mode = targets[rid]
        path = target[1:] if target.startswith("/") else "xl/" + target
        if mode == "External" or not _PLAIN_PATH.fullmatch(path) or {".", ".."} & set(path.split("/")):
            raise package.unreadable(both("parts.path_odd", part=target))
        sheets[name] = path
    return sheets


def _book_sheets(package: Package, xml: bytes) -> list[tuple[str, str]]:
    """(name, relationship id) of each sheet the workbook part lists, as calamine reads them (any
    element named `sheet`, its last attribute named `id`). One that a reader of the standard form
    (a `sheet` of <sheets>, one r:id) would see otherwise is refused."""
    sheets: list[tuple[str, str]] = []
    stack: list[str] = []

    def start(tag: str, attrs: list[str]) -> None:
        parent = stack[-1] if stack else ""
        stack.append(tag)
        space, _, local = tag.rpartition(" ")
        if local != "sheet":
            return
        pairs = list(zip(attrs[::2], attrs[1::2]))
        name = next((v for k, v in pairs if k == "name"), None)
        ids = [v for k, v in pairs if k.rpartition(" ")[2] == "id"]
        standard = [v for k, v in pairs if k.endswith(" id") and k.rpartition(" ")[0] in _REL_NS]
        if name is None or not ids or standard != ids or space not in _MAIN_NS or parent != f"{space} sheets":
            raise package.unreadable(both("parts.sheet_odd", sheet=name or "?"))
        sheets.append((name, ids[-1]))

    _parse(package, xml, start, lambda _tag: stack.pop())
    return sheets


def _relationships(package: Package, xml: bytes) -> dict[str, tuple[str, str, str | None]]:
    """Id -> (Type, Target, TargetMode) of a relationships part, a later Id replacing an earlier."""
    rels: dict[str, tuple[str, str, str | None]] = {}

    def start(tag: str, attrs: list[str]) -> None:
        space, _, local = tag.rpartition(" ")
        if local != "Relationship":
            return
        if space != _PACKAGE_RELS_NS:
            raise package.unreadable(both("parts.relationship_odd"))
        values = dict(zip(attrs[::2], attrs[1::2]))
        if "Id" in values:
            rels[values["Id"]] = (values.get("Type", ""), values.get("Target", ""), values.get("TargetMode"))

    _parse(package, xml, start)
    return rels


def _parse(package: Package, xml: bytes, on_start, on_end=None) -> None:
    """expat over a small part, calling back per element (no tree is built). The protection is the
    one defusedxml gives: a part with a DTD or an entity declaration is refused, not read around."""
    from xml.parsers import expat

    def refuse(*_args) -> None:
        raise package.unreadable(both("parts.dtd"))

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.ordered_attributes = True
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = on_start
    if on_end is not None:
        parser.EndElementHandler = on_end
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        raise package.unreadable(str(exc)) from None


def sheet_parts(zf: zipfile.ZipFile, file: str | Path = "") -> dict[str, str]:
    """Sheet name -> its part (zip member), every sheet of the workbook; a refusal when the package
    does not resolve."""
    return resolve(zf, file).sheets


def patch_sheets(saved: Path, patches: Mapping[str, Callable[[bytes], bytes]]) -> None:
    """Rewrite the file at `saved` (a temporary file of an atomic save) in place with each named
    sheet's XML passed through its patch; every other member is copied as it is."""
    with zipfile.ZipFile(saved) as zf:
        parts = sheet_parts(zf)
        by_part = {parts[name]: patch for name, patch in patches.items() if name in parts}
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for info in zf.infolist():
                data = zf.read(info.filename)
                out.writestr(info, by_part[info.filename](data) if info.filename in by_part else data)
    saved.write_bytes(buf.getvalue())


_CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def content_types(package: Package) -> tuple[list[tuple[str, str]], set[str]]:
    """[Content_Types].xml as openpyxl reads it: the overrides (part name, content type) in order and
    the content types of the defaults. Empty when the package has none."""
    overrides: list[tuple[str, str]] = []
    defaults: set[str] = set()

    def start(tag: str, attrs: list[str]) -> None:
        space, _, local = tag.rpartition(" ")
        values = dict(zip(attrs[::2], attrs[1::2]))
        if space == _CONTENT_TYPES_NS and local == "Override":
            overrides.append((values.get("PartName", ""), values.get("ContentType", "")))
        elif space == _CONTENT_TYPES_NS and local == "Default":
            defaults.add(values.get("ContentType", ""))

    xml = package.read(CONTENT_TYPES)
    if xml is not None:
        _parse(package, xml, start)
    return overrides, defaults
