"""The reader's own reading of a package's members and its scans of sheet XML.

A usual member (stored or deflated, named alike in its local header and the directory, of the
size and CRC-32 the directory gives) is inflated straight from the file's bytes
(workbook_parts._plain_member); every other is read by zipfile, so a damaged member is refused
with zipfile's own words, exactly as when zipfile read them all. The scans (cell_scans.py) skip a
sheet only where nothing they look for can be: each form of a formula saved without its result
and each error cell is still found.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from rak_xl.adapters import workbook_parts
from rak_xl.adapters.archive import open_zip, read_bytes
from rak_xl.adapters.cell_scans import Grids, formula_cells, negative_serials
from rak_xl.adapters.file_read import read_grids
from rak_xl.adapters.workbook_parts import (
    BOOK,
    BOOK_RELS,
    STRINGS,
    STYLES,
    Package,
    _plain_member,
    calamine_view,
    resolve,
)
from rak_xl.core.errors import RakInputError

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "workbook" / "RAK_2022.xlsm"


@pytest.mark.parametrize("inflater", ["installed", "zlib"])
def test_every_member_inflated_from_the_bytes_is_what_zipfile_reads(tmp_path, monkeypatch, request, inflater):
    """zlib-ng where it is installed, zlib where it is not (Pyodide): the same bytes as zipfile's."""
    workbook_parts._fast_zlib.cache_clear()
    request.addfinalizer(workbook_parts._fast_zlib.cache_clear)  # the next test chooses again
    if inflater == "zlib":  # as where zlib-ng is not installed: its import fails
        monkeypatch.setitem(sys.modules, "zlib_ng", None)
        assert workbook_parts._fast_zlib() is zlib
    stored = tmp_path / "RAK_stored.xlsm"
    with zipfile.ZipFile(SHIPPED) as src, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info))
    for path in (SHIPPED, stored):
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if info.file_size:
                    assert _plain_member(data, info) == zf.read(info), info.filename


def _patched(src: Path, dst: Path, change) -> Path:
    """A copy of `src` whose bytes `change` altered (the directory and sizes left as they were)."""
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo("xl/worksheets/sheet5.xml")
    change(data, info)
    dst.write_bytes(bytes(data))
    return dst


def _refusal_by_zipfile(path: Path) -> str:
    """The refusal of reading every sheet part with zipfile alone (the package given no bytes)."""
    with open_zip(path, read_bytes(path)) as zf, pytest.raises(RakInputError) as caught:
        package = resolve(zf, path)
        for part in package.sheets.values():
            package.read(part)
    return caught.value.message


@pytest.mark.parametrize("damage", ["crc", "local_name", "truncated_stream"])
def test_a_damaged_member_is_refused_in_zipfile_s_words(tmp_path, damage):
    def change(data: bytearray, info: zipfile.ZipInfo) -> None:
        name_at = info.header_offset + 30
        body = name_at + int.from_bytes(data[info.header_offset + 26: info.header_offset + 28], "little") + \
            int.from_bytes(data[info.header_offset + 28: info.header_offset + 30], "little")
        if damage == "crc":  # the directory's CRC-32 (its entry's name is the last mention of it)
            entry = bytes(data).rfind(info.filename.encode()) - 46
            data[entry + 16] ^= 0xFF
        elif damage == "local_name":
            data[name_at] = ord("X")
        else:
            data[body: body + info.compress_size] = b"\0" * info.compress_size

    path = _patched(SHIPPED, tmp_path / f"RAK_{damage}.xlsm", change)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet5.xml")
        assert _plain_member(path.read_bytes(), info) is None
    with pytest.raises(RakInputError) as caught:
        read_grids(path)
    assert caught.value.code == "RAK714"
    assert caught.value.message == _refusal_by_zipfile(path)


HEAD = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>")


@pytest.mark.parametrize("cell", [
    '<c r="B2"><f>A1*2</f></c>',
    '<c r="B2"><f t="shared" si="0"/></c>',
    '<c r="B2"><f>A1*2</f><v/></c>',
])
def test_every_form_of_a_formula_without_its_result_is_noted(cell):
    xml = HEAD + f'<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row><row r="2">{cell}</row>'.encode() + \
        b"</sheetData></worksheet>"
    grids = Grids({"S": [[2.0], [None, None]]})
    formula_cells(grids, {"p": xml}, {"S": "p"})
    assert list(grids.uncomputed["S"]) == [(2, 2)]


def test_formulas_holding_their_results_are_passed_and_an_error_cell_is_found():
    computed = HEAD + b'<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row></sheetData></worksheet>'
    error = computed.replace(b"</row>", b'<c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>')
    grids = Grids({"S": [[2.0]], "E": [[2.0]]})
    formula_cells(grids, {"s": computed, "e": error}, {"S": "s", "E": "e"})
    assert not grids.uncomputed and grids["S"] == [[2.0]] and grids["E"] == [[2.0, "#DIV/0!"]]


def test_a_negative_date_serial_gets_its_number_back():
    xml = HEAD + b'<row r="1"><c r="A1" s="1"><v>-5</v></c></row></sheetData></worksheet>'
    grids = Grids({"S": [[dt.time(0, 0)]]})
    negative_serials(grids, {"p": xml}, {"S": "p"})
    assert grids["S"] == [[-5]]


def test_every_empty_string_calamine_gives_is_an_empty_cell(tmp_path):
    """An empty cell and a cell holding an empty text (shared, inline, a formula's result) all read
    as None: the reader's test for calamine's "" holds for each way a workbook stores one."""
    strings = f'<sst {NS} count="2" uniqueCount="2"><si><t/></si><si><t>x</t></si></sst>'
    path = _one_sheet_book(tmp_path / "RAK_empty.xlsx", f'<worksheet {NS}><sheetData><row r="1">'
                           '<c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t></t></is></c>'
                           '<c r="C1" t="str"><f>""</f><v></v></c><c r="E1" t="s"><v>1</v></c></row></sheetData>'
                           '</worksheet>', strings=strings)
    assert read_grids(path)["S"] == [[None, None, None, None, "x"]]


NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _one_sheet_book(path: Path, sheet: str | bytes, strings: str | None = None) -> Path:
    """A workbook file of one sheet "S" whose XML is `sheet` (and shared strings `strings`)."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="' + rel + '/{kind}" Target="{target}"/></Relationships>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("_rels/.rels", rels.format(kind="officeDocument", target="xl/workbook.xml"))
        zf.writestr("xl/workbook.xml", f'<workbook {NS} xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" '
                                       'r:id="rId1"/></sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels", rels.format(kind="worksheet", target="worksheets/sheet1.xml"))
        if strings is not None:
            zf.writestr("xl/sharedStrings.xml", strings)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def _package_parts(path: Path):
    """The resolved package of `path` and its parts as the reader gives them to calamine."""
    data = read_bytes(path)
    with open_zip(path, data) as zf:
        package = resolve(zf, path, data)
        parts = {BOOK: package.book, BOOK_RELS: package.book_rels}
        for part in (*package.sheets.values(), STRINGS, STYLES):
            if (xml := package.read(part)) is not None:
                parts[part] = xml
    return package, parts


def _calamine(data: bytes | str, names: set[str] | None = None) -> dict[str, object]:
    """Each sheet's values and merged regions as calamine reads them (those `names` only, when
    given: the sheets the reader gives it), or its error."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data)) if isinstance(data, bytes) else \
            CalamineWorkbook.from_path(data)
        out = {}
        for name in book.sheet_names:
            if names is not None and name not in names:
                continue
            sheet = book.get_sheet_by_name(name)
            out[name] = (sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges)
        return out
    except Exception as exc:  # noqa: BLE001 - whether calamine fails, and how, is the point
        return {"error": f"{type(exc).__name__}: {exc}"}


def test_calamine_reads_the_same_cells_and_merges_from_the_sheets_it_is_given():
    """calamine is given each sheet as calamine_view arranges it (its merge reader stops before the
    cells); what it returns is what it returns for the sheets as written."""
    package, parts = _package_parts(SHIPPED)
    moved = [part for part in package.sheets.values() if calamine_view(parts[part]) is not None]
    assert moved == [part for part in package.sheets.values() if b"</sheetData>" in parts[part]]  # all but empty ones
    assert _calamine(package.canonical(parts, views=True)) == _calamine(package.canonical(parts))


def test_every_member_of_the_package_given_to_calamine_has_its_own_crc():
    """The package's own locating parts (_rels/.rels, [Content_Types].xml) replace the file's, which
    were read and checked against other CRC-32s: each member's CRC-32 is that of its bytes here."""
    package, parts = _package_parts(SHIPPED)
    for views in (False, True):
        with zipfile.ZipFile(io.BytesIO(package.canonical(dict(parts), views=views))) as zf:
            assert zf.testzip() is None
            assert {"_rels/.rels", "[Content_Types].xml"} <= set(zf.namelist())


_SHEET = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          b'<dimension ref="A1:B1"/><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>'
          b"%s</sheetData>%s</worksheet>")
_MERGES = b'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'


@pytest.mark.parametrize("cells, tail, moved", [
    (b"", b'<pageMargins left="0.7"/>' + _MERGES, True),
    (b"", b'<sheetProtection sheet="1"/><autoFilter ref="A1:B1"/>' + _MERGES + b"<x><y/></x>", True),
    (b"", _MERGES.replace(b'ref="A1:B1"', b'ref="A1:"'), True),  # a region calamine refuses: refused alike
    (b"", b"</x></y>" + _MERGES, True),  # an end tag too many: the merge reader fails, and so does the view
    (b"", b"<x></x>" + _MERGES, True),
    (b"", b"", True),  # no merged regions: everything after the cells moves
    (b"", b"</x>", True),  # ... and fails there as before
    (b"</row>", b"", True),  # an end tag too many among the cells: it fails after them, as before
    (b"</row></row>", b"", True),  # two: it fails at the end of the cells (the reader's own words: retried)
    (b"", b"<mergeCells/>" + _MERGES, True),  # the first element is what calamine reads: none
    (b"", b"<!-- - -->" + _MERGES, True),
    (b"", b"<x>a &amp; b" + _MERGES, True),
    (b"", b"<x>a & b</x>", True),  # whatever calamine makes of it, as written and arranged alike
    (b"", b"<!-- <c r='A1'> -->", False),  # anything like a cell or row left where it is
    (b"", b"<x", True),  # left open at the end: fails arranged too
    (b"", b"<!--", True),
    (b"", b"</sheetData>" + _MERGES, False),
    (b"", b'<row r="9"/>', False),
    (b"", b'<x:mergeCells xmlns:x="u"/>' + _MERGES, False),
    (b"<mergeCells/>", _MERGES, False),
    (b"", _MERGES.replace(b"/></mergeCells>", b"></mergeCell></mergeCells>"), False),
])
def test_calamine_is_given_a_sheet_arranged_only_where_it_reads_it_alike(tmp_path, monkeypatch, cells, tail, moved):
    xml = _SHEET % (cells, tail)
    assert (calamine_view(xml) is not None) == moved
    path = _one_sheet_book(tmp_path / "RAK_arranged.xlsx", xml)
    as_written = _calamine(str(path))
    package, parts = _package_parts(path)
    arranged = _calamine(package.canonical(parts, views=True))
    assert _calamine(package.canonical(parts)) == as_written
    if "error" not in as_written:
        assert arranged == as_written
        assert read_grids(path)["S"] == [[1.0, 2.0]]
        return
    assert "error" in arranged  # what fails as written fails arranged; the refusal's words are as written
    with pytest.raises(RakInputError) as caught:
        read_grids(path)
    plain = Package.canonical
    monkeypatch.setattr(Package, "canonical", lambda self, parts, views=False: plain(self, parts))
    with pytest.raises(RakInputError) as as_before:
        read_grids(path)
    assert caught.value.code == "RAK714" and caught.value.message == as_before.value.message


def test_calamine_reads_every_corpus_workbook_alike_arranged_or_as_written(tmp_path):
    """Over the whole bad-input corpus and the shipped plan: wherever the reader gives calamine a
    package (its checks passed: calamine is never given what they refuse, a bomb among it), calamine
    given the sheets as calamine_view arranges them returns what it returns for the sheets as written
    (the same cells and merged regions, or a failure where it fails as written)."""
    import make_bad_corpus as corpus

    from rak_xl.adapters.file_read import _parts_to_read

    files = [SHIPPED, *corpus.generate(tmp_path / "corpus").values()]
    compared = arranged = 0
    for path in files:
        try:
            data = read_bytes(path)
            with open_zip(path, data) as zf:
                package = resolve(zf, path, data)
                parts, shapes = _parts_to_read(package)
        except RakInputError:
            continue  # refused before calamine is given anything
        if any(shape.sparse for shape in shapes.values()):
            continue  # read cell by cell, its sheets as written: never arranged (nor read as a dense grid)
        as_written = _calamine(package.canonical(parts), set(shapes))
        viewed = _calamine(package.canonical(parts, views=True), set(shapes))
        assert ("error" in viewed) == ("error" in as_written), path.name
        if "error" not in as_written:
            assert repr(viewed) == repr(as_written), path.name  # repr: a NaN cell equals a NaN cell
            compared += 1
            arranged += any(calamine_view(parts[package.sheets[name]]) is not None for name in shapes)
    assert compared >= 60 and arranged >= 60, (compared, arranged)  # the corpus is mostly readable workbooks
