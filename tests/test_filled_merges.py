"""Merged cells split and filled (WPS 拆分并填充内容, or an export repeating a merged cell on each row
it covers): each row then prints the label again. Found by the corpus variation 全部纵向合并逐行重复,
which lost the budget and tasks of 部门整体 tables and a goal's second line on real forms:

- a header cell merged over two header rows reads the same text on both (任务名称 over 任务名称):
  the lower row is still the sub-header (小计 | 财政拨款 | 其他资金), its copies no columns;
- a block label merged down beside its lines (部门预算执行情况, 二、预算执行情况) prints again on
  each line: the copy is no label, the line's amounts and rate are the block's;
- a goal label merged down beside a goal written one line a row (本年度绩效目标 over 1.… | 2.…):
  the lines are one goal, the copies no second label.

The grids are built with no merges at all (as the filled sheet is) and, for contrast, the same
rows keep reading as before where nothing is filled."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None
INDICATORS = [
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", N],
    ["绩效指标", "产出指标", "数量指标", "举办展览场次", "≥12场", N],
    ["绩效指标", "效益指标", "社会效益指标", "观展人次", "≥10万人次", N],
    ["绩效指标", "满意度指标", "服务对象满意度指标", "观众满意度", "≥90%", N],
]


def test_a_filled_task_header_keeps_its_sub_header(tmp_path: Path) -> None:
    rows = [
        ["部门（单位）整体支出绩效目标", N, N, N, N, N],
        ["部门（单位）名称", "某市展览馆", N, N, N, N],
        ["年度主要任务", "任务名称", "主要内容", "年度预算金额（万元）", "年度预算金额（万元）", "年度预算金额（万元）"],
        ["年度主要任务", "任务名称", "主要内容", "小计", "市财政拨款", "其他资金"],
        ["年度主要任务", "场馆日常运转", "保障场馆日常运转。", "300", "300", "0"],
        ["年度主要任务", "展览布展", "全年布展12场。", "200", "150", "50"],
        ["金额合计", "金额合计", "*", "500", "450", "50"],
        ["年度绩效总目标", "全年举办展览12场，接待观众10万人次。", N, N, N, N],
        *INDICATORS,
    ]
    table = read_table(held_file(tmp_path, "xlsx", rows))
    assert table.kind == "department"
    plan = table.plan
    assert [(t.name, t.amounts.total, t.amounts.fiscal, t.amounts.other) for t in plan.tasks] == [
        ("场馆日常运转", Decimal("300"), Decimal("300"), Decimal("0")),
        ("展览布展", Decimal("200"), Decimal("150"), Decimal("50"))]
    assert (plan.amounts.total, plan.amounts.fiscal, plan.amounts.other) == (Decimal("500"), Decimal("450"), Decimal("50"))
    assert [i.name for i in plan.indicators] == ["举办展览场次", "观展人次", "观众满意度"]


def test_a_filled_budget_label_beside_its_line_is_no_label(tmp_path: Path) -> None:
    rows = [
        ["部门整体支出绩效自评表", N, N, N, N, N, N],
        ["部门名称", "某区融媒体中心", N, N, "自评总分", "97.6", N],
        ["部门预算执行情况", "年初预算数", "全年预算数", "全年执行数", "执行率", "执行率权重", "执行率得分"],
        ["部门预算执行情况", "100", "120", "96", "80%", "10", "8"],
        ["年度总体目标", "年初绩效目标", N, "全年目标实际完成情况", N, N, N],
        ["年度总体目标", "全年举办展览12场。", N, "全年举办展览12场。", N, N, N],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "举办展览场次", "≥12场", "12场", "50", "50"],
        ["效益指标", "社会效益指标", "观展人次", "≥10万人次", "11万人次", "30", "30"],
        ["满意度指标", "服务对象满意度指标", "观众满意度", "≥90%", "95%", "10", "9.6"],
    ]
    table = read_table(held_file(tmp_path, "xlsx", rows))
    plan = table.plan
    assert (plan.budget_initial, plan.budget_adjusted, plan.budget_executed) == (
        Decimal("100"), Decimal("120"), Decimal("96"))
    assert plan.budget_block == {"rate": "80%", "weight": "10", "score": "8"}


def test_a_filled_section_label_leaves_a_row_of_budget_pairs_whole(tmp_path: Path) -> None:
    rows = [
        ["一、基本情况", "项目名称：", "百岁老人高龄津贴", N, "实施(主管)单位", "某县民政局", N, N],
        ["二、预算执行情况", "预算安排情况(调整后)", N, "资金到位情况", N, "资金执行情况", N, "预算执行进度(%)"],
        ["二、预算执行情况", "预算数", "6.84", "到位数", "6.84", "执行数", "6.84", "100.00"],
        ["三、目标完成情况", "年度预期目标", N, N, "具体完成情况", N, N, "总体完成率(%)"],
        ["三、目标完成情况", "为百岁老人发放高龄津贴。", N, N, "已按月发放高龄津贴。", N, N, "100.00"],
        ["四、年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "指标分值", "预期指标值", "实际完成值", "自评得分"],
        ["四、年度绩效指标完成情况", "产出指标", "数量指标", "发放人数", "40", "19人", "19人", "40"],
        ["四、年度绩效指标完成情况", "效益指标", "社会效益指标", "老人生活保障水平", "30", "提高", "提高", "30"],
        ["四、年度绩效指标完成情况", "满意度指标", "服务对象满意度指标", "老人满意度", "30", "≥95%", "98%", "30"],
    ]
    table = read_table(held_file(tmp_path, "xlsx", rows))
    [project] = table.projects()
    assert project.budget_block.get("rate") == "100.00"
    assert project.budget_executed == Decimal("6.84")


def test_a_goal_over_two_rows_beside_its_filled_label_is_one_goal(tmp_path: Path) -> None:
    rows = [
        ["项目名称", "雨露计划就学补助", N, N],
        ["主管部门", "某区乡村振兴局", N, N],
        ["年度资金总额", "7", N, N],
        ["本年度绩效目标", "1.对提供学籍证明的学生发放就学补助；", N, N],
        ["本年度绩效目标", "2.补助标准为每生1500元/学期。", N, N],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "补助人数", "≥101人"],
        ["效益指标", "社会效益指标", "脱贫家庭子女就学率", "提高"],
        ["满意度指标", "服务对象满意度指标", "受助学生满意度", "≥90%"],
    ]
    table = read_table(held_file(tmp_path, "xlsx", rows))
    [project] = table.projects()
    assert project.goal == "1.对提供学籍证明的学生发放就学补助；\n2.补助标准为每生1500元/学期。"
    assert "本年度绩效目标" not in project.extras
    assert not [f for f in check_table(table) if f.severity == "error"]


def test_two_goal_lines_under_two_different_labels_stay_apart(tmp_path: Path) -> None:
    """Only a copy of the label continues the goal: another label on the next row starts its own field."""
    rows = [
        ["项目名称", "雨露计划就学补助", N, N],
        ["年度资金总额", "7", N, N],
        ["中期目标", "三年内实现应补尽补。", N, N],
        ["年度目标", "对提供学籍证明的学生发放就学补助。", N, N],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "补助人数", "≥101人"],
    ]
    [project] = read_table(held_file(tmp_path, "xlsx", rows)).projects()
    assert (project.period_goal, project.goal) == ("三年内实现应补尽补。", "对提供学籍证明的学生发放就学补助。")
