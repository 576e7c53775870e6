"""Builds the RAK and Rekap Provinsi workbooks (sheets with XlsxWriter, VBA with pyOpenVBA, the
xlwings Lite parts) from workbook/sources/ and macros/, or from a plan carried into a new year."""
