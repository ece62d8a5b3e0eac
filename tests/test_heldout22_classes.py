"""Classes found by the twenty-second held-out round, each built here as the files people hold (a
workbook with its merges, and the CSV that loses them):

- a 2017 部门整体支出绩效目标申报表 whose level-1 label is merged down its rows, each row one text of
  indicators (产出指标 | 质量指标:… / 时效指标:…), its money under 年度预算申请(万元) as 资金总额:704;
- a 自评表 whose 一级指标 header spans two columns over a blank margin merged down the grid;
- a 时效指标 whose target and result are years alone (2019年 | 2020年);
- a 区域绩效目标表 printing its goal with no label, right above the indicator header.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import csv_file, xlsx_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.values import parse_value

N = None


def _file(tmp_path: Path, kind: str, rows: list[list[object]], merges: list[str]) -> Path:
    if kind == "csv":
        return csv_file(tmp_path / "表.csv", rows)
    return xlsx_file(tmp_path / "表.xlsx", rows, merges)


DEPARTMENT = [
    ["部门名称", N, "某区实验中学", N],
    ["年度预算申请\n(万元)", N, "资金总额:704", N],
    [N, N, "按收入性质分", "按支出性质分"],
    [N, N, "公共财政拨款:683\n纳入专户管理的非税收入拨款:21", "基本支出:622\n项目支出:82"],
    ["整体绩效目标", N, "目标1:把教学放在首位。\n目标2:保障在职人员正常办公。", N],
    ["部门整体支出\n年度绩效指标", "产出指标", "质量指标:毕业生合格率达100%", N],
    [N, N, "时效指标:按时完成教学任务。", N],
    [N, N, "成本指标:全年预算全额用于保障教育教学。", N],
    [N, "效益指标", "社会效益指标:教学秩序良好。", N],
    [N, N, "服务对象满意度指标:家长满意度95%以上。", N],
]
DEPARTMENT_MERGES = ["A1:B1", "C1:D1", "A2:B4", "C2:D2", "A5:B5", "C5:D5", "A6:A10", "B6:B8", "C6:D6", "C7:D7",
                     "C8:D8", "B9:B10", "C9:D9", "C10:D10"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_department_level_texts_one_a_row_under_a_merged_level(tmp_path: Path, kind: str) -> None:
    """Each row beside 产出指标 (merged down three rows, or printed on the first only in a CSV) is one
    indicator of that level, named by its text; 资金总额:704 under 年度预算申请 is the total."""
    table = read_table(_file(tmp_path, kind, DEPARTMENT, DEPARTMENT_MERGES))
    assert table.kind == "department"
    plan = table.plan
    assert plan.amounts.total == Decimal("704")
    assert [(i.level1, i.name[:6]) for i in plan.indicators] == [
        ("产出指标", "质量指标:毕"), ("产出指标", "时效指标:按"), ("产出指标", "成本指标:全"),
        ("效益指标", "社会效益指标"), ("效益指标", "服务对象满意")]


def test_a_level_text_row_is_not_carried_past_a_labelled_row(tmp_path: Path) -> None:
    """A row under the level texts whose text stands in another column, or with a label left of it,
    is no indicator of the level above (财政部门审核意见 | (盖章))."""
    rows = [list(r) for r in DEPARTMENT] + [["财政部门审核意见", N, "(盖章) 年 月 日", N]]
    table = read_table(csv_file(tmp_path / "表.csv", rows))
    assert len(table.plan.indicators) == 5


SELFEVAL = [
    ["项目名称", "购买第三方服务", N, N, N, N, N, N, N],
    ["主管部门", "市财政局", N, N, "实施单位", "市财政局", N, N, N],
    ["年度总体目标", "预期目标", N, N, N, "实际完成情况", N, N, N],
    [N, "为群众提供第三方服务100人次。", N, N, N, "提供服务100人次。", N, N, N],
    ["一级指标", N, "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    [N, "产出指标", "数量指标", "服务对象人数", "100人次", "100人次", 30, 30, N],
    [N, N, "时效指标", "完成时限", "2019年", "2020年", 30, 15, "部分项目延续至下年"],
    [N, "效益指标", "社会效益指标", "财政工作运行效率", "≥80%", "≥80%", 20, 20, N],
    [N, "满意度指标", "服务对象满意度指标", "受益群体满意度", "90%", "90%", 10, 10, N],
    ["总分", N, N, N, N, N, 90, 75, N],
]
SELFEVAL_MERGES = ["B1:I1", "B2:D2", "F2:I2", "A3:A4", "B3:E3", "F3:I3", "B4:E4", "F4:I4", "A5:B5", "A6:A9",
                   "B6:B7", "A10:F10"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_level1_under_a_header_spanning_a_blank_margin(tmp_path: Path, kind: str) -> None:
    """一级指标 over two columns, the left one blank down the grid: the level names in the right one
    are the level-1 (read empty before: false PG-S03 “一级指标为空” on every row), said in a 读取提示."""
    table = read_table(_file(tmp_path, kind, SELFEVAL, SELFEVAL_MERGES))
    project = table.projects()[0]
    assert [i.level1 for i in project.indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标"]
    assert "PG-S03" not in {i.code for i in check_table(table)}
    assert any("一级指标" in p.message and "右栏" in p.message for p in table.problems if p.code == "S11")


def test_years_alone_as_a_time_target_are_scored_by_lateness() -> None:
    """完成时限 2019年 against 2020年: a year late (no longer “达到指标值”); the same year is on time."""
    from perfgoals_xl.scoring.dates import is_year_only
    from perfgoals_xl.scoring.indicator import score_value

    late = score_value(parse_value("2019年"), parse_value("2020年"), 20, time_like=True)
    assert late.method == "time" and late.points < 20
    assert score_value(parse_value("2019年"), parse_value("2018年"), 20, time_like=True).points == 20
    assert score_value(parse_value("2019年"), parse_value("2019年度"), 20, time_like=True).points == 20
    # a count of years under another indicator is still a quantity (服务年限 ≥ 5年 is not a date)
    assert score_value(parse_value("5年"), parse_value("6年"), 20).points == 20
    assert is_year_only("2019年") and is_year_only("2020年度") and not is_year_only("5年")
    assert not is_year_only("3000年") and not is_year_only("2019年" * 5000)


REGIONAL = [
    ["项目名称", N, "农村危房改造补助资金", N, N],
    ["中央主管部门", N, "住房城乡建设部", N, N],
    ["资金情况(万元)", "下达资金总额", 484.45, N, N],
    [N, "其中:中央财政补助", 484.45, N, N],
    [N, "支持农村低收入群体等重点对象实施危房改造，保障其基本住房安全。", N, N, N],
    [N, "一级指标", "二级指标", "三级指标", "指标值"],
    [N, "产出指标", "数量指标", "危房改造户数", "≥120户"],
    [N, "效益指标", "社会效益指标", "住房安全保障", "有效保障"],
]
REGIONAL_MERGES = ["A1:B1", "C1:E1", "A2:B2", "C2:E2", "A3:A4", "C3:E3", "C4:E4", "B5:E5", "A6:A8"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_goal_printed_without_its_label_above_the_indicator_header(tmp_path: Path, kind: str) -> None:
    """The row right above the indicator header, its label cell blank and one sentence across the rest:
    the goal (false PG-C01 “没有绩效目标” before), read with a 读取提示."""
    table = read_table(_file(tmp_path, kind, REGIONAL, REGIONAL_MERGES))
    project = table.projects()[0]
    assert project.goal == "支持农村低收入群体等重点对象实施危房改造，保障其基本住房安全。"
    assert "PG-C01" not in {i.code for i in check_table(table)}
    assert any("没有标签" in p.message for p in table.problems if p.code == "S11")


def test_a_labelled_goal_or_a_short_line_is_not_taken_for_an_unlabelled_goal(tmp_path: Path) -> None:
    """A form that labels its goal keeps it; a short text (单位：万元) above the header is no goal."""
    rows = [list(r) for r in REGIONAL]
    rows[4] = ["年度目标", "支持危房改造。", N, N, N]
    assert read_table(csv_file(tmp_path / "a.csv", rows)).projects()[0].goal == "支持危房改造。"
    rows[4] = [N, "单位：万元", N, N, N]
    assert not read_table(csv_file(tmp_path / "b.csv", rows)).projects()[0].goal


def test_level_texts_with_the_level_merges_split_and_the_group_label_merged(tmp_path: Path) -> None:
    """The level cells split (产出指标 on its first row only, blank below) while the group label beside
    them stays merged down: each row is still one indicator of the level above (the variation pass)."""
    merges = [m for m in DEPARTMENT_MERGES if m not in ("B6:B8", "B9:B10")]
    table = read_table(xlsx_file(tmp_path / "表.xlsx", DEPARTMENT, merges))
    assert [i.level1 for i in table.plan.indicators] == ["产出指标"] * 3 + ["效益指标"] * 2


def test_a_column_number_row_under_a_wide_level1_header(tmp_path: Path) -> None:
    """A 栏次 row (1 | 2 | 3 …) under the header numbers the blank margin too: the level-1 column is still
    the right one (the variation pass)."""
    rows = [list(r) for r in SELFEVAL]
    rows.insert(5, ["1", N, "2", "3", "4", "5", "6", "7", "8"])
    merges = ["B1:I1", "B2:D2", "F2:I2", "A3:A4", "B3:E3", "F3:I3", "B4:E4", "F4:I4", "A5:B5", "A6:B6", "A7:A10",
              "B7:B8", "A11:F11"]
    project = read_table(xlsx_file(tmp_path / "自评.xlsx", rows, merges)).projects()[0]
    assert [i.level1 for i in project.indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标"]


#: The same table printed from a PDF made a workbook: each level label left on the middle row of its texts
#: (产出指标 the second of three, 效益指标 the third of five), the cells above it blank.
CENTRED_TEXTS = [
    *[list(r) for r in DEPARTMENT[:5]],
    ["部门整体支出\n年度绩效指标", N, "质量指标:毕业生合格率达100%", N],
    [N, "产出指标", "时效指标:按时完成教学任务。", N],
    [N, N, "成本指标:全年预算全额用于保障教育教学。", N],
    [N, N, "经济效益指标:收支平衡。", N],
    [N, N, "社会效益指标:教学秩序良好。", N],
    [N, "效益指标", "环境效益指标:绿化覆盖达70%。", N],
    [N, N, "可持续影响指标:打造育人品牌。", N],
    [N, N, "服务对象满意度指标:家长满意度95%以上。", N],
]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_level_texts_with_their_labels_on_the_middle_row(tmp_path: Path, kind: str) -> None:
    """Each level's label centred beside its texts (南岳 2017 through a PDF): the texts above a label are
    its too — a text led by its 二级指标 (经济效益指标:…) settles the row two groups tie on (was: the first
    text not read at all, 经济效益 and 社会效益 under 产出指标)."""
    merges = ["A1:B1", "C1:D1", "A2:B4", "C2:D2", "A5:B5", "C5:D5", "A6:A13", *(f"C{r}:D{r}" for r in range(6, 14))]
    table = read_table(_file(tmp_path, kind, CENTRED_TEXTS, merges))
    assert [(i.level1, i.name[:4]) for i in table.plan.indicators] == [
        ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标"), ("效益指标", "经济效益"),
        ("效益指标", "社会效益"), ("效益指标", "环境效益"), ("效益指标", "可持续影"), ("效益指标", "服务对象")]
    hints = " ".join(f.message for f in check_table(table) if f.code == "PG-S11")
    assert "层级名写在各组的中间行" in hints
