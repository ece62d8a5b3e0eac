"""Finding the header of a long-format sheet by its vocabulary (not by position).

The first row among the first HEADER_SEARCH_ROWS that names 项目名称 (or 指标名称), an
indicator column and at least three known fields is the header; a second row under
merged parents (指标值 → 指标性质 / 指标值 / 度量单位, or 指标值 → 年度 / 实施周期) is
combined with it. Merged ranges are filled with their top-left value first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from perfgoals_xl.model import AMOUNT_FIELDS
from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.vocabulary import INDICATOR_FIELDS, field_of, normalise_header

HEADER_SEARCH_ROWS = 40


@dataclass
class Header:
    """Where a sheet's header is and which column holds which field."""

    row: int  # last header row (0-based); data starts below it
    columns: dict[str, int]  # field → column (0-based); split values as 'annual:operator' …
    money_units: dict[str, str] = field(default_factory=dict)  # amount field → unit written in its header


def filled_rows(grid: Grid) -> tuple[list[list[Any]], dict[tuple[int, int], tuple[int, int]]]:
    """Rows with merged ranges filled by their top-left value; map filled cell → origin.

    Only rows a merged range touches are copied (the grid's own rows are never changed);
    the others are the grid's row lists themselves, so a sheet is not held twice.
    """
    rows = list(grid.rows)
    copied: set[int] = set()
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for r1, c1, r2, c2 in grid.merged:
        if r1 >= len(rows):
            continue
        top = rows[r1][c1] if c1 < len(rows[r1]) else None
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            if r not in copied:
                rows[r] = list(rows[r])
                copied.add(r)
            row = rows[r]
            if len(row) <= c2:
                row.extend([None] * (c2 + 1 - len(row)))
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    row[c] = top
                    origin[(r, c)] = (r1, c1)
    return rows, origin


def _row_fields(row: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for c, value in enumerate(row):
        f = field_of(value) if isinstance(value, str) else None
        if f and f not in found:
            found[f] = c
    return found


def find_header(rows: list[list[Any]]) -> Header | None:
    """The header of a long-format sheet, found by vocabulary within the first rows."""
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = _row_fields(row)
        if "project" not in found and "name" not in found:
            continue
        if not INDICATOR_FIELDS & set(found):
            continue
        if len(set(found) - {"extra"}) >= 3:  # the first such row (a second one is a sub-header)
            return _combine_header(rows, r)
    return None


def _combine_header(rows: list[list[Any]], r: int) -> Header:
    top = rows[r]
    sub = rows[r + 1] if r + 1 < len(rows) else []
    # a header merged down over both rows repeats in the second one: not a sub-header
    sub_fields = {c: field_of(v) for c, v in enumerate(sub)
                  if isinstance(v, str) and not (c < len(top) and top[c] == v)}
    value_parts = {"operator", "value", "measure_unit", "period_value", "annual_value"}
    use_sub = sum(1 for f in sub_fields.values() if f in value_parts) >= 2 and not any(
        f in {"project", "fund_unit"} for f in sub_fields.values()
    )
    columns: dict[str, int] = {}
    money: dict[str, str] = {}
    width = max(len(top), len(sub) if use_sub else 0)
    for c in range(width):
        head = top[c] if c < len(top) else None
        f_top = field_of(head) if isinstance(head, str) else None
        f_sub = sub_fields.get(c) if use_sub else None
        key = _column_key(f_top, f_sub)
        if key is None or key == "extra" or key in columns:
            continue
        columns[key] = c
        if key in AMOUNT_FIELDS:
            _, unit = normalise_header(head)
            if unit:
                money[key] = unit
    return Header(row=r + 1 if use_sub else r, columns=columns, money_units=money)


def _column_key(f_top: str | None, f_sub: str | None) -> str | None:
    prefix = {"period_value": "period", "annual_value": "annual", "value": "value"}
    part = {"operator": "operator", "value": "number", "measure_unit": "unit"}
    if f_sub in part and f_top in prefix:
        return f"{prefix[f_top]}:{part[f_sub]}"
    if f_sub in {"period_value", "annual_value"}:
        return f_sub
    if f_top is None:
        return f_sub
    if f_top in {"operator", "measure_unit"}:
        return f"*:{part[f_top]}"
    return f_top
