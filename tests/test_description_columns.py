"""A grid describing each indicator in a column of its own after the values — 云南's 项目支出绩效目标表 (预算05-2):
单位名称、项目名称 | 项目年度绩效目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 指标属性 |
指标内容 — in every layout.

Read before: the long format found no project column (单位名称、项目名称 unknown: every indicator under one
unnamed project, a false PG-S01); the 申报表 grid took 指标内容 (a second name column) for the start of a
second half (中期 | 年度) and read each indicator twice with no values (false PG-S05 on every row); the long
and 部门整体 layouts dropped the column silently. Now 指标内容 is each indicator's description, kept under
its header; 指标属性 (定量指标 / 定性指标) is the value's kind (``nature`` — 指标值类型)."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

HEADER = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标属性", "指标内容"]
ROWS = [["产出指标", "数量指标", "养护里程", "≥", "300", "公里", "定量指标", "反映年度养护的道路里程"],
        ["效益指标", "社会效益指标", "群众出行条件", "定性", "明显改善", "", "定性指标", "反映群众出行条件的改善"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", "95", "%", "定量指标", "反映群众对养护的满意程度"]]
EXPECTED = [("养护里程", "≥300公里", "定量", "反映年度养护的道路里程"),
            ("群众出行条件", "明显改善", "定性", "反映群众出行条件的改善"),
            ("群众满意度", "≥95%", "定量", "反映群众对养护的满意程度")]
GOAL = "完成农村公路日常养护300公里，保障道路安全畅通。"
PAD = [""] * (len(HEADER) - 2)


def _long() -> list[list[object]]:
    """The 05-2 table: a title, the unit's row, then each project with its goal on its first row."""
    return [["预算05-2表", *PAD, ""], ["2023年部门项目支出绩效目标表（本次下达）", *PAD, ""],
            ["单位名称、项目名称", "项目年度绩效目标", *HEADER], ["某县交通运输局", "", *[""] * len(HEADER)],
            *([("乡村道路养护" if k == 0 else ""), (GOAL if k == 0 else ""), *r] for k, r in enumerate(ROWS))]


def _form() -> list[list[object]]:
    return [["项目支出绩效目标表", "", *PAD], ["项目名称", "乡村道路养护", *PAD], ["年度资金总额", 120, *PAD],
            ["年度绩效目标", GOAL, *PAD], HEADER, *ROWS]


def _department() -> list[list[object]]:
    return [["部门整体支出绩效目标表", "", *PAD], ["部门名称", "某县交通运输局", *PAD], ["年度预算", 3500, *PAD],
            ["年度绩效总目标", "全面完成年度交通建设任务。", *PAD], HEADER, *ROWS]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", [_long, _form, _department], ids=["long", "form", "department"])
def test_the_description_after_the_values_is_kept_and_no_second_half(tmp_path: Path, kind: str, layout) -> None:  # noqa: ANN001
    table = read_table(held_file(tmp_path, kind, layout()))
    if table.plan is not None:
        indicators = table.plan.indicators
    else:
        assert [p.name for p in table.projects()] == ["乡村道路养护"]
        assert table.projects()[0].goal == GOAL
        indicators = table.projects()[0].indicators
    # (the kind as 指标属性 prints it, or as 指标性质 says it for a 定性 row: 定性)
    got = [(i.name, i.annual_value.raw, (i.nature or "")[:2], i.extras.get("指标内容")) for i in indicators]
    assert got == EXPECTED
    assert not [f for f in check_table(table) if f.severity == "error"]


def test_the_unit_and_project_column_names_the_unit_over_its_projects(tmp_path: Path) -> None:
    table = read_table(held_file(tmp_path, "xlsx", _long()))
    assert [(u.name, [p.name for p in u.projects]) for u in table.units] == [("某县交通运输局", ["乡村道路养护"])]
    assert any("单位名称、项目名称" in p.message and "同一列" in p.message for p in table.problems)


def test_a_second_half_still_needs_values_of_its_own(tmp_path: Path) -> None:
    """中期 | 年度 halves side by side (names and values again) are still two halves."""
    rows = [["项目名称", "乡村道路养护", "", "", "", ""], ["年度绩效目标", GOAL, "", "", "", ""],
            ["中期指标", "", "", "年度指标", "", ""],
            ["二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
            ["数量指标", "养护里程", "≥900公里", "数量指标", "养护里程", "≥300公里"]]
    table = read_table(held_file(tmp_path, "xlsx", rows))
    [ind] = table.projects()[0].indicators
    assert (ind.name, ind.period_value.raw, ind.annual_value.raw) == ("养护里程", "≥900公里", "≥300公里")
