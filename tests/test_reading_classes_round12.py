"""Classes found by the twelfth held-out round (docs/fidelity.md): older one-project target forms whose
indicator grid prints no 一级指标 / 二级指标 headers, each on a fixture built here in the shape of the
family (not a copy of a corpus table), as a workbook, a CSV, a Word table and a saved web page:

- the 投入/产出/效果 template (福建 2017 专项): 专项名称 | 概况 | 总体绩效目标, then 绩效目标 (over two
  columns: 投入 | 成本目标, 产出 | 数量目标 …) | 评价指标 (目标1, 目标2: ordinals) | 绩效内容 (the
  indicator) | 绩效标准 | 全年绩效目标 (the target) — was refused as a web page, CSV and PDF, and read
  with no indicator from a workbook;
- the 指标类型 | 指标名称 | 绩效目标 | 绩效标准 template (海南 2016): 指标类型 holds 产出指标 / 成效指标
  (the level 1; 成效 is the older word for 效益) and 绩效目标 heads the target column — a grid header
  word here, the form's goal label everywhere else.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from form_fixtures import Cell, c, docx_forms, xlsx_forms

from perfgoals_xl import framework
from perfgoals_xl.model import PerfTable
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import grid_target_of, is_ordinal


def _csv(path: Path, cells: list[Cell], before: list[str]) -> Path:
    """The layout as a CSV: a merged cell's text in its first cell, the cells it covered blank."""
    rows = max(r2 for _, _, _, r2, _ in cells) + 1
    cols = max(c2 for _, _, _, _, c2 in cells) + 1
    grid = [["" for _ in range(cols)] for _ in range(rows)]
    for r, col, value, _, _ in cells:
        grid[r][col] = "" if value is None else str(value)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([[line] + [""] * (cols - 1) for line in before] + grid)
    return path


def _html(path: Path, cells: list[Cell], before: list[str]) -> Path:
    """The layout as a saved web page: lines as paragraphs above one <table> with rowspan / colspan."""
    rows = max(r2 for _, _, _, r2, _ in cells) + 1
    parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>公开</title></head><body>']
    parts += [f"<p>{line}</p>" for line in before]
    parts.append('<table border="1">')
    for r in range(rows):
        parts.append("<tr>")
        for rr, col, value, r2, c2 in sorted(cells, key=lambda cell: cell[1]):
            if rr == r:
                span = (f' rowspan="{r2 - rr + 1}"' if r2 > rr else "") + (f' colspan="{c2 - col + 1}"' if c2 > col else "")
                parts.append(f"<td{span}>{'' if value is None else value}</td>")
        parts.append("</tr>")
    parts.append("</table></body></html>")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def written(kind: str, tmp_path: Path, cells: list[Cell], before: list[str]) -> Path:
    """The form in one container: lines above the table, then the table."""
    if kind == "csv":
        return _csv(tmp_path / "t.csv", cells, before)
    if kind == "html":
        return _html(tmp_path / "t.html", cells, before)
    if kind == "docx":
        return docx_forms(tmp_path / "t.docx", [cells], before)
    lines = [c(i, 0, line) for i, line in enumerate(before)]
    shifted = [(r + len(before), col, v, r2 + len(before), c2) for r, col, v, r2, c2 in cells]
    return xlsx_forms(tmp_path / "t.xlsx", [[lines + shifted]])


KINDS = ("xlsx", "csv", "docx", "html")
SOFFICE = shutil.which("soffice")


def printed(tmp_path: Path, cells: list[Cell], before: list[str]) -> Path:
    """The saved web page printed to PDF (ruled cells, merges as drawn) by LibreOffice."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    page = _html(tmp_path / "t.html", cells, before)
    subprocess.run([SOFFICE or "soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", str(tmp_path), str(page)],
                   check=True, capture_output=True, timeout=180)
    return tmp_path / "t.pdf"


def errors(table: PerfTable) -> list[str]:
    """The error findings as CODE message."""
    return [f"{i.code} {i.message}" for i in check_table(table) if i.severity == "error"]


# --- class 1: the 投入/产出/效果 template (绩效目标 over the two level columns) ----------------------

def input_output_form() -> list[Cell]:
    """专项名称 / 概况 / 总体绩效目标 over a grid 绩效目标 (2 columns) | 评价指标 | 绩效内容 | 绩效标准 | 全年绩效目标."""
    return [
        c(0, 0, "专项名称"), c(0, 1, "农村饮水安全巩固提升补助", c2=5),
        c(1, 0, "概况"), c(1, 1, "补助各县维修改造农村集中供水工程，保障群众饮水安全", c2=5),
        c(2, 0, "总体绩效目标"), c(2, 1, "完成农村供水工程维修改造，提升农村自来水普及率", c2=5),
        c(3, 0, "绩效目标", c2=1), c(3, 2, "评价指标"), c(3, 3, "绩效内容"), c(3, 4, "绩效标准"), c(3, 5, "全年绩效目标"),
        c(4, 0, "投入", r2=5), c(4, 1, "成本目标", r2=5), c(4, 2, "目标1"), c(4, 3, "补助资金及时拨付"),
        c(4, 4, "按进度拨付"), c(4, 5, "9月底前全部拨付"),
        c(5, 2, "目标2"), c(5, 3, "工程单位造价控制"), c(5, 4, "不超过批复概算"), c(5, 5, "≤批复概算"),
        c(6, 0, "产出", r2=7), c(6, 1, "数量目标"), c(6, 2, "目标1"), c(6, 3, "维修改造供水工程"),
        c(6, 4, "按计划完成"), c(6, 5, "120处"),
        c(7, 1, "质量目标"), c(7, 2, "目标2"), c(7, 3, "工程验收合格率"), c(7, 4, "全部合格"), c(7, 5, "100%"),
        c(8, 0, "效果"), c(8, 1, "社会效益目标"), c(8, 2, "目标1"), c(8, 3, "农村自来水普及率"),
        c(8, 4, "较上年提高"), c(8, 5, "≥90%"),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_the_input_output_template_is_read_as_a_form(tmp_path: Path, kind: str) -> None:
    path = written(kind, tmp_path, input_output_form(), ["2017年财政支出项目绩效目标表", "主管部门名称:某省水利厅"])
    table = read_table(path)
    assert table.layout in {"form", "html", "word"}
    (project,) = table.projects()
    assert project.name == "农村饮水安全巩固提升补助"
    assert project.goal == "完成农村供水工程维修改造，提升农村自来水普及率"
    got = [(i.level1, i.level2, i.name, i.annual_value.raw, i.extras.get("绩效标准")) for i in project.indicators]
    assert got == [
        ("投入", "成本目标", "补助资金及时拨付", "9月底前全部拨付", "按进度拨付"),
        ("投入", "成本目标", "工程单位造价控制", "≤批复概算", "不超过批复概算"),
        ("产出", "数量目标", "维修改造供水工程", "120处", "按计划完成"),
        ("产出", "质量目标", "工程验收合格率", "100%", "全部合格"),
        ("效果", "社会效益目标", "农村自来水普及率", "≥90%", "较上年提高"),
    ]
    assert all("评价指标" not in i.extras for i in project.indicators)  # the 目标1 ordinals: no field
    assert not errors(table)  # 投入 | 成本目标 is the 2021 成本指标, 效果 the older 效益, 数量目标 a 数量指标
    assert any("较早的模板" in p.message for p in table.problems)  # the reading is said, not silent


# --- class 2: 指标类型 | 指标名称 | 绩效目标 | 绩效标准 (grades) ---------------------------------------

def type_name_target_form() -> list[Cell]:
    """A goal LABEL 绩效目标 above a grid whose header 绩效目标 heads the targets; 绩效标准 over four grade
    columns left blank; 产出指标 merged down; 成效指标; an older 效率指标 the framework lacks."""
    return [
        c(0, 0, "项目名称"), c(0, 1, "城市社区图书室建设", c2=6),
        c(1, 0, "绩效目标"), c(1, 1, "建成社区图书室20个，方便居民就近阅读", c2=6),
        c(2, 0, "指标类型"), c(2, 1, "指标名称"), c(2, 2, "绩效目标"), c(2, 3, "绩效标准", c2=6),
        c(3, 0, "产出指标", r2=4), c(3, 1, "新建社区图书室"), c(3, 2, "建成图书室20个，每个藏书不少于3000册"),
        c(3, 3, None), c(3, 4, None), c(3, 5, None), c(3, 6, None),
        c(4, 1, "图书配送"), c(4, 2, "全年配送新书6万册"), c(4, 3, None), c(4, 4, None), c(4, 5, None), c(4, 6, None),
        c(5, 0, "成效指标"), c(5, 1, "居民阅读条件"), c(5, 2, "社区居民就近借阅图书"),
        c(5, 3, None), c(5, 4, None), c(5, 5, None), c(5, 6, None),
        c(6, 0, "效率指标"), c(6, 1, "项目资金到位率"), c(6, 2, "全年资金到位率100%"),
        c(6, 3, None), c(6, 4, None), c(6, 5, None), c(6, 6, None),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_type_name_target_grid_reads_its_target_column(tmp_path: Path, kind: str) -> None:
    table = read_table(written(kind, tmp_path, type_name_target_form(), ["项目绩效目标表"]))
    (project,) = table.projects()
    assert project.name == "城市社区图书室建设"
    assert project.goal == "建成社区图书室20个，方便居民就近阅读"  # the label above stays the goal
    got = [(i.level1, i.name, i.annual_value.raw) for i in project.indicators]
    assert got == [
        ("产出指标", "新建社区图书室", "建成图书室20个，每个藏书不少于3000册"),
        ("产出指标", "图书配送", "全年配送新书6万册"),
        ("成效指标", "居民阅读条件", "社区居民就近借阅图书"),
        ("效率指标", "项目资金到位率", "全年资金到位率100%"),  # read as printed, reported as no framework level
    ]
    found = errors(table)
    assert [e for e in found if e.startswith("PG-S03")] == [
        "PG-S03 一级指标“效率指标”不在指标体系中（应为 产出指标、效益指标、满意度指标 或 成本指标）"]


@pytest.mark.parametrize("kind", ("xlsx", "csv"))
def test_a_quantitative_type_column_gives_no_levels(tmp_path: Path, kind: str) -> None:
    """指标类型 of 定量/定性 | 指标名称 | 绩效目标: no level column by content, so the levels stay blank (said,
    never guessed), 指标类型 is the nature and 绩效目标 the target — not the form's goal."""
    cells = [
        c(0, 0, "项目名称"), c(0, 1, "道路照明维护"),
        c(1, 0, "指标类型"), c(1, 1, "指标名称"), c(1, 2, "绩效目标"),
        c(2, 0, "定量"), c(2, 1, "路灯亮灯率"), c(2, 2, "≥98%"),
        c(3, 0, "定性"), c(3, 1, "夜间出行安全"), c(3, 2, "明显改善"),
    ]
    table = read_table(written(kind, tmp_path, cells, []))
    (project,) = table.projects()
    assert project.goal == ""
    assert [(i.level1, i.level2, i.name, i.nature, i.annual_value.raw) for i in project.indicators] == [
        ("", "", "路灯亮灯率", "定量", "≥98%"), ("", "", "夜间出行安全", "定性", "明显改善")]
    assert not [e for e in errors(table) if e.startswith(("PG-S03", "PG-S04"))]


@pytest.mark.parametrize("kind", ("xlsx", "csv"))
def test_a_goal_label_row_with_a_name_header_row_below_it_is_no_older_grid(tmp_path: Path, kind: str) -> None:
    """A 绩效目标 label beside its text, over the official grid: the goal stays the label's, the grid reads
    as ever (no header row holds 绩效目标 beside a name column)."""
    cells = [
        c(0, 0, "项目名称"), c(0, 1, "道路照明维护", c2=3),
        c(1, 0, "绩效目标"), c(1, 1, "保障城区路灯正常运行", c2=3),
        c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "指标值"),
        c(3, 0, "产出指标"), c(3, 1, "质量指标"), c(3, 2, "路灯亮灯率"), c(3, 3, "≥98%"),
    ]
    (project,) = read_table(written(kind, tmp_path, cells, [])).projects()
    assert project.goal == "保障城区路灯正常运行"
    assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in project.indicators] == [
        ("产出指标", "质量指标", "路灯亮灯率", "≥98%")]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: cannot print the pages")
def test_both_older_grids_printed_to_pdf_are_read_as_forms(tmp_path: Path) -> None:
    first = read_table(printed(tmp_path / "a", input_output_form(), ["主管部门名称:某省水利厅"]))
    assert first.layout == "pdf_form"
    assert [(i.level1, i.level2, i.annual_value.raw) for _, _, i in first.indicators()][::2] == [
        ("投入", "成本目标", "9月底前全部拨付"), ("产出", "数量目标", "120处"), ("效果", "社会效益目标", "≥90%")]
    second = read_table(printed(tmp_path / "b", type_name_target_form(), ["项目绩效目标表"]))
    assert second.layout == "pdf_form"
    assert [(i.level1, i.name) for _, _, i in second.indicators()][1:3] == [("产出指标", "图书配送"),
                                                                            ("成效指标", "居民阅读条件")]


# --- the vocabulary of the class ---------------------------------------------------------------

def test_older_level_words_resolve_in_the_framework() -> None:
    assert framework.level1_by_name("成效指标").code == "2"
    assert framework.level1_by_name("效果").code == "2"
    assert framework.level1_by_name("投入").code == "4"
    assert [framework.level2_by_name(n).code for n in ("数量目标", "质量目标", "时效目标", "成本目标")] == [
        "11", "12", "13", "14"]
    assert framework.level2_by_name("成本目标", "4").code == "41"  # 投入 | 成本目标: the budget
    assert framework.level1_by_name("效率指标") is None  # no framework class: reported, never guessed


def test_grid_target_and_ordinal_words() -> None:
    assert grid_target_of("绩效目标") == "value" and grid_target_of("全年绩效目标") == "annual_value"
    assert grid_target_of("年度 绩效目标") == "annual_value"
    assert grid_target_of("总体绩效目标") is None and grid_target_of("绩效目标值说明") is None
    assert all(is_ordinal(t) for t in ("目标1", "目标 2", "指标3", "4", "第五", "1."))
    assert not any(is_ordinal(t) for t in ("目标值", "指标名称", "发放补贴", "100%", "2017年", ""))
