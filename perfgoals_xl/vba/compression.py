"""MS-OVBA §2.4.1 compression and decompression of a CompressedContainer.

The container (§2.4.1.1.1) is the signature byte 0x01 followed by chunks.
Each chunk (§2.4.1.1.4) starts with a 16-bit header (§2.4.1.1.5): bits 0-11
hold the chunk size minus 3, bits 12-14 the signature 0b011, bit 15 the flag
(1 = token sequences, 0 = 4096 raw bytes).  A token sequence (§2.4.1.1.7) is a
flag byte and up to eight tokens: a literal byte (flag bit 0) or a 16-bit copy
token (flag bit 1) whose split between offset and length bits depends on the
position inside the decompressed chunk (§2.4.1.3.19.1 CopyToken Help).

The compressor follows the matching procedure of §2.4.1.3.19.4 (longest
match up to the chunk end, nearest candidate on ties, minimum length 3, then
cut to the copy token's maximum length); a hash chain of 3-byte
prefixes only skips candidates that could never match, so the output equals
the spec's algorithm byte for byte (the §3.2 examples are pinned by tests).
"""

from __future__ import annotations

import struct

__all__ = ["CHUNK_SIZE", "compress", "decompress"]

CHUNK_SIZE = 4096
"""Decompressed size of every chunk but the last (§2.4.1.1.3)."""

_SIGNATURE = 0x01
_MAX_CHUNK_DATA = 4096  # compressed chunk: header (2 bytes) + at most 4096 bytes (§2.4.1.1.4)
_RAW_HEADER = 0x3FFF  # size field 4095 (= 4098 - 3), signature 0b011, flag 0


def _bit_count(difference: int) -> int:
    """Offset bit count for a copy token at ``difference`` bytes into the chunk."""
    bits = 4
    while (1 << bits) < difference:
        bits += 1
    return bits


def _match_length(buf: bytes, cand: int, cur: int, limit: int) -> int:
    """Number of equal bytes at ``cand`` and ``cur`` (at most ``limit``)."""
    n = 0
    step = 32
    while n + step <= limit and buf[cand + n : cand + n + step] == buf[cur + n : cur + n + step]:
        n += step
    while n < limit and buf[cand + n] == buf[cur + n]:
        n += 1
    return n


def _compress_chunk(buf: bytes, start: int, end: int) -> bytes:
    """Token sequences for ``buf[start:end]`` (§2.4.1.3.7), without header."""
    out = bytearray()
    chains: dict[bytes, list[int]] = {}
    cur = start

    def remember(pos: int) -> None:
        if pos + 3 <= end:
            chains.setdefault(buf[pos : pos + 3], []).append(pos)

    while cur < end:
        flag_index = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if cur >= end:
                break
            best_len = 0
            best_off = 0
            if cur + 3 <= end:
                candidates = chains.get(buf[cur : cur + 3])
                if candidates:
                    # §2.4.1.3.19.4: the longest match up to the chunk end wins (the
                    # nearest on ties); only then is it cut to the token's MaximumLength.
                    limit = end - cur
                    for cand in reversed(candidates):
                        length = _match_length(buf, cand, cur, limit)
                        if length > best_len:
                            best_len = length
                            best_off = cur - cand
                            if length == limit:
                                break
            if best_len >= 3:
                bits = _bit_count(cur - start)
                best_len = min(best_len, (0xFFFF >> bits) + 3)
                token = ((best_off - 1) << (16 - bits)) | (best_len - 3)
                out += struct.pack("<H", token)
                flags |= 1 << bit
                for pos in range(cur, cur + best_len):
                    remember(pos)
                cur += best_len
            else:
                out.append(buf[cur])
                remember(cur)
                cur += 1
        out[flag_index] = flags
    return bytes(out)


def compress(data: bytes) -> bytes:
    """Compress ``data`` into an MS-OVBA CompressedContainer (§2.4.1.3.6).

    A chunk whose token sequences would exceed 4096 bytes is stored raw
    (§2.4.1.3.10).  A raw final chunk shorter than 4096 bytes is written
    without the zero padding of the spec's pseudocode, so that decompression
    returns exactly ``data``; VBA source text always compresses, so this
    only matters for arbitrary binary input.
    """
    buf = bytes(data)
    out = bytearray([_SIGNATURE])
    for start in range(0, len(buf), CHUNK_SIZE):
        end = min(start + CHUNK_SIZE, len(buf))
        body = _compress_chunk(buf, start, end)
        if len(body) <= _MAX_CHUNK_DATA:
            header = 0xB000 | (len(body) + 2 - 3)
            out += struct.pack("<H", header) + body
        else:
            out += struct.pack("<H", _RAW_HEADER) + buf[start:end]
    return bytes(out)


def decompress(data: bytes) -> bytes:
    """Decompress an MS-OVBA CompressedContainer (§2.4.1.3.1).

    Raises ``ValueError`` on a bad container signature, chunk signature or
    copy token pointing before the start of its chunk.
    """
    src = bytes(data)
    if not src or src[0] != _SIGNATURE:
        raise ValueError("not an MS-OVBA compressed container (signature byte != 0x01)")
    out = bytearray()
    pos = 1
    while pos < len(src):
        if pos + 2 > len(src):
            raise ValueError(f"truncated chunk header at offset {pos}")
        (header,) = struct.unpack_from("<H", src, pos)
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0x7 != 0b011:
            raise ValueError(f"bad chunk signature at offset {pos}")
        chunk_end = min(pos + size, len(src))
        pos += 2
        if not header & 0x8000:
            out += src[pos : pos + CHUNK_SIZE]
            pos += CHUNK_SIZE
            continue
        chunk_start = len(out)
        while pos < chunk_end:
            flags = src[pos]
            pos += 1
            for bit in range(8):
                if pos >= chunk_end:
                    break
                if not flags & (1 << bit):
                    out.append(src[pos])
                    pos += 1
                    continue
                if pos + 2 > chunk_end:
                    raise ValueError(f"truncated copy token at offset {pos}")
                (token,) = struct.unpack_from("<H", src, pos)
                pos += 2
                bits = _bit_count(len(out) - chunk_start)
                length = (token & (0xFFFF >> bits)) + 3
                offset = (token >> (16 - bits)) + 1
                copy_from = len(out) - offset
                if copy_from < chunk_start:
                    raise ValueError(f"copy token before chunk start at offset {pos - 2}")
                for i in range(length):
                    out.append(out[copy_from + i])
        pos = chunk_end
    return bytes(out)
