"""A web page pasted or saved with its table keeps the page's own lines above it: 发布时间：… 信息来源：…
阅读次数, 索 引 号：…, 浏览量 | 1, 2017年07月31日来源：…. A form or department block read them as fields of the
table — kept as extras and printed on the official form (``report --form``: 发布时间 beside 项目期). They are
the page's: never a field of the table."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.page_chrome import is_page_field, is_page_info

GOAL = "完成农村公路日常养护300公里，保障道路安全畅通。"
GRID = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "养护里程", "≥300公里"],
        ["效益指标", "社会效益指标", "群众出行条件", "明显改善"], ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"]]
CHROME = [["发布时间:2023-07-11 15:16 信息来源:某县发改委 阅读次数: ", None, None, None],
          ["索 引 号:007329896/2019-11414 发文机关:市交通运输局 发文日期:2019-04-29", None, None, None],
          ["浏览量", "1", None, None], ["2017年07月31日来源：某某网", None, None, None]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_forms_page_lines_are_no_fields(tmp_path: Path, kind: str) -> None:
    rows = [*CHROME, ["项目名称", "乡村道路养护", None, None], ["年度资金总额", 120, None, None], ["年度绩效目标", GOAL, None, None],
            ["项目来源", "本级申报项目", None, None], *GRID]
    project = read_table(held_file(tmp_path, kind, rows)).projects()[0]
    assert project.extras == {"项目来源": "本级申报项目"}  # (the table's own field, 来源 in its name, kept)
    assert len(project.indicators) == 3


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_department_tables_page_lines_are_no_fields(tmp_path: Path, kind: str) -> None:
    rows = [*CHROME, ["部门名称", "某县交通运输局", None, None], ["发布机构", "某县交通运输局", None, None],
            ["年度预算", 500, None, None], ["年度绩效总目标", GOAL, None, None], *GRID]
    table = read_table(held_file(tmp_path, kind, rows))
    assert table.plan is not None and table.plan.name == "某县交通运输局" and not table.plan.extras


@pytest.mark.parametrize(("label", "value", "page"), [
    ("发布时间", "2023-07-11 15:16", True), ("索 引 号", "007329896/2019-11414", True), ("浏览量", "1", True),
    ("2017年07月31日来源", "某某网", True), ("项目来源", "本级申报项目", False), ("资金来源", "财政拨款", False),
    ("主管部门", "某局", False)])
def test_page_fields(label: str, value: str, page: bool) -> None:
    assert is_page_field(label, value) is page
    assert is_page_info(f"{label}：{value}") is page
