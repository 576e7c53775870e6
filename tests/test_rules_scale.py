"""Rules whose cost was cut keep their definition: RAK322 (near-duplicate indicators) pairs each row
with the first earlier row whose measured words contain, or are contained in, its own, on a large
generated plan that repeats every text of the shipped one (the index by word sets against the
comparison of every pair of rows it replaced)."""

from __future__ import annotations

from conftest import WORKBOOK
from rak_xl.adapters.file_read import read_grids
from rak_xl.core.catalog import NEAR_DUPLICATE_MIN_WORDS
from rak_xl.figures.kinds import words
from rak_xl.figures.structure import groups_of
from rak_xl.parse.plan import parse_plan
from rak_xl.rules import review
from rak_xl.rules.helpers import comparable
from synthetic import Template, make_large


def _pairwise(plan):
    """RAK322's definition, row by row against every earlier row (quadratic: for this test only)."""
    satker = frozenset(words(str(plan.identity.get("satker") or "")))
    group_of = {id(r): g for g in groups_of(plan) for r in g.rows}
    seen = []
    for row in plan.rows:
        mine = review._measured_words(row.indicator, satker)
        for other, theirs in seen:
            small, large = sorted((mine, theirs), key=len)
            if len(small) < NEAR_DUPLICATE_MIN_WORDS or not small <= large:
                continue
            if not (comparable(row.indicator) == comparable(other.indicator)
                    and group_of.get(id(row)) is group_of.get(id(other))):
                yield row, other, large - small
                break
        seen.append((row, mine))


def test_near_duplicates_are_the_pairwise_definition_on_a_large_plan(tmp_path):
    path = tmp_path / "besar.xlsm"
    make_large(path, 1_200, template=Template(WORKBOOK))
    plan, _ = parse_plan(read_grids(path))
    found = [(r.row, o.row, e) for r, o, e in review._near_duplicates(plan)]
    expected = [(r.row, o.row, e) for r, o, e in _pairwise(plan)]
    assert found == expected
    # Something was compared: repeated rows pair with their first copy, and some pairs differ by words.
    assert len(found) > 100 and any(extra for _, _, extra in found)
