Attribute VB_Name = "RakButtons"
Option Explicit
' One Sub per button on the Petunjuk sheet. Each hands the work to Python
' (package rak_xl) through xlwings; nothing else happens in VBA.

Sub Validasi()
    RunPython "import rak_xl.buttons as b; b.validate()"
End Sub

Sub RekapAnggaran()
    RunPython "import rak_xl.buttons as b; b.rollup()"
End Sub

Sub Konsolidasi()
    RunPython "import rak_xl.buttons as b; b.consolidate()"
End Sub

Sub Evaluasi()
    RunPython "import rak_xl.buttons as b; b.evaluate()"
End Sub

Sub SiapkanKiriman()
    RunPython "import rak_xl.buttons as b; b.submit()"
End Sub
