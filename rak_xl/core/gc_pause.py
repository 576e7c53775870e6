"""Pausing Python's cyclic garbage collector while a workbook is read and checked.

Reading and parsing allocate hundreds of thousands of small objects (cell
values, positions, rows) that form no reference cycles. The collector would
rescan all of them again and again as they pile up, which made validation
grow faster than the row count (10,000 rows: a third of the time). Reference
counting still frees everything; the collector runs again afterwards.

On resuming, the objects that survived the pause are moved straight to the
oldest generation (gc.freeze + gc.unfreeze, which also resets the young
generation's count) instead of being scanned all at once by the first young
collection: that one scan was about 3% of reading and validating a satker
workbook (instructions counted with bench/instructions.py). They are still
examined by the next full collection, like any long-lived object.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
