"""A target merged down over two indicators of one group, in a file that lost its merges
(``sources/merged_values``). The published table shares one 指标值 (and 实际完成值) between two rows; a
CSV or a table pasted as text prints it on the first row only, the second row blank — just as it
prints a target the table left out. Read so, PG-S05 said 年度指标值为空 as an error on a table that
lacks nothing (黄石 共享工程 自评表 saved as CSV, the last false error finding on the corpus). The
reader now reads the blank as printed, marks the row and says so; PG-S05 reports it as a warning.
A blank the row cannot share (its own 分值 over items that carry the targets, a new group, a row not
right under a target) stays an error; a workbook keeping its merges gives both rows the target."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.model import PerfTable
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None

SELFEVAL_TOP = [
    ["项目支出绩效自评表", N, N, N, N, N, N],
    ["项目名称", "公共数字文化共享工程", N, "主管部门", "某市文化和旅游局", N, N],
    ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "50", "50", "50", "10", "100%", "10"],
    ["年度总体目标", "建成数字资源共享平台，服务读者。", N, N, N, N, N],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
]
#: 社会效益指标's two indicators share one 指标值 and 实际完成值 (rows 8-9 of the sheet: merged D8:D9, E8:E9).
SELFEVAL_GRID = [
    ["产出指标", "数量指标", "数字资源存储量", "≥25TB", "25TB", "40", "40"],
    ["效益指标", "社会效益指标", "方便读者查阅", "资源可查询至省图", "资源可查询至省图", "20", "20"],
    [N, N, "丰富市民文化活动", N, N, "20", "20"],
    ["满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "95%", "10", "10"],
]
SELFEVAL_MERGES = ["A8:A9", "B8:B9", "D8:D9", "E8:E9"]


def _indicators(table: PerfTable) -> list:
    return [i for p in table.projects() for i in p.indicators]


def _s05(table: PerfTable) -> list[tuple[str, str]]:
    return [(f.severity, f.message) for f in check_table(table) if f.code == "PG-S05"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_target_shared_by_two_rows_is_no_error(tmp_path: Path, kind: str) -> None:
    table = read_table(held_file(tmp_path, kind, SELFEVAL_TOP + SELFEVAL_GRID, SELFEVAL_MERGES))
    shared = _indicators(table)[2]
    assert shared.name == "丰富市民文化活动"
    if kind == "xlsx":  # the merge kept: the row's own target, as the table prints it
        assert shared.annual_value.raw == "资源可查询至省图" and not shared.value_maybe_shared
        assert _s05(table) == []
        return
    assert shared.annual_value.raw == "" and shared.value_maybe_shared  # read as printed, and marked
    findings = _s05(table)
    assert findings and {severity for severity, _ in findings} == {"warning"}
    assert all("可能与上一条指标合并在同一格" in message for _, message in findings)
    hints = " ".join(f.message for f in check_table(table) if f.code == "PG-S11")
    assert "“丰富市民文化活动”没有指标值" in hints and "也可能是漏填" in hints
    assert not [f for f in check_table(table) if f.severity == "error" and f.code.startswith("PG-S")]


def _csv_table(tmp_path: Path, grid: list[list[object]]) -> PerfTable:
    return read_table(held_file(tmp_path, "csv", SELFEVAL_TOP + grid))


def test_a_sub_heading_with_its_own_weight_is_no_shared_target(tmp_path: Path) -> None:
    """★补助各类瓜果蔬菜种植面积 | | | 10 over items carrying the targets (萧县 杨楼 自评表): its 分值 is
    its own, the row above has none — no cell merged down; its blank target stays an error."""
    grid = [
        ["产出指标", "数量指标", "红薯种植面积", "5.5亩", "5.5亩", N, N],
        [N, N, "★补助各类瓜果蔬菜种植面积", N, N, "10", "10"],
        [N, N, "梨树种植面积", "6亩", "6亩", N, N],
        ["满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "95%", "10", "10"],
    ]
    table = _csv_table(tmp_path, grid)
    heading = _indicators(table)[1]
    assert heading.name == "★补助各类瓜果蔬菜种植面积" and not heading.value_maybe_shared
    assert ("error", "指标2“★补助各类瓜果蔬菜种植面积”的年度指标值为空（空白）") in _s05(table)


def test_a_blank_target_opening_a_group_stays_an_error(tmp_path: Path) -> None:
    """The blank row names its own 二级指标: it starts a group, nothing of the one above goes on."""
    grid = [
        ["产出指标", "数量指标", "数字资源存储量", "≥25TB", "25TB", "40", "40"],
        [N, "质量指标", "资源可用率", N, N, "20", "20"],
        ["满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "95%", "10", "10"],
    ]
    table = _csv_table(tmp_path, grid)
    assert not _indicators(table)[1].value_maybe_shared
    assert {severity for severity, _ in _s05(table)} == {"error"}


def test_a_blank_target_under_a_blank_target_stays_an_error(tmp_path: Path) -> None:
    """Only the row right under a target may share it: under a row that has none, the blank is a blank."""
    grid = [
        ["产出指标", "数量指标", "数字资源存储量", "≥25TB", "25TB", "40", "40"],
        [N, N, "药品抽验平均标准", N, N, N, N],
        [N, N, "化妆品抽验平均标准", N, N, N, N],
        ["满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "95%", "10", "10"],
    ]
    table = _csv_table(tmp_path, grid)
    marked = [i.value_maybe_shared for i in _indicators(table)]
    assert marked == [False, True, False, False]
    severities = {(severity, "药品" in message) for severity, message in _s05(table)}
    assert severities == {("warning", True), ("error", False)}


FORM_TOP = [
    ["项目支出绩效目标申报表", N, N, N, N],
    ["项目名称", "公共数字文化共享工程", "主管部门", "某市文化和旅游局", N],
    ["年度资金总额", "50", "其中：财政拨款", "50", N],
    ["年度绩效目标", "建成数字资源共享平台，服务读者。", N, N, N],
    ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
]


def test_a_form_grid_reads_the_same(tmp_path: Path) -> None:
    """The 申报表's indicator grid (form layout): the same rows, the same reading."""
    grid = [
        ["产出指标", "数量指标", "数字资源存储量", "≥25TB", N],
        ["效益指标", "社会效益指标", "方便读者查阅", "资源可查询至省图", N],
        [N, N, "丰富市民文化活动", N, N],
        ["满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", N],
    ]
    table = read_table(held_file(tmp_path, "csv", FORM_TOP + grid))
    assert [i.value_maybe_shared for i in _indicators(table)] == [False, False, True, False]
    assert {severity for severity, _ in _s05(table)} == {"warning"}


def test_a_department_grid_reads_the_same(tmp_path: Path) -> None:
    """A 部门整体 table's indicator grid (department layout): the same rows, the same reading."""
    rows = [["部门整体支出绩效目标表", N, N, N], ["部门名称", "某县人社局", N, N],
            ["年度绩效总目标", "完成全县职业技能培训任务。", N, N],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人次", "≥500人次"],
            [N, N, "培训班次", N],
            ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"]]
    table = read_table(held_file(tmp_path, "csv", rows))
    assert table.kind == "department"
    assert [i.value_maybe_shared for i in table.plan.indicators] == [False, True, False]
    assert {severity for severity, _ in _s05(table)} == {"warning"}
