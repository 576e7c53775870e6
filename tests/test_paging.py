"""Page breaks of printed output sheets: groups stay on one page unless taller than a page."""

from __future__ import annotations

from rak_xl.outputs import paging


def test_groups_move_whole_to_the_next_page():
    room = paging.PAGE_HEIGHT  # scale 1, no header: a page holds `room` points
    units = [[room * 0.4], [room * 0.4], [room * 0.4]]  # the third does not fit after the first two
    assert paging.page_breaks(units, 0, 0, 1.0) == [2]


def test_a_group_taller_than_a_page_breaks_where_the_page_is_full():
    room = paging.PAGE_HEIGHT
    units = [[room * 0.5], [room * 0.3] * 5]
    # The tall group starts on a fresh page, then breaks inside after three rows.
    assert paging.page_breaks(units, 0, 0, 1.0) == [1, 4]


def test_wrapped_text_needs_more_lines_in_a_narrow_column():
    text = "Persentase satker yang menyelenggarakan Pemilu tanpa ada permasalahan anggaran"
    assert paging.row_height([text], [80], {0}) < paging.row_height([text], [20], {0})
    assert paging.row_height(["a\nb\nc"], [80], {0}) == 3 * paging.LINE + paging.PADDING
