"""What `pip install .` brings is what the commands import: no command may need an extra.

The staff's and the province's installs have the runtime dependencies only
(`[test]` is for developers), so a third-party import that is not declared in [project] dependencies would fail there
and nowhere here, where the test extras are installed too.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from conftest import ROOT

# Developer-only modules: none. The synthetic workbooks live in tests/, and the build is not one:
# `rak-xl baru` and the button "Buat RAK Tahun Berikutnya" build workbooks on staff machines.
DEVELOPER_ONLY: tuple[str, ...] = ()


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_every_runtime_import_is_a_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    dists = packages_distributions()
    missing = {}
    for path in sorted((ROOT / "rak_xl").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(DEVELOPER_ONLY):
            continue
        for module in _imports(path):
            if module in sys.stdlib_module_names or module in ("rak_xl", "__future__"):
                continue
            names = {_name(d) for d in dists.get(module, [module])}
            if not names & declared:
                missing.setdefault(module, []).append(rel)
    assert not missing, f"imported by rak_xl but not in [project] dependencies: {missing}"


def test_every_package_and_the_vba_sources_are_installed():
    """pyproject lists the packages (macros/ is mapped into rak_xl.products.builder.macros): none may be forgotten."""
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {p.parent.relative_to(ROOT).as_posix().replace("/", ".") for p in (ROOT / "rak_xl").rglob("__init__.py")}
    assert set(tool["packages"]) == found | {"rak_xl.products.builder.macros"}
    assert tool["package-dir"]["rak_xl.products.builder.macros"] == "macros"
    assert tool["package-data"]["rak_xl.products.builder.macros"] == ["*.bas"]
    assert list((ROOT / "macros").glob("*.bas"))
