"""Evaluasi Triwulan: formulas, roll-up, absorption, RAK6xx rules and the CLI, on real workbook files."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import openpyxl
import pytest

from conftest import ROOT, WORKBOOK
from rak_xl.figures import quarterly as E
from rak_xl.products import jobs
from rak_xl.core import layout as L
from rak_xl.adapters.file_read import read_grids
from rak_xl.parse.quarterly_input import default_lower_is_better, parse_quarter

# Capaian sheet: header on row 4, A-001 on row 5; columns I..L = Realisasi TW 1..4.
CAPAIAN_FIRST = L.ACHIEVEMENT.header_row + 1


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rak_xl.cli", *args], capture_output=True, text=True, cwd=ROOT)


# -- formulas -------------------------------------------------------------------------------

@pytest.mark.parametrize("target, realised, lower, expected", [
    (50, 45, False, 90.0),  # higher is better: R / T
    (50, 55, False, 110.0),  # above target counts above 100
    (50, 40, True, 120.0),  # lower is better: (1 + (1 - R/T))
    (50, 60, True, 80.0),
    (50, 50, True, 100.0),
    (10, 25, True, 0.0),  # more than twice the target: floored at 0%, never negative
    (4, 0, False, 0.0),
])
def test_capaian_formula(target, realised, lower, expected):
    value, state = E.achievement(target, realised, lower)
    assert state == E.OK
    assert value == pytest.approx(expected)


@pytest.mark.parametrize("target, realised, state", [
    (None, 40, E.NO_TARGET), (None, None, E.NO_TARGET), (50, None, E.NO_DATA), (0, 3, E.ZERO_TARGET),
    (0, 0, E.ZERO_TARGET),
])
def test_capaian_states_without_a_value(target, realised, state):
    assert E.achievement(target, realised, False) == (None, state)
    assert E.achievement(target, realised, True) == (None, state)


@pytest.mark.parametrize("value, grade", [
    (150.0, "sangat tinggi"), (90.01, "sangat tinggi"), (90.0, "tinggi"), (75.01, "tinggi"), (75.0, "sedang"),
    (65.0, "rendah"), (50.01, "rendah"), (50.0, "sangat rendah"), (0.0, "sangat rendah"), (None, ""),
])
def test_grade_ranges(value, grade):
    assert E.grade(value) == grade


def test_the_grade_scale_staff_read_is_the_one_applied():
    """METHOD_GRADE (under the Evaluasi tables, in the JSON) states the bands grade() applies."""
    bands = re.findall(r"(>|<=)(\d+)(?:-(\d+))?% ([a-z ]+?)(?:,|\.$)", E.METHOD_GRADE)
    assert len(bands) == len(E.GRADE_BANDS) + 1
    for sign, low, high, label in bands:
        if sign == "<=":
            assert E.grade(float(low)) == E.grade(0.0) == label
            continue
        assert E.grade(float(low)) != label and E.grade(float(low) + 0.01) == label
        if high:
            assert E.grade(float(high)) == label


def test_the_absorption_guide_staff_read_is_the_one_applied():
    guide = [int(g) for g in re.findall(r"TW \d (\d+)%", E.METHOD_ABSORPTION)]
    ev = E.evaluate(jobs.validate(read_grids(WORKBOOK)).plan, 2)
    assert guide == [p.guide_pct for p in ev.curve] == [float(g) for g in L.ABSORPTION_GUIDE]
    assert ev.total_absorption.guide == guide[1]


@pytest.mark.parametrize("raw, quarter", [
    (2, 2), (2.0, 2), ("2", 2), ("TW 2", 2), ("tw2", 2), ("TW II", 2), ("Triwulan IV", 4), ("TW. 3", 3),
    ("III", 3), (5, None), ("TW 5", None), ("semester 1", None), (True, None), (None, None),
])
def test_reporting_quarter_spellings(raw, quarter):
    assert parse_quarter(raw) == quarter


def test_direction_default_from_the_indicator_text():
    assert default_lower_is_better("1. Penurunan jumlah sengketa hukum")
    assert not default_lower_is_better("Persentase penurunan nilai temuan")  # a rate: higher is better
    assert not default_lower_is_better("Persentase satker ...")


def test_absorption_and_deviation_on_known_numbers():
    a = E.Absorption("076.01.CQ", pagu=1_000_000_000, planned_to_date=400_000_000, realised_to_date=300_000_000, guide=40.0)
    assert a.absorption == pytest.approx(30.0)
    assert a.planned_share == pytest.approx(40.0)
    assert a.deviation == -100_000_000
    assert a.deviation_pct == pytest.approx(-25.0)
    assert a.guide_gap == pytest.approx(-10.0)
    ahead = E.Absorption("x", pagu=200, planned_to_date=50, realised_to_date=120, guide=15.0)
    assert (ahead.absorption, ahead.deviation, ahead.deviation_pct, ahead.guide_gap) == (60.0, 70, 140.0, 45.0)
    unreported = E.Absorption("x", pagu=200, planned_to_date=50, realised_to_date=None, guide=15.0)
    assert (unreported.absorption, unreported.deviation, unreported.deviation_pct) == (None, None, None)
    assert E.Absorption("x", pagu=0, planned_to_date=0, realised_to_date=0, guide=15.0).absorption is None


# -- the workbook, edited the way staff would ---------------------------------------------------

@pytest.fixture
def flagged(edit):
    """TW 2 realisation of the first sub-activity block changed, one quarter mark removed, an unknown ID."""
    r = CAPAIAN_FIRST
    return edit({
        L.SHEET_ACHIEVEMENT: {
            f"J{r}": 0.5,  # A-001 50% of 50%: 100
            f"J{r + 1}": 0.25,  # 50
            f"J{r + 2}": None,  # missing although TW 2 is reported -> RAK603
            f"J{r + 3}": 0.8,  # 160 -> RAK607
            f"I{r + 4}": 0.3, f"J{r + 4}": 0.2,  # A-005 drops from 30% to 20% -> RAK606, capaian 40
            f"A{r + 73}": "Z-999",  # an ID the plan does not have -> RAK608
        },
        L.SHEET_RAK_A: {"H10": None},  # A-006 no longer marked in TW 2, yet realisation grows -> RAK605
    })


def test_rollup_of_capaian_by_hand(flagged):
    run = jobs.evaluate(read_grids(flagged), flagged.name, 2)
    ev = run.evaluation
    by_id = {i.row.id: i for i in ev.indicators}
    assert [by_id[k].value for k in ("A-001", "A-002", "A-004", "A-005")] == pytest.approx([100, 50, 160, 40])
    assert by_id["A-003"].state == E.NO_DATA and by_id["A-003"].value is None
    assert by_id["A-028"].state == E.NO_TARGET
    block = next(b for b in ev.blocks if b.table == "A" and b.name.startswith("1. Terlaksananya fasilitasi"))
    assert (block.indicators, block.counted) == (4, 3)
    assert block.value == round((100 + 50 + 160) / 3, 2)  # rounded where computed (figures/rounding.py)
    group = next(g for g in ev.groups if g.name.startswith("PENGELOLAAN PENGADAAN"))
    a006 = by_id["A-006"].value  # 48% of 50%
    assert a006 == pytest.approx(96)
    assert (group.indicators, group.counted) == (6, 5)
    assert group.value == pytest.approx((100 + 50 + 160 + 40 + 96) / 5)
    counted = [i.value for i in ev.indicators if i.value is not None]
    # 73 rows less A-003 (no data), A-028 (no target), the 9 one-off events not yet due, the 3 yearly
    # scores not yet measured and the 3 reductions without a baseline.
    assert ev.overall.counted == len(counted) == 56
    assert ev.overall.value == pytest.approx(round(sum(counted) / len(counted), 2))
    for d in ev.divisions:
        mine = [i.value for i in ev.indicators if i.division == d.name and i.value is not None]
        assert d.value == pytest.approx(round(sum(mine) / len(mine), 2))
    assert sum(d.indicators for d in ev.divisions) == 73


def test_evaluation_flags(flagged):
    findings = jobs.validate(read_grids(flagged), flagged.name, select=["RAK6"]).findings
    got = sorted((f.code, f.sheet, f.a1) for f in findings)
    r = CAPAIAN_FIRST
    assert got == sorted([
        ("RAK603", L.SHEET_ACHIEVEMENT, f"J{r + 2}"),
        ("RAK605", L.SHEET_ACHIEVEMENT, f"J{r + 5}"),
        ("RAK606", L.SHEET_ACHIEVEMENT, f"J{r + 4}"),
        ("RAK607", L.SHEET_ACHIEVEMENT, f"J{r + 3}"),
        ("RAK608", L.SHEET_ACHIEVEMENT, f"A{r + 73}"),
    ])
    text = {f.code: f.message() for f in findings}
    assert "30%" in text["RAK606"] and "20%" in text["RAK606"]
    assert "160%" in text["RAK607"]


def test_unreadable_reporting_quarter_is_one_warning_and_skips_the_missing_checks(edit):
    path = edit({L.SHEET_IDENTITY: {"B15": "semester 1"}, L.SHEET_ACHIEVEMENT: {f"J{CAPAIAN_FIRST}": None}})
    findings = jobs.validate(read_grids(path), path.name, select=["RAK6"], ignore=["RAK610"]).findings
    assert [(f.code, f.a1) for f in findings] == [("RAK602", "B15")]


def test_spending_missing_for_a_reported_quarter(edit):
    first = L.SPENDING.header_row + 1
    path = edit({L.SHEET_SPENDING: {f"D{first}": None}})
    findings = jobs.validate(read_grids(path), path.name, select=["RAK6"], ignore=["RAK610"]).findings
    assert [(f.code, f.sheet, f.a1) for f in findings] == [("RAK604", L.SHEET_SPENDING, f"D{first}")]
    assert "46.250.000" in findings[0].message()


def test_the_shipped_workbook_has_no_evaluation_finding():
    """The Capaian and Realisasi Anggaran sheets are ours (illustrative): they pass every rule about them."""
    findings = jobs.validate(read_grids(WORKBOOK), WORKBOOK.name, select=["RAK6"]).findings
    assert findings == []


# -- reduction indicators: the direction follows what the target measures -------------------------

def _indicator(path, row_id: str, quarter: int = 2) -> dict:
    data = jobs.evaluate(read_grids(path), path.name, quarter).as_dict()
    return next(i for i in data["indicators"] if i["id"] == row_id), data["findings"]


RISING = {L.SHEET_ACHIEVEMENT: {"E27": 0.25, "F27": 0.5, "G27": 0.75, "I27": 0.2, "J27": 0.45,
                                "E28": 0.25, "F28": 0.5, "G28": 0.75, "I28": 0.25, "J28": 0.55}}


def test_reduction_with_rising_percent_targets_needs_a_baseline(edit):
    """A-023 'Penurunan jumlah sengketa ...', Arah Turun, targets 25/50/75/100%, realised 45% at TW 2: a
    reduction of 100% says by how much, not from what, so it is not judged (neither 110% nor 90%)."""
    a023, findings = _indicator(edit(RISING), "A-023")
    assert (a023["target"], a023["realised"]) == (50.0, 45.0)
    assert a023["capaian"] is None and a023["kind"] == "reduction" and a023["judgement"] == E.NO_BASELINE
    (f,) = [f for f in findings if f["code"] == "RAK610"]
    assert f["cells"] == ["D27", "D28"] and "A-023, A-024" in f["message"] and "25% -> 50%" in f["message"]
    # "Persentase penurunan ..." (B-030) is a rate by its wording and its Arah Naik: no finding.
    assert "B-030" not in f["message"]


def test_the_corrected_arah_stays_quiet(edit):
    """Arah Naik says the percentage is a completion rate (RAK610's hint): judged as progress, 45% of 50%."""
    fixed = edit({L.SHEET_ACHIEVEMENT: {**RISING[L.SHEET_ACHIEVEMENT], "D27": "Naik", "D28": "Naik"}})
    a023, findings = _indicator(fixed, "A-023")
    assert a023["capaian"] == 90.0 and a023["kind"] == "progress" and a023["direction"] == "Naik"
    assert not [f for f in findings if f["code"] in ("RAK610", "RAK324")]


def test_reduction_of_a_count_is_scored_lower_is_better(edit):
    """A-023 as a ceiling: at most 4 disputes, 3 so far at TW 2: (1 + (1 - 3/4)) x 100% = 125%."""
    path = edit({L.SHEET_RAK_A: {"D27": 4, "E27": "sengketa"},
                 L.SHEET_ACHIEVEMENT: {**RISING[L.SHEET_ACHIEVEMENT],
                                       "E27": 4, "F27": 4, "G27": 4, "H27": 4, "I27": 1, "J27": 3}})
    a023, findings = _indicator(path, "A-023")
    assert a023["direction"] == "Turun" and a023["capaian"] == 125.0
    rak610 = [f for f in findings if f["code"] == "RAK610"]
    assert rak610 and "A-023" not in rak610[0]["message"]  # A-024 is still the rising-percent case


def test_reduction_with_falling_percent_targets_is_scored_lower_is_better(edit):
    """A-024 aiming from 20% down to 5%: 12% against 15% at TW 2 is (1 + (1 - 12/15)) x 100% = 120%;
    the falling cumulative target is no RAK312 for a reduction."""
    path = edit({L.SHEET_RAK_A: {"D28": 0.05},
                 L.SHEET_ACHIEVEMENT: {"E28": 0.20, "F28": 0.15, "G28": 0.10, "H28": 0.05, "I28": 0.18, "J28": 0.12}})
    a024, _ = _indicator(path, "A-024")
    assert a024["direction"] == "Turun" and a024["capaian"] == pytest.approx(120.0)
    codes = {(f.code, f.row_id) for f in jobs.validate(read_grids(path), path.name).findings}
    assert ("RAK312", "A-024") not in codes and ("RAK610", "A-024") not in codes


def test_absorption_against_the_revised_dipa_pagu(edit):
    data = jobs.evaluate(read_grids(WORKBOOK), WORKBOOK.name, 2).as_dict()
    total, dipa = data["absorption"]["total"], data["absorption"]["dipa"]
    assert dipa["name"] == "Pagu DIPA (revisi)" and dipa["pagu"] == 4_451_669_000
    assert total["pagu"] == 4_423_935_000  # the lines' sum: short of the revised pagu (RAK409)
    assert dipa["realised_to_date"] == total["realised_to_date"]
    assert dipa["absorption_pct"] == pytest.approx(round(total["realised_to_date"] / 4_451_669_000 * 100, 2))
    assert dipa["absorption_pct"] < total["absorption_pct"]
    # Without a revision the initial pagu is the one in force.
    initial = edit({L.SHEET_IDENTITY: {"B10": None}})
    dipa = jobs.evaluate(read_grids(initial), initial.name, 2).as_dict()["absorption"]["dipa"]
    assert (dipa["name"], dipa["pagu"]) == ("Pagu DIPA (awal)", 3_178_163_000)
    # Shown in the table and on the Evaluasi sheet.
    assert "Pagu DIPA (revisi)" in _cli("evaluate", str(WORKBOOK)).stdout
    run = jobs.evaluate(read_grids(WORKBOOK), WORKBOOK.name, 2)
    sheet = jobs.evaluation_outputs(run).sheets[0]
    row = next(r for r in sheet.values if r and r[0] == "Pagu DIPA (revisi)")
    assert row[1] == 4_451_669_000


# -- workbooks made before the evaluation existed ----------------------------------------------

@pytest.fixture
def old_workbook(tmp_path):
    """The shipped workbook without the evaluation sheets and without Triwulan Pelaporan."""
    wb = openpyxl.load_workbook(WORKBOOK, keep_vba=True)
    for name in L.OPTIONAL_SHEETS:
        del wb[name]
    ws = wb[L.SHEET_IDENTITY]
    ws["A15"] = None
    ws["B15"] = None
    path = tmp_path / "RAK_lama.xlsm"
    wb.save(path)
    return path


def test_old_workbook_still_validates_with_one_information(old_workbook):
    new = jobs.validate(read_grids(WORKBOOK), WORKBOOK.name)
    old = jobs.validate(read_grids(old_workbook), old_workbook.name)
    added = [f for f in old.findings if f not in new.findings]
    assert [(f.code, f.severity) for f in added] == [("RAK601", "info")]
    assert old.summary["error"] == new.summary["error"]


def test_old_workbook_evaluation_is_not_started(old_workbook):
    out = _cli("evaluate", str(old_workbook), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["status"] == E.NOT_STARTED
    assert data["overall"]["counted"] == 0
    assert {i["state"] for i in data["indicators"]} <= {E.NOT_STARTED, E.NO_TARGET}
    assert {i["judgement"] for i in data["indicators"]} == {""}  # nothing to judge, whatever the kind
    assert [f["code"] for f in data["findings"]] == ["RAK601"]


# -- the shipped workbook on the command line, recomputed from its cells -----------------------

def _sheet_rows(ws, header_row: int) -> list[dict]:
    header = [c.value for c in ws[header_row]]
    return [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=header_row + 1)
            if row[0].value not in (None, "")]


def test_cli_tw2_matches_a_recomputation_from_the_sheet_values():
    out = _cli("evaluate", str(WORKBOOK), "--quarter", "2", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["quarter"] == 2 and data["status"] == E.RUNNING

    from rak_xl.figures.kinds import REDUCTION, kind_by_words

    wb = openpyxl.load_workbook(WORKBOOK, read_only=True)
    indicator = {row["ID"]: row["Indikator Kinerja Kegiatan"] for sheet in (L.RAK_A, L.RAK_B)
                 for row in _sheet_rows(wb[sheet.sheet], sheet.header_row)}
    capaian = {}
    for row in _sheet_rows(wb[L.SHEET_ACHIEVEMENT], L.ACHIEVEMENT.header_row):
        t, r = row["Target TW 2"], row["Realisasi TW 2"]
        # No target yet (a yearly score), a zero one (an event not due) or a reduction without a baseline
        # (its percent targets do not fall): not judged.
        if t is None or r is None or t == 0 or kind_by_words(indicator[row["ID"]]) == REDUCTION:
            continue
        targets = [row[f"Target TW {k}"] for k in (1, 2, 3, 4) if row[f"Target TW {k}"] is not None]
        rising = len(set(targets)) > 1 and targets == sorted(targets)  # a rate of progress: higher is better
        capaian[row["ID"]] = (2 - r / t) * 100 if row["Arah"] == "Turun" and not rising else r / t * 100
    got = {i["id"]: i["capaian"] for i in data["indicators"] if i["capaian"] is not None}
    assert got == pytest.approx({k: round(v, 2) for k, v in capaian.items()})
    assert data["overall"]["capaian"] == pytest.approx(sum(capaian.values()) / len(capaian), abs=0.005)
    assert data["overall"]["counted"] == len(capaian) == 57

    budget = _sheet_rows(wb[L.SHEET_BUDGET], L.BUDGET_LINES.header_row)
    spent = {row["Kode Anggaran"]: row for row in _sheet_rows(wb[L.SHEET_SPENDING], L.SPENDING.header_row)}
    programs: dict[str, list[int]] = {}
    for line in budget:
        s = spent[line["Kode Anggaran"]]
        sums = programs.setdefault(line["Program"], [0, 0, 0])
        sums[0] += line["Pagu (Rp)"]
        sums[1] += line["RPD TW 1"] + line["RPD TW 2"]
        sums[2] += s["Realisasi TW 1 (Rp)"] + s["Realisasi TW 2 (Rp)"]
    got = {p["name"]: p for p in data["absorption"]["programs"]}
    assert set(got) == set(programs) == {"076.01.CQ", "076.01.WA"}
    for code, (pagu, planned, realised) in programs.items():
        p = got[code]
        assert (p["pagu"], p["planned_to_date"], p["realised_to_date"]) == (pagu, planned, realised)
        assert p["deviation"] == realised - planned
        assert p["absorption_pct"] == pytest.approx(round(realised / pagu * 100, 2))
        assert p["deviation_pct"] == pytest.approx(round((realised - planned) / planned * 100, 2))
        assert p["guide_gap_pct"] == pytest.approx(round(realised / pagu * 100 - 40, 2))
    total = data["absorption"]["total"]
    assert total["realised_to_date"] == sum(v[2] for v in programs.values())


def test_cli_tw3_is_not_yet_reported():
    out = _cli("evaluate", str(WORKBOOK), "--quarter", "3", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["status"] == E.NOT_REPORTED == "belum dilaporkan"
    states = {i["state"] for i in data["indicators"]}
    # Besides, what no report can change: the yearly scores are measured in TW 4, the reductions lack a baseline.
    assert states == {E.NOT_REPORTED, E.NO_TARGET, E.NOT_MEASURED_YET, E.NO_BASELINE}
    assert {i["id"] for i in data["indicators"] if i["state"] == E.NOT_MEASURED_YET} == {"B-031", "B-032", "B-035"}
    assert data["absorption"]["total"]["realised_to_date"] is None
    table = _cli("evaluate", str(WORKBOOK), "--quarter", "3")
    assert "TW 3 belum dilaporkan" in table.stdout


def test_cli_quarter_defaults_to_the_workbook_and_table_format():
    out = _cli("evaluate", str(WORKBOOK))
    assert out.returncode == 0, out.stderr
    assert "Evaluasi TW 2" in out.stdout and "Keseluruhan" in out.stdout
    assert _cli("evaluate", str(WORKBOOK), "--quarter", "5").returncode == 2  # argparse refuses


def test_evaluation_sources_are_in_step_with_the_plan():
    from rak_xl.products.builder.quarterly_sources import generate

    folder = ROOT / "workbook" / "sources"
    for name, text in generate(folder).items():
        assert (folder / name).read_text(encoding="utf-8") == text, "run python -m rak_xl.products.builder.quarterly_sources"


def test_run_writes_the_evaluation_sheet_with_the_same_figures(workbook_copy, tmp_path):
    out = tmp_path / "hasil.xlsm"
    done = _cli("run", str(workbook_copy), "-o", str(out))
    assert done.returncode == 0, done.stderr
    ws = openpyxl.load_workbook(out, read_only=True)[L.SHEET_EVALUATION]
    rows = [r for r in ws.iter_rows(values_only=True)]
    assert rows[0][0].startswith("EVALUASI KINERJA TRIWULAN II (TW 2)")
    overall = next(r for r in rows if r[0] == "Keseluruhan")
    alone = jobs.evaluate(read_grids(workbook_copy), workbook_copy.name).evaluation
    assert overall[1] == pytest.approx(alone.overall.value / 100)
    assert overall[7] == alone.total_absorption.realised_to_date


def test_without_the_spending_sheet_absorption_is_not_reported_as_zero(tmp_path):
    wb = openpyxl.load_workbook(WORKBOOK, keep_vba=True)
    del wb[L.SHEET_SPENDING]
    path = tmp_path / "tanpa_realisasi_anggaran.xlsm"
    wb.save(path)
    ev = jobs.evaluate(read_grids(path), path.name).evaluation
    assert ev.status == E.RUNNING and ev.overall.counted == 57  # indicators are reported
    assert ev.total_absorption.planned_to_date == 1_905_095_000  # RPD TW 1-2 still shown
    assert ev.total_absorption.realised_to_date is None and ev.total_absorption.absorption is None
    assert all(p.realised_pct is None for p in ev.curve)
    from rak_xl.outputs.evaluation_sheet import status_line

    assert "Realisasi anggaran TW 2 belum diisi" in status_line(ev)


def test_evaluasi_counts_each_indicator_for_the_same_division_as_rekap_anggaran():
    """One method assigns a row without Penanggung Jawab to a Bagian, for every sheet.

    The shipped plan names the responsible unit once (B-001), so most rows depend on
    the fallback; before, Evaluasi had its own and put 13 rows elsewhere (B-014:
    Hukum dan SDM in Evaluasi, Keuangan in Rekap Anggaran).
    """
    from rak_xl.figures.rollup import rollup

    plan = jobs.validate(read_grids(WORKBOOK), "RAK_2022.xlsm").plan
    ev = E.evaluate(plan, 2)
    in_evaluation = {r.name: r.indicators for r in ev.divisions}
    in_rollup = {d.name: d.indicators for d in rollup(plan).divisions if d.indicators}
    assert in_evaluation == in_rollup
    assert sum(in_evaluation.values()) == len(plan.rows) == 73
