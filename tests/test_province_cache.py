"""Rekap Provinsi's cache: a re-run reads only new or changed files and gives the recap of a cold run.

A file whose path and stat are unchanged since its digest was taken is known by that digest unread
(the place table); any change of its stat, a racy read, a mapping without a summary or a poisoned
mapping row means the file is read again."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

import rak_xl
from conftest import ROOT, WORKBOOK, edit_workbook
from rak_xl.core import layout as L
from rak_xl.adapters.new_workbook import write_workbook
from rak_xl.outputs.recap_sheets import recap_plan
from rak_xl.products import province as P
from rak_xl.products.province import summary as S
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


@pytest.mark.parametrize("evaluation", ['{"capaian": [1%s, null, null, null], "serapan": [1, 2, 3, 4]}' % ("0" * 400),
                                        '{"capaian": [1, 2, 3, 4]}', '{"capaian": [1, 2, 3, 4], "serapan": [1, 2, 3]}'],
                         ids=["beyond_float", "series_missing", "quarter_short"])
def test_a_cached_evaluation_of_another_shape_is_a_miss(folder, cache_dir, evaluation):
    """A percentage too large for a float, a series missing or a quarter short: the entry is read again."""
    d, made = folder
    P.collect_recap(d, workers=1)
    db = sqlite3.connect(cache_dir / C.FILE_NAME)
    with db:
        db.execute("UPDATE summary SET data = json_set(data, '$.evaluation', json(?))", (evaluation,))
    db.close()
    recap = P.collect_recap(d, workers=1)
    assert recap.cached == 0 and {s.satker for s in recap.satkers} == {g.satker for g in made}
    assert P.collect_recap(d, workers=1).cached == len(made)


def test_the_cache_decoder_refuses_what_json_loads_with_its_hooks_refuses():
    """One decoder serves every entry: it refuses NaN, Infinity and a float beyond range, as each
    entry's own json.loads did, and parses the rest alike."""
    for text in ('{"a": NaN}', '{"a": -Infinity}', '{"a": 1e999}', '{"a": 1', '\ufeff{}', '[' * 100_000):
        with pytest.raises((ValueError, RecursionError)):
            C._parsed(text)
    assert C._parsed(' {"a": [1.5, -2, "x\\u00e9", null, true]} ') == {"a": [1.5, -2, "x\u00e9", None, True]}


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


# -- the place table: a file known by its path and stat -------------------------------------------

DIGEST = "ab" * 32


@pytest.fixture
def settled(monkeypatch):
    """Files written a moment ago count as settled (the tests cannot wait RACY_NS for each file)."""
    monkeypatch.setattr(S, "RACY_NS", 0)


def _db(cache_dir) -> sqlite3.Connection:
    return sqlite3.connect(cache_dir / C.FILE_NAME)


def _sql(cache_dir, statement: str, *params) -> list:
    db = _db(cache_dir)
    with db:
        rows = db.execute(statement, params).fetchall()
    db.close()
    return rows


def _places(cache_dir) -> dict[str, tuple[str, str]]:
    return {path: (stat, digest) for path, stat, digest in _sql(cache_dir, "SELECT path, stat, digest FROM place")}


def _names(recap) -> dict[str, str]:
    return {s.file: s.satker for s in recap.satkers}


def _recorded(cache_dir, made) -> None:
    """A first run recorded a mapping for every workbook (and for nothing else)."""
    places = _places(cache_dir)
    assert set(places) == {os.path.abspath(g.path) for g in made}
    for g in made:
        assert places[os.path.abspath(g.path)] == (S.stat_key(os.stat(g.path)), S.digest_of(g.path.read_bytes()))


def _restamp(path, in_place: bool) -> None:
    """New bytes of the same size under the same mtime: the first zip member's DOS time (local and
    central header) moves by two seconds and the file's mtime is set back, the file rewritten in
    place (only its ctime moves) or replaced by a new one (a new inode)."""
    before = os.stat(path)
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    assert data[:4] == b"PK\x03\x04" and struct.unpack_from("<I", data, central + 42)[0] == 0
    for at in (10, central + 12):
        (dos_time,) = struct.unpack_from("<H", data, at)
        struct.pack_into("<H", data, at, dos_time ^ 1)
    time.sleep(0.01)  # a ctime of its own, on file systems with coarse timestamps too
    if in_place:
        with open(path, "r+b") as fh:
            fh.write(data)
        target = path
    else:
        target = path.with_name(path.name + ".baru")
        target.write_bytes(data)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(target, path)
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert (after.st_ino == before.st_ino) == in_place and after.st_ctime_ns != before.st_ctime_ns


def test_unchanged_files_are_known_by_their_stat_unread(folder, cache_dir, settled):
    d, made = folder
    first = P.collect_recap(d, workers=1)
    assert first.cached == 0 and {s.file for s in first.skipped} == {"rusak.xlsx"}
    _recorded(cache_dir, made)
    _tamper(cache_dir, "DARI CACHE")
    again = P.collect_recap(d, workers=1)
    assert again.cached == len(made) and set(_names(again).values()) == {"DARI CACHE"}
    assert [(s.file, s.reason) for s in again.skipped] == [(s.file, s.reason) for s in first.skipped]
    assert [s.mtime for s in again.satkers] == [os.stat(d / s.file).st_mtime for s in again.satkers]


@pytest.mark.parametrize("in_place", [True, False], ids=["in_place", "replaced"])
def test_a_file_rewritten_with_its_size_and_mtime_is_read_again(folder, cache_dir, settled, in_place):
    d, made = folder
    P.collect_recap(d, workers=1)
    _tamper(cache_dir, "DARI CACHE")
    changed = made[0]
    _restamp(changed.path, in_place)
    recap = P.collect_recap(d, workers=1)
    names = _names(recap)
    assert names[changed.path.name] == changed.satker  # its stat changed (ctime, inode): read, not the cache's
    assert {names[g.path.name] for g in made[1:]} == {"DARI CACHE"}
    assert _places(cache_dir)[os.path.abspath(changed.path)][0] == S.stat_key(os.stat(changed.path))


def test_a_file_just_written_is_not_recorded(folder, cache_dir):
    d, made = folder
    future = time.time_ns() + 60 * 10**9
    for g in made:  # times that a rewrite within the timestamp granularity could keep
        os.utime(g.path, ns=(future, future))
    recap = P.collect_recap(d, workers=1)
    assert len(recap.satkers) == len(made)
    assert _places(cache_dir) == {}
    assert P.collect_recap(d, workers=1).cached == len(made)  # the summaries are kept all the same


def test_read_stamped_vouches_only_for_a_settled_file(tmp_path):
    path = tmp_path / "RAK.xlsx"
    path.write_bytes(WORKBOOK.read_bytes())
    hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(path, ns=(hour_ago, hour_ago))
    data, key = S.read_stamped(path)
    assert data == WORKBOOK.read_bytes()
    assert key is None  # the mtime is an hour old, but the ctime (set by utime) is now
    missing, key = S.read_stamped(tmp_path / "hilang.xlsx")
    assert isinstance(missing, P.Skipped) and key is None


def test_read_stamped_keys_a_settled_file(tmp_path, monkeypatch):
    path = tmp_path / "RAK.xlsx"
    path.write_bytes(WORKBOOK.read_bytes())
    monkeypatch.setattr(S, "RACY_NS", 0)
    data, key = S.read_stamped(path)
    assert key == S.stat_key(os.stat(path))
    assert S.read_and_summarise(path).stat == key


def test_a_mapping_whose_digest_has_no_summary_falls_back_to_reading(folder, cache_dir, settled):
    d, made = folder
    P.collect_recap(d, workers=1)
    places = _places(cache_dir)
    _sql(cache_dir, "DELETE FROM summary")
    recap = P.collect_recap(d, workers=1)
    assert recap.cached == 0 and _names(recap) == {g.path.name: g.satker for g in made}
    assert _places(cache_dir) == places
    assert P.collect_recap(d, workers=1).cached == len(made)


@pytest.mark.parametrize("poison", [
    "UPDATE place SET stat = 12345",
    "UPDATE place SET digest = x'00ff'",
    "UPDATE place SET digest = 'bukan-digest'",
    "UPDATE place SET digest = upper(digest)",
    "UPDATE place SET used = 'kemarin'",
    "UPDATE place SET stat = x'3a3a'",
], ids=["stat_int", "digest_blob", "digest_text", "digest_upper", "used_text", "stat_blob"])
def test_a_poisoned_mapping_row_is_ignored(folder, cache_dir, settled, poison):
    d, made = folder
    cold = P.collect_recap(d, workers=1, use_cache=False)
    P.collect_recap(d, workers=1)
    _sql(cache_dir, poison)
    recap = P.collect_recap(d, workers=1)  # read and hashed again: the summaries are found by content
    assert recap.cached == len(made) and recap.satkers == cold.satkers
    _recorded(cache_dir, made)  # and the rows made sound again


def test_a_mapping_to_a_digest_of_another_file_serves_that_files_summary_only(folder, cache_dir, settled):
    """The worst a poisoned mapping can do: a lookup under another digest, whose entry is checked as ever."""
    d, made = folder
    P.collect_recap(d, workers=1)
    a, b = (os.path.abspath(g.path) for g in made[:2])

    def satkers() -> dict[str, str]:
        with C.SummaryCache() as cache:
            results = P.summarise_all(P.find_workbooks(d), workers=1, cache=cache)
        return {r.file: r.satker for r in results if isinstance(r, P.SatkerSummary)}

    _sql(cache_dir, "UPDATE place SET digest = (SELECT digest FROM place WHERE path = ?) WHERE path = ?", b, a)
    assert satkers()[made[0].path.name] == made[1].satker
    _sql(cache_dir, "UPDATE place SET digest = ? WHERE path = ?", DIGEST, a)  # a digest with no summary
    assert satkers() == {g.path.name: g.satker for g in made}


def test_the_scan_leaves_a_known_file_unopened(folder):
    d, _ = folder
    (d / "catatan.xlsx").write_bytes(b"%PDF-1.4 bukan workbook")
    assert [s.file for s in P.scan_folder(d).skipped] == ["catatan.xlsx"]
    known = P.scan_folder(d, known=lambda path, info: path.name == "catatan.xlsx")
    assert known.skipped == [] and d / "catatan.xlsx" in known.workbooks


def test_the_recap_is_the_same_with_and_without_the_cache(folder, cache_dir, settled, tmp_path):
    d, made = folder
    _recap(d, tmp_path / "dingin.xlsx", use_cache=False)
    _recap(d, tmp_path / "pertama.xlsx")
    _recorded(cache_dir, made)
    assert _recap(d, tmp_path / "kedua.xlsx").cached == len(made)  # every workbook known by its stat
    reference = _sheets(tmp_path / "dingin.xlsx")
    assert reference[P.SHEET_RECAP][P.HEADER_ROW:]
    assert _sheets(tmp_path / "pertama.xlsx") == reference and _sheets(tmp_path / "kedua.xlsx") == reference


def test_an_old_layout_cache_is_set_aside_and_rebuilt(folder, cache_dir, settled):
    d, made = folder
    cache_dir.mkdir()
    db = _db(cache_dir)
    db.execute("CREATE TABLE summary (digest TEXT NOT NULL, engine TEXT NOT NULL, data TEXT NOT NULL, "
               "used REAL NOT NULL, PRIMARY KEY (digest, engine))")
    db.execute(f"PRAGMA application_id = {C.APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    recap = P.collect_recap(d, workers=1)
    assert len(recap.satkers) == len(made) and recap.cached == 0
    assert (cache_dir / f"{C.FILE_NAME}.rusak").exists()
    _recorded(cache_dir, made)
    assert P.collect_recap(d, workers=1).cached == len(made)


def test_uses_are_written_back_at_most_daily_and_old_mappings_dropped(folder, cache_dir, settled, tmp_path):
    d, made = folder
    P.collect_recap(d, workers=1)
    first = _sql(cache_dir, "SELECT path, used FROM place ORDER BY path")
    P.collect_recap(d, workers=1)
    assert _sql(cache_dir, "SELECT path, used FROM place ORDER BY path") == first  # nothing written
    two_days_ago = time.time() - 2 * 86400
    _sql(cache_dir, "UPDATE place SET used = ?", two_days_ago)
    _sql(cache_dir, "UPDATE summary SET used = ?", two_days_ago)
    P.collect_recap(d, workers=1)
    assert all(used > two_days_ago + 86400 for _, used in _sql(cache_dir, "SELECT path, used FROM place"))
    assert all(used > two_days_ago + 86400 for (used,) in _sql(cache_dir, "SELECT used FROM summary"))
    # Not used for KEEP_DAYS (the folder's files gone from every recap): dropped like the summaries.
    _sql(cache_dir, "UPDATE place SET used = 0")
    other = tmp_path / "lain"
    other.mkdir()
    (other / "catatan.txt").write_text("belum ada kiriman", encoding="utf-8")
    P.collect_recap(other, workers=1)
    assert _places(cache_dir) == {}


def test_content_is_looked_up_only_for_a_size_summarised_before(folder, cache_dir):
    """A file with no mapping for its place is hashed here only when a summary of a file of its size
    is stored (a copy or a renamed file); new content goes to be read once, where it is summarised."""
    d, made = folder
    first = P.collect_recap(d, workers=1)
    sizes = {g.path.stat().st_size for g in made}
    with C.SummaryCache() as cache:
        assert all(cache.may_hold(n) for n in sizes)
        assert not cache.may_hold(max(sizes) + 1)
    copy = d / f"salinan{made[0].path.suffix}"
    shutil.copy(made[0].path, copy)
    again = P.collect_recap(d, workers=1)
    assert again.cached == len(first.satkers) + 1  # the copy too: same size, same content
    # A size of the wrong type counts for nothing: that file is read again, never trusted.
    _sql(cache_dir, "UPDATE summary SET size = 'besar'")
    with C.SummaryCache() as cache:
        assert not any(cache.may_hold(n) for n in sizes)
    copy.unlink()
    assert _names(P.collect_recap(d, workers=1)) == _names(first)
