"""Numbers written the way each language writes them, for messages, sheets and the command line.

Indonesian (the default): dots group thousands and the comma is the decimal
mark: Rp 1.646.458.000, 12,5%. English (`--lang en`): Rp 1,646,458,000, 12.5%.
Written here rather than with the locale module: the machine's locale (Linux CI,
an English Windows) must not change what staff read. Every number the command
line prints goes through these functions, so one language never mixes styles.
"""

from __future__ import annotations

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
