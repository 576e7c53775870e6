"""Entry points of the workbook's buttons (xlwings RunPython).

Each Sub in macros/RakButtons.bas calls one function here, e.g.
    RunPython "import rak_xl.buttons as b; b.validate()"
RunPython starts a new Python for every click, so this module imports only
what a press needs; the heavy lifting lives in rak_xl.jobs.

A press reads the workbook once, computes everything, then writes once. A
problem the user can fix is shown as an Indonesian alert and nothing is
written; a bug is shown with a short reference, logged, and re-raised so it
is never swallowed.
"""

from __future__ import annotations

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # remote engine in tests; harmless on desktop

import xlwings as xw  # noqa: E402

from .errors import RakInputError  # noqa: E402

TITLE = "RAK - KPU"


def _alert(book, text: str, critical: bool = False) -> None:
    try:
        book.app.alert(text, title=TITLE, mode="critical" if critical else "info")
    except Exception:  # an engine without dialogs: the sheets still carry the result
        pass


def _press(job) -> None:
    book = xw.Book.caller()
    from .adapters import excel_live

    try:
        grids = excel_live.read_book(book)
        plan = job(grids, book.name)
    except RakInputError as exc:
        _alert(book, exc.text(), critical=True)
        return
    except Exception:
        from .crash import report

        _alert(book, report(), critical=True)
        raise
    excel_live.apply_plan(book, plan)
    if plan.message:
        _alert(book, plan.message)


def _validate_job(grids, name):
    from . import jobs

    return jobs.validation_outputs(jobs.validate(grids, name))


def validate() -> None:
    """Tombol Validasi: check the plan, write the Temuan sheet and the highlights."""
    _press(_validate_job)


if __name__ == "__main__":  # run the button from an editor against a real workbook
    import sys

    xw.Book(sys.argv[1] if len(sys.argv) > 1 else "workbook/RAK_2022.xlsm").set_mock_caller()
    validate()
