"""The Rekap Provinsi workbook (rak_xl.products.province.Recap) written to a new .xlsx file with XlsxWriter.

The recap is a new file, so it is written like the shipped workbook is built: with
XlsxWriter, which streams rows out (constant memory) and is several times faster than
openpyxl here (514 satker: 0.7 s -> about 0.1 s). openpyxl stays the writer for changes
to an existing workbook, where the VBA project and styles must survive. The file is
swapped in by rak_xl.adapters.atomic. `recap` is read through its attributes only
(satkers, skipped, header(), row(), total_rows(), subtitle(), error_rows(), skipped_rows(),
money_columns, ...), so this adapter
does not import the layer above it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rak_xl.core import clock
from rak_xl.core.layout import RECAP_ERRORS, RECAP_SHEETS, RECAP_SKIPPED, RECAP_TITLE
from rak_xl.core.layout import RECAP_HEADER_ROW as HEADER_ROW

from .atomic import replacing

SHEET_RECAP, SHEET_CHARTS, SHEET_ERRORS, SHEET_SKIPPED = RECAP_SHEETS


def write_recap(recap, target: Path, folder: str = "", when: dt.datetime | None = None) -> None:
    import tempfile

    import xlsxwriter

    when = when or clock.now()
    # XlsxWriter keeps each sheet in temporary files until close(); in a folder of our own they go
    # with it whatever happens (a full disk midway left them in the system temp folder).
    with replacing(target, parents=True) as tmp, tempfile.TemporaryDirectory(prefix="rak_rekap_") as scratch:
        wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "default_date_format": "dd-mm-yyyy",
                                            "strings_to_formulas": False, "strings_to_urls": False,
                                            "tmpdir": scratch})
        fmt = _Formats(wb)
        ws = wb.add_worksheet(SHEET_RECAP)
        charts = wb.add_worksheet(SHEET_CHARTS)
        errs = wb.add_worksheet(SHEET_ERRORS)
        sk = wb.add_worksheet(SHEET_SKIPPED)
        _recap_sheet(ws, recap, folder, when, fmt)
        _chart_sheet(wb, charts, recap, fmt)
        _errors_sheet(errs, recap, fmt)
        _skipped_sheet(sk, recap, fmt)
        try:
            wb.close()
        except xlsxwriter.exceptions.FileCreateError as exc:  # XlsxWriter's wrapper of an OSError
            raise exc.__cause__ or exc.__context__ or OSError(str(exc)) from None


class _Formats:
    def __init__(self, wb) -> None:
        self.title = wb.add_format({"bold": True, "font_size": 13})
        self.head = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "text_wrap": True, "valign": "top"})
        self.bold = wb.add_format({"bold": True, "valign": "top"})
        self.money = wb.add_format({"num_format": "#,##0", "valign": "top"})
        self.money_bold = wb.add_format({"num_format": "#,##0", "bold": True, "valign": "top"})
        self.percent = wb.add_format({"num_format": "0.0", "valign": "top"})
        self.percent_bold = wb.add_format({"num_format": "0.0", "bold": True, "valign": "top"})
        self.date = wb.add_format({"num_format": "dd-mm-yyyy", "valign": "top"})
        self.date_bold = wb.add_format({"num_format": "dd-mm-yyyy", "bold": True, "valign": "top"})
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        self.top = wb.add_format({"valign": "top"})  # a row's cells line up with its wrapped text


BAND_WIDTH = 150  # characters of column width per printed page width (about 80% type size on A4)


def _column_bands(widths: list[float], repeated: int) -> list[int]:
    """0-based columns that start a new band of printed pages, each band (with the `repeated`
    columns printed again on its left) at most BAND_WIDTH wide."""
    fixed = sum(widths[:repeated])
    starts, used = [], fixed
    for c in range(repeated, len(widths)):
        if used > fixed and used + widths[c] > BAND_WIDTH:
            starts.append(c)
            used = fixed
        used += widths[c]
    return starts


def _print_setup(ws, header_row: int = 0, pages_wide: int = 1) -> None:
    """A4 landscape, the columns fitted to `pages_wide` page widths, the header row on every page,
    page numbers in the footer, the margins of every output sheet (rak_xl.outputs.paging)."""
    from rak_xl.outputs.paging import MARGINS
    from rak_xl.outputs.sheets import PAGE_FOOTER

    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(pages_wide, 0)
    ws.set_margins(left=MARGINS["left"], right=MARGINS["right"], top=MARGINS["top"], bottom=MARGINS["bottom"])
    ws.set_header("", {"margin": MARGINS["header"]})
    ws.set_footer(f"&C{PAGE_FOOTER}", {"margin": MARGINS["footer"]})
    if header_row:
        ws.repeat_rows(header_row - 1)  # 0-based


def _row_formats(recap, fmt: _Formats, width: int, bold: bool) -> list:
    """One format per column of a Rekap Satker row (Rupiah, percent, date, plain)."""
    formats: list = [fmt.bold if bold else None] * width
    for c in recap.money_columns:
        formats[c] = fmt.money_bold if bold else fmt.money
    if recap.with_evaluation:
        for c in range(recap.money_columns.stop, recap.money_columns.stop + 8):
            formats[c] = fmt.percent_bold if bold else fmt.percent
    formats[5] = fmt.date_bold if bold else fmt.date
    return formats


def _write(ws, r: int, values: list, formats: list | None = None) -> None:
    """A row of values; None cells are left empty (XlsxWriter would write nothing for them anyway)."""
    for c, v in enumerate(values):
        f = formats[c] if formats else None
        if v is None or v == "":
            if f is not None:
                ws.write_blank(r, c, None, f)
        elif isinstance(v, dt.date):
            ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), f)
        elif isinstance(v, str):
            ws.write_string(r, c, v, f)
        else:
            ws.write_number(r, c, v, f)


def _recap_sheet(ws, recap, folder: str, when: dt.datetime, fmt: _Formats) -> None:
    from rak_xl.outputs.paging import row_height

    header = recap.header()
    # Narrow enough that one page width holds the table (A4 landscape, fitted to width);
    # long names and headers wrap.
    widths = {1: 4, 2: 24, 3: 8, 4: 6, 5: 18, 6: 11, 7: 20, 8: 10, 9: 10, 10: 10}
    width_list = [widths.get(c, 14) for c in range(1, len(header) + 1)]
    wrapped = {1, 4, 6, len(header) - 1}  # 0-based: Satuan Kerja, Nomor DIPA, Berkas, Catatan
    for c in range(1, len(header) + 1):
        ws.set_column(c - 1, c - 1, widths.get(c, 14), fmt.wrap if c - 1 in wrapped else fmt.top)
    # Thirty-odd columns on one A4 width would print at a quarter of the type size. The table
    # prints in bands of columns instead, each band fitted to the page width, No and Satuan
    # Kerja repeated on the left of every band and the header row on top of every page.
    bands = _column_bands(width_list, repeated=2)
    _print_setup(ws, HEADER_ROW, pages_wide=len(bands) + 1)
    ws.repeat_columns(0, 1)
    ws.set_v_pagebreaks(bands)
    ws.freeze_panes(HEADER_ROW, 2)
    if recap.satkers:
        ws.autofilter(HEADER_ROW - 1, 0, HEADER_ROW + len(recap.satkers) - 1, len(header) - 1)
    ws.write_string(0, 0, RECAP_TITLE, fmt.title)
    ws.write_string(1, 0, recap.subtitle(folder, when))
    # Row heights for wrapped text, set before each row is streamed out (LibreOffice does not
    # re-measure rows when it opens the file).
    ws.set_row(HEADER_ROW - 1, row_height(header, width_list, set(range(len(header)))))
    _write(ws, HEADER_ROW - 1, header, [fmt.head] * len(header))
    plain = _row_formats(recap, fmt, len(header), bold=False)
    r = HEADER_ROW
    for n, s in enumerate(recap.satkers, start=1):
        values = recap.row(n, s)
        ws.set_row(r, row_height(values, width_list, wrapped))
        _write(ws, r, values, plain)
        r += 1
    for total in recap.total_rows():  # one JUMLAH line per year: amounts of two years are never added
        _write(ws, r, total, _row_formats(recap, fmt, len(header), bold=True))
        r += 1


def _chart_sheet(wb, ws, recap, fmt: _Formats) -> None:
    ws.write_string(0, 0, "Pagu per program menurut satker (dari lembar Rekap Satker)", fmt.title)
    n = len(recap.satkers)
    if not n:
        return
    _print_setup(ws)
    anchor_row = 2
    breaks = []  # each chart on a page of its own: a chart cut by a page break prints as two halves
    first, last = HEADER_ROW, HEADER_ROW + n - 1  # 0-based rows of the satker lines
    for i, code in enumerate(recap.program_codes):
        col = recap.money_columns.start + 3 + i  # 0-based column of this program
        chart = wb.add_chart({"type": "bar"})  # horizontal: satker names stay readable
        chart.add_series({"name": [SHEET_RECAP, HEADER_ROW - 1, col],
                          "categories": [SHEET_RECAP, first, 1, last, 1],
                          "values": [SHEET_RECAP, first, col, last, col]})
        chart.set_title({"name": f"{code} {recap.program_names.get(code, '')}".strip()})
        chart.set_x_axis({"name": "Rupiah", "num_format": "#,##0"})
        chart.set_legend({"none": True})
        height_cm = min(max(8.0, 0.45 * n), 16.0)  # A4 landscape holds 17.6 cm between the margins
        chart.set_size({"width": 24 / 2.54 * 96, "height": height_cm / 2.54 * 96})
        if i:
            breaks.append(anchor_row - 1)
        ws.insert_chart(anchor_row, 0, chart)
        anchor_row += int(height_cm * 2) + 3  # about two rows per cm
    ws.set_h_pagebreaks(breaks)


def _table_head(ws, title: str, note: str, header: list[str], widths: dict[int, float], fmt: _Formats) -> None:
    for c, w in widths.items():
        ws.set_column(c - 1, c - 1, w, fmt.wrap if c == len(widths) else fmt.top)  # the last column: long text
    _print_setup(ws, HEADER_ROW)
    ws.freeze_panes(HEADER_ROW, 0)
    ws.write_string(0, 0, title, fmt.title)
    ws.write_string(1, 0, note)
    _write(ws, HEADER_ROW - 1, header, [fmt.bold] * len(header))


def _wrapped_row(ws, r: int, values: list, widths: dict[int, float]) -> None:
    """A row whose last column wraps, tall enough for its text (set before the row is streamed)."""
    from rak_xl.outputs.paging import row_height

    ws.set_row(r, row_height(values, [widths[c] for c in sorted(widths)], {len(widths) - 1}))
    _write(ws, r, values)


def _errors_sheet(ws, recap, fmt: _Formats) -> None:
    widths = {1: 5, 2: 32, 3: 11, 4: 36, 5: 16, 6: 8, 7: 9, 8: 80}
    _table_head(ws, *RECAP_ERRORS, widths, fmt)
    for r, row in enumerate(recap.error_rows(), start=HEADER_ROW):
        _wrapped_row(ws, r, row, widths)


def _skipped_sheet(ws, recap, fmt: _Formats) -> None:
    widths = {1: 5, 2: 40, 3: 34, 4: 90}
    _table_head(ws, *RECAP_SKIPPED, widths, fmt)
    for r, row in enumerate(recap.skipped_rows(), start=HEADER_ROW):
        _wrapped_row(ws, r, row, widths)
