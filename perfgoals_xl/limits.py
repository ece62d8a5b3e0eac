"""Bounds on every number read from an input (docs/limits.md).

Inputs are hostile: a JSON ``"seq": 1e999999999`` would build a billion-digit integer,
an amount of 400 digits overflows a float and breaks decimal arithmetic. Every reader
passes numbers through these checks *before* converting them, and the table as read
goes through :func:`bound_table` (out-of-range amounts become a problem A03 and a blank
cell, never a crash, an ``Infinity`` in JSON or a silently rounded figure).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from perfgoals_xl.model import AMOUNT_FIELDS, AMOUNT_LABELS, Amounts, Indicator, PerfTable, Problem

#: Largest amount (万元, absolute value): a thousand trillion 万元 is beyond any budget.
MAX_AMOUNT = Decimal(10) ** 15
#: Most significant digits of an amount kept exactly (the decimal context's precision).
MAX_AMOUNT_DIGITS = 28
#: Largest indicator sequence number (指标序号) read as a number.
MAX_SEQ = 9999
#: Largest integer of any other kind (line numbers, offsets) read from an input.
MAX_INT = 10 ** 9
#: Largest weight (权重, in percent or points).
MAX_WEIGHT = 1000.0
#: Longest text of a number we try to read at all.
MAX_NUMBER_CHARS = 64
#: Longest unit or department label (name with its code) read as a name: longer ones are cut
#: (sources/hierarchy.py; the writers warn before writing one: sinks/losses.py).
MAX_LABEL = 200


def amount_error(value: Decimal) -> str | None:
    """Why this amount cannot be used (in Chinese), or None when it is in range."""
    if not value.is_finite():
        return "不是有限的数字"
    if value.copy_abs() >= MAX_AMOUNT:  # copy_abs: no context rounding (1e999999999 overflows abs)
        return "绝对值超出可处理的范围（应小于 10^15 万元）"
    if len(value.as_tuple().digits) > MAX_AMOUNT_DIGITS:
        return f"有效数字超过 {MAX_AMOUNT_DIGITS} 位，无法精确处理"
    return None


def bounded_int(text: object, limit: int = MAX_INT) -> int | None:
    """An integer written as text (or a number), when it is whole and 0 ≤ n ≤ limit; else None.

    The length is checked before any conversion, so no input builds a huge integer.
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if 0 <= text <= limit else None
    s = str(text).strip()
    if not s or len(s) > MAX_NUMBER_CHARS:
        return None
    try:
        number = Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None
    if not number.is_finite() or number.adjusted() > len(str(limit)) or number != number.to_integral_value():
        return None
    value = int(number)
    return value if 0 <= value <= limit else None


def exact_float(value: Decimal) -> float | None:
    """The float equal to this decimal when one is (15–17 significant digits may not be), else None."""
    f = float(value)
    if f != f or f in (float("inf"), float("-inf")):
        return None
    return f if Decimal(repr(f)) == value else None


def plain(value: Decimal) -> str:
    """A decimal as plain text, never in exponent notation (1E+3 → 1000)."""
    return format(value, "f")


def bound_amounts(amounts: Amounts, row: str, problems: list[Problem], *, location=None,
                  project: str | None = None) -> None:
    """Blank each out-of-range amount of one row and report it (A03)."""
    for key in AMOUNT_FIELDS:
        value = amounts.get(key)
        if value is None:
            continue
        why = amount_error(value)
        if why is not None:
            setattr(amounts, key, None)
            shown = str(value)
            shown = shown if len(shown) <= 40 else shown[:37] + "…"
            problems.append(Problem("A03", f"“{row}”的{AMOUNT_LABELS[key]} {shown} {why}，已按空白处理",
                                    location=location, raw=shown, project=project, field=key))


def _bound_weight(ind: Indicator, project: str | None, problems: list[Problem]) -> None:
    """Blank an out-of-range weight (also NaN) and report it (S01)."""
    w = ind.weight
    if w is not None and not (abs(w) <= MAX_WEIGHT):  # also catches NaN
        problems.append(Problem("S01", f"权重 {w} 超出范围（0–{MAX_WEIGHT:g}），已按空白处理",
                                location=ind.location, project=project, seq=ind.seq, field="weight"))
        ind.weight = None


def bound_table(table: PerfTable) -> PerfTable:
    """Bound every amount and weight of a table as read; what is out of range becomes a problem."""
    problems: list[Problem] = []
    bound_amounts(table.amounts, "合计", problems, location=table.location)
    for unit in table.units:
        bound_amounts(unit.amounts, unit.name, problems, location=unit.location)
        for project in unit.projects:
            bound_amounts(project.amounts, project.name, problems, location=project.location,
                          project=project.name)
            for ind in project.indicators:
                _bound_weight(ind, project.name, problems)
    plan = table.plan  # a department-wide table (部门整体支出绩效目标表): its block and indicators
    if plan is not None:
        bound_amounts(plan.amounts, plan.name or "部门整体", problems, location=plan.location)
        for task in plan.tasks:
            bound_amounts(task.amounts, task.name, problems, location=task.location)
        for ind in plan.indicators:
            _bound_weight(ind, None, problems)
    table.problems.extend(problems)
    return table
