"""Carry a WritePlan into a workbook file with openpyxl, atomically.

openpyxl with keep_vba=True keeps the VBA project and the legacy VML drawing
that holds the form buttons; data validations, conditional formats, defined
names, styles and print settings of untouched sheets survive (a round-trip
test compares them part by part). The result is written to a temporary file
in the target's folder and moved over the target in one step, so a failure
midway leaves the original byte-identical.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import RakInputError
from ..layout import OUTPUT_SHEETS, SHEET_HIGHLIGHTS
from ..parse.tables import Grid
from .atomic import replacing
from ..outputs.sheets import EXCEL_MAX_TEXT, FORMULA_PREFIXES, Chart, Formula, SheetOutput, WritePlan



def write_cell(cell, value: Any) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Control characters from cells (a bell, a vertical tab pasted from Word) cannot be stored in XML.
    if isinstance(value, Formula):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value.text)
        return
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)[:EXCEL_MAX_TEXT]
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"  # text from a cell stays text: never a formula


def _ranges(ws, ref: str):
    cells = ws[ref]
    if not isinstance(cells, tuple):
        return [cells]
    if cells and not isinstance(cells[0], tuple):
        return list(cells)
    return [c for row in cells for c in row]


def add_sheet(wb, out: SheetOutput, index: int | None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(out.name, index)
    for r, row in enumerate(out.values, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None and value != "":
                write_cell(ws.cell(r, c), value)
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
    for col, width in out.column_widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    if out.freeze_row:
        ws.freeze_panes = f"A{out.freeze_row + 1}"
    if out.hidden:
        ws.sheet_state = "hidden"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if out.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if out.print_title_rows:
        ws.print_title_rows = f"{out.print_title_rows[0]}:{out.print_title_rows[1]}"
    for spec in out.charts:
        ws.add_chart(_chart(ws, spec), spec.anchor)
    _extras(ws, out)


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
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
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
    return chart


def apply_plan(source: str | Path, target: str | Path, plan: WritePlan) -> None:
    """Write `plan` into a copy of `source` saved as `target` (they may be the same file)."""
    import openpyxl

    source, target = Path(source), Path(target)
    keep_vba = source.suffix.lower() == ".xlsm"
    try:
        wb = openpyxl.load_workbook(source, keep_vba=keep_vba, keep_links=True, rich_text=True)
    except Exception as exc:  # openpyxl raises many types for damaged packages
        raise RakInputError(f"Berkas '{source.name}' tidak dapat dibuka untuk ditulisi.",
                            message_en=f"'{source.name}' cannot be opened for writing ({exc}).",
                            hint="Buka dan simpan ulang berkas di Excel, lalu coba lagi.") from None
    for out in plan.sheets:
        index = None
        if out.name in wb.sheetnames:
            index = wb.sheetnames.index(out.name)
            wb.remove(wb[out.name])
        add_sheet(wb, out, index)
    for name in plan.clear:
        if name in wb.sheetnames:
            ws = wb[name]
            for row in ws.iter_rows():
                for cell in row:
                    cell.value = None
    for block in plan.blocks:
        if block.sheet not in wb.sheetnames:
            ws = wb.create_sheet(block.sheet)
            ws.sheet_state = "hidden"
        ws = wb[block.sheet]
        for r, row in enumerate(block.values, start=block.row):
            for c, value in enumerate(row, start=block.col):
                if value is not None:
                    write_cell(ws.cell(r, c), value)
    if plan.activate and plan.activate in wb.sheetnames:
        wb.active = wb.sheetnames.index(plan.activate)
        for ws in wb.worksheets:
            ws.sheet_view.tabSelected = ws.title == plan.activate
    from .lite_parts import carry_lite_door

    original = source.read_bytes()  # read before the write: source and target may be one file
    with replacing(target) as tmp:
        wb.save(tmp)
        carry_lite_door(original, tmp)


def _copy_values(ws, grid: Grid) -> None:
    """Put the validated values into a sheet cell for cell; cells outside the grid are emptied."""
    height, width = len(grid), max((len(r) for r in grid), default=0)
    for row in ws.iter_rows():
        for cell in row:
            if cell.row > height or cell.column > width:
                if not type(cell).__name__ == "MergedCell":
                    cell.value = None
    for r, line in enumerate(grid, start=1):
        for c, value in enumerate(line, start=1):
            cell = ws.cell(r, c)
            if type(cell).__name__ == "MergedCell":
                continue
            write_cell(cell, value)


def write_values_copy(grids: Mapping[str, Grid], plan: WritePlan, template: Path | None, target: Path,
                      drop: tuple[str, ...] = ()) -> None:
    """A macro-free .xlsx at `target`: the grids as values (formatting lent by `template`, when it is a
    saved file), then `plan`'s sheets and blocks; sheets named in `drop` and old output sheets left out,
    document properties that could carry a path or a name cleared. `target` is a new file in a folder
    being assembled (rak_xl.submit), so it is saved directly."""
    import openpyxl

    if template is not None and template.exists():
        wb = openpyxl.load_workbook(template, keep_vba=False, data_only=True, keep_links=False)
    else:
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
    for name in [n for n in wb.sheetnames if n not in grids or n in drop or n in OUTPUT_SHEETS]:
        if name != SHEET_HIGHLIGHTS:
            wb.remove(wb[name])
    for name, grid in grids.items():
        if name in drop:
            continue
        ws = wb[name] if name in wb.sheetnames else wb.create_sheet(name)
        _copy_values(ws, grid)
    for out in plan.sheets:
        if out.name in wb.sheetnames:
            wb.remove(wb[out.name])
        add_sheet(wb, out, None)
    for block in plan.blocks:  # highlights: the conditional formats kept from the template read these
        ws = wb[block.sheet] if block.sheet in wb.sheetnames else wb.create_sheet(block.sheet)
        ws.sheet_state = "hidden"
        for r, row in enumerate(block.values, start=block.row):
            for c, value in enumerate(row, start=block.col):
                if value is not None:
                    ws.cell(r, c).value = value
    wb.active = 0
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws is wb.worksheets[0]
    props = wb.properties
    props.creator = props.lastModifiedBy = "rak_xl"
    props.description = props.keywords = props.category = None
    props.identifier = props.lastPrinted = None
    wb.custom_doc_props.props.clear() if hasattr(wb, "custom_doc_props") else None
    wb.save(target)
