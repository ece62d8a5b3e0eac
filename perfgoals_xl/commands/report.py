"""`perfgoals report INPUT -o OUT.xlsx`: the formatted 项目支出绩效目标表 of any readable table."""

from __future__ import annotations

import argparse

HELP = "生成正式报表（项目支出绩效目标表（含转移支付项目））：输入公开文本、JSON 或填报工作簿，输出 .xlsx"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `perfgoals report`."""
    parser.add_argument("input", metavar="INPUT", help="输入文件（公开表格文本、JSON、填报工作簿……）")
    parser.add_argument("-o", "--output", metavar="OUT.xlsx", required=True, help="输出的报表文件（.xlsx）")
    parser.add_argument("--layout", default=None, help="强制使用某种读取版式（默认按内容自动识别）")
    parser.add_argument("--form", action="store_true",
                        help="每个项目一张项目支出绩效目标申报表（财预〔2015〕88号样式，A4 纵向，一个工作表一个项目）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")


def run(args: argparse.Namespace) -> int:
    """Read one table and write its report sheet atomically; print a one-line summary."""
    from pathlib import Path

    from perfgoals_xl.batch.inputs import single_input
    from perfgoals_xl.errors import OutputError
    from perfgoals_xl.report import write_report
    from perfgoals_xl.sinks.atomic import check_writable
    from perfgoals_xl.sources import read_table

    if Path(args.output).suffix.lower() != ".xlsx":
        raise OutputError(f"{args.output}：报表只能输出为 .xlsx 文件")
    check_writable(args.output, force=args.force)
    args.input = str(single_input(args.input))
    if Path(args.output).resolve() == Path(args.input).resolve():
        raise OutputError(f"{args.output}：输出文件不能与输入文件相同")
    table = read_table(args.input, layout=args.layout)
    projects = table.projects()
    if getattr(args, "form", False):
        import sys

        from perfgoals_xl.report.forms import write_forms
        from perfgoals_xl.sinks.form_losses import form_losses

        if table.kind == "department" and table.units:
            print("警告：部门整体支出绩效目标表没有申报表（每个项目一张），只为文件中的项目表生成；"
                  "不加 --form 即生成两张表的报表", file=sys.stderr)
            table = table.projects_apart()  # the project tables beside the department's: their forms
        if table.kind == "department":
            raise OutputError(f"{args.input}：这是部门整体支出绩效目标表，--form（每个项目一张申报表）只用于项目表；"
                              "不加 --form 即按部门整体表的正式版式输出")
        for warning in form_losses(table):  # never a silent loss (docs/forms.md)
            print(f"警告：{warning}", file=sys.stderr)
        out = write_forms(table, args.output, force=args.force)
        print(f"已生成申报表 {out}：{len(projects)} 个项目（每个项目一个工作表），"
              f"{sum(len(p.indicators) for p in projects)} 条指标")
        return 0
    from perfgoals_xl.commands.counts import department_counts

    out = write_report(table, args.output, force=args.force)
    counts = department_counts(table) or (f"{len(table.units)} 个资金使用单位，{len(projects)} 个项目，"
                                           f"{sum(len(p.indicators) for p in projects)} 条指标")
    print(f"已生成报表 {out}：{table.department or '（无部门名称）'}，{counts}")
    return 0
