"""Errors that reach the user: one clear Chinese message naming the file and what was expected."""

from __future__ import annotations


class PerfGoalsError(Exception):
    """Base of all user-facing errors; str() is the Chinese message shown to the user."""


class InputError(PerfGoalsError):
    """The input cannot be used (missing, empty, wrong encoding, not a performance table …)."""

    def __init__(self, path: object, message: str, *, where: str | None = None) -> None:
        self.path = str(path)
        self.where = where
        location = f"{self.path}" + (f"（{where}）" if where else "")
        super().__init__(f"{location}：{message}")


class OutputError(PerfGoalsError):
    """The output cannot be written (exists without --force, unknown extension …)."""


_OS_REASONS = {
    "PermissionError": "没有读写权限",
    "FileNotFoundError": "文件或文件夹不存在",
    "FileExistsError": "同名文件已存在",
    "NotADirectoryError": "路径中有一部分是文件，不是文件夹",
    "IsADirectoryError": "这是一个文件夹，应为文件",
}


#: Reasons by errno for errors that have no class of their own (disk full, file too large …).
_ERRNO_REASONS = {28: "磁盘空间不足", 27: "文件超过系统允许的大小", 30: "文件系统是只读的", 122: "超出磁盘配额",
                  5: "输入/输出错误"}


def os_reason(exc: OSError) -> str:
    """Why the file system said no, in Chinese (without the file name)."""
    return (_OS_REASONS.get(type(exc).__name__) or _ERRNO_REASONS.get(exc.errno or 0)
            or exc.strerror or str(exc))


def os_error_message(exc: OSError) -> str:
    """A Chinese one-line message for a file-system error, naming the file."""
    reason = os_reason(exc)
    where = exc.filename if exc.filename is not None else ""
    return f"{where}：无法读写（{reason}）" if where else f"无法读写文件（{reason}）"
