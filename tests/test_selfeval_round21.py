"""自评表 shapes found by the twenty-first held-out round (宁夏 银川市本级, 上海 松江 镇级):

- the goal row printing its heads and texts side by side: 年度总体目标 | 年初设定目标 | <goal> |
  年度总体目标完成情况 | <account> (the texts right of their heads, not under them);
- the form's own score as a pair on a head row: 主管部门 | … | 自评得分 | 98 | 财政评分 | (blank);
- the total written with its score in one cell merged across the row: 总分:83.

Built as a workbook with its merges and saved as CSV (the merges lost)."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import csv_file, xlsx_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None
GOAL = "保障学校正常工作运行，改善办学条件"
ACCOUNT = "全年保障学校正常运行，办学条件明显改善"
HEAD = [
    ["项目名称", "初中公用经费", N, N, N, N, N, N],
    ["主管部门", "某市教育局", "实施单位", "某市第六中学", "自评得分", "98", "财政评分", N],
    ["项目资金(万元)", "年度资金总额", "年初预算数", "调整预算数(A)", N, "全年执行数(B)", N, "执行率(B/A)"],
    [N, N, "64.8", "64.8", N, "64.8", N, "100%"],
    ["年度总体目标", "年初设定目标", GOAL, N, "年度总体目标完成情况", ACCOUNT, N, N],
    ["一级指标", "二级指标", "三级指标", "分值", "指标值(A)", "全年实际值(B)", "得分", "未完成原因分析及改进措施"],
    ["产出指标(50分)", "数量指标", "保障人数", "30", "2370人", "2370人", "30", N],
    [N, "质量指标", "公用经费标准", "20", "符合相关文件要求", "符合相关文件要求", "20", N],
    ["效益指标(30分)", "社会效益指标", "办学条件", "30", "明显改善", "明显改善", "30", N],
    ["满意度指标(10分)", "服务对象满意度指标", "师生满意度", "10", "≥90%", "95%", "8", "部分家长意见"],
]
MERGES = ["B1:H1", "A3:A4", "B3:B4", "D3:E3", "F3:G3", "D4:E4", "F4:G4", "C5:D5", "F5:H5", "A7:A8"]


def _file(tmp_path: Path, kind: str, rows: list[list[object]], merges: list[str]) -> Path:
    if kind == "csv":
        return csv_file(tmp_path / "自评.csv", rows)
    return xlsx_file(tmp_path / "自评.xlsx", rows, merges)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_goal_texts_beside_their_heads_on_one_row(tmp_path: Path, kind: str) -> None:
    """年初设定目标 | <goal> | 年度总体目标完成情况 | <account>: the goal and the account are read
    (the form drew a false PG-C01 “没有绩效目标”), and 自评得分 | 98 on the head row is the total."""
    table = read_table(_file(tmp_path, kind, HEAD, MERGES))
    project = table.projects()[0]
    assert project.goal == GOAL
    assert project.actual_summary == ACCOUNT
    assert project.total_score == 98
    assert "PG-C01" not in {i.code for i in check_table(table)}
    assert [i.name for i in project.indicators] == ["保障人数", "公用经费标准", "办学条件", "师生满意度"]


def test_a_reviewers_score_beside_is_not_the_forms() -> None:
    """Only the unit's own score is the total: 财政评分 | 95 (the finance bureau's) is not, and a
    number out of 0–100 beside 自评得分 is no score."""
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.selfeval_inline import score_beside
    from perfgoals_xl.sources.sheet_view import SheetView

    def beside(row: list[object]) -> tuple[float, int] | None:
        return score_beside(SheetView(Grid(sheet="s", rows=[row], merged=[]), None), 0)

    assert beside(["主管部门", "某局", "自评得分", "98", "财政评分", ""]) == (98.0, 3)
    assert beside(["主管部门", "某局", "财政评分", "95"]) is None
    assert beside(["主管部门", "某局", "自评得分", "980"]) is None
    assert beside(["自评总分", "86.5"]) == (86.5, 1)
    assert beside(["主 管 部 门", "某局", "自 评 得 分", "98", "财政评分", ""]) == (98.0, 3)  # (spaced out: 宁夏 variation)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("cell", ["总分:83", "总分：83分", "合计: 100"])
def test_a_total_with_its_score_in_one_cell_is_the_total_row(tmp_path: Path, kind: str, cell: str) -> None:
    """总分:83 in one cell merged across the row under the grid: the claimed total, no indicator
    (read as one it drew false PG-S03/S04 “一级指标“总分:83”不在指标体系中”)."""
    rows = [list(row) for row in HEAD] + [[cell, N, N, N, N, N, N, N]]
    rows[1][4:6] = [N, N]  # (no 自评得分 on the head row: the total is the 总分 cell's)
    table = read_table(_file(tmp_path, kind, rows, [*MERGES, f"A{len(rows)}:H{len(rows)}"]))
    project = table.projects()[0]
    assert [i.name for i in project.indicators] == ["保障人数", "公用经费标准", "办学条件", "师生满意度"]
    assert project.total_score == float(cell.split(":")[-1].split("：")[-1].strip().rstrip("分"))
    assert not {"PG-S03", "PG-S04"} & {i.code for i in check_table(table)}


def test_a_total_cell_is_told_only_by_a_total_label_and_a_bounded_number() -> None:
    """总分:83 / 合计：100分 are totals; 项目名称:83, 总分:abc, a number beyond four digits are not; a
    50,000-character cell is refused before any regex (bounded input)."""
    from perfgoals_xl.sources.vocabulary import inline_total, is_total_cell

    assert inline_total("总分:83") == 83.0 and inline_total("合计：100分") == 100.0
    assert inline_total("自评总分: 92.5") == 92.5
    assert inline_total("项目名称:83") is None and inline_total("总分:abc") is None
    assert inline_total("总分:123456") is None and inline_total(83) is None
    assert inline_total("总分:" + "9" * 50_000) is None
    assert is_total_cell("总分") and is_total_cell("总分:83") and not is_total_cell("保障人数")
