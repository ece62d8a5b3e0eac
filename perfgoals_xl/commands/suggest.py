"""`perfgoals suggest "项目名称" [--goal TEXT] [--library FILE…] [-n 10] [--format text|json|csv]`."""

from __future__ import annotations

import argparse
import sys

HELP = "推荐指标：按项目名称（和绩效目标）找相似项目，列出它们常用的指标和典型指标值"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `perfgoals suggest`."""
    parser.add_argument("project", metavar="项目名称", help="要推荐指标的项目名称")
    parser.add_argument("--goal", default="", help="项目的绩效目标（可选，使推荐更准）")
    parser.add_argument("--library", metavar="FILE", nargs="+", default=None,
                        help="指标库文件（perfgoals library build 生成，可多个）；默认用程序自带的起步指标库")
    parser.add_argument("-n", type=int, default=10, help="推荐条数（1–200，默认 10）")
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text",
                        help="输出格式：text（默认）、json、csv（UTF-8 BOM，中文表头）")


def run(args: argparse.Namespace) -> int:
    """Load the library, suggest, print; exit 2 for an unusable library or arguments."""
    from perfgoals_xl.errors import PerfGoalsError
    from perfgoals_xl.suggest.library import load_library
    from perfgoals_xl.suggest.output import write_csv, write_json, write_text
    from perfgoals_xl.suggest.rank import MAX_RESULTS, Suggester

    if not 1 <= args.n <= MAX_RESULTS:
        raise PerfGoalsError(f"-n 应为 1–{MAX_RESULTS} 的整数，而不是 {args.n}")
    if not args.project.strip():
        raise PerfGoalsError("请输入项目名称")
    suggester = Suggester(load_library(args.library))
    result = suggester.suggest(args.project, args.goal, args.n)
    if args.format == "json":
        write_json(sys.stdout, args.project, args.goal, result)
    elif args.format == "csv":
        sys.stdout.write("\ufeff")
        write_csv(sys.stdout, result)
    else:
        write_text(sys.stdout, args.project, result)
    return 0
