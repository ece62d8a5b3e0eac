"""A label and its value written in one cell (``项目名称：某项目``) wherever a form prints its block: Word
forms typed by hand, PDFs whose rule between label and value was never drawn. Found by the corpus
variation 标签与值同格, which lost 131 fields of 51 real tables (36 false findings): detectors looked for
whole-cell labels only, so such a 申报表 was no table, such a 自评表 a department's. One test now serves
every detector (``vocabulary.label_key``), and the pair's value is read as printed:

- ``其中:财政拨款：51.35`` is the 财政拨款 line (its 其中 no label), on the side (中期 / 年度) of the total
  label at or left of it;
- ``年度总体目标：目标:完成…`` — the goal's own 目标: opens its text; ``整体绩效目标：目标1:… 目标3:…`` keeps
  its numbered parts;
- ``项目当年绩效目标：…`` under a blank 项目中期规划绩效目标 is a field of its own, never the blank one's value.

Each built as a workbook and as a CSV."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import inline_label_value, label_key

N = None
GRID = [["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "领取补助人数", "≥100人"],
        ["效益指标", "社会效益指标", "村干部队伍稳定", "稳定"],
        ["满意度指标", "服务对象满意度指标", "村干部满意度", "≥95%"]]


def _errors(table) -> list[str]:
    return [f.code for f in check_table(table) if f.severity == "error"]


def test_the_label_of_a_pair_in_one_cell() -> None:
    assert label_key("项目名称：在职村干部补助") == "project"
    assert label_key("当年预算：9.31") == "total"
    assert label_key("项目名称") == "project"
    assert label_key("在职村干部补助") is None
    assert label_key("项目名称：") == "project"  # a label with its colon, its value elsewhere
    assert inline_label_value("其中:财政拨款：51.35") == ("财政拨款", "51.35")
    assert inline_label_value("其中：100万") == ("其中", "100万")
    assert inline_label_value("年度总体目标：目标:完成退耕还林任务") == ("年度总体目标", "目标:完成退耕还林任务")
    assert inline_label_value("主管部门(盖章)：单位:万元") == ("主管部门(盖章)", "")
    # a colon typed after the template's (项目名称:：…): the value starts after both (was "：绿化养护经费")
    assert inline_label_value("项目名称:：绿化养护经费") == ("项目名称", "绿化养护经费")
    assert inline_label_value("项目名称: : 绿化养护经费") == ("项目名称", "绿化养护经费")
    assert inline_label_value("项目名称:：") is None


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_form_whose_labels_all_hold_their_values(tmp_path: Path, kind: str) -> None:
    """(重庆 潼南: a grid printing no level columns, so only the block says it is a form.)"""
    rows = [["2023年一般性项目绩效目标", N, N, N, N, N],
            ["专项资金名称：在职村干部补助", N, N, N, N, N], ["业务主管部门：某镇人民政府", N, N, N, N, N],
            ["当年预算：9.31", N, N, N, N, N], ["当年绩效目标：按月及时足额发放村干部补助。", N, N, N, N, N],
            ["绩效指标", "指标", "指标权重", "计量单位", "指标性质", "指标值"],
            [N, "领取补助人数", "20", "人", "≥", "100"], [N, "按月发放", "20", "次", "=", "1"],
            [N, "村干部满意度", "10", "%", "≥", "95"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:F1", "A2:F2", "A3:F3", "A4:F4", "A5:F5", "A6:A9"]))
    [project] = table.projects()
    assert (project.name, table.department, project.amounts.total) == ("在职村干部补助", "某镇人民政府", Decimal("9.31"))
    assert project.goal == "按月及时足额发放村干部补助。"
    assert [i.name for i in project.indicators] == ["领取补助人数", "按月发放", "村干部满意度"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_selfeval_naming_its_project_in_one_cell_is_a_projects(tmp_path: Path, kind: str) -> None:
    """(湖北 黄石: 项目名称：… and 主管部门：… in one cell each, no goal block — was read as a 部门整体 table.)"""
    rows = [["项目名称：共享工程", N, N, N, N, N, N],
            ["主管部门：某市文化和旅游局", N, N, "项目实施单位：某市图书馆", N, N, N],
            ["项目类别：1、部门预算项目", N, N, N, N, N, N],
            ["预算执行情况(万元)(20分)", N, "预算数(A)", "执行数(B)", "执行率(B/A)", "得分", N],
            ["年度财政资金总额", N, "5", "5", "100%", "20", N],
            ["年度绩效目标1(80分)", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
            [N, "产出指标(40分)", "数量指标", "服务点数量", "≥10个", "12个", "40"],
            [N, "效益指标(30分)", "社会效益指标", "服务人次", "≥1万人次", "1.2万人次", "30"],
            [N, "满意度指标(10分)", "服务对象满意度指标", "读者满意度", "≥90%", "95%", "10"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:G1", "A2:C2", "D2:G2", "A3:G3", "A4:B4", "A5:B5",
                                                        "A6:A9"]))
    assert table.kind == "project"
    [project] = table.projects()
    assert (project.name, table.department) == ("共享工程", "某市文化和旅游局")
    assert project.budget_executed == Decimal("5")
    assert [i.name for i in project.indicators] == ["服务点数量", "服务人次", "读者满意度"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_money_lines_in_one_cell_take_their_totals_side(tmp_path: Path, kind: str) -> None:
    rows = [["项目名称：农产品质检体系建设", N, N, N], ["主管部门：某市农业农村局", N, N, N],
            ["项目资金（万元）", "中期资金总额：68.50", N, "年度资金总额：51.35"],
            [N, "其中:财政拨款：68.50", N, "其中:财政拨款：51.35"],
            [N, "其他资金：0.00", N, "其他资金：0.00"],
            ["年度目标", "完成农产品质检年度任务。", N, N], *GRID]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:D1", "A2:D2", "A3:A5", "B6:D6"]))
    [project] = table.projects()
    assert (project.amounts.total, project.amounts.fiscal, project.amounts.other) == (
        Decimal("51.35"), Decimal("51.35"), Decimal("0.00"))
    assert project.extras.get("中期资金总额") == "68.50"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_money_sections_label_before_its_sub_label_is_no_amount(tmp_path: Path, kind: str) -> None:
    """阳泉: 项目预算资金(万元)：中期预算资金总额 | 年度预算资金总额：25 — the first cell is a money section
    and its first sub-label (no amount: never a total that is “not a number”, PG-A03); the year's total
    is the 25 beside it."""
    rows = [["项目名称：四好农村路工作经费", N, N, N], ["主管部门及代码：经济建设科", N, N, N],
            ["项目预算资金(万元)：中期预算资金总额", N, "年度预算资金总额：25", N],
            ["年度目标", "完成农村公路养护年度任务。", N, N], *GRID]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:D1", "A2:D2", "A3:B3", "C3:D3", "B4:D4"]))
    [project] = table.projects()
    assert project.amounts.total == Decimal("25")
    assert not [f for f in check_table(table) if f.code == "PG-A03"]
    assert inline_label_value("项目预算资金(万元)：中期预算资金总额") == ("项目预算资金(万元)", "")
    assert inline_label_value("项目属性：其他") == ("项目属性", "其他")  # (其他 is a money label, not here)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_goal_pair_under_a_blank_goal_label_is_its_own(tmp_path: Path, kind: str) -> None:
    rows = [["项目名称", "市政日常维护经费", N, N], ["项目申报金额（万元）", "2243.02", N, N],
            ["项目中期规划绩效目标", N, N, N], ["项目当年绩效目标：完成1个老集镇的维护和34座公厕的运行维护。", N, N, N], *GRID]
    table = read_table(held_file(tmp_path, kind, rows, ["B1:D1", "B2:D2", "A3:D3", "A4:D4"]))
    [project] = table.projects()
    assert project.goal == "完成1个老集镇的维护和34座公厕的运行维护。"
    assert project.period_goal in (None, "")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_department_goal_in_one_cell_keeps_its_numbered_parts(tmp_path: Path, kind: str) -> None:
    rows = [["部门（单位）整体支出绩效目标申报表", N, N, N],
            ["部门（单位）名称：某县交通运输局", N, "单位负责人：林某", N],
            ["年初预算资金：183.58", N, N, N],
            ["整体绩效目标：目标1:干线公路建设;目标2:农村公路建设; 目标3:站场建设。", N, N, N],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "农村公路建设里程", "≥50公里"],
            ["效益指标", "社会效益指标", "群众出行条件", "改善"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:D1", "A2:B2", "C2:D2", "A3:D3", "A4:D4"]))
    assert table.kind == "department"
    assert table.plan.goal == "目标1:干线公路建设;目标2:农村公路建设; 目标3:站场建设。"
    assert "目标3" not in table.plan.extras


def _stacked_form(name: str, amount: str) -> list[list[object]]:
    return [["207101某区人民法院", N, N, "单位:万元"], [f"项目名称：{name}", N, N, N],
            ["预算规模及资金用途", "预算数", amount, N], [f"绩效目标：完成{name}。", N, N, N], *GRID, [N, N, N, N]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_forms_stacked_on_one_sheet_each_naming_its_project_in_one_cell(tmp_path: Path, kind: str) -> None:
    """(天津 河北区: a sheet of forms, each 项目名称：… in one cell — the second was read into the first.)"""
    rows = [["项目支出绩效目标表", N, N, N], *_stacked_form("安全隐患维修", "20"), *_stacked_form("办案业务费", "24")]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:D1"]))
    assert [(p.name, p.amounts.total, len(p.indicators)) for p in table.projects()] == [
        ("安全隐患维修", Decimal("20"), 3), ("办案业务费", Decimal("24"), 3)]


def _stacked_selfeval(name: str) -> list[list[object]]:
    return [[f"项目名称：{name}", N, N, N, N, N, N],
            ["主管部门：某区楚剧团", N, N, "实施单位：某区文化和旅游局", N, N, N],
            ["项目资金（万元）", N, "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"],
            [N, "年度资金总额", "30", "30", "30", "100%", "10"],
            ["年度总体目标", "预期目标", N, N, "实际完成情况", N, N],
            [N, f"完成{name}。", N, N, f"已完成{name}。", N, N],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "演出场次", "≥10场", "12场", "50", "50"],
            ["效益指标", "社会效益指标", "观众人次", "≥1万人次", "1.2万人次", "30", "30"],
            ["满意度指标", "服务对象满意度指标", "观众满意度", "≥90%", "95%", "10", "10"]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_selfevals_stacked_on_one_sheet_each_naming_its_project_in_one_cell(tmp_path: Path, kind: str) -> None:
    """(湖北 新洲: two 自评表 pasted one under the other — the second project was never read.)"""
    rows = [*_stacked_selfeval("演出设备更新专项经费"), *_stacked_selfeval("中青年演员培训经费")]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [(p.name, p.budget_executed, len(p.indicators)) for p in table.projects()] == [
        ("演出设备更新专项经费", Decimal("30"), 3), ("中青年演员培训经费", Decimal("30"), 3)]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_listing_under_a_department_line_is_no_form(tmp_path: Path, kind: str) -> None:
    """部门名称：… in one cell above a 政府采购预算表 (项目名称 | 采购品目 | 采购数量 | 预算金额): the column header
    预算金额 gives no value of its own, so the table has one block label, not a form's two."""
    from perfgoals_xl.sources.detect import scores
    from perfgoals_xl.sources.grid import Grid

    rows = [["政府采购预算表", N, N, N], ["部门名称：某市驻京办事处", N, N, "单位：万元"],
            ["项目名称", "采购品目", "采购数量", "预算金额"], ["驻京工作保障", "车辆", "2", "50"]]
    assert "form" not in scores(Grid(sheet="Sheet1", rows=rows))
    with pytest.raises(Exception, match="没有|未找到|不是"):
        read_table(held_file(tmp_path, kind, rows, ["A1:D1"]))
