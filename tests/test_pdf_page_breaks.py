"""Tables printed to PDF as Word and Writer print them: rows and merged cells cut by page breaks,
the part on the next page drawing fewer column lines, and department tables and 自评表 read by the
layout the detector picks (issue #18: any file gives grids, any grid is read by its layout).

The pages are saved web pages printed by LibreOffice Writer (its HTML import, as the corpus's
``printed.pdf``: one conversion for the module); without ``soffice`` the printed tests skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_fixtures import print_pages, soffice_or_skip

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers import pdf as pdf_container

LONG_NAME = "按照年度工作计划完成全市范围内农村饮水安全巩固提升工程的建设管理运行维护与水质检测任务" * 6
FILLER = 34  # short rows before the long one, so that it starts low on page 1


def _page(title: str, table: str) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<p>{title}</p><table border="1" cellspacing="0">{table}</table></body></html>')


def _cut_row_page() -> str:
    """A 长表 whose level-1 cell spans every row (cut by the page break) and one indicator whose
    name is long enough to be cut by it."""
    rows = ["<tr><td>项目名称</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"]
    count = FILLER + 1 + 6
    for n in range(FILLER):
        level = f'<td rowspan="{count}">产出指标</td>' if n == 0 else ""
        rows.append(f"<tr><td>某某项目</td>{level}<td>数量指标</td><td>指标{n + 1}</td><td>≥{n + 1}个</td></tr>")
    rows.append(f"<tr><td>某某项目</td><td>质量指标</td><td>{LONG_NAME}</td><td>100%</td></tr>")
    rows += [f"<tr><td>某某项目</td><td>时效指标</td><td>后续指标{k}</td><td>≤{k}天</td></tr>" for k in range(1, 7)]
    return _page("某某局项目支出绩效目标表", "".join(rows))


def _department_page() -> str:
    """A 部门整体支出绩效目标表: a key/value block and an indicator grid, no project column."""
    body = ("<tr><td>部门(单位)名称</td><td colspan=\"2\">某某县农业农村局</td><td>支出预算总量</td><td>1250.5</td></tr>"
            "<tr><td>当年整体绩效目标</td><td colspan=\"4\">保障全县农业生产稳定发展</td></tr>"
            "<tr><td>绩效指标</td><td>指标名称</td><td>指标权重</td><td>计量单位</td><td>指标值</td></tr>"
            "<tr><td rowspan=\"3\"></td><td>预算执行率</td><td>20</td><td>%</td><td>100</td></tr>"
            "<tr><td>耕地保有量</td><td>40</td><td>万亩</td><td>56</td></tr>"
            "<tr><td>服务对象满意度</td><td>40</td><td>%</td><td>95</td></tr>")
    return _page("2024年部门(单位)整体绩效目标表", body)


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    soffice_or_skip()
    return print_pages({"cut": _cut_row_page(), "department": _department_page()},
                       tmp_path_factory.mktemp("pagebreaks"))


def test_a_row_cut_by_the_page_break_is_one_row_again(printed) -> None:
    (grid,) = pdf_container.load_grids(printed["cut"])
    pages = {grid.locate(r, 0)[0] for r in range(len(grid.rows))}
    assert len(pages) >= 2, "the long row must be cut by the page break"
    names = [row[3] for row in grid.rows if len(row) > 3]
    assert LONG_NAME in names  # whole, its two parts joined
    assert not any(name and name != LONG_NAME and LONG_NAME.endswith(name) for name in names)
    table = read_table(printed["cut"])
    (project,) = table.projects()
    assert [i.name for i in project.indicators] == (
        [f"指标{n + 1}" for n in range(FILLER)] + [LONG_NAME] + [f"后续指标{k}" for k in range(1, 7)])
    # the level-1 cell cut by the page break gives its level to the rows on page 2 too
    assert {i.level1 for i in project.indicators} == {"产出指标"}
    assert project.indicators[-1].location.sheet != "第1页"


def test_a_department_table_printed_to_pdf_is_read_as_one(printed) -> None:
    table = read_table(printed["department"])
    assert table.kind == "department" and table.plan is not None
    assert [i.name for i in table.plan.indicators] == ["预算执行率", "耕地保有量", "服务对象满意度"]
    assert "保障全县农业生产稳定发展" in (table.plan.goal or "")


@pytest.mark.parametrize(("before", "after", "expected"), [
    ((10.0, 50.0, 90.0, 130.0), (10.0, 50.0, 90.0, 130.0), ((10.0, 50.0, 90.0, 130.0), [0, 1, 2, 3], [0, 1, 2, 3])),
    # fewer lines drawn on the next page
    ((10.0, 30.0, 50.0, 90.0, 110.0, 130.0), (10.0, 50.0, 90.0, 130.0),
     ((10.0, 30.0, 50.0, 90.0, 110.0, 130.0), [0, 1, 2, 3, 4, 5], [0, 2, 3, 5])),
    # within the tolerance (pdfplumber moves a line by up to 3 points when it snaps it to another)
    ((10.0, 50.0, 90.0, 130.0), (10.5, 47.4, 90.9, 129.6), ((10.0, 50.0, 90.0, 130.0), [0, 1, 2, 3], [0, 1, 2, 3])),
    # each page draws lines the other did not: the grid takes them all
    ((10.0, 50.0, 90.0, 130.0), (10.0, 70.0, 130.0), ((10.0, 50.0, 70.0, 90.0, 130.0), [0, 1, 3, 4], [0, 2, 4])),
    ((10.0, 50.0, 130.0), (10.0, 50.0, 90.0, 130.0), ((10.0, 50.0, 90.0, 130.0), [0, 1, 3], [0, 1, 2, 3])),
    ((10.0, 50.0, 90.0, 130.0), (10.0, 50.0, 90.0, 150.0), None),  # another right edge
    ((10.0, 50.0, 90.0, 130.0), (30.0, 50.0, 90.0, 130.0), None),  # another left edge
    # the leftmost columns undrawn (merged cells cut by the page break, no rule at the page's top)
    ((10.0, 50.0, 90.0, 130.0), (50.0, 90.0, 130.0), ((10.0, 50.0, 90.0, 130.0), [0, 1, 2, 3], [1, 2, 3])),
    ((10.0, 50.0, 90.0, 130.0), (), None),
])
def test_column_edges_of_a_continued_table(before, after, expected) -> None:
    assert pdf_container.column_union(before, after) == expected


@pytest.mark.parametrize(("text", "starts_item"), [
    ("指标2:", True), ("2、完成验收", True), ("(3)群众满意", True), ("三、效益指标", True), ("任务2:特殊人群", True),
    ("群健康管理率", False), ("算争议率", False), ("分)", False), ("%", False), ("育事业健康发展", False),
])
def test_a_numbered_item_starts_a_row_of_its_own(text, starts_item) -> None:
    assert bool(pdf_container._NEW_ITEM.match(text)) is starts_item


def test_the_page_break_patterns_are_linear_on_hostile_text() -> None:
    import time

    for text in ("指" * 200_000, "1" * 200_000 + "x", "(" * 200_000, " " * 200_000):
        start = time.perf_counter()
        pdf_container._NEW_ITEM.match(text)
        pdf_container._NUMBER.fullmatch(text)
        pdf_container._UNIT.fullmatch(text)
        assert time.perf_counter() - start < 0.05
