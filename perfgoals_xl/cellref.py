"""A1-style cell references, 0-based both ways (the one copy every reader and writer uses).

``column_letter(0) == "A"``, ``cell_address(4, 3) == "D5"``, ``parse_address("D5") == (4, 3)``.
Imports nothing: sources, sinks, entry and the Excel layer all stand on it.
"""

from __future__ import annotations

import re

_ADDRESS = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")


def column_letter(col: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Excel column letters → 0-based index (A → 0, AA → 26)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def cell_address(row: int, col: int) -> str:
    """0-based row/column → A1-style address ((4, 3) → D5)."""
    return f"{column_letter(col)}{row + 1}"


def parse_address(address: str) -> tuple[int, int] | None:
    """'D5' (or '$D$5', any case) → (4, 3), 0-based; None for anything else."""
    m = _ADDRESS.match(address.strip().upper())
    if not m:
        return None
    return int(m.group(2)) - 1, column_index(m.group(1))
