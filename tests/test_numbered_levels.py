"""Levels numbered as a Word outline (一、产出指标, （1）数量指标, (一)效益指标): the number is the form's
list, no part of the level — one rule for every layout (``row_kinds.level_label``). Found by the corpus
variation 级别带序号, which gave all 136 tables it applies to false PG-S03 / PG-S04 / PG-C02 errors
(1,447 fields, 1,401 false findings; now 3 tables, the rest names that are level words themselves).
A number before a word the framework does not know (一、项目完成指标) is kept as printed; a code
(1-产出指标) is still read as a code. Each layout built as a workbook and as a CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.row_kinds import level_label

N = None
INDICATORS = [("一、产出指标", "（1）数量指标", "培训人次", "≥500人次"), (N, "（2）质量指标", "培训合格率", "≥95%"),
              ("二、效益指标", "（1）社会效益指标", "从业人员技能提升率", "≥90%"),
              ("三、满意度指标", "（1）服务对象满意度指标", "学员满意度", "≥90%")]
EXPECTED = [("产出指标", "数量指标", "培训人次"), ("产出指标", "质量指标", "培训合格率"),
            ("效益指标", "社会效益指标", "从业人员技能提升率"), ("满意度指标", "服务对象满意度指标", "学员满意度")]
#: Numbered by their place in a Word outline — 1.1, circled digits, letters — not by framework code: 成本指标
#: printed second is 2., 经济成本指标 under it 2.1 (found by the variation 级别带大纲编号: 67 tables, 455
#: fields, 479 false findings such as PG-S04 二级指标“1数量指标” → none).
OUTLINE = [("1.产出指标", "1.1数量指标", "培训人次", "≥500人次"), (N, "1.2质量指标", "培训合格率", "≥95%"),
           ("2.成本指标", "2.1经济成本指标", "人均培训成本", "≤800元"),
           ("3.效益指标", "3.1社会效益指标", "从业人员技能提升率", "≥90%"),
           ("4.满意度指标", "4.1服务对象满意度指标", "学员满意度", "≥90%")]
OUTLINE_EXPECTED = [("产出指标", "数量指标", "培训人次"), ("产出指标", "质量指标", "培训合格率"),
                    ("成本指标", "经济成本指标", "人均培训成本"), ("效益指标", "社会效益指标", "从业人员技能提升率"),
                    ("满意度指标", "服务对象满意度指标", "学员满意度")]
CIRCLED = [("A.产出指标", "①数量指标", "培训人次", "≥500人次"), (N, "②质量指标", "培训合格率", "≥95%"),
           ("B.效益指标", "①社会效益指标", "从业人员技能提升率", "≥90%"),
           ("C.满意度指标", "①服务对象满意度指标", "学员满意度", "≥90%")]
STYLES = {"chinese": (INDICATORS, EXPECTED), "outline": (OUTLINE, OUTLINE_EXPECTED), "circled": (CIRCLED, EXPECTED)}
STYLE = pytest.mark.parametrize("style", list(STYLES))


def _levels(table) -> list[tuple[str | None, str | None, str]]:
    return [(i.level1, i.level2, i.name) for p in table.projects() for i in p.indicators]


def _structural_errors(table) -> list[str]:
    return [f.code for f in check_table(table) if f.severity == "error" and f.code in ("PG-S03", "PG-S04", "PG-C02", "PG-C03")]


def test_the_outline_number_goes_a_code_stays() -> None:
    assert level_label("一、产出指标") == ("产出指标", None, ())
    assert level_label("（1）数量指标(20分)") == ("数量指标", 20.0, ())
    assert level_label("(一)效益指标") == ("效益指标", None, ())
    assert level_label("（2）、质量指标")[0] == "质量指标"
    assert level_label("1-产出指标")[0] == "1-产出指标"  # a code: split later, read as the code it is
    assert level_label("一、项目完成指标")[0] == "一、项目完成指标"  # no level the framework knows: as printed
    assert level_label("十一、其他")[0] == "十一、其他"
    assert level_label("1.1数量指标")[0] == "数量指标" and level_label("①数量指标")[0] == "数量指标"
    assert level_label("a.数量指标")[0] == "数量指标"


def test_a_number_is_a_code_only_where_it_is_the_levels_code() -> None:
    from perfgoals_xl.sources.row_kinds import split_level_code

    assert split_level_code("1.产出指标") == ("1", "产出指标")
    assert split_level_code("11．数量指标") == ("11", "数量指标")
    assert split_level_code("14.成本指标") == ("14", "成本指标") and split_level_code("4.成本指标") == ("4", "成本指标")
    assert split_level_code("1.数量指标") == (None, "数量指标")  # a list's number: 数量指标 is 11
    assert split_level_code("2.成本指标") == (None, "成本指标")
    assert split_level_code("1.1数量指标") == (None, "数量指标")
    assert split_level_code("①数量指标") == (None, "数量指标")
    assert split_level_code("3-效益指标") == ("3", "效益指标")  # a hyphen: a code as printed (PG-S04 judges it)
    assert split_level_code("12.某某指标") == ("12", "某某指标")  # a name the framework does not know


@STYLE
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_form(tmp_path: Path, kind: str, style: str) -> None:
    indicators, expected = STYLES[style]
    rows = [["项目名称", "职业技能培训", N, N], ["主管部门", "某县人社局", N, N], ["年度资金总额", "50", N, N],
            ["年度目标", "完成职业技能培训500人次。", N, N], ["一级指标", "二级指标", "三级指标", "指标值"],
            *[list(r) for r in indicators]]
    table = read_table(held_file(tmp_path, kind, rows, ["B1:D1", "B2:D2", "B3:D3", "B4:D4", "A6:A7"]))
    assert _levels(table) == expected
    assert not _structural_errors(table)


@STYLE
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_selfeval(tmp_path: Path, kind: str, style: str) -> None:
    indicators, expected = STYLES[style]
    rows = [["项目名称", "职业技能培训", N, N, N, N, N], ["主管部门", "某县人社局", N, N, N, N, N],
            ["项目资金（万元）", N, "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"],
            [N, "年度资金总额", "50", "50", "50", "100%", "10"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            *[[*r, "520人次", "20", "20"] for r in indicators]]
    table = read_table(held_file(tmp_path, kind, rows, ["B1:G1", "B2:G2", "A3:B3", "A6:A7"]))
    assert _levels(table) == expected
    assert not _structural_errors(table)


@STYLE
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_long_format_table(tmp_path: Path, kind: str, style: str) -> None:
    indicators, expected = STYLES[style]
    rows = [["项目名称", "一级指标", "二级指标", "三级指标", "指标值"],
            *[["职业技能培训", r[0] or indicators[0][0], r[1], r[2], r[3]] for r in indicators]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert _levels(table) == expected
    assert not _structural_errors(table)


@STYLE
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_department_table(tmp_path: Path, kind: str, style: str) -> None:
    indicators, expected = STYLES[style]
    rows = [["部门整体支出绩效目标表", N, N, N], ["部门名称", "某县人社局", N, N],
            ["年度绩效总目标", "完成全县职业技能培训任务。", N, N], ["一级指标", "二级指标", "三级指标", "指标值"],
            *[list(r) for r in indicators]]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:D1", "B2:D2", "B3:D3", "A5:A6"]))
    assert table.kind == "department"
    assert [(i.level1, i.level2, i.name) for i in table.plan.indicators] == expected
