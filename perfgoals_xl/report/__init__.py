"""The report sheet 项目支出绩效目标表（含转移支付项目）: layout as data, then renderers.

``build_report_layout`` (layout.py) computes the sheet; ``render_xlsx``
(xlsx_renderer.py) writes it with XlsxWriter; the live Excel renderer (xlwings)
reuses the same layout. ``write_report`` is the one-call entry point. Both
modules are light to import (XlsxWriter is imported when rendering).
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Iterator
from pathlib import Path

from perfgoals_xl.model import PerfTable
from perfgoals_xl.report.layout import ReportLayout, build_report_layout
from perfgoals_xl.report.xlsx_renderer import SHEET_NAME, render_xlsx

__all__ = ["SHEET_NAME", "ReportLayout", "build_report_layout", "render_xlsx", "write_report"]


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while bulk-allocating acyclic cells.

    With a large table in memory, every full collection walks the whole model;
    the layout and XlsxWriter create no reference cycles, so nothing is lost.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def write_report(table: PerfTable, path: str | Path, *, force: bool = False) -> Path:
    """Write the report sheet of a table to an .xlsx file, atomically (never half a file)."""
    from perfgoals_xl.errors import OutputError
    from perfgoals_xl.sinks.atomic import write_atomic

    if Path(path).suffix.lower() != ".xlsx":
        raise OutputError(f"{path}：报表只能输出为 .xlsx 文件")
    with _gc_paused():
        layout = build_report_layout(table)
        written = write_atomic(path, functools.partial(render_xlsx, layout), force=force)
        # Freed now by reference counting: the collector, resuming, would otherwise walk
        # all 70,000 cells once more before it frees XlsxWriter's own (cyclic) cell table.
        del layout
    return written
