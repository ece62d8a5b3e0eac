"""A grid printing the level-1 and no 二级指标 column (浙江-style 指标类别 | 指标名称 | 指标方向 | 目标值 | 计量单位, or a
long table's 一级指标 | 指标名称): a blank level-2 is not printed, not missing. Each indicator was a false
PG-S04 error (二级指标为空) and PG-C06 (no 数量指标) could not be judged; now one PG-S04 warning says the table
prints no level-2, per project."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

GOAL = "完成农村公路日常养护300公里，保障道路安全畅通。"
ROWS = [("产出指标", "养护里程", "≥", 300, "公里"), ("效益指标", "群众出行条件", "定性", "明显改善", ""),
        ("满意度指标", "群众满意度", "≥", 95, "%")]


def _form() -> list[list[object]]:
    return [["项目名称", "乡村道路养护", None, None, None], ["项目金额（万元）", 120, None, None, None],
            ["绩效目标", GOAL, None, None, None], ["指标类别", "指标名称", "指标方向", "目标值", "计量单位"], *map(list, ROWS)]


def _long() -> list[list[object]]:
    return [["项目名称", "预算金额", "绩效目标", "一级指标", "指标名称", "指标方向", "目标值", "计量单位"],
            *(["乡村道路养护", 120, GOAL, *r] for r in ROWS)]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", [_form, _long], ids=["form", "long"])
def test_no_level2_column_is_said_once_never_an_error_per_row(tmp_path: Path, kind: str, layout) -> None:  # noqa: ANN001
    table = read_table(held_file(tmp_path, kind, layout()))
    project = table.projects()[0]
    assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in project.indicators] == [
        ("产出指标", "", "养护里程", "≥300公里"), ("效益指标", "", "群众出行条件", "明显改善"), ("满意度指标", "", "群众满意度", "≥95%")]
    findings = check_table(table)
    assert not [f for f in findings if f.severity == "error"]
    said = [f for f in findings if f.code == "PG-S04"]
    assert len(said) == 1 and said[0].severity == "warning" and "都没有二级指标" in said[0].message
    assert not [f for f in findings if f.code == "PG-C06"]


def test_one_blank_level2_among_printed_ones_is_still_an_error(tmp_path: Path) -> None:
    rows = [["项目名称", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["乡村道路养护", GOAL, "产出指标", "数量指标", "养护里程", "≥300公里"],
            ["乡村道路养护", GOAL, "效益指标", "", "群众出行条件", "明显改善"]]
    findings = check_table(read_table(held_file(tmp_path, "xlsx", rows)))
    assert [(f.severity, f.message) for f in findings if f.code == "PG-S04"] == [("error", "二级指标为空")]
