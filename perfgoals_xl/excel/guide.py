"""The 填报说明 button's plan: show the filling-in guide, creating the sheet when it is missing.

The content is :func:`perfgoals_xl.entry.guide.guide_rows` (the same rows the entry workbook and
the template carry); this module only turns it into bulk plan operations — one block of
values, one format call per style, one merge call, one row-height call per distinct height,
the page setup — so the number of operations does not grow with the rows.
"""

from __future__ import annotations

from typing import Any

from perfgoals_xl.excel.names import ENTRY_SHEET, GUIDE_SHEET
from perfgoals_xl.excel.plan import (
    Activate,
    ColumnWidths,
    EnsureSheet,
    FormatAreas,
    MergeAreas,
    PageSetup,
    Plan,
    RowHeights,
    Style,
    WriteValues,
    area_address,
    grid,
    row_runs,
)

_BASE = {"font_name": "宋体", "font_size": 10.0, "wrap": True, "valign": "top", "number_format": "@"}
STYLES = {
    "title": Style(**{**_BASE, "font_size": 14.0, "valign": "center"}, bold=True),
    "section": Style(**{**_BASE, "font_size": 11.0, "valign": "bottom"}, bold=True),
    "text": Style(**_BASE),
    "head": Style(**{**_BASE, "valign": "center"}, bold=True, fill="#DDEBF7", halign="center",
                  borders="tblr"),
    "row": Style(**_BASE, borders="tblr"),
}


def _sheet_names(book: Any) -> list[str]:
    return [s.name for s in book.sheets]


def guide_plan(book: Any, *, fresh: bool = False) -> Plan:
    """Activate 填报说明; write it first when the workbook has none (or ``fresh``)."""
    from perfgoals_xl.entry.guide import WIDTHS, guide_rows, paged_rows, row_height

    if GUIDE_SHEET in _sheet_names(book) and not fresh:
        return Plan().add(Activate(GUIDE_SHEET, "A1"))
    # the same pages as the written workbook: a table cut by a page repeats its header row there
    rows, breaks = paged_rows(guide_rows(with_buttons=True))
    width = len(WIDTHS)
    values = [cells + [None] * (width - len(cells)) for _, cells in rows]
    by_style: dict[str, list[int]] = {}
    heights: dict[float, list[int]] = {}
    merges = []
    for r, (kind, cells) in enumerate(rows, start=1):
        by_style.setdefault(kind, []).append(r)
        height = row_height(kind, cells) + (6 if kind == "section" else 0)
        heights.setdefault(height, []).append(r)
        if kind in ("title", "section", "text"):
            merges.append(area_address(r, 1, r, width))
    plan = Plan().add(
        EnsureSheet(GUIDE_SHEET, fresh=fresh, after=ENTRY_SHEET),
        ColumnWidths(GUIDE_SHEET, tuple((i, i, w) for i, w in enumerate(WIDTHS, 1))),
    )
    for kind, numbers in by_style.items():
        areas = tuple(area_address(a, 1, b, width) for a, b in row_runs(numbers))
        plan.add(FormatAreas(GUIDE_SHEET, areas, STYLES[kind]))
    plan.add(
        WriteValues(GUIDE_SHEET, 1, 1, grid(values)),
        MergeAreas(GUIDE_SHEET, tuple(merges)),
        RowHeights(GUIDE_SHEET, tuple(
            (h, tuple(f"{a}:{b}" for a, b in row_runs(numbers))) for h, numbers in heights.items())),
        PageSetup(GUIDE_SHEET, print_area=area_address(1, 1, len(rows), width), paper="A4",
                  landscape=True, fit_width=1, fit_height=0, center_footer="第 &P 页 共 &N 页",
                  center_horizontally=True, print_title_rows="$1:$1", row_breaks=tuple(b + 1 for b in breaks)),
        Activate(GUIDE_SHEET, "A1"),
    )
    return plan
