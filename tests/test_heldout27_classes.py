"""Classes found by the twenty-seventh held-out round (霍山 特教 自评表, 乐昌 区域绩效目标表, 南岳 部门整体
自评表, 广水 自评表, 遂宁经开区 区域绩效目标自评表), each built as a workbook with its merges and as the
CSV that loses them:

- a 自评表's project 总计 is its year's budget (全年预算数, else 年初预算数), 财政拨款 / 其他资金 its 其中
  lines when they add up; PG-A04 (无目标不安排预算) is for target tables, a 自评表 without a goal gets PG-C01;
- a row whose one cell spans the level, name and value columns, numbers right of it, is the total row
  whatever it says (分总);
- 一级目标 / 二级目标 head the level columns;
- 总体目标 | <goal>: the block's label with the goal beside it;
- 年初预算资金总额 | 实际投入资金额, 转移支付预算数 | 转移支付执行数 are budget columns;
- 填报类型：整体□ 区域√ 项目□ ticks a region's (project) table, not a department's;
- 自评总分:95 in one cell is the form's total score.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import held_file, xlsx_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import field_of, ticked_choices

N = None


def _read(tmp_path: Path, kind: str, rows: list[list[object]], merges: list[str]):
    return read_table(held_file(tmp_path, kind, rows, merges))


SELFEVAL = [
    ["项目支出绩效自评表", N, N, N, N, N, N, N, N],
    ["项目名称", "特殊教育补助资金", N, N, N, N, N, N, N],
    ["主管部门", "某县教育局", N, N, "实施单位", "某县特殊教育学校", N, N, N],
    ["项目资金(万元)", N, N, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    [N, "年度资金总额", N, "28.1", "30", "30", "10", "100%", "10"],
    [N, "其中:当年财政拨款", N, "28.1", "30", "30", "—", N, "—"],
    [N, "其他资金", N, "0", "0", "0", "—", N, "—"],
    ["年度总体目标", "预期目标", N, N, N, "实际完成情况", N, N, N],
    [N, "改善特殊教育学校办学条件。", N, N, N, "已完成设备采购并投入使用。", N, N, N],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
    [N, "产出指标", "数量指标", "采购康复设备", "≥10台", "12台", "50", "50", N],
    [N, "效益指标", "社会效益指标", "特殊教育资源", "扩大", "扩大", "30", "30", N],
    [N, "满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "98%", "10", "10", N],
    ["分总", N, N, N, N, N, "100", "100", N],
]
SELFEVAL_MERGES = ["A1:I1", "B2:I2", "B3:D3", "F3:I3", "A4:C4", "A5:A7", "B5:C5", "B6:C6", "B7:C7", "A8:A9",
                   "B8:E8", "F8:I8", "B9:E9", "F9:I9", "A10:A13", "A14:F14"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_selfevals_total_is_its_years_budget(tmp_path: Path, kind: str) -> None:
    project = _read(tmp_path, kind, SELFEVAL, SELFEVAL_MERGES).projects()[0]
    assert (project.budget_initial, project.budget_adjusted) == (Decimal("28.1"), Decimal(30))
    a = project.amounts
    assert (a.total, a.fiscal, a.other) == (30, 30, 0)  # the 全年预算数 column, its 其中 lines adding up


def test_the_start_of_year_budget_when_no_full_year_budget_is_printed(tmp_path: Path) -> None:
    rows = [[v for k, v in enumerate(row) if k != 4] for row in SELFEVAL]  # no 全年预算数 column
    project = _read(tmp_path, "csv", rows, []).projects()[0]
    assert project.amounts.total == Decimal("28.1")


def test_sources_that_do_not_add_up_are_left_unsaid(tmp_path: Path) -> None:
    rows = [list(r) for r in SELFEVAL]
    rows[6] = [N, "上年结转资金", N, "0", "5", "5", "—", N, "—"]  # a line the model has no field for
    rows[5] = [N, "其中:当年财政拨款", N, "28.1", "25", "25", "—", N, "—"]
    a = _read(tmp_path, "csv", rows, []).projects()[0].amounts
    assert (a.total, a.fiscal, a.other) == (30, None, None)


def test_a_budget_of_zero_gives_no_total(tmp_path: Path) -> None:
    rows = [list(r) for r in SELFEVAL]
    rows[4] = [N, "年度资金总额", N, "0", "0", "0", "10", "0", "0"]
    assert _read(tmp_path, "csv", rows, []).projects()[0].amounts.total is None


def test_a_selfeval_without_a_goal_is_said_by_c01_not_a04(tmp_path: Path) -> None:
    rows = [list(r) for r in SELFEVAL]
    rows[8] = [N, N, N, N, N, "已完成设备采购并投入使用。", N, N, N]
    codes = {i.code for i in check_table(_read(tmp_path, "csv", rows, []))}
    assert "PG-C01" in codes and "PG-A04" not in codes


def test_a_row_spanning_levels_names_and_values_is_the_total_row(tmp_path: Path) -> None:
    project = _read(tmp_path, "xlsx", SELFEVAL, SELFEVAL_MERGES).projects()[0]
    assert [i.name for i in project.indicators] == ["采购康复设备", "特殊教育资源", "家长满意度"]
    assert project.total_score == 100
    assert not [i for i in check_table(read_table(xlsx_file(tmp_path / "b.xlsx", SELFEVAL, SELFEVAL_MERGES)))
                if i.code in ("PG-E07", "PG-S03", "PG-S04")]


REGION = [
    ["2018年度专项资金区域绩效目标表", N, N, N, N, N, N],
    ["专项名称", "学生资助补助经费", N, N, N, N, N],
    ["中央主管部门", "财政部、教育部", N, N, N, N, N],
    ["总体目标", "目标1：中等职业教育各项国家资助政策按规定得到落实。", N, N, "已实施情况:", N, N],
    [N, N, N, N, "未实施情况及原因:", N, N],
    ["绩效指标", "一级目标", "二级指标", "三级指标", "指标值", "实际完成值", "未达到指标值原因"],
    [N, "产出指标", "数量指标", "国家助学金应受助学生数", "100%", N, N],
    [N, N, "质量指标", "资助资金发放准确率", "100%", N, N],
]
REGION_MERGES = ["A1:G1", "B2:G2", "B3:G3", "A4:A5", "B4:D5", "E4:G4", "E5:G5", "A6:A8", "B7:B8"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_level_columns_headed_as_targets_and_a_goal_beside_its_block_label(tmp_path: Path, kind: str) -> None:
    project = _read(tmp_path, kind, REGION, REGION_MERGES).projects()[0]
    assert [(i.level1, i.level2) for i in project.indicators] == [("产出指标", "数量指标"), ("产出指标", "质量指标")]
    assert project.goal == "目标1：中等职业教育各项国家资助政策按规定得到落实。"
    assert field_of("一级目标") == "level1" and field_of("二级目标") == "level2"


def test_budget_columns_as_departments_and_regions_print_them() -> None:
    assert field_of("年初预算资金总额:") == "budget_initial"
    assert field_of("实际投入资金额") == field_of("转移支付执行数(B)") == "budget_executed"
    assert field_of("转移支付预算数(A)") == "budget_adjusted"


def test_ticked_choices_either_side_of_the_box() -> None:
    assert ticked_choices("填报类型：整体□ 区域√ 项目□") == ["区域"]
    assert ticked_choices("☑项目 □整体") == ["项目"]
    assert ticked_choices("整体√区域□项目□") == ["整体"]
    assert ticked_choices("1、常年性 2、延续性□") == []
    assert ticked_choices("□" * 100000) == []


TICKED = [
    ["2021年中央对地方专项转移支付区域绩效目标自评表", N, N, N, N, N],
    ["填报类型:整体□ 区域√ 项目□", N, N, N, N, N],
    ["单位名称", "某市市场监督管理局分局", N, "联系人及电话", "张三,13800000000", N],
    ["预算执行情况(万元)", "转移支付预算数(A)", "5.8万", N, "预算执行率(B/A)", "100%"],
    [N, "转移支付执行数(B)", "5.8万", N, N, N],
    ["年度目标完成情况", "预期目标", N, N, "目标实际完成情况", N],
    [N, "目标1:完成两品一械抽检工作", N, N, "目标1:配合完成抽检148个批次", N],
    ["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "指标值", "完成值"],
    [N, "产出指标", "数量指标", "药品抽验品种", "≥3", "4"],
    [N, N, "质量指标", "药品抽检完成率", "100%", "100%"],
]
TICKED_MERGES = ["A1:F1", "A2:F2", "B3:C3", "E3:F3", "A4:A5", "C4:D4", "E4:E5", "F4:F5", "C5:D5", "A6:A7",
                 "B6:D6", "E6:F6", "B7:D7", "E7:F7", "A8:A10", "B9:B10"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_table_ticked_as_a_regions_is_no_department_table(tmp_path: Path, kind: str) -> None:
    table = _read(tmp_path, kind, TICKED, TICKED_MERGES)
    assert table.kind == "project"
    project = table.projects()[0]
    assert (project.budget_adjusted, project.budget_executed) == (Decimal("5.8"), Decimal("5.8"))
    assert project.budget_block.get("rate") == "100%"


def test_a_total_score_written_in_one_cell(tmp_path: Path) -> None:
    rows = [list(r) for r in SELFEVAL]
    rows[1] = ["项目名称", "特殊教育补助资金", N, N, N, N, "自评总分:95", N, N]
    rows[13] = [N] * 9  # no 总分 row at the foot
    assert _read(tmp_path, "csv", rows, []).projects()[0].total_score == 95
