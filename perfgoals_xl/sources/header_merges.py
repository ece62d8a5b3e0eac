"""An indicator grid's header written over two rows whose merged cells were lost (a CSV, a sheet
pasted as values, text): its merges restored, so that every layout reads it as the workbook shows it.

The shape (every province prints it so)::

    绩效指标 (over the level columns) |          |          | 指标值 | 实际完成值 | 分值 | 得分
    一级指标                           | 二级指标 | 三级指标 |        |            |      |

The upper row holds the group label over the level columns and the tall cells (指标值, 实际完成值, 分值 …)
that a workbook merges down over both rows; the lower row holds the level and name headers. With the
merges lost, the lower row names no value column and the upper row no level: no layout finds the
header (a 部门整体 or 自评表 grid read with no indicator, PG-D03 / PG-A04 on a well-filled table). The
same when the group runs over the values too (湖南 湘西: 单位代码 | 单位(专项)名称 | 资金总额 tall beside
绩效指标 over 一级指标 … 指标值 | 度量单位, its first sub-header lost: the group read as the names'
column). The merges are restored only where the pattern is plain: the lower row names a level or the
names; every upper text over lower ones is a group label of the vocabulary over sub-headers of its
own (or the same text printed twice); the lower row's value-side headers all stand under a group, or
the tall cells name one. Two rows keeping any merge are left as printed. One pass over the first
``MAX_ROWS`` rows, a set lookup a cell (the vocabulary asked only of rows naming a level or the names).
"""

from __future__ import annotations

import dataclasses

from perfgoals_xl.sources.grid import Grid, cell_text
from perfgoals_xl.sources.grid_join import rejoin_pasted_parts
from perfgoals_xl.sources.vocabulary import SYNONYMS, field_of, group_of

#: Longest header cell looked at.
_MAX_HEADER = 40
#: Fields of the level and name columns (the lower row's).
_LEVEL_FIELDS = frozenset({"level1", "level2", "name"})
#: Fields of the columns right of the names, merged down over both rows.
_VALUE_SIDE = frozenset({"value", "annual_value", "period_value", "actual_value", "weight", "score", "operator",
                         "measure_unit"})
#: The lower row's header spellings as printed (the level ones, 一级指标 / 二级 …, any way written, are
#: found by their 级).
_LOWER_SPELLINGS = frozenset(SYNONYMS["name"])
#: Rows looked at from the top, at most: a long table's header stands at its top, and a workbook of
#: stacked forms (a header a form) is shorter; a 300,000-row CSV costs no pass over its data.
MAX_ROWS = 10_000
#: Header rows examined in a grid, at most (a stacked workbook of forms prints one header a form).
MAX_HEADERS = 500


def as_the_sheet_shows(grid: Grid) -> Grid:
    """A grid as its sheet showed it before it was pasted or saved without merges: a table's two parts
    pasted one under the other joined again (``grid_join.rejoin_pasted_parts``), the merges of its
    two-row indicator headers restored (:func:`restore_header_merges`)."""
    return restore_header_merges(rejoin_pasted_parts(grid))


def restore_header_merges(grid: Grid) -> Grid:
    """The grid with the merges of its two-row indicator headers restored where they were lost; the
    same grid when none was (or every such header keeps its merges)."""
    added: list[tuple[int, int, int, int]] = []
    seen = 0
    for r in range(1, min(len(grid.rows), MAX_ROWS)):
        if not any(v.__class__ is str and (v in _LOWER_SPELLINGS or ("级" in v and len(v) <= 16)) for v in grid.rows[r]):
            continue  # (no level or name header in the row: a data row, most of a long table — a set lookup a cell)
        if _row_merged(grid, r) or _row_merged(grid, r - 1):
            continue  # (merges kept on either row: the sheet shows its header as printed)
        lower = _texts(grid, r)
        if len(lower) < 2 or not _names_levels(lower):
            continue
        seen += 1
        if seen > MAX_HEADERS:
            break
        added += _restored(grid, r, lower)
    return dataclasses.replace(grid, merged=[*grid.merged, *added]) if added else grid


def _texts(grid: Grid, r: int) -> dict[int, str]:
    """Row r's short texts by column."""
    return {c: text for c, value in enumerate(grid.rows[r]) if (text := cell_text(value)) and len(text) <= _MAX_HEADER}


def _row_merged(grid: Grid, r: int) -> bool:
    """Does a merged range cross row r?"""
    return any(r1 <= r <= r2 for r1, _, r2, _ in grid.merged)


def _names_levels(texts: dict[int, str]) -> bool:
    """Does a row name a level or the names (the lower row of the shape)?"""
    return any(field_of(t) in _LEVEL_FIELDS for t in texts.values())


def _restored(grid: Grid, r: int, lower: dict[int, str]) -> list[tuple[int, int, int, int]]:
    """The merges of the header over rows r - 1 and r, or [] when the two rows are not the shape: a group
    label on the upper row over sub-headers of the lower (绩效指标 over 一级指标 | 二级指标 | 三级指标, also
    with its first sub-header blank), the other upper cells tall over blank lower ones; the lower row's
    value-side headers all under a group, or the tall cells naming one."""
    upper = _texts(grid, r - 1)
    merges: list[tuple[int, int, int, int]] = []
    spans: list[tuple[int, int]] = []
    tall: dict[int, str] = {}
    for c, text in upper.items():
        if lower.get(c) == text:
            continue  # (the same label printed on both rows: nothing to join)
        end = c
        while end + 1 in lower and end + 1 not in upper:
            end += 1
        if end > c:
            if group_of(text) is None and field_of(text) != "legacy":
                return []  # (a group is a grid's: 绩效指标, 指标值 — 总体目标 over a header is a form's line)
            spans.append((c, end))
            merges.append((r - 1, c, r - 1, end))  # 绩效指标 over 一级指标 | 二级指标 | 三级指标
        elif c in lower:
            return []  # a text over another that heads no group: two rows of their own, not one header
        else:
            tall[c] = text
    grouped = {c for a, b in spans for c in range(a, b + 1)}
    value_side = {c for c, t in lower.items() if field_of(t) in _VALUE_SIDE}
    if not value_side <= grouped:
        return []  # (the lower row names values of its own outside a group: a header of one row)
    if not (any(field_of(t) in _VALUE_SIDE for t in tall.values()) or value_side):
        return []  # (nothing of the values on either row's side: no indicator header over two rows)
    if sum(1 for t in tall.values() if field_of(t) is None and group_of(t) is None) > len(tall) // 2:
        return []  # (mostly words no header prints: a form's line above the grid, not its header)
    return merges + [(r - 1, c, r, c) for c in tall]
