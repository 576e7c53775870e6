"""Generate a corpus of bad workbooks from the shipped workbook/RAK_2022.xlsm.

    python tests/make_bad_corpus.py OUTDIR      # writes every case into OUTDIR

Each `Case` builds one file the way it happens in practice (staff editing in
Excel, e-mail, other tools) and states what the command line must answer:
the exit code documented in docs/commands.md, the findings (code and cell) or the
Indonesian message. tests/test_bad_input.py runs them all; nothing generated
here is committed.

Most cases are edits made with openpyxl on a copy of the shipped workbook.
What openpyxl cannot write (formula errors with their cached value, control
characters, a lying zip directory) is patched into the package XML afterwards.
Cell positions are found by header label, so the corpus follows layout changes.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import struct
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK = ROOT / "workbook" / "RAK_2022.xlsm"
sys.path.insert(0, str(ROOT))

from rak_xl.core import layout as L  # noqa: E402
from rak_xl.parse.tables import label_key  # noqa: E402

PASSWORD = "rahasia"


@dataclass
class Case:
    """One bad workbook and the answer the CLI owes it.

    `findings`: (code, "Sheet!A1" or "Sheet") that `validate --format json` must report.
    `same_as_shipped`: the file only looks different; the findings per code equal the shipped
    workbook's (after an openpyxl round trip), and so does the exit code.
    `exit`: the exit code of `validate` (None: 1 if findings above are errors, checked via
    the summary). `stderr`: Indonesian text expected when the file cannot be used.
    `run`: also run `rak-xl run` with these extra args; `run_exit`/`run_stderr` are expected.
    `lock`: "read" or "write" simulates another program holding the file (see LOCK_HOOK).
    """

    name: str
    make: Callable[[Path], Path]
    findings: tuple[tuple[str, str], ...] = ()
    same_as_shipped: bool = False
    exit: int | None = None
    stderr: tuple[str, ...] = ()
    message: str = ""  # substring of the first expected finding's Indonesian message
    run: tuple[str, ...] | None = None
    run_exit: int = 0
    run_stderr: tuple[str, ...] = ()
    lock: str = ""
    readonly: bool = False
    special: bool = False  # not a regular file (a FIFO, a link to a device): never read by the test itself
    # Further commands: (args, exit code, stderr texts); {file} and {dir} are filled in.
    also: tuple[tuple[tuple[str, ...], int, tuple[str, ...]], ...] = ()
    leaves: tuple[str, ...] = ()  # names (under the case's folder) the commands may create
    notes: str = ""
    checks: dict = field(default_factory=dict)


# -- helpers -----------------------------------------------------------------

def _load():
    import openpyxl

    return openpyxl.load_workbook(WORKBOOK, keep_vba=True)


def _save(wb, out: Path) -> Path:
    wb.save(out)
    return out


def col_of(ws, label: str, header_row: int = 4) -> int:
    """1-based column whose header is `label` (compared like the parser does)."""
    for cell in ws[header_row]:
        if label_key(cell.value) == label_key(label):
            return cell.column
    raise KeyError(f"{ws.title}: no column {label!r}")


def ref(ws, label: str, row: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col_of(ws, label))}{row}"


def identity_row(ws, label: str) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if label_key(row[0].value) == label_key(label):
            return row[0].row
    raise KeyError(label)


def edited(out: Path, change: Callable) -> Path:
    wb = _load()
    change(wb)
    return _save(wb, out)


def patch_zip(src: Path, dst: Path, patches: dict[str, Callable[[bytes], bytes]],
              extra: dict[str, bytes] | None = None) -> Path:
    """Copy a package member by member, rewriting some members' bytes."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in patches:
                data = patches[info.filename](data)
            zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def sheet_part(path: Path, sheet: str) -> str:
    """The zip member holding `sheet` (xl/worksheets/sheetN.xml)."""
    with zipfile.ZipFile(path) as zf:
        book = zf.read("xl/workbook.xml").decode()
        rels = zf.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(r'<sheet [^>]*name="%s"[^>]*r:id="([^"]+)"' % re.escape(sheet), book)[1]
    target = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels)
    if target is None:
        target = re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    return "xl/" + target[1].lstrip("/").removeprefix("xl/")


# -- the cases -----------------------------------------------------------------

def missing_sheet(out):
    return edited(out, lambda wb: wb.remove(wb[L.SHEET_RAK_A]))


def renamed_sheet(out):
    def change(wb):
        wb[L.SHEET_PROGRAMS].title = "Daftar Program 2022"
    return edited(out, change)


def renamed_sheet_tolerated(out):
    def change(wb):
        wb[L.SHEET_RAK_B].title = "rak sekretariat"  # case and the underscore differ only
    return edited(out, change)


def header_renamed(out):
    def change(wb):
        ws = wb[L.SHEET_RAK_A]
        ws[ref(ws, "Target", 4)] = "Sasaran Angka"
    return edited(out, change)


def header_row_cleared(out):
    def change(wb):
        ws = wb[L.SHEET_PROGRAMS]
        for cell in ws[4]:
            cell.value = None
    return edited(out, change)


def headers_reordered(out):
    """Columns swapped with their data: Indikator <-> Uraian Kegiatan, TW 1 <-> TW 4."""
    def change(wb):
        ws = wb[L.SHEET_RAK_A]
        for a, b in (("Indikator Kinerja Kegiatan", "Uraian Kegiatan"), ("TW 1", "TW 4")):
            ca, cb = col_of(ws, a), col_of(ws, b)
            for row in range(4, ws.max_row + 1):
                va, vb = ws.cell(row, ca).value, ws.cell(row, cb).value
                ws.cell(row, ca).value, ws.cell(row, cb).value = vb, va
    return edited(out, change)


def header_merged_vertically(out):
    """Each label written in row 3 and merged with row 4 below it, as printed RAK tables do."""
    def change(wb):
        ws = wb[L.SHEET_RAK_B]
        for cell in list(ws[4]):
            if cell.value is None:
                continue
            ws.cell(3, cell.column).value = cell.value
            cell.value = None
            ws.merge_cells(start_row=3, start_column=cell.column, end_row=4, end_column=cell.column)
    return edited(out, change)


def header_two_rows(out):
    """A header spread over two rows: 'Triwulan' merged over TW 1-4 in row 4, the quarters in
    row 5; the other labels merged down over both rows; data from row 6."""
    def change(wb):
        ws = wb[L.SHEET_RAK_A]
        first, last = col_of(ws, "TW 1"), col_of(ws, "TW 4")
        ws.insert_rows(5)
        for c in range(1, ws.max_column + 1):
            if first <= c <= last:
                ws.cell(5, c).value = ws.cell(4, c).value
                ws.cell(4, c).value = None
            elif ws.cell(4, c).value is not None:
                ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
        ws.cell(4, first).value = "Triwulan"
        ws.merge_cells(start_row=4, start_column=first, end_row=4, end_column=last)
    return edited(out, change)


def header_label_split(out):
    """Long labels broken over two cells of two rows ('Penanggung' / 'Jawab')."""
    def change(wb):
        ws = wb[L.SHEET_RAK_B]
        ws.insert_rows(5)
        for label, top, bottom in (("Penanggung Jawab", "Penanggung", "Jawab"),
                                   ("Indikator Kinerja Kegiatan", "Indikator Kinerja", "Kegiatan"),
                                   ("Uraian Kegiatan", "Uraian", "Kegiatan")):
            c = col_of(ws, label)
            ws.cell(4, c).value, ws.cell(5, c).value = top, bottom
    return edited(out, change)


def extra_columns(out):
    """A notes column inserted in the middle and two more at the end."""
    def change(wb):
        ws = wb[L.SHEET_RAK_A]
        c = col_of(ws, "Uraian Kegiatan")
        ws.insert_cols(c + 1)
        ws.cell(4, c + 1).value = "Catatan"
        end = ws.max_column
        ws.cell(4, end + 1).value = "Keterangan"
        ws.cell(4, end + 2).value = "Target"  # a second 'Target' far right: the first one counts
        for row in range(5, ws.max_row + 1):
            ws.cell(row, c + 1).value = "lihat lampiran"
            ws.cell(row, end + 2).value = "bukan target"
    return edited(out, change)


def blank_rows_middle(out):
    def change(wb):
        ws = wb[L.SHEET_RAK_B]
        ws.insert_rows(12, amount=3)
        ws.cell(13, 1).value = "   "  # a cell with only spaces is blank too
    return edited(out, change)


def hidden_rows(out):
    def change(wb):
        for name in (L.SHEET_RAK_A, L.SHEET_BUDGET):
            for r in (6, 7, 8):
                wb[name].row_dimensions[r].hidden = True
    return edited(out, change)


def merged_data_cells(out):
    """The group column merged over the rows of the same group (the printed RAK's style)."""
    def change(wb):
        ws = wb[L.SHEET_RAK_A]
        c = col_of(ws, "Kegiatan")
        ws.merge_cells(start_row=5, start_column=c, end_row=9, end_column=c)
    return edited(out, change)


def merged_data_blanked(out):
    """The same cells as merged_data_cells, only blank: merging must read exactly like this."""
    def change(wb):
        ws = wb[L.SHEET_RAK_A]
        c = col_of(ws, "Kegiatan")
        for r in range(6, 10):
            ws.cell(r, c).value = None
    return edited(out, change)


def _numbers_as_text(style: str):
    def fmt(n: float) -> str:
        n = int(n)
        if style == "id":
            return "Rp " + f"{n:,}".replace(",", ".") + ",-"
        return f"{n:,}"

    def make(out):
        def change(wb):
            ws = wb[L.SHEET_PROGRAMS]
            c = col_of(ws, "Pagu (Rp)")
            for r in range(5, ws.max_row + 1):
                if isinstance(ws.cell(r, c).value, (int, float)):
                    ws.cell(r, c).value = fmt(ws.cell(r, c).value)
            ws = wb[L.SHEET_BUDGET]
            for label in ("Pagu (Rp)", "RPD TW 1", "RPD TW 2", "RPD TW 3", "RPD TW 4"):
                c = col_of(ws, label)
                for r in range(5, ws.max_row + 1):
                    if isinstance(ws.cell(r, c).value, (int, float)):
                        ws.cell(r, c).value = fmt(ws.cell(r, c).value)
            ws = wb[L.SHEET_IDENTITY]
            for label in ("Pagu Awal (Rp)", "Pagu Revisi (Rp)", "Tahun Anggaran"):
                cell = ws.cell(identity_row(ws, label), 2)
                cell.value = fmt(cell.value) if "Pagu" in label else str(int(cell.value))
        return edited(out, change)
    return make


def number_as_words(out):
    def change(wb):
        ws = wb[L.SHEET_PROGRAMS]
        ws[ref(ws, "Pagu (Rp)", 5)] = "satu miliar enam ratus juta"
    return edited(out, change)


# Formula errors as Excel saves them: a formula and its cached error value.
_ERRORS = {  # name -> (sheet, column label, error, formula)
    "formula_error_ref": (L.SHEET_PROGRAMS, "Pagu (Rp)", "#REF!", "SUM(#REF!)"),
    "formula_error_na": (L.SHEET_BUDGET, "Pagu (Rp)", "#N/A", "VLOOKUP(\"x\",Program!A5:C6,3,FALSE)"),
    "formula_error_div0": (L.SHEET_RAK_A, "Target", "#DIV/0!", "1/0"),
}


def error_cell(name: str) -> str:
    sheet, label, _e, _f = _ERRORS[name]
    return f"{sheet}!{ref(_load_cached()[sheet], label, 5)}"


_CACHE: dict = {}


def _load_cached():
    if "wb" not in _CACHE:
        import openpyxl

        _CACHE["wb"] = openpyxl.load_workbook(WORKBOOK, read_only=False)
    return _CACHE["wb"]


def _formula_error(name: str):
    sheet, label, error, formula = _ERRORS[name]

    def make(out):
        tmp = out.with_suffix(".tmp.xlsm")

        def change(wb):
            ws = wb[sheet]
            ws[ref(ws, label, 5)] = error  # openpyxl writes an error cell without its formula
        edited(tmp, change)
        part = sheet_part(tmp, sheet)
        escaped = formula.replace("&", "&amp;").replace('"', "&quot;")
        patch_zip(tmp, out, {part: lambda b: b.replace(
            f't="e"><v>{error}</v>'.encode(), f't="e"><f>{escaped}</f><v>{error}</v>'.encode(), 1)})
        tmp.unlink()
        return out
    return make


def formula_without_cache(out):
    """Saved by a tool that does not calculate (openpyxl, a script): formulas have no value."""
    def change(wb):
        ws = wb[L.SHEET_PROGRAMS]
        ws[ref(ws, "Pagu (Rp)", 5)] = "=SUMIF(Anggaran!B5:B2005,A5,Anggaran!F5:F2005)"
    return edited(out, change)


def dates_as_text(out):
    def change(wb):
        ws = wb[L.SHEET_IDENTITY]
        ws.cell(identity_row(ws, "Tanggal DIPA"), 2).value = "17 November 2021"
        ws.cell(identity_row(ws, "Tanggal Penetapan"), 2).value = "17-01-2023"
    return edited(out, change)


def date_unreadable(out):
    def change(wb):
        ws = wb[L.SHEET_IDENTITY]
        ws.cell(identity_row(ws, "Tanggal DIPA"), 2).value = "pertengahan November"
    return edited(out, change)


def rows_10000(out):
    """RAK_Sekretariat grown to 10,000 data rows (copies of the real rows with fresh IDs)."""
    def change(wb):
        ws = wb[L.SHEET_RAK_B]
        base = [[c.value for c in row] for row in ws.iter_rows(min_row=5, max_row=ws.max_row)]
        idc = col_of(ws, "ID") - 1
        for i in range(10_000 - len(base)):
            row = list(base[i % len(base)])
            row[idc] = f"B-{len(base) + i + 1:05d}"
            ws.append(row)
    return edited(out, change)


def long_cell(out):
    """50,000 characters in a text cell and in an amount cell (Excel itself stops at 32,767)."""
    def change(wb):
        ws = wb[L.SHEET_RAK_A]
        ws[ref(ws, "Indikator Kinerja Kegiatan", 5)] = "Persentase " + "sangat panjang " * 3_400
        ws = wb[L.SHEET_PROGRAMS]
        ws[ref(ws, "Pagu (Rp)", 6)] = "9" * 50_000
    return edited(out, change)


def non_latin(out):
    def change(wb):
        ws = wb[L.SHEET_RAK_A]
        ws[ref(ws, "Uraian Kegiatan", 5)] = "Laporan تقرير 报告 отчёт ꦥꦿꦧꦭꦶꦁꦒꦺꦴ 📊✅ e\u0301"
        ws[ref(ws, "Kegiatan", 6)] = "ПЕНГЕЛОЛААН 管理 — «logistik»"
        ws[ref(ws, "TW 2", 7)] = "✔"  # an accepted mark, outside Latin-1
    return edited(out, change)


_CONTROL = {  # placeholder -> text with control characters, as Excel stores them (_xHHHH_)
    "CTRLPH_MARK": "v_x0007_",
    "CTRLPH_TEXT": "Persentase_x000B_ laporan_x0000_ tepat_x001F_ waktu",
    "CTRLPH_ID": "A-0__x0008_07",
}


def control_characters(out):
    """Control characters (bell, vertical tab from Word, NUL) that openpyxl refuses to write
    but Excel files can carry; patched into the shared strings."""
    tmp = out.with_suffix(".tmp.xlsm")

    def change(wb):
        ws = wb[L.SHEET_RAK_A]
        ws[ref(ws, "TW 1", 5)] = "CTRLPH_MARK"
        ws[ref(ws, "Indikator Kinerja Kegiatan", 6)] = "CTRLPH_TEXT"
        ws[ref(ws, "TW 3", 7)] = "?"
        ws[ref(ws, "ID", 7)] = "CTRLPH_ID"
    edited(tmp, change)

    def patch(data: bytes) -> bytes:
        for key, value in _CONTROL.items():
            data = data.replace(key.encode(), value.encode())
        return data
    with zipfile.ZipFile(tmp) as zf:  # openpyxl may write the text inline or as shared strings
        parts = [n for n in zf.namelist() if n.endswith(".xml") and b"CTRLPH_" in zf.read(n)]
    patch_zip(tmp, out, {n: patch for n in parts})
    tmp.unlink()
    return out


def formula_text_in_cells(out):
    """Cell text that a spreadsheet would take for a formula: must come out as text."""
    def change(wb):
        ws = wb[L.SHEET_RAK_A]
        for row, text in zip((5, 6, 7, 8), ('=HYPERLINK("http://contoh.invalid","klik")', "+62-335-421", "-1+1",
                                             "@SUM(1)")):
            ws.cell(row, col_of(ws, "ID")).data_type = "s"
            ws.cell(row, col_of(ws, "ID")).value = text
            ws.cell(row, col_of(ws, "ID")).data_type = "s"
            ws[ref(ws, "TW 2", row)] = "?"  # a finding on the row, so the ID is written to Temuan
    return edited(out, change)


def empty_workbook(out):
    import openpyxl

    wb = openpyxl.Workbook()
    return _save(wb, out)


def empty_file(out):
    out.write_bytes(b"")
    return out


def csv_renamed(out):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["ID", "Kegiatan", "Indikator Kinerja Kegiatan", "Target"])
    w.writerow(["A-001", "PENGELOLAAN", "Persentase", "100%"])
    out.write_text(buf.getvalue(), encoding="utf-8")
    return out


def _cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors) holding `streams` of >= 4096
    bytes each, so no mini stream is needed. Enough for any reader to see an .xls file."""
    free, end, fat_sect, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    names = list(streams)
    data_sectors, chains, fat = [], [], [fat_sect, end]  # sector 0: FAT, sector 1: directory
    for name in names:
        body = streams[name] + b"\0" * (-len(streams[name]) % 512)
        start = len(fat)
        n = len(body) // 512
        fat += [start + i + 1 for i in range(n - 1)] + [end]
        chains.append(start)
        data_sectors.append(body)
    assert len(fat) <= 128
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBB3I", len(raw), kind, 1, nostream, right, child)
                + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size))

    entries = [entry("Root Entry", 5, 1, nostream, end, 0)]
    for i, name in enumerate(names):
        entries.append(entry(name, 2, nostream, i + 2 if i + 1 < len(names) else nostream, chains[i],
                             len(streams[name])))
    directory = b"".join(entries).ljust(512, b"\0")
    header = (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    assert len(header) == 512
    return header + struct.pack("<128I", *fat) + directory + b"".join(data_sectors)


def xls_renamed(out):
    """An Excel 97-2003 workbook (BIFF8 in an OLE file) renamed to .xlsx."""
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06)
    eof = struct.pack("<HH", 0x000A, 0)
    out.write_bytes(_cfb({"Workbook": (bof + eof).ljust(4096, b"\0")}))
    return out


def truncated_zip(out):
    data = WORKBOOK.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


def zip_without_workbook(out):
    """A Word document renamed: a valid package, but no workbook part."""
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("word/document.xml", "<document/>")
    return out


def zip_bomb_ratio(out):
    """A sheet part that inflates 1000-fold (64 MiB of spaces in 64 KiB): refused by the budget of
    one part (archive.MAX_PART), however much the rest of the workbook (its Lite bundle) weighs."""
    part = sheet_part(WORKBOOK, L.SHEET_HIGHLIGHTS)

    def inflate(data: bytes) -> bytes:
        return data.replace(b"<sheetData", b" " * (64 * 1024 * 1024) + b"<sheetData", 1)
    return patch_zip(WORKBOOK, out, {part: inflate})


def zip_bomb_spread(out):
    """Forty parts of 7 MiB of zeros, each under the budget of one part: together 280 MiB from about
    a megabyte, so the whole archive inflates past archive.MAX_RATIO (200)."""
    zeros = bytes(7 * 1024 * 1024)
    return patch_zip(WORKBOOK, out, {}, {f"xl/media/z{i}.bin": zeros for i in range(40)})


def zip_bomb_members(out):
    """Ten thousand and one parts."""
    return patch_zip(WORKBOOK, out, {}, {f"xl/media/p{i}.bin": b"" for i in range(10_001)})


def zip_bomb_declared_size(out):
    """The central directory claims a 4 GiB part: refused from the directory alone."""
    patch_zip(WORKBOOK, out, {})
    data = bytearray(out.read_bytes())
    pos = data.rfind(b"PK\x01\x02")  # the last central directory entry
    struct.pack_into("<I", data, pos + 24, 0xFFFF_FFF0)  # its uncompressed size
    out.write_bytes(bytes(data))
    return out


_LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%s;" % (b"" if i == 2 else str(i - 1).encode())) * 10)
                      for i in range(2, 10)) + b"]>")


def xml_entity_bomb(out):
    """'Billion laughs': nested XML entities that would expand to gigabytes if a parser expanded them."""
    def patch(data: bytes) -> bytes:
        head, sep, rest = data.partition(b"?>")
        return head + sep + _LAUGHS + rest.replace(b"<t>Kode Program</t>", b"<t>&lol9;</t>", 1)
    return patch_zip(WORKBOOK, out, {sheet_part(WORKBOOK, L.SHEET_PROGRAMS): patch, "xl/sharedStrings.xml": patch})


def password_protected(out):
    """Saved with a password to open (an encrypted OLE package, as Excel writes it)."""
    import msoffcrypto

    with WORKBOOK.open("rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        with out.open("wb") as dst:
            office.encrypt(PASSWORD, dst)
    return out


def hidden_sheet(out):
    def change(wb):
        wb[L.SHEET_RAK_A].sheet_state = "hidden"
    return edited(out, change)


def protected_sheets(out):
    """Input sheets protected with a password (Review > Protect Sheet): reading and writing the
    output sheets must still work."""
    def change(wb):
        for name in CORE_SHEETS:
            wb[name].protection.sheet = True
            wb[name].protection.password = PASSWORD
        wb.security = None
    return edited(out, change)


def copy_of_shipped(out):
    shutil.copyfile(WORKBOOK, out)
    return out


def marks_and_ids(out):
    def change(wb):
        ws = wb[L.SHEET_RAK_B]
        ws[ref(ws, "TW 2", 7)] = "??"
        ws[ref(ws, "TW 3", 7)] = "Ya"
        ws[ref(ws, "ID", 9)] = None
        ws[ref(ws, "ID", 10)] = ws[ref(ws, "ID", 11)].value
    return edited(out, change)


def baseline(out):
    """The shipped workbook after an openpyxl round trip: the reference for same_as_shipped."""
    return edited(out, lambda wb: None)


# -- hostile files: what a file claims about itself must not set the cost -----------------------

def patch_sheet(out: Path, sheet: str, change: Callable[[bytes], bytes], source: Path = WORKBOOK) -> Path:
    """A copy of `source` with one sheet's XML rewritten (what openpyxl would refuse or normalise)."""
    return patch_zip(source, out, {sheet_part(source, sheet): change})


def _append_row(xml: bytes, row_xml: str) -> bytes:
    return xml.replace(b"</sheetData>", row_xml.encode() + b"</sheetData>", 1)


def _far_cell(sheet: str, ref_: str, before: str = " "):
    """One value at `ref_`; `before` is what stands between "<c" and r= (another attribute
    first, a newline: what Excel does not write, but XML and calamine allow)."""
    row = re.sub(r"[A-Z]+", "", ref_)

    def make(out):
        return patch_sheet(out, sheet, lambda b: _append_row(b, f'<row r="{row}"><c{before}r="{ref_}"><v>7</v></c></row>'))
    return make


def far_cell_part_case(out):
    """The far cell's sheet named in the relationships with other letter case than its zip member
    (calamine still finds it; a lookup that does not would leave the sheet uncounted)."""
    part = sheet_part(WORKBOOK, L.SHEET_RAK_A)
    target = part.removeprefix("xl/")

    def rels(b: bytes) -> bytes:
        return b.replace(f'Target="{target}"'.encode(), f'Target="{target.title()}"'.encode(), 1)

    def sheet(b: bytes) -> bytes:
        return _append_row(b, '<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>')
    return patch_zip(WORKBOOK, out, {"xl/_rels/workbook.xml.rels": rels, part: sheet})


def workbook_dtd(out):
    """A DTD with an entity in the workbook part (where the sheets are listed)."""
    def patch(data: bytes) -> bytes:
        head, sep, rest = data.partition(b"?>")
        return head + sep + b'<!DOCTYPE workbook [<!ENTITY x "y">]>' + rest
    return patch_zip(WORKBOOK, out, {"xl/workbook.xml": patch})


def dimension_lie(out):
    """The dimension claims the whole grid; the cells are the shipped ones."""
    return patch_sheet(out, L.SHEET_RAK_A, lambda b: re.sub(rb'<dimension ref="[^"]*"/>',
                                                            b'<dimension ref="A1:XFD1048576"/>', b, count=1))


def formula_scan_many(out):
    """400,000 empty <f/> in an extension block, and one formula saved without its result to arm
    the formula scan (a per-hit search to the end of the part made this quadratic)."""
    def change(b: bytes) -> bytes:
        cell = ref(_load_cached()[L.SHEET_PROGRAMS], "Pagu (Rp)", 5)
        b = re.sub(rb'<c r="%s"([^>]*?)(/>|>.*?</c>)' % cell.encode(),
                   lambda m: b'<c r="%s"%s><f>SUM(1,2)</f></c>' % (cell.encode(), re.sub(rb' t="[a-z]+"', b"", m[1])),
                   b, count=1, flags=re.DOTALL)
        ext = b'<extLst><ext uri="{00000000-0000-0000-0000-000000000000}">' + b"<f/>" * 400_000 + b"</ext></extLst>"
        return b.replace(b"</worksheet>", ext + b"</worksheet>", 1)
    return patch_sheet(out, L.SHEET_PROGRAMS, change)


def merge_huge(out):
    """A merge from A40 to the last cell of the grid (17 billion cells to a reader that expands it)."""
    def change(b: bytes) -> bytes:
        merge = b'<mergeCells count="1"><mergeCell ref="A40:XFD1048576"/></mergeCells>'
        return b.replace(b"</sheetData>", b"</sheetData>" + merge, 1)
    return patch_sheet(out, L.SHEET_RAK_A, change)


def fifo(out):
    import os

    os.mkfifo(out)
    return out


def symlink_to_device(out):
    out.symlink_to("/dev/zero")
    return out


def amount_overflow(out):
    """A Pagu of 1e308 (a typing slip in the exponent, or a hostile file), another satker's workbook."""
    def change(wb):
        ws = wb[L.SHEET_PROGRAMS]
        ws[ref(ws, "Pagu (Rp)", 5)] = 1e308
        ws = wb[L.SHEET_IDENTITY]
        ws.cell(identity_row(ws, "Satuan Kerja"), 2).value = "KPU Kota Contoh"
        ws.cell(identity_row(ws, "Kode Satker"), 2).value = "999999"
    return edited(out, change)


def pagu_awal_max(out):
    """Pagu Awal near the largest float (1.79e308): accepted before, summed and written as an amount."""
    def change(wb):
        ws = wb[L.SHEET_IDENTITY]
        ws.cell(identity_row(ws, "Pagu Awal (Rp)"), 2).value = 1.79e308  # finite: a float holds it
    return edited(out, change)


def amount_not_finite(out):
    """NaN and infinity stored as cell values (Excel never writes them; other tools do)."""
    tmp = out.with_suffix(".tmp.xlsm")

    def change(wb):
        ws = wb[L.SHEET_BUDGET]
        ws[ref(ws, "Pagu (Rp)", 5)] = 111.5
        ws[ref(ws, "RPD TW 1", 5)] = 222.5
    edited(tmp, change)
    patch_sheet(out, L.SHEET_BUDGET, lambda b: b.replace(b"<v>111.5</v>", b"<v>NaN</v>", 1)
                .replace(b"<v>222.5</v>", b"<v>-INF</v>", 1), source=tmp)
    tmp.unlink()
    return out


def staff_sheets_in_other_case(out):
    """Staff named sheets 'TEMUAN' and 'konsolidasi': Excel calls those the Temuan and Konsolidasi
    sheets, so the outputs must land there, not beside them as 'Temuan1'."""
    def change(wb):
        wb.create_sheet("TEMUAN")["A1"] = "catatan lama"
        wb.create_sheet("konsolidasi")["A1"] = "tabel lama"
    return edited(out, change)


def with_folder_named_like_output(out):
    """A folder called hasil.xlsm beside the workbook (the -o target)."""
    (out.parent / "hasil.xlsm").mkdir()
    return copy_of_shipped(out)


def long_ids(out):
    """IDs of 300 and 9,000 characters: every output that links to the row must stay within
    Excel's formula limits (255-character text, 8,192-character formula)."""
    def change(wb):
        ws = wb[L.SHEET_RAK_A]
        ws[ref(ws, "ID", 5)] = "A-" + "7" * 298
        ws[ref(ws, "ID", 6)] = "A-" + "8" * 8998
    return edited(out, change)


def negative_date_serial(out):
    """A Tanggal Penetapan of -5 in a date-formatted cell (calamine reads it as the time 00:00)."""
    def change(wb):
        ws = wb[L.SHEET_IDENTITY]
        ws.cell(identity_row(ws, "Tanggal Penetapan"), 2).value = -5
    return edited(out, change)


def email_injection(out):
    """A satker name with a right-to-left override, a line break with a header after it, and
    10,000 characters: the e-mail subject must stay one short, plain line."""
    def change(wb):
        ws = wb[L.SHEET_IDENTITY]
        ws.cell(identity_row(ws, "Satuan Kerja"), 2).value = (
            "KPU Kota \u202eoggnilobor\u202c P\nBcc: semua@contoh.invalid " + "panjang " * 1250)
    return edited(out, change)


PLANTED_USER = "budisantoso"  # a Windows user name planted wherever Office or staff leave one


def personal_data(out):
    """Everything that carries a user name into a workbook: document properties (core, app and
    custom), a hyperlink to a file in the user's folder, a comment's author, defined names
    pointing there, an XLWINGS.CONF sheet in capitals, file sharing and the saved-from path."""
    from openpyxl.comments import Comment
    from openpyxl.packaging.custom import StringProperty
    from openpyxl.workbook.defined_name import DefinedName

    home = f"C:\\Users\\{PLANTED_USER}\\Documents"
    tmp = out.with_suffix(".tmp.xlsm")

    def change(wb):
        props = wb.properties
        props.title = props.subject = f"{home}\\RAK_2022.xlsm"
        props.keywords = props.description = props.category = f"milik {PLANTED_USER}"
        props.creator = props.lastModifiedBy = PLANTED_USER
        wb.custom_doc_props.append(StringProperty(name="Pemilik", value=PLANTED_USER))
        ws = wb[L.SHEET_RAK_A]
        cell = ws[ref(ws, "Uraian Kegiatan", 5)]
        cell.hyperlink = f"file:///C:/Users/{PLANTED_USER}/Documents/bukti.pdf"
        ws[ref(ws, "Uraian Kegiatan", 6)].comment = Comment(f"{PLANTED_USER}:\ncek lagi", PLANTED_USER)
        wb.defined_names["Lampiran"] = DefinedName("Lampiran", attr_text=f"'{home}\\[data.xlsx]Sheet1'!$A$1")
        wb.defined_names["Folder"] = DefinedName("Folder", attr_text=f'"{home}"')
        conf = wb.create_sheet("XLWINGS.CONF")
        conf["A1"], conf["B1"] = "Interpreter_Win", f"{home}\\python.exe"
    edited(tmp, change)

    def app(data: bytes) -> bytes:
        return data.replace(b"</Properties>", f"<Company>{PLANTED_USER} corp</Company>"
                            f"<Manager>{PLANTED_USER}</Manager></Properties>".encode(), 1)

    def book(data: bytes) -> bytes:
        return data.replace(b"<workbookPr", f'<fileSharing userName="{PLANTED_USER}"/><workbookPr'.encode(), 1)
    patch_zip(tmp, out, {"docProps/app.xml": app, "xl/workbook.xml": book})
    tmp.unlink()
    return out


def styles_missing(out):
    """xl/styles.xml left out of the package (a broken export tool)."""
    with zipfile.ZipFile(WORKBOOK) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/styles.xml":
                zout.writestr(info, zin.read(info.filename))
    return out


def sheet_name_forbidden(out):
    """A sheet named with characters Excel forbids ('RAK[KPU]'); another tool wrote the file."""
    return patch_zip(WORKBOOK, out, {"xl/workbook.xml": lambda b: b.replace(
        f'name="{L.SHEET_RAK_A}"'.encode(), b'name="RAK[KPU]"', 1)})


# -- one resolution of the package: what calamine would read that the checks did not see ---------
# calamine follows _rels/.rels to the workbook part, finds a member whatever its letter case or
# slashes (the last of several such wins) and falls back to its .xlsb and .ods readers. Each
# route below hides a cell at XFD1048576 (a dense read from A1 would need 17 billion cells), or
# another satker's plan, where only that route leads.

FAR_ROW = '<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>'


def _members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


def _write_members(out: Path, members: list[tuple[str, bytes]]) -> Path:
    """A zip of `members` in this order, each name exactly as given (duplicates, backslashes)."""
    import warnings

    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: here it is the point
        for name, data in members:
            zf.writestr(zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out


_ROUTES = {  # how each reader finds the workbook part: calamine through _rels/.rels, openpyxl through content types
    "_rels/.rels": (b'Target="xl/workbook.xml"', b'Target="alt/workbook.xml"'),
    "[Content_Types].xml": (b'PartName="/xl/workbook.xml"', b'PartName="/alt/workbook.xml"'),
}


def _redirected(out: Path, source: Path, change_part: Callable[[str, bytes], bytes] = lambda _n, d: d,
                route: str = "_rels/.rels") -> Path:
    """The shipped package, plus `source`'s xl/ parts copied to alt/ (each passed through
    `change_part`; relationships that name a part by its full path follow it), and the member
    `route` pointing the workbook part there."""
    old, new = _ROUTES[route]
    members = [(n, d.replace(old, new) if n == route else d) for n, d in _members(WORKBOOK)]
    moved = [("alt/" + n[3:], change_part(n, d.replace(b'Target="/xl/', b'Target="/alt/') if n.endswith(".rels") else d))
             for n, d in _members(source) if n.startswith("xl/")]
    return _write_members(out, members + moved)


def package_redirected(out):
    """The workbook part named in _rels/.rels lies in another folder, whose RAK sheet has a far cell."""
    part = sheet_part(WORKBOOK, L.SHEET_RAK_A)
    return _redirected(out, WORKBOOK, lambda n, d: _append_row(d, FAR_ROW) if n == part else d)


def package_redirected_other_satker(out):
    """_rels/.rels names another satker's plan as the workbook part: calamine reads that plan, a
    writer that opens xl/workbook.xml (openpyxl) would write the outputs beside the shipped one's."""
    other = out.with_suffix(".tmp.xlsm")
    amount_overflow(other)
    try:
        return _redirected(out, other)
    finally:
        other.unlink()


def content_types_other_plan(out):
    """[Content_Types].xml names as the workbook part a copy of the plan whose program pagu differ
    (its styles and strings are the shipped ones): openpyxl, which writes the copy, would load those
    sheets, calamine reads xl/workbook.xml, so the outputs of one plan would stand beside the other."""
    program = sheet_part(WORKBOOK, L.SHEET_PROGRAMS)
    return _redirected(out, WORKBOOK, lambda n, d: d.replace(b"<v>1646458000</v>", b"<v>9646458000</v>", 1)
                       if n == program else d, route="[Content_Types].xml")


def shared_strings_elsewhere(out):
    """[Content_Types].xml names another shared-string part, where the satker is another: openpyxl
    (which writes the copy) would read it, calamine (which reads the plan) reads xl/sharedStrings.xml."""
    strings = dict(_members(WORKBOOK))["xl/sharedStrings.xml"].replace(b"<t>KPU Kota Probolinggo</t>",
                                                                         b"<t>KPU Kota Contoh</t>", 1)
    members = [(n, d.replace(b'PartName="/xl/sharedStrings.xml"', b'PartName="/xl/sharedStrings2.xml"')
                if n == "[Content_Types].xml" else d) for n, d in _members(WORKBOOK)]
    return _write_members(out, members + [("xl/sharedStrings2.xml", strings)])


def _member_twin(name_of: Callable[[str], str]):
    """A second member for a RAK sheet's part, named `name_of(part)`, after it, with a far cell."""
    def make(out):
        part = sheet_part(WORKBOOK, L.SHEET_RAK_A)
        members = _members(WORKBOOK)
        return _write_members(out, members + [(name_of(part), _append_row(dict(members)[part], FAR_ROW))])
    return make


def _brt(kind: int, body: bytes = b"") -> bytes:
    """One .xlsb record (MS-XLSB 2.1.4): its type and size as 7-bit varints, then its body."""
    head = bytes([kind]) if kind < 0x80 else bytes([kind & 0x7F | 0x80, kind >> 7])
    size, n = b"", len(body)
    while True:
        size += bytes([n & 0x7F | (0x80 if n > 0x7F else 0)])
        n >>= 7
        if not n:
            return head + size + body


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


_XLSB_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Override PartName="/xl/workbook.bin" '
               'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
               '<Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/>'
               '</Types>')
_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" '
         'Target="{target}"/></Relationships>')


def _xlsb(out: Path, book: bytes, sheet: bytes) -> Path:
    return _write_members(out, [
        ("[Content_Types].xml", _XLSB_TYPES.encode()),
        ("_rels/.rels", _RELS.format(kind="officeDocument", target="xl/workbook.bin").encode()),
        ("xl/workbook.bin", book),
        ("xl/_rels/workbook.bin.rels", _RELS.format(kind="worksheet", target="worksheets/sheet1.bin").encode()),
        ("xl/worksheets/sheet1.bin", sheet)])


def xlsb_far_cell(out):
    """An Excel Binary Workbook (.xlsb) named .xlsm: one sheet with cells at A1 and XFD1048576."""
    book = (_brt(0x83) + _brt(0x8F) + _brt(0x9C, struct.pack("<II", 0, 1) + _wide("rId1") + _wide(L.SHEET_RAK_A))
            + _brt(0x90) + _brt(0x9D) + _brt(0x84))
    cell = struct.pack("<IId", 0, 0, 7.0)
    sheet = (_brt(0x81) + _brt(0x94, struct.pack("<IIII", 0, 1_048_575, 0, 16_383)) + _brt(0x91)
             + _brt(0x00, struct.pack("<I", 0)) + _brt(0x05, cell)
             + _brt(0x00, struct.pack("<I", 1_048_575)) + _brt(0x05, struct.pack("<I", 16_383) + cell[4:])
             + _brt(0x92) + _brt(0x82))
    return _xlsb(out, book, sheet)


def xlsb_damaged(out):
    """An .xlsb whose sheet list record is cut short (2 bytes where 12 at least belong): a reader
    that trusts the record's fields reads past its end."""
    return _xlsb(out, _brt(0x83) + _brt(0x9C, b"\0\0") + _brt(0x90) + _brt(0x84), b"")


_ODS_CONTENT = (
    '<?xml version="1.0"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="{sheet}">'
    '<table:table-row><table:table-cell office:value-type="float" office:value="7"/></table:table-row>'
    '<table:table-row table:number-rows-repeated="{rows}"><table:table-cell/></table:table-row>'
    '<table:table-row><table:table-cell table:number-columns-repeated="{cols}"/>'
    '<table:table-cell office:value-type="float" office:value="7"/></table:table-row>'
    '</table:table></office:spreadsheet></office:body></office:document-content>')


def ods_far_cell(out):
    """An OpenDocument spreadsheet (.ods) named .xlsm, with a stray xl/workbook.xml: one sheet with
    a value at A1 and one 6,000 rows down at column XFD (98 million cells as a dense range)."""
    return _write_members(out, [
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest'
                                  b':1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/'
                                  b'vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'),
        ("content.xml", _ODS_CONTENT.format(sheet=L.SHEET_RAK_A, rows=6_000, cols=16_383).encode()),
        ("xl/workbook.xml", b"<workbook/>")])


def shared_strings_count_lie(out):
    """The shared-string table claims four billion strings (uniqueCount): a reader that reserves
    room for what a file claims asks for 96 GB before reading one."""
    return patch_zip(WORKBOOK, out, {"xl/sharedStrings.xml": lambda b: re.sub(
        rb'uniqueCount="\d+"', b'uniqueCount="4000000000"', b, count=1)})


# -- budgets: what a file may make the reader or the writer do ------------------------------------

def dense_sheets_many(out):
    """Thirty extra sheets, each with one value at T99999: each alone is a small dense read
    (2 million cells from A1), together 60 million."""
    def change(wb):
        for i in range(30):
            wb.create_sheet(f"Catatan {i + 1}")["T99999"] = 1
    return edited(out, change)


def _random_bytes(n: int, seed: int = 24) -> bytes:
    import random

    return random.Random(seed).randbytes(n)


def member_inflated(out):
    """One part inflating about 1000-fold to 480 MiB (spaces inside a RAK sheet), beside 2.7 MB of
    random bytes that keep the archive's overall ratio low."""
    part = sheet_part(WORKBOOK, L.SHEET_RAK_B)
    with zipfile.ZipFile(WORKBOOK) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename != part:
                zout.writestr(info, data, zipfile.ZIP_DEFLATED)
                continue
            head, sep, tail = data.partition(b"<sheetData")
            big = zipfile.ZipInfo(part, date_time=(2022, 1, 1, 0, 0, 0))
            big.compress_type = zipfile.ZIP_DEFLATED
            with zout.open(big, "w") as dst:  # streamed: the 480 MiB are never in memory at once
                dst.write(head)
                for _ in range(480):
                    dst.write(b" " * (1024 * 1024))
                dst.write(sep + tail)
        zout.writestr("xl/media/image9.bin", _random_bytes(2_700_000))
    return out


def _semi_random(n: int, unit: bytes, every: int, plain: bytes | None = None, seed: int = 24) -> bytes:
    """`n` copies of `plain` (`unit` with 'aa' for its 'X'), every `every`-th one `unit` with a random
    letter pair for its 'X': so
    compressible that the file stays small, yet less so than the zip bomb the archive check
    refuses (its members inflate about 100-fold)."""
    import random

    rng = random.Random(seed)
    plain = unit.replace(b"X", b"aa") if plain is None else plain
    return b"".join(unit.replace(b"X", bytes(rng.choices(range(97, 123), k=2))) if i % every == 0 else plain
                    for i in range(n))


def styles_many(out):
    """200,000 more cell formats (Excel stops at 64,000): openpyxl builds an object for each."""
    def change(xml: bytes) -> bytes:
        extra = _semi_random(200_000, b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><!--X--></xf>', 25)
        head, sep, tail = xml.partition(b"</cellXfs>")
        return re.sub(rb'(<cellXfs count=")(\d+)', lambda m: m[1] + str(int(m[2]) + 200_000).encode(), head,
                      count=1) + extra + sep + tail
    return patch_zip(WORKBOOK, out, {"xl/styles.xml": change})


def shared_strings_many(out):
    """A million and a half shared strings nothing uses."""
    def change(xml: bytes) -> bytes:
        extra = _semi_random(1_500_000, b"<si><t>X</t></si>", 40)
        xml = re.sub(rb'(count|uniqueCount)="\d+"', lambda m: m[1] + b'="1500000"', xml, count=2)
        return xml.replace(b"</sst>", extra + b"</sst>", 1)
    return patch_zip(WORKBOOK, out, {"xl/sharedStrings.xml": change})


def rows_many(out):
    """Two million empty rows at the end of a RAK sheet (a <row/> each, without cells)."""
    return patch_sheet(out, L.SHEET_RAK_B, lambda b: b.replace(
        b"</sheetData>", _semi_random(2_000_000, b"<row/><!--X-->", 80, b"<row/>") + b"</sheetData>", 1))


def text_huge(out):
    """A satker name of 20 million characters (Excel's own limit is 32,767)."""
    name = b"KPU " + _semi_random(1_100_000, b"Kota ProbolinggX ", 40)
    return patch_zip(WORKBOOK, out, {"xl/sharedStrings.xml": lambda b: b.replace(
        b"<t>KPU Kota Probolinggo</t>", b"<t>" + name + b"</t>", 1)})


def names_many(out):
    """100,000 defined names (a workbook carried through years of copied sheets gathers thousands)."""
    names = b"".join(b"<definedName name=\"Nama%d\">'%s'!$A$%d</definedName>" % (i, L.SHEET_RAK_A.encode(), i % 9000 + 1)
                     for i in range(100_000))
    return patch_zip(WORKBOOK, out, {"xl/workbook.xml": lambda b: b.replace(b"</definedNames>", names + b"</definedNames>", 1)})


# -- the table -------------------------------------------------------------------

# The sheets every RAK workbook has (the evaluation sheets are optional).
CORE_SHEETS = (L.SHEET_IDENTITY, L.SHEET_PROGRAMS, L.SHEET_DIVISIONS, L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_BUDGET)


def _rak_a(label: str, row: int) -> str:
    return f"{L.SHEET_RAK_A}!{ref(_load_cached()[L.SHEET_RAK_A], label, row)}"


def _rak_b(label: str, row: int) -> str:
    return f"{L.SHEET_RAK_B}!{ref(_load_cached()[L.SHEET_RAK_B], label, row)}"


def _prog(row: int) -> str:
    return f"{L.SHEET_PROGRAMS}!{ref(_load_cached()[L.SHEET_PROGRAMS], 'Pagu (Rp)', row)}"


def _budget(label: str, row: int) -> str:
    return f"{L.SHEET_BUDGET}!{ref(_load_cached()[L.SHEET_BUDGET], label, row)}"


def _ident(label: str) -> str:
    ws = _load_cached()[L.SHEET_IDENTITY]
    return f"{L.SHEET_IDENTITY}!B{identity_row(ws, label)}"


def cases() -> list[Case]:
    return [
        Case("missing_sheet", missing_sheet, findings=(("RAK101", L.SHEET_RAK_A),), exit=1,
             message=f"Lembar '{L.SHEET_RAK_A}' tidak ditemukan"),
        Case("renamed_sheet", renamed_sheet, findings=(("RAK101", L.SHEET_PROGRAMS),), exit=1,
             message=f"Lembar '{L.SHEET_PROGRAMS}' tidak ditemukan"),
        Case("renamed_sheet_tolerated", renamed_sheet_tolerated, same_as_shipped=True),
        Case("header_renamed", header_renamed, findings=(("RAK103", f"{L.SHEET_RAK_A}!A4"),), exit=1,
             message="Kolom 'Target' tidak ditemukan"),
        Case("header_row_cleared", header_row_cleared, findings=(("RAK102", L.SHEET_PROGRAMS),), exit=1,
             message="Baris judul kolom tidak ditemukan"),
        Case("headers_reordered", headers_reordered, same_as_shipped=True),
        Case("header_merged_vertically", header_merged_vertically, same_as_shipped=True),
        Case("header_two_rows", header_two_rows, same_as_shipped=True),
        Case("header_label_split", header_label_split, same_as_shipped=True),
        Case("extra_columns", extra_columns, same_as_shipped=True),
        Case("blank_rows_middle", blank_rows_middle, same_as_shipped=True),
        Case("hidden_rows", hidden_rows, same_as_shipped=True),
        Case("merged_data_cells", merged_data_cells, checks={"same_as": "merged_data_blanked"}),
        Case("merged_data_blanked", merged_data_blanked),
        Case("numbers_as_text_id", _numbers_as_text("id"), same_as_shipped=True),
        Case("numbers_as_text_en", _numbers_as_text("en"), same_as_shipped=True),
        Case("number_as_words", number_as_words, findings=(("RAK104", "@prog5"),), exit=1,
             message="tidak dapat dibaca sebagai jumlah rupiah"),
        Case("formula_error_ref", _formula_error("formula_error_ref"), findings=(("RAK109", "@err_ref"),),
             exit=1, message="#REF!"),
        Case("formula_error_na", _formula_error("formula_error_na"), findings=(("RAK109", "@err_na"),),
             exit=1, message="#N/A"),
        Case("formula_error_div0", _formula_error("formula_error_div0"), findings=(("RAK109", "@err_div0"),),
             exit=1, message="#DIV/0!"),
        Case("formula_without_cache", formula_without_cache, findings=(("RAK110", "@prog5"),), exit=1,
             message="belum dihitung"),
        Case("dates_as_text", dates_as_text, same_as_shipped=True),
        Case("date_unreadable", date_unreadable, findings=(("RAK104", "@dipa_date"),), exit=1,
             message="tidak dapat dibaca sebagai tanggal"),
        Case("rows_10000", rows_10000, checks={"rows": 10_000}),
        Case("long_cell", long_cell, findings=(("RAK104", "@prog6"),), exit=1, run=()),
        Case("non_latin", non_latin, findings=(("RAK106", "@tw2_7"),), run=()),
        Case("control_characters", control_characters, findings=(("RAK105", "@tw1_5"), ("RAK105", "@tw3_7"),
                                                                 ("RAK111", "@id7")), exit=1, run=()),
        Case("formula_text_in_cells", formula_text_in_cells,
             findings=tuple(("RAK105", f"@tw2_{r}") for r in (5, 6, 7, 8)), exit=1, run=()),
        Case("marks_and_ids", marks_and_ids,
             findings=(("RAK105", "@b_tw2_7"), ("RAK106", "@b_tw3_7"), ("RAK107", "@b_id9"),
                       ("RAK108", "@b_id11")), exit=1, message="tidak dikenali"),
        Case("empty_workbook", empty_workbook, findings=tuple(("RAK101", s) for s in CORE_SHEETS), exit=1,
             message="tidak ditemukan"),
        Case("empty_file", empty_file, exit=2, stderr=("rusak atau bukan workbook Excel", "(RAK707)")),
        Case("csv_renamed", csv_renamed, exit=2, stderr=("rusak atau bukan workbook Excel", "(RAK707)")),
        Case("xls_renamed", xls_renamed, exit=2, stderr=("berformat lama (.xls", "(RAK712)")),
        Case("xls_extension", xls_renamed, exit=2, stderr=("bukan workbook Excel (.xlsx atau .xlsm)", "(RAK704)", "Saran:")),
        Case("hidden_sheet", hidden_sheet, same_as_shipped=True),
        Case("protected_sheets", protected_sheets, same_as_shipped=True, run=()),
        Case("truncated_zip", truncated_zip, exit=2, stderr=("rusak", "(RAK707)")),
        Case("zip_without_workbook", zip_without_workbook, exit=2, stderr=("bukan workbook Excel", "(RAK709)")),
        Case("zip_bomb_ratio", zip_bomb_ratio, exit=2,
             stderr=("melebihi batas", "ukuran satu bagian", "tidak diproses", "(RAK722)")),
        Case("zip_bomb_spread", zip_bomb_spread, exit=2, stderr=("terlalu besar", "tidak diproses", "(RAK713)")),
        Case("zip_bomb_members", zip_bomb_members, exit=2, stderr=("terlalu besar", "tidak diproses", "(RAK713)")),
        Case("zip_bomb_declared_size", zip_bomb_declared_size, exit=2, stderr=("terlalu besar", "(RAK713)")),
        Case("password_protected", password_protected, exit=2, stderr=("kata sandi", "(RAK711)")),
        Case("xml_entity_bomb", xml_entity_bomb, exit=2, stderr=("tidak dapat dibaca sebagai workbook Excel", "(RAK714)"),
             run=("--in-place",), run_exit=2, run_stderr=("tidak dapat dibaca", "(RAK714)")),
        Case("locked_for_reading", copy_of_shipped, lock="read", exit=2, stderr=("akses ditolak", "Tutup berkas", "(RAK706)")),
        Case("locked_for_writing", copy_of_shipped, lock="write", run=("--in-place",), run_exit=2,
             run_stderr=("tidak dapat ditulis", "Tutup berkas", "(RAK807)")),
        Case("readonly_in_place", copy_of_shipped, readonly=True, run=("--in-place",), run_exit=2,
             run_stderr=("hanya-baca", "(RAK806)")),
        Case("output_folder_missing", copy_of_shipped, run=("-o", "{dir}/tidak_ada/hasil.xlsm"), run_exit=2,
             run_stderr=("tidak dapat ditulis", "(RAK809)")),
        # Hostile files: the cost follows the cells that exist, not what the file claims.
        Case("far_cell_last", _far_cell(L.SHEET_RAK_A, "XFD1048576"), same_as_shipped=True, run=(),
             also=((("submit", "{file}", "-o", "{dir}/Kiriman", "--no-pdf", "--force"), 0, ()),), leaves=("Kiriman",)),
        Case("far_cell_zz100000", _far_cell(L.SHEET_PROGRAMS, "ZZ100000"), same_as_shipped=True, run=()),
        Case("far_cell_attribute_first", _far_cell(L.SHEET_RAK_A, "XFD1048576", before=' t="n" '),
             same_as_shipped=True, run=()),
        Case("dimension_lie", dimension_lie, same_as_shipped=True),
        Case("far_row_without_cells", lambda out: patch_sheet(
            out, L.SHEET_RAK_A, lambda b: _append_row(b, '<row r="1048576" spans="1:3"/>')), same_as_shipped=True),
        Case("far_cell_part_case", far_cell_part_case, exit=2, stderr=("tidak dapat dibaca sebagai workbook Excel", "(RAK714)"),
             run=(), run_exit=2),
        Case("workbook_dtd", workbook_dtd, exit=2, stderr=("tidak dapat dibaca sebagai workbook Excel", "(RAK714)"),
             run=(), run_exit=2),
        Case("beyond_grid_newline", _far_cell(L.SHEET_BUDGET, "XFE9", before="\n "), exit=2,
             stderr=("di luar batas lembar Excel", "XFE9", L.SHEET_BUDGET, "(RAK716)")),
        Case("beyond_grid_column", _far_cell(L.SHEET_RAK_A, "XFE9"), exit=2,
             stderr=("di luar batas lembar Excel", "XFE9", L.SHEET_RAK_A, "(RAK716)"), run=(), run_exit=2),
        Case("beyond_grid_row", _far_cell(L.SHEET_BUDGET, "A1048577"), exit=2,
             stderr=("di luar batas lembar Excel", "A1048577", "(RAK716)"), also=((("submit", "{file}", "-o", "{dir}/Kiriman", "--no-pdf", "--force"), 2, ("di luar batas", "(RAK716)")),)),
        Case("formula_scan_many", formula_scan_many, findings=(("RAK110", "@prog5"),), exit=1),
        Case("merge_huge", merge_huge, same_as_shipped=True, run=(), run_exit=2,
             run_stderr=("sel gabungan", L.SHEET_RAK_A, "(RAK814)"), also=((("submit", "{file}", "-o", "{dir}/Kiriman", "--no-pdf", "--force"), 2, ("sel gabungan", "(RAK814)")),)),
        Case("fifo", fifo, special=True, exit=2, stderr=("bukan berkas biasa", "(RAK705)"),
             also=((("submit", "{file}", "-o", "{dir}/Kiriman", "--no-pdf", "--force"), 2, ("bukan berkas biasa", "(RAK705)")),)),
        Case("symlink_to_device", symlink_to_device, special=True, exit=2, stderr=("bukan berkas biasa", "(RAK705)")),
        Case("styles_missing", styles_missing, same_as_shipped=True, run=(), run_exit=2,
             run_stderr=("tidak dapat dibuka untuk ditulisi", "(RAK815)")),
        Case("sheet_name_forbidden", sheet_name_forbidden, same_as_shipped=True, run=(), run_exit=2,
             run_stderr=("RAK[KPU]", "tidak diizinkan Excel", "(RAK813)"), also=((("submit", "{file}", "-o", "{dir}/Kiriman", "--no-pdf", "--force"), 2, ("RAK[KPU]", "(RAK813)")),)),
        Case("amount_overflow", amount_overflow, findings=(("RAK104", "@prog5"),), exit=1,
             message="tidak dapat dibaca sebagai jumlah rupiah", run=(),
             also=((("submit", "{file}", "-o", "{dir}/Kiriman", "--no-pdf", "--force"), 0, ()),), leaves=("Kiriman",)),
        Case("pagu_awal_max", pagu_awal_max, findings=(("RAK104", "@pagu_awal"),), exit=1, run=()),
        Case("amount_not_finite", amount_not_finite, findings=(("RAK104", "@budget5"), ("RAK104", "@rpd1_5")),
             exit=1, run=(), run_exit=2, run_stderr=("tidak dapat dibuka untuk ditulisi", "(RAK815)")),
        # Nothing is overwritten that was not named as the output.
        Case("output_is_input", copy_of_shipped, run=("-o", "{file}"), run_exit=2,
             run_stderr=("berkas masukan itu sendiri", "(RAK802)"),
             also=((("consolidate", "{file}", "-o", "{file_up}"), 2, ("berkas masukan itu sendiri", "(RAK802)")),
                   (("evaluate", "{file}", "-o", "{file_up}"), 2, ("berkas masukan itu sendiri", "(RAK802)")))),
        Case("output_is_folder", with_folder_named_like_output, run=("-o", "{dir}/hasil.xlsm"), run_exit=2,
             run_stderr=("adalah folder", "(RAK803)")),
        Case("output_under_file", copy_of_shipped, run=("-o", "{file}/hasil.xlsm"), run_exit=2,
             run_stderr=("bukan folder", "(RAK804)")),
        Case("staff_sheets_in_other_case", staff_sheets_in_other_case, same_as_shipped=True, run=(),
             checks={"outputs_replaced": ("TEMUAN", "konsolidasi")}),
        # Smaller points: Excel's formula limits, a negative date serial, the e-mail subject.
        Case("long_ids", long_ids, run=(), checks={"formula_limits": True}),
        Case("negative_date_serial", negative_date_serial, findings=(("RAK104", "@signed_on"),), exit=1,
             message="Nilai '-5' "),
        Case("email_injection", email_injection, also=((("submit", "{file}", "-o", "{dir}/Kiriman", "--no-pdf",
                                                         "--force"), 0, ()),), leaves=("Kiriman",),
             checks={"email": True}),
        Case("personal_data", personal_data, same_as_shipped=True),  # the package: test_nothing_personal_...
        Case("baseline", baseline),
    ] + writer_cases() + reader_cases()


# -- what a write must not lose, run, merge, send or overwrite ---------------------------------------
# (tests/test_bad_input.py checks what the table cannot say in its own functions: test_writer_*)

LONG_STEM = "R" * 246  # a legal name: 251 characters with .xlsm, within the usual 255


def writer_cases() -> list[Case]:
    submit = ("submit", "{file}", "-o", "{dir}/Kiriman", "--no-pdf", "--force")
    province = ("province", "{dir}", "-o", "{dir}/rekap.xlsx", "--quiet", "--no-cache", "--workers", "1")
    strict = ("Strict Open XML", "(RAK819)")
    return [
        Case("strict_ooxml", strict_ooxml, same_as_shipped=True, run=("--in-place",), run_exit=2, run_stderr=strict,
             also=((("consolidate", "{file}", "-o", "{dir}/konsolidasi.xlsm"), 2, strict),
                   (("evaluate", "{file}", "-o", "{dir}/evaluasi.xlsm"), 2, strict), (submit, 2, strict),
                   (province, 0, ())), leaves=("rekap.xlsx",)),
        Case("output_and_in_place", copy_of_shipped, run=("-o", "{dir}/lain.xlsm", "--in-place"), run_exit=2,
             run_stderr=("--in-place", "(RAK821)")),
        Case("output_name_long", copy_of_shipped, run=("-o", f"{{dir}}/{LONG_STEM}.xlsm"),
             also=((("run", "{file}", "-o", f"{{dir}}/{LONG_STEM}RRRRR.xlsm"), 2, ("(RAK818)",)),),
             leaves=(f"{LONG_STEM}.xlsm",)),
        Case("formula_satker_name", formula_satker_name, run=(),
             also=((("baru", "--dari", "{file}", "-o", "{dir}/RAK_2023.xlsm"), 0, ()), (submit, 0, ())),
             leaves=("RAK_2023.xlsm", "Kiriman")),
        Case("satker_code_fullwidth", _satker_code("\uff16\uff15\uff18\uff10\uff12\uff11"),
             findings=(("RAK504", "@satker_code"),), exit=1, message="bukan enam angka",
             also=((province, 0, ()),), leaves=("rekap.xlsx",)),
        Case("satker_code_arabic_indic", _satker_code("\u0666\u0665\u0668\u0660\u0662\u0661"),
             findings=(("RAK504", "@satker_code"),), exit=1, message="bukan enam angka",
             also=((province, 0, ()),), leaves=("rekap.xlsx",)),
        Case("id_lookalikes", id_lookalikes, exit=1,
             findings=(("RAK108", "@id6"), ("RAK108", "@id7"), ("RAK111", "@id6"), ("RAK111", "@id7"))),
        Case("personal_data_hidden", personal_data_hidden, same_as_shipped=True),  # test_writer_scrubs_...
    ]


SUBMIT = ("submit", "{file}", "-o", "{dir}/Kiriman", "--no-pdf", "--force")
NEW_YEAR_FROM = ("baru", "-o", "{dir}/RAK_baru.xlsm", "--dari", "{file}")


def _refused_by_every_reader(*texts: str) -> dict:
    """validate, run, submit and baru --dari each refuse the file, exit 2, with `texts` on stderr."""
    return dict(exit=2, stderr=texts, run=(), run_exit=2, run_stderr=texts,
                also=((SUBMIT, 2, texts), (NEW_YEAR_FROM, 2, texts)))


def _refused_for_writing(*texts: str, **more) -> dict:
    """Read as usual; run and submit (openpyxl loads the file whole) refuse it, exit 2, with `texts`."""
    return dict(run=(), run_exit=2, run_stderr=texts, also=((SUBMIT, 2, texts),), **more)


def reader_cases() -> list[Case]:
    """The package resolved once, as calamine resolves it, and the budgets of every path: each file
    hides what only one reader's route would reach, or holds more than a budget allows."""
    over = ("melebihi batas", "(RAK722)")
    return [
        Case("package_redirected", package_redirected,
             **_refused_by_every_reader("di tempat yang tidak baku", "alt/workbook.xml", "(RAK720)")),
        Case("package_redirected_other_satker", package_redirected_other_satker,
             **_refused_by_every_reader("di tempat yang tidak baku", "(RAK720)")),
        Case("content_types_other_plan", content_types_other_plan, same_as_shipped=True,
             **_refused_for_writing("di tempat yang tidak baku", "/alt/workbook.xml", "(RAK720)")),
        Case("shared_strings_elsewhere", shared_strings_elsewhere, same_as_shipped=True,
             **_refused_for_writing("di tempat yang tidak baku", "/xl/sharedStrings2.xml", "(RAK720)")),
        Case("member_case_duplicate", _member_twin(str.upper),
             **_refused_by_every_reader("huruf besar/kecil atau garis miring", "(RAK719)")),
        Case("member_backslash_duplicate", _member_twin(lambda part: part.replace("/", "\\")),
             **_refused_by_every_reader("huruf besar/kecil atau garis miring", "(RAK719)")),
        Case("xlsb_far_cell", xlsb_far_cell,
             **_refused_by_every_reader("workbook biner Excel (.xlsb)", "simpan ulang sebagai .xlsm", "(RAK721)")),
        Case("xlsb_damaged", xlsb_damaged, **_refused_by_every_reader("(.xlsb)", "(RAK721)")),
        Case("ods_far_cell", ods_far_cell,
             **_refused_by_every_reader("OpenDocument (.ods)", "simpan ulang sebagai .xlsm", "(RAK721)")),
        Case("shared_strings_count_lie", shared_strings_count_lie,
             **_refused_by_every_reader(*over, "teks bersama", "4.000.000.000")),
        Case("dense_sheets_many", dense_sheets_many,
             **_refused_by_every_reader(*over, "sel yang dibaca dari semua lembar", "60.")),
        Case("member_inflated", member_inflated,
             **_refused_by_every_reader(*over, "ukuran satu bagian", "480 MiB")),
        Case("styles_many", styles_many, same_as_shipped=True, **_refused_for_writing(*over, "format sel")),
        Case("shared_strings_many", shared_strings_many, same_as_shipped=True,
             **_refused_for_writing(*over, "teks bersama")),
        Case("rows_many", rows_many, same_as_shipped=True, **_refused_for_writing(*over, "baris pada semua lembar")),
        Case("names_many", names_many, same_as_shipped=True, **_refused_for_writing(*over, "nama terdefinisi")),
        Case("text_huge", text_huge, **_refused_for_writing(*over, "panjang satu teks")),
    ]


STRICT = ((b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
          (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
           b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
          (b"http://schemas.openxmlformats.org/drawingml/2006/", b"http://purl.oclc.org/ooxml/drawingml/"),
          (b"http://schemas.openxmlformats.org/officeDocument/2006/", b"http://purl.oclc.org/ooxml/officeDocument/"))


def strict_ooxml(out):
    """Saved by Excel as 'Strict Open XML Spreadsheet': the same parts in ISO's own namespaces (the
    package's own relationships and content types keep theirs), which calamine reads and openpyxl
    does not: a copy written by openpyxl would hold no input sheet."""
    def strict(data: bytes) -> bytes:
        for transitional, iso in STRICT:
            data = data.replace(transitional, iso)
        return data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)

    with zipfile.ZipFile(WORKBOOK) as zf:
        parts = [n for n in zf.namelist() if n.endswith((".xml", ".rels")) and n != "[Content_Types].xml"]
    return patch_zip(WORKBOOK, out, {n: strict for n in parts})


INJECTED_SATKER = '=HYPERLINK("http://contoh.invalid","KPU Kota Contoh")'


def formula_satker_name(out):
    """A satker name that a spreadsheet would run as a formula: every workbook made from it holds it as text."""
    def change(wb):
        ws = wb[L.SHEET_IDENTITY]
        cell = ws.cell(identity_row(ws, "Satuan Kerja"), 2)
        cell.value = INJECTED_SATKER
        cell.data_type = "s"
    return edited(out, change)


def _satker_code(code: str):
    """The satker's own plan again, its Kode Satker typed in other digits (fullwidth from a Japanese IME,
    Arabic-Indic from a copied PDF), beside the original in one folder: one satker, not two."""
    def make(out):
        def change(wb):
            ws = wb[L.SHEET_IDENTITY]
            ws.cell(identity_row(ws, "Kode Satker"), 2).value = code
        shutil.copyfile(WORKBOOK, out.with_name("RAK_asli.xlsm"))
        return edited(out, change)
    return make


def id_lookalikes(out):
    """IDs that read as A-001 and are not: a Cyrillic А, a zero-width space."""
    def change(wb):
        ws = wb[L.SHEET_RAK_A]
        ws[ref(ws, "ID", 6)] = "\u0410-001"
        ws[ref(ws, "ID", 7)] = "A-0\u200b01"
    return edited(out, change)


HIDDEN_USER = "budi.santoso"  # planted where scrub_personal_data did not look before


def personal_data_hidden(out):
    """A user folder in a sheet's header and footer, a dropdown's prompt and title, and a custom cell
    style's name (Office names a style copied from another workbook after that workbook's path)."""
    from openpyxl.styles import Font, NamedStyle
    from openpyxl.worksheet.datavalidation import DataValidation

    home = f"C:\\Users\\{HIDDEN_USER}\\Documents"

    def change(wb):
        ws = wb[L.SHEET_RAK_A]
        ws.oddHeader.left.text = f"{home}\\RAK_2022.xlsm"
        ws.oddFooter.left.text = f"Dicetak oleh {HIDDEN_USER}"
        ws.evenFooter.right.text = f"&Z{home}"
        dv = DataValidation(type="list", formula1='"Ya,Tidak"', showInputMessage=True,
                            promptTitle=f"Catatan {HIDDEN_USER}", prompt=f"Lihat {home}\\petunjuk.docx",
                            errorTitle=HIDDEN_USER, error=f"{home}")
        dv.add("N5:N10")
        ws.add_data_validation(dv)
        style = NamedStyle(name=f"{home}\\Template.xlsx Judul", font=Font(bold=True))
        wb.add_named_style(style)
        ws[ref(ws, "Kegiatan", 5)].style = style.name
    return edited(out, change)


def cell_aliases() -> dict[str, str]:
    """'@name' placeholders of the table, resolved against the shipped workbook's layout."""
    return {
        "@prog5": _prog(5), "@prog6": _prog(6),
        "@err_ref": error_cell("formula_error_ref"), "@err_na": error_cell("formula_error_na"),
        "@err_div0": error_cell("formula_error_div0"),
        "@dipa_date": _ident("Tanggal DIPA"), "@pagu_awal": _ident("Pagu Awal (Rp)"),
        "@signed_on": _ident("Tanggal Penetapan"),
        "@budget5": _budget("Pagu (Rp)", 5), "@rpd1_5": _budget("RPD TW 1", 5),
        "@tw1_5": _rak_a("TW 1", 5), "@tw3_7": _rak_a("TW 3", 7), "@tw2_7": _rak_a("TW 2", 7),
        **{f"@tw2_{r}": _rak_a("TW 2", r) for r in (5, 6, 7, 8)},
        "@b_tw2_7": _rak_b("TW 2", 7), "@b_tw3_7": _rak_b("TW 3", 7), "@b_id9": _rak_b("ID", 9),
        "@b_id11": _rak_b("ID", 11),
        "@satker_code": _ident("Kode Satker"), "@id6": _rak_a("ID", 6), "@id7": _rak_a("ID", 7),
    }


def generate(outdir: Path) -> dict[str, Path]:
    """Write every case into `outdir`; returns name -> file."""
    outdir.mkdir(parents=True, exist_ok=True)
    made = {}
    for case in cases():
        suffix = ".xls" if case.name == "xls_extension" else ".xlsx" if case.name in ("empty_workbook", "csv_renamed", "xls_renamed", "zip_without_workbook",
                                          "password_protected") else ".xlsm"
        folder = outdir / case.name
        folder.mkdir(exist_ok=True)
        made[case.name] = case.make(folder / f"RAK_{case.name}{suffix}")
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bad_corpus")
    for name, path in generate(target).items():
        print(f"{name:28s} {path}")
