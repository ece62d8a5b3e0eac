"""The data-entry workbook (填报): layout as data, writer, and reading it back.

``write_entry_workbook(table, path)`` writes a filled workbook;
``read_entry_workbook(path)`` reads it (or a person's edit of it) back into an
equal model — the same long-format reader as any other one-row-per-indicator
table (``perfgoals_xl.sources.longform``). The pure functions ``entry_rows``,
``table_from_entry_rows`` and ``expand_pasted_strings`` serve the Excel add-in
(one bulk read or write of the sheet each). See docs/entry-sheet.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from perfgoals_xl.entry.layout import COLUMNS, HEADERS, SHEET, EntryColumn
from perfgoals_xl.entry.rows import (
    Formula,
    entry_rows,
    expand_pasted_strings,
    table_from_entry_rows,
)

if TYPE_CHECKING:
    from perfgoals_xl.model import PerfTable

__all__ = [
    "COLUMNS", "HEADERS", "SHEET", "EntryColumn", "Formula", "entry_rows", "expand_pasted_strings",
    "read_entry_workbook", "table_from_entry_rows", "write_entry_workbook",
]


def write_entry_workbook(table: PerfTable, path: str | Path, *, force: bool = False) -> Path:
    """Write a filled entry workbook (.xlsx), atomically; refuses to overwrite without force."""
    from perfgoals_xl.entry.writer import write_entry_workbook as write

    return write(table, path, force=force)


def read_entry_workbook(path: str | Path) -> PerfTable:
    """Read the 填报 sheet of an entry workbook (checked for corruption, passwords, zip bombs)."""
    from perfgoals_xl.sources.grid import load_workbook_grids
    from perfgoals_xl.sources.longform import read_grids

    grids = load_workbook_grids(path, sheet=SHEET)
    table = read_grids(grids, source=str(path), layout="entry", require_all=True, release_rows=True)
    if Path(path).suffix.lower() in {".xlsx", ".xlsm"}:
        from perfgoals_xl.assumed_notes import apply_assumed_notes
        from perfgoals_xl.entry.notes import read_xlsx_notes

        apply_assumed_notes(table, read_xlsx_notes(path, SHEET), sheet=SHEET, file=str(path))
    return table
