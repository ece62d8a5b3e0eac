"""Issues as a table: CSV (UTF-8 with BOM) and a sheet inside a workbook being written.

Both use the issue record's flat row (``Issue.to_row()``) and its Chinese column
headers (``perfgoals_xl.rules.issue.ISSUE_COLUMNS``), so every tabular sink agrees.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

#: Columns shown in the issues sheet of a report workbook (a reviewer's view), in order.
SHEET_COLUMNS = ("severity_label", "code", "project", "seq", "indicator", "field_label", "message",
                 "hint", "cells", "line", "suppressed")
_WIDTHS = {"severity_label": 7, "code": 9, "project": 22, "seq": 6, "indicator": 22, "field_label": 12,
           "message": 50, "hint": 40, "cells": 10, "line": 7, "suppressed": 7}
#: Short headers for the narrow columns of the sheet (the CSV keeps ISSUE_COLUMNS' names).
_SHORT = {"severity_label": "级别", "seq": "序号", "line": "行号", "field_label": "字段"}


def setup_print(ws: Any, *, header_rows: int = 1) -> None:
    """A4 landscape, one page wide, header rows on every page, page numbers in the footer."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, header_rows - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&C第 &P 页 共 &N 页")


def write_issues_csv(issues: list[Any], path: str | Path, *, headers: str = "zh") -> None:
    """All issue columns, one row per issue; UTF-8 with BOM so Excel opens it.

    headers: "zh" (default) Chinese headers; "en" the ISSUE_COLUMNS keys, for scripts.
    """
    from perfgoals_xl.rules.issue import ISSUE_COLUMNS
    from perfgoals_xl.sinks.longform import header_names

    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header_names(ISSUE_COLUMNS, headers).values())
        for issue in issues:
            row = issue.to_row()
            writer.writerow(["" if row[k] is None else _text(row[k]) for k in ISSUE_COLUMNS])


def _text(value: Any) -> str:
    if value is True:
        return "是"
    if value is False:
        return ""
    return str(value)


def add_issues_sheet(workbook: Any, issues: list[Any], name: str = "问题清单") -> Any:
    """Add a formatted issues sheet to an open xlsxwriter.Workbook; return the worksheet."""
    from perfgoals_xl.rules.issue import ISSUE_COLUMNS

    ws = workbook.add_worksheet(name)
    head = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "valign": "vcenter"})
    body = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    colors = {"error": "#C00000", "warning": "#BF8F00", "info": "#2F5597"}
    severity = {k: workbook.add_format({"border": 1, "valign": "top", "bold": True, "font_color": c})
                for k, c in colors.items()}
    for c, key in enumerate(SHEET_COLUMNS):
        ws.write_string(0, c, _SHORT.get(key, ISSUE_COLUMNS[key]), head)
        ws.set_column(c, c, _WIDTHS[key])
    ws.freeze_panes(1, 0)
    for r, issue in enumerate(issues, start=1):
        row = issue.to_row()
        for c, key in enumerate(SHEET_COLUMNS):
            value = row[key]
            fmt = severity.get(row["severity"], body) if key == "severity_label" else body
            if value is None or value is False:
                ws.write_blank(r, c, None, fmt)
            elif isinstance(value, int) and not isinstance(value, bool):
                ws.write_number(r, c, value, fmt)
            else:
                ws.write_string(r, c, _text(value), fmt)
    if not issues:
        ws.write_string(1, 0, "未发现问题", body)
    ws.autofilter(0, 0, max(len(issues), 1), len(SHEET_COLUMNS) - 1)
    setup_print(ws)
    return ws
