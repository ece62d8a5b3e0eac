"""Several indicators listed in one row, line for line (a form filled one row per 二级指标:
数量指标 | 养护里程⏎桥梁检查次数 | ≥300公里⏎≥12次): each is an indicator of its own, in every layout
(sources/listed_indicators.py, run on every table read). Read before as one indicator named
养护里程桥梁检查次数 holding two values. A name wrapped over two lines with one value stays one name."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file
from hypothesis import given
from hypothesis import strategies as st

from perfgoals_xl.model import Indicator, PerfTable
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.listed_indicators import split_listed
from perfgoals_xl.values import parse_value

GOAL = "完成农村公路日常养护300公里，保障道路安全畅通。"
ROWS = [["产出指标", "数量指标", "养护里程\n桥梁检查次数", "≥300公里\n≥12次"],
        ["产出指标", "质量指标", "1.验收合格率\n2.路况优良率", "1.100%\n2.≥85%"],
        ["效益指标", "社会效益指标", "（1）群众出行条件；（2）道路通行能力", "（1）明显改善；（2）有所提升"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"]]
EXPECTED = [("数量指标", "养护里程", "≥300公里"), ("数量指标", "桥梁检查次数", "≥12次"),
            ("质量指标", "1.验收合格率", "100%"), ("质量指标", "2.路况优良率", "≥85%"),
            ("社会效益指标", "（1）群众出行条件", "明显改善"), ("社会效益指标", "（2）道路通行能力", "有所提升"),
            ("服务对象满意度指标", "群众满意度", "≥95%")]
HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]


def _form() -> list[list[object]]:
    return [["项目名称", "乡村道路养护", None, None], ["年度资金总额", 120, None, None],
            ["年度绩效目标", GOAL, None, None], HEADER, *ROWS]


def _long() -> list[list[object]]:
    return [["项目名称", "年度绩效目标", *HEADER], *(["乡村道路养护", GOAL, *r] for r in ROWS)]


def _department() -> list[list[object]]:
    return [["部门名称", "某县交通运输局", None, None], ["年度预算", 3500, None, None],
            ["年度绩效总目标", "全面完成年度交通建设任务。", None, None], HEADER, *ROWS]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", [_form, _long, _department], ids=["form", "long", "department"])
def test_each_line_of_a_listing_row_is_an_indicator(tmp_path: Path, kind: str, layout) -> None:  # noqa: ANN001
    table = read_table(held_file(tmp_path, kind, layout()))
    indicators = table.plan.indicators if table.plan is not None else table.projects()[0].indicators
    assert [(i.level2, i.name, i.annual_value.raw) for i in indicators] == EXPECTED
    assert any("逐行写了几个指标" in p.message for p in table.problems)


def test_a_selfevaluation_row_splits_its_actuals_too(tmp_path: Path) -> None:
    rows = [["项目支出绩效自评表", None, None, None, None], ["项目名称", "乡村道路养护", None, None, None],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            ["产出指标", "数量指标", "养护里程\n桥梁检查次数", "≥300公里\n≥12次", "310公里\n12次"]]
    [project] = read_table(held_file(tmp_path, "xlsx", rows)).projects()
    assert [(i.name, i.annual_value.raw, i.actual_value.raw) for i in project.indicators] == [
        ("养护里程", "≥300公里", "310公里"), ("桥梁检查次数", "≥12次", "12次")]


def _one(name: str, annual: str, **more: object) -> PerfTable:
    from perfgoals_xl.model import FundUnit, Project

    ind = Indicator(seq=1, level1_code=None, level1="产出指标", level2_code=None, level2="数量指标", name=name,
                    period_value=parse_value(annual), annual_value=parse_value(annual), **more)
    return PerfTable(units=[FundUnit(name="某单位", projects=[Project(name="某项目", indicators=[ind])])])


@pytest.mark.parametrize(("name", "annual", "more"), [
    ("医疗器械抽验\n批次", "≥100批次", {}),                       # a name wrapped by a narrow column: one value
    ("群众出行\n条件", "明显\n改善", {}),                          # wrapped qualitative texts, not numbered
    ("养护里程\n桥梁检查次数", "≥300公里\n≥12次", {"weight": 20.0}),  # one weight cannot be shared out
    ("养护里程\n桥梁检查次数", "≥300公里", {}),                     # values fewer than names
], ids=["wrapped-name", "wrapped-texts", "weighted", "one-value"])
def test_rows_that_do_not_list_indicators_stay_one(name: str, annual: str, more: dict) -> None:
    table = _one(name, annual, **more)
    split_listed(table)
    assert len(table.projects()[0].indicators) == 1 and not table.problems


@given(st.text(alphabet="养护里程桥梁检查次数验收合格率", min_size=1, max_size=30),
       st.text(alphabet="≥≤0123456789%公里次", min_size=0, max_size=12))
def test_a_name_on_one_line_is_never_split(name: str, annual: str) -> None:
    table = _one(name, annual)
    split_listed(table)
    assert [i.name for i in table.projects()[0].indicators] == [name]
