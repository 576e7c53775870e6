"""Reading cell values the way Indonesian staff write them.

Dots group thousands and the comma is the decimal mark ("Rp 1.646.458.000",
"12,5 %"); Excel percent cells hold fractions (100% = 1.0); a number stored as
text is common. Every reader returns None for "cannot read" and leaves the
decision (and the finding) to the caller.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache

from rak_xl.core.layout import QUARTER_MARK
from rak_xl.core.text import MONTHS_EN, MONTHS_ID

_CURRENCY = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_TRAILING_DASH = re.compile(r"[,.]-+$")
_ID_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.646.458.000 / 1.234,5
_EN_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,646,458,000
_ID_DECIMAL = re.compile(r"^-?\d+,\d+$")  # 12,5
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")  # 12 / 12.5
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# What a formula shows when it fails. Both doors deliver them as these strings
# (xlwings with err_to_str, the file reader from the cell's cached value).
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})


def is_error(value: object) -> bool:
    return isinstance(value, str) and value.strip() in EXCEL_ERRORS



def parse_number(value: object) -> float | None:
    """A number from a cell value: numeric cells as they are, text in Indonesian or English style."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    s = _SPACES.sub("", value.strip())
    s = _CURRENCY.sub("", s)
    s = _TRAILING_DASH.sub("", s)
    if not s:
        return None
    if _ID_GROUPED.match(s):
        return _finite(float(s.replace(".", "").replace(",", ".")))
    if _EN_GROUPED.match(s):
        return _finite(float(s.replace(",", "")))
    if _ID_DECIMAL.match(s):
        return _finite(float(s.replace(",", ".")))
    if _PLAIN.match(s):
        return _finite(float(s))
    return None


def _finite(number: float) -> float | None:
    # Thousands of digits in a cell make float('inf'); that is unreadable, not a number.
    return number if math.isfinite(number) else None


# The largest amount read as Rupiah: Rp 1.000 triliun, far above any satker's DIPA (billions) and
# within a float's exact integers (2**53). Beyond it an amount is a typing slip or a hostile file,
# and sums of such values would overflow what Excel, XlsxWriter and float() can hold.
MAX_RUPIAH = 10**15
_MAX_FLOAT = float(MAX_RUPIAH)  # exact as a float: a float cell compares with it without a conversion


def parse_money(value: object) -> int | None:
    """Whole Rupiah up to MAX_RUPIAH either side of zero; anything else (a fraction, 1e308) is unreadable."""
    # Numeric cells, most amounts, answered here: parse_number would hand back float(value) (exact
    # for these magnitudes), and NaN fails the range test as it fails there.
    if value.__class__ is int:
        return value if -MAX_RUPIAH <= value <= MAX_RUPIAH else None
    if value.__class__ is float:
        if value.is_integer() and -_MAX_FLOAT <= value <= _MAX_FLOAT:
            return int(value)  # most amounts: a whole number of Rupiah, what the rounding below gives
        if not abs(value) <= MAX_RUPIAH:
            return None
        number = value
    else:
        number = parse_number(value)
        if number is None or abs(number) > MAX_RUPIAH:
            return None
    rounded = round(number)
    return int(rounded) if abs(number - rounded) < 1e-6 else None


def parse_percent_text(value: object) -> float | None:
    """'100%', '100 %', '12,5 %' -> 100.0, 100.0, 12.5; None if there is no percent sign or no number."""
    if not isinstance(value, str) or "%" not in value:
        return None
    head, _, tail = value.strip().partition("%")
    if tail.strip():
        return None
    return parse_number(head)


# Month names in both languages, and the short and older spellings staff also write.
_MONTHS = {name.casefold(): m for names in (MONTHS_ID, MONTHS_EN) for m, name in enumerate(names, start=1)} | {
    "jan": 1, "feb": 2, "pebruari": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8, "ags": 8,
    "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "nopember": 11, "des": 12, "dec": 12,
}
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value: object) -> dt.date | None:
    """A date cell, an Excel serial number, or text such as '17 Januari 2023' / '17-01-2023' / '2023-01-17'."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if math.isfinite(value) and 1 <= value < 2958466:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return None
    if not isinstance(value, str):
        return None
    s = value.strip().lower().replace(",", " ")
    try:
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?", s)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", s)
        if m:  # Indonesian order: day first
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        m = re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", s)
        if m and m[2] in _MONTHS:
            return dt.date(int(m[3]), _MONTHS[m[2]], int(m[1]))
    except ValueError:  # 31 Februari and the like
        return None
    return None


def parse_year(value: object) -> int | None:
    number = parse_number(value)
    if number is None or number != int(number) or not 1900 <= number <= 2200:
        return None
    return int(number)


# Quarter marks. The workbook writes QUARTER_MARK; staff also type these.
_MARK_YES = {"√", "✓", "✔", "☑", "v", "x", "1", "true", "ya", "y"}
_MARK_NO = {"", "-", "0", "false", "–", "—"}


def parse_mark(value: object) -> tuple[bool | None, bool]:
    """(marked, normalised). marked is None when the value is not a known mark;
    normalised is True when it was accepted but is not the canonical mark."""
    if value is None:
        return False, False
    if value == QUARTER_MARK:  # the canonical mark, most marked cells: before any conversion
        return True, False
    if isinstance(value, bool):
        return value, value
    if isinstance(value, (int, float)):
        if value == 1:
            return True, True
        if value == 0:
            return False, False
        return None, False
    s = str(value).strip()
    key = s.casefold()
    if s == QUARTER_MARK:
        return True, False
    if key in _MARK_YES:
        return True, True
    if key in _MARK_NO:
        return False, False
    return None, False


_LEADING_NUMBER = re.compile(r"^\s*(?:(\d{1,2})\s*[.)]|[•·\-–*]|\(?([a-z])[.)])\s*", re.IGNORECASE)


@lru_cache(maxsize=8192)  # the rules split the same indicator and group texts many times a workbook
def split_numbering(text: str) -> tuple[int | None, str]:
    """'3. Persentase ...' -> (3, 'Persentase ...'); '• Persentase' -> (None, 'Persentase')."""
    m = _LEADING_NUMBER.match(text)
    if not m:
        return None, text.strip()
    return (int(m[1]) if m[1] else None), text[m.end():].strip()


@lru_cache(maxsize=8192)  # the same group and activity texts are compared by several rules
def normalise_text(text: str) -> str:
    """Case- and space-insensitive form for comparing texts: every run of spaces (any Unicode space,
    a no-break one included) one space, none at either end. str.split() knows the spaces _SPACES
    does (tests/test_values.py holds them equal on every character), without a pattern's scan."""
    return " ".join(text.split()).casefold()
