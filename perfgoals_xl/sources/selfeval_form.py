"""The 项目支出绩效自评表 form (one project per sheet), read from a workbook's grids.

Reads the form ``perfgoals score`` writes and provincial forms of the same shape:
labels are found by their text, never by position::

    项目名称 | <name>            主管部门 | <dept>   实施单位 | <implementer>
    … | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分      ← budget header, values below
    … | 预期目标 | 实际完成情况                                         ← goal header, texts below
    一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
    <indicator rows, blank levels continue the row above> … until 总分 / 合计 / a blank row

A sheet without a 三级指标 + 实际完成值 header is not a form and is skipped (the 自评汇总
and 问题清单 sheets of our workbook); a workbook without any form is an error naming the
file. Claimed 得分 are kept (Indicator.score) so that PG-E06 can recompute them.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.model import FundUnit, Indicator, Location, PerfTable, Project
from perfgoals_xl.sources.grid import Grid, cell_address, cell_text
from perfgoals_xl.sources.vocabulary import field_of, normalise_header
from perfgoals_xl.values import parse_value

_LABELS = {"项目名称": "name", "主管部门": "department", "实施单位": "implementer"}
_BUDGET = {"年初预算数": "budget_initial", "全年预算数": "budget_adjusted", "全年执行数": "budget_executed"}
_END = ("总分", "合计", "总计")
_MAX_ROWS = 5000  # a form longer than this is not a form


def _text(grid: Grid, r: int, c: int) -> str:
    row = grid.rows[r] if r < len(grid.rows) else []
    return cell_text(row[c]) if c < len(row) else ""


def _key(text: str) -> str:
    return normalise_header(text)[0]


def _right_of(grid: Grid, r: int, c: int) -> str:
    """The first non-empty cell right of (r, c) that is not itself a label."""
    row = grid.rows[r]
    for k in range(c + 1, min(len(row), c + 8)):
        text = cell_text(row[k])
        if text:
            return "" if _key(text) in _LABELS else text
    return ""


def _number(text: str) -> Decimal | None:
    cleaned = text.replace(",", "").replace("，", "").strip().removesuffix("分")
    if not cleaned or len(cleaned) > 30:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    # finite as a float too (1.79769313486232e+308, a rounded Excel maximum, overflows to inf)
    return value if value.is_finite() and abs(value) < _FLOAT_MAX else None


_FLOAT_MAX = Decimal("1e300")


def _find_indicator_header(grid: Grid) -> tuple[int, dict[str, int]] | None:
    for r, row in enumerate(grid.rows[:_MAX_ROWS]):
        cols: dict[str, int] = {}
        for c, value in enumerate(row):
            f = field_of(value) if isinstance(value, str) else None
            if f and f not in cols:
                cols[f] = c
        if "name" in cols and "actual_value" in cols:
            return r, cols
    return None


_SNIFF_ROWS = 400


def is_selfeval_grid(grid: Grid) -> bool:
    """Does this sheet or Word table hold a 自评表 form (a 三级指标 + 实际完成值 header near the top)?"""
    return _find_indicator_header(Grid(sheet=grid.sheet, rows=grid.rows[:_SNIFF_ROWS])) is not None


def any_selfeval(grids: list[Grid]) -> bool:
    """Is any of these grids a 自评表 form (the form and Word readers hand such files over here)?"""
    return any(is_selfeval_grid(g) for g in grids)


def read_form_grid(grid: Grid, file: str | None) -> Project | None:
    """The project of one form sheet, or None when the sheet is not a 自评表 form."""
    found = _find_indicator_header(grid)
    if found is None:
        return None
    head, cols = found
    project = Project(name="")

    def loc(r: int, c: int) -> Location:
        if grid.locate is not None:
            sheet, cell = grid.locate(r, c)
            return Location(file=file, sheet=sheet, cell=cell)
        return Location(file=file, sheet=grid.sheet, cell=cell_address(r + grid.first_row, c + grid.first_col))

    for r in range(head):
        row = grid.rows[r]
        for c, value in enumerate(row):
            key = _key(cell_text(value))
            if key in _LABELS and not getattr(project, _LABELS[key]):
                setattr(project, _LABELS[key], _right_of(grid, r, c) or None)
                if key == "项目名称":
                    project.location = loc(r, c)
            elif key in _BUDGET and r + 1 < head:
                amount = _number(_text(grid, r + 1, c))
                if amount is not None:
                    setattr(project, _BUDGET[key], amount)
                    project.field_locations[_BUDGET[key]] = loc(r + 1, c)
            elif key == "预期目标" and r + 1 < head:
                project.goal = _text(grid, r + 1, c)
            elif key == "实际完成情况" and r + 1 < head:
                project.actual_summary = _text(grid, r + 1, c) or None
    project.name = project.name or ""
    level1 = level2 = ""
    for r in range(head + 1, min(len(grid.rows), head + 1 + _MAX_ROWS)):
        first = _text(grid, r, 0)
        if _key(first) in _END or not any(cell_text(v) for v in grid.rows[r]):
            if _key(first) in _END:
                project.extras["总分"] = _text(grid, r, cols.get("score", 0))
            break
        level1 = _text(grid, r, cols["level1"]) if "level1" in cols and _text(grid, r, cols["level1"]) else level1
        level2 = _text(grid, r, cols["level2"]) if "level2" in cols and _text(grid, r, cols["level2"]) else level2
        project.indicators.append(_indicator(grid, r, cols, level1, level2, len(project.indicators) + 1, loc))
    return project


def _indicator(grid: Grid, r: int, cols: dict[str, int], level1: str, level2: str, seq: int,
               loc: Any) -> Indicator:
    def get(key: str) -> str:
        return _text(grid, r, cols[key]) if key in cols else ""

    annual = parse_value(get("annual_value") or get("value"))
    weight, score = _number(get("weight")), _number(get("score"))
    actual = get("actual_value")
    ind = Indicator(
        seq=seq, level1_code=None, level1=level1, level2_code=None, level2=level2, name=get("name"),
        period_value=annual, annual_value=annual,
        weight=None if weight is None else float(weight),
        actual_value=parse_value(actual) if actual else None,
        score=None if score is None else float(score),
        deviation_reason=get("deviation_reason") or None,
        location=loc(r, cols["name"]),
    )
    ind.field_locations = {k: loc(r, cols[k]) for k in ("name", "annual_value", "actual_value", "weight", "score",
                                                         "deviation_reason") if k in cols}
    return ind


def table_from_grids(grids: list[Grid], path: str | Path | None, layout: str, *,
                     continued: bool = False) -> PerfTable:
    """One table from the forms of several grids (sheets, Word tables or PDF pages); an error
    when there is none. continued: a form without 项目名称 goes on from the one before."""
    path = path if path is not None else "<表格>"
    table = PerfTable(title="项目支出绩效自评表", source=str(path), layout=layout)
    units: dict[str, FundUnit] = {}
    last: Project | None = None
    for grid in grids:
        project = read_form_grid(grid, str(path))
        if project is None:
            continue
        if continued and not project.name and last is not None:
            for ind in project.indicators:  # the form goes on from the page before
                ind.seq = len(last.indicators) + 1
                last.indicators.append(ind)
            if "总分" in project.extras:
                last.extras["总分"] = project.extras["总分"]
            continue
        last = project
        if not table.department and project.department:
            table.department = project.department
        unit_name = project.implementer or project.department or ""
        unit = units.get(unit_name)
        if unit is None:
            unit = units[unit_name] = FundUnit(name=unit_name)
            table.units.append(unit)
        unit.projects.append(project)
    if not table.units:
        raise InputError(path, "没有找到项目支出绩效自评表：应有“三级指标”“实际完成值”等表头的工作表")
    return table
