"""Classes of misreading of the 项目支出绩效自评表 found by the fourth held-out round (issue #18/#19,
docs/fidelity.md), each pinned by a form of that class built here — as a workbook, a Word table
and a saved web page — never a copy of the corpus table: the reader must read it, and say
nothing false about it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from form_fixtures import c
from hypothesis import given
from hypothesis import strategies as st
from test_reading_classes import KINDS, errors, written

from perfgoals_xl.scoring import score_table, score_value
from perfgoals_xl.scoring.claims import check_claim, shared_groups, shared_scores
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import (
    field_of,
    inline_label_value,
    is_operator_word,
    is_remarks_label,
)
from perfgoals_xl.values import parse_value


def _head(name: str = "农村公路养护") -> list:
    return [c(0, 0, "项目名称"), c(0, 1, name, c2=6),
            c(1, 0, "主管部门"), c(1, 1, "某县交通运输局", c2=2), c(1, 3, "项目实施单位"), c(1, 4, "某县公路段", c2=6)]


def _grouped_form() -> list:
    """A city 自评表 without a 分值 column: 得分 merged over the indicators of a level-2 (one score
    for the group), and one 年初目标值 / 实际完成值 merged over the two rows of another group."""
    return [*_head(),
            c(2, 0, "年度绩效目标(80分)", r2=7), c(2, 1, "一级指标"), c(2, 2, "二级指标"), c(2, 3, "三级指标"),
            c(2, 4, "年初目标值(A)"), c(2, 5, "实际完成值(B)"), c(2, 6, "得分"),
            c(3, 1, "产出指标(40分)", r2=5), c(3, 2, "数量指标", r2=4), c(3, 3, "养护里程"), c(3, 4, "≥120公里"),
            c(3, 5, "126公里"), c(3, 6, 20, r2=4),
            c(4, 3, "桥梁检查座数"), c(4, 4, "≥15座"), c(4, 5, "15座"),
            c(5, 2, "质量指标"), c(5, 3, "路况优良率"), c(5, 4, "≥80%"), c(5, 5, "85%"), c(5, 6, 20),
            c(6, 1, "效益指标(40分)", r2=7), c(6, 2, "社会效益指标", r2=7), c(6, 3, "群众出行条件"),
            c(6, 4, "明显改善", r2=7), c(6, 5, "明显改善", r2=7), c(6, 6, 40, r2=7),
            c(7, 3, "农产品运输成本")]


@pytest.mark.parametrize("kind", KINDS)
def test_a_value_merged_over_a_group_holds_for_each_row_and_a_merged_score_counts_once(tmp_path, kind):
    """年初目标值 / 实际完成值 merged down over two indicator rows are each row's; a merged 得分 is
    the group's one score, kept on the row where it starts (never counted twice)."""
    table = read_table(written(kind, tmp_path, [_grouped_form()]))
    inds = table.projects()[0].indicators
    assert [i.name for i in inds] == ["养护里程", "桥梁检查座数", "路况优良率", "群众出行条件", "农产品运输成本"]
    assert [i.annual_value.raw for i in inds][3:] == ["明显改善", "明显改善"]
    assert [i.actual_value.raw if i.actual_value else None for i in inds][3:] == ["明显改善", "明显改善"]
    assert [i.score for i in inds] == [20, None, 20, 40, None]
    assert sum(i.score or 0 for i in inds) == 80
    assert not [e for e in errors(table) if e.startswith(("PG-S05", "PG-E01"))]


@pytest.mark.parametrize("kind", KINDS)
def test_a_merged_weight_and_score_are_one_for_the_group(tmp_path, kind):
    """分值 and 得分 both merged over a group's rows: read once, so the 分值 still add up to 100."""
    cells = [*_head(),
             c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "年度指标值"),
             c(2, 4, "实际完成值"), c(2, 5, "分值"), c(2, 6, "得分"),
             c(3, 0, "产出指标", r2=5), c(3, 1, "数量指标", r2=4), c(3, 2, "养护里程"), c(3, 3, "≥120公里"),
             c(3, 4, "126公里"), c(3, 5, 40, r2=4), c(3, 6, 40, r2=4),
             c(4, 2, "桥梁检查座数"), c(4, 3, "≥15座"), c(4, 4, "15座"),
             c(5, 1, "质量指标"), c(5, 2, "路况优良率"), c(5, 3, "≥80%"), c(5, 4, "85%"), c(5, 5, 30), c(5, 6, 30),
             c(6, 0, "满意度指标"), c(6, 1, "服务对象满意度指标"), c(6, 2, "群众满意度"), c(6, 3, "≥90%"),
             c(6, 4, "95%"), c(6, 5, 30), c(6, 6, 30),
             c(7, 0, "总分", c2=4), c(7, 5, 100), c(7, 6, 100)]
    table = read_table(written(kind, tmp_path, [cells]))
    p = table.projects()[0]
    assert [i.weight for i in p.indicators] == [40, None, 30, 30]
    assert [i.score for i in p.indicators] == [40, None, 30, 30]
    assert p.total_score == 100
    assert not [e for e in errors(table) if e.startswith(("PG-E07", "PG-E11", "PG-S05"))]


def test_a_sign_off_after_the_value_ends_it():
    """项目单位(盖章):某馆 主要领导签字: — the unit is 某馆, the sign-off is no part of it."""
    assert inline_label_value("项目单位(盖章):某市图书馆 主要领导签字:") == ("项目单位(盖章)", "某市图书馆")
    assert inline_label_value("实施单位：某县医院　单位负责人（签章）：") == ("实施单位", "某县医院")
    assert inline_label_value("实施单位：某县医院") == ("实施单位", "某县医院")


@pytest.mark.parametrize("kind", ["xlsx", "html"])
def test_the_unit_line_above_the_form_with_a_sign_off(tmp_path, kind):
    cells = [c(0, 0, "项目单位(盖章):某市图书馆 主要领导签字:", c2=6), *[(r + 1, col, v, r2 + 1, c2)
                                                          for r, col, v, r2, c2 in _grouped_form()]]
    table = read_table(written(kind, tmp_path, [cells]))
    assert table.projects()[0].implementer in ("某市图书馆", "某县公路段")
    assert "签字" not in (table.units[0].name + (table.projects()[0].implementer or ""))


def _split_form(budget_label: str = "项目资金 (元)", sign: str = "═", remarks: bool = True) -> list:
    """The 云南 10-column form: budget block in 元 (年初预算数 left empty), split 指标性质 | 指标值 |
    度量单位, a closing 其他需要说明事项 line above the 总分 row."""
    rows = [c(0, 0, "项目名称"), c(0, 1, "学生营养改善计划", c2=9),
            c(1, 0, "主管部门"), c(1, 1, "某县教育体育局", c2=4), c(1, 5, "实施单位"), c(1, 6, "某县第一中学", c2=9),
            c(2, 0, budget_label, r2=4), c(2, 1, None, c2=2), c(2, 3, "年初预算数"), c(2, 4, "全年预算数"),
            c(2, 5, "全年执行数"), c(2, 6, "分值"), c(2, 7, "执行率"), c(2, 8, "得分", c2=9),
            c(3, 1, "年度资金总额", c2=2), c(3, 3, None), c(3, 4, "250000.50"), c(3, 5, "250000.50"), c(3, 6, 10),
            c(3, 7, "100%"), c(3, 8, 10, c2=9),
            c(4, 1, "其中:当年财政拨款", c2=2), c(4, 3, None), c(4, 4, "250000.50"), c(4, 5, "250000.50"),
            c(4, 6, "—"), c(4, 8, "—", c2=9),
            c(5, 0, "绩效指标", c2=2), c(5, 3, "年度指标值", c2=5), c(5, 6, "实际完成值", r2=6), c(5, 7, "分值", r2=6),
            c(5, 8, "得分", r2=6), c(5, 9, "偏差原因分析及改进措施", r2=6),
            c(6, 0, "一级指标"), c(6, 1, "二级指标"), c(6, 2, "三级指标"), c(6, 3, "指标性质"), c(6, 4, "指标值"),
            c(6, 5, "度量单位"),
            c(7, 0, "产出指标"), c(7, 1, "数量指标"), c(7, 2, "受助学生人数"), c(7, 3, "≧"), c(7, 4, 600),
            c(7, 5, "人"), c(7, 6, 600), c(7, 7, 45), c(7, 8, 45),
            c(8, 0, "效益指标"), c(8, 1, "社会效益指标"), c(8, 2, "政策知晓率"), c(8, 3, sign), c(8, 4, 100),
            c(8, 5, "%"), c(8, 6, "98%"), c(8, 7, 45), c(8, 8, 44.1)]
    if remarks:
        rows += [c(9, 0, "其他需要说明事项", c2=1), c(9, 2, "无", c2=9),
                 c(10, 0, "总分", c2=6), c(10, 7, 100), c(10, 8, 99.1), c(10, 9, "优")]
    else:
        rows += [c(9, 0, "总分", c2=6), c(9, 7, 100), c(9, 8, 99.1), c(9, 9, "优")]
    return rows


@pytest.mark.parametrize("kind", KINDS)
def test_budget_printed_in_yuan_is_read_in_wan(tmp_path, kind):
    """项目资金 (元): the budget block's bare amounts are 元 — read in 万元, the table says its source
    printed 元, and its 其中 lines (kept as printed) agree with the total (no PG-E10)."""
    table = read_table(written(kind, tmp_path, [_split_form()]))
    p = table.projects()[0]
    assert p.budget_initial is None
    assert p.budget_adjusted == p.budget_executed == Decimal("25.000050")
    assert table.source_unit == "元"
    assert p.extras["当年财政拨款/全年预算数"] == "250000.50"
    assert not [e for e in errors(table) if e.startswith(("PG-E10", "PG-E01"))]


@pytest.mark.parametrize("line", ["单位：元", "金额单位:元"])
def test_budget_under_a_unit_line_in_yuan(tmp_path, line):
    cells = [(r + 1, col, v, r2 + 1, c2) for r, col, v, r2, c2 in _split_form("项目资金")]
    table = read_table(written("xlsx", tmp_path, [[c(0, 0, line, c2=9), *cells]]))
    assert table.projects()[0].budget_adjusted == Decimal("25.000050")


@pytest.mark.parametrize("kind", KINDS)
def test_budget_in_wan_is_as_printed(tmp_path, kind):
    table = read_table(written(kind, tmp_path, [_split_form("项目资金 (万元)")]))
    assert table.projects()[0].budget_adjusted == Decimal("250000.50") and table.source_unit is None


@pytest.mark.parametrize("kind", KINDS)
def test_a_closing_remarks_line_is_no_indicator(tmp_path, kind):
    """其他需要说明事项 | 无 between the grid and its 总分: kept as an extra field, never an indicator
    (no PG-S03 / PG-S04 on it); the 总分 under it is still the claimed total."""
    table = read_table(written(kind, tmp_path, [_split_form()]))
    p = table.projects()[0]
    assert [i.name for i in p.indicators] == ["受助学生人数", "政策知晓率"]
    assert p.extras["其他需要说明事项"] == "无"
    assert p.total_score == 99.1
    assert not [e for e in errors(table) if e.startswith(("PG-S03", "PG-S04"))]


@pytest.mark.parametrize("kind", KINDS)
def test_a_closing_remarks_line_in_one_cell(tmp_path, kind):
    """其他需要说明事项：无 written in one cell merged across the form: no indicator either."""
    cells = [cell for cell in _split_form() if cell[0] != 9] + [c(9, 0, "其他需要说明事项：无", c2=9)]
    table = read_table(written(kind, tmp_path, [cells]))
    p = table.projects()[0]
    assert [i.name for i in p.indicators] == ["受助学生人数", "政策知晓率"]
    assert p.extras["其他需要说明事项"] == "无" and p.total_score == 99.1


@pytest.mark.parametrize("text", ["其他需要说明事项", "其他需说明的问题", "其它需要说明的事项：", "需要说明的其他问题",
                                  "其他说明", "其他需要说明事项：项目已按期完成"])
def test_remarks_labels(text):
    assert is_remarks_label(text)


@pytest.mark.parametrize("text", ["其他资金", "政策知晓率", "说明", "其他效益指标", "说明书发放数量", "备注：其他需要说明事项"])
def test_no_remarks_label(text):
    assert not is_remarks_label(text)


@pytest.mark.parametrize(("sign", "op"), [("═", "="), ("＝", "="), ("﹦", "="), ("≧", "≥"), ("≦", "≤"), ("⩾", "≥"),
                                          ("⩽", "≤"), ("＞", ">"), ("＜", "<"), ("≥", "≥"), ("≤", "≤")])
def test_look_alike_signs_are_operators(sign, op):
    """Signs printed with a look-alike character read as the operator they stand for."""
    assert is_operator_word(sign)
    value = parse_value(f"{sign}100%")
    assert (value.kind, value.operator, value.number, value.raw) == ("percent", op, 100, f"{sign}100%")


@pytest.mark.parametrize("kind", KINDS)
def test_a_look_alike_sign_in_the_split_value_column_is_scored(tmp_path, kind):
    """═ in the 指标性质 column: the target is =100%, so 98% earns 98 % of the 分值 and the claim
    44.1 agrees (not 'unreadable')."""
    table = read_table(written(kind, tmp_path, [_split_form()]))
    ind = table.projects()[0].indicators[1]
    assert ind.annual_value.raw == "═100%" and ind.annual_value.operator == "="
    checks = [check_claim(s) for ps in score_table(table) for s in ps.indicators]
    assert [ch.status for ch in checks if ch is not None] == ["agrees", "agrees"]


@given(st.sampled_from("═≧≦⩾⩽＝﹦＞＜≥≤"), st.integers(0, 10**6), st.sampled_from(["", "%", "人", "次"]))
def test_a_look_alike_sign_never_loses_the_raw(sign, number, unit):
    value = parse_value(f"{sign}{number}{unit}")
    assert value.raw == f"{sign}{number}{unit}" and value.number == number and value.operator is not None


@pytest.mark.parametrize("kind", KINDS)
def test_total_beside_its_grade(tmp_path, kind):
    """总分(100分) | 100 | 自评等级 | 优 with the 得分 column under the grade: the total is the number
    after the 总分 label, the grade an extra field."""
    cells = [*_grouped_form(), c(8, 0, "总分(100分)", c2=2), c(8, 3, 98), c(8, 4, "自评等级", c2=5), c(8, 6, "优")]
    p = read_table(written(kind, tmp_path, [cells])).projects()[0]
    assert p.total_score == 98
    assert p.extras.get("自评等级") == "优"
    assert "总分" not in p.extras


@pytest.mark.parametrize(("target", "actual", "points", "method"), [
    ("小于5次", "无上访", 10, "reverse"),
    ("≤2起", "全年未发生安全事故", 10, "reverse"),
    ("≤1次", "零投诉", 10, "reverse"),
    ("≥50人", "无人参加", 0, "positive"),
    ("≤1次", "无法统计", 0, "unreadable"),   # not a zero: unreadable as before
    ("≥50人", "无", 0, "missing"),            # a bare 无 is a cell left unfilled
    ("≥95%", "无上访", 0, "unreadable"),      # not a count target
])
def test_a_zero_count_in_words(target, actual, points, method):
    """An actual saying nothing happened (无…, 未发生, 零…) is the count 0 for a count target."""
    r = score_value(parse_value(target), parse_value(actual), 10)
    assert (r.points, r.method) == (points, method)


def test_no_printed_weight_puts_an_unreadable_claim_in_the_no_weight_category(tmp_path):
    """No 分值 column: a claim whose actual has no readable grade is not comparable for want of a
    分值 (the category 表上没有分值), not an error of the reading."""
    cells = [*_head(),
             c(2, 0, "年度绩效目标(80分)", r2=4), c(2, 1, "一级指标"), c(2, 2, "二级指标"), c(2, 3, "三级指标"),
             c(2, 4, "年初目标值(A)"), c(2, 5, "实际完成值(B)"), c(2, 6, "得分"),
             c(3, 1, "产出指标(40分)"), c(3, 2, "时效指标"), c(3, 3, "服务时长"), c(3, 4, "全天候可用"),
             c(3, 5, "全天候"), c(3, 6, 40),
             c(4, 1, "效益指标(40分)"), c(4, 2, "社会效益指标"), c(4, 3, "群众出行条件"), c(4, 4, "明显改善"),
             c(4, 5, "明显改善"), c(4, 6, 40)]
    table = read_table(written("xlsx", tmp_path, [cells]))
    checks = {s.indicator.name: check_claim(s) for ps in score_table(table) for s in ps.indicators}
    assert (checks["服务时长"].status, checks["服务时长"].why) == ("not_comparable", "weight")


@pytest.mark.parametrize(("header", "field"), [("分值权重", "weight"), ("指标分值权重", "weight"),
                                               ("指标实际完成值", "actual_value"), ("权重分值", "weight"),
                                               # template spellings of other provinces' 自评表
                                               ("权重分", "weight"),
                                               ("实际执行值", "actual_value"), ("指标完成值", "actual_value"),
                                               ("目标完成值", "actual_value"),
                                               ("存在问题及改进措施", "deviation_reason"),
                                               ("问题及改进措施", "deviation_reason"), ("评分细则", "extra"),
                                               ("评价标准", "extra")])
def test_weight_and_actual_header_spellings(header, field):
    assert field_of(header) == field


@pytest.mark.parametrize("kind", KINDS)
def test_budget_block_weight_under_its_spelling(tmp_path, kind):
    """资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 分值权重 | 执行率 | 得分: the 分值权重 is the weight."""
    cells = [*_head(),
             c(2, 0, "项目资金(万元)", r2=3), c(2, 1, "资金来源"), c(2, 2, "年初预算数"), c(2, 3, "全年预算数"),
             c(2, 4, "全年执行数"), c(2, 5, "分值权重"), c(2, 6, "执行率"), c(2, 7, "得分"),
             c(3, 1, "年度资金总额"), c(3, 2, "5.28"), c(3, 3, "1.96"), c(3, 4, "1.96"), c(3, 5, 10), c(3, 6, "100.00%"),
             c(3, 7, 10)]
    cells += [c(4, 0, "一级指标"), c(4, 1, "二级指标"), c(4, 2, "三级指标"), c(4, 3, "指标值"), c(4, 4, "指标分值权重"),
              c(4, 5, "指标实际完成值"), c(4, 6, "指标得分"),
              c(5, 0, "产出指标"), c(5, 1, "数量指标"), c(5, 2, "调查户数"), c(5, 3, "≥120户"), c(5, 4, 90),
              c(5, 5, "120户"), c(5, 6, 90)]
    p = read_table(written(kind, tmp_path, [cells])).projects()[0]
    assert p.budget_block.get("weight") == "10"
    assert [(i.name, i.weight, i.actual_value.raw, i.score) for i in p.indicators] == [("调查户数", 90, "120户", 90)]


@given(st.text(max_size=80), st.sampled_from(["小于5次", "≤2起", "≥50人", "≥95%", "按时完成"]))
def test_a_zero_count_only_ever_reads_as_zero(actual, target):
    """Any actual: full marks or none, and only for a count target whose actual holds no digit."""
    r = score_value(parse_value(target), parse_value(actual), 10)
    assert 0 <= r.points <= 10
    if r.method in ("positive", "reverse") and not any(ch.isdigit() for ch in actual):
        assert parse_value(target).unit in ("次", "起", "人") and r.points in (0, 10)


@given(st.text(max_size=200))
def test_remarks_label_on_any_text(text):
    assert is_remarks_label(text) in (True, False)


def _group_score_form(group_score: float, total: float) -> list:
    """分值 printed per indicator (20, 20) but one 得分 merged over the two rows: the group's score."""
    return [*_head(),
            c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "年度指标值"),
            c(2, 4, "实际完成值"), c(2, 5, "分值"), c(2, 6, "得分"),
            c(3, 0, "产出指标", r2=5), c(3, 1, "数量指标", r2=4), c(3, 2, "养护里程"), c(3, 3, "≥120公里"),
            c(3, 4, "126公里"), c(3, 5, 20), c(3, 6, group_score, r2=4),
            c(4, 2, "桥梁检查座数"), c(4, 3, "≥15座"), c(4, 4, "12座"), c(4, 5, 20),
            c(5, 1, "质量指标"), c(5, 2, "路况优良率"), c(5, 3, "≥80%"), c(5, 4, "85%"), c(5, 5, 30), c(5, 6, 30),
            c(6, 0, "满意度指标"), c(6, 1, "服务对象满意度指标"), c(6, 2, "群众满意度"), c(6, 3, "≥90%"),
            c(6, 4, "95%"), c(6, 5, 30), c(6, 6, 30),
            c(7, 0, "总分", c2=4), c(7, 5, 100), c(7, 6, total)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_merged_score_is_the_groups_claim(tmp_path, kind):
    """One 得分 36 merged over two indicators of 分值 20 each (20 + 12/15 × 20 = 36): it agrees with
    the group, not with the first indicator alone (no PG-E06); the 总分 counts it once (no PG-E09)."""
    table = read_table(written(kind, tmp_path, [_group_score_form(36, 96)]))
    assert [i.score for i in table.projects()[0].indicators] == [36, None, 30, 30]
    found = errors(table)
    assert not [e for e in found if e.startswith(("PG-E06", "PG-E08", "PG-E09"))], found
    checks = [check_claim(s, group=shared_scores(ps.indicators).get(id(s), ()))
              for ps in score_table(table) for s in ps.indicators]
    assert [ch.status if ch else None for ch in checks] == ["agrees", None, "agrees", "agrees"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_merged_score_above_its_group_is_reported_once(tmp_path, kind):
    """The group's claim 40 is above what its two indicators earn (36): one PG-E06, naming the group;
    a 总分 adding the merged score twice is a PG-E09."""
    found = errors(read_table(written(kind, tmp_path, [_group_score_form(40, 140)])))
    e06 = [e for e in found if e.startswith("PG-E06")]
    assert len(e06) == 1 and "共用一个得分" in e06[0] and "36.00" in e06[0]
    assert [e for e in found if e.startswith("PG-E09")]


def test_shared_groups_need_the_same_cell():
    """Rows without a 得分 of their own in a cell apart (JSON, a blank cell) share nothing."""
    from perfgoals_xl.model import Indicator, Location

    def ind(score, cell):
        i = Indicator(seq=1, level1_code=None, level1="产出指标", level2_code=None, level2="数量指标", name="x",
                      period_value=parse_value("1"), annual_value=parse_value("1"), score=score)
        if cell:
            i.field_locations["score"] = Location(file="f", sheet="s", cell=cell)
        return i

    assert shared_groups([ind(10, "G4"), ind(None, "G4"), ind(None, "G4"), ind(5, "G7")]) == [[0, 1, 2]]
    assert shared_groups([ind(10, "G4"), ind(None, "G5")]) == []
    assert shared_groups([ind(10, None), ind(None, None)]) == []


def test_a_label_whose_value_is_another_label_is_blank():
    """主管部门(盖章): 单位:万元 — the department was left blank; 单位:万元 is the next label, never the name."""
    assert inline_label_value("主管部门(盖章): 单位:万元") == ("主管部门(盖章)", "")
    assert inline_label_value("项目名称：主管部门：某县交通运输局") == ("项目名称", "")


@pytest.mark.parametrize("kind", ["xlsx", "html"])
def test_a_blank_department_line_above_the_form_does_not_name_it(tmp_path, kind):
    cells = [c(0, 0, "主管部门(盖章): 单位:万元", c2=6), *[(r + 1, col, v, r2 + 1, c2)
                                                   for r, col, v, r2, c2 in _grouped_form()]]
    table = read_table(written(kind, tmp_path, [cells]))
    assert table.department == "某县交通运输局"
    assert table.projects()[0].department in (None, "某县交通运输局")


@pytest.mark.parametrize("kind", ["xlsx", "html"])
def test_a_level_cell_printing_only_its_weight_is_an_empty_level(tmp_path, kind):
    """产出指标(40分) printed as (40分) alone (the name lost): the level is empty with its weight, never
    a level named “(40分)”; the rules say the level is empty."""
    cells = [(r, col, "(40分)" if v == "产出指标(40分)" else v, r2, c2) for r, col, v, r2, c2 in _grouped_form()]
    table = read_table(written(kind, tmp_path, [cells]))
    inds = table.projects()[0].indicators
    assert [(i.level1, i.level1_weight) for i in inds[:3]] == [("", 40.0)] * 3
    assert inds[3].level1 == "效益指标"
    assert not any("(40分)" in e for e in errors(table))


@pytest.mark.parametrize("kind", KINDS)
def test_a_selfeval_grid_under_other_provinces_spellings(tmp_path, kind):
    """年度指标值 | 指标完成值 | 权重分 | 得分 | 存在问题及改进措施: the actual, weight, score and reason columns."""
    cells = [*_head(),
             c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "年度指标值"), c(2, 4, "指标完成值"),
             c(2, 5, "权重分"), c(2, 6, "得分"), c(2, 7, "存在问题及改进措施"),
             c(3, 0, "产出指标"), c(3, 1, "数量指标"), c(3, 2, "调查户数"), c(3, 3, "≥120户"), c(3, 4, "110户"),
             c(3, 5, 20), c(3, 6, 18), c(3, 7, "部分农户外出务工，下年补查")]
    p = read_table(written(kind, tmp_path, [cells])).projects()[0]
    assert [(i.name, i.actual_value.raw, i.weight, i.score, i.deviation_reason) for i in p.indicators] == [
        ("调查户数", "110户", 20, 18, "部分农户外出务工，下年补查")]
