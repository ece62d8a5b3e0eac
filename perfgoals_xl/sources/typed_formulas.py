"""Cells whose published text a spreadsheet took for a formula: read as typed, not as a blank.

A web table prints a target with its operator in front — ``=8个``, ``=300天``, ``=100百分比``.
Opened in Excel, WPS or LibreOffice (a saved page opened and saved as .xlsx), or pasted into a
sheet, such a cell becomes a formula that fails (``#NAME?``): the sheet shows an error where the
table printed its target, and python-calamine gives the error as an empty cell — read, every such
indicator had no target (PG-S05 on a table that prints one). The sheet's XML keeps the formula's
text: a cell whose cached value is an error (``t="e"``) and whose formula holds a character
outside ASCII (a unit such as 个, 天, 百分比, ≥ — a computation has none) reads as ``=`` followed by
that text, as published. A real formula that fails (``=A1/B1`` → ``#DIV/0!``) stays empty.

Only .xlsx/.xlsm keep the text here (an .ods keeps it too: sources/ods_cells.py). A legacy .xls stores
the formula compiled: its cell reads as the error it shows (#NAME?), and the rules say the value was lost
in a file the table went through (a warning), not that the table left it out. The XML is scanned once
for this and for the rows and columns the sheet hides (sources/sheet_xml.py).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.sheet_xml import fill_blanks, scan_part, xls_marks
from perfgoals_xl.sources.workbook_safety import workbook_format


def typed_cells(zf: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    """(row, column), 0-based → the text typed into each failed formula cell of one sheet part."""
    return scan_part(zf, part).typed


def with_typed_formulas(path: str | Path, grids: list[Grid]) -> list[Grid]:
    """The grids of an .xlsx/.xlsm with each failed formula cell holding the text typed into it (see
    the module docstring), of a legacy .xls with the error it shows (#NAME?: the rules then say the value
    was lost, not that the table left it out); the grids as they are for other files, or when the lookup
    fails."""
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            head = fh.read(8)
        if head == _OLE_MAGIC:
            _xls_errors(p, grids)
        elif head.startswith(b"PK\x03\x04") and workbook_format(p) == "xlsx":
            _xlsx_typed(p, grids)
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - a lookup the zip or xlrd cannot make leaves the values as calamine read them
        return grids
    return grids


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _xls_errors(path: Path, grids: list[Grid]) -> None:
    """Blank cells of a legacy .xls that show a formula's error get that error's text (#NAME? …)."""
    marks = xls_marks(path, [grid.sheet or "" for grid in grids])
    for grid in grids:
        if grid.sheet in marks:
            fill_blanks(grid.rows, marks[grid.sheet].typed)


def _xlsx_typed(p: Path, grids: list[Grid]) -> None:
    """The typed texts of an .xlsx's failed formulas into its grids' blank cells."""
    from perfgoals_xl.sources.xlsx_facts import sheet_part

    with zipfile.ZipFile(p) as zf:
        for grid in grids:
            part = sheet_part(zf, grid.sheet or "")
            if part is None:
                continue
            fill_blanks(grid.rows, typed_cells(zf, part))
