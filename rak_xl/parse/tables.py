"""Finding a table in a sheet grid by its header labels, and reading its rows; the findings
about cells that cannot be read (RAK104, RAK109)."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat, zip_longest
from operator import add, itemgetter, setitem, truth

from rak_xl.core.catalog import RAK102, RAK103, RAK104, RAK109, RAK110
from rak_xl.core.findings import Finding
from rak_xl.core.layout import Column, TableLayout
from rak_xl.core.model import CellRef, Val
from rak_xl.core.text import VALUE_KINDS, shorten, thousands

from .values import MAX_RUPIAH, is_error, parse_money

Grid = list[list[object]]
HEADER_SEARCH_ROWS = 30


_NOT_LABEL = re.compile(r"[^0-9a-z]")


def label_key(text: object) -> str:
    """Header labels compare without case, spaces, line breaks or punctuation ('TAR GET' == 'Target')."""
    if text is None:
        return ""
    if isinstance(text, str) and len(text) <= 120:
        return _short_label_key(text)
    return _NOT_LABEL.sub("", str(text).casefold())


@lru_cache(maxsize=4096)  # the same few labels recur in every header search; long texts are never labels
def _short_label_key(text: str) -> str:
    return _NOT_LABEL.sub("", text.casefold())


def _matches(column: Column) -> set[str]:
    return {label_key(column.label), *(label_key(a) for a in column.aliases)}


@dataclass
class Table:
    layout: TableLayout
    header_row: int  # 1-based
    columns: dict[str, int]  # key -> 1-based column
    rows: list[tuple[int, dict[str, Val]]]  # (1-based row, cells by key)


def _label_index(wanted: dict[str, set[str]]) -> dict[str, list[str]]:
    """label -> column keys in layout order: one lookup per cell instead of a scan of every column's labels."""
    index: dict[str, list[str]] = {}
    for k, labels in wanted.items():
        for label in labels:
            index.setdefault(label, []).append(k)
    return index


_INDEXES: dict[int, tuple[TableLayout, dict[str, list[str]], int]] = {}


def _layout_index(layout: TableLayout) -> tuple[dict[str, list[str]], int]:
    """(label index, number of columns) of a layout, worked out once per layout: the same few
    layouts are searched in every workbook. Keyed by identity (a layout holds a dict, so it does
    not hash); the entry keeps its layout, so the key cannot be reused by another object."""
    entry = _INDEXES.get(id(layout))
    if entry is None or entry[0] is not layout:
        entry = _INDEXES[id(layout)] = (layout, _label_index({c.key: _matches(c) for c in layout.columns}),
                                        len(layout.columns))
    return entry[1], entry[2]


def _map_header(index: dict[str, list[str]], cells: list[tuple[str, ...]]) -> dict[str, int]:
    """Column key -> 1-based column, from each column's candidate label keys."""
    mapping: dict[str, int] = {}
    for c, candidates in enumerate(cells, start=1):
        for key in candidates:
            # The first column key this label names that no earlier column took (plain loops: most
            # labels name none, and a generator per label cost more than the lookup).
            for hit in index.get(key, ()) if key else ():
                if hit not in mapping:
                    mapping[hit] = c
                    break
            else:
                continue
            break
    return mapping


def _cell_key(value: object) -> str:
    return label_key(value) if value else ""


def _builder_header(top: Grid, header_row: int, index: dict[str, list[str]],
                    wanted: int) -> tuple[int, dict[str, int], int] | None:
    """The header where the builder writes it, when that row names every column and no row above
    holds enough texts to name them all, alone or with the row below it: then the search below
    would stop at this very row, so it is taken without searching. None otherwise."""
    if len(top) < header_row:
        return None
    mapping = _map_header(index, [(_cell_key(v),) for v in top[header_row - 1]])
    if len(mapping) < wanted:
        return None
    # A row maps at most its non-blank cells, two rows together at most both rows' (a column
    # whose two cells are blank has no key); the pair ending at the header row cannot beat it.
    above = [sum(map(truth, row)) for row in top[:header_row - 1]]
    most = max(chain(above, map(add, above, above[1:])), default=0)
    return (header_row, mapping, header_row) if most < wanted else None


def _search_header(top: Grid, index: dict[str, list[str]], wanted: int) -> tuple[int, dict[str, int], int]:
    """(header row, column mapping, last header row): the first row naming the most columns, or two
    rows together where both contribute; 1-based, (0, {}, 0) when no row names any."""
    best_row, best_map, header_end = 0, {}, 0
    # Each cell's label key, and each row's mapping alone, worked out once (as far as the search
    # goes): a row is tried alone, under the row above and over the one below.
    keys: list[list[str]] = []
    alone: list[dict[str, int]] = []

    def upto(i: int) -> None:
        while len(keys) <= i:
            keys.append([_cell_key(v) for v in top[len(keys)]])
            alone.append(_map_header(index, [(k,) for k in keys[-1]]))

    for r in range(1, len(top) + 1):
        if len(best_map) == wanted:
            break  # a row holding every label: nothing further down can beat it
        upto(r - 1)
        row, mapping = keys[r - 1], alone[r - 1]
        if len(mapping) > len(best_map):
            best_row, best_map, header_end = r, mapping, r
        # A header spread over two rows: a group label merged over sub-labels ('Triwulan' over
        # TW 1..TW 4), or a label broken over two cells ('Penanggung' / 'Jawab'): the key of
        # the two texts joined is the two keys joined.
        if r < len(top) and len(mapping) < wanted:
            upto(r)
            below = keys[r]
            double = _map_header(index, [(a, b, a + b) for a, b in zip_longest(row, below, fillvalue="")])
            # Both rows must contribute, else the single row (met in its own turn) is the header.
            if len(double) > max(len(best_map), len(mapping), len(alone[r])):
                best_row, best_map, header_end = r, double, r + 1
    return best_row, best_map, header_end


def find_table(grid: Grid, layout: TableLayout, findings: list[Finding],
               uncomputed: dict[tuple[int, int], str] | None = None) -> Table | None:
    """Locate the header row, map columns, collect non-blank data rows.

    Emits RAK102 (no header row) or RAK103 (a required column missing) and
    returns None when the table cannot be read at all.
    """
    index, wanted = _layout_index(layout)
    top = grid[:HEADER_SEARCH_ROWS]
    found = _builder_header(top, layout.header_row, index, wanted)
    best_row, best_map, header_end = found or _search_header(top, index, wanted)
    required = [c for c in layout.columns if c.required]
    if len(best_map) < max(2, len(required) // 2):
        findings.append(RAK102.on(layout.sheet, sheet=layout.sheet, labels=", ".join(c.label for c in required)))
        return None
    missing = [c for c in required if c.key not in best_map]
    for c in missing:
        findings.append(RAK103.at(CellRef(layout.sheet, best_row, 1), sheet=layout.sheet, column=c.label, row=best_row))
    rows = _data_rows(grid, layout, best_map, header_end, findings)
    # Formulas saved without their result (see adapters/file_read.py): the cell reads blank.
    by_col = {c: key for key, c in best_map.items() if not layout.column(key).derived}
    for (r, c), formula in sorted((uncomputed or {}).items()):
        if r > header_end and c in by_col:
            findings.append(RAK110.at(CellRef(layout.sheet, r, c), column=layout.column(by_col[c]).label,
                                      formula=formula))
    return Table(layout, best_row, best_map, rows)


def _data_rows(grid: Grid, layout: TableLayout, columns: dict[str, int], header_end: int,
               findings: list[Finding]) -> list[tuple[int, dict[str, Val]]]:
    """The non-blank rows under the header, a Val per mapped cell (RAK109 for formula errors).

    The hot loop of every parse (a Val per cell, 10,000-row sheets): a row is first checked for
    content on its raw values, so blank rows cost no objects; the Vals and the rows' dicts are
    then made a column at a time by map, so no bytecode runs per cell but Val's own, and
    a row is tested for an error value only when a column holds '#'.
    """
    keys = tuple(columns)
    if not keys:
        return []
    cols = tuple(columns.values())
    width = len(keys)
    reach = max(cols)
    # A row at least `reach` long (most are: calamine gives every row the sheet's width) hands
    # over the mapped cells in one C call; a shorter one is read cell by cell.
    pick = itemgetter(*(c - 1 for c in cols)) if width > 1 else (lambda line, i=cols[0] - 1: (line[i],))
    numbers: list[int] = []
    picked: list[tuple] = []
    for r, line in enumerate(grid[header_end:], header_end + 1):
        if not line:  # a sparse sheet's empty rows (a stray cell far below the table): no work
            continue
        n = len(line)
        raws = pick(line) if n >= reach else tuple(line[c - 1] if c <= n else None for c in cols)
        for v in raws:  # plain loops: cheaper per cell than any() over a generator
            if v is not None and (v.__class__ is not str or v.strip()):
                break
        else:
            continue  # every mapped cell blank
        numbers.append(r)
        picked.append(raws)
    if not picked:
        return []
    sheet = layout.sheet
    by_col = list(zip(*picked))
    # Each row's dict is a copy of one with the keys in column order (no resizing, no pair per
    # cell), its values then set a column at a time.
    dicts = list(map(dict.copy, repeat(dict.fromkeys(keys), len(numbers))))
    for key, values, c in zip(keys, by_col, cols):
        deque(map(setitem, dicts, repeat(key), map(Val, values, numbers, repeat((sheet, c)))), 0)  # see Val.cell
    rows = list(zip(numbers, dicts))
    if any(map(_holds_hash, by_col)):  # only then are the rows looked at one by one
        for (_, cells), raws in zip(rows, picked):
            for v in raws:
                if v.__class__ is str and v.lstrip()[:1] == "#":
                    formula_findings(cells.items(), layout, findings)
                    break
    return rows


_is_text = str.__instancecheck__


def _holds_hash(values: tuple) -> bool:
    """Some text of a column holds '#' (all an error value needs), worked out in C: a column of texts
    and blanks is joined, one of numbers and blanks summed (a sum refuses any text; `sum` adds
    floats in C, cheaper than fsum's exact partials); only a column mixing both has its texts
    picked out one by one."""
    try:
        return "#" in "".join(filter(None, values))
    except TypeError:
        pass
    try:
        sum(filter(None, values))
        return False
    except (TypeError, ValueError, OverflowError):  # a text, a date; or an int past float
        return "#" in "".join(filter(_is_text, values))


def formula_findings(cells, layout: TableLayout | None, findings: list[Finding], label: str = "") -> None:
    """RAK109 for every cell showing a formula error (#REF!, #N/A, ...)."""
    for key, val in cells:
        if is_error(val.raw):
            column = layout.column(key).label if layout is not None else label
            findings.append(RAK109.at(val.cell, column=column, value=val.raw.strip()))


_TRILLION = 10**12


def money_in(val: Val, column: str, what: str, findings: list[Finding]) -> int | None:
    """The whole Rupiah in a cell; None for an empty one, and for an unreadable one, which is reported
    (`what`: the finding's kind of value)."""
    raw = val.raw
    if raw is None:
        return None
    amount = parse_money(raw)  # None for blank text too: blankness is asked only then
    if amount is None and not val.blank:
        findings.append(unreadable(val, column, what))
    return amount


def unreadable(val: Val, column: str, kind: str) -> Finding:
    """RAK104: the cell's value cannot be read as `kind` (a key of text.VALUE_KINDS)."""
    name, example = VALUE_KINDS[kind]
    return RAK104.at(val.cell, value=shorten(val.raw, 60), column=column, kind=name,
                     example=example.format(max=thousands(MAX_RUPIAH // _TRILLION)))
