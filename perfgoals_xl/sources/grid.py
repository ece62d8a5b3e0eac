"""Load a spreadsheet as grids of cell values (one per sheet), fast and safely.

Values come from python-calamine (xlsx, xlsm, xls, ods; cached values of formula
cells) — about 5× faster than openpyxl on large sheets — plus its merged-cell
ranges. Two facts calamine does not give are fetched lazily, for a few cells
only, with one openpyxl read-only pass: a cell's number format (a number typed
as 0.95 with a percent format means "95%") and whether a blank cell holds a
formula without a cached value. Text files are the text container's (sources/containers/text.py).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfgoals_xl.cellref import cell_address, column_letter  # noqa: F401 - re-exported for the readers
from perfgoals_xl.errors import InputError

Cell = tuple[int, int]  # 0-based (row, column)

#: While a read is under way (:func:`sniffed_sheets`): the last sheet a sniff had calamine parse,
#: as ((file, size, mtime), sheet name, calamine sheet); None when no read is under way.
_sniffed: list[tuple[tuple[str, int, int] | None, str, Any]] | None = None


def _file_key(path: str | Path) -> tuple[str, int, int] | None:
    """The file's identity for the hand-over (None when it cannot be told: nothing is handed over)."""
    try:
        stat = os.stat(path)
        return os.path.realpath(path), stat.st_size, stat.st_mtime_ns
    except (OSError, ValueError):
        return None


@contextmanager
def sniffed_sheets() -> Iterator[None]:
    """A read's scope: a sheet its sniff parsed is handed to its reader, not parsed again.

    calamine parses a whole sheet even to give its first rows, so sniffing a workbook
    (sources.department_file.workbook_is_form) costs a full parse of the sheet the reader then reads.
    At most one sheet is kept (the last sniffed, as the sniff itself held it), and only
    within this scope: it is dropped when the reader starts on another sheet, or at the end.
    """
    global _sniffed
    outer, _sniffed = _sniffed, []
    try:
        yield
    finally:
        _sniffed = outer


def keep_sniffed_sheet(path: str | Path, name: str, sheet: Any) -> None:
    """Offer a calamine sheet a sniff parsed to the reader that follows (within sniffed_sheets)."""
    if _sniffed is not None:
        _sniffed[:] = [(_file_key(path), name, sheet)]


def _take_sniffed_sheet(path: str | Path, name: str) -> Any | None:
    """The sheet kept by the sniff when it is this file's sheet `name`; the kept sheet is dropped."""
    if not _sniffed:
        return None
    key, kept_name, sheet = _sniffed.pop()
    return sheet if kept_name == name and key is not None and key == _file_key(path) else None


@dataclass(frozen=True, slots=True)
class CellFacts:
    """What calamine does not tell about a cell."""

    number_format: str = "General"
    is_formula: bool = False


@dataclass
class Grid:
    """One sheet: values by 0-based row and column, merged ranges, lazy cell facts."""

    sheet: str | None  # None for CSV
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2 inclusive
    facts_loader: Callable[[Iterable[Cell]], dict[Cell, CellFacts]] | None = None
    first_row: int = 0  # offset of rows[0] in the sheet (for cell addresses)
    first_col: int = 0
    #: (row, column) → (sheet, cell) names of a cell, for grids not read from a sheet (PDF pages).
    locate: Callable[[int, int], tuple[str | None, str]] | None = None
    #: (row, column) → how far the cell's text starts right of the cell's left edge, in em of its
    #: first character, when the container sees it (a PDF: the position of that character). A
    #: layout may read indentation from it (a name indented under its unit) where the text has no
    #: leading spaces.
    cell_indents: dict[Cell, float] | None = None
    #: A workbook sheet hidden from view (a 字典 / 数据源 sheet of an export): read only when no
    #: visible sheet holds a table (sources/readers.read_detected).
    hidden: bool = False

    def __post_init__(self) -> None:
        from perfgoals_xl.sources.merge_clip import clip_merged

        self.merged = clip_merged(self.merged, self.rows)  # A1:XFD1048576 covers only what exists

    def facts(self, cells: Iterable[Cell]) -> dict[Cell, CellFacts]:
        """Number format and formula flag of these cells (empty when the format has none)."""
        cells = list(cells)
        if not cells or self.facts_loader is None:
            return {}
        return self.facts_loader(cells)


def formats_loader(formats: dict[Cell, str]) -> Callable[[Iterable[Cell]], dict[Cell, CellFacts]]:
    """Grid.facts_loader for a container that knows its cells' number formats up front (others: General)."""

    def load(cells: Iterable[Cell]) -> dict[Cell, CellFacts]:
        return {cell: CellFacts(number_format=formats[cell]) for cell in cells if cell in formats}

    return load


def remapped_locator(grid: Grid, places: dict[Cell, Cell]) -> Callable[[int, int], tuple[str | None, str]]:
    """A ``Grid.locate`` for a grid built from ``grid`` (a layout's rewriting, such as an outline as
    the long format it stands for): (row, column) → the (sheet, cell) of the cell of ``grid`` it came
    from (``places``; a cell not listed is at the same place)."""
    def locate(r: int, c: int) -> tuple[str | None, str]:
        r0, c0 = places.get((r, c), (r, c))
        if grid.locate is not None:
            return grid.locate(r0, c0)
        return grid.sheet, f"{column_letter(c0 + grid.first_col)}{r0 + grid.first_row + 1}"
    return locate


def remapped_facts(grid: Grid, places: dict[Cell, Cell]) -> Callable[[Iterable[Cell]], dict[Cell, CellFacts]] | None:
    """A ``Grid.facts_loader`` for a grid built from ``grid`` (as :func:`remapped_locator`): each cell's number
    format is that of the cell it came from (a 100% typed as 1 with its % format stays 100%); None when
    ``grid`` has none."""
    if grid.facts_loader is None:
        return None

    def load(cells: Iterable[Cell]) -> dict[Cell, CellFacts]:
        pairs = [(cell, places.get(cell, cell)) for cell in cells]
        facts = grid.facts([own for _, own in pairs])
        return {cell: facts[own] for cell, own in pairs if own in facts}
    return load


def _openpyxl_facts(path: Path, sheet: str) -> Callable[[Iterable[Cell]], dict[Cell, CellFacts]]:
    def load(cells: Iterable[Cell]) -> dict[Cell, CellFacts]:
        from perfgoals_xl.sources.xlsx_facts import scan_facts

        wanted = set(cells)
        scanned = scan_facts(path, sheet, wanted)  # one streamed pass over the sheet's XML
        if scanned is not None:
            facts: dict[tuple[str, bool], CellFacts] = {}
            return {cell: facts.get(f) or facts.setdefault(f, CellFacts(*f)) for cell, f in scanned.items()}
        import openpyxl

        with open(path, "rb") as fh:  # (its bytes, not its name: an .xlsx served as .xls opens too)
            return _openpyxl_read(openpyxl.load_workbook(fh, read_only=True, data_only=False), sheet, wanted)

    return load


def _openpyxl_read(wb: Any, sheet: str, wanted: set[Cell]) -> dict[Cell, CellFacts]:
    """The number formats and formula marks of the wanted cells of an openpyxl read-only workbook's sheet."""
    row_lo, row_hi = min(r for r, _ in wanted), max(r for r, _ in wanted)
    col_lo, col_hi = min(c for _, c in wanted), max(c for _, c in wanted)
    wanted_cols = {c for _, c in wanted}
    try:
        ws = wb[sheet]
        out: dict[Cell, CellFacts] = {}
        shared: dict[tuple[str, bool], CellFacts] = {}  # one object per distinct fact
        for r, row in enumerate(
            ws.iter_rows(min_row=row_lo + 1, max_row=row_hi + 1, min_col=col_lo + 1, max_col=col_hi + 1),
            start=row_lo,
        ):
            for c, cell in enumerate(row, start=col_lo):
                if c in wanted_cols and (r, c) in wanted:
                    fact = (getattr(cell, "number_format", None) or "General",
                            getattr(cell, "data_type", None) == "f")
                    out[(r, c)] = shared.get(fact) or shared.setdefault(fact, CellFacts(*fact))
        return out
    finally:
        wb.close()


def _xls_facts(path: Path, sheet: str) -> Callable[[Iterable[Cell]], dict[Cell, CellFacts]]:
    """Number formats of a legacy .xls (xlrd with formatting info)."""

    def load(cells: Iterable[Cell]) -> dict[Cell, CellFacts]:
        import xlrd

        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
        try:
            ws = book.sheet_by_name(sheet)
            out: dict[Cell, CellFacts] = {}
            for r, c in cells:
                if r < ws.nrows and c < ws.ncols:
                    xf = book.xf_list[ws.cell_xf_index(r, c)]
                    fmt = book.format_map.get(xf.format_key)
                    out[(r, c)] = CellFacts(number_format=fmt.format_str if fmt else "General")
            return out
        finally:
            book.release_resources()

    return load


#: Texts of at most this many characters are shared between rows (sheet_rows) …
_SHORT_TEXT = 24
#: … up to this many distinct ones per sheet.
_SHARED_TEXTS = 65_536


def sheet_rows(ws: Any) -> list[list[Any]]:
    """A calamine sheet's rows from A1 (as ``to_python(skip_empty_area=False)``), built row by row.

    Cells equal to the cell above (same type) share its object: long-format exports repeat
    the unit, project, amounts and goal on every row, and calamine makes a new object for
    each cell. A million-row sheet so holds each repeated text once, not once per row.
    Short texts that come back but not from the row above (一级/二级 names and codes that
    alternate, values such as 100%) share one object too (:data:`_SHARED_TEXTS` of them,
    the first seen): a fifth of the rows' memory while calamine's own copy is alive.
    """
    if ws.start is None or ws.end is None:
        return []
    height, width = ws.end[0] + 1, ws.end[1] + 1  # to the last used cell, inclusive
    rows: list[list[Any]] = []
    above: list[Any] | None = None
    pad: list[Any] = []
    texts: dict[str, str] = {}
    known = texts.get

    def share(text: str) -> str:
        if len(text) <= _SHORT_TEXT and len(texts) < _SHARED_TEXTS:
            texts[text] = text
        return text

    for values in ws.iter_rows():  # from the first used column (some versions: first used row)
        if above is None:
            pad = [""] * (width - len(values))
            row = pad + values if pad else values
            row = [known(v) or share(v) if v.__class__ is str else v for v in row]
        else:
            row = pad + values if pad else values
            row = [a if a == v and a.__class__ is v.__class__ else known(v) or share(v) if v.__class__ is str else v
                   for a, v in zip(above, row, strict=True)]
        rows.append(row)
        above = row
    if len(rows) < height:
        rows[:0] = [[""] * width for _ in range(height - len(rows))]
    return rows


def load_workbook_grids(path: str | Path, *, sheet: str | None = None) -> list[Grid]:
    """Every sheet (or just `sheet`) of an xlsx/xlsm/xls/ods workbook, after the safety checks."""
    from python_calamine import CalamineError, PasswordError, SheetVisibleEnum

    from perfgoals_xl.sources.workbook_safety import check_workbook, workbook_format

    p = Path(path)
    check_workbook(p)
    fmt = workbook_format(p)
    try:
        wb = open_calamine(p, fmt)
    except PasswordError:
        raise InputError(p, "工作簿受密码保护（已加密），无法读取：请取消密码后再试") from None
    except (CalamineError, ValueError, OSError) as exc:
        raise InputError(p, f"不是有效的工作簿：文件已损坏或格式不受支持（{exc}）") from None
    try:
        with calamine_errors():
            names = wb.sheet_names
            hidden = {m.name for m in wb.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
    except CalamineError as exc:
        wb.close()
        raise InputError(p, f"不是有效的工作簿：文件已损坏或格式不受支持（{exc}）") from None
    if sheet is not None:
        if sheet not in names:
            raise InputError(p, f"工作簿中没有名为“{sheet}”的工作表（现有：{'、'.join(names)}）")
        names = [sheet]
    is_xlsx = fmt == "xlsx"
    grids: list[Grid] = []
    ods: dict[str, Any] | None = None
    try:
        for i, name in enumerate(names):
            try:
                with calamine_errors():
                    sniffed = _take_sniffed_sheet(p, name) if i == 0 else None
                    ws = sniffed if sniffed is not None else wb.get_sheet_by_name(name)
                    del sniffed
                    rows = sheet_rows(ws)
                    merged = [(a[0], a[1], b[0], b[1]) for a, b in (ws.merged_cell_ranges or [])]
            except (CalamineError, ValueError) as exc:
                raise InputError(p, f"工作表“{name}”无法读取（{exc}）") from None
            loader = _openpyxl_facts(p, name) if is_xlsx else _xls_facts(p, name) if fmt == "xls" else None
            if fmt == "ods":  # an .ods: merges, percentages, typed texts from content.xml
                if ods is None:
                    from perfgoals_xl.sources.ods_cells import ods_sheets
                    from perfgoals_xl.sources.sheet_xml import fill_blanks

                    ods = ods_sheets(p)
                facts = ods.get(name)
                if facts is not None:
                    merged = merged or facts.merged
                    loader = formats_loader(facts.formats) if facts.formats else None
                    fill_blanks(rows, facts.typed)
            del ws  # calamine's copy of the sheet: freed before the next one is read
            grids.append(Grid(sheet=name, rows=rows, merged=merged, facts_loader=loader, hidden=name in hidden))
    finally:
        wb.close()
    release_freed_memory()
    return grids


def open_calamine(path: Path, fmt: str) -> Any:
    """calamine's workbook of a file of format `fmt` (workbook_safety.workbook_format): by its name when
    the name says that format (calamine goes by it), else from its bytes (an .xlsx served as .xls)."""
    from python_calamine import CalamineWorkbook

    from perfgoals_xl.sources.workbook_safety import named_as_it_is

    with calamine_errors():
        if named_as_it_is(path, fmt):
            return CalamineWorkbook.from_path(str(path))
        with open(path, "rb") as fh:
            return CalamineWorkbook.from_filelike(fh)


@contextmanager
def calamine_errors() -> Iterator[None]:
    """calamine's Rust code panicking on a malformed file (a BOF record cut short: pyo3's PanicException,
    a BaseException, not an Exception) raised as calamine's own CalamineError, which callers turn into
    one Chinese line — not a traceback."""
    from python_calamine import CalamineError

    try:
        with _rust_quiet():
            yield
    except BaseException as exc:
        if type(exc).__name__ == "PanicException":
            raise CalamineError(f"文件结构损坏：{str(exc)[:200]}") from None
        raise


_quiet_lock = threading.Lock()
_quiet_depth = 0
_quiet_saved: int | None = None


@contextmanager
def _rust_quiet() -> Iterator[None]:
    """The process's standard error (file descriptor 2) sent to the null device while calamine runs:
    a panic of its Rust code prints "thread panicked at …" and a backtrace there before it reaches
    Python, where it becomes our one Chinese line. Shared by threads (the first in redirects, the last
    out restores); nothing else writes while a sheet is parsed."""
    global _quiet_depth, _quiet_saved
    with _quiet_lock:
        if _quiet_depth == 0:
            try:
                sys.stderr.flush()
                saved = os.dup(2)
                null = os.open(os.devnull, os.O_WRONLY)
            except (OSError, ValueError, AttributeError):
                saved = None
            else:
                os.dup2(null, 2)
                os.close(null)
            _quiet_saved = saved
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0 and _quiet_saved is not None:
                os.dup2(_quiet_saved, 2)
                os.close(_quiet_saved)
                _quiet_saved = None


def release_freed_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc ``malloc_trim``; elsewhere nothing).

    calamine's copy of a sheet lives on the C heap, our rows and model on Python's own arenas,
    which do not reuse it: without this, a large sheet's freed copy stays in the process's
    memory while the model is built (about a quarter of the peak at 100,000 rows).
    """
    import ctypes

    try:
        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:  # pragma: no cover - no C library to ask
        return
    if trim is not None:
        trim(0)


#: Money units of a long-format sheet (单位：元, 预算数（元）) → their factor to 万元.
MONEY_FACTOR = {"万元": Decimal(1), "元": Decimal(10000), "千元": Decimal(10)}
#: An amount written as text: digits, thousands separators in their places (1,234 / 1，234), decimals.
AMOUNT_TEXT = re.compile(r"^[-+]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?$")


#: An amount as a form writes it in its cell: a currency sign (a spreadsheet's 货币 format, saved as a web
#: page or text: only a display, the amount is in the column's unit), digits with their thousands
#: separated, decimals and a money unit (亿元, 万元, 千元, 元). Bounded and anchored: linear.
_MONEY_TEXT = re.compile(r"^(?P<sign>[￥¥]|RMB|人民币)?(?P<number>[-+]?(?:\d{1,3}(?:[,，]\d{3}){1,5}|\d{1,15})(?:\.\d{1,8})?)"
                         r"(?P<unit>亿元|亿|万元|万|千元|元)?$")
#: Above this (in its own unit) a figure is no amount of a project (a pasted account number, an ID).
_MAX_AMOUNT = Decimal(10) ** 12
#: 万元 in one of each larger money unit a cell may write; one of each smaller one in 万元 (MONEY_FACTOR).
_WAN_IN = {"亿元": Decimal(10000), "亿": Decimal(10000)}


def money_in_wan(text: str, unit: str | None) -> Decimal | None:
    """An amount cell's text in 万元 (``250万``, ``10000万元``, ``3,000元``, ``1.2亿元``, or a bare number —
    ``￥120.00`` too — in the column's or form's ``unit``), None when it is no amount. The one reading of
    a written amount for every layout's block of amounts."""
    m = _MONEY_TEXT.match(re.sub(r"\s+", "", text[:80]))
    if not m:
        return None
    number = Decimal(m.group("number").replace(",", "").replace("，", ""))
    if abs(number) >= _MAX_AMOUNT:
        return None
    written = m.group("unit") or unit or "万元"
    if written in _WAN_IN:
        number *= _WAN_IN[written]
        return number if abs(number) < _MAX_AMOUNT else None
    factor = MONEY_FACTOR.get(written, Decimal(1))
    return number / factor if factor != 1 else number


def cell_decimal(value: int | float) -> Decimal:
    """A number cell as a Decimal of 15 significant digits, as Excel shows it (1.77 + 3.79 computed
    by a spreadsheet is stored as 5.5600000000000005 and means 5.56)."""
    return Decimal(f"{value:.15g}") if isinstance(value, float) else Decimal(value)


def amount_of_text(text: str) -> Decimal | None:
    """An amount written as text (spaces already removed), or None when it is not one (AMOUNT_TEXT)."""
    if not AMOUNT_TEXT.match(text):
        return None
    return Decimal(text.replace(",", "").replace("，", ""))  # (the pattern admits plain numbers only)


def number_text(value: float, number_format: str | None = None) -> str:
    """A number cell as the text a person sees: 12.0 → '12'; 0.95 with a % format → '95%'."""
    if number_format and "%" in number_format.replace('"%"', "").replace("\\%", ""):
        return f"{value * 100:.10g}%"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"


#: A date format's parts: a quoted literal, an escaped character, a [$-804] / [DBNum1] block, a run of
#: one date letter, or any other character (each alternative bounded: linear on any format text).
_DATE_TOKEN = re.compile(r'"[^"]{0,40}"|\\.|\[[^\]]{0,20}\]|y{1,4}|Y{1,4}|m{1,5}|M{1,5}|d{1,4}|D{1,4}|.', re.S)
#: Time letters: a format showing a time is not rendered here (the ISO text is kept).
_TIME_LETTERS = frozenset("hHsS")


def date_text(value: dt.date, number_format: str | None = None) -> str:
    """A date cell as Excel shows it under its number format, for the date-only formats people use
    (``yyyy"年"m"月"d"日"`` → 2021年12月31日, ``yyyy"年"m"月"`` → 2021年12月, ``yyyy/m/d`` →
    2021/12/31); ISO (2021-12-31) for no format, a format with a time, week days or month names.

    Our own: no maintained library renders Excel number formats (openpyxl only tells a date
    format from others); only year, month and day numbers and literal text are rendered."""
    if not number_format or len(number_format) > 80 or number_format == "General":
        return value.isoformat()
    out: list[str] = []
    for token in _DATE_TOKEN.findall(number_format.split(";", 1)[0]):
        head = token[0]
        if head == '"':
            out.append(token[1:-1])
        elif head == "\\":
            out.append(token[1:])
        elif head == "[":
            continue  # locale or numeral-system block
        elif head in "yY":
            out.append(f"{value.year % 100:02d}" if len(token) <= 2 else str(value.year))
        elif head in "mM":
            if len(token) > 2:
                return value.isoformat()  # mmm / mmmm: month names
            out.append(f"{value.month:02d}" if len(token) == 2 else str(value.month))
        elif head in "dD":
            if len(token) > 2:
                return value.isoformat()  # ddd / dddd: week days
            out.append(f"{value.day:02d}" if len(token) == 2 else str(value.day))
        elif head in _TIME_LETTERS or head.isalpha() and head.isascii():
            return value.isoformat()  # a time, AM/PM, e (era) …: not a plain date
        else:
            out.append(token)
    text = "".join(out).strip()
    return text if any(ch.isdigit() for ch in text) else value.isoformat()


def cell_text(value: Any, number_format: str | None = None) -> str:
    """Any cell value as stripped text ('' for blank); numbers as a person sees them."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip(" \t\r\n\u3000\xa0")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value, number_format)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return date_text(value.date(), number_format)
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return date_text(value, number_format)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).strip()
