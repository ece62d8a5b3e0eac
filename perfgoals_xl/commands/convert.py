"""`perfgoals convert INPUTS... -o OUTDIR`: the batch main job — report, issues and data per file, plus a summary."""

from __future__ import annotations

import argparse

HELP = "批量转换：每个输入生成报表（含问题清单）、问题 CSV 和明细数据，并生成汇总工作簿"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `perfgoals convert`."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="输入文件、文件夹（递归）或通配符")
    parser.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="输出文件夹")
    parser.add_argument("-j", "--jobs", type=int, default=0, help="并行进程数（默认：CPU 核数）")
    parser.add_argument("--config", default=None, metavar="TOML",
                        help="规则配置文件（默认查找 perfgoals.toml 或 pyproject.toml 的 [tool.perfgoals]）")
    parser.add_argument("--profile", choices=("gz", "mof2021"), default=None,
                        help="规则配置：gz（默认，广州公开版式）或 mof2021（要求成本指标）")
    parser.add_argument("--select", default=None, help="只启用这些前缀的规则，逗号分隔，如 PG-A,PG-Q03")
    parser.add_argument("--ignore", default=None, help="忽略这些前缀的规则，逗号分隔")
    parser.add_argument("--format", dest="data_format", choices=("csv", "json", "xlsx"), default="csv",
                        help="明细数据的格式（默认 csv，一行一指标）")
    from perfgoals_xl.sources import READERS, layout_help

    parser.add_argument("--layout", default=None, choices=list(READERS), metavar="LAYOUT",
                        help=f"强制使用某种读取版式（默认按内容自动识别）：{layout_help()}")
    parser.add_argument("--headers", choices=("zh", "en"), default="zh",
                        help="CSV 表头：zh（默认，中文，供在 Excel 中查看）或 en（英文标识，供程序读取）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    parser.add_argument("-q", "--quiet", action="store_true", help="不显示进度条")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="每个文件的处理时限（秒，默认 600；0 表示不限）：超时的文件记为失败，其余照常转换")
    parser.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                        help="在已有的 Dask 分布式集群上转换（需安装 perfgoals-xl[cluster]；docs/cluster.md）")
    parser.add_argument("--previous", metavar="PREV_OUT", default=None,
                        help="上一轮的输出文件夹：每个文件与上一轮对应的表（按部门名称和表的类型匹配）对比，"
                             "写出 .diff.xlsx，汇总工作簿增加“整改情况”表（含未重新报送的文件）")
    parser.add_argument("--letters", action="store_true",
                        help="每个文件写一份审核意见函（.审核意见.docx；与 --previous 同用时写明整改情况）")
    parser.add_argument("--pdf", action="store_true",
                        help="与 --letters 同用：每份审核意见函旁另存 PDF（需要 LibreOffice；没有时给出提示）")
    parser.add_argument("--memory", type=int, default=None, metavar="MB",
                        help="每个工作进程的内存上限（MB，默认按物理内存平分且不少于 4096；0 表示不限）")


def run(args: argparse.Namespace) -> int:
    """Expand the inputs, refuse to overwrite, convert in parallel, print the summary line."""
    import os
    import sys
    from pathlib import Path

    from perfgoals_xl.batch.inputs import collect_inputs, skipped_message
    from perfgoals_xl.batch.progress import Progress
    from perfgoals_xl.batch.runner import existing_outputs, print_final, run_batch
    from perfgoals_xl.batch.worker import ConvertOptions
    from perfgoals_xl.errors import OutputError

    if args.jobs < 0:
        raise OutputError("--jobs 应为正整数")
    outdir = Path(args.output)
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(f"{outdir}：不是文件夹，应为输出文件夹")
    collected = collect_inputs(args.inputs, exclude=outdir)
    if collected.missing:
        raise collected.missing[0]
    inputs = collected.by_stem()
    note = skipped_message(collected.skipped)
    if note:
        print(note, file=sys.stderr)
    if not inputs:
        from perfgoals_xl.sources import READABLE_SUFFIXES

        raise OutputError(f"没有找到可读取的输入文件（{' '.join(sorted(READABLE_SUFFIXES))}）")
    from perfgoals_xl.rules import load_config

    config = load_config(args.config).with_overrides(
        profile=args.profile, select=args.select, ignore=args.ignore
    )
    from perfgoals_xl.batch.guard import DEFAULT_TIMEOUT, default_memory_mb

    if (args.timeout is not None and args.timeout < 0) or (args.memory is not None and args.memory < 0):
        raise OutputError("--timeout 和 --memory 应为非负数")
    timeout = DEFAULT_TIMEOUT if args.timeout is None else (args.timeout or None)
    jobs = args.jobs or min(len(inputs), os.cpu_count() or 1)
    memory = default_memory_mb(jobs) if args.memory is None else args.memory
    options = ConvertOptions(layout=args.layout, data_format=args.data_format, force=args.force,
                             headers=args.headers,
                             config=config, timeout=timeout, memory_mb=memory)
    previous = getattr(args, "previous", None)
    letters = bool(getattr(args, "letters", False))
    pdf = bool(getattr(args, "pdf", False))
    if pdf and not letters:
        raise OutputError("--pdf 用于审核意见函，请与 --letters 同用")
    earlier = _earlier(previous, outdir) if previous else []
    if not args.force:
        clash = existing_outputs(inputs, outdir, options)
        if previous or letters:
            from perfgoals_xl.batch.review_round import planned_round_outputs
            from perfgoals_xl.batch.state import remembered_stems

            ours = remembered_stems(outdir)
            clash += [p for item in inputs if item.stem not in ours
                      for p in planned_round_outputs(item.stem, outdir, previous=bool(previous), letters=letters,
                                                     pdf=pdf)
                      if p.exists()]
        if clash:
            shown = "、".join(str(p) for p in clash[:3]) + ("……" if len(clash) > 3 else "")
            raise OutputError(f"{len(clash)} 个输出文件已存在，未覆盖：{shown}（如需覆盖请加 --force）")
    progress = Progress(len(inputs), enabled=False if args.quiet else None)
    extra = None
    if previous or letters:
        from perfgoals_xl.batch.review_round import run_round, write_review_sheet

        def extra(results):  # once every file is converted: the round, then its sheet in the summary
            rows = run_round(results, outdir, config=config, prev_out=Path(previous) if previous else None,
                             earlier=earlier, letters=letters, layout=args.layout, jobs=jobs, memory_mb=memory,
                             pdf=pdf)
            _print_round(rows, bool(previous))
            if not previous:
                return None
            return lambda wb, fmt, base: write_review_sheet(wb, fmt, base, rows)

    report = run_batch(inputs, outdir, options, jobs=args.jobs, progress=progress, scheduler=args.scheduler,
                       extra_sheets=extra)
    print_final(report, outdir, stream=sys.stdout)
    if len(inputs) == 1 and not report.failed and report.results[0].outputs:
        print(f"报表：{report.results[0].outputs[0]}")
    if report.summary_error:
        return 2  # the run's summary could not be written: its message was printed above
    if any(r.internal for r in report.results):
        from perfgoals_xl.crash import EXIT_INTERNAL

        return EXIT_INTERNAL  # a bug met on some file: its own exit code (the file is listed above)
    return 1 if report.failed or report.errors else 0


def _earlier(previous: str, outdir: object) -> list:
    """The earlier run's results (read before this run writes anything); OutputError when
    PREV_OUT is not an earlier run's output folder."""
    from pathlib import Path

    from perfgoals_xl.batch.review_round import earlier_results
    from perfgoals_xl.batch.state import STATE_DIR
    from perfgoals_xl.errors import OutputError

    prev = Path(previous)
    if not (prev / STATE_DIR / "results.jsonl").is_file():
        raise OutputError(f"{previous}：不是 perfgoals convert 的输出文件夹（没有 {STATE_DIR}/results.jsonl），"
                          "--previous 应为上一轮转换的输出文件夹")
    if prev.resolve() == Path(str(outdir)).resolve():
        raise OutputError(f"{previous}：--previous 是上一轮的输出文件夹，应与本轮的输出文件夹（-o）不同")
    unreadable: list[int] = []
    results = earlier_results(prev, unreadable)
    if unreadable:
        import sys

        shown = "、".join(map(str, unreadable[:5])) + ("……" if len(unreadable) > 5 else "")
        print(f"警告：{prev / STATE_DIR / 'results.jsonl'} 有 {len(unreadable)} 行不是本程序写的运行记录"
              f"（第 {shown} 行，已改动或不完整），这些文件按上一轮没有处理", file=sys.stderr)
    return results


def _print_round(rows: list, previous: bool) -> None:
    """One line on the round: files compared, findings fixed / new / still open, not resubmitted."""
    letters = sum(1 for r in rows if r.letter)
    if previous:
        compared = [r for r in rows if r.status == "已对比"]
        missing = sum(1 for r in rows if r.status == "未重新报送")
        print(f"整改情况：对比 {len(compared)} 个文件，已整改 {sum(r.fixed for r in compared)} 条，"
              f"新发现 {sum(r.new for r in compared)} 条，仍未整改 {sum(r.open for r in compared)} 条；"
              f"新报送 {sum(1 for r in rows if r.status == '新报送')} 个，未重新报送 {missing} 个"
              "（见汇总工作簿“整改情况”表）")
    if letters:
        pdfs = sum(1 for r in rows if r.pdf)
        print(f"审核意见函：{letters} 份（.审核意见.docx）" + (f"，PDF {pdfs} 份" if pdfs else ""))
    for r in rows:
        if r.status == "失败" and r.note:
            import sys

            print(f"警告：整改对比或审核意见未能生成：{r.note}", file=sys.stderr)
