"""`perfgoals library build INPUT... -o library.parquet`: the indicator library for `perfgoals suggest`."""

from __future__ import annotations

import argparse
import sys

HELP = "指标库：perfgoals library build 输入… -o library.parquet（供 perfgoals suggest 推荐指标）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `perfgoals library` (one action: build)."""
    actions = parser.add_subparsers(dest="action", metavar="操作")
    build = actions.add_parser("build", help="从表格（文件、文件夹、通配符）或 convert 的数据集建立指标库",
                               description="从表格（文件、文件夹、通配符）或 convert 的数据集建立指标库")
    build.add_argument("inputs", metavar="INPUT", nargs="+",
                       help="输入文件、文件夹（递归；convert 的输出文件夹读其 batch_indicators 数据集）、"
                            "通配符，或 batch_indicators.parquet / .csv")
    build.add_argument("-o", "--output", metavar="OUT", required=True, help="指标库文件（.parquet）")
    build.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")


def run(args: argparse.Namespace) -> int:
    """Build the library, write it, say how much it holds; exit 2 when nothing was read."""
    from pathlib import Path

    from perfgoals_xl.errors import OutputError
    from perfgoals_xl.sinks.atomic import check_writable
    from perfgoals_xl.suggest.library import build_library, save_library

    if getattr(args, "action", None) != "build":
        print("用法：perfgoals library build 输入… -o library.parquet", file=sys.stderr)
        return 2
    if Path(args.output).suffix.lower() != ".parquet":
        raise OutputError(f"{args.output}：指标库应写为 .parquet 文件")
    check_writable(args.output, force=args.force)
    warnings: list[str] = []

    def warn(text: str) -> None:
        warnings.append(text)
        print(text, file=sys.stderr)

    frame = build_library(args.inputs, warn=warn)
    save_library(frame, args.output, force=args.force)
    projects = frame["project_id"].nunique()
    flagged = int((frame["flags"] != "").sum())
    print(f"已建立指标库：{projects} 个项目，{len(frame)} 条指标（{flagged} 条有规则提示）→ {args.output}")
    return 2 if warnings and any(w.startswith("错误") for w in warnings) else 0
