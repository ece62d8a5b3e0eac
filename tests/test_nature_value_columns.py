"""Target columns split by the value's nature (指标值类型), one filled on each row: 定量指标值 | 定性指标值,
指标值（定量） | 指标值（定性）, 定量目标值 | 定性目标值, or 定量 | 定性 under one 指标值 header. Read before as no
value at all (a false PG-S05 on every indicator), as 指标值 and an unknown column (the qualitative targets
lost), or as values per place (定量:≥300公里). Every layout keeps the columns by name; one step of every
read (sources/nature_values.py) takes the filled one as the target and its nature."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import field_of, nature_value_header

GOAL = "完成农村公路日常养护300公里，保障道路安全畅通。"
ROWS = [("产出指标", "数量指标", "养护里程", "≥300公里", ""), ("效益指标", "社会效益指标", "群众出行条件", "", "明显改善"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥95%", "")]
EXPECTED = [("养护里程", "≥300公里", "定量"), ("群众出行条件", "明显改善", "定性"), ("群众满意度", "≥95%", "定量")]
#: (header row(s) of the two value columns): one row, or a group over 定量 | 定性.
HEADERS = {"定量指标值": [("定量指标值", "定性指标值")], "指标值（定量）": [("指标值（定量）", "指标值（定性）")],
           "定量目标值": [("定量目标值", "定性目标值")], "指标值/定量": [("指标值", ""), ("定量", "定性")],
           "年度指标值/定量": [("年度指标值", ""), ("定量", "定性")]}


def _form(heads: list[tuple[str, str]]) -> list[list[object]]:
    top = [["项目名称", "乡村道路养护", None, None, None], ["年度资金总额", 120, None, None, None],
           ["年度绩效目标", GOAL, None, None, None]]
    levels = [["一级指标", "二级指标", "三级指标"]] + [["", "", ""]] * (len(heads) - 1)
    return [*top, *([*lv, *h] for lv, h in zip(levels, heads, strict=True)), *map(list, ROWS)]


def _department(heads: list[tuple[str, str]]) -> list[list[object]]:
    top = [["部门名称", "某县交通运输局", None, None, None], ["年度预算", 3500, None, None, None],
           ["年度绩效总目标", "全面完成年度交通建设任务。", None, None, None]]
    return [*top, *_form(heads)[3:]]


def _long(heads: list[tuple[str, str]]) -> list[list[object]]:
    levels = [["项目名称", "年度绩效目标", "一级指标", "二级指标", "三级指标"]] + [[""] * 5] * (len(heads) - 1)
    return [*([*lv, *h] for lv, h in zip(levels, heads, strict=True)), *(["乡村道路养护", GOAL, *r] for r in ROWS)]


def _selfeval(heads: list[tuple[str, str]]) -> list[list[object]]:
    top = [["项目支出绩效自评表", None, None, None, None, None, None, None],
           ["项目名称", "乡村道路养护", None, None, None, None, None, None],
           ["年度总体目标", "预期目标", None, None, "实际完成情况", None, None, None],
           [None, GOAL, None, None, "完成养护310公里", None, None, None]]
    head = ["一级指标", "二级指标", "三级指标", *heads[0], "实际完成值", "分值", "得分"]
    actuals = [("310公里", 30, 30), ("明显改善", 30, 30), ("96%", 30, 30)]
    return [*top, head, *([*r, *a] for r, a in zip(ROWS, actuals, strict=True))]


def _indicators(table):  # noqa: ANN001, ANN202
    return table.plan.indicators if table.plan is not None else table.projects()[0].indicators


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("heads", list(HEADERS.values()), ids=list(HEADERS))
@pytest.mark.parametrize("layout", [_form, _long, _department], ids=["form", "long", "department"])
def test_the_filled_column_is_the_target_and_its_nature(tmp_path: Path, kind: str, heads, layout) -> None:  # noqa: ANN001
    table = read_table(held_file(tmp_path, kind, layout(heads)))
    got = [(i.name, i.annual_value.raw, i.nature) for i in _indicators(table)]
    assert got == EXPECTED
    assert [i.period_value.raw for i in _indicators(table)] == [e[1] for e in EXPECTED]  # no other printed
    assert not any(i.extras for i in _indicators(table))  # (the empty column is no extra)
    assert not [f for f in check_table(table) if f.severity == "error"]
    said = [p.message for p in table.problems if "定量/定性分列" in p.message]
    assert len(said) == 1
    assert not [p for p in table.problems if p.code == "S05"]


@pytest.mark.parametrize("heads", [HEADERS["定量指标值"], [("年度指标值（定量）", "年度指标值（定性）")]], ids=["plain", "annotated"])
def test_a_self_evaluation_reads_its_targets_so(tmp_path: Path, heads) -> None:  # noqa: ANN001
    table = read_table(held_file(tmp_path, "xlsx", _selfeval(heads)))
    got = [(i.name, i.annual_value.raw, i.nature, i.actual_value.raw) for i in _indicators(table)]
    assert got == [(*e, a) for e, a in zip(EXPECTED, ("310公里", "明显改善", "96%"), strict=True)]
    assert not [f for f in check_table(table) if f.code == "PG-S05"]


def test_a_row_filling_both_keeps_them_as_printed(tmp_path: Path) -> None:
    rows = _form(HEADERS["定量指标值"])
    rows[-1] = ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%", "满意"]
    table = read_table(held_file(tmp_path, "xlsx", rows))
    last = _indicators(table)[-1]
    assert last.annual_value.raw == "" and last.extras == {"定量指标值": "≥95%", "定性指标值": "满意"}
    assert any("1 个指标两列都填写" in p.message for p in table.problems)
    assert [i.annual_value.raw for i in _indicators(table)[:2]] == ["≥300公里", "明显改善"]


def test_a_nature_column_and_the_value_column_are_untouched(tmp_path: Path) -> None:
    """指标性质 (定量/定性) beside one 指标值 column is no split: read as before."""
    rows = [["项目名称", "乡村道路养护", None, None, None], ["年度资金总额", 120, None, None, None],
            ["年度绩效目标", GOAL, None, None, None], ["一级指标", "二级指标", "三级指标", "指标性质", "指标值"],
            ["产出指标", "数量指标", "养护里程", "定量", "≥300公里"], ["效益指标", "社会效益指标", "群众出行条件", "定性", "明显改善"]]
    table = read_table(held_file(tmp_path, "xlsx", rows))
    assert [(i.annual_value.raw, i.nature) for i in _indicators(table)] == [("≥300公里", "定量"), ("明显改善", "定性")]
    assert not [p for p in table.problems if "定量/定性分列" in p.message]


@pytest.mark.parametrize(("header", "nature"), [
    ("定量指标值", "定量"), ("定性目标值", "定性"), ("指标值（定量）", "定量"), ("年度指标值(定性)", "定性"), ("定 量", "定量"),
    ("定量值", "定量"), ("定量指标", None), ("定性指标", None), ("指标性质", None), ("定量/定性", None), ("指标值", None),
    ("定量指标值" * 5, None)])
def test_the_vocabulary_names_nature_value_headers(header: str, nature: str | None) -> None:
    assert nature_value_header(header) == nature
    if nature is not None:
        assert field_of(header) is None  # (never the one 指标值 column)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_self_evaluation_with_the_natures_under_its_target_header(tmp_path: Path, kind: str) -> None:
    """年度指标值 merged over 定量 | 定性 on the header's second row, the 实际完成值 beside: the second row was read
    as an indicator (false PG-S03/S04/S05) and the qualitative targets were lost."""
    top = _selfeval(HEADERS["定量指标值"])[:4]
    head = [["一级指标", "二级指标", "三级指标", "年度指标值", None, "实际完成值", "分值", "得分"],
            [None, None, None, "定量", "定性", None, None, None]]
    actuals = [("310公里", 30, 30), ("明显改善", 30, 30), ("96%", 30, 30)]
    rows = [*top, *head, *([*r, *a] for r, a in zip(ROWS, actuals, strict=True))]
    table = read_table(held_file(tmp_path, kind, rows, merges=["D5:E5"]))
    got = [(i.name, i.annual_value.raw, i.nature, i.actual_value.raw) for i in _indicators(table)]
    assert got == [(*e, a[0]) for e, a in zip(EXPECTED, actuals, strict=True)]
    assert not {f.code for f in check_table(table) if f.severity == "error"} & {"PG-S03", "PG-S04", "PG-S05"}
