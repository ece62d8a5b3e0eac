"""Amount-column assumptions (Amounts.assumed, PG-S10) kept in the entry workbook as cell notes.

A source that had to guess which 资金来源 column an amount belongs to (published
text where empty columns vanished) records ``Amounts.assumed`` and a problem S10.
The entry writer puts a note (批注) on the first assumed amount cell of that row:

    PG-S10 金额列为推断：已按 财政拨款 读取（原文中空列消失）。核对原表后请删除本批注。

Reading the workbook back, a note that starts with ``PG-S10`` restores
``Amounts.assumed`` (the column names in the note) and the S10 problem, so
``perfgoals check`` still reports it. The person who has checked the amounts
deletes the note, and the finding goes away with it. See docs/entry-sheet.md.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from perfgoals_xl.model import AMOUNT_FIELDS, AMOUNT_LABELS, Amounts, Location, Problem
from perfgoals_xl.sources.workbook_safety import read_member

if TYPE_CHECKING:
    from perfgoals_xl.model import PerfTable

NOTE_PREFIX = "PG-S10"
_MAX_PART = 20_000_000  # bytes of one XML part read for notes (the workbook was checked already)
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def assumed_note(assumed: tuple[str, ...]) -> str:
    """The note text for these assumed amount columns."""
    shown = "、".join(AMOUNT_LABELS[c] for c in assumed)
    return f"{NOTE_PREFIX} 金额列为推断：已按 {shown} 读取（原文中空列消失）。核对原表后请删除本批注。"


def parse_assumed_note(text: str) -> tuple[str, ...] | None:
    """The assumed columns a note names; None for a note that is not ours."""
    if not text.lstrip().startswith(NOTE_PREFIX):
        return None
    head = text.split("读取", 1)[0]
    found = sorted(((head.find(AMOUNT_LABELS[k]), k) for k in AMOUNT_FIELDS[1:]
                    if AMOUNT_LABELS[k] in head), key=lambda x: x[0])
    return tuple(k for _, k in found) or ("fiscal",)


def cell_row_col(address: str) -> tuple[int, int] | None:
    """'D5' → (4, 3), 0-based; None for anything else."""
    m = _CELL.match(address.strip().upper())
    if not m:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def read_xlsx_notes(path: str | Path, sheet: str) -> dict[tuple[int, int], str]:
    """Notes (legacy comments) of one sheet of an .xlsx/.xlsm: (row, col) 0-based → text."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())

            def xml(name: str) -> ElementTree.Element | None:
                if name not in names:
                    return None
                return ElementTree.fromstring(read_member(z, name, _MAX_PART, path))

            def rels(part: str) -> dict[str, tuple[str, str]]:
                folder, base = posixpath.split(part)
                root = xml(posixpath.join(folder, "_rels", base + ".rels"))
                if root is None:
                    return {}
                return {r.get("Id", ""): (r.get("Type", ""), posixpath.normpath(
                    posixpath.join(folder, r.get("Target", "")))) for r in root.iter(f"{_NS_PKG}Relationship")}

            book = xml("xl/workbook.xml")
            if book is None:
                return {}
            rid = next((s.get(f"{_NS_REL}id") for s in book.iter(f"{_NS_MAIN}sheet")
                        if s.get("name") == sheet), None)
            part = rels("xl/workbook.xml").get(rid or "", ("", ""))[1]
            target = next((t for kind, t in rels(part).values() if kind.endswith("/comments")), None)
            root = xml(target) if target else None
    except (OSError, zipfile.BadZipFile, ElementTree.ParseError, KeyError):
        return {}  # the workbook itself was checked (workbook_safety) before its notes are read
    notes: dict[tuple[int, int], str] = {}
    for comment in root.iter(f"{_NS_MAIN}comment") if root is not None else ():
        cell = cell_row_col(comment.get("ref", ""))
        if cell is not None:
            notes[cell] = "".join(t.text or "" for t in comment.iter(f"{_NS_MAIN}t"))
    return notes


def apply_assumed_notes(table: PerfTable, notes: dict[tuple[int, int], str], *,
                        sheet: str, file: str | None = None) -> None:
    """Restore Amounts.assumed and the S10 problem from our notes on the amount cells."""
    if not notes:
        return
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (r, c), text in notes.items():
        assumed = parse_assumed_note(text)
        if assumed is not None:
            by_row.setdefault(r, []).append((c, text))
    if not by_row:
        return
    # Projects first: a fund unit without a row of its own is located on its first project's row.
    owners: list[tuple[Location | None, Amounts, str | None, str]] = [
        (p.location, p.amounts, p.name, p.name) for p in table.projects()]
    owners += [(u.location, u.amounts, None, u.name) for u in table.units]
    owners.append((table.field_locations.get("amounts"), table.amounts, None, "合计"))
    found: list[tuple[int, Problem]] = []
    for location, amounts, project, label in owners:
        cell = cell_row_col(location.cell) if location and location.cell else None
        if cell is None or cell[0] not in by_row or amounts.assumed:
            continue
        col, text = by_row.pop(cell[0])[0]
        assumed = parse_assumed_note(text) or ("fiscal",)
        amounts.assumed = assumed
        address = _address(cell[0], col)
        shown = "、".join(AMOUNT_LABELS[k] for k in assumed)
        found.append((cell[0], Problem(
            "S10", f"“{label}”的金额列为推断（已按 {shown} 读取，见 {address} 的批注），请核对原表",
            location=Location(file=file, sheet=sheet, cell=address), raw=text,
            project=project, field="amounts",
        )))
    table.problems.extend(problem for _, problem in sorted(found, key=lambda x: x[0]))


def _address(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"
