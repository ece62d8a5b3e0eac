"""Caches that live as long as one file is being read and checked.

Reading and checking a table parse the same texts again and again (a value, an indicator
name, a cell's line count), so a few functions keep an LRU cache. Across the files of a batch
those caches would only grow — up to their bounds, tens of MB — so every such cache is declared
here with :func:`file_cache` and a batch empties them all between files
(:func:`clear_file_caches`): a run's memory is flat in its number of files. Imports nothing of ours.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
_CACHES: list[Any] = []


def file_cache(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)`` that :func:`clear_file_caches` empties."""

    def decorate(function: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _CACHES.append(cached)
        return cached  # type: ignore[return-value]

    return decorate


def clear_file_caches() -> None:
    """Empty every per-file cache (between the files of a batch)."""
    for cached in _CACHES:
        cached.cache_clear()
