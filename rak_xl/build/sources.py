"""Read the plan's text sources (CSV and TOML) into plain rows for the builder."""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Sources:
    identity: dict[str, object]
    programs: list[dict[str, str]]
    divisions: list[dict[str, str]]
    rak_a: list[dict[str, str]]
    rak_b: list[dict[str, str]]
    budget: list[dict[str, str]]

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
    )
