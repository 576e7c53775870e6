"""Every indicator of the seed plan is a row of the workbook, as the seed has it."""

from __future__ import annotations

import re

import pytest

from conftest import SEED, WORKBOOK
from rak_xl.adapters.file_read import read_grids
from rak_xl.parse.plan import parse_plan


def _flat(text: str) -> str:
    """The seed without layout: HTML tags and line/page breaks removed, spaces folded."""
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def plan():
    plan, findings = parse_plan(read_grids(WORKBOOK))
    assert findings == []
    return plan


def test_indicator_count(plan):
    # Table A: 6 (logistik) + 4 (peraturan) + 12 (humas/parmas) + 3 (advokasi) + 6 (teknis) = 31
    # Table B: 7 + 5 + 9 + 8 + 7 + 3 + 3 = 42
    assert len(plan.rows_of("A")) == 31
    assert len(plan.rows_of("B")) == 42
    assert len({r.id for r in plan.rows}) == 73


@pytest.mark.skipif(not SEED.exists(), reason="the seed lives in ../shared (not part of this repository)")
def test_sample_texts_are_verbatim_from_the_seed(plan):
    seed = _flat(SEED.read_text(encoding="utf-8"))
    by_id = {r.id: r for r in plan.rows}
    bare = re.sub(r"\s", "", seed)  # word-wrap repairs only removed spaces inside words
    for rid in ("A-001", "A-008", "A-015", "A-025", "A-028", "A-031", "B-001", "B-018", "B-020", "B-031", "B-041"):
        row = by_id[rid]
        assert re.sub(r"\s", "", row.indicator) in bare, rid
        assert _flat(row.group) in seed, rid
    # Every indicator starts as in the seed (page-break joins and word-wrap repairs come later in a cell).
    for row in plan.rows:
        assert _flat(row.indicator)[:25] in seed, row.id


def test_blocks_carry_shared_target_activity_and_marks(plan):
    by_id = {r.id: r for r in plan.rows}
    # A-001..A-004 come from one seed cell: same group, target, activity and marks.
    block = [by_id[f"A-00{i}"] for i in range(1, 5)]
    assert {r.activity for r in block} == {block[0].activity}
    assert all(r.target.value == 100 and r.target.is_percent for r in block)
    assert all(r.marks == (True, True, True, True) for r in block)
    # Page-break continuations are joined to the cell they continue.
    assert by_id["A-002"].indicator.endswith("pengadaan logistic keperluan Pemilu/Pemilihan")
    assert by_id["A-022"].activity.endswith("Perguruan Tinggi dan Masyarakat)")


def test_seed_defects_are_kept(plan):
    by_id = {r.id: r for r in plan.rows}
    assert by_id["A-028"].target is None  # the PAW row has no target in the seed
    from rak_xl.parse.values import split_numbering

    assert split_numbering(by_id["A-014"].indicator)[1] == split_numbering(by_id["A-015"].indicator)[1]
    assert by_id["B-018"].indicator == "Tersedianya Data dan Informasi Kepegawaian"  # swapped with activity
    assert by_id["B-020"].activity.startswith("5.") and by_id["B-019"].activity.startswith("5.")
    assert by_id["A-031"].indicator.endswith("sesuai dengan")  # cut off in the seed
    assert by_id["B-001"].text("unit_in_charge") == "1. Divisi Keuangan, Umum dan Logistik"
    assert plan.identity.get("signed_on").year == 2023
    assert plan.identity.get("budget_revised") == 4_451_669_000


def test_budget_lines_add_up_to_program_amounts(plan):
    for program in plan.programs:
        lines = [b for b in plan.budget_lines if b.program == program.code]
        assert sum(b.amount for b in lines) == program.amount
        assert {b.division for b in lines} - {None}
    assert {b.division for b in plan.budget_lines} == set(plan.division_names)
    for line in plan.budget_lines:
        assert sum(line.rpd_by_quarter) == line.amount
