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

import re
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from perfgoals_xl.text_clean import cell_text, sheet_name

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def plain_xml_text(text: str) -> str:
    """Text for places XlsxWriter writes without escaping control characters (headers, comments)."""
    return _XML_ILLEGAL.sub("", text) if _XML_ILLEGAL.search(text) else text


class SafeWorksheet(Worksheet):
    """A worksheet whose strings are sanitised before XlsxWriter stores them."""

    def _write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> Any:
        if isinstance(string, str):
            string = cell_text(string)
        return super()._write_string(row, col, string, cell_format)

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


class SafeWorkbook(xlsxwriter.Workbook):
    """An XlsxWriter workbook with sanitised sheet names and :class:`SafeWorksheet` sheets."""

    worksheet_class = SafeWorksheet

    def add_worksheet(self, name: str | None = None, worksheet_class: Any = None) -> Any:
        """Add a worksheet; the name is made valid and unique (a valid unused name is kept as is)."""
        if name is not None:
            name = sheet_name(name, (ws.name for ws in self.worksheets()), fallback=f"Sheet{len(self.worksheets()) + 1}")
        return super().add_worksheet(name, worksheet_class)

    def set_properties(self, properties: dict[str, Any]) -> Any:
        """Set document properties (sanitised)."""
        cleaned = {k: plain_xml_text(v) if isinstance(v, str) else v for k, v in properties.items()}
        return super().set_properties(cleaned)
