"""Page text above a PDF's table, a paragraph wrapped at the right edge (containers/pdf_pages.unwrapped).

A 自评表 published on a web page with its header block written as paragraphs above the table
(转移支付(项目)名称：… ⏎ 中央主管部门：… ⏎ 地方主管部门：… 资金使用单位：…), printed to PDF: the last
paragraph wraps at the page's right edge, in the middle of the unit's name. Read as two lines, the
unit was lost (``资金使用单位：淮`` ⏎ ``南市田家庵区…``). A line reaching the right edge, followed at the
line pitch by one starting no further right and printed as large, goes on it.
"""

from __future__ import annotations

from pathlib import Path

from pdf_fixtures import print_pages

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers.pdf_pages import unwrapped

UNIT = "淮南市田家庵区人力资源和社会保障局"
PAGE = f"""<html><head><meta charset="utf-8"></head><body>
<p>就业补助资金绩效自评表</p><p>(2024年度)</p>
<p>转移支付(项目)名称：就业补助资金</p>
<p>中央主管部门：人力资源社会保障部</p>
<p>地方主管部门：安徽省人力资源和社会保障厅 淮南市人力资源和社会保障局　资金使用单位：{UNIT}</p>
<table border="1">
<tr><td rowspan="2">资金投入情况(万元)</td><td></td><td>全年预算数(A)</td><td>全年执行数(B)</td><td>预算执行率(B/A×100%)</td></tr>
<tr><td>年度资金总额:</td><td>808.1</td><td>692.98</td><td>86%</td></tr>
<tr><td rowspan="2">年度总体目标</td><td colspan="2">预期目标</td><td colspan="2">实际完成情况</td></tr>
<tr><td colspan="2">发放就业补助，促进就业</td><td colspan="2">全年发放就业补助692.98万元</td></tr>
<tr><td rowspan="3">绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td>
<td>全年实际值</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>职业培训补贴人次</td><td>≥1000人次</td><td>1120人次</td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>城镇新增就业人数</td><td>≥5000人</td><td>5230人</td></tr>
</table></body></html>"""


def test_a_paragraph_wrapped_above_the_table_is_one_line(tmp_path: Path) -> None:
    pdf = print_pages({"selfeval": PAGE}, tmp_path)["selfeval"]
    table = read_table(pdf)
    (project,) = table.projects()
    assert project.name == "就业补助资金"
    assert project.implementer == UNIT and [unit.name for unit in table.units] == [UNIT]
    assert [(i.name, i.annual_value.raw) for i in project.indicators] == [
        ("职业培训补贴人次", "≥1000人次"), ("城镇新增就业人数", "≥5000人")]


def _line(text: str, x0: float, x1: float, top: float, size: float = 12.0) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + size}


def test_only_a_line_reaching_the_edge_at_the_line_pitch_goes_on() -> None:
    right = 567.0
    lines = [_line("项目支出绩效自评表", 200, 380, 30, 16),  # a title, larger, centred
             _line("部门名称：某局", 57, 141, 52),  # short: ends far from the edge
             _line("地方主管部门：某厅 资金使用单位：淮", 57, 564, 80),  # wrapped at the edge
             _line("南市某局", 57, 105, 100),  # at the line pitch: goes on
             _line("联系人：张三", 57, 129, 130)]  # a new paragraph, after its spacing
    assert unwrapped(lines, right) == ["项目支出绩效自评表", "部门名称：某局", "地方主管部门：某厅 资金使用单位：淮南市某局",
                                       "联系人：张三"]
    # a Latin paragraph goes on after a space; a line starting further right (centred) stands alone
    assert unwrapped([_line("Budget unit: Huainan", 57, 560, 80), _line("Bureau", 57, 90, 98)], right) == [
        "Budget unit: Huainan Bureau"]
    assert unwrapped([_line("地方主管部门：某厅", 57, 564, 80), _line("(2024年度)", 260, 330, 98)], right) == [
        "地方主管部门：某厅", "(2024年度)"]
