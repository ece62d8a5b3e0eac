"""The outline layout: one name column holding the unit, the project, the levels and the indicators,
each on a row of its own (宁夏 预算一体化 批复表 and tables exported as a tree)::

    项目                               | 指标值 | 绩效金额
    石嘴山市某中心                      |        |              ← the unit
      某疫苗及药物                      |        | 3000000      ← the project (its amount)
        产出指标                        |        |              ← a level 1
          成本指标(必填硬性指标)          |        |              ← a level 2
            按物价部门定价标准采购        | 100%   |              ← an indicator and its value

Recognised by its header (a name column headed 项目 / 项目名称 / 名称 / 指标名称, a value column
headed 指标值, maybe an amount column, and no level columns) over rows whose name cells are the
framework's level names with no value beside them. Read by turning it into the long format — a row
per indicator naming its unit, project, levels, value and amount — whose cells keep the places of
the outline's own cells (a finding names the cell a person sees), then by the long-format reader.

Rows are told apart by what they hold, not by indentation (lost in a CSV): a level-1 or level-2 name
is a level; a row with a value is an indicator; a row with an amount is a project; a row with
neither is a project when a level 1 follows, an indicator inside a project's tree, else a unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfgoals_xl import framework
from perfgoals_xl.sources.grid import Grid, cell_text, remapped_facts, remapped_locator
from perfgoals_xl.sources.vocabulary import field_of, is_footer_label, level_label

#: Rows looked at for the header, and below it for the level rows that make an outline.
_HEADER_ROWS = 40
_SNIFF_ROWS = 80
#: Header words of the name column beside the vocabulary's project and name fields.
_NAME_HEADERS = frozenset({"名称", "项目及指标", "项目/指标", "项目指标"})
#: Header fields that show a real long-format table (level columns): never an outline.
_LEVEL_FIELDS = frozenset({"level1", "level2", "level1_code", "level2_code"})
#: The long-format header the outline becomes, column by column.
_LONG_HEADER = ("单位名称", "项目名称", "一级指标", "二级指标", "三级指标", "指标值", "项目金额")


@dataclass(frozen=True)
class OutlineHeader:
    """Where an outline's header is and its columns (0-based)."""

    row: int
    name: int
    value: int
    amount: int | None


def _text(grid: Grid, r: int, c: int | None) -> str:
    if c is None or r >= len(grid.rows) or c >= len(grid.rows[r]):
        return ""
    return cell_text(grid.rows[r][c])


def _level(text: str, level1: str | None = None) -> int:
    """1 or 2 when the text is a level name of the framework (annotations aside), else 0. A name that
    may be either (成本指标: a level 1 now, a level 2 under 产出 in older tables; 服务对象满意度指标)
    is a level 2 where it belongs under the level 1 above (``level1``: that level's code)."""
    if not text or len(text) > 40:
        return 0
    name = level_label(text)[0]
    second = framework.level2_by_name(name, level1) if name.endswith("指标") else None
    if second is not None and level1 is not None and second.parent == level1:
        return 2
    if framework.level1_by_name(name) is not None:
        return 1
    return 2 if second is not None else 0


def _level1_code(text: str) -> str | None:
    found = framework.level1_by_name(level_label(text)[0])
    return found.code if found is not None else None


def find_outline(grid: Grid) -> OutlineHeader | None:
    """The outline's header, or None when the grid is no outline."""
    for r, row in enumerate(grid.rows[:_HEADER_ROWS]):
        cells = [(c, cell_text(v)) for c, v in enumerate(row)]
        texts = [(c, t) for c, t in cells if t]
        if not 2 <= len(texts) <= 6 or any(len(t) > 20 for _, t in texts):
            continue
        fields = {c: field_of(t) for c, t in texts}
        if _LEVEL_FIELDS & set(fields.values()):
            return None  # a long-format header with level columns
        name = next((c for c, t in texts if fields[c] in {"project", "name"} or t in _NAME_HEADERS), None)
        value = next((c for c, _ in texts if fields[c] in {"value", "annual_value"}), None)
        if name is None or value is None or value < name:
            continue
        amount = next((c for c, t in texts if c not in (name, value)
                       and (fields[c] == "total" or "金额" in t or "预算" in t)), None)
        header = OutlineHeader(r, name, value, amount)
        return header if _has_levels(grid, header) else None
    return None


def _has_levels(grid: Grid, header: OutlineHeader) -> bool:
    """Below the header: a level-1 row and a level-2 row with no value beside them, and an indicator."""
    seen: set[int] = set()
    valued = False
    code: str | None = None
    for r in range(header.row + 1, min(len(grid.rows), header.row + 1 + _SNIFF_ROWS)):
        text = _text(grid, r, header.name)
        level = _level(text, code)
        if level == 1:
            code = _level1_code(text)
        if level and not _text(grid, r, header.value):
            seen.add(level)
        elif not level and _text(grid, r, header.value):
            valued = True
    return seen == {1, 2} and valued


def looks_like_outline(grid: Grid) -> bool:
    """Is this grid an outline (the detector's question)?"""
    return find_outline(grid) is not None


def to_long(grid: Grid, header: OutlineHeader) -> Grid:
    """The outline as a long-format grid: the rows above its header as they are, the long header, then
    a row per indicator; every cell placed where the outline prints it."""
    rows: list[list[object]] = [list(row) for row in grid.rows[:header.row]]
    places: dict[tuple[int, int], tuple[int, int]] = {}
    width = len(_LONG_HEADER)
    head = len(rows)
    rows.append(list(_LONG_HEADER))
    for c, origin in enumerate((header.name, header.name, header.name, header.name, header.name, header.value,
                                header.amount if header.amount is not None else header.name)):
        places[head, c] = (header.row, origin)
    unit: int | None = None
    project: int | None = None
    level1: int | None = None
    level2: int | None = None
    kinds = _row_kinds(grid, header)
    for r, kind in kinds:
        if kind == "unit":
            unit, project, level1, level2 = r, None, None, None
        elif kind == "project":
            project, level1, level2 = r, None, None
        elif kind == "level1":
            level1, level2 = r, None
        elif kind == "level2":
            level2 = r
        elif kind == "indicator":
            out = len(rows)
            sources = (unit, project, level1, level2, r)
            line: list[object] = [_text(grid, s, header.name) if s is not None else "" for s in sources]
            line += [grid.rows[r][header.value] if header.value < len(grid.rows[r]) else "",
                     _amount(grid, project, header)]
            rows.append(line)
            for c, s in enumerate(sources):
                if s is not None:
                    places[out, c] = (s, header.name)
            places[out, 5] = (r, header.value)
            if project is not None and header.amount is not None:
                places[out, 6] = (project, header.amount)
    return Grid(sheet=grid.sheet, rows=[row + [""] * (width - len(row)) if len(row) < width else row for row in rows],
                locate=remapped_locator(grid, places), facts_loader=remapped_facts(grid, places))


def _amount(grid: Grid, project: int | None, header: OutlineHeader) -> object:
    if project is None or header.amount is None or header.amount >= len(grid.rows[project]):
        return ""
    return grid.rows[project][header.amount]


def _row_kinds(grid: Grid, header: OutlineHeader) -> list[tuple[int, str]]:
    """Each row below the header with a name: unit, project, level1, level2 or indicator."""
    named = [r for r in range(header.row + 1, len(grid.rows)) if _text(grid, r, header.name)]
    levels: dict[int, int] = {}
    code: str | None = None  # the level 1 above, as the rows go
    for r in named:
        text = _text(grid, r, header.name)
        levels[r] = level = _level(text, code) if not _text(grid, r, header.value) else 0
        if level == 1:
            code = _level1_code(text)
    out: list[tuple[int, str]] = []
    in_tree = False
    for k, r in enumerate(named):
        level = levels[r]
        value = _text(grid, r, header.value)
        text = _text(grid, r, header.name)
        if level:
            out.append((r, f"level{level}"))
            in_tree = True
        elif value:
            out.append((r, "indicator"))
        elif _text(grid, r, header.amount):
            out.append((r, "project"))
            in_tree = False
        else:
            after = named[k + 1] if k + 1 < len(named) else None
            if after is not None and levels[after] == 1:
                out.append((r, "project"))
                in_tree = False
            elif text.endswith((":", "：")) or is_footer_label(text) or (in_tree and after is None):
                continue  # a line under the table (附件下载:, 填报人：…), no part of it
            elif in_tree and (levels[after] != 0 or _text(grid, after, header.value)):
                out.append((r, "indicator"))  # an indicator whose value was left blank
            else:
                out.append((r, "unit"))
                in_tree = False
    return out
