"""The plan a workbook is built from: one input object, whatever its source.

`rak_xl.products.builder.workbook` lays out a `PlanData`; it never reads a file. Three
sources make one:
- `workbook/sources/` (rak_xl.products.builder.sources.load_sources): the shipped 2022 plan;
- a parsed RAK workbook carried forward to a new year (`carry_forward`): IDs,
  texts, targets, quarter marks, responsible units and budget codes kept, the
  old year's amounts, dates and realisation emptied;
- a blank plan for any satker (`blank_plan`): the standard Bagian list and programs.

Rows are plain dicts keyed like the CSV sources (their headers are the keys), so
the text sources load without translation. Amounts are whole Rupiah (int) or None
(empty cell); a target is text as written ("100%", "5 dokumen"), a number, or None.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rak_xl.core import layout as L
from rak_xl.core.model import Plan, RakRow, Val
from rak_xl.parse.quarterly_input import default_lower_is_better

# The four Bagian of a KPU kab/kota secretariat and the two programs of BA 076 (domain.md).
STANDARD_DIVISIONS = (
    ("KUL", "Bagian Keuangan, Umum dan Logistik"),
    ("PDI", "Bagian Perencanaan, Data dan Informasi"),
    ("TPPH", "Bagian Teknis Penyelenggaraan Pemilu, Partisipasi dan Hubungan Masyarakat"),
    ("HSDM", "Bagian Hukum dan SDM"),
)
STANDARD_PROGRAMS = (
    ("076.01.CQ", "Program Penyelenggaraan Pemilu dalam Proses Konsolidasi Demokrasi"),
    ("076.01.WA", "Program Dukungan Manajemen"),
)

BUILD_ORIGIN = "Dibuat dari sumber teks oleh rak-xl build."
EVALUATION_TO_FILL = ("Isi target dan realisasi setiap triwulan: Target TW 1-4 kumulatif (Target TW 4 = target "
                      "tahunan), realisasi setelah triwulan itu berakhir.")
# Identity fields that belong to one year's DIPA and signature: emptied when a plan is carried forward.
OLD_YEAR_IDENTITY = ("dipa_number", "dipa_date", "budget_initial", "budget_revised", "signed_on")
FIRST_QUARTER = "TW 1"


@dataclass
class PlanData:
    """Everything a RAK workbook holds, ready to lay out (see the module docstring for the value types)."""

    identity: dict[str, object]  # by the Identitas label (layout.IDENTITY_FIELDS); None = empty
    programs: list[dict]  # kode_program, nama_program, pagu
    divisions: list[dict]  # kode, nama_bagian
    rak_a: list[dict]  # id, kegiatan, indikator, target, satuan, uraian_kegiatan, tw1..tw4, penanggung_jawab
    rak_b: list[dict]  # the same with sasaran_program for kegiatan
    budget: list[dict]  # kode_anggaran, program, uraian, bagian, id_rak, pagu, rpd_tw1..rpd_tw4
    # Quarterly evaluation: Capaian per RAK ID, Realisasi Anggaran per budget code.
    achievement: list[dict] = field(default_factory=list)  # id, arah, target_tw1..4, realisasi_tw1..4
    spending: list[dict] = field(default_factory=list)  # kode_anggaran, uraian, realisasi_tw1..4
    # The notes over the Anggaran sheet and the two evaluation sheets, and the file's comment.
    budget_note: str = L.BUDGET_LINES.note
    evaluation_note: str = L.ILLUSTRATIVE_REALISATION
    origin: str = BUILD_ORIGIN

    @property
    def satker(self) -> str:
        return str(self.identity.get(_label("satker")) or "")

    @property
    def year(self) -> int | None:
        year = self.identity.get(_label("year"))
        return year if isinstance(year, int) else None

    @property
    def plan_date(self) -> dt.date | None:
        value = self.identity.get(_label("signed_on"))
        return value if isinstance(value, dt.date) else None


def _label(key: str) -> str:
    return next(label for k, label, _kind in L.IDENTITY_FIELDS if k == key)


# -- a parsed workbook, carried forward -----------------------------------------

def _text(val: Val | None) -> str:
    """The cell as text, exactly as written (a whole number read as 7.0 gives '7')."""
    if val is None or val.raw is None:
        return ""
    raw = val.raw
    if isinstance(raw, str):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _target(row: RakRow) -> object:
    """The target as the workbook holds it: a number stays a number, text stays text."""
    val = row.cells.get("target")
    if val is None or val.blank:
        return None
    raw = val.raw
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        return _text(val)
    return raw


def _rak_rows(rows: list[RakRow], group_key: str) -> list[dict]:
    out = []
    for row in rows:
        out.append({
            "id": _text(row.cells.get("id")), group_key: _text(row.cells.get("group")),
            "indikator": _text(row.cells.get("indicator")), "target": _target(row),
            "satuan": _text(row.cells.get("unit")), "uraian_kegiatan": _text(row.cells.get("activity")),
            **{f"tw{q}": _text(row.cells.get(f"tw{q}")) for q in L.QUARTERS},
            "penanggung_jawab": _text(row.cells.get("unit_in_charge")),
        })
    return out


def _direction(row: RakRow) -> str:
    """Arah as written on Capaian when it says something, else what the indicator implies."""
    written = _text(row.evaluation_cells.get("direction")).strip()
    if written:
        return written
    return L.DIRECTION_DOWN if default_lower_is_better(row.indicator) else L.DIRECTION_UP


def carry_forward(plan: Plan, year: int) -> PlanData:
    """The plan for `year`: everything that continues, nothing that belonged to the old year.

    Kept: the satker's identity (name, code, place, signer), programs (codes and names),
    Bagian, every RAK row with its ID, texts, target, unit, quarter marks and responsible
    unit, and every budget line with its code, program, description, Bagian and RAK ID.
    Emptied: the DIPA number, date and pagu, the program pagu, the budget amounts and RPD,
    the Tanggal Penetapan, and the Capaian and Realisasi Anggaran entries (their rows stay,
    keyed by ID and code, ready for the new year's figures). Triwulan Pelaporan is TW 1.
    """
    source_year = plan.identity.year
    identity: dict[str, object] = {}
    for key, label, _kind in L.IDENTITY_FIELDS:
        if key in OLD_YEAR_IDENTITY:
            identity[label] = None
        elif key == "year":
            identity[label] = year
        elif key == "reporting_quarter":
            identity[label] = FIRST_QUARTER
        else:
            identity[label] = _text(plan.identity.cells.get(key)).strip() or None
    rows = plan.rows
    budget = [{"kode_anggaran": _text(b.cells.get("code")), "program": _text(b.cells.get("program")),
               "uraian": _text(b.cells.get("description")), "bagian": _text(b.cells.get("division")),
               "id_rak": _text(b.cells.get("rak_id")), "pagu": None,
               **{f"rpd_tw{q}": None for q in L.QUARTERS}} for b in plan.budget_lines]
    empty_series = {**{f"target_tw{q}": None for q in L.QUARTERS}, **{f"realisasi_tw{q}": None for q in L.QUARTERS}}
    was = f"RAK {source_year}" if source_year else "RAK sebelumnya"
    return PlanData(
        identity=identity,
        programs=[{"kode_program": p.code, "nama_program": p.name, "pagu": None} for p in plan.programs],
        divisions=[{"kode": d.code, "nama_bagian": d.name} for d in plan.divisions],
        rak_a=_rak_rows(plan.rows_of("A"), "kegiatan"),
        rak_b=_rak_rows(plan.rows_of("B"), "sasaran_program"),
        budget=budget,
        achievement=[{"id": r.id, "arah": _direction(r), **empty_series} for r in rows if r.id],
        spending=[{"kode_anggaran": b["kode_anggaran"], "uraian": b["uraian"],
                   **{f"realisasi_tw{q}": None for q in L.QUARTERS}} for b in budget if b["kode_anggaran"].strip()],
        budget_note=(f"Baris anggaran dibawa dari {was}: kode, program, uraian, bagian dan ID RAK tetap. "
                     f"Isi Pagu dan RPD tahun {year} dari DIPA/POK, lalu hapus atau tambah baris sesuai DIPA {year}."),
        evaluation_note=EVALUATION_TO_FILL,
        origin=f"Dibuat oleh rak-xl baru dari {was} untuk tahun {year}.",
    )


# -- a blank plan for any satker ----------------------------------------------------

def blank_plan(satker: str, code: str, year: int) -> PlanData:
    """An empty plan: identity, the standard Bagian and programs; every table ready to fill."""
    identity: dict[str, object] = {label: None for _key, label, _kind in L.IDENTITY_FIELDS}
    identity.update({_label("satker"): satker, _label("satker_code"): code, _label("year"): year,
                     _label("reporting_quarter"): FIRST_QUARTER})
    return PlanData(
        identity=identity,
        programs=[{"kode_program": c, "nama_program": n, "pagu": None} for c, n in STANDARD_PROGRAMS],
        divisions=[{"kode": c, "nama_bagian": n} for c, n in STANDARD_DIVISIONS],
        rak_a=[], rak_b=[], budget=[],
        budget_note=(f"Isi satu baris per kode anggaran dari DIPA/POK {year}: kode, program, uraian, bagian, "
                     "ID baris RAK yang didanai, pagu dan RPD per triwulan."),
        evaluation_note=EVALUATION_TO_FILL,
        origin=f"Dibuat oleh rak-xl baru: RAK kosong {satker} tahun {year}.",
    )
