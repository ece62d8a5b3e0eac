"""对比上一版 on xlwings' JSON engine: the entry sheet against an earlier file — the changes and
the findings fixed / new / still open written to a sheet of its own, as bulk operations."""

from __future__ import annotations

import copy

from test_excel_buttons import template_book
from test_excel_json_engine import actions, on_sheet

from perfgoals_xl.excel import buttons
from perfgoals_xl.excel.plan import FormatAreas, MergeAreas, PageSetup, StatusBar, WriteValues
from perfgoals_xl.excel.review import COMPARE_SHEET, FINDINGS_SHEET
from perfgoals_xl.sinks import write_data
from tests.review_versions import second_round


def _written(book, sheet: str = COMPARE_SHEET) -> list[list]:
    (block,) = [a for a in on_sheet(book, sheet) if a["func"] == "setValues"]
    return block["values"]


def test_compare_with_the_earlier_version_on_its_own_sheet(seed_table, seed_path):
    book = template_book(second_round(seed_table))  # the unit's sheet now: the second round
    plan = buttons.compare_previous(book, path=seed_path)  # the earlier version: the published text
    names = [s.name for s in book.sheets]
    assert names.index(FINDINGS_SHEET) == names.index(COMPARE_SHEET) + 1
    assert [(w.sheet, w.row, w.col) for w in plan.of_type(WriteValues)] == [(COMPARE_SHEET, 1, 1),
                                                                           (FINDINGS_SHEET, 1, 1)]
    values = _written(book)
    flat = [str(v) for row in values for v in row]
    assert "车辆派遣及时率" in flat and "车辆派遣按时率" in flat  # renamed: old | new
    assert "更名" in flat and "新增" in flat and "删除" in flat
    findings = _written(book, FINDINGS_SHEET)
    states = [row[0] for row in findings]
    assert {"已整改", "新发现", "仍未整改"} <= set(states)
    # the sheet has no cell notes of assumed amounts (PG-S10 gone): fixed counts it
    assert "已整改 4 条，新发现 5 条，仍未整改 20 条" in findings[1][0]
    fixed = {(row[2], row[5]) for row in findings if row[0] == "已整改"}
    assert ("PG-Q03", "长期租赁小型客车数量") in fixed
    # one format call per look and sheet, whatever the number of rows; changed cells yellow
    for sheet in (COMPARE_SHEET, FINDINGS_SHEET):
        styles = [op.style for op in plan.of_type(FormatAreas) if op.sheet == sheet]
        assert len(styles) == len(set(styles))
    assert any(op.style.fill == "#FFEB9C" for op in plan.of_type(FormatAreas))
    setups = {s.sheet: s for s in plan.of_type(PageSetup)}
    for sheet, titles in ((COMPARE_SHEET, "$1:$5"), (FINDINGS_SHEET, "$1:$3")):
        setup = setups[sheet]
        assert (setup.paper, setup.landscape, setup.fit_width, setup.fit_height) == ("A4", True, 1, 0)
        assert setup.print_title_rows == titles
    assert plan.of_type(MergeAreas)
    assert "已与 guangzhou_beijing_office_2024.txt 对比：" in plan.of_type(StatusBar)[0].text
    assert not [a for a in actions(book) if a["func"] == "alert"]


def test_a_table_compared_with_itself_says_so(seed_table, tmp_path):
    earlier = write_data(copy.deepcopy(seed_table), tmp_path / "上一版.json")
    book = template_book(seed_table)
    plan = buttons.compare_previous(book, path=earlier)
    text = plan.of_type(StatusBar)[0].text
    assert "项目：新增 0，删除 0，修改 0；指标：新增 0，删除 0，修改 0，更名 0，移动 0" in text
    assert "新发现 0" in text
    fixed = [row[2] for row in _written(book, FINDINGS_SHEET) if row[0] == "已整改"]
    assert fixed == ["PG-S10"]  # only the assumed-amount notes, which a live sheet does not carry


def test_an_unreadable_earlier_file_is_a_message_not_a_traceback(seed_table, tmp_path):
    bad = tmp_path / "上一版.xlsx"
    bad.write_bytes(b"not a workbook")
    book = template_book(seed_table)
    buttons.compare_previous(book, path=bad)
    (alert,) = [a for a in actions(book) if a["func"] == "alert"]
    assert "上一版.xlsx" in alert["args"][0] and "Traceback" not in alert["args"][0]
    assert COMPARE_SHEET not in [s.name for s in book.sheets]


def test_outside_excel_the_button_points_at_the_command(seed_table):
    book = template_book(seed_table)
    buttons.compare_previous(book)  # no path, not Excel: no dialog to show
    (alert,) = [a for a in actions(book) if a["func"] == "alert"]
    assert "perfgoals diff" in alert["args"][0]


def test_on_any_workbook_the_persons_table_is_compared_not_our_sheets(tmp_path):
    """From the add-in: a bureau's own 申报表 workbook (not the template) against its earlier file;
    a second click does not read the sheets the first one wrote as the person's table."""
    import openpyxl
    from test_excel_anybook import BOOKS, book_of

    from perfgoals_xl.excel import live
    from perfgoals_xl.sources import read_table

    source = BOOKS["form"]
    table = read_table(source)
    first = table.projects()[0].indicators[0]
    earlier = tmp_path / "上一版.xlsx"
    wb = openpyxl.load_workbook(source)
    wb[first.location.sheet][first.field_locations["name"].cell] = first.name + "（旧）"
    wb.save(earlier)
    book, _ = book_of(source)
    for _ in range(2):
        plan = buttons.compare_previous(book, path=earlier)
        assert not [a for a in actions(book) if a["func"] == "alert"]
        (values, _) = [w.values for w in plan.of_type(WriteValues)]
        renamed = [row for row in values if row[0] == "更名"]
        assert len(renamed) == 1 and renamed[0][5] == first.name + "（旧）" and renamed[0][11] == first.name
        assert "指标：新增 0，删除 0，修改 0，更名 1，移动 0" in plan.of_type(StatusBar)[0].text
    assert COMPARE_SHEET not in [s.name for s in live.readable_sheets(book)]
    assert FINDINGS_SHEET not in [s.name for s in live.readable_sheets(book)]
