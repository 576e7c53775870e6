"""The xlwings Lite door's package parts, and carrying them across an openpyxl write.

A workbook built by `rak-xl build` holds its xlwings Lite code in a web
extension (xl/webextensions/, referred to from the package root) and its Lite
buttons as named shapes in the drawing of the Petunjuk sheet (see
rak_xl/products/builder/lite.py). openpyxl models neither: it drops the web extension and
a drawing that holds only shapes. `carry_lite_door` puts both back into the
file openpyxl wrote, byte for byte, so `rak-xl run` never removes a door.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from rak_xl.core import layout as L

WEBEXT_FOLDER = "xl/webextensions/"
REL_TASKPANES = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
# Elements of a worksheet that come after <drawing> (ECMA-376 CT_Worksheet order).
_AFTER_DRAWING = ("legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                  "webPublishItems", "tableParts", "extLst")


def rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def relationships(parts: dict[str, bytes], part: str) -> dict[str, tuple[str, str]]:
    """rId -> (type, target): a part name, or the target as written when external or '#...'."""
    path = rels_path(part) if part else "_rels/.rels"
    if path not in parts:
        return {}
    out = {}
    for rel in ElementTree.fromstring(parts[path]).findall("rel:Relationship", NS):
        target = rel.get("Target", "")
        if rel.get("TargetMode") != "External" and not target.startswith("#"):
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(posixpath.dirname(part), target))
        out[rel.get("Id")] = (rel.get("Type", ""), target)
    return out


def sheet_part(parts: dict[str, bytes], name: str) -> str | None:
    book = "xl/workbook.xml"
    rels = relationships(parts, book)
    for sheet in ElementTree.fromstring(parts[book]).iter(f"{{{NS['main']}}}sheet"):
        if sheet.get("name") == name:
            return rels.get(sheet.get(f"{{{NS['r']}}}id"), ("", None))[1]
    return None


def guide_drawing(parts: dict[str, bytes]) -> str | None:
    """The drawing part of the Petunjuk sheet, when it has one."""
    part = sheet_part(parts, L.SHEET_GUIDE)
    if part is None:
        return None
    drawings = [t for typ, t in relationships(parts, part).values() if typ == REL_DRAWING]
    return drawings[0] if drawings else None


def _add_relationship(xml: str, rel_type: str, target: str) -> tuple[str, str]:
    used = set(re.findall(r'Id="([^"]+)"', xml))
    rid = next(f"rIdLite{i}" for i in range(1, len(used) + 2) if f"rIdLite{i}" not in used)
    rel = f'<Relationship Id="{rid}" Type="{rel_type}" Target="{target}"/>'
    return re.sub(r"</(\w+:)?Relationships>\s*$", lambda m: rel + m.group(0), xml, count=1), rid


def _empty_rels() -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')


def _override(types: str, part: str, content_type: str) -> str:
    if f'PartName="/{part}"' in types:
        return types
    return types.replace("</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>')


def _with_drawing(sheet_xml: str, rid: str) -> str:
    tag = f'<drawing xmlns:r="{NS["r"]}" r:id="{rid}"/>'
    for name in _AFTER_DRAWING:
        match = re.search(rf"<(\w+:)?{name}[\s/>]", sheet_xml)
        if match:
            return sheet_xml[:match.start()] + tag + sheet_xml[match.start():]
    return re.sub(r"</(\w+:)?worksheet>\s*$", lambda m: tag + m.group(0), sheet_xml, count=1)


def _content_type(types: str, old_types: str, part: str) -> str:
    """Give `part` in `types` the content type it had in `old_types` (an Override, or its extension's Default)."""
    override = re.search(rf'<Override PartName="/{re.escape(part)}" ContentType="([^"]+)"', old_types)
    if override:
        return _override(types, part, override[1])
    ext = part.rsplit(".", 1)[-1]
    default = re.search(rf'<Default Extension="{re.escape(ext)}" ContentType="([^"]+)"', old_types, re.IGNORECASE)
    if default and not re.search(rf'<Default Extension="{re.escape(ext)}"', types, re.IGNORECASE):
        types = re.sub(r"(<Types[^>]*>)", lambda m: m[1] + default[0] + "/>", types, count=1)
    return types


def _copy(old: dict[str, bytes], new: dict[str, bytes], names: list[str], types: str, added: list[str]) -> str:
    """Copy parts from old to new with their content types, and whatever their relationships point at
    that the new package lacks (a task pane's snapshot picture, say)."""
    old_types = old["[Content_Types].xml"].decode("utf-8")
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in new or name not in old:
            continue
        new[name] = old[name]
        added.append(name)
        if not name.endswith(".rels"):
            types = _content_type(types, old_types, name)
            todo.append(rels_path(name))
        else:
            source = name.replace("_rels/", "").removesuffix(".rels")
            todo += [t for _typ, t in relationships(old, source).values() if t in old]
    return types


def carry_lite_door(source: bytes, written: Path) -> None:
    """Put the source's Lite web extension and Petunjuk shapes back into `written` when openpyxl dropped them."""
    with zipfile.ZipFile(io.BytesIO(source)) as zf:
        old = {n: zf.read(n) for n in zf.namelist()}
    if not any(n.startswith(WEBEXT_FOLDER) for n in old):
        return
    with zipfile.ZipFile(written) as zf:
        infos = zf.infolist()
        new = {i.filename: zf.read(i.filename) for i in infos}
    added: list[str] = []
    types = new["[Content_Types].xml"].decode("utf-8")
    if not any(n.startswith(WEBEXT_FOLDER) for n in new):
        types = _copy(old, new, sorted(n for n in old if n.startswith(WEBEXT_FOLDER)), types, added)
        root = new["_rels/.rels"].decode("utf-8")
        for typ, target in relationships(old, "").values():
            if typ == REL_TASKPANES and REL_TASKPANES not in root:
                root, _ = _add_relationship(root, typ, target)
        new["_rels/.rels"] = root.encode("utf-8")
    drawing, sheet = guide_drawing(old), sheet_part(new, L.SHEET_GUIDE)
    if drawing and sheet and guide_drawing(new) is None:
        n = 1
        while f"xl/drawings/drawing{n}.xml" in new:
            n += 1
        target = f"xl/drawings/drawing{n}.xml"
        new[target] = old[drawing]
        added.append(target)
        if rels_path(drawing) in old:  # hyperlinks inside the sheet only ('#Petunjuk!C13')
            new[rels_path(target)] = old[rels_path(drawing)]
            added.append(rels_path(target))
        sheet_rels = new.get(rels_path(sheet), _empty_rels().encode()).decode("utf-8")
        sheet_rels, rid = _add_relationship(sheet_rels, REL_DRAWING, "/" + target)
        if rels_path(sheet) not in new:
            added.append(rels_path(sheet))
        new[rels_path(sheet)] = sheet_rels.encode("utf-8")
        new[sheet] = _with_drawing(new[sheet].decode("utf-8"), rid).encode("utf-8")
        types = _override(types, target, CT_DRAWING)
    if not added:
        return
    new["[Content_Types].xml"] = types.encode("utf-8")
    order = [i.filename for i in infos] + [n for n in added if n not in {i.filename for i in infos}]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in order:
            dst.writestr(name, new[name])
    written.write_bytes(buf.getvalue())
