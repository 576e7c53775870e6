"""A new RAK workbook: next year's plan carried forward, or a blank plan for any satker.

`rak-xl baru` and the button "Buat RAK Tahun Berikutnya" call these. The workbook is
made by the same build as workbook/RAK_2022.xlsm (rak_xl.products.builder) from a PlanData,
never by copying and patching a file, so it has the same sheets, buttons, VBA,
dropdowns, highlights, protection and print setup. Everything is checked and built
in memory before a file is written; nothing here touches a file (adapters/ write).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

from rak_xl.core import clock
from rak_xl.core import layout as L
from rak_xl.core.errors import RakInputError
from rak_xl.parse.tables import Grid

FIRST_YEAR, LAST_YEAR = 2000, 2100  # a RAK year outside these is a typing slip
_SATKER = re.compile(r"^(?:KPU|Komisi Pemilihan Umum)\s+[A-Za-z][A-Za-z .,'()\-]*[A-Za-z.)]$", re.IGNORECASE)
_CODE = re.compile(r"^\d{6}$")


def default_name(year: int) -> str:
    return f"RAK_{year}.xlsm"


def check_year(year: int, after: int | None = None) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise RakInputError(f"Tahun {year} tidak masuk akal: isi tahun anggaran empat angka, misalnya 2023.",
                            message_en=f"Year {year} is implausible: give a four-digit budget year, e.g. 2023.")
    if after is not None and year <= after:
        raise RakInputError(
            f"Tahun {year} tidak sesudah tahun RAK sumber ({after}). RAK baru dibuat untuk tahun sesudahnya, "
            f"misalnya --tahun {after + 1}.",
            message_en=f"Year {year} is not after the source's year ({after}); e.g. --tahun {after + 1}.")
    return year


def check_satker(name: str) -> str:
    """The satker's name, spaces tidied; refused when it does not look like a KPU satker's name."""
    tidy = " ".join(str(name).split())
    if not (8 <= len(tidy) <= 80 and _SATKER.match(tidy)):
        raise RakInputError(
            f"Nama satker '{tidy[:80]}' tidak dikenali sebagai nama satker KPU.",
            message_en=f"'{tidy[:80]}' does not look like the name of a KPU satker.",
            hint='Tulis lengkap, misalnya --satker "KPU Kabupaten Malang" atau "KPU Provinsi Jawa Timur".',
            hint_en='Write it in full, e.g. --satker "KPU Kabupaten Malang" or "KPU Provinsi Jawa Timur".')
    return tidy


def check_code(code: str) -> str:
    tidy = str(code).strip()
    if not _CODE.match(tidy):
        raise RakInputError(
            f"Kode satker '{tidy[:20]}' tidak masuk akal: kode satker terdiri dari 6 angka.",
            message_en=f"Satker code '{tidy[:20]}' is implausible: a satker code has 6 digits.",
            hint="Lihat kode satker pada nomor DIPA, misalnya 658021 pada SP DIPA 076.01.2.658021/2022.",
            hint_en="The satker code is in the DIPA number, e.g. 658021 in SP DIPA 076.01.2.658021/2022.")
    return tidy


def check_output(target: Path, force: bool, source: Path | None = None) -> None:
    """Before any work: an .xlsm name, never the source itself, an existing file only with --force."""
    if target.suffix.lower() != ".xlsm":
        raise RakInputError(f"Berkas hasil '{target.name}' harus berakhiran .xlsm (workbook dengan tombol).",
                            message_en=f"Output '{target.name}' must end in .xlsm (a workbook with buttons).")
    if source is not None and target.resolve() == source.resolve():
        raise RakInputError(f"Berkas hasil '{target.name}' sama dengan berkas sumber; RAK sumber tidak pernah ditimpa.",
                            message_en=f"Output '{target.name}' is the source itself; the source is never overwritten.",
                            hint="Pilih nama lain dengan -o, misalnya RAK_2023.xlsm.",
                            hint_en="Choose another name with -o, e.g. RAK_2023.xlsm.")
    if target.is_dir():
        raise RakInputError(f"'{target}' adalah folder, bukan nama berkas.",
                            message_en=f"'{target}' is a folder, not a file name.")
    if target.exists() and not force:
        raise RakInputError(f"Berkas '{target.name}' sudah ada; tidak ditimpa.",
                            message_en=f"'{target.name}' already exists; not overwritten.",
                            hint="Pilih nama lain dengan -o, atau tambahkan --force untuk menggantinya.",
                            hint_en="Choose another name with -o, or add --force to replace it.")


def source_plan(grids: Mapping[str, Grid], source_name: str):
    """The parsed plan of a RAK workbook; refused when the file is not one or has no readable year."""
    from rak_xl.parse.plan import parse_plan

    plan, _findings = parse_plan(grids)
    tables = {t.sheet for t in L.RAK_TABLES} & plan.present
    if L.SHEET_IDENTITY not in plan.present or not tables:
        raise RakInputError(
            f"Berkas '{source_name}' bukan workbook RAK: lembar {L.SHEET_IDENTITY}, {L.SHEET_RAK_A} dan "
            f"{L.SHEET_RAK_B} tidak ditemukan atau tidak terbaca.",
            message_en=f"'{source_name}' is not a RAK workbook (no readable Identitas and RAK sheets).",
            hint="Pilih workbook RAK tahun sebelumnya (.xlsm atau salinan .xlsx-nya).",
            hint_en="Choose last year's RAK workbook (.xlsm or its .xlsx copy).")
    if plan.identity.year is None:
        cell = plan.identity.cells.get("year")
        raise RakInputError(
            f"Tahun Anggaran RAK sumber '{source_name}' kosong atau tidak terbaca.",
            message_en=f"The source's Tahun Anggaran is empty or unreadable ('{source_name}').",
            sheet=L.SHEET_IDENTITY, cell=cell.cell.a1 if cell else None,
            hint="Isi Tahun Anggaran (misalnya 2022) di lembar Identitas, simpan, lalu coba lagi.",
            hint_en="Fill in Tahun Anggaran (e.g. 2022) on the Identitas sheet, save, then try again.")
    return plan


def carried(grids: Mapping[str, Grid], source_name: str, year: int | None = None):
    """PlanData for `year` (default: the year after the source's) from a RAK workbook's grids."""
    from .builder.plan_data import carry_forward

    plan = source_plan(grids, source_name)
    source_year = plan.identity.year
    year = check_year(source_year + 1 if year is None else year, after=source_year)
    return carry_forward(plan, year)


def blank(satker: str, code: str, year: int):
    from .builder.plan_data import blank_plan

    return blank_plan(check_satker(satker), check_code(code), check_year(year))


def workbook_bytes(data, created: dt.datetime | None = None) -> bytes:
    """The complete .xlsm for `data`, made by the build (the same code as workbook/RAK_2022.xlsm)."""
    from .builder.vba import default_macros
    from .builder.workbook import build_plan_workbook

    return build_plan_workbook(data, default_macros(), created or clock.now())
