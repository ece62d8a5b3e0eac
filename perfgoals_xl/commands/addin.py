"""`perfgoals addin build|install|uninstall`: the Excel add-in perfgoals.xlam (docs/excel.md §7)."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "Excel 加载项 perfgoals.xlam：生成（build）、安装（install）、卸载（uninstall）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `perfgoals addin`."""
    parser.add_argument("action", choices=("build", "install", "uninstall"),
                        help="build：生成 .xlam；install：装进 Excel 的启动文件夹 XLSTART（Windows）；uninstall：从中删除")
    parser.add_argument("-o", "--output", metavar="OUT", default=None,
                        help="build 的输出文件（默认当前文件夹中的 perfgoals.xlam）")
    parser.add_argument("--dir", metavar="DIR", default=None,
                        help="install/uninstall：用这个文件夹代替 Excel 的启动文件夹（例如受信任位置）")
    parser.add_argument("--force", action="store_true", help="build：覆盖已存在的输出文件")


def run(args: argparse.Namespace) -> int:
    """Build, install or uninstall the add-in; print what was done."""
    from perfgoals_xl.errors import OutputError

    if args.action == "build":
        from perfgoals_xl.addin import DEFAULT_OUTPUT, write_addin
        from perfgoals_xl.sinks.atomic import check_writable

        output = Path(args.output) if args.output else DEFAULT_OUTPUT
        if output.suffix.lower() != ".xlam":
            raise OutputError(f"{output}：加载项必须是 .xlam 文件")
        check_writable(output, force=args.force)
        print(f"已生成加载项 {write_addin(output, force=args.force)}")
        return 0
    if args.output:
        raise OutputError("-o 只用于 build；install/uninstall 用 --dir 指定文件夹")
    from perfgoals_xl import addin_install

    folder = Path(args.dir) if args.dir else None
    if args.action == "install":
        path = addin_install.install(folder)
        print(f"已安装加载项 {path}：重新启动 Excel 后，每个工作簿都有“绩效目标”选项卡"
              "（宏设置与信任中心见 docs/excel.md 第 7 节）")
        return 0
    removed = addin_install.uninstall(folder)
    print(f"已卸载加载项 {removed}" if removed else "没有找到已安装的加载项 perfgoals.xlam，无需卸载")
    return 0
