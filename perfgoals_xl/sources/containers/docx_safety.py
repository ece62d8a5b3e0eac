"""Checks of a .docx's XML before python-docx parses it.

python-docx parses every XML part of the package with lxml and trusts what it finds: a
part that is not well-formed XML, a document whose root is not ``w:document`` or that
has no ``w:body``, a DTD declaring entities (an expansion bomb, an entity in an
attribute), tables nested deeper than libxml2's 256 levels — each used to end as an
internal error. Word never writes a DTD, so a part declaring one is refused outright;
every other XML part is parsed once here with a hardened parser (no entities, no
network, no huge trees) and refused with its name and line when it is not XML. Members
are read through :func:`workbook_safety.read_member` (sizes bounded, after the zip scan).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from perfgoals_xl.errors import InputError

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Largest XML part parsed (a 10,000-row Word table is about 60 MB of document.xml).
MAX_PART_BYTES = 256 * 1024 * 1024
_XML_PART = re.compile(r"\.(?:xml|rels)$", re.IGNORECASE)
_DTD = (b"<!DOCTYPE", b"<!ENTITY", b"<\x00!\x00D\x00O\x00C\x00")


def check_docx_parts(path: str | Path, shown: str | Path | None = None) -> None:
    """Raise InputError (one Chinese line naming the part) unless every XML part of a .docx is usable."""
    from perfgoals_xl.sources.workbook_safety import read_member

    p = Path(path)
    name_shown = shown if shown is not None else p
    try:
        with zipfile.ZipFile(p) as zf:
            names = [info.filename for info in zf.infolist() if not info.is_dir()]
            for name in names:
                if not _XML_PART.search(name):
                    continue
                data = read_member(zf, name, MAX_PART_BYTES, name_shown)
                root = _parse(data, name, name_shown)
                if name == "word/document.xml":
                    _check_document_root(root, name_shown)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        raise InputError(name_shown, "文件已损坏：不是完整的 Word 文档（.docx）压缩包") from None


def _parse(data: bytes, name: str, shown: str | Path) -> object:
    from lxml import etree

    if any(marker in data for marker in _DTD):
        raise InputError(shown, "不是有效的 Word 文档：含有 DTD 实体声明（Word 不会写出这样的文件，可能是实体膨胀攻击），拒绝读取",
                         where=name)
    if not data.strip():
        raise InputError(shown, "不是有效的 Word 文档，文件已损坏：内容为空，应为 XML", where=name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(shown, f"不是有效的 Word 文档，文件已损坏：不是完整的 XML（{_xml_reason(exc)}）", where=name) from None


def _xml_reason(exc: object) -> str:
    """What libxml2 found, in Chinese, with the line and column."""
    message = str(getattr(exc, "msg", "") or exc)
    line, column = getattr(exc, "position", (None, None)) or (None, None)
    where = f"第 {line} 行第 {column} 列" if line else "开头"
    if "depth" in message:
        what = "元素嵌套超过 256 层（例如表格套表格过深）"
    elif "Char" in message or "CharRef" in message or "invalid xmlChar" in message:
        what = "含有 XML 不允许的控制字符或字符引用"
    elif "empty" in message:
        what = "内容为空"
    elif "Start tag expected" in message:
        what = "不是 XML 文本"
    elif "encoding" in message.lower():
        what = "编码错误"
    else:
        what = "标记不完整或不匹配"
    return f"{where}：{what}"


def _check_document_root(root: object, shown: str | Path) -> None:
    tag = getattr(root, "tag", "")
    if tag != f"{{{_W}}}document":
        raise InputError(shown, f"不是 Word 文档：根元素是 {str(tag)[:80]}，应为 w:document", where="word/document.xml")
    if root.find(f"{{{_W}}}body") is None:  # type: ignore[attr-defined]
        raise InputError(shown, "不是有效的 Word 文档：没有正文（缺少 w:body）", where="word/document.xml")


def package_error(exc: BaseException) -> str:
    """python-docx's complaint about a package, in Chinese (a missing part is named)."""
    text = str(exc)
    if isinstance(exc, KeyError):
        found = re.search(r"'([^']{1,200})'", text)
        return f"包内缺少被引用的部件 {found.group(1) if found else ''}（关系文件指向不存在的部件）"
    if "content type" in text.lower():
        return "文档的主部件类型不是 Word 文档"
    return "文件结构不完整（文档部件或关系文件有误）"
