"""Merged areas and number formats from XML Spreadsheet 2003 text (SpreadsheetML).

Excel gives a whole range in this form in one call (``Range.Value(11)``,
xlRangeValueXMLSpreadsheet): each ``<Cell>`` with its place (``ss:Index`` skips blanks
on its row, ``<Row ss:Index>`` skips rows), its merge extent (``ss:MergeAcross``,
``ss:MergeDown``) and its style, whose ``<NumberFormat ss:Format>`` is what a person sees
(0.95 shown as 95%). LibreOffice writes the same format ("Microsoft Excel 2003 XML"),
which is how the parser is tested here. Parsed with lxml (no network; a text with a DOCTYPE is
refused, so no entity is ever resolved); every index and extent is bounded, and so is the work:
cells, merged areas and the columns skipped under areas merged down.
"""

from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass, field

NS = "urn:schemas-microsoft-com:office:spreadsheet"
_SS = f"{{{NS}}}"
#: Rows and columns of a sheet (Excel's own limits): larger indexes are not cells.
MAX_ROWS, MAX_COLS = 1_048_576, 16_384
#: Text handed in, at most (a sheet's XML is about 100 bytes a cell).
MAX_CHARS = 200_000_000
#: Cells and merged areas read, at most (the Excel layer asks for 500,000 cells at most).
MAX_CELLS, MAX_MERGED = 2_000_000, 100_000
#: Number formats that say nothing about what a number means.
_PLAIN_FORMATS = frozenset({"", "General", "Standard", "@"})


@dataclass
class SheetFacts:
    """What the XML says beyond values: merged areas (r1, c1, r2, c2 inclusive, 0-based, from the
    range's top-left cell) and the number format of each numeric cell that has one."""

    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    number_formats: dict[tuple[int, int], str] = field(default_factory=dict)


def _index(text: str | None, limit: int) -> int | None:
    """A 1-based ss:Index, or None when absent or not a number within ``limit``."""
    if text is None or not (text.isascii() and text.isdigit()) or len(text) > 8:
        return None
    value = int(text)
    return value if 1 <= value <= limit else None


def _extent(text: str | None, limit: int) -> int:
    """A merge extent (cells beyond the first), 0 when absent or out of range."""
    if text is None or not (text.isascii() and text.isdigit()) or len(text) > 8:
        return 0
    return min(int(text), limit)


def parse_facts(xml: str | bytes) -> SheetFacts:
    """Merged areas and number formats of the first worksheet in a SpreadsheetML text.

    ValueError when the text is not SpreadsheetML (or too large).
    """
    from lxml import etree

    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    if len(data) > MAX_CHARS:
        raise ValueError("SpreadsheetML text too large")
    if isinstance(xml, str) and data.lstrip().startswith(b"<?xml"):
        data = data.split(b"?>", 1)[1]  # the declaration names an encoding the str no longer has
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not SpreadsheetML: {exc}") from None
    if root.getroottree().docinfo.doctype:
        # Excel never writes one; libxml2 expands internal entities in attribute values even
        # with resolve_entities=False, so a text with a DOCTYPE is refused, never read
        raise ValueError("SpreadsheetML with a DOCTYPE: refused (entities are never resolved)")
    if root.tag != f"{_SS}Workbook":
        raise ValueError("not SpreadsheetML: no Workbook element")
    formats = {style.get(f"{_SS}ID"): fmt.get(f"{_SS}Format", "")
               for style in root.iter(f"{_SS}Style") for fmt in style.iter(f"{_SS}NumberFormat")}
    facts = SheetFacts()
    table = next(root.iter(f"{_SS}Table"), None)
    if table is None:
        return facts
    down = _MergedDown()
    cells = 0
    r = -1
    for row in table.iter(f"{_SS}Row"):
        r = (_index(row.get(f"{_SS}Index"), MAX_ROWS) or r + 2) - 1
        down.reach(r)
        c = -1
        for cell in row.iter(f"{_SS}Cell"):
            cells += 1
            if cells > MAX_CELLS or len(facts.merged) > MAX_MERGED:
                raise ValueError("SpreadsheetML: too many cells or merged areas")
            given = _index(cell.get(f"{_SS}Index"), MAX_COLS)
            c = given - 1 if given else down.next_free(c + 1)
            if c >= MAX_COLS:
                break  # beyond the sheet's last column: not a cell
            across = _extent(cell.get(f"{_SS}MergeAcross"), MAX_COLS - 1 - c)
            below = _extent(cell.get(f"{_SS}MergeDown"), MAX_ROWS - 1 - r)
            if across or below:
                facts.merged.append((r, c, r + below, c + across))
                if below:
                    down.add(r + below, c, c + across)
            fmt = formats.get(cell.get(f"{_SS}StyleID"))
            data_el = cell.find(f"{_SS}Data")
            if fmt not in _PLAIN_FORMATS and fmt is not None and data_el is not None \
                    and data_el.get(f"{_SS}Type") == "Number":
                facts.number_formats[(r, c)] = _excel_format(fmt)
            c += across  # the next cell without an index follows the merged area
        if r >= MAX_ROWS - 1:
            break
    return facts


class _MergedDown:
    """Areas merged down from rows above that still cover the current row: the columns a cell
    without an ss:Index skips (Excel writes an index after such cells; a writer that leaves it
    out means the next free one). Sorted by first column; expired areas leave through a heap, so
    each row and cell costs a logarithm of the areas open, never a pass over all of them."""

    #: Areas skipped over, in all, at most (each skip passes one area; a real sheet needs a few
    #: per row): beyond it the text is refused rather than walked for minutes.
    MAX_SKIPS = 5_000_000

    def __init__(self) -> None:
        self.open: list[tuple[int, int, int]] = []  # (c1, c2, last row), sorted
        self.ends: list[tuple[int, int, int]] = []  # heap of (last row, c1, c2)
        self.skips = 0

    def add(self, last: int, c1: int, c2: int) -> None:
        """An area covering columns c1..c2 of the rows below, down to ``last``."""
        bisect.insort(self.open, (c1, c2, last))
        heapq.heappush(self.ends, (last, c1, c2))

    def reach(self, r: int) -> None:
        """Row ``r`` is read: areas ending above it no longer cover anything."""
        while self.ends and self.ends[0][0] < r:
            last, c1, c2 = heapq.heappop(self.ends)
            at = bisect.bisect_left(self.open, (c1, c2, last))
            if at < len(self.open) and self.open[at] == (c1, c2, last):
                del self.open[at]

    def next_free(self, c: int) -> int:
        """The first column from ``c`` that no open area covers."""
        while True:
            at = bisect.bisect_right(self.open, (c, MAX_COLS, MAX_ROWS))
            # the areas starting at or before c nearest to it (areas of a real sheet never overlap)
            covering = [a[1] for a in self.open[max(0, at - 8):at] if a[1] >= c]
            if not covering:
                return c
            self.skips += 1
            if self.skips > self.MAX_SKIPS:
                raise ValueError("SpreadsheetML: too many merged areas to skip")
            c = max(covering) + 1


#: SpreadsheetML's named formats → the format codes a workbook stores.
_NAMED = {"Percent": "0.00%", "Fixed": "0.00", "Standard": "#,##0.00", "Scientific": "0.00E+00",
          "General Number": "General", "Short Date": "yyyy-mm-dd", "Medium Date": "dd-mmm-yy"}


def _excel_format(fmt: str) -> str:
    """A SpreadsheetML number format as a format code (its named formats spelled out)."""
    return _NAMED.get(fmt, fmt)
