"""Delimited text (CSV, TSV, ``|`` or ``;`` separated): one grid, UTF-8 (with or without BOM) or GBK/GB18030.

The separator is judged from the first lines (:func:`delimiter_of`): one that splits at least
half of them into the same number (three or more) of fields; the most regular one wins. Prose with a few ASCII commas
is not a table (:func:`looks_delimited` says no), and a text read as a table whose grid no layout
accepts is handed back to the caller, never reported as a broken CSV. A ``|`` table written the
Markdown way (``| a | b |``) loses its empty outer fields and its ``|---|---|`` rule.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

from perfgoals_xl.sources.grid import Grid

_DELIMITERS = (",", "\t", "|", ";")
#: Lines looked at when judging the separator, and the longest line judged.
_SNIFF_LINES = 30
_SNIFF_CHARS = 20_000
_RULE = re.compile(r"^\s*:?-{3,}:?\s*$")


def load_grids(path: str | Path) -> list[Grid]:
    """The one grid of a delimited text file."""
    return [load_csv_grid(path)]


def _fields(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line[:_SNIFF_CHARS]], delimiter=delimiter), [])


def _head_lines(text: str) -> list[str]:
    """The first non-blank lines of a text (only its head is split)."""
    head = text[: _SNIFF_LINES * 2 * _SNIFF_CHARS // 20]
    return [line for line in head.splitlines()[: _SNIFF_LINES * 2] if line.strip()]


def delimiter_of(text: str) -> str | None:
    """The separator of a delimited text, or None when no separator splits it into a table."""
    lines = _head_lines(text)[:_SNIFF_LINES]
    best: tuple[float, int, str] | None = None
    for delimiter in _DELIMITERS:
        counts = [len(_fields(line, delimiter)) for line in lines]
        multi = [n for n in counts if n >= 3]
        if len(multi) < min(2, len(lines)) or not multi:
            continue
        mode, freq = Counter(multi).most_common(1)[0]
        if freq * 2 < len(lines):
            continue  # a table has the same number of fields on most lines; prose does not
        score = (freq / len(lines), mode, delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best else None


def looks_delimited(text: str) -> bool:
    """Is this text a table of delimited fields (at least two lines of three fields or more)?"""
    return len(_head_lines(text)) >= 2 and delimiter_of(text) is not None


def load_csv_grid(path: str | Path) -> Grid:
    """A delimited text file (UTF-8 with or without BOM, or GBK/GB18030; comma, tab, | or ;)."""
    from perfgoals_xl.csvcells import unguard
    from perfgoals_xl.sources.textfile import read_text

    text, _ = read_text(path)
    delimiter = delimiter_of(text)
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = max(_DELIMITERS, key=first.count)
    # The whole text goes to csv.reader (not split into lines first), so that a line break
    # inside a quoted cell stays in the cell; the injection guard our CSVs carry is removed.
    # A cell may be as long as the file (csv's own limit, 131,072 characters, would refuse it).
    if csv.field_size_limit() <= len(text):
        csv.field_size_limit(len(text) + 1)
    rows = [[unguard(cell) for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    if delimiter == "|":
        rows = _markdown_rows(rows)
    return Grid(sheet=None, rows=rows)


def _markdown_rows(rows: list[list[str]]) -> list[list[str]]:
    """``| a | b |`` rows without their empty outer fields and rule rows; cells stripped."""
    out: list[list[str]] = []
    for row in rows:
        if len(row) >= 2 and not row[0].strip() and not row[-1].strip():
            row = row[1:-1]
        cells = [cell.strip() for cell in row]
        if cells and all(_RULE.match(cell) for cell in cells):
            continue
        out.append(cells)
    return out
