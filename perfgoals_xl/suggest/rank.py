"""Suggestions: the indicators comparable projects used, merged by meaning, ranked.

:class:`Suggester` is built once from a library frame (fitting two character n-gram TF-IDF
models — scikit-learn's ``TfidfVectorizer``, offline — on the projects' names and on name +
goal); :meth:`Suggester.suggest` then answers a project name (and goal) in milliseconds:

1. the projects most like it: cosine similarity of the name (weight :data:`NAME_WEIGHT`) and of
   name + goal (numbers and years left out), the :data:`NEIGHBOURS` best with a similarity above zero;
2. their indicators grouped by meaning (:mod:`perfgoals_xl.suggest.keys`): an indicator's score
   is the sum of the similarities (raised to the power :data:`SHARPEN`: the closest projects
   count most) of the similar projects that use it, each project once however many merged
   wordings it uses, plus :data:`POPULARITY` times the share of the library's projects that use
   it (a smoothing prior: with no close project the most common indicators lead) and a small
   prior for the framework's common indicators (:data:`FRAMEWORK_PRIOR`). (``Weights(calibrated=True)``:
   the chance that a project like this one uses it, a noisy-or of the library share and of each
   similar user, passing it on with a chance measured on the library itself by similarity,
   :mod:`perfgoals_xl.suggest.calibrate` — measured, not chosen);
3. an indicator most of whose uses our rules flag (vague, unmeasurable) keeps
   :data:`FLAG_FACTOR` of its score and is marked;
4. each with its levels (the most common), its name (the most used wording), a typical value
   (the most common operator and unit, the median number; else the most common text), how many
   similar projects use it, and an example source.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from perfgoals_xl.errors import PerfGoalsError
from perfgoals_xl.suggest.keys import clean_name

NEIGHBOURS = 10
NAME_WEIGHT = 0.6
POPULARITY = 1.0
FRAMEWORK_PRIOR = 0.02
FLAG_FACTOR = 0.4
#: A similar project votes with its similarity to this power ("case amplification" of
#: neighbour-based recommenders): the closest projects count much more than the merely related,
#: and with no close project the library prior (the most used indicators) leads. Chosen on the
#: tuning half of the evaluation set (docs/suggest.md §5): 1 → 3 raised recall@10 there from 2.2%
#: to 4.5%; 4 was as good, 6 and more neighbours or a level-2 decay no better.
SHARPEN = 3.0
#: Globally common indicators considered beside those of the similar projects.
POPULAR_CANDIDATES = 30
#: Places of a list kept for the library's most used indicators (0: none kept).
COMMON_SHARE = 0
#: Score = the chance a project like the query uses the indicator, calibrated on the library
#: (an option: on the tuning halves of the second round it found 33, 28 and 27 own indicators
#: where counting a project once per meaning found 33, 28 and 30; docs/suggest.md §5).
CALIBRATED = False
#: A project counts once per meaning group (chosen in the second round: docs/suggest.md §5).
DISTINCT = True
#: Weight of the calibration's prior curve, in observations per similarity bin.
CURVE_PRIOR = 10.0
MAX_QUERY = 500
#: Character n-grams of the TF-IDF models.
NGRAMS = (1, 3)
#: Years and other numbers in names (2023年, 第1批) say nothing about what a project does.
_DIGITS = re.compile(r"[0-9]{1,8}(?:年度|年)?")
MAX_RESULTS = 200
#: Most uses of one indicator read for its typical value, wording and example.
MAX_USES = 200
_ROW_FIELDS = ("name", "value", "value_kind", "operator", "number", "unit", "flags", "project", "source",
               "level1_code", "level1", "level2_code", "level2")


@dataclass(frozen=True)
class Weights:
    """The ranking's parameters (defaults: the module constants; docs/suggest.md §3 and §5)."""

    neighbours: int = NEIGHBOURS
    name_weight: float = NAME_WEIGHT
    popularity: float = POPULARITY
    framework_prior: float = FRAMEWORK_PRIOR
    flag_factor: float = FLAG_FACTOR
    #: similarities raised to this power before they vote (above 1: the closest projects count more)
    sharpen: float = SHARPEN
    #: votes divided by the neighbours' total similarity (the similarity-weighted share of similar
    #: projects using an indicator, 0–1), so that ``popularity`` is the strength of the library prior
    normalise: bool = False
    #: each further suggestion of a level 2 already suggested keeps this share of its score
    #: (1: no diversification; a project has one or two indicators of most level 2s)
    family_decay: float = 1.0
    #: the library's most used indicators considered beside those of the similar projects
    popular_candidates: int = POPULAR_CANDIDATES
    #: places of the list kept for the library's most used indicators (by real projects using
    #: them, meaning-merged, not flagged), the rest filled by score (0: by score alone)
    common_share: int = COMMON_SHARE
    #: a project counts once per meaning group (its votes and the library's share), however many
    #: merged wordings of the indicator it uses (``其中猪养殖数量`` and ``猪养殖数量``); False: once per wording
    distinct: bool = DISTINCT
    #: the framework prior of a framework example no real project of the library uses keeps this share
    framework_alone: float = 1.0
    #: score = the chance the project uses the indicator: a noisy-or of its library share and of
    #: each similar project using it, passing it on with a chance measured on the library itself
    #: by similarity (:mod:`perfgoals_xl.suggest.calibrate`; ``sharpen`` and ``popularity`` unused)
    calibrated: bool = CALIBRATED
    #: observations the prior curve (similarity cubed) counts as in each similarity bin of the calibration
    curve_prior: float = CURVE_PRIOR


@dataclass(frozen=True)
class SimilarProject:
    """A project of the library like the one asked about."""

    project: str
    department: str
    place: str
    year: int | None
    source: str
    similarity: float


@dataclass
class Suggestion:
    """One suggested indicator."""

    level1_code: str
    level1: str
    level2_code: str
    level2: str
    name: str
    value: str  # the typical value as written: ≥95%, 12次, 12月底前, 符合 ('' : fill in)
    operator: str
    number: float | None
    unit: str
    projects: int  # similar projects using it
    library_projects: int  # projects of the whole library using it
    score: float
    flags: tuple[str, ...] = ()
    example_project: str = ""
    example_source: str = ""
    variants: tuple[str, ...] = ()
    framework: bool = False
    #: the meaning keys merged into this suggestion
    keys: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        """Do our rules flag most of its uses (vague, unmeasurable)?"""
        return bool(self.flags)

    def to_dict(self) -> dict[str, Any]:
        """The suggestion as plain data (JSON, CSV)."""
        return {
            "level1_code": self.level1_code, "level1": self.level1, "level2_code": self.level2_code,
            "level2": self.level2, "name": self.name, "value": self.value, "operator": self.operator,
            "number": self.number, "unit": self.unit, "projects": self.projects,
            "library_projects": self.library_projects, "score": round(self.score, 4),
            "flags": list(self.flags), "example_project": self.example_project,
            "example_source": self.example_source, "variants": list(self.variants),
            "framework": self.framework,
        }


@dataclass
class Result:
    """The answer to one query: the similar projects and the suggestions, best first."""

    similar: list[SimilarProject] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)


def _vectorizer() -> Any:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, sublinear_tf=True, dtype=np.float32)


def _clean(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKC", text or "")[:MAX_QUERY].lower()
    return _DIGITS.sub(" ", text)


def number_text(number: float) -> str:
    """A number as people write it (12, 0.5, 95)."""
    return f"{number:.6g}" if not float(number).is_integer() else str(int(number))


def typical_value(rows: list[dict[str, Any]]) -> tuple[str, str, float | None, str]:
    """(value as written, operator, median number, unit) of an indicator's uses: the most common
    unit and operator of its numeric values and their median; else the most common text."""
    numeric = [r for r in rows if r["value_kind"] in ("number", "percent") and r["number"] == r["number"]
               and r["number"] is not None]
    if numeric:
        unit = Counter(r["unit"] for r in numeric).most_common(1)[0][0]
        same = [r for r in numeric if r["unit"] == unit]
        operator = Counter(r["operator"] or "=" for r in same).most_common(1)[0][0]
        number = float(statistics.median(r["number"] for r in same))
        shown = ("" if operator == "=" else operator) + number_text(number) + unit
        return shown, operator, number, unit
    texts = [r["value"] for r in rows if r["value"]]
    if texts:
        return Counter(texts).most_common(1)[0][0], "", None, ""
    return "", "", None, ""


class Suggester:
    """Suggestions from one library frame (see the module docstring)."""

    def __init__(self, frame: Any, weights: Weights | None = None) -> None:
        import numpy as np

        self.weights = weights or Weights()
        if frame is None or frame.empty:
            raise PerfGoalsError("指标库中没有指标，无法推荐")
        frame = frame.sort_values(["project_id", "seq"], kind="stable").reset_index(drop=True)
        self.rows = frame
        ids = frame["project_id"].to_numpy()
        starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
        self.starts = starts
        self.ends = np.r_[starts[1:], len(ids)]
        first = frame.iloc[starts]
        self.framework = (first["origin"] == "framework").to_numpy()
        self.projects = first[["project", "goal", "department", "place", "year", "source"]].to_dict("records")
        self.keys = frame["key"].tolist()
        self.flagged = (frame["flags"] != "").to_numpy()
        self.project_of_row = np.repeat(np.arange(len(starts)), self.ends - starts)
        # library-wide use of each key (distinct real projects), and its rows
        self.rows_of_key: dict[str, list[int]] = defaultdict(list)
        users: dict[str, set[int]] = defaultdict(set)
        for i, key in enumerate(self.keys):
            self.rows_of_key[key].append(i)
            p = int(self.project_of_row[i])
            if not self.framework[p]:
                users[key].add(p)
        self.use_count = {k: len(v) for k, v in users.items()}
        self.users_of_key = dict(users)
        real = int((~self.framework).sum())
        self.real_projects = max(real, 1)
        self.popular = [k for k, _ in sorted(self.use_count.items(), key=lambda kv: (-kv[1], kv[0]))
                        ][:self.weights.popular_candidates]
        self.framework_keys = [k for i, k in enumerate(self.keys) if self.framework[self.project_of_row[i]]]
        names = [_clean(p["project"]) for p in self.projects]
        full = [_clean(p["project"] + " " + p["goal"][:300]) for p in self.projects]
        self.name_model = _vectorizer().fit(names)
        self.full_model = _vectorizer().fit(full)
        self.name_matrix = self.name_model.transform(names).tocsr()
        self.full_matrix = self.full_model.transform(full).tocsr()
        self.columns = {name: frame[name].tolist() for name in _ROW_FIELDS}
        self.curve = self._sharing_curve() if self.weights.calibrated else None

    def _sharing_curve(self) -> Any:
        """How often a similar project's indicator is used, by similarity (calibrate.py)."""
        from perfgoals_xl.suggest.calibrate import sharing_curve

        key_sets = [frozenset(self.keys[int(a):int(b)]) for a, b in zip(self.starts, self.ends, strict=True)]
        real = [p for p in range(len(key_sets)) if not self.framework[p]]
        return sharing_curve(self._similar_to, key_sets, real, self.use_count,
                             prior_weight=self.weights.curve_prior)

    def _similar_to(self, p: int) -> Any:
        """Similarity of every project of the library to its project ``p``."""
        w = self.weights.name_weight
        sims = (self.name_matrix @ self.name_matrix[p].T).toarray().ravel() * w
        sims += (self.full_matrix @ self.full_matrix[p].T).toarray().ravel() * (1 - w)
        sims[self.framework] = 0.0
        return sims

    def _row(self, i: int) -> dict[str, Any]:
        return {name: values[i] for name, values in self.columns.items()}

    def similarities(self, name: str, goal: str = "") -> Any:
        """Similarity of every project of the library to this one (0 for the framework's)."""
        query = self.name_model.transform([_clean(name)]).toarray().ravel()
        w = self.weights.name_weight
        sims = self.name_matrix @ query * w
        full = self.full_model.transform([_clean(name + " " + (goal or ""))]).toarray().ravel()
        sims += self.full_matrix @ full * (1 - w)
        sims[self.framework] = 0.0
        return sims

    def suggest(self, name: str, goal: str = "", n: int = 10) -> Result:
        """The ``n`` indicators best suited to a project of this name and goal."""
        import numpy as np

        if not (name or "").strip():
            raise PerfGoalsError("请输入项目名称")
        n = max(1, min(int(n), MAX_RESULTS))
        sims = self.similarities(name, goal)
        k = min(self.weights.neighbours, len(sims))
        best = np.argpartition(-sims, k - 1)[:k] if k < len(sims) else np.arange(len(sims))
        best = [int(p) for p in best[np.argsort(-sims[best], kind="stable")] if sims[p] > 0]
        score: dict[str, float] = defaultdict(float)
        users: dict[str, set[int]] = defaultdict(set)
        rows_of: dict[str, list[int]] = defaultdict(list)
        votes = {p: float(sims[p]) ** self.weights.sharpen for p in best}
        total_vote = sum(votes.values()) if self.weights.normalise else 1.0
        for p in best:
            seen: set[str] = set()
            for i in range(int(self.starts[p]), int(self.ends[p])):
                key = self.keys[i]
                rows_of[key].append(i)
                if key not in seen:
                    seen.add(key)
                    score[key] += votes[p] / (total_vote or 1.0)
                    users[key].add(p)
        for key in self.popular:  # the library's most common indicators are candidates too
            score[key] += 0.0
        for key in self.framework_keys:
            score[key] += self.weights.framework_prior
        groups = _merge(score)
        scored = []
        framework_keys = set(self.framework_keys)
        distinct = self.weights.distinct or self.curve is not None
        if self.curve is not None:
            from perfgoals_xl.suggest.calibrate import passed_on

            passing = {p: passed_on(self.curve, float(sims[p])) for p in best}
        for members in groups.values():
            similar_users = set().union(*(users.get(k, set()) for k in members))
            if self.curve is not None:  # noisy-or of the library share and each similar user
                library = (self.use_count.get(members[0], 0) if len(members) == 1 else
                           len(set().union(*(self.users_of_key.get(k, ()) for k in members))))
                share = library / self.real_projects
                share += self.weights.framework_prior if framework_keys.intersection(members) else 0.0
                miss = 1.0 - min(share, 0.99)
                for p in similar_users:
                    miss *= 1.0 - passing[p]
                total = 1.0 - miss
            elif distinct:  # each project once per meaning, the framework prior once
                total = sum(votes[p] for p in similar_users) / (total_vote or 1.0)
                total += self.weights.framework_prior if framework_keys.intersection(members) else 0.0
                library = (self.use_count.get(members[0], 0) if len(members) == 1 else
                           len(set().union(*(self.users_of_key.get(k, ()) for k in members))))
            else:
                total = sum(score[k] for k in members)
                library = sum(self.use_count.get(k, 0) for k in members)
            if not library and not similar_users:  # a framework example no real project uses
                total *= self.weights.framework_alone
            if self.curve is None:
                total += self.weights.popularity * library / self.real_projects
            chosen = [i for k in members for i in rows_of.get(k, [])][:MAX_USES]
            if not chosen:  # a common indicator no similar project uses: its uses in the library
                chosen = [i for k in members for i in self.rows_of_key.get(k, [])[:MAX_USES]][:MAX_USES]
                if not chosen:
                    continue
            flagged = int(self.flagged[chosen].sum()) * 2 > len(chosen)
            if flagged:
                total *= self.weights.flag_factor
            level2 = self.columns["level2_code"][chosen[0]]
            scored.append((-total, -len(similar_users), level2, min(members), members, chosen,
                           len(similar_users), library, flagged))
        scored.sort(key=lambda item: item[:4])
        scored = _with_common_share(scored, n, self.weights.common_share)
        scored = _diversified(scored, n, self.weights.family_decay)
        ranked = [self._suggestion(chosen, members, -neg, users_n, library, sims, flagged)
                  for neg, _, _, _, members, chosen, users_n, library, flagged in scored[:n]]
        similar = [SimilarProject(self.projects[p]["project"], self.projects[p]["department"],
                                  self.projects[p]["place"], _year(self.projects[p]["year"]),
                                  self.projects[p]["source"], round(float(sims[p]), 4))
                   for p in best[:n]]
        return Result(similar=similar, suggestions=ranked)

    def _suggestion(self, chosen: list[int], members: list[str], total: float, projects: int,
                    library: int, sims: Any, flagged_most: bool) -> Suggestion:
        rows = [self._row(i) for i in chosen]
        weights = [float(sims[self.project_of_row[i]]) + 1e-6 for i in chosen]
        by_name: Counter[str] = Counter()
        by_levels: Counter[tuple[str, str, str, str]] = Counter()
        for row, w in zip(rows, weights, strict=True):
            by_name[clean_name(row["name"])] += w
            by_levels[(row["level1_code"], row["level1"], row["level2_code"], row["level2"])] += w
        flags: tuple[str, ...] = ()
        if flagged_most:  # the score was already lowered
            codes = Counter(c for row in rows if row["flags"] for c in row["flags"].split(","))
            flags = tuple(c for c, _ in codes.most_common(3))
        value, operator, number, unit = typical_value(rows)
        example = max(range(len(rows)), key=lambda j: (weights[j], -chosen[j]))
        l1c, l1, l2c, l2 = by_levels.most_common(1)[0][0]
        framework = all(self.framework[self.project_of_row[i]] for i in chosen)
        return Suggestion(
            level1_code=l1c, level1=l1, level2_code=l2c, level2=l2, name=by_name.most_common(1)[0][0],
            value=value, operator=operator, number=number, unit=unit, projects=projects,
            library_projects=library, score=total, flags=flags,
            example_project=rows[example]["project"], example_source=rows[example]["source"],
            variants=tuple(sorted({row["name"] for row in rows}))[:5], framework=framework,
            keys=tuple(members))


def _year(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _diversified(scored: list[tuple[Any, ...]], n: int, decay: float) -> list[tuple[Any, ...]]:
    """The first ``n`` of the sorted candidates, each further one of a level 2 already taken
    weighed down by ``decay`` per earlier one (greedy; the scores shown stay the real ones)."""
    if decay >= 1.0:
        return scored[:n]
    taken: list[tuple[Any, ...]] = []
    per_level: Counter[str] = Counter()
    rest = list(scored)
    while rest and len(taken) < n:
        best = min(range(len(rest)), key=lambda j: (rest[j][0] * decay ** per_level[rest[j][2]], j))
        item = rest.pop(best)
        per_level[item[2]] += 1
        taken.append(item)
    return taken


def _with_common_share(scored: list[tuple[Any, ...]], n: int, share: int) -> list[tuple[Any, ...]]:
    """The sorted candidates reordered so that the first ``n`` hold the ``share`` most used in the
    library (not flagged) and the best-scored others, in score order; the rest after them."""
    if share <= 0:
        return scored
    common = sorted((j for j, item in enumerate(scored) if item[7] > 0 and not item[8]),
                    key=lambda j: (-scored[j][7], j))[:min(share, n)]
    keep = set(common)
    for j in range(len(scored)):
        if len(keep) >= n:
            break
        keep.add(j)
    return [scored[j] for j in sorted(keep)] + [item for j, item in enumerate(scored) if j not in keep]


def _merge(score: dict[str, float]) -> dict[str, list[str]]:
    """Candidate keys grouped by meaning: leader → members (heaviest first)."""
    from perfgoals_xl.suggest.keys import merge_keys

    groups: dict[str, list[str]] = defaultdict(list)
    for key, leader in merge_keys(score, score).items():
        groups[leader].append(key)
    return groups
