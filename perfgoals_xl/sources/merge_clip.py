"""Merged ranges clipped to the cells a sheet really has.

A merged range is only a promise about cells: one ``A1:XFD1048576`` in a 5 KB file
covers 17 billion cells, and every reader that fills merged cells or looks up a cell's
origin used to walk it (27 s before a refusal). A range is clipped to the sheet's real
extent — its rows and its widest row — before any reader sees it; a range that starts
outside the extent, or is a single cell once clipped, is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def clip_merged(merged: Iterable[tuple[int, int, int, int]], rows: Sequence[Sequence[Any]]) -> list[tuple[int, int, int, int]]:
    """The merged ranges (r1, c1, r2, c2 inclusive, 0-based) inside the grid of rows."""
    height = len(rows)
    width = max((len(row) for row in rows), default=0)
    clipped: list[tuple[int, int, int, int]] = []
    for r1, c1, r2, c2 in merged:
        r1, c1 = max(r1, 0), max(c1, 0)
        if r1 >= height or c1 >= width or r2 < r1 or c2 < c1:
            continue
        r2, c2 = min(r2, height - 1), min(c2, width - 1)
        if (r1, c1) != (r2, c2):
            clipped.append((r1, c1, r2, c2))
    return clipped
