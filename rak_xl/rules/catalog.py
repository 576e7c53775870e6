"""The rule catalog: the single source of codes, severities, messages and hints.

Codes are grouped by hundreds, like ruff's, and selectable by prefix:
RAK1xx struktur (structure), RAK2xx kelengkapan (completeness), RAK3xx
konsistensi (consistency), RAK4xx anggaran (budget), RAK5xx tanggal dan
identitas (dates and identity), RAK6xx evaluasi (quarterly evaluation).
A retired code keeps its entry (retired=True) and is never reused.
`docs/rules.md` is generated from this table (`rak-xl rules --markdown`).
"""

from __future__ import annotations

from dataclasses import dataclass

AREAS = {
    "RAK1": ("Struktur", "Structure"),
    "RAK2": ("Kelengkapan", "Completeness"),
    "RAK3": ("Konsistensi", "Consistency"),
    "RAK4": ("Anggaran", "Budget"),
    "RAK5": ("Tanggal dan identitas", "Dates and identity"),
    "RAK6": ("Evaluasi triwulan", "Quarterly evaluation"),
}


class _Blank(dict):
    """Missing template fields render as '?' instead of raising: a message must never crash."""

    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    severity: str
    message_id: str
    message_en: str
    hint_id: str
    hint_en: str
    doc: str  # what it checks and why, for docs/rules.md (English)
    retired: bool = False

    @property
    def area(self) -> tuple[str, str]:
        return AREAS[self.code[:4]]

    def format_message(self, lang: str, params: dict) -> str:
        return (self.message_en if lang == "en" else self.message_id).format_map(_Blank(params))

    def format_hint(self, lang: str, params: dict) -> str:
        return (self.hint_en if lang == "en" else self.hint_id).format_map(_Blank(params))


_RULES = [
    # --- RAK1xx: structure. Emitted by the parser; they switch off the checks that depend on them.
    Rule("RAK101", "sheet-missing", "error",
         "Lembar '{sheet}' tidak ditemukan.",
         "Sheet '{sheet}' not found.",
         "Kembalikan lembar '{sheet}' (salin dari workbook RAK asli) atau perbaiki namanya. Lembar yang ada: {found}.",
         "Restore sheet '{sheet}' (copy it from the original RAK workbook) or fix its name. Sheets present: {found}.",
         "A required input sheet is absent. Every check that needs the sheet is skipped, so one finding stands for all of them."),
    Rule("RAK102", "header-not-found", "error",
         "Baris judul kolom tidak ditemukan di lembar '{sheet}'.",
         "No header row found on sheet '{sheet}'.",
         "Pastikan satu baris memuat judul kolom: {labels}.",
         "Make sure one row holds the column labels: {labels}.",
         "The parser looks for the row holding the column labels (case, spaces and line breaks are ignored). Without it no row of the sheet can be read."),
    Rule("RAK103", "column-missing", "error",
         "Kolom '{column}' tidak ditemukan di lembar '{sheet}'.",
         "Column '{column}' not found on sheet '{sheet}'.",
         "Tambahkan kolom berjudul '{column}' pada baris judul (baris {row}).",
         "Add a column labelled '{column}' to the header row (row {row}).",
         "A required column is missing from the header row. Checks that read the column are skipped."),
    Rule("RAK104", "value-unreadable", "error",
         "Nilai '{value}' pada kolom '{column}' tidak dapat dibaca sebagai {kind}.",
         "Value '{value}' in column '{column}' cannot be read as {kind_en}.",
         "Tulis sebagai {example}.",
         "Write it as {example}.",
         "A value that must be a number, an amount in Rupiah, a year or a date cannot be read. Indonesian style is understood: dots group thousands, the comma is the decimal mark, 'Rp' and ',-' are ignored."),
    Rule("RAK105", "quarter-mark-unknown", "error",
         "Tanda pada kolom {column} ('{value}') tidak dikenali.",
         "The mark in column {column} ('{value}') is not recognised.",
         "Isi dengan √ bila kegiatan dilaksanakan pada triwulan itu, atau kosongkan.",
         "Enter √ when the activity takes place in that quarter, or leave it empty.",
         "Quarter columns (TW 1-4) hold a mark. Accepted: √, ✓, ✔, v, V, x, X, 1, TRUE, Ya; empty, '-' and 0 mean no mark. Anything else is reported."),
    Rule("RAK106", "quarter-mark-normalised", "info",
         "Tanda '{value}' pada kolom {column} dibaca sebagai √.",
         "Mark '{value}' in column {column} was read as √.",
         "Ganti dengan √ agar seragam.",
         "Replace it with √ for consistency.",
         "A quarter mark written in another accepted way (v, x, 1, TRUE, ...) was normalised. Reported so staff can see what was interpreted."),
    Rule("RAK107", "row-id-missing", "error",
         "Baris {row} tidak memiliki ID.",
         "Row {row} has no ID.",
         "Isi kolom ID dengan kode unik, misalnya {example}.",
         "Fill the ID column with a unique code, e.g. {example}.",
         "Every RAK row carries a stable ID; the budget lines link to it and the consolidated table refers back to it."),
    Rule("RAK108", "row-id-duplicate", "error",
         "ID '{id}' dipakai lebih dari sekali (juga di {other}).",
         "ID '{id}' is used more than once (also at {other}).",
         "Beri ID yang unik pada setiap baris.",
         "Give every row a unique ID.",
         "Two rows share an ID, so a budget line linked to it would be ambiguous."),
    # --- RAK6xx: quarterly evaluation (rak_xl/rules/evaluation.py; figures in rak_xl/evaluation.py).
    Rule("RAK601", "evaluation-not-started", "info",
         "Evaluasi triwulan belum dimulai: lembar Capaian dan Realisasi Anggaran tidak ada.",
         "The quarterly evaluation has not started: sheets Capaian and Realisasi Anggaran are absent.",
         "Tambahkan kedua lembar (salin dari workbook RAK terbaru) bila realisasi triwulan akan dilaporkan.",
         "Add both sheets (copy them from the latest RAK workbook) when quarterly realisation is to be reported.",
         "Workbooks made before the quarterly evaluation lack its sheets. That is not an error: one information finding replaces all evaluation checks, which are skipped."),
    Rule("RAK602", "reporting-quarter-unreadable", "warning",
         "Triwulan Pelaporan '{value}' tidak dikenali.",
         "Reporting quarter '{value}' is not recognised.",
         "Pilih TW 1, TW 2, TW 3 atau TW 4.",
         "Choose TW 1, TW 2, TW 3 or TW 4.",
         "The reporting quarter on the Identitas sheet says which quarters have passed. Accepted: 1-4, 'TW 2', 'TW II', 'Triwulan 2'. Without it the checks for missing realisation are skipped."),
    Rule("RAK603", "realisation-missing", "warning",
         "Realisasi TW {quarter} belum diisi, padahal triwulan itu sudah dilaporkan (Triwulan Pelaporan TW {reporting}).",
         "Realisation for TW {quarter} is empty although that quarter has been reported (reporting quarter TW {reporting}).",
         "Isi realisasi kumulatif s.d. TW {quarter}; tulis 0 bila memang belum ada hasil.",
         "Enter the cumulative realisation up to TW {quarter}; write 0 when there is truly no result yet.",
         "For every indicator with a target for the quarter, a quarter up to the reporting quarter needs a realisation, or its capaian cannot be computed."),
    Rule("RAK604", "spending-missing", "warning",
         "Realisasi anggaran TW {quarter} belum diisi, padahal RPD TW {quarter} Rp {planned} dan triwulan itu sudah dilaporkan.",
         "Realised spending for TW {quarter} is empty although the RPD plans Rp {planned} and the quarter has been reported.",
         "Isi belanja yang terealisasi dalam TW {quarter} (Rp); tulis 0 bila tidak ada.",
         "Enter the Rupiah spent in TW {quarter}; write 0 when nothing was spent.",
         "A budget line with planned disbursement in a quarter up to the reporting quarter needs its realised spending, or absorption is understated."),
    Rule("RAK605", "realisation-unplanned-quarter", "warning",
         "Realisasi bertambah pada TW {quarter} ({before} -> {after}), padahal rencana tidak menandai TW {quarter}.",
         "Realisation grows in TW {quarter} ({before} -> {after}) although the plan has no mark in TW {quarter}.",
         "Beri tanda √ pada TW {quarter} di lembar {sheet} bila kegiatan memang dilaksanakan, atau periksa angkanya.",
         "Mark TW {quarter} on sheet {sheet} if the activity did take place, or check the figure.",
         "The series is cumulative, so a value equal to the previous quarter means nothing happened. A rise in a quarter the plan does not mark means the plan or the report is wrong."),
    Rule("RAK606", "realisation-decreasing", "warning",
         "Realisasi kumulatif turun dari {before} (TW {previous}) menjadi {after} (TW {quarter}).",
         "Cumulative realisation drops from {before} (TW {previous}) to {after} (TW {quarter}).",
         "Tulis realisasi kumulatif (s.d. triwulan itu), bukan realisasi per triwulan.",
         "Enter the cumulative realisation (up to that quarter), not the quarter's own result.",
         "Targets and realisation on the Capaian sheet are cumulative, so a later quarter cannot be lower. A drop usually means the quarter's own figure was typed."),
    Rule("RAK607", "achievement-implausible", "warning",
         "Capaian TW {quarter} {value}% jauh di atas target (lebih dari 150%): kemungkinan salah satuan.",
         "Capaian for TW {quarter} is {value}%, far above target (over 150%): probably a unit error.",
         "Periksa satuan: untuk indikator persentase tulis 50% (bukan 50 di sel berformat angka), dan samakan satuan target dan realisasi.",
         "Check the unit: for a percentage indicator write 50% (not 50 in a number cell) and use the same unit for target and realisation.",
         "Over 150% of target is rare for a planned indicator; typing 50 instead of 50% gives 100 times the value. Reported so the figure is checked before it goes to the province."),
    Rule("RAK608", "evaluation-row-unknown", "warning",
         "'{key}' di lembar {sheet} tidak ada di rencana (atau tercantum dua kali).",
         "'{key}' on sheet {sheet} is not in the plan (or is listed twice).",
         "Samakan dengan {what} di lembar {source}, atau hapus baris ini.",
         "Make it match {what_en} on sheet {source}, or delete this row.",
         "Rows of the evaluation sheets are matched to the plan by RAK row ID (Capaian) and budget code (Realisasi Anggaran). A row that matches nothing, or repeats one already listed, is not counted."),
    Rule("RAK609", "evaluation-rows-absent", "info",
         "{count} {what} belum memiliki baris di lembar {sheet}: {keys}.",
         "{count} entries ({what_en}) have no row on sheet {sheet}: {keys}.",
         "Tambahkan satu baris per {what} di lembar {sheet} agar target dan realisasinya dapat dicatat.",
         "Add one row per {what_en} on sheet {sheet} so its targets and realisation can be recorded.",
         "Every RAK row and budget line should have its row on the evaluation sheets. Reported once per sheet (with the first few IDs or codes), not once per row: a row added to the plan is a reminder, not a defect."),
]

CATALOG: dict[str, Rule] = {r.code: r for r in _RULES}
assert len(CATALOG) == len(_RULES), "duplicate rule code"


def select(codes: list[str] | None = None, ignore: list[str] | None = None) -> set[str]:
    """Codes enabled by --select / --ignore prefixes (ruff style)."""
    chosen = {c for c in CATALOG if not CATALOG[c].retired}
    if codes:
        chosen = {c for c in chosen if any(c.startswith(p.upper()) for p in codes)}
    if ignore:
        chosen = {c for c in chosen if not any(c.startswith(p.upper()) for p in ignore)}
    return chosen
