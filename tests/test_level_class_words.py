"""Level names written with 类 (产出类指标, 效益类指标, 满意度类, 数量类指标) or by their quality's noun (时效性指标,
及时性指标, 满意程度) are the framework's levels: they were unknown, a false PG-S03 / PG-S04 error on every
indicator and PG-C02 / PG-C03 on the project."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl import framework
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table


@pytest.mark.parametrize(("written", "level1", "level2"), [
    ("产出类指标", "产出指标", None), ("效益类指标", "效益指标", None), ("效益类", "效益指标", None),
    ("满意度类指标", "满意度指标", "服务对象满意度指标"), ("数量类指标", None, "数量指标"), ("成本类指标", "成本指标", "成本指标"),
    ("分类", None, None), ("时效性指标", None, "时效指标"), ("及时性指标", None, "时效指标"),
    ("满意程度", None, "服务对象满意度指标")])
def test_a_level_written_with_lei(written: str, level1: str | None, level2: str | None) -> None:
    found1, found2 = framework.level1_by_name(written), framework.level2_by_name(written)
    assert (found1.name if found1 else None, found2.name if found2 else None) == (level1, level2)


def test_a_form_printing_lei_levels_reads_without_false_errors(tmp_path: Path) -> None:
    rows = [["项目名称", "乡村道路养护", None, None], ["年度资金总额", 120, None, None],
            ["年度绩效目标", "完成农村公路日常养护300公里，保障道路安全畅通。", None, None],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出类指标", "数量类指标", "养护里程", "≥300公里"],
            ["效益类指标", "社会效益类指标", "群众出行条件", "明显改善"], ["满意度类指标", "服务对象满意度类指标", "群众满意度", "≥95%"]]
    table = read_table(held_file(tmp_path, "xlsx", rows))
    assert not [f for f in check_table(table) if f.severity == "error"]
