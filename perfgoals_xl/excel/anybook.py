"""校验 and 清除标记 on any workbook (the add-in's buttons on a finance bureau's own form).

The workbook's readable sheets are read as grids (excel/live.py) by the same detector and
layout readers as a file; the findings name the person's own cells. They are listed on a
问题清单 sheet (a link to each cell) and marked by conditional-format rules over the cells —
the cells' own formatting is never changed, and 清除标记 deletes those rules (found by their
tag, plan.MarkCells) and the 问题清单 sheet: nothing is left behind. The plans are built
from the same pieces as the template's (buttons.issue_list_plan) and applied by the same
executor (plan.apply).
"""

from __future__ import annotations

from typing import Any

from perfgoals_xl.excel.names import LIST_SHEET, MARK_LETTERS
from perfgoals_xl.excel.plan import (
    Activate,
    DeleteSheet,
    MarkCells,
    Plan,
    RemoveMarks,
    StatusBar,
    area_address,
    union_areas,
)

_ORDER = {"E": 0, "W": 1, "I": 2}


def mark_areas(issues: list[Any], sheets: list[str]) -> dict[str, dict[str, list[str]]]:
    """Sheet → severity letter → areas ('D7', 'B3:B5') of the cells to mark: each cell takes the
    letter of its most serious finding; accepted (suppressed) findings leave no mark."""
    from perfgoals_xl.excel.buttons import parse_cell

    best: dict[tuple[str, tuple[int, int]], str] = {}
    for issue in issues:
        loc = issue.location
        if issue.suppressed or loc.sheet not in sheets:
            continue
        letter = MARK_LETTERS.get(issue.severity, "I")
        for address in loc.cells or ((loc.cell,) if loc.cell else ()):
            cell = parse_cell(address)
            if cell is None:
                continue
            key = (loc.sheet, cell)
            if key not in best or _ORDER[letter] < _ORDER[best[key]]:
                best[key] = letter
    out: dict[str, dict[str, list[str]]] = {}
    for sheet in sheets:
        for letter in _ORDER:
            cells = [cell for (s, cell), mark in best.items() if s == sheet and mark == letter]
            if cells:
                out.setdefault(sheet, {})[letter] = [area_address(*area) for area in union_areas(cells)]
    return out


def marks_plan(issues: list[Any], sheets: list[str]) -> Plan:
    """Old marks off every sheet read, then one rule per severity over the cells it marks."""
    plan = Plan().add(*(RemoveMarks(sheet) for sheet in sheets))
    for sheet, letters in mark_areas(issues, sheets).items():
        plan.add(*(MarkCells(sheet, letter, tuple(areas)) for letter, areas in letters.items()))
    return plan


def findings_plan(book: Any, issues: list[Any]) -> Plan:
    """问题清单 (after the person's sheets) and the marks on their cells, old marks off first."""
    from perfgoals_xl.excel.buttons import issue_list_plan
    from perfgoals_xl.excel.live import readable_sheets

    sheets = [s.name for s in readable_sheets(book)]
    plan = issue_list_plan(issues, LIST_SHEET, after=sheets[-1] if sheets else None, sheets=sheets)
    plan.operations += marks_plan(issues, sheets).operations
    return plan


def validate_any_plan(book: Any, config: Any) -> Plan:
    """校验 on any workbook: its readable sheets read and checked, 问题清单 written, cells marked."""
    from perfgoals_xl.excel.live import book_table, readable_sheets
    from perfgoals_xl.rules import check_table, summary_line

    table = book_table(book)
    issues = check_table(table, config)
    if not issues:
        sheets = [s.name for s in readable_sheets(book)]
        return marks_plan(issues, sheets).add(DeleteSheet(LIST_SHEET), StatusBar("校验完成：未发现问题。"))
    return findings_plan(book, issues).add(Activate(LIST_SHEET, "A1"), StatusBar(
        f"校验完成：{summary_line(issues)}。详见“{LIST_SHEET}”表，点击位置可跳到单元格；"
        f"“清除标记”去掉标色和该表。"))


def clear_any_plan(book: Any) -> Plan:
    """清除标记 on any workbook: every mark rule off the readable sheets, 问题清单 deleted."""
    from perfgoals_xl.excel.live import readable_sheets

    had_list = LIST_SHEET in [s.name for s in book.sheets]
    plan = Plan().add(*(RemoveMarks(s.name) for s in readable_sheets(book)))
    if had_list:
        return plan.add(DeleteSheet(LIST_SHEET), StatusBar(f"已清除校验标记和“{LIST_SHEET}”表。"))
    return plan.add(StatusBar("没有校验标记。"))
