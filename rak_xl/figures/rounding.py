"""The one rounding rule of every figure that is not whole Rupiah.

A percentage (capaian, serapan, a share of the pagu, a gap to the guide) is rounded to two
decimals, a hundredth of a percentage point, where it is computed; the same figure as a
fraction of one (what a percent-formatted cell holds) is that percentage divided by 100, so it
has four. A target or a realisation read from a sheet is kept to two decimals as well. The
sheets show exactly these digits (0.00%, #,##0.##) and `rak-xl evaluate` writes them, so a
value read back from any output equals the figure here, and a binary artefact such as
55.00000000000001 (0.55 x 100) never reaches a sheet, JSON or the PDF.

Rounding is Python's round(): to the nearest, ties to even, on the binary value.
"""

from __future__ import annotations

from functools import lru_cache

DECIMALS = 2  # of a percentage, and of a target or realisation


# Kept by value: round() to a number of digits rounds through the decimal string (about a microsecond),
# and a plan judges the same targets and realisations (25, 50, 100) over and over. Equal values round
# alike (an int and its float, 0.0 and -0.0 both give the float), so which one is kept makes no difference.
@lru_cache(maxsize=8192)
def percent(value: float | None) -> float | None:
    """A percentage to DECIMALS decimals; None stays None."""
    return None if value is None else round(value, DECIMALS) + 0.0  # + 0.0: never -0.0


def share(part: float, whole: float) -> float | None:
    """`part` as a percentage of `whole`, rounded; None without a whole to divide by."""
    return percent(part / whole * 100) if whole else None


def fraction(value: float | None) -> float | None:
    """A percentage (55.25) as the fraction a percent-formatted cell holds (0.5525), to the same precision."""
    return None if value is None else round(value / 100, DECIMALS + 2) + 0.0


# A target or realisation as the sheets show it, to DECIMALS decimals: the percentage's rounding (the
# same function, not a call through it: every capaian rounds two of these).
quantity = percent
