"""Indonesian numbers, percentages, dates and quarter marks."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import WORKBOOK
from rak_xl.adapters.file_read import read_grids
from rak_xl.core.model import CellRef, Val
from rak_xl.parse.plan import parse_plan
from rak_xl.parse.quarterly_input import parse_direction
from rak_xl.parse.tables import money_in
from rak_xl.parse.values import (
    normalise_text,
    parse_date,
    parse_mark,
    parse_money,
    parse_number,
    parse_percent_text,
    split_numbering,
)


@pytest.mark.parametrize("text, value", [
    ("Rp 1.646.458.000", 1_646_458_000),
    ("Rp. 3.178.163.000,-", 3_178_163_000),
    ("4.451.669.000", 4_451_669_000),
    ("1,646,458,000", 1_646_458_000),
    (2_777_477_000.0, 2_777_477_000),
    ("IDR 500.000", 500_000),
])
def test_money(text, value):
    assert parse_money(text) == value


@pytest.mark.parametrize("text", ["satu miliar", "1.5.6", "", None, True, "12,5"])
def test_money_unreadable(text):
    assert parse_money(text) is None


@pytest.mark.parametrize("text, value", [("12,5 %", 12.5), ("100%", 100.0), ("100 %", 100.0), ("7,25%", 7.25)])
def test_percent_text(text, value):
    assert parse_percent_text(text) == value


def test_percent_text_needs_a_number():
    assert parse_percent_text("seratus persen") is None
    assert parse_percent_text("100") is None  # no percent sign: the caller decides by the unit


def test_number_decimal_comma():
    assert parse_number("12,5") == 12.5
    assert parse_number("1.234,5") == 1234.5


@pytest.mark.parametrize("value, date", [
    ("17 Januari 2023", dt.date(2023, 1, 17)),
    ("17 Nopember 2021", dt.date(2021, 11, 17)),
    ("17-11-2021", dt.date(2021, 11, 17)),
    ("2021-11-17", dt.date(2021, 11, 17)),
    (44517.0, dt.date(2021, 11, 17)),
    (dt.datetime(2021, 11, 17, 8, 0), dt.date(2021, 11, 17)),
])
def test_dates(value, date):
    assert parse_date(value) == date


def test_bad_dates():
    assert parse_date("31 Februari 2022") is None
    assert parse_date("kemarin") is None


@pytest.mark.parametrize("value, expected", [
    ("√", (True, False)), ("v", (True, True)), ("V", (True, True)), ("x", (True, True)), ("1", (True, True)),
    (1, (True, True)), (True, (True, True)), ("✓", (True, True)), (None, (False, False)), ("", (False, False)),
    ("-", (False, False)), ("?", (None, False)), ("sebagian", (None, False)),
])
def test_marks(value, expected):
    assert parse_mark(value) == expected


def test_numbering():
    assert split_numbering("3. Persentase") == (3, "Persentase")
    assert split_numbering("2.Ketersediaan logistic") == (2, "Ketersediaan logistic")
    assert split_numbering("1) Persentase") == (1, "Persentase")
    assert split_numbering("• Persentase") == (None, "Persentase")
    assert split_numbering("Persentase") == (None, "Persentase")


def test_indonesian_wording():
    from rak_xl.core import text as wording

    assert wording.rupiah(1_646_458_000) == "Rp 1.646.458.000"
    assert wording.rupiah(-27_734_000) == "-Rp 27.734.000"
    assert wording.rupiah(None) == "-"
    assert wording.thousands(4_451_669_000) == "4.451.669.000"
    assert wording.number(12.5) == "12,5"
    assert wording.number(1500.0) == "1.500"
    assert wording.number(1234.567) == "1.234,57"
    assert wording.percent(92.9) == "92,9%"
    assert wording.number(float("inf")) == "inf"


@pytest.mark.parametrize(("value", "lower"), [
    ("Turun", True), (" menurun ", True), ("Lower is better", True), ("Naik", False), ("MENINGKAT", False),
    ("higher", False), ("", None), ("   ", None), (None, None), ("datar", None), (1, None),
])
def test_direction(value, lower):
    assert parse_direction(value) is lower


@pytest.mark.parametrize(("raw", "amount"), [
    (1646458000.0, 1646458000), (-2500.0, -2500), (-0.0, 0), (1e15, 10**15), (-1e15, -10**15),
    (12, 12), ("Rp 1.646.458.000", 1646458000), (None, None), ("  ", None),
])
def test_money_in_reads_whole_rupiah(raw, amount):
    findings = []
    got = money_in(Val(raw, CellRef("Anggaran", 5, 6)), "Pagu", "money", findings)
    assert got == amount and type(got) is type(amount) and findings == []


@pytest.mark.parametrize("raw", [1e15 + 2, -1e16, 12.5, float("nan"), float("inf"), "dua juta", True])
def test_money_in_reports_what_it_cannot_read(raw):
    findings = []
    assert money_in(Val(raw, CellRef("Anggaran", 5, 6)), "Pagu", "money", findings) is None
    assert [f.code for f in findings] == ["RAK104"] and str(findings[0].cell) == "Anggaran!F5"


def test_a_table_cell_knows_its_place():
    """The parser gives a cell its place in pieces; it reads, compares and hashes as a whole CellRef."""
    plan = parse_plan(read_grids(WORKBOOK))[0]
    row = plan.rows[0]
    val = row.cells["indicator"]
    place = (row.sheet, row.row, 3)
    assert val == Val(val.raw, place) == Val(val.raw, CellRef(*place))
    assert hash(val) == hash(Val(val.raw, CellRef(*place)))
    assert val.cell == place and type(val.cell) is CellRef and val.cell is val.cell
    assert val == Val(val.raw, place) and hash(val) == hash(Val(val.raw, place))  # after the CellRef is made
    assert val != Val(val.raw, (row.sheet, row.row + 1, 3))


def test_normalise_text_knows_the_spaces_a_pattern_of_every_unicode_space_does():
    """normalise_text splits on str's spaces; what it must say is what `[\\s\\u00a0\\u202f]+` made one
    space of (every Unicode space, the no-break ones named): on every character between words and at
    either end, and on every group, activity and indicator of the plan."""
    import re

    spaces = re.compile(r"[\s\u00a0\u202f]+")

    def by_pattern(text: str) -> str:
        return spaces.sub(" ", text).strip().casefold()

    chars = [chr(c) for c in range(0x3001) if not 0xD800 <= c < 0xE000]  # to U+3000, the ideographic space
    for c in chars:
        for text in (f"a{c}b", f" {c}  X{c}", c):
            assert normalise_text(text) == by_pattern(text), repr(text)
    plan, _ = parse_plan(read_grids(WORKBOOK))
    texts = {t for r in plan.rows for t in (r.group, r.activity, r.indicator)}
    assert len(texts) > 100
    assert all(normalise_text(t) == by_pattern(t) for t in texts)
