"""Catalog entries make the findings: every code is made from a real workbook with the parameters
its words name (a missing or unknown one fails here), and every threshold a rule checks is tried
on both sides of its boundary.

The codes of RAK2xx-RAK5xx are made by tests/test_rules.py (one fixture per code, FIRES); the
parser's RAK1xx and the evaluation's RAK6xx by the recipes below.
"""

from __future__ import annotations

import datetime as dt
import string

import openpyxl
import pytest

import make_bad_corpus as corpus
from conftest import WORKBOOK
from test_rules import FIRES
from rak_xl.adapters.file_read import read_grids
from rak_xl.core import catalog
from rak_xl.core import layout as L
from rak_xl.core.catalog import CATALOG, RAK404, RAK409, RAK601
from rak_xl.core.model import CellRef
from rak_xl.core.text import both
from rak_xl.products import jobs
from rak_xl.rules import REGISTRY, load_all

KPU, SEK, BUD, IDN, CAP, SPD = (L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_BUDGET, L.SHEET_IDENTITY,
                                L.SHEET_ACHIEVEMENT, L.SHEET_SPENDING)
FIRST = L.ACHIEVEMENT.header_row + 1  # Capaian: A-001's row; J is Realisasi TW 2
SPENT = L.SPENDING.header_row + 1  # Realisasi Anggaran: the first budget line's row; D is TW 1

# The parser's codes, from the bad-input corpus (tests/make_bad_corpus.py): code -> case.
PARSER = {
    "RAK101": "missing_sheet", "RAK102": "header_row_cleared", "RAK103": "header_renamed",
    "RAK104": "number_as_words", "RAK105": "marks_and_ids", "RAK106": "marks_and_ids",
    "RAK107": "marks_and_ids", "RAK108": "marks_and_ids", "RAK109": "formula_error_ref",
    "RAK110": "formula_without_cache", "RAK111": "id_lookalikes",
}
# The evaluation's codes: cell edits of the shipped workbook (None: its evaluation sheets removed).
EVALUATION = {
    "RAK601": None,
    "RAK602": {IDN: {"B15": "semester 1"}},
    "RAK603": {CAP: {f"J{FIRST + 2}": None}},
    "RAK604": {SPD: {f"D{SPENT}": None}},
    "RAK605": {KPU: {"H10": None}},  # A-006 no longer marked in TW 2, yet its realisation grows
    "RAK606": {CAP: {f"I{FIRST + 4}": 0.3, f"J{FIRST + 4}": 0.2}},
    "RAK607": {CAP: {f"J{FIRST + 3}": 0.8}},
    "RAK608": {CAP: {f"A{FIRST + 73}": "Z-999"}},
    "RAK609": {CAP: {f"A{FIRST}": None}},  # A-001 loses its Capaian row
    # A-023 ('Penurunan jumlah sengketa ...', Arah Turun) given rising cumulative targets.
    "RAK610": {CAP: {f"E{FIRST + 22}": 0.25, f"F{FIRST + 22}": 0.5, f"G{FIRST + 22}": 0.75}},
    # A-007 ('... tepat waktu', a rate) given rising cumulative targets.
    "RAK611": {CAP: {f"E{FIRST + 6}": 0.25, f"F{FIRST + 6}": 0.5, f"G{FIRST + 6}": 0.75}},
}


def _report(path):
    return jobs.validate(read_grids(path), path.name)


def _without_evaluation(path):
    wb = openpyxl.load_workbook(WORKBOOK, keep_vba=True)
    for name in L.OPTIONAL_SHEETS:
        del wb[name]
    wb.save(path)
    return path


def _assert_made_and_said(report, code: str) -> None:
    """`code` is among the findings, and every finding reads whole in both languages."""
    assert code in {f.code for f in report.findings}
    for f in report.findings:
        for text in (f.message("id"), f.message("en"), f.hint("id"), f.hint("en")):
            assert text and not [name for _, name, _, _ in string.Formatter().parse(text) if name], (f, text)


def test_every_active_code_has_a_recipe():
    load_all()
    active = {c for c, r in CATALOG.items() if not r.retired}
    assert set(FIRES) | set(PARSER) | set(EVALUATION) == active
    assert not set(FIRES) & (set(PARSER) | set(EVALUATION))


@pytest.mark.parametrize("code", sorted(PARSER))
def test_the_parser_makes_its_codes(code, tmp_path):
    case = next(c for c in corpus.cases() if c.name == PARSER[code])
    _assert_made_and_said(_report(case.make(tmp_path / "RAK.xlsm")), code)


@pytest.mark.parametrize("code", sorted(EVALUATION))
def test_the_evaluation_rules_make_their_codes(code, edit, tmp_path):
    edits = EVALUATION[code]
    path = _without_evaluation(tmp_path / "RAK_lama.xlsm") if edits is None else edit(edits)
    report = _report(path)
    _assert_made_and_said(report, code)
    made = list(REGISTRY[code](report.plan))
    assert made and {f.code for f in made} == {code}  # a rule makes findings of its own entry only


def test_every_kind_of_unreadable_value_is_said_in_both_languages(edit):
    path = edit({BUD: {"F5": "banyak"}, IDN: {"B6": "dua ribu", "B8": "kemarin"}, CAP: {f"J{FIRST}": "lima"},
                 SPD: {f"D{SPENT}": "habis"}})
    said = {f.a1: (f.message(), f.message("en"), f.hint()) for f in _report(path).findings if f.code == "RAK104"}
    assert said["F5"][0].endswith("sebagai jumlah rupiah.") and said["F5"][1].endswith("as an amount in Rupiah.")
    assert "sampai Rp 1.000 triliun" in said["F5"][2]
    assert said["B6"][1].endswith("as a year.") and said["B8"][1].endswith("as a date.")
    assert said[f"J{FIRST}"][1].endswith("as a number.") and said[f"D{SPENT}"][2] == "Tulis sebagai angka bulat, misalnya 27750000."


# -- an entry checks what it is given ----------------------------------------------------------------

def test_an_entry_takes_exactly_the_parameters_its_words_name():
    cell = CellRef(BUD, 5, 5)
    assert RAK404.params == {"value", "closest", "divisions"}
    made = RAK404.at(cell, row_id="X", value="Keuangan", closest="Keuangan, Umum dan Logistik", divisions="-")
    assert (made.code, made.sheet, made.a1, made.row_id, made.severity) == ("RAK404", BUD, "E5", "X", "error")
    with pytest.raises(TypeError, match="missing \\['closest'\\]"):
        RAK404.at(cell, value="Keuangan", divisions="-")
    with pytest.raises(TypeError, match="unknown \\['closest_en'\\]"):
        RAK404.at(cell, value="Keuangan", closest="x", closest_en="x", divisions="-")
    assert RAK601.on(CAP).cell is None and RAK601.params == set()


def test_words_in_both_languages_fill_each_languages_message():
    made = RAK409.at(CellRef(IDN, 10, 2), total="Rp 1", pagu="Rp 2", difference="Rp 1",
                     which=both("rules.pagu_revised"), note=both("rules.pagu_unshared", amount="Rp 1"))
    assert "(Rp 2, pagu revisi)" in made.message() and "(Rp 2, revised pagu)" in made.message("en")
    assert made.hint().startswith("Sebesar Rp 1 dari pagu") and made.hint("en").startswith("Rp 1 of the pagu")


def test_the_catalog_states_its_thresholds_from_the_numbers_the_rules_check():
    assert "lebih dari 150%" in catalog.RAK607.message_id and catalog.UNIT_ERROR_THRESHOLD == 150
    assert "melebihi 100%" in catalog.RAK305.message_id and catalog.SHARE_MAX_PERCENT == 100
    assert "antara Juli {previous}" in catalog.RAK501.hint_id and "July {previous}" in catalog.RAK501.hint_en
    assert f"at least {catalog.UNIFORM_SCHEDULE_MIN_ROWS} indicators" in catalog.RAK316.doc
    assert f"At least {catalog.NEAR_DUPLICATE_MIN_WORDS} measured words" in catalog.RAK322.doc


# -- thresholds, both sides of each ----------------------------------------------------------------

def _codes_at(path, code: str) -> set[str]:
    return {str(c) for f in _report(path).findings if f.code == code for c in f.all_cells}


def test_a_share_target_of_exactly_100_percent_passes_and_just_over_is_reported(edit):
    path = edit({KPU: {"D9": 1.001, "D10": 1.0}})  # A-005 100,1%, A-006 100%: both 'Persentase ...'
    found = [f for f in _report(path).findings if f.code == "RAK305"]
    assert [f.a1 for f in found] == ["D9"] and "100,1%" in found[0].message()


def test_capaian_of_exactly_150_percent_passes_and_just_over_is_reported(edit):
    # TW 2 targets of are 50%: 75% is exactly 150 of target, 75,05% is 150,1.
    path = edit({CAP: {f"J{FIRST}": 0.75, f"J{FIRST + 1}": 0.7505}})
    found = [f for f in _report(path).findings if f.code == "RAK607"]
    assert [f.a1 for f in found] == [f"J{FIRST + 1}"] and "150,1%" in found[0].message()


def test_a_uniform_schedule_needs_five_marked_indicators(edit):
    # RAK_KPU keeps its first 4 rows marked TW 1-4, RAK_Sekretariat its first 5; the rest lose their marks.
    cleared = {sheet: {f"{c}{r}": None for c in "GHIJ" for r in range(5 + keep, 60)}
               for sheet, keep in ((KPU, 4), (SEK, 5))}
    found = [f for f in _report(edit(cleared)).findings if f.code == "RAK316"]
    assert [(f.sheet, f.params["count"]) for f in found] == [(SEK, 5)]


@pytest.mark.parametrize("wording, reported", [
    # A-029 'Persentase calon peserta Pemilu yang dapat difasilitasi' measures 4 words (calon, peserta, pemilu,
    # difasilitasi); A-030 reworded to the same 4 plus a time qualifier is reported, with 3 of them it is not.
    ("Persentase calon peserta Pemilu yang difasilitasi tepat waktu", True),
    ("Persentase peserta Pemilu yang difasilitasi tepat waktu", False),
])
def test_near_duplicates_need_four_measured_words(wording, reported, edit):
    assert catalog.NEAR_DUPLICATE_MIN_WORDS == 4
    shorter = {} if reported else {"C33": "Persentase peserta Pemilu yang dapat difasilitasi"}
    assert bool(_codes_at(edit({KPU: {"C34": wording, **shorter}}), "RAK322") & {f"{KPU}!C34"}) == reported


@pytest.mark.parametrize("signed, reported", [
    (dt.datetime(2021, 6, 30), True), (dt.datetime(2021, 7, 1), False),  # drafting starts in July of 2021
    (dt.datetime(2022, 12, 31), False), (dt.datetime(2023, 1, 1), True),  # a 2022 plan is signed within 2022
])
def test_a_plan_date_outside_july_before_to_the_years_end_is_reported(signed, reported, edit):
    assert bool(_codes_at(edit({IDN: {"B12": signed}}), "RAK501")) == reported


@pytest.mark.parametrize("dated, reported", [(dt.datetime(2022, 1, 1), False), (dt.datetime(2022, 1, 2), True)])
def test_a_dipa_dated_after_the_first_day_of_the_year_is_reported(dated, reported, edit):
    assert bool(_codes_at(edit({IDN: {"B8": dated}}), "RAK502")) == reported
