"""Atomic file output: write to a temporary file beside the target, then move it into place.

A failure (or Ctrl-C) never leaves half a file, and never touches an existing file
unless the caller allows overwriting.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from perfgoals_xl.errors import OutputError, os_reason


def check_writable(path: str | Path, *, force: bool = False) -> Path:
    """Refuse to overwrite an existing file without force; return the path."""
    p = Path(path)
    if p.exists() and not force:
        raise OutputError(f"{p}：输出文件已存在，未覆盖（如需覆盖请加 --force）")
    if p.exists() and p.is_dir():
        raise OutputError(f"{p}：这是一个文件夹，应为输出文件名")
    return p


@contextlib.contextmanager
def atomic_path(path: str | Path, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success move it to `path`, else delete it."""
    target = check_writable(path, force=force)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp" + target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if not force and target.exists():
            raise OutputError(f"{target}：输出文件在写入期间被创建，未覆盖")
        os.chmod(tmp, _mode_for(target))  # mkstemp makes 0600; give the file its usual mode
        os.replace(tmp, target)
    except OSError as exc:  # disk full, file too large, folder gone …: name the output, not the temp file
        raise OutputError(f"{target}：无法写入（{os_reason(exc)}），未生成该文件") from None
    except Exception as exc:
        # XlsxWriter wraps the file system's error in its own FileCreateError (not an OSError)
        if type(exc).__module__.startswith("xlsxwriter") and type(exc).__name__ in ("FileCreateError", "FileSizeError"):
            cause = exc.args[0] if exc.args else exc
            reason = os_reason(cause) if isinstance(cause, OSError) else str(cause)
            raise OutputError(f"{target}：无法写入（{reason}），未生成该文件") from None
        raise
    finally:
        with contextlib.suppress(OSError):
            if tmp.exists():
                tmp.unlink()


def _mode_for(target: Path) -> int:
    """The existing file's mode when overwriting, else 0666 less the process umask."""
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: str | Path, write: Callable[[Path], None], *, force: bool = False) -> Path:
    """Call write(tmp_path) and move the result into place atomically; return the target."""
    with atomic_path(path, force=force) as tmp:
        write(tmp)
    return Path(path)
