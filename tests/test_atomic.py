"""Atomic writes: a failure in the middle of saving leaves the original byte-identical.

The failure is injected into the zip writer of the standard library that
openpyxl saves through (not into rak_xl): after a few parts have been written
to the temporary file, the next part raises. The command line is called
in-process (rak_xl.cli.main), the same entry point as `rak-xl`.
"""

from __future__ import annotations

import errno
import hashlib
import zipfile

import pytest

from rak_xl.cli import main


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fail_midway(monkeypatch, exc: Exception, after_parts: int = 5) -> dict:
    """Make ZipFile.writestr raise on the (after_parts+1)-th part; record what was on disk then."""
    seen = {"parts": 0, "files_at_failure": None}
    real = zipfile.ZipFile.writestr

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        # Only archives written to disk count: openpyxl also copies the VBA parts into an
        # in-memory zip while loading.
        if getattr(self, "filename", None):
            if seen["parts"] == after_parts:
                seen["files_at_failure"] = self.filename
                raise exc
            seen["parts"] += 1
        return real(self, zinfo_or_arcname, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr)
    return seen


@pytest.mark.parametrize("in_place", [True, False])
def test_disk_full_midway_leaves_the_original_and_no_temp_file(workbook_copy, monkeypatch, capsys, in_place):
    before = _sha(workbook_copy)
    listing = sorted(workbook_copy.parent.iterdir())
    seen = _fail_midway(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    args = ["run", str(workbook_copy)] + (["--in-place"] if in_place else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "tidak dapat ditulis" in err and "Traceback" not in err
    assert seen["parts"] == 5, "the failure should come after some parts were written"
    assert seen["files_at_failure"] and ".RAK_2022" in str(seen["files_at_failure"]), \
        "the library should have been writing the temporary file, not the target"
    assert _sha(workbook_copy) == before
    assert sorted(workbook_copy.parent.iterdir()) == listing, "temporary or partial output left behind"


def test_a_library_bug_midway_is_reported_as_a_bug_and_changes_nothing(workbook_copy, monkeypatch, capsys):
    before = _sha(workbook_copy)
    listing = sorted(workbook_copy.parent.iterdir())
    _fail_midway(monkeypatch, RuntimeError("boom inside the zip writer"), after_parts=8)
    assert main(["run", str(workbook_copy), "--in-place"]) == 3
    err = capsys.readouterr().err
    assert "Terjadi kesalahan program (ref " in err and "Traceback" not in err
    assert _sha(workbook_copy) == before
    assert sorted(workbook_copy.parent.iterdir()) == listing


def test_the_rename_is_the_only_step_that_touches_the_target(workbook_copy, monkeypatch, capsys):
    """When the final replace is refused (Windows: the file is open in Excel) nothing changes."""
    import os

    before = _sha(workbook_copy)
    listing = sorted(workbook_copy.parent.iterdir())

    def refuse(src, dst, *a, **k):
        raise PermissionError(errno.EACCES, "used by another process", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    assert main(["run", str(workbook_copy), "--in-place"]) == 2
    assert "sedang dibuka di program lain" in capsys.readouterr().err
    assert _sha(workbook_copy) == before
    assert sorted(workbook_copy.parent.iterdir()) == listing
