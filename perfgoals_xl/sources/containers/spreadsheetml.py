"""Cells, merged areas and number formats from XML Spreadsheet 2003 text (SpreadsheetML).

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
import datetime as dt
import heapq
from dataclasses import dataclass, field
from typing import Any

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
    #: Rows and columns the sheet hides (``<Row ss:Hidden="1">``, ``<Column ss:Hidden="1">``), 0-based.
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)


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


def _root(xml: str | bytes) -> Any:
    """The Workbook element of a SpreadsheetML text (ValueError when it is not one, or too large)."""
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
    return root


def _formats(root: Any) -> dict[str | None, str]:
    return {style.get(f"{_SS}ID"): fmt.get(f"{_SS}Format", "")
            for style in root.iter(f"{_SS}Style") for fmt in style.iter(f"{_SS}NumberFormat")}


def parse_facts(xml: str | bytes) -> SheetFacts:
    """Merged areas and number formats of the first worksheet in a SpreadsheetML text.

    ValueError when the text is not SpreadsheetML (or too large).
    """
    root = _root(xml)
    facts = SheetFacts()
    table = next(root.iter(f"{_SS}Table"), None)
    if table is not None:
        _walk(table, _formats(root), facts, None)
    return facts


@dataclass
class Worksheet:
    """One worksheet of a SpreadsheetML file: its name, cell values (0-based row, column → a str,
    float, bool or datetime), merged areas and number formats, and whether it is hidden."""

    name: str
    values: dict[tuple[int, int], Any]
    facts: SheetFacts
    hidden: bool = False


def parse_worksheets(xml: str | bytes) -> list[Worksheet]:
    """Every worksheet of a SpreadsheetML text (an Excel 2003 XML file), in order.

    ValueError when the text is not SpreadsheetML (or too large, or holds too many cells).
    """
    root = _root(xml)
    formats = _formats(root)
    sheets: list[Worksheet] = []
    cells = 0
    for n, ws in enumerate(root.iter(f"{_SS}Worksheet"), start=1):
        sheet = Worksheet(name=ws.get(f"{_SS}Name") or f"Sheet{n}", values={}, facts=SheetFacts(),
                          hidden=_hidden(ws))
        table = ws.find(f"{_SS}Table")
        if table is not None:
            cells += _walk(table, formats, sheet.facts, sheet.values, MAX_CELLS - cells)
        sheets.append(sheet)
    return sheets


def _hidden(worksheet: Any) -> bool:
    """``<x:Visible>SheetHidden</x:Visible>`` (or SheetVeryHidden) in the sheet's options."""
    return any((el.text or "").strip() in ("SheetHidden", "SheetVeryHidden")
               for el in worksheet.iter() if isinstance(el.tag, str) and el.tag.endswith("}Visible"))


def _walk(table: Any, formats: dict[str | None, str], facts: SheetFacts,
          values: dict[tuple[int, int], Any] | None, budget: int | None = None) -> int:
    """Read one Table's cells into facts (and values, when given); returns the cells read. ``budget``:
    the cells it may read (MAX_CELLS when not given)."""
    budget = MAX_CELLS if budget is None else budget
    _hidden_columns(table, facts.hidden_cols)
    down = _MergedDown()
    cells = 0
    r = -1
    for row in table.iter(f"{_SS}Row"):
        r = (_index(row.get(f"{_SS}Index"), MAX_ROWS) or r + 2) - 1
        if row.get(f"{_SS}Hidden") in ("1", "true"):
            facts.hidden_rows.add(r)
        down.reach(r)
        c = -1
        for cell in row.iter(f"{_SS}Cell"):
            cells += 1
            if cells > budget or len(facts.merged) > MAX_MERGED:
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
            if values is not None and data_el is not None:
                value = _value(data_el)
                if value != "":
                    values[(r, c)] = value
            c += across  # the next cell without an index follows the merged area
        if r >= MAX_ROWS - 1:
            break
    return cells


def _hidden_columns(table: Any, hidden: set[int]) -> None:
    """The columns ``<Column ss:Hidden="1">`` hides (``ss:Index`` places a column, ``ss:Span`` repeats it)."""
    c = -1
    for column in table.iterchildren(f"{_SS}Column"):
        c = (_index(column.get(f"{_SS}Index"), MAX_COLS) or c + 2) - 1
        if c >= MAX_COLS:
            break
        span = _extent(column.get(f"{_SS}Span"), MAX_COLS - 1 - c)
        if column.get(f"{_SS}Hidden") in ("1", "true"):
            hidden.update(range(c, c + span + 1))
        c += span


#: Characters of one cell's text, at most (Excel's own limit).
MAX_CELL_CHARS = 32_767


def _value(data: Any) -> Any:
    """A ``<Data>`` element's value as a workbook gives it: a number, a boolean, a date and time, or
    its text (rich text — ``<Font>`` runs in the HTML namespace — joined)."""
    kind = data.get(f"{_SS}Type")
    text = "".join(data.itertext())[:MAX_CELL_CHARS]
    if kind == "Number":
        stripped = text.strip()
        if len(stripped) <= 40:
            try:
                number = float(stripped)
            except ValueError:
                return text
            if number == number and abs(number) != float("inf"):
                return number
        return text
    if kind == "Boolean" and text.strip() in ("0", "1"):
        return text.strip() == "1"
    if kind == "DateTime":
        try:
            return dt.datetime.fromisoformat(text.strip()[:26])
        except ValueError:
            return text
    return text


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
