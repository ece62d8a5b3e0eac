"""Read a text file whatever its encoding: UTF-8 (with or without BOM), GB18030/GBK, UTF-16."""

from __future__ import annotations

from pathlib import Path

from perfgoals_xl.errors import InputError

#: Tried in order; GB18030 is a superset of GBK and GB2312 (common in China).
_ENCODINGS = ("utf-8-sig", "gb18030")


def decode_bytes(data: bytes, path: object = "<输入>") -> tuple[str, str]:
    """Decode bytes to text; return (text, encoding). Raises InputError if undecodable."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:  # cut short, or a lone surrogate
            raise InputError(path, f"UTF-16 文本已损坏（第 {exc.start} 字节处：文件被截断或含无效字符），无法读取") from None
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError as exc:
            if encoding.startswith("utf-8") and exc.reason == "unexpected end of data":
                # A file cut in the middle of its last character (an interrupted copy):
                # read what is there rather than guess another encoding.
                return data[: exc.start].decode(encoding), "utf-8"
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, "无法识别文件编码：应为 UTF-8 或 GBK/GB18030 编码的文本")
    return str(best), best.encoding


def read_text(path: str | Path) -> tuple[str, str]:
    """Read a text file; return (text, encoding). Clear InputError for missing/empty/binary files."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    if p.is_dir():
        raise InputError(p, "这是一个文件夹，应为文件")
    if not p.is_file():  # a pipe would be waited on for ever, a device read without end
        raise InputError(p, "不是普通文件（管道、设备或套接字），应为文件")
    data = p.read_bytes()
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise InputError(p, "文件为空：应为项目支出绩效目标表")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(p, "这是二进制文件，不是文本：应为从 PDF 提取的文本、JSON 或 Excel 工作簿")
    text, encoding = decode_bytes(data, p)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
