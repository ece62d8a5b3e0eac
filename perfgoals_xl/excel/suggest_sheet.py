"""The 推荐指标 button: suggestions for the selected project, and the picked ones written back.

One button, two steps (``buttons.suggest_indicators``):

1. On the entry sheet 填报, with a cell of a project's rows selected: the suggestions for that
   project (its name and 绩效目标) are written to the sheet 推荐指标 — one row per indicator
   with a 选用 column, the project's name and the row it starts on above them, the similar
   projects below.
2. On the sheet 推荐指标, after putting 1 (or √, 是) in the 选用 column of the rows wanted: the
   picked indicators go into that project's indicator rows on 填报 — its empty rows first, then
   rows inserted below its last row (Excel moves the rows below) — with their levels, name and
   typical value in both value columns, and the code and total formulas of the entry sheet; one
   bulk write. An indicator the project already has (the same meaning) is not written twice.

On any other workbook (the add-in on a bureau's own form, #25) step 1 finds the project through
the readers and step 2 lists the picked ones for copying instead: excel/suggest_any.py.

The library: the starter library in the package, plus ``指标库.parquet`` / ``library.parquet``
beside the workbook when there is one (``perfgoals library build`` writes it).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from perfgoals_xl.entry.rows import entry_text
from perfgoals_xl.errors import PerfGoalsError
from perfgoals_xl.excel.names import ENTRY_SHEET, SUGGEST_SHEET
from perfgoals_xl.excel.plan import (
    Activate,
    Alert,
    ClearSheet,
    ColumnWidths,
    EnsureSheet,
    FormatAreas,
    FreezePanes,
    InsertRows,
    MergeAreas,
    PageSetup,
    Plan,
    RowHeights,
    StatusBar,
    Style,
    WriteFormulas,
    WriteValues,
    area_address,
    grid,
)

#: How many suggestions the sheet lists.
SHEET_SUGGESTIONS = 20
#: Library files beside the workbook that are used with the starter library.
LOCAL_LIBRARIES = ("指标库.parquet", "library.parquet")
PICK_HEADER = "选用"
#: Label of the project's place on a workbook that is not the template (Sheet!cell).
PLACE_LABEL = "所在位置"
#: What a 选用 cell may hold to pick its row.
PICK_MARKS = frozenset({"1", "√", "✓", "✔", "是", "y", "yes", "x", "选用", "true"})
#: Rows of the 推荐指标 sheet (1-based): title, project, first row, header; suggestions below.
TITLE_ROW, PROJECT_ROW, HEADER_ROW = 1, 2, 4
#: Column (1-based) of the project's name on its row (its 填报 row number two to the right).
NAME_COLUMN = 5
SHEET_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("pick", PICK_HEADER, 6), ("rank", "序号", 5), ("level1", "一级指标", 11), ("level2", "二级指标", 16),
    ("name", "三级指标", 30), ("value", "典型指标值", 14), ("projects", "相似项目使用数", 9),
    ("library_projects", "指标库中使用项目数", 9), ("note", "提示", 30), ("example_project", "示例项目", 26),
    ("example_source", "示例来源", 40),
)
HEADER_STYLE = Style(bold=True, fill="#DDEBF7", wrap=True, valign="center")
TEXT_STYLE = Style(number_format="@", wrap=True, valign="top")
PICK_STYLE = Style(fill="#FFF2CC", halign="center")
TITLE_STYLE = Style(bold=True, font_size=14)
_INDICATOR_KEYS = ("level1", "level2", "name", "period_value", "annual_value")


# ----------------------------------------------------------------- library


def library_paths(book: Any) -> list[Path]:
    """The starter library, and a library file beside the workbook when there is one."""
    from perfgoals_xl.suggest.library import STARTER

    paths = [STARTER]
    folder = Path(str(book.fullname)).parent
    if str(folder) not in ("", ".") and folder.is_dir():
        paths += [folder / name for name in LOCAL_LIBRARIES if (folder / name).is_file()][:1]
    return paths


def suggester(paths: tuple[Path, ...]) -> Any:
    """The suggester of these library files, kept while the process lives (the UDF server) and
    built anew when a file changes (its size or modification time)."""
    stamps = tuple((p, p.stat().st_mtime_ns, p.stat().st_size) if p.is_file() else (p, 0, 0) for p in paths)
    return _suggester(stamps)


@functools.lru_cache(maxsize=4)
def _suggester(stamps: tuple[tuple[Path, int, int], ...]) -> Any:
    from perfgoals_xl.suggest.library import load_library
    from perfgoals_xl.suggest.rank import Suggester

    return Suggester(load_library([p for p, _, _ in stamps]))


# -------------------------------------------------------------- the entry sheet


def _cell(rows: list[list[Any]], r: int, key: str) -> str:
    from perfgoals_xl.entry.layout import INDEX

    c = INDEX[key]
    return entry_text(rows[r][c]) if r < len(rows) and c < len(rows[r]) else ""


def project_row(rows: list[list[Any]], selected: int) -> int:
    """0-based row of the project a selected row (0-based) belongs to: the nearest row at or
    above it that names a project."""
    from perfgoals_xl.entry.layout import FIRST_DATA_ROW

    if selected < FIRST_DATA_ROW:
        raise PerfGoalsError(f"请在“{ENTRY_SHEET}”表中选中项目所在的行（第 {FIRST_DATA_ROW + 1} 行起），再点“推荐指标”")
    for r in range(min(selected, len(rows) - 1), FIRST_DATA_ROW - 1, -1):
        if _cell(rows, r, "project"):
            return r
        if _cell(rows, r, "fund_unit"):
            break  # a unit's own row: the selection is above any project of it
    raise PerfGoalsError(f"“{ENTRY_SHEET}”表第 {selected + 1} 行不属于任何项目：请选中填写了项目名称的行或其下的指标行")


def project_end(rows: list[list[Any]], first: int) -> int | None:
    """0-based row of the next project or unit after the project starting at ``first``; None
    when it is the last one."""
    for r in range(first + 1, len(rows)):
        if _cell(rows, r, "project") or _cell(rows, r, "fund_unit"):
            return r
    return None


# ------------------------------------------------------------- step 1: show


def _selected_row(book: Any) -> int:
    """0-based row of the selection on the entry sheet."""
    selection = book.selection
    if selection is None or selection.sheet.name != ENTRY_SHEET:
        raise PerfGoalsError(f"请在“{ENTRY_SHEET}”表中选中项目所在的行，再点“推荐指标”")
    return selection.row - 1


def show_plan(book: Any) -> Plan:
    """Step 1: the suggestions for the selected project into a fresh 推荐指标 sheet."""
    from perfgoals_xl.excel.buttons import read_sheet

    rows = read_sheet(book, ENTRY_SHEET)
    first = project_row(rows, _selected_row(book))
    name, goal = _cell(rows, first, "project"), _cell(rows, first, "goal")
    end = project_end(rows, first)
    existing = [_cell(rows, r, "name") for r in range(first, end if end is not None else len(rows))]
    result, found = suggestions_for(book, name, goal, existing)
    return suggestions_plan(name, first + 1, result, found)


def suggestions_for(book: Any, name: str, goal: str, existing: list[str]) -> tuple[Any, list[dict[str, Any]]]:
    """(result, rows) of the suggestions for a project, those it already has (the same meaning)
    skipped: up to :data:`SHEET_SUGGESTIONS` rows, numbered anew."""
    from perfgoals_xl.suggest.keys import meaning_key
    from perfgoals_xl.suggest.output import rows as suggestion_rows
    from perfgoals_xl.suggest.rank import MAX_RESULTS

    have = {meaning_key(n) for n in existing if n}
    wanted = min(SHEET_SUGGESTIONS + len(have), MAX_RESULTS)
    result = suggester(tuple(library_paths(book))).suggest(name, goal, wanted)
    found = [r for r in suggestion_rows(result) if meaning_key(r["name"]) not in have][:SHEET_SUGGESTIONS]
    return result, [{**r, "rank": k} for k, r in enumerate(found, 1)]


def suggestions_plan(name: str, sheet_row: int | None, result: Any, found: list[dict[str, Any]], *,
                     place: str | None = None, after: str = ENTRY_SHEET) -> Plan:
    """The 推荐指标 sheet of one project's suggestions (pure). ``place`` (Sheet!cell) stands for
    the 填报 row on a workbook that is not the template: the picked ones are then listed below
    for copying (excel/suggest_any.py), never written into the person's sheet."""
    width = len(SHEET_COLUMNS)
    headers = [header for _, header, _ in SHEET_COLUMNS]
    body = [[None if key == "pick" else r[key] for key, _, _ in SHEET_COLUMNS] for r in found]
    where = ["填报表行号", sheet_row] if place is None else [PLACE_LABEL, place]
    then = ("选中的指标写入该项目的指标行（年度指标值、实施周期指标值先填典型值，请按本项目改写）。" if place is None else
            "选中的指标按您的表的列顺序列在本表下方，复制后粘贴到您的表中（本工具不改写您的表）。")
    top = [
        [f"推荐指标：{name}"],
        [None, None, None, "项目名称", name, *where],
        [f"在“{PICK_HEADER}”列填 1（或 √）选出要用的指标，再点一次“推荐指标”：{then}"],
    ]
    similar = [_similar_row(["序号", "相似度", "年度", "相似项目", "地区", "部门", "来源"])] + [
        _similar_row([i, p.similarity, p.year or "", p.project, p.place, p.department, p.source])
        for i, p in enumerate(result.similar, 1)]
    last = HEADER_ROW + len(body)
    bottom = last + 1 + len(similar) if result.similar else last
    plan = Plan().add(
        EnsureSheet(SUGGEST_SHEET, after=after),
        ClearSheet(SUGGEST_SHEET),
        FormatAreas(SUGGEST_SHEET, (area_address(HEADER_ROW + 1, 1, max(last, HEADER_ROW + 1), width),),
                    TEXT_STYLE),
        WriteValues(SUGGEST_SHEET, TITLE_ROW, 1, grid(top)),
        WriteValues(SUGGEST_SHEET, HEADER_ROW, 1, grid([headers, *body])),
        FormatAreas(SUGGEST_SHEET, (area_address(TITLE_ROW, 1, TITLE_ROW, 1),), TITLE_STYLE),
        FormatAreas(SUGGEST_SHEET, (area_address(PROJECT_ROW, NAME_COLUMN - 1, PROJECT_ROW, NAME_COLUMN - 1),
                                    area_address(PROJECT_ROW, NAME_COLUMN + 1, PROJECT_ROW, NAME_COLUMN + 1)),
                    Style(bold=True, halign="right")),
        MergeAreas(SUGGEST_SHEET, (area_address(3, 1, 3, width),)),
        FormatAreas(SUGGEST_SHEET, (area_address(3, 1, 3, width),), Style(wrap=True, valign="top")),
        RowHeights(SUGGEST_SHEET, ((30.0, ("3:3",)),)),
        FormatAreas(SUGGEST_SHEET, (area_address(HEADER_ROW, 1, HEADER_ROW, width),), HEADER_STYLE),
    )
    if body:
        plan.add(FormatAreas(SUGGEST_SHEET, (area_address(HEADER_ROW + 1, 1, last, 1),), PICK_STYLE))
    if result.similar:
        plan.add(FormatAreas(SUGGEST_SHEET, (area_address(last + 3, 1, bottom, width),), TEXT_STYLE),
                 WriteValues(SUGGEST_SHEET, last + 2, 1, grid(similar)),
                 FormatAreas(SUGGEST_SHEET, (area_address(last + 2, 1, last + 2, width),), HEADER_STYLE))
    plan.add(
        ColumnWidths(SUGGEST_SHEET, tuple((i, i, w) for i, (_, _, w) in enumerate(SHEET_COLUMNS, 1))),
        FreezePanes(SUGGEST_SHEET, f"A{HEADER_ROW + 1}"),
        PageSetup(SUGGEST_SHEET, print_area=area_address(1, 1, bottom, width), paper="A4", landscape=True,
                  fit_width=1, print_title_rows=f"${HEADER_ROW}:${HEADER_ROW}"),
        Activate(SUGGEST_SHEET, f"A{HEADER_ROW + 1}"),
    )
    if not found:
        return plan.add(StatusBar(f"指标库中没有可推荐给“{name}”的指标。"))
    target = "写入填报表" if place is None else "列出可复制的行"
    return plan.add(StatusBar(f"已列出 {len(found)} 条推荐指标（项目“{name}”）：在“{PICK_HEADER}”列填 1 后再点“推荐指标”{target}。"))


#: Columns of the similar projects below the suggestions (in the suggestion columns of the same width).
SIMILAR_COLUMNS = (2, 3, 4, 5, 6, 9, 11)


def _similar_row(values: list[Any]) -> list[Any]:
    row: list[Any] = [None] * len(SHEET_COLUMNS)
    for column, value in zip(SIMILAR_COLUMNS, values, strict=True):
        row[column - 1] = value
    return row


# ------------------------------------------------------------- step 2: write


def picked(rows: list[list[Any]]) -> tuple[str, int | None, list[dict[str, str]]]:
    """(project name, 填报 row, picked suggestions) read from the 推荐指标 sheet's values."""
    def at(r: int, c: int) -> Any:
        return rows[r - 1][c - 1] if r - 1 < len(rows) and c - 1 < len(rows[r - 1]) else None

    name = entry_text(at(PROJECT_ROW, NAME_COLUMN))
    row = at(PROJECT_ROW, NAME_COLUMN + 2)
    sheet_row = int(row) if isinstance(row, int | float) and not isinstance(row, bool) and 0 < row < 1_048_577 else None
    keys = [key for key, _, _ in SHEET_COLUMNS]
    if [entry_text(at(HEADER_ROW, c)) for c in (1, 5)] != [PICK_HEADER, "三级指标"]:
        raise PerfGoalsError(f"“{SUGGEST_SHEET}”表不是“推荐指标”按钮写出的格式：请在“{ENTRY_SHEET}”表（或您的表）中选中项目后重新点“推荐指标”")
    chosen = []
    for r in range(HEADER_ROW + 1, len(rows) + 1):
        values = {key: entry_text(at(r, c)) for c, key in enumerate(keys, 1)}
        if not values["name"]:
            break
        if values["pick"].lower() in PICK_MARKS:
            chosen.append(values)
    return name, sheet_row, chosen


def find_project(rows: list[list[Any]], name: str, sheet_row: int | None) -> int:
    """0-based entry row of the project: the row written on the 推荐指标 sheet when it still names
    the project, else the first row that does."""
    from perfgoals_xl.entry.layout import FIRST_DATA_ROW

    if sheet_row is not None and _cell(rows, sheet_row - 1, "project") == name:
        return sheet_row - 1
    for r in range(FIRST_DATA_ROW, len(rows)):
        if _cell(rows, r, "project") == name:
            return r
    raise PerfGoalsError(f"“{ENTRY_SHEET}”表中找不到项目“{name}”（推荐之后改了项目名称？请重新选中项目并点“推荐指标”）")


def _has_indicator(rows: list[list[Any]], r: int) -> bool:
    return any(_cell(rows, r, key) for key in _INDICATOR_KEYS)


def _is_blank(rows: list[list[Any]], r: int, skip: set[int]) -> bool:
    return r >= len(rows) or all(v in (None, "") for c, v in enumerate(rows[r]) if c not in skip)


def write_plan(book: Any) -> Plan:
    """Step 2: the picked suggestions into the project's indicator rows on 填报 (one bulk write)."""
    from perfgoals_xl.entry import HEADERS, expand_pasted_strings
    from perfgoals_xl.entry.layout import INDEX
    from perfgoals_xl.entry.print_area import print_area_address
    from perfgoals_xl.excel.buttons import (
        _cell_for_excel,
        _with_formulas,
        read_formulas,
        read_sheet,
    )
    from perfgoals_xl.suggest.keys import meaning_key

    name, sheet_row, chosen = picked(read_sheet(book, SUGGEST_SHEET))
    if not name:
        raise PerfGoalsError(f"“{SUGGEST_SHEET}”表中没有项目名称：请在“{ENTRY_SHEET}”表中选中项目后点“推荐指标”")
    if not chosen:
        return Plan().add(Alert(f"没有选中的指标：在“{PICK_HEADER}”列填 1（或 √）选出要写入的指标，再点“推荐指标”。"))
    rows = read_sheet(book, ENTRY_SHEET)
    first = find_project(rows, name, sheet_row)
    end = project_end(rows, first)
    stop = end if end is not None else len(rows)
    have = {meaning_key(_cell(rows, r, "name")) for r in range(first, stop) if _cell(rows, r, "name")}
    new = [c for c in chosen if meaning_key(c["name"]) not in have]
    skipped = len(chosen) - len(new)
    if not new:
        return Plan().add(Alert(f"选中的 {len(chosen)} 条指标项目“{name}”都已经有了，没有写入。"))
    formula_cols = {INDEX["total"], INDEX["level1_code"], INDEX["level2_code"]}
    filled = [r for r in range(first, stop) if _has_indicator(rows, r)]
    start = filled[-1] + 1 if filled else first
    free = 0  # empty rows from start on (the project's own first row counts when it has no indicator)
    while start + free < stop and (start + free == first or _is_blank(rows, start + free, formula_cols)) \
            and len(new) > free:
        free += 1
    if end is None:
        free = len(new)  # the last project: the rows below the data are free
    inserted = max(0, len(new) - free)
    formulas = read_formulas(book, rows)
    seqs = [int(float(_cell(rows, r, "seq"))) for r in filled if _cell(rows, r, "seq").replace(".", "", 1).isdigit()]
    block = []
    for k, suggestion in enumerate(new):
        r = start + k
        if k < free and r < len(rows):
            row = _with_formulas(list(rows[r]), formulas[r] if formulas and r < len(formulas) else None)
        else:
            row = []
        row = row + [None] * (len(HEADERS) - len(row))
        value = "" if suggestion["value"].startswith("（") else suggestion["value"]
        cells = {"level1": suggestion["level1"], "level2": suggestion["level2"], "name": suggestion["name"],
                 "period_value": value or None, "annual_value": value or None,
                 "seq": (max(seqs) + k + 1) if seqs else None}
        for key, cell in cells.items():
            row[INDEX[key]] = cell
        block.append(row)
    placed = expand_pasted_strings([list(HEADERS), *block], first_row=start - 1)[1:]
    plan = Plan()
    if inserted:
        plan.add(InsertRows(ENTRY_SHEET, start + free + 1, inserted))
    plan.add(WriteFormulas(ENTRY_SHEET, start + 1, 1, grid([[_cell_for_excel(v) for v in row] for row in placed])))
    after = [list(r) for r in rows[:start]] + [list(r) for r in placed] + [list(r) for r in rows[start + free:]]
    plan.add(PageSetup(ENTRY_SHEET, print_area=print_area_address(after)),
             Activate(ENTRY_SHEET, f"A{start + 1}"))
    said = f"，已有的 {skipped} 条未重复写入" if skipped else ""
    return plan.add(StatusBar(f"已把 {len(new)} 条推荐指标写入项目“{name}”（填报表第 {start + 1}–{start + len(new)} 行{said}）。"
                              "请按本项目核对并改写指标值。"))


def has_entry_sheet(book: Any) -> bool:
    """Does the workbook hold our entry sheet 填报 (the template, or a workbook ``perfgoals import``
    wrote) — its name and its header row — so that picked indicators can be written into it?"""
    from perfgoals_xl.entry.layout import FIRST_DATA_ROW, HEADERS

    if ENTRY_SHEET not in [s.name for s in book.sheets]:
        return False
    header = book.sheets[ENTRY_SHEET].range((FIRST_DATA_ROW, 1), (FIRST_DATA_ROW, len(HEADERS))).value
    return [entry_text(v) for v in header or []] == list(HEADERS)


def suggest_plan(book: Any) -> Plan:
    """推荐指标: on 推荐指标, write the picked suggestions (the template) or list them for copying
    (any other workbook); elsewhere, suggest for the selected project."""
    on_sheet = book.sheets.active.name == SUGGEST_SHEET
    if has_entry_sheet(book):
        return write_plan(book) if on_sheet else show_plan(book)
    from perfgoals_xl.excel.suggest_any import copy_block_plan, show_any_plan

    return copy_block_plan(book) if on_sheet else show_any_plan(book)


# ------------------------------------------------------------------ PG_SUGGEST

UDF_HEADER = ["一级指标", "二级指标", "三级指标", "典型指标值", "相似项目使用数", "提示"]


def udf_rows(name: str, n: int) -> list[list[Any]]:
    """PG_SUGGEST's array: a header and one row per suggestion (the starter library)."""
    from perfgoals_xl.suggest.library import STARTER
    from perfgoals_xl.suggest.output import rows as suggestion_rows

    result = suggester((STARTER,)).suggest(name, "", n)
    keys = ("level1", "level2", "name", "value", "projects", "note")
    return [list(UDF_HEADER)] + [[r[k] for k in keys] for r in suggestion_rows(result)]
