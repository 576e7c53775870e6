"""The plan's structure, worked out once per plan by the parser: groups, sub-activities and each row's Bagian.

Every reader takes it from here (the rules, Rekap Anggaran, Konsolidasi, Evaluasi, the CLI),
so a group, a sub-activity or a row's Bagian is the same thing in every output.

- Group (Kegiatan in table A, Sasaran Program in table B): consecutive rows of one table
  whose group cell says the same once case and spacing are ignored (`text_key`). A blank
  group cell continues the group above: that is how a merged cell reads (only its top-left
  cell holds the text). Groups are numbered per table: A.1, A.2, ... B.1, ...
- Sub-activity (block): consecutive rows of one group whose Uraian Kegiatan is the same
  under `text_key`. The seed writes several indicators per cell; the workbook has one row
  per indicator, so such a run is one cell of the source: one sub-activity, one budget link.
- A row's Bagian (the unit responsible for it) and how it was found (`source`):
  its own Penanggung Jawab when recognised (STATED); else the Penanggung Jawab of another
  row of its sub-activity (BLOCK, the rows of a sub-activity share one unit, see
  workbook/sources/README.md); else the Bagian holding the largest share of the Anggaran
  lines that fund the sub-activity (BUDGET); else UNASSIGNED (NONE), never guessed.

This is the responsible unit of a row. The budget of a Bagian is something else: the
Anggaran lines whose Bagian column names it (rak_xl.figures.sums), since that unit spends it.
Where a line funds a row of another Bagian, rule RAK416 tells the reviewer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rak_xl.core.model import BudgetLine, Plan, RakRow
from rak_xl.parse.values import normalise_text as text_key

from . import sums

UNASSIGNED = "Tanpa penanggung jawab"  # RAK rows with no Bagian, stated or funded

# How a row's Bagian was found.
STATED, BLOCK, BUDGET, NONE = "stated", "block", "budget", "none"


# The classes below compare by identity and print plainly (eq=False, repr=False): nothing compares
# or prints them, and generated methods are a cost at every command's start for nothing.


class _Listing:
    """Iterating, indexing and len() reach `_items()`: the rules walk a group's blocks and a block's
    rows as they would lists (`for block in group`, `block[0]`)."""

    def _items(self) -> list:
        raise NotImplementedError

    def __iter__(self) -> Iterator:
        return iter(self._items())

    def __getitem__(self, i):
        return self._items()[i]

    def __len__(self) -> int:
        return len(self._items())


@dataclass(eq=False, repr=False)
class Block(_Listing):
    """A sub-activity: its rows in sheet order. Iterating or indexing a block gives its rows."""

    rows: list[RakRow]
    division: str  # the Bagian of its rows that state none (see the module docstring)
    source: str  # BLOCK, BUDGET or NONE: how `division` was found
    funded: bool  # at least one Anggaran line links to one of its rows
    number: int = 0  # 1.. within its group

    @property
    def first(self) -> RakRow:
        return self.rows[0]

    @property
    def activity(self) -> str:
        return self.rows[0].activity

    def _items(self) -> list:
        return self.rows


@dataclass(eq=False, repr=False)
class Group(_Listing):
    """A Kegiatan (table A) or Sasaran Program (table B). Iterating or indexing it gives its blocks."""

    table: str  # "A" / "B"
    number: int  # 1.. within its table
    name: str  # the text of its first non-blank group cell
    blocks: list[Block] = field(default_factory=list)

    @property
    def code(self) -> str:
        return f"{self.table}.{self.number}"

    @property
    def rows(self) -> list[RakRow]:
        return [r for b in self.blocks for r in b.rows]

    def _items(self) -> list:
        return self.blocks


@dataclass(eq=False, repr=False)
class RowPlace:
    """Where one RAK row sits in the plan and who answers for it."""

    row: RakRow
    group: Group
    block: Block
    division: str
    source: str  # STATED, BLOCK, BUDGET or NONE
    lines: list[BudgetLine]  # the Anggaran lines linked to this row (whatever their Bagian)

    @property
    def linked_amount(self) -> int:
        """Rupiah of the Anggaran lines linked to this row."""
        return sums.lines_total(self.lines)

    @property
    def funded(self) -> bool:
        return bool(self.lines)

    @property
    def division_inferred(self) -> bool:
        """Not the row's own Penanggung Jawab, but found from its sub-activity or the Anggaran sheet."""
        return self.source in (BLOCK, BUDGET)

    @property
    def block_start(self) -> bool:
        return self.block.rows[0] is self.row


@dataclass(eq=False, repr=False)
class Structure:
    groups: list[Group]
    blocks: list[Block]
    places: list[RowPlace]  # one per row, in the order of plan.rows
    _by_row: dict[int, RowPlace] = field(default_factory=dict, repr=False)

    def place(self, row: RakRow) -> RowPlace:
        if not self._by_row:
            self._by_row = {id(p.row): p for p in self.places}
        return self._by_row[id(row)]


def of(plan: Plan) -> Structure:
    """The plan's structure (worked out by the parser; here for a Plan built another way)."""
    if plan.structure is None:
        plan.structure = work_out(plan)
    return plan.structure


def groups_of(plan: Plan) -> list[Group]:
    return of(plan).groups


def blocks_of(plan: Plan) -> list[Block]:
    return of(plan).blocks


def work_out(plan: Plan) -> Structure:
    funding = sums.lines_by_row(plan)
    groups: list[Group] = []
    blocks: list[Block] = []
    places: list[RowPlace] = []
    group: Group | None = None
    group_key = activity_key = None
    rows_in_block: list[RakRow] = []

    def close_block() -> None:
        if rows_in_block and group is not None:
            lines = [line for r in rows_in_block for line in funding.get(r.id.casefold(), [])]
            stated = next((r.division for r in rows_in_block if r.division), None)
            main = None if stated else _main_division(lines)
            division, source = (stated, BLOCK) if stated else (main, BUDGET) if main else (UNASSIGNED, NONE)
            block = Block(list(rows_in_block), division, source, bool(lines), len(group.blocks) + 1)
            group.blocks.append(block)
            blocks.append(block)
            rows_in_block.clear()

    numbers: dict[str, int] = {}
    for row in plan.rows:
        # A blank group cell continues the group above (a merged cell), within the same table.
        same_table = group is not None and group.table == row.table
        key = text_key(row.group) if row.group or not same_table else group_key
        if not same_table or key != group_key:
            close_block()
            numbers[row.table] = numbers.get(row.table, 0) + 1
            group = Group(row.table, numbers[row.table], row.group)
            groups.append(group)
            group_key, activity_key = key, None
        elif not group.name and row.group:
            group.name = row.group
        key = text_key(row.activity)
        if key != activity_key:
            close_block()
            activity_key = key
        rows_in_block.append(row)
    close_block()

    by_block = {id(b): g for g in groups for b in g.blocks}
    for block in blocks:
        group = by_block[id(block)]
        for row in block.rows:
            if row.division:
                division, source = row.division, STATED
            else:
                division, source = block.division, block.source
            places.append(RowPlace(row, group, block, division, source, funding.get(row.id.casefold(), [])))
    return Structure(groups, blocks, places)


def _main_division(lines: list[BudgetLine]) -> str | None:
    """The Bagian holding the largest share of `lines` (ties: the first met)."""
    amounts: dict[str, int] = {}
    for line in lines:
        if line.division:
            amounts[line.division] = amounts.get(line.division, 0) + (line.amount or 0)
    return max(amounts, key=lambda d: amounts[d]) if amounts else None
