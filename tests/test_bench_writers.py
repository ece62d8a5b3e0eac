"""The writers benchmark (benchmarks/bench_writers.py) at its smoke size: it runs, and the cost per
project of `report --form` and `score` does not grow with the number of projects (issue #20, class 11:
a sheet-name check that compared every new sheet with all before it made 20,000 forms quadratic)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_writers import main, writers_alone  # noqa: E402


def test_writers_cost_per_project_does_not_grow() -> None:
    small, large = writers_alone(10, repeat=1), writers_alone(80, repeat=1)
    for key in ("forms", "score"):
        assert large[key] < 2.5 * small[key], (key, small[key], large[key])


def test_sheet_names_stay_cheap_for_many_projects() -> None:
    import time

    from perfgoals_xl.text_clean import SheetNames

    namer = SheetNames(["自评汇总"])
    started = time.perf_counter()
    names = [namer.add("同名项目") for _ in range(5000)]
    assert len(set(names)) == 5000 and time.perf_counter() - started < 5


def test_the_benchmark_measures_the_commands_in_one_run() -> None:
    """Smoke size: every command ran as a process; ratios and memory per row are printed."""
    lines = main(["10"])
    text = "\n".join(lines)
    for title in ("report (department)", "report --form", "score"):
        assert title in text
    assert text.count("KiB per indicator row") == 3 and "load before" in text and "writers alone" in text
