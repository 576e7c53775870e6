"""docs/rules.md, generated from the rule catalog, the refusal catalog and the evaluation's kinds and grades
(rak_xl/figures/kinds.py, quarterly.py) so the reference cannot drift."""

from __future__ import annotations

from rak_xl.core.catalog import AREAS, CATALOG
from rak_xl.core.findings import SEVERITY_LABEL
from rak_xl.core.refusals import AREAS as REFUSAL_AREAS
from rak_xl.core.refusals import REFUSALS, RETIRED, Refusal
from rak_xl.core.text import say
from rak_xl.figures import kinds, quarterly


def rules_markdown() -> str:
    out = [
        "# Aturan validasi / Validation rules",
        "",
        "Generated from `rak_xl/core/catalog.py`, `rak_xl/core/refusals.py` and `rak_xl/figures/kinds.py` by "
        "`rak-xl rules --markdown > docs/rules.md`; do not edit by hand (a test fails when this file is "
        "out of date).",
        "",
        "Select or skip rules by code prefix: `rak-xl validate FILE --select RAK4 --ignore RAK403`.",
        "",
    ]
    for prefix, (area_id, area_en) in AREAS.items():
        rules = [r for r in CATALOG.values() if r.code.startswith(prefix)]
        if not rules:
            continue
        out += [f"## {prefix}xx {area_id} / {area_en}", ""]
        for r in rules:
            sev = f"{SEVERITY_LABEL['id'][r.severity]} / {r.severity}"
            out += [
                f"### {r.code} `{r.slug}`{' (retired)' if r.retired else ''}",
                "",
                f"- Tingkat / severity: {sev}",
                f"- Pesan: {r.message_id}",
                f"- Message: {r.message_en}",
                f"- Saran: {r.hint_id}",
                f"- Hint: {r.hint_en}",
                "",
                r.doc,
                "",
            ]
    out += evaluation_markdown()
    out += refusals_markdown()
    return "\n".join(out).rstrip() + "\n"


def evaluation_markdown() -> list[str]:
    """How Evaluasi judges an indicator: its kind (rak_xl/figures/kinds.py) and the grade scale."""
    out = [
        "# Evaluasi: jenis indikator dan predikat / Evaluation: kinds of indicator and grades",
        "",
        "Evaluasi reads what each indicator measures from its words (and, where they say nothing, its "
        "quarterly targets) before it computes a capaian; the kind shows in the column Jenis indikator and in "
        "`rak-xl evaluate --format json` (`kind`, `judgement`). RAK610 and RAK611 ask staff to confirm where "
        "the words and the targets disagree.",
        "",
        "| kind | Jenis indikator | judged |",
        "|---|---|---|",
    ]
    out += [f"| `{k}` | {say(f'kinds.{k}')} | {kinds.JUDGED[k]} |" for k in kinds.KINDS]
    out += ["", f"Predikat: {quarterly.grade_scale()}.", "", quarterly.GRADE_SOURCE, ""]
    return out


def refusals_markdown() -> list[str]:
    """The Refusals section: every code a refusal can carry, by area."""
    out = [
        "# Penolakan / Refusals",
        "",
        "A refusal is not a finding: the file, folder or command cannot be used, nothing is read or "
        "written, the command line exits with code 2 (unless noted) and a button shows one alert. "
        "The code closes the message's first line, e.g. `Berkas 'RAK.xlsm' tidak ditemukan. (RAK701)`. "
        "A retired code is never given to another refusal.",
        "",
    ]
    for prefix, (area_id, area_en) in REFUSAL_AREAS.items():
        entries = {code: _refusal_lines(r) for code, r in REFUSALS.items() if code.startswith(prefix)}
        entries.update({code: [f"### {code} (retired)", "", f"Replaced by {successor}: {why}.", ""]
                        for code, (successor, why) in RETIRED.items() if code.startswith(prefix)})
        if entries:
            out += [f"## {prefix}xx {area_id} / {area_en}", ""]
            for code in sorted(entries):
                out += entries[code]
    return out


def _refusal_lines(r: Refusal) -> list[str]:
    lines = [f"### {r.code} `{r.slug}`", "", f"- Pesan: {r.message_id}", f"- Message: {r.message_en}"]
    if r.hint_id:
        lines += [f"- Saran: {r.hint_id}", f"- Hint: {r.hint_en}"]
    if r.exit_code != 2:
        lines.append(f"- Exit code: {r.exit_code}")
    return [*lines, "", r.doc, ""]
