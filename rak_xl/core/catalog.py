"""The rule catalog: the single source of codes, severities, messages and hints.

Codes are grouped by hundreds, like ruff's, and selectable by prefix:
RAK1xx struktur (structure), RAK2xx kelengkapan (completeness), RAK3xx
konsistensi (consistency), RAK4xx anggaran (budget), RAK5xx tanggal dan
identitas (dates and identity), RAK6xx evaluasi (quarterly evaluation).
A retired code keeps its entry (retired=True) and is never reused.

Each entry is a module constant named by its code (`RAK404`); a rule imports it and makes its
findings with it (`RAK404.at(cell, value=...)`, core/findings.py), so the code is written here
only. The parameters an entry takes are the names its words use.

A rule's documentation lives here, in its entry: `doc` (English, what it checks and why) beside
its words. `docs/rules.md` is generated from this table (rules/docs.py, `rak-xl rules --markdown`).
A number a rule checks and its words state (a threshold) is defined here too, once, and both the
rule and the words read it.

One module although long: it is a table, not logic. Every rule's code, severity and both
languages' words sit side by side, so a reviewer reads and compares them in one place.
"""

from __future__ import annotations

from .findings import Rule
from .text import MONTHS_EN, MONTHS_ID, percent

AREAS = {
    "RAK1": ("Struktur", "Structure"),
    "RAK2": ("Kelengkapan", "Completeness"),
    "RAK3": ("Konsistensi", "Consistency"),
    "RAK4": ("Anggaran", "Budget"),
    "RAK5": ("Tanggal dan identitas", "Dates and identity"),
    "RAK6": ("Evaluasi triwulan", "Quarterly evaluation"),
}

# --- thresholds the rules check and their words state ----------------------------------------
SHARE_MAX_PERCENT = 100.0  # RAK305: a share or a level ('Persentase', 'Tingkat') is at most the whole
UNIFORM_SCHEDULE_MIN_ROWS = 5  # RAK316: a short table marked throughout may be right; a whole plan is not
PLAN_DRAFTED_FROM_MONTH = 7  # RAK501: a plan is drafted from July of the year before, once the DIPA ceiling is known
UNIT_ERROR_THRESHOLD = 150.0  # RAK607: capaian above this is more likely a unit slip than a real result
NEAR_DUPLICATE_MIN_WORDS = 4  # RAK322: fewer measured words ('Persentase pegawai ...') say too little to compare

# Each language's words write a threshold its own way (12,5% / 12.5%, should one have decimals).
_SHARE_MAX, _SHARE_MAX_EN = percent(SHARE_MAX_PERCENT), percent(SHARE_MAX_PERCENT, lang="en")
_UNIT_ERROR, _UNIT_ERROR_EN = percent(UNIT_ERROR_THRESHOLD), percent(UNIT_ERROR_THRESHOLD, lang="en")
_DRAFTED_ID, _DRAFTED_EN = MONTHS_ID[PLAN_DRAFTED_FROM_MONTH - 1], MONTHS_EN[PLAN_DRAFTED_FROM_MONTH - 1]


# --- RAK1xx: structure. Emitted by the parser; they switch off the checks that depend on them.
RAK101 = Rule(
    "RAK101", "sheet-missing", "error",
    "Lembar '{sheet}' tidak ditemukan.",
    "Sheet '{sheet}' not found.",
    "Kembalikan lembar '{sheet}' (salin dari workbook RAK asli) atau perbaiki namanya. Lembar yang ada: {found}.",
    "Restore sheet '{sheet}' (copy it from the original RAK workbook) or fix its name. Sheets present: {found}.",
    "A required input sheet is absent. Every check that needs the sheet is skipped, so one finding stands for all of them.")
RAK102 = Rule(
    "RAK102", "header-not-found", "error",
    "Baris judul kolom tidak ditemukan di lembar '{sheet}'.",
    "No header row found on sheet '{sheet}'.",
    "Pastikan satu baris memuat judul kolom: {labels}.",
    "Make sure one row holds the column labels: {labels}.",
    "The parser looks for the row holding the column labels (case, spaces and line breaks are ignored). Without it no row of the sheet can be read.")
RAK103 = Rule(
    "RAK103", "column-missing", "error",
    "Kolom '{column}' tidak ditemukan di lembar '{sheet}'.",
    "Column '{column}' not found on sheet '{sheet}'.",
    "Tambahkan kolom berjudul '{column}' pada baris judul (baris {row}).",
    "Add a column labelled '{column}' to the header row (row {row}).",
    "A required column is missing from the header row. Checks that read the column are skipped.")
RAK104 = Rule(
    "RAK104", "value-unreadable", "error",
    "Nilai '{value}' pada kolom '{column}' tidak dapat dibaca sebagai {kind}.",
    "Value '{value}' in column '{column}' cannot be read as {kind}.",
    "Tulis sebagai {example}.",
    "Write it as {example}.",
    "A value that must be a number, an amount in Rupiah, a year or a date cannot be read. Indonesian style is understood: dots group thousands, the comma is the decimal mark, 'Rp' and ',-' are ignored.")
RAK105 = Rule(
    "RAK105", "quarter-mark-unknown", "error",
    "Tanda pada kolom {column} ('{value}') tidak dikenali.",
    "The mark in column {column} ('{value}') is not recognised.",
    "Isi dengan √ bila kegiatan dilaksanakan pada triwulan itu, atau kosongkan.",
    "Enter √ when the activity takes place in that quarter, or leave it empty.",
    "Quarter columns (TW 1-4) hold a mark. Accepted: √, ✓, ✔, v, V, x, X, 1, TRUE, Ya; empty, '-' and 0 mean no mark. Anything else is reported.")
RAK106 = Rule(
    "RAK106", "quarter-mark-normalised", "info",
    "Tanda '{value}' pada kolom {column} dibaca sebagai √.",
    "Mark '{value}' in column {column} was read as √.",
    "Ganti dengan √ agar seragam.",
    "Replace it with √ for consistency.",
    "A quarter mark written in another accepted way (v, x, 1, TRUE, ...) was normalised. Reported so staff can see what was interpreted.")
RAK107 = Rule(
    "RAK107", "row-id-missing", "error",
    "Baris {row} tidak memiliki ID.",
    "Row {row} has no ID.",
    "Isi kolom ID dengan kode unik, misalnya {example}.",
    "Fill the ID column with a unique code, e.g. {example}.",
    "Every RAK row carries a stable ID; the budget lines link to it and the consolidated table refers back to it.")
RAK108 = Rule(
    "RAK108", "row-id-duplicate", "error",
    "ID '{id}' dipakai lebih dari sekali (juga di {other}).",
    "ID '{id}' is used more than once (also at {other}).",
    "Beri ID yang unik pada setiap baris.",
    "Give every row a unique ID.",
    "Two rows share an ID, so a budget line linked to it would be ambiguous. IDs are compared as a reader "
    "sees them, not as typed: without case, in Unicode's compatibility form (fullwidth letters and digits "
    "folded), every digit as 0-9, Cyrillic and Greek letters drawn like Latin ones as those, dashes as '-', "
    "invisible characters left out. So 'А-001' with a Cyrillic А, or 'A-0' + zero-width space + '01', "
    "duplicates 'A-001'; RAK111 says which characters are not what they seem.")
RAK109 = Rule(
    "RAK109", "formula-error", "error",
    "Sel berisi galat rumus {value} pada kolom '{column}'.",
    "The cell holds the formula error {value} in column '{column}'.",
    "Perbaiki rumusnya (misalnya rujukan ke sel atau lembar yang terhapus) atau ganti dengan nilai.",
    "Fix the formula (e.g. a reference to a deleted cell or sheet) or replace it with a value.",
    "A formula in an input cell evaluates to an Excel error (#REF!, #N/A, #DIV/0!, ...). The value cannot be used, so the checks that need it are skipped for that cell.")
RAK110 = Rule(
    "RAK110", "formula-not-calculated", "error",
    "Rumus di kolom '{column}' belum dihitung ({formula}); nilainya tidak tersimpan di berkas.",
    "The formula in column '{column}' has not been calculated ({formula}); the file holds no value for it.",
    "Buka berkas di Excel, tekan Ctrl+Alt+F9 lalu simpan; atau ganti rumus dengan nilainya.",
    "Open the file in Excel, press Ctrl+Alt+F9 and save; or replace the formula with its value.",
    "Files saved by programs that do not calculate (scripts, some converters) keep formulas without their results. The command line reads only stored values, so such a cell has no value to check.")
RAK111 = Rule(
    "RAK111", "row-id-lookalike-characters", "warning",
    "ID '{id}' memuat karakter yang tak terlihat atau hanya mirip huruf/angka biasa: {chars}.",
    "ID '{id}' holds characters that are invisible or only look like plain letters or digits: {chars}.",
    "Ketik ulang ID itu dengan huruf A-Z, angka 0-9 dan tanda hubung (-).",
    "Type that ID again with the letters A-Z, the digits 0-9 and the hyphen (-).",
    "An ID typed with a zero-width space, a Cyrillic or Greek letter drawn like a Latin one, fullwidth or "
    "non-Latin digits, or another dash than '-' looks like a plain ID and is not one: a budget line or a "
    "Capaian row typed with plain characters does not reach it. Reported for each such ID (where it also "
    "duplicates another ID, RAK108 reports that too).")
# --- RAK2xx: completeness (rak_xl/rules/completeness.py).
RAK201 = Rule(
    "RAK201", "target-missing", "error",
    "Indikator tidak memiliki target.",
    "The indicator has no target.",
    "Isi kolom Target, misalnya 100% untuk indikator persentase atau banyaknya (misalnya 4) dengan Satuan 'dokumen'.",
    "Fill the Target column, e.g. 100% for a percentage indicator or a count (e.g. 4) with unit 'dokumen'.",
    "Every indicator needs a target: without it neither the plan nor the quarterly achievement can be assessed.")
RAK202 = Rule(
    "RAK202", "quarter-mark-none", "error",
    "Indikator tidak memiliki tanda pelaksanaan pada triwulan mana pun (TW 1-4 kosong).",
    "The indicator has no quarter mark at all (TW 1-4 empty).",
    "Beri tanda √ pada triwulan kegiatan ini dilaksanakan.",
    "Put √ in the quarters in which the activity takes place.",
    "An action plan says when each activity happens. A row with all four quarter columns empty has no schedule. Rows with an unrecognised mark are left to RAK105.")
RAK203 = Rule(
    "RAK203", "unit-in-charge-missing", "warning",
    "Penanggung jawab belum diisi pada {count} baris ({ids}).",
    "No responsible unit on {count} rows ({ids}).",
    "{suggest}Isi setiap baris dengan salah satu bagian: {divisions}.",
    "{suggest}Enter one of the divisions on every row: {divisions}.",
    "Every row names the division responsible for it; the budget and evaluation recaps by division need it on every row (one row per indicator). A stretch of rows with the column empty is one finding listing its cells (all highlighted): the source usually names a unit once per table or not at all. A warning, not an error: the plan can still be assessed, but not per division. When the row just above the stretch names a unit, the hint offers it.")
RAK204 = Rule(
    "RAK204", "indicator-missing", "error",
    "Baris ini memiliki isi tetapi indikatornya kosong.",
    "This row has content but no indicator.",
    "Isi kolom Indikator Kinerja Kegiatan, atau hapus baris bila tidak dipakai.",
    "Fill the indicator column, or delete the row if it is not used.",
    "A row with a target, sub-activity or marks but no indicator measures nothing.")
RAK205 = Rule(
    "RAK205", "activity-missing", "warning",
    "Uraian kegiatan untuk indikator ini kosong.",
    "The sub-activity for this indicator is empty.",
    "Isi kolom Uraian Kegiatan dengan kegiatan yang mendukung indikator ini.",
    "Fill the sub-activity column with the activity that supports this indicator.",
    "Each indicator is reached through a sub-activity; the budget links and the block checks (numbering, funding) rely on it.")
RAK206 = Rule(
    "RAK206", "quarter-target-gap", "warning",
    "Target {quarter} kosong padahal triwulan sesudahnya sudah diisi.",
    "The target for {quarter} is empty although a later quarter is filled.",
    "Isi target kumulatif {quarter} (0 bila memang belum ada target), atau kosongkan triwulan sesudahnya.",
    "Fill the cumulative target for {quarter} (0 when none is planned yet), or clear the later quarters.",
    "Where quarterly targets exist (sheet Capaian), a quarter left empty before a later filled one breaks the cumulative series the evaluation compares. A yearly score ('Nilai ...', rak_xl/figures/kinds.py) is measured once and may have its target in that quarter only. Gaps in the realisation are RAK603's.")
RAK207 = Rule(
    "RAK207", "table-empty", "error",
    "Lembar {sheet} belum berisi {what}.",
    "Sheet {sheet} holds no {what} yet.",
    "Isi {what} di bawah baris judul kolom lembar {sheet}, satu per baris.",
    "Enter the {what} below the header row of sheet {sheet}, one per row.",
    "A blank plan (`rak-xl baru --satker`) starts with empty tables; the plan is incomplete until each holds its rows. Reported once per table, not per missing cell.")
# --- RAK3xx: consistency (rak_xl/rules/consistency.py).
RAK301 = Rule(
    "RAK301", "target-unreadable", "error",
    "Target '{value}' tidak dapat dibaca sebagai angka.",
    "Target '{value}' cannot be read as a number.",
    "Tulis sebagai angka, misalnya 100% atau 4; satuannya di kolom Satuan.",
    "Write it as a number, e.g. 100% or 4; the unit goes into the Satuan column.",
    "'100%', '100 %', '12,5 %' and 1.0 in a percent cell are read; a target in words ('seratus persen') is not and is reported.")
RAK302 = Rule(
    "RAK302", "target-percent-on-count", "warning",
    "Indikator jumlah diberi target persen ({values}%): {subject}.",
    "Count indicators with a percent target ({values}%): {subject}.",
    "Tulis target sebagai banyaknya (misalnya 4) dengan Satuan seperti 'dokumen' atau 'laporan', atau ubah indikator menjadi 'Persentase ...'.",
    "Write the target as a count (e.g. 4) with a unit such as 'dokumen' or 'laporan', or reword the indicator as 'Persentase ...'.",
    "An indicator that starts with 'Jumlah' counts things; a target of 100% says nothing about how many are planned. One finding per sheet lists every such row (all highlighted).")
RAK303 = Rule(
    "RAK303", "target-percent-on-score", "warning",
    "Indikator nilai/indeks diberi target persen ({values}%): {subject}.",
    "Score indicators with a percent target ({values}%): {subject}.",
    "Tulis target dalam skala nilainya (misalnya level 3 untuk maturitas SPIP atau nilai 80), dengan Satuan yang sesuai.",
    "Write the target on the score's scale (e.g. level 3 for SPIP maturity, or 80 points) with a matching unit.",
    "An indicator that starts with 'Nilai', 'Indeks' or 'Skor' is a score on its own scale, not a share. One finding per sheet lists every such row.")
RAK304 = Rule(
    "RAK304", "target-count-on-percent", "warning",
    "Indikator persentase ('{indicator}') diberi target bukan persen ({value} {unit}).",
    "A percentage indicator ('{indicator}') has a non-percent target ({value} {unit}).",
    "Tulis target dalam persen (misalnya 100%), atau ubah indikator menjadi 'Jumlah ...'.",
    "Write the target in percent (e.g. 100%), or reword the indicator as 'Jumlah ...'.",
    "The reverse of RAK302: an indicator that starts with 'Persentase' with a target in another unit ('4 dokumen'). A bare number without unit is read as percent and not reported.")
RAK305 = Rule(
    "RAK305", "target-percent-over-100", "warning",
    f"Target {{value}}% melebihi {_SHARE_MAX} untuk indikator '{{indicator}}'.",
    f"Target {{value}}% exceeds {_SHARE_MAX_EN} for indicator '{{indicator}}'.",
    f"Persentase bagian dari keseluruhan paling tinggi {_SHARE_MAX}. Bila maksudnya 100%, tulis 100% (sel persen menyimpan 1 untuk 100%).",
    f"A share of a whole is at most {_SHARE_MAX_EN}. If 100% is meant, write 100% (a percent cell stores 1 for 100%).",
    f"Shares and levels ('Persentase', 'Proporsi', 'Cakupan', 'Tingkat') cannot exceed {_SHARE_MAX_EN}; growth ('Peningkatan') and achievement can and are not reported. Typing 100 into a percent cell gives 10000%.")
RAK306 = Rule(
    "RAK306", "indicator-duplicate", "error",
    "Indikator ini sama dengan {other_id} ({other}) dalam kelompok yang sama.",
    "This indicator repeats {other_id} ({other}) in the same group.",
    "Hapus baris rangkap, atau perbaiki teksnya bila yang dimaksud indikator lain.",
    "Delete the duplicate row, or correct its text if another indicator was meant.",
    "The same indicator twice in one Kegiatan / Sasaran Program (case, spacing and list numbering ignored) is counted twice in every recap and evaluation.")
RAK307 = Rule(
    "RAK307", "indicator-activity-swapped", "warning",
    "Indikator dan uraian kegiatan tampaknya tertukar: indikator '{indicator}' tidak menyebut ukuran, uraian kegiatan '{activity}' justru berbentuk indikator.",
    "Indicator and sub-activity look swapped: indicator '{indicator}' names no measure while sub-activity '{activity}' reads like an indicator.",
    "Tukar isi kolom Indikator Kinerja Kegiatan dan Uraian Kegiatan pada baris ini.",
    "Swap the indicator and sub-activity cells of this row.",
    "An indicator names a measure (Persentase, Jumlah, Nilai, Indeks, Tingkat, Rasio, Penurunan, ...); an activity does not. When the indicator has none and the activity starts with one, the two were typed into each other's column.")
RAK308 = Rule(
    "RAK308", "indicator-no-measure", "warning",
    "Indikator '{indicator}' tidak menyebut ukuran kinerja.",
    "Indicator '{indicator}' names no performance measure.",
    "Awali indikator dengan ukurannya, misalnya 'Persentase ...', 'Jumlah ...' atau 'Nilai ...'.",
    "Start the indicator with its measure, e.g. 'Persentase ...', 'Jumlah ...' or 'Nilai ...'.",
    "An indicator that names no measure (e.g. 'KPU Kota Probolinggo yang telah membentuk ...') cannot be given a target or an achievement.")
RAK309 = Rule(
    "RAK309", "numbering-out-of-sequence", "warning",
    "Penomoran {column} tidak urut: nomor {number} setelah nomor {previous}.",
    "Numbering in {column} is out of sequence: {number} after {previous}.",
    "Seharusnya nomor {expected}.",
    "It should be {expected}.",
    "Numbered indicators are checked within one block (rows with the same group and sub-activity); numbered sub-activities across the blocks of one group, each block counted once. A list may restart at 1; a number that repeats or skips is reported once where the count breaks.")
RAK310 = Rule(
    "RAK310", "text-cut-off", "warning",
    "Teks {column} terpotong: berakhir dengan '{ending}'.",
    "Text in {column} is cut off: it ends with '{ending}'.",
    "Lengkapi kalimatnya (periksa naskah sumber, misalnya teks yang terpotong di pergantian halaman).",
    "Complete the sentence (check the source, e.g. text cut at a page break).",
    "Text that ends in a conjunction or preposition (dan, atau, yang, dengan, sesuai dengan, untuk, di, ke, dari, pada, serta, ...) or a comma was cut off, often when copying across a page break.")
RAK311 = Rule(
    "RAK311", "unit-in-charge-unknown", "warning",
    "Penanggung jawab '{value}' bukan salah satu bagian di lembar Bagian.",
    "Responsible unit '{value}' is not one of the divisions on sheet Bagian.",
    "Mungkin yang dimaksud '{closest}'. Pilih salah satu: {divisions}.",
    "Perhaps '{closest}' is meant. Choose one of: {divisions}.",
    "The unit must be one of the four divisions. 'Bagian', 'Subbagian', 'Divisi' prefixes, list numbers, punctuation and 'Pemilihan Umum' for 'Pemilu' are tolerated; the closest division is offered.")
RAK312 = Rule(
    "RAK312", "quarter-target-decreasing", "warning",
    "Target kumulatif {quarter} ({value}) lebih kecil dari target triwulan sebelumnya ({previous}).",
    "The cumulative target for {quarter} ({value}) is lower than the previous quarter's ({previous}).",
    "Tulis target kumulatif (sampai dengan triwulan itu), sehingga tidak pernah turun.",
    "Write cumulative targets (up to that quarter), so they never go down.",
    "Quarterly targets on sheet Capaian are cumulative: each quarter includes the ones before. Not reported for a reduction (Arah Turun, or 'Penurunan ...' without Arah), whose target may fall quarter by quarter. A falling realisation is RAK606's.")
RAK313 = Rule(
    "RAK313", "quarter-target-annual-mismatch", "warning",
    "Target TW 4 ({value}) tidak sama dengan target tahunan ({annual}).",
    "The TW 4 target ({value}) differs from the annual target ({annual}).",
    "Samakan target kumulatif TW 4 dengan target tahunan di lembar RAK.",
    "Make the cumulative TW 4 target equal to the annual target on the RAK sheet.",
    "The cumulative target at the end of the year is the annual target.")
RAK314 = Rule(
    "RAK314", "indicator-counts-satkers", "warning",
    "Indikator menghitung persentase satker, padahal RAK ini milik satu satker: {subject}.",
    "Indicators count a share of satkers although this RAK is one satker's: {subject}.",
    "Dalam rencana satu satker penyebutnya 1, sehingga capaiannya hanya 0% atau 100%. Rumuskan ukuran "
    "satker sendiri, misalnya 'Persentase logistik yang didistribusikan tepat jenis, jumlah dan waktu' atau "
    "'Jumlah dokumen ... yang disusun', dengan target yang sesuai.",
    "In one satker's plan the denominator is 1, so the result can only be 0% or 100%. Word a measure of the "
    "satker's own work, e.g. 'Persentase logistik yang didistribusikan tepat jenis, jumlah dan waktu' or "
    "'Jumlah dokumen ... yang disusun', with a fitting target.",
    "Indicators of the national plan ('Persentase satker yang ...', 'Persentase KPU Kota ... yang ...', 'Persentase satuan kerja ...') count satkers; copied into one satker's RAK they measure nothing. One finding per sheet lists every such row.")
RAK315 = Rule(
    "RAK315", "one-off-every-quarter", "warning",
    "Kegiatan satu kali ({event}) ditandai √ pada keempat triwulan: {ids} ('{indicator}').",
    "A one-off event ({event}) is marked √ in all four quarters: {ids} ('{indicator}').",
    "Seleksi, pembentukan, penetapan, pelantikan atau kelulusan terjadi pada waktu tertentu: beri tanda √ "
    "hanya pada triwulan pelaksanaannya (misalnya TW 2) dan kosongkan triwulan lain.",
    "A selection, forming a body, a determination (penetapan), an inauguration or a degree happens at a "
    "given time: mark only its quarter (e.g. TW 2) and clear the others.",
    "Rows whose indicator or Uraian Kegiatan names a one-off event (seleksi, pembentukan, penetapan, pelantikan, "
    "rekrutmen, kelulusan, in any of their verb forms: rak_xl/figures/kinds.py) and that are marked in TW 1-4. "
    "The message names the event as a noun ('seleksi', not 'terseleksi'). An indicator that names no measure "
    "('KPU ... yang telah membentuk ...') is RAK308's and not reported again. One finding per block (rows "
    "sharing an Uraian Kegiatan), its quarter cells highlighted.")
RAK316 = Rule(
    "RAK316", "schedule-says-nothing", "warning",
    "Semua {count} indikator di lembar ini ditandai √ pada keempat triwulan: jadwal tidak menunjukkan kapan kegiatan dilaksanakan.",
    "All {count} indicators on this sheet are marked √ in all four quarters: the schedule does not say when anything happens.",
    "Tandai hanya triwulan saat kegiatan benar-benar dilaksanakan atau menghasilkan keluaran; kegiatan rutin "
    "boleh tetap di keempat triwulan.",
    "Mark only the quarters in which an activity actually takes place or delivers; routine activities may stay in all four.",
    f"An action plan's quarter marks say when each activity happens. A table of at least {UNIFORM_SCHEDULE_MIN_ROWS} indicators with every row marked TW 1-4 is a template filled in, not a schedule. One finding per sheet, every mark highlighted.")
RAK317 = Rule(
    "RAK317", "activities-shared", "warning",
    "Satu sel Uraian Kegiatan memuat {activities} kegiatan untuk {indicators} indikator ({ids}): tidak jelas kegiatan mana yang mendukung indikator mana.",
    "One sub-activity cell names {activities} activities for {indicators} indicators ({ids}): which activity serves which indicator is unclear.",
    "Tulis satu kegiatan pada setiap baris indikator (ulangi kegiatan bila mendukung beberapa indikator), "
    "sehingga anggaran dan capaian dapat dikaitkan per kegiatan.",
    "Write one activity on each indicator row (repeat it where it serves several), so budget and achievement can be linked per activity.",
    "A block of indicator rows shares one sub-activity cell; when that cell lists several activities (numbered items, or lines that each read as a whole name), each indicator's activity is ambiguous. One finding per block.")
RAK318 = Rule(
    "RAK318", "national-measure", "warning",
    "Indikator ini ukuran KPU RI, bukan hasil kerja satker sendiri: {subject}.",
    "These indicators are KPU RI's own measures, not the satker's work: {subject}.",
    "Menyusun Peraturan KPU, petunjuk teknis dan juklak, publikasi di media massa nasional, kapabilitas APIP dan "
    "ukuran antar-unit kerja adalah tugas KPU RI. Rumuskan bagian yang dikerjakan satker, misalnya 'Jumlah "
    "masukan rancangan Peraturan KPU yang disampaikan tepat waktu' atau 'Persentase publikasi tahapan di media "
    "lokal', atau hapus indikatornya.",
    "Drafting Peraturan KPU, technical guidelines and juklak, publishing in national media, the capability "
    "of APIP and measures across work units are KPU RI's tasks. Word the part the satker does, e.g. 'Jumlah "
    "masukan rancangan Peraturan KPU yang disampaikan tepat waktu' or 'Persentase publikasi tahapan di media "
    "lokal', or delete the indicator.",
    "A KPU Kabupaten/Kota copies indicators down from the national plan whose work is done in Jakarta: "
    "drafting a Peraturan KPU ('rancangan Peraturan KPU'), drafting or setting juklak/juknis/petunjuk teknis, "
    "publication in national media ('media massa nasional'), 'Kapabilitas APIP' (APIP is KPU RI's "
    "Inspektorat) and shares of 'unit kerja'. The satker cannot deliver them; its own part ('masukan', "
    "'tanggapan', 'usulan' on a draft) it can, and is not reported. Shares of satkers are RAK314's. "
    "One finding per sheet lists every such row.")
RAK319 = Rule(
    "RAK319", "yearly-score-every-quarter", "warning",
    "Nilai atau indeks yang diukur sekali setahun ditandai √ pada keempat triwulan: {subject}.",
    "Scores or indices measured once a year are marked √ in all four quarters: {subject}.",
    "Beri tanda √ hanya pada triwulan penilaiannya (misalnya TW 4 untuk penilaian maturitas SPIP atau SAKIP). "
    "Evaluasi menilai indikator ini pada triwulan terakhir yang ditandai.",
    "Mark only the quarter of the assessment (e.g. TW 4 for the SPIP maturity or SAKIP assessment). "
    "Evaluasi judges these indicators in the last quarter marked.",
    "A score or index (Nilai Maturitas SPIP, Kapabilitas APIP, a SAKIP grade: 'Nilai ...', 'Indeks ...', "
    "'... mendapatkan nilai ...') is assessed once a year; marked in every quarter, the schedule says nothing "
    "about when. One finding per sheet lists every such row, its quarter cells highlighted.")
RAK320 = Rule(
    "RAK320", "commissioners-division", "warning",
    "Penanggung jawab '{value}' menyebut Divisi, yaitu bidang tugas anggota KPU, bukan unit sekretariat.",
    "Responsible unit '{value}' names a Divisi, a commissioner's portfolio, not a secretariat unit.",
    "Tulis unit sekretariatnya, misalnya '{unit}'.",
    "Write the secretariat unit, e.g. '{unit}'.",
    "In a KPU office a Divisi is the portfolio of a member of the commission (Anggota KPU); the secretariat "
    "that carries out the plan has Subbagian (Bagian at the provincial level). The row is still counted for "
    "the unit it names (RAK311 tolerates the prefix); this says the word is the wrong one.")
RAK321 = Rule(
    "RAK321", "indicator-activity-unrelated", "warning",
    "Indikator {ids} mengukur {measured}, sedangkan Uraian Kegiatan-nya tentang {activity}: kegiatan ini tidak "
    "menghasilkan indikatornya.",
    "Indicators {ids} measure {measured}, while their Uraian Kegiatan is about {activity}: this activity does "
    "not deliver them.",
    "Pasangkan indikator dengan kegiatan yang menghasilkannya (misalnya seleksi pegawai dengan 'Terlaksananya "
    "seleksi pegawai ...'), atau pindahkan indikator ke Uraian Kegiatan yang sesuai.",
    "Pair the indicator with the activity that delivers it (e.g. staff selection with 'Terlaksananya seleksi "
    "pegawai ...'), or move it to the matching Uraian Kegiatan.",
    "An indicator and its activity each name a process (seleksi, pengaduan, pembentukan, pelantikan, sengketa, "
    "pemutakhiran, pengadaan, distribusi, pelatihan, kerja sama, sosialisasi, pendidikan pemilih, kajian, "
    "revisi, pemeliharaan); when both name one and they share none, the activity cannot be how the indicator "
    "is reached. Texts that name no such process are not judged. One finding per block.")
RAK322 = Rule(
    "RAK322", "indicator-near-duplicate", "warning",
    "Indikator ini mengukur hal yang sama dengan {other_id} ({other}); bedanya hanya {difference}.",
    "This indicator measures the same as {other_id} ({other}); it differs only by {difference}.",
    "Gabungkan keduanya menjadi satu indikator (ketepatan waktu atau saluran dapat menjadi bagian "
    "rumusannya), atau rumuskan yang diukur masing-masing secara berbeda.",
    "Merge the two into one indicator (timeliness or channel can be part of its wording), or word what each "
    "measures differently.",
    "Two indicators whose measured words (leaving out the measure word, function words, the satker's name and "
    "qualifiers of time and manner such as 'paling lambat 1 hari kerja', 'tepat waktu', 'penyampaian') are "
    "the same, or one contained in the other, measure one thing twice (e.g. two shares of the same "
    f"publications on social media). At least {NEAR_DUPLICATE_MIN_WORDS} measured words are needed. A family "
    "that differs in one "
    "word on each side (one indicator per voter group: masyarakat umum, perempuan, pemula, disabilitas) stays "
    "quiet; a duplicate in the same group is RAK306's.")
RAK323 = Rule(
    "RAK323", "numbering-style-mixed", "warning",
    "Penomoran {column} dalam kelompok ini bercampur: {styles}.",
    "Numbering in {column} of this group is mixed: {styles}.",
    "Pakai satu gaya penomoran dalam satu kelompok (misalnya 1., 2., 3.) dan beri nomor pada setiap butir.",
    "Use one numbering style within a group (e.g. 1., 2., 3.) and number every item.",
    "The items of one Kegiatan / Sasaran Program are numbered one way: '1.', '1)' and bullets ('•') mixed "
    "in one list, or sub-activities of which some are numbered and others not, make the numbering unreliable "
    "as a reference (RAK309 checks the numbers themselves). An indicator alone in its block may go "
    "unnumbered. One finding per group and column, its cells highlighted.")
RAK324 = Rule(
    "RAK324", "reduction-without-baseline", "warning",
    "Indikator penurunan diberi target persen tanpa nilai awal: {subject}.",
    "Reduction indicators have a percent target without a baseline: {subject}.",
    "Tulis targetnya sebagai batas dengan satuannya (misalnya 2 sengketa), atau sebutkan nilai awalnya dalam "
    "indikator ('... dari 10 pada tahun 2021'). Bila yang dimaksud persentase penyelesaian, isi Arah Naik di "
    "lembar Capaian.",
    "Write the target as a ceiling with its unit (e.g. 2 sengketa), or state the baseline in the indicator "
    "('... dari 10 pada tahun 2021'). If a completion rate is meant, set Arah Naik on sheet Capaian.",
    "'Penurunan ...' (or 'Persentase penurunan ...') with a target such as 100% says by how much something "
    "falls, but not from what: without a baseline it cannot be measured, and Evaluasi shows it as 'perlu "
    "nilai awal'. Quarterly percent targets that fall (20% -> 5%) are ceilings and measurable; Arah Naik "
    "stated on sheet Capaian says the percentage is a completion rate. One finding per sheet.")
# --- RAK4xx: budget (rak_xl/rules/funding.py; sums from rak_xl/figures/sums.py).
RAK401 = Rule(
    "RAK401", "budget-program-missing", "error",
    "Baris anggaran '{code}' tidak menyebut program.",
    "Budget line '{code}' names no program.",
    "Isi kolom Program dengan kode program dari lembar Program ({programs}).",
    "Fill the Program column with a code from sheet Program ({programs}).",
    "A line without a program cannot be added to the program totals.")
RAK402 = Rule(
    "RAK402", "budget-program-unknown", "error",
    "Program '{value}' pada baris anggaran tidak ada di lembar Program.",
    "Program '{value}' of the budget line is not on sheet Program.",
    "Gunakan salah satu kode program: {programs}.",
    "Use one of the program codes: {programs}.",
    "A line's program must be one of the programs the plan states, or its amount is in no program total.")
RAK403 = Rule(
    "RAK403", "budget-division-missing", "error",
    "Baris anggaran '{code}' tidak menyebut bagian.",
    "Budget line '{code}' names no division.",
    "Isi kolom Bagian dengan salah satu: {divisions}.",
    "Fill the division column with one of: {divisions}.",
    "The budget is planned per division; a line without one is left out of the division recap.")
RAK404 = Rule(
    "RAK404", "budget-division-unknown", "error",
    "Bagian '{value}' pada baris anggaran tidak dikenali.",
    "Division '{value}' of the budget line is not recognised.",
    "Mungkin yang dimaksud '{closest}'. Pilih salah satu: {divisions}.",
    "Perhaps '{closest}' is meant. Choose one of: {divisions}.",
    "Same tolerance as RAK311 (prefixes, numbering, punctuation); anything else is left out of the division recap.")
RAK405 = Rule(
    "RAK405", "budget-line-unlinked", "warning",
    "Baris anggaran '{code}' tidak terhubung ke baris RAK mana pun (ID RAK kosong).",
    "Budget line '{code}' funds no RAK row (ID RAK empty).",
    "Isi kolom ID RAK dengan ID baris RAK yang didanai, misalnya A-001.",
    "Fill the ID RAK column with the ID of the RAK row it funds, e.g. A-001.",
    "Each budget line funds an activity of the plan; the link is what lets the evaluation compare spending with performance.")
RAK406 = Rule(
    "RAK406", "budget-rak-id-unknown", "error",
    "ID RAK '{value}' pada baris anggaran tidak ada di lembar RAK.",
    "ID RAK '{value}' of the budget line matches no RAK row.",
    "Perbaiki ID agar sama dengan kolom ID di lembar {sheets}.",
    "Correct the ID so it equals an ID on sheet {sheets}.",
    "A link to a row that does not exist (a typo or a deleted row) funds nothing.")
RAK407 = Rule(
    "RAK407", "rak-row-unfunded", "info",
    "{count} kegiatan tidak didanai baris anggaran mana pun: {ids} (mis. '{activity}').",
    "{count} sub-activities are funded by no budget line: {ids} (e.g. '{activity}').",
    "Bila kegiatan memakai anggaran, tautkan baris anggarannya lewat kolom ID RAK di lembar Anggaran; bila tidak, abaikan.",
    "If an activity uses budget, link its budget line through the ID RAK column on sheet Anggaran; otherwise ignore this.",
    "A block (rows with the same group and sub-activity) counts as funded when any of its rows is linked. One finding per sheet lists the unfunded sub-activities (each highlighted). Information only: some activities need no budget of their own.")
RAK408 = Rule(
    "RAK408", "program-total-mismatch", "error",
    "Jumlah baris anggaran program {program} ({total}) tidak sama dengan pagu program ({amount}); selisih {difference}.",
    "Budget lines of program {program} add up to {total}, not the program amount {amount}; difference {difference}.",
    "Sesuaikan rincian di lembar Anggaran atau pagu program di lembar Program.",
    "Adjust the lines on sheet Anggaran or the program amount on sheet Program.",
    "The budget lines of each program must add up exactly to the program's amount (whole Rupiah).")
RAK409 = Rule(
    "RAK409", "programs-vs-pagu", "error",
    "Jumlah pagu program ({total}) tidak sama dengan pagu DIPA yang berlaku ({pagu}, {which}); selisih {difference}.",
    "The programs add up to {total}, not the DIPA pagu in force ({pagu}, {which}); difference {difference}.",
    "{note}",
    "{note}",
    "The programs share out the whole DIPA pagu; after a revision the revised pagu applies. Reported with the difference in Rupiah.")
RAK410 = Rule(
    "RAK410", "rpd-total-mismatch", "error",
    "Rencana penarikan dana TW 1-4 ({total}) tidak sama dengan pagu baris ({amount}); selisih {difference}.",
    "Planned disbursement TW 1-4 ({total}) does not add up to the line's pagu ({amount}); difference {difference}.",
    "Sesuaikan RPD per triwulan agar jumlahnya sama dengan pagu baris.",
    "Adjust the quarterly RPD so it adds up to the line's pagu.",
    "The RPD (DIPA page III) spreads each line's pagu over the quarters; a shortfall or excess distorts the absorption plan the treasury scores.")
RAK411 = Rule(
    "RAK411", "budget-code-pattern", "error",
    "Kode anggaran '{value}' tidak sesuai pola.",
    "Budget code '{value}' does not match the pattern.",
    "Tulis seperti 076.01.WA.4611.EBA.994.002.A.525111 (BA.Es1.Program.Kegiatan.KRO.RO.Komponen.Subkomponen.Akun) atau pola lama 076.01.06.3363.001.051.A.521211, dengan titik sebagai pemisah.",
    "Write it like 076.01.WA.4611.EBA.994.002.A.525111 (BA.Es1.Program.Kegiatan.KRO.RO.Komponen.Subkomponen.Akun) or the older form 076.01.06.3363.001.051.A.521211, with dots as separators.",
    "Budget codes follow BA.Es1.Program.Kegiatan.KRO.RO.Komponen.Subkomponen.Akun(.Detail) since 2021; the older form with a 3-digit output instead of KRO.RO is accepted; BA.Es1 may be left out. The akun is 6 digits starting with 5 (belanja). Commas for dots and similar typos are reported.")
RAK412 = Rule(
    "RAK412", "budget-code-program-mismatch", "error",
    "Kode anggaran '{code}' termasuk program {code_program}, tetapi kolom Program berisi {program}.",
    "Budget code '{code}' belongs to program {code_program}, but the Program column says {program}.",
    "Samakan kolom Program dengan kode program di awal kode anggaran.",
    "Make the Program column match the program code at the start of the budget code.",
    "The program part of the budget code and the Program column must agree, or the line is totalled under the wrong program.")
RAK413 = Rule(
    "RAK413", "dipa-number-pattern", "error",
    "Nomor DIPA '{value}' tidak sesuai pola.",
    "DIPA number '{value}' does not match the pattern.",
    "Tulis seperti SP DIPA-076.01.2.658021/2022 (BA.eselon I.kewenangan.kode satker/tahun).",
    "Write it like SP DIPA-076.01.2.658021/2022 (BA.echelon I.authority.satker code/year).",
    "DIPA numbers are DIPA-[BA].[eselon I].[kewenangan].[kode satker]/[tahun], optionally preceded by 'SP'; a space instead of the dash is tolerated.")
RAK414 = Rule(
    "RAK414", "dipa-number-identity-mismatch", "error",
    "{part} dalam nomor DIPA ({found}) tidak sama dengan {field} di lembar Identitas ({expected}).",
    "The {part} in the DIPA number ({found}) differs from {field} on sheet Identitas ({expected}).",
    "Periksa nomor DIPA dan isian Identitas; keduanya harus menyebut satker dan tahun yang sama.",
    "Check the DIPA number and the Identitas sheet; both must name the same satker and year.",
    "The satker code and year inside the DIPA number must be those of the plan.")
RAK415 = Rule(
    "RAK415", "budget-amount-missing", "error",
    "Pagu belum diisi pada {count} baris anggaran ({codes}).",
    "No amount on {count} budget lines ({codes}).",
    "Isi kolom Pagu (Rp) setiap baris dengan jumlah rupiah dari DIPA/POK.",
    "Fill the Pagu (Rp) column of every line with its amount from the DIPA/POK.",
    "A line without an amount is missing from every total. One finding per sheet lists every such line (all highlighted): a plan carried forward to a new year (`rak-xl baru`) has the whole column empty, and that is one thing to fill, not 38.")
RAK416 = Rule(
    "RAK416", "budget-line-other-division", "warning",
    "Baris anggaran '{code}' ({amount}) milik {line_division} mendanai baris RAK {id}, yang penanggung jawabnya "
    "{row_division}{how}.",
    "Budget line '{code}' ({amount}) of {line_division} funds RAK row {id}, whose responsible unit is "
    "{row_division}{how}.",
    "Anggaran ini dihitung untuk {line_division} (bagian yang membelanjakannya) di semua rekap. Bila memang "
    "begitu, biarkan; bila tidak, samakan kolom Bagian baris anggaran ini dengan penanggung jawab baris RAK, "
    "atau isi kolom Penanggung Jawab baris RAK {id}.",
    "The amount counts for {line_division} (the unit that spends it) in every recap. If that is right, leave "
    "it; otherwise make the line's Bagian the row's responsible unit, or fill the Penanggung Jawab of RAK "
    "row {id}.",
    "A division's budget is the Anggaran lines whose Bagian names it, everywhere (Konsolidasi, Rekap "
    "Anggaran, Evaluasi, Rekap Provinsi). Who answers for a row never comes from its budget lines: its own "
    "Penanggung Jawab, else that of its Uraian Kegiatan, else the unit named above it in the same Kegiatan / "
    "Sasaran Program, else the one Bagian its group's name points at (rak_xl/figures/structure.py). A line that "
    "funds a row another Bagian answers for is a question for the reviewer, not a second total: one finding per "
    "line and row, saying which of these steps found the row's unit.")
RAK417 = Rule(
    "RAK417", "program-amount-missing", "error",
    "Pagu program belum diisi: {programs}.",
    "No amount for program {programs}.",
    "Isi kolom Pagu (Rp) di lembar Program dengan pagu tiap program dari DIPA.",
    "Fill the Pagu (Rp) column on sheet Program with each program's amount from the DIPA.",
    "The program amounts are what the budget lines are checked against (RAK408) and what the Rekap shows beside the allocation. One finding lists every program without one (all highlighted).")
# --- RAK5xx: dates and identity (rak_xl/rules/identity.py).
RAK501 = Rule(
    "RAK501", "plan-date-outside-year", "error",
    "Tanggal penetapan {date} berada di luar masa yang wajar untuk RAK tahun {year}.",
    "The plan is dated {date}, outside a sensible window for a {year} plan.",
    f"RAK tahun {{year}} ditetapkan antara {_DRAFTED_ID} {{previous}} dan akhir tahun {{year}}; periksa tahun pada "
    "tanggal penetapan.",
    f"A {{year}} plan is signed between {_DRAFTED_EN} {{previous}} and the end of {{year}}; check the year of the date.",
    "A plan guides its own year: signed after that year has ended (or long before it began) it cannot, and the date is usually a typo or a late signature.")
RAK502 = Rule(
    "RAK502", "dipa-date-after-year-start", "warning",
    "Tanggal DIPA {date} sesudah tahun anggaran {year} dimulai.",
    "The DIPA is dated {date}, after budget year {year} began.",
    "Tanggal DIPA awal biasanya pada akhir tahun sebelumnya; bila ini tanggal revisi, tulis tanggal DIPA awal.",
    "The original DIPA is usually dated late in the previous year; if this is a revision date, enter the original DIPA date.",
    "The DIPA a plan refers to is issued before its budget year starts.")
RAK503 = Rule(
    "RAK503", "identity-field-missing", "error",
    "Identitas belum lengkap: {fields} kosong.",
    "Identity incomplete: {fields} empty.",
    "Isi {labels} (baris berlabel sama di kolom A, nilainya di kolom B).",
    "Fill {labels} (the rows with these labels in column A, their values in column B).",
    "The satker, its code, the year, the DIPA number and date and the initial pagu identify the plan in every recap. One finding lists every empty field (all highlighted); a new year's plan starts with the DIPA fields empty.")
RAK504 = Rule(
    "RAK504", "satker-code-invalid", "error",
    "Kode satker '{value}' bukan enam angka 0-9.",
    "Satker code '{value}' is not six digits 0-9.",
    "Tulis kode satker enam angka seperti pada DIPA, misalnya 658021.",
    "Write the six-digit satker code as on the DIPA, e.g. 658021.",
    "Satker codes are six digits 0-9; the province's recap matches workbooks by it. A code typed in other "
    "digits (fullwidth ６５８０２１, Arabic-Indic ٦٥٨٠٢١) or with an invisible character is reported too; the "
    "recap reads it as its plain digits, so the workbook still meets the satker's other files (of two, one "
    "is used).")
# --- RAK6xx: quarterly evaluation (rak_xl/rules/capaian.py; figures in rak_xl/figures/quarterly.py).
RAK601 = Rule(
    "RAK601", "evaluation-not-started", "info",
    "Evaluasi triwulan belum dimulai: lembar Capaian dan Realisasi Anggaran tidak ada.",
    "The quarterly evaluation has not started: sheets Capaian and Realisasi Anggaran are absent.",
    "Tambahkan kedua lembar (salin dari workbook RAK terbaru) bila realisasi triwulan akan dilaporkan.",
    "Add both sheets (copy them from the latest RAK workbook) when quarterly realisation is to be reported.",
    "Workbooks made before the quarterly evaluation lack its sheets. That is not an error: one information finding replaces all evaluation checks, which are skipped.")
RAK602 = Rule(
    "RAK602", "reporting-quarter-unreadable", "warning",
    "Triwulan Pelaporan '{value}' tidak dikenali.",
    "Reporting quarter '{value}' is not recognised.",
    "Pilih TW 1, TW 2, TW 3 atau TW 4.",
    "Choose TW 1, TW 2, TW 3 or TW 4.",
    "The reporting quarter on the Identitas sheet says which quarters have passed. Accepted: 1-4, 'TW 2', 'TW II', 'Triwulan 2'. Without it the checks for missing realisation are skipped.")
RAK603 = Rule(
    "RAK603", "realisation-missing", "warning",
    "Realisasi TW {quarter} belum diisi untuk {count} indikator ({ids}), padahal Triwulan Pelaporan di lembar Identitas sudah TW {reporting}.",
    "Realisation for TW {quarter} is empty for {count} indicators ({ids}) although the reporting quarter on sheet Identitas is TW {reporting}.",
    "Isi realisasi kumulatif s.d. TW {quarter}; tulis 0 bila memang belum ada hasil.",
    "Enter the cumulative realisation up to TW {quarter}; write 0 when there is truly no result yet.",
    "For every indicator with a target for the quarter, a quarter up to the reporting quarter needs a realisation, or its capaian cannot be computed (a yearly score not before the last quarter the plan marks, when it is measured). One finding per quarter lists every empty cell (all highlighted); Evaluasi then shows the quarter as not yet reported.")
RAK604 = Rule(
    "RAK604", "spending-missing", "warning",
    "Realisasi anggaran TW {quarter} belum diisi pada {count} baris anggaran (RPD TW {quarter} {planned}), padahal Triwulan Pelaporan di lembar Identitas sudah TW {reporting}.",
    "Realised spending for TW {quarter} is empty on {count} budget lines (RPD TW {quarter} {planned}) although the reporting quarter on sheet Identitas is TW {reporting}.",
    "Isi belanja yang terealisasi dalam TW {quarter} (Rp); tulis 0 bila tidak ada.",
    "Enter the Rupiah spent in TW {quarter}; write 0 when nothing was spent.",
    "A budget line with planned disbursement in a quarter up to the reporting quarter needs its realised spending, or absorption is understated. One finding per quarter lists every empty cell.")
RAK605 = Rule(
    "RAK605", "realisation-unplanned-quarter", "warning",
    "Realisasi bertambah pada TW {quarter} ({before} -> {after}), padahal rencana tidak menandai TW {quarter}.",
    "Realisation grows in TW {quarter} ({before} -> {after}) although the plan has no mark in TW {quarter}.",
    "Beri tanda √ pada TW {quarter} di lembar {sheet} bila kegiatan memang dilaksanakan, atau periksa angkanya.",
    "Mark TW {quarter} on sheet {sheet} if the activity did take place, or check the figure.",
    "The series is cumulative, so a value equal to the previous quarter means nothing happened. A rise in a quarter the plan does not mark means the plan or the report is wrong.")
RAK606 = Rule(
    "RAK606", "realisation-decreasing", "warning",
    "Realisasi kumulatif turun dari {before} (TW {previous}) menjadi {after} (TW {quarter}).",
    "Cumulative realisation drops from {before} (TW {previous}) to {after} (TW {quarter}).",
    "Tulis realisasi kumulatif (s.d. triwulan itu), bukan realisasi per triwulan.",
    "Enter the cumulative realisation (up to that quarter), not the quarter's own result.",
    "Targets and realisation on the Capaian sheet are cumulative, so a later quarter cannot be lower. A drop usually means the quarter's own figure was typed. Not for a rate ('... tepat waktu', rak_xl/figures/kinds.py): the share on time so far may fall.")
RAK607 = Rule(
    "RAK607", "achievement-implausible", "warning",
    f"Capaian TW {{quarter}} {{value}}% jauh di atas target (lebih dari {_UNIT_ERROR}): kemungkinan salah satuan.",
    f"Capaian for TW {{quarter}} is {{value}}%, far above target (over {_UNIT_ERROR_EN}): probably a unit error.",
    "Periksa satuan: untuk indikator persentase tulis 50% (bukan 50 di sel berformat angka), dan samakan satuan target dan realisasi.",
    "Check the unit: for a percentage indicator write 50% (not 50 in a number cell) and use the same unit for target and realisation.",
    f"Over {_UNIT_ERROR_EN} of target is rare for a planned indicator; typing 50 instead of 50% gives 100 times the value. Reported so the figure is checked before it goes to the province.")
RAK608 = Rule(
    "RAK608", "evaluation-row-unknown", "warning",
    "'{key}' di lembar {sheet} tidak ada di rencana (atau tercantum dua kali).",
    "'{key}' on sheet {sheet} is not in the plan (or is listed twice).",
    "Samakan dengan {what} di lembar {source}, atau hapus baris ini.",
    "Make it match {what} on sheet {source}, or delete this row.",
    "Rows of the evaluation sheets are matched to the plan by RAK row ID (Capaian) and budget code (Realisasi Anggaran). A row that matches nothing, or repeats one already listed, is not counted.")
RAK609 = Rule(
    "RAK609", "evaluation-rows-absent", "info",
    "{count} {what} belum memiliki baris di lembar {sheet}: {keys}.",
    "{count} entries ({what}) have no row on sheet {sheet}: {keys}.",
    "Tambahkan satu baris per {what} di lembar {sheet} agar target dan realisasinya dapat dicatat.",
    "Add one row per {what} on sheet {sheet} so its targets and realisation can be recorded.",
    "Every RAK row and budget line should have its row on the evaluation sheets. Reported once per sheet (with the first few IDs or codes), not once per row: a row added to the plan is a reminder, not a defect.")
RAK610 = Rule(
    "RAK610", "direction-contradicts-targets", "warning",
    "Arah Turun tidak sesuai dengan targetnya pada {count} indikator ({ids}): target kumulatif naik ({series}), jadi yang diukur adalah kemajuan.",
    "Arah Turun contradicts the targets of {count} indicators ({ids}): the cumulative targets rise ({series}), so they measure progress.",
    "Bila targetnya memang persentase penyelesaian, ubah Arah menjadi Naik: Evaluasi lalu menghitungnya sebagai "
    "kemajuan (sampai itu, indikator 'Penurunan ...' dinilai 'perlu nilai awal', yang lain dihitung Arah Naik). "
    "Bila yang diukur harus turun (misalnya jumlah sengketa), tulis target per triwulan sebagai batas yang "
    "diharapkan dengan Satuan-nya (misalnya 2 sengketa).",
    "If the target is a completion rate, set Arah to Naik: Evaluasi then scores it as progress (until then a "
    "'Penurunan ...' indicator is judged 'perlu nilai awal', any other is scored as Arah Naik). If what is "
    "measured must go down (e.g. the number of disputes), write each quarter's target as the expected ceiling "
    "with its unit (e.g. 2 sengketa).",
    "Direction follows what the target measures: percent targets that rise over the quarters (25%, 50%, 75%, 100%) are a rate of progress, so higher is better; scored as lower-is-better, 45% against 50% would give 110%. Rows whose Arah is Turun (or whose wording starts with 'Penurunan' and Arah is empty) with such a series are one finding per sheet. Evaluasi scores them as Naik, except a reduction ('Penurunan ...'), which without a baseline it does not judge ('perlu nilai awal', RAK324) until Arah Naik says the percentage is a completion rate.")

RAK611 = Rule(
    "RAK611", "indicator-kind-unsure", "warning",
    "Jenis indikator perlu dipastikan pada {count} indikator ({ids}): {reason}.",
    "The kind of {count} indicators ({ids}) needs confirming: {reason}.",
    "Periksa target per triwulan di lembar {sheet}: {fix}",
    "Check the quarterly targets on sheet {sheet}: {fix}",
    "Evaluasi judges an indicator by its kind (rak_xl/figures/kinds.py: progress, rate, count, yearly score, "
    "one-off event, reduction), read from its words. Where the quarterly targets say otherwise (a timeliness "
    "rate with rising 25/50/75/100% targets, a yearly score with targets before its quarter, a one-off event "
    "with partial targets, a count where fewer is better with Arah Naik), the words may be wrong or the "
    "targets: one finding per sheet and reason, with how Evaluasi judges the rows meanwhile.")

# Every entry above, in the order written (docs/rules.md follows it); each one's name is its code.
CATALOG: dict[str, Rule] = {name: entry for name, entry in list(globals().items()) if isinstance(entry, Rule)}
if any(name != entry.code for name, entry in CATALOG.items()):
    raise AssertionError("a catalog entry's name is not its code")


def unknown_codes(codes: list[str]) -> list[str]:
    """The given codes or prefixes (RAK4, RAK203) that name no rule of the catalog."""
    return [c for c in codes if not any(code.startswith(c.upper()) for code in CATALOG)]


def select(codes: list[str] | None = None, ignore: list[str] | None = None) -> set[str]:
    """Codes enabled by --select / --ignore prefixes (ruff style)."""
    chosen = {c for c in CATALOG if not CATALOG[c].retired}
    if codes:
        chosen = {c for c in chosen if any(c.startswith(p.upper()) for p in codes)}
    if ignore:
        chosen = {c for c in chosen if not any(c.startswith(p.upper()) for p in ignore)}
    return chosen
