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
(see resolve_duplicates). Summaries are cached per file content (rak_xl.cache).

The recap (Indonesian, for province staff) has the sheets Rekap Satker (one row
per satker, sorted by name, with a total row), Grafik (a chart per program),
Temuan Kesalahan (each satker's error-level findings with file and cell) and
Berkas Dilewati (skipped files and superseded duplicates, with the reason).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import budget as B
from . import clock
from . import layout as L
from .cache import SummaryCache, content_digest
from .errors import RakInputError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
MAX_FINDINGS_PER_SATKER = 200  # a badly broken file must not flood the recap (or memory)
# Sheets that make a workbook a RAK workbook; fewer than two of them: something else.
_CORE_SHEETS = (L.SHEET_IDENTITY, L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_BUDGET)

SHEET_RECAP = "Rekap Satker"
SHEET_CHARTS = "Grafik"
SHEET_ERRORS = "Temuan Kesalahan"
SHEET_SKIPPED = "Berkas Dilewati"
HEADER_ROW = 4  # recap tables: title, subtitle, blank, header

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
    from . import jobs
    from .adapters.file_read import read_grids
    from .parse.tables import label_key
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
        from .crash import report as crash_report

        return Skipped(path.name, KIND_BUG, f"{crash_report()} ({type(exc).__name__})")


def _summary(report, path: Path, stamped: dt.datetime | None = None) -> SatkerSummary:
    from .rules.findings import Finding

    plan = report.plan
    ident = plan.identity
    errors = sorted((f for f in report.findings if f.severity == "error"), key=Finding.sort_key)
    kept = [(f.sheet, f.a1, f.code, f.message("id")) for f in errors[:MAX_FINDINGS_PER_SATKER]]
    code = ident.get("satker_code")
    return SatkerSummary(
        file=path.name, path=str(path), mtime=path.stat().st_mtime,
        satker=str(ident.get("satker") or ""), satker_code=str(code or ""), year=ident.year,
        dipa_number=str(ident.get("dipa_number") or ""), signed_on=ident.date,
        counts=report.summary, pagu_initial=ident.get("budget_initial"), pagu=ident.budget_in_force,
        allocated=B.allocated(plan), programs=B.program_totals(plan),
        program_names={p.code: p.name for p in plan.programs if p.code},
        divisions=B.division_totals(plan), rpd=B.quarter_totals(plan.budget),
        errors=kept, errors_left_out=len(errors) - len(kept), evaluation=_evaluation(plan),
        stamped_at=stamped, date_flagged=any(f.code == "RAK501" for f in report.findings),
    )


# What a summary holds that depends on the file's content only (the cache stores these; the
# name, path and time are the file's own on every run, the notes are the recap's).
_PLACE_FIELDS = ("file", "path", "mtime", "notes")


def summary_to_cache(s: SatkerSummary) -> dict:
    data = {k: v for k, v in vars(s).items() if k not in _PLACE_FIELDS}
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


def _evaluation(plan) -> dict[str, list[float | None]] | None:
    """Quarterly capaian (overall average) and cumulative absorption, percent, per quarter.

    Only for workbooks that carry the evaluation sheets, and only with a rak_xl that
    has the quarterly evaluation (rak_xl.evaluation); otherwise the recap has no such
    columns. Quarters without any realisation stay empty.
    """
    inputs = getattr(plan, "evaluation", None)
    if inputs is None or not getattr(inputs, "started", False):
        return None
    try:
        from . import evaluation as E

        achievement, mean, reported = E.achievement, E.mean, E.quarter_has_realisation
        lower_is_better = E.lower_is_better
        realised_totals, pagu_of = B.realised_quarter_totals, B.pagu_of
    except (ImportError, AttributeError):
        return None
    # The overall capaian and total absorption of E.evaluate, from the same building blocks:
    # evaluate() also rolls up every block, group and division, which the recap does not show.
    pagu = pagu_of(plan.budget)
    realised = B.cumulative(realised_totals(plan.budget))
    capaian: list[float | None] = []
    serapan: list[float | None] = []
    for q in L.QUARTERS:
        if not reported(plan, q):
            capaian.append(None)
            serapan.append(None)
            continue
        values = [achievement(r.quarter_targets[q - 1], r.realised[q - 1], lower_is_better(r))[0] for r in plan.rows]
        overall = mean([v for v in values if v is not None])
        capaian.append(None if overall is None else round(overall, 2))
        serapan.append(round(realised[q - 1] / pagu * 100, 2) if pagu else None)
    return {"capaian": capaian, "serapan": serapan}


def _work(paths: list[str]) -> list[SatkerSummary | Skipped]:
    return [summarise_file(p) for p in paths]


# -- many files -------------------------------------------------------------------

def find_workbooks(folder: Path, exclude: Path | None = None) -> list[Path]:
    """The files of `folder` (not recursive), hidden files and Excel lock files (~$) left out.

    Files of every type are returned: one that is not a workbook is listed as
    skipped with the reason (a .xls or .pdf sent by mistake should be noticed).
    """
    if not folder.is_dir():
        raise RakInputError(f"Folder '{folder}' tidak ditemukan.", message_en=f"Folder '{folder}' not found.",
                            hint="Periksa nama folder berisi workbook RAK satker.")
    skip = exclude.resolve() if exclude else None
    out = []
    for p in sorted(folder.iterdir()):
        if p.name.startswith((".", "~$")) or not p.is_file():
            continue
        if skip is not None and p.resolve() == skip:
            continue
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
    from . import jobs  # noqa: F401
    from .adapters import file_read  # noqa: F401
    from .rules import load_all

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
                digest = content_digest(p)
            except OSError:
                todo.append((i, str(p)))  # the reader gives the message
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


def _signature(path: str | Path) -> tuple[int, int, float]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_mtime


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

    def total_row(self) -> list:
        header = self.header()
        total: list = [None] * len(header)
        total[1] = "JUMLAH"
        total[2] = f"{len(self.satkers)} satker"
        rows = [self.row(0, s) for s in self.satkers]
        for c in (7, 8, 9, *self.money_columns):
            total[c] = sum(r[c] for r in rows if isinstance(r[c], int))
        return total


def build_recap(summaries: list[SatkerSummary], skipped: list[Skipped]) -> Recap:
    kept, duplicates = resolve_duplicates(summaries)
    kept.sort(key=lambda s: (s.satker.casefold(), s.satker_code, s.year or 0))
    codes = sorted({c for s in kept for c in s.programs})
    names: dict[str, str] = {}
    for s in kept:
        for c, n in s.program_names.items():
            names.setdefault(c, n)
    divisions = sorted({d for s in kept for d in s.divisions})
    return Recap(kept, skipped + duplicates, codes, names, divisions,
                 with_evaluation=any(s.evaluation for s in kept))


# -- writing (XlsxWriter) -------------------------------------------------------------
# The recap is a new file, so it is written like the shipped workbook is built: with
# XlsxWriter, which streams rows out (constant memory) and is several times faster than
# openpyxl here (514 satker: 0.7 s -> about 0.1 s). openpyxl stays the writer for changes
# to an existing workbook, where the VBA project and styles must survive.

def write_recap(recap: Recap, target: Path, folder: str = "", when: dt.datetime | None = None) -> None:
    import xlsxwriter

    when = when or clock.now()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.stem}.tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "default_date_format": "dd-mm-yyyy",
                                        "strings_to_formulas": False, "strings_to_urls": False})
    fmt = _Formats(wb)
    ws = wb.add_worksheet(SHEET_RECAP)
    charts = wb.add_worksheet(SHEET_CHARTS)
    errs = wb.add_worksheet(SHEET_ERRORS)
    sk = wb.add_worksheet(SHEET_SKIPPED)
    _recap_sheet(ws, recap, folder, when, fmt)
    _chart_sheet(wb, charts, recap, fmt)
    _errors_sheet(errs, recap, fmt)
    _skipped_sheet(sk, recap, fmt)
    try:
        wb.close()
        tmp.replace(target)
    except (PermissionError, xlsxwriter.exceptions.FileCreateError):
        tmp.unlink(missing_ok=True)
        raise RakInputError(f"Berkas '{target.name}' tidak dapat ditulis (sedang dibuka atau tanpa izin).",
                            message_en=f"'{target.name}' cannot be written (open elsewhere or no permission).",
                            hint="Tutup berkas rekap di Excel lalu jalankan lagi.") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class _Formats:
    def __init__(self, wb) -> None:
        self.title = wb.add_format({"bold": True, "font_size": 13})
        self.head = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "text_wrap": True, "valign": "top"})
        self.bold = wb.add_format({"bold": True})
        self.money = wb.add_format({"num_format": "#,##0"})
        self.money_bold = wb.add_format({"num_format": "#,##0", "bold": True})
        self.percent = wb.add_format({"num_format": "0.0"})
        self.percent_bold = wb.add_format({"num_format": "0.0", "bold": True})
        self.date = wb.add_format({"num_format": "dd-mm-yyyy"})
        self.date_bold = wb.add_format({"num_format": "dd-mm-yyyy", "bold": True})


def _row_formats(recap: Recap, fmt: _Formats, width: int, bold: bool) -> list:
    """One format per column of a Rekap Satker row (Rupiah, percent, date, plain)."""
    formats: list = [fmt.bold if bold else None] * width
    for c in recap.money_columns:
        formats[c] = fmt.money_bold if bold else fmt.money
    if recap.with_evaluation:
        for c in range(recap.money_columns.stop, recap.money_columns.stop + 8):
            formats[c] = fmt.percent_bold if bold else fmt.percent
    formats[5] = fmt.date_bold if bold else fmt.date
    return formats


def _write(ws, r: int, values: list, formats: list | None = None) -> None:
    """A row of values; None cells are left empty (XlsxWriter would write nothing for them anyway)."""
    for c, v in enumerate(values):
        f = formats[c] if formats else None
        if v is None or v == "":
            if f is not None:
                ws.write_blank(r, c, None, f)
        elif isinstance(v, dt.date):
            ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), f)
        elif isinstance(v, str):
            ws.write_string(r, c, v, f)
        else:
            ws.write_number(r, c, v, f)


def subtitle(recap: Recap, folder: str, when: dt.datetime) -> str:
    n_err = sum(s.counts.get("error", 0) > 0 for s in recap.satkers)
    return (f"Folder: {folder} | dibuat {when:%d-%m-%Y %H:%M} | {len(recap.satkers)} satker direkap, "
            f"{n_err} dengan kesalahan, {len(recap.skipped)} berkas dilewati (lihat lembar {SHEET_SKIPPED})")


def _recap_sheet(ws, recap: Recap, folder: str, when: dt.datetime, fmt: _Formats) -> None:
    header = recap.header()
    widths = {1: 5, 2: 32, 3: 11, 4: 7, 5: 30, 6: 12, 7: 36}
    for c in range(1, len(header) + 1):
        ws.set_column(c - 1, c - 1, widths.get(c, 17))
    ws.freeze_panes(HEADER_ROW, 2)
    if recap.satkers:
        ws.autofilter(HEADER_ROW - 1, 0, HEADER_ROW + len(recap.satkers) - 1, len(header) - 1)
    ws.write_string(0, 0, "REKAP RENCANA AKSI KINERJA SATKER KPU KABUPATEN/KOTA", fmt.title)
    ws.write_string(1, 0, subtitle(recap, folder, when))
    _write(ws, HEADER_ROW - 1, header, [fmt.head] * len(header))
    plain = _row_formats(recap, fmt, len(header), bold=False)
    r = HEADER_ROW
    for n, s in enumerate(recap.satkers, start=1):
        _write(ws, r, recap.row(n, s), plain)
        r += 1
    _write(ws, r, recap.total_row(), _row_formats(recap, fmt, len(header), bold=True))


def _chart_sheet(wb, ws, recap: Recap, fmt: _Formats) -> None:
    ws.write_string(0, 0, "Pagu per program menurut satker (dari lembar Rekap Satker)", fmt.title)
    n = len(recap.satkers)
    if not n:
        return
    anchor_row = 2
    first, last = HEADER_ROW, HEADER_ROW + n - 1  # 0-based rows of the satker lines
    for i, code in enumerate(recap.program_codes):
        col = recap.money_columns.start + 3 + i  # 0-based column of this program
        chart = wb.add_chart({"type": "bar"})  # horizontal: satker names stay readable
        chart.add_series({"name": [SHEET_RECAP, HEADER_ROW - 1, col],
                          "categories": [SHEET_RECAP, first, 1, last, 1],
                          "values": [SHEET_RECAP, first, col, last, col]})
        chart.set_title({"name": f"{code} {recap.program_names.get(code, '')}".strip()})
        chart.set_x_axis({"name": "Rupiah", "num_format": "#,##0"})
        chart.set_legend({"none": True})
        height_cm = max(8.0, 0.45 * n)
        chart.set_size({"width": 24 / 2.54 * 96, "height": height_cm / 2.54 * 96})
        ws.insert_chart(anchor_row, 0, chart)
        anchor_row += int(height_cm * 2) + 3  # about two rows per cm


def _table_head(ws, title: str, note: str, header: list[str], widths: dict[int, float], fmt: _Formats) -> None:
    for c, w in widths.items():
        ws.set_column(c - 1, c - 1, w)
    ws.freeze_panes(HEADER_ROW, 0)
    ws.write_string(0, 0, title, fmt.title)
    ws.write_string(1, 0, note)
    _write(ws, HEADER_ROW - 1, header, [fmt.bold] * len(header))


ERRORS_TITLE = "TEMUAN KESALAHAN PER SATKER"
ERRORS_NOTE = ("Hanya temuan tingkat kesalahan; peringatan dan informasi dilihat dengan tombol Validasi "
               "di workbook satker.")
ERRORS_HEADER = ["No", "Satuan Kerja", "Kode Satker", "Berkas", "Lembar", "Sel", "Kode", "Pesan"]
SKIPPED_TITLE = "BERKAS YANG TIDAK DIREKAP"
SKIPPED_NOTE = ("Berkas yang tidak dapat dibaca, bukan workbook RAK, atau digantikan berkas lain untuk satker "
                "dan tahun yang sama (kolom Alasan menyebut penentunya).")
SKIPPED_HEADER = ["No", "Berkas", "Jenis", "Alasan"]


def error_rows(recap: Recap) -> list[list]:
    """The Temuan Kesalahan table: every kept error finding of every satker, numbered."""
    rows: list[list] = []
    for s in recap.satkers:
        for sheet, cell, code, message in s.errors:
            rows.append([len(rows) + 1, s.satker, s.satker_code, s.file, sheet, cell, code, message])
        if s.errors_left_out:
            rows.append([len(rows) + 1, s.satker, s.satker_code, s.file, "", "", "",
                         f"... dan {s.errors_left_out} kesalahan lain (jalankan Validasi pada berkas ini)"])
    return rows


def skipped_rows(recap: Recap) -> list[list]:
    return [[i, s.file, s.kind, s.reason]
            for i, s in enumerate(sorted(recap.skipped, key=lambda x: (x.kind, x.file)), start=1)]


def _errors_sheet(ws, recap: Recap, fmt: _Formats) -> None:
    _table_head(ws, ERRORS_TITLE, ERRORS_NOTE, ERRORS_HEADER,
                {1: 5, 2: 32, 3: 11, 4: 36, 5: 16, 6: 8, 7: 9, 8: 90}, fmt)
    for r, row in enumerate(error_rows(recap), start=HEADER_ROW):
        _write(ws, r, row)


def _skipped_sheet(ws, recap: Recap, fmt: _Formats) -> None:
    _table_head(ws, SKIPPED_TITLE, SKIPPED_NOTE, SKIPPED_HEADER, {1: 5, 2: 40, 3: 34, 4: 100}, fmt)
    for r, row in enumerate(skipped_rows(recap), start=HEADER_ROW):
        _write(ws, r, row)


# -- the recap as sheets of the open workbook (Rekap_Provinsi.xlsm, button Buat Rekap) ----
# The same tables as the file above, as SheetOutputs for rak_xl.adapters.excel_live.

def recap_outputs(recap: Recap, folder: str, when: dt.datetime):
    from .model import col_letter
    from .outputs.sheets import Chart, SheetOutput, WritePlan

    header = recap.header()
    rows = [recap.row(n, s) for n, s in enumerate(recap.satkers, start=1)]
    first, last = HEADER_ROW + 1, HEADER_ROW + len(rows) + 1  # 1-based: satker rows, then the total
    money = f"{col_letter(recap.money_columns.start + 1)}{first}:{col_letter(recap.money_columns.stop)}{last}"
    formats = [(money, "#,##0"), (f"F{first}:F{last}", "dd-mm-yyyy")]
    if recap.with_evaluation:
        stop = recap.money_columns.stop
        formats.append((f"{col_letter(stop + 1)}{first}:{col_letter(stop + 8)}{last}", "0.0"))
    end = col_letter(len(header))
    satker = SheetOutput(
        name=SHEET_RECAP, values=[["REKAP RENCANA AKSI KINERJA SATKER KPU KABUPATEN/KOTA"],
                                  [subtitle(recap, folder, when)], [], header, *rows, recap.total_row()],
        number_formats=formats, bold=["A1", f"A{HEADER_ROW}:{end}{HEADER_ROW}", f"A{last}:{end}{last}"],
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
    errors = SheetOutput(name=SHEET_ERRORS, values=[[ERRORS_TITLE], [ERRORS_NOTE], [], ERRORS_HEADER,
                                                    *error_rows(recap)],
                         bold=["A1", f"A{HEADER_ROW}:H{HEADER_ROW}"], freeze_row=HEADER_ROW,
                         column_widths={1: 5, 2: 32, 3: 11, 4: 36, 5: 16, 6: 8, 7: 9, 8: 90})
    skipped = SheetOutput(name=SHEET_SKIPPED, values=[[SKIPPED_TITLE], [SKIPPED_NOTE], [], SKIPPED_HEADER,
                                                      *skipped_rows(recap)],
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
                            hint="Tekan Pilih Folder, atau ketik folder berisi workbook RAK satker di sel itu.")
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        book = Path(workbook)
        if not book.is_absolute() or not book.parent.is_dir():
            raise RakInputError(f"Folder '{text}' ditulis relatif, tetapi workbook ini belum disimpan.",
                                message_en=f"Folder '{text}' is relative, but this workbook has not been saved.",
                                sheet=L.PROVINCE_SHEET, cell=L.PROVINCE_FOLDER_CELL,
                                hint="Simpan workbook dulu (Ctrl+S), atau tulis folder lengkap (mis. D:\\RAK\\Kiriman).")
        folder = book.parent / folder
    return folder


# -- the job -------------------------------------------------------------------------

def province_recap(folder: str | Path, output: str | Path, workers: int | None = None,
                   progress: bool = True, stream=None, use_cache: bool = True) -> Recap:
    """Read every workbook in `folder`, write the recap to `output`, return what was written.

    With `use_cache` (the default) files summarised before by this rak_xl are not read
    again (rak_xl.cache); the recap is the same either way.
    """
    folder, output = Path(folder), Path(output)
    if output.suffix.lower() != ".xlsx":
        raise RakInputError(f"Berkas rekap '{output.name}' harus berakhiran .xlsx.",
                            message_en=f"Recap '{output.name}' must end in .xlsx.")
    recap = collect_recap(folder, workers, progress, stream, use_cache, exclude=output)
    # The folder's name only: its full path would carry the user's home folder and name into a
    # file that is shared.
    write_recap(recap, output, folder=folder.resolve().name, when=clock.now())
    return recap


def collect_recap(folder: str | Path, workers: int | None = None, progress: bool = False, stream=None,
                  use_cache: bool = True, exclude: Path | None = None) -> Recap:
    """The recap of every workbook in `folder`, as data (nothing written)."""
    paths = find_workbooks(Path(folder), exclude=exclude)
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
