"""Indicator codes filled in from the framework (指标体系): ``产出指标；数量指标`` → ``1-产出指标；11-数量指标``.

A source without codes (a long-format sheet with names only, items written without
codes) still gets the official items in the report. Only missing codes are filled and
only where the written name resolves; a written code is never changed. Where the name
was a variant (``满意度`` → ``31-服务对象满意度指标``), the report writes the official name
and the check says so (PG-S12, an info).
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

from perfgoals_xl import framework
from perfgoals_xl.model import Indicator, Spelling


class Filled(NamedTuple):
    """The codes (and official names) an indicator gets; ``mapped`` lists variant names mapped."""

    level1_code: str | None
    level1: str
    level2_code: str | None
    level2: str
    mapped: tuple[tuple[str, str, str], ...]  # (field "level1"/"level2", written, "code-official")


def filled_codes(ind: Indicator) -> Filled:
    """Codes from the framework where the indicator has none and its names resolve."""
    code1, name1, code2, name2 = ind.level1_code, ind.level1, ind.level2_code, ind.level2
    mapped: list[tuple[str, str, str]] = []
    l1 = framework.level1_by_name(name1) if name1 else None
    if not code1 and l1 is not None:
        code1 = l1.code
        if framework.normalise_name(name1) != framework.normalise_name(l1.name):
            mapped.append(("level1", name1, f"{l1.code}-{l1.name}"))
            name1 = l1.name
    parent = code1 if code1 else None
    l2 = framework.level2_by_name(name2, parent) if name2 else None
    if not code2 and l2 is not None and (parent is None or l2.parent == parent):
        code2 = l2.code
        if framework.normalise_name(name2) != framework.normalise_name(l2.name):
            mapped.append(("level2", name2, f"{l2.code}-{l2.name}"))
            name2 = l2.name
    return Filled(code1, name1, code2, name2, tuple(mapped))


def with_codes(ind: Indicator) -> Indicator:
    """The indicator with its missing codes filled (a copy; the same object when nothing changes)."""
    if ind.level1_code and ind.level2_code:
        return ind
    filled = filled_codes(ind)
    if (filled.level1_code, filled.level2_code) == (ind.level1_code, ind.level2_code):
        return ind
    spelling = ind.spelling
    if spelling is not None and (not spelling.l1_dash or not spelling.l2_dash):
        spelling = dataclasses.replace(spelling, l1_dash=spelling.l1_dash or "-",
                                       l2_dash=spelling.l2_dash or "-")
    return dataclasses.replace(ind, level1_code=filled.level1_code, level1=filled.level1,
                               level2_code=filled.level2_code, level2=filled.level2,
                               spelling=spelling or Spelling())
