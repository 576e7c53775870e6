"""Edges: move grids of values in, carry WritePlans out. No rules or sums here.

- excel_live: the open workbook through xlwings (buttons)
- file_read: a workbook file through python-calamine, after its checks: archive (the file's
  bytes and zip), workbook_parts (where each sheet lives), cell_census (where its cells are),
  cell_scans (formula errors, formulas without a result, negative date serials)
- file_write: a workbook file through openpyxl (VBA project and buttons kept), after
  rewrite_checks (what openpyxl cannot load)
"""
