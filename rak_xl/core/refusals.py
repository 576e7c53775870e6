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
        missing, extra = self.params - params.keys(), params.keys() - self.params
        if missing or extra:
            raise TypeError(f"{self.code} takes {sorted(self.params)}; missing {sorted(missing)}, unknown {sorted(extra)}")
        return RakInputError(self.message_id.format(**params), message_en=self.message_en.format(**params),
                             hint=self.hint_id.format(**params), hint_en=self.hint_en.format(**params),
                             sheet=sheet, cell=cell, code=self.code)


REFUSALS: dict[str, Refusal] = {}


def refusal(code: str, slug: str, message_id: str, message_en: str, hint_id: str = "", hint_en: str = "",
            doc: str = "") -> Refusal:
    if code in REFUSALS:
        raise KeyError(f"refusal {code} defined twice")
    entry = Refusal(code, slug, message_id, message_en, hint_id, hint_en, doc)
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

PROVINCE_RELATIVE_FOLDER_UNSAVED = refusal(
    "RAK856", "province-relative-folder-unsaved",
    "Folder '{folder}' ditulis relatif, tetapi workbook ini belum disimpan.",
    "Folder '{folder}' is relative, but this workbook has not been saved.",
    "Simpan workbook dulu (Ctrl+S), atau tulis folder lengkap (mis. D:\\RAK\\Kiriman).",
    "Save the workbook first (Ctrl+S), or give the full folder (e.g. D:\\RAK\\Kiriman).",
    "The folder cell of Rekap_Provinsi.xlsm names a folder relative to the workbook, which has no folder "
    "until it is saved.")
