Attribute VB_Name = "PythonCheck"
Option Explicit
Option Private Module
' Whether a Python button can start Python on this PC. The builder adds this one module to the VBA
' project of each workbook (RAK and Rekap Provinsi): a workbook's project cannot call another's, and
' one source keeps the two checks the same. Each button module passes, in its own words, what to say
' when Python is missing.

Public Function PythonFound(missing As String) As Boolean
    ' Only when no interpreter is configured (xlwings then runs "python" from PATH);
    ' a configured one is left to xlwings. The Microsoft Store alias does not count.
    Dim folder As Variant, entry As String
    PythonFound = True
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
    PythonFound = False
    MsgBox missing, vbInformation, "RAK - KPU"
End Function
