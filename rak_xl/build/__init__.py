"""Building workbook/RAK_2022.xlsm from the text sources in workbook/sources and macros/."""
