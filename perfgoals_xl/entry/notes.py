"""Amount-column assumptions (Amounts.assumed, PG-S10) kept in the entry workbook as cell notes.

A source that had to guess which 资金来源 column an amount belongs to (published
text where empty columns vanished) records ``Amounts.assumed`` and a problem S10.
The entry writer puts a note (批注) on the first assumed amount cell of that row:

    PG-S10 金额列为推断：已按 财政拨款 读取（原文中空列消失）。核对原表后请删除本批注。

Reading the workbook back, a note that starts with ``PG-S10`` restores
``Amounts.assumed`` (the column names in the note) and the S10 problem, so
``perfgoals check`` still reports it. The person who has checked the amounts
deletes the note, and the finding goes away with it. See docs/entry-sheet.md.

The note's words and their reading into the table are ``perfgoals_xl.assumed_notes`` (the CSV
keeps the same words); this module reads the notes out of a workbook.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from perfgoals_xl.assumed_notes import cell_row_col
from perfgoals_xl.sources.workbook_safety import read_member

_MAX_PART = 20_000_000  # bytes of one XML part read for notes (the workbook was checked already)
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


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


