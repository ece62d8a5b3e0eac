"""Timing for the benchmarks: the fastest of a few runs, the least disturbed on a shared machine."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def best_of(fn: Callable[[], Any], repeat: int = 3, *, setup: Callable[[], object] | None = None) -> tuple[float, Any]:
    """(fastest seconds of `repeat` runs of fn, the last run's result); setup runs before each, untimed."""
    best, result = float("inf"), None
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result
