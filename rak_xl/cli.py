"""`rak-xl`: the headless door to the same jobs the buttons run.

Exit codes: 0 done (validate: no errors), 1 errors found in the plan,
2 the file cannot be read or written (clear message, nothing written),
3 an internal error (a bug: short reference, traceback in the log file).

One module although over 400 lines: each command is a short function that only calls a job
and prints its result, and the table of commands and options that argparse is built from
sits beside them, so the whole command line (options, exit codes, texts) is read in one
place. The work is in products/jobs.py; every word printed is in core/text.py (WORDS) or
core/refusals.py.

argparse words its usage line, section titles and errors in English. Rather than a parser of
our own, a subclass rewords what argparse produces: the usage prefix and section titles
through the formatter, each error message (argparse's fixed set) through the argparse.*
entries of WORDS; a message not listed stays as argparse wrote it. The language is known
before parsing (`requested_lang`), so even the errors about the arguments come out in it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import string
import sys
from pathlib import Path

from rak_xl import __version__
from rak_xl.core import refusals as R
from rak_xl.core.errors import RakInputError
from rak_xl.core.layout import QUARTERS
from rak_xl.core.text import LANGS, WORDS, both, full_path, number, percent, rupiah, say, state_text, thousands, tw
from rak_xl.figures.rounding import DECIMALS

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text if text.endswith("\n") else text + "\n")


def _say(args, key: str, **params: object) -> str:
    """The words under `key` in the language asked for with --lang."""
    return say(key, getattr(args, "lang", "id"), **params)


def _json(data: dict) -> str:
    """JSON for scripts and people: each finding (or other list item) on one line.

    json.dumps with indent runs the pure-Python encoder, which dominates `validate` on a plan
    with thousands of findings. Items are encoded compactly by the C encoder and joined one per
    line, which stays valid JSON and easy to read and diff.
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


def format_table(rows: list[list[str]], headers: list[str], max_width: int = 90) -> str:
    """Plain-text table. Written here rather than with pandas/tabulate: the CLI must start fast."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    widths = [min(max(len(r[i]) for r in cells), max_width) for i in range(len(headers))]

    def line(r: list[str]) -> str:
        return "  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(r, widths)).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), sep, *(line(r) for r in cells[1:])])


# -- commands -----------------------------------------------------------------

def _read(path: str, rewrite: bool = False):
    from rak_xl.adapters.file_read import read_grids

    return read_grids(path, rewrite=rewrite)


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


RP_AMOUNT = re.compile(r"Rp (?=[-\d])")  # "Rp " before an amount


def findings_text(report_dict: dict, lang: str = "id", width: int | None = None) -> str:
    """The findings grouped by sheet, each with its whole message and hint.

    `width` wraps the text to a terminal; None writes every message and hint on one full
    line (for a pipe or a file, so grep and copy see whole sentences).
    """
    from rak_xl.core import layout as L
    from rak_xl.core.text import SEVERITY_LABEL

    labels = SEVERITY_LABEL[lang]
    hint_word = say("cli.fix", lang)
    order = {name: i for i, name in enumerate(L.INPUT_SHEETS)}
    by_sheet: dict[str, list[dict]] = {}
    for f in report_dict["findings"]:  # already in severity, sheet, row order
        by_sheet.setdefault(f["sheet"] or "-", []).append(f)
    lines: list[str] = []

    def put(text: str, indent: str, hang: str) -> None:
        if width:
            import textwrap  # only for a terminal: its import compiles patterns every run would pay

            # "Rp" stays on the line of its amount: glued for the wrap (textwrap breaks at ASCII
            # spaces only), a plain space again in what is printed.
            glued = RP_AMOUNT.sub("Rp\u00a0", text)
            wrapped = textwrap.wrap(glued, width=max(width, 40), initial_indent=indent, subsequent_indent=hang,
                                    break_on_hyphens=False) or [indent]
            lines.extend(line.replace("Rp\u00a0", "Rp ") for line in wrapped)
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
        _out(f"{report.source}: {_say(args, 'counts', **report.summary)}")
    return EXIT_FINDINGS if report.has_errors else EXIT_OK


def _notice(plan, lang: str) -> None:
    """The illustrative-data notice under every table derived from example sheets (the sheets' words)."""
    from rak_xl.outputs.sheets import illustrative_notice

    if plan.illustrative:
        _out("\n" + illustrative_notice(plan, lang))


def _same_file(a: Path, b: Path) -> bool:
    """Whether two names reach one file (./sub/../RAK.xlsm, a link, another case on Windows)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _check_output(source: Path, target: Path, in_place: bool = False, replace: bool = True) -> None:
    """Before any work: the output must be a usable file name and never the input, unless asked.

    `replace` False: the user named the output (-o) without --force, and a file of that name is
    kept (docs/commands.md, Overwriting)."""
    from rak_xl.adapters.atomic import check_target

    if target.suffix.lower() != source.suffix.lower():
        raise R.OUTPUT_SUFFIX(name=target, suffix=source.suffix)
    if not in_place and _same_file(source, target):
        raise R.OUTPUT_IS_INPUT(path=target)
    check_target(target)
    if not replace and target.exists():
        raise R.OUTPUT_EXISTS_NEEDS_FORCE(path=target)


def _may_replace(args, in_place: bool = False) -> bool:
    """Whether the output may replace a file of its name: the input itself (in place), a name rak_xl
    derives, or a name given with -o and --force (docs/commands.md, Overwriting)."""
    return in_place or not args.output or args.force


def _write_copy(source: Path, target: Path, plan, args, grids, in_place: bool = False) -> None:
    """Carry `plan` into a copy of `source` saved as `target` (or into `source` itself); the copy
    must hold the source's `grids` (as read for the job) before it replaces anything.

    The name was checked before the work (_check_output); a name given with -o and no --force is
    written only if it is still free when the copy is put in place, not over a file made meanwhile."""
    from rak_xl.adapters.file_write import apply_plan

    apply_plan(source, target, plan, grids, new=not _may_replace(args, in_place))
    if getattr(args, "lang", "id") != "en":  # the message of the buttons, in Indonesian
        _err(plan.message)
    _out(_say(args, "cli.written", path=full_path(target)))


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

    def head(*keys: str) -> list[str]:
        return [say(f"cli.head.{k}", lang) for k in keys]

    quarters = [tw(q, lang) for q in QUARTERS]
    rows = [[p.code, *map(num, (p.pagu, p.allocated, p.difference, *p.rpd_by_quarter))] for p in roll.programs]
    rows.append(["DIPA", *map(num, (roll.dipa_pagu, roll.programs_declared, roll.dipa_difference, *roll.rpd_by_quarter))])
    _out(format_table(rows, [*head("program"), "Pagu", *head("allocated", "difference"), *quarters]))
    codes = [p.code for p in roll.programs]
    rows = [[d.name, *(num(d.by_program.get(c, 0)) for c in codes), num(d.allocated),
             f"{d.indicators}/{d.indicators_funded}", f"{d.activities}/{d.activities_funded}"]
            for d in roll.divisions]
    _out("")
    _out(format_table(rows, [*head("division"), *codes, *head("total", "indicators_funded", "activities_funded")], 50))
    shares = roll.cumulative_share()
    _out("\n" + say("cli.rpd_cumulative", lang, quarters=", ".join(
        f"{label} {num(c)} ({percent(None if s is None else s * 100, lang=lang, decimals=DECIMALS)})"
        for label, c, s in zip(quarters, roll.cumulative, shares))))
    _notice(report.plan, lang)
    return EXIT_OK


def _read_for_copy(args):
    """The input of a command whose -o writes a copy: the copy's name is checked before the input is read."""
    source = Path(args.file)
    if args.output:
        _check_output(source, Path(args.output), replace=_may_replace(args))
    return source, _read(source)


def cmd_consolidate(args) -> int:
    """Konsolidasi on the command line: the table on stdout, or the sheet written into a copy (-o)."""
    from rak_xl.products import jobs

    source, grids = _read_for_copy(args)
    report = jobs.validate(grids, source.name)
    if args.output:
        _write_copy(source, Path(args.output), jobs.consolidation_outputs(report), args, grids)
        return EXIT_OK
    from rak_xl.outputs.consolidated_sheet import INFERRED, star_note, text_table

    heads, rows = text_table(report.plan, report.findings, args.lang)
    _out(format_table(rows, heads, 60))
    if any(r[6].endswith(INFERRED) for r in rows):
        _out("\n" + _say(args, "cli.note", text=star_note(args.lang)))
    _notice(report.plan, args.lang)
    _out("\n" + _say(args, "cli.consolidated", source=report.source, rows=len(rows),
                     counts=both("counts", **report.summary)))
    return EXIT_OK


def cmd_evaluate(args) -> int:
    """Evaluasi Triwulan: capaian and absorption for one quarter, as JSON or tables (or into a copy, -o)."""
    from rak_xl.products import jobs

    source, grids = _read_for_copy(args)
    run = jobs.evaluate(grids, source.name, args.quarter)
    if args.output:
        _write_copy(source, Path(args.output), jobs.evaluation_outputs(run), args, grids)
    elif args.format == "json":
        _out(_json(run.as_dict(args.lang)))
    else:
        _evaluation_tables(run, args.lang)
    return EXIT_OK


def _evaluation_tables(run, lang: str) -> None:
    from rak_xl.outputs.evaluation_sheet import status_line

    ev = run.evaluation
    quarter = tw(ev.quarter, lang)

    def pct(value):
        return percent(value, lang=lang, decimals=DECIMALS)

    def rp(amount):
        return rupiah(amount, lang=lang)

    def head(key: str) -> str:
        return say(f"cli.head.{key}", lang, quarter=quarter)

    _out(f"{run.report.source}: {say('cli.evaluation', lang, quarter=quarter)} - {status_line(ev, lang)}")
    rows = [[r.name, pct(r.value), f"{r.counted}/{r.indicators}"]
            for r in [*ev.divisions, *([ev.overall] if ev.overall else [])]]
    _out("")
    _out(format_table(rows, [head("division"), "Capaian", head("counted")], 60))
    rows = [[a.name, *map(rp, (a.pagu, a.planned_to_date, a.realised_to_date)), pct(a.absorption), rp(a.deviation),
             pct(a.deviation_pct), pct(a.guide)]
            for a in [*ev.programs_absorption, *ev.divisions_absorption,
                      *([ev.total_absorption] if ev.total_absorption else []),
                      *([ev.dipa_absorption] if ev.dipa_absorption else [])]]
    _out("")
    _out(format_table(rows, [head("program_division"), "Pagu", head("planned_to"), head("realised_to"),
                             head("absorption"), head("deviation"), head("deviation_pct"), head("guide")], 40))
    rows = [[i.row.id, i.row.indicator, number(i.target, lang=lang), number(i.realised, lang=lang),
             pct(i.value), state_text(i.state, lang)] for i in ev.indicators]
    _out("")
    _out(format_table(rows, ["ID", head("indicator"), "Target", head("realised"), "Capaian", head("state")], 60))
    if run.report.findings:
        _out("\n" + say("cli.evaluation_notes", lang, n=len(run.report.findings)))
    _notice(run.report.plan, lang)


def cmd_run(args) -> int:
    """What pressing the buttons does, written into a copy of the workbook (or in place)."""
    from rak_xl.products import jobs

    source = Path(args.file)
    if args.in_place and args.output:  # which of the two was meant cannot be guessed
        raise R.OUTPUT_WITH_IN_PLACE(path=Path(args.output))
    grids = _read(source, rewrite=True)
    target = source if args.in_place else Path(args.output) if args.output else _default_output(source)
    # A `_hasil` file's default output is itself (see _default_output): updating it is asked for.
    in_place = args.in_place or (not args.output and target == source)
    # Before any work: a wrong name is refused at once; the default name is ours to replace.
    _check_output(source, target, in_place, replace=_may_replace(args, in_place))
    report, plan = jobs.run_all(grids, source.name)
    _write_copy(source, target, plan, args, grids, in_place)
    return EXIT_FINDINGS if (args.strict and report.has_errors) else EXIT_OK


def cmd_submit(args) -> int:
    """Siapkan Kiriman from the command line: the package for the province, in its own folder."""
    from rak_xl.products import submit

    source = Path(args.file)
    _check_folder(Path(args.output), "-o")
    grids = _read(source, rewrite=True)
    _report, _plan, package = submit.prepare(grids, source.name, source, Path(args.output), force=args.force,
                                             pdf=None if args.no_pdf else submit.libreoffice_pdf)

    def names(paths: list[Path]) -> str:
        return ", ".join(p.name for p in paths)

    if package.replaced or package.removed:
        _err(" ".join([_say(args, "cli.package_replaced", folder=full_path(package.folder), files=names(package.replaced)),
                       *([_say(args, "cli.package_removed", files=names(package.removed))] if package.removed else [])]))
    if package.kept:
        _err(_say(args, "cli.package_kept", files=names(package.kept)))
    for path in package.files:
        _out(full_path(path))
    if package.forced:
        _err(_say(args, "cli.package_forced"))
    return EXIT_OK


def _check_folder(folder: Path, option: str) -> None:
    """A folder to write into (made when missing) must not be, or lie under, a file: said before the
    input is read, naming the option (every door meets RAK825 when the package is written)."""
    from rak_xl.adapters.atomic import blocking_file

    place = blocking_file(folder)
    if place is not None:
        raise R.OUTPUT_FOLDER_IS_FILE(path=place, option=option)


def cmd_province(args) -> int:
    """Rekap Provinsi: every RAK workbook in a folder -> one recap workbook (0 when written)."""
    from rak_xl.products.province import province_recap

    recap = province_recap(args.folder, args.output, workers=args.workers, progress=not args.quiet,
                           use_cache=not args.no_cache)
    errors = sum(1 for s in recap.satkers if s.counts.get("error"))
    n, skipped = len(recap.satkers), len(recap.skipped)
    _out(" ".join([_say(args, "cli.recap_written", path=full_path(args.output), satkers=n, errors=errors, skipped=skipped),
                   *([_say(args, "cli.recap_cached", n=recap.cached)] if recap.cached else [])]))
    if not n:
        _err(_say(args, "cli.recap_empty", folder=full_path(args.folder)))
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
    _out(_say(args, "cli.new_written", satker=data.satker, year=data.year, path=full_path(target)))
    return EXIT_OK


# Modules `rak-xl build` needs that an incomplete install may lack, and the package that brings each.
BUILD_EXTRA = {"pyopenvba": "pyOpenVBA"}


def _built(args) -> list[tuple[Path, bytes, object]]:
    """(target, bytes, the sources it came from) of both workbooks; a missing package is refused."""
    try:
        from rak_xl.products.builder.province_workbook import build_province_workbook
        from rak_xl.products.builder.workbook import build_workbook

        province = Path(args.macros) / "province"
        return [(Path(args.output), build_workbook(args.sources, args.macros, args.lite_package),
                 both("cli.build_sources", sources=args.sources, macros=args.macros)),
                (Path(args.province_output), build_province_workbook(province), str(province))]
    except ModuleNotFoundError as exc:
        package = BUILD_EXTRA.get((exc.name or "").split(".")[0])
        if package is None:
            raise
        raise R.BUILD_NEEDS_PACKAGE(package=package) from None


def cmd_build(args) -> int:
    """Build (or with --check compare) the RAK workbook and the province's Rekap_Provinsi.xlsm."""
    built = _built(args)
    from rak_xl.adapters.atomic import write_bytes

    stale = False
    for target, data, sources in built:
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                _err(_say(args, "cli.build_stale", path=full_path(target), sources=sources))
                stale = True
            else:
                _out(_say(args, "cli.build_fresh", path=full_path(target)))
            continue
        write_bytes(target, data)
        _out(_say(args, "cli.build_written", path=full_path(target), size=len(data)))
    if not args.check:  # what the Lite door weighs against Office's limit (over it, the build refused)
        from rak_xl.products.builder import lite

        size = lite.settings_size(built[0][1])
        if args.lite_package:
            _out(_say(args, "cli.build_lite_package", size=size, limit=lite.SETTINGS_LIMIT, req=args.lite_package))
        else:
            _out(_say(args, "cli.build_lite", modules=len(lite.bundle_modules()), size=size, limit=lite.SETTINGS_LIMIT))
    return EXIT_FINDINGS if stale else EXIT_OK


def cmd_rules(args) -> int:
    """The rule catalog as a table (and the refusals' codes), or docs/rules.md."""
    from rak_xl.rules.docs import rules_markdown

    if args.markdown:
        _out(rules_markdown())
        return EXIT_OK
    from rak_xl.core.catalog import CATALOG

    en = args.lang == "en"
    heads = [_say(args, f"cli.head.{k}") for k in ("code", "name", "severity", "message")]
    _out(format_table([[r.code, r.slug, r.severity, r.message_en if en else r.message_id] for r in CATALOG.values()],
                      heads))
    _out("")
    _out(format_table([[r.code, r.slug, r.message_en if en else r.message_id]
                       for _, r in sorted(R.REFUSALS.items())], [heads[0], heads[1], heads[3]]))
    return EXIT_OK


def cmd_setup_excel(args) -> int:
    """Point xlwings at this Python (user settings file only; nothing goes into a workbook)."""
    from rak_xl.products.excel_setup import setup_excel

    for line in setup_excel(args.lang):
        _out(line)
    return EXIT_OK


# -- the parser: a table of commands and options ------------------------------

class _Key(str):
    """A WORDS key standing for its words in the parser's language (a metavar)."""


_FILE = (("file",), "cli.opt.workbook", {"metavar": _Key("cli.metavar.file")})
_FORMAT = (("--format",), "cli.opt.format", {"choices": ("table", "json"), "default": "table"})


def _at_least_one(text: str) -> int:
    """--workers: a whole number of 1 or more. Its refusal is worded as argparse words its own
    (WORDS argparse.*), so `translate` gives it in the language asked for."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("argparse.invalid_int", "en", v=repr(text))) from None
    if value < 1:
        raise argparse.ArgumentTypeError(say("argparse.at_least_one", "en", v=repr(text)))
    return value


def _copy(sheet: str):
    return (("-o", "--output"), ("cli.opt.copy", {"sheet": sheet}), {})


def _flag(command: str, option: str):
    return ((f"--{option.replace('_', '-')}",), f"cli.{command}.{option}", {"action": "store_true"})


# command -> (function, options); an option is (flags, WORDS key of its help or (key, params), argparse keywords).
COMMANDS = {
    "validate": (cmd_validate, [
        _FILE, _FORMAT,
        (("--select",), "cli.validate.select", {"action": "append", "metavar": _Key("cli.metavar.code")}),
        (("--ignore",), "cli.validate.ignore", {"action": "append", "metavar": _Key("cli.metavar.code")})]),
    "run": (cmd_run, [_FILE, (("-o", "--output"), "cli.run.output", {}), _flag("run", "in_place"),
                      _flag("run", "strict"), _flag("run", "force")]),
    "rollup": (cmd_rollup, [_FILE, _FORMAT]),
    "consolidate": (cmd_consolidate, [_FILE, _copy("Konsolidasi"), _flag("consolidate", "force")]),
    "submit": (cmd_submit, [_FILE, (("-o", "--output"), "cli.submit.output", {"default": "Kiriman"}),
                            _flag("submit", "force"), _flag("submit", "no_pdf")]),
    "province": (cmd_province, [
        (("folder",), "cli.province.folder", {"metavar": "FOLDER"}),
        (("-o", "--output"), "cli.province.output", {"default": "Rekap_Provinsi.xlsx"}),
        (("--workers",), "cli.province.workers", {"type": _at_least_one, "metavar": "N"}),
        _flag("province", "quiet"), _flag("province", "no_cache")]),
    "evaluate": (cmd_evaluate, [
        _FILE, (("--quarter",), "cli.evaluate.quarter", {"type": int, "choices": QUARTERS, "metavar": "N"}),
        _FORMAT, _copy("Evaluasi"), _flag("evaluate", "force")]),
    "build": (cmd_build, [
        (("--sources",), "cli.build.sources", {"default": "workbook/sources", "metavar": "FOLDER"}),
        (("--macros",), "cli.build.macros", {"default": "macros", "metavar": "FOLDER"}),
        (("-o", "--output"), "cli.build.output", {"default": "workbook/RAK_2022.xlsm"}),
        _flag("build", "check"),
        (("--province-output",), "cli.build.province_output", {"default": "workbook/Rekap_Provinsi.xlsm"}),
        (("--lite-package",), "cli.build.lite_package", {"metavar": "REQ"})]),
    "baru": (cmd_new, [
        (("-o", "--output"), "cli.baru.output", {}),
        (("--tahun",), "cli.baru.year", {"dest": "year", "type": int, "metavar": _Key("cli.metavar.year")}),
        (("--dari",), "cli.baru.source", {"dest": "source", "metavar": _Key("cli.metavar.old")}),
        (("--satker",), "cli.baru.satker", {}),
        (("--kode",), "cli.baru.code", {"dest": "code", "metavar": _Key("cli.metavar.code")}),
        _flag("baru", "force")]),
    "setup-excel": (cmd_setup_excel, []),
    "rules": (cmd_rules, [_flag("rules", "markdown")]),
}


def build_parser(lang: str = "id") -> argparse.ArgumentParser:
    """The `rak-xl` parser, its help and its errors in `lang` ("id" or "en")."""
    def help_text(spec) -> str:
        key, params = spec if isinstance(spec, tuple) else (spec, {})
        return say(key, lang, **params)

    def word(value):
        return say(value, lang) if isinstance(value, _Key) else value

    p = parser_class(lang)(prog="rak-xl", description=say("cli.description", lang))
    p.add_argument("--version", action="version", version=f"rak-xl {__version__}", help=say("cli.opt.version", lang))
    p.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=say("cli.opt.lang", lang))
    sub = p.add_subparsers(dest="command", required=True, metavar=say("cli.metavar.command", lang),
                           title=say("cli.commands", lang))
    for name, (func, options) in COMMANDS.items():
        # Each command takes --lang too (after the command: rak-xl rollup FILE --lang en).
        c = sub.add_parser(name, help=say(f"cli.{name}", lang), description=say(f"cli.{name}", lang))
        c.add_argument("--lang", choices=LANGS, default="id", help=say("cli.opt.lang", lang))
        for flags, help_key, keywords in options:
            c.add_argument(*flags, help=help_text(help_key), **{k: word(v) for k, v in keywords.items()})
        c.set_defaults(func=func)
    return p


def requested_lang(argv: list[str]) -> str:
    """The `--lang` given anywhere on the command line (the last one wins), else Indonesian."""
    lang = "id"
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in LANGS:
            lang = value
    return lang


def _argparse_pattern(english: str) -> str:
    """argparse's message as WORDS gives it ('invalid choice: {v} (choose from {c})') as a pattern."""
    return "".join(re.escape(text) + (f"(?P<{field}>.+?)" if field else "")
                   for text, field, _, _ in string.Formatter().parse(english))


def translate(message: str, lang: str) -> str:
    """argparse's English error message in `lang` (unknown messages are returned as they are).
    A nested message ("argument X: invalid choice ...") is reworded from the outside in."""
    if lang == "en":
        return message
    for key, (_, english) in WORDS.items():
        found = key.startswith("argparse.") and re.fullmatch(_argparse_pattern(english), message, flags=re.DOTALL)
        if found:
            parts = found.groupdict()
            if key == "argparse.argument":
                parts["m"] = translate(parts["m"], lang)
            return say(key, lang, **parts)
    return message


def did_you_mean(message: str, parser: argparse.ArgumentParser) -> str:
    """The command or option closest to a mistyped one in argparse's (English) `message`, or ''."""
    import difflib

    choice = re.search(r"invalid choice: '(.*?)' \(choose from (.*)\)$", message, flags=re.DOTALL)
    if choice:
        typed, known = choice[1], re.findall(r"'([^']*)'", choice[2])
    elif message.startswith("unrecognized arguments: "):
        typed = next((a.split("=", 1)[0] for a in message.split(": ", 1)[1].split() if a.startswith("-")), "")
        known = [o for o in parser._option_string_actions if o.startswith("--")]
    else:
        return ""
    close = difflib.get_close_matches(typed, known, n=1, cutoff=0.6) if typed else []
    return close[0] if close else ""


def parser_class(lang: str) -> type[argparse.ArgumentParser]:
    """An ArgumentParser class whose usage, section titles, help flag and errors speak `lang`."""

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            super().add_usage(usage, actions, groups, say("cli.usage", lang) if prefix is None else prefix)

    class Parser(argparse.ArgumentParser):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("formatter_class", Formatter)
            add_help = kwargs.pop("add_help", True)
            super().__init__(*args, add_help=False, **kwargs)
            self._positionals.title = say("cli.positional", lang)
            self._optionals.title = say("cli.options", lang)
            if add_help:
                self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                                  help=say("cli.opt.help", lang))

        def parse_args(self, args=None, namespace=None):
            # An unknown option is refused by the command it was typed for (its usage, its options
            # to suggest), not by the top-level parser as argparse does.
            parsed, extras = self.parse_known_args(args, namespace)
            if extras:
                chosen = next((a.choices.get(getattr(parsed, a.dest, None)) for a in self._actions
                               if isinstance(a, argparse._SubParsersAction)), None)
                (chosen or self).error(say("argparse.unrecognized", "en", a=" ".join(extras)))
            return parsed

        def error(self, message: str):
            self.print_usage(sys.stderr)
            refused = R.COMMAND_LINE_INVALID(prog=self.prog, detail=translate(message, lang))
            close = did_you_mean(message, self)
            guess = f"{say('cli.did_you_mean', lang, prog=self.prog, word=close)}\n" if close else ""
            self.exit(refused.exit_code, f"{refused.text(lang)}\n{guess}{say('cli.see_help', lang, prog=self.prog)}\n")

    return Parser


# -- running a command ----------------------------------------------------------

def _quiet_broken_pipe() -> None:
    """The reader of stdout has gone (`rak-xl evaluate F | head -1`): stop writing, quietly.

    Python's own advice: point stdout at devnull, so the flush at exit does not fail again.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout without a file descriptor (tests)
        pass


COMMA_LISTS = ("--select", "--ignore")


def join_comma_lists(argv: list[str]) -> list[str]:
    """`--select RAK4, RAK501`: the shell splits a comma list at a space after (or before) a comma;
    the pieces are joined again, so the list reads as it was meant."""
    out: list[str] = []
    for arg in argv:
        value_at = len(out) - 1
        in_list = out and (out[-1].startswith(tuple(f"{o}=" for o in COMMA_LISTS)) or
                           (len(out) > 1 and out[-2] in COMMA_LISTS))
        if in_list and (out[value_at].endswith(",") or arg.startswith(",")):
            out[value_at] += arg
        else:
            out.append(arg)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = join_comma_lists(sys.argv[1:] if argv is None else list(argv))
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
        _err(say("cli.cancelled", lang))
        return 130
    except Exception:
        return _bug(lang)


def _bug(lang: str = "id") -> int:
    from rak_xl.core.crash import report

    _err(report(lang))
    return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
