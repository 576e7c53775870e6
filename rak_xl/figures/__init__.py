"""Figures worked out once over a parsed plan: Rupiah sums (`sums`), the plan's structure (groups,
sub-activities, who answers for each row), Rekap Anggaran's roll-up and the quarterly capaian and
serapan. Every output and rule reads its numbers from here."""
