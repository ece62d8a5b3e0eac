"""Install / uninstall perfgoals.xlam in Excel's startup folder, as ``xlwings addin install`` does.

Excel opens every file in the user's startup folder (XLSTART) when it starts: an add-in there is
loaded in every session without any dialog. The folder is Excel's own ``Application.StartupPath``
when Excel is running (asked through xlwings), else its default
``%APPDATA%\\Microsoft\\Excel\\XLSTART``; ``--dir`` names another folder (a trusted location …).
Off Windows there is no Excel to load it: a clear message says what to do instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from perfgoals_xl.addin import ADDIN_NAME, is_our_addin
from perfgoals_xl.errors import OutputError

NOT_WINDOWS = ("加载项只能安装到 Windows 上的 Excel（这台电脑是 {platform}）：请在装有 Excel 的 Windows 电脑上运行 "
               "perfgoals addin install；或用 perfgoals addin build 生成 perfgoals.xlam，复制过去后在 Excel 中"
               "“文件 → 选项 → 加载项 → 管理 Excel 加载项 → 转到 → 浏览”选中它。--dir 可以把它放进指定的文件夹。")


def _running_excel_startup() -> Path | None:
    """The startup folder of a running Excel (xlwings), or None when none runs or xlwings cannot ask."""
    try:
        import xlwings as xw

        if xw.apps:
            return Path(xw.apps.active.startup_path)
    except Exception:  # noqa: BLE001 — no Excel to ask: fall back to the default folder
        return None
    return None


def startup_folder(environ: dict[str, str] | None = None, platform: str = sys.platform) -> Path:
    """Excel's user startup folder (XLSTART); OutputError off Windows."""
    if not platform.startswith("win"):
        raise OutputError(NOT_WINDOWS.format(platform=platform))
    running = _running_excel_startup()
    if running is not None:
        return running
    env = os.environ if environ is None else environ
    appdata = env.get("APPDATA")
    if not appdata:
        raise OutputError("找不到 %APPDATA% 文件夹，无法确定 Excel 的启动文件夹 XLSTART：请用 --dir 指定文件夹")
    return Path(appdata) / "Microsoft" / "Excel" / "XLSTART"


def _close_in_excel() -> None:
    """Close perfgoals.xlam in every running Excel (it is locked while open), as xlwings does."""
    try:
        import xlwings as xw

        for app in xw.apps:
            try:
                app.books[ADDIN_NAME].close()
            except KeyError:
                pass
    except Exception:  # noqa: BLE001 — nothing running, or not Windows
        return


def _not_ours(path: Path) -> OutputError:
    return OutputError(f"{path}：已有同名文件，但不是 perfgoals-xl 生成的加载项，未改动它（请先移走它，或用 --dir 指定别的文件夹）")


def _folder(folder: Path) -> Path:
    """``folder`` when it is one (or does not exist yet); OutputError when it is a file."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}：这是一个文件，应为文件夹（--dir 指定加载项所在的文件夹）")
    return folder


def install(folder: Path | None = None) -> Path:
    """Write the freshly built add-in into ``folder`` (default: Excel's startup folder); its path.
    A file of the same name that this program did not write is never overwritten (OutputError)."""
    from perfgoals_xl.addin import write_addin

    folder = _folder(startup_folder() if folder is None else folder)
    target = folder / ADDIN_NAME
    if (target.exists() or target.is_symlink()) and not (target.is_file() and is_our_addin(target)):
        raise _not_ours(target)
    folder.mkdir(parents=True, exist_ok=True)
    _close_in_excel()
    try:
        return write_addin(folder / ADDIN_NAME, force=True)
    except PermissionError:
        raise OutputError(f"{folder / ADDIN_NAME}：文件正被使用（Excel 打开着它？）：请关闭 Excel 后再试") from None


def uninstall(folder: Path | None = None) -> Path | None:
    """Remove the add-in from ``folder`` (default: Excel's startup folder); its path, or None when
    absent. A file of the same name that this program did not write is never deleted (OutputError)."""
    folder = _folder(startup_folder() if folder is None else folder)
    path = folder / ADDIN_NAME
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() or not is_our_addin(path):
        raise _not_ours(path)
    _close_in_excel()
    try:
        path.unlink()
    except PermissionError:
        raise OutputError(f"{path}：文件正被使用（Excel 打开着它？）：请关闭 Excel 后再试") from None
    return path

