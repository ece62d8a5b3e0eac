"""A document table as a grid with the lines written above it as its first rows (shared by the
web-page and Word containers).

A table in a page or a document is introduced by lines of text, not cells: its title
(项目支出绩效自评表), the year (（2024年度）), ``部门名称：…``, ``单位：万元``, a heading naming the
project. The containers keep the nearest of those lines (at most :data:`PREAMBLE_LINES`, since the
previous table) as one-cell rows at the top of the table's grid, as a sheet's title rows are, so
that every layout reads them the same way whatever the file. A cell keeps its place in the table
(``表格2!B3``); a line above it is ``表格2!表格上方第1行`` (:class:`TableLocate`). The lines written
under a table in its own block (经办人及联系电话：…, 上报时间：…, 注：…) are its last rows
(:func:`with_lines_below`, ``表格下方第1行``): the sign-offs of a form printed below its grid.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from perfgoals_xl.sources.grid import Grid, column_letter

__all__ = ["MAX_LINE_CHARS", "PREAMBLE_LINES", "TableLocate", "flush", "located_table", "with_lines_below"]

#: Lines of text kept above a table (title, year, 部门名称, 单位), and the longest line kept.
PREAMBLE_LINES = 6
MAX_LINE_CHARS = 500
_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def flush(piece: list[str], lines: list[str], limit: int = MAX_LINE_CHARS) -> None:
    """The text gathered so far as one line (whitespace collapsed, as a browser shows it), appended
    to lines unless blank; piece is emptied."""
    line = _SPACE.sub(" ", "".join(piece).replace("\xa0", " ")).strip()[:limit]
    piece.clear()
    if line:
        lines.append(line)


def located_table(name: str, preamble: list[str], rows: list[list[Any]],
                  merged: list[tuple[int, int, int, int]]) -> Grid:
    """A table's grid named `name`: the non-blank preamble lines first (one cell each, padded to the
    table's width), then the table's rows; `merged` ranges are given in the table's own rows."""
    head: list[list[Any]] = [[line[:MAX_LINE_CHARS]] for line in preamble if line]
    base = len(head)
    width = max(max((len(r) for r in rows), default=0), max((m[3] + 1 for m in merged), default=0))
    for row in head:
        row.extend([None] * (width - len(row)))
    shifted = [(r1 + base, c1, r2 + base, c2) for r1, c1, r2, c2 in merged] if base else merged
    return Grid(sheet=name, rows=[*head, *rows], merged=shifted, locate=TableLocate(name, base))


class TableLocate:
    """A cell's place in a document's table: ``表格2``, ``B3`` (its own row in the table); a line
    above it: ``表格上方第1行``. A small object (no cells), so that read locations may keep it."""

    __slots__ = ("base", "end", "name")

    def __init__(self, name: str, base: int, end: int | None = None) -> None:
        self.name, self.base, self.end = name, base, end

    def __call__(self, r: int, c: int) -> tuple[str, str]:
        """The (table name, cell name) of grid cell (r, c)."""
        if r < self.base:
            return self.name, f"表格上方第{r + 1}行"
        if self.end is not None and r >= self.end:
            return self.name, f"表格下方第{r - self.end + 1}行"
        return self.name, f"{column_letter(c)}{r - self.base + 1}"


def with_lines_below(grid: Grid, lines: list[str]) -> Grid:
    """The grid of a located table with the lines written under it (经办人：…, 上报时间：…, 注：…; at
    most :data:`PREAMBLE_LINES`) as one-cell rows at its bottom, as a sheet's rows under a table are;
    such a line's place is ``表格下方第1行``. The grid itself when there is no line."""
    lines = [line[:MAX_LINE_CHARS] for line in lines if line][:PREAMBLE_LINES]
    locate = grid.locate
    if not lines or not isinstance(locate, TableLocate) or locate.end is not None:
        return grid
    width = max((len(r) for r in grid.rows), default=1) or 1
    rows = [*grid.rows, *([line, *([None] * (width - 1))] for line in lines)]
    return replace(grid, rows=rows, locate=TableLocate(locate.name, locate.base, len(grid.rows)))
