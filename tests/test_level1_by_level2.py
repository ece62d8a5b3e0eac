"""Grids printing no 一级指标 column (二级指标 | 三级指标 | 指标值): each indicator's level-1 is the one its
level-2 belongs to in the framework (数量指标 → 产出指标), said in a 读取提示, in every layout — read before
with the level-1 blank, every indicator drew a false "一级指标为空" (PG-S03) on a table that prints its
level-1 through its level-2 only. A grid that prints a 一级指标 column and leaves a cell of it blank keeps
it blank: that is the table's own defect."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

GOAL = "完成农村公路日常养护300公里，保障道路安全畅通。"
ROWS = [("数量指标", "养护里程", "≥300公里"), ("社会效益指标", "群众出行条件", "明显改善"),
        ("服务对象满意度指标", "群众满意度", "≥95%")]
LEVELS = [("产出指标", "数量指标"), ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]


def _long() -> list[list[object]]:
    return [["项目名称", "年度绩效目标", "二级指标", "三级指标", "指标值"], *(["乡村道路养护", GOAL, *r] for r in ROWS)]


def _form() -> list[list[object]]:
    return [["项目支出绩效目标表", None, None], ["项目名称", "乡村道路养护", None], ["年度资金总额", 120, None],
            ["年度绩效目标", GOAL, None], ["二级指标", "三级指标", "指标值"], *(list(r) for r in ROWS)]


def _selfeval() -> list[list[object]]:
    return [["项目支出绩效自评表", None, None, None, None, None], ["项目名称", "乡村道路养护", None, None, None, None],
            ["二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            *([*r, r[2].lstrip("≥"), 30, 30] for r in ROWS)]


def _department() -> list[list[object]]:
    return [["部门整体支出绩效目标表", None, None], ["部门名称", "某县交通运输局", None], ["年度预算申请", "资金总额", 3500],
            ["年度总体目标", "全面完成年度交通建设任务。", None], ["二级指标", "三级指标", "指标值"], *(list(r) for r in ROWS)]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", [_long, _form, _selfeval, _department], ids=["long", "form", "selfeval", "department"])
def test_the_level1_is_the_one_its_level2_belongs_to(tmp_path: Path, kind: str, layout) -> None:  # noqa: ANN001
    table = read_table(held_file(tmp_path, kind, layout()))
    indicators = table.plan.indicators if table.plan is not None else [i for p in table.projects() for i in p.indicators]
    got = [(i.level1, i.level2, i.name) for i in indicators]
    assert got == [(l1, l2, r[1]) for (l1, l2), r in zip(LEVELS, ROWS, strict=True)]
    assert "PG-S03" not in {f.code for f in check_table(table)}
    assert any("没有一级指标列" in p.message and "归属补出" in p.message for p in table.problems)


def test_a_level1_cell_left_blank_in_a_printed_level1_column_stays_blank(tmp_path: Path) -> None:
    rows = [["项目名称", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["乡村道路养护", GOAL, "产出指标", "数量指标", "养护里程", "≥300公里"],
            ["乡村道路养护", GOAL, "", "社会效益指标", "群众出行条件", "明显改善"]]
    table = read_table(held_file(tmp_path, "xlsx", rows))
    assert [i.level1 for p in table.projects() for i in p.indicators][0] == "产出指标"
    assert not any("没有一级指标列" in p.message for p in table.problems)
