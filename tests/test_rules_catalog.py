"""The catalog and the implementations agree: every active code is emitted somewhere, every emitted code is catalogued."""

from __future__ import annotations

import ast
import re

from conftest import ROOT
from rak_xl.rules import AREA_MODULES, REGISTRY, load_all
from rak_xl.core.catalog import AREAS, CATALOG

# Structure findings come from the parser while it reads the grids, not from a registered rule.
# A new RAK1xx code is added here too, deliberately.
PARSER_CODES = {"RAK101", "RAK102", "RAK103", "RAK104", "RAK105", "RAK106", "RAK107", "RAK108", "RAK109", "RAK110",
                "RAK111"}


def _emitted_by_parser() -> set[str]:
    """The catalog entries the parser's modules import: the codes it makes findings with."""
    codes = set()
    for path in (ROOT / "rak_xl" / "parse").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "rak_xl.core.catalog":
                codes |= {a.name for a in node.names if re.fullmatch(r"RAK\d{3}", a.name)}
    return codes


def test_parser_codes_are_emitted_by_the_parser():
    assert PARSER_CODES <= _emitted_by_parser()
    assert {c for c, r in CATALOG.items() if c.startswith("RAK1") and not r.retired} == PARSER_CODES


def test_every_active_code_is_implemented():
    load_all()
    active = {c for c, r in CATALOG.items() if not r.retired}
    implemented = set(REGISTRY) | _emitted_by_parser()
    assert active - implemented == set()


def test_every_implemented_code_is_catalogued_and_active():
    load_all()
    for code in set(REGISTRY) | _emitted_by_parser():
        assert code in CATALOG and not CATALOG[code].retired, code


def test_structure_is_the_parsers_and_the_rest_is_registered():
    load_all()
    assert not {c for c in REGISTRY if c.startswith("RAK1")}
    assert not {c for c in _emitted_by_parser() if not c.startswith("RAK1")}


def test_each_area_module_registers_its_own_codes():
    import importlib

    load_all()
    area = {"completeness": "RAK2", "consistency": "RAK3", "funding": "RAK4", "identity": "RAK5", "capaian": "RAK6"}
    for name, prefix in area.items():
        assert name in AREA_MODULES
        module = importlib.import_module(f"rak_xl.rules.{name}")
        codes = {c for c, fn in REGISTRY.items() if fn.__module__ == module.__name__}
        assert codes and all(c.startswith(prefix) for c in codes), (name, codes)


def test_catalog_entries_are_complete():
    for code, r in CATALOG.items():
        assert re.fullmatch(r"RAK\d{3}", code) and code[:4] in AREAS
        assert r.severity in ("error", "warning", "info")
        assert re.fullmatch(r"[a-z0-9-]+", r.slug)
        assert r.message_id and r.message_en and r.hint_id and r.hint_en and r.doc, code
    slugs = [r.slug for r in CATALOG.values()]
    assert len(slugs) == len(set(slugs))
