"""What every sheet the builder writes shares: its cell formats, the rows its dropdowns reach,
row heights that fit wrapped text, the A4 print setup, a table's title and header row, its
columns by key, the totals above it and its dropdowns."""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from rak_xl.core import layout as L
from rak_xl.core.text import say
from rak_xl.outputs.measure import ARIAL_10
from rak_xl.outputs.paging import row_height
from rak_xl.outputs.sheets import RUPIAH

DATE = "dd-mm-yyyy"
DV_ROWS = 2000  # dropdowns and formats reach this far so rows staff add get them too


class Formats:
    def __init__(self, wb) -> None:
        base = {"font_name": "Arial", "font_size": 10, "valign": "top"}
        # Column default of the protected sheets' input columns (the rows staff add): unlocked, no
        # border. Indexed at once (a private XlsxWriter call: indices otherwise follow first use), so its
        # style number does not depend on which formats a plan's rows used: a blank plan's sheets match.
        self.unlocked_empty = wb.add_format({**base, "locked": False})
        self.unlocked_empty._get_xf_index()
        self.title = wb.add_format({**base, "bold": True, "font_size": 13})
        self.subtitle = wb.add_format({**base, "italic": True})
        self.note = wb.add_format({**base, "italic": True, "font_color": "#9C0006", "text_wrap": True,
                                   "bg_color": "#FFF2CC", "border": 1})
        self.header = wb.add_format({**base, "bold": True, "text_wrap": True, "align": "center",
                                     "valign": "vcenter", "bg_color": "#D9E1F2", "border": 1})
        self.text = wb.add_format({**base, "text_wrap": True, "border": 1})
        # Input cells of the protected sheets (Capaian, Realisasi Anggaran) look the same, unlocked.
        self.unlocked = {}

        def both(name: str, spec: dict):
            self.unlocked[name] = wb.add_format({**spec, "locked": False})
            return wb.add_format(spec)

        self.text_center = both("text_center", {**base, "align": "center", "border": 1})
        self.id = both("id", {**base, "border": 1, "num_format": "@"})
        self.percent = both("percent", {**base, "border": 1, "num_format": "0%", "align": "center"})
        self.number = both("number", {**base, "border": 1, "num_format": "#,##0", "align": "center"})
        self.money = both("money", {**base, "border": 1, "num_format": RUPIAH})
        self.money_bold = wb.add_format({**base, "border": 1, "num_format": RUPIAH, "bold": True})
        self.label = wb.add_format({**base, "bold": True, "border": 1, "bg_color": "#F2F2F2"})
        self.date = wb.add_format({**base, "border": 1, "num_format": DATE, "align": "left"})
        self.plain = wb.add_format({**base, "text_wrap": True})
        self.bold = wb.add_format({**base, "bold": True})
        # Highlight formats by the level Validasi writes into _Sorotan (outputs.highlights).
        self.hl = {L.HIGHLIGHT_LEVEL[severity]: wb.add_format({"bg_color": color})
                   for severity, color in L.SEVERITY_FILL.items()}


def fit_row(ws, r: int, texts: list[object], widths: list[float]) -> None:
    """Give row `r` the height its wrapped texts need (estimated as for the output sheets).

    Neither Excel nor LibreOffice reliably grows the rows of a generated file to fit
    wrapped text, so without an explicit height long indicators would show cut off.
    """
    ws.set_row(r, row_height(texts, widths, set(range(len(texts))), font=ARIAL_10))  # the sheets' Arial 10


def print_setup(ws, header_row: int) -> None:
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&L&A&RHalaman &P dari &N")


def table_header(ws, table: L.TableLayout, f: Formats, subtitle: str, satker: str = "") -> int:
    ws.write(0, 0, table.title_for(satker), f.title)
    if subtitle:
        ws.write(1, 0, subtitle, f.subtitle)
    hr = table.header_row - 1
    for c, col in enumerate(table.columns):
        ws.write(hr, c, col.label, f.header)
    ws.freeze_panes(hr + 1, 0)
    ws.autofilter(hr, 0, hr, len(table.columns) - 1)
    print_setup(ws, table.header_row)
    return hr + 1


def column_index(table: L.TableLayout) -> dict[str, int]:
    """0-based column of each of the table's keys, in the table's order."""
    return {col.key: c for c, col in enumerate(table.columns)}


def column_letter(table: L.TableLayout, key: str) -> str:
    return xl_col_to_name(column_index(table)[key])


def total_row(ws, table: L.TableLayout, first: int, amounts: dict[int, list[int | None]], f: Formats) -> None:
    """SUBTOTAL of each column in `amounts` over the rows from `first` down, in the row above the header
    (so it is never read as a line), each with its cached value for readers that do not recalculate."""
    r = table.header_row - 2
    ws.write_string(r, column_index(table)["description"], say("builder.total_shown"), f.label)
    for c, column in amounts.items():
        cells = f"{xl_rowcol_to_cell(first, c)}:{xl_rowcol_to_cell(first + DV_ROWS, c)}"
        ws.write_formula(r, c, f"=SUBTOTAL(9,{cells})", f.money_bold, sum(a or 0 for a in column))


def dropdown(ws, rows: tuple[int, int], cols: tuple[int, int], rule: dict, words: str, pick: str = "",
             error_type: str = "warning", **params: object) -> None:
    """A data validation over rows x cols (0-based, inclusive). Its error box has the WORDS under
    `words` as its title and those under `pick` (by default `words + "_pick"`, filled with `params`)
    as its message."""
    ws.data_validation(rows[0], cols[0], rows[1], cols[1], {
        **rule, "error_type": error_type, "error_title": say(words),
        "error_message": say(pick or words + "_pick", **params)})
