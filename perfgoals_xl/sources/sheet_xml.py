"""One pass over an .xlsx sheet's XML (one xlrd parse of a legacy .xls) for what python-calamine does not give.

Two readers need the sheet XML itself: the rows and columns it hides (sources/hidden_cells.py) and
the text typed into a cell that became a failing formula (sources/typed_formulas.py). Both ask for
the same parts one right after the other; :func:`scan_part` reads a part once, in chunks cut at row
ends, looks in each chunk for both, and keeps what it found for the last parts scanned (keyed by the
file, the zip member's name, size and CRC), so the second asks nothing of the file. The workbook's
safety scan (sources/workbook_safety.py), which decompresses every part before anything else is read,
feeds each sheet part to a :class:`PartScan` in the same pass and keeps its findings so: on an ordinary
read the sheet's XML is not decompressed again for them. A legacy .xls is parsed once by
xlrd for both (:func:`xls_marks`: its hidden rows and columns, and the error each failed formula shows —
its text is stored compiled). Entities are undone by
``html.unescape`` (``xml.sax.saxutils`` would import urllib.request, ssl and email: 7 MiB on every read
of any file, for one call). A chunk without
``hidden="`` and without ``t="e"`` costs two ``bytes.find``; the patterns in the others are bounded
and linear.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

from perfgoals_xl.cellref import parse_address

CHUNK = 1 << 20
#: A row's XML carried over to the next chunk, at most (a longer row is no sheet we read: nothing found).
MAX_CARRY = 64 << 20
#: Hidden rows or columns taken, at most (more are a crafted sheet: nothing is left out then).
MAX_HIDDEN = 1_048_576
#: Failed formulas' texts taken in one sheet, at most.
MAX_TYPED = 1_000_000
#: Parts whose findings are kept.
_KEPT = 32
#: Largest legacy .xls looked at (xlrd parses the whole file).
MAX_XLS_BYTES = 20 * 1024 * 1024

#: A row or column tag and its attributes (bounded: a real tag's attributes are a few dozen bytes).
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,20}:)?(row|col)\b([^<>]{0,2000})>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_NUMBER = {name: re.compile(rb"\b" + name + rb'="(\d{1,7})"') for name in (b"r", b"min", b"max")}
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,20}:)?c\b([^<>]{0,1000})>")
_ERROR = re.compile(rb'\bt="e"')
_REF = re.compile(rb'\br="([A-Z]{1,3}[0-9]{1,7})"')
_FORMULA = re.compile(rb"\s{0,100}<(?:[A-Za-z_][\w.-]{0,20}:)?f\b[^<>]{0,1000}>([^<]{1,8192})</")
_ROW_END = re.compile(rb"</(?:[A-Za-z_][\w.-]{0,20}:)?row>")


@dataclass
class SheetXml:
    """What one sheet's XML says: its hidden rows and columns (0-based), and each failed formula's typed
    text by its (row, column)."""

    rows: set[int] = field(default_factory=set)
    cols: set[int] = field(default_factory=set)
    typed: dict[tuple[int, int], str] = field(default_factory=dict)


_found: dict[tuple[str, str, int, int], SheetXml] = {}


def scan_part(zf: zipfile.ZipFile, part: str) -> SheetXml:
    """What the sheet stored in zip member ``part`` hides and types (see the module docstring)."""
    info = zf.getinfo(part)
    if zf.filename is None:  # (a zip read from memory: nothing to know it again by)
        return _scan(zf, part)
    key = _key(zf.filename, info)
    if key in _found:
        return _found[key]
    found = _scan(zf, part)
    remember(zf.filename, info, found)
    return found


def _key(path: str | Path, info: zipfile.ZipInfo) -> tuple[str, str, int, int]:
    return (str(Path(path).resolve()), info.filename, info.file_size, info.CRC)


def remember(path: str | Path, info: zipfile.ZipInfo, found: SheetXml) -> None:
    """Keep what a scan of member ``info`` of the zip at ``path`` found (a pass that read the part for
    another reason — the workbook's safety scan — fed a :class:`PartScan`): :func:`scan_part` asks it
    of the file no more."""
    if len(_found) >= _KEPT:
        _found.pop(next(iter(_found)))
    _found[_key(path, info)] = found


class PartScan:
    """The scan of one sheet part, fed its XML chunk by chunk (``feed(b"")`` ends it; then ``found``)."""

    def __init__(self) -> None:
        self.found = SheetXml()
        self._carry = bytearray()
        self._given_up = False

    def feed(self, chunk: bytes) -> None:
        """Scan the rows this chunk completes (an empty chunk: the part's end)."""
        if self._given_up:
            return
        found, carry = self.found, self._carry
        start = max(0, len(carry) - 64)
        carry += chunk
        end = len(carry)
        if chunk:  # cut after the last row end (the carry before had none; one may straddle the seam)
            plain = carry.rfind(b"</row>", start)
            if plain != -1:
                end = plain + 6
            else:  # a prefixed sheet (x:row), or no row end in this chunk
                ends = [m.end() for m in _ROW_END.finditer(carry, start)]
                end = ends[-1] if ends else 0
        hidden, typed = carry.find(b'hidden="', 0, end) != -1, carry.find(b't="e"', 0, end) != -1
        if hidden or typed:  # (most chunks have neither: nothing is copied out of them)
            piece = carry[:end]
            if hidden:
                _hidden_in(piece, found)
            if typed:
                _typed_in(piece, found)
        del carry[:end]
        if len(carry) > MAX_CARRY:  # a row longer than any sheet we read: nothing found
            self.found, self._given_up = SheetXml(), True
            self._carry = bytearray()
            return
        if len(found.rows) + len(found.cols) > MAX_HIDDEN:
            found.rows, found.cols = set(), set()
        if len(found.typed) > MAX_TYPED:
            found.typed = {}


def _scan(zf: zipfile.ZipFile, part: str) -> SheetXml:
    scan = PartScan()
    with zf.open(part) as fh:
        while chunk := fh.read(CHUNK):
            scan.feed(chunk)
    scan.feed(b"")
    return scan.found


def _hidden_in(data: bytes | bytearray, found: SheetXml) -> None:
    for match in _TAG.finditer(data):
        attrs = match.group(2)
        if not _HIDDEN.search(attrs):
            continue
        if match.group(1) == b"row":
            r = _NUMBER[b"r"].search(attrs)
            if r is not None and int(r.group(1)) >= 1:
                found.rows.add(int(r.group(1)) - 1)
        else:
            first, last = _NUMBER[b"min"].search(attrs), _NUMBER[b"max"].search(attrs)
            if first is not None and last is not None:
                lo, hi = int(first.group(1)), min(int(last.group(1)), 16_384)
                found.cols.update(range(lo - 1, hi) if hi - lo < MAX_HIDDEN else ())


def _typed_in(data: bytes | bytearray, found: SheetXml) -> None:
    for cell in _CELL.finditer(data):
        attrs = cell.group(1)
        if not _ERROR.search(attrs) or attrs.endswith(b"/"):
            continue
        ref = _REF.search(attrs)
        formula = _FORMULA.match(data, cell.end())
        if ref is None or formula is None:
            continue
        text = unescape(formula.group(1).decode("utf-8", "replace")).strip()
        place = parse_address(ref.group(1).decode("ascii"))
        if text and not text.isascii() and place is not None:
            found.typed[place] = "=" + text


_xls_found: dict[tuple[str, int, int, tuple[str, ...]], dict[str, SheetXml]] = {}


def xls_marks(path: str | Path, sheets: list[str]) -> dict[str, SheetXml]:
    """What these sheets of a legacy .xls hide, and the error text (#NAME? …) of each failed formula's
    cell, the file parsed once (kept for the files last asked about); none when it is too large to look."""
    import xlrd

    p = Path(path)
    stat = p.stat()
    if stat.st_size > MAX_XLS_BYTES:
        return {}
    key = (str(p.resolve()), stat.st_size, stat.st_mtime_ns, tuple(sheets))
    if key in _xls_found:
        return _xls_found[key]
    book = xlrd.open_workbook(str(p), formatting_info=True, on_demand=True)
    try:
        found: dict[str, SheetXml] = {}
        for name in sheets:
            ws = book.sheet_by_name(name)
            marks = found[name] = SheetXml({r for r, info in ws.rowinfo_map.items() if info.hidden},
                                           {c for c, info in ws.colinfo_map.items() if info.hidden})
            for r in range(ws.nrows):
                types = ws.row_types(r)
                if xlrd.XL_CELL_ERROR in types:
                    marks.typed.update(((r, c), xlrd.error_text_from_code.get(ws.cell_value(r, c), "#VALUE!"))
                                       for c, kind in enumerate(types) if kind == xlrd.XL_CELL_ERROR)
    finally:
        book.release_resources()
    if len(_xls_found) >= _KEPT:
        _xls_found.pop(next(iter(_xls_found)))
    _xls_found[key] = found
    return found


def fill_blanks(rows: list[list[Any]], texts: dict[tuple[int, int], str]) -> None:
    """Blank cells of a grid's rows given these texts (a failed formula's typed text, or the error it
    shows); a cell holding a value keeps it."""
    for (r, c), text in texts.items():
        if r < len(rows) and c < len(rows[r]) and rows[r][c] in ("", None):
            rows[r][c] = text
