"""Write the self-evaluation workbook: 自评汇总, one 项目支出绩效自评表 per project, 问题清单.

The layouts come from report/selfeval_layout.py and are rendered by the target
report's renderer (report/xlsx_renderer.py); the file is written atomically.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from perfgoals_xl.model import PerfTable
from perfgoals_xl.report.selfeval_layout import (
    ScoreSummary,
    build_selfeval_layout,
    build_summary_layout,
)
from perfgoals_xl.scoring import ProjectScore

SUMMARY_SHEET = "自评汇总"
ISSUES_SHEET = "问题清单"
#: Above this many indicator rows the 问题清单 (about 1.3 findings an indicator row) is written row
#: by row to a temporary file (inline strings, as the entry workbook's 填报: the same cells);
#: a small table keeps the shared-string sheet (the same bytes as before).
STREAM_ISSUES_ROWS = 5_000


def sheet_names(scores: Sequence[ProjectScore | ScoreSummary]) -> list[str]:
    """A unique valid Excel sheet name (text_clean.sheet_name) for each project's 自评表: '1-项目名'."""
    from perfgoals_xl.text_clean import SheetNames

    namer = SheetNames([SUMMARY_SHEET, ISSUES_SHEET])
    return [namer.add(f"{n}-{s.name if isinstance(s, ScoreSummary) else s.project.name}", fallback=str(n))
            for n, s in enumerate(scores, 1)]


def render_selfeval_workbook(table: PerfTable, scores: Iterable[ProjectScore], path: str | Path,
                             issues: Iterable[Any] | None = None, *,
                             summaries: Sequence[ScoreSummary] | None = None) -> None:
    """Write the workbook to path (not atomic by itself: use write_selfeval_workbook); issues may
    be an iterator (``rules.iter_check``), taken as the 问题清单 is written, after the projects' sheets.
    scores: a list; or, given ``summaries`` (ScoreSummary.of each, in order), any iterable of the
    same scores, taken one at a time as the 自评表 are written (``scoring.iter_scores``: each score
    then leaves memory with its sheet)."""

    from perfgoals_xl.report.xlsx_renderer import render_xlsx
    from perfgoals_xl.sinks.issues_sheet import add_issues_sheet

    # in_memory: one sheet per project; XlsxWriter's default (a temporary file per sheet)
    # spends a quarter of the time of a 200-project workbook creating files
    from perfgoals_xl.sinks.safe_xlsx import SafeWorkbook  # sheet names and text sanitised

    if summaries is None:
        scores = list(scores)
        summaries = [ScoreSummary.of(s) for s in scores]
    wb = SafeWorkbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                         "strings_to_urls": False, "in_memory": True})
    try:
        render_xlsx(build_summary_layout(summaries, table), wb, SUMMARY_SHEET)
        for score, name in zip(scores, sheet_names(summaries), strict=True):
            wb.finish_sheet(render_xlsx(build_selfeval_layout(score, table), wb, name))  # cells leave memory now
            del score
        if issues is not None:  # its cells leave memory before the workbook is packed
            streamed = sum(s.indicators for s in summaries) > STREAM_ISSUES_ROWS
            wb.finish_sheet(add_issues_sheet(wb, issues, ISSUES_SHEET, department=table.department,
                                             file=table.source, streamed=streamed))
        wb.close()
    except BaseException:
        wb.release_row_files()
        raise


def write_selfeval_workbook(table: PerfTable, scores: Iterable[ProjectScore], path: str | Path, *,
                            issues: Iterable[Any] | None = None, force: bool = False,
                            summaries: Sequence[ScoreSummary] | None = None) -> Path:
    """Write the self-evaluation workbook (.xlsx) atomically; returns its path. scores, summaries:
    as render_selfeval_workbook's."""
    from perfgoals_xl.errors import OutputError
    from perfgoals_xl.sinks.atomic import write_atomic

    if Path(path).suffix.lower() != ".xlsx":
        raise OutputError(f"{path}：自评表只能输出为 .xlsx 文件")
    from perfgoals_xl.gcpause import gc_paused

    with gc_paused():  # as write_forms: collections would walk every sheet written so far
        return write_atomic(path, lambda tmp: render_selfeval_workbook(table, scores, tmp, issues,
                                                                       summaries=summaries), force=force)
