"""Rekap Anggaran on the shipped workbook: the issue's acceptance numbers, through the CLI's JSON."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tomllib

import pytest

from conftest import ROOT, WORKBOOK
from rak_xl.core import layout as L

SOURCES = ROOT / "workbook" / "sources"


def rollup_json(path) -> dict:
    done = subprocess.run([sys.executable, "-m", "rak_xl.cli", "rollup", str(path), "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def shipped() -> dict:
    return rollup_json(WORKBOOK)


def _seed_programs() -> dict[str, int]:
    with open(SOURCES / "program.csv", encoding="utf-8") as f:
        return {r["kode_program"]: int(r["pagu"]) for r in csv.DictReader(f)}


def _all_ints(value) -> bool:
    if isinstance(value, dict):
        return all(_all_ints(v) for k, v in value.items() if k not in ("name", "code"))
    if isinstance(value, list):
        return all(_all_ints(v) for v in value)
    return isinstance(value, int) and not isinstance(value, bool)


def test_json_shape_and_whole_rupiah(shipped):
    assert set(shipped) == {"dipa", "programs", "divisions"}
    assert set(shipped["dipa"]) == {"pagu", "allocated", "difference"}
    for p in shipped["programs"]:
        assert set(p) == {"code", "name", "pagu", "allocated", "difference", "quarters"}
        assert len(p["quarters"]) == 4
    for d in shipped["divisions"]:
        assert set(d) == {"name", "allocated", "by_program", "quarters"}
    assert _all_ints(shipped)


def test_program_totals_equal_the_seed_amounts(shipped):
    seed = _seed_programs()
    assert {p["code"]: p["allocated"] for p in shipped["programs"]} == seed
    assert {p["code"]: p["pagu"] for p in shipped["programs"]} == seed
    assert all(p["difference"] == 0 for p in shipped["programs"])


def test_dipa_difference_is_revised_pagu_minus_program_amounts(shipped):
    identity = tomllib.loads((SOURCES / "identitas.toml").read_text(encoding="utf-8"))["identitas"]
    revised = identity["Pagu Revisi (Rp)"]
    assert revised != identity["Pagu Awal (Rp)"]  # the revised pagu is the one in force
    assert shipped["dipa"]["pagu"] == revised == 4_451_669_000
    assert shipped["dipa"]["allocated"] == sum(_seed_programs().values())
    assert shipped["dipa"]["difference"] == revised - sum(_seed_programs().values()) == 27_734_000


def test_divisions_add_up_to_programs(shipped):
    programs = {p["code"]: p["allocated"] for p in shipped["programs"]}
    for code, total in programs.items():
        assert sum(d["by_program"][code] for d in shipped["divisions"]) == total
    assert sum(d["allocated"] for d in shipped["divisions"]) == sum(programs.values())
    for d in shipped["divisions"]:
        assert d["allocated"] == sum(d["by_program"].values())
        assert sum(d["quarters"]) == d["allocated"]


def test_quarters_add_up_to_the_pagu(shipped):
    for p in shipped["programs"]:
        assert sum(p["quarters"]) == p["pagu"]
    quarters = [sum(p["quarters"][i] for p in shipped["programs"]) for i in range(4)]
    assert quarters == [sum(d["quarters"][i] for d in shipped["divisions"]) for i in range(4)]


def test_a_changed_budget_line_moves_program_and_division(edit):
    """Anggaran row 5 (the first line, 076.01.CQ, Keuangan) goes from 185.000.000 to 185.000.100."""
    changed = rollup_json(edit({L.SHEET_BUDGET: {"F5": 185_000_100}}))
    cq = next(p for p in changed["programs"] if p["code"] == "076.01.CQ")
    assert cq["allocated"] == 1_646_458_100 and cq["difference"] == -100
    keu = next(d for d in changed["divisions"] if "Keuangan" in d["name"])
    assert keu["by_program"]["076.01.CQ"] == 355_750_100
    # The DIPA compares with what the Program sheet states, which did not change.
    assert changed["dipa"]["difference"] == 27_734_000


def test_counts_per_division_follow_penanggung_jawab(edit):
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.parse.plan import parse_plan
    from rak_xl.figures.structure import UNASSIGNED
    from rak_xl.figures.rollup import rollup

    def counts(path):
        plan, _ = parse_plan(read_grids(path))
        return {d.name: (d.indicators, d.indicators_funded, d.activities, d.activities_funded)
                for d in rollup(plan).divisions}

    base = counts(WORKBOOK)
    assert sum(c[0] for c in base.values()) == 73  # every indicator row counted once
    # Unassigned: the rows no step of the order gives a unit, whatever funds them: the group "Pemeriksaan
    # Internal KPU" (B-030..B-036) names none and its name points at no Bagian; its lines fund all 7 rows.
    assert base[UNASSIGNED] == (7, 7, 7, 7)
    # A-008 (RAK_KPU row 12) names a division; its block A-007..A-010 (one sub-activity, funded
    # by a Hukum dan SDM line) follows the stated one: four indicators and one activity move.
    moved = counts(edit({L.SHEET_RAK_A: {"K12": "Bagian Perencanaan, Data dan Informasi"}}))
    hukum, pdi = "Bagian Hukum dan SDM", "Bagian Perencanaan, Data dan Informasi"
    assert moved[hukum][0] == base[hukum][0] - 4 and moved[hukum][2] == base[hukum][2] - 1
    assert moved[pdi][0] == base[pdi][0] + 4 and moved[pdi][2] == base[pdi][2] + 1
    assert moved[pdi][3] == base[pdi][3] + 1  # the block is funded wherever it is counted


def test_table_format(workbook_copy):
    done = subprocess.run([sys.executable, "-m", "rak_xl.cli", "rollup", str(workbook_copy)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "27.734.000" in done.stdout and "076.01.WA" in done.stdout
    assert "Tanpa penanggung jawab" in done.stdout


def test_the_dipa_difference_is_also_the_validation_finding(edit):
    """The roll-up and the RAK409 rule use the same sums: a difference shows in both, or in neither."""
    from rak_xl.products import jobs
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.figures.rollup import rollup

    def both(path):
        report = jobs.validate(read_grids(path), path.name)
        return rollup(report.plan).dipa_difference, [f for f in report.findings if f.code == "RAK409"]

    difference, findings = both(WORKBOOK)
    assert difference == 27_734_000
    assert len(findings) == 1 and str(findings[0].params["difference"]).replace(".", "").endswith("27734000")
    assert findings[0].params["difference"].value == 27_734_000  # a number until a language writes it
    # Revised pagu = programs: no difference in the sheet, no finding.
    difference, findings = both(edit({L.SHEET_IDENTITY: {"B10": 4_423_935_000}}))
    assert difference == 0 and findings == []


def test_a_line_of_an_unknown_division_still_adds_up(edit):
    from rak_xl.figures.sums import UNKNOWN_DIVISION

    changed = rollup_json(edit({L.SHEET_BUDGET: {"D5": "Bagian Entah Apa"}}))
    unknown = next(d for d in changed["divisions"] if d["name"] == UNKNOWN_DIVISION)
    assert unknown["allocated"] == 185_000_000 == unknown["by_program"]["076.01.CQ"]
    for p in changed["programs"]:
        assert sum(d["by_program"][p["code"]] for d in changed["divisions"]) == p["allocated"]


def test_funded_blocks_agree_with_the_validation_rule(edit):
    """A row whose activity differs from its block only by spacing and case is still in the block:
    the roll-up calls it funded exactly when Validasi raises no RAK407 for it."""
    from rak_xl.products import jobs
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.figures.structure import blocks_of as blocks

    shipped = jobs.validate(read_grids(WORKBOOK))
    row = next(r for r in shipped.plan.rows if r.id == "A-002")  # same block as A-001, which is funded
    odd = "  " + row.activity.upper().replace(" ", "  ") + " "
    report = jobs.validate(read_grids(edit({row.sheet: {row.ref("activity").a1: odd}})))
    # RAK407 lists the first row of each unfunded block among its cells.
    unfunded_rows = {(c.sheet, c.row) for f in report.findings if f.code == "RAK407" for c in f.all_cells}
    for block in blocks(report.plan):
        assert block.funded == ((block.rows[0].sheet, block.rows[0].row) not in unfunded_rows), block.rows[0].id
    a002 = next(b for b in blocks(report.plan) if any(r.id == "A-002" for r in b.rows))
    assert a002.funded and [r.id for r in a002.rows][:2] == ["A-001", "A-002"]


def test_every_text_states_the_absorption_guide_in_force():
    """The guide's numbers are written once (layout.ABSORPTION_GUIDE): the Rekap Anggaran sheet's
    column and note, and both buttons' help on the Petunjuk sheet, state the same ones."""
    import re

    from rak_xl.adapters.file_read import read_grids
    from rak_xl.products import jobs

    guide = list(L.ABSORPTION_GUIDE)
    report = jobs.validate(read_grids(WORKBOOK), WORKBOOK.name)
    (sheet,) = jobs.rollup_outputs(report).sheets
    head = next(i for i, row in enumerate(sheet.values) if row and row[0] == "Triwulan")
    column = sheet.values[head].index("Pedoman penyerapan")
    assert [round(row[column] * 100) for row in sheet.values[head + 1:head + 5]] == guide
    note = next(row[0] for row in sheet.values if row and str(row[0]).startswith("Pedoman penyerapan yang lazim"))
    assert [int(g) for g in re.findall(r"(\d+)%", note)] == guide
    helps = [text for _macro, caption, text in L.BUTTONS if caption in ("Rekap Anggaran", "Evaluasi")]
    assert len(helps) == 2
    for text in helps:
        assert "/".join(str(g) for g in guide) + "%" in text
