"""A 自评表 printing a scoring section above its indicator grid (湖北 广水: 项目权重 | 评价内容 | 分值 |
自评分 | 复核分 with 项目决策2分 / 项目管理13分, then 项目年度目标1：… and 一级指标 | 二级指标 | 三级指标 |
年初指标值 | 年终完成值 …), and the 主管预算部门 label (天津 抗疫特别国债 tables), each built as a workbook
with its merges and as the CSV that loses them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.model import scoring_sheet
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import criteria_as_name, form_label_of

N = None

SECTIONS = [
    ["项目支出绩效自评表", N, N, N, N, N, N, N, N],
    ["项目名称", N, "乡村道路建设养护项目", N, N, N, "自评总分:95", N, N],
    ["项目主管单位", N, "某市交通运输局", N, N, N, N, N, N],
    ["项目年度目标", N, "完成乡村道路建设养护里程300公里。", N, N, N, N, N, N],
    ["项目权重", "评价内容", N, N, "分值", "自评分", "复核分", "评价标准及依据", N],
    ["项目决策2分", "决策依据", N, N, "2", "2", N, "有项目年度工作计划计2分。", N],
    ["项目管理13分", "财务制度", N, N, "3", "3", N, "有制度并执行计3分。", N],
    [N, "组织机构", N, N, "2", "2", N, "有专人负责计2分。", N],
    ["项目年度目标1:乡村道路建设养护项目", N, N, N, N, N, N, N, N],
    ["项目绩效85分", "一级指标", "二级指标", "指标名称(三级指标)", "年初指标值", "年终完成值", "自评分", "复核分",
     "评价标准"],
    [N, "产出指标40分", "数量指标15分", "乡村道路建设养护里程", "300公里", "300公里", "15", N, "按完成程度计分"],
    [N, N, "质量指标15分", "工程验收合格率", "100%", "100%", "15", N, "按完成程度计分"],
]
MERGES = ["A1:I1", "A2:B2", "C2:F2", "G2:I2", "A3:B3", "C3:I3", "A4:B4", "C4:I4", "B5:D5", "H5:I5", "B6:D6",
          "H6:I6", "A7:A8", "B7:D7", "H7:I7", "B8:D8", "H8:I8", "A9:I9", "A10:A12", "B11:B12"]


def test_a_criteria_column_is_the_name_only_where_no_name_column_is_printed() -> None:
    keys = ["项目权重", "评价内容", "分值", "自评分"]
    assert criteria_as_name(keys, [None, None, "weight", "score"]) == ["level1", "name", "weight", "score"]
    # beside a 指标名称 column (河北 评价指标 | 评价内容 | 指标名称) it stays unread here: a level, by content
    assert criteria_as_name(["评价内容", "指标名称", "分值", "得分"], [None, "name", "weight", "score"]) == \
        [None, "name", "weight", "score"]
    # without 分值 and 得分 it is no scoring header
    assert criteria_as_name(["项目权重", "评价内容", "备注"], [None, None, "extra"]) == [None, None, "extra"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_scoring_section_and_the_indicator_grid_under_it_are_both_read(tmp_path: Path, kind: str) -> None:
    table = read_table(held_file(tmp_path, kind, SECTIONS, MERGES))
    project = table.projects()[0]
    got = [(i.level1, i.level1_weight, i.level2, i.name, i.weight, i.score) for i in project.indicators]
    assert got == [
        ("项目决策", 2, "", "决策依据", 2, 2),
        ("项目管理", 13, "", "财务制度", 3, 3),
        ("项目管理", 13, "", "组织机构", 2, 2),
        ("产出指标", 40, "数量指标", "乡村道路建设养护里程", None, 15),
        ("产出指标", 40, "质量指标", "工程验收合格率", None, 15),
    ]
    assert project.indicators[3].annual_value.raw == "300公里"
    assert project.total_score == 95


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_criteria_without_values_are_not_checked_as_targets(tmp_path: Path, kind: str) -> None:
    """The criteria print no target and no actual: the form is a scoring sheet (its claims are the
    scores), never 'no actual, 0 points' nor 'level 2 empty' on the criteria."""
    table = read_table(held_file(tmp_path, kind, SECTIONS, MERGES))
    assert scoring_sheet(table.projects()[0])
    codes = {f.code for f in check_table(table) if f.severity == "error"}
    assert not {"PG-E06", "PG-S04"} & codes


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_title_row_between_grids_is_no_indicator(tmp_path: Path, kind: str) -> None:
    names = [i.name for i in read_table(held_file(tmp_path, kind, SECTIONS, MERGES)).projects()[0].indicators]
    assert not any("项目年度目标" in n or n in {"一级指标", "指标名称(三级指标)"} for n in names)


def test_a_department_label_naming_the_budget() -> None:
    assert form_label_of("主管预算部门")[0] == "department"
    assert form_label_of("预算主管部门")[0] == "department"
    assert form_label_of("某区预算局")[0] is None


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_form_with_a_budget_department_label(tmp_path: Path, kind: str) -> None:
    rows = [
        ["抗疫特别国债项目绩效目标表(打捆项目)", N, N, N, N],
        ["项目名称", "2020年非营利性民办园房租补贴", N, N, N],
        ["主管预算部门", "某区教育局", "项目预算金额(万元)", "193.8", N],
        ["绩效目标", "对非营利性民办幼儿园给予房租补贴。", N, N, N],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        [N, "产出指标", "数量指标", "补贴非营利性民办幼儿园数量", "20个"],
    ]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:E1", "B2:E2", "D3:E3", "B4:E4", "A5:A6"]))
    assert table.department == "某区教育局"
    assert [i.name for i in table.projects()[0].indicators] == ["补贴非营利性民办幼儿园数量"]


def test_a_headers_second_row_repeating_the_levels_is_no_second_grid(tmp_path: Path) -> None:
    """WPS「拆分并填充内容」 prints the level heads on both header rows: the lower row (符号 | <number> |
    单位 under 预期指标值) is still the header's, not a grid of its own."""
    rows = [
        ["项目名称", "百岁老人高龄津贴", N, N, N, N, N, N],
        ["一级指标", "二级指标", "三级指标", "预期指标值", N, N, "实际完成值", "自评得分"],
        ["一级指标", "二级指标", "三级指标", "符号", N, "单位(文字描述)", "实际完成值", "自评得分"],
        ["产出指标", "质量指标", "符合条件申报对象覆盖率", ">=", "98", "%", "100%", "25"],
        ["产出指标", "时效指标", "完成率", ">=", "99", "%", "100%", "25"],
    ]
    project = read_table(held_file(tmp_path, "csv", rows)).projects()[0]
    assert [i.annual_value.raw for i in project.indicators] == [">=98%", ">=99%"]
