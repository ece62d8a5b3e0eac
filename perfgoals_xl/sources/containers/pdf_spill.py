"""Text of a row printed past the table's rules, above or under the table.

LibreOffice Calc lets a row be taller than a page (Excel stops at 409 points). Printing such a
row, it centres the cell's text on the row and lets it run past the table's top and bottom rule:
the first lines of a long 绩效目标 cell stand above the table, like a page header, and its last
lines under it. A row lower than its text (set to a line less than it holds) does the same on both
sides alike: a page's first row spills over the table's top, and into the row under it (or under
the table). The spilled lines go on at the cell's own line pitch, wholly inside its column. This
module finds those lines, so the page reader gives them back to the cell instead of taking them for
lines above or under the table (lines spilled inside the table: containers/pdf_overflow.py).
"""

from __future__ import annotations

import bisect
from typing import Any

#: A row spills only when it fills this share of its page's height (it was taller than the page).
FILL_SHARE = 0.7
#: Line tops within this many points are one line; a spilled line is within it of the next pitch.
LINE_TOLERANCE = 1.5
MAX_SPILLED_LINES = 200  # a page holds far fewer lines
REACH = 0.5  # points a glyph must reach over a rule


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
    """The lines a row printed past its top (``above``) or bottom rule, by column index ({column:
    text, lines joined}), and the ids (``id()``) of their characters. A row filling its page may
    spill on one side; a lower row (lower than its text: Calc centres the text and lets it run past
    both rules) only where its column spilled on both sides alike — as many lines, or one more. Empty
    when nothing spilled. One pass over the page's characters, then each column's lines looked up by
    their tops."""
    _, top, _, bottom = row_box
    if len(columns) < 2:
        return {}, set()
    fills = bottom - top >= FILL_SHARE * float(page.height)
    inside: dict[int, list[dict]] = {}
    over: list[dict] = []
    under: list[dict] = []
    for ch in page.chars:
        if ch["text"].isspace():
            continue
        middle = (ch["top"] + ch["bottom"]) / 2
        if middle < top:
            over.append(ch)
        elif middle > bottom:
            under.append(ch)
        else:
            k = bisect.bisect_right(columns, (ch["x0"] + ch["x1"]) / 2) - 1
            if 0 <= k < len(columns) - 1:
                inside.setdefault(k, []).append(ch)
    wanted, other = (over, under) if above else (under, over)
    if not wanted:
        return {}, set()
    lines_wanted, lines_other = _lines(wanted), _lines(other)
    out: dict[int, str] = {}
    used: set[int] = set()
    for k, chars in inside.items():
        left, right = columns[k], columns[k + 1]
        own = _lines(chars)[0]
        if len(own) < 2:
            continue
        found = _past(own, lines_wanted, left, right, above=above)
        if found and not fills:
            beyond = _past(own, lines_other, left, right, above=not above)
            # a row within its page spills on both sides alike (one line more on one side, the text's
            # other end then reaching over that rule), or it did not spill
            reaches = (max(c["bottom"] for c in chars) > bottom + REACH) if above else (min(c["top"] for c in chars) < top - REACH)
            if abs(len(found) - len(beyond)) > 1 or not (beyond or (len(found) == 1 and reaches)):
                continue
        if found:
            ordered = found[::-1] if above else found
            out[k] = "".join("".join(c["text"] for c in line) for line in ordered)
            used.update(id(c) for line in found for c in line)
    return out, used


def _past(own: list[float], lines: tuple[list[float], list[list[dict]]], left: float, right: float, *,
          above: bool) -> list[list[dict]]:
    """The lines (each sorted left to right) a text whose own lines start at ``own`` tops printed past
    its row's top (``above``) or bottom rule: each at its pitch from the one before, wholly inside
    its column; the nearest first."""
    tops, found_lines = lines
    pitch = own[1] - own[0] if above else own[-1] - own[-2]
    if pitch <= LINE_TOLERANCE:
        return []
    expect = own[0] - pitch if above else own[-1] + pitch
    found: list[list[dict]] = []
    for _ in range(MAX_SPILLED_LINES):
        line = _line_at(tops, found_lines, expect)
        if not line or not all(left <= (c["x0"] + c["x1"]) / 2 < right for c in line):
            break  # no line at the pitch, or one reaching out of the column: not this cell's
        found.append(sorted(line, key=lambda c: c["x0"]))
        expect += -pitch if above else pitch
    return found
