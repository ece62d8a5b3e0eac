"""A long table printing two goal columns left of its indicators — the year's and the whole term's — however
they are worded (年度绩效目标 | 总体绩效目标, 当年目标 | 整体目标, 总体目标 | 年度目标, 项目总体目标 | 本年度目标,
年度目标 | 中长期目标, 绩效目标 | 中期目标). Read before by the vocabulary alone: unknown words left the project
with no goal (a false PG-A04 / PG-C01, both goals kept only on each indicator), 总体目标 first was taken for
the year's, 中长期目标 (a value column's word in an indicator grid) became every indicator's term value."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

YEAR = "完成年度农村公路养护100公里。"
TERM = "三年完成农村公路养护300公里，道路安全畅通。"
ROWS = [("产出指标", "数量指标", "养护里程", "≥100公里"), ("效益指标", "社会效益指标", "群众出行条件", "明显改善"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥95%")]
#: (left header, right header, which one is the year's goal)
PAIRS = [("年度绩效目标", "总体绩效目标", 0), ("当年目标", "整体目标", 0), ("总体目标", "年度目标", 1),
         ("项目总体目标", "本年度目标", 1), ("年度目标", "中长期目标", 0), ("绩效目标", "中期目标", 0),
         ("年度绩效目标", "实施期绩效目标", 0)]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize(("left", "right", "year"), PAIRS, ids=[f"{a}|{b}" for a, b, _ in PAIRS])
def test_the_years_goal_and_the_terms(tmp_path: Path, kind: str, left: str, right: str, year: int) -> None:
    goals = (YEAR, TERM) if year == 0 else (TERM, YEAR)
    rows = [["项目名称", left, right, "一级指标", "二级指标", "三级指标", "指标值"],
            *(["乡村道路养护", *goals, *r] for r in ROWS)]
    table = read_table(held_file(tmp_path, kind, rows))
    project = table.projects()[0]
    assert (project.goal, project.period_goal) == (YEAR, TERM)
    assert [(i.name, i.annual_value.raw, i.period_value.raw) for i in project.indicators] == [
        (r[2], r[3], r[3]) for r in ROWS]
    assert not any(i.extras for i in project.indicators)  # (a goal is the project's, not each indicator's)
    assert not [f for f in check_table(table) if f.severity == "error"]


@pytest.mark.parametrize("header", ["当年目标", "本年目标", "项目年度目标"])
def test_one_goal_column_in_words_of_its_own(tmp_path: Path, header: str) -> None:
    rows = [["项目名称", header, "一级指标", "二级指标", "三级指标", "指标值"], *(["乡村道路养护", YEAR, *r] for r in ROWS)]
    project = read_table(held_file(tmp_path, "xlsx", rows)).projects()[0]
    assert project.goal == YEAR and not any(i.extras for i in project.indicators)


def test_a_term_value_column_right_of_the_names_stays_a_value(tmp_path: Path) -> None:
    """中长期目标 right of the names is the indicators' term value, as before."""
    rows = [["项目名称", "年度绩效目标", "一级指标", "二级指标", "三级指标", "年度指标值", "中长期目标"],
            *(["乡村道路养护", YEAR, *r, r[3] + "（三年）"] for r in ROWS)]
    project = read_table(held_file(tmp_path, "xlsx", rows)).projects()[0]
    assert project.goal == YEAR and project.period_goal is None
    assert [i.period_value.raw for i in project.indicators] == [r[3] + "（三年）" for r in ROWS]
