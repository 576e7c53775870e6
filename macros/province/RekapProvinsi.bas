Attribute VB_Name = "RekapProvinsi"
Option Explicit
' Buttons of the sheet "Rekap Provinsi" (workbook Rekap_Provinsi.xlsm). Pilih Folder only
' writes the chosen folder into cell C5; Buat Rekap hands the work to Python (rak_xl).

Sub PilihFolder()
    Dim dialog As Object
    ' 4 = msoFileDialogFolderPicker (the number, so no reference to the Office library is needed)
    Set dialog = Application.FileDialog(4)
    dialog.Title = "Pilih folder berisi workbook RAK satker"
    dialog.AllowMultiSelect = False
    If dialog.Show = -1 Then
        ThisWorkbook.Worksheets("Rekap Provinsi").Range("C5").Value = dialog.SelectedItems(1)
    End If
End Sub

Sub BuatRekap()
    RunPython "import rak_xl.buttons as b; b.province()"
End Sub
