"""The report sheet: its layout as data, the XlsxWriter file read back, the CLI, atomic output."""

from __future__ import annotations

import copy
import zipfile
from decimal import Decimal

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from report_tables import make_table

from perfgoals_xl import grammar
from perfgoals_xl.cli import main
from perfgoals_xl.errors import OutputError
from perfgoals_xl.report import build_report_layout, render_xlsx, write_report
from perfgoals_xl.report.layout import (
    CONTINUED,
    HEADERS,
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    count_lines,
    text_units,
)

SHEET = "项目支出绩效目标表"


def _rows(layout):
    grid: dict[int, dict[int, object]] = {}
    for cell in layout.cells:
        grid.setdefault(cell.row, {})[cell.col] = cell.value
    return [grid.get(r, {}) for r in range(layout.n_rows)]


def test_seed_layout_is_the_published_table(seed_table):
    layout = build_report_layout(seed_table)
    rows = _rows(layout)
    assert rows[0][0] == "项目支出绩效目标表（含转移支付项目）"
    assert rows[1][0] == "部门名称：广州市人民政府驻北京办事处" and rows[1][5] == "单位：万元"
    assert tuple(rows[2][c] for c in range(7)) == HEADERS
    assert rows[3][0] == "合计" and rows[3][1] == Decimal("390.00") and rows[3][3] is None
    assert rows[4][0] == "广州市人民政府驻北京办事处" and rows[4][5] is None and rows[4][6] is None
    projects = seed_table.projects()
    assert len(rows) == 5 + len(projects)
    for row, project in zip(rows[5:], projects, strict=True):
        assert row[0] == "    " + project.name  # indented in the text, as published
        assert (row[1], row[2], row[3], row[4]) == (project.amounts.total, project.amounts.fiscal,
                                                    None, None)  # blank stays blank
        assert row[5] == project.goal
        assert row[6] == grammar.compose(project.indicators)
    setup = layout.print_setup
    assert (setup.paper, setup.landscape, setup.fit_width, setup.fit_height) == ("A4", True, 1, 0)
    assert setup.repeat_rows == (0, 2) and "&P" in setup.footer and "&N" in setup.footer
    assert layout.styles["amount"].num_format.startswith("0.00")
    assert all(layout.styles[k].wrap for k in ("text", "project_name", "unit_name", "header"))


def test_text_width_counts_cjk_double():
    assert text_units("abcd") == pytest.approx(4 * 1.2)
    assert text_units("项目") == 4
    assert count_lines("", 30) == 1
    assert count_lines("项" * 200, 34) > count_lines("项" * 100, 34) > count_lines("项" * 10, 34)
    assert count_lines("甲\n乙\n丙", 60) == 3


def test_row_heights_fit_their_text_and_stay_under_excels_cap():
    table = make_table(60, seed=3)
    layout = build_report_layout(table)
    by_row: dict[int, list] = {}
    for cell in layout.cells:
        by_row.setdefault(cell.row, []).append(cell)
    for row in range(3, layout.n_rows):
        height = layout.row_heights[row]
        assert height <= MAX_ROW_HEIGHT
        for cell in by_row[row]:
            if isinstance(cell.value, str):
                lines = count_lines(cell.value, layout.column_widths[cell.col])
                assert height >= lines * LINE_HEIGHT, (row, cell.col)


def test_long_indicator_lists_continue_on_rows_named_with_continued():
    table = make_table(3, seed=11)
    project = table.projects()[1]
    pool = [i for p in make_table(30, seed=12).projects() for i in p.indicators]
    project.indicators = [copy.copy(i) for i in pool[:45]]
    for n, item in enumerate(project.indicators, 1):
        item.seq = n
    layout = build_report_layout(table)
    rows = _rows(layout)
    mine = [r for r in rows if r.get(0) in ("    " + project.name, "    " + project.name + CONTINUED)]
    assert len(mine) >= 3
    assert mine[0][0] == "    " + project.name and mine[0][5] == project.goal
    assert all(r[0] == "    " + project.name + CONTINUED and r[1] is None and r[5] is None
               for r in mine[1:])
    assert "".join(r[6] for r in mine) == grammar.compose(project.indicators)  # split at items
    assert all(grammar.parse(r[6]).ok for r in mine)
    assert max(layout.row_heights.values()) <= MAX_ROW_HEIGHT


def test_amount_columns_widen_for_long_amounts(seed_table):
    seed_table.amounts.total = Decimal("123456789012.34")
    layout = build_report_layout(seed_table)
    assert layout.column_widths[1] > 16


def test_rendered_file_reads_back(tmp_path, seed_table):
    path = write_report(seed_table, tmp_path / "report.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    assert ws["A1"].value == "项目支出绩效目标表（含转移支付项目）"
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:G1", "A2:E2", "F2:G2"}
    assert [ws.cell(3, c).value for c in range(1, 8)] == list(HEADERS)
    assert ws["B4"].value == 390 and ws["B4"].number_format == "0.00_ " and ws["D4"].value is None
    assert ws["A6"].value == "    驻京工作保障" and ws["A6"].alignment.wrap_text
    assert ws["G6"].value == grammar.compose(seed_table.projects()[0].indicators)
    assert ws["G6"].border.left.style == "thin" and ws["G6"].font.name == "宋体"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0  # 1 is implied
    assert ws.print_title_rows == "$1:$3"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.column_dimensions["G"].width > ws.column_dimensions["F"].width > 20
    assert ws.row_dimensions[6].height > ws.row_dimensions[5].height


def test_text_that_looks_like_a_formula_stays_text(tmp_path, seed_table):
    project = seed_table.projects()[0]
    project.name = "=SUM(A1:A9)"
    project.goal = "+保障在京政务服务"
    project.indicators[0].name = "-1+2"
    seed_table.units[0].name = "@单位"
    path = write_report(seed_table, tmp_path / "f.xlsx")
    with zipfile.ZipFile(path) as zf:
        assert "<f>" not in zf.read("xl/worksheets/sheet1.xml").decode()
    ws = openpyxl.load_workbook(path)[SHEET]
    cells = {ws["A5"].value, ws["A6"].value, ws["F6"].value}
    assert cells == {"@单位", "    =SUM(A1:A9)", "+保障在京政务服务"}
    assert all(ws[ref].data_type == "s" for ref in ("A5", "A6", "F6", "G6"))
    assert grammar.parse(ws["G6"].value).items[0].name == "-1+2"
    project.name = "=SUM(A1:A9)"  # also unindented, at the very start of the cell
    wb = xlsxwriter.Workbook(str(tmp_path / "g.xlsx"))
    layout = build_report_layout(seed_table)
    layout.cells[0] = type(layout.cells[0])(0, 0, "=1+1", "title")
    render_xlsx(layout, wb)
    wb.close()
    ws = openpyxl.load_workbook(tmp_path / "g.xlsx")[SHEET]
    assert ws["A1"].value == "=1+1" and ws["A1"].data_type == "s"


def test_renders_into_an_open_workbook_next_to_other_sheets(tmp_path, seed_table):
    path = tmp_path / "batch.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    render_xlsx(build_report_layout(seed_table), wb)
    wb.add_worksheet("问题清单").write_string(0, 0, "规则")
    wb.close()
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [SHEET, "问题清单"]
    assert book[SHEET]["A6"].value == "    驻京工作保障"


def test_output_is_atomic_and_never_overwritten_without_force(tmp_path, seed_table):
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match="已存在"):
        write_report(seed_table, target)
    assert target.read_bytes() == b"old"
    broken = copy.deepcopy(seed_table)
    broken.projects()[-1].amounts.total = Decimal("NaN")  # XlsxWriter refuses it midway
    with pytest.raises(OutputError, match="不是有限的数字"):
        write_report(broken, target, force=True)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]
    write_report(seed_table, target, force=True)
    assert zipfile.is_zipfile(target)
    with pytest.raises(OutputError, match=r"\.xlsx"):
        write_report(seed_table, tmp_path / "r.csv")


def test_cli_report_from_text_and_json(tmp_path, seed_path, capsys):
    out = tmp_path / "seed.xlsx"
    assert main(["report", str(seed_path), "-o", str(out)]) == 0
    assert "5 个项目" in capsys.readouterr().out
    as_json = tmp_path / "seed.json"
    assert main(["import", str(seed_path), "-o", str(as_json)]) == 0
    json_before = as_json.read_bytes()
    out2 = tmp_path / "from_json.xlsx"
    assert main(["report", str(as_json), "-o", str(out2)]) == 0
    assert as_json.read_bytes() == json_before
    a, b = (openpyxl.load_workbook(p)[SHEET] for p in (out, out2))
    assert [[c.value for c in r] for r in a.iter_rows()] == [[c.value for c in r] for r in b.iter_rows()]
    assert main(["report", str(seed_path), "-o", str(out)]) == 2  # exists, no --force
    assert main(["report", str(seed_path), "-o", str(tmp_path / "x.csv")]) == 2
    assert main(["report", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "m.xlsx")]) == 2
    assert not (tmp_path / "m.xlsx").exists()
    err = capsys.readouterr().err
    assert "已存在" in err and ".xlsx" in err and "不存在" in err


def test_cli_report_from_an_entry_workbook(tmp_path, seed_table):
    entry = pytest.importorskip("perfgoals_xl.entry", reason="the entry workbook is another helper's part")
    writer = getattr(entry, "write_entry_workbook", None)
    if writer is None:
        pytest.skip("perfgoals_xl.entry has no write_entry_workbook yet")
    workbook = tmp_path / "entry.xlsx"
    writer(seed_table, workbook)
    out = tmp_path / "from_entry.xlsx"
    assert main(["report", str(workbook), "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)[SHEET]
    assert ws["A6"].value == "    驻京工作保障"


def test_continuation_rows_fold_back_in_line_text(seed_path, seed_table):
    text = seed_path.read_text(encoding="utf-8")
    cut = "4、1-产出\n指标；11-数量指标；报送调研报告数量"
    assert cut in text
    folded = text.replace(cut, "\n    驻京工作保障（续）\n4、1-产出\n指标；11-数量指标；报送调研报告数量")
    from perfgoals_xl.sources.published_text import parse_published_text

    assert parse_published_text(folded) == seed_table


def _assert_rows_fit(layout, *, except_goal: bool = False):
    for row, cells in enumerate(_rows(layout)):
        if row < 3:
            continue
        height = layout.row_heights[row]
        assert height <= MAX_ROW_HEIGHT, (row, height)
        for col, value in cells.items():
            if isinstance(value, str) and not (except_goal and col == 5):
                assert count_lines(value, layout.column_widths[col]) * LINE_HEIGHT <= height, (row, col)


@pytest.mark.parametrize("text", [
    "完成" + "，".join(f"第{n}批设备的安装调试与验收工作" for n in range(120)) + "。",  # breaks at ，
    "甲" * 2000,  # no break at all: plain character chunks
    ("a" * 300 + "；") * 8,  # ASCII between breaks
])
def test_a_single_oversized_indicator_is_split_over_continuation_rows(text):
    table = make_table(3, seed=11)
    project = table.projects()[1]
    project.indicators = project.indicators[:1]
    project.indicators[0].name = text
    layout = build_report_layout(table)
    rows = _rows(layout)
    mine = [r for r in rows if r.get(0) in ("    " + project.name, "    " + project.name + CONTINUED)]
    assert len(mine) >= 2
    assert "".join(r[6] for r in mine) == grammar.compose(project.indicators)
    _assert_rows_fit(layout)


def test_an_oversized_goal_stays_in_one_cell_at_excels_cap():
    table = make_table(3, seed=11)
    project = table.projects()[1]
    project.goal = "确保" + "项" * 448
    layout = build_report_layout(table)
    rows = _rows(layout)
    row = next(n for n, r in enumerate(rows) if r.get(0) == "    " + project.name)
    assert rows[row][5] == project.goal and layout.row_heights[row] == MAX_ROW_HEIGHT
    _assert_rows_fit(layout, except_goal=True)


def test_blank_total_and_unit_amounts_show_the_projects_sum_with_a_note(tmp_path):
    from sheetcheck import assert_no_clipped_text, assert_print_setup

    from perfgoals_xl.report.layout import COMPUTED_NOTE
    from perfgoals_xl.sources import read_table

    source = tmp_path / "长表.csv"
    source.write_text(
        "部门名称,资金使用单位,项目名称,总计,财政拨款,其他资金,绩效目标,一级指标,二级指标,三级指标,指标值\n"
        "某区教育局,第一中学,校舍维修,120.5,100,20.5,完成维修,产出指标,数量指标,维修面积,≥500平方米\n"
        "某区教育局,第一中学,教师培训,30,30,,培训教师,产出指标,数量指标,培训人次,200人次\n"
        "某区教育局,第二中学,实验室设备,88.8,88.8,,购置设备,产出指标,质量指标,验收合格率,100%\n",
        encoding="utf-8")
    table = read_table(source)
    assert table.amounts.total is None and table.units[0].amounts.total is None  # no 合计/unit rows
    layout = build_report_layout(table)
    assert layout.value_at(3, 1) == Decimal("239.3") and layout.value_at(3, 4) == Decimal("20.5")
    assert layout.value_at(3, 3) is None  # no project has 财政专户拨款: stays blank
    unit_rows = [c.row for c in layout.cells if c.value in ("第一中学", "第二中学")]
    assert [layout.value_at(r, 1) for r in unit_rows] == [Decimal("150.5"), Decimal("88.8")]
    note = COMPUTED_NOTE.format(what="合计、资金使用单位")
    assert layout.comments == {(3, 1): note} and note in layout.print_setup.header
    out = write_report(table, tmp_path / "报表.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert ws["B4"].comment.text == note and note in ws.oddHeader.left.text
    assert_print_setup(ws, title_rows="1:3")
    assert_no_clipped_text(ws)
    back = read_table(out)
    assert [len(u.projects) for u in back.units] == [2, 1] and back.amounts.total == Decimal("239.3")
    table.amounts.total = Decimal("239.3")  # a source with its 合计: shown as read, no note
    for unit, total in zip(table.units, ("150.5", "88.8"), strict=True):
        unit.amounts.total = Decimal(total)
    assert build_report_layout(table).comments == {}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
       st.floats(min_value=0.5, max_value=200.0))
def test_lines_short_text_shortcut(text: str, capacity: float) -> None:
    """The one-line shortcut of _lines (2.5 units a character at most) gives the measured count."""
    import math

    from perfgoals_xl.report.layout import _lines, text_units

    measured = sum(max(1, math.ceil(text_units(part) / capacity)) for part in text.split("\n"))
    assert _lines(text, capacity) == measured
    assert _lines("\U0001F600" * 4, 9.7) == 1 and _lines("\U0001F600" * 5, 11.9) == 2  # 2.4 units each


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120),
                          st.sampled_from([3.5, 7.0, 12.25, 40.0])), max_size=30))
def test_recent_lines_are_the_measured_lines(pairs) -> None:
    """recent_lines remembers _lines' answer per (text, capacity) — asked twice, the same — and
    keeps at most _RECENT_MAX texts."""
    from perfgoals_xl.report import layout

    for text, capacity in pairs + pairs:
        assert layout.recent_lines(text, capacity) == layout._lines(text, capacity)
    assert len(layout._RECENT_LINES) <= layout._RECENT_MAX


def test_recent_lines_stay_bounded(monkeypatch) -> None:
    from perfgoals_xl.report import layout

    monkeypatch.setattr(layout, "_RECENT_MAX", 50)
    monkeypatch.setattr(layout, "_RECENT_LINES", {})
    for n in range(500):
        assert layout.recent_lines(f"项目{n}" * (n % 7 + 1), 9.0) == layout._lines(f"项目{n}" * (n % 7 + 1), 9.0)
    assert 0 < len(layout._RECENT_LINES) <= 50
