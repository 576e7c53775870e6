"""Entry points of the workbook's buttons: xlwings RunPython and xlwings Lite.

Each Sub in macros/RakButtons.bas calls one function here, e.g.
    RunPython "import rak_xl.buttons as b; b.validate()"
and the workbook's xlwings Lite main.py (written by rak_xl/products/builder/lite.py) calls
the same function with the book Lite hands its script: `buttons.validate(book)`.
RunPython starts a new Python for every click, so this module imports only
what a press needs; the heavy lifting lives in rak_xl.products.jobs. Nothing a press
runs starts a process or a thread: under Lite (Pyodide) neither exists.

A press reads the workbook once, computes everything, then writes once. A
problem the user can fix is shown as an Indonesian alert and nothing is
written; a bug is shown with a short reference, logged, and re-raised so it
is never swallowed. Every call into Excel after `Book.caller()` runs inside
that wrapper (`_attempt`), the writes included: when Excel refuses one, the
adapter removes the half-written sheet and the user reads why in Indonesian;
a refusal of any other call (the workbook's name or path, a cell) is an alert
too, never a traceback.
"""

from __future__ import annotations

# No XLWINGS_LICENSE_KEY here: with a key set, `import xlwings` also loads xlwings.pro
# (jinja2, asyncio, ssl), which every press would pay for. The tests' remote engine sets it
# itself (tests/conftest.py, tests/remote.py); a desktop button press does not need it.
import sys
from pathlib import Path

import xlwings as xw

from rak_xl.core import refusals as R
from rak_xl.core.errors import RakInputError
from rak_xl.core.text import say

TITLE = "RAK - KPU"
# Where xlwings Lite lets Python write: its Files > Import/Export list, from which staff download.
LITE_FILES = Path("/data")


def _in_lite() -> bool:
    """Running inside xlwings Lite: Python in the browser engine (Pyodide); the PC's folders are out of
    reach, files go to LITE_FILES."""
    return sys.platform == "emscripten"


def _alert(book, text: str, critical: bool = False) -> None:
    try:
        book.app.alert(text, title=TITLE, mode="critical" if critical else "info")
    except Exception:  # an engine without dialogs: the sheets still carry the result
        pass


def _attempt(book, step):
    """Run `step()`. A problem staff can fix becomes an alert and (False, None); a bug
    becomes an alert with a short reference and is re-raised, never swallowed."""
    try:
        return True, step()
    except RakInputError as exc:
        _alert(book, exc.text(), critical=True)
        return False, None
    except Exception as exc:
        from rak_xl.adapters.excel_live import excel_message, is_excel_error

        if is_excel_error(exc):  # a read the adapter does not wrap (name, path, a cell): Excel busy, not a bug
            _alert(book, R.EXCEL_REFUSED_READ(detail=excel_message(exc)).text(), critical=True)
            return False, None
        from rak_xl.core.crash import report

        _alert(book, report(), critical=True)
        raise


def _finish(book, message: str, notes: list[str]) -> None:
    """The closing alert: the job's message, and what Excel refused along the way (if anything)."""
    if notes:
        message = (message + "\n\n" if message else "") + say("button.notes") + "\n" + "\n".join(f"- {n}" for n in notes)
    if message:
        _alert(book, message)


def _press(job, book=None) -> None:
    book = book or xw.Book.caller()
    from rak_xl.adapters import excel_live

    ok, plan = _attempt(book, lambda: job(excel_live.read_book(book), book.name))
    if not ok:
        return
    ok, notes = _attempt(book, lambda: excel_live.apply_plan(book, plan))
    if ok:
        _finish(book, plan.message, notes)


def _job(button: str):
    """What one button computes from the workbook's grids (rak_xl.products.jobs.button_outputs)."""
    def job(grids, name):
        from rak_xl.products import jobs

        return jobs.button_outputs(button, grids, name)

    return job


def validate(book=None) -> None:
    """Tombol Validasi: check the plan, write the Temuan sheet and the highlights."""
    _press(_job("validate"), book)


def rollup(book=None) -> None:
    """Tombol Rekap Anggaran: budget per program, division and quarter, with two charts."""
    _press(_job("rollup"), book)


def consolidate(book=None) -> None:
    """Tombol Konsolidasi: the whole plan as one print-ready table, error rows flagged."""
    _press(_job("consolidate"), book)


def evaluate(book=None) -> None:
    """Tombol Evaluasi: capaian per indicator and division, absorption, for the Triwulan Pelaporan."""
    _press(_job("evaluate"), book)


def submit(book=None) -> None:
    """Tombol Siapkan Kiriman: run every check, then write the package for the province.

    The package lands in a folder "Kiriman" beside the saved workbook. With
    error findings staff are asked to confirm; saying no writes no package
    (the findings are still shown). The PDF comes from Excel's own export;
    engines without one fall back to LibreOffice when it is installed.
    Under xlwings Lite the package goes to Lite's own files: see _submit_in_lite.
    """
    book = book or xw.Book.caller()
    if _in_lite():
        _submit_in_lite(book)
        return
    from rak_xl.adapters import excel_live
    from rak_xl.products import jobs

    def compute():
        source = excel_live.book_path(book)  # OneDrive/SharePoint: the synced local file
        if not source.is_file():
            raise R.UNSAVED_BEFORE_SUBMIT()
        grids = excel_live.read_book(book)
        return (source, grids, *jobs.run_all(grids, book.name))

    ok, computed = _attempt(book, compute)
    if not ok:
        return
    source, grids, report, plan = computed
    forced = report.has_errors and _confirmed(book, report)
    ok, notes = _attempt(book, lambda: excel_live.apply_plan(book, plan))
    if not ok:
        return
    if report.has_errors and not forced:
        _alert(book, say("button.submit_not_made"), critical=True)
        return
    _write_package(book, source, grids, report, plan, forced, notes)


def _confirmed(book, report) -> bool:
    """Whether staff, told the plan still has errors, say yes to sending it anyway."""
    from rak_xl.core.findings import summary_line

    try:
        answer = book.app.alert(say("button.submit_confirm", summary=summary_line(report.findings)), title=TITLE,
                                buttons="yes_no", mode="critical")
    except Exception:
        answer = None
    return answer == "yes"


def _write_package(book, source, grids, report, plan, forced: bool, notes: list[str]) -> None:
    """The Kiriman folder beside `source`, its PDF from Excel's own export where the engine has one."""
    from rak_xl.adapters import excel_live
    from rak_xl.products import submit as package

    def pdf(xlsx, target) -> None:
        try:
            book.to_pdf(str(target), include=[n for n in package.PDF_SHEETS if n in [s.name for s in book.sheets]])
        # KeyError: the remote engine cannot read the visibility of sheets added in this press.
        except (NotImplementedError, AttributeError, KeyError):
            package.libreoffice_pdf(xlsx, target)
        except Exception as exc:  # Excel's PDF export refused (no PDF printer driver, ...): LibreOffice
            if not excel_live.is_excel_error(exc):
                raise
            notes.append(say("button.pdf_by_libreoffice", detail=excel_live.excel_message(exc)))
            package.libreoffice_pdf(xlsx, target)

    ok, result = _attempt(book, lambda: package.write_package(
        report, plan, grids, book.name, source, source.parent / "Kiriman", forced=forced, pdf=pdf))
    if ok:
        _finish(book, _package_text(result, say("button.package_ready", folder=result.folder.name)), notes)


def _package_text(result, ready: str) -> str:
    """The closing alert of Siapkan Kiriman: where the package is, its files, what it replaced."""
    text = "\n".join([ready, *(f"- {p.name}" for p in result.files)])
    if result.replaced:
        text += "\n\n" + say("button.package_replaced")
    if result.kept:
        text += "\n" + say("button.package_kept", files=", ".join(p.name for p in result.kept))
    return text


def _submit_in_lite(book) -> None:
    """Siapkan Kiriman under xlwings Lite: the checks and output sheets as usual, then the package's
    .xlsx and e-mail text in Lite's files (LITE_FILES/Kiriman), for staff to download. Lite cannot
    ask a question mid-script, so a plan with errors gets no package; nor can it make a PDF
    (Book.to_pdf is missing): staff export that from Excel."""
    from rak_xl.adapters import excel_live
    from rak_xl.core.findings import summary_line
    from rak_xl.products import jobs
    from rak_xl.products import submit as package

    def compute():
        grids = excel_live.read_book(book)
        return (grids, *jobs.run_all(grids, book.name))

    ok, computed = _attempt(book, compute)
    if not ok:
        return
    grids, report, plan = computed
    ok, notes = _attempt(book, lambda: excel_live.apply_plan(book, plan))
    if not ok:
        return
    if report.has_errors:
        _alert(book, say("lite.submit_errors", summary=summary_line(report.findings)), critical=True)
        return
    ok, result = _attempt(book, lambda: package.write_package(
        report, plan, grids, book.name, None, LITE_FILES / "Kiriman", forced=False, pdf=None))
    if ok:
        ready = say("lite.package_ready", folder=result.folder.relative_to(LITE_FILES).as_posix())
        _finish(book, _package_text(result, ready) + "\n\n" + say("lite.submit_steps"), notes)


def province(book=None) -> None:
    """Tombol Buat Rekap (workbook Rekap_Provinsi.xlsm): the recap of the folder named on the
    sheet Rekap Provinsi, written into this workbook as the sheets of `rak-xl province`."""
    from rak_xl.adapters import excel_live
    from rak_xl.core import layout as L
    from rak_xl.products import province as P

    book = book or xw.Book.caller()
    ok, plan = _attempt(book, lambda: P.button_plan(
        excel_live.read_cell(book, L.PROVINCE_SHEET, L.PROVINCE_FOLDER_CELL),
        lambda: excel_live.book_path(book, R.PROVINCE_RELATIVE_FOLDER_ONEDRIVE)))  # OneDrive: the synced file
    if not ok:
        return
    ok, notes = _attempt(book, lambda: excel_live.apply_plan(book, plan))
    if ok:
        _finish(book, plan.message, notes)


def new_year(book=None) -> None:
    """Tombol Buat RAK Tahun Berikutnya: next year's workbook, written beside this one.

    The plan is read from the open workbook (what staff see, saved or not) and built
    by the same code as the shipped workbook (rak_xl.products.newyear, rak_xl.products.builder). The open
    workbook is never written to, and an existing file of the new name is never replaced.
    Under xlwings Lite, which cannot carry the builder, staff are told where to do it.
    """
    book = book or xw.Book.caller()
    if _in_lite():
        _alert(book, say("lite.new_year"))
        return
    from rak_xl.adapters import excel_live
    from rak_xl.adapters.atomic import write_bytes
    from rak_xl.products import newyear

    def make():
        source = excel_live.book_path(book, R.ONEDRIVE_BEFORE_NEW_YEAR)  # OneDrive: the synced local file
        if not source.is_file():
            raise R.UNSAVED_BEFORE_NEW_YEAR()
        data = newyear.carried(excel_live.read_book(book), book.name)
        target = source.with_name(newyear.default_name(data.year))
        newyear.check_output(target, force=False, source=source)
        write_bytes(target, newyear.workbook_bytes(data), new=True)
        return data, target

    ok, done = _attempt(book, make)
    if ok:
        data, target = done
        _alert(book, say("button.new_year_done", year=data.year, name=target.name))


if __name__ == "__main__":  # run the button from an editor against a real workbook
    xw.Book(sys.argv[1] if len(sys.argv) > 1 else "workbook/RAK_2022.xlsm").set_mock_caller()
    validate()
