"""Run the workbook's xlwings Lite scripts in Pyodide under Node, offline.

What Lite would run, and nothing else: main.py is read back out of the built
workbook, the rak_xl wheel is built from this checkout, and it is unpacked with
the Pyodide-platform wheels of its dependencies (tests/lite_setup.py downloads
them, with Node's pyodide package, into a cache outside the repository). Each
case is a script name and the JSON Excel would send; the answer is the list of
actions Lite would carry out in Excel.

Skipped when Node, the pyodide package or the wheels are missing, unless
RAK_XL_REQUIRE_PYODIDE=1 (CI), which turns that into a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from lite_setup import build_backend, node_package, wheels

from rak_xl.products.builder.lite import WEBEXT

RUNNER = Path(__file__).with_name("lite_runner.mjs")


def require_pyodide() -> tuple[str, Path, Path]:
    node = shutil.which("node")
    package, found = node_package(), wheels()
    problem = None
    if node is None:
        problem = "Node.js (node) not installed"
    elif not (package / "pyodide.mjs").is_file():
        problem = f"Node package pyodide not installed in {package}"
    elif not any(found.glob("xlwings-*.whl")) or not any(build_backend().glob("setuptools-*.whl")):
        problem = f"no Pyodide wheels in {found} or no build backend in {build_backend()}"
    if problem:
        if os.environ.get("RAK_XL_REQUIRE_PYODIDE") == "1":
            pytest.fail(f"{problem}: run `python tests/lite_setup.py` (RAK_XL_REQUIRE_PYODIDE=1)")
        pytest.skip(f"{problem}: run `python tests/lite_setup.py`")
    return node, package, found


def build_wheel(folder: Path) -> Path:
    """rak_xl's wheel from this checkout, built in `folder` (setuptools writes build/ beside the sources)."""
    src = folder / "src"
    shutil.copytree(ROOT / "rak_xl", src / "rak_xl", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "macros", src / "macros")  # packaged as rak_xl.products.builder.macros (pyproject.toml)
    for name in ("pyproject.toml", "README.md", "LICENSE", "docs/pypi.md"):  # docs/pypi.md: the long description
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, src / name)
    # Offline: the build backend comes from the wheels tests/lite_setup.py downloaded.
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-index",
                           "--find-links", str(build_backend()), "--disable-pip-version-check",
                           "-w", str(folder / "dist"), str(src)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return next((folder / "dist").glob("rak_xl-*.whl"))


def site(folder: Path) -> Path:
    """Unpack rak_xl's wheel and its dependency set under Pyodide (the cache holds exactly that)."""
    _node, _package, found = require_pyodide()
    target = folder / "site"
    for wheel in [build_wheel(folder), *sorted(found.glob("*.whl"))]:
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(target)
    return target


class Lite:
    """One Pyodide session's folder: the unpacked wheels and the workbook's main.py."""

    def __init__(self, folder: Path, workbook: Path) -> None:
        self.folder = folder
        self.properties = read_properties(workbook)
        site(folder)
        (folder / "main.py").write_text(self.properties["main.py"], encoding="utf-8")

    def run(self, cases: list[tuple[str, dict]], env: dict[str, str] | None = None) -> dict:
        node, package, _found = require_pyodide()
        request = {"cases": [{"script": s, "payload": p} for s, p in cases],
                   "env": {"XLWINGS_LICENSE_KEY": "noncommercial", "XLWINGS_ON_SERVER": "true",
                           "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", ""), **(env or {})}}
        (self.folder / "request.json").write_text(json.dumps(request), encoding="utf-8")
        response = self.folder / "response.json"
        response.unlink(missing_ok=True)
        done = subprocess.run([node, str(RUNNER), str(package), str(self.folder)], capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-4000:]
        return json.loads(response.read_text(encoding="utf-8"))


def read_properties(path_or_bytes: str | Path | bytes) -> dict[str, str]:
    """The Lite properties stored in a workbook: {"main.py": ..., "requirements.txt": ..., ...}."""
    import io
    from xml.etree import ElementTree

    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = ElementTree.fromstring(zf.read(WEBEXT))
    ns = "{http://schemas.microsoft.com/office/webextensions/webextension/2010/11}"
    return {p.get("name"): json.loads(p.get("value")) for p in root.iter(f"{ns}property")}
