"""Rekap Provinsi: one recap workbook from every satker RAK workbook in a folder.

    rak-xl province DIR -o REKAP.xlsx        (province_recap)
    Buat Rekap in Rekap_Provinsi.xlsm        (button_plan)
    rak_xl.frames.province(DIR)              (collect_recap)

The modules, in the order a recap runs:

    folder.py         the folder's workbooks by name and first bytes (the rest set aside unread),
                      the recap's own file (what may be replaced)
    summary.py        one workbook -> SatkerSummary (or Skipped, with the reason)
    summary_cache.py  summaries kept per file content, so a re-run reads only new files
    pool.py           many files: the cache first, then worker processes in chunks
    progress.py       the progress bar on stderr
    duplicates.py     two files of one satker and year: which is used, and why
    recap.py          Recap (the figures, JUMLAH lines included) and the two doors

The recap's sheets are laid out once, in rak_xl.outputs.recap_sheets. Other modules of
rak_xl import this package only, never its modules (tests/test_architecture.py).
"""

from rak_xl.outputs.recap_sheets import HEADER_ROW, SHEET_CHARTS, SHEET_ERRORS, SHEET_RECAP, SHEET_SKIPPED

from .duplicates import resolve_duplicates
from .folder import FolderScan, find_workbooks, folder_from_cell, scan_folder
from .pool import summarise_all
from .recap import Recap, build_recap, button_plan, collect_recap, province_recap
from .summary import KIND_BUG, KIND_DUPLICATE, KIND_NOT_RAK, KIND_UNREADABLE, SatkerSummary, Skipped, summarise_file

__all__ = [
    "HEADER_ROW", "KIND_BUG", "KIND_DUPLICATE", "KIND_NOT_RAK", "KIND_UNREADABLE", "SHEET_CHARTS", "SHEET_ERRORS",
    "SHEET_RECAP", "SHEET_SKIPPED", "FolderScan", "Recap", "SatkerSummary", "Skipped", "build_recap", "button_plan",
    "collect_recap", "find_workbooks", "folder_from_cell", "province_recap", "resolve_duplicates", "scan_folder",
    "summarise_all", "summarise_file",
]
