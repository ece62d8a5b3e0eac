"""Classes found by the corpus variations (tests/corpus/variations.py, docs/fidelity.md), each on a fixture
built here in the shape of the family (not a copy of a corpus table), as a workbook and as CSV:

- an 附件：… line under a form's grid (the attachment's name, printed as the last row) — was read as
  an indicator, its text a weight (PG-S01);
- 其中：当年财政拨款 on both sides of a 中期 | 年度 money block — 当年 names the money's year, not the
  side: the mid-term fiscal amount was taken for the year's (PG-A01 on a well-formed table);
- a long table's amount column headed 年度预算数 (湖南 预算公开) — was no amount column, so a unit's row
  above its project was read as a project (PG-C01 没有绩效目标 on both);
- 指标类型 | 指标名称 grids whose name column holds the level-2 classes in short (数量, 社会效益) — was
  二级指标为空 on each row;
- a 自评表 whose level 分值 merged over its rows was undone and filled down (产出指标(50分) over
  50 | 50 | 50) — was a sum of 150 for a level of 50 (PG-E07, PG-E11);
- a 转移支付 target table printing actuals (read as a 自评表) with no 项目名称: its ``…绩效目标表`` title
  names the project — was a project named '' (PG-C03 项目“”…);
- 转移支付 自评表 budget pairs written bare (预算数: | 500000) over 其中 lines writing the same amount
  with its unit (500000元) — were read as 500000 万元;
- held as CSV (the pasted sheet saved without its merges): a 绩效指标 block label left of the levels; a
  自评表's next grid after a page mark or a spacer row, and its 总分 under a spacer row; stacked forms whose
  second header follows a blank row; stacked 自评表 forms labelled 项 目 名 称; a page mark under an older
  grid; a long table's levels read by content past a 栏次 row and above 备注 / 附件 lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None
KINDS = ("xlsx", "csv")


def _indicators(table) -> list:
    return [i for p in table.projects() for i in p.indicators]


@pytest.mark.parametrize("kind", KINDS)
def test_an_attachment_line_under_the_grid_is_no_indicator(tmp_path: Path, kind: str) -> None:
    """An older target grid under its title (no block), its last row the attachment's name merged
    across the grid (河北 2019)."""
    rows = [["2019年度某县高中助学金项目绩效目标表", N, N, N, N, N],
            ["评价指标", "评价内容", "指标名称", "指标说明", "目标值", "分值"],
            ["产出", "数量指标", "享受资助人数", "达到预计值", "2100", "50"],
            [N, "质量指标", "建档立卡学生全面覆盖", N, "100%", "50"],
            ["总分", N, N, N, N, "100"],
            ["附件：2019年度某县高中助学金项目绩效评价指标表.xlsx", N, N, N, N, N]]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:F1", "A5:E5", "A6:F6"]))
    assert [i.name for i in _indicators(table)] == ["享受资助人数", "建档立卡学生全面覆盖"]
    assert not [f for f in check_table(table) if f.code == "PG-S01"]


@pytest.mark.parametrize("kind", KINDS)
def test_this_years_fiscal_money_on_both_sides_of_a_mid_term_block(tmp_path: Path, kind: str) -> None:
    rows = [["项目支出绩效目标表", N, N, N, N, N],
            ["项目名称", "人工增雨作业", N, N, N, N],
            ["主管部门", "某市气象局", N, N, "实施单位", "某市气象局"],
            ["项目资金（万元）", "中期资金总额：", "449.8", N, "年度资金总额：", "189.8"],
            [N, "其中：当年财政拨款", "449.8", N, "其中：当年财政拨款", "189.8"],
            [N, "其他资金", N, N, "其他资金", N],
            ["总体目标", "中期目标", N, N, "年度目标", N],
            [N, "建立人工增雨作业体系", N, N, "完成飞机增雨作业30架次", N],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", N],
            [N, "产出指标", "数量指标", "飞机增雨作业架次", "≥30架次", N],
            [N, "效益指标", "社会效益指标", "增加降水量", "≥1亿吨", N]]
    table = read_table(held_file(tmp_path, kind, rows))
    project = table.projects()[0]
    assert (float(project.amounts.total), float(project.amounts.fiscal)) == (189.8, 189.8)
    assert not [f for f in check_table(table) if f.code == "PG-A01"]


def test_a_sources_own_year_word_is_no_side_but_its_year_word_is() -> None:
    """年度 still sides a source label; 当年 / 本年 name the money's year."""
    from perfgoals_xl.sources.form_blocks import _amount_side

    assert _amount_side("其中：当年财政拨款", "fiscal") is None
    assert _amount_side("本年财政拨款", "fiscal") is None
    assert _amount_side("年度财政拨款", "fiscal") == "annual"
    assert _amount_side("中期财政拨款", "fiscal") == "period"
    assert _amount_side("当年资金总额", "total") == "annual"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("header", ["年度预算数", "本年预算金额", "项目年度预算资金总额"])
def test_a_long_tables_amount_column_headed_by_the_years_budget(tmp_path: Path, kind: str, header: str) -> None:
    rows = [["单位代码", "单位(专项)名称", header, "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["505006", "州特殊教育学校", "30.00", N, N, N, N, N],
            ["505006", "学生伙食费", "30.00", "保障特殊教育学校学生在校每天三餐的伙食补助按标准足额发放", "成本指标", "经济成本指标", "学生补助标准", "17元/人·天"],
            [N, N, N, N, "满意度指标", "服务对象满意度指标", "学生满意度", "≥95%"]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [(p.name, p.amounts.total) for p in table.projects()] == [("学生伙食费", 30)]
    assert [u.name for u in table.units] == ["州特殊教育学校"]
    assert not [f for f in check_table(table) if f.code == "PG-C01"]  # (the unit's row is no project)


def test_budget_words_that_are_a_self_evaluations_stay_its_own() -> None:
    from perfgoals_xl.sources.vocabulary import field_of

    assert field_of("年度预算数") == "total" and field_of("本年预算金额") == "total"
    assert field_of("全年预算数") == "budget_adjusted" and field_of("年初预算数") == "budget_initial"


@pytest.mark.parametrize("kind", KINDS)
def test_short_level_2_classes_under_a_name_column(tmp_path: Path, kind: str) -> None:
    rows = [["项目名称：", "绿化养护经费", N, N],
            ["项目绩效目标", "完成建成区绿化养护。", N, N],
            ["指标类型", "指标名称", "指标值", "指标描述"],
            ["产出", "数量", "375万平方米", "完成全市绿地养护"],
            [N, "质量", "100%", "绿地全覆盖"],
            ["效益", "社会效益", "是", "满足市民生活环境需求"],
            ["满意度", "服务对象满意度", "≥95%", "服务对象对养护满意"]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [i.level2 for i in _indicators(table)] == ["数量", "质量", "社会效益", "服务对象满意度"]
    assert not [f for f in check_table(table) if f.code == "PG-S04"]


def test_a_short_word_is_a_class_only_under_its_own_level_1() -> None:
    from perfgoals_xl.sources.form_grid import _level2_word

    assert _level2_word("数量", "产出") and _level2_word("社会效益", "效益指标")
    assert not _level2_word("数量", "效益") and not _level2_word("群众满意度", "满意度指标")
    assert not _level2_word("数量", "")


def _selfeval(grid: list[list[object]]) -> list[list[object]]:
    return [["项目名称", "中职免学费配套资金", N, N, N, N, N],
            ["主管部门", "某市教育局", N, N, N, N, N],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "593.27", "593.27", "593.27", "10", "100%", "10"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], *grid]


def _weighted_grid(weights: list[int]) -> list[list[object]]:
    """产出指标(50分) over three rows, 效益指标(40分) over two, each row's 分值 and 得分 as given."""
    rows = [("产出指标(50分)", "数量指标", "资助学生人数", "3018人"), ("产出指标(50分)", "质量指标", "技能鉴定达标率", "98%"),
            ("产出指标(50分)", "时效指标", "资金拨付及时率", "100%"), ("效益指标(40分)", "社会效益指标", "减轻学生家庭负担", "有效减轻"),
            ("效益指标(40分)", "可持续影响指标", "帮扶常态化", "常态化")]
    return [[*row, row[3], str(w), str(w)] for row, w in zip(rows, weights, strict=True)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_levels_weight_filled_down_its_rows_counts_once(tmp_path: Path, kind: str) -> None:
    table = read_table(held_file(tmp_path, kind, _selfeval(_weighted_grid([50, 50, 50, 40, 40]))))
    indicators = _indicators(table)
    assert [i.weight for i in indicators] == [50, None, None, 40, None]
    assert [i.score for i in indicators] == [50, None, None, 40, None]
    assert indicators[1].field_locations["weight"] == indicators[0].field_locations["weight"]
    findings = check_table(table)
    assert not [f for f in findings if f.code == "PG-E11" or (f.code == "PG-E07" and f.severity == "error")]
    assert "逐行重复" in " ".join(f.message for f in findings if f.code == "PG-S11")


@pytest.mark.parametrize("kind", KINDS)
def test_weights_of_their_own_under_a_weighted_level_stay(tmp_path: Path, kind: str) -> None:
    """Each row's own 分值 (20 | 20 | 10 under 产出指标(50分)), or the same 分值 that is not the level's:
    read as printed."""
    table = read_table(held_file(tmp_path, kind, _selfeval(_weighted_grid([20, 20, 10, 20, 20]))))
    assert [i.weight for i in _indicators(table)] == [20, 20, 10, 20, 20]
    assert "逐行重复" not in " ".join(f.message for f in check_table(table) if f.code == "PG-S11")


@pytest.mark.parametrize("kind", KINDS)
def test_a_target_title_names_the_project_of_a_grid_with_actuals(tmp_path: Path, kind: str) -> None:
    """A 转移支付 target table printing its actuals beside the targets (read as a 自评表), with no 项目名称:
    its title ``…绩效目标表`` names the project, as a 自评表's ``…绩效自评表`` does (was: a project named '')."""
    rows = [["中等职业学校国家助学金绩效目标表", N, N, N, N, N],
            ["(2018年度)", N, N, N, N, N],
            ["中央主管部门", "财政部、教育部", N, N, N, N],
            ["省级主管部门", "某省教育厅", N, N, N, N],
            ["资金情况（万元）", "年度金额", "120", N, N, N],
            ["总体目标", "落实国家资助政策，满足家庭经济困难学生基本学习生活需求。", N, "已实施情况：", N, N],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值"],
            [N, "产出指标", "数量指标", "受助学生人数", "≥1000人", "1020人"],
            [N, "效益指标", "社会效益指标", "教育公平程度", "显著提升", "显著提升"]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [p.name for p in table.projects()] == ["中等职业学校国家助学金"]
    assert "项目名称按标题" in " ".join(f.message for f in check_table(table) if f.code == "PG-S11")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("written", "unit", "read"), [("500000元", "元", 50), ("50万元", None, 50), ("50", None, 50)])
def test_budget_pairs_take_the_unit_their_source_lines_write(tmp_path: Path, kind: str, written: str,
                                                             unit: str | None, read: float) -> None:
    """四川 中央转移支付区域绩效自评表: 预算数: | 500000 | 执行数: | 500000 bare, the 其中 line under them
    writing the same amount with its unit (其中:中央补助 | 500000元): the pairs are in 元, read in 万元
    (was: 500000 万元, a 50-billion budget)."""
    bare = "500000" if unit == "元" else "50"
    rows = [["专项名称", "农村饮水安全补助", N, "中央主管部门", "水利部", N, "自评得分"],
            ["省级财政部门", "某省财政厅", N, "省级主管部门", "某省水利厅", N, 100],
            ["预算执行情况", "预算数:", bare, "执行数:", bare, N, 20],
            [N, "其中:中央补助", written, "其中:中央补助", written, N, N],
            ["年度目标完成情况", "预期目标", N, N, "目标实际完成情况", N, 20],
            [N, "目标1:完成饮水工程维修。", N, N, "目标1:已完成饮水工程维修。", N, N],
            ["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值", 60],
            [N, "产出指标", "数量指标", "维修工程数量", "≥10处", "12处", 30],
            [N, "效益指标", "社会效益指标", "受益人口", "≥5000人", "5200人", 30]]
    table = read_table(held_file(tmp_path, kind, rows))
    (project,) = table.projects()
    assert (project.budget_adjusted, project.budget_executed) == (read, read)
    assert table.source_unit == unit


@pytest.mark.parametrize("kind", KINDS)
def test_a_block_label_spelled_as_the_names_header_left_of_the_levels(tmp_path: Path, kind: str) -> None:
    """安徽 金寨 部门整体自评表 saved as CSV: the block label 绩效指标 (its merge down lost) on the header row
    left of the levels, and 绩效指标 heading the names right of them — the names' column is the one right of
    the levels (was: the block label's, no indicator read, PG-D03)."""
    rows = [["部门整体支出绩效目标表", N, N, N, N], ["部门名称", "某县乡村建设服务中心", N, N, N],
            ["年度绩效总目标", "建设美丽宜居村庄200个。", N, N, N],
            ["绩\n效\n指\n标", "一级指标", "二级指标", "绩效指标", "年度指标值"],
            [N, "产出指标", "数量指标", "美丽宜居村庄建设数量", "≥200个"], [N, N, "质量指标", "村庄验收合格率", "≥95%"]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [(i.level2, i.name) for i in table.plan.indicators] == [
        ("数量指标", "美丽宜居村庄建设数量"), ("质量指标", "村庄验收合格率")]


def _two_grid_selfeval(margin: bool, spacer: bool) -> list[list[object]]:
    """湖北 广水 自评表 (a scoring grid, a page mark, then the indicator grid under its own line), one sheet."""
    pad = [N] if margin else []
    rows = [[*pad, "项目名称", "乡村道路建设养护项目", N, N, N, "自评总分:95"],
            [*pad, "项目主管单位", "某市交通运输局", N, N, N, N],
            [*pad, "项目权重", "评价内容", "分值", "自评分", "复核分", "评价标准及依据"],
            [*pad, "项目决策", "决策依据", "2", "2", N, "有项目年度工作计划"],
            [*pad, "项目管理", "财务制度", "3", "3", N, "单位财务管理制度"],
            [*pad, N, "目标申报", "4", "4", N, "项目绩效目标全申报"],
            [N] * (6 + len(pad)),
            ["— 1 —", N, N, N, N, N, *pad],
            [*pad, "项目年度目标1：乡村道路建设养护", N, N, N, N, N]]
    if spacer:
        rows.append([N] * (6 + len(pad)))
    return rows + [[*pad, "一级指标", "二级指标", "指标名称(三级指标)", "年初指标值", "年终完成值", "自评分"],
                   [*pad, "产出指标", "数量指标", "乡村道路建设养护里程", "300公里", "300公里", "15"],
                   [*pad, "效益指标", "社会效益指标", "群众出行条件改善", "明显改善", "明显改善", "15"]]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("margin", "spacer"), [(False, False), (True, False), (False, True)])
def test_a_selfeval_grid_after_a_page_mark_and_a_spacer_row(tmp_path: Path, kind: str, margin: bool, spacer: bool) -> None:
    """The second grid of a 自评表 pasted in one sheet after a page mark (— 1 —, in a margin column of its
    own) and a blank spacer row under its 项目年度目标1 line: read on (was: the grid ended at the mark or the
    spacer, its indicators lost)."""
    table = read_table(held_file(tmp_path, kind, _two_grid_selfeval(margin, spacer)))
    (project,) = table.projects()
    assert [i.name for i in project.indicators][-2:] == ["乡村道路建设养护里程", "群众出行条件改善"]


def _stacked_forms(spacer: bool) -> list[list[object]]:
    """天津 河北区 法院: two 申报表 forms one under the other, the same indicator header in each."""
    rows: list[list[object]] = []
    for name, total, names in (("安全隐患维修", "20", ("维修面积", "验收合格率")),
                               ("办案业务费", "24", ("聘用调解员人数", "案件调解率"))):
        rows += [["项目名称", name, N, N], ["预算数", total, N, N], ["绩效目标", f"保障{name}按期完成。", N, N]]
        if spacer and name == "办案业务费":
            rows.append([N, N, N, N])
        rows += [["一级指标", "二级指标", "三级指标", "指标值"],
                 ["产出指标", "数量指标", names[0], "≥1"], [N, "质量指标", names[1], "≥90%"], [N, N, N, N]]
    return rows


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("spacer", [False, True])
def test_a_stacked_forms_header_after_a_spacer_row_is_its_own(tmp_path: Path, kind: str, spacer: bool) -> None:
    """The second form's header under a blank row repeats the first form's: no page of the first going on
    (its part ends with the 绩效目标 line of a form), the second form's own grid (was: the header dropped as a
    page's repeat, the second project read with no indicator, PG-A04)."""
    table = read_table(held_file(tmp_path, kind, _stacked_forms(spacer)))
    assert [(p.name, [i.name for i in p.indicators]) for p in table.projects()] == [
        ("安全隐患维修", ["维修面积", "验收合格率"]), ("办案业务费", ["聘用调解员人数", "案件调解率"])]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("footer", [False, True])
def test_a_page_mark_under_an_older_grid_is_no_text_of_its_level_column(tmp_path: Path, kind: str, footer: bool) -> None:
    """海南 2017 (指标类型 | 绩效指标 | 绩效目标), its page's mark -15- under the grid and a 填报人 line under
    that: the mark is no level name of the first column (was: the column no longer mostly level names, the
    grid not found, every indicator lost)."""
    rows = [["项目绩效目标表", N, N], ["项目名称:退耕还林苗圃建设项目", N, N],
            ["指标类型", "绩效指标", "绩效目标"], ["产出指标", "年育苗数量", "600万株"],
            ["成效指标", "对经济和社会的影响", "影响较好"], [N, "群众满意度", "满意度较好"],
            ["效率指标", "资金按时到位", "到位率100%"], ["-15-", N, N]]
    if footer:
        rows.append(["填报人：    联系电话：    填报日期：", N, N])
    table = read_table(held_file(tmp_path, kind, rows))
    assert [i.level1 for p in table.projects() for i in p.indicators] == ["产出指标", "成效指标", "成效指标", "效率指标"]


def _spaced_selfeval(name: str, indicator: str) -> list[list[object]]:
    return [["项 目 名 称", name, N, N, N, N],
            ["项目资金（万元）", "年 初 预 算 数", "全 年 预 算 数", "全 年 执 行 数", "执 行 率", N],
            ["年 度 资 金 总 额", "30", "30", "30", "100%", N],
            ["一 级 指 标", "二 级 指 标", "三 级 指 标", "年 度 指 标 值", "实 际 完 成 值", "得 分"],
            ["产出指标", "数量指标", indicator, "50件", "50件", "20"], ["总分", N, N, N, N, "98"], [N] * 6]


@pytest.mark.parametrize("kind", KINDS)
def test_stacked_selfeval_forms_with_spaced_out_labels(tmp_path: Path, kind: str) -> None:
    """湖北 新洲 (项 目 名 称, 年 初 预 算 数: labels spaced out), two 自评表 forms one under the other: each
    form its own project (was: the second form's 项 目 名 称 not seen as a form's start, the project lost)."""
    rows = _spaced_selfeval("演出设备更新专项经费", "更新演出设备数量") + _spaced_selfeval("中青年演员培训经费", "培训演员人数")
    table = read_table(held_file(tmp_path, kind, rows))
    assert [(p.name, [i.name for i in p.indicators]) for p in table.projects()] == [
        ("演出设备更新专项经费", ["更新演出设备数量"]), ("中青年演员培训经费", ["培训演员人数"])]


def _evaluation_grid(numbers: bool, notes: bool) -> list[list[object]]:
    """河北 宁晋 (an older 评价指标 grid read as a long table: its levels under 评价指标 | 评价内容, by content)."""
    rows: list[list[object]] = [["2019年度某县高中助学金项目绩效目标表", N, N, N, N, N],
                                ["评价指标", "评价内容", "指标名称", "指标说明", "目标值", "分值"]]
    if numbers:
        rows.append(["1", "2", "3", "4", "5", "6"])
    rows += [["项目年度绩效目标（定量指标）", "制度指标", "规章制度建立与否", N, N, "20"],
             ["产出", "数量指标", "享受资助人数", "达到预计值", "2100", "20"],
             [N, "质量指标", "资助对象覆盖率", "达到目标值", "100%", "20"],
             [N, "时效指标", "及时发放率", "达到目标值", "100%", "20"],
             [N, "成本指标", "资助标准达标率", N, "100%", "20"], ["总分", N, N, N, N, "100"]]
    if notes:
        rows += [["备注：本表金额单位为万元。", N, N, N, N, N], ["附件：2019年度某县高中助学金项目绩效评价指标表.xlsx", N, N, N, N, N]]
    return rows


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("numbers", "notes"), [(True, False), (False, True)])
def test_a_level_column_read_by_content_past_a_numbers_row_and_notes(tmp_path: Path, kind: str, numbers: bool,
                                                                    notes: bool) -> None:
    """A 栏次 row (1 | 2 | 3 …) under the header, or 备注 / 附件 lines under the 总分: no content of the level
    columns (was: 评价指标 no longer mostly level names, every level-1 read blank)."""
    table = read_table(held_file(tmp_path, kind, _evaluation_grid(numbers, notes)))
    assert [(i.level1, i.level2) for p in table.projects() for i in p.indicators] == [
        ("项目年度绩效目标", "制度指标"), ("产出", "数量指标"), ("产出", "质量指标"), ("产出", "时效指标"),
        ("产出", "成本指标")]


@pytest.mark.parametrize("kind", KINDS)
def test_a_selfeval_total_under_a_spacer_row(tmp_path: Path, kind: str) -> None:
    """湖北 区 渔业补贴 自评表 (its block label down the left, the 总分 merged across to its score): a blank row
    between the last indicator and the 总分 row — the 总分 is still the claimed total (was: the grid ended at
    the blank row, the total lost)."""
    rows = [["项目名称", "渔业成品油价格改革补贴", N, N, N, N, N],
            ["预算执行情况(万元)(20分)", N, "预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)", N],
            [N, "年度财政资金总额", "1.56", "1.56", "1", "20", N],
            ["年度绩效目标(80分)", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
            [N, "产出指标", "数量指标", "补贴渔船数", "6", "6", "40"],
            [N, "满意度指标", "服务对象满意度", "渔民满意度", "90%", "92%", "40"],
            [N] * 7, ["总分", N, N, N, N, "100", N], ["偏差大或目标未完成原因分析", N, "无", N, N, N, N]]
    table = read_table(held_file(tmp_path, kind, rows))
    (project,) = table.projects()
    assert project.total_score == 100 and len(project.indicators) == 2


def _two_level_form(first: str, second: str) -> list[list[object]]:
    """A city form whose grid has two level columns: the first holds 数量指标 / 质量指标, the second the
    indicators; its headers printed as ``first`` | ``second``."""
    return [["项目名称", "机关食堂运行保障", N, N],
            ["项目预算", "合计", 80, N],
            ["绩效目标", "保障机关干部职工就餐，食品安全零事故。", N, N],
            ["绩效指标", N, N, N],
            [first, second, "绩效标准", "当年预期实现值"],
            ["数量指标", "供餐天数", "反映全年供餐情况", "≥250天"],
            [N, "日均就餐人次", "反映就餐规模", "≥300人次"],
            ["质量指标", "食品安全事故", "反映食品安全", "0起"],
            ["社会效益指标", "职工就餐保障率", "反映保障情况", "100%"],
            ["服务对象满意度指标", "职工满意度", "反映服务质量", "≥90%"]]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("first", "second"), [("一级指标", "二级指标"), ("", "二级指标"), ("指标类型", "二级指标"),
                                                ("一级指标", "")])
def test_a_two_level_grid_with_one_header_lost(tmp_path: Path, kind: str, first: str, second: str) -> None:
    """一级指标 | 二级指标 over 数量指标 | the indicators, one of the two headers blank or printed 指标类型
    (a web export): read as 二级指标 | 指标名称 still — was no indicator read (PG-A04 on a full grid)."""
    table = read_table(held_file(tmp_path, kind, _two_level_form(first, second), ["A4:D4", "A6:A7"]))
    got = [(i.level1, i.level2, i.name, i.annual_value.raw) for i in _indicators(table)]
    assert got[:3] == [("产出指标", "数量指标", "供餐天数", "≥250天"), ("产出指标", "数量指标", "日均就餐人次", "≥300人次"),
                   ("产出指标", "质量指标", "食品安全事故", "0起")]
    assert not [f for f in check_table(table) if f.severity == "error"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_lost_header_beside_two_level_columns_is_no_shift(tmp_path: Path, kind: str) -> None:
    """ | 二级指标 | 三级指标-less grid whose blank-headed column holds 产出指标 and whose 二级 column holds
    数量指标: the levels are as printed, no column read one level down."""
    rows = _two_level_form("", "二级指标")
    rows[5:] = [["产出指标", "数量指标", "供餐天数", "≥250天"], [N, "质量指标", "食品安全事故", "0起"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A4:D4", "A6:A7"]))
    assert "食品安全事故" not in {i.level2 for i in _indicators(table)}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("first", ["", "级指标"])
def test_both_level_headers_lost_over_a_frameworks_own_levels(tmp_path: Path, kind: str, first: str) -> None:
    """An investment-plan target table (发展改革委: 实施效果指标 over 产出指标 / 效益指标, 过程管理指标 over
    计划管理指标) whose 一级 and 二级 headers were both lost (blank, or 级指标 its 一 lost): the two level-shaped
    columns left of the names are the levels as printed — were read as no levels at all (PG-C02)."""
    rows = [["专项名称", "某县以工代赈示范工程", N, N],
            ["本次下达中央预算内投资(万元)", 500, N, N],
            ["总体目标", "改善项目区农村基础设施条件，带动群众务工增收。", N, N],
            [first, N, "三级指标", "指标值"],
            ["实施效果指标", "产出指标", "劳务报酬占中央投资比例", "≥30%"],
            [N, "效益指标", "项目区农村基础设施条件", "持续改善"],
            [N, "满意度指标", "参与工程建设的群众满意度", "≥90%"],
            ["过程管理指标", "计划管理指标", "投资计划分解用时", "≤20工作日"],
            [N, "资金管理指标", "中央预算内投资支付率", "≥95%"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A5:A7", "A8:A9"]))
    got = [(i.level1, i.level2, i.name) for i in _indicators(table)]
    assert got == [("实施效果指标", "产出指标", "劳务报酬占中央投资比例"), ("实施效果指标", "效益指标", "项目区农村基础设施条件"),
                   ("实施效果指标", "满意度指标", "参与工程建设的群众满意度"), ("过程管理指标", "计划管理指标", "投资计划分解用时"),
                   ("过程管理指标", "资金管理指标", "中央预算内投资支付率")]
    assert any("读取提示" in p.message and "一级指标" in p.message for p in table.problems)  # (said, not silent)


@pytest.mark.parametrize("kind", KINDS)
def test_a_fund_unit_in_the_form_under_a_budget_unit_line(tmp_path: Path, kind: str) -> None:
    """预算单位：某乡人民政府 on the line over a 审批表, 资金使用单位 | 某乡 inside it (重庆 奉节): the first is
    the unit, the second the one spending the money (implementer) — was kept only as an extra field."""
    rows = [["2023年某乡加工园配套设施建设项目支出绩效目标审批表", N, N, N],
            ["预算单位：某县某乡人民政府", N, N, "金额单位：万元"],
            ["项目名称", "2023年某乡加工园配套设施建设项目", "业务主管部门", "县民宗委"],
            ["资金使用单位", "某乡", "项目负责人", "张三"],
            ["项目总预算", 65, N, N],
            ["年度主要目标", "新建中药材晾晒房一座，带动群众务工增收。", N, N],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "新建晾晒房", "1座"],
            ["效益指标", "经济效益指标", "带动务工增收", "≥5000元/年"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:D1", "A2:C2"]))
    (project,) = table.projects()
    assert table.units[0].name == "某县某乡人民政府"
    assert project.implementer == "某乡"
    assert "资金使用单位" not in project.extras
    rows[4] = ["实施单位", "某乡农业服务中心", N, N]  # (an 实施单位 of its own besides: it is the implementer)
    (tmp_path / "2").mkdir()
    (project,) = read_table(held_file(tmp_path / "2", kind, rows, ["A1:D1", "A2:C2"])).projects()
    assert project.implementer == "某乡农业服务中心" and project.extras["资金使用单位"] == "某乡"


@pytest.mark.parametrize("label", ["项目资金\n(万元)", "实施单位"])
def test_a_project_selfeval_titled_above_its_table_is_no_department_table(tmp_path: Path, label: str) -> None:
    """A 项目支出绩效自评表 with no 项目名称 row, its project named only in the page's title above the table,
    after a document number (新疆 阜康: 某州财行(2022)10号 …, a year in the name: no project's title by
    itself): 主管部门 and 年度总体目标 made it a department's table (PG-D03 on a project's 自评表); a
    项目资金 block or a 实施单位 label is a project's form."""
    from form_fixtures import c
    from test_reading_classes import html_page

    cells = [c(0, 0, "主管部门"), c(0, 1, "某市统计局", c2=2)]
    cells += [c(0, 3, "实施单位"), c(0, 4, "某市统计局", c2=6)] if label == "实施单位" else [c(0, 3, None, c2=6)]
    cells += [c(1, 0, "项目资金\n(万元)" if label != "实施单位" else "资金情况", r2=2), c(1, 1, "资金来源"),
              c(1, 2, "年初预算数"), c(1, 3, "全年预算数"), c(1, 4, "全年执行数"), c(1, 5, "分值"), c(1, 6, "得分"),
              c(2, 1, "年度资金总额"), c(2, 2, 5.28), c(2, 3, 1.96), c(2, 4, 1.96), c(2, 5, 10), c(2, 6, 10),
              c(3, 0, "年度总体目标"), c(3, 1, "完成国家统计调查任务。", c2=6),
              c(4, 0, "一级指标"), c(4, 1, "二级指标"), c(4, 2, "三级指标"), c(4, 3, "指标值"), c(4, 4, "实际完成值"),
              c(4, 5, "分值"), c(4, 6, "得分"),
              c(5, 0, "产出指标"), c(5, 1, "数量指标"), c(5, 2, "完成调查任务数"), c(5, 3, "12项"), c(5, 4, "12项"),
              c(5, 5, 50), c(5, 6, 50),
              c(6, 0, "效益指标"), c(6, 1, "社会效益指标"), c(6, 2, "数据按时报送率"), c(6, 3, "100%"), c(6, 4, "100%"),
              c(6, 5, 30), c(6, 6, 30),
              c(7, 0, "满意度指标"), c(7, 1, "服务对象满意度指标"), c(7, 2, "用户满意度"), c(7, 3, "≥90%"), c(7, 4, "95%"),
              c(7, 5, 10), c(7, 6, 10)]
    path = html_page(tmp_path / "page.html", [cells], before="<p>某州财行(2022)10号 国家统计局调查队专项经费绩效自评表</p><p>(2023年度)</p>")
    table = read_table(path)
    assert table.kind != "department"
    (project,) = table.projects()
    assert project.name.endswith("国家统计局调查队专项经费")
    assert [i.name for i in project.indicators] == ["完成调查任务数", "数据按时报送率", "用户满意度"]
    assert not [f for f in check_table(table) if f.code.startswith("PG-D")]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("inline", [False, True])
def test_the_whole_terms_budget_beside_the_years_written_with_its_label(tmp_path: Path, kind: str, inline: bool) -> None:
    """项目总预算 (the whole term's) beside 项目当年预算, each written with its amount in one cell (芜湖 申报明细表,
    项目总预算(万元)：75.0): the year's budget is the total, as when label and amount stand in two cells —
    was the whole term's 75."""
    budget = ([["项目总预算(万元)：75.0", N, "项目当年预算(万元)：25.00", N]] if inline
              else [["项目总预算(万元)", "75.0", "项目当年预算(万元)", "25.00"]])
    rows = [["项目名称", "特殊人群病种筛查经费", N, N],
            ["起始日期", "2019年1月", "结束日期", "2021年1月"],
            *budget,
            ["年度绩效目标", "完成特殊人群病种筛查。", N, N],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "筛查人数", "≥5000人"],
            ["效益指标", "社会效益指标", "早发现早治疗率", "≥90%"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]]
    (project,) = read_table(held_file(tmp_path, kind, rows, ["A3:B3", "C3:D3"] if inline else [])).projects()
    assert project.amounts.total == 25


@pytest.mark.parametrize("kind", KINDS)
def test_a_department_goal_written_with_its_label_under_its_section(tmp_path: Path, kind: str) -> None:
    """年度绩效目标 (a section row) over ``*年度绩效总目标：…`` in one cell merged across (江西 浮梁, label and
    text in one cell): the goal is the text — was the whole cell, its label included."""
    rows = [["部门整体绩效目标", N, N, N, N, N],
            ["部门编码:", "316", "部门名称:", "某县林业局", "*联系人:", "王五"],
            ["年度绩效目标", N, N, N, N, N],
            ["*年度绩效总目标：保证林业局职能实现，保障人员经费。", N, N, N, N, N],
            ["一级指标", "二级指标", "三级指标", "计算符号", "目标值", "度量单位"],
            ["产出指标", "数量指标", "保障在职职工人数", "=", "116", "人"],
            ["效益指标", "社会效益指标", "森林防火责任落实率", "=", "100", "%"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:F1", "A3:F3", "A4:F4"]))
    assert table.kind == "department"
    assert table.plan.goal == "保证林业局职能实现，保障人员经费。"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_a_level_2_merge_lost_beside_a_level_1_filled_down(tmp_path: Path, kind: str, layout: str) -> None:
    """一级指标 repeated on every row (filled down, or an export's), the 二级指标 merged over two rows and the
    merge lost (CSV): the second row's level-2 is the one above — the 自评表 took the repeated 一级指标 for
    a new level-1 and left it blank (PG-S04)."""
    from test_level_columns import _in_layout

    grid = [["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人次", "≥500人次"], ["产出指标", "质量指标", "培训合格率", "≥95%"],
            ["效益指标", "社会效益指标", "技能提升率", "≥90%"],
            ["满意度指标", "服务对象满意度指标等", "学员满意度", "≥90%"], ["满意度指标", N, "用人单位满意度", "≥90%"]]
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, grid)))
    indicators = table.plan.indicators if table.kind == "department" else _indicators(table)
    assert [i.level2 for i in indicators][-2:] == ["服务对象满意度指标等"] * 2
    assert not [f for f in check_table(table) if f.code == "PG-S04"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("first", ["", "指标类型"])
def test_a_second_grids_level_header_lost(tmp_path: Path, kind: str, first: str) -> None:
    """A 自评表 of two grids (湖北 广水: a scoring grid, then the targets' grid under its own header) whose second
    header lost its 一级指标 word (blank, or 指标类型): its level-1 column is read by its content, as the first
    grid's would be — was the level-1 left blank on every row of the second grid."""
    rows = [["项目名称", "乡村道路建设养护项目", N, N, N, N],
            ["主管部门", "某市交通运输局", N, N, N, N],
            ["一级指标", "二级指标", "三级指标", "分值", "自评分", "评价标准"],
            ["项目决策", "决策依据", "有年度工作计划", "2", "2", "有计划得2分"],
            ["项目管理", "财务制度", "财务管理制度健全", "3", "3", "健全得3分"],
            ["项目年度目标1:乡村道路建设养护", N, N, N, N, N],
            [first, "二级指标", "指标名称(三级指标)", "年初指标值", "年终完成值", "自评分"],
            ["产出指标", "数量指标", "乡村道路建设养护里程", "300公里", "300公里", "15"],
            [N, "质量指标", "养护验收合格率", "≥95%", "98%", "15"],
            ["效益指标", "社会效益指标", "群众出行条件", "明显改善", "明显改善", "20"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A6:F6", "A8:A9"]))
    (project,) = table.projects()
    assert [i.level1 for i in project.indicators][-4:] == ["产出指标", "产出指标", "效益指标", "满意度指标"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("group", ["指标值", ""])
def test_dated_value_headers_under_a_lost_group_word(tmp_path: Path, kind: str, group: str) -> None:
    """指标值 (merged over 2021年实际实现值 | 预期2022年实现值 on the row below) printed blank, a web export
    having lost it (黄石 批复表): the two rows are still one header, the 预期 column the values — the
    sub-header row was read as an indicator with no name (PG-S05)."""
    rows = [["项目名称", "主体班", N, N, N, N],
            ["年度绩效目标", "主体班培训280人次。", N, N, N, N],
            ["绩效指标", "一级指标", "二级指标", "三级指标", group, N],
            [N, N, N, N, "2021年实际实现值", "预期2022年实现值"],
            [N, "产出指标", "数量指标", "主体班培训人次", "260人次", "280人次"],
            [N, "效益指标", "社会效益指标", "学员理论水平提升", "提升", "明显提升"],
            [N, "满意度指标", "服务对象满意度指标", "学员满意度", "≥95%", "≥95%"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A3:A7", "B3:B4", "C3:C4", "D3:D4", "E3:F3"]))
    assert [(i.name, i.annual_value.raw) for i in _indicators(table)] == [
        ("主体班培训人次", "280人次"), ("学员理论水平提升", "明显提升"), ("学员满意度", "≥95%")]
    assert not [f for f in check_table(table) if f.code == "PG-S05"]
