"""A project's table naming its project only in its title (``禁毒经费绩效自评表``, no 项目名称 row, a
主管部门 and a 年度总体目标 in its block) is a project's table, never a department's (部门整体): found
by the corpus variation 项目名只在标题中 (丰都's class), which read a dozen real 自评表 so as 部门整体
tables named for their 主管部门. A title naming a unit (某县民政局2021年度绩效自评表) still leaves a
department's block to the department reader. Built as a workbook with its merges and as a CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.errors import InputError
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None


def _rows(title: str, first_label: str) -> list[list[object]]:
    return [
        [title, N, N, N, N, N, N],
        [first_label, "宣城市公安局", N, N, "实施单位", "禁毒支队", N],
        ["项目资金（万元）", N, N, "年初预算数", "全年预算数", "全年执行数", "执行率"],
        [N, "年度资金总额", N, "100", "100", "100", "100%"],
        ["年度总体目标", "预期目标", N, N, "实际完成情况", N, N],
        [N, "开展禁毒宣传，完成毛发检测。", N, N, "已开展禁毒宣传，完成毛发检测。", N, N],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "禁毒舞台剧宣传场次", "≥10场", "12场", "30", "30"],
        [N, "质量指标", "毛发检测完成率", "100%", "100%", "20", "20"],
        ["效益指标", "社会效益指标", "禁毒知识知晓率", "≥90%", "92%", "30", "30"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10"],
        ["总分", N, N, N, N, "90", "90"],
    ]


MERGES = ["A1:G1", "B2:D2", "A3:C3", "B4:C4", "A5:A6", "B5:D5", "E5:G5", "B6:D6", "E6:G6", "A8:A9"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_selfeval_titled_by_its_fund_is_a_project_table(tmp_path: Path, kind: str) -> None:
    table = read_table(held_file(tmp_path, kind, _rows("禁毒经费绩效自评表", "主管部门"), MERGES))
    assert table.kind == "project"
    [project] = table.projects()
    assert project.name == "禁毒经费"
    assert [i.name for i in project.indicators] == ["禁毒舞台剧宣传场次", "毛发检测完成率", "禁毒知识知晓率", "群众满意度"]
    assert not [f for f in check_table(table) if f.code.startswith("PG-D")]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_year_opening_the_funds_title_is_the_funds_year(tmp_path: Path, kind: str) -> None:
    """2021年中职免学费市级配套资金绩效自评表: the year is the fund's, no unit's table of that year."""
    table = read_table(held_file(tmp_path, kind, _rows("2021年中职免学费市级配套资金绩效自评表", "主管部门"), MERGES))
    assert table.kind == "project"
    [project] = table.projects()
    assert "中职免学费市级配套资金" in project.name


@pytest.mark.parametrize("title", ["某县民政局2021年度绩效自评表", "中共某县委党校绩效自评表"])
def test_a_title_naming_a_unit_leaves_a_department_block_to_the_department_reader(tmp_path: Path, title: str) -> None:
    table = read_table(held_file(tmp_path, "xlsx", _rows(title, "部门名称"), MERGES))
    assert table.kind == "department"
    assert table.plan.name == "宣城市公安局"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_title_naming_a_building_and_its_project_names_the_project(tmp_path: Path, kind: str) -> None:
    """广元 朝天区全民健身中心项目绩效自评表, no 项目名称 row: …中心项目 names the project (a centre is built),
    not a unit — the table names no project otherwise (was: project “”, PG-C03 项目“”没有效益指标). A
    title naming a unit with no 项目 after it still names none."""
    from perfgoals_xl.hierarchy_labels import project_from_title

    table = read_table(held_file(tmp_path, kind, _rows("某县全民健身中心项目绩效自评表", "主管部门"), MERGES))
    assert [p.name for p in table.projects()] == ["某县全民健身中心项目"]
    assert project_from_title("某县全民健身中心项目绩效自评表") == ""  # (elsewhere: a centre's own table)
    assert project_from_title("某县文化馆绩效自评表", facility=True) == ""
    assert project_from_title("某县民政局项目绩效自评表", facility=True) == ""


def test_a_place_and_year_opening_a_title_are_part_of_the_name() -> None:
    """岳阳县2022年高标准农田建设项目绩效目标表 names the project 岳阳县2022年高标准农田建设项目 (as its
    项目名称 prints it); a place or a department with a year before nothing but 项目 names none."""
    from perfgoals_xl.hierarchy_labels import target_project_from_title

    assert target_project_from_title("岳阳县2022年高标准农田建设项目绩效目标表") == "岳阳县2022年高标准农田建设项目"
    assert target_project_from_title("原州区2022年南部水源涵养林建设项目绩效目标表") == "原州区2022年南部水源涵养林建设项目"
    for none in ("某县2019年项目绩效目标表", "某县2019年度绩效目标表", "某县民政局2019年项目绩效目标表"):
        assert target_project_from_title(none) == "", none
    assert target_project_from_title("丰都县公安局2022年度辅警人员经费绩效自评工作报告") == "辅警人员经费"


def test_a_title_keeps_a_names_own_spending_word() -> None:
    """物业管理费支出 and 工资性支出 are projects' names (四川、广东 print them so): the 支出 before 绩效 is
    the name's; 项目支出, 基本支出, 一般公共预算支出 or a department's 支出 name a kind of spending."""
    from perfgoals_xl.hierarchy_labels import project_from_title, target_project_from_title

    assert target_project_from_title("物业管理费支出绩效目标表") == "物业管理费支出"
    assert target_project_from_title("禁毒经费项目支出绩效目标表") == "禁毒经费项目"
    assert project_from_title("51000021R000000019951-工资性支出绩效自评表") == "51000021R000000019951-工资性支出"
    assert project_from_title("某局自然资源业务支出项目绩效自评表") == "某局自然资源业务支出项目"
    for none in ("2021年度项目支出绩效自评表", "某局项目支出绩效目标表", "一般公共预算支出绩效目标表",
                 "2019年支出绩效目标表", "某县民政局支出绩效自评表", "部门整体支出绩效自评表"):
        assert target_project_from_title(none) == "" and project_from_title(none) == "", none


def _cut_target_form(title: str) -> list[list[object]]:
    """A 申报表 printed only down to its goal (a stored copy cut before the indicator grid), no 项目名称."""
    return [
        [title, N, N, N],
        ["（2021年度）", N, N, N],
        ["主管部门", "区林业局", "实施单位", "接龙镇农业服务中心"],
        ["项目资金（万元）", "年度资金总额", "120", N],
        [N, "其中：财政拨款", "120", N],
        ["年度绩效目标", "完成松材线虫病疫木除治，保护森林资源。", N, N],
    ]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_form_cut_before_its_grid_is_named_by_its_title(tmp_path: Path, kind: str) -> None:
    """No 项目名称 row and no indicator grid: the title naming the project still makes it a form, read
    with its block, the name taken from the title and said."""
    rows = _cut_target_form("松材线虫病除治项目绩效目标表")
    table = read_table(held_file(tmp_path, kind, rows, ["A1:D1", "A2:D2", "A4:A5", "B6:D6"]))
    [project] = table.projects()
    assert project.name == "松材线虫病除治项目"
    assert table.department == "区林业局"
    assert str(project.amounts.total) == "120"
    assert project.goal == "完成松材线虫病疫木除治，保护森林资源。"
    assert any("按标题" in p.message for p in table.problems)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_cut_block_under_a_title_naming_no_project_is_no_form(tmp_path: Path, kind: str) -> None:
    """The same block under a title naming only the kind of table is nothing we can read (an error, never a
    project with no name)."""
    rows = _cut_target_form("项目支出绩效目标表")
    with pytest.raises(InputError, match="未找到"):
        read_table(held_file(tmp_path, kind, rows, ["A1:D1", "A2:D2", "A4:A5", "B6:D6"]))


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_selfeval_head_cut_before_its_grid_is_named_by_its_title(tmp_path: Path, kind: str) -> None:
    """A 自评表 printed only down to its goals, no 项目名称 row: its budget block (全年预算数 | 全年执行数)
    under a title naming the project is a 自评表's, read with its budget."""
    rows = [
        ["重大传染病防治项目绩效自评表", N, N, N, N],
        ["（2021年度）", N, N, N, N],
        ["主管部门", "甘孜州卫生健康委", N, "资金使用单位", "炉霍县卫生健康局"],
        ["项目资金（万元）", N, "全年预算数（A）", "全年执行数（B）", "预算执行率（B/A）"],
        [N, "年度资金总额：", "811.54", "811.54", "100%"],
        [N, "其中：中央财政资金", "730.4", "730.4", "100%"],
        ["年度总体目标", "总体目标", N, "全年实际完成情况", N],
        [N, "继续为0-6岁儿童免费接种疫苗。", N, "已为0-6岁儿童免费接种疫苗。", N],
    ]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:E1", "A2:E2", "B3:C3", "A4:B4", "A5:A6", "A7:A8",
                                                       "B7:C7", "D7:E7", "B8:C8", "D8:E8"]))
    [project] = table.projects()
    assert project.name == "重大传染病防治项目"
    assert str(project.budget_executed) == "811.54"
    assert "免费接种疫苗" in (project.goal or "")


def test_a_bare_year_opening_a_target_title_is_the_names() -> None:
    """2018年南岳镇资产收益扶贫项目绩效目标表: the name as its 项目名称 prints it, year and all (湖南 衡阳's
    projects carry their year); 2023年度… is the table's year; after 提前下达 / 关于 the year is the
    document's; a year with nothing but 项目 / 支出 after it names no project."""
    from perfgoals_xl.hierarchy_labels import target_project_from_title

    assert target_project_from_title("2018年南岳镇资产收益扶贫项目绩效目标表") == "2018年南岳镇资产收益扶贫项目"
    assert target_project_from_title("2023年度雨露计划就学补助项目绩效目标表") == "雨露计划就学补助项目"
    assert target_project_from_title("下达2020年农机补贴资金绩效目标表") == "农机补贴资金"
    for none in ("2019年支出绩效目标表", "2019年项目支出绩效目标表", "2021年绩效目标表"):
        assert target_project_from_title(none) == "", none
