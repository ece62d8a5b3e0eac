"""E — year-end self-evaluation (绩效自评): actual values, scores and deviation reasons.

These rules fire only when the table carries self-evaluation data (an 实际完成值, a 得分
or a 全年执行数 anywhere): a target table without actuals gets no E findings. The scores
are computed once per check by perfgoals_xl.scoring with the run's [scoring] profile and
shared by every rule of the family.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from perfgoals_xl.model import scoring_sheet
from perfgoals_xl.rules.amounts import source_scale
from perfgoals_xl.rules.base import Doc, Hit, rule
from perfgoals_xl.rules.facts import IndicatorFacts, TableContext
from perfgoals_xl.scoring import ProjectScore, ScoringProfile, has_actuals, score_project
from perfgoals_xl.scoring.claims import check_claim, shared_groups, shared_scores
from perfgoals_xl.scoring.compound import names_any, split_target

_BASIS = "财预〔2020〕10号《项目支出绩效评价管理办法》（附件：项目支出绩效自评表；预算执行率10分、产出50分、效益30分、满意度10分）"
_FORM = "各省项目支出绩效自评表（实际完成值、分值、得分、偏差原因分析及改进措施）"
_EXECUTION_WORDS = ("执行", "支付", "资金", "预算", "结余", "结转", "拨付", "采购", "进度")


def _scores(tctx: TableContext) -> list[tuple[ProjectScore, list[IndicatorFacts]]]:
    """Every project's score with its indicators' facts (computed once per check, [] without actuals;
    the caller's scores when it passed them to the check: ``check_table(table, config, scores=…)``)."""
    cached = tctx.__dict__.get("_selfeval_scores")
    if cached is not None:
        return cached
    out: list[tuple[ProjectScore, list[IndicatorFacts]]] = []
    known = tctx.table_has_actuals
    if known if known is not None else has_actuals(tctx.table):
        given = tctx.scores
        if given is not None and len(given) == len(tctx.projects) and all(
                s.project is ctx.project for s, ctx in zip(given, tctx.projects, strict=True)):
            out = [(s, ctx.facts) for s, ctx in zip(given, tctx.projects, strict=True)]  # the caller's
        else:
            profile = profile_of(tctx)
            out = [(score_project(ctx.project, profile, ctx.unit), ctx.facts) for ctx in tctx.projects]
    tctx.__dict__["_selfeval_scores"] = out
    return out


def profile_of(tctx: TableContext) -> ScoringProfile:
    """The scoring profile of the run ([scoring] of its configuration, else the defaults)."""
    config: Any = tctx.config
    return config.scoring_profile() if config is not None and config.scoring else ScoringProfile()


def _pct(x: float) -> str:
    return f"{x:.1%}"


@rule(
    "E01", "actual_missing", "warning", scope="table", per_project=True,
    message={"": "“{name}”没有填写实际完成值（年度指标值 {target}），按 0 分计",
             "budget": "项目“{project}”没有填写{missing}，预算执行率按 0 分计",
             "department_budget": "整体支出没有填写{missing}，预算执行率按 0 分计"},
    hint="填写实际完成值；指标确实不适用时填“不适用”（不计分，其余指标按 100 分折算）。",
    doc=Doc(
        what="自评表中指标没有实际完成值；或项目没有全年执行数、全年预算数（年初预算数）。",
        why="没有实际完成值无法评分，自评表按 0 分计，审核时视为未完成自评。",
        bad="1、1-产出指标；11-数量指标；培训人次；…；年度指标值:≥100人次。 实际完成值：（空）",
        good="实际完成值：120人次",
        basis=_BASIS + "；" + _FORM + "。",
        choices="只有表中有任何自评数据（实际完成值、得分或全年执行数）时才检查；写“不适用”的指标不计分、不报告；"
                "评价评分表（不列指标值和实际完成值，得分按自评得分计）不要求实际完成值，也没有预算执行率一栏时不要求执行数。",
    ),
)
def actual_missing(tctx: TableContext) -> Iterator[Hit]:
    """Indicators without an actual value; projects without the budget execution."""
    for score, facts in _scores(tctx):
        if score.budget.missing and not any(_budget_parts(score.project)):
            # a total line of 0 beside filled 其中 lines is named by PG-E10 (the cells that disagree),
            # not reported again as a budget never filled in
            p = score.project
            missing = "、".join(label for label, v in (("全年执行数", p.budget_executed),
                                                       ("全年预算数", p.budget_adjusted or p.budget_initial))
                               if v is None) or "有效的全年预算数"
            yield Hit("budget_executed", "budget", at_project=p, project=p.name, missing=missing)
        for s, f in zip(score.indicators, facts, strict=True):
            if s.result.missing:
                yield Hit("actual_value", at=f, name=s.indicator.name, target=s.indicator.annual_value.raw)


@rule(
    "E02", "reason_missing", "warning", scope="table", per_project=True,
    message={"": "“{name}”得分 {points} 低于分值 {weight}，没有填写偏差原因分析及改进措施（{note}）",
             "claimed": "“{name}”自评得分 {claimed} 低于分值 {weight}（表中自评为未完全达成），没有填写偏差原因分析及改进措施"},
    hint="说明未完成的原因和改进措施（偏差原因分析及改进措施栏）。",
    doc=Doc(
        what="指标得分低于分值（未完全达成），而偏差原因分析及改进措施为空：按规则重算的得分低于分值，"
             "或表中自评的得分低于印出的分值（填报人自己判定未完全达成）。没有实际完成值的指标由 PG-E01 报告，看不出档次或单位不同的由 PG-E08、PG-E05 报告。",
        why="自评表要求对未完成的指标分析偏差原因并提出改进措施，空白的自评表会被退回。",
        bad="合格率 年度指标值 ≥95% 实际完成值 80% 偏差原因：（空）",
        good="偏差原因：部分设备到货延迟，验收推迟到次年一季度；改进措施：提前组织采购。",
        basis=_BASIS + "：“对未完成绩效目标或偏离绩效目标较大的项目要分析并说明原因，研究提出改进措施”；"
              + _FORM + "。",
        choices="评价评分表（只列分值、评分标准和自评得分，不列指标值和实际完成值，如部门整体支出绩效评价指标体系）"
                "没有偏差原因一栏，扣分的依据是其评分标准，不报告。",
    ),
)
def reason_missing(tctx: TableContext) -> Iterator[Hit]:
    """A score below the weight with no 偏差原因 (none asked of a scoring sheet: its 评分标准 say why)."""
    for score, facts in _scores(tctx):
        if scoring_sheet(score.project):
            continue
        for s, f in zip(score.indicators, facts, strict=True):
            ind = s.indicator
            if s.needs_reason and s.result.method not in ("unreadable", "unit_mismatch"):  # PG-E08 / PG-E05 say why
                yield Hit("deviation_reason", at=f, name=ind.name, points=f"{s.points:.2f}",
                          weight=f"{s.weight:.2f}", note=s.result.note or "未完全达成")
            elif (ind.score is not None and ind.weight is not None and ind.score < ind.weight - 1e-6
                  and not s.result.not_applicable and not (ind.deviation_reason or "").strip()):
                yield Hit("deviation_reason", "claimed", at=f, name=ind.name, claimed=f"{ind.score:g}",
                          weight=f"{ind.weight:g}")


@rule(
    "E03", "execution_reason_missing", "warning", scope="table", per_project=True,
    message={"": "项目“{project}”预算执行率 {rate} 低于 {floor}，年度目标实际完成情况没有说明原因",
             "department": "整体支出预算执行率 {rate} 低于 {floor}，年度总体目标完成情况没有说明原因"},
    hint="在年度总体目标实际完成情况中说明资金执行偏低的原因（如采购延期、资金结转）和改进措施。",
    doc=Doc(
        what="预算执行率（全年执行数 / 全年预算数）低于 90%，而年度目标实际完成情况没有提到资金执行"
             "（执行、支付、资金、预算、结余、结转、拨付、采购、进度）。",
        why="执行率偏低是财政部门重点关注的问题，自评时必须说明原因和措施。",
        bad="全年预算数 100，全年执行数 60；实际完成情况：完成年度各项工作。",
        good="实际完成情况：……因设备采购延期，资金执行 60%，剩余资金已结转，明年一季度完成支付。",
        basis=_BASIS + "（预算执行率）。",
        choices="自评表的项目资金栏没有“原因”一栏，原因按惯例写在年度总体目标实际完成情况中；"
                "下限 90% 可在配置 [scoring] execution_reason_below 中修改。",
    ),
)
def execution_reason_missing(tctx: TableContext) -> Iterator[Hit]:
    """执行率 below the floor with no reason in the 实际完成情况."""
    scores = _scores(tctx)
    if not scores:
        return
    floor = profile_of(tctx).execution_reason_below
    for score, _ in scores:
        rate = score.budget.rate
        summary = score.project.actual_summary or ""
        if rate is not None and rate < floor and not any(w in summary for w in _EXECUTION_WORDS):
            yield Hit("actual_summary", at_project=score.project, project=score.project.name, rate=_pct(rate),
                      floor=f"{floor:.0%}")


@rule(
    "E04", "far_beyond_target", "warning", scope="table", per_project=True,
    message="“{name}”实际完成值 {actual} 达到年度指标值 {target} 的 {ratio}，指标值可能设置过低",
    hint="核实实际完成值；确属超额完成的，下一年度按实际水平调整指标值，并在偏差原因中说明。",
    doc=Doc(
        what="正向定量指标的实际完成值达到年度指标值的 150% 及以上。",
        why="大幅超额完成通常说明目标定得过低（“目标保守”），是审核意见中的常见问题。",
        bad="培训人次 年度指标值 ≥100人次 实际完成值 300人次",
        good="年度指标值按上年实际水平设为 ≥280人次",
        basis=_BASIS + "：“对完成值高于指标值较多的，要分析原因，如果是由于年初指标值设定明显偏低造成的，"
              "要按照偏离度适度调减分值”；[review] 财政部门对自评结果的常见审核意见（目标设置偏低）。",
        choices="只看正向的定量指标（反向指标越小越好）；只报告、不自动扣分（调减多少由审核人判断）；"
                "倍数 1.5 可在配置 [scoring] far_beyond 中修改。",
    ),
)
def far_beyond_target(tctx: TableContext) -> Iterator[Hit]:
    """A positive quantitative actual ≥ 150 % of its target."""
    scores = _scores(tctx)
    if not scores:
        return
    limit = profile_of(tctx).far_beyond
    for score, facts in scores:
        for s, f in zip(score.indicators, facts, strict=True):
            ratio = s.result.ratio
            if ratio is not None and ratio >= limit:
                ind = s.indicator
                yield Hit("actual_value", at=f, name=ind.name, actual=ind.actual_value.raw,  # type: ignore[union-attr]
                          target=ind.annual_value.raw, ratio=f"{ratio:.0%}")


@rule(
    "E05", "actual_unit_mismatch", "warning", scope="table", per_project=True,
    message="“{name}”实际完成值的单位“{actual_unit}”与年度指标值的单位“{target_unit}”不同，无法比较",
    hint="实际完成值用与指标值相同的计量单位填写（如都用“万元”或都用“%”）。",
    doc=Doc(
        what="实际完成值和年度指标值都有计量单位（或 %），而两者不同。",
        why="单位不同的数无法比较，得分无法计算（按 0 分计），也常是抄错了单位。",
        bad="年度指标值 ≥100人 实际完成值 100户",
        good="实际完成值 100人",
        basis=_FORM + "。",
        choices="只有一边写单位时不报告（按数值比较）；单位按全角半角统一后比较；同一单位的不同写法"
                "（㎡ 与 平方米、公里 与 km、人次 与 人、次/年 与 次）和不同量级的金额（480000元 与 ≤50万元，换算后比较）不报告。",
    ),
)
def actual_unit_mismatch(tctx: TableContext) -> Iterator[Hit]:
    """The actual's unit differs from the target's."""
    for score, facts in _scores(tctx):
        for s, f in zip(score.indicators, facts, strict=True):
            if s.result.method == "unit_mismatch":
                ind = s.indicator
                yield Hit("actual_value", at=f, name=ind.name, actual_unit=ind.actual_value.unit,  # type: ignore[union-attr]
                          target_unit=ind.annual_value.unit)


@rule(
    "E06", "claimed_score_differs", "error", scope="table", per_project=True,
    message={"": "“{name}”自评得分 {claimed} 与按规则计算的 {computed} 不符（{note}）",
             "range": "“{name}”自评得分 {claimed} 不在按规则可得的 {low}–{high} 分之间（{note}）"},
    hint="按评分规则重新计算得分：正向 实际/目标 × 分值（最高满分），反向 目标/实际 × 分值，定性按档次。",
    doc=Doc(
        what="表中填写的得分与按评分规则重算的得分相差超过 0.05 分。",
        why="自评得分虚高是财政部门复核自评结果时最常见的问题。",
        bad="合格率 年度指标值 ≥95% 实际完成值 76% 分值 10 得分 10",
        good="得分 8（76/95 × 10）",
        basis=_BASIS + "（评分方法）；" + _FORM + "。",
        choices="定性指标档次内的得分由填报人确定，不在档次内的由 PG-E08 报告；单位不同（PG-E05）、看不出档次（PG-E08）"
                "或没有分值的指标无从重算，不报告（没有实际完成值的按 0 分比较，PG-E01 另报缺值）；容差 0.05 可在配置 [scoring] score_tolerance 中修改。"
                "表上没有分值栏（只有整块的分值，如“年度绩效目标(80分)”）时，默认分值不是原表的：只报实际结果一分不得却填了得分的。"
                "几条指标共用一个合并的得分格时，该得分按这几条按规则可得分之和比较。"
                "评价评分表（只列分值、评分标准和自评得分，不列指标值和实际完成值）无从重算，自评得分即得分，"
                "只检查它在 0 至分值之间。",
    ),
)
def claimed_score_differs(tctx: TableContext) -> Iterator[Hit]:
    """A claimed 得分 that differs from the recomputed one."""
    scores = _scores(tctx)
    if not scores:
        return
    tolerance = profile_of(tctx).score_tolerance
    for score, facts in scores:
        shared = shared_scores(score.indicators)  # one 得分 merged over a group's rows: the group's claim
        for s, f in zip(score.indicators, facts, strict=True):
            # nothing to compare with: no weight, an actual whose grade or unit cannot be read (PG-E08,
            # PG-E05 say so); a band's range violated is PG-E08's (one finding). No actual at all earns 0.
            check = check_claim(s, tolerance, shared.get(id(s), ()))
            if check is None or check.status != "differs":
                continue
            claimed, r = s.indicator.score, s.result
            low, high, points, weight = check.low, check.high, check.points, check.weight
            full = points >= weight - 1e-9
            group = shared.get(id(s), ())
            note = (r.note if not group else "") or (
                f"实际完成值达到指标值，应得满分 {weight:g}" if full else "按评分规则计算")
            name = s.indicator.name + (f"（与其下 {len(group) - 1} 条指标共用一个得分）" if group else "")
            if high - low > tolerance:
                yield Hit("score", "range", at=f, name=name, claimed=f"{claimed:g}",
                          low=f"{low:.2f}", high=f"{high:.2f}", note=note)
            else:
                yield Hit("score", at=f, name=name, claimed=f"{claimed:g}", computed=f"{points:.2f}", note=note)


@rule(
    "E07", "selfeval_weights_sum", "warning", scope="table", per_project=True,
    message={"": "项目“{project}”的指标分值合计 {sum}，应为 {expected}（另 {budget} 分为预算执行率，共 100 分）：分值无效，该项目不评等级",
             "partial": "项目“{project}”有 {missing} 条指标没有分值（共 {n} 条）：已填的分值照用，其余按所在一级指标分值的剩余部分平均分配（没有剩余时记 0 分）",
             "negative": "项目“{project}”的指标“{name}”分值为 {weight}，分值不能为负数：按 0 分计，该项目不评等级",
             "sheet": "项目“{project}”的指标分值合计 {sum}，应为 100（评价评分表没有另列预算执行率）：分值无效，该项目不评等级",
             "department_sheet": "指标分值合计 {sum}，应为 100（评价评分表没有另列预算执行率）：分值无效，不评等级",
             "department": "指标分值合计 {sum}，应为 {expected}（另 {budget} 分为预算执行率，共 100 分）：分值无效，不评等级",
             "department_partial": "有 {missing} 条指标没有分值（共 {n} 条）：已填的分值照用，其余按所在一级指标分值的剩余部分平均分配（没有剩余时记 0 分）",
             "department_negative": "指标“{name}”分值为 {weight}，分值不能为负数：按 0 分计，不评等级"},
    hint="各指标分值合计应为 100 减预算执行率分值（表中预算执行行印有分值时按其计，否则 10 分，即合计 90）；"
         "不填分值时按 产出50/效益30/满意度10 平均分配。",
    doc=Doc(
        what="自评表中指标分值合计加预算执行率分值不等于 100（错误，该项目不评等级）；分值为负数（错误）；"
             "或部分指标有分值、部分没有（警告）。",
        why="分值合计不对，总分就不是百分制，等级（优良中差）随之失真：这样的总分不给等级。",
        bad="四条指标分值 30、30、30、30（合计 120）",
        good="分值 25、25、30、10（合计 90），预算执行率 10",
        basis=_BASIS + "。",
        choices="与 PG-K07 不同，本规则只在自评数据存在时检查（perfgoals_xl/scoring/weights.py）：指标分值合计应为 "
                "100 − 预算执行率分值，该分值取表中预算执行行印出的分值（省份口径，如 20 分则指标合计 80），未印时取 10；"
                "未印预算分值且没有预算执行数据、或预算执行率作为一条指标计分、或表上的得分合计就是各指标得分之和"
                "（预算不计分，如转移支付区域绩效自评表）时，合计 100 也可；"
                "评价评分表（不列指标值和实际完成值）没有预算执行率一栏时（预算执行是其指标之一），合计应为 100；"
                "项目缺少某一类一级指标（如没有满意度指标，由 PG-C04 报告）时，合计等于其余各类默认分值之和（如 80），"
                "或等于一级指标标签印出的分值之和（如 产出指标(50分)、效益指标(30分)）也不报告；"
                "容差 0.01 分，或每条指标 0.005 分（保留两位小数的分值，如 3.33 × 15 = 49.95）中较大者；"
                "合计不对是错误：总分仍折算到 100 分计算，但不评等级；分值为负数是错误，按 0 分计，"
                "该项目不评等级（issue #20：负分值曾使总分达到 144.8 分并评为“优”）。"
                "各一级指标内的分值与其标签分值（产出指标(50分)）是否相符由另一条规则检查。",
    ),
)
def selfeval_weights_sum(tctx: TableContext) -> Iterator[Hit]:
    """Weights of the table not adding up to the indicator share."""
    scores = _scores(tctx)
    if not scores:
        return
    for score, facts in scores:
        name = score.project.name
        for s, f in zip(score.indicators, facts, strict=True):
            if s.indicator.weight is not None and float(s.indicator.weight) < 0:
                yield Hit("weight", "negative", "error", at=f, project=name, name=s.indicator.name,
                          weight=f"{float(s.indicator.weight):g}")
        if score.weights_source == "partial":
            missing = sum(1 for s in score.indicators if s.indicator.weight is None)
            first = next(f for s, f in zip(score.indicators, facts, strict=True) if s.indicator.weight is None)
            yield Hit("weight", "partial", at=first, project=name, missing=missing, n=len(score.indicators))
        elif score.weights_check is not None and not score.weights_check.adds_up:
            check = score.weights_check
            yield Hit("weight", "sheet" if check.budget == 0 and scoring_sheet(score.project) else "",
                      severity="error", at_project=score.project, project=name,
                      sum=f"{check.total:g}", expected=f"{check.expected:g}", budget=f"{check.budget:g}")


@rule(
    "E08", "qualitative_band", "warning", scope="table", per_project=True,
    message={"": "“{name}”（定性，{band}）自评得分 {claimed} 占分值 {share}，不在该档 {low}–{high} 内",
             "unreadable": "“{name}”实际完成情况“{actual}”无法判定档次，按 0 分计",
             "compound": "“{name}”：{note}"},
    hint="定性指标：达成年度指标 80%–100% 分值，部分达成并具有一定效果 60%–80%，未达成且效果较差 0–60%；"
         "实际完成值写明档次或与指标值相同。",
    doc=Doc(
        what="定性指标的自评得分不在实际完成情况所属档次的范围内；或实际完成情况既不同于指标值、也看不出档次；"
             "或复合指标（签约率提高1%X体检率提高2%）的实际完成情况无法按子目标逐项对应。",
        why="定性指标按档次给分，档次外的得分（如写“部分达成”却给满分）不符合评分规则。",
        bad="年度指标值：明显提升 实际完成值：部分达成 分值 10 得分 10",
        good="得分 7（部分达成 60%–80%）",
        basis=_BASIS + "（定性指标：达成年度指标、部分达成并具有一定效果、未达成且效果较差三档）。",
        choices="档次按实际完成值中的词判断（perfgoals_xl/scoring/grades.py）：未达成/未完成/不符合… → 未达成，部分/基本… → 部分达成，"
                "达成/完成/符合/达标… → 达成；写程度的（程度较高、效果显著、效果一般、较差）按指标值要求的程度定档："
                "不低于要求为达成，低于要求为部分达成，较差一类为未达成；指标值不写程度时要求“较高/较好”。"
                "复合指标各子目标按名称与实际对应、各占相等分值，可得分为各项之和；对应不上的不猜，按看不出档次报告。"
                "档次范围可在配置 [scoring] bands 中修改。",
    ),
)
def qualitative_band(tctx: TableContext) -> Iterator[Hit]:
    """A qualitative share outside its band, or an actual whose band cannot be read."""
    scores = _scores(tctx)
    if not scores:
        return
    bands = profile_of(tctx).bands
    for score, facts in scores:
        shared = shared_scores(score.indicators)  # a group's one 得分 is no share of one indicator's band
        for s, f in zip(score.indicators, facts, strict=True):
            r, ind = s.result, s.indicator
            if r.band_violation and r.band and ind.score is not None and s.weight > 0 and id(s) not in shared:
                low, high = bands[r.band]
                yield Hit("score", at=f, name=ind.name, band=r.band, claimed=f"{ind.score:g}",
                          share=_pct(ind.score / s.weight), low=f"{low:.0%}", high=f"{high:.0%}")
            elif r.method == "unreadable" and ind.actual_value is not None and ind.actual_value.number is None:
                parts = split_target(ind.annual_value.raw)
                if parts is not None and names_any(parts, ind.actual_value.raw):  # r.note says which part
                    yield Hit("actual_value", "compound", at=f, name=ind.name, note=r.note)
                else:
                    yield Hit("actual_value", "unreadable", at=f, name=ind.name, actual=ind.actual_value.raw[:30])


def _printed_number(text: str | None) -> float | None:
    """A number printed in the budget block ('100%', '0.958', '89.974万元' → its number; % kept as %)."""
    import math
    import re

    if not text:
        return None
    # a whole number token, never a piece of a longer one (1e400, 1e+308, 400 digits were read as 1)
    m = re.search(r"(?<![0-9A-Za-z.+\-])-?\d{1,15}(?:\.\d{1,10})?(?![0-9A-Za-z.])", text.replace(",", ""))
    if m is None:
        return None
    value = float(m.group(0))
    return value if math.isfinite(value) else None


@rule(
    "E09", "total_score_mismatch", "error", scope="table", per_project=True,
    message={"": "项目“{project}”的总分 {total} 不等于各项得分之和 {sum}（指标得分 {indicators}{budget}）",
             "department": "总分 {total} 不等于各项得分之和 {sum}（指标得分 {indicators}{budget}）"},
    hint="核对总分行：总分 = 预算执行得分 + 各指标得分（表中给年度目标完成情况打分的，加上该得分）。",
    doc=Doc(
        what="自评表的总分行与表中各指标得分、预算执行得分之和相差超过 0.05 分（只在表中填了总分和全部得分时检查）。",
        why="总分决定评价等级（优良中差），与各项得分不一致时等级无据可查；财政部门复核自评表时逐项加总核对。",
        bad="预算执行得分 9，指标得分 13、15、10、10、27、9，总分 94（应为 93）",
        good="总分 93",
        basis=_BASIS + "；" + _FORM + "（总分行）。",
        choices="只比较表中印出的数：预算执行行没有得分时只加指标得分；几条指标共用一个合并的得分格时，该得分只计一次；"
                "有指标未填得分时不检查（由 PG-E01 报告）。",
    ),
)
def total_score_mismatch(tctx: TableContext) -> Iterator[Hit]:
    """The printed 总分 against the printed scores it should add up."""
    tolerance = profile_of(tctx).score_tolerance
    for ctx in tctx.projects:
        p = ctx.project
        covered = {n for group in shared_groups(p.indicators) for n in group[1:]}  # one merged 得分, counted once
        scores = [i.score for n, i in enumerate(p.indicators) if n not in covered]
        if p.total_score is None or not scores or any(s is None for s in scores):
            continue
        indicators = sum(s for s in scores if s is not None)
        budget = _printed_number(p.budget_block.get("score"))
        goals = _printed_number(p.budget_block.get("goal_score"))  # a scored 年度目标完成情况 block (四川)
        total = indicators + (budget or 0.0) + (goals or 0.0)
        if abs(total - p.total_score) > max(tolerance, 0.005 * len(scores)):
            parts = (f"，预算执行得分 {budget:g}" if budget is not None else "") + (
                f"，年度目标完成得分 {goals:g}" if goals is not None else "")
            yield Hit("total_score", at_project=p, project=p.name, total=f"{p.total_score:g}", sum=f"{total:g}",
                      indicators=f"{indicators:g}", budget=parts)


@rule(
    "E10", "budget_block_mismatch", "error", scope="table", per_project=True,
    message={"": "项目“{project}”的执行率填 {printed}，按全年执行数 {executed} ÷ 全年预算数 {base} 应为 {rate}",
             "score": "项目“{project}”的预算执行得分填 {printed}，按执行率 {rate} × 分值 {weight}（最高 {weight}）应为 {expected}",
             "parts": "项目“{project}”的年度资金总额{column}填 {total}，而其中各行之和为 {parts}",
             "department": "整体支出的执行率填 {printed}，按全年执行数 {executed} ÷ 全年预算数 {base} 应为 {rate}",
             "department_score": "整体支出的预算执行得分填 {printed}，按执行率 {rate} × 分值 {weight}（最高 {weight}）应为 {expected}",
             "department_parts": "整体支出的年度资金总额{column}填 {total}，而其中各行之和为 {parts}"},
    hint="核对预算执行情况：年度资金总额 = 其中各项来源之和；执行率 = 全年执行数 ÷ 全年预算数；得分 = 执行率 × 分值（不超过分值）。",
    variant_severity={"score": "warning", "department_score": "warning"},
    doc=Doc(
        what="自评表的预算执行情况前后不一致：年度资金总额行与其中各行（本年财政拨款、上年结转、其他资金）之和不符；"
             "印出的执行率与 全年执行数 ÷ 全年预算数 相差超过 0.5 个百分点；印出的预算执行得分与 执行率 × 分值（不超过分值）相差超过 0.05 分。",
        why="预算执行率是自评的一项计分内容，资金总额与其来源、执行率与得分互相矛盾时，自评结果不可信；财政部门复核时逐项核对。",
        bad="年度资金总额 0、0、0，其中：本年财政拨款 90、89.974、89.974，执行率 0，得分 0",
        good="年度资金总额 90、89.974、89.974，执行率 100%，得分 10",
        basis=_BASIS + "；" + _FORM + "（项目资金：年初预算数、全年预算数、全年执行数、分值、执行率、得分）。",
        choices="只比较表中印出的数：执行率写成 100%、1 或 100 都可；全年预算数为空时用年初预算数；"
                "其中各行按列加总，某列各行都空时不比较该列。资金总额与其中各行、执行率与执行数是算术，不符为错误；"
                "预算执行得分与 执行率 × 分值 不符只作警告：有的省份按档次给预算执行率打分。",
    ),
)
def budget_block_mismatch(tctx: TableContext) -> Iterator[Hit]:
    """The printed budget block: its total against its 其中 lines, its 执行率 and its 得分."""
    for ctx in tctx.projects:
        p = ctx.project
        yield from _budget_parts(p, source_scale(tctx.table.unit, tctx.table.source_unit))
        base = p.budget_adjusted if p.budget_adjusted is not None else p.budget_initial
        if base is None or p.budget_executed is None or base <= 0:
            continue
        rate = float(p.budget_executed / base)
        printed = _printed_number(p.budget_block.get("rate"))
        if printed is not None:
            text = p.budget_block["rate"]
            as_share = printed / 100 if ("%" in text or printed > 1.5) else printed
            if abs(as_share - rate) > 0.005:
                yield Hit("budget_block:rate", at_project=p, project=p.name, printed=text,
                          executed=f"{p.budget_executed:g}", base=f"{base:g}", rate=_pct(rate))
        weight = _printed_number(p.budget_block.get("weight"))
        score = _printed_number(p.budget_block.get("score"))
        if weight is not None and score is not None and weight > 0:
            expected = min(rate, 1.0) * weight
            if abs(expected - score) > profile_of(tctx).score_tolerance:
                yield Hit("budget_block:score", "score", at_project=p, project=p.name, printed=f"{score:g}",
                          rate=_pct(rate), weight=f"{weight:g}", expected=f"{expected:.2f}")


_COLUMNS = {"年初预算数": "budget_initial", "全年预算数": "budget_adjusted", "全年执行数": "budget_executed"}


def _budget_parts(p: Any, scale: Any = 1) -> Iterator[Hit]:
    """年度资金总额 against the sum of its 其中 lines (kept by the reader as ``<line>/<column>`` extras,
    as printed): compared in the source's money unit (scale: from the table's amounts back to it)."""
    from decimal import Decimal, InvalidOperation

    sums: dict[str, Decimal] = {}
    for key, text in p.extras.items():
        line, _, column = key.rpartition("/")
        if not line or column not in _COLUMNS:
            continue
        try:
            sums[column] = sums.get(column, Decimal(0)) + Decimal(str(_printed_number(text)))
        except (InvalidOperation, ValueError):
            continue
    for column, parts in sums.items():
        total = getattr(p, _COLUMNS[column])
        if total is None:
            continue
        total = (Decimal(total) * Decimal(scale)).normalize()
        if abs(total - parts) <= Decimal("0.005"):
            continue
        yield Hit(_COLUMNS[column], "parts", at_project=p, project=p.name, column=f"（{column}）",
                  total=f"{total:g}", parts=f"{parts:g}")


def _level_runs(inds: list[Any]) -> list[tuple[str, list[int]]]:
    """The indicators' level-1 runs in table order: (level name, indices), one run per level."""
    runs: dict[str, list[int]] = {}
    for n, ind in enumerate(inds):
        runs.setdefault((ind.level1 or "").strip(), []).append(n)
    return list(runs.items())


def _cells(facts: list[IndicatorFacts], field: str) -> str:
    """The cells a field was read from (B12、H13 …), at most 8, '' when the source has no cells."""
    cells = [loc.cell for f in facts if (loc := f.ind.field_locations.get(field)) is not None and loc.cell]
    cells = list(dict.fromkeys(cells))
    return "、".join(cells[:8]) + ("…" if len(cells) > 8 else "")


@rule(
    "E11", "level_weights_sum", "error", scope="table", per_project=True,
    message={"": "项目“{project}”的一级指标“{level}”标明 {label} 分，其下指标分值合计 {sum}{cells}",
             "department": "一级指标“{level}”标明 {label} 分，其下指标分值合计 {sum}{cells}",
             "total": "项目“{project}”各一级指标标明的分值 {labels} 加预算执行率 {budget} 分，合计 {sum}，不是 100 分{cells}",
             "department_total": "各一级指标标明的分值 {labels} 加预算执行 {budget} 分，合计 {sum}，不是 100 分{cells}"},
    hint="一级指标的分值（如“产出指标(50分)”）应等于其下各指标分值之和；各一级指标分值加预算执行率分值应为 100 分"
         "（默认 产出50、效益30、满意度10、预算执行率10，各地可调整）。",
    variant_severity={"total": "warning", "department_total": "warning"},
    doc=Doc(
        what="自评表的一级指标栏写明了分值（如“产出指标(50分)”），而其下各三级指标的分值之和与之不符（错误）；"
             "或各一级指标写明的分值加预算执行率分值合计不是 100 分（警告）。",
        why="一级指标分值是各地确定的权重（原则上 产出50、效益30、满意度10、预算执行率10），"
            "其下指标分值之和与之不符时，表中的权重自相矛盾，总分和等级无据可查。",
        bad="产出指标(50分)：数量指标 8、8，质量指标 8、8，时效指标 8（合计 40）",
        good="产出指标(50分)：分值 10、10、10、10、10（合计 50）",
        basis=_BASIS + "：“原则上预算执行率和一级指标权重统一设置为：产出指标50%、效益指标30%、服务对象满意度指标10%、"
              "预算执行率10%；如有特殊情况，一级指标权重可做适当调整”；" + _FORM + "。",
        choices="只比较表中印出的数：一级指标栏的分值与其下全部指标都有分值时才比较，容差 0.01 分或每条指标 0.005 分；"
                "没有总分行的表，最后一个一级指标不比较（存档副本可能在表格中途截断，其后各行缺失）；"
                "合计不是 100 只作警告（省份的分值方案不同，有的表把满意度列在效益指标下、只标产出和效益）：只在每个一级指标都标了分值、"
                "且表有总分行或产出、效益、满意度三类都在时检查，"
                "预算执行率分值取表中印出的，没有印出时取配置 [scoring] budget_weight（没有预算执行数据时不加）。",
    ),
)
def level_weights_sum(tctx: TableContext) -> Iterator[Hit]:
    """A level-1's printed weight (产出指标(50分)) against its indicators' 分值; the labels against 100."""
    scores = _scores(tctx)
    if not scores:
        return
    profile = profile_of(tctx)
    for score, facts in scores:
        p = score.project
        inds = [s.indicator for s in score.indicators]
        runs = _level_runs(inds)
        labels: dict[str, float] = {}
        for k, (level, idx) in enumerate(runs):
            label = next((inds[n].level1_weight for n in idx if inds[n].level1_weight is not None), None)
            if label is None:
                continue
            labels[level] = label
            weights = [inds[n].weight for n in idx]
            last_and_open = k == len(runs) - 1 and p.total_score is None  # the copy may end inside this level
            if any(w is None for w in weights) or last_and_open:
                continue
            total = sum(float(w) for w in weights if w is not None)
            if abs(total - label) > max(profile.weight_tolerance, 0.005 * len(idx)):
                chosen = [facts[n] for n in idx]
                where = _cells(chosen[:1], "level1")
                values = _cells(chosen, "weight")
                cells = f"（一级指标在 {where}，分值在 {values}）" if where and values else ""
                yield Hit("level1", at=chosen[0], project=p.name, level=level, label=f"{label:g}",
                          sum=f"{total:g}", cells=cells)
        if not labels or len(labels) < len(runs) or any(not level for level, _ in runs):
            continue
        groups = {s.group for s in score.indicators}
        if p.total_score is None and not {"1", "2", "3"} <= groups:
            continue  # no 总分 row and a level missing: the copy may end before it
        printed = _printed_number(p.budget_block.get("weight"))
        budget = printed if printed is not None else (0.0 if score.budget.missing else score.budget.weight)
        total = sum(labels.values()) + budget
        if abs(total - 100) > profile.weight_tolerance:
            where = _cells([facts[idx[0]] for _, idx in runs], "level1")
            yield Hit("level1", "total", at=facts[runs[0][1][0]], project=p.name,
                      labels=" + ".join(f"{v:g}" for v in labels.values()), budget=f"{budget:g}", sum=f"{total:g}",
                      cells=f"（一级指标在 {where}）" if where else "")
