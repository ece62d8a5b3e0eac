"""Render the entry workbook to an .xlsx file with XlsxWriter (atomically).

Text is always written with ``write_string`` and the workbook refuses to turn
strings into formulas, numbers or links, so a value such as ``=1+1`` or
``-5%`` stays text. Formulas carry their cached values, so readers that do not
calculate (openpyxl ``data_only``, calamine) see the numbers and codes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfgoals_xl.entry import layout
from perfgoals_xl.entry.guide import write_guide_sheet
from perfgoals_xl.entry.layout import (
    COLUMNS,
    DEPARTMENT_ROW,
    FIRST_DATA_ROW,
    HEADER_ROW,
    HEADERS,
    INDEX,
    TITLE_ROW,
)
from perfgoals_xl.entry.rows import (
    PRINTED_HEADER,
    PRINTED_HINT,
    Formula,
    data_row_count,
    department_source_note,
    iter_entry_rows,
    printed_cells,
)
from perfgoals_xl.framework import LEVEL1
from perfgoals_xl.model import PerfTable
from perfgoals_xl.report.layout import FONT_NAME
from perfgoals_xl.sinks.atomic import write_atomic
from perfgoals_xl.sinks.fit import fitted_height

#: Height of the title row (points): the template's form buttons sit in it, right of the title.
TITLE_ROW_HEIGHT = 36.0

#: Data rows above which the 填报 sheet is streamed to disk row by row (XlsxWriter's
#: ``constant_memory`` for that sheet: text as inline strings, not the shared-string table — the
#: same cells, values, formats, heights, notes, validations and print setup). XlsxWriter keeps every
#: cell of a sheet until it closes otherwise (about 4 KiB per row of this sheet).
STREAM_ROWS = 5_000

WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


def write_entry_workbook(table: PerfTable, path: str | Path, *, force: bool = False) -> Path:
    """Write the table as a filled entry workbook (.xlsx); temp file + move, never half a file."""
    return write_atomic(path, lambda tmp: render_entry_workbook(table, tmp), force=force)


def _write_lists(wb: Any, fmt_head: Any) -> None:
    """The hidden sheet 指标体系: dropdown lists and code lookup tables, as defined names."""
    ws = wb.add_worksheet(layout.LISTS_SHEET)
    sheet = f"'{layout.LISTS_SHEET}'"
    ws.write_string(0, 0, "一级指标", fmt_head)
    for i, lv in enumerate(LEVEL1, start=1):
        ws.write_string(i, 0, lv.name)
    wb.define_name(layout.LEVEL1_LIST_NAME, f"={sheet}!$A$2:$A${len(LEVEL1) + 1}")
    col = 1
    columns: dict[tuple[str, ...], str] = {}  # children → their range (short names share it)
    for name, children in layout.level2_list_names().items():
        if children not in columns:
            ws.write_string(0, col, name, fmt_head)
            for i, child in enumerate(children, start=1):
                ws.write_string(i, col, child)
            letter = layout.column_letter(col)
            columns[children] = f"={sheet}!${letter}$2:${letter}${len(children) + 1}"
            col += 1
        wb.define_name(name, columns[children])
    col += 1
    for title, table, name in (("一级指标名称", layout.level1_code_table(), layout.LEVEL1_CODES_NAME),
                               ("一级代码|二级指标名称", layout.level2_code_table(), layout.LEVEL2_CODES_NAME)):
        ws.write_string(0, col, title, fmt_head)
        ws.write_string(0, col + 1, "代码", fmt_head)
        for i, (key, code) in enumerate(table.items(), start=1):
            ws.write_string(i, col, key)
            ws.write_string(i, col + 1, code)
        a, b = layout.column_letter(col), layout.column_letter(col + 1)
        wb.define_name(name, f"={sheet}!${a}$2:${b}${len(table) + 1}")
        col += 3
    ws.write_string(0, col, "指标方向性", fmt_head)
    for i, d in enumerate(layout.DIRECTIONS, start=1):
        ws.write_string(i, col, d)
    letter = layout.column_letter(col)
    wb.define_name(layout.DIRECTION_LIST_NAME, f"={sheet}!${letter}$2:${letter}${len(layout.DIRECTIONS) + 1}")
    ws.hide()


def render_entry_workbook(table: PerfTable, path: str | Path | Any) -> Any:
    """Write the entry workbook to `path` (not atomic by itself: use write_entry_workbook).

    Given an open ``xlsxwriter.Workbook`` instead (the Excel template builder), add the
    sheets to it and leave it open. Returns the 填报 worksheet.
    """
    import xlsxwriter

    own = not isinstance(path, xlsxwriter.Workbook)
    from perfgoals_xl.sinks.safe_xlsx import SafeWorkbook  # sheet names and text sanitised

    wb = SafeWorkbook(str(path), WORKBOOK_OPTIONS) if own else path
    # A large table's 填报 is written row by row to a temporary file (XlsxWriter's constant_memory,
    # for this sheet only): every row's cells are written in order, its height and note with it.
    streamed = own and data_row_count(table) > STREAM_ROWS
    ws = wb.add_streaming_worksheet(layout.SHEET) if streamed else wb.add_worksheet(layout.SHEET)
    try:
        f_head = _write_entry_sheet(wb, ws, table, own=own)
        write_guide_sheet(wb, with_buttons=not own)
        _write_lists(wb, f_head)
        if own:
            wb.close()
    except BaseException:
        if own:
            wb.release_row_files()
        raise
    return ws


def _write_entry_sheet(wb: Any, ws: Any, table: PerfTable, *, own: bool) -> Any:
    """The 填报 sheet, written in row order (each row's height, cells and note together);
    returns the header cells' format (the hidden lists' headers share it)."""
    from perfgoals_xl.assumed_notes import assumed_note
    from perfgoals_xl.entry.print_area import PrintExtent

    ws.activate()
    # Our formulas use no "future" Excel functions, so XlsxWriter's per-formula rewriting (about
    # 30 regex passes, 75% of the writing time at 50,000 rows) is skipped for this sheet only.
    ws._prepare_formula = lambda formula, expand_future_functions=False: formula.lstrip("=")
    fonts = {"font_name": FONT_NAME, "font_size": 10}
    f_title = wb.add_format({**fonts, "bold": True, "font_size": 12, "valign": "vcenter"})
    f_label = wb.add_format({**fonts, "bold": True, "valign": "vcenter", "text_wrap": True})
    f_head = wb.add_format({**fonts, "bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                            "align": "center", "valign": "vcenter"})
    # Column formats (for what a person types below the table): number formats only. Cells
    # of the table itself get the same formats with borders and wrapping (grid_formats).
    column_props = {
        "text": {"num_format": "@"}, "amount": {"num_format": "#,##0.00"},
        "total": {"num_format": "#,##0.00"}, "code": {"num_format": "@", "font_color": "#595959"},
        "integer": {"num_format": "General"}, "number": {"num_format": "General"},
    }
    cell_props = {**column_props, "total": {"num_format": "#,##0.00", "bg_color": "#F2F2F2"},
                  "code": {"num_format": "@", "bg_color": "#F2F2F2", "font_color": "#595959"}}
    wrap = {"text_wrap": True, "valign": "top", "border": 1, "border_color": "#A6A6A6", **fonts}
    col_formats = [wb.add_format({**column_props[c.kind], **fonts, "valign": "top"}) for c in COLUMNS]
    grid_formats = [wb.add_format({**cell_props[c.kind], **wrap}) for c in COLUMNS]
    widths = [c.width for c in COLUMNS]
    for i, col in enumerate(COLUMNS):
        ws.set_column(i, i, col.width, col_formats[i])
    border = wb.add_format({"border": 1, "border_color": "#A6A6A6"}) if own else None
    note = department_source_note(table)
    f_note = wb.add_format({**fonts, "font_color": "#808080"}) if note else None
    printed = printed_cells(table)  # 印有指标值栏 right of the table: a scoring sheet's projects say 否
    if note or printed:
        ws.set_column(len(COLUMNS), len(COLUMNS), 28 if note else 14)
    assumed: list[tuple[int, Any]] = []
    extent = PrintExtent()
    count = 0
    for r, row in enumerate(iter_entry_rows(table, spare_rows=layout.SPARE_ROWS, assumed=assumed)):
        count = r + 1
        # The row's height first: a streamed sheet writes a row out when the next one starts.
        if r == TITLE_ROW:
            # The title in A1 shows over the empty B1 (not merged: a merged cell gets in the way of
            # scripts and sorting); the template puts its buttons from C1 on, in the same frozen row.
            ws.set_row(r, TITLE_ROW_HEIGHT)
        elif r == DEPARTMENT_ROW:
            ws.set_row(r, fitted_height([v or "" for v in row], widths))
        elif r == HEADER_ROW:
            ws.set_row(r, fitted_height(list(HEADERS), widths))
        elif any(isinstance(v, str) and v and not isinstance(v, Formula) for v in row):
            ws.set_row(r, fitted_height([v if not isinstance(v, Formula) else "" for v in row], widths))
        for c, value in enumerate(row):
            if r >= FIRST_DATA_ROW:
                fmt = grid_formats[c]
            elif r == HEADER_ROW:
                fmt = f_head
            else:
                fmt = f_title if r == 0 else f_label
            if value is None or value == "":
                if r >= FIRST_DATA_ROW and not own:  # the template: a bordered empty form
                    ws.write_blank(r, c, None, fmt)
                continue
            _write_cell(ws, r, c, value, fmt)
        if r == DEPARTMENT_ROW and note:
            # beside the table, never printed: where the department name was read (round trip)
            ws.write_string(DEPARTMENT_ROW, len(COLUMNS), note, f_note)
        if printed and r == HEADER_ROW:  # beside the table too: whether a project's grid prints values
            ws.write_string(r, len(COLUMNS), PRINTED_HEADER, f_head)
            ws.data_validation(r, len(COLUMNS), r, len(COLUMNS), {
                "validate": "any", "input_title": PRINTED_HEADER, "input_message": PRINTED_HINT[:255]})
        elif printed and (r - FIRST_DATA_ROW) in printed:
            ws.write_string(r, len(COLUMNS), printed[r - FIRST_DATA_ROW], grid_formats[INDEX["direction"]])
        while assumed and FIRST_DATA_ROW + assumed[0][0] == r:  # PG-S10: the amount column was assumed
            amounts = assumed.pop(0)[1]
            if amounts.assumed[0] in INDEX:
                ws.write_comment(r, INDEX[amounts.assumed[0]], assumed_note(amounts.assumed),
                                 {"x_scale": 2, "y_scale": 1.5})
        extent.add(r, row)
    if own and count > FIRST_DATA_ROW:
        # Empty cells of a filled table get their borders from one conditional format: writing
        # a bordered blank into each (most cells of an indicator row are empty) tripled the
        # writing time and doubled the file. The template writes its few spare cells instead,
        # because its mark colours are conditional formats too (LibreOffice applies only the
        # first true one).
        ws.conditional_format(FIRST_DATA_ROW, 0, count - 1, len(COLUMNS) - (0 if printed else 1), {
            "type": "no_errors", "format": border,
        })
    ws.freeze_panes(FIRST_DATA_ROW, INDEX["project"] + 1)
    _validations(ws, max(count - 1, layout.MIN_VALIDATION_ROWS))
    ws.autofilter(HEADER_ROW, 0, max(count - 1, FIRST_DATA_ROW), len(COLUMNS) - 1)
    _print_setup(ws, extent.range())
    return f_head


def _print_setup(ws: Any, extent: tuple[int, int]) -> None:
    """A3 landscape, one page wide (or one page per column group when the 自评 or 申报表 columns
    hold something), rows 1-3 on every page, page numbers; the print area ends at
    the last filled row (``entry.print_area``: a static range every spreadsheet program prints;
    the 校验 and 导入 buttons move it as rows are added)."""
    from perfgoals_xl.entry.print_area import TITLE_COLUMNS, column_pages
    from perfgoals_xl.sinks.fit import setup_print

    setup_print(ws, header_rows=FIRST_DATA_ROW, paper=8)
    last_row, last_col = extent
    ws.print_area(0, 0, last_row, last_col)
    breaks, scale = column_pages(last_col)
    if breaks:  # the 自评 and 申报表 columns on pages of their own, readable, names repeated
        ws.set_print_scale(scale)  # a fixed scale: Excel ignores manual breaks when fitting
        ws.set_v_pagebreaks(list(breaks))
        ws.repeat_columns(*TITLE_COLUMNS)


def _write_cell(ws: Any, r: int, c: int, value: Any, fmt: Any) -> None:
    if isinstance(value, Formula):
        ws.write_formula(r, c, str(value), fmt, value.cached)
    elif isinstance(value, str):
        ws.write_string(r, c, value, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value, fmt)
    else:
        ws.write_string(r, c, str(value), fmt)


def _validations(ws: Any, last: int) -> None:
    """Input hints on the header cells; dropdowns on the data cells (warning style)."""
    first = FIRST_DATA_ROW
    for i, col in enumerate(COLUMNS):
        ws.data_validation(HEADER_ROW, i, HEADER_ROW, i, {
            "validate": "any", "input_title": col.header[:32], "input_message": col.hint[:255],
        })
    # Warning style: the dropdown offers the official names, but a name as the source wrote
    # it (经济效益 without 指标) may stay — Excel asks once, it does not block.
    common = {"error_type": "warning", "error_title": "不在指标体系中", "ignore_blank": True}
    ws.data_validation(first, INDEX["level1"], last, INDEX["level1"], {
        "validate": "list", "source": f"={layout.LEVEL1_LIST_NAME}",
        "error_message": "一级指标应为产出指标、效益指标、满意度指标或成本指标。仍要保留所填内容吗？", **common,
    })
    ws.data_validation(first, INDEX["level2"], last, INDEX["level2"], {
        "validate": "list", "source": layout.level2_dropdown_source(first),
        "error_message": "二级指标应为所选一级指标下的官方名称。仍要保留所填内容吗？", **common,
    })
    ws.data_validation(first, INDEX["direction"], last, INDEX["direction"], {
        "validate": "list", "source": f"={layout.DIRECTION_LIST_NAME}",
        "error_message": "指标方向性应为“正向”或“反向”。仍要保留所填内容吗？", **common,
    })
    for key in ("fiscal", "special", "other"):
        ws.data_validation(first, INDEX[key], last, INDEX[key], {
            "validate": "decimal", "criteria": ">=", "value": 0, "error_type": "warning",
            "error_title": "金额", "error_message": "金额应为不小于 0 的数字（万元）。",
        })
