"""PG-S10 once per kind of assumption: the amount rows a reader read the same way, in one finding.

The published-text reader (and the entry sheet's cell notes) record one S10 problem per amount
row whose empty columns vanished — on a real table every row says the same thing (已按 财政拨款
读取). Those of one kind become one problem naming the count and the places; its issue marks
every cell (``IssueLocation.cells``). A kind met once stays as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from perfgoals_xl.model import Problem

_SHOWN = re.compile(r"已按 ([^\s，。；（）]{1,40}) 读取")
#: Places named in the merged message; the rest are counted.
PLACES_SHOWN = 10


def _where(problem: Problem) -> str:
    loc = problem.location
    if loc is None:
        return ""
    if loc.cell:
        return loc.cell
    return f"第{loc.line}行" if loc.line is not None else ""


def merge_assumptions(problems: list[Problem]) -> tuple[list[Problem], dict[int, tuple[str, ...]]]:
    """The problems with the S10 ones of each kind merged into one (at the first one's place),
    and, by id of a merged problem, the cells it covers (empty for text sources)."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.code == "S10" and (m := _SHOWN.search(problem.message)):
            groups.setdefault(m.group(1), []).append(problem)
    merged: dict[int, Problem] = {}
    cells: dict[int, tuple[str, ...]] = {}
    dropped: set[int] = set()
    for shown, group in groups.items():
        if len(group) < 2:
            continue
        places = [f"“{p.project or '合计'}”" + (f"（{w}）" if (w := _where(p)) else "") for p in group]
        listed = "、".join(places[:PLACES_SHOWN]) + (f" 等 {len(group)} 处" if len(group) > PLACES_SHOWN else "")
        first = group[0]
        one = replace(first, project=None, message=(
            f"{len(group)} 行金额只显示了部分列（空列在原文中消失），无法判定属于哪一来源列，"
            f"均已按 {shown} 读取，请核对原表：{listed}"))
        merged[id(first)] = one
        cells[id(one)] = tuple(p.location.cell for p in group if p.location is not None and p.location.cell)
        dropped.update(id(p) for p in group[1:])
    if not merged:
        return problems, {}
    out = [merged.get(id(p), p) for p in problems if id(p) not in dropped]
    return out, cells
