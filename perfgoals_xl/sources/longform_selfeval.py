"""Self-evaluation columns (绩效自评) of a long-format sheet: 实际完成值, 得分, 偏差原因分析及改进措施
per indicator row; 年初预算数, 全年预算数, 全年执行数, 实际完成情况 per project.

Called by the long-format reader (sources/longform.py) for every project row and every
indicator it reads; a sheet without these columns reads exactly as before. Budget
amounts are converted to 万元 like the other amounts (a unit in the header, such as
全年执行数（元）, wins for its column); a cell that is not a number is reported (A03).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfgoals_xl.model import CellLocations, Indicator, Project
from perfgoals_xl.sources.grid import AMOUNT_TEXT, MONEY_FACTOR, amount_of_text, cell_decimal
from perfgoals_xl.sources.vocabulary import normalise_header
from perfgoals_xl.values import parse_value

BUDGET_FIELDS: dict[str, str] = {
    "budget_initial": "年初预算数", "budget_adjusted": "全年预算数", "budget_executed": "全年执行数",
}
_PROJECT_KEYS = (*BUDGET_FIELDS, "actual_summary")
#: The columns read_project_fields and read_indicator_fields look at (a sheet with none skips them).
PROJECT_COLUMNS = _PROJECT_KEYS
INDICATOR_COLUMNS = ("actual_value", "score", "deviation_reason")
_MAX_DIGITS = 30  # every number bounded: longer digit strings are not amounts


def read_indicator_fields(reader: Any, r: int, ind: Indicator) -> None:
    """实际完成值, 得分 and 偏差原因 of an indicator row (when the sheet has those columns).

    A self-evaluation sheet (one with a 实际完成值 column) that has no 实施周期指标值 column
    gives only the 年度指标值, as the 项目支出绩效自评表 does: it stands for both values, so
    that the missing period value is not reported on every row (S05).
    """
    if "actual_value" not in reader.cols and "score" not in reader.cols and "deviation_reason" not in reader.cols:
        return  # a target table: nothing to read (the common case, kept cheap)
    annual_only = "actual_value" in reader.cols and not any(
        k == "period_value" or k.startswith("period:") for k in reader.cols)
    if annual_only and ind.period_value.kind == "empty" and ind.annual_value.kind != "empty":
        ind.period_value = ind.annual_value
        if "annual_value" in ind.field_locations:
            ind.field_locations.setdefault("period_value", ind.field_locations["annual_value"])
    actual = reader.get(r, "actual_value")
    if actual is not None:  # the cell's place even when blank: PG-E01 points at it
        _locate(reader, ind, "actual_value", actual)
        if actual.text:
            ind.actual_value = parse_value(actual.text)
    score = reader.get(r, "score")
    if score is not None and score.text:
        _locate(reader, ind, "score", score)
        ind.score = _score(reader, r, score)
    reason = reader.get(r, "deviation_reason")
    if reason is not None:  # the cell's place even when blank: PG-E02 marks it
        _locate(reader, ind, "deviation_reason", reason)
        if reason.text and reason.own:
            ind.deviation_reason = reason.text


def _locate(reader: Any, ind: Indicator, key: str, cell: Any) -> None:
    """The indicator's location of ``key``: the cell's column in the row's compact locations (its
    Location made when asked: two a row kept were a fifth of a self-evaluation table's model)."""
    locations = ind.field_locations
    if isinstance(locations, CellLocations) and locations.row == cell.r:
        locations.set_column(key, cell.c, reader.shapes)
    else:
        locations[key] = cell.location


def _score(reader: Any, r: int, cell: Any) -> float | None:
    if isinstance(cell.raw, (int, float)) and not isinstance(cell.raw, bool):
        value = float(cell.raw)
    else:
        text = cell.text.replace(" ", "").removesuffix("分")
        if text in ("不适用", "/", "-", "—", "无"):
            return None  # 不适用 (written by 计算得分 for an indicator left out): no score, no problem
        if not AMOUNT_TEXT.match(text) or len(text) > _MAX_DIGITS:
            reader.problem("S01", f"得分“{cell.text}”不是数字", r, "score", raw=cell.text)
            return None
        value = float(text.replace(",", "").replace("，", ""))
    if not 0 <= value <= 1000:
        reader.problem("S01", f"得分“{cell.text}”超出 0–1000", r, "score", raw=cell.text)
        return None
    return value


def read_project_fields(reader: Any, r: int, project: Project) -> None:
    """年初预算数, 全年预算数, 全年执行数 and 实际完成情况 of a project row (first value wins)."""
    if not any(key in reader.cols for key in _PROJECT_KEYS):
        return  # a target table: nothing to read (the common case, kept cheap)
    locations = project.field_locations
    for key, label in BUDGET_FIELDS.items():
        if getattr(project, key) is not None:
            continue
        cell = reader.get(r, key)
        if cell is None:
            continue
        if key not in locations:
            locations[key] = cell.location  # the first row's cell, even blank: PG-E01 points at it
        if cell.raw in (None, ""):
            continue
        amount = _amount(reader, r, key, label, cell)
        if amount is not None:
            setattr(project, key, amount)
            project.field_locations[key] = cell.location
    summary = reader.get(r, "actual_summary")
    if summary is not None and "actual_summary" not in locations:
        locations["actual_summary"] = summary.location  # even blank: PG-E03 marks it
    if summary is not None and summary.text and not project.actual_summary:
        project.actual_summary = summary.text
        project.field_locations["actual_summary"] = summary.location


def _amount(reader: Any, r: int, key: str, label: str, cell: Any) -> Decimal | None:
    raw = cell.raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        number = cell_decimal(raw)
    else:
        text = cell.text.replace(" ", "")
        found = amount_of_text(text) if len(text) <= _MAX_DIGITS else None
        if found is None:
            reader.problem("A03", f"{label}“{cell.text}”不是数字", r, key, raw=cell.text)
            return None
        number = found
    if not number.is_finite():
        return None
    unit = _header_unit(reader, key) or reader.table.unit
    return number / MONEY_FACTOR[unit] if unit in MONEY_FACTOR and MONEY_FACTOR[unit] != 1 else number


def _header_unit(reader: Any, key: str) -> str | None:
    """A money unit written in the column's header (全年执行数（元）), on the header row or the one above."""
    c = reader.cols.get(key)
    for row in (reader.header.row, reader.header.row - 1):
        if c is None or row < 0 or row >= len(reader.rows) or c >= len(reader.rows[row]):
            continue
        _, unit = normalise_header(reader.rows[row][c])
        if unit:
            return unit
    return None
