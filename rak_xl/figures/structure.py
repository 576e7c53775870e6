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
- A row's Bagian (the unit responsible for it) and how it was found (`source`), the way a
  reviewer reads the plan, in this order:
  1. STATED: its own Penanggung Jawab, when recognised;
  2. BLOCK: the Penanggung Jawab of another row of its sub-activity (the rows of a
     sub-activity are one cell of the source and share one unit, see workbook/sources/README.md);
  3. GROUP: the unit named last above it in the same Kegiatan / Sasaran Program (a plan writes
     the unit once, on the first row it answers for: B-001 names it for B-002..B-007);
  4. SUBJECT: the one Bagian whose name the group's name points at ("Pengelolaan Sumber Daya
     Manusia": Hukum dan SDM; rak_xl.parse.divisions.subject_division);
  5. otherwise UNASSIGNED (NONE), never guessed.
  Budget lines never decide who answers for a row: they fund it. A line's Bagian is the unit
  that spends it, and a unit that pays (the salary line, Keuangan) is not thereby the one that
  answers for the indicator it funds.

This is the responsible unit of a row. The budget of a Bagian is something else: the
Anggaran lines whose Bagian column names it (rak_xl.figures.sums), since that unit spends it.
Where a line funds a row of another Bagian, rule RAK416 tells the reviewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rak_xl.core.model import BudgetLine, Plan, RakRow
from rak_xl.parse.divisions import subject_division
from rak_xl.parse.values import normalise_text as text_key

from . import sums

UNASSIGNED = "Tanpa penanggung jawab"  # RAK rows no step of the order gives a Bagian

# How a row's Bagian was found, in the order tried (see the module docstring).
STATED, BLOCK, GROUP, SUBJECT, NONE = "stated", "block", "group", "subject", "none"
INFERRED = (BLOCK, GROUP, SUBJECT)


# Block and Group are the lists the rules walk (`for block in group`, `block[0]`, `len(group)`): list
# subclasses, so iterating and indexing them runs in C, with their few facts in slots. Nothing compares,
# hashes or prints them; RowPlace and Structure compare by identity and print plainly (eq=False,
# repr=False): generated methods are a cost at every command's start for nothing.


class Block(list):
    """A sub-activity: its rows in sheet order. Iterating or indexing a block gives its rows."""

    __slots__ = ("division", "funded", "named_by", "number", "source")

    def __init__(self, rows: list[RakRow], division: str, source: str, funded: bool, number: int = 0,
                 named_by: RakRow | None = None) -> None:
        super().__init__(rows)
        self.division = division  # the Bagian of its rows that state none (see the module docstring)
        self.source = source  # BLOCK, GROUP, SUBJECT or NONE: how `division` was found
        self.funded = funded  # at least one Anggaran line links to one of its rows
        self.number = number  # 1.. within its group
        self.named_by = named_by  # BLOCK, GROUP: the row whose Penanggung Jawab gave `division`

    # One block is not another with the same rows.
    __eq__, __ne__, __hash__ = object.__eq__, object.__ne__, object.__hash__

    @property
    def rows(self) -> list[RakRow]:
        return self

    @property
    def first(self) -> RakRow:
        return self[0]

    @property
    def activity(self) -> str:
        return self[0].activity


class Group(list):
    """A Kegiatan (table A) or Sasaran Program (table B). Iterating or indexing it gives its blocks."""

    __slots__ = ("name", "number", "table")

    def __init__(self, table: str, number: int, name: str, blocks: list[Block] | None = None) -> None:
        super().__init__(blocks or ())
        self.table = table  # "A" / "B"
        self.number = number  # 1.. within its table
        self.name = name  # the text of its first non-blank group cell

    __eq__, __ne__, __hash__ = object.__eq__, object.__ne__, object.__hash__

    @property
    def blocks(self) -> list[Block]:
        return self

    @property
    def code(self) -> str:
        return f"{self.table}.{self.number}"

    @property
    def rows(self) -> list[RakRow]:
        return [r for b in self for r in b]


@dataclass(eq=False, repr=False)
class RowPlace:
    """Where one RAK row sits in the plan and who answers for it."""

    row: RakRow
    group: Group
    block: Block
    division: str
    source: str  # STATED, BLOCK, GROUP, SUBJECT or NONE
    lines: list[BudgetLine]  # the Anggaran lines linked to this row (whatever their Bagian)

    @property
    def named_by(self) -> RakRow | None:
        """The row whose Penanggung Jawab gave this row its Bagian (itself when STATED)."""
        return self.row if self.source == STATED else self.block.named_by

    @property
    def linked_amount(self) -> int:
        """Rupiah of the Anggaran lines linked to this row."""
        return sums.lines_total(self.lines)

    @property
    def funded(self) -> bool:
        return bool(self.lines)

    @property
    def division_inferred(self) -> bool:
        """Not the row's own Penanggung Jawab, but found from its sub-activity, its group or the group's name."""
        return self.source in INFERRED

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
    groups = _groups(plan.rows)
    names = tuple(plan.division_names)
    blocks: list[Block] = []
    places: list[RowPlace] = []
    for group in groups:
        _answer_for(group, names)
        blocks += group
        for block in group:
            for row in block:
                division, source = (row.division, STATED) if row.division else (block.division, block.source)
                lines = funding.get(row.id.casefold(), [])
                if lines:
                    block.funded = True
                places.append(RowPlace(row, group, block, division, source, lines))
    return Structure(groups, blocks, places)


def _groups(rows: list[RakRow]) -> list[Group]:
    """The rows cut into groups and sub-activities (see the module docstring); no Bagian, no funding yet."""
    groups: list[Group] = []
    group: Group | None = None
    block: Block | None = None
    group_key = activity_key = None
    numbers: dict[str, int] = {}
    for row in rows:
        # A blank group cell continues the group above (a merged cell), within the same table.
        same_table = group is not None and group.table == row.table
        key = text_key(row.group) if row.group or not same_table else group_key
        if not same_table or key != group_key:
            numbers[row.table] = numbers.get(row.table, 0) + 1
            group = Group(row.table, numbers[row.table], row.group)
            groups.append(group)
            group_key, activity_key = key, None
        elif not group.name and row.group:
            group.name = row.group
        key = text_key(row.activity)
        if key != activity_key:  # a new group's first row starts a sub-activity too (its key is never None)
            block = Block([], UNASSIGNED, NONE, False, len(group) + 1)
            group.append(block)
            activity_key = key
        block.append(row)
    return groups


@lru_cache(maxsize=1024)
def _subject_of(group_name: str, names: tuple[str, ...]) -> str | None:
    """The Bagian a group's name points at, asked once per name and divisions: a plan's groups and a
    province's plans repeat both."""
    return subject_division(group_name, list(names))


def _answer_for(group: Group, names: tuple[str, ...]) -> None:
    """Each block's Bagian for its rows that state none: the order of the module docstring, steps 2-5."""
    subject = _subject_of(group.name, names) if group.name and names else None
    above: RakRow | None = None  # the last row above that names its unit, in this group
    for block in group:
        stated = next((r for r in block if r.division), None)
        if stated is not None:
            block.division, block.source, block.named_by = stated.division, BLOCK, stated
        elif above is not None:
            block.division, block.source, block.named_by = above.division, GROUP, above
        elif subject is not None:
            block.division, block.source = subject, SUBJECT
        above = next((r for r in reversed(block) if r.division), above)
