"""Finding LibreOffice and running tests/lo_probe.py with the Python that has `uno`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("lo_probe.py")


def uno_python() -> str | None:
    for candidate in ("/usr/bin/python3", "/usr/lib/libreoffice/program/python", shutil.which("python3")):
        if candidate and Path(candidate).exists() and shutil.which("soffice"):
            ok = subprocess.run([candidate, "-c", "import uno"], capture_output=True)
            if ok.returncode == 0:
                return candidate
    return None


def require_libreoffice() -> str:
    python = uno_python()
    if python is None:
        if os.environ.get("RAK_XL_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice with python3-uno is required here (RAK_XL_REQUIRE_LIBREOFFICE=1)")
        pytest.skip("LibreOffice (libreoffice-calc-nogui, python3-uno) not installed")
    return python


def probe(path: str | Path, *extra: str) -> dict:
    python = require_libreoffice()
    done = subprocess.run([python, str(PROBE), str(path), *extra], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
