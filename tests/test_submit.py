"""Siapkan Kiriman: the macro-free package for the province (CLI and button)."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

import rak_xl.buttons as buttons
from conftest import ROOT
from rak_xl.core import layout as L
from rak_xl.products import submit
from rak_xl.adapters.file_read import read_grids
from rak_xl.core.errors import RakInputError
from remote import press


def rak(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rak_xl.cli", *args], capture_output=True, text=True, **kw)


@pytest.fixture
def with_error(edit):
    return edit({L.SHEET_RAK_A: {"G5": "?"}})


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cli_refuses_a_plan_with_errors_and_writes_nothing(with_error, tmp_path):
    before = _sha(with_error)
    done = rak("submit", str(with_error), "-o", str(tmp_path / "kirim"), "--no-pdf", cwd=ROOT)
    assert done.returncode == 1
    assert "Kiriman tidak dibuat" in done.stderr and "(RAK817)" in done.stderr and "Traceback" not in done.stderr
    # The command line has no Temuan sheet: the hint gives the command that lists the errors.
    assert f"rak-xl validate {with_error}" in done.stderr and "lembar Temuan" not in done.stderr
    en = rak("submit", str(with_error), "-o", str(tmp_path / "kirim"), "--no-pdf", "--lang", "en", cwd=ROOT)
    assert "Package not made: the plan still has" in en.stderr and "{'error'" not in en.stderr
    assert "errors, " in en.stderr and "kesalahan" not in en.stderr
    assert f"Hint: List the errors with: rak-xl validate {with_error} --lang en" in en.stderr
    assert not any((tmp_path / "kirim").glob("*")) if (tmp_path / "kirim").exists() else True
    assert _sha(with_error) == before


def test_forced_package_is_macro_free_clean_and_stamped(with_error, tmp_path, monkeypatch):
    home = tmp_path / "home_of_siti_rahayu"
    home.mkdir()
    for var in ("USER", "USERNAME", "LOGNAME"):
        monkeypatch.setenv(var, "siti_rahayu")
    monkeypatch.setenv("HOME", str(home))
    done = rak("submit", str(with_error), "-o", str(tmp_path / "kirim"), "--no-pdf", "--force", cwd=ROOT)
    assert done.returncode == 0, done.stderr
    files = [Path(p) for p in done.stdout.split()]
    folder = files[0].parent
    assert re.fullmatch(r"RAK_2022_KPU_Kota_Probolinggo_\d{4}-\d{2}-\d{2}", folder.name)
    xlsx = next(p for p in files if p.suffix == ".xlsx")
    with zipfile.ZipFile(xlsx) as zf:
        names = zf.namelist()
        assert not any("vbaProject" in n for n in names)
        assert not any(n.endswith(".vml") or "ctrlProp" in n or "externalLink" in n for n in names)
        types = zf.read("[Content_Types].xml").decode()
        assert "macroEnabled" not in types
        for name in names:
            text = zf.read(name).decode("utf-8", "replace")
            assert "siti_rahayu" not in text and str(home) not in text and str(tmp_path) not in text, name
            assert "xlwings.conf" not in text
    book = CalamineWorkbook.from_path(str(xlsx))
    assert L.SHEET_GUIDE not in book.sheet_names  # the button instructions stay home
    assert {L.SHEET_FINDINGS, submit.SHEET_STAMP} <= set(book.sheet_names)
    stamp = book.get_sheet_by_name(submit.SHEET_STAMP).to_python()
    fields = {row[0]: row[1] for row in stamp if len(row) > 1}
    assert fields["SHA-256 workbook"] == _sha(with_error)
    assert fields["Dari workbook"] == with_error.name
    assert "dipaksa" in fields["Status validasi"]
    # The plan sheets carry the same values as the source workbook, cell for cell.
    source = read_grids(with_error)
    for name in [n for n in L.INPUT_SHEETS if n in source]:
        copied = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        assert [[None if v == "" else v for v in r] for r in copied] == source[name], name
    text = next(p for p in files if p.name.endswith("_email.txt")).read_text(encoding="utf-8")
    assert text.startswith("Subjek: Rencana Aksi Kinerja KPU Kota Probolinggo Tahun 2022")
    assert "Rp 1.646.458.000" in text and "Rp 2.777.477.000" in text and xlsx.name in text
    assert "DIKIRIM DENGAN KESALAHAN" in text


def test_rerun_replaces_the_package_and_a_failure_keeps_the_previous_one(workbook_copy, tmp_path):
    grids = read_grids(workbook_copy)
    out = tmp_path / "kirim"
    _r, _p, first = submit.prepare(grids, workbook_copy.name, workbook_copy, out, force=True, pdf=None)
    (first.folder / "catatan_staf.txt").write_text("catatan yang ditaruh staf")
    _r, _p, second = submit.prepare(grids, workbook_copy.name, workbook_copy, out, force=True, pdf=None)
    assert second.folder == first.folder
    # The second package of the day replaces the first one's files and says so; staff's own file stays.
    assert sorted(p.name for p in second.replaced) == sorted(p.name for p in first.files)
    assert [p.name for p in second.kept] == ["catatan_staf.txt"]
    assert (second.folder / "catatan_staf.txt").read_text() == "catatan yang ditaruh staf"
    snapshot = {p.name: p.read_bytes() for p in second.folder.iterdir()}

    def broken_pdf(xlsx: Path, pdf: Path) -> None:
        pdf.write_bytes(b"%PDF-1.4 setengah")
        raise OSError("disk penuh")

    with pytest.raises(RakInputError, match="disk penuh"):  # a file-system failure: a clear message, exit 2
        submit.prepare(grids, workbook_copy.name, workbook_copy, out, force=True, pdf=broken_pdf)
    assert {p.name: p.read_bytes() for p in second.folder.iterdir()} == snapshot
    assert [p.name for p in out.iterdir()] == [second.folder.name]  # no half-written staging folder left


@pytest.mark.parametrize("parts, stem", [
    (("RAK", 2022, "KPU Kota Probolinggo", "2026-11-28"), "RAK_2022_KPU_Kota_Probolinggo_2026-11-28"),
    (("RAK", 2022, 'KPU Kab. "Malang" / Jatim:*?', "2026-11-28"), "RAK_2022_KPU_Kab_Malang_Jatim_2026-11-28"),
])
def test_file_names_are_safe_on_windows(parts, stem):
    assert submit.safe_stem(*parts) == stem
    assert len(submit.safe_stem("RAK", 2022, "x" * 200, "2026-11-28")) <= submit.MAX_STEM


def test_button_refuses_with_errors_then_sends_when_confirmed(with_error, monkeypatch):
    folder = with_error.parent
    monkeypatch.chdir(folder)  # the remote engine knows the book by name only; the saved file is here
    actions = press(with_error, buttons.submit)
    alerts = [a["args"][0] for a in actions if a["func"] == "alert"]
    assert any("Tetap buat kiriman?" in a for a in alerts)
    assert "Kiriman tidak dibuat" in alerts[-1]
    assert not (folder / "Kiriman").exists()
    # The person answers "Ya" in the dialog: xlwings returns "yes" from App.alert.
    from xlwings.pro import _xlremote

    monkeypatch.setattr(_xlremote.App, "alert", lambda self, *a, **k: "yes")
    monkeypatch.setattr(submit, "libreoffice_pdf", lambda xlsx, pdf: pdf.write_bytes(b"%PDF-1.4 uji"))
    actions = press(with_error, buttons.submit)
    packages = list((folder / "Kiriman").iterdir())
    assert len(packages) == 1
    assert sorted(p.suffix for p in packages[0].iterdir()) == [".pdf", ".txt", ".xlsx"]
    assert any(a["func"] == "addSheet" and a["args"][1] == L.SHEET_FINDINGS for a in actions)


def test_button_refuses_a_file_named_kiriman_before_writing(with_error, monkeypatch):
    """The package folder "Kiriman" beside the workbook is taken by a file: the button says so in
    words staff can act on (RAK825), before anything is written, not as a failed save at the end."""
    folder = with_error.parent
    monkeypatch.chdir(folder)
    blocker = folder / "Kiriman"
    blocker.write_bytes(b"catatan rapat")
    before = sorted(p.name for p in folder.iterdir())
    from xlwings.pro import _xlremote

    alerts = []  # every dialog, each answered "Ya" (xlwings returns "yes" from App.alert)
    monkeypatch.setattr(_xlremote.App, "alert", lambda self, prompt, *a, **k: alerts.append(prompt) or "yes")
    monkeypatch.setattr(submit, "libreoffice_pdf", lambda xlsx, pdf: pdf.write_bytes(b"%PDF-1.4 uji"))
    press(with_error, buttons.submit)
    assert "(RAK825)" in alerts[-1] and f"'{blocker}' adalah berkas, bukan folder" in alerts[-1]
    assert "dengan -o" not in alerts[-1]  # no command-line option to name in Excel
    assert blocker.read_bytes() == b"catatan rapat"
    assert sorted(p.name for p in folder.iterdir()) == before


def test_button_asks_to_save_an_unsaved_workbook(with_error, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path / "..")  # not where the file is: Excel would report no saved path
    actions = press(with_error, buttons.submit)
    assert [a["func"] for a in actions] == ["alert"]
    assert "Simpan dulu" in actions[0]["args"][0]


@pytest.mark.libreoffice
def test_pdf_has_the_consolidated_table_and_program_totals(workbook_copy, tmp_path):
    import shutil

    from libreoffice import require_libreoffice

    require_libreoffice()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    grids = read_grids(workbook_copy)
    _r, _p, package = submit.prepare(grids, workbook_copy.name, workbook_copy, tmp_path / "kirim", force=True)
    pdf = next(p for p in package.files if p.suffix == ".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert text.lstrip().startswith("KONSOLIDASI RENCANA AKSI KINERJA KPU KOTA PROBOLINGGO")
    assert "KPU Kota Probolinggo" in text
    assert "REKAP ANGGARAN" in text
    for amount in ("Rp 1.646.458.000", "Rp 2.777.477.000", "Rp 4.451.669.000"):
        assert amount in text
    # Every page says the budget and evaluation figures are examples (the printed footer).
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) > 1 and all("CONTOH ILUSTRATIF" in page for page in pages)


def test_cli_says_what_a_second_package_the_same_day_replaces(workbook_copy, tmp_path):
    out = tmp_path / "kirim"
    first = rak("submit", str(workbook_copy), "-o", str(out), "--no-pdf", "--force", cwd=ROOT)
    assert first.returncode == 0, first.stderr
    assert "sudah ada" not in first.stderr
    (folder,) = out.iterdir()
    (folder / "surat_pengantar.docx").write_bytes(b"milik staf")
    second = rak("submit", str(workbook_copy), "-o", str(out), "--no-pdf", "--force", cwd=ROOT)
    assert second.returncode == 0, second.stderr
    assert f"Kiriman hari ini sudah ada di {folder}; diganti: {folder.name}.xlsx" in second.stderr
    assert "Berkas lain di folder itu dibiarkan: surat_pengantar.docx." in second.stderr
    assert (folder / "surat_pengantar.docx").read_bytes() == b"milik staf"
    assert second.stdout.splitlines() == [str(folder / f"{folder.name}{x}") for x in (".xlsx", "_email.txt")]
