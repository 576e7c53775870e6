"""Synthetic satker workbooks for tests and benchmarks, derived from the shipped RAK workbook.

`generate(out_dir, count, seed)` writes `count` workbooks of other satker (the 38
KPU kabupaten/kota of Jawa Timur, then numbered synthetic ones up to the 514 of a
national recap) with scaled budgets that still add up, randomly dropped quarter
marks and targets, and some injected defects. The same seed gives byte-identical
files. `make_large(path, rows)` writes one workbook with about `rows` data rows.

Speed matters (the bench writes 514 files), so the template is read once and
each file is written by replacing the `<sheetData>` of the template's input
sheets with freshly serialised XML (the template's cell styles, new strings
appended to its shared-string table) and zipping the rest of the package unchanged. No openpyxl round trip per file.

Every file comes with a manifest (`Generated`): what was written, including the
budget totals and the cells of the injected defects, so tests can compare what
the recap reports against what the generator put in, not against rak_xl itself.

It lives with the tests, not in the rak_xl package: it needs the repository's workbook
and is no part of what staff install. bench/ imports it from here.

Command line (developer tool): python tests/synthetic.py OUT_DIR --count 38 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from rak_xl.core import layout as L
from rak_xl.adapters.file_read import read_grids
from rak_xl.adapters.workbook_parts import sheet_parts
from rak_xl.core.model import col_letter

TEMPLATE = Path(__file__).resolve().parents[1] / "workbook" / "RAK_2022.xlsm"

# The 38 KPU kabupaten/kota of Jawa Timur (29 kabupaten, 9 kota): public names.
JATIM_KABUPATEN = (
    "Bangkalan", "Banyuwangi", "Blitar", "Bojonegoro", "Bondowoso", "Gresik", "Jember", "Jombang",
    "Kediri", "Lamongan", "Lumajang", "Madiun", "Magetan", "Malang", "Mojokerto", "Nganjuk", "Ngawi",
    "Pacitan", "Pamekasan", "Pasuruan", "Ponorogo", "Probolinggo", "Sampang", "Sidoarjo", "Situbondo",
    "Sumenep", "Trenggalek", "Tuban", "Tulungagung",
)
JATIM_KOTA = ("Batu", "Blitar", "Kediri", "Madiun", "Malang", "Mojokerto", "Pasuruan", "Probolinggo", "Surabaya")
# Synthetic signers: common name parts, no real person intended.
_FIRST = ("AGUS", "BUDI", "SITI", "DEWI", "HENDRA", "RINA", "YUDI", "SRI", "ANDI", "NUR", "EKO", "WAHYU",
          "LILIK", "ARIF", "ENDANG", "DIDIK")
_LAST = ("SANTOSO", "WAHYUNI", "PRASETYO", "HIDAYAT", "SETIAWAN", "LESTARI", "KURNIAWAN", "RAHAYU",
         "SUSANTO", "WIBOWO", "HARTONO", "PURNOMO")

SHIPPED_CODE = "658021"  # KPU Kota Probolinggo keeps its real code; the others are synthetic
DEFECTS = ("tanda_tidak_dikenal", "id_kosong", "id_ganda", "rpd_tidak_terbaca", "selisih_pagu_program")
# The error code each defect must raise (None: a budget rule that may not exist yet).
DEFECT_CODES = {"tanda_tidak_dikenal": "RAK105", "id_kosong": "RAK107", "id_ganda": "RAK108",
                "rpd_tidak_terbaca": "RAK104", "selisih_pagu_program": None}
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Satker:
    name: str  # "KPU Kabupaten Malang"
    region: str  # "Kabupaten Malang"
    place: str  # "Malang"
    code: str


def satker_list(count: int) -> list[Satker]:
    """The first 38 are Jawa Timur's kab/kota; beyond that, numbered synthetic kabupaten."""
    regions = [(f"Kabupaten {n}", n) for n in JATIM_KABUPATEN] + [(f"Kota {n}", n) for n in JATIM_KOTA]
    out = []
    for i in range(count):
        if i < len(regions):
            region, place = regions[i]
        else:
            place = f"Sintetis {i + 1:03d}"
            region = f"Kabupaten {place}"
        code = SHIPPED_CODE if region == "Kota Probolinggo" else f"{700001 + i}"
        out.append(Satker(f"KPU {region}", region, place, code))
    return out


@dataclass
class Defect:
    kind: str
    sheet: str
    cell: str  # A1
    code: str | None


@dataclass
class Generated:
    path: Path
    satker: str
    satker_code: str
    year: int
    signed_on: dt.date
    pagu: int  # pagu in force (revised)
    program_totals: dict[str, int]  # from the budget lines' numeric amounts
    division_totals: dict[str, int]  # by the division text written in the lines
    rpd: list[int]  # numeric RPD per quarter, as written
    defects: list[Defect] = field(default_factory=list)
    rows: int = 0


# -- the template ------------------------------------------------------------------

_CELL_STYLE = re.compile(r'<c r="([A-Z]+)(\d+)"(?: s="(\d+)")?')
_FORMULA = re.compile(r'<c r="([A-Z]+\d+)"[^>]*><f>([^<]*)</f>')


class Template:
    """The shipped workbook, read once: grids of the input sheets, the package members,
    and for each input sheet the XML around <sheetData> and the style of every cell."""

    def __init__(self, path: Path = TEMPLATE) -> None:
        self.path = Path(path)
        self.grids = read_grids(self.path)
        with zipfile.ZipFile(self.path) as zf:
            self.members = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
            self.sheet_part = sheet_parts(zf)
        files = dict(self.members)
        self.sst_part = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in files else None
        self.sst_xml = files[self.sst_part].decode("utf-8") if self.sst_part else ""
        self.sst_texts = _sst_texts(self.sst_xml)
        # The input sheets this template has (the evaluation sheets are optional).
        self.sheets = tuple(s for s in L.INPUT_SHEETS if s in self.sheet_part and s in self.grids)
        # References to shared strings from the sheets copied unchanged (Petunjuk, _Sorotan).
        self.fixed_refs = sum(files[part].count(b't="s"') for name, part in self.sheet_part.items()
                              if name not in self.sheets)
        self.parts: dict[str, tuple[str, str]] = {}  # sheet -> (xml before rows, xml after rows)
        self.styles: dict[str, dict[tuple[int, int], str]] = {}
        self.formulas: dict[str, dict[str, str]] = {}
        for sheet in self.sheets:
            xml = files[self.sheet_part[sheet]].decode("utf-8")
            start, end = xml.index("<sheetData"), xml.index("</sheetData>") + len("</sheetData>")
            self.parts[sheet] = (xml[:start], xml[end:])
            self.styles[sheet] = {(int(r), _col_number(c)): s for c, r, s in _CELL_STYLE.findall(xml) if s}
            self.formulas[sheet] = dict(_FORMULA.findall(xml))

    def style(self, sheet: str, row: int, col: int, last_row: int) -> str | None:
        styles = self.styles[sheet]
        return styles.get((row, col)) or styles.get((min(row, last_row), col))


class _Strings:
    """The shared-string table of one file: the template's entries keep their indexes (the
    sheets copied unchanged refer to them), new strings are appended. Files saved by Excel
    use shared strings, so readers (calamine, openpyxl) are measured on realistic files."""

    def __init__(self, tpl: Template) -> None:
        self.tpl = tpl
        self.index: dict[str, int] = {}
        for i, text in enumerate(tpl.sst_texts):
            if text is not None:
                self.index.setdefault(text, i)
        self.added: list[str] = []
        self.refs = 0

    def __call__(self, text: str) -> int:
        self.refs += 1
        i = self.index.get(text)
        if i is None:
            i = self.index[text] = len(self.tpl.sst_texts) + len(self.added)
            self.added.append(text)
        return i

    def xml(self) -> str:
        base = self.tpl.sst_xml
        end = base.rindex("</sst>")
        new = "".join(f'<si><t xml:space="preserve">{_esc(t)}</t></si>' for t in self.added)
        unique = len(self.tpl.sst_texts) + len(self.added)
        total = self.refs + self.tpl.fixed_refs
        head = re.sub(r' count="\d+"', f' count="{total}"', base[:end], count=1)
        head = re.sub(r'uniqueCount="\d+"', f'uniqueCount="{unique}"', head, count=1)
        return head + new + "</sst>"


def _sst_texts(xml: str) -> list[str | None]:
    """Texts of the shared strings, in order; None for rich-text entries (never reused)."""
    if not xml:
        return []
    from xml.etree import ElementTree as ET

    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    out: list[str | None] = []
    for si in ET.fromstring(xml.encode("utf-8")).iter(f"{ns}si"):
        t = si.find(f"{ns}t")
        out.append(t.text or "" if t is not None and si.find(f"{ns}r") is None else None)
    return out


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


# -- writing -------------------------------------------------------------------------

def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _num(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def _sheet_xml(tpl: Template, sheet: str, grid: list[list[object]], formulas: dict[str, str],
               strings: _Strings) -> str:
    head, tail = tpl.parts[sheet]
    last_tpl_row = len(tpl.grids[sheet])
    out = ["<sheetData>"]
    max_col = 1
    for r, line in enumerate(grid, start=1):
        cells = []
        for c, value in enumerate(line, start=1):
            ref = f"{col_letter(c)}{r}"
            style = tpl.style(sheet, r, c, last_tpl_row)
            s = f' s="{style}"' if style else ""
            formula = formulas.get(ref)
            if formula is not None and isinstance(value, str):
                # A text result is typed t="str"; as a bare <v> it would be a number that is not one
                # (Excel reports the file as damaged, openpyxl refuses it).
                cells.append(f'<c r="{ref}"{s} t="str"><f>{_esc(formula)}</f><v>{_esc(value)}</v></c>')
            elif formula is not None:
                cells.append(f'<c r="{ref}"{s}><f>{_esc(formula)}</f><v>{_num(value or 0)}</v></c>')
            elif value is None:
                continue
            elif isinstance(value, bool):
                cells.append(f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, (int, float)):
                cells.append(f'<c r="{ref}"{s}><v>{_num(value)}</v></c>')
            elif isinstance(value, dt.date):
                day = value.date() if isinstance(value, dt.datetime) else value
                cells.append(f'<c r="{ref}"{s}><v>{(day - _EXCEL_EPOCH).days}</v></c>')
            else:
                cells.append(f'<c r="{ref}"{s} t="s"><v>{strings(str(value))}</v></c>')
            max_col = max(max_col, c)
        if cells:
            out.append(f'<row r="{r}">{"".join(cells)}</row>')
    out.append("</sheetData>")
    dim = f'<dimension ref="A1:{col_letter(max_col)}{max(len(grid), 1)}"/>'
    head = re.sub(r"<dimension ref=\"[^\"]*\"/>", dim, head, count=1)
    return head + "".join(out) + tail


def write_workbook(tpl: Template, grids: dict[str, list[list[object]]], path: Path, macro: bool = True) -> None:
    """Write `grids` (input sheets) into a copy of the template package; .xlsx drops the VBA."""
    rows_end = len(grids.get(L.SHEET_BUDGET, [])) + 1
    replaced = {}
    strings = _Strings(tpl)
    for sheet in tpl.sheets:
        formulas = {}
        for ref, f in tpl.formulas[sheet].items():
            # SUBTOTAL ranges of the template end at row 2005; a large workbook needs more.
            formulas[ref] = re.sub(r"(\$?[A-Z]+\$?)2005\b", lambda m: f"{m.group(1)}{max(2005, rows_end)}", f)
        replaced[tpl.sheet_part[sheet]] = _sheet_xml(tpl, sheet, grids[sheet], formulas, strings).encode("utf-8")
    if tpl.sst_part:
        replaced[tpl.sst_part] = strings.xml().encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in tpl.members:
            if name in replaced:
                data = replaced[name]
            elif not macro and name == "xl/vbaProject.bin":
                continue
            elif not macro and name == "[Content_Types].xml":
                data = (data.decode("utf-8")
                        .replace("application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
                        .replace('<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>', "")
                        .encode("utf-8"))
            elif not macro and name == "xl/_rels/workbook.xml.rels":
                data = re.sub(rb'<Relationship [^>]*vbaProject[^>]*/>', b"", data)
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)  # fixed: same seed, same bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


# -- making a satker's grids -----------------------------------------------------------

_REGION = re.compile(r"kota probolinggo", re.IGNORECASE)


def _rename(text: str, region: str) -> str:
    def sub(m: re.Match) -> str:
        found = m.group(0)
        return region.upper() if found.isupper() else region
    return _REGION.sub(sub, text)


def _data_rows(grid: list[list[object]], header_row: int = 4) -> range:
    return range(header_row, len(grid))  # 0-based indexes of the rows after the header


def _cols(grid: list[list[object]], layout: L.TableLayout, header_row: int = 4) -> dict[str, int]:
    """0-based column of each layout key, from the template's own header labels."""
    header = grid[header_row - 1]
    labels = {c.label: c.key for c in layout.columns}
    return {labels[v]: i for i, v in enumerate(header) if v in labels}


def _round_k(value: float) -> int:
    return int(round(value / 1000.0)) * 1000


def _scale_budget(grid: list[list[object]], cols: dict[str, int], factor: float) -> None:
    """Scale each line's pagu; its RPD quarters keep their shares and still add up to it."""
    q_cols = [cols[f"rpd{q}"] for q in L.QUARTERS]
    for r in _data_rows(grid):
        line = grid[r]
        amount = line[cols["amount"]]
        if not isinstance(amount, (int, float)):
            continue
        new = max(1000, _round_k(amount * factor))
        quarters = [line[c] if isinstance(line[c], (int, float)) else 0 for c in q_cols]
        total = sum(quarters) or 1
        parts = [_round_k(new * q / total) for q in quarters[:3]]
        parts.append(new - sum(parts))
        if parts[3] < 0:  # rounding on tiny lines: put it all in the last quarter instead
            parts = [0, 0, 0, new]
        line[cols["amount"]] = new
        for c, v in zip(q_cols, parts):
            line[c] = v


def _scale_spending(grids: dict[str, list[list[object]]], factor: float) -> None:
    """Realised spending (evaluation sheet, when the template has it) follows the budget's scale."""
    grid = grids.get(getattr(L, "SHEET_SPENDING", ""))
    if not grid or len(grid) <= 4:
        return
    for r in _data_rows(grid):
        grid[r] = [_round_k(v * factor) if isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 1000
                   else v for v in grid[r]]


def _budget_sums(grid, cols) -> tuple[dict[str, int], dict[str, int], list[int]]:
    programs: dict[str, int] = {}
    divisions: dict[str, int] = {}
    rpd = [0, 0, 0, 0]
    for r in _data_rows(grid):
        line = grid[r]
        amount = line[cols["amount"]]
        if isinstance(amount, (int, float)):
            programs[line[cols["program"]]] = programs.get(line[cols["program"]], 0) + int(amount)
            divisions[line[cols["division"]]] = divisions.get(line[cols["division"]], 0) + int(amount)
        for q in range(4):
            v = line[cols[f"rpd{q + 1}"]]
            if isinstance(v, (int, float)):
                rpd[q] += int(v)
    return programs, divisions, rpd


def _copy(grids: dict[str, list[list[object]]]) -> dict[str, list[list[object]]]:
    return {name: [list(row) for row in grid] for name, grid in grids.items()}


def make_grids(tpl: Template, satker: Satker, rng: random.Random, year: int = 2022,
               defect_rate: float = 0.3, drop_rate: float = 0.04) -> tuple[dict, Generated]:
    """A satker's input sheets from the template's, and the manifest of what went in."""
    grids = _copy({s: tpl.grids[s] for s in tpl.sheets})
    shipped = satker.code == SHIPPED_CODE
    for sheet in (L.SHEET_RAK_A, L.SHEET_RAK_B):
        for line in grids[sheet]:
            for i, v in enumerate(line):
                if isinstance(v, str) and not shipped:
                    line[i] = _rename(v, satker.region)

    # Identity: the year, the DIPA number and the signing date follow the satker.
    signed_on = dt.date(year, 1, 3) + dt.timedelta(days=rng.randrange(0, 40))
    ident = {row[0]: i for i, row in enumerate(grids[L.SHEET_IDENTITY]) if row}
    values = {
        "Satuan Kerja": satker.name, "Kode Satker": satker.code, "Tahun Anggaran": year,
        "Nomor DIPA": f"SP DIPA 076.01.2.{satker.code}/{year}", "Tanggal DIPA": dt.date(year - 1, 11, 17),
        "Tempat Penetapan": satker.place, "Tanggal Penetapan": signed_on,
        "Penandatangan": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
    }
    if shipped:
        values = {"Tanggal Penetapan": signed_on, "Tahun Anggaran": year}

    # Budget: one factor per satker (kab/kota budgets differ several-fold), lines still add up.
    budget = grids[L.SHEET_BUDGET]
    bcols = _cols(budget, L.BUDGET_LINES)
    factor = 1.0 if shipped else rng.uniform(0.5, 3.0)
    if not shipped:
        _scale_budget(budget, bcols, factor)
        _scale_spending(grids, factor)
    programs, _divs, _rpd = _budget_sums(budget, bcols)
    prog_grid = grids[L.SHEET_PROGRAMS]
    pcols = _cols(prog_grid, L.PROGRAMS)
    for r in _data_rows(prog_grid):
        code = prog_grid[r][pcols["code"]]
        if code in programs and not shipped:
            prog_grid[r][pcols["amount"]] = programs[code]
    pagu = sum(programs.values())
    if not shipped:
        values["Pagu Revisi (Rp)"] = pagu
        values["Pagu Awal (Rp)"] = _round_k(pagu * rng.uniform(0.7, 0.95))
    for label, value in values.items():
        grids[L.SHEET_IDENTITY][ident[label]][1] = value

    # Staff leave cells empty: drop some quarter marks and targets.
    for sheet, layout in ((L.SHEET_RAK_A, L.RAK_A), (L.SHEET_RAK_B, L.RAK_B)):
        grid = grids[sheet]
        cols = _cols(grid, layout)
        for r in _data_rows(grid):
            if not any(v is not None for v in grid[r]):
                continue
            for q in L.QUARTERS:
                if rng.random() < drop_rate:
                    grid[r][cols[f"tw{q}"]] = None
            if rng.random() < drop_rate:
                grid[r][cols["target"]] = None

    defects = []
    if not shipped and rng.random() < defect_rate:
        for kind in rng.sample(DEFECTS, rng.choice((1, 1, 2))):
            defects.append(_inject(kind, grids, rng))
    programs, divisions, rpd = _budget_sums(budget, bcols)
    _fix_subtotals(budget, bcols)
    declared = dict(programs)
    gen = Generated(Path(), satker.name, satker.code, year, signed_on,
                    int(grids[L.SHEET_IDENTITY][ident["Pagu Revisi (Rp)"]][1]), declared, divisions, rpd, defects,
                    rows=sum(len(grids[s]) - 4 for s in (L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_BUDGET)))
    return grids, gen


def _fix_subtotals(budget: list[list[object]], cols: dict[str, int]) -> None:
    """Row 3 holds the SUBTOTAL formulas; their cached values must match the lines."""
    for key in ("amount", *(f"rpd{q}" for q in L.QUARTERS)):
        c = cols[key]
        budget[2][c] = sum(int(line[c]) for line in budget[4:] if isinstance(line[c], (int, float)))


def _pick_row(grid: list[list[object]], rng: random.Random, start: int = 5) -> int:
    """0-based index of a random non-empty data row, not the first (a duplicate needs a row above)."""
    rows = [r for r in range(start, len(grid)) if grid[r] and grid[r][0] is not None]
    return rng.choice(rows)


def _inject(kind: str, grids: dict, rng: random.Random) -> Defect:
    if kind in ("tanda_tidak_dikenal", "id_kosong", "id_ganda"):
        sheet, layout = rng.choice(((L.SHEET_RAK_A, L.RAK_A), (L.SHEET_RAK_B, L.RAK_B)))
        grid = grids[sheet]
        cols = _cols(grid, layout)
        r = _pick_row(grid, rng)
        if kind == "tanda_tidak_dikenal":
            c = cols[f"tw{rng.choice(L.QUARTERS)}"]
            grid[r][c] = rng.choice(("x?", "??", "ok?", "-v-"))
        elif kind == "id_kosong":
            c = cols["id"]
            grid[r][c] = None
        else:
            c = cols["id"]
            above = next(p for p in range(r - 1, 3, -1) if grid[p][c] is not None)
            grid[r][c] = grid[above][c]
        return Defect(kind, sheet, f"{col_letter(c + 1)}{r + 1}", DEFECT_CODES[kind])
    if kind == "rpd_tidak_terbaca":
        grid = grids[L.SHEET_BUDGET]
        cols = _cols(grid, L.BUDGET_LINES)
        r = _pick_row(grid, rng)
        c = cols[f"rpd{rng.choice(L.QUARTERS)}"]
        grid[r][c] = f"Rp {grid[r][c]:,.0f}".replace(",", ".").replace("0", "O", 1) + " ?"
        return Defect(kind, L.SHEET_BUDGET, f"{col_letter(c + 1)}{r + 1}", DEFECT_CODES[kind])
    grid = grids[L.SHEET_PROGRAMS]
    cols = _cols(grid, L.PROGRAMS)
    grid[4][cols["amount"]] += 1_000_000  # the Program sheet no longer matches its lines
    return Defect(kind, L.SHEET_PROGRAMS, f"{col_letter(cols['amount'] + 1)}5", DEFECT_CODES[kind])


# -- public entry points ---------------------------------------------------------------

def generate(out_dir: str | Path, count: int = 38, seed: int = 1, xlsx_share: float = 0.2,
             defect_rate: float = 0.3, template: Template | None = None, year: int = 2022) -> list[Generated]:
    """Write `count` satker workbooks into `out_dir`; deterministic for a given seed."""
    tpl = template or Template()
    out_dir = Path(out_dir)
    made = []
    for i, satker in enumerate(satker_list(count)):
        rng = random.Random(f"{seed}:{i}")  # per file: adding files never changes earlier ones
        grids, gen = make_grids(tpl, satker, rng, year=year, defect_rate=defect_rate)
        macro = rng.random() >= xlsx_share
        stem = re.sub(r"[^0-9A-Za-z]+", "_", satker.region)
        gen.path = out_dir / f"RAK_{year}_{satker.code}_{stem}.{'xlsm' if macro else 'xlsx'}"
        write_workbook(tpl, grids, gen.path, macro=macro)
        made.append(gen)
    return made


def make_large(path: str | Path, rows: int = 10_000, template: Template | None = None,
               budget_only: bool = False) -> int:
    """One workbook with about `rows` data rows over RAK_KPU, RAK_Sekretariat and Anggaran
    (`budget_only`: about `rows` Anggaran lines, the RAK tables as the template's).

    The RAK tables repeat the template's rows with new IDs; each budget line is split
    into parts that add up to it, so the totals of the shipped plan are unchanged.
    Returns the number of data rows written.
    """
    tpl = template or Template()
    grids = _copy({s: tpl.grids[s] for s in tpl.sheets})
    base = {s: [r for r in grids[s][4:] if any(v is not None for v in r)]
            for s in (L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_BUDGET)}
    k = max(1, round(rows / (len(base[L.SHEET_BUDGET]) if budget_only else sum(len(v) for v in base.values()))))
    for sheet, layout, prefix in () if budget_only else ((L.SHEET_RAK_A, L.RAK_A, "A"), (L.SHEET_RAK_B, L.RAK_B, "B")):
        cols = _cols(grids[sheet], layout)
        out = []
        for n in range(k * len(base[sheet])):
            line = list(base[sheet][n % len(base[sheet])])
            if n >= len(base[sheet]):
                line[cols["id"]] = f"{prefix}-{n + 1:03d}"
            out.append(line)
        grids[sheet] = grids[sheet][:4] + out
    budget = grids[L.SHEET_BUDGET]
    cols = _cols(budget, L.BUDGET_LINES)
    q_cols = [cols[f"rpd{q}"] for q in L.QUARTERS]
    out = []
    for line in base[L.SHEET_BUDGET]:
        given = sum(int(line[c]) for c in q_cols)
        for part in range(k):
            piece = list(line)
            for c in q_cols:  # k-1 equal shares, the remainder in the last part
                whole = int(line[c])
                piece[c] = whole // k + (whole - (whole // k) * k if part == k - 1 else 0)
            # Each part's pagu is its RPD, so parts add up exactly as the line did
            # (and a line whose RPD differed from its pagu keeps that difference, in its last part).
            extra = int(line[cols["amount"]]) - given if part == k - 1 else 0
            piece[cols["amount"]] = sum(piece[c] for c in q_cols) + extra
            out.append(piece)
    grids[L.SHEET_BUDGET] = budget[:4] + out
    _fix_subtotals(grids[L.SHEET_BUDGET], cols)
    write_workbook(tpl, grids, Path(path), macro=Path(path).suffix.lower() == ".xlsm")
    return sum(len(grids[s]) - 4 for s in base)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python tests/synthetic.py",
                                description="Write synthetic satker RAK workbooks (tests and benchmarks).")
    p.add_argument("out_dir")
    p.add_argument("--count", type=int, default=38)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--rows", type=int, help="instead: one workbook with about this many data rows")
    args = p.parse_args(argv)
    if args.rows:
        target = Path(args.out_dir) / f"RAK_besar_{args.rows}.xlsm"
        n = make_large(target, args.rows)
        print(f"{target}: {n} baris data")
    else:
        made = generate(args.out_dir, args.count, args.seed)
        print(f"{len(made)} workbook ditulis ke {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
