"""The open workbook through xlwings: read grids once, carry out a WritePlan once.

A button press costs a constant number of calls into Excel whatever the
number of rows: one read per input sheet, one write per output block, and a
fixed number of formatting calls per output sheet. Niceties the engine in use
does not offer (page setup outside Windows/macOS, screen updating) are
skipped rather than failing the press; a nicety Excel itself refuses (a COM
error, e.g. page setup on a PC without a printer) becomes a note for the
user. When Excel refuses an essential write, the sheet being written is
removed again, so no half-written sheet stays, and the user gets an
Indonesian message (RAK910-RAK913) instead of a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rak_xl.core import refusals as R
from rak_xl.core.layout import is_output_sheet
from rak_xl.core.text import say
from rak_xl.outputs.sheets import EXCEL_MAX_TEXT, Formula, Link, SheetOutput, WritePlan, pad
from rak_xl.parse.tables import Grid

# A string Excel would turn into a formula, number or date when assigned.
_NEEDS_QUOTE = re.compile(r"^(?:[=+\-@]|[\d\s.,/:%-]+$)")
# What an engine that lacks a nicety raises (the remote engine, macOS): skipped without a note.
_MISSING = (AttributeError, NotImplementedError, TypeError, ValueError, KeyError)
# Where the exceptions Excel raises through xlwings come from: pywin32's COM layer on Windows
# (pywintypes.com_error), appscript on macOS. Matched by module: pywin32 is absent elsewhere.
_EXCEL_MODULES = ("pywintypes", "pythoncom", "win32com", "appscript", "aem")


def is_excel_error(exc: BaseException) -> bool:
    """Raised by Excel or by xlwings talking to it, as opposed to a bug in rak_xl."""
    import xlwings

    return isinstance(exc, xlwings.XlwingsError) or type(exc).__module__.split(".")[0] in _EXCEL_MODULES


def excel_message(exc: BaseException) -> str:
    """Excel's own words: a com_error carries (hresult, text, (.., source, description, ..), arg)."""
    args = getattr(exc, "args", ())
    if len(args) >= 3 and isinstance(args[2], tuple) and len(args[2]) > 2 and args[2][2]:
        return str(args[2][2]).strip()
    if len(args) >= 2 and isinstance(args[1], str):
        return args[1].strip()
    return str(exc).strip() or type(exc).__name__


def excel_value(value: Any) -> Any:
    if isinstance(value, Link):  # clickable in the open workbook, written with the block
        value = value.formula()
    if isinstance(value, Formula):
        return value.text
    if isinstance(value, str) and _NEEDS_QUOTE.match(value):
        value = "'" + value  # the apostrophe prefix keeps it text; Excel does not show it
    if isinstance(value, str) and len(value) > EXCEL_MAX_TEXT:
        value = value[:EXCEL_MAX_TEXT]  # a 50,000-character cell copied into an output sheet
    return value


# Excel's used range grows to row 1,048,576 when a whole column is formatted; reading that
# through COM would leave the press hanging. The bound is far beyond a real RAK (10,000 rows
# x 11 columns = 110,000 cells).
MAX_READ_CELLS = 2_000_000


def read_book(book) -> dict[str, Grid]:
    try:
        return _read_book(book)
    except Exception as exc:
        if not is_excel_error(exc):
            raise
        raise R.EXCEL_REFUSED_READ(detail=excel_message(exc)) from None


def book_path(book, refusal=R.ONEDRIVE_FOLDER_NOT_FOUND) -> Path:
    """The saved workbook's local path. For a workbook opened from OneDrive/SharePoint Excel reports
    a URL, which xlwings maps to the synced local folder; when there is none, staff get the fix
    (`refusal`: the one that names the button pressed)."""
    import xlwings

    try:
        return Path(book.fullname)
    except xlwings.XlwingsError as exc:
        raise refusal(detail=exc) from None


def _read_book(book) -> dict[str, Grid]:
    from rak_xl.core.model import col_letter

    grids: dict[str, Grid] = {}
    for sheet in book.sheets:
        if is_output_sheet(sheet.name):
            continue
        last = sheet.used_range.last_cell
        if last.row * last.column > MAX_READ_CELLS:
            corner = f"{col_letter(last.column)}{last.row}"
            raise R.USED_RANGE_TOO_LARGE(sheet=sheet.name, cell=corner, corner=corner)
        # err_to_str: a formula error reads as '#REF!' (reported as RAK109), not as an empty cell.
        values = sheet.range((1, 1), (last.row, last.column)).options(ndim=2, err_to_str=True).value
        grids[sheet.name] = [[None if v == "" else v for v in row] for row in values or []]
    return grids


def read_cell(book, sheet: str, cell: str):
    """One cell of the open workbook (the Rekap Provinsi folder); a missing sheet is the user's to fix."""
    if sheet not in [s.name for s in book.sheets]:
        raise R.SHEET_MISSING(sheet=sheet)
    value = book.sheets[sheet].range(cell).value
    return None if value == "" else value


def _optional(action, notes: list[str] | None = None, what: str = "") -> None:
    """Run a formatting nicety. An engine that lacks it (remote, macOS) just skips it; when Excel
    itself refuses it (a COM error, e.g. page setup with no printer installed), the press goes on
    and the user is told in a note."""
    try:
        action()
    except _MISSING:
        pass
    except Exception as exc:
        if not is_excel_error(exc):
            raise
        if notes is not None:
            note = say("excel.skipped", what=what, detail=excel_message(exc))
            if note not in notes:
                notes.append(note)


def _discard(book, name: str) -> None:
    """Remove a half-written output sheet (best effort: Excel may be refusing every call)."""
    try:
        if name in [s.name for s in book.sheets]:
            book.sheets[name].delete()
    except Exception:  # noqa: BLE001 - the refusal being reported is the one that matters
        pass


def _write_sheet(book, out: SheetOutput, notes: list[str]) -> None:
    names = [s.name for s in book.sheets]
    if out.name in names:
        book.sheets[out.name].delete()
    sheet = book.sheets.add(out.name, after=book.sheets[len(names) - 1 - (out.name in names)])
    try:
        _fill_sheet(sheet, out, notes)
    except BaseException:
        _discard(book, out.name)
        raise


def _fill_sheet(sheet, out: SheetOutput, notes: list[str]) -> None:
    fmt = say("excel.format", sheet=out.name)
    values = [[excel_value(v) for v in row] for row in pad(out.values)]
    if values and values[0]:
        sheet.range((1, 1)).value = values
    for ref, fmt_code in out.number_formats:
        sheet.range(ref).number_format = fmt_code
    for ref in out.bold:
        sheet.range(ref).font.bold = True
    for ref, color in out.fills:
        sheet.range(ref).color = color
    for ref in out.wrap:
        _optional(lambda ref=ref: setattr(sheet.range(ref), "wrap_text", True), notes, fmt)
    for ref in out.top:
        _optional(lambda ref=ref: setattr(sheet.range(ref), "vertical_alignment", "top"), notes, fmt)
    for col, width in out.column_widths.items():
        _optional(lambda col=col, width=width: setattr(sheet.range((1, col)), "column_width", width), notes, fmt)
    for ref in out.borders:
        _optional(lambda ref=ref: sheet.range(ref).borders.set("all", line_style="continuous", weight="thin",
                                                                   color="#808080"), notes, fmt)
    for ref in out.center:
        _optional(lambda ref=ref: setattr(sheet.range(ref), "horizontal_alignment", "center"), notes, fmt)
    for cf in out.conditional:
        _optional(lambda cf=cf: sheet.range(cf.ref).conditional_formats.add_custom(
            "=" + cf.formula, fill_color=cf.fill, font_bold=True if cf.bold else None), notes, fmt)
    if out.autofit_rows:
        _optional(lambda: sheet.range((1, 1), (max(len(out.values), 1), max(out.shape[1], 1))).rows.autofit(),
                  notes, fmt)
    for chart in out.charts:
        _optional(lambda chart=chart: _add_chart(sheet, chart), notes, say("excel.chart", title=chart.title))
    if out.freeze_row or out.freeze_col:
        _optional(lambda: _freeze(sheet, out), notes, fmt)
    if out.autofilter:  # desktop Excel (COM): the filter buttons; other engines skip them
        _optional(lambda: sheet.range(out.autofilter).api.AutoFilter(), notes, fmt)
    if out.hidden:
        sheet.visible = False
    _optional(lambda: _page_setup(sheet, out), notes, say("excel.page_setup", sheet=out.name))


def _add_chart(sheet, spec) -> None:
    """One call creates the chart with its data (series in columns, as the block is laid out); the
    labels, when apart from the block, one more. A source of values only (names_row) gives series
    without names, which a chart without a legend does not show."""
    data = sheet.book.sheets[spec.data_sheet] if spec.data_sheet else sheet
    chart = sheet.charts.add(width=spec.width, height=spec.height,
                             chart_type={"line": "line_markers"}.get(spec.kind, spec.kind),
                             source=data.range(spec.source), plot_by="columns", name=spec.title,
                             anchor=sheet.range(spec.anchor))
    if spec.categories:
        chart.set_x_axis_values(data.range(spec.categories))
    _optional(lambda: setattr(chart, "title", spec.title))
    if not spec.legend:
        _optional(lambda: setattr(chart.legend, "visible", False))
    axis = {k: v for k, v in (("number_format", spec.value_format), ("title", spec.value_title)) if v}
    if axis:
        _optional(lambda: chart.value_axis.set(**axis))


def _freeze(sheet, out: SheetOutput) -> None:
    """Rows above freeze_row and columns left of freeze_col stay in view."""
    from rak_xl.core.model import col_letter

    rows = f"1:{out.freeze_row}" if out.freeze_row else ""
    cols = f"A:{col_letter(out.freeze_col)}" if out.freeze_col else ""
    try:  # Office.js (xlwings Lite): the top-left block that stays in view
        sheet.freeze_panes.freeze_at(f"A1:{col_letter(out.freeze_col)}{out.freeze_row}" if rows and cols
                                     else rows or cols)
    except NotImplementedError:  # desktop Excel: through the sheet's window
        sheet.activate()
        window = sheet.book.app.api.ActiveWindow
        window.FreezePanes = False
        window.SplitRow, window.SplitColumn = out.freeze_row, out.freeze_col
        window.FreezePanes = True


def _page_setup(sheet, out: SheetOutput) -> None:
    from rak_xl.core.model import col_letter

    api = sheet.api  # COM (Windows); other engines raise and the press goes on
    setup = api.PageSetup
    setup.Orientation = 2 if out.landscape else 1
    setup.PaperSize = 9  # A4
    setup.Zoom = False
    setup.FitToPagesWide = len(out.column_breaks) + 1  # a page width per band of columns
    setup.FitToPagesTall = False
    if out.print_title_rows:
        setup.PrintTitleRows = f"${out.print_title_rows[0]}:${out.print_title_rows[1]}"
    if out.print_title_cols:
        first, last = (col_letter(c) for c in out.print_title_cols)
        setup.PrintTitleColumns = f"${first}:${last}"
    if out.footer:
        setup.CenterFooter = out.footer
    # Desktop Excel only: one call per printed page (not per row), keeping groups on one page.
    for row in out.page_breaks:
        api.HPageBreaks.Add(Before=api.Range(f"A{row}"))
    for col in out.column_breaks:
        api.VPageBreaks.Add(Before=api.Range(f"{col_letter(col)}1"))
    if out.column_breaks:
        setup.Order = 2  # xlOverThenDown: each band's pages beside the previous band's, row by row


def _write_highlights(book, plan: WritePlan, notes: list[str]) -> None:
    names = [s.name for s in book.sheets]
    for name in plan.clear:
        if name in names:
            book.sheets[name].clear_contents()
        else:  # a workbook made before the highlight sheet existed
            sheet = book.sheets.add(name, after=book.sheets[len(names) - 1])
            sheet.visible = False
            _optional(lambda sheet=sheet: setattr(sheet.api, "Visible", 2))  # xlSheetVeryHidden (Windows)
            names.append(name)
    try:
        for block in plan.blocks:
            values = [[excel_value(v) for v in row] for row in pad(block.values)]
            book.sheets[block.sheet].range((block.row, block.col)).value = values
    except BaseException:
        for name in plan.clear:  # no highlights rather than half of them
            try:
                book.sheets[name].clear_contents()
            except Exception:  # noqa: BLE001 - the first refusal is reported
                pass
        raise


def apply_plan(book, plan: WritePlan) -> list[str]:
    """Carry out `plan` in the open workbook; returns notes on niceties Excel refused (Indonesian)."""
    notes: list[str] = []
    app = book.app
    _optional(lambda: setattr(app, "screen_updating", False))
    refused, place = R.EXCEL_REFUSED_WRITE, {}
    try:
        for out in plan.sheets:
            refused, place = R.EXCEL_REFUSED_SHEET, {"sheet": out.name}
            _write_sheet(book, out, notes)
        refused, place = R.EXCEL_REFUSED_HIGHLIGHTS, {}
        _write_highlights(book, plan, notes)
        if plan.activate:
            _optional(lambda: book.sheets[plan.activate].activate(), notes, say("excel.activate", sheet=plan.activate))
    except Exception as exc:
        if not is_excel_error(exc):
            raise
        raise refused(detail=excel_message(exc), **place) from None
    finally:
        _optional(lambda: setattr(app, "screen_updating", True))
    return notes
