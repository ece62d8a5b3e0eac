"""Indicators written as one text beside their level, with no indicator grid (department-wide tables).

Older department tables (the 2017 部门整体支出绩效目标申报表 of several provinces) print no
一级 | 二级 | 三级 | 指标值 grid: each level-1 row is the level's label and ONE text cell listing
its indicators (``产出指标 | 指标1…：… 指标2…：…``), perhaps under a label merged down beside the
rows (部门整体支出年度绩效指标). Such a row is one indicator of that level, named by the whole text
as printed, with no value: splitting the text into numbered items would be a guess at where each
item and its value end. Read only where the sheet has no indicator grid (sources/department.py).
"""

from __future__ import annotations

import re

from perfgoals_xl import framework
from perfgoals_xl.model import Indicator, Location, Problem
from perfgoals_xl.sources.department_grids import MAX_TEXT, Read
from perfgoals_xl.sources.level_join import centred_levels
from perfgoals_xl.sources.sheet_view import SheetView
from perfgoals_xl.sources.vocabulary import (
    department_label_of,
    is_bare_label,
    is_placeholder,
    level_label,
)
from perfgoals_xl.values import parse_value

#: A level label is short; so is the label merged down before it (部门整体支出年度绩效指标).
_MAX_LABEL = 40
#: The label before a level: a group of indicators (年度绩效指标, 部门整体支出 年度绩效指标, 绩效指标).
_GROUP = re.compile(r"指标[)）]?$")


def read_level_texts(sheet: SheetView, rows: list[int], read: Read) -> set[int]:
    """Rows (among ``rows``) that are a level-1 label and one text beside it: each read as one
    indicator into ``read.plan``; returns those rows (no field of the block)."""
    found: set[int] = set()
    for hint, where in _centre_labels(sheet, rows):
        read.problems.append(Problem("S11", f"读取提示：{hint}", location=where))
    for r in rows:
        ind = _level_text(sheet, r)
        if ind is None and r - 1 in found:
            ind = _carried(sheet, r, read.plan.indicators[-1])
        if ind is not None:
            read.plan.indicators.append(ind)
            found.add(r)
    return found


def _centre_labels(sheet: SheetView, rows: list[int]) -> list[tuple[str, Location]]:
    """Level labels left on the middle row of their texts (a PDF made a workbook or CSV: 产出指标 beside
    the second of its three texts, the first row's label cell blank): where every level row has its label
    and its text in the same two columns, those columns are read as a level column and its names
    (level_join.centred_levels: the view's blank label cells filled); returns the 读取提示 said, each at
    the label column's first row of texts."""
    columns, labelled = set(), []
    for r in rows:
        cells = _text_columns(sheet, r)
        at = next((k for k, c in enumerate(cells[:3]) if _level1(sheet.text(r, c))), None)
        if at is not None and len(cells) - at == 2:
            columns.add((sheet.origin(r, cells[at])[1], cells[at + 1]))
            labelled.append(r)
    if len(columns) != 1:
        return []
    (label_c, text_c), = columns
    first = rows.index(labelled[0])
    while first > 0 and _text_only(sheet, rows[first - 1], text_c):
        first -= 1  # (the texts above the first label: its group's upper rows)
    return [(hint, sheet.loc(rows[first], label_c)) for hint in centred_levels(sheet, label_c, [], text_c, rows[first:])]


def _text_only(sheet: SheetView, r: int, text_c: int) -> bool:
    """Is row r one indicator text in column ``text_c``, with at most a group label left of it?"""
    cells = _text_columns(sheet, r)
    return bool(cells) and cells[-1] == text_c and _indicator_text(sheet.text(r, text_c)) \
        and all(_group_label(sheet.text(r, c)) for c in cells[:-1])


def _carried(sheet: SheetView, r: int, above: Indicator) -> Indicator | None:
    """Row r as one more text of the level above it, its label's merge lost (a CSV, a paste: 产出指标 on
    the first of its rows only, the cells under it blank): the row's only text stands in the column of
    the text above and every cell left of it is blank."""
    cells, above_cells = _text_columns(sheet, r), _text_columns(sheet, r - 1)
    if len(cells) != 1 or not above_cells or cells[0] != above_cells[-1]:
        return None
    if any(sheet.own(r, c) and sheet.text(r, c) for c in range(cells[0])):
        return None  # (a label of this row; a group label merged down from above beside it is no matter)
    text = sheet.text(r, cells[0])
    if not _indicator_text(text):
        return None
    return _named_by_text(text, sheet.loc(r, cells[0]), above.level1, None, above.field_locations["level1"])


def has_level_texts(sheet: SheetView) -> bool:
    """Does the grid hold a level row with its one text (its indicators, read by :func:`read_level_texts`)?"""
    return any(_level_text(sheet, r) is not None for r in range(min(len(sheet.rows), _MAX_ROWS)))


#: Rows looked at for level rows when judging a grid (a continued page of the table).
_MAX_ROWS = 60


def _level_text(sheet: SheetView, r: int) -> Indicator | None:
    """Row r as ``[group label |] level-1 label | one text``, or None."""
    cells = _text_columns(sheet, r)
    at = next((k for k, c in enumerate(cells[:3]) if _level1(sheet.text(r, c))), None)
    if at is None and len(cells) == 1 and (merged := _merged_level(sheet, r, cells[0])) is not None:
        at, cells = 0, [merged, cells[0]]  # 效益指标 merged down its rows, one text a row beside it
    if at is None or len(cells) - at != 2:
        return None
    if any(not _group_label(sheet.text(r, c)) for c in cells[:at]):
        return None
    label_c, text_c = cells[at], cells[at + 1]
    text = sheet.text(r, text_c)
    if not _indicator_text(text):
        return None
    level1, weight, _ = level_label(sheet.text(r, label_c))
    return _named_by_text(text, sheet.loc(r, text_c), level1, weight, sheet.loc(r, label_c))


def _text_columns(sheet: SheetView, r: int) -> list[int]:
    """The columns of row r's own cells holding text."""
    return [c for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)]


def _named_by_text(text: str, where: Location, level1: str, weight: float | None, level_at: Location) -> Indicator:
    """One indicator of a level named by the whole text as printed, with no level 2 and no value."""
    return Indicator(
        seq=None, level1_code=None, level1=level1, level2_code=None, level2="", name=text[:MAX_TEXT],
        period_value=parse_value(""), annual_value=parse_value(""), level1_weight=weight,
        location=where, field_locations={"level1": level_at, "name": where},
    )


def _indicator_text(text: str) -> bool:
    """Can this text beside a level be its indicators (no placeholder, label or level name)?"""
    return not (is_placeholder(text) or is_bare_label(text) or _level1(text) or _level2(text)
                or (len(text) <= _MAX_LABEL and department_label_of(text)[0] is not None))


def _merged_level(sheet: SheetView, r: int, text_c: int) -> int | None:
    """The column of a level-1 label merged down from a row above, left of row r's one text (产出指标
    over three rows, each row one indicator's text): None when no such label stands there."""
    for c in range(text_c - 1, -1, -1):
        if sheet.own(r, c):
            return None  # (an own blank cell between: no label of this row)
        if sheet.origin(r, c)[0] < r and _level1(sheet.text(r, c)):
            return c
    return None


def _level1(text: str) -> bool:
    return len(text) <= _MAX_LABEL and framework.level1_by_name(level_label(text)[0]) is not None


def _level2(text: str) -> bool:
    return len(text) <= _MAX_LABEL and framework.level2_by_name(level_label(text)[0]) is not None


def _group_label(text: str) -> bool:
    """A label merged down before the level rows: 年度绩效指标 / 部门整体支出 年度绩效指标."""
    key = re.sub(r"\s+", "", text[:_MAX_LABEL + 1])
    return len(key) <= _MAX_LABEL and (department_label_of(key)[0] == "indicators" or bool(_GROUP.search(key)))
