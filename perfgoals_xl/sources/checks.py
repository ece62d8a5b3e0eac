"""What every layout reports the same way: an indicator's missing or unknown levels, name and values
(:func:`check_indicator`), the one note listing the fields kept as extras (:func:`extras_note`) and
the one note saying what a reader assumed (:func:`reading_hints`, 读取提示).

Below the layout readers (longform.py, form.py …), so that they share these without importing
each other.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from perfgoals_xl import framework
from perfgoals_xl.model import Indicator, Location, Problem, Project


def extras_note(unknown: Iterable[str], location: Location | None, where: str = "申报表") -> Problem:
    """The info (PG-S11) listing, once, the fields or columns a reader kept as extra fields."""
    return Problem("S11", f"{where}中以下字段或列在模型中没有对应栏目，已作为附加字段原样保留：{'、'.join(unknown)}",
                   location=location)


#: At most this many 读取提示 are listed in the one info (the rest are counted).
MAX_HINTS = 12


def reading_hints(hints: list[str], location: Location | None) -> Problem:
    """The info (PG-S11) saying, once, what a reader assumed where the table was ambiguous (读取提示)."""
    shown = hints[:MAX_HINTS]
    more = f"；另有 {len(hints) - MAX_HINTS} 条" if len(hints) > MAX_HINTS else ""
    return Problem("S11", f"读取提示：{'；'.join(shown)}{more}", location=location)


def check_indicator(ind: Indicator, project: Project, problems: list[Problem], *, levels: bool = True) -> None:
    """Report what a reader cannot place: unknown or missing levels, missing name or values.
    levels=False: the source prints no level columns at all (the levels are unknown, not missing)."""
    found = _level_problems(ind.level1_code, ind.level1, ind.level2_code, ind.level2) if levels else ()
    if not ind.name:
        found += (("S05", "指标名称（三级指标）为空", "name"),)
    if ind.period_value.kind == "empty":
        found += (("S05", "实施周期指标值为空", "period_value"),)
    if ind.annual_value.kind == "empty":
        found += (("S05", "年度指标值为空", "annual_value"),)
    for code, message, key in found:
        problems.append(Problem(code, message, location=ind.field_locations.get(key) or ind.location,
                                project=project.name, seq=ind.seq, field=key))


@functools.lru_cache(maxsize=4096)
def _level_problems(level1_code: str | None, level1_name: str, level2_code: str | None,
                    level2_name: str) -> tuple[tuple[str, str, str], ...]:
    """What is wrong with written levels (code, message, field): unknown or missing (S03/S04).

    Cached: a table repeats the same few levels on every row."""
    found: list[tuple[str, str, str]] = []
    level1 = framework.resolve_level1(level1_code, level1_name)
    if not level1_name and not level1_code:
        found.append(("S03", "一级指标为空，上方也没有可沿用的一级指标", "level1"))
    elif level1 is None:
        found.append(("S03", f"一级指标“{level1_name or level1_code}”不在指标体系中（产出/效益/满意度/成本指标）",
                      "level1"))
    if not level2_name and not level2_code:
        found.append(("S04", "二级指标为空，上方也没有可沿用的二级指标", "level2"))
    else:
        level2 = framework.resolve_level2(level2_code, level2_name, level1.code if level1 else None)
        if level2 is None:
            found.append(("S04", f"二级指标“{level2_name or level2_code}”不在指标体系中", "level2"))
        elif level1 is not None and level2.parent != level1.code:
            found.append(("S04", f"二级指标“{level2_name}”不属于一级指标“{level1_name}”", "level2"))
    return tuple(found)
