"""One Word table (``w:tbl``) as a grid: ``w:gridSpan`` across and ``w:vMerge`` down become merged
ranges, ``w:gridBefore`` leaves its empty cells, a cell's paragraphs are lines of its text. The
document's paragraphs just above a table (since the table before it: the title, the year line
（2024年度）, ``部门名称：…``, ``单位：万元``, a heading naming the project) are the grid's first rows,
as the web-page container keeps a page's lines (containers/table_preamble.py): located
``表格2!表格上方第1行``, while the table's own cells stay ``表格2!B3``. The paragraphs written right
under a table (填报人：…, 上报时间：…: up to the first empty paragraph or the next table) are its last
rows, ``表格2!表格下方第1行``. Page headers and footers are other parts of the package and are never read;
a web page the document imports whole (``w:altChunk``) is read where it stands (word_chunks.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.containers.table_preamble import (
    PREAMBLE_LINES,
    flush,
    located_table,
    with_lines_below,
)
from perfgoals_xl.sources.containers.word_chunks import ALT_CHUNK, chunk_grids
from perfgoals_xl.sources.grid import Grid

#: Largest table read (rows × columns), and the largest gridSpan honoured.
MAX_CELLS = 2_000_000
MAX_SPAN = 256
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_T = f"{_W}t"
#: The fallback copy of a drawing (a text box is written twice: as a drawing and as VML).
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: Wrappers a document may put around body blocks, rows and cells: a content control (a template's
#: fill-in field, a repeating section, a system's data binding) and custom XML markup. What they hold
#: is the document's, as if unwrapped.
_WRAPPERS = (f"{_W}sdt", f"{_W}customXml")
#: Nesting of such wrappers followed, at most (Word nests a few).
_MAX_WRAP_DEPTH = 16


def unwrapped(parent: Any, _depth: int = 0) -> Any:
    """The children of a body, table or row with content controls (``w:sdt`` → ``w:sdtContent``) and custom
    XML (``w:customXml``) around them taken away: the blocks, rows or cells as Word lays them out."""
    for child in parent.iterchildren():
        if child.tag in _WRAPPERS and _depth < _MAX_WRAP_DEPTH:
            inner = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if inner is not None:
                yield from unwrapped(inner, _depth + 1)
        else:
            yield child


def _placeholder_texts(element: Any) -> set[Any]:
    """The ``w:t`` elements of content controls showing their placeholder (``w:showingPlcHdr``: 单击或点击此处
    输入文字。 of a template left unfilled): no text of the document."""
    found: set[Any] = set()
    for sdt in element.iter(f"{_W}sdt"):
        props = sdt.find(f"{_W}sdtPr")
        if props is not None and props.find(f"{_W}showingPlcHdr") is not None:
            found.update(sdt.iter(_T))
    return found


def docx_grids(path: Path, *, shown: Path) -> list[Grid]:
    """Every table of a (safe, checked) .docx as a grid named 表格n; shown: the path named in errors."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    from perfgoals_xl.sources.containers.docx_safety import check_docx_parts, package_error
    from perfgoals_xl.sources.workbook_safety import check_zip_workbook

    check_zip_workbook(path)
    check_docx_parts(path, shown)  # every XML part well-formed, no DTD, a w:document with a w:body
    try:
        document = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(shown, f"不是有效的 Word 文档（.docx）：{package_error(exc)}") from None
    grids: list[Grid] = []
    lines: list[str] = []  # the paragraphs' lines since the last table
    below: list[str] | None = None  # the lines right under the last table, until an empty paragraph
    for child in unwrapped(document.element.body):
        if child.tag == f"{_W}tbl":
            grids.append(table_grid(child, f"表格{len(grids) + 1}", shown, lines[-PREAMBLE_LINES:]))
            lines.clear()
            below = []
        elif child.tag == ALT_CHUNK:  # a web page the document imports whole (word_chunks.py)
            grids.extend(chunk_grids(document, child, shown, len(grids) + 1))
            lines.clear()
            below = None
        elif child.tag == f"{_W}p":
            para = paragraph_lines(child)
            lines.extend(para)
            if below is not None and para and len(below) < PREAMBLE_LINES:
                below.extend(para)
            elif below is not None and not below:
                below = None  # an empty paragraph first: nothing is written right under the table
            elif below is not None and not para:
                grids[-1], below = with_lines_below(grids[-1], below), None
        del lines[:-PREAMBLE_LINES]
    if below:  # the last table's lines run to the end of the document
        grids[-1] = with_lines_below(grids[-1], below)
    if not grids:
        raise InputError(shown, "Word 文档中没有表格：应为项目支出绩效目标申报表或一行一指标的表格")
    return grids


def _cell_text(tc: Any, *, own_only: bool = False) -> str:
    """A cell's paragraphs joined by line breaks, a line break inside a paragraph (``w:br``, ``w:cr``)
    one too, as Word shows the cell and as a web page's ``<br>`` reads (nested tables' text included,
    unless ``own_only``: then only the cell's own paragraphs; a text box's fallback copy and a content
    control's placeholder left out)."""
    skipped = _placeholder_texts(tc) | {t for copy in tc.iter(_FALLBACK) for t in copy.iter(_T, f"{_W}br", f"{_W}cr")}
    scope = (el for el in unwrapped(tc) if el.tag == f"{_W}p") if own_only else tc.iter(f"{_W}p")
    paragraphs: dict[Any, list[str]] = {p: [] for p in scope}  # (in document order)
    for t in tc.iter(_T, f"{_W}br", f"{_W}cr"):
        own = next(t.iterancestors(f"{_W}p"), None)  # a text box's paragraph, not the one holding the box
        if t not in skipped and own in paragraphs:
            paragraphs[own].append((t.text or "") if t.tag == _T else "\n")
    lines = ["".join(pieces) for p, pieces in paragraphs.items()
             if pieces or p.find(f".//{_W}p") is None]  # (a paragraph only holding a text box: no line)
    return "\n".join(lines).strip()


def paragraph_lines(p: Any) -> list[str]:
    """A body paragraph's text as lines, as Word shows it: a line break (``w:br``, ``w:cr``) ends a
    line, a tab is a space, whitespace runs collapse; a text box's paragraphs are lines of their own
    (its fallback copy is skipped); blank lines are left out."""
    from lxml import etree

    lines: list[str] = []
    piece: list[str] = []
    placeholders = _placeholder_texts(p)
    skip = 0  # depth inside a fallback copy
    for event, el in etree.iterwalk(p, events=("start", "end")):
        if skip:
            skip += 1 if event == "start" else -1
            continue
        tag = el.tag
        if event == "end":
            if tag == f"{_W}p" and el is not p:
                flush(piece, lines)
            continue
        if tag == _FALLBACK:
            skip = 1
        elif tag == f"{_W}t" and el not in placeholders:
            piece.append(el.text or "")
        elif tag in (f"{_W}br", f"{_W}cr", f"{_W}p") and el is not p:
            flush(piece, lines)
        elif tag == f"{_W}tab" and el.getparent().tag == f"{_W}r":  # not a tab stop of w:pPr
            piece.append(" ")
    flush(piece, lines)
    return lines


def table_grid(tbl: Any, name: str, path: Path, preamble: list[str] | None = None) -> Grid:
    """One Word table (``w:tbl``) as a grid with merged ranges (gridSpan across, vMerge down), the
    preamble lines (the paragraphs above it) as its first rows. A table nested in the last cell of a row
    (a form's indicator grid put in the cell beside its 绩效指标 label, or a whole form inside a frame
    table) stands in the grid as its own rows, the row's cells left of it merged down beside them."""
    budget = [MAX_CELLS]
    rows, merged = _table_rows(tbl, name, path, budget, 0)
    return located_table(name, preamble or [], rows, merged)


#: Tables nested in tables followed, at most (a form in a frame table in a layout table …).
MAX_NESTING = 4


def _table_rows(tbl: Any, name: str, path: Path, budget: list[int],
                depth: int) -> tuple[list[list[Any]], list[tuple[int, int, int, int]]]:
    """The rows and merged ranges of one table, tables nested in a row's last cell spliced in."""
    rows: list[list[Any]] = []
    merged: list[tuple[int, int, int, int]] = []
    open_down: dict[int, list[int]] = {}  # column → [r1, c1, r2, c2] of a vertical merge in progress
    for tr in (el for el in unwrapped(tbl) if el.tag == f"{_W}tr"):
        r = len(rows)
        row: list[Any] = []
        starts: list[tuple[int, int]] = []  # each cell's first and last column in this row
        inner: tuple[int, int, list[list[Any]], list[tuple[int, int, int, int]]] | None = None
        before = tr.find(f"{_W}trPr/{_W}gridBefore")
        if before is not None:
            row.extend([None] * _small_int(before.get(f"{_W}val"), 0))
        cells = [el for el in unwrapped(tr) if el.tag == f"{_W}tc"]
        for k, tc in enumerate(cells):
            props = tc.find(f"{_W}tcPr")
            span = 1
            vmerge = None
            if props is not None:
                gs = props.find(f"{_W}gridSpan")
                if gs is not None:
                    span = max(1, _small_int(gs.get(f"{_W}val"), 1))
                vm = props.find(f"{_W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{_W}val") or "continue"
            c = len(row)
            last_cell = k == len(cells) - 1 and depth < MAX_NESTING  # (only a row's last cell is spliced)
            nested = [el for el in unwrapped(tc) if el.tag == f"{_W}tbl" and _is_grid(el)] if last_cell else []
            if vmerge == "continue" and c in open_down:
                open_down[c][2] = r
                row.extend([None] * span)
            elif nested and vmerge is None:
                _close(open_down, c, merged)
                inner = (c, span, *_nested_rows(tc, nested, name, path, budget, depth))
                row.extend([None] * span)
            else:
                row.append(_cell_text(tc) or None)
                row.extend([None] * (span - 1))
                _close(open_down, c, merged)
                if vmerge == "restart":
                    open_down[c] = [r, c, r, c + span - 1]
                elif span > 1:
                    merged.append((r, c, r, c + span - 1))
            starts.append((c, c + span - 1))
        if inner is None:
            _spend(budget, len(row), name, path)
            rows.append(row)
            continue
        c, span, inner_rows, inner_merged = inner
        for i, inner_row in enumerate(inner_rows):
            line = (row[:c] if i == 0 else [None] * c) + list(inner_row)
            line.extend([None] * (c + span - len(line)))
            _spend(budget, len(line), name, path)
            rows.append(line)
        merged.extend((r1 + r, c1 + c, r2 + r, c2 + c) for r1, c1, r2, c2 in inner_merged)
        last = r + max(len(inner_rows), 1) - 1
        for first, end in starts:
            if first >= c or last == r:
                continue
            if first in open_down and open_down[first][0] <= r:
                open_down[first][2] = last  # merged down from above: on down beside the nested rows
            else:  # the cell (a 绩效指标 label) stands beside all the nested rows
                if (r, first, r, end) in merged:
                    merged.remove((r, first, r, end))
                merged.append((r, first, last, end))
    for c in list(open_down):
        _close(open_down, c, merged)
    return rows, merged


#: A nested table spliced in is a grid of at least this many rows and columns (a 2-column breakdown of an
#: amount in a 备注 cell stays that cell's text).
MIN_NESTED_ROWS, MIN_NESTED_COLS = 2, 3


def _is_grid(tbl: Any) -> bool:
    """Is a nested table a grid of its own (MIN_NESTED_ROWS × MIN_NESTED_COLS at least)?"""
    rows = [tr for tr in unwrapped(tbl) if tr.tag == f"{_W}tr"]
    return len(rows) >= MIN_NESTED_ROWS and max(
        sum(1 for tc in unwrapped(tr) if tc.tag == f"{_W}tc") for tr in rows) >= MIN_NESTED_COLS


def _nested_rows(tc: Any, nested: list[Any], name: str, path: Path, budget: list[int],
                 depth: int) -> tuple[list[list[Any]], list[tuple[int, int, int, int]]]:
    """The rows of a cell holding tables: its own text (a line above them) and each table's rows."""
    rows: list[list[Any]] = []
    merged: list[tuple[int, int, int, int]] = []
    own = _cell_text(tc, own_only=True)
    if own:
        rows.append([own])
    for tbl in nested:
        inner_rows, inner_merged = _table_rows(tbl, name, path, budget, depth + 1)
        merged.extend((r1 + len(rows), c1, r2 + len(rows), c2) for r1, c1, r2, c2 in inner_merged)
        rows.extend(inner_rows)
    return rows, merged


def _spend(budget: list[int], cells: int, name: str, path: Path) -> None:
    """Count a row's cells against the table's budget (MAX_CELLS for a table and all it nests)."""
    budget[0] -= cells
    if budget[0] < 0:
        raise InputError(path, f"{name} 超过 {MAX_CELLS} 个单元格，拒绝读取")


def _small_int(text: str | None, default: int) -> int:
    """A span attribute as a number in 0..MAX_SPAN (anything else: default); bounded before conversion."""
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit():
        return default
    return MAX_SPAN if len(text) > 4 else min(int(text), MAX_SPAN)


def _close(open_down: dict[int, list[int]], c: int, merged: list[tuple[int, int, int, int]]) -> None:
    found = open_down.pop(c, None)
    if found is not None and (found[2] > found[0] or found[3] > found[1]):
        merged.append((found[0], found[1], found[2], found[3]))
