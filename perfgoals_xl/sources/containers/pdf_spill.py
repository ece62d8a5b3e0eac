"""Text of a row taller than its page, printed past the table's rules.

LibreOffice Calc lets a row be taller than a page (Excel stops at 409 points). Printing such a
row, it centres the cell's text on the row and lets it run past the table's top and bottom rule:
the first lines of a long 绩效目标 cell stand above the table, like a page header, and its last
lines under it. Only a row filling its page does this, and the spilled lines go on at the cell's
own line pitch, wholly inside its column. This module finds those lines, so the page reader gives
them back to the cell instead of taking them for lines above or under the table.
"""

from __future__ import annotations

from typing import Any

#: A row spills only when it fills this share of its page's height (it was taller than the page).
FILL_SHARE = 0.7
#: Line tops within this many points are one line; a spilled line is within it of the next pitch.
LINE_TOLERANCE = 1.5
MAX_SPILLED_LINES = 200  # a page holds far fewer lines


def _line_tops(chars: list[dict]) -> list[float]:
    tops: list[float] = []
    for top in sorted(c["top"] for c in chars):
        if not tops or top - tops[-1] > LINE_TOLERANCE:
            tops.append(top)
    return tops


def _on_line(chars: list[dict], top: float) -> list[dict]:
    return [c for c in chars if abs(c["top"] - top) <= LINE_TOLERANCE]


def spilled(page: Any, row_box: tuple[float, float, float, float], columns: tuple[float, ...], *,
            above: bool) -> tuple[dict[int, str], set[int]]:
    """The lines a page-filling row printed past its top (``above``) or bottom rule, by column index
    ({column: text, lines joined}), and the ids (``id()``) of their characters. Empty when the row
    does not fill its page or nothing spilled."""
    _, top, _, bottom = row_box
    if bottom - top < FILL_SHARE * float(page.height) or len(columns) < 2:
        return {}, set()
    visible = [c for c in page.chars if not c["text"].isspace()]
    outside = [c for c in visible if ((c["top"] + c["bottom"]) / 2 < top if above else (c["top"] + c["bottom"]) / 2 > bottom)]
    if not outside:
        return {}, set()
    out: dict[int, str] = {}
    used: set[int] = set()
    for k in range(len(columns) - 1):
        left, right = columns[k], columns[k + 1]

        def in_column(c: dict, left: float = left, right: float = right) -> bool:
            return left <= (c["x0"] + c["x1"]) / 2 < right

        inside = _line_tops([c for c in visible if in_column(c) and top <= (c["top"] + c["bottom"]) / 2 <= bottom])
        if len(inside) < 2:
            continue
        pitch = inside[1] - inside[0] if above else inside[-1] - inside[-2]
        if pitch <= LINE_TOLERANCE:
            continue
        expect = inside[0] - pitch if above else inside[-1] + pitch
        lines: list[list[dict]] = []
        for _ in range(MAX_SPILLED_LINES):
            line = _on_line(outside, expect)
            if not line or not all(in_column(c) for c in line):
                break  # no line at the pitch, or one reaching out of the column: not this cell's
            lines.append(sorted(line, key=lambda c: c["x0"]))
            expect += -pitch if above else pitch
        if lines:
            ordered = lines[::-1] if above else lines
            out[k] = "".join("".join(c["text"] for c in line) for line in ordered)
            used.update(id(c) for line in lines for c in line)
    return out, used
