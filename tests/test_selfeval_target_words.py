"""自评表 grids heading their targets with a word of their own (全年预期目标, 年初设定目标, 年度目标) beside
their actuals (全年实际完成值, 全年实际完成): read before, the targets were lost (PG-S05 on every indicator
of a table printing them), or — 全年实际完成 not known for the actuals — the grid was taken for a scoring
sheet and no indicator was read. The one target-worded column right of the names and left of the
actuals is the year's targets (the rule every layout shares, level_columns.target_by_word), said in a
读取提示; in a workbook and in a CSV alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

GOAL = "完成农村公路日常养护300公里，保障道路安全畅通。"
ROWS = [("产出指标", "数量指标", "养护里程", "≥300公里", "310公里", 50, 50),
        ("效益指标", "社会效益指标", "群众出行条件", "明显改善", "明显改善", 30, 30),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥95%", "96%", 10, 10)]


def _form(target: str, actual: str) -> list[list[object]]:
    return [["项目支出绩效自评表", None, None, None, None, None, None],
            ["项目名称", "乡村道路养护", None, None, None, None, None],
            ["年度总体目标", "预期目标", None, None, "实际完成情况", None, None],
            [None, GOAL, None, None, "完成养护310公里", None, None],
            ["一级指标", "二级指标", "三级指标", target, actual, "分值", "得分"], *(list(r) for r in ROWS)]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize(("target", "actual"), [("全年预期目标", "全年实际完成值"), ("年初设定目标", "全年实际完成"),
                                                ("年度目标", "实际完成值"), ("预期目标", "实际完成")])
def test_the_targets_under_a_target_word_are_read_beside_the_actuals(tmp_path: Path, kind: str, target: str,
                                                                    actual: str) -> None:
    table = read_table(held_file(tmp_path, kind, _form(target, actual)))
    [project] = table.projects()
    got = [(i.name, i.annual_value.raw, i.actual_value.raw if i.actual_value else None) for i in project.indicators]
    assert got == [(r[2], r[3], r[4]) for r in ROWS]
    assert project.goal == GOAL
    assert "PG-S05" not in {f.code for f in check_table(table)}
    assert any(f"“{target}”一栏为指标值" in p.message for p in table.problems)


def test_a_target_word_right_of_the_actuals_is_not_taken(tmp_path: Path) -> None:
    """Only left of the actuals: a 目标 column after them (下年目标 …) is no target of this year's grid."""
    rows = _form("全年实际完成值", "下年度目标")
    rows[4][3:5] = ["全年实际完成值", "下年度目标"]
    table = read_table(held_file(tmp_path, "xlsx", rows))
    assert not any("一栏为指标值" in p.message for p in table.problems)
