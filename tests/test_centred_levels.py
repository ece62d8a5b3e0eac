"""Level labels left on the middle row of their groups (``level_join.centred_levels``): a PDF converted
to a workbook splits each merged 一级/二级指标 cell into one cell a row and keeps the label where it was
printed — vertically centred, with blank cells above it. Read by carrying each label down, the rows
above a label took the group before it (or none: PG-S03 一级指标为空 on the first rows). Found by the
corpus variation 级别字在组中间行 (98 tables worse, 444 fields lost, 335 false findings on ``page.html``).
Each layout is built as a workbook without merges and as a CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file
from hypothesis import given, settings
from hypothesis import strategies as st
from test_level_columns import _in_layout

from perfgoals_xl.model import PerfTable
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None

#: 产出指标 over rows 0-4 (label on row 2), 数量指标 over rows 0-2 (row 1), 质量指标 over rows 3-4 (row 3).
CENTRED = [["一级指标", "二级指标", "三级指标", "指标值"],
           [N, N, "培训人次", "≥500人次"],
           [N, "数量指标", "培训班次", "≥10期"],
           ["产出指标", N, "培训天数", "≥30天"],
           [N, "质量指标", "培训合格率", "≥95%"],
           [N, N, "结业率", "≥90%"],
           ["效益指标", "社会效益指标", "技能提升率", "≥90%"],
           ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"]]
LEVELS = [("产出指标", "数量指标")] * 3 + [("产出指标", "质量指标")] * 2 + [
    ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]


def _indicators(table: PerfTable) -> list:
    return table.plan.indicators if table.kind == "department" else [i for p in table.projects() for i in p.indicators]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_labels_on_the_middle_row_of_their_groups(tmp_path: Path, kind: str, layout: str) -> None:
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, [list(row) for row in CENTRED])))
    assert [(i.level1, i.level2) for i in _indicators(table)] == LEVELS
    findings = check_table(table)
    assert not [f for f in findings if f.code in ("PG-S03", "PG-S04")]
    hints = " ".join(f.message for f in findings if f.code == "PG-S11")
    assert "A 列的层级名写在各组的中间行" in hints and "B 列的层级名写在各组的中间行" in hints


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_level_1_the_table_leaves_out_stays_blank(tmp_path: Path, kind: str) -> None:
    """霍山 特教: 产出指标 not printed at all over its rows, 效益指标 at the top of its own group below —
    the first rows' level-1 is no label moved (the column prints no 产出指标): it stays blank, reported
    as the table's defect (PG-S03), never taken from the nearest label (效益指标); the 二级指标 printed
    at the top of its group still covers the rows under it."""
    grid = [["一级指标", "二级指标", "三级指标", "指标值"],
            [N, "数量指标", "培训人次", "≥500人次"], [N, N, "培训班次", "≥10期"], [N, "质量指标", "培训合格率", "≥95%"],
            ["效益指标", "社会效益指标", "技能提升率", "≥90%"], ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"]]
    table = read_table(held_file(tmp_path, kind, _in_layout("selfeval", grid)))
    assert [(i.level1, i.level2) for i in _indicators(table)] == [
        ("", "数量指标"), ("", "数量指标"), ("", "质量指标"),
        ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]
    findings = check_table(table)
    assert [f.code for f in findings if f.code == "PG-S03"]
    assert "中间行" not in " ".join(f.message for f in findings if f.code == "PG-S11")


def test_a_cost_level_2_under_a_printed_cost_level_1() -> None:
    """成本指标 under 4-成本指标 (2021 framework): its row's level-1 is the 成本指标 the column prints."""
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.level_join import centred_levels
    from perfgoals_xl.sources.sheet_view import SheetView

    rows = [[N, "数量指标", "培训人次"], ["产出指标", N, "培训班次"], [N, "经济成本指标", "人均培训成本"],
            ["成本指标", N, "设备成本"], [N, N, "场地成本"]]
    sheet = SheetView(Grid(sheet="Sheet1", rows=rows), None)
    assert centred_levels(sheet, 0, [1], 2, range(0, 5))
    assert [sheet.text(r, 0) for r in range(5)] == ["产出指标", "产出指标", "成本指标", "成本指标", "成本指标"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_labels_at_the_top_of_their_groups_are_read_as_before(tmp_path: Path, kind: str) -> None:
    """The usual print (each label on its group's first row, blanks under it): no 读取提示, no change."""
    grid = [["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人次", "≥500人次"], [N, N, "培训班次", "≥10期"], [N, "质量指标", "培训合格率", "≥95%"],
            ["效益指标", "社会效益指标", "技能提升率", "≥90%"]]
    table = read_table(held_file(tmp_path, kind, _in_layout("form", grid)))
    assert [(i.level1, i.level2) for i in _indicators(table)] == [
        ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标")]
    assert "中间行" not in " ".join(f.message for f in check_table(table) if f.code == "PG-S11")


def test_a_unit_line_above_the_first_indicator_does_not_start_the_grid() -> None:
    """A unit's line (its name, no indicator) over the grid's rows: the grid starts at the first row
    naming an indicator, whose level cells are printed — no centred labels (湘西 long format)."""
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.level_join import centred_levels
    from perfgoals_xl.sources.sheet_view import SheetView

    rows = [["州特殊教育学校", N, N, N], [N, "产出指标", "数量指标", "补助学生数量"], [N, N, "质量指标", "发放率"],
            [N, "效益指标", "社会效益指标", "入学率"]]
    sheet = SheetView(Grid(sheet="Sheet1", rows=rows), None)
    assert centred_levels(sheet, 1, [2], 3, range(0, 4)) == []


def test_blank_cells_a_centred_print_cannot_explain_stay_blank() -> None:
    """武川: the first four rows print no 二级指标, then 时效指标 and 成本指标 at the top of their groups
    (成本指标 over five rows, nothing above it): no tiling of centred groups gives that, so nothing is
    filled and PG-S04 reports the table's blank cells."""
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.level_join import centred_levels
    from perfgoals_xl.sources.sheet_view import SheetView

    names = ["新增特色产业数量", "建设聚居村数量", "成活率", "验收合格率", "开工时限", "竣工时限", "打井配电", "饲料库",
             "围墙", "棚圈", "防疫室"]
    level2 = [N, N, N, N, "时效指标", N, "成本指标", N, N, N, N]
    sheet = SheetView(Grid(sheet="Sheet1", rows=[[lv, name] for lv, name in zip(level2, names, strict=True)]), None)
    assert centred_levels(sheet, None, [0], 1, range(11)) == []
    assert [sheet.text(r, 0) for r in range(4)] == ["", "", "", ""]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_long_format_tables_centred_labels_project_by_project(tmp_path: Path, kind: str) -> None:
    """The long format applies the rule to each project's rows (a project's name starts its group of
    rows): two projects, each with its labels on the middle rows of their groups."""
    body = [row for row in CENTRED[1:]]
    rows = [["项目名称", *CENTRED[0]], *[["职业技能培训" if i == 0 else N, *row] for i, row in enumerate(body)],
            *[["创业培训" if i == 0 else N, *row] for i, row in enumerate(body)]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [p.name for p in table.projects()] == ["职业技能培训", "创业培训"]
    for project in table.projects():
        assert [(i.level1, i.level2) for i in project.indicators] == LEVELS
    assert not [f for f in check_table(table) if f.code in ("PG-S03", "PG-S04")]


#: 成本指标 a group of one row (its label on the first row, as centred as any), 产出指标 in the middle
#: of the three rows under it: the 数量指标 row right under 成本指标 is 产出's.
FIRST_ALONE = [["一级指标", "二级指标", "三级指标", "指标值"],
               ["成本指标", "经济成本指标", "投入成本控制率", "≤100%"],
               [N, "数量指标", "修复工程数量", "≥2个"],
               ["产出指标", "质量指标", "工程验收合格率", "100%"],
               [N, "时效指标", "项目开展率", "100%"],
               ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval"])
def test_a_first_group_of_one_row_before_a_centred_label(tmp_path: Path, kind: str, layout: str) -> None:
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, [list(row) for row in FIRST_ALONE])))
    assert [i.level1 for i in _indicators(table)] == ["成本指标", "产出指标", "产出指标", "产出指标", "满意度指标"]
    assert not [f for f in check_table(table) if f.code in ("PG-S03", "PG-S04")]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_top_printed_column_keeps_a_real_misplaced_row(tmp_path: Path, kind: str) -> None:
    """Labels at the top of their groups, a 社会效益指标 row printed inside 产出指标's group (the table's
    defect, not a centred label's row): carrying down reads it as printed — PG-S04 stays."""
    grid = [["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人次", "≥500人次"], [N, "社会效益指标", "技能提升率", "≥90%"],
            [N, "质量指标", "培训合格率", "≥95%"], ["效益指标", "社会效益指标", "就业率", "≥80%"],
            ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"]]
    table = read_table(held_file(tmp_path, kind, _in_layout("form", grid)))
    assert [i.level1 for i in _indicators(table)][:3] == ["产出指标"] * 3
    assert [f for f in check_table(table) if f.code == "PG-S04"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_level_1_left_blank_over_another_level_1s_rows_is_not_carried(tmp_path: Path, kind: str) -> None:
    """慈溪 托育: a long table's 一级指标 left blank over its 社会效益 rows (the table's own defect), its
    merges lost: 产出指标 above is not carried onto rows whose 二级指标 the framework puts under 效益指标 —
    they stay blank as printed (PG-S03), never 产出指标 with a false PG-S04 on each; a blank cell over a
    质量指标 row still takes 产出指标 from above."""
    rows = [["项目名称", "一级指标", "二级指标", "指标名称", "指标值"],
            ["托育补助", "产出指标", "数量指标", "每千人托位", "4.5"],
            ["托育补助", None, "质量指标", "补助发放准确率", "100%"],
            ["托育补助", None, "社会效益", "婴幼儿健康管理率", "95%"],
            ["托育补助", None, "社会效益", "科学育儿知识普及率", "90%"],
            ["托育补助", "满意度指标", "满意度指标", "受益单位满意度", "95%"]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [i.level1 for i in _indicators(table)] == ["产出指标", "产出指标", "", "", "满意度指标"]
    codes = [f.code for f in check_table(table) if f.severity == "error"]
    assert "PG-S04" not in codes and "PG-S03" in codes


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_misplaced_row_inside_a_level_1s_group_is_carried(tmp_path: Path, kind: str) -> None:
    """云南 南华 (a gathered real table): a 经济效益指标 row printed inside 产出指标's group, a 时效指标 row of
    产出 after it — the run under 产出指标 holds its own 二级指标, so the whole run is 产出's as printed,
    and PG-S04 reports the table's misplaced row."""
    rows = [["项目名称", "一级指标", "二级指标", "指标名称", "指标值"],
            ["野生菌加工车间", "产出指标", "数量指标", "冷库仓储建设", "≥1290平方米"],
            ["野生菌加工车间", None, None, "变压器", "3台"],
            ["野生菌加工车间", None, "经济效益指标", "奖补资金兑付率", "≥100%"],
            ["野生菌加工车间", None, "时效指标", "任务完成时限", "10个月"]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [i.level1 for i in _indicators(table)] == ["产出指标"] * 4
    assert "PG-S04" in [f.code for f in check_table(table) if f.severity == "error"]


#: 扎赉特 (long format, merges lost): 产出指标 printed beside the middle of its rows, the first rows of its
#: group (成本指标, 质量指标 — both 产出's) under the 效益指标 group above them.
CENTRED_BELOW = [["项目名称", "一级指标", "二级指标", "三级指标", "指标值"],
                 ["业务装备经费", "满意度指标", "服务对象满意度指标", "使用人员满意度", "≥98%"],
                 [N, "效益指标", "可持续影响指标", "装备建设标准化", "长期"],
                 [N, N, "社会效益指标", "工作效率提升", "有效提升"],
                 [N, N, "成本指标", "车辆购置成本", "≤12万元"],
                 [N, N, "质量指标", "政府采购率", "≥30%"],
                 [N, "产出指标", "数量指标", "车辆采购数量", "1辆"],
                 [N, N, "质量指标", "设备验收合格率", "100%"],
                 [N, N, "时效指标", "采购计划完成时间", "11月底之前"]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_long_tables_rows_above_their_centred_label_are_that_labels(tmp_path: Path, kind: str) -> None:
    """A run of rows whose 二级指标 belong to another level-1 than the label above, ending at a label they
    all belong to, which stands no lower than the middle of its group: the label's, not blank."""
    table = read_table(held_file(tmp_path, kind, CENTRED_BELOW))
    assert [i.level1 for i in _indicators(table)] == ["满意度指标", "效益指标", "效益指标", *["产出指标"] * 5]
    assert not [f for f in check_table(table) if f.code in ("PG-S03", "PG-S04")]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_label_below_the_middle_of_its_rows_does_not_take_the_run(tmp_path: Path, kind: str) -> None:
    """The same run ending at a label on its group's last row (three rows above it, none below): no
    centred print puts a label there — the rows stay blank as printed (PG-S03 reports them)."""
    rows = [list(row) for row in CENTRED_BELOW[:6]] + [[N, N, "数量指标", "办公设备采购数量", "≥10台"],
                                                       [N, "产出指标", "时效指标", "采购计划完成时间", "11月底之前"]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [i.level1 for i in _indicators(table)] == ["满意度指标", "效益指标", "效益指标", "", "", "", "产出指标"]
    assert "PG-S03" in [f.code for f in check_table(table)]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_a_level_name_of_the_tables_own_does_not_end_the_grid(tmp_path: Path, layout: str, kind: str) -> None:
    """松江: a 二级指标 the framework lacks (长效管理指标) in the last group: still the grid, so its
    centred labels are read to the end (was: the grid cut there, the first row's level-1 blank)."""
    grid = [["一级指标", "二级指标", "三级指标", "指标值"],
            [N, "数量指标", "培训人次", "≥500人次"],
            ["产出指标", N, "培训班次", "≥10期"],
            [N, "质量指标", "培训合格率", "≥95%"],
            [N, N, "结业率", "≥90%"],
            [N, "服务对象满意度指标", "学员满意度", "≥90%"],
            ["满意度指标", "长效管理指标", "管理制度健全性", "健全"],
            [N, N, "档案管理有效性", "有效"]]
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, grid)))
    assert [i.level1 for i in _indicators(table)] == ["产出指标"] * 4 + ["满意度指标"] * 3
    assert [i.level2 for i in _indicators(table)][-2:] == ["长效管理指标"] * 2
    assert not [f for f in check_table(table) if f.code == "PG-S03"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_last_centred_group_runs_over_the_templates_blank_rows(tmp_path: Path, kind: str) -> None:
    """鄂州: a template with unfilled rows in each group, the labels centred, the last group's label on its
    middle row with the blank row under it the grid's last (was: no tiling, the first rows' level-1 blank)."""
    grid = [[N, N, "预算执行率", "100%"], [N, "数量指标", "预算资金拨款率", "100%"], [N, N, N, N],
            [N, N, "政务服务办结率", "100%"], [N, "质量指标", "日常考核结果", "100%"], ["产出指标", N, N, N],
            [N, N, N, N], [N, "时效指标", N, N], [N, N, N, N], [N, N, "运行维护费", "150万元"],
            [N, "成本指标", N, N], [N, N, N, N], [N, N, "大厅运行正常率", "100%"],
            ["效益指标", "经济效益指标", N, N], [N, N, N, N]]
    rows = [["项目名称", "市民中心运行维护费", N, N, N], ["主管部门", "某市政务服务局", N, N, N],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率"],
            ["年度资金总额", "150", "150", "125", "83.5%"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            *[[*row, "100%" if row[2] else N] for row in grid], ["总分", N, N, N, N]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [(i.name, i.level1) for i in _indicators(table)] == [
        ("预算执行率", "产出指标"), ("预算资金拨款率", "产出指标"), ("政务服务办结率", "产出指标"),
        ("日常考核结果", "产出指标"), ("运行维护费", "产出指标"), ("大厅运行正常率", "效益指标")]
    assert not [f for f in check_table(table) if f.code == "PG-S03"]


#: 数量指标 centred over rows 0-2, 质量指标 a group of one (row 3), 时效指标 over rows 4-7 (row 5): row 4 is
#: as near 质量指标 as 时效指标 — only 时效指标's group can hold it (质量指标's one row is its own).
EVEN_TIE = [["一级指标", "二级指标", "三级指标", "指标值"],
            [N, N, "培训人次", "≥500人次"], [N, "数量指标", "培训班次", "≥10期"], [N, N, "培训天数", "≥30天"],
            ["产出指标", "质量指标", "培训合格率", "≥95%"],
            [N, N, "开班及时率", "100%"], [N, "时效指标", "结业及时率", "100%"], [N, N, "证书发放及时率", "100%"],
            [N, N, "补贴发放及时率", "100%"]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_an_even_groups_tie_is_settled_by_the_only_tiling(tmp_path: Path, kind: str, layout: str) -> None:
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, [list(row) for row in EVEN_TIE])))
    assert [i.level2 for i in _indicators(table)] == ["数量指标"] * 3 + ["质量指标"] + ["时效指标"] * 4
    assert [i.level1 for i in _indicators(table)] == ["产出指标"] * 8


def test_rows_the_tilings_disagree_on_are_left_to_the_nearest_label() -> None:
    """Two tilings fit (数量指标 a group of one or two, 质量指标's group the rest): the row they disagree on
    (row 1) is no group's; centred_levels gives it the nearest label."""
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.level_join import _centred_groups
    from perfgoals_xl.sources.sheet_view import SheetView

    rows = [["数量指标", "a"], [N, "b"], [N, "c"], ["质量指标", "d"], [N, "e"], [N, "f"]]
    sheet = SheetView(Grid(sheet="Sheet1", rows=rows), None)
    assert _centred_groups(sheet, 0, list(range(6))) == {0: 0, 2: 3, 3: 3, 4: 3, 5: 3}


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_blank_level_1_run_under_an_outline_numbered_label(tmp_path: Path, kind: str) -> None:
    """The same 慈溪 table with its levels outline-numbered (1.产出指标 | 1.1数量指标): 社会效益 still belongs
    to another level-1 than 1.产出指标 — its rows stay blank, never 产出指标 with a false PG-S04."""
    rows = [["项目名称", "一级指标", "二级指标", "指标名称", "指标值"],
            ["托育补助", "1.产出指标", "1.1数量指标", "每千人托位", "4.5"],
            ["托育补助", None, "1.2质量指标", "补助发放准确率", "100%"],
            ["托育补助", None, "社会效益", "婴幼儿健康管理率", "95%"],
            ["托育补助", None, "社会效益", "科学育儿知识普及率", "90%"]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [i.level1 for i in _indicators(table)] == ["产出指标", "产出指标", "", ""]
    assert "PG-S04" not in [f.code for f in check_table(table) if f.severity == "error"]


#: 数量指标 centred in rows 0-2 or 0-3, 质量指标 in rows 3-5 or 4-5: both tilings fit; row 3 is nearer the
#: lower label, but its name (培训人次) is a 数量指标's.
NAMED_TIE = [["一级指标", "二级指标", "三级指标", "指标值"],
             [N, N, "培训班次", "≥10期"], ["产出指标", "数量指标", "培训天数", "≥30天"], [N, N, "培训学员数量", "≥200人"],
             [N, N, "培训人次", "≥500人次"], [N, "质量指标", "培训合格率", "≥95%"], [N, N, "结业率", "≥90%"],
             ["效益指标", "社会效益指标", "技能提升率", "≥90%"], ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_a_row_the_tilings_leave_open_goes_where_its_name_points(tmp_path: Path, kind: str, layout: str) -> None:
    """An even group's middle row (PDF → workbook, labels vertically centred): the tilings leave it to the
    label above or the one below; its name's words (人次 a 数量指标's, 合格率 a 质量指标's) settle it, and
    the 读取提示 says so. Was the nearest label: 质量指标 for 培训人次."""
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, [list(row) for row in NAMED_TIE])))
    assert [i.level2 for i in _indicators(table)][:6] == ["数量指标"] * 4 + ["质量指标"] * 2
    hints = " ".join(f.message for f in check_table(table) if f.code == "PG-S11")
    assert "按指标名称的字样" in hints


def _first_row_labelled(third: str) -> list[list[object]]:
    """数量指标 on the first of its two rows, 质量指标 in the middle of the three below (a two-row group
    centred prints its label on its first row): the third row named ``third``."""
    return [["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "维修次数", "≥20次"], [N, N, "巡查次数", "≥200次"], [N, N, third, "≥92%"],
            [N, "质量指标", "设备更新验收合格率", "≥95%"], [N, N, "维保合格率", "≥95%"],
            ["效益指标", "社会效益指标", "服务保障率", "100%"], ["满意度指标", "服务对象满意度指标", "职工满意度", "≥90%"]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize(("third", "level2"), [("日常维修验收合格率", "质量指标"), ("设备巡检覆盖", "数量指标")])
def test_a_first_row_label_read_centred_when_the_names_say_so(tmp_path: Path, kind: str, third: str, level2: str) -> None:
    """A column labelled on its first row reads at the top of its groups (the usual print) unless the rows
    the two readings disagree on are named for the centred one (合格率 under 质量指标) and none for the top
    one; a name pointing nowhere (设备巡检覆盖) keeps the usual reading."""
    table = read_table(held_file(tmp_path, kind, _in_layout("form", _first_row_labelled(third))))
    assert [i.level2 for i in _indicators(table)][:5] == ["数量指标", "数量指标", level2, "质量指标", "质量指标"]


def test_a_name_settles_only_what_it_points_to() -> None:
    """name_classes: one class of words settles; two classes, or none, do not; a level-1 label stands for its
    children (成本 under 产出指标 in the old framework and 成本指标 in the new: both, so no choice)."""
    from perfgoals_xl.sources.name_classes import settle_by_name

    assert settle_by_name("验收合格率", ("数量指标", "质量指标"), "level2") == "质量指标"
    assert settle_by_name("维修次数", ("数量指标", "质量指标"), "level2") == "数量指标"
    assert settle_by_name("按时验收合格率", ("时效指标", "质量指标"), "level2") is None  # (two classes)
    assert settle_by_name("设备更新", ("数量指标", "质量指标"), "level2") is None
    assert settle_by_name("开放日活动次数", ("成本指标", "产出指标"), "level1") == "产出指标"
    assert settle_by_name("人均补助标准", ("产出指标", "成本指标"), "level1") is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sampled_from(["数量指标", "质量指标", "时效指标", "成本指标", "产出指标", "投入"]),
       st.sampled_from(["数量指标", "质量指标", "满意度指标", "效益指标", "过程"]), st.sampled_from(["level1", "level2"]))
def test_a_name_settles_on_one_of_the_two_or_none(name: str, upper: str, lower: str, level: str) -> None:
    from perfgoals_xl.sources.name_classes import settle_by_name

    assert settle_by_name(name, (upper, lower), level) in (upper, lower, None)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_level_1_of_the_tables_own_merged_over_its_rows_does_not_end_the_grid(tmp_path: Path, kind: str) -> None:
    """一级指标 项目完成 (no framework name, not …指标) merged over every row, the 二级指标 centred in their
    groups (新疆 温泉): the merged label is a group's, the grid goes on under it — it ended there, so the
    first rows' 二级指标 stayed blank (PG-S04)."""
    grid = [["一级指标", "二级指标", "三级指标", "指标值"],
            ["项目完成", N, "参保人数", "43230人"], [N, "数量指标", "参保率", "≥95%"], [N, N, "贫困人员参保率", "100%"],
            [N, N, "补助人数", "43230人"], [N, "质量指标", "补助资金及时到位率", "100%"], [N, N, "符合政策规定", "符合"],
            [N, "时效指标", "补助落实期限", "2019年12月前"]]
    table = read_table(held_file(tmp_path, kind, _in_layout("form", grid), ["A6:A12"] if kind == "xlsx" else []))
    assert [i.level2 for i in _indicators(table)] == ["数量指标"] * 4 + ["质量指标"] * 2 + ["时效指标"]
    assert not [f for f in check_table(table) if f.code == "PG-S04"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_level_printed_as_its_weight_alone_does_not_end_the_grid(tmp_path: Path, kind: str) -> None:
    """一级指标 printed as its weight alone, (50分) (its name lost: 萧县 自评表), centred beside a centred
    数量指标: the weight-only label is a level's, the grid goes on past it — it ended there, and the rows
    above the centred 数量指标 had no 二级指标 (PG-S04 on each)."""
    grid = [["一级指标", "二级指标", "三级指标", "指标值"],
            [N, N, "粮食作物种植面积", "20亩"], [N, N, "红薯种植面积", "5.5亩"], ["(50分)", "数量指标", "梨树种植面积", "6亩"],
            [N, N, "桃种植面积", "1亩"], [N, N, "葡萄种植面积", "4.5亩"],
            ["效益指标", "经济效益指标", "带动农户增收", "≥10万元"], ["满意度指标", "服务对象满意度指标", "农户满意度", "≥90%"]]
    table = read_table(held_file(tmp_path, kind, _in_layout("form", grid)))
    assert [i.level2 for i in _indicators(table)][:5] == ["数量指标"] * 5
    assert not [f for f in check_table(table) if f.code == "PG-S04"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize(("done", "effect"), [("项目完成指标", "项目效益指标"), ("完成", "效益")])
def test_a_level_1_column_of_the_tables_own_names_centred(tmp_path: Path, kind: str, done: str, effect: str) -> None:
    """一级指标 of the table's own (项目完成指标 / 项目效益指标, or 完成 / 效益: 四川 昭化) centred over framework
    二级指标: the rows take the label of their group by the tiling — the framework's parent of their 二级指标
    (产出指标) is printed nowhere, so it names none of them (they were left blank); a short label beside an
    indicator's name does not end the grid."""
    grid = [["一级指标", "二级指标", "三级指标", "指标值"],
            [N, "数量指标", "慰问人数", "32人"], [done, "质量指标", "防治知识知晓率", "100%"], [N, "时效指标", "实施时间", "2021年"],
            [N, "社会效益指标", "群众防治意识", "明显增强"], [effect, N, "服务能力", "持续加强"], [N, "可持续影响指标", "项目实施情况", "良好"],
            ["满意度指标", "满意度指标", "群众满意度", "≥90%"]]
    table = read_table(held_file(tmp_path, kind, _in_layout("form", grid)))
    assert [i.level1 for i in _indicators(table)] == [done] * 3 + [effect] * 3 + ["满意度指标"]


def test_a_name_settles_nothing_beside_a_label_of_the_tables_own() -> None:
    """管理指标 (a department framework's own level-1) against 产出指标: 准确率 points to 质量指标, but the
    framework says nothing of what 管理指标 holds — no evidence to read a top-printed column as centred
    (it did); between two groups a tie leaves open, the one label that fits is taken."""
    from perfgoals_xl.sources.name_classes import settle_by_name

    assert settle_by_name("完整、准确率", ("管理指标", "产出指标"), "level1", strict=True) is None
    assert settle_by_name("完整、准确率", ("效益指标", "产出指标"), "level1", strict=True) == "产出指标"
    # (a tie between two groups takes the one label that fits: 保障人数 under 项目产出, not 项目管理)
    assert settle_by_name("保障人数", ("项目管理(25分)", "项目产出(30分)"), "level1") == "项目产出(30分)"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_column_numbers_row_is_no_row_of_the_centred_reading(tmp_path: Path, kind: str) -> None:
    """A 栏次 row (1 | 2 | 3 | 4) under the header, its 2 in the 二级指标 column: no level label, no row of the
    grid — it made the column look centred (PG-S04 二级指标“2”)."""
    rows = [["项目名称", "购买第三方服务", N, N, N, N, N, N],
            ["项目资金（万元）", N, N, "全年预算数", "全年执行数", "执行率", N, N],
            [N, "年度资金总额", N, "287", "171", "60%", N, N],
            ["一级指标", N, "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["1", N, "2", "3", "4", "5", "6", "7"],
            [N, "产出指标", "数量指标", "服务对象人数", "100人次", "100人次", "40", "40"],
            [N, N, "质量指标", "服务达标率", "80%", "80%", "30", "30"],
            [N, "效益指标", "社会效益指标", "运行效率", "≥80%", "≥80%", "20", "20"],
            [N, "满意度指标", "服务对象满意度指标", "受益群体满意度", "90%", "90%", "10", "10"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A4:B4"] if kind == "xlsx" else []))
    assert [i.level2 for i in _indicators(table)] == ["数量指标", "质量指标", "社会效益指标", "服务对象满意度指标"]
    assert not [f for f in check_table(table) if f.code == "PG-S04"]


def test_labels_still_merged_beside_centred_ones(tmp_path: Path) -> None:
    """A PDF made a workbook keeps the two-row merges (项目立项, 资金投入) and splits the taller ones, their
    labels centred (资金管理 over five rows on its third): the first row is labelled, but carried down,
    资金投入 would reach past its own merge onto 管理制度 — the column is read centred (was: 管理制度 and
    监督考核 under 资金投入, 工作安排 under 资金管理)."""
    grid = [["一级指标", "二级指标", "三级指标", "指标值"],
            ["决策", "项目立项", "民主议事", "完整"], [N, N, "申报审批", "齐全"], [N, "资金投入", "预算安排", "足额"],
            [N, N, "资金整合", "整合"], ["过程", N, "管理制度", "健全"], [N, N, "监督考核", "健全"], [N, "资金管理", "账务管理", "规范"],
            [N, N, "专账核算", "规范"], [N, N, "资金拨付", "及时"], [N, N, "工作安排", "部署"], [N, N, "工作保障", "到位"],
            [N, "组织实施", "项目管理", "健全"], [N, N, "项目管护", "健全"], [N, N, "项目库建设", "完成"]]
    rows = _in_layout("form", grid)
    top = next(i for i, row in enumerate(rows) if row[:1] == ["一级指标"]) + 1  # (the header's sheet row)
    merges = [f"B{top + 1}:B{top + 2}", f"B{top + 3}:B{top + 4}"]
    table = read_table(held_file(tmp_path, "xlsx", rows, merges))
    assert [i.level2 for i in _indicators(table)] == (["项目立项"] * 2 + ["资金投入"] * 2 + ["资金管理"] * 5
                                                      + ["组织实施"] * 5)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "department"])
def test_a_grid_ending_the_file_on_a_label_alone(tmp_path: Path, kind: str, layout: str) -> None:
    """鄂州 saved as CSV: Excel drops the trailing blank rows, so the last centred group (效益指标 | 经济效益指标
    on its middle row, one indicator above it) ends the file on the label's row — its group runs past the
    end (was: no tiling fitted, the first rows' level-1 blank and 大厅运行正常率 under 成本指标)."""
    grid = [["一级指标", "二级指标", "三级指标", "指标值"],
            [N, N, "预算执行率", "100%"], [N, "数量指标", "预算资金拨款率", "100%"], [N, N, N, N],
            [N, N, "政务服务办结率", "100%"], [N, "质量指标", "日常考核结果", "100%"], ["产出指标", N, N, N],
            [N, N, N, N], [N, "时效指标", N, N], [N, N, N, N], [N, N, "运行维护费", "150万元"],
            [N, "成本指标", N, N], [N, N, N, N], [N, N, "大厅运行正常率", "100%"],
            ["效益指标", "经济效益指标", N, N]]
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, grid)))
    assert [(i.name, i.level1, i.level2) for i in _indicators(table)] == [
        ("预算执行率", "产出指标", "数量指标"), ("预算资金拨款率", "产出指标", "数量指标"),
        ("政务服务办结率", "产出指标", "质量指标"), ("日常考核结果", "产出指标", "质量指标"),
        ("运行维护费", "产出指标", "成本指标"), ("大厅运行正常率", "效益指标", "经济效益指标")]
    assert not [f for f in check_table(table) if f.code in ("PG-S03", "PG-C03")]


def test_a_file_ending_on_an_indicator_keeps_its_last_group() -> None:
    """The group past the end is only for a label alone on the file's last row: a last row naming its
    indicator beside its label is a group of its own (质量指标 one row, the rows above 数量指标's)."""
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.level_join import centred_levels
    from perfgoals_xl.sources.sheet_view import SheetView

    rows = [[N, "a"], ["数量指标", "b"], [N, "c"], [N, "d"], ["质量指标", "e"]]
    sheet = SheetView(Grid(sheet="Sheet1", rows=rows), None)
    assert centred_levels(sheet, None, [0], 1, range(5))
    assert [sheet.text(r, 0) for r in range(5)] == ["数量指标"] * 4 + ["质量指标"]


#: 铜陵 (evaluation framework), a PDF made a CSV: 决策 centred over rows 0-3, 过程 over rows 4-13; the
#: 二级指标 centred too — 项目立项 over two rows prints on its first, 资金管理 over five on its third.
BOTH_CENTRED = [["一级指标", "二级指标", "三级指标", "指标值"],
                [N, "项目立项", "民主议事", "完整"], ["决策", N, "申报审批", "齐全"], [N, "资金投入", "预算安排", "足额"],
                [N, N, "资金整合", "整合"], [N, N, "管理制度", "健全"], [N, N, "监督考核", "健全"],
                [N, "资金管理", "账务管理", "规范"], [N, N, "专账核算", "规范"], ["过程", N, "资金拨付", "及时"],
                [N, N, "工作安排", "部署"], [N, N, "工作保障", "到位"], [N, "组织实施", "项目管理", "健全"],
                [N, N, "项目管护", "健全"], [N, N, "项目库建设", "完成"]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval"])
def test_a_level_2_column_labelled_on_its_first_row_under_a_centred_level_1(tmp_path: Path, kind: str, layout: str) -> None:
    """The 二级指标 column labelled on its first row (a two-row group centred prints there) beside a 一级指标
    column read as centred: 过程's first row leaves its 二级指标 blank, which a print at the top of its
    groups never does — the column is centred too, tiled within each level-1 (was: 管理制度 and 监督考核
    with no 二级指标, PG-S04; 工作安排 and 工作保障 under 资金管理)."""
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, [list(row) for row in BOTH_CENTRED])))
    assert [i.level1 for i in _indicators(table)] == ["决策"] * 4 + ["过程"] * 10
    assert [i.level2 for i in _indicators(table)] == (["项目立项"] * 2 + ["资金投入"] * 2 + ["资金管理"] * 5
                                                      + ["组织实施"] * 5)
    findings = check_table(table)
    assert not [f for f in findings if f.code == "PG-S04"]
    assert "B 列的层级名也居中写在各组的中间行" in " ".join(f.message for f in findings if f.code == "PG-S11")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_level_2_column_printed_at_the_top_stays_so_under_a_centred_level_1(tmp_path: Path, kind: str) -> None:
    """Every level-1 group's first row names its 二级指标: the column reads at the top of its groups, as
    printed, whatever the level-1 column does."""
    grid = [["一级指标", "二级指标", "三级指标", "指标值"],
            [N, "数量指标", "培训人次", "≥500人次"], ["产出指标", N, "培训班次", "≥10期"], [N, "质量指标", "培训合格率", "≥95%"],
            [N, N, "结业率", "≥90%"], ["效益指标", "社会效益指标", "技能提升率", "≥90%"],
            ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"]]
    table = read_table(held_file(tmp_path, kind, _in_layout("form", grid)))
    assert [i.level2 for i in _indicators(table)] == ["数量指标", "数量指标", "质量指标", "质量指标", "社会效益指标",
                                                      "服务对象满意度指标"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_level_1_weight_printed_on_its_groups_middle_row(tmp_path: Path, kind: str) -> None:
    """南昌 部门整体自评表: 产出指标 and its 自评权重 25 both centred on the middle row of their six rows (a
    PDF made a workbook): the rows above take the weight with the level (was: level-1 weight blank there)."""
    grid = [["分解目标", "自评权重", "二级指标", "三级指标", "年度指标值"],
            [N, N, "预算编审管理", "完整、准确率", "100%"], ["管理指标", "30", "预算执行管理", "完成率", "100%"],
            [N, N, "资产管理", "利用率", "≥80%"],
            [N, N, "数量指标", "门诊住院人次", "增加"], [N, N, N, "健康管理率", "超上年2%"],
            ["产出指标", "25", "质量指标", "诊断准确率", "≥95%"], [N, N, N, "档案管理率", "100%"],
            [N, N, "时效指标", "文书及时率", "按时"], [N, N, N, "档案更新率", "按时"],
            [N, N, "经济效益指标", "业务收入", "超上年"], ["效果指标", "35", "社会效益指标", "签约完成率", "提高1%"],
            [N, N, "生态效益指标", "绿化、节能", "良好"]]
    rows = [["部门整体支出绩效自评表", N, N, N, N], ["部门名称", "某乡卫生院", N, N, N],
            ["年度总体目标", "业务收入达到55万元。", N, N, N], *grid]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [(i.level1, i.level1_weight) for i in _indicators(table)] == (
        [("管理指标", 30)] * 3 + [("产出指标", 25)] * 6 + [("效果指标", 35)] * 3)


def test_two_weights_in_one_level_1_run_stay_as_printed() -> None:
    """finish.level1_weights_over_groups fills only a run printing one weight; two are the table's own."""
    from perfgoals_xl.model import FundUnit, Indicator, Project
    from perfgoals_xl.sources.finish import level1_weights_over_groups
    from perfgoals_xl.values import parse_value

    def ind(level1: str, weight: float | None) -> Indicator:
        return Indicator(seq=None, level1_code=None, level1=level1, level2_code=None, level2="", name="x",
                         period_value=parse_value(""), annual_value=parse_value(""), level1_weight=weight)

    project = Project(name="p", indicators=[ind("产出指标", None), ind("产出指标", 50), ind("产出指标", 40),
                                           ind("效益指标", None), ind("效益指标", 30), ind("", 10), ind("", None)])
    table = PerfTable(units=[FundUnit(name="u", projects=[project])])
    level1_weights_over_groups(table)
    assert [i.level1_weight for i in project.indicators] == [None, 50, 40, 30, 30, 10, None]


def test_a_name_led_by_its_level_2_or_counting_settles() -> None:
    """A text led by a framework 二级指标 and a colon (经济效益指标：…, older department tables) points to that
    class however long; a count named …数 (学生数, 投稿数(篇)) is a 数量指标's — not 指数, 系数, 倍数."""
    from perfgoals_xl.sources.name_classes import settle_by_name

    long_text = "经济效益指标:完成初中学历教育,收支平衡,确保全年未发生一起安全事故,师生犯罪率为零,校园安全,稳定、文明、和谐。"
    assert settle_by_name(long_text, ("产出指标", "效益指标"), "level1") == "效益指标"
    assert settle_by_name("社会效益指标：教学秩序良好", ("经济效益指标", "社会效益指标"), "level2") == "社会效益指标"
    assert settle_by_name("参加培训班学生数", ("数量指标", "质量指标"), "level2") == "数量指标"
    assert settle_by_name("信息投稿数(篇)", ("数量指标", "时效指标"), "level2") == "数量指标"
    assert settle_by_name("创业担保基金放大倍数", ("数量指标", "质量指标"), "level2") is None
    assert settle_by_name("空气质量指数", ("数量指标", "质量指标"), "level2") == "质量指标"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_total_row_left_of_the_levels_ends_the_centred_grid(tmp_path: Path, kind: str) -> None:
    """保山 自评表 through a PDF: 总分 stands in the 绩效指标 column left of the levels, its score 100 under the
    三级指标 (the row's merge lost): the grid ends there — the last centred group does not run onto it
    (was: an indicator named 100 under 服务对象满意度指标, and no total score)."""
    rows = [["项目名称", "春节走访慰问经费", N, N, N, N, N],
            ["项目资金（万元）", N, "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"],
            [N, "年度资金总额", "30", "30", "30", "100%", "10"],
            ["绩效指标\n(90分)", "一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"],
            [N, N, "数量指标", "慰问对象人数", "500人", "500人", "20"],
            [N, "产出指标(60分)", "质量指标", "补助经费足额拨付率", "100%", "100%", "20"],
            [N, N, "时效指标", "春节前完成走访慰问", "按时", "按时", "20"],
            [N, N, N, N, N, N, N],
            [N, "效益指标(10分)", "社会效益指标", "无群体性事件", "0次", "0次", "10"],
            [N, N, N, N, N, N, N],
            [N, "满意度指标(10分)", "服务对象满意度指标", "优抚对象满意率", "100%", "100%", "10"],
            [N, N, N, N, N, N, N],
            ["总分(100分)", N, N, "100", "自评等级", N, "优"]]
    table = read_table(held_file(tmp_path, kind, rows))
    project = table.projects()[0]
    assert [i.name for i in project.indicators] == ["慰问对象人数", "补助经费足额拨付率", "春节前完成走访慰问",
                                                    "无群体性事件", "优抚对象满意率"]
    assert [i.level1 for i in project.indicators] == ["产出指标"] * 3 + ["效益指标", "满意度指标"]
    assert project.total_score == 100


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("level1_head", ["一级指标", "指标类型"])
def test_the_header_printed_again_inside_a_centred_grid(tmp_path: Path, kind: str, level1_head: str) -> None:
    """A PDF made a workbook: labels centred, and the header printed again where a page broke, inside a
    group: the header row is no row of the centred reading (its 一级指标 / 指标类型 no label of a group:
    was PG-S03 一级指标“一级指标”, and the rows after it under the header's words)."""
    head = [level1_head, "二级指标", "三级指标", "指标值"]
    grid = [head, [N, "数量指标", "培训人次", "≥500人次"], ["产出指标", "质量指标", "培训合格率", "≥95%"],
            head, [N, "时效指标", "结业及时率", "100%"], [N, "社会效益指标", "技能提升率", "≥90%"],
            ["效益指标", "经济效益指标", "增收人数", "≥100人"], [N, "可持续影响指标", "持续就业率", "≥80%"],
            ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"]]
    table = read_table(held_file(tmp_path, kind, _in_layout("form", grid)))
    assert [i.level1 for i in _indicators(table)] == ["产出指标"] * 3 + ["效益指标"] * 3 + ["满意度指标"]
    assert not [f for f in check_table(table) if f.code in ("PG-S03", "PG-S04")]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_long_tables_header_printed_again_with_words_of_its_own(tmp_path: Path, kind: str) -> None:
    """湘西's export through a PDF (单位代码 | 单位(专项)名称 | 资金总额 | 绩效指标 over 一级指标 | 二级指标 | 三级指标 |
    指标值 | 指标值内容): its lower header row (指标值内容 no word of our vocabulary) printed again inside a
    centred project is the header again, no row of the reading — the whole table read, end to end (the
    tiling's own case: test_a_header_row_again_is_passed_over_by_its_own_words)."""
    top = ["单位代码", "单位(专项)名称", "资金总额", "绩效指标", N, N, N, N]
    head = [N, N, N, "一级指标", "二级指标", "三级指标", "指标值", "指标值内容"]
    body = [[N, "经济成本指标", "学生补助标准", "17元/人", "用餐标准"], ["成本指标", "社会成本指标", N, N, N],
            [N, "生态环境成本指标", N, N, N], [N, "数量指标", "补助学生数量", "168", "补助人数"],
            ["产出指标", "质量指标", "资金到位率", "90%以上", "到位情况"],
            [N, "时效指标", "完成时间", "2023年底", "完成时间"],
            [N, "社会效益指标", "家庭负担减轻", "有所减轻", "负担情况"],
            ["效益指标", "可持续影响指标", "持续保障", "长期", "保障情况"],
            [N, "生态效益指标", "节约粮食", "明显", "节约情况"]]
    first = [["505006" if i == 0 else N, "学生伙食费" if i == 0 else N, "30" if i == 0 else N, *row]
             for i, row in enumerate(body)]
    rows = [top, head, *first[:5], head, *first[5:]]  # (the page breaks inside 产出指标's group)
    table = read_table(held_file(tmp_path, kind, rows, ["D1:H1"] if kind == "xlsx" else []))
    [project] = table.projects()
    assert [i.level1 for i in project.indicators] == ["成本指标"] + ["产出指标"] * 3 + ["效益指标"] * 3
    assert not [f for f in check_table(table) if f.code == "PG-S03"]


def test_a_header_row_again_is_passed_over_by_its_own_words() -> None:
    """centred_levels: a row repeating the header rows' own words (指标值内容, no word of our vocabulary) is
    no row of the tiling (its 一级指标 no label); rows repeating an earlier project's texts are rows."""
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.level_join import centred_levels
    from perfgoals_xl.sources.sheet_view import SheetView

    head = ["一级指标", "三级指标", "指标值内容"]
    rows = [head, ["1", "2", "3"], [N, "补助标准", "用餐标准"], ["成本指标", "成本控制", "控制"], [N, "节约", "节约"],
            [N, "学生数量", "人数"], ["产出指标", "到位率", "到位"], head, [N, "完成时间", "时间"],
            [N, "负担减轻", "负担"], ["效益指标", "持续保障", "保障"], [N, "节约粮食", "节约"]]
    sheet = SheetView(Grid(sheet="Sheet1", rows=rows), None)
    assert centred_levels(sheet, 0, [], 1, range(2, len(rows)))  # (a 栏次 row between the header and the body)
    assert [sheet.text(r, 0) for r in range(2, len(rows)) if r != 7] == (
        ["成本指标"] * 3 + ["产出指标"] * 3 + ["效益指标"] * 3)
