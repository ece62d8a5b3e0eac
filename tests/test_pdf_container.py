"""The PDF container: a long table printed over several pages is one grid (its header repeated on every
page, or printed only on the first), each cell located on its own page; a table under its own
title on the next page is a grid of its own. The workbooks are built here and printed by
LibreOffice (one conversion); without ``soffice`` these tests skip."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_fixtures import soffice_or_skip, soffice_pdf

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers import pdf as pdf_container
from perfgoals_xl.sources.readers import read_detected

FONT = "Noto Sans CJK SC"
HEADER = ["项目名称", "一级指标", "二级指标", "三级指标", "指标值", "度量单位"]
PROJECTS = 30
INDICATORS = (("产出指标", "数量指标", "培训人次", "≥500", "人次"), ("产出指标", "质量指标", "合格率", "≥95", "%"),
              ("效益指标", "社会效益指标", "通过率", "≥90", "%"), ("满意度指标", "服务对象满意度指标", "满意度", "≥90", "%"))


def _sheet(wb, name: str, *, repeat: bool, second: str | None = None) -> None:
    """A long table of PROJECTS × 4 indicator rows (several pages) under a title; `second`: the
    title of a second long table with the same columns, on a page of its own."""
    ws = wb.add_worksheet(name)
    cell = wb.add_format({"font_name": FONT, "font_size": 10, "border": 1, "text_wrap": True, "valign": "top"})
    bold = wb.add_format({"font_name": FONT, "font_size": 10, "border": 1, "bold": True})
    ws.set_paper(9)
    ws.set_column(0, 5, 12)
    ws.set_column(2, 2, 20)  # 服务对象满意度指标 whole on one line
    ws.fit_to_pages(1, 0)  # all columns on one page wide, as many pages down as it takes
    if repeat:
        ws.repeat_rows(1)
    ws.write_string(0, 0, "某某局项目支出绩效目标表", wb.add_format({"font_name": FONT, "bold": True, "font_size": 14}))
    ws.write_row(1, 0, HEADER, bold)
    r = 2
    for n in range(1, PROJECTS + 1):
        for row in INDICATORS:
            ws.write_row(r, 0, [f"项目{n}", *row], cell)
            r += 1
    if second:
        ws.set_h_pagebreaks([r])
        ws.write_string(r, 0, second, wb.add_format({"font_name": FONT, "bold": True, "font_size": 14}))
        ws.write_row(r + 1, 0, HEADER, bold)
        for k, row in enumerate(INDICATORS):
            ws.write_row(r + 2 + k, 0, ["另一项目", *row], cell)


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    soffice_or_skip()
    import xlsxwriter

    out = tmp_path_factory.mktemp("pdfcontainer")
    books = {"repeated": {"repeat": True}, "once": {"repeat": False},
             "two": {"repeat": False, "second": "某某中心项目支出绩效目标表"},
             "twin": {"repeat": False, "second": "某某局项目支出绩效目标表（二）"}}
    for name, options in books.items():
        wb = xlsxwriter.Workbook(str(out / f"{name}.xlsx"))
        _sheet(wb, "表", **options)
        wb.close()
    soffice_pdf([out / f"{n}.xlsx" for n in books], out)
    return {n: out / f"{n}.pdf" for n in books} | {f"{n}_xlsx": out / f"{n}.xlsx" for n in books}


@pytest.mark.parametrize("name", ["repeated", "once"])
def test_a_table_over_pages_is_one_grid_without_its_repeated_header(printed, name) -> None:
    grids = pdf_container.load_grids(printed[name])
    (grid,) = grids
    pages = sorted({grid.locate(r, 0)[0] for r in range(len(grid.rows))})
    assert len(pages) >= 3, "the table must run over several pages"
    assert grid.sheet == f"第1–{len(pages)}页"
    assert [row for row in grid.rows if row == HEADER] == [HEADER]  # the header once, repeated or not
    assert grid.rows[0] == ["某某局项目支出绩效目标表"]  # the title printed above the table, as its first row
    assert grid.locate(0, 0) == ("第1页", "表格上方第1行")
    assert len(grid.rows) == 2 + PROJECTS * len(INDICATORS)
    last = grid.locate(len(grid.rows) - 1, 3)
    assert last[0] == f"第{len(pages)}页" and last[1].endswith("·第4列")
    # the row numbers count on their own page: the first row of page 2 is its row 1 (or 2, under a repeated header)
    first_on_2 = next(r for r in range(len(grid.rows)) if grid.locate(r, 0)[0] == "第2页")
    assert grid.locate(first_on_2, 0)[1] == ("第2行·第1列" if name == "repeated" else "第1行·第1列")


def _content(table) -> list:
    """Each project's name and indicators (levels, name, values), without the locations."""
    return [(p.name, [(i.seq, i.level1, i.level2, i.name, i.period_value, i.annual_value) for i in p.indicators])
            for p in table.projects()]


@pytest.mark.parametrize("name", ["repeated", "once"])
def test_the_stitched_grid_reads_like_the_workbook_it_was_printed_from(printed, name) -> None:
    table = read_detected(pdf_container.load_grids(printed[name]), source=str(printed[name]))
    book = read_table(printed[f"{name}_xlsx"])
    assert table is not None and table.layout == "longform"
    assert _content(table) == _content(book)
    assert len(table.projects()) == PROJECTS
    last = table.projects()[-1].indicators[-1]
    assert last.location.sheet == table.projects()[-1].location.sheet != "第1页"


def test_a_table_under_its_own_title_on_the_next_page_is_a_grid_of_its_own(printed) -> None:
    grids = pdf_container.load_grids(printed["two"])
    assert len(grids) == 2
    assert grids[1].rows[:2] == [["某某中心项目支出绩效目标表"], HEADER] and grids[1].rows[2][0] == "另一项目"
    table = read_detected(grids, source=str(printed["two"]))
    assert table is not None
    assert [p.name for p in table.projects()][-2:] == [f"项目{PROJECTS}", "另一项目"]


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_two_titled_tables_are_read_by_the_department_their_titles_name(printed, kind) -> None:
    """Two tables, each under its own title (the second on a page of its own in the PDF, straight
    under the first in the workbook): the second table's projects belong to the department its own
    title names — a unit of that name, and the project's department when it is not the table's;
    two tables of the same department are one unit (not the same name twice)."""
    suffix = "" if kind == "pdf" else "_xlsx"
    two = read_table(printed["two" + suffix])
    assert two.department == "某某局"
    assert [(u.name, len(u.projects)) for u in two.units] == [("某某局", PROJECTS), ("某某中心", 1)]
    assert [p.department for p in two.units[1].projects] == ["某某中心"]
    assert {p.department for p in two.units[0].projects} == {None}
    twin = read_table(printed["twin" + suffix])
    assert [(u.name, len(u.projects)) for u in twin.units] == [("某某局", PROJECTS + 1)]
    assert twin.projects()[-1].name == "另一项目" and twin.projects()[-1].department is None
    for table in (two, twin):
        assert "项目名称" not in [p.name for p in table.projects()]  # the second header is no project
        assert not any(p.name.endswith("绩效目标表") for p in table.projects())
