"""Every rule of RAK2xx-RAK5xx, each with a fixture workbook that makes it fire and one that does not.

Fixtures are the shipped workbook with a few cells changed through openpyxl (the `edit`
fixture), the way staff would change them. A rule is judged by what the edit changes:
"fires" means the rule reports exactly the expected cells that the shipped workbook
did not already have; "does not fire" means the rule reports none of the given cells.
Rows: RAK_KPU row n+4 is A-00n, RAK_Sekretariat row n+4 is B-00n, Anggaran row 5 is
the first budget line (A-001), Identitas B4..B14 hold the identity values.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pytest

from conftest import WORKBOOK
from rak_xl.products import jobs
from rak_xl.core import layout as L
from rak_xl.adapters.file_read import read_grids
from rak_xl.rules import REGISTRY, load_all

KPU, SEK, BUD, IDN, PRG, CAP = (L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_BUDGET, L.SHEET_IDENTITY,
                                L.SHEET_PROGRAMS, L.SHEET_ACHIEVEMENT)
QUARTERLY = {"RAK206", "RAK312", "RAK313"}  # need the Capaian sheet (quarterly targets)


def findings(path):
    return jobs.validate(read_grids(path), path.name).findings


@lru_cache(maxsize=1)
def shipped() -> tuple:
    return tuple(findings(WORKBOOK))


def cells(found, code: str) -> set[str]:
    """Every cell the findings of `code` cover (one fact may list many), or the sheet of a sheet-wide one."""
    return {str(c) for f in found if f.code == code for c in f.all_cells} | \
        {f.sheet for f in found if f.code == code and not f.cell}


def _needs_capaian(code: str) -> None:
    if code in QUARTERLY and CAP not in read_grids(WORKBOOK):
        pytest.skip("the shipped workbook has no Capaian sheet yet")


A031_FIXED = ("1. Jumlah dokumen SOP atau petunjuk teknis untuk pelaporan dana kampanye, verifikasi Partai Politik "
              "atau syarat dukungan calon perseorangan yang disusun sesuai dengan jadwal")

# code: (edits, cells the edit adds, optional text the message must contain)
FIRES = {
    "RAK201": ({KPU: {"D5": None}}, {f"{KPU}!D5"}, None),
    "RAK202": ({KPU: {"G5": None, "H5": None, "I5": None, "J5": None}}, {f"{KPU}!G5"}, None),
    "RAK203": ({SEK: {"K5": None}}, {f"{SEK}!K5"}, None),
    "RAK204": ({KPU: {"C5": None}}, {f"{KPU}!C5"}, None),
    "RAK205": ({KPU: {"F9": None}}, {f"{KPU}!F9"}, None),
    "RAK206": ({CAP: {"E5": None}}, {f"{CAP}!E5"}, "TW 1"),
    "RAK301": ({KPU: {"D5": "seratus persen"}}, {f"{KPU}!D5"}, "seratus persen"),
    "RAK302": ({KPU: {"C9": "Jumlah penyediaan logistik Pemilu"}}, {f"{KPU}!D9"}, "100%"),
    "RAK303": ({KPU: {"C9": "Indeks kepuasan penyediaan logistik Pemilu"}}, {f"{KPU}!D9"}, None),
    "RAK304": ({KPU: {"D9": 4, "E9": "dokumen"}}, {f"{KPU}!D9"}, "4 dokumen"),
    "RAK305": ({KPU: {"D9": 1.2}}, {f"{KPU}!D9"}, "120%"),
    "RAK306": ({KPU: {"C10": "PERSENTASE  penyediaan Logistic pemilu."}}, {f"{KPU}!C10"}, "A-005"),
    "RAK307": ({KPU: {"C9": "Tersedianya logistik Pemilu", "F9": "2. Persentase penyediaan logistik Pemilu"}},
               {f"{KPU}!C9"}, None),
    "RAK308": ({KPU: {"C9": "Logistik Pemilu tersedia tepat waktu"}}, {f"{KPU}!C9"}, None),
    "RAK309": ({KPU: {"F10": "4.Ketersediaan suara pemilih hasil Pemilu"}}, {f"{KPU}!F10"}, "nomor 4 setelah nomor 2"),
    "RAK310": ({KPU: {"C9": "Persentase penyediaan logistic Pemilu dan"}}, {f"{KPU}!C9"}, "'dan'"),
    "RAK311": ({SEK: {"K5": "Bagian Keuangan dan Umum"}}, {f"{SEK}!K5"}, None),
    "RAK312": ({CAP: {"F5": 0.1}}, {f"{CAP}!F5"}, "TW 2"),
    "RAK313": ({CAP: {"H5": 0.9}}, {f"{CAP}!H5"}, "90%"),
    "RAK314": ({SEK: {"C5": "Persentase satuan kerja yang menyelesaikan pertanggungjawaban anggaran"}},
               {f"{SEK}!C5"}, "7 baris"),
    "RAK315": ({SEK: {"C5": "Persentase pejabat perbendaharaan yang dilantik tepat waktu"}},
               {f"{SEK}!{c}5" for c in "GHIJ"}, "dilantik"),
    # Both tables of the shipped plan are marked TW 1-4 throughout (see test_rules_seed): nothing to add.
    "RAK316": ({}, set(), "Semua 42 indikator"),
    "RAK317": ({KPU: {f"F{r}": "1. Penyelesaian sengketa hukum\n2. Pelayanan pertimbangan hukum" for r in (27, 28, 29)}},
               {f"{KPU}!F{r}" for r in (27, 28, 29)}, "2 kegiatan untuk 3 indikator"),
    "RAK318": ({KPU: {"C9": "Persentase penyediaan logistik Pemilu yang dimuat di media massa nasional"}},
               {f"{KPU}!C9"}, "6 baris"),
    "RAK319": ({KPU: {"C9": "Indeks kepuasan layanan logistik Pemilu"}}, {f"{KPU}!{c}9" for c in "GHIJ"}, None),
    "RAK320": ({BUD: {"D5": "Divisi Keuangan, Umum dan Logistik"}}, {f"{BUD}!D5"},
               "Bagian Keuangan, Umum dan Logistik"),
    # B-017: staff training measured against the selection of commission members.
    "RAK321": ({SEK: {"C21": "Persentase pegawai yang mengikuti pelatihan kepemiluan"}}, {f"{SEK}!C21"}, "pelatihan"),
    # A-030 reworded as A-029 with a time qualifier: the same measure twice.
    "RAK322": ({KPU: {"C34": "Persentase calon peserta Pemilu yang difasilitasi tepat waktu"}}, {f"{KPU}!C34"},
               "A-029"),
    # A-005's sub-activity loses its number between '1.' and '3.'.
    "RAK323": ({KPU: {"F9": "Ketersediaan logistic Pemilu"}}, {f"{KPU}!F5", f"{KPU}!F9", f"{KPU}!F10"}, "tanpa nomor"),
    # A-005 reworded as a reduction with Arah Turun: 100% of what?
    "RAK324": ({KPU: {"C9": "Penurunan kekurangan logistik Pemilu"}, CAP: {"D9": "Turun"}}, {f"{KPU}!D9"}, None),
    "RAK401": ({BUD: {"B5": None}}, {f"{BUD}!B5"}, None),
    "RAK402": ({BUD: {"B5": "076.01.CX"}}, {f"{BUD}!B5"}, "076.01.CX"),
    "RAK403": ({BUD: {"D5": None}}, {f"{BUD}!D5"}, None),
    "RAK404": ({BUD: {"D5": "Bagian Keuangan"}}, {f"{BUD}!D5"}, None),
    "RAK405": ({BUD: {"E5": None}}, {f"{BUD}!E5"}, None),
    "RAK406": ({BUD: {"E5": "A-099"}}, {f"{BUD}!E5"}, "A-099"),
    # The A-005 line now funds A-001: the block of A-005 is left without a line.
    "RAK407": ({BUD: {"E6": "A-001"}}, {f"{KPU}!F9"}, "A-005"),
    "RAK408": ({BUD: {"F5": 185_000_001}}, {f"{PRG}!C5"}, "Rp 1"),
    # Without a revision the initial pagu is in force: 3.178.163.000 against 4.423.935.000.
    "RAK409": ({IDN: {"B10": None}}, {f"{IDN}!B9"}, "selisih Rp 1.245.772.000"),
    # Shown at the pagu (F5) with the four RPD cells: either side may be the wrong one.
    "RAK410": ({BUD: {"J5": 0}}, {f"{BUD}!{c}5" for c in "FGHIJ"}, "Rp 64.750.000"),
    "RAK411": ({BUD: {"A5": "076,01,CQ.4612.QDB.001.051.A.521211"}}, {f"{BUD}!A5"}, None),
    "RAK412": ({BUD: {"B5": "076.01.WA"}}, {f"{BUD}!B5"}, "076.01.CQ"),
    "RAK413": ({IDN: {"B7": "DIPA 076.01.2.658021-2022"}}, {f"{IDN}!B7"}, None),
    "RAK414": ({IDN: {"B7": "SP DIPA-076.01.2.658022/2021"}}, {f"{IDN}!B7"}, "658022"),
    "RAK415": ({BUD: {"F5": None}}, {f"{BUD}!F5"}, None),
    # A-001 now names Hukum dan SDM: its block and the rows below it in the Kegiatan answer
    # with it; their lines (rows 5-7) stay with Keuangan, Umum dan Logistik.
    "RAK416": ({KPU: {"K5": "Bagian Hukum dan SDM"}}, {f"{BUD}!D5", f"{BUD}!D6", f"{BUD}!D7"},
               "baris A-001 di atasnya"),
    # The shipped plan is already dated wrongly (17 January 2023): another wrong date is reported too.
    "RAK501": ({IDN: {"B12": dt.datetime(2020, 3, 1)}}, set(), "1 Maret 2020"),
    "RAK502": ({IDN: {"B8": dt.datetime(2022, 3, 1)}}, {f"{IDN}!B8"}, "1 Maret 2022"),
    "RAK503": ({IDN: {"B4": None}}, {f"{IDN}!B4"}, "Satuan Kerja"),
    "RAK207": ({KPU: {f"{c}{r}": None for c in "ABCDEFGHIJK" for r in range(5, 36)}}, {KPU}, "RAK_KPU"),
    "RAK417": ({PRG: {"C6": None}}, {f"{PRG}!C6"}, "076.01.WA"),
    "RAK504": ({IDN: {"B5": "65802"}}, {f"{IDN}!B5"}, "65802"),
}

# code: (edits, cells that must not carry the code afterwards)
QUIET = {
    "RAK201": ({KPU: {"D32": 1}}, {f"{KPU}!D32"}),  # A-028 given its target
    "RAK202": ({KPU: {"G5": None, "H5": "-"}}, {f"{KPU}!G5"}),  # two quarters still marked
    "RAK203": ({KPU: {"K5": "Subbagian Keuangan, Umum dan Logistik"}}, {f"{KPU}!K5"}),
    "RAK204": ({KPU: {c: None for c in ("C5", "D5", "E5", "F5", "G5", "H5", "I5", "J5")}}, {f"{KPU}!C5"}),
    "RAK205": ({KPU: {"C9": None, "F9": None}}, {f"{KPU}!F9"}),  # nothing left to support
    "RAK206": ({CAP: {"G5": None, "H5": None}}, {f"{CAP}!E5", f"{CAP}!F5", f"{CAP}!G5"}),  # later quarters open
    "RAK301": ({KPU: {"D5": "100 %", "E5": None, "D6": "12,5 %", "D7": "100%"}},
               {f"{KPU}!D5", f"{KPU}!D6", f"{KPU}!D7"}),
    # A-030 given a count; A-031 given a bare 1 (one document, not 100%).
    "RAK302": ({KPU: {"D34": 3, "E34": "dokumen", "D35": 1, "E35": None}}, {f"{KPU}!D34", f"{KPU}!D35"}),
    "RAK303": ({SEK: {"D35": 3, "E35": "level"}}, {f"{SEK}!D35"}),  # Nilai Maturitas SPIP: level 3
    "RAK304": ({KPU: {"D9": 100, "E9": None}}, {f"{KPU}!D9"}),  # a bare 100 on Persentase means 100%
    "RAK305": ({KPU: {"C9": "Peningkatan penyediaan logistik Pemilu", "D9": 1.2}}, {f"{KPU}!D9"}),
    "RAK306": ({KPU: {"C19": "5. Persentase KPU Kota Probolinggo yang memiliki Pendidikan Pemilih Kepemiluan "
                             "dan Demokrasi untuk pemilih pemula",
                      "C11": "Persentase penyediaan logistic Pemilu"}},  # same text as A-005, other group
               {f"{KPU}!C19", f"{KPU}!C11"}),
    "RAK307": ({SEK: {"C22": "Persentase Pegawai yang tercatat secara akurat dalam data base Kepegawaian",
                      "F22": "4. Tersedianya Data dan Informasi Kepegawaian"}}, {f"{SEK}!C22"}),
    "RAK308": ({KPU: {"C15": "1.Persentase KPU Kota Probolinggo yang telah membentuk Pusat Pendidikan Pemilih"}},
               {f"{KPU}!C15"}),
    "RAK309": ({SEK: {"F24": "6. Tersedianya jabatan fungsional Penata Kelola Pemilu"},
                KPU: {"F10": "1.Ketersediaan suara pemilih hasil Pemilu"}},  # a list may restart at 1
               {f"{SEK}!F24", f"{SEK}!F25", f"{KPU}!F10"}),
    "RAK310": ({KPU: {"C35": A031_FIXED}}, {f"{KPU}!C35"}),
    "RAK311": ({SEK: {"K5": "2) Sub Bagian Keuangan, Umum & Logistik."}}, {f"{SEK}!K5"}),
    "RAK312": ({CAP: {"F5": 0.25}}, {f"{CAP}!F5"}),  # flat is not a decrease
    "RAK313": ({KPU: {"D5": "100 %", "E5": None}}, {f"{CAP}!H5"}),  # 100% written as text: same target
    # A-001 worded as the satker's own measure.
    "RAK314": ({KPU: {"C5": "1. Persentase kebutuhan logistik Pemilu/Pemilihan yang dipenuhi tanpa permasalahan "
                             "anggaran"}}, {f"{KPU}!C5"}),
    # B-021 (forming the ad hoc bodies) marked in TW 3 only.
    "RAK315": ({SEK: {"G25": None, "H25": None, "J25": None}}, {f"{SEK}!{c}25" for c in "GHIJ"}),
    "RAK316": ({SEK: {"G25": None, "H25": None, "J25": None}}, {f"{SEK}!{c}{r}" for c in "GHIJ" for r in range(5, 47)}),
    # A-007..A-010: one activity per indicator row (two blocks of two).
    "RAK317": ({KPU: {"F11": "1.Terlaksananya penyusunan rancangan Peraturan KPU sesuai dengan ketentuan perundang – undangan", "F12": "1.Terlaksananya penyusunan rancangan Peraturan KPU sesuai dengan ketentuan perundang – undangan", "F13": "2.Terlaksananya pengelolaan dan pelayanan sinkronisasi hukum", "F14": "2.Terlaksananya pengelolaan dan pelayanan sinkronisasi hukum"}},
               {f"{KPU}!F{r}" for r in range(11, 15)}),
    # worded as the satker's own part of the work.
    "RAK318": ({KPU: {"C11": "1.Jumlah masukan rancangan Peraturan KPU yang disampaikan tepat waktu",
                      "C24": "• Persentase informasi dan publikasi tahapan Pemilu yang dimuat di media massa lokal"}},
               {f"{KPU}!C11", f"{KPU}!C24"}),
    # B-031 (Nilai Maturitas SPIP) marked in TW 4 only, when it is assessed.
    "RAK319": ({SEK: {"G35": None, "H35": None, "I35": None}}, {f"{SEK}!{c}35" for c in "GHIJ"}),
    "RAK320": ({SEK: {"K5": "Subbagian Keuangan, Umum dan Logistik"}}, {f"{SEK}!K5"}),
    # B-015/B-016 paired with the selection they measure.
    "RAK321": ({SEK: {"F19": "2. Terlaksananya seleksi pegawai dan PPPK secara transparan dan akuntabel",
                      "F20": "2. Terlaksananya seleksi pegawai dan PPPK secara transparan dan akuntabel"}},
               {f"{SEK}!C19", f"{SEK}!C20"}),
    # A-022 measures another channel than A-021's social media.
    "RAK322": ({KPU: {"C26": "• Persentase penyampaian informasi dan publikasi dalam tahapan Pemilu/Pemilihan yang "
                             "dipasang di baliho dan media luar ruang"}}, {f"{KPU}!C26"}),
    # The sub-activities of "Penyelenggaraan Operasional Perkantoran ..." all numbered.
    "RAK323": ({SEK: {**{f"F{r}": "2. Terwujudnya dukungan sarana dan prasarana guna meningkatkan kelancaran tugas KPU"
                         for r in (28, 29, 30)},
                      **{f"F{r}": "3. Meningkatnya kualitas layanan persidangan dan protokol" for r in (31, 32)},
                      "F33": "4. Terwujudnya keamanan dan ketertiban di lingkungan KPU Kota Probolinggo"}},
               {f"{SEK}!F{r}" for r in range(26, 34)}),
    # A-023 given a ceiling in its own unit: at most 4 disputes.
    "RAK324": ({KPU: {"D27": 4, "E27": "sengketa"}}, {f"{KPU}!D27"}),
    "RAK401": ({BUD: {"B5": " 076.01.CQ "}}, {f"{BUD}!B5"}),
    "RAK402": ({BUD: {"B5": "076.01.cq"}}, {f"{BUD}!B5"}),
    "RAK403": ({BUD: {"D5": "Subbag Keuangan, Umum dan Logistik"}}, {f"{BUD}!D5"}),
    "RAK404": ({BUD: {"D5": "1. Sub Bagian Keuangan Umum dan Logistik"}}, {f"{BUD}!D5"}),
    "RAK405": ({BUD: {"E5": "a-001"}}, {f"{BUD}!E5"}),
    "RAK406": ({BUD: {"E5": "a-001"}}, {f"{BUD}!E5"}),
    # The A-011 line now names A-016: the block A-011..A-017 is still funded.
    "RAK407": ({BUD: {"E9": "A-016"}}, {f"{KPU}!F15"}),
    "RAK408": ({BUD: {"F5": 185_000_001, "G5": 27_750_001, "F6": 96_499_999, "J6": 28_949_999}},
               {f"{PRG}!C5"}),
    "RAK409": ({IDN: {"B10": 4_423_935_000}}, {f"{IDN}!B10", f"{IDN}!B9"}),
    "RAK410": ({BUD: {"F5": 185_000_001, "G5": 27_750_001}}, {f"{BUD}!G5"}),
    "RAK411": ({BUD: {"A5": "CQ.4612.QDB.001.051.A.521211", "A6": "076.01.06.3363.001.051.A.524113"}},
               {f"{BUD}!A5", f"{BUD}!A6"}),
    "RAK412": ({BUD: {"A5": "CQ.4612.QDB.001.051.A.521211"}}, {f"{BUD}!B5"}),
    "RAK413": ({IDN: {"B7": "SP DIPA-076.01.2.658021/2022"}}, {f"{IDN}!B7"}),
    "RAK414": ({IDN: {"B7": "DIPA-076.01.2.658021/2022"}}, {f"{IDN}!B7"}),
    "RAK415": ({BUD: {"F5": "Rp 185.000.000"}}, {f"{BUD}!F5"}),
    # The corrected copy of the firing case: the lines follow the unit A-001 names.
    "RAK416": ({KPU: {"K5": "Bagian Hukum dan SDM"}, BUD: {f"D{r}": "Bagian Hukum dan SDM" for r in (5, 6, 7)}},
               {f"{BUD}!D5", f"{BUD}!D6", f"{BUD}!D7"}),
    "RAK501": ({IDN: {"B12": dt.datetime(2022, 1, 17)}}, {f"{IDN}!B12"}),  # the plausible date
    "RAK502": ({IDN: {"B8": dt.datetime(2021, 12, 30)}}, {f"{IDN}!B8"}),
    "RAK503": ({IDN: {"B13": None}}, {IDN, f"{IDN}!B13"}),  # the signer is not a required field
    # One row left in table A: not empty.
    "RAK207": ({KPU: {f"{c}{r}": None for c in "ABCDEFGHIJK" for r in range(6, 36)}}, {KPU}),
    "RAK417": ({PRG: {"C6": "Rp 2.777.477.000"}}, {f"{PRG}!C6"}),
    "RAK504": ({IDN: {"B5": 658021}}, {f"{IDN}!B5"}),
}


def _ours() -> set[str]:
    load_all()
    return {c for c in REGISTRY if c[:4] in ("RAK2", "RAK3", "RAK4", "RAK5")}


def test_every_rule_has_a_firing_and_a_quiet_fixture():
    assert set(FIRES) == _ours()
    assert set(QUIET) == _ours()


@pytest.mark.parametrize("code", sorted(FIRES))
def test_rule_fires(code, edit):
    _needs_capaian(code)
    edits, expected, text = FIRES[code]
    path = edit(edits)
    report = jobs.validate(read_grids(path), path.name)
    found = report.findings
    # The function registered under the code makes findings of its entry only.
    assert {f.code for f in REGISTRY[code](report.plan)} == {code}
    before = cells(shipped(), code)
    assert cells(found, code) - before == expected
    if text:
        messages = [f.message() + " " + f.hint() for f in found if f.code == code]
        assert any(text in m for m in messages), messages
    # Every finding carries its words in both languages.
    for f in found:
        if f.code == code:
            assert "?" not in f.message("en") + f.hint("en") + f.message() + f.hint() or "?" in str(f.params)


@pytest.mark.parametrize("code", sorted(QUIET))
def test_rule_stays_quiet(code, edit):
    _needs_capaian(code)
    edits, quiet = QUIET[code]
    found = findings(edit(edits))
    assert not cells(found, code) & quiet
    # Nothing new for this rule anywhere else either.
    assert cells(found, code) <= cells(shipped(), code)


def test_a_total_row_under_the_budget_lines_is_not_a_budget_line(edit):
    """Staff often type a 'Jumlah' row under the lines; it must not draw findings or count twice."""
    from rak_xl.products import jobs
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.figures.sums import allocated

    shipped = jobs.validate(read_grids(edit({})))
    last = max(line.row for line in shipped.plan.budget_lines)
    total = allocated(shipped.plan)
    with_total = jobs.validate(read_grids(edit({L.SHEET_BUDGET: {f"C{last + 1}": "JUMLAH", f"F{last + 1}": total}})))
    assert allocated(with_total.plan) == total
    assert len(with_total.plan.budget_lines) == len(shipped.plan.budget_lines)
    assert sorted((f.code, f.a1) for f in with_total.findings) == sorted((f.code, f.a1) for f in shipped.findings)
    # A real line that merely has no code is still a line (and still reported).
    coded = jobs.validate(read_grids(edit({L.SHEET_BUDGET: {f"C{last + 1}": "Belanja bahan", f"F{last + 1}": 1000}})))
    assert len(coded.plan.budget_lines) == len(shipped.plan.budget_lines) + 1
