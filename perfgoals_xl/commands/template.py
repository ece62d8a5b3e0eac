"""`perfgoals template [-o perfgoals.xlsm]`: build the Excel template (reproducibly)."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "生成 Excel 填报模板 perfgoals.xlsm（按钮、绩效目标选项卡、工作表函数）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `perfgoals template`."""
    parser.add_argument("-o", "--output", metavar="OUT", default=None,
                        help="输出的 .xlsm 文件（默认当前文件夹中的 perfgoals.xlsm）")
    parser.add_argument("--macros", metavar="DIR", default=None,
                        help="VBA 源文件与 customUI14.xml 所在文件夹（默认随程序包安装的宏文件）")
    parser.add_argument("--export-vba", metavar="DIR", default=None,
                        help="另把全部 VBA 模块写成 .bas/.cls 文件到 DIR（供 xlwings vba import 使用）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")


def run(args: argparse.Namespace) -> int:
    """Build the template (and optionally export its VBA modules); print what was written."""
    from perfgoals_xl.errors import OutputError
    from perfgoals_xl.sinks.atomic import check_writable
    from perfgoals_xl.template import (
        DEFAULT_OUTPUT,
        MACROS_DIR,
        check_macros,
        export_vba,
        write_template,
    )

    macros = Path(args.macros) if args.macros else MACROS_DIR
    if not macros.is_dir():
        raise OutputError(f"{macros}：找不到宏文件夹（应含 PerfGoals.bas、ThisWorkbook.cls、customUI14.xml）")
    check_macros(macros)
    output = Path(args.output) if args.output else DEFAULT_OUTPUT
    if output.suffix.lower() != ".xlsm":
        raise OutputError(f"{output}：模板必须是 .xlsm 文件（含宏）")
    check_writable(output, force=args.force)
    if args.export_vba and Path(args.export_vba).exists() and not Path(args.export_vba).is_dir():
        raise OutputError(f"{args.export_vba}：--export-vba 应为文件夹，这里是一个已存在的文件")
    written = write_template(output, macros, force=args.force)
    print(f"已生成模板 {written}")
    if args.export_vba:
        for path in export_vba(Path(args.export_vba), macros):
            print(f"已导出 VBA 模块 {path}")
    return 0
