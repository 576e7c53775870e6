"""A copy of the built workbook in the form Excel 2010+ saves cross-sheet rules: x14 <extLst>.

Excel keeps a conditional format or a data validation in the classic element
while its formula stays on its own sheet (or uses a defined name), and moves it
into the worksheet's <extLst> (x14 namespace) when the formula names another
sheet. The transformation is the small one that produces exactly that form from
the real built workbook:
- every highlight rule INDEX(Sorotan_<sheet>,ROW(),COLUMN())=n becomes the
  equivalent direct reference '_Sorotan'!<first cell of the block>=n (what an
  earlier build wrote, and what a user who edits the rule gets), stored as an
  x14:cfRule with its fill inline (x14:dxf) as Excel writes it;
- every dropdown over the name DaftarBagian becomes one over the range the name
  stands for ('Bagian'!$B$5:$B$34), stored as an x14:dataValidation.
Everything else in the package is left byte for byte.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from html import unescape
from pathlib import Path

X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
CF_URI = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}"
DV_URI = "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"
SLICER_URI = "{A8765BA9-456A-4dab-B4F3-ACF838C121DE}"

_RULE = re.compile(r'<cfRule type="expression" dxfId="(\d+)" priority="(\d+)"><formula>INDEX\((\w+),ROW\(\),'
                   r'COLUMN\(\)\)=(\d)</formula></cfRule>')
_CF = re.compile(r'<conditionalFormatting sqref="([^"]+)">(.*?)</conditionalFormatting>')
_DV = re.compile(r'<dataValidation ([^>]*?) sqref="([^"]+)"><formula1>(\w+)</formula1></dataValidation>')


def _names(book_xml: str) -> dict[str, str]:
    return {m[1]: unescape(m[2]) for m in re.finditer(r'<definedName name="(\w+)">([^<]+)</definedName>', book_xml)}


def _first_cell(area: str) -> str:
    sheet, cells = area.rsplit("!", 1)
    return f"{sheet}!{cells.split(':')[0].replace('$', '')}"


def to_x14(sheet_xml: str, names: dict[str, str], dxfs: list[str]) -> tuple[str, int, int]:
    """`sheet_xml` with its cross-sheet rules moved into x14 form; (xml, rules moved, validations moved)."""
    cf_ext, dv_ext = [], []

    def cf(m: re.Match) -> str:
        rules = _RULE.findall(m[2])
        if not rules:
            return m[0]
        body = "".join(
            f'<x14:cfRule type="expression" priority="{prio}" id="{{{uuid.uuid5(uuid.NAMESPACE_OID, name + prio + level)}}}">'
            f"<xm:f>{_first_cell(names[name])}={level}</xm:f><x14:dxf>{dxfs[int(dxf)]}</x14:dxf></x14:cfRule>"
            for dxf, prio, name, level in rules)
        cf_ext.append(f'<x14:conditionalFormatting xmlns:xm="{XM}">{body}<xm:sqref>{m[1]}</xm:sqref>'
                      "</x14:conditionalFormatting>")
        return ""

    def dv(m: re.Match) -> str:
        if m[3] not in names:
            return m[0]
        dv_ext.append(f"<x14:dataValidation {m[1]}><x14:formula1><xm:f>{names[m[3]]}</xm:f></x14:formula1>"
                      f"<xm:sqref>{m[2]}</xm:sqref></x14:dataValidation>")
        return ""

    xml = _CF.sub(cf, sheet_xml)
    xml = _DV.sub(dv, xml)
    left = len(re.findall(r"<dataValidation ", xml))
    xml = re.sub(r'<dataValidations count="\d+">', f'<dataValidations count="{left}">', xml)
    xml = xml.replace(f'<dataValidations count="0"></dataValidations>', "")
    exts = ""
    if cf_ext:
        exts += (f'<ext uri="{CF_URI}" xmlns:x14="{X14}"><x14:conditionalFormattings>{"".join(cf_ext)}'
                 "</x14:conditionalFormattings></ext>")
    if dv_ext:
        exts += (f'<ext uri="{DV_URI}" xmlns:x14="{X14}"><x14:dataValidations count="{len(dv_ext)}" '
                 f'xmlns:xm="{XM}">{"".join(dv_ext)}</x14:dataValidations></ext>')
    if exts:
        xml = xml.replace("</worksheet>", f"<extLst>{exts}</extLst></worksheet>")
    return xml, "".join(cf_ext).count("<x14:cfRule "), len(dv_ext)


def slicer_ext() -> str:
    """A worksheet extension that points at another part (a slicer): it cannot be copied through."""
    return f'<ext uri="{SLICER_URI}" xmlns:x14="{X14}"><x14:slicerList><x14:slicer r:id="rId99"/></x14:slicerList></ext>'


def excel_x14_copy(source: Path, target: Path, extra: dict[str, str] | None = None) -> dict[str, tuple[int, int]]:
    """Write `target`: `source` with cross-sheet rules in x14 form (plus `extra` <ext>s per sheet part).

    Returns {sheet part: (conditional rules moved, validations moved)}.
    """
    extra = extra or {}
    moved = {}
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        names = _names(zin.read("xl/workbook.xml").decode("utf-8"))
        dxfs = re.findall(r"<dxf>(.*?)</dxf>", zin.read("xl/styles.xml").decode("utf-8"))
        for info in zin.infolist():
            data = zin.read(info.filename)
            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", info.filename):
                xml, rules, validations = to_x14(data.decode("utf-8"), names, dxfs)
                if info.filename in extra:
                    if "<extLst>" in xml:
                        xml = xml.replace("</extLst></worksheet>", extra[info.filename] + "</extLst></worksheet>")
                    else:
                        xml = xml.replace("</worksheet>", f"<extLst>{extra[info.filename]}</extLst></worksheet>")
                if rules or validations:
                    moved[info.filename] = (rules, validations)
                data = xml.encode("utf-8")
            zout.writestr(info, data)
    return moved
