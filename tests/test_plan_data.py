"""The builder's input: one PlanData, whatever its source (text sources, a parsed workbook, a blank plan)."""

from __future__ import annotations

from conftest import ROOT
from rak_xl.products.builder.plan_data import STANDARD_DIVISIONS, STANDARD_PROGRAMS
from rak_xl.products.builder.sources import load_sources


def test_standard_lists_are_the_shipped_plans():
    """The blank plan's Bagian and programs are those of the shipped workbook (one list, not two)."""
    data = load_sources(ROOT / "workbook" / "sources")
    assert [(d["kode"], d["nama_bagian"]) for d in data.divisions] == list(STANDARD_DIVISIONS)
    assert [(p["kode_program"], p["nama_program"]) for p in data.programs] == list(STANDARD_PROGRAMS)


def test_text_sources_give_whole_rupiah():
    data = load_sources(ROOT / "workbook" / "sources")
    assert data.satker == "KPU Kota Probolinggo" and data.year == 2022
    assert all(isinstance(line["pagu"], int) for line in data.budget)
    assert sum(p["pagu"] for p in data.programs) == 1646458000 + 2777477000
