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


def _number(value: Decimal) -> float:
    """An amount as the double a cell holds; a NaN or one beyond a double is refused."""
    number = float(value)
    if not math.isfinite(number):  # never after limits.bound_table
        from perfgoals_xl.errors import OutputError

        raise OutputError(f"报表中的金额 {value} 不是有限的数字（超出范围、NaN 或无穷大），无法写入报表")
    return number


def _write_cells(layout: ReportLayout, sheet: Any, formats: dict[str, Any]) -> None:
    """The layout's merges and cells through XlsxWriter's methods (any worksheet)."""
    covered = _merge_ranges(layout, sheet, formats)
    write_string, write_number, write_blank = sheet.write_string, sheet.write_number, sheet.write_blank
    for row, col, value, style in layout.cells:
        if value is None:
            if covered.get((row, col)) != style:  # else merge_range wrote it, blank, in this style
                write_blank(row, col, None, formats[style])
        elif isinstance(value, Decimal):
            write_number(row, col, _number(value), formats[style])
        else:
            write_string(row, col, value, formats[style])


def _store_widths(widths: tuple[float, ...] | list[float], sheet: Any) -> None:
    """``set_column(col, col, width)`` for each column, as XlsxWriter's ``set_column_pixels``
    stores it (the column's record) without its argument handling; a width under one character,
    not a float, or a column beyond the sheet's limits through ``set_column``."""
    from xlsxwriter.worksheet import ColumnInfo

    info, digit, padding, max_col = sheet.col_info, sheet.max_digit_width, sheet.cell_padding, sheet.xls_colmax
    for col, width in enumerate(widths):
        if width.__class__ is not float or width < 1.0 or col >= max_col:
            sheet.set_column(col, col, width)
            continue
        info[col] = ColumnInfo(int(width * digit + 0.5) + padding, None, False, 0, False)
        sheet.col_size_changed = True


def _store_heights(heights: dict[int, float], sheet: Any) -> None:
    """``set_row(row, height)`` for each row, as XlsxWriter's ``set_row_pixels`` stores it (the
    row's record, its size, the dimensions it widens) without its per-row argument handling; a row
    beyond the sheet's limits, or a height that is not a number, through ``set_row``."""
    from xlsxwriter.worksheet import RowInfo

    col = sheet.dim_colmin if sheet.dim_colmin is not None else 0
    if col >= sheet.xls_colmax:
        for row, height in heights.items():
            sheet.set_row(row, height)
        return
    info, sizes, default, max_row = sheet.row_info, sheet.row_sizes, sheet.default_row_height, sheet.xls_rowmax
    low, high = max_row, -1
    for row, height in heights.items():
        if not (0 <= row < max_row) or height.__class__ is not float:
            sheet.set_row(row, height)
            continue
        pixels = int(height * 4.0 / 3.0 + 0.5)
        hidden = pixels == 0
        if hidden:
            pixels = default
        info[row] = RowInfo(pixels, None, hidden, 0, False)
        sizes[row] = [pixels, hidden]
        if row < low:
            low = row
        if row > high:
            high = row
    if high >= 0:
        sheet._check_dimensions(low, col)
        sheet._check_dimensions(high, col)


def _store_cells(layout: ReportLayout, sheet: Any, formats: dict[str, Any]) -> None:
    """What :func:`_write_cells` stores, put in the worksheet's cell table directly.

    XlsxWriter's ``merge_range``, ``write_blank``, ``write_number`` and ``write_string`` check the
    cell against the sheet's limits, widen its dimensions and store a (value, format) tuple, a
    string as its index in the shared-string table — ~20 µs a merge and ~3 µs a cell through
    their decorators and checks, on ~150 cells of every 申报表. The same is done here in one loop:
    the same tuples, the shared strings numbered in the same order, the same dimensions, the same
    overlap check of merges; a cell beyond Excel's limits is skipped as XlsxWriter skips it, and a
    text longer than half a cell's limit goes through ``write_string`` (its truncation). The text
    is sanitised as SafeWorksheet's ``write_string`` does (text_clean.cell_text).
    """
    from xlsxwriter.exceptions import OverlappingRange
    from xlsxwriter.worksheet import CellBlankTuple, CellNumberTuple, CellStringTuple

    from perfgoals_xl.sinks.row_xml import column_names
    from perfgoals_xl.text_clean import cell_text

    table, merged, max_row, max_col = sheet.table, sheet.merged_cells, sheet.xls_rowmax, sheet.xls_colmax
    long_text = sheet.xls_strmax // 2
    shared = sheet.str_table._get_shared_string_index
    blank, number, string = CellBlankTuple, CellNumberTuple, CellStringTuple
    low_row = low_col = max_row
    high_row = high_col = -1
    if layout.merges:
        firsts = {(m.first_row, m.first_col) for m in layout.merges}
        style_at = {(c.row, c.col): c.style for c in layout.cells if (c.row, c.col) in firsts}
        names = column_names(min(max(m.last_col for m in layout.merges), max_col - 1))
        for m in layout.merges:  # as merge_range(…, "", format): blank cells in the first cell's format
            fmt = formats[style_at[m.first_row, m.first_col]]
            if not (0 <= m.first_row <= m.last_row < max_row and 0 <= m.first_col <= m.last_col < max_col) \
                    or (m.first_row == m.last_row and m.first_col == m.last_col):  # XlsxWriter's warning
                sheet.merge_range(m.first_row, m.first_col, m.last_row, m.last_col, "", fmt)
                continue
            cell_range = f"{names[m.first_col]}{m.first_row + 1}:{names[m.last_col]}{m.last_row + 1}"  # xl_range
            for r in range(m.first_row, m.last_row + 1):
                cells = table[r]
                for c in range(m.first_col, m.last_col + 1):
                    previous = merged.get((r, c))
                    if previous:
                        raise OverlappingRange(f"Merge range '{cell_range}' overlaps previous merge "
                                               f"range '{previous}'.")
                    merged[r, c] = cell_range
                    cells[c] = blank(fmt)
            sheet.merge.append([m.first_row, m.first_col, m.last_row, m.last_col])
            low_row, high_row = min(low_row, m.first_row), max(high_row, m.last_row)
            low_col, high_col = min(low_col, m.first_col), max(high_col, m.last_col)
    for row, col, value, style in layout.cells:
        if row < 0 or col < 0 or row >= max_row or col >= max_col:
            continue  # beyond the sheet: XlsxWriter writes nothing
        if value.__class__ is str:
            if not value.isprintable():  # (printable text holds nothing cell_text replaces)
                value = cell_text(value)
            if len(value) > long_text:
                sheet._write_string(row, col, value, formats[style])
                continue
            table[row][col] = string(shared(value), formats[style])
        elif value is None:
            table[row][col] = blank(formats[style])
        elif isinstance(value, Decimal):
            table[row][col] = number(_number(value), formats[style])
        else:
            table[row][col] = string(shared(cell_text(value)), formats[style])  # (write_string's TypeError)
    # the dimensions the cells widened, as XlsxWriter's per-cell checks do (the table holds this
    # sheet's cells only: set_row stores none)
    used = [(r, min(cells), max(cells)) for r, cells in table.items() if cells]
    if used:
        low_row = min(low_row, min(r for r, _, _ in used))
        high_row = max(high_row, max(r for r, _, _ in used))
        low_col = min(low_col, min(lo for _, lo, _ in used))
        high_col = max(high_col, max(hi for _, _, hi in used))
    if high_row >= 0:
        sheet._check_dimensions(low_row, low_col)
        sheet._check_dimensions(high_row, high_col)


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

    from perfgoals_xl.sinks.safe_xlsx import SafeWorksheet

    direct = isinstance(sheet, SafeWorksheet) and not sheet.constant_memory
    if direct:  # what XlsxWriter's methods store, stored directly (same file)
        _store_widths(layout.column_widths, sheet)
        _store_heights(layout.row_heights, sheet)
        _store_cells(layout, sheet, formats)
    else:
        for col, width in enumerate(layout.column_widths):
            sheet.set_column(col, col, width)
        set_row = sheet.set_row
        for row, height in layout.row_heights.items():
            set_row(row, height)
        _write_cells(layout, sheet, formats)

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
