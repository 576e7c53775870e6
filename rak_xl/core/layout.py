"""The workbook's layout: sheet names and column labels, in one place.

The builder writes these labels, the parser finds columns by them (tolerating
case, spacing and line breaks), and the outputs name their sheets from here.
Labels are Indonesian because staff read them; keys are English for the code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .text import tw

# Input sheets (staff edit these).
SHEET_GUIDE = "Petunjuk"
SHEET_IDENTITY = "Identitas"
SHEET_PROGRAMS = "Program"
SHEET_DIVISIONS = "Bagian"
SHEET_RAK_A = "RAK_KPU"
SHEET_RAK_B = "RAK_Sekretariat"
SHEET_BUDGET = "Anggaran"
# Quarterly evaluation: optional, so workbooks made before these sheets existed still validate.
SHEET_ACHIEVEMENT = "Capaian"
SHEET_SPENDING = "Realisasi Anggaran"

# Output sheets (rak_xl recreates these; staff never type into them).
SHEET_FINDINGS = "Temuan"
SHEET_HIGHLIGHTS = "_Sorotan"
SHEET_ROLLUP = "Rekap Anggaran"
SHEET_CONSOLIDATED = "Konsolidasi"
SHEET_EVALUATION = "Evaluasi"
# The Rekap Provinsi workbook (rak-xl province): its own file, not a RAK workbook.
RECAP_SHEETS = ("Rekap Satker", "Grafik", "Temuan Kesalahan", "Berkas Dilewati")
RECAP_HEADER_ROW = 4  # recap tables: title, subtitle, blank, header (laid out in outputs/recap_sheets.py)
OUTPUT_SHEETS = (SHEET_FINDINGS, SHEET_HIGHLIGHTS, SHEET_ROLLUP, SHEET_CONSOLIDATED, SHEET_EVALUATION)
_OUTPUT_KEYS = frozenset(n.casefold() for n in OUTPUT_SHEETS)


def is_output_sheet(name: str) -> bool:
    """Sheet names are case-insensitive in Excel: a sheet staff call 'TEMUAN' is the Temuan sheet."""
    return name.casefold() in _OUTPUT_KEYS

INPUT_SHEETS = (SHEET_IDENTITY, SHEET_PROGRAMS, SHEET_DIVISIONS, SHEET_RAK_A, SHEET_RAK_B, SHEET_BUDGET,
                SHEET_ACHIEVEMENT, SHEET_SPENDING)
# Input sheets a workbook may lack (made before the quarterly evaluation existed).
OPTIONAL_SHEETS = (SHEET_ACHIEVEMENT, SHEET_SPENDING)

# The hidden highlight sheet keeps one block of columns per input sheet; the
# conditional formats the build puts on each input sheet read their block.
HIGHLIGHT_BLOCK_WIDTH = 40
HIGHLIGHT_ROWS = 20000
HIGHLIGHT_LEVEL = {"error": 3, "warning": 2, "info": 1}
# Severity colours, the same wherever a severity is shown: Temuan's rows, Konsolidasi's error rows,
# the highlights on input sheets, the Kiriman stamp. FILL_CLEAN: a check with nothing to report.
SEVERITY_FILL = {"error": "#FFC7CE", "warning": "#FFEB9C", "info": "#DDEBF7"}
FILL_CLEAN = "#C6EFCE"


def highlight_offset(sheet: str) -> int:
    """0-based first column of `sheet`'s block in the highlight sheet."""
    return INPUT_SHEETS.index(sheet) * HIGHLIGHT_BLOCK_WIDTH


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # what the builder writes
    aliases: tuple[str, ...] = ()  # other labels staff (or older workbooks) use
    required: bool = True
    # Filled by a formula of the build, shown for reading and never read as input: a result
    # missing there (openpyxl keeps formulas, not results) is no finding.
    derived: bool = False


@dataclass(frozen=True)
class TableLayout:
    sheet: str
    columns: tuple[Column, ...]
    # Where the builder puts the header row (1-based); the parser searches for it.
    header_row: int = 4
    title: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)

    @cached_property
    def _by_key(self) -> dict[str, Column]:
        return {c.key: c for c in self.columns}

    def column(self, key: str) -> Column:
        return self._by_key[key]

    def title_for(self, satker: str) -> str:
        """The title with the satker's name, for titles that name it ("{satker}")."""
        return self.title.format(satker=(satker or "KPU").upper())


QUARTERS = (1, 2, 3, 4)
MARK_KEYS = tuple(f"tw{q}" for q in QUARTERS)  # the RAK tables' quarter mark columns, TW 1..4
# The usual cumulative absorption at the end of TW 1..4, percent of the pagu: Rekap Anggaran's RPD,
# Evaluasi's absorption and every text that states the guide (rak_xl.figures.sums reads it here).
ABSORPTION_GUIDE = (15, 40, 60, 90)
_GUIDE = "/".join(str(g) for g in ABSORPTION_GUIDE) + "%"  # "15/40/60/90%", as the buttons' help says it


def _rak_columns(group_label: str, group_aliases: tuple[str, ...]) -> tuple[Column, ...]:
    return (
        Column("id", "ID", ("ID Baris", "Kode Baris")),
        Column("group", group_label, group_aliases),
        Column("indicator", "Indikator Kinerja Kegiatan", ("Indikator", "IKK", "Indikator Kinerja")),
        Column("target", "Target", ("Tar Get",)),
        Column("unit", "Satuan", ("Satuan Target",), required=False),
        Column("activity", "Uraian Kegiatan", ("Rincian Kegiatan", "Sub Kegiatan")),
        *(Column(key, tw(q), (f"TW{q}", f"Triwulan {q}")) for q, key in zip(QUARTERS, MARK_KEYS)),
        Column("unit_in_charge", "Penanggung Jawab", ("PenanggungJawab", "PJ", "Penanggung Jawab Kegiatan")),
    )


RAK_A = TableLayout(
    sheet=SHEET_RAK_A,
    title="A. RENCANA AKSI KINERJA {satker}",
    columns=_rak_columns("Kegiatan", ("Nama Kegiatan",)),
)
RAK_B = TableLayout(
    sheet=SHEET_RAK_B,
    title="B. RENCANA AKSI KINERJA SEKRETARIAT {satker}",
    columns=_rak_columns("Sasaran Program", ("Sasaran Pogram", "Sasaran")),
)
RAK_TABLES = (RAK_A, RAK_B)

PROGRAMS = TableLayout(
    sheet=SHEET_PROGRAMS,
    title="PROGRAM DAN PAGU",
    columns=(
        Column("code", "Kode Program", ("Kode",)),
        Column("name", "Nama Program", ("Program", "Uraian Program")),
        Column("amount", "Pagu (Rp)", ("Pagu", "Jumlah (Rp)", "Anggaran (Rp)")),
    ),
)
DIVISIONS = TableLayout(
    sheet=SHEET_DIVISIONS,
    title="DAFTAR BAGIAN",
    columns=(
        Column("code", "Kode Bagian", ("Kode",)),
        Column("name", "Nama Bagian", ("Bagian", "Nama Subbagian", "Unit Kerja")),
    ),
)
BUDGET_LINES = TableLayout(
    sheet=SHEET_BUDGET,
    title="RINCIAN ANGGARAN PER BAGIAN",
    note=(
        "CONTOH ILUSTRATIF: rincian baris anggaran di bawah ini bukan dari dokumen RAK asli. "
        "Dokumen RAK 2022 hanya memuat pagu DIPA dan pagu per program; baris ini disusun "
        "sebagai contoh yang jumlahnya sama persis dengan pagu tiap program. "
        "Ganti dengan rincian dari DIPA/POK yang sebenarnya."
    ),
    columns=(
        Column("code", "Kode Anggaran", ("Kode Akun", "Kode")),
        Column("program", "Program", ("Kode Program",)),
        Column("description", "Uraian", ("Uraian Anggaran", "Keterangan Belanja")),
        Column("division", "Bagian", ("Nama Bagian", "Unit Kerja")),
        Column("rak_id", "ID RAK", ("ID Baris RAK", "Baris RAK")),
        Column("amount", "Pagu (Rp)", ("Pagu", "Jumlah (Rp)")),
        *(Column(f"rpd{q}", f"RPD {tw(q)}", (f"RPD TW{q}", f"Rencana Penarikan TW {q}")) for q in QUARTERS),
    ),
)

ILLUSTRATIVE_REALISATION = (
    "CONTOH ILUSTRATIF: angka realisasi TW 1 dan TW 2 di bawah ini bukan data sebenarnya; "
    "disusun agar tombol Evaluasi dapat dicoba. Ganti dengan realisasi yang sebenarnya, "
    "dan isi TW 3 dan TW 4 setelah triwulan itu berakhir."
)
# Capaian: one row per RAK row (same ID). Targets and realisation are cumulative.
ACHIEVEMENT = TableLayout(
    sheet=SHEET_ACHIEVEMENT,
    title="TARGET DAN REALISASI KINERJA PER TRIWULAN",
    note=ILLUSTRATIVE_REALISATION,
    columns=(
        Column("id", "ID", ("ID Baris", "ID RAK")),
        Column("indicator", "Indikator", ("Indikator Kinerja Kegiatan", "IKK"), required=False, derived=True),
        Column("unit", "Satuan", ("Satuan Target",), required=False, derived=True),
        Column("direction", "Arah", ("Arah Indikator", "Polaritas"), required=False),
        *(Column(f"target{q}", f"Target {tw(q)}", (f"Target TW{q}", f"Target Triwulan {q}")) for q in QUARTERS),
        *(Column(f"real{q}", f"Realisasi {tw(q)}", (f"Realisasi TW{q}", f"Realisasi Triwulan {q}"))
          for q in QUARTERS),
    ),
)
DIRECTION_UP = "Naik"  # higher is better
DIRECTION_DOWN = "Turun"  # lower is better ("Penurunan ...")
# Realisasi Anggaran: one row per budget line (same Kode Anggaran); Rupiah spent IN each quarter.
SPENDING = TableLayout(
    sheet=SHEET_SPENDING,
    title="REALISASI ANGGARAN PER TRIWULAN",
    header_row=5,  # room for the note, the explanation and the totals row above the header
    note=ILLUSTRATIVE_REALISATION,
    columns=(
        Column("code", "Kode Anggaran", ("Kode Akun", "Kode")),
        Column("description", "Uraian", ("Uraian Anggaran",), required=False, derived=True),
        *(Column(f"real{q}", f"Realisasi {tw(q)} (Rp)", (f"Realisasi TW {q}", f"Realisasi TW{q}"))
          for q in QUARTERS),
    ),
)

# Identity sheet: label in column A, value in column B.
IDENTITY_FIELDS = (
    ("satker", "Satuan Kerja", "text"),
    ("satker_code", "Kode Satker", "text"),
    ("year", "Tahun Anggaran", "year"),
    ("dipa_number", "Nomor DIPA", "text"),
    ("dipa_date", "Tanggal DIPA", "date"),
    ("budget_initial", "Pagu Awal (Rp)", "money"),
    ("budget_revised", "Pagu Revisi (Rp)", "money"),
    ("place", "Tempat Penetapan", "text"),
    ("signed_on", "Tanggal Penetapan", "date"),
    ("signer", "Penandatangan", "text"),
    ("signer_title", "Jabatan Penandatangan", "text"),
    ("reporting_quarter", "Triwulan Pelaporan", "text"),  # "TW 2"; read by rak_xl.parse.quarterly_input
)
# Fields a plan cannot be identified without (the revised pagu is optional).
IDENTITY_REQUIRED = ("satker", "satker_code", "year", "dipa_number", "dipa_date", "budget_initial")

QUARTER_MARK = "√"

# Buttons on the Petunjuk sheet: (VBA Sub in macros/RakButtons.bas, caption, what it does).
# A button appears only once its function exists in rak_xl.buttons (a test checks both ends).
BUTTONS = (
    ("Validasi", "Validasi",
     "Memeriksa seluruh lembar RAK dan Anggaran. Hasilnya ditulis ke lembar Temuan; sel yang "
     "bermasalah diberi warna (merah = kesalahan, kuning = peringatan, biru = informasi)."),
    ("RekapAnggaran", "Rekap Anggaran",
     "Menjumlahkan anggaran per program, per bagian dan per triwulan (RPD), membandingkannya dengan pagu "
     f"DIPA dan pedoman penyerapan {_GUIDE}, lengkap dengan grafik. Hasilnya di lembar Rekap Anggaran."),
    ("Konsolidasi", "Konsolidasi",
     "Menyusun tabel A dan B menjadi satu tabel bernomor per Kegiatan / Sasaran Program, dengan anggaran, "
     "penanggung jawab dan tanda baris yang masih salah; siap cetak A4. Hasilnya di lembar Konsolidasi."),
    ("Evaluasi", "Evaluasi",
     "Menghitung capaian kinerja per indikator, Uraian Kegiatan, bagian dan keseluruhan untuk Triwulan "
     f"Pelaporan (lembar Identitas), serta penyerapan anggaran terhadap RPD dan pedoman {_GUIDE}, "
     "dari lembar Capaian dan Realisasi Anggaran. Hasilnya di lembar Evaluasi, lengkap dengan grafik."),
    ("SiapkanKiriman", "Siapkan Kiriman",
     "Menjalankan Validasi, Rekap Anggaran dan Konsolidasi, lalu menyiapkan kiriman ke KPU Provinsi di folder "
     "Kiriman di samping workbook: salinan .xlsx tanpa makro, PDF Konsolidasi dan Rekap Anggaran, serta teks "
     "e-mail. Simpan workbook (Ctrl+S) sebelum menekan tombol ini. Bila masih ada kesalahan, Anda ditanya dulu."),
    ("BuatRAKTahunBerikutnya", "Buat RAK Tahun Berikutnya",
     "Membuat workbook RAK tahun berikutnya (RAK_<tahun>.xlsm) di folder yang sama: indikator, ID, target, tanda "
     "triwulan, bagian dan kode anggaran dibawa; nomor, tanggal dan pagu DIPA, pagu program dan anggaran, RPD, "
     "capaian, realisasi dan tanggal penetapan dikosongkan. Workbook yang sedang dibuka tidak diubah."),
)

# The province's workbook, workbook/Rekap_Provinsi.xlsm (rak_xl.products.builder.province_workbook): one
# control sheet with the folder cell and two buttons; Buat Rekap writes the recap sheets of
# rak_xl.outputs.recap_sheets into the workbook itself. macros/province/RekapProvinsi.bas uses the same
# sheet name and cell (a test checks).
PROVINCE_SHEET = "Rekap Provinsi"
PROVINCE_FOLDER_CELL = "C5"
PROVINCE_BUTTONS = (
    ("PilihFolder", "Pilih Folder",
     "Membuka jendela pemilihan folder; folder yang dipilih ditulis ke sel Folder di atas. Bisa juga "
     "diketik langsung: lengkap (D:\\RAK\\Kiriman) atau relatif terhadap folder workbook ini (Kiriman)."),
    ("BuatRekap", "Buat Rekap",
     "Membaca setiap workbook RAK satker (.xlsm/.xlsx) di folder itu, memvalidasinya dan menulis lembar "
     "Rekap Satker, Grafik, Temuan Kesalahan dan Berkas Dilewati ke workbook ini (dibuat ulang setiap kali). "
     "Berkas yang tidak berubah sejak rekap sebelumnya tidak dibaca ulang. Berkas satker tidak pernah diubah."),
)
