"""A level label printed over two cells, one under the other (``社会公众或服务`` | ``对象满意度指标``).

Narrow columns make a printed 一级/二级 label wrap into the next row's cell. When neither part is
a level of the framework alone but both together are one (by the vocabulary: framework names and
accepted older names), the reader takes them as one label in the upper cell and the lower cell
blank — so the lower row, if it has an indicator, takes the level above — and says so. So too when
the upper part is a short form the vocabulary accepts and the lower part, no level alone, completes
it into a longer name (``生态效益`` | ``指标``: a label of two lines in a cell of two rows, printed to
PDF with a page break between the rows) or gives its weight alone (``效益指标`` | ``(20分)``).
Shared by the grid readers (form, 自评表 form, department); it changes the view only
(:meth:`SheetView.set_text`), never the grid.
"""

from __future__ import annotations

from collections.abc import Iterable

from perfgoals_xl import framework
from perfgoals_xl.sources.row_kinds import level_label
from perfgoals_xl.sources.sheet_view import SheetView

#: Longest part looked at (a level name is short; a long cell is a sentence).
_MAX_PART = 30


def known_level(text: str) -> bool:
    """Is this a level-1 or level-2 name of the framework (or an accepted older name)?"""
    name = level_label(text)[0]
    return framework.level1_by_name(name) is not None or framework.level2_by_name(name) is not None


def join_split_levels(sheet: SheetView, cols: Iterable[int], rows: Iterable[int]) -> list[tuple[str, int]]:
    """Join level labels continued in the cell below, in these level columns over these rows;
    returns each join's 读取提示 and the row whose cell was blanked (it may now be empty)."""
    wanted = set(rows)
    said: list[tuple[str, int]] = []
    for c in dict.fromkeys(cols):
        for r in sorted(wanted):
            upper = sheet.text(r, c)
            if not upper or sheet.origin(r, c)[0] != r or len(upper) > _MAX_PART:
                continue
            below = _next_row(sheet, r, c)
            if below is None or below not in wanted or sheet.origin(below, c)[1] != sheet.origin(r, c)[1]:
                continue
            lower = sheet.text(below, c)
            if not lower or len(lower) > _MAX_PART or known_level(lower) or not known_level(upper + lower) \
                    or (known_level(upper) and not _completes(upper, lower)):
                continue
            sheet.set_text(r, c, upper + lower)
            sheet.set_text(below, c, "")
            said.append((f"层级“{upper}”与下一行的“{lower}”是分两行写的一个名称，按“{upper + lower}”读取", below))
    return said


def _completes(upper: str, lower: str) -> bool:
    """Does the lower part complete a level name the upper part gives short (``生态效益`` |
    ``指标``: an accepted short form, cut where a page break fell between the rows of its cell), or
    give the weight the upper part does not print (``效益指标`` | ``(20分)``)?"""
    name, weight, _ = level_label(upper)
    lower_name, lower_weight, _ = level_label(lower)
    return level_label(upper + lower)[0] != name or (not lower_name and lower_weight is not None and weight is None)


def _next_row(sheet: SheetView, r: int, c: int) -> int | None:
    """The first row under (r, c) whose cell in column c is not part of the same merged range."""
    origin = sheet.origin(r, c)
    rr = r + 1
    while rr < len(sheet.rows) and sheet.origin(rr, c) == origin:
        rr += 1
    return rr if rr < len(sheet.rows) else None


def names_a_level2(text: str) -> bool:
    """Does a level label name a level-2 of the framework itself (社会公众或服务对象满意度指标 names
    服务对象满意度指标), not only a level-1 (满意度指标)?"""
    name = level_label(text)[0]
    level2 = framework.level2_by_name(name) if name and len(name) <= _MAX_PART else None
    return level2 is not None and level2.name in name


def spread_level1_right(sheet: SheetView, level1: int, level2: int, rows: Iterable[int]) -> list[str]:
    """A level-1 cell starting on a row, its level-2 cell right beside it blank (no merge), the level-1's
    text naming a level-2 itself (社会公众或服务对象满意度指标): the cell was merged across both level
    columns and the merge lost (a CSV, pasted text: a merged cell's text stands in its first cell) — the
    level-2 cell reads as the same text, as the merged cell would. Returns the 读取提示 of each."""
    if level2 != level1 + 1:
        return []
    said: list[str] = []
    for r in rows:
        text = sheet.text(r, level1)
        if (not text or sheet.origin(r, level1) != (r, level1) or not sheet.own(r, level2)
                or sheet.text(r, level2) or not names_a_level2(text)):
            continue
        sheet.set_text(r, level2, text)
        said.append(f"一级指标“{text}”也是二级指标的名称，右边的二级指标格空白：按跨两栏的一格读取，二级指标也记为“{text}”")
    return said
