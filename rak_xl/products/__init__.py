"""What a door hands the user: the jobs behind the buttons, the package for the province (Kiriman),
Rekap Provinsi, a new year's workbook, the workbook builder and the Excel setup on a PC."""
