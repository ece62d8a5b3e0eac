"""The `perfgoals` command line: a thin front end over the core.

Each subcommand lives in perfgoals_xl/commands/<name>.py with ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; heavy libraries are imported
inside ``run`` so that ``perfgoals --help`` starts fast.
Exit codes: 0 success, 1 findings/failures reported, 2 unusable input or arguments,
3 internal error (a bug: one line naming a log file with the traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from perfgoals_xl import __version__
from perfgoals_xl.errors import PerfGoalsError, os_error_message

#: subcommand → module under perfgoals_xl.commands
COMMANDS: dict[str, str] = {
    "import": "import_",
    "report": "report",
    "convert": "convert",
    "check": "check",
    "rules": "rules",
    "template": "template",
    "addin": "addin",
    "score": "score",
    "diff": "diff",
    "letter": "letter",
    "library": "library",
    "suggest": "suggest",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on bad arguments; say it in Chinese
        self.print_usage(sys.stderr)
        print(f"{self.prog}: 参数错误：{message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand (argparse's own texts in Chinese)."""
    from perfgoals_xl import argparse_zh

    argparse_zh.install()
    parser = _Parser(
        prog="perfgoals",
        description="项目支出绩效目标表（含转移支付项目）：导入、校验、生成报表、批量转换。",
    )
    parser.add_argument("--version", action="version", version=f"perfgoals-xl {__version__}",
                        help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"perfgoals_xl.commands.{module_name}")
        child = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(child)
        child.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console command; returns the exit code."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    from perfgoals_xl.library_logs import route_library_output
    from perfgoals_xl.terminal import terminal_line

    route_library_output()  # English library warnings go to a log file, not the terminal
    try:
        return int(args._run(args) or 0)
    except PerfGoalsError as exc:
        print(f"错误：{terminal_line(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `perfgoals rules | head`: the reader left; stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # the file system said no: unreadable input, read-only folder, disk full …
        print(f"错误：{terminal_line(os_error_message(exc))}", file=sys.stderr)
        return 2
    except (Exception, RecursionError) as exc:  # a bug: its own exit code, the traceback in a log file
        from perfgoals_xl.crash import EXIT_INTERNAL, internal_error_message, write_crash_log

        print(f"错误：{terminal_line(internal_error_message(exc, write_crash_log(exc)))}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
