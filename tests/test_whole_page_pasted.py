"""A web page selected whole (Ctrl+A) and pasted into Excel, or saved as CSV: the site's menu, breadcrumb
and 信息公开 head (索引号 | 发布机构 | 生成日期 …) above the table, its 打印本页 / 相关链接 / 主办单位 and address
under it. Found by pasting every corpus table under and over such lines (scripts kept with the closing
note): 16 lines above pushed a header out of the rows the layouts look at (refused: 未找到一行一指标的表头)
or a title naming the project out of the form's head (the name lost); the lines under a table were read as
its indicators, or as projects of a long table, once the site's address (联系电话：… 地址：…) came last."""

from __future__ import annotations

import copy
import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.cell_range import CellRange
from test_corpus_metamorphic import signature

from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.page_chrome import is_chrome_row, without_page_chrome

CORPUS = Path(__file__).resolve().parent / "corpus"
#: Each once misread with the page around it: form (lines under), 自评表 (project named by its title), form
#: (header pushed past the rows looked at), long table and coded table (lines under read as projects).
TABLES = ["cq-fengdu-2022-form-fujing", "ah-tongling-jiaoqu-2021-selfeval-gongyi", "he-handan-2019-form-kunnanjiuzhu",
          "nm-xingan-zhalaite-2025-longform-jianchayuan", "gd-guangzhou-2024-coded-zhujingban",
          "hb-ezhou-2019-selfeval-disanfang"]

ABOVE = ["首页", "机构概况", "政务公开", "政务服务", "互动交流",
         "当前位置：首页 > 政府信息公开 > 法定主动公开内容 > 财政预决算",
         ["索引号：", "11341200MB1234567X/202401-00012", "信息分类：", "财政预算、决算"],
         ["发布机构：", "某某县财政局", "生成日期：", "2024-01-05"],
         ["名称：", "关于公开2024年项目绩效目标的公告"],
         ["文号：", None, "关键词：", None],
         "发布时间：2024-01-05 10:23 来源：某某县财政局 浏览次数：236", "【字体：大 中 小】", "分享到："]
BELOW = ["【打印本页】 【关闭窗口】", "相关链接", "主办单位：某某县人民政府办公室 承办单位：某某县数据资源管理局",
         "网站标识码：3412000001 皖ICP备12345678号 皖公网安备 34120002000123号",
         "联系电话：0558-1234567 地址：某某县人民路1号"]


def _write_line(ws: Any, row: int, line: str | list[str | None]) -> None:
    for c, text in enumerate([line] if isinstance(line, str) else line, 1):
        if text is not None:
            ws.cell(row=row, column=c, value=text)


def _pasted_whole(source: Path, out: Path) -> None:
    """The corpus table with the page's own lines above and under it, cells as typed and shown."""
    table = openpyxl.load_workbook(source).worksheets[0]
    book = openpyxl.Workbook()
    ws = book.active
    for r, line in enumerate(ABOVE, 1):
        _write_line(ws, r, line)
    shift = len(ABOVE)
    for row in table.iter_rows():
        for cell in row:
            if cell.value is not None and not isinstance(cell, openpyxl.cell.cell.MergedCell):
                new = ws.cell(row=cell.row + shift, column=cell.column, value=cell.value)
                new.number_format, new.alignment = cell.number_format, copy.copy(cell.alignment)
                if cell.data_type == "s":
                    new.data_type = "s"  # (a value written =8个 stays a text, never a formula)
    for merged in table.merged_cells.ranges:
        moved = CellRange(merged.coord)
        moved.shift(row_shift=shift)
        ws.merge_cells(moved.coord)
    end = shift + table.max_row
    for k, line in enumerate(BELOW, 1):
        _write_line(ws, end + k, line)
    book.save(out)


@pytest.mark.parametrize("name", TABLES)
def test_a_page_pasted_whole_reads_as_its_table(tmp_path: Path, name: str) -> None:
    source = CORPUS / name / "pasted.xlsx"
    changed = tmp_path / "整页粘贴.xlsx"
    _pasted_whole(source, changed)
    assert signature(changed) == signature(source)


def test_a_page_pasted_whole_and_saved_as_csv_reads_as_its_table(tmp_path: Path) -> None:
    source = CORPUS / "cq-fengdu-2022-form-fujing" / "saved.csv"
    rows = list(csv.reader(source.read_text(encoding="utf-8-sig").splitlines()))
    lines = [[line] if isinstance(line, str) else [t or "" for t in line] for line in ABOVE]
    changed = tmp_path / "整页.csv"
    with changed.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([*lines, *rows, *([line] for line in BELOW)])
    assert signature(changed) == signature(source)


def _grid(rows: list[list[Any]]) -> Grid:
    width = max(len(r) for r in rows)
    return Grid(sheet="Sheet1", rows=[r + [None] * (width - len(r)) for r in rows], merged=[])


def test_the_title_between_page_lines_stays_and_so_does_the_tables_footer() -> None:
    grid = _grid([["首页"], ["当前位置：首页 > 财政预决算"], ["2024年某某局项目支出绩效目标表"],
                  ["发布时间：2024-01-05"], ["项目名称", "某项目"], ["一级指标", "二级指标", "三级指标", "指标值"],
                  ["产出指标", "数量指标", "培训人数", "100人"], ["填报人：张三  联系电话：0558-1234567"],
                  ["注：数据来源：县统计局"], ["【打印本页】 【关闭窗口】"], ["联系电话：0558-1234567 地址：人民路1号"]])
    kept = without_page_chrome(grid)
    texts = [next(v for v in row if v) for row in kept.rows]
    assert texts[0] == "2024年某某局项目支出绩效目标表"  # the menu and breadcrumb above the title go, the title stays
    assert texts[-2:] == ["填报人：张三  联系电话：0558-1234567", "注：数据来源：县统计局"]
    assert kept.locate is None and kept.first_row == grid.first_row + 2  # cells keep their place in the sheet


def test_a_grid_without_page_lines_is_itself() -> None:
    grid = _grid([["项目名称", "某项目"], ["一级指标", "二级指标", "三级指标", "指标值"],
                  ["产出指标", "数量指标", "培训人数", "100人"], ["填报人：张三"]])
    assert without_page_chrome(grid) is grid


@pytest.mark.parametrize("texts, chrome", [
    (["索引号：", "11341200MB1234567X/202401-00012", "信息分类：", "财政预算、决算"], True),
    (["名称：", "关于公开2024年项目绩效目标的公告"], True),
    (["相关链接"], True),
    (["[ 索引号 ]", "115002300086862", "[ 发文字号 ]"], True),  # (重庆: labels in brackets, no colon)
    (["[ 主题分类 ]", "财政", "[ 体裁分类 ]", "财政预算、决算"], True),
    (["2022-04-07 15:25 来源: 零陵区林业局 发布机构: 零陵区林业局 【字体: 打印"], True),  # (a time after the date)
    (["时间:2019-12-31 15:47:28"], True), (["文件类型: .xls"], True),
    (["附件9:2018年度部门整体支出绩效自评表(原方志委).xls"], True), (["22470b79.xls (46.00 KB)"], True),  # links
    (["附件2：项目支出绩效目标表"], False), (["实施时间：2024-01-01"], False),
    (["项目名称", "某项目"], False),
    (["名称：", "某某河道治理项目"], False),
    (["填报单位：", "某某县财政局"], False),
    (["单位：万元"], False),
])
def test_which_rows_are_the_pages_own(texts: list[str], chrome: bool) -> None:
    assert is_chrome_row(texts) is chrome


def test_the_addin_reads_a_page_pasted_whole_into_the_persons_workbook(tmp_path: Path) -> None:
    # the same step as for a file: the add-in on the live sheet (xlwings' JSON engine) reads the table alone
    from test_excel_anybook import book_of

    from perfgoals_xl.excel import live

    source = CORPUS / "cq-fengdu-2022-form-fujing" / "pasted.xlsx"
    changed = tmp_path / "整页粘贴.xlsx"
    _pasted_whole(source, changed)
    book, _ = book_of(changed)
    table = live.book_table(book)
    read = [(p.name, [(i.level1, i.name, i.annual_value.raw) for i in p.indicators]) for p in table.projects()]
    assert read == [(name, [(i[0], i[2], i[3]) for i in inds]) for name, _, _, inds in signature(source)]
