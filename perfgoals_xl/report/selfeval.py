"""Write the self-evaluation workbook: 自评汇总, one 项目支出绩效自评表 per project, 问题清单.

The layouts come from report/selfeval_layout.py and are rendered by the target
report's renderer (report/xlsx_renderer.py); the file is written atomically.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from perfgoals_xl.model import PerfTable
from perfgoals_xl.report.selfeval_layout import build_selfeval_layout, build_summary_layout
from perfgoals_xl.scoring import ProjectScore

SUMMARY_SHEET = "自评汇总"
ISSUES_SHEET = "问题清单"
#: Above this many indicator rows the 问题清单 (about 1.3 findings an indicator row) is written row
#: by row to a temporary file (inline strings, as the entry workbook's 填报: the same cells);
#: a small table keeps the shared-string sheet (the same bytes as before).
STREAM_ISSUES_ROWS = 5_000


def sheet_names(scores: list[ProjectScore]) -> list[str]:
    """A unique valid Excel sheet name (text_clean.sheet_name) for each project's 自评表: '1-项目名'."""
    from perfgoals_xl.text_clean import SheetNames

    namer = SheetNames([SUMMARY_SHEET, ISSUES_SHEET])
    return [namer.add(f"{n}-{s.project.name}", fallback=str(n)) for n, s in enumerate(scores, 1)]


def render_selfeval_workbook(table: PerfTable, scores: list[ProjectScore], path: str | Path,
                             issues: Iterable[Any] | None = None, *, consume: bool = False) -> None:
    """Write the workbook to path (not atomic by itself: use write_selfeval_workbook); issues may
    be an iterator (``rules.iter_check``), taken as the 问题清单 is written, after the projects' sheets.
    consume: each score is let go once its 自评表 is written (``scores`` is emptied; the 问题清单's
    check then scores each project itself, one at a time)."""

    from perfgoals_xl.report.xlsx_renderer import render_xlsx
    from perfgoals_xl.sinks.issues_sheet import add_issues_sheet

    # in_memory: one sheet per project; XlsxWriter's default (a temporary file per sheet)
    # spends a quarter of the time of a 200-project workbook creating files
    from perfgoals_xl.sinks.safe_xlsx import SafeWorkbook  # sheet names and text sanitised

    wb = SafeWorkbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                         "strings_to_urls": False, "in_memory": True})
    try:
        render_xlsx(build_summary_layout(scores, table), wb, SUMMARY_SHEET)
        streamed = sum(len(s.project.indicators) for s in scores) > STREAM_ISSUES_ROWS
        names = sheet_names(scores)
        if consume:  # the scores leave memory one at a time, as their sheets
            names.reverse()
            scores.reverse()
            while scores:
                score = scores.pop()
                wb.finish_sheet(render_xlsx(build_selfeval_layout(score, table), wb, names.pop()))
                del score
        for score, name in zip(scores, names, strict=True):
            wb.finish_sheet(render_xlsx(build_selfeval_layout(score, table), wb, name))  # cells leave memory now
        if issues is not None:  # its cells leave memory before the workbook is packed
            wb.finish_sheet(add_issues_sheet(wb, issues, ISSUES_SHEET, department=table.department,
                                             file=table.source, streamed=streamed))
        wb.close()
    except BaseException:
        wb.release_row_files()
        raise


def write_selfeval_workbook(table: PerfTable, scores: list[ProjectScore], path: str | Path, *,
                            issues: Iterable[Any] | None = None, force: bool = False,
                            consume: bool = False) -> Path:
    """Write the self-evaluation workbook (.xlsx) atomically; returns its path. consume: as
    render_selfeval_workbook's (the list is emptied as the sheets are written)."""
    from perfgoals_xl.errors import OutputError
    from perfgoals_xl.sinks.atomic import write_atomic

    if Path(path).suffix.lower() != ".xlsx":
        raise OutputError(f"{path}：自评表只能输出为 .xlsx 文件")
    from perfgoals_xl.gcpause import gc_paused

    with gc_paused():  # as write_forms: collections would walk every sheet written so far
        return write_atomic(path, lambda tmp: render_selfeval_workbook(table, scores, tmp, issues, consume=consume),
                            force=force)
