"""An indicator header over two rows whose merges were lost (``sources/header_merges.py``): 绩效指标 over
一级指标 | 二级指标 | 三级指标, the tall cells (指标值, 实际完成值, 分值 …) on the upper row only. Found by the
corpus variation 父表头 held as ``saved.csv`` (6 tables, 233 fields lost: 部门整体 and 自评表 grids read
with no indicator). Each layout is built as a CSV, a workbook pasted as values (no merges) and the
workbook with its merges (read as before)."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.model import PerfTable
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.header_merges import restore_header_merges

N = None
KINDS = ("csv", "values", "merged")


def _held(tmp_path: Path, kind: str, rows: list[list[object]], merges: list[str]) -> Path:
    return held_file(tmp_path, "csv" if kind == "csv" else "xlsx", rows, merges if kind == "merged" else [])


def _indicators(table: PerfTable) -> list:
    return table.plan.indicators if table.kind == "department" else [i for p in table.projects() for i in p.indicators]


def _block(layout: str) -> list[list[object]]:
    if layout == "department":
        return [["部门整体支出绩效目标表", N, N, N, N, N, N], ["部门名称", "某县林业局", N, N, N, N, N],
                ["年度绩效总目标", "完成全县造林和森林防火任务。", N, N, N, N, N]]
    if layout == "selfeval":
        return [["项目名称", "造林补助", N, N, N, N, N], ["主管部门", "某县林业局", N, N, N, N, N],
                ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率", N, N],
                ["年度资金总额", "50", "50", "50", "100%", N, N]]
    return [["项目名称", "造林补助", N, N, N, N, N], ["主管部门", "某县林业局", N, N, N, N, N],
            ["年度资金总额", "50", N, N, N, N, N], ["年度目标", "完成造林1.2万亩。", N, N, N, N, N]]


def _header(layout: str) -> tuple[list[list[object]], list[str]]:
    """The two header rows and their merges (A1 notation, under a block of ``len(_block)`` rows)."""
    top = len(_block(layout)) + 1
    values = ["年度指标值", "实际完成值", "分值", "得分"] if layout == "selfeval" else ["计算符号", "目标值", "度量单位", "指标值说明"]
    merges = [f"A{top}:C{top}"] + [f"{col}{top}:{col}{top + 1}" for col in "DEFG"]
    return [["绩效指标", N, N, *values], ["一级指标", "二级指标", "三级指标", N, N, N, N]], merges


def _body(layout: str) -> list[list[object]]:
    if layout == "selfeval":
        return [["产出指标", "数量指标", "造林面积", "1.2万亩", "1.2万亩", "50", "50"],
                [N, "质量指标", "苗木成活率", "≥90%", "92%", "20", "20"],
                ["效益指标", "生态效益指标", "森林覆盖率", "≥60%", "61%", "20", "20"]]
    return [["产出指标", "数量指标", "造林面积", "=", "1.2", "万亩", "按计划"],
            [N, "质量指标", "苗木成活率", "≥", "90", "%", "按标准"],
            ["效益指标", "生态效益指标", "森林覆盖率", "≥", "60", "%", "按规划"]]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_a_two_row_header_without_its_merges_reads_as_the_workbook(tmp_path: Path, kind: str, layout: str) -> None:
    header, merges = _header(layout)
    table = read_table(_held(tmp_path, kind, [*_block(layout), *header, *_body(layout)], merges))
    indicators = _indicators(table)
    assert [(i.level1, i.level2, i.name) for i in indicators] == [
        ("产出指标", "数量指标", "造林面积"), ("产出指标", "质量指标", "苗木成活率"), ("效益指标", "生态效益指标", "森林覆盖率")]
    targets = [(i.annual_value or i.period_value).raw for i in indicators]
    if layout == "selfeval":
        assert targets == ["1.2万亩", "≥90%", "≥60%"]
        assert [i.actual_value.raw for i in indicators] == ["1.2万亩", "92%", "61%"]
        assert [i.weight for i in indicators] == [50, 20, 20]
    else:
        assert [t.replace("=", "") for t in targets] == ["1.2万亩", "≥90%", "≥60%"]
    assert not [f for f in check_table(table) if f.code in ("PG-D03", "PG-A04", "PG-C02")]


def test_the_merges_restored() -> None:
    rows = [["绩效指标", N, N, "年度指标值", "实际完成值", "分值"], ["一级指标", "二级指标", "三级指标", N, N, N],
            ["产出指标", "数量指标", "造林面积", "1.2万亩", "1.2万亩", "50"]]
    grid = restore_header_merges(Grid(sheet=None, rows=rows))
    assert sorted(grid.merged) == [(0, 0, 0, 2), (0, 3, 1, 3), (0, 4, 1, 4), (0, 5, 1, 5)]


def test_a_form_line_above_a_one_row_header_is_no_header() -> None:
    """年度总体目标 | 年初设定目标 | … | 全年完成情况 over a header naming its values: two rows of their own."""
    rows = [["年度总体目标", "年初设定目标", N, N, "全年完成情况"], ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"],
            ["产出指标", "数量指标", "造林面积", "1.2万亩", "1.2万亩"]]
    assert restore_header_merges(Grid(sheet=None, rows=rows)).merged == []


def test_text_over_text_that_heads_no_group_is_left_alone() -> None:
    """绩效目标 over 一级指标 with 二级指标 under 年度指标值: no group shape, nothing joined."""
    rows = [["绩效目标", "年度指标值", N], ["一级指标", "二级指标", "三级指标"]]
    assert restore_header_merges(Grid(sheet=None, rows=rows)).merged == []


def test_only_the_first_rows_are_looked_at() -> None:
    """A long table's header stands at its top: rows past ``MAX_ROWS`` are not looked at, so a 300,000-row
    CSV costs no pass over its data (0.018 s against 17 s for a pass over every row, one run)."""
    from perfgoals_xl.sources.header_merges import MAX_ROWS

    header = [["绩效指标", N, N, "年度指标值"], ["一级指标", "二级指标", "三级指标", N]]
    filler = [["培训项目", "产出指标", "数量指标", "≥500人次"]] * (MAX_ROWS - 1)
    assert restore_header_merges(Grid(sheet=None, rows=[*filler[:10], *header])).merged
    assert restore_header_merges(Grid(sheet=None, rows=[*filler, *header])).merged == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_names_header_tall_beside_a_group_of_levels(tmp_path: Path, kind: str) -> None:
    """四川 昭化 (the block label 绩效指标 down the left): 三级指标 and 指标值 merged down both rows, the
    levels under a group on the lower row; its merges lost, the project was read with no indicator."""
    rows = [["项目名称", "独生子女死亡再扶助", N, N, N], ["主管部门", "某区卫健局", N, N, N],
            ["年度资金总额", "6.3", N, N, N], ["年度目标", "对符合政策的家庭进行扶助。", N, N, N],
            ["绩效指标", N, N, "三级指标", "指标值(包含数字及文字描述)"], ["绩效指标", "一级指标", "二级指标", N, N],
            [N, "产出指标", "数量指标", "扶助人数", "63人"], [N, N, "质量指标", "审核准确率", "100%"],
            [N, "效益指标", "社会效益指标", "家庭生活改善", "明显改善"]]
    table = read_table(_held(tmp_path, kind, rows, ["D5:D6", "E5:E6"]))
    assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in _indicators(table)] == [
        ("产出指标", "数量指标", "扶助人数", "63人"), ("产出指标", "质量指标", "审核准确率", "100%"),
        ("效益指标", "社会效益指标", "家庭生活改善", "明显改善")]


@pytest.mark.parametrize("kind", KINDS)
def test_a_long_tables_group_over_the_values_with_its_first_sub_header_lost(tmp_path: Path, kind: str) -> None:
    """湖南 湘西 (单位代码 | 单位(专项)名称 | 资金总额 tall beside 绩效指标 over the levels and the values), its
    一级指标 sub-header blank: 绩效指标 is the group, the blank column's level 1 read by content (was: the
    group label taken for a column of whole indicator strings, PG-S01 on each row)."""
    rows = [["单位代码", "单位(专项)名称", "资金总额", "实施期绩效目标", "绩效指标", N, N, N, N],
            [N, N, N, N, N, "二级指标", "三级指标", "指标值", "度量单位"],
            ["505006", "州特殊教育学校", "30", N, N, N, N, N, N],
            ["505006", "学生伙食费", "30", "保障特殊教育学校学生在校每天三餐按标准足额供应", "成本指标", "经济成本指标",
             "学生补助标准", "17", "元/人·天"],
            [N, N, N, N, "满意度指标", "服务对象满意度指标", "学生满意度", "≥95", "%"]]
    merges = ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:I1"]
    table = read_table(_held(tmp_path, kind, rows, merges))
    assert [(i.level1, i.level2, i.name) for i in _indicators(table)] == [
        ("成本指标", "经济成本指标", "学生补助标准"), ("满意度指标", "服务对象满意度指标", "学生满意度")]
    assert not [f for f in check_table(table) if f.code == "PG-S01"]
