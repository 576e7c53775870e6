"""Where a sheet lives in the package: sheet name -> zip member, from the workbook part and its
relationships, and the member's XML (found as calamine finds it)."""

from __future__ import annotations

import zipfile

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its zip member, from the workbook part and its relationships.

    Read on every file (the census needs it), so expat's callbacks take the two attributes
    wanted directly instead of building a tree of both parts in Python. The protection is the
    one defusedxml gives: a part with a DTD or an entity declaration is refused (ValueError:
    the file cannot be read)."""
    sheets: list[tuple[str | None, str | None]] = []
    targets: dict[str | None, str] = {}

    def on_book(name: str, attrs: dict[str, str]) -> None:
        if name == f"{_MAIN_NS} sheet":
            sheets.append((attrs.get("name"), attrs.get(f"{_REL_NS} id")))

    def on_rels(name: str, attrs: dict[str, str]) -> None:
        if name.endswith(" Relationship"):
            targets[attrs.get("Id")] = attrs.get("Target", "")

    _parse(zf.read("xl/workbook.xml"), on_book)
    _parse(zf.read("xl/_rels/workbook.xml.rels"), on_rels)
    parts = {}
    for name, rid in sheets:
        target = targets.get(rid, "")
        parts[name] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts


def _parse(xml: bytes, on_start) -> None:
    from xml.parsers import expat

    def refuse(*_args) -> None:  # a ValueError, as defusedxml's: the file is refused, not read around
        raise ValueError("DTD or entity declaration in a workbook part")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = on_start
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        raise SyntaxError(str(exc)) from None


def parts_or_none(zf: zipfile.ZipFile) -> dict[str, str] | None:
    """sheet_parts, or None when the workbook part or its relationships are not where expected."""
    try:
        return sheet_parts(zf)
    except (KeyError, SyntaxError):  # no workbook part in the expected place: nothing to add
        return None


def part_xml(zf: zipfile.ZipFile, part: str | None) -> bytes | None:
    """A sheet part's XML, or None when the workbook names no such member. A name that differs
    from the member's only in case is that member (calamine takes it so)."""
    if not part:
        return None
    try:
        return zf.read(part)
    except KeyError:
        folded = part.casefold()
        member = next((n for n in zf.namelist() if n.casefold() == folded), None)
        return zf.read(member) if member is not None else None
