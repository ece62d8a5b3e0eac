"""Classes found by the twenty-ninth held-out round (宁夏 自治区本级 福彩 自评表, 桃源县科技局 部门整体
目标表 2020 and 2022), each built as a workbook with its merges and as the CSV that loses them:

- 中央主管部门 | … over 自治区主管部门 | …: the 自治区 (provincial) tier is the form's department;
- 资金总额 merged down beside 按收入性质分 | 按支出性质分 (group heads over a row of labels, the amounts
  a row lower): the group's head is no value of 资金总额, whose amount stands under the header rows.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import department_tier, form_label_of

N = None


def _read(tmp_path: Path, kind: str, rows: list[list[object]], merges: list[str]):
    return read_table(held_file(tmp_path, kind, rows, merges))


def test_an_autonomous_regions_department_is_a_provincial_tier() -> None:
    assert form_label_of("自治区主管部门")[0] == form_label_of("兵团主管部门")[0] == "department"
    assert department_tier("自治区主管部门") == department_tier("省级主管部门") > department_tier("中央主管部门")
    assert form_label_of("某自治区林业局")[0] is None  # a name, not the label


REGION = [
    ["项目支出绩效自评表", N, N, N, N, N, N],
    ["专项(项目)名称", N, "彩票市场调控资金-福彩系统升级", N, N, N, N],
    ["中央主管部门", N, "中国福利彩票发行管理中心", N, N, N, N],
    ["自治区主管部门", N, "某自治区民政厅", N, "资金使用单位", "某自治区福利彩票发行中心", N],
    ["项目资金(万元)", "年度资金总额", N, "全年预算数", "全年执行数", "执行率", N],
    [N, "年度资金总额", N, "50", "47.68", "95.36%", N],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "全年实际值", "分值", "得分"],
    ["产出指标", "数量指标", "系统升级模块数", "≥3个", "3个", "50", "50"],
]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_provincial_tier_is_the_forms_department(tmp_path: Path, kind: str) -> None:
    project = _read(tmp_path, kind, REGION, ["A2:B2", "C2:G2", "A3:B3", "C3:G3", "A4:B4", "C4:D4", "F4:G4"]).projects()[0]
    assert project.department == "某自治区民政厅"
    assert project.extras.get("中央主管部门") == "中国福利彩票发行管理中心"


DEPARTMENT = [
    ["部门整体支出绩效目标申报表", N, N, N, N, N, N, N],
    ["部门名称", "某县科学技术局", N, N, N, N, N, N],
    ["年度预算申请(万元)", "资金总额", "按收入性质分", N, N, N, "按支出性质分", N],
    [N, N, "公共财政拨款", "政府性基金拨款", "纳入专户的非税收入拨款", "其他资金", "基本支出", "项目支出"],
    [N, "211.62", "211.62", N, N, N, "161.62", "50.00"],
    ["整体绩效目标", "培育高新技术企业15家。", N, N, N, N, N, N],
    ["部门整体支出年度绩效目标", "一级指标", "二级指标", "三级指标", "指标内容", "指标值", "备注", N],
    [N, "产出指标", "数量指标", "培育高新技术企业数量", "全年培育数量", "15家以上", N, N],
]
DEPARTMENT_MERGES = ["A1:H1", "B2:H2", "A3:A5", "B3:B4", "C3:F3", "G3:H3", "B6:H6", "A7:A8", "G7:H7", "G8:H8"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_group_head_beside_the_total_is_no_value_of_it(tmp_path: Path, kind: str) -> None:
    plan = _read(tmp_path, kind, DEPARTMENT, DEPARTMENT_MERGES).plan
    assert (plan.amounts.total, plan.amounts.fiscal) == (Decimal("211.62"), Decimal("211.62"))
    assert (plan.basic, plan.project) == (Decimal("161.62"), Decimal(50))
    assert plan.name == "某县科学技术局"


def test_the_grids_side_label_filled_down_each_row_does_not_end_the_grid(tmp_path: Path) -> None:
    rows = [list(r) for r in DEPARTMENT]
    rows.append([N, "产出指标", "质量指标", "成果转化率", "全年转化率", "≥60%", N, N])
    for r in (7, 8):  # WPS「拆分并填充内容」: the side label (a goal label) printed on every row of the grid
        rows[r][0] = "部门整体支出年度绩效目标"
    plan = _read(tmp_path, "csv", rows, []).plan
    assert [i.name for i in plan.indicators] == ["培育高新技术企业数量", "成果转化率"]
