"""The PDF of chosen sheets of a workbook file, exported by LibreOffice headless (the CLI's door;
in Excel the button asks Excel itself). The sheets are first copied into a workbook of their own
in a temporary folder, so the PDF holds them and nothing else."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from rak_xl.core import refusals as R

_LOCALE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>id-ID</value></prop></item>
</oor:items>
"""


def _indonesian_profile(profile: Path) -> None:
    """A fresh LibreOffice profile whose locale is Indonesian, so amounts print as staff write
    them (Rp 1.646.458.000) whatever the locale of the machine running the export."""
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_LOCALE_XCU, encoding="utf-8")


def libreoffice_pdf(xlsx: Path, pdf: Path, sheets: tuple[str, ...]) -> None:
    """Export `sheets` of `xlsx` to `pdf` with LibreOffice headless (the CLI's door)."""
    import openpyxl

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise R.LIBREOFFICE_MISSING()
    with tempfile.TemporaryDirectory(prefix="rak_pdf_") as tmp:
        only = Path(tmp) / (pdf.stem + ".xlsx")
        wb = openpyxl.load_workbook(xlsx)
        for ws in list(wb.worksheets):
            if ws.title not in sheets:
                wb.remove(ws)
        if not wb.worksheets:
            raise R.PDF_SHEETS_MISSING()
        for position, name in enumerate(n for n in sheets if n in wb.sheetnames):
            wb.move_sheet(name, position - wb.sheetnames.index(name))
        wb.active = 0
        wb.save(only)
        profile = Path(tmp) / "profile"
        _indonesian_profile(profile)
        done = subprocess.run(
            [office, "--headless", "--norestore", "--nologo", f"-env:UserInstallation={profile.as_uri()}",
             "--convert-to", "pdf", "--outdir", tmp, str(only)],
            capture_output=True, text=True, timeout=300)
        made = Path(tmp) / (pdf.stem + ".pdf")
        if done.returncode != 0 or not made.exists():
            raise R.LIBREOFFICE_FAILED(detail=done.stderr[-300:].strip())
        shutil.move(str(made), pdf)
