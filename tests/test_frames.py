"""The pandas API for analysts (rak_xl.frames): the same figures as the CLI, and pandas only there."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

import rak_xl.frames as rf
from conftest import ROOT, WORKBOOK
from rak_xl.products import province as P
from synthetic import Template, generate


def _cli_json(*args):
    done = subprocess.run([sys.executable, "-m", "rak_xl.cli", *map(str, args), "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def report():
    return rf.load(WORKBOOK)


def test_plan_rows_of_the_shipped_workbook(report):
    rows = rf.plan_rows(WORKBOOK)  # a path works as well as a report
    assert len(rows) == len(report.plan.rows) > 50
    assert rows["id"].is_unique
    assert set(rows["table"]) == {"A", "B"}
    first = report.plan.rows[0]
    assert rows.iloc[0]["id"] == first.id and rows.iloc[0]["row"] == first.row
    assert rows.iloc[0]["indicator"] == first.indicator
    # Per Bagian, the indicators and funded ones are those the roll-up counts.
    by_division = rf.rollup(report, by="division").set_index("name")
    counted = rows.groupby("division").size()
    for name, n in counted.items():
        assert by_division.loc[name, "indicators"] == n
    assert rows.groupby("division")["funded"].sum().to_dict() == {
        k: v for k, v in by_division["indicators_funded"].to_dict().items() if k in counted}


def test_findings_equal_validate_json(report):
    frame = rf.findings(report)
    cli = _cli_json("validate", WORKBOOK)["findings"]
    assert frame.to_dict("records") == cli
    assert (frame["severity"] == "error").sum() == _cli_json("validate", WORKBOOK)["summary"]["error"]


def test_rollup_equals_the_rollup_json(report):
    cli = _cli_json("rollup", WORKBOOK)
    programs = rf.rollup(report)
    assert programs[["code", "allocated"]].values.tolist() == [[p["code"], p["allocated"]] for p in cli["programs"]]
    assert programs["rpd1"].tolist() == [p["quarters"][0] for p in cli["programs"]]
    divisions = rf.rollup(report, by="division")
    assert divisions[["name", "allocated"]].values.tolist() == [[d["name"], d["allocated"]] for d in cli["divisions"]]
    lines = rf.budget_lines(report)
    assert lines["amount"].sum() == programs["allocated"].sum()
    with pytest.raises(ValueError):
        rf.rollup(report, by="kabupaten")


def test_province_frame_equals_the_recap_sheet(tmp_path):
    made = generate(tmp_path / "kiriman", 4, seed=21, defect_rate=0.5, template=Template(WORKBOOK))
    (tmp_path / "kiriman" / "catatan.txt").write_text("bukan workbook")
    out = tmp_path / "Rekap.xlsx"
    done = subprocess.run([sys.executable, "-m", "rak_xl.cli", "province", str(tmp_path / "kiriman"), "-o", str(out),
                           "--quiet"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(P.SHEET_RECAP).to_python()
    header, rows = sheet[P.HEADER_ROW - 1], sheet[P.HEADER_ROW:-1]  # without the total row
    tables = rf.province_tables(tmp_path / "kiriman")
    frame = tables["satker"]
    assert ["No", *frame.columns] == header
    assert len(frame) == len(made) == len(rows)

    def plain(v):
        if isinstance(v, (dt.date, pd.Timestamp)):
            return v.strftime("%d-%m-%Y")
        if v is None or v == "" or (isinstance(v, float) and v != v):
            return None
        return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v

    for (n, row), written in zip(frame.iterrows(), rows):
        assert [plain(n), *map(plain, row.tolist())] == [plain(v) for v in written]
    book = CalamineWorkbook.from_path(str(out))
    errors = book.get_sheet_by_name(P.SHEET_ERRORS).to_python()
    assert ["No", *tables["errors"].columns] == errors[P.HEADER_ROW - 1]  # the sheets' headers, not a copy
    errors = errors[P.HEADER_ROW:]
    assert len(tables["errors"]) == sum(1 for r in errors if r[6])  # rows with a rule code
    skipped = book.get_sheet_by_name(P.SHEET_SKIPPED).to_python()
    assert ["No", *tables["skipped"].columns] == skipped[P.HEADER_ROW - 1]
    assert tables["skipped"]["Berkas"].tolist() == ["catatan.txt"]
    assert rf.province(tmp_path / "kiriman", use_cache=False).equals(frame)


def test_buttons_and_cli_do_not_need_pandas(tmp_path):
    """pandas blocked: the CLI commands and the jobs behind every button still run."""
    script = textwrap.dedent(f"""
        import sys
        sys.modules["pandas"] = None  # any `import pandas` now fails
        from rak_xl.cli import main
        from rak_xl.products import jobs, province
        from rak_xl.adapters.file_read import read_grids
        book = {str(WORKBOOK)!r}
        assert main(["validate", book, "--format", "json"]) in (0, 1)
        assert main(["rollup", book]) == 0
        assert main(["run", book, "-o", {str(tmp_path / "hasil.xlsm")!r}]) == 0
        assert main(["province", {str(ROOT / "workbook")!r}, "-o", {str(tmp_path / "r.xlsx")!r}, "--quiet"]) == 0
        grids = read_grids(book)
        for job in (jobs.validation_outputs, jobs.rollup_outputs, jobs.consolidation_outputs):
            job(jobs.validate(grids, "RAK_2022.xlsm"))
        jobs.evaluation_outputs(jobs.evaluate(grids, "RAK_2022.xlsm"))
        assert "pandas" not in [m for m in sys.modules if sys.modules[m] is not None]
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok")
