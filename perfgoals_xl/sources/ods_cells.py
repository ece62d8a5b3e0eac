"""What an .ods sheet shows that python-calamine does not give: merged ranges, percentages, typed texts.

Streamed from content.xml once for every sheet:

- merged ranges (``number-columns/rows-spanned``);
- percentage cells (``office:value-type="percentage"``): calamine gives the value (1 for 100%), the
  grid's number format says it is a percentage, so it reads as shown (100%), as an .xlsx cell's
  percent format does;
- a cell whose published text became a failing formula (``=300天`` typed or pasted into a sheet →
  ``table:formula="of:=300天"``, an error shown): the text as typed, as sources/typed_formulas.py
  does for an .xlsx (a formula holding a character outside ASCII; a computation never does);
- the rows and columns the sheet hides (``table:visibility="collapse"`` or ``"filter"`` on a row or a
  column): left out by sources/hidden_cells.py, as an .xlsx's hidden rows are (a template's example row
  hidden in Calc or WPS and saved as .ods is no indicator).

The file is parsed once for all of it (kept for the files last asked about: the grid's reader and
hidden_cells both ask).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Cell = tuple[int, int]  # 0-based (row, column), as sources/grid.py's (which imports this module)

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
#: Repeat counts honoured when locating cells (a sheet's trailing blank rows repeat ~10⁶ times).
MAX_REPEAT = 100_000
#: Percentage and typed cells noted in one file, at most.
MAX_NOTED = 1_000_000
#: The number format a percentage cell is read with.
PERCENT = "0%"
#: Hidden rows and columns taken in one sheet, at most (more are a crafted sheet: none is left out then).
MAX_HIDDEN = 1_048_576
#: Files whose findings are kept.
_KEPT = 4
_HIDDEN = ("collapse", "filter")


@dataclass
class OdsSheet:
    """One sheet's merged ranges, percentage cells (→ PERCENT) and typed texts of failed formulas."""

    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    formats: dict[Cell, str] = field(default_factory=dict)
    typed: dict[Cell, str] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    #: more than MAX_HIDDEN rows and columns hidden (a crafted sheet): none is taken as hidden
    hidden_capped: bool = False


_found: dict[tuple[str, int, int], dict[str, OdsSheet]] = {}


def ods_sheets(path: str | Path) -> dict[str, OdsSheet]:
    """Sheet name → what content.xml says of its cells (see the module docstring)."""
    p = Path(path)
    stat = p.stat()
    key = (str(p.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _found:
        if len(_found) >= _KEPT:
            _found.pop(next(iter(_found)))
        _found[key] = _parse(p)
    return _found[key]


def _parse(path: Path) -> dict[str, OdsSheet]:
    import xml.etree.ElementTree as ET
    import zipfile

    out: dict[str, OdsSheet] = {}
    sheet: OdsSheet | None = None
    row = col = column = 0  # (column: the table-column declarations' count, for their visibility)
    row_repeat = 1
    noted = 0
    with zipfile.ZipFile(path) as zf, zf.open("content.xml") as fh:
        for event, el in ET.iterparse(fh, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == f"{_TABLE}table":
                    sheet = out.setdefault(el.get(f"{_TABLE}name", ""), OdsSheet())
                    row = column = 0
                elif tag == f"{_TABLE}table-row":
                    col = 0
                    row_repeat = _count(el, f"{_TABLE}number-rows-repeated")
                    if sheet is not None and el.get(f"{_TABLE}visibility") in _HIDDEN:
                        _hide(sheet.hidden_rows, sheet, row, row_repeat)
                elif tag == f"{_TABLE}table-column":
                    repeat = _count(el, f"{_TABLE}number-columns-repeated")
                    if sheet is not None and el.get(f"{_TABLE}visibility") in _HIDDEN:
                        _hide(sheet.hidden_cols, sheet, column, repeat)
                    column += repeat
                continue
            if tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                spans = (_count(el, f"{_TABLE}number-rows-spanned"), _count(el, f"{_TABLE}number-columns-spanned"))
                repeat = _count(el, f"{_TABLE}number-columns-repeated")
                if sheet is not None and tag == f"{_TABLE}table-cell":
                    if spans != (1, 1):
                        sheet.merged.append((row, col, row + spans[0] - 1, col + spans[1] - 1))
                    if row_repeat == 1 and noted < MAX_NOTED:
                        noted += _note(el, sheet, row, col, min(repeat, MAX_NOTED - noted))
                col += repeat
                el.clear()
            elif tag == f"{_TABLE}table-row":
                row += _count(el, f"{_TABLE}number-rows-repeated")
                el.clear()
    return out


def _hide(hidden: set[int], sheet: OdsSheet, first: int, count: int) -> None:
    """Note rows (columns) first … first + count − 1 hidden; past MAX_HIDDEN in a sheet, none is."""
    if sheet.hidden_capped:
        return
    if len(sheet.hidden_rows) + len(sheet.hidden_cols) + count > MAX_HIDDEN:
        sheet.hidden_rows.clear()
        sheet.hidden_cols.clear()
        sheet.hidden_capped = True
        return
    hidden.update(range(first, first + count))


def _note(el: Any, sheet: OdsSheet, row: int, col: int, repeat: int) -> int:
    """Note a percentage cell or a failed formula's typed text (repeated across columns); how many."""
    formula = el.get(f"{_TABLE}formula") or ""
    if formula and el.get(f"{_CALCEXT}value-type") == "error":
        text = formula.split(":", 1)[1] if formula[:3].lower() == "of:" else formula
        if text.startswith("=") and not text.isascii():
            sheet.typed.update(((row, col + k), text) for k in range(repeat))
            return repeat
        return 0
    if el.get(f"{_OFFICE}value-type") == "percentage":
        sheet.formats.update(((row, col + k), PERCENT) for k in range(repeat))
        return repeat
    return 0


def _count(el: Any, attr: str) -> int:
    """A span or repeat count of an .ods cell, bounded (1 when absent or not a small number)."""
    text = el.get(attr, "1")
    if not (text.isascii() and text.isdigit() and len(text) <= 7):
        return 1
    return max(1, min(int(text), MAX_REPEAT))
