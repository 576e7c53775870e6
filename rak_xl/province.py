"""Rekap Provinsi: one recap workbook from every satker RAK workbook in a folder.

    rak-xl province DIR -o REKAP.xlsx

Each file is read and validated with the same jobs as the buttons
(read_grids -> jobs.validate); a worker process turns it into a small
`SatkerSummary` (identity, counts, totals, error findings) and drops the grids,
so memory stays flat however many files there are. Work is spread over the
machine's cores in chunks. Unreadable files and workbooks that are not RAK
workbooks are listed with the reason; two files of the same satker and year
are both reported and the newer one is used: the later Tanggal Penetapan, then
the later file modification time (then the file name, so the choice is stable).

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
from . import layout as L
from .errors import RakInputError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
MAX_FINDINGS_PER_SATKER = 200  # a badly broken file must not flood the recap (or memory)
# Sheets that make a workbook a RAK workbook; fewer than two of them: something else.
_CORE_SHEETS = (L.SHEET_IDENTITY, L.SHEET_RAK_A, L.SHEET_RAK_B, L.SHEET_BUDGET)

# The recap workbook's sheets (written by rak_xl.adapters.recap_write).
SHEET_RECAP, SHEET_CHARTS, SHEET_ERRORS, SHEET_SKIPPED = L.RECAP_SHEETS
HEADER_ROW = L.RECAP_HEADER_ROW

KIND_UNREADABLE = "Tidak dapat dibaca"
KIND_NOT_RAK = "Bukan workbook RAK"
KIND_DUPLICATE = "Duplikat (diganti berkas lebih baru)"
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
        report = jobs.validate(grids, path.name)
        del grids
        return _summary(report, path)
    except Exception as exc:
        from .crash import report as crash_report

        return Skipped(path.name, KIND_BUG, f"{crash_report()} ({type(exc).__name__})")


def _summary(report, path: Path) -> SatkerSummary:
    from .findings import Finding

    plan = report.plan
    ident = plan.identity
    errors = [f for f in sorted(report.findings, key=Finding.sort_key) if f.severity == "error"]
    kept = [(f.sheet, f.a1, f.code, f.message("id")) for f in errors[:MAX_FINDINGS_PER_SATKER]]
    code = ident.get("satker_code")
    evaluation, notes = _evaluation(plan)
    return SatkerSummary(
        file=path.name, path=str(path), mtime=path.stat().st_mtime,
        satker=str(ident.get("satker") or ""), satker_code=str(code or ""), year=ident.year,
        dipa_number=str(ident.get("dipa_number") or ""), signed_on=ident.date,
        counts=report.summary, pagu_initial=ident.get("budget_initial"), pagu=ident.budget_in_force,
        allocated=B.allocated(plan), programs=B.program_totals(plan),
        program_names={p.code: p.name for p in plan.programs if p.code},
        divisions=B.division_totals(plan), rpd=B.quarter_totals(plan.budget),
        errors=kept, errors_left_out=len(errors) - len(kept), evaluation=evaluation, notes=notes,
    )


def _evaluation(plan) -> tuple[dict[str, list[float | None]] | None, list[str]]:
    """Quarterly capaian (overall average) and cumulative serapan, percent, per quarter, as
    rak_xl.evaluation computes them for the Evaluasi sheet; and a note naming what is empty.

    Only for workbooks that carry the evaluation sheets; otherwise the recap has no such
    columns. A figure that cannot be computed stays empty (never 0), and the note says why.
    """
    from . import evaluation as E

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
    from . import jobs  # noqa: F401
    from .adapters import file_read  # noqa: F401
    from .rules import load_all

    load_all()


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def summarise_all(paths: list[Path], workers: int | None = None,
                  progress: Progress | None = None) -> list[SatkerSummary | Skipped]:
    """Summaries of all files, in the order of `paths`; spread over processes when worth it."""
    names = [str(p) for p in paths]
    workers = workers or os.cpu_count() or 1
    workers = max(1, min(workers, len(names)))
    results: dict[int, list] = {}
    if workers == 1 or len(names) < 4:
        for i, p in enumerate(names):
            results[i] = [summarise_file(p)]
            if progress:
                progress.update()
    else:
        # Chunks amortise the inter-process round trips; several per worker keep the cores busy to the end.
        _warm_up()  # forked workers inherit the imported modules instead of importing them each
        size = max(1, min(32, len(names) // (workers * 4)))
        chunks = _chunks(names, size)
        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = {pool.submit(_work, chunk): i for i, chunk in enumerate(chunks)}
                for fut in as_completed(futures):
                    i = futures[fut]
                    results[i] = fut.result()
                    if progress:
                        progress.update(len(chunks[i]))
        except (OSError, BrokenProcessPool):
            # No worker processes here (a locked-down PC, a killed worker): finish in this process.
            for i, chunk in enumerate(chunks):
                if i not in results:
                    results[i] = _work(chunk)
                    if progress:
                        progress.update(len(chunk))
    return [item for i in sorted(results) for item in results[i]]


def _newness(s: SatkerSummary) -> tuple:
    return (s.signed_on or dt.date.min, s.mtime, s.file)


def resolve_duplicates(summaries: list[SatkerSummary]) -> tuple[list[SatkerSummary], list[Skipped]]:
    """One summary per (satker, year): the newest; the others become skipped entries naming it."""
    groups: dict[tuple, list[SatkerSummary]] = {}
    for s in summaries:
        groups.setdefault(s.key, []).append(s)
    kept, dropped = [], []
    for group in groups.values():
        group.sort(key=_newness, reverse=True)
        newest = group[0]
        kept.append(newest)
        for old in group[1:]:
            why = ("Tanggal Penetapan lebih baru" if (newest.signed_on or dt.date.min) > (old.signed_on or dt.date.min)
                   else "Tanggal Penetapan sama, berkas diubah lebih akhir")
            dropped.append(Skipped(old.file, KIND_DUPLICATE,
                                   f"{old.satker or '-'} ({old.satker_code or '-'}) tahun {old.year or '-'} juga ada "
                                   f"di '{newest.file}' yang dipakai ({why})."))
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


# -- the job -------------------------------------------------------------------------

def _refuse_overwriting_a_satker(folder: Path, output: Path) -> None:
    """The recap may replace an earlier recap, never a workbook it is meant to read."""
    from .adapters.atomic import check_target
    from .adapters.file_read import sheet_names

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
                   progress: bool = True, stream=None) -> Recap:
    """Read every workbook in `folder`, write the recap to `output`, return what was written."""
    folder, output = Path(folder), Path(output)
    if output.suffix.lower() != ".xlsx":
        raise RakInputError(f"Berkas rekap '{output.name}' harus berakhiran .xlsx.",
                            message_en=f"Recap '{output.name}' must end in .xlsx.")
    _refuse_overwriting_a_satker(folder, output)
    paths = find_workbooks(folder, exclude=output)
    if not paths:  # an empty recap would look like a province without satker
        raise RakInputError(f"Folder '{folder.resolve()}' tidak berisi berkas; rekap tidak dibuat.",
                            message_en=f"Folder '{folder.resolve()}' holds no files; no recap made.",
                            hint="Salin workbook RAK satker (.xlsm/.xlsx) ke folder itu, lalu jalankan lagi.",
                            hint_en="Copy the satker RAK workbooks (.xlsm/.xlsx) into that folder, then run again.")
    bar = Progress(len(paths), "Membaca workbook", stream=stream, enabled=progress)
    results = summarise_all(paths, workers, bar)
    summaries = [r for r in results if isinstance(r, SatkerSummary)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    recap = build_recap(summaries, skipped)
    # The folder's name only: its full path would carry the user's home folder and name into a
    # file that is shared.
    from .adapters.recap_write import write_recap

    write_recap(recap, output, folder=folder.resolve().name)
    return recap
