"""A 自评表 printed as two tables (a page break in the Word original; a saved page or Word file keeps
them apart): the first holds the key/value block — 项目名称, 主管单位, the money by source (中央 | 省、地 |
本级 | 其他 | 合计 | 执行数 | 执行率 over a row of numbers with no label) and the year's goal — and
alone looks like a 申报表 form; the second holds the indicator grid and names no project. Both are
the one 自评表 (as 湖北 county forms print it). Built as a saved page and as a Word file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import pytest

from perfgoals_xl.sources import read_table

HEAD = [
    ["项目名称", "乡村道路建设养护项目", "", "", "", "", "", ""],
    ["项目主管单位", "某市交通运输局", "", "项目实施单位", "某市交通运输局", "", "", ""],
    ["项目资金来源", "中央（万元）", "省、地（万元）", "本级（万元）", "其他（万元）", "合计（万元）", "执行数（万元）", "执行率"],
    ["", "120", "60", "129", "", "309", "303.82", "98.32%"],
    ["项目年度目标", "1.完成乡村道路建设养护里程300公里；2.农村公路验收合格率达到100%。", "", "", "", "", "", ""],
    ["单位领导审签：", "", "", "", "", "", "", ""],
]
GRID = [
    ["项目年度目标1：乡村道路建设养护项目", "", "", "", "", "", ""],
    ["一级指标", "二级指标", "指标名称（三级指标）", "年初指标值", "年终完成值", "自评分", "评价标准"],
    ["产出指标", "数量指标", "乡村道路建设养护里程", "300公里", "300公里", "40", "按完成比例计分"],
    ["效益指标", "社会效益指标", "群众出行条件", "明显改善", "明显改善", "35", "按完成程度计分"],
    ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "93%", "10", "按调查结果计分"],
]


def _html(path: Path) -> Path:
    def table(rows: list[list[str]]) -> str:
        return "<table border=1>" + "".join(
            "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows) + "</table>"
    path.write_text("<html><head><meta charset='utf-8'><title>自评表</title></head><body>"
                    "<p>某市财政预算支出项目绩效目标自评表</p>" + table(HEAD) + "<p>— 1 —</p>" + table(GRID)
                    + "</body></html>", encoding="utf-8")
    return path


def _docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("某市财政预算支出项目绩效目标自评表")
    for rows in (HEAD, GRID):
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.add_paragraph("")
    document.save(path)
    return path


@pytest.mark.parametrize("container", ["html", "docx"])
def test_the_head_table_and_the_nameless_grid_are_one_selfeval_form(tmp_path: Path, container: str) -> None:
    path = _html(tmp_path / "自评表.html") if container == "html" else _docx(tmp_path / "自评表.docx")
    table = read_table(path)
    projects = table.projects()
    assert [p.name for p in projects] == ["乡村道路建设养护项目"]
    project = projects[0]
    assert project.goal.startswith("1.完成乡村道路建设养护里程300公里")
    assert [i.name for i in project.indicators] == ["乡村道路建设养护里程", "群众出行条件", "沿线群众满意度"]
    assert project.indicators[0].actual_value.raw == "300公里"
    # the row of numbers under the sources: 合计 is the year's budget, 执行数 what was spent
    assert (project.budget_adjusted, project.budget_executed) == (Decimal(309), Decimal("303.82"))
    assert project.budget_block.get("rate") == "98.32%"
