"""C — completeness (完整性): a goal, and indicators of every required class.

Projects without any indicator are reported once (PG-A04 when funded, else PG-C07),
not once per missing class.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfgoals_xl.rules.base import Doc, Hit, rule
from perfgoals_xl.rules.facts import ProjectContext, budget_gated

_BASIS_88 = "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十二条（审核完整性：绩效指标是否全面反映产出、效益和满意度）"
_BASIS_101 = "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》"
_NO_SPACE = re.compile(r"\s+")


def _funded(ctx: ProjectContext) -> bool:
    return budget_gated(ctx.project)


def _a04_reports(ctx: ProjectContext) -> bool:
    """Does PG-A04 report this project (funded and enabled)? Then C rules do not repeat it."""
    return _funded(ctx) and ctx.enabled("A04")


@rule(
    "C01", "goal_missing", "error", scope="project",
    message={
        "": "项目“{project}”的绩效目标过短（{n} 个字）：“{goal}”",
        "empty": "项目“{project}”没有绩效目标",
        "period_only": "项目“{project}”只写了中长期目标，没有年度绩效目标",
    },
    variant_severity={"period_only": "warning"},
    hint="用一两句话写明项目在预算年度内要达到的产出和效果（做什么、做多少、达到什么效果），不少于 10 个字。",
    doc=Doc(
        what="绩效目标为空，或少于 10 个字（不计空白）。",
        why="绩效目标是设置指标的依据；过短的目标（如“保障运转”）说不清产出和效果，审核时视为不完整。",
        bad="保障运转。",
        good="保障在京政务服务、经济协作交流、信息调研及信访维稳工作，全年完成各项政务服务保障任务。",
        basis=f"{_BASIS_88}；{_BASIS_101}（绩效目标应当清晰反映预期产出和效果）。",
        choices="有预算而绩效目标为空时由 PG-A04 报告（“无目标不安排预算”），本规则不重复；"
                "未安排预算的项目、或 PG-A04 未启用时，绩效目标为空由本规则报告；"
                "评价评分表（只列分值、评分标准和自评得分，不列指标值和实际完成值）没有绩效目标一栏，不检查。"
                "只写了中长期目标（实施期目标）、没有年度目标时作警告：项目有目标，缺的是当年的分解。",
    ),
)
def goal_missing(ctx: ProjectContext) -> Iterator[Hit]:
    """The goal must be at least 10 characters (an evaluation scoring sheet has none to write)."""
    if ctx.scoring_sheet:
        return
    goal = _NO_SPACE.sub("", ctx.project.goal)
    if not goal and (ctx.project.period_goal or "").strip():
        yield Hit("goal", "period_only", project=ctx.project.name)
        return
    if not goal:
        if not _a04_reports(ctx):
            yield Hit("goal", "empty", project=ctx.project.name)
        return
    if len(goal) < 10:
        yield Hit("goal", project=ctx.project.name, n=len(goal), goal=ctx.project.goal.strip())


def _class_rule_applies(ctx: ProjectContext) -> bool:
    """Has the project indicators, or is its having none reported by no enabled rule
    (PG-A04 when funded, else PG-C07)? Then each missing class is reported (never on an evaluation
    scoring sheet: its levels are the evaluation framework's criteria, 决策 / 过程 / 产出 / 效益)."""
    if ctx.scoring_sheet:
        return False
    if ctx.facts:
        return True
    return not (_a04_reports(ctx) or ctx.enabled("C07"))


@rule(
    "C02", "no_output", "error", scope="project",
    message={
        "": "项目“{project}”没有产出指标",
        "no_levels": "项目“{project}”的 {n} 条指标都没有一级、二级指标（表中未列指标层级），"
                     "无法判断是否设置了产出、效益、满意度指标",
    },
    variant_severity={"no_levels": "warning"},
    hint="增加 1-产出指标（数量、质量、时效指标），写明项目要提供多少、什么标准的产品和服务；"
         "指标表未列层级时，为每条指标注明一级指标和二级指标。",
    doc=Doc(
        what="项目有指标，但没有一条属于一级指标“产出指标”。",
        why="产出指标是绩效目标的核心，缺少它无法判断资金花出去换来了什么。",
        bad="只有 2-效益指标 和 3-满意度指标。",
        good="另有 1-产出指标；11-数量指标；培训人次；实施周期指标值:200人次；年度指标值:200人次。",
        basis=f"{_BASIS_88}；{_BASIS_101}。",
        choices="按一级指标名称识别（一级指标为空时按其二级指标归类，一级为空由 PG-S03 报告）；项目完全没有指标时不逐类报告（见 PG-A04、PG-C07），"
                "除非这两条规则都未启用。项目的指标全都没有一级、二级指标（表中未列层级，如只有“指标 | 指标权重 | 指标值”的表）时，"
                "无从判断有无产出、效益、满意度、成本指标：本规则只作一条警告说明层级未列，PG-C03 至 PG-C05 不报告。"
                "评价评分表（只列分值、评分标准和自评得分，不列指标值和实际完成值）的一级指标是评价指标体系的"
                "（决策、过程、产出、效益），PG-C02 至 PG-C06 都不报告。",
    ),
)
def no_output(ctx: ProjectContext) -> Iterator[Hit]:
    """At least one 产出指标; a project whose indicators print no levels: one warning saying so."""
    if ctx.scoring_sheet:
        return
    if not ctx.levels_given:
        yield Hit("indicators", "no_levels", project=ctx.project.name, n=len(ctx.facts))
    elif _class_rule_applies(ctx) and "1" not in ctx.l1_codes:
        yield Hit("indicators", project=ctx.project.name)


@rule(
    "C03", "no_benefit", "error", scope="project",
    message="项目“{project}”没有效益指标",
    hint="增加 2-效益指标（经济效益、社会效益、生态效益、可持续影响），写明项目带来的效果。",
    doc=Doc(
        what="项目有指标，但没有一条属于一级指标“效益指标”。",
        why="效益指标回答“花钱产生了什么效果”，是审核相关性和绩效评价的依据。",
        bad="只有 1-产出指标 和 3-满意度指标。",
        good="另有 2-效益指标；22-社会效益；群众办事等候时间；实施周期指标值:≤15分钟；年度指标值:≤15分钟。",
        basis=f"{_BASIS_88}；{_BASIS_101}。",
        choices="按一级指标名称识别（一级指标为空时按其二级指标归类，一级为空由 PG-S03 报告）；项目完全没有指标时不逐类报告（PG-A04、PG-C07 都未启用时照常报告）；"
                "指标全都没有一级、二级指标（表中未列层级）时不报告，由 PG-C02 说明。",
    ),
)
def no_benefit(ctx: ProjectContext) -> Iterator[Hit]:
    """At least one 效益指标."""
    if ctx.levels_given and _class_rule_applies(ctx) and "2" not in ctx.l1_codes:
        yield Hit("indicators", project=ctx.project.name)


@rule(
    "C04", "no_satisfaction", "warning", scope="project",
    message="项目“{project}”没有满意度指标",
    hint="增加 3-满意度指标；31-服务对象满意度（如“服务对象满意度 ≥90%”）；确无服务对象的项目可在说明中注明。",
    doc=Doc(
        what="项目有指标，但没有一条属于一级指标“满意度指标”。",
        why="满意度指标反映服务对象的认可程度；多数项目应设置，少数无直接服务对象的项目可不设，故为警告。",
        bad="只有 1-产出指标 和 2-效益指标。",
        good="另有 3-满意度指标；31-服务对象满意度；服务对象满意度；实施周期指标值:≥90%；年度指标值:≥90%。",
        basis=f"{_BASIS_101}（满意度指标原则上应设置）；财预〔2020〕10号（服务对象满意度指标权重 10%）。",
        choices="按一级指标名称识别（一级指标为空时按其二级指标归类，一级为空由 PG-S03 报告）；项目完全没有指标时不报告（PG-A04、PG-C07 都未启用时照常报告）；"
                "指标全都没有一级、二级指标（表中未列层级）时不报告，由 PG-C02 说明。",
    ),
)
def no_satisfaction(ctx: ProjectContext) -> Iterator[Hit]:
    """At least one 满意度指标."""
    if ctx.levels_given and _class_rule_applies(ctx) and "3" not in ctx.l1_codes:
        yield Hit("indicators", project=ctx.project.name)


@rule(
    "C05", "no_cost", "warning", scope="project",
    severity_by_profile={"gz": "info"},
    message="项目“{project}”没有成本指标",
    hint="按财预〔2021〕101号设置成本指标（经济成本、社会成本、生态环境成本），如“人均培训成本 ≤800元/人”。",
    doc=Doc(
        what="项目有指标，但没有成本指标（一级指标“成本指标”，或产出指标下的 14-成本指标）。",
        why="财预〔2021〕101号要求设置成本指标以约束成本；广州公开版式尚未普遍设置成本指标，因此在 gz 方案下只作提示。",
        bad="只有产出、效益、满意度指标。",
        good="另有 4-成本指标；41-经济成本指标；单车年租赁成本；实施周期指标值:≤8.6万元/辆；年度指标值:≤8.6万元/辆。",
        basis=f"{_BASIS_101}（成本指标为一级指标）；docs/sources.md §4 方案说明（gz 不要求成本指标）。",
        choices="默认级别为警告（mof2021 方案），gz 方案下为提示；项目完全没有指标时不报告"
                "（PG-A04、PG-C07 都未启用时照常报告）；指标全都没有一级、二级指标（表中未列层级）时不报告，由 PG-C02 说明。",
    ),
)
def no_cost(ctx: ProjectContext) -> Iterator[Hit]:
    """At least one 成本指标 (required under mof2021)."""
    if ctx.levels_given and _class_rule_applies(ctx) and "4" not in ctx.l1_codes and "14" not in ctx.l2_codes:
        yield Hit("indicators", project=ctx.project.name)


@rule(
    "C06", "no_quantity", "warning", scope="project",
    message="项目“{project}”有产出指标，但没有数量指标",
    hint="增加 11-数量指标，写明完成的工作量（如“报送调研报告数量 12篇”）。",
    doc=Doc(
        what="项目有产出指标，但其中没有 11-数量指标。",
        why="数量指标是产出最直接的量化，没有它，产出目标往往只剩质量、时效的描述，难以考核。",
        bad="1-产出指标 下只有 12-质量指标 和 13-时效指标。",
        good="另有 1-产出指标；11-数量指标；报送调研报告数量；实施周期指标值:12篇；年度指标值:12篇。",
        basis=f"{_BASIS_101}（产出指标一般包括数量、质量、时效）。",
        choices="没有产出指标时由 PG-C02 报告，本规则不重复；评价评分表（见 PG-C02）不报告；"
                "指标全都没有二级指标（表中未列二级指标，见 PG-S04）时无从判断，不报告。",
    ),
)
def no_quantity(ctx: ProjectContext) -> Iterator[Hit]:
    """产出 without any 数量指标."""
    if "1" in ctx.l1_codes and "11" not in ctx.l2_codes and not ctx.scoring_sheet and ctx.level2_given:
        yield Hit("indicators", project=ctx.project.name)


@rule(
    "C07", "too_few_indicators", "info", scope="project",
    message={
        "": "项目“{project}”只有 {n} 条指标（少于 3 条）",
        "none": "项目“{project}”没有任何绩效指标",
    },
    hint="至少设置产出、效益、满意度各一条指标，全面反映项目的产出和效果。",
    doc=Doc(
        what="项目的指标少于 3 条。",
        why="少于 3 条指标通常无法同时覆盖产出、效益和满意度，目标不够完整。",
        bad="1、1-产出指标；11-数量指标；……。2、2-效益指标；22-社会效益；……。",
        good="再加 3、3-满意度指标；31-服务对象满意度；……。",
        basis=f"{_BASIS_88}（完整性）。",
        choices="有预算而没有任何指标时由 PG-A04（错误）报告，本规则不重复（PG-A04 未启用时由本规则报告）。",
    ),
)
def too_few_indicators(ctx: ProjectContext) -> Iterator[Hit]:
    """Fewer than three indicators."""
    n = len(ctx.facts)
    if n == 0:
        if not _a04_reports(ctx):
            yield Hit("indicators", "none", project=ctx.project.name, n=0)
    elif n < 3:
        yield Hit("indicators", project=ctx.project.name, n=n)
