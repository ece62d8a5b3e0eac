"""`perfgoals report --form`: one 申报表 sheet per project, print-ready, and read back to an equal model."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from form_fixtures import as_grouped, docx_forms, form_88, form_provincial, form_scoring
from hypothesis import given
from hypothesis import strategies as st

from perfgoals_xl.cli import main
from perfgoals_xl.model import Indicator, Project
from perfgoals_xl.report.form_layout import MAX_SHEET_NAME, build_form_layout, sheet_names
from perfgoals_xl.report.forms import write_forms
from perfgoals_xl.sources import read_table
from perfgoals_xl.values import parse_value

SOFFICE = shutil.which("soffice")


def test_seed_written_as_forms_reads_back_equal(seed_path: Path, seed_table, tmp_path: Path) -> None:
    out = tmp_path / "申报表.xlsx"
    assert main(["report", str(seed_path), "-o", str(out), "--form"]) == 0
    back = read_table(out)
    assert back.layout == "form"
    assert back == as_grouped(seed_table)  # the form groups indicators by 一级/二级 (next test)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [p.name for p in seed_table.projects()]


def test_every_fixture_variant_round_trips_through_forms(tmp_path: Path) -> None:
    source = docx_forms(tmp_path / "forms.docx", [form_88()[0], form_provincial()[0], form_scoring()[0]])
    table = read_table(source)
    out = write_forms(table, tmp_path / "out.xlsx")
    back = read_table(out)
    assert back == as_grouped(table)  # extras, mid-term amounts, weights, directions, natures, codes included
    assert [p.extras for p in back.projects()] == [p.extras for p in table.projects()]


def test_report_without_form_stays_the_department_table(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "报表.xlsx"
    assert main(["report", str(seed_path), "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == ["项目支出绩效目标表"]


@given(st.lists(st.text(min_size=0, max_size=50), min_size=1, max_size=12))
def test_sheet_names_are_valid_and_unique(names: list[str]) -> None:
    result = sheet_names([Project(name=n) for n in names])
    assert len(result) == len(names)
    assert len({r.lower() for r in result}) == len(result)
    for r in result:
        assert 0 < len(r) <= MAX_SHEET_NAME
        assert not set(r) & set("[]:*?/\\")
        assert not r.startswith("'") and not r.endswith("'")


def _indicator(n: int, name: str = "") -> Indicator:
    return Indicator(seq=n, level1_code="1", level1="产出指标", level2_code="11", level2="数量指标",
                     name=name or f"指标{n}", period_value=parse_value("10个"), annual_value=parse_value("5个"))


def test_print_setup_and_row_heights(seed_table) -> None:
    project = seed_table.projects()[0]
    layout = build_form_layout(seed_table, project, seed_table.units[0].name)
    setup = layout.print_setup
    assert (setup.paper, setup.landscape, setup.fit_width, setup.fit_height) == ("A4", False, 1, 1)
    goal_row = next(c.row for c in layout.cells if c.value == project.goal)
    assert layout.row_heights[goal_row] >= 2 * 14.5  # the goal wraps: its row is tall enough for two lines
    assert all(c.style in layout.styles for c in layout.cells)
    long_goal = Project(name="长项目", goal="保障" * 300, indicators=[_indicator(n) for n in range(1, 61)])
    long = build_form_layout(seed_table, long_goal, "单位")
    assert long.print_setup.fit_height == 0  # too tall for one page: pages follow, width still fits
    first_data = next(c.row for c in long.cells if c.value == "指标1")
    # no merged cell crosses the grid's rows (a merge cut by a page break prints half its text)
    assert not [m for m in long.merges if m.last_row > m.first_row and m.last_row >= first_data]
    assert max(long.row_heights.values()) <= 409.0


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: cannot render the forms")
def test_forms_render_one_page_each_with_their_names(seed_path: Path, seed_table, tmp_path: Path) -> None:
    import pdfplumber

    out = write_forms(seed_table, tmp_path / "forms.xlsx")
    profile = (tmp_path / "lo").as_uri()
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    with pdfplumber.open(tmp_path / "forms.pdf") as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
        for page in pdf.pages:
            assert page.width < page.height  # portrait
    projects = seed_table.projects()
    assert len(pages) == len(projects)
    for page, project in zip(pages, projects, strict=True):
        assert project.name in page.replace("\n", "")
        assert "项目支出绩效目标申报表" in page
        last = project.indicators[-1].name
        assert last[:6] in page.replace("\n", "")  # the last indicator is on the page, not clipped away


def test_excel_button_writes_one_form_sheet_per_project(seed_table) -> None:
    from test_excel_buttons import template_book, values_of, writes
    from test_excel_json_engine import actions

    from perfgoals_xl.entry import entry_rows, table_from_entry_rows
    from perfgoals_xl.excel import buttons
    from perfgoals_xl.excel.names import ENTRY_SHEET
    from perfgoals_xl.excel.plan import StatusBar

    book = template_book(seed_table)
    plan = buttons.forms(book)
    names = [a["args"][1] for a in actions(book) if a["func"] == "addSheet"]
    projects = seed_table.projects()
    assert names == [buttons.FORM_SHEET_PREFIX + p.name for p in projects]
    table = table_from_entry_rows(values_of(entry_rows(seed_table, spare_rows=3)), sheet=ENTRY_SHEET,
                                  file=book.name)
    layout = build_form_layout(table, table.projects()[0], table.units[0].name)
    (block,) = writes(book, names[0])
    got = block["values"]
    for cell in layout.cells:
        want = "" if cell.value is None else (float(cell.value) if not isinstance(cell.value, str) else cell.value)
        assert got[cell.row][cell.col] == want, (cell.row, cell.col)
    assert "5 个项目" in plan.of_type(StatusBar)[0].text


def test_excel_button_with_no_project_says_so() -> None:
    from test_excel_buttons import template_book
    from test_excel_json_engine import actions

    from perfgoals_xl.excel import buttons

    book = template_book()
    buttons.forms(book)
    (alert,) = actions(book)
    assert alert["args"][0] == "“填报”表中还没有项目，无法生成申报表"


def test_indicators_are_grouped_by_level_with_a_note(seed_table, tmp_path: Path) -> None:
    from perfgoals_xl.report.form_layout import ORDER_NOTE, grouped_indicators

    project = seed_table.projects()[0]  # read as 2-效益, 1-产出, 3-满意度, 1-产出, …
    grouped = grouped_indicators(project.indicators)
    assert sorted(map(id, grouped)) == sorted(map(id, project.indicators))
    levels = [(i.level1_code, i.level2_code) for i in grouped]
    assert levels == sorted(levels)  # one block per 一级, one per 二级 inside it
    read = [i.name for i in project.indicators if i.level2_code == "11"]
    assert [i.name for i in grouped if i.level2_code == "11"] == read  # order inside a group: as read
    layout = build_form_layout(seed_table, project, seed_table.units[0].name)
    level1_cells = [c for c in layout.cells if c.col == 1 and c.value and c.value.startswith("1-")]
    assert len(level1_cells) == 1  # 1-产出指标: one merged block, not three
    assert layout.value_at(layout.n_rows - 1, 0) == ORDER_NOTE
    in_order = Project(name="已归类", indicators=[_indicator(1), _indicator(2)])
    plain = build_form_layout(seed_table, in_order, "单位")
    assert ORDER_NOTE not in [c.value for c in plain.cells]  # no note when nothing moved
    out = write_forms(seed_table, tmp_path / "forms.xlsx")
    back = read_table(out)
    assert [p.extras for p in back.projects()] == [{} for _ in back.projects()]  # the note is no field


def test_a_long_form_repeats_the_grid_header_and_names_the_project(seed_table, tmp_path: Path) -> None:
    from sheetcheck import assert_no_clipped_text

    long = Project(name="长项目&测试", goal="保障" * 30, indicators=[_indicator(n) for n in range(1, 61)])
    layout = build_form_layout(seed_table, long, "单位")
    first, last = layout.print_setup.repeat_rows
    assert [layout.value_at(first, 2), layout.value_at(last, 3)] == ["中期指标", "三级指标"]
    assert layout.print_setup.header == "&L项目支出绩效目标申报表：长项目&&测试"
    seed_table.units[0].projects = [long]
    out = write_forms(seed_table, tmp_path / "long.xlsx")
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws.print_title_rows == f"${first + 1}:${last + 1}"
    assert "长项目&&测试" in ws.oddHeader.left.text
    assert_no_clipped_text(ws)
    assert read_table(out).projects()[0].indicators == as_grouped(seed_table).projects()[0].indicators


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: cannot render the forms")
def test_continuation_pages_print_the_grid_header_and_the_project(seed_table, tmp_path: Path) -> None:
    import pdfplumber

    long = Project(name="长项目续页", indicators=[_indicator(n) for n in range(1, 61)])
    seed_table.units[0].projects = [long]
    out = write_forms(seed_table, tmp_path / "long.xlsx")
    profile = (tmp_path / "lo").as_uri()
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    with pdfplumber.open(tmp_path / "long.pdf") as pdf:
        pages = [(page.extract_text() or "").replace("\n", "") for page in pdf.pages]
    assert len(pages) > 1
    for page in pages[1:]:
        assert "长项目续页" in page and "三级指标" in page and "中期指标" in page
    back = read_table(tmp_path / "long.pdf")
    assert len(back.projects()[0].indicators) == 60  # the repeated header rows are no indicators
