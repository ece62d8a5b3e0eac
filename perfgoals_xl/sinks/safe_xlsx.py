"""The one XlsxWriter workbook every writer uses: sheet names and text made valid on the way in.

A control character in a project name used to reach ``workbook.xml`` raw (a sheet
name is an XML attribute), and Excel would not open the workbook; a lone surrogate
made every writer fail. :class:`SafeWorkbook` passes every sheet name through
:func:`perfgoals_xl.text_clean.sheet_name` and its worksheets pass every cell string,
rich-string part, comment, header and footer through the same sanitiser
(:mod:`perfgoals_xl.text_clean`): cell text keeps control characters (XlsxWriter
stores them as ``_x0001_``), places that cannot escape them drop them.
"""

from __future__ import annotations

import math
import re
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import CellBlankTuple, CellNumberTuple, CellStringTuple, RowInfo

from perfgoals_xl.sinks.finished_sheets import FinishingWorkbook, FinishingWorksheet
from perfgoals_xl.sinks.row_xml import column_names, row_tag
from perfgoals_xl.text_clean import SheetNames, cell_text

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def plain_xml_text(text: str) -> str:
    """Text for places XlsxWriter writes without escaping control characters (headers, comments)."""
    return _XML_ILLEGAL.sub("", text) if _XML_ILLEGAL.search(text) else text


#: The functions XlsxWriter's ``_prepare_formula`` renames (_xlfn.…) even without future functions,
#: as its patterns match them (``\SINGLE\(`` there: any character before INGLE).
_DYNAMIC = re.compile(r"(?:ANCHORARRAY|BYCOL|BYROW|CHOOSECOLS|CHOOSEROWS|DROP|EXPAND|FILTER|HSTACK|LAMBDA|"
                      r"MAKEARRAY|MAP|RANDARRAY|REDUCE|SCAN|INGLE|SEQUENCE|SORT|SORTBY|SWITCH|TAKE|TEXTSPLIT|"
                      r"TOCOL|TOROW|UNIQUE|VSTACK|WRAPCOLS|WRAPROWS|XLOOKUP)\(")


def write_cells(ws: Any, row: int, cells: list[tuple[int, Any, Any]]) -> None:
    """Write ``(column, value, format)`` cells of one row through a worksheet's own methods (None a
    blank, text a string, else a number): the path of any worksheet, and SafeWorksheet's slow path."""
    for col, value, fmt in cells:
        if value is None:
            ws.write_blank(row, col, None, fmt)
        elif isinstance(value, str):
            ws.write_string(row, col, value, fmt)
        else:
            ws.write_number(row, col, value, fmt)


class SafeWorksheet(FinishingWorksheet):
    """A worksheet whose strings are sanitised before XlsxWriter stores them (and that can be
    written out once finished: sinks/finished_sheets.py)."""

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        # XlsxWriter runs 29 regex substitutions over every formula (0.25 ms each: the batch
        # summary's HYPERLINK per finding); one search tells when none of them can match.
        if not (self.use_future_functions or expand_future_functions) and not _DYNAMIC.search(formula):
            formula = formula[1:] if formula.startswith("{") else formula
            formula = formula[1:] if formula.startswith("=") else formula
            return formula[:-1] if formula.endswith("}") else formula
        return super()._prepare_formula(formula, expand_future_functions)

    @staticmethod
    def _escape_control_characters(data: Any) -> Any:
        # A streamed sheet (inline strings) escapes every cell's text with two regex passes; a text
        # with no "_x" and only printable characters (no control character, no U+FFFE/U+FFFF)
        # comes out of them unchanged.
        if data.__class__ is str and "_x" not in data and data.isprintable():
            return data
        return FinishingWorksheet._escape_control_characters(data)

    def _write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> Any:
        if isinstance(string, str):
            string = cell_text(string)
        return super()._write_string(row, col, string, cell_format)

    def put_row(self, row: int, cells: list[tuple[int, Any, Any]], height: float | None = None) -> None:
        """The cells of one row, (column, value, format) in column order, each stored as
        ``write_string`` (a str), ``write_number`` (an int or float) or ``write_blank`` (None) stores
        it — the same table entries, shared strings in the same order, dimensions, a streamed sheet's
        previous row written out first — without their per-cell decorators and checks (the 问题清单:
        11 cells a finding); then, given a height (a float), ``set_row(row, height)``'s record. A
        format is required; a row or column beyond Excel's limits, a row a streamed sheet has
        passed, a text beyond half a cell's limit or another value: through those methods, cell by
        cell."""
        if not cells:
            if height is not None:
                self.set_row(row, height)
            return
        first, last = cells[0][0], cells[-1][0]
        if (row < 0 or row >= self.xls_rowmax or first < 0 or last >= self.xls_colmax
                or (self.constant_memory and row < self.previous_row)):
            self._put_slowly(row, cells)
            if height is not None:
                self.set_row(row, height)
            return
        if self.constant_memory and row > self.previous_row:
            self._write_single_row(row)
            if self._stream_row(row, cells, height):
                return
        stored = self.table[row]
        shared = None if self.constant_memory else self.str_table._get_shared_string_index
        long_text = self.xls_strmax // 2
        for col, value, fmt in cells:
            kind = value.__class__
            if value is None:
                stored[col] = CellBlankTuple(fmt)
            elif kind is str:
                if not value.isprintable():  # (printable text holds nothing cell_text replaces)
                    value = cell_text(value)
                if len(value) > long_text:
                    self._write_string(row, col, value, fmt)
                    continue
                stored[col] = CellStringTuple(value if shared is None else shared(value), fmt)
            elif (kind is int or kind is float) and math.isfinite(value):
                stored[col] = CellNumberTuple(value, fmt)
            else:
                self._put_slowly(row, [(col, value, fmt)])
        self._check_dimensions(row, first)
        self._check_dimensions(row, last)
        if height is None:
            return
        if height.__class__ is not float:
            self.set_row(row, height)
            return
        pixels = int(height * 4.0 / 3.0 + 0.5)  # set_row_pixels' record (its dimension check: above)
        hidden = pixels == 0
        if hidden:
            pixels = self.default_row_height
        self.row_info[row] = RowInfo(pixels, None, hidden, 0, False)
        self.row_sizes[row] = [pixels, hidden]

    def _stream_row(self, row: int, cells: list[tuple[int, Any, Any]], height: float | None) -> bool:
        """A streamed sheet's row written out at once, as ``write_single_row`` would write it once the
        next row starts (the same bytes: sinks/row_xml.py) — no cell table, no second pass over it;
        False, with nothing written, when a cell needs XlsxWriter's own handling (a text beyond half a
        cell's limit or holding a rich string's markup, a value neither text nor a finite number) or
        the height is not a float."""
        if height is not None and height.__class__ is not float:
            return False
        long_text = self.xls_strmax // 2
        escape = self._escape_control_characters
        texts: list[Any] = []
        for _, value, _ in cells:
            kind = value.__class__
            if kind is str:
                if not value.isprintable():  # (printable text holds nothing cell_text replaces)
                    value = cell_text(value)
                if len(value) > long_text:
                    return False
                value = escape(value)
                if value.startswith("<r>") and value.endswith("</r>"):
                    return False
            elif not (value is None or ((kind is int or kind is float) and math.isfinite(value))):
                return False
            texts.append(value)
        xf = self.__dict__.setdefault("_perfgoals_xf", {})
        names = column_names(cells[-1][0])
        r1 = row + 1
        parts: list[str] = []
        if height is None:
            parts.append(row_tag(self, row, None, None))
        else:
            pixels = int(height * 4.0 / 3.0 + 0.5)  # set_row_pixels' record, as put_row stores it
            hidden = pixels == 0
            if hidden:
                pixels = self.default_row_height
            parts.append(row_tag(self, row, None, RowInfo(pixels, None, hidden, 0, False)))
            sizes = self.__dict__.setdefault("_perfgoals_sizes", {})
            self.row_sizes[row] = sizes.setdefault((pixels, hidden), [pixels, hidden])
        for (col, _, fmt), value in zip(cells, texts, strict=True):
            s = xf.get(fmt)
            if s is None:
                s = xf[fmt] = fmt._get_xf_index()
            ref = f"{names[col]}{r1}"
            if value is None:
                parts.append(f'<c r="{ref}" s="{s}"/>')
            elif value.__class__ is str:
                space = ' xml:space="preserve"' if value and (value[0].isspace() or value[-1].isspace()) else ""
                if "&" in value or "<" in value or ">" in value:
                    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                parts.append(f'<c r="{ref}" s="{s}" t="inlineStr"><is><t{space}>{value}</t></is></c>')
            else:
                parts.append(f'<c r="{ref}" s="{s}"><v>{value:.16G}</v></c>')
        parts.append("</row>")
        self.fh.write("".join(parts))
        self._check_dimensions(row, cells[0][0])
        self._check_dimensions(row, cells[-1][0])
        return True

    def _put_slowly(self, row: int, cells: list[tuple[int, Any, Any]]) -> None:
        write_cells(self, row, cells)

    def _write_rich_string(self, row: int, col: int, *args: Any) -> int:
        args = tuple(cell_text(a) if isinstance(a, str) else a for a in args)
        return super()._write_rich_string(row, col, *args)

    def write_comment(self, row: int, col: int, comment: str, options: Any = None) -> Any:
        """Write a comment (sanitised)."""
        if isinstance(comment, str):
            comment = plain_xml_text(comment)
        return super().write_comment(row, col, comment, options)

    def set_header(self, header: str = "", options: Any = None, margin: Any = None) -> None:
        """Set the page header (sanitised)."""
        super().set_header(plain_xml_text(header), options, margin)

    def set_footer(self, footer: str = "", options: Any = None, margin: Any = None) -> None:
        """Set the page footer (sanitised)."""
        super().set_footer(plain_xml_text(footer), options, margin)


class SafeWorkbook(FinishingWorkbook, xlsxwriter.Workbook):
    """An XlsxWriter workbook with sanitised sheet names and :class:`SafeWorksheet` sheets
    (``finish_sheet`` writes a sheet out once its writer is done with it)."""

    worksheet_class = SafeWorksheet

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._names = SheetNames()

    def add_worksheet(self, name: str | None = None, worksheet_class: Any = None) -> Any:
        """Add a worksheet; the name is made valid and unique (a valid unused name is kept as is)."""
        name = self._names.add(name or "", fallback=f"Sheet{len(self.worksheets_objs) + 1}")
        return super().add_worksheet(name, worksheet_class)

    def add_streaming_worksheet(self, name: str) -> Any:
        """Add a worksheet written row by row to a temporary file (XlsxWriter's ``constant_memory``
        for this sheet only): its cells must come in row order, a row's height and notes before the
        next row starts, and its text is stored inline instead of in the shared-string table."""
        saved = self.constant_memory
        self.constant_memory = True
        try:
            return self.add_worksheet(name)
        finally:
            self.constant_memory = saved

    def release_row_files(self) -> None:
        """Remove the temporary row files of streamed sheets (a write that failed before close)."""
        import contextlib
        import os

        for sheet in self.worksheets():
            if getattr(sheet, "constant_memory", False) and not sheet.row_data_fh_closed:
                sheet.row_data_fh.close()
                sheet.row_data_fh_closed = True
                with contextlib.suppress(OSError):
                    os.unlink(sheet.row_data_filename)

    def _check_sheetname(self, sheetname: Any, is_chartsheet: bool = False) -> Any:
        """XlsxWriter's check compares each new name with every sheet (quadratic in sheets); names
        from add_worksheet are valid and unique already (SheetNames), others get the full check."""
        if not is_chartsheet and sheetname and sheetname.lower() in self._names.used \
                and sheetname not in self.sheetnames:
            self.sheetname_count += 1
            return sheetname
        return super()._check_sheetname(sheetname, is_chartsheet)

    def set_properties(self, properties: dict[str, Any]) -> Any:
        """Set document properties (sanitised)."""
        cleaned = {k: plain_xml_text(v) if isinstance(v, str) else v for k, v in properties.items()}
        return super().set_properties(cleaned)
