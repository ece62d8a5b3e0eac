"""Tables stacked on one grid: split a sheet where a second table's title band starts, or beside it.

People paste a published page into one sheet: 附件1 (an allocation table), then 附件2 and its
title (…绩效目标表), then the performance table — or two forms one under the other. Read as one
grid, the second table's title, header and 合计 rows fall into the first table's rows (a 合计 of
the allocation table read as the project's 资金总额). A title band inside the grid — rows with one
filled cell, among them a table title (``…表``) or an attachment mark (``附件2``), after a blank
row, holding the attachment mark, or followed by the header of the table above repeated (a second
table of the same columns under its own title), with a table body above and below — starts a new grid.

Two forms may also stand side by side on one sheet (a workbook laying its projects' forms across the
page, an empty column between them): read as one grid, the second form's indicators joined the first
project's and the second project was lost, without a word. A column empty in every row, no merged
range across it, with an indicator grid of its own on each side (a level or name header and a value
header in the first rows, and rows of content) parts them (:func:`split_side_by_side`).

Shared by every container (containers.load_grids); the pieces keep their place in the sheet
(cell addresses, number formats). Cheap on long sheets: only rows whose first cell is a short
text ending in 表 or starting with 附件 are looked at closely; a side-by-side split is looked for only
when the first rows print one indicator grid header (一级指标, 指标名称 …) in two columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from perfgoals_xl.sources.grid import Cell, CellFacts, Grid

#: A table title: short text ending in 表 (an annotation such as （2023年度） may follow), or 附件2.
_TITLE = re.compile(r"^[^\n]{2,60}?表(?:[(（][^()（）]{0,20}[)）])?$")
_ATTACHMENT = re.compile(r"^附\s?件\s?(?:\d{1,3}|[一二三四五六七八九十]{1,3})[：:]?$")
#: Rows above and below a band that must hold a table (two or more filled cells) for a split.
_BODY_ROWS = 2
#: A band is at most this many rows (title, 单位：万元, （2023年度）, blank rows).
_BAND_ROWS = 8
_ENDS = frozenset("表）)")


def _filled(row: list[Any]) -> int:
    """How many cells of a row hold something (stops counting at 2)."""
    n = 0
    for v in row:
        if v is not None and v != "" and not (isinstance(v, str) and not v.strip()):
            n += 1
            if n >= 2:
                break
    return n


def _marks(text: str) -> tuple[bool, bool]:
    """(is a table title, is an attachment mark) of a cell text."""
    text = re.sub(r"\s+", "", text)[:80]
    return bool(_TITLE.match(text)), bool(_ATTACHMENT.match(text))


def _candidate(row: list[Any], lead: int) -> bool:
    """Cheap first look: the first cell is a short text ending in 表 / ）/ ) or starting with 附."""
    v = row[lead] if len(row) > lead else None
    if v.__class__ is not str or not v or len(v) > 80:
        return False
    if v[0] == "附" or v[-1] in _ENDS:
        return True
    if v[0].isspace() or v[-1].isspace():
        v = v.strip()
        return bool(v) and (v[0] == "附" or v[-1] in _ENDS)
    return False


def first_used_column(rows: list[list[Any]]) -> int:
    """The sheet's first column holding anything (a table pasted at B3 leaves column A empty); 0
    for an empty grid. Stops at the first row whose first cell is filled."""
    lead: int | None = None
    for row in rows:
        for c, v in enumerate(row if lead is None else row[:lead]):
            if v is not None and v != "" and not (v.__class__ is str and not v.strip()):
                lead = c
                break
        if lead == 0:
            return 0
    return lead or 0


def band_starts(rows: list[list[Any]]) -> list[int]:
    """The rows where a stacked table's title band starts (empty: one table)."""
    starts: list[int] = []
    last = 0
    lead = first_used_column(rows)
    firsts = [row[lead] if len(row) > lead else None for row in rows]
    marked = [r for r, v in enumerate(firsts) if v.__class__ is str and v and (v[0] == "附" or v[-1] in _ENDS
                                                                               or v[-1].isspace())]
    if not marked:
        return starts
    filled = [_filled(row) for row in rows]
    bodies = [0]  # bodies[i]: rows above row i holding a table row (two or more filled cells)
    for n in filled:
        bodies.append(bodies[-1] + (n >= 2))
    for r in marked:
        row = rows[r]
        if r < last or not _candidate(row, lead) or filled[r] != 1:
            continue
        start = r  # the band: single-cell rows around r, blank rows before it
        while start > last and start - 1 >= 0 and filled[start - 1] <= 1 and r - start < _BAND_ROWS:
            start -= 1
        end = r
        while end + 1 < len(rows) and filled[end + 1] <= 1 and end - start < _BAND_ROWS:
            end += 1
        first = None  # the band's first title or attachment mark: the second table starts there
        for rr in range(start, end + 1):
            cells = [v for v in rows[rr] if isinstance(v, str) and v.strip()]
            if cells and any(_marks(cells[0])):
                first = rr
                break
        if first is None or _indicator_section(rows, first, last, start):
            continue
        blank_before = any(filled[rr] == 0 for rr in range(start, first))
        attachment = any(_marks(v)[1] for rr in range(first, end + 1)
                         for v in rows[rr][lead:lead + 1] if isinstance(v, str))
        # counted from the running sums: a sheet of 10^5 title-like rows is one pass, not one per row
        body_above = bodies[start] - bodies[last] >= _BODY_ROWS
        body_below = bodies[min(len(rows), end + 1 + _BODY_ROWS)] - bodies[end + 1] >= 1
        if (blank_before or attachment or _repeats_header(rows, last, start, end + 1)) and body_above and body_below:
            starts.append(first)
            last = end + 1
    return starts


#: Rows at the top of the table above a band looked at for the header the next table repeats.
_HEADER_ROWS = 40


#: A form's own indicator section heading (绩效指标表, 绩效项目指标表): not a table of its own.
_SECTION = re.compile(r"指标(?:明细)?表(?:[(（][^()（）]{0,20}[)）])?$")
#: Header words of an indicator grid (一级指标 / 三级指标, 指标名称, 指标值).
_GRID_WORDS = ("级指标", "指标名称", "指标值")


def _indicator_section(rows: list[list[Any]], first: int, last: int, start: int) -> bool:
    """Is the band's title the heading of a form's indicator section — …指标表 under a form whose
    part above prints no indicator grid yet (项目名称, 资金, 目标, then 绩效项目指标表 and its grid)?
    A form typed in Excel puts a blank row before it; it starts no new table."""
    cells = [v for v in rows[first] if isinstance(v, str) and v.strip()]
    if not cells or not _SECTION.search(re.sub(r"\s+", "", cells[0])[:80]):
        return False
    return not any(isinstance(v, str) and any(w in v for w in _GRID_WORDS)
                   for row in rows[last:start] for v in row)


def _texts(row: list[Any]) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", "", v) for v in row if isinstance(v, str) and v.strip())


def _repeats_header(rows: list[list[Any]], top: int, start: int, below: int) -> bool:
    """Does the row under a band (a title straight under the table above, no blank row) repeat a
    row of three or more texts from the top of that table (its header): a second table of the
    same columns under its own title?"""
    if below >= len(rows):
        return False
    texts = _texts(rows[below])
    if len(texts) < 3:
        return False
    return any(_texts(rows[r]) == texts for r in range(top, min(start, top + _HEADER_ROWS)))


def split_stacked_tables(grid: Grid) -> list[Grid]:
    """The grid cut where a stacked table's title band starts; the grid itself when there is none."""
    starts = band_starts(grid.rows)
    if not starts:
        return [grid]
    bounds = [0, *starts, len(grid.rows)]
    return [piece(grid, a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def piece(grid: Grid, a: int, b: int) -> Grid:
    """Rows a..b-1 of a grid, keeping every cell's place in the sheet (a merged range starting above
    row a is not the piece's)."""
    merged = [(r1 - a, c1, min(r2, b - 1) - a, c2) for r1, c1, r2, c2 in grid.merged if a <= r1 < b]
    locate = grid.locate
    if locate is not None:
        outer = locate

        def locate(r: int, c: int) -> tuple[str | None, str]:
            return outer(r + a, c)

    loader = grid.facts_loader
    if loader is not None and a:
        loader = _shifted(loader, a)
    indents = {(r - a, c): v for (r, c), v in (grid.cell_indents or {}).items() if a <= r < b}
    return Grid(sheet=grid.sheet, rows=grid.rows[a:b], merged=merged, facts_loader=loader,
                first_row=grid.first_row + (a if grid.locate is None else 0), first_col=grid.first_col,
                locate=locate, cell_indents=indents or None)


def _shifted(loader: Callable[[Iterable[Cell]], dict[Cell, CellFacts]],
             a: int, b: int = 0) -> Callable[[Iterable[Cell]], dict[Cell, CellFacts]]:
    """A facts loader for a piece starting at row a, column b of the grid it was cut from."""
    def load(cells: Iterable[Cell]) -> dict[Cell, CellFacts]:
        return {(r - a, c - b): f for (r, c), f in loader([(r + a, c + b) for r, c in cells]).items()}
    return load


#: Header words each of two forms side by side prints: a level or name column, and a value column.
_NAME_WORDS = ("级指标", "指标名称")
_VALUE_WORDS = ("指标值", "目标值")
#: The first rows looked at for a side's header words; rows after them looked at for its body.
_HEAD_ROWS = 60
_BODY_SEARCH = 200


def _has_word(text: Any, words: tuple[str, ...]) -> bool:
    return text.__class__ is str and len(text) <= 40 and any(w in text for w in words)


def _holds_grid(rows: list[list[Any]], a: int, b: int) -> bool:
    """Do columns a..b-1 print an indicator grid of their own: a level or name header and a value header
    in the first rows, and two rows or more with two filled cells?"""
    head = [row[a:b] for row in rows[:_HEAD_ROWS]]
    if not (any(_has_word(v, _NAME_WORDS) for row in head for v in row)
            and any(_has_word(v, _VALUE_WORDS) for row in head for v in row)):
        return False
    body = 0  # (a form's rows follow its header: looked for in the rows under the first ones only)
    for row in rows[:_HEAD_ROWS + _BODY_SEARCH]:
        body += _filled(row[a:b]) >= 2
        if body > _BODY_ROWS:
            return True
    return False


def side_by_side_gaps(grid: Grid) -> list[tuple[int, int]]:
    """(first, last + 1) column bounds of the tables standing side by side on a grid (empty: one table)."""
    rows = grid.rows
    # cheap gate: one name header (一级指标, 指标名称 …) printed in two columns of the first rows (each
    # grid's own header), else nothing to do — a single grid prints each of its headers once
    columns_of: dict[str, set[int]] = {}
    for row in rows[:_HEAD_ROWS]:
        for c, v in enumerate(row):
            if _has_word(v, _NAME_WORDS):
                columns_of.setdefault(re.sub(r"\s+", "", v), set()).add(c)
    if not any(len(columns) > 1 for columns in columns_of.values()):
        return []
    width = max((len(row) for row in rows), default=0)
    used = [False] * width
    for row in rows:
        for c, v in enumerate(row):
            if not used[c] and v is not None and v != "" and not (v.__class__ is str and not v.strip()):
                used[c] = True
    # a column a merged range spans across is never a gap (counted by a running sum: linear in merges + width)
    spans = [0] * (width + 1)
    for _, c1, _, c2 in grid.merged:
        if c1 + 1 <= min(c2, width - 1):
            spans[c1 + 1] += 1
            spans[min(c2, width - 1) + 1] -= 1
    crossed, running = [False] * width, 0
    for c in range(width):
        running += spans[c]
        crossed[c] = running > 0
    bounds: list[tuple[int, int]] = []
    start = next((c for c in range(width) if used[c]), 0)
    c = start
    while c < width:
        if used[c] or crossed[c]:
            c += 1
            continue
        gap_end = c
        while gap_end < width and not used[gap_end] and not crossed[gap_end]:
            gap_end += 1
        if gap_end >= width:
            break  # empty columns after the last table
        if _holds_grid(rows, start, c) and _holds_grid(rows, gap_end, width):
            bounds.append((start, c))
            start = gap_end
        c = gap_end
    if not bounds:
        return []
    return [*bounds, (start, width)]


def split_side_by_side(grid: Grid) -> list[Grid]:
    """The grid cut into the tables standing side by side on it; the grid itself when there is one."""
    gaps = side_by_side_gaps(grid)
    if not gaps:
        return [grid]
    return [column_piece(grid, a, b) for a, b in gaps]


def column_piece(grid: Grid, a: int, b: int) -> Grid:
    """Columns a..b-1 of a grid, keeping every cell's place in the sheet."""
    merged = [(r1, c1 - a, r2, min(c2, b - 1) - a) for r1, c1, r2, c2 in grid.merged if a <= c1 < b]
    locate = grid.locate
    if locate is not None:
        outer = locate

        def locate(r: int, c: int) -> tuple[str | None, str]:
            return outer(r, c + a)

    loader = grid.facts_loader
    if loader is not None and a:
        loader = _shifted(loader, 0, a)
    indents = {(r, c - a): v for (r, c), v in (grid.cell_indents or {}).items() if a <= c < b}
    return Grid(sheet=grid.sheet, rows=[row[a:b] for row in grid.rows], merged=merged, facts_loader=loader,
                first_row=grid.first_row, first_col=grid.first_col + (a if grid.locate is None else 0),
                locate=locate, cell_indents=indents or None, hidden=grid.hidden)
