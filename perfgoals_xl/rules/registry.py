"""The rule registry: the one place that binds each code (PG-S01 … PG-K08, PG-E01 … PG-E11) to its rule.

Each rule lives in its family module (structure, amounts, completeness,
quantification, consistency) and declares its code, slug, severity, profiles,
message, hint and documentation; this module lists them in catalog order and
checks that every code is bound exactly once.
"""

from __future__ import annotations

from perfgoals_xl.rules import (
    amounts,
    completeness,
    consistency,
    department,
    quantification,
    selfeval,
    structure,
)
from perfgoals_xl.rules.base import PREFIX, Rule

_CATALOG: tuple[Rule, ...] = (
    # S — structure and parsing
    structure.item_unparseable,  # S01
    structure.item_numbering,  # S02
    structure.level1_unknown,  # S03
    structure.level2_mismatch,  # S04
    structure.value_missing,  # S05
    structure.placeholder_row,  # S06
    structure.duplicate_indicator,  # S07
    structure.excel_serial_date,  # S08
    structure.text_artifacts,  # S09
    structure.amount_column_ambiguous,  # S10 (the importer's recorded assumption)
    structure.reader_note,  # S11 (what a reader kept as extras or mapped onto the framework)
    structure.codes_filled,  # S12 (codes filled in from the framework)
    # A — amounts
    amounts.total_mismatch,  # A01
    amounts.rollup_mismatch,  # A02
    amounts.amount_format,  # A03
    amounts.funded_without_target,  # A04
    # C — completeness
    completeness.goal_missing,  # C01
    completeness.no_output,  # C02
    completeness.no_benefit,  # C03
    completeness.no_satisfaction,  # C04
    completeness.no_cost,  # C05
    completeness.no_quantity,  # C06
    completeness.too_few_indicators,  # C07
    # Q — quantification and value form
    quantification.count_not_numeric,  # Q01
    quantification.unit_missing,  # Q02
    quantification.period_unit_mismatch,  # Q03
    quantification.period_operator_mismatch,  # Q04
    quantification.rate_not_percent,  # Q05
    quantification.percent_out_of_range,  # Q06
    quantification.degenerate_ge_100,  # Q07
    quantification.vague_qualitative,  # Q08
    quantification.value_is_description,  # Q09
    quantification.timeliness_form,  # Q10
    quantification.cost_form,  # Q11
    quantification.satisfaction_form,  # Q12
    # K — consistency and relevance
    consistency.annual_exceeds_period,  # K01
    consistency.period_values_differ_single_year,  # K02
    consistency.rate_under_quantity,  # K03
    consistency.satisfaction_misfiled,  # K04
    consistency.direction_conflict,  # K05
    consistency.goal_not_covered,  # K06
    consistency.weights_sum,  # K07
    consistency.boilerplate_benefit,  # K08
    # E — year-end self-evaluation (绩效自评); only when the table carries actuals
    selfeval.actual_missing,  # E01
    selfeval.reason_missing,  # E02
    selfeval.execution_reason_missing,  # E03
    selfeval.far_beyond_target,  # E04
    selfeval.actual_unit_mismatch,  # E05
    selfeval.claimed_score_differs,  # E06
    selfeval.selfeval_weights_sum,  # E07
    selfeval.qualitative_band,  # E08
    selfeval.total_score_mismatch,  # E09
    selfeval.budget_block_mismatch,  # E10
    selfeval.level_weights_sum,  # E11
    # D — department-wide tables (部门整体支出绩效目标表); only on such a table
    department.department_goal_missing,  # D01
    department.department_amount_mismatch,  # D02
    department.department_indicator_classes,  # D03
)


def _bind(rules: tuple[Rule, ...]) -> dict[str, Rule]:
    bound: dict[str, Rule] = {}
    slugs: set[str] = set()
    for r in rules:
        if r.code in bound or r.slug in slugs:
            raise RuntimeError(f"规则重复登记：{r.code} {r.slug}")
        bound[r.code] = r
        slugs.add(r.slug)
    return bound


#: code ("PG-Q03") → Rule, in catalog order.
RULES: dict[str, Rule] = _bind(_CATALOG)
#: slug → Rule.
BY_SLUG: dict[str, Rule] = {r.slug: r for r in RULES.values()}


def get_rule(name: str) -> Rule | None:
    """A rule by code (PG-Q03, Q03, q03) or slug (period_unit_mismatch)."""
    text = name.strip()
    if text in BY_SLUG:
        return BY_SLUG[text]
    upper = text.upper()
    return RULES.get(upper if upper.startswith(PREFIX) else PREFIX + upper)
