"""Run the workbook's xlwings Lite scripts in Pyodide under Node, offline.

What Lite would run, and nothing else: main.py is read back out of the built
workbook (rak_xl travels inside it), and site/ holds only the Pyodide wheels of
the workbook's requirements.txt and what they need (tests/lite_setup.py downloads
them, with Node's pyodide package, into a cache outside the repository): no
checkout, no rak_xl wheel. Each case is a script name and the JSON Excel would
send, cut down as Lite cuts it by the script's include/exclude; the answer is the
list of actions Lite would carry out in Excel, and the files a script left in
Lite's /data (a host folder here, so the test can open them).

Skipped when Node, the pyodide package or the wheels are missing, unless
RAK_XL_REQUIRE_PYODIDE=1 (CI), which turns that into a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lite_setup import node_package, wheels

from rak_xl.products.builder.lite import stored_properties

RUNNER = Path(__file__).with_name("lite_runner.mjs")


def require_pyodide() -> tuple[str, Path, Path]:
    node = shutil.which("node")
    package, found = node_package(), wheels()
    problem = None
    if node is None:
        problem = "Node.js (node) not installed"
    elif not (package / "pyodide.mjs").is_file():
        problem = f"Node package pyodide not installed in {package}"
    elif not any(found.glob("xlwings-*.whl")):
        problem = f"no Pyodide wheels in {found}"
    if problem:
        if os.environ.get("RAK_XL_REQUIRE_PYODIDE") == "1":
            pytest.fail(f"{problem}: run `python tests/lite_setup.py` (RAK_XL_REQUIRE_PYODIDE=1)")
        pytest.skip(f"{problem}: run `python tests/lite_setup.py`")
    return node, package, found


def site(folder: Path) -> Path:
    """The wheels Lite installs for the workbook's requirements.txt, unpacked (the cache holds exactly those)."""
    _node, _package, found = require_pyodide()
    target = folder / "site"
    for wheel in sorted(found.glob("*.whl")):
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(target)
    return target


class Lite:
    """One Pyodide session's folder: the unpacked wheels, the workbook's main.py, Lite's /data."""

    def __init__(self, folder: Path, workbook: Path) -> None:
        self.folder = folder
        self.properties = read_properties(workbook)
        site(folder)
        (folder / "main.py").write_text(self.properties["main.py"], encoding="utf-8")
        self.data = folder / "data"
        self.data.mkdir()

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
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    return stored_properties(data)
