"""A target blank under a target of its group, in a file that records no merged cells.

A published table often merges one 指标值 (and its 实际完成值) down over two indicators of the same
二级指标: they share it, and a reader of the merged cell gives it to each row. A grid that records no
vertical merges (a CSV, a table pasted as text, a web page's cells written out without ``rowspan``)
prints that text on the group's first row only and leaves the rows under it blank — exactly as it
prints a target the table left out. The reader cannot tell the two apart, so it reads the cell as
printed (blank), marks the indicator (``Indicator.value_maybe_shared``) and says so in a 读取提示; the
rules then report the blank as something to look at, not as a defect of the table (PG-S05).

Used by the layouts that read indicator rows of forms (申报表 grids, 自评表, 部门整体): the layout tells that the
row goes on the group above (its level cells blank, right under the indicator above, in a grid without
vertical merges); this module tells whether its blank target may be the one above.
"""

from __future__ import annotations

from perfgoals_xl.model import Indicator
from perfgoals_xl.sources.grid import Grid


def merges_lost(grid: Grid) -> bool:
    """Does the grid record no cell merged down over two rows or more (so a merged cell's text stands
    on its first row, the rows under it blank)?"""
    return not any(r2 > r1 for r1, _, r2, _ in grid.merged)


def _blank(value: object) -> bool:
    return value is None or getattr(value, "kind", None) == "empty"


def mark_value_maybe_shared(before: Indicator | None, ind: Indicator) -> str | None:
    """Mark ``ind`` (read right under ``before``, its level cells blank) when it has a name and no target,
    ``before`` has one in the same group and ``ind`` holds nothing ``before`` lacks (a row of its own, such
    as a sub-heading with its own 分值 over items that carry the targets, is no cell merged down). Returns
    the 读取提示 to report, or None when the row is not such a one."""
    if before is None or not ind.name or not (ind.level1 or ind.level2):
        return None
    if (ind.level1, ind.level2) != (before.level1, before.level2):
        return None
    if not (_blank(ind.annual_value) and _blank(ind.period_value)):
        return None
    if _blank(before.annual_value) and _blank(before.period_value):
        return None
    own = (ind.weight, ind.score, ind.actual_value)
    above = (before.weight, before.score, before.actual_value)
    if any(not _blank(mine) and _blank(theirs) for mine, theirs in zip(own, above, strict=True)):
        return None
    ind.value_maybe_shared = True
    return (f"“{ind.name[:20]}”没有指标值，而它紧接在同组一条有指标值的指标之下：文件不带合并单元格，"
            "可能是两条指标共用的一格（合并信息已丢失），也可能是漏填，按空白读取")
