"""The shipped workbook: the real defects of the 2022 plan are found where they are, fine rows stay quiet.

The defects are the seed document's own (see workbook/sources/README.md); the
validator is not told where they are.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest

from conftest import WORKBOOK
from rak_xl.products import jobs
from rak_xl.core import layout as L
from rak_xl.adapters.file_read import read_grids

KPU, SEK, IDN = L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_IDENTITY


@lru_cache(maxsize=1)
def report():
    return jobs.validate(read_grids(WORKBOOK), WORKBOOK.name)


def at(code: str) -> set[str]:
    """Every cell the findings of `code` cover (a fact over many cells lists them all)."""
    return {str(c) for f in report().findings if f.code == code for c in f.all_cells}


def facts(code: str) -> list:
    return [f for f in report().findings if f.code == code]


def one(code: str, cell: str):
    hits = [f for f in report().findings if f.code == code and f"{f.sheet}!{f.a1}" == cell]
    assert len(hits) == 1, (code, cell, at(code))
    return hits[0]


def test_duplicate_indicator_a014_a015():
    f = one("RAK306", f"{KPU}!C19")
    assert f.row_id == "A-015" and "A-014" in f.message()
    assert at("RAK306") == {f"{KPU}!C19"}


def test_missing_target_a028():
    assert one("RAK201", f"{KPU}!D32").row_id == "A-028"
    assert at("RAK201") == {f"{KPU}!D32"}


def test_cut_off_a031():
    f = one("RAK310", f"{KPU}!C35")
    assert f.row_id == "A-031" and "sesuai dengan" in f.message()
    assert at("RAK310") == {f"{KPU}!C35"}


def test_swapped_b018_b019():
    assert at("RAK307") == {f"{SEK}!C22", f"{SEK}!C23"}
    assert [f.row_id for f in report().findings if f.code == "RAK307"] == ["B-018", "B-019"]


def test_sub_activity_numbering_5_5_7():
    # 1, 2, 3, 4, 5, 5, 7: the second 5 (B-020) should be 6; 7 is then right.
    f = one("RAK309", f"{SEK}!F24")
    assert f.row_id == "B-020" and f.params["expected"] == 6
    assert at("RAK309") == {f"{SEK}!F24"}


def test_count_and_score_indicators_with_percent_targets():
    # "Jumlah ..." rows, B-002, B-003, B-007, B-008, B-009, B-021, B-022, B-041, B-042.
    assert at("RAK302") == {f"{KPU}!D34", f"{KPU}!D35", *(f"{SEK}!D{n + 4}" for n in (2, 3, 7, 8, 9, 21, 22, 41, 42))}
    # The same unit error is one fact per sheet, listing its rows.
    assert [(f.sheet, f.a1, len(f.cells)) for f in facts("RAK302")] == [(KPU, "D34", 2), (SEK, "D6", 9)]
    assert "9 baris" in facts("RAK302")[1].message() and "B-041, B-042" in facts("RAK302")[1].message()
    # "Nilai Maturitas SPIP" (B-031) and "Nilai Kapabilitas APIP" (B-032).
    assert at("RAK303") == {f"{SEK}!D35", f"{SEK}!D36"} and len(facts("RAK303")) == 1
    # "Penurunan jumlah sengketa ..." is a change, not a count: no finding.
    assert not {f"{KPU}!D27", f"{KPU}!D28"} & at("RAK302")


def test_plan_signed_after_its_year():
    f = one("RAK501", f"{IDN}!B12")
    assert "17 Januari 2023" in f.message() and "2022" in f.message()


def test_programs_against_revised_pagu():
    f = one("RAK409", f"{IDN}!B10")
    msg = f.message()
    assert "Rp 4.423.935.000" in msg and "Rp 4.451.669.000" in msg and "Rp 27.734.000" in msg
    assert "revisi" in msg
    # English writes the amounts the English way (the hint states the difference again).
    assert f.message("en").count("Rp 27,734,000") == 1 and "27.734" not in f.message("en") + f.hint("en")


def test_indicator_without_measure_a011():
    f = one("RAK308", f"{KPU}!C15")
    assert f.row_id == "A-011"
    assert at("RAK308") == {f"{KPU}!C15"}


def test_missing_responsible_unit_once_per_stretch():
    # The seed names a unit once (B-001, "1. Divisi Keuangan, Umum dan Logistik", which is recognised)
    # and never in table A: two facts, one per stretch of empty cells, every cell listed.
    hits = facts("RAK203")
    assert [(f.sheet, f.a1, f.row_id) for f in hits] == [(KPU, "K5", "A-001"), (SEK, "K6", "B-002")]
    assert at("RAK203") == {*(f"{KPU}!K{r}" for r in range(5, 36)), *(f"{SEK}!K{r}" for r in range(6, 47))}
    assert "31 baris (A-001–A-031)" in hits[0].message() and "41 baris (B-002–B-042)" in hits[1].message()
    # The stretch under B-001 is offered its unit; table A only the list.
    assert "B-001" in hits[1].hint() and "Bagian Keuangan, Umum dan Logistik" in hits[1].hint()
    assert hits[0].hint().startswith("Isi setiap baris dengan salah satu bagian")
    assert not at("RAK311")


@pytest.mark.parametrize("row_id", ["A-001", "A-005", "A-008", "A-013", "A-029", "B-005", "B-010", "B-013",
                                    "B-024", "B-033", "B-037", "B-040"])
def test_fine_rows_have_no_finding_but_the_missing_unit(row_id):
    # Besides the missing unit, a fine row may only head a fact over many rows (the satker-share
    # indicators of its sheet, a sub-activity cell shared by its block). The illustrative sheets
    # (Anggaran, Capaian, Realisasi Anggaran) give none.
    row_codes = {f.code for f in report().findings if f.row_id == row_id}
    assert row_codes <= {"RAK203", "RAK314", "RAK317"}


def test_b001_is_fine_but_for_the_commissioners_divisi():
    """B-001 names its unit as '1. Divisi Keuangan, Umum dan Logistik': read as that unit, and said once
    that a Divisi is a commissioner's portfolio, not a secretariat unit."""
    (f,) = [f for f in report().findings if f.row_id == "B-001"]
    assert (f.code, f"{f.sheet}!{f.a1}") == ("RAK320", f"{SEK}!K5")
    assert "Divisi" in f.message() and "Bagian Keuangan, Umum dan Logistik" in f.hint()


def test_no_false_alarms_on_codes_budget_and_identity():
    codes = Counter(f.code for f in report().findings)
    # Structure, budget lines, codes, DIPA number and identity are right in the shipped workbook.
    assert not {c for c in codes if c.startswith("RAK1")}
    # The plan's own program amounts against its revised pagu (RAK409); the illustrative budget lines fund
    # every sub-activity (no RAK407) and each line's Bagian answers for the row it funds (no RAK416).
    assert {c for c in codes if c.startswith("RAK4")} == {"RAK409"}
    assert {c for c in codes if c.startswith("RAK5")} == {"RAK501"}
    assert not {c for c in codes if c in ("RAK202", "RAK204", "RAK205", "RAK206", "RAK301", "RAK304", "RAK305",
                                          "RAK312", "RAK313")}


def test_unfunded_rows_are_one_fact_listing_each_block(edit):
    # The illustrative lines fund every sub-activity; unlinking the lines of B-003 and B-004 leaves two.
    lines = {line.rak_id: line.row for line in report().plan.budget_lines}
    path = edit({L.SHEET_BUDGET: {f"E{lines[key]}": None for key in ("B-003", "B-004")}})
    (f,) = [f for f in jobs.validate(read_grids(path), path.name).findings if f.code == "RAK407"]
    assert f.sheet == SEK and f.severity == "info" and f.message().startswith("2 kegiatan")
    assert "B-003, B-004" in f.message() and [c.a1 for c in f.cells] == ["F7", "F8"]


def test_shipped_workbook_findings_are_few_and_varied():
    """At most 40 findings, no rule more than a quarter of them, the 4 errors kept."""
    codes = Counter(f.code for f in report().findings)
    total = sum(codes.values())
    assert total <= 40
    assert max(codes.values()) <= total / 4, codes
    assert {f.code for f in report().findings if f.severity == "error"} == {"RAK201", "RAK306", "RAK409", "RAK501"}


def test_indicators_counting_satkers_are_one_fact_per_sheet():
    # "Persentase satker yang ..." (A-001..A-004) and "Persentase KPU Kota Probolinggo ..." rows.
    hits = facts("RAK314")
    assert [(f.sheet, f.row_id) for f in hits] == [(KPU, "A-001"), (SEK, "B-005")]
    kpu = [1, 2, 3, 4, 12, 13, 14, 15, 16, 17, 18, 26, 27]
    sek = [5, 6, 11, 23, 35, 37]
    assert at("RAK314") == {*(f"{KPU}!C{n + 4}" for n in kpu), *(f"{SEK}!C{n + 4}" for n in sek)}
    # "Persentase Unit Kerja ..." (B-036) and "Persentase penurunan ..." (B-030) measure something else.
    assert not {f"{SEK}!C40", f"{SEK}!C34"} & at("RAK314")


def test_one_off_events_marked_in_every_quarter():
    # Setting the schedule and the electoral districts, selecting staff (B-015/B-016), members
    # (B-017) and functional officials (B-020), forming the ad hoc bodies (B-021), finishing a degree (B-041).
    # Not A-011 ('... yang telah membentuk ...', a state without a measure: RAK308's), nor A-006 (voting up to
    # the determination of the results: the progress of a process).
    assert [f.row_id for f in facts("RAK315")] == ["A-026", "B-015", "B-017", "B-020", "B-021", "B-041"]
    b021 = next(f for f in facts("RAK315") if f.row_id == "B-021")
    assert [c.a1 for c in b021.cells] == ["G25", "H25", "I25", "J25"]
    # The event named as staff say it, never a verb form of the indicator.
    assert [f.params["event"] for f in facts("RAK315")] == [
        "penetapan", "seleksi", "seleksi", "seleksi", "pembentukan", "kelulusan"]
    assert "Kegiatan satu kali (pembentukan)" in b021.message() and "terseleksi)" not in facts("RAK315")[1].message()


# -- what a province reviewer reads (RAK318-RAK324): where the plan's defects are ----------------------

def test_measures_of_kpu_ri_copied_down():
    # Drafting a Peraturan KPU (A-007, A-008, B-022), setting the schedule and technical guidelines,
    # juknis for campaign funds and finance (B-003), national media, APIP (B-032), work units (B-036).
    assert [(f.sheet, f.row_id) for f in facts("RAK318")] == [(KPU, "A-007"), (SEK, "B-003")]
    assert at("RAK318") == {*(f"{KPU}!C{n + 4}" for n in (7, 8, 20, 26, 31)),
                            *(f"{SEK}!C{n + 4}" for n in (3, 22, 32, 36))}


def test_yearly_scores_marked_in_every_quarter():
    (f,) = facts("RAK319")
    assert "B-031, B-032, B-035" in f.message() and len(f.cells) == 12


def test_staff_selection_paired_with_the_complaints_service():
    (f,) = facts("RAK321")
    assert f.row_id == "B-015" and at("RAK321") == {f"{SEK}!C19", f"{SEK}!C20"}
    assert "seleksi" in f.message() and "pengaduan" in f.message()


def test_two_indicators_of_the_same_publications_on_social_media():
    # A-022 is A-021 without 'paling lambat 1 hari kerja'; the voter groups A-013..A-017 stay quiet (A-015
    # repeats A-014 word for word: RAK306's).
    (f,) = facts("RAK322")
    assert (f.row_id, f.params["other_id"]) == ("A-022", "A-021")
    assert not {f"{KPU}!C{n + 4}" for n in range(13, 18)} & at("RAK322")


def test_numbering_that_mixes_styles_or_leaves_items_unnumbered():
    # Indicators of 'HUBUNGAN MASYARAKAT ...' numbered '1.'..'7.' then bulleted; the sub-activities of
    # 'Penyelenggaraan Operasional Perkantoran ...' numbered '1.' and then not.
    assert [(f.sheet, f.row_id, f.params["styles"].id) for f in facts("RAK323")] == [
        (KPU, "A-011", "'1.', '•'"), (SEK, "B-022", "'1.', tanpa nomor")]


def test_reductions_without_a_baseline():
    assert at("RAK324") == {f"{KPU}!D27", f"{KPU}!D28", f"{SEK}!D34"}


def test_a_table_marked_in_every_quarter_says_nothing_about_when():
    hits = facts("RAK316")
    assert [(f.sheet, f.params["count"], len(f.cells)) for f in hits] == [(KPU, 31, 124), (SEK, 42, 168)]


def test_several_activities_in_one_cell_shared_by_several_indicators():
    hits = facts("RAK317")
    assert [(f.row_id, [c.a1 for c in f.cells]) for f in hits] == [
        ("A-007", ["F11", "F12", "F13", "F14"]), ("A-011", [f"F{r}" for r in range(15, 22)])]
    assert "2 kegiatan untuk 4 indikator" in hits[0].message()
