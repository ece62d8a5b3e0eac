"""Facts computed once per indicator and project, shared by every rule (one pass, linear).

Levels are resolved with the framework (name first, code as confirmation); names
and values get comparison keys (width folded, spaces removed, a trailing 。
ignored), so that each rule only reads prepared facts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from perfgoals_xl import framework
from perfgoals_xl.model import FundUnit, Indicator, PerfTable, Project, Value

_SPACES = re.compile(r"\s+")
#: Names of a rate (比率): 率 at the end, or 比例 / 比率 / 占比 / 百分比 anywhere.
_RATE = re.compile(r"(?:率|比例|比率|占比|百分比|百分率)$|比例|占比")
#: 率 words that are not a percentage (频率 is counted, 效率/功率/速率 are measured).
_NOT_RATE = re.compile(r"(?:频率|功率|速率|效率|汇率|利率)$")


@lru_cache(maxsize=65536)
def key(text: str | None) -> str:
    """Comparison key: NFKC width folding, no whitespace, no trailing 。/."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text)
    folded = _SPACES.sub("", folded)
    return folded.rstrip("。.")


@lru_cache(maxsize=65536)
def is_rate_name(name: str) -> bool:
    """Is this indicator name a rate (…率, …比例), which implies a percentage?"""
    return bool(_RATE.search(name)) and not _NOT_RATE.search(name)


def has_number(value: Value) -> bool:
    """Does the value carry a number (a count, a %, or a digit inside its text)?"""
    if value.number is not None or value.kind in ("number", "percent"):
        return True
    return any(ch.isdigit() for ch in value.raw)


@dataclass
class IndicatorFacts:
    """An indicator with its resolved levels and comparison keys."""

    ind: Indicator
    project: Project
    unit: FundUnit
    name: str  # comparison key of the name
    l1: framework.Level1 | None  # resolved by name (code when the name is empty)
    l2: framework.Level2 | None
    l1_code: str | None  # effective level-1 code ("1".."4")
    l2_code: str | None  # effective level-2 code ("11".."43")
    period_key: str
    annual_key: str
    is_rate: bool

    @property
    def same_values(self) -> bool:
        """Are the two values the same text (trailing 。 ignored)?"""
        return self.period_key == self.annual_key

    def values(self) -> list[tuple[str, Value]]:
        """The values to judge: one entry 'values' when both are the same text, else each one."""
        ind = self.ind
        if self.same_values:
            return [("values", ind.period_value)]
        return [("period_value", ind.period_value), ("annual_value", ind.annual_value)]

    @property
    def is_satisfaction(self) -> bool:
        """Filed under 满意度 (level-1 3), or named …满意…."""
        return self.l1_code == "3" or "满意" in self.name

    @property
    def is_cost(self) -> bool:
        """A 成本指标: level-2 14 under 产出, or level-1 4 (2021 regime)."""
        return self.l2_code == "14" or self.l1_code == "4"


@lru_cache(maxsize=4096)
def resolve_levels(
    l1_code: str | None, l1_name: str, l2_code: str | None, l2_name: str
) -> tuple[framework.Level1 | None, framework.Level2 | None]:
    """Level-1 and level-2 classes as written (name first, code as fallback); cached."""
    l1 = framework.resolve_level1(l1_code, l1_name)
    l2 = framework.resolve_level2(l2_code, l2_name, l1.code if l1 else None)
    return l1, l2


def indicator_facts(ind: Indicator, project: Project, unit: FundUnit) -> IndicatorFacts:
    """Resolve levels and compute keys for one indicator."""
    l1, l2 = resolve_levels(ind.level1_code, ind.level1 or "", ind.level2_code, ind.level2 or "")
    name = key(ind.name)
    return IndicatorFacts(
        ind=ind, project=project, unit=unit, name=name, l1=l1, l2=l2,
        l1_code=l1.code if l1 else None, l2_code=l2.code if l2 else None,
        period_key=key(ind.period_value.raw), annual_key=key(ind.annual_value.raw),
        is_rate=is_rate_name(name),
    )


@dataclass
class ProjectContext:
    """One project, its indicators' facts and what the rules need to know about the table."""

    table: PerfTable
    unit: FundUnit
    project: Project
    facts: list[IndicatorFacts]
    profile: str
    goal_key: str = ""
    l1_codes: set[str] = field(default_factory=set)
    l2_codes: set[str] = field(default_factory=set)

    @property
    def layout(self) -> str | None:
        """The source layout of the table (published_text, longform, …)."""
        return self.table.layout


def project_context(table: PerfTable, unit: FundUnit, project: Project, profile: str) -> ProjectContext:
    """Facts of every indicator of a project, and the level codes present."""
    facts = [indicator_facts(ind, project, unit) for ind in project.indicators]
    ctx = ProjectContext(table=table, unit=unit, project=project, facts=facts, profile=profile,
                         goal_key=key(project.goal))
    for f in facts:
        if f.l1_code:
            ctx.l1_codes.add(f.l1_code)
        if f.l2_code:
            ctx.l2_codes.add(f.l2_code)
    return ctx


@dataclass
class TableContext:
    """The whole table with every project's context (for table-wide rules)."""

    table: PerfTable
    projects: list[ProjectContext]
    profile: str
