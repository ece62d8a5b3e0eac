"""A long table with no 项目名称 column, its header printed once, each project a section row above its
indicators: ``项目名称：乡村道路养护``, ``一、乡村道路养护``, ``桥梁维修（80万元）`` — one text across the row (merged, or
its first cell in a CSV). Read before as one nameless project holding every indicator (a false PG-S01 and
the projects mixed), or — ``项目名称：…`` rows — as forms with no indicator grid (every indicator lost)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.section_rows import section_project

HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]
ROAD = [["产出指标", "数量指标", "养护里程", "≥300公里"], ["效益指标", "社会效益指标", "群众出行条件", "明显改善"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"]]
BRIDGE = [["产出指标", "数量指标", "维修桥梁数", "3座"], ["效益指标", "社会效益指标", "通行安全", "有效保障"],
          ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]]
STYLES = {"labelled": ("项目名称：乡村道路养护", "项目名称：桥梁维修"), "numbered": ("一、乡村道路养护", "二、桥梁维修"),
          "amounts": ("乡村道路养护（120万元）", "桥梁维修（80万元）")}


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("style", list(STYLES))
def test_each_section_row_names_the_project_under_it(tmp_path: Path, kind: str, style: str) -> None:
    first, second = STYLES[style]
    rows = [HEADER, [first, None, None, None], *ROAD, [second, None, None, None], *BRIDGE]
    table = read_table(held_file(tmp_path, kind, rows, merges=["A2:D2", "A6:D6"]))
    got = [(p.name, [i.name for i in p.indicators]) for p in table.projects()]
    assert got == [("乡村道路养护", ["养护里程", "群众出行条件", "群众满意度"]), ("桥梁维修", ["维修桥梁数", "通行安全", "群众满意度"])]
    if style == "amounts":
        assert [p.amounts.total for p in table.projects()] == [Decimal(120), Decimal(80)]
    assert not [f for f in check_table(table) if f.code == "PG-S01"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("one_cell", [True, False], ids=["one-cell", "cells"])
def test_a_section_row_of_label_value_pairs(tmp_path: Path, kind: str, one_cell: bool) -> None:
    def section(name: str, amount: str, goal: str) -> list[object]:
        pairs = [f"项目名称：{name}", f"预算金额：{amount}", f"绩效目标：{goal}"]
        return ["　　".join(pairs), None, None, None] if one_cell else [*pairs, None]
    rows = [HEADER, section("乡村道路养护", "120万元", "完成养护300公里。"), *ROAD,
            section("桥梁维修", "80万元", "维修危桥3座。"), *BRIDGE]
    table = read_table(held_file(tmp_path, kind, rows))
    got = [(p.name, p.amounts.total, p.goal, len(p.indicators)) for p in table.projects()]
    assert got == [("乡村道路养护", Decimal(120), "完成养护300公里。", 3), ("桥梁维修", Decimal(80), "维修危桥3座。", 3)]


@pytest.mark.parametrize(("text", "found"), [
    ("项目名称：乡村道路养护", ("乡村道路养护", None)), ("（二）桥梁维修", ("桥梁维修", None)),
    ("桥梁维修(80.5万元)", ("桥梁维修", Decimal("80.5"))), ("农村公路养护补助资金", ("农村公路养护补助资金", None)),
    ("产出指标", None), ("实施效果指标", None), ("合计", None), ("注：金额单位万元", None), ("填报人：张三", None),
    ("群众满意度", None), ("完成农村公路养护300公里，保障安全畅通。", None)])
def test_what_a_section_row_is(text: str, found: tuple[str, Decimal | None] | None) -> None:
    assert section_project(text) == found
