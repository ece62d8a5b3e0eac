"""The report sheet 项目支出绩效目标表（含转移支付项目）: layout as data, then renderers.

``build_report_layout`` (layout.py) computes the sheet; ``render_xlsx``
(xlsx_renderer.py) writes it with XlsxWriter; the live Excel renderer (xlwings)
reuses the same layout. ``write_report`` is the one-call entry point. Both
modules are light to import (XlsxWriter is imported when rendering).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from perfgoals_xl.gcpause import gc_paused
from perfgoals_xl.model import PerfTable
from perfgoals_xl.report.layout import ReportLayout, build_report_layout
from perfgoals_xl.report.xlsx_renderer import SHEET_NAME, render_xlsx

__all__ = ["SHEET_NAME", "ReportLayout", "build_report_layout", "render_report", "render_xlsx", "write_report"]

#: The department-wide table's sheet when project tables come with it in one report.
DEPARTMENT_SHEET = "部门整体支出绩效目标表"


def render_report(table: PerfTable, workbook: Any) -> None:
    """The report sheet of a table into an open workbook — a department-wide table's and, when the
    file held project tables too, theirs on a sheet of its own (nothing read is left out)."""
    if table.kind == "department" and table.units:
        render_xlsx(build_report_layout(table), workbook, DEPARTMENT_SHEET)
        render_xlsx(build_report_layout(table.projects_apart()), workbook, SHEET_NAME)
    else:
        render_xlsx(build_report_layout(table), workbook)


def write_report(table: PerfTable, path: str | Path, *, force: bool = False) -> Path:
    """Write the report sheet of a table to an .xlsx file, atomically (never half a file)."""
    from perfgoals_xl.errors import OutputError
    from perfgoals_xl.sinks.atomic import write_atomic

    if Path(path).suffix.lower() != ".xlsx":
        raise OutputError(f"{path}：报表只能输出为 .xlsx 文件")
    with gc_paused():
        if table.kind == "department" and table.units:
            return write_atomic(path, functools.partial(_render_both, table), force=force)
        layout = build_report_layout(table)
        written = write_atomic(path, functools.partial(render_xlsx, layout), force=force)
        # Freed now by reference counting: the collector, resuming, would otherwise walk
        # all 70,000 cells once more before it frees XlsxWriter's own (cyclic) cell table.
        del layout
    return written


def _render_both(table: PerfTable, target: Path) -> None:
    """A department table's report and its file's project tables', as two sheets of one workbook."""
    from perfgoals_xl.report.xlsx_renderer import _WORKBOOK_OPTIONS
    from perfgoals_xl.sinks.safe_xlsx import SafeWorkbook  # sheet names and text sanitised

    workbook = SafeWorkbook(str(target), _WORKBOOK_OPTIONS)
    try:
        render_report(table, workbook)
    finally:
        workbook.close()
