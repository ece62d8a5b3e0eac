"""One-project forms (申报表) printed to PDF, read by the form reader (docs/forms.md, docs/pdf.md).

The PDF container (sources/containers/pdf.py) gives the grids: a page's ruled tables stacked, a
table continued over pages — a form whose title is printed on each of its pages as well — stitched
into one grid, each cell located on its page (``第2页!第3行·第2列``). The grids under a performance
title (or no title) are read by :func:`perfgoals_xl.sources.form.read_form_grids`, the same code
that reads workbooks and Word; grids under another table's title (收支总表 …) are skipped and named
in one info problem (sources/pdf_bundle.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from perfgoals_xl.model import PerfTable
from perfgoals_xl.sources.grid import Grid

if TYPE_CHECKING:
    from perfgoals_xl.sources.containers.pdf_pages import PdfPage


def read_form_pages(pages: Iterable[PdfPage], path: str, *, sniff: bool = True) -> PerfTable | None:
    """The forms of these pages as one table; None when there is no table or (sniff) the first
    grid read is not a form."""
    from perfgoals_xl.sources import pdf_bundle, selfeval_form
    from perfgoals_xl.sources.containers.pdf import stitch
    from perfgoals_xl.sources.form import looks_like_form, read_form_grids

    kept: list[Grid] = []
    skipped: dict[int, str] = {}
    current = True
    for grid in stitch(pages):
        places = getattr(grid.locate, "places", None) or []
        above = [str(row[0]) for row, (_, n) in zip(grid.rows, places, strict=False) if n < 0 and row and row[0]]
        title = pdf_bundle.table_title(above)
        if title is not None:
            current = pdf_bundle.is_performance_title(title)
        if not current:
            for page, _ in places:
                skipped.setdefault(page, title or "")
            continue
        if sniff and not kept and not looks_like_form(grid):
            return None
        kept.append(grid)
    if not kept:
        return None
    if selfeval_form.is_selfeval_grid(kept[0]):  # a 自评表 printed without its title (docs/selfeval.md)
        table = selfeval_form.table_from_grids(kept, path, "pdf_form", continued=True)
    else:
        table = read_form_grids(kept, source=path, layout="pdf_form")
    if skipped:
        pages_ = sorted(skipped)
        table.problems.append(pdf_bundle.skipped_note(path, pages_, [skipped[p] for p in pages_]))
    return table


__all__ = ["read_form_pages"]
