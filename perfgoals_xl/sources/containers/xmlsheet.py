"""Excel 2003 XML workbooks (container): every worksheet of a SpreadsheetML file becomes a Grid.

Budget systems written in Java commonly "export to Excel" by filling a FreeMarker template saved
from Excel as *XML 表格 2003*, and serve the result as ``.xls``: a text file, not a binary
workbook, that Excel opens without a word. Its cells, merges (``ss:MergeAcross`` /
``ss:MergeDown``), number formats, hidden sheets and hidden rows and columns (left out, as Excel shows
the sheet: ``sources/hidden_cells``) are read by ``spreadsheetml`` (lxml, no
DOCTYPE, every index, extent and count bounded) — no maintained Python library reads this format
(openpyxl, calamine and pandas do not), and converting with LibreOffice would make a plain text
file need an office suite. Each worksheet is a grid named by its sheet name, located as a
workbook's (``Sheet1!B3``); the layouts read it as they read any sheet.
"""

from __future__ import annotations

import re
from pathlib import Path

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.containers.file_size import read_bounded
from perfgoals_xl.sources.containers.spreadsheetml import NS, Worksheet, parse_worksheets
from perfgoals_xl.sources.grid import Grid, formats_loader
from perfgoals_xl.sources.hidden_cells import without_hidden

#: Largest Excel 2003 XML file read (about 100 bytes a cell: some 500,000 cells).
MAX_BYTES = 50 * 1024 * 1024
#: Largest dense extent (rows × columns from A1) of one worksheet: ten times the cells such a file
#: holds; a few cells placed far down (ss:Index="1000000") never make a grid of millions.
MAX_SHEET_CELLS = 5_000_000


#: The root element of an Excel 2003 XML workbook (``<Workbook`` or ``<ss:Workbook``).
_WORKBOOK_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]{0,20}:)?Workbook[\s>]")


def is_spreadsheetml(text_head: str) -> bool:
    """Does a text start like an Excel 2003 XML workbook (a Workbook element in the spreadsheet namespace)?
    A web page declaring that namespace (an .xls that is HTML) is no such workbook."""
    head = text_head.lstrip("\ufeff \t\r\n")[:4000]
    lowered = head.lower()
    return (head.startswith("<") and NS in head and _WORKBOOK_ROOT.search(head) is not None
            and "<html" not in lowered and "<!doctype html" not in lowered)


def load_grids(path: str | Path) -> list[Grid]:
    """Every worksheet holding cells, as a grid named by its sheet name (hidden sheets marked)."""
    p = Path(path)
    data = read_bounded(p, MAX_BYTES, "Excel 2003 XML 表格", "：请另存为 .xlsx")
    try:
        sheets = parse_worksheets(data)
    except ValueError as exc:
        raise InputError(p, f"Excel 2003 XML 表格无法读取（{_why(exc)}）：请在 Excel 中另存为 .xlsx 后再导入") from None
    grids = [_grid(p, sheet) for sheet in sheets if sheet.values]
    if not grids:
        raise InputError(p, "Excel 2003 XML 表格中没有任何单元格内容")
    return grids


def _why(exc: ValueError) -> str:
    text = str(exc)
    if "DOCTYPE" in text:
        return "含有文档类型声明（DOCTYPE），为安全起见不读取"
    if "too large" in text or "too many" in text:
        return "单元格或合并区域过多"
    return "不是完整的 XML 表格，可能已损坏"


def _grid(path: Path, sheet: Worksheet) -> Grid:
    """One worksheet's cells as a dense grid from A1 (bounded as a workbook's sheet is)."""
    height = max(r for r, _ in sheet.values) + 1
    width = max(c for _, c in sheet.values) + 1
    if height * width > MAX_SHEET_CELLS:
        raise InputError(path, f"工作表“{sheet.name}”有 {height:,} 行 × {width:,} 列，超过上限 "
                         f"{MAX_SHEET_CELLS:,} 个单元格，无法读取", where=sheet.name)
    rows: list[list[object]] = [[""] * width for _ in range(height)]
    for (r, c), value in sheet.values.items():
        rows[r][c] = value
    merged = [(r1, c1, min(r2, height - 1), min(c2, width - 1))
              for r1, c1, r2, c2 in sheet.facts.merged if r1 < height and c1 < width]
    formats = sheet.facts.number_formats
    grid = Grid(sheet=sheet.name, rows=rows, merged=merged,
                facts_loader=formats_loader(formats) if formats else None, hidden=sheet.hidden)
    return without_hidden(grid, sheet.facts.hidden_rows, sheet.facts.hidden_cols)  # as Excel shows the sheet
