"""A WritePlan as a new .xlsx file, written with XlsxWriter (`rak-xl province -o REKAP.xlsx`).

A new file keeps nothing of another workbook (no VBA project, buttons or styles to carry), so
it is written like the shipped workbook is built: with XlsxWriter, streaming each row out as
it is written (constant memory), several times faster than openpyxl. openpyxl stays the writer
of changes to an existing workbook (file_write.py). The file is swapped in by atomic.py.

A SheetOutput's formats are A1 ranges; a cell's format is what the ranges over it add up to,
worked out once per run of rows the same ranges cover and kept per distinct set of properties,
so a row costs its cells' writes and little else.

XlsxWriter spends some 4 microseconds on a cell (its checks, a cell tuple, the row's flush), most
of the cost of a recap of hundreds of satker. A sheet of plain values (text, numbers, dates,
blanks) therefore has its cells written here, as the XML XlsxWriter itself writes for them in
constant-memory mode (inline strings, the same escapes, row heights and dimension), and put into
the sheet's part when XlsxWriter's package (made in memory) is written to the file; XlsxWriter still
writes everything else (layout, formats, charts, the package). Links, formulas and other values keep
XlsxWriter's path.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import tempfile
import zipfile
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from rak_xl.core.model import col_letter
from rak_xl.outputs.paging import MARGINS
from rak_xl.outputs.sheets import Chart, Formula, Link, SheetOutput, WritePlan, stored_value, xml_safe

from .atomic import replacing

_A4 = 9  # XlsxWriter's paper size code for A4
# XlsxWriter's chart types for ours (xlwings' names, outputs/sheets.py Chart.kind).
_CHART_TYPES = {"bar_clustered": {"type": "bar"}, "bar_stacked": {"type": "bar", "subtype": "stacked"},
                "column_stacked": {"type": "column", "subtype": "stacked"}, "line": {"type": "line"}}


def write_workbook(plan: WritePlan, target: str | Path) -> None:
    """The plan's sheets, in order, as a new workbook at `target` (an earlier file there is replaced)."""
    import xlsxwriter

    if plan.blocks or plan.clear:
        raise ValueError("a new workbook holds the plan's sheets only")
    plain_sheets = [_plain(out) for out in plan.sheets]
    # XlsxWriter keeps each sheet's cells in temporary files until close() (constant memory); in a folder
    # of our own they go with it whatever happens (a full disk midway would leave them in the system temp
    # folder). When every sheet is plain, XlsxWriter holds no cells: its parts are made in memory, with
    # no temporary file made and removed for each.
    memory = all(plain_sheets)
    with replacing(target, parents=True) as tmp, \
            nullcontext() if memory else tempfile.TemporaryDirectory(prefix="rak_xlsx_") as scratch:
        package = io.BytesIO()  # XlsxWriter's package, read again here to take the plain sheets' cells
        wb = xlsxwriter.Workbook(package, {**({"in_memory": True} if memory else {"constant_memory": True,
                                                                               "tmpdir": scratch}),
                                            "default_date_format": "dd-mm-yyyy", "strings_to_formulas": False,
                                            "strings_to_urls": False, "nan_inf_to_errors": True})
        styles = _Styles(wb)
        grids = {out.name: out.values for out in plan.sheets}
        plain: dict[str, _PlainSheet] = {}  # sheet part -> its cells, written here
        for n, (out, is_plain) in enumerate(zip(plan.sheets, plain_sheets), start=1):
            ws = wb.add_worksheet(out.name)
            _layout(wb, ws, out)
            if is_plain:
                plain[f"xl/worksheets/sheet{n}.xml"] = _PlainSheet(ws, out, styles)
            else:
                _cells(ws, out, styles)
            for spec in out.charts:
                ws.insert_chart(spec.anchor, _chart(wb, out.name, spec, grids))
        if plan.activate:
            wb.get_worksheet_by_name(plan.activate).activate()
        written = {part: sheet.finish() for part, sheet in plain.items()}
        error = None
        try:
            wb.close()
        except xlsxwriter.exceptions.FileCreateError as exc:  # XlsxWriter's wrapper of an OSError
            # Without XlsxWriter's frames: they hold its half-written zip, which is then closed into
            # `package` at once, not left to a later garbage collection that may close `package` first
            # (and print its failure to stderr).
            error = (exc.__cause__ or exc.__context__ or OSError(str(exc))).with_traceback(None)
        if error is not None:
            raise error from None
        _put_sheet_data(package, Path(tmp), written)


def _bounds(ref: str) -> tuple[int, int, int, int]:
    """'B5:D9' -> (4, 1, 8, 3): first row, first column, last row, last column, 0-based."""
    from xlsxwriter.utility import xl_cell_to_rowcol

    first, _, last = ref.replace("$", "").partition(":")
    return (*xl_cell_to_rowcol(first), *xl_cell_to_rowcol(last or first))


class _Styles:
    """One XlsxWriter format per distinct set of properties."""

    def __init__(self, wb) -> None:
        self.wb = wb
        self.made: dict[tuple, Any] = {}

    def get(self, props: dict) -> Any:
        if not props:
            return None
        key = tuple(sorted(props.items()))
        if key not in self.made:
            self.made[key] = self.wb.add_format(props)
        return self.made[key]


def _boxes(out: SheetOutput) -> list[tuple[tuple[int, int, int, int], dict]]:
    """(bounds, properties) of every formatted range, in the order the properties apply."""
    boxes = [(ref, {"num_format": fmt}) for ref, fmt in out.number_formats]
    boxes += [(ref, {"bold": True}) for ref in out.bold]
    boxes += [(ref, {"bg_color": color, "pattern": 1}) for ref, color in out.fills]
    boxes += [(ref, {"valign": "top"}) for ref in out.top]
    # As the openpyxl writer does: wrapped and centred text sits at the top of its cell.
    boxes += [(ref, {"text_wrap": True, "valign": "top"}) for ref in out.wrap]
    boxes += [(ref, {"border": 1, "border_color": "#808080"}) for ref in out.borders]
    boxes += [(ref, {"align": "center", "valign": "top"}) for ref in out.center]
    return [(_bounds(ref), props) for ref, props in boxes]


def _cells(ws, out: SheetOutput, styles: _Styles) -> None:
    """Row by row, in order (constant memory), each cell with the format its ranges give it."""
    boxes = _boxes(out)
    width = out.shape[1]
    vectors: dict[tuple[int, ...], list] = {}
    for r, row in enumerate(out.values):
        if r + 1 in out.row_heights:
            ws.set_row(r, out.row_heights[r + 1])
        active = tuple(i for i, ((r0, _, r1, _), _) in enumerate(boxes) if r0 <= r <= r1)
        formats = vectors.get(active)
        if formats is None:
            formats = vectors[active] = [styles.get(_props(boxes, active, c)) for c in range(width)]
        for c in range(width):
            _write(ws, r, c, row[c] if c < len(row) else None, formats[c])


def _plain(out: SheetOutput) -> bool:
    """Whether every value of the sheet is one the plain writer writes as XlsxWriter would."""
    if any(h < 1 for h in out.row_heights.values()):  # XlsxWriter hides a row of height 0
        return False
    for row in out.values:
        for v in row:
            cls = v.__class__
            if v is None or cls is int:
                continue
            if cls is dt.date:
                if v <= _LEAP_BUG:
                    return False
            elif cls is str:
                if len(v) > _PLAIN_TEXT or (v.startswith("<r>") and v.endswith("</r>")):  # cut, or rich text
                    return False
            elif cls is float:
                if not math.isfinite(v):  # an error cell
                    return False
            else:  # a link, formula, truth value, time...
                return False
    return True


_PLAIN_TEXT = 16_383  # shorter texts are within Excel's limit in UTF-16 units too: written whole
_EPOCH = dt.date(1899, 12, 31)
_LEAP_BUG = dt.date(1900, 3, 1)  # Excel's serial counts a 29 February 1900 after this
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # XlsxWriter's set: written as _xHHHH_
_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")  # a text that reads as such an escape keeps its underscore
_PLAIN_TEXT_CHARS = re.compile("[\x00-\x1f&<>\ufffe\uffff]|_x[0-9a-fA-F]{4}_")  # what _text_xml may change
_DEFAULT_ROW_PIXELS = 20
_EXACT = 2**53  # an integer below this in size is a float exactly


def _text_xml(value: str) -> str:
    if _PLAIN_TEXT_CHARS.search(value):  # most texts have nothing to escape
        value = stored_value(value)
        value = _ESCAPED.sub(r"_x005F\1", value)
        value = _CONTROL.sub(lambda m: f"_x{ord(m[0]):04X}_", value)
        value = value.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    return f' t="inlineStr"><is><t{space}>{value}</t></is></c>'


class _PlainSheet:
    """A plain sheet's dimension and <sheetData>, as XlsxWriter writes them in constant-memory mode:
    a row only where a cell is written, its height where one is set, every cell with its format.
    XlsxWriter writes a sheet's last row when the file is closed, after every sheet's other rows
    (which numbers the formats it brings in last): `finish`, called for every sheet in turn, does too.
    Heights go to XlsxWriter as well where the sheet has charts, which it places by them."""

    def __init__(self, ws, out: SheetOutput, styles: _Styles) -> None:
        width = out.shape[1]
        self.letters = [col_letter(c) for c in range(1, width + 1)]
        self.vectors: dict[tuple[int, ...], list[Any]] = {}  # the formats of each set of ranges over a row
        runs: dict[tuple[int, ...], _Run] = {}  # each set of ranges' columns
        self.texts: dict[str, str] = {}  # a text's cell XML after the reference: the lists repeat names and files
        self.lines: list[str] = []
        self.last: tuple | None = None  # the last row with cells: (row element's attributes, row, values, its run)
        top, bottom, left, right = -1, -1, 0, 0  # the block written (0-based; top -1: none yet), its last row the last row seen
        heights, blank, end, charts = out.row_heights, [None] * width, width - 1, bool(out.charts)
        heads: dict[float, str] = {}  # the row element's attributes after its number, by height
        seen, span, run = None, None, None  # the set of ranges of the row before (the same object until it changes)
        lines, last = self.lines, None
        for r, row, active in _row_ranges(out, styles, self.vectors):
            if active is not seen:
                seen, run = active, runs.get(active)
                if run is None:
                    run = runs[active] = _Run(self.vectors[active], self.letters, self.texts)
                span = run.span
            head = ""
            if r + 1 in heights:
                height = heights[r + 1]
                if charts:
                    ws.set_row(r, height)
                if top < 0:  # a height alone counts the row at the first column
                    top = r
                bottom = r
                head = heads.get(height)
                if head is None:
                    pixels = int(height * 4.0 / 3.0 + 0.5)  # as XlsxWriter rounds a height in points
                    head = heads[height] = f' ht="{pixels * 0.75:.16g}" customHeight="1"' \
                        if pixels != _DEFAULT_ROW_PIXELS else ""
            if len(row) < width:
                row = [*row, *blank[len(row):]]
            if top < 0 or left or right < end:
                used = _used(row, span)
                if not used:
                    continue
                if top < 0:
                    top, (left, right) = r, used
                else:
                    left, right = min(left, used[0]), max(right, used[1])
            elif span is None and row.count(None) + row.count("") == width:  # once the block spans every
                continue  # column, a row only asks whether it has a value or a format
            if last is not None:
                lines.append(last[3].row(last[0], str(last[1] + 1), last[2]))
            last = (head, r, row, run)
            bottom = r
        self.last = last
        self.bounds = [top, bottom, left, right] if top >= 0 else []  # first row, last row, first column, last column

    def finish(self) -> tuple[str, list[str]]:
        """(dimension, the pieces of <sheetData>: its tags and a piece per row)."""
        if self.last is None:
            return _dimension(self.bounds), ["<sheetData/>"]
        head, r, row, run = self.last
        return _dimension(self.bounds), ["<sheetData>", *self.lines, run.row(head, str(r + 1), row), "</sheetData>"]


class _Run:
    """The cells of rows under one set of ranges. Where every column has a format every cell is written,
    and a row can be written as the pieces between the places of its number (_Cells: a cell's style and
    value, then the next cell's column) joined by it, in C: a list repeats its names, files and codes
    down a column, and their pieces are kept. Rows whose texts differ (a table of satkers, of numbers)
    would only be slowed by the keeping: after _PROBE rows, a run that found less than half of its
    pieces kept writes its cells one by one, as where a column has no format (a cell only where it has
    a value or a format)."""

    def __init__(self, vector: list[Any], letters: list[str], texts: dict[str, str]) -> None:
        self.vector, self.letters, self.texts = vector, letters, texts
        marked = [c for c, f in enumerate(vector) if f is not None]
        self.span = (marked[0], marked[-1]) if marked else None  # the first and last column with a format
        self.marks: list[str] | None = None  # made when the first row is written (_start)
        self.cells: list[_Cells] | None = None
        self.missed = [0]  # the pieces _Cells had to make, of `probed` rows
        self.probed = 0

    def _start(self) -> None:
        # XlsxWriter numbers a format when a cell first uses it: in the order of the cells written
        self.marks = [f' s="{f._get_xf_index()}"' if f is not None else "" for f in self.vector]
        ends = [f'<c r="{letter}' for letter in self.letters[1:]] + ["</row>"]
        if self.marks and all(self.marks):
            self.cells = [_Cells(mark, end, self.missed) for mark, end in zip(self.marks, ends)]

    def row(self, head: str, n: str, row: list) -> str:
        if self.marks is None:
            self._start()
        cells = self.cells
        if cells is not None:
            pieces = ['<row r="', f'"{head}><c r="{self.letters[0]}']
            pieces += map(dict.__getitem__, cells, row)
            self.probed += 1
            if self.probed == _PROBE and self.missed[0] * 2 > _PROBE * len(cells):
                self.cells = None
            return n.join(pieces)
        texts = self.texts
        cells = [f'<row r="{n}"{head}>']
        for letter, value, style in zip(self.letters, row, self.marks):
            if value.__class__ is str and value:  # a text's XML is kept: the lists repeat names and files
                text = texts.get(value)
                if text is None:
                    text = texts[value] = _text_xml(value)
                cells.append(f'<c r="{letter}{n}"{style}{text}')
            elif style or not (value is None or value == ""):  # an empty cell without a format is not written
                cells.append(f'<c r="{letter}{n}"{_cell_xml(value, style)}')
        cells.append("</row>")
        return "".join(cells)


_PROBE = 16


class _Cells(dict):
    """A column's cells under one set of formats, from after the row number of the reference to the
    start of the next cell's reference (or the row's end), by value. Texts and blanks are kept (the
    lists repeat names, files and codes down a column); numbers and dates are written each time, never
    kept: -0.0 and 0 are one key but not one text."""

    def __init__(self, style: str, end: str, missed: list[int]) -> None:
        super().__init__()
        self.style, self.end, self.missed = style, end, missed

    def __missing__(self, value: Any) -> str:
        self.missed[0] += 1
        piece = f'"{_cell_xml(value, self.style)}{self.end}'
        if value is None or value.__class__ is str:
            self[value] = piece
        return piece


def _cell_xml(value: Any, style: str) -> str:
    """A cell's XML after its reference: its format (`style`: s="n", or ""), then its value."""
    cls = value.__class__
    if cls is str and value:
        return style + _text_xml(value)
    if value is None or cls is str:
        return style + "/>"
    if cls is int and -_EXACT < value < _EXACT:  # as a float, printed whole: its digits
        return f"{style}><v>{value}</v></c>"
    return f"{style}><v>{_number(value):.16G}</v></c>"


def _row_ranges(out: SheetOutput, styles: _Styles, vectors: dict[tuple[int, ...], list[Any]]):
    """(0-based row, values, the ranges over it) of every row; `vectors` gets the formats of each set
    of ranges, the first time a row has them. The set changes only where a range starts or ends."""
    boxes = _boxes(out)
    width = out.shape[1]
    edges = sorted({r0 for (r0, _, _, _), _ in boxes} | {r1 + 1 for (_, _, r1, _), _ in boxes})
    active: tuple[int, ...] = ()
    for r, row in enumerate(out.values):
        if edges and r >= edges[0]:
            while edges and r >= edges[0]:
                edges.pop(0)
            active = tuple(i for i, ((r0, _, r1, _), _) in enumerate(boxes) if r0 <= r <= r1)
        if active not in vectors:
            vectors[active] = [styles.get(_props(boxes, active, c)) for c in range(width)]
        yield r, row, active


def _used(row: list, formatted: tuple[int, int] | None) -> tuple[int, int] | None:
    """The first and last column of a row with a value or a format (`formatted`: the first and last
    column with one, if any)."""
    first = next((c for c, v in enumerate(row) if not (v is None or v == "")), None)
    if first is None:
        return formatted
    last = next(c for c in range(len(row) - 1, first - 1, -1) if not (row[c] is None or row[c] == ""))
    return (min(first, formatted[0]), max(last, formatted[1])) if formatted else (first, last)


def _number(value: Any) -> float | int:
    """A plain number, or a date as Excel's serial (+1: Excel's 29 February 1900; dates before are not plain)."""
    return float((value - _EPOCH).days + 1) if value.__class__ is dt.date else value


def _dimension(bounds: list[int]) -> str:
    if not bounds:
        return "A1"
    first, last = f"{col_letter(bounds[2] + 1)}{bounds[0] + 1}", f"{col_letter(bounds[3] + 1)}{bounds[1] + 1}"
    return first if first == last else f"{first}:{last}"


# The parts are compressed at zlib's fastest level: of a recap of 514 satkers' 2.4 MB of sheet XML,
# at about a third of the default level's time, for a file a fifth larger (300 KB instead of 250 KB).
# The file stays on the province's machine; its XML is the same at any level.
_LEVEL = 1


def _put_sheet_data(package: io.BytesIO, path: Path, written: dict[str, tuple[str, list[str]]]) -> None:
    """XlsxWriter's `package` as the file at `path`, with each written sheet's dimension and cells in
    its part (the part's XML joined once, from the pieces, to be compressed)."""
    if not written:
        path.write_bytes(package.getbuffer())
        return
    with zipfile.ZipFile(package) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename in written:
                dimension, pieces = written.pop(info.filename)
                text = data.decode("utf-8")
                text = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', text, count=1)
                cells = re.search(r"<sheetData(?:/>|>.*?</sheetData>)", text, flags=re.S)
                data = "".join([text[:cells.start()], *pieces, text[cells.end():]]).encode("utf-8")
            new.writestr(info, data, compresslevel=_LEVEL)


def _props(boxes, active: tuple[int, ...], c: int) -> dict:
    props: dict = {}
    for i in active:
        (_, c0, _, c1), more = boxes[i]
        if c0 <= c <= c1:
            props.update(more)
    return props


def _write(ws, r: int, c: int, value: Any, fmt: Any) -> None:
    if isinstance(value, Link):  # its formula, with the label it shows as the value readers see
        formula = value.formula()
        if isinstance(formula, Formula):
            ws.write_formula(r, c, formula.text, fmt, xml_safe(value.shown))
            return
        value = formula
    if value is None or value == "":
        if fmt is not None:
            ws.write_blank(r, c, None, fmt)
    elif isinstance(value, str):
        ws.write_string(r, c, stored_value(value), fmt)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value, fmt)
    elif isinstance(value, dt.datetime):
        ws.write_datetime(r, c, value, fmt)
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), fmt)
    elif isinstance(value, Formula):
        ws.write_formula(r, c, value.text, fmt)
    else:
        ws.write_string(r, c, stored_value(str(value)), fmt)


def _layout(wb, ws, out: SheetOutput) -> None:
    """Column widths, panes, filter and print setup: A4, fitted to one page width per band of
    columns, the title rows and columns on every page, the margins of every output sheet."""
    for col, width in out.column_widths.items():
        ws.set_column(col - 1, col - 1, width)
    if out.freeze_row or out.freeze_col:
        ws.freeze_panes(out.freeze_row, out.freeze_col)
    if out.autofilter:
        ws.autofilter(*_bounds(out.autofilter))
    for cf in out.conditional:
        fmt = wb.add_format({"bg_color": cf.fill, "bold": True} if cf.bold else {"bg_color": cf.fill})
        ws.conditional_format(cf.ref, {"type": "formula", "criteria": "=" + cf.formula, "format": fmt})
    if out.hidden:
        ws.hide()
    ws.set_paper(_A4)
    if out.landscape:
        ws.set_landscape()
    ws.fit_to_pages(len(out.column_breaks) + 1, 0)
    ws.set_margins(left=MARGINS["left"], right=MARGINS["right"], top=MARGINS["top"], bottom=MARGINS["bottom"])
    ws.set_header("", {"margin": MARGINS["header"]})
    ws.set_footer(f"&C{out.footer}" if out.footer else "", {"margin": MARGINS["footer"]})
    if out.print_title_rows:
        ws.repeat_rows(out.print_title_rows[0] - 1, out.print_title_rows[1] - 1)
    if out.print_title_cols:
        ws.repeat_columns(out.print_title_cols[0] - 1, out.print_title_cols[1] - 1)
    if out.page_breaks:
        ws.set_h_pagebreaks([row - 1 for row in out.page_breaks])  # XlsxWriter: the 0-based row after the break
    if out.column_breaks:
        ws.set_v_pagebreaks([col - 1 for col in out.column_breaks])
        ws.print_across()  # each band's pages beside the previous band's, row by row


def _chart(wb, sheet: str, spec: Chart, grids: dict[str, list[list[Any]]]):
    """A native chart: one series per value column, its name the header cell, labels from the categories.

    The values the chart shows go into the file with it (XlsxWriter cannot read back rows it has
    streamed out): without them the labels would be referred to as numbers, and a reader that
    does not recompute the chart shows 1, 2, 3 instead of the satker names.
    """
    chart = wb.add_chart(dict(_CHART_TYPES[spec.kind]))
    data = spec.data_sheet or sheet
    grid = grids.get(data, [])
    r0, c0, r1, c1 = _bounds(spec.source)
    if spec.names_row:  # the names apart: `source` is values only
        names, r0 = spec.names_row - 1, r0 - 1
    else:
        names = r0
    if spec.categories:
        labels, columns = _bounds(spec.categories), range(c0, c1 + 1)
    else:  # the source's first column holds the labels
        labels, columns = (r0 + 1, c0, r1, c0), range(c0 + 1, c1 + 1)
    for c in columns:
        series = {"name": [data, names, c], "name_data": _cached(grid, names, c, names, c),
                  "categories": [data, *labels], "categories_data": _cached(grid, *labels),
                  "values": [data, r0 + 1, c, r1, c], "values_data": _cached(grid, r0 + 1, c, r1, c)}
        if spec.kind == "line":
            series["marker"] = {"type": "circle"}
        chart.add_series(series)
    chart.set_title({"name": spec.title})
    font = {"size": spec.text_size}  # the default, 10 pt, prints smaller than the sheet's own text
    axis = {k: v for k, v in (("num_format", spec.value_format), ("name", spec.value_title)) if v}
    value_axis, category_axis = (chart.set_x_axis, chart.set_y_axis) if spec.kind.startswith("bar") else \
        (chart.set_y_axis, chart.set_x_axis)  # a bar chart's value axis is its horizontal one
    value_axis({**axis, "num_font": font})
    category_axis({"num_font": font})
    chart.set_legend({"none": True} if not spec.legend else {"font": font})
    chart.set_size({"width": spec.width * 4 / 3, "height": spec.height * 4 / 3})  # points -> pixels
    return chart


def _cached(grid: list[list[Any]], r0: int, c0: int, r1: int, c1: int) -> list:
    """The values of a block (0-based, inclusive), row by row, as a chart's cache holds them."""
    out = []
    for r in range(r0, r1 + 1):
        row = grid[r] if r < len(grid) else []
        for c in range(c0, c1 + 1):
            v = row[c] if c < len(row) else None
            out.append(v if v is None or isinstance(v, (int, float)) and not isinstance(v, bool) else str(v))
    return out
