"""Web pages (.html/.htm, and the .xls web sites serve that is really HTML): one grid per data table.

Parsed with lxml's HTML parser (libxml2; no home-made parser). The charset comes from the BOM, else the
``<meta charset>`` / ``http-equiv`` declaration, else detection (charset-normalizer); GB2312 and
GBK are read as GB18030, their superset. Every ``<table>`` holding data becomes a grid named
``表格1``, ``表格2`` … in page order: a table whose cells hold other tables only lays the page out
(its text counts as page text, its inner tables are read), and tables in page chrome (nav,
header, footer, aside, menus) or made of links are not data. ``rowspan``/``colspan`` become merged
ranges (clipped to :data:`MAX_SPAN`; a table beyond :data:`MAX_CELLS` cells is refused);
``<br>`` and block elements are line breaks inside a cell. The lines of page text just above a
table (``部门名称：…``, ``单位：万元``, the title) and its ``<caption>`` become the grid's first
rows, as a sheet's title rows are; each cell's location names the table and its own row (``表格2!B3``), a line above the
table ``表格2!表格上方第1行``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.grid import Grid, column_letter

#: Largest page read, largest span honoured, most cells of one table (rows × columns).
MAX_BYTES = 50 * 1024 * 1024
MAX_SPAN = 1000
MAX_CELLS = 2_000_000
#: Lines of page text kept above a table (title, 部门名称, 单位), and their length.
PREAMBLE_LINES = 6
MAX_LINE_CHARS = 500
_CELL_CHARS = 1_000_000
_CHROME = frozenset({"nav", "header", "footer", "aside", "menu", "script", "style", "noscript", "template",
                     "select", "button", "head", "title", "iframe", "object"})
_BLOCK = frozenset({"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                    "table", "section", "article", "blockquote", "pre", "center", "form", "fieldset", "address",
                    "hr", "caption", "td", "th", "thead", "tbody", "tfoot", "main", "body"})
_META_CHARSET = re.compile(rb"""<meta\b[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,500}\?>")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb18030", "cp936", "ms936", "windows-936", "euc-cn", "x-euc-cn",
       "csgb2312", "iso-ir-58", "chinese"}


def load_grids(path: str | Path) -> list[Grid]:
    """Every data table of a saved web page, in page order."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise InputError(p, f"网页文件 {size // 2**20} MB，超过上限 {MAX_BYTES // 2**20} MB")
    return page_grids(decode_page(p.read_bytes(), p), p)


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
    grids: list[Grid] = []
    lines: list[str] = []  # page text since the last data table
    piece: list[str] = []
    skip_depth = 0  # inside chrome or a data table
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if skip_depth:
                skip_depth += 1
                continue
            if tag in _CHROME or _is_data_table(el):
                if tag == "table" and not _is_link_table(el):
                    _flush(piece, lines)
                    grids.append(_table_grid(el, f"表格{len(grids) + first}", lines[-PREAMBLE_LINES:], path))
                    lines.clear()
                skip_depth = 1
                continue
            if tag == "br" or tag in _BLOCK:
                _flush(piece, lines)
            if el.text:
                piece.append(el.text)
            continue
        if skip_depth:
            skip_depth -= 1
            if skip_depth:
                continue
        elif tag in _BLOCK:
            _flush(piece, lines)
        if el.tail and el is not root:
            piece.append(el.tail)
        del lines[:-PREAMBLE_LINES]
    if not grids and required:
        frames = [f.get("src") or "" for f in root.iter("frame", "iframe") if f.get("src")]
        where = f"（这是框架页，表格在它引用的文件中：{'、'.join(frames[:3])[:200]}）" if frames else ""
        raise InputError(path, f"网页中没有表格{where}：应为含项目支出绩效目标表的网页（另存的 .html，或网站导出的 .xls）")
    return grids


def _flush(piece: list[str], lines: list[str], limit: int = MAX_LINE_CHARS) -> None:
    """The text gathered so far as one line (whitespace collapsed, as a browser shows it)."""
    line = _SPACE.sub(" ", "".join(piece).replace("\xa0", " ")).strip()[:limit]
    piece.clear()
    if line:
        lines.append(line)


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


def _table_grid(table: Any, name: str, preamble: list[str], path: object) -> Grid:
    """One data table as a grid: the page lines above it first, then its rows with merged ranges."""
    caption = next((cell_text(c) for c in table if c.tag == "caption"), "")
    lines = [*preamble, *caption.split("\n")] if caption else preamble
    rows: list[list[Any]] = [[line[:MAX_LINE_CHARS]] for line in lines if line]
    base = len(rows)
    merged: list[tuple[int, int, int, int]] = []
    taken: dict[int, set[int]] = {}  # row → columns covered by a span from above
    budget = MAX_CELLS
    trs = [tr for child in table for tr in ((child,) if child.tag == "tr" else
                                            child if child.tag in ("thead", "tbody", "tfoot") else ())
           if tr.tag == "tr"]
    for r, tr in enumerate(trs):
        row: list[Any] = []
        covered = taken.pop(r, set())
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while c in covered:
                c += 1
            rowspan = min(_span(cell.get("rowspan")), len(trs) - r)
            colspan = _span(cell.get("colspan"))
            budget -= rowspan * colspan
            if budget < 0:
                raise InputError(path, f"{name} 超过 {MAX_CELLS} 个单元格，拒绝读取")
            row.extend([None] * (c + colspan - len(row)))
            row[c] = cell_text(cell) or None
            for rr in range(r + 1, r + rowspan):
                taken.setdefault(rr, set()).update(range(c, c + colspan))
            if rowspan > 1 or colspan > 1:
                merged.append((base + r, c, base + r + rowspan - 1, c + colspan - 1))
            c += colspan
        rows.append(row)
    width = max((len(r) for r in rows[base:]), default=0)
    width = max(width, max((m[3] + 1 for m in merged), default=0))
    for row in rows:
        row.extend([None] * (width - len(row)))
    return Grid(sheet=name, rows=rows, merged=merged, locate=TableLocate(name, base))


class TableLocate:
    """A cell's place in an HTML table: ``表格2``, ``B3`` (its own row); a page line above it:
    ``表格上方第1行``. A small object (no cells), so that read locations may keep it."""

    __slots__ = ("base", "name")

    def __init__(self, name: str, base: int) -> None:
        self.name, self.base = name, base

    def __call__(self, r: int, c: int) -> tuple[str, str]:
        """The (table name, cell name) of grid cell (r, c)."""
        if r < self.base:
            return self.name, f"表格上方第{r + 1}行"
        return self.name, f"{column_letter(c)}{r - self.base + 1}"


def _span(value: str | None) -> int:
    """A rowspan/colspan attribute as a count in 1..MAX_SPAN (0, blank or junk → 1)."""
    text = (value or "").strip()[:8]
    digits = text[: len(text) - len(text.lstrip("0123456789"))] if text[:1].isdigit() else ""
    return max(1, min(int(digits), MAX_SPAN)) if digits else 1


def cell_text(cell: Any) -> str:
    """A cell's text: source whitespace collapsed, <br> and block elements as line breaks."""
    from lxml import etree

    if len(cell) == 0:  # no child elements: the text alone
        return _SPACE.sub(" ", (cell.text or "").replace("\xa0", " ")).strip()[:_CELL_CHARS]
    lines: list[str] = []
    piece: list[str] = []
    for event, el in etree.iterwalk(cell, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in ("script", "style"):
                continue
            if tag == "br" or (tag in _BLOCK and el is not cell):
                _flush(piece, lines, _CELL_CHARS)
            if el.text and tag not in ("script", "style"):
                piece.append(el.text)
        else:
            if tag in _BLOCK and el is not cell:
                _flush(piece, lines, _CELL_CHARS)
            if el.tail and el is not cell:
                piece.append(el.tail)
    _flush(piece, lines, _CELL_CHARS)
    return "\n".join(lines)
