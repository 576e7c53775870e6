"""RAK3xx konsistensi: targets that do not fit their indicator, texts that contradict themselves."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from rak_xl.core import layout as L
from rak_xl.core.findings import Finding, id_list, spanning
from rak_xl.core.model import Plan, RakRow
from rak_xl.figures.structure import blocks_of, groups_of
from rak_xl.parse.divisions import closest_division
from rak_xl.parse.values import split_numbering

from . import rule
from .helpers import (
    BOUNDED_PERCENT,
    comparable,
    dangling_end,
    measure_kind,
    names_a_measure,
    number_id,
    numbers,
    reads_like_indicator,
    sequence_breaks,
    series_decreases,
    shorten,
    target_series,
    words,
)

_LAYOUT = {L.SHEET_RAK_A: L.RAK_A, L.SHEET_RAK_B: L.RAK_B}
_COLUMN_EN = {"group": "the group column", "indicator": "the indicator column",
              "activity": "the sub-activity column"}


def _label(row: RakRow, key: str) -> str:
    return _LAYOUT[row.sheet].column(key).label if row.sheet in _LAYOUT else key


def _column_params(row: RakRow, key: str) -> dict:
    return {"column": _label(row, key), "column_en": _COLUMN_EN.get(key, key)}


# --- targets ---------------------------------------------------------------------

@rule("RAK301")
def target_unreadable(plan: Plan) -> Iterator[Finding]:
    for row in plan.rows:
        if row.target is not None and not row.target.readable:
            yield Finding("RAK301", row.sheet, row.ref("target"), {"value": shorten(row["target"].raw, 40)}, row.id)


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
    return {"indicator": shorten(split_numbering(row.indicator)[1], 50), "value": number_id(row.target.value)}


def _per_sheet(code: str, hits: list[tuple[RakRow, dict]], key: str = "target") -> Iterator[Finding]:
    """The same defect on many rows of a sheet is one fact: one finding listing every cell.

    `subject` names the row (one) or the count and IDs (several); `indicator` and `value`
    are the first row's, `values` every distinct value.
    """
    by_sheet: dict[str, list[tuple[RakRow, dict]]] = {}
    for row, params in hits:
        by_sheet.setdefault(row.sheet, []).append((row, params))
    for sheet, items in by_sheet.items():
        first_row, first = items[0]
        ids = [r.id or f"baris {r.row}" for r, _ in items]
        values = list(dict.fromkeys(p["value"] for _, p in items))
        subject = f"{ids[0]} ('{first['indicator']}')" if len(items) == 1 else \
            f"{len(items)} baris ({id_list(ids)}; mis. '{first['indicator']}')"
        subject_en = f"{ids[0]} ('{first['indicator']}')" if len(items) == 1 else \
            f"{len(items)} rows ({id_list(ids)}; e.g. '{first['indicator']}')"
        yield spanning(code, sheet, [r.ref(key) for r, _ in items],
                       {**first, "subject": subject, "subject_en": subject_en, "values": "% / ".join(values)},
                       first_row.id)


@rule("RAK302")
def target_percent_on_count(plan: Plan) -> Iterator[Finding]:
    yield from _per_sheet("RAK302", [(row, _target_params(row)) for row in _percent_targets(plan, {"count"})])


@rule("RAK303")
def target_percent_on_score(plan: Plan) -> Iterator[Finding]:
    yield from _per_sheet("RAK303", [(row, _target_params(row)) for row in _percent_targets(plan, {"score"})])


@rule("RAK304")
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
        yield Finding("RAK304", row.sheet, row.ref("target"),
                      {"indicator": shorten(split_numbering(row.indicator)[1], 50), "value": number_id(t.value),
                       "unit": unit}, row.id)


@rule("RAK305")
def target_percent_over_100(plan: Plan) -> Iterator[Finding]:
    for row in _percent_targets(plan, BOUNDED_PERCENT):
        if row.target.value > 100 + 1e-9:
            yield Finding("RAK305", row.sheet, row.ref("target"), _target_params(row), row.id)


# --- texts -----------------------------------------------------------------------

@rule("RAK306")
def indicator_duplicate(plan: Plan) -> Iterator[Finding]:
    for group in groups_of(plan):
        seen: dict[str, RakRow] = {}
        for row in (r for block in group for r in block):
            key = comparable(row.indicator)
            if not key:
                continue
            if key in seen:
                first = seen[key]
                yield Finding("RAK306", row.sheet, row.ref("indicator"),
                              {"other_id": first.id or f"baris {first.row}", "other": first.ref("indicator").a1},
                              row.id)
            else:
                seen[key] = row


def _swapped(row: RakRow) -> bool:
    return bool(row.indicator) and not names_a_measure(row.indicator) and reads_like_indicator(row.activity)


@rule("RAK307")
def indicator_activity_swapped(plan: Plan) -> Iterator[Finding]:
    for row in plan.rows:
        if _swapped(row):
            yield Finding("RAK307", row.sheet, row.ref("indicator"),
                          {"indicator": shorten(row.indicator, 50), "activity": shorten(row.activity, 50)}, row.id)


@rule("RAK308")
def indicator_no_measure(plan: Plan) -> Iterator[Finding]:
    for row in plan.rows:
        # Text in words only: a number, or a row that RAK307 already explains, is not this case.
        # names_a_measure first: it is cached and true for nearly every row, which ends the test there.
        if row.indicator and not names_a_measure(row.indicator) and words(row.indicator) and not _swapped(row):
            yield Finding("RAK308", row.sheet, row.ref("indicator"), {"indicator": shorten(row.indicator, 60)},
                          row.id)


def _numbering(items: list[tuple[RakRow, int]], key: str) -> Iterator[Finding]:
    numbers_only = [n for _, n in items]
    for i, number, expected in sequence_breaks(numbers_only):
        row = items[i][0]
        yield Finding("RAK309", row.sheet, row.ref(key),
                      {**_column_params(row, key), "number": number,
                       "previous": numbers_only[i - 1] if i else "-", "expected": expected}, row.id)


@rule("RAK309")
def numbering_out_of_sequence(plan: Plan) -> Iterator[Finding]:
    for group in groups_of(plan):
        # Indicators are numbered per block (one source cell) and may restart at 1 in the
        # next block; sub-activities count once per block across the group.
        yield from _numbering([(row, n) for block in group for row in block for n in numbers(row.indicator)],
                              "indicator")
        yield from _numbering([(block[0], n) for block in group for n in numbers(block[0].activity)], "activity")


@rule("RAK310")
def text_cut_off(plan: Plan) -> Iterator[Finding]:
    for group in groups_of(plan):
        # A group's or a block's text repeats on every row: report it once, on its first row.
        head = group[0][0]
        ending = dangling_end(head.group)
        if ending:
            yield Finding("RAK310", head.sheet, head.ref("group"), {**_column_params(head, "group"), "ending": ending},
                          head.id)
        for block in group:
            ending = dangling_end(block[0].activity)
            if ending:
                yield Finding("RAK310", block[0].sheet, block[0].ref("activity"),
                              {**_column_params(block[0], "activity"), "ending": ending}, block[0].id)
            for row in block:
                ending = dangling_end(row.indicator)
                if ending:
                    yield Finding("RAK310", row.sheet, row.ref("indicator"),
                                  {**_column_params(row, "indicator"), "ending": ending}, row.id)


@rule("RAK311")
def unit_in_charge_unknown(plan: Plan) -> Iterator[Finding]:
    names = plan.division_names
    if not names:
        return
    for row in plan.rows:
        cell = row.cells.get("unit_in_charge")
        if cell is None or cell.blank or row.division:
            continue
        yield Finding("RAK311", row.sheet, cell.cell,
                      {"value": shorten(cell.raw, 50), "closest": closest_division(cell.text, names) or names[0],
                       "divisions": "; ".join(names)}, row.id)


# --- quarterly series ----------------------------------------------------------------

def _fmt(value: float, percent: bool) -> str:
    return number_id(value) + ("%" if percent else "")


@rule("RAK312")
def quarter_target_decreasing(plan: Plan) -> Iterator[Finding]:
    for row, values, cell_of in target_series(plan):
        if row.lower_is_better:
            continue  # a reduction ("Penurunan ...", Arah Turun) may well aim lower quarter by quarter
        percent = bool(row.target and row.target.is_percent)
        for i, value, previous in series_decreases(values):
            cell = cell_of(i + 1)
            if cell is not None:
                yield Finding("RAK312", cell.sheet, cell,
                              {"quarter": f"TW {i + 1}", "value": _fmt(value, percent),
                               "previous": _fmt(previous, percent)}, row.id)


@rule("RAK313")
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
                yield Finding("RAK313", cell.sheet, cell,
                              {"value": _fmt(targets[-1], t.is_percent), "annual": _fmt(t.value, t.is_percent)},
                              row.id)


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


@rule("RAK314")
def indicator_counts_satkers(plan: Plan) -> Iterator[Finding]:
    hits = [(row, {"indicator": shorten(split_numbering(row.indicator)[1], 60), "value": ""})
            for row in plan.rows if row.indicator and _counts_satkers(row.indicator)]
    yield from _per_sheet("RAK314", hits, "indicator")


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


@rule("RAK315")
def one_off_every_quarter(plan: Plan) -> Iterator[Finding]:
    for block in blocks_of(plan):
        hits = [row for row in block if all(row.marks) and not any(row.unreadable_marks)
                and (_one_off(row.indicator) or _one_off(row.activity))]
        if not hits:
            continue
        event = _one_off(hits[0].indicator) or _one_off(hits[0].activity)
        yield spanning("RAK315", hits[0].sheet, [c for row in hits for c in _marks(row)],
                       {"ids": id_list([r.id or f"baris {r.row}" for r in hits]), "event": event,
                        "indicator": shorten(split_numbering(hits[0].indicator)[1], 60)}, hits[0].id)


_UNIFORM_MIN_ROWS = 5  # a short table marked throughout may be right; a whole plan is not


@rule("RAK316")
def schedule_says_nothing(plan: Plan) -> Iterator[Finding]:
    by_sheet: dict[str, list[RakRow]] = {}
    for row in plan.rows:
        if row.indicator and any(k in row.cells for k in L.MARK_KEYS):
            by_sheet.setdefault(row.sheet, []).append(row)
    for sheet, rows in by_sheet.items():
        marked = [r for r in rows if any(r.marks)]
        if len(marked) >= _UNIFORM_MIN_ROWS and all(all(r.marks) for r in marked):
            # About the sheet's schedule, not a row: no row ID.
            yield spanning("RAK316", sheet, [c for r in marked for c in _marks(r)], {"count": len(marked)})


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


@rule("RAK317")
def activities_shared_by_indicators(plan: Plan) -> Iterator[Finding]:
    for block in blocks_of(plan):
        head = block[0]
        indicators = [r for r in block if r.indicator]
        if len(indicators) < 2 or "activity" not in head.cells:
            continue
        n = _activity_items(head.activity)
        if n >= 2:
            yield spanning("RAK317", head.sheet, [r.ref("activity") for r in block],
                           {"activities": n, "indicators": len(indicators),
                            "ids": id_list([r.id or f"baris {r.row}" for r in indicators])}, head.id)
