"""Column headers as budget systems and provinces print them (issue 18 item 4).

A provincial budget system (the 预算管理一体化 performance module, 2016 config of a public
repository: ``perf_t_impexpsub``, template ``selfprogram`` 自评指标（项目支出）) heads its 自评 sheet
with instructions inside the labels: ``*分值 数量(20)、质量(10)…`` (a label, a space, what it
means) and ``*指标得分（定量系统自动计算，定性必填，所填值为原指标得分，不包含扣减分数。）`` (over 40
characters). Both are headers; the weight column was dropped, unread.

Provinces word the same columns their own ways (项目全称, 中期指标值, 年度绩效指标值, 指标单位,
实际达到值, 考核得分 …): one vocabulary knows them, and a header that is a word already
(实际完成) still takes the end a PDF wrapped onto the row below it (实际完成 over 值).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from department_fixtures import department_selfeval_xlsx

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import (
    department_label_of,
    field_of,
    form_label_of,
    header_sized,
)

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
    # the space lost where a PDF's wrapped header was joined again: a weight label and its parts' points
    ("*分值数量(20)、质量(10)、时效(10)、成本(10)、效益(30)、满意度(10)", "weight"),
    ("其他费用(12)、桥梁(3)", None),  # (no weight or score label before the list)
])
def test_a_label_explained_after_a_space_is_the_label(text: str, field: str | None) -> None:
    assert field_of(text) == field


def test_a_long_cell_is_a_header_only_when_its_label_is_known() -> None:
    assert header_sized("*指标得分（定量系统自动计算，定性必填，所填值为原指标得分，不包含扣减分数。）")
    long_text = "本项目通过开展职业技能培训，提升从业人员技能水平，全年培训200人次以上，合格率达到95%以上。"
    assert len(long_text) > 40 and not header_sized(long_text)


@pytest.mark.parametrize(("text", "field"), [
    ("项目全称", "project"), ("预算项目名称", "project"), ("专项资金名称", "project"),
    ("中期指标值", "period_value"), ("实施期目标值", "period_value"), ("项目期指标值", "period_value"),
    ("年度绩效指标值", "annual_value"), ("计划目标值", "value"), ("目标指标值", "value"),
    ("指标单位", "measure_unit"), ("指标值单位", "measure_unit"), ("指标值性质", "nature"),
    ("满分值", "weight"), ("考核得分", "score"), ("单位自评得分", "score"), ("自评分数", "score"),
    ("实际完成", "actual_value"), ("实际达到值", "actual_value"), ("指标实际值", "actual_value"),
])
def test_provincial_header_wordings(text: str, field: str) -> None:
    assert field_of(text) == field


def test_a_long_sheet_headed_in_provincial_words(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["项目全称", "一级指标", "二级指标", "三级指标名称", "指标值性质", "中期指标值", "年度绩效指标值",
                  "指标单位"])
    sheet.append(["农村公路养护项目", "产出指标", "数量指标", "养护里程", "定量", "≥360", "≥120", "公里"])
    sheet.append(["农村公路养护项目", "效益指标", "社会效益指标", "群众出行条件", "定性", "明显改善", "逐步改善", ""])
    book.save(tmp_path / "t.xlsx")
    (project,) = read_table(tmp_path / "t.xlsx").projects()
    assert project.name == "农村公路养护项目"
    got = [(i.level2, i.name, i.nature, i.period_value.raw, i.annual_value.raw) for i in project.indicators]
    assert got == [("数量指标", "养护里程", "定量", "≥360公里", "≥120公里"),
                   ("社会效益指标", "群众出行条件", "定性", "明显改善", "逐步改善")]


def test_a_header_word_wrapped_onto_the_row_below(tmp_path: Path) -> None:
    """A 自评表 header cut into two rows (a PDF's wrapped cells, read back): 实际完成 is a header word
    by itself, and still takes its end 值 from below, as 一级指 takes 标."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["专项资金绩效自评表"], ["专项名称", "基本业务费"],
                ["一级指", "二级指标", "三级指标", "年度指标", "实际完成", "指标分", "自评得分", "偏差原因分"],
                ["标", "", "", "值", "值", "值", "", "析及改进措施"],
                ["产出指标", "数量指标", "人员覆盖率", "100%", "100", "15", "15", "无偏差"],
                ["产出指标", "质量指标", "管理制度健全性", "100%", "100", "15", "15", ""]):
        sheet.append(row)
    book.save(tmp_path / "t.xlsx")
    (project,) = read_table(tmp_path / "t.xlsx").projects()
    assert project.name == "基本业务费"
    got = [(i.level1, i.name, i.annual_value.raw, i.actual_value.raw if i.actual_value else None, i.weight, i.score)
           for i in project.indicators]
    assert got == [("产出指标", "人员覆盖率", "100%", "100", 15.0, 15.0),
                   ("产出指标", "管理制度健全性", "100%", "100", 15.0, 15.0)]


def test_a_department_selfeval_grid_headed_as_the_budget_system_prints_it(tmp_path: Path) -> None:
    """The same long headers over a 部门整体 自评表's indicator grid (its own reader, its own vocabulary)."""
    path = department_selfeval_xlsx(tmp_path / "自评.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert (sheet["F9"].value, sheet["G9"].value) == ("分值", "得分")
    sheet["F9"], sheet["G9"] = SELF_HEADER[7], SELF_HEADER[8]
    book.save(path)
    table = read_table(path)
    assert table.kind == "department"
    assert [(i.name, i.weight, i.score) for i in table.plan.indicators] == [
        ("健康档案建档率", 30, 30), ("项目完成时间", 20, 20), ("传染病报告及时率", 20, 15), ("居民满意度", 20, 20)]


def test_a_scoring_sheet_headed_on_two_rows_with_a_long_weight_label(tmp_path: Path) -> None:
    """A saved web page: 绩效指标 spanning 一级 | 二级 | 三级 below it, the weight label (long) and the
    others spanning both rows — still the grid's header row pair, and the sheet (judging a department by
    its own criteria) a department's."""
    page = tmp_path / "t.html"
    page.write_text(
        '<html><head><meta charset="utf-8"></head><body><p>某县总工会2020年度部门决算</p><table border="1">'
        '<tr><td colspan="3">绩效指标</td><td rowspan="2">' + SELF_HEADER[7] + '</td><td rowspan="2">指标解释</td>'
        '<td rowspan="2">计分标准</td><td rowspan="2">自评<br>得分</td><td rowspan="2">备注</td></tr>'
        "<tr><td>一级<br>指标</td><td>二级<br>指标</td><td>三级<br>指标</td></tr>"
        '<tr><td rowspan="2">部门预算管理(80分)</td><td rowspan="2">预算编制(30分)</td><td>目标制定</td><td>10</td>'
        "<td>评价部门绩效目标是否要素完整</td><td>绩效目标编制要素完整得10分</td><td>9</td><td></td></tr>"
        "<tr><td>编制准确</td><td>10</td><td>评价部门年初预算编制是否准确</td><td>指标得分=1-10×部门预算偏离率</td>"
        "<td>9.8</td><td></td></tr></table></body></html>", encoding="utf-8")
    table = read_table(page)
    assert table.kind == "department"
    assert [(i.level1, i.name, i.weight, i.score) for i in table.plan.indicators] == [
        ("部门预算管理", "目标制定", 10, 9), ("部门预算管理", "编制准确", 10, 9.8)]


@pytest.mark.parametrize(("text", "field"), [
    ("项目全称", "project"), ("预算项目名称", "project"), ("项目期限", "term"), ("实施期限", "term"),
    ("申请金额", "total"), ("本年度申请金额（万元）", "total"),
])
def test_provincial_form_labels(text: str, field: str) -> None:
    assert form_label_of(text)[0] == field


@pytest.mark.parametrize(("text", "field"), [("部门年度预算", "section"), ("年度履职目标", "goal")])
def test_provincial_department_labels(text: str, field: str) -> None:
    assert department_label_of(text)[0] == field
