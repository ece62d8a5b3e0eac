"""Negative 分值 (issue #20, class 10): an error finding, never a total above 100, and no grade.

Before: negative weights gave totals up to 144.8 graded 优 (exit 0); all weights −10 gave every
total 0 (exit 0).
"""

from __future__ import annotations

from pathlib import Path

from selfeval_tables import fill_actuals

from perfgoals_xl.cli import main
from perfgoals_xl.jsonio import write_json
from perfgoals_xl.rules import check_table
from perfgoals_xl.scoring import score_table
from perfgoals_xl.scoring.project import NO_GRADE
from perfgoals_xl.sources import read_table


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
    table = _weighted(seed_path, lambda n: 10)
    assert all(s.grade != NO_GRADE for s in score_table(table))
