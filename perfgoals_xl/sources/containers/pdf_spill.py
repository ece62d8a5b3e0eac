"""Text of a row taller than its page, printed past the table's rules.

LibreOffice Calc lets a row be taller than a page (Excel stops at 409 points). Printing such a
row, it centres the cell's text on the row and lets it run past the table's top and bottom rule:
the first lines of a long 绩效目标 cell stand above the table, like a page header, and its last
lines under it. Only a row filling its page does this, and the spilled lines go on at the cell's
own line pitch, wholly inside its column. This module finds those lines, so the page reader gives
them back to the cell instead of taking them for lines above or under the table.
"""

from __future__ import annotations

import bisect
from typing import Any

#: A row spills only when it fills this share of its page's height (it was taller than the page).
FILL_SHARE = 0.7
#: Line tops within this many points are one line; a spilled line is within it of the next pitch.
LINE_TOLERANCE = 1.5
MAX_SPILLED_LINES = 200  # a page holds far fewer lines


def _lines(chars: list[dict]) -> tuple[list[float], list[list[dict]]]:
    """Characters grouped into lines by their tops (each line's first top, and its characters)."""
    tops: list[float] = []
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: c["top"]):
        if tops and ch["top"] - tops[-1] <= LINE_TOLERANCE:
            lines[-1].append(ch)
        else:
            tops.append(ch["top"])
            lines.append([ch])
    return tops, lines


def _line_at(tops: list[float], lines: list[list[dict]], top: float) -> list[dict]:
    """The line whose top is within the tolerance of `top` (empty when none)."""
    k = bisect.bisect_left(tops, top - LINE_TOLERANCE)
    return lines[k] if k < len(tops) and abs(tops[k] - top) <= LINE_TOLERANCE else []


def spilled(page: Any, row_box: tuple[float, float, float, float], columns: tuple[float, ...], *,
            above: bool) -> tuple[dict[int, str], set[int]]:
    """The lines a page-filling row printed past its top (``above``) or bottom rule, by column index
    ({column: text, lines joined}), and the ids (``id()``) of their characters. Empty when the row
    does not fill its page or nothing spilled. One pass over the page's characters, then each
    column's lines looked up by their tops."""
    _, top, _, bottom = row_box
    if bottom - top < FILL_SHARE * float(page.height) or len(columns) < 2:
        return {}, set()
    inside: dict[int, list[dict]] = {}
    outside: list[dict] = []
    for ch in page.chars:
        if ch["text"].isspace():
            continue
        middle = (ch["top"] + ch["bottom"]) / 2
        if (middle < top) if above else (middle > bottom):
            outside.append(ch)
        elif top <= middle <= bottom:
            k = bisect.bisect_right(columns, (ch["x0"] + ch["x1"]) / 2) - 1
            if 0 <= k < len(columns) - 1:
                inside.setdefault(k, []).append(ch)
    if not outside:
        return {}, set()
    tops, lines = _lines(outside)
    out: dict[int, str] = {}
    used: set[int] = set()
    for k, chars in inside.items():
        left, right = columns[k], columns[k + 1]
        own = _lines(chars)[0]
        if len(own) < 2:
            continue
        pitch = own[1] - own[0] if above else own[-1] - own[-2]
        if pitch <= LINE_TOLERANCE:
            continue
        expect = own[0] - pitch if above else own[-1] + pitch
        found: list[list[dict]] = []
        for _ in range(MAX_SPILLED_LINES):
            line = _line_at(tops, lines, expect)
            if not line or not all(left <= (c["x0"] + c["x1"]) / 2 < right for c in line):
                break  # no line at the pitch, or one reaching out of the column: not this cell's
            found.append(sorted(line, key=lambda c: c["x0"]))
            expect += -pitch if above else pitch
        if found:
            ordered = found[::-1] if above else found
            out[k] = "".join("".join(c["text"] for c in line) for line in ordered)
            used.update(id(c) for line in found for c in line)
    return out, used
