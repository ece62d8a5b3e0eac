"""Classes found by the thirty-fourth held-out round, built as workbooks with their merges and as the
CSV that loses them:

- a target table printed inside a self-evaluation report, with no 项目名称: the report's title
  (丰都县公安局2022年度辅警人员经费绩效自评工作报告) names the project, its department and year no part
  of the name (重庆 丰都);
- a 区域绩效自评表 writing its amounts in the label cells (资金情况(万元) | 年度金额(提前下达):208万元 |
  资金使用情况(万元) | 合计:109.8万元): the year's budget and what was spent; the indicators, scored out
  of 100 with the table's 得分合计 their sum, leave the budget no points (四川).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.hierarchy_labels import target_project_from_title, without_department_year
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None

REPORT = [
    ["丰都县公安局2022年度辅警人员经费绩效自评工作报告", N, N, N],
    ["(三)绩效目标。", N, N, N],
    ["指标名称", "计量单位", "指标性质", "指标值"],
    ["辅警人员", "人", "=", "512"],
    ["项目持续期", N, "定性", "基本建立"],
    ["项目成本概算", "万元", "≤", "3584"],
    ["受益对象满意度", "%", "≥", "95"],
]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_target_table_in_a_report_named_by_the_reports_title(tmp_path: Path, kind: str) -> None:
    table = read_table(held_file(tmp_path, kind, REPORT))
    [project] = table.projects()
    assert project.name == "辅警人员经费"
    assert [(i.name, i.annual_value.raw) for i in project.indicators][:3] == [
        ("辅警人员", "512人"), ("项目持续期", "基本建立"), ("项目成本概算", "≤3584万元")]
    assert not [f for f in check_table(table) if f.code == "PG-S01"]


def test_the_project_a_reports_title_names() -> None:
    assert target_project_from_title("丰都县公安局2022年度辅警人员经费绩效自评工作报告") == "辅警人员经费"
    assert target_project_from_title("某县教育局2022年度学生资助项目绩效自评报告") == "学生资助项目"
    assert target_project_from_title("某县民政局2019年城乡医疗救助资金绩效目标表") == "城乡医疗救助资金"
    for kind_only in ("2022年度部门整体支出绩效自评报告", "某局2021年度项目支出绩效自评报告", "某县民政局2019年项目绩效目标表",
                      "某局2023年部门整体支出绩效目标表"):
        assert target_project_from_title(kind_only) == "", kind_only
    assert without_department_year("丰都县公安局2022年度辅警人员经费") == "辅警人员经费"
    assert without_department_year("2022年度辅警人员经费") == "2022年度辅警人员经费"  # no department before the year


REGIONAL = [
    ["专项名称", "普惠金融发展专项资金", N, N, "省级主管部门", N, "四川省财政厅", N],
    ["资金情况(万元)", "年度金额(提前下达):208万元", N, N, "资金使用情况(万元)", "合计:109.8万元", N, N],
    [N, "中央财政165万元", N, N, N, "中央财政84.5万元", N, N],
    ["年度总体目标", "目标1:支持农村金融组织体系建设,扩大农村金融服务覆盖面", N, N, "完成情况1:已支持农村金融组织体系建设", N, N, N],
    ["绩效目标完成情况", "一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分"],
    [N, "产出指标", "数量指标", "创业担保贷款发放额增长率", "≥10%", "115.25%", "40%", "40"],
    [N, N, "质量指标", "资金足额拨付率", "100%", "100%", "30%", "30"],
    [N, "效益指标", "社会效益指标", "金融机构网点覆盖率", "≥60%", "85%", "20%", "20"],
    [N, "满意度指标", "服务对象满意度指标", "金融机构满意度", "≥80%", "90%", "10%", "10"],
    ["得分合计", N, N, N, N, N, N, "100"],
]
REGIONAL_MERGES = ["B1:D1", "E1:F1", "G1:H1", "A2:A3", "B2:D2", "F2:H2", "B3:D3", "F3:H3", "B4:D4", "E4:H4",
                   "A5:A9", "B6:B7", "A10:G10"]


def _in_yuan(rows: list[list[object]]) -> list[list[object]]:
    """The same 自评表 with its amounts written in 元 (资金情况(元) | 年度金额(提前下达):2080000元)."""
    yuan = {"资金情况(万元)": "资金情况(元)", "资金使用情况(万元)": "资金使用情况(元)",
            "年度金额(提前下达):208万元": "年度金额(提前下达):2080000元", "合计:109.8万元": "合计:1098000元",
            "中央财政165万元": "中央财政1650000元", "中央财政84.5万元": "中央财政845000元"}
    return [[yuan.get(cell, cell) if isinstance(cell, str) else cell for cell in row] for row in rows]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("unit", ["万元", "元"])
def test_amounts_written_in_the_label_cells_of_a_regional_self_evaluation(tmp_path: Path, kind: str, unit: str) -> None:
    """(元: an amount written in 元 in the label cell was no amount at all — no 预算执行率, PG-E01.)"""
    table = read_table(held_file(tmp_path, kind, REGIONAL if unit == "万元" else _in_yuan(REGIONAL), REGIONAL_MERGES))
    [project] = table.projects()
    assert (project.budget_adjusted, project.budget_executed) == (Decimal("208"), Decimal("109.8"))
    assert [i.weight for i in project.indicators] == [40, 30, 20, 10]
    assert not [f for f in check_table(table) if f.code == "PG-E07"]


def test_a_regional_self_evaluation_gives_its_budget_no_points(tmp_path: Path) -> None:
    """Its indicators are the 100 and its 得分合计 their sum: the 自评表 scored gives the budget line 0
    points (its 执行率 still shown) and totals the indicators as the table does."""
    from perfgoals_xl.scoring.project import score_table

    [score] = score_table(read_table(held_file(tmp_path, "xlsx", REGIONAL, REGIONAL_MERGES)))
    assert score.budget.weight == 0.0 and score.budget.rate is not None and round(score.budget.rate, 4) == 0.5279
    assert score.total == 100.0
