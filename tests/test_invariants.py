"""One figure per concept: every output that shows a figure shows the same one.

For each workbook (the shipped one, cases of the bad-input corpus that can be read, generated
satker workbooks, and copies that vary what the issue found fragile), the figures are read
back from what each output really holds:
- sheet cells: `rak-xl run`'s WritePlan written into a copy (adapters.file_write), read with
  openpyxl: Konsolidasi, Rekap Anggaran, Evaluasi;
- JSON: `rak-xl rollup --format json` and `rak-xl evaluate --format json`;
- the Kiriman e-mail text (submit.cover_text) and, for the shipped workbook, its PDF text;
- the Rekap Provinsi row of the workbook (province.summarise_file -> Recap.row, what is written).
Each figure (per division, per program, per group, overall; capaian and serapan) must be the
same wherever it appears, and the division figures must add up to the whole in every output.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
import shutil
import subprocess

import openpyxl
import pytest

import make_bad_corpus as corpus
from conftest import ROOT, WORKBOOK, edit_workbook
from rak_xl.products import jobs
from rak_xl.core import layout as L
from rak_xl.outputs.recap_sheets import satker_table
from rak_xl.products import province as P
from rak_xl.products import submit
from rak_xl.adapters.file_read import read_grids
from rak_xl.adapters.file_write import apply_plan
from rak_xl.cli import main as cli
from synthetic import Template, generate

CORPUS = ("renamed_sheet_tolerated", "headers_reordered", "merged_data_cells", "merged_data_blanked",
          "blank_rows_middle", "number_as_words", "marks_and_ids", "missing_sheet")


def _short(name: str) -> str:
    name = str(name).strip()
    return name[len("Bagian "):] if name.startswith("Bagian ") else name


def _pct(value) -> float | None:
    return None if value is None else round(float(value), 2)


# -- reading each output --------------------------------------------------------------------

def _rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _konsolidasi(ws) -> dict:
    out: dict = {}
    rows = _rows(ws)
    counts = {}
    for r in rows:
        b, c = r[1] if len(r) > 1 else None, r[2] if len(r) > 2 else None
        if b == "Jumlah" and isinstance(c, str) and c.startswith("Jumlah "):
            counts[c[len("Jumlah "):]] = int(str(r[4]).split()[0])
    out.update({("group", code): n for code, n in counts.items()})
    section = None
    for r in rows:
        c = r[2] if len(r) > 2 else None
        text = c if isinstance(c, str) else ""
        if text.startswith("Per program"):
            section = "program"
            continue
        if text.startswith(("Per penanggung jawab", "Per bagian")):
            section = "division"
            continue
        if section == "program":
            if text == "Jumlah seluruh program":
                out[("overall", "allocated")] = r[10]
                section = None
            elif r[1]:
                out[("program", r[1])] = r[10]
        elif section == "division":
            if not text or text.startswith(("Jumlah seluruh", "Di antaranya", "Anggaran yang tidak terkait")):
                section = None
            else:
                out[("division", _short(text))] = r[10]
    return out


def _rekap_anggaran(ws) -> dict:
    out: dict = {}
    rows = _rows(ws)
    head1 = next(i for i, r in enumerate(rows) if r[0] == "Program")
    for r in rows[head1 + 1:]:
        if r[0] == "Jumlah program":
            out[("overall", "allocated")] = r[2]
            break
        out[("program", str(r[0]).split()[0])] = r[2]
    head2 = next(i for i, r in enumerate(rows) if r[0] == "Bagian")
    col = rows[head2].index("Jumlah (Rp)")
    for r in rows[head2 + 1:]:
        if r[0] in (None, "Jumlah"):
            break
        out[("division", _short(r[0]))] = r[col]
    return out


def _evaluasi(ws, quarter: int) -> dict:
    out: dict = {}
    rows = _rows(ws)
    head1 = next(i for i, r in enumerate(rows) if r[0] == "Bagian" and r[5] == "Pagu (Rp)")
    for r in rows[head1 + 1:]:
        if r[0] is None:
            break
        if r[0] == "Keseluruhan":
            out[("capaian", quarter)] = _pct(None if r[1] is None else r[1] * 100)
            out[("serapan", quarter)] = _pct(None if r[8] is None else r[8] * 100)
            out[("overall", "allocated")] = r[5]
        elif r[5] is not None:
            out[("division", _short(r[0]))] = r[5]
    head2 = next(i for i, r in enumerate(rows) if r[0] == "Program" and r[1] == "Pagu (Rp)")
    for r in rows[head2 + 1:]:
        if r[0] is None:
            break
        if r[0] != "Jumlah" and not str(r[0]).startswith("Pagu DIPA"):  # totals: the lines, and the DIPA's
            out[("program", str(r[0]).split()[0])] = r[1]
    numbers: dict[str, int] = {}
    for r in rows:
        if len(r) > 3 and r[1] == "Kelompok":
            numbers[r[2]] = numbers.get(r[2], 0) + 1
            out[("group", f"{r[2]}.{numbers[r[2]]}")] = r[3]
    return out


def _json(args: list[str]) -> dict:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert cli(args) in (0, 1)
    return json.loads(buf.getvalue())


def _rollup_json(path) -> dict:
    data = _json(["rollup", str(path), "--format", "json"])
    out = {("program", p["code"]): p["allocated"] for p in data["programs"]}
    out.update({("division", _short(d["name"])): d["allocated"] for d in data["divisions"]})
    out[("overall", "allocated")] = sum(d["allocated"] for d in data["divisions"])
    return out


def _evaluate_json(path) -> tuple[dict, int]:
    data = _json(["evaluate", str(path), "--format", "json"])
    q = data["quarter"]
    absorption = data["absorption"]
    out = {("program", a["name"]): a["pagu"] for a in absorption["programs"]}
    out.update({("division", _short(a["name"])): a["pagu"] for a in absorption["divisions"]})
    out[("overall", "allocated")] = absorption["total"]["pagu"]
    out[("serapan", q)] = _pct(absorption["total"]["absorption_pct"])
    out[("capaian", q)] = _pct(data["overall"]["capaian"])
    numbers: dict[str, int] = {}
    for g in data["groups"]:
        numbers[g["table"]] = numbers.get(g["table"], 0) + 1
        out[("group", f"{g['table']}.{numbers[g['table']]}")] = g["indicators"]
    return out, q


_EMAIL_PROGRAM = re.compile(r"^Program (\S+)\s*: (-?Rp [\d.]+|-) ")


def _email(report) -> dict:
    out = {}
    for line in submit.cover_text(report, [], False).splitlines():
        m = _EMAIL_PROGRAM.match(line)
        if m:
            out[("program", m[1])] = None if m[2] == "-" else int(m[2].replace("Rp ", "").replace(".", ""))
    return out


def _recap_row(path) -> dict:
    summary = P.summarise_file(path)
    assert isinstance(summary, P.SatkerSummary), summary
    recap = P.build_recap([summary], [])
    header, (line,), _totals = satker_table(recap)
    row = dict(zip(header, line))
    out = {("overall", "allocated"): row["Jumlah Rincian (Rp)"]}
    for head, value in row.items():
        if head.startswith("Program ") and head.endswith(" (Rp)"):
            out[("program", head[len("Program "):-len(" (Rp)")])] = value
        elif head.startswith(("Capaian TW", "Serapan TW")):
            out[(head.split()[0].lower(), int(head.split()[2]))] = _pct(value)
    for name in recap.divisions:
        out[("division", _short(name))] = row[f"{name} (Rp)"]
    return out


def figures(path, tmp_path) -> dict[str, dict]:
    """{output: {(kind, key): value}} for one workbook."""
    grids = read_grids(path)
    report, plan = jobs.run_all(grids, path.name)
    written = tmp_path / f"hasil_{path.stem}{path.suffix}"
    apply_plan(path, written, plan)
    wb = openpyxl.load_workbook(written, read_only=False)
    evaluate, quarter = _evaluate_json(path)
    return {
        "Konsolidasi (sel)": _konsolidasi(wb[L.SHEET_CONSOLIDATED]),
        "Rekap Anggaran (sel)": _rekap_anggaran(wb[L.SHEET_ROLLUP]),
        "Evaluasi (sel)": _evaluasi(wb[L.SHEET_EVALUATION], quarter),
        "rollup JSON": _rollup_json(path),
        "evaluate JSON": evaluate,
        "e-mail Kiriman": _email(report),
        "Rekap Provinsi (baris)": _recap_row(path),
    }


def disagreements(found: dict[str, dict]) -> list[str]:
    keys = {k for fig in found.values() for k in fig}
    out = []
    for key in sorted(keys, key=str):
        shown = {name: fig[key] for name, fig in found.items() if key in fig}
        if len({json.dumps(v) for v in shown.values()}) > 1:
            out.append(f"{key}: " + "; ".join(f"{name} = {v}" for name, v in shown.items()))
    for name, fig in found.items():  # the divisions of an output add up to the whole
        divisions = [v for (kind, _), v in fig.items() if kind == "division"]
        whole = fig.get(("overall", "allocated"))
        if divisions and whole is not None and sum(v or 0 for v in divisions) != whole:
            out.append(f"{name}: divisions add up to {sum(v or 0 for v in divisions)}, the whole is {whole}")
    return out


# -- the workbooks ------------------------------------------------------------------------

def _groups_case_spacing_merged(target):
    """Group cells differing only in case and spacing on every other row of table A, and table B's
    first group as one merged cell (its other cells blank, as Excel stores a merge)."""
    wb = openpyxl.load_workbook(WORKBOOK, keep_vba=True)
    ws = wb[L.SHEET_RAK_A]
    col = corpus.col_of(ws, L.RAK_A.column("group").label)
    seen = {}
    for r in range(5, ws.max_row + 1):
        v = ws.cell(r, col).value
        if isinstance(v, str):
            seen.setdefault(v, r)
            if (r - seen[v]) % 2:
                ws.cell(r, col).value = "  " + v.lower().replace(" ", "   ") + " "
    ws = wb[L.SHEET_RAK_B]
    col = corpus.col_of(ws, L.RAK_B.column("group").label)
    first, end = ws.cell(5, col).value, 5
    while ws.cell(end + 1, col).value == first:
        end += 1
    ws.merge_cells(start_row=5, start_column=col, end_row=end, end_column=col)
    wb.save(target)
    return target


def _spending_empty(target):
    """The Realisasi Anggaran sheet is there but nothing is filled in: serapan is not computed."""
    wb = openpyxl.load_workbook(WORKBOOK, keep_vba=True)
    ws = wb[L.SHEET_SPENDING]
    for r in range(5, ws.max_row + 1):
        for c in range(2, ws.max_column + 1):
            ws.cell(r, c).value = None
    wb.save(target)
    return target


def _division_unknown(target):
    """A budget line whose Bagian matches no division, and a row naming its own unit."""
    return edit_workbook(WORKBOOK, target, {L.SHEET_BUDGET: {"D5": "Bagian Entah Apa"},
                                            L.SHEET_RAK_A: {"K12": "Bagian Perencanaan, Data dan Informasi"}})


EDITS = {"groups_case_spacing_merged": _groups_case_spacing_merged, "spending_empty": _spending_empty,
         "division_unknown": _division_unknown}


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict:
    d = tmp_path_factory.mktemp("invarian")
    books = {"shipped": WORKBOOK}
    cases = {c.name: c for c in corpus.cases()}
    for name in CORPUS:
        (d / name).mkdir()
        books[f"corpus:{name}"] = cases[name].make(d / name / f"RAK_{name}.xlsm")
    for name, make in EDITS.items():
        books[name] = make(d / f"RAK_{name}.xlsm")
    for g in generate(d / "sintetis", 3, seed=12, template=Template(WORKBOOK)):
        books[f"generated:{g.path.name}"] = g.path
    return books


NAMES = ["shipped", *(f"corpus:{n}" for n in CORPUS), *EDITS, "generated:0", "generated:1", "generated:2"]


def _path(workbooks, name):
    if name.startswith("generated:"):
        return sorted(v for k, v in workbooks.items() if k.startswith("generated:"))[int(name.split(":")[1])]
    return workbooks[name]


@pytest.mark.parametrize("name", NAMES)
def test_every_output_shows_the_same_figures(workbooks, name, tmp_path):
    found = figures(_path(workbooks, name), tmp_path)
    assert not disagreements(found), "\n".join(disagreements(found))


def test_the_shipped_workbook_has_one_budget_per_division(tmp_path):
    """A division's budget is its own Anggaran lines in every output, whoever answers for the rows they fund."""
    found = figures(WORKBOOK, tmp_path)
    for output in ("Konsolidasi (sel)", "Rekap Anggaran (sel)", "Evaluasi (sel)", "rollup JSON", "evaluate JSON",
                   "Rekap Provinsi (baris)"):
        assert found[output][("division", "Keuangan, Umum dan Logistik")] == 1_315_000_000, output
        assert found[output][("division", "Hukum dan SDM")] == 1_652_800_000, output


def test_group_cells_in_other_case_spacing_or_merged_change_nothing(workbooks, tmp_path):
    shipped = figures(WORKBOOK, tmp_path)
    varied = figures(workbooks["groups_case_spacing_merged"], tmp_path)
    for output in ("Konsolidasi (sel)", "Evaluasi (sel)", "evaluate JSON"):
        assert varied[output] == shipped[output], output
    assert sum(1 for kind, _ in shipped["Konsolidasi (sel)"] if kind == "group") == 12


def test_serapan_not_computed_is_empty_with_a_note_never_zero(workbooks):
    path = workbooks["spending_empty"]
    found = _recap_row(path)
    assert found[("serapan", 1)] is None and found[("serapan", 2)] is None
    assert found[("capaian", 2)] is not None  # the indicators are reported
    summary = P.summarise_file(path)
    assert any("serapan TW 1, TW 2 belum dihitung" in n for n in summary.notes), summary.notes


@pytest.mark.libreoffice
def test_the_kiriman_pdf_shows_the_sheet_figures(tmp_path):
    """The PDF that goes to the province: the per-division amounts of Konsolidasi and of Rekap
    Anggaran are the same set of figures, and they are the sheets' figures."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice and pdftotext are needed")
    grids = read_grids(WORKBOOK)
    _report, _plan, package = submit.prepare(grids, WORKBOOK.name, WORKBOOK, tmp_path / "kirim", force=True)
    pdf = next(p for p in package.files if p.suffix == ".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    found = figures(WORKBOOK, tmp_path)
    expected = {v for (kind, _), v in found["Rekap Anggaran (sel)"].items() if kind == "division" and v}
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if "Per penanggung jawab" in ln or "Per bagian" in ln)
    amounts = set()
    for line in lines[start + 1:]:
        if re.search(r"Jumlah seluruh|Anggaran yang tidak terkait|Catatan|Anggaran per bagian", line):
            break
        amounts |= {int(a.replace(".", "")) for a in re.findall(r"Rp\s*([\d.]+)", line)}
    assert amounts - {0} == expected
    for amount in expected:
        assert f"{amount:,}".replace(",", ".") in text


# -- where sums are made ---------------------------------------------------------------------

# outputs/paging.py and measure.py add up printed heights and widths in points, never an amount.
SUMS_ALLOWED = {"paging.py", "measure.py"}
SUMMING = {"sum", "fsum", "reduce"}


def _sums(source: str) -> list[int]:
    """Lines of `source` that call sum(), math.fsum() or functools.reduce(), however imported."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in SUMMING:
                found.append(node.lineno)
    return found


def test_no_output_sheet_adds_up_amounts():
    """Every total an output sheet shows comes from the figures layer (figures/sums.py, rollup.py,
    quarterly.py), so no two outputs can add the same thing up differently."""
    outputs = ROOT / "rak_xl" / "outputs"
    found = [f"rak_xl/outputs/{path.name}:{line}" for path in sorted(outputs.glob("*.py"))
             if path.name not in SUMS_ALLOWED for line in _sums(path.read_text(encoding="utf-8"))]
    assert not found, "sums made in outputs/ (move them to rak_xl/figures/):\n" + "\n".join(found)


def test_the_sum_check_sees_a_sum():
    """The checker itself: a total row added up in a sheet module would be reported."""
    assert _sums("total = sum(d.allocated for d in shown)\n") == [1]
    assert _sums("import math\nx = math.fsum(values)\n") == [2]
    assert _sums("from functools import reduce\nx = reduce(add, values)\n") == [2]
    assert _sums("x = len([r for r in rows if r.errors])\n") == []
