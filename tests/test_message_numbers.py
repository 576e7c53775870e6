"""Every rule that states a number lets each language write it: a finding carries the amount or the
target as a number (text.money, text.quantity) and the catalog fills each language's message with
its own way of writing it (Rp 27.734.000 / Rp 27,734,000; 12,5% / 12.5%).

Each case below is the shipped workbook with cells changed so the number has thousands or
decimals, where the two languages differ; the test fails if a rule formats a number before the
language is known (one language's digits would then appear in the other's message).
"""

from __future__ import annotations

import ast

import pytest

from conftest import ROOT, WORKBOOK
from rak_xl.adapters.file_read import read_grids
from rak_xl.core import layout as L
from rak_xl.core.text import Amount, Both, money, quantity, say
from rak_xl.products import jobs

KPU, BUD, CAP, SPD = L.SHEET_RAK_A, L.SHEET_BUDGET, L.SHEET_ACHIEVEMENT, L.SHEET_SPENDING
FIRST = L.ACHIEVEMENT.header_row + 1  # Capaian: A-001's row; E..H targets, I..L realisation TW 1..4
SPENT = L.SPENDING.header_row + 1  # Realisasi Anggaran: the first budget line

# code -> the edits that make it state a number the two languages write differently ({}: the shipped plan).
NUMBERS = {
    "RAK302": {KPU: {"C9": "Jumlah penyediaan logistik Pemilu", "D9": 0.125}},
    "RAK303": {KPU: {"C9": "Indeks kepuasan penyediaan logistik Pemilu", "D9": 0.125}},
    "RAK304": {KPU: {"D9": 1500, "E9": "dokumen"}},
    "RAK305": {KPU: {"D9": 12.345}},
    "RAK312": {CAP: {"F5": 0.125}},
    "RAK313": {CAP: {"H5": 0.905}},
    "RAK408": {BUD: {"F5": 185_000_001}},
    "RAK409": {},
    "RAK410": {BUD: {"J5": 0}},
    "RAK416": {KPU: {"K5": "Bagian Hukum dan SDM"}},  # A-001 answered for by a Bagian other than its lines'
    "RAK604": {SPD: {f"D{SPENT}": None}},
    "RAK605": {KPU: {"H10": None}, CAP: {f"J{FIRST + 5}": 0.555}},
    "RAK606": {CAP: {f"I{FIRST + 4}": 0.305, f"J{FIRST + 4}": 0.205}},
    "RAK607": {CAP: {f"J{FIRST + 3}": 0.8025}},
    "RAK610": {CAP: {f"E{FIRST + 22}": 0.125}},
}


def _numbers(finding) -> list[Amount | Both]:
    return [v for v in finding.params.values() if isinstance(v, (Amount, Both))]


@pytest.mark.parametrize("code", sorted(NUMBERS))
def test_each_language_writes_the_numbers_of_a_finding(code, edit):
    path = edit(NUMBERS[code]) if NUMBERS[code] else WORKBOOK
    found = [f for f in jobs.validate(read_grids(path), path.name).findings if f.code == code]
    assert found, code
    differing = 0
    for f in found:
        said = {lang: f.message(lang) + " " + f.hint(lang) for lang in ("id", "en")}
        for value in _numbers(f):
            id_text, en_text = value.of("id"), value.of("en")
            assert id_text in said["id"] and en_text in said["en"], (f, value)
            if id_text != en_text:
                differing += 1
                assert id_text not in said["en"] and en_text not in said["id"], (f, value)
    assert differing, f"{code}: no number written differently in the two languages: {found}"


def test_the_shipped_plan_in_english_writes_rupiah_the_english_way():
    found = jobs.validate(read_grids(WORKBOOK), WORKBOOK.name).findings
    rak409 = next(f for f in found if f.code == "RAK409")
    assert "difference Rp 27,734,000" in rak409.message("en")
    assert "selisih Rp 27.734.000" in rak409.message("id")


def test_amounts_are_written_the_way_each_language_writes_them():
    assert (money(-27_734_000).of("id"), money(-27_734_000).of("en")) == ("-Rp 27.734.000", "-Rp 27,734,000")
    assert (quantity(12.5, True).of("id"), quantity(12.5, True).of("en")) == ("12,5%", "12.5%")
    assert (quantity(1500).of("id"), quantity(1500).of("en")) == ("1.500", "1,500")
    assert str(money(None)) == "-" and str(quantity(4)) == "4"
    # `say` and the refusals fill their templates the same way.
    assert say("rules.pagu_unshared", "en", amount=money(1_000)).startswith("Rp 1,000 of the pagu")


def test_no_rule_writes_a_number_before_the_language_is_known():
    """The rules hand numbers over (money, quantity); the text module's writers are not called there."""
    writers = {"rupiah", "number", "percent", "thousands"}
    called = []
    for path in sorted((ROOT / "rak_xl" / "rules").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "rak_xl.core.text":
                called += [f"{path.name}: {a.name}" for a in node.names if a.name in writers]
    assert called == []
