"""Delimited text (CSV, TSV, semicolon): one grid, decoded as UTF-8 (with or without BOM) or GBK/GB18030."""

from __future__ import annotations

import csv
from pathlib import Path

from perfgoals_xl.sources.grid import Grid


def load_grids(path: str | Path) -> list[Grid]:
    """The one grid of a delimited text file."""
    return [load_csv_grid(path)]


def load_csv_grid(path: str | Path) -> Grid:
    """A CSV file (UTF-8 with or without BOM, or GBK/GB18030; comma, tab or semicolon)."""
    import io

    from perfgoals_xl.csvcells import unguard
    from perfgoals_xl.sources.textfile import read_text

    text, _ = read_text(path)
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count)
    # The whole text goes to csv.reader (not split into lines first), so that a line break
    # inside a quoted cell stays in the cell; the injection guard our CSVs carry is removed.
    # A cell may be as long as the file (csv's own limit, 131,072 characters, would refuse it).
    if csv.field_size_limit() <= len(text):
        csv.field_size_limit(len(text) + 1)
    rows = [[unguard(cell) for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return Grid(sheet=None, rows=rows)
