"""The ground floor: the typed plan model, the workbook's layout, the rule catalog, findings,
errors and every word staff read. Imports nothing else of rak_xl."""
