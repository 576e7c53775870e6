"""The small readers the rules share, on texts taken from the 2022 plan."""

from __future__ import annotations

import datetime as dt

import pytest

from rak_xl.core.text import date_text, rupiah
from rak_xl.core.text import number as number_id
from rak_xl.rules.helpers import (dangling_end, measure_kind, names_a_measure, numbers, reads_like_indicator,
    sequence_breaks, series_decreases, series_gaps)


@pytest.mark.parametrize("items, breaks", [
    ([1, 2, 3, 4, 5, 5, 7], [(5, 5, 6)]),  # table B, Pengelolaan SDM: one break, not two
    ([1, 2, 4, 5], [(2, 4, 3)]),
    ([1, 2, 1, 2, 3], []),  # a list may restart at 1
    ([2, 3], [(0, 2, 1)]),
    ([1, 2, 2, 3], [(2, 2, 3), (3, 3, 4)]),
    ([], []),
])
def test_sequence_breaks(items, breaks):
    assert sequence_breaks(items) == breaks


def test_numbers_per_line():
    assert numbers("1.Terlaksananya penyusunan\n2.Terlaksananya pengelolaan") == (1, 2)
    assert numbers("Persentase proses PAW ... dalam waktu 5 (lima) hari kerja") == ()
    assert numbers("1) Persentase laporan") == (1,)


@pytest.mark.parametrize("text, ending", [
    ("1. Jumlah dokumen SOP ... yang disusun sesuai dengan", "sesuai dengan"),
    ("Persentase satker yang melaksanakan pengadaan dan", "dan"),
    ("Sosialisasi kebijakan KPU kepada Stakeholders (Partai Politik,", ","),
    ("1. Persentase A untuk\n2. Persentase B", "untuk"),
    ("Persentase gangguan keamanan dalam lingkungan KPU Kota Probolinggo yang dapat ditanggulangi", None),
    ("Terwujudnya rancangan pedoman desain dan template kebutuhan pemilu guna mendukung\ntata Kelola KPU", None),
    ("Meningkatnya kualitas layanan persidangan dan protokol", None),
])
def test_dangling_end(text, ending):
    assert dangling_end(text) == ending


@pytest.mark.parametrize("indicator, kind", [
    ("2. Jumlah laporan Barang Milik Negara", "count"),
    ("Nilai Maturitas SPIP", "score"),
    ("1) Persentase laporan monitoring", "percent"),
    ("• Persentase Permohonan Informasi", "percent"),
    ("1. Penurunan jumlah sengketa hukum", "change"),
    ("Persentase penurunan nilai temuan", "percent"),
    ("1.Kpu Kota Probolinggo yang telah membentuk Pusat Pendidikan Pemilih", None),
])
def test_measure_kind(indicator, kind):
    assert measure_kind(indicator) == kind


def test_measure_words():
    assert not names_a_measure("Tersedianya Data dan Informasi Kepegawaian")
    assert names_a_measure("Dokumen dengan nilai akuntabilitas minimal B")
    assert reads_like_indicator("4. Persentase Pegawai yang tercatat secara akurat")
    assert not reads_like_indicator("Peningkatan Kompetensi SDM KPU Kota Probolinggo")


def test_series():
    assert series_gaps([None, 50, None, None]) == [0]
    assert series_gaps([25, None, 75, 100]) == [1]
    assert series_gaps([25, 50, None, None]) == []
    assert series_decreases([25, 10, 75, 100]) == [(1, 10, 25)]
    assert series_decreases([25, 25, None, 100]) == []


def test_wording():
    assert rupiah(27_734_000) == "Rp 27.734.000"
    assert number_id(12.5) == "12,5" and number_id(100.0) == "100" and number_id(1500) == "1.500"
    assert number_id(float("inf")) == "inf"
    assert date_text(dt.date(2023, 1, 17)) == "17 Januari 2023"
    assert date_text(dt.date(2023, 1, 17), "en") == "17 January 2023"
