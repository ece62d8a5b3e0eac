"""Classes found by the twenty-eighth held-out round (大英 总工会 部门整体评价评分表, 荆门 文物保护 申报表,
江津 鼎山街道 重点项目绩效目标表), each built as a workbook with its merges and as the CSV that loses them:

- 绩效指标 merged over the levels, the row above holding one column the vocabulary has no word for
  (计分标准): still one header, the grid an evaluation scoring sheet;
- 年度绩效总目标 | 产出指标 | <text> over 效益指标 | <text>: the goal written by level, read as the goal
  (never the label under it);
- 项目申报金额(万元) | 2243.02: the total.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import csv_file, held_file

from perfgoals_xl.model import scoring_sheet
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None


def _read(tmp_path: Path, kind: str, rows: list[list[object]], merges: list[str]):
    return read_table(held_file(tmp_path, kind, rows, merges))


SCORING = [
    ["绩效指标", N, N, "指标分值", "指标解释", "计分标准", "自评得分", "备注"],
    ["一级指标", "二级指标", "三级指标", N, N, N, N, N],
    ["部门预算管理(30分)", "预算编制(30分)", "目标制定", "10", "评价部门绩效目标是否要素完整。", "要素完整的得5分。", "9", N],
    [N, N, "目标实现", "10", "评价部门绩效目标实际实现程度。", "按偏离度计分。", "8", N],
    [N, N, "编制准确", "10", "评价年初预算编制是否准确。", "按调剂金额计分。", "9.8", N],
]
SCORING_MERGES = ["A1:C1", "D1:D2", "E1:E2", "F1:F2", "G1:G2", "H1:H2", "A3:A5", "B3:B5"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_scoring_sheet_under_a_parent_header_with_an_unknown_column(tmp_path: Path, kind: str) -> None:
    table = _read(tmp_path, kind, SCORING, SCORING_MERGES)
    project = table.plan  # (部门预算管理: a department's sheet)
    assert [(i.name, i.weight, i.score) for i in project.indicators] == [
        ("目标制定", 10, 9), ("目标实现", 10, 8), ("编制准确", 10, 9.8)]
    assert scoring_sheet(project)  # no value column: the claims are the scores
    assert project.indicators[0].extras["计分标准"] == "要素完整的得5分。"
    codes = {i.code for i in check_table(table)}
    assert not codes & {"PG-S05", "PG-E06"}, codes  # no target asked, no actual to score from


def test_a_data_row_over_the_levels_is_no_parent_header() -> None:
    from perfgoals_xl.sources.selfeval_form import _parent_row

    assert _parent_row(SCORING[0], SCORING[1])
    assert not _parent_row(["年度资金总额", N, N, "100", "100", "100", "10", "10"], SCORING[1])  # numbers
    assert not _parent_row(["年度总体目标", "完成全年的各项工作任务，保障单位正常运转。" * 3, N], SCORING[1])
    assert not _parent_row(["绩效指标", "某甲", "某乙", N], SCORING[1])  # two words no header knows


GOAL_BY_LEVEL = [
    ["项目名称", "全市文物保护专项经费", N, N, "预算金额", "36万元"],
    ["预算单位", "市文化和旅游局", "联系电话", "2331992", "主管部门", "市文化和旅游局"],
    ["年度绩效总目标", "产出指标", "开展文物安全巡查8次；编制宣传资料3个。", N, N, N],
    [N, "效益指标", "文物保护宣传覆盖人次≥20万人次。", N, N, N],
    ["资金拨付对象", "市文化和旅游局", N, N, N, N],
]
GOAL_MERGES = ["B1:D1", "A3:A4", "C3:F3", "C4:F4", "B5:F5"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_goal_written_by_level_is_the_goal(tmp_path: Path, kind: str) -> None:
    project = _read(tmp_path, kind, GOAL_BY_LEVEL, GOAL_MERGES).projects()[0]
    assert project.goal == "产出指标：开展文物安全巡查8次；编制宣传资料3个。\n效益指标：文物保护宣传覆盖人次≥20万人次。"
    assert project.extras.get("资金拨付对象") == "市文化和旅游局"


APPLIED = [
    ["预算单位", "某街道办事处", "项目主管部门", "某街道办事处", "项目名称", "市政日常维护经费"],
    ["项目预计开始时间", "1/1/2021", "预计完成时间", "12/31/2021", "项目申报金额(万元)", "2243.02"],
    ["项目当年绩效目标", "完成1个老集镇的维护。", N, N, N, N],
    ["一级指标", "二级指标", "三级指标", "指标值", N, N],
    ["产出指标", "数量指标", "维护老集镇个数", "1个", N, N],
]


def test_an_applied_amount_is_the_total(tmp_path: Path) -> None:
    project = read_table(csv_file(tmp_path / "表.csv", APPLIED)).projects()[0]
    assert project.amounts.total == Decimal("2243.02")


def test_a_scoring_sheet_of_department_criteria_is_a_departments(tmp_path: Path) -> None:
    table = _read(tmp_path, "xlsx", SCORING, SCORING_MERGES)
    assert table.kind == "department"  # 部门预算管理: the department's own criteria, no title in the grid
    assert [i.level2_weight for i in table.plan.indicators] == [30, 30, 30]


def test_a_department_table_without_a_name_round_trips_through_its_report(tmp_path: Path) -> None:
    from perfgoals_xl.hierarchy_labels import department_from_title
    from perfgoals_xl.report import write_report

    assert department_from_title("部门整体支出绩效自评表") == ""  # the kind of table, no department
    assert department_from_title("某县总工会部门整体支出绩效自评表") == "某县总工会"
    table = _read(tmp_path, "xlsx", SCORING, SCORING_MERGES)
    again = read_table(write_report(table, tmp_path / "report.xlsx"))
    assert again.plan.name == table.plan.name == ""
    assert [(i.level1_weight, i.level2_weight) for i in again.plan.indicators] == [(30, 30)] * 3


def test_a_projects_scoring_sheet_stays_a_projects(tmp_path: Path) -> None:
    rows = [list(r) for r in SCORING]
    rows[2][0] = "项目决策(30分)"
    assert _read(tmp_path, "xlsx", rows, SCORING_MERGES).kind == "project"
