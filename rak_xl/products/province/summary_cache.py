"""The Rekap Provinsi cache: each workbook's summary, kept so a re-run reads only new or changed files.

The province re-runs the recap as satker workbooks arrive over days. A file whose
bytes have not changed gives the same summary, so its summary is stored under
    (SHA-256 of the file's content, engine fingerprint)
where the engine fingerprint covers rak_xl's version, the rule catalog (codes,
severities, messages) and the source of the package itself: any other rak_xl, or a
changed rule, simply finds no entries and reads every file again. Nothing that
depends on the file's name or place is stored (the name, path and modification time
are taken fresh on every run), so a renamed or copied file is a hit.

Where (docs/commands.md says the same; the folder is safe to delete at any time):
    RAK_XL_CACHE_DIR, when set (the tests point it at a temporary folder);
    Windows: %LOCALAPPDATA%\\rak_xl\\Cache;  macOS: ~/Library/Caches/rak_xl;
    otherwise $XDG_CACHE_HOME/rak_xl, by default ~/.cache/rak_xl.
One SQLite file (province.sqlite3) in that folder: one file to delete, atomic
transactions, safe when two recaps run at once. A cache that cannot be opened or is
damaged is set aside and the recap runs without it: the cache only ever saves time.
"""

from __future__ import annotations

import hashlib
import json
import os
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


def content_digest(path: str | Path) -> str:
    """SHA-256 of the file's bytes (hex)."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


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
    """Content hash -> the JSON of a summary, for one engine fingerprint. Use as a context manager."""

    def __init__(self, folder: str | Path | None = None, fingerprint: str | None = None) -> None:
        self.folder = Path(folder) if folder is not None else cache_dir()
        self.fingerprint = fingerprint or engine_fingerprint()
        self.db: sqlite3.Connection | None = None
        self.hits = 0
        self._new: list[tuple[str, str, str, float]] = []
        self._used: list[tuple[float, str, str]] = []

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
        except sqlite3.DatabaseError:
            # Damaged (a half-copied file, another program's file of that name): set it aside, start anew.
            self._set_aside(path)
            try:
                self.db = self._connect(path)
            except (OSError, sqlite3.Error):
                self.db = None
        except (OSError, sqlite3.Error):
            self.db = None  # no writable cache folder (a locked-down PC): run without a cache

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=10)
        db.execute("CREATE TABLE IF NOT EXISTS summary (digest TEXT NOT NULL, engine TEXT NOT NULL, "
                   "data TEXT NOT NULL, used REAL NOT NULL, PRIMARY KEY (digest, engine))")
        return db

    def _set_aside(self, path: Path) -> None:
        try:
            path.replace(path.with_name(f"{path.name}.rusak"))
        except OSError:
            pass

    @property
    def enabled(self) -> bool:
        return self.db is not None

    def get(self, digest: str, load: Callable[[dict], Any] | None = None) -> Any:
        """The stored entry (through `load`, when given), or None; an entry that will not load is a miss."""
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT data FROM summary WHERE digest = ? AND engine = ?",
                                  (digest, self.fingerprint)).fetchone()
            if row is None:
                return None
            data = json.loads(row[0])
            if load is not None:
                data = load(data)
        # An entry edited by hand, or of a shape this code does not know: read the file again.
        except (sqlite3.Error, ValueError, TypeError, KeyError, AttributeError):
            return None
        self.hits += 1
        self._used.append((time.time(), digest, self.fingerprint))
        return data

    def put(self, digest: str, data: dict) -> None:
        if self.db is None:
            return
        self._new.append((digest, self.fingerprint, json.dumps(data, ensure_ascii=False), time.time()))
        if len(self._new) >= _BATCH:  # memory stays flat however many files there are
            self._flush()

    def _flush(self) -> None:
        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO summary VALUES (?, ?, ?, ?)", self._new)
                self.db.executemany("UPDATE summary SET used = ? WHERE digest = ? AND engine = ?", self._used)
        except sqlite3.Error:
            pass  # a cache that cannot be written only costs time on the next run
        self._new, self._used = [], []

    def close(self) -> None:
        """Store what is pending, drop entries unused for KEEP_DAYS, close."""
        if self.db is None:
            return
        self._flush()
        try:
            with self.db:
                self.db.execute("DELETE FROM summary WHERE used < ?", (time.time() - KEEP_DAYS * 86400,))
        except sqlite3.Error:
            pass
        finally:
            self.db.close()
            self.db = None
