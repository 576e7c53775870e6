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
