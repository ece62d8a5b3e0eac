"""Matching two versions of a table: projects by code or name, indicators by levels and name.

Projects: the same 项目编码 (both versions carry one), then the same unit and name, then the
same name under another unit, then a name alike enough (a renamed project), then mostly the
same indicators (a project renamed beyond likeness). Indicators of a
matched project: the same 一级/二级/三级; then a renamed indicator (same levels and both values,
or the same levels and a name alike enough); then the same name under other levels (moved to
another level). What is left over is added or removed — unless the same indicator (levels,
name and values) turns up in another project: then it moved there.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from perfgoals_xl.model import Indicator, PerfTable, Project
from perfgoals_xl.review.keys import similarity, text_key, unit_key, value_key

#: A renamed project's name must be at least this alike to its old name.
PROJECT_SIMILARITY = 0.75
#: A project renamed beyond likeness is still the same project when at least this share of the
#: indicators of both (levels, name and values) are the same ones, and each has MIN_SHARED or more.
PROJECT_SHARED = 0.6
MIN_SHARED = 2
#: A renamed indicator with a changed value must be at least this alike to its old name.
INDICATOR_SIMILARITY = 0.6
#: Above this many pairs of unmatched items, names are not compared pairwise (bounded work: a
#: name comparison reads at most 200 characters of each).
MAX_FUZZY_PAIRS = 40_000

T = TypeVar("T")


@dataclass(slots=True)
class ProjectView:
    """A project with its unit: the unit of comparison (a department plan is one)."""

    unit: str
    project: Project


@dataclass(slots=True)
class Pairing(Generic[T]):
    """Pairs (old, new, how) and the unmatched items of each side, in table order."""

    pairs: list[tuple[T, T, str]] = field(default_factory=list)
    removed: list[T] = field(default_factory=list)
    added: list[T] = field(default_factory=list)


def project_views(table: PerfTable) -> list[ProjectView]:
    """Every project of a table with its unit; a department-wide table's plan as one project (before
    the project tables the same file holds, if any)."""
    views = [ProjectView(unit=u.name, project=p) for u in table.units for p in u.projects]
    if table.kind == "department" and table.plan is not None:
        plan = table.plan
        project = Project(name=plan.name or table.department or "部门整体", amounts=plan.amounts,
                          goal=plan.goal, indicators=plan.indicators, code=plan.code)
        project.location = plan.location
        return [ProjectView(unit=table.department or plan.name, project=project), *views]
    return views


def _pair_by(old: list[int], new: list[int], key_old, key_new, how: str,
             pairs: list[tuple[int, int, str]]) -> tuple[list[int], list[int]]:
    """Pair items whose keys are equal (in order among equals); return what is left on each side."""
    waiting: dict[object, deque[int]] = defaultdict(deque)
    for i in old:
        k = key_old(i)
        if k is not None:
            waiting[k].append(i)
    used_old: set[int] = set()
    left_new: list[int] = []
    for j in new:
        k = key_new(j)
        queue = waiting.get(k) if k is not None else None
        if queue:
            i = queue.popleft()
            used_old.add(i)
            pairs.append((i, j, how))
        else:
            left_new.append(j)
    return [i for i in old if i not in used_old], left_new


def _pair_alike(old: list[int], new: list[int], score, threshold: float, how: str,
                pairs: list[tuple[int, int, str]]) -> tuple[list[int], list[int]]:
    """Pair the most alike items first (score ≥ threshold); bounded by MAX_FUZZY_PAIRS."""
    if not old or not new or len(old) * len(new) > MAX_FUZZY_PAIRS:
        return old, new
    scored = []
    for i in old:
        for j in new:
            s = score(i, j)
            if s >= threshold:
                scored.append((-s, i, j))
    scored.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _, i, j in scored:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j, how))
    return [i for i in old if i not in used_old], [j for j in new if j not in used_new]


def _finish(old_items: Sequence[T], new_items: Sequence[T], pairs: list[tuple[int, int, str]],
            left_old: Iterable[int], left_new: Iterable[int]) -> Pairing[T]:
    pairs.sort(key=lambda p: (p[1], p[0]))
    return Pairing(pairs=[(old_items[i], new_items[j], how) for i, j, how in pairs],
                   removed=[old_items[i] for i in sorted(left_old)],
                   added=[new_items[j] for j in sorted(left_new)])


def match_projects(old: Sequence[ProjectView], new: Sequence[ProjectView]) -> Pairing[ProjectView]:
    """Pair the projects of two versions (code, unit + name, name, a name alike enough)."""
    pairs: list[tuple[int, int, str]] = []
    left_old, left_new = list(range(len(old))), list(range(len(new)))

    def code(views: Sequence[ProjectView]):
        return lambda i: text_key(views[i].project.code) or None

    def unit_name(views: Sequence[ProjectView]):
        return lambda i: (unit_key(views[i].unit), text_key(views[i].project.name))

    def name(views: Sequence[ProjectView]):
        return lambda i: text_key(views[i].project.name) or None

    left_old, left_new = _pair_by(left_old, left_new, code(old), code(new), "code", pairs)
    left_old, left_new = _pair_by(left_old, left_new, unit_name(old), unit_name(new), "name", pairs)
    left_old, left_new = _pair_by(left_old, left_new, name(old), name(new), "name", pairs)

    def alike(i: int, j: int) -> float:
        return similarity(text_key(old[i].project.name), text_key(new[j].project.name))

    left_old, left_new = _pair_alike(left_old, left_new, alike, PROJECT_SIMILARITY, "similar", pairs)
    # renamed beyond likeness: a project whose indicators are mostly the same ones
    old_sets = {i: {indicator_key(x) for x in old[i].project.indicators} for i in left_old}
    new_sets = {j: {indicator_key(x) for x in new[j].project.indicators} for j in left_new}

    def shared(i: int, j: int) -> float:
        a, b = old_sets[i], new_sets[j]
        if len(a) < MIN_SHARED or len(b) < MIN_SHARED:
            return 0.0
        return len(a & b) / len(a | b)

    left_old, left_new = _pair_alike(left_old, left_new, shared, PROJECT_SHARED, "indicators", pairs)
    return _finish(old, new, pairs, left_old, left_new)


def levels_key(ind: Indicator) -> tuple[str, str]:
    """一级 and 二级 as keys."""
    return text_key(ind.level1), text_key(ind.level2)


def values_key(ind: Indicator) -> tuple:
    """Both values as keys."""
    return value_key(ind.period_value), value_key(ind.annual_value)


def indicator_key(ind: Indicator) -> tuple:
    """Levels, name and values: the same indicator wherever it stands."""
    return (*levels_key(ind), text_key(ind.name), *values_key(ind))


def match_indicators(old: Sequence[Indicator], new: Sequence[Indicator]) -> Pairing[Indicator]:
    """Pair the indicators of a matched project: same levels and name; renamed (same levels and
    values, or a name alike enough); moved to other levels (same name)."""
    pairs: list[tuple[int, int, str]] = []
    left_old, left_new = list(range(len(old))), list(range(len(new)))
    left_old, left_new = _pair_by(left_old, left_new,
                                  lambda i: (*levels_key(old[i]), text_key(old[i].name)),
                                  lambda j: (*levels_key(new[j]), text_key(new[j].name)), "same", pairs)

    def renamed(i: int, j: int) -> float:
        a, b = old[i], new[j]
        if levels_key(a) != levels_key(b):
            return 0.0
        alike = similarity(text_key(a.name), text_key(b.name))
        if values_key(a) == values_key(b):
            return 1.0 + alike  # same levels and values: renamed, the most alike name first
        return alike

    left_old, left_new = _pair_alike(left_old, left_new, renamed, INDICATOR_SIMILARITY, "renamed", pairs)
    left_old, left_new = _pair_by(left_old, left_new, lambda i: text_key(old[i].name) or None,
                                  lambda j: text_key(new[j].name) or None, "moved", pairs)
    return _finish(old, new, pairs, left_old, left_new)
