"""The handlers behind the template's buttons (``RunPython`` in macros/PerfGoals.bas).

Each handler takes the calling workbook (``xw.Book.caller()`` when called from
Excel without one), reads the entry sheet 填报 in **one** bulk read, runs the
core, and writes back through a :class:`~perfgoals_xl.excel.plan.Plan` of bulk
operations: the number of reads and writes does not grow with the number of
rows. Errors reach the user as a short Chinese message box, never a traceback
(the traceback goes to ``%TEMP%/perfgoals-xl.log``).

======== ===================== ===================================================
button   handler               what it does
======== ===================== ===================================================
校验     :func:`validate`       issues sheet 校验结果 (link to each cell), marks,
                                count in the status bar
清除标记 :func:`clear_marks`    removes the marks; the user's formatting was never
                                touched (marks are conditional formats fed by the
                                very hidden sheet pg_marks)
拆分指标 :func:`expand_indicators` pasted 绩效指标 strings → one row per indicator
导入     :func:`import_table`   a published text / JSON / workbook appended below
                                the data (nothing overwritten); what the sheet
                                cannot hold exactly in a message box
生成报表 :func:`report`         the official report layout into the sheet 报表
生成申报表 :func:`forms`        one 申报表 per project into sheets 申报表·<项目名称>
规则说明 :func:`show_rules`     the rule catalogue into the sheet 规则说明
计算得分 :func:`score`          绩效自评: computed scores into the 得分 column (one
                                block), PG-E findings on 校验结果 with marks (rows
                                needing a 偏差原因), totals and grades on 自评汇总
                                and in the status bar
对比上一版 :func:`compare_previous` the entry sheet against an earlier file: changes on
                                对比上一版, findings fixed / new / still open on
                                对比上一版·整改
======== ===================== ===================================================

Import cost matters (every click starts Python anew): this module imports only
the model, the names and the plan at module level; the entry reader, the rules,
the report layout and the sources are imported inside the handlers that use them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from perfgoals_xl.errors import PerfGoalsError
from perfgoals_xl.excel.names import (
    ENTRY_SHEET,
    ISSUES_SHEET,
    LIST_SHEET,
    MARK_LETTERS,
    MARKS_SHEET,
    PROJECTS_REPORT_SHEET,
    REPORT_SHEET,
    RULES_SHEET,
    SELFEVAL_SUMMARY_SHEET,
)
from perfgoals_xl.excel.names import FORM_SHEET_PREFIX as FORM_PREFIX
from perfgoals_xl.excel.plan import (
    Activate,
    AddNotes,
    Alert,
    ClearContents,
    ClearSheet,
    ColumnWidths,
    EnsureSheet,
    FormatAreas,
    InsertRows,
    PageSetup,
    Plan,
    StatusBar,
    Style,
    WriteFormulas,
    WriteValues,
    apply,
    area_address,
    grid,
)

LOG_NAME = "perfgoals-xl.log"
MESSAGE_LIMIT = 300
HEADER_STYLE = Style(bold=True, fill="#DDEBF7", wrap=True, valign="center")
TEXT_STYLE = Style(number_format="@", wrap=True, valign="top")

#: Columns of the issues sheet: Issue.to_row() keys (None: the link to the cell) and widths —
#: the columns of the report workbook's issues sheet (sinks/issues_sheet.py), with a
#: clickable 位置 in place of the cell list; headers are the issue record's Chinese names.
ISSUE_SHEET_COLUMNS: tuple[tuple[str | None, float], ...] = (
    ("severity_label", 6), ("code", 9), ("project", 24), ("seq", 6), ("indicator", 24),
    ("field_label", 14), ("message", 50), ("hint", 40), (None, 14), ("suppressed", 7),
)
LINK_COLUMN = next(i for i, c in enumerate(ISSUE_SHEET_COLUMNS) if c[0] is None)
LINK_HEADER = "位置"

RULE_SHEET_COLUMNS: tuple[tuple[str, float], ...] = (
    ("规则", 9), ("名称", 24), ("级别", 6), ("类别", 14), ("说明", 50), ("为什么", 40),
    ("错误示例", 30), ("正确示例", 30), ("修改建议", 40), ("依据", 30),
)


# ------------------------------------------------------------------- plumbing


def _caller(book: Any) -> Any:
    """The workbook given, else the one whose button called (the add-in, for its ribbon)."""
    if book is not None:
        return book
    import xlwings as xw

    return xw.Book.caller()


def _log(text: str) -> Path | None:
    """Append a traceback to %TEMP%/perfgoals-xl.log; the path, or None if that fails."""
    import tempfile

    path = Path(tempfile.gettempdir()) / LOG_NAME
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text + "\n")
    except OSError:
        return None
    return path


def short_message(exc: BaseException) -> str:
    """A short Chinese message for the message box (user errors as they are, others named)."""
    if isinstance(exc, PerfGoalsError):
        text = str(exc)
    else:
        text = f"程序出错（{type(exc).__name__}）：{exc}"
    text = text.strip() or "程序出错"
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def run_handler(book: Any, action: Callable[[Any], Plan]) -> Plan:
    """Run one handler: compute its plan, apply it; any error becomes a message box."""
    from perfgoals_xl.excel.live import target_book

    caller = _caller(book)
    try:  # the add-in's buttons work on the active workbook (excel/live.py)
        book = target_book(caller)
    except PerfGoalsError as exc:  # the add-in with no workbook to work on
        failure = Plan().add(Alert(short_message(exc), critical=True))
        apply(caller, failure)
        return failure
    try:
        plan = action(book)
        apply(book, plan)
        return plan
    except Exception as exc:  # noqa: BLE001 — the user sees a message, never a traceback
        if not isinstance(exc, PerfGoalsError):
            import traceback

            log = _log(traceback.format_exc())
            message = short_message(exc) + (f"\n详细信息已写入 {log}" if log else "")
        else:
            message = short_message(exc)
        failure = Plan().add(Alert(message, critical=True))
        try:
            apply(book, failure)
        except Exception:  # noqa: BLE001 — nothing more we can tell Excel
            _log(f"无法显示消息：{message}")
        return failure


def read_sheet(book: Any, name: str) -> list[list[Any]]:
    """All values of a sheet from A1 to the end of its used range: one bulk read."""
    sheet = _sheet(book, name)
    last = sheet.used_range.last_cell
    return sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value


def _sheet(book: Any, name: str) -> Any:
    if name not in [s.name for s in book.sheets]:
        raise PerfGoalsError(f"工作簿中没有“{name}”工作表：请使用 perfgoals 填报模板")
    return book.sheets[name]


def _has_sheet(book: Any, name: str) -> bool:
    return name in [s.name for s in book.sheets]


def numeric_value_cells(rows: list[list[Any]]) -> dict[int, list[int]]:
    """Column → rows (0-based, relative to rows) of the numeric 指标值 cells: the only
    cells whose number format can change what they mean (0.95 shown as 95%)."""
    from perfgoals_xl.sources.longform import find_header

    header = find_header(rows)
    if header is None:
        return {}
    cells: dict[int, list[int]] = {}
    for key in ("period_value", "annual_value"):
        c = header.columns.get(key)
        if c is None:
            continue
        found = [r for r in range(header.row + 1, len(rows)) if c < len(rows[r])
                 and isinstance(rows[r][c], int | float) and not isinstance(rows[r][c], bool)]
        if found:
            cells[c] = found
    return cells


def read_value_formats(book: Any, rows: list[list[Any]]) -> dict[tuple[int, int], str]:
    """Number formats of the numeric 指标值 cells, as ``table_from_entry_rows`` takes them.

    One ``number_format`` read per value column, spanning its numeric cells: Excel
    answers with the format when they all share it (the usual case). Only when they
    differ (Excel answers None) is each numeric cell of that column read on its own.
    An engine that cannot read formats (xlwings' JSON engine) gives no formats.
    """
    sheet = _sheet(book, ENTRY_SHEET)
    formats: dict[tuple[int, int], str] = {}
    try:
        for c, found in numeric_value_cells(rows).items():
            shared = sheet.range((found[0] + 1, c + 1), (found[-1] + 1, c + 1)).number_format
            for r in found:
                fmt = shared if shared is not None else sheet.range((r + 1, c + 1)).number_format
                if fmt:
                    formats[(r, c)] = fmt
    except NotImplementedError:
        return {}
    return formats


def read_entry_table(book: Any, rows: list[list[Any]] | None = None) -> Any:
    """The entry sheet as a PerfTable (locations name the real cells of 填报); numeric
    指标值 cells read with their number formats, as the file reader does (0.95 → 95%)."""
    from perfgoals_xl.entry import table_from_entry_rows

    rows = read_sheet(book, ENTRY_SHEET) if rows is None else rows
    return table_from_entry_rows(rows, sheet=ENTRY_SHEET, file=book.name,
                                 number_formats=read_value_formats(book, rows))


def book_table(book: Any) -> Any:
    """The table a button works on: the template's 填报 sheet, or any workbook's readable sheets
    read as a file of the same sheets would be (excel/live.py)."""
    from perfgoals_xl.excel.live import book_table as any_table
    from perfgoals_xl.excel.live import is_template

    return read_entry_table(book) if is_template(book) else any_table(book)


def _where(book: Any) -> str:
    """What a message names as the place of the table: “填报”表, or the workbook."""
    from perfgoals_xl.excel.live import is_template

    return f"“{ENTRY_SHEET}”表中" if is_template(book) else f"{book.name} 中"


def _config(book: Any) -> Any:
    """perfgoals.toml next to the workbook (or above it), else the defaults."""
    from perfgoals_xl.rules import load_config

    folder = Path(str(book.fullname)).parent
    return load_config(start=folder) if folder.is_dir() and str(folder) != "." else load_config(
        start=Path.home())


# ---------------------------------------------------------------------- 校验

_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def parse_cell(address: str) -> tuple[int, int] | None:
    """'K5' → (5, 11); None for anything else."""
    m = _CELL.match(address.strip().upper())
    if not m:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def _issue_cells(issue: Any, sheets: Collection[str] = (ENTRY_SHEET,)) -> list[tuple[int, int]]:
    """The (row, column) cells of a finding on one of ``sheets`` (1-based)."""
    loc = issue.location
    if loc.sheet not in sheets:
        return []
    addresses = list(loc.cells) or ([loc.cell] if loc.cell else [])
    return [c for c in (parse_cell(a) for a in addresses) if c is not None]


def mark_grid(issues: list[Any]) -> tuple[int, list[list[str | None]]]:
    """(first row, rows of marks) covering every marked entry cell; columns from A.

    A mark is the severity letter of the most serious issue on the cell (E/W/I) and
    the rule codes, e.g. ``E PG-S05 PG-Q02``; suppressed issues leave no mark.
    """
    order = {"E": 0, "W": 1, "I": 2}
    marks: dict[tuple[int, int], tuple[str, list[str]]] = {}
    for issue in issues:
        if issue.suppressed:
            continue
        letter = MARK_LETTERS.get(issue.severity, "I")
        for cell in _issue_cells(issue):
            old, codes = marks.get(cell, (letter, []))
            best = min(old, letter, key=order.__getitem__)
            if issue.code not in codes:
                codes.append(issue.code)
            marks[cell] = (best, codes)
    if not marks:
        return 1, []
    top = min(r for r, _ in marks)
    bottom = max(r for r, _ in marks)
    right = max(c for _, c in marks)
    rows: list[list[str | None]] = [[None] * right for _ in range(bottom - top + 1)]
    for (r, c), (letter, codes) in marks.items():
        rows[r - top][c - 1] = " ".join([letter, *codes])
    return top, rows


def _link(issue: Any, sheets: Collection[str] = (ENTRY_SHEET,)) -> str:
    """A HYPERLINK formula to the finding's first cell (on one of ``sheets``), or ''."""
    cells = _issue_cells(issue, sheets)
    loc = issue.location
    if not cells or loc.cell is None:
        return ""
    first = loc.cells[0] if loc.cells else loc.cell
    shown = loc.where().replace('"', "'")
    target = str(loc.sheet).replace("'", "''").replace('"', '""')  # quoted twice: sheet, then string
    return f'=HYPERLINK("#\'{target}\'!{first}","{shown}")'


def _cell_text(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else None
    return value


def issue_sheet_headers() -> list[str]:
    """The Chinese headers of the issues sheet (the issue record's column names)."""
    from perfgoals_xl.rules.issue import ISSUE_COLUMNS

    return [ISSUE_COLUMNS[key] if key else LINK_HEADER for key, _ in ISSUE_SHEET_COLUMNS]


def issue_list_plan(issues: list[Any], sheet: str = ISSUES_SHEET, *, after: str | None = ENTRY_SHEET,
                    sheets: Collection[str] = (ENTRY_SHEET,)) -> Plan:
    """The issues sheet: one row per finding, with a link to its cell on one of ``sheets`` (pure)."""
    headers = issue_sheet_headers()
    body = []
    links = []
    for issue in issues:
        row = issue.to_row()
        body.append([_cell_text(row[key]) if key else None for key, _ in ISSUE_SHEET_COLUMNS])
        links.append((_link(issue, sheets),))
    n = len(body)
    width = len(headers)
    plan = Plan().add(
        EnsureSheet(sheet, after=after),
        ClearSheet(sheet),
        FormatAreas(sheet, (area_address(2, 1, max(n + 1, 2), width),), TEXT_STYLE),
        WriteValues(sheet, 1, 1, grid([headers, *body])),
    )
    if n:
        plan.add(WriteFormulas(sheet, 2, LINK_COLUMN + 1, grid(links)))
    return plan.add(
        FormatAreas(sheet, (area_address(1, 1, 1, width),), HEADER_STYLE),
        ColumnWidths(sheet, tuple((i, i, w) for i, (_, w) in enumerate(ISSUE_SHEET_COLUMNS, 1))),
    )


def issues_plan(issues: list[Any], summary: str) -> Plan:
    """The plan of 校验 on the template: the issues sheet, the marks, the status bar (pure)."""
    plan = issue_list_plan(issues)
    plan.add(
        EnsureSheet(MARKS_SHEET, visible=False),
        ClearContents(MARKS_SHEET),
    )
    top, marks = mark_grid(issues)
    if marks:
        plan.add(WriteValues(MARKS_SHEET, top, 1, grid(marks)))
    if issues:
        plan.add(Activate(ISSUES_SHEET, "A1"),
                 StatusBar(f"校验完成：{summary}。详见“{ISSUES_SHEET}”表，点击位置可跳到单元格。"))
    else:
        plan.add(Activate(ENTRY_SHEET), StatusBar("校验完成：未发现问题。"))
    return plan


def entry_page_setup(rows: list[list[Any]]) -> PageSetup:
    """The 填报 sheet's print setup for these rows, as the entry writer sets it: the printed area
    ends at the last filled row and column; when the 自评 or 申报表 columns hold something they
    print on pages of their own at one fixed scale, 资金使用单位 and 项目名称 repeated."""
    from perfgoals_xl.entry.layout import column_letter
    from perfgoals_xl.entry.print_area import (
        TITLE_COLUMNS,
        column_pages,
        print_area_address,
        print_range,
    )

    area = print_area_address(rows)
    breaks, scale = column_pages(print_range(rows)[1])
    if not breaks:
        return PageSetup(ENTRY_SHEET, print_area=area)
    first, last = (column_letter(c) for c in TITLE_COLUMNS)
    return PageSetup(ENTRY_SHEET, print_area=area, zoom=scale,
                     column_breaks=tuple(c + 1 for c in breaks),
                     print_title_columns=f"${first}:${last}")


def validate_plan(book: Any) -> Plan:
    """校验: read 填报 once, check it, plan the issues sheet, marks and status bar (any other
    workbook: its readable sheets, excel/anybook.py)."""
    from perfgoals_xl.excel.live import is_template
    from perfgoals_xl.rules import check_table, summary_line

    if not is_template(book):
        from perfgoals_xl.excel.anybook import validate_any_plan

        return validate_any_plan(book, _config(book))

    rows = read_sheet(book, ENTRY_SHEET)
    table = read_entry_table(book, rows)
    issues = check_table(table, _config(book))
    # the printed area follows the filled rows (a static range: every spreadsheet program prints it)
    return issues_plan(issues, summary_line(issues)).add(entry_page_setup(rows))


def validate(book: Any = None) -> Plan:
    """Button 校验."""
    return run_handler(book, validate_plan)


# ------------------------------------------------------------------ 清除标记


def clear_marks_plan(book: Any) -> Plan:
    """清除标记: empty pg_marks (the entry sheet's own formatting was never changed)."""
    from perfgoals_xl.excel.live import is_template

    if not is_template(book):
        from perfgoals_xl.excel.anybook import clear_any_plan

        return clear_any_plan(book)
    return Plan().add(ClearContents(MARKS_SHEET), StatusBar("已清除校验标记。"))


def clear_marks(book: Any = None) -> Plan:
    """Button 清除标记."""
    return run_handler(book, clear_marks_plan)


# ------------------------------------------------------------------ 生成报表


def report_plan(book: Any) -> Plan:
    """生成报表: the report layout of the entry table into a fresh 报表 sheet."""
    from perfgoals_xl.excel.render_sheet import report_plan as layout_plan
    from perfgoals_xl.report import build_report_layout

    table = book_table(book)
    if not table.projects() and table.kind != "department":
        raise PerfGoalsError(f"{_where(book)}还没有项目，无法生成报表")
    plan = layout_plan(build_report_layout(table), REPORT_SHEET, after=ENTRY_SHEET)
    sheets = f"“{REPORT_SHEET}”表"
    if table.kind == "department" and table.units:  # the project tables beside the department's: theirs too
        plan.add(*layout_plan(build_report_layout(table.projects_apart()), PROJECTS_REPORT_SHEET,
                              after=REPORT_SHEET).operations)
        sheets = f"“{REPORT_SHEET}”和“{PROJECTS_REPORT_SHEET}”表"
    from perfgoals_xl.commands.counts import department_counts

    counts = department_counts(table) or f"{len(table.projects())} 个项目"
    return plan.add(StatusBar(f"已生成报表：{counts}，见{sheets}。"))


def report(book: Any = None) -> Plan:
    """Button 生成报表."""
    return run_handler(book, report_plan)


#: Prefix of the sheets 生成申报表 writes (a project named 填报 never replaces the entry sheet).
FORM_SHEET_PREFIX = FORM_PREFIX


def forms_plan(book: Any) -> Plan:
    """生成申报表: one 88号-style 申报表 per project of the entry table, each into a fresh sheet."""
    from perfgoals_xl.excel.render_sheet import report_plan as layout_plan
    from perfgoals_xl.report.form_layout import build_form_layout, sheet_names

    table = book_table(book)
    if table.kind == "department" and table.units:
        table = table.projects_apart()  # the project tables beside the department's: their forms
    if table.kind == "department":
        raise PerfGoalsError(f"{book.name}：这是部门整体支出绩效目标表，申报表（每个项目一张）只用于项目表；"
                             "请用“生成报表”按部门整体表的正式版式生成")
    owners = [(unit.name, project) for unit in table.units for project in unit.projects]
    if not owners:
        raise PerfGoalsError(f"{_where(book)}还没有项目，无法生成申报表")
    names = sheet_names([p for _, p in owners], prefix=FORM_SHEET_PREFIX)
    plan = Plan()
    after = ENTRY_SHEET
    for (unit_name, project), name in zip(owners, names, strict=True):
        plan.add(*layout_plan(build_form_layout(table, project, unit_name), name, after=after).operations)
        after = name
    return plan.add(StatusBar(f"已生成申报表：{len(owners)} 个项目，每个项目一个工作表（“{names[0]}”起）。"))


def forms(book: Any = None) -> Plan:
    """Button 生成申报表."""
    return run_handler(book, forms_plan)


# ------------------------------------------------------------------ 拆分指标


def _cell_for_excel(value: Any) -> Any:
    """A cell for a bulk ``.formula`` write: formulas as text, blanks as ''."""
    if value is None:
        return ""
    return str(value) if isinstance(value, str) else value


def _differs(read: list[Any], computed: list[Any]) -> bool:
    """Does a row as computed differ from the row as read (blanks '' and None alike)?"""
    width = max(len(read), len(computed))
    a = [None if v == "" else v for v in list(read) + [None] * (width - len(read))]
    b = [None if v == "" else v for v in list(computed) + [None] * (width - len(computed))]
    return a != b


def read_formulas(book: Any, rows: list[list[Any]]) -> list[list[Any]] | None:
    """The entry sheet's formulas over the same cells as ``rows``: one bulk ``.formula``
    read (constants come back as text); None when the engine cannot read formulas."""
    if not rows or not rows[0]:
        return None
    sheet = _sheet(book, ENTRY_SHEET)
    try:
        found = sheet.range((1, 1), (len(rows), max(len(r) for r in rows))).formula
    except NotImplementedError:  # xlwings' JSON engine
        return None
    if not isinstance(found, list | tuple):
        return [[found]]
    return [list(r) if isinstance(r, list | tuple) else [r] for r in found]


def _with_formulas(row: list[Any], formulas: list[Any] | None) -> list[Any]:
    """A row read as values, with the cells that hold formulas as their formula text."""
    if not formulas:
        return list(row)
    return [f if isinstance(f, str) and f.startswith("=") else v
            for v, f in zip(row, list(formulas) + [None] * (len(row) - len(formulas)), strict=False)]


def expand_plan(book: Any) -> Plan:
    """拆分指标: each pasted 绩效指标 string becomes indicator rows inserted below its row.

    Rows are *inserted* (Excel moves the rows below and adjusts their formulas);
    only the pasted row and its new rows are written. User formulas on the pasted
    row are kept (one bulk ``.formula`` read, where the engine allows it).
    """
    from perfgoals_xl.entry import expand_pasted_strings
    from perfgoals_xl.sources.longform import find_header

    rows = read_sheet(book, ENTRY_SHEET)
    header = find_header(rows)
    legacy = header.columns.get("legacy") if header else None
    pasted = [j for j in range(header.row + 1, len(rows)) if legacy is not None
              and legacy < len(rows[j]) and isinstance(rows[j][legacy], str)
              and rows[j][legacy].strip()] if header else []
    formulas = read_formulas(book, rows) if pasted else None
    plan = Plan()
    added = 0
    for j in pasted:
        final = j + added  # 0-based sheet row once the rows above are inserted
        source = _with_formulas(rows[j], formulas[j] if formulas and j < len(formulas) else None)
        block = expand_pasted_strings([*rows[: header.row + 1], source],
                                      first_row=final - header.row - 1)[header.row + 1:]
        shown = [getattr(v, "cached", v) for v in block[0]]
        if len(block) == 1 and not _differs(rows[j], shown):
            continue  # text that does not parse stays in its cell
        if len(block) > 1:
            plan.add(InsertRows(ENTRY_SHEET, final + 2, len(block) - 1))
        cells = [[_cell_for_excel(v) for v in row] for row in block]
        plan.add(WriteFormulas(ENTRY_SHEET, final + 1, 1, grid(cells)))
        added += len(block) - 1
    if not plan.operations:
        return plan.add(StatusBar("没有需要拆分的绩效指标文本。"))
    return plan.add(StatusBar(f"已拆分绩效指标：新增 {added} 行。"))


def expand_indicators(book: Any = None) -> Plan:
    """Button 拆分指标."""
    return run_handler(book, expand_plan)


# ---------------------------------------------------------------------- 导入

IMPORT_FILTER = (
    "绩效目标表 (*.txt;*.json;*.xlsx;*.xlsm;*.xls;*.csv;*.ods;*.pdf),"
    "*.txt;*.json;*.xlsx;*.xlsm;*.xls;*.csv;*.ods;*.pdf"
)


def ask_import_path(book: Any) -> str | None:
    """Excel's own Open dialog (Application.GetOpenFilename); None when cancelled."""
    if book.app.engine.name != "excel":
        raise PerfGoalsError("请在 Excel 中点击“导入”，或在命令行使用 perfgoals import")
    chosen = book.app.api.GetOpenFilename(IMPORT_FILTER, 1, "选择要导入的绩效目标表")
    return chosen if isinstance(chosen, str) and chosen else None


def _last_data_row(rows: list[list[Any]], first_data_row: int, skip: set[int]) -> int:
    """0-based index of the last row with content outside the formula columns (or header)."""
    last = first_data_row - 1
    for i in range(first_data_row, len(rows)):
        if any(v not in (None, "") for c, v in enumerate(rows[i]) if c not in skip):
            last = i
    return last


def import_plan(book: Any, path: str | Path) -> Plan:
    """导入: read any supported table and append it below the entry sheet's data."""
    from perfgoals_xl.entry import HEADERS, expand_pasted_strings
    from perfgoals_xl.entry.layout import DEPARTMENT_ROW, FIRST_DATA_ROW, INDEX
    from perfgoals_xl.entry.rows import data_rows
    from perfgoals_xl.longform_cells import department_label
    from perfgoals_xl.sinks.losses import format_losses
    from perfgoals_xl.sources import read_table

    table = read_table(path)
    if table.kind == "department":
        raise PerfGoalsError(f"{Path(path).name}：这是部门整体支出绩效目标表，填报表按项目填写，不能导入"
                             "（可用 perfgoals check / report 检查或生成报表）")
    rows = read_sheet(book, ENTRY_SHEET)
    formula_cols = {INDEX["total"], INDEX["level1_code"], INDEX["level2_code"]}
    start = _last_data_row(rows, FIRST_DATA_ROW, formula_cols) + 1  # 0-based sheet row
    assumed: list[tuple[int, Any]] = []
    new = data_rows(table, assumed=assumed)
    if not new:
        raise PerfGoalsError(f"{Path(path).name}：没有读到项目或指标")
    # Formulas (总计, codes) for the rows at their final place: the entry module fills
    # them for data rows below a header row (sheet row start-1 stands for the header).
    placed = expand_pasted_strings([list(HEADERS), *new], first_row=start - 1)[1:]
    block = [[_cell_for_excel(v) for v in row] for row in placed]
    plan = Plan().add(WriteFormulas(ENTRY_SHEET, start + 1, 1, grid(block)))
    after = [list(r) for r in rows[:start]] + [list(r) for r in placed]  # the sheet once written
    plan.add(entry_page_setup(after))
    if assumed:  # PG-S10: the note on the assumed amount cell, as the entry writer puts it
        from perfgoals_xl.assumed_notes import assumed_note

        plan.add(AddNotes(ENTRY_SHEET, tuple(
            (start + i + 1, INDEX[a.assumed[0]] + 1, assumed_note(a.assumed)) for i, a in assumed)))
    dept_cell = rows[DEPARTMENT_ROW][1] if len(rows) > DEPARTMENT_ROW and len(rows[DEPARTMENT_ROW]) > 1 else None
    if table.department and dept_cell in (None, ""):
        label = department_label(table.department, table.department_code)  # with its code, as the entry writer
        plan.add(WriteValues(ENTRY_SHEET, DEPARTMENT_ROW + 1, 2, ((label,),)))
    n_ind = sum(len(p.indicators) for p in table.projects())
    # What the sheet cannot hold exactly (as `perfgoals import -o x.xlsx` says): never a silent loss.
    losses = format_losses(table, ".xlsx", header=False)
    said = f"{len(losses)} 处无法在填报表中完整保存，详见提示。" if losses else ""
    plan.add(StatusBar(f"已导入 {Path(path).name}：{len(table.projects())} 个项目，{n_ind} 条指标，"
                       f"从第 {start + 1} 行起。{said}"))
    if losses:
        plan.add(Alert(losses_message(Path(path).name, losses), title="导入提示"))
    return plan


#: Most warnings listed in the 导入 message box (the rest are counted): a message box holds about
#: a thousand characters.
IMPORT_LOSSES_SHOWN = 5
_LOSS_CHARS = 150


def losses_message(name: str, losses: list[str]) -> str:
    """The 导入 message box: what the entry sheet cannot hold exactly, the first few in full."""
    lines = [f"{name} 已导入，但有 {len(losses)} 处在填报表中无法完整保存（原文件不受影响）："]
    for k, text in enumerate(losses[:IMPORT_LOSSES_SHOWN], 1):
        lines.append(f"{k}. {text if len(text) <= _LOSS_CHARS else text[:_LOSS_CHARS - 1] + '…'}")
    if len(losses) > IMPORT_LOSSES_SHOWN:
        lines.append(f"……另有 {len(losses) - IMPORT_LOSSES_SHOWN} 处（perfgoals import 原文件 -o 输出.xlsx 可列出全部）。")
    return "\n".join(lines)


def import_table(book: Any = None, path: str | Path | None = None) -> Plan:
    """Button 导入 (asks for the file in Excel when ``path`` is not given)."""

    def action(b: Any) -> Plan:
        chosen = path if path is not None else ask_import_path(b)
        if not chosen:
            return Plan().add(StatusBar("已取消导入。"))
        return import_plan(b, chosen)

    return run_handler(book, action)


# ------------------------------------------------------------------ 规则说明


def rules_plan(book: Any = None) -> Plan:
    """规则说明: the rule catalogue (from the registry) into a fresh 规则说明 sheet."""
    from perfgoals_xl.rules import RULES, SEVERITIES
    from perfgoals_xl.rules.base import FAMILIES

    headers = [h for h, _ in RULE_SHEET_COLUMNS]
    body = [
        [r.code, r.slug, SEVERITIES.get(r.severity, r.severity), FAMILIES.get(r.family, r.family),
         r.doc.what, r.doc.why, r.doc.bad, r.doc.good, r.hint, r.doc.basis]
        for r in RULES.values()
    ]
    width = len(headers)
    return Plan().add(
        EnsureSheet(RULES_SHEET, fresh=True),
        FormatAreas(RULES_SHEET, (area_address(2, 1, len(body) + 1, width),), TEXT_STYLE),
        WriteValues(RULES_SHEET, 1, 1, grid([headers, *body])),
        FormatAreas(RULES_SHEET, (area_address(1, 1, 1, width),), HEADER_STYLE),
        ColumnWidths(RULES_SHEET, tuple((i, i, w) for i, (_, w) in enumerate(RULE_SHEET_COLUMNS, 1))),
        Activate(RULES_SHEET, "A1"),
        StatusBar(f"共 {len(body)} 条规则。"),
    )


def show_rules(book: Any = None) -> Plan:
    """Button 规则说明."""
    return run_handler(book, rules_plan)


# ------------------------------------------------------------------ 计算得分


def score_column(rows: list[list[Any]], scores: list[Any]) -> tuple[int, int, list[list[Any]]] | None:
    """(first sheet row, column, one-column block) of the 得分 column with the computed scores
    (1-based, as the plan writes it); other rows of the block keep the values read."""
    from perfgoals_xl.sources.longform import find_header

    header = find_header(rows)
    if header is None or "score" not in header.columns:
        return None
    c = header.columns["score"]
    by_row: dict[int, Any] = {}
    for s in scores:
        for item in s.indicators:
            loc = item.indicator.location
            cell = parse_cell(loc.cell) if loc is not None and loc.cell and loc.sheet == ENTRY_SHEET else None
            if cell is not None:
                by_row[cell[0]] = "不适用" if item.result.not_applicable else round(item.points, 2)
    if not by_row:
        return None
    top, bottom = min(by_row), max(by_row)
    block = []
    for r in range(top, bottom + 1):
        row = rows[r - 1] if r - 1 < len(rows) else []
        block.append([by_row.get(r, row[c] if c < len(row) else None)])
    return top, c + 1, block


def score_plan(book: Any) -> Plan:
    """计算得分: read 填报 once, score every project, write the 得分 column in one block, list the
    self-evaluation findings (PG-E) on the issues sheet with marks, and sum up in the status bar."""
    from perfgoals_xl.excel.live import is_template
    from perfgoals_xl.rules import check_table, summary_line
    from perfgoals_xl.scoring import has_actuals, score_table

    template = is_template(book)
    rows = read_sheet(book, ENTRY_SHEET) if template else []
    table = read_entry_table(book, rows) if template else book_table(book)
    if table.kind != "department" and not table.projects():  # a department's 自评表 is scored as one block
        raise PerfGoalsError(f"{_where(book)}还没有项目，无法计算得分")
    if not has_actuals(table):
        raise PerfGoalsError(f"{_where(book)}还没有实际完成值：请先在“实际完成值”列（及“全年预算数”“全年执行数”）填写年终完成情况")
    config = _config(book)
    scores = score_table(table, config.scoring_profile())
    issues = check_table(table, config.with_overrides(select="PG-E"), scores=scores)  # not scored again
    from perfgoals_xl.excel.render_sheet import report_plan as layout_plan
    from perfgoals_xl.report.selfeval_layout import build_summary_layout

    if template:
        plan = issues_plan(issues, summary_line(issues))
        plan.operations = [op for op in plan.operations if not isinstance(op, StatusBar | Activate)]
    else:  # a bureau's own form: its printed 得分 cells stay as they are (PG-E compares them)
        from perfgoals_xl.excel.anybook import findings_plan

        plan = findings_plan(book, issues)
    column = score_column(rows, scores) if template else None
    if column is not None:
        top, col, block = column
        plan.add(WriteValues(ENTRY_SHEET, top, col, grid(block)))
    # the totals: the 自评汇总 layout of `perfgoals score`, rendered into a fresh sheet at the end
    # of the workbook (activated), so no sheet written above changes place
    plan.operations += layout_plan(build_summary_layout(scores, table), SELFEVAL_SUMMARY_SHEET).operations
    grades: dict[str, int] = {}
    for s in scores:
        grades[s.grade] = grades.get(s.grade, 0) + 1
    totals = "，".join(f"{s.project.name} {s.total:g} 分（{s.grade}）" for s in scores[:3])
    more = f" 等 {len(scores)} 个项目" if len(scores) > 3 else ""
    reasons = sum(s.needs_reason for s in scores)
    missing = sum(s.missing for s in scores)
    return plan.add(StatusBar(
        f"计算得分完成：{totals}{more}；" + "，".join(f"{g} {n} 个" for g, n in grades.items())
        + f"；待说明偏差 {reasons} 条，缺少实际完成值 {missing} 项。"
        f"各项目见“{SELFEVAL_SUMMARY_SHEET}”表，问题见“{ISSUES_SHEET if template else LIST_SHEET}”表。"))


def score(book: Any = None) -> Plan:
    """Button 计算得分."""
    return run_handler(book, score_plan)


# ------------------------------------------------------------------ 填报说明


def show_guide(book: Any = None) -> Plan:
    """Button 填报说明: show the filling-in guide (written first when the workbook has none)."""
    from perfgoals_xl.excel.guide import guide_plan

    return run_handler(book, guide_plan)


# ------------------------------------------------------------------ 对比上一版 (review round, issue #24)


def ask_previous_path(book: Any) -> str | None:
    """Excel's Open dialog for the earlier version; None when cancelled."""
    if book.app.engine.name != "excel":
        raise PerfGoalsError("请在 Excel 中点击“对比上一版”，或在命令行使用 perfgoals diff 上一版 本版")
    from perfgoals_xl.excel.review import PREVIOUS_FILTER

    chosen = book.app.api.GetOpenFilename(PREVIOUS_FILTER, 1, "选择上一版的绩效目标表")
    return chosen if isinstance(chosen, str) and chosen else None


def compare_previous(book: Any = None, path: str | Path | None = None) -> Plan:
    """Button 对比上一版: choose the earlier file; the differences appear on the sheet 对比上一版,
    the findings fixed / new / still open on 对比上一版·整改 (excel/review.py)."""

    def action(b: Any) -> Plan:
        from perfgoals_xl.excel.review import compare_plan

        chosen = path if path is not None else ask_previous_path(b)
        if not chosen:
            return Plan().add(StatusBar("已取消对比。"))
        return compare_plan(b, chosen, _config(b))

    return run_handler(book, action)


# ------------------------------------------------------------------ 推荐指标


def suggest_indicators(book: Any = None) -> Plan:
    """Button 推荐指标: suggestions for the selected project; on the 推荐指标 sheet, the picked ones
    written into the project's rows (perfgoals_xl/excel/suggest_sheet.py)."""
    from perfgoals_xl.excel.suggest_sheet import suggest_plan

    return run_handler(book, suggest_plan)
