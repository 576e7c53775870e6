"""`rak-xl`: the headless door to the same jobs the buttons run.

Exit codes: 0 done (validate: no errors), 1 errors found in the plan,
2 the file cannot be read or written (clear message, nothing written),
3 an internal error (a bug: short reference, traceback in the log file).

One module although over 400 lines: each command is a short function that only calls a job
and prints its result, and the argument parser that names them all sits beside them, so the
whole command line (options, exit codes, texts) is read in one place. The work is in jobs.py.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__, wording
from .errors import RakInputError, file_system_error

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _json(data: dict) -> str:
    """JSON for scripts and people: each finding (or other list item) on one line.

    json.dumps with indent runs the pure-Python encoder; for 12,000 findings that was a
    quarter of `validate`'s time. Items are encoded compactly by the C encoder and joined
    one per line, which stays valid JSON and easy to read and diff.
    """
    def enc(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n    ".join(enc(v) for v in value)
            parts.append(f"  {enc(key)}: [\n    {items}\n  ]")
        else:
            parts.append(f"  {enc(key)}: {enc(value)}")
    return "{\n" + ",\n".join(parts) + "\n}"


def _err(text: str) -> None:
    sys.stderr.write(text if text.endswith("\n") else text + "\n")


def format_table(rows: list[list[str]], headers: list[str], max_width: int = 90) -> str:
    """Plain-text table. Written here rather than with pandas/tabulate: the CLI must start fast."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    widths = [min(max(len(r[i]) for r in cells), max_width) for i in range(len(headers))]

    def line(r: list[str]) -> str:
        return "  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(r, widths)).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), sep, *(line(r) for r in cells[1:])])


# -- commands -----------------------------------------------------------------

def _read(path: str):
    from .adapters.file_read import read_grids

    return read_grids(path)


def _codes(values: list[str] | None, option: str) -> list[str] | None:
    """--select / --ignore values: repeatable, each a comma list; an unknown code is refused.

    A typo must not read as a clean plan: `--select RAK4O1` would select nothing and
    report "0 kesalahan" with exit 0, a false all-clear.
    """
    if not values:
        return None
    from .catalog import unknown_codes

    codes = [c.strip().upper() for v in values for c in v.split(",") if c.strip()]
    bad = unknown_codes(codes)
    if bad:
        raise RakInputError(
            f"Kode aturan tidak dikenal pada {option}: {', '.join(bad)}. Pakai kode atau awalan dari "
            f"`rak-xl rules`, misalnya RAK4 atau RAK203,RAK407.",
            message_en=f"Unknown rule code in {option}: {', '.join(bad)}. Use a code or prefix listed by "
                       f"`rak-xl rules`, e.g. RAK4 or RAK203,RAK407.")
    return codes


def _cell_span(f: dict, lang: str = "id") -> str:
    """The cells of a finding as JSON gives them, for a reader (same-sheet cells only)."""
    from .findings import cell_span

    return cell_span([c for c in f.get("cells") or [f["cell"]] if c and "!" not in c], lang)


def findings_text(report_dict: dict, lang: str = "id", width: int | None = None) -> str:
    """The findings grouped by sheet, each with its whole message and hint.

    `width` wraps the text to a terminal; None writes every message and hint on one full
    line (for a pipe or a file, so grep and copy see whole sentences).
    """
    import textwrap

    from . import layout as L
    from .findings import SEVERITY_LABEL

    labels = SEVERITY_LABEL[lang]
    hint_word = "Saran" if lang == "id" else "Fix"
    order = {name: i for i, name in enumerate(L.INPUT_SHEETS)}
    by_sheet: dict[str, list[dict]] = {}
    for f in report_dict["findings"]:  # already in severity, sheet, row order
        by_sheet.setdefault(f["sheet"] or "-", []).append(f)
    lines: list[str] = []

    def put(text: str, indent: str, hang: str) -> None:
        if width:
            lines.extend(textwrap.wrap(text, width=max(width, 40), initial_indent=indent,
                                       subsequent_indent=hang, break_on_hyphens=False) or [indent])
        else:
            lines.append(indent + text)

    for sheet in sorted(by_sheet, key=lambda name: (order.get(name, len(order)), name)):
        items = by_sheet[sheet]
        lines.append(f"{sheet} ({len(items)})")
        for f in items:
            where = _cell_span(f, lang)
            put(f"{labels[f['severity']]} {f['code']}{' ' + where if where else ''}: {f['message']}", "  ", "      ")
            if f["hint"]:
                put(f"{hint_word}: {f['hint']}", "      ", "      ")
        lines.append("")
    return "\n".join(lines)


def cmd_validate(args) -> int:
    from . import jobs

    select, ignore = _codes(args.select, "--select"), _codes(args.ignore, "--ignore")
    report = jobs.validate(_read(args.file), Path(args.file).name, select, ignore)
    data = report.as_dict(args.lang)
    if args.format == "json":
        _out(_json(data))
    else:
        import shutil

        width = shutil.get_terminal_size((100, 24)).columns - 1 if sys.stdout.isatty() else None
        if data["findings"]:
            _out(findings_text(data, args.lang, width))
        s = report.summary
        word = ("kesalahan", "peringatan", "informasi") if args.lang == "id" else ("errors", "warnings", "info")
        _out(f"{report.source}: {s['error']} {word[0]}, {s['warning']} {word[1]}, {s['info']} {word[2]}")
    return EXIT_FINDINGS if report.has_errors else EXIT_OK


def _notice(plan) -> None:
    """The illustrative-data notice under every table derived from example sheets."""
    from .outputs.sheets import illustrative_notice

    if plan.illustrative:
        _out("\n" + illustrative_notice(plan))


def _check_suffix(source: Path, target: Path) -> None:
    if target.suffix.lower() != source.suffix.lower():
        raise RakInputError(f"Berkas hasil '{target.name}' harus berakhiran {source.suffix}.",
                            message_en=f"Output '{target.name}' must end in {source.suffix}.")


def _same_file(a: Path, b: Path) -> bool:
    """Whether two names reach one file (./sub/../RAK.xlsm, a link, another case on Windows)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _check_output(source: Path, target: Path, in_place: bool = False) -> None:
    """Before any work: the output must be a usable file name and never the input, unless asked."""
    from .adapters.atomic import check_target

    _check_suffix(source, target)
    if not in_place and _same_file(source, target):
        raise RakInputError(
            f"Berkas hasil '{target}' adalah berkas masukan itu sendiri; berkas itu tidak ditimpa.",
            message_en=f"Output '{target}' is the input file itself; it is not overwritten.",
            hint="Pilih nama lain dengan -o, atau pakai --in-place (rak-xl run) untuk menulis ke berkas itu sendiri.")
    check_target(target)


def _write_copy(source: Path, target: Path, plan, in_place: bool = False) -> None:
    """Carry `plan` into a copy of `source` saved as `target` (or into `source` itself)."""
    from .adapters.file_write import apply_plan

    _check_output(source, target, in_place)
    apply_plan(source, target, plan)
    _err(plan.message)
    _out(f"Hasil ditulis ke {target}")


def _default_output(path: Path) -> Path:
    return path.with_name(f"{path.stem}_hasil{path.suffix}")



def cmd_rollup(args) -> int:
    """Rekap Anggaran on the command line: JSON (whole Rupiah, ints) or tables."""
    from . import jobs
    from .rollup import rollup

    report = jobs.validate(_read(args.file), Path(args.file).name)
    roll = rollup(report.plan)
    if args.format == "json":
        _out(_json(roll.as_dict()))
        return EXIT_OK
    tw = [f"TW {q}" for q in (1, 2, 3, 4)]
    rows = [[p.code, *map(wording.thousands, (p.pagu, p.allocated, p.difference, *p.quarters))]
            for p in roll.programs]
    rows.append(["DIPA", *map(wording.thousands, (roll.dipa_pagu, roll.programs_declared, roll.dipa_difference,
                                                   *roll.quarters))])
    _out(format_table(rows, ["Program", "Pagu", "Dialokasikan", "Selisih", *tw]))
    codes = [p.code for p in roll.programs]
    rows = [[d.name, *(wording.thousands(d.by_program.get(c, 0)) for c in codes), wording.thousands(d.allocated),
             f"{d.indicators}/{d.indicators_funded}", f"{d.activities}/{d.activities_funded}"]
            for d in roll.divisions]
    _out("")
    _out(format_table(rows, ["Bagian", *codes, "Jumlah", "Indikator/beranggaran", "Kegiatan/beranggaran"], 50))
    shares = roll.cumulative_share()
    _out("\nRPD kumulatif: " + ", ".join(
        f"TW {q} {wording.thousands(c)} ({'-' if s is None else f'{s:.1%}'})"
        for q, c, s in zip((1, 2, 3, 4), roll.cumulative, shares)))
    _notice(report.plan)
    return EXIT_OK


def cmd_consolidate(args) -> int:
    """Konsolidasi on the command line: the table on stdout, or the sheet written into a copy (-o)."""
    from . import jobs

    source = Path(args.file)
    if args.output:
        _check_output(source, Path(args.output))
    report = jobs.validate(_read(source), source.name)
    if args.output:
        _write_copy(source, Path(args.output), jobs.consolidation_outputs(report))
        return EXIT_OK
    from .outputs.consolidated_sheet import INFERRED, star_note, text_table

    heads, rows = text_table(report.plan, report.findings)
    _out(format_table(rows, heads, 60))
    if any(r[6].endswith(INFERRED) for r in rows):
        _out("\nCatatan: " + star_note(report.plan))
    _notice(report.plan)
    s = report.summary
    _out(f"\n{report.source}: {len(rows)} indikator; validasi {s['error']} kesalahan, {s['warning']} peringatan, "
         f"{s['info']} informasi")
    return EXIT_OK




def cmd_evaluate(args) -> int:
    """Evaluasi Triwulan: capaian and absorption for one quarter, as JSON or tables (or into a copy, -o)."""
    from . import jobs

    source = Path(args.file)
    if args.output:
        _check_output(source, Path(args.output))
    run = jobs.evaluate(_read(source), source.name, args.quarter)
    ev = run.evaluation
    if args.output:
        _write_copy(source, Path(args.output), jobs.evaluation_outputs(run))
        return EXIT_OK
    if args.format == "json":
        _out(_json(run.as_dict(args.lang)))
        return EXIT_OK
    from .outputs.evaluation_sheet import status_line

    _out(f"{run.report.source}: Evaluasi TW {ev.quarter} - {status_line(ev)}")
    rows = [[r.name, wording.percent(r.value), f"{r.counted}/{r.indicators}"]
            for r in [*ev.divisions, *([ev.overall] if ev.overall else [])]]
    _out("")
    _out(format_table(rows, ["Bagian", "Capaian", "Dihitung/indikator"], 60))
    rows = [[a.name, *map(wording.rupiah, (a.pagu, a.planned, a.realised)), wording.percent(a.absorption),
             wording.rupiah(a.deviation), wording.percent(a.deviation_pct), wording.percent(a.guide)]
            for a in [*ev.programs_absorption, *ev.divisions_absorption,
                      *([ev.total_absorption] if ev.total_absorption else []),
                      *([ev.dipa_absorption] if ev.dipa_absorption else [])]]
    _out("")
    _out(format_table(rows, ["Program / Bagian", "Pagu", f"RPD s.d. TW {ev.quarter}",
                             f"Realisasi s.d. TW {ev.quarter}", "Penyerapan", "Deviasi", "Deviasi/RPD", "Pedoman"],
                      40))
    rows = [[i.row.id, i.row.indicator, wording.number(i.target), wording.number(i.realised), wording.percent(i.value), i.state]
            for i in ev.indicators]
    _out("")
    _out(format_table(rows, ["ID", "Indikator", "Target", "Realisasi", "Capaian", "Keadaan"], 60))
    if run.report.findings:
        _out(f"\nCatatan evaluasi: {len(run.report.findings)} temuan RAK6xx (lihat `rak-xl validate --select RAK6`).")
    _notice(run.report.plan)
    return EXIT_OK



def cmd_run(args) -> int:
    """What pressing the buttons does, written into a copy of the workbook (or in place)."""
    from . import jobs

    source = Path(args.file)
    grids = _read(source)
    target = source if args.in_place else Path(args.output) if args.output else _default_output(source)
    _check_output(source, target, args.in_place)  # before any work: a wrong name is refused at once
    report, plan = jobs.run_all(grids, source.name)
    _write_copy(source, target, plan, args.in_place)
    return EXIT_FINDINGS if (args.strict and report.has_errors) else EXIT_OK


def cmd_submit(args) -> int:
    """Siapkan Kiriman from the command line: the package for the province, in its own folder."""
    from . import submit

    source = Path(args.file)
    grids = _read(source)
    try:
        report, _plan, package = submit.prepare(grids, source.name, source, Path(args.output), force=args.force,
                                                pdf=None if args.no_pdf else submit.libreoffice_pdf)
    except submit.SubmitRefused as exc:
        _err(exc.text())
        return EXIT_FINDINGS
    for path in package.files:
        _out(str(path))
    if package.forced:
        _err("Peringatan: kiriman dibuat walaupun RAK masih memuat kesalahan (--force).")
    return EXIT_OK


def cmd_province(args) -> int:
    """Rekap Provinsi: every RAK workbook in a folder -> one recap workbook (0 when written)."""
    from .province import province_recap

    recap = province_recap(args.folder, args.output, workers=args.workers, progress=not args.quiet,
                           use_cache=not args.no_cache)
    errors = sum(1 for s in recap.satkers if s.counts.get("error"))
    cached = f" {recap.cached} berkas tidak berubah sejak rekap sebelumnya (dari cache)." if recap.cached else ""
    _out(f"Rekap ditulis ke {args.output}: {len(recap.satkers)} satker ({errors} dengan kesalahan), "
         f"{len(recap.skipped)} berkas dilewati.{cached}")
    return EXIT_OK


def cmd_new(args) -> int:
    """Buat RAK baru: the next year's plan carried forward (--dari), or a blank plan (--satker, --kode)."""
    from . import newyear
    from .adapters.atomic import write_bytes

    if args.source and (args.satker or args.code):
        raise RakInputError("--dari tidak dipakai bersama --satker atau --kode: RAK yang dibawa tetap memakai identitas "
                            "satker sumbernya.",
                            message_en="--dari does not go with --satker or --kode: a carried plan keeps its satker.")
    if bool(args.source) == bool(args.satker):
        raise RakInputError("Pilih salah satu: --dari RAK_lama.xlsm (bawa ke tahun berikutnya), atau --satker dan "
                            "--kode (RAK kosong).",
                            message_en="Give either --dari OLD.xlsm (carry forward) or --satker and --kode (blank).")
    if args.satker and (args.code is None or args.year is None):
        raise RakInputError("RAK kosong memerlukan --satker, --kode dan --tahun.",
                            message_en="A blank plan needs --satker, --kode and --tahun.")
    if args.source:
        source = Path(args.source)
        grids = _read(source)
        data = newyear.carried(grids, source.name, args.year)
        target = Path(args.output) if args.output else source.with_name(newyear.default_name(data.year))
    else:
        source = None
        data = newyear.blank(args.satker, args.code, args.year)
        target = Path(args.output) if args.output else Path(newyear.default_name(data.year))
    newyear.check_output(target, args.force, source)
    write_bytes(target, newyear.workbook_bytes(data), new=not args.force)
    _out(f"RAK {data.satker} tahun {data.year} ditulis ke {target}")
    return EXIT_OK


def cmd_build(args) -> int:
    """Build (or with --check compare) the RAK workbook and the province's Rekap_Provinsi.xlsm."""
    from .adapters.atomic import write_bytes
    from .build.province_workbook import build_province_workbook
    from .build.workbook import build_workbook

    built = [(Path(args.output), lambda: build_workbook(args.sources, args.macros, args.lite_package),
              f"{args.sources} dan {args.macros}"),
             (Path(args.province_output), lambda: build_province_workbook(Path(args.macros) / "province"),
              str(Path(args.macros) / "province"))]
    stale = False
    for target, build, sources in built:
        data = build()
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                _err(f"{target} berbeda dari hasil build baru dari {sources}. Jalankan: rak-xl build")
                stale = True
            else:
                _out(f"{target} sama dengan hasil build baru.")
            continue
        write_bytes(target, data)
        _out(f"Ditulis: {target} ({len(data)} byte)")
    if not args.check and not args.lite_package:
        from .build.lite import default_requirement

        _out(f"xlwings Lite memasang {default_requirement()} dari PyPI; untuk wheel sendiri: --lite-package URL")
    return EXIT_FINDINGS if stale else EXIT_OK


def cmd_rules(args) -> int:
    from .rules.docs import rules_markdown

    if args.markdown:
        _out(rules_markdown())
    else:
        from .catalog import CATALOG

        _out(format_table([[r.code, r.slug, r.severity, r.message_id] for r in CATALOG.values()],
                          ["Kode", "Nama", "Tingkat", "Pesan"]))
    return EXIT_OK


def cmd_setup_excel(args) -> int:
    """Point xlwings at this Python (user settings file only; nothing goes into a workbook)."""
    from .excel_setup import setup_excel

    for line in setup_excel():
        _out(line)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rak-xl", description="Validasi, rekap dan konsolidasi workbook RAK KPU.")
    p.add_argument("--version", action="version", version=f"rak-xl {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="periksa workbook dan tampilkan temuan")
    v.add_argument("file")
    v.add_argument("--format", choices=("table", "json"), default="table")
    v.add_argument("--lang", choices=("id", "en"), default="id")
    v.add_argument("--select", action="append", metavar="KODE",
                   help="hanya aturan berawalan KODE; beberapa dipisah koma (mis. RAK4,RAK501)")
    v.add_argument("--ignore", action="append", metavar="KODE",
                   help="lewati aturan berawalan KODE; beberapa dipisah koma (mis. RAK203,RAK407)")
    v.set_defaults(func=cmd_validate)

    r = sub.add_parser("run", help="jalankan semua tombol dan tulis hasil ke salinan workbook")
    r.add_argument("file")
    r.add_argument("-o", "--output", help="berkas hasil (bawaan: <nama>_hasil.xlsm di samping berkas)")
    r.add_argument("--in-place", action="store_true", help="tulis ke berkas itu sendiri")
    r.add_argument("--strict", action="store_true", help="keluar dengan kode 1 bila ada kesalahan")
    r.set_defaults(func=cmd_run)

    ro = sub.add_parser("rollup", help="Rekap Anggaran: anggaran per program, bagian dan triwulan")
    ro.add_argument("file")
    ro.add_argument("--format", choices=("table", "json"), default="table")
    ro.set_defaults(func=cmd_rollup)

    co = sub.add_parser("consolidate", help="Konsolidasi: tabel A dan B dalam satu tabel bernomor")
    co.add_argument("file")
    co.add_argument("-o", "--output", help="tulis lembar Konsolidasi ke salinan workbook ini (berakhiran sama)")
    co.set_defaults(func=cmd_consolidate)

    k = sub.add_parser("submit", help="Siapkan Kiriman: paket .xlsx tanpa makro, PDF dan teks e-mail")
    k.add_argument("file")
    k.add_argument("-o", "--output", default="Kiriman", help="folder tujuan (bawaan: ./Kiriman)")
    k.add_argument("--force", action="store_true", help="buat kiriman walaupun ada kesalahan")
    k.add_argument("--no-pdf", action="store_true", help="tanpa PDF (bila LibreOffice tidak ada)")
    k.set_defaults(func=cmd_submit)

    pv = sub.add_parser("province", help="Rekap Provinsi: rekap semua workbook RAK satker dalam satu folder")
    pv.add_argument("folder")
    pv.add_argument("-o", "--output", default="Rekap_Provinsi.xlsx", help="berkas rekap .xlsx")
    pv.add_argument("--workers", type=int, help="jumlah proses (bawaan: jumlah inti CPU)")
    pv.add_argument("--quiet", action="store_true", help="tanpa bilah kemajuan")
    pv.add_argument("--no-cache", action="store_true",
                    help="baca ulang semua berkas (tanpa cache ringkasan dari rekap sebelumnya)")
    pv.set_defaults(func=cmd_province)

    ev = sub.add_parser("evaluate", help="Evaluasi Triwulan: capaian kinerja dan penyerapan anggaran")
    ev.add_argument("file")
    ev.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), metavar="N",
                    help="triwulan 1-4 (bawaan: Triwulan Pelaporan di lembar Identitas)")
    ev.add_argument("--format", choices=("table", "json"), default="table")
    ev.add_argument("--lang", choices=("id", "en"), default="id")
    ev.add_argument("-o", "--output", help="tulis lembar Evaluasi ke salinan workbook ini (berakhiran sama)")
    ev.set_defaults(func=cmd_evaluate)

    b = sub.add_parser("build", help="bangun workbook/RAK_2022.xlsm dan workbook/Rekap_Provinsi.xlsm dari sumber teks")
    b.add_argument("--sources", default="workbook/sources")
    b.add_argument("--macros", default="macros")
    b.add_argument("-o", "--output", default="workbook/RAK_2022.xlsm")
    b.add_argument("--province-output", default="workbook/Rekap_Provinsi.xlsm",
                   help="workbook Rekap Provinsi (tombol Buat Rekap), dari macros/province")
    b.add_argument("--check", action="store_true", help="gagal bila workbook berbeda dari hasil build baru")
    b.add_argument("--lite-package", metavar="REQ",
                   help="cara xlwings Lite memasang rak_xl: baris requirements.txt, mis. URL wheel "
                        "(bawaan: rak_xl versi ini dari PyPI)")
    b.set_defaults(func=cmd_build)

    nb = sub.add_parser("baru", help="buat workbook RAK baru: tahun berikutnya dari RAK lama, atau RAK kosong satker lain")
    nb.add_argument("-o", "--output", help="berkas hasil .xlsm (bawaan: RAK_<tahun>.xlsm di samping RAK lama)")
    nb.add_argument("--tahun", dest="year", type=int, metavar="TAHUN",
                    help="tahun anggaran RAK baru (bawaan dengan --dari: tahun sesudah RAK lama)")
    nb.add_argument("--dari", dest="source", metavar="RAK_LAMA",
                    help="workbook RAK tahun sebelumnya; indikator, ID, bagian dan kode anggaran dibawa")
    nb.add_argument("--satker", help='RAK kosong untuk satker ini, misalnya "KPU Kabupaten Malang"')
    nb.add_argument("--kode", dest="code", metavar="KODE", help="kode satker (6 angka) untuk RAK kosong")
    nb.add_argument("--force", action="store_true", help="ganti berkas hasil yang sudah ada")
    nb.set_defaults(func=cmd_new)

    se = sub.add_parser("setup-excel", help="atur xlwings agar tombol Excel memakai Python ini (sekali per komputer)")
    se.set_defaults(func=cmd_setup_excel)

    ru = sub.add_parser("rules", help="daftar aturan validasi")
    ru.add_argument("--markdown", action="store_true", help="cetak docs/rules.md")
    ru.set_defaults(func=cmd_rules)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except RakInputError as exc:
        _err(exc.text(getattr(args, "lang", "id")))
        return EXIT_INPUT
    except OSError as exc:  # the file system refused (full disk, size limit, permission): exit 2, not a bug
        if isinstance(exc, BrokenPipeError):
            return _bug()
        _err(file_system_error(exc).text(getattr(args, "lang", "id")))
        return EXIT_INPUT
    except MemoryError:
        _err("Memori tidak cukup untuk memproses berkas ini; tidak ada yang ditulis."
             if getattr(args, "lang", "id") != "en" else "Not enough memory to process this file; nothing written.")
        return EXIT_INPUT
    except KeyboardInterrupt:
        _err("Dibatalkan.")
        return 130
    except Exception:
        return _bug()


def _bug() -> int:
    from .crash import report

    _err(report())
    return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
