"""Property-based: random grids through the parser and the rules never crash, and every
finding points at a cell that exists in the grid of its sheet.

The grids look like what the adapters deliver (rectangular, values from A1) and
are biased towards the real layout, so the parser gets past the header search
and the rules see rows: real header labels (sometimes shuffled, dropped or spread
over two rows), Indonesian and English numbers as text, marks, dates, Excel
error strings, control characters, very long text, huge and tiny numbers.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rak_xl.products import jobs
from rak_xl.core import layout as L
from rak_xl.core.errors import RakInputError
from rak_xl.parse.plan import _sheet_lookup, parse_plan

TABLES = [t for t in (L.RAK_A, L.RAK_B, L.PROGRAMS, L.DIVISIONS, L.BUDGET_LINES, getattr(L, "ACHIEVEMENT", None),
                      getattr(L, "SPENDING", None)) if t is not None]
LABELS = [c.label for t in TABLES for c in t.columns] + [label for _k, label, _t in L.IDENTITY_FIELDS]

texts = st.one_of(
    st.sampled_from(LABELS),
    st.sampled_from(["√", "v", "V", "x", "1", "TRUE", "Ya", "?", "-", "100%", "100 %", "12,5 %", "seratus persen",
                     "Rp 1.646.458.000", "Rp. 3.178.163.000,-", "1,646,458,000", "17 Januari 2023", "31-02-2022",
                     "2022", "A-001", "B-001", "076.01.CQ", "Bagian Keuangan, Umum dan Logistik", "Divisi Hukum",
                     "#REF!", "#N/A", "#DIV/0!", "=SUM(A1)", "+62", "@x", "9" * 400, "1." + "000." * 120 + "000",
                     "Persentase laporan\x07\x0b\x00", "Jumlah dokumen", "Nilai SPIP", "تقرير 报告 📊"]),
    st.text(max_size=30),
)
# Amounts typed as text: Indonesian and English grouping, and runs of digits long enough to
# overflow a float (a 50,000-character cell once crashed parse_money).
numeric_text = st.one_of(
    st.integers(min_value=0, max_value=10**15).map(lambda n: "Rp " + f"{n:,}".replace(",", ".") + ",-"),
    st.integers(min_value=0, max_value=10**15).map(lambda n: f"{n:,}"),
    st.integers(min_value=1, max_value=400).map(lambda n: "9" * n),
)
values = st.one_of(
    st.none(), st.just(""), texts, numeric_text,
    st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 12, 31)),
)


@st.composite
def table_grid(draw, layout: L.TableLayout) -> list[list[object]]:
    labels = [c.label for c in layout.columns]
    if draw(st.booleans()):
        labels = draw(st.permutations(labels))
    labels = [lab for lab in labels if draw(st.integers(0, 9))]  # now and then a column is missing
    width = len(labels) + draw(st.integers(0, 2))
    header: list[object] = labels + [draw(texts) for _ in range(width - len(labels))]
    rows = [[draw(values) for _ in range(width)] for _ in range(draw(st.integers(0, 3)))]
    if draw(st.integers(0, 4)) == 0:  # a header spread over two rows
        split = draw(st.integers(0, width))
        rows.append(header[:split] + [None] * (width - split))
        header = [None] * split + header[split:]
    rows.append(header)
    rows += [[draw(values) for _ in range(width)] for _ in range(draw(st.integers(0, 12)))]
    return rows


@st.composite
def identity_grid(draw) -> list[list[object]]:
    rows = [[label, draw(values)] for _k, label, _t in L.IDENTITY_FIELDS if draw(st.integers(0, 5))]
    return draw(st.permutations(rows)) if rows else [[draw(values), draw(values)]]


@st.composite
def workbook_grids(draw) -> dict[str, list[list[object]]]:
    grids: dict[str, list[list[object]]] = {}
    if draw(st.integers(0, 5)):
        grids[L.SHEET_IDENTITY] = draw(identity_grid())
    for layout in TABLES:
        if draw(st.integers(0, 5)):
            name = layout.sheet if draw(st.integers(0, 5)) else layout.sheet.lower().replace("_", " ")
            grids[name] = draw(table_grid(layout))
    if draw(st.booleans()):
        width = draw(st.integers(1, 5))
        grids[draw(st.text(min_size=1, max_size=12))] = [[draw(values) for _ in range(width)]
                                                         for _ in range(draw(st.integers(0, 5)))]
    # Rectangular, as both adapters deliver them.
    for name, grid in grids.items():
        width = max((len(r) for r in grid), default=0)
        grids[name] = [list(r) + [None] * (width - len(r)) for r in grid]
    return grids


def _assert_cells_exist(grids, findings) -> None:
    names = _sheet_lookup(grids)
    for f in findings:
        if f.cell is None:
            continue
        actual = names.get(f.sheet, f.sheet)
        assert actual in grids, f"{f.code} points at sheet {f.sheet!r}, which is not in the workbook"
        grid = grids[actual]
        width = max((len(r) for r in grid), default=0)
        assert 1 <= f.cell.row <= len(grid) and 1 <= f.cell.col <= width, \
            f"{f.code} at {f.cell} is outside the {len(grid)}x{width} grid of {actual!r}"


SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(workbook_grids())
def test_parser_never_crashes_and_points_at_real_cells(grids):
    try:
        _plan, findings = parse_plan(grids)
    except RakInputError:
        return
    _assert_cells_exist(grids, findings)


@SETTINGS
@given(workbook_grids())
def test_rules_never_crash_and_point_at_real_cells(grids):
    try:
        report = jobs.validate(grids, "acak.xlsm")
    except RakInputError:
        return
    _assert_cells_exist(grids, report.findings)
    for f in report.findings:  # every message renders in both languages
        assert f.message("id") and f.message("en")
