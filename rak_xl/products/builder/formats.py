"""What every sheet the builder writes shares: its cell formats, the rows its dropdowns reach,
row heights that fit wrapped text, the A4 print setup and a table's title and header row."""

from __future__ import annotations

from rak_xl.core import layout as L
from rak_xl.outputs.paging import row_height
from rak_xl.outputs.sheets import RUPIAH

DATE = "dd-mm-yyyy"
DV_ROWS = 2000  # dropdowns and formats reach this far so rows staff add get them too
FILL = {3: "#FFC7CE", 2: "#FFEB9C", 1: "#DDEBF7"}


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
        self.hl = {lvl: wb.add_format({"bg_color": color}) for lvl, color in FILL.items()}


def fit_row(ws, r: int, texts: list[object], widths: list[float]) -> None:
    """Give row `r` the height its wrapped texts need (estimated as for the output sheets).

    Neither Excel nor LibreOffice reliably grows the rows of a generated file to fit
    wrapped text, so without an explicit height long indicators would show cut off.
    """
    ws.set_row(r, row_height(texts, widths, set(range(len(texts)))))


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
