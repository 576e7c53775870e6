"""docs/rules.md, generated from the catalog so the reference cannot drift."""

from __future__ import annotations

from rak_xl.core.catalog import AREAS, CATALOG
from rak_xl.core.findings import SEVERITY_LABEL


def rules_markdown() -> str:
    out = [
        "# Aturan validasi / Validation rules",
        "",
        "Generated from `rak_xl/core/catalog.py` by `rak-xl rules --markdown > docs/rules.md`; "
        "do not edit by hand (a test fails when this file is out of date).",
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
    return "\n".join(out).rstrip() + "\n"
