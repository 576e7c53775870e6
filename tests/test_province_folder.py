"""Rekap Provinsi reads the folder a province really keeps: each satker's Kiriman attachments (the
.xlsx, the PDF, the e-mail text) saved side by side, and now and then a stray document.

Workbooks are known by name and first bytes; the PDF and e-mail text sent with a workbook pass
quietly; any other file is listed once as no RAK workbook, never as a damaged one with a repair
hint; the progress bar counts workbooks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from conftest import ROOT, WORKBOOK
from rak_xl.products import province as P
from synthetic import Template, generate


def _table(path, name):
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()
    header = rows[P.HEADER_ROW - 1]
    return [dict(zip(header, r)) for r in rows[P.HEADER_ROW:]]


@pytest.fixture(scope="module")
def attachments(tmp_path_factory):
    """Three satkers' packages made by `rak-xl submit` (xlsx, PDF, e-mail text), saved into one folder as
    an e-mail program saves attachments, with a Word document and a note among them."""
    from libreoffice import require_libreoffice

    require_libreoffice()
    base = tmp_path_factory.mktemp("satker")
    made = generate(base / "kerja", 3, seed=25, defect_rate=0.0, template=Template(WORKBOOK))
    inbox = base / "Kiriman"
    inbox.mkdir()
    for g in made:
        done = subprocess.run([sys.executable, "-m", "rak_xl", "submit", str(g.path), "-o", str(base / "paket"),
                               "--force"], capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        for line in done.stdout.splitlines():
            shutil.copy(line, inbox)
    with zipfile.ZipFile(inbox / "Undangan rapat evaluasi.docx", "w") as zf:  # a real zip, but a Word file
        zf.writestr("word/document.xml", "<w:document/>")
    (inbox / "catatan.txt").write_text("Rekap TW 2 dikirim Jumat.", encoding="utf-8")
    return inbox, made


def test_three_packages_and_a_stray_document_recap_three_satkers(attachments, tmp_path):
    inbox, made = attachments
    sent = sorted(p.suffix for p in inbox.iterdir())
    assert sent.count(".pdf") == 3 and sent.count(".xlsx") == 3 and sent.count(".txt") == 4  # 3 e-mails, 1 note
    out = tmp_path / "Rekap_Provinsi.xlsx"
    done = subprocess.run([sys.executable, "-m", "rak_xl", "province", str(inbox), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "Membaca workbook: 3/3 (100%)" in done.stderr  # the bar counts workbooks
    satkers = _table(out, P.SHEET_RECAP)[:-1]  # without the total row
    assert sorted(r["Kode Satker"] for r in satkers) == sorted(g.satker_code for g in made)
    skipped = _table(out, P.SHEET_SKIPPED)
    listed = {r["Berkas"]: (r["Jenis"], r["Alasan"]) for r in skipped}
    assert set(listed) == {"Undangan rapat evaluasi.docx", "catatan.txt"}  # no PDF, no e-mail text
    for kind, reason in listed.values():
        assert kind == P.KIND_NOT_RAK and "Simpan ulang" not in reason and "tidak dibaca" in reason
    assert not [r for r in skipped if r["Jenis"] == P.KIND_UNREADABLE]
    assert "3 satker" in done.stdout and "2 berkas dilewati" in done.stdout


def test_the_scan_reads_nothing_but_workbooks(attachments, tmp_path):
    inbox, _ = attachments
    folder = tmp_path / "campur"
    shutil.copytree(inbox, folder)
    (folder / "laporan.xlsx").write_bytes(b"%PDF-1.7 a PDF saved under a workbook's name")
    (folder / "kosong.xlsm").write_bytes(b"")
    (folder / "lama.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old format")
    (folder / "rusak.xlsx").write_bytes(b"PK\x03\x04 a workbook cut short")
    (folder / "arsip").mkdir()
    (folder / "~$terbuka.xlsx").write_bytes(b"lock")
    scan = P.scan_folder(folder)
    assert sorted(p.name for p in scan.workbooks) == sorted([*(p.name for p in inbox.glob("*.xlsx")), "rusak.xlsx"])
    assert {p.suffix for p in scan.ignored} == {".pdf", ".txt"} and len(scan.ignored) == 6
    reasons = {s.file: s.reason for s in scan.skipped}
    assert set(reasons) == {"Undangan rapat evaluasi.docx", "catatan.txt", "laporan.xlsx", "kosong.xlsm", "lama.xls",
                            "arsip"}
    assert {s.kind for s in scan.skipped} == {P.KIND_NOT_RAK}
    assert "isinya bukan workbook" in reasons["laporan.xlsx"] and "kosong" in reasons["kosong.xlsm"]
    assert ".xls" in reasons["lama.xls"] and "subfolder" in reasons["arsip"]
    assert P.find_workbooks(folder) == scan.workbooks
    # The damaged workbook is still the reader's: it says what is wrong, with its hint.
    (broken,) = [r for r in P.summarise_all([folder / "rusak.xlsx"], workers=1)]
    assert broken.kind == P.KIND_UNREADABLE


def test_a_file_too_large_for_a_workbook_is_listed_before_it_is_hashed(tmp_path, monkeypatch):
    from rak_xl.adapters import archive

    (tmp_path / "besar.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 64)
    monkeypatch.setattr(archive, "MAX_FILE", 16)
    scan = P.scan_folder(tmp_path)
    assert scan.workbooks == [] and [(s.file, s.kind) for s in scan.skipped] == [("besar.xlsx", P.KIND_UNREADABLE)]
    assert "terlalu besar" in scan.skipped[0].reason and "(RAK713)" in scan.skipped[0].reason


def test_the_recap_being_written_is_left_out_by_its_name_or_through_a_link(tmp_path):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    recap = folder / "Rekap.xlsx"
    recap.write_bytes(b"rekap sebelumnya")
    (folder / "lain.xlsx").write_bytes(b"bukan workbook")
    try:
        (folder / "tautan.xlsx").symlink_to(recap)
        (tmp_path / "alias").symlink_to(folder, target_is_directory=True)
    except OSError:
        pytest.skip("no symbolic links here")

    def listed(exclude) -> list[str]:
        scan = P.scan_folder(folder, exclude=exclude)
        return sorted(p.name for p in scan.workbooks + scan.ignored) + sorted(s.file for s in scan.skipped)

    assert listed(None) == ["Rekap.xlsx", "lain.xlsx", "tautan.xlsx"]
    for exclude in (recap, tmp_path / "alias" / "Rekap.xlsx", folder / "tautan.xlsx"):
        assert listed(exclude) == ["lain.xlsx"], exclude
