Attribute VB_Name = "RekapProvinsi"
Option Explicit
' Buttons of the sheet "Rekap Provinsi" (workbook Rekap_Provinsi.xlsm). Pilih Folder only
' writes the chosen folder into cell C5; Buat Rekap hands the work to Python (rak_xl). Where
' Python is missing, Buat Rekap says so instead of ending in xlwings' interpreter error (the
' same check as macros/RakButtons.bas: each workbook's VBA project stands alone).

Private Function PythonHere() As Boolean
    ' Only when no interpreter is configured (xlwings then runs "python" from PATH);
    ' a configured one is left to xlwings. The Microsoft Store alias does not count.
    Dim folder As Variant, entry As String
    PythonHere = True
    If InStr(1, Application.OperatingSystem, "Windows", vbTextCompare) = 0 Then Exit Function
    If GetConfig("INTERPRETER_WIN", "") <> "" Or GetConfig("INTERPRETER", "") <> "" _
        Or GetConfig("CONDA PATH", "") <> "" Then Exit Function
    On Error Resume Next
    For Each folder In Split(Environ("PATH"), ";")
        entry = Replace(Trim(folder), """", "")
        If Right(entry, 1) = "\" Then entry = Left(entry, Len(entry) - 1)
        If Len(entry) > 0 And InStr(1, entry, "WindowsApps", vbTextCompare) = 0 Then
            If Len(Dir(entry & "\python.exe")) > 0 Then Exit Function
        End If
    Next folder
    On Error GoTo 0
    PythonHere = False
    MsgBox "Python tidak ditemukan di komputer ini, jadi tombol Buat Rekap tidak dapat berjalan." & vbLf & vbLf & _
        "Pasang Python dan rak_xl, lalu jalankan py -m rak_xl setup-excel (Panduan untuk Staf, " & _
        "docs/panduan-staf.md, bagian 1). Rekap Provinsi tidak tersedia di xlwings Lite.", vbInformation, "RAK - KPU"
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
