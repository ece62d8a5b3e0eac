"""CSV cells for people: formula injection neutralised on write, undone exactly on read.

Excel (and LibreOffice) treat a CSV cell that begins with ``=``, ``+``, ``-``, ``@``, TAB or
CR as a formula (OWASP "CSV injection"). Every CSV we write for people — the long-format
data (data.csv), issues.csv and ``check --format csv`` — passes each cell through
:func:`guard`, which prefixes such a cell with an apostrophe ``'``; the CSV reader passes
each cell through :func:`unguard`, which removes exactly that apostrophe, so round trips
are exact (docs/csv.md):

- a plain number (``-5``, ``+3.5``, ``-1e3``) is not a formula and is written as it is;
- a cell that begins with apostrophes followed by a trigger (``'=x``) gets one more
  apostrophe, so that reading removes one and gives it back unchanged;
- any other cell (``'abc``, ``-``, ``—``) is written and read as it is.
"""

from __future__ import annotations

import re

#: Characters that make a spreadsheet read a cell as a formula (OWASP).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?(?:\d++(?:\.\d*+)?|\.\d++)(?:[eE][-+]?\d++)?")


def _triggered(text: str) -> bool:
    """Would a spreadsheet read this cell as a formula? (a plain number would not)"""
    return text.startswith(TRIGGERS) and text not in ("-", "+") and _NUMBER.fullmatch(text) is None


def guard(value: object) -> object:
    """The cell as written to a CSV for people: ``'`` before a would-be formula; other values as given."""
    if isinstance(value, str) and _triggered(value.lstrip("'")):
        return "'" + value
    return value


def unguard(text: str) -> str:
    """A CSV cell as read: the apostrophe :func:`guard` added is removed, nothing else."""
    if text.startswith("'") and _triggered(text.lstrip("'")):
        return text[1:]
    return text
