"""The parser's shortcuts give what the long way gives.

find_table skips the header search when the builder's header row names every column and
the rows above cannot (tables._builder_header); random top rows made of the layouts' own
labels, halves of them (a label broken over two rows) and other texts hold that shortcut
to the search's answer wherever it is taken. A column is looked at row by row for formula
errors only when tables._holds_hash finds a '#' in one of its texts, worked out in C.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from rak_xl.core import layout as L
from rak_xl.parse.tables import _builder_header, _holds_hash, _layout_index, _search_header

TABLES = [L.RAK_A, L.RAK_B, L.PROGRAMS, L.DIVISIONS, L.BUDGET_LINES, L.ACHIEVEMENT, L.SPENDING]
PIECES = sorted({piece for t in TABLES for c in t.columns for label in (c.label, *c.aliases)
                 for piece in (label, *label.split(" ", 1))})
cells = st.one_of(st.none(), st.just(""), st.sampled_from(PIECES), st.sampled_from(["Jumlah", "Triwulan", "x"]))


@st.composite
def top_rows(draw):
    layout = draw(st.sampled_from(TABLES))
    labels = [c.label for c in layout.columns]
    width = len(labels) + draw(st.integers(0, 2))
    header = draw(st.permutations(labels)) + [draw(cells) for _ in range(width - len(labels))]
    above: list[list[object]] = []
    while len(above) < draw(st.integers(0, layout.header_row + 1)):
        kind = draw(st.integers(0, 2))
        if kind == 0:  # stray texts
            above.append([draw(cells) for _ in range(width)])
            continue
        # Most of the labels again, in one row or broken over two.
        some = [lab if draw(st.integers(0, 4)) else None for lab in draw(st.permutations(labels))]
        some += [None] * (width - len(some))
        if kind == 1:
            above.append(some)
        else:
            above.append([lab.split(" ", 1)[0] if lab else None for lab in some])
            above.append([lab.split(" ", 1)[1] if lab and " " in lab else None for lab in some])
    below = [[draw(cells) for _ in range(width)] for _ in range(draw(st.integers(0, 2)))]
    rows = above + [header] + below
    return layout, rows


@settings(max_examples=400, deadline=None)
@given(top_rows())
def test_builder_header_is_what_the_search_finds(case):
    layout, top = case
    index, wanted = _layout_index(layout)
    taken = _builder_header(top, layout.header_row, index, wanted)
    if taken is not None:
        assert taken == _search_header(top, index, wanted)


def test_builder_header_taken_under_a_note_and_a_total_row():
    # Four rows above the header: a title, two notes and a total row (the Realisasi sheet's top).
    layout = L.SPENDING
    index, wanted = _layout_index(layout)
    width = len(layout.columns)
    top = [["Judul"] + [None] * (width - 1), ["Catatan"] + [None] * (width - 1),
           ["Catatan lain"] + [None] * (width - 1), ["Jumlah", 1.0, 2.0] + [None] * (width - 3)]
    top = top[:layout.header_row - 1] + [[c.label for c in layout.columns]]
    assert _builder_header(top, layout.header_row, index, wanted) == _search_header(top, index, wanted)
    assert _builder_header(top, layout.header_row, index, wanted) is not None


column_values = st.one_of(
    st.none(), st.just(""), st.just(0), st.just(0.0), st.booleans(), st.integers(),
    st.integers(min_value=10**400, max_value=10**401),
    st.floats(), st.sampled_from(["#REF!", " #N/A", "a#b", "x", "Rp 1.000"]), st.text(max_size=8),
    st.dates(), st.datetimes(), st.just(dt.timedelta(days=1)),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(column_values, max_size=12))
def test_holds_hash_finds_every_text_with_a_hash(values):
    assert _holds_hash(tuple(values)) == any(isinstance(v, str) and "#" in v for v in values)
