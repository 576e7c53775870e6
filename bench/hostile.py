"""The hostile-input recipes: exit code, time and peak memory of each.

    python bench/hostile.py            # a few minutes on 2 cores
    python bench/hostile.py --keep     # keep the generated files (their folder is printed)

Builds the hostile workbooks with tests/make_bad_corpus.py into a temporary folder, then runs
each recipe's command in a fresh process and reports its exit code, wall time and peak RSS
(os.wait4, Linux), next to `rak-xl validate` of the shipped workbook measured in the same run
(the baseline; ratios are against it). The README's budget is checked for every recipe: a
workbook under 1 MB answers within 5 s and 500 MB (`validate`) or 15 s and 1 GB (`run`, `submit`,
and `province` over the folder of them; any other command gets `validate`'s), with exit 0, 1 or 2.
The package and budget recipes (make_bad_corpus.reader_cases) run through every command that
reads a file, the writing recipes (writer_cases, a poisoned cache) through those that write. Every child runs
under a 4 GiB address-space limit, so a regression shows as a failure here, not as a swapping
machine.
This is a measurement, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
# seconds, MiB; the province recipe reads a folder of these files, so it gets a run's budget
BUDGETS = {"validate": (5.0, 500), "run": (15.0, 1024), "submit": (15.0, 1024), "province": (15.0, 1024)}
LIMIT_AS = 4 * 1024**3


def child(args: list[str], extra_env: dict[str, str] | None = None) -> tuple[int, float, float, str]:
    """(exit code or -signal, wall seconds, peak RSS MiB, last stderr line) of one CLI run."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""), **(extra_env or {}))

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT_AS, LIMIT_AS))

    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "rak_xl", *args], stdout=subprocess.DEVNULL, stderr=err,
                                stdin=subprocess.DEVNULL, cwd=ROOT, env=env, preexec_fn=limit)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        lines = err.read().decode(errors="replace").strip().splitlines()
    return os.waitstatus_to_exitcode(status), wall, usage.ru_maxrss / 1024, (lines[0] if lines else "")[:90]


def recipes(files: dict[str, Path], work: Path, reader: list[str]) -> list[tuple[str, list[str]]]:
    out = []
    for name in (*reader, "far_cell_last", "far_cell_zz100000", "dimension_lie", "beyond_grid_column", "beyond_grid_row",
                 "formula_scan_many", "merge_huge", "fifo", "symlink_to_device", "amount_overflow", "pagu_awal_max",
                 "amount_not_finite", "styles_missing", "sheet_name_forbidden", "long_ids", "negative_date_serial",
                 "staff_sheets_in_other_case", "personal_data", "email_injection"):
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
    out.append(("province folder of hostile files", ["province", str(folder), "-o", str(work / "rekap.xlsx"),
                                                     "--quiet"]))
    out.append(("province -o onto a satker workbook", ["province", str(folder), "-o",
                                                       str(folder / "satker_b.xlsx"), "--quiet"]))
    shipped = files["baseline"]
    out.append(("run -o the input itself", ["run", str(shipped), "-o", str(shipped)]))
    return out


# What a write must not lose, run, merge, send or overwrite (issue 24, items 3-8): tests/make_bad_corpus.py's
# writer_cases, and a poisoned Rekap Provinsi cache.
WRITER_CASES = ("strict_ooxml", "output_name_long", "formula_satker_name", "satker_code_fullwidth",
                "satker_code_arabic_indic", "id_lookalikes", "personal_data_hidden")


def writer_recipes(files: dict[str, Path], work: Path) -> list[tuple[str, list[str], dict[str, str]]]:
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
    out.append(("output_and_in_place", ["run", str(strict), "-o", str(work / "lain.xlsm"), "--in-place"], {}))
    out.append(("output_name_long", ["run", str(files["baseline"]), "-o", str(work / f"{corpus.LONG_STEM}.xlsm")], {}))
    out.append(("formula_satker_name: baru", ["baru", "--dari", str(files["formula_satker_name"]), "-o",
                                             str(work / "RAK_2023.xlsm")], {}))
    for name in ("satker_code_fullwidth", "id_lookalikes"):  # the original lies beside the fullwidth copy
        out.append((f"{name}: province", ["province", str(files[name].parent), "-o", str(work / f"rekap_{name}.xlsx"),
                                          "--quiet", "--no-cache"], {}))
    cache = work / "cache_racun"
    folder = files["satker_code_fullwidth"].parent
    child(["province", str(folder), "-o", str(work / "rekap_cache.xlsx"), "--quiet"], {"RAK_XL_CACHE_DIR": str(cache)})
    _poison(cache / "province.sqlite3")
    out.append(("province with a poisoned cache", ["province", str(folder), "-o", str(work / "rekap_racun.xlsx"),
                                                   "--quiet"], {"RAK_XL_CACHE_DIR": str(cache)}))
    return out


def _poison(database: Path) -> None:
    """Every cached entry: a counts list, a NaN pagu and a 200,000-deep list in its notes."""
    import re
    import sqlite3

    db = sqlite3.connect(database)
    with db:
        for digest, data in db.execute("SELECT digest, data FROM summary").fetchall():
            data = re.sub(r'"counts": \{[^}]*\}', '"counts": []', re.sub(r'"pagu": \d+', '"pagu": NaN', data))
            data = data.replace('"notes": [', '"notes": [' + "[" * 200_000 + "]" * 200_000 + ",", 1)
            db.execute("UPDATE summary SET data = ? WHERE digest = ?", (data, digest))
    db.close()


def main() -> None:
    import make_bad_corpus as corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rak_hostile_"))
    try:
        reader = [case.name for case in corpus.reader_cases()]
        wanted = {*reader, "baseline", "far_cell_last", "far_cell_zz100000", "dimension_lie", "beyond_grid_column",
                  "beyond_grid_row", "formula_scan_many", "merge_huge", "fifo", "symlink_to_device",
                  "amount_overflow", "pagu_awal_max", "amount_not_finite", "styles_missing", "sheet_name_forbidden",
                  "long_ids", "negative_date_serial", "staff_sheets_in_other_case", "personal_data",
                  "email_injection", *WRITER_CASES}
        files = {}
        for case in corpus.cases():
            if case.name in wanted:
                folder = work / case.name
                folder.mkdir()
                files[case.name] = case.make(folder / f"RAK_{case.name}.xlsm")
        base_code, base_wall, base_mib, _ = child(["validate", str(corpus.WORKBOOK), "--format", "json"])
        print(f"baseline: validate of the shipped workbook: exit {base_code}, {base_wall:.2f} s, {base_mib:.0f} MiB")
        print("budget: " + ", ".join(f"{cmd} {sec:.0f} s and {mib} MiB" for cmd, (sec, mib) in BUDGETS.items())
              + ", exit 0/1/2, for a workbook under 1 MB\n")
        print(f"{'recipe':46s} {'size':>8s} {'exit':>4s} {'s':>6s} {'x':>5s} {'MiB':>5s} {'x':>5s}  ok  message")
        failures = 0
        for label, cmd, env in [(*r, {}) for r in recipes(files, work, reader)] + writer_recipes(files, work):
            target = Path(cmd[1])
            size = target.stat().st_size if target.is_file() else 0
            code, wall, mib, line = child(cmd, env)
            seconds, most = BUDGETS.get(cmd[0], BUDGETS["validate"])
            ok = code in (0, 1, 2) and (size >= 1024 * 1024 or (wall <= seconds and mib <= most))
            failures += not ok
            print(f"{label:46s} {size / 1024:6.0f}KB {code:4d} {wall:6.2f} {wall / base_wall:5.1f} {mib:5.0f} "
                  f"{mib / base_mib:5.1f}  {'yes' if ok else 'NO '} {line}")
        print(f"\n{failures} recipe(s) outside the budget")
    finally:
        if args.keep:
            print(f"files kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
