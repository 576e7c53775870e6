"""Siapkan Kiriman: the package that goes to KPU Provinsi by e-mail.

A folder named for the satker, year and date holding
- a macro-free .xlsx: the plan sheets as values, the findings, the roll-up and
  the consolidated table; no VBA, no buttons, no xlwings.conf sheet, no paths
  or user names in the document properties;
- a PDF of the consolidated table and the roll-up;
- the e-mail cover text (subject and body) as a .txt file;
and a stamp sheet in the .xlsx saying when, from which workbook (name and
SHA-256), with which rak_xl version and with what validation result.

Values always come from the grids the validation saw (so the button, which
reads the open workbook, and the CLI, which reads the file, send the same
thing); the saved file, when there is one, only lends its formatting.
The folder is assembled beside its final place and swapped in at the end, so
a failure leaves the previous package of the day as it was; a second package the
same day replaces the first one's files only, never a file staff put beside them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rak_xl import __version__
from rak_xl.adapters.atomic import replacing
from rak_xl.adapters.file_write import write_values_copy
from rak_xl.core import clock
from rak_xl.core import layout as L
from rak_xl.core import refusals as R
from rak_xl.core.findings import summary_line
from rak_xl.core.text import both, rupiah
from rak_xl.figures.sums import program_totals
from rak_xl.outputs.sheets import SheetOutput, WritePlan, illustrative_notice
from rak_xl.parse.tables import Grid

from . import jobs
from .stamp import SHEET_STAMP, STAMP_TIME_FORMAT, STAMP_WHEN

PDF_SHEETS = (L.SHEET_CONSOLIDATED, L.SHEET_ROLLUP)
MAX_STEM = 60  # e-mail clients and older Windows tools cope badly with long attachment names
# Dropped from the copy that leaves the office: instructions for the buttons, and xlwings settings
# that may carry somebody's interpreter path.
DROPPED_SHEETS = (L.SHEET_GUIDE, "xlwings.conf", "_xlwings.conf")


@dataclass
class Package:
    folder: Path
    files: list[Path] = field(default_factory=list)
    forced: bool = False
    replaced: list[Path] = field(default_factory=list)  # files of an earlier package the same day
    removed: list[Path] = field(default_factory=list)  # of those, ones this run did not make again
    kept: list[Path] = field(default_factory=list)  # other files in the folder, left alone


def safe_stem(*parts: object) -> str:
    """File-name stem safe on Windows: letters, digits, '-' and '_' only, short enough for e-mail."""
    text = "_".join(str(p) for p in parts if p not in (None, ""))
    text = re.sub(r"[^0-9A-Za-z-]+", "_", text).strip("_")
    return text[:MAX_STEM].rstrip("_") or "RAK"


def package_stem(report: jobs.ValidationReport, when: dt.datetime) -> str:
    ident = report.plan.identity
    return safe_stem("RAK", ident.get("year") or "", ident.get("satker") or "satker", f"{when:%Y-%m-%d}")



def stamp_sheet(report: jobs.ValidationReport, source_name: str, digest: str, when: dt.datetime,
                forced: bool) -> SheetOutput:
    counts = report.summary
    status = "LOLOS VALIDASI" if not report.has_errors else (
        "DIKIRIM DENGAN KESALAHAN (dipaksa)" if forced else "ADA KESALAHAN")
    rows = [
        ["STEMPEL KIRIMAN RAK"],
        [],
        [STAMP_WHEN, when.strftime(STAMP_TIME_FORMAT)],
        ["Dari workbook", source_name],
        ["SHA-256 workbook", digest],
        ["Versi rak_xl", __version__],
        ["Status validasi", status],
        ["Kesalahan", counts["error"]],
        ["Peringatan", counts["warning"]],
        ["Informasi", counts["info"]],
        [],
        ["Salinan ini tanpa makro. Nilai lembar rencana adalah nilai saat validasi; "
         "rincian temuan ada di lembar Temuan."],
    ]
    return SheetOutput(name=SHEET_STAMP, values=rows, bold=["A1", "A3:A10"],
                       fills=[("B7", "#C6EFCE" if not report.has_errors else "#FFC7CE")],
                       column_widths={1: 22, 2: 70})


# Bidirectional controls (U+202E turns "gpj.exe" into "exe.jpg" on screen) and other invisible
# format characters, and control characters, have no place in a subject line or a cover letter.
_INVISIBLE = re.compile("[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
MAX_FIELD = 150  # characters of one cell's text in the cover letter; the subject stays one short line


def one_line(value: object, limit: int = MAX_FIELD) -> str:
    """A cell's text for the e-mail: one line, visible characters only, at most `limit` characters."""
    text = " ".join(_INVISIBLE.sub(" ", str(value)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cover_text(report: jobs.ValidationReport, files: list[str], forced: bool) -> str:
    plan = report.plan
    ident = plan.identity
    satker = one_line(ident.get("satker") or "(satker belum diisi)", 100)
    year = one_line(ident.get("year") or "-", 10)
    totals = program_totals(plan)
    lines = [
        f"Subjek: Rencana Aksi Kinerja {satker} Tahun {year}",
        "",
        "Yth. KPU Provinsi Jawa Timur,",
        "",
        f"Bersama ini kami sampaikan Rencana Aksi Kinerja (RAK) {satker} Tahun {year}.",
        "",
        f"Satuan kerja   : {satker} (kode satker {one_line(ident.get('satker_code') or '-', 30)})",
        f"Nomor DIPA     : {one_line(ident.get('dipa_number') or '-', 60)}",
        f"Pagu berlaku   : {rupiah(ident.budget_in_force)}",
    ]
    for program in plan.programs:
        lines.append(f"Program {one_line(program.code, 30):<9}: {rupiah(totals.get(program.code))} "
                     f"(pagu program {rupiah(program.amount)}) - {one_line(program.name)}")
    lines += [
        f"Hasil validasi : {summary_line(report.findings)}"
        + (" - DIKIRIM DENGAN KESALAHAN atas keputusan pengirim." if forced and report.has_errors else ""),
        *([f"Perhatian      : {illustrative_notice(plan)}"] if plan.illustrative else []),
        "",
        "Lampiran:",
        *(f"- {name}" for name in files),
        "",
        "Demikian, atas perhatiannya kami ucapkan terima kasih.",
        "",
        one_line(ident.get("signer_title") or ""),
        one_line(ident.get("signer") or ""),
        "",
        f"(Dibuat dengan rak_xl {__version__}.)",
    ]
    return "\n".join(lines).rstrip() + "\n"


def _package_names(stem: str) -> set[str]:
    """Every name a package of `stem` can have: the files this module writes, and no others."""
    return {f"{stem}.xlsx", f"{stem}.pdf", f"{stem}_email.txt"}


def sha256_of(path: Path | None) -> str:
    if path is None or not path.is_file():
        return "tidak tersedia (workbook belum disimpan)"
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def refuse_if_errors(report: jobs.ValidationReport, force: bool, source: str = "<berkas>") -> None:
    """prepare() is the command line's door (the button asks instead), so the hint names commands."""
    if report.has_errors and not force:
        raise R.PACKAGE_HAS_ERRORS(summary=both("counts", **report.summary), source=source)


def libreoffice_pdf(xlsx: Path, pdf: Path) -> None:
    """The PDF of the package: Konsolidasi and Rekap Anggaran, exported by LibreOffice."""
    from rak_xl.adapters.pdf_export import libreoffice_pdf as export_pdf  # starts a process: not under Lite

    export_pdf(xlsx, pdf, PDF_SHEETS)


# Account names that name no one person (a shared office PC's, a service's): never searched for.
GENERIC_ACCOUNTS = frozenset({"root", "admin", "administrator", "user", "users", "guest", "default", "public", "owner",
                              "staf", "staff", "operator", "pegawai", "kantor", "kpu"})


def user_traces(grids: Mapping[str, Grid]) -> list[tuple[str, str]]:
    """(text, kind) of what names this computer's user: the home folder, in the forms a workbook, a link
    and a PDF string write it ("home"; not a one-level home such as /root, which names an account, not
    a person), and the account name ("user"), unless it names no one, is shorter than four letters, or
    is in the plan's own text (the signer may be that person: what staff typed is theirs to send)."""
    import getpass

    home = str(Path.home())
    traces = []
    if len([p for p in re.split(r"[\\/]+", home) if p and not p.endswith(":")]) >= 2:
        forms = {home, home.replace("\\", "/"), home.replace("/", "\\"), home.replace("\\", "\\\\"),
                 home.replace(" ", "%20")}
        traces += [(form, "home") for form in sorted(forms)]
    try:
        account = getpass.getuser()
    except (OSError, KeyError):  # no name in the environment, none in the password database
        account = ""
    text = "\n".join(v for grid in grids.values() for row in grid for v in row if isinstance(v, str)).casefold()
    names = {account, os.environ.get("USERNAME", ""), os.environ.get("USER", ""), Path.home().name}
    traces += [(name, "user") for name in sorted(names) if len(name) >= 4 and name.casefold() not in GENERIC_ACCOUNTS
               and name.casefold() not in text]
    return traces


def refuse_personal(files: list[Path], traces: list[tuple[str, str]], folder: Path) -> None:
    """Refuse (RAK822) a package any byte of which (members and streams inflated) names the user: each
    trace as a whole word, in any letter case (an account 'data' is not in '<sheetData>'); `folder`:
    where the files are to be put (the refusal names them there)."""
    from rak_xl.adapters.inflated import readable_parts

    needles = [(re.compile(rb"(?<![a-z0-9])" + re.escape(text.encode("utf-8").lower()) + rb"(?![a-z0-9])"), text, kind)
               for text, kind in traces]
    for path in files:
        for part, data in readable_parts(path):
            low = data.lower()
            for needle, text, kind in needles:
                if needle.search(low):
                    raise R.PACKAGE_NAMES_THE_USER(file=folder / path.name,
                                                   what=both(f"personal.{kind}", needle=text),
                                                   where=both("personal.part", part=part))


def write_package(report: jobs.ValidationReport, plan: WritePlan, grids: Mapping[str, Grid], source_name: str,
                  source_file: Path | None, out_dir: Path, *, forced: bool,
                  pdf: Callable[[Path, Path], None] | None, when: dt.datetime | None = None) -> Package:
    """Write the package folder from results already computed (nothing is recomputed here)."""
    when = when or clock.now()
    stem = package_stem(report, when)
    folder = out_dir / stem
    package = Package(folder, forced=forced and report.has_errors)
    stamped = WritePlan(sheets=[*plan.sheets, stamp_sheet(report, source_name, sha256_of(source_file), when,
                                                          package.forced)], blocks=plan.blocks)
    # A second package the same day replaces the first one's files only: staff's own stay.
    ours = _package_names(stem)
    before = sorted(folder.iterdir()) if folder.is_dir() else []
    traces = user_traces(grids)
    with replacing(folder, folder=True, parents=True, owned=ours) as staging:
        xlsx = staging / f"{stem}.xlsx"
        write_values_copy(grids, stamped, source_file, xlsx, drop=DROPPED_SHEETS,
                          source=source_file or source_name, shown_as=folder / xlsx.name,
                          traces=[text for text, _ in traces])
        names = [xlsx.name]
        if pdf is not None:
            pdf(xlsx, staging / f"{stem}.pdf")
            names.append(f"{stem}.pdf")
        txt = staging / f"{stem}_email.txt"
        txt.write_text(cover_text(report, names, package.forced), encoding="utf-8")
        names.append(txt.name)
        refuse_personal([staging / n for n in names], traces, folder)
    package.files = [folder / n for n in names]
    package.replaced = [p for p in before if p.name in ours and p.name in names]
    package.removed = [p for p in before if p.name in ours and p.name not in names]
    package.kept = [p for p in before if p.name not in ours]
    return package


def _quoted(path: str) -> str:
    """A path as a shell argument: quoted when it holds spaces."""
    return f'"{path}"' if " " in path else path


def prepare(grids: Mapping[str, Grid], source_name: str, source_file: Path | None, out_dir: Path, *,
            force: bool = False, pdf: Callable[[Path, Path], None] | None = libreoffice_pdf,
            when: dt.datetime | None = None) -> tuple[jobs.ValidationReport, WritePlan, Package]:
    """Validate, roll up, consolidate, then write the package. Refuses on errors unless forced."""
    report, plan = jobs.run_all(grids, source_name)
    refuse_if_errors(report, force, _quoted(str(source_file) if source_file is not None else source_name))
    package = write_package(report, plan, grids, source_name, source_file, out_dir, forced=force, pdf=pdf,
                            when=when)
    return report, plan, package
