"""Single-file web pages (.mht/.mhtml, MIME multipart/related): the HTML part, read as a web page.

The stdlib ``email`` parser takes the MIME structure apart; every ``text/html`` part is decoded
from its transfer encoding (quoted-printable or base64) and its charset, then read by the HTML
container (containers/html.py), its tables numbered on (表格1, 表格2 … over all parts: Excel
writes a frame page and one page per sheet). Browsers, Word and Excel ("单个文件网页") write these.
"""

from __future__ import annotations

import re
from pathlib import Path

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.containers import html
from perfgoals_xl.sources.containers.file_size import read_bounded
from perfgoals_xl.sources.grid import Grid

#: MIME header lines that start a single-file web page.
_MIME_HEAD = re.compile(r"^(?:[A-Za-z-]{1,40}:[^\n]{0,1000}\n|[ \t][^\n]{0,1000}\n){0,30}?"
                        r"Content-Type:[ \t]{0,10}multipart/related", re.I)
#: Parts looked at.
MAX_PARTS = 10_000


def is_mht(text_head: str) -> bool:
    """Does a text start with the MIME headers of a single-file web page?"""
    return _MIME_HEAD.match(text_head.lstrip("\ufeff \t\r\n").replace("\r\n", "\n")[:40_000]) is not None


def load_grids(path: str | Path) -> list[Grid]:
    """Every data table of the page held in a .mht file."""
    p = Path(path)
    grids, pages = message_grids(read_bounded(p, html.MAX_BYTES, "网页文件"), p)
    if not pages:
        raise InputError(p, "单个文件网页（.mht）中没有 HTML 部分：应为另存为“单个文件网页”的表格")
    if not grids:
        raise InputError(p, "单个文件网页（.mht）中没有表格：应为含项目支出绩效目标表的网页")
    return grids


def message_grids(data: bytes, shown: Path, first: int = 1) -> tuple[list[Grid], int]:
    """The tables of every HTML part of a single-file web page's bytes (named from 表格{first} on),
    and how many HTML parts it has; ``shown``: the file named in errors."""
    import email
    import email.policy

    message = email.message_from_bytes(data.lstrip(b"\xef\xbb\xbf \t\r\n"), policy=email.policy.compat32)
    grids: list[Grid] = []
    pages = 0
    for n, part in enumerate(message.walk()):
        if n >= MAX_PARTS:
            break
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes) or not payload.strip():
                continue
            pages += 1  # Excel writes a frame page, then one page per sheet: the tables of all of them
            text = html.decode_page(payload, shown, part.get_content_charset())
            grids.extend(html.page_grids(text, shown, first=first + len(grids), required=False))
    return grids, pages
