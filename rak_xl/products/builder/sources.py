"""The workbook/sources edge: the plan's text files (CSV, TOML) read into a PlanData, and written.

The files keep the Indonesian headers people edit ("uraian_kegiatan", "rpd_tw1") and identitas.toml
the labels of the Identitas sheet; the records speak the layout's and the model's keys
(rak_xl.products.builder.plan_data). This module is the only place that knows both.
"""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path
from typing import NamedTuple

from rak_xl.core import layout as L

from .plan_data import PlanData


class SourceFile(NamedTuple):
    name: str
    # Record key -> CSV header, in the file's column order. A header with "{q}" is a quarterly
    # series: one column per quarter TW 1..4, one list in the record.
    headers: dict[str, str]
    optional: bool = False  # may be absent: then no records (the evaluation sheets start empty)


def _rak_headers(group: str) -> dict[str, str]:
    return {"id": "id", "group": group, "indicator": "indikator", "target": "target", "unit": "satuan",
            "activity": "uraian_kegiatan", **{key: key for key in L.MARK_KEYS}, "unit_in_charge": "penanggung_jawab"}


PROGRAMS = SourceFile("program.csv", {"code": "kode_program", "name": "nama_program", "amount": "pagu"})
DIVISIONS = SourceFile("bagian.csv", {"code": "kode", "name": "nama_bagian"})
RAK_A = SourceFile("rak_kpu.csv", _rak_headers("kegiatan"))
RAK_B = SourceFile("rak_sekretariat.csv", _rak_headers("sasaran_program"))
BUDGET_LINES = SourceFile("anggaran.csv", {
    "code": "kode_anggaran", "program": "program", "description": "uraian", "division": "bagian",
    "rak_id": "id_rak", "amount": "pagu", "rpd_by_quarter": "rpd_tw{q}"})
ACHIEVEMENT = SourceFile("capaian.csv", {
    "id": "id", "direction": "arah", "targets_to_date": "target_tw{q}", "realised_to_date": "realisasi_tw{q}"},
    optional=True)
SPENDING = SourceFile("realisasi_anggaran.csv", {
    "code": "kode_anggaran", "description": "uraian", "spent_by_quarter": "realisasi_tw{q}"}, optional=True)
IDENTITY = "identitas.toml"
# PlanData's tables and the file each is read from.
TABLES = {"programs": PROGRAMS, "divisions": DIVISIONS, "rak_a": RAK_A, "rak_b": RAK_B,
          "budget_lines": BUDGET_LINES, "achievement": ACHIEVEMENT, "spending": SPENDING}
# Whole Rupiah: an int, or None for an empty cell. Other series values are text as written or None.
_RUPIAH = frozenset({"amount", "rpd_by_quarter", "spent_by_quarter"})


def _columns(source: SourceFile) -> list[tuple[str, str, int | None]]:
    """(record key, CSV header, quarter) of each column of the file; quarter None for a single value."""
    columns: list[tuple[str, str, int | None]] = []
    for key, header in source.headers.items():
        if "{q}" in header:
            columns += [(key, header.format(q=q), q) for q in L.QUARTERS]
        else:
            columns.append((key, header, None))
    return columns


def _value(key: str, text: str, in_series: bool) -> object:
    if key in _RUPIAH:
        return int(text) if text.strip() else None
    return (text or None) if in_series else text


def _record(columns: list[tuple[str, str, int | None]], row: dict[str, str]) -> dict:
    record: dict = {}
    for key, header, q in columns:
        value = _value(key, row[header], q is not None)
        if q is None:
            record[key] = value
        else:
            record.setdefault(key, []).append(value)
    return record


def read_table(folder: str | Path, source: SourceFile) -> list[dict]:
    """The records of one source file, in its row order."""
    path = Path(folder) / source.name
    if source.optional and not path.exists():
        return []
    columns = _columns(source)
    with path.open(encoding="utf-8", newline="") as fh:
        return [_record(columns, row) for row in csv.DictReader(fh)]


def table_text(source: SourceFile, records: list[dict]) -> str:
    """The CSV text of `records`, headers as the file has them (None: an empty cell)."""
    columns = _columns(source)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[header for _key, header, _q in columns], lineterminator="\n")
    writer.writeheader()
    for record in records:
        cells = {header: record[key] if q is None else record[key][q - 1] for key, header, q in columns}
        writer.writerow({header: "" if value is None else value for header, value in cells.items()})
    return buf.getvalue()


def load_sources(folder: str | Path) -> PlanData:
    folder = Path(folder)
    with (folder / IDENTITY).open("rb") as fh:
        by_label = tomllib.load(fh)["identitas"]
    return PlanData(identity={key: by_label.get(label) for key, label, _kind in L.IDENTITY_FIELDS},
                    **{name: read_table(folder, source) for name, source in TABLES.items()})
