"""Carry a WritePlan into a workbook file with openpyxl, atomically.

openpyxl with keep_vba=True keeps the VBA project and the legacy VML drawing
that holds the form buttons; data validations, conditional formats, defined
names, styles and print settings of untouched sheets survive (a round-trip
test compares them part by part). The result is written to a temporary file
in the target's folder and moved over the target in one step, so a failure
midway leaves the original byte-identical.
"""

from __future__ import annotations

import gc
import io
import re
import sys
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

from rak_xl.core import refusals as R
from rak_xl.core.layout import SHEET_HIGHLIGHTS, is_output_sheet
from rak_xl.outputs.sheets import (FORMULA_PREFIXES, Chart, Formula, Link, SheetOutput, WritePlan, stored_value,
                                   xml_safe)
from rak_xl.parse.tables import Grid

from .atomic import replacing
from .extensions import extension_warnings_handled, read_extensions, refuse_unknown, restore_extensions
from .kept_values import Kept


def write_cell(cell, value: Any) -> None:
    if isinstance(value, Link):
        value = value.formula()  # its value goes in after saving (cache_values)
    if isinstance(value, Formula):
        cell.value = xml_safe(value.text)
        return
    value = stored_value(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"  # text from a cell stays text: never a formula


COLUMN_PADDING = 5 / 7  # of a width unit: Excel shows a column of width w that the file stores as w + 5/7


def _ranges(ws, ref: str):
    cells = ws[ref]
    if not isinstance(cells, tuple):
        return [cells]
    if cells and not isinstance(cells[0], tuple):
        return list(cells)
    return [c for row in cells for c in row]


def add_sheet(wb, out: SheetOutput, index: int | None) -> dict[str, str]:
    """The sheet `out` in `wb`; the labels its links' formulas show, by cell (for cache_values)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(out.name, index)
    shown = {}
    for r, row in enumerate(out.values, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None and value != "":
                write_cell(ws.cell(r, c), value)
                if isinstance(value, Link):
                    shown[ws.cell(r, c).coordinate] = value.shown
    for ref, fmt in out.number_formats:
        for cell in _ranges(ws, ref):
            cell.number_format = fmt
    for ref in out.bold:
        for cell in _ranges(ws, ref):
            cell.font = Font(bold=True)
    for ref, color in out.fills:
        fill = PatternFill("solid", fgColor=color.lstrip("#").upper())
        for cell in _ranges(ws, ref):
            cell.fill = fill
    for ref in out.wrap:
        for cell in _ranges(ws, ref):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in out.column_widths.items():  # stored with its padding, as Excel stores a width it shows
        ws.column_dimensions[get_column_letter(col)].width = width + COLUMN_PADDING
    if out.freeze_row:
        ws.freeze_panes = f"A{out.freeze_row + 1}"
    if out.hidden:
        ws.sheet_state = "hidden"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if out.landscape else "portrait"
    ws.page_setup.fitToWidth = len(out.column_breaks) + 1  # a page width per band of columns
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if out.print_title_rows:
        ws.print_title_rows = f"{out.print_title_rows[0]}:{out.print_title_rows[1]}"
    if out.print_title_cols:
        ws.print_title_cols = f"{get_column_letter(out.print_title_cols[0])}:{get_column_letter(out.print_title_cols[1])}"
    if out.column_breaks:  # each band's pages beside the previous band's, row by row
        ws.page_setup.pageOrder = "overThenDown"
    for spec in out.charts:
        ws.add_chart(_chart(ws, spec), spec.anchor)
    _extras(ws, out)
    return shown


# A formula cell as openpyxl saves it, without a value: <c r="B8" s="3"><f>...</f><v /></c>.
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>([^<]*)</f>(?:<v\s*/>|<v></v>)?</c>')


def cache_values(saved: Path, shown: Mapping[str, Mapping[str, str]]) -> None:
    """Give the links' HYPERLINK formulas in the file openpyxl saved (rewritten in place) the labels
    they show as their values, so readers that do not calculate (pandas, calamine) read the labels.
    `shown`: sheet -> cell -> label; `saved` is the temporary file of an atomic save."""
    from xml.sax.saxutils import escape

    from .workbook_parts import patch_sheets

    if not any(shown.values()):
        return

    def patch(cells: Mapping[str, str]) -> Callable[[bytes], bytes]:
        def value(m: re.Match) -> bytes:
            label = cells.get(m[1].decode())
            if label is None:
                return m[0]
            return b'<c r="%s"%s t="str"><f>%s</f><v>%s</v></c>' % (m[1], m[2], m[3], escape(label).encode())
        return lambda xml: _FORMULA_CELL.sub(value, xml)

    patch_sheets(saved, {name: patch(cells) for name, cells in shown.items() if cells})


def _extras(ws, out: SheetOutput) -> None:
    """Borders, alignment, conditional fills, page breaks, margins and footer."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.pagebreak import Break

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for ref in out.borders:
        for cell in _ranges(ws, ref):
            cell.border = border
    for ref in out.center:
        for cell in _ranges(ws, ref):
            cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=cell.alignment.wrap_text)
    for cf in out.conditional:
        ws.conditional_formatting.add(cf.ref, FormulaRule(
            formula=[cf.formula], stopIfTrue=False, font=Font(bold=True) if cf.bold else None,
            fill=PatternFill("solid", fgColor=cf.fill.lstrip("#").upper(), bgColor=cf.fill.lstrip("#").upper())))
    # Live Excel sizes rows itself (autofit_rows); a file needs the heights written, or
    # readers that do not re-measure (LibreOffice) overlap wrapped lines.
    for row, height in out.row_heights.items():
        ws.row_dimensions[row].height = height
    for row in out.page_breaks:
        ws.row_breaks.append(Break(id=row - 1))  # openpyxl: the break sits below row `id`
    for col in out.column_breaks:
        ws.col_breaks.append(Break(id=col - 1))  # right of column `id`
    from rak_xl.outputs.paging import MARGINS

    for side, inches in MARGINS.items():  # header/footer too: openpyxl's 0.5" footer left it no room
        setattr(ws.page_margins, side, inches)
    if out.footer:
        ws.oddFooter.center.text = out.footer


def _chart(ws, spec: Chart):
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.utils.cell import range_boundaries

    if spec.kind == "line":
        chart = LineChart()
    else:  # "column_stacked" or "bar_stacked" (horizontal: long category names stay readable)
        chart = BarChart()
        chart.type = "bar" if spec.kind.startswith("bar") else "col"
        chart.grouping = "stacked"
        chart.overlap = 100
    chart.title = spec.title
    chart.width = spec.width / 28.35  # points -> cm
    chart.height = spec.height / 28.35
    c0, r0, c1, r1 = range_boundaries(spec.source)
    chart.add_data(Reference(ws, min_col=c0 + 1, min_row=r0, max_col=c1, max_row=r1), titles_from_data=True)
    # Categories are labels (division names, TW I..IV): a string reference, or Excel shows 1, 2, 3.
    from openpyxl.chart.data_source import AxDataSource, StrRef

    labels = Reference(ws, min_col=c0, min_row=r0 + 1, max_col=c0, max_row=r1)
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(labels)))
    if spec.kind == "line":
        for series in chart.series:
            series.marker.symbol = "circle"
            series.smooth = False
    if spec.value_format:
        chart.y_axis.numFmt = spec.value_format
        chart.y_axis.number_format = spec.value_format
    # openpyxl hides axes by default (delete=True); a chart without axes labels nothing.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    chart.x_axis.txPr = chart.y_axis.txPr = chart.legend.txPr = _text_size(spec.text_size)
    return chart


def _text_size(points: int):
    """Chart text of `points` (the default, 10 pt, prints smaller than the sheet's own text)."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    size = CharacterProperties(sz=points * 100)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=size), endParaRPr=size)])


def open_for_writing(source: Path, data: bytes | None = None, **options):
    """`source` loaded whole by openpyxl to be written again: a regular file, read once (or its
    bytes `data`), checked first for what openpyxl cannot load (a merge over the whole grid, a
    forbidden sheet name)."""
    import openpyxl

    from .archive import read_bytes
    from .rewrite_checks import check_rewritable

    source = Path(source)
    data = read_bytes(source) if data is None else data
    check_rewritable(source, data)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), **options)
    except Exception as exc:  # openpyxl raises many types for damaged packages
        detail = f"{type(exc).__name__}: {exc}"
    _collect_quietly()
    raise R.WORKBOOK_NOT_REWRITABLE(name=source, detail=detail)


def save_workbook(wb, path: str | Path) -> None:
    """`wb.save(path)`; when the file system refuses midway (a full disk, a size limit) the
    OSError is raised again without openpyxl's half-written sheet streams, which are released
    here, quietly, rather than complaining on stderr when they are finally collected."""
    try:
        wb.save(path)
    except OSError as exc:
        error = OSError(exc.errno, exc.strerror, exc.filename)
        exc.__traceback__ = None  # the frames holding the open sheet streams
        del exc
        _collect_quietly()
        raise error from None


def _collect_quietly() -> None:
    """A failed openpyxl load or save leaves half-made zip archives and sheet streams whose
    finalisers complain on stderr ('Exception ignored in ...'); collect them now, without the noise."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _info: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook


def sheet_named(wb, name: str):
    """The sheet (or chart sheet) called `name`, compared as Excel compares names: without case."""
    key = name.casefold()
    return next((wb[title] for title in wb.sheetnames if title.casefold() == key), None)


def apply_plan(source: str | Path, target: str | Path, plan: WritePlan,
               grids: Mapping[str, Grid] | None = None, new: bool = False) -> None:
    """Write `plan` into a copy of `source` saved as `target` (they may be the same file); `new`:
    `target` must not exist when the copy is put in place (atomic.replacing).

    Output sheets are found by name without regard to case, as Excel does: a sheet staff renamed
    'TEMUAN' is replaced in place, never left beside a new 'Temuan1'. Other sheets are not touched:
    the copy is read back before it replaces anything, and must hold every other sheet of `grids`
    (the source's values as read, when the caller has them; else read here) with the same values."""
    from .archive import read_bytes
    from .lite_parts import carry_lite_door

    source, target = Path(source), Path(target)
    original = read_bytes(source)  # read before the write: source and target may be one file
    with extension_warnings_handled():  # copied back below, not lost
        wb = open_for_writing(source, original, keep_vba=source.suffix.lower() == ".xlsm", keep_links=True,
                              rich_text=True)
    keeps = _untouched(source, original, wb, plan, grids)
    # openpyxl drops worksheet <extLst>s (Excel's x14 conditional formats and dropdowns): those of
    # the sheets kept are copied back after saving; any it cannot copy stop the write here.
    exts = read_extensions(source)
    kept = _kept_sheets(wb, plan)
    refuse_unknown(source, exts, kept)
    shown = {}
    for out in plan.sheets:
        index = None
        old = sheet_named(wb, out.name)
        if old is not None:
            index = wb.sheetnames.index(old.title)
            wb.remove(old)
        shown[out.name] = add_sheet(wb, out, index)
    for name in plan.clear:
        ws = sheet_named(wb, name)
        if ws is not None:
            for row in ws.iter_rows():
                for cell in row:
                    cell.value = None
    for block in plan.blocks:
        ws = sheet_named(wb, block.sheet)
        if ws is None:
            ws = wb.create_sheet(block.sheet)
            ws.sheet_state = "hidden"
        for r, row in enumerate(block.values, start=block.row):
            for c, value in enumerate(row, start=block.col):
                if value is not None:
                    write_cell(ws.cell(r, c), value)
    active = sheet_named(wb, plan.activate) if plan.activate else None
    if active is not None:
        wb.active = active
        for ws in wb.worksheets:
            ws.sheet_view.tabSelected = ws is active
    with replacing(target, keeps=keeps, new=new) as tmp:
        save_workbook(wb, tmp)
        cache_values(tmp, shown)
        carry_lite_door(original, tmp)
        restore_extensions(tmp, exts, kept)


def _untouched(source: Path, original: bytes, wb, plan: WritePlan, grids: Mapping[str, Grid] | None) -> Kept:
    """The sheets `plan` leaves alone, as the copy must hold them: the source's values, and the cells
    holding a formula (saved again without a result, which Excel recalculates)."""
    from .file_read import read_grids

    grids = read_grids(source, data=original) if grids is None else grids
    touched = {n.casefold() for n in (*(out.name for out in plan.sheets), *plan.clear, *(b.sheet for b in plan.blocks))}
    names = [n for n in grids if not is_output_sheet(n) and n.casefold() not in touched]
    formulas = {}
    for name in names:
        ws = sheet_named(wb, name)
        if ws is not None:
            formulas[name] = {(c.row, c.column) for c in ws._cells.values() if c.data_type == "f"}
    return Kept(source, {n: grids[n] for n in names}, formulas)


def _copy_values(ws, grid: Grid) -> None:
    """Put the validated values into a sheet cell for cell; cells outside the grid are emptied."""
    height, width = len(grid), max((len(r) for r in grid), default=0)
    # The cells that exist (openpyxl's own map): iter_rows() would visit the whole rectangle up to a
    # stray far cell (XFD1048576: 17 billion cells).
    existing = ws._cells
    for cell in list(existing.values()):
        if cell.row > height or cell.column > width:
            if not type(cell).__name__ == "MergedCell":
                cell.value = None
    for r, line in enumerate(grid, start=1):
        for c, value in enumerate(line, start=1):
            if value is None and (r, c) not in existing:
                continue  # nothing to write, nothing to clear
            cell = ws.cell(r, c)
            if type(cell).__name__ == "MergedCell":
                continue
            write_cell(cell, value)


def write_values_copy(grids: Mapping[str, Grid], plan: WritePlan, template: Path | None, target: Path,
                      drop: tuple[str, ...] = (), source: str | Path = "", shown_as: Path | None = None,
                      traces: Collection[str] = ()) -> None:
    """A macro-free .xlsx at `target`: the grids as values (formatting lent by `template`, when it is a
    saved file), then `plan`'s sheets and blocks; sheets named in `drop` and old output sheets left out,
    what could carry a path or a name cleared (scrub_personal_data). Read back before it is put in
    place: every sheet of `grids` kept must be there with its values (`source` names them;
    `shown_as`: the name staff will know the file by, when `target` sits in a folder being assembled).
    `traces`: what names this computer's user (scrub_personal_data)."""
    import openpyxl

    exts = {}
    if template is not None and template.exists():
        with extension_warnings_handled():  # copied back after saving
            wb = open_for_writing(template, keep_vba=False, data_only=True, keep_links=False)
        exts = read_extensions(template)
    else:
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
    # Sheet names compare as Excel compares them, without case: 'XLWINGS.CONF' is xlwings.conf.
    dropped = {n.casefold() for n in drop}
    for name in [n for n in wb.sheetnames if n not in grids or n.casefold() in dropped or is_output_sheet(n)]:
        if name != SHEET_HIGHLIGHTS:
            wb.remove(wb[name])
    for name, grid in grids.items():
        if name.casefold() in dropped or is_output_sheet(name):
            continue
        ws = wb[name] if name in wb.sheetnames else wb.create_sheet(name)
        _copy_values(ws, grid)
    # The template's sheets keep their Excel x14 formats and dropdowns (see extensions.py).
    kept = _kept_sheets(wb, plan)
    if template is not None:
        refuse_unknown(template, exts, kept)
    shown = {}
    for out in plan.sheets:
        old = sheet_named(wb, out.name)
        if old is not None:
            wb.remove(old)
        shown[out.name] = add_sheet(wb, out, None)
    for block in plan.blocks:  # highlights: the conditional formats kept from the template read these
        ws = sheet_named(wb, block.sheet) or wb.create_sheet(block.sheet)
        ws.sheet_state = "hidden"
        for r, row in enumerate(block.values, start=block.row):
            for c, value in enumerate(row, start=block.col):
                if value is not None:
                    ws.cell(r, c).value = value
    wb.active = 0
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws is wb.worksheets[0]
    scrub_personal_data(wb, traces)
    keeps = Kept(source or target,
                 {n: g for n, g in grids.items() if n.casefold() not in dropped and not is_output_sheet(n)},
                 stored=stored_value, shown_as=shown_as)
    with replacing(target, keeps=keeps) as tmp:  # checked once the links' values are in: the bytes put in place
        save_workbook(wb, tmp)
        cache_values(tmp, shown)
        restore_extensions(tmp, exts, kept)


def _kept_sheets(wb, plan: WritePlan) -> list[str]:
    """The sheets of `wb` a write keeps (not replaced by one of the plan's sheets, compared as Excel does)."""
    replaced = {out.name.casefold() for out in plan.sheets}
    return [name for name in wb.sheetnames if name.casefold() not in replaced]


# A defined name that stays in a copy sent out: references to its own sheets only ('Bagian'!$B$5:$B$34).
_LOCAL_REF = re.compile(r"(?:'[^'\[\]\\/:*?]+'|[A-Za-z0-9_.]+)!\$?[A-Z]{1,3}\$?[0-9]+(?::\$?[A-Z]{1,3}\$?[0-9]+)?")


# Text that names a place on somebody's computer: a drive (C:\, not the 'p:/' of a web address), a share
# (\\server), a file link, a home folder, or the header/footer code Excel prints the file's path with (&Z).
_PLACE = re.compile(r"(?<![A-Za-z])[A-Za-z]:[\\/]|\\\\\w|file:|/(?:Users|home)/|&Z", re.IGNORECASE)


def names_someone(text: str | None, traces: Collection[str] = ()) -> bool:
    """Whether `text` names a place on a computer, or holds one of `traces` (in any letter case)."""
    if not text:
        return False
    folded = text.casefold()
    return bool(_PLACE.search(text)) or any(trace.casefold() in folded for trace in traces)


def scrub_personal_data(wb, traces: Collection[str] = ()) -> None:
    """What Office and staff leave in a workbook that names them goes before it leaves the office:
    document properties (core, custom; app.xml is written anew by openpyxl), hyperlinks to files
    and sites (the cell text stays), comments with their authors, and defined names that point
    anywhere but this workbook's own cells (C:\\Users\\<name>\\..., other workbooks, constants); and,
    where they name a place on a computer or hold one of `traces` (the user's name, home folder),
    header and footer texts, dropdown prompts and error texts, and cell style names."""
    from openpyxl.packaging.core import DocumentProperties

    wb.properties = DocumentProperties(creator="rak_xl", lastModifiedBy="rak_xl", title="Rencana Aksi Kinerja")
    if hasattr(wb, "custom_doc_props"):
        wb.custom_doc_props.props.clear()
    titles = {ws.title.casefold() for ws in wb.worksheets}

    def local(value: str | None) -> bool:
        parts = [p.strip() for p in (value or "").split(",")]
        return bool(parts) and all(_LOCAL_REF.fullmatch(p) and p.rsplit("!", 1)[0].strip("'").casefold() in titles
                                   for p in parts)

    for name in [n for n, d in wb.defined_names.items() if not local(d.attr_text)]:
        del wb.defined_names[name]
    for ws in wb.worksheets:
        for name in [n for n, d in ws.defined_names.items() if not local(d.attr_text)]:
            del ws.defined_names[name]
        for cell in list(ws._cells.values()):  # the cells that exist, not the rectangle (see _copy_values)
            link = cell.hyperlink
            if link is not None and (link.target or link.id or not link.location):
                cell.hyperlink = None
            if cell.comment is not None:
                cell.comment = None
    _scrub_texts(wb, traces)


def _scrub_texts(wb, traces: Collection[str]) -> None:
    """Header and footer parts, dropdown texts and cell style names that name someone: emptied, or
    (a style, whose name must stay unique) renamed."""
    for ws in wb.worksheets:
        for item in (ws.oddHeader, ws.oddFooter, ws.evenHeader, ws.evenFooter, ws.firstHeader, ws.firstFooter):
            for part in (item.left, item.center, item.right):
                if names_someone(part.text, traces):
                    part.text = None
        for dv in ws.data_validations.dataValidation:
            for attr in ("prompt", "promptTitle", "error", "errorTitle"):
                if names_someone(getattr(dv, attr), traces):
                    setattr(dv, attr, None)
    names = set(wb.named_styles)
    for n, style in enumerate(wb._named_styles, start=1):
        if names_someone(style.name, traces):
            style.name = next(f"Gaya {i}" for i in range(n, n + len(names) + 1) if f"Gaya {i}" not in names)
            names.add(style.name)
