"""The indicator grammar: parse ⇄ compose, exact, tolerant, never raising."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from perfgoals_xl.grammar import compose, parse, starts_with_item

SEED_CELL = (
    "1、2-效益指标；21-经济效益；经济协作走访调研、宣传推广、举办活\n动次数；实施周期指标值:24；年度指标值:24。"
    "2、1-产出指标；12-质\n量指标；符合公务接待工作标准化规程；实施周期指标值:符合；年度\n指标值:符合。"
)


def test_parses_official_items_with_every_field():
    result = parse(SEED_CELL)
    assert result.ok
    first, second = result.items
    assert (first.seq, first.level1_code, first.level1, first.level2_code, first.level2) == (1, "2", "效益指标", "21", "经济效益")
    assert first.name == "经济协作走访调研、宣传推广、举办活动次数"
    assert (first.period_value.raw, first.annual_value.raw) == ("24", "24")
    assert second.level2 == "质量指标" and second.annual_value.raw == "符合"
    assert result.line_breaks_removed == 3


def test_line_breaks_are_removed_and_compose_is_exact():
    assert compose(parse(SEED_CELL)) == SEED_CELL.replace("\n", "")


def test_tolerates_half_width_missing_end_and_absent_codes_and_suffix():
    text = "1.产出；数量；培训人数;实施周期值：≥100人;年度值：≥50人"
    result = parse(text)
    assert result.ok, result.problems
    (item,) = result.items
    assert item.level1_code is None and item.level1 == "产出" and item.level2 == "数量"
    assert item.annual_value.operator == "≥" and item.annual_value.number == 50
    assert item.annual_value.unit == "人"
    assert compose(result) == text


def test_value_with_final_full_stop_and_enumeration_commas():
    text = (
        "1、1-产出指标；12-质量指标；服从管理、完成工作任务；实施周期指标值:遵守安全生产、劳动纪律，完成任务。；"
        "年度指标值:遵守安全生产、劳动纪律，完成任务。2、2-效益指标；24-可持续影响；服务人员稳定；"
        "实施周期指标值:稳定；年度指标值:稳定。"
    )
    result = parse(text)
    assert result.ok
    assert result.items[0].period_value.raw == "遵守安全生产、劳动纪律，完成任务。"
    assert result.items[0].annual_value.raw == "遵守安全生产、劳动纪律，完成任务。"
    assert result.items[1].seq == 2
    assert compose(result) == text


def test_malformed_item_is_a_problem_and_neighbours_are_kept():
    text = (
        "1、1-产出指标；11-数量指标；报告数量；实施周期指标值:12；年度指标值:12。"
        "2、1-产出指标；11-数量指标；缺少标签的指标；12。"
        "3、3-满意度指标；31-服务对象满意度；满意度；实施周期指标值:95%；年度指标值:95%。"
    )
    result = parse(text)
    assert [i.seq for i in result.items] == [1, 3]
    (problem,) = result.problems
    assert problem.code == "S01"
    assert problem.raw == "2、1-产出指标；11-数量指标；缺少标签的指标；12。"
    assert problem.offset == text.index("2、1-产出")
    assert result.items[0].annual_value.raw == "12"


def test_garbage_and_empty_input_never_raise():
    assert parse("").items == [] and parse(None).ok
    result = parse("这不是指标")
    assert not result.items and result.problems[0].raw == "这不是指标"
    assert starts_with_item("1、1-产出指标；11-数量指标；a；实施周期指标值:1；年度指标值:1。")
    assert not starts_with_item("1、完成任务。")


def test_problem_offsets_point_into_the_original_text_with_line_breaks():
    text = "1、1-产出指标；11-数量指标；a；实施周期指标值:1；年度指标值:1。\n\n2、坏的\n；文字"
    result = parse(text)
    assert result.problems[0].offset == text.index("2、坏")
    assert result.problems[0].raw == "2、坏的；文字"


@pytest.mark.parametrize("text", [
    "1、1-产出指标；11-数量指标；报送调研报告数量；年度指标值:12。2、3-满意度指标；31-服务对象满意度；满意度；年度指标值:≥95%。",
    "1、1-产出指标；11-数量指标；报送调研报告数量；指标值:12。",
    "1、1-产出指标；11-数量指标；报送调研报告数量；目标值：12。",
    "1、产出指标；数量指标；报送调研报告数量；年度目标值:12",
])
def test_an_item_printing_one_value_reads_it_as_both(text):
    """Budget systems that ask for no term value print one label (年度指标值, 指标值, 目标值): its value is
    both values (no false PG-S01 / PG-S05); composing writes the item as printed."""
    result = parse(text)
    assert result.ok and result.items
    assert result.items[0].name == "报送调研报告数量"
    assert (result.items[0].period_value.raw, result.items[0].annual_value.raw) == ("12", "12")
    assert compose(result) == text


def test_term_labels_as_budget_systems_print_them():
    text = "1、1-产出指标；11-数量指标；培训人次；中期指标值:600人次；年度指标值:200人次。" \
           "2、1-产出指标；12-质量指标；合格率；实施期目标值:100%；年度目标值:≥98%。"
    result = parse(text)
    assert [(i.period_value.raw, i.annual_value.raw) for i in result.items] == [("600人次", "200人次"), ("100%", "≥98%")]
    assert compose(result) == text


def test_a_one_value_item_given_a_term_value_of_its_own_is_written_with_both_labels():
    item = parse("1、1-产出指标；11-数量指标；报送调研报告数量；年度指标值:12。").items[0]
    item.period_value = parse("1、a；b；c；实施周期指标值:36；年度指标值:0。").items[0].period_value
    assert compose([item]) == "1、1-产出指标；11-数量指标；报送调研报告数量；实施周期指标值:36；年度指标值:12。"


def test_a_term_label_inside_a_value_never_swallows_the_next_item():
    text = "1、1-产出指标；11-数量指标；a；实施周期指标值:1。2、1-产出指标；11-数量指标；b；实施周期指标值:2；年度指标值:2。"
    result = parse(text)
    assert [i.name for i in result.items] == ["b"] and len(result.problems) == 1


# ---- property tests -------------------------------------------------------------------------

_CJK = "产出效益满意度数量质量时效成本社会经济报告培训完成服务对象人次率系统运维设备安全"
_name_text = st.text(alphabet=_CJK + "ABCxyz()（）-", min_size=1, max_size=20)
_value_text = st.text(alphabet=_CJK + "0123456789%.、，;。≥≤ 件人次个", min_size=0, max_size=30)


@st.composite
def items(draw, last: bool):
    seq = draw(st.integers(min_value=1, max_value=300))
    seq_sep = draw(st.sampled_from(["、", "．"]))
    def level():
        code = draw(st.one_of(st.none(), st.integers(1, 99).map(str)))
        name = draw(_name_text.filter(lambda s: not s[0].isdigit() and s[0] not in "-"))
        dash = draw(st.sampled_from(["-", "－"])) if code else ""
        return f"{code}{dash}{name}" if code else name
    sep = lambda: draw(st.sampled_from(["；", ";"]))  # noqa: E731
    name = draw(st.text(alphabet=_CJK + "0123456789、，。%", min_size=1, max_size=25))
    pv = draw(_value_text)
    av = draw(_value_text)
    for v in (pv, av, name):
        assume(not re.search(r"\d\s*(?:、|．|\.(?!\d))", v))
        assume(v == v.strip())
    colon = lambda: draw(st.sampled_from([":", "："]))  # noqa: E731
    plabel = draw(st.sampled_from(["实施周期指标值", "实施周期值", "中期指标值", "实施期目标值", None]))
    labels = ["年度指标值", "年度值", "年度目标值"] + (["指标值", "目标值"] if plabel is None else [])
    alabel = draw(st.sampled_from(labels)) + colon()
    term = f"{plabel}{colon()}{pv}{sep()}" if plabel else ""  # (one value only: 年度指标值:12。)
    end = draw(st.sampled_from(["。", ""])) if last else "。"
    return f"{seq}{seq_sep}{level()}{sep()}{level()}{sep()}{name}{sep()}{term}{alabel}{av}{end}"


@st.composite
def cells(draw):
    n = draw(st.integers(min_value=1, max_value=6))
    return "".join(draw(items(last=(i == n - 1))) for i in range(n))


@settings(max_examples=400, deadline=None)
@given(cells())
def test_compose_parse_is_exact_for_generated_cells(text):
    result = parse(text)
    assert result.ok, (text, result.problems)
    assert compose(result) == text


@settings(max_examples=200, deadline=None)
@given(cells(), st.data())
def test_line_breaks_anywhere_do_not_change_the_items(text, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=5)))
    broken = "".join(text[a:b] + "\n" for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True))
    assert parse(broken).items == parse(text).items
    assert compose(parse(broken)) == text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parser_never_raises_on_arbitrary_text(text):
    result = parse(text)
    for problem in result.problems:
        assert problem.code == "S01" and problem.offset is not None


def test_items_one_per_line_without_final_full_stop_keep_their_values():
    text = ("1、1-产出指标；11-数量指标；报送调研报告数量；实施周期指标值:12；年度指标值:12\n"
            "2、3-满意度指标；31-服务对象满意度；满意度；实施周期指标值:95%；年度指标值:95%")
    result = parse(text)
    assert result.ok
    assert [(i.seq, i.annual_value.raw) for i in result.items] == [(1, "12"), (2, "95%")]


def test_items_ended_by_a_semicolon():
    text = ("1、1-产出指标；12-质量指标；合格率；实施周期指标值:100%；年度指标值:100%；"
            "2、1-产出指标；11-数量指标；数量；实施周期指标值:12；年度指标值:12；")
    result = parse(text)
    assert [(i.annual_value.raw, i.annual_value.kind) for i in result.items] == [("100%", "percent"), ("12", "number")]
    assert compose(result) == text


def test_offsets_map_back_linearly_through_many_line_breaks():
    item = "1、1-产出指标；11-数量指标；报告\n数量；实施周期指标值:12；年度指标值:12。\n"
    text = item * 3000
    result = parse(text)
    assert len(result.items) == 3000
    assert result.offsets[-1] == text.rindex("1、1-产出")
