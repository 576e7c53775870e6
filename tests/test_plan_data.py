"""The builder's input: one PlanData, whatever its source (text sources, a parsed workbook, a blank plan)."""

from __future__ import annotations

import pytest

from conftest import ROOT, WORKBOOK
from rak_xl.adapters.file_read import read_grids
from rak_xl.core import layout as L
from rak_xl.parse.plan import parse_plan
from rak_xl.products.builder.plan_data import STANDARD_DIVISIONS, STANDARD_PROGRAMS, blank_plan, carry_forward
from rak_xl.products.builder.sources import TABLES, load_sources, read_table, table_text

SOURCES = ROOT / "workbook" / "sources"


def test_standard_lists_are_the_shipped_plans():
    """The blank plan's units are the shipped workbook's, written as a Kab/Kota secretariat's Subbagian
    (Perpres 105/2018); the Probolinggo plan keeps its own "Bagian", and each reads as the other."""
    from rak_xl.parse.divisions import match_division

    data = load_sources(SOURCES)
    shipped = [d["name"] for d in data.divisions]
    assert [d["code"] for d in data.divisions] == [code for code, _ in STANDARD_DIVISIONS]
    assert all(name.startswith("Subbagian ") for _, name in STANDARD_DIVISIONS)
    assert all(name.startswith("Bagian ") for name in shipped)
    assert [match_division(name, shipped) for _, name in STANDARD_DIVISIONS] == shipped
    assert [(p["code"], p["name"]) for p in data.programs] == list(STANDARD_PROGRAMS)


def test_text_sources_give_whole_rupiah():
    data = load_sources(SOURCES)
    assert data.satker == "KPU Kota Probolinggo" and data.year == 2022
    assert all(isinstance(line["amount"], int) for line in data.budget_lines)
    assert all(isinstance(a, int) for line in data.budget_lines for a in line["rpd_by_quarter"])
    assert sum(p["amount"] for p in data.programs) == 1646458000 + 2777477000
    spent = [row["spent_by_quarter"] for row in data.spending]
    assert all(isinstance(s[0], int) and s[2:] == [None, None] for s in spent)


@pytest.fixture(scope="module")
def three():
    """The same plan model from each of its three sources."""
    shipped = parse_plan(read_grids(WORKBOOK))[0]
    return {"sources": load_sources(SOURCES), "carried": carry_forward(shipped, 2023),
            "blank": blank_plan("KPU Kabupaten Malang", "658012", 2023)}


def _keys(table: L.TableLayout, series: dict[str, str] | None = None) -> set[str]:
    """The table's layout column keys, the columns of a quarterly series as the one series name."""
    keys = {c.key for c in table.columns if not c.derived}
    for prefix, name in (series or {}).items():
        keys = keys - {f"{prefix}{q}" for q in L.QUARTERS} | {name}
    return keys


def test_every_source_speaks_the_layouts_and_the_models_keys(three):
    expected = {
        "programs": _keys(L.PROGRAMS), "divisions": _keys(L.DIVISIONS),
        "rak_a": _keys(L.RAK_A), "rak_b": _keys(L.RAK_B),
        "budget_lines": _keys(L.BUDGET_LINES, {"rpd": "rpd_by_quarter"}),
        "achievement": _keys(L.ACHIEVEMENT, {"target": "targets_to_date", "real": "realised_to_date"}),
        # Uraian: the cached value of its lookup formula, the budget line's description.
        "spending": _keys(L.SPENDING, {"real": "spent_by_quarter"}) | {"description"},
    }
    assert set(expected) == set(TABLES)
    for source, data in three.items():
        assert set(data.identity) == {key for key, _label, _kind in L.IDENTITY_FIELDS}, source
        for name, keys in expected.items():
            for record in getattr(data, name):
                assert set(record) == keys, (source, name)
                for series in keys & {"rpd_by_quarter", "targets_to_date", "realised_to_date", "spent_by_quarter"}:
                    assert len(record[series]) == len(L.QUARTERS), (source, name, series)


# What a new year empties, per table (the rest continues as it is).
EMPTIED = {"programs": {"amount"}, "budget_lines": {"amount", "rpd_by_quarter"},
           "achievement": {"targets_to_date", "realised_to_date"}, "spending": {"spent_by_quarter"}}


def test_carrying_the_shipped_workbook_forward_gives_its_sources_less_the_old_years_figures(three):
    sources, carried = three["sources"], three["carried"]
    for name in TABLES:
        old, new = getattr(sources, name), getattr(carried, name)
        assert len(old) == len(new) > 0, name
        emptied = EMPTIED.get(name, set()) | ({"target"} if name.startswith("rak") else set())
        for a, b in zip(old, new):
            assert {k: v for k, v in a.items() if k not in emptied} == {k: v for k, v in b.items() if k not in emptied}
            for key in EMPTIED.get(name, ()):
                assert b[key] in (None, [None] * 4), (name, key)
    # A target is the number the workbook holds for the text the source wrote ("100%" -> 1.0), or None.
    targets = {(a["target"], b["target"]) for a, b in zip(sources.rak_a + sources.rak_b, carried.rak_a + carried.rak_b)}
    assert targets == {("100%", 1.0), ("", None)}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_sources_edge_reads_and_writes_each_file_without_loss(name):
    source = TABLES[name]
    assert table_text(source, read_table(SOURCES, source)) == (SOURCES / source.name).read_text(encoding="utf-8")


def test_the_evaluation_sources_are_what_the_generator_makes_from_the_plan_alone(tmp_path):
    """workbook/sources/README.md: targets split by the quarter marks, realisation and spending from
    fixed factors; so from the plan sources alone the generator gives the committed files."""
    import shutil

    from rak_xl.products.builder.quarterly_sources import generate

    for name in ("rak_kpu.csv", "rak_sekretariat.csv", "anggaran.csv"):
        shutil.copyfile(SOURCES / name, tmp_path / name)
    made = generate(tmp_path)
    assert set(made) == {TABLES["achievement"].name, TABLES["spending"].name}
    for name, text in made.items():
        assert text == (SOURCES / name).read_text(encoding="utf-8"), name
