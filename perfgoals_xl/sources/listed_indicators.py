"""Several indicators listed in one row: a name cell holding one indicator a line (or separated by ；) and
its value cell holding their values line for line — a form filled one row per 二级指标
(数量指标 | 养护里程⏎桥梁检查次数 | ≥300公里⏎≥12次). Read as one indicator before, its names run together
(养护里程桥梁检查次数, finish.names_on_one_line) and its value two values in one.

A row is split only when it says so plainly: its name and its year's value have the same number of
parts (2 to :data:`MAX_PARTS`), the period value (and a 自评表's actual value) the same parts or one
text for all; each value part is a value by itself (a number, a percentage, a date or a deadline)
— or the names are numbered 1, 2, … in order, whatever the values; and the row carries no weight or
score of its own (one weight cannot be shared out). A name wrapped over two lines by a narrow
column (医疗器械抽验⏎批次 | ≥100批次) has one value: it stays one name.
"""

from __future__ import annotations

import dataclasses
import re

from perfgoals_xl.model import Indicator, PerfTable, Problem, Value
from perfgoals_xl.values import parse_value

#: Most indicators one row lists (a longer list is a paragraph, not a list of indicators).
MAX_PARTS = 12
#: Value kinds that are a value by themselves (a qualitative part may be a wrapped line).
_SELF_STANDING = frozenset({"number", "percent", "date", "deadline", "period"})
#: An item number opening a part: 1. 1、 (1) （1） 1） ①.
_NUMBER = re.compile(r"^\s{0,3}(?:[(（]\s{0,2}(\d{1,2})\s{0,2}[)）]|(\d{1,2})\s{0,2}[.．、)）:：](?!\d)|([①-⑫]))\s{0,3}")
#: The same number opening a value part, its value right after it (1.100%: item 1, 100%) — looked for only
#: where the names are numbered 1, 2, … and every value part carries its item's number in order.
_VALUE_NUMBER = re.compile(r"^\s{0,3}(?:[(（]\s{0,2}(\d{1,2})\s{0,2}[)）]|(\d{1,2})\s{0,2}[.．、)）:：]|([①-⑫]))\s{0,3}")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫"
_SEPARATOR = re.compile(r"[；;]")


def split_listed(table: PerfTable) -> None:
    """Each row listing several indicators (see the module) read as those indicators, with a 读取提示."""
    split: list[str] = []
    for project in table.projects():
        project.indicators = _split_all(project.indicators, split)
    if table.plan is not None:
        table.plan.indicators = _split_all(table.plan.indicators, split)
    if split:
        more = f"等 {len(split)} 处" if len(split) > 3 else ""
        table.problems.append(Problem(
            "S11", f"读取提示：{'、'.join(split[:3])}{more}一格中逐行写了几个指标（名称与指标值行数相同），按各自的指标读取"))


def _split_all(indicators: list[Indicator], split: list[str]) -> list[Indicator]:
    out: list[Indicator] = []
    for ind in indicators:
        parts = _parts(ind)
        if parts is None:
            out.append(ind)
            continue
        split.append(f"“{ind.name.splitlines()[0].strip()[:20]}…”")
        out.extend(parts)
    if len(out) != len(indicators) and all(isinstance(i.seq, int) for i in indicators):
        for n, ind in enumerate(out, 1):  # (numbered in reading order: renumbered)
            ind.seq = n
    return out


def _pieces(text: str) -> list[str]:
    """The parts of a cell: its lines, else its ；-separated parts (blank ones dropped)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) >= 2:
        return lines
    return [part.strip() for part in _SEPARATOR.split(text) if part.strip()]


def _number(text: str, pattern: re.Pattern[str] = _NUMBER) -> int | None:
    m = pattern.match(text)
    if m is None:
        return None
    return int(m.group(1) or m.group(2)) if not m.group(3) else _CIRCLED.index(m.group(3)) + 1


def _parts(ind: Indicator) -> list[Indicator] | None:
    if ind.weight is not None or ind.score is not None or not ind.name or "\n" not in ind.name and "；" not in ind.name \
            and ";" not in ind.name:
        return None
    names = _pieces(ind.name)
    k = len(names)
    if not 2 <= k <= MAX_PARTS:
        return None
    annual = _pieces(ind.annual_value.raw)
    if len(annual) != k:
        return None
    numbered = [_number(n) for n in names] == list(range(1, k + 1))
    annual = _unnumbered(annual) if numbered else annual
    values = [parse_value(v) for v in annual]
    if not numbered and any(v.kind not in _SELF_STANDING for v in values):
        return None
    period = _same_parts(ind.period_value, k, numbered, values if ind.period_value.raw == ind.annual_value.raw else None)
    actual = _same_parts(ind.actual_value, k, numbered) if ind.actual_value is not None else [None] * k
    if period is None or actual is None:
        return None
    return [dataclasses.replace(ind, name=name, annual_value=value, period_value=p, actual_value=a,
                                extras=dict(ind.extras), field_locations=dict(ind.field_locations))
            for name, value, p, a in zip(names, values, period, actual, strict=True)]


def _same_parts(value: Value, k: int, numbered: bool, annual: list[Value] | None = None) -> list[Value] | None:
    """A second value column's k parts: the year's parts when it is the same text (``annual``), the blank
    value for each part when blank, else its own k parts (None when it has another number of them)."""
    if annual is not None:
        return annual
    if not value.raw.strip():
        return [value] * k
    parts = _pieces(value.raw)
    if len(parts) != k:
        return None
    return [parse_value(v) for v in (_unnumbered(parts) if numbered else parts)]


def _unnumbered(parts: list[str]) -> list[str]:
    """Value parts without their items' numbers, when each carries its own in order (1.100% → 100%)."""
    if [_number(v, _VALUE_NUMBER) for v in parts] != list(range(1, len(parts) + 1)):
        return parts
    return [_VALUE_NUMBER.sub("", v, count=1) for v in parts]
