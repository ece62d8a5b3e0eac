"""Internal errors (bugs): a log file with the traceback, one line for the user, exit code 3.

A bug must never look like "rule errors found" (exit 1) or "unusable input" (exit 2):
the command line exits with :data:`EXIT_INTERNAL` and prints one Chinese line naming
the log file and how to report it. The log goes to ``$PERFGOALS_LOG_DIR`` when set,
else to the system's temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from pathlib import Path

#: Exit code of an internal error (0 ok, 1 findings, 2 unusable input, 130 interrupted).
EXIT_INTERNAL = 3
#: Where to report a bug.
REPORT_TO = "请把该日志文件和输入文件发给维护者（项目的 issue 跟踪页），以便修复"


def write_crash_log(exc: BaseException, *, context: str = "") -> Path | None:
    """Write the traceback of exc (with the command line and context) to a new log file."""
    from perfgoals_xl import __version__

    folder = Path(os.environ.get("PERFGOALS_LOG_DIR") or tempfile.gettempdir())
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"perfgoals-crash-{stamp}-", suffix=".log", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f"perfgoals-xl {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n")
            fh.write(f"命令：{' '.join(sys.argv)}\n")
            if context:
                fh.write(f"处理：{context}\n")
            fh.write("\n")
            fh.write("".join(traceback.format_exception(exc)))
        return Path(name)
    except OSError:
        return None


def internal_error_message(exc: BaseException, log: Path | None) -> str:
    """The one line shown to the user for a bug."""
    where = f"详细信息已写入 {log}；" if log else ""
    return f"内部错误（程序缺陷，不是输入的问题）：{type(exc).__name__}：{str(exc)[:200]}。{where}{REPORT_TO}"
