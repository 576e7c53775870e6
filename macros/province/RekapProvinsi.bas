Attribute VB_Name = "RekapProvinsi"
Option Explicit
' Buttons of the sheet "Rekap Provinsi" (workbook Rekap_Provinsi.xlsm). Pilih Folder only
' writes the chosen folder into cell C5; Buat Rekap hands the work to Python (rak_xl). Where
' Python is missing, Buat Rekap says so instead of ending in xlwings' interpreter error (the
' check is macros/PythonCheck.bas, the satker workbook's own, added to this project by the builder).

Private Function PythonHere() As Boolean
    ' macros/PythonCheck.bas, in this workbook's project too; the message is this workbook's
    PythonHere = PythonFound("Python tidak ditemukan di komputer ini, jadi tombol Buat Rekap tidak dapat berjalan." & vbLf & vbLf & _
        "Pasang Python dan rak_xl, lalu jalankan py -m rak_xl setup-excel (Panduan untuk Staf, " & _
        "docs/panduan-staf.md, bagian 1). Rekap Provinsi tidak tersedia di xlwings Lite.")
End Function

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
    If Not PythonHere() Then Exit Sub
    RunPython "import rak_xl.buttons as b; b.province()"
End Sub
