"""Quality, measured: leave-one-project-out recall@k of the suggestions against a baseline.

For each real project of a library (the framework's common indicators are not projects), the
suggester is built from all the *other* projects and asked for ``k`` indicators from the
project's name and goal; recall is the share of the project's own indicators (distinct by
meaning) among them, matched by meaning (:func:`perfgoals_xl.suggest.keys.near`, the test the
suggestions merge by). The baseline suggests the same ``k`` indicators
to every project: the most frequent ones of the other projects (counted once per project,
near-duplicate names merged). Recall is averaged over the projects.

``queries`` restricts which projects are asked about (the others still serve as the library);
:meth:`Evaluation.subset` gives the figures of some of the projects asked about. Parameters are
chosen on the projects of one half of the sources and reported on the other half
(benchmarks/bench_suggest_quality.py, docs/suggest.md §5).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from perfgoals_xl.suggest.keys import bigrams, merge_keys, near


@dataclass(frozen=True)
class ProjectRecall:
    """One project asked about: its own indicators (by meaning) and how many of them were found."""

    project_id: int
    name: str
    own: int
    hits: int
    base_hits: int
    #: own indicators that some other project of the library uses at all (the ceiling)
    reachable: int
    #: the keys behind the counts (own keys reachable, found by the suggestions, by the baseline)
    reachable_keys: tuple[str, ...] = ()
    found_keys: tuple[str, ...] = ()
    base_keys: tuple[str, ...] = ()


@dataclass
class Evaluation:
    """Mean recall@k of the suggestions and of the baseline, over ``projects`` projects."""

    k: int
    projects: int = 0
    recall: float = 0.0
    baseline: float = 0.0
    #: the ceiling: mean share of a project's indicators that any other project uses at all
    reachable: float = 0.0
    per_project: list[ProjectRecall] = field(default_factory=list)

    @classmethod
    def of(cls, k: int, rows: list[ProjectRecall]) -> Evaluation:
        """The means over these projects."""
        result = cls(k=k, projects=len(rows), per_project=list(rows))
        if rows:
            result.recall = sum(r.hits / r.own for r in rows) / len(rows)
            result.baseline = sum(r.base_hits / r.own for r in rows) / len(rows)
            result.reachable = sum(r.reachable / r.own for r in rows) / len(rows)
        return result

    def subset(self, ids: Collection[int]) -> Evaluation:
        """The figures of the projects (by id) of this evaluation that are among ``ids``."""
        wanted = set(ids)
        return Evaluation.of(self.k, [r for r in self.per_project if r.project_id in wanted])

    @property
    def hits(self) -> int:
        """Own indicators found by the suggestions, over all projects."""
        return sum(r.hits for r in self.per_project)

    @property
    def base_hits(self) -> int:
        """Own indicators found by the baseline, over all projects."""
        return sum(r.base_hits for r in self.per_project)

    @property
    def own(self) -> int:
        """Own indicators (by meaning), over all projects."""
        return sum(r.own for r in self.per_project)


def matched(own: str, keys: Iterable[str]) -> bool:
    """Is the key ``own`` among ``keys`` by meaning?"""
    grams = bigrams(own)
    return any(near(own, k, grams) for k in keys)


def frequent_groups(frame: Any, k: int) -> list[list[str]]:
    """The ``k`` most frequent indicators of the real projects of a frame, as groups of keys."""
    real = frame[frame["origin"] == "table"]
    users = real.groupby("key")["project_id"].nunique().to_dict()
    group_of = merge_keys(users, {key: float(n) for key, n in users.items()})
    groups: dict[str, list[str]] = {}
    for key, leader in group_of.items():
        groups.setdefault(leader, []).append(key)
    counts = {leader: real.loc[real["key"].isin(members), "project_id"].nunique()
              for leader, members in groups.items()}
    best = sorted(counts, key=lambda g: (-counts[g], g))[:k]
    return [groups[g] for g in best]


def leave_one_out(frame: Any, k: int = 10, *, queries: Collection[int] | None = None,
                  weights: Any = None) -> Evaluation:
    """Leave-one-project-out recall@k of the suggestions (ranked with ``weights``, the default
    ones when None) and of the most-frequent baseline, over the real projects (those of
    ``queries`` only, when given)."""
    from perfgoals_xl.suggest.rank import Suggester

    real = frame[frame["origin"] == "table"]
    if queries is not None:
        real = real[real["project_id"].isin(list(queries))]
    rows: list[ProjectRecall] = []
    for project_id, project_rows in real.groupby("project_id", sort=True):
        own = sorted({key for key in project_rows["key"] if key})
        if not own or not str(project_rows.iloc[0]["project"]).strip():
            continue  # nothing to find, or no name to ask with
        others = frame[frame["project_id"] != project_id]
        first = project_rows.iloc[0]
        found = Suggester(others, weights).suggest(first["project"], first["goal"], k).suggestions
        keys = [key for s in found for key in s.keys]
        base_keys = [key for group in frequent_groups(others, k) for key in group]
        elsewhere = set(others["key"])
        found = tuple(key for key in own if matched(key, keys))
        base_found = tuple(key for key in own if matched(key, base_keys))
        reached = tuple(key for key in own if matched(key, elsewhere))
        rows.append(ProjectRecall(
            project_id=int(project_id), name=str(first["project"]), own=len(own), hits=len(found),
            base_hits=len(base_found), reachable=len(reached), reachable_keys=reached,
            found_keys=found, base_keys=base_found))
    return Evaluation.of(k, rows)
