"""Checks of a PDF before pdfminer/pdfplumber read it, and reading it one page at a time.

Two ways a small PDF used to take the machine's memory:

- **a flate bomb**: pdfminer inflates a stream in one piece (``zlib.decompress``) and
  keeps the result; 1 MB of compressed spaces becomes 1 GB. :func:`check_pdf_streams`
  walks every object of the cross-reference table once, before any reader, and
  inflates each compressed stream through ``zlib.decompressobj`` with a bounded
  output, so a stream above :data:`MAX_STREAM_BYTES` — or streams above
  :data:`MAX_TOTAL_BYTES` together — are refused, naming the object, before anything
  is inflated whole. Image streams are never inflated by the readers and are skipped.
- **many pages**: pdfplumber caches each page's characters, lines and layout on the
  page object; a list of 2,000 pages read in turn keeps all of them. :func:`one_by_one`
  hands the pages to a reader so that each page's caches are dropped as soon as the
  reader moves on (memory flat in the number of pages).

A refusal always says why (:func:`pdf_error_reason`): memory, encryption, a damaged
cross-reference table … — never an empty reason.
"""

from __future__ import annotations

import gc
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.containers.pdf_rules import square_rules
from perfgoals_xl.text_clean import ideographs

#: Largest inflated size of one stream (a page's content, a font, an object stream).
MAX_STREAM_BYTES = 64 * 1024 * 1024
#: Largest inflated size of all the streams the readers inflate (pdfminer keeps them).
MAX_TOTAL_BYTES = 512 * 1024 * 1024
#: Most pages read from one PDF.
MAX_PAGES = 20_000
_CHUNK = 1 << 20


def check_pdf_streams(path: str | Path) -> None:
    """Refuse a PDF whose compressed streams would inflate beyond the limits (before any reader)."""
    p = Path(path)
    try:
        stat = p.stat()
        key = (str(p.resolve()), stat.st_size, stat.st_mtime_ns)
    except OSError:
        return  # the reader says the file cannot be read
    if key in _CHECKED:
        return
    _check_streams(p)
    if len(_CHECKED) > 1000:
        _CHECKED.clear()
    _CHECKED.add(key)


#: Files already checked in this process (path, size, mtime): read_pdf and its text fallback check once.
_CHECKED: set[tuple[str, int, int]] = set()


def _check_streams(p: Path) -> None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    with open(p, "rb") as fh:
        try:
            doc = PDFDocument(PDFParser(fh), caching=False)
        except Exception:  # noqa: BLE001 - a damaged or encrypted file: the reader says precisely why
            return
        total = 0
        checked: set[int] = set()
        for xref in doc.xrefs:
            try:
                objids = list(xref.get_objids())
            except Exception:  # noqa: BLE001
                continue
            for objid in objids:
                total += _check_object(doc, xref, objid, checked, p, total)
                if total > MAX_TOTAL_BYTES:
                    raise InputError(p, f"PDF 中的压缩流解压后合计超过 {MAX_TOTAL_BYTES // 2**20} MB"
                                        "（疑似压缩炸弹），拒绝读取")


def _check_object(doc: Any, xref: Any, objid: int, checked: set[int], path: Path, total: int) -> int:
    """Inflated size of one object's stream (0 for other objects); its object stream is checked first."""
    if objid in checked:
        return 0
    checked.add(objid)
    size = 0
    try:
        position = xref.get_pos(objid)
    except Exception:  # noqa: BLE001
        return 0
    container = position[0] if position else None
    if container is not None and container not in checked:  # inside an object stream: that stream first
        size += _check_object(doc, xref, container, checked, path, total)
    try:
        obj = doc.getobj(objid)
    except Exception:  # noqa: BLE001 - a broken object: the reader meets it (or never needs it)
        return size
    return size + _stream_size(obj, objid, path)


def _stream_size(obj: Any, objid: int, path: Path) -> int:
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream
    from pdfminer.psparser import LIT

    if not isinstance(obj, PDFStream):
        return 0
    if obj.get("Subtype") is LIT("Image"):
        return 0  # images are never inflated to read text
    try:
        filters = obj.get_filters()
    except Exception:  # noqa: BLE001
        return 0
    raw = obj.rawdata if obj.rawdata is not None else b""
    if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return len(raw)
    inflated = _inflated_size(raw, MAX_STREAM_BYTES)
    if inflated > MAX_STREAM_BYTES:
        raise InputError(path, f"PDF 中第 {objid} 号对象的压缩流（{len(raw) // 1024} KB）解压后超过 "
                               f"{MAX_STREAM_BYTES // 2**20} MB（疑似压缩炸弹），拒绝读取")
    return inflated


def _inflated_size(raw: bytes, limit: int) -> int:
    """Bytes raw inflates to, counting at most limit + 1 (memory: one chunk at a time)."""
    z = zlib.decompressobj()
    size = 0
    data = raw
    try:
        while data and size <= limit:
            out = z.decompress(data, _CHUNK)
            size += len(out)
            data = z.unconsumed_tail
            if not out and not data:
                break
    except zlib.error:
        return size  # damaged data: pdfminer stops there too
    return size


class _Pages(Sequence[Any]):
    """pdfplumber's pages, each one's caches dropped once the reader has moved past it."""

    def __init__(self, pages: list[Any]) -> None:
        self._pages = pages

    def __len__(self) -> int:
        return len(self._pages)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return _Pages(self._pages[index])
        return with_ideographs(square_rules(self._pages[index]))

    def __iter__(self) -> Iterator[Any]:
        for page in self._pages:
            try:
                yield with_ideographs(square_rules(page))
            finally:  # also when the reader stops early (any(), break, an exception)
                page.close()
                # pdfplumber's pages (and the crops the readers make) are reference cycles (a
                # cache holding a bound method); reading runs with the automatic collector paused
                # (gcpause.py), so this page's cycles are collected here: young objects only.
                gc.collect(0)


def with_ideographs(page: Any) -> Any:
    """The page, each character a font gave as a radical standing for an ideograph written as that
    ideograph (text_clean.ideographs: ⼈ → 人, ⺠ → 民), before any reader looks at its text."""
    for ch in page.chars:
        text = ch.get("text")
        if text and ("\u2e80" <= text <= "\u2fdf" or "\uf900" <= text <= "\ufaff"):
            ch["text"] = ideographs(text)
    return page


def one_by_one(pdf: Any, path: str | Path | None = None) -> Sequence[Any]:
    """The pages of an open pdfplumber PDF for a reader that goes through them in order."""
    pages = pdf.pages
    if len(pages) > MAX_PAGES:
        raise InputError(path or "<PDF>", f"PDF 有 {len(pages):,} 页，超过上限 {MAX_PAGES:,} 页，拒绝读取")
    return _Pages(pages)


def pdf_error_reason(exc: BaseException) -> str:
    """Why pdfminer/pdfplumber gave up on a file, in Chinese (never empty)."""
    if isinstance(exc, MemoryError):
        return "内容过大，读取时内存不足（页面或数据流过多过大），拒绝读取"
    if isinstance(exc, RecursionError):
        return "对象嵌套过深（页面树或引用成环），拒绝读取"
    name = type(exc).__name__
    detail = str(exc).strip()
    reasons = {
        "PDFSyntaxError": "语法错误（交叉引用表或对象已损坏）",
        "PSEOF": "文件意外结束（不完整）",
        "PDFNoValidXRef": "找不到有效的交叉引用表（文件不完整）",
        "PDFTypeError": "对象类型错误",
        "PDFValueError": "对象取值错误",
        "PdfminerException": "文件已损坏",
        "TypeError": "对象类型错误（页面框、字体或数值不是应有的类型）",
        "ValueError": "对象取值错误",
        "KeyError": "缺少必需的对象",
        "zlib.error": "压缩数据已损坏",
        "error": "压缩数据已损坏",
    }
    what = reasons.get(name, "文件已损坏或不完整")
    return f"{what}（{name}{'：' + detail[:120] if detail else ''}）"
