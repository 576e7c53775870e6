"""Shared fixtures. Everything here starts from real workbook files: the committed
workbook/RAK_2022.xlsm, or copies of it changed with openpyxl the way staff would."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")

# The crash log (rak_xl.core.crash) of this test run goes to a folder of its own, never into the
# user's real one that staff are told to send in. Subprocesses inherit the environment.
STATE = Path(tempfile.mkdtemp(prefix="rak_xl_test_state_"))
os.environ["XDG_STATE_HOME"] = str(STATE)
os.environ["LOCALAPPDATA"] = str(STATE)
atexit.register(shutil.rmtree, STATE, ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK = ROOT / "workbook" / "RAK_2022.xlsm"
SEED = ROOT.parent / "shared" / "seed" / "000_689bbc98e3c7d09d.txt"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """The Rekap Provinsi cache goes to a temporary folder: tests never write the user's cache
    (child processes inherit the variable)."""
    os.environ["RAK_XL_CACHE_DIR"] = str(tmp_path_factory.mktemp("rak_xl_cache"))
    yield


@pytest.fixture
def workbook_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped workbook (tests never touch the committed file)."""
    target = tmp_path / "RAK_2022.xlsm"
    shutil.copyfile(WORKBOOK, target)
    return target


def edit_workbook(source: Path, target: Path, edits: dict[str, dict[str, object]]) -> Path:
    """Copy `source` to `target` with cell edits {sheet: {"C5": value}} made through openpyxl."""
    import openpyxl

    wb = openpyxl.load_workbook(source, keep_vba=source.suffix == ".xlsm")
    for sheet, cells in edits.items():
        ws = wb[sheet]
        for ref, value in cells.items():
            ws[ref] = value
    wb.save(target)
    return target


@pytest.fixture
def edit(tmp_path: Path):
    counter = iter(range(1000))

    def _edit(edits: dict[str, dict[str, object]], source: Path = WORKBOOK) -> Path:
        return edit_workbook(source, tmp_path / f"edited_{next(counter)}{source.suffix}", edits)

    return _edit


def vba_modules(path: Path) -> dict[str, str]:
    """The VBA modules' sources of a built workbook (module name -> code), as oletools reads them."""
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        return {name.rsplit(".", 1)[0]: code for (_f, _stream, name, code) in parser.extract_macros()}
    finally:
        parser.close()
