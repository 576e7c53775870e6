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
    assert paging.row_height(["a\nb\nc"], [80], {0}) == 3 * paging.LINE


def test_a_group_starts_on_a_page_that_is_not_full_enough_and_continues_on_the_next():
    room = paging.PAGE_HEIGHT
    units = [[room * 0.3], [room * 0.2] * 5]
    # Moving the second group whole would leave 70% of page 1 empty: it starts there instead,
    # three of its rows on page 1 and two carried over.
    assert paging.page_breaks(units, 0, 0, 1.0) == [4]


def test_a_group_title_is_never_left_alone_at_the_foot_of_a_page():
    room = paging.PAGE_HEIGHT
    units = [[room * 0.5], [room * 0.1, room * 0.44, room * 0.44]]
    # Only the title row would fit after the first group: the whole group moves.
    assert paging.page_breaks(units, 0, 0, 1.0) == [1]


def test_the_footer_has_its_own_band_inside_the_page():
    m = paging.MARGINS
    assert m["bottom"] - m["footer"] >= 0.4  # inches: one 10 pt line and its spacing
    assert m["top"] - m["header"] >= 0.25


def test_a_split_group_carries_at_least_two_rows_over():
    room = paging.PAGE_HEIGHT
    units = [[room * 0.3], [room * 0.1] * 8]
    # Seven rows of the second group would fit on page 1; one is held back so two go on.
    assert paging.page_breaks(units, 0, 0, 1.0) == [7]


def test_konsolidasi_pages_are_planned_full_for_excel():
    """With Excel's metrics (Calibri 11), the planned pages of the shipped plan are well filled."""
    from conftest import WORKBOOK
    from rak_xl.products import jobs
    from rak_xl.core import layout as L
    from rak_xl.adapters.file_read import read_grids

    _report, plan = jobs.run_all(read_grids(WORKBOOK), WORKBOOK.name)
    sheet = next(s for s in plan.sheets if s.name == L.SHEET_CONSOLIDATED)
    scale = paging.fit_scale([sheet.column_widths[c] for c in sorted(sheet.column_widths)])
    rows = len(sheet.values)
    starts = [1, *sheet.page_breaks, rows + 1]
    title = sheet.row_heights[sheet.print_title_rows[0]]
    used = [sum(sheet.row_heights.get(r, paging.LINE) for r in range(a, b)) + (title if a > 1 else 0)
            for a, b in zip(starts, starts[1:])]
    fill = [u * scale / paging.PAGE_HEIGHT for u in used]
    assert all(f <= 1.0 for f in fill)
    assert fill[0] > 0.85 and sum(fill[:-1]) / len(fill[:-1]) > 0.8, [round(f, 2) for f in fill]
