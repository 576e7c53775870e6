"""The bad-workbook corpus (tests/make_bad_corpus.py) through the real command line.

Every case asserts: the exit code documented in README.md, the findings with
their sheet and cell or the Indonesian message on stderr, no traceback, no
leftover temporary file, and the input file byte-identical afterwards.

The CLI runs as a subprocess (`python -m rak_xl ...`), all cases side by side
in threads so the table costs seconds. "Locked by another program" is what
Windows reports as a sharing violation (PermissionError) when Excel holds the
file; on Linux, where such locks are advisory and root ignores file modes, it
is simulated with a Python audit hook in the child process that raises
PermissionError when the file is opened (read lock) or replaced (write lock).
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT
import make_bad_corpus as corpus

CASES = {c.name: c for c in corpus.cases()}

# Run inside the child before the CLI: simulate another program holding the file.
LOCK_HOOK = r"""
import os, sys
target, mode = os.path.realpath(sys.argv[1]), sys.argv[2]

def _same(path):
    try:
        return os.path.realpath(os.fsdecode(path)) == target
    except TypeError:  # a file descriptor
        return False

def hook(event, args):
    if mode == "read" and event == "open" and _same(args[0]):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process", args[0])
    if mode == "write" and event == "os.rename" and _same(args[1]):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process", args[1])

sys.addaudithook(hook)
from rak_xl.cli import main
sys.exit(main(sys.argv[3:]))
"""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cli(args: list[str], lock: str = "", target: Path | None = None) -> subprocess.CompletedProcess:
    if lock:
        cmd = [sys.executable, "-c", LOCK_HOOK, str(target), lock, *args]
    else:
        cmd = [sys.executable, "-m", "rak_xl", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def _run_case(case: corpus.Case, path: Path) -> dict:
    if case.readonly:
        path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    before = _sha(path)
    files_before = set(path.parent.iterdir())
    result = {"path": path, "validate": _cli(["validate", str(path), "--format", "json"],
                                             case.lock if case.lock == "read" else "", path)}
    if case.run is not None:
        args = [a.replace("{dir}", str(path.parent)) for a in case.run]
        result["run"] = _cli(["run", str(path), *args], case.lock if case.lock == "write" else "", path)
    result["unchanged"] = _sha(path) == before
    result["new_files"] = set(path.parent.iterdir()) - files_before
    return result


@pytest.fixture(scope="session")
def results(tmp_path_factory) -> dict[str, dict]:
    made = corpus.generate(tmp_path_factory.mktemp("bad_corpus"))
    with ThreadPoolExecutor(max_workers=(os.cpu_count() or 2) + 2) as pool:
        futures = {name: pool.submit(_run_case, CASES[name], path) for name, path in made.items()}
        return {name: f.result() for name, f in futures.items()}


@pytest.fixture(scope="session")
def aliases() -> dict[str, str]:
    return corpus.cell_aliases()


def _report(done: subprocess.CompletedProcess) -> dict:
    assert done.stdout.strip(), f"no JSON report; stderr: {done.stderr}"
    return json.loads(done.stdout)


def _codes(report: dict) -> collections.Counter:
    return collections.Counter(f["code"] for f in report["findings"])


def test_the_corpus_has_at_least_thirty_kinds():
    assert len([c for c in CASES if c != "baseline"]) >= 30


@pytest.mark.parametrize("name", [n for n in CASES if n != "baseline"])
def test_bad_input(name, results, aliases):
    case, result = CASES[name], results[name]
    path, done = result["path"], result["validate"]
    # Never a traceback, never "exit 3" (a bug): every bad input gets an answer.
    for key in ("validate", "run"):
        if key in result:
            assert "Traceback" not in result[key].stderr + result[key].stdout, result[key].stderr
            assert result[key].returncode != 3, result[key].stderr
    assert result["unchanged"], "the input file was modified"

    if case.exit == 2:
        assert done.returncode == 2, done.stderr
        assert not done.stdout.strip()
        for text in case.stderr:
            assert text in done.stderr, done.stderr
        assert path.name in done.stderr  # the message names the file
    elif case.lock != "write" and not case.readonly and "output" not in name:
        report = _report(done)
        # The documented contract: 1 when the plan has errors, else 0.
        assert done.returncode == (1 if report["summary"]["error"] else 0)
        if case.exit is not None:
            assert done.returncode == case.exit
        found = {(f["code"], f"{f['sheet']}!{f['cell']}" if f["cell"] else f["sheet"]): f for f in report["findings"]}
        for code, where in case.findings:
            where = aliases.get(where, where)
            assert (code, where) in found, f"{code} at {where} missing; got {sorted(found)[:20]}"
            if code in ("RAK109", "RAK110"):  # the cell has no value: one finding, not one per check
                assert sum(1 for c, w in found if w == where) == 1, [k for k in found if k[1] == where]
        if case.message:
            first = found[(case.findings[0][0], aliases.get(case.findings[0][1], case.findings[0][1]))]
            assert case.message in first["message"], first["message"]
        structure = {k for k in found if k[0].startswith("RAK1")}
        assert structure == {(c, aliases.get(w, w)) for c, w in case.findings if c.startswith("RAK1")}, \
            "unexpected structure findings"
        if case.same_as_shipped:
            shipped = results["baseline"]["validate"]
            assert done.returncode == shipped.returncode
            assert _codes(report) == _codes(_report(shipped)), "the file reads differently from the shipped one"
        if "same_as" in case.checks:
            other = results[case.checks["same_as"]]["validate"]
            assert _codes(report) == _codes(_report(other))

    if case.run is not None:
        ran = result["run"]
        assert ran.returncode == case.run_exit, ran.stderr
        for text in case.run_stderr:
            assert text in ran.stderr, ran.stderr
        expected_new = {path.with_name(f"{path.stem}_hasil{path.suffix}")} if case.run == () else set()
        assert result["new_files"] == expected_new, "a temporary or unexpected file was left behind"
    else:
        assert result["new_files"] == set()


def test_ten_thousand_rows_are_all_read(results):
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.parse.plan import parse_plan

    plan, findings = parse_plan(read_grids(results["rows_10000"]["path"]))
    assert len(plan.rows_of("B")) == 10_000
    assert not [f for f in findings if f.code.startswith("RAK10") and f.code != "RAK106"]


def test_long_and_control_text_reach_the_findings_sheet_as_text(results):
    """The 50,000-character cell and the control characters come out shortened/replaced, readable."""
    from python_calamine import CalamineWorkbook

    from rak_xl import layout as L

    for name in ("long_cell", "control_characters"):
        path = results[name]["path"]
        out = path.with_name(f"{path.stem}_hasil{path.suffix}")
        rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(L.SHEET_FINDINGS).to_python()
        text = "\n".join(str(v) for row in rows for v in row)
        assert "RAK10" in text
        assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text)
    control = results["control_characters"]["path"]
    rows = CalamineWorkbook.from_path(str(control.with_name(f"{control.stem}_hasil{control.suffix}"))) \
        .get_sheet_by_name(L.SHEET_FINDINGS).to_python()
    assert any("v\ufffd" in str(v) for row in rows for v in row), "the bell character should show as \ufffd"


def test_formula_error_is_found_in_a_workbook_with_large_output_sheets(tmp_path, edit):
    """After `run` the workbook carries Temuan, Konsolidasi, Evaluasi...: the reader then looks
    up which sheet part is which and scans only the sheets it read. A #REF! in one of those
    must still be found (RAK109), at its cell."""
    import zipfile

    from conftest import WORKBOOK
    from rak_xl.adapters import file_read
    from rak_xl.cli import main

    out = tmp_path / "hasil.xlsm"
    assert main(["run", str(WORKBOOK), "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        xml_size = sum(i.file_size for i in zf.infolist() if i.filename.startswith("xl/worksheets/"))
    assert xml_size > file_read._SKIP_LOOKUP_ABOVE  # this workbook takes the look-up path
    sheet, cell = corpus.error_cell("formula_error_ref").split("!")
    broken = edit({sheet: {cell: "#REF!"}}, source=out)
    done = subprocess.run([sys.executable, "-m", "rak_xl", "validate", str(broken), "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    found = [(f["code"], f["sheet"], f["cell"]) for f in json.loads(done.stdout)["findings"]]
    assert ("RAK109", sheet, cell) in found
