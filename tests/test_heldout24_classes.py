"""Classes found by the twenty-fourth held-out round, built as a workbook with its merges (and as CSV
where the class survives losing them):

- a target table whose 一级指标 header lost its first character (级指标 | 二级指标 | 三级指标 | 指标值),
  its money labelled 本次下达中央预算内投资(万元);
- an evaluation scoring sheet whose header words are broken over two rows of separate cells (指标 over
  分值, 县级 over 评分), one criterion's name merged over two scoring rows, the project named only in
  the title (2021年度…项目绩效评价自评表), and a scoring rule awarding bonus points (加1分，最多加2分).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import csv_file, xlsx_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import form_label_of

N = None
NDRC = [
    ["专项名称", "某县以工代赈示范工程", N, N],
    ["下达地方或单位", "某县发展改革委", N, N],
    ["本次下达中央预算内投资(万元)", "853", N, N],
    ["总体目标", "实施以工代赈项目，吸纳当地群众就近就业增收。", N, N],
    ["级指标", "二级指标", "三级指标", "指标值"],
    ["实施效果指标", "产出指标", "劳务报酬占中央投资比例", "≥30%"],
    [N, "满意度指标", "参与工程建设的群众满意度", "≥90%"],
    ["过程管理指标", "资金管理指标", "中央预算内投资支付率", "≥95%"],
]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_level1_header_that_lost_its_first_character(tmp_path: Path, kind: str) -> None:
    """级指标 right before 二级指标: the level-1 column (read blank before: false PG-S03 “一级指标为空”),
    said in a 读取提示; 本次下达中央预算内投资 is the total."""
    path = (csv_file(tmp_path / "目标.csv", NDRC) if kind == "csv"
            else xlsx_file(tmp_path / "目标.xlsx", NDRC, ["B1:D1", "B2:D2", "B3:D3", "B4:D4", "A6:A7"]))
    table = read_table(path)
    project = table.projects()[0]
    assert project.amounts.total == Decimal("853")
    assert [i.level1 for i in project.indicators] == ["实施效果指标", "实施效果指标", "过程管理指标"]
    assert "一级指标为空" not in " ".join(i.message for i in check_table(table))
    assert any("级指标" in p.message and "一级指标" in p.message for p in table.problems if p.code == "S11")


def test_amount_labels_named_for_this_grant() -> None:
    """本次 / 本批 before an amount label names this grant's money, as 本年 names the year's."""
    assert form_label_of("本次下达中央预算内投资(万元)")[0] == "total"
    assert form_label_of("本批下达资金总额")[0] == "total"
    assert form_label_of("本年一般公共预算拨款")[0] == "fiscal"
    assert form_label_of("本次下达")[0] is None


SCORING = [
    ["2021年度农村公益事业财政奖补项目绩效评价自评表", N, N, N, N, N, N, N],
    ["填报单位:郊区财政局", N, N, N, N, N, N, N],
    ["序号", "一级指标", "二级指标", "三级指标", "指标说明", "指标", "县级", "市级"],
    [N, N, N, N, N, "分值", "评分", "评分"],
    ["1", "决策(10)", "项目立项", "民主议事", "民主议事记录完整,得2分", "2", "2", N],
    ["2", N, N, "申报审批", "审批文件齐全,得2分", "2", "2", N],
    ["3", N, "资金投入", "预算安排", "按标准安排奖补资金,得4分;达到20元,加2分", "6", "6", N],
    ["4", "过程(30)", "资金管理", "账务管理", "资金纳入乡镇账户管理,得2分", "2", "2", N],
    [N, N, N, N, "财政奖补资金实行专账核算,得1分", "1", "1", N],
    ["5", N, "组织实施", "工作安排", "纳入县级重点工作部署,得1分;领导有正面批示的,一个加1分,最多加2分", "1", "2", N],
]
SCORING_MERGES = ["A1:H1", "A2:H2", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "B5:B7", "C5:C6", "B8:B10",
                  "C8:C9", "A8:A9", "D8:D9"]


def test_an_evaluation_scoring_sheet_with_its_header_over_two_rows(tmp_path: Path) -> None:
    """指标 over 分值 and 县级 over 评分 are the weight and the county's own score (市级评分 the reviewer's,
    kept); 账务管理 merged over two rows with a 分值 and 得分 each is two scoring items; the project is
    the title's; a claim above its 分值 that the row's rule allows (加1分，最多加2分) draws no PG-E06."""
    table = read_table(xlsx_file(tmp_path / "评分.xlsx", SCORING, SCORING_MERGES))
    project = table.projects()[0]
    assert project.name == "农村公益事业财政奖补项目"
    got = [(i.level1, i.level2, i.name, i.weight, i.score) for i in project.indicators]
    assert got == [("决策", "项目立项", "民主议事", 2, 2), ("决策", "项目立项", "申报审批", 2, 2),
                   ("决策", "资金投入", "预算安排", 6, 6), ("过程", "资金管理", "账务管理", 2, 2),
                   ("过程", "资金管理", "账务管理", 1, 1), ("过程", "组织实施", "工作安排", 1, 2)]
    assert "PG-E06" not in {i.code for i in check_table(table)}


def test_a_claim_above_the_weight_without_a_bonus_rule_is_still_reported(tmp_path: Path) -> None:
    """The same sheet with 工作安排's rule awarding no bonus: its 2 of 1 is out of range (PG-E06)."""
    rows = [list(r) for r in SCORING]
    rows[9][4] = "纳入县级重点工作部署,得1分"
    table = read_table(xlsx_file(tmp_path / "评分.xlsx", rows, SCORING_MERGES))
    assert "PG-E06" in {i.code for i in check_table(table)}


def test_bonus_rules_are_told_by_a_bounded_pattern() -> None:
    from perfgoals_xl.scoring.indicator import awards_bonus

    assert awards_bonus(["一个加1分，最多加2分"]) and awards_bonus(["加分项"]) and awards_bonus(["加 0.5 分"])
    assert not awards_bonus(["得2分;不完整的每个项目扣1分"]) and not awards_bonus([])
    assert not awards_bonus(["扣" * 100_000 + "加1分"])  # (only the first 500 characters are looked at)


def test_a_lower_header_piece_that_is_a_word_itself(tmp_path: Path) -> None:
    """县级 over 自评得分, 指标 over 指标分值 (the lower piece already a header): read as that word."""
    rows = [list(r) for r in SCORING]
    rows[3] = [N, N, N, N, N, "指标分值", "自评得分", "评分"]
    project = read_table(xlsx_file(tmp_path / "评分.xlsx", rows, SCORING_MERGES)).projects()[0]
    assert [(i.weight, i.score) for i in project.indicators][:3] == [(2, 2), (2, 2), (6, 6)]


@pytest.mark.parametrize("filled", [False, True])
def test_the_scoring_sheet_saved_as_csv(tmp_path: Path, filled: bool) -> None:
    """The same sheet as CSV (merges lost): 账务管理's second row, no name but its own criterion, 分值 and
    得分, is still a second item of 账务管理 (said in a 读取提示); a row with a name of its own is not.
    (filled: the level columns repeated on every row, as exports print them — the second row's 过程 |
    资金管理 made it no criterion row, and the whole 账务管理 was lost.)"""
    rows = [list(r) for r in SCORING]
    if filled:
        for k in range(5, len(rows)):
            rows[k][1], rows[k][2] = rows[k][1] or rows[k - 1][1], rows[k][2] or rows[k - 1][2]
    table = read_table(csv_file(tmp_path / "评分.csv", rows))
    project = table.projects()[0]
    assert [(i.name, i.weight, i.score) for i in project.indicators][3:5] == [("账务管理", 2, 2), ("账务管理", 1, 1)]
    assert len(project.indicators) == 6
    assert any("另一评分项" in p.message for p in table.problems if p.code == "S11")


def test_a_scoring_sheet_whose_names_header_is_blank(tmp_path: Path) -> None:
    """The same sheet with its 三级指标 header left blank (text lost in a web export): the names are found
    by place under the stacked header words (指标 over 分值, 县级 over 评分), so the sheet stays a 自评表
    read as before — not a 申报表 with no project name (a false PG-S01)."""
    rows = [list(r) for r in SCORING]
    rows[2][3] = N
    table = read_table(xlsx_file(tmp_path / "评分.xlsx", rows, SCORING_MERGES))
    project = table.projects()[0]
    assert project.name == "农村公益事业财政奖补项目"
    assert [i.name for i in project.indicators][:3] == ["民主议事", "申报审批", "预算安排"]
    assert "PG-S01" not in {i.code for i in check_table(table)}
