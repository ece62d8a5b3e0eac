"""One table split into two by a page break, joined again (Word files and the pages saved from them).

A Word original often holds a long table as two tables: the rows after a page break start a table of
their own, the header printed again or not, a merged level cell cut in two (its text above, an empty
cell below). A document container gives each table its grid (``表格1``, ``表格2``), and alone the second
is no table of any layout — its indicator rows would be lost. PDF pages are joined by the PDF
container itself (containers/pdf.py, by their column lines); this does the same for the grids of a
table-per-grid container (Word, HTML, MHT), by what the grids hold:

- the next grid is as wide as the one before, and nothing but page marks (``— 1 —``, ``第2页``,
  ``续表``) stands above it;
- the grid before is a table of some layout, not closed by a 合计 / 总分 row or a footer;
- the next grid, once the header rows it repeats from the one before are dropped, is no table of
  any layout by itself, and its first row fills only columns the grid before fills.

The joined grid keeps each cell's place in its own table (``表格2``, ``B3``). A form's key/value block
and its indicator grid printed as two tables are joined the same way, once each grid's layout is known
(:func:`join_form_heads`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Any

from perfgoals_xl.cellref import column_letter
from perfgoals_xl.sources.grid import Cell, CellFacts, Grid, cell_text
from perfgoals_xl.sources.level_join import belongs_elsewhere
from perfgoals_xl.sources.vocabulary import (
    department_label_of,
    field_of,
    form_label_of,
    is_footer_label,
    is_page_mark,
    is_total_word,
)

#: Rows of the grid before looked at for the header the next grid repeats (a 自评表's indicator header
#: stands under its budget and goal blocks), and for its body's columns.
_HEAD_ROWS = 40
_BODY_ROWS = 10
#: First rows of the next grid that must fit the columns of the one before.
_FIRST_ROWS = 3


def join_split_tables(grids: list[Grid]) -> list[Grid]:
    """The grids with each table that a page break split in two joined again (see the module doc)."""
    from perfgoals_xl.sources.detect import detect

    runs: list[list[tuple[Grid, int]]] = []  # each table: its parts, and the first row each part adds
    for grid in grids:
        run = runs[-1] if runs else None
        if run is not None and run[0][1] == 0 and (skip := _going_on(run[0][0], run[-1][0], grid, detect)) is not None:
            run.append((grid, skip))
            continue
        found = detect(grid)
        if run is not None and len(run) == 1 and run[0][1] == -1 and found is None and _together(run[0][0], grid, detect):
            runs[-1] = [(run[0][0], 0), (grid, 0)]  # two parts no layout claims, one table together
        else:
            runs.append([(grid, 0 if found is not None else -1)])  # -1: no layout, nothing goes on from it
    return [run[0][0] if len(run) == 1 else _joined(run) for run in runs]


def _together(before: Grid, grid: Grid, detect: Any) -> bool:
    """Are two grids that no layout claims (the caller has asked) one table split in two — the page broke right under its
    header, or a row or two after it (too few rows for either part to tell a layout): as wide, the
    next starting with a row of the table (no title or line of its own), and together a table of
    some layout?"""
    if not before.rows or not grid.rows or len(before.rows[-1]) != len(grid.rows[0]):
        return False
    first = next((row for row in grid.rows if _filled(row)), [])
    if len(_filled(first)) < 2:
        return False
    return detect(_joined([(before, 0), (grid, 0)])) is not None


def _header_row(texts: list[str]) -> bool:
    """Is a row a long table's header (three or more of its texts name columns: 项目名称 | 总计 | …)?"""
    return sum(field_of(t) is not None for t in texts if len(t) <= 40) >= 3


def _texts(row: list[Any]) -> tuple[str, ...]:
    return tuple(cell_text(v) for v in row)


def _filled(row: list[Any]) -> set[int]:
    return {c for c, v in enumerate(row) if cell_text(v)}


def _going_on(top: Grid, before: Grid, grid: Grid, detect: Any) -> int | None:
    """The first row of ``grid`` that goes on with ``before`` (the last part of the table ``top``
    starts; page marks and the repeated header dropped), or None when ``grid`` is a table of its own."""
    if not before.rows or not grid.rows or len(before.rows[-1]) != len(grid.rows[0]):
        return None
    last = [cell_text(v) for v in before.rows[-1] if cell_text(v)]
    above = [cell_text(v) for v in before.rows[-2] if cell_text(v)] if len(before.rows) > 1 else []
    opening_total = bool(last) and is_total_word(last[0]) and _header_row(above)  # (合计 right under the header: its first row)
    if not last or (is_total_word(last[0]) and not opening_total) or any(is_footer_label(t) for t in last):
        return None  # the table before is closed (合计, 总分, 填报人 …)
    if form_label_of(last[0])[0] is not None and not _header_row(last) and not opening_total:
        return None  # a form's block line (绩效目标 | …) before it: that form's own grid, no page going on
        # (a long table's header — 项目名称 | 总计 | 财政拨款 … — is no block line: its rows go on)
    start = 0
    while start < len(grid.rows) and _filled(grid.rows[start]) <= {0}:
        text = cell_text(grid.rows[start][0])
        if text and not is_page_mark(text):
            return None  # a title or a line of its own above it (a one-cell line): another table
        start += 1
    head = {_texts(row) for row in top.rows[:_HEAD_ROWS]}
    while start < len(grid.rows) and _texts(grid.rows[start]) in head:
        start += 1  # the header printed again on the new page
    if start >= len(grid.rows):
        return None
    first = [_filled(row) for row in grid.rows[start:start + _FIRST_ROWS]]
    body = set().union(*(_filled(row) for row in before.rows[-_BODY_ROWS:]))
    if not any(len(cols) >= 2 for cols in first) or not set().union(*first) <= body:
        return None  # its first rows fill columns the table before leaves empty: another table
    rest = Grid(sheet=grid.sheet, rows=grid.rows[start:],
                merged=[(r1 - start, c1, r2 - start, c2) for r1, c1, r2, c2 in grid.merged if r1 >= start])
    return start if detect(rest) is None else None


class JoinedLocate:
    """A joined grid's cell → its place in the table part it came from (``表格2``, ``B3``)."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[tuple[int, Grid, int]]) -> None:
        self.parts = parts  # (first row in the joined grid, the part, its first row kept)

    def __call__(self, r: int, c: int) -> tuple[str | None, str]:
        """The (table name, cell name) of joined-grid cell (r, c)."""
        start, grid, skip = next(part for part in reversed(self.parts) if part[0] <= r)
        row = r - start + skip
        if grid.locate is not None:
            return grid.locate(row, c)
        return grid.sheet, f"{column_letter(c + grid.first_col)}{row + grid.first_row + 1}"


def _under_another_level(label: str, grid: Grid, first: int, last: int, c: int) -> bool:
    """Are the 二级指标 that rows first..last of the next part print in column c all another 一级指标's than
    ``label`` in the framework, one at least (慈溪: a level-1 left blank over its 社会效益 rows, starting the
    next page)? Then the blank cell is the table's own, not the rest of the level cell the break cut."""
    texts = [text for r in range(first, min(last, len(grid.rows) - 1) + 1)
             if c < len(grid.rows[r]) and (text := cell_text(grid.rows[r][c]))]
    return bool(texts) and all(belongs_elsewhere(label, text) for text in texts)


def _joined(run: list[tuple[Grid, int]]) -> Grid:
    """The parts of one table one grid: each part's rows from its first kept row on, under the part
    before; a merged cell the page break cut (its empty part at the top of the next) one cell again."""
    rows: list[list[Any]] = []
    merged: list[tuple[int, int, int, int]] = []
    parts: list[tuple[int, Grid, int]] = []
    ending: list[int] = []  # the merged ranges reaching the last row so far (each looked at once a part)
    for grid, skip in run:
        n = len(rows)
        below = {(c1, c2): r2 - skip + n for r1, c1, r2, c2 in grid.merged if r1 == skip}
        carried: set[tuple[int, int]] = set()
        for k in ending:
            r1, c1, r2, c2 = merged[k]
            if r1 < r2 and not cell_text(grid.rows[skip][c1]) and not _under_another_level(
                    cell_text(rows[r1][c1]), grid, skip, below.get((c1, c2), n) - n + skip, c2 + 1):
                merged[k] = (r1, c1, below.get((c1, c2), n), c2)
                carried.add((c1, c2))
        end = n + len(grid.rows) - skip - 1
        ending = [k for k in ending if merged[k][2] == end]
        for r1, c1, r2, c2 in grid.merged:
            if r1 > skip or (r1 == skip and (c1, c2) not in carried):
                if r2 - skip + n == end:
                    ending.append(len(merged))
                merged.append((r1 - skip + n, c1, r2 - skip + n, c2))
        parts.append((n, grid, skip))
        rows.extend(grid.rows[skip:])
    first = run[0][0]
    return Grid(sheet=first.sheet, rows=rows, merged=merged, locate=JoinedLocate(parts),
                facts_loader=_joined_facts(parts))


def _joined_facts(parts: list[tuple[int, Grid, int]]) -> Callable[[Iterable[Cell]], dict[Cell, CellFacts]] | None:
    """A joined grid's number formats: each cell's from the part it came from (a 100% typed as 1 with its
    % format, in a table pasted or printed over two pages); None when no part has formats (PDF, HTML)."""
    if not any(grid.facts_loader is not None for _, grid, _ in parts):
        return None
    starts = [start for start, _, _ in parts]

    def load(cells: Iterable[Cell]) -> dict[Cell, CellFacts]:
        wanted: dict[int, list[tuple[Cell, Cell]]] = {}
        for r, c in cells:
            k = bisect.bisect_right(starts, r) - 1
            start, grid, skip = parts[max(k, 0)]
            if grid.facts_loader is not None:
                wanted.setdefault(max(k, 0), []).append(((r, c), (r - start + skip, c)))
        out: dict[Cell, CellFacts] = {}
        for k, pairs in wanted.items():
            facts = parts[k][1].facts([own for _, own in pairs])
            out.update({joined: facts[own] for joined, own in pairs if own in facts})
        return out
    return load


#: Cuts looked at in one grid (a blank row, then the header again or a page mark), at most.
_MAX_PASTED_CUTS = 50


def rejoin_pasted_parts(grid: Grid) -> Grid:
    """A table that a page break split in two, both parts pasted into one sheet (a Word file, or a PDF
    turned into one, copied into Excel): a blank row, then the header printed again or a page mark
    (续表, 第2页), then rows going on with the table above — joined again as :func:`join_split_tables`
    joins two tables of a document: the blank row and the repeated header dropped, a merged level cell
    that the break cut (its text above, a blank merged cell below) one cell again. The grid as it is
    when no part goes on with the table above it."""
    from perfgoals_xl.sources.detect import detect
    from perfgoals_xl.sources.grid_split import piece

    cuts = _pasted_cuts(grid.rows, _blank_merge_tops(grid))
    if not cuts:
        return grid
    parts: list[list[int]] = [[0, cuts[0][0], 0]]  # each part: first row, end, first row it adds
    for k, (_, resume) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else len(grid.rows)
        first, last = parts[0], parts[-1]
        top = piece(grid, first[0], first[1])
        if len(parts) == 1 and detect(top) is None:
            return grid  # (the table above is no table of any layout: nothing goes on with it)
        skip = _going_on(top, piece(grid, last[0], last[1]), piece(grid, resume, end), detect)
        if skip is None:
            last[1] = end  # a table of its own under it, or no part of this one: kept as printed
            continue
        parts.append([resume, end, skip])
    if len(parts) == 1:
        return grid
    return _joined([(piece(grid, a, b), skip) for a, b, skip in parts])


def _blank_merge_tops(grid: Grid) -> frozenset[int]:
    """The rows where a merged range over two rows or more starts blank (a level cell the page break cut:
    its text above the break, its lower part blank on the next page)."""
    return frozenset(r1 for r1, c1, r2, _ in grid.merged
                     if r2 > r1 and r1 < len(grid.rows) and not cell_text(grid.rows[r1][c1] if c1 < len(grid.rows[r1]) else None))


def _blank(row: list[Any]) -> bool:
    """A row with nothing in it (decided at its first filled cell: cheap on a long sheet)."""
    for v in row:
        if v is not None and v != "" and not (v.__class__ is str and not v.strip()):
            return False
    return True


def _page_mark_row(row: list[Any]) -> bool:
    """A row holding only a page mark (续表, — 2 —, 第2页) in its first cell."""
    return bool(row) and _filled(row) <= {0} and is_page_mark(cell_text(row[0]))


def _pasted_cuts(rows: list[list[Any]], cut_tops: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """(first blank row, first row after the blank rows) of each place where a blank row under a
    table row is followed by the indicator header printed again (a row of three or more texts, two
    naming 指标, repeating one near the top), by a page mark, or by a row where a blank merged cell
    starts (``cut_tops``: the lower part of a merged level cell the page break cut, its part pasted with
    no header over it)."""
    head: dict[tuple[str, ...], int] = {}  # an indicator header row near the top → where it is first
    for r, row in enumerate(rows[:_HEAD_ROWS]):
        texts = _texts(row)
        if sum(1 for v in texts if v) >= 3 and sum(1 for v in texts if "指标" in v) >= 2:
            head.setdefault(texts, r)  # (一级指标 | 三级指标 | 指标值 …, never a form's 主管部门 | 实施单位 row)
    cuts: list[tuple[int, int]] = []
    r = 1
    while r < len(rows) and len(cuts) < _MAX_PASTED_CUTS:
        if not _blank(rows[r]) or _blank(rows[r - 1]):
            r += 1
            continue
        resume = r
        while resume < len(rows) and _blank(rows[resume]):
            resume += 1
        if resume < len(rows) and (_page_mark_row(rows[resume]) or head.get(_texts(rows[resume]), r) < r
                                   or resume in cut_tops):
            cuts.append((r, resume))
        r = resume + 1
    return cuts


#: Layouts whose key/value block may be printed as a table of its own above the indicator grid.
_HEADS = frozenset({"form", "department"})


def join_form_heads(grids: list[Grid], layouts: list[str | None]) -> tuple[list[Grid], list[str | None]]:
    """A 申报表 or 部门整体 table printed as two tables — its key/value block (项目名称 or 部门名称, 资金,
    绩效目标) and, after a line of text (a blank paragraph, a 绩效指标 caption) or a page, its indicator
    grid — joined into the one table it is. Alone the grid names no project and was read as a nameless
    long table (its indicators under a project "": a false PG-S01 / PG-C01; the form's own project, or
    the department, with none: a false PG-A04).

    Joined when the grid before is read as a form or a 部门整体 table and holds no indicator header,
    and the next is read as a long table naming no project (no 项目名称 column or label, no title
    naming one). Also a table split at any row (a Word form converted from PDF, a page each; a page's
    <table> split the same way): the grid before a form, a 部门整体 table or a 自评表 — or its first
    rows alone, its 项目名称 or 部门名称 line, of no layout — with no indicator header, and the next as
    wide, naming no project, starting with a row of the table, and read alone as a layout ``_GOES_ON``
    allows, or as none with its 绩效目标 line, two block labels or an indicator header in it
    (:func:`_goes_on_form`). The joined grid's layout is detected on the whole. (A 自评表's head and
    grid are also read together by detect.head_layouts.)"""
    from perfgoals_xl.sources.detect import detect, names_no_project, names_project
    from perfgoals_xl.sources.form_grid import find_grid_header
    from perfgoals_xl.sources.form_sheet import FormSheet

    out_grids: list[Grid] = []
    out_layouts: list[str | None] = []
    for grid, layout in zip(grids, layouts, strict=True):
        head = out_grids[-1] if out_grids else None
        head_layout = out_layouts[-1] if out_layouts else None
        key = head_layout
        if head is not None and head_layout is None:  # the table's first rows alone (its name line and no more)
            key = ((layout if layout == "selfeval_form" else "form") if names_project(head)
                   else "department" if _names_department(head) else None)
        if (head is not None and key in _GOES_ON
                and (layout == "longform" and key in _HEADS and names_no_project(grid)
                     or layout in _GOES_ON[key] and _goes_on_form(head, grid, layout))
                and find_grid_header(FormSheet(head, None), list(range(len(head.rows)))) is None):
            out_grids[-1] = joined = _joined([(head, 0), (grid, 0)])
            out_layouts[-1] = detect(joined) or head_layout or layout  # (the one table it is, judged whole)
            continue
        out_grids.append(grid)
        out_layouts.append(layout)
    return out_grids, out_layouts


#: The layouts a grid may be read as alone and still be the rest of the table above it, by that
#: table's layout (a form's block going on reads as a form, or — 主管部门(单位)名称 | 资金情况 … —
#: as a department's block; a department 自评表's goal and scoring grid as a project's 自评表).
_GOES_ON: dict[str, tuple[str | None, ...]] = {"form": (None, "form", "department"),
                                               "department": (None, "form", "selfeval_form"),
                                               "selfeval_form": (None, "selfeval_form")}
#: Form labels that show a grid of no layout goes on with the form above it (its 绩效目标 line) …
_GOAL_KEYS = frozenset({"goal", "period_goal"})
#: … or, two of them at least, its block (主管部门, 项目属性, 资金 …): not these.
_NO_BLOCK_KEYS = frozenset({None, "project", "fund_unit", "section", "extra"})


def _names_department(grid: Grid) -> bool:
    """Does a grid hold a 部门名称 label (a department table's first rows)?"""
    return any(department_label_of(text)[0] == "name" for row in grid.rows[:_HEAD_ROWS]
               for text in map(cell_text, row) if text and len(text) <= 40)


def _goes_on_form(head: Grid, grid: Grid, layout: str | None) -> bool:
    """Is a grid the rest of the form in ``head`` — as wide, starting with a row of the table (no
    title or line of its own above it), no 项目名称 of its own (a next form); read as a table by
    itself (the form's block going on: 主管部门, 资金 …), or of no layout with its 绩效目标 line, two
    labels of its block or an indicator header in it?"""
    from perfgoals_xl.sources.detect import names_project
    from perfgoals_xl.sources.form_grid import find_grid_header
    from perfgoals_xl.sources.form_sheet import FormSheet

    width = max((len(row) for row in grid.rows), default=0)
    if not grid.rows or width != max((len(row) for row in head.rows), default=0):
        return False
    first_row = next((row for row in grid.rows if _filled(row)), [])
    if len(_filled(first_row)) < 2 and not any(form_label_of(t) != (None, None) for t in map(cell_text, first_row)
                                               if t and len(t) <= 40):
        return False  # a title, a caption or a page's heading above it: a table of its own (a label
        # whose value is left blank — 项目中期规划绩效目标 | — is the form's own row)
    keys = {form_label_of(text)[0] for row in grid.rows[:_HEAD_ROWS] for text in map(cell_text, row)
            if text and len(text) <= 40}
    if "project" in keys or (layout is not None and names_project(grid)):
        return False
    block = keys - _NO_BLOCK_KEYS  # (主管部门 | 项目属性 | 年度资金总额 …: the form's block going on)
    return (layout is not None or bool(keys & _GOAL_KEYS) or len(block) >= 2
            or find_grid_header(FormSheet(grid, None), list(range(len(grid.rows)))) is not None)
