"""A cheap first pass over a PDF: does any page paint a line, and what text does each page show?

pdfminer's layout analysis (a character object per glyph, then lines and text boxes) costs about
30 ms a page; a 2,000-page PDF took a minute. This pass interprets each page's content stream
once with a bare device — no layout, no character objects: it notes whether a path is painted
(ruled tables) and decodes each text string to its characters. The text reader then lays out
only the pages whose plain text carries the vocabulary of a performance table
(:data:`VOCABULARY`); any other page keeps its plain text (nothing is dropped), which only the
bundled-PDF page sorter and the text importer see — neither finds a table there without that
vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from perfgoals_xl.text_clean import ideographs

#: Words every page of a performance table (target or 自评, project or department) carries: the
#: title, headers, level names (产出指标 …), 项目 rows, goals, amounts' 预算/资金 headers.
VOCABULARY = ("绩效", "指标", "项目", "目标", "预算", "资金", "部门", "单位", "万元", "合计", "评价", "自评")
#: Characters of plain text kept per page (the vocabulary test and a skipped page's text).
MAX_PAGE_TEXT = 200_000


class _LineFound(Exception):  # noqa: N818  (an early exit, not an error)
    """A page paints a path (a line or a rectangle)."""


@dataclass
class PdfScan:
    """What the first pass found: a painted path on some page, and each page's plain text."""

    draws_lines: bool
    texts: list[str] = field(default_factory=list)

    def needs_layout(self, index: int) -> bool:
        """Should page ``index`` (0-based) be laid out: it carries performance vocabulary (or is unknown)?"""
        if index >= len(self.texts):
            return True
        text = self.texts[index]
        return any(word in text for word in VOCABULARY)


def _device(manager: Any, stop_at_lines: bool) -> Any:
    from pdfminer.pdfdevice import PDFDevice
    from pdfminer.pdffont import PDFUnicodeNotDefined

    class _Scanner(PDFDevice):
        """Notes painted paths and decodes shown strings (no positions, no layout)."""

        def __init__(self, rsrcmgr: Any) -> None:
            super().__init__(rsrcmgr)
            self.lines = False
            self.parts: list[str] = []
            self.size = 0

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            self.lines = True
            if stop_at_lines:
                raise _LineFound

        def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
            font = textstate.font
            if font is None or self.size > MAX_PAGE_TEXT:
                return
            chars = []
            for obj in seq:
                if not isinstance(obj, bytes):
                    continue
                for cid in font.decode(obj):
                    try:
                        chars.append(font.to_unichr(cid))
                    except PDFUnicodeNotDefined:
                        continue
            text = "".join(chars)
            self.size += len(text) + 1
            self.parts.append(text)

        def take(self) -> str:
            text = ideographs("\n".join(self.parts)[:MAX_PAGE_TEXT].replace("\f", " "))  # a form feed ends a page
            self.parts, self.size = [], 0
            return text

    return _Scanner(manager)


def scan_pages(pages: Iterable[Any], manager: Any = None, *, stop_at_lines: bool = True) -> PdfScan:
    """Scan pdfminer pages (``PDFPage``) in order; with ``stop_at_lines``, stop at the first path.

    A page that cannot be interpreted counts as painting lines (the table readers judge it).
    """
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager

    manager = manager or PDFResourceManager(caching=True)
    device = _device(manager, stop_at_lines)
    interpreter = PDFPageInterpreter(manager, device)
    scan = PdfScan(draws_lines=False)
    for page in pages:
        try:
            interpreter.process_page(page)
        except _LineFound:
            return PdfScan(draws_lines=True)
        except Exception:  # noqa: BLE001 - a broken page: let the table readers judge the file
            return PdfScan(draws_lines=True, texts=scan.texts)
        scan.texts.append(device.take())
        scan.draws_lines = scan.draws_lines or device.lines
    return scan
