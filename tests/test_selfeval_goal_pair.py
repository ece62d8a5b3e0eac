"""A 自评表 in the 北京 2016 shape as document sites keep it: 年度总体目标 | <goal> | <account> with the
预期目标 / 实际完成情况 heads not printed, and the 其中 line named for the year (其中:本年一般公共预算拨款).
Built as a workbook with its merges, and saved as CSV (the merges lost)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import csv_file, xlsx_file

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import form_label_of

N = None
GOAL = "规范自管道路清扫保洁外包经费的使用，将自管道路保洁进行外包，更好地服务地区发展"
ACCOUNT = "按照年初设定目标，将辖区20条城市道路清扫保洁业务通过公开招投标方式进行了外包"
ROWS = [
    ["项目名称", N, "自管道路清扫保洁外包工作经费", N, N, N, N, N, N, N],
    ["主管部门及代码", N, "某区某街道办事处", N, N, "实施单位", "某街道城市运行服务中心", N, N, N],
    ["项目资金(万元)", N, N, N, "年初预算数(A)", "全年执行数(B)", "分值(10分)", "执行率(B/A)", "得分", "得分计算方法"],
    [N, N, "年度资金总额:", N, "310.2", "154.74", "10", "50%", "5", "执行率*该指标分值"],
    [N, N, "其中:本年一般公共预算拨款", N, "310.2", "154.74", N, N, N, N],
    [N, N, "其他资金", N, N, N, N, N, N, N],
    ["年度总体目标", N, GOAL, N, N, ACCOUNT, N, N, N, N],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "分值", "年度指标值(A)", "全年实际值(B)", "得分计算方法", "得分",
     "未完成原因分析"],
    [N, "产出指标(50分)", "数量指标", "完成清扫保洁道路条数", "25", "20条", "20条", "达到记满分", "25", N],
    [N, N, "质量指标", "道路保洁达标率", "25", "≥95%", "96%", "达到记满分", "25", N],
    [N, "效益指标(30分)", "社会效益指标", "辖区环境卫生状况", "30", "明显改善", "明显改善", "达到记满分", "30", N],
    [N, "满意度指标(10分)", "服务对象满意度指标", "居民满意度", "10", "≥90%", "93%", "达到记满分", "10", N],
]
MERGES = ["A1:B1", "C1:J1", "A2:B2", "C2:E2", "G2:J2", "A3:B6", "C3:D3", "C4:D4", "C5:D5", "C6:D6", "J4:J6",
          "A7:B7", "C7:E7", "F7:J7", "A8:A12", "B9:B10"]


def _file(path: Path, kind: str) -> Path:
    return csv_file(path.with_suffix(".csv"), ROWS) if kind == "csv" else xlsx_file(path, ROWS, MERGES)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_text_beside_the_goal_is_the_years_account(tmp_path: Path, kind: str) -> None:
    project = read_table(_file(tmp_path / "自评.xlsx", kind)).projects()[0]
    assert project.goal == GOAL
    assert project.actual_summary == ACCOUNT
    assert (project.budget_initial, project.budget_executed) == (Decimal("310.2"), Decimal("154.74"))
    assert [i.name for i in project.indicators] == ["完成清扫保洁道路条数", "道路保洁达标率", "辖区环境卫生状况", "居民满意度"]


def test_a_goal_row_without_a_second_text_has_no_account(tmp_path: Path) -> None:
    rows = [list(row) for row in ROWS]
    rows[6][5] = N
    path = csv_file(tmp_path / "自评.csv", rows)
    project = read_table(path).projects()[0]
    assert project.goal == GOAL and not project.actual_summary


@pytest.mark.parametrize(("label", "field"), [
    ("其中:本年一般公共预算拨款", "fiscal"), ("当年其他资金", "other"), ("本年财政拨款", "fiscal"),
    ("本年度目标", "goal"), ("本年执行数", None), ("本年度工作", None),
])
def test_a_money_line_named_for_the_year_is_that_money(label: str, field: str | None) -> None:
    assert form_label_of(label)[0] == field
