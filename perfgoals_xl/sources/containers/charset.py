"""The charset of a web page: the BOM, else the declared charset (``<meta charset>`` / ``http-equiv``,
or a MIME part's), else detection (charset-normalizer). GB2312 and GBK are read as GB18030, their
superset; a declaration the bytes contradict (a page re-saved in another encoding) yields to them.
"""

from __future__ import annotations

import re

from perfgoals_xl.errors import InputError

_META_CHARSET = re.compile(rb"""<meta\b[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb18030", "cp936", "ms936", "windows-936", "euc-cn", "x-euc-cn",
       "csgb2312", "iso-ir-58", "chinese"}


def decode_page(data: bytes, path: object, declared: str | None = None) -> str:
    """The text of a page: BOM, else the declared charset (argument or meta tag), else detection."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, "replace")
    m = _META_CHARSET.search(data[:65536])
    for name in (declared, m.group(1).decode("ascii") if m else None):
        encoding = _codec(name)
        if encoding is not None:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break  # a wrong declaration (a page re-saved in another encoding): detect
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise InputError(path, "无法识别网页的字符编码：应为 UTF-8 或 GBK/GB18030")
    return data.decode(_codec(best.encoding) or best.encoding, "replace")


def _codec(name: str | None) -> str | None:
    """A Python codec for a declared charset (GB2312/GBK → GB18030); None when unknown."""
    if not name:
        return None
    name = name.strip().lower()
    if name in _GB:
        return "gb18030"
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
