"""The grids of a file as the tables pasted or saved into them, before any layout reads them: one step
for every reader of workbooks, CSV and web pages, and for the add-in reading the person's open workbook."""

from __future__ import annotations

from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.header_merges import as_the_sheet_shows
from perfgoals_xl.sources.page_chrome import without_page_chrome


def as_pasted_tables(grids: list[Grid]) -> list[Grid]:
    """Grids as the tables pasted into them: a table's two parts pasted into one sheet with their header
    merges lost read as one; a web page pasted whole loses its own lines (首页 > … above, 版权所有 under)."""
    return [without_page_chrome(as_the_sheet_shows(grid)) for grid in grids]
