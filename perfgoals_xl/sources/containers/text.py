"""Delimited text (CSV, TSV, ``|`` or ``;`` separated): one grid, UTF-8 (with or without BOM) or GBK/GB18030.

The separator is judged from the first records (:func:`delimiter_of`; a quoted cell holding line
breaks is one field, as it is read): one that splits at least half of them into the same number
(three or more) of fields; the most regular one wins. Prose with a few ASCII commas
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


def _head_records(text: str, delimiter: str) -> list[list[str]]:
    """The first non-blank records of a text's head split by this separator. Records, not lines: a
    quoted cell holding line breaks (a long goal saved from a sheet) is one field of one record, as
    :func:`load_csv_grid` reads it, and its lines are no records of one field each."""
    head = text[: _SNIFF_LINES * 2 * _SNIFF_CHARS // 20]
    records: list[list[str]] = []
    try:
        for record in csv.reader(io.StringIO(head, newline=""), delimiter=delimiter):
            if len(record) > 1 or (record and record[0].strip()):
                records.append(record)
                if len(records) >= _SNIFF_LINES:
                    break
    except csv.Error:  # a NUL or a field over csv's limit: what was split so far
        pass
    return records


def _head_lines(text: str) -> list[str]:
    """The first non-blank lines of a text (only its head is split)."""
    head = text[: _SNIFF_LINES * 2 * _SNIFF_CHARS // 20]
    return [line for line in head.splitlines()[: _SNIFF_LINES * 2] if line.strip()]


def delimiter_of(text: str) -> str | None:
    """The separator of a delimited text, or None when no separator splits it into a table."""
    best: tuple[float, int, str] | None = None
    for delimiter in _DELIMITERS:
        records = _head_records(text, delimiter)
        counts = [len(record) for record in records]
        multi = [n for n in counts if n >= 3]
        if len(multi) < min(2, len(records)) or not multi:
            continue
        mode, freq = Counter(multi).most_common(1)[0]
        if freq * 2 < len(records):
            continue  # a table has the same number of fields on most records; prose does not
        score = (freq / len(records), mode, delimiter)
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
    rows = [[shown_text(cell) if cell.startswith('="') else unguard(cell) for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    if delimiter == "|":
        rows = _markdown_rows(rows)
    return Grid(sheet=None, rows=rows)


def shown_text(cell: str) -> str:
    """A cell written as a text formula (``="510000_0013"``, ``="≥300公里"``: what web systems write in
    their CSV exports so that Excel keeps leading zeros and long codes) as Excel shows it — the text
    between the quotes, ``""`` in it one quote; any other cell as it is."""
    inner = cell[2:-1]
    if len(cell) >= 3 and cell.endswith('"') and '"' not in inner.replace('""', ""):
        return inner.replace('""', '"')
    return cell


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
