"""Give the built workbook its VBA project with pyOpenVBA.

Modules: the xlwings standalone module and its Dictionary class, taken from
the installed (pinned) xlwings package so their version always matches the
Python side, and our own modules from macros/*.bas. No module may run on
open: a source holding Workbook_Open or Auto_Open is refused.

Three things neither XlsxWriter nor pyOpenVBA does, done here: the workbook
part gets the macro-enabled content type (Excel refuses an .xlsm without
it); the project carries no compiled code, as MS-OVBA asks of writers (the
_VBA_PROJECT stream is its 7-byte header with version 0xFFFF, and no module
keeps the p-code of pyOpenVBA's template before its source), so Excel
compiles the sources afresh for its own version and bitness; and the zip is
rewritten with fixed timestamps and order so the same sources always give
the same bytes.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Iterable

XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# MS-OVBA 2.3.4.1: Reserved1 0x61CC, Version 0xFFFF ("MUST be 0xFFFF on write"), Reserved2 0x00,
# Reserved3 (2 bytes), and no PerformanceCache: Excel then recompiles the project on opening.
VBA_PROJECT_STREAM = b"\xcc\x61\xff\xff\x00\x00\x00"
AUTORUN = re.compile(r"^\s*(?:Public\s+|Private\s+)?Sub\s+(Workbook_Open|Auto_Open|Auto_Close|Workbook_Activate)\b",
                     re.IGNORECASE | re.MULTILINE)


def xlwings_vba() -> dict[str, str]:
    """The xlwings standalone modules from the installed package."""
    import xlwings

    root = Path(xlwings.__file__).parent
    return {
        "xlwings": (root / "xlwings.bas").read_text(encoding="utf-8"),
        "Dictionary": (root / "addin" / "Dictionary.cls").read_text(encoding="utf-8"),
    }


def default_macros() -> Path:
    """macros/ of a checkout; an installed wheel carries the same files in rak_xl/products/builder/macros
    (pyproject.toml maps them there), so `rak-xl baru` and the button find them too."""
    packaged = Path(__file__).with_name("macros")
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[3] / "macros"


def our_modules(macros: Path, shared: Iterable[Path] = ()) -> dict[str, str]:
    """The VBA modules of macros/*.bas, plus `shared` files another folder's workbook uses too."""
    modules = {}
    for path in [*sorted(macros.glob("*.bas")), *shared]:
        source = path.read_text(encoding="utf-8")
        if AUTORUN.search(source):
            raise ValueError(f"{path.name}: macros that run on their own are not allowed")
        modules[path.stem] = source
    return modules


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def add_vba(xlsx: bytes, macros: Path, shared: Iterable[Path] = ()) -> bytes:
    from pyopenvba import ExcelFile
    from pyopenvba.vba import VBAModuleKind

    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw.xlsm", Path(tmp) / "out.xlsm"
        raw.write_bytes(xlsx)
        with ExcelFile(raw) as book:
            project = book.add_vba_project()
            xw = xlwings_vba()
            project.add_module("xlwings", _crlf(xw["xlwings"]))
            project.add_module("Dictionary", _crlf(xw["Dictionary"]), kind=VBAModuleKind.other)
            for name, source in our_modules(macros, shared).items():
                project.add_module(name, _crlf(source))
            for module in project.modules:
                if module.text_offset:  # the template's document modules carry its compiled p-code
                    module.source = module.source
                    module.dirty = True  # rewritten from source alone, at offset 0
            book.save(out)
        return normalise_package(out.read_bytes())


def _uncompiled(vba_project: bytes) -> bytes:
    from pyopenvba.cfb import CFB

    cfb = CFB.from_bytes(vba_project)
    cfb.write_stream_in_storage("VBA", "_VBA_PROJECT", VBA_PROJECT_STREAM)
    return cfb.to_bytes()


def normalise_package(data: bytes) -> bytes:
    """Macro-enabled content type for the workbook part; fixed timestamps and member order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                payload = payload.replace(XLSX_MAIN.encode(), XLSM_MAIN.encode())
            elif info.filename == "xl/vbaProject.bin":
                payload = _uncompiled(payload)
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, payload)
    return buf.getvalue()
