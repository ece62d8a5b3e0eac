"""Rows and columns a workbook hides: no part of the table a person sees, prints or publishes.

A system's export hides its own columns (a project's GUID or code beside its name, a 字典 column the
dropdowns draw on) and a template hides its instruction and example rows (``示例：培训人次 ≥500人次``).
Excel shows and prints neither; read, a hidden code column stood beside the names and a hidden
example row was one more indicator. The web-page container leaves out what a browser hides
(``containers/html_table.is_hidden``); this module does the same for a workbook's sheet.

python-calamine gives no row or column visibility: for an .xlsx the sheet's XML says it (scanned once
for this and for the text of failed formulas: sources/sheet_xml.py); for a legacy .xls, xlrd's
formatting records say it; for an .ods, content.xml's ``table:visibility`` (sources/ods_cells.py).
The grid keeps every cell's own address (``Sheet1!D7`` stays D7 with column C hidden), its merged
ranges narrowed to what is shown, a merged cell's text on the first shown cell of its range.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

from perfgoals_xl.sources.grid import Cell, CellFacts, Grid, column_letter
from perfgoals_xl.sources.sheet_xml import scan_part, xls_marks
from perfgoals_xl.sources.workbook_safety import workbook_format


def xlsx_hidden(path: str | Path, part: str) -> tuple[set[int], set[int]]:
    """The 0-based rows and columns hidden in the sheet stored in zip member ``part`` of an .xlsx."""
    with zipfile.ZipFile(path) as zf:
        found = scan_part(zf, part)
        return found.rows, found.cols


def xls_hidden(path: str | Path, sheets: list[str]) -> dict[str, tuple[set[int], set[int]]]:
    """The 0-based rows and columns hidden in these sheets of a legacy .xls, the file parsed once (none
    when it is too large to look: sheet_xml.xls_marks)."""
    return {name: (marks.rows, marks.cols) for name, marks in xls_marks(path, sheets).items()}


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def shown_sheets(path: str | Path, grids: list[Grid]) -> list[Grid]:
    """A workbook's sheet grids without the rows and columns each hides, looked up with one pass over the
    file; the grids themselves when nothing is hidden, or when it cannot be looked up (a file the zip or
    xlrd cannot open again: the read goes on as the values show)."""
    try:
        hidden = _hidden_of(Path(path), [grid.sheet or "" for grid in grids])
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - a lookup xlrd or the zip cannot make (xlrd's own errors, an assertion
        return grids  # on a WPS-written record …) leaves the grids as the values show: the read goes on
    return [without_hidden(grid, *hidden.get(grid.sheet or "", (set(), set()))) for grid in grids]


def as_shown(path: str | Path, grid: Grid) -> Grid:
    """One sheet's grid as :func:`shown_sheets` gives it."""
    return shown_sheets(path, [grid])[0]


def _hidden_of(path: Path, sheets: list[str]) -> dict[str, tuple[set[int], set[int]]]:
    """Sheet name → its hidden rows and columns (an .xlsx, .xls or .ods; none for other files)."""
    from perfgoals_xl.sources.xlsx_facts import sheet_part

    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04") and workbook_format(path) == "xlsx":  # (an .ods otherwise: below)
        with zipfile.ZipFile(path) as zf:
            parts = {name: sheet_part(zf, name) for name in sheets}
            return {name: (found.rows, found.cols) for name, part in parts.items() if part is not None
                    for found in (scan_part(zf, part),)}
    if head == _OLE_MAGIC:
        return xls_hidden(path, sheets)
    if head.startswith(b"PK\x03\x04"):  # an .ods (content.xml, parsed once for the grid and for this)
        from perfgoals_xl.sources.ods_cells import ods_sheets

        found = ods_sheets(path)
        return {name: (found[name].hidden_rows, found[name].hidden_cols) for name in sheets if name in found}
    return {}


def without_hidden(grid: Grid, rows: set[int], cols: set[int]) -> Grid:
    """The grid as the sheet shows it: hidden rows and columns left out, every cell keeping its address."""
    height = len(grid.rows)
    width = max((len(row) for row in grid.rows), default=0)
    rows, cols = {r for r in rows if r < height}, {c for c in cols if c < width}
    if not rows and not cols:
        return grid
    kept_rows = [r for r in range(height) if r not in rows]
    kept_cols = [c for c in range(width) if c not in cols]
    new_row = {r: i for i, r in enumerate(kept_rows)}
    new_col = {c: i for i, c in enumerate(kept_cols)}
    values = [[row[c] if c < len(row) else None for c in kept_cols] for row in (grid.rows[r] for r in kept_rows)]
    merged = []
    for r1, c1, r2, c2 in grid.merged:
        shown_rows = [new_row[r] for r in range(r1, r2 + 1) if r in new_row]
        shown_cols = [new_col[c] for c in range(c1, c2 + 1) if c in new_col]
        if not shown_rows or not shown_cols:
            continue  # wholly hidden
        top, left = shown_rows[0], shown_cols[0]
        if (r1, c1) != (kept_rows[top], kept_cols[left]) and c1 < len(grid.rows[r1]):
            values[top][left] = grid.rows[r1][c1]  # the merged cell's text, where it is still seen
        if len(shown_rows) > 1 or len(shown_cols) > 1:
            merged.append((top, left, shown_rows[-1], shown_cols[-1]))

    def origin(r: int, c: int) -> Cell:
        return (kept_rows[r] if r < len(kept_rows) else r + len(rows),
                kept_cols[c] if c < len(kept_cols) else c + len(cols))

    def locate(r: int, c: int) -> tuple[str | None, str]:
        r0, c0 = origin(r, c)
        if grid.locate is not None:
            return grid.locate(r0, c0)
        return grid.sheet, f"{column_letter(c0 + grid.first_col)}{r0 + grid.first_row + 1}"

    loader = None
    if grid.facts_loader is not None:
        source = grid.facts_loader

        def loader(cells: Iterable[Cell]) -> dict[Cell, CellFacts]:
            asked = {origin(r, c): (r, c) for r, c in cells}
            return {asked[cell]: facts for cell, facts in source(asked).items() if cell in asked}

    return Grid(sheet=grid.sheet, rows=values, merged=merged, facts_loader=loader, locate=locate, hidden=grid.hidden)
