"""The xlwings Lite door: Python inside Excel (Pyodide), nothing installed on the PC.

xlwings Lite is an Office add-in (store id WA200008175). It keeps a workbook's
code in the workbook itself, as an Office web extension part:
`xl/webextensions/webextension1.xml` holds the properties `main.py`,
`requirements.txt` and `pyodideVersion` (each value a JSON string), and
`xl/webextensions/taskpanes.xml` refers to it from the package root. Public Lite
workbooks, .xlsx and .xlsm alike, carry exactly these parts.

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

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import quoteattr

from rak_xl import __version__
from rak_xl.adapters.lite_parts import NS as _NS
from rak_xl.adapters.lite_parts import REL_TASKPANES, guide_drawing, relationships
from rak_xl.core import layout as L

from .vba import normalise_package

# The Pyodide the scripts were written and tested for (tests/lite_harness.py runs the same version).
PYODIDE_VERSION = "0.29.5"
STORE_ID = "wa200008175"
# Fixed, so the same sources build the same bytes (Excel only needs it to be unique in the workbook).
EXTENSION_ID = "{5B1C7A3E-52F4-4A8E-9C1D-0A2F6B7E4D21}"
COLUMN = 2  # column C of Petunjuk, beside the form buttons in column B
SHAPE_PREFIX = "tombol_"

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
        """The script's Python name: RekapAnggaran -> rekap_anggaran."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.macro).lower()


def default_requirement() -> str:
    """rak_xl from PyPI, the version being built."""
    return f"rak_xl=={__version__}"


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


def main_py(buttons: list[SheetButton]) -> str:
    """The workbook's main.py: one thin script per button, calling the RunPython button's function."""
    lines = [
        '"""RAK KPU: the Petunjuk buttons for xlwings Lite (Python inside Excel, nothing installed).',
        "",
        "Jangan diubah di sini: berkas ini dibuat ulang oleh `rak-xl build`.",
        "",
        "Written by `rak-xl build` (rak_xl/products/builder/lite.py); edit that, not this copy. Each script",
        "calls the same rak_xl.buttons function as the form button beside it (RunPython).",
        '"""',
        "",
        "import xlwings as xw",
        "from xlwings import script",
        "",
        "from rak_xl import buttons",
    ]
    for b in buttons:
        lines += [
            "",
            "",
            f'@script(name="{b.caption}", button="[{b.shape}]{b.cell}")',
            f"def {b.script}(book: xw.Book):",
            f"    buttons.{b.function}(book)",
        ]
    return "\n".join(lines) + "\n"


def requirements_txt(package: str) -> str:
    import xlwings

    return f"xlwings=={xlwings.__version__}\n{package}\n"


def _property(name: str, value: str) -> str:
    return f"<we:property name={quoteattr(name)} value={quoteattr(json.dumps(value))}/>"


def webextension_xml(main: str, requirements: str) -> str:
    props = "".join(_property(n, v) for n, v in (
        ("main.py", main), ("requirements.txt", requirements), ("pyodideVersion", PYODIDE_VERSION)))
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
    """Add the Lite web extension and name the Lite buttons; every other part is kept as it is."""
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
    buttons = [b for b, _name in found]
    parts[WEBEXT] = webextension_xml(main_py(buttons), requirements_txt(package or default_requirement())).encode()
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
