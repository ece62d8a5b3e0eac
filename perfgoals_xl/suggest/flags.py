"""Which indicators our own review rules would flag as vague or unmeasurable.

An indicator is flagged by the warnings and errors of the value rules (PG-Q: a count without a
number, a rate that is no percentage, a vague qualitative value, a description for a value …),
a missing or placeholder value (PG-S05, PG-S06) and a misfiled or contradictory one (PG-K03,
PG-K04, PG-K05) — the rules a person filling in a table would be told about. Each project is
checked once, as a one-project table, so a flag means the same as in ``perfgoals check``.
"""

from __future__ import annotations

import dataclasses
import functools

from perfgoals_xl.model import FundUnit, PerfTable, Project

#: Rule codes (prefixes) whose warnings and errors flag an indicator.
FLAG_RULES = ("PG-Q", "PG-S05", "PG-S06", "PG-K03", "PG-K04", "PG-K05")


@functools.cache
def _config():
    from perfgoals_xl.rules.config import Config

    return Config().with_overrides(select=list(FLAG_RULES))


def project_flags(project: Project) -> list[list[str]]:
    """For each indicator of the project (in order), the codes of the rules that flag it."""
    from perfgoals_xl.rules import check_table

    indicators = [dataclasses.replace(ind, seq=i) for i, ind in enumerate(project.indicators, 1)]
    copy = Project(name=project.name or "项目", goal=project.goal, indicators=indicators,
                   amounts=project.amounts)
    table = PerfTable(units=[FundUnit(name="", projects=[copy])])
    flags: list[list[str]] = [[] for _ in indicators]
    for issue in check_table(table, _config()):
        seq = issue.location.seq
        if issue.severity == "info" or seq is None or not 1 <= seq <= len(flags):
            continue
        if issue.code not in flags[seq - 1]:
            flags[seq - 1].append(issue.code)
    return flags
