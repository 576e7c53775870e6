"""Who answers for each row, the way a reviewer reads the plan (rak_xl/figures/structure.py): a test per step.

Order: the row's own Penanggung Jawab > that of its Uraian Kegiatan > the unit named above it in the same
Kegiatan / Sasaran Program > the one Bagian its group's name points at > none. Budget lines never decide.
Fixtures are the shipped workbook with cells changed through openpyxl: RAK_KPU row n+4 is A-00n,
RAK_Sekretariat row n+4 is B-00n, column B the group, K the Penanggung Jawab.
"""

from __future__ import annotations

import pytest

from conftest import WORKBOOK
from rak_xl.adapters.file_read import read_grids
from rak_xl.core import layout as L
from rak_xl.figures import quarterly, structure
from rak_xl.figures.rollup import rollup
from rak_xl.parse.divisions import subject_division
from rak_xl.parse.plan import parse_plan
from rak_xl.products import jobs

KPU, SEK, BUD = L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_BUDGET
KUL, PDI = "Bagian Keuangan, Umum dan Logistik", "Bagian Perencanaan, Data dan Informasi"
TPPH = "Bagian Teknis Penyelenggaraan Pemilu, Partisipasi dan Hubungan Masyarakat"
HSDM = "Bagian Hukum dan SDM"
NAMES = [KUL, PDI, TPPH, HSDM]


def places(path=WORKBOOK) -> dict[str, structure.RowPlace]:
    plan, _ = parse_plan(read_grids(path))
    return {p.row.id: p for p in structure.of(plan).places}


def answer(place: structure.RowPlace) -> tuple[str, str, str]:
    """(division, step, the row that named it or '')."""
    return place.division, place.source, place.named_by.id if place.named_by else ""


def test_the_shipped_plan_as_a_reviewer_reads_it():
    got = places()
    # B-001 names its unit; the rest of its Sasaran (B-003/B-004 too) follows it.
    assert answer(got["B-001"]) == (KUL, structure.STATED, "B-001")
    assert {answer(got[f"B-00{n}"]) for n in range(2, 8)} == {(KUL, structure.GROUP, "B-001")}
    # Staff administration under "Pengelolaan Sumber Daya Manusia" is Hukum dan SDM's, whoever pays the salary.
    assert answer(got["B-013"]) == answer(got["B-014"]) == (HSDM, structure.SUBJECT, "")
    # Table A names no unit: each Kegiatan's name points at one.
    assert [got[i].division for i in ("A-001", "A-007", "A-011", "A-023", "A-026")] == [KUL, HSDM, TPPH, HSDM, TPPH]
    # "Pemeriksaan Internal KPU" names none and points at none.
    assert {answer(got[f"B-0{n}"]) for n in range(30, 37)} == {(structure.UNASSIGNED, structure.NONE, "")}


def test_step_1_a_rows_own_unit_comes_first(edit):
    # A-002 names Hukum dan SDM inside a Kegiatan whose name points at Keuangan, Umum dan Logistik.
    got = places(edit({KPU: {"K6": HSDM}}))
    assert answer(got["A-002"]) == (HSDM, structure.STATED, "A-002")
    assert got["A-002"].division_inferred is False


def test_step_2_the_rows_of_an_uraian_kegiatan_share_its_unit(edit):
    # A-001..A-004 are one Uraian Kegiatan: the rows before A-002 and after it answer with it.
    got = places(edit({KPU: {"K6": HSDM}}))
    assert [answer(got[i]) for i in ("A-001", "A-003", "A-004")] == [(HSDM, structure.BLOCK, "A-002")] * 3
    assert got["A-001"].division_inferred


def test_step_3_the_unit_named_above_in_the_same_group(edit):
    # A-005 names Perencanaan: A-006 below it follows; A-001..A-004 above it do not (their group's name does);
    # the next Kegiatan does not either.
    got = places(edit({KPU: {"K9": PDI}}))
    assert answer(got["A-006"]) == (PDI, structure.GROUP, "A-005")
    assert {answer(got[f"A-00{n}"]) for n in range(1, 5)} == {(KUL, structure.SUBJECT, "")}
    assert answer(got["A-007"]) == (HSDM, structure.SUBJECT, "")


def test_step_3_the_latest_unit_named_above_wins(edit):
    # B-001 names Keuangan, B-005 Perencanaan: B-002..B-004 follow B-001, B-006 and B-007 follow B-005.
    got = places(edit({SEK: {"K9": PDI}}))
    assert {answer(got[f"B-00{n}"]) for n in (2, 3, 4)} == {(KUL, structure.GROUP, "B-001")}
    assert {answer(got[f"B-00{n}"]) for n in (6, 7)} == {(PDI, structure.GROUP, "B-005")}


@pytest.mark.parametrize("group, division", [
    ("Pengelolaan Sumber Daya Manusia", HSDM),  # SDM written out
    ("Penyelenggaraan Operasional Perkantoran dan Dukungan Sarana Prasarana Kantor", KUL),  # Umum's work
    ("HUBUNGAN MASYARAKAT , INFORMASI PUBLIK DAN PENDIDIKAN PEMILIH", TPPH),  # three of TPPH's, one of PDI's
    ("PENINGKATAN KUALITAS PERATURAN PERUNDANG – UNDANGAN", HSDM),
    ("Pengelolaan Keuangan dan Data", None),  # one of KUL's, one of PDI's: a tie is no answer
    ("Pemeriksaan Internal KPU", None),
])
def test_step_4_the_one_bagian_a_groups_name_points_at(group, division):
    assert subject_division(group, NAMES) == division
    # The names may be written as the standard Subbagian list: the same units.
    subbagian = ["Subbagian Keuangan, Umum dan Logistik", "Subbagian Perencanaan, Data dan Informasi",
                 "Subbagian Teknis Penyelenggaraan Pemilu, Partisipasi dan Hubungan Masyarakat",
                 "Subbagian Hukum dan Sumber Daya Manusia"]
    found = subject_division(group, subbagian)
    assert (NAMES[subbagian.index(found)] if found else None) == division


def test_step_4_on_the_sheet_and_step_5_none(edit):
    # "Pemeriksaan Internal KPU" renamed for its archives: Keuangan, Umum dan Logistik answers; renamed to a
    # tie, none does.
    archive = places(edit({SEK: {f"B{n + 4}": "Pengelolaan Kearsipan dan Persuratan" for n in range(30, 37)}}))
    assert {answer(archive[f"B-0{n}"]) for n in range(30, 37)} == {(KUL, structure.SUBJECT, "")}
    tie = places(edit({SEK: {f"B{n + 4}": "Pengelolaan Keuangan dan Data" for n in range(30, 37)}}))
    assert {answer(tie[f"B-0{n}"]) for n in range(30, 37)} == {(structure.UNASSIGNED, structure.NONE, "")}


def test_budget_lines_never_decide_who_answers(edit):
    """The salary line paid by Keuangan, and every line of the group without an answerer given to one Bagian
    (the largest and the smallest funder alike): nobody's unit changes; RAK416 says which step found it."""
    plan, _ = parse_plan(read_grids(WORKBOOK))
    rows_of = {line.rak_id: line.row for line in plan.budget_lines}
    salary = next(line.row for line in plan.budget_lines if line.code.endswith("511111"))
    moved = {f"D{salary}": KUL, **{f"D{rows_of[f'B-0{n}']}": PDI for n in range(30, 37) if f"B-0{n}" in rows_of}}
    path = edit({BUD: moved})
    assert {k: answer(v) for k, v in places(path).items()} == {k: answer(v) for k, v in places().items()}
    (f,) = [f for f in jobs.validate(read_grids(path), path.name).findings if f.code == "RAK416"]
    assert f.row_id.endswith("511111") and "B-013" in f.message()
    assert "nama kelompoknya, 'Pengelolaan Sumber Daya Manusia'" in f.message()
    assert "name of its group, 'Pengelolaan Sumber Daya Manusia'" in f.message("en")


def test_per_bagian_figures_follow_the_order(edit):
    """A-001 naming Perencanaan moves its Uraian Kegiatan and the rows below it in the Kegiatan (A-001..A-006):
    Evaluasi and Rekap Anggaran count them for Perencanaan, and agree."""
    def counts(path):
        plan = jobs.validate(read_grids(path), path.name).plan
        ev = {d.name: d.indicators for d in quarterly.evaluate(plan, 2).divisions}
        roll = {d.name: d.indicators for d in rollup(plan).divisions if d.indicators}
        assert ev == roll
        return ev

    base, moved = counts(WORKBOOK), counts(edit({KPU: {"K5": PDI}}))
    assert moved[PDI] == base[PDI] + 6 and moved[KUL] == base[KUL] - 6


def test_groups_and_blocks_are_lists_of_their_own():
    """A group lists its blocks and a block its rows; two of them are never equal by content."""
    plan, _ = parse_plan(read_grids(WORKBOOK))
    groups = structure.groups_of(plan)
    group = groups[0]
    assert group.blocks is group and list(group) == group.blocks and len(group) == len(group.blocks)
    block = group[0]
    assert block.rows is block and block.first is block[0] and block.activity == block[0].activity
    assert group.rows == [r for b in group for r in b]
    assert [r for g in groups for r in g.rows] == plan.rows
    twin = structure.Block(list(block), block.division, block.source, block.funded, block.number)
    assert twin != block and twin == twin and twin not in [block] and len({twin, block}) == 2
