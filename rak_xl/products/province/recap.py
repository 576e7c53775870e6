"""The recap of a folder: its figures (Recap), and the two doors that write it.

    collect_recap   folder -> Recap (nothing written; also rak_xl.frames)
    province_recap  `rak-xl province DIR -o REKAP.xlsx`: a new workbook
    button_plan     the Buat Rekap button of Rekap_Provinsi.xlsm: the sheets for this workbook

Both doors write the one WritePlan of rak_xl.outputs.recap_sheets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from rak_xl.core import clock
from rak_xl.core import layout as L
from rak_xl.core.errors import RakInputError
from rak_xl.core.refusals import PROVINCE_FOLDER_EMPTY
from rak_xl.core.text import SEVERITIES, say

from .duplicates import resolve_duplicates
from .folder import check_output, folder_entries, folder_from_cell, sort_entries
from .pool import known_by, summarise_all
from .progress import Progress
from .summary import SatkerSummary, Skipped
from .summary_cache import SummaryCache


@dataclass
class RecapTotal:
    """A JUMLAH line: the satker's counts and Rupiah added up, with the fields of a satker's line."""

    satker: str  # the label: JUMLAH, or JUMLAH TAHUN 2023
    satker_code: str  # how many satker it adds up
    year: int | None
    counts: dict[str, int]
    pagu_initial: int
    pagu: int
    allocated: int
    programs: dict[str, int]
    divisions: dict[str, int]
    rpd: list[int]
    dipa_number: None = None
    signed_on: None = None
    file: None = None
    evaluation: None = None  # percentages of different satker are not added
    notes: tuple = ()
    errors_left_out: int = 0


def _add(values) -> int:
    """Whole Rupiah (or counts) added up; an amount not stated adds nothing."""
    return sum(v for v in values if isinstance(v, int))


@dataclass
class Recap:
    satkers: list[SatkerSummary]
    skipped: list[Skipped]
    program_codes: list[str]
    program_names: dict[str, str]
    divisions: list[str]
    with_evaluation: bool
    cached: int = 0  # summaries taken from the cache (files not read again)

    @property
    def years(self) -> list[int | None]:
        return sorted({s.year for s in self.satkers}, key=lambda y: y or 0)

    @property
    def with_errors(self) -> int:
        """How many satker have at least one error finding."""
        return sum(s.counts.get("error", 0) > 0 for s in self.satkers)

    def total(self, year: object = all) -> RecapTotal:
        """The JUMLAH line over every satker, or over one year's when the folder mixes years."""
        lines = self.satkers if year is all else [s for s in self.satkers if s.year == year]
        return RecapTotal(
            say("recap.total") if year is all else say("recap.total_year", year=year or "-"),
            say("recap.satker_count", n=len(lines)), None if year is all else year,
            counts={k: _add(s.counts.get(k, 0) for s in lines) for k in SEVERITIES},
            pagu_initial=_add(s.pagu_initial for s in lines), pagu=_add(s.pagu for s in lines),
            allocated=_add(s.allocated for s in lines),
            programs={c: _add(s.programs.get(c, 0) for s in lines) for c in self.program_codes},
            divisions={d: _add(s.divisions.get(d, 0) for s in lines) for d in self.divisions},
            rpd=[_add(s.rpd[q - 1] for s in lines) for q in L.QUARTERS])

    def total_lines(self) -> list[RecapTotal]:
        """One JUMLAH line, or one per year: amounts of different years are never added together."""
        return [self.total()] if len(self.years) <= 1 else [self.total(y) for y in self.years]


def build_recap(summaries: list[SatkerSummary], skipped: list[Skipped]) -> Recap:
    kept, duplicates = resolve_duplicates(summaries)
    # Year first: a folder mixing years (last year's plans and carried-forward ones) lists each year apart.
    kept.sort(key=lambda s: (s.year or 0, s.satker.casefold(), s.satker_code))
    codes = sorted({c for s in kept for c in s.programs})
    names: dict[str, str] = {}
    for s in kept:
        for c, n in s.program_names.items():
            names.setdefault(c, n)
    divisions = sorted({d for s in kept for d in s.divisions})
    return Recap(kept, skipped + duplicates, codes, names, divisions,
                 with_evaluation=any(s.evaluation for s in kept))


def collect_recap(folder: str | Path, workers: int | None = None, progress: bool = False, stream=None,
                  use_cache: bool = True, exclude: Path | None = None) -> Recap:
    """The recap of every workbook in `folder`, as data (nothing written).

    With `use_cache` (the default) files summarised before by this rak_xl are not read
    again (summary_cache.py); the recap is the same either way.
    """
    folder = Path(folder)
    entries = folder_entries(folder, exclude)  # a missing folder is refused before the cache is opened
    if not entries:  # an empty recap would look like a province without satker
        raise PROVINCE_FOLDER_EMPTY(path=folder.resolve())
    with SummaryCache() if use_cache else nullcontext() as cache:
        known = known_by(cache)
        scan = sort_entries(entries, known)  # a workbook the cache knows is not opened
        paths = scan.workbooks  # the progress bar counts workbooks, not the PDFs and texts beside them
        bar = Progress(len(paths), say("province.reading"), stream=stream, enabled=progress)
        results = summarise_all(paths, workers, bar, cache, known)
    recap = build_recap([r for r in results if isinstance(r, SatkerSummary)],
                        scan.skipped + [r for r in results if isinstance(r, Skipped)])
    recap.cached = cache.hits if cache is not None else 0
    return recap


def province_recap(folder: str | Path, output: str | Path, workers: int | None = None,
                   progress: bool = True, stream=None, use_cache: bool = True) -> Recap:
    """Read every workbook in `folder`, write the recap to `output` (a new .xlsx), return what was written."""
    from rak_xl.adapters.new_workbook import write_workbook
    from rak_xl.outputs.recap_sheets import recap_plan

    folder, output = Path(folder), Path(output)
    check_output(folder, output)
    recap = collect_recap(folder, workers, progress, stream, use_cache, exclude=output)
    write_workbook(recap_plan(recap, folder.resolve().name, clock.now()), output)
    return recap


def button_plan(folder_cell: object, workbook: str | Path | Callable[[], Path], when: dt.datetime | None = None):
    """The recap sheets for Rekap_Provinsi.xlsm, of the folder its folder cell names; `workbook` (its
    path, or a function giving it) as folder_from_cell takes it."""
    from rak_xl.outputs.recap_sheets import recap_plan

    try:  # asked once: from a button, each ask is a call into Excel
        book = Path(workbook() if callable(workbook) else workbook)
    except RakInputError:  # no local path (OneDrive): nothing to leave out; a relative folder asks again, to refuse
        book = None
    folder = folder_from_cell(folder_cell, workbook if book is None else book)
    # The workbook may sit in that folder: it is not a satker workbook.
    recap = collect_recap(folder, exclude=book)
    return recap_plan(recap, folder.resolve().name, when or clock.now())
