"""A published 得分 against the rules: agrees, differs, or cannot be compared (and why).

One judgement shared by PG-E06 / PG-E08 and the corpus comparison (scripts/fidelity.py): the
claim is read at the 分值 printed beside it (the project's total may have used default weights),
a qualitative claim is judged against its band's range, a quantitative one against its point.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfgoals_xl.scoring.project import IndicatorScore

#: Why a claim cannot be compared: no weight, an actual in another unit, one whose grade cannot
#: be read, or 不适用. (No actual at all is comparable: the rules give it 0.)
NOT_COMPARABLE = {"weight": "没有分值", "missing": "没有实际完成值", "unit_mismatch": "单位不同",
                  "unreadable": "看不出档次", "not_applicable": "不适用"}


@dataclass(frozen=True)
class ClaimCheck:
    """status: agrees / differs / band (outside its qualitative band) / not_comparable;
    low–high: the points the rules allow at the printed 分值; points: the recomputed score there;
    weight: that 分值; why: the NOT_COMPARABLE key when not comparable."""

    status: str
    low: float = 0.0
    high: float = 0.0
    points: float = 0.0
    weight: float = 0.0
    why: str = ""


def check_claim(s: IndicatorScore, tolerance: float = 0.05) -> ClaimCheck | None:
    """The claimed 得分 of one indicator against the rules (None when the table claims none)."""
    claimed, r = s.indicator.score, s.result
    if claimed is None:
        return None
    if r.not_applicable:
        return ClaimCheck("not_comparable", why="not_applicable")
    if s.weight <= 0:
        return ClaimCheck("not_comparable", why="weight")
    printed = s.indicator.weight
    if r.method in ("unreadable", "unit_mismatch"):
        # no 分值 printed: nothing on the table to check the claim against, whatever the actual says
        return ClaimCheck("not_comparable", why="weight" if printed is None else r.method)
    if printed is None and r.points > 0:
        # no 分值 printed (a form scoring 年度绩效目标(80分) as a whole): the weight is ours, not the
        # table's, so a claim can only be wrong where the result earns nothing at all
        return ClaimCheck("not_comparable", why="weight")
    scale = printed / s.weight if printed is not None and printed > 0 else 1.0
    low, high = (x * scale for x in r.admissible)
    points, weight = r.points * scale, s.weight * scale
    if r.band_violation:
        return ClaimCheck("band", low, high, points, weight)
    status = "agrees" if low - tolerance <= claimed <= high + tolerance else "differs"
    return ClaimCheck(status, low, high, points, weight)
