"""The write path's check (adapters/rewrite_checks.py) is made once per content: `run` and `submit`
ask when they read the file and again in the writer, and the second answer is the first one's, for
the very same bytes only. A changed file, or another file, is checked afresh."""

from __future__ import annotations

import shutil
from unittest import mock

import pytest

import make_bad_corpus as corpus
from conftest import WORKBOOK, edit_workbook
from rak_xl.adapters import rewrite_checks
from rak_xl.cli import main
from rak_xl.core.errors import RakInputError


@pytest.fixture
def counted():
    """How many times the checks themselves run (the real ones: they are wrapped, not replaced)."""
    with mock.patch.object(rewrite_checks, "_check", wraps=rewrite_checks._check) as spy:
        yield spy


def test_run_checks_the_copy_it_writes_once(tmp_path, counted, capsys):
    source = shutil.copyfile(WORKBOOK, tmp_path / "RAK_2022.xlsm")
    assert main(["run", str(source), "-o", str(tmp_path / "hasil.xlsm")]) == 0
    assert counted.call_count == 1
    # The same file changed: its new bytes are checked again, once.
    edit_workbook(source, source, {"Identitas": {"B11": "Probolinggo (revisi)"}})
    assert main(["run", str(source), "-o", str(tmp_path / "hasil.xlsm"), "--force"]) == 0
    assert counted.call_count == 2


def test_a_file_refused_for_writing_is_refused_after_one_that_passed(tmp_path, counted):
    good = shutil.copyfile(WORKBOOK, tmp_path / "RAK_2022.xlsm")
    rewrite_checks.check_rewritable(good, good.read_bytes())
    for make in (corpus.merge_huge, corpus.sheet_name_forbidden):
        bad = make(tmp_path / f"{make.__name__}.xlsm")
        for _ in range(2):  # nothing of a refusal is kept: asked again, it is refused again
            with pytest.raises(RakInputError):
                rewrite_checks.check_rewritable(bad, bad.read_bytes())
    # The good file's bytes passed already; under the name of a refused file they are checked again.
    rewrite_checks.check_rewritable(good, good.read_bytes())
    rewrite_checks.check_rewritable(tmp_path / "merge_huge.xlsm", good.read_bytes())
    assert counted.call_count == 1 + 2 * 2 + 1
