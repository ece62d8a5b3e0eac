"""The outline layout (sources/outline.py): one name column holding the unit, the projects, the levels
and the indicators a row each (项目 | 指标值 | 绩效金额), found by the twelfth held-out round (a
宁夏 批复表 export no reader took: 0 of 57 fields). Built here as a workbook, a CSV and a web page."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.detect import detect
from perfgoals_xl.sources.grid import Grid

ROWS: list[list[object]] = [
    ["某市某中心2020年项目绩效目标批复表"],
    ["单位:元"],
    ["项目", "指标值", "绩效金额"],
    ["某市某中心", None, None],
    ["  疫苗采购", None, 3000000],
    ["    产出指标", None, None],
    ["      成本指标(必填硬性指标)", None, None],
    ["        按物价部门定价标准采购", "100%", None],
    ["      数量指标(必填硬性指标)", None, None],
    ["        疫苗使用率", "≥95%", None],
    ["    满意度指标", None, None],
    ["      服务对象满意度指标(必填)", None, None],
    ["        服务对象满意度", "≥90%", None],
    ["  健康宣传", None, None],
    ["    产出指标", None, None],
    ["      数量指标", None, None],
    ["        宣传活动场次", "12场", None],
    ["    效益指标", None, None],
    ["      社会效益指标", None, None],
    ["        居民健康知识知晓率", "≥80%", None],
    ["附件下载:", None, None],
]

EXPECTED = [
    ("疫苗采购", [("产出指标", "成本指标", "按物价部门定价标准采购", "100%"), ("产出指标", "数量指标", "疫苗使用率", "≥95%"),
                  ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%")]),
    ("健康宣传", [("产出指标", "数量指标", "宣传活动场次", "12场"), ("效益指标", "社会效益指标", "居民健康知识知晓率", "≥80%")]),
]


def _write(tmp_path: Path, kind: str, rows: list[list[object]] = ROWS) -> Path:
    if kind == "csv":
        path = tmp_path / "批复表.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows([["" if v is None else v for v in row] for row in rows])
        return path
    if kind == "html":
        body = "".join("<tr>" + "".join(f"<td>{'' if v is None else str(v).replace(' ', '&nbsp;')}</td>" for v in row)
                       + "</tr>" for row in rows)
        path = tmp_path / "批复表.html"
        path.write_text(f"<html><head><meta charset='utf-8'></head><body><table border='1'>{body}</table></body></html>",
                        encoding="utf-8")
        return path
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.active.merge_cells("A1:C1")
    path = tmp_path / "批复表.xlsx"
    wb.save(path)
    return path


def _reading(path: Path) -> list[tuple]:
    table = read_table(path)
    return [(p.name, [(i.level1, i.level2, i.name, i.annual_value.raw) for i in p.indicators]) for p in table.projects()]


@pytest.mark.parametrize("kind", ["xlsx", "csv", "html"])
def test_an_outline_reads_as_the_long_format_it_stands_for(tmp_path: Path, kind: str) -> None:
    path = _write(tmp_path, kind)
    assert _reading(path) == EXPECTED
    table = read_table(path)
    assert [u.name for u in table.units] == ["某市某中心"]
    first = table.projects()[0]
    assert first.amounts.total == 300  # 3000000 元 under 单位:元, in 万元
    assert table.projects()[1].amounts.total is None  # printed no amount


def test_each_cell_keeps_its_place_in_the_outline(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path, "xlsx"))
    first = table.projects()[0].indicators[0]
    assert first.field_locations["name"].cell == "A8"
    assert first.field_locations["annual_value"].cell == "B8"
    assert first.field_locations["level2"].cell == "A7"


def test_the_rules_see_the_outline_levels(tmp_path: Path) -> None:
    """成本指标 under 产出指标 (older tables) and 服务对象满意度指标 under 满意度指标 are level 2, not new
    level-1 rows: no S03/S04 finding on a well-formed outline."""
    codes = {i.code for i in check_table(read_table(_write(tmp_path, "xlsx"))) if i.severity == "error"}
    assert not {"PG-S03", "PG-S04", "PG-S05", "PG-C02"} & codes


def test_a_long_table_and_a_plain_list_are_no_outline() -> None:
    long = Grid(sheet="s", rows=[["项目名称", "一级指标", "二级指标", "三级指标", "指标值"],
                                 ["甲项目", "产出指标", "数量指标", "场次", "3场"]])
    assert detect(long) == "longform"
    plain = Grid(sheet="s", rows=[["项目", "指标值", "金额"], ["甲", "3场", 10], ["乙", "5人", 20]])
    assert detect(plain) != "outline"


def test_a_grid_of_level_rows_without_any_value_is_no_outline() -> None:
    rows = [["项目", "指标值"], ["产出指标", None], ["数量指标", None], ["效益指标", None]]
    assert detect(Grid(sheet="s", rows=rows)) != "outline"
