"""Small readers the rules share: measure words, numbering, quarterly series, and how a row
and the divisions are named in a message (numbers, dates and quarters: rak_xl.core.text).

Groups and sub-activities are the plan's structure: rak_xl.figures.structure.

Kept apart from the area modules so each rule stays a short function over the Plan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from rak_xl.core import layout as L
from rak_xl.core.findings import Finding, Rule, id_list
from rak_xl.core.model import BudgetLine, CellRef, Plan, RakRow
from rak_xl.core.text import COLUMN_EN, Both, both, each_lang, quantity, say, shorten
from rak_xl.figures.kinds import last_words, lead_word, measure_kind, words
from rak_xl.parse.values import normalise_text, split_numbering

# --- measure words: what an indicator measures (rak_xl.figures.kinds, which Evaluasi reads too) ---
# Words that make an activity text read like an indicator (strict: "Peningkatan
# kompetensi SDM" is a normal activity name, so change words are not in this set).
STRONG_MEASURES = {"persentase", "prosentase", "presentase", "jumlah", "nilai", "indeks", "rasio", "tingkat"}
# Percent targets above the whole (catalog.SHARE_MAX_PERCENT) make no sense for a share or a
# level ("Persentase ..."); they do for growth ("Peningkatan ... 120%") and achievement.
BOUNDED_PERCENT = {"percent", "level"}


@lru_cache(maxsize=8192)
def names_a_measure(indicator: str) -> bool:
    """An indicator names a measure when it starts with a measure word or contains a strong one."""
    return measure_kind(indicator) is not None or not STRONG_MEASURES.isdisjoint(words(indicator))


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
_DANGLING_MARKS = ",/&(+-–"  # a mark an item ends with (an item is stripped: its last character)


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


@lru_cache(maxsize=8192)  # RAK310 and RAK317 ask of the same group, activity and indicator texts
def dangling_end(text: str) -> str | None:
    """The word (or mark) a cut-off text ends with, or None when the text ends properly."""
    for item in _items(text):
        if item[-1] in _DANGLING_MARKS:
            return item[-1]
        w = last_words(item)
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

def target_series(plan: Plan) -> list[tuple[RakRow, list[float | None], Callable[[int], CellRef | None]]]:
    """(row, cumulative targets TW 1..4, cell-of-quarter function) for rows with quarterly targets,
    found once per plan for the rules that read them (kept on the plan: it is not changed after parsing)."""
    found = plan.__dict__.get("_target_series")
    if found is None:
        found = plan.__dict__["_target_series"] = [
            (row, list(targets), row.target_to_date_ref) for row in plan.rows
            if (targets := row.targets_to_date).count(None) < len(targets)]
    return found


def series_gaps(series: list[float | None]) -> list[int]:
    """0-based quarters left empty while a later quarter is filled."""
    if None not in series:
        return []  # the usual series, every quarter filled
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

_LAYOUT = {L.SHEET_RAK_A: L.RAK_A, L.SHEET_RAK_B: L.RAK_B}


def column_name(row: RakRow, key: str) -> Both:
    """The column as the sheet labels it, and its English name."""
    label = _LAYOUT[row.sheet].column(key).label if row.sheet in _LAYOUT else key
    return Both(label, COLUMN_EN.get(key, key))


def per_sheet(entry: Rule, rows: Iterable[RakRow], key: str = "target", limit: int = 50,
              cells: Callable[[RakRow], list[CellRef]] | None = None) -> Iterator[Finding]:
    """The same defect on many rows of a sheet is one fact: one finding listing every cell (each row's
    `key` cell, or the cells `cells` gives for it).

    `subject` names the row (one) or the count and IDs (several) with the first indicator;
    `values`, where the entry's words name it, every distinct target, each language writing its own.
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
        spanned = [c for r in items for c in cells(r)] if cells else [r.ref(key) for r in items]
        yield entry.spanning(sheet, spanned, row_id=items[0].id, **params)


IDENTITY_LABEL = {key: label for key, label, _ in L.IDENTITY_FIELDS}  # as column A of Identitas says it


def divisions_named(plan: Plan) -> str:
    """The plan's divisions for a hint ('Sekretariat; Teknis ...'), '-' when it names none."""
    return "; ".join(plan.division_names) or "-"


def row_label(row: RakRow | BudgetLine) -> str:
    """A row's ID (a budget line's code), or 'baris 12' where it has none: it stands where the ID
    would, so it reads the same in both languages' messages."""
    key = row.code if isinstance(row, BudgetLine) else row.id
    return key or say("rules.row", "id", row=row.row)
