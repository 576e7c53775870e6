"""Validation rules. Each rule is a function over the Plan registered under its catalog entry:

    @rule(RAK404)
    def budget_division_unknown(plan): ... yield RAK404.at(cell, value=...)

The entry (core/catalog.py) carries the code; the registry is keyed by it for --select/--ignore.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from rak_xl.core.catalog import CATALOG
from rak_xl.core.findings import Finding, Rule
from rak_xl.core.model import Plan

RuleFn = Callable[[Plan], Iterable[Finding]]
REGISTRY: dict[str, RuleFn] = {}


def rule(entry: Rule) -> Callable[[RuleFn], RuleFn]:
    def register(fn: RuleFn) -> RuleFn:
        if CATALOG.get(entry.code) is not entry:
            raise KeyError(f"rule {entry.code} is not the catalog's entry")
        if entry.code in REGISTRY:
            raise KeyError(f"rule {entry.code} registered twice")
        REGISTRY[entry.code] = fn
        return fn

    return register


@cache  # every validate asks; the modules stay imported
def load_all() -> None:
    """Import the rule modules so their @rule decorators register."""
    import importlib

    for name in AREA_MODULES:
        importlib.import_module(f"{__name__}.{name}")


# One module per area of the catalog (RAK2xx completeness, RAK3xx consistency, ...); RAK3xx in two:
# consistency (targets and texts that contradict themselves, RAK301-313) and review (what a province
# reviewer reads: what a satker can deliver, its schedule, its pairings, RAK314-324).
# Structure findings (RAK1xx) come from the parser itself: see rak_xl/parse/.
AREA_MODULES: tuple[str, ...] = ("completeness", "consistency", "review", "funding", "identity", "capaian")
