"""Classes found by the thirty-first held-out round (河北 邯郸 2019 困难群众救助 绩效目标表), built as a
workbook with its merges and as the CSV that loses them: an older target grid whose targets are grade
bands (绩效指标评价标准 over 优 | 良 | 中 | 差, no value column), on a form printing no 项目名称 — its
title names the project.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.hierarchy_labels import target_project_from_title
from perfgoals_xl.sources import read_table

N = None

GRADED = [
    ["1、邯财社2018126号提前下达2019年中央财政困难群众救助补助预算指标绩效目标表", N, N, N, N, N, N, N],
    ["绩效目标", "保障农村低保金的发放,保障农村低保户的基本生活", N, N, N, N, N, N],
    ["绩效指标分类", "绩效指标", "绩效指标描述", "绩效指标评价标准", N, N, N, "评价标准确定依据"],
    [N, N, N, "优", "良", "中", "差", N],
    ["产出指标", "救助覆盖率", "困难群众基本生活救助是否应救尽救", "100%", "90%", "85%", "85%", "按临时救助标准评价"],
    [N, "农村低保救助资金按标准发放的比率", "救助资金按标准发放的比率", "90%", "80%", "70%", "70%", "按临时救助标准评价"],
    ["效果指标", "救助对象对救助工作满意度(%)", "满意和较满意的救助对象占比", "85%", "80%", "70%", "70%", "按服务对象满意度评价"],
]
GRADED_MERGES = ["A1:H1", "B2:H2", "A3:A4", "B3:B4", "C3:C4", "D3:G3", "H3:H4", "A5:A6"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_grid_of_grade_bands_on_a_form_named_by_its_title(tmp_path: Path, kind: str) -> None:
    table = read_table(held_file(tmp_path, kind, GRADED, GRADED_MERGES))
    project = table.projects()[0]
    assert project.name == "中央财政困难群众救助补助"
    assert project.goal.startswith("保障农村低保金的发放")
    assert [(i.level1, i.name) for i in project.indicators] == [
        ("产出指标", "救助覆盖率"), ("产出指标", "农村低保救助资金按标准发放的比率"),
        ("效果指标", "救助对象对救助工作满意度(%)")]
    first = project.indicators[0]
    assert first.annual_value.raw == ""  # no target printed: nothing invented
    assert {k: first.extras[k] for k in ("优", "良", "中", "差")} == {"优": "100%", "良": "90%", "中": "85%", "差": "85%"}


def test_the_project_a_target_tables_title_names() -> None:
    assert target_project_from_title("农村公路养护项目绩效目标表") == "农村公路养护项目"
    assert target_project_from_title("关于下达2020年学前教育资金绩效目标表") == "学前教育资金"
    assert target_project_from_title("某财预〔2019〕12号城乡医疗救助资金绩效目标表") == "城乡医疗救助资金"
    for kind_only in ("2019年项目支出绩效目标表", "项目绩效目标申报表", "2023年度部门整体支出绩效目标表",
                      "某县民政局2019年项目绩效目标表", "某县民政局项目绩效目标表", "绩效目标表"):
        assert target_project_from_title(kind_only) == "", kind_only
