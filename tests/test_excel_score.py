"""计算得分 (the self-evaluation button) and PG_SCORE against xlwings' own Book objects (JSON engine)."""

from __future__ import annotations

from test_excel_buttons import big, template_book, values_of, writes
from test_excel_json_engine import actions, funcs

from perfgoals_xl.entry import entry_rows, table_from_entry_rows
from perfgoals_xl.entry.layout import INDEX
from perfgoals_xl.excel import buttons
from perfgoals_xl.excel.names import ENTRY_SHEET, ISSUES_SHEET, MARKS_SHEET, SELFEVAL_SUMMARY_SHEET
from perfgoals_xl.excel.plan import StatusBar
from perfgoals_xl.rules import check_table
from perfgoals_xl.scoring import score_table
from perfgoals_xl.values import parse_value
from tests.selfeval_tables import fill_actuals


def test_score_writes_the_score_column_in_one_block_and_marks_reasons(seed_table):
    table = fill_actuals(seed_table)
    book = template_book(table)
    plan = buttons.score(book)
    expected = score_table(table_from_entry_rows(values_of(entry_rows(table, spare_rows=3)),
                                                 sheet=ENTRY_SHEET, file=book.name))
    (write,) = writes(book, ENTRY_SHEET)  # the only write to the user's sheet: one column block
    assert write["start_column"] == INDEX["score"]
    written = [row[0] for row in write["values"]]
    computed = [round(s.points, 2) for p in expected for s in p.indicators]
    assert [v for v in written if v is not None] == computed
    status = plan.of_type(StatusBar)[0].text
    assert status.startswith("计算得分完成：驻京工作保障 ") and "待说明偏差" in status
    # rows that need a 偏差原因 are marked on the 偏差原因 cell (pg_marks), listed on the issues sheet
    (marks,) = writes(book, MARKS_SHEET)
    marked = [(marks["start_row"] + r, c) for r, row in enumerate(marks["values"]) for c, v in enumerate(row)
              if v and "PG-E02" in v]
    assert marked and all(c == INDEX["deviation_reason"] for _, c in marked)
    assert len(marked) == sum(p.needs_reason for p in expected)
    (issues,) = writes(book, ISSUES_SHEET)
    assert {row[1] for row in issues["values"][1:]} <= {f"PG-E0{n}" for n in range(1, 9)}
    (summary,) = writes(book, SELFEVAL_SUMMARY_SHEET)  # one block: title … one row per project
    rows = summary["values"]
    assert rows[2][:3] == ["序号", "资金使用单位", "项目名称"]
    assert [(r[2], r[4], r[5]) for r in rows[3:]] == [(p.project.name, p.total, p.grade) for p in expected]
    assert actions(book)[-1]["func"] == "activateSheet" or "自评汇总" in status


def test_scores_written_by_the_button_read_back_without_problems(seed_table):
    """After 计算得分 (不适用 written as text into 得分), the sheet reads back cleanly, scores recompute."""
    table = fill_actuals(seed_table)
    table.projects()[0].indicators[0].actual_value = parse_value("不适用")
    book = template_book(table)
    buttons.score(book)
    (write,) = writes(book, ENTRY_SHEET)
    rows = values_of(entry_rows(table, spare_rows=3))
    for n, (value,) in enumerate(write["values"]):
        rows[write["start_row"] + n][write["start_column"]] = value
    back = table_from_entry_rows(rows, sheet=ENTRY_SHEET, file=book.name)
    assert not [p for p in back.problems if p.field == "score"]
    assert back.projects()[0].indicators[0].score is None
    assert not [i for i in check_table(back) if i.code == "PG-E06"]


def test_score_action_count_does_not_grow_with_rows(seed_table):
    small, large = template_book(fill_actuals(seed_table)), template_book(big(fill_actuals(seed_table), 20))
    buttons.score(small)
    buttons.score(large)
    # 20× the rows: the same calls, give or take a row-height group (heights are set per distinct
    # height, and which heights coincide depends on the text)
    assert set(funcs(small)) == set(funcs(large))
    assert abs(len(funcs(large)) - len(funcs(small))) <= 2
    assert len(writes(large, ENTRY_SHEET)) == len(writes(small, ENTRY_SHEET)) == 1


def test_score_of_a_target_table_is_a_message(seed_table):
    book = template_book(seed_table)
    buttons.score(book)
    (alert,) = actions(book)
    assert alert["func"] == "alert" and "还没有实际完成值" in alert["args"][0]


def test_pg_score_numbers_reasons_and_messages():
    from perfgoals_xl.excel import udfs

    assert udfs.PG_SCORE("≥95%", "76%", 10) == 8.0
    assert udfs.PG_SCORE("≥95%", 0.76, 10) == 8.0  # a percent-formatted cell arrives as 0.76
    assert udfs.PG_SCORE("≤50万元", "100万元", 10) == 5.0
    assert udfs.PG_SCORE("12万元", "15万元", 10, "反向") == 8.0
    assert udfs.PG_SCORE("2024年10月底前", "2024年11月15日", 10) == 9.0
    assert udfs.PG_SCORE("符合", "符合", 5.0) == 5.0
    assert udfs.PG_SCORE("0次", "1次", 4, "反向").startswith("0 分：反向指标目标为 0")
    assert udfs.PG_SCORE("≥95%", None, 10) == "0 分：未填实际完成值，得 0 分"
    assert udfs.PG_SCORE("≥10个", "不适用", 10).startswith("不适用")
    assert udfs.PG_SCORE("≥95%", "96%", "十分").startswith("分值应为")
    assert udfs.PG_SCORE("≥95%", "96%", 500).startswith("分值应为")
    assert udfs.PG_SCORE("≥95%", "96%", 10, "向上").startswith("direction 参数应为")
    assert udfs.PG_SCORE(None, "96%", 10).startswith("（空）")


def test_pg_score_is_a_declared_worksheet_function():
    from perfgoals_xl.excel.udfs import FUNCTIONS
    from perfgoals_xl.excel.wrappers import function_descriptions, wrapper_code

    assert "PG_SCORE" in FUNCTIONS
    assert "Function PG_SCORE(target, actual, weight, Optional direction)" in wrapper_code()
    (row,) = [r for r in function_descriptions() if r[0] == "PG_SCORE"]
    assert len(row[3]) == 4 and len(row[1]) <= 255


def test_project_findings_point_at_the_budget_and_summary_cells(seed_table):
    """PG-E01 (no 全年执行数) and PG-E03 (low 执行率, no reason) name the empty cells to fill."""
    from decimal import Decimal

    from perfgoals_xl.excel.plan import column_letter

    table = fill_actuals(seed_table)
    first, second = table.projects()[:2]
    first.budget_executed = None
    second.budget_executed, second.actual_summary = Decimal("1"), None
    back = table_from_entry_rows(values_of(entry_rows(table, spare_rows=3)), sheet=ENTRY_SHEET, file="x.xlsx")
    found = {i.code: i.location for i in check_table(back) if i.code in ("PG-E01", "PG-E03")
             and i.location.project in (first.name, second.name) and i.location.seq is None}
    assert found["PG-E01"].cell.startswith(column_letter(INDEX["budget_executed"] + 1))
    assert found["PG-E03"].cell.startswith(column_letter(INDEX["actual_summary"] + 1))
