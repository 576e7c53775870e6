"""What rak_xl writes: output sheets and highlight blocks, as plain data.

Jobs compute a WritePlan completely before any adapter touches a workbook;
adapters (rak_xl/adapters) only carry it out.
"""
