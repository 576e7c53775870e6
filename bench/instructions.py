"""Instructions per satker workbook, counted by valgrind: a noise-free yardstick for small changes.

    python bench/instructions.py [FOLDER] [--files N] [--against CHECKOUT]

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


def count(code: str, folder: Path, files: int, root: Path = ROOT) -> int:
    env = dict(os.environ, PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               PYTHONHASHSEED="0")
    # cwd=root: `python -c` puts the working folder first on sys.path, ahead of PYTHONPATH, so run
    # from another checkout it would import that checkout's rak_xl instead of root's.
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           sys.executable, "-c", code, str(folder), str(files)],
                          capture_output=True, text=True, env=env, cwd=root)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"valgrind failed: {done.stderr[-1500:]}")
    return int(found[1])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", nargs="?", help="satker workbooks (default: generate 22)")
    p.add_argument("--files", type=int, default=20)
    p.add_argument("--against", metavar="CHECKOUT", help="another rak_xl checkout to count on the same files")
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
                            str(folder), str(args.files + 2)], check=True,
                           env=dict(os.environ, PYTHONPATH=os.pathsep.join((str(ROOT), str(ROOT / "tests")))))
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
