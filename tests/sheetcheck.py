"""Checks every written sheet must pass: print setup, and no text cell clipped.

A text cell is *clipped* when its text needs more lines than its row shows: either it does
not wrap and is wider than its column (merged cells: the merged width), or it wraps and its
row is lower than its estimated lines (``perfgoals_xl.sinks.fit``, the estimate the writers
use). The checks read the file back with openpyxl, so they test what was
written, not what a writer meant to write.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from openpyxl.utils import get_column_letter

from perfgoals_xl.report.layout import LINE_HEIGHT, text_units
from perfgoals_xl.sinks.fit import count_lines, line_capacity

DEFAULT_WIDTH = 8.43
DEFAULT_HEIGHT = 15.0


def _width(ws, col: int) -> float:
    dim = ws.column_dimensions.get(get_column_letter(col))
    if dim is not None and dim.width:
        return dim.width
    # openpyxl groups equal neighbouring columns under the first one (min..max)
    for d in ws.column_dimensions.values():
        if d.min and d.max and d.min <= col <= d.max and d.width:
            return d.width
    return DEFAULT_WIDTH


def _empty_right(ws, cell, merged_cells) -> float:
    """Width of the empty cells right of a cell, into which unwrapped text overflows."""
    if cell.alignment.horizontal not in (None, "general", "left"):
        return 0.0
    extra, col = 0.0, cell.column + 1
    while col <= min(cell.column + 20, 18278):
        neighbour = ws._cells.get((cell.row, col))
        if neighbour is not None and (neighbour.value not in (None, "")
                                      or neighbour.coordinate in merged_cells):
            break
        extra += _width(ws, col)
        col += 1
    return extra


def clipped_cells(ws) -> list[str]:
    """Addresses (with the reason) of text cells whose text does not fit their cell."""
    merged = {}
    merged_cells = ws.merged_cells
    for rng in ws.merged_cells.ranges:
        merged[(rng.min_row, rng.min_col)] = (rng.max_row, rng.max_col)
    bad = []
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if not isinstance(value, str) or not value or value.startswith("="):
                continue
            last_row, last_col = merged.get((cell.row, cell.column), (cell.row, cell.column))
            width = sum(_width(ws, c) for c in range(cell.column, last_col + 1))
            size = float(cell.font.sz or 11)
            height = sum(ws.row_dimensions[r].height or DEFAULT_HEIGHT
                         for r in range(cell.row, last_row + 1))
            if cell.alignment.wrap_text:
                lines = count_lines(value, width, size)
                needed = lines * LINE_HEIGHT * size / 10.0
                if height + 0.01 < needed:
                    bad.append(f"{cell.coordinate}: {lines} 行需 {needed:.0f} pt，行高 {height:.0f}")
            elif "\n" in value or text_units(value) * size / 10.0 > line_capacity(
                    width + _empty_right(ws, cell, merged_cells), 10.0):
                bad.append(f"{cell.coordinate}: 不换行且宽于列（{value[:20]}）")
    return bad


def assert_no_clipped_text(ws) -> None:
    """Every text cell of the sheet shows all its text."""
    bad = clipped_cells(ws)
    assert not bad, f"{ws.title}: {bad[:10]}"


def assert_print_setup(ws, *, title_rows: str | None = "1:1", paper: int | None = 9) -> None:
    """Landscape, fit to one page wide (not to one page), the title rows repeated."""
    setup = ws.page_setup
    assert setup.orientation == "landscape", ws.title
    if paper is not None:
        assert int(setup.paperSize) == paper, (ws.title, setup.paperSize)
    assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    def pages(value) -> int:  # absent attribute: the OOXML default, 1
        return 1 if value is None else int(value)

    assert pages(setup.fitToWidth) == 1 and pages(setup.fitToHeight) == 0, ws.title
    if title_rows:
        assert (ws.print_title_rows or "").replace("$", "") == title_rows, (ws.title, ws.print_title_rows)


def soffice() -> str | None:
    """The LibreOffice binary, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_pdf(path: Path, outdir: Path) -> Path:
    """Convert a workbook to PDF with LibreOffice in a private profile (no clash with others)."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = f"-env:UserInstallation=file://{outdir / 'lo-profile'}"
    env = {**os.environ, "HOME": str(outdir)}
    subprocess.run([soffice(), "--headless", profile, "--convert-to", "pdf", "--outdir", str(outdir),
                    str(path)], check=True, capture_output=True, timeout=300, env=env)
    return outdir / (path.stem + ".pdf")
