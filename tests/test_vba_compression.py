"""MS-OVBA §2.4.1 compression: spec examples (§3.2), round trips through oletools."""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import decompress_stream

from perfgoals_xl.vba.compression import compress, decompress

# MS-OVBA §3.2.1 No Compression Example
NO_COMPRESSION_IN = b"abcdefghijklmnopqrstuv."
NO_COMPRESSION_OUT = bytes.fromhex(
    "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E"
)
# MS-OVBA §3.2.2 Normal Compression Example
NORMAL_IN = b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa"
NORMAL_OUT = bytes.fromhex(
    "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C"
    " 00 20 6D 6E 6F 70 06 71 02 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C"
)
# MS-OVBA §3.2.3 Maximum Compression Example (72 'a' after the first literal)
MAX_IN = b"a" * 73
MAX_OUT = bytes.fromhex("01 03 B0 02 61 45 00")

SPEC_EXAMPLES = [
    pytest.param(NO_COMPRESSION_IN, NO_COMPRESSION_OUT, id="3.2.1-no-compression"),
    pytest.param(NORMAL_IN, NORMAL_OUT, id="3.2.2-normal"),
    pytest.param(MAX_IN, MAX_OUT, id="3.2.3-maximum"),
]

VBA_TEXT = (
    'Attribute VB_Name = "PerfGoals"\r\n'
    "Option Explicit\r\n"
    "\r\n"
    "Public Sub PG_Validate(control As IRibbonControl)\r\n"
    '    RunPython "import perfgoals_xl.excel.buttons as b; b.validate()"\r\n'
    "End Sub\r\n"
    "\r\n"
    "Public Sub PG_Export(control As IRibbonControl)\r\n"
    '    RunPython "import perfgoals_xl.excel.buttons as b; b.export()"\r\n'
    "End Sub\r\n"
).encode("ascii")


def _xlwings_bas() -> bytes:
    import xlwings

    return (Path(xlwings.__file__).parent / "xlwings.bas").read_bytes()


def _chunks(container: bytes) -> list[tuple[int, bool, bytes]]:
    """(size incl. header, compressed flag, chunk bytes) for each chunk of a container."""
    assert container[0] == 0x01
    pos, chunks = 1, []
    while pos < len(container):
        (header,) = struct.unpack_from("<H", container, pos)
        assert (header >> 12) & 0x7 == 0b011, "chunk signature must be 0b011"
        size = (header & 0x0FFF) + 3
        chunks.append((size, bool(header & 0x8000), container[pos : pos + size]))
        pos += size
    return chunks


def _assert_round_trip(data: bytes) -> bytes:
    packed = compress(data)
    assert decompress(packed) == data
    assert decompress_stream(packed) == data
    for size, _flag, _raw in _chunks(packed):
        assert 3 <= size <= 4098
    return packed


def _reference_compress(data: bytes) -> bytes:
    """Literal transcription of MS-OVBA §2.4.1.3.6-§2.4.1.3.9 and §2.4.1.3.19.4.

    Quadratic; used only to prove the hash-chain matcher gives identical bytes.
    """
    out = bytearray([0x01])
    cur = 0
    while cur < len(data):
        chunk_start = cur
        chunk_end = min(cur + 4096, len(data))
        body = bytearray()
        while cur < chunk_end:
            flag_pos = len(body)
            body.append(0)
            flags = 0
            for bit in range(8):
                if cur >= chunk_end:
                    break
                # §2.4.1.3.19.4 Matching
                best_len, best_cand = 0, 0
                cand = cur - 1
                while cand >= chunk_start:
                    c, d, length = cand, cur, 0
                    while d < chunk_end and data[c] == data[d]:
                        length += 1
                        c += 1
                        d += 1
                    if length > best_len:
                        best_len, best_cand = length, cand
                    cand -= 1
                if best_len >= 3:
                    diff = cur - chunk_start
                    bits = max((diff - 1).bit_length(), 4)
                    max_len = (0xFFFF >> bits) + 3
                    length = min(best_len, max_len)
                    token = ((cur - best_cand - 1) << (16 - bits)) | (length - 3)
                    body += struct.pack("<H", token)
                    flags |= 1 << bit
                    cur += length
                else:
                    body.append(data[cur])
                    cur += 1
            body[flag_pos] = flags
        if len(body) <= 4096:
            out += struct.pack("<H", 0xB000 | (len(body) - 1)) + body
        else:
            out += struct.pack("<H", 0x3FFF) + data[chunk_start:chunk_end]
    return bytes(out)


@pytest.mark.parametrize(("plain", "packed"), SPEC_EXAMPLES)
def test_spec_examples_compress_exactly(plain: bytes, packed: bytes) -> None:
    assert compress(plain) == packed


@pytest.mark.parametrize(("plain", "packed"), SPEC_EXAMPLES)
def test_spec_examples_decompress(plain: bytes, packed: bytes) -> None:
    assert decompress(packed) == plain
    assert decompress_stream(packed) == plain


def test_empty_is_signature_only() -> None:
    assert compress(b"") == b"\x01"
    assert decompress(b"\x01") == b""
    assert decompress_stream(b"\x01") == b""


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"x", id="1-byte"),
        pytest.param(bytes(range(256)) * 16, id="exactly-4096"),
        pytest.param((bytes(range(256)) * 17)[:4097], id="4097"),
        pytest.param(b"Public Sub Foo()\r\n    x = 1\r\nEnd Sub\r\n" * 300, id="10KB-repetitive"),
        pytest.param(b"a" * 4096 * 3 + b"b", id="runs-across-chunks"),
        pytest.param(VBA_TEXT, id="vba-module"),
    ],
)
def test_round_trip(data: bytes) -> None:
    packed = _assert_round_trip(data)
    if len(data) > 4096:
        assert len(_chunks(packed)) == (len(data) + 4095) // 4096


def test_round_trip_real_xlwings_module() -> None:
    data = _xlwings_bas()
    assert len(data) > 40_000
    packed = _assert_round_trip(data)
    assert len(packed) < len(data) // 2
    assert all(flag for _size, flag, _raw in _chunks(packed)), "text chunks must compress"


def test_repetitive_text_compresses_well() -> None:
    data = b"Public Sub Foo()\r\n    x = 1\r\nEnd Sub\r\n" * 300
    assert len(compress(data)) < len(data) // 10


def test_incompressible_chunk_is_stored_raw() -> None:
    rng = random.Random(1234)
    data = bytes(rng.randrange(256) for _ in range(4096 + 100))
    packed = _assert_round_trip(data)
    chunks = _chunks(packed)
    assert chunks[0][0] == 4098 and chunks[0][1] is False
    assert chunks[0][2][:2] == b"\xff\x3f"
    assert chunks[0][2][2:] == data[:4096]
    assert chunks[1][1] is True  # 100 random bytes still fit as literals


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=9000))
def test_round_trip_random_bytes(data: bytes) -> None:
    _assert_round_trip(data)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from([b"a", b"b", b"ab", b"Sub ", b"\r\n", b"    ", b"x"]), max_size=3000)
)
def test_round_trip_text_like(parts: list[bytes]) -> None:
    _assert_round_trip(b"".join(parts))


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=0, max_size=700).map(lambda b: bytes(x % 4 + 97 for x in b)))
def test_matcher_equals_spec_pseudocode(data: bytes) -> None:
    assert compress(data) == _reference_compress(data)


def test_matcher_equals_spec_pseudocode_across_chunk_boundary() -> None:
    rng = random.Random(7)
    data = bytes(rng.choice(b"abc ") for _ in range(4096 + 300))
    assert compress(data) == _reference_compress(data)


def test_longest_match_is_cut_after_choosing_it() -> None:
    """Far in a chunk (MaximumLength 18) the farther, longer match must still win."""
    rng = random.Random(11)
    pattern = bytes(rng.randrange(65, 91) for _ in range(60))
    filler = bytes(rng.choice(b"abc") for _ in range(2100))
    data = filler + pattern + b"1" + pattern[:40] + b"2" + pattern + b"1"
    assert compress(data) == _reference_compress(data)
    _assert_round_trip(data)


def test_decompress_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="signature"):
        decompress(b"\x02\x00")
    with pytest.raises(ValueError, match="chunk signature"):
        decompress(b"\x01\x00\x00")
    with pytest.raises(ValueError, match="before chunk start"):
        decompress(b"\x01\x02\xb0\x01\x00\x00")
