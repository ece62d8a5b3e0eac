"""Level columns known by what they hold (``sources.level_columns``), whatever their header says: a
一级指标 / 二级指标 header printed blank (its text lost: 忠县 涂井乡 ``一级指标 |  | 三级指标``) or in a
wording of its own (浙江 台州 ``指标类型`` over 产出指标 …). Found by the corpus variation pass
(``tests/corpus/variations.py``: 一级指标表头空白, 二级指标表头空白, 一级指标表头写作 指标类型), which
lost some 2,000 fields over 100 real tables and gave false PG-S03 / PG-S04 errors on each before.
Each layout (申报表 form, 自评表 form, long format, 部门整体 table) is built as a workbook with its
merges and as the CSV that loses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.model import Indicator, PerfTable
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.level_columns import Candidate, column_level, levels_by_content

N = None
LEVELS = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]


# ── the rule ──

def test_a_column_of_level_names_is_that_level() -> None:
    assert column_level(["产出指标", "效益指标", "满意度指标"]) == "level1"
    assert column_level(["1-产出指标", "2-效益指标(30分)"]) == "level1"  # codes and weights aside
    assert column_level(["数量指标", "质量指标", "社会效益指标"]) == "level2"
    assert column_level(["项目决策", "过程", "产出", "效益"]) == "level1"  # the evaluation framework's
    assert column_level(["产出指标", "效益指标", "社会公众或服务", "对象满意度指标"]) == "level1"  # a split name
    assert column_level(["产出指标", "合计", "—"]) == "level1"  # totals and placeholders aside


def test_a_column_of_other_texts_is_no_level() -> None:
    assert column_level(["培训人次", "合格率", "满意度"]) is None
    assert column_level(["产出指标", "培训人次", "合格率", "满意度"]) is None  # one in four
    assert column_level([]) is None
    assert column_level(["定量", "定性"]) is None  # 指标类型 meaning 定量/定性


def test_only_a_column_left_of_the_name_in_the_levels_order() -> None:
    level1, level2 = Candidate(0, "", ["产出指标", "效益指标"]), Candidate(1, "", ["数量指标", "社会效益指标"])
    assert set(levels_by_content({"name": 2}, [level1, level2])) == {"level1", "level2"}
    assert levels_by_content({"name": 0}, [Candidate(1, "", ["产出指标"])]) == {}  # right of the name
    swapped = [Candidate(0, "", ["数量指标", "质量指标"]), Candidate(1, "", ["产出指标", "效益指标"])]
    assert levels_by_content({"name": 2}, swapped) == {}  # out of order: nothing is safe


def test_a_blank_headed_column_between_the_levels_is_level2_by_place() -> None:
    words = Candidate(1, "", ["项目立项", "绩效目标", "资金投入"])  # an evaluation framework's level-2
    assert levels_by_content({"level1": 0, "name": 2}, [words]) == {"level2": words}
    numbers = Candidate(1, "", ["10", "20", "30"])  # a 分值 column with its header lost
    assert levels_by_content({"level1": 0, "name": 2}, [numbers]) == {}
    named = Candidate(1, "备注", ["项目立项", "绩效目标"])  # a header of its own: only its content counts
    assert levels_by_content({"level1": 0, "name": 2}, [named]) == {}


def test_a_blank_headed_column_beside_the_names_is_level2_past_another_fields_column() -> None:
    """分解目标 | 自评权重 |  | 三级指标 (江西 部门整体自评表): the 自评权重 column between the level-1 and
    the blank one is another field's, the blank column beside the names still the level-2; a second
    open column between them leaves the reading unsafe."""
    words = Candidate(2, "", ["预算编审管理", "预算执行管理", "数量指标"])
    assert levels_by_content({"level1": 0, "weight": 1, "name": 3}, [words]) == {"level2": words}
    other = Candidate(1, "", ["30", "25"])
    assert "level2" not in levels_by_content({"level1": 0, "name": 3}, [other, words])


# ── each layout, workbook and CSV ──

def _levels_read(table: PerfTable, indicators: list[Indicator]) -> None:
    """Every level read (said in a 读取提示), and no level finding left."""
    assert [(i.level1, i.level2) for i in indicators] == LEVELS
    assert any("按其内容" in p.message for p in table.problems)
    assert not [f for f in check_table(table) if f.code in ("PG-S03", "PG-S04")]


#: The level headers as published tables print them: 一级指标 blank, 一级指标 as 指标类型, 二级指标 blank.
HEADERS = pytest.mark.parametrize(("level1_header", "level2_header"),
                                  [("", "二级指标"), ("指标类型", "二级指标"), ("一级指标", "")],
                                  ids=["level1-blank", "level1-zhibiaoleixing", "level2-blank"])

def _form_rows(level1_header: str, level2_header: str) -> list[list[object]]:
    """A 申报表 form (湖北 / 浙江 style) with its indicator grid."""
    return [
        ["项目支出绩效目标申报表", N, N, N, N],
        ["项目名称", "社区养老服务补助", N, "主管部门", "某区民政局"],
        ["资金总额（万元）", "120", N, "其中：财政拨款", "120"],
        ["年度绩效目标", "为全区老年人提供社区养老服务，提升服务质量。", N, N, N],
        [level1_header, level2_header, "三级指标", "指标值", "备注"],
        ["产出指标", "数量指标", "服务老年人数", "≥3000人", N],
        [N, "质量指标", "服务合格率", "≥95%", N],
        ["效益指标", "社会效益指标", "老年人生活质量", "提高", N],
        ["满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", N],
    ]


FORM_MERGES = ["B2:C2", "B3:C3", "B4:E4", "A6:A7"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@HEADERS
def test_form_grid(tmp_path: Path, kind: str, level1_header: str, level2_header: str) -> None:
    table = read_table(held_file(tmp_path, kind, _form_rows(level1_header, level2_header), FORM_MERGES))
    _levels_read(table, table.projects()[0].indicators)


def _selfeval_rows(level1_header: str, level2_header: str) -> list[list[object]]:
    return [
        ["项目支出绩效自评表", N, N, N, N, N, N],
        ["项目名称", "社区养老服务补助", N, N, N, N, N],
        ["主管部门", "某区民政局", N, N, "实施单位", "某区养老服务中心", N],
        ["项目资金（万元）", N, N, "年初预算数", "全年预算数", "全年执行数", "执行率"],
        [N, "年度资金总额", N, "120", "120", "118", "98.3%"],
        ["年度总体目标", "预期目标", N, N, "实际完成情况", N, N],
        [N, "为全区老年人提供社区养老服务。", N, N, "已为全区老年人提供社区养老服务。", N, N],
        [level1_header, level2_header, "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "服务老年人数", "≥3000人", "3100人", "30", "30"],
        [N, "质量指标", "服务合格率", "≥95%", "96%", "30", "30"],
        ["效益指标", "社会效益指标", "老年人生活质量", "提高", "提高", "20", "20"],
        ["满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "93%", "10", "10"],
        ["总分", N, N, N, N, "90", "90"],
    ]


SELFEVAL_MERGES = ["B2:G2", "B3:D3", "A4:C4", "A5:A5", "B5:C5", "A6:A7", "B6:D6", "E6:G6", "B7:D7", "E7:G7",
                   "A9:A10"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@HEADERS
def test_selfeval_form(tmp_path: Path, kind: str, level1_header: str, level2_header: str) -> None:
    table = read_table(held_file(tmp_path, kind, _selfeval_rows(level1_header, level2_header), SELFEVAL_MERGES))
    [project] = table.projects()
    _levels_read(table, project.indicators)
    assert [i.score for i in project.indicators] == [30, 30, 20, 10]


def _long_rows(level1_header: str, level2_header: str) -> list[list[object]]:
    head = ["项目名称", "年度绩效目标", level1_header, level2_header, "三级指标", "年度指标值"]
    goal = "为全区老年人提供社区养老服务。"
    return [head, *[["社区养老服务补助", goal, l1, l2, name, value] for (l1, l2), (name, value) in zip(
        LEVELS, [("服务老年人数", "≥3000人"), ("服务合格率", "≥95%"), ("老年人生活质量", "提高"),
                 ("老年人满意度", "≥90%")], strict=True)]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@HEADERS
def test_long_format(tmp_path: Path, kind: str, level1_header: str, level2_header: str) -> None:
    table = read_table(held_file(tmp_path, kind, _long_rows(level1_header, level2_header)))
    _levels_read(table, table.projects()[0].indicators)


def _department_rows(level1_header: str, level2_header: str) -> list[list[object]]:
    return [
        ["部门整体支出绩效目标表", N, N, N],
        ["部门名称", "某区民政局", N, N],
        ["年度绩效总目标", "保障全区低保对象按时足额领取救助金，完成养老服务中心建设。", N, N],
        [level1_header, level2_header, "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务老年人数", "≥3000人"],
        [N, "质量指标", "服务合格率", "≥95%"],
        ["效益指标", "社会效益指标", "老年人生活质量", "提高"],
        ["满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%"],
    ]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@HEADERS
def test_department_table(tmp_path: Path, kind: str, level1_header: str, level2_header: str) -> None:
    rows = _department_rows(level1_header, level2_header)
    table = read_table(held_file(tmp_path, kind, rows, ["B2:D2", "B3:D3", "A5:A6"]))
    assert table.kind == "department"
    _levels_read(table, table.plan.indicators)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_department_selfeval_actuals_under_shiji_wancheng_qingkuang(tmp_path: Path, kind: str) -> None:
    """实际完成情况 over a 部门整体 自评表's indicator grid is the indicators' 实际完成值 (as the 自评表 form
    reads it), not the plan's 年度目标完成情况: found by the variation 表头同义:actual→实际完成情况."""
    rows = [r[:4] + [v] for r, v in zip(_department_rows("一级指标", "二级指标"),
                                         [N, N, N, "实际完成情况", "3100人", "96%", "提高", "93%"], strict=True)]
    table = read_table(held_file(tmp_path, kind, rows, ["B2:D2", "B3:D3", "A5:A6"]))
    assert [i.actual_value.raw for i in table.plan.indicators] == ["3100人", "96%", "提高", "93%"]
    assert table.plan.actual_summary in ("", None)


def test_level_headers_named_by_their_number() -> None:
    """The level's number names the column whatever words follow it; the year's target however the
    year and the plan are said."""
    from perfgoals_xl.sources.vocabulary import field_of

    assert [field_of(t) for t in ("一级绩效指标", "二级绩效指标", "三级绩效指标", "三级绩效指标内容")] == [
        "level1", "level2", "name", "name"]
    assert [field_of(t) for t in ("本年度目标值", "年度计划值", "当年预期指标值")] == ["annual_value"] * 3
    assert [field_of(t) for t in ("绩效指标", "指标值", "实施周期指标值", "年度预算数")] == [
        "legacy", "value", "period_value", "total"]  # (the year's budget is an amount, never a target)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_form_headed_by_level_numbers(tmp_path: Path, kind: str) -> None:
    rows = _form_rows("一级绩效指标", "二级绩效指标")
    rows[4][2:4] = ["三级绩效指标", "本年度目标值"]
    table = read_table(held_file(tmp_path, kind, rows, FORM_MERGES))
    [project] = table.projects()
    assert [(i.level1, i.level2) for i in project.indicators] == LEVELS
    assert [i.annual_value.raw for i in project.indicators] == ["≥3000人", "≥95%", "提高", "≥90%"]
    assert not [f for f in check_table(table) if f.severity == "error"]


# ── a value column whose header was left blank (… | 三级指标 |  ) ──

BLANK_VALUE_GRID = [["一级指标", "二级指标", "三级指标", None],
                    ["产出指标", "数量指标", "培训人次", "≥500人次"],
                    [None, "质量指标", "培训合格率", "≥95%"],
                    ["效益指标", "社会效益指标", "技能提升率", "≥90%"],
                    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"]]


def _in_layout(layout: str, grid: list[list[object]]) -> list[list[object]]:
    """The grid under the block of a 申报表 (form), a 自评表 (selfeval, with an 实际完成值 column) or a 部门整体 table."""
    if layout == "form":
        return [["项目名称", "职业技能培训", N, N], ["主管部门", "某县人社局", N, N], ["年度资金总额", "50", N, N],
                ["年度目标", "完成职业技能培训500人次。", N, N], *grid]
    if layout == "selfeval":
        return [["项目名称", "职业技能培训", N, N, N], ["主管部门", "某县人社局", N, N, N],
                ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率"],
                ["年度资金总额", "50", "50", "50", "100%"],
                [*grid[0], "实际完成值"], *[[*row, "达成"] for row in grid[1:]]]
    return [["部门整体支出绩效目标表", N, N, N], ["部门名称", "某县人社局", N, N],
            ["年度绩效总目标", "完成全县职业技能培训任务。", N, N], *grid]


def _values(table: PerfTable) -> list[str]:
    indicators = table.plan.indicators if table.kind == "department" else [i for p in table.projects() for i in p.indicators]
    return [(i.annual_value or i.period_value).raw for i in indicators]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_a_blank_headed_column_right_of_the_names_is_the_values(tmp_path: Path, kind: str, layout: str) -> None:
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, [list(row) for row in BLANK_VALUE_GRID])))
    assert _values(table) == ["≥500人次", "≥95%", "≥90%", "≥90%"]
    hints = " ".join(f.message for f in check_table(table) if f.code == "PG-S11")
    assert "D 列表头空白" in hints and "按指标值读取" in hints
    assert not [f for f in check_table(table) if f.code == "PG-S05"]


def test_a_blank_headed_column_holding_little_is_no_value_column() -> None:
    """Under half the rows filled (a 备注 column left blank in the header and mostly empty): not the values."""
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.level_columns import value_by_place
    from perfgoals_xl.sources.sheet_view import SheetView

    rows = [["一级指标", "二级指标", "三级指标", None], ["产出指标", "数量指标", "培训人次", None],
            [None, "质量指标", "培训合格率", None], ["效益指标", "社会效益指标", "技能提升率", "见附件"]]
    sheet = SheetView(Grid(sheet="Sheet1", rows=rows), None)
    assert value_by_place(sheet, 0, 0, [1, 2, 3], 2, {0, 1, 2}) is None


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "department"])
def test_a_sparse_blank_headed_column_right_of_the_sign_is_the_values(tmp_path: Path, kind: str, layout: str) -> None:
    """重庆 一般性项目 (指标 | 指标权重 | 计量单位 | 指标性质 |  ): a value after each sign, none after 定性 —
    under half the rows, still the values, where every template prints them."""
    grid = [["三级指标", "指标权重", "计量单位", "指标性质", None],
            ["发放人数", "20", "人", "≥", "80"], ["按时足额发放率", "10", "%", "≥", "95"],
            ["促进社会和谐", "20", None, "定性", None], ["保障收入", "20", None, "定性", None],
            ["保障权益", "20", None, "定性", None]]
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, grid)))
    assert [v.raw if v else "" for v in (i.annual_value or i.period_value for i in _indicators(table))][:2] == [
        "≥80人", "≥95%"]
    assert "E 列表头空白" in " ".join(f.message for f in check_table(table) if f.code == "PG-S11")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_long_tables_sparse_blank_headed_column_right_of_the_sign(tmp_path: Path, kind: str) -> None:
    rows = [["项目名称", "一级指标", "二级指标", "三级指标", "指标性质", None],
            ["困难群众救助", "产出指标", "数量指标", "救助人数", "≥", "80"],
            ["困难群众救助", "效益指标", "社会效益指标", "促进社会和谐", "定性", None],
            ["困难群众救助", "效益指标", "社会效益指标", "保障基本生活", "定性", None],
            ["困难群众救助", "满意度指标", "服务对象满意度指标", "受助对象满意度", "定性", None]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert (_indicators(table)[0].annual_value or _indicators(table)[0].period_value).raw == "≥80"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_sparse_blank_headed_column_left_of_the_actuals_is_the_targets(tmp_path: Path, kind: str) -> None:
    """安徽 自评表 template (三级指标 |  | 实际完成值), most rows an unfilled 指标2: or a target left blank:
    the column before 实际完成值 is the year's targets."""
    rows = [["项目名称", "水旱灾害防御经费", N, N, N, N], ["主管部门", "某市水利局", N, N, N, N],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率", N],
            ["年度资金总额", "50", "50", "50", "100%", N],
            ["一级指标", "二级指标", "三级指标", None, "实际完成值", "分值"],
            ["产出指标", "数量指标", "完成灌区节水改造项目", "1个", "1个", "10"],
            [N, N, "完成农业水价改革项目", N, N, "10"], [N, "质量指标", "工程质量合格", N, N, "10"],
            [N, "时效指标", "资金支付完成率", N, N, "10"], ["效益指标", "社会效益指标", "安全度汛", N, N, "10"]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [i.annual_value.raw if i.annual_value else "" for i in _indicators(table)] == ["1个", "", "", "", ""]
    assert [i.actual_value.raw if i.actual_value else "" for i in _indicators(table)][0] == "1个"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_a_blank_level_2_header_over_level_1_words_is_the_level_2(tmp_path: Path, kind: str, layout: str) -> None:
    """天津 中央预算内投资 (实施效果指标 | 产出指标 …, its 二级指标 header lost): the blank column between a
    printed 一级指标 and 三级指标 is the level 2 by its place, though its words are level-1 names."""
    grid = [["绩效指标", "一级指标", None, "三级指标", "指标值"],
            [N, "实施效果指标", "产出指标", "建设项目个数", "1个"], [N, N, N, "竣工验收合格率", "100%"],
            [N, N, "效益指标", "畜禽粪污综合利用率", "≥90%"], [N, N, "满意度指标", "受益群众满意度", "≥90%"]]
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, grid)))
    assert [(i.level1, i.level2) for i in _indicators(table)] == [
        ("实施效果指标", "产出指标"), ("实施效果指标", "产出指标"), ("实施效果指标", "效益指标"),
        ("实施效果指标", "满意度指标")]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("header", [None, "指标类型"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_a_level_1_column_of_the_tables_own_names_under_a_blank_header(tmp_path: Path, kind: str, header: str | None,
                                                                      layout: str) -> None:
    """The same grid with its 一级指标 header lost (or printed 指标类型) over names of its own framework: the
    column just left of 二级指标 holding only …指标 names is the level 1."""
    grid = [["绩效指标", header, "二级指标", "三级指标", "指标值"],
            [N, "实施效果指标", "产出指标", "建设项目个数", "1个"], [N, N, "效益指标", "畜禽粪污综合利用率", "≥90%"],
            [N, "过程管理指标", "资金管理指标", "资金支付率", "≥95%"]]
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, grid)))
    assert [i.level1 for i in _indicators(table)] == ["实施效果指标", "实施效果指标", "过程管理指标"]


def _indicators(table: PerfTable) -> list:
    return table.plan.indicators if table.kind == "department" else [i for p in table.projects() for i in p.indicators]


# ── a name column whose header was left blank (一级指标 | 二级指标 |  | 指标值) ──

@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_a_blank_headed_column_between_the_levels_and_values_is_the_names(tmp_path: Path, kind: str, layout: str) -> None:
    grid = [["一级指标", "二级指标", None, "指标值"], *[list(row) for row in BLANK_VALUE_GRID[1:]]]
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, grid)))
    indicators = table.plan.indicators if table.kind == "department" else [i for p in table.projects() for i in p.indicators]
    assert [i.name for i in indicators] == ["培训人次", "培训合格率", "技能提升率", "学员满意度"]
    hints = " ".join(f.message for f in check_table(table) if f.code == "PG-S11")
    assert "C 列表头空白" in hints and "按三级指标" in hints


def test_no_name_by_place_without_a_level_2_column() -> None:
    """一级指标 |  | 指标值: the blank may be a 二级 column of a two-level grid (its 一级 holding 二级 names)."""
    from perfgoals_xl.sources.level_columns import name_by_place

    names = ["培训人次", "培训合格率"]
    assert name_by_place({"level1": 0, "value": 2}, lambda c: True, lambda c: names) is None
    assert name_by_place({"level1": 0, "level2": 1, "value": 3}, lambda c: True, lambda c: names) == 2
    assert name_by_place({"level1": 0, "level2": 1, "value": 3}, lambda c: True, lambda c: []) is None
    assert name_by_place({"level1": 0, "level2": 1, "value": 4}, lambda c: True, lambda c: names) is None  # two blanks


def test_names_by_place_beside_a_blank_headed_level_2_column() -> None:
    """一级指标 |  |  | 指标值 (忠县, both its 二级指标 and 三级指标 texts lost): the second blank column is the
    names when the first holds level-2 names; two columns of names, or one of level-1 names, say nothing."""
    from perfgoals_xl.sources.level_columns import name_by_place

    texts = {1: ["数量指标", "质量指标"], 2: ["培训人次", "培训合格率"]}
    assert name_by_place({"level1": 0, "value": 3}, lambda c: True, lambda c: texts.get(c, [])) == 2
    texts[1] = ["培训天数", "结业率"]
    assert name_by_place({"level1": 0, "value": 3}, lambda c: True, lambda c: texts.get(c, [])) is None


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_two_blank_headed_columns_the_level_2_and_the_names(tmp_path: Path, kind: str, layout: str) -> None:
    grid = [["一级指标", None, None, "指标值"], *[list(row) for row in BLANK_VALUE_GRID[1:]]]
    table = read_table(held_file(tmp_path, kind, _in_layout(layout, grid)))
    indicators = table.plan.indicators if table.kind == "department" else [i for p in table.projects() for i in p.indicators]
    assert [(i.level2, i.name) for i in indicators] == [
        ("数量指标", "培训人次"), ("质量指标", "培训合格率"), ("社会效益指标", "技能提升率"), ("服务对象满意度指标", "学员满意度")]
    assert not [f for f in check_table(table) if f.code in ("PG-S04", "PG-S05")]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_long_format_tables_blank_headed_value_column(tmp_path: Path, kind: str) -> None:
    rows = [["项目名称", "一级指标", "二级指标", "指标名称", None],
            *[["职业技能培训", *row] for row in BLANK_VALUE_GRID[1:]]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert _values(table) == ["≥500人次", "≥95%", "≥90%", "≥90%"]
    hints = " ".join(f.message for f in check_table(table) if f.code == "PG-S11")
    assert "E 列表头空白" in hints
    assert not [f for f in check_table(table) if f.code == "PG-S05"]


# ── header texts lost, round two (variations 三级指标表头空白 / 指标值表头空白 / 二级指标表头空白) ──

#: 黄石 党校's header over two rows, its 三级指标 or 二级指标 left blank: 指标值 over 2021年实际实现值 |
#: 预期2022年实现值, the words the vocabulary reads later (no value field on the header rows themselves).
def _dated_form(blank: str) -> tuple[list[list[object]], list[str]]:
    level2, name = ("二级指标", None) if blank == "name" else (None, "三级指标")
    rows = [["项目名称", "主体班", N, N, N, N], ["项目金额", "164", N, N, N, N], ["实施单位", "某市委党校", N, N, N, N],
            ["年度绩效目标", "主体班培训280人次。", N, N, N, N],
            ["一级指标", level2, name, "指标值", N, "指标标准或依据"],
            [N, N, N, "2021年实际实现值", "预期2022年实现值", N],
            ["产出指标", "数量指标", "主体班培训人次", "260人次", "280人次", "计划标准"],
            [N, "质量指标", "培训完成率", "100%", "100%", "计划标准"],
            ["效益指标", "社会效益指标", "学员党性修养提升", "提升", "提升", "计划标准"],
            ["满意度指标", "服务对象满意度指标", "培训学员满意度", "95%", "≥95%", "计划标准"]]
    return rows, ["A5:A6", "B5:B6", "C5:C6", "D5:E5", "F5:F6", "A7:A8"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("blank", ["name", "level2"])
def test_a_two_row_header_with_a_blank_name_or_level_2_cell(tmp_path: Path, kind: str, blank: str) -> None:
    """The names by place bounded by the first headed column right of the levels (its words not a value
    field yet); a header with 一级指标, 三级指标 and a third column it does not know is the grid's header."""
    rows, merges = _dated_form(blank)
    table = read_table(held_file(tmp_path, kind, rows, merges))
    indicators = [i for p in table.projects() for i in p.indicators]
    assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in indicators] == [
        ("产出指标", "数量指标", "主体班培训人次", "280人次"), ("产出指标", "质量指标", "培训完成率", "100%"),
        ("效益指标", "社会效益指标", "学员党性修养提升", "提升"),
        ("满意度指标", "服务对象满意度指标", "培训学员满意度", "≥95%")]
    hints = " ".join(f.message for f in check_table(table) if f.code == "PG-S11")
    assert ("C 列表头空白" in hints and "按三级指标" in hints) if blank == "name" else "按其内容" in hints


def test_a_blank_headed_name_column_merged_over_two_columns(tmp_path: Path) -> None:
    """嘉峪关: 一级指标 | 二级指标 | <blank, C:D merged> | 指标目标值, each name merged over C:D — one column."""
    rows = [["项目名称", "博物馆免费开放补助", N, N, N], ["主管部门", "某市文旅局", N, N, N], ["项目总投资", "20", N, N, N],
            ["年度绩效目标", "保障博物馆免费开放。", N, N, N], ["一级指标", "二级指标", N, N, "指标目标值"],
            ["产出指标", "数量指标", "免费开放天数", N, "≥300天"], [N, "质量指标", "考核指标完成率", N, "≥100%"],
            ["满意度指标", "服务对象满意度", "观众满意度", N, "≥99%"]]
    merges = ["C5:D5", "C6:D6", "C7:D7", "C8:D8", "A6:A7"]
    table = read_table(held_file(tmp_path, "xlsx", rows, merges))
    assert [i.name for p in table.projects() for i in p.indicators] == ["免费开放天数", "考核指标完成率", "观众满意度"]
    assert _values(table) == ["≥300天", "≥100%", "≥99%"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_selfeval_two_row_header_keeps_its_names_by_place(tmp_path: Path, kind: str) -> None:
    """永德: 年度指标值 over 指标性质 | 指标值 | 度量单位 on the lower row, 一级指标 | 二级指标 |  beside it."""
    rows = [["项目名称", "营养改善计划", N, N, N, N, N], ["主管部门", "某县教体局", N, N, N, N, N],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率", N, N],
            ["年度资金总额", "38", "38", "38", "100%", N, N],
            [N, N, N, "年度指标值", N, N, "实际完成值"],
            ["一级指标", "二级指标", N, "指标性质", "指标值", "度量单位", N],
            ["产出指标", "数量指标", "学生受资助人数", "≥", "735", "人次", "735人次"],
            [N, "质量指标", "营养改善计划覆盖率", "≥", "100", "%", "100%"],
            ["满意度指标", "服务对象满意度指标", "学生满意度", "≥", "95", "%", "100%"]]
    table = read_table(held_file(tmp_path, kind, rows, ["D5:F5", "G5:G6", "A7:A8"]))
    indicators = [i for p in table.projects() for i in p.indicators]
    assert [(i.name, i.annual_value.raw, i.actual_value.raw) for i in indicators] == [
        ("学生受资助人数", "≥735人次", "735人次"), ("营养改善计划覆盖率", "≥100%", "100%"), ("学生满意度", "≥95%", "100%")]


#: A grid printing no levels (重庆 一般性项目 / 部门整体): 指标 | 指标权重 | 计量单位 | 指标性质 | 指标值.
LEVELLESS = [["预算执行率", "10", "%", "=", "100"], ["预决算及时编制率", "10", "%", "=", "100"],
             ["农村公路养护里程", "10", "公里", "≥", "125"], ["服务对象满意度", "5", "%", "≥", "95"]]


def _levelless_in_layout(layout: str, header: list[object]) -> list[list[object]]:
    rows = [["绩效指标", *header], *[[N, *row] for row in LEVELLESS]]
    if layout == "form":
        return [["专项资金名称", "村干部补助", N, N, N, N], ["业务主管部门", "某镇人民政府", N, N, N, N],
                ["当年预算", "9.31", N, N, N, N], ["当年绩效目标", "按月足额发放村干部补助。", N, N, N, N], *rows]
    return [["部门(单位)名称", "某街道办事处", N, N, N, N], ["当年整体绩效目标", "街道预算收支平衡。", N, N, N, N], *rows]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "department"])
@pytest.mark.parametrize("lost", ["name", "value"])
def test_a_grid_printing_no_levels_with_a_blank_header_cell(tmp_path: Path, kind: str, layout: str, lost: str) -> None:
    """指标名称 (its text lost) | 指标权重 | 计量单位 | 指标性质 | 指标值 — or the 指标值 lost: read by place. (A
    部门整体 table reporting such a hint crashed before: its 读取提示 stood at a level column it has not.)"""
    header = [N if lost == "name" else "指标名称", "指标权重", "计量单位", "指标性质", N if lost == "value" else "指标值"]
    table = read_table(held_file(tmp_path, kind, _levelless_in_layout(layout, header)))
    indicators = table.plan.indicators if table.kind == "department" else [i for p in table.projects() for i in p.indicators]
    assert [i.name for i in indicators] == [row[0] for row in LEVELLESS]
    assert [(i.annual_value or i.period_value).number for i in indicators] == [100, 100, 125, 95]
    hints = " ".join(f.message for f in check_table(table) if f.code == "PG-S11")
    assert ("B 列表头空白" in hints and "按三级指标" in hints) if lost == "name" else ("F 列表头空白" in hints)


def test_a_levelless_header_without_values_is_no_grid() -> None:
    """指标 | 指标权重 | 计量单位 | 指标性质 and no column left that holds values: no indicator grid."""
    from perfgoals_xl.sources.form_grid import find_grid_header
    from perfgoals_xl.sources.form_sheet import FormSheet
    from perfgoals_xl.sources.grid import Grid

    rows = [["绩效指标", "指标", "指标权重", "计量单位", "指标性质"], *[[N, *row[:4]] for row in LEVELLESS]]
    sheet = FormSheet(Grid(sheet="Sheet1", rows=rows), None)
    assert find_grid_header(sheet, list(range(len(rows)))) is None


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_long_format_tables_blank_headed_name_column(tmp_path: Path, kind: str) -> None:
    """项目名称 | 一级指标 | 二级指标 |  | 指标值 (慈溪, 扎赉特 system exports with the header text lost)."""
    rows = [["项目名称", "一级指标", "二级指标", None, "指标值"],
            *[["职业技能培训", *row] for row in BLANK_VALUE_GRID[1:]]]
    table = read_table(held_file(tmp_path, kind, rows))
    assert [i.name for p in table.projects() for i in p.indicators] == ["培训人次", "培训合格率", "技能提升率", "学员满意度"]
    hints = " ".join(f.message for f in check_table(table) if f.code == "PG-S11")
    assert "D 列表头空白" in hints and "按三级指标" in hints


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_label_stub_left_of_the_grid_is_no_value_column(tmp_path: Path, kind: str) -> None:
    """淮北: the goal label printed as 年度 (the rest of 年度绩效目标 lost) over 绩 | 一级 | 二级指标 | 三级指标 |
    <blank>: 年度 is no value header over the grid's first column — the blank column right of the names
    holds the values (read before as 绩, the tall label's text, with a false PG-Q01 on every indicator)."""
    rows = [["项目名称", "送戏进万村", N, N, N], ["主管部门", "某市文旅局", N, N, N], ["年度资金总额", "5", N, N, N],
            ["年度", "文化惠民工程，开展送戏进万村70场。", N, N, N],
            ["绩", "一级", "二级指标", "三级指标", N],
            [N, "产出指标", "数量指标", "开展送戏进万村", "≥70村"], [N, N, "质量指标", "活动完成率", "≥95%"],
            [N, "满意度指标", "满意度指标", "受益人满意程度", "≥90%"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A5:A8", "B6:B7"]))
    assert _values(table) == ["≥70村", "≥95%", "≥90%"]
    assert not [f for f in check_table(table) if f.code in ("PG-Q01", "PG-S05")]


def test_a_templates_empty_slots_do_not_count_against_the_values() -> None:
    """楚剧团: a 自评表 whose blank-headed value column is filled on every named row, the template's empty
    指标2: slots beside them more than half the grid."""
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.level_columns import value_by_place
    from perfgoals_xl.sources.sheet_view import SheetView

    rows = [["一级指标", "二级指标", "三级指标", None, "实际完成值"], ["产出指标", "数量指标", "更新音响设备", "50件", "50件"],
            [None, None, "指标2:", None, None], [None, "质量指标", "设备验收合格率", "100%", "100%"],
            [None, None, "指标2:", None, None], ["效益指标", "社会效益指标", "指标1:", None, None]]
    sheet = SheetView(Grid(sheet="Sheet1", rows=rows), None)
    assert value_by_place(sheet, 0, 0, [1, 2, 3, 4, 5], 2, {0, 1, 2, 4}) == 3


# ── a 申报表 with a 中期 half and a 年度 half, each header cell of the names or of the values blank (六安) ──

def _two_halves(blank: str) -> list[list[object]]:
    head = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
    head = [("" if (blank == "name" and text == "三级指标") or (blank == "value" and text == "指标值") else text)
            for text in head]
    return [
        ["项目名称", "农产品质检体系建设", N, N, N, N, N, N],
        ["年度资金总额", "51.35", N, N, N, N, N, N],
        ["年度目标", "开展农产品质量安全例行监测。", N, N, N, N, N, N],
        [N, N, N, "中期目标", N, N, "年度目标", N],
        head,
        [N, "产出指标", "数量指标", "监督抽检批次", "≥300组", "数量指标", "监督抽检批次", "≥100组"],
        [N, N, "质量指标", "例行监测合格率", "≥98%", "质量指标", "例行监测合格率", "≥98%"],
        [N, "效益指标", "社会效益指标", "农产品质量安全水平", "稳步提升", "社会效益指标", "农产品质量安全水平", "提升"],
        [N, "满意度指标", "服务对象满意度指标", "生产主体满意度", "≥90%", "服务对象满意度指标", "生产主体满意度", "≥90%"],
    ]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("blank", ["name", "value"])
def test_each_half_of_a_form_grid_keeps_its_column_by_place(tmp_path: Path, kind: str, blank: str) -> None:
    """Both halves' 三级指标 (or 指标值) header cells blank: each half's names (values) by place, the two
    halves one indicator each, no name or value lost and no finding about a blank one."""
    rows = _two_halves(blank)
    table = read_table(held_file(tmp_path, kind, rows, ["B2:H2", "B3:H3", "A5:A9", "B6:B7"]))
    [project] = table.projects()
    assert [(i.name, i.period_value.raw, i.annual_value.raw) for i in project.indicators] == [
        ("监督抽检批次", "≥300组", "≥100组"), ("例行监测合格率", "≥98%", "≥98%"),
        ("农产品质量安全水平", "稳步提升", "提升"), ("生产主体满意度", "≥90%", "≥90%")]
    assert not [f for f in check_table(table) if f.code in ("PG-S05", "PG-S04", "PG-S03")]
    assert any("表头空白" in p.message for p in table.problems)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_a_blank_headed_column_before_the_indicators_content_is_the_names(tmp_path: Path, kind: str, layout: str) -> None:
    """一级指标 | 二级指标 |  | 指标内容 | 指标值 (湖南 桃源 专项, its 三级指标 text lost): the blank column is the
    names, 指标内容 their description — never the names."""
    grid = [["一级指标", "二级指标", None, "指标内容", "指标值"],
            ["产出指标", "数量指标", "补助人数", "实际发放解困工资人数", "250人"],
            [None, "质量指标", "补贴覆盖率", "对符合条件的对象发放的覆盖率", "100%"],
            ["效益指标", "社会效益指标", "群众生活改善", "补贴对象生活得到保障", "有效改善"],
            ["满意度指标", "服务对象满意度指标", "补贴对象满意度", "补贴对象对发放的满意程度", "≥90%"]]
    rows = _in_layout(layout, grid)
    width = max(len(row) for row in rows)
    table = read_table(held_file(tmp_path, kind, [[*row, *[None] * (width - len(row))] for row in rows]))
    indicators = table.plan.indicators if table.kind == "department" else [i for p in table.projects() for i in p.indicators]
    assert [i.name for i in indicators] == ["补助人数", "补贴覆盖率", "群众生活改善", "补贴对象满意度"]
    assert [(i.annual_value or i.period_value).raw for i in indicators] == ["250人", "100%", "有效改善", "≥90%"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_older_evaluation_grid_with_its_value_header_blank(tmp_path: Path, kind: str) -> None:
    """评价指标 | 评价内容 | 指标名称 | 指标说明 |  | 分值 (河北 宁晋, its 目标值 text lost): the names and one more
    field make a header with the values placed by place, read with a 读取提示."""
    rows = [["2019年度某县高中助学金项目绩效评价指标表", N, N, N, N, N],
            ["评价指标", "评价内容", "指标名称", "指标说明", N, "分值"],
            ["产出", "数量指标", "享受资助人数", "达到预计值", "2100", "10"],
            [N, "质量指标", "建档立卡学生全面覆盖", N, "100%", "10"],
            [N, "时效指标", "及时发放率", "达到目标值", "100%", "20"],
            ["效益", "社会效益指标", "辍学率下降", "达到目标值", "≤1%", "20"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:F1", "A3:A5"]))
    assert _values(table) == ["2100", "100%", "100%", "≤1%"]
    assert "E 列表头空白" in " ".join(f.message for f in check_table(table) if f.code == "PG-S11")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_form_grid_of_type_and_name_with_its_value_header_blank(tmp_path: Path, kind: str) -> None:
    """指标类型 | 指标名称 |  | 指标描述 (浙江 临海, its 指标值 text lost): the blank column is the values."""
    grid = [["指标类型", "指标名称", None, "指标描述"],
            ["产出指标", "数量指标", "375万平方米", "完成全市375万平方米的绿地养护"],
            [None, "质量指标", "100%", "达到绿化绿地全覆盖"],
            ["效益指标", "社会效益指标", "是", "满足市民生存环境的需求"],
            ["满意度指标", "服务对象满意度指标", "≥95%", "服务对象对绿化养护的满意度"]]
    table = read_table(held_file(tmp_path, kind, _in_layout("form", grid)))
    assert _values(table) == ["375万平方米", "100%", "是", "≥95%"]
    assert "C 列表头空白" in " ".join(f.message for f in check_table(table) if f.code == "PG-S11")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_a_legacy_names_header_before_the_indicators_content(tmp_path: Path, kind: str, layout: str) -> None:
    """一级指标 | 二级指标 | 绩效指标 | 指标内容 | 指标值: 绩效指标 heads the names, 指标内容 their description."""
    grid = [["一级指标", "二级指标", "绩效指标", "指标内容", "指标值"],
            ["产出指标", "数量指标", "补助人数", "实际发放解困工资人数", "250人"],
            [None, "质量指标", "补贴覆盖率", "对符合条件的对象发放的覆盖率", "100%"],
            ["满意度指标", "服务对象满意度指标", "补贴对象满意度", "补贴对象对发放的满意程度", "≥90%"]]
    rows = _in_layout(layout, grid)
    width = max(len(row) for row in rows)
    table = read_table(held_file(tmp_path, kind, [[*row, *[None] * (width - len(row))] for row in rows]))
    indicators = table.plan.indicators if table.kind == "department" else [i for p in table.projects() for i in p.indicators]
    assert [i.name for i in indicators] == ["补助人数", "补贴覆盖率", "补贴对象满意度"]
