"""pandas DataFrames for analysts: the plan's rows, findings, roll-up and the province recap.

    import rak_xl.frames as rf

    report = rf.load("RAK_2022.xlsm")        # read and validate once (optional)
    rf.plan_rows(report)                     # one row per indicator (RAK_KPU and RAK_Sekretariat)
    rf.budget_lines(report)                  # one row per Anggaran line, with the Bagian it counts for
    rf.findings(report)                      # what the Validasi button reports
    rf.rollup(report)                        # Rekap Anggaran per program, per Bagian
    rf.province("Kiriman/")                  # Rekap Satker of a folder of satker workbooks
    rf.province_tables("Kiriman/")           # ... with Temuan Kesalahan and Berkas Dilewati

Every function takes a workbook path or a report from `load` (read once, ask many
times). The figures are the ones the buttons and `rak-xl` show: every Rupiah figure comes
from the functions the sheets use (rak_xl.figures: sums, structure, rollup; the recap from
rak_xl.products.province and rak_xl.outputs.recap_sheets), arranged as tables; nothing is
computed here. One concept, one figure: a Bagian's budget is the sum of the Anggaran lines
whose Bagian names it (`budget_lines(...).groupby("division")["amount"].sum()` equals
Rekap Anggaran's Jumlah per Bagian and `rollup(by="division")`); a RAK row's
`linked_amount` is what the lines linked to it add up to (Konsolidasi's Anggaran column),
which is no Bagian's budget, since a line may fund a row another Bagian answers for (RAK416).
This is the only module that imports pandas: the buttons and the command line never load it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from rak_xl.core import layout as L
from rak_xl.core.findings import Finding
from rak_xl.figures import rollup as R
from rak_xl.figures import structure, sums
from rak_xl.products.jobs import ValidationReport

Source = str | Path | ValidationReport


def load(path: str | Path) -> ValidationReport:
    """Read and validate a workbook (.xlsm/.xlsx) as the Validasi button does."""
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.products import jobs

    path = Path(path)
    return jobs.validate(read_grids(path), path.name)


def _report(source: Source) -> ValidationReport:
    return source if isinstance(source, ValidationReport) else load(source)


def plan_rows(source: Source) -> pd.DataFrame:
    """One row per indicator of tables A and B, in sheet order.

    Columns: table, sheet, row (as Excel numbers it), id, group, indicator, target (a
    number; percent targets in percent, 100 = 100%), target_is_percent, unit, activity,
    tw1..tw4 (quarter marked), unit_in_charge, division (the Bagian answering for the row, as
    every output counts indicators, rak_xl.figures.structure), division_source (stated, block,
    group, subject or none: which step of the order found it), linked_amount, funded.

    linked_amount: Rupiah of the Anggaran lines whose ID RAK names the row, whatever their own
    Bagian (Konsolidasi's Anggaran column). Added up per `division` it is not Rekap Anggaran's
    budget per Bagian, which counts each line under the Bagian that spends it: for that, group
    `budget_lines` by its division.
    """
    report = _report(source)
    records = []
    for place in structure.of(report.plan).places:
        row = place.row
        records.append({
            "table": row.table, "sheet": report.plan.tab(row.sheet), "row": row.row, "id": row.id,
            "group": row.group, "indicator": row.indicator,
            "target": row.target.value if row.target else None,
            "target_is_percent": bool(row.target and row.target.is_percent), "unit": row.text("unit"),
            "activity": row.activity,
            **{f"tw{q}": row.marks[q - 1] for q in L.QUARTERS},
            "unit_in_charge": row.text("unit_in_charge"), "division": place.division,
            "division_source": place.source, "linked_amount": place.linked_amount, "funded": place.funded,
        })
    columns = ["table", "sheet", "row", "id", "group", "indicator", "target", "target_is_percent", "unit", "activity",
               *(f"tw{q}" for q in L.QUARTERS), "unit_in_charge", "division", "division_source", "linked_amount",
               "funded"]
    return pd.DataFrame.from_records(records, columns=columns)


def budget_lines(source: Source) -> pd.DataFrame:
    """One row per Anggaran line: row, code, program, description, division, rak_id,
    amount and RPD per quarter (rpd1..rpd4), whole Rupiah (missing amounts as <NA>).

    division: the Bagian the line's budget counts for in every output (rak_xl.figures.sums.division_of:
    its Bagian column, or "Bagian tidak dikenali"), so `groupby("division")["amount"].sum()` is Rekap
    Anggaran's budget per Bagian."""
    report = _report(source)
    records = [{"row": line.row, "code": line.code, "program": line.program, "description": line.text("description"),
                "division": sums.division_of(line), "rak_id": line.rak_id, "amount": line.amount,
                **{f"rpd{q}": line.rpd_by_quarter[q - 1] for q in L.QUARTERS}} for line in report.plan.budget_lines]
    columns = ["row", "code", "program", "description", "division", "rak_id", "amount",
               *(f"rpd{q}" for q in L.QUARTERS)]
    frame = pd.DataFrame.from_records(records, columns=columns)
    return frame.astype({c: "Int64" for c in ("amount", *(f"rpd{q}" for q in L.QUARTERS))})


def findings(source: Source, lang: str = "id") -> pd.DataFrame:
    """The Validasi findings, sorted as the Temuan sheet lists them: the fields of
    `rak-xl validate --format json` (code, severity, sheet, cell, cells, message, hint;
    `lang` "id" or "en")."""
    report = _report(source)
    records = [f.as_dict(lang, report.plan.sheet_names) for f in sorted(report.findings, key=Finding.sort_key)]
    # The columns of the JSON report (Finding.as_dict), whatever it grows to hold.
    columns = list(records[0]) if records else ["code", "severity", "sheet", "cell", "cells", "message", "hint"]
    return pd.DataFrame.from_records(records, columns=columns)


def rollup(source: Source, by: str = "program") -> pd.DataFrame:
    """Rekap Anggaran as a table, `by` "program" or "division" (Bagian).

    program: code, name, pagu (Program sheet), allocated (budget lines), difference, rpd1..rpd4.
    division: name, allocated, one column per program code, rpd1..rpd4, indicators,
    indicators_funded, activities, activities_funded.
    """
    report = _report(source)
    result = R.rollup(report.plan)
    quarters = [f"rpd{q}" for q in L.QUARTERS]
    if by == "program":
        records = [{"code": p.code, "name": p.name, "pagu": p.pagu, "allocated": p.allocated,
                    "difference": p.difference, **dict(zip(quarters, p.rpd_by_quarter))} for p in result.programs]
        frame = pd.DataFrame.from_records(records, columns=["code", "name", "pagu", "allocated", "difference",
                                                            *quarters])
        return frame.astype({"pagu": "Int64", "difference": "Int64"})
    if by == "division":
        codes = [p.code for p in result.programs]
        records = [{"name": d.name, "allocated": d.allocated, **{c: d.by_program.get(c, 0) for c in codes},
                    **dict(zip(quarters, d.rpd_by_quarter)), "indicators": d.indicators,
                    "indicators_funded": d.indicators_funded, "activities": d.activities,
                    "activities_funded": d.activities_funded} for d in result.divisions]
        return pd.DataFrame.from_records(records, columns=["name", "allocated", *codes, *quarters, "indicators",
                                                           "indicators_funded", "activities", "activities_funded"])
    raise ValueError(f"by must be 'program' or 'division', not {by!r}")


def province(folder: str | Path, use_cache: bool = True, workers: int | None = None) -> pd.DataFrame:
    """Rekap Satker of every satker workbook in `folder`: the recap sheet's columns (Indonesian,
    as `rak-xl province` writes them), one row per satker, without the total row."""
    return province_tables(folder, use_cache, workers)["satker"]


def province_tables(folder: str | Path, use_cache: bool = True,
                    workers: int | None = None) -> dict[str, pd.DataFrame]:
    """The province recap as three tables: "satker" (Rekap Satker), "errors" (Temuan
    Kesalahan: satker, file, sheet, cell, code, message) and "skipped" (Berkas Dilewati).
    The column names are the sheets' headers (rak_xl.outputs.recap_sheets). Uses the same
    cache as `rak-xl province` (see rak_xl.products.province)."""
    from rak_xl.outputs import recap_sheets as S
    from rak_xl.products import province as P

    recap = P.collect_recap(folder, workers=workers, use_cache=use_cache)
    header, rows, _totals = S.satker_table(recap)
    satker = pd.DataFrame(rows, columns=header).set_index(header[0])
    errors = pd.DataFrame([(s.satker, s.satker_code, s.file, *e) for s in recap.satkers for e in s.errors],
                          columns=[name for name, _ in S.ERROR_COLUMNS[1:]])
    skipped = pd.DataFrame([(s.file, s.kind, s.reason) for s in recap.skipped],
                           columns=[name for name, _ in S.SKIPPED_COLUMNS[1:]])
    return {"satker": satker, "errors": errors, "skipped": skipped}
