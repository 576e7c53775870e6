"""The refusal catalog: every reason rak_xl refuses a file, a folder or a command, with a stable code.

A refusal is not a finding: nothing is read or written, the command line exits 2 and a button
shows one alert. Like the rule catalog (core/catalog.py) each entry has a stable code, both
languages' message and hint, and a line of documentation; docs/rules.md lists them, generated
from this table. Codes continue the rules' numbering by area:

    RAK7xx  reading a file (not found, not a workbook, damaged, too large, beyond Excel's grid)
    RAK8xx  writing (target exists or is the input, folder unwritable, a sheet that cannot be kept)
    RAK9xx  commands, Excel and the PC (options, Excel refusing a call, LibreOffice, setup)

An entry is called with its declared parameters and gives the exception to raise:

    raise FILE_NOT_FOUND(path=full_path)

A parameter missing or unknown is a TypeError at once (a test calls every entry), never a '?'
in a message staff read.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cached_property

from . import layout as L
from .errors import RakInputError
from .text import in_lang, os_reason

AREAS = {
    "RAK7": ("Membaca berkas", "Reading a file"),
    "RAK8": ("Menulis", "Writing"),
    "RAK9": ("Perintah, Excel dan komputer", "Commands, Excel and the PC"),
}


@dataclass(frozen=True)
class Refusal:
    code: str
    slug: str
    message_id: str
    message_en: str
    hint_id: str = ""
    hint_en: str = ""
    doc: str = ""  # when it happens and what to do, for docs/rules.md (English)
    exit_code: int = 2  # the command line's exit code (1 where the refusal is about the plan's errors)

    @cached_property
    def params(self) -> frozenset[str]:
        """The names the four templates use."""
        names = set()
        for template in (self.message_id, self.message_en, self.hint_id, self.hint_en):
            names.update(field for _, field, _, _ in string.Formatter().parse(template) if field)
        return frozenset(names)

    @property
    def area(self) -> tuple[str, str]:
        return AREAS[self.code[:4]]

    def __call__(self, *, sheet: str | None = None, cell: str | None = None, **params: object) -> RakInputError:
        """The exception to raise, placed at `sheet` (and `cell`), which templates may also name.
        A parameter may be a text.Both: each language gets its own words."""
        params.update({k: v for k, v in (("sheet", sheet), ("cell", cell)) if k in self.params and v is not None})
        missing, extra = self.params - params.keys(), params.keys() - self.params
        if missing or extra:
            raise TypeError(f"{self.code} takes {sorted(self.params)}; missing {sorted(missing)}, unknown {sorted(extra)}")
        id_params, en_params = ({k: in_lang(v, lang) for k, v in params.items()} for lang in ("id", "en"))
        return RakInputError(self.message_id.format(**id_params), message_en=self.message_en.format(**en_params),
                             hint=self.hint_id.format(**id_params), hint_en=self.hint_en.format(**en_params),
                             sheet=sheet, cell=cell, code=self.code, exit_code=self.exit_code)


REFUSALS: dict[str, Refusal] = {}

# Codes handed out once and withdrawn: never given to another refusal (staff and notes may still
# quote them), and listed in docs/rules.md with the code that took their place.
RETIRED = {
    "RAK857": ("RAK858", "a file that is no recap under the province's default output name is refused by "
                         "the one check of every recap output, -o or not"),
}


def refusal(code: str, slug: str, message_id: str, message_en: str, hint_id: str = "", hint_en: str = "",
            doc: str = "", exit_code: int = 2) -> Refusal:
    if code in REFUSALS:
        raise KeyError(f"refusal {code} defined twice")
    if code in RETIRED:
        raise KeyError(f"refusal {code} is retired (see {RETIRED[code][0]}): take the next free code")
    entry = Refusal(code, slug, message_id, message_en, hint_id, hint_en, doc, exit_code)
    REFUSALS[code] = entry
    return entry


# --- RAK7xx: reading a file ------------------------------------------------------------------

FILE_NOT_FOUND = refusal(
    "RAK701", "file-not-found",
    "Berkas '{path}' tidak ditemukan.",
    "File '{path}' not found.",
    "Periksa nama dan folder berkas.",
    "Check the file's name and folder.",
    "The file named on the command line (or by a button) does not exist.")


# --- RAK780-799: a new year's workbook (rak-xl baru, the button Buat RAK Tahun Berikutnya) -----------

NEW_YEAR_IMPLAUSIBLE = refusal(
    "RAK780", "year-implausible",
    "Tahun {year} tidak masuk akal: isi tahun anggaran empat angka, misalnya 2023.",
    "Year {year} is implausible: give a four-digit budget year, e.g. 2023.",
    "Tulis tahunnya lengkap dengan --tahun, misalnya --tahun 2023.",
    "Write the year in full with --tahun, e.g. --tahun 2023.",
    "`rak-xl baru --tahun` outside 2000-2100 (a typing slip such as 23 or 20233).")
NEW_YEAR_NOT_AFTER = refusal(
    "RAK781", "year-not-after-source",
    "Tahun {year} tidak sesudah tahun RAK sumber ({after}). RAK baru dibuat untuk tahun sesudahnya, "
    "misalnya --tahun {next}.",
    "Year {year} is not after the source's year ({after}); e.g. --tahun {next}.",
    "Tanpa --tahun, RAK baru dibuat untuk tahun {next}.",
    "Without --tahun the new plan is for {next}.",
    "`rak-xl baru --dari` carries a plan forward only to a later year than the source's Tahun Anggaran.")
SATKER_NAME_IMPLAUSIBLE = refusal(
    "RAK782", "satker-name-implausible",
    "Nama satker '{name}' tidak dikenali sebagai nama satker KPU.",
    "'{name}' does not look like the name of a KPU satker.",
    'Tulis lengkap, misalnya --satker "KPU Kabupaten Malang" atau "KPU Provinsi Jawa Timur".',
    'Write it in full, e.g. --satker "KPU Kabupaten Malang" or "KPU Provinsi Jawa Timur".',
    "`rak-xl baru --satker` takes a name starting with KPU (or Komisi Pemilihan Umum), 8 to 80 characters.")
SATKER_CODE_IMPLAUSIBLE = refusal(
    "RAK783", "satker-code-implausible",
    "Kode satker '{code}' tidak masuk akal: kode satker terdiri dari 6 angka.",
    "Satker code '{code}' is implausible: a satker code has 6 digits.",
    "Lihat kode satker pada nomor DIPA, misalnya 658021 pada SP DIPA 076.01.2.658021/2022.",
    "The satker code is in the DIPA number, e.g. 658021 in SP DIPA 076.01.2.658021/2022.",
    "`rak-xl baru --kode` takes the satker's six-digit code.")
NEW_WORKBOOK_NOT_XLSM = refusal(
    "RAK784", "new-workbook-not-xlsm",
    "Berkas hasil '{name}' harus berakhiran .xlsm (workbook dengan tombol).",
    "Output '{name}' must end in .xlsm (a workbook with buttons).",
    "Pilih nama berakhiran .xlsm dengan -o, misalnya RAK_2023.xlsm.",
    "Choose a name ending in .xlsm with -o, e.g. RAK_2023.xlsm.",
    "A new plan is a macro-enabled workbook: its buttons need the .xlsm name.")
NEW_WORKBOOK_IS_SOURCE = refusal(
    "RAK785", "new-workbook-is-source",
    "Berkas hasil '{name}' sama dengan berkas sumber; RAK sumber tidak pernah ditimpa.",
    "Output '{name}' is the source itself; the source is never overwritten.",
    "Pilih nama lain dengan -o, misalnya RAK_2023.xlsm.",
    "Choose another name with -o, e.g. RAK_2023.xlsm.",
    "`rak-xl baru -o` names the workbook given to --dari (also through another spelling of its path).")
NEW_WORKBOOK_IS_FOLDER = refusal(
    "RAK786", "new-workbook-is-folder",
    "'{path}' adalah folder, bukan nama berkas.",
    "'{path}' is a folder, not a file name.",
    "Tulis nama berkas dengan -o, misalnya -o RAK_2023.xlsm.",
    "Give a file name with -o, e.g. -o RAK_2023.xlsm.",
    "`rak-xl baru -o` names an existing folder.")
NEW_WORKBOOK_EXISTS = refusal(
    "RAK787", "new-workbook-exists",
    "Berkas '{name}' sudah ada; tidak ditimpa.",
    "'{name}' already exists; not overwritten.",
    "Pilih nama lain dengan -o, atau tambahkan --force untuk menggantinya.",
    "Choose another name with -o, or add --force to replace it.",
    "The new workbook's file exists: `rak-xl baru` replaces it only with --force; the button never does.")
SOURCE_NOT_A_PLAN = refusal(
    "RAK788", "source-not-a-plan",
    f"Berkas '{{name}}' bukan workbook RAK: lembar {L.SHEET_IDENTITY}, {L.SHEET_RAK_A} dan {L.SHEET_RAK_B} "
    "tidak ditemukan atau tidak terbaca.",
    "'{name}' is not a RAK workbook (no readable Identitas and RAK sheets).",
    "Pilih workbook RAK tahun sebelumnya (.xlsm atau salinan .xlsx-nya).",
    "Choose last year's RAK workbook (.xlsm or its .xlsx copy).",
    "The workbook to carry forward has no readable Identitas sheet or neither RAK sheet.")
SOURCE_YEAR_MISSING = refusal(
    "RAK789", "source-year-missing",
    "Tahun Anggaran RAK sumber '{name}' kosong atau tidak terbaca.",
    "The source's Tahun Anggaran is empty or unreadable ('{name}').",
    "Isi Tahun Anggaran (misalnya 2022) di lembar Identitas, simpan, lalu coba lagi.",
    "Fill in Tahun Anggaran (e.g. 2022) on the Identitas sheet, save, then try again.",
    "The workbook to carry forward has no year, so the new plan's year cannot follow from it.")
# --- RAK850-879: Rekap Provinsi (rak-xl province, the Buat Rekap button) ----------------------

PROVINCE_NOT_A_FOLDER = refusal(
    "RAK850", "province-not-a-folder",
    "'{path}' adalah berkas, bukan folder.",
    "'{path}' is a file, not a folder.",
    "Berikan folder yang berisi workbook RAK satker (untuk satu workbook: rak-xl validate BERKAS).",
    "Give the folder holding the satker RAK workbooks (for one workbook: rak-xl validate FILE).",
    "`rak-xl province` was given a file where the folder of satker workbooks belongs.")

PROVINCE_FOLDER_NOT_FOUND = refusal(
    "RAK851", "province-folder-not-found",
    "Folder '{path}' tidak ditemukan.",
    "Folder '{path}' not found.",
    "Periksa nama folder berisi workbook RAK satker.",
    "Check the name of the folder holding the satker RAK workbooks.",
    "The folder to recap (command line, or the folder cell of Rekap_Provinsi.xlsm) does not exist.")

PROVINCE_FOLDER_EMPTY = refusal(
    "RAK852", "province-folder-empty",
    "Folder '{path}' tidak berisi berkas; rekap tidak dibuat.",
    "Folder '{path}' holds no files; no recap made.",
    "Salin workbook RAK satker (.xlsm/.xlsx) ke folder itu, lalu jalankan lagi.",
    "Copy the satker RAK workbooks (.xlsm/.xlsx) into that folder, then run again.",
    "The folder holds no file at all (hidden files and Excel lock files do not count): an empty recap "
    "would look like a province without satker.")

PROVINCE_OUTPUT_NOT_XLSX = refusal(
    "RAK853", "province-output-not-xlsx",
    "Berkas rekap '{name}' harus berakhiran .xlsx.",
    "Recap '{name}' must end in .xlsx.",
    "Pilih nama berakhiran .xlsx dengan -o, misalnya Rekap_Provinsi.xlsx.",
    "Choose a name ending in .xlsx with -o, e.g. Rekap_Provinsi.xlsx.",
    "The recap is a new macro-free workbook; `-o` names another kind of file.")

PROVINCE_OUTPUT_IS_A_SATKER_WORKBOOK = refusal(
    "RAK854", "province-output-is-a-satker-workbook",
    "Berkas rekap '{path}' adalah workbook di folder yang direkap; berkas itu tidak ditimpa.",
    "Recap '{path}' is a workbook in the folder being recapped; it is not overwritten.",
    "Pilih nama lain dengan -o, misalnya Rekap_Provinsi.xlsx.",
    "Choose another name with -o, e.g. Rekap_Provinsi.xlsx.",
    "`-o` names a workbook in the folder being recapped that is no earlier recap (it has no Rekap Satker "
    "sheet): a satker's plan is never replaced by the recap.")

PROVINCE_FOLDER_CELL_EMPTY = refusal(
    "RAK855", "province-folder-cell-empty",
    "Folder kiriman satker belum diisi ({where}).",
    "No folder given ({where}).",
    "Tekan Pilih Folder, atau ketik folder berisi workbook RAK satker di sel itu.",
    "Press Pilih Folder, or type the folder holding the satker RAK workbooks into that cell.",
    "Buat Rekap was pressed in Rekap_Provinsi.xlsm while its folder cell is empty.")

PROVINCE_RELATIVE_FOLDER_ONEDRIVE = refusal(
    "RAK859", "province-relative-folder-onedrive",
    "Folder di lembar Rekap Provinsi ditulis relatif terhadap workbook ini, tetapi letak lokal workbook "
    "di OneDrive/SharePoint tidak ditemukan. Tidak ada yang diubah ({detail}).",
    "The folder on the Rekap Provinsi sheet is relative to this workbook, whose local OneDrive/SharePoint "
    "folder was not found. Nothing changed ({detail}).",
    "Tulis folder lengkap (mis. D:\\Rekap\\2026), atau sinkronkan folder OneDrive itu ke komputer ini "
    "(OneDrive > Sync), lalu tekan Buat Rekap lagi.",
    "Give the full folder (e.g. D:\\Rekap\\2026), or sync that OneDrive folder to this PC (OneDrive > Sync), "
    "then press Buat Rekap again.",
    "Rekap_Provinsi.xlsm opened from OneDrive/SharePoint without a synced local copy has no folder of its own "
    "to resolve a relative folder against; a full folder needs none.")

PROVINCE_RELATIVE_FOLDER_UNSAVED = refusal(
    "RAK856", "province-relative-folder-unsaved",
    "Folder '{folder}' ditulis relatif, tetapi workbook ini belum disimpan.",
    "Folder '{folder}' is relative, but this workbook has not been saved.",
    "Simpan workbook dulu (Ctrl+S), atau tulis folder lengkap (mis. D:\\RAK\\Kiriman).",
    "Save the workbook first (Ctrl+S), or give the full folder (e.g. D:\\RAK\\Kiriman).",
    "The folder cell of Rekap_Provinsi.xlsm names a folder relative to the workbook, which has no folder "
    "until it is saved.")

PROVINCE_OUTPUT_NOT_A_RECAP = refusal(
    "RAK858", "province-output-not-a-recap",
    "Berkas '{path}' sudah ada dan bukan rekap buatan rak-xl; berkas itu tidak ditimpa.",
    "'{path}' already exists and is no recap made by rak-xl; it is not overwritten.",
    "Beri nama lain untuk rekap dengan -o, misalnya -o Rekap_Provinsi_2023.xlsx, atau pindahkan berkas "
    "itu dulu.",
    "Name the recap otherwise with -o, e.g. -o Rekap_Provinsi_2023.xlsx, or move that file away first.",
    "`rak-xl province` where the recap's file (`-o`, or without it Rekap_Provinsi.xlsx in the working "
    "folder) exists and is no earlier recap (a Rekap Satker sheet and none of a plan's sheets); a "
    "workbook in the folder being recapped gets RAK854. The recap replaces only an earlier recap, "
    "whatever its name. RAK857 (the default output's own refusal) is retired into this one.")
FILE_UNREADABLE = refusal(
    "RAK702", "file-unreadable",
    "Berkas '{name}' tidak dapat dibaca ({reason}).",
    "'{name}' cannot be read ({reason}).",
    "Periksa berkas dan izin foldernya.",
    "Check the file and its folder's permissions.",
    "The operating system refused to read the file or its folder (a link loop, a name too long, "
    "no permission on the folder, a device error); the reason is the system's, in the user's language.")

FILE_IS_FOLDER = refusal(
    "RAK703", "file-is-folder",
    "'{name}' adalah folder, bukan berkas Excel.",
    "'{name}' is a folder, not an Excel file.",
    "Pilih berkas workbook RAK (.xlsm) di dalam folder itu.",
    "Choose the RAK workbook (.xlsm) inside that folder.",
    "A folder was named where a workbook file was expected.")

NOT_AN_EXCEL_NAME = refusal(
    "RAK704", "not-an-excel-name",
    "Berkas '{name}' bukan workbook Excel (.xlsx atau .xlsm).",
    "'{name}' is not an Excel workbook (.xlsx or .xlsm).",
    "Simpan ulang dari Excel sebagai 'Excel Macro-Enabled Workbook (*.xlsm)'.",
    "Save it again from Excel as 'Excel Macro-Enabled Workbook (*.xlsm)'.",
    "The file name does not end in .xlsx or .xlsm (an .xls, .csv or .ods); nothing is opened.")

NOT_A_REGULAR_FILE = refusal(
    "RAK705", "not-a-regular-file",
    "'{name}' bukan berkas biasa (pipa, perangkat atau tautan ke perangkat); tidak dibaca.",
    "'{name}' is not a regular file (a pipe, a device or a link to one); not read.",
    "Simpan workbook sebagai berkas biasa (.xlsx/.xlsm) lalu pilih berkas itu.",
    "Save the workbook as a regular file (.xlsx/.xlsm), then choose that file.",
    "A FIFO, a device or a link to one carries a workbook's name; it is never opened for reading "
    "(a pipe would block, a device never ends).")

FILE_LOCKED = refusal(
    "RAK706", "file-locked",
    "Berkas '{name}' tidak dapat dibuka: akses ditolak.",
    "'{name}' cannot be opened: permission denied.",
    "Tutup berkas di aplikasi lain atau periksa izin berkas.",
    "Close the file in other programs or check its permissions.",
    "Opening the file for reading was refused: another program holds it (Windows' sharing "
    "violation while Excel has it open) or the file's permissions forbid it.")

NOT_A_ZIP = refusal(
    "RAK707", "not-a-zip",
    "Berkas '{name}' rusak atau bukan workbook Excel.",
    "'{name}' is damaged or not an Excel workbook.",
    "Minta salinan berkas yang utuh atau simpan ulang dari Excel.",
    "Ask for an intact copy or save it again from Excel.",
    "The file is no zip archive: empty, a CSV or text file renamed to .xlsm, or damaged at its start.")

ARCHIVE_INCOMPLETE = refusal(
    "RAK708", "archive-incomplete",
    "Berkas '{name}' rusak (arsip tidak utuh).",
    "'{name}' is damaged (incomplete archive).",
    "Minta salinan berkas yang utuh.",
    "Ask for an intact copy.",
    "The zip archive cannot be opened, typically a download or e-mail attachment cut short.")

NO_WORKBOOK_PART = refusal(
    "RAK709", "no-workbook-part",
    "Berkas '{name}' bukan workbook Excel (tidak ada xl/workbook.xml).",
    "'{name}' is not an Excel workbook (no xl/workbook.xml).",
    "Pilih workbook RAK yang disimpan dari Excel.",
    "Choose a RAK workbook saved from Excel.",
    "A zip archive without a workbook part: a Word document or another zip renamed to .xlsm.")

ARCHIVE_ENCRYPTED = refusal(
    "RAK710", "archive-encrypted",
    "Berkas '{name}' terenkripsi.",
    "'{name}' is encrypted.",
    "Simpan ulang tanpa kata sandi.",
    "Save it again without a password.",
    "Members of the zip archive are encrypted (zip encryption, not Excel's own password).")

PASSWORD_PROTECTED = refusal(
    "RAK711", "password-protected",
    "Berkas '{name}' terkunci kata sandi.",
    "'{name}' is password-protected.",
    "Buka di Excel, hapus kata sandi (File > Info > Protect Workbook > Encrypt with Password, "
    "kosongkan) lalu simpan sebagai .xlsm.",
    "Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with "
    "Password, empty it), then save as .xlsm.",
    "Excel's password to open wraps the workbook in an encrypted OLE file that only Excel can open.")

OLD_XLS = refusal(
    "RAK712", "old-xls",
    "Berkas '{name}' berformat lama (.xls, Excel 97-2003), bukan .xlsx/.xlsm.",
    "'{name}' is in the old .xls format (Excel 97-2003), not .xlsx/.xlsm.",
    "Buka di Excel dan simpan sebagai 'Excel Macro-Enabled Workbook (*.xlsm)'.",
    "Open it in Excel and save as 'Excel Macro-Enabled Workbook (*.xlsm)'.",
    "An Excel 97-2003 workbook renamed to .xlsm or .xlsx.")

TOO_LARGE = refusal(
    "RAK713", "too-large",
    "Berkas '{name}' terlalu besar setelah dibuka (kemungkinan berkas berbahaya); tidak diproses.",
    "'{name}' expands to an unreasonable size (possible zip bomb); not processed.",
    "Periksa asal berkas; workbook RAK biasa berukuran kurang dari beberapa MB.",
    "Check where the file came from; a RAK workbook is usually under a few MB.",
    "The file, the number of its members or their inflated size is far beyond any RAK workbook "
    "(more than 256 MB on disk, 10,000 members, 512 MB inflated, or a compression ratio of a zip bomb).")

NOT_READABLE_AS_WORKBOOK = refusal(
    "RAK714", "not-readable-as-workbook",
    "Berkas '{name}' tidak dapat dibaca sebagai workbook Excel ({detail}).",
    "'{name}' cannot be read as an Excel workbook ({detail}).",
    "Buka di Excel dan simpan ulang sebagai .xlsm.",
    "Open it in Excel and save it again as .xlsm.",
    "The archive is sound but its workbook is not: a part that does not parse, a DTD or entity "
    "declaration in a workbook part, a sheet whose part is missing. The detail is the reader's.")

SHEET_NOT_LOCATED = refusal(
    "RAK715", "sheet-not-located",
    "Berkas '{name}': lembar '{sheet}' tidak dapat ditemukan dengan pasti di dalam berkas; berkas tidak diproses.",
    "'{name}': sheet '{sheet}' cannot be located with certainty in the file; the file is not processed.",
    "Simpan ulang berkas dari Excel, lalu coba lagi.",
    "Save the file again from Excel, then try again.",
    "The workbook part lists a sheet whose relationship or part is missing from the package: no reader "
    "can say which cells it holds, so nothing is read.")

CELL_BEYOND_GRID = refusal(
    "RAK716", "cell-beyond-grid",
    "Berkas '{name}': lembar '{sheet}' memuat sel '{cell}' di luar batas lembar Excel (kolom XFD, "
    "baris 1.048.576); berkas tidak diproses.",
    "'{name}': sheet '{sheet}' holds cell '{cell}' beyond Excel's grid (column XFD, row 1,048,576); "
    "the file is not processed.",
    "Berkas ini tidak dibuat oleh Excel atau telah diubah; simpan ulang dari Excel.",
    "This file was not made by Excel or has been altered; save it again from Excel.",
    "A cell, merge or hyperlink reference lies outside A1:XFD1048576 (XFE9, A1048577). Excel never "
    "writes one; it is refused before any reader allocates for it.")

USED_RANGE_TOO_LARGE = refusal(
    "RAK717", "used-range-too-large",
    "Lembar '{sheet}' terpakai sampai sel {corner}; terlalu besar untuk dibaca tombol. Tidak ada yang diubah.",
    "Sheet '{sheet}' is used up to cell {corner}; too large to read. Nothing changed.",
    "Hapus baris dan kolom kosong di bawah dan di kanan tabel (blok, klik kanan > Delete), "
    "simpan, lalu tekan tombol lagi.",
    "Delete the empty rows and columns below and right of the table (select, right-click > "
    "Delete), save, then press the button again.",
    "A button reads each sheet's used range through Excel; a whole column once formatted makes it "
    "reach row 1,048,576, far more cells than a press can take from Excel.")

SHEET_MISSING = refusal(
    "RAK718", "sheet-missing",
    "Lembar '{sheet}' tidak ditemukan di workbook ini.",
    "Sheet '{sheet}' not found in this workbook.",
    "Pakai workbook Rekap_Provinsi.xlsm yang asli (lembar itu jangan diganti namanya).",
    "Use the original Rekap_Provinsi.xlsm workbook (do not rename that sheet).",
    "The Buat Rekap button reads the recap's folder from its own sheet Rekap Provinsi, which was "
    "renamed or deleted.")

# The package as a reader resolves it (adapters/workbook_parts.py) and the budgets of every path.

PARTS_AMBIGUOUS = refusal(
    "RAK719", "parts-ambiguous",
    "Berkas '{name}' memuat dua bagian yang namanya hanya berbeda huruf besar/kecil atau garis miring "
    "('{part}' dan '{other}'); berkas tidak diproses.",
    "'{name}' holds two parts whose names differ only in letter case or slash ('{part}' and '{other}'); "
    "the file is not processed.",
    "Berkas ini tidak dibuat oleh Excel atau telah diubah; buka di Excel dan simpan ulang sebagai .xlsm.",
    "This file was not made by Excel or has been altered; open it in Excel and save it again as .xlsm.",
    "Two zip members are one name to a reader that ignores letter case and reads '\\' as '/' (as calamine "
    "does, taking the later one): which of the two a reader takes depends on the reader, so neither is read.")

PART_ELSEWHERE = refusal(
    "RAK720", "part-elsewhere",
    "Berkas '{name}' menunjuk bagian '{part}' di tempat yang tidak baku, sehingga pembaca yang berbeda akan "
    "membaca bagian yang berbeda; berkas tidak diproses.",
    "'{name}' points at part '{part}' outside its standard place, so different readers would read different "
    "parts; the file is not processed.",
    "Berkas ini tidak dibuat oleh Excel atau telah diubah; buka di Excel dan simpan ulang sebagai .xlsm.",
    "This file was not made by Excel or has been altered; open it in Excel and save it again as .xlsm.",
    "_rels/.rels names a workbook part other than xl/workbook.xml, or (checked before a copy is written) "
    "[Content_Types].xml names another workbook part or shared-string part than the ones read. One reader "
    "would follow it and another not, so the checks, the figures and the sheets a copy is written into "
    "could come from two different plans.")

OTHER_SPREADSHEET_FORMAT = refusal(
    "RAK721", "other-spreadsheet-format",
    "Berkas '{name}' adalah {kind}, bukan workbook .xlsx/.xlsm.",
    "'{name}' is {kind}, not an .xlsx/.xlsm workbook.",
    "Buka di Excel (atau LibreOffice) dan simpan ulang sebagai .xlsm: File > Save As > Excel Macro-Enabled "
    "Workbook (*.xlsm).",
    "Open it in Excel (or LibreOffice) and save it again as .xlsm: File > Save As > Excel Macro-Enabled "
    "Workbook (*.xlsm).",
    "An Excel Binary Workbook (.xlsb) or an OpenDocument spreadsheet (.ods) carries an .xlsx or .xlsm name. "
    "Their cells get none of the checks an .xlsx sheet gets before it is read, so they are not read.")

OVER_BUDGET = refusal(
    "RAK722", "over-budget",
    "Berkas '{name}' melebihi batas {budget}: {found} (batas {limit}); berkas tidak diproses.",
    "'{name}' exceeds the limit on {budget}: {found} (limit {limit}); the file is not processed.",
    "Workbook RAK biasa jauh di bawah batas ini. Periksa asal berkas, atau buka di Excel, hapus isi yang "
    "tidak perlu dan simpan ulang.",
    "A RAK workbook stays far below this limit. Check where the file came from, or open it in Excel, "
    "remove what is not needed and save it again.",
    "A budget of docs/commands.md is exceeded: cells read from all sheets, cells read one by one, the "
    "inflated size or compression of one part; and, before a copy is written (run, submit): cell formats, "
    "shared strings, rows, cells, defined names, the length of one text. Checked on the file's bytes "
    "before the reader or writer library is given them, so the refusal costs little.")


# --- RAK8xx: writing ---------------------------------------------------------------------------

OUTPUT_SUFFIX = refusal(
    "RAK801", "output-suffix",
    "Berkas hasil '{name}' harus berakhiran {suffix}.",
    "Output '{name}' must end in {suffix}.",
    "Beri berkas hasil akhiran yang sama dengan berkas masukan.",
    "Give the output file the same suffix as the input.",
    "`-o` names a file of another kind than the input (an .xlsx for an .xlsm): the copy keeps the "
    "input's kind, macros included.")

OUTPUT_IS_INPUT = refusal(
    "RAK802", "output-is-input",
    "Berkas hasil '{path}' adalah berkas masukan itu sendiri; berkas itu tidak ditimpa.",
    "Output '{path}' is the input file itself; it is not overwritten.",
    "Pilih nama lain dengan -o, atau pakai --in-place (rak-xl run) untuk menulis ke berkas itu sendiri.",
    "Choose another name with -o, or use --in-place (rak-xl run) to write into the file itself.",
    "`-o` reaches the input file (also through ./sub/../, a link or another letter case on Windows).")

OUTPUT_IS_FOLDER = refusal(
    "RAK803", "output-is-folder",
    "Berkas '{path}' tidak dapat ditulis: itu adalah folder; beri nama berkas hasil.",
    "'{path}' cannot be written: it is a folder; name the output file.",
    "Beri nama berkas di dalam folder itu dengan -o, misalnya -o FOLDER/hasil.xlsm.",
    "Name a file inside that folder with -o, e.g. -o FOLDER/hasil.xlsm.",
    "The output named is an existing folder.")

OUTPUT_UNDER_FILE = refusal(
    "RAK804", "output-under-file",
    "Berkas '{path}' tidak dapat ditulis: '{parent}' adalah berkas, bukan folder.",
    "'{path}' cannot be written: '{parent}' is a file, not a folder.",
    "Pilih folder yang ada dengan -o.",
    "Choose an existing folder with -o.",
    "The output's folder is a file (e.g. `-o RAK.xlsm/hasil.xlsm`).")

OUTPUT_NOT_REGULAR = refusal(
    "RAK805", "output-not-regular",
    "Berkas '{path}' tidak dapat ditulis: bukan berkas biasa (pipa atau perangkat).",
    "'{path}' cannot be written: not a regular file (a pipe or device).",
    "Pilih nama berkas lain dengan -o.",
    "Choose another file name with -o.",
    "The output named is a FIFO or a device; it is never written to.")

OUTPUT_READ_ONLY = refusal(
    "RAK806", "output-read-only",
    "Berkas '{path}' tidak dapat ditulis: berkas hanya-baca.",
    "'{path}' cannot be written: the file is read-only.",
    "Tutup berkas di Excel atau pilih folder lain dengan -o.",
    "Close the file in Excel or choose another folder with -o.",
    "The output exists and is read-only. Linux would let the file be swapped out; rak_xl refuses "
    "everywhere, as Windows does.")

OUTPUT_IN_USE = refusal(
    "RAK807", "output-in-use",
    "Berkas '{path}' tidak dapat ditulis: sedang dibuka di program lain atau hanya-baca.",
    "'{path}' cannot be written: open in another program or read-only.",
    "Tutup berkas di Excel atau pilih folder lain dengan -o.",
    "Close the file in Excel or choose another folder with -o.",
    "Putting the written file in place was refused, usually because Excel holds the output open. "
    "The file as it was stays untouched and no temporary file is left.")

OUTPUT_SAVE_FAILED = refusal(
    "RAK808", "output-save-failed",
    "Berkas '{path}' tidak dapat ditulis: gagal menyimpan ({reason}).",
    "'{path}' cannot be written: saving failed ({reason}).",
    "Tutup berkas di Excel atau pilih folder lain dengan -o.",
    "Close the file in Excel or choose another folder with -o.",
    "The file system failed midway (a full disk, a file-size limit, a network share gone). The "
    "file as it was stays untouched and no temporary file is left.")

OUTPUT_FOLDER_MISSING = refusal(
    "RAK809", "output-folder-missing",
    "Berkas '{path}' tidak dapat ditulis: folder '{folder}' tidak ada.",
    "'{path}' cannot be written: folder '{folder}' does not exist.",
    "Buat folder itu dulu, atau pilih folder lain dengan -o.",
    "Create that folder first, or choose another folder with -o.",
    "The output's folder does not exist (only the Kiriman and recap folders are made on demand).")

OUTPUT_FOLDER_NOT_WRITABLE = refusal(
    "RAK810", "output-folder-not-writable",
    "Berkas '{path}' tidak dapat ditulis: folder '{folder}' tidak dapat ditulisi ({reason}).",
    "'{path}' cannot be written: folder '{folder}' is not writable ({reason}).",
    "Pilih folder yang boleh Anda tulisi dengan -o.",
    "Choose a folder you may write to with -o.",
    "No file can be made in the output's folder (read-only, no permission, a full disk).")

OUTPUT_EXISTS = refusal(
    "RAK811", "output-exists",
    "Berkas '{name}' sudah ada; tidak ditimpa.",
    "'{name}' already exists; not overwritten.",
    "Pilih nama lain, atau pindahkan berkas itu dulu.",
    "Choose another name, or move that file away first.",
    "A file that must be new (a new year's workbook) appeared under the output's name, even while "
    "it was being written: the other file is kept.")

FILE_SYSTEM_REFUSED = refusal(
    "RAK812", "file-system-refused",
    "'{path}' tidak dapat ditulis: {reason}.",
    "'{path}' cannot be written: {reason}.",
    "Kosongkan ruang disk, periksa izin folder, atau pilih folder lain dengan -o.",
    "Free disk space, check the folder's permissions, or choose another folder with -o.",
    "The file system refused a write elsewhere than in the one place files are replaced (a full "
    "disk, a file-size limit, no permission).")

SHEET_NAME_FORBIDDEN = refusal(
    "RAK813", "sheet-name-forbidden",
    "Berkas '{name}': nama lembar '{sheet}' memuat karakter yang tidak diizinkan Excel ([ ] : * ? / \\).",
    "'{name}': sheet name '{sheet}' holds characters Excel does not allow ([ ] : * ? / \\).",
    "Ganti nama lembar itu di Excel, lalu coba lagi.",
    "Rename that sheet in Excel, then try again.",
    "A sheet name Excel forbids (written by another program): the file can be validated, but not "
    "loaded to write a copy.")

MERGES_TOO_LARGE = refusal(
    "RAK814", "merges-too-large",
    "Berkas '{name}': lembar '{sheet}' memuat sel gabungan atau tautan yang meliputi {cells} sel "
    "(sampai batas lembar); workbook tidak dapat ditulisi.",
    "'{name}': sheet '{sheet}' holds merged cells or links covering {cells} cells; "
    "the workbook cannot be written.",
    "Batalkan penggabungan sel (Merge & Center) di luar tabel, lalu simpan ulang.",
    "Unmerge the cells (Merge & Center) outside the table, then save again.",
    "Merges or hyperlinks cover more than a million cells (e.g. a whole column); writing a copy "
    "would allocate for each of them. The file can still be validated.")

WORKBOOK_NOT_REWRITABLE = refusal(
    "RAK815", "workbook-not-rewritable",
    "Berkas '{name}' tidak dapat dibuka untuk ditulisi (bagian workbook rusak: {detail}).",
    "'{name}' cannot be opened for writing ({detail}).",
    "Buka dan simpan ulang berkas di Excel, lalu coba lagi.",
    "Open and save the file again in Excel, then retry.",
    "The workbook reads, but a part the writer needs is missing or damaged (no styles part, a number "
    "it cannot store); nothing is written.")

EXTENSIONS_NOT_COPYABLE = refusal(
    "RAK816", "extensions-not-copyable",
    "Lembar '{sheet}' di berkas '{name}' memuat fitur Excel yang tidak dapat disalin oleh rak-xl "
    "({extensions}, misalnya slicer atau timeline); agar fitur itu tidak hilang, tidak ada yang ditulis.",
    "Sheet '{sheet}' of '{name}' holds Excel extensions rak-xl cannot copy ({extensions}); nothing was written.",
    "Pakai tombol di Excel untuk workbook ini, atau hapus slicer/timeline dari lembar itu.",
    "Use the buttons in Excel for this workbook, or remove the slicer/timeline from that sheet.",
    "A sheet kept in the copy has an Excel extension the file writer cannot carry over (conditional "
    "formats, dropdowns and sparklines are carried; slicers and timelines are not).")

PACKAGE_HAS_ERRORS = refusal(
    "RAK817", "package-has-errors",
    "Kiriman tidak dibuat: RAK masih memuat {summary}.",
    "Package not made: the plan still has {summary}.",
    "Lihat kesalahannya dengan: rak-xl validate {source}; perbaiki di workbook lalu jalankan lagi, "
    "atau kirim tetap dengan --force.",
    "List the errors with: rak-xl validate {source} --lang en; fix them in the workbook and run "
    "again, or send anyway with --force.",
    "`rak-xl submit` on a plan with errors (exit code 1). The button asks instead; `--force` makes the "
    "package, and its stamp says it was sent with errors.",
    exit_code=1)

OUTPUT_NAME_TOO_LONG = refusal(
    "RAK818", "output-name-too-long",
    "Berkas '{path}' tidak dapat ditulis: namanya lebih panjang dari {limit} byte yang diizinkan folder itu.",
    "'{path}' cannot be written: its name is longer than the {limit} bytes that folder allows.",
    "Pilih nama berkas yang lebih pendek dengan -o.",
    "Choose a shorter file name with -o.",
    "The output's name (without its folder) exceeds the file system's limit (255 bytes on most); "
    "refused before any work. A name that fits is always written: the temporary name beside it is "
    "shortened to fit.")

WORKBOOK_STRICT_OOXML = refusal(
    "RAK819", "workbook-strict-ooxml",
    "Berkas '{name}' disimpan sebagai 'Strict Open XML Spreadsheet'; rak-xl dapat membacanya, tetapi tidak "
    "dapat menulis salinannya tanpa kehilangan lembar. Tidak ada yang ditulis.",
    "'{name}' is saved as 'Strict Open XML Spreadsheet'; rak-xl reads it but cannot write a copy of it "
    "without losing sheets. Nothing was written.",
    "Buka di Excel, pilih Simpan Sebagai > Excel Macro-Enabled Workbook (*.xlsm) atau Excel Workbook "
    "(*.xlsx), lalu jalankan lagi.",
    "Open it in Excel, Save As > Excel Macro-Enabled Workbook (*.xlsm) or Excel Workbook (*.xlsx), then "
    "run again.",
    "Excel's Strict format uses other XML namespaces, which the file writer (openpyxl) does not read: a "
    "copy would hold the output sheets only. `validate`, `rollup` and `province` read such a file as usual; "
    "`run`, `consolidate -o`, `evaluate -o` and `submit` refuse it.")

WRITE_WOULD_LOSE_DATA = refusal(
    "RAK820", "write-would-lose-data",
    "Berkas '{path}' tidak ditulis: salinan yang disiapkan tidak memuat isi '{source}' secara utuh "
    "({detail}). Berkas tidak diubah.",
    "'{path}' was not written: the copy made does not hold all of '{source}' ({detail}). Nothing was changed.",
    "Simpan ulang berkas di Excel sebagai Excel Macro-Enabled Workbook (*.xlsm), lalu coba lagi; bila tetap "
    "ditolak, pakai tombol di Excel dan laporkan berkas ini.",
    "Save the file again in Excel as an Excel Macro-Enabled Workbook (*.xlsm) and retry; if it is still "
    "refused, use the buttons in Excel and report the file.",
    "Every workbook written from another (`run`, `consolidate -o`, `evaluate -o`, the Kiriman .xlsx) is "
    "read back from the bytes written before it replaces anything: each input sheet of the source must "
    "be there with the same values (a formula may lose its stored result: Excel recalculates it). A sheet "
    "or value the writer lost refuses the write, naming the first difference.")

OUTPUT_WITH_IN_PLACE = refusal(
    "RAK821", "output-with-in-place",
    "Opsi -o ({path}) dan --in-place tidak dapat dipakai bersama; tidak ada yang ditulis.",
    "Options -o ({path}) and --in-place cannot be used together; nothing was written.",
    "Pakai -o BERKAS untuk salinan, atau --in-place untuk menulis ke berkas masukan itu sendiri.",
    "Use -o FILE for a copy, or --in-place to write into the input file itself.",
    "`rak-xl run` was given both a copy to write and the input to write into: which one was meant "
    "cannot be guessed.")

PACKAGE_NAMES_THE_USER = refusal(
    "RAK822", "package-names-the-user",
    "Kiriman tidak dibuat: berkas '{file}' masih memuat {what} ({where}).",
    "Package not made: '{file}' still holds {what} ({where}).",
    "Hapus nama atau folder itu dari workbook (di nama lembar, header/footer, nama gaya sel, atau properti "
    "dokumen di File > Info), simpan, lalu jalankan lagi.",
    "Remove that name or folder from the workbook (a sheet name, a header/footer, a cell style's name, or the "
    "document properties under File > Info), save, then run again.",
    "After Siapkan Kiriman has removed what Office leaves in a workbook (properties, links, comments, "
    "names, headers and footers, dropdown prompts, style names), every byte of the package (.xlsx parts "
    "inflated, PDF streams, the e-mail text) is searched for the user's home folder and account name; "
    "any left refuses the package, so nothing personal is sent.")

OUTPUT_FOLDER_IS_FILE = refusal(
    "RAK823", "output-folder-is-file",
    "'{path}' adalah berkas, bukan folder: {option} menamai folder tempat berkas hasil ditulis.",
    "'{path}' is a file, not a folder: {option} names the folder the outputs go into.",
    "Pilih nama folder dengan {option}, misalnya {option} Kiriman.",
    "Choose a folder name with {option}, e.g. {option} Kiriman.",
    "`rak-xl submit -o` names a file (or a path under a file) where the folder of the package belongs.")

OUTPUT_EXISTS_NEEDS_FORCE = refusal(
    "RAK824", "output-exists-needs-force",
    "Berkas hasil '{path}' sudah ada; nama yang diberi dengan -o hanya ditimpa dengan --force.",
    "Output '{path}' exists; a name given with -o is replaced only with --force.",
    "Tambahkan --force untuk menggantinya, pilih nama lain dengan -o, atau tanpa -o pakai nama bawaan.",
    "Add --force to replace it, choose another name with -o, or leave -o out for the default name.",
    "`run`, `consolidate` or `evaluate` with `-o` naming an existing file: a name the user gives may be "
    "someone's work, so it is replaced only when asked (docs/commands.md, Overwriting).")

OUTPUT_FOLDER_BLOCKED = refusal(
    "RAK825", "output-folder-blocked",
    "Folder '{path}' tidak dapat dibuat: '{place}' adalah berkas, bukan folder.",
    "Folder '{path}' cannot be made: '{place}' is a file, not a folder.",
    "Pindahkan atau ganti nama berkas '{place}', lalu ulangi.",
    "Move or rename the file '{place}', then try again.",
    "A folder of outputs (the Kiriman package beside the workbook) would be made where a file of that name, "
    "or of a folder above it, already is. Refused before anything is written, at every door; the command "
    "line names its option instead (RAK823).")


# --- RAK9xx: commands, Excel and the PC ----------------------------------------------------------

COMMAND_LINE_INVALID = refusal(
    "RAK900", "command-line-invalid",
    "{prog}: galat: {detail}",
    "{prog}: error: {detail}",
    doc="argparse refused the command line (an unknown option, a missing file name, a value out of "
        "range); its words are translated, and the command's help is named below.")

UNKNOWN_RULE_CODE = refusal(
    "RAK901", "unknown-rule-code",
    "Kode aturan tidak dikenal pada {option}: {codes}.",
    "Unknown rule code in {option}: {codes}.",
    "Pakai kode atau awalan dari `rak-xl rules`, misalnya RAK4 atau RAK203,RAK407.",
    "Use a code or prefix listed by `rak-xl rules`, e.g. RAK4 or RAK203,RAK407.",
    "`--select` or `--ignore` names a code no rule has: a typo must not read as a clean plan.")

NEW_SOURCE_WITH_SATKER = refusal(
    "RAK902", "new-source-with-satker",
    "--dari tidak dipakai bersama --satker atau --kode: RAK yang dibawa tetap memakai identitas satker sumbernya.",
    "--dari does not go with --satker or --kode: a carried plan keeps its satker.",
    "Hapus --satker dan --kode, atau hapus --dari untuk RAK kosong.",
    "Drop --satker and --kode, or drop --dari for a blank plan.",
    "`rak-xl baru` with both a source plan and a satker of its own.")

NEW_CHOOSE_ONE = refusal(
    "RAK903", "new-choose-one",
    "Pilih salah satu: --dari RAK_lama.xlsm (bawa ke tahun berikutnya), atau --satker dan --kode (RAK kosong).",
    "Give either --dari OLD.xlsm (carry forward) or --satker and --kode (blank).",
    doc="`rak-xl baru` without a source plan and without a satker.")

NEW_BLANK_INCOMPLETE = refusal(
    "RAK904", "new-blank-incomplete",
    "RAK kosong memerlukan --satker, --kode dan --tahun.",
    "A blank plan needs --satker, --kode and --tahun.",
    doc="`rak-xl baru --satker` without the satker code or the year.")

BUILD_NEEDS_PACKAGE = refusal(
    "RAK905", "build-needs-package",
    "Perintah build memerlukan paket {package}, yang belum terpasang.",
    "The build command needs the {package} package, which is not installed.",
    "Pasang paket itu di Python yang sama: pip install {package} (atau pasang ulang rak_xl, yang memerlukannya).",
    "Install it into the same Python: pip install {package} (or reinstall rak_xl, which requires it).",
    "`rak-xl build` on an install that lacks a package the build needs (pyOpenVBA).")

OUT_OF_MEMORY = refusal(
    "RAK906", "out-of-memory",
    "Memori tidak cukup untuk memproses berkas ini; tidak ada yang ditulis.",
    "Not enough memory to process this file; nothing written.",
    "Tutup program lain lalu coba lagi.",
    "Close other programs, then try again.",
    "The computer ran out of memory; nothing was written.")

LITE_SETTINGS_TOO_LARGE = refusal(
    "RAK907", "lite-settings-too-large",
    "Kode xlwings Lite workbook ini {size} byte, melebihi batas pengaturan add-in Office ({limit} byte); "
    "workbook tidak dibuat.",
    "The workbook's xlwings Lite code is {size} bytes, over Office's limit for add-in settings ({limit} "
    "bytes); no workbook was written.",
    "Kurangi modul yang dibawa main.py (rak_xl/products/builder/lite.py), atau bangun dengan "
    "--lite-package URL wheel rak_xl.",
    "Bundle fewer modules into main.py (rak_xl/products/builder/lite.py), or build with --lite-package "
    "and the URL of a rak_xl wheel.",
    "`rak-xl build` (and a new year's workbook): the Lite properties, main.py with rak_xl bundled, weigh "
    "more than the 2 MB Office keeps of an add-in's document settings.")

SETUP_PATH_NOT_IN_CODE_PAGE = refusal(
    "RAK908", "setup-path-not-in-code-page",
    "Alamat Python '{python}' memuat huruf yang tidak dapat dibaca tombol Excel (VBA membaca xlwings.conf "
    "dengan code page {codepage}); xlwings.conf tidak ditulis.",
    "The Python path '{python}' has letters the Excel buttons cannot read (VBA reads xlwings.conf in code "
    "page {codepage}); xlwings.conf was not written.",
    "Pasang Python di folder yang namanya hanya memakai huruf biasa (penginstal python.org: Customize "
    "installation > Install Python for all users), lalu jalankan setup-excel dengan Python itu.",
    "Install Python in a folder whose name has plain letters only (python.org installer: Customize "
    "installation > Install Python for all users), then run setup-excel with that Python.",
    "`rak-xl setup-excel` writes xlwings.conf in the ANSI code page xlwings' VBA reads it with; a path "
    "with a letter that code page lacks would reach RunPython garbled.")
BUILD_OUTSIDE_CHECKOUT = refusal(
    "RAK909", "build-outside-checkout",
    "Folder sumber '{path}' tidak ada: rak-xl build membangun workbook dari sumber teks dan makro sebuah "
    "salinan repositori rak_xl.",
    "Source folder '{path}' does not exist: rak-xl build makes the workbooks from the text sources and "
    "macros of a copy of the rak_xl repository.",
    "Jalankan dari folder salinan repositori itu, atau beri foldernya dengan --sources dan --macros. Untuk "
    "RAK tahun baru tanpa salinan repositori: rak-xl baru.",
    "Run it from the folder of that copy, or name the folders with --sources and --macros. For a new "
    "year's plan without a copy of the repository: rak-xl baru.",
    "`rak-xl build` where `--sources` or `--macros` names no folder (run outside a checkout): nothing "
    "is read or written.")

EXCEL_REFUSED_READ = refusal(
    "RAK910", "excel-refused-read",
    "Excel menolak perintah saat membaca workbook; tidak ada yang diubah ({detail}).",
    "Excel refused a call while reading the workbook; nothing changed ({detail}).",
    "Tekan Esc bila sebuah sel sedang disunting, tutup dialog yang terbuka, lalu tekan tombol lagi.",
    "Press Esc if a cell is being edited, close any open dialog, then press the button again.",
    "Excel refused a call while a button read the workbook (a cell being edited, a dialog open, "
    "Excel busy). The detail is Excel's own.")

EXCEL_REFUSED_SHEET = refusal(
    "RAK911", "excel-refused-sheet",
    "Excel menolak perintah saat menulis lembar '{sheet}'; lembar itu tidak dibuat, lembar input tidak "
    "diubah ({detail}).",
    "Excel refused a call while writing sheet '{sheet}'; that sheet was not made, the input sheets are "
    "unchanged ({detail}).",
    "Tekan Esc bila sebuah sel sedang disunting, tutup dialog yang terbuka, lalu tekan tombol lagi.",
    "Press Esc if a cell is being edited, close any open dialog, then press the button again.",
    "Excel refused a call while a button wrote an output sheet; the half-written sheet was removed "
    "again.")

EXCEL_REFUSED_HIGHLIGHTS = refusal(
    "RAK912", "excel-refused-highlights",
    "Excel menolak perintah saat menulis sorotan; sorotan dihapus, lembar input tidak diubah ({detail}).",
    "Excel refused a call while writing the highlights; they were cleared, the input sheets are "
    "unchanged ({detail}).",
    "Tekan Esc bila sebuah sel sedang disunting, tutup dialog yang terbuka, lalu tekan tombol lagi.",
    "Press Esc if a cell is being edited, close any open dialog, then press the button again.",
    "Excel refused a call while Validasi wrote the highlights; none are left rather than half of them.")

EXCEL_REFUSED_WRITE = refusal(
    "RAK913", "excel-refused-write",
    "Excel menolak perintah saat menulis hasil ({detail}).",
    "Excel refused a call while writing the results ({detail}).",
    "Tekan Esc bila sebuah sel sedang disunting, tutup dialog yang terbuka, lalu tekan tombol lagi.",
    "Press Esc if a cell is being edited, close any open dialog, then press the button again.",
    "Excel refused a call of a button's write outside a sheet's or the highlights' own.")

ONEDRIVE_FOLDER_NOT_FOUND = refusal(
    "RAK914", "onedrive-folder-not-found",
    "Letak lokal workbook di OneDrive/SharePoint tidak ditemukan, sehingga folder Kiriman tidak dapat "
    "dibuat di sampingnya. Tidak ada yang diubah ({detail}).",
    "The workbook's local OneDrive/SharePoint folder was not found ({detail}). Nothing changed.",
    "Sinkronkan folder itu ke komputer ini (OneDrive > Sync), atau simpan workbook ke folder lokal "
    "(File > Save As), lalu tekan Siapkan Kiriman lagi.",
    "Sync that folder to this computer (OneDrive > Sync), or save the workbook to a local folder "
    "(File > Save As), then press Siapkan Kiriman again.",
    "Siapkan Kiriman writes beside the saved workbook; a workbook opened from OneDrive/SharePoint "
    "that is not synced to this PC has no local folder.")

UNSAVED_BEFORE_SUBMIT = refusal(
    "RAK915", "unsaved-before-submit",
    "Workbook belum disimpan. Simpan dulu (Ctrl+S), lalu tekan Siapkan Kiriman lagi.",
    "Save the workbook first, then press Siapkan Kiriman again.",
    doc="Siapkan Kiriman on a workbook never saved: the package goes beside the saved file.")

UNSAVED_BEFORE_NEW_YEAR = refusal(
    "RAK916", "unsaved-before-new-year",
    "Workbook belum disimpan. Simpan dulu (Ctrl+S), lalu tekan Buat RAK Tahun Berikutnya lagi: "
    "RAK baru ditulis di folder workbook ini.",
    "Save the workbook first: the new plan is written to its folder.",
    doc="Buat RAK Tahun Berikutnya on a workbook never saved: the new plan goes beside the saved file.")

ONEDRIVE_BEFORE_NEW_YEAR = refusal(
    "RAK917", "onedrive-before-new-year",
    "Letak lokal workbook di OneDrive/SharePoint tidak ditemukan, sehingga RAK tahun berikutnya tidak "
    "dapat dibuat di sampingnya. Tidak ada yang diubah ({detail}).",
    "The workbook's local OneDrive/SharePoint folder was not found ({detail}), so the next year's plan "
    "cannot be written beside it. Nothing changed.",
    "Sinkronkan folder itu ke komputer ini (OneDrive > Sync), atau simpan workbook ke folder lokal "
    "(File > Save As), lalu tekan Buat RAK Tahun Berikutnya lagi.",
    "Sync that folder to this computer (OneDrive > Sync), or save the workbook to a local folder "
    "(File > Save As), then press Buat RAK Tahun Berikutnya again.",
    "Buat RAK Tahun Berikutnya writes beside the saved workbook; a workbook opened from "
    "OneDrive/SharePoint that is not synced to this PC has no local folder.")

LIBREOFFICE_MISSING = refusal(
    "RAK920", "libreoffice-missing",
    "LibreOffice tidak ditemukan, sehingga PDF tidak dapat dibuat.",
    "LibreOffice not found, so the PDF cannot be made.",
    "Pasang LibreOffice (paket libreoffice-calc-nogui) atau jalankan dengan --no-pdf.",
    "Install LibreOffice (package libreoffice-calc-nogui) or run with --no-pdf.",
    "`rak-xl submit` makes its PDF with LibreOffice (soffice), which is not on PATH.")

PDF_SHEETS_MISSING = refusal(
    "RAK921", "pdf-sheets-missing",
    "Lembar Konsolidasi dan Rekap Anggaran belum ada; PDF tidak dapat dibuat.",
    "No Konsolidasi / Rekap Anggaran sheet to export.",
    doc="The workbook handed to the PDF export has neither sheet the PDF shows.")

LIBREOFFICE_FAILED = refusal(
    "RAK922", "libreoffice-failed",
    "LibreOffice gagal membuat PDF: {detail}",
    "LibreOffice failed: {detail}",
    doc="LibreOffice ran but made no PDF; the detail is the end of its own error output.")


def file_system_error(exc: OSError, path: object = None) -> RakInputError:
    """An OSError that reached a door as the refusal staff can act on, naming the path."""
    return FILE_SYSTEM_REFUSED(path=path if path is not None else (exc.filename or ""), reason=os_reason(exc))
