"""Indicator kinds drive the evaluation (rak_xl/figures/kinds.py, rak_xl/figures/quarterly.py): a case per kind.

Fixtures are the shipped workbook with cells changed through openpyxl. Capaian: column D is Arah, E-H the
targets TW 1-4, I-L the realisation TW 1-4; A-00n sits on row FIRST + n - 1, B-00n on row FIRST + 30 + n.
"""

from __future__ import annotations

import pytest

from conftest import WORKBOOK
from rak_xl.adapters.file_read import read_grids
from rak_xl.core import layout as L
from rak_xl.core.text import say
from rak_xl.figures import kinds, quarterly
from rak_xl.products import jobs

KPU, SEK, CAP = L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_ACHIEVEMENT
FIRST = L.ACHIEVEMENT.header_row + 1


def cap(row_id: str) -> int:
    """The Capaian row of a RAK row ID."""
    n = int(row_id[2:])
    return FIRST + n - 1 if row_id.startswith("A") else FIRST + 30 + n


def judged(path, row_id: str, quarter: int = 2) -> dict:
    data = jobs.evaluate(read_grids(path), path.name, quarter).as_dict()
    return next(i for i in data["indicators"] if i["id"] == row_id)


def codes(path) -> set[tuple[str, str]]:
    return {(f.code, f.row_id) for f in jobs.validate(read_grids(path), path.name).findings}


@pytest.mark.parametrize("indicator, kind", [
    ("1. Persentase satker yang melaksanakan pengadaan logistic keperluan Pemilu", kinds.PROGRESS),
    ("• Persentase informasi ... ditampilkan di medsos paling lambat 1 (satu) hari kerja", kinds.RATE),
    ("Persentase pengaduan masyarakat yang ditindaklanjuti", kinds.RATE),
    ("Jumlah laporan system akuntansi dan pelaporan keuangan", kinds.COUNT_UP),
    ("Jumlah kajian litbang yang dapat diselesaikan dengan waktu yang tepat", kinds.COUNT_UP),  # not a share
    ("Jumlah revisi yang dilakukan terhadap rencana kerja yang telah ditetapkan", kinds.COUNT_DOWN),
    ("Nilai Maturitas SPIP", kinds.SCORE),
    ("Persentase KPU Kota Probolinggo yang mendapatkan nilai akuntabilitas kinerja minimal B", kinds.SCORE),
    ("1) Persentase pegawai yang terseleksi secara transparan dan akuntabel", kinds.EVENT),
    ("Jumlah Badan Adhok yang dipersiapkan dan dibentuk", kinds.EVENT),
    ("Persentase pelaksanaan pemungutan sampai dengan penetapan hasil Pemilu", kinds.PROGRESS),  # a span
    ("1. Penurunan jumlah sengketa hukum dalam perkara perselisihan sengketa hukum", kinds.REDUCTION),
    ("Persentase penurunan nilai temuan hasil pemeriksaan", kinds.REDUCTION),
    ("Tersedianya Data dan Informasi Kepegawaian", None),  # no measure: RAK307/RAK308's
])
def test_the_kind_is_read_from_the_words(indicator, kind):
    assert kinds.kind_by_words(indicator) == kind


def test_the_event_is_named_as_staff_say_it():
    assert kinds.event_noun("Persentase pegawai yang terseleksi") == "seleksi"
    assert kinds.event_noun("Jumlah Badan Adhok yang dibentuk") == "pembentukan"
    assert kinds.event_noun("yang lulus S2") == "kelulusan"
    assert kinds.event_noun("pemungutan sampai dengan penetapan hasil") == ""


def test_words_are_the_runs_of_letters_and_digits():
    """An ASCII text without a hyphen is split by bytes.translate: the same words as the pattern finds, on
    every ASCII character between and around them; a hyphen, or a letter beyond ASCII, goes to the pattern."""
    def by_pattern(text):
        return tuple(w.casefold() for w in kinds._WORD.findall(text))

    for c in map(chr, range(128)):
        for text in (f"Ab{c}9z", f"{c}x{c}{c}Y-1{c}", c):
            assert kinds.split_words(text) == by_pattern(text), repr(text)
    for text in ("Rata-rata nilai -- IKPA -x- y-", "Pemutakhiran Data Pemilih Berkelanjutan (PDPB)", "Évaluasi ÉÉ-ß x"):
        assert kinds.split_words(text) == by_pattern(text)


def test_last_words_are_the_end_of_the_words():
    """A long text's last words, read from its end alone: the end of all its words, at least two of them."""
    long = "1. Persentase " + "dokumen laporan, " * 12 + "yang disusun sesuai dengan"
    for text in (long, long.replace(" ", "\n"), "x" * 200 + " dan", "a " * 60 + "b-c\td", "kata " * 30 + "yang", "Singkat"):
        tail, every = kinds.last_words(text), kinds.words(text)
        assert every[-len(tail):] == tail and (len(tail) >= 2 or tail == every)


def test_percent_progress_against_the_cumulative_target():
    a001 = judged(WORKBOOK, "A-001")  # 50% of 50% at TW 2
    assert (a001["kind"], a001["target"], a001["capaian"], a001["judgement"]) == ("progress", 50.0, 100.0,
                                                                                  "sangat tinggi")


def test_a_timeliness_rate_is_judged_against_the_same_target_every_quarter(edit):
    """A-021 '... paling lambat 1 (satu) hari kerja' with cumulative 25/50/75/100% targets and 35% on time at
    TW 2: a failure (35%), not 'sedang' (35 of 50 = 70%); staff are asked to confirm the targets."""
    r = cap("A-021")
    path = edit({CAP: {f"E{r}": 0.25, f"F{r}": 0.5, f"G{r}": 0.75, f"I{r}": 0.2, f"J{r}": 0.35}})
    a021 = judged(path, "A-021")
    assert (a021["kind"], a021["target"], a021["capaian"], a021["judgement"]) == ("rate", 100.0, 35.0,
                                                                                  "sangat rendah")
    assert ("RAK611", "A-021") in codes(path)
    assert ("RAK611", "A-021") not in codes(WORKBOOK)  # the shipped targets are flat: no question


def test_a_rate_to_date_may_fall_a_cumulative_series_may_not(edit):
    """70% on time at TW 1, 60% by TW 2 is a rate (A-021), not a typing slip (RAK606); for a progress row
    (A-022) the same drop is."""
    a021, a022 = cap("A-021"), cap("A-022")
    path = edit({CAP: {f"I{a021}": 0.7, f"J{a021}": 0.6, f"I{a022}": 0.3, f"J{a022}": 0.2}})
    found = codes(path)
    assert ("RAK606", "A-022") in found and ("RAK606", "A-021") not in found
    assert judged(path, "A-021")["capaian"] == 60.0


def test_a_count_where_more_is_better(edit):
    r = cap("A-030")  # 'Jumlah rancangan pedoman ...' given 3 documents; 1 done by TW 2 of the 2 planned
    path = edit({KPU: {"D34": 3, "E34": "dokumen"},
                 CAP: {f"E{r}": 1, f"F{r}": 2, f"G{r}": 3, f"H{r}": 3, f"I{r}": 1, f"J{r}": 1}})
    a030 = judged(path, "A-030")
    assert (a030["kind"], a030["direction"], a030["capaian"], a030["judgement"]) == ("count_up", "Naik", 50.0,
                                                                                     "sangat rendah")


def test_a_count_where_more_is_worse(edit):
    """'Jumlah revisi ...' (B-009): 75% of its ceiling used by TW 2 is (1 + (1 - 0,75)) x 100% = 125%. Arah
    Naik written on Capaian is followed, and RAK611 asks whether fewer is not better; left empty, it is."""
    r = cap("B-009")
    shipped = judged(WORKBOOK, "B-009")
    assert (shipped["kind"], shipped["direction"], shipped["capaian"]) == ("count_down", "Turun", 125.0)
    naik = edit({CAP: {f"D{r}": "Naik"}})
    assert (judged(naik, "B-009")["direction"], judged(naik, "B-009")["capaian"]) == ("Naik", 75.0)
    assert ("RAK611", "B-009") in codes(naik)
    empty = edit({CAP: {f"D{r}": None}})
    assert judged(empty, "B-009")["direction"] == "Turun" and ("RAK611", "B-009") not in codes(empty)


def test_a_yearly_score_is_not_graded_before_it_is_measured(edit):
    """Nilai Maturitas SPIP (B-031) is not 'sangat tinggi' at TW 2: it is measured in TW 4, the last quarter
    marked, against its own scale (level 3; level 2 reached is 66,67%, 'sedang')."""
    b031 = judged(WORKBOOK, "B-031")
    assert (b031["kind"], b031["capaian"], b031["judgement"]) == ("score", None, quarterly.NOT_MEASURED_YET)
    r = cap("B-031")
    level = edit({SEK: {"D35": 3, "E35": "level"}, CAP: {f"H{r}": 3, f"L{r}": 2}})
    at_tw4 = judged(level, "B-031", 4)
    assert at_tw4["capaian"] == pytest.approx(66.67) and at_tw4["judgement"] == "sedang"
    # Assessed in TW 2 (the only quarter marked): judged there.
    early = edit({SEK: {"G35": None, "I35": None, "J35": None}, CAP: {f"F{r}": 1, f"G{r}": 1, f"J{r}": 0.9}})
    assert judged(early, "B-031")["capaian"] == 90.0


def test_a_one_off_event_is_done_or_not(edit):
    """Forming the ad hoc bodies (B-021), due in TW 4: not due at TW 2; done (100%) once realised; not done (0%)
    when TW 4 comes without it."""
    b021 = judged(WORKBOOK, "B-021")
    assert (b021["kind"], b021["capaian"], b021["judgement"]) == ("event", None, quarterly.NOT_DUE)
    r = cap("B-021")
    done = judged(edit({CAP: {f"J{r}": 1}}), "B-021")
    assert (done["capaian"], done["judgement"], done["grade"]) == (100.0, quarterly.DONE, "")
    late = judged(edit({CAP: {f"K{r}": 0, f"L{r}": 0}}), "B-021", 4)
    assert (late["capaian"], late["judgement"]) == (0.0, quarterly.NOT_DONE)


def test_a_reduction_needs_a_baseline():
    """'Penurunan jumlah sengketa ...' 100% (A-023): by how much, from what? Not judged, and said (RAK324)."""
    a023 = judged(WORKBOOK, "A-023")
    assert (a023["kind"], a023["direction"], a023["capaian"], a023["judgement"]) == (
        "reduction", "Turun", None, quarterly.NO_BASELINE)
    assert ("RAK324", "A-023") in codes(WORKBOOK)


def test_evaluasi_shows_each_indicators_kind_and_judgement():
    run = jobs.evaluate(read_grids(WORKBOOK), WORKBOOK.name)
    (sheet,) = jobs.evaluation_outputs(run).sheets
    head = next(i for i, row in enumerate(sheet.values) if row and "Jenis indikator" in row)
    header = sheet.values[head]
    kind, judgement = header.index("Jenis indikator"), header.index("Predikat / penilaian")
    rows = {row[1]: row for row in sheet.values[head + 1:head + 74] if len(row) > kind}
    ids = {str(r.row.id): r for r in run.evaluation.indicators}
    assert len(rows) == len(ids) == 73
    for link, row in rows.items():
        res = next(r for i, r in ids.items() if i in str(link))
        assert row[kind] == say(f"kinds.{res.kind}") and row[judgement] == res.judgement
    assert {row[kind] for row in rows.values()} >= {"kemajuan (kumulatif)", "kegiatan satu kali",
                                                    "nilai / indeks tahunan", "penurunan"}


def test_rekap_provinsi_judges_the_same_way():
    plan = jobs.validate(read_grids(WORKBOOK), WORKBOOK.name).plan
    _status, overall, _absorption = quarterly.overall(plan)[1]
    ev = quarterly.evaluate(plan, 2).overall
    assert (overall.counted, overall.value) == (ev.counted, pytest.approx(ev.value))
