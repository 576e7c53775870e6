"""A real office suite opens the built workbook: VBA modules load, every button is bound."""

from __future__ import annotations

import pytest

from conftest import ROOT, WORKBOOK
from libreoffice import probe
from rak_xl.core import layout as L
from rak_xl.products.builder.vba import our_modules

pytestmark = pytest.mark.libreoffice


def _check(result: dict) -> None:
    modules = set(result["libraries"].get("VBAProject", []))
    assert {"xlwings", "Dictionary", *our_modules(ROOT / "macros")} <= modules
    buttons = {c["label"]: c["scripts"] for c in result["controls"] if c["sheet"] == L.SHEET_GUIDE}
    assert set(buttons) == {caption for _m, caption, _d in L.BUTTONS}
    for macro, caption, _d in L.BUTTONS:
        assert buttons[caption] == [
            f"vnd.sun.star.script:VBAProject.RakButtons.{macro}?language=Basic&location=document"]
    # Beside them, the xlwings Lite buttons: named shapes with the same captions.
    shapes = {s["name"]: s["text"] for s in result["shapes"] if s["sheet"] == L.SHEET_GUIDE}
    assert shapes == {f"tombol_{macro}": caption for macro, caption, _d in L.BUTTONS}


def test_built_workbook_opens_with_modules_and_bound_buttons():
    result = probe(WORKBOOK)
    assert result["sheets"][: len(L.INPUT_SHEETS) + 1] == [L.SHEET_GUIDE, *L.INPUT_SHEETS]
    _check(result)


def test_buttons_survive_rak_xl_run(workbook_copy, tmp_path):
    from rak_xl.cli import main

    out = tmp_path / "hasil.xlsm"
    assert main(["run", str(workbook_copy), "-o", str(out)]) == 0
    result = probe(out)
    assert L.SHEET_FINDINGS in result["sheets"]
    _check(result)
