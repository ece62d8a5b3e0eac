"""Render the entry sheet of a template with validation marks set, as PDF, in LibreOffice.

Run with the system Python that has python3-uno (``/usr/bin/python3``)::

    /usr/bin/python3 tests/uno/render_marks.py BOOK.xlsm OUT.pdf CELL=MARK [CELL=MARK ...]

Opens the workbook hidden (no macros), writes each MARK into the very hidden sheet
pg_marks at CELL and the text "标记" into the same cell of 填报 (so the cell has
content to show), limits the print area of 填报 to A1:R12, hides every other
sheet from printing and exports PDF. What LibreOffice paints is then the work of
the template's conditional formats alone. Stops the soffice process it started.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.table import CellRangeAddress

ENTRY, MARKS = "填报", "pg_marks"


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main(path, out, marks):
    profile = tempfile.mkdtemp(prefix="pg-uno-profile-")
    pipe = "pg_uno_" + uuid.uuid4().hex
    proc = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        ctx = None
        deadline = time.time() + 90
        while ctx is None:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            except NoConnectException:
                if time.time() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.5)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
            (prop("Hidden", True), prop("MacroExecutionMode", 0)),
        )
        if doc is None:
            raise SystemExit("LibreOffice could not open " + path)
        entry, mark_sheet = doc.Sheets.getByName(ENTRY), doc.Sheets.getByName(MARKS)
        for item in marks:
            cell, mark = item.split("=", 1)
            mark_sheet.getCellRangeByName(cell).setString(mark)
            entry.getCellRangeByName(cell).setString("标记")
        doc.calculateAll()
        for n in range(doc.Sheets.Count):
            sheet = doc.Sheets.getByIndex(n)
            if sheet.Name != ENTRY:
                sheet.setPrintAreas(())
                sheet.IsVisible = False
        area = CellRangeAddress()
        area.Sheet, area.StartColumn, area.StartRow, area.EndColumn, area.EndRow = 0, 0, 0, 17, 11
        entry.setPrintAreas((area,))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)),
                       (prop("FilterName", "calc_pdf_Export"),))
        doc.close(True)
        with contextlib.suppress(Exception):  # the bridge drops while soffice exits
            desktop.terminate()
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        raise SystemExit("usage: render_marks.py BOOK.xlsm OUT.pdf CELL=MARK [CELL=MARK ...]")
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
