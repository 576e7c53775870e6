"""The Stempel Kiriman sheet of a Siapkan Kiriman package: its words, and when the package was made.

submit.py writes the sheet; Rekap Provinsi reads its time for every workbook of a folder (the newer
of two packages of one satker is preferred). Kept apart from submit.py so that the recap's workers
import what they read, not what Siapkan Kiriman needs to write a package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from rak_xl.parse.tables import Grid

SHEET_STAMP = "Stempel Kiriman"
STAMP_WHEN = "Dibuat pada"  # the stamp's time row; the province prefers the newer package by it
STAMP_TIME_FORMAT = "%d-%m-%Y %H:%M"


def stamp_time(grids: Mapping[str, Grid]) -> dt.datetime | None:
    """When a Siapkan Kiriman package was made, read from its Stempel Kiriman sheet.

    None for a workbook without the sheet or with a time that does not read as one
    (a hand-edited stamp is no evidence).
    """
    grid = next((g for name, g in grids.items() if name.casefold() == SHEET_STAMP.casefold()), None)
    for row in grid or ():
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip().casefold() == STAMP_WHEN.casefold():
            value = row[1]
            if isinstance(value, dt.datetime):
                return value
            try:
                return dt.datetime.strptime(str(value).strip(), STAMP_TIME_FORMAT)
            except ValueError:
                return None
    return None
