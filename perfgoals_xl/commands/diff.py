"""`perfgoals diff OLD NEW [-o OUT.xlsx|.json|.csv]`: compare two versions of a table.

Exit codes: 0 nothing left at error level in the new version (no error still open, none new),
1 errors left, 2 unusable input or arguments.
"""

from __future__ import annotations

import argparse

HELP = "对比同一张表的两个版本（可为不同版式）：新增、删除、修改的项目和指标，问题的整改情况"

_FORMATS = {".xlsx": "xlsx", ".json": "json", ".csv": "csv"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `perfgoals diff`."""
    parser.add_argument("old", metavar="OLD", help="原版本（上一轮报送的表，任何可读取的格式）")
    parser.add_argument("new", metavar="NEW", help="新版本（修改后重新报送的表）")
    parser.add_argument("-o", "--output", metavar="OUT", default=None,
                        help="写入文件：.xlsx（修改对照、整改情况两个工作表，A4 横向）、.json 或 .csv；省略时只在终端显示")
    parser.add_argument("--config", metavar="FILE", default=None,
                        help="配置文件（perfgoals.toml 或含 [tool.perfgoals] 的 pyproject.toml）")
    parser.add_argument("--profile", choices=("gz", "mof2021"), default=None, help="规则方案")
    parser.add_argument("--select", metavar="PREFIXES", default=None, help="只启用这些规则")
    parser.add_argument("--ignore", metavar="PREFIXES", default=None, help="停用这些规则")
    parser.add_argument("--old-layout", default=None, metavar="LAYOUT", help="强制原版本的读取版式（默认按内容识别）")
    parser.add_argument("--new-layout", default=None, metavar="LAYOUT", help="强制新版本的读取版式（默认按内容识别）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    parser.add_argument("-q", "--quiet", action="store_true", help="只显示汇总行")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="终端输出是否着色（auto：终端且未设置 NO_COLOR 时着色）")


def run(args: argparse.Namespace) -> int:
    """Read both versions, compare them, show or write the comparison; the exit code."""
    import sys
    from pathlib import Path

    from perfgoals_xl.batch.inputs import single_input
    from perfgoals_xl.commands.check import use_color
    from perfgoals_xl.errors import OutputError
    from perfgoals_xl.review import diff_files
    from perfgoals_xl.review.text import summary_line, write_text
    from perfgoals_xl.rules import load_config

    old, new = str(single_input(args.old)), str(single_input(args.new))
    fmt = None
    if args.output:
        from perfgoals_xl.sinks.atomic import check_writable

        fmt = _FORMATS.get(Path(args.output).suffix.lower())
        if fmt is None:
            raise OutputError(f"{args.output}：对比结果只能输出为 .xlsx、.json 或 .csv 文件")
        check_writable(args.output, force=args.force)
        out = Path(args.output).resolve()
        if out in (Path(old).resolve(), Path(new).resolve()):
            raise OutputError(f"{args.output}：输出文件不能与输入文件相同")
    config = load_config(args.config).with_overrides(profile=args.profile, select=args.select,
                                                     ignore=args.ignore)
    diff = diff_files(old, new, config, old_layout=args.old_layout, new_layout=args.new_layout)
    if args.quiet:
        print(summary_line(diff))
    else:
        write_text(sys.stdout, diff, color=use_color(args.color, sys.stdout))
    if args.output:
        write_output(diff, args.output, fmt or "xlsx", force=args.force)
        print(f"已写入 {args.output}")
    return 1 if diff.findings.open_errors() else 0


def write_output(diff, output: str, fmt: str, *, force: bool) -> None:  # noqa: ANN001  (TableDiff)
    """Write the comparison as xlsx, json or csv (atomically)."""
    from pathlib import Path

    from perfgoals_xl.sinks.atomic import write_atomic

    if fmt == "xlsx":
        from perfgoals_xl.review.xlsx import write_diff_xlsx

        write_diff_xlsx(diff, output, force=force)
        return
    from perfgoals_xl.review.tabular import write_csv, write_json

    def to_file(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as fh:
            (write_csv if fmt == "csv" else write_json)(fh, diff)

    write_atomic(output, to_file, force=force)
