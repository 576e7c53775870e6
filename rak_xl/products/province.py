"""Rekap Provinsi: one recap workbook from every satker RAK workbook in a folder.

    rak-xl province DIR -o REKAP.xlsx

Each file is read and validated with the same jobs as the buttons
(read_grids -> jobs.validate); a worker process turns it into a small
`SatkerSummary` (identity, counts, totals, error findings) and drops the grids,
so memory stays flat however many files there are. Work is spread over the
machine's cores in chunks. Unreadable files and workbooks that are not RAK
workbooks are listed with the reason; two files of the same satker and year
are both reported and one is used, chosen by evidence: the newer Stempel
Kiriman, then the later plausible Tanggal Penetapan, then the later file time
(see resolve_duplicates). Summaries are cached per file content (rak_xl.products.cache).

The recap (Indonesian, for province staff) has the sheets Rekap Satker (one row
per satker, sorted by name, with a total row), Grafik (a chart per program),
Temuan Kesalahan (each satker's error-level findings with file and cell) and
Berkas Dilewati (skipped files and superseded duplicates, with the reason).
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from rak_xl.core import clock
from rak_xl.core import layout as L
from rak_xl.core.errors import RakInputError
from rak_xl.figures import sums

from .cache import SummaryCache, content_digest

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
MAX_FINDINGS_PER_SATKER = 200  # a badly broken file must not flood the recap (or memory)
# Sheets that make a workbook a RAK workbook; fewer than two of them: something else.
_CORE_SHEETS = (L.SHEET_IDENTITY, L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_BUDGET)

# The recap workbook's sheets (written by rak_xl.adapters.recap_write).
SHEET_RECAP, SHEET_CHARTS, SHEET_ERRORS, SHEET_SKIPPED = L.RECAP_SHEETS
HEADER_ROW = L.RECAP_HEADER_ROW

KIND_UNREADABLE = "Tidak dapat dibaca"
KIND_NOT_RAK = "Bukan workbook RAK"
KIND_DUPLICATE = "Duplikat (diganti berkas lain)"
KIND_BUG = "Kesalahan program"


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
        """Same satker and year: the code when known, else the name (else the file itself)."""
        ident = self.satker_code or self.satker.casefold() or f"berkas:{self.file}"
        return ident, self.year


@dataclass
class Skipped:
    file: str
    kind: str
    reason: str


# -- one file (runs in a worker) ---------------------------------------------------

def summarise_file(path: str | Path) -> SatkerSummary | Skipped:
    """Read, validate and summarise one workbook; never raises for a bad file."""
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.parse.tables import label_key

    from . import jobs
    from .submit import stamp_time

    path = Path(path)
    try:
        grids = read_grids(path)
    except RakInputError as exc:
        return Skipped(path.name, KIND_UNREADABLE, exc.text())
    except Exception as exc:  # a reader bug on one file must not stop the recap of the others
        return Skipped(path.name, KIND_BUG, f"{type(exc).__name__}: {exc}")
    present = {label_key(n) for n in grids}
    found = [s for s in _CORE_SHEETS if label_key(s) in present]
    if len(found) < 2:
        sheets = ", ".join(grids) or "-"
        return Skipped(path.name, KIND_NOT_RAK,
                       f"Lembar {', '.join(_CORE_SHEETS)} tidak ditemukan (lembar yang ada: {sheets}).")
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
    errors = sorted((f for f in report.findings if f.severity == "error"), key=Finding.sort_key)
    kept = [(f.sheet, f.a1, f.code, f.message("id")) for f in errors[:MAX_FINDINGS_PER_SATKER]]
    code = ident.get("satker_code")
    evaluation, notes = _evaluation(plan)
    return SatkerSummary(
        file=path.name, path=str(path), mtime=path.stat().st_mtime,
        satker=str(ident.get("satker") or ""), satker_code=str(code or ""), year=ident.year,
        dipa_number=str(ident.get("dipa_number") or ""), signed_on=ident.date,
        counts=report.summary, pagu_initial=ident.get("budget_initial"), pagu=ident.budget_in_force,
        allocated=sums.allocated(plan), programs=sums.program_totals(plan),
        program_names={p.code: p.name for p in plan.programs if p.code},
        divisions=sums.division_totals(plan), rpd=sums.quarter_totals(plan.budget_lines),
        errors=kept, errors_left_out=len(errors) - len(kept), evaluation=evaluation, notes=notes,
        stamped_at=stamped, date_flagged=any(f.code == "RAK501" for f in report.findings),
    )


# What a summary holds that depends on the file's content only (the cache stores these, the
# notes on capaian/serapan included); the name, path and time are the file's own on every run.
_PLACE_FIELDS = ("file", "path", "mtime")


def summary_to_cache(s: SatkerSummary) -> dict:
    data = {k: v for k, v in vars(s).items() if k not in _PLACE_FIELDS}
    data["notes"] = list(s.notes)
    for k in ("signed_on", "stamped_at"):
        if data[k] is not None:
            data[k] = [type(data[k]).__name__, data[k].isoformat()]  # a date, or a datetime
    return data


def summary_from_cache(data: dict, path: Path, mtime: float) -> SatkerSummary:
    data = dict(data)
    for k in ("signed_on", "stamped_at"):
        if data.get(k) is not None:
            kind, text = data[k]
            data[k] = (dt.datetime if kind == "datetime" else dt.date).fromisoformat(text)
    data["errors"] = [tuple(e) for e in data["errors"]]
    return SatkerSummary(file=path.name, path=str(path), mtime=mtime, **data)


def _evaluation(plan) -> tuple[dict[str, list[float | None]] | None, list[str]]:
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
    parts = []
    if unreported:
        parts.append(f"{_quarters(unreported)} belum dilaporkan")
    if no_capaian:
        parts.append(f"capaian {_quarters(no_capaian)} belum dapat dihitung (tidak ada indikator dengan target "
                     "dan realisasi)")
    if no_spending:
        parts.append(f"serapan {_quarters(no_spending)} belum dihitung (Realisasi Anggaran belum diisi)")
    notes = [f"Capaian/serapan kosong = belum dihitung: {'; '.join(parts)}"] if parts else []
    return {"capaian": capaian, "serapan": serapan}, notes


def _quarters(quarters: list[int]) -> str:
    return ", ".join(f"TW {q}" for q in quarters)


def _work(paths: list[str]) -> list[SatkerSummary | Skipped]:
    return [summarise_file(p) for p in paths]


# -- many files -------------------------------------------------------------------

def find_workbooks(folder: Path, exclude: Path | None = None) -> list[Path]:
    """The files of `folder` (not recursive), hidden files and Excel lock files (~$) left out.

    Files of every type are returned: one that is not a workbook is listed as
    skipped with the reason (a .xls or .pdf sent by mistake should be noticed).
    """
    if folder.is_file():
        raise RakInputError(f"'{folder.resolve()}' adalah berkas, bukan folder.",
                            message_en=f"'{folder.resolve()}' is a file, not a folder.",
                            hint="Berikan folder yang berisi workbook RAK satker (untuk satu workbook: "
                                 "rak-xl validate BERKAS).",
                            hint_en="Give the folder holding the satker RAK workbooks (for one workbook: "
                                    "rak-xl validate FILE).")
    if not folder.is_dir():
        raise RakInputError(f"Folder '{folder.resolve()}' tidak ditemukan.",
                            message_en=f"Folder '{folder.resolve()}' not found.",
                            hint="Periksa nama folder berisi workbook RAK satker.",
                            hint_en="Check the name of the folder holding the satker RAK workbooks.")
    skip = exclude.resolve() if exclude else None
    out = []
    for p in sorted(folder.iterdir()):
        if p.name.startswith((".", "~$")):
            continue
        # Every other entry is returned, whatever its kind: a subfolder, a FIFO, a link to a device
        # or a broken link is listed as skipped with the reason (the reader refuses all of them).
        try:
            if skip is not None and p.resolve() == skip:
                continue
        except (OSError, RuntimeError):  # a link loop: reported by the reader
            pass
        out.append(p)
    return out


class Progress:
    """A plain progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise."""

    def __init__(self, total: int, label: str = "Memproses", stream=None, enabled: bool = True) -> None:
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
                self.stream.write(f" {time.perf_counter() - self.start:.1f} dtk\n")
        elif pct // 10 != self._last_step:
            self._last_step = pct // 10
            self.stream.write(f"{self.label}: {self.done}/{self.total} ({pct}%)\n")
        self.stream.flush()


def _warm_up() -> None:
    from rak_xl.adapters import file_read  # noqa: F401
    from rak_xl.rules import load_all

    from . import jobs  # noqa: F401

    load_all()


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


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
            cached = cache.get(digest, lambda data, p=p, mtime=before[2]: summary_from_cache(data, Path(p), mtime))
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
                cache.put(digest, summary_to_cache(result))
    return [results[i] for i in range(len(paths))]


def _signature(path: str | Path) -> tuple[int, int, float, bool]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_mtime, stat.S_ISREG(st.st_mode)


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
    _warm_up()  # forked workers inherit the imported modules instead of importing them each
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


# Duplicates: the same satker and year in two files. The evidence, strongest first:
#   1. the newer Stempel Kiriman (a Siapkan Kiriman package says when it was made);
#   2. the later plausible Tanggal Penetapan (not in the future, not flagged by RAK501:
#      a typo such as 31-12-9999 must not make a file "newest");
#   3. the later file time; then the file name, so the choice is stable.
# Berkas Dilewati names the step that decided.

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
        return "tanpa Tanggal Penetapan"
    if s.date_flagged:
        return f"Tanggal Penetapan {_when(s.signed_on)} tidak wajar (RAK501)"
    return f"Tanggal Penetapan {_when(s.signed_on)} di masa depan"


def _why(kept: SatkerSummary, old: SatkerSummary, today: dt.date) -> str:
    """Which evidence put `kept` before `old`, in words for Berkas Dilewati."""
    new_stamp, old_stamp = _plausible_stamp(kept, today), _plausible_stamp(old, today)
    if new_stamp != old_stamp:
        return (f"Stempel Kiriman lebih baru: {_when(new_stamp)} lawan "
                f"{_when(old_stamp) if old_stamp else 'tanpa stempel yang sah'}")
    new_date, old_date = _plausible_date(kept, today), _plausible_date(old, today)
    if new_date != old_date:
        if old_date is None:
            return f"Tanggal Penetapan {_when(new_date)} dipakai; berkas ini {_date_doubt(old, today)}"
        return f"Tanggal Penetapan lebih baru: {_when(new_date)} lawan {_when(old_date)}"
    if kept.mtime != old.mtime:
        stamp = dt.datetime.fromtimestamp
        return (f"Stempel Kiriman dan Tanggal Penetapan sama; berkas diubah lebih akhir: "
                f"{_when(stamp(kept.mtime))} lawan {_when(stamp(old.mtime))}")
    return "semua bukti sama; dipilih menurut nama berkas"


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
            dropped.append(Skipped(old.file, KIND_DUPLICATE,
                                   f"{old.satker or '-'} ({old.satker_code or '-'}) tahun {old.year or '-'} juga ada "
                                   f"di '{newest.file}' yang dipakai. Penentu: {_why(newest, old, today)}."))
            newest.notes.append(f"Menggantikan '{old.file}'")
    return kept, dropped


# -- the recap as data --------------------------------------------------------------

@dataclass
class Recap:
    satkers: list[SatkerSummary]
    skipped: list[Skipped]
    program_codes: list[str]
    program_names: dict[str, str]
    divisions: list[str]
    with_evaluation: bool
    cached: int = 0  # summaries taken from the cache (files not read again)

    def header(self) -> list[str]:
        cols = ["No", "Satuan Kerja", "Kode Satker", "Tahun", "Nomor DIPA", "Tanggal Penetapan", "Berkas",
                "Kesalahan", "Peringatan", "Informasi", "Pagu Awal (Rp)", "Pagu DIPA (Rp)", "Jumlah Rincian (Rp)"]
        cols += [f"Program {c} (Rp)" for c in self.program_codes]
        cols += [f"{d} (Rp)" for d in self.divisions]
        cols += [f"RPD TW {q} (Rp)" for q in L.QUARTERS]
        if self.with_evaluation:
            cols += [f"Capaian TW {q} (%)" for q in L.QUARTERS] + [f"Serapan TW {q} (%)" for q in L.QUARTERS]
        return cols + ["Catatan"]

    def row(self, n: int, s: SatkerSummary) -> list:
        values = [n, s.satker or "(tanpa nama)", s.satker_code, s.year, s.dipa_number, s.signed_on, s.file,
                  s.counts.get("error", 0), s.counts.get("warning", 0), s.counts.get("info", 0),
                  s.pagu_initial, s.pagu, s.allocated]
        values += [s.programs.get(c, 0) for c in self.program_codes]
        values += [s.divisions.get(d, 0) for d in self.divisions]
        values += list(s.rpd)
        if self.with_evaluation:
            ev = s.evaluation or {}
            values += list(ev.get("capaian", [None] * 4)) + list(ev.get("serapan", [None] * 4))
        notes = list(s.notes)
        if s.errors_left_out:
            notes.append(f"{s.errors_left_out} kesalahan lain tidak dicantumkan")
        return values + ["; ".join(notes)]

    @property
    def money_columns(self) -> range:
        """0-based columns holding Rupiah (summed in the total row)."""
        start = 10
        return range(start, start + 3 + len(self.program_codes) + len(self.divisions) + 4)

    def subtitle(self, folder: str, when: dt.datetime) -> str:
        n_err = sum(s.counts.get("error", 0) > 0 for s in self.satkers)
        return (f"Folder: {folder} | dibuat {when:%d-%m-%Y %H:%M} | {len(self.satkers)} satker direkap, "
                f"{n_err} dengan kesalahan, {len(self.skipped)} berkas dilewati (lihat lembar {SHEET_SKIPPED})")

    def error_rows(self) -> list[list]:
        """Temuan Kesalahan: every kept error finding of every satker, numbered (L.RECAP_ERRORS columns)."""
        rows: list[list] = []
        for s in self.satkers:
            for sheet, cell, code, message in s.errors:
                rows.append([len(rows) + 1, s.satker, s.satker_code, s.file, sheet, cell, code, message])
            if s.errors_left_out:
                rows.append([len(rows) + 1, s.satker, s.satker_code, s.file, "", "", "",
                             f"... dan {s.errors_left_out} kesalahan lain (jalankan Validasi pada berkas ini)"])
        return rows

    def skipped_rows(self) -> list[list]:
        """Berkas Dilewati: the skipped files by kind and name, numbered (L.RECAP_SKIPPED columns)."""
        return [[i, s.file, s.kind, s.reason]
                for i, s in enumerate(sorted(self.skipped, key=lambda x: (x.kind, x.file)), start=1)]

    @property
    def years(self) -> list[int | None]:
        return sorted({s.year for s in self.satkers}, key=lambda y: y or 0)

    def total_row(self, year: object = all) -> list:
        """The JUMLAH line over every satker, or over one year's when the folder mixes years."""
        satkers = self.satkers if year is all else [s for s in self.satkers if s.year == year]
        header = self.header()
        total: list = [None] * len(header)
        total[1] = "JUMLAH" if year is all else f"JUMLAH TAHUN {year or '-'}"
        total[2] = f"{len(satkers)} satker"
        if year is not all:
            total[3] = year
        rows = [self.row(0, s) for s in satkers]
        for c in (7, 8, 9, *self.money_columns):
            total[c] = sum(r[c] for r in rows if isinstance(r[c], int))
        return total

    def total_rows(self) -> list[list]:
        """One JUMLAH line, or one per year: amounts of different years are never added together."""
        years = self.years
        return [self.total_row()] if len(years) <= 1 else [self.total_row(y) for y in years]


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


# -- the recap as sheets of the open workbook (Rekap_Provinsi.xlsm, button Buat Rekap) ----
# The same tables as the file rak_xl.adapters.recap_write writes, as SheetOutputs for
# rak_xl.adapters.excel_live.

def recap_outputs(recap: Recap, folder: str, when: dt.datetime):
    from rak_xl.core.model import col_letter
    from rak_xl.outputs.sheets import Chart, SheetOutput, WritePlan

    header = recap.header()
    rows = [recap.row(n, s) for n, s in enumerate(recap.satkers, start=1)]
    totals = recap.total_rows()  # one JUMLAH line, or one per year when the folder mixes years
    first, last = HEADER_ROW + 1, HEADER_ROW + len(rows) + len(totals)  # 1-based: satker rows, then the totals
    money = f"{col_letter(recap.money_columns.start + 1)}{first}:{col_letter(recap.money_columns.stop)}{last}"
    formats = [(money, "#,##0"), (f"F{first}:F{last}", "dd-mm-yyyy")]
    if recap.with_evaluation:
        stop = recap.money_columns.stop
        formats.append((f"{col_letter(stop + 1)}{first}:{col_letter(stop + 8)}{last}", "0.0"))
    end = col_letter(len(header))
    satker = SheetOutput(
        name=SHEET_RECAP, values=[[L.RECAP_TITLE], [recap.subtitle(folder, when)], [], header, *rows, *totals],
        number_formats=formats,
        bold=["A1", f"A{HEADER_ROW}:{end}{HEADER_ROW}", f"A{last - len(totals) + 1}:{end}{last}"],
        fills=[(f"A{HEADER_ROW}:{end}{HEADER_ROW}", "#D9E1F2")], wrap=[f"A{HEADER_ROW}:{end}{HEADER_ROW}"],
        column_widths={c: {1: 5, 2: 32, 3: 11, 4: 7, 5: 30, 6: 12, 7: 36}.get(c, 17) for c in range(1, len(header) + 1)},
        freeze_row=HEADER_ROW, print_title_rows=(HEADER_ROW, HEADER_ROW))
    codes = recap.program_codes
    chart_rows = [["Satuan Kerja", *codes]] + [[s.satker or s.file, *(s.programs.get(c, 0) for c in codes)]
                                               for s in recap.satkers]
    chart_end = f"{col_letter(len(codes) + 1)}{2 + len(chart_rows)}"
    charts = SheetOutput(
        name=SHEET_CHARTS, values=[["Pagu per program menurut satker (dari lembar Rekap Satker)"], [], *chart_rows],
        number_formats=[(f"B4:{chart_end}", "#,##0")], bold=["A1", "A3:Z3"], column_widths={1: 32},
        charts=[Chart("bar_stacked", "Pagu per program", f"{col_letter(len(codes) + 3)}3", f"A3:{chart_end}",
                      width=640, height=max(288, 14 * len(recap.satkers)), value_format="#,##0")]
        if recap.satkers and codes else [])
    errors = SheetOutput(name=SHEET_ERRORS, values=[*([v] for v in L.RECAP_ERRORS[:2]), [], L.RECAP_ERRORS[2],
                                                    *recap.error_rows()],
                         bold=["A1", f"A{HEADER_ROW}:H{HEADER_ROW}"], freeze_row=HEADER_ROW,
                         column_widths={1: 5, 2: 32, 3: 11, 4: 36, 5: 16, 6: 8, 7: 9, 8: 90})
    skipped = SheetOutput(name=SHEET_SKIPPED, values=[*([v] for v in L.RECAP_SKIPPED[:2]), [], L.RECAP_SKIPPED[2],
                                                      *recap.skipped_rows()],
                          bold=["A1", f"A{HEADER_ROW}:D{HEADER_ROW}"], freeze_row=HEADER_ROW,
                          column_widths={1: 5, 2: 40, 3: 34, 4: 100})
    n_err = sum(s.counts.get("error", 0) > 0 for s in recap.satkers)
    message = (f"Rekap selesai: {len(recap.satkers)} satker ({n_err} dengan kesalahan), "
               f"{len(recap.skipped)} berkas dilewati.")
    if recap.cached:
        message += f" {recap.cached} berkas tidak berubah sejak rekap sebelumnya (tidak dibaca ulang)."
    return WritePlan(sheets=[satker, charts, errors, skipped], activate=SHEET_RECAP, message=message)


def folder_from_cell(value, workbook: str | Path) -> Path:
    """The folder named in the Rekap Provinsi sheet: absolute, or relative to the workbook's folder."""
    text = "" if value is None else str(value).strip().strip('"')
    where = f"sel {L.PROVINCE_FOLDER_CELL} lembar {L.PROVINCE_SHEET}"
    if not text:
        raise RakInputError(f"Folder kiriman satker belum diisi ({where}).",
                            message_en=f"No folder given ({where}).", sheet=L.PROVINCE_SHEET,
                            cell=L.PROVINCE_FOLDER_CELL,
                            hint="Tekan Pilih Folder, atau ketik folder berisi workbook RAK satker di sel itu.",
                            hint_en="Press Pilih Folder, or type the folder holding the satker RAK workbooks into that cell.")
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        book = Path(workbook)
        if not book.is_absolute() or not book.parent.is_dir():
            raise RakInputError(f"Folder '{text}' ditulis relatif, tetapi workbook ini belum disimpan.",
                                message_en=f"Folder '{text}' is relative, but this workbook has not been saved.",
                                sheet=L.PROVINCE_SHEET, cell=L.PROVINCE_FOLDER_CELL,
                                hint="Simpan workbook dulu (Ctrl+S), atau tulis folder lengkap (mis. D:\\RAK\\Kiriman).",
                                hint_en="Save the workbook first (Ctrl+S), or give the full folder (e.g. D:\\RAK\\Kiriman).")
        folder = book.parent / folder
    return folder


# -- the job -------------------------------------------------------------------------

def _refuse_overwriting_a_satker(folder: Path, output: Path) -> None:
    """The recap may replace an earlier recap, never a workbook it is meant to read."""
    from rak_xl.adapters.atomic import check_target
    from rak_xl.adapters.file_read import sheet_names

    check_target(output)
    if not output.exists() or not folder.is_dir():
        return
    try:
        inside = output.resolve().parent == folder.resolve()
    except (OSError, RuntimeError):
        inside = False
    if inside and L.RECAP_SHEETS[0] not in sheet_names(output):
        raise RakInputError(
            f"Berkas rekap '{output}' adalah workbook di folder yang direkap; berkas itu tidak ditimpa.",
            message_en=f"Recap '{output}' is a workbook in the folder being recapped; it is not overwritten.",
            hint="Pilih nama lain dengan -o, misalnya Rekap_Provinsi.xlsx.",
            hint_en="Choose another name with -o, e.g. Rekap_Provinsi.xlsx.")


def province_recap(folder: str | Path, output: str | Path, workers: int | None = None,
                   progress: bool = True, stream=None, use_cache: bool = True) -> Recap:
    """Read every workbook in `folder`, write the recap to `output`, return what was written.

    With `use_cache` (the default) files summarised before by this rak_xl are not read
    again (rak_xl.products.cache); the recap is the same either way.
    """
    folder, output = Path(folder), Path(output)
    if output.suffix.lower() != ".xlsx":
        raise RakInputError(f"Berkas rekap '{output.name}' harus berakhiran .xlsx.",
                            message_en=f"Recap '{output.name}' must end in .xlsx.")
    _refuse_overwriting_a_satker(folder, output)
    recap = collect_recap(folder, workers, progress, stream, use_cache, exclude=output)
    # The folder's name only: its full path would carry the user's home folder and name into a
    # file that is shared.
    from rak_xl.adapters.recap_write import write_recap

    write_recap(recap, output, folder=folder.resolve().name, when=clock.now())
    return recap


def collect_recap(folder: str | Path, workers: int | None = None, progress: bool = False, stream=None,
                  use_cache: bool = True, exclude: Path | None = None) -> Recap:
    """The recap of every workbook in `folder`, as data (nothing written)."""
    folder = Path(folder)
    paths = find_workbooks(folder, exclude=exclude)
    if not paths:  # an empty recap would look like a province without satker
        raise RakInputError(f"Folder '{folder.resolve()}' tidak berisi berkas; rekap tidak dibuat.",
                            message_en=f"Folder '{folder.resolve()}' holds no files; no recap made.",
                            hint="Salin workbook RAK satker (.xlsm/.xlsx) ke folder itu, lalu jalankan lagi.",
                            hint_en="Copy the satker RAK workbooks (.xlsm/.xlsx) into that folder, then run again.")
    bar = Progress(len(paths), "Membaca workbook", stream=stream, enabled=progress)
    if use_cache:
        with SummaryCache() as cache:
            results = summarise_all(paths, workers, bar, cache)
        cached = cache.hits
    else:
        results = summarise_all(paths, workers, bar)
        cached = 0
    summaries = [r for r in results if isinstance(r, SatkerSummary)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    recap = build_recap(summaries, skipped)
    recap.cached = cached
    return recap
