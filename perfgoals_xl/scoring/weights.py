"""Do a project's 分值 add up? The totals its indicators' weights may have, as the rules and the table say.

The rules (财预〔2020〕10号): 预算执行率 10 and the indicators 90, 100 in all; a province may split
otherwise. So the indicators of a 自评表 must add up to 100 − the budget line's 分值, where
that 分值 is the one printed in the table's budget block (a province giving it 20 expects 80), else
the profile's (10). Also accepted:

- when the table prints no budget 分值 and either has no budget data, or scores 预算执行率 among its
  indicators (an indicator named so), or prints a total score that is the sum of its indicators'
  得分 (the budget gets no points: a 转移支付区域绩效自评表): 100 as well as 90;
- when a level-1 group is left out (a table without 满意度指标: PG-C04's finding; a held copy
  cut short), the split the table prints in its level labels (产出指标(40分)、效益指标(20分) →
  60) when every level-1 present prints one and it leaves room for the budget line; without
  labels, any total that leaves room for the budget line (the province's split of the groups
  present is not known: 80 by the default shares, 60 for a province giving 产出 60).

A sum matching none of these is wrong (PG-E07, an error) and the project gets no grade.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfgoals_xl.model import Project
from perfgoals_xl.scoring.profile import ScoringProfile

_BUDGET_INDICATOR = ("预算执行率", "预算执行")


@dataclass(frozen=True)
class WeightsCheck:
    """The sum of the indicators' 分值, the totals it may have, and the budget 分值 counted."""

    total: float
    expected: float  # the main acceptable total: 100 − budget
    budget: float
    accepted: tuple[float, ...]
    tolerance: float

    @property
    def adds_up(self) -> bool:
        """Whether the sum is one of the accepted totals (within the tolerance)."""
        return any(abs(self.total - a) <= self.tolerance for a in self.accepted)


def _printed_split(project: Project, groups: list[str | None]) -> float | None:
    """The sum of the level-1 weights the labels print, when every level-1 present prints one."""
    printed: dict[str, float] = {}
    for ind, group in zip(project.indicators, groups, strict=True):
        key = ind.level1 or group or ""
        weight = ind.level1_weight
        if weight is None:
            return None
        printed.setdefault(key, float(weight))
    return sum(printed.values()) if printed else None


def total_is_indicators(project: Project, tolerance: float) -> bool:
    """Does the table's own total (得分合计) equal the sum of its indicators' 得分 — the form gives
    the budget no points (a 转移支付区域绩效自评表 scoring its indicators out of 100)?"""
    scores = [i.score for i in project.indicators]
    if project.total_score is None or not scores or any(s is None for s in scores):
        return False
    return abs(sum(float(s) for s in scores if s is not None) - project.total_score) <= tolerance


def budget_unscored(project: Project, tolerance: float) -> bool:
    """A table whose indicators' 分值 add up to 100 and whose 得分合计 is their 得分's sum, printing no
    分值 on its budget line: the budget gets no points (its 执行率 is still reported)."""
    weights = [i.weight for i in project.indicators]
    return (bool(weights) and all(w is not None for w in weights)
            and abs(sum(float(w) for w in weights if w is not None) - 100) <= tolerance
            and total_is_indicators(project, tolerance))


def check_weights(project: Project, groups: list[str | None], profile: ScoringProfile,
                  budget_missing: bool, printed: float | None) -> WeightsCheck | None:
    """The check of a project whose every indicator has a 分值 (None otherwise); ``printed`` is the
    budget line's printed 分值 (``scoring.project.printed_budget_weight``)."""
    weights = [i.weight for i in project.indicators]
    if not weights or any(w is None for w in weights):
        return None
    total = sum(float(w) for w in weights if w is not None)
    budget = printed if printed is not None else profile.budget_weight
    accepted = [100 - budget]
    in_indicators = any(any(k in (i.name or "") for k in _BUDGET_INDICATOR) for i in project.indicators)
    # 分值 printed with two decimals (a PDF, a typed-over form) each carry up to 0.005 of rounding
    tolerance = max(profile.weight_tolerance, 0.005 * len(weights))
    if printed is None and (budget_missing or in_indicators or total_is_indicators(project, tolerance)):
        accepted.append(100.0)
    present = {g for g in groups if g is not None}
    absent = [g for g in ("1", "2", "3") if g not in present]
    if present and absent:  # a level-1 group left out (PG-C04): its share is not there to add up
        split = _printed_split(project, groups)
        if split is not None:  # the split the labels print for the groups present
            if split <= 100 - budget + tolerance:
                accepted.append(split)
        elif total <= 100 - budget + tolerance:
            # no label says how the province splits the groups present: any total that leaves
            # room for the missing ones (the default shares give 80 without 满意度; 产出 60 is
            # a province's split too)
            accepted.append(total)
    return WeightsCheck(total, 100 - budget, budget, tuple(accepted), tolerance)
