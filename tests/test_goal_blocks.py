"""The goal-block layout (sources/goal_blocks.py): a project's goal and indicators written together in
one 绩效目标 cell under 【一级指标-二级指标】 headings, found by the fourteenth held-out round (an 安徽
项目绩效目标和指标 table no reader took). Built here as a workbook, a CSV and a web page."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.goal_blocks import parse_block

BLOCK_A = ("【总体目标】\n保障机房租赁延续，保障设备正常运转\n【产出指标-数量指标】\n指标1:机柜数量(≥77台)\n"
           "【产出指标-时效指标】\n指标1:维护及时性(<24小时)\n【满意度指标-服务对象满意度指标】\n指标1:群众安全感(≥90%)")
BLOCK_B = ("【总体目标】\n保障执法办案\n【产出指标-质量指标】\n指标1:案件办结率（≥95%）\n指标2:办案规范性(规范)\n"
           "【效益指标-社会效益指标】\n指标1:社会治安(持续向好)")

ROWS: list[list[object]] = [
    ["某市公安局2025年项目绩效目标和指标"],
    ["单位编码", "单位名称(项目类别/支出项目)", "年度预算安排", "项目内容", "绩效目标"],
    [None, "某市公安局", 3200, None, None],
    ["037001", "某市公安局", 3200, None, None],
    [None, "其他运转类", 168, None, None],
    ["037001", "机房租赁服务采购项目", 168, "【项目概况】:租赁机房机柜77个", BLOCK_A],
    [None, "本级项目", 100, None, None],
    ["037001", "执法办案费", 100, "【项目概况】:保障执法办案", BLOCK_B],
]

EXPECTED = [
    ("机房租赁服务采购项目", "保障机房租赁延续，保障设备正常运转", 168,
     [("产出指标", "数量指标", "机柜数量", "≥77台"), ("产出指标", "时效指标", "维护及时性", "<24小时"),
      ("满意度指标", "服务对象满意度指标", "群众安全感", "≥90%")]),
    ("执法办案费", "保障执法办案", 100,
     [("产出指标", "质量指标", "案件办结率", "≥95%"), ("产出指标", "质量指标", "办案规范性", "规范"),
      ("效益指标", "社会效益指标", "社会治安", "持续向好")]),
]


def _write(tmp_path: Path, kind: str, rows: list[list[object]] = ROWS) -> Path:
    ROWS = rows  # noqa: N806 - the rows written, as the module's by default
    if kind == "csv":
        path = tmp_path / "目标.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows([["" if v is None else v for v in row] for row in ROWS])
        return path
    if kind == "html":
        def cell(v: object) -> str:
            return "<td>" + "".join(f"<p>{line}</p>" for line in str(v or "").splitlines()) + "</td>"
        body = "".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in ROWS[1:])
        path = tmp_path / "目标.html"
        path.write_text(f"<html><head><meta charset='utf-8'></head><body><p>{ROWS[0][0]}</p>"
                        f"<table border='1'>{body}</table></body></html>", encoding="utf-8")
        return path
    wb = openpyxl.Workbook()
    for row in ROWS:
        wb.active.append(row)
    path = tmp_path / "目标.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("kind", ["xlsx", "csv", "html"])
def test_goal_blocks_read_as_projects_with_their_indicators(tmp_path: Path, kind: str) -> None:
    table = read_table(_write(tmp_path, kind))
    got = [(p.name, p.goal, p.amounts.total, [(i.level1, i.level2, i.name, i.annual_value.raw) for i in p.indicators])
           for p in table.projects()]
    assert got == EXPECTED
    assert table.department == "某市公安局"
    assert [u.name for u in table.units] == ["某市公安局"]


def test_an_indicator_keeps_the_place_of_its_cell(tmp_path: Path) -> None:
    first = read_table(_write(tmp_path, "xlsx")).projects()[0].indicators[0]
    assert first.field_locations["name"].cell == "E6"


def test_a_block_wrapped_over_lines_reads_the_same() -> None:
    """A PDF wraps headings and items anywhere: the cell is read by its marks, not its lines."""
    wrapped = "【总体目标】保障机房\n租赁延续，保障设备正常运转【产出指标-数\n量指标】指标1:机柜数\n量(≥77台)"
    assert parse_block(wrapped) == ("保障机房租赁延续，保障设备正常运转", [("产出指标", "数量指标", "机柜数量", "≥77台")])


def test_a_cell_without_level_headings_is_no_block() -> None:
    assert parse_block("保障机房租赁延续\n指标1:机柜数量(≥77台)") is None
    assert parse_block("【项目概况】:租赁机房") is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("【】-:：指标12(（)）总体目标产出数量 \n")), max_size=400))
def test_any_cell_text_parses_or_is_refused_without_error(text: str) -> None:
    found = parse_block(text)
    assert found is None or all(len(item) == 4 for item in found[1])


def test_spaced_header_words_are_the_same_header(tmp_path: Path) -> None:
    """单 位 名 称 | 绩 效 目 标 (the header words spaced out, as 湖南 and 四川 tables print them)."""
    rows = [ROWS[0], [" ".join(str(v)) for v in ROWS[1]], *ROWS[2:]]
    table = read_table(_write(tmp_path, "xlsx", rows))
    assert [(p.name, len(p.indicators)) for p in table.projects()] == [(name, len(inds)) for name, _, _, inds in EXPECTED]


@pytest.mark.parametrize("goal_header", ["年度绩效目标", "年度目标", "项目绩效目标", "年度总体目标"])
@pytest.mark.parametrize("kind", ["xlsx", "html"])
def test_the_goal_column_headed_as_other_templates_do(tmp_path: Path, goal_header: str, kind: str) -> None:
    """The block column headed 年度绩效目标 / 年度目标 (not 绩效目标): still the goal-block table — not a
    department table, although 单位名称 | 年度预算安排 | … | 年度绩效目标 holds a 部门名称-like label and a
    goal label (a header row: the text right of 单位名称 is a header, no department's name)."""
    rows = [ROWS[0], [*ROWS[1][:4], goal_header], *ROWS[2:]]
    table = read_table(_write(tmp_path, kind, rows))
    assert table.kind == "project"
    got = [(p.name, p.goal, p.amounts.total, [(i.level1, i.level2, i.name, i.annual_value.raw) for i in p.indicators])
           for p in table.projects()]
    assert got == EXPECTED


@pytest.mark.parametrize("kind", ["xlsx", "csv", "html"])
def test_the_department_row_under_a_spacer_row(tmp_path: Path, kind: str) -> None:
    """A blank row between the header and the department's own row (某市公安局 | 3200, no code): still the
    department — was no department at all (the row was looked for right under the header)."""
    rows = [["2025年项目绩效目标和指标"], ROWS[1], [None] * 5, *ROWS[2:]]
    table = read_table(_write(tmp_path, kind, rows))
    assert table.department == "某市公安局"
    assert [p.name for p in table.projects()] == ["机房租赁服务采购项目", "执法办案费"]
