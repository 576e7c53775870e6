"""Rekap Provinsi on generated satker workbooks, a corrupt file, a non-RAK workbook and duplicates."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from conftest import ROOT, WORKBOOK, edit_workbook
from rak_xl.core import layout as L
from rak_xl.products import province as P
from rak_xl.products.province.summary import evaluation_series
from synthetic import Template, generate


def _sheet(path, name):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def _table(path, name):
    """Header row and data rows of a recap sheet, as dicts."""
    rows = _sheet(path, name)
    header = rows[P.HEADER_ROW - 1]
    return header, [dict(zip(header, r)) for r in rows[P.HEADER_ROW:]]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Five generated satker (with defects), a corrupt file, a non-RAK workbook, an Excel lock file."""
    d = tmp_path_factory.mktemp("kiriman")
    made = generate(d, 5, seed=11, defect_rate=0.8, xlsx_share=0.4, template=Template(WORKBOOK))
    (d / "rusak.xlsm").write_bytes(b"PK\x03\x04 ini bukan arsip yang utuh")
    wb = openpyxl.Workbook()
    wb.active.title = "Daftar Hadir"
    wb.active["A1"] = "Nama"
    wb.save(d / "daftar_hadir.xlsx")
    (d / "~$RAK_terbuka.xlsm").write_bytes(b"lock file of an open workbook")
    return d, made


@pytest.fixture(scope="module")
def recap_run(folder, tmp_path_factory):
    d, made = folder
    out = tmp_path_factory.mktemp("hasil") / "Rekap.xlsx"
    done = subprocess.run([sys.executable, "-m", "rak_xl.cli", "province", str(d), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    return done, out, made


def test_recap_is_written_with_exit_0_and_a_progress_bar(recap_run):
    done, out, _ = recap_run
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Membaca workbook" in done.stderr and "100%" in done.stderr
    assert out.exists()
    names = CalamineWorkbook.from_path(str(out)).sheet_names
    assert names == [P.SHEET_RECAP, P.SHEET_CHARTS, P.SHEET_ERRORS, P.SHEET_SKIPPED]


def test_one_chart_per_program_reading_the_recap_rows(recap_run):
    _, out, made = recap_run
    programs = sorted({c for g in made for c in g.program_totals})
    with zipfile.ZipFile(out) as zf:
        charts = sorted(n for n in zf.namelist() if n.startswith("xl/charts/chart"))
        xml = [zf.read(n).decode("utf-8") for n in charts]
    assert len(charts) == len(programs) == 2
    for code, chart in zip(programs, xml):
        assert code in chart  # the title names the program
        assert f"'{P.SHEET_RECAP}'!$B${P.HEADER_ROW + 1}:$B${P.HEADER_ROW + len(made)}" in chart


def test_one_row_per_satker_with_totals_from_the_files(recap_run):
    _, out, made = recap_run
    header, rows = _table(out, P.SHEET_RECAP)
    satkers, total = rows[:-1], rows[-1]
    assert [r["Satuan Kerja"] for r in satkers] == sorted(g.satker for g in made)
    by_code = {r["Kode Satker"]: r for r in satkers}
    codes = sorted({c for g in made for c in g.program_totals})
    for g in made:
        row = by_code[g.satker_code]
        assert row["Berkas"] == g.path.name
        assert row["Pagu DIPA (Rp)"] == g.pagu
        for c in codes:
            assert row[f"Program {c} (Rp)"] == g.program_totals.get(c, 0)
        assert [row[f"RPD TW {q} (Rp)"] for q in L.QUARTERS] == g.rpd
        assert row["Kesalahan"] >= len([d for d in g.defects if d.code])
    assert total["Satuan Kerja"] == "JUMLAH"
    for c in codes:
        assert total[f"Program {c} (Rp)"] == sum(g.program_totals.get(c, 0) for g in made)
    assert total["Pagu DIPA (Rp)"] == sum(g.pagu for g in made)
    assert total["Kesalahan"] == sum(r["Kesalahan"] for r in satkers)


def test_findings_sheet_lists_each_error_with_file_and_cell(recap_run):
    _, out, made = recap_run
    _, rows = _table(out, P.SHEET_ERRORS)
    listed = {(r["Berkas"], r["Lembar"], r["Sel"], r["Kode"]) for r in rows}
    expected = {(g.path.name, d.sheet, d.cell, d.code) for g in made for d in g.defects if d.code}
    assert expected and expected <= listed
    _, recap = _table(out, P.SHEET_RECAP)
    errors_per_file = {r["Berkas"]: r["Kesalahan"] for r in recap[:-1]}
    for name, count in errors_per_file.items():
        assert count == sum(1 for r in rows if r["Berkas"] == name)


def test_skipped_files_are_listed_with_the_reason(recap_run):
    _, out, _ = recap_run
    _, rows = _table(out, P.SHEET_SKIPPED)
    kinds = {r["Berkas"]: r["Jenis"] for r in rows}
    assert kinds["rusak.xlsm"] == P.KIND_UNREADABLE
    assert kinds["daftar_hadir.xlsx"] == P.KIND_NOT_RAK
    reason = next(r["Alasan"] for r in rows if r["Berkas"] == "daftar_hadir.xlsx")
    assert "Daftar Hadir" in reason
    assert "~$RAK_terbuka.xlsm" not in kinds  # Excel's lock file is not a submission


def test_duplicate_satker_newer_signing_date_wins_then_newer_file(tmp_path):
    made = generate(tmp_path, 2, seed=4, defect_rate=0.0, template=Template(WORKBOOK))
    first = made[0]
    # Same satker, later Tanggal Penetapan, but an OLDER file: the date decides.
    revised = edit_workbook(first.path, tmp_path / "revisi_penetapan.xlsm",
                            {L.SHEET_IDENTITY: {"B12": first.signed_on + dt.timedelta(days=30)}})
    os.utime(revised, (1_600_000_000, 1_600_000_000))
    # Same satker and same date as the generated file: the newer file wins.
    copy = tmp_path / "salinan_lama.xlsm"
    shutil.copyfile(made[1].path, copy)
    os.utime(copy, (1_600_000_000, 1_600_000_000))
    results = P.summarise_all(P.find_workbooks(tmp_path), workers=1)
    recap = P.build_recap([r for r in results if isinstance(r, P.SatkerSummary)], [])
    used = {s.satker_code: s.file for s in recap.satkers}
    assert used == {first.satker_code: "revisi_penetapan.xlsm", made[1].satker_code: made[1].path.name}
    dropped = {s.file: s for s in recap.skipped}
    assert set(dropped) == {first.path.name, "salinan_lama.xlsm"}
    assert all(s.kind == P.KIND_DUPLICATE for s in dropped.values())
    assert "revisi_penetapan.xlsm" in dropped[first.path.name].reason


def test_parallel_and_single_process_give_the_same_summaries(folder):
    d, _ = folder
    paths = P.find_workbooks(d)
    one = P.summarise_all(paths, workers=1)
    two = P.summarise_all(paths, workers=2)
    strip = [(type(r).__name__, r.file, getattr(r, "programs", None), getattr(r, "errors", None)) for r in one]
    assert strip == [(type(r).__name__, r.file, getattr(r, "programs", None), getattr(r, "errors", None))
                     for r in two]


def test_missing_folder_exits_2_without_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "rak_xl.cli", "province", str(tmp_path / "tidak_ada"),
                           "-o", str(tmp_path / "r.xlsx")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    assert "tidak ditemukan" in done.stderr and "Traceback" not in done.stderr


def test_quarterly_capaian_and_absorption_columns_when_the_workbooks_have_them(recap_run):
    _, out, made = recap_run
    sheets = CalamineWorkbook.from_path(str(made[0].path)).sheet_names
    if getattr(L, "SHEET_ACHIEVEMENT", None) not in sheets:
        pytest.skip("the shipped workbook has no quarterly evaluation sheets yet")
    header, rows = _table(out, P.SHEET_RECAP)
    assert "Capaian TW 1 (%)" in header and "Serapan TW 1 (%)" in header
    for row in rows[:-1]:
        assert 0 < row["Capaian TW 1 (%)"] <= 200
        assert 0 < row["Serapan TW 1 (%)"] <= 100


def test_recap_capaian_and_absorption_agree_with_the_evaluation(folder):
    d, made = folder
    from rak_xl.figures import quarterly as E
    from rak_xl.products import jobs
    from rak_xl.adapters.file_read import read_grids

    report = jobs.validate(read_grids(made[0].path), made[0].path.name)
    series, _notes = evaluation_series(report.plan)
    if series is None:
        pytest.skip("the generated workbooks carry no quarterly evaluation")
    compared = 0
    for q in L.QUARTERS:
        if E.quarter_has_realisation(report.plan, q):
            ev = E.evaluate(report.plan, q)
            assert series["capaian"][q - 1] == pytest.approx(ev.overall.value, abs=0.01)
            assert series["serapan"][q - 1] == pytest.approx(ev.total_absorption.absorption, abs=0.01)
            compared += 1
        else:
            assert series["capaian"][q - 1] is None and series["serapan"][q - 1] is None
    assert compared


@pytest.mark.libreoffice
def test_recap_opens_in_libreoffice_and_prints_the_satker_rows(recap_run, tmp_path):
    """The recap is a new file from XlsxWriter: a real office suite opens it and prints it."""
    from libreoffice import probe

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    _, out, made = recap_run
    pdf = tmp_path / "rekap.pdf"
    result = probe(out, "--pdf", P.SHEET_RECAP, str(pdf))
    assert result["sheets"] == [P.SHEET_RECAP, P.SHEET_CHARTS, P.SHEET_ERRORS, P.SHEET_SKIPPED]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "REKAP RENCANA AKSI KINERJA" in text and "JUMLAH" in text
    for g in made:
        assert g.satker in text


def test_kiriman_packages_recap_like_their_source_workbooks(folder, tmp_path):
    """What the province receives is the Siapkan Kiriman .xlsx: plan values plus Temuan,
    Konsolidasi, Evaluasi and Stempel Kiriman, no macros. Its recap line must equal the
    one of the workbook it was made from (same counts, pagu, totals, capaian)."""
    from rak_xl.products import submit
    from rak_xl.adapters.file_read import read_grids

    _, made = folder
    packages = tmp_path / "kiriman"
    packages.mkdir()
    for g in made[:3]:
        _report, _plan, package = submit.prepare(read_grids(g.path), g.path.name, g.path, tmp_path / "paket",
                                                 force=True, pdf=None)
        (xlsx,) = [f for f in package.files if f.suffix == ".xlsx"]
        shutil.copy(xlsx, packages / f"{g.path.stem}.xlsx")
    keys = ("satker", "satker_code", "year", "counts", "pagu", "allocated", "programs", "divisions", "rpd",
            "errors", "evaluation")
    for g in made[:3]:
        source = P.summarise_file(g.path)
        sent = P.summarise_file(packages / f"{g.path.stem}.xlsx")
        assert isinstance(sent, P.SatkerSummary), sent
        assert {k: getattr(sent, k) for k in keys} == {k: getattr(source, k) for k in keys}


def _recap_of(folder, today=None):
    results = P.summarise_all(P.find_workbooks(folder), workers=1)
    summaries = [r for r in results if isinstance(r, P.SatkerSummary)]
    kept, dropped = P.resolve_duplicates(summaries, today=today)
    return {s.satker_code: s.file for s in kept}, {s.file: s for s in dropped}


def test_a_duplicate_dated_31_12_9999_does_not_win(tmp_path):
    """The newest file, but its Tanggal Penetapan is a typo RAK501 flags: the plausible date decides."""
    (g,) = generate(tmp_path, 1, seed=5, defect_rate=0.0, template=Template(WORKBOOK))
    os.utime(g.path, (1_600_000_000, 1_600_000_000))
    hostile = edit_workbook(g.path, tmp_path / "revisi_9999.xlsm", {L.SHEET_IDENTITY: {"B12": dt.date(9999, 12, 31)}})
    used, dropped = _recap_of(tmp_path)
    assert used == {g.satker_code: g.path.name}
    reason = dropped[hostile.name].reason
    assert "Penentu: Tanggal Penetapan" in reason and "31-12-9999" in reason and "RAK501" in reason


def test_a_tanggal_penetapan_in_the_future_is_no_evidence(tmp_path):
    (g,) = generate(tmp_path, 1, seed=6, defect_rate=0.0, template=Template(WORKBOOK))
    later = edit_workbook(g.path, tmp_path / "kemudian.xlsm",
                          {L.SHEET_IDENTITY: {"B12": g.signed_on + dt.timedelta(days=60)}})
    os.utime(later, (1_600_000_000, 1_600_000_000))  # older file time: only its date could make it win
    # Seen on a day between the two dates, the later one lies in the future.
    used, dropped = _recap_of(tmp_path, today=g.signed_on + dt.timedelta(days=1))
    assert used == {g.satker_code: g.path.name}
    assert "di masa depan" in dropped[later.name].reason
    # Seen after both: the later date wins, and says so.
    used, dropped = _recap_of(tmp_path, today=g.signed_on + dt.timedelta(days=90))
    assert used == {g.satker_code: later.name}
    assert "Penentu: Tanggal Penetapan lebih baru" in dropped[g.path.name].reason


def _package(source, folder, name, stamp=None):
    """A Siapkan Kiriman .xlsx of `source`, its Stempel Kiriman time set to `stamp` when given."""
    from rak_xl.products import submit
    from rak_xl.adapters.file_read import read_grids

    _r, _p, package = submit.prepare(read_grids(source), source.name, source, folder / "paket", force=True, pdf=None)
    (xlsx,) = [f for f in package.files if f.suffix == ".xlsx"]
    target = folder / name
    if stamp is None:
        shutil.copyfile(xlsx, target)
    else:
        edit_workbook(xlsx, target, {submit.SHEET_STAMP: {"B3": stamp.strftime(submit.STAMP_TIME_FORMAT)}})
    shutil.rmtree(folder / "paket")
    return target


def test_the_newer_stempel_kiriman_wins_over_dates_and_file_times(tmp_path):
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    (g,) = generate(tmp_path / "asal", 1, seed=8, defect_rate=0.0, template=Template(WORKBOOK))
    newer_plan = edit_workbook(g.path, inbox / "rak_tanpa_stempel.xlsm",
                               {L.SHEET_IDENTITY: {"B12": g.signed_on + dt.timedelta(days=20)}})
    first = _package(g.path, inbox, "kiriman_1.xlsx", stamp=dt.datetime(2022, 1, 10, 9, 0))
    second = _package(g.path, inbox, "kiriman_2.xlsx", stamp=dt.datetime(2022, 2, 1, 14, 30))
    future = _package(g.path, inbox, "kiriman_masa_depan.xlsx", stamp=dt.datetime(9999, 1, 1, 0, 0))
    for i, f in enumerate((second, first, newer_plan, future)):
        os.utime(f, (1_600_000_000 + i, 1_600_000_000 + i))  # the file times point the other way
    used, dropped = _recap_of(inbox, today=dt.date(2022, 6, 1))
    assert used == {g.satker_code: second.name}
    assert "Penentu: Stempel Kiriman lebih baru: 01-02-2022 14:30 lawan 10-01-2022 09:00" in dropped[first.name].reason
    assert "tanpa stempel" in dropped[newer_plan.name].reason
    assert "tanpa stempel" in dropped[future.name].reason  # a stamp in the future is no stamp


def test_the_stamp_is_read_from_a_package(tmp_path):
    from rak_xl.adapters.file_read import read_grids
    from rak_xl.products.stamp import stamp_time

    assert stamp_time(read_grids(WORKBOOK)) is None
    pkg = _package(WORKBOOK, tmp_path, "k.xlsx")
    summary = P.summarise_file(pkg)
    assert summary.stamped_at == stamp_time(read_grids(pkg)) is not None
