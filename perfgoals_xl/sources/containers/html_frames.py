"""The local pages a saved web page shows in its frames, read with it.

A page saved "complete" (网页，全部) keeps what its ``<iframe>``/``<frame>`` showed as files of its
own folder (Chrome, Edge and Firefox: ``页面_files/saved_resource.html``), and a workbook Excel
saved as a web page (另存为网页) is a frameset whose sheets are ``book.files/sheet001.htm``, listed
by ``<link id="shLink" href=…>``. Those files are the page's tables: :func:`local_frames` finds
them. Only a relative address naming an HTML file inside the page's own folder is followed (no
scheme, no absolute path, nothing outside the folder); frames of frames too, to a bounded depth
and number, each file once.

The tags are found with bounded, linear patterns on the decoded text (no second HTML parse):
each match stops at the next ``<`` or ``>`` and at 2,000 characters.
"""

from __future__ import annotations

import html as html_text
import re
from pathlib import Path
from urllib.parse import unquote

#: Frame files followed from one page (all depths), and how deep frames of frames are followed.
MAX_FRAMES = 200
MAX_DEPTH = 3
#: Frame addresses looked at in one page (a page of more frames than this is no saved disclosure page).
MAX_ADDRESSES = 10 * MAX_FRAMES
#: Suffixes of the HTML files a saved page keeps for its frames.
FRAME_SUFFIXES = frozenset({".htm", ".html", ".shtml", ".xhtml", ".xht"})

_TAG = re.compile(r"<(i?frame|link)\b([^<>]{0,2000})>", re.I)
_ATTR = re.compile(r"""\b(src|href|id)[ \t\r\n]{0,10}=[ \t\r\n]{0,10}"""
                   r"""(?:"([^"<>]{0,1000})"|'([^'<>]{0,1000})'|([^\s"'<>]{1,1000}))""", re.I)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]{0,30}:")


def frame_addresses(text: str) -> list[str]:
    """The addresses a page's text shows in frames: ``<iframe src>``, ``<frame src>`` and the
    sheets of an Excel web page (``<link id="shLink" href>``), in page order, each once."""
    found: dict[str, None] = {}
    for match in _TAG.finditer(text):
        attrs = {name.lower(): next((v for v in values if v), "")
                 for name, *values in _ATTR.findall(match.group(2))}
        if match.group(1).lower() == "link":
            address = attrs.get("href") if attrs.get("id", "").lower() == "shlink" else None
        else:
            address = attrs.get("src")
        if address:
            found.setdefault(address)
            if len(found) >= MAX_ADDRESSES:
                break
    return list(found)


def local_file(address: str, folder: Path, within: Path) -> Path | None:
    """The HTML file a frame address names, read from ``folder`` and lying inside ``within`` (the
    saved page's own folder), or None: a web address, an absolute path, a file outside, missing or
    not an HTML file."""
    address = html_text.unescape(address).strip().split("#", 1)[0].split("?", 1)[0]
    if not address or _SCHEME.match(address) or address.startswith(("/", "\\")):
        return None
    try:
        address = unquote(address, errors="strict") if "%" in address else address
        target = (folder / address.replace("\\", "/")).resolve()
        target.relative_to(within.resolve())
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if target.suffix.lower() not in FRAME_SUFFIXES or not target.is_file():
        return None
    return target


def local_frames(text: str, source: Path, within: Path) -> list[Path]:
    """The local HTML files the page ``source`` (its decoded text ``text``) shows in frames, in
    order, each inside the folder ``within``."""
    frames: dict[Path, None] = {}
    for address in frame_addresses(text):
        target = local_file(address, source.parent, within)
        if target is not None:
            frames.setdefault(target)
    return list(frames)
