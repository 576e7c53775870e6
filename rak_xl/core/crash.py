"""Reporting bugs: a short reference for staff, the traceback in a log file for developers.

The log lives in the user's own folder for application state, never in the shared temp
folder (where every user of the machine, and every test run, would write into one file):
    Windows  %LOCALAPPDATA%\\rak_xl\\rak_xl_galat.log
    macOS    ~/Library/Logs/rak_xl/rak_xl_galat.log
    Linux    $XDG_STATE_HOME/rak_xl/rak_xl_galat.log (default ~/.local/state/rak_xl/...)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import traceback
from pathlib import Path

LOG_NAME = "rak_xl_galat.log"


def log_dir() -> Path:
    """This user's folder for rak_xl's log, by the platform's convention (read at each call)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "rak_xl"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "rak_xl"
    base = os.environ.get("XDG_STATE_HOME")
    # The XDG spec: a relative path is invalid and is ignored.
    return (Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "state") / "rak_xl"


def log_path() -> Path:
    return log_dir() / LOG_NAME


def shown_path(path: Path) -> str:
    """The log's place as staff can type it and share it: %LOCALAPPDATA%\\... on Windows, ~/... elsewhere
    (the alert's text gets copied into e-mails; the user name should not travel with it)."""
    text = str(path)
    local = os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None
    if local and text.startswith(local):
        return "%LOCALAPPDATA%" + text[len(local):]
    home = str(Path.home())
    if len(home) > 1 and text.startswith(home + os.sep):
        return "~" + text[len(home):]
    return text


def report(lang: str = "id") -> str:
    """Log the current exception and return the text shown to staff (Indonesian unless lang="en")."""
    # Staff send this log by e-mail: their home folder (and with it their user name) becomes '~'.
    # Redacting first also gives the same bug the same reference on every computer.
    tb = traceback.format_exc()
    home = str(Path.home())
    if len(home) > 1:
        tb = tb.replace(home, "~")
    ref = hashlib.sha256(tb.encode()).hexdigest()[:8].upper()
    log = log_path()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S} ref {ref}\n{tb}\n")
        where = (f"Details are in {shown_path(log)}." if lang == "en" else
                 f"Rincian tersimpan di {shown_path(log)}.")
    except OSError:
        where = ""
    if lang == "en":
        return (f"Program error (ref {ref}). The workbook was not changed. Send this ref code to the rak_xl "
                f"maintainer. {where}").strip()
    return (f"Terjadi kesalahan program (ref {ref}). Workbook tidak diubah. "
            f"Kirim kode ref ini ke pengelola rak_xl. {where}").strip()
