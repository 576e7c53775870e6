"""Where printed pages break, so a group of rows is never split across two pages.

Spreadsheets cannot "keep rows together", so the output sheet carries manual
page breaks computed here from an estimate of each row's printed height. The
estimate is deliberately generous (narrow characters, tall lines): a page then
holds a little less than it could, but the office suite never has to add a
break of its own inside a group.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# A4 landscape in points, less the margins the adapters set (0.4" sides, 0.6" top/bottom).
PAGE_WIDTH = 842 - 2 * 0.4 * 72
PAGE_HEIGHT = 595 - 2 * 0.6 * 72
LINE = 15.0  # points per text line (Calibri 11, the output sheets' font)
PADDING = 3.0


def column_points(width: float) -> float:
    """Excel column width (characters) -> points: (7 px per character + 5 px padding) at 96 dpi."""
    return (width * 7 + 5) * 0.75


def fit_scale(widths: Sequence[float]) -> float:
    """The print scale 'fit all columns on one page' gives."""
    total = sum(column_points(w) for w in widths)
    return min(1.0, PAGE_WIDTH / total) if total else 1.0


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs: greedy word wrap, a little over one character per width unit.

    A width unit is the widest digit; average text runs about 1.2 characters per unit in
    Calibri (Excel) and in DejaVu Sans (LibreOffice without Calibri), so 1.1 leaves a margin.
    """
    per_line = max(int(width * 1.1) - 1, 1)
    count = 0
    for paragraph in text.split("\n"):
        used, lines = 0, 1
        for word in paragraph.split():
            size = _size(word)
            need = size if used == 0 else used + 1 + size
            if need <= per_line:
                used = need
            else:
                lines += 1 + (size - 1) // per_line
                used = size % per_line or per_line
        count += lines
    return max(count, 1)


def _size(word: str) -> int:
    """Width of a word in average characters: capitals and bold-looking letters run wider."""
    return len(word) + sum(1 for ch in word if ch.isupper() or ch in "mwMW") // 3


def row_height(row: Sequence[Any], widths: Sequence[float], wrapped: set[int]) -> float:
    """Estimated printed height of a row (points) whose wrapped columns are `wrapped` (0-based)."""
    lines = 1
    for c in wrapped:
        if c < len(row) and isinstance(row[c], str) and row[c]:
            lines = max(lines, _lines(row[c], widths[c]))
    return lines * LINE + PADDING


def page_breaks(units: Sequence[Sequence[float]], first_height: float, title_height: float,
                scale: float) -> list[int]:
    """Indexes (0-based, into the flattened rows of `units`) that start a new page.

    `units` are groups of row heights to keep together; `first_height` is what
    the first page spends above the first unit (title block), `title_height`
    what every page spends on the repeated header rows.
    """
    room = PAGE_HEIGHT / scale - title_height
    breaks: list[int] = []
    used = first_height - title_height  # the header row is counted in title_height
    index = 0
    for unit in units:
        size = sum(unit)
        if used > 0 and used + size > room:
            breaks.append(index)
            used = 0
        for h in unit:  # a unit taller than a page breaks inside, where the page is full
            if used > 0 and used + h > room:
                breaks.append(index)
                used = 0
            used += h
            index += 1
    return breaks


def pages(breaks: Sequence[int]) -> int:
    return len(breaks) + 1
