"""The seed — a real published table — produces exactly these findings, each checked by hand
against its rule's definition (docs/rules.md). Default profile gz, all rules."""

from __future__ import annotations

from perfgoals_xl.rules import check_table, load_config, summary_line

P1 = "驻京工作保障"
P2 = "车辆租用经费"
P3 = "其他运行经费"
P4 = "驻京政务服务及外事业务保障"
P5 = "广州驻京办2024-2025年信息化运维项目"
UNIT = "广州市人民政府驻北京办事处"

# (code, severity, unit-or-project, indicator seq, field, text line)
EXPECTED = [
    # S10: every amount row shows 总计 and one more number; the importer read it as 财政拨款
    # and recorded the assumption (7 rows: 合计, the unit, five projects).
    ("PG-S10", "info", None, None, "amounts", 8),  # the 7 rows of one kind: one finding (rules/assumptions.py)
    # C05: no project has a 成本指标 (neither 14 nor level-1 4); gz profile → info.
    ("PG-C05", "info", P1, None, "indicators", 16),
    # Q12: 省市领导及业务单位满意度 is exactly 100% (=), a flat 100% satisfaction → info.
    ("PG-Q12", "info", P1, 3, "values", 19),
    # Q02: bare numbers whose names carry no unit: 报送调研报告数量 12 (篇? 份?),
    # 报送政策动态信息数量 200, 以信息调研推动服务企业项目对接 12. Not item 1 (…举办活动次数:
    # 次数 gives the unit) nor item 7 (0 needs no unit).
    ("PG-Q02", "warning", P1, 4, "values", 20),
    ("PG-Q02", "warning", P1, 5, "values", 22),
    ("PG-Q02", "warning", P1, 6, "values", 23),
    # K03: 上访群众接离率 is a 率 filed under 11-数量指标.
    ("PG-K03", "warning", P1, 9, "level2", 27),
    ("PG-C05", "info", P2, None, "indicators", 35),
    # Q03: 长期租赁小型客车数量 period "4" vs annual "4辆" — units differ (none vs 辆).
    # (Q02 does not repeat it: one of the two values has a unit.)
    ("PG-Q03", "warning", P2, 2, "values", 36),
    # Q08: 车辆安全检测 is an activity, neither a grade nor a yes/no value nor a standard.
    ("PG-Q08", "warning", P2, 3, "values", 37),
    # Q12: 车辆保障服务对象满意率 exactly 100% → info.
    ("PG-Q12", "info", P2, 4, "values", 39),
    ("PG-C05", "info", P3, None, "indicators", 46),
    # C06: 产出 has 12-质量 (供暖温度) and 13-时效 (采暖补贴及时发放) but no 11-数量.
    ("PG-C06", "warning", P3, None, "indicators", 46),
    # Q04: 供暖效果满意率 95% (=) vs 95%以上 (≥): operators differ. 95% is ≥ 80%, no Q12.
    ("PG-Q04", "warning", P3, 2, "values", 47),
    # C04: no 满意度指标 among its five indicators.
    ("PG-C04", "warning", P4, None, "indicators", 72),
    ("PG-C05", "info", P4, None, "indicators", 72),
    # K03: 因公出国签证及APEC卡办结率 is a 率 under 11-数量指标.
    ("PG-K03", "warning", P4, 1, "level2", 72),
    # Q09: the value of 服从管理、完成工作任务 copies the goal's second sentence
    # (服务人员遵守甲方制定的…完成甲方布置的工作任务). Not Q08: text of 30+ characters is Q09's.
    ("PG-Q09", "warning", P4, 3, "values", 75),
    # Q08: 服务人员稳定 — 稳定 with no number, nothing measurable …
    ("PG-Q08", "warning", P4, 4, "values", 81),
    # … and Q09: the value is the indicator name repeated.
    ("PG-Q09", "warning", P4, 4, "values", 81),
    # C04: no 满意度指标.
    ("PG-C04", "warning", P5, None, "indicators", 98),
    ("PG-C05", "info", P5, None, "indicators", 98),
    # Q08: 较安全 — 较 with no number.
    ("PG-Q08", "warning", P5, 4, "values", 102),
]

# Clean indicators that must stay silent, and why (each was considered):
# P1-1 24 (name has 次数); P1-2 符合 (binary); P1-3/8 100% rates; P1-7 0 (reverse, =0);
# P2-1 车辆派遣及时率 100%; P3-1 大于等于18摄氏度 (unit 摄氏度); P3-3 按职级标准发放 (a standard);
# P3-4 10月底前 (deadline); P4-2 及时、合法 (binary criteria joined by 、);
# P4-5 交通安全驾驶 100% (a %; the name is not a rate, so no Q05); P5-1 98%; P5-2 大于4000件;
# P5-3 故障及时响应率 100% (positive rate despite 故障: no K05); P5-5 100%.
# No A01/A02: every row's 总计 = 财政拨款, and 177.40+34.30+20.60+130.00+27.70 = 390.00.
# No K02: the two values differ only in 4/4辆 and 95%/95%以上 (Q03/Q04 report those).
# No K06: the goals state no quantities, and every project's indicators share words with its goal.


def test_seed_findings_exactly(seed_table):
    issues = check_table(seed_table)
    got = [
        (i.code, i.severity, i.location.project or i.location.unit, i.location.seq, i.location.field,
         i.location.line)
        for i in issues
    ]
    assert got == EXPECTED
    assert summary_line(issues) == "共 23 条：错误 0，警告 15，提示 8（已接受 0）"


def test_seed_messages_name_the_offending_values(seed_table):
    by_key = {(i.code, i.location.project, i.location.seq): i for i in check_table(seed_table)}
    q03 = by_key[("PG-Q03", P2, 2)]
    assert "“4”" in q03.message and "“4辆”" in q03.message and "4辆" in q03.hint
    q04 = by_key[("PG-Q04", P3, 2)]
    assert "“95%”" in q04.message and "“95%以上”" in q04.message
    assert "较" in by_key[("PG-Q08", P5, 4)].message
    k03 = by_key[("PG-K03", P1, 9)]
    assert "上访群众接离率" in k03.message and "质量" in k03.hint
    assert all(i.location.file and i.location.file.endswith(".txt") for i in by_key.values())


def test_seed_under_mof2021_makes_missing_cost_a_warning(seed_table, tmp_path):
    config = load_config(start=tmp_path).with_overrides(profile="mof2021")
    c05 = [i for i in check_table(seed_table, config) if i.code == "PG-C05"]
    assert len(c05) == 5 and {i.severity for i in c05} == {"warning"}
