"""The goal-block layout: a project's goal and indicators written together in one 绩效目标 cell, under
bracketed headings (安徽 项目绩效目标和指标 tables)::

    单位编码 | 单位名称(项目类别/支出项目) | 年度预算安排 | 项目内容 | 绩效目标
             | 某局                      | 92156434     |          |              ← the department
    037001   | 某局                      | 27955180     |          |              ← a unit (its code)
             | 其他运转类                 | 1681680      |          |              ← a category: no indicators
    037001   | 某服务采购项目              | 1681680      | 【项目概况】… | 【总体目标】            ← a project
                                                                       保障…
                                                                       【产出指标-数量指标】
                                                                       指标1:机柜数量(≥77台)
                                                                       …

Recognised by a 绩效目标 column whose cells hold 【一级指标-二级指标】 headings over ``指标N:名称(指标值)``
lines. Read by turning it into the long format — a row per indicator naming its unit, project,
levels, value, amount and goal — each cell placed at the cell it came from, then by the long-format
reader. Line breaks in the cell do not matter (a PDF wraps headings and items): the cell is cut at its
headings and ``指标N:`` marks (one bounded pattern, linear).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perfgoals_xl.sources.grid import Grid, cell_text, remapped_facts, remapped_locator
from perfgoals_xl.sources.vocabulary import field_of

_HEADER_ROWS = 40
_SNIFF_ROWS = 200
#: The marks of a cell: a bracketed heading, or 指标1: / 指标 12： before an indicator (bounded: linear).
_MARK = re.compile(r"【[^【】]{1,40}】|指标\s{0,2}\d{1,3}\s{0,2}[:：]")
#: 【产出指标-数量指标】: a level-1 and a level-2 name.
_LEVELS = re.compile(r"^【([^【】\-－]{1,20})[-－]([^【】]{1,30})】$")
#: 【总体目标】 / 【年度目标】 …: the goal follows.
_GOAL = re.compile(r"^【(?:年度总体目标|总体目标|年度目标|绩效目标|年度绩效目标)】$")
_GOAL_HEADERS = ("绩效目标", "绩效目标和指标", "绩效目标及指标", "绩效目标和绩效指标", "项目绩效目标")
_LONG_HEADER = ("单位名称", "项目名称", "一级指标", "二级指标", "三级指标", "指标值", "项目金额", "年度绩效目标")
#: Characters of one cell looked at (a project's block is a few thousand).
_MAX_TEXT = 20_000


@dataclass(frozen=True)
class GoalBlocksHeader:
    """Where the header is and its columns (0-based; code and amount may be missing)."""

    row: int
    name: int
    goals: int
    code: int | None
    amount: int | None


def parse_block(text: str) -> tuple[str, list[tuple[str, str, str, str]]] | None:
    """A 绩效目标 cell → (goal, [(level1, level2, name, value)]); None when it holds no 【X-Y】 heading.
    Line breaks do not matter (a PDF wraps a heading or an item over lines): the cell is read as the
    headings and ``指标N:`` marks in it, each part running to the next mark."""
    flat = "".join(line.strip() for line in text[:_MAX_TEXT].splitlines())
    marks = list(_MARK.finditer(flat))
    goal: list[str] = []
    items: list[tuple[str, str, str, str]] = []
    level: tuple[str, str] | None = None
    for k, m in enumerate(marks):
        part = flat[m.end():marks[k + 1].start() if k + 1 < len(marks) else len(flat)].strip().lstrip(":：").strip()
        token = m.group(0)
        if (lv := _LEVELS.match(token)) is not None:
            level = (lv.group(1).strip(), lv.group(2).strip())
        elif _GOAL.match(token) is not None:
            if part:
                goal.append(part)
        elif token.startswith("指标") and level is not None:
            items.append((*level, *_name_value(part)))
    return ("\n".join(goal), items) if items else None


def _name_value(text: str) -> tuple[str, str]:
    """机柜数量(≥77台) → (机柜数量, ≥77台): the value in the last brackets, when the text ends with them."""
    text = text.strip()
    if text.endswith((")", "）")):
        open_at = max(text.rfind("("), text.rfind("（"))
        if open_at > 0:
            return text[:open_at].strip(), text[open_at + 1:-1].strip()
    return text, ""


def _text(grid: Grid, r: int, c: int | None) -> str:
    if c is None or r >= len(grid.rows) or c >= len(grid.rows[r]):
        return ""
    return cell_text(grid.rows[r][c])


def find_goal_blocks(grid: Grid) -> GoalBlocksHeader | None:
    """The header of a goal-block table, or None when the grid is none."""
    for r, row in enumerate(grid.rows[:_HEADER_ROWS]):
        texts = [(c, cell_text(v)) for c, v in enumerate(row)]
        texts = [(c, re.sub(r"\s+", "", t)) for c, t in texts if t and len(t) <= 30]  # (绩 效 目 标: spaced)
        goals = next((c for c, t in texts if t in _GOAL_HEADERS or field_of(t) == "goal"), None)  # (年度绩效目标 …)
        name = next((c for c, t in texts if c != goals and (field_of(t) in {"project", "fund_unit"}
                                                           or t.startswith(("单位名称", "项目名称")))), None)
        if goals is None or name is None:
            continue
        if not any(parse_block(_text(grid, rr, goals)) for rr in range(r + 1, min(len(grid.rows), r + 1 + _SNIFF_ROWS))):
            return None
        code = next((c for c, t in texts if t.endswith(("编码", "代码")) and c not in (name, goals)), None)
        amount = next((c for c, t in texts if c not in (name, goals, code)
                       and (field_of(t) == "total" or "预算" in t or "金额" in t)), None)
        return GoalBlocksHeader(r, name, goals, code, amount)
    return None


def looks_like_goal_blocks(grid: Grid) -> bool:
    """Is this grid a goal-block table (the detector's question)?"""
    return find_goal_blocks(grid) is not None


def to_long(grid: Grid, header: GoalBlocksHeader) -> Grid:
    """The table as a long-format grid: the rows above its header as they are, the long header, then a
    row per indicator; every cell placed where the table prints it (an indicator at its 绩效目标 cell)."""
    rows: list[list[object]] = [list(row) for row in grid.rows[:header.row]]
    places: dict[tuple[int, int], tuple[int, int]] = {}
    department = _department_row(grid, header)
    if department is not None:  # the first row, naming no code: the department, as a 部门名称： line
        places[len(rows), 0] = (department, header.name)
        rows.append([f"部门名称：{_text(grid, department, header.name)}"])
    head = len(rows)
    rows.append(list(_LONG_HEADER))
    for c, origin in enumerate((header.name, header.name, header.goals, header.goals, header.goals, header.goals,
                                header.amount if header.amount is not None else header.name, header.goals)):
        places[head, c] = (header.row, origin)
    unit: int | None = None
    for r in range(header.row + 1, len(grid.rows)):
        name = _text(grid, r, header.name)
        block = parse_block(_text(grid, r, header.goals))
        if block is None:
            if name and _text(grid, r, header.code):
                unit = r  # a unit's row (its code): the unit of the projects below
            continue
        goal, items = block
        amount = grid.rows[r][header.amount] if header.amount is not None and header.amount < len(grid.rows[r]) else ""
        for level1, level2, item, value in items:
            out = len(rows)
            rows.append([_text(grid, unit, header.name) if unit is not None else "", name, level1, level2, item, value,
                         amount, goal])
            if unit is not None:
                places[out, 0] = (unit, header.name)
            places[out, 1] = (r, header.name)
            for c in (2, 3, 4, 5, 7):
                places[out, c] = (r, header.goals)
            if header.amount is not None:
                places[out, 6] = (r, header.amount)
    width = len(_LONG_HEADER)
    return Grid(sheet=grid.sheet, rows=[row + [""] * (width - len(row)) if len(row) < width else row for row in rows],
                locate=remapped_locator(grid, places), facts_loader=remapped_facts(grid, places))


#: Blank rows looked past under the header (an Excel-made copy's spacer).
_SPACER_ROWS = 3


def _department_row(grid: Grid, header: GoalBlocksHeader) -> int | None:
    """The first row under the header (past blank spacer rows) when it names something with no code and
    no indicators (the department's total: 某局 | 92156434) and a row with a code follows (its units)."""
    r = header.row + 1
    while r < min(len(grid.rows), header.row + 1 + _SPACER_ROWS) and not any(_text(grid, r, c) for c in range(len(grid.rows[r]))):
        r += 1
    if header.code is None or r + 1 >= len(grid.rows) or not _text(grid, r, header.name):
        return None
    if _text(grid, r, header.code) or parse_block(_text(grid, r, header.goals)) is not None:
        return None
    return r if _text(grid, r + 1, header.code) else None
