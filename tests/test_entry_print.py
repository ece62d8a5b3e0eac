"""The 填报 sheet and the 填报说明 sheet as a person sees and prints them: the entry workbook of
`perfgoals import … -o x.xlsx`, the template, and the 填报说明 button."""

from __future__ import annotations

import re
import statistics
import zipfile

import openpyxl
import pytest
from sheetcheck import assert_no_clipped_text, assert_print_setup, render_pdf, soffice
from test_excel_json_engine import funcs, json_book, on_sheet

from perfgoals_xl.entry import write_entry_workbook
from perfgoals_xl.entry.guide import guide_rows, paged_rows
from perfgoals_xl.entry.layout import COLUMNS, FIRST_DATA_ROW, INDEX
from perfgoals_xl.excel import buttons, names
from perfgoals_xl.excel.guide import guide_plan
from perfgoals_xl.excel.plan import MergeAreas, PageSetup, RowHeights, WriteValues
from perfgoals_xl.framework import LEVEL1
from perfgoals_xl.template import build_template


@pytest.fixture(scope="module")
def entry_file(tmp_path_factory):
    from conftest import SEED

    from perfgoals_xl.sources.published_text import read_published_text

    path = tmp_path_factory.mktemp("entry") / "entry.xlsx"
    write_entry_workbook(read_published_text(SEED), path)
    return path


@pytest.fixture(scope="module")
def template_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "perfgoals.xlsm"
    path.write_bytes(build_template())
    return path


def test_entry_sheet_prints_a3_landscape_to_the_last_row(entry_file):
    book = openpyxl.load_workbook(entry_file)
    assert book.sheetnames == ["填报", names.GUIDE_SHEET, "指标体系"]
    ws = book["填报"]
    assert_print_setup(ws, title_rows="1:3", paper=8)
    last = max(r for r in range(FIRST_DATA_ROW + 1, ws.max_row + 1)
               if ws.cell(row=r, column=INDEX["name"] + 1).value)
    # the spare rows never print; the empty 绩效指标（粘贴原文） column neither
    assert ws.print_area == [f"'填报'!$A$1:$Q${last}"] or ws.print_area == f"'填报'!$A$1:$Q${last}"


def test_entry_sheet_shows_every_text_whole_with_borders(entry_file):
    ws = openpyxl.load_workbook(entry_file)["填报"]
    assert_no_clipped_text(ws)
    goal = ws.cell(row=FIRST_DATA_ROW + 3, column=INDEX["goal"] + 1)
    assert goal.value and goal.alignment.wrap_text
    assert ws.row_dimensions[goal.row].height >= 3 * 14.5  # a goal of several lines shows them
    unit = ws.cell(row=FIRST_DATA_ROW + 3, column=INDEX["fund_unit"] + 1)
    assert unit.value == "广州市人民政府驻北京办事处" and unit.alignment.wrap_text  # not hidden under B
    for c in range(1, len(COLUMNS) + 1):  # filled cells carry their borders
        cell = ws.cell(row=FIRST_DATA_ROW + 3, column=c)
        if cell.value not in (None, ""):
            assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
    # empty ones get them from one conditional format over the whole table (data and spare rows)
    (rng,) = [r for r in ws.conditional_formatting]
    assert str(rng.sqref).startswith(f"A{FIRST_DATA_ROW + 1}:")
    (rule,) = rng.rules
    assert rule.type == "notContainsErrors" and rule.dxf.border.left.style == "thin"
    assert ws.freeze_panes == "C4"


def test_guide_sheet_explains_columns_framework_and_buttons(entry_file, template_file):
    plain = openpyxl.load_workbook(entry_file)[names.GUIDE_SHEET]
    text = "\n".join(str(c.value) for row in plain.iter_rows() for c in row if c.value)
    for col in COLUMNS:
        assert col.header in text and col.hint in text
    for lv in LEVEL1:
        assert lv.name in text and all(f"{c.code}-{c.name}" in text for c in lv.children)
    assert "不含按钮" in text and "perfgoals check" in text
    assert_print_setup(plain)
    assert_no_clipped_text(plain)
    with_buttons = openpyxl.load_workbook(template_file)[names.GUIDE_SHEET]
    text = "\n".join(str(c.value) for row in with_buttons.iter_rows() for c in row if c.value)
    assert all(caption in text for caption, _, _ in names.BUTTONS) and "标题右侧" in text
    assert_no_clipped_text(with_buttons)


def test_template_entry_sheet_prints_its_header_not_pages_of_spare_rows(template_file):
    """A static print area (header and one row): LibreOffice and WPS ignore a formula print area
    and printed the 300 spare rows as two A3 pages of empty table."""
    book = openpyxl.load_workbook(template_file)
    assert book.sheetnames[:2] == ["填报", names.GUIDE_SHEET]
    ws = book["填报"]
    assert_print_setup(ws, title_rows="1:3", paper=8)
    assert_no_clipped_text(ws)
    with zipfile.ZipFile(template_file) as z:
        workbook_xml = z.read("xl/workbook.xml").decode()
    (area,) = re.findall(r'<definedName name="_xlnm.Print_Area" localSheetId="0">([^<]+)<', workbook_xml)
    assert area.replace("'", "") == f"填报!$A$1:$Q${FIRST_DATA_ROW + 1}"


def test_the_buttons_move_the_print_area_to_the_filled_rows(seed_path, seed_table):
    from test_excel_buttons import template_book

    from perfgoals_xl.entry.rows import entry_rows

    last = len(entry_rows(seed_table))  # 1-based row of the last indicator
    book = template_book(seed_table, spare=5)
    (setup,) = buttons.validate(book).of_type(PageSetup)
    assert setup.print_area == f"A1:Q{last}"
    empty = template_book(spare=5)
    (setup,) = buttons.import_table(empty, path=seed_path).of_type(PageSetup)
    assert setup.print_area == f"A1:Q{last}"  # the imported rows print
    (setup,) = buttons.import_table(book, path=seed_path).of_type(PageSetup)
    assert setup.print_area == f"A1:Q{last + last - FIRST_DATA_ROW}"  # appended below: both print


def test_department_source_note_stays_beside_the_printed_table(entry_file):
    from perfgoals_xl.sources import read_table

    ws = openpyxl.load_workbook(entry_file)["填报"]
    notes = [c for row in ws.iter_rows(max_row=3) for c in row
             if isinstance(c.value, str) and c.value.startswith("部门名称来源")]
    (note,) = notes
    assert note.column > len(COLUMNS)  # right of the table: not in the print area (A:Q)
    assert read_table(entry_file).department_source == "label"  # still read back


def test_guide_tables_repeat_their_header_on_every_page():
    from perfgoals_xl.entry.guide import PAGE_BODY, paged_rows, row_height

    rows, breaks = paged_rows(guide_rows())
    assert breaks, "the guide takes several pages"
    pages = [rows[a:b] for a, b in zip([0, *breaks], [*breaks, len(rows)], strict=True)]
    for page in pages[1:]:
        kind, _ = page[0]
        assert kind in ("head", "section", "text")  # a table row never opens a page without its header
        assert sum(row_height(*r) + 6 * (r[0] == "section") for r in page) <= PAGE_BODY
    assert [r for r in rows if r[0] != "head"] == [r for r in guide_rows() if r[0] != "head"]


def _px(widths: list[float]) -> int:
    return sum(int(w * 7 + 5) for w in widths)


def test_template_buttons_are_on_screen_in_the_frozen_title_row(template_file):
    with zipfile.ZipFile(template_file) as z:
        vml = z.read("xl/drawings/vmlDrawing1.vml").decode()
    anchors = [tuple(int(v) for v in a.split(",")) for a in re.findall(r"<x:Anchor>([^<]+)</x:Anchor>", vml)]
    assert len(anchors) == len(names.BUTTONS)
    widths = [c.width for c in COLUMNS]
    for col, _dx, row, _, col2, dx2, row2, _ in anchors:
        assert row == row2 == 0  # the title row: frozen, visible however far one scrolls down
        assert col >= 2  # right of the title (A1 over B1)
        right = _px(widths[:col2]) + dx2
        assert right <= 1000, right  # on screen when the workbook opens (not ~2,400 px right)
    ws = openpyxl.load_workbook(template_file)["填报"]
    bottom = max(a[7] for a in anchors)  # dy2 of the lowest button, pixels into row 1
    assert ws.row_dimensions[1].height / 0.75 >= bottom  # the title row holds every button


def test_guide_button_creates_the_sheet_in_bulk_then_only_activates_it():
    book = json_book({names.ENTRY_SHEET: [["x"]]})
    plan = guide_plan(book)
    rows, breaks = paged_rows(guide_rows())  # the pages of the written workbook's 填报说明
    (block,) = plan.of_type(WriteValues)
    assert len(block.values) == len(rows) > len(guide_rows())  # a table's header again on its next page
    (merges,) = plan.of_type(MergeAreas)
    assert len(merges.areas) == sum(kind in ("title", "section", "text") for kind, _ in rows)
    (heights,) = plan.of_type(RowHeights)
    assert sum(len(areas) for _, areas in heights.heights) <= len(rows)
    (setup,) = plan.of_type(PageSetup)
    assert (setup.paper, setup.landscape, setup.fit_width, setup.fit_height) == ("A4", True, 1, 0)
    assert setup.row_breaks == tuple(b + 1 for b in breaks) and breaks  # each page starts where the writer's does
    for b in breaks:  # the row after a break is a heading or a repeated table header, never a cut row
        assert rows[b][0] in ("section", "head", "text"), rows[b]
    buttons.show_guide(book)
    (add,) = [a for a in on_sheet(book, names.GUIDE_SHEET) if a["func"] == "addSheet"] or [
        a for a in book.json()["actions"] if a["func"] == "addSheet"]
    assert add["args"][1] == names.GUIDE_SHEET
    assert funcs(book)[-2:] == ["activateSheet", "rangeSelect"]
    again = json_book({names.ENTRY_SHEET: [["x"]], names.GUIDE_SHEET: [["填报说明"]]})
    assert [type(op).__name__ for op in guide_plan(again).operations] == ["Activate"]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")
def test_entry_workbook_renders_as_a_readable_page(entry_file, tmp_path):
    """LibreOffice prints 填报 on one A3 page (not 17 portrait pages), at a readable size, with the
    fund unit's name whole; then the guide."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    pdf = render_pdf(entry_file, tmp_path / "pdf")
    pages = list(extract_pages(pdf))
    assert [p.width > p.height for p in pages] == [True] * len(pages)  # landscape throughout
    assert sum(p.width > 1000 for p in pages) == 1  # 填报 on one A3 page; the rest is 填报说明 (A4)

    def chars(page):
        return [ch for el in page if isinstance(el, LTTextContainer) for line in el for ch in line
                if isinstance(ch, LTChar)]

    first = chars(pages[0])
    text = "".join(ch.get_text() for ch in first)
    assert "资金使用单位" in text and "驻京工作保障" in text and "第1页" in text.replace(" ", "")
    assert statistics.median(ch.size for ch in first) >= 6.0
    assert "填报说明" in "".join(ch.get_text() for ch in chars(pages[1]))



SELFEVAL_PAGE = "tests/corpus/ah-guichi-2022-selfeval-weituo/page.html"  # a real 自评表 (36 columns filled)


@pytest.fixture(scope="module")
def wide_entry_file(tmp_path_factory):
    from perfgoals_xl.sources import read_table

    path = tmp_path_factory.mktemp("wide") / "wide.xlsx"
    write_entry_workbook(read_table(SELFEVAL_PAGE), path)
    return path


def test_wide_entry_sheet_prints_each_column_group_on_pages_of_its_own(wide_entry_file):
    """A table read from a 自评表 fills the 绩效自评 and 申报表 columns: one A3 page wide printed
    34 columns at a third of their size. Each group now starts a page, at one readable scale,
    with 资金使用单位 and 项目名称 repeated at the left."""
    from perfgoals_xl.entry.print_area import GROUP_STARTS, column_pages

    ws = openpyxl.load_workbook(wide_entry_file)["填报"]
    breaks = [b.id for b in ws.col_breaks.brk]
    assert breaks == list(GROUP_STARTS)  # a break after column id (0-based start = 1-based previous)
    assert not ws.sheet_properties.pageSetUpPr.fitToPage  # fitting would drop the manual breaks
    _, scale = column_pages(len(COLUMNS) - 1)
    assert int(ws.page_setup.scale) == scale and 50 <= scale < 100
    assert (ws.print_title_cols or "").replace("$", "") == "A:B"
    assert (ws.print_title_rows or "").replace("$", "") == "1:3"


def test_the_buttons_print_the_wide_sheet_the_same_way(wide_entry_file):
    from perfgoals_xl.entry.print_area import GROUP_STARTS

    rows = [[c.value for c in row] for row in openpyxl.load_workbook(wide_entry_file)["填报"].iter_rows()]
    setup = buttons.entry_page_setup(rows)
    assert setup.column_breaks == tuple(s + 1 for s in GROUP_STARTS)
    assert setup.print_title_columns == "$A:$B" and setup.zoom >= 50
    narrow = buttons.entry_page_setup(rows[:FIRST_DATA_ROW])  # the header alone: one page wide
    assert (narrow.zoom, narrow.column_breaks) == (0, ())


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")
def test_wide_entry_sheet_renders_one_page_per_column_group(wide_entry_file, tmp_path):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    pdf = render_pdf(wide_entry_file, tmp_path / "pdf")
    sheet_pages = [p for p in extract_pages(pdf) if p.width > 1000]  # 填报 (A3); the guide is A4
    assert len(sheet_pages) == 3  # goal table | 绩效自评 | 申报表: no column spilled onto a page alone
    texts = []
    for page in sheet_pages:
        chars = [ch for el in page if isinstance(el, LTTextContainer) for line in el for ch in line
                 if isinstance(ch, LTChar)]
        texts.append("".join(ch.get_text() for ch in chars))
        assert statistics.median(ch.size for ch in chars) >= 4.5  # was ~3 pt on one page wide
        assert "委托业务项目" in texts[-1]  # the project's name on every page
    assert "三级指标" in texts[0] and "实际完成值" in texts[1] and "项目编码" in texts[2]
