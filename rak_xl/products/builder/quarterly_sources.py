"""Generate the evaluation sources (capaian.csv, realisasi_anggaran.csv) from the plan sources.

Run `python -m rak_xl.products.builder.quarterly_sources` after adding or removing RAK rows or budget
lines: the IDs and codes follow rak_kpu.csv, rak_sekretariat.csv and anggaran.csv, rows that
already exist keep their values, and a test fails while the files are out of step.

New rows get cumulative quarter targets that grow with the quarter marks (the annual target
in the last quarter) and ILLUSTRATIVE realisation for TW 1 and TW 2 only, from fixed factors,
so the same plan always gives the same files.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from rak_xl.parse.quarterly_input import default_lower_is_better
from rak_xl.parse.values import parse_percent_text

QUARTERS = (1, 2, 3, 4)
ACHIEVEMENT_FIELDS = ["id", "arah", *(f"target_tw{q}" for q in QUARTERS), *(f"realisasi_tw{q}" for q in QUARTERS)]
SPENDING_FIELDS = ["kode_anggaran", "uraian", *(f"realisasi_tw{q}" for q in QUARTERS)]
# Illustrative realisation / target per indicator for TW 1 and TW 2, cycled over the rows:
# mostly on track, some behind, one ahead; each keeps the series cumulative (TW 2 >= TW 1).
_INDICATOR_FACTORS = ((1.0, 1.0), (0.8, 0.9), (1.0, 1.1), (0.6, 0.8), (1.2, 1.0), (1.0, 0.96), (0.4, 0.7))
# Illustrative realised spending / RPD per budget line for TW 1 and TW 2.
_SPENDING_FACTORS = ((0.92, 1.0), (1.0, 0.85), (0.85, 0.9), (0.7, 1.05), (1.05, 0.95), (0.6, 0.8), (1.0, 1.0))


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _percent(value: float) -> str:
    return f"{round(value):d}%"


def achievement_row(rak: dict[str, str], index: int) -> dict[str, str]:
    out = {"id": rak["id"], "arah": "Turun" if default_lower_is_better(rak["indikator"]) else "Naik"}
    annual = parse_percent_text(rak["target"])
    marks = [bool(rak[f"tw{q}"].strip()) for q in QUARTERS]
    total = sum(marks)
    targets: list[float | None] = [None] * 4
    if annual is not None:
        done = 0
        for q in QUARTERS:
            done += marks[q - 1]
            # Cumulative share of the annual target, by the quarters marked so far.
            targets[q - 1] = annual * done / total if total else (annual if q == 4 else 0.0)
        targets[3] = annual
    f1, f2 = _INDICATOR_FACTORS[index % len(_INDICATOR_FACTORS)]
    for q in QUARTERS:
        t = targets[q - 1]
        out[f"target_tw{q}"] = "" if t is None else _percent(t)
        real = ""
        if t is not None and q in (1, 2):
            real = _percent(t * (f1 if q == 1 else f2))
        out[f"realisasi_tw{q}"] = real
    return out


def spending_row(line: dict[str, str], index: int) -> dict[str, str]:
    f1, f2 = _SPENDING_FACTORS[index % len(_SPENDING_FACTORS)]
    out = {"kode_anggaran": line["kode_anggaran"], "uraian": line["uraian"]}
    for q in QUARTERS:
        rpd = int(line[f"rpd_tw{q}"])
        out[f"realisasi_tw{q}"] = str(round(rpd * (f1 if q == 1 else f2) / 1000) * 1000) if q in (1, 2) else ""
    return out


def _write(rows: list[dict[str, str]], fields: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def generate(folder: str | Path) -> dict[str, str]:
    """File name -> text. Existing rows (by ID / code) are kept as they are, in plan order."""
    folder = Path(folder)
    rak = _read(folder / "rak_kpu.csv") + _read(folder / "rak_sekretariat.csv")
    budget = _read(folder / "anggaran.csv")
    old_a = {r["id"]: r for r in _read(folder / "capaian.csv")}
    old_s = {r["kode_anggaran"]: r for r in _read(folder / "realisasi_anggaran.csv")}
    achievement = [old_a.get(r["id"]) or achievement_row(r, i) for i, r in enumerate(rak)]
    spending = [{**(old_s.get(b["kode_anggaran"]) or spending_row(b, i)), "uraian": b["uraian"]}
                for i, b in enumerate(budget)]
    return {"capaian.csv": _write(achievement, ACHIEVEMENT_FIELDS),
            "realisasi_anggaran.csv": _write(spending, SPENDING_FIELDS)}


def main(argv: list[str] | None = None) -> int:
    folder = Path((argv or sys.argv[1:] or ["workbook/sources"])[0])
    for name, text in generate(folder).items():
        (folder / name).write_text(text, encoding="utf-8")
        print(f"Ditulis: {folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
