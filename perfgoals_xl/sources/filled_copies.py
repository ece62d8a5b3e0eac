"""A sheet whose merged cells were split and filled (WPS 拆分并填充内容, Excel's 取消合并 then a fill, to sort or
filter it): every cell of a merged range holds the range's text. Down a column that is what the layouts
already read (a project name or a level on every row of its indicators); across a row it is not: a
total row read as an indicator (总分 | 总分 | 总分 | 总分), a title with its unit (某单位 | 某单位 | 单位：万元)
read as one, a goal or a label spread over the value cells of a form read as two fields.

A run of two or more equal texts side by side in a row is put back as one merged range. That is safe for
tables printed with their merges as well — two equal texts side by side read the same as one text over
both cells in every layout (every corpus workbook read with such runs merged: nothing changed; the
check is kept with the closing note of #18) — so the step needs no guess whether a sheet was filled.
Numbers are left alone, typed or as text (a CSV, a web page): an amount equal to its neighbour (总计 =
财政拨款), a 分值 equal to its 得分 are two numbers.
"""

from __future__ import annotations

import dataclasses
import re
from itertools import pairwise

from perfgoals_xl.sources.grid import Grid

#: A number written as text (211.62, 1,200, 2, 95%): two of them side by side are two numbers.
_NUMBER = re.compile(r"\s*+[-+]?[\d,，]{0,20}\.?\d{1,20}\s*+%?\s*+")


def _copy(a: object, b: object) -> bool:
    """Whether two cells side by side hold the same text, one that is not a number."""
    return a.__class__ is str and a == b and bool(a.strip()) and _NUMBER.fullmatch(a) is None


def _range_corners(grid: Grid, rows: set[int]) -> set[tuple[int, int]]:
    """The top-left cells, on the given rows, of the grid's merged ranges. (Every container leaves a
    range's other cells blank, so a text of a run inside a range can only be its top-left one.)"""
    return {(r1, c1) for r1, c1, _r2, _c2 in grid.merged if r1 in rows}


def _runs(row: list[object]) -> list[tuple[int, int]]:
    """(first, last) columns of each run of two or more equal non-blank texts side by side."""
    runs: list[tuple[int, int]] = []
    start = 0
    for c, (a, b) in enumerate(pairwise(row), 1):
        if not _copy(a, b):
            if c - 1 > start:
                runs.append((start, c - 1))
            start = c
    if len(row) - 1 > start:
        runs.append((start, len(row) - 1))
    return runs


def _split_under(runs: list[tuple[int, int]], above: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs cut where a run of the row above starts inside them: two ranges of one text side by side
    under two headers of their own (中期目标 | 年度目标 over the same goal printed twice) stay two."""
    starts = {first for first, _ in above}
    out: list[tuple[int, int]] = []
    for first, last in runs:
        cuts = [c for c in range(first + 1, last + 1) if c in starts]
        for a, b in zip([first, *cuts], [*(c - 1 for c in cuts), last], strict=True):
            if b > a:
                out.append((a, b))
    return out


def as_merged_again(grid: Grid) -> Grid:
    """The grid with each run of equal texts side by side in a row merged again (its first cell keeps the
    text, the copies are blanked); the grid itself when it has none."""
    found: list[tuple[int, list[tuple[int, int]]]] = []
    above: list[tuple[int, int]] = []
    for r, row in enumerate(grid.rows):
        runs = _runs(row) if any(a.__class__ is str and a == b for a, b in pairwise(row)) else []  # (cheap first)
        if runs:
            found.append((r, _split_under(runs, above)))
        above = runs
    if not found:
        return grid
    corners = _range_corners(grid, {r for r, _ in found}) if grid.merged else set()
    rows = list(grid.rows)
    merged = list(grid.merged)
    for r, runs in found:
        row = list(rows[r])
        for first, last in runs:
            if corners and any((r, c) in corners for c in range(first, last + 1)):
                continue  # (a text beside a merged range's copy: that range is the sheet's own)
            row[first + 1:last + 1] = [None] * (last - first)
            merged.append((r, first, r, last))
        rows[r] = row
    return dataclasses.replace(grid, rows=rows, merged=merged)
