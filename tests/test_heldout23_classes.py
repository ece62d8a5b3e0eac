"""Classes found by the twenty-third held-out round, built here as a workbook with its merges and the
CSV that loses them:

- the 河北 budget system's 项目支出绩效自评表 (一、基本情况 … 四、年度绩效指标完成情况): 预算数 | 到位数 |
  执行数 pairs with the rate under 预算执行进度(%); 年度预期目标 | 具体完成情况 over two rows of goals;
  预期指标值 over 符号 | <no header> | 单位(文字描述); 单项指标实际完成值;
- a 区域绩效目标表 grid whose value column is headed 区域目标值 (no place columns under it) — or mistyped
  区域目标质.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import csv_file, xlsx_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None
GOAL1, GOAL2 = "为百岁高龄老年人发放补贴。", "促进社会稳定文明和谐。"
HEBEI = [
    ["一、基本情况", "项目名称:", "百岁老人高龄津贴", N, N, "是否为专项资金:", N, "实施(主管)单位", N, "314002-某县民政局", N, N,
     "金额单位: 万元"],
    ["二、预算执行情况", "预算安排情况(调整后)", N, N, N, "资金到位情况", N, N, "资金执行情况", N, N, "预算执行进度(%)", N],
    [N, "预算数", N, "6.84", N, "到位数", N, "6.84", "执行数", N, "6.84", "100.00", N],
    [N, "其中:财政资金", N, "6.84", N, "其中:财政资金", N, "6.84", "其中:财政资金", N, "6.84", N, N],
    ["三、目标完成情况", "年度预期目标", N, N, N, N, "具体完成情况", N, N, N, N, "总体完成率(%)", N],
    [N, GOAL1, N, N, N, N, GOAL1, N, N, N, N, "100.00", N],
    [N, GOAL2, N, N, N, N, GOAL2, N, N, N, N, N, N],
    ["四、年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "指标分值", "预期指标值", N, N, "单项指标实际完成值",
     "单项指标完成情况", "自评得分", N, N],
    [N, N, N, N, N, "符号", N, "单位(文字描述)", N, N, "单项指标得分", "权重占比(%)", "单项指标折算得分"],
    [N, "产出指标", "质量指标", "申报对象覆盖率", "享受补贴人数占申报对象的比例", ">=", "98", "%", "100%", "完成", "25", "25",
     "6.25"],
    [N, N, "时效指标", "审批及时率", "每月及时完成审批的比例", ">=", "99", "%", "100%", "完成", "25", "25", "6.25"],
    [N, "满意度指标", "服务对象满意度指标", "服务对象满意度", "对象的满意程度", ">=", "95", "%", "100%", "完成", "10", "10",
     "1.00"],
]
HEBEI_MERGES = ["C1:E1", "H1:I1", "J1:L1", "A2:A4", "B2:E2", "F2:H2", "I2:K2", "L2:M2", "B3:C3", "D3:E3", "F3:G3",
                "I3:J3", "L3:M4", "B4:C4", "D4:E4", "F4:G4", "I4:J4", "A5:A7", "B5:F5", "G5:K5", "L5:M5", "B6:F6",
                "G6:K6", "L6:M7", "B7:F7", "G7:K7", "A8:A12", "B8:B9", "C8:C9", "D8:D9", "E8:E9", "F8:H8", "I8:I9",
                "J8:J9", "K8:M8", "B10:B11"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_hebei_budget_system_selfeval(tmp_path: Path, kind: str) -> None:
    """The form reads as a 自评表: its budget pairs and rate, the goals and what was achieved (two rows
    each, joined), the target as sign | number | unit under 预期指标值, the actual under 单项指标实际完成值."""
    path = csv_file(tmp_path / "自评.csv", HEBEI) if kind == "csv" else xlsx_file(tmp_path / "自评.xlsx", HEBEI,
                                                                                  HEBEI_MERGES)
    table = read_table(path)
    (project,) = table.projects()
    assert project.name == "百岁老人高龄津贴"
    assert (project.budget_adjusted, project.budget_executed) == (Decimal("6.84"), Decimal("6.84"))
    assert project.budget_block.get("rate") == "100.00"
    assert project.goal == f"{GOAL1}\n{GOAL2}" and project.actual_summary == f"{GOAL1}\n{GOAL2}"
    got = [(i.level1, i.level2, i.name, i.annual_value.raw, i.actual_value.raw if i.actual_value else None)
           for i in project.indicators]
    assert got == [("产出指标", "质量指标", "申报对象覆盖率", ">=98%", "100%"),
                   ("产出指标", "时效指标", "审批及时率", ">=99%", "100%"),
                   ("满意度指标", "服务对象满意度指标", "服务对象满意度", ">=95%", "100%")]
    assert not [i for i in check_table(table) if i.severity == "error" and i.code.startswith("PG-S")]


def _regional(value_header: str) -> list[list[object]]:
    return [
        ["项目名称", "基础教育质量提升", N, N, N],
        ["资金总额", 112, N, N, N],
        ["总体目标", "支持民族中小学办学条件改善，提升基础教育质量。", N, N, N],
        ["一级指标", "二级指标", "三级指标", value_header, N],
        ["产出指标", "数量指标", "支持民族中小学数量", "1所", N],
        ["效益指标", "社会效益指标", "办学条件", "有效改善", N],
    ]


@pytest.mark.parametrize("header", ["区域目标值", "区域目标质"])
def test_a_value_column_headed_for_the_region_is_the_value(tmp_path: Path, header: str) -> None:
    """区域目标值 with no place columns under it (or the same header mistyped 区域目标质) is the only column
    right of the name saying 目标: read as the value (no false PG-S05 “年度指标值为空”), with a 读取提示."""
    merges = ["B1:E1", "B2:E2", "B3:E3", "D4:E4", "D5:E5", "D6:E6"]
    table = read_table(xlsx_file(tmp_path / "目标.xlsx", _regional(header), merges))
    project = table.projects()[0]
    assert [i.annual_value.raw for i in project.indicators] == ["1所", "有效改善"]
    assert "PG-S05" not in {i.code for i in check_table(table)}
    assert any("目标" in p.message and header in p.message for p in table.problems if p.code == "S11")


def test_two_columns_saying_target_are_not_guessed(tmp_path: Path) -> None:
    """Two columns right of the name saying 目标 (区域目标质 | 年度目标说明): no value column is guessed."""
    rows = _regional("区域目标质")
    rows[3][4] = "年度目标说明"
    project = read_table(xlsx_file(tmp_path / "目标.xlsx", rows)).projects()[0]
    assert [i.annual_value.raw for i in project.indicators] == ["", ""]


@pytest.mark.parametrize("make", [xlsx_file, csv_file], ids=["xlsx", "csv"])
def test_a_long_table_with_its_target_under_a_target_header_reads_it_as_the_value(tmp_path: Path, make) -> None:  # noqa: ANN001
    """The same rule in a one-indicator-per-row table (项目名称 | 一级指标 | 二级指标 | 三级指标 | 预期目标): the one
    column right of the names saying 目标 holds the values — read so, said in a 读取提示, not read as an extra
    with every indicator's value empty (PG-S05 on each)."""
    rows = [["项目名称", "绩效目标", "一级指标", "二级指标", "三级指标", "预期目标"],
            ["乡村道路养护", "完成农村公路日常养护300公里，保障道路安全畅通。", "产出指标", "数量指标", "养护里程", "≥300公里"],
            ["乡村道路养护", "完成农村公路日常养护300公里，保障道路安全畅通。", "效益指标", "社会效益指标", "群众出行条件",
             "通行时间缩短10%"],
            ["乡村道路养护", "完成农村公路日常养护300公里，保障道路安全畅通。", "满意度指标", "服务对象满意度指标", "群众满意度",
             "≥95%"]]
    table = read_table(make(tmp_path / f"长表.{'xlsx' if make is xlsx_file else 'csv'}", rows))
    (project,) = table.projects()
    assert [i.annual_value.raw for i in project.indicators] == ["≥300公里", "通行时间缩短10%", "≥95%"]
    assert "PG-S05" not in {i.code for i in check_table(table)}
    assert any("预期目标" in p.message and "指标值" in p.message for p in table.problems if p.code == "S11")
