"""`perfgoals letter INPUT -o 审核意见.docx [--previous OLD] [--pdf]`: the 审核意见 letter."""

from __future__ import annotations

import argparse

HELP = "生成审核意见函（Word .docx，可另存 PDF）：问题按项目列出、错误在前；给出上一版时写明整改情况"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `perfgoals letter`."""
    parser.add_argument("input", metavar="INPUT", help="审核的表（任何可读取的格式）")
    parser.add_argument("-o", "--output", metavar="OUT.docx", required=True, help="输出的审核意见（.docx）")
    parser.add_argument("--previous", metavar="OLD", default=None,
                        help="上一轮报送的版本：写明已整改、仍未整改和新发现的问题")
    parser.add_argument("--pdf", action="store_true", help="同时生成 PDF（需要 LibreOffice；没有时给出提示）")
    parser.add_argument("--config", metavar="FILE", default=None,
                        help="配置文件：[letter] 的 bureau（财政部门名称）、number（文号）、date（日期）、"
                             "deadline（重新报送期限）、contact（联系人及电话）；缺省处留空待填")
    parser.add_argument("--profile", choices=("gz", "mof2021"), default=None, help="规则方案")
    parser.add_argument("--layout", default=None, help="强制使用某种读取版式（默认按内容自动识别）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")


def run(args: argparse.Namespace) -> int:
    """Read, check (and compare), write the letter; print where it went."""
    import sys
    from pathlib import Path

    from perfgoals_xl.batch.inputs import single_input
    from perfgoals_xl.errors import OutputError
    from perfgoals_xl.review.letter import write_letter
    from perfgoals_xl.review.round import letter_for
    from perfgoals_xl.rules import load_config
    from perfgoals_xl.sinks.atomic import check_writable

    if Path(args.output).suffix.lower() != ".docx":
        raise OutputError(f"{args.output}：审核意见只能输出为 .docx 文件")
    check_writable(args.output, force=args.force)
    source = str(single_input(args.input))
    previous = str(single_input(args.previous)) if args.previous else None
    if Path(args.output).resolve() in {Path(p).resolve() for p in (source, previous) if p}:
        raise OutputError(f"{args.output}：输出文件不能与输入文件相同")
    if args.pdf:
        check_writable(Path(args.output).with_suffix(".pdf"), force=args.force)
    config = load_config(args.config).with_overrides(profile=args.profile)
    content = letter_for(source, config, previous=previous, layout=args.layout)
    out = write_letter(content, args.output, force=args.force)
    total = sum(content.counts.values())
    from perfgoals_xl.terminal import terminal_line

    print(terminal_line(f"已生成审核意见 {out}：{content.unit}，问题 {total} 条（错误 {content.counts['error']}，"
                        f"警告 {content.counts['warning']}，提示 {content.counts['info']}）"))  # a unit's name obeys nothing
    if args.pdf:
        from perfgoals_xl.review.pdf import soffice, to_pdf

        pdf = to_pdf(out, force=args.force)
        if pdf is None:
            reason = "本机没有 LibreOffice" if soffice() is None else "LibreOffice 未能转换"
            print(f"警告：{reason}，未生成 PDF（可在 Word / WPS 中另存为 PDF）", file=sys.stderr)
        else:
            print(f"PDF：{pdf}")
    return 0
