"""Rows and line patterns shared by the published-text readers (line mode and block mode).

published_text.py (line by line) and published_blocks.py (pdfminer's text blocks) both
build :class:`Row` objects from :class:`Line` objects and recognise the same amounts,
indented project names, 合计 rows and item starts; they import these from here, so
neither imports the other's private names.

Every pattern is linear in the length of the line (possessive quantifiers, no lazy
part followed by whitespace), and amounts are found by splitting a line into
tokens rather than by a regex over the whole line (docs/limits.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: One amount as printed: 177.40, 1,234.50, -3.00 (always with decimals).
AMOUNT = r"-?(?:\d{1,3}(?:,\d{3})++|\d++)\.\d++"
AMOUNT_TOKEN = re.compile(AMOUNT)
#: An indented line (a project name row).
INDENT = re.compile(r"^(?: {2,}|\t|\u3000)")
#: The start of an indicator item: an item number and its separator (、 ． or a non-decimal dot).
ITEM_START = re.compile(r"^\s*+\d{1,9}+\s*+(?:、|．|\.(?!\d)|\.(?=\d{1,3}\s*+[-－—–]))")
#: The 合计 row.
TOTAL_ROW = re.compile(r"^\s*+合\s*+计\s*+$")
#: Suffix of a continuation row's name: the same project, more indicator items.
CONTINUED = "（续）"
#: Page furniture (title, 部门名称, 单位, column labels, page numbers) is short: a longer line is
#: content, and the furniture patterns only ever see lines up to this length.
MAX_FURNITURE_CHARS = 200
#: Page furniture (title, 部门名称, 单位, column labels, page numbers) is short: a longer line is
#: content, and the furniture patterns only ever see lines up to this length.
MAX_FURNITURE_CHARS = 200
_TOKEN = re.compile(r"\S+")


@dataclass(slots=True)
class Line:
    """One line of the text: its 1-based number in the file and its text."""

    number: int
    text: str


@dataclass
class Row:
    """A table row being rebuilt: 合计, a fund unit or a project, with the lines below it."""

    kind: str  # total, unit, project
    name_lines: list[Line]
    amount_line: Line | None = None
    amounts_text: str = ""
    body: list[Line] = field(default_factory=list)


def is_amount(token: str) -> bool:
    """Is this whitespace-free token one printed amount?"""
    return AMOUNT_TOKEN.fullmatch(token) is not None


def split_amounts(text: str) -> tuple[str, str]:
    """'    驻京工作保障 177.40 177.40' → ('    驻京工作保障', '177.40 177.40').

    The amounts are the whitespace-separated tokens at the end of the line that are each an
    amount; they stand apart from the name (a space, or alone on the line), so
    "实施周期指标值:12.50" at a wrapped line's end is part of an indicator item.
    """
    if not text or not text.rstrip()[-1:].isdigit():  # fast path: goal and indicator lines
        return text, ""
    tokens = list(_TOKEN.finditer(text))
    first = len(tokens)
    while first > 0 and is_amount(tokens[first - 1].group()):
        first -= 1
    if first == len(tokens):
        return text, ""
    start = tokens[first].start()
    head_end = tokens[first - 1].end() if first > 0 else 0
    amounts = text[start: tokens[-1].end()]
    if first == 0:
        return "", amounts
    return text[:head_end], amounts


def amounts_only(text: str) -> bool:
    """Does this line hold amounts and nothing else?"""
    tokens = text.split()
    return bool(tokens) and all(is_amount(t) for t in tokens)
