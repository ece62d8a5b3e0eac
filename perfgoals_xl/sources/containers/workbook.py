"""Workbooks (xlsx, xlsm, xls, ods): one grid per sheet, after the safety checks (sources/grid.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from perfgoals_xl.sources.grid import (
    Grid,
    calamine_errors,
    keep_sniffed_sheet,
    load_workbook_grids,
    open_calamine,
)
from perfgoals_xl.sources.hidden_cells import shown_sheets
from perfgoals_xl.sources.typed_formulas import with_typed_formulas

#: Sheets a sniff looks at, at most.
SNIFF_SHEETS = 20


def load_grids(path: str | Path) -> list[Grid]:
    """Every sheet of a workbook (workbook_safety checks first; calamine values, merged ranges) as it is
    shown: the rows and columns it hides left out (sources/hidden_cells), a cell whose published text
    became a failing formula (=8个 → #NAME?) read as typed (sources/typed_formulas)."""
    return shown_sheets(path, with_typed_formulas(path, load_workbook_grids(path)))



def head_grids(path: str | Path, rows: int) -> Iterator[Grid]:
    """The first ``rows`` rows (and merged ranges) of each of a workbook's first sheets, for a
    sniff; each sheet parsed is offered to the reader that follows (not parsed twice). Nothing
    when the file cannot be opened (its reader says why)."""
    from python_calamine import CalamineError

    from perfgoals_xl.errors import InputError
    from perfgoals_xl.sources.workbook_safety import workbook_format

    try:
        wb = open_calamine(Path(path), workbook_format(path))
    except (CalamineError, ValueError, OSError, InputError):
        return
    try:
        for name in wb.sheet_names[:SNIFF_SHEETS]:
            try:
                with calamine_errors():
                    ws = wb.get_sheet_by_name(name)
                    values = ws.to_python(skip_empty_area=False, nrows=rows)
                    merged = [(a[0], a[1], b[0], b[1]) for a, b in (ws.merged_cell_ranges or [])]
            except (CalamineError, ValueError):
                continue
            keep_sniffed_sheet(path, name, ws)  # the reader may take it (not parsed twice)
            yield Grid(sheet=name, rows=values, merged=merged)
    finally:
        wb.close()
