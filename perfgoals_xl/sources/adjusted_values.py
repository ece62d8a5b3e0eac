"""A target adjusted during the year, printed beside the start-of-year one (重庆: 年初指标值 |
调整指标值 | 全年完成值; also 调整后指标值): the year's target (``annual_value`` — 年度指标值) is the
adjusted one wherever a row prints it; the start-of-year value is kept as the extra ``年初指标值``.

Every layout keeps a column it has no field for by its header text (``Indicator.extras``); this
step, run once on every table read (``read_table``, the live sheet), finds those extras by the one
vocabulary (:func:`~perfgoals_xl.sources.vocabulary.is_adjusted_value_header`), so no layout
needs to know the column. A row whose adjusted cell is empty or a placeholder (—, 无, /: not
adjusted) keeps its start-of-year target. The layouts join a split 符号 | 值 | 单位 for their own
value columns only: a bare adjusted number takes the start-of-year value's sign and unit; with no
start-of-year value it stays bare (the unit column's text is not kept on the indicator). Applied
twice it changes nothing (the adjusted extra is gone after the first time)."""

from __future__ import annotations

from perfgoals_xl.model import Indicator, PerfTable, Value
from perfgoals_xl.values import parse_value, value_from_parts

#: The extra the start-of-year target is kept under once the adjusted one is the year's.
START_OF_YEAR = "年初指标值"


def apply_adjusted_values(table: PerfTable) -> PerfTable:
    """Make each indicator's printed 调整指标值 its ``annual_value`` (see the module's docstring)."""
    groups = [p.indicators for u in table.units for p in u.projects]
    if table.plan is not None:
        groups.append(table.plan.indicators)
    for indicators in groups:
        for ind in indicators:
            # (调 整指标值 spaced too; most indicators have no extra column, most tables no such one)
            if ind.extras and any("调" in k for k in ind.extras):
                _adjust(ind)
    return table


def _adjust(ind: Indicator) -> None:
    from perfgoals_xl.sources.row_kinds import is_placeholder
    from perfgoals_xl.sources.vocabulary import is_adjusted_value_header

    key = next((k for k in ind.extras if is_adjusted_value_header(k)), None)
    if key is None:
        return
    text = ind.extras[key].strip()
    if not text or is_placeholder(text):
        return
    del ind.extras[key]
    where = ind.field_locations.pop(f"extra:{key}", None)
    start = ind.annual_value.raw
    text = _like(text, ind.annual_value)
    if start.strip():
        ind.extras[START_OF_YEAR] = start
        if (loc := ind.field_locations.get("annual_value")) is not None:
            ind.field_locations[f"extra:{START_OF_YEAR}"] = loc
    if ind.period_value.raw == start and ind.field_locations.get("period_value") == ind.field_locations.get(
            "annual_value"):  # no 实施周期 column: the layout read its one target into both values
        ind.period_value = parse_value(text)
        if where is not None:
            ind.field_locations["period_value"] = where
    ind.annual_value = parse_value(text)
    if where is not None:
        ind.field_locations["annual_value"] = where


def _like(text: str, start: Value) -> str:
    """A bare number adjusted from a start-of-year value printed with its sign and unit (符号 | 值 | 单位
    columns the layout joined: ≥5个) gets the same sign and unit (6 → ≥6个); anything else as printed."""
    adjusted = parse_value(text)
    if adjusted.kind != "number" or adjusted.operator_text or adjusted.unit or start.kind not in ("number", "percent"):
        return text
    return value_from_parts(start.operator_text, text, "%" if start.kind == "percent" else start.unit)
