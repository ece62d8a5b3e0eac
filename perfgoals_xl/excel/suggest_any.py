"""推荐指标 on any workbook (the add-in on a finance bureau's own 申报表 / long table / 自评表, #25).

The workbook is read as the other buttons read it (``buttons.book_table``: the live sheets, the
same detector and layout readers as a file); the project is the one whose read cells hold the
selection (on a sheet of one project, a 申报表, that project). Step 1 writes the 推荐指标 sheet as
on the template. Step 2 does not write into the person's own layout — a bureau's form has its
own merges, borders and columns that no writer can be trusted with — but puts the picked
indicators as a small ready-to-copy block below the suggestions on the 推荐指标 sheet itself:
levels, name and value, in the column order of the person's sheet when the reader knows it
(each column headed with its letter there), else in the template's order.
"""

from __future__ import annotations

from typing import Any

from perfgoals_xl.entry.rows import entry_text
from perfgoals_xl.errors import PerfGoalsError
from perfgoals_xl.excel.names import SUGGEST_SHEET
from perfgoals_xl.excel.plan import (
    Activate,
    Alert,
    FormatAreas,
    MergeAreas,
    PageSetup,
    Plan,
    RowHeights,
    StatusBar,
    Style,
    WriteValues,
    area_address,
    column_letter,
    grid,
)

#: First cell of the copy block: found again on the next click, and the old block overwritten.
BLOCK_TITLE = "可复制的选用指标"
#: The block's columns when the reader does not know the person's (the template's order).
OUR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"),
    ("period_value", "实施周期指标值"), ("annual_value", "年度指标值"),
)
_HEADERS = dict(OUR_COLUMNS)
_VALUE_KEYS = ("period_value", "annual_value")
#: Column (1-based) the block's first column is written in.
BLOCK_COLUMN = 3
_TITLE_STYLE = Style(bold=True, wrap=True, valign="top")
_BLOCK_HEADER_STYLE = Style(bold=True, fill="#E2EFDA", wrap=True, valign="center")
_TEXT_STYLE = Style(number_format="@", wrap=True, valign="top")


# ---------------------------------------------------------------- where the selection is


def _cells(project: Any) -> list[tuple[str, int, int]]:
    """(sheet, row, column) of every cell the reader read the project and its indicators from."""
    from perfgoals_xl.excel.buttons import parse_cell

    locations = [project.location, *project.field_locations.values()]
    for indicator in project.indicators:
        locations += [indicator.location, *indicator.field_locations.values()]
    out = []
    for loc in locations:
        cell = parse_cell(loc.cell) if loc is not None and loc.sheet and loc.cell else None
        if cell is not None:
            out.append((loc.sheet, cell[0], cell[1]))
    return out


def project_at(table: Any, sheet: str, row: int) -> Any | None:
    """The project a selected row (1-based) of a sheet belongs to: the only project read from
    that sheet (a 申报表), else the one whose rows (first to last cell read) hold the row — the
    narrowest when several do; None when none does. A cell read for several projects (a
    department label above them all, a unit's row) places none of them."""
    from collections import Counter

    cells = [{(s, r, c) for s, r, c in _cells(project) if s == sheet} for project in table.projects()]
    shared = Counter(cell for own in cells for cell in own)
    spans = []
    for k, (project, own) in enumerate(zip(table.projects(), cells, strict=True)):
        rows = [cell[1] for cell in own if shared[cell] == 1]
        if rows:
            spans.append((max(rows) - min(rows), k, min(rows), max(rows), project))
    if len(spans) == 1:
        return spans[0][4]
    inside = [span for span in spans if span[2] <= row <= span[3]]
    return min(inside, key=lambda span: span[:2])[4] if inside else None


def _place(project: Any) -> str:
    """Sheet!cell of the project (its name's cell), as the 推荐指标 sheet shows it."""
    loc = project.field_locations.get("name") or project.location
    return f"{loc.sheet}!{loc.cell}" if loc is not None and loc.sheet and loc.cell else ""


def selected_project(book: Any, table: Any) -> Any:
    """The project of the selected cell; a one-line message when there is none."""
    from perfgoals_xl.excel.live import is_ours

    if table.kind == "department":
        raise PerfGoalsError(f"{book.name}：这是部门整体支出绩效目标表，推荐指标按项目推荐：请在项目支出绩效目标表中使用")
    selection = book.selection
    if selection is None or is_ours(selection.sheet.name):
        raise PerfGoalsError("请在您的绩效目标表中选中一个项目的单元格（项目名称或其指标所在的行），再点“推荐指标”")
    sheet, row = selection.sheet.name, selection.row
    project = project_at(table, sheet, row)
    if project is None:
        raise PerfGoalsError(f"“{sheet}”表第 {row} 行不属于任何项目：请选中项目名称所在的行或其指标所在的行，再点“推荐指标”")
    return project


# ---------------------------------------------------------------- step 1


def show_any_plan(book: Any) -> Plan:
    """Step 1 on any workbook: the 推荐指标 sheet for the project of the selected cell."""
    from perfgoals_xl.excel.buttons import book_table
    from perfgoals_xl.excel.suggest_sheet import suggestions_for, suggestions_plan

    table = book_table(book)
    project = selected_project(book, table)
    result, found = suggestions_for(book, project.name, project.goal, [i.name for i in project.indicators])
    return suggestions_plan(project.name, None, result, found, place=_place(project),
                            after=book.selection.sheet.name)


# ---------------------------------------------------------------- step 2


def _at(rows: list[list[Any]], r: int, c: int) -> Any:
    return rows[r - 1][c - 1] if 0 < r <= len(rows) and 0 < c <= len(rows[r - 1]) else None


def find_again(table: Any, name: str, place: str) -> Any:
    """The project named on the 推荐指标 sheet: the one at its place when it still has that name,
    else the first of that name; a message when the workbook has none."""
    from perfgoals_xl.excel.buttons import parse_cell

    sheet, _, cell = place.rpartition("!")
    at = parse_cell(cell) if sheet else None
    if at is not None:
        project = project_at(table, sheet, at[0])
        if project is not None and project.name == name:
            return project
    for project in table.projects():
        if project.name == name:
            return project
    raise PerfGoalsError(f"表中找不到项目“{name}”（推荐之后改了项目名称？请重新选中项目并点“推荐指标”）")


def block_columns(project: Any) -> tuple[list[tuple[str, str]], bool]:
    """(key, header) of the copy block's columns, and whether they are in the person's order: the
    columns of the project's indicators as read (levels, name, value; a value column read for
    both values once), each header naming its column letter; else the template's columns."""
    from perfgoals_xl.excel.buttons import parse_cell

    found: dict[str, tuple[str, int]] = {}
    for indicator in project.indicators:
        for key in _HEADERS:
            loc = indicator.field_locations.get(key) if key not in found else None
            if loc is not None and loc.cell:
                cell = parse_cell(loc.cell)
                if cell is not None:
                    found[key] = (loc.sheet or "", cell[1])
    if "name" not in found:
        return list(OUR_COLUMNS), False
    by_column: dict[int, list[str]] = {}
    for key, (_, column) in found.items():
        by_column.setdefault(column, []).append(key)
    columns = []
    for column in sorted(by_column):
        keys = by_column[column]
        if set(keys) == set(_VALUE_KEYS):
            key, header = "annual_value", "指标值"
        else:
            key, header = keys[0], _HEADERS[keys[0]]
        columns.append((key, f"{header}（{column_letter(column)}列）"))
    return columns, True


def _block_start(rows: list[list[Any]], first: int) -> tuple[int, int]:
    """(1-based row of the copy block, rows to overwrite from there): the old block's row when
    the sheet has one (all its rows overwritten), else two rows below the sheet's last."""

    for r in range(first, len(rows) + 1):
        if entry_text(_at(rows, r, 1)).startswith(BLOCK_TITLE):
            return r, len(rows) - r + 1
    return len(rows) + 2, 0


def copy_block_plan(book: Any) -> Plan:
    """Step 2 on any workbook: the picked indicators as a ready-to-copy block on 推荐指标 (one write)."""
    from perfgoals_xl.excel.buttons import book_table, read_sheet
    from perfgoals_xl.excel.suggest_sheet import (
        HEADER_ROW,
        NAME_COLUMN,
        PICK_HEADER,
        PROJECT_ROW,
        SHEET_COLUMNS,
        picked,
    )
    from perfgoals_xl.suggest.keys import meaning_key

    rows = [list(r) for r in read_sheet(book, SUGGEST_SHEET)]
    name, _, chosen = picked(rows)
    if not name:
        raise PerfGoalsError(f"“{SUGGEST_SHEET}”表中没有项目名称：请在您的表中选中项目后点“推荐指标”")
    if not chosen:
        return Plan().add(Alert(f"没有选中的指标：在“{PICK_HEADER}”列填 1（或 √）选出要用的指标，再点“推荐指标”。"))
    project = find_again(book_table(book), name, entry_text(_at(rows, PROJECT_ROW, NAME_COLUMN + 2)))
    have = {meaning_key(i.name) for i in project.indicators if i.name}
    new = [c for c in chosen if meaning_key(c["name"]) not in have]
    if not new:
        return Plan().add(Alert(f"选中的 {len(chosen)} 条指标项目“{name}”都已经有了，没有列出。"))
    columns, theirs = block_columns(project)
    sheet = (_place(project).rpartition("!")[0]) or "您的表"
    order = f"按“{sheet}”表的列顺序" if theirs else "按填报模板的列顺序"
    line = f"{len(new)} 条指标（项目“{name}”，{order}）。复制下面的行，粘贴到您的表中；指标值是典型值，请按本项目改写。"
    body = []
    for suggestion in new:
        value = "" if suggestion["value"].startswith("（") else suggestion["value"]
        cells = {"level1": suggestion["level1"], "level2": suggestion["level2"], "name": suggestion["name"],
                 "period_value": value, "annual_value": value}
        body.append([cells[key] for key, _ in columns])
    start, old = _block_start(rows, HEADER_ROW + 1)
    width = len(SHEET_COLUMNS)
    left = BLOCK_COLUMN - 1  # the block's columns under 一级指标, 二级指标, 三级指标, 典型指标值 above
    block = [[f"{BLOCK_TITLE}：{line}"], [None] * left + [header for _, header in columns],
             *([None] * left + row for row in body)]
    block += [[] for _ in range(max(0, old - len(block)))]  # the rest of an old, longer block: blanked
    block = [row + [None] * (width - len(row)) for row in block]
    last = start + 1 + len(body)
    right = left + len(columns)
    said = "" if len(new) == len(chosen) else f"，已有的 {len(chosen) - len(new)} 条未列出"
    return Plan().add(
        FormatAreas(SUGGEST_SHEET, (area_address(start + 2, BLOCK_COLUMN, last, right),), _TEXT_STYLE),
        WriteValues(SUGGEST_SHEET, start, 1, grid(block)),
        MergeAreas(SUGGEST_SHEET, (area_address(start, 1, start, width),)),
        FormatAreas(SUGGEST_SHEET, (area_address(start, 1, start, width),), _TITLE_STYLE),
        RowHeights(SUGGEST_SHEET, ((30.0, (f"{start}:{start + 1}",)),)),  # the line; headers on two lines
        FormatAreas(SUGGEST_SHEET, (area_address(start + 1, BLOCK_COLUMN, start + 1, right),), _BLOCK_HEADER_STYLE),
        PageSetup(SUGGEST_SHEET, print_area=area_address(1, 1, max(last, len(rows)), width)),
        Activate(SUGGEST_SHEET, f"{column_letter(BLOCK_COLUMN)}{start + 2}"),
        StatusBar(f"已把选用的 {len(new)} 条指标列在“{SUGGEST_SHEET}”表第 {start + 2}–{last} 行（{order}{said}），"
                  "复制后粘贴到您的表中：本工具不改写您的表。"),
    )
