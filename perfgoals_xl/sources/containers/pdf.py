"""PDF container: the ruled tables of the pages as grids (pdfplumber finds the cells from the ruling lines).

:func:`load_grids` gives the grids any layout reads through the detector. The tables of a page are
stacked top to bottom; a table continued over pages is stitched into one grid — the first table
of a page goes on with the last table of the page before when it has the same columns (the same
left and right edges) and nothing is printed above it (no title of its own), or the same lines as
above that table's start (a page header) while it repeats that table's first rows (a header
printed on every page; those rows are left out); drawing other column lines, it goes on on the
union of both pages' lines. A table under a title of its own (also one under lines printed between
it and the table above on its page) is a grid of its own. A row, a merged cell or a merged cell's
text cut by a page break is joined again (:meth:`_Building.join_cut_row`,
:meth:`_Building.continue_merges`, :meth:`_Building.join_cut_brackets`). The lines printed right
under a grid's last table (sign-offs; up to the web page's own 主办单位 lines) are its last rows
(``表格下方第1行``). As in
the web-page container, the last lines printed above a grid's first table (title, 部门名称：…,
单位：元) are its first rows, one cell each, so that the layouts read the department and the money
unit (``第1页!表格上方第2行``). A grid is named after its pages (``第2页``,
``第2–4页``); each cell is located on its own page, counted within that page's tables:
``第3页!第5行·第2列``. The file itself is opened by containers/pdf_pages.py (safety checks,
pages one at a time); the cells of one table become rows in containers/pdf_cells.py.

:func:`page_grids` gives each page's extracted rows (wrapped lines joined) for the 自评表 reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from perfgoals_xl.sources.containers.pdf_cells import MAX_PAGES, join_lines
from perfgoals_xl.sources.containers.pdf_pages import PdfPage, RuledTable, open_pdf
from perfgoals_xl.sources.grid import Grid

#: Header rows looked for at the top of a continued table (repeated from the table's start).
MAX_REPEATED_ROWS = 6
#: Rows of a grid looked back over for the header a table stacked under it prints again.
MAX_HEADER_SEARCH = 200
#: Lines printed above a grid's first table kept as its first rows, and their length at most.
PREAMBLE_LINES = 6
MAX_LINE_CHARS = 500
#: Points two column edges may differ by and still be the same column on the next page: pdfplumber
#: snaps ruling lines within 3 points of each other to their mean (its snap_tolerance), so a column
#: line drawn near another table's line on one page is moved by up to that much there.
EDGE_TOLERANCE = 3.0
#: Points between two tables stacked on a page that are a blank row between them (not a table
#: printed as touching pieces).
STACK_GAP = 6.0
#: A cell text that starts a numbered item (指标2:, 2、, (3), 三、) begins a row of its own, never
#: the rest of a row cut by a page break; nor does the text after one that ended a sentence.
_NEW_ITEM = re.compile(r"\s{0,4}(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）、.．:：]|\S{1,6}?[0-9]{1,3}\s{0,2}[:：、.．])")
_ENDS_SENTENCE = frozenset("。；;！!？?")
#: A text cut in the middle of a word: it ends with a Chinese character (a coded indicator string's
#: item ends with ；, which alone says nothing while its row's name or goal was cut mid-word).
_MID_TEXT = re.compile(r"[\u4e00-\u9fff]")
#: A label's bracketed annotation alone: (90分), （必填）.
_ANNOTATION = re.compile(r"^[(（][^()（）]{1,12}[)）]$")
#: How far into a cut text a bracket left open (or closed on the next page) is looked for.
MAX_BRACKET_CHARS = 40
#: A number fills its cell without being cut (numbers do not wrap): only its unit goes on from one
#: (``100`` | ``%``), never a text of its own.
_NUMBER = re.compile(r"[-+]?[0-9][0-9,.]{0,30}%?")
_UNIT = re.compile(r"[^0-9\s]{1,2}")


def load_grids(path: str | Path) -> list[Grid]:
    """The ruled tables of a PDF as grids: a page's tables stacked, a table continued over pages
    stitched into one grid (its repeated header dropped), every cell located on its page."""
    with open_pdf(path) as pdf:
        return stitch(pdf.pages())


class _Building:
    """A grid being built: its rows, merged ranges, and each row's (page, row number on that page)."""

    def __init__(self, columns: tuple[float, ...], above: list[str], page: int, first_row: list[str]) -> None:
        self.columns = columns
        self.above = _above(above, first_row)
        preamble = self.above[-PREAMBLE_LINES:]
        self.rows: list[list[str]] = [[line[:MAX_LINE_CHARS]] for line in preamble]
        self.merged: list[tuple[int, int, int, int]] = []
        self.places: list[tuple[int, int]] = [(page, -k) for k in range(1, len(preamble) + 1)]
        self.first_rows: list[list[str]] = []  # the rows the table started with (a header to repeat)
        self.indents: dict[tuple[int, int], float] = {}
        self.below: int | None = None  # the first of the lines printed under the table, once added

    def header_edges(self, first_row: list[str]) -> list[int] | None:
        """Where the columns of a table stacked under the grid lie among the grid's, when its first row
        prints again, cell by cell, a row of the grid's table (a web page's table split in two, each part
        laid out on its own width, the second reprinting the header): each of its column edges at the
        column of the same text. None unless every cell of that row has its text there, in order."""
        if not first_row or not all(first_row):
            return None
        width = len(self.columns) - 1
        for row in reversed(self.rows[-MAX_HEADER_SEARCH:]):
            if len(row) != width:
                continue
            cols = [c for c, text in enumerate(row) if text]
            if [row[c] for c in cols] == first_row:
                return [*cols, width] if cols[0] == 0 else None
        return None

    def add(self, page: int, number: int, rows: list[list[str]], merged: list[tuple[int, int, int, int]],
            skip: int = 0, indents: dict[tuple[int, int], float] | None = None) -> None:
        """The rows of one table (its first `skip` rows left out), numbered on their page from `number`;
        indents: its cells' indents (em) by (row, column) within the table."""
        if not self.first_rows:
            self.first_rows = rows[:MAX_REPEATED_ROWS]
        base = len(self.rows) - skip
        self.indents.update(((r + base, c), v) for (r, c), v in (indents or {}).items() if r >= skip)
        self.rows.extend(rows[skip:])
        self.places.extend((page, number + n) for n in range(skip, len(rows)))
        self.merged.extend((r1 + base, c1, r2 + base, c2) for r1, c1, r2, c2 in merged if r1 >= skip)

    def join_cut_row(self, rows: list[list[str]], at: int, columns: tuple[float, ...], before: RuledTable,
                     *, drawn_open: bool = False) -> bool:
        """Join ``rows[at]`` — a continued table's first row on its page, nothing printed above it —
        to the grid's last row when it is that row cut by the page break: its text stands only in cells whose text ran to
        the right edge on the page before (``before.full_last_cells``; a merged cell reaching down to
        that row counts with its first cell's text), and no text there starts a numbered item or
        follows a number, nor follows one that ended a sentence — unless another of the row's texts
        was cut in the middle of a word. ``drawn_open``: the printer drew the row open at both sides of
        the break (no rule under the grid's last row, none over this one: a browser's print), which
        says the row was cut whatever its texts are: each text goes on its cell's. True when joined
        (the caller leaves the row out)."""
        if at >= len(rows) or not self.rows or len(self.rows[-1]) != len(rows[at]):
            return False
        cut = rows[at]
        filled = [c for c, text in enumerate(cut) if text]
        if drawn_open:  # (a part that printed nothing is the empty rest of the row: left out)
            return self._join_drawn_open(cut, filled, columns, before)
        if not filled:
            return False
        full = before.full_last_cells()
        last_row = len(self.rows) - 1
        origins: dict[int, int] = {}  # column → the row holding the text the cut text goes on from
        for c in filled:
            # a bracketed annotation alone ((90分)) goes on a label wrapped before it even when that
            # label did not reach its cell's edge (年度绩效目标 | (90分) on two lines of a narrow cell)
            annotation = bool(_ANNOTATION.match(cut[c]))
            if c >= len(columns) or (round(columns[c], 1) not in full and not annotation):
                return False
            row = last_row if self.rows[last_row][c] else next(
                (r1 for r1, c1, r2, _ in self.merged if c1 == c and r1 <= last_row <= r2), None)
            if row is None or not self.rows[row][c] \
                    or (annotation and self.rows[row][c][-1] in ")）") \
                    or (_NEW_ITEM.match(cut[c]) and not (_opens(self.rows[row][c]) and _closes(cut[c]))) \
                    or (_NUMBER.fullmatch(self.rows[row][c]) and not _UNIT.fullmatch(cut[c])):
                return False
            origins[c] = row
        ended = [c for c, row in origins.items() if self.rows[row][c][-1] in _ENDS_SENTENCE]
        if ended and (len(ended) == len(origins) or not any(
                _MID_TEXT.match(self.rows[row][c][-1]) for c, row in origins.items() if c not in ended)):
            return False  # (a text ended a sentence there: a new row, unless another was cut mid-word)
        for c, row in origins.items():
            self.rows[row][c] += cut[c]
        return True

    def last_row_blank(self) -> bool:
        """Did the grid's last row, a table row, print nothing in its own cells (the cells merged down over
        it from above aside)? Drawn open under it, it is the top of a row the page break cut, its text
        lines moved to the next page (a browser's print; the next page's first row may be drawn closed)."""
        if not self.rows or self.places[-1][1] <= 0:
            return False
        return not any(self.rows[-1])

    def _join_drawn_open(self, cut: list[str], filled: list[int], columns: tuple[float, ...],
                         before: RuledTable) -> bool:
        """Each text of a row cut open by the page break onto the text it goes on from (the grid's last
        row, or the merged cell reaching down to it; the cell itself when that part printed nothing).
        A last part that printed nothing has no merges of its own: drawn without the rules between its
        empty cells, it is one row with the next page's part, whose texts stand in their own cells.
        A part starting a numbered item after a text whose last line stopped short of its cell's right
        edge (``before.full_last_cells``) goes on on a line of its own, as that break printed it
        (二、自有资金：0万元 | 三、其他：3683.3970万元: the items of an amount's breakdown)."""
        last_row = len(self.rows) - 1
        if not any(self.rows[last_row]):
            self.merged = [m for m in self.merged if not m[0] == m[2] == last_row]
        full: set[float] | None = None
        for c in filled:
            row = last_row if self.rows[last_row][c] else next(
                (r1 for r1, c1, r2, _ in self.merged if c1 == c and r1 <= last_row <= r2), last_row)
            if c < len(self.rows[row]):
                above = self.rows[row][c]
                if above and c < len(columns) and _NEW_ITEM.match(cut[c]):
                    full = before.full_last_cells() if full is None else full
                    if round(columns[c], 1) not in full:
                        above += "\n"
                self.rows[row][c] = above + cut[c]
        return True

    def join_cut_brackets(self, rows: list[list[str]], at: int, columns: tuple[float, ...],
                          before: RuledTable) -> list[int]:
        """A cell of ``rows[at]`` — a continued table's first row on its page — whose text closes a
        bracket that the text of the cell above (the grid's last row, or the merged cell reaching
        down to it) left open, that text running to its cell's right edge and bottom on the page
        before (``before.full_last_cells``): one text cut by the page break (``效益指标(20`` | ``分)``),
        not a cell of its own. Its text goes on that cell's text and leaves the row (the cell, now
        empty, continues the cell above: :meth:`reach_down`). The columns so joined."""
        if at >= len(rows) or not self.rows or len(self.rows[-1]) != len(rows[at]):
            return []
        full = before.full_last_cells()
        last_row = len(self.rows) - 1
        joined = []
        for c, text in enumerate(rows[at]):
            if not text or c >= len(columns) or round(columns[c], 1) not in full or not _closes(text):
                continue
            row = last_row if self.rows[last_row][c] else next(
                (r1 for r1, c1, r2, _ in self.merged if c1 == c and r1 <= last_row <= r2), None)
            if row is not None and _opens(self.rows[row][c]):
                self.rows[row][c] += text
                rows[at][c] = ""
                joined.append(c)
        return joined

    def reach_down(self, columns: list[int], first: int) -> None:
        """The cells above row ``first`` in these columns (a merged range ending on the row above,
        or a single cell there) reach down over the cell starting at ``first`` (its text went on
        theirs: :meth:`join_cut_brackets`); a range starting at ``first`` is left to
        :meth:`continue_merges`."""
        for c in columns:
            if any(r1 == first and c1 == c for r1, c1, _, _ in self.merged):
                continue
            k = next((k for k, (r1, c1, r2, c2) in enumerate(self.merged) if c1 == c and r2 == first - 1), None)
            if k is not None:
                r1, c1, _, c2 = self.merged[k]
                self.merged[k] = (r1, c1, first, c2)
            elif not any(c1 <= c <= c2 and r1 <= first - 1 <= r2 for r1, c1, r2, c2 in self.merged):
                self.merged.append((first - 1, c, first, c))
    def blank_row(self, page: int) -> None:
        """An empty row (the gap between two tables stacked on a page: a blank row of the sheet, where
        the layouts see one table end and the next begin)."""
        self.rows.append([])
        self.places.append((page, 0))

    def join_open(self, first: int, by_edge: dict[float, tuple[int, str]]) -> None:
        """Merged cells cut by the page break and drawn open (no rule at the page's foot, nor at the
        next page's top: a workbook exported by Calc or Excel). ``by_edge``: for each such column (by
        its left edge), the last row of its part on the new page (counted from row ``first``) and the
        text printed there (each line of a merged cell's text is printed on the page where it falls).
        The part is one merged range with the part above, the texts joined at its first row; what
        the new page's table read there (an open cell spanning other columns too) is left out."""
        if not 0 < first < len(self.rows):
            return
        width = min(len(self.rows[first]), len(self.rows[first - 1]))
        blocks = {c: b for c, x in enumerate(self.columns[:-1]) for e, b in by_edge.items()
                  if abs(x - e) <= EDGE_TOLERANCE}
        cols = {c for c in blocks if c < width}
        kept = []
        for r1, c1, r2, c2 in self.merged:  # the new page's own reading of these cells
            if r1 == first and all(c in cols for c in range(c1, c2 + 1)):
                self.rows[first][c1] = ""
                continue
            kept.append((r1, c1, r2, c2))
        self.merged = kept
        for c in sorted(cols):
            last, text = blocks[c]
            if any(c1 <= c <= c2 and c1 != c2 and r1 <= first - 1 <= r2 for r1, c1, r2, c2 in self.merged):
                continue  # the cell above spans other columns too
            above = next((k for k, (r1, c1, r2, c2) in enumerate(self.merged) if c1 == c2 == c and r2 == first - 1), None)
            origin = self.merged[above][0] if above is not None else first - 1
            end = min(first + last, len(self.rows) - 1)
            self.rows[origin][c] += join_lines(text[:MAX_LINE_CHARS])
            for r in range(first, end + 1):
                if c < len(self.rows[r]):
                    self.rows[r][c] = ""
            self.merged = [m for k, m in enumerate(self.merged) if k != above]
            self.merged.append((origin, c, end, c))

    def continue_merges(self, first: int) -> None:
        """A merged cell cut by the page break — its part on the new page starts at row ``first``
        with no text of its own — is one merged range again with its part on the page before (a
        merged range ending on the row above, or a single cell there: the part that fitted on the
        page before was one row; or the part on the new page is one row, a single empty cell under
        a merged range)."""
        if first < 1 or first >= len(self.rows):
            return
        starting = {c for r1, c1, _, c2 in self.merged if r1 == first for c in range(c1, c2 + 1)}
        for k, (r1, c1, r2, c2) in enumerate(self.merged):
            if r2 == first - 1 and r1 < r2 and c1 == c2 and c1 not in starting \
                    and c1 < len(self.rows[first]) and not self.rows[first][c1]:
                self.merged[k] = (r1, c1, first, c2)
        above = {(c1, c2): k for k, (r1, c1, r2, c2) in enumerate(self.merged) if r2 == first - 1}
        covered = {(c, first - 1) for r1, c1, r2, c2 in self.merged if r1 <= first - 1 <= r2
                   for c in range(c1, c2 + 1)}
        dropped: set[int] = set()
        for k, (r1, c1, r2, c2) in enumerate(self.merged):
            if r1 != first or self.rows[r1][c1]:
                continue
            j = above.get((c1, c2))
            if j is not None:
                a1, ac1, _, ac2 = self.merged[j]
                self.merged[j] = (a1, ac1, r2, ac2)
                dropped.add(k)
            elif c1 < c2 and (tiles := _tiling(above, c1, c2)) is not None:
                # one empty range under several merged cells side by side (their parts on this page drawn
                # without the rules between them): each goes on down, as on the page before
                for j in tiles:
                    a1, ac1, _, ac2 = self.merged[j]
                    self.merged[j] = (a1, ac1, r2, ac2)
                dropped.add(k)
            elif c1 == c2 and (c1, first - 1) not in covered and c1 < len(self.rows[first - 1]) \
                    and len(self.rows[first - 1]) == len(self.rows[first]) and self.places[first - 1][1] > 0:
                self.merged[k] = (first - 1, c1, r2, c2)
        if dropped:
            self.merged = [m for k, m in enumerate(self.merged) if k not in dropped]

    def widen(self, edges: list[int], columns: tuple[float, ...]) -> None:
        """Put the grid's table rows on wider ``columns`` (``edges``: where each of its column edges
        lies among them, :func:`column_union`): a continued table drew column lines the grid's pages
        did not."""
        if len(edges) == len(columns):
            return
        width = len(self.columns) - 1
        table_rows = [r for r, (_, number) in enumerate(self.places) if number > 0 and len(self.rows[r]) == width]
        self.merged = _spread_merges(self.merged, edges, table_rows)
        for r in table_rows:
            self.rows[r] = _widened([self.rows[r]], edges)[0]
        self.first_rows = _widened(self.first_rows, edges) if all(len(row) == width for row in self.first_rows) \
            else self.first_rows
        self.indents = {(r, edges[c]): v for (r, c), v in self.indents.items()}
        self.columns = columns

    def add_below(self, lines: list[tuple[int, str]]) -> None:
        """The lines printed under the grid's last table (经办人：…, 上报时间：…; each with its page),
        one cell each, as its last rows (``表格下方第1行``)."""
        lines = [(page, line[:MAX_LINE_CHARS]) for page, line in lines][:PREAMBLE_LINES]
        if lines and self.below is None:
            self.below = len(self.rows)
            self.rows.extend([line] for _, line in lines)
            self.places.extend((page, 0) for page, _ in lines)

    def merged_texts_at_end(self) -> set[str]:
        """The texts of the merged cells reaching down to the grid's last row (a printer may print
        such a cell's text again, out of sight, above its part on the next page)."""
        last = len(self.rows) - 1
        return {self.rows[r1][c1].replace(" ", "") for r1, c1, r2, _ in self.merged
                if r2 == last and r1 < r2 and self.rows[r1][c1]}

    def extend_undrawn(self, columns: list[int], first: int) -> None:
        """Columns a continued table did not draw at all on its page (its first table starts right
        of them): the merged cells reaching the row above ``first`` in them go on to the grid's end."""
        end = len(self.rows) - 1
        for c in columns:
            k = next((k for k, (r1, c1, r2, c2) in enumerate(self.merged) if c1 <= c <= c2 and r1 <= first - 1 <= r2), None)
            if k is not None and self.merged[k][1] == c:
                r1, c1, _, c2 = self.merged[k]
                self.merged[k] = (r1, c1, end, c2)

    def grid(self) -> Grid:
        pages = sorted({page for page, _ in self.places})
        name = f"第{pages[0]}页" if len(pages) == 1 else f"第{pages[0]}–{pages[-1]}页"
        merged = _without_overlaps(self.merged)
        rows, places, indents, below = self.rows, self.places, self.indents, self.below
        if (hollow := _hollow_rows(rows, places, merged)):
            kept = [r for r in range(len(rows)) if r not in hollow]
            new = {r: k for k, r in enumerate(kept)}
            shift = [0] * (len(rows) + 1)  # hollow rows above each row
            for r in range(len(rows)):
                shift[r + 1] = shift[r] + (r in hollow)
            rows, places = [rows[r] for r in kept], [places[r] for r in kept]
            merged = [m for r1, c1, r2, c2 in merged if r1 in new  # (an empty cell's range on a hollow row: gone)
                      and ((m := (new[r1], c1, r2 - shift[r2 + 1], c2))[0] < m[2] or c1 < c2)]
            indents = {(new[r], c): v for (r, c), v in indents.items() if r in new}
            below = None if below is None else below - shift[min(below, len(self.rows))]
        return Grid(sheet=name, rows=rows, merged=merged, locate=RowsLocate(places, below),
                    cell_indents=indents or None)


def stitch(pages: Iterable[PdfPage]) -> list[Grid]:
    """The grids of these pages: tables stacked on a page (a table under lines of text of its own,
    such as 附件2 and its title, starts a grid of its own), a table continued over pages stitched, and
    the lines printed under a grid's last table on its last page kept as its last rows."""
    grids: list[Grid] = []
    current: _Building | None = None
    previous_page = 0  # the last page with a table (current's last rows are there)
    previous_lines: list[str] = []  # the lines printed above that page's first table
    last_table: RuledTable | None = None  # the table current's last rows came from
    below: list[tuple[int, str]] = []  # (page, line) under current's last table, when current ends there
    last_row: list[str] = []

    def close() -> None:
        if current is not None:
            if below:
                current.add_below(below)
            grids.append(current.grid())

    for page in pages:
        if page.number > MAX_PAGES:
            break
        number = 1  # row number on this page, across its tables
        first = True
        for k, table in enumerate(page.tables):
            rows, merged, indents = table.grid_with_indents()
            if not rows:
                continue
            _give_back_spilled(rows, page.spill_top if k == 0 else {}, page.spill_bottom if k == len(page.tables) - 1 else {})
            between = _above(_lines(page.between[k - 1]), rows[0]) if k and k - 1 < len(page.between) else []
            own_columns, above, blocks = table.columns, page.above, {}
            if first and current is not None and last_table is not None and page.number == previous_page + 1:
                rows, merged, indents, own_columns, above, blocks = _going_on(
                    current.columns, last_table, page, table, rows, merged, indents)
            if current is not None and not first and not between:
                if last_table is not None and table.top - last_table.bottom > STACK_GAP:
                    current.blank_row(page.number)  # as the sheet printed has a blank row there
                widened = False
                if len(own_columns) != len(current.columns) and (edges := current.header_edges(rows[0])) is not None:
                    rows = _widened(rows, edges)  # its header printed again over columns of its own: under the grid's
                    merged, indents = _widened_merges(rows, merged, edges), {
                        (r, edges[c]): v for (r, c), v in indents.items()}
                    widened = True
                current.add(page.number, number, rows, merged, indents=indents)  # stacked under the table above
                if not widened:  # its column lines are the ones a next page goes on from (also a table of other
                    current.columns = own_columns  # columns: the next project's form, its rows as it has them)
            elif current is not None and first and page.number == previous_page + 1 and (
                    union := column_union(current.columns, own_columns)) is not None and _continues(
                    current, _widened(rows, union[2]), above, previous_lines,
                    same_columns=len(union[0]) == len(current.columns) == len(own_columns),
                    ran_out=last_table is not None and last_table.reaches_page_end()):
                columns, before, edges = union
                current.widen(before, columns)
                rows = _widened(rows, edges)
                merged, indents = _widened_merges(rows, merged, edges), {
                    (r, edges[c]): v for (r, c), v in indents.items()}
                skip, cut = _repeated(current.first_rows, rows), []
                if last_table is not None and not _own_above(current, above, rows[0]) \
                        and current.join_cut_row(rows, skip, current.columns, last_table,
                                                 drawn_open=not skip and last_table.cut_open("bottom")
                                                 and (table.cut_open("top") or current.last_row_blank())):
                    merged = _after_row(merged, skip)
                    skip += 1
                elif last_table is not None:
                    cut = current.join_cut_brackets(rows, skip, current.columns, last_table)
                first_new = len(current.rows)
                current.add(page.number, number, rows, merged, skip=skip, indents=indents)
                current.reach_down(cut, first_new)
                if not skip and blocks:
                    current.join_open(first_new, blocks)
                current.continue_merges(first_new)
                current.extend_undrawn(list(range(edges[0])), first_new)
            else:
                if not first:
                    below = []  # the lines between are the next table's own
                close()
                below = []
                lines = (_lines(page.above) if first else between)
                current = _Building(table.columns, lines, page.number, rows[0])
                current.add(page.number, number, rows, merged, indents=indents)
            number += len(rows)
            first = False
            last_table, last_row = table, rows[-1]
        if not first:
            previous_page, previous_lines = page.number, _lines(page.above)
            below = [(page.number, line) for line in _own_lines_below(_above(_lines(page.below), last_row))]
        elif current is not None:  # a page without a table ends the table before it
            if page.number == previous_page + 1 and last_table is not None and last_table.reaches_page_end() \
                    and len(below) < PREAMBLE_LINES:  # its lines under it going on at this page's top
                lines = _own_lines_below([line for _, line in below] + _lines(page.top_lines()))
                below += [(page.number, line) for line in lines[len(below):]]
            close()
            current, below = None, []
    close()
    from perfgoals_xl.sources.grid_split import split_stacked_tables

    # tables stacked on a page with a blank row between them, the second under its own title band
    return [piece for grid in grids for piece in split_stacked_tables(grid)]


def _give_back_spilled(rows: list[list[str]], top: dict[int, str], bottom: dict[int, str]) -> None:
    """A page-filling row's text printed past the table's rules (containers/pdf_spill.py) put back in
    its cells: the lines above before the first row's text, the lines under after the last row's."""
    for k, text in top.items():
        if k < len(rows[0]):
            rows[0][k] = text + rows[0][k]
    for k, text in bottom.items():
        if k < len(rows[-1]):
            rows[-1][k] = rows[-1][k] + text


def _going_on(before: tuple[float, ...], last: RuledTable, page: PdfPage, table: RuledTable, rows: list[list[str]],
              merged: list[tuple[int, int, int, int]], indents: dict[tuple[int, int], float]) -> tuple[
        list[list[str]], list[tuple[int, int, int, int]], dict[tuple[int, int], float], tuple[float, ...], list[str],
        dict[float, tuple[int, str]]]:
    """A page's first table after a table (``last``, of columns ``before``) whose merged cells went on
    open at its page's foot (drawn without a rule: a workbook exported by Calc or Excel): its rows,
    ranges, indents and columns — with empty first columns when it draws no cell in such cells
    (:func:`open_leading`) —, the lines above it without the text of those cells (centred in the
    whole cell, it may be printed above the first rule), and each such cell's part here by left
    edge (for :meth:`_Building.join_open`)."""
    foot = last.open_at_foot()
    if not foot:
        return rows, merged, indents, table.columns, page.above, {}
    open_cols = [c for c, x in enumerate(before[:-1]) if _near(x, foot)]
    ranges = [(before[c], before[c + 1]) for c in open_cols]
    columns = table.columns
    if lead := open_leading(before, foot, columns):
        rows, merged, indents = _padded(rows, merged, indents, lead)
        columns = before[:lead] + columns
    blocks = {before[c]: b for c, b in zip(open_cols, table.first_blocks(ranges), strict=True) if b is not None}
    return rows, merged, indents, columns, page.above_outside(ranges), blocks


def _near(x: float, edges: set[float]) -> bool:
    return any(abs(x - e) <= EDGE_TOLERANCE for e in edges)


def open_leading(before: tuple[float, ...], foot: set[float], after: tuple[float, ...]) -> int:
    """How many first columns of the table before (edges ``before``) a page's first table (edges
    ``after``) lacks — its left edge a later column edge of that table, its right edge the same —
    when each of them ended open at the foot of the page before (left edges ``foot``: a merged cell
    cut by the page break, going on here without a cell drawn); 0 otherwise."""
    if len(before) < 3 or not after or abs(before[-1] - after[-1]) > EDGE_TOLERANCE:
        return 0
    lead = next((k for k in range(1, len(before) - 1) if abs(before[k] - after[0]) <= EDGE_TOLERANCE), 0)
    return lead if lead and all(_near(x, foot) for x in before[:lead]) else 0


def _padded(rows: list[list[str]], merged: list[tuple[int, int, int, int]], indents: dict[tuple[int, int], float],
            lead: int) -> tuple[list[list[str]], list[tuple[int, int, int, int]], dict[tuple[int, int], float]]:
    """A table's rows with ``lead`` empty first columns put before its own, its ranges and indents
    moved with them."""
    rows = [[""] * lead + row for row in rows]
    merged = [(r1, c1 + lead, r2, c2 + lead) for r1, c1, r2, c2 in merged]
    return rows, merged, {(r, c + lead): v for (r, c), v in indents.items()}


def _opens(text: str) -> bool:
    """Does a text leave a bracket open at its end (``效益指标(20``)?"""
    tail = text[-MAX_BRACKET_CHARS:]
    opened = max(tail.rfind("("), tail.rfind("（"))
    return opened >= 0 and ")" not in tail[opened:] and "）" not in tail[opened:]


def _closes(text: str) -> bool:
    """Does a text close a bracket it did not open (``分)``)?"""
    head = text[:MAX_BRACKET_CHARS]
    closed = min((i for i in (head.find(")"), head.find("）")) if i >= 0), default=-1)
    return closed >= 0 and "(" not in head[:closed] and "（" not in head[:closed]


def _without_overlaps(merged: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The merged ranges, none over another: a range starting on cells a range above (or left of) it already
    covers starts under them (a cell merged down over a page break meets a range the next page drew
    across the same columns; left overlapping, the upper cell's text would fill the lower range)."""
    if len(merged) < 2:
        return merged
    taken: set[tuple[int, int]] = set()
    kept: dict[int, tuple[int, int, int, int]] = {}
    for k in sorted(range(len(merged)), key=merged.__getitem__):
        r1, c1, r2, c2 = merged[k]
        while r1 <= r2 and any((r1, c) in taken for c in range(c1, c2 + 1)):
            r1 += 1
        if r1 > r2 or (r1 == r2 and c1 == c2):
            continue
        taken.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        kept[k] = (r1, c1, r2, c2)
    return [kept[k] for k in sorted(kept)]  # (in their order)


def _hollow_rows(rows: list[list[str]], places: list[tuple[int, int]],
                 merged: list[tuple[int, int, int, int]]) -> set[int]:
    """Table rows with no text of their own under a merged cell from a row above: a rule one column's
    part drew where a page break cut a merged cell (a browser draws a cut cell's rest shorter or longer
    than the rows beside it) made them — no cell starts on such a row, or only empty ones (the space
    under a rest drawn short, closed by the table's foot) —; read, they repeated the row above. A row
    with no text that nothing from above reaches into (a blank row between two tables) stays."""
    reached = {r for r1, _, r2, _ in merged for r in range(r1 + 1, min(r2, len(rows) - 1) + 1)}
    return {r for r in reached if rows[r] and not any(rows[r]) and places[r][1] > 0}


def _tiling(ranges: dict[tuple[int, int], int], c1: int, c2: int) -> list[int] | None:
    """The ranges (keyed by their columns) that lie side by side over exactly columns c1…c2, at least two;
    None when they do not cover each of those columns once."""
    out, c = [], c1
    while c <= c2:
        end = next((e for (s, e) in ranges if s == c and e <= c2), None)
        if end is None:
            return None
        out.append(ranges[(c, end)])
        c = end + 1
    return out if len(out) >= 2 else None


def _after_row(merged: list[tuple[int, int, int, int]], row: int) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a table whose row ``row`` is left out (joined to the row above it): a
    range starting there starts on the next row (or is no range when it was that row alone)."""
    out = []
    for r1, c1, r2, c2 in merged:
        if r1 == row:
            r1 += 1
            if r1 > r2 or (r1 == r2 and c1 == c2):
                continue
        out.append((r1, c1, r2, c2))
    return out


def _continues(current: _Building, rows: list[list[str]], above: list[str], previous: list[str], *,
               same_columns: bool = True, ran_out: bool = False) -> bool:
    """Does a page's first table (its columns one with those of the table before: :func:`column_union`) go on
    with the table of the page before? Nothing printed above it; or, with the same column lines,
    the lines printed above that table's start (a page header) while it repeats that table's first
    rows, or only lines that were printed above the page before's table and above the table's start
    too (a running page header, such as a form's title printed on each of its pages: nothing of its
    own) after a table that ran to the end of its page (``ran_out``: a form that ended higher up is
    followed by the next form under the same title). A table drawing fewer column lines goes on only
    with nothing above it, after a table that ran to the end of its page: else it is the next form,
    not the rest of one."""
    lines = _own_above(current, above, rows[0])
    if not same_columns:
        return ran_out and not lines
    if not lines:
        return True
    if lines == current.above and _repeated(current.first_rows, rows) > 0:
        return True
    return ran_out and set(lines) <= set(current.above) and set(lines) <= set(previous)


def _own_above(current: _Building, above: list[str], first_row: list[str]) -> list[str]:
    """The lines printed above a page's first table, but its own first row and the texts of the
    merged cells reaching the grid's last row (a printer prints such a text again, out of sight,
    above the cell's part on the next page)."""
    merged_texts = current.merged_texts_at_end()
    return [line for line in _above(_lines(above), first_row) if line.replace(" ", "") not in merged_texts]


def column_union(before: tuple[float, ...], after: tuple[float, ...]
                 ) -> tuple[tuple[float, ...], list[int], list[int]] | None:
    """The column edges of a table and of a page's first table that may continue it, as one set
    (edges within EDGE_TOLERANCE points are one; the table before's kept), and where the edges of
    each lie among them: a table printed over pages draws on each page only the column lines of
    the cells there (a title block's extra cells stay on the page before, an indicator grid's on
    the next; a merged cell at the left cut by the page break and drawn with no rule at the top of
    the next page leaves its columns undrawn there). None unless both have the same right edge and
    the page's first table starts at a column edge of the table before."""
    if not before or not after or abs(before[-1] - after[-1]) > EDGE_TOLERANCE \
            or not any(abs(x - after[0]) <= EDGE_TOLERANCE for x in before[:-1]):
        return None
    edges: list[float] = []
    from_before: list[int] = []
    from_after: list[int] = []
    i = j = 0
    while i < len(before) or j < len(after):
        if j == len(after) or (i < len(before) and before[i] < after[j] - EDGE_TOLERANCE):
            from_before.append(len(edges))
            edges.append(before[i])
            i += 1
        elif i == len(before) or after[j] < before[i] - EDGE_TOLERANCE:
            from_after.append(len(edges))
            edges.append(after[j])
            j += 1
        else:  # the same edge on both pages
            from_before.append(len(edges))
            from_after.append(len(edges))
            edges.append(before[i])
            i += 1
            j += 1
    return tuple(edges), from_before, from_after


def _widened(rows: list[list[str]], edges: list[int]) -> list[list[str]]:
    """A table's rows on wider columns (``edges``: where each of its column edges lies among them,
    :func:`column_union`)."""
    if edges == list(range(len(edges))):
        return rows
    width = edges[-1]
    out = []
    for row in rows:
        wide = [""] * width
        for c, text in enumerate(row[:len(edges) - 1]):
            wide[edges[c]] = text
        out.append(wide)
    return out


def _widened_merges(rows: list[list[str]], merged: list[tuple[int, int, int, int]],
                    edges: list[int]) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a widened table (:func:`_widened`): each range on the wider columns, and
    a cell spanning several of them a merged range of its own."""
    return _spread_merges(merged, edges, range(len(rows)))


def _spread_merges(merged: list[tuple[int, int, int, int]], edges: list[int],
                   rows: Iterable[int]) -> list[tuple[int, int, int, int]]:
    """Merged ranges put on wider columns (``edges``: where each column edge lies among them): each
    range on the wider columns, and a single cell of these rows spanning several a range of its own."""
    if edges == list(range(len(edges))):
        return merged
    out = [(r1, edges[c1], r2, edges[c2 + 1] - 1) for r1, c1, r2, c2 in merged]
    covered = {(r, c) for r1, c1, r2, c2 in merged for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    for r in rows:
        for c in range(len(edges) - 1):
            if edges[c + 1] - 1 > edges[c] and (r, c) not in covered:
                out.append((r, edges[c], r, edges[c + 1] - 1))
    return out


def _own_lines_below(lines: list[str]) -> list[str]:
    """The lines under a table up to the first that is the web page's own (主办单位：…, 备案号：…:
    a saved page printed with its chrome), as the web-page container keeps them."""
    from perfgoals_xl.sources.page_chrome import is_page_info

    out = []
    for line in lines:
        if is_page_info(line):
            break
        out.append(line)
    return out


def _lines(text_lines: list[str]) -> list[str]:
    """The non-blank lines, stripped."""
    return [line.strip() for line in text_lines if line.strip()]


def _above(lines: list[str], first_row: list[str]) -> list[str]:
    """The lines printed above a table, without the table's own first row (its text may be read
    as above the table too, when the characters reach over the top ruling line)."""
    own = "".join(first_row).replace(" ", "")
    return [line for line in lines if line.replace(" ", "") != own]


def _repeated(first: list[list[str]], rows: list[list[str]]) -> int:
    """How many of a continued table's first rows repeat the first rows of the table it continues."""
    n = 0
    while n < min(len(first), len(rows)) and rows[n] == first[n] and any(rows[n]):
        n += 1
    return n


class RowsLocate:
    """A grid row's place on its PDF page: ``第3页``, ``第5行·第2列`` (row numbers per page); a line
    printed above the table: ``表格上方第1行``; under it (rows from ``below`` on): ``表格下方第1行``."""

    __slots__ = ("below", "places")

    def __init__(self, places: list[tuple[int, int]], below: int | None = None) -> None:
        self.places = places
        self.below = below

    def __call__(self, r: int, c: int) -> tuple[str, str]:
        """The (page, cell) names of grid cell (r, c)."""
        page, number = self.places[r]
        if number < 0:
            return f"第{page}页", f"表格上方第{-number}行"
        if self.below is not None and r >= self.below:
            return f"第{page}页", f"表格下方第{r - self.below + 1}行"
        return f"第{page}页", f"第{number}行·第{c + 1}列"


def page_grids(path: str | Path) -> list[Grid]:
    """Each page's tables as one grid of pdfplumber's extracted rows (wrapped lines joined), named
    第n页: the shape the 自评表 reader reads a PDF in (a long form continues over pages)."""
    grids = []
    with open_pdf(path) as pdf:  # safety checks first; caches dropped page by page
        for page in pdf.pages():
            if page.number > MAX_PAGES:
                break
            rows = [[None if c is None else join_lines(c) for c in row] for table in page.tables for row in table.texts]
            grids.append(Grid(sheet=f"第{page.number}页", rows=rows))
    return grids
