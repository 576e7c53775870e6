Attribute VB_Name = "RakButtons"
Option Explicit
' One Sub per button on the Petunjuk sheet. Each hands the work to Python
' (package rak_xl) through xlwings; nothing else happens in VBA.
' The blue buttons beside them (column C) do the same through the xlwings Lite
' add-in, which needs no Python on the PC: where Python is missing, a press here
' says so instead of ending in xlwings' interpreter error.

Private Function PythonHere() As Boolean
    ' macros/PythonCheck.bas, in this workbook's project too; the message is this workbook's
    PythonHere = PythonFound("Python tidak ditemukan di komputer ini, jadi tombol di kolom Tombol tidak dapat berjalan." & vbLf & vbLf & _
        "Pakai tombol biru di kolom xlwings Lite (pasang add-in xlwings Lite, lihat lembar Petunjuk), " & _
        "atau pasang Python dan rak_xl (Panduan untuk Staf, docs/panduan-staf.md).")
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
