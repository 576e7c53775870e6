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

from rak_xl import __version__
from rak_xl.cli_args import LANGS, parser_class, requested_lang
from rak_xl.core import refusals as R
from rak_xl.core.errors import RakInputError
from rak_xl.core.text import number, percent, rupiah, thousands

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


def _t(args, id_text: str, en_text: str) -> str:
    """The text in the language asked for with --lang."""
    return en_text if getattr(args, "lang", "id") == "en" else id_text


def _full(path: Path) -> str:
    """A path as staff can find it again: absolute, whatever folder the command ran in."""
    return str(Path(path).resolve())


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
    from rak_xl.adapters.file_read import read_grids

    return read_grids(path)


def _codes(values: list[str] | None, option: str) -> list[str] | None:
    """--select / --ignore values: repeatable, each a comma list; an unknown code is refused.

    A typo must not read as a clean plan: `--select RAK4O1` would select nothing and
    report "0 kesalahan" with exit 0, a false all-clear.
    """
    if not values:
        return None
    from rak_xl.core.catalog import unknown_codes

    codes = [c.strip().upper() for v in values for c in v.split(",") if c.strip()]
    bad = unknown_codes(codes)
    if bad:
        raise R.UNKNOWN_RULE_CODE(option=option, codes=", ".join(bad))
    return codes


def _cell_span(f: dict, lang: str = "id") -> str:
    """The cells of a finding as JSON gives them, for a reader (same-sheet cells only)."""
    from rak_xl.core.findings import cell_span

    return cell_span([c for c in f.get("cells") or [f["cell"]] if c and "!" not in c], lang)


def findings_text(report_dict: dict, lang: str = "id", width: int | None = None) -> str:
    """The findings grouped by sheet, each with its whole message and hint.

    `width` wraps the text to a terminal; None writes every message and hint on one full
    line (for a pipe or a file, so grep and copy see whole sentences).
    """
    from rak_xl.core import layout as L
    from rak_xl.core.findings import SEVERITY_LABEL

    labels = SEVERITY_LABEL[lang]
    hint_word = "Saran" if lang == "id" else "Fix"
    order = {name: i for i, name in enumerate(L.INPUT_SHEETS)}
    by_sheet: dict[str, list[dict]] = {}
    for f in report_dict["findings"]:  # already in severity, sheet, row order
        by_sheet.setdefault(f["sheet"] or "-", []).append(f)
    lines: list[str] = []

    def put(text: str, indent: str, hang: str) -> None:
        if width:
            import textwrap  # only for a terminal: its import compiles patterns every run would pay

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
    from rak_xl.products import jobs

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
    from rak_xl.outputs.sheets import illustrative_notice

    if plan.illustrative:
        _out("\n" + illustrative_notice(plan))


def _check_suffix(source: Path, target: Path) -> None:
    if target.suffix.lower() != source.suffix.lower():
        raise R.OUTPUT_SUFFIX(name=target.name, suffix=source.suffix)


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
    from rak_xl.adapters.atomic import check_target

    _check_suffix(source, target)
    if not in_place and _same_file(source, target):
        raise R.OUTPUT_IS_INPUT(path=target)
    check_target(target)


def _write_copy(source: Path, target: Path, plan, args, in_place: bool = False) -> None:
    """Carry `plan` into a copy of `source` saved as `target` (or into `source` itself)."""
    from rak_xl.adapters.file_write import apply_plan

    _check_output(source, target, in_place)
    apply_plan(source, target, plan)
    if getattr(args, "lang", "id") != "en":  # the message of the buttons, in Indonesian
        _err(plan.message)
    _out(_t(args, f"Hasil ditulis ke {_full(target)}", f"Written to {_full(target)}"))


RESULT_SUFFIX = "_hasil"


def _default_output(path: Path) -> Path:
    """RAK.xlsm -> RAK_hasil.xlsm. A `_hasil` file is already run's own copy: it is updated
    (its input sheets are never changed), rather than copied on to RAK_hasil_hasil.xlsm."""
    if path.stem.endswith(RESULT_SUFFIX):
        return path
    return path.with_name(f"{path.stem}{RESULT_SUFFIX}{path.suffix}")



def cmd_rollup(args) -> int:
    """Rekap Anggaran on the command line: JSON (whole Rupiah, ints) or tables."""
    from rak_xl.figures.rollup import rollup
    from rak_xl.products import jobs

    report = jobs.validate(_read(args.file), Path(args.file).name)
    roll = rollup(report.plan)
    if args.format == "json":
        _out(_json(roll.as_dict()))
        return EXIT_OK
    lang = args.lang

    def num(amount):
        return thousands(amount, lang=lang)

    tw = [_t(args, f"TW {q}", f"Q{q}") for q in (1, 2, 3, 4)]
    rows = [[p.code, *map(num, (p.pagu, p.allocated, p.difference, *p.rpd_by_quarter))] for p in roll.programs]
    rows.append(["DIPA", *map(num, (roll.dipa_pagu, roll.programs_declared, roll.dipa_difference, *roll.rpd_by_quarter))])
    _out(format_table(rows, ["Program", "Pagu", _t(args, "Dialokasikan", "Allocated"),
                             _t(args, "Selisih", "Difference"), *tw]))
    codes = [p.code for p in roll.programs]
    rows = [[d.name, *(num(d.by_program.get(c, 0)) for c in codes), num(d.allocated),
             f"{d.indicators}/{d.indicators_funded}", f"{d.activities}/{d.activities_funded}"]
            for d in roll.divisions]
    _out("")
    _out(format_table(rows, [_t(args, "Bagian", "Division"), *codes, _t(args, "Jumlah", "Total"),
                             _t(args, "Indikator/beranggaran", "Indicators/funded"),
                             _t(args, "Kegiatan/beranggaran", "Activities/funded")], 50))
    shares = roll.cumulative_share()
    _out(_t(args, "\nRPD kumulatif: ", "\nCumulative disbursement plan: ") + ", ".join(
        f"{label} {num(c)} ({percent(None if s is None else s * 100, lang=lang, decimals=1)})"
        for label, c, s in zip(tw, roll.cumulative, shares)))
    _notice(report.plan)
    return EXIT_OK


def cmd_consolidate(args) -> int:
    """Konsolidasi on the command line: the table on stdout, or the sheet written into a copy (-o)."""
    from rak_xl.products import jobs

    source = Path(args.file)
    if args.output:
        _check_output(source, Path(args.output))
    report = jobs.validate(_read(source), source.name)
    if args.output:
        _write_copy(source, Path(args.output), jobs.consolidation_outputs(report), args)
        return EXIT_OK
    from rak_xl.outputs.consolidated_sheet import INFERRED, star_note, text_table

    heads, rows = text_table(report.plan, report.findings, args.lang)
    _out(format_table(rows, heads, 60))
    if any(r[6].endswith(INFERRED) for r in rows):
        _out("\nCatatan: " + star_note(report.plan))
    _notice(report.plan)
    s = report.summary
    _out(_t(args, f"\n{report.source}: {len(rows)} indikator; validasi {s['error']} kesalahan, "
                  f"{s['warning']} peringatan, {s['info']} informasi",
            f"\n{report.source}: {len(rows)} indicators; validation {s['error']} errors, "
            f"{s['warning']} warnings, {s['info']} info"))
    return EXIT_OK


def cmd_evaluate(args) -> int:
    """Evaluasi Triwulan: capaian and absorption for one quarter, as JSON or tables (or into a copy, -o)."""
    from rak_xl.products import jobs

    source = Path(args.file)
    if args.output:
        _check_output(source, Path(args.output))
    run = jobs.evaluate(_read(source), source.name, args.quarter)
    ev = run.evaluation
    if args.output:
        _write_copy(source, Path(args.output), jobs.evaluation_outputs(run), args)
        return EXIT_OK
    if args.format == "json":
        _out(_json(run.as_dict(args.lang)))
        return EXIT_OK
    from rak_xl.figures.quarterly import STATE_EN
    from rak_xl.outputs.evaluation_sheet import status_line

    lang, q = args.lang, ev.quarter

    def pct(value):
        return percent(value, lang=lang, decimals=1)

    def rp(amount):
        return rupiah(amount, lang=lang)

    def state(word):
        return STATE_EN.get(word, word) if lang == "en" else word

    _out(f"{run.report.source}: {_t(args, f'Evaluasi TW {q}', f'Q{q} evaluation')} - {status_line(ev, lang)}")
    rows = [[r.name, pct(r.value), f"{r.counted}/{r.indicators}"]
            for r in [*ev.divisions, *([ev.overall] if ev.overall else [])]]
    _out("")
    _out(format_table(rows, [_t(args, "Bagian", "Division"), "Capaian",
                             _t(args, "Dihitung/indikator", "Counted/indicators")], 60))
    rows = [[a.name, *map(rp, (a.pagu, a.planned_to_date, a.realised_to_date)), pct(a.absorption), rp(a.deviation),
             pct(a.deviation_pct), pct(a.guide)]
            for a in [*ev.programs_absorption, *ev.divisions_absorption,
                      *([ev.total_absorption] if ev.total_absorption else []),
                      *([ev.dipa_absorption] if ev.dipa_absorption else [])]]
    _out("")
    _out(format_table(rows, [_t(args, "Program / Bagian", "Programme / division"), "Pagu",
                             _t(args, f"RPD s.d. TW {q}", f"Planned to Q{q}"),
                             _t(args, f"Realisasi s.d. TW {q}", f"Realised to Q{q}"),
                             _t(args, "Penyerapan", "Absorption"), _t(args, "Deviasi", "Deviation"),
                             _t(args, "Deviasi/RPD", "Deviation/plan"), _t(args, "Pedoman", "Guide")], 40))
    rows = [[i.row.id, i.row.indicator, number(i.target, lang=lang), number(i.realised, lang=lang),
             pct(i.value), state(i.state)] for i in ev.indicators]
    _out("")
    _out(format_table(rows, ["ID", _t(args, "Indikator", "Indicator"), "Target",
                             _t(args, "Realisasi", "Realised"), "Capaian", _t(args, "Keadaan", "State")], 60))
    if run.report.findings:
        n = len(run.report.findings)
        _out(_t(args, f"\nCatatan evaluasi: {n} temuan RAK6xx (lihat `rak-xl validate --select RAK6`).",
                f"\nEvaluation notes: {n} RAK6xx findings (see `rak-xl validate --select RAK6 --lang en`)."))
    _notice(run.report.plan)
    return EXIT_OK


def cmd_run(args) -> int:
    """What pressing the buttons does, written into a copy of the workbook (or in place)."""
    from rak_xl.products import jobs

    source = Path(args.file)
    grids = _read(source)
    target = source if args.in_place else Path(args.output) if args.output else _default_output(source)
    # A `_hasil` file's default output is itself (see _default_output): updating it is asked for.
    in_place = args.in_place or (not args.output and target == source)
    _check_output(source, target, in_place)  # before any work: a wrong name is refused at once
    report, plan = jobs.run_all(grids, source.name)
    _write_copy(source, target, plan, args, in_place)
    return EXIT_FINDINGS if (args.strict and report.has_errors) else EXIT_OK


def cmd_submit(args) -> int:
    """Siapkan Kiriman from the command line: the package for the province, in its own folder."""
    from rak_xl.products import submit

    source = Path(args.file)
    grids = _read(source)
    report, _plan, package = submit.prepare(grids, source.name, source, Path(args.output), force=args.force,
                                            pdf=None if args.no_pdf else submit.libreoffice_pdf)
    if package.replaced or package.removed:
        _err(_t(args, f"Kiriman hari ini sudah ada di {_full(package.folder)}; diganti: ",
                f"Today's package already existed in {_full(package.folder)}; replaced: ")
             + ", ".join(p.name for p in package.replaced) + "."
             + (_t(args, " Dihapus karena tidak dibuat lagi: ", " Removed, as not made again: ")
                + ", ".join(p.name for p in package.removed) + "." if package.removed else ""))
    if package.kept:
        _err(_t(args, "Berkas lain di folder itu dibiarkan: ", "Other files in that folder were left as they are: ")
             + ", ".join(p.name for p in package.kept) + ".")
    for path in package.files:
        _out(_full(path))
    if package.forced:
        _err(_t(args, "Peringatan: kiriman dibuat walaupun RAK masih memuat kesalahan (--force).",
                "Warning: package made although the plan still has errors (--force)."))
    return EXIT_OK


def cmd_province(args) -> int:
    """Rekap Provinsi: every RAK workbook in a folder -> one recap workbook (0 when written)."""
    from rak_xl.products.province import province_recap

    recap = province_recap(args.folder, args.output, workers=args.workers, progress=not args.quiet,
                           use_cache=not args.no_cache)
    errors = sum(1 for s in recap.satkers if s.counts.get("error"))
    n, skipped = len(recap.satkers), len(recap.skipped)
    cached_id = f" {recap.cached} berkas tidak berubah sejak rekap sebelumnya (dari cache)." if recap.cached else ""
    cached_en = f" {recap.cached} files unchanged since the previous recap (from the cache)." if recap.cached else ""
    _out(_t(args, f"Rekap ditulis ke {_full(args.output)}: {n} satker ({errors} dengan kesalahan), "
                  f"{skipped} berkas dilewati.{cached_id}",
            f"Recap written to {_full(args.output)}: {n} satker ({errors} with errors), {skipped} files skipped."
            f"{cached_en}"))
    if not n:
        _err(_t(args, f"Peringatan: tidak ada workbook RAK yang dapat direkap di {_full(args.folder)}; "
                      "alasannya ada di lembar Berkas Dilewati.",
                f"Warning: no RAK workbook in {_full(args.folder)} could be recapped; the reasons are on the "
                "Berkas Dilewati sheet."))
    return EXIT_OK


def cmd_new(args) -> int:
    """Buat RAK baru: the next year's plan carried forward (--dari), or a blank plan (--satker, --kode)."""
    from rak_xl.adapters.atomic import write_bytes
    from rak_xl.products import newyear

    if args.source and (args.satker or args.code):
        raise R.NEW_SOURCE_WITH_SATKER()
    if bool(args.source) == bool(args.satker):
        raise R.NEW_CHOOSE_ONE()
    if args.satker and (args.code is None or args.year is None):
        raise R.NEW_BLANK_INCOMPLETE()
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
    _out(_t(args, f"RAK {data.satker} tahun {data.year} ditulis ke {_full(target)}",
            f"RAK {data.satker} year {data.year} written to {_full(target)}"))
    return EXIT_OK


# Modules `rak-xl build` needs that an incomplete install may lack, and the package that brings each.
BUILD_EXTRA = {"pyopenvba": "pyOpenVBA"}


def cmd_build(args) -> int:
    """Build (or with --check compare) the RAK workbook and the province's Rekap_Provinsi.xlsm."""
    try:
        from rak_xl.products.builder.province_workbook import build_province_workbook
        from rak_xl.products.builder.workbook import build_workbook

        built = [(Path(args.output), build_workbook(args.sources, args.macros, args.lite_package),
                  f"{args.sources} dan {args.macros}"),
                 (Path(args.province_output), build_province_workbook(Path(args.macros) / "province"),
                  str(Path(args.macros) / "province"))]
    except ModuleNotFoundError as exc:
        package = BUILD_EXTRA.get((exc.name or "").split(".")[0])
        if package is None:
            raise
        raise R.BUILD_NEEDS_PACKAGE(package=package) from None
    from rak_xl.adapters.atomic import write_bytes

    stale = False
    for target, data, sources in built:
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                _err(_t(args, f"{_full(target)} berbeda dari hasil build baru dari {sources}. Jalankan: rak-xl build",
                        f"{_full(target)} differs from a fresh build of {sources}. Run: rak-xl build"))
                stale = True
            else:
                _out(_t(args, f"{_full(target)} sama dengan hasil build baru.",
                        f"{_full(target)} matches a fresh build."))
            continue
        write_bytes(target, data)
        _out(_t(args, f"Ditulis: {_full(target)} ({len(data)} byte)",
                f"Written: {_full(target)} ({len(data)} bytes)"))
    if not args.check and not args.lite_package:
        from rak_xl.products.builder.lite import default_requirement

        req = default_requirement()
        _out(_t(args, f"xlwings Lite memasang {req} dari PyPI; untuk wheel sendiri: --lite-package URL",
                f"xlwings Lite installs {req} from PyPI; for a wheel of your own: --lite-package URL"))
    return EXIT_FINDINGS if stale else EXIT_OK


def cmd_rules(args) -> int:
    from rak_xl.rules.docs import rules_markdown

    if args.markdown:
        _out(rules_markdown())
    else:
        from rak_xl.core.catalog import CATALOG

        en = args.lang == "en"
        _out(format_table([[r.code, r.slug, r.severity, r.message_en if en else r.message_id]
                           for r in CATALOG.values()],
                          ["Code", "Name", "Severity", "Message"] if en else ["Kode", "Nama", "Tingkat", "Pesan"]))
    return EXIT_OK


def cmd_setup_excel(args) -> int:
    """Point xlwings at this Python (user settings file only; nothing goes into a workbook)."""
    from rak_xl.products.excel_setup import setup_excel

    for line in setup_excel():
        _out(line)
    return EXIT_OK


def build_parser(lang: str = "id") -> argparse.ArgumentParser:
    """The `rak-xl` parser, its help and its errors in `lang` ("id" or "en")."""
    def t(id_text: str, en_text: str) -> str:
        return en_text if lang == "en" else id_text

    workbook = t("workbook RAK (.xlsm atau .xlsx)", "the RAK workbook (.xlsm or .xlsx)")
    metavar = t("BERKAS", "FILE")
    formats = t("table: tabel untuk dibaca (bawaan); json: untuk program lain",
                "table: for reading (default); json: for other programs")

    p = parser_class(lang)(prog="rak-xl", description=t("Validasi, rekap dan konsolidasi workbook RAK KPU.",
                                                         "Validate, roll up and consolidate KPU RAK workbooks."))
    p.add_argument("--version", action="version", version=f"rak-xl {__version__}",
                   help=t("tampilkan versi lalu keluar", "show the version and exit"))
    lang_help = t("bahasa pesan dan saran: id (bawaan) atau en", "language of messages and hints: id (default) or en")
    p.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=lang_help)
    sub = p.add_subparsers(dest="command", required=True, metavar=t("PERINTAH", "COMMAND"),
                           title=t("perintah", "commands"))

    def command(name: str, help_id: str, help_en: str) -> argparse.ArgumentParser:
        """A sub-command; each takes --lang (after the command: rak-xl rollup FILE --lang en)."""
        c = sub.add_parser(name, help=t(help_id, help_en), description=t(help_id, help_en))
        c.add_argument("--lang", choices=LANGS, default="id", help=lang_help)
        return c

    v = command("validate", "periksa workbook dan tampilkan temuan", "check the workbook and list the findings")
    v.add_argument("file", metavar=metavar, help=workbook)
    v.add_argument("--format", choices=("table", "json"), default="table", help=formats)
    v.add_argument("--select", action="append", metavar=t("KODE", "CODE"),
                   help=t("hanya aturan berawalan KODE; beberapa dipisah koma (mis. RAK4,RAK501)",
                          "only rules whose code starts with CODE; several separated by commas (e.g. RAK4,RAK501)"))
    v.add_argument("--ignore", action="append", metavar=t("KODE", "CODE"),
                   help=t("lewati aturan berawalan KODE; beberapa dipisah koma (mis. RAK203,RAK407)",
                          "skip rules whose code starts with CODE; several separated by commas (e.g. RAK203,RAK407)"))
    v.set_defaults(func=cmd_validate)

    r = command("run", "jalankan semua tombol dan tulis hasil ke salinan workbook",
                "run every button and write the results into a copy of the workbook")
    r.add_argument("file", metavar=metavar, help=workbook)
    r.add_argument("-o", "--output", help=t("berkas hasil (bawaan: <nama>_hasil.xlsm di samping berkas)",
                                            "output file (default: <name>_hasil.xlsm beside the file)"))
    r.add_argument("--in-place", action="store_true", help=t("tulis ke berkas itu sendiri", "write into the file "
                                                             "itself"))
    r.add_argument("--strict", action="store_true", help=t("keluar dengan kode 1 bila ada kesalahan",
                                                           "exit with code 1 when there are errors"))
    r.set_defaults(func=cmd_run)

    ro = command("rollup", "Rekap Anggaran: anggaran per program, bagian dan triwulan",
                 "Rekap Anggaran: budget per programme, division and quarter")
    ro.add_argument("file", metavar=metavar, help=workbook)
    ro.add_argument("--format", choices=("table", "json"), default="table", help=formats)
    ro.set_defaults(func=cmd_rollup)

    co = command("consolidate", "Konsolidasi: tabel A dan B dalam satu tabel bernomor",
                 "Konsolidasi: tables A and B as one numbered table")
    co.add_argument("file", metavar=metavar, help=workbook)
    co.add_argument("-o", "--output", help=t("tulis lembar Konsolidasi ke salinan workbook ini (berakhiran sama)",
                                             "write the Konsolidasi sheet into this copy of the workbook "
                                             "(same suffix)"))
    co.set_defaults(func=cmd_consolidate)

    k = command("submit", "Siapkan Kiriman: paket .xlsx tanpa makro, PDF dan teks e-mail",
                "Siapkan Kiriman: macro-free .xlsx, PDF and e-mail text for the province")
    k.add_argument("file", metavar=metavar, help=workbook)
    k.add_argument("-o", "--output", default="Kiriman", help=t("folder tujuan (bawaan: ./Kiriman)",
                                                               "destination folder (default: ./Kiriman)"))
    k.add_argument("--force", action="store_true", help=t("buat kiriman walaupun ada kesalahan",
                                                          "make the package even with errors"))
    k.add_argument("--no-pdf", action="store_true", help=t("tanpa PDF (bila LibreOffice tidak ada)",
                                                           "no PDF (when LibreOffice is not installed)"))
    k.set_defaults(func=cmd_submit)

    pv = command("province", "Rekap Provinsi: rekap semua workbook RAK satker dalam satu folder",
                 "Rekap Provinsi: recap every satker RAK workbook in one folder")
    pv.add_argument("folder", metavar="FOLDER", help=t("folder berisi workbook RAK satker",
                                                       "folder holding the satker RAK workbooks"))
    pv.add_argument("-o", "--output", default="Rekap_Provinsi.xlsx",
                    help=t("berkas rekap .xlsx (bawaan: Rekap_Provinsi.xlsx di folder kerja)",
                           "recap .xlsx file (default: Rekap_Provinsi.xlsx in the working folder)"))
    pv.add_argument("--workers", type=int, metavar="N", help=t("jumlah proses (bawaan: jumlah inti CPU)",
                                                               "number of processes (default: CPU cores)"))
    pv.add_argument("--quiet", action="store_true", help=t("tanpa bilah kemajuan", "no progress bar"))
    pv.add_argument("--no-cache", action="store_true",
                    help=t("baca ulang semua berkas (tanpa cache ringkasan dari rekap sebelumnya)",
                           "read every file again (no summary cache from earlier recaps)"))
    pv.set_defaults(func=cmd_province)

    ev = command("evaluate", "Evaluasi Triwulan: capaian kinerja dan penyerapan anggaran",
                 "Evaluasi Triwulan: performance achievement and budget absorption")
    ev.add_argument("file", metavar=metavar, help=workbook)
    ev.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), metavar="N",
                    help=t("triwulan 1-4 (bawaan: Triwulan Pelaporan di lembar Identitas)",
                           "quarter 1-4 (default: Triwulan Pelaporan on the Identitas sheet)"))
    ev.add_argument("--format", choices=("table", "json"), default="table", help=formats)
    ev.add_argument("-o", "--output", help=t("tulis lembar Evaluasi ke salinan workbook ini (berakhiran sama)",
                                             "write the Evaluasi sheet into this copy of the workbook "
                                             "(same suffix)"))
    ev.set_defaults(func=cmd_evaluate)

    b = command("build", "bangun workbook/RAK_2022.xlsm dan workbook/Rekap_Provinsi.xlsm dari sumber teks",
                "build workbook/RAK_2022.xlsm and workbook/Rekap_Provinsi.xlsm from the text sources")
    b.add_argument("--sources", default="workbook/sources", metavar="FOLDER",
                   help=t("folder sumber teks (bawaan: workbook/sources)", "text sources (default: workbook/sources)"))
    b.add_argument("--macros", default="macros", metavar="FOLDER",
                   help=t("folder modul VBA (bawaan: macros)", "VBA modules (default: macros)"))
    b.add_argument("-o", "--output", default="workbook/RAK_2022.xlsm",
                   help=t("workbook yang ditulis (bawaan: workbook/RAK_2022.xlsm)",
                          "workbook to write (default: workbook/RAK_2022.xlsm)"))
    b.add_argument("--check", action="store_true", help=t("gagal bila workbook berbeda dari hasil build baru",
                                                          "fail when the workbook differs from a fresh build"))
    b.add_argument("--province-output", default="workbook/Rekap_Provinsi.xlsm",
                   help=t("workbook Rekap Provinsi (tombol Buat Rekap), dari macros/province",
                          "the Rekap Provinsi workbook (Buat Rekap button), from macros/province"))
    b.add_argument("--lite-package", metavar="REQ",
                   help=t("cara xlwings Lite memasang rak_xl: baris requirements.txt, mis. URL wheel "
                          "(bawaan: rak_xl versi ini dari PyPI)",
                          "how xlwings Lite installs rak_xl: a requirements.txt line, e.g. a wheel URL "
                          "(default: this rak_xl version from PyPI)"))
    b.set_defaults(func=cmd_build)

    nb = command("baru", "buat workbook RAK baru: tahun berikutnya dari RAK lama, atau RAK kosong satker lain",
                 "make a new RAK workbook: next year's from an old one, or a blank plan for another satker")
    nb.add_argument("-o", "--output", help=t("berkas hasil .xlsm (bawaan: RAK_<tahun>.xlsm di samping RAK lama)",
                                             "output .xlsm (default: RAK_<year>.xlsm beside the old plan)"))
    nb.add_argument("--tahun", dest="year", type=int, metavar=t("TAHUN", "YEAR"),
                    help=t("tahun anggaran RAK baru (bawaan dengan --dari: tahun sesudah RAK lama)",
                           "budget year of the new plan (default with --dari: the year after the old plan)"))
    nb.add_argument("--dari", dest="source", metavar=t("RAK_LAMA", "OLD_RAK"),
                    help=t("workbook RAK tahun sebelumnya; indikator, ID, bagian dan kode anggaran dibawa",
                           "last year's RAK workbook; indicators, IDs, divisions and budget codes carried over"))
    nb.add_argument("--satker", help=t('RAK kosong untuk satker ini, misalnya "KPU Kabupaten Malang"',
                                       'a blank plan for this satker, e.g. "KPU Kabupaten Malang"'))
    nb.add_argument("--kode", dest="code", metavar=t("KODE", "CODE"),
                    help=t("kode satker (6 angka) untuk RAK kosong", "satker code (6 digits) for a blank plan"))
    nb.add_argument("--force", action="store_true", help=t("ganti berkas hasil yang sudah ada",
                                                           "replace an existing output file"))
    nb.set_defaults(func=cmd_new)

    se = command("setup-excel", "atur xlwings agar tombol Excel memakai Python ini (sekali per komputer)",
                 "point xlwings at this Python for the Excel buttons (once per computer)")
    se.set_defaults(func=cmd_setup_excel)

    ru = command("rules", "daftar aturan validasi", "list the validation rules")
    ru.add_argument("--markdown", action="store_true", help=t("cetak docs/rules.md", "print docs/rules.md"))
    ru.set_defaults(func=cmd_rules)
    return p


def _quiet_broken_pipe() -> None:
    """The reader of stdout has gone (`rak-xl evaluate F | head -1`): stop writing, quietly.

    Python's own advice: point stdout at devnull, so the flush at exit does not fail again.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout without a file descriptor (tests)
        pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = requested_lang(argv)
    try:
        args = build_parser(lang).parse_args(argv)
        args.lang = lang  # before or after the command, the last --lang given (a default would hide the first)
        code = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return code
    except BrokenPipeError:
        _quiet_broken_pipe()
        return EXIT_OK
    except RakInputError as exc:
        _err(exc.text(lang))
        return exc.exit_code
    except OSError as exc:  # the file system refused (full disk, size limit, permission): exit 2, not a bug
        _err(R.file_system_error(exc).text(lang))
        return EXIT_INPUT
    except MemoryError:
        _err(R.OUT_OF_MEMORY().text(lang))
        return EXIT_INPUT
    except KeyboardInterrupt:
        _err("Cancelled." if lang == "en" else "Dibatalkan.")
        return 130
    except Exception:
        return _bug(lang)



def _bug(lang: str = "id") -> int:
    from rak_xl.core.crash import report

    _err(report(lang))
    return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
