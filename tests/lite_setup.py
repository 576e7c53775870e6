"""Install what the xlwings Lite harness needs, once, outside the repository (network needed here only).

    python tests/lite_setup.py            # into $RAK_XL_LITE_CACHE or ~/.cache/rak_xl/lite

1. Node's `pyodide` package, pinned to the Pyodide version written into the workbook
   (rak_xl.products.builder.lite.PYODIDE_VERSION).
2. What xlwings Lite installs for the workbook: the lines of its requirements.txt (xlwings and
   the PyPI packages the bundled rak_xl imports; never rak_xl itself, which main.py carries) with
   what they need in turn, downloaded by `pip download --only-binary=:all:` for the Pyodide
   platform. pip evaluates markers for the machine it runs on, not for --platform, so markers
   are evaluated here for Pyodide's environment (the values its interpreter reports). The result
   is printed: for each requirement the wheel found.

It also reports rak_xl's own [project] dependencies under Pyodide (what micropip would install for
a workbook built with --lite-package and an office's rak_xl wheel): the marker that leaves one out.
tests/lite_harness.py then runs the workbook's main.py in Pyodide with these wheels, offline.
Exit status: 0 when everything is in place, 1 when a requirement has no wheel for Pyodide.
"""

from __future__ import annotations

import email.parser
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rak_xl.products.builder.lite import PYODIDE_VERSION, requirements_txt

# What Pyodide 314.0's interpreter reports (sys, os, platform), i.e. what micropip evaluates markers with
# (sys.version 3.14.2; its pyodide-lock.json: platform emscripten_5_0_3, ABI 2026_0).
PYODIDE_MARKERS = {
    "implementation_name": "cpython", "implementation_version": "3.14.2", "os_name": "posix",
    "platform_machine": "wasm32", "platform_release": "5.0.3", "platform_system": "Emscripten",
    "platform_version": "#1", "python_full_version": "3.14.2", "platform_python_implementation": "CPython",
    "python_version": "3.14", "sys_platform": "emscripten", "extra": "",
}
PIP_TARGET = ["--platform", "pyemscripten_2026_0_wasm32", "--platform", "emscripten_5_0_3_wasm32",
              "--platform", "any", "--python-version", "3.14", "--implementation", "cp",
              "--abi", "cp314", "--abi", "abi3", "--abi", "none", "--only-binary=:all:"]


def cache() -> Path:
    return Path(os.environ.get("RAK_XL_LITE_CACHE") or Path.home() / ".cache" / "rak_xl" / "lite")


def node_package() -> Path:
    return cache() / f"node-{PYODIDE_VERSION}" / "node_modules" / "pyodide"


def wheels() -> Path:
    return cache() / f"wheels-{PYODIDE_VERSION}"


def applies(requirement: Requirement) -> bool:
    return requirement.marker is None or requirement.marker.evaluate(PYODIDE_MARKERS)


def workbook_requirements() -> list[Requirement]:
    """The lines of the requirements.txt `rak-xl build` writes into the workbook."""
    return [Requirement(line) for line in requirements_txt(None).splitlines() if line.strip()]


def project_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(r) for r in project["dependencies"]]


def wheel_requirements(path: Path) -> list[Requirement]:
    with zipfile.ZipFile(path) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        message = email.parser.BytesParser().parsebytes(zf.read(meta))
    return [Requirement(r) for r in message.get_all("Requires-Dist") or []]


def wheel_name(path: Path) -> str:
    return canonicalize_name(path.name.split("-")[0])


def install_node() -> None:
    if (node_package() / "pyodide.mjs").is_file():
        return
    if not shutil.which("npm"):
        raise SystemExit("npm is needed to install Pyodide for the xlwings Lite harness")
    subprocess.run(["npm", "install", "--prefix", str(node_package().parents[1]), "--no-audit", "--no-fund",
                    "--no-save", f"pyodide@{PYODIDE_VERSION}"], check=True)


def download(requirements: list[str], target: Path, platform: list[str]) -> dict[str, Path]:
    """pip download into a fresh folder, swapped in for `target` when complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".download-", dir=target.parent))
    try:
        done = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check",
                               *platform, "-d", str(tmp), *requirements], capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr.strip(), file=sys.stderr)
            raise SystemExit(1)
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {wheel_name(p): p for p in target.glob("*.whl")}


def main() -> int:
    install_node()
    print(f"Pyodide {PYODIDE_VERSION} (npm): {node_package()}")
    requirements = workbook_requirements()
    found = download([str(r) for r in requirements if applies(r)], wheels(), PIP_TARGET)
    print(f"the workbook's requirements.txt, pip download {' '.join(PIP_TARGET)}:")
    missing = []
    for r in requirements:
        if canonicalize_name(r.name) in found:
            print(f"  {r}: {found[canonicalize_name(r.name)].name}")
        else:
            missing.append(str(r))
    # What the downloaded wheels need in turn, evaluated for Pyodide as micropip does.
    for path in list(found.values()):
        for r in wheel_requirements(path):
            if applies(r) and canonicalize_name(r.name) not in found:
                missing.append(f"{r} (for {path.name})")
            elif applies(r):
                print(f"  {r} (for {wheel_name(path)}): {found[canonicalize_name(r.name)].name}")
    for r in project_requirements():  # the --lite-package route: rak_xl's wheel and its dependencies
        if not applies(r):
            print(f"  rak_xl's {r}: left out under Pyodide by its marker")
    if missing:
        print("no wheel for Pyodide: " + ", ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
