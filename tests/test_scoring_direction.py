"""Scoring's direction of an indicator with none written (scoring/project._direction) is the rules'
judgement on its facts (consistency.direction_of, 成本 → 反向), made from its name and levels alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.model import FundUnit, Indicator, Project
from perfgoals_xl.rules.consistency import direction_of
from perfgoals_xl.rules.facts import indicator_facts
from perfgoals_xl.scoring.project import _direction
from perfgoals_xl.values import parse_value

_NAMES = ["投诉率", "不合格率", "合格率（%）", "成本降低率", "减排量", "事故发生次数", "培训人次", "满意度", "单位成本",
          "等待时长", " 响应时间 ", "验收合格率%", "资金到位率", "故障率（‰）"]
_LEVELS = [("1", "产出指标", "14", "成本指标"), ("1", "产出指标", "11", "数量指标"), (None, "成本指标", None, "经济成本指标"),
           ("4", "成本指标", None, ""), ("3", "满意度指标", "31", "服务对象满意度指标"), (None, "", None, ""),
           ("2", "效益指标", "14", "成本指标")]


def _judged_on_facts(ind: Indicator) -> str | None:
    """What _direction did before: all the indicator's facts, the rules' judgement, 成本 → 反向."""
    facts = indicator_facts(ind, Project(name="项目"), FundUnit(name=""))
    judged = direction_of(facts)
    return "反向" if judged is None and facts.is_cost else judged


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(_NAMES) | st.text(max_size=12), levels=st.sampled_from(_LEVELS),
       direction=st.sampled_from([None, "", " 正向", "反向 ", "正向", "其他"]))
def test_direction_is_the_rules_judgement(name, levels, direction):
    l1c, l1, l2c, l2 = levels
    ind = Indicator(seq=1, level1=l1, level1_code=l1c, level2=l2, level2_code=l2c, name=name,
                    period_value=parse_value("≥90%"), annual_value=parse_value("≥90%"), direction=direction)
    assert _direction(ind, Project(name="项目"), None) == _judged_on_facts(ind)
