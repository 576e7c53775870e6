"""The reader's census of a sheet's cells (rak_xl/adapters/cell_census.census).

One quick pass proves most sheets small (every cell in A1:T99999), so they are read densely
at once; any cell or row tag written otherwise must reach the full count of references. Each
XML below is what a sheet part holds; a far or out-of-grid cell hidden in an unusual tag must
still make the sheet sparse or be refused, naming the cell. The corpus (make_bad_corpus.py)
carries the same tricks inside real workbooks through the command line.
"""

from __future__ import annotations

import pytest

from rak_xl.adapters.cell_census import census
from rak_xl.core.errors import RakInputError

HEAD = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def sheet(rows: str, prefix: str = "") -> bytes:
    data = f"<{prefix}sheetData>{rows}</{prefix}sheetData>".encode()
    return HEAD + data + b"</worksheet>"


TABLE = "".join(f'<row r="{r}" spans="1:12">' + "".join(f'<c r="{c}{r}" s="1"><v>{r}</v></c>' for c in "ABCDEFGHIJKL")
                + "</row>" for r in range(1, 60))


def test_a_table_in_the_small_grid_is_read_densely():
    assert not census(sheet(TABLE), "RAK_KPU").sparse
    # The box's own corner is inside it.
    assert not census(sheet(TABLE + '<row r="99999"><c r="T99999"><v>1</v></c></row>'), "RAK_KPU").sparse


FAR = [
    pytest.param('<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>', id="plain"),
    pytest.param('<row r="1048576"><c t="n" r="XFD1048576"><v>7</v></c></row>', id="attribute-first"),
    pytest.param('<row r="1048576"><c\nr="XFD1048576"><v>7</v></c></row>', id="newline"),
    pytest.param('<row r="1048576"><x:c r="XFD1048576"><v>7</v></x:c></row>', id="prefixed-cell"),
    pytest.param('<x:row r="1048576"><x:c r="XFD1048576"><v>7</v></x:c></x:row>', id="prefixed-row"),
    pytest.param('<row r="1048576"><c r="xfd1048576"><v>7</v></c></row>', id="lower-case"),
    pytest.param('<row r="1048576"><c r="$XFD$1048576"><v>7</v></c></row>', id="absolute"),
    pytest.param('<row r="100000"><c r="ZZ100000"><v>7</v></c></row>', id="just-beyond-box"),
]


@pytest.mark.parametrize("far", FAR)
def test_a_far_cell_in_any_spelling_makes_the_sheet_sparse(far):
    assert census(sheet(TABLE + far), "RAK_KPU").sparse


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_cells_without_a_reference_are_read_cell_by_cell(prefix):
    assert census(sheet(TABLE + '<row r="60"><c><v>1</v></c></row>', prefix), "RAK_KPU").sparse
    assert census(sheet(TABLE + '<row r="60"><c s="1"/></row>', prefix), "RAK_KPU").sparse


def test_a_row_without_a_reference_is_read_densely_when_its_cells_carry_theirs():
    # calamine places a cell by its own reference, whatever its row says.
    assert not census(sheet(TABLE + '<row><c r="A61"><v>1</v></c></row>'), "RAK_KPU").sparse
    assert not census(sheet(TABLE + '<row r="1048576"><c r="A61"><v>1</v></c></row>'), "RAK_KPU").sparse


BEYOND = [
    pytest.param('<row r="9"><c r="XFE9"><v>7</v></c></row>', "XFE9", id="column"),
    pytest.param('<row r="9"><c s="1" r="XFE9"><v>7</v></c></row>', "XFE9", id="column-attribute-first"),
    pytest.param('<row r="9"><x:c r="XFE9"><v>7</v></x:c></row>', "XFE9", id="column-prefixed"),
    pytest.param('<row r="1048577"><c r="A1048577"><v>7</v></c></row>', "A1048577", id="row"),
    pytest.param('<row r="1"><c\tr="A0"><v>7</v></c></row>', "A0", id="row-zero-tab"),
]


@pytest.mark.parametrize("cell, ref", BEYOND)
def test_a_cell_beyond_the_grid_is_refused_naming_it(cell, ref):
    with pytest.raises(RakInputError) as caught:
        census(sheet(TABLE + cell), "Anggaran", "RAK.xlsm")
    assert caught.value.cell == ref and caught.value.sheet == "Anggaran"
    assert "di luar batas lembar Excel" in caught.value.message


def test_merges_are_counted_for_the_write_path_only():
    merge = b'<mergeCells count="1"><mergeCell ref="A40:XFD1048576"/></mergeCells>'
    xml = sheet(TABLE).replace(b"</worksheet>", merge + b"</worksheet>")
    assert census(xml, "RAK_KPU", merges=True).merged == (1048576 - 39) * 16384
    assert not census(xml, "RAK_KPU").sparse


def test_a_sheet_whose_part_cannot_be_located_is_refused_whatever_the_other_parts_hold(tmp_path):
    """The workbook lists a sheet whose part is not in the package: the reader resolves parts as
    calamine does, so no other part can stand in for it, small or far-flung; the file is refused
    naming the sheet."""
    import zipfile

    from rak_xl.adapters.file_read import read_grids

    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" '
            'Target="{target}"/></Relationships>')
    book = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="RAK_KPU" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>')

    def package(far: bool):
        path = tmp_path / f"RAK_{far}.xlsx"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("_rels/.rels", rels.format(kind="officeDocument", target="xl/workbook.xml"))
            zf.writestr("xl/workbook.xml", book)
            zf.writestr("xl/_rels/workbook.xml.rels", rels.format(kind="worksheet", target="worksheets/sheet1.xml"))
            zf.writestr("xl/other/x.xml", sheet(TABLE + ('<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>'
                                                         if far else "")))
            zf.writestr("xl/styles.xml", b"<styleSheet/>")
        return path

    for far in (False, True):
        with pytest.raises(RakInputError) as caught:
            read_grids(package(far))
        assert caught.value.sheet == "RAK_KPU" and "tidak dapat ditemukan dengan pasti" in caught.value.message
        assert caught.value.code == "RAK715"
