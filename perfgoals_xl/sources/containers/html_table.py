"""One HTML ``<table>`` as a grid: ``rowspan``/``colspan`` as merged ranges (bounded), ``<br>`` and
block elements as line breaks inside a cell, the page lines above the table as its first rows, and
each cell located in the table (``表格2!B3``; a line above it ``表格2!表格上方第1行``).

What a browser does not show is no part of the grid: a row or cell hidden by ``display:none`` or the
``hidden`` attribute (a workbook saved as a web page writes its hidden rows and columns so: a code
column, a helper row), and hidden text inside a cell. A column whose cells are hidden is dropped, the
merged ranges across it narrowed.
"""

from __future__ import annotations

import re
from typing import Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.containers.table_preamble import (
    MAX_LINE_CHARS,
    TableLocate,
    flush,
    located_table,
)
from perfgoals_xl.sources.grid import Grid

__all__ = ["BLOCK", "MAX_CELLS", "MAX_LINE_CHARS", "MAX_SPAN", "TableLocate", "cell_text", "flush", "span_of",
           "table_grid", "table_rows"]

#: Largest span honoured, most cells of one table (rows × columns), longest cell.
MAX_SPAN = 1000
MAX_CELLS = 2_000_000
_CELL_CHARS = 1_000_000
#: Elements that end a line (inside a cell, and in the page text around tables).
BLOCK = frozenset({"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                   "table", "section", "article", "blockquote", "pre", "center", "form", "fieldset", "address",
                   "hr", "caption", "td", "th", "thead", "tbody", "tfoot", "main", "body"})
_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def table_grid(table: Any, name: str, preamble: list[str], path: object) -> Grid:
    """One data table as a grid: the page lines above it first, then its rows with merged ranges."""
    caption = next((cell_text(c) for c in table if c.tag == "caption"), "")
    lines = [*preamble, *caption.split("\n")] if caption else preamble
    rows: list[list[Any]] = []  # the table's own rows (located_table puts the lines above first)
    merged: list[tuple[int, int, int, int]] = []
    taken: dict[int, set[int]] = {}  # row → columns covered by a span from above
    budget = MAX_CELLS
    trs = table_rows(table)
    hidden_rows: set[int] = set()
    hidden_at: set[int] = set()  # columns where a hidden cell starts
    shown_at: set[int] = set()  # columns where a shown cell with text starts
    for r, tr in enumerate(trs):
        row: list[Any] = []
        covered = taken.pop(r, set())
        if is_hidden(tr):
            hidden_rows.add(r)
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while c in covered:
                c += 1
            rowspan = min(span_of(cell.get("rowspan")), len(trs) - r)
            colspan = span_of(cell.get("colspan"))
            budget -= rowspan * colspan
            if budget < 0:
                raise InputError(path, f"{name} 超过 {MAX_CELLS} 个单元格，拒绝读取")
            row.extend([None] * (c + colspan - len(row)))
            if is_hidden(cell):
                hidden_at.add(c)
            else:
                row[c] = cell_text(cell) or None
                if row[c] is not None and r not in hidden_rows:
                    shown_at.add(c)
            for rr in range(r + 1, r + rowspan):
                taken.setdefault(rr, set()).update(range(c, c + colspan))
            if rowspan > 1 or colspan > 1:
                merged.append((r, c, r + rowspan - 1, c + colspan - 1))
            c += colspan
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    width = max(width, max((m[3] + 1 for m in merged), default=0))
    for row in rows:
        row.extend([None] * (width - len(row)))
    if hidden_rows or hidden_at:
        rows, merged = _without(rows, merged, hidden_rows, hidden_at - shown_at)
    return located_table(name, lines, rows, merged)


#: ``display: none`` in a style attribute (looked at in its first 2,000 characters).
_DISPLAY_NONE = re.compile(r"display\s{0,8}:\s{0,8}none", re.IGNORECASE)


def is_hidden(el: Any) -> bool:
    """Does a browser leave this element out (``hidden`` attribute, or ``display:none`` in its style)?"""
    return el.get("hidden") is not None or bool(_DISPLAY_NONE.search((el.get("style") or "")[:2000]))


def _without(rows: list[list[Any]], merged: list[tuple[int, int, int, int]], drop_rows: set[int],
             drop_cols: set[int]) -> tuple[list[list[Any]], list[tuple[int, int, int, int]]]:
    """The grid without the rows and columns dropped; a merged range narrowed to what is left of it
    (gone when nothing is, or when its first cell is dropped)."""
    keep_r = [r for r in range(len(rows)) if r not in drop_rows]
    keep_c = [c for c in range(len(rows[0]) if rows else 0) if c not in drop_cols]
    new_r = {r: i for i, r in enumerate(keep_r)}
    new_c = {c: i for i, c in enumerate(keep_c)}
    out_rows = [[rows[r][c] for c in keep_c] for r in keep_r]
    out_merged = []
    for r0, c0, r1, c1 in merged:
        if r0 in drop_rows:
            continue  # (a hidden row's cell is not shown, however far it spans)
        if c0 in drop_cols:
            continue  # (the range's own cell was hidden: nothing of it is shown)
        rs = [new_r[r] for r in range(r0, r1 + 1) if r in new_r]
        cs = [new_c[c] for c in range(c0, c1 + 1) if c in new_c]
        if len(rs) > 1 or len(cs) > 1:
            out_merged.append((rs[0], cs[0], rs[-1], cs[-1]))
    return out_rows, out_merged


def table_rows(table: Any) -> list[Any]:
    """A table's own rows (``<tr>`` children and those of its thead/tbody/tfoot; not a nested table's)."""
    return [tr for child in table for tr in ((child,) if child.tag == "tr" else
                                             child if child.tag in ("thead", "tbody", "tfoot") else ())
            if tr.tag == "tr"]


def span_of(value: str | None) -> int:
    """A rowspan/colspan attribute as a count in 1..MAX_SPAN (0, blank or junk → 1)."""
    text = (value or "").strip()[:8]
    digits = text[: len(text) - len(text.lstrip("0123456789"))] if text[:1].isdigit() else ""
    return max(1, min(int(digits), MAX_SPAN)) if digits else 1


def cell_text(cell: Any) -> str:
    """A cell's text: source whitespace collapsed, <br> and block elements as line breaks; a form
    field of a page saved from a web system shows its value (input value, the selected option,
    √ for a ticked box)."""
    from lxml import etree

    if len(cell) == 0:  # no child elements: the text alone
        return _SPACE.sub(" ", (cell.text or "").replace("\xa0", " ")).strip()[:_CELL_CHARS]
    lines: list[str] = []
    piece: list[str] = []
    skip = 0  # depth inside an element whose content is not shown (script, style, select)
    for event, el in etree.iterwalk(cell, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if skip:
            skip += 1 if event == "start" else -1
            if skip == 0 and el.tail:
                piece.append(el.tail)
            continue
        if event == "start":
            if tag in ("script", "style", "select") or (el is not cell and is_hidden(el)):
                piece.append(_selected(el) if tag == "select" and not is_hidden(el) else "")
                skip = 1
                continue
            if tag == "input":
                piece.append(_input_value(el))
            if tag == "br" or (tag in BLOCK and el is not cell):
                flush(piece, lines, _CELL_CHARS)
            if el.text:
                piece.append(el.text)
        else:
            if tag in BLOCK and el is not cell:
                flush(piece, lines, _CELL_CHARS)
            if el.tail and el is not cell:
                piece.append(el.tail)
    flush(piece, lines, _CELL_CHARS)
    return "\n".join(lines)


_NO_VALUE = frozenset({"hidden", "button", "submit", "reset", "image", "file", "password"})


def _input_value(el: Any) -> str:
    """What an <input> shows: its value; √ for a ticked checkbox or radio button."""
    kind = (el.get("type") or "text").strip().lower()
    if kind in ("checkbox", "radio"):
        return "√" if el.get("checked") is not None else ""
    return "" if kind in _NO_VALUE else (el.get("value") or "")[:_CELL_CHARS]


def _selected(select: Any) -> str:
    """The text of a <select>'s selected option (else its first)."""
    options = list(select.iter("option"))
    chosen = next((o for o in options if o.get("selected") is not None), options[0] if options else None)
    return "".join(chosen.itertext()).strip() if chosen is not None else ""
