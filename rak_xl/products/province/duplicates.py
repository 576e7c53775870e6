"""Two files of one satker and year: one is used, chosen by evidence; the others are listed as skipped.

The evidence, strongest first:
  1. the newer Stempel Kiriman (a Siapkan Kiriman package says when it was made);
  2. the later plausible Tanggal Penetapan (not in the future, not flagged by RAK501:
     a typo such as 31-12-9999 must not make a file "newest");
  3. the later file time; then the file name, so the choice is stable.
Berkas Dilewati names the step that decided.
"""

from __future__ import annotations

import datetime as dt

from rak_xl.core import clock
from rak_xl.core.text import say

from .summary import KIND_DUPLICATE, SatkerSummary, Skipped


def resolve_duplicates(summaries: list[SatkerSummary],
                       today: dt.date | None = None) -> tuple[list[SatkerSummary], list[Skipped]]:
    """One summary per (satker, year), chosen by evidence; the others become skipped entries saying why."""
    today = today or clock.now().date()
    groups: dict[tuple, list[SatkerSummary]] = {}
    for s in summaries:
        groups.setdefault(s.key, []).append(s)
    kept, dropped = [], []
    for group in groups.values():
        group.sort(key=lambda s: _evidence(s, today), reverse=True)
        newest = group[0]
        kept.append(newest)
        for old in group[1:]:
            dropped.append(Skipped(old.file, KIND_DUPLICATE, say(
                "province.duplicate", satker=old.satker or "-", code=old.satker_code or "-", year=old.year or "-",
                kept=newest.file, why=_why(newest, old, today))))
            newest.notes.append(say("province.replaces", file=old.file))
    return kept, dropped


def _evidence(s: SatkerSummary, today: dt.date) -> tuple:
    return (_plausible_stamp(s, today) or dt.datetime.min, _plausible_date(s, today) or dt.date.min, s.mtime, s.file)


def _plausible_stamp(s: SatkerSummary, today: dt.date) -> dt.datetime | None:
    return s.stamped_at if s.stamped_at is not None and s.stamped_at.date() <= today else None


def _plausible_date(s: SatkerSummary, today: dt.date) -> dt.date | None:
    signed = s.signed_on.date() if isinstance(s.signed_on, dt.datetime) else s.signed_on
    return signed if signed is not None and not s.date_flagged and signed <= today else None


def _when(value) -> str:
    if isinstance(value, dt.datetime):
        return f"{value:%d-%m-%Y %H:%M}"
    return f"{value:%d-%m-%Y}" if isinstance(value, dt.date) else "-"


def _date_doubt(s: SatkerSummary, today: dt.date) -> str:
    """Why a file's Tanggal Penetapan does not count as evidence."""
    if s.signed_on is None:
        return say("province.doubt.none")
    return say("province.doubt.flagged" if s.date_flagged else "province.doubt.future", date=_when(s.signed_on))


def _why(kept: SatkerSummary, old: SatkerSummary, today: dt.date) -> str:
    """Which evidence put `kept` before `old`, in words for Berkas Dilewati."""
    new_stamp, old_stamp = _plausible_stamp(kept, today), _plausible_stamp(old, today)
    if new_stamp != old_stamp:
        return say("province.why.stamp", new=_when(new_stamp),
                   old=_when(old_stamp) if old_stamp else say("province.why.no_stamp"))
    new_date, old_date = _plausible_date(kept, today), _plausible_date(old, today)
    if new_date != old_date:
        if old_date is None:
            return say("province.why.date_used", new=_when(new_date), doubt=_date_doubt(old, today))
        return say("province.why.date", new=_when(new_date), old=_when(old_date))
    if kept.mtime != old.mtime:
        stamp = dt.datetime.fromtimestamp
        return say("province.why.file_time", new=_when(stamp(kept.mtime)), old=_when(stamp(old.mtime)))
    return say("province.why.name")
