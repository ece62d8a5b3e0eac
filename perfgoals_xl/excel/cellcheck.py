"""Check one 绩效指标 cell on its own (the worksheet function PG_CHECK).

The cell's items become the indicators of a one-project table, which the
ordinary rules check; findings about what a lone cell cannot have — the
project's 绩效目标 and amounts (A-family, C01, K06) — are left out.
"""

from __future__ import annotations

from typing import Any

from perfgoals_xl.grammar import parse
from perfgoals_xl.model import FundUnit, PerfTable, Project

#: Rules about the project around the cell, not about the cell.
PROJECT_ONLY = ("PG-A", "PG-C01", "PG-K06")
_PROJECT = "（单元格）"


def check_indicator_text(text: str) -> list[Any]:
    """Issues of one 绩效指标 text (list of perfgoals_xl.rules.Issue), in item order."""
    from perfgoals_xl.rules import check_table

    result = parse(text)
    project = Project(name=_PROJECT, indicators=result.items, indicators_raw=text)
    table = PerfTable(units=[FundUnit(name="", projects=[project])])
    for problem in result.problems:
        problem.project = _PROJECT
        problem.field = problem.field or "indicators"
    table.problems = list(result.problems)
    return [i for i in check_table(table) if not i.code.startswith(PROJECT_ONLY)]
