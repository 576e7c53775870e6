"""Recognising a division (Bagian / Subbagian) however staff wrote it, and the one a group's name points at.

A KPU Kabupaten/Kota secretariat has *Subbagian* (Perpres 105/2018); many offices, Probolinggo
among them, write "Bagian" anyway, and staff also write "Sub Bagian ...", "Subbag ...", list
numbers, varying punctuation, "Pemilihan Umum" for "Pemilu" and "Sumber Daya Manusia" for
"SDM". Names are compared in a normalised form against the fixed list from the Bagian sheet;
difflib (standard library) offers the closest one. "Divisi ..." (a commissioner's portfolio,
not a secretariat unit) is still read as the unit it names; rule RAK320 says it is the wrong word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_UNIT_WORD = r"(?:sub\s*bagian|subbagian|subbag|sub\s*bag|bagian|divisi|bidang)"
_PREFIX = re.compile(rf"^(?:\d+\s*[.)]\s*)?(?:{_UNIT_WORD}\s+)?", re.IGNORECASE)
_COMMISSIONER = re.compile(r"^(?:\d+\s*[.)]\s*)?divisi\b", re.IGNORECASE)
# Long forms a unit's name may be written in, and the short form its key uses.
_SHORT = (("pemilihan umum", "pemilu"), ("sumber daya manusia", "sdm"), ("hubungan masyarakat", "humas"),
          ("&", " dan "))


def _plain(text: str) -> str:
    s = text.casefold()
    for long, short in _SHORT:
        s = s.replace(long, short)
    s = re.sub(r"[^0-9a-z]+", " ", s)
    return " ".join(s.split())


@lru_cache(maxsize=4096)  # every line and row is matched against every division name
def division_key(text: str) -> str:
    return _plain(_PREFIX.sub("", text.strip(), count=1))


def names_a_commissioners_division(text: str) -> bool:
    """'1. Divisi Keuangan, ...': a commissioner's portfolio written where a secretariat unit belongs."""
    return bool(_COMMISSIONER.match(text.strip()))


def match_division(text: str, names: list[str]) -> str | None:
    """The canonical name `text` stands for, or None."""
    return division_matcher(names)(text)


def division_matcher(names: list[str]) -> Callable[[str], str | None]:
    """match_division over a fixed list of names, their keys worked out once for a whole table."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(division_key(name), name)  # the first name with a key, as a scan in order finds
    by_key.pop("", None)  # a text with no key names no division

    def match(text: str) -> str | None:
        return by_key.get(division_key(text))

    return match


def closest_division(text: str, names: list[str]) -> str | None:
    import difflib  # only for a name that matches no division: its import costs every run otherwise

    keys = {division_key(n): n for n in names}
    best = difflib.get_close_matches(division_key(text), list(keys), n=1, cutoff=0.4)
    return keys[best[0]] if best else None


# --- the division a group's name points at --------------------------------------------------------
# A unit's name lists its subjects ("Keuangan, Umum dan Logistik": keuangan, umum, logistik). A group
# ("Pengelolaan Sumber Daya Manusia") is that unit's when its name says one of them, or a word the
# unit's work goes by (a Kasubbag Umum answers for the office and its buildings, Hukum for regulations
# and disputes, Partisipasi for voter education).
SUBJECT_WORDS = {
    "umum": ("perkantoran", "sarana prasarana", "rumah tangga", "persuratan", "kearsipan", "arsip",
             "barang milik negara", "bmn"),
    "hukum": ("peraturan", "perundang undangan", "regulasi", "sengketa", "advokasi"),
    "sdm": ("kepegawaian", "pegawai"),
    "partisipasi": ("pendidikan pemilih", "sosialisasi"),
    "humas": ("informasi publik", "publikasi"),
    "teknis penyelenggaraan pemilu": ("teknis penyelenggaraan",),
}
_JOINERS = re.compile(r"\s*(?:,|\bdan\b)\s*")


@lru_cache(maxsize=256)
def _subjects(name: str) -> tuple[str, ...]:
    """'Bagian Keuangan, Umum dan Logistik' -> ('keuangan', 'umum', 'logistik', ...and their words)."""
    key = _PREFIX.sub("", name.strip(), count=1).casefold()
    parts = [q for p in _JOINERS.split(key) if (q := _plain(p))]  # _plain shortens each part's long words
    return tuple(dict.fromkeys([*parts, *(w for p in parts for w in SUBJECT_WORDS.get(p, ()))]))


def subject_division(group_name: str, names: list[str]) -> str | None:
    """The one division whose subjects the group's name says most often; None on a tie or none."""
    text = f" {_plain(group_name)} "
    scores = {name: sum(f" {s} " in text for s in _subjects(name)) for name in names}
    best = max(scores.values(), default=0)
    winners = [name for name, score in scores.items() if score == best]
    return winners[0] if best and len(winners) == 1 else None
