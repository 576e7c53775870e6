"""The xlwings Lite door: Python inside Excel (Pyodide), nothing installed on the PC.

xlwings Lite is an Office add-in (store id WA200008175). It keeps a workbook's
code in the workbook itself, as the add-in's document settings in an Office web
extension part: `xl/webextensions/webextension1.xml` holds the properties
`main.py`, `requirements.txt`, `pyodideVersion` and `addinVersion` (each value a
JSON string), and `xl/webextensions/taskpanes.xml` refers to it from the package
root. Public Lite workbooks, .xlsx and .xlsm alike, carry exactly these parts.

The workbook carries its own rak_xl: main.py ends with the modules the buttons
import, zipped and base85-encoded, which it writes to a temporary file and puts
on sys.path (zipimport). Lite then installs only PyPI packages (xlwings and the
pure-Python libraries those modules import), so no server of ours is involved.
Office keeps at most 2 MB of document settings per add-in (the `Settings.set`
reference of the Office JavaScript API); the build measures what main.py and the
other properties take and refuses past that.

A Lite sheet button is a named shape whose hyperlink points at a cell under
it; `@script(button="[shape]Sheet!Cell")` binds the shape to a script. The
shapes sit beside the form buttons on Petunjuk, with the same captions, and
each script calls the same rak_xl.buttons function as the form button's
RunPython line, so both doors run one job.

Whichever door a PC lacks stays inert: without Lite the shapes are plain
hyperlinks to the cell beneath them, and the task pane is stored hidden
(visibility 0), so Excel shows no add-in prompt; without Python the Lite
buttons still work.
"""

from __future__ import annotations

import ast
import base64
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import quoteattr

import rak_xl
from rak_xl import __version__
from rak_xl.adapters.lite_parts import NS as _NS
from rak_xl.adapters.lite_parts import REL_TASKPANES, guide_drawing, relationships
from rak_xl.core import layout as L
from rak_xl.core import refusals as R
from rak_xl.rules import AREA_MODULES

from .vba import normalise_package

# What the workbook asks Lite for. pyodideVersion: Lite's Dependencies page asks for Pyodide 314.0.0 or
# later to keep package versions across restarts (tests/lite_harness.py runs this very version);
# addinVersion: the Lite release that brought trusted workbooks, autostart and local files.
PYODIDE_VERSION = "314.0.0"
ADDIN_VERSION = "1.0.0.0-28"
# Office's limit for an add-in's document settings: "A maximum of 2MB is available for the settings
# of each add-in" (Office.Settings.set, Office JavaScript API reference). Counted as the settings'
# JSON, in bytes, with 2 MB read as 2,000,000 to stay on the safe side.
SETTINGS_LIMIT = 2_000_000
# The PyPI packages the bundled modules import (openpyxl: Siapkan Kiriman's .xlsx; defusedxml, which
# openpyxl uses when present, for safe XML), with pyproject.toml's bounds (a test compares them).
REQUIREMENTS = ("openpyxl>=3.1.2,<3.2", "defusedxml>=0.7")
# What the buttons reach only outside Lite: the new year's workbook (the builder), Rekap Provinsi
# (no Lite door), LibreOffice's PDF (a process) and the file reader (python-calamine, which Pyodide
# lacks: a copy is read back with openpyxl there, adapters/kept_values.py). main.py carries the rest
# of the import closure.
NOT_BUNDLED = ("rak_xl.products.newyear", "rak_xl.products.builder", "rak_xl.products.province",
               "rak_xl.adapters.pdf_export", "rak_xl.adapters.file_read")
BUNDLE_ROOTS = ("rak_xl.buttons", *(f"rak_xl.rules.{m}" for m in AREA_MODULES))  # rules load by name
STORE_ID = "wa200008175"
# Fixed, so the same sources build the same bytes (Excel only needs it to be unique in the workbook).
EXTENSION_ID = "{5B1C7A3E-52F4-4A8E-9C1D-0A2F6B7E4D21}"
COLUMN = 2  # column C of Petunjuk, beside the form buttons in column B
SHAPE_PREFIX = "tombol_"
# Sheets no script reads: Lite sends their cells to Python only to have them ignored.
NOT_SENT = (L.SHEET_GUIDE, *L.OUTPUT_SHEETS)

WEBEXT = "xl/webextensions/webextension1.xml"
TASKPANES = "xl/webextensions/taskpanes.xml"
TASKPANES_RELS = "xl/webextensions/_rels/taskpanes.xml.rels"
REL_WEBEXT = "http://schemas.microsoft.com/office/2011/relationships/webextension"
CT_TASKPANES = "application/vnd.ms-office.webextensiontaskpanes+xml"
CT_WEBEXT = "application/vnd.ms-office.webextension+xml"

# A Sub and the rak_xl.buttons function its RunPython line calls (other lines of the Sub may come first).
_RUNPYTHON = re.compile(r'^\s*Sub\s+(\w+)\s*\(\s*\)(?:(?!^\s*End Sub).)*?'
                        r'^\s*RunPython\s+"import rak_xl\.buttons as b; b\.(\w+)\(\)"',
                        re.MULTILINE | re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class SheetButton:
    macro: str  # the VBA Sub of the form button beside it
    caption: str
    shape: str  # the shape's name
    cell: str  # "Petunjuk!C12": the hyperlink's target, under the shape
    function: str  # the rak_xl.buttons function both doors call

    @property
    def script(self) -> str:
        """The script's Python name: RekapAnggaran -> rekap_anggaran, BuatRAKTahunBerikutnya ->
        buat_rak_tahun_berikutnya (a run of capitals is one word)."""
        return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", self.macro).lower()


@dataclass(frozen=True)
class Bundle:
    """rak_xl's modules as main.py carries them."""
    modules: tuple[str, ...]
    data: bytes  # the zip archive

    @property
    def text(self) -> str:
        return base64.b85encode(self.data).decode("ascii")


def properties_size(properties: dict[str, str]) -> int:
    """What Lite properties take of Office's SETTINGS_LIMIT: their JSON, in bytes."""
    return len(json.dumps(properties).encode("utf-8"))


def insert_shape(ws, row: int, caption: str) -> None:
    """A button-like text box on Petunjuk at (row, COLUMN), linked to the cell it covers.

    XlsxWriter names it "TextBox N"; `embed` renames it after the button it stands for.
    """
    from xlsxwriter.utility import xl_rowcol_to_cell

    cell = xl_rowcol_to_cell(row, COLUMN)
    ws.insert_textbox(row, COLUMN, caption, {
        "width": 150, "height": 34, "x_offset": 2, "y_offset": 2,
        "url": f"internal:{L.SHEET_GUIDE}!{cell}", "tip": f"{caption} (xlwings Lite)",
        "font": {"bold": True, "color": "white", "size": 10, "name": "Arial"},
        "align": {"vertical": "middle", "horizontal": "center"},
        "fill": {"color": "#2F5597"}, "line": {"none": True},
    })


def runpython_functions(macros: Path) -> dict[str, str]:
    """VBA Sub -> the rak_xl.buttons function its RunPython line calls (macros/*.bas)."""
    found: dict[str, str] = {}
    for path in sorted(Path(macros).glob("*.bas")):
        found.update(_RUNPYTHON.findall(path.read_text(encoding="utf-8")))
    return found


def _module_path(package: Path, module: str) -> Path:
    """The source of `module` (rak_xl.core.text -> <package>/core/text.py; a package: its __init__.py)."""
    path = package.joinpath(*module.split(".")[1:])
    return path / "__init__.py" if (path / "__init__.py").is_file() else path.with_suffix(".py")


def _imports(package: Path, module: str) -> set[str]:
    """The rak_xl modules `module` imports anywhere in its source (function-level imports too)."""
    path = _module_path(package, module)
    here = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here if node.level else ""
            name = ".".join(p for p in (base, node.module) if p)
            found.add(name)
            found.update(f"{name}.{a.name}" for a in node.names)  # `from . import jobs` names a module
    return {m for m in found if m.split(".")[0] == "rak_xl" and _module_path(package, m).is_file()}


def bundle_modules(package: Path | None = None) -> tuple[str, ...]:
    """Every rak_xl module a Lite script can import: the closure of BUNDLE_ROOTS, less NOT_BUNDLED."""
    package = package or Path(rak_xl.__file__).parent
    seen: set[str] = set()
    todo = list(BUNDLE_ROOTS)
    while todo:
        module = todo.pop()
        if module in seen or module.startswith(NOT_BUNDLED):
            continue
        seen.add(module)
        parts = module.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # its packages' __init__
        todo += sorted(_imports(package, module))
    return tuple(sorted(seen))


def bundle(package: Path | None = None) -> Bundle:
    """The modules as a zip archive (deflate, fixed dates: the same sources give the same bytes)."""
    package = package or Path(rak_xl.__file__).parent
    modules = bundle_modules(package)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for module in modules:
            path = _module_path(package, module)
            name = "/".join(["rak_xl", *path.relative_to(package).parts])
            zf.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), path.read_bytes(), zipfile.ZIP_DEFLATED, 9)
    return Bundle(modules, out.getvalue())


_MAIN_DOC = (
    '"""RAK KPU: the Petunjuk buttons for xlwings Lite (Python inside Excel, nothing installed).',
    "",
    "Jangan diubah di sini: berkas ini dibuat ulang oleh `rak-xl build`.",
    "",
    "Written by `rak-xl build` (rak_xl/products/builder/lite.py); edit that, not this copy. Each script",
    "calls the same rak_xl.buttons function as the form button beside it (RunPython).{carried}",
    '"""',
)
_CARRIED = (" rak_xl {version}\n"
            "itself is at the end of this file ({count} modules, zipped): it is written to a temporary file once and\n"
            "imported from there, so Lite installs only the PyPI packages of requirements.txt.")
_LOADER = '''

# rak_xl {version}: the modules the buttons import, a zip archive in base85 (see the docstring above).
_BUNDLE = """
{text}
"""


def _load_bundle() -> None:
    import base64
    import hashlib
    import os
    import sys
    import tempfile

    data = base64.b85decode("".join(_BUNDLE.split()))
    path = os.path.join(tempfile.gettempdir(), f"rak_xl-{{hashlib.sha256(data).hexdigest()[:16]}}.zip")
    if not os.path.exists(path):
        with open(path + ".tmp", "wb") as fh:
            fh.write(data)
        os.replace(path + ".tmp", path)
    if path not in sys.path:
        sys.path.insert(0, path)


_load_bundle()
from rak_xl import buttons  # noqa: E402
'''


def _wrap(text: str, width: int = 100) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def main_py(buttons: list[SheetButton], carried: Bundle | None = None) -> str:
    """The workbook's main.py: one thin script per button, calling the RunPython button's function;
    with `carried`, rak_xl itself at the end (without, Lite installs rak_xl from requirements.txt)."""
    note = _CARRIED.format(version=__version__, count=len(carried.modules)) if carried else ""
    lines = [*"\n".join(_MAIN_DOC).format(carried=note).split("\n"), "", "import xlwings as xw",
             "from xlwings import script", ""]
    if carried is None:
        lines += ["from rak_xl import buttons", ""]
    lines.append(f"NOT_SENT = {list(NOT_SENT)!r}  # sheets no script reads: Lite does not send their cells")
    for b in buttons:
        lines += [
            "",
            "",
            f"@script(name={b.caption!r}, button={f'[{b.shape}]{b.cell}'!r}, show_taskpane=True, exclude=NOT_SENT)",
            f"def {b.script}(book: xw.Book):",
            f"    buttons.{b.function}(book)",
        ]
    text = "\n".join(lines) + "\n"
    if carried is not None:
        text += _LOADER.format(version=__version__, text=_wrap(carried.text))
    return text


def requirements_txt(package: str | None) -> str:
    """xlwings pinned to the version whose VBA module the workbook carries, then what the bundle
    imports from PyPI; with `package` (an office's own wheel) that line instead of the bundle's."""
    import xlwings

    return "\n".join([f"xlwings=={xlwings.__version__}", *((package,) if package else REQUIREMENTS)]) + "\n"


def _property(name: str, value: str) -> str:
    return f"<we:property name={quoteattr(name)} value={quoteattr(json.dumps(value))}/>"


def webextension_xml(properties: dict[str, str]) -> str:
    props = "".join(_property(n, v) for n, v in properties.items())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" '
        f'id="{EXTENSION_ID}">'
        f'<we:reference id="{STORE_ID}" version="1.0.0.0" store="en-US" storeType="OMEX"/>'
        f'<we:alternateReferences><we:reference id="{STORE_ID}" version="1.0.0.0" store="{STORE_ID.upper()}" '
        'storeType="OMEX"/></we:alternateReferences>'
        f"<we:properties>{props}</we:properties><we:bindings/>"
        '<we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
        "</we:webextension>")


def lite_door(buttons: list[SheetButton], package: str | None = None) -> dict[str, str]:
    """The Lite properties: the bundle in main.py, or with `package` a requirements.txt line for rak_xl.
    Refused (RAK907) when they exceed what Office keeps for an add-in."""
    carried = None if package else bundle()
    properties = {"main.py": main_py(buttons, carried), "requirements.txt": requirements_txt(package),
                  "pyodideVersion": PYODIDE_VERSION, "addinVersion": ADDIN_VERSION}
    size = properties_size(properties)
    if size > SETTINGS_LIMIT:
        raise R.LITE_SETTINGS_TOO_LARGE(size=size, limit=SETTINGS_LIMIT)
    return properties


TASKPANES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">'
    # visibility 0: a PC without Lite opens the workbook without an add-in pane or prompt.
    '<wetp:taskpane dockstate="right" visibility="0" width="350" row="4">'
    '<wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'r:id="rId1"/></wetp:taskpane></wetp:taskpanes>')
TASKPANES_RELS_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL_WEBEXT}" Target="webextension1.xml"/></Relationships>')


def sheet_buttons(parts: dict[str, bytes], functions: dict[str, str]) -> tuple[str, list[tuple[SheetButton, str]]]:
    """The Lite buttons on Petunjuk's drawing, found by caption, in the order of L.BUTTONS,
    each with the name its shape has now."""
    drawing = guide_drawing(parts)
    if drawing is None:
        raise ValueError(f"sheet {L.SHEET_GUIDE} has no drawing with the xlwings Lite buttons")
    links = relationships(parts, drawing)
    found: dict[str, tuple[str, str]] = {}  # caption -> (shape name, "Sheet!Cell")
    for sp in ElementTree.fromstring(parts[drawing]).iter(f"{{{_NS['xdr']}}}sp"):
        props = sp.find("xdr:nvSpPr/xdr:cNvPr", _NS)
        link = props.find("a:hlinkClick", _NS) if props is not None else None
        if link is None:
            continue
        caption = "".join(t.text or "" for t in sp.iter(f"{{{_NS['a']}}}t"))
        found[caption] = (props.get("name"), links[link.get(f"{{{_NS['r']}}}id")][1].lstrip("#"))
    buttons = []
    for macro, caption, _description in L.BUTTONS:
        if caption not in found:
            raise ValueError(f"no xlwings Lite button '{caption}' on {L.SHEET_GUIDE}")
        if macro not in functions:
            raise ValueError(f"Sub {macro} has no RunPython line calling rak_xl.buttons")
        name, cell = found[caption]
        buttons.append((SheetButton(macro, caption, SHAPE_PREFIX + macro, cell, functions[macro]), name))
    return drawing, buttons


def embed(xlsm: bytes, macros: Path, package: str | None = None) -> bytes:
    """Add the Lite web extension and name the Lite buttons; every other part is kept as it is.
    `package`: a requirements.txt line for rak_xl (an office's own wheel) in place of the bundle."""
    src = zipfile.ZipFile(io.BytesIO(xlsm))
    order = [i.filename for i in src.infolist()]
    parts = {name: src.read(name) for name in order}
    drawing, found = sheet_buttons(parts, runpython_functions(macros))
    xml = parts[drawing].decode("utf-8")
    for button, name in found:
        xml, count = re.subn(f'name="{re.escape(name)}"', f'name="{button.shape}"', xml)
        if count != 1:
            raise ValueError(f"shape {name!r} is not unique in {drawing}")
    parts[drawing] = xml.encode("utf-8")
    parts[WEBEXT] = webextension_xml(lite_door([b for b, _name in found], package)).encode()
    parts[TASKPANES] = TASKPANES_XML.encode()
    parts[TASKPANES_RELS] = TASKPANES_RELS_XML.encode()
    types = parts["[Content_Types].xml"].decode("utf-8")
    overrides = "".join(f'<Override PartName="/{p}" ContentType="{t}"/>'
                        for p, t in ((TASKPANES, CT_TASKPANES), (WEBEXT, CT_WEBEXT)) if f'"/{p}"' not in types)
    parts["[Content_Types].xml"] = types.replace("</Types>", overrides + "</Types>").encode("utf-8")
    root_rels = parts["_rels/.rels"].decode("utf-8")
    if REL_TASKPANES not in root_rels:
        used = set(re.findall(r'Id="([^"]+)"', root_rels))
        rid = next(f"rId{i}" for i in range(1, len(used) + 2) if f"rId{i}" not in used)
        root_rels = root_rels.replace(
            "</Relationships>",
            f'<Relationship Id="{rid}" Type="{REL_TASKPANES}" Target="{TASKPANES}"/></Relationships>')
    parts["_rels/.rels"] = root_rels.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in [*order, *(p for p in (TASKPANES, TASKPANES_RELS, WEBEXT) if p not in order)]:
            dst.writestr(name, parts[name])
    return normalise_package(out.getvalue())


def stored_properties(workbook: bytes) -> dict[str, str]:
    """The Lite properties a workbook carries: {"main.py": ..., "requirements.txt": ..., ...}."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
        root = ElementTree.fromstring(zf.read(WEBEXT))
    ns = "{http://schemas.microsoft.com/office/webextensions/webextension/2010/11}"
    return {p.get("name"): json.loads(p.get("value")) for p in root.iter(f"{ns}property")}


def settings_size(workbook: bytes) -> int:
    """What a workbook's Lite properties take of Office's SETTINGS_LIMIT (their JSON, in bytes)."""
    return properties_size(stored_properties(workbook))
