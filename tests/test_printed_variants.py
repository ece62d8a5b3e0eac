"""Spellings of the same table that system exports and hand-typed Word tables print: a level with its
framework code in the cell (1-产出指标, 11-数量指标), and numbers typed in full width (１００％)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import xlsx_file

from perfgoals_xl import check_table, framework
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.cell_number import number
from perfgoals_xl.values import value_from_parts

HEADER = ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"]
ROWS = [["农民技能培训", "1-产出指标", "11-数量指标", "培训人次", "≥200人次"],
        ["农民技能培训", "2-效益指标", "22-社会效益指标", "技能提升", "明显提升"],
        ["农民技能培训", "3-满意度指标", "31-服务对象满意度指标", "学员满意度", "≥９０％"]]


def test_coded_level_cells_are_their_classes(tmp_path: Path) -> None:
    table = read_table(xlsx_file(tmp_path / "表.xlsx", [HEADER, *ROWS]))
    [project] = table.projects()
    assert [i.name for i in project.indicators] == ["培训人次", "技能提升", "学员满意度"]
    codes = [code for code in (framework.level1_by_name(i.level1) for i in project.indicators)]
    assert [c.code if c else None for c in codes] == ["1", "2", "3"]
    found = {f.code for f in check_table(table)}
    assert not found & {"PG-S03", "PG-S04", "PG-C02", "PG-C03", "PG-C04"}, found


@pytest.mark.parametrize(("name", "key"), [
    ("1-产出指标", "产出"), ("11-数量指标", "数量"), ("31-服务对象满意度指标", "服务对象满意度"),
    ("2021年度目标", "2021年度目标"), ("1产出指标", "1产出"),
])
def test_a_code_before_a_class_name_is_no_part_of_it(name: str, key: str) -> None:
    assert framework.normalise_name(name) == key


@pytest.mark.parametrize(("text", "value"), [
    ("１００％", Decimal(100)), ("８３.５％", Decimal("83.5")), ("１，２００", Decimal(1200)), ("100%", Decimal(100)),
])
def test_full_width_numbers_are_numbers(text: str, value: Decimal) -> None:
    assert number(text) == value


def test_a_full_width_value_keeps_its_own_unit() -> None:
    assert value_from_parts("≥", "９５％", "%") == "≥９５％"
    assert value_from_parts("≥", "95", "%") == "≥95%"


@pytest.mark.parametrize(("line", "mine"), [
    ("优知文库 版权所有", True), ("Copyright © 2024 某某网", True), ("备案号（略）", True), ("ICP备案号：京ICP备12345号", True),
    ("上一篇：关于2023年部门预算的公开", True), ("【打印本页】 【关闭窗口】", True), ("分享到：", True),
    ("单位：万元", False), ("填报人：张三  联系电话：12345678", False), ("某局2024年项目支出绩效目标表", False),
])
def test_a_sites_own_line_under_a_table_is_the_pages(line: str, mine: bool) -> None:
    """A saved page printed with its chrome: 某某文库 版权所有 under a table is the site's, not the table's."""
    from perfgoals_xl.sources.containers.html import is_page_info

    assert is_page_info(line) is mine


def test_a_budget_header_cut_at_its_wrap_is_the_same_column() -> None:
    """全年执行 (its 数 lost where a narrow cell wrapped it) is 全年执行数."""
    from perfgoals_xl.sources.vocabulary import field_of

    assert field_of("全年执行") == "budget_executed"


def test_a_whole_page_pasted_keeps_no_site_lines_as_projects(tmp_path: Path) -> None:
    """A page selected whole and pasted into Excel: 上一篇 … 版权所有 under the table are the page's."""
    chrome = [["上一篇：关于公开2024年部门预算的说明"], [], ["【打印本页】 【关闭窗口】"], ["主办单位：某县人民政府办公室"],
              ["某县人民政府网 版权所有"]]
    rows = [["项目名称", "一级指标", "二级指标", "三级指标", "指标值"],
            ["农民技能培训", "产出指标", "数量指标", "培训人次", "≥200人次"], *chrome]
    table = read_table(xlsx_file(tmp_path / "粘贴.xlsx", rows))
    assert [p.name for p in table.projects()] == ["农民技能培训"]
    assert not [f.message for f in check_table(table) if "上一篇" in f.message or "版权所有" in f.message]


@pytest.mark.parametrize(("label", "field"), [("年度", "goal"), ("长期", "period_goal")])
def test_a_goal_label_cut_to_its_first_line_still_labels_the_goal(tmp_path: Path, label: str, field: str) -> None:
    """年度 | <goal> (年度<br>目标 in the page, its second line lost in the copy): the goal, said."""
    goal = "文化惠民工程，主要用于送戏进万村，全年送戏70场。"
    rows = [["项目名称", "农村文化建设配套补助经费"], ["主管部门", "某市文化旅游体育局"], [label, goal],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "送戏场次", "≥70场"]]
    table = read_table(xlsx_file(tmp_path / "表.xlsx", rows))
    [project] = table.projects()
    assert getattr(project, field) == goal
    assert any(f"标签“{label}”" in p.message for p in table.problems)


def test_a_short_text_beside_a_year_label_is_no_goal(tmp_path: Path) -> None:
    rows = [["项目名称", "农村文化建设配套补助经费"], ["主管部门", "某市文化旅游体育局"], ["年度目标", "全年送戏70场，丰富群众文化生活。"],
            ["年度", "2025"], ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "送戏场次", "≥70场"]]
    [project] = read_table(xlsx_file(tmp_path / "表.xlsx", rows)).projects()
    assert project.goal == "全年送戏70场，丰富群众文化生活。"


def test_a_system_exports_zero_filled_rows_are_no_indicators(tmp_path: Path) -> None:
    """三级指标 0 | 指标值 0.00% | 分值 0 under 成本指标: the export's unused rows, not three indicators."""
    rows = [["项目名称", "安全生产举报奖励"], ["年度目标", "全年开展举报奖励不少于5次。"],
            ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
            ["成本指标", "经济成本指标", "0", "0.00%", "0"], ["成本指标", "社会成本指标", "0", "0.00%", "0"],
            ["产出指标", "数量指标", "举报奖励次数", "≥5次", "10"], ["产出指标", "质量指标", "0", "0", "20"]]
    [project] = read_table(xlsx_file(tmp_path / "表.xlsx", rows)).projects()
    # a zero-named row that still prints points (20) stays: the points are the table's to answer for
    assert [i.name for i in project.indicators] == ["举报奖励次数", "0"]
