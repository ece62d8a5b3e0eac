"""The printed area of the 填报 sheet: the header and the filled rows, nothing more.

A static range, set when the sheet is written and again by the 校验 and 导入 buttons:
a print area given by a formula (``INDEX``/``COUNTA``) is evaluated by Excel only —
LibreOffice and WPS ignore it and print the spare rows as pages of empty table.
"""

from __future__ import annotations

from typing import Any

from perfgoals_xl.entry.layout import FIRST_DATA_ROW, INDEX, column_letter

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
    from perfgoals_xl.entry.layout import COLUMNS

    used = [c for row in data for c, v in enumerate(row[:len(COLUMNS)]) if _filled(v)]
    return max(INDEX["level2_code"] + 1, max(used, default=0) + 1)


def print_range(rows: list[list[Any]]) -> tuple[int, int]:
    """(last row, last column), 0-based, of the printed area of a 填报 sheet with these rows:
    the header rows and at least one data row, down to the last filled row."""
    last = last_filled_row(rows)
    return max(last, FIRST_DATA_ROW), printed_columns(rows[FIRST_DATA_ROW:last + 1]) - 1


def print_area_address(rows: list[list[Any]]) -> str:
    """The printed area as an A1 address (``A1:Q31``), for the buttons' page setup."""
    last_row, last_col = print_range(rows)
    return f"A1:{column_letter(last_col)}{last_row + 1}"
