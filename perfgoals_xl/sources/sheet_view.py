"""A grid seen cell by cell: filled merged ranges, each cell's origin, texts and locations.

A thin view over :class:`~perfgoals_xl.sources.grid.Grid` shared by the layout readers that work
on key/value blocks and grids (the form reader's ``FormSheet``, the department reader): merged
ranges are filled with their top-left value (``longform_header.filled_rows``), every cell knows
its origin, and a location names the origin cell as a person sees it in the sheet (``表1!B4``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from perfgoals_xl.model import Location
from perfgoals_xl.sources.grid import Grid, cell_text, column_letter
from perfgoals_xl.sources.longform_header import filled_rows
from perfgoals_xl.sources.row_kinds import is_total_label

#: A run of the same text at the start of a row (总分 | 总分 | 总分 …) is a merged label unmerged and filled
#: when the text is a total label or a closing line this long (a remark: 结合自评情况，说明…).
_FILLED_LINE = 20


def refill_merges(grid: Grid) -> Grid:
    """A grid without merged ranges whose rows start with the same label over several cells — a merged
    label unmerged and filled, as people do to sort a sheet (总分 | 总分 | 总分 | 100, a closing remark
    over the level columns) — with that run merged again; the grid itself otherwise. Only total labels
    and long lines are taken so: two cells holding the same short text (满意度指标 | 满意度指标, 100% |
    100%) may well be two cells."""
    if grid.merged:
        return grid
    runs: list[tuple[int, int, int, int]] = []
    for r, row in enumerate(grid.rows):
        first = next((c for c, v in enumerate(row) if v is not None and v != ""), None)
        if first is None or not isinstance(row[first], str):
            continue
        text = row[first].strip()
        end = first
        while end + 1 < len(row) and isinstance(row[end + 1], str) and row[end + 1].strip() == text:
            end += 1
        if end > first and text and (len(text) > _FILLED_LINE or is_total_label(text)):
            runs.append((r, first, r, end))
    if not runs:
        return grid
    rows = [list(row) for row in grid.rows]
    for r, c1, _, c2 in runs:
        for c in range(c1 + 1, c2 + 1):
            rows[r][c] = None
    return Grid(sheet=grid.sheet, rows=rows, merged=runs, facts_loader=grid.facts_loader, first_row=grid.first_row,
                first_col=grid.first_col, locate=grid.locate, cell_indents=grid.cell_indents)


class SheetView:
    """Filled rows of a grid with cell texts, origins and locations."""

    def __init__(self, grid: Grid, file: str | None) -> None:
        grid = refill_merges(grid)
        self.grid = grid
        self.file = file
        self.rows, self.origins = filled_rows(grid)
        self.width = max((len(r) for r in self.rows), default=0)
        self.formats: dict[tuple[int, int], str] = {}
        self._formats_loaded = False  # load_number_formats has fetched every number cell's format
        self._texts: dict[tuple[int, int], str] = {}
        self._set: dict[tuple[int, int], str] = {}  # texts a reader set (set_text): kept over format reloads

    def raw(self, r: int, c: int) -> Any:
        """The value of a cell (merged ranges filled), None outside the grid."""
        if r < 0 or r >= len(self.rows):
            return None
        row = self.rows[r]
        return row[c] if 0 <= c < len(row) else None

    def text(self, r: int, c: int) -> str:
        """The stripped text of a cell as a person sees it ('' for blank)."""
        key = (r, c)
        if self._set and key in self._set:
            return self._set[key]
        found = self._texts.get(key)
        if found is None:
            found = self._texts[key] = cell_text(self.raw(r, c), self.formats.get(self.origin(r, c)))
        return found

    def origin(self, r: int, c: int) -> tuple[int, int]:
        """The top-left cell of the merged range holding (r, c), or the cell itself."""
        return self.origins.get((r, c), (r, c))

    def set_text(self, r: int, c: int, text: str) -> None:
        """Read the cell (r, c) — every cell filled from its merged range — as this text (the view
        only; the grid is not changed): a reader joining a label printed over two cells."""
        origin = self.origin(r, c)
        rr = origin[0]
        while rr < len(self.rows) and self.origin(rr, origin[1]) == origin:
            for cc in range(origin[1], len(self.rows[rr])):
                if self.origin(rr, cc) != origin:
                    break
                self._set[(rr, cc)] = text
            rr += 1

    def own(self, r: int, c: int) -> bool:
        """Is this cell the origin of its value (not filled from a merged range)?"""
        return (r, c) not in self.origins

    def loc(self, r: int, c: int) -> Location:
        """The location of a cell's origin (sheet + A1 address, the line for a CSV, or the grid's own names)."""
        r0, c0 = self.origin(r, c)
        if self.grid.locate is not None:
            sheet, cell = self.grid.locate(r0, c0)
            return Location(file=self.file, sheet=sheet, cell=cell)
        row = r0 + self.grid.first_row
        return Location(file=self.file, sheet=self.grid.sheet,
                        cell=f"{column_letter(c0 + self.grid.first_col)}{row + 1}",
                        line=None if self.grid.sheet else row + 1)

    def load_number_formats(self, cells: list[tuple[int, int]]) -> None:
        """Number formats of the numeric and date cells among these (a 0.95 typed with % reads 95%,
        a date formatted yyyy"年"m"月" reads 2021年7月). The first call fetches those of every such cell of
        the view at once — a sheet's XML is scanned once, not once per form of a sheet of stacked forms."""
        if self._formats_loaded or not any(isinstance(self.raw(r, c), (float, dt.date)) for r, c in cells):
            return
        self._formats_loaded = True
        wanted = {(r, c) for r, row in enumerate(self.rows) for c, v in enumerate(row)
                  if isinstance(v, (float, dt.date)) and self.own(r, c)}
        if wanted:
            facts = self.grid.facts(wanted)
            self.formats.update({cell: f.number_format for cell, f in facts.items()})
            self._texts.clear()


def own_texts(sheet: SheetView, r: int) -> list[tuple[int, str]]:
    """(column, text) of the cells of row r that are their own (not filled from a merged range)."""
    return [(c, sheet.text(r, c)) for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)]


def filled_copy(sheet: SheetView, above: int, r: int, c: int) -> bool:
    """Is (r, c) the copy of the cell above it, a merge split and filled down (WPS 拆分并填充内容:
    任务名称 over 任务名称)? Only cells of their own in the same column: a group's sub-header may repeat
    the group's word (指标值 over 计算符号 | 指标值 | 度量单位)."""
    return (sheet.origin(r, c) == (r, c) and sheet.origin(above, c) == (above, c)
            and bool(text := sheet.text(r, c)) and text == sheet.text(above, c))


def labels_over_values(sheet: SheetView, r: int, is_label: Callable[[str], bool],
                       is_value: Callable[[str], bool]) -> bool:
    """Is row r a row of labels only over a row of their values (项目名称 | 主管部门 over 某项目 | 某局)? Each
    layout says what a label and a value are; the texts looked at are the cells' own (no merge's copy)."""
    if r + 1 >= len(sheet.rows):
        return False
    texts = [t for c in range(len(sheet.rows[r])) if sheet.own(r, c) and (t := sheet.text(r, c))]
    if not texts or not all(is_label(t) for t in texts):
        return False
    below = [t for c in range(len(sheet.rows[r + 1])) if sheet.own(r + 1, c) and (t := sheet.text(r + 1, c))]
    return bool(below) and all(is_value(t) for t in below)
