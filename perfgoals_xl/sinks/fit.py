"""Row heights that fit wrapped text, for every list sheet we write (问题清单, summary, 填报说明).

The same estimate as the report sheet (``perfgoals_xl.report.layout``: CJK characters 2
half-width units, ASCII 1.2, a line of 宋体 10 pt is 14.5 pt in LibreOffice), so a text cell
with wrapping on gets a row tall enough for all its lines in Excel and LibreOffice alike.
XlsxWriter cannot measure text and never sizes rows by itself; without these heights a
wrapped cell shows one line.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Any

from perfgoals_xl.caches import file_cache
from perfgoals_xl.report.layout import FONT_NAME, LINE_HEIGHT, text_units

#: Font of the list sheets (the report's): 宋体 10 pt, what the line estimate is calibrated on.
FONT = {"font_name": FONT_NAME, "font_size": 10}
#: Blank space added to a fitted row, in points (split above and below the text).
PADDING = 5.0
#: Half-width units a line loses to the cell's padding and to punctuation that a line break
#: cannot split off (the report keeps 4.5: its cells are also indented).
RESERVE = 2.0


@functools.lru_cache(maxsize=256)  # asked once per cell, of a handful of column widths
def line_capacity(width: float, font_size: float = 10.0) -> float:
    """Half-width units on one line of a column this wide (Excel character units), no indent."""
    return max(1.0, width * 7.0 / (6.67 * font_size / 10.0) - RESERVE)


#: Repeated texts (hints, names, files) come row after row: a few thousand recent ones are enough,
#: and the cache no longer holds every message of a 问题清单 of 100,000 rows (65,536 did: 0.3 KiB
#: per indicator row of ``perfgoals score``).
@file_cache(4096)
def count_lines(text: str, width: float, font_size: float = 10.0) -> int:
    """Estimated wrapped lines of a text in a column this wide (line breaks respected)."""
    capacity = line_capacity(width, font_size)
    return sum(max(1, math.ceil(text_units(part) / capacity)) for part in text.split("\n"))


def cell_lines(value: Any, width: float, font_size: float = 10.0) -> int:
    """Lines a value needs when wrapped in a column this wide (1 for numbers and blanks)."""
    if not isinstance(value, str) or not value:
        return 1
    if "\n" not in value and 2.0 * len(value) <= line_capacity(width, font_size):
        return 1  # a character takes at most 2 units: fits on one line without measuring
    return count_lines(value, width, font_size)


def lines_height(lines: int, font_size: float = 10.0) -> float:
    """Points that show this many lines, padding included."""
    return round(lines * LINE_HEIGHT * font_size / 10.0 + PADDING, 1)


def fitted_height(values: Sequence[Any], widths: Sequence[float], font_size: float = 10.0,
                  *, maximum: float = 409.0) -> float:
    """Height of a row whose cells (one per column, from the first) hold these values."""
    lines = 1
    for c, value in enumerate(values):
        if isinstance(value, str) and value:  # (cell_lines: 1 for numbers and blanks)
            n = cell_lines(value, widths[c], font_size)
            if n > lines:
                lines = n
    return min(maximum, lines_height(lines, font_size))


def setup_print(ws: Any, *, header_rows: int = 1, paper: int = 9, header: str = "") -> None:
    """Landscape (A4 = 9, A3 = 8), fit to one page wide only (as many pages tall as needed),
    the first ``header_rows`` rows repeated on every page, page numbers in the footer."""
    ws.set_paper(paper)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if header_rows:
        ws.repeat_rows(0, header_rows - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    if header:
        ws.set_header(header if header.startswith("&") else f"&C{header}")
    ws.set_footer("&C第 &P 页 共 &N 页")
    ws.center_horizontally()
