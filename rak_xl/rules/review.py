"""RAK314-RAK324 konsistensi, as a province reviewer reads a plan: what a KPU Kabupaten/Kota can deliver
(indicators copied from the national plan), what its schedule says, which activity reaches which
indicator, and what two indicators or two numbering styles say twice.

Each rule was measured on the shipped plan before it shipped: it is quiet on the plan's rightly
distinct rows (one indicator per voter group, A-013..A-017) and fires where a reviewer would.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

from rak_xl.core import layout as L
from rak_xl.core.catalog import (
    RAK314, RAK315, RAK316, RAK317, RAK318, RAK319, RAK320, RAK321, RAK322, RAK323, RAK324,
    NEAR_DUPLICATE_MIN_WORDS, UNIFORM_SCHEDULE_MIN_ROWS,
)
from rak_xl.core.findings import Finding, id_list
from rak_xl.core.model import CellRef, Plan, RakRow, Val
from rak_xl.core.text import Both, both, say, shorten
from rak_xl.figures import kinds
from rak_xl.figures.kinds import SHARE_WORDS, event_noun, first_line, item_words, words
from rak_xl.figures.structure import Group, blocks_of, groups_of
from rak_xl.parse.divisions import closest_division, names_a_commissioners_division
from rak_xl.parse.values import split_numbering

from . import rule
from .helpers import column_name, comparable, dangling_end, names_a_measure, numbers, per_sheet, row_label


def _marks(row: RakRow) -> list[CellRef]:
    return [row.cells[k].cell for k in L.MARK_KEYS if k in row.cells]


def _every_quarter(row: RakRow) -> bool:
    return all(row.marks) and not any(row.unreadable_marks)


# --- what a KPU Kabupaten/Kota can deliver ------------------------------------------------------

# A national indicator counts satkers ("Persentase satker yang ..."); in one satker's own plan
# the denominator is 1, so its result can only be 0% or 100%.
@lru_cache(maxsize=8192)
def _counts_satkers(indicator: str) -> bool:
    w = item_words(indicator)
    if len(w) < 2 or w[0] not in SHARE_WORDS:
        return False
    return w[1] in ("satker", "kpu") or w[1:3] == ("satuan", "kerja")


@rule(RAK314)
def indicator_counts_satkers(plan: Plan) -> Iterator[Finding]:
    hits = (row for row in plan.rows if row.indicator and _counts_satkers(row.indicator))
    yield from per_sheet(RAK314, hits, "indicator", limit=60)


# Work done by KPU RI, not by a KPU Kabupaten/Kota: drafting a Peraturan KPU or a technical guideline,
# national media, its own Inspektorat (APIP), shares of work units across KPU. (pattern, needs a drafting word)
_NATIONAL = (
    (re.compile(r"\bperaturan kpu\b"), True),
    (re.compile(r"\b(?:juklak|juknis|petunjuk (?:teknis|pelaksanaan))\b"), True),
    (re.compile(r"\bmedia (?:massa )?nasional\b"), False),
    (re.compile(r"\bkapabilitas apip\b"), False),
    (re.compile(r"^(?:persentase|jumlah) unit kerja\b"), False),
)
_DRAFTING = {"rancangan", "draft", "penyusunan", "menyusun", "disusun", "menetapkan"}
_CONTRIBUTING = {"masukan", "tanggapan", "usulan"}  # the satker's own part in a national draft


# Words one of the patterns above needs: a text holding none of them is passed with one search.
_NATIONAL_HINTS = ("peraturan kpu", "juklak", "juknis", "petunjuk ", "nasional", "kapabilitas apip", "unit kerja")


@lru_cache(maxsize=8192)
def _national(indicator: str) -> bool:
    w = item_words(indicator)
    text = " ".join(w)
    if not any(map(text.__contains__, _NATIONAL_HINTS)):
        return False
    drafting = bool(_DRAFTING.intersection(w)) and not _CONTRIBUTING.intersection(w)
    return any(p.search(text) and (drafting or not needs) for p, needs in _NATIONAL)


@rule(RAK318)
def national_measure(plan: Plan) -> Iterator[Finding]:
    hits = (row for row in plan.rows if row.indicator and _national(row.indicator))
    yield from per_sheet(RAK318, hits, "indicator", limit=60)


# --- what the schedule says --------------------------------------------------------------------

def _event(row: RakRow) -> str:
    """The one-off event a row's indicator (else its Uraian Kegiatan) names, as a noun; '' for none."""
    return event_noun(row.indicator) or event_noun(row.activity)


@rule(RAK315)
def one_off_every_quarter(plan: Plan) -> Iterator[Finding]:
    for block in blocks_of(plan):
        # An indicator without a measure is RAK308's ('... yang telah membentuk ...' is a state): said once.
        hits = [row for row in block if _every_quarter(row) and names_a_measure(row.indicator) and _event(row)]
        if not hits:
            continue
        yield RAK315.spanning(hits[0].sheet, [c for row in hits for c in _marks(row)], row_id=hits[0].id,
                              ids=id_list([row_label(r) for r in hits]), event=_event(hits[0]),
                              indicator=shorten(split_numbering(hits[0].indicator)[1], 60))


@rule(RAK316)
def schedule_says_nothing(plan: Plan) -> Iterator[Finding]:
    by_sheet: dict[str, list[RakRow]] = {}
    for row in plan.rows:
        if row.indicator and not row.cells.keys().isdisjoint(L.MARK_KEYS):
            by_sheet.setdefault(row.sheet, []).append(row)
    for sheet, rows in by_sheet.items():
        marked = [r for r in rows if any(r.marks)]
        if len(marked) >= UNIFORM_SCHEDULE_MIN_ROWS and all(all(r.marks) for r in marked):
            # About the sheet's schedule, not a row: no row ID.
            yield RAK316.spanning(sheet, [c for r in marked for c in _marks(r)], count=len(marked))


@rule(RAK319)
def yearly_score_every_quarter(plan: Plan) -> Iterator[Finding]:
    hits = [row for row in plan.rows if row.indicator and _every_quarter(row)
            and kinds.kind_by_words(row.indicator) == kinds.SCORE]
    yield from per_sheet(RAK319, hits, limit=60, cells=_marks)


# --- which activity reaches which indicator ------------------------------------------------------

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


# The processes an indicator or an activity can be about, by the words that name them. Only
# processes: objects (pegawai, informasi, pemilih) are shared by unrelated pairs.
PROCESSES = {
    "seleksi": ("seleksi", "diseleksi", "terseleksi", "menyeleksi", "rekrutmen"),
    "pengaduan": ("pengaduan", "aduan"),
    "pembentukan": ("pembentukan", "dibentuk", "membentuk", "terbentuk"),
    "pelantikan": ("pelantikan", "dilantik", "melantik"),
    "sengketa": ("sengketa", "advokasi"),
    "pemutakhiran": ("pemutakhiran",),
    "pengadaan": ("pengadaan",),
    "distribusi": ("distribusi", "pendistribusian", "mendistribusikan", "didistribusikan"),
    "pelatihan": ("pelatihan", "diklat", "bimtek"),
    "kerja sama": ("kerjasama",),
    "sosialisasi": ("sosialisasi",),
    "pendidikan pemilih": ("pendidikan",),
    "kajian": ("kajian", "litbang", "penelitian"),
    "revisi": ("revisi",),
    "pemeliharaan": ("pemeliharaan", "memelihara", "perawatan"),
}
_PROCESS_OF = {w: name for name, ws in PROCESSES.items() for w in ws}


@lru_cache(maxsize=8192)
def processes(text: str) -> tuple[str, ...]:
    """The processes a text names, in order ('kerja sama' written in two words counts too)."""
    w = words(text.replace("kerja sama", "kerjasama").replace("Kerja sama", "kerjasama"))
    if _PROCESS_OF.keys().isdisjoint(w):
        return ()  # a text naming no process: one test in C
    return tuple(dict.fromkeys(_PROCESS_OF[x] for x in w if x in _PROCESS_OF))


def _unrelated(row: RakRow) -> bool:
    # Most indicators name no process: the activity is not asked then.
    return bool((measured := processes(row.indicator)) and (done := processes(row.activity))
                and set(measured).isdisjoint(done))


@rule(RAK321)
def indicator_activity_unrelated(plan: Plan) -> Iterator[Finding]:
    for block in blocks_of(plan):
        hits = [row for row in block if row.indicator and _unrelated(row)]
        if hits:
            first = hits[0]
            yield RAK321.spanning(first.sheet, [r.ref("indicator") for r in hits], row_id=first.id,
                                  ids=id_list([row_label(r) for r in hits]),
                                  measured=", ".join(processes(first.indicator)),
                                  activity=", ".join(processes(first.activity)))


# --- what is said twice ----------------------------------------------------------------------------

# Words that say how or when, or who, not what is measured: left out before two indicators are compared.
_NOT_MEASURED = {
    "yang", "dan", "di", "ke", "dari", "pada", "untuk", "dengan", "dalam", "secara", "atau", "serta", "oleh",
    "terhadap", "sesuai", "guna", "melalui", "persentase", "prosentase", "presentase", "jumlah", "nilai", "indeks",
    "tingkat", "rasio", "banyaknya", "paling", "lambat", "hari", "kerja", "satu", "tepat", "waktu", "cepat",
    "akurat", "sop", "penyampaian", "pelaksanaan", "telah", "dapat", "baik",
}


def _measured_words(text: str, satker: frozenset[str]) -> frozenset[str]:
    measured = _measured(text)
    return measured if satker.isdisjoint(measured) else measured - satker


@lru_cache(maxsize=2048)  # plans repeat their texts, and a province's satkers each other's (the satker apart)
def _measured(text: str) -> frozenset[str]:
    measured = frozenset(item_words(text)).difference(_NOT_MEASURED)
    if any(map(str.isdigit, measured)):
        return frozenset(w for w in measured if not w.isdigit())
    return measured


def _near_duplicates(plan: Plan) -> Iterator[tuple[RakRow, RakRow, frozenset[str]]]:
    """(row, earlier row, what tells them apart) for indicators whose measured words are the same or
    contained in the other's; exact repeats within a group are RAK306's.

    Each row is paired with the first earlier row that qualifies. The plan's distinct word sets are paired
    first (_contained_pairs), so a row is compared only with the sets it can be compared with, not with
    every row before it: plans repeat texts, and a large one would cost rows squared."""
    satker = frozenset(words(str(plan.identity.get("satker") or "")))
    # Too few words to compare, as the smaller set and as the larger one: such a row is left out.
    measured = [(n, row, mine) for n, row in enumerate(plan.rows)
                if len(mine := _measured_words(row.indicator, satker)) >= NEAR_DUPLICATE_MIN_WORDS]
    pairs = _contained_pairs(dict.fromkeys(mine for _, _, mine in measured))
    group_of: dict[int, Group] = {}  # a row's group, asked only of two rows with the same text
    rows_of: dict[frozenset[str], list[tuple[int, RakRow]]] = {}  # each earlier word set -> its rows, in order
    for n, row, mine in measured:
        sets = pairs.get(mine)
        earlier = rows_of.get(mine)
        if earlier is not None:
            sets = {**sets, mine: frozenset()} if sets else {mine: frozenset()}  # the same words said before
            earlier.append((n, row))
        else:
            rows_of[mine] = [(n, row)]
        if sets:
            if not group_of:
                group_of = {id(r): g for g in groups_of(plan) for b in g for r in b}
            hit = _first_near(row, sets, rows_of, group_of, n)
            if hit is not None:
                yield hit


def _contained_pairs(distinct: Iterable[frozenset[str]]) -> dict[frozenset[str], dict]:
    """For each word set, the other sets that contain it or that it contains, each with what tells the two
    apart. A set is indexed by any one of its words: a set contains another only if it holds that word."""
    keyed: defaultdict[str, list[frozenset[str]]] = defaultdict(list)
    for mine in distinct:
        keyed[next(iter(mine))].append(mine)
    pairs: dict[frozenset[str], dict] = {}
    for mine in distinct:
        for w in filter(keyed.__contains__, mine):
            for theirs in keyed[w]:
                if theirs <= mine and theirs is not mine:
                    pairs.setdefault(mine, {})[theirs] = pairs.setdefault(theirs, {})[mine] = mine - theirs
    return pairs


def _first_near(row: RakRow, sets: dict, rows_of: dict, group_of: dict, before: int):
    """(row, the first row of `sets` before row number `before`, what tells them apart), skipping the same
    text in the same group."""
    first: tuple[int, RakRow, frozenset[str]] | None = None
    for theirs in sets:
        for n, other in rows_of.get(theirs, ()):
            if n >= (before if first is None else first[0]):
                break  # a row of this set comes later than the one found, or than `row` itself
            same_text = comparable(row.indicator) == comparable(other.indicator)
            if not (same_text and group_of.get(id(row)) is group_of.get(id(other))):
                first = n, other, theirs
                break
    return None if first is None else (row, first[1], sets[first[2]])


@rule(RAK322)
def indicator_near_duplicate(plan: Plan) -> Iterator[Finding]:
    for row, other, extra in _near_duplicates(plan):
        difference = both("rules.extra_words", words=", ".join(sorted(extra))) if extra else both("rules.wording")
        yield RAK322.at(row.ref("indicator"), row_id=row.id, other_id=row_label(other),
                        other=other.ref("indicator").a1, difference=difference)


_STYLE = re.compile(r"^\s*(?:\d{1,2}\s*(?P<dot>\.)|\d{1,2}\s*(?P<paren>\))|(?P<bullet>[•·\-–*]))")


@lru_cache(maxsize=2048)  # every group's indicators and sub-activities, and a province's plans repeat them
def _style(line: str) -> str:
    """'1.', '1)', '•' or '' (unnumbered) for a line."""
    m = _STYLE.match(line)
    if not m:
        return ""
    return "1." if m["dot"] else "1)" if m["paren"] else "•"


def _items(group: Group, key: str) -> list[tuple[RakRow, str]]:
    """A group's list in column `key`: each sub-activity once (its first line); each indicator of a block of
    several, or numbered alone (an indicator alone in its block may go unnumbered)."""
    if key == "activity":
        return [(b[0], first_line(b[0].activity)) for b in group if b[0].activity]
    return [(r, r.indicator) for b in group for r in b if r.indicator and (len(b) > 1 or _style(r.indicator))]


def _styles(found: list[str], unnumbered_counts: bool) -> list[str]:
    """The numbering styles of a list (`found`: each item's _style), '' for unnumbered items where they
    count (sub-activities)."""
    styles = list(dict.fromkeys(s for s in found if s))
    if unnumbered_counts and styles and "" in found:
        styles.append("")
    return styles


@rule(RAK323)
def numbering_style_mixed(plan: Plan) -> Iterator[Finding]:
    for group in groups_of(plan):
        for key in ("indicator", "activity"):
            items = _items(group, key)
            found = [_style(text) for _, text in items]
            if len(set(found)) < 2:
                continue  # one style, or none: never two
            styles = _styles(found, unnumbered_counts=key == "activity")
            if len(styles) < 2:
                continue
            rows = [r for r, _ in items]
            named = Both(*(", ".join(f"'{s}'" if s else say("rules.unnumbered", lang) for s in styles)
                           for lang in ("id", "en")))
            yield RAK323.spanning(rows[0].sheet, [r.ref(key) for r in rows], row_id=rows[0].id,
                                  column=column_name(rows[0], key), styles=named)


# --- who is named, and what cannot be measured ----------------------------------------------------------

def _unit_cells(plan: Plan) -> Iterator[tuple[Val, str | None, str]]:
    """(cell, the division it was read as, row ID) of every Penanggung Jawab and Anggaran Bagian cell."""
    for row in plan.rows:
        cell = row.cells.get("unit_in_charge")
        if cell is not None and not cell.blank:
            yield cell, row.division, row.id
    for line in plan.budget_lines:
        cell = line.cells.get("division")
        if cell is not None and not cell.blank:
            yield cell, line.division, line.code


@rule(RAK320)
def commissioners_division(plan: Plan) -> Iterator[Finding]:
    for cell, division, row_id in _unit_cells(plan):
        if names_a_commissioners_division(cell.text):
            unit = division or closest_division(cell.text, plan.division_names) or "Subbagian ..."
            yield RAK320.at(cell.cell, row_id=row_id, value=shorten(cell.text, 50), unit=unit)


@rule(RAK324)
def reduction_without_baseline(plan: Plan) -> Iterator[Finding]:
    hits = (row for row in plan.rows if row.indicator and row.in_percent and row.target is not None
            and kinds.kind_of(row) == kinds.REDUCTION and not kinds.measurable_reduction(row))
    yield from per_sheet(RAK324, hits, "target", limit=60)

