"""Negative 分值 (issue #20, class 10): an error finding, never a total above 100, and no grade.

Before: negative weights gave totals up to 144.8 graded 优 (exit 0); all weights −10 gave every
total 0 (exit 0).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from selfeval_tables import fill_actuals

from perfgoals_xl.cli import main
from perfgoals_xl.jsonio import write_json
from perfgoals_xl.model import Amounts, FundUnit, Indicator, PerfTable, Project
from perfgoals_xl.rules import check_table
from perfgoals_xl.scoring import score_table
from perfgoals_xl.scoring.project import NO_GRADE
from perfgoals_xl.sources import read_table
from perfgoals_xl.values import parse_value


def _weighted(seed_path: Path, weight_of) -> object:
    table = fill_actuals(read_table(seed_path))
    for project in table.projects():
        for n, ind in enumerate(project.indicators):
            ind.weight = float(weight_of(n))
    return table


def test_negative_weights_are_errors_and_get_no_grade(tmp_path: Path, seed_path: Path) -> None:
    for weight_of in (lambda n: -10, lambda n: -30 if n == 0 else 40):
        table = _weighted(seed_path, weight_of)
        scores = score_table(table)
        assert all(s.grade == NO_GRADE and 0 <= s.total <= 100 for s in scores), [(s.total, s.grade) for s in scores]
        errors = [i for i in check_table(table) if i.code == "PG-E07" and i.severity == "error"]
        negatives = sum(1 for p in table.projects() for i in p.indicators if i.weight < 0)
        assert len([e for e in errors if "负数" in e.message]) == negatives
        source = tmp_path / "w.json"
        write_json(table, source)
        assert main(["score", str(source), "-o", str(tmp_path / "s.xlsx"), "--force"]) == 1  # findings: exit 1


def test_valid_weights_still_get_a_grade(seed_path: Path) -> None:
    table = fill_actuals(read_table(seed_path))
    for project in table.projects():  # 90 split evenly: they add up with the budget line's 10
        for ind in project.indicators:
            ind.weight = 90 / len(project.indicators)
    assert all(s.grade != NO_GRADE for s in score_table(table))
    assert not [i for i in check_table(table) if i.code == "PG-E07"]


def _project(weights: list[float], *, groups: tuple[str, ...] = ("产出指标", "效益指标", "满意度指标"),
             labels: dict[str, float] | None = None, budget_weight: str | None = None,
             names: list[str] | None = None) -> PerfTable:
    """One project with a year-end self-evaluation: its indicators spread over these level-1 groups."""
    indicators = []
    for n, weight in enumerate(weights):
        level1 = groups[n % len(groups)]
        code = {"产出指标": "1", "效益指标": "2", "满意度指标": "3"}[level1]
        level2 = {"1": "数量指标", "2": "社会效益指标", "3": "服务对象满意度指标"}[code]
        ind = Indicator(seq=n + 1, level1_code=code, level1=level1, level2_code=code + code[0], level2=level2,
                        name=names[n] if names else f"完成指标{n}",
                        period_value=parse_value("100%"), annual_value=parse_value("100%"), weight=weight,
                        actual_value=parse_value("100%"))
        ind.level1_weight = (labels or {}).get(level1)
        indicators.append(ind)
    project = Project("某项目", amounts=Amounts(total=Decimal(100)), goal="完成年度任务。", indicators=indicators)
    project.budget_initial = project.budget_adjusted = Decimal(100)
    project.budget_executed = Decimal(95)
    if budget_weight is not None:
        project.budget_block = {"weight": budget_weight}
    return PerfTable(department="某局", units=[FundUnit("某单位", projects=[project])])


def _e07_errors(table: PerfTable) -> list[str]:
    return [i.message for i in check_table(table) if i.code == "PG-E07" and i.severity == "error"]


def test_a_wrong_total_is_an_error_and_gets_no_grade() -> None:
    """Class 10: 分值 adding up to 120 (or 70) with the budget line's 10: an error, no 优/良/中/差."""
    for weights in ([40, 40, 40], [30, 30, 10], [50, 30, 10, 10]):
        table = _project(weights)
        [score] = score_table(table)
        assert score.grade == NO_GRADE and score.weights_invalid, weights
        [message] = _e07_errors(table)
        assert f"合计 {sum(weights):g}" in message and "不评等级" in message


def test_right_totals_of_real_tables_get_no_error() -> None:
    """As real 自评表 print them: 90 + budget 10; the province's budget 分值 (20 → 80); no 满意度
    group (80, or the labels' 50 + 30); 预算执行率 scored among the indicators (100)."""
    cases = [
        _project([50, 30, 10]),
        _project([20, 15, 15, 30], budget_weight="20"),
        _project([45, 25, 10], budget_weight="20分"),
        _project([50, 30], groups=("产出指标", "效益指标")),
        _project([40, 20], groups=("产出指标", "效益指标"), labels={"产出指标": 40, "效益指标": 20}),
        _project([20, 30, 40, 10], names=["预算执行率", "数量", "社会效益", "满意度"]),
    ]
    for table in cases:
        [score] = score_table(table)
        assert not _e07_errors(table), (table.projects()[0].indicators, _e07_errors(table))
        assert score.grade != NO_GRADE


def test_the_budget_lines_printed_weight_counts() -> None:
    """90 is right with the usual 10 but wrong when the table gives the budget line 20."""
    assert not _e07_errors(_project([50, 30, 10], budget_weight="10"))
    [message] = _e07_errors(_project([50, 30, 10], budget_weight="20"))
    assert "应为 80" in message
