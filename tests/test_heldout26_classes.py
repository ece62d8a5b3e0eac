"""Classes found by the twenty-sixth held-out round (a 东莞 中期 | 年度 form, a 湖北 市直 自评表 whose
stored copy lost brackets) and by the variation pass run beside it, each built as a workbook with its
merges and as the CSV that loses them:

- 当年度指标值 heads the year's values beside 实施周期指标值 (东莞);
- a budget header whose opening brackets were lost (执行数B), 执行率B/A)) is still the budget header;
- 绩效指标 merged over 一级指标 | 二级指标 | 三级指标, the other heads merged down beside it: one header
  over two rows (自评表 and 部门整体自评表 grids);
- 绩效指标 as the name column right of the levels, with a tall 绩效指标 section label at the left, and
  in each half of a 中期 | 年度 grid;
- the budget line's 执行率 typed with full-width digits (１００％) is the figure 100%;
- the goal block's label printed again on every goal line (WPS「拆分并填充内容」 of its merge).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.label_text import label_parts
from perfgoals_xl.sources.vocabulary import field_of, legacy_as_name

N = None


def _read(tmp_path: Path, kind: str, rows: list[list[object]], merges: list[str]):
    return read_table(held_file(tmp_path, kind, rows, merges))


# ── 中期 | 年度 form: 实施周期指标值 | … | 当年度指标值 ──

FORM = [
    ["东莞市财政项目支出绩效目标表", N, N, N, N, N, N, N],
    ["项目名称", "物业管理费支出", N, N, "本年度申请市财政预算资金(万元)", N, "282.92", N],
    ["总体目标", "实施周期总目标(2022年--2024年)", N, N, N, "年度目标", N, N],
    [N, "保障展馆物业管理正常运转，服务面积2.6万平方米。", N, N, N, "保障展馆物业管理正常运转。", N, N],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "实施周期指标值", "二级指标", "三级指标", "当年度指标值"],
    [N, "产出指标", "数量指标", "物管服务面积", "2.6万平方米", "数量指标", "物管服务面积", "2.6万平方米"],
    [N, N, "质量指标", "物业管理保障工作合格率", "100%", "质量指标", "物业管理保障工作合格率", "≥98%"],
]
FORM_MERGES = ["A1:H1", "B2:D2", "E2:F2", "G2:H2", "A3:A4", "B3:E3", "F3:H3", "B4:E4", "F4:H4", "A5:A7", "B6:B7"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_current_years_value_column_is_the_annual_target(tmp_path: Path, kind: str) -> None:
    table = _read(tmp_path, kind, FORM, FORM_MERGES)
    indicators = table.projects()[0].indicators
    assert [i.period_value.raw for i in indicators] == ["2.6万平方米", "100%"]
    assert [i.annual_value.raw for i in indicators] == ["2.6万平方米", "≥98%"]
    assert not [i for i in check_table(table) if i.code == "PG-S05"]  # no value read as missing


def test_current_year_value_headers_by_the_one_vocabulary() -> None:
    assert {field_of(h) for h in ("当年度指标值", "当年指标值", "当年度目标值", "本年指标值")} == {"annual_value"}


# ── a 自评表 budget header whose opening brackets were lost ──

def test_column_codes_whose_opening_bracket_was_lost_are_annotations() -> None:
    assert label_parts("执行数B)").key == "执行数"
    assert label_parts("执行率B/A)").key == "执行率"
    assert field_of("执行数B)") == field_of("执行数(B)") == "budget_executed"
    assert label_parts("预算执行情况(万元)20分)").weight == 20
    assert label_parts("PM2.5)").key == "PM2.5"  # no column code: only the stray bracket goes


LOST_BRACKETS = [
    ["项目名称", "校园维修改造及设备购置", N, N, N, N],
    ["主管部门", "某市教育局", N, "项目实施单位", "某市第三中学", N],
    ["预算执行情况(万元)\n20分)", N, "预算数(A)", "执行数B)", "执行率B/A)", N],
    ["年度财政资金总额", N, "800万元", "760万元", "95%", N],
    ["年度绩效目标\n80分)", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)"],
    [N, "产出指标", "数量指标", "完成维修改造项目", "6个", "6个"],
    [N, "满意度指标", "服务对象满意度指标", "师生满意度", "≥95%", "96%"],
]
LOST_MERGES = ["B1:F1", "B2:C2", "E2:F2", "A3:B3", "E3:F3", "A4:B4", "E4:F4", "A5:A7"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_budget_header_that_lost_its_brackets_is_read(tmp_path: Path, kind: str) -> None:
    project = _read(tmp_path, kind, LOST_BRACKETS, LOST_MERGES).projects()[0]
    assert (project.budget_adjusted, project.budget_executed) == (800, 760)
    assert project.budget_block.get("rate") == "95%"
    assert project.budget_block.get("weight") == "20"


# ── 绩效指标 merged over the level columns: a header over two rows ──

PARENT = [
    ["项目支出绩效自评表", N, N, N, N, N, N, N],
    ["项目名称", "初中公用经费", N, N, N, N, N, N],
    ["主管部门", "某市教育局", N, N, "实施单位", "某市第六中学", N, N],
    ["绩效指标", N, N, "分值", "年度指标值(A)", "全年实际值(B)", "得分", "未完成原因分析"],
    ["一级指标", "二级指标", "三级指标", N, N, N, N, N],
    ["产出指标", "数量指标", "保障学生人数", "30", "2370人", "2370人", "30", N],
    [N, "质量指标", "公用经费标准达标率", "30", "100%", "100%", "30", N],
    ["效益指标", "社会效益指标", "办学条件改善", "20", "改善", "改善", "20", N],
    ["满意度指标", "服务对象满意度指标", "师生满意度", "10", "≥90%", "95%", "10", N],
]
PARENT_MERGES = ["B2:H2", "B3:D3", "F3:H3", "A4:C4", "D4:D5", "E4:E5", "F4:F5", "G4:G5", "H4:H5", "A6:A7"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_parent_header_over_the_levels_makes_one_header(tmp_path: Path, kind: str) -> None:
    project = _read(tmp_path, kind, PARENT, PARENT_MERGES).projects()[0]
    got = [(i.level1, i.level2, i.name, i.annual_value.raw, i.actual_value.raw, i.weight, i.score)
           for i in project.indicators]
    assert got[0] == ("产出指标", "数量指标", "保障学生人数", "2370人", "2370人", 30, 30)
    assert [g[2] for g in got] == ["保障学生人数", "公用经费标准达标率", "办学条件改善", "师生满意度"]
    assert got[-1][:2] == ("满意度指标", "服务对象满意度指标")


DEPARTMENT_PARENT = [
    ["部门整体支出绩效自评表", N, N, N, N, N, N, N, N],
    ["评价部门名称", "某乡卫生院", N, N, N, N, N, N, N],
    ["年度总体目标", "年初设定目标", N, N, N, "全年完成情况", N, N, N],
    [N, "业务收入达到55万元。", N, N, N, "业务收入77.57万元。", N, N, N],
    ["一级指标", "自评权重", "绩效指标", N, "年度指标值", "全年完成值", "分值", "得分", "偏差及原因分析"],
    [N, N, "二级指标", "三级指标", N, N, N, N, N],
    ["产出指标", "50", "数量指标", "门诊住院人次", "≥3000人次", "3372人次", "25", "25", N],
    [N, N, "质量指标", "诊断准确率", "≥95%", "97%", "25", "25", N],
    ["效益指标", "50", "社会效益指标", "公卫签约完成率", "≥60%", "62%", "50", "50", N],
]
DEPARTMENT_PARENT_MERGES = ["B2:I2", "A3:A4", "B3:E3", "F3:I3", "B4:E4", "F4:I4", "A5:A6", "B5:B6", "C5:D5",
                            "E5:E6", "F5:F6", "G5:G6", "H5:H6", "I5:I6", "A7:A8", "B7:B8"]


def test_a_parent_header_over_a_departments_levels_makes_one_header(tmp_path: Path) -> None:
    table = _read(tmp_path, "xlsx", DEPARTMENT_PARENT, DEPARTMENT_PARENT_MERGES)
    indicators = table.plan.indicators if table.plan is not None else table.projects()[0].indicators
    assert [(i.level2, i.name, i.annual_value.raw, i.score) for i in indicators] == [
        ("数量指标", "门诊住院人次", "≥3000人次", 25), ("质量指标", "诊断准确率", "≥95%", 25),
        ("社会效益指标", "公卫签约完成率", "≥60%", 50)]


# ── 绩效指标 as the name column right of the levels ──

def test_performance_indicator_right_of_the_levels_is_the_name_column() -> None:
    assert legacy_as_name(["legacy", "level1", "level2", "legacy", "annual_value"]) == [
        "legacy", "level1", "level2", "name", "annual_value"]  # the section label at the left stays
    assert legacy_as_name(["level1", "level2", "legacy", "value", "level2", "legacy", "value"]) == [
        "level1", "level2", "name", "value", "level2", "name", "value"]  # each half of 中期 | 年度
    assert legacy_as_name(["legacy", "annual_value"]) == ["legacy", "annual_value"]  # the coded tables' column


SECTION_LABEL = [
    ["项目支出绩效自评表", N, N, N, N, N, N, N, N],
    ["项目名称", "市民中心运行维护费", N, N, N, N, N, N, N],
    ["绩效指标", "一级指标", "二级指标", "绩效指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
    [N, "产出指标", "数量指标", "预算资金拨款率", "100%", "100%", "50", "50", N],
    [N, "效益指标", "社会效益指标", "政务服务办结率", "100%", "100%", "40", "40", N],
]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_name_column_headed_performance_indicator_beside_the_section_label(tmp_path: Path, kind: str) -> None:
    project = _read(tmp_path, kind, SECTION_LABEL, ["B2:I2", "A3:A5"]).projects()[0]
    assert [(i.level1, i.name, i.annual_value.raw) for i in project.indicators] == [
        ("产出指标", "预算资金拨款率", "100%"), ("效益指标", "政务服务办结率", "100%")]


# ── full-width budget figures; the goal block's label filled down ──

FILLED = [
    ["项目名称", "体育中心运营结算", N, N, N, N, N, N, N],
    ["项目资金(元)", N, N, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["项目资金(元)", "年度资金总额", N, "250000", "250000", "215457.6", "１０", "８６．１９％", "８.６２"],
    ["年度总体目标", "预期目标", N, N, N, "实际完成情况", N, N, N],
    ["年度总体目标", "目标1：完成全年运营结算。", N, N, N, "目标1：已完成全年运营结算。", N, N, N],
    ["年度总体目标", "目标2：场馆开放不少于300天。", N, N, N, "目标2：场馆开放320天。", N, N, N],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
    ["绩效指标", "产出指标", "数量指标", "结算完成率", "=100%", "100%", "90", "90", N],
]


def test_full_width_budget_figures_are_kept_as_the_figures(tmp_path: Path) -> None:
    project = _read(tmp_path, "csv", FILLED, []).projects()[0]
    assert project.budget_block == {"weight": "10", "rate": "86.19%", "score": "8.62"}


def test_a_goal_label_filled_down_beside_each_goal_line_is_no_new_label(tmp_path: Path) -> None:
    project = _read(tmp_path, "csv", FILLED, []).projects()[0]
    assert project.goal == "目标1：完成全年运营结算。\n目标2：场馆开放不少于300天。"
    assert project.actual_summary == "目标1：已完成全年运营结算。\n目标2：场馆开放320天。"
