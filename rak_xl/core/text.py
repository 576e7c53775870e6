"""Every word staff read that is not a rule's or a refusal's, in Indonesian and English, and the
helpers that write quarters, dates, severities and numbers the way each language writes them.

The rule catalog (core/catalog.py) and the refusal catalog (core/refusals.py) hold the words of
findings and refusals; everything else a person reads (CLI headings, button alerts, sheet titles
and notes, states) comes from here, so no module builds "TW 1" or a month name on its own.

Numbers: Indonesian (the default) groups thousands with dots and uses the comma as the decimal
mark: Rp 1.646.458.000, 12,5%. English (`--lang en`): Rp 1,646,458,000, 12.5%. Written here
rather than with the locale module: the machine's locale (Linux CI, an English Windows) must not
change what staff read.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import PurePath
from typing import NamedTuple


def _localise(text: str, lang: str) -> str:
    """Python's '1,234.5' in the style of `lang`."""
    if lang == "en":
        return text
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def thousands(amount: int | None, none: str = "-", lang: str = "id") -> str:
    """1646458000 -> '1.646.458.000' ('1,646,458,000' in English)."""
    return none if amount is None else _localise(f"{amount:,}", lang)


def rupiah(amount: int | None, none: str = "-", lang: str = "id") -> str:
    """-27734000 -> '-Rp 27.734.000'."""
    if amount is None:
        return none
    return ("-" if amount < 0 else "") + "Rp " + thousands(abs(amount), lang=lang)


def number(value: float | None, none: str = "-", lang: str = "id", decimals: int | None = None) -> str:
    """12.5 -> '12,5'; 100.0 -> '100'; 1500 -> '1.500'; at most two decimals.

    With `decimals`, always that many (tables: 93,0 and 94,4 line up, never 93 and 94,38).
    """
    if value is None:
        return none
    if not math.isfinite(value):  # a message must never crash
        return str(value)
    if decimals is not None:
        return _localise(f"{value:,.{decimals}f}", lang)
    if abs(value - round(value)) < 1e-9:
        return thousands(int(round(value)), lang=lang)
    return _localise(f"{value:,.2f}".rstrip("0").rstrip("."), lang)


def percent(value: float | None, none: str = "-", lang: str = "id", decimals: int | None = None) -> str:
    """12.5 -> '12,5%' (value already in percent); `decimals` as in number()."""
    return none if value is None else f"{number(value, lang=lang, decimals=decimals)}%"


def shorten(text: object, limit: int = 70) -> str:
    """A cell's text for a message: spaces and line breaks folded, cut at `limit` with an ellipsis."""
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


# -- quarters, months, severities ------------------------------------------------------------

LANGS = ("id", "en")
ROMAN = ("I", "II", "III", "IV")
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


def tw(q: int, lang: str = "id", roman: bool = False) -> str:
    """A quarter as staff write it: 'TW 2' ('TW II' with roman=True); English 'Q2'."""
    if lang == "en":
        return f"Q{q}"
    return f"TW {ROMAN[q - 1] if roman else q}"


def date_text(d: dt.date, lang: str = "id") -> str:
    """17 Januari 2023 / 17 January 2023."""
    months = MONTHS_EN if lang == "en" else MONTHS_ID
    return f"{d.day} {months[d.month - 1]} {d.year}"


SEVERITIES = ("error", "warning", "info")
SEVERITY_LABEL = {
    "id": {"error": "Kesalahan", "warning": "Peringatan", "info": "Informasi"},
    "en": {"error": "Error", "warning": "Warning", "info": "Info"},
}


def severity_label(severity: str, lang: str = "id") -> str:
    return SEVERITY_LABEL["en" if lang == "en" else "id"][severity]


class Both(NamedTuple):
    """Words in both languages as one parameter (why the file system refused, a finding's kind of value):
    a template filled in once per language takes its own (a refusal's, a rule's message, `say`'s)."""

    id: str
    en: str

    def of(self, lang: str = "id") -> str:
        return self.en if lang == "en" else self.id


class Amount(NamedTuple):
    """A number as a parameter of a message (a finding's, a refusal's, `say`'s): it stays a number
    until a language's template is filled, so each language writes it its own way
    (Rp 27.734.000 / Rp 27,734,000). Made with money() or quantity()."""

    value: float | None
    style: str = "number"  # "rupiah", "number" (at most two decimals) or "percent" (value in percent)

    def of(self, lang: str = "id") -> str:
        if self.style == "rupiah":
            return rupiah(None if self.value is None else int(self.value), lang=lang)
        return (percent if self.style == "percent" else number)(self.value, lang=lang)

    def __str__(self) -> str:
        return self.of()


def money(amount: int | None) -> Amount:
    """An amount in Rupiah, for a message: 'Rp 27.734.000' / 'Rp 27,734,000'."""
    return Amount(amount, "rupiah")


def quantity(value: float | None, in_percent: bool = False) -> Amount:
    """A target, a realisation or a count, for a message: '12,5%' or '1.500' / '12.5%' or '1,500'."""
    return Amount(value, "percent" if in_percent else "number")


def each_lang(make) -> Both:
    """Words built per language (a list of amounts joined into one parameter): make(lang) for each."""
    return Both(make("id"), make("en"))


def full_path(path: str | PurePath) -> str:
    """A path as staff can find it again: absolute, whatever folder the command ran in, and the
    name they gave (a link is named, not where it points)."""
    return os.path.abspath(path)


def in_lang(value: object, lang: str = "id") -> object:
    """`value` as `lang` reads it: a Both gives its words in that language, an Amount its number
    written that language's way, a path its full name; anything else itself."""
    if isinstance(value, (Both, Amount)):
        return value.of(lang)
    if isinstance(value, PurePath):
        return full_path(value)
    return value


# -- words that are no rule's and no refusal's -------------------------------------------------

class Words(dict):
    """key -> (Indonesian, English) templates; `say` fills one in for a language.

    Several modules' words are added as blocks (`WORDS.update({...})`): a key added twice is refused
    at import, rather than one block silently replacing another's words (tests/test_words.py checks
    the keys written twice inside one literal, which Python collapses before this sees them)."""

    def update(self, block: dict) -> None:  # type: ignore[override]
        twice = sorted(set(self) & set(block))
        if twice:
            raise KeyError(f"words defined twice: {twice}")
        super().update(block)


WORDS: Words = Words({
    # Filled by each module's owner as its inline words move here, e.g.:
    "validate.done": ("Validasi selesai: {summary}. Lihat lembar Temuan.",
                      "Validation done: {summary}. See sheet Temuan."),

    # --- workbook builder ---
    # Where a workbook comes from: the file's comment, and the notes over Anggaran and the evaluation sheets.
    "builder.origin.sources": ("Dibuat dari sumber teks oleh rak-xl build.",
                               "Built from the text sources by rak-xl build."),
    "builder.origin.carried": ("Dibuat oleh rak-xl baru dari {source} untuk tahun {year}.",
                               "Made by rak-xl baru from {source} for the year {year}."),
    "builder.origin.blank": ("Dibuat oleh rak-xl baru: RAK kosong {satker} tahun {year}.",
                             "Made by rak-xl baru: a blank RAK of {satker} for the year {year}."),
    "builder.source_year": ("RAK {year}", "RAK {year}"),
    "builder.written": ("Ditulis: {path}", "Written: {path}"),
    "builder.source_unknown": ("RAK sebelumnya", "the previous RAK"),
    "builder.budget_note.carried": (
        "Baris anggaran dibawa dari {source}: kode, program, uraian, bagian dan ID RAK tetap. "
        "Isi Pagu dan RPD tahun {year} dari DIPA/POK, lalu hapus atau tambah baris sesuai DIPA {year}.",
        "Budget lines carried from {source}: code, program, description, Bagian and RAK ID kept. "
        "Fill in the {year} pagu and RPD from the DIPA/POK, then delete or add lines to match DIPA {year}."),
    "builder.budget_note.blank": (
        "Isi satu baris per kode anggaran dari DIPA/POK {year}: kode, program, uraian, bagian, "
        "ID baris RAK yang didanai, pagu dan RPD per triwulan.",
        "Fill in one line per budget code of the {year} DIPA/POK: code, program, description, Bagian, "
        "the ID of the RAK row it funds, pagu and RPD per quarter."),
    "builder.evaluation_note.to_fill": (
        "Isi target dan realisasi setiap triwulan: Target TW 1-4 kumulatif (Target TW 4 = target "
        "tahunan), realisasi setelah triwulan itu berakhir.",
        "Fill in targets and realisation every quarter: targets Q1-Q4 cumulative (the Q4 target = the "
        "annual target), realisation once the quarter has ended."),
    # The Petunjuk sheet.
    "builder.guide.title": ("RENCANA AKSI KINERJA (RAK) {satker} TAHUN {year}",
                            "PERFORMANCE ACTION PLAN (RAK) {satker} YEAR {year}"),
    "builder.guide.subtitle": ("Petunjuk penggunaan workbook dan tombol", "How to use the workbook and its buttons"),
    "builder.guide.step1": (
        "Isi dan ubah rencana di lembar Identitas, Program, Bagian, RAK_KPU, RAK_Sekretariat dan Anggaran.",
        "Fill in and edit the plan on the sheets Identitas, Program, Bagian, RAK_KPU, RAK_Sekretariat and Anggaran."),
    "builder.guide.step2": (
        "Setiap triwulan: isi target dan realisasi kinerja di lembar Capaian, realisasi belanja di lembar "
        "Realisasi Anggaran, pilih Triwulan Pelaporan di lembar Identitas, lalu tekan Evaluasi.",
        "Every quarter: fill in performance targets and realisation on Capaian, spending on Realisasi "
        "Anggaran, choose Triwulan Pelaporan on Identitas, then press Evaluasi."),
    "builder.guide.step3": (
        "Satu baris = satu indikator. Kolom ID jangan diubah: lembar Anggaran merujuk ke ID ini.",
        "One row = one indicator. Do not change the ID column: the Anggaran sheet refers to these IDs."),
    "builder.guide.step4": (
        "Kolom TW 1 - TW 4: isi {mark} pada triwulan kegiatan dilaksanakan (pilih dari daftar).",
        "Columns TW 1 - TW 4: put {mark} in the quarters the activity takes place (choose from the list)."),
    "builder.guide.step5": (
        "Kolom Penanggung Jawab dan Bagian: pilih salah satu bagian dari lembar Bagian.",
        "Columns Penanggung Jawab and Bagian: choose one of the Bagian of the Bagian sheet."),
    "builder.guide.step6": (
        "Tekan tombol di bawah ini. Hasil ditulis ke lembar tersendiri yang dibuat ulang setiap kali tombol "
        "ditekan; isi lembar input tidak pernah diubah oleh tombol.",
        "Press the buttons below. Results go to sheets of their own, made again at every press; the "
        "buttons never change the input sheets."),
    "builder.guide.step7": (
        "Kolom Tombol memerlukan Python dan paket rak_xl di komputer ini. Tanpa Python, pakai kolom xlwings Lite: "
        "pasang add-in xlwings Lite (Beranda > Add-in), buka panelnya, lalu tekan tombol biru (lihat Panduan "
        "untuk Staf, docs/panduan-staf.md).",
        "The Tombol column needs Python and the rak_xl package on this PC. Without Python, use the xlwings Lite "
        "column: install the xlwings Lite add-in (Home > Add-ins), open its pane, then press the blue buttons "
        "(see Panduan untuk Staf, docs/panduan-staf.md)."),
    "builder.guide.buttons": ("Tombol", "Button"),
    "builder.guide.lite": ("xlwings Lite", "xlwings Lite"),
    "builder.guide.function": ("Fungsi", "What it does"),
    # Titles, subtitles and totals of the input sheets.
    "builder.properties.title": ("Rencana Aksi Kinerja {satker} {year}", "Performance Action Plan {satker} {year}"),
    "builder.identity.title": ("IDENTITAS RENCANA AKSI KINERJA", "IDENTITY OF THE PERFORMANCE ACTION PLAN"),
    "builder.identity.subtitle": ("Data identitas satuan kerja, DIPA dan penetapan dokumen RAK.",
                                  "The satker, its DIPA and the adoption of the RAK document."),
    "builder.programs.subtitle": ("Pagu per program sebagaimana tercantum dalam dokumen RAK.",
                                  "Pagu per program as the RAK document states it."),
    "builder.divisions.subtitle": ("Daftar baku bagian; dipakai sebagai pilihan kolom Penanggung Jawab.",
                                   "The standard list of Bagian; the choices of the Penanggung Jawab column."),
    "builder.rak.subtitle": ("{satker} - Tahun {year}. Satu baris per indikator.",
                             "{satker} - Year {year}. One row per indicator."),
    "builder.total_shown": ("Jumlah (baris yang tampil)", "Total (rows shown)"),
    "builder.achievement.explain": (
        "Target dan realisasi ditulis KUMULATIF (sampai dengan akhir triwulan itu); Target TW 4 = target "
        "tahunan. Arah: Naik = makin tinggi makin baik; Turun = makin rendah makin baik (misalnya 'Penurunan ...'). "
        "Kolom Indikator dan Satuan diambil otomatis dari lembar RAK menurut ID. Target TW 1-3 contoh dibagi rata "
        "menurut tanda triwulan; sesuaikan dengan rencana sebenarnya.",
        "Targets and realisation are CUMULATIVE (up to the end of that quarter); the Q4 target = the annual "
        "target. Arah: Naik = higher is better; Turun = lower is better (e.g. 'Penurunan ...'). Indikator and "
        "Satuan are looked up from the RAK sheets by ID. The example targets Q1-Q3 split the annual target "
        "evenly over the quarter marks; change them to the real plan."),
    "builder.spending.explain": (
        "Realisasi ditulis PER TRIWULAN (belanja dalam triwulan itu saja, seperti RPD di lembar Anggaran), "
        "dalam Rupiah. Kolom Uraian diambil otomatis dari lembar Anggaran menurut Kode Anggaran.",
        "Realisation is PER QUARTER (spending within that quarter alone, like the RPD on Anggaran), in "
        "Rupiah. Uraian is looked up from the Anggaran sheet by Kode Anggaran."),
    # Dropdowns: the title and message Excel shows when a cell gets something off the list.
    "builder.dv.quarter": ("Triwulan pelaporan", "Reporting quarter"),
    "builder.dv.quarter_pick": ("Pilih {quarters} atau {last}.", "Choose {quarters} or {last}."),
    "builder.dv.mark": ("Tanda triwulan", "Quarter mark"),
    "builder.dv.mark_pick": ("Isi dengan {mark} atau kosongkan.", "Put {mark} or leave it empty."),
    "builder.dv.unit_in_charge": ("Penanggung jawab", "Penanggung jawab"),
    "builder.dv.division": ("Bagian", "Bagian"),
    "builder.dv.division_pick": ("Pilih salah satu bagian dari lembar Bagian.",
                                 "Choose one of the Bagian of the Bagian sheet."),
    "builder.dv.unit": ("Satuan", "Unit"),
    "builder.dv.unit_pick": ("Satuan target, misalnya % atau dokumen.", "The target's unit, e.g. % or dokumen."),
    "builder.dv.program": ("Program", "Program"),
    "builder.dv.program_pick": ("Pilih kode program dari lembar Program.",
                                "Choose a program code of the Program sheet."),
    "builder.dv.direction": ("Arah indikator", "Direction"),
    "builder.dv.direction_pick": ("Naik = makin tinggi makin baik; Turun = makin rendah makin baik.",
                                  "Naik = higher is better; Turun = lower is better."),
    "builder.dv.achievement": ("Target / realisasi", "Target / realisation"),
    "builder.dv.achievement_pick": ("Isi angka (persen untuk indikator persentase).",
                                    "A number (a percentage for a percentage indicator)."),
    "builder.dv.spending": ("Realisasi", "Realisation"),
    "builder.dv.spending_pick": ("Isi jumlah rupiah tanpa sen, misalnya 27750000.",
                                 "Whole Rupiah without cents, e.g. 27750000."),
    # The Rekap Provinsi workbook's control sheet.
    "builder.province.properties": ("Rekap Provinsi - Rencana Aksi Kinerja satker KPU kabupaten/kota",
                                    "Rekap Provinsi - Performance Action Plans of the KPU regency/city satkers"),
    "builder.province.origin": ("Dibuat oleh rak-xl build.", "Built by rak-xl build."),
    "builder.province.title": ("REKAP PROVINSI - RENCANA AKSI KINERJA SATKER KPU KABUPATEN/KOTA",
                               "REKAP PROVINSI - PERFORMANCE ACTION PLANS OF THE KPU REGENCY/CITY SATKERS"),
    "builder.province.subtitle": ("Rekap semua workbook RAK satker dalam satu folder, dengan satu tombol.",
                                  "A recap of every satker RAK workbook in one folder, with one button."),
    "builder.province.folder": ("Folder kiriman satker", "Folder of the satkers' workbooks"),
    "builder.province.step1": (
        "Simpan workbook RAK yang diterima dari satker (lewat e-mail) ke satu folder.",
        "Save the RAK workbooks received from the satkers (by e-mail) into one folder."),
    "builder.province.step2": (
        "Tekan Pilih Folder dan pilih folder itu (atau ketik foldernya di sel kuning di atas).",
        "Press Pilih Folder and choose that folder (or type it into the yellow cell above)."),
    "builder.province.step3": (
        "Tekan Buat Rekap. Lembar Rekap Satker, Grafik, Temuan Kesalahan dan Berkas Dilewati ditulis ke "
        "workbook ini; simpan workbook (Ctrl+S) bila ingin menyimpan hasilnya.",
        "Press Buat Rekap. The sheets Rekap Satker, Grafik, Temuan Kesalahan and Berkas Dilewati are written "
        "into this workbook; save it (Ctrl+S) to keep them."),
    "builder.province.step4": (
        "Bila ada kiriman baru atau perbaikan, simpan ke folder yang sama lalu tekan Buat Rekap lagi: "
        "hanya berkas baru atau yang berubah yang dibaca ulang.",
        "When new or corrected workbooks arrive, save them into the same folder and press Buat Rekap again: "
        "only new or changed files are read again."),
    "builder.province.step5": (
        "Dua berkas untuk satker dan tahun yang sama: dipakai yang Stempel Kirimannya lebih baru, lalu yang "
        "Tanggal Penetapannya lebih baru (dan wajar), lalu yang berkasnya diubah lebih akhir; lembar Berkas "
        "Dilewati menyebut alasannya.",
        "Two files of one satker and year: the one with the newer Stempel Kiriman is used, then the one with "
        "the later (plausible) Tanggal Penetapan, then the one changed last; Berkas Dilewati says why."),
    "builder.province.step6": (
        "Tombol memerlukan Python dan paket rak_xl di komputer ini (lihat Panduan untuk Staf, docs/panduan-staf.md).",
        "The buttons need Python and the rak_xl package on this PC (see Panduan untuk Staf, docs/panduan-staf.md)."),
    # --- output sheets ---
    # What every output sheet says at its top and foot (rak_xl/outputs/sheet_builder.py, sheets.py).
    "sheet.title": ("{heading} {satker} TAHUN {year}", "{heading} {satker} {year}"),
    "sheet.made": ("Dibuat: {when}", "Made: {when}"),
    "sheet.from_file": ("dari berkas {source}", "from file {source}"),
    "sheet.file": ("Berkas: {source}", "File: {source}"),
    "sheet.rebuilt": ("Lembar ini dibuat ulang setiap kali tombol {button} ditekan; jangan mengetik di sini.",
                      "This sheet is made again every time the {button} button is pressed; do not type here."),
    "sheet.pagu_in_force": ("Pagu berlaku: {amount}", "Budget in force: {amount}"),
    "sheet.revised": (" (revisi)", " (revised)"),
    "sheet.illustrative": ("CONTOH ILUSTRATIF: isi lembar {sheets} bukan data sebenarnya; angka yang dihitung "
                           "darinya juga contoh.",
                           "ILLUSTRATIVE EXAMPLE: the sheets {sheets} do not hold real data; the figures computed "
                           "from them are examples too."),
    "sheet.footer": ("Halaman &P dari &N", "Page &P of &N"),
    "sheet.footer_illustrative": ("CONTOH ILUSTRATIF ({sheets}) - {footer}",
                                  "ILLUSTRATIVE EXAMPLE ({sheets}) - {footer}"),
    "note.division_budget": (
        "Anggaran per bagian = jumlah baris lembar Anggaran yang kolom Bagian-nya menyebut bagian itu (bagian yang "
        "membelanjakannya); sama di Konsolidasi, Rekap Anggaran, Evaluasi dan Rekap Provinsi. Anggaran (Rp) pada "
        "baris indikator = baris Anggaran yang merujuk ID-nya, apa pun Bagian-nya; bila lain dari Penanggung Jawab "
        "baris itu, Validasi melaporkannya (RAK416).",
        "Budget per division = the sum of the Anggaran lines whose Bagian column names that division (the one that "
        "spends it); the same in Konsolidasi, Rekap Anggaran, Evaluasi and Rekap Provinsi. Budget (Rp) on an "
        "indicator row = the Anggaran lines that refer to its ID, whatever their Bagian; where that differs from "
        "the row's Penanggung Jawab, Validasi reports it (RAK416)."),
    # Column headings and row labels several sheets share.
    "col.no": ("No", "No"),
    "col.level": ("Tingkat", "Level"),
    "col.code": ("Kode", "Code"),
    "col.sheet": ("Lembar", "Sheet"),
    "col.cell": ("Sel", "Cell"),
    "col.row_id": ("ID Baris", "Row ID"),
    "col.message": ("Pesan", "Message"),
    "col.hint": ("Saran Perbaikan", "Suggested fix"),
    "col.id": ("ID", "ID"),
    "col.program": ("Program", "Programme"),
    "col.division": ("Bagian", "Division"),
    "col.pagu": ("Pagu (Rp)", "Budget (Rp)"),
    "col.indicator": ("Indikator", "Indicator"),
    "col.indicators": ("Indikator", "Indicators"),
    "col.counted": ("Dihitung", "Counted"),
    "col.capaian": ("Capaian", "Capaian"),
    "col.capaian_mean": ("Capaian rata-rata", "Mean capaian"),
    "col.grade": ("Predikat", "Grade"),
    "col.quarter": ("Triwulan", "Quarter"),
    "col.rpd_quarter": ("RPD {tw} (Rp)", "Planned {tw} (Rp)"),
    "col.rpd_to_date": ("RPD s.d. {tw} (Rp)", "Planned to {tw} (Rp)"),
    "col.realised_to_date": ("Realisasi s.d. {tw} (Rp)", "Realised to {tw} (Rp)"),
    "col.absorption": ("Penyerapan (% pagu)", "Absorption (% of budget)"),
    "col.deviation": ("Deviasi thd RPD (Rp)", "Deviation from plan (Rp)"),
    "col.deviation_pct": ("Deviasi (% RPD)", "Deviation (% of plan)"),
    "col.guide_of": ("Pedoman {tw}", "Guide {tw}"),
    "col.guide_gap": ("Selisih thd pedoman (% poin)", "Gap to guide (% points)"),
    "row.total": ("Jumlah", "Total"),
    "row.overall": ("Keseluruhan", "Overall"),
    # Temuan.
    "findings.title": ("TEMUAN VALIDASI RAK", "RAK VALIDATION FINDINGS"),
    "findings.sheet_summary": ("Ringkasan: {summary}", "Summary: {summary}"),
    "findings.links": ("Klik alamat sel untuk menuju sel yang bermasalah.",
                       "Click a cell address to go to the cell in question."),
    "findings.none": ("Tidak ada temuan: RAK lolos validasi.", "No findings: the RAK passes validation."),
    # Rekap Anggaran.
    "rollup.heading": ("REKAP ANGGARAN RAK", "RAK BUDGET SUMMARY"),
    "rollup.sources": ("Angka anggaran dijumlahkan dari lembar Anggaran; pagu dari lembar Identitas dan Program.",
                       "Budget figures are summed from the Anggaran sheet; the pagu from the Identitas and Program "
                       "sheets."),
    "rollup.section.programs": ("1. PAGU DIPA DAN PROGRAM", "1. DIPA AND PROGRAMME BUDGETS"),
    "rollup.section.divisions": ("2. ANGGARAN PER BAGIAN DAN PROGRAM", "2. BUDGET PER DIVISION AND PROGRAMME"),
    "rollup.section.rpd": ("3. RENCANA PENARIKAN DANA (RPD) PER TRIWULAN", "3. PLANNED DISBURSEMENT (RPD) PER QUARTER"),
    "rollup.col.allocated": ("Dialokasikan (Rp)", "Allocated (Rp)"),
    "rollup.col.difference": ("Selisih (Rp)", "Difference (Rp)"),
    "rollup.col.total": ("Jumlah (Rp)", "Total (Rp)"),
    "rollup.col.indicators_funded": ("Indikator beranggaran", "Funded indicators"),
    "rollup.col.activities": ("Kegiatan", "Activities"),
    "rollup.col.activities_funded": ("Kegiatan beranggaran", "Funded activities"),
    "rollup.col.cumulative": ("Kumulatif (% pagu DIPA)", "Cumulative (% of DIPA budget)"),
    "rollup.col.guide": ("Pedoman penyerapan", "Absorption guide"),
    "rollup.col.rpd": ("RPD triwulan (Rp)", "Planned in quarter (Rp)"),
    "rollup.col.rpd_cumulative": ("RPD kumulatif (Rp)", "Planned cumulative (Rp)"),
    "rollup.col.guide_gap": ("Selisih dari pedoman (% poin)", "Gap to guide (% points)"),
    "rollup.col.program_share": ("Kumulatif {code} (% pagu program)", "Cumulative {code} (% of programme budget)"),
    "rollup.programs_total": ("Jumlah program", "Programmes total"),
    "rollup.dipa": ("Pagu DIPA berlaku{revised}", "DIPA budget in force{revised}"),
    "rollup.note.programs": ("Program: pagu = lembar Program, dialokasikan = jumlah baris lembar Anggaran.",
                             "Programme: budget = Program sheet, allocated = sum of the Anggaran sheet's lines."),
    "rollup.note.dipa": ("DIPA: pagu berlaku (revisi bila ada) dibandingkan dengan jumlah pagu program. Selisih "
                         "selain nol juga dilaporkan oleh tombol Validasi.",
                         "DIPA: the budget in force (revised where revised) against the programmes' budgets added "
                         "up. A difference other than zero is also reported by the Validasi button."),
    "rollup.note.responsible": ("Indikator dan kegiatan: menurut kolom Penanggung Jawab di lembar RAK;",
                                "Indicators and activities: by the Penanggung Jawab column of the RAK sheets;"),
    "rollup.note.responsible_else": ("bila kosong, menurut Bagian pada baris Anggaran yang mendanai kegiatan itu; "
                                     "selain itu '{unassigned}'.",
                                     "where empty, by the Bagian of the Anggaran lines funding the activity; "
                                     "otherwise '{unassigned}'."),
    "rollup.note.activities": ("Kegiatan = baris berurutan dengan kelompok dan uraian kegiatan yang sama; "
                               "beranggaran = ada baris Anggaran yang merujuk ID-nya.",
                               "Activity = consecutive rows of the same group and activity text; funded = an "
                               "Anggaran line refers to its ID."),
    "rollup.note.guide": ("Pedoman penyerapan yang lazim: {guide} kumulatif pada akhir {first}..{last}.",
                          "The usual absorption guide: {guide} cumulative at the end of {first}..{last}."),
    "rollup.note.shares": ("Persentase dihitung dari pagu DIPA berlaku; RPD dari kolom RPD TW di lembar Anggaran.",
                           "Percentages of the DIPA budget in force; RPD from the RPD TW columns of the Anggaran "
                           "sheet."),
    "rollup.chart.divisions": ("Anggaran per bagian menurut program", "Budget per division by programme"),
    "rollup.chart.rpd": ("Rencana penarikan kumulatif vs pedoman", "Cumulative disbursement plan vs guide"),
    # Konsolidasi.
    "consolidated.heading": ("KONSOLIDASI RENCANA AKSI KINERJA", "CONSOLIDATED PERFORMANCE ACTION PLAN"),
    "consolidated.satker": ("Satuan kerja: {satker} ({code})", "Work unit: {satker} ({code})"),
    "consolidated.no_dipa": ("Nomor DIPA -", "DIPA number -"),
    "consolidated.dipa_date": (" tanggal {date}", " of {date}"),
    "consolidated.revised": (" (revisi; pagu awal {initial})", " (revised; initial budget {initial})"),
    "consolidated.validation": ("Validasi: {summary}", "Validation: {summary}"),
    "consolidated.flagged": ("{count} baris bertanda KESALAHAN: rencana ini belum bersih.",
                             "{count} rows marked KESALAHAN: this plan is not clean yet."),
    "consolidated.links": ("Klik ID untuk menuju baris sumbernya.", "Click an ID to go to its source row."),
    "consolidated.col.indicator": ("Indikator Kinerja", "Performance indicator"),
    "consolidated.col.target": ("Target", "Target"),
    "consolidated.col.activity": ("Uraian Kegiatan", "Activity"),
    "consolidated.col.division": ("Penanggung Jawab", "Responsible"),
    "consolidated.col.budget": ("Anggaran (Rp)", "Budget (Rp)"),
    "consolidated.col.notes": ("Catatan Validasi", "Validation notes"),
    "consolidated.group.A": ("Kegiatan", "Activity"),
    "consolidated.group.B": ("Sasaran Program", "Programme objective"),
    "consolidated.group": ("Kelompok", "Group"),
    "consolidated.group_title": ("{word}: {name}", "{word}: {name}"),
    "consolidated.row": ("baris {row}", "row {row}"),
    "consolidated.errors": ("KESALAHAN {notes}", "ERRORS {notes}"),
    "consolidated.group_total": ("Jumlah {code}", "Total {code}"),
    "consolidated.indicator_count": ("{count} indikator", "{count} indicators"),
    "consolidated.nothing": ("Tidak ada baris RAK yang dapat dibaca; lihat lembar Temuan.",
                             "No RAK row could be read; see sheet Temuan."),
    "consolidated.summary": ("REKAPITULASI ANGGARAN", "BUDGET SUMMARY"),
    "consolidated.per_program": ("Per program (seluruh baris Anggaran)", "Per programme (every Anggaran line)"),
    "consolidated.programs_total": ("Jumlah seluruh program", "All programmes"),
    "consolidated.dipa": ("Pagu DIPA berlaku{revised}", "DIPA budget in force{revised}"),
    "consolidated.dipa_difference": ("Selisih pagu DIPA dengan jumlah pagu program (lembar Program)",
                                     "DIPA budget less the programmes' budgets (Program sheet)"),
    "consolidated.per_division": ("Per bagian (kolom Bagian di lembar Anggaran)",
                                  "Per division (Bagian column of the Anggaran sheet)"),
    "consolidated.divisions_total": ("Jumlah seluruh bagian", "All divisions"),
    "consolidated.unlinked": ("Di antaranya tidak terkait baris RAK mana pun", "Of which linked to no RAK row"),
    "consolidated.note.divisions": ("Indikator per bagian: menurut Penanggung Jawab baris RAK. {star}",
                                    "Indicators per division: by the RAK row's Penanggung Jawab. {star}"),
    "consolidated.note.inferred": (
        "* kolom Penanggung Jawab baris ini kosong; bagian diambil dari baris lain pada Uraian Kegiatan yang sama, "
        "dari bagian yang tertulis di atasnya dalam Kegiatan / Sasaran Program yang sama, atau dari nama "
        "Kegiatan / Sasaran Program itu (misalnya 'Pengelolaan Sumber Daya Manusia': Hukum dan SDM). Baris anggaran "
        "tidak menentukan penanggung jawab.",
        "* this row's Penanggung Jawab is empty; the division is taken from another row of the same Uraian "
        "Kegiatan, from the division named above it in the same Kegiatan / Sasaran Program, or from the name of "
        "that Kegiatan / Sasaran Program (e.g. 'Pengelolaan Sumber Daya Manusia': Hukum dan SDM). Budget lines do "
        "not decide who answers for a row."),
    "consolidated.note.unassigned": (
        "'{unassigned}': kolom Penanggung Jawab kosong, tidak ada bagian yang tertulis di atasnya dalam kelompok "
        "yang sama, dan nama kelompoknya tidak menunjuk satu bagian.",
        "'{unassigned}': Penanggung Jawab is empty, no division is named above it in the same group, and the "
        "group's name points at no single division."),
    # `rak-xl consolidate`: the table on a terminal.
    "consolidated.text.group": ("Kel.", "Group"),
    "consolidated.text.quarters": ("TW", "Q"),
    "consolidated.text.notes": ("Catatan", "Notes"),
    # Evaluasi.
    "evaluation.heading": ("EVALUASI KINERJA TRIWULAN {roman} ({tw})",
                           "QUARTERLY PERFORMANCE EVALUATION {roman} ({tw})"),
    "evaluation.reporting": ("Triwulan Pelaporan (Identitas): {quarter}", "Reporting quarter (Identitas): {quarter}"),
    "evaluation.unchosen": ("belum dipilih", "not chosen"),
    "evaluation.state": ("Keadaan: {state}", "State: {state}"),
    "evaluation.sources": ("Data dari lembar Capaian, Realisasi Anggaran dan Anggaran.",
                           "Data from the Capaian, Realisasi Anggaran and Anggaran sheets."),
    "evaluation.status.not_started": (
        "Evaluasi belum dimulai: workbook ini belum memiliki lembar Capaian dan Realisasi Anggaran "
        "(salin dari workbook RAK terbaru).",
        "Evaluation not started: this workbook has no Capaian and Realisasi Anggaran sheets "
        "(copy them from the latest RAK workbook)."),
    "evaluation.status.not_reported": (
        "{tw} belum dilaporkan: realisasi {tw} belum diisi di lembar Capaian maupun Realisasi Anggaran{due}.",
        "{tw} not reported yet: no {tw} realisation on the Capaian or Realisasi Anggaran sheet{due}."),
    "evaluation.status.due": (" walaupun Triwulan Pelaporan di lembar Identitas sudah {tw}",
                              " although Triwulan Pelaporan on the Identitas sheet is already {tw}"),
    "evaluation.status.reported": ("{tw} sudah dilaporkan: capaian {counted} dari {total} indikator dapat dihitung.",
                                   "{tw} reported: capaian computable for {counted} of {total} indicators."),
    "evaluation.status.no_spending": (" Realisasi anggaran {tw} belum diisi, sehingga penyerapan belum dihitung.",
                                      " {tw} budget realisation is not filled in, so absorption is not computed."),
    "evaluation.section.divisions": ("1. CAPAIAN KINERJA DAN PENYERAPAN ANGGARAN PER BAGIAN S.D. {tw}",
                                     "1. CAPAIAN AND BUDGET ABSORPTION PER DIVISION TO {tw}"),
    "evaluation.section.programs": ("2. PENYERAPAN ANGGARAN PER PROGRAM S.D. {tw}",
                                    "2. BUDGET ABSORPTION PER PROGRAMME TO {tw}"),
    "evaluation.section.curve": ("3. KURVA PENYERAPAN KUMULATIF (% PAGU)",
                                 "3. CUMULATIVE ABSORPTION CURVE (% OF BUDGET)"),
    "evaluation.section.groups": ("4. CAPAIAN PER KELOMPOK DAN URAIAN KEGIATAN {tw}",
                                  "4. CAPAIAN PER GROUP AND SUB-ACTIVITY {tw}"),
    "evaluation.section.indicators": ("5. CAPAIAN PER INDIKATOR {tw}", "5. CAPAIAN PER INDICATOR {tw}"),
    "evaluation.section.findings": ("6. CATATAN EVALUASI (TEMUAN RAK6xx)", "6. EVALUATION NOTES (RAK6xx FINDINGS)"),
    "evaluation.col.planned_share": ("RPD (% pagu)", "Planned (% of budget)"),
    "evaluation.col.realised": ("Realisasi", "Realised"),
    "evaluation.col.planned": ("RPD", "Planned"),
    "evaluation.col.guide": ("Pedoman", "Guide"),
    "evaluation.col.group": ("Kegiatan / Sasaran Program, dan Uraian Kegiatan di bawahnya",
                             "Activity / programme objective, and its sub-activities"),
    "evaluation.col.table": ("Tabel", "Table"),
    "evaluation.col.direction": ("Arah", "Direction"),
    "evaluation.col.kind": ("Jenis indikator", "Kind of indicator"),
    "evaluation.col.judgement": ("Predikat / penilaian", "Grade / judgement"),
    "evaluation.col.unit": ("Satuan", "Unit"),
    "evaluation.col.target_of": ("Target {tw}", "Target {tw}"),
    "evaluation.col.realised_of": ("Realisasi {tw}", "Realised {tw}"),
    "evaluation.col.state": ("Keadaan", "State"),
    "evaluation.col.finding": ("Pesan dan saran perbaikan", "Message and suggested fix"),
    "evaluation.col.reference": ("ID / Kode", "ID / code"),
    "evaluation.level.group": ("Kelompok", "Group"),
    "evaluation.level.block": ("Uraian Kegiatan", "Sub-activity"),
    "evaluation.note.curve": ("Realisasi kumulatif hanya sampai triwulan yang dievaluasi; RPD dari lembar Anggaran.",
                              "Cumulative realisation only up to the quarter evaluated; the plan from the Anggaran "
                              "sheet."),
    "evaluation.division_codes": ("Bagian: {codes}", "Divisions: {codes}"),
    "evaluation.finding": ("{message} Saran: {hint}", "{message} Suggestion: {hint}"),
    "evaluation.no_findings": ("Tidak ada catatan evaluasi.", "No evaluation notes."),
    "evaluation.chart.capaian": ("Capaian rata-rata per bagian {tw}", "Mean capaian per division {tw}"),
    "evaluation.chart.curve": ("Kurva penyerapan kumulatif (% pagu)", "Cumulative absorption curve (% of budget)"),
    # How Evaluasi computes (rak_xl.figures.quarterly METHOD_*): under its tables and in `evaluate --format json`.
    "method.capaian": (
        "Capaian menurut jenis indikator (kolom Jenis indikator): kemajuan dan jumlah = realisasi / target "
        "kumulatif x 100%; tingkat atau ketepatan waktu = realisasi / target tahunan, target yang sama setiap "
        "triwulan; makin sedikit makin baik (Arah Turun, mis. jumlah revisi) = (1 + (1 - realisasi / target)) x "
        "100%, paling rendah 0%; nilai atau indeks tahunan dinilai pada triwulan terakhir yang ditandai √ "
        "(sebelumnya 'belum dapat dinilai'); kegiatan satu kali 100% bila terlaksana, 0% bila belum terlaksana "
        "pada atau sesudah triwulannya (sebelumnya 'belum jadwalnya'); penurunan dengan target persen tanpa nilai "
        "awal 'perlu nilai awal'. Target persen yang naik dari triwulan ke triwulan (mis. 25%, 50%, 75%, 100%) "
        "mengukur kemajuan (lihat RAK610). Target dan realisasi kumulatif s.d. triwulan yang dievaluasi.",
        "Capaian by kind of indicator (column Kind of indicator): progress and counts = realised / cumulative "
        "target x 100%; a rate or timeliness = realised / the year's target, the same target every quarter; "
        "fewer is better (Arah Turun, e.g. the number of revisions) = (1 + (1 - realised / target)) x 100%, at "
        "least 0%; a yearly score or index is judged in the last quarter marked √ ('not measurable yet' before); "
        "a one-off event is 100% when done, 0% when not done by its quarter ('not due yet' before); a reduction "
        "with a percent target and no baseline 'needs a baseline'. Percent targets rising from quarter to "
        "quarter (e.g. 25%, 50%, 75%, 100%) measure progress (see RAK610). Targets and realisation cumulative to "
        "the quarter evaluated."),
    "method.rollup": (
        "Capaian Uraian Kegiatan, kelompok, bagian dan keseluruhan = rata-rata sederhana capaian indikator yang "
        "dapat dihitung (indikator tanpa target, target nol, belum ada data atau belum dapat dinilai tidak ikut "
        "dirata-rata; jumlahnya ditampilkan). Bagian indikator: Penanggung Jawab-nya; bila kosong, Penanggung Jawab "
        "baris lain pada Uraian Kegiatan yang sama, bagian yang tertulis di atasnya dalam Kegiatan / Sasaran "
        "Program yang sama, atau bagian yang ditunjuk nama Kegiatan / Sasaran Program itu (cara yang sama dengan "
        "Rekap Anggaran dan Konsolidasi; baris anggaran tidak menentukannya); selain itu '{unassigned}'.",
        "Capaian of an Uraian Kegiatan, group, division and overall = the plain mean of the indicators' capaian "
        "that can be computed (indicators without a target, with a zero target, without data or not yet "
        "measurable are left out; their number is shown). An indicator's division: its Penanggung Jawab; where "
        "empty, the Penanggung Jawab of another row of the same Uraian Kegiatan, the division named above it in "
        "the same Kegiatan / Sasaran Program, or the division the name of that Kegiatan / Sasaran Program points "
        "at (as in Rekap Anggaran and Konsolidasi; budget lines do not decide it); otherwise '{unassigned}'."),
    "method.grade": (
        "Predikat (skala lima tingkat evaluasi rencana pembangunan daerah, Permendagri 86/2017, yang dikenal staf "
        "dan KPU Provinsi; rak_xl memakainya sebagai kebiasaan, bukan aturan KPU): {bands}.",
        "Grade (the five-band scale of regional development plan evaluation, Permendagri 86/2017, known to staff "
        "and provinces; a convention rak_xl follows, not a KPU regulation): {bands}."),
    "method.absorption": (
        "Penyerapan = realisasi anggaran s.d. triwulan / pagu (jumlah pagu baris lembar Anggaran); baris 'Pagu "
        "DIPA' membaginya dengan pagu DIPA yang berlaku (pagu revisi bila ada, lembar Identitas). Deviasi = "
        "realisasi s.d. triwulan - RPD s.d. triwulan (Rp, dan % terhadap RPD). Pedoman penyerapan kumulatif: "
        "{guide}.",
        "Absorption = budget realised to the quarter / budget (the Anggaran lines' budgets added up); the 'Pagu "
        "DIPA' row divides it by the DIPA budget in force (the revised one where revised, Identitas sheet). "
        "Deviation = realised to the quarter - planned to the quarter (Rp, and % of the plan). Cumulative "
        "absorption guide: {guide}."),
    # --- Rekap Provinsi ---
    # What one file gives (products/province): why a file is skipped, notes on a satker's line.
    "province.kind.unreadable": ("Tidak dapat dibaca", "Unreadable"),
    "province.kind.not_rak": ("Bukan workbook RAK", "Not a RAK workbook"),
    "province.kind.duplicate": ("Duplikat (diganti berkas lain)", "Duplicate (superseded by another file)"),
    "province.kind.bug": ("Kesalahan program", "Program error"),
    "province.not_rak": ("Lembar {expected} tidak ditemukan (lembar yang ada: {present}).",
                         "Sheets {expected} not found (sheets present: {present})."),
    # The folder scan: entries that are no workbook, listed once without being read.
    "province.not_workbook_name": ("Bukan berkas Excel ({suffix}); tidak dibaca.", "Not an Excel file ({suffix}); not read."),
    "province.not_workbook_content": ("Bernama workbook, tetapi isinya bukan workbook Excel; tidak dibaca.",
                                      "Named as a workbook, but its content is no Excel workbook; not read."),
    "province.empty_file": ("Berkas kosong (0 byte); tidak dibaca.", "An empty file (0 bytes); not read."),
    "province.old_xls": ("Format lama .xls (Excel 97-2003); minta satker mengirim .xlsx atau .xlsm.",
                         "The old .xls format (Excel 97-2003); ask the satker for an .xlsx or .xlsm."),
    "province.subfolder": ("Folder; rekap hanya membaca berkas di folder ini, bukan di subfolder.",
                           "A folder; the recap reads the files of this folder only, not its subfolders."),
    "province.blank_figures": ("Capaian/serapan kosong = belum dihitung: {parts}",
                               "Empty capaian/serapan = not computed: {parts}"),
    "province.unreported": ("{quarters} belum dilaporkan", "{quarters} not reported yet"),
    "province.no_capaian": ("capaian {quarters} belum dapat dihitung (tidak ada indikator dengan target dan realisasi)",
                            "capaian {quarters} cannot be computed yet (no indicator with a target and a result)"),
    "province.no_spending": ("serapan {quarters} belum dihitung (Realisasi Anggaran belum diisi)",
                             "serapan {quarters} not computed (Realisasi Anggaran not filled in)"),
    "province.reading": ("Membaca workbook", "Reading workbooks"),
    "province.seconds": ("{seconds:.1f} dtk", "{seconds:.1f} s"),
    # Two files of one satker and year: which one is used, and the evidence that decided.
    "province.duplicate": ("{satker} ({code}) tahun {year} juga ada di '{kept}' yang dipakai. Penentu: {why}.",
                           "{satker} ({code}) year {year} is also in '{kept}', which is used. Decided by: {why}."),
    "province.replaces": ("Menggantikan '{file}'", "Supersedes '{file}'"),
    "province.why.stamp": ("Stempel Kiriman lebih baru: {new} lawan {old}", "newer Stempel Kiriman: {new} against {old}"),
    "province.why.no_stamp": ("tanpa stempel yang sah", "no valid stamp"),
    "province.why.date_used": ("Tanggal Penetapan {new} dipakai; berkas ini {doubt}",
                               "Tanggal Penetapan {new} used; this file has {doubt}"),
    "province.why.date": ("Tanggal Penetapan lebih baru: {new} lawan {old}",
                          "later Tanggal Penetapan: {new} against {old}"),
    "province.why.file_time": ("Stempel Kiriman dan Tanggal Penetapan sama; berkas diubah lebih akhir: {new} lawan {old}",
                               "same Stempel Kiriman and Tanggal Penetapan; file changed later: {new} against {old}"),
    "province.why.name": ("semua bukti sama; dipilih menurut nama berkas", "all evidence equal; chosen by file name"),
    "province.doubt.none": ("tanpa Tanggal Penetapan", "no Tanggal Penetapan"),
    "province.doubt.flagged": ("Tanggal Penetapan {date} tidak wajar (RAK501)",
                               "an implausible Tanggal Penetapan {date} (RAK501)"),
    "province.doubt.future": ("Tanggal Penetapan {date} di masa depan", "a Tanggal Penetapan {date} in the future"),
    # The recap workbook (outputs/recap_sheets.py).
    "recap.title": ("REKAP RENCANA AKSI KINERJA SATKER KPU KABUPATEN/KOTA",
                    "RECAP OF THE PERFORMANCE ACTION PLANS OF THE KPU KABUPATEN/KOTA"),
    "recap.subtitle": ("Folder: {folder} | dibuat {when} | {satkers} satker direkap, {with_errors} dengan kesalahan, "
                       "{skipped} berkas dilewati (lihat lembar {sheet})",
                       "Folder: {folder} | made {when} | {satkers} satker recapped, {with_errors} with errors, "
                       "{skipped} files skipped (see sheet {sheet})"),
    "recap.no_name": ("(tanpa nama)", "(no name)"),
    "recap.total": ("JUMLAH", "TOTAL"),
    "recap.total_year": ("JUMLAH TAHUN {year}", "TOTAL YEAR {year}"),
    "recap.satker_count": ("{n} satker", "{n} satker"),
    "recap.errors_left_out": ("{n} kesalahan lain tidak dicantumkan", "{n} more errors not listed"),
    "recap.errors_left_out_row": ("... dan {n} kesalahan lain (jalankan Validasi pada berkas ini)",
                                  "... and {n} more errors (run Validasi on this file)"),
    "recap.charts_title": ("Pagu per program menurut satker (dari lembar {sheet})",
                           "Budget per program by satker (from sheet {sheet})"),
    "recap.value_axis": ("Rupiah", "Rupiah"),
    "recap.errors_title": ("TEMUAN KESALAHAN PER SATKER", "ERRORS PER SATKER"),
    "recap.errors_note": ("Hanya temuan tingkat kesalahan; peringatan dan informasi dilihat dengan tombol Validasi "
                          "di workbook satker.",
                          "Error-level findings only; warnings and information are shown by the Validasi button "
                          "in the satker's workbook."),
    "recap.skipped_title": ("BERKAS YANG TIDAK DIREKAP", "FILES NOT RECAPPED"),
    "recap.skipped_note": ("Berkas yang tidak dapat dibaca, bukan workbook RAK, atau digantikan berkas lain untuk satker "
                           "dan tahun yang sama (kolom Alasan menyebut penentunya).",
                           "Files that cannot be read, are no RAK workbook, or are superseded by another file of the "
                           "same satker and year (the Alasan column names what decided)."),
    "recap.done": ("Rekap selesai: {satkers} satker ({with_errors} dengan kesalahan), {skipped} berkas dilewati.",
                   "Recap done: {satkers} satker ({with_errors} with errors), {skipped} files skipped."),
    "recap.cached": (" {n} berkas tidak berubah sejak rekap sebelumnya (tidak dibaca ulang).",
                     " {n} files unchanged since the previous recap (not read again)."),
    # --- doors, jobs, Kiriman ---
    "counts": ("{error} kesalahan, {warning} peringatan, {info} informasi", "{error} errors, {warning} warnings, {info} info"),
    # What a press or a job ends with (the buttons' closing alert; `rak-xl run` prints it too).
    "rollup.done": ("Rekap Anggaran selesai. Lihat lembar Rekap Anggaran.",
                    "Rekap Anggaran done. See sheet Rekap Anggaran."),
    "consolidate.done": ("Konsolidasi selesai.{flagged} Lihat lembar Konsolidasi.",
                         "Konsolidasi done.{flagged} See sheet Konsolidasi."),
    "consolidate.flagged": (" Validasi menemukan {errors} kesalahan; baris RAK yang salah ditandai merah.",
                            " Validation found {errors} errors; the RAK rows in error are marked red."),
    "evaluate.done": ("Evaluasi {quarter} selesai. {status} Lihat lembar {sheet}.",
                      "{quarter} evaluation done. {status} See sheet {sheet}."),
    "button.notes": ("Catatan:", "Notes:"),
    "button.submit_confirm": ("RAK masih memuat {summary}.\n\nTetap buat kiriman? Stempel kiriman akan mencatat "
                              "bahwa RAK dikirim dengan kesalahan.",
                              "The plan still has {summary}.\n\nMake the package anyway? Its stamp will record "
                              "that the plan was sent with errors."),
    "button.submit_not_made": ("Kiriman tidak dibuat. Perbaiki kesalahan yang tercantum di lembar Temuan.",
                               "No package made. Fix the errors listed on sheet Temuan."),
    "button.pdf_by_libreoffice": ("PDF dari Excel gagal ({detail}); PDF dibuat dengan LibreOffice",
                                  "Excel's PDF failed ({detail}); the PDF was made with LibreOffice"),
    "button.package_ready": ("Kiriman siap di folder Kiriman\\{folder}:", "Package ready in folder Kiriman\\{folder}:"),
    "button.package_replaced": ("Kiriman sebelumnya hari ini diganti.", "Today's earlier package was replaced."),
    "button.package_kept": ("Berkas lain di folder itu dibiarkan: {files}", "Other files in that folder were left: {files}"),
    "button.new_year_done": ("RAK tahun {year} dibuat: {name}, di folder yang sama dengan workbook ini (workbook ini "
                             "tidak diubah).\n\nBuka berkas itu, isi lembar Identitas (nomor, tanggal dan pagu DIPA), "
                             "pagu program, pagu dan RPD di lembar Anggaran, lalu tekan Validasi untuk melihat apa yang "
                             "masih perlu diisi.",
                             "The {year} plan was made: {name}, in this workbook's folder (this workbook is "
                             "unchanged).\n\nOpen it, fill in sheet Identitas (DIPA number, date and pagu), the "
                             "programs' pagu, the amounts and RPD on sheet Anggaran, then press Validasi to see what "
                             "is still to be filled in."),
    "lite.submit_errors": ("RAK masih memuat {summary}. Perbaiki kesalahan yang tercantum di lembar Temuan, lalu "
                           "tekan Siapkan Kiriman lagi. Kiriman tidak dibuat.",
                           "The plan still has {summary}. Fix the errors listed on sheet Temuan, then press "
                           "Siapkan Kiriman again. No package made."),
    "lite.package_ready": ("Kiriman siap di berkas xlwings Lite, folder {folder}:",
                           "Package ready in the xlwings Lite files, folder {folder}:"),
    "lite.submit_steps": (
        "Lembar Temuan, Rekap Anggaran, Konsolidasi dan Evaluasi sudah diperbarui. Menyelesaikan kiriman:\n"
        "1. Unduh berkas di atas: menu xlwings Lite (\u2630) > Files > Import/Export > Download All (satu ZIP), "
        "atau unduh satu per satu. Berkas itu hilang bila cache Office dibersihkan.\n"
        "2. PDF dibuat dengan Excel (xlwings Lite tidak dapat membuat PDF): buka lembar Konsolidasi, lalu File > "
        "Export > Create PDF/XPS (atau File > Print > Microsoft Print to PDF); ulangi untuk lembar Rekap Anggaran.\n"
        "3. Kirim salinan .xlsx, kedua PDF dan teks e-mail ke KPU Provinsi Jawa Timur.\n"
        "Stempel kiriman tidak memuat sidik workbook asal (xlwings Lite tidak membaca berkasnya); komputer "
        "dengan Python dan rak_xl membuat paket lengkap lewat tombol di kolom Tombol atau perintah: "
        "rak-xl submit <workbook>.",
        "Sheets Temuan, Rekap Anggaran, Konsolidasi and Evaluasi are up to date. To finish the package:\n"
        "1. Download the files above: xlwings Lite menu (\u2630) > Files > Import/Export > Download All (one ZIP), "
        "or one by one. They are gone once the Office cache is cleared.\n"
        "2. Make the PDF with Excel (xlwings Lite cannot make a PDF): open sheet Konsolidasi, then File > Export > "
        "Create PDF/XPS (or File > Print > Microsoft Print to PDF); repeat for sheet Rekap Anggaran.\n"
        "3. E-mail the .xlsx copy, both PDFs and the e-mail text to KPU Provinsi Jawa Timur.\n"
        "The stamp has no fingerprint of the source workbook (xlwings Lite does not read its file); a "
        "computer with Python and rak_xl makes the whole package with the buttons in column Tombol or the "
        "command: rak-xl submit <workbook>."),
    "lite.new_year": ("Buat RAK Tahun Berikutnya tidak berjalan di xlwings Lite: pembuat workbook (dengan modul "
                      "VBA-nya) tidak dibawa workbook ini. Tekan tombol ini di Excel pada komputer dengan Python dan "
                      "rak_xl, atau jalankan: rak-xl baru --dari <workbook ini>.",
                      "Buat RAK Tahun Berikutnya does not run under xlwings Lite: the workbook builder (with its "
                      "VBA modules) is not carried in this workbook. Press this button in Excel on a computer with "
                      "Python and rak_xl, or run: rak-xl baru --dari <this workbook>."),
    # Notes on what Excel refused along a press (the press goes on without it).
    "excel.skipped": ("{what} dilewati: {detail}", "{what} skipped: {detail}"),
    "excel.format": ("Format lembar '{sheet}'", "Formatting of sheet '{sheet}'"),
    "excel.chart": ("Grafik '{title}'", "Chart '{title}'"),
    "excel.page_setup": ("Pengaturan cetak lembar '{sheet}'", "Page setup of sheet '{sheet}'"),
    "excel.activate": ("Membuka lembar '{sheet}'", "Opening sheet '{sheet}'"),
    # rak-xl setup-excel
    "setup.written": ("Ditulis: {path}", "Written: {path}"),
    "setup.python": ("  Python untuk tombol Excel : {python}", "  Python for the Excel buttons: {python}"),
    "setup.add_dir": ("  {setting}: False (workbook boleh disimpan di OneDrive/SharePoint)",
                      "  {setting}: False (the workbook may be kept on OneDrive/SharePoint)"),
    "setup.store_alias": ("PERINGATAN: ini Python dari Microsoft Store; tombol Excel tidak dapat memakainya. Pasang "
                          "Python dengan Python install manager (py install 3.13) atau penginstal python.org, lalu "
                          "jalankan perintah ini lagi dengan Python itu (py -m rak_xl setup-excel).",
                          "WARNING: this is the Microsoft Store's Python; the Excel buttons cannot use it. Install "
                          "Python with the Python install manager (py install 3.13) or the python.org installer, then "
                          "run this command again with that Python (py -m rak_xl setup-excel)."),
    "setup.encoding": ("  Ditulis dalam code page {codepage}, yang dibaca VBA xlwings",
                       "  Written in code page {codepage}, the one xlwings' VBA reads"),
    "setup.no_excel_here": (
        "Catatan: Python ini tertulis sebagai {setting}. Tombol RAK berjalan di Excel untuk Windows atau macOS; di "
        "komputer {system} ini tidak ada Excel yang membacanya. Jalankan py -m rak_xl setup-excel di PC tempat "
        "tombol ditekan.",
        "Note: this Python is written as {setting}. The RAK buttons run in Excel on Windows or macOS; no Excel "
        "reads it on this {system} computer. Run py -m rak_xl setup-excel on the PC where the buttons are pressed."),
    # The evaluation's states of an indicator and of a quarter (figures/quarterly.py keeps the Indonesian
    # word as the value the sheets show; `--lang en` tables say it in English).
    "state.counted": ("dihitung", "counted"),
    "state.no_target": ("tanpa target", "no target"),
    "state.no_data": ("belum ada data", "no data yet"),
    "state.zero_target": ("target nol", "zero target"),
    "state.not_reported": ("belum dilaporkan", "not reported"),
    "state.not_started": ("belum dimulai", "not started"),
    "state.reported": ("sudah dilaporkan", "reported"),
    # ... and the judgement of an indicator whose kind (figures/kinds.py) allows no predikat.
    "state.not_measured_yet": ("belum dapat dinilai", "not measurable yet"),
    "state.no_baseline": ("perlu nilai awal", "needs a baseline"),
    "state.not_due": ("belum jadwalnya", "not due yet"),
    "state.done": ("terlaksana", "done"),
    "state.not_done": ("belum terlaksana", "not done"),
    # rak-xl: the parser (commands, options, argparse's own words) ...
    "cli.description": ("Validasi, rekap dan konsolidasi workbook RAK KPU.",
                        "Validate, roll up and consolidate KPU RAK workbooks."),
    "cli.usage": ("Penggunaan: ", "usage: "),
    "cli.positional": ("argumen", "arguments"),
    "cli.options": ("opsi", "options"),
    "cli.commands": ("perintah", "commands"),
    "cli.see_help": ("Bantuan: {prog} --help", "Help: {prog} --help"),
    "cli.did_you_mean": ("Maksud Anda: {prog} {word}?", "Did you mean: {prog} {word}?"),
    "cli.metavar.command": ("PERINTAH", "COMMAND"),
    "cli.metavar.file": ("BERKAS", "FILE"),
    "cli.metavar.code": ("KODE", "CODE"),
    "cli.metavar.year": ("TAHUN", "YEAR"),
    "cli.metavar.old": ("RAK_LAMA", "OLD_RAK"),
    "cli.opt.help": ("tampilkan bantuan ini lalu keluar", "show this help and exit"),
    "cli.opt.version": ("tampilkan versi lalu keluar", "show the version and exit"),
    "cli.opt.lang": ("bahasa pesan dan saran: id (bawaan) atau en", "language of messages and hints: id (default) or en"),
    "cli.opt.workbook": ("workbook RAK (.xlsm atau .xlsx)", "the RAK workbook (.xlsm or .xlsx)"),
    "cli.opt.format": ("table: tabel untuk dibaca (bawaan); json: untuk program lain",
                       "table: for reading (default); json: for other programs"),
    "cli.opt.copy": ("tulis lembar {sheet} ke salinan workbook ini (berakhiran sama)",
                     "write the {sheet} sheet into this copy of the workbook (same suffix)"),
    "cli.validate": ("periksa workbook dan tampilkan temuan", "check the workbook and list the findings"),
    "cli.validate.select": ("hanya aturan berawalan KODE; beberapa dipisah koma (mis. RAK4,RAK501)",
                            "only rules whose code starts with CODE; several separated by commas (e.g. RAK4,RAK501)"),
    "cli.validate.ignore": ("lewati aturan berawalan KODE; beberapa dipisah koma (mis. RAK203,RAK407)",
                            "skip rules whose code starts with CODE; several separated by commas (e.g. RAK203,RAK407)"),
    "cli.run": ("jalankan semua tombol dan tulis hasil ke salinan workbook",
                "run every button and write the results into a copy of the workbook"),
    "cli.run.output": ("berkas hasil (bawaan: <nama>_hasil.xlsm di samping berkas)",
                       "output file (default: <name>_hasil.xlsm beside the file)"),
    "cli.run.in_place": ("tulis ke berkas itu sendiri", "write into the file itself"),
    "cli.run.strict": ("keluar dengan kode 1 bila ada kesalahan", "exit with code 1 when there are errors"),
    "cli.run.force": ("ganti berkas -o yang sudah ada", "replace an existing -o file"),
    "cli.consolidate.force": ("ganti berkas -o yang sudah ada", "replace an existing -o file"),
    "cli.evaluate.force": ("ganti berkas -o yang sudah ada", "replace an existing -o file"),
    "cli.rollup": ("Rekap Anggaran: anggaran per program, bagian dan triwulan",
                   "Rekap Anggaran: budget per programme, division and quarter"),
    "cli.consolidate": ("Konsolidasi: tabel A dan B dalam satu tabel bernomor",
                        "Konsolidasi: tables A and B as one numbered table"),
    "cli.submit": ("Siapkan Kiriman: paket .xlsx tanpa makro, PDF dan teks e-mail",
                   "Siapkan Kiriman: macro-free .xlsx, PDF and e-mail text for the province"),
    "cli.submit.output": ("folder tujuan (bawaan: ./Kiriman)", "destination folder (default: ./Kiriman)"),
    "cli.submit.force": ("buat kiriman walaupun ada kesalahan", "make the package even with errors"),
    "cli.submit.no_pdf": ("tanpa PDF (bila LibreOffice tidak ada)", "no PDF (when LibreOffice is not installed)"),
    "cli.province": ("Rekap Provinsi: rekap semua workbook RAK satker dalam satu folder",
                     "Rekap Provinsi: recap every satker RAK workbook in one folder"),
    "cli.province.folder": ("folder berisi workbook RAK satker", "folder holding the satker RAK workbooks"),
    "cli.province.output": ("berkas rekap .xlsx (bawaan: Rekap_Provinsi.xlsx di folder kerja)",
                            "recap .xlsx file (default: Rekap_Provinsi.xlsx in the working folder)"),
    "cli.province.workers": ("jumlah proses (bawaan: jumlah inti CPU)", "number of processes (default: CPU cores)"),
    "cli.province.quiet": ("tanpa bilah kemajuan", "no progress bar"),
    "cli.province.no_cache": ("baca ulang semua berkas (tanpa cache ringkasan dari rekap sebelumnya)",
                              "read every file again (no summary cache from earlier recaps)"),
    "cli.evaluate": ("Evaluasi Triwulan: capaian kinerja dan penyerapan anggaran",
                     "Evaluasi Triwulan: performance achievement and budget absorption"),
    "cli.evaluate.quarter": ("triwulan 1-4 (bawaan: Triwulan Pelaporan di lembar Identitas)",
                             "quarter 1-4 (default: Triwulan Pelaporan on the Identitas sheet)"),
    "cli.build": ("bangun workbook/RAK_2022.xlsm dan workbook/Rekap_Provinsi.xlsm dari sumber teks",
                  "build workbook/RAK_2022.xlsm and workbook/Rekap_Provinsi.xlsm from the text sources"),
    "cli.build.sources": ("folder sumber teks (bawaan: workbook/sources)", "text sources (default: workbook/sources)"),
    "cli.build.macros": ("folder modul VBA (bawaan: macros)", "VBA modules (default: macros)"),
    "cli.build.output": ("workbook yang ditulis (bawaan: workbook/RAK_2022.xlsm)",
                         "workbook to write (default: workbook/RAK_2022.xlsm)"),
    "cli.build.check": ("gagal bila workbook berbeda dari hasil build baru",
                        "fail when the workbook differs from a fresh build"),
    "cli.build.province_output": ("workbook Rekap Provinsi (tombol Buat Rekap), dari macros/province",
                                  "the Rekap Provinsi workbook (Buat Rekap button), from macros/province"),
    "cli.build.lite_package": ("cara xlwings Lite memasang rak_xl: baris requirements.txt, mis. URL wheel "
                               "kantor (bawaan: rak_xl dibawa main.py di dalam workbook)",
                               "how xlwings Lite installs rak_xl: a requirements.txt line, e.g. your office's "
                               "wheel URL (default: rak_xl carried in the workbook's main.py)"),
    "cli.baru": ("buat workbook RAK baru: tahun berikutnya dari RAK lama, atau RAK kosong satker lain",
                 "make a new RAK workbook: next year's from an old one, or a blank plan for another satker"),
    "cli.baru.output": ("berkas hasil .xlsm (bawaan: RAK_<tahun>.xlsm di samping RAK lama)",
                        "output .xlsm (default: RAK_<year>.xlsm beside the old plan)"),
    "cli.baru.year": ("tahun anggaran RAK baru (bawaan dengan --dari: tahun sesudah RAK lama)",
                      "budget year of the new plan (default with --dari: the year after the old plan)"),
    "cli.baru.source": ("workbook RAK tahun sebelumnya; indikator, ID, bagian dan kode anggaran dibawa",
                        "last year's RAK workbook; indicators, IDs, divisions and budget codes carried over"),
    "cli.baru.satker": ('RAK kosong untuk satker ini, misalnya "KPU Kabupaten Malang"',
                        'a blank plan for this satker, e.g. "KPU Kabupaten Malang"'),
    "cli.baru.code": ("kode satker (6 angka) untuk RAK kosong", "satker code (6 digits) for a blank plan"),
    "cli.baru.force": ("ganti berkas hasil yang sudah ada", "replace an existing output file"),
    "cli.setup-excel": ("atur xlwings agar tombol Excel memakai Python ini (sekali per komputer)",
                        "point xlwings at this Python for the Excel buttons (once per computer)"),
    "cli.rules": ("daftar aturan validasi", "list the validation rules"),
    "cli.rules.markdown": ("cetak docs/rules.md", "print docs/rules.md"),
    # ... argparse's own messages: the English is argparse's (a pattern for its message), the
    # Indonesian what staff read; listed most specific first.
    "argparse.argument": ("argumen {a}: {m}", "argument {a}: {m}"),
    "argparse.unrecognized": ("argumen tidak dikenal: {a}", "unrecognized arguments: {a}"),
    "argparse.required": ("argumen berikut wajib diisi: {a}", "the following arguments are required: {a}"),
    "argparse.one_required": ("salah satu argumen {a} wajib diisi", "one of the arguments {a} is required"),
    "argparse.invalid_choice": ("pilihan tidak sah: {v} (pilih salah satu: {c})", "invalid choice: {v} (choose from {c})"),
    "argparse.invalid_int": ("bukan bilangan bulat: {v}", "invalid int value: {v}"),
    "argparse.at_least_one": ("harus 1 atau lebih: {v}", "must be 1 or more: {v}"),
    "argparse.invalid_float": ("bukan bilangan: {v}", "invalid float value: {v}"),
    "argparse.invalid_value": ("nilai {t} tidak sah: {v}", "invalid {t} value: {v}"),
    "argparse.expected_one": ("memerlukan satu nilai", "expected one argument"),
    "argparse.expected_at_most_one": ("menerima paling banyak satu nilai", "expected at most one argument"),
    "argparse.expected_at_least_one": ("memerlukan paling sedikit satu nilai", "expected at least one argument"),
    "argparse.expected_n": ("memerlukan {n} nilai", "expected {n} argument"),
    "argparse.expected_ns": ("memerlukan {n} nilai", "expected {n} arguments"),
    "argparse.ambiguous": ("opsi {o} ambigu, bisa berarti: {m}", "ambiguous option: {o} could match {m}"),
    "argparse.not_allowed": ("tidak boleh dipakai bersama {a}", "not allowed with argument {a}"),
    "argparse.ignored": ("opsi ini tidak menerima nilai ({a})", "ignored explicit argument {a}"),
    # ... and what the commands print.
    "cli.written": ("Hasil ditulis ke {path}", "Written to {path}"),
    "cli.cancelled": ("Dibatalkan.", "Cancelled."),
    "cli.fix": ("Saran", "Fix"),
    "cli.note": ("Catatan: {text}", "Note: {text}"),
    "cli.head.program": ("Program", "Program"),
    "cli.head.allocated": ("Dialokasikan", "Allocated"),
    "cli.head.difference": ("Selisih", "Difference"),
    "cli.head.division": ("Bagian", "Division"),
    "cli.head.total": ("Jumlah", "Total"),
    "cli.head.indicators_funded": ("Indikator/beranggaran", "Indicators/funded"),
    "cli.head.activities_funded": ("Kegiatan/beranggaran", "Activities/funded"),
    "cli.head.counted": ("Dihitung/indikator", "Counted/indicators"),
    "cli.head.program_division": ("Program / Bagian", "Programme / division"),
    "cli.head.planned_to": ("RPD s.d. {quarter}", "Planned to {quarter}"),
    "cli.head.realised_to": ("Realisasi s.d. {quarter}", "Realised to {quarter}"),
    "cli.head.absorption": ("Penyerapan", "Absorption"),
    "cli.head.deviation": ("Deviasi", "Deviation"),
    "cli.head.deviation_pct": ("Deviasi/RPD", "Deviation/plan"),
    "cli.head.guide": ("Pedoman", "Guide"),
    "cli.head.indicator": ("Indikator", "Indicator"),
    "cli.head.realised": ("Realisasi", "Realised"),
    "cli.head.state": ("Keadaan", "State"),
    "cli.head.code": ("Kode", "Code"),
    "cli.head.name": ("Nama", "Name"),
    "cli.head.severity": ("Tingkat", "Severity"),
    "cli.head.message": ("Pesan", "Message"),
    "cli.rpd_cumulative": ("RPD kumulatif: {quarters}", "Cumulative disbursement plan: {quarters}"),
    "cli.consolidated": ("{source}: {rows} indikator; validasi {counts}", "{source}: {rows} indicators; validation {counts}"),
    "cli.evaluation": ("Evaluasi {quarter}", "{quarter} evaluation"),
    "cli.evaluation_notes": ("Catatan evaluasi: {n} temuan RAK6xx (lihat `rak-xl validate --select RAK6`).",
                             "Evaluation notes: {n} RAK6xx findings (see `rak-xl validate --select RAK6 --lang en`)."),
    "cli.package_replaced": ("Kiriman hari ini sudah ada di {folder}; diganti: {files}.",
                             "Today's package already existed in {folder}; replaced: {files}."),
    "cli.package_removed": ("Dihapus karena tidak dibuat lagi: {files}.", "Removed, as not made again: {files}."),
    "cli.package_kept": ("Berkas lain di folder itu dibiarkan: {files}.",
                         "Other files in that folder were left as they are: {files}."),
    "cli.package_forced": ("Peringatan: kiriman dibuat walaupun RAK masih memuat kesalahan (--force).",
                           "Warning: package made although the plan still has errors (--force)."),
    "cli.recap_written": ("Rekap ditulis ke {path}: {satkers} satker ({errors} dengan kesalahan), {skipped} berkas "
                          "dilewati.", "Recap written to {path}: {satkers} satker ({errors} with errors), {skipped} "
                          "files skipped."),
    "cli.recap_cached": ("{n} berkas tidak berubah sejak rekap sebelumnya (dari cache).",
                         "{n} files unchanged since the previous recap (from the cache)."),
    "cli.recap_empty": ("Peringatan: tidak ada workbook RAK yang dapat direkap di {folder}; alasannya ada di lembar "
                        "Berkas Dilewati.", "Warning: no RAK workbook in {folder} could be recapped; the reasons are "
                        "on the Berkas Dilewati sheet."),
    "cli.new_written": ("RAK {satker} tahun {year} ditulis ke {path}", "RAK {satker} year {year} written to {path}"),
    "cli.build_sources": ("{sources} dan {macros}", "{sources} and {macros}"),
    "cli.build_stale": ("{path} berbeda dari hasil build baru dari {sources}. Jalankan: rak-xl build",
                        "{path} differs from a fresh build of {sources}. Run: rak-xl build"),
    "cli.build_fresh": ("{path} sama dengan hasil build baru.", "{path} matches a fresh build."),
    "cli.build_written": ("Ditulis: {path} ({size} byte)", "Written: {path} ({size} bytes)"),
    "cli.build_lite": ("xlwings Lite: main.py membawa {modules} modul rak_xl; pengaturan add-in {size} byte dari "
                       "batas Office {limit} byte",
                       "xlwings Lite: main.py carries {modules} rak_xl modules; add-in settings {size} bytes of "
                       "Office's {limit}-byte limit"),
    "cli.build_lite_package": ("xlwings Lite memasang rak_xl dari {req}; pengaturan add-in {size} byte dari batas "
                               "Office {limit} byte",
                               "xlwings Lite installs rak_xl from {req}; add-in settings {size} bytes of Office's "
                               "{limit}-byte limit"),
    # Why the file system refused, by errno name (the OS's own text is English, or localised
    # differently on every PC).
    "os.ENOSPC": ("disk penuh", "the disk is full"),
    "os.EDQUOT": ("kuota disk habis", "the disk quota is used up"),
    "os.EFBIG": ("berkas melebihi batas ukuran yang diizinkan", "the file exceeds the allowed size"),
    "os.EACCES": ("akses ditolak", "permission denied"),
    "os.EPERM": ("akses ditolak", "permission denied"),
    "os.EROFS": ("disk atau folder hanya-baca", "read-only file system"),
    "os.ENOENT": ("folder atau berkas tidak ada", "no such file or folder"),
    "os.ENOTDIR": ("salah satu bagian jalurnya adalah berkas, bukan folder", "a part of the path is a file, not a folder"),
    "os.EISDIR": ("itu adalah folder", "it is a folder"),
    "os.ENAMETOOLONG": ("nama terlalu panjang", "the name is too long"),
    "os.ELOOP": ("tautan simbolik berputar", "symbolic links loop"),
    "os.EBUSY": ("sedang dipakai program lain", "in use by another program"),
    "os.ETXTBSY": ("sedang dipakai program lain", "in use by another program"),
    "os.EIO": ("kesalahan baca/tulis perangkat", "input/output error"),
    "os.EEXIST": ("sudah ada", "already exists"),
    "os.EXDEV": ("berada di disk lain", "on another disk"),
    "os.other": ("kesalahan sistem berkas ({text})", "{text}"),
})


def say(key: str, lang: str = "id", **params: object) -> str:
    """The words under `key` in `lang`, with `params` filled in (a missing one is an error: KeyError)."""
    id_text, en_text = WORDS[key]
    return (en_text if lang == "en" else id_text).format(**{k: in_lang(v, lang) for k, v in params.items()})


def both(key: str, **params: object) -> Both:
    """The words under `key` in both languages (for a refusal's or a finding's parameter, or another `say`)."""
    return Both(say(key, "id", **params), say(key, "en", **params))


# --- indicator kinds (figures/kinds.py): the Evaluasi column and RAK611 ------------------------------
WORDS.update({
    "kinds.progress": ("kemajuan (kumulatif)", "progress (cumulative)"),
    "kinds.rate": ("tingkat / ketepatan waktu", "rate or timeliness"),
    "kinds.count_up": ("jumlah (makin banyak makin baik)", "count (more is better)"),
    "kinds.count_down": ("jumlah (makin sedikit makin baik)", "count (fewer is better)"),
    "kinds.score": ("nilai / indeks tahunan", "yearly score or index"),
    "kinds.event": ("kegiatan satu kali", "one-off event"),
    "kinds.reduction": ("penurunan", "reduction"),
    # RAK611: why the words and the quarterly targets disagree, and how Evaluasi judges the row meanwhile.
    "kinds.unsure.rate_rising": (
        "kata-katanya menunjukkan tingkat atau ketepatan waktu (target sama setiap triwulan), tetapi target "
        "triwulannya naik seperti kemajuan kumulatif; Evaluasi menilainya terhadap target tahunan",
        "its words say a rate or timeliness (the same target every quarter), but its quarterly targets rise like "
        "cumulative progress; Evaluasi judges it against the year's target"),
    "kinds.unsure.score_early": (
        "nilai atau indeks diukur sekali setahun (pada triwulan terakhir yang ditandai √), tetapi sudah diberi "
        "target sebelumnya; Evaluasi belum menilainya sebelum triwulan itu",
        "a score or index is measured once a year (in the last quarter marked √), but it has targets before "
        "then; Evaluasi does not judge it before that quarter"),
    "kinds.unsure.event_partial": (
        "kegiatan satu kali terlaksana atau tidak, tetapi targetnya bertahap; Evaluasi menilainya terlaksana "
        "bila realisasi mencapai target tahunan",
        "a one-off event is done or not, but its targets come in steps; Evaluasi judges it done when the "
        "realisation reaches the year's target"),
    "kinds.fix.rate_rising": ("untuk tingkat atau ketepatan waktu tulis target yang sama setiap triwulan (misalnya "
                              "100%); bila yang diukur memang kemajuan kumulatif, rumuskan indikatornya tanpa "
                              "ukuran waktu.",
                              "for a rate or timeliness write the same target every quarter (e.g. 100%); if "
                              "cumulative progress is what is measured, word the indicator without the time "
                              "measure."),
    "kinds.fix.score_early": ("kosongkan target sebelum triwulan penilaiannya dan tandai √ hanya triwulan itu.",
                              "clear the targets before the quarter of the assessment and mark only that quarter "
                              "√."),
    "kinds.fix.event_partial": ("tulis 0 sebelum triwulan pelaksanaannya dan target tahunan mulai triwulan itu.",
                                "write 0 before the quarter it takes place in and the year's target from that "
                                "quarter on."),
    "kinds.fix.count_down_naik": ("ubah Arah menjadi Turun bila makin sedikit makin baik.",
                                  "set Arah to Turun if fewer is better."),
    "kinds.unsure.count_down_naik": (
        "jumlah yang diukur makin sedikit makin baik, tetapi Arah-nya Naik; Evaluasi mengikuti Arah",
        "fewer is better for the count it measures, but its Arah is Naik; Evaluasi follows the Arah"),
})

# --- rules and parser -------------------------------------------------------------------------
# Pieces the rules and the parser put into a finding's parameters; the rule catalog
# (core/catalog.py) holds the sentences they go into.

WORDS.update({
    # Where a finding is ('F7 (+11 sel)'), and the counts as every output states them (sheets: Indonesian).
    "findings.more_cells": ("{first} (+{more} sel)", "{first} (+{more} cells)"),
    "findings.summary": ("{error} kesalahan, {warning} peringatan, {info} informasi",
                         "{error} errors, {warning} warnings, {info} information"),
    # Where a row has no ID, or a code is empty, the message names it the Indonesian way in both
    # languages (as it quotes the cells' own text): these are said with lang "id".
    "rules.row": ("baris {row}", "row {row}"),
    "rules.empty": ("(kosong)", "(empty)"),
    "rules.and_more": ("{listed} dan {more} lainnya", "{listed} and {more} more"),
    # RAK203: the unit of the row above a stretch without one.
    "rules.unit_above": ("Baris {id} di atasnya memakai '{unit}'. ", "Row {id} above has '{unit}'. "),
    # RAK207: what a table holds.
    "rules.indicators": ("indikator", "indicators"),
    "rules.budget_lines": ("baris anggaran", "budget lines"),
    # RAK302, RAK303, RAK314: the rows of a sheet with the same defect.
    "rules.subject_many": ("{count} baris ({ids}; mis. '{indicator}')", "{count} rows ({ids}; e.g. '{indicator}')"),
    # RAK409: which pagu is in force, and what to do about the difference.
    "rules.pagu_revised": ("pagu revisi", "revised pagu"),
    "rules.pagu_initial": ("pagu awal", "initial pagu"),
    "rules.pagu_still_initial": (
        "Jumlah pagu program masih sama dengan pagu awal: perbarui pagu program di lembar Program sesuai DIPA revisi.",
        "The programs still add up to the initial pagu: update them on sheet Program to the revised DIPA."),
    "rules.pagu_unshared": (
        "Sebesar {amount} dari pagu belum dibagi ke program: lengkapi pagu program di lembar Program, atau periksa "
        "pagu di lembar Identitas.",
        "{amount} of the pagu is in no program: complete the program amounts on sheet Program, or check the pagu on "
        "sheet Identitas."),
    "rules.pagu_exceeded": (
        "Pagu program melebihi pagu DIPA sebesar {amount}: periksa pagu program di lembar Program dan pagu di lembar "
        "Identitas.",
        "The programs exceed the DIPA pagu by {amount}: check the program amounts on sheet Program and the pagu on "
        "sheet Identitas."),
    # RAK414: the part of the DIPA number that disagrees with Identitas.
    "rules.dipa_satker": ("Kode satker", "satker code"),
    "rules.dipa_year": ("Tahun", "year"),
    # RAK416: which step of the responsibility order (rak_xl.figures.structure) found the row's unit.
    "rules.unit_stated": (" (tertulis di kolom Penanggung Jawab baris itu)",
                          " (stated in that row's Penanggung Jawab)"),
    "rules.unit_from_block": (" (dari Penanggung Jawab baris {id} pada Uraian Kegiatan yang sama)",
                              " (from the Penanggung Jawab of row {id}, of the same Uraian Kegiatan)"),
    "rules.unit_from_group": (
        " (dari Penanggung Jawab baris {id} di atasnya, dalam Kegiatan / Sasaran Program yang sama)",
        " (from the Penanggung Jawab of row {id} above it, in the same Kegiatan / Sasaran Program)"),
    "rules.unit_from_subject": (" (disimpulkan dari nama kelompoknya, '{group}')",
                                " (inferred from the name of its group, '{group}')"),
    # RAK322: two indicators that differ in wording only; RAK323: an item without a number.
    "rules.wording": ("susunan katanya", "their wording"),
    "rules.extra_words": ("kata '{words}'", "the word(s) '{words}'"),
    "rules.unnumbered": ("tanpa nomor", "unnumbered"),
    # RAK608, RAK609: what matches a row of an evaluation sheet to the plan.
    "rules.row_id": ("ID baris", "a row ID"),
    "rules.budget_code": ("Kode Anggaran", "a budget code"),
    "rules.id_column": ("ID", "row ID"),
    "rules.code_column": ("Kode Anggaran", "budget code"),
})

# --- writing: what a written copy must keep, what a package must not carry ----------------------
# Pieces of the refusals RAK820 (adapters/kept_values.py) and RAK822 (products/submit.py).

WORDS.update({
    "kept.sheet_missing": ("lembar '{sheet}' tidak ada", "sheet '{sheet}' is missing"),
    "kept.value_changed": ("sel {cell} berisi '{after}', semestinya '{before}'",
                           "cell {cell} holds '{after}' instead of '{before}'"),
    "kept.unreadable": ("salinan itu tidak dapat dibaca kembali: {reason}", "the copy cannot be read back: {reason}"),
    "kept.empty": ("(kosong)", "(empty)"),
    "personal.home": ("folder pribadi pengguna '{needle}'", "the user's home folder '{needle}'"),
    "personal.user": ("nama pengguna komputer '{needle}'", "the computer's user name '{needle}'"),
    "personal.part": ("bagian {part}", "part {part}"),
})

# --- reading a workbook file: its parts and its budgets (rak_xl/adapters) ---------------------
# What a refusal of the reader says about a package's parts (RAK714's detail, RAK721's kind), and
# the budgets RAK722 names, with the unit each is counted in.

WORDS.update({
    "parts.named_otherwise": ("bagian '{part}' tersimpan dengan nama lain ('{member}'), yang tidak dibaca sama "
                              "oleh semua pembaca", "part '{part}' is stored under another name ('{member}'), which "
                              "readers do not all resolve alike"),
    "parts.path_odd": ("sebuah lembar menunjuk '{part}', jalur yang tidak dibaca sama oleh semua pembaca",
                       "a sheet points at '{part}', a path readers do not all resolve alike"),
    "parts.missing": ("bagian {part} tidak ada", "part {part} is missing"),
    "parts.sheet_twice": ("dua lembar bernama '{sheet}'", "two sheets named '{sheet}'"),
    "parts.sheet_odd": ("lembar '{sheet}' didaftarkan dengan cara tidak baku", "sheet '{sheet}' is listed in a "
                        "non-standard way"),
    "parts.relationship_odd": ("relasi antarbagian ditulis dengan cara tidak baku",
                               "a relationship is written in a non-standard way"),
    "parts.dtd": ("DTD atau deklarasi entitas di bagian workbook", "DTD or entity declaration in a workbook part"),
    "parts.reader_stopped": ("pembaca berhenti: {detail}", "the reader stopped: {detail}"),
    "parts.xlsb": ("workbook biner Excel (.xlsb)", "an Excel Binary Workbook (.xlsb)"),
    "parts.ods": ("lembar kerja OpenDocument (.ods)", "an OpenDocument spreadsheet (.ods)"),
    "budget.cells": ("sel yang dibaca dari semua lembar", "cells read from all sheets"),
    "budget.counted_cells": ("sel yang dihitung satu per satu (lembar yang melewati A1:T99999 atau ditulis tidak "
                             "biasa)", "cells counted one by one (sheets reaching beyond A1:T99999 or written "
                             "unusually)"),
    "budget.part_size": ("ukuran satu bagian berkas setelah dibuka", "the inflated size of one part"),
    "budget.part_ratio": ("pemampatan satu bagian berkas", "the compression of one part"),
    "budget.strings": ("teks bersama (shared strings)", "shared strings"),
    "budget.styles": ("format sel (styles)", "cell formats (styles)"),
    "budget.rows": ("baris pada semua lembar", "rows on all sheets"),
    "budget.write_cells": ("sel yang dimuat untuk ditulis ulang", "cells loaded to write the workbook again"),
    "budget.names": ("nama terdefinisi (defined names)", "defined names"),
    "budget.text": ("panjang satu teks", "the length of one text"),
    "budget.mib": ("{amount} MiB", "{amount} MiB"),
    "budget.ratio": ("{amount} kali", "{amount}-fold"),
    "budget.chars": ("{amount} karakter", "{amount} characters"),
})

# English names of the Identitas fields and RAK columns a finding names; in Indonesian the
# message quotes the label on the sheet itself (core/layout.py), the words staff see there.
FIELD_EN = {"satker": "Satker", "satker_code": "Satker code", "year": "Budget year", "dipa_number": "DIPA number",
            "dipa_date": "DIPA date", "budget_initial": "Initial pagu"}
COLUMN_EN = {"group": "the group column", "indicator": "the indicator column", "activity": "the sub-activity column"}

# What a cell must hold when RAK104 cannot read it: the kind in both languages, and an example of
# what to type, written as it is typed into the (Indonesian) workbook, so one for both languages.
# {max}: the largest amount read as Rupiah, in triliun (rak_xl.parse.values.MAX_RUPIAH).
VALUE_KINDS = {
    "money": (Both("jumlah rupiah", "an amount in Rupiah"),
              "angka bulat sampai Rp {max} triliun, misalnya 1646458000 atau Rp 1.646.458.000"),
    "date": (Both("tanggal", "a date"), "tanggal Excel atau teks seperti 17 Januari 2023"),
    "year": (Both("tahun", "a year"), "empat angka, misalnya 2022"),
    "text": (Both("teks", "text"), "teks"),
    "number": (Both("angka", "a number"), "angka, misalnya 50% atau 12"),
    "spent": (Both("jumlah rupiah", "an amount in Rupiah"), "angka bulat, misalnya 27750000"),
}


def os_reason(exc: OSError) -> Both:
    """Why the file system refused, in words staff read (the errno's, else the OS's own text)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if f"os.{name}" in WORDS:
        return both(f"os.{name}")
    return both("os.other", text=exc.strerror or str(exc) or type(exc).__name__)


def state_text(state: str, lang: str = "id") -> str:
    """An evaluation state, kept in Indonesian as the sheets show it, in `lang`."""
    if lang == "en":
        return next((en for key, (id_, en) in WORDS.items() if key.startswith("state.") and id_ == state), state)
    return state
