"""A web form whose indicator grid is nested in one cell (``containers/html_nested``): Word saved as a web
page keeps a form so, the grid under the 项目名称 / 资金 rows in a cell spanning the row, or beside a
绩效指标 label. The page reader took only the nested grid as data and the form's own rows as page lines:
the indicators were read, the project name lost (PG-S01 申报表的“项目名称”为空 on a form that names it).
The outer table is now rewritten into one grid, as the Word container reads the same form; a page's
layout table (links, images, one-cell rows) is left as it was."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from test_word_nested_tables import BLOCK as WORD_BLOCK
from test_word_nested_tables import EXPECTED, GRID

from perfgoals_xl.errors import InputError
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers import html

BLOCK = [[text or "" for text in row] for row in WORD_BLOCK]  # the same form as the Word test's


def _tr(cells: list[str], first: str = "") -> str:
    return "<tr>" + first + "".join(f"<td><p class=MsoNormal>{c}</p></td>" for c in cells) + "</tr>"


def _inner(caption: str = "") -> str:
    return caption + "<table border=1>" + "".join(_tr(r) for r in GRID) + "</table>"


def _page(tmp_path: Path, table: str, before: str = "<p>项目支出绩效目标申报表</p>") -> Path:
    path = tmp_path / "申报表.html"
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{before}{table}</body></html>", encoding="utf-8")
    return path


def _forms() -> dict[str, str]:
    block = "".join(_tr(r) for r in BLOCK)
    return {
        "full width": f"<table border=1>{block}<tr><td colspan=4>{_inner()}</td></tr></table>",
        "beside its label": f"<table border=1>{block}<tr><td>绩效指标</td><td colspan=3>{_inner()}</td></tr></table>",
        "with a caption": f"<table border=1>{block}<tr><td colspan=4>绩效指标表{_inner()}</td></tr></table>",
        "spanned from above": ("<table border=1>" + _tr(BLOCK[0], "<td rowspan=4>项目情况</td>")
                               + "".join(_tr(r) for r in BLOCK[1:])
                               + f"<tr><td colspan=4>{_inner()}</td></tr></table>"),
    }


@pytest.mark.parametrize("layout", list(_forms()))
def test_a_nested_indicator_grid_and_its_form_are_one_table(tmp_path: Path, layout: str) -> None:
    table = read_table(_page(tmp_path, _forms()[layout]))
    (project,) = table.projects()
    assert project.name == "乡村道路养护" and project.amounts.total == 120
    assert [(i.level2, i.name, i.annual_value.raw) for i in project.indicators] == EXPECTED
    assert not [f for f in check_table(table) if f.severity == "error"]


def test_the_cells_beside_the_nested_rows_span_down_them(tmp_path: Path) -> None:
    (grid,) = html.load_grids(_page(tmp_path, _forms()["spanned from above"]))
    top = next(r for r, row in enumerate(grid.rows) if row[0] == "项目情况")
    header = next(r for r, row in enumerate(grid.rows) if "一级指标" in row)
    assert (top, 0, header + len(GRID) - 1, 0) in grid.merged  # 项目情况 on down beside the whole grid


def test_a_small_breakdown_table_in_a_remark_cell_stays_its_text(tmp_path: Path) -> None:
    """A two-column table in an indicator row's last cell (a 备注 breakdown): no rows of the grid."""
    rows = [*GRID[:2], ["效益指标", "社会效益指标", "群众出行条件",
                        "<table><tr><td>城区</td><td>改善</td></tr><tr><td>乡镇</td><td>改善</td></tr></table>"]]
    page = "<table border=1>" + "".join(_tr(r) for r in BLOCK + rows) + "</table>"
    (project,) = read_table(_page(tmp_path, page)).projects()
    assert [i.name for i in project.indicators] == ["养护里程", "群众出行条件"]


def test_a_layout_table_is_left_as_it_was(tmp_path: Path) -> None:
    """A page laid out by a table: a menu of links in one cell, the data table in the next — the data
    table is read alone (the layout's texts are page lines above it), as before."""
    from lxml import etree

    from perfgoals_xl.sources.containers.html_nested import splice_nested

    data = "<table border=1>" + "".join(_tr(r) for r in BLOCK + GRID) + "</table>"
    page = ("<table><tr><td><a href='/'>首页</a> <a href='/x'>政务公开</a></td><td>本站</td></tr>"
            f"<tr><td>栏目导航</td><td>{data}</td></tr></table>")
    assert splice_nested(etree.fromstring(f"<html><body>{page}</body></html>", etree.HTMLParser())) == 0
    (grid,) = html.load_grids(_page(tmp_path, page))
    assert [row for row in grid.rows if row[0] in ("项目名称", "一级指标")] == [BLOCK[0], GRID[0]]
    assert read_table(_page(tmp_path, page)).projects()[0].name == "乡村道路养护"


def test_deep_nesting_is_bounded(tmp_path: Path) -> None:
    """Tables nested 400 deep, each a form-like grid: the page reads in bounded time."""
    table = _inner()
    for k in range(400):
        table = (f"<table><tr><td>名{k}</td><td>值</td><td>注</td></tr><tr><td>名</td><td>值</td><td>注</td></tr>"
                 f"<tr><td>{table}</td></tr></table>")
    started = time.perf_counter()
    try:
        html.load_grids(_page(tmp_path, table))
    except InputError:
        pass  # (one Chinese line is as good an answer to a crafted page as a grid)
    assert time.perf_counter() - started < 30
