"""Instructions per satker workbook, counted by valgrind: a noise-free yardstick for small changes.

    python bench/instructions.py [FOLDER] [--files N] [--against CHECKOUT]
    python bench/instructions.py [FOLDER] --whole     # issue 28's three ratios, in instructions

Wall and CPU times on a shared VM swing by 20-50% from minute to minute, which hides a
change worth 3%. callgrind counts the instructions the interpreter executes instead, the
same on every run. Printed, per workbook (the cost of N+2 files minus that of 2, over N,
so start-up and imports cancel out):
  - ours: read, validate and summarise one file, as a worker of `rak-xl province` does;
  - calamine: reading every sheet's values with python-calamine, the bench's baseline.
Instructions are not time (Python code runs fewer instructions per cycle than calamine's
Rust), so use this to compare two versions of rak_xl, and bench/run.py for the goals.

--against counts another rak_xl checkout on the same files in the same run, e.g. the commit
before a change:  git worktree add --detach /tmp/before <commit>;  ... --against /tmp/before.
PYTHONHASHSEED is fixed so that repeated runs print the same figures.

--whole counts whole processes over every file of FOLDER (default: 514 generated, as bench/run.py
uses), interpreter start and imports included: the calamine read and the pandas read (bench/tasks.py),
a cold `rak-xl province` with an empty cache, and a re-run after one file changed, and prints the
ratios bench/run.py judges in CPU time. The recap runs with one worker, in this process: valgrind
counts the process it starts, not the pool's forked workers (whose work is the same per file). It
takes about a quarter of an hour for 514 files.

Needs valgrind (Debian: apt-get install valgrind). FOLDER defaults to freshly generated
satker workbooks (tests/synthetic.py, seed 2022). Takes about a minute per checkout.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

OURS = """
import sys
from pathlib import Path
from rak_xl.products.province import pool, summary
files = sorted(Path(sys.argv[1]).iterdir())[:int(sys.argv[2])]
pool.warm_up()
for f in files:
    summary.summarise_file(f)
"""

CALAMINE = """
import sys
from pathlib import Path
from python_calamine import CalamineWorkbook
files = sorted(Path(sys.argv[1]).iterdir())[:int(sys.argv[2])]
for f in files:
    book = CalamineWorkbook.from_path(str(f))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
"""


def _env(root: Path = ROOT, extra: dict[str, str] | None = None) -> dict[str, str]:
    """A child's environment: root's rak_xl first on the path, a fixed hash seed, and `extra`."""
    return dict(os.environ, PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""),
                PYTHONHASHSEED="0", **(extra or {}))


def count(code: str, folder: Path, files: int, root: Path = ROOT) -> int:
    """Instructions of `python -c CODE FOLDER FILES` with root's rak_xl."""
    return count_argv(["-c", code, str(folder), str(files)], root=root)


def count_argv(argv: list[str], env_extra: dict[str, str] | None = None, root: Path = ROOT) -> int:
    """Instructions of one whole process, `python ARGV...`, root's rak_xl first on the path."""
    # cwd=root: `python -c` puts the working folder first on sys.path, ahead of PYTHONPATH, so run
    # from another checkout it would import that checkout's rak_xl instead of root's.
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, *argv],
                          capture_output=True, text=True, env=_env(root, env_extra), cwd=root)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"valgrind failed: {done.stderr[-1500:]}")
    return int(found[1])


def whole(folder: Path, work: Path) -> None:
    """Issue 28's ratios as counts of whole processes (see the module's text)."""
    tasks = str(ROOT / "bench" / "tasks.py")
    # A file younger than the cache's racy window (2 s) when its summary is stored gets no stat
    # mapping, and every re-run would hash it again: the previous run is made once the files are older.
    time.sleep(max(0.0, 2.1 - (time.time() - max(f.stat().st_mtime for f in folder.iterdir()))))
    recap = ["-m", "rak_xl", "province", str(folder), "-o", str(work / "rekap.xlsx"), "--workers", "1", "--quiet"]
    counts = {"calamine": count_argv([tasks, "calamine", str(folder)]),
              "pandas": count_argv([tasks, "pandas", str(folder)]),
              "cold": count_argv(recap, {"RAK_XL_CACHE_DIR": str(work / "cache_cold")})}
    env = _env(extra={"RAK_XL_CACHE_DIR": str(work / "cache")})
    subprocess.run([sys.executable, *recap], check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)  # the previous day's run
    victim = sorted(folder.iterdir())[len(list(folder.iterdir())) // 2]
    subprocess.run([sys.executable, tasks, "change", str(victim), "1"], check=True, cwd=ROOT, env=env,
                   stdout=subprocess.DEVNULL)
    counts["rerun"] = count_argv(recap, {"RAK_XL_CACHE_DIR": str(work / "cache")})
    n = len(list(folder.iterdir()))
    for name, label in (("calamine", "calamine read"), ("pandas", "pandas+calamine read"),
                        ("cold", "cold recap, 1 worker"), ("rerun", "re-run after one change")):
        print(f"{label:26s} {counts[name] / 1e9:7.2f} G instructions ({counts[name] / n / 1e6:.1f} M a file)")
    for ours, base, goal in (("cold", "calamine", 4.0), ("cold", "pandas", 0.9), ("rerun", "calamine", 0.15)):
        ratio = counts[ours] / counts[base]
        print(f"{ours} / {base}: {ratio:.2f}x (the CPU goal: <= {goal}x; {'within' if ratio <= goal else 'beyond'} it"
              " in instructions)")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", nargs="?", help="satker workbooks (default: generate 22, or 514 with --whole)")
    p.add_argument("--files", type=int, default=20)
    p.add_argument("--against", metavar="CHECKOUT", help="another rak_xl checkout to count on the same files")
    p.add_argument("--whole", action="store_true", help="issue 28's ratios, whole processes (see above)")
    args = p.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    roots = [ROOT] + ([Path(args.against).resolve()] if args.against else [])
    for root in roots:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "rak_xl")], check=True)
    work = None
    folder = Path(args.folder) if args.folder else None
    try:
        if folder is None:
            work = Path(tempfile.mkdtemp(prefix="rak_xl_instr_"))
            folder = work / "satker"
            subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                            "from synthetic import generate; generate(Path(sys.argv[1]), int(sys.argv[2]), seed=2022)",
                            str(folder), str(514 if args.whole else args.files + 2)], check=True,
                           env=dict(os.environ, PYTHONPATH=os.pathsep.join((str(ROOT), str(ROOT / "tests")))))
        if args.whole:
            scratch = Path(tempfile.mkdtemp(prefix="rak_xl_whole_"))
            try:  # on a copy: the re-run changes one of the files
                whole(Path(shutil.copytree(folder, scratch / "satker")), scratch)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            return 0
        runs = [(f"ours (read + validate + summary){' at ' + str(root) if len(roots) > 1 else ''}", OURS, root)
                for root in roots] + [("calamine read", CALAMINE, ROOT)]
        for label, code, root in runs:
            base, more = count(code, folder, 2, root), count(code, folder, args.files + 2, root)
            print(f"{label:34s} {(more - base) / args.files / 1e6:7.2f} million instructions per workbook")
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
