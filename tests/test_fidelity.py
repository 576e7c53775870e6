"""Round trip: `rak-xl run --in-place` on the shipped workbook keeps everything staff own.

Compared before and after, part by part: the package's parts, every input
cell's value and resolved style, the VBA project (bytes and module sources),
the form buttons and their macros (VML), data validations, defined names,
conditional formats, print settings, sheet order, visibility and codenames.
Only the output sheets and the highlight sheet may differ.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, WORKBOOK
from rak_xl.core import layout as L

CHANGING = set(L.OUTPUT_SHEETS)  # recreated or cleared by every run


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("fidelity")
    before, after = folder / "before.xlsm", folder / "RAK_2022.xlsm"
    shutil.copyfile(WORKBOOK, before)
    shutil.copyfile(WORKBOOK, after)
    done = subprocess.run([sys.executable, "-m", "rak_xl", "run", str(after), "--in-place"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert after.read_bytes() != before.read_bytes()
    return before, after


@pytest.fixture(scope="module")
def books(pair):
    import openpyxl

    return tuple(openpyxl.load_workbook(p, keep_vba=True) for p in pair)


def _kept(wb) -> list:
    return [ws for ws in wb.worksheets if ws.title not in CHANGING]


def test_no_part_is_lost(pair):
    before, after = (zipfile.ZipFile(p) for p in pair)
    # openpyxl writes strings inline, so the shared-string part may go; everything else stays.
    lost = set(before.namelist()) - set(after.namelist()) - {"xl/sharedStrings.xml"}
    assert not lost
    for part in ("xl/vbaProject.bin", *[n for n in before.namelist() if n.endswith(".vml")]):
        assert before.read(part) == after.read(part), part
    # openpyxl keeps formulas but not their cached results; Excel must recompute on opening.
    assert re.search(r'<calcPr [^>]*fullCalcOnLoad="(1|true)"', after.read("xl/workbook.xml").decode())
    types = after.read("[Content_Types].xml").decode()
    assert re.search(r'PartName="/xl/workbook.xml"\s+ContentType="application/vnd.ms-excel.sheet.macroEnabled.main\+xml"',
                     types)


def _modules(path: Path) -> dict[str, str]:
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        return {name: code for (_f, _s, name, code) in parser.extract_macros()}
    finally:
        parser.close()


def test_vba_module_sources_are_the_same(pair):
    before, after = (_modules(p) for p in pair)
    assert before and before == after


def _buttons(path: Path) -> list[tuple[str, str]]:
    """(anchor, macro) of every form button, and which sheet carries the drawing."""
    with zipfile.ZipFile(path) as zf:
        out = []
        for name in sorted(n for n in zf.namelist() if n.endswith(".vml")):
            vml = zf.read(name).decode()
            out += re.findall(r"<x:Anchor>\s*([^<]+?)\s*</x:Anchor>.*?<x:FmlaMacro>([^<]+)</x:FmlaMacro>", vml, re.S)
        rels = {n: zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/_rels/")}
    sheets_with_vml = sorted(n for n, text in rels.items() if "vmlDrawing" in text)
    return out + [("rels", s) for s in sheets_with_vml]


def test_buttons_and_their_macros_are_the_same(pair, books):
    before, after = (_buttons(p) for p in pair)
    assert before and before == after
    # The drawing hangs on the same sheet (legacyDrawing) before and after.
    for wa, wb in zip(_kept(books[0]), _kept(books[1])):
        assert bool(wa.legacy_drawing) == bool(wb.legacy_drawing), wa.title


def test_sheets_order_state_and_codenames(books):
    before, after = books
    assert [ws.title for ws in _kept(before)] == [ws.title for ws in _kept(after)]
    for wa, wb in zip(_kept(before), _kept(after)):
        assert (wa.sheet_state, wa.sheet_properties.codeName, wa.freeze_panes) == \
               (wb.sheet_state, wb.sheet_properties.codeName, wb.freeze_panes), wa.title


def _style(cell) -> tuple:
    return (repr(cell.font), repr(cell.fill), repr(cell.border), cell.number_format, repr(cell.alignment),
            repr(cell.protection))


def test_every_input_cell_keeps_its_value_and_style(books):
    before, after = books
    for wa, wb in zip(_kept(before), _kept(after)):
        rows = max(wa.max_row, wb.max_row)
        cols = max(wa.max_column, wb.max_column)
        for r in range(1, rows + 1):
            for c in range(1, cols + 1):
                a, b = wa.cell(r, c), wb.cell(r, c)
                # An empty text cell (a shared string "") comes back as an empty inline string, which
                # openpyxl reads as None: blank either way, in Excel and in both readers.
                assert (a.value if a.value != "" else None) == (b.value if b.value != "" else None), \
                    f"{wa.title}!{a.coordinate}"
                assert _style(a) == _style(b), f"{wa.title}!{a.coordinate} style"
        assert {k: (d.width, d.hidden) for k, d in wa.column_dimensions.items()} == \
               {k: (d.width, d.hidden) for k, d in wb.column_dimensions.items()}, wa.title
        assert {k: (d.height, d.hidden) for k, d in wa.row_dimensions.items()} == \
               {k: (d.height, d.hidden) for k, d in wb.row_dimensions.items()}, wa.title
        assert sorted(map(str, wa.merged_cells.ranges)) == sorted(map(str, wb.merged_cells.ranges))


def _validations(ws) -> list[tuple]:
    return sorted((str(v.sqref), v.type, v.formula1, v.formula2, v.allow_blank, v.showDropDown, v.showErrorMessage,
                   v.error, v.errorTitle, v.prompt, v.operator) for v in ws.data_validations.dataValidation)


def test_data_validations_are_the_same(books):
    before, after = books
    assert any(_validations(ws) for ws in _kept(before))
    for wa, wb in zip(_kept(before), _kept(after)):
        assert _validations(wa) == _validations(wb), wa.title


def _conditional(ws) -> list[tuple]:
    out = []
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            dxf = rule.dxf
            out.append((str(cf.sqref), rule.type, tuple(rule.formula or ()), rule.operator, rule.stopIfTrue,
                        repr(dxf.fill) if dxf else None, repr(dxf.font) if dxf else None))
    return sorted(out, key=repr)


def test_conditional_formats_are_the_same(books):
    before, after = books
    assert any(_conditional(ws) for ws in _kept(before))  # the highlight rules
    for wa, wb in zip(_kept(before), _kept(after)):
        assert _conditional(wa) == _conditional(wb), wa.title


def test_defined_names_are_the_same(books):
    before, after = books
    names = lambda wb: {n: d.attr_text for n, d in wb.defined_names.items()}  # noqa: E731
    assert names(before) and names(before) == names(after)
    for wa, wb in zip(_kept(before), _kept(after)):
        assert {n: d.attr_text for n, d in wa.defined_names.items()} == \
               {n: d.attr_text for n, d in wb.defined_names.items()}, wa.title


def _print(ws) -> tuple:
    s = ws.page_setup
    return (s.orientation, s.paperSize, s.fitToWidth, s.fitToHeight, s.scale, ws.sheet_properties.pageSetUpPr and
            ws.sheet_properties.pageSetUpPr.fitToPage, ws.print_title_rows, ws.print_title_cols, str(ws.print_area),
            repr(ws.page_margins), ws.print_options.horizontalCentered, ws.print_options.gridLines,
            ws.oddHeader.center.text, ws.oddFooter.center.text, ws.oddFooter.right.text,
            [b.id for b in ws.row_breaks.brk], [b.id for b in ws.col_breaks.brk])


def test_print_settings_are_the_same(books):
    before, after = books
    for wa, wb in zip(_kept(before), _kept(after)):
        assert _print(wa) == _print(wb), wa.title


def test_only_output_sheets_differ(books):
    """The output sheets are (re)created; input sheets were compared above, so list what changed."""
    before, after = books
    added = set(after.sheetnames) - set(before.sheetnames)
    assert added and added <= CHANGING
    assert set(before.sheetnames) <= set(after.sheetnames)


def test_staff_notes_beside_the_buttons_survive(tmp_path):
    """A note (comment) on the sheet that holds the buttons shares their VML drawing part."""
    import openpyxl
    from openpyxl.comments import Comment

    wb = openpyxl.load_workbook(WORKBOOK, keep_vba=True)
    wb[L.SHEET_GUIDE]["A1"].comment = Comment("Sudah dicek Bu Rina", "Staf")
    wb[L.SHEET_RAK_A]["C5"].comment = Comment("Target dikonfirmasi", "Staf")
    noted = tmp_path / "RAK_2022.xlsm"
    wb.save(noted)
    buttons_before = _buttons(noted)
    done = subprocess.run([sys.executable, "-m", "rak_xl", "run", str(noted), "--in-place"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _buttons(noted) == buttons_before
    after = openpyxl.load_workbook(noted)
    assert after[L.SHEET_GUIDE]["A1"].comment.text == "Sudah dicek Bu Rina"
    assert after[L.SHEET_RAK_A]["C5"].comment.text == "Target dikonfirmasi"
