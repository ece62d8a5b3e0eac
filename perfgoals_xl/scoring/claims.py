"""A published 得分 against the rules: agrees, differs, or cannot be compared (and why).

One judgement shared by PG-E06 / PG-E08 and the corpus comparison (scripts/fidelity.py): the
claim is read at the 分值 printed beside it (the project's total may have used default weights),
a qualitative claim is judged against its band's range, a quantitative one against its point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from perfgoals_xl.model import Indicator
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


def check_claim(s: IndicatorScore, tolerance: float = 0.05,
                group: Sequence[IndicatorScore] = ()) -> ClaimCheck | None:
    """The claimed 得分 of one indicator against the rules (None when the table claims none).

    group: the indicators sharing that one 得分 (a cell merged over their rows, :func:`shared_scores`):
    the claim is judged against the sum of what each of them may earn."""
    claimed = s.indicator.score
    if claimed is None:
        return None
    members = [s, *(m for m in group if m is not s)]
    parts = [_range(m) for m in members]
    for part in parts:
        if part.status == "not_comparable":
            return part
    low, high = sum(p.low for p in parts), sum(p.high for p in parts)
    points, weight = sum(p.points for p in parts), sum(p.weight for p in parts)
    if len(parts) == 1 and parts[0].status == "band":
        return parts[0]  # (a group's share of its band is not one indicator's: judged by its range)
    status = "agrees" if low - tolerance <= claimed <= high + tolerance else "differs"
    return ClaimCheck(status, low, high, points, weight)


def _range(s: IndicatorScore) -> ClaimCheck:
    """What one indicator may earn at its printed 分值 (status band: its claim lies outside its
    qualitative band), or why it cannot be compared."""
    r = s.result
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
    return ClaimCheck("band" if r.band_violation else "", low, high, r.points * scale, s.weight * scale)


def shared_groups(indicators: Sequence[Indicator], field: str = "score") -> list[list[int]]:
    """Indicators sharing one printed 得分 (or, field="weight", one 分值): a cell merged down over several
    rows, read on the first (the claim) and not on the rows it covers (no value of their own, the same
    cell). The index lists of groups of two or more, the claiming row first."""
    groups: list[list[int]] = []
    head: int | None = None
    for n, ind in enumerate(indicators):
        at = ind.field_locations.get(field)
        if getattr(ind, field) is not None:
            head = n if at is not None and at.cell else None
        elif head is not None and at == indicators[head].field_locations.get(field):
            if not groups or groups[-1][0] != head:
                groups.append([head])
            groups[-1].append(n)
            continue
        else:
            head = None
    return groups


def shared_scores(scores: Sequence[IndicatorScore]) -> dict[int, list[IndicatorScore]]:
    """:func:`shared_groups` of scored indicators, keyed by ``id`` of the claiming one."""
    out: dict[int, list[IndicatorScore]] = {}
    for group in shared_groups([s.indicator for s in scores]):
        out[id(scores[group[0]])] = [scores[n] for n in group]
    return out
