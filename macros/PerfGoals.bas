Attribute VB_Name = "PerfGoals"
' perfgoals-xl: the macros behind the buttons of the template
' (form buttons on the entry sheet and the ribbon tab in customUI14.xml).
'
' Each button is one RunPython line: all logic lives in Python,
' perfgoals_xl/excel/buttons.py, which gets this workbook through
' xlwings.Book.caller(). Keep this file ASCII-only: every user-facing
' (Chinese) text lives in Python, in cells or in the ribbon XML.
' The template builder (perfgoals template) and its tests read this file.
Option Explicit

' ---------------------------------------------------------------- buttons

Public Sub PG_Validate()
    RunPython "import perfgoals_xl.excel.buttons as b; b.validate()"
End Sub

Public Sub PG_Report()
    RunPython "import perfgoals_xl.excel.buttons as b; b.report()"
End Sub

Public Sub PG_Forms()
    RunPython "import perfgoals_xl.excel.buttons as b; b.forms()"
End Sub

Public Sub PG_Expand()
    RunPython "import perfgoals_xl.excel.buttons as b; b.expand_indicators()"
End Sub

Public Sub PG_Import()
    RunPython "import perfgoals_xl.excel.buttons as b; b.import_table()"
End Sub

Public Sub PG_ClearMarks()
    RunPython "import perfgoals_xl.excel.buttons as b; b.clear_marks()"
End Sub

Public Sub PG_Rules()
    RunPython "import perfgoals_xl.excel.buttons as b; b.show_rules()"
End Sub

Public Sub PG_Guide()
    RunPython "import perfgoals_xl.excel.buttons as b; b.show_guide()"
End Sub

Public Sub PG_Score()
    RunPython "import perfgoals_xl.excel.buttons as b; b.score()"
End Sub

' ------------------------------------------- ribbon callbacks (onAction)
' Each calls the button macro of the same name, so that the ribbon and the
' form buttons run exactly the same Python call.

Public Sub PG_Validate_Ribbon(control As IRibbonControl)
    PG_Validate
End Sub

Public Sub PG_Report_Ribbon(control As IRibbonControl)
    PG_Report
End Sub

Public Sub PG_Forms_Ribbon(control As IRibbonControl)
    PG_Forms
End Sub

Public Sub PG_Expand_Ribbon(control As IRibbonControl)
    PG_Expand
End Sub

Public Sub PG_Import_Ribbon(control As IRibbonControl)
    PG_Import
End Sub

Public Sub PG_ClearMarks_Ribbon(control As IRibbonControl)
    PG_ClearMarks
End Sub

Public Sub PG_Rules_Ribbon(control As IRibbonControl)
    PG_Rules
End Sub

Public Sub PG_Guide_Ribbon(control As IRibbonControl)
    PG_Guide
End Sub

Public Sub PG_Score_Ribbon(control As IRibbonControl)
    PG_Score
End Sub

' ----------------------------------------- review round (compare versions)
' The button and its ribbon callback in one block of their own.

Public Sub PG_Compare()
    RunPython "import perfgoals_xl.excel.buttons as b; b.compare_previous()"
End Sub

Public Sub PG_Compare_Ribbon(control As IRibbonControl)
    PG_Compare
End Sub

' ----------------------------------------- indicator suggestions (issue #23)
' The button and its ribbon callback in one block of their own.

Public Sub PG_Suggest()
    RunPython "import perfgoals_xl.excel.buttons as b; b.suggest_indicators()"
End Sub

Public Sub PG_Suggest_Ribbon(control As IRibbonControl)
    PG_Suggest
End Sub

' ------------------------------------------------- function descriptions
' Called by Workbook_Open: gives the worksheet functions (PG_PARSE ...)
' their descriptions in the Insert Function dialog. The texts are Chinese,
' so they live in cells of the very hidden sheet pg_udfs (name, description,
' category, argument descriptions separated by "|"), written by the template
' builder from the Python docstrings. Failures are ignored: descriptions are
' a convenience, the functions work without them.

Public Sub PG_RegisterFunctions()
    Dim sht As Object, r As Long, wasSaved As Boolean
    wasSaved = ThisWorkbook.Saved
    On Error GoTo Done
    Set sht = ThisWorkbook.Worksheets("pg_udfs")
    r = 2
    Do While sht.Cells(r, 1).Value <> ""
        Application.MacroOptions Macro:="'" & ThisWorkbook.Name & "'!" & sht.Cells(r, 1).Value, _
            Description:=sht.Cells(r, 2).Value, Category:=sht.Cells(r, 3).Value, _
            ArgumentDescriptions:=Split(sht.Cells(r, 4).Value, "|")
        r = r + 1
    Loop
Done:
    ThisWorkbook.Saved = wasSaved
End Sub
