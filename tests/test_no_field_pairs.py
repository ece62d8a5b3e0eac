"""Pairs of a form's or department table's head that read like label | value but are no field: headings side by
side, a label awaiting its value, a stamp's place. Kept as extras, they were printed on the reports as
fields of their own (six corpus forms, six department tables: 上年度安排资金 | 本年度申请资金, 项目资金申请(万元) |
项 目, 一级指标 | 二级指标, 计划开始时间 | 计划完成时间, 预算执行率权重(%) | 项目经办人电话:)."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import no_field_pair


@pytest.mark.parametrize(("label", "value"), [
    ("年", "年"), ("2021年", "2022 年"), ("按收入性质分", "按支出性质分"), ("内容", "说明"),
    ("上年度安排资金", "本年度申请资金"), ("计划开始时间", "计划完成时间"), ("项目资金申请(万元)", "项 目"),
    ("一级指标", "二级指标"), ("预算执行率权重(%)", "项目经办人电话:"), ("填报单位", "(盖章)"), ("单位负责人", "（签字）"),
])
def test_headings_and_places_are_no_fields(label: str, value: str) -> None:
    assert no_field_pair(label, value)


@pytest.mark.parametrize(("label", "value"), [
    ("项目口径", "长期"), ("项目属性", "延续项目"), ("项目负责人及电话", "王舜17782316998"), ("项目级次", "市本级"),
    ("资金来源", "财政资金"), ("下属单位个数", "0"), ("项目编号", ""), ("预计完成时间", "2021年12月31日"),
])
def test_values_stay_fields(label: str, value: str) -> None:
    assert not no_field_pair(label, value)


N = None
FORM = [["项目名称", "流动人口服务管理", N, N], ["项目口径", "长期", N, N],
        ["项目资金申请(万元)", "项 目", "上年度安排资金", "本年度申请资金"], [N, "合计", 20, 20],
        ["年度资金总额", 20, N, N], ["年度目标", "完成流动人口信息采集。", N, N],
        ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "信息采集人数", "≥1000人"],
        ["效益指标", "社会效益指标", "社会治安", "稳定"], ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_forms_sub_table_headings_are_not_its_fields(tmp_path: Path, kind: str) -> None:
    (project,) = read_table(held_file(tmp_path, kind, FORM)).projects()
    assert project.name == "流动人口服务管理" and len(project.indicators) == 3
    assert project.extras.get("项目口径") == "长期"
    assert not {"项目资金申请(万元)", "上年度安排资金"} & set(project.extras), project.extras
