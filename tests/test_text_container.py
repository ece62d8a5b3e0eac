"""Delimited text as a container (sources/containers/text.py): a form saved as CSV reads like the
workbook, a ``|`` table reads, and prose with ASCII commas is not a CSV (docs/containers.md)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from form_fixtures import Cell, form_88, form_provincial, xlsx_forms
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import read_table, sniff
from perfgoals_xl.sources.containers.text import delimiter_of, looks_delimited


def form_csv(path: Path, cells: list[Cell], *, delimiter: str = ",", encoding: str = "utf-8-sig") -> Path:
    """A form as Excel saves it as CSV: every row as wide as the sheet, a merged range's value in its
    top-left cell only."""
    rows = max(r2 for *_, r2, _ in cells) + 1
    width = max(c2 for *_, c2 in cells) + 1
    grid = [[""] * width for _ in range(rows)]
    for r, c, value, _, _ in cells:
        grid[r][c] = "" if value is None else str(value)
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(grid)
    return path


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])  # gb18030: Excel's CSV on a Chinese Windows
@pytest.mark.parametrize("variant", [form_88, form_provincial])
def test_a_form_saved_as_csv_reads_like_the_workbook(tmp_path: Path, variant, encoding: str) -> None:
    cells, expected = variant()
    from_xlsx = read_table(xlsx_forms(tmp_path / "form.xlsx", [[cells]]))
    path = form_csv(tmp_path / "form.csv", cells, encoding=encoding)
    assert sniff(path) == "longform"  # a delimited text: read grid by grid, the detector finds the form
    table = read_table(path)
    assert table.layout == "form"
    (project,) = table.projects()
    (want,) = from_xlsx.projects()
    assert (table.department, table.department_code) == (from_xlsx.department, from_xlsx.department_code)
    assert [u.name for u in table.units] == [u.name for u in from_xlsx.units]
    for key in ("name", "code", "category", "term", "period_goal", "goal", "implementer", "amounts", "extras"):
        assert getattr(project, key) == getattr(want, key), key
    assert [(i.level1, i.level2, i.name, i.period_value.raw, i.annual_value.raw, i.extras) for i in project.indicators] \
        == [(i.level1, i.level2, i.name, i.period_value.raw, i.annual_value.raw, i.extras) for i in want.indicators]
    assert project.name == expected.name
    where = project.field_locations["name"]
    assert (where.line, where.cell) == (int(want.field_locations["name"].cell[1:]), want.field_locations["name"].cell)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])  # utf-16: Excel's "Unicode 文本" (.txt)
def test_a_tab_separated_form_pasted_or_saved_as_text(tmp_path: Path, encoding: str) -> None:
    cells, expected = form_88()
    path = form_csv(tmp_path / "粘贴.txt", cells, delimiter="\t", encoding=encoding)
    (project,) = read_table(path).projects()
    assert project.name == expected.name and project.goal == expected.goal
    assert [(i.name, i.annual_value.raw) for i in project.indicators] == [(i[2], i[4]) for i in expected.indicators]


PIPE = """部门名称：某某区教育局
单位：万元
| 项目名称 | 预算数 | 一级指标 | 二级指标 | 三级指标 | 指标值 |
|---|---|---|---|---|---|
| 校舍维修 | 120.5 | 产出指标 | 数量指标 | 维修面积 | ≥2000平方米 |
| | | 产出指标 | 质量指标 | 验收合格率 | 100% |
| 营养餐 | 30 | 效益指标 | 社会效益指标 | 受益学生人数 | ≥500人 |
"""


def test_a_pipe_separated_table(tmp_path: Path) -> None:
    path = tmp_path / "表.txt"
    path.write_text(PIPE, encoding="utf-8")
    assert delimiter_of(PIPE) == "|"
    table = read_table(path)
    assert table.department == "某某区教育局"
    first, second = table.projects()
    assert (first.name, first.amounts.total) == ("校舍维修", Decimal("120.5"))
    assert [(i.level2, i.name, i.annual_value.raw) for i in first.indicators] == [
        ("数量指标", "维修面积", "≥2000平方米"), ("质量指标", "验收合格率", "100%")]
    assert (second.name, second.amounts.total) == ("营养餐", Decimal(30))
    plain = tmp_path / "plain.txt"  # without the outer bars
    lines = [line[2:-2] if line.startswith("| ") else line for line in PIPE.splitlines() if "---" not in line]
    plain.write_text("\n".join(lines), encoding="utf-8")
    assert [p.name for p in read_table(plain).projects()] == ["校舍维修", "营养餐"]


PROSE = """关于2024年度预算编制工作的说明, 供参考
今年, 我们根据上级要求, 认真编制了部门预算, 并对项目进行了绩效目标管理.
各单位要按时报送, 不得延误, 如有问题, 请及时联系, 谢谢.
"""


def test_prose_with_commas_is_not_a_csv(tmp_path: Path) -> None:
    assert not looks_delimited(PROSE)
    path = tmp_path / "说明.txt"
    path.write_text(PROSE, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_table(path)
    assert "CSV" not in str(err.value) and "一行一指标的表头" not in str(err.value)


def test_a_txt_that_splits_into_fields_but_holds_no_table_is_not_a_csv_error(tmp_path: Path) -> None:
    text = "甲,乙,丙,丁\n一,二,三,四\n五,六,七,八\n"
    path = tmp_path / "随手记.txt"
    path.write_text(text, encoding="utf-8")
    assert looks_delimited(text)
    with pytest.raises(InputError) as err:
        read_table(path)
    assert "一行一指标的表头" not in str(err.value)  # read as published text: its reader says what is missing
    csv_path = tmp_path / "随手记.csv"  # a real .csv keeps the long-format message
    csv_path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="一行一指标的表头"):
        read_table(csv_path)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab ,|\t;\"'项目\n")), max_size=40), max_size=8))
def test_the_separator_judge_never_fails(lines: list[str]) -> None:
    text = "\n".join(lines)
    found = delimiter_of(text)
    assert found in (None, ",", "\t", "|", ";")
    assert looks_delimited(text) in (True, False)


@pytest.mark.parametrize("delimiter", ["\t", ","], ids=["tab", "comma"])
def test_a_table_pasted_as_text_whose_cells_hold_line_breaks(tmp_path: Path, delimiter: str) -> None:
    """A department's 绩效目标 written on many lines in one cell, pasted as text (.txt): the quoted cell
    is one field of one record, so the text is still a table, read like its workbook (was: judged line by
    line, the goal's lines made it prose — 不是项目支出绩效目标表)."""
    goal = "\n".join(f"{n}.完成第{n}项工作任务，按期验收。" for n in range(1, 13))
    rows = [["项目名称", "农村公路养护", "", ""], ["年度绩效目标", goal, "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "养护里程", "≥120公里"], ["效益指标", "社会效益指标", "群众出行条件", "明显改善"]]
    path = tmp_path / "粘贴.txt"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    assert delimiter_of(path.read_text(encoding="utf-8")) == delimiter
    project = read_table(path).projects()[0]
    assert project.name == "农村公路养护" and project.goal == goal
    assert [i.name for i in project.indicators] == ["养护里程", "群众出行条件"]
