"""A block laid out in columns: a row of labels over a row of their values (项目名称 | 主管部门 over 某项目
| 某局), in a 自评表, a 部门整体 table and a 申报表's amounts. Found by the corpus variation 标签在上值在下,
which lost 273 fields of 82 real tables (115 false findings): the 自评表 and department readers took a
label's value only from its right, and a project's table headed so was read as a department's.
Each built as a workbook and as a CSV."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None
SELFEVAL_GRID = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "资助学生人数", "≥30人", "32人", "50", "50"],
    ["效益指标", "社会效益指标", "特殊教育入学率", "≥95%", "97%", "30", "30"],
    ["满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "95%", "10", "10"],
]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_selfeval_block_of_labels_over_values(tmp_path: Path, kind: str) -> None:
    rows = [["转移支付(项目)名称", N, N, N, N, N, N], ["特殊教育补助资金", N, N, N, N, N, N],
            ["市级主管部门", N, N, "实施单位", N, N, N], ["某市教育体育局", N, N, "某县特殊教育学校", N, N, N],
            ["项目资金（万元）", N, "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"],
            [N, "年度资金总额", "28.1", "28.1", "28.1", "100%", "10"],
            ["年度总体目标", "年初设定目标", N, N, "全年实际完成情况", N, N],
            [N, "资助特殊教育学生。", N, N, "已资助特殊教育学生32人。", N, N], *SELFEVAL_GRID]
    merges = ["A1:G1", "A2:G2", "A3:C3", "D3:G3", "A4:C4", "D4:G4", "A5:B5", "A7:A8", "B7:D7", "E7:G7",
              "B8:D8", "E8:G8"]
    table = read_table(held_file(tmp_path, kind, rows, merges))
    assert table.kind == "project"
    [project] = table.projects()
    assert (project.name, table.department, project.implementer) == ("特殊教育补助资金", "某市教育体育局", "某县特殊教育学校")
    assert project.budget_executed == Decimal("28.1")
    assert not [f for f in check_table(table) if f.code == "PG-S01"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_department_block_of_labels_over_values(tmp_path: Path, kind: str) -> None:
    rows = [["部门整体支出绩效目标表", N, N, N], ["部门名称", N, "联系电话", N], ["某区实验中学", N, "0734-1234567", N],
            ["年度预算申请（万元）", N, "资金总额:704", N],
            ["整体绩效目标", "完成义务教育教学任务，保障学校正常运转。", N, N],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "在校学生人数", "≥1200人"],
            ["效益指标", "社会效益指标", "义务教育巩固率", "≥99%"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:D1", "A2:B2", "C2:D2", "A3:B3", "C3:D3", "A4:B4",
                                                        "C4:D4", "B5:D5"]))
    assert table.kind == "department"
    assert (table.plan.name, table.plan.phone) == ("某区实验中学", "0734-1234567")
    assert not [f for f in check_table(table) if f.code == "PG-S01"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_forms_amount_label_over_its_amount(tmp_path: Path, kind: str) -> None:
    rows = [["项目名称", "畜禽粪污资源化利用整县推进项目", N, N], ["主管部门", "某区农业农村委员会", N, N],
            ["年度资金总额", N, N, N], ["2350", N, N, N],
            ["年度目标", "完成畜禽粪污资源化利用整县推进。", N, N],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "改造养殖场数量", "≥20个"],
            ["效益指标", "生态效益指标", "粪污综合利用率", "≥90%"]]
    table = read_table(held_file(tmp_path, kind, rows, ["B1:D1", "B2:D2", "B5:D5"]))
    [project] = table.projects()
    assert project.amounts.total == Decimal("2350")  # a label alone over its amount
