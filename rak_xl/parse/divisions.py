"""Recognising a division (Bagian) however staff wrote it.

Kab/kota secretariats write the same units as "Subbagian ...", "Divisi ...",
"Sub Bagian ...", with list numbers and varying punctuation, and "Pemilihan
Umum" for "Pemilu". Names are compared in a normalised form against the fixed
list from the Bagian sheet; difflib (standard library) offers the closest one.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PREFIX = re.compile(r"^(?:\d+\s*[.)]\s*)?(?:(?:sub\s*bagian|subbagian|subbag|sub\s*bag|bagian|divisi|bidang)\s+)?",
                     re.IGNORECASE)


@lru_cache(maxsize=4096)  # every line and row is matched against every division name
def division_key(text: str) -> str:
    s = text.strip()
    s = _PREFIX.sub("", s, count=1)
    s = s.casefold().replace("pemilihan umum", "pemilu").replace("&", " dan ")
    s = re.sub(r"[^0-9a-z]+", " ", s)
    return " ".join(s.split())


def match_division(text: str, names: list[str]) -> str | None:
    """The canonical name `text` stands for, or None."""
    key = division_key(text)
    if not key:
        return None
    for name in names:
        if division_key(name) == key:
            return name
    return None


def closest_division(text: str, names: list[str]) -> str | None:
    import difflib  # only for a name that matches no division: its import costs every run otherwise

    keys = {division_key(n): n for n in names}
    best = difflib.get_close_matches(division_key(text), list(keys), n=1, cutoff=0.4)
    return keys[best[0]] if best else None
