"""The live sheet as a container (sources/containers/live.py): plain values, merged areas and number
formats handed down by the Excel layer become a grid the detector and readers take like a file's."""

from __future__ import annotations

import datetime as dt

import pytest

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.containers import live
from perfgoals_xl.sources.containers.live import LiveSheet, load_grids
from perfgoals_xl.sources.readers import read_detected

LONG = [["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值"],
        ["培训项目", "产出指标", "质量指标", "合格率", 0.95],
        ["培训项目", "产出指标", "数量指标", "培训人次", 120.0]]


def indicators(sheets):
    table = read_detected(load_grids(sheets, book="b.xlsx"), source="b.xlsx")
    return [(i.name, i.annual_value.raw, i.location.sheet, i.location.cell)
            for p in table.projects() for i in p.indicators]


def test_a_number_shown_as_a_percent_reads_as_the_percent_at_the_persons_cell():
    assert indicators([LiveSheet("表一", LONG, (), {(1, 4): "0%"})]) == [
        ("合格率", "95%", "表一", "D2"), ("培训人次", "120", "表一", "D3")]
    assert indicators([LiveSheet("表一", LONG)])[0][1] == "0.95"  # no format known: the number as it is


def test_merged_areas_carry_a_project_name_down():
    rows = [list(r) for r in LONG]
    rows[2][0] = None  # merged with the cell above: Excel gives the value in the first cell only
    assert [i[0] for i in indicators([LiveSheet("Sheet1", rows, [(1, 0, 2, 0)])])] == ["合格率", "培训人次"]


def test_blank_cells_and_dates_as_the_workbook_container_gives_them():
    grid, = load_grids([LiveSheet("S", [[None, dt.datetime(2024, 1, 2, tzinfo=dt.UTC)]])])
    assert grid.rows == [["", dt.datetime(2024, 1, 2)]]


def test_a_sheet_larger_than_a_workbook_may_be_is_refused(monkeypatch):
    monkeypatch.setattr(live, "MAX_SHEET_CELLS", 10)
    with pytest.raises(InputError, match="超过上限"):
        load_grids([LiveSheet("大表", [[1] * 4] * 3)], book="b.xlsx")
