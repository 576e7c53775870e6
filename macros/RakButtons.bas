Attribute VB_Name = "RakButtons"
Option Explicit
' One Sub per button on the Petunjuk sheet. Each hands the work to Python
' (package rak_xl) through xlwings; nothing else happens in VBA.
' The blue buttons beside them (column C) do the same through the xlwings Lite
' add-in, which needs no Python on the PC: where Python is missing, a press here
' says so instead of ending in xlwings' interpreter error.

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
    MsgBox "Python tidak ditemukan di komputer ini, jadi tombol di kolom Tombol tidak dapat berjalan." & vbLf & vbLf & _
        "Pakai tombol biru di kolom xlwings Lite (pasang add-in xlwings Lite, lihat lembar Petunjuk), " & _
        "atau pasang Python dan rak_xl (Panduan untuk Staf, docs/panduan-staf.md).", vbInformation, "RAK - KPU"
End Function

Sub Validasi()
    If Not PythonHere() Then Exit Sub
    RunPython "import rak_xl.buttons as b; b.validate()"
End Sub

Sub RekapAnggaran()
    If Not PythonHere() Then Exit Sub
    RunPython "import rak_xl.buttons as b; b.rollup()"
End Sub

Sub Konsolidasi()
    If Not PythonHere() Then Exit Sub
    RunPython "import rak_xl.buttons as b; b.consolidate()"
End Sub

Sub Evaluasi()
    If Not PythonHere() Then Exit Sub
    RunPython "import rak_xl.buttons as b; b.evaluate()"
End Sub

Sub SiapkanKiriman()
    If Not PythonHere() Then Exit Sub
    RunPython "import rak_xl.buttons as b; b.submit()"
End Sub

Sub BuatRAKTahunBerikutnya()
    If Not PythonHere() Then Exit Sub
    RunPython "import rak_xl.buttons as b; b.new_year()"
End Sub
