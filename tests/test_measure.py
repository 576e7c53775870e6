"""Line counts (rak_xl.outputs.measure) against the greedy rule written out plainly, one character at
a time: the shortcuts the measure takes (a text proved one line whole, a long word broken by running
widths) must give the very counts of the rule, so every planned row height and page break stays."""

from __future__ import annotations

import random

import pytest

from rak_xl.outputs import measure
from rak_xl.outputs.glyph_widths import CHARACTERS, WIDTHS


TABLES = {key: (units, dict(zip(CHARACTERS, widths)), max(widths)) for key, (units, widths) in WIDTHS.items()}


def _points(ch: str, setter, bold: bool) -> float:
    units, table, widest = TABLES[(setter.family, bold)]
    return (table.get(ch) or widest) * setter.size / units


def _reference(text: str, inner: float, setter, bold: bool) -> int:
    def width(word: str) -> float:
        units, table, widest = TABLES[(setter.family, bold)]
        return sum(table.get(ch) or widest for ch in word) * setter.size / units

    count = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split(" "):
            size = width(word)
            need = size if used == 0 else used + width(" ") + size
            if need <= inner or not word:
                used = need
            elif size <= inner:
                lines, used = lines + 1, size
            else:
                lines += 1 if used else 0
                used = 0.0
                for ch in word:
                    glyph = _points(ch, setter, bold)
                    if used and used + glyph > inner:
                        lines, used = lines + 1, 0.0
                    used += glyph
        count += lines
    return count


def _texts() -> list[str]:
    rnd = random.Random(28)
    alphabet = "aeinrstu  WW@@—\xa0\xad\n_.0123456789✓𝄞" + CHARACTERS[:40]
    texts = ["", " ", "0" * 40, "RAK_2022_700002_Kabupaten_Banyuwangi.xlsx", "Kota Probolinggo  (satker)  ",
             "kata " + "x" * 90 + " akhir", "a\n\nb"]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 90))) for _ in range(300)]
    return texts


@pytest.mark.parametrize("setter", [*measure.SETTERS, *measure.ARIAL_10], ids=lambda s: f"{s.name}-{s.size:g}")
@pytest.mark.parametrize("bold", [False, True])
def test_line_counts_follow_the_greedy_rule(setter, bold):
    counted = 0
    for text in _texts():
        for inner in (4.0, 30.0, 63.0, 126.0, 400.0):
            expected = _reference(text, inner, setter, bold)
            assert measure.line_count(text, inner, setter, bold) == expected, (text, inner)
            counted += expected > 1
    assert counted > 100  # broken lines, and long words broken, were compared too


def test_a_text_that_fills_its_line_exactly_stays_one_line():
    inner = measure.text_points("0" * 12, measure.EXCEL)
    assert measure.line_count("0" * 12, inner, measure.EXCEL) == 1
    assert measure.line_count("0" * 13, inner, measure.EXCEL) == 2
    assert measure.line_count("000000 000000", measure.text_points("000000 000000", measure.EXCEL), measure.EXCEL) == 1


def test_characters_measured_alike_are_as_wide_in_every_face():
    assert len(measure._SAME_WIDTHS) > 40  # the digits and the accented letters at least
    assert " " not in "".join(measure._SAME_WIDTHS.values()) and ord(" ") not in measure._SAME_WIDTHS
    for key, (units, table, widest) in TABLES.items():
        for code, same in measure._SAME_WIDTHS.items():
            assert (table.get(chr(code)) or widest) == (table.get(same) or widest), (key, chr(code), same)


@pytest.mark.parametrize("font", [measure.SETTERS, measure.ARIAL_10], ids=["calibri", "arial"])
def test_a_cell_is_as_tall_as_its_own_text_makes_it(font):
    rnd = random.Random(6)
    alphabet = "0123456789  ÀÁaàáeèé()[]/\\:;_§–\n" + CHARACTERS
    texts = _texts() + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 80))) for _ in range(300)]
    taller = 0
    for text in texts:
        for width, bold in ((4, False), (12, True), (26, False), (42, True)):
            expected = max(s.height(_reference(text, s.inner([width]), s, bold)) for s in font)
            assert measure.cell_height(text, width, bold, font) == expected, (text, width)
            taller += expected > font[0].line
    assert taller > 300
