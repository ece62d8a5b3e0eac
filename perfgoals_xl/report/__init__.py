"""The report sheet 项目支出绩效目标表（含转移支付项目）: layout as data, then renderers.

``build_report_layout`` (layout.py) computes the sheet; ``render_xlsx``
(xlsx_renderer.py) writes it with XlsxWriter; the live Excel renderer (xlwings)
reuses the same layout. ``write_report`` is the one-call entry point. Both
modules are light to import (XlsxWriter is imported when rendering).
"""

from __future__ import annotations

import functools
from pathlib import Path

from perfgoals_xl.gcpause import gc_paused
from perfgoals_xl.model import PerfTable
from perfgoals_xl.report.layout import ReportLayout, build_report_layout
from perfgoals_xl.report.xlsx_renderer import SHEET_NAME, render_xlsx

__all__ = ["SHEET_NAME", "ReportLayout", "build_report_layout", "render_xlsx", "write_report"]


def write_report(table: PerfTable, path: str | Path, *, force: bool = False) -> Path:
    """Write the report sheet of a table to an .xlsx file, atomically (never half a file)."""
    from perfgoals_xl.errors import OutputError
    from perfgoals_xl.sinks.atomic import write_atomic

    if Path(path).suffix.lower() != ".xlsx":
        raise OutputError(f"{path}：报表只能输出为 .xlsx 文件")
    with gc_paused():
        layout = build_report_layout(table)
        written = write_atomic(path, functools.partial(render_xlsx, layout), force=force)
        # Freed now by reference counting: the collector, resuming, would otherwise walk
        # all 70,000 cells once more before it frees XlsxWriter's own (cyclic) cell table.
        del layout
    return written
