"""The time stamped on outputs. SOURCE_DATE_EPOCH (the reproducible-builds convention)
fixes it, so tests can compare two runs and builds are byte-identical."""

from __future__ import annotations

import datetime as dt
import os


def now() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.now().replace(microsecond=0)
