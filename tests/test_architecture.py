"""The file list is the architecture: each folder of rak_xl/ is a layer, imports point down.

Read from the source with ast (every import, also those inside functions and under
TYPE_CHECKING), so a new backward import or import cycle fails here whatever the tests run.

    core -> parse -> figures -> rules, outputs -> adapters -> products -> the doors

The doors are the modules loose at the top of the package (buttons, cli, frames, __main__):
the paths the workbook's VBA and Lite code, the console script and analysts import, so they
stay put whatever moves below them.
"""

from __future__ import annotations

import ast
from collections import defaultdict

import pytest
from conftest import ROOT

PACKAGE = ROOT / "rak_xl"

# The layer folders, lowest first. A module may import its own layer and the layers below it.
LAYERS = ("core", "parse", "figures", "rules", "outputs", "adapters", "products")
DOORS = len(LAYERS)  # the loose modules at the top sit above every layer
MAX_LOOSE = 5  # the doors: buttons, cli, frames, __main__, and the package's __init__
# Libraries that open or write workbook files. The builder makes the shipped workbook's bytes in
# memory (XlsxWriter, pyOpenVBA); adapters/ reads and writes files.
WORKBOOK_LIBRARIES = {"openpyxl", "xlsxwriter", "python_calamine"}
MAY_USE_WORKBOOK_LIBRARIES = ("adapters", "products.builder")
# Inside a layer, the pieces that stand side by side do not lean on each other: what two of
# them share sits in the module both import.
SIDE_BY_SIDE = {
    "rules": ({"completeness", "consistency", "review", "funding", "identity", "capaian"}, {"__init__", "helpers"}),
    "outputs": ({"findings_sheet", "rollup_sheet", "consolidated_sheet", "evaluation_sheet", "highlights",
                 "recap_sheets"},
                {"sheets", "paging", "sheet_builder"}),
}
# Sub-packages with a public face: from outside, only these of their modules may be imported.
FACES: dict[str, set[str]] = {
    "rules": {"rules", "rules.docs"},
    "products.province": {"products.province"},
}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        yield path, parts


def _module_name(parts: list[str]) -> str:
    """'rules' for rules/__init__.py, 'rules.funding' for rules/funding.py, '__init__' for the package."""
    name = parts[:-1] if parts[-1] == "__init__" else parts
    return ".".join(name) or "__init__"


def _layer(module: str) -> int:
    if module == "__init__":
        return 0  # the package itself holds only its version, which every layer may read
    top = module.split(".")[0]
    if top in LAYERS:
        return LAYERS.index(top)
    if PACKAGE.joinpath(top).is_dir():
        raise AssertionError(f"rak_xl/{top}/ is a folder but no layer: add it to LAYERS in tests/test_architecture.py")
    return DOORS


def _is_module(dotted: str) -> bool:
    p = PACKAGE.joinpath(*dotted.split(".")) if dotted and dotted != "__init__" else PACKAGE
    return p.with_suffix(".py").exists() or p.is_dir()


def _imports(path, parts):
    """(line, imported rak_xl module relative to the package, e.g. 'rules.helpers') and third-party tops."""
    package = parts[:-1]  # the package this module sits in
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ours, theirs = [], []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.split(".")[0] == "rak_xl":
                target = node.module.split(".")[1:]
            else:
                if node.module:
                    theirs.append((node.lineno, node.module.split(".")[0]))
                continue
            for alias in node.names:  # "from rak_xl.figures import sums": the module figures.sums
                name = [*target, alias.name]
                ours.append((node.lineno, ".".join(name) if _is_module(".".join(name)) else ".".join(target) or "__init__"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                if top == "rak_xl":
                    ours.append((node.lineno, alias.name.removeprefix("rak_xl").lstrip(".") or "__init__"))
                else:
                    theirs.append((node.lineno, top))
    return ours, theirs


def _graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for path, parts in _modules():
        here = _module_name(parts)
        edges[here]
        for _, target in _imports(path, parts)[0]:
            if target != here:
                edges[here].add(target)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module, or a module importing itself (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_every_folder_is_a_layer_and_few_modules_are_loose():
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert folders == sorted(LAYERS), f"rak_xl/ holds {folders}; the layers are {LAYERS}"
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(loose) <= MAX_LOOSE, f"{len(loose)} modules loose at the top of rak_xl/: {loose}"


def test_no_two_modules_share_a_name():
    seen: dict[str, list[str]] = defaultdict(list)
    for path, parts in _modules():
        if parts[-1] != "__init__":
            seen[parts[-1]].append("/".join(parts) + ".py")
    for folder in PACKAGE.rglob("*"):
        if folder.is_dir() and folder.name != "__pycache__" and folder != PACKAGE:
            seen[folder.name].append(str(folder.relative_to(PACKAGE)) + "/")
    shared = {name: places for name, places in seen.items() if len(places) > 1}
    assert not shared, f"one name, several modules: {shared}"


def test_imports_point_down_the_pipeline():
    backwards = []
    for path, parts in _modules():
        here = _module_name(parts)
        mine = _layer(here)
        ours, _ = _imports(path, parts)
        for line, target in ours:
            if _layer(target) > mine:
                theirs = "doors" if _layer(target) == DOORS else LAYERS[_layer(target)]
                backwards.append(f"rak_xl/{'/'.join(parts)}.py:{line} ({LAYERS[mine]}) imports rak_xl.{target} ({theirs})")
    assert not backwards, "imports against the pipeline:\n" + "\n".join(backwards)


def test_no_import_cycles():
    cycles = _cycles(_graph())
    assert not cycles, "modules that import each other (also inside functions):\n" + "\n".join(
        " <-> ".join(c) for c in cycles)


def test_the_cycle_check_sees_a_cycle():
    """The checker itself: a loop through a function-level import is found, a chain is not."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_only_adapters_touch_workbook_files():
    found = []
    for path, parts in _modules():
        if _module_name(parts).startswith(MAY_USE_WORKBOOK_LIBRARIES):
            continue
        _, theirs = _imports(path, parts)
        found += [f"rak_xl/{'/'.join(parts)}.py:{line} imports {lib}" for line, lib in theirs
                  if lib in WORKBOOK_LIBRARIES]
    assert not found, "workbook files are read and written in rak_xl/adapters/ only:\n" + "\n".join(found)


def test_the_layer_test_sees_a_backward_import(tmp_path):
    """The checker itself: a parse module importing the rules would be reported."""
    fake = tmp_path / "plan.py"
    fake.write_text("from rak_xl.rules.helpers import words\n", encoding="utf-8")
    ours, _ = _imports(fake, ["parse", "plan"])
    assert ours == [(1, "rules.helpers")] and _layer("rules.helpers") > _layer("parse.plan")


def test_rule_areas_and_output_sheets_do_not_import_each_other():
    found = []
    for path, parts in _modules():
        if len(parts) != 2 or parts[0] not in SIDE_BY_SIDE:
            continue
        siblings, shared = SIDE_BY_SIDE[parts[0]]
        if parts[1] not in siblings:
            continue
        ours, _ = _imports(path, parts)
        for line, target in ours:
            bits = target.split(".")
            if bits[0] == parts[0] and (len(bits) == 1 or bits[1] not in shared):
                if len(bits) == 1 and "__init__" in shared:
                    continue
                found.append(f"rak_xl/{'/'.join(parts)}.py:{line} imports rak_xl.{target}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("package", sorted(FACES))
def test_packages_are_entered_through_their_face(package):
    found = []
    for path, parts in _modules():
        here = _module_name(parts)
        if here == package or here.startswith(package + "."):
            continue
        for line, target in _imports(path, parts)[0]:
            if (target == package or target.startswith(package + ".")) and target not in FACES[package]:
                found.append(f"rak_xl/{'/'.join(parts)}.py:{line} imports rak_xl.{target}; "
                             f"use {sorted(FACES[package])}")
    assert not found, "\n".join(found)


def test_every_name_imported_from_rak_xl_exists():
    """Also the imports inside functions, which run only when a button or command needs them: a name
    moved to another module must not leave one behind (the test suite might not reach it)."""
    import importlib

    missing = []
    for path, parts in _modules():
        package = parts[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                target = [*package[: len(package) - (node.level - 1)], *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.split(".")[0] == "rak_xl":
                target = node.module.split(".")[1:]
            else:
                continue
            module = importlib.import_module(".".join(["rak_xl", *target]))
            for alias in node.names:
                if not hasattr(module, alias.name) and not _is_module(".".join([*target, alias.name])):
                    missing.append(f"rak_xl/{'/'.join(parts)}.py:{node.lineno} imports {alias.name} from "
                                   f"rak_xl.{'.'.join(target)}")
    assert not missing, "\n".join(missing)
