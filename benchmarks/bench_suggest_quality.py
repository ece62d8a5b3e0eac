"""Suggestion quality: leave-one-project-out recall@10 against the most-frequent baseline.

    python benchmarks/bench_suggest_quality.py [--limit N] [--tune [--only NAME,…]] [--detail tune|report]

Two real libraries (docs/suggest.md §5): the corpus tables of tests/corpus/ alone, and the corpus
with the gathered tables of benchmarks/suggest_eval/ (more projects of the same kinds). Each real
project is asked about by its name and goal, with every other project as the library; recall is the
share of its own indicators (by meaning) among the first 10 suggestions, averaged over projects.

The larger set's projects are split in two halves by their source (one published table, i.e. one
department's publication, never split): ``--tune`` compares the candidate rankings on the tuning
half only; the report half is used for nothing but the report. ``--limit N`` asks about the first N
projects of each set only (the smoke test's tiny size; figures then mean nothing). ``--detail HALF``
lists, per project of that half, its indicators some other project uses and which of them the
suggestions (R) and the baseline (B) found — how docs/suggest.md §5 explains the figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_starter_library import GATHERED_MARK, build, corpus_only, half_of  # noqa: E402

from perfgoals_xl.suggest.evaluate import Evaluation, leave_one_out  # noqa: E402
from perfgoals_xl.suggest.rank import Weights  # noqa: E402


def sim3(**changes: object) -> Weights:
    """The ranking chosen in the first round (similarity^3 votes + 1.0 × library share, a project
    voting once per wording), changed."""
    return Weights(calibrated=False, distinct=False, **changes)  # type: ignore[arg-type]


def calibrated(**changes: object) -> Weights:
    """The calibrated noisy-or (calibrate.py), changed."""
    return Weights(calibrated=True, **changes)  # type: ignore[arg-type]


#: Candidate rankings compared on the tuning half (name → weights); docs/suggest.md §5 has the result.
CANDIDATES: dict[str, Weights] = {
    # first round: similar projects' votes, similarity to a power, plus the library share
    "similarity^1 (before)": sim3(sharpen=1.0),
    "similarity^2": sim3(sharpen=2.0),
    "similarity^3 (chosen in the first round)": sim3(),
    "similarity^4": sim3(sharpen=4.0),
    "similarity^6": sim3(sharpen=6.0),
    "similarity^3, 5 neighbours": sim3(neighbours=5),
    "similarity^3, 20 neighbours": sim3(neighbours=20),
    "similarity^3, name weight 0.4": sim3(name_weight=0.4),
    "similarity^3, name weight 0.8": sim3(name_weight=0.8),
    "similarity^3, prior 0.5": sim3(popularity=0.5),
    "similarity^3, prior 2": sim3(popularity=2.0),
    "similarity^3, 100 popular candidates": sim3(popular_candidates=100),
    "similarity^3, level-2 decay 0.7": sim3(family_decay=0.7),
    "similarity^3, level-2 decay 0.5": sim3(family_decay=0.5),
    "normalised votes, prior 0.5": sim3(normalise=True, popularity=0.5),
    "normalised votes, prior 1": sim3(normalise=True, popularity=1.0),
    # second round (issue #23): the baseline's strengths kept in the list, the framework's examples,
    # a project counted once per meaning, and the votes calibrated on the library itself
    "similarity^3, common share 3": sim3(common_share=3),
    "similarity^3, common share 4": sim3(common_share=4),
    "similarity^3, common share 5": sim3(common_share=5),
    "similarity^3, common share 6": sim3(common_share=6),
    "similarity^3, common share 5, framework prior 0": sim3(common_share=5, framework_prior=0.0),
    "similarity^3, framework prior 0": sim3(framework_prior=0.0),
    "similarity^3, framework alone 0.5": sim3(framework_alone=0.5),
    "similarity^3, framework alone 0": sim3(framework_alone=0.0),
    "similarity^3, distinct (chosen)": Weights(),
    "calibrated noisy-or": calibrated(),
    "calibrated noisy-or, no prior curve": calibrated(curve_prior=0.0),
    "calibrated noisy-or, framework prior 0": calibrated(framework_prior=0.0),
    "calibrated noisy-or, 20 neighbours": calibrated(neighbours=20),
    "calibrated noisy-or, common share 3": calibrated(common_share=3),
}


def real_ids(frame: Any, half: str | None = None, limit: int | None = None) -> list[int]:
    """The real projects' ids (of one half when given; the first ``limit`` when given)."""
    first = frame[frame["origin"] == "table"].groupby("project_id", sort=True)["source"].first()
    ids = [int(p) for p, source in first.items() if half is None or half_of(str(source)) == half]
    return ids[:limit] if limit else ids


def line(label: str, result: Evaluation) -> str:
    """One report line: recall, baseline, ratio, reachable."""
    ratio = result.recall / result.baseline if result.baseline else float("inf")
    return (f"{label:<40} projects {result.projects:>4}  recall@10 {result.recall:6.1%} "
            f"({result.hits}/{result.own})  baseline {result.baseline:6.1%} ({result.base_hits}/{result.own})  "
            f"ratio {ratio:4.2f}x  reachable {result.reachable:6.1%}")


def main(argv: list[str] | None = None) -> int:
    """Build both libraries, measure, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="ask about the first N projects only")
    parser.add_argument("--tune", action="store_true", help="compare the candidate rankings on the tuning half")
    parser.add_argument("--detail", choices=("tune", "report"), default=None,
                        help="per project of one half: its reachable indicators, which the suggestions "
                             "(R) and the baseline (B) found")
    parser.add_argument("--only", default="", help="with --tune: only the candidates whose name contains one of these (comma-separated)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    large, _ = build()  # the starter library: the framework's indicators, tests/corpus, the gathered tables
    small = corpus_only(large)
    real = large[large["origin"] == "table"]
    gathered = real[real["source"].str.contains(GATHERED_MARK, regex=False)]
    print(f"corpus library: {small['project_id'].nunique()} projects; larger set: "
          f"{large['project_id'].nunique()} projects from {real['source'].nunique()} published tables "
          f"({gathered['project_id'].nunique()} gathered projects) — built in {time.perf_counter() - start:.1f} s")
    if args.detail:
        result = leave_one_out(large, 10, queries=real_ids(large, args.detail, args.limit))
        for row in result.per_project:
            print(f"{row.project_id:>4} {row.name[:40]}  own {row.own}  reachable {row.reachable}  "
                  f"R {row.hits}  B {row.base_hits}")
            for key in row.reachable_keys:
                tags = ("R" if key in row.found_keys else "-") + ("B" if key in row.base_keys else "-")
                print(f"       {tags} {key}")
        print(line(f"{args.detail} half", result))
        return 0
    if args.tune:
        for name, weights in CANDIDATES.items():
            if not any(part in name for part in args.only.split(",")):
                continue
            print(line(f"tune half, {name}", leave_one_out(
                large, 10, queries=real_ids(large, "tune", args.limit), weights=weights)))
        return 0
    print(line("corpus (tests/corpus)", leave_one_out(small, 10, queries=real_ids(small, None, args.limit))))
    everything = leave_one_out(large, 10, queries=real_ids(large, None, args.limit))
    print(line("larger set, all projects", everything))
    for half in ("tune", "report"):
        print(line(f"larger set, {half} half", everything.subset(real_ids(large, half))))
    print(f"total {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
