"""docs/rules.md, generated from the rule catalog and the refusal catalog so the reference cannot drift."""

from __future__ import annotations

from rak_xl.core.catalog import AREAS, CATALOG
from rak_xl.core.findings import SEVERITY_LABEL
from rak_xl.core.refusals import AREAS as REFUSAL_AREAS
from rak_xl.core.refusals import REFUSALS, Refusal


def rules_markdown() -> str:
    out = [
        "# Aturan validasi / Validation rules",
        "",
        "Generated from `rak_xl/core/catalog.py` and `rak_xl/core/refusals.py` by "
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
    out += refusals_markdown()
    return "\n".join(out).rstrip() + "\n"


def refusals_markdown() -> list[str]:
    """The Refusals section: every code a refusal can carry, by area."""
    out = [
        "# Penolakan / Refusals",
        "",
        "A refusal is not a finding: the file, folder or command cannot be used, nothing is read or "
        "written, the command line exits with code 2 (unless noted) and a button shows one alert. "
        "The code closes the message's first line, e.g. `Berkas 'RAK.xlsm' tidak ditemukan. (RAK701)`.",
        "",
    ]
    for prefix, (area_id, area_en) in REFUSAL_AREAS.items():
        entries = [r for code, r in sorted(REFUSALS.items()) if code.startswith(prefix)]
        if entries:
            out += [f"## {prefix}xx {area_id} / {area_en}", ""]
            for r in entries:
                out += _refusal_lines(r)
    return out


def _refusal_lines(r: Refusal) -> list[str]:
    lines = [f"### {r.code} `{r.slug}`", "", f"- Pesan: {r.message_id}", f"- Message: {r.message_en}"]
    if r.hint_id:
        lines += [f"- Saran: {r.hint_id}", f"- Hint: {r.hint_en}"]
    if r.exit_code != 2:
        lines.append(f"- Exit code: {r.exit_code}")
    return [*lines, "", r.doc, ""]
