"""Reporting bugs: a short reference for staff, the traceback in a log file for developers."""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
import traceback
from pathlib import Path

LOG = Path(tempfile.gettempdir()) / "rak_xl_galat.log"


def report() -> str:
    """Log the current exception and return the Indonesian text shown to staff."""
    # Staff send this log by e-mail: their home folder (and with it their user name) becomes '~'.
    # Redacting first also gives the same bug the same reference on every computer.
    tb = traceback.format_exc()
    home = str(Path.home())
    if len(home) > 1:
        tb = tb.replace(home, "~")
    ref = hashlib.sha256(tb.encode()).hexdigest()[:8].upper()
    try:
        with LOG.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S} ref {ref}\n{tb}\n")
        where = f"Rincian tersimpan di {LOG.name} (folder TEMP)."
    except OSError:
        where = ""
    return (f"Terjadi kesalahan program (ref {ref}). Workbook tidak diubah. "
            f"Kirim kode ref ini ke pengelola rak_xl. {where}").strip()
