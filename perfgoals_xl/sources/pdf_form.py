"""One-project forms (申报表) printed to PDF, read by the form reader (docs/forms.md, docs/pdf.md).

The PDF container (sources/containers/pdf_pages.py) gives each page's ruled tables; every table becomes rows of a
:class:`~perfgoals_xl.sources.grid.Grid`: the distinct left edges of its cells are the grid's
columns, their distinct top edges its rows, and a cell spanning several of them is a merged
range — as the sheet the form was printed from. The grids of all form pages are stacked into
one (a form continued on the next page continues there) and read by
:func:`perfgoals_xl.sources.form.read_form_grids`, the same code that reads workbooks and Word.

Pages of a bundled PDF under another table's title (收支总表 …) are skipped and named in one info
problem (sources/pdf_bundle.py). Locations: ``第2页!第3行·第2列`` (the page, then the row and
column counted within that page's table).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from perfgoals_xl.model import PerfTable
from perfgoals_xl.sources.grid import Grid

if TYPE_CHECKING:
    from perfgoals_xl.sources.containers.pdf_pages import PdfPage

#: Bound on hostile input: rows of all forms together (cells and cell text: containers/pdf.py).
MAX_ROWS = 200_000


class _Stack:
    """Tables stacked into one grid, each row remembering its page and row within that table."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.merged: list[tuple[int, int, int, int]] = []
        self.places: list[tuple[int, int]] = []  # grid row → (page, row number in its table)

    def add(self, page: int, rows: list[list[str]], merged: list[tuple[int, int, int, int]]) -> None:
        room = MAX_ROWS - len(self.rows)
        rows = rows[:room]
        base = len(self.rows)
        self.rows.extend(rows)
        self.places.extend((page, n) for n in range(1, len(rows) + 1))
        self.merged.extend((r1 + base, c1, min(r2, len(rows) - 1) + base, c2)
                           for r1, c1, r2, c2 in merged if r1 < len(rows))

    def grid(self) -> Grid:
        places = self.places

        def locate(r: int, c: int) -> tuple[str, str]:
            page, number = places[r]
            return f"第{page}页", f"第{number}行·第{c + 1}列"

        return Grid(sheet=None, rows=self.rows, merged=self.merged, locate=locate)


def read_form_pages(pages: Iterable[PdfPage], path: str, *, sniff: bool = True) -> PerfTable | None:
    """The forms of these pages as one table; None when there is no table or (sniff) the first
    table read is not a form."""
    from perfgoals_xl.sources import pdf_bundle, selfeval_form
    from perfgoals_xl.sources.form import looks_like_form, read_form_grids

    stack = _Stack()
    skipped: dict[int, str] = {}
    current = True
    for page in pages:
        found, title = page.tables, pdf_bundle.table_title(page.above)
        if title is not None:
            current = pdf_bundle.is_performance_title(title)
        if not current:
            if page.has_content:
                skipped[page.number] = title or ""
            continue
        for table in found:
            rows, merged = table.grid()
            if sniff and not stack.rows and not looks_like_form(Grid(sheet=None, rows=rows, merged=merged)):
                return None
            stack.add(page.number, rows, merged)
    if not stack.rows:
        return None
    grid = stack.grid()
    if selfeval_form.is_selfeval_grid(grid):  # a 自评表 printed without its title (docs/selfeval.md)
        table = selfeval_form.table_from_grids([grid], path, "pdf_form", continued=True)
    else:
        table = read_form_grids([grid], source=path, layout="pdf_form")
    if skipped:
        pages_ = sorted(skipped)
        table.problems.append(pdf_bundle.skipped_note(path, pages_, [skipped[p] for p in pages_]))
    return table


__all__ = ["read_form_pages"]
