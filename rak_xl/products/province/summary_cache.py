"""The Rekap Provinsi cache: each workbook's summary, kept so a re-run reads only new or changed files.

The province re-runs the recap as satker workbooks arrive over days. A file whose
bytes have not changed gives the same summary, so its summary is stored under
    (SHA-256 of the file's content, engine fingerprint)
where the engine fingerprint covers rak_xl's version, the rule catalog (codes,
severities, messages) and the source of the package itself: any other rak_xl, or a
changed rule, simply finds no entries and reads every file again. A summary holds
nothing that depends on the file's name or place (the name, path and modification
time are taken fresh on every run), so a renamed or copied file is a hit.

Finding that digest means reading and hashing the whole file, so a second table, as git's
index does, keeps each file's place and stat when its digest was taken:
    (absolute path) -> (st_dev, st_ino, st_size, st_mtime_ns, st_ctime_ns, SHA-256)
A file whose path and stat are unchanged is known by that digest unread, and the folder scan
does not open it either (it was a workbook when it was read). This table does depend on the
place: it is what says "this is still the file that was hashed". A file changed in place
changes its size, mtime or ctime (restoring the mtime with a touch sets the ctime), a file
replaced by another changes its inode. (On Windows st_ctime is the creation time, so a rewrite
of the same size whose mtime is then set back on purpose goes unseen there, as it does for git;
--no-cache reads every file.) A mapping is recorded only when it is sound
(summary.read_stamped): a regular file whose stat was the same before and after the bytes
were read, and whose mtime and ctime were at least RACY_NS older than the read, so that a
file rewritten within its file system's timestamp granularity (FAT keeps 2 seconds) cannot
keep the stat of content it no longer has. A renamed or copied file is read and hashed once,
then mapped under its new place. A summary also keeps the size of the file it was made from: a file
of a size never summarised is new content, read once where it is summarised rather than first
hashed here only to miss (a first run's every file). A mapping holds for any engine (a digest is the content's alone).

Where (docs/commands.md says the same; the folder is safe to delete at any time):
    RAK_XL_CACHE_DIR, when set (the tests point it at a temporary folder);
    Windows: %LOCALAPPDATA%\\rak_xl\\Cache;  macOS: ~/Library/Caches/rak_xl;
    otherwise $XDG_CACHE_HOME/rak_xl, by default ~/.cache/rak_xl.
One SQLite file (province.sqlite3) in that folder: one file to delete, atomic
transactions, safe when two recaps run at once.

The cache is a trust boundary: anyone who can write that folder can write the file. So it only
ever saves time. A file that is no cache of ours (another program's, an older layout: its
application id, version and columns say so) or a damaged one (SQLite's quick check) is set aside
as province.sqlite3.rusak and a new cache is made, once, rather than read around on every run. An
entry is parsed strictly (no NaN or Infinity, at most MAX_ENTRY bytes, no nesting beyond what JSON's
parser allows) and handed to `load`, which checks its shape; an entry that fails is deleted and the
file is read again. A mapping row of the wrong types (a stat that is no text, a digest that is not
64 lowercase hex digits) is ignored. A stale or poisoned mapping can at worst make a file be looked
up under another digest, which is what a poisoned summary entry can already do: the file gets that
digest's summary (parsed and shape-checked like any entry) or, when there is none, is read. So too
a file the scan would set aside by its first bytes: it is taken for a workbook only while its path
and stat match a mapping, and then gets a checked summary or is read, and named by the reader.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import sys
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

ENV_DIR = "RAK_XL_CACHE_DIR"
FILE_NAME = "province.sqlite3"
_BATCH = 64
KEEP_DAYS = 60  # entries not used for this long are dropped (old versions, files long gone)
# A use is written back only when the stored one is older than this: a re-run of unchanged files
# writes nothing, and an entry still outlives KEEP_DAYS of disuse by at most a day.
_REFRESH = 86400
APPLICATION_ID = 0x52414B31  # "RAK1" in the SQLite header: this file is a rak_xl cache
LAYOUT = 3  # the tables' layout (PRAGMA user_version); another layout is set aside and rebuilt
COLUMNS = ["digest", "engine", "data", "used", "size"]
PLACE_COLUMNS = ["path", "stat", "digest", "used"]
_DIGEST = re.compile(r"[0-9a-f]{64}")
MAX_ENTRY = 4 * 1024 * 1024  # bytes of one summary's JSON; a real one is a few KB (at most 200 findings)


class _NotOurs(Exception):
    """The cache file is another program's, of another layout, or damaged."""


def cache_dir() -> Path:
    """The user's cache folder for rak_xl (see the module docstring)."""
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "rak_xl" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "rak_xl"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rak_xl"


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """rak_xl version + rule catalog + the package's own source: what a summary depends on besides the file."""
    from rak_xl import __version__
    from rak_xl.core.catalog import CATALOG

    h = hashlib.sha256()
    h.update(f"rak_xl {__version__}\n".encode())
    for rule in CATALOG.values():
        h.update(repr(rule).encode())
    # The version alone is not enough while rak_xl is developed (a rule fixed without a new version
    # number would keep serving old summaries); the source is small enough to hash on every run.
    root = source_root()
    for src in sorted(root.rglob("*.py")):
        h.update(src.relative_to(root).as_posix().encode())
        h.update(src.read_bytes())
    return h.hexdigest()[:32]


def source_root() -> Path:
    """The rak_xl package folder: every module of it can change a summary (reader, rules, figures)."""
    import rak_xl

    return Path(rak_xl.__file__).resolve().parent


class SummaryCache:
    """Content hash -> the JSON of a summary, for one engine fingerprint, and a file's path and stat ->
    its content hash. Use as a context manager."""

    def __init__(self, folder: str | Path | None = None, fingerprint: str | None = None) -> None:
        self.folder = Path(folder) if folder is not None else cache_dir()
        self.fingerprint = fingerprint or engine_fingerprint()
        self.db: sqlite3.Connection | None = None
        self.broken = False  # SQLite reported the file damaged while in use
        self.hits = 0
        self._new: list[tuple[str, str, str, float, int]] = []
        self._used: list[tuple[float, str, str]] = []
        self._places: list[tuple[str, str, str, float]] = []  # new mappings, written with the summaries
        self._places_used: list[tuple[float, str]] = []
        # A folder's mappings and their summaries, read in one query when the folder's first file is
        # looked up: path -> (stat, digest, used), digest -> (data, used), or None for no summary.
        self._folders: set[str] = set()
        self._known: dict[str, tuple[str, str, object]] = {}
        self._stored: dict[str, tuple[object, object] | None] = {}
        self._sizes: set[int] | None = None  # the sizes of the files summarised, read on first use

    def __enter__(self) -> SummaryCache:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def open(self) -> None:
        path = self.folder / FILE_NAME
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.db = self._connect(path)
        except (_NotOurs, sqlite3.DatabaseError) as exc:
            if isinstance(exc, sqlite3.OperationalError):  # busy, locked, no room: run without a cache
                self.db = None
                return
            # Damaged (a half-copied file) or another program's file of that name: set aside, start anew.
            self._set_aside(path)
            try:
                self.db = self._connect(path)
            except (OSError, sqlite3.Error, _NotOurs):
                self.db = None
        except OSError:
            self.db = None  # no writable cache folder (a locked-down PC): run without a cache

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        """The cache at `path`, made when new; _NotOurs when the file is something else or damaged."""
        db = sqlite3.connect(path, timeout=10)
        try:
            db.execute("BEGIN IMMEDIATE")  # two recaps starting at once: one makes the table, the other sees it
            _ours_or_new(db)
            db.commit()
            if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise _NotOurs("damaged")
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self, path: Path) -> None:
        try:
            path.replace(path.with_name(f"{path.name}.rusak"))
        except OSError:
            pass

    @property
    def enabled(self) -> bool:
        return self.db is not None

    def get(self, digest: str, load: Callable[[object], Any] | None = None) -> Any:
        """The stored entry (through `load`, which raises ValueError for a shape it does not take), or None;
        an entry that will not parse or load is deleted (the file is read again and stored anew)."""
        if self.db is None:
            return None
        if digest in self._stored:  # read with its folder's mappings (taken once: a second copy asks again)
            row = self._stored.pop(digest)
        else:
            try:
                row = self.db.execute("SELECT data, used FROM summary WHERE digest = ? AND engine = ?",
                                      (digest, self.fingerprint)).fetchone()
            except sqlite3.DatabaseError as exc:
                self._failed(exc)
                return None
        if row is None:
            return None
        try:
            data = _parsed(row[0])
            if load is not None:
                data = load(data)
        # Edited by hand, written by something else, or of a shape this code does not know (a whole number
        # too large for a float where a percentage goes is an OverflowError).
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError, OverflowError):
            self._drop(digest)
            return None
        self.hits += 1
        now = time.time()
        if _stale(row[1], now):
            self._used.append((now, digest, self.fingerprint))
        return data

    def digest_at(self, path: str, stat: str) -> str | None:
        """The digest recorded for the file at `path` (absolute) when its stat key was `stat`, or None
        (no mapping, another stat, or a row of the wrong types: the file is then read and hashed)."""
        if self.db is None:
            return None
        folder = os.path.dirname(path)
        if folder not in self._folders:
            self._folders.add(folder)
            self._load(folder)
        known = self._known.get(path)
        if known is None or known[0] != stat:
            return None
        now = time.time()
        if _stale(known[2], now):
            self._known[path] = (known[0], known[1], now)
            self._places_used.append((now, path))
        return known[1]

    def _load(self, folder: str) -> None:
        """The mappings of the files in `folder` (absolute) and the summaries of their digests, in one query
        (rows of the wrong types left out)."""
        prefix = os.path.join(folder, "")
        try:
            rows = self.db.execute(
                "SELECT p.path, p.stat, p.digest, p.used, s.data, s.used FROM place p LEFT JOIN summary s "
                "ON s.digest = p.digest AND s.engine = ? WHERE p.path > ? AND p.path < ?",
                (self.fingerprint, prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1))).fetchall()
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return
        for path, stat, digest, used, data, data_used in rows:
            # Subfolders' files fall in the same range; the scan does not reach them.
            if isinstance(path, str) and os.path.dirname(path) == folder and _sound(stat, digest):
                self._known.setdefault(path, (stat, digest, used))
                self._stored[digest] = None if data is None else (data, data_used)

    def put_place(self, path: str, stat: str, digest: str) -> None:
        """Record that the file at `path` had stat key `stat` when its content hashed to `digest`
        (only for a sound read: summary.read_stamped)."""
        if self.db is None or self.broken or self._known.get(path, ())[:2] == (stat, digest):
            return
        now = time.time()
        self._known[path] = (stat, digest, now)
        self._places.append((path, stat, digest, now))
        if len(self._places) >= _BATCH:
            self._flush()

    def _drop(self, digest: str) -> None:
        try:
            with self.db:
                self.db.execute("DELETE FROM summary WHERE digest = ? AND engine = ?", (digest, self.fingerprint))
        except sqlite3.DatabaseError as exc:
            self._failed(exc)

    def _failed(self, exc: sqlite3.DatabaseError) -> None:
        """A query failed: a busy or full disk costs only this entry; a damaged file is given up for this
        run and set aside when closed (the next run makes a new one)."""
        if not isinstance(exc, sqlite3.OperationalError):
            self.broken = True

    def may_hold(self, size: int) -> bool:
        """Whether a summary of a file of `size` bytes may be stored: a file of a size never summarised
        (a new plan, or the first run) goes to be read without being read and hashed here first.
        A stored size of the wrong type counts for nothing; a cache that cannot say answers True."""
        if self.db is None:
            return False
        if self._sizes is None:
            try:
                rows = self.db.execute("SELECT DISTINCT size FROM summary WHERE engine = ?",
                                       (self.fingerprint,)).fetchall()
            except sqlite3.DatabaseError as exc:
                self._failed(exc)
                return True
            self._sizes = {n for (n,) in rows if isinstance(n, int)}
        return size in self._sizes

    def put(self, digest: str, data: dict, size: int) -> None:
        """Store the summary of `size` bytes whose SHA-256 is `digest`."""
        if self.db is None or self.broken:
            return
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        if len(text) > MAX_ENTRY:  # it would be refused when read: not worth storing
            return
        if self._sizes is not None:
            self._sizes.add(size)
        self._new.append((digest, self.fingerprint, text, time.time(), size))
        if len(self._new) >= _BATCH:  # memory stays flat however many files there are
            self._flush()

    def _flush(self) -> None:
        if self.db is None or self.broken:
            return
        if not (self._new or self._used or self._places or self._places_used):
            return  # a re-run of unchanged files opens no write transaction
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO summary VALUES (?, ?, ?, ?, ?)", self._new)
                self.db.executemany("UPDATE summary SET used = ? WHERE digest = ? AND engine = ?", self._used)
                self.db.executemany("INSERT OR REPLACE INTO place VALUES (?, ?, ?, ?)", self._places)
                self.db.executemany("UPDATE place SET used = ? WHERE path = ?", self._places_used)
        except sqlite3.DatabaseError as exc:  # a cache that cannot be written only costs time on the next run
            self._failed(exc)
        self._new, self._used, self._places, self._places_used = [], [], [], []

    def close(self) -> None:
        """Store what is pending, drop entries unused for KEEP_DAYS, close; a cache found damaged is set aside."""
        if self.db is None:
            return
        self._flush()
        try:
            if not self.broken:
                with self.db:
                    cutoff = (time.time() - KEEP_DAYS * 86400,)
                    self.db.execute("DELETE FROM summary WHERE used < ?", cutoff)
                    self.db.execute("DELETE FROM place WHERE used < ?", cutoff)
        except sqlite3.DatabaseError:
            pass
        finally:
            self.db.close()
            self.db = None
        if self.broken:
            self._set_aside(self.folder / FILE_NAME)


def _ours_or_new(db: sqlite3.Connection) -> None:
    """Make the tables in a new (empty) database; _NotOurs for a file that is some other database."""
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master")]
    if not tables:
        # size: the bytes of the file summarised, so that a file of a size never seen is not hashed to be
        # looked up (SummaryCache.may_hold).
        db.execute("CREATE TABLE summary (digest TEXT NOT NULL, engine TEXT NOT NULL, data TEXT NOT NULL, "
                   "used REAL NOT NULL, size INTEGER NOT NULL, PRIMARY KEY (digest, engine))")
        # stat: "st_dev:st_ino:st_size:st_mtime_ns:st_ctime_ns" (summary.stat_key), one text, so that an
        # inode number beyond SQLite's 64-bit integers is kept whole.
        db.execute("CREATE TABLE place (path TEXT NOT NULL PRIMARY KEY, stat TEXT NOT NULL, digest TEXT NOT NULL, "
                   "used REAL NOT NULL)")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {LAYOUT}")
        return
    ours = (db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
            and db.execute("PRAGMA user_version").fetchone() == (LAYOUT,)
            and [row[1] for row in db.execute("PRAGMA table_info(summary)")] == COLUMNS
            and [row[1] for row in db.execute("PRAGMA table_info(place)")] == PLACE_COLUMNS)
    if not ours:
        raise _NotOurs("another program's file, or another layout")


def _stale(used: object, now: float) -> bool:
    """Whether a stored use time is worth writing anew (a time of the wrong type is)."""
    return not isinstance(used, (int, float)) or used < now - _REFRESH


def _sound(stat: object, digest: object) -> bool:
    """Whether a place row's stat and digest are of our types (text, and 64 lowercase hex digits)."""
    return isinstance(stat, str) and isinstance(digest, str) and _DIGEST.fullmatch(digest) is not None


def _refuse(constant: str) -> None:
    raise ValueError(f"{constant} in a cached entry")


def _finite(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"{literal} in a cached entry")
    return value


# One decoder for every entry: json.loads with hooks would make a decoder (and its scanner) per entry.
_DECODER = json.JSONDecoder(parse_constant=_refuse, parse_float=_finite)


def _parsed(text: object) -> object:
    """One entry's JSON, strictly: text of at most MAX_ENTRY bytes, numbers finite (JSON's NaN and
    Infinity refused; a literal too large for a float, such as 1e999, too)."""
    if not isinstance(text, str) or len(text) > MAX_ENTRY:
        raise ValueError("not an entry of ours")
    return _DECODER.decode(text)
