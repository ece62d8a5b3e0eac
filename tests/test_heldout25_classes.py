"""Classes found by the twenty-fifth held-out round (a 重庆 部门整体绩效自评表), built as a workbook with
its merges and as the CSV that loses them:

- targets printed as 年初指标值 | 调整指标值 | 全年完成值: the adjusted target is the year's
  (sources/adjusted_values.py), in a department's 自评表 and in a project's;
- the header block's 主管部门 | (empty) | 财政处室 | (empty): 财政处室 is a label, never the department;
- the budget line right under its header (年初预算数 … 执行率得分) is the only line without a label read
  as the budget: the goal texts two rows lower, under their own heads in those columns, are not;
- the budget-management rates of a department (公用经费控制率, 预算调整率, 结转结余率) are reverse:
  under the target is full marks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import csv_file, xlsx_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.adjusted_values import START_OF_YEAR, apply_adjusted_values

N = None
DEPARTMENT = [
    ["部门整体绩效自评表", N, N, N, N, N, N, N, N, N, N],
    ["主管部门", N, N, N, N, "财政处室", N, N, "自评总分(分)", N, "97.6"],
    ["部门联系人", N, "王五", N, N, "联系电话", N, "023-1234567", N, N, N],
    ["部门预算执行情况", N, "年初预算数", N, "全年(调整)预算数", N, "全年执行数", "执行率(%)", "执行率权重",
     "执行率得分(分)", N],
    [N, N, N, N, N, N, N, "76%", "10", "7.6", N],  # the amounts not printed: no 资金总额 read from this line
    ["当年绩效目标", N, "年初绩效目标", N, "全年(调整)绩效目标", N, N, "全年目标实际完成情况", N, N, N],
    [N, N, "无", N, "保障中心正常运转，完成新闻宣传任务。", N, N, "较好地完成了年度任务。", N, N, N],
    ["绩效指标", "指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数(%)",
     "指标权重(分)", "指标得分(分)", "是否核心指标"],
    [N, "公用经费控制率", "%", "定量指标", N, "100%", "97%", "100%", "30", "30", "是"],
    [N, "预算调整率", "%", N, N, "3%", "0", "100%", "30", "30", "否"],
    [N, "播发稿件数量", "篇", N, "≥2000篇", "≥2200篇", "2859篇", "100%", "20", "20", "是"],
    [N, "组织宣传活动次数", "次", N, "≥40次", N, "43次", "100%", "10", "10", "否"],
]
MERGES = ["A1:K1", "A2:B2", "C2:E2", "F2:G2", "I2:J2", "A3:B3", "C3:E3", "F3:G3", "H3:K3", "A4:B5", "C4:D4",
          "E4:F4", "J4:K4", "C5:D5", "E5:F5", "J5:K5", "A6:B7", "C6:D6", "E6:G6", "H6:K6", "C7:D7", "E7:G7",
          "H7:K7", "A8:A12", "D9:D12"]


@pytest.fixture(params=["xlsx", "csv"])
def department(request, tmp_path: Path):
    if request.param == "csv":
        return read_table(csv_file(tmp_path / "部门整体.csv", DEPARTMENT))
    return read_table(xlsx_file(tmp_path / "部门整体.xlsx", DEPARTMENT, MERGES))


def test_the_adjusted_target_is_the_years(department) -> None:
    read = {i.name: i for i in department.plan.indicators}
    assert [i.annual_value.raw for i in department.plan.indicators] == ["100%", "3%", "≥2200篇", "≥40次"]
    assert read["播发稿件数量"].extras[START_OF_YEAR] == "≥2000篇"  # the start-of-year target kept
    assert "调整指标值" not in read["播发稿件数量"].extras
    assert read["组织宣传活动次数"].extras.get("调整指标值") is None  # not adjusted: its own target stands
    assert START_OF_YEAR not in read["组织宣传活动次数"].extras


def test_finance_office_is_a_label_not_the_department(department) -> None:
    assert department.plan.name in ("", None)
    assert "财政处室" not in (department.department or "")


def test_only_the_line_under_the_budget_header_is_the_budget(department) -> None:
    plan = department.plan
    assert plan.budget_block == {"rate": "76%", "weight": "10", "score": "7.6"}
    assert plan.goal == "保障中心正常运转，完成新闻宣传任务。"
    messages = " ".join(p.message for p in department.problems)
    assert "无" not in messages and "较好地完成" not in messages  # no goal text read as an amount or score


def test_budget_management_rates_under_their_target_score_full_marks(department) -> None:
    found = [i for i in check_table(department) if i.code == "PG-E06"]
    assert not found, [i.message for i in found]


SELFEVAL = [
    ["项目支出绩效自评表", N, N, N, N, N, N, N, N],
    ["项目名称", "社区服务能力提升", N, N, N, N, N, N, N],
    ["主管部门", "某区民政局", N, N, "实施单位", "某街道办事处", N, N, N],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "调整后指标值", "实际完成值", "分值", "得分", "偏差原因"],
    ["产出指标", "数量指标", "培训人次", "≥500人次", "≥450人次", "460人次", "50", "50", N],
    [N, "质量指标", "培训合格率", "≥95%", N, "96%", "40", "40", N],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "/", "92%", "10", "10", N],
]


def test_a_project_selfeval_takes_its_adjusted_target_too(tmp_path: Path) -> None:
    table = read_table(xlsx_file(tmp_path / "自评.xlsx", SELFEVAL, ["B2:I2", "B3:D3", "F3:I3", "A5:A6"]))
    indicators = table.projects()[0].indicators
    assert [i.annual_value.raw for i in indicators] == ["≥450人次", "≥95%", "≥90%"]  # "/": not adjusted
    assert indicators[0].extras[START_OF_YEAR] == "≥500人次"
    assert not [i for i in check_table(table) if i.code == "PG-E06"]  # 460 ≥ 450: full marks


def test_adjusting_twice_changes_nothing(department) -> None:
    before = [(i.annual_value.raw, dict(i.extras)) for i in department.plan.indicators]
    apply_adjusted_values(department)
    assert [(i.annual_value.raw, dict(i.extras)) for i in department.plan.indicators] == before


def test_the_office_label_written_inline_is_kept(tmp_path: Path) -> None:
    rows = [list(r) for r in DEPARTMENT]
    rows[2] = ["部门联系人：王五　财政处室：预算科", *[N] * 10]
    table = read_table(csv_file(tmp_path / "部门整体.csv", rows))
    assert table.plan.extras.get("财政处室") == "预算科"
    assert table.plan.contact == "王五"


def test_adjusted_headers_by_the_one_vocabulary() -> None:
    from perfgoals_xl.sources.vocabulary import is_adjusted_value_header

    assert all(is_adjusted_value_header(h) for h in ("调整指标值", "调整后指标值", "全年调整目标值", "调整后目标值（%）"))
    assert not any(is_adjusted_value_header(h) for h in ("调整指标", "年初指标值", "预算调整率", "调整" * 30000))


def test_an_adjusted_header_spaced_out_is_read_too(tmp_path: Path) -> None:
    rows = [list(r) for r in DEPARTMENT]
    rows[7] = [("调 整 指 标 值" if v == "调整指标值" else v) for v in rows[7]]
    table = read_table(csv_file(tmp_path / "部门整体.csv", rows))
    assert [i.annual_value.raw for i in table.plan.indicators][:3] == ["100%", "3%", "≥2200篇"]
