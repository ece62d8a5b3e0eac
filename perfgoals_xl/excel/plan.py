"""What a button asks of Excel, as data — and the thin applier that does it with xlwings.

A handler computes a :class:`Plan` (a list of bulk operations: write this 2-D
block, format these areas with this style, show this message …) with pure
Python, then :func:`apply` performs it through the open-source xlwings API
(Book / Sheet / Range), which xlwings' COM engine (Windows Excel) and its JSON
engine (xlwings Server/Lite, used by the tests) share. The number of
operations depends on the number of *styles*, *columns* and *messages*, never
on the number of rows: a block of values is one write, cells with one style are
one format call over the union of their areas.

Where an engine lacks an operation (the JSON engine has no status bar, no
multi-area ranges, no page setup beyond the print area), :func:`apply` degrades
— status text is skipped, multi-area ranges are applied area by area — and
returns what it skipped, so tests state exactly what was not exercised.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from perfgoals_xl import cellref

#: Excel's limit on the length of a Range address string (COM ``Range(...)``).
MAX_ADDRESS_CHARS = 255


# ------------------------------------------------------------------- addresses


def column_letter(col: int) -> str:
    """1 → A, 27 → AA (1-based, as Excel's object model counts)."""
    return cellref.column_letter(col - 1) if col > 0 else ""


def cell_address(row: int, col: int) -> str:
    """(2, 3) → 'C2' (1-based)."""
    return f"{column_letter(col)}{row}"


def area_address(top: int, left: int, bottom: int, right: int) -> str:
    """A rectangle as 'A1:C4' ('A1' for a single cell)."""
    first = cell_address(top, left)
    return first if (top, left) == (bottom, right) else f"{first}:{cell_address(bottom, right)}"


def union_areas(cells: Iterable[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Cover a set of (row, col) cells with few rectangles (top, left, bottom, right).

    Runs of adjacent columns in a row become one strip; identical strips on
    consecutive rows merge into one rectangle. Deterministic order (top, left).
    """
    by_row: dict[int, list[int]] = {}
    for row, col in set(cells):
        by_row.setdefault(row, []).append(col)
    strips: dict[int, list[tuple[int, int]]] = {}
    for row, cols in by_row.items():
        cols.sort()
        runs: list[tuple[int, int]] = []
        for col in cols:
            if runs and runs[-1][1] == col - 1:
                runs[-1] = (runs[-1][0], col)
            else:
                runs.append((col, col))
        strips[row] = runs
    open_areas: dict[tuple[int, int], list[int]] = {}  # (left, right) → [top, bottom]
    done: list[tuple[int, int, int, int]] = []
    for row in sorted(strips):
        for run in strips[row]:
            area = open_areas.get(run)
            if area is not None and area[1] == row - 1:
                area[1] = row
            else:
                if area is not None:
                    done.append((area[0], run[0], area[1], run[1]))
                open_areas[run] = [row, row]
    done += [(top, left, bottom, right) for (left, right), (top, bottom) in open_areas.items()]
    return sorted(done)


def row_runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive row numbers as (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for row in sorted(set(rows)):
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def chunk_addresses(addresses: Sequence[str], limit: int = MAX_ADDRESS_CHARS) -> list[str]:
    """Join area addresses with ',' into multi-area addresses of at most ``limit`` characters."""
    chunks: list[str] = []
    current = ""
    for address in addresses:
        candidate = f"{current},{address}" if current else address
        if len(candidate) > limit and current:
            chunks.append(current)
            current = address
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks


# ------------------------------------------------------------------ operations


@dataclass(frozen=True)
class Style:
    """Cell formatting a plan can apply; ``None`` leaves an attribute unchanged."""

    bold: bool | None = None
    italic: bool | None = None
    font_name: str | None = None
    font_size: float | None = None
    font_color: str | None = None  # '#RRGGBB'
    fill: str | None = None  # '#RRGGBB'
    wrap: bool | None = None
    halign: str | None = None  # left / center / right / general
    valign: str | None = None  # top / center / bottom
    number_format: str | None = None
    borders: str = ""  # any of 't', 'b', 'l', 'r': thin borders on those sides of every cell
    indent: int = 0


@dataclass(frozen=True)
class EnsureSheet:
    """Make sure a sheet exists (added after ``after`` or last); ``fresh`` deletes an old one
    first; ``visible=False`` hides a sheet this creates (an existing one is left as it is)."""

    name: str
    fresh: bool = False
    after: str | None = None
    visible: bool = True


@dataclass(frozen=True)
class ClearContents:
    """Clear the values of a whole sheet (formats untouched)."""

    sheet: str


@dataclass(frozen=True)
class ClearSheet:
    """Clear a whole sheet: values and formats."""

    sheet: str


@dataclass(frozen=True)
class WriteValues:
    """One 2-D block of values with its top-left cell at (row, col), 1-based."""

    sheet: str
    row: int
    col: int
    values: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class WriteFormulas:
    """One 2-D block of formulas (strings starting with '=') at (row, col)."""

    sheet: str
    row: int
    col: int
    formulas: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class InsertRows:
    """Insert ``count`` whole rows at sheet row ``row`` (1-based), shifting the rest down:
    Excel moves the rows below and adjusts every formula that refers to them."""

    sheet: str
    row: int
    count: int


@dataclass(frozen=True)
class AddNotes:
    """Notes (批注) on single cells: (row, col, text), 1-based; an existing note is replaced."""

    sheet: str
    notes: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class FormatAreas:
    """One style over a union of areas ('A1:C3', 'E5', ...)."""

    sheet: str
    areas: tuple[str, ...]
    style: Style


@dataclass(frozen=True)
class MergeAreas:
    """Merge each area (Excel merges every area of a multi-area range separately)."""

    sheet: str
    areas: tuple[str, ...]


@dataclass(frozen=True)
class ColumnWidths:
    """Widths in characters (Excel's unit): ((first_col, last_col, width), ...)."""

    sheet: str
    widths: tuple[tuple[int, int, float], ...]


@dataclass(frozen=True)
class RowHeights:
    """Heights in points: (height, row areas like '3:5') — one call per distinct height."""

    sheet: str
    heights: tuple[tuple[float, tuple[str, ...]], ...]


@dataclass(frozen=True)
class PageSetup:
    """Print setup of a sheet; only the print area exists in the open-source API on every
    engine, the rest is applied through Excel's PageSetup object (COM) where available."""

    sheet: str
    print_area: str | None = None
    paper: str | None = None  # 'A4' / 'A3'
    landscape: bool | None = None
    fit_width: int = 0  # pages wide (0: no fitting)
    fit_height: int = 0  # pages tall (0: as many as needed)
    print_title_rows: str | None = None  # e.g. '$1:$3'
    center_footer: str | None = None  # e.g. '第 &P 页 共 &N 页'
    left_header: str | None = None  # e.g. a form's '项目支出绩效目标申报表：<项目名称>'
    margins: tuple[tuple[str, float], ...] = ()  # (('left', 0.4), ...) in inches
    center_horizontally: bool = False
    row_breaks: tuple[int, ...] = ()  # manual page breaks before these rows (1-based)
    zoom: int = 0  # a fixed print scale in % (0: none; manual column breaks need one)
    column_breaks: tuple[int, ...] = ()  # manual page breaks before these columns (1-based)
    print_title_columns: str | None = None  # e.g. '$A:$B'


@dataclass(frozen=True)
class FreezePanes:
    """Freeze the panes above and left of ``cell`` (e.g. 'A4' freezes rows 1-3)."""

    sheet: str
    cell: str


@dataclass(frozen=True)
class Activate:
    """Show a sheet (and select a cell)."""

    sheet: str
    cell: str | None = None


@dataclass(frozen=True)
class StatusBar:
    """Text in Excel's status bar."""

    text: str


@dataclass(frozen=True)
class Alert:
    """A message box (MsgBox) with a short Chinese message."""

    message: str
    title: str = "绩效目标"
    critical: bool = False


@dataclass(frozen=True)
class MarkCells:
    """Colour a finding's cells on any sheet without touching their own formatting: one
    conditional-format rule (fill and font of the severity ``letter``) over these areas, its
    formula holding the mark tag (``="pg-mark-E"<>""``) so that RemoveMarks finds it."""

    sheet: str
    letter: str
    areas: tuple[str, ...]


@dataclass(frozen=True)
class RemoveMarks:
    """Delete the conditional-format rules MarkCells added to a sheet (and no other rule)."""

    sheet: str


@dataclass(frozen=True)
class DeleteSheet:
    """Delete a sheet the buttons wrote, when it is there."""

    name: str


Operation = (
    EnsureSheet | ClearContents | ClearSheet | WriteValues | WriteFormulas | FormatAreas | MergeAreas
    | ColumnWidths | RowHeights | PageSetup | FreezePanes | Activate | StatusBar | Alert
    | MarkCells | RemoveMarks | DeleteSheet
)


@dataclass
class Plan:
    """An ordered list of operations; ``add`` returns the plan for chaining."""

    operations: list[Operation] = field(default_factory=list)

    def add(self, *operations: Operation) -> Plan:
        """Append operations in order."""
        self.operations.extend(operations)
        return self

    def of_type(self, kind: type) -> list[Any]:
        """The operations of one kind (for tests and callers)."""
        return [op for op in self.operations if isinstance(op, kind)]


def grid(values: Iterable[Iterable[Any]]) -> tuple[tuple[Any, ...], ...]:
    """A 2-D block as nested tuples (hashable, immutable)."""
    return tuple(tuple(row) for row in values)


def block_width(values: Sequence[Sequence[Any]]) -> int:
    """Width of a ragged block (rows are padded to it when written)."""
    return max((len(row) for row in values), default=0)


# --------------------------------------------------------------------- applier

_PAPER = {"A4": 9, "A3": 8}


def _multi_area(book: Any) -> bool:
    """Does this engine accept multi-area addresses like 'A1:B2,D4'? (COM Excel: yes)."""
    return book.app.engine.name == "excel"


def _ranges(book: Any, sheet: Any, areas: Sequence[str]) -> list[Any]:
    if _multi_area(book):
        return [sheet.range(chunk) for chunk in chunk_addresses(areas)]
    return [sheet.range(area) for area in areas]


def _sheet_names(book: Any) -> list[str]:
    return [s.name for s in book.sheets]


def _apply_style(rng: Any, style: Style) -> None:
    if style.number_format is not None:
        rng.number_format = style.number_format
    if style.fill is not None:
        rng.color = style.fill
    font = rng.font
    if style.bold is not None:
        font.bold = style.bold
    if style.italic is not None:
        font.italic = style.italic
    if style.font_name is not None:
        font.name = style.font_name
    if style.font_size is not None:
        font.size = style.font_size
    if style.font_color is not None:
        font.color = style.font_color
    if style.wrap is not None:
        rng.wrap_text = style.wrap
    if style.halign is not None:
        rng.horizontal_alignment = style.halign
    if style.valign is not None:
        rng.vertical_alignment = style.valign
    sides = border_sides(style.borders)
    if sides:
        rng.borders.set(sides, line_style="continuous", weight="thin")
    if style.indent:
        rng.adjust_indent(style.indent)


def border_sides(borders: str) -> list[str]:
    """xlwings border sides that give every cell of an area the borders ``borders`` ('tblr').

    A cell's right border is its neighbour's left one, so inside verticals exist when
    cells have a left or a right border; likewise inside horizontals for top/bottom.
    """
    sides = [name for flag, name in (("t", "edge_top"), ("b", "edge_bottom"),
                                     ("l", "edge_left"), ("r", "edge_right")) if flag in borders]
    if "l" in borders or "r" in borders:
        sides.append("inside_vertical")
    if "t" in borders or "b" in borders:
        sides.append("inside_horizontal")
    return sides


def _pad(values: Sequence[Sequence[Any]]) -> list[list[Any]]:
    width = block_width(values)
    return [list(row) + [None] * (width - len(row)) for row in values]


def apply(book: Any, plan: Plan) -> list[str]:
    """Perform ``plan`` on an xlwings Book; return descriptions of what this engine skipped."""
    skipped: list[str] = []
    for op in plan.operations:
        if isinstance(op, EnsureSheet):
            names = _sheet_names(book)
            if op.name in names and op.fresh:
                book.sheets[op.name].delete()
                names.remove(op.name)
            if op.name not in names:
                after = book.sheets[op.after] if op.after in names else book.sheets[-1]
                book.sheets.add(op.name, after=after)
                if not op.visible:  # only a new sheet: never turn very hidden into hidden
                    book.sheets[op.name].visible = False
        elif isinstance(op, ClearContents):
            book.sheets[op.sheet].clear_contents()
        elif isinstance(op, ClearSheet):
            book.sheets[op.sheet].clear()
        elif isinstance(op, WriteValues):
            if op.values:
                book.sheets[op.sheet].range((op.row, op.col)).value = _pad(op.values)
        elif isinstance(op, WriteFormulas):
            if op.formulas:
                sheet = book.sheets[op.sheet]
                rows = _pad(op.formulas)
                target = sheet.range((op.row, op.col)).resize(len(rows), len(rows[0]))
                target.formula = rows
        elif isinstance(op, InsertRows):
            if op.count > 0:
                rows = book.sheets[op.sheet].range(f"{op.row}:{op.row + op.count - 1}")
                rows.insert(shift="down", copy_origin="format_from_left_or_above")
        elif isinstance(op, AddNotes):
            sheet = book.sheets[op.sheet]
            for row, col, text in op.notes:
                try:
                    cell = sheet.range((row, col))
                    if cell.note is not None:
                        cell.note.delete()
                    cell.add_note(text)
                except NotImplementedError as exc:  # an engine without notes
                    skipped.append(f"批注 {cell_address(row, col)}: {exc}")
        elif isinstance(op, FormatAreas):
            sheet = book.sheets[op.sheet]
            for rng in _ranges(book, sheet, op.areas):
                try:
                    _apply_style(rng, op.style)
                except NotImplementedError as exc:  # e.g. alignment off Office.js
                    skipped.append(f"格式 {op.areas[:3]}…: {exc}")
        elif isinstance(op, MergeAreas):
            sheet = book.sheets[op.sheet]
            for rng in _ranges(book, sheet, op.areas):
                rng.merge()
        elif isinstance(op, ColumnWidths):
            sheet = book.sheets[op.sheet]
            for first, last, width in op.widths:
                sheet.range(f"{column_letter(first)}:{column_letter(last)}").column_width = width
        elif isinstance(op, RowHeights):
            sheet = book.sheets[op.sheet]
            for height, areas in op.heights:
                for rng in _ranges(book, sheet, areas):
                    rng.row_height = height
        elif isinstance(op, PageSetup):
            skipped += _apply_page_setup(book, op)
        elif isinstance(op, FreezePanes):
            book.sheets[op.sheet].freeze_panes.freeze_at(op.cell)
        elif isinstance(op, Activate):
            sheet = book.sheets[op.sheet]
            sheet.activate()
            if op.cell:
                sheet.range(op.cell).select()
        elif isinstance(op, StatusBar):
            try:
                book.app.status_bar = op.text
            except NotImplementedError:
                skipped.append(f"状态栏：{op.text}")
        elif isinstance(op, Alert):
            book.app.alert(op.message, title=op.title, mode="critical" if op.critical else "info")
        elif isinstance(op, MarkCells | RemoveMarks | DeleteSheet):
            skipped += _apply_marks(book, op)
    return skipped


# ------------------------------------------------------ marks on any workbook (the add-in, #25)


def mark_formula(letter: str) -> str:
    """The formula of a mark rule: always true, holding the mark tag and the severity — a text
    comparison, no function name or separator, so Excel reads it alike in every language (a
    conditional format's formula is read in the user's locale)."""
    from perfgoals_xl.excel.names import MARK_TAG

    return f'="{MARK_TAG}-{letter}"<>""'


def is_mark_formula(formula: str | None) -> bool:
    """Is this conditional-format formula one of ours (MarkCells)?"""
    from perfgoals_xl.excel.names import MARK_TAG

    return bool(formula) and f'"{MARK_TAG}-' in str(formula)


def _apply_marks(book: Any, op: MarkCells | RemoveMarks | DeleteSheet) -> list[str]:
    """MarkCells / RemoveMarks / DeleteSheet through xlwings' conditional-format API."""
    if isinstance(op, DeleteSheet):
        if op.name in _sheet_names(book):
            book.sheets[op.name].delete()
        return []
    sheet = book.sheets[op.sheet]
    if isinstance(op, MarkCells):
        from perfgoals_xl.excel.names import MARK_COLORS

        fill, font = MARK_COLORS[op.letter]
        for rng in _ranges(book, sheet, op.areas):
            rng.conditional_formats.add_custom(mark_formula(op.letter), fill_color=fill, font_color=font)
        return []
    try:
        rules = list(sheet.cells.conditional_formats)
    except NotImplementedError:  # the JSON engine cannot list a sheet's rules
        return [f"清除标记：{op.sheet}"]
    for rule in rules:
        if rule.type == "custom" and is_mark_formula(rule.formula):
            rule.delete()
    return []


def _apply_page_setup(book: Any, op: PageSetup) -> list[str]:
    """Print area through the open-source API; the rest through COM's PageSetup on Excel."""
    sheet = book.sheets[op.sheet]
    if op.print_area:
        sheet.page_setup.print_area = op.print_area
    rest = (op.paper, op.landscape, op.fit_width, op.print_title_rows, op.center_footer,
            op.left_header, op.margins, op.center_horizontally, op.row_breaks, op.zoom,
            op.column_breaks, op.print_title_columns)
    if not any(v not in (None, 0, False, ()) for v in rest):
        return []
    if book.app.engine.name != "excel":
        return [f"打印设置（纸张、方向、缩放、标题行、页脚、页边距）：{op.sheet}"]
    setup = sheet.api.PageSetup  # pywin32 on Windows: COM's PageSetup object
    if op.paper in _PAPER:
        setup.PaperSize = _PAPER[op.paper]
    if op.landscape is not None:
        setup.Orientation = 2 if op.landscape else 1  # xlLandscape / xlPortrait
    if op.fit_width or op.fit_height:
        setup.Zoom = False
        setup.FitToPagesWide = op.fit_width or False
        setup.FitToPagesTall = op.fit_height or False
    if op.zoom:  # a fixed scale replaces fitting (Excel ignores manual breaks when it fits)
        setup.Zoom = op.zoom
    if op.print_title_rows:
        setup.PrintTitleRows = op.print_title_rows
    if op.print_title_columns:
        setup.PrintTitleColumns = op.print_title_columns
    if op.center_footer is not None:
        setup.CenterFooter = op.center_footer
    if op.left_header is not None:
        setup.LeftHeader = op.left_header
    for side, inches in op.margins:
        attribute = {"left": "LeftMargin", "right": "RightMargin", "top": "TopMargin",
                     "bottom": "BottomMargin", "header": "HeaderMargin",
                     "footer": "FooterMargin"}[side]
        setattr(setup, attribute, inches * 72)  # points
    if op.center_horizontally:
        setup.CenterHorizontally = True
    for row in op.row_breaks:  # a table's repeated header row starts the page after each break
        sheet.api.HPageBreaks.Add(sheet.api.Rows(row))
    if op.column_breaks:
        sheet.api.ResetAllPageBreaks()
        for column in op.column_breaks:
            sheet.api.VPageBreaks.Add(sheet.api.Columns(column))
    return []
