"""Indicator grids whose name or value header is a word the vocabulary does not know (考核内容, 评价指标, 指标项 …;
年度计划数, 计划完成值, 预期 …). Read before, a form read no indicator at all and a long table every indicator
nameless (or valueless): PG-S05 on each, on tables that print them. The one column between the levels and the
values is the names; in a grid with no value column, the one column right of the names whose header says 目标
(the goal's own word 年度目标 too: a goal is no column of an indicator grid), or (a header not known) 计划, 预期
or 值, is the values — each said in a 读取提示, in every layout (long format, form, 部门整体). A header
describing the indicators (绩效指标描述, 邯郸 2019: the table prints no values) is not taken for them."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import csv_file, xlsx_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

GOAL = "完成农村公路日常养护300公里，保障道路安全畅通。"
ROWS = [("产出指标", "数量指标", "养护里程", "≥300公里"), ("效益指标", "社会效益指标", "群众出行条件", "通行时间缩短10%"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥95%")]
EXPECTED = [(name, value) for *_, name, value in ROWS]


def _long(header: list[str]) -> list[list[object]]:
    return [["项目名称", "绩效目标", *header], *(["乡村道路养护", GOAL, *row] for row in ROWS)]


def _form(header: list[str]) -> list[list[object]]:
    return [["项目支出绩效目标表", None, None, None], ["项目名称", "乡村道路养护", None, None],
            ["主管部门", "某县交通运输局", "实施单位", "某县公路中心"], ["年度资金总额", 120, "其中：财政拨款", 120],
            ["年度绩效目标", GOAL, None, None], header, *(list(row) for row in ROWS)]


def _department(header: list[str]) -> list[list[object]]:
    return [["部门整体支出绩效目标表", None, None, None], ["部门名称", "某县交通运输局", None, None],
            ["年度预算申请", "资金总额", 3500, None], ["年度总体目标", "全面完成年度交通建设任务。", None, None],
            header, *(list(row) for row in ROWS)]


def _read(tmp_path: Path, rows: list[list[object]], suffix: str):  # noqa: ANN202 - a PerfTable
    make = xlsx_file if suffix == "xlsx" else csv_file
    table = read_table(make(tmp_path / f"表.{suffix}", rows))
    indicators = table.plan.indicators if table.plan is not None else [i for p in table.projects() for i in p.indicators]
    return table, [(i.name, i.annual_value.raw) for i in indicators]


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", [_long, _form, _department], ids=["long", "form", "department"])
@pytest.mark.parametrize("word", ["考核指标", "考核内容", "评价指标", "指标", "指标项", "具体指标内容", "指标名称及内容"])
def test_the_names_under_a_header_not_known_are_read_by_place(tmp_path: Path, suffix: str, layout, word: str) -> None:  # noqa: ANN001
    table, got = _read(tmp_path, layout(["一级指标", "二级指标", word, "指标值"]), suffix)
    assert got == EXPECTED
    assert "PG-S05" not in {f.code for f in check_table(table)}
    assert any(f"“{word}”不是认得的表头" in p.message and "按三级指标" in p.message for p in table.problems)


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", [_long, _form, _department], ids=["long", "form", "department"])
@pytest.mark.parametrize("word", ["预期目标", "年度计划数", "计划完成值", "预期", "年度目标"])
def test_the_values_under_a_target_word_are_read_when_no_value_column(tmp_path: Path, suffix: str, layout,  # noqa: ANN001
                                                                       word: str) -> None:
    table, got = _read(tmp_path, layout(["一级指标", "二级指标", "三级指标", word]), suffix)
    assert got == EXPECTED
    assert "PG-S05" not in {f.code for f in check_table(table)}
    assert any(f"“{word}”一栏为指标值" in p.message for p in table.problems)


@pytest.mark.parametrize("word", ["指标解释", "绩效指标描述"])
def test_a_description_right_of_the_names_is_not_taken_for_the_values(tmp_path: Path, word: str) -> None:
    """指标解释 (a field of its own) or 绩效指标描述 beside the names, and no value column: no values read, as
    printed, rather than the descriptions as targets; the column kept as an extra."""
    table, got = _read(tmp_path, _long(["一级指标", "二级指标", "三级指标", word]), "xlsx")
    assert [value for _, value in got] == ["", "", ""]
    assert [i.extras for p in table.projects() for i in p.indicators][0] == {word: "≥300公里"}


def test_two_columns_between_the_levels_and_the_values_are_not_guessed(tmp_path: Path) -> None:
    table, got = _read(tmp_path, _form(["一级指标", "二级指标", "考核内容", "备用", "指标值"]), "xlsx")
    assert not any("不是认得的表头" in p.message for p in table.problems)


def test_a_goal_column_right_of_the_names_holding_sentences_stays_the_goal(tmp_path: Path) -> None:
    """A long table printing its goals after its indicators (三级指标 | 指标值 | 年度目标): the goal column holds
    sentences, not values — it is the projects' goal, whether or not a value column is printed."""
    rows = [["项目名称", "一级指标", "二级指标", "三级指标", "年度目标"],
            *(["乡村道路养护", *row[:3], GOAL] for row in ROWS)]
    table, got = _read(tmp_path, rows, "xlsx")
    assert [value for _, value in got] == ["", "", ""]
    assert [p.goal for p in table.projects()] == [GOAL]
