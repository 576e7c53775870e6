"""The bad-workbook corpus (tests/make_bad_corpus.py) through the real command line.

Every case asserts: the exit code documented in docs/commands.md, the findings with
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
import re
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
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    except subprocess.TimeoutExpired:  # a runaway case fails alone, not the whole table
        return subprocess.CompletedProcess(cmd, -9, "", "still running after 300 s (killed)")


def _fingerprint(case: corpus.Case, path: Path) -> str:
    # A FIFO or a link to a device is never read here (it would block or never end): its kind counts.
    if case.special:
        return f"{os.lstat(path).st_mode:o}:{os.readlink(path) if path.is_symlink() else ''}"
    return _sha(path)


def _fill(arg: str, path: Path) -> str:
    """{file}, {dir}, and {file_up}: the input reached through its folder's parent (dir/../dir/name)."""
    up = path.parent / ".." / path.parent.name / path.name
    return arg.replace("{file_up}", str(up)).replace("{file}", str(path)).replace("{dir}", str(path.parent))


def _run_case(case: corpus.Case, path: Path) -> dict:
    if case.readonly:
        path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    before = _fingerprint(case, path)
    files_before = set(path.parent.iterdir())
    result = {"path": path, "validate": _cli(["validate", str(path), "--format", "json"],
                                             case.lock if case.lock == "read" else "", path)}
    if case.run is not None:
        args = [_fill(a, path) for a in case.run]
        result["run"] = _cli(["run", str(path), *args], case.lock if case.lock == "write" else "", path)
    result["also"] = [_cli([_fill(a, path) for a in args]) for args, _exit, _stderr in case.also]
    result["unchanged"] = _fingerprint(case, path) == before
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
    for done_ in [result[k] for k in ("validate", "run") if k in result] + result["also"]:
        assert "Traceback" not in done_.stderr + done_.stdout, done_.stderr
        assert done_.returncode in (0, 1, 2), done_.stderr  # never 3 (a bug), never a signal
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
        if case.checks.get("formula_limits"):
            _assert_formula_limits(path.with_name(f"{path.stem}_hasil{path.suffix}"))
        if case.checks.get("email"):
            _assert_plain_email(path.parent / "Kiriman")
        if "outputs_replaced" in case.checks:
            _assert_outputs_replaced(path, case.checks["outputs_replaced"])
        if "same_as" in case.checks:
            other = results[case.checks["same_as"]]["validate"]
            assert _codes(report) == _codes(_report(other))

    for (args, code, texts), ran in zip(case.also, result["also"]):
        assert ran.returncode == code, (args, ran.stderr)
        for text in texts:
            assert text in ran.stderr, ran.stderr
    allowed = {path.parent / name for name in case.leaves}
    if case.run is not None:
        ran = result["run"]
        assert ran.returncode == case.run_exit, ran.stderr
        for text in case.run_stderr:
            assert text in ran.stderr, ran.stderr
        expected_new = ({path.with_name(f"{path.stem}_hasil{path.suffix}")} if case.run == () and case.run_exit == 0
                        else set())
        assert result["new_files"] - allowed == expected_new, "a temporary or unexpected file was left behind"
    else:
        assert result["new_files"] - allowed == set(), "a temporary or unexpected file was left behind"


def _assert_formula_limits(path: Path) -> None:
    """Every formula within Excel's limits: 8,192 characters, text constants of at most 255."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as zf:
        xml = b"".join(zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))
    formulas = [f.decode() for f in re.findall(rb"<f>(.*?)</f>", xml, re.DOTALL)]
    assert any("HYPERLINK" in f for f in formulas)
    import html

    for formula in map(html.unescape, formulas):
        assert len(formula) <= 8192, formula[:80]
        for text in re.findall(r'"((?:[^"]|"")*)"', formula):
            assert len(text.replace('""', '"')) <= 255, text[:80]


def _assert_plain_email(folder: Path) -> None:
    text = next(folder.glob("*/*_email.txt")).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("Subjek: ") and len(lines[0]) <= 200, lines[0][:300]
    assert not any(line.startswith("Bcc:") for line in lines)
    assert all(len(line) <= 998 for line in lines)  # RFC 5322's line limit
    assert not any(0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in text)


def _assert_outputs_replaced(path: Path, staff_names: tuple[str, ...]) -> None:
    """The outputs took the place of the sheets Excel considers theirs; no 'Temuan1', nothing lost."""
    import openpyxl

    from rak_xl.core import layout as L

    before = openpyxl.load_workbook(path, read_only=True).sheetnames
    after = openpyxl.load_workbook(path.with_name(f"{path.stem}_hasil{path.suffix}"), read_only=True).sheetnames
    assert len({n.casefold() for n in after}) == len(after), after
    outputs = {n.casefold() for n in L.OUTPUT_SHEETS}
    assert not [n for n in after if n.casefold() not in outputs and n.casefold().rstrip("0123456789") in outputs], after
    for name in staff_names:  # replaced in place: same position, the output's own name
        assert name not in after
        assert after[before.index(name)].casefold() == name.casefold()
    kept = [n for n in before if n.casefold() not in outputs]
    assert [n for n in after if n.casefold() not in outputs] == kept  # staff sheets: none renamed or lost


def test_ten_thousand_rows_are_all_read(results):
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.parse.plan import parse_plan

    plan, findings = parse_plan(read_grids(results["rows_10000"]["path"]))
    assert len(plan.rows_of("B")) == 10_000
    assert not [f for f in findings if f.code.startswith("RAK10") and f.code != "RAK106"]


def test_long_and_control_text_reach_the_findings_sheet_as_text(results):
    """The 50,000-character cell and the control characters come out shortened/replaced, readable."""
    from python_calamine import CalamineWorkbook

    from rak_xl.core import layout as L

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
    from conftest import WORKBOOK
    from rak_xl.cli import main

    out = tmp_path / "hasil.xlsm"
    assert main(["run", str(WORKBOOK), "-o", str(out)]) == 0
    sheet, cell = corpus.error_cell("formula_error_ref").split("!")
    broken = edit({sheet: {cell: "#REF!"}}, source=out)
    done = subprocess.run([sys.executable, "-m", "rak_xl", "validate", str(broken), "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    found = [(f["code"], f["sheet"], f["cell"]) for f in json.loads(done.stdout)["findings"]]
    assert ("RAK109", sheet, cell) in found


# -- file-system failures: exit 2, a message naming the path, nothing left behind ------------------

# Run inside the child before the CLI: the folder given refuses writes with the errno given, as a
# full disk (ENOSPC) or a read-only share (EROFS) would. New files can still be created when
# `mode` is "write" (the disk fills while writing); with "all" nothing can be created there.
FS_HOOK = r"""
import errno, os, sys
root, code, mode = os.path.realpath(sys.argv[1]), getattr(errno, sys.argv[2]), sys.argv[3]

def _under(path):
    try:
        path = os.path.realpath(os.fsdecode(path))
    except TypeError:
        return False
    return path == root or path.startswith(root + os.sep)

def hook(event, args):
    if event == "open" and isinstance(args[2], int) and args[2] & (os.O_WRONLY | os.O_RDWR) and _under(args[0]):
        if mode == "all" or not args[2] & os.O_EXCL:
            raise OSError(code, os.strerror(code), args[0])
    if event == "os.mkdir" and mode == "all" and _under(args[0]):
        raise OSError(code, os.strerror(code), args[0])

sys.addaudithook(hook)
from rak_xl.cli import main
sys.exit(main(sys.argv[4:]))
"""


def _limited(max_bytes: int):
    """preexec_fn: a file-size limit (RLIMIT_FSIZE) for the child; writes past it fail with EFBIG."""
    def apply() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of the signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))
    return apply


def _scenario_cli(tmp_path: Path, args: list[str], hook: tuple[Path, str, str] | None = None,
                  fsize: int | None = None) -> subprocess.CompletedProcess:
    scratch = tmp_path / "temp"
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "TMPDIR": str(scratch)}
    if hook is not None:
        cmd = [sys.executable, "-c", FS_HOOK, str(hook[0]), hook[1], hook[2], *args]
    else:
        cmd = [sys.executable, "-m", "rak_xl", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300, env=env,
                          preexec_fn=_limited(fsize) if fsize else None)


FS_SCENARIOS = {
    # name: (command, hook mode and errno or a file-size limit, expected words)
    "run_disk_full": ("run", ("ENOSPC", "write"), None, "disk penuh"),
    "run_file_size_limit": ("run", None, 16 * 1024, "melebihi batas ukuran"),
    "submit_read_only_folder": ("submit", ("EROFS", "all"), None, "hanya-baca"),
    "submit_disk_full": ("submit", ("ENOSPC", "write"), None, "disk penuh"),
    "submit_file_size_limit": ("submit", None, 16 * 1024, "melebihi batas ukuran"),
    "province_disk_full": ("province", ("ENOSPC", "write"), None, "disk penuh"),
    "province_file_size_limit": ("province", None, 4 * 1024, "melebihi batas ukuran"),
}


@pytest.mark.parametrize("name", list(FS_SCENARIOS))
def test_file_system_failure_is_exit_2_and_leaves_nothing(name, tmp_path):
    import shutil

    from conftest import WORKBOOK

    command, hook, fsize, words = FS_SCENARIOS[name]
    source_dir = tmp_path / "satker"
    source_dir.mkdir()
    source = source_dir / "RAK_satker.xlsm"
    shutil.copyfile(WORKBOOK, source)
    before = _sha(source)
    out = tmp_path / "keluar"
    out.mkdir()
    args = {"run": ["run", str(source), "-o", str(out / "hasil.xlsm")],
            "submit": ["submit", str(source), "-o", str(out / "Kiriman"), "--no-pdf", "--force"],
            "province": ["province", str(source_dir), "-o", str(out / "rekap.xlsx"), "--quiet"]}[command]
    done = _scenario_cli(tmp_path, args, (out, *hook) if hook else None, fsize)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert words in done.stderr, done.stderr
    assert str(out) in done.stderr, done.stderr  # the message names the path
    assert _sha(source) == before
    assert list(out.iterdir()) == [], "something was left in the output folder"
    assert list((tmp_path / "temp").iterdir()) == [], "temporary files were left behind"


def test_province_reads_around_hostile_entries(results, tmp_path):
    """One folder holding a good workbook, another satker's with a Pagu of 1e308, a cell beyond the
    grid, a FIFO, a link to /dev/zero, a broken link, a link loop and a subfolder: the recap is
    written (exit 0), both satkers are in it, and every other entry is listed as skipped."""
    import shutil

    from python_calamine import CalamineWorkbook

    from conftest import WORKBOOK
    from rak_xl.products import province as P

    folder = tmp_path / "prov"
    folder.mkdir()
    shutil.copyfile(WORKBOOK, folder / "satker_a.xlsm")
    shutil.copyfile(results["amount_overflow"]["path"], folder / "satker_b.xlsm")
    shutil.copyfile(results["beyond_grid_column"]["path"], folder / "satker_c.xlsm")
    os.mkfifo(folder / "pipa.xlsm")
    (folder / "nol.xlsx").symlink_to("/dev/zero")
    (folder / "hilang.xlsm").symlink_to(folder / "tidak_ada.xlsm")
    (folder / "putar.xlsm").symlink_to(folder / "putar.xlsm")
    (folder / "arsip").mkdir()
    out = tmp_path / "rekap.xlsx"
    done = _cli(["province", str(folder), "-o", str(out), "--quiet", "--workers", "1"])
    assert done.returncode == 0, done.stderr
    book = CalamineWorkbook.from_path(str(out))
    recap = book.get_sheet_by_name(P.SHEET_RECAP).to_python()
    files = {row[6] for row in recap[P.HEADER_ROW:] if len(row) > 6}
    assert {"satker_a.xlsm", "satker_b.xlsm"} <= files
    skipped = {row[1] for row in book.get_sheet_by_name(P.SHEET_SKIPPED).to_python()[P.HEADER_ROW:]}
    assert {"satker_c.xlsm", "pipa.xlsm", "nol.xlsx", "hilang.xlsm", "putar.xlsm", "arsip"} <= skipped


def test_province_never_overwrites_a_satker_workbook(tmp_path):
    import shutil

    from conftest import WORKBOOK

    folder = tmp_path / "prov"
    folder.mkdir()
    target = folder / "satker_b.xlsx"
    shutil.copyfile(WORKBOOK, folder / "satker_a.xlsm")
    shutil.copyfile(WORKBOOK, target)  # any workbook the recap would read
    before = _sha(target)
    done = _cli(["province", str(folder), "-o", str(target), "--quiet"])
    assert done.returncode == 2, done.stderr
    assert "tidak ditimpa" in done.stderr and "satker_b.xlsx" in done.stderr
    assert _sha(target) == before
    # An earlier recap in the folder is the recap's own file: replaced, as before.
    recap = folder / "Rekap.xlsx"
    assert _cli(["province", str(folder), "-o", str(recap), "--quiet"]).returncode == 0
    assert _cli(["province", str(folder), "-o", str(recap), "--quiet"]).returncode == 0


def _every_byte(path: Path) -> bytes:
    """A file's bytes as a reader could see them: zip members inflated, PDF streams inflated."""
    import re
    import zipfile
    import zlib

    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            return data + b"".join(zf.read(n) for n in zf.namelist())
    if data.startswith(b"%PDF"):
        inflated = []
        for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.DOTALL):
            try:
                inflated.append(zlib.decompress(m[1]))
            except zlib.error:
                pass
        text = data + b"".join(inflated)
        # Strings in PDF metadata (/Title, /Author) are often UTF-16 hex: <FEFF0062...>.
        decoded = [bytes.fromhex(m[1].decode()).decode("utf-16-be", "replace").encode()
                   for m in re.finditer(rb"<FEFF((?:[0-9A-Fa-f]{4})+)>", text)]
        return text + b"".join(decoded)
    return data


def test_nothing_personal_leaves_with_the_package(results, tmp_path):
    """Siapkan Kiriman from a workbook (kept under the user's own folder) that carries the user's
    name in every place Office and staff leave one: no byte of the package names the user, in any
    case (xlsx members inflated, PDF streams inflated, the e-mail text)."""
    import shutil

    if shutil.which("soffice") is None:
        if os.environ.get("RAK_XL_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice is required here (RAK_XL_REQUIRE_LIBREOFFICE=1)")
        pytest.skip("LibreOffice not installed")
    user = corpus.PLANTED_USER
    home = tmp_path / "Users" / user.upper() / "Documents"
    home.mkdir(parents=True)
    source = home / "RAK_2022.xlsm"
    shutil.copyfile(results["personal_data"]["path"], source)
    done = _cli(["submit", str(source), "-o", str(home / "Kiriman"), "--force"])
    assert done.returncode == 0, done.stderr
    files = [Path(p) for p in done.stdout.split()]
    assert {p.suffix for p in files} == {".xlsx", ".pdf", ".txt"}
    for path in files:
        assert user.encode() not in _every_byte(path).lower(), f"{path.name} names the user"


# -- writing: what the table cannot say (tests/make_bad_corpus.py, writer_cases) -----------------------

def _recap(path: Path) -> tuple[list[list], list[list]]:
    """(Rekap Satker's lines below the header, Berkas Dilewati's) of a recap workbook."""
    from python_calamine import CalamineWorkbook

    from rak_xl.products import province as P

    book = CalamineWorkbook.from_path(str(path))
    return ([row for row in book.get_sheet_by_name(P.SHEET_RECAP).to_python()[P.HEADER_ROW:] if row and row[1]],
            book.get_sheet_by_name(P.SHEET_SKIPPED).to_python()[P.HEADER_ROW:])


def test_writer_strict_workbook_is_read_as_usual_by_the_recap(results):
    lines, skipped = _recap(results["strict_ooxml"]["path"].parent / "rekap.xlsx")
    assert [line[6] for line in lines if line[6]] == [results["strict_ooxml"]["path"].name], skipped


def test_writer_strict_workbook_is_refused_with_the_write_checks_before_any_work(tmp_path):
    """`run` and `submit` read with the write path's checks (read_grids(rewrite=True)): a Strict Open XML
    workbook is refused there, before the rules and outputs are worked out, not only when openpyxl is
    about to load it; the reader alone still reads it."""
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.core.errors import RakInputError

    path = tmp_path / "RAK_strict.xlsm"
    corpus.strict_ooxml(path)
    assert len(read_grids(path)) == 9
    with pytest.raises(RakInputError) as refused:
        read_grids(path, rewrite=True)
    assert refused.value.code == "RAK819"


@pytest.mark.parametrize("name", ["satker_code_fullwidth", "satker_code_arabic_indic"])
def test_writer_a_satker_code_in_other_digits_is_the_same_satker(results, name):
    """The original and the copy typed in other digits: one line, the other file listed as its duplicate,
    and the total is one satker's (4.451.669.000), not two (8.903.338.000)."""
    lines, skipped = _recap(results[name]["path"].parent / "rekap.xlsx")
    satkers = [line for line in lines if isinstance(line[0], (int, float))]
    total = next(line for line in lines if line[1] == "JUMLAH")
    assert len(satkers) == 1 and satkers[0][2] == "658021", satkers
    assert total[11] == 4_451_669_000, total
    assert len(skipped) == 1 and "sama" in " ".join(map(str, skipped[0])).casefold() or skipped, skipped


def test_writer_a_satker_name_like_a_formula_is_text_in_every_workbook_made(results):
    """`baru --dari`, `run` and `submit` from a plan whose satker name starts with '=': the name is text
    wherever it is written (no <f> holds it), and reads back as typed."""
    import re
    import zipfile
    from html import unescape

    from rak_xl.adapters.file_read import read_grids

    path = results["formula_satker_name"]["path"]
    made = [path.parent / "RAK_2023.xlsm", path.with_name(f"{path.stem}_hasil{path.suffix}"),
            *(path.parent / "Kiriman").rglob("*.xlsx")]
    assert len(made) == 3 and all(p.is_file() for p in made), made
    for workbook in made:
        with zipfile.ZipFile(workbook) as zf:
            formulas = [unescape(f) for n in zf.namelist() if n.startswith("xl/worksheets/")
                        for f in re.findall(r"<f>([^<]*)</f>", zf.read(n).decode("utf-8"))]
        assert not [f for f in formulas if "contoh.invalid" in f], (workbook.name, formulas[:3])
    grids = read_grids(made[0])
    texts = {v for grid in grids.values() for row in grid for v in row if isinstance(v, str)}
    assert corpus.INJECTED_SATKER in texts


def _as_user(home: Path, user: str) -> dict:
    """The environment of a child process run by `user`, whose home folder is `home`."""
    return {**os.environ, "PYTHONIOENCODING": "utf-8", "HOME": str(home), "USER": user, "LOGNAME": user,
            "USERNAME": user}


def _submit_as(path: Path, home: Path, user: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rak_xl", "submit", str(path), "-o", str(out), "--no-pdf",
                           "--force"], capture_output=True, text=True, cwd=ROOT, timeout=300, env=_as_user(home, user))


def test_writer_scrubs_headers_prompts_and_style_names(results, tmp_path):
    """A user folder in a header and footer, a dropdown's prompt and title and a cell style's name: none
    of it in the package the user sends (every inflated byte searched), and the package is made."""
    user = corpus.HIDDEN_USER
    home = tmp_path / "Users" / user
    home.mkdir(parents=True)
    done = _submit_as(results["personal_data_hidden"]["path"], home, user, tmp_path / "Kiriman")
    assert done.returncode == 0, done.stderr
    files = [Path(p) for p in done.stdout.split()]
    assert {p.suffix for p in files} == {".xlsx", ".txt"}
    for path in files:
        data = _every_byte(path).lower()
        assert user.encode() not in data and b"c:\\users" not in data, f"{path.name} names the user"


def test_writer_refuses_a_package_that_still_names_the_user(tmp_path):
    """What the scrub does not know (here a sheet named after the user) is found by the byte check of the
    whole package: the package is refused (RAK822), naming the file and the part, and nothing is made."""
    import openpyxl

    from conftest import WORKBOOK

    user = corpus.HIDDEN_USER
    home = tmp_path / "Users" / user
    home.mkdir(parents=True)
    source = tmp_path / "RAK_satker.xlsm"
    wb = openpyxl.load_workbook(WORKBOOK, keep_vba=True)
    wb.create_sheet(f"Catatan {user}")["A1"] = "catatan"
    wb.save(source)
    done = _submit_as(source, home, user, tmp_path / "Kiriman")
    assert done.returncode == 2, done.stderr
    assert "(RAK822)" in done.stderr and user in done.stderr and "xl/workbook.xml" in done.stderr, done.stderr
    assert not (tmp_path / "Kiriman").exists()


# -- the Rekap Provinsi cache as a trust boundary: what anyone who can write the cache folder can do ------

def _poison_row(mutate):
    """A recipe: every cached summary's JSON rewritten by `mutate(text) -> text`."""
    def apply(cache: Path) -> None:
        import sqlite3

        db = sqlite3.connect(cache / "province.sqlite3")
        with db:
            rows = db.execute("SELECT digest, engine, data FROM summary").fetchall()
            assert rows, "nothing cached to poison"
            db.executemany("UPDATE summary SET data = ? WHERE digest = ? AND engine = ?",
                           [(mutate(data), digest, engine) for digest, engine, data in rows])
        db.close()
    return apply


def _replace_file(make):
    def apply(cache: Path) -> None:
        target = cache / "province.sqlite3"
        target.unlink()
        make(target)
    return apply


def _foreign_database(path: Path) -> None:
    """Another program's SQLite file under the cache's name, with a table called summary of its own."""
    import sqlite3

    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE summary (id INTEGER PRIMARY KEY, note TEXT)")
        db.execute("INSERT INTO summary (note) VALUES ('bukan milik rak_xl')")
    db.close()


def _truncated_database(path: Path) -> None:
    """A cache cut short (a copy interrupted): a valid header, the rest missing."""
    import sqlite3

    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE summary (digest TEXT, engine TEXT, data TEXT, used REAL)")
        db.executemany("INSERT INTO summary VALUES (?, ?, ?, ?)", [(str(i), "x", "y" * 3000, 0) for i in range(50)])
    db.close()
    path.write_bytes(path.read_bytes()[:5000])


CACHE_POISONS = {
    "counts_a_list": _poison_row(lambda t: re.sub(r'"counts": \{[^}]*\}', '"counts": []', t)),
    "pagu_nan": _poison_row(lambda t: re.sub(r'"pagu": \d+', '"pagu": NaN', t)),
    "pagu_1e999": _poison_row(lambda t: re.sub(r'"pagu": \d+', '"pagu": 1e999', t)),
    "deep_json": _poison_row(lambda t: t.replace('"notes": [', '"notes": [' + "[" * 200_000 + "]" * 200_000 + ",", 1)),
    "not_json": _poison_row(lambda t: t[: len(t) // 2]),
    "foreign_database": _replace_file(_foreign_database),
    "truncated_database": _replace_file(_truncated_database),
    "garbage_file": _replace_file(lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)),
}


@pytest.fixture(scope="module")
def cache_folder(tmp_path_factory) -> Path:
    """A province folder: the shipped plan and another satker's (amount_overflow's identity)."""
    import shutil

    from conftest import WORKBOOK

    folder = tmp_path_factory.mktemp("prov_cache") / "kiriman"
    folder.mkdir()
    shutil.copyfile(WORKBOOK, folder / "satker_a.xlsm")
    corpus.amount_overflow(folder / "satker_b.xlsm")
    return folder


def _province(folder: Path, out: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rak_xl", "province", str(folder), "-o", str(out), "--quiet",
                           "--workers", "1", *extra], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", "RAK_XL_CACHE_DIR": str(cache)})


@pytest.mark.parametrize("poison", list(CACHE_POISONS))
def test_writer_a_poisoned_cache_is_dropped_and_rebuilt(cache_folder, tmp_path, poison):
    """After the cache is poisoned the recap is still exit 0 and equal to a --no-cache recap; the bad
    entries (or the whole foreign or damaged file) are replaced, so the next run is served from the
    cache again instead of reading around it every time."""
    cache = tmp_path / "cache"
    assert _province(cache_folder, tmp_path / "awal.xlsx", cache).returncode == 0
    CACHE_POISONS[poison](cache)
    done = _province(cache_folder, tmp_path / "racun.xlsx", cache)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    cold = _province(cache_folder, tmp_path / "dingin.xlsx", cache, "--no-cache")
    assert _recap(tmp_path / "racun.xlsx") == _recap(tmp_path / "dingin.xlsx")
    again = _province(cache_folder, tmp_path / "lagi.xlsx", cache)
    assert "2 berkas tidak berubah" in again.stdout, again.stdout
    assert _recap(tmp_path / "lagi.xlsx") == _recap(tmp_path / "dingin.xlsx"), cold.stderr


# Run in the child: the second time the file is opened (the worker's read, after the lookup's), it is
# rewritten with other content of the same size and its time put back, as another program could.
REWRITE_HOOK = r"""
import os, sys
target, other = os.path.realpath(sys.argv[1]), sys.argv[2]
state = {"opens": 0, "busy": False}

def hook(event, args):
    if event != "open" or state["busy"] or not isinstance(args[0], (str, bytes, os.PathLike)):
        return
    if os.path.realpath(os.fsdecode(args[0])) != target:
        return
    state["opens"] += 1
    if state["opens"] == 2:
        state["busy"] = True
        st = os.stat(target)
        with open(other, "rb") as src, open(target, "wb") as dst:
            dst.write(src.read())
        os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
        state["busy"] = False

sys.addaudithook(hook)
from rak_xl.cli import main
sys.exit(main(sys.argv[3:]))
"""


def _same_size_pair(source: Path, folder: Path, old: bytes, new: bytes) -> tuple[Path, Path]:
    """Two copies of `source` of the very same size: Pagu Awal `old`, and `new` (as many digits); the
    smaller archive padded with a zip comment."""
    import zipfile

    made = []
    for name, value in (("asli.xlsm", old), ("lain.xlsm", new)):
        out = folder / name
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info.filename).replace(b"<v>" + old + b"</v>", b"<v>" + value + b"</v>")
                zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        made.append(out)
    small, big = sorted(made, key=lambda p: p.stat().st_size)
    with zipfile.ZipFile(small, "a") as zf:
        zf.comment = b" " * (big.stat().st_size - small.stat().st_size)
    assert made[0].stat().st_size == made[1].stat().st_size
    return made[0], made[1]


def test_writer_a_file_rewritten_while_it_is_read_is_cached_under_its_own_content(tmp_path):
    """A file rewritten (same size, same time) between the cache lookup and the parse: the summary is
    stored under the digest of the bytes it was made from, so a later cached recap of the file as it
    is now equals a --no-cache recap (it showed the other content's Pagu Awal 9.178.163.000 before)."""
    import shutil

    from conftest import WORKBOOK

    folder = tmp_path / "kiriman"
    folder.mkdir()
    target = folder / "satker.xlsm"
    first, other = _same_size_pair(WORKBOOK, tmp_path, b"3178163000", b"9178163000")
    shutil.copyfile(first, target)
    original = first.read_bytes()
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "RAK_XL_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", REWRITE_HOOK, str(target), str(other), "province", str(folder),
                           "-o", str(tmp_path / "saat.xlsx"), "--quiet", "--workers", "1"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == other.read_bytes(), "the rewrite did not happen: the test proves nothing"
    target.write_bytes(original)
    assert _province(folder, tmp_path / "cache.xlsx", cache).returncode == 0
    assert _province(folder, tmp_path / "dingin.xlsx", cache, "--no-cache").returncode == 0
    cached, cold = _recap(tmp_path / "cache.xlsx"), _recap(tmp_path / "dingin.xlsx")
    assert cached == cold
    assert cold[0][0][10] == 3_178_163_000


def test_writer_province_without_o_never_replaces_what_is_no_recap(tmp_path):
    """`rak-xl province DIR` writes Rekap_Provinsi.xlsx in the working folder: over an earlier recap, yes;
    over a satker's plan (or any other file) of that name, never (RAK858, the file unchanged)."""
    import shutil

    from conftest import WORKBOOK

    folder = tmp_path / "kiriman"
    folder.mkdir()
    shutil.copyfile(WORKBOOK, folder / "satker.xlsm")
    work = tmp_path / "kerja"
    work.mkdir()
    default = work / "Rekap_Provinsi.xlsx"

    def province() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "rak_xl", "province", str(folder), "--quiet"],
                              capture_output=True, text=True, cwd=work, timeout=300,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)})

    shutil.copyfile(WORKBOOK, default)  # a plan saved under the recap's name
    before = _sha(default)
    done = province()
    assert done.returncode == 2 and "(RAK858)" in done.stderr and str(default) in done.stderr, done.stderr
    assert _sha(default) == before and sorted(p.name for p in work.iterdir()) == [default.name]
    default.write_text("catatan, bukan workbook")
    assert province().returncode == 2
    import openpyxl

    plan = openpyxl.load_workbook(WORKBOOK)  # a plan that also holds a sheet named like the recap's
    plan.create_sheet("Rekap Satker")
    plan.save(default)
    done = province()
    assert done.returncode == 2 and "(RAK858)" in done.stderr, done.stderr
    default.unlink()
    done = province()
    assert done.returncode == 0 and str(default) in done.stdout, done.stderr
    assert province().returncode == 0  # an earlier recap is the recap's own file: replaced
    assert _recap(default)[0]


def test_writer_an_account_name_inside_another_word_is_no_trace(tmp_path):
    """The byte check looks for the user's name as a word: an account called 'data' or 'sheet' is not
    found inside the package's own '<sheetData>', so the package is made."""
    from conftest import WORKBOOK

    home = tmp_path / "home" / "data"
    home.mkdir(parents=True)
    done = _submit_as(WORKBOOK, home, "data", tmp_path / "Kiriman")
    assert done.returncode == 0, done.stderr


# -- the package resolved once, as calamine resolves it; the budgets of every path -------------------

READER_CASES = [c.name for c in corpus.reader_cases()]


def test_the_province_recaps_around_every_package_and_budget_case(results, tmp_path):
    """The reader's corpus in one folder beside a good workbook, read by the worker pool: the recap is
    written (exit 0, no worker lost), each refused file is listed as skipped with its code, and the
    files only the write path refuses are read like any other (recapped, or set aside as a second
    file of the same satker: most are copies of the shipped plan)."""
    import shutil

    from conftest import WORKBOOK
    from rak_xl.products import province as P

    folder = tmp_path / "prov"
    folder.mkdir()
    shutil.copyfile(WORKBOOK, folder / "satker_asli.xlsm")
    for name in READER_CASES:
        shutil.copyfile(results[name]["path"], folder / f"{name}.xlsm")
    out = tmp_path / "rekap.xlsx"
    done = _cli(["province", str(folder), "-o", str(out), "--quiet", "--workers", "2"])
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    lines, skipped_lines = _recap(out)
    files = {row[6] for row in lines if len(row) > 6}
    skipped = {row[1]: " ".join(map(str, row)) for row in skipped_lines}
    for name in READER_CASES:
        case = CASES[name]
        if case.exit == 2:
            code = next(t for t in case.stderr if t.startswith("(RAK"))
            assert code.strip("()") in skipped.get(f"{name}.xlsm", ""), (name, skipped.get(f"{name}.xlsm"))
        else:
            assert f"{name}.xlsm" in files or P.KIND_DUPLICATE in skipped.get(f"{name}.xlsm", ""), name
    assert "satker_asli.xlsm" in files or P.KIND_DUPLICATE in skipped.get("satker_asli.xlsm", "")
    assert not [row for row in skipped.values() if P.KIND_BUG in row]


def test_calamine_is_given_the_censused_parts_only_stored(tmp_path, monkeypatch):
    """What calamine opens is a package of the parts the reader resolved and censused, stored
    uncompressed, each byte for byte the member it came from (a sheet as workbook_parts.calamine_view
    arranges it, where it does): nothing else of the file reaches it."""
    import io
    import zipfile

    import python_calamine

    from conftest import WORKBOOK
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.adapters.workbook_parts import calamine_view
    from rak_xl.core.layout import is_output_sheet

    given = []
    real = python_calamine.CalamineWorkbook.from_filelike

    def spy(filelike, *args, **kwargs):
        given.append(filelike.getvalue())
        return real(io.BytesIO(given[-1]), *args, **kwargs)

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", spy)
    grids = read_grids(WORKBOOK)
    with zipfile.ZipFile(WORKBOOK) as original, zipfile.ZipFile(io.BytesIO(given[0])) as package:
        infos = package.infolist()
        assert {i.compress_type for i in infos} == {zipfile.ZIP_STORED}
        read = {n for n in package.namelist() if n.startswith("xl/worksheets/")}
        assert len(read) == len(grids) and not any(is_output_sheet(n) for n in grids)
        moved = 0
        for name in package.namelist():
            if name.startswith("xl/"):
                given_part, member = package.read(name), original.read(name)
                if given_part != member:
                    moved += 1
                    assert name in read and given_part == calamine_view(member), name
        assert moved, "the workbook's sheets are given as calamine_view arranges them"
        assert not {"xl/vbaProject.bin", "xl/theme/theme1.xml", "docProps/core.xml"} & set(package.namelist())


def test_a_panic_in_calamine_is_a_refusal_not_a_crash(results, monkeypatch):
    """calamine's Rust code panicking reaches Python as pyo3's PanicException, a BaseException that
    `except Exception` misses. A real one (calamine's .xlsb reader on a record cut short) raised where
    the reader opens its package must give RAK714, exit 2, like any unreadable file."""
    import io

    import python_calamine

    from conftest import WORKBOOK
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.core.errors import RakInputError

    damaged = results["xlsb_damaged"]["path"].read_bytes()
    real = python_calamine.CalamineWorkbook.from_filelike
    with pytest.raises(BaseException) as panic:
        real(io.BytesIO(damaged))
    assert type(panic.value).__name__ == "PanicException" and not isinstance(panic.value, Exception)
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike",
                        lambda *_a, **_k: real(io.BytesIO(damaged)))
    with pytest.raises(RakInputError) as refused:
        read_grids(WORKBOOK)
    assert refused.value.code == "RAK714" and "pembaca berhenti" in refused.value.message


def test_the_grids_come_from_the_bytes_given(tmp_path, results):
    """read_grids(path, data): the bytes the caller read (and hashed) are read, not the file again;
    the path names the file in messages."""
    import shutil

    from conftest import WORKBOOK
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.core import layout as L
    from rak_xl.core.errors import RakInputError

    path = tmp_path / "RAK.xlsm"
    shutil.copyfile(results["amount_overflow"]["path"], path)
    assert read_grids(path, WORKBOOK.read_bytes()) == read_grids(WORKBOOK)
    assert read_grids(path)[L.SHEET_IDENTITY] != read_grids(WORKBOOK)[L.SHEET_IDENTITY]
    with pytest.raises(RakInputError) as refused:
        read_grids(path, results["member_case_duplicate"]["path"].read_bytes())
    assert refused.value.code == "RAK719" and "RAK.xlsm" in refused.value.message


def test_the_budgets_pass_the_largest_real_workbook(tmp_path):
    """The 10,000-row workbook of tests/synthetic.py is within every budget of the reader and of
    the write path (the copy `run` makes of it, 360,000 cells, is measured in
    rak_xl/adapters/rewrite_checks.py: a run of it takes a minute, too long for a test)."""
    import synthetic

    from rak_xl.adapters.file_read import read_grids

    big = tmp_path / "RAK_besar.xlsm"
    synthetic.make_large(big, 10_000)
    assert len(read_grids(big, rewrite=True)) >= 6
