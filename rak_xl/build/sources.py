"""Read the plan's text sources (CSV and TOML) into plain rows for the builder."""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Sources:
    identity: dict[str, object]
    programs: list[dict[str, str]]
    divisions: list[dict[str, str]]
    rak_a: list[dict[str, str]]
    rak_b: list[dict[str, str]]
    budget: list[dict[str, str]]
    # Quarterly evaluation (capaian.csv, realisasi_anggaran.csv; see rak_xl.build.evaluation_sources).
    achievement: list[dict[str, str]] = field(default_factory=list)
    spending: list[dict[str, str]] = field(default_factory=list)

    @property
    def plan_date(self) -> dt.date:
        return self.identity["Tanggal Penetapan"]  # type: ignore[return-value]


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_sources(folder: str | Path) -> Sources:
    folder = Path(folder)
    with (folder / "identitas.toml").open("rb") as fh:
        identity = tomllib.load(fh)["identitas"]
    return Sources(
        identity=identity,
        programs=_csv(folder / "program.csv"),
        divisions=_csv(folder / "bagian.csv"),
        rak_a=_csv(folder / "rak_kpu.csv"),
        rak_b=_csv(folder / "rak_sekretariat.csv"),
        budget=_csv(folder / "anggaran.csv"),
        achievement=_csv(folder / "capaian.csv") if (folder / "capaian.csv").exists() else [],
        spending=_csv(folder / "realisasi_anggaran.csv") if (folder / "realisasi_anggaran.csv").exists() else [],
    )
