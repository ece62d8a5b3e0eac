"""The printed area of the 填报 sheet: the header and the filled rows, nothing more.

A static range, set when the sheet is written and again by the 校验 and 导入 buttons:
a print area given by a formula (``INDEX``/``COUNTA``) is evaluated by Excel only —
LibreOffice and WPS ignore it and print the spare rows as pages of empty table.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from perfgoals_xl.entry.layout import COLUMNS, FIRST_DATA_ROW, INDEX, column_letter

#: Columns that hold formulas on every row (总计, the level codes): they do not make a row filled.
FORMULA_COLUMNS = frozenset({INDEX["total"], INDEX["level1_code"], INDEX["level2_code"]})


def _filled(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or value.strip() != "")


def last_filled_row(rows: list[list[Any]]) -> int:
    """0-based index of the last data row with content outside the formula columns
    (the last header row when none is filled)."""
    last = FIRST_DATA_ROW - 1
    for r in range(FIRST_DATA_ROW, len(rows)):
        if any(_filled(v) for c, v in enumerate(rows[r]) if c not in FORMULA_COLUMNS):
            last = r
    return last


def printed_columns(data: list[list[Any]]) -> int:
    """How many columns print: the goal table (A to 二级指标代码) and, beyond it, up to the last
    column of the table that holds something (pasted text, year-end self-evaluation figures)."""
    used = [c for row in data for c, v in enumerate(row[:len(COLUMNS)]) if _filled(v)]
    return max(INDEX["level2_code"] + 1, max(used, default=0) + 1)


class PrintExtent:
    """The printed area of a 填报 sheet grown row by row, for a writer that holds one row at a
    time: :func:`print_range` without the rows."""

    def __init__(self) -> None:
        self.last = FIRST_DATA_ROW - 1  # the last filled data row so far
        self._columns = -1  # the last column filled in a data row up to ``last``
        self._pending = -1  # the last column filled in formula-only rows after ``last``

    def add(self, r: int, row: list[Any]) -> None:
        """Take sheet row ``r`` (0-based; rows above the data are ignored)."""
        if r < FIRST_DATA_ROW:
            return
        used = [c for c, v in enumerate(row[:len(COLUMNS)]) if _filled(v)]
        if not used:
            return
        self._pending = max(self._pending, used[-1])
        if any(c not in FORMULA_COLUMNS for c in used):
            self.last, self._columns, self._pending = r, max(self._columns, self._pending), -1

    def range(self) -> tuple[int, int]:
        """(last row, last column), 0-based, as :func:`print_range` gives them."""
        return max(self.last, FIRST_DATA_ROW), max(INDEX["level2_code"] + 1, self._columns + 1) - 1


def print_range(rows: list[list[Any]]) -> tuple[int, int]:
    """(last row, last column), 0-based, of the printed area of a 填报 sheet with these rows:
    the header rows and at least one data row, down to the last filled row."""
    extent = PrintExtent()
    for r, row in enumerate(rows):
        extent.add(r, row)
    return extent.range()


def print_area_address(rows: list[list[Any]]) -> str:
    """The printed area as an A1 address (``A1:Q31``), for the buttons' page setup."""
    last_row, last_col = print_range(rows)
    return f"A1:{column_letter(last_col)}{last_row + 1}"


#: Column groups that print on pages of their own when they hold something: the 绩效自评
#: columns and the 申报表 columns (a table read from forms carries 34 columns; on one page wide
#: its text printed at a third of its size).
GROUP_STARTS: tuple[int, ...] = (INDEX["actual_value"], INDEX["project_code"])
#: Columns repeated at the left of every page: 资金使用单位 and 项目名称, which name the row.
TITLE_COLUMNS = (0, INDEX["project"])
#: Pixels across A3 landscape inside 0.4-inch margins at 100 % (420 mm − 0.8 in, 96 px/in),
#: less an eighth: the sheet's 宋体 digits are wider than the 7 pixels of Excel's width unit
#: (LibreOffice printed a group sized to the full width one column over, on a page of its own).
A3_LANDSCAPE_PIXELS = 1511 * 7 // 8


def _pixels(first: int, last: int) -> int:
    """Excel's on-screen width of columns first..last (a width w shows as w × 7 + 5 pixels)."""
    return sum(int(COLUMNS[c].width * 7 + 5) for c in range(first, last + 1))


def column_pages(last_col: int) -> tuple[tuple[int, ...], int]:
    """(columns before which a page starts, print scale in %) for a 填报 sheet printed to this
    column (0-based). Only the goal table printing: no breaks, scale 0 (fit to one page wide).
    Wider: one page group per column group, the name columns repeated on each, and one scale
    for all pages — the widest group fits the paper."""
    starts = tuple(s for s in GROUP_STARTS if s <= last_col)
    if not starts:
        return (), 0
    bounds = (0, *starts, last_col + 1)
    title = _pixels(TITLE_COLUMNS[0], TITLE_COLUMNS[1])
    widest = max(_pixels(a, b - 1) + (title if a else 0) for a, b in pairwise(bounds))
    return starts, max(10, min(100, A3_LANDSCAPE_PIXELS * 100 // widest))
