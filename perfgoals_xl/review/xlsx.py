"""Write a comparison's sheets (:mod:`perfgoals_xl.review.layout`) to an .xlsx file:
A4 landscape, one page wide, header rows on every page, page numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfgoals_xl.review.layout import STYLES, SheetLayout, sheets
from perfgoals_xl.review.model import TableDiff


def _format(book: Any, name: str) -> Any:
    s = STYLES[name]
    props: dict[str, Any] = {"font_name": s.get("font_name"), "font_size": s.get("font_size", 10),
                             "text_wrap": bool(s.get("wrap")), "valign": {"center": "vcenter"}.get(
                                 s.get("valign", "top"), s.get("valign", "top"))}
    if s.get("bold"):
        props["bold"] = True
    if s.get("align"):
        props["align"] = s["align"]
    if s.get("fill"):
        props["bg_color"] = s["fill"]
        props["pattern"] = 1
    if s.get("font_color"):
        props["font_color"] = s["font_color"]
    if s.get("border"):
        props["border"] = 1
    props["num_format"] = "@"
    return book.add_format(props)


def render_sheet(book: Any, layout: SheetLayout, formats: dict[str, Any]) -> Any:
    """Draw one sheet layout into an XlsxWriter workbook; returns the worksheet."""
    from perfgoals_xl.sinks.fit import setup_print
    from perfgoals_xl.sinks.issues_sheet import page_header

    ws = book.add_worksheet(layout.name)
    for col, width in enumerate(layout.widths):
        ws.set_column(col, col, width)
    merged_cells = {}
    for r1, c1, r2, c2 in layout.merges:
        merged_cells[(r1, c1)] = (r2, c2)
    covered = {(r, c) for r1, c1, r2, c2 in layout.merges for r in range(r1, r2 + 1)
               for c in range(c1, c2 + 1) if (r, c) != (r1, c1)}
    for r, (values, styles) in enumerate(zip(layout.rows, layout.styles, strict=True)):
        ws.set_row(r, layout.heights[r])
        for c, value in enumerate(values):
            if (r, c) in covered:
                continue
            fmt = formats[styles[c]] if styles[c] else None
            if (r, c) in merged_cells:
                r2, c2 = merged_cells[(r, c)]
                ws.merge_range(r, c, r2, c2, "" if value is None else value, fmt)
            elif value is None:
                ws.write_blank(r, c, None, fmt)
            elif isinstance(value, int | float):
                ws.write_number(r, c, value, fmt)
            else:
                ws.write_string(r, c, str(value), fmt)
    setup_print(ws, header_rows=layout.header_rows, header=page_header(layout.name))
    if layout.freeze_row:
        ws.freeze_panes(layout.freeze_row, 0)
    return ws


def write_diff_xlsx(diff: TableDiff, path: str | Path, *, force: bool = False) -> Path:
    """The comparison workbook: 修改对照 and 整改情况, print-ready; written atomically."""
    from perfgoals_xl.sinks.atomic import write_atomic
    from perfgoals_xl.sinks.safe_xlsx import SafeWorkbook

    def write(tmp: Path) -> None:
        book = SafeWorkbook(str(tmp), {"strings_to_numbers": False, "strings_to_formulas": False,
                                       "strings_to_urls": False})
        formats = {name: _format(book, name) for name in STYLES}
        for layout in sheets(diff):
            render_sheet(book, layout, formats)
        book.close()

    return write_atomic(path, write, force=force)
