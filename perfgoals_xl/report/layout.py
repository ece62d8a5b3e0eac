"""The report sheet 项目支出绩效目标表（含转移支付项目） computed as plain data.

:func:`build_report_layout` turns a :class:`~perfgoals_xl.model.PerfTable` into a
:class:`ReportLayout`: cells (row, column, value, style key), merges, column
widths, row heights, named styles and the print setup. It does no I/O and imports
no Excel library; renderers (``render_xlsx`` here, the live Excel sheet through
xlwings later) only copy it out.

The sheet is the published layout (docs/sources.md §5.1)::

    项目支出绩效目标表（含转移支付项目）                      ← title, merged A:G
    部门名称：<department>                      单位：万元    ← merged A:E and F:G
    项目名称（资金使用单位）|总计|财政拨款|财政专户拨款|其他资金|绩效目标|绩效指标
    合计 | amounts
    <fund unit> | amounts                                      ← 资金使用单位 rows
        <project> | amounts | goal | composed indicator items ← 项目 rows

Decisions (docs/report.md explains them):

- Project names are indented by four spaces *in the text*, as in the published
  tables, so the hierarchy survives copy-paste and PDF text extraction.
- Blank amounts stay blank (never 0.00), amounts are numbers shown with two decimals.
- Row heights are estimated from text width (CJK ≈ 2 units, ASCII ≈ 1.3 units to
  cover LibreOffice's wider Latin fallback) and column width, plus a padding that
  keeps the cells of neighbouring rows apart (readable, and pdfminer keeps them
  as separate text blocks).
- Excel caps a row at 409 points. A project whose indicators need more is split
  at item boundaries over continuation rows: the first row carries the name,
  amounts and goal; each continuation row carries the next items under the name
  followed by （续）, amounts and goal blank (the importer folds such rows back).
  No merged cells: a merged cell cut by a page break would hide its text, and a
  continuation row on a new page still says which project it belongs to.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from perfgoals_xl import grammar
from perfgoals_xl.codes import with_codes
from perfgoals_xl.model import AMOUNT_FIELDS, Amounts, Indicator, PerfTable

#: The column headers of the published table, in order (A..G).
HEADERS = ("项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")
TITLE = "项目支出绩效目标表（含转移支付项目）"
TOTAL_LABEL = "合计"
#: Project names are indented by this text, as in the published tables.
PROJECT_INDENT = "    "
#: Suffix of the name on a continuation row (a project whose indicators exceed one row).
CONTINUED = "（续）"
#: Column widths in Excel character units (A..G); amount columns widen for long amounts.
COLUMN_WIDTHS = (26.0, 12.5, 12.5, 12.5, 12.5, 34.0, 64.0)
#: Amounts: two decimals, no thousands separator (as published), a space's padding on the right.
AMOUNT_FORMAT = "0.00_ "
NAME_COL, GOAL_COL, INDICATOR_COL = 0, 5, 6
FONT_NAME = "宋体"
FONT_SIZE = 10.0
#: Height of one text line at FONT_SIZE in points (LibreOffice's CJK line spacing, the taller one).
LINE_HEIGHT = 14.5
#: Blank space added to every body row (points), split above and below the centred text.
ROW_PADDING = 10.0
#: Excel's maximum row height in points.
MAX_ROW_HEIGHT = 409.0
#: Half-width units an ASCII character takes in the estimate (CJK characters take 2). SimSun
#: in Excel: 1.0; LibreOffice's DejaVu fallback for Latin: ~1.27 (its columns are ~6 % wider).
ASCII_UNITS = 1.2
#: Left indent (Excel indent levels) of wrapped text cells, so text does not touch the border.
TEXT_INDENT = 1
HEADER_ROWS = 3  # title, department line, column headers


@dataclass(frozen=True)
class CellStyle:
    """A named cell style: font, alignment, wrapping, thin borders (sides in ``borders``), format."""

    font_name: str = FONT_NAME
    font_size: float = FONT_SIZE
    bold: bool = False
    align: str = "left"  # left, center, right
    valign: str = "vcenter"  # top, vcenter, bottom
    wrap: bool = False
    borders: str = ""  # any of "t", "b", "l", "r": thin borders on those sides
    num_format: str | None = None
    indent: int = 0


class Cell(NamedTuple):
    """One cell: 0-based row and column, its value (text, amount or None for blank) and style key.

    A named tuple rather than a dataclass: a 10,000-project report has 70,000 of them.
    """

    row: int
    col: int
    value: str | Decimal | None
    style: str


@dataclass(frozen=True)
class Merge:
    """A merged range, 0-based and inclusive; its value and style are the first cell's."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass(frozen=True)
class PrintSetup:
    """Page setup: A4 landscape, fit to one page wide, header rows repeated, page numbers."""

    paper: str = "A4"
    landscape: bool = True
    fit_width: int = 1  # pages wide
    fit_height: int = 0  # 0: as many pages tall as needed
    repeat_rows: tuple[int, int] = (0, HEADER_ROWS - 1)
    footer: str = "&C第 &P 页 共 &N 页"
    header: str = ""  # page header (Excel header codes), printed on every page
    margins: dict[str, float] = field(default_factory=lambda: {
        "left": 0.4, "right": 0.4, "top": 0.5, "bottom": 0.6, "header": 0.3, "footer": 0.3,
    })  # inches
    center_horizontally: bool = True


@dataclass
class ReportLayout:
    """The whole report sheet as data; renderers copy it out without deciding anything."""

    cells: list[Cell]
    merges: list[Merge]
    column_widths: tuple[float, ...]
    row_heights: dict[int, float]
    styles: dict[str, CellStyle]
    print_setup: PrintSetup
    freeze_rows: int = HEADER_ROWS
    n_rows: int = 0
    #: Cell comments (notes) by (row, column): what a figure is, shown on hover.
    comments: dict[tuple[int, int], str] = field(default_factory=dict)

    def value_at(self, row: int, col: int) -> str | Decimal | None:
        """The value of one cell (None when the cell is absent or blank); for tests and tools."""
        for cell in self.cells:
            if cell.row == row and cell.col == col:
                return cell.value
        return None


def _styles() -> dict[str, CellStyle]:
    body = CellStyle(wrap=True, borders="tblr", indent=TEXT_INDENT)
    money = AMOUNT_FORMAT
    return {
        "title": CellStyle(font_size=16.0, bold=True, align="center"),
        "department": CellStyle(align="left"),
        "money_unit": CellStyle(align="right"),
        "header": CellStyle(bold=True, align="center", wrap=True, borders="tblr"),
        "total_name": CellStyle(bold=True, align="center", wrap=True, borders="tblr"),
        "total_amount": CellStyle(bold=True, align="right", borders="tblr", num_format=money),
        "unit_name": body,
        "project_name": body,
        "amount": CellStyle(align="right", borders="tblr", num_format=money),
        "text": body,
    }


def text_units(text: str) -> float:
    """Display width of one line in half-width units: CJK and other wide characters 2, ASCII 1.3."""
    n = len(text)
    wide = (len(text.encode("utf-8")) - n) / 2  # 3-byte characters count 1, 2-byte ones ½
    return 2 * wide + ASCII_UNITS * (n - wide)


def line_capacity(width: float, font_size: float = FONT_SIZE) -> float:
    """Half-width units that fit on one line of a column of this Excel width, conservatively."""
    # A column unit is 7 px; a half-width unit at 10 pt is ~6.7 px. Keep 4.5 units for the
    # cell padding and indent, and the characters a line break cannot split off (，。).
    return width * 7.0 / (6.67 * font_size / FONT_SIZE) - 4.5


def count_lines(text: str, width: float, font_size: float = FONT_SIZE) -> int:
    """Estimated number of wrapped lines of a text in a column of this width (at least 1)."""
    if not text:
        return 1
    return _lines(text, line_capacity(width, font_size))


def _lines(text: str, capacity: float) -> int:
    """count_lines with the line capacity computed once per column (the layout's hot path)."""
    if "\n" in text:
        return sum(_lines(part, capacity) for part in text.split("\n"))
    n = len(text)
    if 2.5 * n <= capacity:  # no character takes more than 2.4 units (4 UTF-8 bytes): one line
        return 1
    wide = (len(text.encode("utf-8")) - n) / 2  # as text_units, inlined
    return max(1, math.ceil((2 * wide + ASCII_UNITS * (n - wide)) / capacity))


#: Lines of recent short texts by capacity: labels, levels, units and values repeat form after form.
_RECENT_LINES: dict[tuple[str, float], int] = {}
_RECENT_MAX = 8192


def recent_lines(text: str, capacity: float) -> int:
    """_lines, remembered for a few thousand recent texts of up to 100 characters."""
    if len(text) > 100:
        return _lines(text, capacity)
    key = (text, capacity)
    lines = _RECENT_LINES.get(key)
    if lines is None:
        if len(_RECENT_LINES) >= _RECENT_MAX:
            _RECENT_LINES.clear()
        lines = _RECENT_LINES[key] = _lines(text, capacity)
    return lines


def text_height(lines: int, font_size: float = FONT_SIZE) -> float:
    """Points needed by this many lines of text, padding included."""
    return lines * LINE_HEIGHT * font_size / FONT_SIZE + ROW_PADDING


#: The note under the table when 合计 or unit amounts were blank and the sheet shows sums.
COMPUTED_NOTE = "注：原表未填写{what}的金额，表中为所含项目金额之和（本表计算）。"


def _sum_amounts(parts: list[Amounts]) -> Amounts:
    """Field by field sum of these amounts (blank where no part has a figure)."""
    out = Amounts()
    for name in AMOUNT_FIELDS:
        values = [a.get(name) for a in parts if a.get(name) is not None]
        if values:
            setattr(out, name, sum(values, Decimal(0)))
    return out


def _is_blank(amounts: Amounts) -> bool:
    return all(amounts.get(name) is None for name in AMOUNT_FIELDS)


def shown_amounts(table: PerfTable) -> tuple[Amounts, list[Amounts], list[str]]:
    """合计 and every unit's amounts as the sheet shows them, and what was computed.

    A source without 合计 or unit rows leaves them blank; the sheet then shows the sum of
    the projects (as the form reader and summary.xlsx do) and names them in a note.
    """
    units: list[Amounts] = []
    computed: list[str] = []
    for unit in table.units:
        if _is_blank(unit.amounts) and unit.projects:
            units.append(_sum_amounts([p.amounts for p in unit.projects]))
            if not _is_blank(units[-1]) and "资金使用单位" not in computed:
                computed.append("资金使用单位")
        else:
            units.append(unit.amounts)
    total = table.amounts
    if _is_blank(total) and table.units:
        total = _sum_amounts(units)
        if not _is_blank(total):
            computed.insert(0, TOTAL_LABEL)
    return total, units, computed


def _amount_widths(table: PerfTable, shown: list[Amounts] | None = None) -> tuple[float, ...]:
    """Column widths, the amount columns widened when an amount (bold in 合计) would not fit."""
    amounts = shown or [table.amounts, *(u.amounts for u in table.units)]
    longest = max((len(f"{a.get(name):.2f}") for a in amounts for name in AMOUNT_FIELDS
                   if a.get(name) is not None), default=0)
    needed = longest * 1.25 + 3  # bold digits, padding
    return tuple(max(w, needed) if 1 <= col <= 4 else w for col, w in enumerate(COLUMN_WIDTHS))


def _amount_cells(row: int, amounts: Amounts, style: str) -> list[Cell]:
    return [Cell(row, col, amounts.get(name), style) for col, name in enumerate(AMOUNT_FIELDS, 1)]


_BREAK_AFTER = re.compile(r"(?<=[。；，;,])")


def _split_long(text: str, max_lines: int, capacity: float) -> list[str]:
    """A text taller than max_lines cut into pieces that each fit: after 。/；/， where
    possible, else in plain character chunks (a character takes at most 2 units)."""
    if _lines(text, capacity) <= max_lines:
        return [text]
    step = max(1, int(max_lines * capacity / 2))  # characters that always fit in max_lines
    pieces: list[str] = []
    current = ""
    for part in _BREAK_AFTER.split(text):
        while _lines(part, capacity) > max_lines:  # no break inside: plain chunks
            if current:
                pieces.append(current)
                current = ""
            pieces.append(part[:step])
            part = part[step:]
        if current and _lines(current + part, capacity) > max_lines:
            pieces.append(current)
            current = ""
        current += part
    if current:
        pieces.append(current)
    return pieces


def _indicator_chunks(items: list[str], max_lines: int, capacity: float) -> list[tuple[str, int]]:
    """Composed 绩效指标 items joined into chunks of at most max_lines lines, split between
    items; an item taller than max_lines is itself cut (see _split_long)."""
    chunks: list[tuple[str, int]] = []
    current = ""
    for item in items:
        for piece in _split_long(item, max_lines, capacity):
            candidate = current + piece
            if current and _lines(candidate, capacity) > max_lines:
                chunks.append((current, _lines(current, capacity)))
                candidate = piece
            current = candidate
    chunks.append((current, _lines(current, capacity)))
    return chunks


def build_report_layout(table: PerfTable) -> ReportLayout:
    """Compute the report sheet of a table: cells, merges, widths, heights, styles, print setup.

    A department-wide table (``kind == "department"``) gets its own official layout
    (report/department_layout.py: 部门整体支出绩效目标表 or its 自评表)."""
    if table.kind == "department":
        from perfgoals_xl.report.department_layout import build_department_layout

        return build_department_layout(table)
    cells: list[Cell] = []
    heights: dict[int, float] = {}
    total_amounts, unit_amounts, computed = shown_amounts(table)
    widths = _amount_widths(table, [total_amounts, *unit_amounts])
    last = len(HEADERS) - 1
    merges = [Merge(0, 0, 0, last), Merge(1, 0, 1, 4), Merge(1, 5, 1, last)]
    cells.append(Cell(0, 0, table.title or TITLE, "title"))
    cells.append(Cell(1, 0, f"部门名称：{table.department}", "department"))
    cells.append(Cell(1, 5, f"单位：{table.unit or '万元'}", "money_unit"))
    cells.extend(Cell(2, col, header, "header") for col, header in enumerate(HEADERS))
    header_lines = max(count_lines(h, widths[col]) for col, h in enumerate(HEADERS))
    heights.update({0: 30.0, 1: 20.0, 2: text_height(header_lines)})

    row = HEADER_ROWS
    single = text_height(1)

    def name_row(name: str, amounts: Amounts, name_style: str, amount_style: str) -> None:
        nonlocal row
        cells.append(Cell(row, 0, name, name_style))
        cells.extend(_amount_cells(row, amounts, amount_style))
        cells.append(Cell(row, GOAL_COL, None, "text"))
        cells.append(Cell(row, INDICATOR_COL, None, "text"))
        heights[row] = max(single, text_height(count_lines(name, widths[NAME_COL])))
        row += 1

    name_row(TOTAL_LABEL, total_amounts, "total_name", "total_amount")
    max_lines = int((MAX_ROW_HEIGHT - ROW_PADDING) // LINE_HEIGHT)
    w_name = widths[NAME_COL]
    cap_name, cap_goal = line_capacity(w_name), line_capacity(widths[GOAL_COL])
    cap_indicators = line_capacity(widths[INDICATOR_COL])
    short_name = int(cap_name / 2)  # fewer characters always fit on one line
    compose_official, fill = grammar.compose_item, with_codes

    def compose_item(item: Indicator) -> str:  # missing codes filled from the framework
        return compose_official(fill(item))

    # The hot loop of a large report (70,000 cells), kept flat. Cells are built with
    # tuple.__new__ (what Cell._make does): the named tuple's own __new__ is a Python
    # function and costs twice as much.
    new = tuple.__new__
    for unit, amounts in zip(table.units, unit_amounts, strict=True):
        name_row(unit.name, amounts, "unit_name", "amount")
        for project in unit.projects:
            name = PROJECT_INDENT + project.name
            goal = project.goal
            a = project.amounts
            text = "".join(map(compose_item, project.indicators))
            text_lines = _lines(text, cap_indicators) if text else 1
            chunks = None
            if text_lines > max_lines:
                chunks = _indicator_chunks([compose_item(i) for i in project.indicators],
                                           max_lines, cap_indicators)
                text, text_lines = chunks[0]
            # The row is as tall as its tallest text. A character takes at most 2 units, so a
            # goal or name whose 2 × length fits in the lines already needed (and without a line
            # break) cannot be taller: its estimate is skipped, the height is the same.
            lines = text_lines
            if goal and ("\n" in goal or 2 * len(goal) / cap_goal > lines):
                lines = max(lines, _lines(goal, cap_goal))
            if len(name) >= short_name and ("\n" in name or 2 * len(name) / cap_name > lines):
                lines = max(lines, _lines(name, cap_name))
            cells += (
                new(Cell, (row, 0, name, "project_name")), new(Cell, (row, 1, a.total, "amount")),
                new(Cell, (row, 2, a.fiscal, "amount")), new(Cell, (row, 3, a.special, "amount")),
                new(Cell, (row, 4, a.other, "amount")), new(Cell, (row, GOAL_COL, goal or None, "text")),
                new(Cell, (row, INDICATOR_COL, text or None, "text")),
            )
            heights[row] = min(MAX_ROW_HEIGHT, text_height(lines))
            row += 1
            for text, lines in (chunks or ())[1:]:
                cells.append(Cell(row, 0, name + CONTINUED, "project_name"))
                cells.extend(_amount_cells(row, Amounts(), "amount"))
                cells.append(Cell(row, GOAL_COL, None, "text"))
                cells.append(Cell(row, INDICATOR_COL, text, "text"))
                lines = max(lines, count_lines(name + CONTINUED, w_name))
                heights[row] = min(MAX_ROW_HEIGHT, text_height(lines))
                row += 1
    setup, comments = PrintSetup(), {}
    if computed:  # never a silent figure: a comment on 合计 and a note on every printed page
        # (not a row under the table: a reader would take it for one more project)
        note = COMPUTED_NOTE.format(what="、".join(computed))
        comments[(HEADER_ROWS, 1)] = note
        setup = PrintSetup(header=f"&L{note}")
    return ReportLayout(
        cells=cells, merges=merges, column_widths=widths, row_heights=heights,
        styles=_styles(), print_setup=setup, n_rows=row, comments=comments,
    )
