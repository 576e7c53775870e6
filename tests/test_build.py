"""The committed workbook is exactly what the sources build, and its package is right."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import xlwings

from conftest import ROOT, WORKBOOK, vba_modules
from rak_xl.core import layout as L
from rak_xl.products.builder.vba import XLSM_MAIN, our_modules, xlwings_vba
from rak_xl.products.builder.workbook import build_workbook


def _norm(src: str) -> str:
    return src.replace("\r\n", "\n").strip()


def test_build_is_byte_identical_and_matches_committed_workbook():
    first = build_workbook(ROOT / "workbook" / "sources", ROOT / "macros")
    second = build_workbook(ROOT / "workbook" / "sources", ROOT / "macros")
    assert first == second
    assert WORKBOOK.read_bytes() == first, "workbook/RAK_2022.xlsm is stale: run `rak-xl build`"


def test_build_check_command(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "rak_xl.cli", "build", "--check"], cwd=ROOT,
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    stale = tmp_path / "stale.xlsm"
    stale.write_bytes(WORKBOOK.read_bytes()[:-10] + b"0123456789")
    bad = subprocess.run([sys.executable, "-m", "rak_xl.cli", "build", "--check", "-o", str(stale)], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert "rak-xl build" in bad.stderr


def test_workbook_part_is_macro_enabled():
    with zipfile.ZipFile(WORKBOOK) as zf:
        types = zf.read("[Content_Types].xml").decode()
        assert re.search(r'PartName="/xl/workbook.xml"\s+ContentType="' + re.escape(XLSM_MAIN) + '"', types)
        assert "xl/vbaProject.bin" in zf.namelist()


def test_vba_modules_read_back_exactly():
    modules = vba_modules(WORKBOOK)
    ours = our_modules(ROOT / "macros")
    for name, source in ours.items():
        assert _norm(modules[name]) == _norm(source)
    xw = xlwings_vba()
    assert _norm(modules["xlwings"]) == _norm(xw["xlwings"])
    version = re.search(r"^'Version: (\S+)", modules["xlwings"], re.MULTILINE)[1]
    assert version == xlwings.__version__


def test_only_our_modules_and_xlwings_are_in_the_project():
    modules = set(vba_modules(WORKBOOK))
    documents = {"ThisWorkbook", *(f"Sheet{i}" for i in range(1, 20))}
    assert modules - documents == {"xlwings", "Dictionary", *our_modules(ROOT / "macros")}
    for name, code in vba_modules(WORKBOOK).items():
        assert not re.search(r"Sub\s+(Workbook_Open|Auto_Open)\b", code, re.IGNORECASE), name


def test_every_button_has_its_sub_and_its_python_function():
    import rak_xl.buttons as buttons

    subs = {}
    for source in our_modules(ROOT / "macros").values():
        for m in re.finditer(r'^Sub (\w+)\(\)\n(?:    If Not PythonHere\(\) Then Exit Sub\n)?'
                             r'    RunPython "import rak_xl.buttons as b; b\.(\w+)\(\)"',
                             source.replace("\r\n", "\n"), re.MULTILINE):
            subs[m[1]] = m[2]
    with zipfile.ZipFile(WORKBOOK) as zf:
        vml = "".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".vml"))
    bound = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
    assert sorted(bound) == sorted(m for m, _c, _d in L.BUTTONS)
    for macro in bound:
        assert macro in subs, f"button {macro} has no Sub"
        assert callable(getattr(buttons, subs[macro], None)), f"rak_xl.buttons.{subs[macro]} missing"
    assert set(subs) == set(bound), "a Sub without a button (or the reverse)"


def test_autorun_sources_are_refused(tmp_path):
    import pytest

    (tmp_path / "Bad.bas").write_text('Attribute VB_Name = "Bad"\nSub Auto_Open()\nEnd Sub\n')
    with pytest.raises(ValueError):
        our_modules(tmp_path)


def test_vba_project_has_no_compiled_code_as_ms_ovba_asks_of_writers():
    """MS-OVBA 2.3.4.1: _VBA_PROJECT is 0x61CC, version 0xFFFF, 0x00, two reserved bytes and no
    performance cache; every module's source starts at MODULEOFFSET 0 (no stale p-code), so Excel
    compiles the project afresh for its own version and bitness."""
    import struct

    from pyopenvba.cfb import CFB
    from pyopenvba.vba import decompress, parse_vba_project

    with zipfile.ZipFile(WORKBOOK) as zf:
        cfb = CFB.from_bytes(zf.read("xl/vbaProject.bin"))
    header = cfb.get_stream_in_storage("VBA", "_VBA_PROJECT")
    reserved1, version, reserved2 = struct.unpack("<HHB", header[:5])
    assert (reserved1, version, reserved2) == (0x61CC, 0xFFFF, 0x00)
    assert len(header) == 7  # no PerformanceCache
    assert not [n for n in cfb.list_streams_in_storage("VBA") if n.startswith("__SRP_")]
    project = parse_vba_project(cfb)
    assert {m.name for m in project.modules} >= {"ThisWorkbook", "xlwings", "Dictionary", "RakButtons"}
    for module in project.modules:
        stream = cfb.get_stream_in_storage("VBA", module.stream_name)
        assert module.text_offset == 0, module.name
        assert decompress(stream).startswith(b"Attribute VB_Name"), module.name
