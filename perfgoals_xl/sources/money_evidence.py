"""Amounts printed with no unit anywhere: when the table itself shows they are 元, not 万元.

A table that names no unit (no 单位：万元 line, no (万元) in a header) is read in 万元, the unit
of the official template. Some systems export in 元 and say so nowhere — except in the table
itself: a project whose indicator reads 维护成本 <1681680元 beside an amount of 1681680, or a
department total of 92156434 (9,215 亿元 if it were 万元). This module names that evidence;
the layout converts and says what it assumed (读取提示), never silently.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal

from perfgoals_xl.model import Amounts, FundUnit, Project

#: An amount no single department table holds in 万元 (1,000 亿元), when every amount is whole.
YUAN_MAGNITUDE = Decimal(10_000_000)
_MIN_SPELLED = Decimal(1000)  # an amount restated in a text is evidence from four digits on
_TEXT_LIMIT = 20_000  # characters of one text looked at


def _amounts(units: Iterable[FundUnit]) -> Iterator[Decimal]:
    for unit in units:
        yield from _values(unit.amounts)
        for project in unit.projects:
            yield from _values(project.amounts)


def _values(amounts: Amounts) -> Iterator[Decimal]:
    for value in (amounts.total, amounts.fiscal, amounts.special, amounts.other):
        if value is not None:
            yield value


def _texts(project: Project) -> Iterator[str]:
    yield project.goal
    yield from project.extras.values()
    for indicator in project.indicators:
        yield indicator.name
        yield indicator.annual_value.raw
        yield indicator.period_value.raw


def _spelled_in_yuan(digits: str, text: str) -> bool:
    """Does text write the number `digits` followed by 元 (not 万元), standing alone as a number?"""
    text = unicodedata.normalize("NFKC", text[:_TEXT_LIMIT]).replace(",", "")  # (１６８１６８０元 typed in full width)
    start = text.find(digits + "元")
    while start != -1:
        before = text[start - 1] if start else ""
        if not (before.isdigit() or before == "."):
            return True
        start = text.find(digits + "元", start + 1)
    return False


def yuan_evidence(units: list[FundUnit]) -> str | None:
    """Why the unlabelled amounts of these units and projects are 元, or None when nothing says so."""
    amounts = list(_amounts(units))
    if not amounts:
        return None
    for unit in units:
        for project in unit.projects:
            total = project.amounts.total
            if total is None or total < _MIN_SPELLED or total != total.to_integral_value():
                continue
            digits = str(int(total))
            if any(text and _spelled_in_yuan(digits, text) for text in _texts(project)):
                return f"项目“{project.name[:40]}”的金额 {digits} 在表中写作“{digits}元”"
    largest = max(amounts)
    if largest >= YUAN_MAGNITUDE and all(a == a.to_integral_value() for a in amounts):
        return f"金额 {int(largest)} 按万元计超过 1000 亿元，且全部为整数"
    return None


def _scaled(amounts: Amounts, factor: Decimal) -> None:
    for name in ("total", "fiscal", "special", "other"):
        value = getattr(amounts, name)
        if value is not None:
            setattr(amounts, name, value / factor)


def convert_yuan(units: list[FundUnit], extra: Iterable[Amounts] = ()) -> None:
    """Turn the 元 amounts of these units, their projects and `extra` (a 合计 row) into 万元."""
    factor = Decimal(10000)
    for unit in units:
        _scaled(unit.amounts, factor)
        for project in unit.projects:
            _scaled(project.amounts, factor)
            for name in ("budget_initial", "budget_adjusted", "budget_executed"):
                value = getattr(project, name)
                if value is not None:
                    setattr(project, name, value / factor)
    for amounts in extra:
        _scaled(amounts, factor)
