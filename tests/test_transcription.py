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


# -- every change from the plan's own words (workbook/sources/README.md) -----------------------

SOURCES_README = WORKBOOK.parent / "sources" / "README.md"
# The cells whose text is the plan's: each RAK table's group, indicator, sub-activity and Penanggung Jawab
# columns with their header row, the Bagian and Program names, the Identitas values.
PLAN_TEXT_COLUMNS = {"RAK_KPU": "BCFK", "RAK_Sekretariat": "BCFK", "Bagian": "B", "Program": "B", "Identitas": "B"}
FIRST_ROW = {"RAK_KPU": 4, "RAK_Sekretariat": 4, "Bagian": 5, "Program": 5, "Identitas": 4}


def _readme_table(heading: str) -> list[list[str]]:
    """The rows of the first table after `heading` in the sources README, as cell texts (header left out)."""
    lines = SOURCES_README.read_text(encoding="utf-8").split(heading, 1)[1].splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    block = []
    for line in lines[first + 2:]:  # past the header and its |---| line
        if not line.startswith("|"):
            break
        block.append([c.strip() for c in line.strip().strip("|").split(" | ")])
    return block


def _cell(grids, ref: str):
    sheet, a1 = ref.split("!")
    row, col = int(a1[1:]), ord(a1[0]) - ord("A")
    line = grids[sheet][row - 1]
    return line[col] if col < len(line) else None


@pytest.fixture(scope="module")
def grids():
    return read_grids(WORKBOOK)


@pytest.fixture(scope="module")
def changes():
    """(cell, the plan's pieces, the workbook's text) of every listed change."""
    out = []
    for cell, plan_says, workbook_says, _why in _readme_table("## Every change from the plan's own words"):
        out.append((cell, re.findall(r"`([^`]+)`", plan_says), re.fullmatch(r"`([^`]+)`", workbook_says)[1]))
    return out


def test_the_change_list_names_the_header_and_the_bagian_names(changes):
    listed = {(cell, tuple(plan), wb) for cell, plan, wb in changes}
    assert ("RAK_Sekretariat!B4", ("Sasaran Pogram",), "Sasaran Program") in listed
    assert ("Bagian!B6", ("Bagian Perencanaan Data dan Informasi",), "Bagian Perencanaan, Data dan Informasi") in listed
    assert any(cell == "Bagian!B7" and "Pemilihan Umum ," in plan[0] and "Pemilu," in wb for cell, plan, wb in changes)
    text = SOURCES_README.read_text(encoding="utf-8")
    assert '"Sasaran Pogram" header)' not in text  # the header is not kept: the list says what it reads


@pytest.mark.skipif(not SEED.exists(), reason="the seed lives in ../shared (not part of this repository)")
def test_each_listed_change_is_the_seeds_and_the_workbooks(changes, grids):
    seed = _flat(SEED.read_text(encoding="utf-8"))
    for cell, plan_pieces, workbook_says in changes:
        assert all(_flat(piece) in seed for piece in plan_pieces), (cell, plan_pieces)
        assert _flat(workbook_says) in _flat(str(_cell(grids, cell))), (cell, workbook_says)


@pytest.mark.skipif(not SEED.exists(), reason="the seed lives in ../shared (not part of this repository)")
def test_every_plan_text_of_the_workbook_is_the_seeds_or_listed(changes, grids):
    """A cell's text with its listed changes undone is found in the seed, piece by piece: a change the
    list does not name (a silent correction) fails here."""
    seed = _flat(SEED.read_text(encoding="utf-8"))
    by_cell: dict[str, list] = {}
    for cell, plan_pieces, workbook_says in changes:
        by_cell.setdefault(cell, []).append((plan_pieces, workbook_says))
    unexplained, checked = [], 0
    for sheet, columns in PLAN_TEXT_COLUMNS.items():
        for row in range(FIRST_ROW[sheet], len(grids[sheet]) + 1):
            for column in columns:
                ref = f"{sheet}!{column}{row}"
                value = _cell(grids, ref)
                if not isinstance(value, str) or not value.strip() or (sheet == "Identitas" and row == 15):
                    continue  # Identitas row 15, Triwulan Pelaporan: rak_xl's, not the plan's
                text = _flat(value)
                for plan_pieces, workbook_says in by_cell.get(ref, []):
                    text = text.replace(_flat(workbook_says), "\0".join(_flat(p) for p in plan_pieces))
                checked += 1
                unexplained += [(ref, piece) for piece in text.split("\0") if piece.strip() not in seed]
    assert checked >= 3 * 73 and unexplained == []  # indicator, group and sub-activity of 73 rows at least


def test_numbers_and_dates_are_the_plans(grids):
    import datetime as dt

    from rak_xl.parse.values import parse_date, parse_money

    rows = _readme_table("Numbers and dates are written as values")
    assert {r[0] for r in rows} >= {"Identitas!B9", "Identitas!B10", "Program!C5", "Program!C6", "Identitas!B12"}
    seed = _flat(SEED.read_text(encoding="utf-8")) if SEED.exists() else None
    for cell, plan_says, holds in rows:
        written = re.fullmatch(r"`([^`]+)`", plan_says)[1]
        assert seed is None or written in seed, cell
        value = _cell(grids, cell)
        if isinstance(value, dt.date):
            assert value.isoformat() == holds == parse_date(written).isoformat(), cell
        elif written.startswith("Tahun"):
            assert int(value) == int(holds) == int(written.split()[1]), cell
        else:
            assert int(value) == int(holds) == parse_money(written), cell
