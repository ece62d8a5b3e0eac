"""The cells of one PDF table as grid rows, and the one-line error of a PDF that cannot be read.

:func:`table_grid` turns one pdfplumber table into rows and merged ranges: the distinct left
edges of its cells are the grid's columns, their distinct top edges its rows, and a cell
spanning several of them is a merged range — as the sheet the table was printed from.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError

#: Bounds on hostile input: cells of one table, text of one cell, pages read.
MAX_TABLE_CELLS = 20_000
MAX_CELL_CHARS = 20_000
MAX_PAGES = 5000
SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
#: A cell's line is full (its text may go on on the next line, or page) when the space left at its
#: right is at most this many characters of its size plus the cell's padding (points): CJK text
#: wraps at any character, but a line never starts with 、，。 and the like, so the character before
#: one moves down with it.
FULL_LINE_EMS = 2.2
CELL_PADDING = 4.0
#: A line of a cell that starts a numbered item (一、 (2) 3、 2. — not 2.5 — 目标2：) after a line that
#: stopped short of the cell's right edge: the text broke its line there (资金总额：250 |
#: 一、预算资金：250), and the break is kept; a wrapped line is joined to the one before (CJK wraps
#: without spaces).
_ITEM_LINE = re.compile(r"(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][0-9一二三四五六七八九十]{1,3}[)）]|"
                        r"[0-9]{1,2}(?:[、)）]|[.．](?![0-9]))|\S{1,4}?[0-9]{1,2}\s{0,2}[:：])")
ROUND = 1  # decimals of a point when matching cell edges


def open_error(path: Path, exc: Exception) -> InputError:
    """The one-line error for a PDF pdfminer/pdfplumber cannot open (encrypted, damaged)."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return InputError(path, "PDF 已加密（设置了打开密码）：请先去除密码后再导入")
    from perfgoals_xl.sources.containers.pdf_safety import pdf_error_reason

    if isinstance(inner, MemoryError):
        return InputError(path, f"PDF {pdf_error_reason(inner)}")
    return InputError(path, f"不是有效的 PDF（文件已损坏或不完整）：{pdf_error_reason(inner)}")


def join_lines(text: str) -> str:
    """A wrapped cell's lines joined (CJK text wraps without spaces)."""
    return "".join(line.strip() for line in (text or "").split("\n"))


def table_grid(table: Any, texts: list[list[str | None]] | None = None,
               open_cells: dict[tuple[float, float, float, float], str] | None = None,
               chars: list[dict] | None = None, indents: dict[tuple[int, int], float] | None = None,
               short: dict[tuple, list[bool]] | None = None,
               ) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """The rows (texts of origin cells, '' elsewhere) and merged ranges of one pdfplumber table
    (texts: its rows' extracted texts when already at hand; open_cells: cells pdfplumber found no
    border for, by box, with their text). With the page's chars, `indents` gets each origin cell's
    indent: the x of its first visible character from the cell's left edge, in em of that character.
    ``short``: each cell's lines, True where one stops short of its right edge, as the texts'
    extraction found them (containers/pdf_text.py): a line break before a numbered item is kept there."""
    boxes = [tuple(round(v, ROUND) for v in cell) for cell in table.cells[:MAX_TABLE_CELLS]]
    extra = {tuple(round(v, ROUND) for v in box): text for box, text in (open_cells or {}).items()}
    boxes += [box for box in extra if box not in boxes][:max(0, MAX_TABLE_CELLS - len(boxes))]
    xs = sorted({b[0] for b in boxes})
    ys = sorted({b[1] for b in boxes})
    col_of, row_of = {x: i for i, x in enumerate(xs)}, {y: i for i, y in enumerate(ys)}
    by_place = _places(boxes, xs, ys, col_of, row_of) if chars is not None else {}
    by_box = _cell_texts(table, table.extract() if texts is None else texts, short)
    for box, text in extra.items():
        by_box.setdefault(box, join_lines(text[:MAX_CELL_CHARS]))
    rows = [[""] * len(xs) for _ in ys]
    merged: list[tuple[int, int, int, int]] = []
    for box in boxes:
        r1, c1 = row_of[box[1]], col_of[box[0]]
        r2 = max(r1, bisect.bisect_left(ys, box[3]) - 1)
        c2 = max(c1, bisect.bisect_left(xs, box[2]) - 1)
        rows[r1][c1] = by_box.get(box, "")
        if (r2, c2) != (r1, c1):
            merged.append((r1, c1, r2, c2))
    if chars is not None and indents is not None:
        indents.update(_first_chars(by_place, xs, ys, col_of, row_of, chars))
    return rows, merged


def _places(boxes: list[tuple], xs: list[float], ys: list[float], col_of: dict[float, int],
            row_of: dict[float, int]) -> dict[tuple[int, int], tuple]:
    """Every grid place (row, column) → the box of the cell covering it (a cell over more than 500
    rows is mapped on its first 500: hostile input)."""
    by_place: dict[tuple[int, int], tuple] = {}
    for box in boxes:
        r1, c1 = row_of[box[1]], col_of[box[0]]
        r2 = max(r1, bisect.bisect_left(ys, box[3]) - 1)
        c2 = max(c1, bisect.bisect_left(xs, box[2]) - 1)
        for r in range(r1, min(r2, r1 + 500) + 1):
            for c in range(c1, c2 + 1):
                by_place[(r, c)] = box
    return by_place


def _box_of(ch: dict, by_place: dict[tuple[int, int], tuple], xs: list[float], ys: list[float]) -> tuple | None:
    """The box of the cell a visible character stands in (placed by bisection on the grid's edges,
    its vertical middle); None for a space or a character outside every cell."""
    if ch.get("text", " ").isspace():
        return None
    x, y = ch["x0"], (ch["top"] + ch["bottom"]) / 2
    box = by_place.get((bisect.bisect_right(ys, y) - 1, bisect.bisect_right(xs, x) - 1))
    return box if box is not None and box[0] <= x < box[2] and box[1] <= y < box[3] else None


def _first_chars(by_place: dict[tuple[int, int], tuple], xs: list[float], ys: list[float],
                 col_of: dict[float, int], row_of: dict[float, int],
                 chars: list[dict]) -> dict[tuple[int, int], float]:
    """Each origin cell's indent in em: its first visible character (top line, then leftmost), one
    pass over the characters."""
    best: dict[tuple, dict] = {}
    for ch in chars:
        box = _box_of(ch, by_place, xs, ys)
        if box is None:
            continue
        x = ch["x0"]
        seen = best.get(box)
        if seen is None or (round(ch["top"]), x) < (round(seen["top"]), seen["x0"]):
            best[box] = ch
    return {(row_of[box[1]], col_of[box[0]]): (ch["x0"] - box[0]) / (float(ch.get("size") or 0) or 10.0)
            for box, ch in best.items()}


def _cell_texts(table: Any, extracted: list[list[str | None]],
                short: dict[tuple, list[bool]] | None = None) -> dict[tuple, str]:
    """Text of each cell by its rounded box; a wrapped line is joined (CJK wraps without spaces),
    a line break before a numbered item after a line that stopped short (``short``: each cell's
    lines, True where one stopped short of the right edge) kept."""
    out: dict[tuple, str] = {}
    for row, texts in zip(table.rows, extracted, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            if cell is not None and text:
                box = tuple(round(v, ROUND) for v in cell)
                out[box] = _joined(text[:MAX_CELL_CHARS].split("\n"), (short or {}).get(box))
    return out


def _joined(lines: list[str], short: list[bool] | None) -> str:
    """A cell's lines as one text (see :func:`_cell_texts`); ``short`` is used only when it counts
    as many lines as the text."""
    lines = [line.strip() for line in lines]
    if short is None or len(short) != len(lines):
        return "".join(lines)
    parts = [lines[0]]
    for k in range(1, len(lines)):
        if short[k - 1] and lines[k - 1] and _ITEM_LINE.match(lines[k]):
            parts.append("\n")
        parts.append(lines[k])
    return "".join(parts)
