"""The grade vocabulary (degree words against the target's degree) and compound targets
(签约率提高1%X体检率提高2%): the splitter's properties, and PG-E06 / PG-E08 messages that never
contradict the verdict (issue #19). Cases of every word and boundary: tests/scoring/indicators.toml."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.model import FundUnit, Indicator, PerfTable, Project
from perfgoals_xl.rules import check_table
from perfgoals_xl.scoring.compound import match_actual, split_target
from perfgoals_xl.scoring.grades import DEGREES, band_of, grade_of
from perfgoals_xl.values import parse_value

# ------------------------------------------------------------------ the splitter's properties

# names: CJK characters that are none of the verbs, operators, separators or digits
_NAME_CHARS = "签约率体检合格及时完成覆盖人数户均面积收入资金支出次数巡查培训"
_names = st.text(alphabet=_NAME_CHARS, min_size=2, max_size=6)
_number = st.one_of(st.integers(0, 100000).map(str),
                    st.tuples(st.integers(0, 999), st.integers(0, 99)).map(lambda t: f"{t[0]}.{t[1]}"))
_unit = st.sampled_from(["%", "人", "个", "万元", ""])
_lead = st.sampled_from(["提高", "下降", "≥", "≤", "不低于", ""])
_separator = st.sampled_from(["X", "×", "；", "，", "、", ";", ","])


def _distinct(names: list[str]) -> bool:
    return all(a == b or a not in b for a in names for b in names) and len(set(names)) == len(names)


def _occurrences(text: str, name: str) -> int:
    """How often ``name`` occurs in ``text``, overlapping occurrences counted (人人人 holds 人人 twice)."""
    return sum(text.startswith(name, i) for i in range(len(text)))


@st.composite
def _compound(draw: st.DrawFn) -> tuple[list[tuple[str, str, str, str]], str]:
    names = draw(st.lists(_names, min_size=2, max_size=5).filter(_distinct))
    parts = [(n, draw(_lead), draw(_number), draw(_unit)) for n in names]
    text = draw(_separator).join(f"{n}{lead}{num}{unit}" for n, lead, num, unit in parts)
    return parts, text


@settings(max_examples=150, deadline=None)
@given(_compound())
def test_a_compound_target_splits_into_its_named_parts(case) -> None:
    parts, text = case
    got = split_target(text)
    assert got is not None, text
    assert [p.name for p in got] == [n for n, *_ in parts]
    for p, (_, lead, num, unit) in zip(got, parts, strict=True):
        assert p.change == {"提高": 1, "下降": -1}.get(lead, 0)
        value = parse_value(p.value)
        assert value.number == pytest.approx(float(num)) and (value.unit or "") == unit


@settings(max_examples=150, deadline=None)
@given(_compound(), st.randoms(use_true_random=False), st.sampled_from(["", "，", "X", "；"]))
def test_the_actual_is_cut_by_the_names_in_any_order_with_or_without_separators(case, rnd, sep) -> None:
    parts, text = case
    target = split_target(text)
    assert target is not None
    written = [(n, "提高" if lead == "提高" else "", num, unit) for n, lead, num, unit in parts]
    rnd.shuffle(written)
    actual = sep.join(f"{n}{verb}{num}{unit}" for n, verb, num, unit in written)
    got = match_actual(target, actual)
    if any(_occurrences(actual, n) != 1 for n, *_ in written):  # a unit ran into a name (人人 …): not guessed
        assert got is None
        return
    assert got is not None, (text, actual)
    assert [p.name for p in got] == [p.name for p in target]
    by_name = {n: num for n, _, num, _ in written}
    for p in got:
        assert parse_value(p.value).number == pytest.approx(float(by_name[p.name]))


@settings(max_examples=100, deadline=None)
@given(_compound(), st.integers(0, 4))
def test_an_actual_naming_a_part_twice_or_missing_one_is_not_guessed(case, which) -> None:
    parts, text = case
    target = split_target(text)
    assert target is not None
    which %= len(parts)
    full = "，".join(f"{n}{num}{unit}" for n, _, num, unit in parts)
    twice = full + f"，{parts[which][0]}1"
    missing = "，".join(f"{n}{num}{unit}" for i, (n, _, num, unit) in enumerate(parts) if i != which)
    assert match_actual(target, twice) is None
    assert match_actual(target, missing) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_NAME_CHARS + "提高下降≥≤%X×；，、:0123456789. 明显较高一般", max_size=80))
def test_any_text_splits_into_distinct_named_parts_or_none(text) -> None:
    got = split_target(text)
    if got is not None:
        names = [p.name for p in got]
        assert len(got) >= 2 and all(names) and _distinct(names)
        assert all(not re.search(r"\d", n) for n in names)
        match_actual(got, text)  # never raises


def test_values_that_are_not_compound() -> None:
    for text in ("≥95%", "95%以上", "完成东津院区建设,医院东津医疗收入达到5亿元", "无资产损失、利用率高于80%",
                 "2023.07-2024.01", "10月底前", "≥95%、≥90%", "签约率提高1%X签约率提高2%", "程度较高"):
        assert split_target(text) is None, text


# ------------------------------------------------------------------ the degree scale

def test_every_degree_word_has_one_grade_against_a_plain_target() -> None:
    """Each word of the vocabulary, written as real 自评表 do (效果…), grades to exactly the band
    its rank gives — 0 未达成, 1 部分达成, 2 and above 达成 (the plain target asks for 较高)."""
    expect = {0: "未达成", 1: "部分达成"}
    for word, rank in DEGREES.items():
        assert band_of(f"效果{word}") == expect.get(rank, "达成"), word


def test_a_degree_target_needs_its_degree() -> None:
    order = ["效果较差", "效果一般", "程度较高", "效果良好", "效果显著"]
    for i, target in enumerate(order[1:], 1):
        for j, actual in enumerate(order):
            band = grade_of(target, actual)[0]  # type: ignore[index]
            assert band == ("未达成" if j == 0 else "达成" if j >= i else "部分达成"), (target, actual, band)


# ------------------------------------------------------------------ messages never contradict

def _table(target: str, actual: str, weight: float, claimed: float, reason: str = "原因") -> PerfTable:
    ind = Indicator(seq=1, level1_code=None, level1="效益指标", level2_code=None, level2="社会效益指标",
                    name="指标甲", period_value=parse_value(target), annual_value=parse_value(target),
                    weight=weight, actual_value=parse_value(actual), score=claimed, deviation_reason=reason)
    other = Indicator(seq=2, level1_code=None, level1="产出指标", level2_code=None, level2="数量指标", name="指标乙",
                      period_value=parse_value("10个"), annual_value=parse_value("10个"), weight=90 - weight,
                      actual_value=parse_value("10个"), score=90 - weight)
    unit = FundUnit(name="单位", projects=[Project(name="甲", indicators=[ind, other])])
    return PerfTable(department="部", source="t", layout="case", units=[unit])


@pytest.mark.parametrize(("target", "actual", "weight", "claimed", "fires"), [
    ("加大文物保护,展示文物价值", "程度较高", 15, 15, None),
    ("加大文物保护,展示文物价值", "程度较高", 15, 12, None),
    ("加大文物保护,展示文物价值", "程度较高", 15, 11, "PG-E08"),
    ("效果显著", "程度较高", 10, 10, "PG-E08"),
    ("效果显著", "程度较高", 10, 7, None),
    ("效果明显", "效果一般", 10, 9, "PG-E08"),
    ("效果明显", "效果较差", 10, 7, "PG-E08"),
    ("效果明显", "效果较差", 10, 5, None),
    ("明显改善", "改善明显", 10, 10, None),
    ("签约率提高1%X体检率提高2%", "签约率提高1%体检率下降1%", 12, 6, None),
    ("签约率提高1%X体检率提高2%", "签约率提高1%体检率下降1%", 12, 12, "PG-E06"),
    ("签约率提高1%X体检率提高2%", "签约率提高1%体检率提高2%", 12, 10, "PG-E06"),
    ("合格率≥95%；及时率≥90%", "合格率已完成，及时率基本完成", 10, 10, "PG-E06"),
    ("签约率提高1%X体检率提高2%", "签约率提高1%", 12, 6, "PG-E08"),
])
def test_score_findings_agree_with_the_verdict(target, actual, weight, claimed, fires) -> None:
    issues = [i for i in check_table(_table(target, actual, weight, claimed))
              if i.code in ("PG-E06", "PG-E08") and i.location.seq == 1]
    assert [i.code for i in issues] == ([fires] if fires else []), [i.message for i in issues]
    for issue in issues:
        message = issue.message
        assert f"自评得分 {claimed:g}" in message or "无法" in message or "无从" in message, message
        computed = re.search(r"按规则计算的 ([\d.]+)", message)
        if computed:  # a point: never the claim itself, and 满分 only when it is the weight
            assert float(computed.group(1)) != pytest.approx(claimed)
            assert ("满分" in message) == (float(computed.group(1)) == pytest.approx(weight)), message
        span = re.search(r"可得的 ([\d.]+)–([\d.]+) 分", message)
        if span:
            assert not float(span.group(1)) - 0.05 <= claimed <= float(span.group(2)) + 0.05, message
        band = re.search(r"（定性，(.+?)）", message)
        if band:
            assert band.group(1) == grade_of(target, actual)[0]  # type: ignore[index]


_ORDER = {"未达成": 0, "部分达成": 1, "达成": 2}
_WORDS = sorted(DEGREES)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_WORDS), st.sampled_from(_WORDS), st.sampled_from(["", *_WORDS]))
def test_a_higher_degree_never_grades_lower(low: str, high: str, asked: str) -> None:
    """Monotone: against any target, an actual of a higher degree gets a band at least as high."""
    if DEGREES[low] > DEGREES[high]:
        low, high = high, low
    target = f"效果{asked}" if asked else "加大文物保护"
    a, b = grade_of(target, f"效果{low}"), grade_of(target, f"效果{high}")
    assert a is not None and b is not None
    assert _ORDER[a[0]] <= _ORDER[b[0]], (target, low, high, a, b)
    for band, why in (a, b):  # a reason only below 达成 (never one contradicting the band), naming the word
        assert not (band == "达成" and why)
    if a[1]:
        assert low in a[1]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.text(max_size=120), st.booleans())
def test_grade_of_any_text_is_a_band_or_none(target: str, actual: str, reverse: bool) -> None:
    graded = grade_of(target, actual, reverse)
    assert graded is None or graded[0] in _ORDER


def test_a_unit_running_into_an_overlapping_name_is_not_guessed() -> None:
    """人体…0人 then 人人…: '人人人' holds the name 人人 twice (overlapping), so no cut is guessed."""
    target = split_target("人体提高0人X人人提高0%")
    assert target is not None
    assert match_actual(target, "人体提高0人人人提高0%") is None
