"""Render the entry sheet of a template with validation marks set, as PDF, in LibreOffice.

Run with the system Python that has python3-uno (``/usr/bin/python3``)::

    /usr/bin/python3 tests/uno/render_marks.py BOOK.xlsm OUT.pdf CELL=MARK [CELL=MARK ...]

Opens the workbook hidden (no macros), writes each MARK into the very hidden sheet
pg_marks at CELL and the text "标记" into the same cell of 填报 (so the cell has
content to show), limits the print area of 填报 to A1:R12, hides every other
sheet from printing and exports PDF. What LibreOffice paints is then the work of
the template's conditional formats alone. Stops the soffice process it started.
"""

import os
import sys

import uno
from com.sun.star.table import CellRangeAddress
from office_session import load, office, prop, terminate

ENTRY, MARKS = "填报", "pg_marks"


def main(path, out, marks):
    with office() as (_ctx, desktop):
        doc = load(desktop, path, prop("MacroExecutionMode", 0))
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
        terminate(desktop)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        raise SystemExit("usage: render_marks.py BOOK.xlsm OUT.pdf CELL=MARK [CELL=MARK ...]")
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
