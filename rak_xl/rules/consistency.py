"""RAK3xx konsistensi: targets that do not fit their indicator, texts that contradict themselves."""

from __future__ import annotations

from collections.abc import Iterator

from rak_xl.core.catalog import (
    RAK301, RAK302, RAK303, RAK304, RAK305, RAK306, RAK307, RAK308, RAK309, RAK310, RAK311, RAK312, RAK313,
    SHARE_MAX_PERCENT,
)
from rak_xl.core.findings import Finding
from rak_xl.core.model import Plan, RakRow
from rak_xl.core.text import quantity, shorten, tw
from rak_xl.figures.structure import groups_of
from rak_xl.parse.divisions import closest_division
from rak_xl.parse.values import split_numbering

from . import rule
from .helpers import (
    BOUNDED_PERCENT,
    column_name,
    comparable,
    dangling_end,
    divisions_named,
    measure_kind,
    names_a_measure,
    numbers,
    per_sheet,
    reads_like_indicator,
    row_label,
    sequence_breaks,
    series_decreases,
    target_series,
    words,
)

# --- targets ---------------------------------------------------------------------

@rule(RAK301)
def target_unreadable(plan: Plan) -> Iterator[Finding]:
    for row in plan.rows:
        if row.target is not None and not row.target.readable:
            yield RAK301.at(row.ref("target"), row_id=row.id, value=shorten(row["target"].raw, 40))


def _percent_rows(plan: Plan) -> list[tuple[RakRow, str | None]]:
    """Rows with a readable percent target and their indicator's measure kind, found once per plan for
    the three rules that check them (kept on the plan: it is not changed after parsing)."""
    found = plan.__dict__.get("_percent_rows")
    if found is None:
        found = plan.__dict__["_percent_rows"] = [
            (row, measure_kind(row.indicator)) for row in plan.rows
            if (t := row.target) is not None and t.readable and t.is_percent and t.value is not None]
    return found


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


@rule(RAK302)
def target_percent_on_count(plan: Plan) -> Iterator[Finding]:
    yield from per_sheet(RAK302, _percent_targets(plan, {"count"}))


@rule(RAK303)
def target_percent_on_score(plan: Plan) -> Iterator[Finding]:
    yield from per_sheet(RAK303, _percent_targets(plan, {"score"}))


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
        yield RAK309.at(row.ref(key), row_id=row.id, column=column_name(row, key), number=number,
                        previous=numbers_only[i - 1] if i else "-", expected=expected)


@rule(RAK309)
def numbering_out_of_sequence(plan: Plan) -> Iterator[Finding]:
    for group in groups_of(plan):
        # Indicators are numbered per block (one source cell) and may restart at 1 in the
        # next block; sub-activities count once per block across the group.
        yield from _numbering([(row, n) for block in group for row in block for n in numbers(row.indicator)],
                              "indicator")
        yield from _numbering([(block[0], n) for block in group for n in numbers(block[0].activity)], "activity")


@rule(RAK310)
def text_cut_off(plan: Plan) -> Iterator[Finding]:
    for group in groups_of(plan):
        # A group's or a block's text repeats on every row: asked once, of its first row.
        asked = [(group[0][0], "group")]
        for block in group:
            asked.append((block[0], "activity"))
            asked += [(row, "indicator") for row in block]
        for row, key in asked:
            if ending := dangling_end(getattr(row, key)):
                yield RAK310.at(row.ref(key), row_id=row.id, column=column_name(row, key), ending=ending)


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
