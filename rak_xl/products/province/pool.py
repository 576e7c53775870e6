"""Many files -> their summaries: from the cache when a file's content was summarised before,
else in worker processes, in chunks, when there are enough files to be worth it."""

from __future__ import annotations

import os
import stat
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .progress import Progress
from .summary import SatkerSummary, Skipped, summarise_file
from .summary_cache import SummaryCache, content_digest


def summarise_all(paths: list[Path], workers: int | None = None, progress: Progress | None = None,
                  cache: SummaryCache | None = None) -> list[SatkerSummary | Skipped]:
    """Summaries of all files, in the order of `paths`; spread over processes when worth it.

    With a cache, a file whose content was summarised before (by this same rak_xl) is
    not read again; new summaries are stored in it.
    """
    results: dict[int, SatkerSummary | Skipped] = {}
    todo: list[tuple[int, str]] = []
    seen: dict[int, tuple[str, tuple]] = {}  # index -> (digest, stat signature when hashed)
    use_cache = cache is not None and cache.enabled
    for i, p in enumerate(paths):
        if use_cache:
            try:
                before = _signature(p)
                # Only a regular file is hashed (opening a FIFO would wait for a writer forever);
                # anything else goes to the reader, which refuses it with its message.
                digest = content_digest(p) if before[3] else None
            except OSError:
                digest = None
            if digest is None:
                todo.append((i, str(p)))
                continue
            cached = cache.get(digest, lambda data, p=p, mtime=before[2]: SatkerSummary.from_cache(data, Path(p), mtime))
            if cached is not None:
                results[i] = cached
                if progress:
                    progress.update()
                continue
            seen[i] = (digest, before)
        todo.append((i, str(p)))
    for i, result in _summarise_many(todo, workers, progress):
        results[i] = result
        if i in seen and isinstance(result, SatkerSummary):
            digest, before = seen[i]
            try:
                unchanged = _signature(paths[i]) == before
            except OSError:
                unchanged = False
            if unchanged:  # the file did not change while it was read: its summary belongs to that digest
                cache.put(digest, result.to_cache())
    return [results[i] for i in range(len(paths))]


def _signature(path: str | Path) -> tuple[int, int, float, bool]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_mtime, stat.S_ISREG(st.st_mode)


def _work(paths: list[str]) -> list[SatkerSummary | Skipped]:
    return [summarise_file(p) for p in paths]


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
    """(index, summary) for each (index, path), in processes when worth it."""
    workers = workers or os.cpu_count() or 1
    workers = max(1, min(workers, len(todo)))
    if workers == 1 or len(todo) < 4:
        for i, p in todo:
            yield i, summarise_file(p)
            if progress:
                progress.update()
        return
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
