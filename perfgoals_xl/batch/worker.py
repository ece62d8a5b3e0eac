"""Convert one input file (runs in a worker process): read → check → report + issues + data."""

from __future__ import annotations

import contextlib
import io
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from perfgoals_xl.batch.guard import FileTimeout, time_limit
from perfgoals_xl.batch.inputs import BatchInput
from perfgoals_xl.batch.result import ISSUE_ROWS_KEPT, FileResult, issue_rank


@dataclass(frozen=True)
class ConvertOptions:
    """Options of a batch run that every worker needs (picklable)."""

    layout: str | None = None
    data_format: str = "csv"
    headers: str = "zh"  # CSV headers: "zh" Chinese (for Excel), "en" identifiers (for scripts)
    force: bool = False
    config: Any = None  # perfgoals_xl.rules.Config; None = found from the working directory
    timeout: float | None = None  # seconds per file (batch/guard.py); None = no limit
    memory_mb: int = 0  # address-space cap per worker process; 0 = none
    #: a folder this machine's run state owns (``RunState.incoming``): the worker writes the file's
    #: dataset parts there as it encodes them; None (a Dask cluster) = handed back in memory
    parts_dir: str | None = None


def planned_outputs(item: BatchInput, outdir: Path, options: ConvertOptions) -> list[Path]:
    """The files one input produces: report (with its issues sheet), issues CSV, long-format data."""
    return [
        outdir / f"{item.stem}.report.xlsx",
        outdir / f"{item.stem}.issues.csv",
        outdir / f"{item.stem}.data.{options.data_format}",
    ]


def convert_one(item: BatchInput, outdir: Path, options: ConvertOptions) -> FileResult:
    """Convert one file; any failure is caught and returned in the result, never raised."""
    from perfgoals_xl.errors import PerfGoalsError, os_error_message, os_reason

    started = time.perf_counter()
    result = FileResult(path=str(item.path), stem=item.stem)
    try:
        with time_limit(options.timeout):
            _convert(item, outdir, options, result)
    except FileTimeout:
        result.status, result.error = "failed", (
            f"{item.path}：处理超过 {options.timeout:g} 秒，已停止（文件过大或异常；可用 --timeout 调整）")
    except MemoryError:
        result.status, result.error = "failed", (
            f"{item.path}：处理时内存超过上限 {options.memory_mb} MB，已停止（文件过大或异常；可用 --memory 调整）")
    except PerfGoalsError as exc:
        result.status, result.error = "failed", str(exc)
    except OSError as exc:
        result.status, result.error = "failed", (
            os_error_message(exc) if exc.filename else f"{item.path}：无法读写（{os_reason(exc)}）")
    except (Exception, RecursionError) as exc:  # one bad file never stops the run; a bug is logged
        from perfgoals_xl.crash import internal_error_message, write_crash_log

        result.internal = True
        result.status, result.error = "failed", (
            f"{item.path}：{internal_error_message(exc, write_crash_log(exc, context=str(item.path)))}")
    finally:
        # a large file's garbage at once (its model and findings are gone before the next phase)
        _forget_file(now=result.indicators > IN_MEMORY_ROWS)
    result.seconds = time.perf_counter() - started
    return result


#: Files converted between two full collections (see _forget_file): a full collection walks every
#: live object (about 30 ms here), so it is made every few files — memory stays bounded by the
#: garbage of that many files, and flat in the number of files.
COLLECT_EVERY = 8
_since_collect = 0


def _forget_file(*, now: bool = False) -> None:
    """Between files, every COLLECT_EVERY files: empty the per-file caches, collect the
    files' reference cycles (a written workbook's objects refer to each other; made while the
    collector was paused, they sit in the oldest generation, which Python collects rarely) and
    hand freed C memory back to the system, so a worker (or the main process with one job) does
    not grow with the files it converted."""
    from perfgoals_xl.gcpause import freeze_survivors
    from perfgoals_xl.sources.grid import release_freed_memory

    global _since_collect
    _since_collect += 1
    if _since_collect >= COLLECT_EVERY or now:
        _since_collect = 0
        _release_memory(trim=False, caches=True)
        # What is still alive now lives as long as the run (modules, rules, the run's state): frozen,
        # it is not walked again by every later collection (80 ms each with pandas and pyarrow
        # loaded, 8 ms after). Frozen objects are still freed when nothing refers to them.
        freeze_survivors()
        release_freed_memory()


def _release_memory(*, trim: bool = True, caches: bool = False) -> None:
    """Collect reference cycles (and hand freed C memory back to the system; with ``caches``
    empty the per-file caches first)."""
    import gc

    from perfgoals_xl.caches import clear_file_caches
    from perfgoals_xl.sources.grid import release_freed_memory

    if caches:
        clear_file_caches()
    gc.collect()
    if trim:
        release_freed_memory()


#: A report of at most this many indicators + findings is assembled in memory: XlsxWriter's
#: default writes each part of the package (about 11) to a temporary file first, and creating and
#: removing them cost more than the rest of writing a small file's report (2–3 ms each on a busy
#: file system). A larger report keeps the temporary files, which hold its sheets' XML out of memory.
IN_MEMORY_ROWS = 5_000


def table_total(table: Any) -> tuple[float | None, bool]:
    """合计 总计 of a table (万元) and whether it was computed: the source's 合计 row when it has
    one, else the sum of its projects' 总计 (None when no project has one)."""
    if table.amounts.total is not None:
        return float(table.amounts.total), False
    totals = [p.amounts.total for p in table.projects() if p.amounts.total is not None]
    return (float(sum(totals)), True) if totals else (None, False)


def issue_row(issue: Any) -> dict[str, Any]:
    """One issue as the summary's 问题汇总 sheet shows it (plain data, crosses processes)."""
    from perfgoals_xl.sinks.issues_sheet import SHEET_COLUMNS, sheet_value

    row = issue.to_row()
    out = {key: sheet_value(row, key) for key in SHEET_COLUMNS}
    out["severity"] = row["severity"]
    out["sheet"] = row["sheet"]
    return out


def summary_rows(issues: Iterable[Any], limit: int = ISSUE_ROWS_KEPT,
                 counts: dict[str, int] | None = None) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The issue rows the summary may list (``issue_row``), in the file's order, and how many of
    each severity were left out.

    The summary's 问题汇总 lists at most ``limit`` rows of the whole batch: every row of the most
    severe ranks while they fit, then the first rows, in file order, of the rank where the limit
    falls (``issue_rank``). A batch has at least this file's rows of each rank, so of a rank this
    file's rows after its first ``limit`` − (its rows of the more severe ranks) can never be
    listed: at most ``limit`` rows are kept. ``counts`` (severity → this file's rows, suppressed
    ones included) when known; else the first ``limit`` of each severity are kept."""
    quota: dict[Any, int] = {}  # rank → rows kept at most
    if counts is not None:
        per_rank: Counter = Counter()
        for severity, n in counts.items():
            per_rank[issue_rank(severity)] += n
        room = limit
        for rank in sorted(per_rank):
            quota[rank] = max(0, min(per_rank[rank], room))
            room -= per_rank[rank]
    rows: list[dict[str, Any]] = []
    kept: Counter = Counter()
    left: dict[str, int] = {}
    for issue in issues:
        severity = issue.severity
        rank = issue_rank(severity) if counts is not None else severity
        if kept[rank] >= quota.get(rank, limit):
            left[severity] = left.get(severity, 0) + 1
            continue
        kept[rank] += 1
        rows.append(issue_row(issue))
    return rows, left


def _convert(item: BatchInput, outdir: Path, options: ConvertOptions, result: FileResult) -> None:
    """Read, check, and write the file's outputs. The findings go to a spool (batch/findings.py)
    that each output walks; the outputs that need the model come first, then the model is
    dropped and those that need only the findings follow (a large file's peak is its model and
    the check's shared facts, not its model and every finding)."""
    planned = planned_outputs(item, outdir, options)
    before = {p: _stamp(p) for p in planned}
    try:
        _outputs(item, outdir, options, result)
    except BaseException:  # a part left open by a failure between the model's outputs and the rest
        _abandon_parts(result, options.parts_dir and str(Path(options.parts_dir) / item.stem))
        # a failed file leaves none of its outputs half done: a report written just before the
        # time limit struck is removed (an earlier run's output, untouched, stays)
        for p in planned:
            if _stamp(p) not in (None, before[p]):
                with contextlib.suppress(OSError):
                    p.unlink()
        raise


def _stamp(path: Path) -> tuple[int, int] | None:
    """A file's (modification time, size), or None when there is none."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _abandon_parts(result: FileResult, to: str | None) -> None:
    """Close a part still open after a failure, and remove the file's part files."""
    from perfgoals_xl.batch.dataset import PartWriter, discard_parts

    for part in result.dataset_chunks or ():
        if isinstance(part, PartWriter):
            part.abandon()
    result.dataset_chunks = None
    if to:
        discard_parts(to)


def _outputs(item: BatchInput, outdir: Path, options: ConvertOptions, result: FileResult) -> None:
    """Read the file, then its outputs (the model dropped once the outputs that need it are written)."""
    from perfgoals_xl.batch.findings import FindingsSpool
    from perfgoals_xl.sources import read_table

    table = read_table(item.path, layout=options.layout)
    _table_figures(table, result)
    large = result.indicators > IN_MEMORY_ROWS
    if large:  # the reader's caches: the check fills its own (29 MiB less at its peak, 200,000 rows)
        _release_memory(caches=True)
    with FindingsSpool() as issues:
        severities = _check(table, options, issues, result)
        if large:  # the check's caches (tens of MB at this size) are not needed by the writers
            _release_memory(caches=True)
        report_path, issues_path, data_path = planned_outputs(item, outdir, options)
        department = table.department
        to = None if options.parts_dir is None else str(Path(options.parts_dir) / item.stem)
        _model_outputs(item, table, issues, result, options,
                       (report_path, data_path, outdir / f"{item.stem}.selfeval.xlsx"), to)
        del table  # the outputs below need only the findings
        if large:  # a large model's cycles and freed memory, now
            _release_memory(caches=True)
        _findings_outputs(item, department, issues, severities, result, options, issues_path, to)
    result.outputs.insert(1, str(issues_path))  # report, issues, data (, selfeval)


def _table_figures(table: Any, result: FileResult) -> None:
    """The table's figures in the result: layout, kind, department, counts, total."""
    from perfgoals_xl.layout_names import table_kind
    from perfgoals_xl.scoring.project import has_actuals

    result.layout = table.layout
    result.kind = "department" if table.kind == "department" else table_kind(
        table.layout, selfeval=has_actuals(table))
    result.department = table.department
    result.units = len(table.units)
    projects = table.projects()
    result.projects = len(projects)
    result.indicators = sum(len(p.indicators) for p in projects)
    if table.plan is not None:  # a department-wide table: its own indicators
        result.indicators += len(table.plan.indicators)
    result.total, result.total_computed = table_total(table)


def _check(table: Any, options: ConvertOptions, issues: Any, result: FileResult) -> dict[str, int]:
    """Check the table, each finding to the spool as it comes; the counts in the result. Returns
    the findings of each severity, suppressed ones included."""
    from perfgoals_xl.rules import RULES, iter_check

    per_rule: dict[str, Counter] = {}
    severities: Counter = Counter()
    for issue in iter_check(table, options.config):
        issues.add(issue)
        severities[issue.severity] += 1
        if issue.suppressed:
            result.suppressed += 1
            continue
        result.counts[issue.severity] = result.counts.get(issue.severity, 0) + 1
        per_rule.setdefault(issue.code, Counter())[issue.severity] += 1
        if issue.code not in result.rule_titles:
            rule = RULES.get(issue.code)
            result.rule_titles[issue.code] = rule.summary if rule else issue.slug
    result.rules = {code: dict(c) for code, c in per_rule.items()}
    return dict(severities)


def _model_outputs(item: BatchInput, table: Any, issues: Any, result: FileResult, options: ConvertOptions,
                   paths: tuple[Path, Path, Path], to: str | None) -> None:
    """The outputs that need the model: report (with its 问题清单), data, self-evaluation
    workbook, the indicators' part of the dataset (and the table's fingerprint)."""
    from perfgoals_xl.batch.dataset import indicator_part
    from perfgoals_xl.sinks import write_data
    from perfgoals_xl.sinks.atomic import write_atomic
    from perfgoals_xl.sinks.csv_vocabulary import relative_place
    from perfgoals_xl.sinks.losses import csv_title_lost, format_losses

    report_path, data_path, selfeval_path = paths
    small = result.indicators + len(issues) <= IN_MEMORY_ROWS
    write_atomic(report_path, partial(_write_report, table=table, issues=issues, file=str(item.path), small=small),
                 force=options.force)
    if not small:  # the report's cells and caches (its 问题清单's texts) leave before the next output
        _release_memory(caches=True)
    place = relative_place(str(item.path), item.place)  # 文件, 来源, 位置: relative to the folder given
    # never a silent loss: listed in the summary; a CSV's missing title is said once for the run
    result.losses = format_losses(table, data_path.suffix, csv_title=False)
    result.title_not_in_csv = csv_title_lost(table, data_path.suffix)
    write_data(table, data_path, force=options.force, headers=options.headers, place=place)
    result.outputs = [str(report_path), str(data_path)]
    selfeval = _write_selfeval(table, issues, selfeval_path, options)
    if selfeval is not None:  # 绩效自评: the 项目支出绩效自评表 beside the report, when actuals are present
        result.outputs.append(str(selfeval))
    # a large file's Arrow stream is encoded once the model is gone (pyarrow loads ~50 MiB)
    result.fingerprint, part = indicator_part(item.place, table, headers=options.headers, place=place, to=to,
                                              later=result.indicators > IN_MEMORY_ROWS)
    result.dataset_chunks = (part,)


def _findings_outputs(item: BatchInput, department: str, issues: Any, severities: dict[str, int],
                      result: FileResult, options: ConvertOptions, issues_path: Path, to: str | None) -> None:
    """The outputs that need only the findings: the issues CSV, the issues' part of the dataset,
    the summary's issue rows (``severities``: the findings of each severity)."""
    from perfgoals_xl.batch.dataset import PartWriter, discard_parts, issue_part
    from perfgoals_xl.sinks.atomic import write_atomic
    from perfgoals_xl.sinks.csv_vocabulary import relative_place
    from perfgoals_xl.sinks.issues_sheet import write_issues_csv

    place = relative_place(str(item.path), item.place)
    (indicators,), result.dataset_chunks = result.dataset_chunks, None
    try:
        if isinstance(indicators, PartWriter):  # its Arrow stream encoded now, the model gone
            indicators = indicators.close()
        write_atomic(issues_path, lambda tmp: write_issues_csv(issues, tmp, headers=options.headers, place=place),
                     force=options.force)
        issues_chunk = issue_part(item.place, department, issues, headers=options.headers, place=place, to=to)
    except BaseException:
        if to is not None:  # the indicators' part written already
            discard_parts(to)
        raise
    result.dataset_chunks = (indicators, issues_chunk)
    result.issues, result.issues_left = summary_rows(issues, counts=severities)


def _write_report(tmp: Path, *, table: Any, issues: Iterable[Any], file: str, small: bool) -> None:
    """The report workbook: the report sheet and its 问题清单 (the layout lives only while written).
    A small one is assembled in memory (IN_MEMORY_ROWS); a large one streams its 问题清单."""
    from perfgoals_xl.report import render_report
    from perfgoals_xl.sinks.issues_sheet import add_issues_sheet
    from perfgoals_xl.sinks.safe_xlsx import SafeWorkbook  # sheet names and text sanitised

    options = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    buffer = io.BytesIO()  # a small report: its package assembled in memory, then written at once
    wb = SafeWorkbook(buffer, {**options, "in_memory": True}) if small else SafeWorkbook(str(tmp), options)
    render_report(table, wb)
    add_issues_sheet(wb, issues, department=table.department, file=file, streamed=not small)
    wb.close()
    if small:
        tmp.write_bytes(buffer.getbuffer())


def _write_selfeval(table: Any, issues: Iterable[Any], path: Path, options: ConvertOptions) -> Path | None:
    """The self-evaluation workbook of a table that carries actuals (None for a target table)."""
    from perfgoals_xl.report.selfeval import write_selfeval_workbook
    from perfgoals_xl.scoring import ScoringProfile, has_actuals, score_table

    if not has_actuals(table):
        return None
    profile = options.config.scoring_profile() if options.config is not None else ScoringProfile()
    return write_selfeval_workbook(table, score_table(table, profile), path, issues=issues, force=options.force)
