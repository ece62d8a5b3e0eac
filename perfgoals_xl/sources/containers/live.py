"""A sheet open in Excel: its values and merged areas, as the Excel layer read them, as a Grid.

The live sheet is one more container (docs/containers.md): the Excel layer
(``perfgoals_xl/excel/live.py``) reads each sheet with xlwings in one bulk read — values from
A1 to the last used cell, and, where Excel can say, merged areas and number formats — and hands
plain Python values down; this module knows nothing of xlwings or of layouts. The grid's cells
are the sheet's own cells (rows[0][0] is A1), so every location a reader gives names the
person's cell (``Sheet1!D7``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.grid import Grid, formats_loader
from perfgoals_xl.sources.hidden_cells import without_hidden
from perfgoals_xl.sources.workbook_safety import MAX_SHEET_CELLS

#: Merged areas taken from one sheet, at most (a sheet holds a few hundred at most).
MAX_MERGED = 100_000

Cell = tuple[int, int]


@dataclass(frozen=True)
class LiveSheet:
    """One sheet as read from Excel: name, values from A1 (None or '' for blanks), merged
    areas (r1, c1, r2, c2 inclusive, 0-based), number formats of numeric cells, 0-based, and the rows
    and columns the sheet hides (left out of the grid, as on a workbook file: sources/hidden_cells)."""

    name: str
    values: Sequence[Sequence[Any]]
    merged: Sequence[tuple[int, int, int, int]] = ()
    number_formats: Mapping[Cell, str] = field(default_factory=dict)
    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()


def _cell(value: Any) -> Any:
    """A value as the workbook container gives it: '' for blank, whole floats kept as floats."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def sheet_grid(sheet: LiveSheet, *, book: str | None = None) -> Grid:
    """The grid of one live sheet; InputError when it is larger than a workbook may be."""
    rows = [[_cell(v) for v in row] for row in sheet.values]
    width = max((len(r) for r in rows), default=0)
    if len(rows) * width > MAX_SHEET_CELLS:
        raise InputError(book or sheet.name, f"工作表“{sheet.name}”有 {len(rows):,} 行 × {width:,} 列，"
                         f"超过上限 {MAX_SHEET_CELLS:,} 个单元格，无法读取", where=sheet.name)
    merged = list(sheet.merged[:MAX_MERGED])
    formats = dict(sheet.number_formats)
    loader = formats_loader(formats) if formats else None
    grid = Grid(sheet=sheet.name, rows=rows, merged=merged, facts_loader=loader)
    return without_hidden(grid, set(sheet.hidden_rows), set(sheet.hidden_cols))


def load_grids(sheets: Iterable[LiveSheet], *, book: str | None = None) -> list[Grid]:
    """Every live sheet as a grid, in the order given (the workbook's sheet order)."""
    return [sheet_grid(sheet, book=book) for sheet in sheets]
