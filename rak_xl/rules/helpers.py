"""Small readers the rules share: measure words, numbering, quarterly series, and how a row
and the divisions are named in a message (numbers, dates and quarters: rak_xl.core.text).

Groups and sub-activities are the plan's structure: rak_xl.figures.structure.

Kept apart from the area modules so each rule stays a short function over the Plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from rak_xl.core import layout as L
from rak_xl.core.model import BudgetLine, CellRef, Plan, RakRow
from rak_xl.core.text import say
from rak_xl.parse.values import normalise_text, split_numbering

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
# Percent targets above the whole (catalog.SHARE_MAX_PERCENT) make no sense for a share or a
# level ("Persentase ..."); they do for growth ("Peningkatan ... 120%") and achievement.
BOUNDED_PERCENT = {"percent", "level"}

# Cached readers below: the same texts repeat on many rows (a block's sub-activity, a group's name).
_WORD = re.compile(r"[0-9a-zA-Z\u00c0-\u024f]+(?:-[0-9a-zA-Z\u00c0-\u024f]+)*")


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(text))


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


# --- quarterly series ------------------------------------------------------------

def target_series(plan: Plan) -> Iterator[tuple[RakRow, list[float | None], Callable[[int], CellRef | None]]]:
    """(row, cumulative targets TW 1..4, cell-of-quarter function) for rows with quarterly targets."""
    for row in plan.rows:
        if any(v is not None for v in row.targets_to_date):
            yield row, list(row.targets_to_date), row.target_to_date_ref


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


# --- naming rows, fields and divisions --------------------------------------------

IDENTITY_LABEL = {key: label for key, label, _ in L.IDENTITY_FIELDS}  # as column A of Identitas says it


def divisions_named(plan: Plan) -> str:
    """The plan's divisions for a hint ('Sekretariat; Teknis ...'), '-' when it names none."""
    return "; ".join(plan.division_names) or "-"


def row_label(row: RakRow | BudgetLine) -> str:
    """A row's ID (a budget line's code), or 'baris 12' where it has none: it stands where the ID
    would, so it reads the same in both languages' messages."""
    key = row.code if isinstance(row, BudgetLine) else row.id
    return key or say("rules.row", "id", row=row.row)
