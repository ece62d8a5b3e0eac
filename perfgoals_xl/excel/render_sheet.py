"""The second renderer of the report layout: into a live Excel sheet through xlwings.

:func:`report_plan` copies a :class:`~perfgoals_xl.report.layout.ReportLayout` (the
same data the file renderer ``render_xlsx`` writes) into a :class:`~.plan.Plan`:

1. a fresh sheet; column widths (equal neighbours grouped);
2. one format call per style over the union of its cells' areas — a style without a
   number format is a text style and gets ``@``, so that Excel keeps ``1-3`` or
   ``=…`` as typed text, as ``write_string`` does in the file renderer;
3. **one** write of all values (the whole rectangle, blanks as empty);
4. merges, row heights grouped by height, print setup, frozen header rows.

So the number of calls depends on the number of styles and distinct heights, not
on the number of rows. :func:`render_layout` applies the plan to a Book.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfgoals_xl.excel.plan import (
    Activate,
    AddNotes,
    ColumnWidths,
    EnsureSheet,
    FormatAreas,
    FreezePanes,
    MergeAreas,
    PageSetup,
    Plan,
    RowHeights,
    Style,
    WriteValues,
    apply,
    area_address,
    cell_address,
    column_letter,
    grid,
    row_runs,
    union_areas,
)

REPORT_SHEET = "报表"
_VALIGN = {"vcenter": "center", "top": "top", "bottom": "bottom", "center": "center"}


def _style(layout_style: Any) -> Style:
    number_format = layout_style.num_format or "@"  # a style without a number format is text
    return Style(
        bold=layout_style.bold,
        font_name=layout_style.font_name,
        font_size=layout_style.font_size,
        halign=layout_style.align,
        valign=_VALIGN.get(layout_style.valign, layout_style.valign),
        wrap=layout_style.wrap,
        number_format=number_format,
        borders=layout_style.borders,
        indent=layout_style.indent,
    )


def _value(value: str | Decimal | None) -> str | float | None:
    if isinstance(value, Decimal):
        return float(value)
    return value


def _width_runs(widths: tuple[float, ...]) -> tuple[tuple[int, int, float], ...]:
    runs: list[tuple[int, int, float]] = []
    for col, width in enumerate(widths, 1):
        if runs and runs[-1][2] == width and runs[-1][1] == col - 1:
            runs[-1] = (runs[-1][0], col, width)
        else:
            runs.append((col, col, width))
    return tuple(runs)


def report_plan(layout: Any, sheet: str = REPORT_SHEET, *, after: str | None = None) -> Plan:
    """The bulk operations that put ``layout`` into a fresh sheet named ``sheet``."""
    n_cols = len(layout.column_widths)
    n_rows = max(layout.n_rows, max((c.row + 1 for c in layout.cells), default=0))
    values: list[list[Any]] = [[None] * n_cols for _ in range(n_rows)]
    groups: dict[str, list[tuple[int, int]]] = {}
    for cell in layout.cells:
        values[cell.row][cell.col] = _value(cell.value)
        groups.setdefault(cell.style, []).append((cell.row + 1, cell.col + 1))

    plan = Plan().add(EnsureSheet(sheet, fresh=True, after=after))
    plan.add(ColumnWidths(sheet, _width_runs(tuple(layout.column_widths))))
    for key, cells in sorted(groups.items()):
        areas = tuple(area_address(*a) for a in union_areas(cells))
        plan.add(FormatAreas(sheet, areas, _style(layout.styles[key])))
    if n_rows:
        plan.add(WriteValues(sheet, 1, 1, grid(values)))
    if layout.merges:
        plan.add(MergeAreas(sheet, tuple(
            area_address(m.first_row + 1, m.first_col + 1, m.last_row + 1, m.last_col + 1)
            for m in layout.merges)))
    by_height: dict[float, list[int]] = {}
    for row, height in layout.row_heights.items():
        by_height.setdefault(height, []).append(row + 1)
    plan.add(RowHeights(sheet, tuple(
        (height, tuple(f"{a}:{b}" for a, b in row_runs(rows)))
        for height, rows in sorted(by_height.items()))))
    setup = layout.print_setup
    first, last = setup.repeat_rows
    footer = setup.footer[2:] if setup.footer.startswith("&C") else setup.footer
    header = setup.header[2:] if setup.header.startswith("&L") else None
    plan.add(PageSetup(
        sheet,
        print_area=f"A1:{cell_address(max(n_rows, 1), n_cols)}",
        paper=setup.paper, landscape=setup.landscape, fit_width=setup.fit_width,
        fit_height=setup.fit_height, print_title_rows=f"${first + 1}:${last + 1}",
        center_footer=footer, left_header=header, margins=tuple(sorted(setup.margins.items())),
        center_horizontally=setup.center_horizontally,
    ))
    if layout.comments:  # what a figure is (e.g. 合计 computed from the projects)
        plan.add(AddNotes(sheet, tuple((row + 1, col + 1, text) for (row, col), text in layout.comments.items())))
    if layout.freeze_rows:
        plan.add(FreezePanes(sheet, f"A{layout.freeze_rows + 1}"))
    plan.add(Activate(sheet, "A1"))
    return plan


def render_layout(book: Any, layout: Any, sheet: str = REPORT_SHEET) -> list[str]:
    """Render ``layout`` into ``book`` (an xlwings Book); returns what the engine skipped."""
    return apply(book, report_plan(layout, sheet))


__all__ = ["REPORT_SHEET", "column_letter", "render_layout", "report_plan"]
