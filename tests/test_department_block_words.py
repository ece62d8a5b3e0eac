"""A department-wide table's block as some provinces print it: its year before the department in a title
that is its only name (2024年度某县交通运输局部门整体支出绩效目标表 — the name read as 2024年度某县交通运输局), the
budget as a line of its own (年度预算：500万元 — a section's label with its amount after the colon, read as no
amount) or labelled 预算金额. Every block's amount is the table's total (``amounts.total`` — 年度预算总额)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.hierarchy_labels import department_from_title
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

GOAL = "完成全年交通运输各项工作任务。"
GRID = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "完成公路养护里程", "≥300公里"],
        ["效益指标", "社会效益指标", "群众出行条件", "明显改善"], ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"]]
BLOCKS = {
    "title-only": [["2024年度某县交通运输局部门整体支出绩效目标表", None, None, None], ["单位：万元", None, None, None],
                   ["预算金额", 500, None, None], ["年度总体目标", GOAL, None, None]],
    "inline-budget": [["部门名称：某县交通运输局", None, None, None], ["年度预算：500万元", None, None, None],
                      ["年度绩效目标：" + GOAL, None, None, None]],
}


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("block", list(BLOCKS))
def test_the_department_and_its_budget(tmp_path: Path, kind: str, block: str) -> None:
    table = read_table(held_file(tmp_path, kind, BLOCKS[block] + GRID))
    assert table.kind == "department" and table.plan is not None
    assert (table.plan.name, table.plan.amounts.total, table.plan.goal) == ("某县交通运输局", Decimal(500), GOAL)
    assert len(table.plan.indicators) == 3
    assert not [f for f in check_table(table) if f.severity == "error"]


@pytest.mark.parametrize(("title", "name"), [("2024年度某县交通运输局部门整体支出绩效目标表", "某县交通运输局"),
                                             ("（2023年）某区教育局部门整体支出绩效自评表", "某区教育局"),
                                             ("某市财政局2022年度部门整体支出绩效目标表", "某市财政局")])
def test_a_titles_year_is_no_part_of_its_department(title: str, name: str) -> None:
    assert department_from_title(title) == name


N = None
#: 湖北 广水's 部门总体资金情况: income and spending each with its 合计 (the same total), beside 近两年收支金额
#: over two year columns left blank (____年 | ____年).
MONEY_MATRIX = [["部门(单位)名称", "某市人民政府办公室", N, "填报人", "张三", "联系电话", "6296906"],
                ["部门总体\n资金情况\n单位:万元", "总体资金情况", N, "当年\n金额", "近两年收支金额", N, "占比"],
                [N, N, N, N, "年", "年", N],
                [N, "收入构成", "财政拨款", 968.19, N, N, N], [N, N, "其他资金", N, N, N, N],
                [N, N, "合计", 968.19, N, N, "100%"],
                [N, "支出构成", "基本支出", 724.23, N, N, "74.8%"], [N, N, "项目支出", 243.96, N, N, "25.2%"],
                [N, N, "合计", 968.19, N, N, "100%"],
                ["年度绩效目标", GOAL, N, N, N, N, N]]
MATRIX_MERGES = ["B1:C1", "A2:A9", "B2:C3", "D2:D3", "E2:F2", "G2:G3", "B4:B6", "B7:B9", "B10:G10"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_money_matrix_gives_its_amounts_and_no_stray_fields(tmp_path: Path, kind: str) -> None:
    # its 合计 read twice was kept as an extra 合计: 968.19, and 年 | 年 as a field 年: 年 — both printed on the
    # department's report as rows of their own
    grid = [row + [N, N, N] for row in GRID]
    table = read_table(held_file(tmp_path, kind, MONEY_MATRIX + grid, MATRIX_MERGES))
    plan = table.plan
    assert (plan.amounts.total, plan.amounts.fiscal, plan.basic, plan.project) == (
        Decimal("968.19"), Decimal("968.19"), Decimal("724.23"), Decimal("243.96"))
    assert "合计" not in plan.extras and "年" not in plan.extras
    assert len(plan.indicators) == 3


#: Pairs of a block that are no field (湖南 衡阳 祁东, 桃源, 湖北 广水 2023, 云南 昌宁, 湖南 炎陵): a stamp's place,
#: two headings side by side, and a line of two pairs split only at a space before a label.
HEADINGS = [["部门名称：某县疾病预防控制中心", N, N, N], ["填报单位：(盖章)", N, N, N],
            ["年初职工人数: 14 人,人员编制: 9 人", N, N, N],
            ["部门资金", "按收入性质分", "按支出性质分", N], [N, "2021年", "2022 年", N],
            ["年度预算", 500, N, N], ["内容", "说明", N, N], ["年度总体目标", GOAL, N, N]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_headings_and_stamp_places_are_no_fields(tmp_path: Path, kind: str) -> None:
    table = read_table(held_file(tmp_path, kind, HEADINGS + GRID))
    plan = table.plan
    assert (plan.name, plan.amounts.total, plan.goal) == ("某县疾病预防控制中心", Decimal(500), GOAL)
    assert plan.extras.get("年初职工人数") == "14 人,人员编制: 9 人"  # as printed, not 14 and 人,人员编制: 9 人
    assert not {"填报单位", "按收入性质分", "2021年", "内容", "人,人员编制"} & set(plan.extras), plan.extras
