"""How often a project uses an indicator of a similar project, measured on the library itself.

For a sample of the library's real projects, each is compared with its most similar other
projects (the similarity the suggestions use); for each indicator of such a neighbour at
similarity ``s`` we note whether the project uses it too (the same meaning key). Beyond what
the indicator's library share already explains (a project uses a common indicator whether or
not its neighbour does), the share found, per similarity bin, is the chance ``f(s)`` that a
neighbour at similarity ``s`` passes an indicator on:

    P(project uses k) = 1 − (1 − share_k) · Π over neighbours j using k of (1 − f(s_j))

(a noisy-or of the library prior and each neighbour's evidence). A bin with few observations
(a small library, the rare very close pairs) leans on a prior curve ``s**3`` (a project's
indicators are passed on the more the closer it is) with the weight of :data:`PRIOR_WEIGHT`
observations; ``f`` is made non-decreasing in ``s`` (a closer project never counts less) and read
between bin centres by interpolation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Similarity bins of width 1/BINS.
BINS = 10
#: Real projects of the library compared with their neighbours (evenly spread over the library).
SAMPLE = 300
#: Neighbours of each sampled project.
NEIGHBOURS = 10
#: Observations the prior curve counts as, in every bin.
PRIOR_WEIGHT = 10.0


def prior(similarity: float) -> float:
    """The curve before any observation: similarity cubed."""
    return float(similarity) ** 3


def sharing_curve(similar_to: Any, key_sets: Sequence[frozenset[str]], real: Sequence[int],
                  count: dict[str, int], *, sample: int = SAMPLE, neighbours: int = NEIGHBOURS,
                  prior_weight: float = PRIOR_WEIGHT) -> Any:
    """``f`` at the bin centres (an array of :data:`BINS` values in 0–1, non-decreasing).

    ``similar_to(p)`` gives the similarity of every project to project ``p`` (0 where not
    comparable), ``key_sets`` each project's meaning keys, ``real`` the real projects' indices,
    ``count`` the number of real projects using each key; ``prior_weight`` the observations the
    prior curve counts as in each bin."""
    import numpy as np

    used = np.zeros(BINS)
    expected = np.zeros(BINS)
    seen = np.zeros(BINS)
    total = max(len(real) - 1, 1)
    step = max(len(real) / max(sample, 1), 1.0)
    picked = sorted({real[int(i * step)] for i in range(min(sample, len(real)))})
    for p in picked:
        sims = np.asarray(similar_to(p), dtype=float)
        sims[p] = 0.0
        k = min(neighbours, len(sims) - 1)
        if k <= 0:
            continue
        best = np.argpartition(-sims, k - 1)[:k]
        own = key_sets[p]
        for j in best:
            s = float(sims[j])
            if s <= 0:
                continue
            b = min(int(s * BINS), BINS - 1)
            for key in key_sets[j]:
                uses = key in own
                used[b] += uses
                expected[b] += (count.get(key, 0) - uses) / total  # the share among the others
                seen[b] += 1
    curve = np.zeros(BINS)
    for b in range(BINS):
        before = prior((b + 0.5) / BINS)
        found = 0.0
        if seen[b]:
            rate, share = used[b] / seen[b], expected[b] / seen[b]
            found = max(0.0, (rate - share) / (1.0 - share)) if share < 1 else 0.0
        weight = seen[b] + prior_weight
        curve[b] = (seen[b] * found + prior_weight * before) / weight if weight else 0.0
    return np.maximum.accumulate(np.clip(curve, 0.0, 1.0))


def passed_on(curve: Any, similarity: float) -> float:
    """``f(similarity)``: the curve read between its bin centres."""
    import numpy as np

    centres = (np.arange(BINS) + 0.5) / BINS
    return float(np.interp(similarity, centres, curve))
