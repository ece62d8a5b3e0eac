"""Long-format tables (one indicator per row): .xlsx, .xlsm, .xls, .ods and .csv (docs/sources.md §5.2).

The same reader serves our own entry workbook (sheet 填报, ``perfgoals_xl.entry``)
and the templates of other provinces. How a sheet is read (docs/longform.md):

1. The header row is found by its vocabulary (``vocabulary.SYNONYMS``, longform_header.py), not by
   position: the first row among the first 40 that names 项目名称 (or 指标名称), an
   indicator column and at least three known fields. A second header row under merged parents
   (指标值 → 指标性质 / 指标值 / 度量单位, or 指标值 → 年度 / 实施周期) is combined with it.
2. Rows above the header give the title, 部门名称 and the unit line (单位：元); a
   money unit in a header (预算数（元）) wins for its column. Amounts are
   converted to 万元.
3. Merged cells are filled with their top-left value; blank project cells
   continue the project above (and the same name written again after one starts a
   new project of that name); blank 一级/二级指标 cells take the level above
   within the same project.
4. A row whose 资金使用单位 reads 合计 gives the table's 合计; a row with a unit
   name and neither project nor indicator gives that unit's amounts.
5. A column the vocabulary has no model field for (备注, 评(扣)分标准, any custom column) is
   kept as an extra field under its header text (``Indicator.extras``; ``Project.extras`` on a
   project row without an indicator, or in a cell merged down over the project's rows), listed
   once per table as an info (PG-S11).
6. Rows that cannot be placed become ``table.problems`` (never exceptions):
   placeholder rows (S06), missing or unknown levels (S03/S04), missing values
   (S05), unreadable cells or orphan rows (S01), non-numeric amounts (A03).

Every value keeps its sheet + cell (``Location``) in ``field_locations``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.limits import MAX_LABEL, MAX_NUMBER_CHARS, MAX_SEQ, bound_table, bounded_int
from perfgoals_xl.model import (
    AMOUNT_FIELDS,
    AMOUNT_LABELS,
    Amounts,
    CellLocations,
    FundUnit,
    Indicator,
    Location,
    PerfTable,
    Problem,
    Project,
)
from perfgoals_xl.sources import longform_forms, longform_selfeval
from perfgoals_xl.sources.checks import check_indicator  # noqa: F401 - also re-exported
from perfgoals_xl.sources.grid import (
    MONEY_FACTOR,
    Grid,
    amount_of_text,
    cell_decimal,
    cell_text,
    column_letter,
)
from perfgoals_xl.sources.hierarchy import (
    department_from_title,
    promote_department,
    split_code,
    subtotal_owner,
    total_kind,
)
from perfgoals_xl.sources.indicator_parts import parse_indicator_parts
from perfgoals_xl.sources.level_columns import IMPLIED_LEVEL1_NOTE, imply_level1, level1_implied
from perfgoals_xl.sources.level_join import belongs_elsewhere, belongs_under, centred_levels
from perfgoals_xl.sources.longform_header import (
    HEADER_SEARCH_ROWS,
    Header,
    RowsView,
    filled_rows,
    find_header,
)
from perfgoals_xl.sources.money_evidence import convert_yuan, yuan_evidence
from perfgoals_xl.sources.section_rows import section_of
from perfgoals_xl.sources.vocabulary import (
    DEPARTMENT_LINE,
    DEPARTMENT_SOURCE_NOTE,
    DEPARTMENT_SOURCES,
    UNIT_LINE,
    VALUE_TYPE_HEADER,
    footer_row,
    heading_label,
    is_column_numbers,
    is_footer_label,
    is_note,
    is_operator_word,
    is_table_title,
    is_total_label,
    is_unit_only,
    is_void_indicator,
    label_parts,
    level_label,
    project_from_title,
    split_amount,
    split_level_code,
    void_row_note,
)
from perfgoals_xl.values import parse_value, value_from_parts, value_of_places

_PREFIXES = ("period", "annual", "value")
_NO_OPERATOR = {"定性", "定量", "定性指标", "定量指标", "/", "-", "—"}
_DIRECTIONS = {"正向": "正向", "反向": "反向", "正向指标": "正向", "反向指标": "反向"}
#: 部门名称来源 as our outputs write it (the words, or the model's own keys).
_DEPARTMENT_SOURCE = {**{key: key for key in DEPARTMENT_SOURCES}, **{v: k for k, v in DEPARTMENT_SOURCES.items()}}
_INDENT = (" ", "\u3000", "\t", "\xa0")
#: Rows looked at for the fewest leading spaces of a column's names.
_LEAD_ROWS = 2000
_MAX_HINTS = 50  # 读取提示 kept per sheet
#: Rows of our long format whose 表类型 is ``department``: a department-wide table's indicators, which
#: the long format cannot give back as that table (docs/department.md) — never read as projects.
DEPARTMENT_ROWS_NOTE = ("表类型为 department 的行是部门整体支出绩效目标表的指标，长表不能读回部门整体表，"
                        "这些行未读取（请读取原表或 JSON）")
#: A level cell with its code joined by a hyphen (1-产出指标): kept as printed, the code read by the rules.
_HYPHEN_CODE = re.compile(r"^\s{0,8}\d{1,2}\s{0,4}[-－—–]")
_LOOKAHEAD = 400  # rows searched for the next name when deciding whether a flush name is a unit
#: "<project>（续）": a row that repeats the project's name to say it continues (a page break).
#: A name whose text starts more than this many em right of the least indented one is indented.
_INDENT_EM = 0.35
_CONTINUED_SUFFIXES = ("（续）", "(续)", "（续)", "(续）")


class _Cell:
    """A cell read: its text, raw value, and (built on first use) its location."""

    __slots__ = ("_loc", "_reader", "c", "own", "r", "raw", "text")

    def __init__(self, text: str, location: Location | None = None, raw: Any = None, own: bool = True,
                 reader: _SheetReader | None = None, r: int = 0, c: int = 0) -> None:
        self.text, self.raw, self.own = text, raw, own  # own: not filled from a merged range above
        self._loc, self._reader, self.r, self.c = location, reader, r, c

    @property
    def location(self) -> Location:
        if self._loc is None:
            assert self._reader is not None
            self._loc = self._reader.loc(self.r, self.c)
        return self._loc


#: A level cell (一级/二级 name or code) of a row: (text, row, column). Rows below that carry it
#: down share the tuple; the one Location made for it is kept by the reader (_carried).
_Level = tuple[str, int, int]


#: What cell_text strips from text cells.
_BLANKS = " \t\r\n\u3000\xa0"
#: Columns whose numbers and dates are read as shown (0.95 formatted as a percentage reads 95%).
_FORMATTED = frozenset({"period_value", "annual_value", "value", "actual_value", "weight"})
#: What a row read and released is replaced by (an empty row).
_RELEASED: list[Any] = []
#: At most this many distinct level names, codes and directions are shared per sheet.
_SHARED_STRINGS = 4096


class _Resolver:
    """(row, column) of a sheet → Location; holds no cells, so compact locations may keep it."""

    __slots__ = ("file", "first_col", "first_row", "letters", "origin", "sheet")

    def __init__(self, file: str | None, sheet: str | None, first_row: int, first_col: int,
                 origin: dict[tuple[int, int], tuple[int, int]]) -> None:
        self.file, self.sheet, self.first_row, self.first_col = file, sheet, first_row, first_col
        self.origin = origin  # merged cells → their top-left cell
        self.letters: dict[int, str] = {}

    def __call__(self, r: int, c: int) -> Location:
        if self.origin:
            r, c = self.origin.get((r, c), (r, c))
        letters = self.letters.get(c)
        if letters is None:
            letters = self.letters[c] = column_letter(c + self.first_col)
        row = r + self.first_row + 1
        # (positional: file, line, sheet, cell — a quarter faster than by keyword, per cell)
        return Location(self.file, None if self.sheet else row, self.sheet, f"{letters}{row}")


class _Located:
    """(row, column) → Location through the grid's own names (an HTML table, a PDF page)."""

    __slots__ = ("file", "locate", "origin")

    def __init__(self, file: str | None, locate: Any, origin: dict[tuple[int, int], tuple[int, int]]) -> None:
        self.file, self.locate, self.origin = file, locate, origin

    def __call__(self, r: int, c: int) -> Location:
        sheet, cell = self.locate(*self.origin.get((r, c), (r, c)))
        return Location(self.file, None, sheet, cell)


def _leading(raw: str) -> int:
    """How many indent characters (spaces, full-width spaces, tabs, &nbsp;) open a cell's text."""
    return len(raw) - len(raw.lstrip("".join(_INDENT)))


class _SheetReader:
    def __init__(self, grid: Grid, header: Header, table: PerfTable, file: str | None,
                 filled: tuple[list[list[Any]], dict[tuple[int, int], tuple[int, int]]]) -> None:
        self.grid = grid
        self.header = header
        self.table = table
        self.file = file
        self.rows, self.origin = filled
        self.cols = header.columns
        self.unit: FundUnit | None = None
        self.project: Project | None = None
        self.prev_levels: dict[str, _Level] = {}
        self._carried: dict[tuple[int, int], Location] = {}  # locations of levels carried down
        self._project_no = ""  # the 项目序号 of the current project, when the table has that column
        self._unit_no = self._row_unit_no = ""  # 单位序号 of the current unit / of the row being read
        self._row_unit_code = ""  # 单位编码 of the row being read, when the sheet has that column
        self.numbered_units: set[int] = set()  # indices (in table.units) of units started on a numbered row
        #: The current project went on over a row whose project cell was blank (the name is written
        #: on its first row only): the same name on a cell of its own then starts a new project.
        self._project_blank_row = False
        #: Where the findings of a project begun with no name start (see _drop_empty_nameless).
        self._nameless_from: int | None = None
        #: A project of the current unit started on a row whose unit cell was blank (the unit's
        #: name is written once, above its projects): the same name on a cell of its own starts a new unit.
        self._unit_blank_project = False
        self._unit_own_amounts = False  # the current unit's amounts were read from its own row
        #: Those two rules hold for our entry sheet, whose writer names a project (a unit) on its
        #: first row only. A foreign sheet may write the name again after blank cells (a page
        #: break in a table converted from PDF): there the name again continues the project.
        self._names_once = table.layout == "entry"
        self.formats: dict[tuple[int, int], Any] = {}
        self.resolve = (_Resolver(file, grid.sheet, grid.first_row, grid.first_col, self.origin)
                        if grid.locate is None else _Located(file, grid.locate, self.origin))
        self._strings: dict[str, str] = {}
        self._amounts_row: tuple[int, tuple[Amounts, tuple[str | int, ...]]] | None = None
        self.shapes: dict[tuple[str | int, ...], tuple[str | int, ...]] = {}
        self._content_keys = [k for k in self.cols if k in {"level1", "level2", "name", "period_value",
                                                             "annual_value", "value"} or ":" in k]
        self.extra_cols = list(header.extras.items())  # (header text, column) of the extra columns
        self.extras_seen: dict[str, None] = {}  # extra columns that had a value, in order
        self._level_names: dict[str, tuple[str, float | None]] = {}  # level as printed → name, weight
        self.hints: dict[str, None] = {}  # what the reader assumed (读取提示, one PG-S11 info)
        self.hints_dropped = 0  # hints past _MAX_HINTS (counted, not kept)
        self._plan_columns()

    def _value_type_column(self, c: int | None) -> int | None:
        """The nature column c when a header row heads it 指标值类型, else None."""
        if c is None:
            return None
        rows = {self.header.row, self.header.row if self.header.top is None else self.header.top}
        heads = [self.rows[hr][c] for hr in rows if c < len(self.rows[hr]) and self.rows[hr][c] is not None]
        return c if any(label_parts(str(h)).key == VALUE_TYPE_HEADER for h in heads) else None

    def _plan_columns(self) -> None:
        """The per-sheet plan, decided once from the header: which columns each row's reading
        needs (so that a row does no work for the fields this sheet does not have)."""
        cols = self.cols
        self._content_cols = [cols[k] for k in self._content_keys]
        self._c_unit, self._c_project, self._c_goal = cols.get("fund_unit"), cols.get("project"), cols.get("goal")
        self._c_legacy, self._c_department, self._c_name = cols.get("legacy"), cols.get("department"), cols.get("name")
        self._has_unit_no, self._has_project_no = "unit_no" in cols, "project_no" in cols
        self._has_unit_code = "unit_code" in cols  # (then the unit cell is the name as it is)
        self._has_table_kind = "table_kind" in cols  # (our CSV of a department table: its rows say so)
        #: the optional indicator columns; a row asks for none the sheet does not have
        self._has_optional = any(k in cols for k in ("weight", "direction", "*:operator", "seq"))
        #: period/annual/value → (column of its value, of its number, of its operator, of its unit),
        #: and whether it counts as present without a value column (an operator column of its own)
        self._value_plan = {
            prefix: ((cols.get("value" if prefix == "value" else f"{prefix}_value"), cols.get(f"{prefix}:number"),
                      cols.get(f"{prefix}:operator", cols.get("*:operator")),
                      cols.get(f"{prefix}:unit", cols.get("*:unit"))), f"{prefix}:operator" in cols)
            for prefix in _PREFIXES
        }
        #: a single 指标值 column stands for the period (annual) value when the sheet has none of its own
        self._single_for = tuple(
            key for key, prefix in (("period", "period:"), ("annual", "annual:"))
            if f"{key}_value" not in cols and not any(k.startswith(prefix) for k in cols))
        #: (period column, annual column) when each value is one cell of its own and there is no
        #: single 指标值 column: the common sheet, read without the general joining of parts
        period_plan, annual_plan, value_plan = (self._value_plan[k] for k in _PREFIXES)
        self._simple_values = (
            (period_plan[0][0], annual_plan[0][0])
            if (period_plan[0][0] is not None and annual_plan[0][0] is not None
                and all(c is None for c in (*period_plan[0][1:], *annual_plan[0][1:], *value_plan[0]))
                and not (period_plan[1] or annual_plan[1] or value_plan[1]))
            else None)
        #: a sheet printing only a 年度指标值 column (no 实施周期 / single 指标值) asks for no period value:
        #: the annual one stands for both, as on a form (else PG-S05 on every row of a well-filled sheet)
        self._annual_only = ("annual" not in self._single_for and "period" in self._single_for
                             and self._value_plan["value"][0][:2] == (None, None))
        self._has_selfeval_project = any(k in cols for k in longform_selfeval.PROJECT_COLUMNS)
        self._has_selfeval_indicator = any(k in cols for k in longform_selfeval.INDICATOR_COLUMNS)
        self._has_form_project = any(k in cols for k in longform_forms.PROJECT_COLUMNS)
        self._has_form_indicator = any(k in cols for k in longform_forms.INDICATOR_COLUMNS)
        self._amount_cols = [(key, cols.get(key)) for key in AMOUNT_FIELDS]
        self._amount_idx = [c for _, c in self._amount_cols if c is not None]
        self._amount_max = max(self._amount_idx, default=-1)
        self._total_facts = False  # are there facts (a formula flag) of 总计 cells? (after prefetch_facts)
        self._amount_raws: list[Any] | None = None  # the amount cells of the row read last (numbers)
        self._amounts_owner: Project | None = None  # the project whose amounts were read
        #: The 绩效指标 cells of the current project's rows, parsed together when it ends (a cell
        #: continued on the next row, or over a page break, may stop in the middle of an item).
        self._legacy_parts: list[_Cell] = []
        self._legacy_project: Project | None = None
        self._continuing = False  # row being read continues the project above (no name, no amounts)
        self._flush: float | None = None  # the least indent (em) of the project column's names (cell_indents)
        self._least_lead: dict[int, int] = {}  # column → the fewest leading spaces of its names (&nbsp; on every cell)
        self._last_amount: dict[int, tuple[float, Decimal]] = {}  # column → last number read, its amount
        self._level_cols = [(key, cols[key]) for key in ("level1", "level1_code", "level2", "level2_code")
                            if key in cols]
        self._code_cols = [(key, level, cols[key]) for key, level in (("level1_code", "level1"),
                                                                      ("level2_code", "level2")) if key in cols]
        #: 二级指标 | 三级指标 | 指标值 with no level-1 column: each level-1 by its level-2's place in the framework
        self._implied_level1 = level1_implied(cols)
        if self._implied_level1:
            self.hints.setdefault(IMPLIED_LEVEL1_NOTE)
        self._title_looked = False  # has the heading above the header been looked at for a project?
        self._places = list(self.header.places.items())  # (place, column) of values per place (区域目标值)
        #: a nature column headed 指标值类型 (湖南 预算公开), which prints the value's operator (≥) or 定性;
        #: our own 定量/定性 column keeps any text as the nature
        self.value_type_col = self._value_type_column(cols.get("nature"))
        self._header_rows = self._header_texts()  # a header printed again inside the table is skipped
        #: the first character of any text of the header rows: a row starting otherwise repeats none
        self._header_starts = frozenset(t[0] for texts in self._header_rows for _, t in texts)
        #: Rows whose 一级指标 cell is a merged range printed blank (over two rows or more): an empty
        #: level as published, not the level above carried down — unless the range starts under the
        #: header printed again (a PDF's next page: the merged cell above goes on there, left blank).
        self._blank_level1 = self._blank_levels(_blank_merged_rows(self.grid, cols.get("level1")))
        #: Rows of a run of blank 一级指标 cells whose printed 二级指标 all belong to another level-1 than the
        #: label above the run (慈溪's level left blank over its 社会效益 rows, merges lost): blank as
        #: printed; a run holding one 二级指标 of the label above is that label's (a 经济效益 row printed
        #: inside 产出指标's merged cell is the table's defect, PG-S04 reports it).
        self._foreign_level1 = _foreign_runs(self.rows, self.header.row + 1, cols.get("level1"), cols.get("level2"),
                                             lambda r: self._repeats_header(self.rows[r], r))
        #: The department this grid's own title or label names ('' when none): the unit of its
        #: projects when it has no unit column, and their department when it is not the table's.
        self.own_department = ""
        #: The unit made for projects without a unit row (named by the department) in the grid read
        #: before, when it ended the table: a grid of the same department goes on in it.
        self.carried_unit: FundUnit | None = None
        self.implicit_unit: FundUnit | None = None  # the unit this grid made so

    # -- cells -------------------------------------------------------------------------------
    def loc(self, r: int, c: int) -> Location:
        return self.resolve(r, c)

    def _shared(self, text: str | None) -> str | None:
        """One string object for each repeated level name, code or direction (bounded)."""
        if text is None:
            return None
        shared = self._strings.get(text)
        if shared is None:
            if len(self._strings) >= _SHARED_STRINGS:
                return text
            shared = self._strings[text] = text
        return shared

    def get(self, r: int, key: str) -> _Cell | None:
        """The cell of field `key` in row r (None when the sheet has no such column)."""
        c = self.cols.get(key)
        return None if c is None else self.cell_at(r, c)

    def cell_at(self, r: int, c: int) -> _Cell:
        """The cell at row r, column index c (past the row's end: a blank cell)."""
        row = self.rows[r]
        raw = row[c] if c < len(row) else None
        if raw.__class__ is str:  # fast path: most cells are text
            text = raw.strip(_BLANKS)
        else:
            fact = self.formats.get((r, c)) if self.formats else None
            text = cell_text(raw, fact.number_format if fact else None)
        return _Cell(text, None, raw, not self.origin or (r, c) not in self.origin, self, r, c)

    def text(self, r: int, key: str) -> str:
        """The text of a cell, without building its location (fast path)."""
        c = self.cols.get(key)
        return "" if c is None else self.text_at(self.rows[r], r, c)

    def text_at(self, row: list[Any], r: int, c: int) -> str:
        """The text of the cell at column c of row r (`row`: its values), no cell object made."""
        raw = row[c] if c < len(row) else None
        if raw.__class__ is str:
            return raw.strip(_BLANKS)
        if raw is None:
            return ""
        fact = self.formats.get((r, c)) if self.formats else None
        return cell_text(raw, fact.number_format if fact else None)

    def own(self, r: int, c: int) -> bool:
        """Is the cell at (r, c) its own (not a copy filled from a merged range above)?"""
        return not self.origin or (r, c) not in self.origin

    def problem(self, code: str, message: str, r: int, key: str | None = None, **kw: Any) -> None:
        c = self.cols.get(key) if key else None
        if c is None:
            c = min(self.cols.values()) if self.cols else 0
        self.table.problems.append(Problem(code, message, location=self.loc(r, c), field=key, **kw))

    # -- prefetch ----------------------------------------------------------------------------
    def prefetch_facts(self, start: int) -> None:
        """Number formats of numeric value cells; formula flags of blank 总计 cells."""
        wanted: set[tuple[int, int]] = set()
        value_cols = [c for k, c in self.cols.items() if k in _FORMATTED or k.endswith(":number")]
        total_col = self.cols.get("total")
        for r in range(start, len(self.rows)):
            row = self.rows[r]
            for c in value_cols:
                if c < len(row) and isinstance(row[c], (float, dt.date)):
                    wanted.add((r, c))
            if (total_col is not None and (total_col >= len(row) or row[total_col] in (None, ""))
                    and any(self._has_amount(row, self.cols.get(k)) for k in AMOUNT_FIELDS[1:])):
                wanted.add((r, total_col))
        for key, level in (("level1_code", "level1"), ("level2_code", "level2")):
            # A code column with no value at all may hold formulas never calculated (a file
            # saved by a program that does not calculate): ask which cells are formulas.
            c, lc = self.cols.get(key), self.cols.get(level)
            if c is None or lc is None:
                continue
            rows = self.rows[start:]
            if any(c < len(row) and row[c] not in (None, "") for row in rows):
                continue
            wanted.update((r, c) for r, row in enumerate(rows, start) if lc < len(row) and row[lc] not in (None, ""))
        if wanted:
            self.formats = self.grid.facts(wanted)
        self._total_facts = total_col is not None and any(c == total_col for _, c in self.formats)

    @staticmethod
    def _has_amount(row: list[Any], c: int | None) -> bool:
        return c is not None and c < len(row) and row[c] not in (None, "")

    # -- rows --------------------------------------------------------------------------------
    def read(self, *, release_rows: bool = False) -> None:
        """Read the rows below the header; with release_rows, drop each row once read (the
        grid's too: a reader that owns its grid holds at most one sheet's cells, shrinking)."""
        start = self.header.row + 1
        if start < len(self.rows) and is_column_numbers(
                self.text_at(self.rows[start], start, c) for c in range(len(self.rows[start])) if self.own(start, c)):
            start += 1  # a 栏次 row under the header (1 | 2 | 3 …): no project, no indicator
        self.prefetch_facts(start)
        self._centre_levels(start)
        rows, grid_rows = self.rows, self.grid.rows
        for r in range(start, len(rows)):
            self.read_row(r)
            if release_rows:
                rows[r] = grid_rows[r] = _RELEASED
        self._flush_legacy()
        self._drop_empty_nameless()

    def _centre_levels(self, start: int) -> None:
        """Level labels left on the middle rows of their groups (a PDF converted to a workbook), project
        by project: the rule of :func:`level_join.centred_levels`, on the sheet's rows — tried only for
        a project whose first indicator row leaves a level cell blank (one pass over raw cells)."""
        cols, rows, origin = self.cols, self.rows, self.origin
        name, level1, level2 = cols.get("name"), cols.get("level1"), cols.get("level2")
        if name is None or (level1 is None and level2 is None):
            return
        levels = [c for c in (level1, level2) if c is not None]
        starters = [c for c in (self._c_project, self._c_unit) if c is not None]
        view: RowsView | None = None
        first, looked = start, False  # the current project's first row; its first indicator row seen?
        for r in range(start, len(rows)):
            row = rows[r]
            n = len(row)
            if r > first:  # (loops, not any(): this runs for every row of the sheet)
                for c in starters:
                    if c < n and row[c] is not None and row[c] != "" and (r, c) not in origin:
                        first, looked = r, False  # a new project (or unit) starts here
                        break
            if looked or not (name < n and row[name] is not None and row[name] != ""):
                continue
            looked = True
            for c in levels:
                if not (c < n and row[c] is not None and row[c] != ""):
                    break
            else:
                continue  # levels printed on the first indicator row: the usual print
            end = next((rr for rr in range(r + 1, len(rows)) if any(
                c < len(rows[rr]) and rows[rr][c] not in (None, "") and (rr, c) not in origin for c in starters)),
                len(rows))
            view = view or RowsView(rows, origin)
            for hint in centred_levels(view, level1, [level2] if level2 is not None else [], name, range(first, end)):
                self.hint(hint)

    def _drop_empty_nameless(self) -> None:
        """A nameless project begun for rows that held only levels (a 字典 / 下拉选项 sheet listing
        1-产出指标 | 11-数量指标 under the header) and read nothing — no indicator, goal, amount or
        other field — is no project: it goes, with its unit when that holds nothing else, and the
        findings made on its rows (没有项目名称, 占位行) give way to one 读取提示."""
        unit, project, since = self.unit, self.project, self._nameless_from
        if (since is None or unit is None or project is None or project.name or project.indicators or project.goal
                or project.extras or any(v is not None for v in (project.amounts.total, project.amounts.fiscal,
                                                                  project.amounts.special, project.amounts.other))):
            return
        if project in unit.projects:
            unit.projects.remove(project)
        if not unit.projects and unit is self.implicit_unit and unit in self.table.units:
            self.table.units.remove(unit)
            self.unit = self.implicit_unit = None
        self.project = None
        problems = self.table.problems
        problems[since:] = [p for p in problems[since:] if not (p.code in ("S01", "S06") and not p.project)]
        sheet = self.grid.sheet
        self.hint(f"{('工作表“' + sheet + '”') if sheet else '表格'}在表头下只有指标层级（如下拉选项表），"
                  "没有指标名称、指标值或项目内容，未读作项目")

    def _indicator_content(self, r: int) -> bool:
        """Does row r have any indicator content (a level, name or value cell with text)?"""
        row = self.rows[r]
        n = len(row)
        for c in self._content_cols:
            raw = row[c] if c < n else None
            if raw is None or raw == "":
                continue
            if raw.strip(_BLANKS) if raw.__class__ is str else cell_text(raw):
                return True  # (a number's text is never empty, whatever its format)
        return False

    def read_row(self, r: int) -> None:
        """Place row r: a summary row, a unit, a project's fields, an indicator (or several: a
        pasted 绩效指标 string). Texts are read straight from the row; a location is made
        only where one is kept (cell objects only for the rare paths)."""
        row = self.rows[r]
        for v in row:  # a blank row (every cell's text empty), decided at its first non-blank cell
            if v.__class__ is str:
                if v.strip(_BLANKS):
                    break
            elif v is not None:
                break
        else:
            return
        if v.__class__ is str and (len(v) <= 12 or "：" in v or ":" in v) and self._footer_row(r, v):
            return  # 填报人：张三, 联系电话 …, 注：… under the grid: the table's footer, never a project
        if self._has_table_kind and self.text(r, "table_kind") == "department":
            self.hint(DEPARTMENT_ROWS_NOTE)
            return
        if (v.__class__ is str and v.lstrip()[:1] in self._header_starts  # (cheap gate on the first text)
                and self._repeats_header(row, r)):
            self.hint("表格中间重复的表头行（分页时每页重印的表头）已跳过")
            return
        if self._c_project is None and self._c_unit is None and self._section_row(r):
            return  # 项目名称：乡村道路养护 across the row: the project of the indicator rows under it
        c_unit, c_project, c_goal = self._c_unit, self._c_project, self._c_goal
        # 单位序号 (written by our CSV when two units in a row share a name) separates them
        self._row_unit_no = self.text(r, "unit_no") if self._has_unit_no else ""
        self._row_unit_code = _code_text(self.text(r, "unit_code")) if self._has_unit_code else ""
        unit_name = self.text_at(row, r, c_unit) if c_unit is not None else ""
        project_name = self.text_at(row, r, c_project) if c_project is not None else ""
        if (project_name and project_name == unit_name and not self.own(r, c_project)  # type: ignore[arg-type]
                and self.own(r, c_unit)):  # type: ignore[arg-type]
            project_name = ""  # one cell merged across 单位名称 and 项目名称: the unit's (department's) row
        legacy = self.get(r, "legacy") if self._c_legacy is not None else None
        content = self._indicator_content(r)
        if content and self._total_levels(r):
            return  # 合计 / 总分 in a level or name cell: the weights' total, never an indicator
        has_indicator = content or bool(legacy and legacy.text)
        if not self.table.department and self._c_department is not None:
            self._read_department(r)
        goal_text = self.text_at(row, r, c_goal) if c_goal is not None else ""
        if not has_indicator and (not project_name or (total_kind(project_name) and not goal_text
                                                       and not self._numbered_project(r))):
            self._read_summary_row(r, self.get(r, "fund_unit"), self.get(r, "project"))
            return
        if (not has_indicator and c_project is not None and c_unit is None and not goal_text
                and self._names_a_unit(r, self.cell_at(r, c_project))):
            self._read_summary_row(r, self.cell_at(r, c_project), None)  # 项目名称（资金使用单位）: a unit
            return
        if unit_name and (self.unit is None or not self._same_unit(unit_name)
                          or (self._unit_blank_project and self.own(r, c_unit))):  # type: ignore[arg-type]
            self._new_unit(unit_name, self.loc(r, c_unit))  # type: ignore[arg-type]
        if project_name and self.project is not None and self._continues_by_name(r, project_name):
            project_name = ""  # "<project>（续）" without amounts: the project above goes on
        self._continuing = not project_name and self.project is not None
        if project_name:
            amounts, amount_cols = self.row_amounts(r)
            # The same name again on its own cell continues the project (tables that repeat the
            # project fields on every row), unless it brings different amounts or a different goal,
            # or the project already went on over a blank project cell: a table that writes the
            # name on a project's first row only (our entry sheet) names a new project here.
            current = self.project
            starts_again = (
                current is not None and self.own(r, c_project)  # type: ignore[arg-type]
                and (self._project_blank_row
                     or (bool(amount_cols) and self._amounts_owner is current
                         and amounts is not current.amounts and amounts != current.amounts)
                     or (bool(goal_text) and self.own(r, c_goal) and bool(current.goal)  # type: ignore[arg-type]
                         and goal_text != current.goal))
            )
            # A project ordinal column (项目序号, written by our CSV when two projects in a row
            # share a name) separates projects that nothing else tells apart.
            ordinal = self.text(r, "project_no") if self._has_project_no else ""
            if ordinal and current is not None and ordinal != self._project_no:
                starts_again = True
            self._project_no = ordinal or self._project_no
            if current is None or project_name != current.name or starts_again:
                if self._names_once and c_unit is not None and not unit_name and self.unit is not None:
                    self._unit_blank_project = True  # the unit's name is not repeated on its projects' rows
                self._new_project(project_name, self.loc(r, c_project))  # type: ignore[arg-type]
        elif self.project is None and (titled := self._titled_project()) is not None:
            name, (tr, tc) = titled
            self._new_project(name, self.loc(tr, tc))
            self.hint(f"表格没有“项目名称”列，按表格上方的标题“{self.text_at(self.rows[tr], tr, tc)}”"
                      f"读作一个项目“{name}”")
            self._titled_goals(tr)
        elif self.project is None and self._c_project is None:
            # Nothing names the project (a web table pasted without the heading above it): its
            # indicators are still one project's, read under a blank name the user is told to fill.
            self._nameless_from = len(self.table.problems)  # (its findings, should it read nothing)
            self._new_project("", self.loc(r, min(self.cols.values())))
            self.problem("S01", "表格没有“项目名称”列，表格上方的标题也没有写出项目名称（如“xx项目绩效目标表”）："
                         "指标读作一个未写名称的项目，请补上项目名称", r, "project")
        elif self.project is None:
            self.problem("S01", "这一行有指标内容，但上方没有项目名称，无法归属到项目", r, "project")
            return
        else:
            self._project_blank_row = self._names_once  # a blank project cell continues the project above
        project = self.project
        assert project is not None
        self._project_fields(r, project, goal_text)
        if self.extra_cols and not content:
            self._read_extras(r, project, None)
        if legacy and legacy.text:
            self._expand_legacy(legacy, project)
        if content:
            self._read_indicator(r, project)

    def _section_row(self, r: int) -> bool:
        """Row r's own texts name a project (:func:`section_rows.section_of`: one text across the row, or
        ``label：value`` pairs), in a table printing no project column: a new project starts, with the amount,
        goal and fields the row gives."""
        if self._c_name is None:
            return False
        row = self.rows[r]
        cells = [(c, t) for c in range(len(row)) if self.own(r, c) and (t := self.text_at(row, r, c))]
        found = section_of([t for _, t in cells])
        if found is None:
            return False
        c = cells[0][0]
        self._new_project(found.name, self.loc(r, c))
        project = self.project
        assert project is not None
        if found.total is not None:
            project.amounts.total = found.total
            project.field_locations["total"] = self.loc(r, c)
        if found.goal:
            project.goal = found.goal
            project.field_locations["goal"] = self.loc(r, c)
        for label, value in found.extras.items():
            project.extras.setdefault(label, value)
        self.hint("表格没有“项目名称”列，各项目的名称写在其指标上方的一行（如“项目名称：某项目”）：按该行读作项目")
        return True

    def _header_texts(self) -> list[list[tuple[int, str]]]:
        """Each header row's own texts, by column, without white space (rows with two or more)."""
        top = self.header.row if self.header.top is None else self.header.top
        out = []
        for hr in range(top, self.header.row + 1):
            row = self.rows[hr] or []
            texts = [(c, "".join(t.split())) for c in range(len(row))
                     if self.own(hr, c) and (t := self.text_at(row, hr, c))]
            if len(texts) >= 2:
                out.append(texts)
        return out

    def _repeats_header(self, row: list[Any], r: int) -> bool:
        """Is row r a header row printed again inside the table (a page's repeated header, kept
        when the table was converted or pasted page by page): its own texts are those of a header row?"""
        for texts in self._header_rows:
            c0, t0 = texts[0]
            raw = row[c0] if c0 < len(row) else None
            if raw.__class__ is not str or "".join(raw.split()) != t0:
                continue
            own = [(c, "".join(t.split())) for c in range(len(row)) if self.own(r, c) and (t := self.text_at(row, r, c))]
            if own == texts:
                return True
        return False

    def _blank_levels(self, rows: set[int]) -> set[int]:
        """These rows of blank merged level cells, but for a run starting right under a repeated header."""
        out = set()
        kept = True
        for r in sorted(rows):
            if r - 1 not in rows:  # a run's first row: is the row above it the header printed again?
                above = self.rows[r - 1] if 0 < r <= len(self.rows) else None
                kept = not (above and self._repeats_header(above, r - 1))
            if kept:
                out.add(r)
        return out

    def _continues_by_name(self, r: int, name: str) -> bool:
        """Does a row named "<current project>（续）", without amounts, continue that project?"""
        project = self.project
        assert project is not None
        if not name.endswith(_CONTINUED_SUFFIXES):  # (most names: one test)
            return False
        suffix = next(s for s in _CONTINUED_SUFFIXES if name.endswith(s))
        if name[: -len(suffix)].rstrip() != project.name:
            return False
        return not self.row_amounts(r)[1]

    def _titled_project(self) -> tuple[str, tuple[int, int]] | None:
        """A sheet with no 项目名称 column: the project its heading names (xx项目绩效目标表, 项目名称：xx),
        the nearest heading above the header, and where it is; None when none names one."""
        if self._c_project is not None or self._title_looked:
            return None  # looked once: a sheet with no such heading is not searched again on every row
        self._title_looked = True
        top = self.header.row if self.header.top is None else self.header.top
        for r in range(top - 1, max(-1, top - 12), -1):
            row = self.rows[r] or []
            texts = [(c, t) for c in range(len(row)) if self.own(r, c) and (t := self.text_at(row, r, c))]
            if len(texts) == 1 and (name := project_from_title(texts[0][1])):
                return name, (r, texts[0][0])
        return None

    def _titled_goals(self, title_row: int) -> None:
        """The goals printed between a project's heading and the header as a labelled paragraph
        (（一）中长期绩效目标 / 年度绩效目标, then its text): the project's goal and period goal; a
        table printing only the 中长期 goal has it stand for the goal too (said)."""
        project = self.project
        assert project is not None
        top = self.header.row if self.header.top is None else self.header.top
        lines = [(r, c, t) for r in range(title_row + 1, top) for row in (self.rows[r] or [],)
                 for c in range(len(row)) if self.own(r, c) and (t := self.text_at(row, r, c))]
        for i, (_, _, label_text) in enumerate(lines[:-1]):
            key = heading_label(label_text) if len(label_text) <= 20 else None
            if key not in ("goal", "period_goal"):
                continue
            r2, c2, text = lines[i + 1]
            if len(text) < 10 or heading_label(text[:20]) is not None:
                continue
            if key == "goal" and not project.goal:
                project.goal = text
                project.field_locations["goal"] = self.loc(r2, c2)
            elif key == "period_goal" and not project.period_goal:
                project.period_goal = text
                project.field_locations["period_goal"] = self.loc(r2, c2)
        if project.period_goal and not project.goal:
            project.goal = project.period_goal
            project.field_locations["goal"] = project.field_locations["period_goal"]
            self.hint(f"项目“{project.name}”只印了中长期绩效目标，按它读作绩效目标")

    def hint(self, text: str) -> None:
        """Note what the reader assumed (读取提示); at most _MAX_HINTS kept, the rest counted."""
        if len(self.hints) < _MAX_HINTS:
            self.hints.setdefault(text)
        elif text not in self.hints:
            self.hints_dropped += 1

    def _footer_row(self, r: int, first: str) -> bool:
        """Is row r a sign-off line or a note (its first cell 填报人 / 联系电话：… / 注：…)? Then its
        fields are kept in the table's footer."""
        if not (is_footer_label(first) or is_note(first)):
            return False
        row = self.rows[r]
        texts = [self.text_at(row, r, c) for c in range(len(row)) if self.own(r, c)]
        texts = [t for t in texts if t]
        for label, value in footer_row(texts).items():
            self.table.footer.setdefault(label, value)
        return True

    def _total_levels(self, r: int) -> bool:
        """Is row r a total row: its first level or name text (an own cell, or one merged across from the
        left on this row: 合计 over the unit … name columns) 合计 / 总分 / 小计, and no value?
        (An indicator named 小计, with its values or under its levels, stays an indicator.)"""
        row = self.rows[r]
        first, at = "", (r, -1)
        for key in ("level1", "level2", "name"):
            c = self.cols.get(key)
            text = self.text_at(row, r, c) if c is not None else ""
            if text:
                at = (r, c) if self.own(r, c) else self.origin.get((r, c), (r - 1, c))  # type: ignore[arg-type]
                if at[0] != r:
                    return False  # a level carried down from above: this row is under it
                first = text  # (its own cell, or 合计 merged across from the left on this row)
                break
        if not first or not is_total_label(first):
            return False
        return not any(self.text_at(row, r, c) and self.origin.get((r, c), (r, c)) != at  # (总分 merged across)
                       for k, c in self.cols.items()
                       if k in ("period_value", "annual_value", "value") or k.endswith(":number"))

    def _level_name(self, text: str) -> tuple[str, float | None]:
        """A level as printed (产出指标(50分), 数量指标 (必填)) → its name and printed weight (cached per sheet)."""
        found = self._level_names.get(text)
        if found is None:
            code, bare = split_level_code(text)  # an outline number (1.1 数量指标, ①) or a code and a dot
            name, weight, notes = level_label(text if code is not None and _HYPHEN_CODE.match(text) else bare)
            if name != level_label(text)[0] and not (weight is not None or notes):
                self.hint(f"层级“{text}”按“{name}”读取（前面的编号不是名称的一部分）")
            found = self._level_names[text] = (self._shared(name) or name, weight)
            if weight is not None or notes:
                self.hint(f"层级“{text}”按“{name}”读取" + (f"（分值 {weight:g}）" if weight is not None else "")
                                      + (f"，注记“{'、'.join(notes)}”未作为名称" if notes else ""))
        return found

    def _read_department(self, r: int) -> None:
        """部门名称 from a column of its own (the first row that has one)."""
        dept = self.text(r, "department")
        if not dept:
            return
        if "department_code" in self.cols:  # a code apart (our CSV): the name as it is
            code, self.table.department = _code_text(self.text(r, "department_code")) or None, dept[:MAX_LABEL]
        else:
            code, self.table.department = split_code(dept, bracketed_only=True)
        self.table.department_code = self.table.department_code or code
        written = _DEPARTMENT_SOURCE.get(self.text(r, "department_source"))  # our own CSV says where
        self.table.department_source = self.table.department_source or written or "label"

    def _names_a_unit(self, r: int, cell: _Cell) -> bool:
        """In the published layout's one name column (项目名称（资金使用单位）) projects are indented
        and units are not: a flush name with amounts only, followed by an indented name, is a unit."""
        c = self.cols["project"]
        if not cell.own or not isinstance(cell.raw, str) or self._indented(r, c, cell.raw):
            return False
        for r2 in range(r + 1, min(len(self.rows), r + _LOOKAHEAD)):
            row = self.rows[r2]
            raw = row[c] if c < len(row) else None
            if isinstance(raw, str) and raw.strip() and (r2, c) not in self.origin:
                if self._indented(r2, c, raw):
                    return True
                break
        # Indentation lost (the table pasted from a web page, or saved as a workbook): the row
        # names the department, or its amounts are the sum of the projects below it.
        if self.table.department and cell.text.strip() == self.table.department.strip():
            return True
        return self._sums_projects_below(r) or (self.header.names_units and self._bare_over_project(r))

    def _bare_over_project(self, r: int) -> bool:
        """Is row r a name alone (no amount, goal or indicator) and the next name's row a project's (with
        its goal or indicators)? In a column its header says names units and projects (云南 05-2:
        单位名称、项目名称, a table of no amounts) that name is the unit's."""
        if self.row_amounts(r)[1]:
            return False
        c = self.cols["project"]
        for r2 in range(r + 1, min(len(self.rows), r + _LOOKAHEAD)):
            row = self.rows[r2]
            raw = row[c] if c < len(row) else None
            if isinstance(raw, str) and raw.strip() and (r2, c) not in self.origin:
                goal = self.text_at(row, r2, self._c_goal) if self._c_goal is not None else ""
                return bool(goal) or bool(self._indicator_content(r2))
        return False

    def _indented(self, r: int, c: int, raw: str) -> bool:
        """Is the name in cell (r, c) indented: leading spaces, or (a grid that knows where each cell's
        text starts: a PDF) more than _INDENT_EM right of the least indented name of its column?"""
        if raw[:1] in _INDENT:
            return _leading(raw) > self._least_leading(c)
        indents = self.grid.cell_indents
        if not indents or (r, c) not in indents:
            return False
        if self._flush is None:
            self._flush = min((v for (r2, c2), v in indents.items() if c2 == c and r2 > self.header.row), default=0.0)
        return indents[(r, c)] - self._flush > _INDENT_EM

    def _least_leading(self, c: int) -> int:
        """The fewest leading spaces of a name in column c under the header: a page padding every cell with
        &nbsp; indents none of them (only more than that is an indent)."""
        if c not in self._least_lead:
            leads = (_leading(raw) for row in self.rows[self.header.row + 1:self.header.row + 1 + _LEAD_ROWS]
                     if c < len(row) and isinstance(raw := row[c], str) and raw.strip())
            self._least_lead[c] = min(leads, default=0)
        return self._least_lead[c]

    def _sums_projects_below(self, r: int) -> bool:
        """Is row r's 总计 the sum of the projects that follow it (rows with a goal or indicators,
        up to the next row of amounts only)? Stops at that row, so a table of many such rows
        is still read in linear time."""
        own, _ = self.row_amounts(r)
        if own.total is None or own.total <= 0:
            return False
        c, total, found, last = self.cols["project"], Decimal(0), 0, ""
        for r2 in range(r + 1, min(len(self.rows), r + 20 * _LOOKAHEAD)):
            row = self.rows[r2]
            raw = row[c] if c < len(row) else None
            if not (isinstance(raw, str) and raw.strip()) or (r2, c) in self.origin or raw.strip() == last:
                continue  # an indicator row of the project above (its name merged down, or repeated)
            last = raw.strip()
            goal = self.text_at(row, r2, self._c_goal) if self._c_goal is not None else ""
            if not goal and not self._indicator_content(r2):
                break  # the next unit
            amounts, _ = self.row_amounts(r2)
            total += amounts.total or Decimal(0)
            found += 1
        return found > 0 and abs(total - own.total) <= Decimal("0.01")

    def _read_summary_row(self, r: int, unit_cell: _Cell | None, project_cell: _Cell | None) -> None:
        """A row with neither project nor indicator: 合计, a subtotal, a unit's or department's
        own amounts (hierarchy rows, sources/hierarchy.py), or an orphan."""
        unit_name = unit_cell.text if unit_cell else ""
        project_text = project_cell.text if project_cell else ""
        amounts, locs = self.amounts(r)
        has_amounts = bool(locs)
        # (a row with a 单位序号 is a unit's, whatever its name: our CSV numbers such units)
        label_cell, label, kind = unit_cell, unit_name, None if self._row_unit_no else total_kind(unit_name)
        if project_text and total_kind(project_text) and not kind:
            # 合计 / 小计 in the project column: of the table, or of the unit named beside it
            label_cell, label, kind = project_cell, project_text, total_kind(project_text)
            if unit_name:
                label, kind = f"{unit_name}小计", "subtotal"
        elif not unit_name:
            label_cell, label = project_cell, project_text
        if kind == "total":
            self.table.amounts = amounts
            self.table.location = self.table.location or label_cell.location  # type: ignore[union-attr]
            self.table.field_locations.update(locs)
            if locs:
                self.table.field_locations["amounts"] = label_cell.location  # type: ignore[union-attr]
            return
        if kind == "subtotal" and label_cell is not None and label_cell.own:
            self._read_subtotal(r, label, label_cell, amounts, has_amounts)
            return
        if unit_cell and unit_cell.own and unit_name:
            # The same unit's row again with amounts, after its projects or its own amounts, is a
            # second unit of that name (a unit has one row of its own amounts).
            if (self.unit is None or not self._same_unit(unit_name)
                    or (has_amounts and (bool(self.unit.projects) or self._unit_own_amounts))):
                self._new_unit(unit_name, unit_cell.location)
            if has_amounts:
                assert self.unit is not None
                self.unit.amounts = amounts
                self._unit_own_amounts = True
            return
        goal = self.get(r, "goal")
        if has_amounts or (goal and goal.own and goal.text):
            self.problem("S01", "这一行没有项目名称和指标，无法归属（金额或绩效目标无处可放）", r, "project")

    def _read_subtotal(self, r: int, label: str, cell: _Cell, amounts: Amounts, has_amounts: bool) -> None:
        """小计 (of the unit above) or 某某单位小计 (of the unit it names, perhaps one starting here)."""
        owner = subtotal_owner(label)
        if owner and (self.unit is None or not self._same_unit(owner)):
            self._new_unit(owner, cell.location)
        elif self.unit is None:
            if has_amounts:
                self.problem("S01", f"“{label}”行之前没有资金使用单位，小计无处可放", r, "fund_unit")
            return
        unit = self.unit
        assert unit is not None
        if has_amounts and not any(unit.amounts.get(k) is not None for k in AMOUNT_FIELDS):
            unit.amounts = amounts  # the unit's amount is read from its subtotal row

    def _unit_label(self, text: str) -> tuple[str | None, str]:
        """(code, name) of a unit cell: split (820001-某单位), or the name as it is beside a 单位编码."""
        if self._has_unit_code:
            return self._row_unit_code or None, text[:MAX_LABEL]
        return _split_name(text)

    def _same_unit(self, text: str) -> bool:
        code, name = self._unit_label(text) if self._has_unit_code else _split_name(text)
        unit = self.unit
        return (unit is not None and name == unit.name and (code is None or unit.code in (None, code))
                and (not self._row_unit_no or self._row_unit_no == self._unit_no))

    def _numbered_project(self, r: int) -> bool:
        """Has row r a 项目序号? Then it is a project's row, whatever its name (our CSV numbers a
        project named like a 合计/小计 row)."""
        return self._has_project_no and bool(self.text(r, "project_no"))

    def _new_unit(self, name: str, location: Location | None) -> None:
        self._flush_legacy()
        self._unit_no = self._row_unit_no
        if self._row_unit_no:
            self.numbered_units.add(len(self.table.units))
        self._unit_blank_project = self._unit_own_amounts = False
        code, name = self._unit_label(name)
        self.unit = FundUnit(name=name, code=code, location=location)
        self.table.units.append(self.unit)
        self.project = None

    def _new_project(self, name: str, location: Location) -> None:
        self._flush_legacy()
        if self.unit is None:
            unit_name = self.own_department or self.table.department
            carried = self.carried_unit
            if carried is not None and carried.name == unit_name:
                self.unit = carried  # two tables of one department (each under its title): one unit
            else:
                self.unit = FundUnit(name=unit_name, location=location)
                self.table.units.append(self.unit)
            self.implicit_unit = self.unit
        self.project = Project(name=name, location=location)
        self.project.field_locations["name"] = location
        if self.own_department and self.table.department and self.own_department != self.table.department:
            self.project.department = self.own_department  # as readers.combine: its own table's department
        self._project_blank_row = False
        self.unit.projects.append(self.project)
        self.prev_levels = {}
        self._carried = {}

    def _project_fields(self, r: int, project: Project, goal: str) -> None:
        """Amounts, 绩效目标 and the other project fields of row r (goal: its 绩效目标 text)."""
        amounts, columns = self.row_amounts(r)
        if columns and self._amounts_owner is not project:
            self._amounts_owner = project
            project.amounts = amounts
            self._amount_raws = None  # an object of its own: never shared with the next project
            locations = project.field_locations
            for i in range(0, len(columns), 2):
                locations[columns[i]] = self.loc(r, columns[i + 1])  # type: ignore[index, arg-type]
        if goal and not project.goal:
            project.goal = goal
            project.field_locations["goal"] = self.loc(r, self._c_goal)  # type: ignore[arg-type]
        elif (goal and self._continuing and self._c_legacy is not None and not columns and goal != project.goal
              and self.own(r, self._c_goal)):  # type: ignore[arg-type]
            project.goal += goal  # the published layout's row continued (a page break mid-goal)
        if self._has_selfeval_project:
            longform_selfeval.read_project_fields(self, r, project)  # 绩效自评 columns
        if self._has_form_project:
            longform_forms.read_project_fields(self, r, project)  # 申报表 fields (项目编码 …)

    # -- amounts -----------------------------------------------------------------------------
    def amounts(self, r: int) -> tuple[Amounts, CellLocations]:
        """The amounts of row r and their cells (an object of their own, the caller's to keep)."""
        amounts, columns = self.row_amounts(r)
        self._amount_raws = None  # the next row's amounts: a new object
        return amounts, self._locations(r, columns)

    def _locations(self, r: int, columns: tuple[str | int, ...]) -> CellLocations:
        """The compact locations of cells of row r given as (key, column, key, column, …)."""
        return CellLocations(self.resolve, r, self.shapes.setdefault(columns, columns))

    def row_amounts(self, r: int) -> tuple[Amounts, tuple[str | int, ...]]:
        """The amounts of row r and their cells as (key, column, …) (read once per row: a bad
        amount is one problem)."""
        last = self._amounts_row
        if last is not None:
            if last[0] == r:
                return last[1]
            if self._amount_raws is not None and self._same_amount_cells(r):
                self._amounts_row = (r, last[1])  # the very cells of the row read before: its amounts
                return last[1]
        values: list[Decimal | None] = []
        columns: tuple[str | int, ...] = ()
        for key, c in self._amount_cols:
            amount = None if c is None else self._amount_at(r, c, key)
            values.append(amount)
            if amount is not None:
                columns += (key, c)  # type: ignore[operator]
        total_c = self.cols.get("total")
        fact = self.formats.get((r, total_c)) if total_c is not None and self.formats else None
        if values[0] is None and fact is not None and fact.is_formula:
            parts = [v for v in values[1:] if v is not None]
            if parts:  # 总计 is a formula the saving program did not calculate: compute it
                values[0] = sum(parts, Decimal(0))
                columns += ("total", total_c)  # type: ignore[operator]
        result = Amounts(*values), columns
        self._amounts_row = (r, result)
        row = self.rows[r]
        raws = [row[c] if c < len(row) else None for c in self._amount_idx]
        # numbers and blanks only (a text amount is checked, and its problem reported, per row)
        self._amount_raws = raws if all(v is None or v.__class__ is float or v == "" for v in raws) else None
        return result

    def _same_amount_cells(self, r: int) -> bool:
        """Does row r hold the very value objects (the sheet shares a cell equal to the one
        above) in its amount cells as the row whose amounts were read last?"""
        row = self.rows[r]
        if len(row) <= self._amount_max:
            return False
        old = self._amount_raws
        for i, c in enumerate(self._amount_idx):
            if row[c] is not old[i]:  # type: ignore[index]
                return False
        return not (self._total_facts and (r, self.cols["total"]) in self.formats)

    def _amount_at(self, r: int, c: int, key: str) -> Decimal | None:
        """The amount in row r, column c (None when blank or not a number: A03 reported)."""
        row = self.rows[r]
        raw = row[c] if c < len(row) else None
        if raw is None or raw == "":
            return None
        if raw.__class__ is float:  # the common case, without a cell object
            last = self._last_amount.get(c)
            if last is not None and last[0] is raw:
                return last[1]  # the cell above's very value (rows share repeated cells): its amount
            amount = self._in_wan(cell_decimal(raw), key)
            self._last_amount[c] = (raw, amount)
            return amount
        return self._amount(self.cell_at(r, c), key, r)

    def _amount(self, cell: _Cell, key: str, r: int) -> Decimal | None:
        raw = cell.raw
        if isinstance(raw, bool):
            raw = None
        if isinstance(raw, (int, float)):
            number = cell_decimal(raw)
        else:
            text = cell.text.replace(" ", "")
            if not text:
                return None
            if len(text) > MAX_NUMBER_CHARS:
                self.problem("A03", f"{AMOUNT_LABELS[key]}“{text[:20]}…”位数过多，超出可处理的范围", r, key,
                             raw=text[:MAX_NUMBER_CHARS])
                return None
            found = amount_of_text(text)
            if found is None:
                found = self._amount_with_breakdown(cell.text, key)
                if found is not None:
                    head = split_amount(cell.text)[0]
                    self.hint(f"{AMOUNT_LABELS[key]}“{cell.text[:60]}”按“{head}”读取（{cell.location}）")
            if found is None:
                self.problem("A03", f"{AMOUNT_LABELS[key]}“{cell.text}”不是数字", r, key, raw=cell.text)
                return None
            number = found
        return self._in_wan(number, key)

    def _amount_with_breakdown(self, text: str, key: str) -> Decimal | None:
        """``854万(其中…)``: the number before the breakdown, when its unit (if written) is the column's."""
        head, rest = split_amount(text)
        if not rest:
            return None
        head = head.replace(" ", "")
        unit = self.header.money_units.get(key) or self.table.unit
        for written in ("万元", "千元", "万", "元"):
            if head.endswith(written):
                if {"万": "万元"}.get(written, written) != unit:
                    return None  # a unit other than the column's: not guessed
                head = head[: -len(written)]
                break
        return amount_of_text(head)

    def _in_wan(self, number: Decimal, key: str) -> Decimal:
        """An amount of column `key` in 万元 (the column's or the table's unit); notes the finest unit."""
        unit = self.header.money_units.get(key) or self.table.unit
        factor = MONEY_FACTOR.get(unit, Decimal(1))
        if factor == 1:
            return number
        known = MONEY_FACTOR.get(self.table.source_unit or "万元", Decimal(1))
        if factor > known:  # the finest unit met (元 over 千元): A03 judges 分 in it
            self.table.source_unit = unit
        return number / factor

    # -- indicators --------------------------------------------------------------------------
    def _value(self, row: list[Any], r: int, prefix: str) -> tuple[str, int | None, bool]:
        """The raw value of one period (period/annual/value), joining split parts; its column
        (None: the sheet has none); present?"""
        (main_c, number_c, op_c, unit_c), op_column = self._value_plan[prefix]
        core_c = number_c if number_c is not None else main_c
        if core_c is None:
            return "", None, op_column
        text = self.text_at(row, r, core_c)
        c_type = self.value_type_col
        if op_c is None and c_type is not None and is_operator_word(self.text_at(row, r, c_type)):
            op_c = c_type  # 指标值类型 | 指标值 | 计量单位 holding ≥ (湖南 预算公开): the value's operator
        if op_c is None and unit_c is None:
            return text, core_c, True
        op_text = "" if op_c is None else self.text_at(row, r, op_c)
        if op_text in _NO_OPERATOR or op_text in _DIRECTIONS:
            op_text = ""
        unit_text = "" if unit_c is None else self.text_at(row, r, unit_c)
        if text and is_unit_only(text) and not unit_text:  # a value cell holding only a unit: as printed, said
            self.hint(f"指标值单元格只写了单位“{text}”，没有数值，按原文读取（{self.loc(r, core_c)}）")
        if not text:  # an operator or a unit without a number is no value
            return "", core_c, True
        if op_text and text.startswith(op_text):
            op_text = ""
        if unit_text and text.endswith(unit_text):
            unit_text = ""
        return value_from_parts(op_text, text, unit_text), core_c, True

    def _levels(self, row: list[Any], r: int) -> dict[str, _Level]:
        """The levels (一级/二级 names and codes) of row r: written, or carried down from the row
        above within the project (a blank 一级 cell takes 一级 and 二级 from above)."""
        levels: dict[str, _Level] = {}
        n = len(row)
        for key, c in self._level_cols:
            raw = row[c] if c < n else None
            if raw is not None and raw != "":
                text = raw.strip(_BLANKS) if raw.__class__ is str else self.text_at(row, r, c)
                if text:
                    levels[key] = (text, r, c)
        prev = self.prev_levels
        inherited_l1 = False
        foreign = r in self._foreign_level1
        if foreign and (at := self._foreign_level1[r]) >= 0 and "level1" not in levels:
            foreign = False  # a run centred over by the label below: that label's
            for key, c in self._level_cols:
                if key in ("level1", "level1_code") and (text := self.text_at(self.rows[at], at, c)):
                    levels[key] = (text, at, c)
        if prev and "level1" not in levels and "level1_code" not in levels and r not in self._blank_level1 and not foreign:
            inherited_l1 = True
            for key in ("level1", "level1_code"):
                if key in prev:
                    levels[key] = prev[key]
        same_l1 = inherited_l1 or ("level1" in levels and "level1" in prev
                                   and levels["level1"][0] == prev["level1"][0]) or (
            foreign and "level1" not in prev and "level1" not in levels)  # (within the run left blank)
        if same_l1 and "level2" not in levels and "level2_code" not in levels:
            for key in ("level2", "level2_code"):
                if key in prev:
                    levels[key] = prev[key]
        for key, level, c in self._code_cols if self.formats else ():
            fact = self.formats.get((r, c))
            if key not in levels and level in levels and fact is not None and fact.is_formula:
                levels[key] = self._formula_code(r, key, levels)
        self.prev_levels = levels  # not changed below: the next row's levels are a new dict
        return levels

    def _read_indicator(self, r: int, project: Project) -> None:
        row = self.rows[r]
        levels = self._levels(row, r)
        columns: list[str | int] = []  # (key, column, …) of this row's cells that are kept
        assigned: dict[str, Location] = {}  # fields read from other rows (levels carried down)
        for key, (_, r0, c0) in levels.items():
            if r0 == r:
                columns += (key, c0)
            else:  # carried down from a row above: its one Location, made once
                loc = self._carried.get((r0, c0))
                if loc is None:
                    loc = self._carried[(r0, c0)] = self.loc(r0, c0)
                assigned[key] = loc
        c_name = self._c_name
        if c_name is None:
            name = ""
        else:
            raw = row[c_name] if c_name < len(row) else None
            name = raw.strip(_BLANKS) if raw.__class__ is str else self.text_at(row, r, c_name)
        if self._simple_values is not None:  # one cell each for the two values (the usual sheet)
            period_c, annual_c = self._simple_values
            n = len(row)
            raw = row[period_c] if period_c < n else None
            period = raw.strip(_BLANKS) if raw.__class__ is str else self.text_at(row, r, period_c)
            raw = row[annual_c] if annual_c < n else None
            annual = raw.strip(_BLANKS) if raw.__class__ is str else self.text_at(row, r, annual_c)
        else:
            period, period_c, _ = self._value(row, r, "period")  # type: ignore[assignment]
            annual, annual_c, _ = self._value(row, r, "annual")  # type: ignore[assignment]
            single, single_c, has_single = self._value(row, r, "value")
            if has_single and "period" in self._single_for:
                period, period_c = single, single_c  # type: ignore[assignment]
            if has_single and "annual" in self._single_for:
                annual, annual_c = single, single_c  # type: ignore[assignment]
        if self._annual_only and not period and annual:
            period, period_c = annual, annual_c
        if self._places and not period and not annual:  # values per place: one value (values.value_of_places)
            parts = [(place, t) for place, c in self._places if (t := self.text_at(row, r, c))]
            period = annual = value_of_places(parts, len(self._places))
            period_c = annual_c = next((c for place, c in self._places if place == parts[0][0]), None) \
                if parts else None
        if name:
            columns += ("name", c_name)  # type: ignore[list-item]
        if period_c is not None:
            columns += ("period_value", period_c)
        if annual_c is not None:
            columns += ("annual_value", annual_c)
        if c_name is not None:
            row_loc = self.loc(r, c_name)
        elif columns:
            row_loc = self.loc(r, columns[1])  # type: ignore[arg-type]
        else:
            row_loc = next(iter(assigned.values()), None) or self.loc(r, 0)
        c_weight = self.cols.get("weight")
        if is_void_indicator(name, (period, annual), (self.text_at(row, r, c_weight),) if c_weight is not None else (),
                             zeros=self.table.layout != "entry"):
            said = void_row_note(name)  # 本项目不适用此指标 | 无: the level declared empty
            self.problem("S06", said or "占位行：有指标层级，但没有指标名称和指标值，已跳过",
                         r, "name", project=project.name)
            return
        weight = direction = None
        seq: int | None = len(project.indicators) + 1
        if self._has_optional:
            weight, direction, seq = self._optional_fields(row, r, project, columns)
            if direction and direction not in _DIRECTIONS and is_operator_word(direction):
                # a 指标方向 column holding ≥ / ≤: the values' operator, not a direction
                period, annual = (v if not v or v.startswith(direction) else value_from_parts(direction, v, None)
                                  for v in (period, annual))
                direction = None
        level1, level2 = levels.get("level1"), levels.get("level2")
        code1, code2 = levels.get("level1_code"), levels.get("level2_code")
        l1, w1 = self._level_name(level1[0]) if level1 else ("", None)
        l2, w2 = self._level_name(level2[0]) if level2 else ("", None)
        shape = tuple(columns)
        ind = Indicator(
            seq=seq,
            level1_code=self._shared(code1[0] or None) if code1 else None,
            level1=l1,
            level2_code=self._shared(code2[0] or None) if code2 else None,
            level2=l2,
            level1_weight=w1,
            level2_weight=w2,
            name=name,
            period_value=parse_value(period),
            annual_value=parse_value(annual),
            weight=weight,
            direction=self._shared(direction),
            location=row_loc,
            field_locations=CellLocations(self.resolve, r, self.shapes.setdefault(shape, shape), assigned or None),
        )
        if self._has_selfeval_indicator:
            longform_selfeval.read_indicator_fields(self, r, ind)  # 绩效自评 columns
        if self._has_form_indicator:
            longform_forms.read_indicator_fields(self, r, ind)  # 指标性质, 附加字段
        if self.extra_cols:
            self._read_extras(r, project, ind)
        if self._implied_level1 and not ind.level1:
            imply_level1(ind)
        project.indicators.append(ind)
        check_indicator(ind, project, self.table.problems)

    def _optional_fields(self, row: list[Any], r: int, project: Project,
                         columns: list[str | int]) -> tuple[float | None, str | None, int | None]:
        """权重, 指标方向性 and 指标序号 of row r, when the sheet has such columns (their cells
        are added to `columns`)."""
        weight = self._weight(row, r, columns)
        direction = self.text(r, "direction")
        if direction:
            columns += ("direction", self.cols["direction"])
        elif "*:operator" in self.cols:
            op = self.text(r, "*:operator")
            if op in _DIRECTIONS:
                direction = _DIRECTIONS[op]
                columns += ("direction", self.cols["*:operator"])
        seq: int | None
        c_seq = self.cols.get("seq")
        if c_seq is not None:
            text = self.text_at(row, r, c_seq)
            seq = _int_or_none(text)
            if text:
                columns += ("seq", c_seq)
                if seq is None or seq > MAX_SEQ:
                    shown = text if len(text) <= 20 else text[:20] + "…"
                    self.problem("S01", f"指标序号“{shown}”不是 1–{MAX_SEQ} 的整数", r, "seq", raw=shown)
        else:
            seq = len(project.indicators) + 1
        return weight, direction or None, seq

    def _read_extras(self, r: int, project: Project, ind: Indicator | None) -> None:
        """The extra columns of row r: the indicator's, or the project's on a row without an
        indicator or in a cell merged down over the rows below (the first value wins there)."""
        row, origin = self.rows[r], self.origin
        for label, c in self.extra_cols:
            raw = row[c] if c < len(row) else None
            if raw is None or raw == "" or (origin and (r, c) in origin):
                continue  # empty, or a copy of a merged cell (read at its top-left cell)
            fact = self.formats.get((r, c)) if self.formats else None
            text = cell_text(raw, fact.number_format if fact else None)
            if not text:
                continue
            self.extras_seen[label] = None
            if ind is None or (origin and origin.get((r + 1, c)) == (r, c)):
                project.extras.setdefault(label, text)
            else:
                ind.extras.setdefault(label, text)

    def _formula_code(self, r: int, key: str, levels: dict[str, _Level]) -> _Level:
        """The value of our code lookup formula, computed here (the file had no cached value)."""
        from perfgoals_xl.code_lookup import formula_level1_code, formula_level2_code

        if key == "level1_code":
            code = formula_level1_code(levels["level1"][0])
        else:
            code1 = levels["level1_code"][0] if "level1_code" in levels else ""
            code = formula_level2_code(code1, levels["level2"][0])
        return (code, r, self.cols[key])

    def _weight(self, row: list[Any], r: int, columns: list[str | int]) -> float | None:
        c = self.cols.get("weight")
        if c is None:
            return None
        text = self.text_at(row, r, c)
        if not text:
            return None
        columns += ("weight", c)
        raw = row[c]
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and not text.endswith("%"):
            return float(raw)  # (0.3 formatted as a percentage reads 30%: its text's number)
        try:
            return float(text.rstrip("%％").replace(",", ""))
        except ValueError:
            self.problem("S01", f"权重“{text}”不是数字", r, "weight", raw=text)
            return None

    def _expand_legacy(self, cell: _Cell, project: Project) -> None:
        """A 绩效指标 cell of the project's row: kept until the project ends, then parsed with the
        cells of its continued rows (:meth:`_flush_legacy`)."""
        if self._legacy_project is not project:
            self._flush_legacy()
            self._legacy_project = project
        self._legacy_parts.append(cell)
        project.indicators_raw = (project.indicators_raw or "") + cell.text
        project.field_locations.setdefault("indicators", cell.location)

    def _flush_legacy(self) -> None:
        """Parse the current project's 绩效指标 cells as one text (each part on its own line), every
        item located at the cell it starts in."""
        parts, project = self._legacy_parts, self._legacy_project
        self._legacy_parts, self._legacy_project = [], None
        if not parts or project is None:
            return
        items, problems = parse_indicator_parts([c.text for c in parts], separator="\n",
                                                locate=lambda i: parts[i].location, project=project.name)
        for item in items:
            project.indicators.append(item)
            check_indicator(item, project, self.table.problems)
        for problem in problems:
            problem.field = "legacy"
            self.table.problems.append(problem)


@functools.lru_cache(maxsize=64)  # units come one after another: a few names suffice
def _split_name(text: str) -> tuple[str | None, str]:
    """split_code of a unit's name, cached: the unit column repeats the same name row after row."""
    return split_code(text)


def _code_text(text: str) -> str:
    """A code from a column of its own (单位编码, 部门编码, 项目主管部门编码), bounded as a name is."""
    return text[:MAX_LABEL].rstrip(_BLANKS)


def _int_or_none(text: str) -> int | None:
    """A whole number of at most 9 digits (checked before conversion), else None."""
    return bounded_int(text)


def _foreign_runs(rows: list[list[Any]], first: int, level1: int | None, level2: int | None,
                  repeated: Callable[[int], bool]) -> dict[int, int]:
    """Rows of each run of blank 一级指标 cells under a label whose printed 二级指标 are all another
    level-1's by the framework (``level_join.belongs_elsewhere``), one of them at least: the label above
    is no part of them. Each row → the row of the label just below the run when all of the run's
    二级指标 are that label's and the label stands no lower in its group than centred (a label centred
    in its rows, merges lost: 成本 | 质量 rows, then 产出指标 beside the group's middle row); else → -1,
    blank as printed (the table left that level-1 blank). A row ``repeated`` (the header printed again)
    is no label."""
    if level1 is None or level2 is None:
        return {}
    out: dict[int, int] = {}
    label, run, foreign, printed = "", [], False, []
    pending: tuple[list[int], list[str], int] | None = None  # a run closed by a label, and that label's row

    def level2_at(r: int) -> str:
        return cell_text(rows[r][level2] if level2 < len(rows[r]) else None)

    def settle(below_rows: int) -> None:
        run_rows, words, at = pending
        own = cell_text(rows[at][level1]) if at < len(rows) else ""
        adopt = (own and len(run_rows) <= below_rows + 1
                 and all(belongs_under(own, w) for w in words))
        out.update(dict.fromkeys(run_rows, at if adopt else -1))

    below_count = 0
    for r in range(first, len(rows) + 1):
        row = rows[r] if r < len(rows) else None
        text = cell_text(row[level1] if row is not None and level1 < len(row) else None) if row is not None else "*"
        if text and row is not None and repeated(r):
            continue
        if text:  # a label (or the end): the run before it is closed
            if pending is not None:
                settle(below_count)  # the label's own rows under it
                pending = None
            if foreign and run:
                pending = (run, printed, r)
                below_count = 1  # (the label's own row)
            label, run, foreign, printed = text, [], False, []
            continue
        below_count += 1
        if not label or row is None:
            continue
        below = level2_at(r)
        if below and not belongs_elsewhere(label, below):
            run, foreign, printed = [], False, []  # (the label's own 二级指标: the rows so far are the label's)
        elif below or foreign:
            run.append(r)  # (a blank 二级指标 goes with the 二级指标 above it)
            if below:
                printed.append(below)
            foreign = True
    if pending is not None:
        settle(below_count)
    return out


def _blank_merged_rows(grid: Grid, c: int | None) -> frozenset[int]:
    """Rows where column c is in a merged range over two rows or more whose cell is blank."""
    if c is None:
        return frozenset()
    out: set[int] = set()
    for r1, c1, r2, c2 in grid.merged:
        if r2 > r1 and c1 <= c <= c2 and r1 < len(grid.rows):
            row = grid.rows[r1]
            if not cell_text(row[c1] if c1 < len(row) else None):
                out.update(range(r1, r2 + 1))
    return frozenset(out)


def _read_preamble(rows: list[list[Any]], header_row: int, table: PerfTable) -> bool:
    """Title, 部门名称 (部门名称/预算部门/预算单位/单位名称：…) and the unit line above the header;
    whether a unit line was written."""
    unit_written = False
    by_words = {words: key for key, words in DEPARTMENT_SOURCES.items()}
    for row in rows[:header_row]:
        texts = [cell_text(v) for v in row]
        for i, text in enumerate(texts):
            if not text:
                continue
            m = DEPARTMENT_LINE.match(text[:MAX_LABEL])  # bounded: the pattern is lazy
            if is_table_title(text) and not m:
                table.title = text
            if m and not table.department:
                name = m.group("name")
                cut = UNIT_LINE.search(name)  # 部门名称：某某局　单位：元
                name = name[: cut.start()].strip() if cut else name
                alone = not name  # the value stands in the next cell
                if alone:
                    name = next((t for t in texts[i + 1:] if t), "")
                    if UNIT_LINE.search(name) or DEPARTMENT_SOURCE_NOTE.match(name):
                        name = ""
                if name:
                    table.department_code, table.department = split_code(name, bracketed_only=alone)
                    table.department_source = "label"
            note = DEPARTMENT_SOURCE_NOTE.match(text)
            if note:
                table.department_source = by_words[note.group("source")]
            unit = UNIT_LINE.search(text)
            if unit:
                table.unit, unit_written = unit.group(1), True
    return unit_written


def _yuan_by_evidence(table: PerfTable, first: int, total_before: Decimal | None,
                      hints: dict[str, None]) -> None:
    """A sheet that names no unit but shows its amounts are 元: converted, and said (读取提示)."""
    units = table.units[first:]
    reason = yuan_evidence(units)
    if reason is None:
        return
    extra = [table.amounts] if table.amounts.total != total_before else []
    convert_yuan(units, extra)
    table.source_unit = "元"
    hints[f"表中未注明金额单位，按元读取并折合为万元：{reason}"] = None


def read_grids(grids: list[Grid], *, source: str | None, layout: str,
               require_all: bool = False, release_rows: bool = False) -> PerfTable:
    """Read every sheet that has a long-format header into one PerfTable.

    release_rows: the grids are the caller's to discard; each row is dropped once read
    (memory at scale: the sheet's cells shrink while the model grows).
    """
    table = PerfTable(source=source, layout=layout)
    read_any = False
    extras: dict[str, None] = {}  # extra columns with values, over all sheets
    hints: dict[str, None] = {}  # 读取提示 over all sheets
    numbered = False  # is the table's first unit numbered (单位序号): a unit, never the department's row
    carried: FundUnit | None = None  # the unit named by the department that ended the grid before
    for grid in grids:
        filled, origin = filled_rows(grid)
        header = find_header(filled, origin)
        if header is None:
            if require_all:
                raise InputError(source or "<表格>", _no_header_message(grid))
            continue
        read_any = True
        sheet_table = PerfTable()
        unit_written = _read_preamble(grid.rows, header.row if header.top is None else header.top, sheet_table)
        if not sheet_table.department and (name := department_from_title(sheet_table.title)):
            sheet_table.department, sheet_table.department_source = name, "title"
        if sheet_table.department and not table.department:
            table.department, table.department_code = sheet_table.department, sheet_table.department_code
            table.department_source = sheet_table.department_source
        if sheet_table.title != PerfTable.title and table.title == PerfTable.title:  # the first sheet's title
            table.title = sheet_table.title
        table.unit = sheet_table.unit  # the unit line of this sheet governs its amounts
        reader = _SheetReader(grid, header, table, source, filled=(filled, origin))
        reader.own_department, reader.carried_unit = sheet_table.department, carried
        first, total_before = len(table.units), table.amounts.total
        reader.read(release_rows=release_rows)
        if not unit_written and not header.money_units and table.source_unit is None:
            _yuan_by_evidence(table, first, total_before, hints)
        carried = reader.implicit_unit if table.units and reader.implicit_unit is table.units[-1] else None
        extras.update(reader.extras_seen)
        hints.update(dict.fromkeys(header.notes))
        hints.update(reader.hints)
        if reader.hints_dropped:
            hints.setdefault(f"另有 {reader.hints_dropped} 处读取提示未逐条列出")
        numbered = numbered or (first == 0 and 0 in reader.numbered_units)
        if table.location is None:
            table.location = reader.loc(header.row, min(header.columns.values()))
    if not read_any:
        raise InputError(source or "<表格>", _no_header_message(grids[0] if grids else None))
    table.unit = "万元"  # amounts were converted
    if extras:
        table.problems.append(longform_forms.extras_note(extras, table.location, where="表格"))
    if hints:
        table.problems.append(longform_forms.reading_hints(list(hints), table.location))
    _resolve_department(table, first_unit_numbered=numbered)
    return bound_table(table)


def _resolve_department(table: PerfTable, *, first_unit_numbered: bool = False) -> None:
    """The department: a label above the header, else the title, else the first hierarchy row
    (unless that row has a 单位序号: our CSV numbers a unit that would read as the department's row)."""
    if not first_unit_numbered:
        promote_department(table)
    if table.department and table.department_source is None:
        table.department_source = "label"


def _no_header_message(grid: Grid | None) -> str:
    where = f"工作表“{grid.sheet}”" if grid and grid.sheet else "表格"
    return (f"{where}中未找到一行一指标的表头：应有“项目名称”和“一级指标”“二级指标”“三级指标/指标名称”"
            f"“年度指标值”等列（前 {HEADER_SEARCH_ROWS} 行内）")


def table_from_rows(rows: list[list[Any]], *, sheet: str | None = None, file: str | None = None,
                    first_row: int = 0, first_col: int = 0,
                    merged: list[tuple[int, int, int, int]] | None = None,
                    layout: str = "longform",
                    number_formats: dict[tuple[int, int], str] | None = None) -> PerfTable:
    """Read cell values already in memory (e.g. one bulk ``range.value`` from Excel).

    first_row / first_col are the 0-based sheet position of rows[0][0], so that
    locations name the real cells; merged ranges and number_formats are relative to rows.
    """
    from perfgoals_xl.sources.grid import CellFacts

    formats = dict(number_formats or {})

    def facts(cells: Any) -> dict[tuple[int, int], CellFacts]:
        return {c: CellFacts(number_format=formats[c]) for c in cells if c in formats}

    grid = Grid(sheet=sheet, rows=rows, merged=list(merged or []), first_row=first_row, first_col=first_col,
                facts_loader=facts if formats else None)
    return read_grids([grid], source=file, layout=layout, require_all=True)
