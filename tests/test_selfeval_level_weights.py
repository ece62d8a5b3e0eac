"""The 共性指标 scoring table used as a 自评表 (海南 and others, 2013–2019): a 分值 column after every
level — 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分 — each the weight of the level left
of it, merged down over the level's rows. The form names no 项目名称: its title does
(电子商务发展项目绩效自评表), and its basics stand in a table of their own above the grid (项目实施单位 |
主管部门, no 项目名称). Built as a workbook with merges, as CSV (merges lost) and as a saved page with
the two tables apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import csv_file, xlsx_file

from perfgoals_xl.hierarchy_labels import project_from_title
from perfgoals_xl.sources import read_table

N = None
TITLE = "电子商务发展项目绩效自评表"
BASICS = [
    ["一、项目基本情况", N, N, N],
    ["项目实施单位", "省商务厅电子商务处", "主管部门", "省商务厅"],
    ["项目负责人", "王某", "联系电话", "0898-12345678"],
]
GRID = [
    ["二、绩效评价指标评分", N, N, N, N, N, N],
    ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"],
    ["项目决策", "20", "项目目标", "4", "目标内容", "4", "3"],
    [N, N, "决策过程", "8", "决策依据", "3", "3"],
    [N, N, N, N, "决策程序", "5", "5"],
    [N, N, "资金分配", "8", "分配办法", "2", "2"],
    [N, N, N, N, "分配结果", "6", "6"],
    ["项目绩效", "80", "项目产出", "40", "产出数量", "20", "18"],
    [N, N, N, N, "产出质量", "20", "20"],
    [N, N, "项目效益", "40", "社会效益", "40", "38"],
]
MERGES = ["A3:A7", "B3:B7", "C4:C5", "D4:D5", "C6:C7", "D6:D7", "A8:A10", "B8:B10", "C8:C9", "D8:D9"]
EXPECTED = [  # name, weight, score, level1, level1 weight, level2, level2 weight
    ("目标内容", 4, 3, "项目决策", 20, "项目目标", 4),
    ("决策依据", 3, 3, "项目决策", 20, "决策过程", 8),
    ("决策程序", 5, 5, "项目决策", 20, "决策过程", 8),
    ("分配办法", 2, 2, "项目决策", 20, "资金分配", 8),
    ("分配结果", 6, 6, "项目决策", 20, "资金分配", 8),
    ("产出数量", 20, 18, "项目绩效", 80, "项目产出", 40),
    ("产出质量", 20, 20, "项目绩效", 80, "项目产出", 40),
    ("社会效益", 40, 38, "项目绩效", 80, "项目效益", 40),
]


def _rows() -> list[list]:
    return [[TITLE], *[row + [N] * 3 for row in BASICS], *GRID]


def _merges() -> list[str]:
    """The grid's merges, moved down under the title and the basics."""
    top = 1 + len(BASICS)
    def moved(cell: str) -> str:
        return f"{cell[0]}{int(cell[1:]) + top}"
    return [":".join(moved(cell) for cell in cells.split(":")) for cells in MERGES]


def _xlsx(path: Path) -> Path:
    return xlsx_file(path, _rows(), _merges())


def _csv(path: Path) -> Path:
    return csv_file(path, _rows())


def _html(path: Path) -> Path:
    def table(rows: list[list]) -> str:
        return "<table border=1>" + "".join(
            "<tr>" + "".join(f"<td>{'' if v is None else v}</td>" for v in row) + "</tr>" for row in rows) + "</table>"
    path.write_text(f"<html><head><meta charset='utf-8'></head><body><h2>{TITLE}</h2>{table(BASICS)}"
                    f"{table(GRID)}</body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["xlsx", "csv", "html"])
def test_each_level_weight_is_the_column_right_of_it(tmp_path: Path, kind: str) -> None:
    path = {"xlsx": _xlsx, "csv": _csv, "html": _html}[kind](tmp_path / f"自评.{kind}")
    table = read_table(path)
    [project] = table.projects()
    assert project.name == "电子商务发展项目"
    assert project.implementer == "省商务厅电子商务处" and (project.department or table.department) == "省商务厅"
    got = [(i.name, i.weight, i.score, i.level1, i.level1_weight, i.level2, i.level2_weight)
           for i in project.indicators]
    assert got == EXPECTED
    said = " ".join(p.message for p in table.problems)
    assert "项目名称按标题" in said  # the name taken from the title is said, never silently


@pytest.mark.parametrize(("title", "name"), [
    ("电子商务发展项目绩效自评表", "电子商务发展项目"),
    ("某某县义务教育薄弱学校改造专项资金绩效自评表", "某某县义务教育薄弱学校改造专项资金"),
    ("2020年农村饮水安全项目绩效自评表", "2020年农村饮水安全项目"),
    ("（2019年）农村饮水安全绩效自评表", "农村饮水安全"),
    ("2021年度项目支出绩效自评表", ""), ("广水市财政预算支出项目绩效目标自评表", ""), ("某局项目绩效自评表", ""),
    ("部门整体支出绩效自评表", ""), ("项目支出绩效目标表", ""),
])
def test_a_title_names_the_project_only_when_it_names_one(title: str, name: str) -> None:
    assert project_from_title(title) == name
