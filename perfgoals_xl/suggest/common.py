"""The common indicators of the 财预〔2021〕101号 framework, by level 2 (part of the starter library).

财政部 财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》 sets the
levels (产出: 数量、质量、时效、成本; 效益: 经济、社会、生态、可持续影响; 满意度: 服务对象满意度;
成本: 经济、社会、生态环境成本) and how values are written (a unit, percentages for rates, graded
qualitative values). The names and values below are this tool's generic examples of that
guidance, one small set per level 2 — not quotations of the document. A value left empty is
project-specific (a count, an amount): the suggestion says to fill it in.
"""

from __future__ import annotations

from perfgoals_xl.framework import level2_by_code

SOURCE = ("财政部 财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》"
          "指标体系（名称与取值为本工具按其要求拟定的共性示例）")

#: level-2 code → ((indicator name, typical value), …)
COMMON: dict[str, tuple[tuple[str, str], ...]] = {
    "11": (("完成任务数量", ""), ("服务（受益）对象数量", ""), ("培训人次", "")),
    "12": (("验收合格率", "100%"), ("质量达标率", "≥95%"), ("资金使用合规率", "100%")),
    "13": (("按期完成率", "100%"), ("资金拨付及时率", "100%"), ("完成时间", "12月底前")),
    "14": (("成本控制率", "≤100%"),),
    "21": (("带动增收", ""),),
    "22": (("受益群众覆盖率", "≥95%"), ("政策知晓率", "≥90%")),
    "23": (("环境质量达标率", "≥95%"),),
    "24": (("长效管理机制健全性", "健全"), ("设施持续使用年限", "")),
    "31": (("服务对象满意度", "≥90%"),),
    "41": (("项目总成本", ""), ("单位成本", "")),
    "42": (("对社会发展造成的负面影响", "无"),),
    "43": (("对生态环境造成的负面影响", "无"),),
}


def common_records() -> list:
    """One record per level 2: the project 共性指标（…）, its indicators with codes and values."""
    from perfgoals_xl.framework import LEVEL1
    from perfgoals_xl.model import Indicator, Project
    from perfgoals_xl.suggest.records import ProjectRecord
    from perfgoals_xl.values import parse_value

    parents = {lv.code: lv for lv in LEVEL1}
    records = []
    for code, items in COMMON.items():
        level2 = level2_by_code(code)
        assert level2 is not None, code
        level1 = parents[level2.parent]
        indicators = [Indicator(seq=i, level1_code=level1.code, level1=level1.name, level2_code=code,
                                level2=level2.name, name=name, period_value=parse_value(value),
                                annual_value=parse_value(value))
                      for i, (name, value) in enumerate(items, 1)]
        project = Project(name=f"共性指标：{level1.name}·{level2.name}",
                          goal=f"财预〔2021〕101号指标体系中{level2.name}的共性指标", indicators=indicators)
        records.append(ProjectRecord(project=project, department="财政部", source=SOURCE, year=2021,
                                     origin="framework"))
    return records
