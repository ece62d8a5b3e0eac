"""The text of each cell of a ruled PDF table (containers/pdf_pages.py), as pdfplumber extracts it —
a character in the cell its middle lies in — but for a line printed over a rule into the next cell.

A printer may lay a cell's text out past the cell's edge: LibreOffice Writer prints the part of a
merged cell cut by a page break a line lower than it lays it out, so its last line hangs over the
cell's bottom rule into the cell below (``指`` | ``标`` over ``效益``). By its middle such a line
falls in that cell; it is not that cell's text, whose own line it overlaps (two lines of one text
never overlap: each starts under the one before). A character reaching over a rule between two cells
of a column (its top above the rule under the cell above, or its bottom below the rule over the cell
below), and overlapping a line of the cell it fell in, is the other cell's.

Whole lines printed past a rule (a Calc row lower than its text) are given back first
(containers/pdf_overflow.py).
"""

from __future__ import annotations

from typing import Any

from pdfplumber.utils import extract_text

from .pdf_cells import CELL_PADDING, FULL_LINE_EMS, ROUND
from .pdf_overflow import EDGE, REACH, Box, give_back_overflow, give_back_runs

#: A line closer to a line of a text than this share of that text's line pitch (or of the
#: character's size) overlaps it: no line of that text.
OVERLAP_SHARE = 0.8
#: Characters of a table looked at for overflowing lines at most (hostile input: the check is
#: quadratic within a cell).
MAX_CHARS = 20_000


def cell_texts(table: Any, chars: list[dict], y_tolerance: float,
               short: dict[Box, list[bool]] | None = None, page_width: float = float("inf")) -> list[list[str | None]]:
    """Each row's cell texts (lines kept; None where no cell starts), as ``Table.extract`` gives
    them, a line overflowing its cell over a rule given back to its own cell (see module); ``short``
    gets each cell's lines (by its box, rounded as containers/pdf_cells.py rounds): True where one
    stops short of the cell's right edge. A text printed on past the table's edge keeps what of it is
    on the page (``page_width``)."""
    placed: dict[Box, list[dict]] = {}
    loose: list[dict] = []  # characters of the table's rows printed past its left or right edge
    x0, _, x1, _ = table.bbox
    for row in table.rows:
        band = (-float("inf"), row.bbox[1], float("inf"), row.bbox[3])
        row_chars = [ch for ch in chars if _in(ch, band)]
        loose += [ch for ch in row_chars if not x0 <= (ch["x0"] + ch["x1"]) / 2 < x1 and ch["x0"] >= 0 and ch["x1"] <= page_width]
        for cell in row.cells:
            if cell is not None:
                placed[tuple(cell)] = [ch for ch in row_chars if _in(ch, cell)]
    if sum(len(found) for found in placed.values()) <= MAX_CHARS:
        give_back_overflow(placed, y_tolerance)  # whole lines past a rule first: their pitch shows whose
        _give_back(placed, y_tolerance)
        give_back_runs(placed, loose[:MAX_CHARS])  # a text not wrapped, over the empty cells beside it
    if short is not None:
        short.update(_short_lines(placed, y_tolerance))
    out: list[list[str | None]] = []
    for row in table.rows:
        out.append([None if cell is None else (cell_text(placed[tuple(cell)], y_tolerance)
                                               if placed[tuple(cell)] else "") for cell in row.cells])
    return out


#: How a text turned a quarter reads (pdfplumber's settings for characters that are not upright), by the
#: sign of the glyphs' rotation: turned left (产出指标 reading upwards, Excel's text rotated 90°) its
#: characters run bottom to top and its lines left to right; turned right, top to bottom and right to left.
_TURNED = {True: {"char_dir_rotated": "btt", "line_dir_rotated": "ltr"},
           False: {"char_dir_rotated": "ttb", "line_dir_rotated": "rtl"}}


def cell_text(chars: list[dict], y_tolerance: float) -> str:
    """The text of one cell's characters, lines kept; a text turned a quarter (a tall level label
    printed upwards) read in its own direction — pdfplumber's default reads every turned text top to
    bottom, so 产出指标 printed upwards came out 标指出产."""
    turned = next((ch for ch in chars if not ch.get("upright", True) and not ch.get("text", " ").isspace()), None)
    if turned is None:
        return extract_text(chars, y_tolerance=y_tolerance)
    matrix = turned.get("matrix") or (1, 0, 0, 1)
    return extract_text(chars, y_tolerance=y_tolerance, **_TURNED[matrix[1] > 0])


def _in(ch: dict, box: Any) -> bool:
    x0, top, x1, bottom = box
    v, h = (ch["top"] + ch["bottom"]) / 2, (ch["x0"] + ch["x1"]) / 2
    return x0 <= h < x1 and top <= v < bottom


def _give_back(placed: dict[Box, list[dict]], tolerance: float) -> None:
    """Move each character printed over a rule into a cell, overlapping a line of that cell, to the
    cell on the other side of the rule."""
    boxes = list(placed)
    moves: list[tuple[dict, Box, Box]] = []
    for box, found in placed.items():
        for ch in found:
            if ch.get("text", " ").isspace():
                continue
            if ch["top"] < box[1] - REACH:  # reaching up over the cell's top rule
                other = _touching(boxes, ch, lambda b, box=box: abs(b[3] - box[1]) <= EDGE)
            elif ch["bottom"] > box[3] + REACH:  # reaching down over its bottom rule
                other = _touching(boxes, ch, lambda b, box=box: abs(b[1] - box[3]) <= EDGE)
            else:
                continue
            if other is not None and _overlaps_a_line(ch, found, tolerance):
                moves.append((ch, box, other))
    for ch, source, target in moves:
        placed[source] = [c for c in placed[source] if c is not ch]
        placed[target].append(ch)


def _touching(boxes: list[Box], ch: dict, edge_ok: Any) -> Box | None:
    """The cell over whose edge the character reaches: in its column (its middle within the cell's
    x range), that edge the other side of the rule."""
    h = (ch["x0"] + ch["x1"]) / 2
    return next((b for b in boxes if b[0] <= h < b[2] and edge_ok(b)), None)


def _overlaps_a_line(ch: dict, found: list[dict], tolerance: float) -> bool:
    """Does a character stand closer to another line among these (tops more than the line
    tolerance apart) than the lines of that text stand to each other — OVERLAP_SHARE of their pitch,
    or of the character's size for a single line? Then it is no line of that text."""
    tops = sorted({round(other["top"], 1) for other in found
                   if other is not ch and not other.get("text", " ").isspace()
                   and abs(other["top"] - ch["top"]) > tolerance})
    if not tops:
        return False
    lines = [tops[0]] + [b for a, b in zip(tops, tops[1:], strict=False) if b - a > tolerance]
    pitch = min((b - a for a, b in zip(lines, lines[1:], strict=False)), default=None)
    size = float(ch.get("size") or 0) or ch["bottom"] - ch["top"]
    limit = OVERLAP_SHARE * (size if pitch is None else min(size, pitch))
    return min(abs(top - ch["top"]) for top in lines) < limit


def _short_lines(placed: dict[Box, list[dict]], tolerance: float) -> dict[Box, list[bool]]:
    """Each cell's text lines, top to bottom, as extract_text clusters them (a top within the
    tolerance of the one before is that line's): True where the line stops short of the cell's right
    edge (by more than FULL_LINE_EMS characters and the padding)."""
    out: dict[Box, list[bool]] = {}
    for box, found in placed.items():
        lines: list[list[float]] = []  # [last top, right end, size] per line
        for ch in sorted((ch for ch in found if not ch.get("text", " ").isspace()), key=lambda ch: ch["top"]):
            if lines and ch["top"] - lines[-1][0] <= tolerance:
                lines[-1] = [ch["top"], max(lines[-1][1], ch["x1"]), max(lines[-1][2], float(ch.get("size") or 0))]
            else:
                lines.append([ch["top"], ch["x1"], float(ch.get("size") or 0)])
        if lines:
            out[tuple(round(v, ROUND) for v in box)] = [
                box[2] - right > FULL_LINE_EMS * (size or 10.0) + CELL_PADDING for _, right, size in lines]
    return out
