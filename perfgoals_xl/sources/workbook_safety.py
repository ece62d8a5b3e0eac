"""Checks before any workbook is opened: corrupt, password-protected, or a zip bomb.

An .xlsx / .xlsm / .ods is a zip archive. Before a reader decompresses it we look
at its central directory only (no decompression):

- not a zip, or a damaged one → "文件已损坏";
- total uncompressed size above :data:`MAX_TOTAL_BYTES`, or one member larger than
  :data:`RATIO_MIN_BYTES` that expands more than :data:`MAX_RATIO` times → zip bomb;
- an encrypted member → "受密码保护".

A password-protected .xlsx is not a zip at all: Excel wraps it in an OLE
(compound) file holding ``EncryptionInfo`` and ``EncryptedPackage`` streams. An
OLE file without them is a legacy .xls. The sizes in the central directory are
what the archive declares; Python's zipfile checks them while decompressing,
and the limits bound what an honest archive may ask of memory.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from perfgoals_xl.errors import InputError

#: Largest total uncompressed size of a workbook we open (a 10,000-project entry
#: workbook is about 60 MB uncompressed).
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
#: A member larger than this must not expand more than MAX_RATIO times.
RATIO_MIN_BYTES = 32 * 1024 * 1024
MAX_RATIO = 400

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def is_ole(path: str | Path) -> bool:
    """Is this an OLE compound file (legacy .xls, or an encrypted .xlsx)?"""
    with open(path, "rb") as fh:
        return fh.read(8) == OLE_MAGIC


def is_encrypted_ole(path: str | Path) -> bool:
    """Is this OLE file an encrypted Office Open XML package (password-protected xlsx)?"""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage")
    except OSError:
        return False


def check_ole_workbook(path: str | Path) -> None:
    """Refuse an encrypted xlsx disguised as OLE; a plain .xls passes."""
    if is_encrypted_ole(path):
        raise InputError(path, "工作簿受密码保护（已加密），无法读取：请在 Excel 中取消密码后另存为 .xlsx 再试")


def check_zip_workbook(path: str | Path) -> None:
    """Raise InputError when a zip workbook is corrupt, encrypted or a zip bomb."""
    p = Path(path)
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(p, "不是有效的工作簿：文件已损坏，或不是 xlsx/ods 文件") from None
    if not infos:
        raise InputError(p, "不是有效的工作簿：压缩包为空")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(p, "工作簿受密码保护（压缩包已加密），无法读取")
        total += info.file_size
        if info.file_size > RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise InputError(
                    p,
                    f"疑似“压缩炸弹”：其中 {info.filename} 解压后 {info.file_size // 2**20} MB，"
                    f"压缩比 {ratio:.0f}:1（上限 {MAX_RATIO}:1），拒绝打开",
                )
    if total > MAX_TOTAL_BYTES:
        raise InputError(
            p, f"工作簿解压后共 {total // 2**20} MB，超过上限 {MAX_TOTAL_BYTES // 2**20} MB，拒绝打开（疑似压缩炸弹）"
        )


def check_workbook(path: str | Path) -> str:
    """Check a workbook file before opening it; return its container kind: 'zip' or 'ole'."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    with open(p, "rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        check_ole_workbook(p)
        return "ole"
    if head.startswith(ZIP_MAGIC):
        check_zip_workbook(p)
        return "zip"
    if not head:
        raise InputError(p, "文件为空：应为 Excel 工作簿")
    raise InputError(p, "不是有效的工作簿：文件已损坏，或不是 xlsx/xls/ods 文件")
