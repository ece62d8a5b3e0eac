"""A small, deterministic writer of OLE compound files ([MS-CFB] version 3).

MS-OVBA §2.2 stores a VBA project as a compound file; this module writes one
from a tree of storages and streams.  Layout choices, all allowed by [MS-CFB]:

* major version 3, 512-byte sectors (§2.2 header), no DIFAT sectors (so at
  most 109 FAT sectors, ~6.8 MB — far above any VBA project);
* streams shorter than the 4096-byte cutoff live in the mini stream
  (64-byte mini sectors, §2.5), the others in regular sectors;
* sector order: regular streams, mini stream, mini FAT, directory, FAT;
* directory entries (§2.6) with zero CLSIDs, state bits and timestamps;
  siblings form a balanced binary search tree in [MS-CFB] §2.6.4 order
  (name length, then upper-cased name) coloured as a valid red-black tree:
  every node black except the deepest level of an imperfect tree.

Identical input always gives identical bytes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

__all__ = ["CfbStorage", "build_compound_file"]

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ENTRIES_PER_FAT = SECTOR // 4

_TYPE_STORAGE = 1
_TYPE_STREAM = 2
_TYPE_ROOT = 5
_RED = 0
_BLACK = 1


@dataclass
class CfbStorage:
    """A storage: child storages and streams, keyed by name (max 31 UTF-16 units)."""

    streams: dict[str, bytes] = field(default_factory=dict)
    storages: dict[str, CfbStorage] = field(default_factory=dict)


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list[int] = field(default_factory=list)
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = _BLACK
    start: int = ENDOFCHAIN
    size: int = 0


def _sort_key(name: str) -> tuple[int, str]:
    """[MS-CFB] §2.6.4 order: shorter names first, then by upper-cased name."""
    return (len(name.encode("utf-16-le")) // 2, name.upper())


def _check_name(name: str) -> None:
    if not name or len(name.encode("utf-16-le")) // 2 > 31:
        raise ValueError(f"compound-file entry name must be 1..31 characters: {name!r}")
    if any(ch in name for ch in "/\\:!"):
        raise ValueError(f"compound-file entry name must not contain / \\ : ! : {name!r}")


def _flatten(root: CfbStorage) -> list[_Entry]:
    """Directory entries in a fixed order (root first, then depth-first by sort key)."""
    entries = [_Entry("Root Entry", _TYPE_ROOT)]

    def add(storage: CfbStorage, parent: int) -> None:
        names = sorted([*storage.streams, *storage.storages], key=_sort_key)
        if len({n.upper() for n in names}) != len(names):
            raise ValueError(f"duplicate entry names (case-insensitive) in {names}")
        for name in names:
            _check_name(name)
            index = len(entries)
            entries[parent].children.append(index)
            if name in storage.storages:
                entries.append(_Entry(name, _TYPE_STORAGE))
                add(storage.storages[name], index)
            else:
                entries.append(_Entry(name, _TYPE_STREAM, data=bytes(storage.streams[name])))

    add(root, 0)
    return entries


def _build_tree(entries: list[_Entry], ids: list[int], depth: int, max_depth: int) -> int:
    """Link ``ids`` (sorted) into a balanced tree; return the root id."""
    if not ids:
        return NOSTREAM
    mid = len(ids) // 2
    node = entries[ids[mid]]
    node.left = _build_tree(entries, ids[:mid], depth + 1, max_depth)
    node.right = _build_tree(entries, ids[mid + 1 :], depth + 1, max_depth)
    node.color = _RED if depth == max_depth and depth > 0 else _BLACK
    return ids[mid]


def _tree_depth(count: int) -> int:
    """Depth of the deepest node of a median-split tree of ``count`` nodes."""
    depth = -1
    while count > 0:
        depth += 1
        count //= 2
    return depth


def _is_perfect(count: int) -> bool:
    return (count + 1) & count == 0


def _sectors(data: bytes, size: int) -> int:
    return (len(data) + size - 1) // size


def build_compound_file(root: CfbStorage) -> bytes:
    """Serialise ``root`` as a version-3 compound file."""
    entries = _flatten(root)
    for entry in entries:
        if entry.children:
            count = len(entry.children)
            max_depth = _tree_depth(count)
            # A perfect tree stays all black; otherwise the deepest level is red.
            colour_depth = -1 if _is_perfect(count) else max_depth
            entry.child = _build_tree(entries, entry.children, 0, colour_depth)

    # Mini stream: small streams, each padded to 64-byte mini sectors.
    mini_stream = bytearray()
    mini_fat: list[int] = []
    big: list[_Entry] = []
    for entry in entries:
        if entry.kind != _TYPE_STREAM:
            continue
        entry.size = len(entry.data)
        if entry.size == 0:
            entry.start = ENDOFCHAIN
        elif entry.size < MINI_CUTOFF:
            first = len(mini_fat)
            n = _sectors(entry.data, MINI_SECTOR)
            mini_fat.extend(range(first + 1, first + n))
            mini_fat.append(ENDOFCHAIN)
            entry.start = first
            mini_stream += entry.data + b"\0" * (n * MINI_SECTOR - entry.size)
        else:
            big.append(entry)

    fat: list[int] = []
    body = bytearray()

    def allocate(data: bytes) -> int:
        """Append ``data`` in whole sectors, chain them in the FAT, return first sector."""
        n = _sectors(data, SECTOR)
        if n == 0:
            return ENDOFCHAIN
        first = len(fat)
        fat.extend(range(first + 1, first + n))
        fat.append(ENDOFCHAIN)
        body.extend(data + b"\0" * (n * SECTOR - len(data)))
        return first

    for entry in big:
        entry.start = allocate(entry.data)
    root_entry = entries[0]
    root_entry.start = allocate(bytes(mini_stream))
    root_entry.size = len(mini_stream)

    mini_fat_bytes = b"".join(struct.pack("<I", v) for v in mini_fat)
    if mini_fat:
        pad = (-len(mini_fat)) % _ENTRIES_PER_FAT
        mini_fat_bytes += struct.pack("<I", FREESECT) * pad
    mini_fat_start = allocate(mini_fat_bytes)
    mini_fat_count = _sectors(mini_fat_bytes, SECTOR)

    dir_bytes = b"".join(_dir_entry(e) for e in entries)
    dir_bytes += _empty_dir_entry() * ((-len(entries)) % (SECTOR // 128))
    dir_start = allocate(dir_bytes)

    # FAT sectors cover themselves too: grow until the count is stable.
    fat_count = 0
    while fat_count * _ENTRIES_PER_FAT < len(fat) + fat_count:
        fat_count += 1
    if fat_count > 109:
        raise ValueError("compound file too large for a header-only DIFAT (> 109 FAT sectors)")
    fat_first = len(fat)
    fat.extend([FATSECT] * fat_count)
    fat.extend([FREESECT] * ((-len(fat)) % _ENTRIES_PER_FAT))
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    body.extend(fat_bytes)

    difat = [fat_first + i for i in range(fat_count)] + [FREESECT] * (109 - fat_count)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        _MAGIC,
        b"\0" * 16,  # header CLSID
        0x003E,  # minor version
        0x0003,  # major version 3
        0xFFFE,  # byte order: little-endian
        9,  # sector shift: 512
        6,  # mini sector shift: 64
        b"\0" * 6,
        0,  # number of directory sectors (must be 0 in version 3)
        fat_count,
        dir_start,
        0,  # transaction signature
        MINI_CUTOFF,
        mini_fat_start if mini_fat else ENDOFCHAIN,
        mini_fat_count,
        ENDOFCHAIN,  # first DIFAT sector: none
        0,  # number of DIFAT sectors
    )
    header += b"".join(struct.pack("<I", v) for v in difat)
    assert len(header) == SECTOR
    return bytes(header + body)


def _dir_entry(entry: _Entry) -> bytes:
    name = entry.name.encode("utf-16-le") + b"\0\0"
    return struct.pack(
        "<64sHBBIII16sIQQIII",
        name,
        len(name),
        entry.kind,
        entry.color,
        entry.left,
        entry.right,
        entry.child,
        b"\0" * 16,  # CLSID
        0,  # state bits
        0,  # creation time
        0,  # modified time
        entry.start if entry.kind != _TYPE_STORAGE else 0,
        entry.size,
        0,  # high 32 bits of the size (version 3)
    )


def _empty_dir_entry() -> bytes:
    return struct.pack(
        "<64sHBBIII16sIQQIII",
        b"",
        0,
        0,
        0,
        NOSTREAM,
        NOSTREAM,
        NOSTREAM,
        b"\0" * 16,
        0,
        0,
        0,
        0,
        0,
        0,
    )
