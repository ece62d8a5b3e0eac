"""Reading a file by path: its container gives grids, a layout reader reads them (docs/containers.md).

The layout readers (longform.py, form.py, selfeval_form.py …) take grids, never a path; the
containers (sources/containers/) turn a path into grids and know no layout. The functions here
join the two for each ``--layout`` name (sources.READERS).
"""

from __future__ import annotations

from pathlib import Path

from perfgoals_xl.errors import InputError
from perfgoals_xl.model import PerfTable
from perfgoals_xl.sources.grid import Grid, cell_text
from perfgoals_xl.sources.longform_header import HEADER_SEARCH_ROWS


def _existing(path: str | Path) -> Path:
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    return p


def read_longform(path: str | Path) -> PerfTable:
    """Read a long-format table (.xlsx/.xlsm/.xls/.ods/.csv) into a PerfTable."""
    from perfgoals_xl.sources.containers import text, workbook
    from perfgoals_xl.sources.longform import read_grids

    p = _existing(path)
    if p.suffix.lower() in {".csv", ".txt", ".tsv"}:
        grids = text.load_grids(p)
        notes = _assumed_notes(grids[0])  # PG-S10 survives a CSV hop (read before rows are released)
        table = read_grids(grids, source=str(p), layout="longform", release_rows=True)
        if notes:
            from perfgoals_xl.assumed_notes import apply_assumed_notes

            apply_assumed_notes(table, notes, sheet=grids[0].sheet or "", file=str(p))
        return table
    grids = workbook.load_grids(p)
    return read_grids(grids, source=str(p), layout="longform", release_rows=True)


def _assumed_notes(grid: Grid) -> dict[tuple[int, int], str]:
    """Our CSV's 金额推断列 (amounts_assumed) cells by (row, column): Amounts.assumed as note text."""
    from perfgoals_xl.longform_cells import ASSUMED_COLUMN, ASSUMED_HEADER

    for r, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        names = [cell_text(v) for v in row]
        c = next((i for i, name in enumerate(names) if name in (ASSUMED_COLUMN, ASSUMED_HEADER)), None)
        if c is not None:
            return {(rr, c): cell_text(cells[c]) for rr, cells in enumerate(grid.rows[r + 1:], r + 1)
                    if c < len(cells) and cell_text(cells[c])}
    return {}


def load_grids(path: str | Path) -> list[Grid]:
    """The grids of a workbook (each sheet) or a Word document (each table)."""
    from perfgoals_xl.sources import word
    from perfgoals_xl.sources.containers import word as word_container
    from perfgoals_xl.sources.containers import workbook

    p = Path(path)
    if word.is_word(p):
        return word_container.load_grids(p)
    return workbook.load_grids(p)


def read_form(path: str | Path) -> PerfTable:
    """Read one-project forms (申报表) from a workbook or a Word document into one table."""
    from perfgoals_xl.sources.form import read_form_grids

    p = _existing(path)
    return read_form_grids(load_grids(p), source=str(p))


def read_word(path: str | Path) -> PerfTable:
    """Read the tables of a Word document: forms (申报表) or a long-format table."""
    from perfgoals_xl.sources import selfeval_form
    from perfgoals_xl.sources.containers import word
    from perfgoals_xl.sources.form import looks_like_form, read_form_grids
    from perfgoals_xl.sources.longform import read_grids

    p = _existing(path)
    grids = word.load_grids(p)
    if selfeval_form.any_selfeval(grids):  # 项目支出绩效自评表 (docs/selfeval.md)
        return selfeval_form.table_from_grids(grids, str(p), "word", continued=True)
    if any(looks_like_form(g) for g in grids):
        return read_form_grids(grids, source=str(p), layout="word")
    return read_grids(grids, source=str(p), layout="word")


def read_selfeval_form(path: str | Path) -> PerfTable:
    """Every 项目支出绩效自评表 form in a workbook, one project per sheet, as one table."""
    from perfgoals_xl.sources.containers import workbook
    from perfgoals_xl.sources.selfeval_form import table_from_grids

    return table_from_grids(workbook.load_grids(path), path, "selfeval_form")


def read_selfeval_pdf(path: str | Path) -> PerfTable:
    """Every 项目支出绩效自评表 form in a PDF with ruled tables (pdfplumber finds the cells).

    Each page's tables become one grid; a page whose form has no 项目名称 (the indicator rows
    of a long form, under the repeated header) continues the project of the page before.
    Wrapped cell text is joined (CJK wraps without spaces).
    """
    from perfgoals_xl.sources.containers.pdf import page_grids
    from perfgoals_xl.sources.selfeval_form import table_from_grids

    return table_from_grids(page_grids(path), path, "selfeval_pdf", continued=True)
