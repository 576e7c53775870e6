"""Read the plan's text sources (CSV and TOML) into the builder's input, a PlanData."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

from .plan_data import PlanData

_AMOUNTS = ("pagu", "rpd_tw1", "rpd_tw2", "rpd_tw3", "rpd_tw4")


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:  # Rupiah columns as whole numbers (an empty cell stays empty)
        for key in _AMOUNTS:
            if key in row:
                row[key] = int(row[key]) if row[key].strip() else None
    return rows


def load_sources(folder: str | Path) -> PlanData:
    folder = Path(folder)
    with (folder / "identitas.toml").open("rb") as fh:
        identity = tomllib.load(fh)["identitas"]
    return PlanData(
        identity=identity,
        programs=_csv(folder / "program.csv"),
        divisions=_csv(folder / "bagian.csv"),
        rak_a=_csv(folder / "rak_kpu.csv"),
        rak_b=_csv(folder / "rak_sekretariat.csv"),
        budget=_csv(folder / "anggaran.csv"),
        achievement=_csv(folder / "capaian.csv") if (folder / "capaian.csv").exists() else [],
        spending=_csv(folder / "realisasi_anggaran.csv") if (folder / "realisasi_anggaran.csv").exists() else [],
    )
