"""Score a project (项目支出绩效自评): weights, 预算执行率, indicator scores, total and grade.

Weights: the table's 分值/权重 when every indicator has one, else the level-1 shares (the
table's own from its level labels, else the profile's 产出 50 / 效益 30 / 满意度 10; 成本 with
产出 unless it has its own share) split equally among the indicators of each level-1; when
only some have a 分值, those keep it and the others share what their level-1's share leaves. 预算执行率 = 全年执行数 / 全年预算数
(年初预算数 when no adjusted budget is given), score = min(rate, 1) × 10. Indicators
marked 不适用 are left out; the total is rescaled to 100 over what remains.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from perfgoals_xl import framework
from perfgoals_xl.caches import file_cache
from perfgoals_xl.model import (
    DepartmentPlan,
    FundUnit,
    Indicator,
    PerfTable,
    Project,
    scoring_sheet,
)
from perfgoals_xl.scoring.indicator import Scored, awards_bonus, claimed_score, score_value
from perfgoals_xl.scoring.profile import ScoringProfile
from perfgoals_xl.scoring.weights import WeightsCheck, budget_unscored, check_weights

#: A whole number token in a printed cell (10 / 10分 / 12.5): not a piece of a longer one (1e+308,
#: 400 digits, 1.2.3 are no 分值 — a part of them was read as one).
_NUMBER = re.compile(r"(?<![0-9A-Za-z.,+\-])\d{1,6}(?:\.\d{1,6})?(?![0-9A-Za-z.,])")
_L1_NAMES = {"1": "产出指标", "2": "效益指标", "3": "满意度指标", "4": "成本指标"}


@dataclass(frozen=True)
class IndicatorScore:
    """One indicator's score: its level-1 group, effective weight (分值), and the result."""

    indicator: Indicator
    group: str | None  # level-1 code used for the default weight; None when unresolved
    weight: float
    result: Scored

    @property
    def points(self) -> float:
        """得分 at the indicator's weight (0 when 不适用)."""
        return self.result.points

    @property
    def needs_reason(self) -> bool:
        """Below its weight with no 偏差原因分析及改进措施 written (an actual given, not 不适用; a
        scoring sheet's claim explains itself by its 评分标准, it has no 偏差原因 to fill)."""
        return (self.result.method not in ("not_applicable", "missing", "claimed")
                and self.points < self.weight - 1e-6 and not (self.indicator.deviation_reason or "").strip())


@dataclass(frozen=True)
class BudgetScore:
    """预算执行率: rate = 全年执行数 / 全年预算数, points = min(rate, 1) × weight."""

    weight: float
    rate: float | None
    points: float
    missing: bool


@dataclass
class ProjectScore:
    """A project's self-evaluation: every indicator's score, the budget, the total (of 100) and the grade."""

    project: Project
    unit: str
    indicators: list[IndicatorScore]
    budget: BudgetScore
    total: float
    grade: str
    weights_source: str  # "table" (分值 given) / "default" / "partial" (some given: defaults used)
    weights_sum: float | None  # sum of the weights the table gives (None: none given)
    notes: list[str] = field(default_factory=list)
    #: A 分值 below zero was given (the total is computed with it as 0), or the 分值 do not add up
    #: (scoring/weights.py): no grade is given.
    weights_invalid: bool = False
    #: How the table's 分值 add up (None unless every indicator has one).
    weights_check: WeightsCheck | None = None

    @property
    def missing(self) -> int:
        """Indicators without an actual value, plus the budget execution when not given."""
        return sum(1 for s in self.indicators if s.result.missing) + (1 if self.budget.missing else 0)

    @property
    def needs_reason(self) -> int:
        """Indicators below their weight with no deviation reason."""
        return sum(1 for s in self.indicators if s.needs_reason)

    @property
    def possible(self) -> float:
        """The points the applicable items can earn (before rescaling to 100)."""
        return self.budget.weight + sum(s.weight for s in self.indicators if not s.result.not_applicable)

    @property
    def earned(self) -> float:
        """The points earned (before rescaling to 100)."""
        return self.budget.points + sum(s.points for s in self.indicators if not s.result.not_applicable)


#: The grade of a score built on invalid 分值 (PG-E07 reports them as errors).
NO_GRADE = "无等级（分值无效）"


def plan_project(plan: DepartmentPlan, department: str = "") -> Project:
    """A department-wide block (部门整体支出) as the project the scoring core and the 自评 rules judge:
    its name, amounts, goal, indicators, budget execution, printed budget line and 总分 (the plan's
    own lists and dicts, not copies: nothing judges by changing them)."""
    return Project(name=plan.name or department, amounts=plan.amounts, goal=plan.goal, indicators=plan.indicators,
                   department=department or None, budget_initial=plan.budget_initial,
                   budget_adjusted=plan.budget_adjusted, budget_executed=plan.budget_executed,
                   actual_summary=plan.actual_summary, budget_block=plan.budget_block, extras=plan.extras,
                   total_score=plan.total_score, values_printed=plan.values_printed, location=plan.location,
                   field_locations=plan.field_locations)


def has_actuals(table: PerfTable) -> bool:
    """Does the table carry any self-evaluation data (an actual value, a 得分, a budget execution)?"""
    if table.kind == "department" and table.plan is not None and table.plan.is_selfeval():
        return True
    for unit in table.units:
        for project in unit.projects:
            if project_has_actuals(project):
                return True
    return False


def project_has_actuals(project: Project) -> bool:
    """Does the project carry an actual value, a claimed 得分 or a 全年执行数?"""
    if project.budget_executed is not None or project.actual_summary:
        return True
    return any(i.actual_value is not None or i.score is not None for i in project.indicators)


def group_of(ind: Indicator, profile: ScoringProfile) -> str | None:
    """The level-1 group whose default share the indicator takes (成本 → 产出 unless it has its own)."""
    l1 = framework.resolve_level1(ind.level1_code, ind.level1)
    l2 = framework.resolve_level2(ind.level2_code, ind.level2, l1.code if l1 else None)
    code = l1.code if l1 else None
    if code is None:
        return None
    is_cost = code == "4" or (l2 is not None and l2.code == "14")
    if is_cost:
        return "4" if profile.cost_weight is not None else "1"
    return code


def _direction(ind: Indicator, project: Project, unit: FundUnit | None) -> str | None:
    """正向 / 反向 as written, else judged from the name and level (rules' K05 judgement)."""
    if ind.direction in ("正向", "反向"):
        return ind.direction
    written = (ind.direction or "").strip()
    if written in ("正向", "反向"):
        return written
    return _judged_direction(ind.name, ind.level1_code, ind.level1 or "", ind.level2_code, ind.level2 or "")


@file_cache(4096)
def _judged_direction(name: str | None, l1_code: str | None, l1_name: str, l2_code: str | None,
                      l2_name: str) -> str | None:
    """The direction the rules judge (rules' K05: consistency.direction_of) of an indicator with no
    direction written, from what that judgement reads — its name and levels — without making all
    its facts; a 成本 indicator without one is 反向. Cached: names and levels repeat across projects."""
    from perfgoals_xl.rules.consistency import direction_of_name
    from perfgoals_xl.rules.facts import is_rate_name, key, resolve_levels

    name_key = key(name)
    judged = direction_of_name(name_key, is_rate_name(name_key))
    if judged is None:
        l1, l2, _ = resolve_levels(l1_code, l1_name, l2_code, l2_name)
        if (l2 is not None and l2.code == "14") or (l1 is not None and l1.code == "4"):  # IndicatorFacts.is_cost
            return "反向"
    return judged


def share_key(ind: Indicator, profile: ScoringProfile) -> str | None:
    """The level-1 share an indicator draws its default weight from: its framework group (1 产出,
    2 效益, 3 满意度, 4 成本), or — for a level the framework does not know (管理指标, 效果指标 of a
    department system) printed with its weight (管理指标(30分)) — that level's own; None: no share."""
    group = group_of(ind, profile)
    if group is None and ind.level1_weight is not None and (ind.level1 or "").strip():
        return "级:" + ind.level1.strip()
    return group


def level_shares(indicators: list[Indicator], profile: ScoringProfile) -> dict[str, float]:
    """Points per level-1 share: the profile's (产出 50 / 效益 30 / 满意度 10), except where the table
    prints its own split in a level label (``产出指标(70分)``: the province's split wins; a level of a
    department system with its weight, ``管理指标(30分)``, has that share)."""
    shares = dict(profile.level1_weights())
    for ind in indicators:
        w = ind.level1_weight
        if w is not None and 0 <= w <= 100:
            key = share_key(ind, profile)
            if key is not None:
                shares[key] = float(w)
    return shares


def _default_weights(indicators: list[Indicator], profile: ScoringProfile) -> list[tuple[str | None, float]]:
    groups = [group_of(i, profile) for i in indicators]
    keys = [share_key(i, profile) for i in indicators]
    shares = level_shares(indicators, profile)
    counts: dict[str, int] = {}
    for k in keys:
        if k is not None:
            counts[k] = counts.get(k, 0) + 1
    return [(g, shares.get(k, 0.0) / counts[k] if k is not None else 0.0) for g, k in zip(groups, keys, strict=True)]


def _partial_weights(indicators: list[Indicator], profile: ScoringProfile) -> list[tuple[str | None, float]]:
    """Some 分值 printed, some not: the printed ones kept; the others share what their level-1's
    share leaves (0 when the printed ones fill it: breakdown rows under a scored ★ indicator)."""
    groups = [group_of(i, profile) for i in indicators]
    keys = [share_key(i, profile) for i in indicators]
    shares = level_shares(indicators, profile)
    printed: dict[str | None, float] = {}
    blanks: dict[str | None, int] = {}
    for k, ind in zip(keys, indicators, strict=True):
        if ind.weight is not None:
            printed[k] = printed.get(k, 0.0) + max(float(ind.weight), 0.0)
        else:
            blanks[k] = blanks.get(k, 0) + 1
    out: list[tuple[str | None, float]] = []
    for g, k, ind in zip(groups, keys, indicators, strict=True):
        if ind.weight is not None:
            out.append((g, max(float(ind.weight), 0.0)))
        else:
            left = shares.get(k, 0.0) - printed.get(k, 0.0) if k is not None else 0.0
            out.append((g, max(left, 0.0) / blanks[k]))
    return out


def printed_budget_weight(project: Project) -> float | None:
    """The 分值 printed on the budget line (预算执行率), when it is a number in [0, 100]."""
    text = (project.budget_block or {}).get("weight")
    m = _NUMBER.search(text or "")
    if m is None:
        return None
    value = float(m.group(0))
    return value if 0 <= value <= 100 else None


def budget_weight_of(project: Project, profile: ScoringProfile) -> float:
    """The budget line's points: the printed 分值 when the table's own split adds up to 100 with it
    (the indicators' 分值, or the level labels' weights, plus it), else the profile's (10)."""
    printed = printed_budget_weight(project)
    if printed is None or abs(printed - profile.budget_weight) < 1e-9:
        return profile.budget_weight
    inds = project.indicators
    weights = [i.weight for i in inds]
    if inds and all(w is not None for w in weights) and abs(sum(weights) + printed - 100) <= 0.05:  # type: ignore[arg-type]
        return printed
    labels = {(i.level1 or "").strip(): i.level1_weight for i in inds if i.level1_weight is not None}
    if labels and abs(sum(labels.values()) + printed - 100) <= 0.05:  # type: ignore[arg-type]
        return printed
    return profile.budget_weight


def no_budget_line(project: Project) -> bool:
    """A scoring sheet printing no budget line at all (no 预算执行 block, no 年初/全年预算数, no 执行数):
    its framework scores 预算执行 among its criteria (执行 › 预算执行率), the indicators are the 100."""
    return (scoring_sheet(project) and not project.budget_block and project.budget_initial is None
            and project.budget_adjusted is None and project.budget_executed is None)


def budget_score(project: Project, profile: ScoringProfile) -> BudgetScore:
    """预算执行率 and its points; missing when the execution or the budget is not given (none at all,
    0 points of 0, on a scoring sheet printing no budget line)."""
    if no_budget_line(project):
        return BudgetScore(0.0, None, 0.0, False)
    weight = budget_weight_of(project, profile)
    if printed_budget_weight(project) is None and budget_unscored(project, profile.weight_tolerance):
        weight = 0.0  # (a 转移支付区域绩效自评表: the indicators are the 100, the budget line has no points)
    base = project.budget_adjusted if project.budget_adjusted is not None else project.budget_initial
    executed = project.budget_executed
    if base is None or executed is None or base <= 0:
        return BudgetScore(weight, None, 0.0, True)
    rate = float(executed / base)
    if not math.isfinite(rate) or rate < 0:
        return BudgetScore(weight, None, 0.0, True)
    rate = min(rate, 1e6)
    return BudgetScore(weight, rate, min(rate, 1.0) * weight, False)


def score_project(project: Project, profile: ScoringProfile | None = None, unit: FundUnit | None = None) -> ProjectScore:
    """Compute every score of one project (pure: the project is not changed)."""
    profile = profile or ScoringProfile()
    inds = project.indicators
    given = [i.weight for i in inds if i.weight is not None]
    defaults = _default_weights(inds, profile)
    invalid = any(float(w) < 0 for w in given)
    if inds and len(given) == len(inds):
        source = "table"
        # a negative 分值 counts as 0 (never more than 100 in total); the project gets no grade
        weights = [(g, max(float(i.weight), 0.0)) for (g, _), i in zip(defaults, inds, strict=True)]  # type: ignore[arg-type]
    elif given:
        source = "partial"
        weights = _partial_weights(inds, profile)
    else:
        source = "default"
        weights = defaults
    scores = []
    claims = scoring_sheet(project)  # no target, no actual printed: the claim is the score
    for ind, (group, weight) in zip(inds, weights, strict=True):
        if claims:
            scores.append(IndicatorScore(ind, group, weight, claimed_score(
                ind.score, weight, bonus=awards_bonus(ind.extras.values()))))
            continue
        time_like = group is not None and (ind.level2_code == "13" or "时效" in (ind.level2 or ""))
        result = score_value(ind.annual_value, ind.actual_value, weight, _direction(ind, project, unit), profile,
                             claimed=ind.score, time_like=time_like, nature=ind.nature)
        scores.append(IndicatorScore(ind, group, weight, result))
    budget = budget_score(project, profile)
    score = ProjectScore(project=project, unit=unit.name if unit else "", indicators=scores, budget=budget,
                         total=0.0, grade="", weights_source=source,
                         weights_sum=sum(given) if given else None)
    possible = score.possible
    score.total = round(score.earned / possible * 100, 2) if possible > 0 else 0.0
    if source == "table":
        printed = 0.0 if no_budget_line(project) else printed_budget_weight(project)
        score.weights_check = check_weights(project, [g for g, _ in defaults], profile, budget.missing, printed)
        invalid = invalid or (score.weights_check is not None and not score.weights_check.adds_up)
    score.weights_invalid = invalid
    score.grade = NO_GRADE if invalid else profile.grade(score.total)
    return score


def score_table(table: PerfTable, profile: ScoringProfile | None = None) -> list[ProjectScore]:
    """Every project's self-evaluation, in table order; a department-wide table's block as one
    (部门整体支出绩效自评: the same scoring core)."""
    profile = profile or ScoringProfile()
    if table.kind == "department" and table.plan is not None:
        return [score_project(plan_project(table.plan, table.department), profile)]
    return [score_project(p, profile, u) for u in table.units for p in u.projects]


def iter_scores(table: PerfTable, profile: ScoringProfile | None = None) -> Iterator[ProjectScore]:
    """score_table's scores made one at a time as they are taken (each can leave memory before
    the next is made)."""
    profile = profile or ScoringProfile()
    if table.kind == "department" and table.plan is not None:
        yield score_project(plan_project(table.plan, table.department), profile)
        return
    for unit in table.units:
        for project in unit.projects:
            yield score_project(project, profile, unit)


def level1_label(code: str | None) -> str:
    """产出指标 / 效益指标 / 满意度指标 / 成本指标 for a group code."""
    return _L1_NAMES.get(code or "", "未识别")
