"""Read back a ``vbaProject.bin``: compound-file streams, ``dir`` records, PROJECT values.

Small readers for tests and diagnostics, independent of olefile/oletools:

* :func:`read_streams` — every stream of a [MS-CFB] compound file (v3 or v4),
  keyed by its path (``"VBA/dir"``);
* :func:`read_dir_records` — the decompressed ``dir`` stream (MS-OVBA §2.3.4.2)
  as ``(record id, payload)`` pairs;
* :func:`decrypt_project_value` — MS-OVBA §2.4.3.3 data decryption of the
  CMG / DPB / GC values of the PROJECT stream.
"""

from __future__ import annotations

import struct

from .compression import decompress

__all__ = [
    "decrypt_project_value",
    "read_dir_records",
    "read_module_sources",
    "read_project_text",
    "read_streams",
]

_ENDOFCHAIN = 0xFFFFFFFE
_NOSTREAM = 0xFFFFFFFF
_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def _chain(fat: list[int], start: int) -> list[int]:
    chain: list[int] = []
    seen: set[int] = set()
    sector = start
    while sector != _ENDOFCHAIN:
        if sector in seen or sector >= len(fat):
            raise ValueError(f"broken sector chain at sector {sector}")
        seen.add(sector)
        chain.append(sector)
        sector = fat[sector]
    return chain


def read_streams(data: bytes) -> dict[str, bytes]:
    """Every stream of a compound file, keyed by ``/``-joined path."""
    if data[:8] != _MAGIC:
        raise ValueError("not an OLE compound file")
    sector_size = 1 << struct.unpack_from("<H", data, 30)[0]
    mini_size = 1 << struct.unpack_from("<H", data, 32)[0]
    (dir_start,) = struct.unpack_from("<I", data, 48)
    (cutoff, minifat_start) = struct.unpack_from("<II", data, 56)
    (difat_start, difat_count) = struct.unpack_from("<II", data, 68)
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 76) if s < 0xFFFFFFFA]
    per_sector = sector_size // 4
    sector = difat_start
    for _ in range(difat_count):
        values = struct.unpack_from(f"<{per_sector}I", data, sector_size * (sector + 1))
        fat_sectors += [s for s in values[:-1] if s < 0xFFFFFFFA]
        sector = values[-1]

    def sector_bytes(n: int) -> bytes:
        offset = sector_size * (n + 1)
        return data[offset : offset + sector_size]

    fat: list[int] = []
    for s in fat_sectors:
        fat += struct.unpack(f"<{per_sector}I", sector_bytes(s))

    def read_chain(start: int) -> bytes:
        return b"".join(sector_bytes(s) for s in _chain(fat, start))

    directory = read_chain(dir_start)
    entries = []
    for off in range(0, len(directory), 128):
        raw = directory[off : off + 128]
        name_len = struct.unpack_from("<H", raw, 64)[0]
        name = raw[: max(name_len - 2, 0)].decode("utf-16-le")
        kind = raw[66]
        left, right, child = struct.unpack_from("<III", raw, 68)
        start, size = struct.unpack_from("<IQ", raw, 116)
        if sector_size == 512:
            size &= 0xFFFFFFFF
        entries.append((name, kind, left, right, child, start, size))

    root = entries[0]
    mini_stream = read_chain(root[5])[: root[6]] if root[6] else b""
    mini_fat: list[int] = []
    if minifat_start != _ENDOFCHAIN:
        raw_minifat = read_chain(minifat_start)
        mini_fat = list(struct.unpack(f"<{len(raw_minifat) // 4}I", raw_minifat))

    def stream_data(start: int, size: int) -> bytes:
        if size == 0:
            return b""
        if size < cutoff:
            chunks = [
                mini_stream[s * mini_size : (s + 1) * mini_size] for s in _chain(mini_fat, start)
            ]
            return b"".join(chunks)[:size]
        return read_chain(start)[:size]

    result: dict[str, bytes] = {}

    def walk(index: int, prefix: str) -> None:
        if index == _NOSTREAM:
            return
        name, kind, left, right, child, start, size = entries[index]
        walk(left, prefix)
        walk(right, prefix)
        path = f"{prefix}{name}"
        if kind == 2:
            result[path] = stream_data(start, size)
        elif kind == 1:
            walk(child, f"{path}/")

    walk(root[4], "")
    return result


def read_dir_records(vba_bin: bytes) -> list[tuple[int, bytes]]:
    """Decompressed ``VBA/dir`` stream as ``(id, payload)`` pairs (MS-OVBA §2.3.4.2).

    Every record is ``Id (u16), Size (u32), payload``; PROJECTVERSION (0x0009)
    is the one exception: its Size field is 4 but six bytes follow.
    """
    streams = read_streams(vba_bin)
    raw = decompress(streams["VBA/dir"])
    records: list[tuple[int, bytes]] = []
    pos = 0
    while pos < len(raw):
        rec_id, size = struct.unpack_from("<HI", raw, pos)
        pos += 6
        if rec_id == 0x0009:
            size = 6
        records.append((rec_id, raw[pos : pos + size]))
        pos += size
        if rec_id == 0x0010:
            break
    return records


def read_project_text(vba_bin: bytes, codepage: str = "cp1252") -> str:
    """The PROJECT stream (MS-OVBA §2.3.1) as text."""
    return read_streams(vba_bin)["PROJECT"].decode(codepage)


def read_module_sources(vba_bin: bytes, codepage: str = "cp1252") -> dict[str, str]:
    """Decompressed module source text (attribute lines included) per module name."""
    streams = read_streams(vba_bin)
    result: dict[str, str] = {}
    name = stream = ""
    offset = 0
    for rec_id, payload in read_dir_records(vba_bin):
        if rec_id == 0x0019:
            name = payload.decode(codepage)
        elif rec_id == 0x001A:
            stream = payload.decode(codepage)
        elif rec_id == 0x0031:
            (offset,) = struct.unpack("<I", payload)
        elif rec_id == 0x002B:
            result[name] = decompress(streams[f"VBA/{stream}"][offset:]).decode(codepage)
    return result


def decrypt_project_value(hex_text: str) -> bytes:
    """Decrypt a CMG/DPB/GC value (MS-OVBA §2.4.3.3); return its Data bytes."""
    enc = bytes.fromhex(hex_text)
    seed = enc[0]
    version = enc[1] ^ seed
    if version != 2:
        raise ValueError(f"unexpected encryption version {version}")
    proj_key = enc[2] ^ seed
    unencrypted_1 = proj_key
    encrypted_1 = enc[2]
    encrypted_2 = enc[1]
    plain = bytearray()
    for byte_enc in enc[3:]:
        byte = byte_enc ^ ((encrypted_2 + unencrypted_1) & 0xFF)
        plain.append(byte)
        encrypted_2 = encrypted_1
        encrypted_1 = byte_enc
        unencrypted_1 = byte
    ignored = (seed & 6) // 2
    (length,) = struct.unpack_from("<I", plain, ignored)
    data = bytes(plain[ignored + 4 : ignored + 4 + length])
    if len(data) != length:
        raise ValueError("encrypted value shorter than its length field")
    return data
