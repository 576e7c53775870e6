"""Benchmarks of issue 7, in one run on the same generated files.

    python bench/run.py            # about 1-2 minutes on 2 cores
    python bench/run.py --quick    # fewer repeats, no 20,000-row workbook

Generates the workbooks into a temporary folder (deleted at the end unless
--keep), then measures, each task in a fresh Python process:
  1. `rak-xl province` on 38 and on 514 satker workbooks, against reading the same
     files' cell values with python-calamine in one process;
  2. `rak-xl validate` on the shipped workbook and on large workbooks (2,500 to
     20,000 data rows), against openpyxl.load_workbook(read_only=True);
  3. the cold start of a button press, `python -c "import rak_xl.buttons"`, against
     `python -c "import xlwings, pandas"`;
and in section 2 the growth with rows: `validate` over 12,000 to 49,500 Anggaran lines alone,
`run` over the large workbooks (CPU time per added row, constant when the cost is linear);
and the peak memory of each. Times are the wall time of the whole child process
(interpreter start included on both sides; best of the repeats); the task's own
time without interpreter start, and the CPU time, are shown as well. Linux only
(os.wait4; ru_maxrss in KiB). This process imports nothing heavy and leaves the
generating to a child: Linux carries a parent's peak RSS into a child started
from it, so a large parent would set a floor under every child's peak.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TASKS = Path(__file__).with_name("tasks.py")


def child(args: list[str]) -> tuple[float, dict, int, float]:
    """Run a process: (wall seconds, its JSON line if any, its peak RSS in KiB, CPU seconds), from wait4."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, cwd=ROOT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)  # wait4: this child's own rusage, not a running maximum
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode(), err.read().decode(errors="replace")
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{args} failed ({proc.returncode}): {errors[-2000:]}")
    lines = [ln for ln in text.splitlines() if ln.startswith("{")]
    data = json.loads(lines[-1]) if lines else {}
    # wait4 counts the CPU of the child and of the children it reaped (the recap's workers).
    return wall, data, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def measure(args: list[str], repeat: int) -> dict:
    runs = [child(args) for _ in range(repeat)]
    best = min(runs, key=lambda r: r[0])
    return {"wall": best[0], "inner": best[1].get("inner_s", best[0]), "cpu": min(r[3] for r in runs),
            "rss_main": max(r[1].get("maxrss_kb", r[2]) for r in runs) / 1024,
            "rss_children": max(r[1].get("children_maxrss_kb", 0) for r in runs) / 1024}


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def task(name: str, *args: str) -> list[str]:
    return [sys.executable, str(TASKS), name, *map(str, args)]


def line(label: str, ours: dict, base: dict, base_label: str, goal: float | None = None, basis: str = "wall",
         strict: bool = False) -> str:
    """One comparison; the goal is judged on the wall or the CPU ratio (`basis`), `strict`: below it."""
    ratio = ours["wall"] / base["wall"]
    judged = ratio if basis == "wall" else ours["cpu"] / base["cpu"]
    met = judged < goal if strict else judged <= goal if goal is not None else True
    verdict = "" if goal is None else (f"  goal met ({basis} {judged:.2f}x {'<' if strict else '<='} {goal}x)" if met
                                       else f"  GOAL MISSED ({basis} {judged:.2f}x, goal {'<' if strict else '<='} {goal}x)")
    workers = f" (each worker at most {ours['rss_children']:.0f} MiB)" if ours["rss_children"] else ""
    return (f"{label:34s} {ours['wall']:7.2f} s (own {ours['inner']:.2f} s)  vs {base_label} {base['wall']:6.2f} s "
            f"(own {base['inner']:.2f} s)  ratio {ratio:5.2f}x{verdict}\n"
            f"{'':34s} CPU time: ours {ours['cpu']:.2f} s, {base_label} {base['cpu']:.2f} s "
            f"(ratio {ours['cpu'] / base['cpu']:.2f}x; less sensitive to other load on the machine)\n"
            f"{'':34s} peak RSS: ours {ours['rss_main']:.0f} MiB{workers}, {base_label} {base['rss_main']:.0f} MiB")


def recap_bench(work: Path, repeat: int) -> None:
    """The three ratios of issue 16, on the same 514 files, plus the 38-file folder for information.

    cold: `rak-xl province` with an empty cache folder (what the first run of the week costs,
    hashing and storing the summaries included); re-run: after one of the 514 files changed,
    with the cache the previous run left.

    The 514-file tasks run in rounds, each round the calamine read, the pandas read, a cold recap
    and a re-run, one after the other. This machine's speed drifts by up to a third within minutes
    (shared cores), so a baseline measured minutes before its comparison moves the ratio by as
    much as a round of work does; in a round each side is measured seconds apart. The goals are
    judged, as before, on the least CPU time of each task over the rounds; each round's own ratio
    is printed beside it, to show the spread.
    """
    small, folder = work / "satker_38", work / "satker_514"
    measure(task("calamine", folder), 1)  # warm the page cache for every side
    base38 = measure(task("calamine", small), repeat)
    cache = work / "cache_rerun"
    child(task("province", folder, work / "rekap_514.xlsx", cache))  # the previous day's run
    victim = sorted(folder.iterdir())[len(list(folder.iterdir())) // 2]
    rounds: list[dict[str, dict]] = []
    for i in range(repeat):
        empty = work / f"cache_cold_514_{i}"
        one = {"calamine": measure(task("calamine", folder), 1), "pandas": measure(task("pandas", folder), 1),
               "cold": measure(task("province", folder, work / "rekap_514.xlsx", empty), 1)}
        shutil.rmtree(empty, ignore_errors=True)
        child(task("change", victim, i))  # new content each time: exactly one file is not in the cache
        one["rerun"] = measure(task("province", folder, work / "rekap_514.xlsx", cache), 1)
        rounds.append(one)
    best = {name: _best([r[name] for r in rounds]) for name in rounds[0]}

    def spread(ours: str, base: str) -> str:
        ratios = sorted(r[ours]["cpu"] / r[base]["cpu"] for r in rounds)
        return (f"{'':34s} CPU ratio of each round: {', '.join(f'{x:.2f}x' for x in ratios)} "
                f"(median {statistics.median(ratios):.2f}x)")

    colds = []
    for i in range(repeat):
        empty = work / f"cache_cold_38_{i}"
        colds.append(measure(task("province", small, work / "rekap_38.xlsx", empty), 1))
        shutil.rmtree(empty, ignore_errors=True)
    print(line("   province, 38 workbooks, cold", _best(colds), base38, "calamine"))
    print(line("   province, 514 workbooks, cold", best["cold"], best["calamine"], "calamine", goal=4.0, basis="cpu"))
    print(spread("cold", "calamine"))
    print(line("   province, 514 workbooks, cold", best["cold"], best["pandas"], "pandas", goal=0.9, basis="cpu"))
    print(spread("cold", "pandas"))
    print(line("   re-run, 1 of 514 changed", best["rerun"], best["calamine"], "calamine", goal=0.15, basis="cpu"))
    print(spread("rerun", "calamine"))


# Anggaran lines alone (the shipped RAK tables): the growth of the budget parse and rules with lines.
BUDGET_LINES = (12_000, 24_000, 49_500)


def growth(work: Path, sizes: tuple[int, ...], budgets: tuple[int, ...], repeat: int) -> None:
    """CPU time per added row of `validate` over Anggaran lines alone, and of `run` (every button's job
    into a copy) over the large workbooks: constant from one size to the next when cost is linear."""
    for label, files in (("validate, Anggaran lines alone", [(n, work / f"anggaran_{n}.xlsm") for n in budgets]),
                         ("run, RAK and Anggaran rows", [(n, work / f"besar_{n}.xlsm") for n in sizes[:3]])):
        points = []
        for n, path in files:
            args = task("validate", path) if label.startswith("validate") else task("run", path, work / "hasil.xlsm")
            got = measure(args, 1 if n > 10_000 or label.startswith("run") else repeat)
            points.append((n, got["cpu"]))
            print(f"   {label}, {n:,} rows: CPU {got['cpu']:.2f} s, peak RSS {got['rss_main']:.0f} MiB")
        if len(points) >= 2:
            print(f"   {label}, extra CPU per added row: " + ", ".join(
                f"{r0:,}->{r1:,}: {(t1 - t0) / (r1 - r0) * 1e6:.0f} µs/row"
                for (r0, t0), (r1, t1) in zip(points, points[1:])))


def _best(runs: list[dict]) -> dict:
    best = min(runs, key=lambda r: r["wall"])
    return {**best, "cpu": min(r["cpu"] for r in runs), "rss_main": max(r["rss_main"] for r in runs),
            "rss_children": max(r["rss_children"] for r in runs)}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--keep", help="write the generated workbooks here and keep them")
    p.add_argument("--only-recap", action="store_true", help="only the Rekap Provinsi ratios (section 1)")
    args = p.parse_args()
    repeat = 1 if args.quick else args.repeat

    template = ROOT / "workbook" / "RAK_2022.xlsm"
    # Byte-compile the checkout first, as `pip install` does for an installed package (and for the
    # libraries on the other side of every comparison). Without it, an environment that sets
    # PYTHONDONTWRITEBYTECODE (this sandbox does) compiles rak_xl from source in every child: ~60 ms each.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "rak_xl")], check=True)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="rak_xl_bench_"))
    try:
        print(f"rak_xl bench {dt.datetime.now():%Y-%m-%d %H:%M} | {platform.platform()} | "
              f"{os.cpu_count()} CPU | Python {platform.python_version()} | load average {_load()}")
        sizes = () if args.only_recap else (2_500, 5_000, 10_000) if args.quick else (2_500, 5_000, 10_000, 20_000)
        budgets = () if args.only_recap or args.quick else BUDGET_LINES
        gen = child(task("generate", work, *sizes, *(f"anggaran:{n}" for n in budgets)))
        large = {n: work / f"besar_{n}.xlsm" for n in sizes}
        print(f"generated 38 + 514 satker workbooks and {len(sizes)} large ones in {gen[0]:.1f} s ({work})\n")

        print("1. Rekap provinsi vs reading the same files (CPU time decides: the machine is shared)")
        recap_bench(work, repeat)
        if args.only_recap:
            return 0

        print("\n2. rak-xl validate vs openpyxl.load_workbook(read_only=True)")
        files = [("shipped RAK_2022.xlsm", template, None)] + [(f"{n:,} data rows", large[n], n) for n in sizes]
        per_row = []
        for label, path, rows in files:
            base = measure(task("openpyxl", path), repeat)
            ours = measure(task("validate", path), repeat)
            print(line(f"   validate, {label}", ours, base, "openpyxl", goal=1.0 if rows == 10_000 else None))
            if rows:
                values = measure(task("openpyxl-values", path), 1)
                print(f"{'':34s} (openpyxl read-only load + iterating all values: {values['wall']:.2f} s)")
                per_row.append((rows, ours["cpu"]))
        if len(per_row) >= 2:
            # Linear growth: the cost of each extra row stays the same from one size to the next.
            steps = [f"{r0:,}->{r1:,}: {(t1 - t0) / (r1 - r0) * 1e6:.0f} µs/row"
                     for (r0, t0), (r1, t1) in zip(per_row, per_row[1:])]
            print("   linearity (validate's CPU time, extra cost per added row): " + ", ".join(steps))
        growth(work, sizes, budgets, repeat)

        print("\n3. Button cold start")
        reps = max(5, repeat * 3)
        ours = measure([sys.executable, "-c", "import rak_xl.buttons"], reps)
        base = measure([sys.executable, "-c", "import xlwings, pandas"], reps)
        print(line("   import rak_xl.buttons", ours, base, "xlwings+pandas", goal=1.2))
        print(f"\nload average at the end: {_load()} (other work on the machine inflates wall times)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
