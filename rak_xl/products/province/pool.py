"""Many files -> their summaries: from the cache when a file's content was summarised before,
else in worker processes, in chunks, when there are enough files to be worth it.

The cache is outside rak_xl (a file anyone can write), so it is trusted with nothing but time: a
file is looked up by the digest its path and stat were mapped to when it was last read, or else by
the SHA-256 of the bytes read for the lookup, and a summary is stored under the digest of the very
bytes it was made from (read once, in the worker: summary.read_and_summarise), so a file rewritten
in between cannot file one content's summary under another's digest. A mapping is recorded from a
read that vouches for it (summary.read_stamped), in the worker or in the lookup here."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from rak_xl.core.gc_pause import paused_gc

from .progress import Progress
from .summary import SatkerSummary, Skipped, Summarised, digest_of, read_and_summarise, read_stamped, stat_key
from .summary_cache import SummaryCache


def summarise_all(paths: list[Path], workers: int | None = None, progress: Progress | None = None,
                  cache: SummaryCache | None = None, known: Known | None = None) -> list[SatkerSummary | Skipped]:
    """Summaries of all files, in the order of `paths`; spread over processes when worth it.

    With a cache, a file whose content was summarised before (by this same rak_xl) is
    not read again; new summaries are stored in it. `known`: the folder scan's (known_by), whose
    stat and digest of each file it vouched for are taken instead of asking again.
    """
    results: dict[int, SatkerSummary | Skipped] = {}
    todo: list[tuple[int, str]] = []
    use_cache = cache is not None and cache.enabled
    seen = known.seen if known is not None else {}
    # The cached summaries are many small acyclic objects that all stay: the collector would only rescan
    # them as they pile up (rak_xl/core/gc_pause.py).
    with paused_gc():
        for i, p in enumerate(paths):
            found = _cached(p if isinstance(p, Path) else Path(p), cache, seen.get(p)) if use_cache else None
            if found is None:
                todo.append((i, str(p)))
                continue
            results[i] = found
            if progress:
                progress.update()
    for i, (digest, result, key, size) in _summarise_many(todo, workers, progress):
        results[i] = result
        if use_cache and digest is not None and isinstance(result, SatkerSummary):
            cache.put(digest, result.to_cache(), size)
            if key is not None:
                cache.put_place(os.path.abspath(paths[i]), key, digest)
    return [results[i] for i in range(len(paths))]


def known_digest(cache: SummaryCache, path: Path, info: os.stat_result) -> str | None:
    """The digest the cache maps this file's path and stat to (a regular file only), or None."""
    if not stat.S_ISREG(info.st_mode):
        return None
    return cache.digest_at(os.path.abspath(path), stat_key(info))


class Known:
    """For the folder scan: whether the cache maps a file's path and stat to a digest (the file was
    read as a workbook then); the stat and digest of each file it knows are kept for the lookup."""

    def __init__(self, cache: SummaryCache) -> None:
        self.cache = cache
        self.seen: dict[Path, tuple[os.stat_result, str]] = {}

    def __call__(self, path: Path, info: os.stat_result) -> bool:
        digest = known_digest(self.cache, path, info)
        if digest is None:
            return False
        self.seen[path] = (info, digest)
        return True


def known_by(cache: SummaryCache | None) -> Known | None:
    """The scan's Known of this cache; None without a cache."""
    if cache is None or not cache.enabled:
        return None
    return Known(cache)


def _cached(path: Path, cache: SummaryCache, seen: tuple[os.stat_result, str] | None = None,
            ) -> SatkerSummary | Skipped | None:
    """The file's summary from the cache; a file that cannot be read is skipped here (its reason is
    the reader's, as a worker would give it); None when the file must be summarised. `seen`: the
    stat and digest the folder scan found for it."""
    if seen is not None:
        info, digest = seen
    else:
        try:
            info = os.stat(path)
        except OSError:
            info = None
        digest = known_digest(cache, path, info) if info is not None else None
    if digest is not None:  # unchanged since it was hashed: its summary, or a worker reads it
        return cache.get(digest, lambda stored: SatkerSummary.from_cache(stored, path, info.st_mtime))
    if info is not None and stat.S_ISREG(info.st_mode) and not cache.may_hold(info.st_size):
        return None  # new content (no summary of a file this size): read once, by the worker
    data, key = read_stamped(path)  # the reader's checks first: a FIFO, a device, a huge file is never hashed
    if isinstance(data, Skipped):
        return data
    if info is None:
        return None
    digest = digest_of(data)
    found = cache.get(digest, lambda stored: SatkerSummary.from_cache(stored, path, info.st_mtime))
    if found is not None and key is not None:  # a renamed or copied file: known by its new place next time
        cache.put_place(os.path.abspath(path), key, digest)
    return found


def _work(paths: list[str]) -> list[Summarised]:
    return [read_and_summarise(p) for p in paths]


def warm_up() -> None:
    """Import what a summary needs, so forked workers inherit it instead of importing it each."""
    from rak_xl.adapters import file_read  # noqa: F401
    from rak_xl.products import jobs  # noqa: F401
    from rak_xl.rules import load_all

    load_all()


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _summarise_many(todo: list[tuple[int, str]], workers: int | None,
                    progress: Progress | None):
    """(index, Summarised) for each (index, path), in processes when worth it."""
    workers = workers or os.cpu_count() or 1
    workers = max(1, min(workers, len(todo)))
    if workers == 1 or len(todo) < 4:
        for i, p in todo:
            yield i, read_and_summarise(p)
            if progress:
                progress.update()
        return
    # Imported here: a re-run with few changed files starts no worker process.
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    # Chunks amortise the inter-process round trips; several per worker keep the cores busy to the end.
    warm_up()
    size = max(1, min(32, len(todo) // (workers * 4)))
    chunks = _chunks(todo, size)
    done: set[int] = set()
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_work, [p for _, p in chunk]): n for n, chunk in enumerate(chunks)}
            for fut in as_completed(futures):
                n = futures[fut]
                for (i, _), result in zip(chunks[n], fut.result()):
                    yield i, result
                done.add(n)
                if progress:
                    progress.update(len(chunks[n]))
    except (OSError, BrokenProcessPool):
        # No worker processes here (a locked-down PC, a killed worker): finish in this process.
        for n, chunk in enumerate(chunks):
            if n not in done:
                for (i, _), result in zip(chunk, _work([p for _, p in chunk])):
                    yield i, result
                if progress:
                    progress.update(len(chunk))
