"""对比上一版: the entry workbook (or, from the add-in, any workbook holding a table) compared with an earlier version of the table (any readable
file) — the differences on the sheet 对比上一版 and the findings fixed / new / still open on
对比上一版·整改 (each with its own header rows repeated on every printed page).

The sheets are the ``perfgoals diff`` workbook's (:mod:`perfgoals_xl.review.layout`) turned into a
:class:`~perfgoals_xl.excel.plan.Plan`: one write of all values per sheet, one format call per
look, merges, heights grouped, print setup (A4 landscape, one page wide).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfgoals_xl.excel.names import COMPARE_FINDINGS_SHEET as FINDINGS_SHEET
from perfgoals_xl.excel.names import COMPARE_SHEET
from perfgoals_xl.excel.plan import (
    Activate,
    ColumnWidths,
    EnsureSheet,
    FormatAreas,
    FreezePanes,
    MergeAreas,
    PageSetup,
    Plan,
    RowHeights,
    StatusBar,
    Style,
    WriteValues,
    area_address,
    cell_address,
    grid,
    row_runs,
    union_areas,
)

#: The file types the 对比上一版 dialog offers.
PREVIOUS_FILTER = (
    "绩效目标表 (*.xlsx;*.xlsm;*.xls;*.json;*.txt;*.csv;*.ods;*.pdf;*.docx;*.html),"
    "*.xlsx;*.xlsm;*.xls;*.json;*.txt;*.csv;*.ods;*.pdf;*.docx;*.html"
)


def _style(attrs: dict[str, Any]) -> Style:
    return Style(bold=attrs.get("bold"), font_name=attrs.get("font_name"), font_size=attrs.get("font_size"),
                 font_color=attrs.get("font_color"), fill=attrs.get("fill"), wrap=attrs.get("wrap"),
                 halign=attrs.get("align"), valign=attrs.get("valign"), number_format="@",
                 borders="tblr" if attrs.get("border") else "")


def layout_plan(layout: Any, sheet: str, *, after: str | None = None) -> Plan:
    """The bulk operations that put a review SheetLayout into a fresh sheet."""
    from perfgoals_xl.review.layout import STYLES

    n_cols = len(layout.widths)
    n_rows = len(layout.rows)
    plan = Plan().add(EnsureSheet(sheet, fresh=True, after=after))
    plan.add(ColumnWidths(sheet, tuple((c + 1, c + 1, w) for c, w in enumerate(layout.widths))))
    styles = {name: _style(attrs) for name, attrs in STYLES.items()}
    groups: dict[Style, list[tuple[int, int]]] = {}  # names that look alike share one call
    for r, names in enumerate(layout.styles):
        for c, name in enumerate(names):
            if name:
                groups.setdefault(styles[name], []).append((r + 1, c + 1))
    for style, cells in groups.items():
        areas = tuple(area_address(*a) for a in union_areas(cells))
        plan.add(FormatAreas(sheet, areas, style))
    values = [["" if v is None else v for v in row] for row in layout.rows]
    plan.add(WriteValues(sheet, 1, 1, grid(values)))
    if layout.merges:
        plan.add(MergeAreas(sheet, tuple(area_address(r1 + 1, c1 + 1, r2 + 1, c2 + 1)
                                         for r1, c1, r2, c2 in layout.merges)))
    by_height: dict[float, list[int]] = {}
    for r, height in enumerate(layout.heights):
        by_height.setdefault(height, []).append(r + 1)
    plan.add(RowHeights(sheet, tuple((h, tuple(f"{a}:{b}" for a, b in row_runs(rows)))
                                     for h, rows in sorted(by_height.items()))))
    plan.add(PageSetup(sheet, print_area=f"A1:{cell_address(max(n_rows, 1), n_cols)}", paper="A4",
                       landscape=True, fit_width=1, fit_height=0,
                       print_title_rows=f"$1:${layout.header_rows}" if layout.header_rows else None,
                       center_footer="第 &P 页 共 &N 页",
                       margins=(("bottom", 0.6), ("left", 0.4), ("right", 0.4), ("top", 0.6)),
                       center_horizontally=True))
    if layout.freeze_row:
        plan.add(FreezePanes(sheet, f"A{layout.freeze_row + 1}"))
    return plan


def compare_plan(book: Any, path: str | Path, config: Any = None) -> Plan:
    """对比上一版: the earlier version (a file) against the entry sheet, on the sheet 对比上一版."""
    from perfgoals_xl.excel.buttons import book_table
    from perfgoals_xl.review import diff_tables
    from perfgoals_xl.review.layout import compare_layout, findings_layout
    from perfgoals_xl.review.text import summary_line
    from perfgoals_xl.sources import read_table

    old = read_table(path)
    new = book_table(book)  # the template's 填报, or any workbook's table (the add-in)
    diff = diff_tables(old, new, config, old_file=str(path), new_file=str(book.name))
    plan = layout_plan(compare_layout(diff), COMPARE_SHEET)
    plan.operations += layout_plan(findings_layout(diff), FINDINGS_SHEET, after=COMPARE_SHEET).operations
    plan.add(Activate(COMPARE_SHEET, "A1"))
    plan.add(StatusBar(f"已与 {Path(path).name} 对比：{summary_line(diff)}"))
    return plan
