"""Containers: any file → grids (docs/containers.md).

One module per file type, each with ``load_grids(path) -> list[Grid]``: workbook (xlsx, xlsm,
xls, ods), text (CSV, TSV, ``|``/``;`` separated), word (docx; doc/wps via LibreOffice), html
(.html/.htm and the .xls web sites serve that is really HTML), mht (.mht/.mhtml), xmlsheet (Excel
2003 XML, the .xls Java systems export) and pdf (ruled cells). A container knows no vocabulary and no layout: it gives cell values, merged ranges,
number formats where the file has them, and a readable name (and place) for every grid.
The safety checks (sources/workbook_safety.py, size limits) stand in front of each one.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from perfgoals_xl.sources.grid import Grid

#: Container kind → its module.
KINDS = {
    "workbook": "perfgoals_xl.sources.containers.workbook",
    "text": "perfgoals_xl.sources.containers.text",
    "word": "perfgoals_xl.sources.containers.word",
    "html": "perfgoals_xl.sources.containers.html",
    "mht": "perfgoals_xl.sources.containers.mht",
    "pdf": "perfgoals_xl.sources.containers.pdf",
    "xmlsheet": "perfgoals_xl.sources.containers.xmlsheet",
}


def load_grids(path: str | Path, kind: str) -> list[Grid]:
    """The grids of a file through the container of this kind (see KINDS); tables stacked on one
    grid (附件1 then 附件2's title band and table) or standing side by side on it (two forms across a
    sheet, an empty column between) are cut apart (sources/grid_split.py)."""
    from perfgoals_xl.sources.grid_split import split_side_by_side, split_stacked_tables

    module = importlib.import_module(KINDS[kind])
    grids: list[Grid] = module.load_grids(path)
    return [piece for grid in grids for beside in split_side_by_side(grid) for piece in split_stacked_tables(beside)]


def kind_of(path: str | Path) -> str:
    """The container of a file that holds grids, judged by its first bytes (not its extension).

    Meant for files sources.sniff has judged a table (workbook, Word, web page or text).
    """
    p = Path(path)
    with open(p, "rb") as fh:
        head = fh.read(65536)
    from perfgoals_xl.sources.containers.word import is_word, text_kind

    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
        return "word" if is_word(p) else "workbook"
    if text_kind(head) is not None:
        return "word"  # RTF, Word 2003 XML
    if b"%PDF-" in head[:1024]:
        return "pdf"
    from perfgoals_xl.sources.containers import mht

    text = head.decode("utf-8", "ignore") if not head.startswith((b"\xff\xfe", b"\xfe\xff")) else \
        head.decode("utf-16", "ignore")
    if mht.is_mht(text):
        return "mht"
    from perfgoals_xl.sources.containers.xmlsheet import is_spreadsheetml

    if is_spreadsheetml(text):
        return "xmlsheet"
    if is_html(text):
        return "html"
    return "text"


def is_html(text_head: str) -> bool:
    """Does a text start like a web page (<html, <!doctype html, <table … in its first characters)?"""
    head = text_head.lstrip("\ufeff \t\r\n")[:4000].lower()
    if not head.startswith("<"):
        return False
    if "<html" in head or "<!doctype html" in head:
        return True
    if "urn:schemas-microsoft-com:office:spreadsheet" in head:
        return False  # Excel 2003 XML is not a web page
    return any(mark in head for mark in ("<table", "<body", "<meta", "<head"))
