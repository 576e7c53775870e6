"""One satker workbook -> a SatkerSummary: what its line of the recap needs, small and picklable.

Runs in a worker process (pool.py): the file is read and validated with the same jobs as
the buttons (read_grids -> jobs.validate), summed by rak_xl.figures, and the grids dropped,
so memory stays flat however many files there are. A file that cannot be used becomes a
Skipped entry with the reason; nothing here raises for a bad file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from rak_xl.core import layout as L
from rak_xl.core.errors import RakInputError
from rak_xl.core.text import say, tw
from rak_xl.figures import sums
from rak_xl.parse.codes import id_key

MAX_FINDINGS_PER_SATKER = 200  # a badly broken file must not flood the recap (or memory)
# Sheets that make a workbook a RAK workbook; fewer than two of them: something else.
_CORE_SHEETS = (L.SHEET_IDENTITY, L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_BUDGET)

# Why a file is not on a line of its own (Berkas Dilewati's Jenis column, sorted by these words).
KIND_UNREADABLE = say("province.kind.unreadable")
KIND_NOT_RAK = say("province.kind.not_rak")
KIND_DUPLICATE = say("province.kind.duplicate")
KIND_BUG = say("province.kind.bug")

# What a summary holds that depends on the file's content only (the cache stores these, the
# notes on capaian/serapan included); the name, path and time are the file's own on every run.
_PLACE_FIELDS = ("file", "path", "mtime")
_TIMES = ("signed_on", "stamped_at")


@dataclass
class SatkerSummary:
    """What the recap needs from one workbook; small and picklable (no grids, no Plan)."""

    file: str
    path: str
    mtime: float
    satker: str
    satker_code: str
    year: int | None
    dipa_number: str
    signed_on: dt.date | None
    counts: dict[str, int]
    pagu_initial: int | None
    pagu: int | None  # in force: revised when stated
    allocated: int
    programs: dict[str, int]
    program_names: dict[str, str]
    divisions: dict[str, int]
    rpd: list[int]
    errors: list[tuple[str, str, str, str]]  # (sheet, cell, code, message)
    errors_left_out: int = 0
    evaluation: dict[str, list[float | None]] | None = None  # "capaian"/"serapan" per quarter, percent
    stamped_at: dt.datetime | None = None  # Stempel Kiriman "Dibuat pada": a Siapkan Kiriman package
    date_flagged: bool = False  # RAK501: the Tanggal Penetapan is outside a sensible window
    notes: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int | None]:
        """Same satker and year: the code when known, else the name as a reader sees it (look-alike and
        invisible characters folded, rak_xl.parse.codes), else the file itself."""
        ident = self.satker_code or " ".join(id_key(self.satker).split()) or f"berkas:{self.file}"
        return ident, self.year

    def to_cache(self) -> dict:
        """The JSON-ready content of the summary (the file's place left out)."""
        data = {k: v for k, v in vars(self).items() if k not in _PLACE_FIELDS}
        data["notes"] = list(self.notes)
        for k in _TIMES:
            if data[k] is not None:
                data[k] = [type(data[k]).__name__, data[k].isoformat()]  # a date, or a datetime
        return data

    @classmethod
    def from_cache(cls, data: object, path: Path, mtime: float) -> SatkerSummary:
        """The summary stored by to_cache; ValueError for anything of another shape (the cache is
        outside rak_xl: a damaged or hand-edited entry is read again from the file, never trusted)."""
        data = dict(_checked(data))
        for k in _TIMES:
            if data[k] is not None:
                kind, text = data[k]
                data[k] = (dt.datetime if kind == "datetime" else dt.date).fromisoformat(text)
        data["errors"] = list(map(tuple, data["errors"]))
        return cls(file=path.name, path=str(path), mtime=mtime, **data)


# The shapes are checked on what json.loads makes (summary_cache._parsed): a whole number is an int, a
# text a str, so `type(v) is int` is an int and no bool, and a type test needs no isinstance.
def _is_int(v: object) -> bool:
    return type(v) is int


def _is_number(v: object) -> bool:
    return (type(v) is int or type(v) is float) and math.isfinite(v)


def _list_of(v: object, kind: type, length: int | None = None) -> bool:
    """A list of values of `kind` (exactly), of `length` when given."""
    return isinstance(v, list) and (length is None or len(v) == length) and all(type(x) is kind for x in v)


def _map_of(v: object, kind: type, least: int | None = None) -> bool:
    """Text keys to values of `kind` (exactly), each at least `least` when given."""
    return (isinstance(v, dict) and all(type(k) is str for k in v)
            and all(type(x) is kind and (least is None or x >= least) for x in v.values()))


def _findings(v: object) -> bool:
    """At most MAX_FINDINGS_PER_SATKER (sheet, cell, code, message) lists of texts."""
    if not isinstance(v, list) or len(v) > MAX_FINDINGS_PER_SATKER:
        return False
    for finding in v:
        if not isinstance(finding, list) or len(finding) != 4:
            return False
        for text in finding:
            if type(text) is not str:
                return False
    return True


def _moment(v: object) -> bool:
    return v is None or _list_of(v, str, 2) and v[0] in ("date", "datetime")


_SERIES_KEYS = frozenset(("capaian", "serapan"))


def _series(v: object) -> bool:
    return v is None or isinstance(v, dict) and v.keys() == _SERIES_KEYS and all(
        isinstance(x, list) and len(x) == len(L.QUARTERS) and all(q is None or _is_number(q) for q in x)
        for x in v.values())


# What each field of a cached summary may hold (to_cache's shapes: JSON lists for tuples and moments).
_CACHE_SHAPE = {
    "satker": lambda v: type(v) is str, "satker_code": lambda v: type(v) is str,
    "year": lambda v: v is None or _is_int(v), "dipa_number": lambda v: type(v) is str, "signed_on": _moment,
    "counts": lambda v: _map_of(v, int, least=0),
    "pagu_initial": lambda v: v is None or _is_int(v), "pagu": lambda v: v is None or _is_int(v),
    "allocated": _is_int, "programs": lambda v: _map_of(v, int), "program_names": lambda v: _map_of(v, str),
    "divisions": lambda v: _map_of(v, int), "rpd": lambda v: _list_of(v, int, len(L.QUARTERS)),
    "errors": _findings, "errors_left_out": lambda v: _is_int(v) and v >= 0, "evaluation": _series,
    "stamped_at": _moment, "date_flagged": lambda v: type(v) is bool, "notes": lambda v: _list_of(v, str),
}


def _checked(data: object) -> dict:
    """`data` when it has exactly the fields of a cached summary, each of its shape; else ValueError."""
    if not isinstance(data, dict) or data.keys() != _CACHE_SHAPE.keys():
        raise ValueError("not a cached summary")
    for key, fits in _CACHE_SHAPE.items():
        if not fits(data[key]):
            raise ValueError(f"cached summary: {key} of another shape")
    return data


@dataclass
class Skipped:
    file: str
    kind: str
    reason: str


def summarise_file(path: str | Path) -> SatkerSummary | Skipped:
    """Read, validate and summarise one workbook; never raises for a bad file."""
    return read_and_summarise(path)[1]


def file_bytes(path: Path) -> bytes | Skipped:
    """The file's bytes, read once (the reader's checks: a regular workbook file of a sane size), or
    why it is skipped."""
    from rak_xl.adapters.archive import read_bytes

    try:
        return read_bytes(path)
    except RakInputError as exc:
        return Skipped(path.name, KIND_UNREADABLE, exc.text())


def digest_of(data: bytes) -> str:
    """What the cache knows a file's content by: the SHA-256 of its bytes (hex)."""
    return hashlib.sha256(data).hexdigest()


# How much older than the read a file's times must be for its stat to vouch for its content: a file
# rewritten within its file system's timestamp granularity (FAT's 2 seconds the coarsest) can keep
# the times it had before.
RACY_NS = 2_000_000_000


def stat_key(info: os.stat_result) -> str:
    """What the cache knows a file's state by besides its path (summary_cache's place table)."""
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def read_stamped(path: Path) -> tuple[bytes | Skipped, str | None]:
    """The file's bytes (file_bytes), and its stat key when that key may stand for these bytes: a
    regular file whose stat was the same before and after the read, with times at least RACY_NS
    older than the read. None otherwise (the bytes are still good; only no mapping is recorded)."""
    started = time.time_ns()
    try:
        before = os.stat(path)
    except OSError:
        before = None
    data = file_bytes(path)
    if before is None or isinstance(data, Skipped) or not stat.S_ISREG(before.st_mode):
        return data, None
    if max(before.st_mtime_ns, before.st_ctime_ns) > started - RACY_NS:
        return data, None
    try:
        after = os.stat(path)
    except OSError:
        return data, None
    key = stat_key(before)
    return data, key if stat_key(after) == key else None


class Summarised(NamedTuple):
    digest: str | None  # SHA-256 of the bytes read; None when the file could not be read
    result: SatkerSummary | Skipped
    stat: str | None  # stat_key when it may stand for those bytes (read_stamped), else None
    size: int = 0  # how many bytes were read


def read_and_summarise(path: str | Path) -> Summarised:
    """The SHA-256 of the bytes read and their summary: the file is read once, and both come from
    those bytes, so a file rewritten meanwhile can never file one content's summary under another's
    digest; and the file's stat key, when the read vouches for it."""
    path = Path(path)
    data, key = read_stamped(path)
    if isinstance(data, Skipped):
        return Summarised(None, data, None)
    return Summarised(digest_of(data), _summarise_bytes(path, data), key, len(data))


def _summarise_bytes(path: Path, data: bytes) -> SatkerSummary | Skipped:
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.parse.tables import label_key
    from rak_xl.products import jobs
    from rak_xl.products.stamp import stamp_time

    try:
        grids = read_grids(path, data=data)
    except RakInputError as exc:
        return Skipped(path.name, KIND_UNREADABLE, exc.text())
    except Exception as exc:  # a reader bug on one file must not stop the recap of the others
        return Skipped(path.name, KIND_BUG, f"{type(exc).__name__}: {exc}")
    present = {label_key(n) for n in grids}
    if sum(label_key(s) in present for s in _CORE_SHEETS) < 2:
        return Skipped(path.name, KIND_NOT_RAK,
                       say("province.not_rak", expected=", ".join(_CORE_SHEETS), present=", ".join(grids) or "-"))
    try:
        stamped = stamp_time(grids)
        report = jobs.validate(grids, path.name)
        del grids
        return _summary(report, path, stamped)
    except Exception as exc:
        from rak_xl.core.crash import report as crash_report

        return Skipped(path.name, KIND_BUG, f"{crash_report()} ({type(exc).__name__})")


def _summary(report, path: Path, stamped: dt.datetime | None = None) -> SatkerSummary:
    from rak_xl.core.findings import Finding

    plan = report.plan
    ident = plan.identity
    errors = sorted([f for f in report.findings if f.rule.severity == "error"], key=Finding.sort_key)
    kept = [(f.sheet, f.a1, f.code, f.message("id")) for f in errors[:MAX_FINDINGS_PER_SATKER]]
    code = ident.get("satker_code")
    evaluation, notes = evaluation_series(plan)
    return SatkerSummary(
        file=path.name, path=str(path), mtime=path.stat().st_mtime,
        satker=str(ident.get("satker") or ""), satker_code=str(code or ""), year=ident.year,
        dipa_number=str(ident.get("dipa_number") or ""), signed_on=ident.date,
        counts=report.summary, pagu_initial=ident.get("budget_initial"), pagu=ident.budget_in_force,
        allocated=sums.allocated(plan), programs=sums.program_totals(plan),
        program_names={p.code: p.name for p in plan.programs if p.code},
        divisions=sums.division_totals(plan), rpd=sums.quarter_totals(plan.budget_lines),
        errors=kept, errors_left_out=len(errors) - len(kept), evaluation=evaluation, notes=notes,
        stamped_at=stamped, date_flagged="RAK501" in [f.rule.code for f in report.findings],
    )


def evaluation_series(plan) -> tuple[dict[str, list[float | None]] | None, list[str]]:
    """Quarterly capaian (overall average) and cumulative serapan, percent, per quarter, as
    rak_xl.figures.quarterly computes them for the Evaluasi sheet; and a note naming what is empty.

    Only for workbooks that carry the evaluation sheets; otherwise the recap has no such
    columns. A figure that cannot be computed stays empty (never 0), and the note says why.
    """
    from rak_xl.figures import quarterly as E

    if not plan.evaluation.started:
        return None, []
    capaian: list[float | None] = []
    serapan: list[float | None] = []
    unreported, no_capaian, no_spending = [], [], []
    for q, (status, achieved, absorbed) in zip(L.QUARTERS, E.overall(plan)):
        capaian.append(None if achieved.value is None else round(achieved.value, 2))
        serapan.append(None if absorbed.absorption is None else round(absorbed.absorption, 2))
        if status != E.RUNNING:
            unreported.append(q)
            continue
        if achieved.value is None:
            no_capaian.append(q)
        if absorbed.absorption is None:
            no_spending.append(q)
    parts = [say(key, quarters=", ".join(tw(q) for q in quarters))
             for key, quarters in (("province.unreported", unreported), ("province.no_capaian", no_capaian),
                                   ("province.no_spending", no_spending)) if quarters]
    notes = [say("province.blank_figures", parts="; ".join(parts))] if parts else []
    return {"capaian": capaian, "serapan": serapan}, notes
