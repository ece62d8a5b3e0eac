"""Target columns split by the value's nature (指标值类型), one filled on each row: 定量指标值 | 定性指标值,
指标值（定量） | 指标值（定性）, or 定量 | 定性 under one 指标值 header. The row's target is the filled one —
the year's (``annual_value`` — 年度指标值) and, the table printing no other, the term's (``period_value`` —
实施周期指标值) — and its nature (``nature`` — 指标性质) is that column's, unless a nature column said it.

Every layout keeps a column it has no field for by its header text (``Indicator.extras``); this step, run
once on every table read (``read_table``, the live sheet), finds those extras by the one vocabulary
(:func:`~perfgoals_xl.sources.vocabulary.nature_value_header`), so no layout needs to know the columns. Only
an indicator read with no target at all is touched; a row filling both columns (or none) keeps them as
printed, and the table says so. Applied twice it changes nothing (the filled extra is gone after once)."""

from __future__ import annotations

from perfgoals_xl.model import Indicator, PerfTable, Problem
from perfgoals_xl.sources.row_kinds import is_placeholder
from perfgoals_xl.sources.vocabulary import nature_value_header
from perfgoals_xl.values import parse_value


def apply_nature_values(table: PerfTable) -> PerfTable:
    """Read each indicator's filled 定量 / 定性 target column as its target (see the module's docstring)."""
    groups = [(p.name, p.indicators) for u in table.units for p in u.projects]
    if table.plan is not None:
        groups.append((table.plan.name, table.plan.indicators))
    headers: dict[str, None] = {}
    both = 0
    taken: set[tuple[str | None, int | None]] = set()
    for owner, indicators in groups:
        for ind in indicators:
            if not ind.extras or ind.annual_value.raw.strip() or ind.period_value.raw.strip():
                continue
            split = {k: nature for k in ind.extras if (nature := nature_value_header(k)) is not None}
            if len(set(split.values())) < 2 and not (split and len(split) == len(ind.extras)):
                continue  # (one column named 定量 alone among others: no split)
            filled = [k for k in split if not is_placeholder(ind.extras[k])]
            headers.update(dict.fromkeys(split))
            if len(filled) == 1:
                _take(ind, filled[0], split[filled[0]])
                taken.add((owner, ind.seq))
            elif len(filled) > 1:
                both += 1
    if taken:  # (the layout's 指标值为空 of these rows is read now)
        table.problems[:] = [q for q in table.problems if not (
            q.code == "S05" and q.field in ("annual_value", "period_value") and (q.project, q.seq) in taken)]
    if headers:
        names = "、".join(f"“{h}”" for h in headers)
        table.problems.append(Problem("S11", (
            f"读取提示：指标值按定量/定性分列（{names}）：各指标取填写的一列为年度指标值和实施周期指标值，"
            "指标性质记为该列的定量或定性" + (f"；{both} 个指标两列都填写，按原文保留为附加字段" if both else ""))))
    return table


def _take(ind: Indicator, key: str, nature: str) -> None:
    text = ind.extras.pop(key).strip()
    where = ind.field_locations.pop(f"extra:{key}", None)
    ind.annual_value = ind.period_value = parse_value(text)
    if where is not None:
        ind.field_locations["annual_value"] = ind.field_locations["period_value"] = where
    if not ind.nature:
        ind.nature = nature
