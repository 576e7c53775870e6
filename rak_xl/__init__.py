"""rak_xl: validate, roll up and consolidate the RAK workbook of a KPU satker.

Pipeline: workbook grids -> parse (typed model with cell positions) -> rules ->
findings -> output sheets -> an adapter writes them (xlwings live, or a file).
"""

__version__ = "0.1.0"
