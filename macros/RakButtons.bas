Attribute VB_Name = "RakButtons"
Option Explicit
' One Sub per button on the Petunjuk sheet. Each hands the work to Python
' (package rak_xl) through xlwings; nothing else happens in VBA.

Sub Validasi()
    RunPython "import rak_xl.buttons as b; b.validate()"
End Sub
