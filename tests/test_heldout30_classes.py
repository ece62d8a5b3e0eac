"""Classes found by the thirtieth held-out round (海南 文昌 2017 目标表, 南县 民政 自评计分表, 衡阳 社会福利院
部门整体 2025, 镇江 项目绩效公开 2024, 东莞展览馆 部门整体批复表, 温泉 2019 目标表, 安徽 城管 申报表), each
built as a workbook with its merges and as the CSV that loses them:

- an older grid headed 指标类型 | 绩效指标 | 绩效目标 | 绩效标准 (优 | 良 | 中 | 差 under it, the other heads
  merged over both rows): 绩效指标 names the indicators, 绩效目标 is each one's target, the levels are read
  by content — and a printed page's number (-15-) under the grid is no row of it;
- an evaluation scoring sheet printing its 分值 in the labels (三级指标 目标内容(4分) | 自评分, no 分值
  column), its department named by the title above it;
- a department's fields as columns left of its indicator grid (湖南 预算公开 wide table);
- 实施部门 | 预算单位 (江苏): the 实施部门 is the department; 半年(程)指标值 | 全年(程)指标值: the whole
  year's is the target;
- a form printing only a 中长期目标: it has a goal (no PG-A04), the year's is said missing (PG-C01 警告);
- a task grid's 市财政拨款 column and its 金额合计 row merged over the label columns;
- 其中:财政拨款 203 — a money line and its amount in one cell.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.page_chrome import is_page_info
from perfgoals_xl.sources.vocabulary import field_of, form_label_of, task_column_of

N = None


def _read(tmp_path: Path, kind: str, rows: list[list[object]], merges: list[str]):
    return read_table(held_file(tmp_path, kind, rows, merges))


OLDER = [
    ["项目绩效目标表", N, N, N, N, N, N],
    ["项目名称:2017年度退耕还林苗圃建设市级配套项目", N, N, N, N, N, N],
    ["指标类型", "绩效指标", "绩效目标", "绩效标准", N, N, N],
    [N, N, N, "优", "良", "中", "差"],
    ["产出指标", "年育苗数量", "600万株", "600万", "500万", "300万", "200万"],
    ["成效指标", "对经济和社会的影响", "对经济和社会的影响较好", "较好", "好", "一般", "差"],
    [N, "群众满意度", "群众满意度较好", "较好", "好", "一般", "差"],
    ["效率指标", "资金按时到位", "资金按时到位率为100%", "100%", "80%-100%", "60%-80%", "<50%"],
    ["-15-", N, N, N, N, N, N],
]
OLDER_MERGES = ["A1:G1", "A2:G2", "A3:A4", "B3:B4", "C3:C4", "D3:G3", "A6:A7"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_older_grid_headed_by_its_target_and_standards(tmp_path: Path, kind: str) -> None:
    project = _read(tmp_path, kind, OLDER, OLDER_MERGES).projects()[0]
    got = [(i.level1, i.name, i.annual_value.raw) for i in project.indicators]
    assert got == [("产出指标", "年育苗数量", "600万株"), ("成效指标", "对经济和社会的影响", "对经济和社会的影响较好"),
                   ("成效指标", "群众满意度", "群众满意度较好"), ("效率指标", "资金按时到位", "资金按时到位率为100%")]
    assert project.goal == ""  # the first target is no goal of the project


def test_a_printed_page_number_is_page_chrome() -> None:
    for line in ("-15-", "- 3 -", "— 12 —", "第3页", "第 3 页 共 12 页"):
        assert is_page_info(line), line
    for text in ("-15", "15-", "-15%-", "产出指标", "≥-15"):
        assert not is_page_info(text), text


SCORED = [
    ["南县民政局2022年项目支出绩效自评指标计分表", N, N, N, N, N],
    ["附件2", N, N, N, N, N],
    ["2022年项目支出绩效自评指标计分表", N, N, N, N, N],
    ["一级\n指标", "二级\n指标", "三级\n指标", "自评分", "具体指标", "评价标准"],
    ["项目\n决策\n(20分)", "项目\n目标\n(4分)", "目标\n内容\n(4分)", "4", "设立了项目绩效目标;目标明确", "设有目标(1分)"],
    [N, "决策\n过程\n(8分)", "决策\n依据\n(4分)", "4", "有关法律法规的明确规定", "符合法律法规(1分)"],
    [N, N, "决策\n程序\n(4分)", "4", "项目符合申报条件", "符合申报条件(2分)"],
]
SCORED_MERGES = ["A1:F1", "A2:F2", "A3:F3", "A5:A7", "B6:B7"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_scoring_sheet_with_its_weights_in_the_labels(tmp_path: Path, kind: str) -> None:
    table = _read(tmp_path, kind, SCORED, SCORED_MERGES)
    project = table.projects()[0]
    got = [(i.level1, i.level1_weight, i.level2, i.name, i.weight, i.score) for i in project.indicators]
    assert got == [("项目决策", 20, "项目目标", "目标内容", 4, 4), ("项目决策", 20, "决策过程", "决策依据", 4, 4),
                   ("项目决策", 20, "决策过程", "决策程序", 4, 4)]
    assert (project.department or table.department) == "南县民政局"
    assert project.indicators[0].extras["具体指标"] == "设立了项目绩效目标;目标明确"  # a second name column: kept
    codes = {f.code for f in check_table(table) if f.severity == "error"}
    assert not {"PG-E06", "PG-C02", "PG-C03"} & codes  # no target or actual to check: a scoring sheet


WIDE = [
    ["来源:某市社会福利院发布时间:2025-01-16", N, N, N, N, N, N, N, N, N, N, N, N, N],
    ["整体支出绩效目标表", N, N, N, N, N, N, N, N, N, N, N, N, N],
    ["单位编码", "单位名称", "资金总额", "按收入性质分", N, N, "按支出性质分", N, "整体绩效目标", "部门整体支出年度绩效目标",
     N, N, N, N],
    [N, N, N, "一般公共预算", "政府性基金拨款", "其他资金", "基本支出", "项目支出", N, "一级指标", "二级指标", "三级指标",
     "指标值", "计量单位"],
    ["058003", "某市社会福利院", "1,752.48", "1,462.48", "200", "90", "700.38", "1,052.1",
     "建立健全孤儿、特困人员保障体系，维护院内服务对象权益。", "产出指标", "数量指标", "开展开放日活动次数", "1", "次"],
    [N, N, N, N, N, N, N, N, N, N, N, "开展全院安全排查次数", "6", "次"],
]
WIDE_MERGES = ["A1:N1", "A2:N2", "A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:H3", "I3:I4", "J3:N3",
               "A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:E6", "F5:F6", "G5:G6", "H5:H6", "I5:I6", "J5:J6", "K5:K6"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_departments_fields_as_columns_beside_its_grid(tmp_path: Path, kind: str) -> None:
    plan = _read(tmp_path, kind, WIDE, WIDE_MERGES).plan
    assert plan.name == "某市社会福利院"
    assert plan.code == "058003"
    assert plan.amounts.total == Decimal("1752.48")
    assert plan.amounts.other == Decimal(90)
    assert (plan.basic, plan.project) == (Decimal("700.38"), Decimal("1052.1"))
    assert plan.goal.startswith("建立健全孤儿")
    assert [i.name for i in plan.indicators] == ["开展开放日活动次数", "开展全院安全排查次数"]
    assert all(not i.extras for i in plan.indicators)  # the block's columns are no extras of each row
    assert "来源" not in plan.extras  # the web page's own line pasted above the table


JIANGSU = [
    ["项目名称", "赛珍珠文化公园运转经费", N, "实施部门", "某市文化广电和旅游局"],
    ["项目类型", "常年安排项目", N, "项目级次", "市本级"],
    ["预算单位", "某市博物馆", N, "项目负责人/联系电话", N],
    ["项目资金(万元)", "资金总额", N, "全年(程)预算数", "80"],
    ["中长期目标", "加强对文化公园的管理，加强文化宣传，保证文化公园免费开放运转。", N, N, N],
    ["一级指标", "二级指标", "三级指标", "半年(程)指标值", "全年(程)指标值"],
    ["产出指标", "数量指标", "开放天数", "150天", "300天"],
    ["效益指标", "社会效益指标", "免费开放运转", "正常", "正常"],
]
JIANGSU_MERGES = ["B1:C1", "B2:C2", "B3:C3", "B4:C4", "B5:E5"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_implementing_department_over_the_budget_unit(tmp_path: Path, kind: str) -> None:
    table = _read(tmp_path, kind, JIANGSU, JIANGSU_MERGES)
    assert table.department == "某市文化广电和旅游局"
    assert [u.name for u in table.units] == ["某市博物馆"]
    indicator = table.projects()[0].indicators[0]
    assert indicator.annual_value.raw == "300天"
    assert indicator.extras.get("半年(程)指标值") == "150天"


def test_the_vocabulary_of_the_jiangsu_form() -> None:
    assert form_label_of("实施部门")[0] == "implementing_department"
    assert field_of("全年(程)指标值") == "annual_value"
    assert field_of("半年(程)指标值") == "extra"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_mid_term_goal_alone_is_a_goal_the_years_is_missing(tmp_path: Path, kind: str) -> None:
    issues = check_table(_read(tmp_path, kind, JIANGSU, JIANGSU_MERGES))
    assert not [i for i in issues if i.code == "PG-A04"]
    c01 = [i for i in issues if i.code == "PG-C01"]
    assert [i.severity for i in c01] == ["warning"] and "只写了中长期目标" in c01[0].message


TASKS = [
    ["部门(单位)整体支出绩效目标批复表", N, N, N, N, N],
    ["部门(单位)名称", "某展览馆", N, N, N, N],
    ["年度主要任务", "任务名称", "主要内容", "年度预算金额(万元)", N, N],
    [N, N, N, "小计", "市财政拨款", "其他资金"],
    [N, "场馆日常运转人员经费", "在编人数30人", N, "1166.1", N],
    [N, "场馆日常维护", "水电费、物业管理费", N, "549.34", N],
    ["金额合计", N, "*", "1715.44", "1715.44", "0"],
]
TASK_MERGES = ["A1:F1", "B2:F2", "A3:A6", "B3:B4", "C3:C4", "D3:F3", "A7:B7"]


def test_a_task_column_named_for_the_citys_fiscal_money() -> None:
    assert task_column_of("市财政拨款")[0] == "fiscal"
    assert task_column_of("自筹资金")[0] == "other"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_tasks_total_row_merged_over_the_label_columns(tmp_path: Path, kind: str) -> None:
    plan = _read(tmp_path, kind, TASKS, TASK_MERGES).plan
    assert [t.name for t in plan.tasks] == ["场馆日常运转人员经费", "场馆日常维护"]
    assert [t.amounts.fiscal for t in plan.tasks] == [Decimal("1166.1"), Decimal("549.34")]
    assert (plan.amounts.total, plan.amounts.fiscal, plan.amounts.other) == (
        Decimal("1715.44"), Decimal("1715.44"), Decimal(0))


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_money_line_and_its_amount_in_one_cell(tmp_path: Path, kind: str) -> None:
    rows = [
        ["部门预算项目支出绩效目标表", N, N, N, N],
        ["项目名称", "城乡居民基本医疗保险财政补助资金", N, N, N],
        ["预算单位", "某县医疗保障局", N, N, N],
        ["项目资金(万元)", "年度资金总额:203", N, N, N],
        [N, "其中:财政拨款 203", N, N, N],
        [N, "其他资金", N, N, N],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        [N, "产出指标", "数量指标", "基本医疗保险参保人数", "43230人"],
    ]
    merges = ["A1:E1", "B2:E2", "B3:E3", "A4:A6", "B4:E4", "B5:E5", "B6:E6", "A7:A8"]
    project = _read(tmp_path, kind, rows, merges).projects()[0]
    assert (project.amounts.total, project.amounts.fiscal) == (Decimal(203), Decimal(203))


def test_the_fields_beside_the_grid_under_a_count_row(tmp_path: Path) -> None:
    rows = [list(r) for r in WIDE]
    rows.insert(4, [str(n) for n in range(1, 15)])  # a 栏次 row (1 | 2 | 3 …) under the header
    plan = _read(tmp_path, "csv", rows, []).plan
    assert (plan.name, plan.amounts.total) == ("某市社会福利院", Decimal("1752.48"))


@pytest.mark.parametrize("edit", ["blank line above", "side label filled down"])
def test_the_tasks_total_row_after_a_blank_line_or_a_filled_side_label(tmp_path: Path, edit: str) -> None:
    rows = [list(r) for r in TASKS]
    if edit == "blank line above":
        rows.insert(6, [N] * 6)
    else:  # WPS「拆分并填充内容」: 年度主要任务 on every row of the grid
        for r in range(3, 6):
            rows[r][0] = "年度主要任务"
    plan = _read(tmp_path, "csv", rows, []).plan
    assert (plan.amounts.total, plan.amounts.fiscal) == (Decimal("1715.44"), Decimal("1715.44"))
    assert len(plan.tasks) == 2


PROJECT_WIDE = [
    ["项目支出绩效目标表", N, N, N, N, N, N, N, N, N, N, N, N],
    ["单位编码", "单位名称", "项目名称", "资金总额", "财政拨款", "年度绩效目标", "一级指标", "二级指标", "三级指标",
     "指标值类型", "指标值", "计量单位", "评(扣)分标准"],
    ["058003", "某市社会福利院", "孤儿基本生活保障", "120", "120", "保障孤儿基本生活。", "产出指标", "数量指标",
     "保障孤儿人数", "≥", "50", "人", "达到计满分"],
    [N, N, N, N, N, N, "效益指标", "社会效益指标", "孤儿生活水平", "定性", "提高", N, "达到计满分"],
]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_project_tables_value_type_column_holding_the_operator(tmp_path: Path, kind: str) -> None:
    """The same 湖南 预算公开 system's project table (one indicator a row): its 指标值类型 column holds
    the value's operator (≥) or 定性 — the operator joins the value, 定性 is the indicator's nature."""
    merges = ["A1:M1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4"]
    project = _read(tmp_path, kind, PROJECT_WIDE, merges).projects()[0]
    got = [(i.name, i.annual_value.raw, i.nature) for i in project.indicators]
    assert got == [("保障孤儿人数", "≥50人", None), ("孤儿生活水平", "提高", "定性")]


def test_a_blank_row_under_a_scoring_sheets_header(tmp_path: Path) -> None:
    """A blank row under the header: the grid goes on — its criteria are named like form labels (项目目标,
    目标内容) but carry a score, so they are scoring rows, not a next form's block."""
    rows = [list(r) for r in SCORED]
    rows.insert(4, [N] * 6)
    project = _read(tmp_path, "csv", rows, []).projects()[0]
    assert [i.name for i in project.indicators] == ["目标内容", "决策依据", "决策程序"]


def test_a_value_type_column_left_blank_on_a_row(tmp_path: Path) -> None:
    rows = [list(r) for r in PROJECT_WIDE]
    rows[2][9] = N  # no 指标值类型 on this row
    project = _read(tmp_path, "csv", rows, []).projects()[0]
    assert [(i.annual_value.raw, i.nature) for i in project.indicators] == [("50人", None), ("提高", "定性")]
