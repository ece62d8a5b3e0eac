"""Two forms side by side on one sheet (sources/grid_split.split_side_by_side): read as one grid, the second
form's indicators joined the first project and the second project was lost, without a word. An empty
column between two grids that each print their own header parts them, in a workbook as in a CSV; a grid
with an empty column inside it stays whole."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.grid_split import side_by_side_gaps


def _form(name: str, unit: str, amount: int, first: str) -> list[list[object]]:
    return [["项目支出绩效目标表", "", "", ""], ["项目名称", name, "", ""], ["主管部门", "某县交通运输局", "实施单位", unit],
            ["年度资金总额", amount, "其中：财政拨款", amount], ["年度绩效目标", f"完成{name}全年任务，保障道路桥梁安全畅通。", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", first, "≥300公里"],
            ["效益指标", "社会效益指标", "群众出行条件", "通行时间缩短10%"],
            ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥95%"]]


def _rows() -> list[list[object]]:
    left, right = _form("乡村道路养护", "某县公路中心", 120, "养护里程"), _form("桥梁维修", "某县桥梁站", 80, "维修桥梁数")
    return [a + [""] + b for a, b in zip(left, right, strict=True)]


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    for row in _rows():
        wb.active.append(row)
    wb.save(path)
    return path


def _csv(path: Path) -> Path:
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        csv.writer(fh).writerows(_rows())
    return path


@pytest.mark.parametrize("make", [_workbook, _csv], ids=["xlsx", "csv"])
def test_two_forms_side_by_side_read_as_two_projects(tmp_path: Path, make) -> None:  # noqa: ANN001
    table = read_table(make(tmp_path / f"并排.{'xlsx' if make is _workbook else 'csv'}"))
    got = [(p.name, p.amounts.total, [i.name for i in p.indicators]) for p in table.projects()]
    assert got == [("乡村道路养护", 120, ["养护里程", "群众出行条件", "沿线群众满意度"]),
                   ("桥梁维修", 80, ["维修桥梁数", "群众出行条件", "沿线群众满意度"])]
    second = list(table.projects())[1]
    assert second.indicators[0].location.cell == "H7"  # its own cell in the sheet, not the piece's C7
    hints = [p.message for p in table.problems if p.code == "S11"]
    assert any("左右并排着 2 个表格（A1起、F1起）" in m for m in hints)
    assert not [f for f in check_table(table) if f.severity == "error"]


def test_a_grid_with_an_empty_column_inside_stays_whole() -> None:
    """An empty column between a grid's level columns and its name and value columns (a column left blank,
    merges lost in a CSV) parts nothing: the side left of it prints no value header of its own."""
    rows = [["一级指标", "二级指标", "", "三级指标", "指标值"], ["产出指标", "数量指标", "", "养护里程", "300公里"],
            ["效益指标", "社会效益指标", "", "群众出行条件", "改善"], ["满意度指标", "满意度", "", "满意度", "95%"]]
    assert side_by_side_gaps(Grid(sheet="S", rows=rows)) == []


def test_a_merged_range_across_the_empty_column_keeps_the_grids_together() -> None:
    rows = [r[:4] + [None] + r[5:] for r in _rows()]
    assert side_by_side_gaps(Grid(sheet="S", rows=rows)) == [(0, 4), (5, 9)]
    merged = Grid(sheet="S", rows=rows, merged=[(0, 0, 0, 8)])  # a title merged over both
    assert side_by_side_gaps(merged) == []


def test_one_grid_printing_each_header_once_is_not_looked_at_column_by_column() -> None:
    """The gate: a long table printing 一级指标 … once (an empty column in it) is one table."""
    rows = [["项目名称", "一级指标", "二级指标", "三级指标", "", "年度指标值"]]
    rows += [["项目", "产出指标", "数量指标", f"指标{n}", "", "1"] for n in range(50_000)]
    assert side_by_side_gaps(Grid(sheet="S", rows=rows)) == []


def test_a_crafted_wide_sheet_costs_what_its_merges_and_columns_cost() -> None:
    """Headers in every other column of a wide sheet and merged ranges across all of it: merges are counted
    by a running sum (linear in merges + columns), not column by column for each merge — ten times the
    merges cost about the same, not ten times as much."""
    import time

    width = 4_000
    head = [("一级指标" if c % 4 == 0 else "指标值") if c % 2 == 0 else "" for c in range(width)]
    rows = [head] + [["x" if c % 2 == 0 else "" for c in range(width)] for _ in range(30)]

    def best(merges: int) -> float:
        grid = Grid(sheet="S", rows=rows, merged=[(1 + k % 30, 0, 1 + k % 30, width - 1) for k in range(merges)])
        times = []
        for _ in range(3):
            started = time.perf_counter()
            assert side_by_side_gaps(grid) == []  # every column crossed by a merged range: no gap
            times.append(time.perf_counter() - started)
        return max(min(times), 0.005)

    assert best(20_000) / best(2_000) < 4
