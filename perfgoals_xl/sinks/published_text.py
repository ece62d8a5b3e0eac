"""Write a table as text in the published layout (docs/sources.md §5.1) — the shape PDF extraction gives.

Used to produce realistic inputs (benchmarks, importer property tests) and to show a
table as plain text. Cells wrap at fixed widths like the printed table's columns; a
wrapped project name puts its amounts on a line of their own, a wrapped unit name
keeps them on its last line; the page header is
repeated every ``page_lines`` lines. Blank amount columns vanish, as they do in
extracted text.
"""

from __future__ import annotations

from pathlib import Path

from perfgoals_xl.grammar import compose
from perfgoals_xl.model import AMOUNT_FIELDS, Amounts, PerfTable

HEADER = "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标"


def _amounts(a: Amounts) -> str:
    return " ".join(f"{a.get(k):.2f}" for k in AMOUNT_FIELDS if a.get(k) is not None)


def _wrap(text: str, width: int) -> list[str]:
    return [text[i: i + width] for i in range(0, len(text), width)] or [""]


def published_text(table: PerfTable, *, name_width: int = 13, goal_width: int = 24,
                   item_width: int = 33, page_lines: int = 60) -> str:
    """The table as extracted text of its published PDF."""
    header = ["", table.title, "", f"部门名称：{table.department} 单位：{table.unit}", "", HEADER, ""]
    body: list[list[str]] = [[f"合计 {_amounts(table.amounts)}".rstrip(), ""]]
    for unit in table.units:
        unit_names = _wrap(unit.name, name_width)
        body.append([*unit_names[:-1], f"{unit_names[-1]} {_amounts(unit.amounts)}".rstrip(), ""])
        for project in unit.projects:
            block: list[str] = []
            names = _wrap(project.name, name_width)
            amounts = _amounts(project.amounts)
            if len(names) == 1:
                block.append(f"    {names[0]} {amounts}".rstrip())
            else:
                block.append(f"    {names[0]}")
                block.extend(names[1:])
                block += ["", amounts] if amounts else []
                block.append("")
            if project.goal:
                block.extend(_wrap(project.goal, goal_width))
                block.append("")
            if project.indicators:
                block.extend(_wrap(compose(project.indicators), item_width))
                block.append("")
            body.append(block)
    lines: list[str] = list(header)
    used = 0
    for block in body:
        if used and used + len(block) > page_lines:
            lines += ["", ""] + header
            used = 0
        lines.extend(block)
        used += len(block)
    return "\n".join(lines) + "\n"


def write_published_text(table: PerfTable, path: str | Path) -> None:
    """Write published_text(table) as UTF-8 (not atomic by itself: use sinks.atomic)."""
    Path(path).write_text(published_text(table), encoding="utf-8")
