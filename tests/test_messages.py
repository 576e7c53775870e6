"""Messages that must not contradict each other or point at the wrong place (issue 13)."""

from __future__ import annotations

from conftest import WORKBOOK
from rak_xl.products import jobs
from rak_xl.core import layout as L
from rak_xl.adapters.file_read import read_grids
from rak_xl.outputs.evaluation_sheet import status_line


def _validate(path):
    return jobs.validate(read_grids(path), path.name)


def test_reporting_quarter_without_data_is_one_fact_that_evaluasi_agrees_with(edit):
    tw3 = edit({L.SHEET_IDENTITY: {"B15": "TW 3"}})
    report = _validate(tw3)
    missing = [f for f in report.findings if f.code == "RAK603"]
    # One fact ("TW 3 is empty"), not one per indicator; every empty cell listed and highlighted.
    assert len(missing) == 1
    (f,) = missing
    # A-028 has no target; the yearly scores B-031, B-032 and B-035 are measured in TW 4, not before.
    assert f.sheet == L.SHEET_ACHIEVEMENT and len(f.cells) == 69
    assert "Realisasi TW 3 belum diisi untuk 69 indikator" in f.message()
    assert not {"B-031", "B-032", "B-035"} & {r.id for r in report.plan.rows if r.realised_to_date_ref(3) in f.cells}
    assert "sudah dilaporkan" not in f.message()
    spending = [f for f in report.findings if f.code == "RAK604"]
    assert len(spending) == 1 and "sudah dilaporkan" not in spending[0].message()
    # Evaluasi says the same thing: TW 3 is due and its realisation is empty.
    line = status_line(jobs.evaluation_of(report).evaluation)
    assert line.startswith("TW 3 belum dilaporkan") and "Triwulan Pelaporan" in line and "TW 3" in line
    assert "sudah dilaporkan" not in line


def test_a_duplicated_id_is_not_also_missing_from_capaian(edit):
    dup = edit({L.SHEET_RAK_A: {"A6": "A-001"}})  # A-002's row now carries A-001 too
    report = _validate(dup)
    assert any(f.code == "RAK108" for f in report.findings)
    for f in report.findings:
        if f.code == "RAK609":
            assert "A-001" not in f.message(), f.message()


def test_an_edited_pagu_is_reported_at_the_pagu_with_its_rpd(edit):
    changed = edit({L.SHEET_BUDGET: {"F5": 185_000_001}})
    (f,) = [f for f in _validate(changed).findings if f.code == "RAK410"]
    assert f.a1 == "F5"
    assert [c.a1 for c in f.cells] == ["F5", "G5", "H5", "I5", "J5"]


def test_shipped_workbook_has_no_evaluation_noise():
    codes = {f.code for f in _validate(WORKBOOK).findings}
    assert not {"RAK603", "RAK604", "RAK609"} & codes
