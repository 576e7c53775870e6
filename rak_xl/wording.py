"""Numbers written the Indonesian way, for messages, sheets and the command line.

Dots group thousands and the comma is the decimal mark: Rp 1.646.458.000,
12,5%. Written here rather than with the locale module: the machine's locale
(Linux CI, an English Windows) must not change what staff read.
"""

from __future__ import annotations

import math


def thousands(amount: int | None, none: str = "-") -> str:
    """1646458000 -> '1.646.458.000'."""
    return none if amount is None else f"{amount:,}".replace(",", ".")


def rupiah(amount: int | None, none: str = "-") -> str:
    """-27734000 -> '-Rp 27.734.000'."""
    if amount is None:
        return none
    return ("-" if amount < 0 else "") + "Rp " + thousands(abs(amount))


def number(value: float | None, none: str = "-") -> str:
    """12.5 -> '12,5'; 100.0 -> '100'; 1500 -> '1.500'; at most two decimals."""
    if value is None:
        return none
    if not math.isfinite(value):  # a message must never crash
        return str(value)
    if abs(value - round(value)) < 1e-9:
        return thousands(int(round(value)))
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def percent(value: float | None, none: str = "-") -> str:
    """12.5 -> '12,5%' (value already in percent)."""
    return none if value is None else f"{number(value)}%"


def shorten(text: object, limit: int = 70) -> str:
    """A cell's text for a message: spaces and line breaks folded, cut at `limit` with an ellipsis."""
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
