"""Hostile text must cost linear time: every parser timed on adversarial inputs of growing size.

Each case builds an input of size n and 4n that drove a regex into quadratic (or worse)
backtracking before (issue #13, class 1), times the parser (median of a few runs) and
asserts that the time grows like the size: a ratio, never an absolute time (the fastest
of a few runs, the smaller time floored at 5 ms so that noise on tiny times cannot fail it). Linear code
gives about 4; the quadratic code these cases caught gave 16 or more.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from timing import best_seconds

from perfgoals_xl import grammar
from perfgoals_xl.errors import InputError
from perfgoals_xl.excel.udfs import _CODE_NAME
from perfgoals_xl.rules import check_table
from perfgoals_xl.rules.consistency import _YEAR_RANGE
from perfgoals_xl.rules.facts import base_name
from perfgoals_xl.scoring.compound import match_actual, split_target
from perfgoals_xl.scoring.grades import grade_of
from perfgoals_xl.scoring.indicator import comparative_band, direction_band
from perfgoals_xl.sources import row_kinds
from perfgoals_xl.sources.containers.html_frames import frame_addresses
from perfgoals_xl.sources.department import read_department_grids
from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.grid_split import band_starts
from perfgoals_xl.sources.page_chrome import is_page_info
from perfgoals_xl.sources.published_rows import amounts_only, split_amounts
from perfgoals_xl.sources.published_text import parse_published_text
from perfgoals_xl.sources.sheet_xml import scan_part
from perfgoals_xl.sources.vocabulary import (
    DEPARTMENT_LINE,
    department_label_of,
    may_hold_values,
    names_units_and_projects,
    year_line,
)
from perfgoals_xl.values import is_spreadsheet_error, parse_value

HEADER = "项目支出绩效目标表（含转移支付项目）\n部门名称：某局 单位：万元\n某单位 10.00 10.00\n"
BLOCK_HEADER = "项目支出绩效目标表（含转移支付项目）\n\n部门名称：某局\n\n总计\n\n财政拨款\n\n绩效指标\n\n"
N = 20000




def _published(body: str) -> None:
    try:
        parse_published_text(HEADER + "    项目甲 10.00 10.00\n" + body + "\n")
    except InputError:
        pass


def _one_year_goal(goal: str) -> None:
    """A project with this goal and one indicator whose two values differ (PG-K02 asks whether the
    project runs over several years: its name, goal and term are searched)."""
    table = parse_published_text(HEADER + "    项目甲 10.00 10.00\n" + goal + "\n"
                                 "1、产出指标；数量指标；培训人数；实施周期指标值:40台；年度指标值:20台。\n")
    check_table(table)


def _check_published(body: str) -> None:
    table = parse_published_text(HEADER + "    项目甲 10.00 10.00\n目标。\n" + body + "\n")
    check_table(table)


#: name → (make input of size n, parse it)
CASES: dict[str, tuple[Callable[[int], str], Callable[[str], object]]] = {
    "item head, spaces after 、": (lambda n: "1、" + " " * n + "x", grammar.parse),
    "item head, spaces in the name": (lambda n: "1、产出指标；数量指标；" + " " * n + "x", grammar.parse),
    "period value, spaces": (lambda n: "1、产出指标；数量指标；名；实施周期指标值:" + " " * n + "x", grammar.parse),
    "many heads without annual value": (
        lambda n: "1、产出指标；数量指标；名；实施周期指标值:1；" * (n // 20), grammar.parse),
    "embedded items without separator": (lambda n: "1、a；b；c；实施周期指标值:1；年度指标值:" + "。1、" * (n // 3),
                                         grammar.parse),
    "long item number runs": (lambda n: "1" * n + "、", grammar.parse),
    "level code dots": (lambda n: "1.1-" * (n // 4), grammar.parse),
    "published: a line of amounts": (lambda n: "    项目乙 " + "1.00 " * (n // 5), _published),
    "published: amounts without spaces": (lambda n: "    项目乙 " + "1.1" * (n // 3) + "x", _published),
    "published: department line spaces": (lambda n: "部门名称：a" + " " * n + "b", _published),
    "published: digits in the goal of a one-year project": (lambda n: "目标" + "1" * n + "。", lambda s: _one_year_goal(s)),
    "published: indicator paragraph spaces": (lambda n: "1、" + " " * n + "x", _check_published),
    "published blocks: a line of digits": (lambda n: "    项目乙\n\n" + "3" * n, lambda s: _blocks(s)),
    "published blocks: digits between cells": (lambda n: "    项目乙\n\n甲 " + "3" * n + " 乙", lambda s: _blocks(s)),
    "published blocks: inner item spaces": (
        lambda n: "    项目乙\n\n" + "甲" + " " * n + "x 1、" * 3, lambda s: _blocks(s)),
    "value: date with spaces": (lambda n: "2023年12月" + " " * n + "x", parse_value),
    "value: digits": (lambda n: "≥" + "1" * n + "x", parse_value),
    "name with trailing % runs": (lambda n: "%" * n + "x", base_name),
    "name ending in % runs": (lambda n: "x" + "%" * n, base_name),
    "department cell spaces": (lambda n: "部门名称：a" + " " * n + "b\t", DEPARTMENT_LINE.match),
    "department line 部门： spaces": (lambda n: "部门：505_a" + " " * n + "b\t", DEPARTMENT_LINE.match),
    "unit and project header": (lambda n: "单位(" * (n // 2) + "x", names_units_and_projects),
    "code-name cell spaces": (lambda n: "1-a" + " " * n + "b\t", _CODE_NAME.match),
    "year range spaces": (lambda n: "2023" + " " * n + "x", _YEAR_RANGE.search),
    "split amounts": (lambda n: "x " + "1.00 " * (n // 5) + "y 1.00", split_amounts),
    "amount after its fund": (lambda n: "资" * n + "资金(" + "x" * n + ")1", row_kinds.split_amount),
    "amounts only": (lambda n: "1.001.00" * (n // 8), amounts_only),
    "year line spaces": (lambda n: "（2024" + " " * n + "年度）", year_line),
    "year line title": (lambda n: "自评表" * (n // 3) + "(2024年度)", year_line),
    "direction band": (lambda n: "增" * n, lambda s: direction_band("超上年度" + s, "增收" + s + "1万元")),
    "degree words": (lambda n: "较" * n + "高", lambda s: grade_of("效果" + s, "程度" + s)),
    "comparative degrees": (lambda n: "明显" * (n // 2) + "改善", lambda s: comparative_band(s, "改善" + s)),
    "compound target": (lambda n: "签约率提高1%X" * (n // 8), split_target),
    "compound actual": (lambda n: "签约率" * (n // 3) + "体检率提高1%",
                        lambda s: match_actual(split_target("签约率提高1%X体检率提高2%") or [], s)),
    # a department table's line of label：value pairs (联系人：张三　联系电话：…) split where a label follows blanks
    "department pairs, blanks": (lambda n: "联系人：张三" + " " * n + "x", lambda s: _department_line(s)),
    "department pairs, tabs and ideographic blanks": (lambda n: "联系人：张三" + "\u3000\t" * (n // 2) + "电话",
                                                      lambda s: _department_line(s)),
    "department pairs, many labels": (lambda n: "联系人：张三" + " 电话：1" * (n // 5), lambda s: _department_line(s)),
    # sign-off lines under a table (经办人及联系电话：…, 上报时间：…), many labels or blanks in one line
    "sign-off labels": (lambda n: "经办人及联系电话:" * (n // 9) + "x", row_kinds.footer_fields),
    "sign-off blanks": (lambda n: "经办人" + " " * n + "上报时间", row_kinds.is_footer_label),
    "department labels": (lambda n: "本年度部门整体支出" * (n // 9) + "绩效目标", department_label_of),
    "column numbers": (lambda n: ["（1"] * (n // 2), row_kinds.is_column_numbers),
    "value headers": (lambda n: ["实际" * (n // 2) + "x"] * 4, may_hold_values),
    "section heading": (
        lambda n: "指标" * (n // 2) + "表", lambda s: band_starts(
            [["项目名称", "甲"], ["资金", "1"], ["目标", "乙"], ["", ""], [s, ""], ["一级指标", "二级指标"], ["产", "数"]])),
    "typeset minus signs": (lambda n: "≤" + "\u2212" * n + "5%", parse_value),
    # a saved page's frames (containers/html_frames.py): unclosed tags, and many distinct addresses
    "frame tags unclosed": (lambda n: "<iframe " * (n // 8) + "<link id=shlink" * (n // 15), frame_addresses),
    "frame addresses, all distinct": (lambda n: "".join(f'<iframe src="f{k}.html">' for k in range(n // 20)),
                                      frame_addresses),
    # a sheet's XML (sources/sheet_xml.py): cells and row tags unclosed, error cells without a formula
    "sheet XML, cells unclosed": (lambda n: "<c t=\"e\"" * (n // 8) + " hidden=\"1\"", lambda s: _sheet_xml(s)),
    "sheet XML, error cells": (lambda n: '<row r="1">' + '<c r="A1" t="e"><v>#NAME?</v></c>' * (n // 30) + "</row>",
                               lambda s: _sheet_xml(s)),
    "page chrome, footer links": (lambda n: "关于我们" + " " * n + "x", is_page_info),
    "spreadsheet error values": (lambda n: "#NAME?" * (n // 6), is_spreadsheet_error),
}


def _sheet_xml(xml: str) -> None:
    """A sheet part of this XML scanned (sources/sheet_xml.py), in memory."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("s.xml", xml)
    with zipfile.ZipFile(buffer) as zf:
        scan_part(zf, "s.xml")


def _department_line(line: str) -> None:
    """A department table with this line above its grid, read."""
    rows: list[list[object]] = [["部门名称", "某局"], ["年度绩效总目标", "保障运转"], [line],
                                ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "甲", "1个"]]
    read_department_grids([Grid(sheet="Sheet1", rows=rows)], source="x.xlsx")


def _blocks(body: str) -> None:
    try:
        parse_published_text(BLOCK_HEADER + body + "\n")
    except InputError:
        pass


@pytest.mark.parametrize("name", list(CASES))
def test_parsers_are_linear_on_adversarial_input(name: str) -> None:
    make, parse = CASES[name]
    small, large = make(N), make(4 * N)
    parse(small)  # warm caches and imports
    ratios = []
    for _ in range(3):  # a busy machine may disturb one measurement: the best of three
        t_small = max(best_seconds(lambda: parse(small)), 5e-3)
        t_large = best_seconds(lambda: parse(large))
        ratios.append(t_large / t_small)
        if ratios[-1] < 9:
            break
    # linear: ~4; quadratic: ~16. Generous for noise on a shared machine.
    assert min(ratios) < 9, f"{name}: time grew {min(ratios):.1f}× for 4× the input"


def test_item_number_then_level_code_parses() -> None:
    text = "1.1-产出指标；11-数量指标；培训人数；实施周期指标值:100人；年度指标值:100人。"
    result = grammar.parse(text)
    assert result.ok, result.problems
    item = result.items[0]
    assert (item.seq, item.level1_code, item.level1, item.level2_code) == (1, "1", "产出指标", "11")
    assert grammar.compose(result) == text


def test_decimal_is_not_an_item_number() -> None:
    # "1.5" is a number, not item 1 followed by "5": no head is found there
    result = grammar.parse("1.5产出指标；数量指标；名；实施周期指标值:1；年度指标值:1。")
    assert not result.items and result.problems[0].code == "S01"


def test_large_item_numbers_are_reported_not_wrapped() -> None:
    text = "10000、产出指标；数量指标；培训人数；实施周期指标值:1；年度指标值:1。"
    result = grammar.parse(text)
    assert [i.seq for i in result.items] == [10000]
    assert [p.code for p in result.problems] == ["S01"] and "10000" in result.problems[0].message
    assert grammar.compose(result) == text
    # more digits than any item number: not an item at all, reported as unreadable
    huge = "9" * 400 + "、产出指标；数量指标；名；实施周期指标值:1；年度指标值:1。"
    result = grammar.parse(huge)
    assert not result.items and result.problems[0].code == "S01"


def test_name_spaces_stay_in_the_spelling() -> None:
    text = "1、产出指标；数量指标；培训人数  ；实施周期指标值:1；年度指标值:1。"
    result = grammar.parse(text)
    assert result.items[0].name == "培训人数"
    assert grammar.compose(result) == text


_ALPHABET = st.sampled_from(list("1234567890、．.；;。:：- \n\t实施周期年度指标值产出数量甲%≥") + ["实施周期指标值:", "年度指标值:",
                                                                                   "1、产出指标；数量指标；"])


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_fuzz_grammar_never_raises_and_round_trips(text: str) -> None:
    result = grammar.parse(text)
    for item in result.items:
        assert item.seq is not None and 0 <= item.seq < 10 ** 9
    if result.ok and result.items:
        assert grammar.compose(result) == text.replace("\r", "").replace("\n", "")


@settings(max_examples=150, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["    项目甲 ", "1.00 ", "12.50", "合计", "\n", "1、产出指标；数量指标；名；",
                                 "实施周期指标值:1；年度指标值:1。", "部门名称：", " ", "x", "9" * 30 + ".00",
                                 "（续）", "\n\n", "绩效指标\n"]), max_size=40).map("".join))
def test_fuzz_published_text_reads_or_refuses(body: str) -> None:
    try:
        table = parse_published_text(HEADER + body)
    except InputError:
        return
    check_table(table)  # whatever was read can be checked without an exception


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_year_line_is_a_part_of_the_cell_or_none(text: str) -> None:
    """The year line read from a title cell is printed there, ends it, and names a year."""
    year = year_line(text)
    if year is not None:
        assert text.strip().endswith(year) and "年" in year and any(ch.isdigit() for ch in year)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60), st.text(max_size=60))
def test_direction_band_is_reached_or_nothing(target: str, actual: str) -> None:
    """A change target met with its amount is 达成; anything else is not judged by direction."""
    assert direction_band(target, actual) in (None, "达成")
