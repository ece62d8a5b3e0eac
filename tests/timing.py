"""Timing for the hostile-input tests on a shared machine."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_seconds(run: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of a few runs: the least disturbed by other processes on a shared machine."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)
