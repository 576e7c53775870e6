"""Validation rules. Each rule is a function over the Plan registered under its catalog code."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rak_xl.core.findings import Finding
from rak_xl.core.model import Plan

RuleFn = Callable[[Plan], Iterable[Finding]]
REGISTRY: dict[str, RuleFn] = {}


def rule(code: str) -> Callable[[RuleFn], RuleFn]:
    def register(fn: RuleFn) -> RuleFn:
        from rak_xl.core.catalog import CATALOG

        if code not in CATALOG:
            raise KeyError(f"rule {code} is not in the catalog")
        if code in REGISTRY:
            raise KeyError(f"rule {code} registered twice")
        REGISTRY[code] = fn
        return fn

    return register


def load_all() -> None:
    """Import the rule modules so their @rule decorators register."""
    import importlib

    for name in AREA_MODULES:
        importlib.import_module(f"{__name__}.{name}")


# One module per area of the catalog (RAK2xx completeness, RAK3xx consistency, ...).
# Structure findings (RAK1xx) come from the parser itself: see rak_xl/parse/.
AREA_MODULES: tuple[str, ...] = ("completeness", "consistency", "funding", "identity", "capaian")
