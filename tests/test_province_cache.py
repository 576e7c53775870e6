"""Rekap Provinsi's cache: a re-run reads only new or changed files and gives the recap of a cold run."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

import rak_xl
from conftest import ROOT, WORKBOOK, edit_workbook
from rak_xl.core import layout as L
from rak_xl.adapters.new_workbook import write_workbook
from rak_xl.outputs.recap_sheets import recap_plan
from rak_xl.products import province as P
from rak_xl.products.province import summary_cache as C
from synthetic import Template, generate


@pytest.fixture(scope="module")
def template():
    return Template(WORKBOOK)


@pytest.fixture
def folder(tmp_path, template):
    d = tmp_path / "kiriman"
    made = generate(d, 4, seed=7, defect_rate=0.5, xlsx_share=0.5, template=template)
    (d / "rusak.xlsx").write_bytes(b"PK\x03\x04 potongan")
    return d, made


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv(C.ENV_DIR, str(d))
    return d


def _sheets(path) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def _cli(folder, out, *extra):
    done = subprocess.run([sys.executable, "-m", "rak_xl.cli", "province", str(folder), "-o", str(out), "--quiet",
                           *extra], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _recap(folder, out, use_cache=True):
    recap = P.collect_recap(folder, workers=1, use_cache=use_cache)
    write_workbook(recap_plan(recap, "kiriman", dt.datetime(2026, 11, 29, 8, 0)), out)
    return recap


def test_cached_rerun_equals_a_cold_run_from_the_cli(folder, cache_dir, tmp_path):
    d, made = folder
    first = _cli(d, tmp_path / "pertama.xlsx")
    assert "dari cache" not in first
    again = _cli(d, tmp_path / "kedua.xlsx")
    assert f"{len(made)} berkas tidak berubah" in again  # every RAK file came from the cache
    cold = _cli(d, tmp_path / "dingin.xlsx", "--no-cache")
    assert "dari cache" not in cold
    assert (cache_dir / C.FILE_NAME).exists()
    reference = _sheets(tmp_path / "dingin.xlsx")
    assert reference[P.SHEET_RECAP][P.HEADER_ROW:]  # something to compare
    assert _sheets(tmp_path / "pertama.xlsx") == reference
    assert _sheets(tmp_path / "kedua.xlsx") == reference


def test_cached_summaries_equal_fresh_ones_field_by_field(folder, cache_dir):
    d, _ = folder
    paths = P.find_workbooks(d)
    cold = P.summarise_all(paths, workers=1)
    with C.SummaryCache() as cache:
        P.summarise_all(paths, workers=1, cache=cache)
    with C.SummaryCache() as cache:
        warm = P.summarise_all(paths, workers=1, cache=cache)
        assert cache.hits == sum(isinstance(r, P.SatkerSummary) for r in cold)
    assert warm == cold


def test_changed_added_and_removed_files_are_picked_up(folder, cache_dir, tmp_path, template):
    d, made = folder
    _recap(d, tmp_path / "awal.xlsx")
    # changed: the same file name, a new pagu and satker name; added: a new satker; removed: another.
    changed = made[0]
    edited = edit_workbook(changed.path, tmp_path / f"edit{changed.path.suffix}",
                           {L.SHEET_IDENTITY: {"B4": "KPU Kota Berubah"}})
    shutil.copyfile(edited, changed.path)
    extra = generate(tmp_path / "baru", 6, seed=99, template=template)[-1]
    shutil.copyfile(extra.path, d / f"tambahan{extra.path.suffix}")
    made[1].path.unlink()
    recap = _recap(d, tmp_path / "ulang.xlsx")
    names = {s.file: s.satker for s in recap.satkers}
    assert names[changed.path.name] == "KPU Kota Berubah"
    assert names[f"tambahan{extra.path.suffix}"] == extra.satker
    assert made[1].path.name not in names
    assert recap.cached == len(made) - 2  # the unchanged ones only
    _recap(d, tmp_path / "dingin.xlsx", use_cache=False)
    assert _sheets(tmp_path / "ulang.xlsx") == _sheets(tmp_path / "dingin.xlsx")


def _tamper(cache_dir, satker: str) -> int:
    """Rewrite every cached summary's satker name: shows whether a run used the cache."""
    db = sqlite3.connect(cache_dir / C.FILE_NAME)
    with db:
        n = db.execute("UPDATE summary SET data = json_set(data, '$.satker', ?)", (satker,)).rowcount
    db.close()
    return n


def test_a_cache_of_another_rak_xl_version_is_ignored(folder, cache_dir, monkeypatch):
    d, made = folder
    P.collect_recap(d, workers=1)
    assert _tamper(cache_dir, "DARI CACHE") == len(made)
    # Same rak_xl: the (tampered) cache is what is used, so the test below can tell.
    assert {s.satker for s in P.collect_recap(d, workers=1).satkers} == {"DARI CACHE"}
    monkeypatch.setattr(rak_xl, "__version__", "99.0.0")
    C.engine_fingerprint.cache_clear()
    try:
        recap = P.collect_recap(d, workers=1)
    finally:
        C.engine_fingerprint.cache_clear()
    assert recap.cached == 0
    assert {s.satker for s in recap.satkers} == {g.satker for g in made}


def test_the_fingerprint_follows_version_catalog_and_source(monkeypatch):
    C.engine_fingerprint.cache_clear()
    base = C.engine_fingerprint()
    monkeypatch.setattr(rak_xl, "__version__", "99.0.0")
    C.engine_fingerprint.cache_clear()
    assert C.engine_fingerprint() != base
    monkeypatch.undo()
    from rak_xl.core import catalog

    rule = next(iter(catalog.CATALOG.values()))
    monkeypatch.setitem(catalog.CATALOG, rule.code, type(rule)(**{**vars(rule), "severity": "info"}))
    C.engine_fingerprint.cache_clear()
    assert C.engine_fingerprint() != base
    monkeypatch.undo()
    C.engine_fingerprint.cache_clear()
    assert C.engine_fingerprint() == base


def test_the_fingerprint_covers_every_module_of_rak_xl(monkeypatch, tmp_path):
    """A rule fixed anywhere in the package (not only beside the cache) invalidates the summaries."""
    assert C.source_root() == Path(rak_xl.__file__).resolve().parent
    copy = tmp_path / "rak_xl"
    shutil.copytree(C.source_root(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(C, "source_root", lambda: copy)
    C.engine_fingerprint.cache_clear()
    try:
        base = C.engine_fingerprint()
        rule = copy / "rules" / "funding.py"
        rule.write_text(rule.read_text(encoding="utf-8") + "\n# a rule changed\n", encoding="utf-8")
        C.engine_fingerprint.cache_clear()
        assert C.engine_fingerprint() != base
    finally:
        C.engine_fingerprint.cache_clear()


def test_an_unreadable_cache_entry_is_a_miss(folder, cache_dir):
    d, made = folder
    P.collect_recap(d, workers=1)
    db = sqlite3.connect(cache_dir / C.FILE_NAME)
    with db:
        db.execute("UPDATE summary SET data = json_set(data, '$.unknown_field', 1)")
    db.close()
    recap = P.collect_recap(d, workers=1)
    assert recap.cached == 0 and {s.satker for s in recap.satkers} == {g.satker for g in made}
    assert P.collect_recap(d, workers=1).cached == len(made)  # the fresh summaries replaced them


def test_no_cache_neither_reads_nor_writes_it(folder, cache_dir, tmp_path):
    d, made = folder
    _recap(d, tmp_path / "a.xlsx", use_cache=False)
    assert not (cache_dir / C.FILE_NAME).exists()
    P.collect_recap(d, workers=1)
    _tamper(cache_dir, "DARI CACHE")
    recap = P.collect_recap(d, workers=1, use_cache=False)
    assert {s.satker for s in recap.satkers} == {g.satker for g in made}


def test_a_damaged_cache_is_set_aside_and_the_recap_still_runs(folder, cache_dir, tmp_path):
    d, made = folder
    cache_dir.mkdir()
    (cache_dir / C.FILE_NAME).write_bytes(b"bukan basis data SQLite " * 100)
    recap = P.collect_recap(d, workers=1)
    assert len(recap.satkers) == len(made)
    assert (cache_dir / f"{C.FILE_NAME}.rusak").exists()
    assert P.collect_recap(d, workers=1).cached == len(made)


def test_an_unwritable_cache_folder_costs_only_time(folder, monkeypatch, tmp_path):
    d, made = folder
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    monkeypatch.setenv(C.ENV_DIR, str(blocker / "cache"))  # cannot be created: a file is in the way
    recap = P.collect_recap(d, workers=1)
    assert len(recap.satkers) == len(made) and recap.cached == 0


def test_the_cache_lives_in_the_users_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(C.ENV_DIR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    where = C.cache_dir()
    if sys.platform == "win32":
        assert where == tmp_path / "local" / "rak_xl" / "Cache"
    elif sys.platform != "darwin":
        assert where == tmp_path / "xdg" / "rak_xl"
    assert os.environ.get(C.ENV_DIR) is None
