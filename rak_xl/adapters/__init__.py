"""Edges: move grids of values in, carry WritePlans out. No rules or sums here.

- excel_live: the open workbook through xlwings (buttons)
- file_read: a workbook file through python-calamine
- file_write: a workbook file through openpyxl (VBA project and buttons kept)
"""
