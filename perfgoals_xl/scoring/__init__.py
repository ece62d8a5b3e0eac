"""Year-end self-evaluation scoring (绩效自评): pure functions over the model and a profile of numbers.

Public API::

    from perfgoals_xl.scoring import score_table, ScoringProfile
    for ps in score_table(table):            # one ProjectScore per project
        print(ps.project.name, ps.total, ps.grade)

Clauses and choices: docs/selfeval.md.
"""

from __future__ import annotations

from perfgoals_xl.scoring.grades import band_of
from perfgoals_xl.scoring.indicator import NOT_APPLICABLE, Scored, score_value
from perfgoals_xl.scoring.profile import ScoringConfigError, ScoringProfile, profile_from_dict
from perfgoals_xl.scoring.project import (
    BudgetScore,
    IndicatorScore,
    ProjectScore,
    has_actuals,
    iter_scores,
    plan_project,
    project_has_actuals,
    score_project,
    score_table,
)

__all__ = [
    "NOT_APPLICABLE",
    "BudgetScore",
    "IndicatorScore",
    "ProjectScore",
    "ScoringConfigError",
    "ScoringProfile",
    "Scored",
    "band_of",
    "has_actuals",
    "iter_scores",
    "plan_project",
    "profile_from_dict",
    "project_has_actuals",
    "score_project",
    "score_table",
    "score_value",
]
