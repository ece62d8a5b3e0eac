"""The button handlers against xlwings' own Book objects (its JSON engine): the tests assert
on the actions Excel would be told to do — and that their number does not grow with rows."""

from __future__ import annotations

import copy
import re
import tempfile
from collections import Counter
from typing import Any

from test_excel_json_engine import actions, funcs, json_book, on_sheet, sheet_index

from perfgoals_xl.entry import Formula, entry_rows, table_from_entry_rows
from perfgoals_xl.entry.layout import FIRST_DATA_ROW, INDEX
from perfgoals_xl.excel import buttons
from perfgoals_xl.excel.names import (
    ENTRY_SHEET,
    ISSUES_SHEET,
    MARK_LETTERS,
    MARKS_SHEET,
    REPORT_SHEET,
    RULES_SHEET,
)
from perfgoals_xl.excel.plan import StatusBar
from perfgoals_xl.model import PerfTable
from perfgoals_xl.report import build_report_layout
from perfgoals_xl.rules import RULES, check_table


def values_of(rows: list[list[Any]]) -> list[list[Any]]:
    """Sheet values as Excel returns them: formulas as their values."""
    return [[c.cached if isinstance(c, Formula) else c for c in row] for row in rows]


def template_book(table: PerfTable | None = None, *, spare: int = 3, marks=None,
                  extra: dict[str, Any] | None = None) -> Any:
    """A book shaped like the template: 填报 (filled from table), hidden lists, pg_marks."""
    rows = values_of(entry_rows(table or PerfTable(), spare_rows=spare))
    sheets = {ENTRY_SHEET: rows, "指标体系": [["一级指标"]], MARKS_SHEET: marks, **(extra or {})}
    return json_book(sheets, hidden={"指标体系": "Hidden", MARKS_SHEET: "VeryHidden"})


def writes(book, sheet: str, func: str = "setValues") -> list[dict[str, Any]]:
    return [a for a in on_sheet(book, sheet) if a["func"] == func]


def big(table: PerfTable, times: int) -> PerfTable:
    table = copy.deepcopy(table)
    for unit in table.units:
        unit.projects = [copy.deepcopy(p) for _ in range(times) for p in unit.projects]
    return table


# ---------------------------------------------------------------------- 校验


def test_validate_writes_the_issues_sheet_with_links(seed_table):
    book = template_book(seed_table)
    plan = buttons.validate(book)
    expected = check_table(table_from_entry_rows(values_of(entry_rows(seed_table, spare_rows=3)),
                                                 sheet=ENTRY_SHEET, file=book.name))
    assert expected, "the seed has findings"
    (add,) = [a for a in actions(book) if a["func"] == "addSheet"]
    assert add["args"] == [1, ISSUES_SHEET]  # right after 填报
    (table,) = writes(book, ISSUES_SHEET)
    header, *rows = table["values"]
    assert header == ["级别名称", "规则", "项目名称", "指标序号", "指标名称", "字段名称", "问题",
                      "修改建议", "位置", "已接受"]
    assert [(r[0], r[1], r[6], r[7]) for r in rows] == [
        (i.severity_label, i.code, i.message, i.hint) for i in expected]
    (links,) = writes(book, ISSUES_SHEET, "setFormula")
    assert (links["start_row"], links["start_column"]) == (1, buttons.LINK_COLUMN)
    for issue, (formula,) in zip(expected, links["values"], strict=True):
        loc = issue.location
        if loc.sheet == ENTRY_SHEET and loc.cell:
            first = loc.cells[0] if loc.cells else loc.cell
            assert formula == f'=HYPERLINK("#\'{ENTRY_SHEET}\'!{first}","{loc.where()}")'
        else:
            assert formula == ""
    assert plan.of_type(StatusBar)[0].text.startswith("校验完成：共 ")


def test_validate_marks_offending_cells_only_in_pg_marks(seed_table):
    book = template_book(seed_table)
    buttons.validate(book)
    issues = check_table(table_from_entry_rows(values_of(entry_rows(seed_table, spare_rows=3)),
                                               sheet=ENTRY_SHEET, file=book.name))
    (write,) = writes(book, MARKS_SHEET)
    top = write["start_row"] + 1
    marked = {(top + r, c + 1): v for r, row in enumerate(write["values"])
              for c, v in enumerate(row) if v}
    wanted: dict[tuple[int, int], tuple[str, set[str]]] = {}
    for issue in issues:
        if issue.suppressed:
            continue
        for address in issue.location.cells or ([issue.location.cell] if issue.location.cell else []):
            cell = buttons.parse_cell(address)
            letter, codes = wanted.get(cell, ("I", set()))
            letter = min(letter, MARK_LETTERS[issue.severity], key="EWI".index)
            wanted[cell] = (letter, codes | {issue.code})
    assert wanted, "the seed has marked cells"
    assert {cell: (v[0], set(v.split()[1:])) for cell, v in marked.items()} == wanted
    # the user's sheet is never written to or formatted: marks are conditional formats; only its
    # print area follows the filled rows (issue 22)
    assert [a["func"] for a in on_sheet(book, ENTRY_SHEET)] == ["setPrintArea"]
    assert funcs(book).count("sheetClearContents") == 1


def test_validate_action_count_does_not_grow_with_rows(seed_table):
    small, large = template_book(seed_table), template_book(big(seed_table, 25))
    buttons.validate(small)
    buttons.validate(large)
    assert len(writes(large, ISSUES_SHEET)[0]["values"]) > 10 * len(writes(small, ISSUES_SHEET)[0]["values"]) // 2
    assert funcs(small) == funcs(large)


def test_clear_marks_round_trip_leaves_the_entry_sheet_untouched(seed_table):
    book = template_book(seed_table)
    buttons.validate(book)
    (write,) = writes(book, MARKS_SHEET)
    # the workbook as Excel has it after 校验: the marks are in pg_marks
    marks = [[None] * len(write["values"][0]) for _ in range(write["start_row"])] + write["values"]
    after = template_book(seed_table, marks=marks)
    plan = buttons.clear_marks(after)
    assert [(a["func"], a["sheet_position"]) for a in actions(after)] == [
        ("sheetClearContents", sheet_index(after, MARKS_SHEET))]
    assert plan.of_type(StatusBar)[0].text == "已清除校验标记。"


def test_clear_marks_without_marks_sheet_says_so():
    book = json_book({ENTRY_SHEET: [["x"]]})
    plan = buttons.clear_marks(book)
    assert actions(book) == [] and plan.of_type(StatusBar)[0].text == "没有校验标记。"


def test_validate_without_findings_stays_on_the_entry_sheet(monkeypatch, seed_table):
    import perfgoals_xl.rules as rules

    monkeypatch.setattr(rules, "check_table", lambda table, config=None: [])
    book = template_book(seed_table)
    plan = buttons.validate(book)
    assert plan.of_type(StatusBar)[0].text == "校验完成：未发现问题。"
    assert writes(book, ISSUES_SHEET)[0]["values"] == [buttons.issue_sheet_headers()]
    assert writes(book, MARKS_SHEET) == []


# ------------------------------------------------------------------ 生成报表


def test_report_writes_the_layout_in_one_block(seed_table):
    book = template_book(seed_table)
    buttons.report(book)
    layout = build_report_layout(table_from_entry_rows(
        values_of(entry_rows(seed_table, spare_rows=3)), sheet=ENTRY_SHEET, file=book.name))
    assert [a["args"] for a in actions(book) if a["func"] == "addSheet"] == [[1, REPORT_SHEET]]
    (block,) = writes(book, REPORT_SHEET)
    assert (block["start_row"], block["start_column"]) == (0, 0)
    got = block["values"]
    for cell in layout.cells:
        value = got[cell.row][cell.col]
        want = "" if cell.value is None else (float(cell.value) if not isinstance(cell.value, str)
                                             else cell.value)
        assert value == want, (cell.row, cell.col)
    assert len(got) == layout.n_rows and len(got[0]) == len(layout.column_widths)
    assert "    驻京工作保障" in [row[0] for row in got]


def test_report_action_count_does_not_grow_with_rows(seed_table):
    from perfgoals_xl.excel.plan import FormatAreas, RowHeights

    small, large = template_book(seed_table), template_book(big(seed_table, 30))
    p_small, p_large = buttons.report(small), buttons.report(large)
    assert [type(op) for op in p_small.operations] == [type(op) for op in p_large.operations]
    # one format call per style, each over few areas (the union of its cells)
    assert all(len(op.areas) <= 3 for op in p_large.of_type(FormatAreas))
    heights_small = {h for op in p_small.of_type(RowHeights) for h, _ in op.heights}
    heights_large = {h for op in p_large.of_type(RowHeights) for h, _ in op.heights}
    assert heights_large == heights_small  # one call per distinct height, not per row
    non_height = Counter(f for f in funcs(large) if f != "setRowHeight")
    assert non_height == Counter(f for f in funcs(small) if f != "setRowHeight")


def test_report_of_an_empty_entry_sheet_is_a_message():
    book = template_book()
    buttons.report(book)
    (alert,) = actions(book)
    assert alert["func"] == "alert"
    assert alert["args"][0] == "“填报”表中还没有项目，无法生成报表"


# ------------------------------------------------------------------ 拆分指标

PASTED = ("1、1-产出指标；11-数量指标；报送调研报告数量；实施周期指标值:12篇；年度指标值:12篇。"
          "2、3-满意度指标；31-服务对象满意度；领导满意度；实施周期指标值:≥95%；年度指标值:≥95%。")


def test_expand_writes_the_new_rows_from_the_pasted_row_down():
    rows = values_of(entry_rows(PerfTable(), spare_rows=3))
    row = FIRST_DATA_ROW
    rows[row][INDEX["fund_unit"]] = "某单位"
    rows[row][INDEX["project"]] = "某项目"
    rows[row][INDEX["legacy"]] = PASTED
    book = json_book({ENTRY_SHEET: rows})
    plan = buttons.expand_indicators(book)
    (block,) = [a for a in actions(book) if a["func"] == "setFormula"]
    assert block["start_row"] == row and block["start_column"] == 0
    first, second = block["values"][0], block["values"][1]
    assert first[INDEX["name"]] == "报送调研报告数量" and first[INDEX["legacy"]] == ""
    assert second[INDEX["name"]] == "领导满意度" and second[INDEX["annual_value"]] == "≥95%"
    assert second[INDEX["project"]] == ""  # continues the project above
    assert second[INDEX["level2_code"]].startswith("=IF(")  # formulas for the new row
    assert f"{row + 2}" in second[INDEX["total"]]
    assert plan.of_type(StatusBar)[0].text == "已拆分绩效指标：新增 1 行。"


def test_expand_with_nothing_pasted_writes_nothing(seed_table):
    book = template_book(seed_table)
    plan = buttons.expand_indicators(book)
    assert actions(book) == [] and plan.of_type(StatusBar)[0].text == "没有需要拆分的绩效指标文本。"


# ---------------------------------------------------------------------- 导入


def test_import_appends_the_table_with_formulas_at_their_rows(seed_path, seed_table):
    book = template_book(spare=5)
    plan = buttons.import_table(book, path=seed_path)
    expected = entry_rows(seed_table)[FIRST_DATA_ROW:]
    (block,) = [a for a in actions(book) if a["func"] == "setFormula"]
    assert block["start_row"] == FIRST_DATA_ROW
    assert block["values"] == [["" if v is None else (str(v) if isinstance(v, str) else v)
                                for v in row] for row in expected]
    (dept,) = [a for a in actions(book) if a["func"] == "setValues"]
    assert dept["values"] == [[seed_table.department]]
    assert "已导入 guangzhou_beijing_office_2024.txt：" in plan.of_type(StatusBar)[0].text


def test_import_below_existing_data_never_overwrites(seed_path, seed_table):
    book = template_book(seed_table, spare=5)
    buttons.import_table(book, path=seed_path)
    n_data = len(entry_rows(seed_table)) - FIRST_DATA_ROW
    (block,) = [a for a in actions(book) if a["func"] == "setFormula"]
    start = FIRST_DATA_ROW + n_data
    assert block["start_row"] == start
    total = block["values"][0][INDEX["total"]]
    assert total == f'=IF(COUNT(D{start + 1}:F{start + 1})=0,"",SUM(D{start + 1}:F{start + 1}))'
    assert [a for a in actions(book) if a["func"] == "setValues"] == []  # department kept


def test_import_says_what_the_sheet_cannot_hold_in_a_message_box(tmp_path, seed_table):
    """The entry sheet's losses (sinks/losses.py), as `perfgoals import -o x.xlsx` prints them: a
    message box after the rows are written, and a word in the status bar."""
    from perfgoals_xl.sinks import write_data
    from perfgoals_xl.sinks.losses import format_losses

    table = copy.deepcopy(seed_table)
    table.title = "某局项目清单"  # not written by 导入 (the sheet keeps its own title): nothing said
    table.department, table.department_code = "某某局", "820"
    table.units[0].name = "101 某单位"  # read back as code 101 + 某单位
    for project in table.projects():
        project.name = f" {project.name} "  # edge spaces, stripped on reading
    src = write_data(table, tmp_path / "带损失.json")
    losses = format_losses(table, ".xlsx", header=False)
    assert len(losses) == len(table.projects()) + 1 == 6 and not any("标题" in w for w in losses)
    book = template_book(spare=5)
    plan = buttons.import_table(book, path=src)
    done = actions(book)
    assert [a["func"] for a in done][-1] == "alert"  # after the rows and the department
    alert = done[-1]["args"]
    assert alert[0] == buttons.losses_message("带损失.json", losses)
    assert alert[0].startswith("带损失.json 已导入，但有 6 处在填报表中无法完整保存（原文件不受影响）：\n1. ")
    assert "1. 项目“ 驻京工作保障 ”的项目名称首尾有空白字符，读回填报工作簿时会被去掉" in alert[0]
    assert losses[-1].startswith("资金使用单位“101 某单位”的名称开头像编码") and "101 某单位" not in alert[0]
    assert alert[0].endswith("……另有 1 处（perfgoals import 原文件 -o 输出.xlsx 可列出全部）。")
    assert alert[1] == "导入提示"
    assert plan.of_type(StatusBar)[0].text.endswith("6 处无法在填报表中完整保存，详见提示。")
    (dept,) = [a for a in done if a["func"] == "setValues"]
    assert dept["values"] == [["[820]某某局"]]  # with its code, as the entry writer


def test_import_without_losses_shows_no_message_box(seed_path):
    book = template_book(spare=5)
    plan = buttons.import_table(book, path=seed_path)
    assert "alert" not in [a["func"] for a in actions(book)]
    assert plan.of_type(StatusBar)[0].text.endswith("行起。")


def test_import_of_a_bad_file_is_a_short_message(tmp_path):
    bad = tmp_path / "空.txt"
    bad.write_text("", encoding="utf-8")
    book = template_book()
    buttons.import_table(book, path=bad)
    (alert,) = actions(book)
    assert alert["func"] == "alert" and "文件为空" in alert["args"][0]
    assert "Traceback" not in alert["args"][0]


def test_import_without_a_path_outside_excel_explains():
    book = template_book()
    buttons.import_table(book)
    (alert,) = actions(book)
    assert alert["args"][0] == "请在 Excel 中点击“导入”，或在命令行使用 perfgoals import"


# ------------------------------------------------------------------ 规则说明


def test_rules_sheet_lists_every_rule():
    book = template_book()
    buttons.show_rules(book)
    (block,) = writes(book, RULES_SHEET)
    header, *rows = block["values"]
    assert header[0] == "规则" and [r[0] for r in rows] == list(RULES)
    assert all(r[4] for r in rows)  # 说明
    assert funcs(book)[-2:] == ["activateSheet", "rangeSelect"]


# -------------------------------------------------------------------- errors


def test_a_sheet_that_is_no_table_is_one_chinese_message_naming_what_was_looked_for():
    # (was: a workbook without 填报 was refused; since #25 any workbook's sheets are read)
    book = json_book({"Sheet1": [["x"]]})
    buttons.validate(book)
    (alert,) = actions(book)
    assert alert["func"] == "alert"
    message = alert["args"][0]
    assert message.startswith("perfgoals.xlsm：工作表 Sheet1 不是项目支出绩效目标表")
    for wanted in ("项目名称", "三级指标", "实际完成值", "部门名称"):
        assert wanted in message
    assert len(message) <= buttons.MESSAGE_LIMIT and not message.endswith("…")
    assert alert["args"][3] == "critical"


def test_unexpected_errors_show_a_message_and_log_the_traceback(monkeypatch, tmp_path, seed_table):
    import perfgoals_xl.rules as rules

    def boom(table, config=None):
        raise RuntimeError("规则引擎坏了")

    monkeypatch.setattr(rules, "check_table", boom)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    book = template_book(seed_table)
    buttons.validate(book)
    (alert,) = actions(book)
    message = alert["args"][0]
    assert message.startswith("程序出错（RuntimeError）：规则引擎坏了\n详细信息已写入 ")
    assert "Traceback" not in message
    log = (tmp_path / buttons.LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback" in log and "规则引擎坏了" in log


def test_long_messages_are_shortened():
    text = buttons.short_message(ValueError("长" * 1000))
    assert len(text) == buttons.MESSAGE_LIMIT and text.endswith("…")


def test_handlers_are_what_the_macros_call():
    from perfgoals_xl.excel.names import BUTTONS

    for _, _, handler in BUTTONS:
        assert callable(getattr(buttons, handler))
        assert re.fullmatch(r"[a-z_]+", handler)


def test_expand_inserts_rows_and_writes_only_the_pasted_rows(seed_table):
    """Rows below a pasted row are moved by Excel (an insert), never rewritten as values:
    their formulas stay formulas. Two pasted rows: the second one's place counts the first's."""
    rows = values_of(entry_rows(seed_table, spare_rows=6))
    last = max(i for i, r in enumerate(rows) if r[INDEX["name"]])
    a, b = last + 1, last + 3
    for r in (a, b):
        rows[r][INDEX["fund_unit"]] = "某单位"
        rows[r][INDEX["project"]] = f"某项目{r}"
        rows[r][INDEX["legacy"]] = PASTED
    rows[a + 1][INDEX["name"]] = "用户的一行"
    book = json_book({ENTRY_SHEET: rows})
    plan = buttons.expand_indicators(book)
    acts = [x for x in actions(book) if x["func"] in ("rangeInsert", "setFormula", "setValues")]
    assert [x["func"] for x in acts] == ["rangeInsert", "setFormula", "rangeInsert", "setFormula"]
    ins1, block1, ins2, block2 = acts
    assert (ins1["start_row"], ins1["row_count"]) == (a + 1, 1)  # one new row under the pasted row
    assert (block1["start_row"], len(block1["values"])) == (a, 2)  # pasted row + its new row only
    assert (ins2["start_row"], ins2["row_count"]) == (b + 2, 1)  # b moved down by a's new row
    assert (block2["start_row"], len(block2["values"])) == (b + 1, 2)
    assert f"{b + 3}" in block2["values"][1][INDEX["total"]]  # formulas for the final rows
    assert plan.of_type(StatusBar)[0].text == "已拆分绩效指标：新增 2 行。"
    assert not any("用户的一行" in map(str, row) for x in acts if x["values"] for row in x["values"])


class _FormatsSheet:
    """Stands in for Excel's answers to ``range.number_format`` (the JSON engine has none)."""

    name = ENTRY_SHEET

    def __init__(self, formats: dict[tuple[int, int], str]) -> None:
        self.formats, self.calls = formats, 0

    def range(self, first, last=None):
        sheet, last = self, last or first

        class _Range:
            @property
            def number_format(self):
                sheet.calls += 1
                found = {sheet.formats.get((r, first[1]), "General")
                         for r in range(first[0], last[0] + 1)}
                return found.pop() if len(found) == 1 else None

        return _Range()


class _FormatsBook:
    def __init__(self, sheet: _FormatsSheet) -> None:
        self.name = "perfgoals.xlsm"
        self.sheets = _Sheets([sheet])


class _Sheets(list):
    def __getitem__(self, key):
        return next(s for s in self if s.name == key) if isinstance(key, str) else super().__getitem__(key)


def test_validate_reads_a_percent_formatted_value_as_the_file_reader_does(seed_table, tmp_path):
    rows = values_of(entry_rows(seed_table, spare_rows=0))
    numeric = [r for r in range(FIRST_DATA_ROW, len(rows)) if rows[r][INDEX["name"]]][:3]
    for r in numeric:
        rows[r][INDEX["annual_value"]] = 0.95
    col = INDEX["annual_value"] + 1
    formats = {(r + 1, col): "0%" for r in numeric}
    sheet = _FormatsSheet(formats)
    table = buttons.read_entry_table(_FormatsBook(sheet), rows)
    values = [i.annual_value.raw for p in table.projects() for i in p.indicators]
    assert values.count("95%") == 3 and "0.95" not in values
    assert sheet.calls == 1  # one read for the column: all three share the format
    # the file reader agrees: the same cells in an .xlsx with the same number format
    import openpyxl

    from perfgoals_xl.sources import read_table

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = ENTRY_SHEET
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 1):
            if v not in (None, ""):
                ws.cell(r, c, v)
    for (r, c), fmt in formats.items():
        ws.cell(r, c).number_format = fmt
    wb.save(tmp_path / "e.xlsx")
    from_file = [i.annual_value.raw for p in read_table(tmp_path / "e.xlsx").projects()
                 for i in p.indicators]
    assert from_file == values
    # mixed formats: one read for the column, then one per numeric cell
    formats[(numeric[0] + 1, col)] = "0.00"
    sheet = _FormatsSheet(formats)
    table = buttons.read_entry_table(_FormatsBook(sheet), rows)
    assert sheet.calls == 1 + 3
    # the JSON engine cannot read formats: the table is still read (plain numbers)
    assert buttons.read_entry_table(json_book({ENTRY_SHEET: rows}), rows).projects()


def test_import_notes_the_assumed_amount_cells(seed_path, seed_table):
    book = template_book(spare=5)
    buttons.import_table(book, path=seed_path)
    notes = [a for a in actions(book) if a["func"] == "addNote"]
    rows = entry_rows(seed_table)
    expected = [r for r in range(FIRST_DATA_ROW, len(rows))
                if any(isinstance(v, float) for v in rows[r][INDEX["fiscal"]:INDEX["fiscal"] + 1])]
    assert len(notes) == len([p for p in seed_table.problems if p.code == "S10"]) == len(expected)
    assert [(n["start_row"], n["start_column"]) for n in notes] == [(r, INDEX["fiscal"]) for r in expected]
    assert all(n["args"][1].startswith("PG-S10") for n in notes)
