"""One measured task, run by bench/run.py in a fresh Python process.

    python bench/tasks.py TASK ARGS...

Prints one JSON line: the task's own time (`inner_s`, imports included, interpreter
start excluded) and the peak resident memory of this process and of its
children (the recap's worker processes), from resource.getrusage, in KiB.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time


def _calamine(folder: str) -> dict:
    """Baseline: read every sheet's cell values of every workbook, one process."""
    from python_calamine import CalamineWorkbook

    cells = 0
    for name in sorted(os.listdir(folder)):
        book = CalamineWorkbook.from_path(os.path.join(folder, name))
        for sheet in book.sheet_names:
            rows = book.get_sheet_by_name(sheet).to_python()
            cells += sum(len(r) for r in rows)
    return {"cells": cells}


def _pandas(folder: str) -> dict:
    """Baseline: what an analyst would write, pandas.read_excel of every sheet with the calamine engine."""
    import pandas as pd

    cells = 0
    for name in sorted(os.listdir(folder)):
        for frame in pd.read_excel(os.path.join(folder, name), sheet_name=None, engine="calamine").values():
            cells += frame.size
    return {"cells": cells}


def _province(folder: str, out: str, cache: str = "") -> dict:
    """The recap; with a cache folder (RAK_XL_CACHE_DIR) when one is given, else --no-cache."""
    from rak_xl.cli import main

    if cache:
        os.environ["RAK_XL_CACHE_DIR"] = cache
        return {"rc": main(["province", folder, "-o", out, "--quiet"])}
    return {"rc": main(["province", folder, "-o", out, "--quiet", "--no-cache"])}


def _change(path: str, n: str) -> dict:
    """Change one satker workbook as its sender would (a new Tempat Penetapan text), through openpyxl."""
    import openpyxl

    wb = openpyxl.load_workbook(path, keep_vba=path.endswith(".xlsm"))
    ws = wb["Identitas"]
    ws["B11"] = f"Probolinggo (revisi {n})"
    wb.save(path)
    return {}


def _validate(path: str) -> dict:
    from rak_xl.cli import main

    with contextlib.redirect_stdout(io.StringIO()):  # the JSON report itself is not measured on a terminal
        rc = main(["validate", path, "--format", "json"])
    return {"rc": rc}


def _openpyxl(path: str) -> dict:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    wb.close()
    return {}


def _openpyxl_values(path: str) -> dict:
    """For information: read-only load AND iterate every value (what a reader really needs)."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    cells = sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for _ in row)
    wb.close()
    return {"cells": cells}


def _generate(work: str, *sizes: str) -> dict:
    """The bench's files, written in a child so the bench's own process stays small (see run.py).
    A size written `anggaran:N` is a workbook of about N Anggaran lines and the shipped RAK tables."""
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the generator lives with the tests
    from synthetic import Template, generate, make_large

    tpl = Template()
    for n in (38, 514):
        generate(Path(work) / f"satker_{n}", n, seed=2022, template=tpl)  # per-file seeds: the 38 are the first 38
    for n in sizes:
        if n.startswith("anggaran:"):
            make_large(Path(work) / f"anggaran_{n[9:]}.xlsm", int(n[9:]), template=tpl, budget_only=True)
        else:
            make_large(Path(work) / f"besar_{n}.xlsm", int(n), template=tpl)
    return {}


def _run(path: str, out: str) -> dict:
    """`rak-xl run` (every button's job into a copy), for the growth with rows."""
    from rak_xl.cli import main

    with contextlib.redirect_stdout(io.StringIO()):
        rc = main(["run", path, "-o", out, "--force"])
    return {"rc": rc}


TASKS = {"generate": _generate, "calamine": _calamine, "pandas": _pandas, "province": _province, "change": _change,
         "validate": _validate, "run": _run, "openpyxl": _openpyxl, "openpyxl-values": _openpyxl_values}


def main() -> None:
    import resource

    task, args = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    result = TASKS[task](*args)
    result["inner_s"] = time.perf_counter() - start
    result["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["children_maxrss_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
