"""Content a .docx imports whole (``w:altChunk``): the tables of the web page it carries.

Web systems that "export to Word" from the browser (html-docx-js and its kin; docx4j's
``addAltChunk``) write a .docx whose body is a ``w:altChunk`` pointing at a part holding the page
as a single-file web page (``afchunk.mht``) or as HTML (``afchunk.htm``). Word converts that part
when it opens the file; python-docx sees no table in the body. The part is read here by the
web-page containers (mht.message_grids, html.page_grids), its tables numbered on with the
document's own. A chunk of another kind (RTF, a nested .docx, plain text) holds no table we read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.containers import html, mht
from perfgoals_xl.sources.grid import Grid

ALT_CHUNK = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}altChunk"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def chunk_grids(document: Any, chunk: Any, shown: Path, first: int) -> list[Grid]:
    """The tables of the web page an ``w:altChunk`` of a python-docx ``document`` imports, named
    from 表格{first} on; none for a chunk of another kind or one whose part is missing."""
    rid = chunk.get(_R_ID)
    part = document.part.related_parts.get(rid) if rid else None
    if part is None:
        return []
    blob = part.blob
    if len(blob) > html.MAX_BYTES:
        raise InputError(shown, f"Word 文档中嵌入的网页超过 {html.MAX_BYTES // 2**20} MB，拒绝读取")
    kind = (part.content_type or "").lower()
    name = str(part.partname).lower()
    if kind == "message/rfc822" or name.endswith((".mht", ".mhtml")):
        return mht.message_grids(blob, shown, first)[0]
    if "html" in kind or name.endswith((".htm", ".html", ".xhtml")):
        return html.page_grids(html.decode_page(blob, shown), shown, first=first, required=False)
    return []
