"""PDF: the ruled tables of each page as grids (pdfplumber finds the cells from the ruling lines).

:func:`table_grid` turns one pdfplumber table into rows and merged ranges: the distinct left
edges of its cells are the grid's columns, their distinct top edges its rows, and a cell
spanning several of them is a merged range — as the sheet the table was printed from.
:func:`load_grids` gives one grid per page (its tables stacked), named ``第2页``, each cell
located as ``第2页!第3行·第2列``. The published seven-column table, read with the indentation
of its names, stays with its own reader (sources/pdf.py), which borrows :func:`open_error`.
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.grid import Grid

#: Bounds on hostile input: cells of one table, text of one cell, pages read.
MAX_TABLE_CELLS = 20_000
MAX_CELL_CHARS = 20_000
MAX_PAGES = 5000
SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_ROUND = 1  # decimals of a point when matching cell edges


def open_error(path: Path, exc: Exception) -> InputError:
    """The one-line error for a PDF pdfminer/pdfplumber cannot open (encrypted, damaged)."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return InputError(path, "PDF 已加密（设置了打开密码）：请先去除密码后再导入")
    from perfgoals_xl.sources.containers.pdf_safety import pdf_error_reason

    if isinstance(inner, MemoryError):
        return InputError(path, f"PDF {pdf_error_reason(inner)}")
    return InputError(path, f"不是有效的 PDF（文件已损坏或不完整）：{pdf_error_reason(inner)}")


def join_lines(text: str) -> str:
    """A wrapped cell's lines joined (CJK text wraps without spaces)."""
    return "".join(line.strip() for line in (text or "").split("\n"))



def table_grid(table: Any, texts: list[list[str | None]] | None = None,
               ) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """The rows (texts of origin cells, '' elsewhere) and merged ranges of one pdfplumber table
    (texts: its rows' extracted texts when already at hand)."""
    boxes = [tuple(round(v, _ROUND) for v in cell) for cell in table.cells[:MAX_TABLE_CELLS]]
    xs = sorted({b[0] for b in boxes})
    ys = sorted({b[1] for b in boxes})
    col_of, row_of = {x: i for i, x in enumerate(xs)}, {y: i for i, y in enumerate(ys)}
    by_box = _cell_texts(table, table.extract() if texts is None else texts)
    rows = [[""] * len(xs) for _ in ys]
    merged: list[tuple[int, int, int, int]] = []
    for box in boxes:
        r1, c1 = row_of[box[1]], col_of[box[0]]
        r2 = max(r1, bisect.bisect_left(ys, box[3]) - 1)
        c2 = max(c1, bisect.bisect_left(xs, box[2]) - 1)
        rows[r1][c1] = by_box.get(box, "")
        if (r2, c2) != (r1, c1):
            merged.append((r1, c1, r2, c2))
    return rows, merged


def _cell_texts(table: Any, extracted: list[list[str | None]]) -> dict[tuple, str]:
    """Text of each cell by its rounded box; a wrapped line is joined (CJK wraps without spaces)."""
    out: dict[tuple, str] = {}
    for row, texts in zip(table.rows, extracted, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            if cell is not None and text:
                out[tuple(round(v, _ROUND) for v in cell)] = "".join(
                    line.strip() for line in text[:MAX_CELL_CHARS].split("\n"))
    return out



def load_grids(path: str | Path) -> list[Grid]:
    """One grid per page with ruled tables (tables stacked top to bottom, merged ranges kept)."""
    from perfgoals_xl.sources.containers.pdf_safety import check_pdf_streams, one_by_one

    p = Path(path)
    check_pdf_streams(p)  # flate bombs refused before pdfminer inflates anything
    try:
        import pdfplumber

        with pdfplumber.open(str(p)) as pdf:
            return grids_of_pages(one_by_one(pdf, p))  # each page's caches dropped once read
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 — pdfminer raises many kinds for a damaged file
        raise open_error(p, exc) from None


def grids_of_pages(pages: list[Any]) -> list[Grid]:
    """The grids of pdfplumber pages already open: one per page with ruled tables, named 第n页."""
    grids: list[Grid] = []
    for n, page in enumerate(pages[:MAX_PAGES], 1):
        found = sorted(page.find_tables(SETTINGS), key=lambda t: (t.bbox[1], t.bbox[0]))
        rows: list[list[Any]] = []
        merged: list[tuple[int, int, int, int]] = []
        for table in found:
            t_rows, t_merged = table_grid(table)
            base = len(rows)
            rows.extend(t_rows)
            merged.extend((r1 + base, c1, r2 + base, c2) for r1, c1, r2, c2 in t_merged)
        if rows:
            grids.append(Grid(sheet=f"第{n}页", rows=rows, merged=merged, locate=PageLocate(n)))
    return grids


class PageLocate:
    """A cell's place on a PDF page: ``第3页``, ``第5行·第2列`` (a small object, no cells)."""

    __slots__ = ("page",)

    def __init__(self, page: int) -> None:
        self.page = page

    def __call__(self, r: int, c: int) -> tuple[str, str]:
        """The (page, cell) names of grid cell (r, c)."""
        return f"第{self.page}页", f"第{r + 1}行·第{c + 1}列"


def page_grids(path: str | Path) -> list[Grid]:
    """Each page's tables as one grid of pdfplumber's extracted rows (wrapped lines joined), named
    第n页: the shape the 自评表 reader reads a PDF in (a long form continues over pages)."""
    from perfgoals_xl.sources.containers.pdf_safety import check_pdf_streams, one_by_one

    check_pdf_streams(path)  # flate bombs refused before pdfminer inflates anything
    try:
        import pdfplumber

        grids = []
        with pdfplumber.open(str(path)) as pdf:
            for n, page in enumerate(one_by_one(pdf, path)[:MAX_PAGES], 1):  # caches dropped page by page
                rows = [[None if c is None else join_lines(c) for c in row]
                        for found in page.extract_tables() for row in found]
                grids.append(Grid(sheet=f"第{n}页", rows=rows))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 — pdfminer raises many kinds for a damaged file
        raise open_error(Path(path), exc) from None
    return grids
