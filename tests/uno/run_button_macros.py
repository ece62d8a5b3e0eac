"""Run the template's button macros in LibreOffice with RunPython swapped for a recorder.

Run with the system Python that has python3-uno (``/usr/bin/python3``)::

    /usr/bin/python3 tests/uno/run_button_macros.py BOOK.xlsm MACRO [MACRO ...]

Starts its own headless soffice (fresh profile in a temp dir, VBA import ``Load``
and ``Executable`` switched on), opens the workbook hidden with macros allowed,
and prints JSON::

    {"modules": [...],                      # Basic modules of the VBAProject library
     "buttons": {caption: script URL},      # form buttons of sheet 填报 and their macros
     "calls": {macro: [python commands]},   # what each macro passed to RunPython
     "ribbon_calls": {macro: [...]},        # same for MACRO + "_Ribbon" (control = Nothing)
     "button_calls": {caption: [...]}}      # invoking each form button's bound script

The xlwings module (which LibreOffice cannot compile: it declares the xlwings DLL)
is replaced in the document's Basic library by a recorder module with the same
``RunPython`` signature; everything else is the workbook's own VBA, as imported.
Then stops the soffice process it started (by its pid).
"""

import json
import sys

from office_session import load, office, prop, terminate

LIBRARY = "VBAProject"
RECORDER = """Option VBASupport 1
Public PGRecorded As String

Public Function RunPython(PythonCommand As String)
    PGRecorded = PGRecorded & PythonCommand & Chr(10)
End Function

Public Function PG_TakeRecorded() As String
    PG_TakeRecorded = PGRecorded
    PGRecorded = ""
End Function
"""
# Ribbon callbacks take an IRibbonControl; Excel passes one, here a caller passes Nothing
# (the callbacks never use it). Errors are recorded instead of raising a dialog.
RIBBON_CALLER = """Option VBASupport 1

Public Sub PG_CallRibbon_{macro}()
    On Error GoTo Failed
    {macro}_Ribbon Nothing
    Exit Sub
Failed:
    RunPython "ERROR " & Err.Description
End Sub
"""
ALWAYS_EXECUTE_NO_WARN = 4
XLSM_FILTER = "Calc MS Excel 2007 VBA XML"


def find_library(libs):
    """The Basic library the VBA project was imported into (named after the project: VBAProject for
    the template, PerfGoalsAddin for the add-in): the one holding the PerfGoals module."""
    global LIBRARY
    for name in libs.getElementNames():
        libs.loadLibrary(name)
        if libs.getByName(name).hasByName("PerfGoals"):
            LIBRARY = name
            return libs.getByName(name)
    raise SystemExit("no Basic library holds the PerfGoals module")


def script_url(module, macro):
    return f"vnd.sun.star.script:{LIBRARY}.{module}.{macro}?language=Basic&location=document"


def run(doc, url, args=()):
    """Invoke one macro, then return (and reset) what it passed to RunPython."""
    provider = doc.getScriptProvider()
    provider.getScript(url).invoke(args, (), ())
    taken = provider.getScript(script_url("xlwings", "PG_TakeRecorded")).invoke((), (), ())[0]
    return [line for line in taken.split("\n") if line]


def form_buttons(doc, sheet_name):
    if not doc.Sheets.hasByName(sheet_name):
        return {}  # the add-in has no entry sheet: the ribbon is its only place for buttons
    sheet = doc.Sheets.getByName(sheet_name)
    buttons = {}
    forms = sheet.DrawPage.Forms
    for i in range(forms.Count):
        form = forms.getByIndex(i)
        for j in range(form.Count):
            control = form.getByIndex(j)
            events = [e.ScriptCode for e in form.getScriptEvents(j)
                      if e.EventMethod == "actionPerformed"]
            buttons[control.Label] = events[0] if events else None
    return buttons


def main(path, macros):
    with office(vba_import=True) as (_ctx, desktop):
        # LibreOffice's type detection does not know an .xlam: its macro-workbook filter reads it
        named = (prop("FilterName", XLSM_FILTER),) if path.lower().endswith(".xlam") else ()
        doc = load(desktop, path, prop("MacroExecutionMode", ALWAYS_EXECUTE_NO_WARN), *named)
        lib = find_library(doc.BasicLibraries)
        result = {"library": LIBRARY, "modules": sorted(lib.getElementNames())}
        lib.replaceByName("xlwings", RECORDER)
        result["buttons"] = form_buttons(doc, "填报")
        result["calls"] = {m: run(doc, script_url("PerfGoals", m)) for m in macros}
        lib.insertByName("PGRibbonCaller", "\n".join(
            RIBBON_CALLER.format(macro=m).split("\n", 1)[1] if i else RIBBON_CALLER.format(macro=m)
            for i, m in enumerate(macros)))
        result["ribbon_calls"] = {
            m: run(doc, script_url("PGRibbonCaller", f"PG_CallRibbon_{m}")) for m in macros
        }
        result["button_calls"] = {
            label: run(doc, code) for label, code in result["buttons"].items() if code
        }
        doc.close(True)
        print(json.dumps(result, ensure_ascii=False))
        terminate(desktop)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit("usage: run_button_macros.py BOOK.xlsm MACRO [MACRO ...]")
    main(sys.argv[1], sys.argv[2:])
