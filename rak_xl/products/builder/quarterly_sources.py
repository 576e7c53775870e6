"""Generate the evaluation sources (capaian.csv, realisasi_anggaran.csv) from the plan sources.

Run `python -m rak_xl.products.builder.quarterly_sources` after adding or removing RAK rows or budget
lines: the IDs and codes follow rak_kpu.csv, rak_sekretariat.csv and anggaran.csv, rows that
already exist keep their values, and a test fails while the files are out of step.

New rows get quarter targets that fit what the indicator measures (rak_xl.figures.kinds):
cumulative targets that grow with the quarter marks for progress and counts, the annual target
in every quarter for a rate (and as the ceiling of a reduction or of a count where fewer is
better, with Arah Turun), the annual target in the last marked quarter only for a yearly score,
and 0 until the last marked quarter for a one-off event. Realisation is ILLUSTRATIVE, for TW 1
and TW 2 only, from fixed factors, so the same plan always gives the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rak_xl.core import layout as L
from rak_xl.core.text import say
from rak_xl.figures import kinds
from rak_xl.parse.values import parse_percent_text

from .plan_data import AchievementRecord, BudgetRecord, RakRecord, SpendingRecord
from .sources import ACHIEVEMENT, BUDGET_LINES, RAK_A, RAK_B, SPENDING, read_table, table_text

# Illustrative realisation / target per indicator for TW 1 and TW 2, cycled over the rows:
# mostly on track, some behind, one ahead; each keeps the series cumulative (TW 2 >= TW 1).
_INDICATOR_FACTORS = ((1.0, 1.0), (0.8, 0.9), (1.0, 1.1), (0.6, 0.8), (1.2, 1.0), (1.0, 0.96), (0.4, 0.7))
# Illustrative realised spending / RPD per budget line for TW 1 and TW 2.
_SPENDING_FACTORS = ((0.92, 1.0), (1.0, 0.85), (0.85, 0.9), (0.7, 1.05), (1.05, 0.95), (0.6, 0.8), (1.0, 1.0))
_ILLUSTRATED = (1, 2)  # the quarters that get illustrative realisation


def _percent(value: float) -> str:
    return f"{round(value):d}%"


def _targets_to_date(rak: RakRecord) -> list[float | None]:
    """The quarter targets of the indicator's kind (see the module docstring; TW 4: the annual target)."""
    annual = parse_percent_text(rak["target"])
    if annual is None:
        return [None] * len(L.QUARTERS)
    marks = [bool(rak[key].strip()) for key in L.MARK_KEYS]
    last = max((q for q, marked in zip(L.QUARTERS, marks) if marked), default=4)
    kind = kinds.kind_by_words(rak["indicator"])
    if kind in (kinds.RATE, kinds.REDUCTION, kinds.COUNT_DOWN):
        return [annual] * len(L.QUARTERS)
    if kind in (kinds.SCORE, kinds.EVENT):
        before = None if kind == kinds.SCORE else 0.0
        return [annual if q >= last else before for q in L.QUARTERS]
    total = sum(marks)
    if not total:
        return [0.0, 0.0, 0.0, annual]
    done = [sum(marks[:q]) for q in L.QUARTERS]
    return [*(annual * d / total for d in done[:-1]), annual]


def _realised(rak: RakRecord, targets: list[float | None], factors: dict[int, float]) -> list[float | None]:
    """Illustrative realisation: target x factor; a rate (or a reduction) never above its target nor falling,
    an event not done before its quarter (0 of a 0 target), a count where fewer is better growing to three
    quarters of its ceiling by TW 2."""
    kind = kinds.kind_by_words(rak["indicator"])
    out: list[float | None] = []
    for q, t in zip(L.QUARTERS, targets):
        if t is None or q not in factors:
            out.append(None)
        elif kind in (kinds.RATE, kinds.REDUCTION):
            out.append(t * max(min(factors[k], 1.0) for k in factors if k <= q))
        elif kind == kinds.COUNT_DOWN:
            out.append(t * (0.5 + 0.25 * q / max(factors)))
        else:
            out.append(t * factors[q])
    return out


def achievement_row(rak: RakRecord, index: int) -> AchievementRecord:
    factors = dict(zip(_ILLUSTRATED, _INDICATOR_FACTORS[index % len(_INDICATOR_FACTORS)]))
    targets = _targets_to_date(rak)
    return AchievementRecord(
        id=rak["id"],
        direction=L.DIRECTION_DOWN if kinds.fewer_is_better(rak["indicator"]) else L.DIRECTION_UP,
        targets_to_date=[None if t is None else _percent(t) for t in targets],
        realised_to_date=[None if r is None else _percent(r) for r in _realised(rak, targets, factors)])


def spending_row(line: BudgetRecord, index: int) -> SpendingRecord:
    factors = dict(zip(_ILLUSTRATED, _SPENDING_FACTORS[index % len(_SPENDING_FACTORS)]))
    return SpendingRecord(
        code=line["code"], description=line["description"],
        spent_by_quarter=[round(rpd * factors[q] / 1000) * 1000 if q in factors else None
                          for q, rpd in zip(L.QUARTERS, line["rpd_by_quarter"])])


def generate(folder: str | Path) -> dict[str, str]:
    """File name -> text. Existing rows (by ID / code) are kept as they are, in plan order."""
    rak = read_table(folder, RAK_A) + read_table(folder, RAK_B)
    budget = read_table(folder, BUDGET_LINES)
    old_achievement = {r["id"]: r for r in read_table(folder, ACHIEVEMENT)}
    old_spending = {r["code"]: r for r in read_table(folder, SPENDING)}
    achievement = [old_achievement.get(r["id"]) or achievement_row(r, i) for i, r in enumerate(rak)]
    spending = [{**(old_spending.get(b["code"]) or spending_row(b, i)), "description": b["description"]}
                for i, b in enumerate(budget)]
    return {ACHIEVEMENT.name: table_text(ACHIEVEMENT, achievement), SPENDING.name: table_text(SPENDING, spending)}


def main(argv: list[str] | None = None) -> int:
    folder = Path((argv or sys.argv[1:] or ["workbook/sources"])[0])
    for name, text in generate(folder).items():
        (folder / name).write_text(text, encoding="utf-8")
        print(say("builder.written", path=folder / name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
