"""Q — quantification and value form (细化量化、量化易评): numbers where numbers belong,
units, the two values agreeing in form, percentages in range, measurable qualitative
values, time / cost / satisfaction values in their proper form.

Value rules judge both values of an indicator; when the two are the same text
(a trailing 。 ignored) a finding is reported once, for field ``values``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from perfgoals_xl.caches import file_cache
from perfgoals_xl.model import Value
from perfgoals_xl.rules.base import Doc, Hit, rule
from perfgoals_xl.rules.facts import IndicatorFacts, ProjectContext, has_number, key
from perfgoals_xl.values import MONEY_PER_WAN, parse_value, place_values

_BASIS_101 = "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》"
_BASIS_88 = "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十二条"
_FIELD_CN = {"values": "指标值", "period_value": "实施周期指标值", "annual_value": "年度指标值"}
_NUMERIC = ("number", "percent")


def _label(field: str) -> str:
    return _FIELD_CN[field]


@rule(
    "Q01", "count_not_numeric", "error", scope="indicator", when=("11",),
    message="数量指标“{name}”的{field_label}“{raw}”没有数字",
    hint="数量指标写明数量和单位，如“12篇”“≥200人次”。",
    doc=Doc(
        what="11-数量指标的指标值中没有任何数字。",
        why="数量指标必须可计量；“完成”“若干”之类的值无法考核。",
        bad="4、1-产出指标；11-数量指标；报送调研报告数量；实施周期指标值:按需报送；年度指标值:按需报送。",
        good="4、1-产出指标；11-数量指标；报送调研报告数量；实施周期指标值:12篇；年度指标值:12篇。",
        basis=f"{_BASIS_101}（数量指标反映产品或服务的数量）；{_BASIS_88}（可衡量）。",
        choices="空值由 PG-S05 报告；值中含数字但不是规范数值（如“完成3个”）不在此报告；"
                "用中文数字写的数量（“十二次”“三百公里”“不少于两场”“百分之九十五”）也是数字，不在此报告。",
    ),
)
def count_not_numeric(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """数量指标 values must have a number."""
    if f.l2_code != "11":
        return
    for field, value in f.values:
        if value.kind != "empty" and not has_number(value):
            yield Hit(field, name=f.ind.name, field_label=_label(field), raw=value.raw)


#: A unit implied by the name: a counted word + 数, 人次, a bracketed unit, a measure.
_UNIT_IN_NAME = re.compile(
    r"[个次件人项份篇所辆台套户场期批座棵株家名条部本册张只头间栋处宗笔类种门艘架批]数"
    r"|人次|户次|车次|架次|班次|批次|课时|学时"
    r"|[（(][^（）()]{1,8}[）)]$"
    r"|元|金额|资金|经费|费用|面积|长度|里程|时长|天数|温度|湿度|重量|容量|亩|公里|千米|平方米|立方米|吨|千瓦"
)


@rule(
    "Q02", "unit_missing", "warning", scope="indicator", when=("number",),
    message="“{name}”的{field_label}“{raw}”只有数字，没有计量单位",
    hint="在数值后写上计量单位，如“{raw}篇”“{raw}次”“{raw}人次”（比率写“%”）。",
    doc=Doc(
        what="指标值是不带单位的数字，指标名称中也看不出单位（名称为“…率”的由 PG-Q05 管）。",
        why="“12”是 12 篇、12 次还是 12 个？不写单位的数量无法比对和考核。",
        bad="4、1-产出指标；11-数量指标；报送调研报告数量；实施周期指标值:12；年度指标值:12。",
        good="4、1-产出指标；11-数量指标；报送调研报告数量；实施周期指标值:12篇；年度指标值:12篇。",
        basis=f"docs/sources.md §3（计量单位）；{_BASIS_101}（指标值应明确计量单位）。",
        choices="名称已含单位（如“举办活动次数”“培训人次”“（个）”、金额、面积等）时不报告；"
                "数值为 0 时不报告（0 无需单位，如“负面影响及炒作 0”）；"
                "一个值有单位、另一个没有时由 PG-Q03 报告，比率名称由 PG-Q05 报告，本规则不重复"
                "（那条规则未启用时由本规则报告）。",
    ),
)
def unit_missing(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """A bare number with no unit in the value or the name."""
    if (f.is_rate and ctx.enabled("Q05")) or _UNIT_IN_NAME.search(f.name):
        return
    ind = f.ind
    if _units_differ(f) and ctx.enabled("Q03"):
        return
    for field, value in f.values:
        if value.kind == "number" and not value.unit and value.number not in (None, 0):
            yield Hit(field, name=ind.name, field_label=_label(field), raw=value.raw)


def _both_numeric(f: IndicatorFacts) -> tuple[Value, Value] | None:
    pv, av = f.ind.period_value, f.ind.annual_value
    if pv.kind in _NUMERIC and av.kind in _NUMERIC:
        return pv, av
    return None


def _units_differ(f: IndicatorFacts) -> bool:
    """Would PG-Q03 report this indicator (both values numeric, units differ)?"""
    pair = _both_numeric(f)
    return pair is not None and (pair[0].unit or "") != (pair[1].unit or "")


@rule(
    "Q03", "period_unit_mismatch", "warning", scope="indicator", when=("numeric_pair",),
    message="“{name}”的实施周期指标值“{period}”与年度指标值“{annual}”计量单位不一致（{period_unit} ≠ {annual_unit}）",
    hint="两个指标值使用同一计量单位，如都写“{suggest}”。",
    doc=Doc(
        what="实施周期指标值与年度指标值都是数值，但计量单位不同（含一个有单位、一个没有）。",
        why="单位不一致时两个值无法比较，常见于漏写单位（4 与 4辆），审核会要求统一。",
        bad="2、1-产出指标；11-数量指标；长期租赁小型客车数量；实施周期指标值:4；年度指标值:4辆。",
        good="2、1-产出指标；11-数量指标；长期租赁小型客车数量；实施周期指标值:4辆；年度指标值:4辆。",
        basis="docs/sources.md §4 Q03；广州公开表格的两栏指标值（实施周期、年度）。",
        choices="“%”与“百分比”视为同一单位；非数值（定性、期限）不比较单位。",
    ),
)
def period_unit_mismatch(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """Period and annual values differ in unit."""
    pair = _both_numeric(f)
    if pair is None:
        return
    pv, av = pair
    if (pv.unit or "") != (av.unit or ""):
        unit = pv.unit or av.unit or ""
        suggest = next(v.raw for v in (av, pv) if v.unit) if unit else av.raw
        yield Hit("values", name=f.ind.name, period=pv.raw, annual=av.raw,
                  period_unit=pv.unit or "无单位", annual_unit=av.unit or "无单位", suggest=suggest)


_OP_CN = {"≥": "≥（不低于）", "≤": "≤（不高于）", "=": "=（等于）", ">": ">（大于）", "<": "<（小于）"}


@rule(
    "Q04", "period_operator_mismatch", "warning", scope="indicator", when=("numeric_pair",),
    message="“{name}”的实施周期指标值“{period}”与年度指标值“{annual}”计算符号不一致（{period_op} 与 {annual_op}）",
    hint="两个指标值使用同一计算符号，如都写“{suggest}”。",
    doc=Doc(
        what="实施周期指标值与年度指标值都是数值，但计算符号不同（如 95% 与 95%以上，即 = 与 ≥）。",
        why="符号不同意味着考核口径不同：= 95% 和 ≥ 95% 是两个目标，评价时无从取舍。",
        bad="2、3-满意度指标；31-服务对象满意度；供暖效果满意率；实施周期指标值:95%；年度指标值:95%以上。",
        good="2、3-满意度指标；31-服务对象满意度；供暖效果满意率；实施周期指标值:≥95%；年度指标值:≥95%。",
        basis="docs/sources.md §3（≥ ≤ = > < 及其文字写法）；广州公开表格的两栏指标值。",
        choices="“以上/不低于/大于等于”等按 ≥ 比较，不按字面；不写符号的数值按 = 计。",
    ),
)
def period_operator_mismatch(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """Period and annual values differ in operator."""
    pair = _both_numeric(f)
    if pair is None:
        return
    pv, av = pair
    if pv.operator != av.operator:
        suggest = av.raw if av.operator != "=" else pv.raw
        yield Hit("values", name=f.ind.name, period=pv.raw, annual=av.raw,
                  period_op=_OP_CN.get(pv.operator or "=", pv.operator),
                  annual_op=_OP_CN.get(av.operator or "=", av.operator), suggest=suggest)


@rule(
    "Q05", "rate_not_percent", "warning", scope="indicator", when=("rate",),
    message="“{name}”是比率，{field_label}“{raw}”却不是百分数",
    hint="比率类指标用百分数表示，如“≥95%”“100%”。",
    doc=Doc(
        what="指标名称以 率 结尾（或含 比例、占比），指标值却不是百分数。",
        why="比率的目标值应为百分数，写成“完成”“100”“及时”无法与实际比率比较。",
        bad="1、1-产出指标；13-时效指标；车辆派遣及时率；实施周期指标值:及时；年度指标值:及时。",
        good="1、1-产出指标；13-时效指标；车辆派遣及时率；实施周期指标值:100%；年度指标值:100%。",
        basis=f"docs/sources.md §4 Q05；{_BASIS_101}（比率类指标以百分比表示）。",
        choices="满意度类指标（名称含“满意”而不含“不满意”）的取值形式由 PG-Q12 报告，本规则不重复"
                "（PG-Q12 未启用时由本规则报告）；"
                "频率、效率、功率、速率、汇率、利率不是百分比，不报告。",
    ),
)
def rate_not_percent(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """A rate name must have a percentage value."""
    if not f.is_rate or (_q12_judges(f.name) and ctx.enabled("Q12")):
        return
    for field, value in f.values:
        if value.kind not in ("empty", "percent"):
            yield Hit(field, name=f.ind.name, field_label=_label(field), raw=value.raw)


#: Names of ratios that may exceed 100%: growth, and ratios of two different quantities (出栏率 = 出栏数 ÷ 存栏数,
#: 周转率, 复种指数, 投入产出比, 收益率 / 回报率).
_GROWTH = re.compile(r"增长|增幅|增速|增加|提升|提高|同比|环比|比上年|较上年|倍|周转|出栏|复种|指数|产出比|收益率|回报率")


@rule(
    "Q06", "percent_out_of_range", "error", scope="indicator", when=("percent",),
    message={
        "": "“{name}”的{field_label}“{raw}”超出 0%–100%",
        "above": "“{name}”的{field_label}“{raw}”要求比率大于 100%，不可能达到",
    },
    hint="比率取值在 0% 到 100% 之间；如是增长幅度，请在名称中写明（如“…增长率”）。",
    doc=Doc(
        what="百分数大于 100% 或小于 0%，或要求大于 100%（“>100%”）。",
        why="完成率、合格率、覆盖率等不可能超过 100%；超出范围多为笔误（如 1000% 应为 100%）。",
        bad="1、1-产出指标；12-质量指标；验收合格率；实施周期指标值:1000%；年度指标值:1000%。",
        good="1、1-产出指标；12-质量指标；验收合格率；实施周期指标值:100%；年度指标值:100%。",
        basis="docs/sources.md §4 Q06（明显错误）。",
        choices="名称表示增长、提升、同比的指标，以及两种不同量之比（出栏率、周转率、复种指数、投入产出比、收益率）"
                "可超过 100%，不报告超过 100%（负数仍报告）；"
                "“≥100%”可以达到（恰为 100%），由 PG-Q07 报告写法。",
    ),
)
def percent_out_of_range(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """A percentage above 100 or below 0."""
    for field, value in f.values:
        if value.kind != "percent" or value.number is None:
            continue
        if value.number < 0:
            yield Hit(field, name=f.ind.name, field_label=_label(field), raw=value.raw)
        elif _GROWTH.search(f.name):
            continue
        elif value.number > 100:
            yield Hit(field, name=f.ind.name, field_label=_label(field), raw=value.raw)
        elif value.number == 100 and value.operator == ">":
            yield Hit(field, "above", name=f.ind.name, field_label=_label(field), raw=value.raw)


@rule(
    "Q07", "degenerate_ge_100", "warning", scope="indicator", when=("percent",),
    message="“{name}”的{field_label}“{raw}”：比率不可能超过 100%，“≥100%”等同于 =100%",
    hint="写成“100%”（或“=100%”）；如目标确可低于 100%，写实际的下限，如“≥95%”。",
    doc=Doc(
        what="百分数指标值为 ≥100%。",
        why="比率最大为 100%，“≥100%”在逻辑上只能是 100%，写法不规范，审核时常要求改为 =100%。",
        bad="3、1-产出指标；13-时效指标；故障及时响应率；实施周期指标值:≥100%；年度指标值:≥100%。",
        good="3、1-产出指标；13-时效指标；故障及时响应率；实施周期指标值:100%；年度指标值:100%。",
        basis="docs/sources.md §4 Q07。",
        choices="名称表示增长、提升、同比的指标（可超过 100%）不报告；"
                "“>100%”不可能达到，由 PG-Q06（错误）报告。",
    ),
)
def degenerate_ge_100(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """≥100% (>100% is impossible: PG-Q06)."""
    if _GROWTH.search(f.name):
        return
    for field, value in f.values:
        if value.kind == "percent" and value.operator == "≥" and value.number == 100:
            yield Hit(field, name=f.ind.name, field_label=_label(field), raw=value.raw,
                      op=value.operator)


#: Accepted grades (分级) and binary (是否型) words, docs/sources.md §3, plus binary
#: criteria a reviewer can verify as met / not met.
_GRADES = {"好", "较好", "一般", "较差", "差", "优", "良", "中", "优秀", "良好", "中等", "及格"}
_BINARY = {
    "符合", "合格", "达标", "是", "完成", "已完成", "全部完成", "否", "无", "有", "达到", "实现",
    "通过", "及时", "合法", "合规", "准确", "正常", "安全", "有效", "规范", "按时", "按期", "满足",
    "齐全", "完整", "到位", "全覆盖", "零", "未发生", "不发生", "杜绝", "无投诉", "无事故",
}
_JOINERS = re.compile(r"(?:[、，,/；;]|以及)+")
_VAGUE = re.compile(r"较|有所|进一步|持续|明显|稳定|提高|改善|提升|加强|增强|逐步|不断|显著|大幅|更加|良性|积极")
_STANDARD = re.compile(
    r"^(?:按|按照|依照|依据|根据|符合|达到|满足|执行|严格执行|遵守|落实|通过)"
    r".*(?:标准|规定|要求|规范|制度|规程|办法|政策|验收|合同|协议|计划|方案|设计|预期|目标)"
)
_PROSE = 30


def _accepted_words(text: str) -> bool:
    parts = [p for p in _JOINERS.split(text) if p]
    return bool(parts) and all(p in _GRADES or p in _BINARY for p in parts)


@file_cache(16384)
def qualitative_verdict(raw: str, prose_deferred: bool = True) -> tuple[str, str] | None:
    """(variant, vague word) when a number-less qualitative value is not measurable, else None;
    prose_deferred: text of 30+ characters is left to PG-Q09."""
    text = key(raw)
    if not text or (prose_deferred and len(text) >= _PROSE) or _accepted_words(text):
        return None
    vague = _VAGUE.search(text)
    if vague:
        return "", vague.group(0)
    if not _STANDARD.search(text):
        return "not_grade", ""
    return None


@rule(
    "Q08", "vague_qualitative", "warning", scope="indicator", when=("qualitative",),
    message={
        "": "“{name}”的{field_label}“{raw}”含“{word}”等模糊表述，没有可衡量的标准",
        "not_grade": "“{name}”的{field_label}“{raw}”不是可评判的定性取值（分级：好/较好/一般/较差/差；是否：符合/合格/达标/是/完成）",
    },
    hint="改为可衡量的值：定量（如“人员流失率≤10%”）、分级（好/较好/一般/较差/差）或是否型（符合/达标/完成），"
         "或写明依据的标准（如“符合《…规程》”）。",
    doc=Doc(
        what="定性指标值不属于公认的分级（好/较好/一般/较差/差；优/良/中/差）或是否型取值（符合/合格/达标/是/完成 等），"
             "或含“较、有所、进一步、持续、明显、稳定、提高、改善”等程度词而没有数字。",
        why="“较安全”“服务人员稳定”“车辆安全检测”无法判断是否达成，违反“量化易评”：定性指标应分级分档或可判定是否达成。",
        bad="4、2-效益指标；22-社会效益；安全性；实施周期指标值:较安全；年度指标值:较安全。",
        good="4、2-效益指标；22-社会效益；信息安全事件发生次数；实施周期指标值:0次；年度指标值:0次。",
        basis=f"{_BASIS_101}（定性指标一般采用分级分档表述，确保可衡量、可评价）；docs/sources.md §3。",
        choices="是否型取值另接受 及时、合法、合规、准确、正常、安全、有效、按时、按期、到位 等可判定是否达成的词，"
                "以及由它们用“、”连接的组合（如“及时、合法”）；"
                "写明依据标准的值（以 按/按照/符合/达到/执行 开头且含 标准/规定/要求/规范/制度 等，如“按职级标准发放”）视为是否型，不报告；"
                "“较好”“较差”是分级中的一档，不算模糊；30 字及以上的文字由 PG-Q09（描述性文字）报告，本规则不重复"
                "（PG-Q09 未启用时由本规则判断）；按地点分列读取的指标值（甲区:提升；乙县:提升）逐个地点的值判断。",
    ),
)
def vague_qualitative(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """Qualitative values must be grades, binary, or standards; never vague."""
    for field, value in f.values:
        if value.kind != "qualitative" or has_number(value):
            continue
        places = place_values(value.raw)  # 甲区:提升；乙县:提升 — each place's value is judged
        verdict = next(filter(None, (qualitative_verdict(v, ctx.enabled("Q09")) for _, v in places
                                     if not has_number(parse_value(v)))), None) if places \
            else qualitative_verdict(value.raw, ctx.enabled("Q09"))
        if verdict is not None:
            yield Hit(field, verdict[0], name=f.ind.name, field_label=_label(field), raw=value.raw,
                      word=verdict[1])


@rule(
    "Q09", "value_is_description", "warning", scope="indicator", when=("qualitative",),
    message={
        "": "“{name}”的{field_label}是 {n} 字的描述性文字，不是指标值",
        "repeat": "“{name}”的{field_label}“{raw}”与指标名称相同",
        "goal": "“{name}”的{field_label}照抄了绩效目标（“{excerpt}”）",
    },
    hint="指标值只写目标值本身（数值、分级或是否），说明性文字放入绩效目标或指标解释。",
    doc=Doc(
        what="定性指标值与指标名称相同，或是 30 字及以上的描述性文字，或照抄了绩效目标（15 字及以上与绩效目标的一段相同）。",
        why="把名称或目标再抄一遍，等于没有设定目标值，无法评价是否达成。",
        bad="4、2-效益指标；24-可持续影响；服务人员稳定；实施周期指标值:服务人员稳定；年度指标值:服务人员稳定。",
        good="4、2-效益指标；24-可持续影响；服务人员年流失率；实施周期指标值:≤10%；年度指标值:≤10%。",
        basis=f"{_BASIS_101}（指标值应为明确的目标值）；{_BASIS_88}（可衡量）。",
        choices="只判断定性值（数值、百分数、期限不判）；一条值同时符合多种情形时只报最具体的一种（与名称相同 > 照抄目标 > 长描述）；"
                "按地点分列读取的指标值（甲区:2；乙县:3）不是描述，不报告。",
    ),
)
def value_is_description(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """The value repeats the name, copies the goal, or is prose."""
    for field, value in f.values:
        if value.kind != "qualitative" or place_values(value.raw):
            continue  # (values per place joined: no description)
        text = key(value.raw)
        if not text:
            continue
        args = {"name": f.ind.name, "field_label": _label(field), "raw": value.raw}
        if text == f.name:
            yield Hit(field, "repeat", **args)
        elif len(text) >= 15 and ctx.goal_key and (text in ctx.goal_key or ctx.goal_key in text):
            excerpt = text if len(text) <= 24 else text[:24] + "…"
            yield Hit(field, "goal", excerpt=excerpt, **args)
        elif len(text) >= _PROSE:
            yield Hit(field, n=len(text), **args)


_DEADLINE_WORDS = re.compile(r"前|以内|之内|内")
_TIME_UNIT = re.compile(r"年|月|日|天|周|小时|时|分钟|秒|工作日|季度")


@rule(
    "Q10", "timeliness_form", "warning", scope="indicator", when=("13",),
    message="时效指标“{name}”的{field_label}“{raw}”没有时限（百分比、日期、期间、“…前/…内”或时间单位）",
    hint="时效指标写明时限，如“10月底前”“2024年12月31日前”“24小时内”“≤5个工作日”，或按时完成率“100%”。",
    doc=Doc(
        what="13-时效指标的值既不是百分数、日期、期间、期限（…前、…内、以内），也没有带数字的时间单位（天、小时、工作日……）。",
        why="时效指标考核“何时完成”，写“及时”“按时”无法判断是否按期。",
        bad="4、1-产出指标；13-时效指标；采暖补贴发放时间；实施周期指标值:及时；年度指标值:及时。",
        good="4、1-产出指标；13-时效指标；采暖补贴发放时间；实施周期指标值:10月底前；年度指标值:10月底前。",
        basis=f"{_BASIS_101}（时效指标反映完成的及时程度和效率）。",
        choices="“按时完成率”之类以百分数表示的时效指标视为合规。",
    ),
)
def timeliness_form(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """时效指标 values must say when."""
    if f.l2_code != "13":
        return
    for field, value in f.values:
        if value.kind in ("empty", "percent", "deadline", "period", "date"):
            continue
        text = key(value.raw)
        if _DEADLINE_WORDS.search(text):
            continue
        if has_number(value) and (_TIME_UNIT.search(value.unit or "") or _TIME_UNIT.search(text)):
            continue
        yield Hit(field, name=f.ind.name, field_label=_label(field), raw=value.raw)


_MONEY = MONEY_PER_WAN


@rule(
    "Q11", "cost_form", "warning", scope="indicator", when=("cost",),
    message={
        "": "成本指标“{name}”的{field_label}“{raw}”没有货币单位（元、万元）或百分数",
        "over": "成本指标“{name}”的{field_label}“{raw}”（{wan} 万元）超过项目总计 {total} 万元",
    },
    variant_severity={"over": "error"},
    hint="成本指标写明金额和单位，如“≤34.30万元”“≤800元/人”，或成本控制率“≤100%”；总额不应超过项目预算。",
    doc=Doc(
        what="成本指标（14-成本指标或一级成本指标）的值没有货币单位（元、万元……）也不是百分数（警告）；"
             "或以金额计的值（不含“元/人”等单价）超过项目总计（错误）。",
        why="成本指标约束花多少钱办成事：没有金额单位无法对照预算，超过预算总额则指标本身与预算矛盾。",
        bad="1、4-成本指标；41-经济成本指标；车辆租赁成本；实施周期指标值:50万元；年度指标值:50万元。（项目总计 34.30 万元）",
        good="1、4-成本指标；41-经济成本指标；车辆租赁成本；实施周期指标值:≤34.30万元；年度指标值:≤34.30万元。",
        basis=f"{_BASIS_101}（成本指标：经济成本、社会成本、生态环境成本）。",
        choices="元、千元、万元、百万元、亿元换算为万元后与项目总计比较；单价（含“/”）和百分数不比较总额；"
                "表格金额单位为元时，项目总计先换算为万元。",
    ),
)
def cost_form(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """成本指标 values need a money unit or %, and must not exceed the budget."""
    if not f.is_cost:
        return
    total = ctx.project.amounts.total
    if total is not None and (ctx.table.unit or "万元").strip() == "元":
        total = total / 10000
    for field, value in f.values:
        if value.kind in ("empty", "percent"):
            continue
        unit = value.unit or ""
        if "元" not in unit and not (unit == "万" or unit == "亿"):
            yield Hit(field, name=f.ind.name, field_label=_label(field), raw=value.raw)
            continue
        factor = _MONEY.get(unit)
        if factor is None or value.number is None or total is None:
            continue
        wan = Decimal(str(value.number)) * factor
        if wan > total + Decimal("0.005"):
            yield Hit(field, "over", name=f.ind.name, field_label=_label(field), raw=value.raw,
                      wan=f"{wan.normalize():f}", total=f"{total:.2f}")


def _q12_judges(name: str) -> bool:
    """Is the name one PG-Q12 judges (满意, not 不满意)?"""
    return "满意" in name and "不满意" not in name


@rule(
    "Q12", "satisfaction_form", "warning", scope="indicator", when=("satisfaction",),
    message={
        "": "满意度指标“{name}”的{field_label}“{raw}”不是百分数",
        "low": "满意度指标“{name}”的{field_label}“{raw}”低于 80%",
        "flat100": "满意度指标“{name}”的{field_label}为 100%：满意度调查很难全部满意，目标可能偏高",
    },
    variant_severity={"flat100": "info"},
    hint="满意度写为百分数，一般为“≥85%”“≥90%”；目标不宜低于 80%，也不宜定为 100%。",
    doc=Doc(
        what="满意度指标（名称含“满意”）的值不是百分数，或低于 80%（警告）；值恰为 100% 时提示。",
        why="满意度来自抽样调查，应以百分数表示；低于 80% 的目标说明对服务质量要求过低，100% 则难以达到、不够审慎。",
        bad="3、3-满意度指标；31-服务对象满意度；供暖效果满意率；实施周期指标值:满意；年度指标值:满意。",
        good="3、3-满意度指标；31-服务对象满意度；供暖效果满意率；实施周期指标值:≥90%；年度指标值:≥90%。",
        basis=f"{_BASIS_101}（满意度指标）；财预〔2020〕10号（满意度评价）；docs/sources.md §4 Q12。",
        choices="名称含“不满意”的不判断；“≥100%”由 PG-Q07 报告，本规则只对写成“100%”（=）的值提示"
                "（PG-Q07 未启用时“≥100%”也提示）；"
                "满意度名称放错类别由 PG-K04 报告。",
    ),
)
def satisfaction_form(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """满意度 values: a percentage, not below 80%, rarely a flat 100%."""
    if not _q12_judges(f.name):
        return
    ge100_deferred = ctx.enabled("Q07") and not _GROWTH.search(f.name)
    for field, value in f.values:
        if value.kind == "empty":
            continue
        args = {"name": f.ind.name, "field_label": _label(field), "raw": value.raw}
        if value.kind != "percent" or value.number is None:
            yield Hit(field, **args)
        elif value.number < 80:
            yield Hit(field, "low", **args)
        elif value.number == 100 and (value.operator == "=" or (value.operator == "≥" and not ge100_deferred)):
            yield Hit(field, "flat100", **args)
