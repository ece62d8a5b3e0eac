"""A 申报表 (or a 部门整体 table) printed as two tables: its key/value block, then — after a blank paragraph
or a 绩效指标 caption — its indicator grid as a table of its own (a Word original, the page saved from
it, the PDF Writer prints of it). Read before as two tables: the form's project with no indicator (a
false PG-A04) and the indicators under a nameless project (false PG-S01, PG-C01). Now the grid is the
form's (``grid_join.join_form_heads``), in every container that gives a table per grid."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

GOAL = "完成农村公路日常养护300公里，保障道路安全畅通。"
BLOCK = [["项目名称", "乡村道路养护", "", ""], ["年度资金总额", "120", "其中：财政拨款", "120"], ["年度绩效目标", GOAL, "", ""]]
GRID = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "养护里程", "≥300公里"],
        ["效益指标", "社会效益指标", "群众出行条件", "明显改善"], ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"]]
NAMES = ["养护里程", "群众出行条件", "群众满意度"]
DEPARTMENT = [["部门名称", "某县交通运输局", "", ""], ["年度预算", "3500", "", ""],
              ["年度绩效总目标", "全面完成年度交通建设任务。", "", ""]]


def _table(document: docx.Document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def _word(path: Path, title: str, parts: list[list[list[str]]], between: str) -> Path:
    document = docx.Document()
    document.add_paragraph(title)
    for k, rows in enumerate(parts):
        if k:
            document.add_paragraph(between)
        _table(document, rows)
    document.save(path)
    return path


def _html(path: Path, title: str, parts: list[list[list[str]]], between: str) -> Path:
    tables = [("<table border=1>" + "".join("<tr>" + "".join(f"<td>{t}</td>" for t in row) + "</tr>" for row in rows)
               + "</table>") for rows in parts]
    path.write_text(f"<html><head><meta charset='utf-8'></head><body><p>{title}</p>"
                    + f"<p>{between}</p>".join(tables) + "</body></html>", encoding="utf-8")
    return path


def _errors(table) -> list[str]:  # noqa: ANN001
    return [f.code for f in check_table(table) if f.severity == "error"]


@pytest.mark.parametrize("between", ["", "绩效指标"], ids=["blank-line", "caption"])
@pytest.mark.parametrize("make", [_word, _html], ids=["docx", "html"])
def test_a_forms_grid_printed_as_a_table_of_its_own_is_the_forms(tmp_path: Path, make, between: str) -> None:  # noqa: ANN001
    path = make(tmp_path / ("表.docx" if make is _word else "表.html"), "项目支出绩效目标申报表", [BLOCK, GRID], between)
    table = read_table(path)
    assert [(p.name, p.goal, [i.name for i in p.indicators]) for p in table.projects()] == [("乡村道路养护", GOAL, NAMES)]
    assert _errors(table) == []


@pytest.mark.parametrize("make", [_word, _html], ids=["docx", "html"])
def test_a_department_tables_grid_printed_apart_is_the_departments(tmp_path: Path, make) -> None:  # noqa: ANN001
    path = make(tmp_path / ("表.docx" if make is _word else "表.html"), "2024年部门整体支出绩效目标表", [DEPARTMENT, GRID], "")
    table = read_table(path)
    assert table.kind == "department" and table.plan is not None
    assert [i.name for i in table.plan.indicators] == NAMES
    assert not table.projects()


def test_forms_each_with_its_grid_apart_are_joined_in_pairs(tmp_path: Path) -> None:
    second = [[t.replace("乡村道路养护", "校舍维修") for t in row] for row in BLOCK]
    path = _word(tmp_path / "表.docx", "项目支出绩效目标申报表", [BLOCK, GRID, second, GRID], "绩效指标")
    assert [(p.name, len(p.indicators)) for p in read_table(path).projects()] == [("乡村道路养护", 3), ("校舍维修", 3)]


def test_a_grid_titled_with_its_own_project_stays_its_own(tmp_path: Path) -> None:
    """A table under a title naming a project (xx项目绩效目标表) is that project's, not the form's above."""
    path = _word(tmp_path / "表.docx", "项目支出绩效目标申报表", [BLOCK, GRID], "校舍维修项目绩效目标表")
    assert [p.name for p in read_table(path).projects()] == ["乡村道路养护", "校舍维修项目"]


def test_the_pdf_writer_prints_of_it_read_the_same(tmp_path: Path) -> None:
    from pdf_fixtures import soffice_pdf

    path = _word(tmp_path / "表.docx", "项目支出绩效目标申报表", [BLOCK, GRID], "绩效指标")
    soffice_pdf([path], tmp_path)
    table = read_table(tmp_path / "表.pdf")
    assert [(p.name, [i.name for i in p.indicators]) for p in table.projects()] == [("乡村道路养护", NAMES)]
    assert _errors(table) == []
