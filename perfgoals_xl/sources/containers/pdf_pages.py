"""A PDF opened for the page readers: pages one at a time, each with its ruled tables and the text
above them (the container side of sources/pdf.py, pdf_form.py and pdf_bundle.py; no vocabulary).

:func:`open_pdf` checks the file (containers/pdf_safety.py: flate bombs, page count), opens it with
pdfplumber and turns any error pdfminer raises — also one raised while the caller reads — into the
one-line :func:`~perfgoals_xl.sources.containers.pdf.open_error`. :meth:`PdfDocument.pages` gives
:class:`PdfPage` records one by one; each page's pdfplumber caches are dropped once the caller
moves past it (memory flat in pages), so a record's :meth:`PdfPage.text_in`,
:meth:`PdfPage.first_char` and :meth:`RuledTable.grid` are meant for the page being read.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.containers.pdf_cells import (
    CELL_PADDING,
    FULL_LINE_EMS,
    MAX_TABLE_CELLS,
    SETTINGS,
    open_error,
    table_grid,
)
from perfgoals_xl.sources.containers.pdf_spill import spilled
from perfgoals_xl.sources.containers.pdf_text import cell_texts
from perfgoals_xl.text_clean import ideographs

Box = tuple[float, float, float, float]

#: A cell's last line is full (FULL_LINE_EMS, containers/pdf_cells.py), and the text went on past
#: the page's end only when that line is the cell's lowest: at most this many characters of its
#: size plus twice the padding above the cell's bottom edge (a short level name in a row two lines
#: high, one line with room under it — half a line when centred — was not cut).
LOW_LINE_EMS = 0.2
#: Points a cell's first line may stand over its top rule: a Word table's cell has no top margin, its
#: glyphs' box reaching about half a point over the rule (containers/pdf_overflow.REACH).
OVERSHOOT = 1.0
#: ... or, the text starting at the cell's top (a text that overflows its part of a cell is laid out
#: from the top), with less room under that line than a line of its size takes (the next line did
#: not fit: the page ended). A short text centred in a higher row has as much room above as below.
NO_ROOM_EMS = 1.0
#: A table that ends this close to its page's bottom edge (a share of the page's height: the bottom
#: margin and a row that did not fit) ran out of room there; it may go on on the next page.
PAGE_END_SHARE = 0.25
#: Lines under a table are its own while each starts within this many line heights of the one
#: before (the table's bottom edge for the first); at most MAX_UNDER_LINES are looked at.
UNDER_GAP_LINES = 1.6
MAX_UNDER_LINES = 12
#: Characters are on one line when their tops differ by at most this share of their size (at most
#: pdfplumber's 3 points: text printed small, a wide sheet fitted to the page, has lines closer).
LINE_SHARE = 0.35


class RuledTable:
    """One ruled table of a page: its rows' texts and cell boxes (pdfplumber finds them)."""

    __slots__ = ("_found", "_page", "_table", "boxes", "columns", "short", "texts")

    def __init__(self, table: Any, page: Any = None) -> None:
        self._table = table
        self._page = page
        self._found: tuple[dict[Box, str], set[int]] | None = None
        cells = table.cells
        #: The x of its column edges (left edges of its cells and its right edge), in points.
        self.columns: tuple[float, ...] = tuple(sorted(
            {round(c[0], 1) for c in cells} | ({round(max(c[2] for c in cells), 1)} if cells else set())))
        if page is not None and cells:
            self.columns = tuple(sorted(self.columns + undrawn_columns(table, page, self.columns)))
        #: Each cell's lines (by rounded box): True where one stops short of its right edge.
        self.short: dict[Box, list[bool]] | None = None if page is None else {}
        #: Each row's cell texts as pdfplumber extracts them (lines kept; None where no cell starts).
        self.texts: list[list[str | None]] = (
            table.extract(y_tolerance=line_tolerance(page, table.bbox)) if page is None
            else cell_texts(table, page.chars, line_tolerance(page, table.bbox), self.short, float(page.width)))
        ranges = _column_ranges(table)
        #: Each row's cell boxes; a cell left open towards the next row (no bottom border, as our
        #: reports draw a project continued over rows) gets its column's x range × the row's height.
        self.boxes: list[list[Box | None]] = [_cell_boxes(row, ranges) for row in table.rows]

    @property
    def top(self) -> float:
        """The y of the table's top edge (points from the page's top)."""
        return float(self._table.bbox[1])

    @property
    def bottom(self) -> float:
        """The y of the table's bottom edge."""
        return float(self._table.bbox[3])

    def grid(self) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
        """The table as rows of origin-cell texts and merged ranges (containers/pdf_cells.py); a
        cell left open towards the next row (no bottom border: pdfplumber finds no cell there) is
        read from its column's x range × its row's height, unless another cell covers that place."""
        return table_grid(self._table, self.texts, self._open_cells())

    def grid_with_indents(self) -> tuple[list[list[str]], list[tuple[int, int, int, int]], dict[tuple[int, int], float]]:
        """:meth:`grid`, and each origin cell's indent in em (x of its first visible character from
        the cell's left edge, in that character's size)."""
        indents: dict[tuple[int, int], float] = {}
        chars = None
        if self._page is not None:
            x0, top, x1, bottom = self._table.bbox
            chars = [c for c in self._page.chars if x0 <= c["x0"] <= x1 and top <= c["top"] <= bottom]
        rows, merged = table_grid(self._table, self.texts, self._open_cells(), chars, indents, self.short)
        return rows, merged, indents

    def cut_open(self, end: str) -> bool:
        """Is the table's ``end`` ("bottom" or "top") a row cut by the page break and drawn open there
        (closed for the finder only: :func:`_cut_ends`)?"""
        if self._page is None:
            return False
        edge = self._table.bbox[3] if end == "bottom" else self._table.bbox[1]
        return any(abs(line["top"] - edge) <= 1.5 and line["end"] == end for line in _cut_ends(self._page))

    def reaches_page_end(self) -> bool:
        """Does the table end in the last quarter of its page (ran out of room, rather than ended
        before a page break of its own)?"""
        if self._page is None:
            return False
        return self._page.height - self._table.bbox[3] <= PAGE_END_SHARE * self._page.height

    def full_last_cells(self) -> set[float]:
        """The left edges (points, rounded as :attr:`columns`) of the cells of the table's last row
        whose text runs to the cell's right edge on its last line, that line at the cell's bottom:
        text a page break may have cut (a row split over two pages goes on in the next page's first
        row)."""
        cells = [c for c in self._table.cells[:MAX_TABLE_CELLS] if c[3] > c[1]]
        if self._page is None or not cells:
            return set()
        bottom = max(c[3] for c in cells)
        last = sorted((c for c in cells if abs(c[3] - bottom) < 1.0), key=lambda c: c[0])
        lefts = [c[0] for c in last]
        band = min(c[1] for c in last)
        lines: dict[int, list[dict]] = {}  # the last line of each cell's text
        tops: dict[int, float] = {}  # the top of each cell's text
        for ch in self._page.chars:
            if not (band - OVERSHOOT <= ch["top"] < bottom) or ch.get("text", " ").isspace():
                continue
            k = bisect.bisect_right(lefts, ch["x0"]) - 1
            if k < 0 or not (last[k][1] - OVERSHOOT <= ch["top"] and ch["x0"] < last[k][2]):
                continue
            tops[k] = min(tops.get(k, ch["top"]), ch["top"])
            seen = lines.get(k)
            if seen is None or round(ch["top"]) > round(seen[0]["top"]) + 1:
                lines[k] = [ch]
            elif round(ch["top"]) >= round(seen[0]["top"]) - 1:
                seen.append(ch)
        out: set[float] = set()
        for k, line in lines.items():
            size = max(float(ch.get("size") or 0) for ch in line) or 10.0
            under = last[k][3] - max(ch["bottom"] for ch in line)
            low = under <= LOW_LINE_EMS * size + 2 * CELL_PADDING or (
                tops[k] - last[k][1] <= LOW_LINE_EMS * size + CELL_PADDING
                and under < NO_ROOM_EMS * size + 1.5 * CELL_PADDING)
            if low and last[k][2] - max(ch["x1"] for ch in line) <= FULL_LINE_EMS * size + CELL_PADDING:
                out.add(round(last[k][0], 1))
        return out

    def _open_cells(self) -> dict[Box, str]:
        """The text of each open cell (see :meth:`grid`), by its box: consecutive open rows of a
        column with no rule between them are one cell, its text to its first row
        (containers/pdf_blocks.py)."""
        return self._blocks()[0]

    def open_at_foot(self) -> set[float]:
        """The left edges (points, rounded as :attr:`columns`) of the columns whose last cell is open
        at the table's foot (a merged cell cut by the page break, drawn without a rule there: it
        goes on on the next page)."""
        return {round(self.columns[k], 1) for k in self._blocks()[1]}

    def first_blocks(self, ranges: list[tuple[float, float]]) -> list[tuple[int, str] | None]:
        """For x ranges of columns of the table before that ended open at the foot of their page
        (merged cells cut by the page break), this table's first block there when open at its top
        (no rule over the range): its last row and its text; None where a rule closes the range."""
        if self._page is None:
            return [None for _ in ranges]
        from perfgoals_xl.sources.containers.pdf_blocks import first_blocks

        return first_blocks(self._table, self._page, ranges)

    def _blocks(self) -> tuple[dict[Box, str], set[int]]:
        if self._page is None:
            return {}, set()
        if self._found is None:
            from perfgoals_xl.sources.containers.pdf_blocks import open_blocks

            self._found = open_blocks(self._table, self._page, self.columns)
        return self._found


#: Two tables side by side are one table split by a column drawn open at their top or foot when
#: their tops or bottoms are this close (points) and the gap between them is at most this wide.
SIDE_BY_SIDE_POINTS = 2.0
MAX_SPLIT_GAP = 200.0


def _by_outline(page: Any, table: Any) -> list[Any]:
    """A found table as the tables it is: two tables printed one right under the other, each of its own
    width (a web page's table split in two, each laid out on its own, printed), touch and are found as
    one, their cells overlapping. A ruled table's rows all reach its left and right edges; where two
    rows or more of one width follow two rows or more of another (the same left edge, the right ones
    apart by more than EDGE_POINTS) and no rule goes down the wider rows' right edge beside the narrower
    ones, the table is cut there; so too where rows of the same width change to column lines laid out
    apart (:func:`_laid_apart`)."""
    from pdfplumber.table import Table

    cells = table.cells[:MAX_TABLE_CELLS]
    bands: dict[float, list[tuple[float, float, float, float]]] = {}
    for cell in cells:
        bands.setdefault(round(float(cell[1]), 1), []).append(cell)
    tops = sorted(bands)
    if len(tops) < 4:
        return [table]
    # each row's outline: the cells starting on it and those merged down over it from above
    lefts = {t: min(float(c[0]) for c in bands[t]) for t in tops}
    rights = {t: max(float(c[2]) for c in bands[t]) for t in tops}
    lines = {t: {float(x) for c in bands[t] for x in (c[0], c[2])} for t in tops}  # its column lines
    budget = MAX_COVER_STEPS  # (a crafted table of cells each spanning every row stays bounded)
    for cell in cells:
        covered = tops[bisect.bisect_right(tops, round(float(cell[1]), 1)):bisect.bisect_left(tops, float(cell[3]) - 0.5)]
        budget -= len(covered)
        if budget < 0:
            return [table]
        for t in covered:
            lefts[t], rights[t] = min(lefts[t], float(cell[0])), max(rights[t], float(cell[2]))
            lines[t].update((float(cell[0]), float(cell[2])))
    outlines = [(lefts[t], rights[t]) for t in tops]
    bottom = float(table.bbox[3])
    cuts = [k for k in range(2, len(tops) - 1)
            if (_other_width(outlines[k - 1], outlines[k]) and not _other_width(outlines[k - 2], outlines[k - 1])
                and not _other_width(outlines[k], outlines[k + 1])
                and not _rule_down(page, max(outlines[k - 1][1], outlines[k][1]),
                                   tops[0] if outlines[k - 1][1] < outlines[k][1] else tops[k],
                                   tops[k] if outlines[k - 1][1] < outlines[k][1] else bottom))
            or (_laid_apart(lines[tops[k - 1]], lines[tops[k]]) and _laid_apart(lines[tops[k - 2]], lines[tops[k + 1]])
                and not _laid_apart(lines[tops[k - 2]], lines[tops[k - 1]])
                and not _laid_apart(lines[tops[k]], lines[tops[k + 1]]))]
    if not cuts:
        return [table]
    parts = []
    for start, end in zip([0, *cuts], [*cuts, len(tops)], strict=True):
        parts.append(Table(page, [cell for t in tops[start:end] for cell in bands[t]]))
    return parts


#: Row-cell steps the outline pass takes at most for one table (cells merged down over rows).
MAX_COVER_STEPS = 200_000
#: Points two rows' left or right edges may differ by and still be one table's.
EDGE_POINTS = 3.0


#: Two column lines this near (but further than EDGE_POINTS) are one table's line drawn elsewhere by
#: another layout: a sheet's columns are wider than this.
NEAR_MISS_POINTS = 12.0


def _laid_apart(a: set[float], b: set[float]) -> bool:
    """Were two rows laid out apart — two tables of the same width, each its own columns (a web page's
    split table, printed)? Two or more of either's column lines stand near a line of the other, not on
    it (a sheet's rows share their column lines; a merged cell only leaves some out)."""
    return _near_misses(a, b) >= 2 and _near_misses(b, a) >= 2


def _near_misses(a: set[float], b: set[float]) -> int:
    """How many of a's lines stand near one of b's (within NEAR_MISS_POINTS) but on none (EDGE_POINTS)."""
    others = sorted(b)
    count = 0
    for x in a:
        near = bisect.bisect_left(others, x - NEAR_MISS_POINTS) < bisect.bisect_right(others, x + NEAR_MISS_POINTS)
        on = bisect.bisect_left(others, x - EDGE_POINTS) < bisect.bisect_right(others, x + EDGE_POINTS)
        count += near and not on
    return count


def _other_width(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two rows' outlines (left, right edge): the same left edge, another right one. (A left edge apart
    is no evidence: a merged cell going on to or from another page leaves its columns without cells.)"""
    return abs(a[0] - b[0]) <= EDGE_POINTS and abs(a[1] - b[1]) > EDGE_POINTS


def undrawn_columns(table: Any, page: Any, columns: tuple[float, ...]) -> tuple[float, ...]:
    """Column edges of a table that no found cell has: a vertical rule inside the table, away from
    its column edges, running through no found cell over the whole height of at least one row, with
    text printed right of it before the next column edge (the cell it is the left edge of). A merged
    cell cut by the page break is drawn open at the next page's top; pdfplumber finds no cell in it,
    nor in the cells beside it that lack a top rule too (the columns left of a level column going
    on), and the rules between them were lost: the text of each went to the first column. (Without
    text right of it the rule changes nothing read: the cut cells there go on from the page before.)"""
    x0, _, x1, _ = table.bbox
    rows = [row.bbox for row in table.rows[:MAX_TABLE_CELLS]]
    cells = table.cells[:MAX_TABLE_CELLS]
    candidates = sorted((x, float(e["top"]), float(e["bottom"])) for e in page.vertical_edges[:MAX_TABLE_CELLS]
                        if x0 + EDGE_POINTS < (x := float(e["x0"])) < x1 - EDGE_POINTS and not _near_column(x, columns))
    found: list[tuple[float, float, float]] = []
    for x, top, bottom in candidates[:MAX_UNDRAWN * 4]:
        spanned = _union(sorted((r[1], r[3]) for r in rows if top <= r[1] + RULE_SLACK and r[3] <= bottom + RULE_SLACK))
        bottoms = [b for _, b in spanned]
        if spanned and not any(_overlaps(spanned, bottoms, c[1], c[3]) for c in cells
                               if c[0] < x - EDGE_POINTS and c[2] > x + EDGE_POINTS):
            found.append((x, top, bottom))
    groups: list[list[tuple[float, float, float]]] = []
    for rule in sorted(found):  # a rule drawn as a thin rectangle has two or three edges
        if groups and rule[0] - groups[-1][-1][0] <= EDGE_POINTS:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    out = []
    for group in groups[:MAX_UNDRAWN]:
        x = round(sum(g[0] for g in group) / len(group), 1)
        top, bottom = min(g[1] for g in group), max(g[2] for g in group)
        right = next((c for c in columns if c > x), x1)
        if _text_between(page, cells, x + EDGE_POINTS / 2, right, top, bottom):
            out.append(x)
    return tuple(out)


def _union(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sorted spans (a row's box reaches down as far as its tallest cell: rows may overlap) as the
    sorted, disjoint spans they cover."""
    out: list[tuple[float, float]] = []
    for top, bottom in spans:
        if out and top < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], bottom))
        else:
            out.append((top, bottom))
    return out


def _overlaps(spans: list[tuple[float, float]], bottoms: list[float], top: float, bottom: float) -> bool:
    """Does (top, bottom) overlap one of the spans (sorted, disjoint: :func:`_union`; ``bottoms``
    their bottoms)?"""
    k = bisect.bisect_right(bottoms, top)
    return k < len(spans) and spans[k][0] < bottom


def _near_column(x: float, columns: tuple[float, ...]) -> bool:
    """Is x within EDGE_POINTS of one of the (sorted) column edges?"""
    k = bisect.bisect_left(columns, x)
    return any(abs(x - c) <= EDGE_POINTS for c in columns[max(0, k - 1):k + 1])


def _text_between(page: Any, cells: list[Any], left: float, right: float, top: float, bottom: float) -> bool:
    """Is a visible character printed in the box (its middle inside), outside every found cell?"""
    near = [c for c in cells if c[0] < right and c[2] > left and c[1] < bottom and c[3] > top]
    for ch in page.chars:
        mx, my = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if left < mx < right and top < my < bottom and not ch.get("text", " ").isspace() \
                and not any(c[0] < mx < c[2] and c[1] < my < c[3] for c in near):
            return True
    return False


#: Points a rule may stop short of a row's top or bottom and still run over its whole height.
RULE_SLACK = 1.5
#: Rules looked at as undrawn column edges of one table, at most (each is one pass over the page's
#: characters; a table has a few columns, a crafted page thousands of rules); edges inside the table
#: looked at, at most four times as many (a rule drawn as a thin rectangle has two or three).
MAX_UNDRAWN = 50


def _rule_down(page: Any, x: float, top: float, bottom: float) -> bool:
    """Is a vertical rule drawn at x over most of [top, bottom] (the wider rows' right border going on
    beside the narrower ones: one table, a cell there left open)?"""
    drawn = sum(max(0.0, min(float(e["bottom"]), bottom) - max(float(e["top"]), top))
                for e in page.vertical_edges[:MAX_TABLE_CELLS] if abs(float(e["x0"]) - x) <= EDGE_POINTS)
    return drawn >= 0.5 * (bottom - top)


def _ruled_tables(page: Any) -> list[Any]:
    """The page's ruled tables, top to bottom. A table whose column holds a merged cell going on
    from (or on to) another page is drawn with that column open at its top (foot): pdfplumber then
    finds the columns left and right of it as two tables side by side. When a rule crosses the gap
    between them (the cell is closed at its other end), they are found again with the open end
    closed where their edges line up (a rule drawn there for the finder only; the page's own rules,
    which say the cell is open, are left as they are). Two tables side by side with no rule across
    the gap are tables of their own."""
    cut = _cut_ends(page)
    base = {**SETTINGS, "explicit_horizontal_lines": cut} if cut else SETTINGS
    found = sorted(page.find_tables(base), key=lambda t: (t.bbox[1], t.bbox[0]))
    closing: list[dict[str, Any]] = list(cut)
    for left, right in zip(found, found[1:], strict=False):
        lx0, ltop, lx1, lbottom = left.bbox
        rx0, rtop, rx1, rbottom = right.bbox
        if not 0 < rx0 - lx1 <= MAX_SPLIT_GAP or min(lbottom, rbottom) <= max(ltop, rtop):
            continue
        across = [float(e["top"]) for e in page.horizontal_edges
                  if e["x0"] <= lx1 + SIDE_BY_SIDE_POINTS and e["x1"] >= rx0 - SIDE_BY_SIDE_POINTS
                  and max(ltop, rtop) - SIDE_BY_SIDE_POINTS <= e["top"] <= min(lbottom, rbottom) + SIDE_BY_SIDE_POINTS]
        if not across:  # no rule crosses the gap: two tables of their own printed side by side
            continue
        for y in {ly for ly, ry in ((ltop, rtop), (lbottom, rbottom)) if abs(ly - ry) <= SIDE_BY_SIDE_POINTS
                  and all(abs(ly - a) > SIDE_BY_SIDE_POINTS for a in across)}:
            closing.append({"x0": lx1, "x1": rx0, "top": y, "bottom": y, "width": rx0 - lx1, "height": 0.0,
                            "doctop": y, "object_type": "line"})
    if not closing:
        return found
    settings = {**SETTINGS, "explicit_horizontal_lines": closing}
    return sorted(page.find_tables(settings), key=lambda t: (t.bbox[1], t.bbox[0]))


#: Column rules ending (or starting) together that a cut row leaves open: at least this many, and a rule
#: across them covering at most this share of their span (Chrome draws only the corners there).
CUT_COLUMNS = 3
CUT_COVERED = 0.2


def _cut_ends(page: Any) -> list[dict[str, Any]]:
    """Rules for the finder where a row cut by a page break stops: a browser printing a page ("打印 →
    另存为 PDF") draws no rule under the part of a row it leaves at a page's foot, nor over the part it
    carries to the next page's top — the column rules of that row just end (start) there together.
    Such a row is found as no row at all (its text read as lines outside the table). Where three
    column rules or more end (or start) at one height and nothing (no more than CUT_COVERED of their
    span) is ruled across them, a rule is drawn there for the finder only; a table closed by its own
    rule, and a column left open beside closed ones (Calc's merged cell cut by a page), are as they
    were."""
    known = getattr(page, "_cut_ends", None)  # (asked again for each table of the page: found once)
    if known is not None:
        return known
    verticals = [e for e in page.vertical_edges[:MAX_TABLE_CELLS] if float(e["bottom"]) - float(e["top"]) > 1.0]
    horizontals = sorted((float(h["top"]), float(h["x0"]), float(h["x1"])) for h in page.horizontal_edges[:MAX_TABLE_CELLS])
    tops = [h[0] for h in horizontals]
    lines: list[dict[str, Any]] = []
    for end in ("bottom", "top"):
        for y, xs in _ending_together(verticals, end):
            columns = _distinct(xs)
            if len(columns) < CUT_COLUMNS:
                continue
            x0, x1 = columns[0], columns[-1]
            near = horizontals[bisect.bisect_left(tops, y - 1.5):bisect.bisect_right(tops, y + 1.5)][:MAX_TABLE_CELLS]
            covered = sum(max(0.0, min(h1, x1) - max(h0, x0)) for _, h0, h1 in near)
            if covered <= CUT_COVERED * (x1 - x0):
                lines.append({"x0": x0, "x1": x1, "top": float(y), "bottom": float(y), "width": x1 - x0,
                              "height": 0.0, "doctop": float(y), "object_type": "line", "end": end})
    page._cut_ends = lines
    return lines


def _ending_together(verticals: list[Any], end: str) -> list[tuple[float, list[float]]]:
    """The rules' ends (``end``: "bottom" or "top") grouped where they lie within 1.5 points of the one
    before: each group's height and the rules' x positions."""
    groups: list[tuple[float, list[float]]] = []
    for y, x in sorted((float(e[end]), float(e["x0"])) for e in verticals):
        if groups and y - groups[-1][0] <= 1.5:
            groups[-1][1].append(x)
        else:
            groups.append((y, [x]))
    return groups


def _distinct(xs: list[float]) -> list[float]:
    """Positions, sorted, those within EDGE_POINTS of the one before taken as one (a rule drawn as a thin
    rectangle has two edges)."""
    out: list[float] = []
    for x in sorted(xs):
        if not out or x - out[-1] > EDGE_POINTS:
            out.append(x)
    return out


class PdfPage:
    """One page: its number, ruled tables (top to bottom) and the text lines above the first."""

    __slots__ = ("_page", "_right", "_spilled", "above", "below", "between", "has_content", "number",
                 "spill_bottom", "spill_top", "tables")

    def __init__(self, page: Any) -> None:
        self._page = page
        #: The page's right text edge: the rightmost glyph or ruling line (a wrapped paragraph reaches it).
        self._right: float = max([float(c["x1"]) for c in page.chars[:MAX_TABLE_CELLS]]
                                 + [float(e["x1"]) for e in page.edges[:MAX_TABLE_CELLS]] or [0.0])
        self.number: int = page.page_number
        found = [part for table in _ruled_tables(page) for part in _by_outline(page, table)]
        top = min((t.bbox[1] for t in found), default=page.height)
        self.tables = [RuledTable(t, page) for t in found]
        #: A page-filling first (last) row's text printed past the table's top (bottom) rule, by column
        #: index of that table (containers/pdf_spill.py); its characters are no line above (under) it.
        self.spill_top: dict[int, str] = {}
        self.spill_bottom: dict[int, str] = {}
        self._spilled: set[int] = set()
        if found:
            self.spill_top, used = spilled(page, found[0].rows[0].bbox, self.tables[0].columns, above=True)
            self.spill_bottom, used_below = spilled(page, found[-1].rows[-1].bbox, self.tables[-1].columns,
                                                    above=False)
            self._spilled = used | used_below
        spilled_ids = self._spilled

        def above_only(o: dict) -> bool:  # a character reaching over the first rule is the table's
            return o.get("object_type") != "char" or ((o["top"] + o["bottom"]) / 2 < top and id(o) not in spilled_ids)

        #: Text lines printed above the first table (the whole page's text when it has none).
        self.above: list[str] = (
            self._paragraphs(page.filter(above_only).crop((0, 0, page.width, top))) if top > 1 else [])
        #: The text lines printed between each table and the one above it (tables[k + 1]'s at k).
        self.between: list[list[str]] = [self._lines(a.bbox[3], b.bbox[1])
                                         for a, b in zip(found, found[1:], strict=False)]
        #: The text lines printed right under the page's last table (none without a table).
        self.below: list[str] = self._lines_under(max(t.bbox[3] for t in found)) if found else []
        self.has_content: bool = bool(found or page.chars)

    def _lines_under(self, top: float) -> list[str]:
        """The lines printed right under a height, as one run: the first within UNDER_GAP_LINES line
        heights of it, each next one as close to the line before (the sign-offs printed under a form:
        经办人：…, 上报时间：…; not a running page footer down at the page's bottom margin)."""
        if self._page.height - top <= 1:
            return []
        out: list[str] = []
        bottom = top
        for line in text_lines(self._band(top, self._page.height))[:MAX_UNDER_LINES]:
            height = max(float(line["bottom"]) - float(line["top"]), 1.0)
            if float(line["top"]) - bottom > UNDER_GAP_LINES * height:
                break
            out.append(str(line["text"]))
            bottom = float(line["bottom"])
        return out

    def _lines(self, top: float, bottom: float) -> list[str]:
        """The text lines printed across the page between two heights (none in a gap under 1 point)."""
        if bottom - top <= 1:
            return []
        return self._paragraphs(self._band(top, bottom))

    def _paragraphs(self, band: Any) -> list[str]:
        """A band's text lines, a paragraph wrapped at the page's right edge joined again (see
        :func:`unwrapped`)."""
        return unwrapped(text_lines(band, line_tolerance(self._page)), self._right)

    def _band(self, top: float, bottom: float) -> Any:
        """The page's characters whose middle lies between two heights (a glyph reaching over a
        table's ruling line belongs where most of it is)."""
        spilled_ids = self._spilled

        def inside(obj: dict) -> bool:
            return obj.get("object_type") == "char" and top <= (obj["top"] + obj["bottom"]) / 2 <= bottom \
                and id(obj) not in spilled_ids

        return self._page.filter(inside)

    def top_lines(self) -> list[str]:
        """The first lines printed at the top of the page, as one run (see :meth:`_lines_under`):
        on a page without a table, the rest of the lines under the table on the page before."""
        lines = text_lines(self._band(0, self._page.height))[:1]
        return self._lines_under(float(lines[0]["top"]) - 0.5) if lines else []
    def above_outside(self, ranges: list[tuple[float, float]]) -> list[str]:
        """The text lines above the first table, without the lines printed wholly within these x
        ranges (the columns of merged cells going on from the page before: their text, centred in
        the whole cell, may be printed above the table's first rule)."""
        from pdfplumber.utils import extract_text

        top = min((t._table.bbox[1] for t in self.tables), default=self._page.height)
        chars = sorted((c for c in self._page.chars if c["top"] >= 0 and c["bottom"] <= top),
                       key=lambda c: (c["top"], c["x0"]))
        lines: list[list[dict]] = []
        for c in chars:
            if lines and c["top"] - lines[-1][0]["top"] <= 3.0:
                lines[-1].append(c)
            else:
                lines.append([c])
        kept = [c for line in lines if not all(
            any(x0 <= (c["x0"] + c["x1"]) / 2 < x1 for x0, x1 in ranges) for c in line if not c["text"].isspace())
            for c in line]
        return extract_text(kept).split("\n") if kept else []

    def text_in(self, bbox: Box) -> str:
        """Text of the characters whose centre lies in bbox, lines joined with \\n."""
        return self._page.within_bbox(bbox, relative=False, strict=False).extract_text() or ""

    def first_char(self, bbox: Box) -> tuple[float | None, float]:
        """x of the first visible character in a cell relative to its left edge, and its font size
        (None, 0 for an empty cell): how far a name is indented."""
        x0, top, x1, bottom = bbox
        best: dict | None = None
        for ch in self._page.chars:
            if ch["text"].isspace() or not (x0 <= ch["x0"] < x1 and top <= (ch["top"] + ch["bottom"]) / 2 < bottom):
                continue
            if best is None or (round(ch["top"]), ch["x0"]) < (round(best["top"]), best["x0"]):
                best = ch
        if best is None:
            return None, 0.0
        return best["x0"] - x0, float(best.get("size") or 0.0)


class PdfDocument:
    """An open PDF: its pages one by one, and cheap looks at the whole file."""

    def __init__(self, pdf: Any, path: Path) -> None:
        self._pdf = pdf
        self.path = path
        #: What draws_lines' bare pass found (pdf_scan.py): each page's plain text when no line.
        self.scan: Any = None

    def _pages(self) -> Any:
        from perfgoals_xl.sources.containers.pdf_safety import one_by_one

        return one_by_one(self._pdf, self.path)  # each page's caches dropped once read

    def pages(self) -> Iterator[PdfPage]:
        """The pages in order, each read (tables found) when reached."""
        for page in self._pages():
            yield PdfPage(page)

    def has_text(self) -> bool:
        """Does any page hold characters (a scanned PDF has none)?"""
        return any(page.chars for page in self._pages())

    def glyphs_only(self, pages: int = 3) -> bool:
        """Is the text of the first pages only glyph numbers (``(cid:123)``: fonts without a ToUnicode map,
        as some printers and PDF tools write them) — characters a reader cannot turn into words?"""
        chars = [c.get("text", "") for page in self._pages()[:pages] for c in page.chars[:5000]]
        unmapped = sum(1 for t in chars if t.startswith("(cid:"))
        return len(chars) >= 20 and unmapped * 2 >= len(chars)

    def draws_lines(self) -> bool:
        """Does any page paint a path (ruling lines, cell borders)? Without one there is no ruled table."""
        from perfgoals_xl.sources.containers.pdf_scan import scan_pages

        # one bare pass (no layout): a painted line on any page, else every page's plain text,
        # kept for extract_text (which then lays out only the pages that need it)
        self.scan = scan_pages(page.page_obj for page in self._pdf.pages)
        return bool(self.scan.draws_lines)

    def head_texts(self, pages: int, chars: int = 2000) -> list[str]:
        """The text of the first characters (at most chars) of each of the first pages."""
        return ["".join(c.get("text", "") for c in page.chars[:chars]) for page in self._pages()[:pages]]


@contextmanager
def open_pdf(path: str | Path) -> Iterator[PdfDocument]:
    """Open a PDF after its safety checks; an error pdfminer raises inside (also while the caller
    reads its pages) becomes the one-line InputError of a damaged or encrypted PDF."""
    from perfgoals_xl.sources.containers.pdf_safety import check_pdf_streams

    p = Path(path)
    check_pdf_streams(p)  # no stream inflates beyond its bound (flate bombs), before any reader
    try:
        import pdfplumber

        with pdfplumber.open(p) as pdf:
            yield PdfDocument(pdf, p)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 — pdfminer/pdfplumber raise many kinds on broken files
        raise open_error(p, exc) from None


def extract_text(path: str | Path, scan: Any = None) -> str:
    """The text of a PDF as pdfminer.six lays it out (default LAParams; pages end with \\f), as
    ``pdfminer.high_level.extract_text`` gives it — laying out only the pages whose plain text
    (a first pass without layout, pdf_scan.py; ``scan`` when the caller made it) carries a
    performance table's vocabulary; the others keep their plain text. One resource manager."""
    from perfgoals_xl.sources.containers.pdf_safety import check_pdf_streams

    p = Path(path)
    check_pdf_streams(p)
    try:
        return _laid_out(p, scan)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 — pdfminer raises many kinds on broken files
        raise open_error(p, exc) from None


def _laid_out(p: Path, scan: Any) -> str:
    from io import StringIO

    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    from perfgoals_xl.sources.containers.pdf_safety import MAX_PAGES
    from perfgoals_xl.sources.containers.pdf_scan import scan_pages

    manager = PDFResourceManager(caching=True)
    with open(p, "rb") as fh, StringIO() as out:
        if scan is None:
            scan = scan_pages(PDFPage.get_pages(fh, caching=True, maxpages=MAX_PAGES + 1), manager,
                              stop_at_lines=False)
            fh.seek(0)
        if len(scan.texts) > MAX_PAGES:
            raise InputError(p, f"PDF 超过 {MAX_PAGES:,} 页，拒绝读取")
        interpreter = PDFPageInterpreter(manager, TextConverter(manager, out, codec="utf-8", laparams=LAParams()))
        for n, page in enumerate(PDFPage.get_pages(fh, caching=True, maxpages=MAX_PAGES)):
            if scan.needs_layout(n):
                interpreter.process_page(page)
            else:
                out.write(scan.texts[n] + "\f")
        return ideographs(out.getvalue())


def _chars_in(page: Any, box: Box) -> Any:
    """The page's characters whose middle lies in a box (a text centred across two rows of a
    merged cell with no rule between them lies in one of them, not in neither)."""
    x0, top, x1, bottom = box

    def inside(obj: dict) -> bool:
        return obj.get("object_type") == "char" and x0 <= (obj["x0"] + obj["x1"]) / 2 < x1 \
            and top <= (obj["top"] + obj["bottom"]) / 2 < bottom

    return page.filter(inside)


#: A line ending within this many of its characters' widths of the page's right text edge was wrapped
#: there (a Chinese paragraph breaks between any two characters; a line may end a little short of the
#: edge where the next character did not fit).
WRAP_EMS = 1.5
#: The next line goes on a wrapped one when it follows at the line pitch: the gap between them at most
#: this share of the line's height (a new paragraph stands further down, after its spacing).
WRAP_GAP_SHARE = 0.8


def text_lines(band: Any, y_tolerance: float = 3.0) -> list[dict]:
    """pdfplumber's text lines of a band (text, x0, x1, top, bottom), top to bottom, with the parts of one
    line printed in two fonts joined again: a browser draws the digits of ``南县民政局2022年…`` in a Latin
    font whose glyph boxes stand lower than the Chinese ones (5 points at 24-point type, more than a line's
    tolerance), so pdfplumber made ``南县民政局 年…`` and ``2022`` two lines. Two lines are one when their
    boxes overlap by at least ONE_LINE_SHARE of the lower one's height (lines of a paragraph do not overlap)
    and no character of one stands over a character of the other."""
    out: list[dict] = []
    for line in band.extract_text_lines(return_chars=True, y_tolerance=y_tolerance):
        before = out[-1] if out else None
        if before is not None and before.get("pieces", 1) < MAX_PIECES and (chars := _interleaved(before, line)) is not None:
            before.update(text=_chars_text(chars), chars=chars, pieces=before.get("pieces", 1) + 1,
                          x0=min(before["x0"], line["x0"]),
                          x1=max(before["x1"], line["x1"]), top=min(before["top"], line["top"]),
                          bottom=max(before["bottom"], line["bottom"]))
        else:
            out.append(dict(line))
    return out


#: How much of the lower line's height two text lines' boxes overlap, at least, to be one line printed in
#: two fonts (:func:`text_lines`).
ONE_LINE_SHARE = 0.6
#: Pieces joined into one line, at most (a real line switches fonts a few times; a crafted page of a
#: thousand overlapping one-glyph lines would make the joining quadratic).
MAX_PIECES = 16


def _interleaved(upper: dict, lower: dict) -> list[dict] | None:
    """The characters of two pdfplumber lines in reading order when they are one line (see
    :func:`text_lines`), else None."""
    height = min(float(upper["bottom"]) - float(upper["top"]), float(lower["bottom"]) - float(lower["top"]))
    overlap = min(float(upper["bottom"]), float(lower["bottom"])) - max(float(upper["top"]), float(lower["top"]))
    if height <= 0 or overlap < ONE_LINE_SHARE * height:
        return None
    chars = sorted([*upper["chars"], *lower["chars"]], key=lambda c: float(c["x0"]))
    if any(float(b["x0"]) < float(a["x1"]) - 1.0 for a, b in zip(chars, chars[1:], strict=False)):
        return None  # (characters over each other: two texts, not one line)
    return chars


def _chars_text(chars: list[dict], gap: float = 3.0) -> str:
    """The text of characters in reading order, a space where they stand more than ``gap`` points apart
    (pdfplumber's own word gap)."""
    out: list[str] = []
    last = None
    for ch in chars:
        if last is not None and float(ch["x0"]) - float(last["x1"]) > gap and out and out[-1] != " ":
            out.append(" ")
        out.append(str(ch["text"]))
        last = ch
    return "".join(out).strip()


def unwrapped(lines: list[dict], right: float) -> list[str]:
    """Text lines (pdfplumber's, top to bottom) with a paragraph wrapped at the right text edge joined
    again: a line reaching within WRAP_EMS characters of ``right`` and the next line starting no further
    right, printed as large, at the line pitch (``资金使用单位：淮`` ⏎ ``南市田家庵区…局`` → one line)."""
    out: list[str] = []
    before: dict | None = None
    for line in lines:
        text = str(line["text"])
        if before is not None and out and _goes_on(before, line, right):
            out[-1] += text if _cjk(out[-1][-1:]) or _cjk(text[:1]) else " " + text
        else:
            out.append(text)
        before = line
    return out


def _goes_on(before: dict, line: dict, right: float) -> bool:
    """Does ``line`` go on ``before``, a line wrapped at the right edge (see :func:`unwrapped`)?"""
    height = max(float(before["bottom"]) - float(before["top"]), 1.0)
    return (float(before["x1"]) >= right - WRAP_EMS * height
            and float(line["x0"]) <= float(before["x0"]) + 0.5 * height
            and abs((float(line["bottom"]) - float(line["top"])) - height) <= 0.15 * height
            and 0 <= float(line["top"]) - float(before["bottom"]) <= WRAP_GAP_SHARE * height)


def _cjk(ch: str) -> bool:
    """Is this a Chinese character or full-width sign (joined to the next line without a space)?"""
    return bool(ch) and ("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")


def line_tolerance(page: Any, bbox: Box | None = None) -> float:
    """How far (points) two characters' tops may differ on one line: pdfplumber's 3 points, less for
    text printed small (a wide sheet fitted to the page's width: its lines may be under 3 points
    apart) — LINE_SHARE of the median character size (in bbox, when given)."""
    if page is None:
        return 3.0
    chars = page.chars if bbox is None else [
        c for c in page.chars if bbox[0] <= c["x0"] <= bbox[2] and bbox[1] <= c["top"] <= bbox[3]]
    sizes = sorted(float(c.get("size") or 0) for c in chars[:MAX_TABLE_CELLS])
    if not sizes:
        return 3.0
    return max(0.5, min(3.0, LINE_SHARE * sizes[len(sizes) // 2]))


def _column_ranges(found_table: Any) -> list[tuple[float, float] | None]:
    """Each column's x range: the most common left edge of the cells found in it, to the next
    column edge of the table (a cell merged across the columns to its right is wider than its
    column: an open cell there is the column's own)."""
    width = len(found_table.rows[0].cells) if found_table.rows else 0
    lefts: list[Counter] = [Counter() for _ in range(width)]
    edges: set[float] = set()
    for row in found_table.rows:
        for col, cell in enumerate(row.cells):
            if cell is not None and col < width:
                lefts[col][round(cell[0], 1)] += 1
                edges.update((round(cell[0], 1), round(cell[2], 1)))
    ordered = sorted(edges)
    out: list[tuple[float, float] | None] = []
    for col in range(width):
        if not lefts[col]:
            out.append(None)
            continue
        x0 = lefts[col].most_common(1)[0][0]
        k = bisect.bisect_right(ordered, x0 + 0.5)
        out.append((x0, ordered[k]) if k < len(ordered) else None)
    return out


def _cell_boxes(row: Any, ranges: list[tuple[float, float] | None]) -> list[Box | None]:
    """The row's cell boxes, an open cell given its column's x range × the row's height."""
    _, top, _, bottom = row.bbox
    return [cell if cell is not None or span is None else (span[0], top, span[1], bottom)
            for cell, span in zip(row.cells, ranges, strict=False)]
