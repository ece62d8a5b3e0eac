"""A ruled workbook exported to PDF by LibreOffice Calc (as departments publish their Excel tables): a
merged cell's text is printed centred vertically in its whole span, and a merged cell cut by a page
break has no rule at the page's foot nor at the next page's top, so pdfplumber finds no cell there.
The container reads such a column's rows without a rule between them as one merged cell, its text
to the first row, and stitches the next page's table whose first columns are those cells going on
(containers/pdf_blocks.py, containers/pdf.py). The workbooks are built here with openpyxl and
exported by LibreOffice (one conversion); without ``soffice`` these tests skip."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_fixtures import soffice_or_skip, soffice_pdf, write_ruled

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers import pdf as pdf_container

FONT = "Noto Sans CJK SC"
#: (一级指标, 二级指标, 三级指标, 指标值); each level-1 block is one merged cell.
BLOCKS = (
    ("产出指标", (("数量指标", "培训人次", "≥500人次"), ("质量指标", "培训合格率", "≥95%"),
                  ("时效指标", "完成时间", "2024年底前"), ("成本指标", "项目总成本", "≤100万元"))),
    ("效益指标", (("经济效益指标", "带动就业人数", "≥20人"), ("社会效益指标", "受益群众人数", "≥3000人"),
                  ("生态效益指标", "社区公共绿地绿化覆盖率", "≥40%"), ("可持续影响指标", "设施持续使用年限", "≥5年"))),
    ("满意度指标", (("服务对象满意度指标", "群众满意度", "≥90%"),)),
)
EXPECTED = [(level1, level2, name, value) for level1, rows in BLOCKS for level2, name, value in rows]


def _form(path: Path, *, break_after: int, row_height: float, note: str | None = None) -> None:
    """A 申报表 form, every cell ruled, merged cells centred vertically (set explicitly, as Calc and
    Excel print them), a manual page break after indicator row ``break_after`` (counted from 0),
    so that the merged 效益指标 and 绩效指标 cells are cut by it; ``note``: a line above the form
    that does not wrap (a long one makes Calc print the sheet small to fit it to the page's width)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.worksheet.pagebreak import Break

    thin = Side(style="thin")
    wb = Workbook()
    ws = wb.active
    rows: list[list[str | None]] = [
        ["项目名称", "社区服务能力提升", None, None, None],
        ["主管部门", "某某区民政局", "实施单位", "某某街道办事处", None],
        ["项目资金（万元）", "年度资金总额：", "100", None, None],
        ["年度目标", "提升社区服务能力，改善居民生活环境。", None, None, None],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
    ]
    merges = ["B1:E1", "D2:E2", "C3:E3", "B4:E4"]
    first = len(rows) + 1  # the sheet row of the first indicator
    r = first
    for level1, block in BLOCKS:
        for k, (level2, name, value) in enumerate(block):
            rows.append([None, level1 if k == 0 else None, level2, name, value])
        if len(block) > 1:
            merges.append(f"B{r}:B{r + len(block) - 1}")
        r += len(block)
    merges.append(f"A{first - 1}:A{r - 1}")
    if note:
        rows.insert(0, [note, None, None, None, None])
        merges = [_down(m) for m in merges]
        first += 1
        r += 1
        merges[-1] = f"A{first - 1}:A{r - 1}"
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row, start=1):
            cell = ws.cell(row=i, column=j, value=value)
            if note and i == 1:
                continue
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.font = Font(name=FONT, size=10)
        ws.row_dimensions[i].height = row_height if i >= first else 24
    for m in merges:
        ws.merge_cells(m)
    for col in "ABCDE":
        ws.column_dimensions[col].width = 16
    ws.row_breaks.append(Break(id=first + break_after))
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(path)


def _down(ref: str) -> str:
    """A merge reference one row lower (B1:E1 → B2:E2)."""
    import re

    return re.sub(r"[0-9]+", lambda m: str(int(m.group()) + 1), ref)


#: name → (indicator row the page break follows, indicator row height in points, a long line above):
#: 效益指标's text printed on the page before (3 of its 4 rows there), on the next page (1 row before
#: the break); the form printed small (fitted to the page's width with the long line: text lines
#: less than 3 points apart).
BOOKS = {"text_before": (6, 30.0, None), "text_after": (4, 30.0, None),
         "small": (6, 30.0, "说明：" + "本表依据项目申报材料填写，各项指标值以年度预算批复为准。" * 12)}


#: A text three lines high in a row a little lower than that (people set row heights by eye): Calc
#: prints it centred, its first line reaching over the row's top rule.
TALL = "完成社区养老服务中心、日间照料中心及老年食堂改造升级并投入运营"


def _ruled(ws, rows, height) -> None:
    """Rows written from A1, every cell ruled, wrapped and centred vertically; ``height(row)`` in points."""
    write_ruled(ws, rows, height=height, font=FONT)


def _long(path: Path) -> None:
    """A long-format table over two pages (a page break set by hand), the first row on the second
    page holding TALL in a row lower than its three lines."""
    from openpyxl import Workbook
    from openpyxl.worksheet.pagebreak import Break

    wb = Workbook()
    ws = wb.active
    rows = [["项目名称", "一级指标", "二级指标", "三级指标", "指标值"]]
    rows += [[f"项目{n}", "产出指标", "数量指标", f"服务人次{n}", "≥100人次"] for n in range(1, 7)]
    rows.insert(4, ["项目9", "产出指标", "质量指标", TALL, "100%"])
    _ruled(ws, rows, lambda row: 48 if row[3] == TALL else 20)
    for col in "ABCDE":
        ws.column_dimensions[col].width = 16
    ws.row_breaks.append(Break(id=4))
    wb.save(path)


def _stacked(path: Path) -> None:
    """An allocation table (its 合计 70), a blank row, then a form under its title printed in the
    form's own ruled first row (专项转移支付绩效目标表; 资金总额 30) — two tables pasted on one sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    wb = Workbook()
    ws = wb.active
    first = [["序号", "单位", "项目", "金额"], ["1", "甲县", "村道硬化项目", "40"], ["2", "乙县", "文化长廊项目", "30"],
             ["合计", None, None, "70"]]
    second = [["专项转移支付绩效目标表", None, None, None, None], ["项目名称", "宗教活动场所管理补助", None, None, None],
              ["资金情况（万元）", "资金总额：", "30", None, None], [None, "其中：财政拨款", "30", None, None],
              ["总体目标", "推进宗教活动场所规范化管理", None, None, None],
              ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
              [None, "产出指标", "数量指标", "补助县（市、区）数量", "7个"],
              [None, "满意度指标", "服务对象满意度指标", "场所满意度", "≥90%"]]
    for top, rows in ((1, first), (len(first) + 2, second)):
        for i, row in enumerate(rows):
            for j, value in enumerate(row, start=1):
                cell = ws.cell(row=top + i, column=j, value=value)
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
                cell.alignment = Alignment(wrap_text=True, vertical="center")
                cell.font = Font(name=FONT, size=10)
            ws.row_dimensions[top + i].height = 30 if rows is second and i >= 5 else 18
    s = len(first) + 2
    for m in (f"A{s}:E{s}", f"B{s + 1}:E{s + 1}", f"C{s + 2}:E{s + 2}", f"C{s + 3}:E{s + 3}", f"B{s + 4}:E{s + 4}",
              f"A{s + 2}:A{s + 3}", f"A{s + 5}:A{s + 7}"):
        ws.merge_cells(m)
    for col in "ABCDE":
        ws.column_dimensions[col].width = 16
    wb.save(path)


def _unruled_column(path: Path) -> None:
    """A table whose first column draws no rule between its rows nor under the last (only its sides:
    pdfplumber finds no cell there), each row holding a text of its own: not a merged cell."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    wb = Workbook()
    ws = wb.active
    rows = [["单位", "项目", "金额"], ["甲镇", "村道硬化", "40"], ["乙镇", "河道清淤", "30"], ["丙镇", "路灯安装", "20"]]
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row, start=1):
            cell = ws.cell(row=i, column=j, value=value)
            open_side = j == 1 and i > 1
            cell.border = Border(left=thin, right=thin, top=None if open_side and i > 2 else thin,
                                 bottom=None if open_side else thin)
            cell.alignment = Alignment(vertical="center")
            cell.font = Font(name=FONT, size=10)
        ws.row_dimensions[i].height = 30
    for col in "ABC":
        ws.column_dimensions[col].width = 16
    wb.save(path)


#: A scoring sheet's rows (序号, 一级指标, 二级指标, 三级指标, 分值, 得分), the level-1 cells merged: 过程
#: goes on over the page break to the table's end, so on the next page its column is open at the
#: top and at no point closed by a rule across it.
SCORED = [("1", "决策(10)", "项目立项", "民主议事", "4", "4"), ("2", None, None, "申报审批", "3", "3"),
          ("3", None, "资金投入", "预算安排", "3", "2"), ("4", "过程(30)", "资金管理", "管理制度", "5", "5"),
          ("5", None, None, "监督考核", "5", "5"), ("6", None, None, "账务管理", "5", "4"),
          ("7", None, "组织实施", "工作安排", "5", "5"), ("8", None, None, "工作保障", "5", "5"),
          ("9", None, None, "项目管护", "5", "5")]


def _numbered(path: Path) -> None:
    """SCORED under its header, every cell ruled, a 序号 column left of the merged level-1 column,
    a page break after the sixth row: the merged 过程 cell is cut with ruled columns on both sides."""
    from openpyxl import Workbook
    from openpyxl.worksheet.pagebreak import Break

    wb = Workbook()
    ws = wb.active
    _ruled(ws, [("序号", "一级指标", "二级指标", "三级指标", "分值", "得分"), *SCORED], lambda row: 40)
    for m in ("B2:B4", "B5:B10", "C2:C3", "C5:C7", "C8:C10"):
        ws.merge_cells(m)
    for col in "ABCDEF":
        ws.column_dimensions[col].width = 12
    ws.row_breaks.append(Break(id=7))
    wb.save(path)


def _side_by_side(path: Path) -> None:
    """Two ruled tables of their own side by side, their tops and feet in line, a blank column between
    them (no rule crosses it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, Side

    thin = Side(style="thin")
    wb = Workbook()
    ws = wb.active
    for first, rows in ((1, [["单位", "金额"], ["甲镇", "40"], ["乙镇", "30"]]),
                        (4, [["项目", "人数"], ["培训", "120"], ["体检", "300"]])):
        for i, row in enumerate(rows, start=1):
            for j, value in enumerate(row, start=first):
                cell = ws.cell(row=i, column=j, value=value)
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
                cell.font = Font(name=FONT, size=10)
    wb.save(path)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    soffice_or_skip("the workbooks cannot be exported to PDF")
    out = tmp_path_factory.mktemp("calcpdf")
    for name, (after, height, note) in BOOKS.items():
        _form(out / f"{name}.xlsx", break_after=after, row_height=height, note=note)
    _long(out / "long.xlsx")
    _stacked(out / "stacked.xlsx")
    _unruled_column(out / "unruled.xlsx")
    _numbered(out / "numbered.xlsx")
    _side_by_side(out / "side.xlsx")
    names = [*BOOKS, "long", "stacked", "unruled", "numbered", "side"]
    soffice_pdf([out / f"{n}.xlsx" for n in names], out)
    return {n: out / f"{n}.pdf" for n in names}


def _pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


@pytest.mark.parametrize("name", list(BOOKS))
def test_merged_level_cells_cut_by_a_page_break_keep_their_level(exported, name) -> None:
    assert _pages(exported[name]) == 2, "the page break must cut the form"
    table = read_table(exported[name])
    (project,) = [p for u in table.units for p in u.projects]
    assert project.name == "社区服务能力提升"
    read = [(i.level1, i.level2, i.name, i.annual_value.raw) for i in project.indicators]
    assert read == EXPECTED


@pytest.mark.parametrize("name", list(BOOKS))
def test_the_next_pages_part_is_stitched_with_the_merged_cells_going_on(exported, name) -> None:
    (grid,) = pdf_container.load_grids(exported[name])
    assert grid.sheet == "第1–2页"
    col = {row[1]: r for r, row in enumerate(grid.rows) if len(row) == 5 and row[1]}
    # each level-1 label on its block's first row, the block one merged range over the page break
    for level1, block in BLOCKS:
        r = col[level1]
        assert grid.rows[r][2] == block[0][0]
        if len(block) > 1:
            assert (r, 1, r + len(block) - 1, 1) in grid.merged
    label = next(r for r, row in enumerate(grid.rows) if row and row[0] == "绩效指标")
    assert (label, 0, len(grid.rows) - 1, 0) in grid.merged  # 绩效指标 over both pages
    assert sum(1 for row in grid.rows if "绩效指标" in row) == 1  # its text printed on both pages, read once


def test_a_text_reaching_over_the_next_pages_first_rule_is_the_tables_not_a_title(exported) -> None:
    assert _pages(exported["long"]) == 2
    (grid,) = pdf_container.load_grids(exported["long"])  # one table over both pages
    assert grid.sheet == "第1–2页"
    assert [row[3] for row in grid.rows if row[0] == "项目9"] == [TALL]


def test_tables_stacked_on_a_page_with_a_blank_row_between_are_cut_apart(exported) -> None:
    # one grid per table, as the sheet's blank row and the form's title cut them (sources/grid_split.py)
    assert [grid.rows[0][0] for grid in pdf_container.load_grids(exported["stacked"])] == ["序号", "专项转移支付绩效目标表"]
    table = read_table(exported["stacked"])
    (project,) = [p for u in table.units for p in u.projects]
    assert (project.name, project.amounts.total) == ("宗教活动场所管理补助", 30)  # not the table above's 合计


def test_open_rows_each_with_a_text_of_their_own_stay_cells_of_their_own(exported) -> None:
    (grid,) = pdf_container.load_grids(exported["unruled"])
    assert [row[0] for row in grid.rows] == ["单位", "甲镇", "乙镇", "丙镇"]
    assert not any(c1 == 0 and r2 > r1 for r1, c1, r2, _ in grid.merged)


def test_a_merged_cell_cut_by_the_page_break_between_ruled_columns_keeps_the_table_whole(exported) -> None:
    # on the next page the open level-1 column spans the whole part: pdfplumber finds the 序号 column
    # and the columns right of it as two tables; found again with the open column closed, one table
    # (containers/pdf_pages._ruled_tables) stitched to the page before, 过程 over both pages
    assert _pages(exported["numbered"]) == 2, "the page break must cut the table"
    (grid,) = pdf_container.load_grids(exported["numbered"])
    assert grid.sheet == "第1–2页"
    rows = [row for row in grid.rows if row and row[0].isdigit()]
    assert [row[0] for row in rows] == [str(n) for n in range(1, 10)]
    assert [row[3] for row in rows] == [row[3] for row in SCORED]
    start = next(r for r, row in enumerate(grid.rows) if row[1] == "过程(30)")
    assert grid.rows[start][0] == "4"
    assert (start, 1, len(grid.rows) - 1, 1) in grid.merged


def test_tables_of_their_own_side_by_side_stay_apart(exported) -> None:
    import pdfplumber

    from perfgoals_xl.sources.containers.pdf_pages import _ruled_tables

    with pdfplumber.open(exported["side"]) as pdf:
        found = _ruled_tables(pdf.pages[0])
    assert [t.extract()[0] for t in found] == [["单位", "金额"], ["项目", "人数"]]
