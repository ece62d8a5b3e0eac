"""A 自评表's head as provinces print it: goals numbered in a column of their own (目标1 | <goal> | <account>,
one a row: only the first was read, the rest lost — and a false PG-C01 on the shortened goal); the account
of the year labelled beside it under the goal (实际完成情况 | <account>: dropped); a field the model has no
field for beside its value (项目负责人及电话 | 李宁0557-…, 投向领域 | …: dropped — now kept as an extra, never
the web page's own lines nor a sign-off)."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

TOP = [["项目支出绩效自评表", None, None, None, None, None, None, None],
       ["项目名称", "乡村道路养护", None, None, "主管部门", "县交通运输局", None, None],
       ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
       [None, "年度资金总额", 120, 120, 110, 10, "91.67%", 9.2]]
GRID = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "养护里程", "≥300公里", "310公里", 50, 50, None],
        ["效益指标", "社会效益指标", "群众出行条件", "明显改善", "明显改善", 30, 30, None],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%", "96%", 10, 10, None],
        ["总分", None, None, None, None, 100, 99.2, None]]
GOAL = "完成农村公路日常养护300公里，保障道路安全畅通。"
ACCOUNT = "完成养护310公里，道路安全畅通，群众满意度96%。"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_goals_numbered_in_a_column_of_their_own(tmp_path: Path, kind: str) -> None:
    goals = [["年度总体目标", "预期目标", None, None, "实际完成情况", None, None, None],
             ["目标1", "完成农村公路养护300公里", None, None, "完成养护310公里", None, None, None],
             ["目标2", "群众满意度达到95%以上", None, None, "群众满意度96%", None, None, None]]
    table = read_table(held_file(tmp_path, kind, TOP + goals + GRID))
    project = table.projects()[0]
    assert project.goal == "目标1：完成农村公路养护300公里\n目标2：群众满意度达到95%以上"
    assert project.actual_summary == "目标1：完成养护310公里\n目标2：群众满意度96%"
    assert not [f for f in check_table(table) if f.code == "PG-C01"]


@pytest.mark.parametrize("label", ["实际完成情况", "全年实际完成情况", "年度目标完成情况", "年度总体目标完成情况"])
def test_the_account_labelled_beside_it(tmp_path: Path, label: str) -> None:
    rows = TOP + [["年度绩效目标", GOAL, None, None, None, None, None, None], [label, ACCOUNT, None, None, None, None, None, None]]
    project = read_table(held_file(tmp_path, "xlsx", rows + GRID)).projects()[0]
    assert (project.goal, project.actual_summary) == (GOAL, ACCOUNT)


def test_a_field_without_a_model_field_is_kept(tmp_path: Path) -> None:
    head = [["项目负责人及电话", "李宁0557-5788003", None, None, "投向领域", "老旧小区改造", None, None],
            ["发布机构", "某县财政局", None, None, "公开方式", "主动公开", None, None],
            ["金额单位", "万元", None, None, None, None, None, None]]
    rows = TOP[:2] + head + TOP[2:] + [["年度绩效目标", GOAL, None, None, None, None, None, None]] + GRID
    project = read_table(held_file(tmp_path, "xlsx", rows)).projects()[0]
    assert project.extras == {"项目负责人及电话": "李宁0557-5788003", "投向领域": "老旧小区改造"}
