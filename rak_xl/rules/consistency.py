"""RAK3xx konsistensi: targets that do not fit their indicator, texts that contradict themselves."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from rak_xl.core import layout as L
from rak_xl.core.catalog import (
    RAK301, RAK302, RAK303, RAK304, RAK305, RAK306, RAK307, RAK308, RAK309, RAK310, RAK311, RAK312, RAK313, RAK314,
    RAK315, RAK316, RAK317, SHARE_MAX_PERCENT, UNIFORM_SCHEDULE_MIN_ROWS,
)
from rak_xl.core.findings import Finding, Rule, id_list
from rak_xl.core.model import Plan, RakRow
from rak_xl.core.text import COLUMN_EN, Both, both, each_lang, quantity, shorten, tw
from rak_xl.figures.structure import blocks_of, groups_of
from rak_xl.parse.divisions import closest_division
from rak_xl.parse.values import split_numbering

from . import rule
from .helpers import (
    BOUNDED_PERCENT,
    comparable,
    dangling_end,
    divisions_named,
    measure_kind,
    names_a_measure,
    numbers,
    reads_like_indicator,
    row_label,
    sequence_breaks,
    series_decreases,
    target_series,
    words,
)

_LAYOUT = {L.SHEET_RAK_A: L.RAK_A, L.SHEET_RAK_B: L.RAK_B}


def _column(row: RakRow, key: str) -> Both:
    """The column as the sheet labels it, and its English name."""
    label = _LAYOUT[row.sheet].column(key).label if row.sheet in _LAYOUT else key
    return Both(label, COLUMN_EN.get(key, key))


# --- targets ---------------------------------------------------------------------

@rule(RAK301)
def target_unreadable(plan: Plan) -> Iterator[Finding]:
    for row in plan.rows:
        if row.target is not None and not row.target.readable:
            yield RAK301.at(row.ref("target"), row_id=row.id, value=shorten(row["target"].raw, 40))


def _percent_rows(plan: Plan) -> list[tuple[RakRow, str | None]]:
    """Rows with a readable percent target and their indicator's measure kind (measure_kind is cached)."""
    return [(row, measure_kind(row.indicator)) for row in plan.rows
            if (t := row.target) is not None and t.readable and t.is_percent and t.value is not None]


def _percent_targets(plan: Plan, kinds: set[str]) -> Iterator[RakRow]:
    whole_number_means_one = bool(kinds & {"count", "score"})
    for row, kind in _percent_rows(plan):
        if kind not in kinds:
            continue
        # A whole number in a cell without a unit ("1") is read as 100% by the parser; for a
        # count or a score it more likely means one of something, so it is not reported.
        raw = row["target"].raw
        if whole_number_means_one and not row.text("unit") and isinstance(raw, (int, float)) \
                and raw == int(raw):
            continue
        yield row


def _target_params(row: RakRow) -> dict:
    return {"indicator": shorten(split_numbering(row.indicator)[1], 50), "value": quantity(row.target.value)}


def _per_sheet(entry: Rule, rows: Iterable[RakRow], key: str = "target", limit: int = 50) -> Iterator[Finding]:
    """The same defect on many rows of a sheet is one fact: one finding listing every cell.

    `subject` names the row (one) or the count and IDs (several) with the first indicator;
    `values`, where the entry's words name it, every distinct target.
    """
    by_sheet: dict[str, list[RakRow]] = {}
    for row in rows:
        by_sheet.setdefault(row.sheet, []).append(row)
    for sheet, items in by_sheet.items():
        ids = [row_label(r) for r in items]
        indicator = shorten(split_numbering(items[0].indicator)[1], limit)
        if len(items) == 1:
            subject: str | Both = f"{ids[0]} ('{indicator}')"
        else:
            subject = both("rules.subject_many", count=len(items), ids=id_list(ids), indicator=indicator)
        params: dict[str, object] = {"subject": subject}
        if "values" in entry.params:
            values = list(dict.fromkeys(r.target.value for r in items))
            params["values"] = each_lang(lambda lang: "% / ".join(quantity(v).of(lang) for v in values))
        yield entry.spanning(sheet, [r.ref(key) for r in items], row_id=items[0].id, **params)


@rule(RAK302)
def target_percent_on_count(plan: Plan) -> Iterator[Finding]:
    yield from _per_sheet(RAK302, _percent_targets(plan, {"count"}))


@rule(RAK303)
def target_percent_on_score(plan: Plan) -> Iterator[Finding]:
    yield from _per_sheet(RAK303, _percent_targets(plan, {"score"}))


@rule(RAK304)
def target_count_on_percent(plan: Plan) -> Iterator[Finding]:
    for row in plan.rows:
        t = row.target
        if t is None or not t.readable or t.is_percent or t.value is None:
            continue
        if measure_kind(row.indicator) != "percent":
            continue
        # Only an explicit other unit counts: a bare "100" on a Persentase indicator means 100%.
        unit = row.text("unit")
        raw = row["target"].raw
        if not unit and isinstance(raw, str):
            unit = " ".join(raw.strip().split()[1:])
        if not unit or unit == "%":
            continue
        yield RAK304.at(row.ref("target"), row_id=row.id, unit=unit, **_target_params(row))


@rule(RAK305)
def target_percent_over_100(plan: Plan) -> Iterator[Finding]:
    for row in _percent_targets(plan, BOUNDED_PERCENT):
        if row.target.value > SHARE_MAX_PERCENT + 1e-9:
            yield RAK305.at(row.ref("target"), row_id=row.id, **_target_params(row))


# --- texts -----------------------------------------------------------------------

@rule(RAK306)
def indicator_duplicate(plan: Plan) -> Iterator[Finding]:
    for group in groups_of(plan):
        seen: dict[str, RakRow] = {}
        for row in (r for block in group for r in block):
            key = comparable(row.indicator)
            if not key:
                continue
            if key in seen:
                first = seen[key]
                yield RAK306.at(row.ref("indicator"), row_id=row.id, other_id=row_label(first),
                                other=first.ref("indicator").a1)
            else:
                seen[key] = row


def _swapped(row: RakRow) -> bool:
    return bool(row.indicator) and not names_a_measure(row.indicator) and reads_like_indicator(row.activity)


@rule(RAK307)
def indicator_activity_swapped(plan: Plan) -> Iterator[Finding]:
    for row in plan.rows:
        if _swapped(row):
            yield RAK307.at(row.ref("indicator"), row_id=row.id, indicator=shorten(row.indicator, 50),
                            activity=shorten(row.activity, 50))


@rule(RAK308)
def indicator_no_measure(plan: Plan) -> Iterator[Finding]:
    for row in plan.rows:
        # Text in words only: a number, or a row that RAK307 already explains, is not this case.
        # names_a_measure first: it is cached and true for nearly every row, which ends the test there.
        if row.indicator and not names_a_measure(row.indicator) and words(row.indicator) and not _swapped(row):
            yield RAK308.at(row.ref("indicator"), row_id=row.id, indicator=shorten(row.indicator, 60))


def _numbering(items: list[tuple[RakRow, int]], key: str) -> Iterator[Finding]:
    numbers_only = [n for _, n in items]
    for i, number, expected in sequence_breaks(numbers_only):
        row = items[i][0]
        yield RAK309.at(row.ref(key), row_id=row.id, column=_column(row, key), number=number,
                        previous=numbers_only[i - 1] if i else "-", expected=expected)


@rule(RAK309)
def numbering_out_of_sequence(plan: Plan) -> Iterator[Finding]:
    for group in groups_of(plan):
        # Indicators are numbered per block (one source cell) and may restart at 1 in the
        # next block; sub-activities count once per block across the group.
        yield from _numbering([(row, n) for block in group for row in block for n in numbers(row.indicator)],
                              "indicator")
        yield from _numbering([(block[0], n) for block in group for n in numbers(block[0].activity)], "activity")


def _cut_off(row: RakRow, key: str) -> Iterator[Finding]:
    ending = dangling_end(getattr(row, key))
    if ending:
        yield RAK310.at(row.ref(key), row_id=row.id, column=_column(row, key), ending=ending)


@rule(RAK310)
def text_cut_off(plan: Plan) -> Iterator[Finding]:
    for group in groups_of(plan):
        # A group's or a block's text repeats on every row: report it once, on its first row.
        yield from _cut_off(group[0][0], "group")
        for block in group:
            yield from _cut_off(block[0], "activity")
            for row in block:
                yield from _cut_off(row, "indicator")


@rule(RAK311)
def unit_in_charge_unknown(plan: Plan) -> Iterator[Finding]:
    names = plan.division_names
    if not names:
        return
    for row in plan.rows:
        cell = row.cells.get("unit_in_charge")
        if cell is None or cell.blank or row.division:
            continue
        yield RAK311.at(cell.cell, row_id=row.id, value=shorten(cell.raw, 50),
                        closest=closest_division(cell.text, names) or names[0], divisions=divisions_named(plan))


# --- quarterly series ----------------------------------------------------------------

@rule(RAK312)
def quarter_target_decreasing(plan: Plan) -> Iterator[Finding]:
    for row, values, cell_of in target_series(plan):
        if row.lower_is_better:
            continue  # a reduction ("Penurunan ...", Arah Turun) may well aim lower quarter by quarter
        percent = bool(row.target and row.target.is_percent)
        for i, value, previous in series_decreases(values):
            cell = cell_of(i + 1)
            if cell is not None:
                yield RAK312.at(cell, row_id=row.id, quarter=tw(i + 1), value=quantity(value, percent),
                                previous=quantity(previous, percent))


@rule(RAK313)
def quarter_target_annual_mismatch(plan: Plan) -> Iterator[Finding]:
    for row in plan.rows:
        targets = row.targets_to_date
        if targets[-1] is None:
            continue
        t = row.target
        if t is None or not t.readable or t.value is None:
            continue
        if abs(targets[-1] - t.value) > 1e-6 * max(1.0, abs(t.value)):
            cell = row.target_to_date_ref(4)
            if cell is not None:
                yield RAK313.at(cell, row_id=row.id, value=quantity(targets[-1], t.is_percent),
                                annual=quantity(t.value, t.is_percent))


# --- what a reviewer reads: indicators copied from the national plan, schedules, shared cells ----------

# A national indicator counts satkers ("Persentase satker yang ..."); in one satker's own plan
# the denominator is 1, so its result can only be 0% or 100%.
_SHARE_WORDS = {"persentase", "prosentase", "presentase", "proporsi"}


@lru_cache(maxsize=8192)
def _counts_satkers(indicator: str) -> bool:
    w = words(split_numbering(indicator)[1])
    if len(w) < 2 or w[0] not in _SHARE_WORDS:
        return False
    return w[1] in ("satker", "kpu") or w[1:3] == ("satuan", "kerja")


@rule(RAK314)
def indicator_counts_satkers(plan: Plan) -> Iterator[Finding]:
    hits = (row for row in plan.rows if row.indicator and _counts_satkers(row.indicator))
    yield from _per_sheet(RAK314, hits, "indicator", limit=60)


# Events that happen once (a selection, forming a body, an inauguration, a degree finished):
# marked in every quarter, the schedule says nothing about when they happen.
_ONE_OFF = {"seleksi", "diseleksi", "terseleksi", "menyeleksi", "pembentukan", "dibentuk", "membentuk",
            "terbentuk", "pelantikan", "dilantik", "lulus", "kelulusan", "rekrutmen"}


@lru_cache(maxsize=8192)
def _one_off(text: str) -> str:
    """The first one-off event word of a text, or ''."""
    return next((w for w in words(text) if w in _ONE_OFF), "")


def _marks(row: RakRow) -> list:
    return [row.cells[k].cell for k in L.MARK_KEYS if k in row.cells]


@rule(RAK315)
def one_off_every_quarter(plan: Plan) -> Iterator[Finding]:
    for block in blocks_of(plan):
        hits = [row for row in block if all(row.marks) and not any(row.unreadable_marks)
                and (_one_off(row.indicator) or _one_off(row.activity))]
        if not hits:
            continue
        event = _one_off(hits[0].indicator) or _one_off(hits[0].activity)
        yield RAK315.spanning(hits[0].sheet, [c for row in hits for c in _marks(row)], row_id=hits[0].id,
                              ids=id_list([row_label(r) for r in hits]), event=event,
                              indicator=shorten(split_numbering(hits[0].indicator)[1], 60))


@rule(RAK316)
def schedule_says_nothing(plan: Plan) -> Iterator[Finding]:
    by_sheet: dict[str, list[RakRow]] = {}
    for row in plan.rows:
        if row.indicator and any(k in row.cells for k in L.MARK_KEYS):
            by_sheet.setdefault(row.sheet, []).append(row)
    for sheet, rows in by_sheet.items():
        marked = [r for r in rows if any(r.marks)]
        if len(marked) >= UNIFORM_SCHEDULE_MIN_ROWS and all(all(r.marks) for r in marked):
            # About the sheet's schedule, not a row: no row ID.
            yield RAK316.spanning(sheet, [c for r in marked for c in _marks(r)], count=len(marked))


def _activity_items(text: str) -> int:
    """How many activities one Uraian Kegiatan cell names: numbered items, or lines that each read
    as a whole name (a capital first letter, no dangling end). A long name broken with Alt+Enter
    does not end in a sentence-final word on every line, so it stays one."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(numbers(text)) >= 2:
        return len(lines)
    if len(lines) >= 2 and all(split_numbering(ln)[1][:1].isupper() and not dangling_end(ln) for ln in lines):
        return len(lines)
    return 1


@rule(RAK317)
def activities_shared_by_indicators(plan: Plan) -> Iterator[Finding]:
    for block in blocks_of(plan):
        head = block[0]
        indicators = [r for r in block if r.indicator]
        if len(indicators) < 2 or "activity" not in head.cells:
            continue
        n = _activity_items(head.activity)
        if n >= 2:
            yield RAK317.spanning(head.sheet, [r.ref("activity") for r in block], row_id=head.id, activities=n,
                                  indicators=len(indicators), ids=id_list([row_label(r) for r in indicators]))
