"""The detector (sources/detect.py) picks a layout per grid, never by file type; a workbook of
mixed sheets reads each sheet by its own layout and names the sheets that are not tables once."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from form_fixtures import form_88, write_cells

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.detect import detect, scores
from perfgoals_xl.sources.grid import Grid

LONG = [["部门名称：某某区教育局"], ["单位：万元"],
        ["项目名称", "预算数", "一级指标", "二级指标", "三级指标", "指标值"],
        ["校舍维修", 120, "产出指标", "数量指标", "维修面积", "≥2000平方米"],
        [None, None, "产出指标", "质量指标", "验收合格率", "100%"]]
SELFEVAL = [["项目支出绩效自评表"], ["项目名称", "校舍维修", "主管部门", "某某区教育局"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "维修面积", "≥2000平方米", "2100平方米", 10, 10]]


def test_each_grid_gets_its_layout() -> None:
    assert detect(Grid(sheet="表1", rows=LONG)) == "longform"
    assert detect(Grid(sheet="填报", rows=LONG)) == "entry"
    assert detect(Grid(sheet="自评", rows=SELFEVAL)) == "selfeval_form"
    cells, _ = form_88()
    rows = [[None] * 8 for _ in range(19)]
    merged = []
    for r, c, value, r2, c2 in cells:
        rows[r][c] = value
        if (r2, c2) != (r, c):
            merged.append((r, c, r2, c2))
    assert detect(Grid(sheet="表2", rows=rows, merged=merged)) == "form"
    assert detect(Grid(sheet="说明", rows=[["填表说明"], ["1. 金额单位为万元"]])) is None
    procurement = [["政府采购预算表"], ["项目名称", "采购品目", "采购数量", "金额"], ["办公设备购置", "台式计算机", 20, 10]]
    assert detect(Grid(sheet="采购", rows=procurement)) is None  # 项目名称 heads another kind of table
    # a long table carrying 自评 columns (实际完成值) stays long format: each row names its project
    long_selfeval = [row + ([("实际完成值" if i == 2 else None)] if i >= 2 else []) for i, row in enumerate(LONG)]
    assert set(scores(Grid(sheet="t", rows=long_selfeval))) >= {"longform", "selfeval_form"}
    assert detect(Grid(sheet="t", rows=long_selfeval)) == "longform"


def test_a_workbook_of_mixed_sheets(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes.append(["填表说明"])
    notes.append(["1. 金额单位为万元；2. 每个项目一张申报表"])
    long = wb.create_sheet("长表")
    for row in LONG:
        long.append(row)
    cells, expected = form_88()
    write_cells(wb.create_sheet("申报表"), cells)
    wb.create_sheet("Sheet3")  # empty: not worth naming
    path = tmp_path / "mixed.xlsx"
    wb.save(path)
    table = read_table(path)
    assert [p.name for p in table.projects()] == ["校舍维修", expected.name]
    assert table.projects()[1].field_locations["name"].sheet == "申报表"
    skipped = [p.message for p in table.problems if p.code == "S11" and "已跳过" in p.message]
    assert skipped == ["填表说明不是项目支出绩效目标表（没有项目名称、指标等表头），已跳过"]


def test_a_form_title_counts_above_the_project_label_only() -> None:
    """…绩效目标申报表 over a 项目名称 label makes the block a form (a copy cut before its grid); the
    same title printed under an allocation table (the next attachment's, kept as the table's last
    line by the PDF reader) does not make the allocation table one."""
    form = Grid(sheet="表1", rows=[["预算项目绩效目标申报表", None], ["项目名称", "某县水源地保护工作经费"],
                                   ["项目填报人", "李四"], ["专项长期绩效目标", "加强水源地保护。"]])
    assert "form" in scores(form)
    allocation = Grid(sheet="表1", rows=[["2022年某专项资金安排表", None, None], ["序号", "项目名称", "金额"],
                                         ["1", "某村排洪工程", "20"], ["2", "某村水渠工程", "30"],
                                         ["附件2", None, None], ["2022年某专项资金绩效目标表", None, None]])
    assert "form" not in scores(allocation)
