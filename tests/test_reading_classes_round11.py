"""Classes found by the eleventh held-out round (docs/fidelity.md), each on a fixture built here in
the shape of the family (not a copy of a corpus table), as a workbook and as CSV:

- a 申报表 grid 三级指标 | 指标内容 | 指标值 (湖南 专项 forms): 指标内容 describes the indicator — it
  started a second (年度) half, so every row gave two indicators and no value;
- a grid 指标类型 | 指标名称 | 指标值 | 指标描述 (浙江 项目库): 指标类型 holds 产出指标/效益指标 (the level 1,
  not 定量/定性) and 指标名称 the level-2 classes (数量指标 …) — was: no level 1, 二级指标为空 on each row;
- labels: 专项年度/长期绩效目标, a 绩效目标总体描述 sub-label beside 项目绩效目标, 公共财政拨款,
  纳入专户管理的非税收入拨款, a value column headed 预期达到目标;
- the 中央转移支付区域绩效自评表 (四川): 预算数: | 2.38 | 执行数: | 2.38 pairs, one 自评得分 column down the
  right (the total, the budget's, the goals' and every indicator's 得分), 目标1 … 目标4 one a row.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl
import pytest

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

Row = list


def _save(rows: list[Row], merges: list[str], tmp_path: Path, kind: str) -> Path:
    if kind == "csv":
        path = tmp_path / "t.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows([["" if v is None else v for v in row] for row in rows])
        return path
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 1):
            if v is not None:
                ws.cell(r, c, v).data_type = "s" if isinstance(v, str) else "n"
    for m in merges:
        ws.merge_cells(m)
    path = tmp_path / "t.xlsx"
    wb.save(path)
    return path


KINDS = ("xlsx", "csv")


@pytest.mark.parametrize("kind", KINDS)
def test_a_description_column_after_the_name_is_no_second_half(tmp_path: Path, kind: str) -> None:
    rows = [
        ["专项资金绩效目标申报表"],
        ["专项名称", "乡村公路养护补助", None, "专项属性", "延续专项"],
        ["部门名称", "某县交通运输局", None, "资金总额(万元)", 120],
        ["专项长期绩效目标", "公路养护常态化"],
        ["专项年度绩效目标", "完成农村公路养护300公里"],
        ["一级指标", "二级指标", "三级指标", "指标内容", "指标值", "绩效标准"],
        ["产出指标", "数量指标", "养护里程", "全年养护农村公路里程", "300公里", "计划标准"],
        ["产出指标", "质量指标", "路况优良率", "养护后路况优良的比例", "≥85%", "行业标准"],
        ["效益指标", "社会效益指标", "群众出行条件", "改善群众出行条件", "明显改善", "计划标准"],
    ]
    table = read_table(_save(rows, [], tmp_path, kind))
    (project,) = table.projects()
    assert project.goal == "完成农村公路养护300公里" and project.period_goal == "公路养护常态化"
    got = [(i.level2, i.name, i.annual_value.raw, i.extras.get("指标内容")) for i in project.indicators]
    assert got == [("数量指标", "养护里程", "300公里", "全年养护农村公路里程"),
                   ("质量指标", "路况优良率", "≥85%", "养护后路况优良的比例"),
                   ("社会效益指标", "群众出行条件", "明显改善", "改善群众出行条件")]
    assert not [i for i in check_table(table) if i.severity == "error"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_type_column_of_level1_names_and_level2_words_as_names(tmp_path: Path, kind: str) -> None:
    rows = [
        ["项目名称:", "公园养护经费", "项目编号:", None],
        ["项目绩效目标", "绩效目标 总体描述", "完成全市公园的日常养护，改善城市环境", None],
        ["指标类型", "指标名称", "指标值", "指标描述"],
        ["产出指标", "数量指标", "120万平方米", "完成120万平方米养护"],
        [None, "质量指标", "100%", "养护全覆盖"],
        ["效益指标", "可持续性发展影响指标", "是", "保障养护正常运行"],
        ["满意度指标", "服务对象或受益者满意度指标", "≥95%", "市民满意"],
    ]
    table = read_table(_save(rows, ["A4:A5"], tmp_path, kind))
    (project,) = table.projects()
    assert project.goal == "完成全市公园的日常养护，改善城市环境"
    got = [(i.level1, i.level2, i.name, i.annual_value.raw) for i in project.indicators]
    assert got == [("产出指标", "数量指标", "数量指标", "120万平方米"), ("产出指标", "质量指标", "质量指标", "100%"),
                   ("效益指标", "可持续性发展影响指标", "可持续性发展影响指标", "是"),
                   ("满意度指标", "服务对象或受益者满意度指标", "服务对象或受益者满意度指标", "≥95%")]
    codes = [i.code for i in check_table(table) if i.severity == "error"]
    assert "PG-S04" not in codes and "PG-C01" not in codes


@pytest.mark.parametrize("kind", KINDS)
def test_a_type_column_of_quantitative_words_stays_the_nature(tmp_path: Path, kind: str) -> None:
    rows = [
        ["项目名称", "培训经费"],
        ["年度绩效目标", "完成培训任务"],
        ["一级指标", "二级指标", "三级指标", "指标类型", "指标值"],
        ["产出指标", "数量指标", "培训人次", "定量", "≥100人次"],
        ["效益指标", "社会效益指标", "技能提升", "定性", "明显提升"],
    ]
    (project,) = read_table(_save(rows, [], tmp_path, kind)).projects()
    assert [(i.level1, i.name, i.nature) for i in project.indicators] == [("产出指标", "培训人次", "定量"),
                                                                          ("效益指标", "技能提升", "定性")]


@pytest.mark.parametrize("kind", KINDS)
def test_a_department_block_with_public_fiscal_and_special_lines(tmp_path: Path, kind: str) -> None:
    rows = [
        ["部门(单位)名称", "某县农业技术推广中心"],
        ["年度预算申请(万元)", "资金总额", 150.5],
        [None, "公共财政拨款", 120.5, "基本支出", 140.5],
        [None, "纳入专户管理的非税收入拨款", 30, "项目支出", 10],
        ["整体绩效目标", "推广农业新技术，服务全县农户"],
        ["绩效目标", "一级指标", "二级指标", "三级指标", "指标解释", "预期达到目标"],
        [None, "产出指标", "数量指标", "推广新品种数量", "推广新品种数量", "3种"],
        [None, "产出指标", "质量指标", "技术指导覆盖率", "指导覆盖的比例", "100%"],
        [None, "满意度指标", "服务对象满意度指标", "农户满意度", "农户满意的比例", "≥90%"],
    ]
    table = read_table(_save(rows, ["A2:A4", "A6:A9"], tmp_path, kind))
    assert table.kind == "department"
    plan = table.plan
    assert (plan.amounts.total, plan.amounts.fiscal, plan.amounts.special) == (150.5, 120.5, 30)
    assert [i.annual_value.raw for i in plan.indicators] == ["3种", "100%", "≥90%"]
    assert not [i.code for i in check_table(table) if i.severity == "error"]


def _transfer_selfeval(total: int = 100, goal_score: int = 20, scores: tuple[int, ...] = (30, 30)) -> list[Row]:
    return [
        ["专项名称", "农村饮水安全补助", None, "中央主管部门", "水利部", None, "自评得分"],
        ["省级财政部门", "某省财政厅", None, "省级主管部门", "某省水利厅", None, total],
        ["预算执行情况", "预算数:", 50, "执行数:", 50, None, 20],
        [None, "其中:中央补助", "50  万元", "其中:中央补助", "50万元", None, None],
        ["年度目标完成情况", "预期目标", None, None, "目标实际完成情况", None, goal_score],
        [None, "目标1:完成饮水工程维修。", None, None, "目标1:已完成饮水工程维修。", None, None],
        [None, "目标2:保障农村供水。", None, None, "目标2:农村供水有保障。", None, None],
        ["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值", 60],
        [None, "产出指标", "数量指标", "维修工程数量", "≥10处", "12处", scores[0]],
        [None, "效益指标", "社会效益指标", "受益人口", "≥5000人", "5200人", scores[1]],
    ]


def _down(ref: str) -> str:
    """A merge reference one row lower (B2:C2 → B3:C3)."""
    return re.sub(r"\d+", lambda m: str(int(m.group()) + 1), ref)


_MERGES = ["B1:C1", "E1:F1", "B2:C2", "E2:F2", "A3:A4", "E3:F3", "E4:F4", "A5:A7", "B5:D5", "E5:F5",
           "B6:D6", "E6:F6", "B7:D7", "E7:F7", "G6:G7", "A8:A10"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("spacer", [False, True])
def test_a_transfer_payment_selfeval_with_pairs_and_one_score_column(tmp_path: Path, kind: str, spacer: bool) -> None:
    """(spacer: a blank row under the 自评得分 label's row, as Excel-made copies print — the total under
    it was lost)"""
    rows, merges = _transfer_selfeval(), _MERGES
    if spacer:
        rows = [rows[0], [None] * 7, *rows[1:]]
        merges = [m if m.startswith(("B1", "E1")) else _down(m) for m in _MERGES]
    table = read_table(_save(rows, merges, tmp_path, kind))
    (project,) = table.projects()
    assert project.name == "农村饮水安全补助"
    assert (project.budget_adjusted, project.budget_executed) == (50, 50)
    assert project.budget_block.get("score") == "20" and project.budget_block.get("goal_score") == "20"
    assert project.total_score == 100
    assert project.goal == "目标1:完成饮水工程维修。\n目标2:保障农村供水。"
    assert project.actual_summary == "目标1:已完成饮水工程维修。\n目标2:农村供水有保障。"
    assert [(i.name, i.actual_value.raw, i.score) for i in project.indicators] == [
        ("维修工程数量", "12处", 30), ("受益人口", "5200人", 30)]
    # 20 (budget) + 20 (goals) + 30 + 30 = 100: no E09
    assert "PG-E09" not in [i.code for i in check_table(table)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_transfer_payment_total_that_does_not_add_up_is_named(tmp_path: Path, kind: str) -> None:
    table = read_table(_save(_transfer_selfeval(total=95), _MERGES, tmp_path, kind))
    messages = [i.message for i in check_table(table) if i.code == "PG-E09"]
    assert messages and "年度目标完成得分 20" in messages[0] and "100" in messages[0]


# -- merged cells unmerged and filled (found by unmerging every corpus workbook, each cell given the value) --

def _filled_selfeval() -> list[Row]:
    return [
        ["项目支出绩效自评表", "项目支出绩效自评表", "项目支出绩效自评表", "项目支出绩效自评表", "项目支出绩效自评表",
         "项目支出绩效自评表", "项目支出绩效自评表"],
        ["项目名称", "项目名称", "村级公益设施维护", "村级公益设施维护", "村级公益设施维护", "村级公益设施维护",
         "村级公益设施维护"],
        ["一级指标", "二级指标", "三级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "维护设施数量", "维护设施数量", "≥20处", "22处", 50, 50],
        ["满意度指标", "满意度指标", "群众满意度", "群众满意度", "≥90%", "95%", 50, 50],
        ["总分", "总分", "总分", "总分", "总分", "总分", 100, 100],
        ["结合自评情况，说明项目自评总分及取得的成效（200字以内）", "结合自评情况，说明项目自评总分及取得的成效（200字以内）",
         "结合自评情况，说明项目自评总分及取得的成效（200字以内）", "完成维护任务", None, None, None, None],
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_selfeval_whose_merges_were_unmerged_and_filled(tmp_path: Path, kind: str) -> None:
    """A repeated header label is one column; a 总分 or a closing line over several cells is one cell
    again — not an indicator 总分 (was: PG-E06/E07/S03 on it), nor a remark read as levels."""
    table = read_table(_save(_filled_selfeval(), [], tmp_path, kind))
    (project,) = table.projects()
    assert [(i.level1, i.level2, i.name, i.actual_value.raw, i.score) for i in project.indicators] == [
        ("产出指标", "数量指标", "维护设施数量", "22处", 50), ("满意度指标", "满意度指标", "群众满意度", "95%", 50)]
    assert project.total_score == 100
    # (the fixture prints no goal and no 效益指标: PG-C01 and PG-C03 are its real defects)
    assert {i.code for i in check_table(table) if i.severity == "error"} == {"PG-C01", "PG-C03"}


@pytest.mark.parametrize("kind", KINDS)
def test_a_form_grid_header_filled_over_two_cells_is_one_column(tmp_path: Path, kind: str) -> None:
    rows = [
        ["项目名称", "文化馆免费开放", None, None, None, None],
        ["年度绩效目标", "全年免费开放不少于300天", None, None, None, None],
        ["一级指标", "二级指标", "三级指标", "三级指标", "指标目标值", "指标目标值"],
        ["产出指标", "数量指标", "免费开放天数", "免费开放天数", "≥300天", "≥300天"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "群众满意度", "≥95%", "≥95%"],
    ]
    (project,) = read_table(_save(rows, [], tmp_path, kind)).projects()
    assert [(i.name, i.annual_value.raw) for i in project.indicators] == [("免费开放天数", "≥300天"),
                                                                          ("群众满意度", "≥95%")]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("label", ["项目实施单位", "资金使用单位"])
def test_the_forms_own_implementer_wins_over_the_filing_unit_line_above(tmp_path: Path, kind: str, label: str) -> None:
    """单位名称：某联社　填报日期：… above the form names the unit that filed it; the form's own 项目实施单位 is
    the implementer (was: the filing unit, then dropped as equal to the 主管部门); so is its own
    资金使用单位 (was dropped: the line's 单位名称 came first), the line's kept as the extra 单位名称."""
    rows = [
        ["2022年度项目支出绩效自评表"],
        ["单位名称:某县供销合作社联合社 填报日期:2023年4月15日"],
        ["项目名称", "生猪养殖场建设"],
        ["主管部门", "某县供销合作社联合社", None, label, "某牧业专业合作社"],
        ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"],
        ["产出指标", "数量指标", "猪舍面积", "≥500平方米", "520平方米", 40],
    ]
    table = read_table(_save(rows, [], tmp_path, kind))
    (project,) = table.projects()
    assert project.implementer == "某牧业专业合作社" and project.department == "某县供销合作社联合社"
    assert [u.name for u in table.units] == ["某牧业专业合作社"]


@pytest.mark.parametrize("kind", KINDS)
def test_budget_pairs_in_yuan_are_read_in_wan(tmp_path: Path, kind: str) -> None:
    """预算数: | 500000 | 执行数: | 500000 under a 金额单位：元 line at the end of the name row (河北 自评表):
    the pairs are 元, read as 50 万元 and the table says its amounts were 元 — never 500000 万元."""
    rows = _transfer_selfeval()
    rows[0] = [*rows[0][:6], "金额单位：元"]
    rows[2] = ["预算执行情况", "预算数:", 500000, "执行数:", 500000, None, 20]
    rows[3] = [None, "其中:中央补助", 500000, "其中:中央补助", 500000, None, None]
    rows[1][6] = None
    table = read_table(_save(rows, _MERGES, tmp_path, kind))
    (project,) = table.projects()
    assert (project.budget_adjusted, project.budget_executed) == (50, 50)
    assert table.source_unit == "元"


@pytest.mark.parametrize("kind", KINDS)
def test_level_2_words_with_spaces_under_the_name_column(tmp_path: Path, kind: str) -> None:
    """数 量 指 标 under 指标名称 (a narrow Word column spaced out): still the grid's level-2 classes, never
    二级指标为空 on every row."""
    rows = [
        ["项目名称:", "公园养护经费", "项目编号:", None],
        ["项目绩效目标", "绩效目标 总体描述", "完成全市公园的日常养护，改善城市环境", None],
        ["指标类型", "指标名称", "指标值", "指标描述"],
        ["产出指标", "数 量 指 标", "120万平方米", "完成120万平方米养护"],
        [None, "质 量 指 标", "100%", "养护全覆盖"],
        ["满意度指标", "服务对象满意度指标", "≥95%", "市民满意"],
    ]
    table = read_table(_save(rows, ["A4:A5"], tmp_path, kind))
    (project,) = table.projects()
    assert [i.level2 for i in project.indicators] == ["数量指标", "质量指标", "服务对象满意度指标"]  # (as a level column reads)
    assert "PG-S04" not in [i.code for i in check_table(table) if i.severity == "error"]


@pytest.mark.parametrize("kind", KINDS)
def test_numbered_level_2_words_under_the_name_column(tmp_path: Path, kind: str) -> None:
    """（1）数量指标 under 指标名称 (a Word outline's numbers): the level-2 is 数量指标 — its number no part of
    the class, never PG-S04 二级指标“（1）数量指标”不在指标体系中."""
    rows = [
        ["项目名称:", "公园养护经费", "项目编号:", None],
        ["项目绩效目标", "绩效目标 总体描述", "完成全市公园的日常养护，改善城市环境", None],
        ["指标类型", "指标名称", "指标值", "指标描述"],
        ["产出指标", "（1）数量指标", "120万平方米", "完成120万平方米养护"],
        [None, "（2）质量指标", "100%", "养护全覆盖"],
        ["满意度指标", "（1）服务对象满意度指标", "≥95%", "市民满意"],
    ]
    table = read_table(_save(rows, ["A4:A5"], tmp_path, kind))
    (project,) = table.projects()
    assert [i.level2 for i in project.indicators] == ["数量指标", "质量指标", "服务对象满意度指标"]
    assert "PG-S04" not in [i.code for i in check_table(table) if i.severity == "error"]
