"""Tables nested in a Word table (``word_table._table_rows``): a form whose indicator grid was put in the
cell beside its 绩效指标 label (a grid of other columns than the form's), or a whole form kept inside a
frame table. The nested table was read as one cell's text: no indicator header found (a frame), or a
form with no indicators (PG-A04 没有可识别的绩效指标). The nested rows now stand in the grid as its own
rows, the row's cells left of them merged down beside them; a table nested anywhere else than a row's
last cell stays that cell's text."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers import word

N = None
BLOCK = [["项目名称", "乡村道路养护", "主管部门", "某县交通运输局"],
         ["年度资金总额", "120", "其中：财政拨款", "120"],
         ["年度绩效目标", "完成农村公路日常养护300公里。", N, N]]
GRID = [["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "≥300公里"],
        ["效益指标", "社会效益指标", "群众出行条件", "明显改善"],
        ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"]]
EXPECTED = [("数量指标", "养护里程", "≥300公里"), ("社会效益指标", "群众出行条件", "明显改善"),
            ("服务对象满意度指标", "沿线群众满意度", "≥90%")]


def _fill(table, rows) -> None:  # noqa: ANN001 - a python-docx table
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is not None:
                table.cell(r, c).text = text


def _save(document, tmp_path: Path) -> Path:  # noqa: ANN001
    path = tmp_path / "申报表.docx"
    document.save(str(path))
    return path


def _form(layout: str, tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("项目支出绩效目标申报表")
    if layout == "frame":  # the whole form inside a one-cell frame table
        inner = document.add_table(rows=1, cols=1).cell(0, 0).add_table(rows=len(BLOCK) + len(GRID), cols=4)
        _fill(inner, BLOCK + GRID)
    elif layout == "full width":  # the grid in a cell spanning the form's last row
        outer = document.add_table(rows=len(BLOCK) + 1, cols=4)
        _fill(outer, BLOCK)
        cell = outer.cell(len(BLOCK), 0).merge(outer.cell(len(BLOCK), 3))
        _fill(cell.add_table(rows=len(GRID), cols=4), GRID)
    else:  # beside its label: 绩效指标 | <the grid>
        outer = document.add_table(rows=len(BLOCK) + 1, cols=5)
        _fill(outer, [[*row, N] for row in BLOCK])
        outer.cell(len(BLOCK), 0).text = "绩效指标"
        cell = outer.cell(len(BLOCK), 1).merge(outer.cell(len(BLOCK), 4))
        _fill(cell.add_table(rows=len(GRID), cols=4), GRID)
    return _save(document, tmp_path)


@pytest.mark.parametrize("layout", ["frame", "full width", "beside its label"])
def test_a_nested_indicator_grid_is_read(tmp_path: Path, layout: str) -> None:
    table = read_table(_form(layout, tmp_path))
    (project,) = table.projects()
    assert project.name == "乡村道路养护" and project.amounts.total == 120
    assert [(i.level2, i.name, i.annual_value.raw) for i in project.indicators] == EXPECTED
    assert not [f for f in check_table(table) if f.severity == "error"]


def test_the_label_beside_the_nested_rows_is_merged_down_them(tmp_path: Path) -> None:
    (grid,) = word.load_grids(_form("beside its label", tmp_path))
    label = next(r for r, row in enumerate(grid.rows) if row[0] == "绩效指标")
    assert grid.rows[label][1:] == GRID[0]  # the nested header on the label's row
    assert (label, 0, label + len(GRID) - 1, 0) in grid.merged
    assert [row[1:] for row in grid.rows[label:label + len(GRID)]] == GRID


def test_a_table_nested_elsewhere_stays_its_cells_text(tmp_path: Path) -> None:
    """A small table in a middle cell (a 资金来源 breakdown beside a label and a remark): the cell's text."""
    document = docx.Document()
    outer = document.add_table(rows=1, cols=3)
    outer.cell(0, 0).text = "资金来源"
    _fill(outer.cell(0, 1).add_table(rows=1, cols=2), [["财政拨款", "120"]])
    outer.cell(0, 2).text = "备注"
    (grid,) = word.load_grids(_save(document, tmp_path))
    assert grid.rows == [["资金来源", "财政拨款\n120", "备注"]]
