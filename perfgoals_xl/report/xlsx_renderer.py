"""Render a :class:`~perfgoals_xl.report.layout.ReportLayout` into an .xlsx sheet with XlsxWriter.

The renderer decides nothing: every value, style, width, height and print setting
comes from the layout. Text is always written with ``write_string``, so a name
or goal starting with ``=``, ``+``, ``-`` or ``@`` stays text, never a formula.
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfgoals_xl.report.layout import CellStyle, ReportLayout

SHEET_NAME = "项目支出绩效目标表"
_PAPER = {"A4": 9, "A3": 8, "Letter": 1}
_WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
                     "strings_to_numbers": False}


def _format_properties(style: CellStyle) -> dict[str, Any]:
    props: dict[str, Any] = {
        "font_name": style.font_name, "font_size": style.font_size, "align": style.align,
        "valign": style.valign,
    }
    if style.bold:
        props["bold"] = True
    if style.wrap:
        props["text_wrap"] = True
    if style.num_format:
        props["num_format"] = style.num_format
    if style.indent:
        props["indent"] = style.indent
    for side, key in (("t", "top"), ("b", "bottom"), ("l", "left"), ("r", "right")):
        if side in style.borders:
            props[key] = 1
    return props


def _workbook_formats(workbook: Any, styles: dict[str, CellStyle]) -> dict[str, Any]:
    """One XlsxWriter format per distinct style in the whole workbook, by this layout's style keys.

    A workbook of one sheet per project used to add every style again on every sheet (and
    XlsxWriter hashes all of a format's properties when a cell first uses it): thousands of
    equal formats. The formats are kept on the workbook, keyed by the (frozen) style.
    """
    cache: dict[CellStyle, Any] = workbook.__dict__.setdefault("_perfgoals_formats", {})
    formats = {}
    for key, style in styles.items():
        fmt = cache.get(style)
        if fmt is None:
            fmt = cache[style] = workbook.add_format(_format_properties(style))
        formats[key] = fmt
    return formats


def _merge_ranges(layout: ReportLayout, sheet: Any, formats: dict[str, Any]) -> dict[tuple[int, int], str]:
    """Merge the layout's ranges (each in its first cell's format); return the cells they cover.

    XlsxWriter's ``merge_range`` writes every cell of the range (blank, in that format), so the
    layout's own blank cells inside a merge, other than its first, need not be written again
    when they have that style (the map gives each covered cell the style it was written in).
    """
    if not layout.merges:
        return {}
    firsts = {(m.first_row, m.first_col) for m in layout.merges}
    style_at = {(c.row, c.col): c.style for c in layout.cells if (c.row, c.col) in firsts}
    covered: dict[tuple[int, int], str] = {}
    for m in layout.merges:  # the first cell's value is written after, over the merge
        style = style_at[m.first_row, m.first_col]
        sheet.merge_range(m.first_row, m.first_col, m.last_row, m.last_col, "", formats[style])
        covered.update(dict.fromkeys(((r, c) for r in range(m.first_row, m.last_row + 1)
                                      for c in range(m.first_col, m.last_col + 1)), style))
        del covered[m.first_row, m.first_col]
    return covered


def render_xlsx(layout: ReportLayout, path_or_workbook: Any, sheet_name: str = SHEET_NAME) -> Any:
    """Write the layout as a sheet; given a path, create and close the workbook there.

    Given an open ``xlsxwriter.Workbook``, add the sheet to it and leave it open (the
    caller adds other sheets and closes it). Returns the worksheet.
    """
    import xlsxwriter

    own = not isinstance(path_or_workbook, xlsxwriter.Workbook)
    from perfgoals_xl.sinks.safe_xlsx import SafeWorkbook  # sheet names and text sanitised

    workbook = (SafeWorkbook(str(Path(path_or_workbook)), _WORKBOOK_OPTIONS) if own
                else path_or_workbook)
    sheet = workbook.add_worksheet(sheet_name)
    formats = _workbook_formats(workbook, layout.styles)

    for col, width in enumerate(layout.column_widths):
        sheet.set_column(col, col, width)
    set_row = sheet.set_row
    for row, height in layout.row_heights.items():
        set_row(row, height)

    covered = _merge_ranges(layout, sheet, formats)
    write_string, write_number, write_blank = sheet.write_string, sheet.write_number, sheet.write_blank
    for row, col, value, style in layout.cells:
        if value is None:
            if covered.get((row, col)) != style:  # else merge_range wrote it, blank, in this style
                write_blank(row, col, None, formats[style])
        elif isinstance(value, Decimal) and math.isfinite(number := float(value)):
            write_number(row, col, number, formats[style])
        elif isinstance(value, Decimal):  # NaN or beyond a double (never after limits.bound_table)
            from perfgoals_xl.errors import OutputError

            raise OutputError(f"报表中的金额 {value} 不是有限的数字（超出范围、NaN 或无穷大），无法写入报表")
        else:
            write_string(row, col, value, formats[style])

    for (row, col), text in layout.comments.items():
        sheet.write_comment(row, col, text, {"x_scale": 2.0, "font_name": "宋体"})
    setup = layout.print_setup
    sheet.set_paper(_PAPER.get(setup.paper, 9))
    if setup.landscape:
        sheet.set_landscape()
    sheet.fit_to_pages(setup.fit_width, setup.fit_height)
    sheet.repeat_rows(*setup.repeat_rows)
    sheet.set_footer(setup.footer, {"margin": setup.margins["footer"]})
    sheet.set_header(setup.header, {"margin": setup.margins["header"]})
    sheet.set_margins(left=setup.margins["left"], right=setup.margins["right"],
                      top=setup.margins["top"], bottom=setup.margins["bottom"])
    if setup.center_horizontally:
        sheet.center_horizontally()
    if layout.freeze_rows:
        sheet.freeze_panes(layout.freeze_rows, 0)
    if own:
        workbook.close()
    return sheet
