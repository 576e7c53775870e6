"""The code shows the pipeline: imports point down it, and only adapters/ touches workbook files.

Read from the source with ast (every import, also those inside functions and under
TYPE_CHECKING), so a new backward import fails here whatever the tests run.
"""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "rak_xl"

# Lowest first. A module may import its own layer and the layers below it, never one above.
LAYERS: list[tuple[str, set[str]]] = [
    ("base: words, layout, typed model, rule catalog, findings",
     {"__init__", "errors", "clock", "memory", "crash", "wording", "layout", "model", "catalog", "findings"}),
    ("budget: every Rupiah sum", {"budget"}),
    ("parse: grids -> Plan, with its structure (groups, sub-activities, row Bagian)", {"parse"}),
    ("figures: Rekap Anggaran roll-up, capaian and serapan", {"rollup", "evaluation"}),
    ("rules: Validasi", {"rules"}),
    ("outputs: sheets as data", {"outputs"}),
    ("adapters: the only code that reads or writes workbook files", {"adapters"}),
    ("jobs: what a button or a command does", {"jobs"}),
    ("products: Kiriman, Rekap Provinsi (and its summary cache), the workbook build and a new year's workbook",
     {"submit", "province", "cache", "build", "newyear"}),
    ("doors: Excel buttons (and their xlwings setup), command line, pandas DataFrames for analysts",
     {"buttons", "excel_setup", "cli", "cli_args", "__main__", "frames"}),
]
# Libraries that open or write workbook files.
WORKBOOK_LIBRARIES = {"openpyxl", "xlsxwriter", "python_calamine"}
# build/ makes the shipped workbook's bytes in memory (XlsxWriter, pyOpenVBA); adapters/ writes them.
MAY_USE_WORKBOOK_LIBRARIES = ("adapters", "build")


def _layer(module: str) -> int:
    top = module.split(".")[0]
    for i, (_, names) in enumerate(LAYERS):
        if top in names:
            return i
    raise AssertionError(f"rak_xl.{module} is in no layer of tests/test_architecture.py: add it where it belongs")


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        yield path, parts


def _imports(path, parts):
    """(line, imported rak_xl module relative to the package, e.g. 'rules.findings') and third-party tops."""
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
            for alias in node.names:  # "from .parse import structure": the module parse.structure
                sub = PACKAGE.joinpath(*target, alias.name)
                name = [*target, alias.name] if sub.with_suffix(".py").exists() or sub.is_dir() else target
                ours.append((node.lineno, ".".join(name) or "__init__"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                if top == "rak_xl":
                    ours.append((node.lineno, alias.name.removeprefix("rak_xl").lstrip(".") or "__init__"))
                else:
                    theirs.append((node.lineno, top))
    return ours, theirs


def test_every_module_sits_in_a_layer():
    for _path, parts in _modules():
        _layer(".".join(parts))


def test_imports_point_down_the_pipeline():
    backwards = []
    for path, parts in _modules():
        here = ".".join(parts)
        mine = _layer(here)
        ours, _ = _imports(path, parts)
        for line, target in ours:
            if _layer(target) > mine:
                backwards.append(f"rak_xl/{'/'.join(parts)}.py:{line} ({LAYERS[mine][0].split(':')[0]}) imports "
                                 f"rak_xl.{target} ({LAYERS[_layer(target)][0].split(':')[0]})")
    assert not backwards, "imports against the pipeline:\n" + "\n".join(backwards)


def test_only_adapters_touch_workbook_files():
    found = []
    for path, parts in _modules():
        if parts[0] in MAY_USE_WORKBOOK_LIBRARIES:
            continue
        _, theirs = _imports(path, parts)
        found += [f"rak_xl/{'/'.join(parts)}.py:{line} imports {lib}" for line, lib in theirs
                  if lib in WORKBOOK_LIBRARIES]
    assert not found, "workbook files are read and written in rak_xl/adapters/ only:\n" + "\n".join(found)


def test_the_layer_test_sees_a_backward_import(tmp_path):
    """The checker itself: a parse module importing the rules would be reported."""
    fake = tmp_path / "plan.py"
    fake.write_text("from ..rules.helpers import words\n", encoding="utf-8")
    ours, _ = _imports(fake, ["parse", "plan"])
    assert ours == [(1, "rules.helpers")] and _layer("rules.helpers") > _layer("parse.plan")


# Inside a layer, the pieces that stand side by side do not lean on each other: what two of
# them share sits in the module both import.
SIDE_BY_SIDE = {
    "rules": ({"completeness", "consistency", "budget", "identity", "evaluation"}, {"__init__", "helpers"}),
    "outputs": ({"findings_sheet", "rollup_sheet", "consolidated_sheet", "evaluation_sheet", "highlights"},
                {"sheets", "paging"}),
}


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
            if bits[0] == parts[0] and len(bits) > 1 and bits[1] not in shared:
                found.append(f"rak_xl/{'/'.join(parts)}.py:{line} imports rak_xl.{target}")
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
                if not hasattr(module, alias.name) and not PACKAGE.joinpath(*target, alias.name).with_suffix(".py").exists() \
                        and not PACKAGE.joinpath(*target, alias.name).is_dir():
                    missing.append(f"rak_xl/{'/'.join(parts)}.py:{node.lineno} imports {alias.name} from "
                                   f"rak_xl.{'.'.join(target)}")
    assert not missing, "\n".join(missing)
