"""Tables printed to PDF over pages as Writer prints saved web pages (the corpus's ``printed.pdf``):
the part on the next page drawing other column lines, a merged cell whose part on the page before is
one row, a merged cell's text cut by the page break, tables stacked under lines of their own, the
lines printed under a form, and hard line breaks before numbered items (issue #18).

Each page is printed once for the module by LibreOffice Writer's HTML import; without ``soffice``
the tests skip. Where a page break must fall on one row, the page is printed in a few variants
(more or fewer rows before it) and each variant must read right.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_fixtures import print_pages, soffice_or_skip, soffice_pdf

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers import pdf as pdf_container

#: Rows before the part that must be cut by the page break, one variant each.
SHIFTS = range(30, 40)


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f"{body}</body></html>")


def _table(rows: list[str]) -> str:
    return f'<table border="1" cellspacing="0" width="100%">{"".join(rows)}</table>'


def _other_lines_page() -> str:
    """Rows of a label over two grid columns and a value over one, running over a page, then
    indicator rows of a name over one column and a value over two: the next page draws a column
    line the first never drew, and not the one the first drew."""
    rows = [f'<tr><td colspan="2">事项{k}</td><td>内容{k}</td></tr>' for k in range(1, 46)]
    rows += [f'<tr><td>指标{k}</td><td colspan="2">指标值{k}</td></tr>' for k in range(1, 7)]
    table = ('<table border="1" cellspacing="0" width="100%"><colgroup><col width="20%"><col width="20%">'
             f'<col width="60%"></colgroup>{"".join(rows)}</table>')
    return _page("某某项目绩效目标表", "<p>某某项目绩效目标表</p>" + table)


def _longform_page(shift: int) -> str:
    """A 长表 whose second level-1 cell starts low on page 1 (``shift`` rows before it): some
    variant leaves one row of it on page 1, the rest on page 2."""
    rows = ["<tr><td>项目名称</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"]
    for n in range(shift):
        level = f'<td rowspan="{shift}">成本指标</td>' if n == 0 else ""
        rows.append(f"<tr><td>某某项目</td>{level}<td>经济成本指标</td><td>成本{n + 1}</td><td>≤{n + 1}万元</td></tr>")
    for n in range(8):
        level = '<td rowspan="8">产出指标</td>' if n == 0 else ""
        rows.append(f"<tr><td>某某项目</td>{level}<td>数量指标</td><td>产出{n + 1}</td><td>≥{n + 1}个</td></tr>")
    return _page("某某局项目支出绩效目标表", "<p>某某局项目支出绩效目标表</p>" + _table(rows))


def _bracket_page(shift: int) -> str:
    """A 自评表-like grid whose level-1 cell ``效益指标(20分)`` (a narrow column: it wraps over three
    lines) spans rows near the page's end: some variant cuts its text by the page break."""
    rows = ['<tr><td width="44">一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>']
    for n in range(shift):
        level = f'<td rowspan="{shift}">产出指标(50分)</td>' if n == 0 else ""
        rows.append(f"<tr>{level}<td>数量指标</td><td>产出{n + 1}</td><td>≥{n + 1}个</td></tr>")
    rows.append('<tr><td rowspan="3">效益指标(20分)</td><td>经济效益指标</td><td>收益</td><td>≥1万元</td></tr>')
    rows += [f"<tr><td>社会效益指标</td><td>效益{k}</td><td>显著</td></tr>" for k in (1, 2)]
    rows.append("<tr><td>满意度指标(10分)</td><td>服务对象满意度指标</td><td>满意度</td><td>≥95%</td></tr>")
    table = f'<table border="1" cellspacing="0">{"".join(rows)}</table>'
    return _page("某某项目绩效目标表", "<p>某某项目绩效目标表</p>" + table)


def _short_level_page(shift: int) -> str:
    """Rows two lines high (a long indicator name) whose level-2 name fills its one line, each
    followed by a row of a level-2 name alone: some variant ends page 1 on a high row, the next
    page starting with a name alone — a row of its own, not the rest of the row above."""
    rows = ['<tr><td width="112">二级指标</td><td width="120">三级指标</td><td>指标值</td></tr>']
    rows += [f"<tr><td>数量指标</td><td>指标{n}</td><td>≥{n}</td></tr>" for n in range(shift)]
    for k in range(6):
        rows.append(f"<tr><td>社会效益指标</td><td>受益人口覆盖范围及其人数{k}</td><td>≥{k}</td></tr>")
        rows.append("<tr><td>生态效益指标</td><td></td><td></td></tr>")
    return _page("某某项目绩效目标表", "<p>某某项目绩效目标表</p>" + _table(rows).replace(' width="100%"', ""))


def _signed_page(shift: int) -> str:
    """A form ending low on its page and three sign-off lines under it: some variant prints the
    last of them at the top of the next page."""
    rows = ["<tr><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"]
    rows += [f"<tr><td>数量指标</td><td>指标{n}</td><td>≥{n}</td></tr>" for n in range(shift)]
    lines = "".join(f"<p>{line}</p>" for line in SIGN_OFFS)
    return _page("某某项目绩效目标表", "<p>某某项目绩效目标表</p>" + _table(rows) + lines)


SIGN_OFFS = ("填报人：张三", "联系电话：12345678", "上报时间：2024年1月5日")


def _stacked_page() -> str:
    """An allocation table, then 附件2 and a title printed above a second table of other columns,
    and the lines printed under that table (its sign-offs, then the web page's own footer)."""
    first = _table(["<tr><td>序号</td><td>单位名称</td><td>分配金额</td></tr>"]
                   + [f"<tr><td>{k}</td><td>单位{k}</td><td>{k}0</td></tr>" for k in range(1, 4)])
    second = _table(["<tr><td>项目名称</td><td>某某项目</td><td>资金总额</td><td>30</td></tr>",
                     "<tr><td>年度目标</td><td colspan=\"3\">完成某某任务</td></tr>"])
    return _page("某某通知", "<p>附件1</p><p>资金分配表</p>" + first + "<p>附件2</p><p>项目绩效目标表</p>" + second
                 + "<p>填报人：张三 联系电话：12345678</p><p>主办单位：某某县人民政府办公室</p>")


def _item_lines_page() -> str:
    """A cell of short lines, each after the first a numbered item (资金总额 | 一、… | 二、…), and
    a cell of text long enough to wrap."""
    long_text = "通过采购服务持续改善全市空气质量并保障重点区域的作业频次与覆盖范围" * 3
    rows = ["<tr><td>项目资金申请</td><td>资金总额：250<br>一、预算资金：250<br>二、其他资金：0</td></tr>",
            f"<tr><td>项目概况</td><td>{long_text}</td></tr>"]
    return _page("某某项目绩效目标表", "<p>某某项目绩效目标表</p>" + _table(rows))


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    soffice_or_skip()
    pages = {"other_lines": _other_lines_page(), "stacked": _stacked_page(), "items": _item_lines_page()}
    pages.update({f"longform{n}": _longform_page(n) for n in SHIFTS})
    pages.update({f"bracket{n}": _bracket_page(n) for n in SHIFTS})
    pages.update({f"short{n}": _short_level_page(n) for n in SHIFTS})
    pages.update({f"signed{n}": _signed_page(n) for n in range(34, 40)})
    return print_pages(pages, tmp_path_factory.mktemp("continued"), timeout=300)


def _pages(grid) -> set[str]:
    return {grid.locate(r, 0)[0] for r in range(len(grid.rows))}


def _texts(grid) -> list[list[str]]:
    return [[str(v or "") for v in row] for row in grid.rows]


def test_a_continued_table_drawing_other_column_lines_is_one_grid(printed) -> None:
    (grid,) = pdf_container.load_grids(printed["other_lines"])
    assert len(_pages(grid)) >= 2
    rows = _texts(grid)
    labels = [row[0] for row in rows]
    assert [f"事项{k}" for k in range(1, 46)] + [f"指标{k}" for k in range(1, 7)] == [
        t for t in labels if t.startswith(("事项", "指标"))]
    # each page's cells keep their own columns on the lines of both pages
    value_of = {row[0]: next(t for t in row[1:] if t) for row in rows if row[0].startswith(("事项", "指标"))}
    assert value_of["事项45"] == "内容45" and value_of["指标6"] == "指标值6"
    value_column = {row[0]: next(c for c, t in enumerate(row) if c and t) for row in rows if row[0][:2] in ("事项", "指标")}
    assert value_column["指标1"] < value_column["事项1"]  # the line page 2 drew lies left of page 1's


def test_a_merged_cell_with_one_row_on_the_page_before_keeps_its_level(printed) -> None:
    cut_once = False
    for n in SHIFTS:
        table = read_table(printed[f"longform{n}"])
        (project,) = table.projects()
        levels = {i.name: i.level1 for i in project.indicators}
        assert levels == {**{f"成本{k + 1}": "成本指标" for k in range(n)},
                          **{f"产出{k + 1}": "产出指标" for k in range(8)}}, n
        first = next(i for i in project.indicators if i.name == "产出1").location.sheet
        second = next(i for i in project.indicators if i.name == "产出2").location.sheet
        cut_once = cut_once or first != second
    assert cut_once, "no variant left one row of the merged cell on page 1"


def _page_two_first_cell(path: Path) -> str:
    from perfgoals_xl.sources.containers.pdf_pages import open_pdf

    with open_pdf(path) as pdf:
        pages = [page.tables[0].texts[0][0] or "" for page in pdf.pages() if page.number == 2 and page.tables]
    return pages[0].replace("\n", "") if pages else ""


def test_a_merged_cells_text_cut_by_the_page_break_is_one_text(printed) -> None:
    cut_inside = 0
    for n in SHIFTS:
        (grid,) = pdf_container.load_grids(printed[f"bracket{n}"])
        texts = [row[0].replace("\n", "") for row in _texts(grid)]
        # no level cell is left holding the end of a bracket opened on the page before
        assert not any(text.endswith(")") and "(" not in text for text in texts), n
        if _page_two_first_cell(printed[f"bracket{n}"]) != "分)":
            continue
        cut_inside += 1  # 效益指标(20 | 分): the page break fell inside the bracket
        assert "效益指标(20分)" in texts, n
        r = texts.index("效益指标(20分)")
        (span,) = [m for m in grid.merged if m[0] == r and m[1] == 0]
        assert span[2] - span[0] == 2, n  # the merged cell covers its three rows again
        indicators = [i for p in read_table(printed[f"bracket{n}"]).projects() for i in p.indicators]
        assert {(i.level1, i.level1_weight) for i in indicators if i.name in ("收益", "效益1", "效益2")} == {
            ("效益指标", 20.0)}, n
    assert cut_inside, "no variant cut the merged cell's text inside its bracket"


def test_a_short_name_filling_its_line_in_a_higher_row_is_not_cut(printed) -> None:
    for n in SHIFTS:
        (grid,) = pdf_container.load_grids(printed[f"short{n}"])
        levels = [row[0] for row in _texts(grid) if len(row) > 1 and row[0] != "二级指标"]
        assert set(levels) == {"数量指标", "社会效益指标", "生态效益指标"}, n
        assert levels.count("生态效益指标") == 6, n


def test_a_table_under_lines_of_its_own_is_a_grid_of_its_own_with_its_lines_below(printed) -> None:
    grids = pdf_container.load_grids(printed["stacked"])
    assert len(grids) == 2
    first, second = (_texts(g) for g in grids)
    assert [row[0] for row in first[:2]] == ["附件1", "资金分配表"]
    assert [row[0] for row in second[:2]] == ["附件2", "项目绩效目标表"]
    assert not any("附件2" in t for row in first for t in row)
    # the sign-off under the form is its last row; the web page's own footer is not
    assert second[-1][0] == "填报人：张三 联系电话：12345678"
    assert grids[1].locate(len(second) - 1, 0)[1] == "表格下方第1行"
    assert not any("主办单位" in t for grid in (first, second) for row in grid for t in row)


def test_the_lines_under_a_form_are_its_last_rows_also_over_a_page_break(printed) -> None:
    split = False
    for n in range(34, 40):
        (grid,) = pdf_container.load_grids(printed[f"signed{n}"])
        last = [row[0] for row in _texts(grid)[-len(SIGN_OFFS):]]
        assert tuple(last) == SIGN_OFFS, n
        split = split or len({grid.locate(len(grid.rows) - k, 0)[0] for k in (1, len(SIGN_OFFS))}) == 2
    assert split, "no variant printed a sign-off line on the next page"


def test_a_line_break_before_a_numbered_item_is_kept(printed) -> None:
    (grid,) = pdf_container.load_grids(printed["items"])
    cells = {row[0]: row[1] for row in _texts(grid) if len(row) > 1}
    assert cells["项目资金申请"] == "资金总额：250\n一、预算资金：250\n二、其他资金：0"
    assert "\n" not in cells["项目概况"]  # wrapped lines are joined


@pytest.mark.parametrize(("before", "after", "joined"), [
    ("效益指标(20", "分)", True), ("满意度指标（10", "分）", True),
    ("数量指标", "质量指标", False),  # nothing left open
    ("效益指标(20分)", "分)", False),  # the bracket was closed on the page before
    ("效益指标(20", "(10分)", False),  # the next text opens a bracket of its own first
])
def test_a_text_cut_inside_a_bracket(before, after, joined) -> None:
    assert (pdf_container._opens(before) and pdf_container._closes(after)) is joined


@pytest.mark.parametrize(("lines", "short", "expected"), [
    (["资金总额：250", "一、预算资金：250", "二、其他：0"], [True, True, True], "资金总额：250\n一、预算资金：250\n二、其他：0"),
    (["目标1：完成任务", "目标2：群众满意"], [True, True], "目标1：完成任务\n目标2：群众满意"),
    (["按照年度计划完成全市范", "1、2号泵站的维护"], [False, True], "按照年度计划完成全市范1、2号泵站的维护"),  # a full line wraps
    (["资金总额：250", "万元"], [True, True], "资金总额：250万元"),  # no numbered item: joined
    (["资金总额：250", "一、预算资金：250"], None, "资金总额：250一、预算资金：250"),  # no geometry
])
def test_line_breaks_kept_before_numbered_items(lines, short, expected) -> None:
    from perfgoals_xl.sources.containers.pdf_cells import _joined

    assert _joined(lines, short) == expected


def test_the_cut_text_patterns_are_linear_on_hostile_text() -> None:
    import time

    from perfgoals_xl.sources.containers.pdf_cells import _ITEM_LINE

    for text in ("(" * 200_000, ")" * 200_000, "1" * 200_000 + ":", "指" * 200_000, " " * 200_000):
        start = time.perf_counter()
        _ITEM_LINE.match(text)
        pdf_container._opens(text)
        pdf_container._closes(text)
        assert time.perf_counter() - start < 0.05


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """A ruled workbook exported to PDF by LibreOffice Calc: a block of values merged over three
    columns, then a level-1 cell merged down over rows that run past the page's end (Calc draws
    no rule at the page's foot: pdfplumber finds no cell there), and a row under them merged over
    the first columns (the next page draws their rules)."""
    soffice_or_skip()
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Side

    thin = Side(style="thin")
    wb = Workbook()
    ws = wb.active
    for r in range(1, 13):
        ws.cell(row=r, column=1, value=f"事项{r}")
        ws.cell(row=r, column=2, value=f"内容{r}")
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
    ws.cell(row=13, column=1, value="绩效指标")
    ws.cell(row=13, column=2, value="效益指标")
    for r in range(13, 55):
        ws.cell(row=r, column=3, value=f"指标{r - 12}")
        ws.cell(row=r, column=4, value=f"≥{r - 12}")
    ws.merge_cells(start_row=13, start_column=1, end_row=54, end_column=1)
    ws.merge_cells(start_row=13, start_column=2, end_row=54, end_column=2)
    ws.cell(row=55, column=1, value="审核意见")
    ws.cell(row=55, column=3, value="(盖章)")
    ws.merge_cells(start_row=55, start_column=1, end_row=55, end_column=2)
    ws.merge_cells(start_row=55, start_column=3, end_row=55, end_column=4)
    for row in ws.iter_rows(min_row=1, max_row=55, max_col=4):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r in range(1, 56):
        ws.row_dimensions[r].height = 18
    out = tmp_path_factory.mktemp("exported")
    wb.save(out / "book.xlsx")
    soffice_pdf([out / "book.xlsx"], out)
    return out / "book.pdf"


def test_a_merged_cell_open_at_the_pages_foot_keeps_its_text_and_its_rows(exported) -> None:
    (grid,) = pdf_container.load_grids(exported)
    rows = _texts(grid)
    # the next page draws no rule for the cut merged cells: its table starts right of them, and
    # still goes on with the table before
    assert {grid.locate(r, 0)[0] for r in range(len(rows))} == {"第1页", "第2页"}
    names = [row[2] for row in rows if len(row) > 2 and row[2].startswith("指标")]
    assert names == [f"指标{k}" for k in range(1, 43)]
    r = next(r for r, row in enumerate(rows) if len(row) > 1 and row[1] == "效益指标")
    assert grid.locate(r, 1)[0] == "第1页"  # the level's text, in a cell with no rule under it
    # the rows on page 2 sit in the same columns, their level cells left to the cell above
    page2 = [row for k, row in enumerate(rows) if grid.locate(k, 0)[0] == "第2页"]
    assert page2[:-1] and all(row[:2] == ["", ""] and row[2].startswith("指标") for row in page2[:-1])
    assert page2[-1][0] == "审核意见"


def test_a_merged_cells_text_printed_above_its_part_on_the_next_page_is_no_title() -> None:
    """Calc prints the text of a merged cell cut by the page break again above the cell's part on
    the next page (out of sight): that line does not make the next page's table one of its own."""
    building = pdf_container._Building((10.0, 50.0, 90.0), [], 1, ["绩效指标", "指标1"])
    building.add(1, 1, [["绩效指标", "指标1"], ["", "指标2"]], [(0, 0, 1, 0)])
    rows = [["", "指标3"]]
    assert pdf_container._continues(building, rows, ["绩效指标"], [], same_columns=True, ran_out=True)
    assert not pdf_container._continues(building, rows, ["附件2"], [], same_columns=True, ran_out=True)
