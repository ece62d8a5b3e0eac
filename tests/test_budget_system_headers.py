"""Column headers as a budget system's import/export sheets print them (issue 18 item 4).

A provincial budget system (the 预算管理一体化 performance module, 2016 config of a public
repository: ``perf_t_impexpsub``, template ``selfprogram`` 自评指标（项目支出）) heads its 自评 sheet
with instructions inside the labels: ``*分值 数量(20)、质量(10)…`` (a label, a space, what it
means) and ``*指标得分（定量系统自动计算，定性必填，所填值为原指标得分，不包含扣减分数。）`` (over 40
characters). Both are headers; the weight column was dropped, unread.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import field_of, header_sized

#: The template's columns, in its order (the unit after the actual value, as the system prints it).
SELF_HEADER = [
    "一级指标", "二级指标", "三级指标名称", "计算符号", "指标值",
    "*实际完成值（定量填数字，定性填达成、部分达成、未达成）", "计量单位",
    "*分值 数量(20)、质量(10)、时效(10)、成本(10)、效益(30)、满意度(10)",
    "*指标得分（定量系统自动计算，定性必填，所填值为原指标得分，不包含扣减分数。）", "扣减分数",
    "完成情况简要描述（定量选填，定性必填）", "偏差原因及改进措施（指标未完成时必填）",
]
ROWS = [
    ["产出指标", "数量指标", "培训人次", "≥", "200", "215", "人次", 20, 20, 0, "", ""],
    ["产出指标", "质量指标", "培训合格率", "≥", "95", "98", "%", 10, 10, 0, "", ""],
    ["产出指标", "时效指标", "完成时间", "≤", "12", "12", "月", 10, 10, 0, "", ""],
    ["产出指标", "成本指标", "人均培训成本", "≤", "500", "480", "元", 10, 10, 0, "", ""],
    ["效益指标", "社会效益指标", "从业人员技能提升", "定性", "显著提升", "达成", "", 30, 28, 0,
     "技能整体提升", "部分学员未参加考核"],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥", "90", "93", "%", 10, 10, 0, "", ""],
]


def _sheet(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2023年度职业技能培训项目绩效自评表"])
    sheet.append(SELF_HEADER)
    for row in ROWS:
        sheet.append(row)
    book.save(path)
    return path


def test_budget_system_selfeval_sheet_reads_weights_scores_and_actuals(tmp_path: Path) -> None:
    table = read_table(_sheet(tmp_path / "自评指标.xlsx"))
    (project,) = table.projects()
    assert project.name == "职业技能培训项目"  # (the year of a title is the table's)
    got = [(i.name, i.annual_value.raw, i.actual_value.raw if i.actual_value else None, i.weight, i.score)
           for i in project.indicators]
    assert got == [
        ("培训人次", "≥200人次", "215", 20.0, 20.0),
        ("培训合格率", "≥95%", "98", 10.0, 10.0),
        ("完成时间", "≤12月", "12", 10.0, 10.0),
        ("人均培训成本", "≤500元", "480", 10.0, 10.0),
        ("从业人员技能提升", "显著提升", "达成", 30.0, 28.0),
        ("学员满意度", "≥90%", "93", 10.0, 10.0),
    ]
    assert project.indicators[4].deviation_reason == "部分学员未参加考核"
    assert project.indicators[4].extras["完成情况简要描述"] == "技能整体提升"


@pytest.mark.parametrize(("text", "field"), [
    ("*分值 数量(20)、质量(10)、时效(10)、成本(10)、效益(30)、满意度(10)", "weight"),
    ("分值 数量(20)", "weight"),
    ("*指标得分（定量系统自动计算，定性必填，所填值为原指标得分，不包含扣减分数。）", "score"),
    # a number after a label is its value, a numbered text a value: no header
    ("权重 30%", None),
    ("项目 （一）基础设施", None),
    # spaces inside a label stay nothing
    ("年度 指标值", "annual_value"),
])
def test_a_label_explained_after_a_space_is_the_label(text: str, field: str | None) -> None:
    assert field_of(text) == field


def test_a_long_cell_is_a_header_only_when_its_label_is_known() -> None:
    assert header_sized("*指标得分（定量系统自动计算，定性必填，所填值为原指标得分，不包含扣减分数。）")
    long_text = "本项目通过开展职业技能培训，提升从业人员技能水平，全年培训200人次以上，合格率达到95%以上。"
    assert len(long_text) > 40 and not header_sized(long_text)
