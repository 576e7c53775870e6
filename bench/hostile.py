"""The hostile-input recipes: exit code, time and peak memory of each, of this checkout or two.

    python bench/hostile.py                      # a few minutes on 2 cores
    python bench/hostile.py --keep               # keep the generated files (their folder is printed)
    python bench/hostile.py --code CHECKOUT      # the same recipes, the CLI of another checkout
    python bench/hostile.py --compare CHECKOUT   # one table: CHECKOUT (before) and this checkout (after)

Builds the hostile workbooks with this checkout's tests/make_bad_corpus.py into a temporary folder (in
a child process, so the bench's own memory is no floor under the children's peak), then runs each
recipe's command in a fresh process and reports its exit code, wall time and peak RSS (os.wait4,
Linux), next to `rak-xl validate` of the shipped workbook measured in the same run (the baseline;
ratios are against it). The README's budget is checked for every recipe: a workbook under 1 MB
answers within 5 s and 500 MB (`validate`) or 15 s and 1 GB (`run`, `submit`, and `province` over
the folder of them; any other command gets `validate`'s), with exit 0, 1 or 2.
The package and budget recipes (make_bad_corpus.reader_cases) run through every command that
reads a file, the writing recipes (writer_cases, a poisoned cache) through those that write. Every child runs
under a 4 GiB address-space limit, so a regression shows as a failure here, not as a swapping
machine, and is killed with its process group after --timeout seconds (shown as "timeout").
The CLI runs from --code (default: this checkout), first on PYTHONPATH and as the working folder;
the files are always this checkout's corpus. --compare gives each side its own copy of the corpus
and its own cache folder (a command of one side may change or leave files the other must not see)
and runs each recipe on both sides in turn, so a change of the machine's load touches both alike.
This is a measurement, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
# seconds, MiB; the province recipe reads a folder of these files, so it gets a run's budget
BUDGETS = {"validate": (5.0, 500), "run": (15.0, 1024), "submit": (15.0, 1024), "province": (15.0, 1024)}
LIMIT_AS = 4 * 1024**3
TIMEOUT = 120.0  # seconds of wall time before a child and its workers are killed
CODE = ROOT  # the checkout whose CLI runs (--code)
OLDER = ("far_cell_last", "far_cell_zz100000", "dimension_lie", "beyond_grid_column", "beyond_grid_row",
         "formula_scan_many", "merge_huge", "fifo", "symlink_to_device", "amount_overflow", "pagu_awal_max",
         "amount_not_finite", "styles_missing", "sheet_name_forbidden", "long_ids", "negative_date_serial",
         "staff_sheets_in_other_case", "personal_data", "email_injection")


class Result(NamedTuple):
    code: int  # exit code, or -signal
    wall: float  # seconds
    mib: float  # peak RSS
    line: str  # what it said (_said)
    timed_out: bool = False

    def exit_text(self) -> str:
        if self.timed_out:
            return "timeout"
        return signal.Signals(-self.code).name if self.code < 0 else str(self.code)


def child(args: list[str], extra_env: dict[str, str] | None = None, code: Path | None = None,
          timeout: float | None = None) -> Result:
    """One CLI run of the checkout `code` (default CODE) in a fresh process, killed after `timeout` seconds."""
    code = code or CODE
    env = dict(os.environ, PYTHONPATH=str(code) + os.pathsep + os.environ.get("PYTHONPATH", ""), **(extra_env or {}))

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT_AS, LIMIT_AS))

    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "rak_xl", *args], stdout=subprocess.DEVNULL, stderr=err,
                                stdin=subprocess.DEVNULL, cwd=code, env=env, preexec_fn=limit,
                                start_new_session=True)
        exited = os.pidfd_open(proc.pid)  # readable when the child ends: a timeout without a thread
        try:
            timed_out = not select.select([exited], [], [], timeout or TIMEOUT)[0]
        finally:
            os.close(exited)
        if timed_out:
            os.killpg(proc.pid, signal.SIGKILL)  # the province's workers too
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        text = err.read().decode(errors="replace").strip()
    return Result(os.waitstatus_to_exitcode(status), wall, usage.ru_maxrss / 1024, _said(text), timed_out)


def _said(stderr: str) -> str:
    """The gist of a child's stderr: a traceback's last line, else the refusal's code and its first line, file
    names without their folder."""
    lines = stderr.splitlines() or [""]
    if "Traceback (most recent call last)" in stderr:
        return ("traceback: " + lines[-1])[:90]
    line = re.sub(r"'/[^']*/([^'/]*)'", r"'\1'", lines[0])
    code = re.search(r"\((RAK\d{3})\)", stderr)
    return (f"{code[1]}: {line}" if code else line)[:90]


def recipes(files: dict[str, Path], work: Path, reader: list[str]) -> list[tuple[str, list[str]]]:
    out = []
    for name in (*reader, *OLDER):
        path = files[name]
        out.append((f"{name}: validate", ["validate", str(path), "--format", "json"]))
        if name not in ("fifo", "symlink_to_device", "beyond_grid_column", "beyond_grid_row"):
            out.append((f"{name}: run", ["run", str(path), "-o", str(work / f"{name}_hasil{path.suffix}")]))
            out.append((f"{name}: submit", ["submit", str(path), "-o", str(work / f"kirim_{name}"), "--no-pdf",
                                            "--force"]))
    folder = work / "provinsi"
    folder.mkdir()
    for name in ("amount_overflow", "far_cell_last", "beyond_grid_column", "merge_huge", "fifo", "symlink_to_device",
                 *reader):
        target = folder / files[name].name
        if files[name].is_symlink():
            target.symlink_to(os.readlink(files[name]))
        elif not files[name].is_file():
            os.mkfifo(target)
        else:
            shutil.copyfile(files[name], target)
    shutil.copyfile(ROOT / "workbook" / "RAK_2022.xlsm", folder / "satker_asli.xlsm")
    shutil.copyfile(ROOT / "workbook" / "RAK_2022.xlsm", folder / "satker_b.xlsx")
    out.append(("hostile folder: province", ["province", str(folder), "-o", str(work / "rekap.xlsx"),
                                                     "--quiet"]))
    out.append(("hostile folder: province -o onto a satker workbook", ["province", str(folder), "-o",
                                                                       str(folder / "satker_b.xlsx"), "--quiet"]))
    shipped = files["baseline"]
    out.append(("baseline: run -o the input itself", ["run", str(shipped), "-o", str(shipped)]))
    return out


# What a write must not lose, run, merge, send or overwrite (issue 24, items 3-8): tests/make_bad_corpus.py's
# writer_cases, and a poisoned Rekap Provinsi cache.
WRITER_CASES = ("strict_ooxml", "output_name_long", "formula_satker_name", "satker_code_fullwidth",
                "satker_code_arabic_indic", "id_lookalikes", "personal_data_hidden")


def writer_recipes(files: dict[str, Path], work: Path, code: Path) -> list[tuple[str, list[str], dict[str, str]]]:
    """(label, command, environment) of each writing recipe; a poisoned cache is prepared here."""
    import make_bad_corpus as corpus

    out = []
    for name in WRITER_CASES:
        path = files[name]
        out.append((f"{name}: validate", ["validate", str(path), "--format", "json"], {}))
        out.append((f"{name}: run", ["run", str(path), "-o", str(work / f"{name}_hasil{path.suffix}")], {}))
        out.append((f"{name}: submit", ["submit", str(path), "-o", str(work / f"kirim_{name}"), "--no-pdf", "--force"],
                    {}))
    strict = files["strict_ooxml"]
    out.append(("strict_ooxml: run --in-place", ["run", str(strict), "--in-place"], {}))
    out.append(("output_and_in_place: run -o --in-place", ["run", str(strict), "-o", str(work / "lain.xlsm"),
                                                            "--in-place"], {}))
    out.append(("output_name_long: run -o a 251-character name", ["run", str(files["baseline"]), "-o",
                                                                   str(work / f"{corpus.LONG_STEM}.xlsm")], {}))
    out.append(("formula_satker_name: baru", ["baru", "--dari", str(files["formula_satker_name"]), "-o",
                                             str(work / "RAK_2023.xlsm")], {}))
    for name in ("satker_code_fullwidth", "id_lookalikes"):  # the original lies beside the fullwidth copy
        out.append((f"{name}: province", ["province", str(files[name].parent), "-o", str(work / f"rekap_{name}.xlsx"),
                                          "--quiet", "--no-cache"], {}))
    cache = work / "cache_racun"
    folder = files["satker_code_fullwidth"].parent
    child(["province", str(folder), "-o", str(work / "rekap_cache.xlsx"), "--quiet"], {"RAK_XL_CACHE_DIR": str(cache)},
          code)
    _poison(cache / "province.sqlite3")
    out.append(("poisoned_cache: province", ["province", str(folder), "-o", str(work / "rekap_racun.xlsx"),
                                                   "--quiet"], {"RAK_XL_CACHE_DIR": str(cache)}))
    return out


def _poison(database: Path) -> None:
    """Every cached entry: a counts list, a NaN pagu and a 200,000-deep list in its notes."""
    import sqlite3

    db = sqlite3.connect(database)
    with db:
        for digest, data in db.execute("SELECT digest, data FROM summary").fetchall():
            data = re.sub(r'"counts": \{[^}]*\}', '"counts": []', re.sub(r'"pagu": \d+', '"pagu": NaN', data))
            data = data.replace('"notes": [', '"notes": [' + "[" * 200_000 + "]" * 200_000 + ",", 1)
            db.execute("UPDATE summary SET data = ? WHERE digest = ?", (data, digest))
    db.close()


def _which(code: Path, env: dict[str, str]) -> str:
    """Where the children of `code` import rak_xl from; refuses to measure another checkout by mistake."""
    found = subprocess.run([sys.executable, "-c", "import rak_xl; print(rak_xl.__file__)"], cwd=code,
                           env=dict(os.environ, PYTHONPATH=str(code) + os.pathsep + os.environ.get("PYTHONPATH", ""),
                                    **env), capture_output=True, text=True, check=True).stdout.strip()
    if not Path(found).resolve().is_relative_to(code.resolve()):
        sys.exit(f"{code}: its children import rak_xl from {found}")
    return found


def _make_into(work: Path, names: list[str]) -> None:
    """(In a child process) build the named corpus cases under `work`; print {name: path} as JSON."""
    import make_bad_corpus as corpus

    files = {}
    for case in corpus.cases():
        if case.name in names:
            folder = work / case.name
            folder.mkdir()
            files[case.name] = str(case.make(folder / f"RAK_{case.name}.xlsm"))
    print(json.dumps(files))


def build(work: Path, names: list[str]) -> dict[str, Path]:
    """This checkout's corpus cases `names` under `work`, built by a child process."""
    work.mkdir(parents=True, exist_ok=True)
    out = subprocess.run([sys.executable, __file__, "--make-into", str(work), *names], capture_output=True,
                         text=True, check=True).stdout
    return {name: Path(path) for name, path in json.loads(out).items()}


def side(work: Path, code: Path, names: list[str], reader: list[str]) -> list[tuple[str, list[str], dict[str, str]]]:
    """Every recipe of the checkout `code` over its own copy of the corpus and its own cache folder in `work`."""
    files = build(work, names)
    cache = {"RAK_XL_CACHE_DIR": str(work / "cache")}
    return [(label, cmd, {**cache, **env})
            for label, cmd, env in [(*r, {}) for r in recipes(files, work, reader)] + writer_recipes(files, work, code)]


def _size(cmd: list[str]) -> int:
    """Bytes of the command's input file (0 for a folder or a special file)."""
    target = Path(next(arg for arg in cmd[1:] if not arg.startswith("-")))
    return target.stat().st_size if target.is_file() else 0


def within(cmd: list[str], result: Result) -> bool:
    """The README's promise: exit 0/1/2 and never a traceback, and a file under 1 MB within its command's
    time and memory."""
    seconds, most = BUDGETS.get(cmd[0], BUDGETS["validate"])
    return not result.timed_out and result.code in (0, 1, 2) and not result.line.startswith("traceback") and (
        _size(cmd) >= 1024 * 1024 or (result.wall <= seconds and result.mib <= most))


def _header(sides: dict[str, Path], env: dict[str, str]) -> dict[str, Result]:
    """Print the run's date, load and budgets; measure the baseline of each side."""
    import make_bad_corpus as corpus

    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC | {os.cpu_count()} CPU | load average "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    base = {}
    for name, code in sides.items():
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "rak_xl")], check=True)
        base[name] = child(["validate", str(corpus.WORKBOOK), "--format", "json"], env, code)
        print(f"{name}: rak_xl from {_which(code, env)}; baseline validate of the shipped workbook: exit "
              f"{base[name].exit_text()}, {base[name].wall:.2f} s, {base[name].mib:.0f} MiB")
    print("budget: " + ", ".join(f"{cmd} {sec:.0f} s and {mib} MiB" for cmd, (sec, mib) in BUDGETS.items())
          + f", exit 0/1/2, for a workbook under 1 MB; every child killed after {TIMEOUT:.0f} s\n")
    return base


def single(work: Path, names: list[str], reader: list[str]) -> int:
    """The table of one checkout (CODE); returns the number of recipes outside the budget."""
    base = _header({"checkout": CODE}, {"RAK_XL_CACHE_DIR": str(work / "cache")})["checkout"]
    print(f"{'recipe':46s} {'size':>8s} {'exit':>7s} {'s':>6s} {'x':>5s} {'MiB':>5s} {'x':>5s}  ok  message")
    failures = 0
    for label, cmd, env in side(work, CODE, names, reader):
        result = child(cmd, env)
        ok = within(cmd, result)
        failures += not ok
        print(f"{label:46s} {_size(cmd) / 1024:6.0f}KB {result.exit_text():>7s} {result.wall:6.2f} "
              f"{result.wall / base.wall:5.1f} {result.mib:5.0f} {result.mib / base.mib:5.1f}  "
              f"{'yes' if ok else 'NO '} {result.line}")
    return failures


def compare(work: Path, before: Path, names: list[str], reader: list[str]) -> int:
    """One Markdown table: each recipe on `before` and on CODE; returns the recipes outside the budget after."""
    _header({"before": before, "after": CODE}, {"RAK_XL_CACHE_DIR": str(work / "cache")})
    old = side(work / "before", before, names, reader)
    new = side(work / "after", CODE, names, reader)
    print("| recipe | command | KB | exit before | s | MiB | exit after | s | MiB | within budget | before says "
          "| after says |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|---|---|---|")
    failures = [0, 0]
    for (label, cmd_old, env_old), (_, cmd, env) in zip(old, new, strict=True):
        was, now = child(cmd_old, env_old, before), child(cmd, env)
        ok = within(cmd_old, was), within(cmd, now)
        failures = [f + (not k) for f, k in zip(failures, ok)]
        recipe, _, command = label.partition(": ")
        print(f"| {recipe} | {command or cmd[0]} | {_size(cmd) / 1024:.0f} | {was.exit_text()} | {was.wall:.2f} | "
              f"{was.mib:.0f} | {now.exit_text()} | {now.wall:.2f} | {now.mib:.0f} | "
              f"{'yes' if ok[0] else 'NO'} -> {'yes' if ok[1] else 'NO'} | {_cell(was.line)} | {_cell(now.line)} |",
              flush=True)
    print(f"\n{failures[0]} recipe(s) outside the budget before, {failures[1]} after")
    return failures[1]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def main() -> None:
    global CODE, TIMEOUT
    import make_bad_corpus as corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose CLI runs (default: this one)")
    parser.add_argument("--compare", type=Path, metavar="CHECKOUT", help="measure CHECKOUT too, as 'before'")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds before a child is killed")
    if sys.argv[1:2] == ["--make-into"]:
        return _make_into(Path(sys.argv[2]), sys.argv[3:])
    args = parser.parse_args()
    CODE, TIMEOUT = args.code.resolve(), args.timeout
    work = Path(tempfile.mkdtemp(prefix="rak_hostile_"))
    try:
        reader = [case.name for case in corpus.reader_cases()]
        names = [*reader, "baseline", *OLDER, *WRITER_CASES]
        if args.compare:
            compare(work, args.compare.resolve(), names, reader)
        else:
            print(f"\n{single(work, names, reader)} recipe(s) outside the budget")
        print("load average at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    finally:
        if args.keep:
            print(f"files kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
