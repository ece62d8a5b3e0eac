"""Drive a batch run: a process pool over the inputs, progress, Ctrl-C, and the summary."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from perfgoals_xl.batch.dataset import (
    INDICATORS_NAME,
    ISSUES_NAME,
    merge_dataset,
    parquet_available,
)
from perfgoals_xl.batch.guard import HARD_GRACE, init_worker
from perfgoals_xl.batch.inputs import BatchInput
from perfgoals_xl.batch.progress import Progress
from perfgoals_xl.batch.result import FileResult
from perfgoals_xl.batch.state import RunState, content_hash, remembered_stems, settings_key
from perfgoals_xl.batch.worker import ConvertOptions, convert_one, planned_outputs
from perfgoals_xl.layout_names import layout_name

SUMMARY_NAME = "summary.xlsx"
#: Losses of a file's data output printed at the end of a run (all of them are in the summary).
LOSSES_SHOWN = 3


@dataclass
class RunReport:
    """A run's results in input order (read from the run's log on disk when walked: see
    batch/state.py), where the summary went, and how many files were reused unchanged."""

    results: Sequence[FileResult]
    summary_path: Path | None
    #: the batch's combined dataset (batch_indicators / batch_issues, .csv and .parquet)
    datasets: list[Path] = field(default_factory=list)
    parquet: bool = True  # was pyarrow there to write the Parquet files?
    summary_error: str | None = None  # the summary could not be written (disk full …)
    reused: int = 0  # files unchanged since an earlier run in this folder: their results were reused

    @property
    def duplicates(self) -> list[FileResult]:
        """Files whose content an earlier file of the batch already had (counted once)."""
        return [r for r in self.results if r.duplicate_of]

    @property
    def failed(self) -> list[FileResult]:
        """Files that could not be converted."""
        return [r for r in self.results if r.failed]

    @property
    def errors(self) -> int:
        """Rule findings of severity error, over all files (suppressed ones excluded)."""
        return sum(r.counts.get("error", 0) for r in self.results if not r.duplicate_of)


def run_settings(options: ConvertOptions) -> str:
    """What a file's result depends on besides its content: tool version, rules, output options."""
    from perfgoals_xl import __version__

    return settings_key(__version__, repr(options.config), options.layout, options.data_format, options.headers)


def existing_outputs(inputs: list[BatchInput], outdir: Path, options: ConvertOptions) -> list[Path]:
    """Outputs of this run that already exist and are not an earlier run's own in this folder
    (those are replaced when their input changed; anything else is not overwritten without --force)."""
    ours = remembered_stems(outdir)
    paths = [p for item in inputs if item.stem not in ours for p in planned_outputs(item, outdir, options)]
    if not ours:
        paths.append(outdir / SUMMARY_NAME)
        paths += dataset_paths(outdir)
    return [p for p in paths if p.exists()]


def run_batch(
    inputs: list[BatchInput],
    outdir: Path,
    options: ConvertOptions,
    *,
    jobs: int = 0,
    progress: Progress | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    scheduler: str | None = None,
    extra_sheets: Callable[[Sequence[FileResult]], Callable | None] | None = None,
) -> RunReport:
    """Convert every input (in `jobs` processes, 1 = in this process, or on the Dask cluster at
    `scheduler`) and write the summary and the combined dataset.

    Each result goes to the run's log on disk as its file finishes (batch/state.py): the main
    process keeps counters only. Files unchanged since an earlier run in `outdir` (same content,
    version and settings, outputs still there) are not converted again; ``options.force`` redoes all.
    ``extra_sheets(results)``, called once every file is done, gives what adds sheets to the
    summary (``write_summary``'s ``extra_sheets``; the review round's 整改情况), or None.
    """
    from perfgoals_xl.batch.summary import write_summary
    from perfgoals_xl.sinks.atomic import write_atomic

    outdir.mkdir(parents=True, exist_ok=True)
    progress = progress or Progress(len(inputs), enabled=False)
    state = RunState(outdir, run_settings(options), fresh=options.force)
    ours = options.force or state.had_results  # the summary and datasets here are an earlier run's own
    todo: list[tuple[int, BatchInput]] = []
    digests: dict[int, str] = {}
    reused = 0
    for index, item in enumerate(inputs):
        digests[index] = _digest(item)
        if state.reusable_result(item.stem, digests[index]) is not None:
            reused += 1
            progress.update(f"{item.path.name}（未变化）")
        else:
            todo.append((index, item))

    def done(index: int, result: FileResult) -> None:
        state.record(inputs[index].stem, digests[index], result)
        result.dataset_chunks = None
        progress.update(f"{Path(result.path).name}（{result.layout or '失败'}）")
        if on_result:
            on_result(result)

    # Local workers write each file's dataset parts into the run's state as they encode them; a
    # Dask worker may be on another machine without this file system: its parts come back as bytes.
    local = options if scheduler else replace(options, parts_dir=str(state.incoming))

    def options_for(item: BatchInput) -> ConvertOptions:  # a changed file replaces its own outputs
        return replace(local, force=True) if item.stem in state.owned else local

    jobs = jobs or min(len(todo), os.cpu_count() or 1)
    state.mark_started([item.stem for _, item in todo])
    try:
        if scheduler:
            from perfgoals_xl.batch.cluster import run_on_cluster

            run_on_cluster(todo, outdir, options_for, scheduler, done)
        elif jobs <= 1 or len(todo) <= 1:
            for index, item in todo:
                progress.update(item.path.name, advance=False)
                done(index, convert_one(item, outdir, options_for(item)))
        else:
            _run_pool(todo, outdir, options_for, jobs, done)
    finally:
        from perfgoals_xl.gcpause import thaw_survivors

        thaw_survivors()  # what the one-job conversion froze between files (batch/worker.py)
        stems = [item.stem for item in inputs]
        state.compact(stems)
        state.close()
    progress.close()
    datasets, state.duplicates = merge_dataset(outdir, state, stems, headers=options.headers, force=ours)
    ordered = state.results(stems)
    from perfgoals_xl.errors import OutputError

    extra = extra_sheets(ordered) if extra_sheets is not None else None
    try:
        summary = write_atomic(outdir / SUMMARY_NAME, lambda tmp: write_summary(ordered, tmp, extra_sheets=extra),
                               force=ours)
    except OutputError as exc:  # the files' own results still reach the user
        return RunReport(ordered, None, datasets, parquet_available(), summary_error=str(exc), reused=reused)
    return RunReport(ordered, summary, datasets, parquet_available(), reused=reused)


def _digest(item: BatchInput) -> str:
    """The input's content hash; an unreadable file gets none (it is converted, and fails with its reason)."""
    try:
        return content_hash(item.path)
    except OSError:
        return ""


def dataset_paths(outdir: Path) -> list[Path]:
    """The combined dataset's files a run writes in outdir (Parquet only with pyarrow)."""
    suffixes = (".csv", ".parquet") if parquet_available() else (".csv",)
    return [outdir / f"{name}{s}" for name in (INDICATORS_NAME, ISSUES_NAME) for s in suffixes]


def _crashed(item: BatchInput, exc: BaseException) -> FileResult:
    """The result of a file whose worker process died (killed, out of memory …)."""
    return FileResult(path=str(item.path), stem=item.stem, status="failed",
                      error=f"{item.path}：处理该文件的进程意外退出（{type(exc).__name__}），可单独重试")


def _new_pool(jobs: int, options: ConvertOptions) -> ProcessPoolExecutor:
    """Worker processes that ignore Ctrl-C, have a memory cap, and exit with their parent."""
    return ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(options.memory_mb,))


def _hard_limit(options: ConvertOptions) -> float | None:
    """Seconds after submission when the parent kills a worker that did not stop by itself
    (stuck in native code, where the worker's own timer cannot interrupt it)."""
    return options.timeout * 2 + HARD_GRACE if options.timeout else None


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError):
            process.kill()


def _timed_out(item: BatchInput, options: ConvertOptions) -> FileResult:
    return FileResult(path=str(item.path), stem=item.stem, status="failed",
                      error=f"{item.path}：处理超过时限（{options.timeout:g} 秒）且进程无响应，已强制停止")


def _run_alone(item: BatchInput, outdir: Path, options: ConvertOptions) -> FileResult:
    """Convert one file in a process of its own; a crash or a stall is that file's failure."""
    solo = _new_pool(1, options)
    try:
        return solo.submit(convert_one, item, outdir, options).result(timeout=_hard_limit(options))
    except BrokenProcessPool as exc:
        return _crashed(item, exc)
    except TimeoutError:
        _kill_workers(solo)
        return _timed_out(item, options)
    finally:
        solo.shutdown(wait=True, cancel_futures=True)


def _run_pool(todo: list[tuple[int, BatchInput]], outdir: Path, options_for: Callable[[BatchInput], ConvertOptions],
              jobs: int, done: Callable[[int, FileResult], None]) -> None:
    items = dict(todo)
    options = options_for(todo[0][1]) if todo else ConvertOptions()
    pool = _new_pool(jobs, options)
    pending: dict[Future, int] = {}
    submitted: dict[Future, float] = {}
    hard = _hard_limit(options)
    queue = list(todo)
    queue.reverse()
    try:
        # Keep at most 2 tasks per worker in flight, so Ctrl-C has little to cancel.
        while queue or pending:
            while queue and len(pending) < jobs * 2:
                index, item = queue.pop()
                try:
                    future = pool.submit(convert_one, item, outdir, options_for(item))
                except BrokenProcessPool:  # a worker died since the last wait: handled below
                    queue.append((index, item))
                    if not pending:  # nothing in flight to find the culprit with: start afresh
                        pool.shutdown(wait=False, cancel_futures=True)
                        pool = _new_pool(jobs, options)
                        continue
                    break
                pending[future], submitted[future] = index, time.monotonic()
            finished, _ = wait(pending, timeout=1.0 if hard else None, return_when=FIRST_COMPLETED)
            if not finished and hard and any(time.monotonic() - submitted[f] > hard for f in pending):
                _kill_workers(pool)  # a worker stuck in native code: its files are retried alone
                finished, _ = wait(pending, timeout=HARD_GRACE, return_when=FIRST_COMPLETED)
            suspects: list[int] = []
            for future in finished:
                index = pending.pop(future)
                try:
                    done(index, future.result())
                except BrokenProcessPool:
                    suspects.append(index)
            if suspects:
                # A worker died (killed, out of memory …) and took the pool with it; every file in
                # flight failed with it. Run each of them alone to find the one that kills its
                # process: it is reported as failed, the others are converted; the run goes on.
                suspects += pending.values()
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                # Outputs a suspect wrote before the crash are this run's own (existing ones were
                # refused before the run started), so the retry may replace them.
                for index in sorted(suspects):
                    done(index, _run_alone(items[index], outdir, replace(options_for(items[index]), force=True)))
                pool = _new_pool(jobs, options)
    except KeyboardInterrupt:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def print_final(report: RunReport, outdir: Path, stream=sys.stdout) -> None:
    """The final summary line (and the failed files)."""
    for res in report.failed:
        print(f"失败：{res.error}", file=sys.stderr)
    if report.summary_error:
        print(f"错误：{report.summary_error}", file=sys.stderr)
    n = len(report.results)
    ok = n - len(report.failed)
    issues = dict.fromkeys(("error", "warning", "info"), 0)
    layouts: Counter = Counter()
    untitled = 0
    for r in report.results:  # one walk, one result at a time (they are read from the run's log)
        if not r.duplicate_of:
            for sev in issues:
                issues[sev] += r.counts.get(sev, 0)
        if r.layout:
            layouts[r.layout] += 1
        if not r.failed:
            untitled += r.title_not_in_csv
    used = "，".join(f"{layout_name(name)} {count}" for name, count in sorted(layouts.items()))
    print(
        f"完成 {ok}/{n} 个文件，失败 {len(report.failed)} 个；问题：错误 {issues['error']}，"
        f"警告 {issues['warning']}，提示 {issues['info']}"
        + (f"；读取版式：{used}" if used else "")
        + f"。报表与问题清单在 {outdir}"
        + (f"，汇总：{report.summary_path}" if report.summary_path else "，汇总未能写入"),
        file=stream,
    )
    if report.reused:
        print(f"沿用上次结果：{report.reused} 个文件自上次运行以来未变化，未重新转换（--force 全部重做）", file=stream)
    duplicates = report.duplicates
    if len(duplicates) == 1:
        res = duplicates[0]
        print(f"重复：{_relative(res.path)} 与 {_relative(res.duplicate_of)} 内容相同，问题数和合并数据集只计一次",
              file=stream)
    elif duplicates:  # one line, however many copies: the list is in summary.xlsx (文件汇总, 说明)
        first = duplicates[0]
        print(f"重复：{len(duplicates)} 个文件与先出现的文件内容相同（如 {_relative(first.path)} 与 "
              f"{_relative(first.duplicate_of)}），问题数和合并数据集只计一次；名单见汇总工作簿“文件汇总”的说明列",
              file=stream)
    if untitled:
        from perfgoals_xl.sinks.losses import CSV_TITLE_NOTE

        print("提示：" + CSV_TITLE_NOTE.format(count=untitled), file=stream)
    for res in (r for r in report.results if not r.failed):  # what a data output cannot keep exactly
        for loss in res.losses[:LOSSES_SHOWN]:
            print(f"警告：{_relative(res.path)} 的明细数据：{loss}", file=sys.stderr)
        if len(res.losses) > LOSSES_SHOWN:
            print(f"警告：{_relative(res.path)} 的明细数据另有 {len(res.losses) - LOSSES_SHOWN} 处无法完整保存"
                  "（见汇总工作簿的“保存提示”表）", file=sys.stderr)
    if report.datasets:
        names = "、".join(p.name for p in report.datasets)
        print(f"合并数据集（全部文件的指标和问题，pandas 一次读入）：{names}", file=stream)
        if not report.parquet:
            print("提示：pyarrow 未能导入（它是 perfgoals-xl 的依赖，请重新安装：pip install pyarrow），"
                  "合并数据集只写了 CSV", file=stream)


def _relative(path: str | None) -> str:
    """A path relative to the working directory when it lies inside it (shorter to read)."""
    try:
        return str(Path(path or "").relative_to(Path.cwd()))
    except ValueError:
        return path or ""
