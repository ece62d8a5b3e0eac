"""D — department-wide tables (部门整体支出绩效目标表 and its 自评表): the block's own rules.

A department-wide table has no projects: the project rules about a 项目 (A04, C01–C07, S02, K02,
K07) do not apply. Its indicators get the indicator rules (S03–S12, Q…, K…; S03 / S04 / S12 not on
levels of a department system such as 管理指标 / 效果指标; S04 and S05's values not on a plan listing its
indicators as texts under their level 1, the 2015 申报表), the indicator-list rules S05 / S07 / K06
and, for a 自评表, every E rule, scored by the same core as a project (scoring.plan_project); a
finding whose message speaks of a 项目 is dropped (the E rules say ``department`` instead). These rules
judge its block: the 年度绩效总目标 (D01), the amounts (D02: 年度资金总额 = Σ 其中,
基本支出 + 项目支出, the 年度主要任务) and whether it has indicators of the main classes (D03).
Their hits name the field; the engine turns the field into the cell it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from perfgoals_xl import framework
from perfgoals_xl.model import (
    AMOUNT_FIELDS,
    AMOUNT_LABELS,
    DepartmentPlan,
    Indicator,
    PerfTable,
    scoring_sheet,
)
from perfgoals_xl.rules.base import Doc, Hit, rule
from perfgoals_xl.rules.facts import ProjectContext

_BASIS = ("财预〔2015〕88号《中央部门预算绩效目标管理办法》第六条（部门整体支出绩效目标）、第十二条（审核完整性）；"
          "各地《部门整体支出绩效目标管理》办法（部门整体支出绩效目标申报表）")
_NO_SPACE = re.compile(r"\s+")
#: Shortest 年度绩效总目标 that can say what the department achieves (characters, blanks not counted).
MIN_GOAL = 10
#: Level-1 names of department-wide indicator systems beside 产出/效益/满意度 (provincial frameworks
#: of 部门整体支出: 管理指标 / 效果指标, 履职效能 / 管理效率 / 社会效应 / 可持续发展 …), normalised by
#: ``framework.normalise_name``; their level 2 are the department's own (预算编审管理 …).
DEPARTMENT_LEVEL1 = frozenset({
    "管理", "效果", "履职效能", "管理效率", "运行成本", "社会效应", "可持续发展", "投入", "过程", "部门管理",
    "履职", "职责履行", "决策", "预算管理", "财务管理", "资产管理", "业务管理", "履职效果", "社会效果",
})
#: Department level-1 names that stand for outputs (产出) and for benefits (效益).
_OUTPUT_LIKE = frozenset({"产出", "履职效能", "履职", "职责履行"})
_BENEFIT_LIKE = frozenset({"效益", "效果", "社会效应", "可持续发展", "履职效果", "社会效果"})


def department_level(level1: str) -> bool:
    """Is this level 1 a department-wide system's own (管理指标, 效果指标 …), not the project framework's?"""
    return framework.normalise_name(level1 or "") in DEPARTMENT_LEVEL1


def rule_applies(code: str, ind: Indicator | None, *, listed: bool = False) -> bool:
    """Does a rule judge this indicator of a department plan? The framework rules S03 / S04 do not
    judge levels of a department-wide system (管理指标 → 预算编审管理 is right there); S04 asks no
    level 2 of a plan that lists its indicators under their level 1 only (``listed``:
    :func:`listed_under_levels`)."""
    if ind is None:
        return True
    if code == "PG-S04" and listed:
        return False
    return not (code in ("PG-S03", "PG-S04", "PG-S12") and department_level(ind.level1))


def listed_under_levels(plan: DepartmentPlan) -> bool:
    """Does the plan list its indicators as texts under their level 1 only, with no level 2 and no
    value on any of them? The 2015 申报表 (财预〔2015〕88号) prints 产出指标 | 指标1…指标N and 效益指标 |
    指标1…, with no 二级 / 三级 / 指标值 columns: it has no level 2 and no value to fill, so neither is
    asked (PG-S04, PG-S05)."""
    return bool(plan.indicators) and not any(
        i.level2 or i.level2_code or i.annual_value.kind != "empty" or i.period_value.kind != "empty"
        for i in plan.indicators)


def plan_hit_applies(code: str, field: str | None, *, listed: bool) -> bool:
    """Does a list rule's finding (PLAN_PROJECT_RULES) on this field stand for a department plan? PG-S05
    asks no value of a plan that lists its indicators under their level 1 (:func:`listed_under_levels`)."""
    return not (listed and code == "PG-S05" and field in ("period_value", "annual_value"))


#: Amounts agree when they differ by less than half a 分 (万元: 0.00005).
_TOLERANCE = Decimal("0.00005")
#: Project rules that judge a list of indicators, not a project: they apply to a department plan.
PLAN_PROJECT_RULES = frozenset({"PG-S05", "PG-S07", "PG-K06"})
#: Indicator and table rules that speak of a 项目 (its term), and the table roll-ups (D02 judges the
#: block). The 自评 rules run on a department's self-evaluation as on a project's (issue #19: the same
#: scoring core recomputes its scores, its total and its budget line); their messages have a
#: ``department`` variant that names no 项目.
NOT_FOR_DEPARTMENT = frozenset({"PG-K02", "PG-A01", "PG-A02", "PG-K08"})


@dataclass
class DepartmentContext:
    """A department-wide table for the D rules: the table, its plan and its indicators' facts."""

    table: PerfTable
    plan: DepartmentPlan
    indicators: ProjectContext


def _money(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"


def plan_location(plan: DepartmentPlan, field: str | None) -> tuple[str | None, object]:
    """The field a D-rule hit names (``task:N`` → tasks) and the model location of its cell."""
    if field and field.startswith("task:"):
        n = int(field[5:])
        task = plan.tasks[n] if n < len(plan.tasks) else None
        loc = (task.field_locations.get("total") or task.location) if task else None
        return "tasks", loc or plan.location
    if field == "tasks":
        first = plan.tasks[0] if plan.tasks else None
        return field, (first.location if first else None) or plan.location
    if field == "indicators":
        first = plan.indicators[0] if plan.indicators else None
        return field, (first.location if first else None) or plan.field_locations.get("goal") or plan.location
    return field, plan.field_locations.get(field or "") or plan.location


@rule(
    "D01", "department_goal_missing", "error", scope="department",
    message={
        "": "部门整体支出的年度绩效总目标过短（{n} 个字）：“{goal}”",
        "empty": "部门整体支出没有年度绩效总目标",
    },
    hint="写明部门本年度履职要达到的总体产出和效果（可分条写：目标1、目标2……），与年度主要任务和绩效指标相对应。",
    doc=Doc(
        what=f"部门整体支出绩效目标表的“年度绩效总目标”为空，或少于 {MIN_GOAL} 个字（不计空白）。",
        why="年度绩效总目标概括部门一年的履职产出和效果，是设置部门整体绩效指标的依据；空白或一句套话无法审核。",
        bad="年度绩效总目标：保障部门正常运转。",
        good="年度绩效总目标：目标1：保障全区42所中小学校正常运转，义务教育巩固率保持在99%以上；"
             "目标2：完成3所学校校舍维修改造。",
        basis=_BASIS,
        choices=f"下限取 {MIN_GOAL} 个字，与项目的 PG-C01 相同：部门整体目标常只写一句（“保证职能实现，保障人员经费。”），"
                "是否具体由审核人员判断。部门整体支出绩效评价的评分表（只列分值、评分标准和自评得分，不列指标值和实际完成值）"
                "没有年度绩效总目标一栏（目标的设定是其评价指标之一），不检查。",
    ),
)
def department_goal_missing(ctx: DepartmentContext) -> Iterator[Hit]:
    """The 年度绩效总目标 must be written out (an evaluation scoring sheet has none to write)."""
    if scoring_sheet(ctx.plan):
        return
    goal = _NO_SPACE.sub("", ctx.plan.goal)
    if not goal:
        yield Hit("goal", "empty")
    elif len(goal) < MIN_GOAL:
        yield Hit("goal", n=len(goal), goal=ctx.plan.goal.strip())


def _nearest(figures: list[Decimal], s: Decimal) -> Decimal:
    """The printed figure a sum is compared with in the message: the closest of them."""
    return min(figures, key=lambda f: abs(f - s))


@rule(
    "D02", "department_amount_mismatch", "error", scope="department",
    message={
        "": "年度资金总额 {total} ≠ 其中各项来源之和 {parts}（{names}，相差 {diff}）",
        "split": "年度资金总额 {total} ≠ 基本支出 {basic} + 项目支出 {project} = {parts}（相差 {diff}）",
        "tasks": "年度主要任务的预算金额合计 {parts} 超过年度资金总额 {total}（多出 {diff}）",
        "task": "年度主要任务“{task}”的预算金额 {total} ≠ 其中各项来源之和 {parts}（相差 {diff}）",
    },
    hint="核对年度资金总额与其中各项（财政拨款、其他资金；基本支出、项目支出）及各项任务的预算金额，使总额等于其构成之和。",
    doc=Doc(
        what="部门整体支出的年度资金总额不等于其中各项来源（财政拨款、财政专户拨款、其他资金）之和，"
             "或不等于基本支出与项目支出之和；年度主要任务的预算金额合计超过年度资金总额；"
             "某项任务的预算金额不等于其财政拨款与其他资金之和。",
        why="总额与构成不符说明表内金额有误或漏列，部门预算与绩效目标对不上。",
        bad="年度资金总额 1200；其中：财政拨款 1000，其他资金 100。",
        good="年度资金总额 1200；其中：财政拨款 1000，其他资金 200。",
        basis=_BASIS,
        choices="只在各项都填写时核对（只列总额不报告）；自评表的年度资金总额一行印有年初预算数、全年预算数和全年执行数，"
                "其中各项等于其中任一个即不报告（报告时与最接近的一个比较）；年度主要任务可能不含基本支出，"
                "所以任务合计小于总额不报告，只有超过总额才报告。相差不足 0.00005 万元视为相等。",
    ),
)
def department_amount_mismatch(ctx: DepartmentContext) -> Iterator[Hit]:
    """年度资金总额 = Σ 其中; = 基本支出 + 项目支出; Σ tasks ≤ 总额; each task = Σ its sources."""
    plan = ctx.plan
    total = plan.amounts.total
    # a 自评表 prints 年初预算数, 全年预算数 and 全年执行数 on the 年度资金总额 line, and its 其中 lines
    # break one of them down (the full-year figure, often): the parts must add up to one of them
    figures = [f for f in (total, plan.budget_adjusted, plan.budget_executed) if f is not None] \
        if plan.is_selfeval() else [total] if total is not None else []
    parts = [k for k in AMOUNT_FIELDS[1:] if plan.amounts.get(k) is not None]
    if total is not None and parts:
        s = plan.amounts.parts_sum()
        if all(abs(s - f) >= _TOLERANCE for f in figures):
            base = _nearest(figures, s)
            yield Hit("total", total=_money(base), parts=_money(s), diff=_money(abs(s - base)),
                      names=" + ".join(AMOUNT_LABELS[k] for k in parts))
    if total is not None and plan.basic is not None and plan.project is not None:
        s = plan.basic + plan.project
        if all(abs(s - f) >= _TOLERANCE for f in figures):
            base = _nearest(figures, s)
            yield Hit("basic", "split", total=_money(base), basic=_money(plan.basic),
                      project=_money(plan.project), parts=_money(s), diff=_money(abs(s - base)))
    task_totals = [t.amounts.total for t in plan.tasks if t.amounts.total is not None]
    if total is not None and task_totals:
        s = sum(task_totals, Decimal(0))
        if s - total >= _TOLERANCE:
            yield Hit("tasks", "tasks", total=_money(total), parts=_money(s), diff=_money(s - total))
    for n, task in enumerate(plan.tasks):
        t_parts = [k for k in AMOUNT_FIELDS[1:] if task.amounts.get(k) is not None]
        if task.amounts.total is None or not t_parts:
            continue
        s = task.amounts.parts_sum()
        if abs(s - task.amounts.total) >= _TOLERANCE:
            yield Hit(f"task:{n}", "task", task=task.name, total=_money(task.amounts.total), parts=_money(s),
                      diff=_money(abs(s - task.amounts.total)))


@rule(
    "D03", "department_indicator_classes", "warning", scope="department",
    variant_severity={"none": "error"},
    message={
        "": "部门整体支出没有{missing}",
        "none": "部门整体支出没有任何绩效指标",
    },
    hint="按产出指标（数量、质量、时效、成本）、效益指标和满意度指标设置部门整体绩效指标，与年度主要任务相对应。",
    doc=Doc(
        what="部门整体支出绩效目标表没有绩效指标（错误），或没有产出指标、没有效益指标（警告；一级指标按指标体系识别，"
             "部门整体指标体系的“履职效能”算作产出，“效果指标”“社会效应”“可持续发展”算作效益）。",
        why="部门整体绩效指标应全面反映部门履职的产出和效果；只有产出没有效益（或相反）无法评价部门整体绩效。",
        bad="只列了“保障学校数量”“维修改造学校数”两条产出指标。",
        good="产出指标（数量、质量、时效）＋效益指标（社会效益）＋满意度指标（服务对象满意度）。",
        basis=_BASIS,
        choices="各地部门整体指标体系不一（管理指标、效果指标、履职效能……），缺少某一类只作警告；"
                "满意度指标、成本指标不在此强制（项目表由 PG-C04、PG-C05 按方案报告）；"
                "评价评分表（不列指标值和实际完成值）的一级指标是评价指标体系的（决策、过程、产出、效益……），不按类别检查。",
    ),
)
def department_indicator_classes(ctx: DepartmentContext) -> Iterator[Hit]:
    """Indicators, with 产出指标 and 效益指标 among them."""
    facts = ctx.indicators.facts
    if not facts:
        yield Hit("indicators", "none")
        return
    codes = set(ctx.indicators.l1_codes)
    for f in facts:
        name = framework.normalise_name(f.ind.level1 or "")
        codes |= {"1"} if name in _OUTPUT_LIKE else {"2"} if name in _BENEFIT_LIKE else set()
    if scoring_sheet(ctx.plan):
        return  # the evaluation framework's criteria, not the department's indicators of each class
    missing = [name for code, name in (("1", "产出指标"), ("2", "效益指标")) if code not in codes]
    unresolved = any(f.l1_code is None and not department_level(f.ind.level1) for f in facts)
    if missing and not unresolved:  # unresolved levels: PG-S03 speaks
        yield Hit("indicators", missing="、".join(missing))
