"""The folder to recap and the recap's own file: what is read, what may be written."""

from __future__ import annotations

from pathlib import Path

from rak_xl.core import layout as L
from rak_xl.core.errors import RakInputError
from rak_xl.core.refusals import (PROVINCE_FOLDER_CELL_EMPTY, PROVINCE_FOLDER_NOT_FOUND, PROVINCE_NOT_A_FOLDER,
                                  PROVINCE_OUTPUT_IS_A_SATKER_WORKBOOK, PROVINCE_OUTPUT_NOT_A_RECAP,
                                  PROVINCE_OUTPUT_NOT_XLSX, PROVINCE_RELATIVE_FOLDER_UNSAVED)


def find_workbooks(folder: Path, exclude: Path | None = None) -> list[Path]:
    """The files of `folder` (not recursive), hidden files and Excel lock files (~$) left out.

    Files of every type are returned: one that is not a workbook is listed as
    skipped with the reason (a .xls or .pdf sent by mistake should be noticed).
    """
    if folder.is_file():
        raise PROVINCE_NOT_A_FOLDER(path=folder)
    if not folder.is_dir():
        raise PROVINCE_FOLDER_NOT_FOUND(path=folder)
    skip = exclude.resolve() if exclude else None
    out = []
    for p in sorted(folder.iterdir()):
        if p.name.startswith((".", "~$")):
            continue
        # Every other entry is returned, whatever its kind: a subfolder, a FIFO, a link to a device
        # or a broken link is listed as skipped with the reason (the reader refuses all of them).
        try:
            if skip is not None and p.resolve() == skip:
                continue
        except (OSError, RuntimeError):  # a link loop: reported by the reader
            pass
        out.append(p)
    return out


def folder_from_cell(value, workbook: str | Path) -> Path:
    """The folder named in the Rekap Provinsi sheet: absolute, or relative to the workbook's folder."""
    text = "" if value is None else str(value).strip().strip('"')
    where = dict(sheet=L.PROVINCE_SHEET, cell=L.PROVINCE_FOLDER_CELL)
    if not text:
        raise PROVINCE_FOLDER_CELL_EMPTY(where=f"sel {L.PROVINCE_FOLDER_CELL} lembar {L.PROVINCE_SHEET}", **where)
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        book = Path(workbook)
        if not book.is_absolute() or not book.parent.is_dir():
            raise PROVINCE_RELATIVE_FOLDER_UNSAVED(folder=text, **where)
        folder = book.parent / folder
    return folder


def check_output(folder: Path, output: Path) -> None:
    """The recap is a new .xlsx; it replaces an earlier recap (a workbook with a Rekap Satker sheet),
    whatever its name, and no other file: never a workbook it is meant to read."""
    from rak_xl.adapters.atomic import check_target
    from rak_xl.adapters.file_read import sheet_names

    if output.suffix.lower() != ".xlsx":
        raise PROVINCE_OUTPUT_NOT_XLSX(name=output)
    check_target(output)
    if not output.exists():
        return
    try:
        if L.RECAP_SHEETS[0] in sheet_names(output):
            return
    except RakInputError:  # not even a workbook: no recap either
        pass
    try:
        inside = folder.is_dir() and output.resolve().parent == folder.resolve()
    except (OSError, RuntimeError):
        inside = False
    raise (PROVINCE_OUTPUT_IS_A_SATKER_WORKBOOK if inside else PROVINCE_OUTPUT_NOT_A_RECAP)(path=output)
