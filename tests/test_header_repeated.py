"""A grid's header printed again inside it (a long table's PDF, its header repeated on each page,
converted to one sheet): the row is skipped and the levels above it go on below it — the merged
level cell cut at the page break leaves an empty cell (merged or not) under the repeated header, which
is the same group, not a blank level. Found by the corpus variation 表头在表中重印 (24 tables, 11 worse,
83 fields lost, 57 false findings such as PG-S03 一级指标为空, and 一级指标 read as a level-1 → 2 / 18 / 5
on ``page.html``). Each layout as a workbook with its merges and as a CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file
from test_level_columns import _in_layout

from perfgoals_xl.model import PerfTable
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None
HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]
#: 产出指标 over rows 1-5 cut by the header printed again on row 3: its part below is an empty cell.
GRID = [HEADER,
        ["产出指标", "数量指标", "培训人次", "≥500人次"],
        [N, N, "培训班次", "≥10期"],
        HEADER,
        [N, "质量指标", "培训合格率", "≥95%"],
        [N, N, "结业率", "≥90%"],
        ["效益指标", "社会效益指标", "技能提升率", "≥90%"]]
LEVELS = [("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "质量指标"),
          ("效益指标", "社会效益指标")]


def _merges(first: int) -> list[str]:
    """The level cells' merges (the grid's first row at sheet row ``first``, 1-based), cut at the page."""
    return [f"A{first + 1}:A{first + 2}", f"B{first + 1}:B{first + 2}", f"A{first + 4}:A{first + 5}",
            f"B{first + 4}:B{first + 5}"]


def _indicators(table: PerfTable) -> list:
    return table.plan.indicators if table.kind == "department" else [i for p in table.projects() for i in p.indicators]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_the_header_printed_again_inside_the_grid(tmp_path: Path, kind: str, layout: str) -> None:
    rows = _in_layout(layout, [list(row) for row in GRID])
    first = next(i for i, row in enumerate(rows) if row[:1] == ["一级指标"]) + 1
    table = read_table(held_file(tmp_path, kind, rows, _merges(first)))
    assert [(i.level1, i.level2, i.name) for i in _indicators(table)] == [
        (*lv, name) for lv, name in zip(LEVELS, ["培训人次", "培训班次", "培训合格率", "结业率", "技能提升率"], strict=True)]
    assert not [f for f in check_table(table) if f.code in ("PG-S03", "PG-S04")]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_long_format_tables_header_printed_again(tmp_path: Path, kind: str) -> None:
    """The long format skipped the row already; an empty merged 一级指标 cell under it is the group
    above going on, not a blank level as published (扎赉特)."""
    rows = [["项目名称", *HEADER], *[["职业技能培训" if r == 1 else N, *row] for r, row in enumerate(GRID[1:], 1)]]
    rows[3] = ["项目名称", *HEADER]
    merges = ["B2:B3", "C2:C3", "B5:B6", "C5:C6"]
    table = read_table(held_file(tmp_path, kind, rows, merges))
    assert [(i.level1, i.level2) for i in _indicators(table)] == LEVELS
    assert not [f for f in check_table(table) if f.code in ("PG-S03", "PG-S04")]


def test_a_grids_body_leaves_out_its_header_printed_again() -> None:
    """The rows the level-column rules read (``level_columns.grid_body``) skip the repeated header: a
    一级指标 printed over two columns, its left one a blank margin, is still read from the right one
    (鄂州 自评表: the repeated 一级指标 in the margin made the margin look like a column of its own)."""
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.level_columns import grid_body, header_again
    from perfgoals_xl.sources.sheet_view import SheetView

    rows = [HEADER, ["产出指标", "数量指标", "培训人次", "≥500人次"], HEADER, [N, "质量指标", "培训合格率", "≥95%"]]
    sheet = SheetView(Grid(sheet="Sheet1", rows=rows), None)
    assert grid_body(sheet, 1) == [1, 3]
    assert header_again(HEADER) and not header_again(["产出指标", "数量指标", "培训人次"])


#: 云南 自评表's header on two rows: 绩效指标 over the levels, 年度指标值 over 指标性质 | 指标值 | 度量单位.
UPPER = ["绩效指标", N, N, "年度指标值", N, N, "实际完成值", "分值", "得分"]
LOWER = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", N, N, N]
TWO_ROW_GRID = [UPPER, LOWER,
                ["产出指标", "数量指标", "培训人次", "≥", "500", "人次", "520人次", "40", "40"],
                [N, "质量指标", "培训合格率", "≥", "95", "%", "96%", "30", "30"],
                UPPER, LOWER,
                [N, "时效指标", "按期完成率", "=", "100", "%", "100%", "10", "10"],
                ["效益指标", "社会效益指标", "技能提升率", "≥", "90", "%", "92%", "20", "20"]]


def _two_row_merges(first: int) -> list[str]:
    """The header block's merges (its first row at sheet row ``first``) and again where it is repeated."""
    out = []
    for top in (first, first + 4):
        out += [f"A{top}:C{top}", f"D{top}:F{top}", f"G{top}:G{top + 1}", f"H{top}:H{top + 1}", f"I{top}:I{top + 1}"]
    return [*out, f"A{first + 2}:A{first + 3}"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["selfeval", "department"])
def test_a_two_row_header_printed_again(tmp_path: Path, kind: str, layout: str) -> None:
    """The repeated block's upper row (绩效指标 | 年度指标值 | 实际完成值 …) is no indicator and its 绩效指标
    no level (a false PG-S03 一级指标“绩效指标” before); the levels above go on under the block."""
    block = _in_layout(layout, [HEADER])[:-1]  # (the layout's block above its grid: 项目名称 …, 部门名称 …)
    rows = [[*row, *[N] * (9 - len(row))] for row in [*block, *TWO_ROW_GRID]]
    first = next(i for i, row in enumerate(rows) if row[:1] == ["绩效指标"]) + 1
    table = read_table(held_file(tmp_path, kind, rows, _two_row_merges(first)))
    assert [(i.level1, i.level2, i.name) for i in _indicators(table)] == [
        ("产出指标", "数量指标", "培训人次"), ("产出指标", "质量指标", "培训合格率"), ("产出指标", "时效指标", "按期完成率"),
        ("效益指标", "社会效益指标", "技能提升率")]
    assert not [f for f in check_table(table) if f.code in ("PG-S03", "PG-S04")]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_repeated_header_of_level_columns_known_by_content(tmp_path: Path, kind: str) -> None:
    """评价指标 | 评价内容 | 指标名称 | 目标值 | 分值 (河北 宁晋, levels known by what the columns hold) printed again
    inside the table: the repeated header words are no content — the columns stay the levels."""
    head = ["评价指标", "评价内容", "指标名称", "目标值", "分值"]
    rows = [["某县高中助学金项目绩效评价指标表", N, N, N, N], head,
            ["项目年度绩效目标（定量指标）", "制度指标", "规章制度建立与否", "是", "20"],
            ["产出", "数量指标", "享受资助人数", "2100", "30"], head,
            [N, "质量指标", "建档立卡学生全面覆盖", "100%", "20"], ["效益", "社会效益指标", "辍学率", "≤1%", "30"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:E1"]))
    assert [(i.level1, i.level2) for i in _indicators(table)] == [
        ("项目年度绩效目标", "制度指标"), ("产出", "数量指标"), ("产出", "质量指标"), ("效益", "社会效益指标")]
