"""`rak-xl setup-excel`: tell xlwings, on this PC only, which Python runs the buttons.

It writes the user's xlwings settings file (`%USERPROFILE%\\.xlwings\\xlwings.conf`
on Windows), the file `xlwings config create` writes, with two settings:
- the interpreter: this very Python, the one rak_xl is installed in (without it,
  RunPython starts whatever `python` comes first on PATH, possibly the Microsoft
  Store alias or another installation without rak_xl);
- ADD_WORKBOOK_TO_PYTHONPATH False: rak_xl is installed and needs nothing from
  the workbook's folder, while adding that folder makes xlwings translate a
  OneDrive/SharePoint URL first, which fails with "Couldn't find your local
  OneDrive file" before rak_xl even loads.

Written here rather than by `xlwings config create --force`, which overwrites the
whole file (losing settings such as a PYTHONPATH a colleague added) and does not
write the second key. The format is the one xlwings' VBA reads with `Input #`:
one `"KEY","value"` line per setting, in the encoding `Input #` reads, Windows'
ANSI code page (cp1252 on an Indonesian or English Windows), which is what
`locale.getencoding()` returns there (and UTF-8 on macOS, as xlwings' own
`config create` writes). A path with a letter the code page lacks (a user folder
in another script) is refused rather than written garbled. Nothing goes into the
workbook, so it stays safe to e-mail.
"""

from __future__ import annotations

import csv
import io
import locale
import sys
from pathlib import Path

from rak_xl.adapters.atomic import write_bytes
from rak_xl.core import refusals as R
from rak_xl.core.text import say

KEY_ADD_DIR = "ADD_WORKBOOK_TO_PYTHONPATH"
# Keys this command owns; any other line of an existing file is kept as it was.
_OWNED = ("INTERPRETER_WIN", "INTERPRETER_MAC", "CONDA PATH", "CONDA ENV", KEY_ADD_DIR)


def user_config_file() -> Path:
    """Where xlwings' VBA looks for the user's settings (Windows: USERPROFILE; macOS: Excel's sandbox)."""
    import xlwings

    return Path(xlwings.USER_CONFIG_FILE)


def _interpreter_settings(executable: str) -> list[tuple[str, str]]:
    from xlwings.cli import get_conda_settings  # the same conda detection as `xlwings config create`

    conda_path, conda_env = get_conda_settings()
    if conda_path and sys.platform.startswith("win"):
        return [("CONDA PATH", conda_path), ("CONDA ENV", conda_env)]
    return [("INTERPRETER_MAC" if sys.platform.startswith("darwin") else "INTERPRETER_WIN", executable)]


def _read(path: Path, encoding: str) -> list[tuple[str, str]]:
    if not path.is_file():
        return []
    rows = csv.reader(io.StringIO(path.read_text(encoding=encoding, errors="replace")))
    return [(row[0], row[1] if len(row) > 1 else "") for row in rows if row and row[0].strip()]


def write_user_config(path: Path | None = None, executable: str | None = None, encoding: str | None = None) -> Path:
    """Write (or update) the user's xlwings.conf in the encoding VBA reads it with; returns its path.
    Refused (RAK908), writing nothing, when the interpreter's path does not fit that encoding."""
    path = path or user_config_file()
    executable = executable or sys.executable
    encoding = encoding or locale.getencoding()
    kept = [(k, v) for k, v in _read(path, encoding) if k.strip().upper() not in _OWNED]
    settings = [*_interpreter_settings(executable), (KEY_ADD_DIR, "False"), *kept]
    try:
        data = "".join(f'"{k}","{v}"\n' for k, v in settings).encode(encoding)
    except UnicodeEncodeError:
        raise R.SETUP_PATH_NOT_IN_CODE_PAGE(python=executable, codepage=encoding) from None
    write_bytes(path, data)
    return path


def store_alias(executable: str) -> bool:
    """The Microsoft Store's python.exe stub: xlwings cannot start Python through it."""
    return "windowsapps" in executable.replace("/", "\\").lower()


def setup_excel(lang: str = "id") -> list[str]:
    """Write the settings and return the lines to tell the user."""
    path = write_user_config()
    lines = [say("setup.written", lang, path=path), say("setup.python", lang, python=sys.executable),
             say("setup.add_dir", lang, setting=KEY_ADD_DIR), say("setup.encoding", lang, codepage=locale.getencoding())]
    if store_alias(sys.executable):
        lines.append(say("setup.store_alias", lang))
    if not sys.platform.startswith(("win", "darwin")):  # no Excel here: the file is written, never read
        import platform

        lines.append(say("setup.no_excel_here", lang, setting=_interpreter_settings(sys.executable)[0][0],
                         system=platform.system() or sys.platform))
    return lines
