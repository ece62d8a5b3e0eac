"""Workbooks (xlsx, xlsm, xls, ods): one grid per sheet, after the safety checks (sources/grid.py)."""

from __future__ import annotations

from pathlib import Path

from perfgoals_xl.sources.grid import Grid, load_workbook_grids


def load_grids(path: str | Path) -> list[Grid]:
    """Every sheet of a workbook (workbook_safety checks first; calamine values, merged ranges)."""
    return load_workbook_grids(path)
