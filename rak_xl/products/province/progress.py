"""A plain progress bar on stderr for `rak-xl province`."""

from __future__ import annotations

import sys
import time

from rak_xl.core.text import say


class Progress:
    """Redrawn in place on a terminal, a line per 10% otherwise (a log or a pipe)."""

    def __init__(self, total: int, label: str, stream=None, enabled: bool = True) -> None:
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last_step = -1
        self.start = time.perf_counter()

    def update(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        pct = 100 * self.done // self.total
        if self.tty:
            bar = "#" * (pct // 4) + "." * (25 - pct // 4)
            self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} ({pct}%)")
            if self.done >= self.total:
                self.stream.write(f" {say('province.seconds', seconds=time.perf_counter() - self.start)}\n")
        elif pct // 10 != self._last_step:
            self._last_step = pct // 10
            self.stream.write(f"{self.label}: {self.done}/{self.total} ({pct}%)\n")
        self.stream.flush()
