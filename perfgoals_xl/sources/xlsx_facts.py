"""Number formats and formula flags of chosen cells of an .xlsx sheet, by one streamed scan.

python-calamine gives cell values but not number formats (0.95 shown as 95%) or whether a
blank cell holds a formula. openpyxl can tell, but reading a 100,000-row sheet with it
takes 20 s and builds an object per cell. This scan reads the sheet's XML in chunks with
one linear regular expression that only stops at cells of the wanted columns (the column
letters are part of the pattern, so every other cell is skipped inside the regex engine),
takes each such cell's style index and whether a ``<f>`` follows, and maps style indexes
to format codes from ``styles.xml`` (built-in codes from openpyxl's table). Memory is one
chunk plus the answers.

Most sheets write every cell tag as ``<c r="…"`` (Excel, openpyxl, XlsxWriter, WPS): when two
``bytes.count`` calls show a chunk holds only such tags, a plain pattern does the work, skipping
inside the regex engine every cell with neither a style nor a formula (General, as if absent), and
the chunk is cut at its last cell so that no cell's ``<f>`` lies in the next chunk. Other chunks
take the general patterns.

Returns None when the sheet cannot be scanned this way (a cell without an ``r``
address, a part not found): the caller then asks openpyxl.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree

from perfgoals_xl.cellref import column_index, column_letter  # noqa: F401 - column_index re-exported

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CHUNK = 1 << 20
#: Small parts (workbook, relationships, styles) are read up to this size.
_SMALL_PART = 64 << 20
#: A cell tag without an r="…" address (its position is implicit): not scanned here.
#: (Searched only before a chunk's last tag, so every tag searched is complete.) Cell tags with a
#: namespace prefix (<x:c …>) are rare and searched for apart: the prefix, tried at every tag,
#: would double the time of both searches.
_UNADDRESSED = re.compile(rb"<c(?:/?>|\s(?![^<>]*\br=))")
_PREFIXED_CELL = re.compile(rb"<\w{1,20}:c(?:/?>|\s)")
_UNADDRESSED_PREFIXED = re.compile(rb"<\w{1,20}:c(?:/?>|\s(?![^<>]*\br=))")
_STYLE = re.compile(rb'\bs="([0-9]{1,9})"')
#: The built-in number formats (ECMA-376 §18.8.30, as openpyxl's BUILTIN_FORMATS; a test checks
#: they agree): kept here so that a scan does not import openpyxl (a third of a second).
BUILTIN_FORMATS: dict[int, str] = {
    0: 'General',
    1: '0',
    2: '0.00',
    3: '#,##0',
    4: '#,##0.00',
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: '0%',
    10: '0.00%',
    11: '0.00E+00',
    12: '# ?/?',
    13: '# ??/??',
    14: 'mm-dd-yy',
    15: 'd-mmm-yy',
    16: 'd-mmm',
    17: 'mmm-yy',
    18: 'h:mm AM/PM',
    19: 'h:mm:ss AM/PM',
    20: 'h:mm',
    21: 'h:mm:ss',
    22: 'm/d/yy h:mm',
    37: '#,##0_);(#,##0)',
    38: '#,##0_);[Red](#,##0)',
    39: '#,##0.00_);(#,##0.00)',
    40: '#,##0.00_);[Red](#,##0.00)',
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_)_("$"* \\(#,##0.00\\)_("$"* "-"??_)_(@_)',
    45: 'mm:ss',
    46: '[h]:mm:ss',
    47: 'mmss.0',
    48: '##0.0E+0',
    49: '@',
}


def _read_small(zf: zipfile.ZipFile, name: str) -> bytes:
    with zf.open(name) as fh:
        return fh.read(_SMALL_PART)


def sheet_part(zf: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member of a sheet, from workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(_read_small(zf, "xl/workbook.xml"))
    rid = next((s.get(f"{_REL}id") for s in workbook.iter(f"{_MAIN}sheet") if s.get("name") == sheet), None)
    if rid is None:
        return None
    rels = ElementTree.fromstring(_read_small(zf, "xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in rels.iter(f"{_PKG_REL}Relationship") if r.get("Id") == rid), None)
    if not target:
        return None
    name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return name if name in zf.NameToInfo else None


def _style_formats(zf: zipfile.ZipFile) -> list[str]:
    """Format code of each cell style index (cellXfs order); General where none."""
    if "xl/styles.xml" not in zf.NameToInfo:
        return []
    styles = ElementTree.fromstring(_read_small(zf, "xl/styles.xml"))
    custom = {int(f.get("numFmtId", "0")): f.get("formatCode") or "General"
              for f in styles.iter(f"{_MAIN}numFmt")}
    xfs = styles.find(f"{_MAIN}cellXfs")
    out: list[str] = []
    for xf in xfs if xfs is not None else ():
        fid = int(xf.get("numFmtId", "0"))
        out.append(custom.get(fid) or BUILTIN_FORMATS.get(fid) or "General")
    return out


def _at_chunk_end(data: bytes, pos: int) -> bool:
    """Is the tag after `pos` cut off by the chunk's end (too short to tell whether it is <f>)?"""
    following = data.find(b"<", pos)
    return following < 0 or following + 3 > len(data)


#: A cell tag other than ``<c `` + attributes: ``<c>``, ``<c/>``, other whitespace, a prefix.
_NOT_PLAIN = re.compile(rb"<c[>/\t\n\r]|:c[>/\s]")


def _all_plain_cells(data: bytes, end: int) -> bool:
    """Does every cell tag before `end` start ``<c r="`` (no prefix, the address first)?

    Decided by counting (C speed) when every tag starting ``<c`` is a plain cell, ``<co…>``
    (cols, color) or ``<cf…>`` (conditional formats), and no ``:c`` occurs; otherwise by one
    search. The general patterns, tried at every tag, take longer than the scan itself."""
    tags = data.count(b"<c", 0, end)
    plain = data.count(b'<c r="', 0, end)
    if tags == plain or tags == plain + data.count(b"<co", 0, end) + data.count(b"<cf", 0, end):
        return not _pair_at(data, b":", 1, b"c", 0, end) or _NOT_PLAIN.search(data, 0, end) is None
    return plain == data.count(b"<c ", 0, end) and _NOT_PLAIN.search(data, 0, end) is None


def _markup_from(data: bytes, start: int) -> bool:
    """Does `data` hold, from `start` on, a comment, CDATA section, DOCTYPE or processing instruction?

    Their text may look like a cell tag (``<!-- <c r="A1" s="1"> -->``): the plain pattern, which
    skips unstyled cells, would then let the fake stand for a later unstyled cell of that address."""
    return _pair_at(data, b"!", -1, b"<", start) or _pair_at(data, b"?", -1, b"<", start)


def _pair_at(data: bytes, rare: bytes, offset: int, other: bytes, start: int = 0, end: int | None = None) -> bool:
    """Is there a `rare` byte with `other` at `offset` from it (``<!``: rare ``!``, ``<`` at −1)?

    ``bytes.find`` of a one-byte needle is a memchr; a two-byte needle beginning with ``<`` or
    ending in a byte as common in XML costs ten times more per megabyte."""
    end = len(data) if end is None else end
    i = data.find(rare, start, end)
    while i >= 0:
        j = i + offset
        if 0 <= j < len(data) and data[j:j + 1] == other and start <= min(i, j):
            return True
        i = data.find(rare, i + 1, end)
    return False


def _style_of(attrs: bytes) -> bytes | None:
    """The style index in a cell tag's attributes after its address (`` s="3" t="n"``), or None."""
    if attrs[:4] == b' s="':  # the usual order (Excel, openpyxl, XlsxWriter): s right after r
        end = attrs.find(b'"', 4)
        digits = attrs[4:end]
        if 0 < end <= 13 and digits.isdigit():
            return digits
    if b's="' not in attrs:
        return None
    found = _STYLE.search(attrs)
    return found.group(1) if found else None


def scan_facts(path: str | Path, sheet: str, cells: Iterable[tuple[int, int]], *,
               chunk_size: int = _CHUNK) -> dict[tuple[int, int], tuple[str, bool]] | None:
    """(number format, is formula) of each wanted 0-based (row, col) present in the sheet.

    A cell absent from the sheet's XML is absent from the answer (as openpyxl reads it:
    General, no formula). None when this scan cannot answer (see the module docstring).
    """
    wanted = cells if isinstance(cells, (set, frozenset)) else set(cells)
    if not wanted:
        return {}
    letters_of = {c: column_letter(c).encode() for c in sorted({c for _, c in wanted})}
    columns = {v: k for k, v in letters_of.items()}
    letters = b"|".join(columns)
    # address (groups 1, 2) and style (3) are taken by lookaheads: no further search per cell
    cell_re, prefixed_re = (re.compile(rb'<' + prefix + rb'c\b(?=[^<>]*?\br="(' + letters + rb')([0-9]{1,7})")'
                                       rb'(?:(?=[^<>]*?' + _STYLE.pattern + rb'))?'
                                       rb'([^<>]*)>(\s*<(?:\w{1,20}:)?f\b)?') for prefix in (b"", rb"(?:\w{1,20}:)?"))
    # the common form (every cell tag starts <c r="…"): a plain pattern, the style taken from the rest
    plain = rb'<c r="(' + letters + rb')([0-9]{1,7})"'
    rest = rb'([^<>]*)>(\s*<(?:\w{1,20}:)?f\b)?'
    # a cell with neither a style nor a formula is General, as if absent: skipped inside the engine
    styled = rb'(?=[^<>]*?\bs="|[^<>]*>\s*<(?:\w{1,20}:)?f\b)'
    try:
        with zipfile.ZipFile(path) as zf:
            part = sheet_part(zf, sheet)
            if part is None:
                return None
            formats = _style_formats(zf)
            plain_re = re.compile(plain + (styled if not formats or formats[0] == "General" else b"") + rest)
            out: dict[tuple[int, int], tuple[str, bool]] = {}
            facts: dict[tuple[bytes | None, bool], tuple[str, bool]] = {}  # (style, formula) → one shared fact
            with zf.open(part) as fh:
                tail = b""
                markup = None  # has the sheet shown markup that may hold fake cell tags (None: not yet read)?
                while True:
                    # a tail as long as a chunk (one huge tag or text, rows without cells after the last
                    # cell) doubles the read: scanning it again per chunk would be quadratic
                    chunk = fh.read(max(chunk_size, len(tail)))
                    data = tail + chunk
                    if markup is None:  # the XML declaration at the part's start aside
                        declared = data[:8].lstrip(b"\xef\xbb\xbf").startswith(b"<?xml")
                        close = data.find(b"?>") if declared else -2
                        if (close >= 0 or not declared) and (len(data) >= 8 or not chunk):
                            markup = _markup_from(data, close + 2)
                        # (else undecided: this chunk takes the general patterns, the next sees it whole)
                    elif not markup:
                        markup = _markup_from(data, 0)
                    # cells from the last cell's start on may continue in the next chunk: every cell
                    # before it is whole, with its <f> (a tail without one waits for the next chunk)
                    end = data.rfind(b'<c r="') if chunk else len(data)
                    if chunk and end >= 0:  # that cell complete (closed, its next tag seen): cut at the last tag
                        gt = data.find(b">", end)
                        if gt > 0 and (data[gt - 1] == 47 or data.find(b"</c>", gt) >= 0):  # (47: "/")
                            end = data.rfind(b"<")
                    is_plain = markup is False and end >= 0 and _all_plain_cells(data, end)
                    if not is_plain:  # the general form: cut at the last tag, defer a cell cut short
                        end = max(data.rfind(b"<"), 0) if chunk else len(data)
                    prefixed = not is_plain and _PREFIXED_CELL.search(data, 0, end) is not None
                    if not is_plain and (_UNADDRESSED.search(data, 0, end)
                                      or (prefixed and _UNADDRESSED_PREFIXED.search(data, 0, end))):
                        return None
                    # a cell ending before the chunk's last tag (3 bytes in) has its next tag whole
                    whole_before = end if chunk and end + 3 <= len(data) else -1
                    for m in (plain_re if is_plain else prefixed_re if prefixed else cell_re).finditer(data):
                        if m.start() >= end:
                            break
                        if is_plain:
                            letters_found, row_found, attrs, formula = m.groups()
                            # (a match is a styled cell of a wanted column: its address made per match,
                            # not a map of every wanted cell's address made first — that cost more)
                            key = (int(row_found) - 1, columns[letters_found])
                            if key not in wanted:
                                continue
                            style = _style_of(attrs)
                        else:
                            letters_found, row_found, style, attrs, formula = m.groups()
                            key = (int(row_found) - 1, columns[letters_found])
                        if key not in wanted:
                            continue
                        if (chunk and not is_plain and formula is None and m.end() > whole_before
                                and _at_chunk_end(data, m.end())):
                            end = m.start()  # whether a <f> follows is in the next chunk
                            break
                        is_formula = formula is not None and not attrs.endswith(b"/")
                        fact = facts.get((style, is_formula))
                        if fact is None:
                            index = int(style) if style else 0
                            fmt = formats[index] if index < len(formats) else "General"
                            fact = facts[(style, is_formula)] = (fmt, is_formula)
                        out[key] = fact
                    if not chunk:
                        break
                    tail = data[end:]
            return out
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return None
