"""Parse a 绩效指标 (indicators) cell that a reader found in parts: wrapped lines, page pieces.

Each part has its own place in the source; an item or a problem the grammar finds is given
the place of the part its offset falls in.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from perfgoals_xl import grammar
from perfgoals_xl.model import Indicator, Location, Problem


def parse_indicator_parts(
    parts: list[str], *, separator: str, locate: Callable[[int], Location], project: str
) -> tuple[list[Indicator], list[Problem]]:
    """Parse ``separator.join(parts)``; items and problems get ``locate(index of their part)``.

    Each item's ``field_locations`` is ``{"item": its location}``; each problem names ``project``.
    """
    starts, offset = [], 0
    for part in parts:
        starts.append(offset)
        offset += len(part) + len(separator)
    result = grammar.parse(separator.join(parts))

    def place(at: int) -> Location:
        return locate(bisect.bisect_right(starts, at) - 1)

    for item, item_offset in zip(result.items, result.offsets, strict=True):
        item.location = place(item_offset)
        item.field_locations = {"item": item.location}
    for problem in result.problems:
        problem.location = place(problem.offset or 0)
        problem.project = project
    return result.items, result.problems
