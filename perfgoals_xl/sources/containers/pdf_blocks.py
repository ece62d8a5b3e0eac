"""Open cells of a ruled PDF table as the merged cells they were printed from (containers/pdf_pages.py).

pdfplumber finds a cell only where ruling lines close it. A spreadsheet exported to PDF (LibreOffice
Calc, Excel) prints a merged cell's text centred vertically in its whole span, and a merged cell cut
by a page break has no rule at the page's foot, nor at the next page's top: pdfplumber finds no cell
there. :func:`open_blocks` reconstructs them from the page's horizontal rulings: in a column, the
consecutive rows with no rule between them over the column's x range are ONE cell (a block), its
text — wherever it is printed in the block's box — to the block's first row (a merged cell cut by
the page break prints each line on the page where it falls: the parts' texts are joined when the
grid is stitched, containers/pdf.py). Rows whose own texts are separate
paragraphs (each row's text in its row, not one evenly spaced text) stay cells of their own.
:func:`first_blocks` gives, for a next page's table, the first block in each column that went on
open from the page before (its first columns may draw no cell at all there).
"""

from __future__ import annotations

import bisect
from typing import Any

Box = tuple[float, float, float, float]

#: Points a ruling line may lie off a row edge, and the gap it may leave in its column's x range.
RULE_TOLERANCE = 1.5
#: Lines of one text follow each other at most this many characters apart (top to top).
LINE_PITCH_EMS = 1.8
#: Rows of one block at most (hostile input).
MAX_BLOCK_ROWS = 2000


def rules(page: Any, x0: float, x1: float) -> list[float]:
    """The y of the horizontal ruling lines of a page that cross the whole x range [x0, x1]
    (segments at one height joined; a gap of RULE_TOLERANCE points left at either end)."""
    by_y: dict[float, list[tuple[float, float]]] = {}
    for e in page.horizontal_edges:
        if e["x1"] > x0 and e["x0"] < x1:
            y = round(float(e["top"]))
            key = next((k for k in (y - 1, y, y + 1) if k in by_y), y)
            by_y.setdefault(key, []).append((float(e["x0"]), float(e["x1"])))
    out = []
    for y, segments in by_y.items():
        reach = x0 + RULE_TOLERANCE
        for a, b in sorted(segments):
            if a > reach:
                break
            reach = max(reach, b)
        if reach >= x1 - RULE_TOLERANCE:
            out.append(float(y))
    return sorted(out)


def _ruled(ys: list[float], y: float) -> bool:
    return any(abs(r - y) <= RULE_TOLERANCE + 0.5 for r in ys)


def _lines(chars: list[dict]) -> list[list[dict]]:
    """The chars grouped into lines, top to bottom."""
    out: list[list[dict]] = []
    for ch in sorted(chars, key=lambda ch: (ch["top"], ch["x0"])):
        if out and ch["top"] - out[-1][0]["top"] <= 3.0:
            out[-1].append(ch)
        else:
            out.append([ch])
    return out


def _size(line: list[dict]) -> float:
    return max(float(ch.get("size") or 0) for ch in line) or 10.0


def _text(chars: list[dict]) -> str:
    from pdfplumber.utils import extract_text

    return extract_text(chars) if chars else ""


def _one_paragraph(lines: list[list[dict]]) -> bool:
    """Do these lines follow each other as one text (each within LINE_PITCH_EMS of the one before)?"""
    return all(b[0]["top"] - a[0]["top"] <= LINE_PITCH_EMS * _size(a) for a, b in zip(lines, lines[1:], strict=False))


def open_blocks(table: Any, page: Any, columns: tuple[float, ...]) -> tuple[dict[Box, str], set[int]]:
    """The open cells of a table (no cell found: pdfplumber saw no border around them) as blocks, by
    box, with their text (what is printed in the box: a merged cell cut by the page break prints
    each of its lines on the page where it falls), the columns whose last block is open at the
    table's foot (no rule under it: a merged cell going on on the next page, also after a page
    break set by hand). A block of several rows open at the table's top or foot is given even
    without text (merged again with its part on the page before or after)."""
    rows = table.rows
    if not rows or len(columns) < 2:
        return {}, set()
    width = len(columns) - 1  # columns: the cells' left edges and the undrawn ones (containers/pdf_pages.py)
    mids = [(row.bbox[1] + row.bbox[3]) / 2 for row in rows]
    tops = [row.bbox[1] for row in rows]
    covered = _covered(table.cells, mids, columns[:width + 1])
    by_column: list[list[tuple[float, dict]]] = [[] for _ in range(width)]
    for ch in page.chars:  # each character once, into its column, by the height of its middle
        if ch.get("text", " ").isspace():
            continue
        k = bisect.bisect_right(columns, (ch["x0"] + ch["x1"]) / 2) - 1
        if 0 <= k < width:
            by_column[k].append(((ch["top"] + ch["bottom"]) / 2, ch))
    for chars in by_column:
        chars.sort(key=lambda item: item[0])
    top, bottom = table.bbox[1], table.bbox[3]
    out: dict[Box, str] = {}
    foot: set[int] = set()
    for k in range(width):
        x0, x1 = columns[k], columns[k + 1]
        ys = rules(page, x0, x1)
        is_open = [(r, k) not in covered for r in range(len(rows))]
        heights = [y for y, _ in by_column[k]]
        r = 0
        while r < len(rows):
            if not is_open[r]:
                r += 1
                continue
            first = r
            while r + 1 < len(rows) and r + 1 - first < MAX_BLOCK_ROWS and is_open[r + 1] \
                    and not _ruled(ys, rows[r + 1].bbox[1]):
                r += 1
            b_top, b_bottom = rows[first].bbox[1], rows[r].bbox[3]
            at_top = first == 0 and not _ruled(ys, top)
            at_foot = r == len(rows) - 1 and not _ruled(ys, bottom)
            if at_foot:
                foot.add(k)
            span = by_column[k][bisect.bisect_left(heights, b_top):bisect.bisect_left(heights, b_bottom)]
            lines = _lines([ch for _, ch in span])
            if first == r or _one_paragraph(lines) or len({_row_of(tops, ln) for ln in lines}) <= 1:
                text = _text([ch for line in lines for ch in line])
                if text.strip() or (r > first and (at_top or at_foot)):
                    out[(x0, b_top, x1, b_bottom)] = text
            else:  # separate texts row by row: cells of their own
                for n in range(first, r + 1):
                    own = [ch for line in lines if _row_of(tops, line) == n for ch in line]
                    if own:
                        out[(x0, rows[n].bbox[1], x1, rows[n].bbox[3])] = _text(own)
            r += 1
    return out, foot


def _covered(cells: list[Any], mids: list[float], columns: tuple[float, ...]) -> set[tuple[int, int]]:
    """The (row, column) places a found cell covers (its box holds the place's middle)."""
    xmids = [(a + b) / 2 for a, b in zip(columns, columns[1:], strict=False)]
    out: set[tuple[int, int]] = set()
    for c in cells:
        ks = range(bisect.bisect_left(xmids, c[0]), bisect.bisect_right(xmids, c[2]))
        for r in range(bisect.bisect_left(mids, c[1]), bisect.bisect_right(mids, c[3])):
            out.update((r, k) for k in ks)
    return out


def _row_of(tops: list[float], line: list[dict]) -> int:
    """The row (by the tops of the rows) a line's middle lies in."""
    return max(0, bisect.bisect_right(tops, (line[0]["top"] + line[0]["bottom"]) / 2) - 1)


def first_blocks(table: Any, page: Any, ranges: list[tuple[float, float]]) -> list[tuple[int, str] | None]:
    """For each x range (a column of the table before, open at its page's foot), this table's first
    block there when no rule closes the range at the table's top: the last row down to the first
    rule over the range (all rows when there is none), and the text printed in it; else None."""
    rows = table.rows
    out: list[tuple[int, str] | None] = []
    for x0, x1 in ranges:
        ys = rules(page, x0, x1)
        if not rows or _ruled(ys, table.bbox[1]):
            out.append(None)
            continue
        last = len(rows) - 1
        for n in range(1, len(rows)):
            if _ruled(ys, rows[n].bbox[1]):
                last = n - 1
                break
        top, bottom = table.bbox[1], rows[last].bbox[3]
        chars = [ch for ch in page.chars if not ch.get("text", " ").isspace()
                 and x0 <= (ch["x0"] + ch["x1"]) / 2 < x1 and top <= (ch["top"] + ch["bottom"]) / 2 < bottom]
        out.append((last, _text(chars)))
    return out
