"""Scoring as data (tests/scoring/*.toml, see tests/scoring/README.md): every case of the
scoring rules — ratios, reverse targets, bands as ranges with each boundary, comparative
targets, time limits — and every grade boundary."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from perfgoals_xl.scoring import ScoringProfile
from perfgoals_xl.scoring.indicator import score_value
from perfgoals_xl.values import parse_value

CASES = Path(__file__).resolve().parent / "scoring"
INDICATORS = tomllib.loads((CASES / "indicators.toml").read_text(encoding="utf-8"))["case"]
GRADES = tomllib.loads((CASES / "grades.toml").read_text(encoding="utf-8"))["grade"]
_KEYS = {"id", "target", "actual", "weight", "claimed", "direction", "nature", "points", "band", "low", "high",
         "violation", "method"}


@pytest.mark.parametrize("case", INDICATORS, ids=[c["id"] for c in INDICATORS])
def test_indicator_case(case):
    assert set(case) <= _KEYS, f"{case['id']}: 未知字段 {set(case) - _KEYS}"
    scored = score_value(parse_value(case["target"]), parse_value(case["actual"]), float(case["weight"]),
                         case.get("direction"), ScoringProfile(), claimed=case.get("claimed"),
                         nature=case.get("nature"))
    assert scored.points == pytest.approx(case["points"], abs=1e-3), scored
    if "band" in case:
        assert scored.band == case["band"], scored
    if "low" in case:
        assert scored.admissible == pytest.approx((case["low"], case["high"])), scored
    assert scored.band_violation is bool(case.get("violation", False)), scored
    if "method" in case:
        assert scored.method == case["method"], scored
    if scored.points < case["weight"] and case.get("claimed") is None and scored.method != "not_applicable":
        assert scored.note, "a score below the weight says why"
    if scored.note and scored.points >= case["weight"]:
        assert "不在档次" not in scored.note and "低于" not in scored.note  # never contradicts the points


@pytest.mark.parametrize("case", GRADES, ids=[f"{c['total']}→{c['grade']}" for c in GRADES])
def test_grade_boundary(case):
    assert ScoringProfile().grade(case["total"]) == case["grade"]


def test_case_ids_are_unique():
    ids = [c["id"] for c in INDICATORS]
    assert len(ids) == len(set(ids))


WEIGHTS = tomllib.loads((CASES / "weights.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", WEIGHTS, ids=[c["id"] for c in WEIGHTS])
def test_weights_case(case):
    """The province's split: level-1 labels (产出指标(60分)) and the budget line's printed 分值."""
    from perfgoals_xl.model import Indicator, Project
    from perfgoals_xl.scoring import score_project

    inds = []
    for n, (level1, label, weight) in enumerate(case["indicators"], 1):
        inds.append(Indicator(seq=n, level1_code=None, level1=level1, level2_code=None, level2="", name=f"指标{n}",
                              period_value=parse_value("100%"), annual_value=parse_value("100%"),
                              weight=None if weight == "" else float(weight),
                              level1_weight=None if label == "" else float(label), actual_value=parse_value("100%")))
    project = Project(name="甲", indicators=inds)
    if "budget_weight" in case:
        project.budget_block = {"weight": case["budget_weight"]}
    score = score_project(project)
    assert [s.weight for s in score.indicators] == pytest.approx(case["expect_weights"])
    assert score.budget.weight == pytest.approx(case["expect_budget"])
