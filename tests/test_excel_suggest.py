"""The 推荐指标 button and PG_SUGGEST on xlwings' JSON engine: the suggestions sheet for the selected
project, the picked ones written into that project's rows in one block, and the function's array."""

from __future__ import annotations

from typing import Any

import pytest
from test_excel_buttons import template_book, values_of
from test_excel_json_engine import actions, json_book, sheet_index

from perfgoals_xl.entry import entry_rows
from perfgoals_xl.entry.layout import FIRST_DATA_ROW, INDEX
from perfgoals_xl.excel import buttons, suggest_sheet, udfs
from perfgoals_xl.excel.names import ENTRY_SHEET, SUGGEST_SHEET
from perfgoals_xl.excel.plan import Alert, StatusBar, WriteValues
from perfgoals_xl.suggest.keys import meaning_key


def _select(book: Any, sheet: str, cell: str) -> Any:
    book.api["book"]["active_sheet_index"] = sheet_index(book, sheet)
    book.api["book"]["selection"] = cell
    return book


def _row_of(rows: list[list[Any]], project: str) -> int:
    return next(r for r, row in enumerate(rows) if row[INDEX["project"]] == project)


def _sheet_values(plan) -> list[list[Any]]:
    """The 推荐指标 sheet as the plan writes it (values only)."""
    cells: dict[tuple[int, int], Any] = {}
    for op in plan.of_type(WriteValues):
        if op.sheet == SUGGEST_SHEET:
            for i, row in enumerate(op.values):
                for j, v in enumerate(row):
                    cells[(op.row + i, op.col + j)] = v
    height = max(r for r, _ in cells)
    width = max(c for _, c in cells)
    return [[cells.get((r, c)) for c in range(1, width + 1)] for r in range(1, height + 1)]


def test_suggest_lists_the_selected_projects_suggestions(seed_table):
    rows = values_of(entry_rows(seed_table, spare_rows=3))
    car = _row_of(rows, "车辆租用经费")
    book = _select(template_book(seed_table), ENTRY_SHEET, f"K{car + 3}")  # an indicator row below it
    plan = buttons.suggest_indicators(book)
    assert not plan.of_type(Alert), plan.of_type(Alert)
    (add,) = [a for a in actions(book) if a["func"] == "addSheet"]
    assert add["args"] == [1, SUGGEST_SHEET]
    values = _sheet_values(plan)
    assert values[0][0] == "推荐指标：车辆租用经费"
    assert values[1][3:7] == ["项目名称", "车辆租用经费", "填报表行号", car + 1]
    header = values[suggest_sheet.HEADER_ROW - 1]
    assert header[:6] == ["选用", "序号", "一级指标", "二级指标", "三级指标", "典型指标值"]
    body = values[suggest_sheet.HEADER_ROW:suggest_sheet.HEADER_ROW + suggest_sheet.SHEET_SUGGESTIONS]
    assert all(row[0] is None and row[4] for row in body)  # 选用 left for the person
    assert [row[1] for row in body] == list(range(1, len(body) + 1))
    # writes do not grow with the number of suggestions: a fixed number of blocks
    writes = [a for a in actions(book) if a["func"] == "setValues"]
    assert len(writes) == 3
    assert plan.of_type(StatusBar)[0].text.startswith("已列出 20 条推荐指标")


def test_a_selection_outside_any_project_is_a_message(seed_table):
    book = _select(template_book(seed_table), ENTRY_SHEET, "A2")
    plan = buttons.suggest_indicators(book)
    (alert,) = plan.of_type(Alert)
    assert "第 4 行起" in alert.message


def _picked_book(seed_table, project: str, picks: int, spare: int = 3):
    rows = values_of(entry_rows(seed_table, spare_rows=spare))
    first = _row_of(rows, project)
    result = suggest_sheet.suggester((suggest_sheet.library_paths(template_book(seed_table))[0],)).suggest(
        project, rows[first][INDEX["goal"]] or "", suggest_sheet.SHEET_SUGGESTIONS)
    from perfgoals_xl.suggest.output import rows as suggestion_rows

    plan = suggest_sheet.suggestions_plan(project, first + 1, result, suggestion_rows(result))
    sheet = _sheet_values(plan)
    have = {meaning_key(r[INDEX["name"]] or "") for r in rows}
    chosen = []
    for r in range(suggest_sheet.HEADER_ROW, len(sheet)):
        if len(chosen) == picks or not sheet[r][4]:
            break
        if meaning_key(sheet[r][4]) not in have:
            sheet[r][0] = "√"
            chosen.append(sheet[r])
    book = json_book({ENTRY_SHEET: rows, SUGGEST_SHEET: sheet})
    return _select(book, SUGGEST_SHEET, "A5"), rows, first, chosen


def test_picked_suggestions_are_written_into_the_projects_rows_in_one_block(seed_table):
    book, rows, first, chosen = _picked_book(seed_table, "车辆租用经费", 3)
    last = max(r for r in range(first, len(rows)) if rows[r][INDEX["name"]] and (
        r == first or not rows[r][INDEX["project"]]) and all(
        not rows[k][INDEX["project"]] for k in range(first + 1, r + 1)))
    plan = buttons.suggest_indicators(book)
    assert not plan.of_type(Alert), plan.of_type(Alert)
    acts = [a for a in actions(book) if a["func"] in ("rangeInsert", "setFormula", "setValues")]
    assert [a["func"] for a in acts] == ["rangeInsert", "setFormula"]
    insert, block = acts
    assert (insert["start_row"], insert["row_count"]) == (last + 1, 3)  # below the project's last row
    assert block["start_row"] == last + 1 and len(block["values"]) == 3
    for written, picked in zip(block["values"], chosen, strict=True):
        assert written[INDEX["level1"]] == picked[2] and written[INDEX["level2"]] == picked[3]
        assert written[INDEX["name"]] == picked[4]
        value = "" if picked[5].startswith("（") else picked[5]
        assert written[INDEX["annual_value"]] == value and written[INDEX["period_value"]] == value
        assert written[INDEX["project"]] == ""  # the rows continue the project
        assert written[INDEX["level1_code"]].startswith("=") and written[INDEX["level2_code"]].startswith("=")
    row_number = last + 2  # the first new row, 1-based
    assert f"{row_number}" in block["values"][0][INDEX["level1_code"]]
    assert plan.of_type(StatusBar)[0].text.startswith("已把 3 条推荐指标写入项目“车辆租用经费”")


def test_the_last_project_fills_the_rows_below_without_inserting(seed_table):
    rows = values_of(entry_rows(seed_table, spare_rows=3))
    projects = [r[INDEX["project"]] for r in rows[FIRST_DATA_ROW:] if r[INDEX["project"]]]
    book, rows, first, chosen = _picked_book(seed_table, projects[-1], 2)
    plan = buttons.suggest_indicators(book)
    acts = [a for a in actions(book) if a["func"] in ("rangeInsert", "setFormula", "setValues")]
    assert [a["func"] for a in acts] == ["setFormula"]
    last = max(r for r in range(len(rows)) if rows[r][INDEX["name"]])
    assert acts[0]["start_row"] == last + 1 and len(acts[0]["values"]) == 2
    assert plan.of_type(StatusBar)


def test_nothing_picked_or_already_there_is_a_message(seed_table):
    book, rows, first, _ = _picked_book(seed_table, "车辆租用经费", 0)
    (alert,) = buttons.suggest_indicators(book).of_type(Alert)
    assert "选用" in alert.message
    sheet = [[None] * 11 for _ in range(6)]
    sheet[1][3:7] = ["项目名称", "车辆租用经费", "填报表行号", first + 1]
    sheet[3][:5] = ["选用", "序号", "一级指标", "二级指标", "三级指标"]
    sheet[4][:6] = ["1", 1, "产出指标", "时效指标", "车辆派遣及时率", "100%"]  # the project has it
    book = _select(json_book({ENTRY_SHEET: rows, SUGGEST_SHEET: sheet}), SUGGEST_SHEET, "A5")
    (alert,) = buttons.suggest_indicators(book).of_type(Alert)
    assert "都已经有了" in alert.message
    assert not [a for a in actions(book) if a["func"] in ("setFormula", "rangeInsert")]


def test_a_renamed_project_is_a_clear_message(seed_table):
    book, rows, first, _ = _picked_book(seed_table, "车辆租用经费", 1)
    rows[first][INDEX["project"]] = "改了名"
    sheet = book.sheets[SUGGEST_SHEET].used_range.value
    book = _select(json_book({ENTRY_SHEET: rows, SUGGEST_SHEET: sheet}), SUGGEST_SHEET, "A5")
    (alert,) = buttons.suggest_indicators(book).of_type(Alert)
    assert "找不到项目“车辆租用经费”" in alert.message


def test_pg_suggest_returns_an_array_with_a_header():
    rows = udfs.FUNCTIONS["PG_SUGGEST"]("农村饮水安全巩固提升工程", 5)
    assert rows[0] == suggest_sheet.UDF_HEADER
    assert len(rows) == 6 and all(len(r) == len(rows[0]) and r[2] for r in rows)
    assert udfs.FUNCTIONS["PG_SUGGEST"]("", 5) == "（空）请输入项目名称"
    assert udfs.FUNCTIONS["PG_SUGGEST"]("项目", 0).startswith("n 应为 1–50")
    assert len(udfs.FUNCTIONS["PG_SUGGEST"]("项目")) == 11  # n defaults to 10


@pytest.mark.parametrize("n", ["abc", True, 51.0])
def test_pg_suggest_bad_count(n):
    assert udfs.suggest_table("项目", n).startswith("n 应为")




def test_the_sheet_prints_on_a4_landscape_one_page_wide_within_its_columns(seed_table):
    """Rendered with LibreOffice and looked at: the similar projects sit in the suggestion columns
    (a long source wraps in 示例来源 instead of widening the page), the note row is merged."""
    from perfgoals_xl.excel.plan import ColumnWidths, MergeAreas, PageSetup
    from perfgoals_xl.suggest.output import rows as suggestion_rows

    result = suggest_sheet.suggester((suggest_sheet.library_paths(template_book())[0],)).suggest("车辆租用经费", "", 20)
    plan = suggest_sheet.suggestions_plan("车辆租用经费", 12, result, suggestion_rows(result))
    width = len(suggest_sheet.SHEET_COLUMNS)
    values = _sheet_values(plan)
    assert max(len(r) for r in values) <= width
    (setup,) = plan.of_type(PageSetup)
    assert (setup.paper, setup.landscape, setup.fit_width) == ("A4", True, 1)
    assert setup.print_area == f"A1:K{len(values)}" and setup.print_title_rows == "$4:$4"
    assert plan.of_type(MergeAreas)[0].areas == ("A3:K3",)
    (widths,) = plan.of_type(ColumnWidths)
    assert sum(w for _, _, w in widths.widths) < 230  # one A4 landscape page wide at a readable scale
    similar_header = values[suggest_sheet.HEADER_ROW + 20 + 1]
    assert similar_header[suggest_sheet.SIMILAR_COLUMNS[-1] - 1] == "来源"
    assert similar_header[suggest_sheet.SIMILAR_COLUMNS[3] - 1] == "相似项目"


def test_a_workbook_that_is_no_performance_table_is_told_what_was_looked_for():
    # any workbook is read (#25): one that holds no performance table names what the readers look for
    book = json_book({"Sheet1": [["项目名称", "绩效目标"], ["某项目", "目标"]]}, name="其他.xlsx")
    (alert,) = buttons.suggest_indicators(book).of_type(Alert)
    assert alert.message.startswith("其他.xlsx：工作表 Sheet1 不是项目支出绩效目标表") and "申报表" in alert.message


def test_a_changed_library_file_is_read_again(tmp_path, seed_path):
    from perfgoals_xl.suggest.library import build_library, save_library

    path = tmp_path / "指标库.parquet"
    save_library(build_library([str(seed_path)]).head(5), path)
    first = suggest_sheet.suggester((path,))
    assert suggest_sheet.suggester((path,)) is first  # kept
    save_library(build_library([str(seed_path)]), path, force=True)
    again = suggest_sheet.suggester((path,))
    assert again is not first and len(again.rows) == 27
