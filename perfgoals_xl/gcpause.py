"""Pausing Python's cyclic garbage collector around bulk work that makes no reference cycles.

Reading, checking and writing a large table allocate millions of small objects (cells,
indicators, locations, issues) that form no cycles. With a large table in memory, every
full collection walks all of it again: a third of the time of reading a 100,000-row sheet
(benchmarks/bench_memory.py), a quarter of checking it. Reference counting still frees
everything as usual; only the cycle search waits until the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (restored as it was, even on errors)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
