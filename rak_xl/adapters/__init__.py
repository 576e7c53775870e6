"""Edges: move grids of values in, carry WritePlans out. No rules or sums here.

- excel_live: the open workbook through xlwings (buttons)
- file_read: a workbook file through python-calamine, after its checks: archive (the file's
  bytes and zip), workbook_parts (the package resolved once, as calamine resolves it), cell_census
  (where the cells are, and their budget), cell_scans (formula errors, formulas without a result,
  negative date serials)
- file_write: a workbook file through openpyxl (VBA project and buttons kept), after
  rewrite_checks (what openpyxl cannot load or would read otherwise, and the write path's budgets)
"""
