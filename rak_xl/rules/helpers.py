"""Small readers the rules share: measure words, numbering, blocks, number and date wording.

Kept apart from the area modules so each rule stays a short function over the Plan.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

from ..model import Plan, RakRow
from ..parse.values import normalise_text, split_numbering
from ..wording import number as number_id  # noqa: F401  (re-exported for the rules)
from ..wording import rupiah, shorten  # noqa: F401

# --- measure words -------------------------------------------------------------
# An indicator (IKK) names what is measured. The first word after the numbering
# says which kind of target fits: a share in percent, a count, a score.
MEASURE_KIND = {
    "persentase": "percent", "prosentase": "percent", "presentase": "percent", "proporsi": "percent",
    "cakupan": "percent",
    "jumlah": "count", "banyaknya": "count", "frekuensi": "count",
    "nilai": "score", "indeks": "score", "skor": "score", "predikat": "score",
    "tingkat": "level", "rasio": "ratio", "rata-rata": "average", "rerata": "average",
    "penurunan": "change", "peningkatan": "change", "kenaikan": "change", "pertumbuhan": "change",
    "capaian": "achievement", "angka": "number", "lama": "duration", "waktu": "duration",
}
# Words that make an activity text read like an indicator (strict: "Peningkatan
# kompetensi SDM" is a normal activity name, so change words are not in this set).
STRONG_MEASURES = {"persentase", "prosentase", "presentase", "jumlah", "nilai", "indeks", "rasio", "tingkat"}
# Percent targets above 100 make no sense for a share or a level ("Persentase ..."),
# they do for growth ("Peningkatan ... 120%") and achievement.
BOUNDED_PERCENT = {"percent", "level"}

# Cached readers below: the same texts repeat on many rows (a block's sub-activity, a group's name).
_WORD = re.compile(r"[0-9a-zA-Z\u00c0-\u024f]+(?:-[0-9a-zA-Z\u00c0-\u024f]+)*")


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


@lru_cache(maxsize=8192)
def lead_word(text: str) -> str:
    """First word after any list numbering or bullet: '2.Persentase ...' -> 'persentase'."""
    w = words(split_numbering(first_line(text))[1])
    return w[0] if w else ""


def measure_kind(indicator: str) -> str | None:
    """'count', 'percent', 'score', ... from the indicator's first word; None when it names no measure."""
    return MEASURE_KIND.get(lead_word(indicator))


@lru_cache(maxsize=8192)
def names_a_measure(indicator: str) -> bool:
    """An indicator names a measure when it starts with a measure word or contains a strong one."""
    return measure_kind(indicator) is not None or any(w in STRONG_MEASURES for w in words(indicator))


def reads_like_indicator(activity: str) -> bool:
    return lead_word(activity) in STRONG_MEASURES


# --- text ------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def comparable(text: str) -> str:
    """Indicator text for comparison: numbering, case, spacing and end punctuation ignored."""
    return normalise_text(split_numbering(text)[1]).rstrip(" .;,:")


# Words a sentence cannot end with: conjunctions and prepositions that need a continuation.
DANGLING = {
    "dan", "atau", "serta", "maupun", "yang", "dengan", "untuk", "di", "ke", "dari", "pada", "bagi",
    "oleh", "terhadap", "tentang", "kepada", "melalui", "sesuai", "guna", "agar", "supaya", "antara",
    "sebagai", "karena", "bahwa", "hingga", "sampai", "dalam", "atas", "demi", "berdasarkan", "antar",
}
_DANGLING_MARK = re.compile(r"[,/&(+\-–]\s*$")


def _items(text: str) -> list[str]:
    """A cell's list items: a numbered or bulleted line starts an item, other lines continue it
    (staff break long lines with Alt+Enter, so a line end is not a sentence end)."""
    items: list[str] = []
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        starts_item = split_numbering(line)[1] != line
        if items and not starts_item:
            items[-1] += " " + line
        else:
            items.append(line)
    return items


@lru_cache(maxsize=8192)
def dangling_end(text: str) -> str | None:
    """The word (or mark) a cut-off text ends with, or None when the text ends properly."""
    for item in _items(text):
        if _DANGLING_MARK.search(item):
            return item[-1]
        w = words(item)
        if w and w[-1] in DANGLING and len(w) > 1:
            # Two-word endings read better in the message: "sesuai dengan".
            return " ".join(w[-2:]) if w[-2] in DANGLING else w[-1]
    return None


# --- numbering -------------------------------------------------------------------

@lru_cache(maxsize=8192)
def numbers(text: str) -> tuple[int, ...]:
    """List numbers at the start of each line: '1.Terlaksananya ...\\n2.Terlaksananya ...' -> (1, 2)."""
    out = []
    for line in text.splitlines():
        n, _ = split_numbering(line)
        if n is not None:
            out.append(n)
    return tuple(out)


def sequence_breaks(items: list[int], previous: int | None = None) -> list[tuple[int, int, int]]:
    """(position, number, expected) where a list's numbering repeats or skips.

    A list restarts at 1 whenever it likes. After a break the count continues from
    the larger of the written and the expected number, so '5, 5, 7' is one break
    (the second 5 should be 6), not two.
    """
    out = []
    expected = 1 if previous is None else previous + 1
    for i, n in enumerate(items):
        if n != 1 and n != expected:
            out.append((i, n, expected))
            expected = max(n, expected) + 1
        else:
            expected = n + 1
    return out


# --- blocks ----------------------------------------------------------------------

def blocks(rows: list[RakRow]) -> Iterator[list[RakRow]]:
    """Runs of consecutive rows of one table with the same group and the same sub-activity.

    The seed writes several indicators per cell; the workbook has one row per
    indicator, so such a run is one cell of the source: one target, one
    sub-activity, one budget link. A blank group continues the one above (a merged
    cell that was unmerged).
    """
    carried = {"table": None, "group": ""}

    def key(row: RakRow) -> tuple:
        group = row.group or (carried["group"] if carried["table"] == row.table else "")
        carried["table"], carried["group"] = row.table, group
        return row.table, normalise_text(group), normalise_text(row.activity)

    return _runs(rows, key)


def groups(rows: list[RakRow]) -> Iterator[list[list[RakRow]]]:
    """Blocks gathered by consecutive group (Kegiatan / Sasaran Program)."""
    return _gather(blocks(rows))


def blocks_of(plan: Plan) -> list[list[RakRow]]:
    """blocks(plan.rows), worked out once per plan: several rules and the roll-up walk them."""
    return per_plan(plan, "blocks", lambda: list(blocks(plan.rows)))


def groups_of(plan: Plan) -> list[list[list[RakRow]]]:
    """groups(plan.rows), once per plan (from the same blocks as blocks_of)."""
    return per_plan(plan, "groups", lambda: list(_gather(blocks_of(plan))))


def per_plan(plan: Plan, name: str, make):
    """make(), worked out once per plan and kept in plan.derived under `name`.

    Keyed by the row list's identity and length too: a caller that swaps or extends
    plan.rows (tests do) gets fresh results, never stale ones.
    """
    key = (name, id(plan.rows), len(plan.rows))
    if key not in plan.derived:
        plan.derived[key] = make()
    return plan.derived[key]


def _gather(block_list) -> Iterator[list[list[RakRow]]]:
    carried = {"group": ""}

    def key(block: list[RakRow]) -> tuple:
        carried["group"] = block[0].group or carried["group"]
        return block[0].table, normalise_text(carried["group"])

    return _runs(block_list, key)


def _runs(items, key) -> Iterator[list]:
    """Consecutive items with the same key(item), as lists (key is called once per item, in order)."""
    run: list = []
    last = None
    for item in items:
        k = key(item)
        if run and k != last:
            yield run
            run = []
        run.append(item)
        last = k
    if run:
        yield run


# --- quarterly series ------------------------------------------------------------

def series_gaps(series: list[float | None]) -> list[int]:
    """0-based quarters left empty while a later quarter is filled."""
    last = max((i for i, v in enumerate(series) if v is not None), default=-1)
    return [i for i in range(last) if series[i] is None]


def series_decreases(series: list[float | None]) -> list[tuple[int, float, float]]:
    """(quarter index, value, previous value) where a cumulative series goes down."""
    out, prev = [], None
    for i, v in enumerate(series):
        if v is None:
            continue
        if prev is not None and v < prev - 1e-9:
            out.append((i, v, prev))
        prev = v
    return out


# --- wording -----------------------------------------------------------------------

_MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober", "November", "Desember")


def date_id(d: dt.date) -> str:
    return f"{d.day} {_MONTHS_ID[d.month - 1]} {d.year}"


def date_en(d: dt.date) -> str:
    return f"{d.day} {d:%B} {d.year}"
