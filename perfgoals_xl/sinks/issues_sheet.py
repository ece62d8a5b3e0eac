"""Issues as a table: CSV (UTF-8 with BOM) and a sheet inside a workbook being written.

Both use the issue record's flat row (``Issue.to_row()``) and its Chinese column
headers (``perfgoals_xl.rules.issue.ISSUE_COLUMNS``), so every tabular sink agrees.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Columns shown in the issues sheet of a report workbook (a reviewer's view), in order.
SHEET_COLUMNS = ("severity_label", "code", "project", "seq", "indicator", "field_label", "message",
                 "hint", "cells", "line", "suppressed")
_WIDTHS = {"severity_label": 6, "code": 9, "project": 18, "seq": 5, "indicator": 16, "field_label": 10,
           "message": 40, "hint": 34, "cells": 14, "line": 6, "suppressed": 7}
#: Short headers for the narrow columns of the sheet (the CSV keeps ISSUE_COLUMNS' names).
_SHORT = {"severity_label": "级别", "seq": "序号", "line": "行号", "field_label": "字段"}


def setup_print(ws: Any, *, header_rows: int = 1, header: str = "") -> None:
    """A4 landscape, one page wide, header rows on every page, page numbers in the footer."""
    from perfgoals_xl.sinks.fit import setup_print as setup

    setup(ws, header_rows=header_rows, header=header)


def page_header(name: str, department: str | None = None, file: str | None = None) -> str:
    """The page header of an issues sheet: its title, the department and the file's name.

    Excel header codes: ``&L`` / ``&C`` / ``&R`` sections, ``&&`` a literal ampersand; the
    whole stays under Excel's 255-character limit.
    """
    def text(value: str, limit: int) -> str:
        value = " ".join(value.split())
        value = value if len(value) <= limit else value[: limit - 1] + "…"
        return value.replace("&", "&&")

    parts = [f"&L&B{text(name, 20)}&B"]
    if department:
        parts.append(f"&C{text(department, 40)}")
    if file:
        parts.append(f"&R{text(Path(file).name, 60)}")
    return "".join(parts)


def write_issues_csv(issues: list[Any], path: str | Path, *, headers: str = "zh",
                     place: Any = None) -> None:
    """All issue columns, one row per issue; UTF-8 with BOM so Excel opens it.

    headers: "zh" (default) Chinese headers and values (是/否, 提示, 金额); "en" the ISSUE_COLUMNS
    keys and English values (true/false, info, amounts), for scripts (sinks/csv_vocabulary.py).
    place: turns the 文件 path into the one shown (csv_vocabulary.relative_place).
    """
    write_issue_rows(issues, path, headers=headers, place=place)


def write_issue_rows(issues: list[Any], target: Any, *, headers: str = "zh", place: Any = None) -> None:
    """The issues CSV to a path (UTF-8 with BOM) or to an open text stream (``check``)."""
    from perfgoals_xl.csvcells import guard
    from perfgoals_xl.rules.issue import ISSUE_COLUMNS
    from perfgoals_xl.sinks.csv_vocabulary import Vocabulary
    from perfgoals_xl.sinks.longform import header_names

    vocabulary = Vocabulary(headers, place)

    def write(fh: Any) -> None:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(header_names(ISSUE_COLUMNS, headers).values())
        for issue in issues:
            row = vocabulary.issue_row(issue.to_row())
            writer.writerow(["" if row[k] is None else guard(str(row[k])) for k in ISSUE_COLUMNS])

    if hasattr(target, "write"):
        write(target)
        return
    with open(target, "w", encoding="utf-8-sig", newline="") as fh:
        write(fh)


def _text(value: Any) -> str:
    if value is True:
        return "是"
    if value is False:
        return ""
    return str(value)


def sheet_cells(row: dict[str, Any]) -> str | None:
    """The 全部单元格 text of an issue row: every cell with its sheet (填报!L5,填报!M5)."""
    cells = row.get("cells")
    if not cells:
        return None
    sheet = row.get("sheet")
    if not sheet:
        return cells
    quoted = f"'{sheet}'" if any(ch in sheet for ch in " -'!,") else sheet
    return ",".join(f"{quoted}!{cell}" for cell in cells.split(","))


def sheet_value(row: dict[str, Any], key: str) -> Any:
    """The value an issues sheet shows in column ``key`` (已接受 as 是/否, cells with their sheet)."""
    if key == "cells":
        return sheet_cells(row)
    if key == "suppressed":
        return "是" if row.get("suppressed") else "否"
    return row.get(key)


def add_issues_sheet(workbook: Any, issues: Iterable[Any], name: str = "问题清单", *,
                     department: str | None = None, file: str | None = None, streamed: bool = False) -> Any:
    """Add a formatted issues sheet to an open xlsxwriter.Workbook; return the worksheet.

    issues may be an iterator (``rules.iter_check``): each row is written as its issue comes
    and no issue is kept.

    Every text cell wraps and every row is as tall as its longest text (sinks.fit), so no
    message or hint is cut at the cell edge, on screen or on paper. Every printed page
    names the sheet, the department and the file (``page_header``) and its page number.
    The rows are written in order, so ``streamed`` (a :class:`~perfgoals_xl.sinks.safe_xlsx.
    SafeWorkbook`) writes them to disk as they come (``add_streaming_worksheet``): the same sheet.
    """
    from perfgoals_xl.rules.issue import ISSUE_COLUMNS
    from perfgoals_xl.sinks.fit import FONT, fitted_height
    from perfgoals_xl.sinks.safe_xlsx import write_cells

    ws = workbook.add_streaming_worksheet(name) if streamed else workbook.add_worksheet(name)
    head = workbook.add_format({**FONT, "bold": True, "bg_color": "#DDEBF7", "border": 1,
                                "valign": "vcenter", "align": "center", "text_wrap": True})
    body = workbook.add_format({**FONT, "border": 1, "text_wrap": True, "valign": "top"})
    number = workbook.add_format({**FONT, "border": 1, "valign": "top", "align": "center"})
    colors = {"error": "#C00000", "warning": "#BF8F00", "info": "#2F5597"}
    severity = {k: workbook.add_format({**FONT, "border": 1, "valign": "top", "bold": True,
                                        "text_wrap": True, "font_color": c})
                for k, c in colors.items()}
    widths = [_WIDTHS[key] for key in SHEET_COLUMNS]
    headers = [_SHORT.get(key, ISSUE_COLUMNS[key]) for key in SHEET_COLUMNS]
    for c, (label, width) in enumerate(zip(headers, widths, strict=True)):
        ws.write_string(0, c, label, head)
        ws.set_column(c, c, width)
    ws.set_row(0, fitted_height(headers, widths))
    ws.freeze_panes(1, 0)
    r = 0
    put_row = getattr(ws, "put_row", None)  # SafeWorksheet: the row stored at once, as below
    for r, issue in enumerate(issues, start=1):
        row = issue.to_row()
        values = [sheet_value(row, key) for key in SHEET_COLUMNS]
        cells = []
        for c, (key, value) in enumerate(zip(SHEET_COLUMNS, values, strict=True)):
            fmt = severity.get(row["severity"], body) if key == "severity_label" else body
            if value is None or value is False:
                cells.append((c, None, fmt))
            elif isinstance(value, int) and not isinstance(value, bool):
                cells.append((c, value, number))
            else:
                cells.append((c, _text(value), fmt))
        if put_row is not None:  # (its height too, as set_row stores it)
            put_row(r, cells, fitted_height(values, widths))
            continue
        write_cells(ws, r, cells)
        ws.set_row(r, fitted_height(values, widths))
    if r == 0:
        ws.merge_range(1, 0, 1, len(SHEET_COLUMNS) - 1, "未发现问题", body)
    ws.autofilter(0, 0, max(r, 1), len(SHEET_COLUMNS) - 1)
    setup_print(ws, header=page_header(name, department, file))
    return ws
