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


# -- names and signals -----------------------------------------------------------------------

def _hidden(folder) -> list:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_name_that_fits_is_written_however_long(workbook_copy, tmp_path, capsys):
    """A legal name at the folder's limit: its temporary name beside it is shortened, not refused."""
    import os

    out = tmp_path / "keluar"
    out.mkdir()
    target = out / ("R" * (os.pathconf(out, "PC_NAME_MAX") - len(".xlsm")) + ".xlsm")
    assert main(["run", str(workbook_copy), "-o", str(target)]) == 0, capsys.readouterr().err
    assert target.is_file()
    assert _hidden(out) == []


def test_a_name_longer_than_the_folder_allows_is_refused_before_any_work(workbook_copy, tmp_path, capsys):
    import os

    target = tmp_path / ("R" * os.pathconf(tmp_path, "PC_NAME_MAX") + ".xlsm")
    listing = sorted(tmp_path.iterdir())
    assert main(["run", str(workbook_copy), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "(RAK818)" in err and "255 byte" in err, err
    assert sorted(tmp_path.iterdir()) == listing


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_a_signal_during_the_save_leaves_no_temporary_file(workbook_copy, tmp_path, signal_name):
    """SIGTERM (a shutdown, a job runner's timeout) and SIGINT (Ctrl+C) arriving while the copy is
    written: the process unwinds, the hidden temporary file goes with it, the input is unchanged."""
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT

    source = workbook_copy
    before = _sha(source)
    out = tmp_path / "keluar"
    out.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "rak_xl", "run", str(source), "-o", str(out / "hasil.xlsm")],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not _hidden(out) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    assert _hidden(out), "the save never started (or ended before the signal could be sent)"
    proc.send_signal(getattr(signal, signal_name))
    _stdout, err = proc.communicate(timeout=120)
    assert _hidden(out) == [], "a temporary file was left behind"
    assert _sha(source) == before
    if (out / "hasil.xlsm").exists():  # the signal landed after the copy was put in place: it is whole
        assert zipfile.ZipFile(out / "hasil.xlsm").testzip() is None
    else:
        assert proc.returncode == 130, err
        assert "Traceback" not in err, err
        assert list(out.iterdir()) == []
