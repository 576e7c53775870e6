"""The folder to recap and the recap's own file: what is read, what may be written."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rak_xl.core import layout as L
from rak_xl.core.errors import RakInputError
from rak_xl.core.refusals import (PROVINCE_FOLDER_CELL_EMPTY, PROVINCE_FOLDER_NOT_FOUND, PROVINCE_NOT_A_FOLDER,
                                  PROVINCE_OUTPUT_IS_A_SATKER_WORKBOOK, PROVINCE_OUTPUT_NOT_A_RECAP,
                                  PROVINCE_OUTPUT_NOT_XLSX, PROVINCE_RELATIVE_FOLDER_UNSAVED, TOO_LARGE)
from rak_xl.core.text import say

from .summary import KIND_NOT_RAK, KIND_UNREADABLE, Skipped


# A workbook by name: what the recap reads. An .xls (Excel 97-2003) is named apart: the satker is asked for
# an .xlsx, rather than told the file is damaged.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
OLD_SUFFIX = ".xls"
# What follows a workbook's stem in the name of a file sent with it (the Kiriman's PDF and e-mail text,
# a copy an e-mail program numbered).
_COMPANION_JOINS = (".", "_", "-", " ", "(")


@dataclass
class FolderScan:
    """A folder sorted by name and first bytes, before anything is read whole or hashed."""

    workbooks: list[Path] = field(default_factory=list)  # what the recap reads (and counts on its progress bar)
    skipped: list[Skipped] = field(default_factory=list)  # listed once in Berkas Dilewati, never read
    ignored: list[Path] = field(default_factory=list)  # files sent with a workbook (its PDF, its e-mail text)


# Whether a file, by its path and stat, is one read as a workbook before (the cache's mappings): its
# first bytes need no second look.
KnownTest = Callable[[Path, os.stat_result], object]  # pool.Known is one


def scan_folder(folder: Path, exclude: Path | None = None, known: KnownTest | None = None) -> FolderScan:
    """The entries of `folder` (not recursive): workbooks by suffix and content, the rest set aside.

    Hidden files, Excel lock files (~$) and `exclude` (the recap being written) are left out.
    A file named like a workbook whose first bytes are no workbook's is listed as no RAK workbook;
    one too large is listed as unreadable, before it is hashed. Any other file is listed as no RAK
    workbook, except the files sent with a workbook of the folder (named after it: the Kiriman's PDF
    and e-mail text), which are passed over quietly. A file `known` vouches for is a workbook unopened.
    """
    return sort_entries(folder_entries(folder, exclude), known)


def sort_entries(entries: list[Path], known: KnownTest | None = None) -> FolderScan:
    """scan_folder's sorting of a folder's entries (folder_entries)."""
    scan = FolderScan()
    suffixes = [p.suffix.lower() for p in entries]
    stems = [p.stem for p, suffix in zip(entries, suffixes) if suffix in (*WORKBOOK_SUFFIXES, OLD_SUFFIX)]
    for p, suffix in zip(entries, suffixes):
        if suffix in WORKBOOK_SUFFIXES:
            _sort_workbook(p, scan, known)
        elif suffix != OLD_SUFFIX and _sent_with(p.name, stems) and not p.is_dir():
            scan.ignored.append(p)
        else:
            scan.skipped.append(Skipped(p.name, KIND_NOT_RAK, _not_a_workbook(p)))
    return scan


def find_workbooks(folder: Path, exclude: Path | None = None) -> list[Path]:
    """The workbooks of `folder` the recap reads (scan_folder)."""
    return scan_folder(folder, exclude).workbooks


def folder_entries(folder: Path, exclude: Path | None = None) -> list[Path]:
    """The entries scan_folder sorts; refused when `folder` is missing or a file."""
    if folder.is_file():
        raise PROVINCE_NOT_A_FOLDER(path=folder)
    if not folder.is_dir():
        raise PROVINCE_FOLDER_NOT_FOUND(path=folder)
    skip = exclude.resolve() if exclude else None
    # Only a link, or an entry of the excluded file's name, can resolve to it: the others are not
    # resolved one by one (the listing says which entries are links).
    links = set()
    if skip is not None:
        with os.scandir(folder) as listing:
            links = {entry.name for entry in listing if entry.is_symlink()}
    out = []
    # Ordered as paths are (by name, case-blind on Windows): a key per name, not a Path comparison per pair.
    for p in sorted(folder.iterdir(), key=lambda p: os.path.normcase(p.name)):
        if p.name.startswith((".", "~$")):
            continue
        try:
            if skip is not None and (p.name in links or _same_name(p.name, skip.name)) and p.resolve() == skip:
                continue
        except (OSError, RuntimeError):  # a link loop: reported by the reader
            pass
        out.append(p)
    return out


def _same_name(a: str, b: str) -> bool:
    """Whether two names in one folder are one file's, as Path compares them (case-blind on Windows)."""
    return os.path.normcase(a) == os.path.normcase(b)


def _sort_workbook(path: Path, scan: FolderScan, known: KnownTest | None) -> None:
    """A file named as a workbook: read when it is one, listed when it is not (or too large to be one)."""
    from rak_xl.adapters.archive import MAX_FILE
    from rak_xl.adapters.file_kind import EMPTY, OTHER, file_kind

    try:
        info = os.stat(path)
    except OSError:  # a broken link, a loop: the reader names it
        scan.workbooks.append(path)
        return
    if not stat.S_ISREG(info.st_mode):  # a folder, a FIFO, a device: the reader refuses it by name
        scan.workbooks.append(path)
        return
    if info.st_size > MAX_FILE:  # listed as the reader would refuse it, without opening it
        scan.skipped.append(Skipped(path.name, KIND_UNREADABLE, TOO_LARGE(name=path).text()))
        return
    if known is not None and known(path, info):
        scan.workbooks.append(path)
        return
    try:
        kind = file_kind(path)
    except OSError:  # locked, no permission: the reader says so in its words
        kind = None
    if kind == EMPTY:
        scan.skipped.append(Skipped(path.name, KIND_NOT_RAK, say("province.empty_file")))
    elif kind == OTHER:
        scan.skipped.append(Skipped(path.name, KIND_NOT_RAK, say("province.not_workbook_content")))
    else:
        scan.workbooks.append(path)


def _sent_with(name: str, stems: list[str]) -> bool:
    """Whether a file is named after a workbook of the folder: RAK_..._2026-12-06.pdf beside RAK_..._2026-12-06.xlsx."""
    return any(name.startswith(stem) and name[len(stem):len(stem) + 1] in _COMPANION_JOINS for stem in stems if stem)


def _not_a_workbook(path: Path) -> str:
    if path.suffix.lower() == OLD_SUFFIX:
        return say("province.old_xls")
    if path.is_dir():
        return say("province.subfolder")
    return say("province.not_workbook_name", suffix=path.suffix or "-")


def folder_from_cell(value, workbook: str | Path | Callable[[], Path]) -> Path:
    """The folder named in the Rekap Provinsi sheet: absolute, or relative to the workbook's folder.
    `workbook` may be a function giving its path, asked only for a relative folder (a workbook opened
    from OneDrive may have no local path, which a full folder does not need)."""
    text = "" if value is None else str(value).strip().strip('"')
    where = dict(sheet=L.PROVINCE_SHEET, cell=L.PROVINCE_FOLDER_CELL)
    if not text:
        raise PROVINCE_FOLDER_CELL_EMPTY(where=f"sel {L.PROVINCE_FOLDER_CELL} lembar {L.PROVINCE_SHEET}", **where)
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        book = Path(workbook() if callable(workbook) else workbook)
        if not book.is_absolute() or not book.parent.is_dir():
            raise PROVINCE_RELATIVE_FOLDER_UNSAVED(folder=text, **where)
        folder = book.parent / folder
    return folder


def check_output(folder: Path, output: Path) -> None:
    """The recap is a new .xlsx; it replaces an earlier recap, whatever its name (with -o or the
    default Rekap_Provinsi.xlsx alike), and no other file: never a workbook it is meant to read."""
    from rak_xl.adapters.atomic import check_target

    if output.suffix.lower() != ".xlsx":
        raise PROVINCE_OUTPUT_NOT_XLSX(name=output)
    check_target(output)
    if not output.exists() or is_recap(output):
        return
    try:
        inside = folder.is_dir() and output.resolve().parent == folder.resolve()
    except (OSError, RuntimeError):
        inside = False
    raise (PROVINCE_OUTPUT_IS_A_SATKER_WORKBOOK if inside else PROVINCE_OUTPUT_NOT_A_RECAP)(path=output)


def is_recap(path: Path) -> bool:
    """Whether `path` is an earlier recap: a workbook with a Rekap Satker sheet and none of a plan's
    sheets (a satker's plan that also holds a sheet of that name is still a plan)."""
    from rak_xl.adapters.file_read import sheet_names

    try:
        names = {name.casefold() for name in sheet_names(path)}
    except RakInputError:  # not even a workbook: no recap either
        return False
    return L.RECAP_SHEETS[0].casefold() in names and not names & {name.casefold() for name in L.INPUT_SHEETS}
