"""No data loss: a workbook written from another holds every input sheet of its source, value for value.

The one write helper (rak_xl.adapters.atomic.replacing, with `keeps`) reads the written bytes
back before they replace anything. These tests make the writer library itself lose a sheet or a
value (openpyxl's Workbook.save is wrapped: the fault is in the library, not in rak_xl), then run
every command that writes a copy: each must refuse with RAK820, leave the input and the target as
they were and leave no temporary file. A door that wrote around the helper would pass the loss
on, and fail here. A change after openpyxl saved (the pass that fills in the links' values) is
caught too: the check reads the bytes that will replace the target.
"""

from __future__ import annotations

import hashlib

import pytest

from rak_xl.cli import main
from rak_xl.core import layout as L


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _lossy_save(monkeypatch, lose) -> None:
    """openpyxl's save, after `lose(wb)` took something away from the workbook being saved."""
    from openpyxl.workbook.workbook import Workbook

    real = Workbook.save

    def save(self, filename):
        lose(self)
        return real(self, filename)

    monkeypatch.setattr(Workbook, "save", save)


def _drop_budget_sheet(wb) -> None:
    wb.remove(wb[L.SHEET_BUDGET])


def _change_a_pagu(wb) -> None:
    wb[L.SHEET_PROGRAMS]["C5"].value = 1


COMMANDS = {
    "run -o": lambda f, d: ["run", str(f), "-o", str(d / "hasil.xlsm")],
    "run --in-place": lambda f, d: ["run", str(f), "--in-place"],
    "consolidate -o": lambda f, d: ["consolidate", str(f), "-o", str(d / "hasil.xlsm")],
    "evaluate -o": lambda f, d: ["evaluate", str(f), "-o", str(d / "hasil.xlsm")],
    "submit": lambda f, d: ["submit", str(f), "-o", str(d / "Kiriman"), "--no-pdf", "--force"],
}
LOSSES = {"sheet": (_drop_budget_sheet, f"lembar '{L.SHEET_BUDGET}' tidak ada"),
          "value": (_change_a_pagu, f"sel {L.SHEET_PROGRAMS}!C5 berisi '1'")}


@pytest.mark.parametrize("loss", list(LOSSES))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_copy_that_lost_data_replaces_nothing(workbook_copy, monkeypatch, capsys, command, loss):
    lose, words = LOSSES[loss]
    folder = workbook_copy.parent
    before = _sha(workbook_copy)
    listing = sorted(folder.iterdir())
    _lossy_save(monkeypatch, lose)
    assert main(COMMANDS[command](workbook_copy, folder)) == 2
    err = capsys.readouterr().err
    assert "(RAK820)" in err and words in err and workbook_copy.name in err, err
    assert "Traceback" not in err
    assert _sha(workbook_copy) == before
    assert sorted(folder.iterdir()) == listing, "a copy, a package or a temporary file was left behind"


def test_a_faithful_copy_is_written(workbook_copy, tmp_path, capsys):
    """The same commands without a fault write their copy: the check refuses only a loss (the input
    sheets' formulas, saved without their results, count as kept: Excel recalculates them)."""
    from rak_xl.adapters.file_read import read_grids

    out = tmp_path / "hasil.xlsm"
    assert main(["run", str(workbook_copy), "-o", str(out)]) == 0
    written = read_grids(out)
    assert set(read_grids(workbook_copy)) <= set(written)
    assert written.uncomputed.get(L.SHEET_ACHIEVEMENT), "the Capaian lookups should be formulas without results"


def test_the_check_compares_moments_as_excel_stores_them():
    import datetime as dt

    from rak_xl.adapters.kept_values import first_difference, same_value

    assert same_value(dt.datetime(2021, 11, 17), dt.date(2021, 11, 17))
    assert same_value(None, "") and same_value(float("nan"), float("nan")) and same_value(1, 1.0)
    assert not same_value(dt.datetime(2021, 11, 17, 12), dt.date(2021, 11, 17))
    assert not same_value("A-001", "A-002") and not same_value(0, None)
    assert first_difference([["a", 1], [None, 2]], [["a", 1], [None]]) == (2, 2, 2, None)
    assert first_difference([["a", 1]], [["a", None]], recalculated={(1, 2)}) is None
    assert first_difference([["x\x07"]], [["x\ufffd"]], stored=lambda v: v.replace("\x07", "\ufffd")) is None


def _lossy_link_pass(monkeypatch) -> None:
    """The pass that fills in the links' values after openpyxl saved (file_write.cache_values), then a
    pagu changed in the same file: whatever happens to the bytes after openpyxl, the check must read
    them as they are finally written."""
    import re
    import zipfile

    from rak_xl.adapters import file_write
    from rak_xl.adapters.workbook_parts import sheet_parts

    real = file_write.cache_values

    def cache_values(saved, shown):
        real(saved, shown)
        with zipfile.ZipFile(saved) as zf:
            part = sheet_parts(zf)[L.SHEET_PROGRAMS]
            members = [(info, zf.read(info.filename)) for info in zf.infolist()]
        with zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in members:
                if info.filename == part:
                    data, n = re.subn(rb'(<c r="C5"[^>]*>)<v>[^<]*</v>', rb"\g<1><v>1</v>", data)
                    assert n == 1, "the pagu cell was not found: the test would prove nothing"
                out.writestr(info, data)

    monkeypatch.setattr(file_write, "cache_values", cache_values)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_the_copy_is_checked_as_finally_written(workbook_copy, monkeypatch, capsys, command):
    folder = workbook_copy.parent
    before = _sha(workbook_copy)
    listing = sorted(folder.iterdir())
    _lossy_link_pass(monkeypatch)
    assert main(COMMANDS[command](workbook_copy, folder)) == 2
    err = capsys.readouterr().err
    assert "(RAK820)" in err and f"sel {L.SHEET_PROGRAMS}!C5 berisi '1'" in err, err
    assert _sha(workbook_copy) == before
    assert sorted(folder.iterdir()) == listing, "a copy, a package or a temporary file was left behind"


def test_under_lite_the_copy_is_read_back_with_openpyxl_as_calamine_reads_it(workbook_copy, tmp_path):
    """xlwings Lite (Pyodide) has no python-calamine: there the Kiriman .xlsx, values only, is read back
    with openpyxl. Both readers give such a copy's input sheets the same values."""
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.adapters.kept_values import first_difference, values_by_openpyxl

    assert main(["submit", str(workbook_copy), "-o", str(tmp_path / "Kiriman"), "--no-pdf", "--force"]) == 0
    (xlsx,) = (tmp_path / "Kiriman").glob("*/*.xlsx")
    by_calamine, by_openpyxl = read_grids(xlsx), values_by_openpyxl(xlsx)
    assert set(L.INPUT_SHEETS) <= set(by_calamine)
    for name in L.INPUT_SHEETS:
        assert first_difference(by_calamine[name], by_openpyxl[name]) is None, name


@pytest.mark.parametrize("loss", list(LOSSES))
def test_under_lite_a_package_that_lost_data_is_refused_too(workbook_copy, monkeypatch, capsys, loss):
    """The same loss in the Kiriman .xlsx, read back as under Lite (openpyxl), refuses the package."""
    from types import SimpleNamespace

    from rak_xl.adapters import kept_values

    lose, words = LOSSES[loss]
    monkeypatch.setattr(kept_values, "sys", SimpleNamespace(platform="emscripten"))
    _lossy_save(monkeypatch, lose)
    assert main(COMMANDS["submit"](workbook_copy, workbook_copy.parent)) == 2
    err = capsys.readouterr().err
    assert "(RAK820)" in err and words in err, err
    assert not (workbook_copy.parent / "Kiriman").exists()
