"""The entry workbook (填报): written filled, read back equal — also after a person's edits."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from perfgoals_xl.entry import (
    HEADERS,
    Formula,
    entry_rows,
    expand_pasted_strings,
    read_entry_workbook,
    table_from_entry_rows,
    write_entry_workbook,
)
from perfgoals_xl.entry.layout import COLUMNS, FIRST_DATA_ROW, INDEX
from perfgoals_xl.errors import InputError, OutputError
from perfgoals_xl.grammar import parse
from perfgoals_xl.model import Amounts, FundUnit, Indicator, PerfTable, Project
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sources import read_table, sniff
from perfgoals_xl.values import parse_value


def _cells(path, sheet="填报"):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _row_of(rows, column, text):
    return next(i for i, r in enumerate(rows) if len(r) > INDEX[column] and r[INDEX[column]] == text)


def test_seed_round_trip_gives_an_equal_model(tmp_path, seed_table):
    out = write_entry_workbook(seed_table, tmp_path / "entry.xlsx")
    assert sniff(out) == "entry"
    back = read_table(out)
    assert back.layout == "entry"
    assert back == seed_table
    # only the amount-column assumptions the text reader made (PG-S10, kept as cell notes)
    assert {p.code for p in back.problems} == {"S10"}
    assert len(back.problems) == len([p for p in seed_table.problems if p.code == "S10"])
    # level names stay as the source wrote them (经济效益 without 指标)
    first = back.projects()[0].indicators[0]
    assert (first.level1_code, first.level1, first.level2_code, first.level2) == ("2", "效益指标", "21", "经济效益")
    # every value keeps its sheet + cell
    assert first.field_locations["name"].sheet == "填报"
    assert first.field_locations["name"].cell == "K6"
    assert first.field_locations["annual_value"].cell == "M6"
    assert back.projects()[0].field_locations["fiscal"].cell == "D6"
    assert str(first.location) == f"{out}:填报!K6"


def test_import_command_path_writes_the_entry_workbook(tmp_path, seed_table):
    out = write_data(seed_table, tmp_path / "entry.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["填报", "填报说明", "指标体系"]
    assert wb["指标体系"].sheet_state == "hidden"
    ws = wb["填报"]
    assert [c.value for c in ws[3]][:len(HEADERS)] == list(HEADERS)  # the 部门名称来源 note is beside it
    assert ws.freeze_panes == "C4"
    assert ws.column_dimensions["K"].width > 20
    hints = {str(dv.sqref): dv.prompt for dv in ws.data_validations.dataValidation if dv.prompt}
    assert "总计" in hints["C3"] and "公式" in hints["C3"]
    lists = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists["I4"].formula1 == "一级指标列表" and lists["I4"].errorStyle == "warning"
    assert lists["J4"].formula1 == "INDIRECT($I4)"
    assert {"产出指标", "效益指标", "满意度指标", "成本指标", "一级指标代码表"} <= set(wb.defined_names.keys())
    # 总计 is a formula with its value cached; codes are lookup formulas with cached codes
    row = _row_of([[c.value for c in r] for r in ws.iter_rows()], "project", "驻京工作保障") + 1
    assert ws[f"C{row}"].value.startswith("=IF(COUNT(D")
    assert ws[f"P{row}"].value.startswith("=IF(") and "VLOOKUP" in ws[f"P{row}"].value
    cached = openpyxl.load_workbook(out, data_only=True)["填报"]
    assert cached[f"C{row}"].value == 177.4
    assert (cached[f"P{row}"].value, cached[f"Q{row}"].value) == ("2", "21")


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    values = ["=1+1", "+100", "-5%", "@SUM(A1)", "=HYPERLINK(\"http://x\")"]
    project = Project("项目=1", amounts=Amounts(total=Decimal("1"), fiscal=Decimal("1")),
                      goal="=cmd|' /C calc'!A0")
    for n, v in enumerate(values, 1):
        item = parse(f"{n}、1-产出指标；11-数量指标；指标{n}；实施周期指标值:{v}；年度指标值:{v}。").items[0]
        project.indicators.append(item)
    table = PerfTable(department="部门", units=[FundUnit("单位", projects=[project])])
    out = write_entry_workbook(table, tmp_path / "e.xlsx")
    ws = openpyxl.load_workbook(out)["填报"]
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    formulas = {c.coordinate for c in texts if c.data_type == "f"}
    strings = {c.value for c in texts if c.data_type == "s"}
    assert set(values) <= strings and "=cmd|' /C calc'!A0" in strings
    assert all(ws[c].column_letter in "CPQ" for c in formulas)  # only our own formula columns
    assert read_entry_workbook(out) == table


def test_total_that_disagrees_with_its_parts_is_written_as_a_number(tmp_path):
    amounts = Amounts(total=Decimal("100"), fiscal=Decimal("60"), other=Decimal("30"))
    table = PerfTable(department="部门", units=[FundUnit("单位", projects=[Project("甲", amounts=amounts),
                                                                           Project("乙", amounts=Amounts(total=Decimal(5)))])])
    out = write_entry_workbook(table, tmp_path / "e.xlsx")
    ws = openpyxl.load_workbook(out)["填报"]
    assert ws["C4"].value == 100 and ws["C5"].value == 5  # numbers, not formulas
    back = read_entry_workbook(out)
    assert back == table
    assert back.projects()[0].amounts.total - back.projects()[0].amounts.parts_sum() == Decimal(10)


def test_unknown_codes_survive_and_missing_codes_get_the_spare_rows_formulas(tmp_path):
    items = parse("1、2-产出指标；21-数量指标；甲；实施周期指标值:1；年度指标值:1。"
                  "2、产出指标；数量指标；乙；实施周期指标值:2；年度指标值:2。").items
    table = PerfTable(units=[FundUnit("单位", projects=[Project("项目", indicators=items)])])
    out = write_entry_workbook(table, tmp_path / "e.xlsx")
    ws = openpyxl.load_workbook(out)["填报"]
    spare = ws.max_row
    assert (ws["P4"].value, ws["Q4"].value) == ("2", "21")  # as written (the formula would give 1, 11)
    for col in "PQ":  # imported row without codes: the same formula as a spare row
        assert ws[f"{col}5"].value.startswith("=IF(") and ws[f"{col}{spare}"].value.startswith("=IF(")
        assert ws[f"{col}5"].value == ws[f"{col}{spare}"].value.replace(f"{spare}", "5")
    back = read_entry_workbook(out)
    assert [(i.level1_code, i.level2_code) for i in back.projects()[0].indicators] == [("2", "21"), ("1", "11")]


def _edit_like_a_person(path):
    """Edits a person makes in Excel: merged project and level cells, numbers typed, stray spaces."""
    wb = openpyxl.load_workbook(path)
    ws = wb["填报"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    start = _row_of(rows, "project", "车辆租用经费") + 1  # 1-based; 4 indicators
    ws.merge_cells(f"B{start}:B{start + 3}")
    ws.merge_cells(f"G{start}:G{start + 3}")
    # levels: blank continuation cells where the level repeats (車 project: 产出/时效, 产出/数量)
    ws[f"I{start + 1}"] = None
    ws[f"P{start + 1}"] = None
    ws[f"L{start + 1}"] = 4  # 实施周期指标值 "4" typed as a number
    ws[f"M{start}"] = 1.0  # "100%" typed as 1 with a percent format
    ws[f"M{start}"].number_format = "0%"
    ws[f"K{start + 2}"] = "  车辆安全保障 "  # stray spaces
    ws[f"I{start + 3}"] = " 满意度指标\u3000"
    wb.save(path)


def test_person_edits_read_back_equal(tmp_path, seed_table):
    out = write_entry_workbook(seed_table, tmp_path / "entry.xlsx")
    _edit_like_a_person(out)
    # openpyxl keeps formulas but drops cached values: 总计 and codes are computed on reading
    assert _cells(out)[_row_of(_cells(out), "project", "车辆租用经费")][INDEX["total"]] == ""
    back = read_entry_workbook(out)
    assert back == seed_table
    project = back.projects()[1]
    assert project.indicators[1].field_locations["level1"] == project.indicators[0].field_locations["level1"]
    assert project.indicators[1].period_value.raw == "4"
    assert project.indicators[0].annual_value.raw == "100%"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_recalculates_to_the_same_model(tmp_path, seed_table, lo_profile):
    """LibreOffice evaluates our formulas (total, code lookups, INDIRECT lists) like the cache says."""
    out = write_entry_workbook(seed_table, tmp_path / "entry.xlsx")
    _edit_like_a_person(out)  # no cached values left: LibreOffice must calculate them
    wb = openpyxl.load_workbook(out)
    ws = wb["填报"]
    spare = len(HEADERS)  # scratch cells right of the last column
    ws.cell(6, spare + 1, "=ROWS(INDIRECT(I6))")
    ws.cell(6, spare + 2, "=INDEX(INDIRECT(I7),2)")
    wb.save(out)
    conv = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", lo_profile, "--calc", "--convert-to", "xlsx", "--outdir", str(conv), str(out)],
                   check=True, capture_output=True, timeout=180)
    saved = conv / "entry.xlsx"
    rows = _cells(saved)
    assert rows[5][spare:spare + 2] == [4.0, "质量指标"]  # 效益指标 has 4 children; 产出指标's 2nd is 质量指标
    r = _row_of(rows, "project", "车辆租用经费")
    assert rows[r][INDEX["total"]] == 34.3
    assert rows[r + 1][INDEX["level1_code"]] == "" and rows[r + 1][INDEX["level2_code"]] == "11"
    assert read_entry_workbook(saved) == seed_table


def test_pasted_legacy_string_is_expanded_on_reading(tmp_path):
    text = ("1、1-产出指标；11-数量指标；报送调研报告数量；实施周期指标值:12；年度指标值:12篇。"
            "2、3-满意度指标；31-服务对象满意度；满意度；实施周期指标值:≥95%；年度指标值:≥95%。"
            "3、产出指标；缺少指标值。")
    rows = [list(r) for r in entry_rows(PerfTable(department="部门"))]
    row = [None] * len(HEADERS)
    row[INDEX["fund_unit"]], row[INDEX["project"]], row[INDEX["legacy"]] = "单位", "项目", text
    rows.append(row)
    table = table_from_entry_rows(rows, file="x.xlsx")
    project = table.projects()[0]
    assert [i.name for i in project.indicators] == ["报送调研报告数量", "满意度"]
    assert project.indicators[0].field_locations["item"].cell == f"R{FIRST_DATA_ROW + 1}"
    assert [(p.code, p.location.cell) for p in table.problems] == [("S01", "R4")]
    # the 拆分指标 button: rows come back with one row per item, the bad text left in the cell
    expanded = expand_pasted_strings(rows)
    assert len(expanded) == len(rows) + 1
    assert expanded[FIRST_DATA_ROW][INDEX["name"]] == "报送调研报告数量"
    assert expanded[FIRST_DATA_ROW][INDEX["legacy"]] == "3、产出指标；缺少指标值。"
    assert expanded[FIRST_DATA_ROW + 1][INDEX["level1"]] == "满意度指标"
    assert str(expanded[FIRST_DATA_ROW + 1][INDEX["total"]]).startswith("=IF(COUNT(D5:F5)")
    again = table_from_entry_rows(expanded)
    assert again.projects()[0].indicators == project.indicators


def test_rows_functions_round_trip_in_memory(seed_table):
    rows = entry_rows(seed_table)
    assert rows[2] == list(HEADERS)
    assert table_from_entry_rows(rows) == seed_table


def test_numbers_typed_in_value_cells_read_as_their_text():
    rows = entry_rows(PerfTable())
    row = [None] * len(HEADERS)
    row[INDEX["project"]], row[INDEX["level1"]], row[INDEX["level2"]] = "项目", "产出指标", "数量指标"
    row[INDEX["name"]], row[INDEX["period_value"]], row[INDEX["annual_value"]] = "数", 12.0, 0.95
    rows.append(row)
    table = table_from_entry_rows(rows, number_formats={(FIRST_DATA_ROW, INDEX["annual_value"]): "0.0%"})
    ind = table.projects()[0].indicators[0]
    assert (ind.period_value, ind.annual_value) == (parse_value("12"), parse_value("95%"))
    assert ind.level1_code is None  # no cached formula value in memory: codes are the sheet's business


def test_not_an_entry_workbook_is_refused(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.active["A1"] = "随便"
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(InputError, match="填报"):
        read_entry_workbook(tmp_path / "other.xlsx")
    wb = openpyxl.Workbook()
    wb.active.title = "填报"
    wb.active["A1"] = "没有表头"
    wb.save(tmp_path / "empty.xlsx")
    with pytest.raises(InputError, match="表头"):
        read_entry_workbook(tmp_path / "empty.xlsx")


def test_writing_is_atomic_and_never_overwrites(tmp_path, seed_table, monkeypatch):
    target = tmp_path / "e.xlsx"
    target.write_bytes(b"keep me")
    with pytest.raises(OutputError):
        write_entry_workbook(seed_table, target)
    assert target.read_bytes() == b"keep me"

    import perfgoals_xl.entry.writer as writer

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer, "_validations", broken)
    with pytest.raises(RuntimeError):
        write_entry_workbook(seed_table, tmp_path / "new.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.xlsx"]


_TEXT = st.text(alphabet=st.sampled_from(list("项目单位数量质量≥≤=+-@%年月底前0123456789.，、；：甲乙丙")),
                min_size=1, max_size=12).filter(lambda s: s.strip() == s and s not in {"合计", "总计"})
_AMOUNT = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**7, places=2).map(lambda d: d.normalize()))


@st.composite
def _tables(draw):
    from perfgoals_xl.framework import LEVEL1

    units = []
    for u in range(draw(st.integers(1, 2))):
        projects = []
        for p in range(draw(st.integers(1, 3))):
            fiscal, other = draw(_AMOUNT), draw(_AMOUNT)
            total = draw(st.sampled_from(["sum", "none", "other"]))
            parts = [a for a in (fiscal, other) if a is not None]
            amounts = Amounts(
                total=sum(parts, Decimal(0)) if total == "sum" and parts else None if total != "other"
                else Decimal("1.5"), fiscal=fiscal, other=other)
            indicators = []
            for n in range(draw(st.integers(0, 3))):
                lv = draw(st.sampled_from(LEVEL1))
                child = draw(st.sampled_from(lv.children))
                coded = draw(st.booleans())
                indicators.append(Indicator(
                    seq=draw(st.one_of(st.none(), st.just(n + 1))), level1_code=lv.code if coded else None,
                    level1=lv.name, level2_code=child.code if coded else None, level2=child.name,
                    name=draw(_TEXT), period_value=parse_value(draw(_TEXT)), annual_value=parse_value(draw(_TEXT)),
                    weight=draw(st.one_of(st.none(), st.integers(0, 100).map(float))),
                    direction=draw(st.one_of(st.none(), st.sampled_from(["正向", "反向"])))))
            projects.append(Project(f"项目{u}-{p}{draw(_TEXT)}", amounts=amounts, goal=draw(st.one_of(st.just(""), _TEXT)),
                                    indicators=indicators))
        units.append(FundUnit(f"单位{u}{draw(_TEXT)}", projects=projects))
    return PerfTable(department=draw(_TEXT), units=units)


@given(_tables())
@settings(max_examples=60, deadline=None)
def test_any_table_round_trips_through_the_entry_rows(table):
    from perfgoals_xl.codes import with_codes

    for project in table.projects():  # rows without codes get the code formulas: codes come back
        project.indicators = [with_codes(i) for i in project.indicators]
    assert table_from_entry_rows(entry_rows(table)) == table


def _assumed(table):
    return ([("合计", table.amounts.assumed)] + [(u.name, u.amounts.assumed) for u in table.units]
            + [(p.name, p.amounts.assumed) for p in table.projects()])


def test_assumed_amount_columns_survive_the_entry_workbook(tmp_path, seed_path, seed_table):
    """PG-S10 (amount column assumed by the text reader) is kept as a note on the amount cell."""
    from perfgoals_xl.rules import check_table

    out = tmp_path / "e.xlsx"
    write_entry_workbook(seed_table, out)
    back = read_table(out)
    assert _assumed(back) == _assumed(seed_table) and any(a for _, a in _assumed(back))
    # one finding for the rows of one kind (issue 22), marking every noted cell, in sheet order
    (s10,) = [i for i in check_table(back) if i.code == "PG-S10"]
    cells = s10.location.cells
    assert len(cells) == sum(1 for _, a in _assumed(seed_table) if a)
    assert list(cells) == sorted(cells, key=lambda c: int(c[1:]))
    assert all(c.startswith("D") for c in cells)  # 财政拨款, where the value was put
    assert s10.message.startswith(f"{len(cells)} 行金额")
    # the person checked the amounts and deleted the notes: the finding goes away
    wb = openpyxl.load_workbook(out)
    for row in wb["填报"].iter_rows():
        for cell in row:
            cell.comment = None
    wb.save(out)
    back = read_table(out)
    assert not any(a for _, a in _assumed(back))
    assert not [i for i in check_table(back) if i.code == "PG-S10"]
    assert back == seed_table


def test_assumed_note_names_the_columns():
    from perfgoals_xl.assumed_notes import assumed_note, parse_assumed_note

    for assumed in (("fiscal",), ("fiscal", "special"), ("special", "other")):
        assert parse_assumed_note(assumed_note(assumed)) == assumed
    assert parse_assumed_note("请核对") is None


def _workbook_content(path):
    """What a person sees in every sheet, as openpyxl reads it: each cell's value, number format,
    font, fill, border, alignment and note; row heights, column widths, dropdowns and hints,
    conditional formats, print setup, panes, filter; the workbook's defined names."""
    book = openpyxl.load_workbook(path)
    content = {"names": sorted((n, d.attr_text) for n, d in book.defined_names.items())}
    for ws in book.worksheets:
        cells = {c.coordinate: (c.value, c.number_format, repr(c.font), repr(c.fill), repr(c.border),
                                repr(c.alignment), c.comment.text if c.comment else None)
                 for row in ws.iter_rows() for c in row if c.value is not None or c.has_style}
        setup = (ws.print_area, ws.print_title_rows, ws.print_title_cols, ws.page_setup.orientation,
                 ws.page_setup.paperSize, ws.page_setup.scale, ws.page_setup.fitToWidth, ws.freeze_panes,
                 ws.auto_filter.ref, ws.oddHeader.center.text, ws.oddFooter.center.text,
                 [b.id for b in ws.col_breaks.brk], [b.id for b in ws.row_breaks.brk], ws.sheet_state,
                 ws.dimensions)
        content[ws.title] = (
            cells, {k: v.height for k, v in ws.row_dimensions.items() if v.height is not None},
            {k: (v.width, v.hidden) for k, v in ws.column_dimensions.items()},
            [(str(d.sqref), d.type, d.formula1, d.errorStyle, d.error, d.prompt, d.promptTitle)
             for d in ws.data_validations.dataValidation],
            [(str(r.sqref), [repr(x.dxf) for x in r.rules]) for r in ws.conditional_formatting], setup)
    return content


def test_a_large_table_streams_the_entry_sheet_with_the_same_content(tmp_path, seed_table, monkeypatch):
    """Above STREAM_ROWS the 填报 sheet is written row by row (XlsxWriter's constant_memory): its
    text inline instead of in the shared-string table, every cell, format, height, note, dropdown
    and the print setup the same as the workbook written in memory."""
    from perfgoals_xl.entry import writer

    seed_table.department_source = "title"  # the note beside the department line, written in its row
    kept = write_entry_workbook(seed_table, tmp_path / "kept.xlsx")
    monkeypatch.setattr(writer, "STREAM_ROWS", 0)
    streamed = write_entry_workbook(seed_table, tmp_path / "streamed.xlsx")
    with zipfile.ZipFile(kept) as a, zipfile.ZipFile(streamed) as b:
        assert 't="inlineStr"' not in a.read("xl/worksheets/sheet1.xml").decode()
        assert 't="inlineStr"' in b.read("xl/worksheets/sheet1.xml").decode()  # it did stream
    assert _workbook_content(kept) == _workbook_content(streamed)
    ws = openpyxl.load_workbook(streamed)["填报"]
    assert ws.cell(row=2, column=len(COLUMNS) + 1).value == "部门名称来源：标题"
    assert sum(1 for row in ws.iter_rows() for c in row if c.comment) == sum(1 for _, a in _assumed(seed_table) if a)
    back = read_table(streamed)
    assert back == seed_table and back.department_source == "title"
    assert [p.code for p in back.problems] == [p.code for p in read_table(kept).problems]


def test_a_failed_streamed_write_leaves_no_row_file(tmp_path, seed_table, monkeypatch):
    from perfgoals_xl.entry import writer

    monkeypatch.setattr(writer, "STREAM_ROWS", 0)
    made = []

    def broken(ws, last):
        made.append(ws.row_data_filename)
        raise OSError("disk full")

    monkeypatch.setattr(writer, "_validations", broken)
    with pytest.raises(OutputError):
        write_entry_workbook(seed_table, tmp_path / "e.xlsx")
    assert made and not Path(made[0]).exists() and not (tmp_path / "e.xlsx").exists()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from([None, "", " ", "x", 1.5, Formula("=A1", 3)]), min_size=len(COLUMNS),
                         max_size=len(COLUMNS)), max_size=12))
def test_the_print_extent_grown_row_by_row_is_the_print_range(data):
    """PrintExtent (the streamed writer's) gives what the rows' last filled row and columns give."""
    from perfgoals_xl.entry.print_area import PrintExtent, last_filled_row, printed_columns

    rows = [[None] * len(COLUMNS)] * FIRST_DATA_ROW + data
    extent = PrintExtent()
    for r, row in enumerate(rows):
        extent.add(r, row)
    last = last_filled_row(rows)
    assert extent.range() == (max(last, FIRST_DATA_ROW), printed_columns(rows[FIRST_DATA_ROW:last + 1]) - 1)
