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


def test_when_a_sheet_part_cannot_be_located_every_part_holding_cells_is_counted():
    import io
    import zipfile

    from rak_xl.adapters.cell_census import census_unlocated

    def package(far: bool) -> zipfile.ZipFile:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            zf.writestr("xl/worksheets/sheet1.xml", sheet(TABLE))
            zf.writestr("xl/other/x.xml", sheet(TABLE + ('<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>'
                                                         if far else "")))
            zf.writestr("xl/styles.xml", b"<styleSheet/>")
        return zipfile.ZipFile(buffer)

    census_unlocated(package(far=False), "RAK_KPU", "RAK.xlsm")  # all small: calamine may read it
    with pytest.raises(RakInputError) as caught:
        census_unlocated(package(far=True), "RAK_KPU", "RAK.xlsm")
    assert caught.value.sheet == "RAK_KPU" and "tidak dapat ditemukan dengan pasti" in caught.value.message
