"""The whole term's value column as provinces head it, beside the year's: 总体指标值 / 整体目标值 / 全周期目标值 /
项目周期指标值, bare 中期 / 实施期 / 项目期 (under no group), and a span of years (2024-2026年指标值) beside one
year (2024年指标值). Read before with the term's column unknown: its values lost, or — years on both — no
value read at all (a false PG-S05 on every indicator). Every layout reads the header through the one
vocabulary, the dated columns through level_columns.dated_values."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

GOAL = "完成农村公路日常养护300公里，保障道路安全畅通。"
ROWS = [("产出指标", "数量指标", "养护里程", "≥300公里", "≥900公里"), ("效益指标", "社会效益指标", "群众出行条件", "改善", "明显改善"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "≥95%")]
PAIRS = [("年度指标值", "总体指标值"), ("本年度目标值", "全周期目标值"), ("年度", "中期"), ("年度指标值", "项目周期指标值"),
         ("年度目标值", "整体目标值"), ("2024年指标值", "2024-2026年指标值")]


def _form(annual: str, term: str) -> list[list[object]]:
    return [["项目名称", "乡村道路养护", None, None, None], ["年度资金总额", 120, None, None, None],
            ["年度绩效目标", GOAL, None, None, None], ["一级指标", "二级指标", "三级指标", annual, term], *map(list, ROWS)]


def _department(annual: str, term: str) -> list[list[object]]:
    return [["部门名称", "某县交通运输局", None, None, None], ["年度预算", 3500, None, None, None],
            ["年度绩效总目标", "全面完成年度交通建设任务。", None, None, None],
            ["一级指标", "二级指标", "三级指标", annual, term], *map(list, ROWS)]


def _long(annual: str, term: str) -> list[list[object]]:
    return [["项目名称", "年度绩效目标", "一级指标", "二级指标", "三级指标", annual, term],
            *(["乡村道路养护", GOAL, *r] for r in ROWS)]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize(("annual", "term"), PAIRS, ids=[p[1] for p in PAIRS])
@pytest.mark.parametrize("layout", [_form, _long, _department], ids=["form", "long", "department"])
def test_the_terms_value_column_beside_the_years(tmp_path: Path, kind: str, annual: str, term: str, layout) -> None:  # noqa: ANN001
    table = read_table(held_file(tmp_path, kind, layout(annual, term)))
    indicators = table.plan.indicators if table.plan is not None else table.projects()[0].indicators
    got = [(i.name, i.annual_value.raw, i.period_value.raw) for i in indicators]
    assert got == [(r[2], r[3], r[4]) for r in ROWS]
    assert not [f for f in check_table(table) if f.severity == "error"]
