"""K — consistency and relevance (相关性、适当性): the two values agreeing, indicators filed
under the right class, directions that make sense, the goal covered, weights, and
benefit boilerplate copied across projects."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from perfgoals_xl.model import FundUnit, Indicator, Project, Value
from perfgoals_xl.rules.base import Doc, Hit, rule
from perfgoals_xl.rules.facts import (
    IndicatorFacts,
    ProjectContext,
    TableContext,
    base_name,
    indicator_facts,
)
from perfgoals_xl.scoring.claims import shared_groups

_BASIS_88 = "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十二条（审核相关性、适当性）"
_BASIS_101 = "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》"
_FIELD_CN = {"values": "指标值", "period_value": "实施周期指标值", "annual_value": "年度指标值"}


@rule(
    "K01", "annual_exceeds_period", "error", scope="indicator", when=("11", "cost"),
    message="“{name}”的年度指标值“{annual}”大于实施周期指标值“{period}”",
    hint="年度目标是实施周期目标的一部分，不应更大；核对两个值（一年期项目两者相同）。",
    doc=Doc(
        what="数量指标或成本指标的两个值都是 ≥ 或 = 的数值（同一单位），年度数值大于实施周期数值。",
        why="实施周期覆盖预算年度：年度要完成的数量不可能超过整个周期的数量，成本同理。",
        bad="1、1-产出指标；11-数量指标；培训人次；实施周期指标值:500人次；年度指标值:800人次。",
        good="1、1-产出指标；11-数量指标；培训人次；实施周期指标值:1500人次；年度指标值:800人次。",
        basis=f"{_BASIS_88}（适当性）；两栏指标值的含义（实施周期、年度）。",
        choices="百分数不比较（比率不随周期累加）；单位不同时不比较（由 PG-Q03 报告）；≤、< 的上限值不比较。",
    ),
)
def annual_exceeds_period(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """Annual > period for quantities and costs."""
    if f.l2_code != "11" and not f.is_cost:
        return
    pv, av = f.ind.period_value, f.ind.annual_value
    if pv.kind != "number" or av.kind != "number" or pv.number is None or av.number is None:
        return
    if (pv.unit or "") != (av.unit or ""):
        return
    if pv.operator in ("≥", "=") and av.operator in ("≥", "=") and av.number > pv.number:
        yield Hit("annual_value", name=f.ind.name, annual=av.raw, period=pv.raw)


_YEAR_RANGE = re.compile(r"(\d{4})\s*+(?:年\s*+)?[-—–~～至到]\s*+(\d{4})")
#: (``\d年期``: a digit right before 年期 is found wherever ``\d+年期`` is, and a run of digits
#: without 年期 is passed in one step, not searched from each of its digits again.)
_MULTI_YEAR = re.compile(r"跨年|多年|[两二三四五六七八九十]年|分期|年度间|\d年期")
_NUMERIC = ("number", "percent")


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def is_multi_year(ctx: ProjectContext) -> bool:
    """Does the project say it runs over more than one year: its 项目期 (two different years,
    ``2025年-2026年``, ``2025年1月至2026年12月``), a 中期目标, or its name or goal?"""
    project = ctx.project
    if project.term and len(set(_YEAR.findall(project.term[:200]))) > 1:
        return True
    if project.period_goal and project.period_goal.strip() and project.period_goal.strip() != project.goal.strip():
        return True
    for text in (project.name, project.goal, project.term or ""):
        for m in _YEAR_RANGE.finditer(text):
            if m.group(1) != m.group(2):
                return True
        if _MULTI_YEAR.search(text):
            return True
    return False


def _form_only_difference(pv: Value, av: Value, ctx: ProjectContext) -> bool:
    """Same number, and every other difference (unit, operator) reported by an enabled
    PG-Q03 / PG-Q04, which say it better."""
    if not (pv.kind in _NUMERIC and av.kind in _NUMERIC and pv.number == av.number):
        return False
    if (pv.unit or "") != (av.unit or "") and not ctx.enabled("Q03"):
        return False
    return pv.operator == av.operator or ctx.enabled("Q04")


@rule(
    "K02", "period_values_differ_single_year", "info", scope="indicator", when=("differ",),
    message="“{name}”的实施周期指标值“{period}”与年度指标值“{annual}”不同，而项目看来是一年期",
    hint="一年期项目的实施周期即预算年度，两个值应相同；如为跨年度项目，请在项目名称或绩效目标中写明实施期（如 2024-2025年）。",
    doc=Doc(
        what="项目期、项目名称和绩效目标都看不出跨年度（项目期不跨两个年份，没有“2024-2025年”“三年”“分期”等，"
             "也没有不同于年度目标的中期目标），两个指标值却不同（末尾句号不计）。",
        why="一年期项目的实施周期就是预算年度，两个值不同说明填写有误或项目实为跨年度而未说明。",
        bad="    办公设备购置 20.00 20.00\n1、1-产出指标；11-数量指标；购置台式电脑数量；实施周期指标值:40台；年度指标值:20台。",
        good="    办公设备购置 20.00 20.00\n1、1-产出指标；11-数量指标；购置台式电脑数量；实施周期指标值:20台；年度指标值:20台。",
        basis="两栏指标值的含义（实施周期、年度）；docs/sources.md §4 K02。",
        choices="数值相同、只是单位或计算符号不同的，由 PG-Q03、PG-Q04 报告，本规则不重复；"
                "有一个值为空时由 PG-S05 报告（这些规则未启用时由本规则报告）。一年期的判断只凭项目期、名称和目标，故只作提示。",
    ),
)
def period_values_differ_single_year(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """A one-year project whose two values differ."""
    if f.same_values:
        return
    pv, av = f.ind.period_value, f.ind.annual_value
    if ((pv.kind == "empty" or av.kind == "empty") and ctx.enabled("S05")) or _form_only_difference(pv, av, ctx):
        return
    if is_multi_year(ctx):
        return
    yield Hit("values", name=f.ind.name, period=pv.raw, annual=av.raw)


@rule(
    "K03", "rate_under_quantity", "warning", scope="indicator", when=("11",),
    message="“{name}”是比率，不宜列在数量指标下",
    hint="比率类指标改列 12-质量指标（如合格率、达标率、办结率）或 13-时效指标（如及时率、按时完成率）；数量指标写数量（如“接离上访群众 120人次”）。",
    doc=Doc(
        what="名称为比率（以 率 结尾，或含 比例、占比）的指标放在 11-数量指标下。",
        why="数量指标反映“做了多少”，比率反映质量或时效；归类错误会使“有无数量指标”等审核失真。",
        bad="9、1-产出指标；11-数量指标；上访群众接离率；实施周期指标值:100%；年度指标值:100%。",
        good="9、1-产出指标；12-质量指标；上访群众接离率；实施周期指标值:100%；年度指标值:100%。",
        basis=f"{_BASIS_101}（数量指标、质量指标、时效指标的含义）。",
        choices="频率、效率等不是比率，不报告。",
    ),
)
def rate_under_quantity(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """A 率 name under 数量指标."""
    if f.l2_code == "11" and f.is_rate:
        yield Hit("level2", name=f.ind.name)


@rule(
    "K04", "satisfaction_misfiled", "warning", scope="indicator", when=("satisfaction",),
    message={
        "": "“{name}”是满意度指标，却列在“{level}”下",
        "not_satisfaction": "“{name}”列在满意度指标下，但名称不是满意度",
    },
    hint="满意度指标列在 3-满意度指标；31-服务对象满意度 下；满意度指标下只放满意度（如“服务对象满意度”）。",
    doc=Doc(
        what="名称含“满意”的指标不在满意度指标下，或满意度指标下的指标名称不含“满意”。",
        why="满意度指标单独成类、单独计分；放错位置会让完整性审核失真（看似没有满意度指标）。",
        bad="3、2-效益指标；22-社会效益；服务对象满意度；……；或 3-满意度指标；31-服务对象满意度；投诉次数；……",
        good="3、3-满意度指标；31-服务对象满意度；服务对象满意度；实施周期指标值:≥90%；年度指标值:≥90%。",
        basis=f"{_BASIS_101}（满意度指标：服务对象满意度）。",
        choices="层级无法识别时不判断（由 PG-S03/S04 报告）；评价评分表（见 PG-S03）的层级是评价指标体系的"
                "（满意度列在效益下是其写法），不判断。",
    ),
)
def satisfaction_misfiled(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """满意 names belong under 满意度, and only they."""
    if f.l1 is None or ctx.scoring_sheet:
        return
    named = "满意" in f.name
    filed = f.l1_code == "3"
    if named and not filed:
        level = f"{f.l1.name}；{f.l2.name}" if f.l2 else f.l1.name
        yield Hit("level1", name=f.ind.name, level=level)
    elif filed and not named:
        yield Hit("name", "not_satisfaction", name=f.ind.name)


#: Positive (正向) rate endings: the larger the better (a whitelist; …率 not listed has no direction).
_POSITIVE_STEMS = (
    "完成|合格|达标|覆盖|及时|到位|执行|响应|办结|通过|知晓|正确|准确|完好|利用|使用|结案|受理|处置|处理"
    "|回复|答复|整改|验收|普及|参保|入学|就业|出勤|可用|在线|运行|好评|接通|准时|准点|按时|按期|达成|兑现"
    "|到账|发放|支付|上线|开通|建成|联网|落实|参与|参加|参训|签约|匹配|留存|合规|规范|完整|齐全|录入|归档"
)
_POSITIVE_RATE = re.compile(rf"(?:{_POSITIVE_STEMS})率$|满意(?:度|率)$")
#: A positive stem negated (不合格率, 未完成率, 不满意度): reverse.
_NEGATED_RATE = re.compile(rf"(?:不|未|非)(?:{_POSITIVE_STEMS}|满意)(?:率|度)$")
#: Reverse (反向) words: the smaller the better (投诉, 事故, 差错, 不满意, 破损, 成本 …).
_REVERSE = re.compile(
    r"投诉|事故|负面|差错|不满意|破损|漏检|漏报|误报|差评|超时|超期|丢失|发生率|发生次数|发生数|发生起数"
    r"|成本|故障|流失|失误|不合格|超标|逾期|返工|返修|死亡|伤亡|发病|损耗|损失|违约|违规|违纪|违法"
    r"|出错|误差|失败|拥堵|超支|闲置|缺陷|错误|退回|驳回|延误|辍学|失业|感染|复发|炒作|纠纷|拖欠|浪费"
    r"|停机|火灾|发案|能耗|排放量|排放浓度|(?:等待|等候|排队|响应|处置|办理)(?:时间|时长)"
    # the budget-management rates of a 部门整体 table: spending held within its budget (公用经费控制率,
    # 财政供养人员控制率, 三公经费控制率 ≤ 100%), budgets changed or left unspent (预算调整率, 结转结余率,
    # 三公经费变动率 = 本年比上年): the lower the better
    r"|控制率|调整率|结余率|结转率|变动率"
)
#: Reductions (减排量, 成本降低率): more reduction is better, whatever is reduced.
_REDUCTION = re.compile(r"减排|减少|降低|下降|节约|节省|节能|压减|削减|压降")


def direction_of(f: IndicatorFacts) -> str | None:
    """正向 / 反向: from the source when given, else judged from the name (None if unclear).

    Judged: a negated positive rate (不合格率) is reverse; a positive rate ending (完成率,
    合格率 … 满意度) is positive; a reduction (减排量, 成本降低率) is positive when a rate,
    else undirected; a reverse word (投诉, 事故, 成本 …) is reverse; anything else has none.
    """
    written = (f.ind.direction or "").strip()
    if written in ("正向", "反向"):
        return written
    return direction_of_name(f.name, f.is_rate)


def direction_of_name(name_key: str, is_rate: bool) -> str | None:
    """direction_of judged from the name alone (its comparison key, facts.key; is_rate: facts.is_rate_name)."""
    name = base_name(name_key)
    if _NEGATED_RATE.search(name):
        return "反向"
    if _POSITIVE_RATE.search(name):
        return "正向"
    if _REDUCTION.search(name):
        return "正向" if is_rate else None
    if _REVERSE.search(name):
        return "反向"
    return None


@rule(
    "K05", "direction_conflict", "warning", scope="indicator", when=("number", "percent"),
    message={
        "": "“{name}”是反向指标（越小越好），{field_label}却是“{raw}”（不低于/大于）",
        "positive": "“{name}”是正向指标（越大越好），{field_label}却是“{raw}”（不高于/小于）",
    },
    hint="反向指标（成本、投诉、事故、负面影响等）用“≤”“<”或“0”；正向比率（满意度、合格率、完成率等）用“≥”或“=”。",
    doc=Doc(
        what="反向指标（成本、投诉、事故、负面影响、故障率……）的值用 ≥ 或 >（且大于 0）；或正向比率（满意度、合格率、完成率……）的值用 ≤ 或 <。",
        why="方向写反，目标就变成鼓励多出事故、少满意，与预算意图相反。",
        bad="7、2-效益指标；22-社会效益；安全事故发生次数；实施周期指标值:≥1次；年度指标值:≥1次。",
        good="7、2-效益指标；22-社会效益；安全事故发生次数；实施周期指标值:0次；年度指标值:0次。",
        basis="docs/sources.md §3（指标方向性：正向 ≥；反向 ≤，如成本、投诉、事故、负面影响）；财预〔2020〕10号。",
        choices="来源写明了指标方向性（正向/反向）时以其为准；否则按名称判断，判断不了的不报告："
                "满意度和以“完成率、合格率、达标率、覆盖率、及时率、办结率、知晓率、完好率……”结尾的比率为正向"
                "（名称末尾的“（%）”不计；“不合格率”“未完成率”“不满意度”为反向）；"
                "名称含“投诉、事故、负面、差错、不满意、破损、漏检、差评、超时、超期、丢失、发生率、成本……”的为反向"
                "（“投诉办结率”“故障及时响应率”以正向比率结尾，是正向）；"
                "表示减少的（减排量、成本降低率）越多越好，不按反向判断；"
                "办理案件数量、培训时长、排查隐患数等工作量没有方向，不报告。只判断数值和百分数（期限“…前”本身就是 ≤）。",
    ),
)
def direction_conflict(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """Reverse indicators with ≥, positive rates with ≤."""
    direction = direction_of(f)
    if direction is None:
        return
    for field, value in f.values:
        if value.kind not in _NUMERIC or value.number is None:
            continue
        args = {"name": f.ind.name, "field_label": _FIELD_CN[field], "raw": value.raw}
        if direction == "反向" and value.operator in ("≥", ">") and value.number > 0:
            yield Hit(field, **args)
        elif direction == "正向" and value.operator in ("≤", "<"):
            yield Hit(field, "positive", **args)


_GOAL_QUANTITY = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(%|％|个|次|件|人次|人|项|份|篇|所|辆|台|套|户|场|期|批|座|家|名|条|万元|元"
    r"|天|小时|工作日|平方米|公里|亩|吨|种|类|期|批次)"
)
_WORD_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,}")
#: Bigrams too common to show that an indicator relates to a goal.
_FUNCTION_BIGRAMS = {"进一", "一步", "各项", "相关", "以及", "等各", "的工", "和机", "为社", "更好", "好地", "地为"}


@rule(
    "K06", "goal_not_covered", "info", scope="project",
    message={
        "": "绩效目标中的数量 {missing} 在指标中找不到",
        "unrelated": "指标与绩效目标没有任何共同的字词：指标看来没有反映本项目的绩效目标",
    },
    hint="为绩效目标中的每项主要产出和数量设置相应指标，或删去目标中不打算考核的内容。",
    doc=Doc(
        what="绩效目标中的数量（如“培训200人次”“覆盖率达95%”）在任何指标的名称和值中都找不到；"
             "或全部指标名称与绩效目标没有一个共同的两字词（指标像是从别的项目抄来的）。",
        why="指标应全面反映绩效目标（相关性）：目标里写了、指标里没有的内容，事后无法评价是否完成。",
        bad="绩效目标：完成培训200人次、编印教材3种。指标只有：培训满意度≥90%。",
        good="另设 1-产出指标；11-数量指标；培训人次；……200人次；和 编印教材种类；……3种。",
        basis=f"{_BASIS_88}（相关性：绩效指标与绩效目标是否对应）。",
        choices="中文关键名词的逐项比对需要分词，字面比对误报太多（如目标列举的服务对象、系统名称被指标统称覆盖），"
                "因此“关键名词”只判断最明确的情形：指标名称与目标完全没有共同的两字词。"
                "数量按完整的数比较（目标的 200 不能由指标的 2000 覆盖；200 与 200.0 相同），不比较单位；"
                "年份（如 2024年）不算数量；每个项目最多一条；这是提示，不是错误。",
    ),
)
def goal_not_covered(ctx: ProjectContext) -> Iterator[Hit]:
    """Quantities of the goal with no indicator; indicators unrelated to the goal."""
    goal = ctx.project.goal
    if not goal.strip() or not ctx.facts:
        return
    missing: list[str] = []
    numbers: set[Decimal] | None = None
    for m in _GOAL_QUANTITY.finditer(goal):
        number, unit = m.group(1), m.group(2)
        if len(number) == 4 and number.startswith(("19", "20")) and unit not in ("%", "％"):
            continue
        if numbers is None:
            numbers = _numbers_in(f"{f.name}|{f.period_key}|{f.annual_key}" for f in ctx.facts)
        if Decimal(number) not in numbers:
            missing.append(f"“{m.group(0)}”")
    if missing:
        yield Hit("goal", missing="、".join(dict.fromkeys(missing)))
    if not _shares_a_word(goal, [f.name for f in ctx.facts]):
        yield Hit("goal", "unrelated")


_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _numbers_in(texts: Iterator[str]) -> set[Decimal]:
    """Every whole number written in the texts (200 is not found in 2000; 2,000 = 2000)."""
    return {Decimal(m.group(0).replace(",", "")) for text in texts for m in _NUMBER.finditer(text)}


def _shares_a_word(goal: str, names: list[str]) -> bool:
    """Does any name share a two-character word with the goal (or has the goal no words)?"""
    for name in names:
        for i in range(len(name) - 1):
            pair = name[i: i + 2]
            if pair in goal and _WORD_RUN.fullmatch(pair) and pair not in _FUNCTION_BIGRAMS:
                return True
    return not _WORD_RUN.search(goal)


_SHARES = {"1": 50, "2": 30, "3": 10}
_L1_CN = {"1": "产出", "2": "效益", "3": "满意度"}


@rule(
    "K07", "weights_sum", "warning", scope="project",
    message={
        "": "项目“{project}”的指标权重合计 {sum}，应为 90 或 100",
        "partial": "项目“{project}”有 {missing} 条指标未填权重（共 {n} 条）",
        "shares": "项目“{project}”的一级指标权重与 产出50/效益30/满意度10 相差较大：{shares}",
    },
    hint="权重合计 90（另 10 分为预算执行率）或 100；一级指标权重原则上为 产出50、效益30、满意度10。",
    doc=Doc(
        what="（仅当来源有权重/分值时）项目的指标权重合计不是 90 或 100；或部分指标未填权重；"
             "或按一级指标汇总的权重与 产出50/效益30/满意度10 相差超过 10 分（合计为 100 时按比例换算）。",
        why="权重决定自评得分；合计不对会让评分失真，一级权重偏离规定比例需要说明理由。",
        bad="产出 70、效益 20、满意度 10（合计 100）",
        good="产出 50、效益 30、满意度 10（合计 90，另预算执行率 10）",
        basis="财预〔2020〕10号《项目支出绩效评价管理办法》（预算执行率10%、产出50%、效益30%、服务对象满意度10%）。",
        choices="成本指标的权重计入产出；合计 100 时把 50/30/10 按 100/90 换算后比较；容差 0.01 分（合计）、10 分（一级）；"
                "指标全都没有一级指标（表中未列层级）时不比较一级权重（PG-C02 说明层级未列）；"
                "一个分值单元格合并在几条指标行上时是这几条共用的一个分值，只计一次，被合并的各行不算未填；"
                "评价评分表（只列分值、评分标准和自评得分，不列指标值和实际完成值）的一级指标是评价指标体系的"
                "（决策、过程、产出、效益），不比较一级权重（分值合计由 PG-E07、PG-E11 检查）。",
    ),
)
def weights_sum(ctx: ProjectContext) -> Iterator[Hit]:
    """Weights sum to 90 or 100, with level-1 shares near 50/30/10."""
    # one 分值 merged over a group's rows is the group's: read on its first row, counted once, and the
    # rows it covers are not missing theirs
    covered = {n for group in shared_groups([f.ind for f in ctx.facts], "weight") for n in group[1:]}
    facts = [f for n, f in enumerate(ctx.facts) if n not in covered]
    weights = [f.ind.weight for f in facts]
    given = [w for w in weights if w is not None]
    if not given:
        return
    name = ctx.project.name
    if len(given) < len(weights):
        first = next(f for f in facts if f.ind.weight is None)
        yield Hit("weight", "partial", at=first, project=name, missing=len(weights) - len(given),
                  n=len(weights))
        return
    total = sum(given)
    if min(abs(total - 90), abs(total - 100)) > 0.01:
        yield Hit("weight", project=name, sum=f"{total:g}")
        return
    if not ctx.levels_given or ctx.scoring_sheet:
        return  # no level printed (指标 | 指标权重 | 指标值), or the evaluation framework's: no 50/30/10 to have
    groups = {"1": 0.0, "2": 0.0, "3": 0.0}
    for f in ctx.facts:
        code = "1" if f.l1_code == "4" else f.l1_code
        if code in groups:
            groups[code] += f.ind.weight or 0.0
    scale = total / 90
    off = [f"{_L1_CN[c]} {groups[c]:g}（应约 {_SHARES[c] * scale:g}）" for c in groups
           if abs(groups[c] - _SHARES[c] * scale) > 10]
    if off:
        yield Hit("weight", "shares", project=name, shares="，".join(off))


@rule(
    "K08", "boilerplate_benefit", "info", scope="table",
    message="效益指标“{name}：{value}”在本表 {n} 个项目中完全相同（{projects}）",
    hint="效益指标应体现本项目特有的效果，避免各项目套用同一表述。",
    doc=Doc(
        what="同一张表中，3 个及以上项目有名称和年度指标值都相同的效益指标。",
        why="各项目照抄同一条效益指标（如“社会效益：显著”）说明指标没有针对项目设置，审核看作相关性不足。",
        bad="项目甲、乙、丙都写 2-效益指标；22-社会效益；提升政府形象；……:有效提升。",
        good="各项目写自己的效果，如“群众办事平均等候时间 ≤15分钟”“信息系统可用率 ≥99%”。",
        basis=f"{_BASIS_88}（相关性）；[review] 财政部门审核中常见的“效益指标雷同”意见。",
        choices="名称和值按规整后的文字比较；每个出现的项目各报告一次，以便逐项目接受或修改。",
    ),
)
def boilerplate_benefit(tctx: TableContext) -> Iterator[Hit]:
    """The same 效益 name and value in three or more projects."""
    # Each 效益 indicator is kept as its owners only (the projects' contexts are made as the walk
    # reaches them: LazyContexts); a finding's facts are made again for it.
    groups: dict[tuple[str, str], list[tuple[Indicator, Project, FundUnit]]] = {}
    for pctx in tctx.projects:
        for f in pctx.facts:
            if f.l1_code == "2" and f.name:
                groups.setdefault((f.name, f.annual_key), []).append((f.ind, f.project, f.unit))
    for members in groups.values():
        projects = list(dict.fromkeys(id(project) for _, project, _ in members))
        if len(projects) < 3:
            continue
        names = list(dict.fromkeys(project.name for _, project, _ in members))
        shown = "、".join(names[:3]) + ("等" if len(names) > 3 else "")
        seen: set[int] = set()
        for ind, project, unit in members:
            if id(project) in seen:
                continue
            seen.add(id(project))
            yield Hit("name", at=indicator_facts(ind, project, unit), name=ind.name, value=ind.annual_value.raw,
                      n=len(projects), projects=shown)
