"""`perfgoals import INPUT -o OUT`: read any supported table, write JSON, CSV or xlsx."""

from __future__ import annotations

import argparse

HELP = "导入一个表格（公开文本、JSON、工作簿……），输出 .json / .csv / .xlsx"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `perfgoals import`."""
    parser.add_argument("input", metavar="INPUT", help="输入文件（或只匹配一个文件的通配符）")
    parser.add_argument("-o", "--output", metavar="OUT", required=True,
                        help="输出文件：.json、.csv（UTF-8 BOM）或 .xlsx")
    from perfgoals_xl.sources import READERS, layout_help

    parser.add_argument("--layout", default=None, choices=list(READERS), metavar="LAYOUT",
                        help=f"强制使用某种读取版式（默认按内容自动识别）：{layout_help()}")
    parser.add_argument("--headers", choices=("zh", "en"), default="zh",
                        help="CSV 表头：zh（默认，中文，供在 Excel 中查看）或 en（英文标识，供程序读取）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")


def run(args: argparse.Namespace) -> int:
    """Import one file and write it out; print a one-line summary."""
    from pathlib import Path

    from perfgoals_xl.batch.inputs import single_input
    from perfgoals_xl.errors import OutputError
    from perfgoals_xl.sinks import write_data
    from perfgoals_xl.sinks.atomic import check_writable
    from perfgoals_xl.sources import read_table

    check_writable(args.output, force=args.force)
    args.input = str(single_input(args.input))
    if Path(args.output).resolve() == Path(args.input).resolve():  # even with --force: never overwrite the input
        raise OutputError(f"{args.output}：输出文件不能与输入文件相同（{args.input}）")
    table = read_table(args.input, layout=args.layout)
    import sys

    from perfgoals_xl.sinks.losses import format_losses

    for warning in format_losses(table, Path(args.output).suffix):  # never a silent loss (.csv, .xlsx)
        print(f"警告：{warning}", file=sys.stderr)
    out = write_data(table, args.output, force=args.force, headers=args.headers)
    projects = table.projects()
    n_ind = sum(len(p.indicators) for p in projects)
    from perfgoals_xl.commands.counts import department_counts

    counts = department_counts(table) or f"{len(table.units)} 个资金使用单位，{len(projects)} 个项目，{n_ind} 条指标"
    print(
        f"已读取 {args.input}（版式：{table.layout}）：{table.department or '（无部门名称）'}，"
        f"{counts}，{len(table.problems)} 条读取提示 → {out}"
    )
    return 0
