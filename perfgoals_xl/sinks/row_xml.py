"""A worksheet's ``<sheetData>`` rows written a row at a time: XlsxWriter's XML, byte for byte.

XlsxWriter writes every cell through ``_write_cell``: a list of attributes, each passed through
its attribute escape (a regex search), one ``write`` to the file per cell — about half of the time
of a workbook of one 申报表 or 自评表 per project (~150 and ~110 cells a sheet). The cells our
writers make are of three kinds, always with a format: shared or inline strings, numbers and
blanks. Their XML is made here with one f-string each and a row written at once; the row tag
itself, and any other cell (formulas, booleans, rich strings, dates, cells taking their row's or
column's format), are left to XlsxWriter's own methods, in place. A sheet with notes (comments)
is left to XlsxWriter whole.

The attributes XlsxWriter escapes are a cell reference (``A1``) and a format index (an int): none
can hold a character to escape. The values are what ``_write_cell`` writes: a shared string's
index, ``f"{number:.16G}"``, and an inline string with XlsxWriter's own control-character and
data escapes and ``xml:space="preserve"`` rule (tests/test_row_xml.py compares both on real
layouts and hostile text).
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import CellBlankTuple, CellNumberTuple, CellStringTuple, Worksheet

_COLUMNS: list[str] = []


def column_names(last: int) -> list[str]:
    """The letters of columns 0..last (A, B, …), cached."""
    while len(_COLUMNS) <= last:
        _COLUMNS.append(xl_col_to_name(len(_COLUMNS)))
    return _COLUMNS


def _spans(sheet: Worksheet) -> dict[int, str] | None:
    """XlsxWriter's ``_calculate_spans`` (the columns used in each block of 16 rows) from the
    rows that hold cells; None when a cell lies outside the sheet's dimensions (never: left to it)."""
    lows: dict[int, int] = {}
    highs: dict[int, int] = {}
    rowmin, rowmax, colmin, colmax = sheet.dim_rowmin, sheet.dim_rowmax, sheet.dim_colmin, sheet.dim_colmax
    for row_num, cells in sheet.table.items():
        if not cells:
            continue
        low, high = min(cells), max(cells)
        if not (rowmin <= row_num <= rowmax and colmin <= low and high <= colmax):
            return None
        block = row_num // 16
        if block not in lows or low < lows[block]:
            lows[block] = low
        if block not in highs or high > highs[block]:
            highs[block] = high
    return {block: f"{low + 1}:{highs[block] + 1}" for block, low in lows.items()}


def row_cells_xml(sheet: Worksheet, row_num: int, cells: dict[int, Any], xf: dict[Any, int]) -> list[Any]:
    """The XML of a row's cells in column order: a string per cell this module writes, the column
    number (an int) of any cell left to XlsxWriter's ``_write_cell``. xf: format → index, filled
    as formats are met (XlsxWriter numbers a format when a cell first uses it)."""
    out: list[Any] = []
    names = column_names(max(cells))
    r1 = row_num + 1
    inline = sheet.constant_memory
    escape_controls = sheet._escape_control_characters
    for col in sorted(cells):
        cell = cells[col]
        fmt = cell.format
        if not fmt:
            out.append(col)  # the row's or column's format: XlsxWriter decides
            continue
        s = xf.get(fmt)
        if s is None:
            s = xf[fmt] = fmt._get_xf_index()
        kind = cell.__class__
        if kind is CellStringTuple:
            if not inline:
                out.append(f'<c r="{names[col]}{r1}" s="{s}" t="s"><v>{cell.string}</v></c>')
                continue
            string = escape_controls(cell.string)
            if string.startswith("<r>") and string.endswith("</r>"):
                out.append(col)  # a rich string: XlsxWriter's
                continue
            # _preserve_whitespace: ^\s or \s$ (a final line break is whitespace itself); \s is str.isspace
            space = ' xml:space="preserve"' if string and (string[0].isspace() or string[-1].isspace()) else ""
            if "&" in string or "<" in string or ">" in string:  # _escape_data
                string = string.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            out.append(f'<c r="{names[col]}{r1}" s="{s}" t="inlineStr"><is><t{space}>{string}</t></is></c>')
        elif kind is CellNumberTuple:
            out.append(f'<c r="{names[col]}{r1}" s="{s}"><v>{cell.number:.16G}</v></c>')
        elif kind is CellBlankTuple:
            out.append(f'<c r="{names[col]}{r1}" s="{s}"/>')
        else:
            out.append(col)
    return out


def row_tag(sheet: Worksheet, row_num: int, span: str | None, info: Any) -> str:
    """The ``<row …>`` start tag ``Worksheet._write_row`` writes (its attributes in its order)."""
    if info is None:
        height, row_format, hidden, level, collapsed = None, None, False, 0, False
    else:
        height, row_format, hidden = info.height, info.row_format, info.hidden
        level, collapsed = info.level, info.collapsed
    if height is None:
        height = sheet.default_row_height
    tag = f'<row r="{row_num + 1}"'
    if span:
        tag += f' spans="{span}"'
    if row_format:
        xf_index = row_format._get_xf_index()
        if xf_index:
            tag += f' s="{xf_index}"'
        tag += ' customFormat="1"'
    custom = height != sheet.original_row_height or height != sheet.default_row_height
    if custom:
        tag += f' ht="{height * 0.75:.16g}"'
    if hidden:
        tag += ' hidden="1"'
    if custom:
        tag += ' customHeight="1"'
    if level:
        tag += f' outlineLevel="{level}"'
    if collapsed:
        tag += ' collapsed="1"'
    if sheet.excel_version == 2010:
        tag += ' x14ac:dyDescent="0.25"'
    return tag + ">"


def write_row(sheet: Worksheet, row_num: int, span: str | None, cells: dict[int, Any],
              xf: dict[Any, int]) -> None:
    """One ``<row>`` with its cells, as XlsxWriter writes it (its row tag, these cells' XML)."""
    colmin, colmax = sheet.dim_colmin, sheet.dim_colmax
    pending: list[str] = [row_tag(sheet, row_num, span, sheet.row_info.get(row_num))]
    for part in row_cells_xml(sheet, row_num, cells, xf):
        if part.__class__ is str:
            pending.append(part)
        elif colmin <= part <= colmax:  # XlsxWriter writes the columns within the dimensions only
            if pending:
                sheet.fh.write("".join(pending))
                pending = []
            sheet._write_cell(row_num, part, cells[part])
    pending.append("</row>")
    sheet.fh.write("".join(pending))


def write_rows(sheet: Worksheet) -> None:
    """``Worksheet._write_rows``: every row with cells, a height or a format, same bytes."""
    spans = None if sheet.comments else _spans(sheet)
    if spans is None:  # notes placed in rows, or a cell outside the dimensions: XlsxWriter's
        Worksheet._write_rows(sheet)
        return
    sheet.row_spans = spans
    table, row_info = sheet.table, sheet.row_info
    xf: dict[Any, int] = {}
    for row_num in range(sheet.dim_rowmin, sheet.dim_rowmax + 1):
        cells = table.get(row_num)
        if cells:
            write_row(sheet, row_num, spans.get(row_num // 16), cells, xf)
        elif row_num in row_info:  # a height or format only
            sheet._write_empty_row(row_num, spans.get(row_num // 16), row_info[row_num])


def write_single_row(sheet: Worksheet, current_row_num: int, xf: dict[Any, int]) -> None:
    """``Worksheet._write_single_row`` (``constant_memory``: the previous row out to the row file,
    no spans), same bytes."""
    row_num = sheet.previous_row
    sheet.previous_row = current_row_num
    cells = sheet.table.get(row_num)
    if cells:
        write_row(sheet, row_num, None, cells, xf)
    elif row_num in sheet.row_info or row_num in sheet.comments:
        sheet._write_empty_row(row_num, None, sheet.row_info[row_num])  # (XlsxWriter's KeyError too)
    sheet.table.clear()


def write_merge_cells(sheet: Worksheet) -> None:
    """``Worksheet._write_merge_cells``: the ``<mergeCells>`` of the sheet's merged ranges, same bytes
    (a range's reference holds nothing to escape)."""
    merged = sheet.merge
    if not merged:
        return
    names = column_names(max(m[3] for m in merged))
    parts = [f'<mergeCells count="{len(merged)}">']
    parts += [f'<mergeCell ref="{names[c1]}{r1 + 1}:{names[c2]}{r2 + 1}"/>' for r1, c1, r2, c2 in merged]
    parts.append("</mergeCells>")
    sheet.fh.write("".join(parts))
