"""Web pages (.html/.htm, and the .xls web sites serve that is really HTML): one grid per data table.

Parsed with lxml's HTML parser (libxml2; no home-made parser), the text decoded by charset.py
(BOM → ``<meta charset>``/``http-equiv`` → detection; GB2312/GBK as GB18030). Every ``<table>``
holding data becomes a grid named ``表格1``, ``表格2`` … in page order (html_table.py: merged
ranges from ``rowspan``/``colspan``, line breaks from ``<br>`` and blocks): a table whose cells
hold other tables only lays the page out (its text counts as page text, its inner tables are
read), and tables in page chrome (nav, header, footer, aside, menus) or made of links are not
data. The lines of page text just above a table (``部门名称：…``, ``单位：万元``, the title) and
its ``<caption>`` become the grid's first rows, as a sheet's title rows are; the lines written
under the table in the block that holds it (``经办人及联系电话：…``, ``上报时间：…``), when no other
table follows in that block, become its last rows (table_preamble.with_lines_below). The local
pages a saved page shows in frames are read after it (html_frames.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.containers.charset import decode_page
from perfgoals_xl.sources.containers.file_size import read_bounded
from perfgoals_xl.sources.containers.html_frames import MAX_DEPTH, MAX_FRAMES, local_frames
from perfgoals_xl.sources.containers.html_nested import splice_nested
from perfgoals_xl.sources.containers.html_table import (
    BLOCK,
    MAX_CELLS,
    MAX_SPAN,
    flush,
    is_hidden,
    table_grid,
)
from perfgoals_xl.sources.containers.table_preamble import PREAMBLE_LINES, with_lines_below
from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.page_chrome import is_page_info

__all__ = ["MAX_BYTES", "MAX_CELLS", "MAX_SPAN", "MAX_TABLES", "PREAMBLE_LINES", "decode_page", "is_page_info", "load_grids",
           "page_grids"]

#: Largest page read, most tables read (spans and cells: html_table.py).
MAX_BYTES = 50 * 1024 * 1024
MAX_TABLES = 5000
_CHROME = frozenset({"nav", "header", "footer", "aside", "menu", "script", "style", "noscript", "template",
                     "select", "button", "head", "title", "iframe", "object"})
_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,500}\?>")


def load_grids(path: str | Path) -> list[Grid]:
    """Every data table of a saved web page, in page order, then those of the local pages it
    shows in frames (html_frames.py: a page saved complete, a workbook saved as a web page)."""
    p = Path(path)
    text = decode_page(read_bounded(p, MAX_BYTES, "网页文件"), p)
    grids = page_grids(text, p, required=False)
    frames = _frame_grids(text, p, grids)
    if not grids:
        if frames:
            raise InputError(p, f"网页和它的 {frames} 个框架页中都没有表格：应为含项目支出绩效目标表的网页"
                                "（另存的 .html，或网站导出的 .xls）")
        page_grids(text, p)  # the page's own error, naming the frames it could not follow
    return grids


def _frame_grids(text: str, page: Path, grids: list[Grid]) -> int:
    """Append the grids of the local frame files of ``page`` (and of their frames, to MAX_DEPTH);
    the number of frame files read. All of them together are bounded by MAX_BYTES."""
    within = page.parent
    seen = {page.resolve()}
    queue = [(text, page, 0)]
    total = 0
    while queue:
        source_text, source, depth = queue.pop(0)
        if depth >= MAX_DEPTH:
            continue
        for frame in local_frames(source_text, source, within):
            if frame in seen:
                continue
            seen.add(frame)
            if len(seen) > MAX_FRAMES + 1:
                raise InputError(page, f"网页的框架页超过 {MAX_FRAMES} 个，拒绝读取")
            total += frame.stat().st_size
            if total > MAX_BYTES:
                raise InputError(page, f"网页和它的框架页合计超过 {MAX_BYTES // 2**20} MB，拒绝读取")
            frame_text = decode_page(read_bounded(frame, MAX_BYTES, "框架页"), frame)
            grids.extend(page_grids(frame_text, frame, first=len(grids) + 1, required=False))
            queue.append((frame_text, frame, depth + 1))
    return len(seen) - 1


def page_grids(text: str, path: object, *, first: int = 1, required: bool = True) -> list[Grid]:
    """The grids of a page's HTML text (see the module docstring), named from 表格{first} on;
    a page without a data table is an error (or, not required, no grid)."""
    from lxml import etree

    text = _XML_DECL.sub("", text, count=1)  # lxml refuses a str that declares its encoding
    if not text.strip():
        raise InputError(path, "网页为空：没有表格")
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = etree.fromstring(text, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(path, f"网页无法解析（{exc}）") from None
    if root is None:
        raise InputError(path, "网页为空：没有表格")
    splice_nested(root)  # a form's grid nested in its last row's cell: the form's own rows
    grids: list[Grid] = []
    lines: list[str] = []  # page text since the last data table
    piece: list[str] = []
    skip_depth = 0  # inside chrome or a data table
    block: Any = None  # the element holding the last data table, while its lines below are gathered
    below: list[str] = []  # the first lines under that table in its block

    def line_out() -> None:
        """The text gathered so far as a line; the first ones after a table are also its lines below."""
        n = len(lines)
        _flush_page_line(piece, lines)
        if block is not None and len(lines) > n and len(below) < PREAMBLE_LINES:
            below.extend(lines[n:][:PREAMBLE_LINES - len(below)])

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if skip_depth:
                skip_depth += 1
                continue
            if tag in _CHROME or _is_data_table(el) or (is_hidden(el) and next(el.iter("table"), None) is None):
                if tag == "table" and not _is_link_table(el):
                    if len(grids) >= MAX_TABLES:
                        raise InputError(path, f"网页中的表格超过 {MAX_TABLES} 个，拒绝读取")
                    line_out()
                    grids.append(table_grid(el, f"表格{len(grids) + first}", lines[-PREAMBLE_LINES:], path))
                    lines.clear()
                    below.clear()  # a table follows in the block: those lines are above this one only
                    block = el.getparent()  # lines after it in this block, with no table between: under it
                skip_depth = 1
                continue
            if tag == "br" or tag in BLOCK:
                line_out()
            if el.text:
                piece.append(el.text)
            continue
        if skip_depth:
            skip_depth -= 1
            if skip_depth:
                continue
        elif tag in BLOCK:
            line_out()
        if el is block:  # the last table's block ends: the lines written under the table are its own
            line_out()
            grids[-1] = with_lines_below(grids[-1], below)
            lines.clear()
            below.clear()
            block = None
        if el.tail and el is not root:
            piece.append(el.tail)
        del lines[:-PREAMBLE_LINES]
    if not grids and required:
        raise InputError(path, f"网页中没有表格{_where_the_table_is(root)}：应为含项目支出绩效目标表的网页"
                               "（另存的 .html，或网站导出的 .xls）")
    return grids


#: Files a disclosure page links as its attachments.
_ATTACHMENT = re.compile(r"\.(?:xlsx|xlsm|xls|et|docx|doc|wps|pdf|ofd|zip|rar)$", re.I)


def _where_the_table_is(root: Any) -> str:
    """Where a page without a table keeps it, for the error: the files its frames show, the
    attachments it links (附件：….xlsx), or pictures in its text (a table published as an image)."""
    frames = [f.get("src") or "" for f in root.iter("frame", "iframe") if f.get("src")]
    if frames:
        return f"（这是框架页，表格在它引用的文件中：{'、'.join(frames[:3])[:200]}）"
    attachments: list[str] = []
    for link in root.iter("a"):
        href = (link.get("href") or "").split("?", 1)[0].split("#", 1)[0].strip()
        if _ATTACHMENT.search(href):
            name = _all_text(link) or href.rsplit("/", 1)[-1]
            if name not in attachments:
                attachments.append(name)
    if attachments:
        return f"（表格在网页的附件中：{'、'.join(attachments[:3])[:200]}；请下载附件后读取附件）"
    images = sum(1 for img in root.iter("img") if not any(a.tag in _CHROME for a in img.iterancestors()))
    if images:
        return f"（网页正文中有 {images} 张图片：表格若是图片，须先做文字识别（OCR））"
    return ""


def _flush_page_line(piece: list[str], lines: list[str]) -> None:
    """The page text gathered so far as one line, unless it is the page's own information."""
    flush(piece, lines)
    if lines and is_page_info(lines[-1]):
        lines.pop()


def _is_data_table(el: Any) -> bool:
    """A <table> that holds no other table (an outer one only lays the page out)."""
    return el.tag == "table" and next(el.iterdescendants("table"), None) is None


def _is_link_table(el: Any) -> bool:
    """A menu: at least two cells and most of its text is links, or fewer than two cells with text."""
    texts = [t for t in (_all_text(c) for c in el.iter("td", "th")) if t]
    if len(texts) < 2:
        return True
    text = sum(len(t) for t in texts)
    links = sum(len(_all_text(a)) for a in el.iter("a"))
    return links * 5 >= text * 4


def _all_text(el: Any) -> str:
    return "".join(el.itertext()).strip()
