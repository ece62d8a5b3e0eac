"""Worksheet functions: results, readable messages for empty and bad input, and the VBA
wrappers xlwings' own generator writes for them (matching the declared signatures)."""

from __future__ import annotations

import inspect
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.excel import udfs
from perfgoals_xl.excel.wrappers import function_descriptions, wrapper_code
from perfgoals_xl.framework import LEVEL1
from perfgoals_xl.grammar import compose, parse

ITEM = "1、1-产出指标；11-数量指标；报送调研报告数量；实施周期指标值:12；年度指标值:12。"
TWO = ITEM + "2、3-满意度指标；31-服务对象满意度；省市领导满意度；实施周期指标值:≥95%；年度指标值:≥95%。"


def test_parse_spills_a_header_and_one_row_per_item():
    rows = udfs.PG_PARSE(TWO)
    assert rows[0] == udfs.PARSE_HEADER
    assert rows[1] == [1, "1", "产出指标", "11", "数量指标", "报送调研报告数量", "12", "12"]
    assert rows[2][5:] == ["省市领导满意度", "≥95%", "≥95%"]
    assert len(rows) == 3


def test_parse_of_the_seed_project(seed_table):
    project = seed_table.projects()[0]
    text = compose(project.indicators)
    rows = udfs.PG_PARSE(text)
    assert len(rows) == len(project.indicators) + 1
    assert [r[5] for r in rows[1:]] == [i.name for i in project.indicators]


def test_parse_keeps_unparseable_parts_as_rows():
    rows = udfs.PG_PARSE(ITEM + "2、这不是指标；缺少指标值。")
    assert rows[-1][0] == udfs.UNPARSED and "这不是指标" in rows[-1][5]


@pytest.mark.parametrize("bad", [None, "", "   ", 0.0])
def test_empty_input_gives_a_message(bad):
    for function in (udfs.PG_PARSE, udfs.PG_CHECK):
        result = function(bad) if bad != 0.0 else function("")
        assert isinstance(result, str) and result.startswith("（空）")
    assert udfs.PG_VALUE(None).startswith("（空）")
    assert udfs.PG_LEVEL2(None).startswith("（空）")
    assert udfs.PG_COMPOSE(None).startswith("（空）")
    assert udfs.PG_COMPOSE([[None, None], [None, None]]).startswith("（空）")


def test_text_without_items_gives_a_message():
    assert udfs.PG_PARSE("随便一段话").startswith(udfs.UNPARSED)


def test_compose_of_parse_round_trips_official_strings():
    assert udfs.PG_COMPOSE(udfs.PG_PARSE(TWO)) == TWO


def test_compose_from_five_columns_fills_codes_and_renumbers():
    rows = [["产出指标", "数量", "报告数", 12.0, "12篇"], ["效益指标", "社会效益", "影响", "好", "好"]]
    assert udfs.PG_COMPOSE(rows) == (
        "1、1-产出指标；11-数量；报告数；实施周期指标值:12；年度指标值:12篇。"
        "2、2-效益指标；22-社会效益；影响；实施周期指标值:好；年度指标值:好。"
    )


def test_compose_with_a_header_in_any_order():
    rows = [["三级指标", "一级指标", "二级指标", "年度指标值", "实施周期指标值"],
            ["报告数", "1-产出指标", "11-数量指标", "12", "24"]]
    assert udfs.PG_COMPOSE(rows) == "1、1-产出指标；11-数量指标；报告数；实施周期指标值:24；年度指标值:12。"


@pytest.mark.parametrize(("rows", "message"), [
    ([["产出", "质量", "x", "1", "1"], ["未知一级", "数量", "x", "1", "1"]], "第2行一级指标无法识别"),
    ([["产出指标", "社会效益", "x", "1", "1"]], "第1行二级指标无法识别或不属于产出指标"),
    ([["产出指标", "数量指标", "", "1", "1"]], "第1行缺少三级指标"),
    ([["a", "b", "c"]], "无法识别的列"),
])
def test_compose_bad_rows_say_which_row(rows, message):
    assert udfs.PG_COMPOSE(rows).startswith(message)


def test_compose_refuses_unparsed_rows_from_parse():
    assert "无法解析" in udfs.PG_COMPOSE(udfs.PG_PARSE(ITEM + "2、这不是指标；缺少指标值。"))


levels = [(lv, child) for lv in LEVEL1 for child in lv.children]
value = st.text(alphabet="0123456789%≥≤个篇次年月底前好", min_size=1, max_size=6)
name = st.text(alphabet="报告数量满意度覆盖率工作人员", min_size=1, max_size=10)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(levels), name, value, value), min_size=1, max_size=6))
def test_compose_parse_round_trip_property(items):
    text = "".join(
        f"{n}、{lv.code}-{lv.name}；{child.code}-{child.name}；{nm}；实施周期指标值:{pv}；年度指标值:{av}。"
        for n, ((lv, child), nm, pv, av) in enumerate(items, 1))
    assert parse(text).ok
    assert udfs.PG_COMPOSE(udfs.PG_PARSE(text)) == text


def test_value_parts():
    assert udfs.PG_VALUE("≥95%") == [["≥", 95.0, "%"]]
    assert udfs.PG_VALUE("不少于12次") == [["≥", 12.0, "次"]]
    assert udfs.PG_VALUE("24") == [["=", 24.0, ""]]
    assert udfs.PG_VALUE(24.0) == [["=", 24.0, ""]]
    assert udfs.PG_VALUE("10月底前") == "非数值指标值（期限）：10月底前"
    assert udfs.PG_VALUE("符合").startswith("非数值指标值（定性）")


def test_level2_lookup():
    assert udfs.PG_LEVEL2("数量") == "11-数量指标"
    assert udfs.PG_LEVEL2("经济效益") == "21-经济效益指标"
    assert udfs.PG_LEVEL2(31.0) == "31-服务对象满意度指标"
    assert udfs.PG_LEVEL2("22-社会效益") == "22-社会效益指标"
    assert udfs.PG_LEVEL2("数量指标", "代码") == "11"
    assert udfs.PG_LEVEL2("11", "名称") == "数量指标"
    assert udfs.PG_LEVEL2("社会效益", "一级") == "2-效益指标"
    assert udfs.PG_LEVEL2("不存在").startswith("未知的二级指标：不存在")
    assert udfs.PG_LEVEL2("数量", "别的").startswith("part 参数应为")


def test_check_lists_codes_and_messages():
    rows = udfs.PG_CHECK("1、1-产出指标；11-数量指标；报告数；实施周期指标值:12；年度指标值:很多。")
    assert rows[0] == ["代码", "级别", "说明"]
    codes = [r[0] for r in rows[1:]]
    assert all(re.fullmatch(r"PG-[SQKC]\d\d", c) for c in codes)
    assert "PG-Q03" in codes or "PG-Q01" in codes  # 12 vs 很多: not numeric / units differ


def test_check_ignores_project_level_rules():
    rows = udfs.PG_CHECK(TWO)
    codes = [r[0] for r in rows[1:]] if isinstance(rows, list) else []
    assert not any(c.startswith("PG-A") or c == "PG-C01" for c in codes)


def test_unexpected_errors_become_a_message_not_a_traceback(monkeypatch):
    def boom(text):
        raise RuntimeError("内部错误")

    monkeypatch.setattr(udfs, "parse_table", boom)
    assert udfs.PG_PARSE("x") == "错误：RuntimeError: 内部错误"


# ---------------------------------------------------------------- VBA wrappers

_FUNCTION = re.compile(r"^Function (\w+)\(([^)]*)\)$", re.MULTILINE)
_CALL = re.compile(r'^\s+(\w+) = XLPy\.CallUDF\("([\w.]+)", "(\w+)", Array\(([^)]*)\), '
                   r"ThisWorkbook, Application\.Caller\)$", re.MULTILINE)


def test_wrappers_match_the_python_signatures():
    code = wrapper_code()
    assert code.startswith("'Autogenerated code by xlwings")
    assert code.splitlines()[1].startswith('#Const App = "Microsoft Excel"')
    declared = {m.group(1): m.group(2) for m in _FUNCTION.finditer(code)}
    assert set(declared) == set(udfs.FUNCTIONS)
    for fname, function in udfs.FUNCTIONS.items():
        params = inspect.signature(function).parameters.values()
        expected = ", ".join(("Optional " if p.default is not p.empty else "") + p.name
                             for p in params)
        assert declared[fname] == expected, fname
    calls = {m.group(1): m.groups() for m in _CALL.finditer(code)}
    for fname, function in udfs.FUNCTIONS.items():
        _, module, target, args = calls[fname]
        assert module == "perfgoals_xl.excel.udfs" and target == fname
        assert args == ", ".join(inspect.signature(function).parameters)
        assert getattr(udfs, target) is function
    assert code.isascii()


def test_wrappers_are_deterministic():
    assert wrapper_code() == wrapper_code()


def test_descriptions_are_the_docstrings_and_argument_docs():
    rows = {name: (desc, cat, args) for name, desc, cat, args in function_descriptions()}
    assert set(rows) == set(udfs.FUNCTIONS)
    for fname, function in udfs.FUNCTIONS.items():
        desc, category, args = rows[fname]
        assert desc == function.__doc__ and len(desc) <= 255
        assert category == udfs.CATEGORY
        declared = function.__pg_udf__["args"]
        assert args == [declared[a]["doc"] for a in inspect.signature(function).parameters]
        assert all(a and "|" not in a for a in args)
