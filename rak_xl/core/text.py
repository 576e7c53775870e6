"""Every word staff read that is not a rule's or a refusal's, in Indonesian and English, and the
helpers that write quarters, dates, severities and numbers the way each language writes them.

The rule catalog (core/catalog.py) and the refusal catalog (core/refusals.py) hold the words of
findings and refusals; everything else a person reads (CLI headings, button alerts, sheet titles
and notes, states) comes from here, so no module builds "TW 1" or a month name on its own.

Numbers: Indonesian (the default) groups thousands with dots and uses the comma as the decimal
mark: Rp 1.646.458.000, 12,5%. English (`--lang en`): Rp 1,646,458,000, 12.5%. Written here
rather than with the locale module: the machine's locale (Linux CI, an English Windows) must not
change what staff read.
"""

from __future__ import annotations

import datetime as dt
import math


def _localise(text: str, lang: str) -> str:
    """Python's '1,234.5' in the style of `lang`."""
    if lang == "en":
        return text
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def thousands(amount: int | None, none: str = "-", lang: str = "id") -> str:
    """1646458000 -> '1.646.458.000' ('1,646,458,000' in English)."""
    return none if amount is None else _localise(f"{amount:,}", lang)


def rupiah(amount: int | None, none: str = "-", lang: str = "id") -> str:
    """-27734000 -> '-Rp 27.734.000'."""
    if amount is None:
        return none
    return ("-" if amount < 0 else "") + "Rp " + thousands(abs(amount), lang=lang)


def number(value: float | None, none: str = "-", lang: str = "id", decimals: int | None = None) -> str:
    """12.5 -> '12,5'; 100.0 -> '100'; 1500 -> '1.500'; at most two decimals.

    With `decimals`, always that many (tables: 93,0 and 94,4 line up, never 93 and 94,38).
    """
    if value is None:
        return none
    if not math.isfinite(value):  # a message must never crash
        return str(value)
    if decimals is not None:
        return _localise(f"{value:,.{decimals}f}", lang)
    if abs(value - round(value)) < 1e-9:
        return thousands(int(round(value)), lang=lang)
    return _localise(f"{value:,.2f}".rstrip("0").rstrip("."), lang)


def percent(value: float | None, none: str = "-", lang: str = "id", decimals: int | None = None) -> str:
    """12.5 -> '12,5%' (value already in percent); `decimals` as in number()."""
    return none if value is None else f"{number(value, lang=lang, decimals=decimals)}%"


def shorten(text: object, limit: int = 70) -> str:
    """A cell's text for a message: spaces and line breaks folded, cut at `limit` with an ellipsis."""
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


# -- quarters, months, severities ------------------------------------------------------------

LANGS = ("id", "en")
ROMAN = ("I", "II", "III", "IV")
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


def tw(q: int, lang: str = "id", roman: bool = False) -> str:
    """A quarter as staff write it: 'TW 2' ('TW II' with roman=True); English 'Q2'."""
    if lang == "en":
        return f"Q{q}"
    return f"TW {ROMAN[q - 1] if roman else q}"


def date_text(d: dt.date, lang: str = "id") -> str:
    """17 Januari 2023 / 17 January 2023."""
    months = MONTHS_EN if lang == "en" else MONTHS_ID
    return f"{d.day} {months[d.month - 1]} {d.year}"


SEVERITIES = ("error", "warning", "info")
SEVERITY_LABEL = {
    "id": {"error": "Kesalahan", "warning": "Peringatan", "info": "Informasi"},
    "en": {"error": "Error", "warning": "Warning", "info": "Info"},
}


def severity_label(severity: str, lang: str = "id") -> str:
    return SEVERITY_LABEL["en" if lang == "en" else "id"][severity]


# -- words that are no rule's and no refusal's -------------------------------------------------

class Words(dict):
    """key -> (Indonesian, English) templates; `say` fills one in for a language."""


WORDS: Words = Words({
    # Filled by each module's owner as its inline words move here, e.g.:
    "validate.done": ("Validasi selesai: {summary}. Lihat lembar Temuan.",
                      "Validation done: {summary}. See sheet Temuan."),
})


def say(key: str, lang: str = "id", **params: object) -> str:
    """The words under `key` in `lang`, with `params` filled in (a missing one is an error: KeyError)."""
    id_text, en_text = WORDS[key]
    return (en_text if lang == "en" else id_text).format(**params)
