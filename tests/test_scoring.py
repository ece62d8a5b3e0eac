"""The self-evaluation scoring table (docs/selfeval.md) as cases: positive, reverse, zero
target, dates, qualitative bands, 不适用 rescaling, the table's weights against the defaults."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfgoals_xl import grammar
from perfgoals_xl.model import FundUnit, PerfTable, Project
from perfgoals_xl.scoring import (
    ScoringConfigError,
    ScoringProfile,
    band_of,
    has_actuals,
    profile_from_dict,
    score_project,
    score_value,
)
from perfgoals_xl.scoring.dates import date_parts, days_late
from perfgoals_xl.values import parse_value

V = parse_value


@pytest.mark.parametrize(("target", "actual", "weight", "direction", "points"), [
    # positive: min(actual / target, 1) × weight
    ("≥95%", "98%", 10, None, 10), ("≥95%", "76%", 10, None, 8), ("100台", "50台", 20, None, 10),
    ("不低于200人次", "250人次", 5, None, 5),
    # reverse: full when actual ≤ target, else target / actual × weight
    ("≤50万元", "40万元", 10, None, 10), ("≤50万元", "100万元", 10, None, 5),
    ("≤3次", "6次", 6, None, 3), ("12万元", "15万元", 10, "反向", 8),
    # target 0 (reverse): full only when actual ≤ 0
    ("0次", "0次", 4, "反向", 4), ("0次", "1次", 4, "反向", 0), ("≤0起", "2起", 4, None, 0),
    # dates: full when met; each started 30 days late loses 10 % of the weight
    ("2024年12月31日前", "2024年12月20日", 10, None, 10), ("2024年10月底前", "2024年11月15日", 10, None, 9),
    ("2024年10月底前", "2025年1月15日", 10, None, 7), ("10月底前", "10月20日", 5, None, 5),
    ("第三季度前", "2024年9月10日", 5, None, 5),
    ("2023.07-2024.01", "2024年1月20日", 10, None, 10), ("2023.07-2024.01", "2024.03", 10, None, 8),
    # qualitative: equal text is full, else the band's default share (达成 100 %, others their floor)
    ("符合", "符合", 10, None, 10), ("好", "达成年度指标", 10, None, 10),
    ("好", "部分达成并具有一定效果", 10, None, 6), ("好", "未达成且效果较差", 10, None, 0),
    # missing, units that differ (money in two magnitudes is converted: 100元 is 0.01万元 of 100万元)
    ("≥95%", None, 10, None, 0), ("≥95%", "", 10, None, 0), ("100万元", "100元", 10, None, 0.001),
    ("≥100人", "100元", 10, None, 0),
])
def test_scoring_table(target: str, actual: str | None, weight: float, direction: str | None,
                       points: float) -> None:
    result = score_value(V(target), None if actual is None else V(actual), weight, direction)
    assert result.points == pytest.approx(points)
    assert (result.note == "") == (points == weight), result.note


def test_qualitative_share_inside_band_is_the_users_and_outside_is_clamped() -> None:
    inside = score_value(V("较好"), V("部分达成"), 10, claimed=7.5)
    assert inside.points == pytest.approx(7.5) and not inside.band_violation
    above = score_value(V("较好"), V("部分达成"), 10, claimed=9.5)
    assert above.points == pytest.approx(8) and above.band_violation
    below = score_value(V("好"), V("达成"), 10, claimed=5)
    assert below.points == pytest.approx(8) and below.band_violation and below.band == "达成"


def test_nature_qualitative_scores_by_band_even_with_numbers() -> None:
    assert score_value(V("≥95%"), V("90%"), 10).points == pytest.approx(10 * 90 / 95)
    assert score_value(V("≥95%"), V("90%"), 10, nature="定性").points == 0  # no band word: unreadable
    assert score_value(V("≥95%"), V("基本达成"), 10, nature="定性", claimed=7).points == 7


def test_not_applicable_is_left_out_and_far_beyond_ratio_is_kept() -> None:
    assert score_value(V("≥10个"), V("不适用"), 10).not_applicable
    assert score_value(V("≥10个"), V("20个"), 10).ratio == pytest.approx(2.0)


def test_bands_of_grade_words() -> None:
    assert band_of("已完成") == "达成"
    assert band_of("基本达成") == "部分达成"
    assert band_of("未完成") == "未达成"
    assert band_of("某某") is None


def _project(items: str, actuals: list[str | None], *, weights: list[float] | None = None,
             budget: tuple[str, str] | None = ("100", "95")) -> Project:
    project = Project(name="项目甲", goal="完成年度工作。")
    project.indicators = grammar.parse(items.strip().replace("\n", "")).items
    for ind, actual in zip(project.indicators, actuals, strict=True):
        ind.actual_value = None if actual is None else V(actual)
    for ind, w in zip(project.indicators, weights or [], strict=False):
        ind.weight = w
    if budget:
        project.budget_adjusted, project.budget_executed = Decimal(budget[0]), Decimal(budget[1])
    return project


ITEMS = """
1、1-产出指标；11-数量指标；培训人次；实施周期指标值:≥100人次；年度指标值:≥100人次。
2、1-产出指标；12-质量指标；合格率；实施周期指标值:≥90%；年度指标值:≥90%。
3、2-效益指标；22-社会效益指标；技能提升；实施周期指标值:明显提升；年度指标值:明显提升。
4、3-满意度指标；31-服务对象满意度指标；学员满意度；实施周期指标值:≥90%；年度指标值:≥90%。
"""


def test_default_weights_budget_and_grade() -> None:
    score = score_project(_project(ITEMS, ["50人次", "90%", "明显提升", "95%"]))
    assert [s.weight for s in score.indicators] == [25, 25, 30, 10]
    assert score.budget.rate == pytest.approx(0.95) and score.budget.points == pytest.approx(9.5)
    # 9.5 + 12.5 + 25 + 30 + 10 = 87 of 100
    assert score.total == pytest.approx(87.0) and score.grade == "良"
    assert score.weights_source == "default" and score.needs_reason == 1


def test_table_weights_win_over_defaults() -> None:
    score = score_project(_project(ITEMS, ["50人次", "90%", "明显提升", "95%"], weights=[40, 20, 20, 10]))
    assert [s.weight for s in score.indicators] == [40, 20, 20, 10]
    assert score.total == pytest.approx(9.5 + 20 + 20 + 20 + 10)
    assert score.weights_source == "table" and score.weights_sum == 90


def test_not_applicable_rescales_to_100() -> None:
    score = score_project(_project(ITEMS, ["100人次", "不适用", "明显提升", "80%"]))
    # possible 100 − 25 = 75; earned 9.5 + 25 + 30 + 10 × 80/90
    assert score.total == pytest.approx(round((9.5 + 25 + 30 + 80 / 9) / 75 * 100, 2))


def test_missing_budget_and_actuals_count() -> None:
    score = score_project(_project(ITEMS, [None, "90%", None, "95%"], budget=None))
    assert score.missing == 3 and score.budget.missing


def test_cost_gets_its_own_share_when_the_profile_says_so() -> None:
    items = ITEMS + "5、1-产出指标；14-成本指标；人均成本；实施周期指标值:≤500元；年度指标值:≤500元。"
    project = _project(items, ["100人次", "90%", "明显提升", "95%", "400元"])
    assert [s.weight for s in score_project(project).indicators][:2] == pytest.approx([50 / 3, 50 / 3])
    own = ScoringProfile(output_weight=40, cost_weight=10)
    assert [s.weight for s in score_project(project, own).indicators] == [20, 20, 30, 10, 10]


def test_target_table_without_actuals_has_none() -> None:
    table = PerfTable(units=[FundUnit(name="单位", projects=[_project(ITEMS, [None] * 4, budget=None)])])
    assert not has_actuals(table)
    table.projects()[0].indicators[0].actual_value = V("1人次")
    assert has_actuals(table)


def test_profile_from_config_checks_keys_and_ranges() -> None:
    profile = profile_from_dict({"budget_weight": 20, "bands": {"达成": [0.9, 1.0], "部分达成": [0.6, 0.9],
                                                                "未达成": [0, 0.6]}, "grades": {"A": 85, "B": 0}})
    assert profile.budget_weight == 20 and profile.bands["达成"] == (0.9, 1.0)
    assert profile.grade(86) == "A" and profile.grade(10) == "B"
    for bad in ({"budget_weight": "ten"}, {"far_beyond": 0.5}, {"nonsense": 1}, {"bands": {"达成": [1, 0.5]}}):
        with pytest.raises(ScoringConfigError):
            profile_from_dict(bad)


@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 28))
def test_dates_read_back(year: int, month: int, day: int) -> None:
    assert date_parts(f"{year}年{month}月{day}日前") == (year, month, day)
    assert date_parts(f"{year}.{month:02d}.{day:02d}") == (year, month, day)
    assert days_late(f"{year}年{month}月{day}日前", f"{year}年{month}月{day}日") == 0


@given(st.text(max_size=300))
def test_dates_never_raise(text: str) -> None:
    parts = date_parts(text)
    assert parts is None or 1 <= parts[1] <= 12
    days_late(text, text)


def test_scoring_section_of_the_rules_config(tmp_path) -> None:
    from perfgoals_xl.rules import ConfigError, load_config

    good = tmp_path / "perfgoals.toml"
    good.write_text('profile = "gz"\n[scoring]\nfar_beyond = 2.0\nbudget_weight = 10\n', encoding="utf-8")
    assert load_config(good).scoring_profile().far_beyond == 2.0
    bad = tmp_path / "bad.toml"
    bad.write_text('[scoring]\nfar_beyond = "很多"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="far_beyond"):
        load_config(bad)


_VALUE_TEXT = st.one_of(
    st.text(max_size=40),
    st.builds(lambda op, n, u: f"{op}{n}{u}", st.sampled_from(["", "≥", "≤", "<", ">", "不低于", "不高于"]),
              st.floats(-1e300, 1e300, allow_nan=False).map(lambda x: f"{x:g}"),
              st.sampled_from(["", "%", "人次", "万元", "元", "天"])),
    st.sampled_from(["10月底前", "2024年12月31日前", "第三季度前", "2023.07-2024.01", "达成", "部分达成", "未达成",
                     "不适用", "符合", "好"]),
)


@given(_VALUE_TEXT, st.one_of(st.none(), _VALUE_TEXT), st.floats(0, 100), st.sampled_from([None, "正向", "反向"]),
       st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)))
def test_any_target_and_actual_score_within_the_weight(target, actual, weight, direction, claimed):
    """Whatever is written, the score lies in [0, weight] and a 0 below the weight says why."""
    result = score_value(V(target), None if actual is None else V(actual), weight, direction, claimed=claimed)
    assert 0 <= result.points <= weight + 1e-9
    if not result.not_applicable and result.points < weight - 1e-9 and weight > 0:
        assert result.note
