"""Checks of an OLE compound file (legacy .xls, .doc, .wps) before any reader opens it.

python-calamine and LibreOffice trust the sector chains of an OLE file: a file whose
sectors after the header are zeroed makes every chain point at sector 0 for ever, and
python-calamine then asks for gigabytes (and aborts the process). Before a legacy file
is handed to any reader, olefile (strict: every defect is an error) parses its header,
FAT, DIFAT, directory and MiniFAT — each bounded by the file's size — and every stream's
chain is walked once here: each sector inside the FAT, none met twice, the chain as long
as the stream's declared size, the size no larger than the file. Anything else is
"文件已损坏" (exit 2), with memory bounded by a few times the FAT's size.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError

#: Smallest possible compound file: the header, one FAT sector and one directory sector.
_MIN_SECTORS = 3
_ENDOFCHAIN = 0xFFFFFFFE
_FREESECT = 0xFFFFFFFF
_BROKEN = "文件已损坏：旧版 Office 文件（OLE 复合文档）的结构不完整"


def check_ole_file(path: str | Path) -> None:
    """Raise InputError unless the OLE file's structure is whole (chains end, sizes fit the file)."""
    import olefile

    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(p, f"无法读取（{exc.strerror or exc}）") from None
    if size < 512 * _MIN_SECTORS:
        raise InputError(p, f"{_BROKEN}（只有 {size} 字节，连文件头、分配表和目录都放不下）")
    try:
        with olefile.OleFileIO(str(p), raise_defects=olefile.DEFECT_INCORRECT) as ole:
            _check_streams(ole, p, size)
    except InputError:
        raise
    except MemoryError:
        raise InputError(p, f"{_BROKEN}（分配表声明的大小超出可用内存）") from None
    except Exception as exc:  # noqa: BLE001 - olefile raises many kinds on hostile bytes; all mean "damaged"
        raise InputError(p, f"{_BROKEN}（{_reason(exc)}）") from None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:120]


def _check_streams(ole: Any, path: Path, size: int) -> None:
    """Walk every stream's chain (FAT or MiniFAT) once; refuse loops, holes and oversized streams."""
    root = ole.root
    if root is None:
        raise InputError(path, f"{_BROKEN}（没有根目录项）")
    if root.size > size:
        raise InputError(path, f"{_BROKEN}（迷你流声明 {root.size} 字节，超过文件大小 {size} 字节）")
    if root.size:
        _walk(ole.fat, root.isectStart, root.size, ole.sectorsize, path, "根目录项")
    minifat_loaded = False
    for entry in ole.direntries:
        if entry is None or entry.entry_type != 2:  # 2 = stream
            continue
        name = entry.name
        if entry.size > size:
            raise InputError(path, f"{_BROKEN}（流 {name!r} 声明 {entry.size} 字节，超过文件大小 {size} 字节）")
        if entry.size == 0:
            continue
        if entry.size < ole.minisectorcutoff:
            if not minifat_loaded:
                ole.loadminifat()
                minifat_loaded = True
            if entry.size > root.size:
                raise InputError(path, f"{_BROKEN}（流 {name!r} 超出迷你流）")
            _walk(ole.minifat, entry.isectStart, entry.size, ole.minisectorsize, path, name)
        else:
            _walk(ole.fat, entry.isectStart, entry.size, ole.sectorsize, path, name)


def _walk(fat: Any, start: int, size: int, sector: int, path: Path, name: str) -> None:
    """Follow one chain: every index inside the table, no sector twice, as many sectors as the size needs."""
    needed = -(-size // sector)
    if needed > len(fat):
        raise InputError(path, f"{_BROKEN}（流 {name!r} 需要 {needed} 个扇区，分配表只有 {len(fat)} 个）")
    seen = bytearray(len(fat))
    current = start & 0xFFFFFFFF
    for _ in range(needed):
        if current >= len(fat):
            raise InputError(path, f"{_BROKEN}（流 {name!r} 的扇区链越界或提前结束）")
        if seen[current]:
            raise InputError(path, f"{_BROKEN}（流 {name!r} 的扇区链成环）")
        seen[current] = 1
        current = fat[current] & 0xFFFFFFFF
    if current not in (_ENDOFCHAIN, _FREESECT) and current < len(fat) and seen[current]:
        raise InputError(path, f"{_BROKEN}（流 {name!r} 的扇区链成环）")
