"""How wide a text is set in a cell, and how many lines it takes there, in Excel and in LibreOffice.

The output sheets use Excel's default font, Calibri 11. Excel sets it in columns whose width unit
is its widest digit, 7 pixels (5.25 pt) plus 5 pixels of padding; LibreOffice sets Calibri, or
Carlito (the same metrics), where it has them, and DejaVu Sans otherwise, in columns whose unit is
that font's digit (7.0 pt for DejaVu Sans 11, so the same sheet is a third wider), the padding that
the file stores with each width (5/7 of a unit, as Excel and XlsxWriter store it) included. Text widths come
from the fonts' own advance widths (glyph_widths.py, measured with fontTools); a wrapped cell is
broken the way both break it, greedily at spaces, a word longer than the line by characters. A row
is planned as tall as the taller of the two settings, so its text fits in either.

Measured on LibreOffice 7.4 (DejaVu Sans): a column of width w is 7.0 w pt, a wrapped line uses all
of it but about 3 pt; its optimal row height is 13.44 pt a line and 1.5 pt (it prints the lines
12.8 pt apart, the font's ascent and descent, so a row that holds them on screen holds them on paper). Where a text runs on into the
empty cells beside it, LibreOffice works out the printed range from its screen layout, which sets
text about a tenth wider than the print does: text that ran past the last column there would
widen the range and shrink every page, so such text is planned that much wider. Excel's wrapped Calibri 11
lines are 15 pt apart; the unhinted widths used here run a little wider than Excel's hinted screen
text, which leaves its printout (set at the fonts' true widths) room too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from .glyph_widths import CHARACTERS, WIDTHS

SIZE = 11.0  # points: the output sheets' font size (Calibri 11, Excel's default)


@dataclass(frozen=True, eq=False)  # a setting is itself: hashed as an object, cheaply, in every cache key
class Setter:
    """How one application sets a sheet's text: the metrics it uses (`family` in WIDTHS) at `size`,
    the points of a column-width unit and of a column's padding, what a wrapped line leaves unused,
    and the spacing of lines."""

    name: str
    family: str
    unit: float
    padding: float
    margin: float
    line: float
    lead: float  # points a row needs beyond its lines
    overflow: float = 1.0  # how much wider text running into neighbouring cells is laid out
    size: float = SIZE

    def column(self, width: float) -> float:
        """The points a column of `width` units takes on the page, before any print scaling."""
        return width * self.unit + self.padding

    def inner(self, widths: Sequence[float]) -> float:
        """Points a text may use in a cell spanning columns of these widths."""
        return sum(self.column(w) for w in widths) - self.margin

    def height(self, lines: int) -> float:
        return lines * self.line + self.lead


class _Face:
    """A font's advance widths (font units) by character, a character the table lacks (or gives no
    width) counting as the widest, and the widths of the words measured so far."""

    def __init__(self, units: int, widths: Sequence[int]) -> None:
        self.units = units
        self.widest = max(widths)
        self.chars = _Widths({ch: w or self.widest for ch, w in zip(CHARACTERS, widths)})
        self.chars.widest = self.widest
        self.words: dict[str, int] = {}
        self.sized: dict[float, _Widths] = {}

    def glyphs(self, size: float) -> _Widths:
        """Each character's width in points at `size`, worked out as text_points works out one character's."""
        points = self.sized.get(size)
        if points is None:
            points = self.sized[size] = _Widths({ch: w * size / self.units for ch, w in self.chars.items()})
            points.widest = self.widest * size / self.units
        return points

    def width(self, text: str) -> int:
        """`text`'s width in font units (a sum of integers: exact, whatever the order)."""
        return sum(map(self.chars.__getitem__, text))

    def word(self, word: str) -> int:
        """A word's width, measured once: a recap's lists repeat their words in every row."""
        width = self.words.get(word)
        if width is None:
            if len(self.words) >= _WORDS_KEPT:
                self.words.clear()
            width = self.words[word] = self.width(word)
        return width


class _Widths(dict):
    widest: float = 0

    def __missing__(self, ch: str) -> float:
        return self.widest


_WORDS_KEPT = 65536
_FACES = {key: _Face(units, widths) for key, (units, widths) in WIDTHS.items()}
EXCEL = Setter("Excel", "carlito", unit=5.25, padding=3.75, margin=3.75, line=15.0, lead=0.0)
_DIGIT = _FACES["dejavu", False].chars["0"] / 2048 * SIZE
LIBREOFFICE = Setter("LibreOffice", "dejavu", unit=_DIGIT, padding=_DIGIT * 5 / 7, margin=3.5, line=13.45, lead=1.5,
                     overflow=1.12)
SETTERS = (EXCEL, LIBREOFFICE)
# The RAK workbook's own sheets (products/builder) set their text in Arial 10, in the same columns:
# Excel with Arial's metrics (Liberation Sans has them), LibreOffice with Liberation Sans or,
# without it, DejaVu Sans, the wider, so measured here.
ARIAL_10 = (replace(EXCEL, family="liberation", size=10.0, line=12.75),
            replace(LIBREOFFICE, size=10.0, line=12.25))


def text_points(text: str, setter: Setter, bold: bool = False) -> float:
    """The width of `text` in points as `setter` sets it; a character the table lacks counts as the widest."""
    face = _FACES[setter.family, bold]
    return face.width(text) * setter.size / face.units


# Points a one-line proof keeps in hand: a text's width summed whole and word by word may differ in the last bits.
_SLACK = 1e-6


def line_count(text: str, inner: float, setter: Setter, bold: bool = False) -> int:
    """Lines `text` takes when wrapped in `inner` points: greedy at spaces, each newline a new line,
    a word longer than a line starting a line of its own and broken between characters."""
    face = _FACES[setter.family, bold]
    size, units = setter.size, face.units
    if "\n" not in text and face.word(text) * size / units < inner - _SLACK:  # most cells: one line, words unmeasured
        return 1
    space, known = face.word(" ") * size / units, face.words
    count = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split(" "):
            width = (known.get(word) or face.word(word)) * size / units
            need = width if used == 0 else used + space + width
            if need <= inner or not word:
                used = need
            elif width <= inner:
                lines, used = lines + 1, width
            else:
                lines, used = _break_word(word, inner, face.glyphs(size), lines + (1 if used else 0))
        count += lines
    return count


def _break_word(word: str, inner: float, glyphs: _Widths, lines: int) -> tuple[int, float]:
    """A word wider than a line, from the start of a line: broken before each character that would pass
    `inner` (each line holding one character at least); the lines, and the points the last one uses."""
    used = 0.0
    for ch in word:
        width = glyphs[ch]
        if used and used + width > inner:
            lines, used = lines + 1, 0.0
        used += width
    return lines, used


def fits(text: str, widths: Sequence[float], bold: bool = False) -> bool:
    """Whether `text` fits on one line across columns of these widths in every setting, running
    from the first into the empty cells beside it."""
    return all(text_points(text, s, bold) * s.overflow <= s.inner(widths) for s in SETTERS)


def split_lines(text: str, widths: Sequence[float], bold: bool = False, joiner: str = " ") -> list[str]:
    """`text` as lines that each fit across columns of these widths in every setting, broken where
    `joiner` stands (a part too long for a line then at spaces; a word wider than the whole span
    stays whole on a line of its own)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for part in (p for p in paragraph.split(joiner) if p.strip()):
            candidate = f"{line}{joiner}{part}" if line else part
            if line and not fits(candidate, widths, bold):
                out.append(line)
                candidate = part
            if joiner != " " and not fits(candidate, widths, bold):
                *whole, candidate = split_lines(candidate, widths, bold)
                out += whole
            line = candidate
        out.append(line)
    return out


def _same_widths() -> dict[int, str]:
    """A table for str.translate taking each character to the first one of CHARACTERS as wide as it in
    every face (the digits, the accented forms of a letter...). Text is broken at spaces and newlines
    and otherwise by width alone, so a text and its translation take the same lines in every setting;
    the space keeps itself."""
    first: dict[tuple[float, ...], str] = {}
    table: dict[int, str] = {}
    for ch in CHARACTERS:
        if ch in " \n":
            continue
        same = first.setdefault(tuple(face.chars[ch] for face in _FACES.values()), ch)
        if same != ch:
            table[ord(ch)] = same
    return table


_SAME_WIDTHS = _same_widths()


def cell_height(text: str, width: float, bold: bool = False, setters: Sequence[Setter] = SETTERS) -> float:
    """Points a wrapped cell of `width` units needs for `text`: the tallest of the settings. Measured
    through the text's characters of the same widths (_same_widths): a recap's names, files and
    numbers differ in their digits, and each shape of them is measured once."""
    return _height(text.translate(_SAME_WIDTHS), width, bold, setters)


@lru_cache(maxsize=16384)  # a recap's lists repeat names, files and sheets in every row
def _height(text: str, width: float, bold: bool, setters: Sequence[Setter]) -> float:
    return max(s.height(line_count(text, s.inner([width]), s, bold)) for s in setters)
