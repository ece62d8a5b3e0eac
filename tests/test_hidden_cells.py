"""Rows and columns a workbook hides (``sources/hidden_cells``): a system export's hidden code column and
a template's hidden example row are no part of the table a person sees, prints or publishes. Read,
the example row was one more indicator (``示例：培训人次``, PG-S03 on 示例：产出指标) and a hidden column
stood beside the names. Each cell keeps its own address (D7 stays D7 with column A hidden)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import hidden_cells, read_table, sheet_xml
from perfgoals_xl.sources.grid import CellFacts, Grid

N = None
ROWS = [
    ["项目支出绩效目标申报表", N, N, N, N],
    ["编码", "项目名称", "乡村道路养护", "主管部门", "某县交通运输局"],
    [N, "年度资金总额", "120", "其中：财政拨款", "120"],
    [N, "年度绩效目标", "完成农村公路日常养护300公里。", N, N],
    ["编码", "一级指标", "二级指标", "三级指标", "指标值"],
    ["GUID-0", "示例：产出指标", "数量指标", "示例：培训人次", "≥500人次"],
    ["GUID-1", "产出指标", "数量指标", "养护里程", "≥300公里"],
    ["GUID-2", "效益指标", "社会效益指标", "群众出行条件", "明显改善"],
    ["GUID-3", "满意度指标", "服务对象满意度指标", "沿线群众满意度", 0.95],
]


def _book(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in ROWS:
        ws.append(row)
    ws["E9"].number_format = "0%"
    ws.column_dimensions["A"].hidden = True  # the system's own code column
    ws.row_dimensions[6].hidden = True  # the template's example row
    wb.save(path)
    return path


def _check(table) -> None:  # noqa: ANN001 - a PerfTable
    (project,) = table.projects()
    assert project.name == "乡村道路养护"
    got = [(i.name, i.annual_value.raw, i.location.cell) for i in project.indicators]
    assert got == [("养护里程", "≥300公里", "D7"), ("群众出行条件", "明显改善", "D8"), ("沿线群众满意度", "95%", "D9")]
    assert not [f for f in check_table(table) if f.severity == "error"]


def test_an_xlsx_reads_as_it_is_shown(tmp_path: Path) -> None:
    _check(read_table(_book(tmp_path / "表.xlsx")))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice to write the .xls / .ods")
@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_a_legacy_xls_or_an_ods_reads_as_it_is_shown(tmp_path: Path, suffix: str) -> None:
    """The same book saved by Calc as .xls and as .ods (its hidden column and example row kept hidden there:
    ``table:visibility="collapse"``) reads as the .xlsx does."""
    source = _book(tmp_path / "表.xlsx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", suffix, "--outdir", str(tmp_path), str(source)], capture_output=True, timeout=180,
                   check=True)
    _check(read_table(tmp_path / f"表.{suffix}"))


@pytest.mark.parametrize(("rows", "columns", "found"), [
    ('<table:table-row table:visibility="filter"><table:table-cell/></table:table-row>'
     '<table:table-row table:number-rows-repeated="3" table:visibility="collapse"><table:table-cell/></table:table-row>',
     '<table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapse"/>',
     ({0, 1, 2, 3}, {2})),
    # a column group and header columns count on; a visible row between hidden ones stays
    ('<table:table-row table:visibility="collapse"><table:table-cell/></table:table-row>'
     '<table:table-row><table:table-cell/></table:table-row>'
     '<table:table-row table:visibility="collapse"><table:table-cell/></table:table-row>',
     '<table:table-header-columns><table:table-column table:visibility="collapse"/></table:table-header-columns>'
     '<table:table-column-group><table:table-column table:number-columns-repeated="4"/>'
     '<table:table-column table:visibility="collapse"/></table:table-column-group>',
     ({0, 2}, {0, 5})),
    # repeats past any real sheet are bounded; a sheet hiding more than the bound hides nothing
    ('<table:table-row table:number-rows-repeated="9999999" table:visibility="collapse"><table:table-cell/>'
     '</table:table-row>' * 12, "", (set(), set())),
])
def test_ods_visibility_is_read_and_bounded(tmp_path: Path, rows: str, columns: str,
                                            found: tuple[set[int], set[int]]) -> None:
    import zipfile

    from perfgoals_xl.sources.ods_cells import ods_sheets

    content = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet>'
               f'<table:table table:name="S">{columns}{rows}</table:table></office:spreadsheet></office:body>'
               '</office:document-content>')
    path = tmp_path / "x.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("content.xml", content)
    sheet = ods_sheets(path)["S"]
    assert (sheet.hidden_rows, sheet.hidden_cols) == found


def test_merges_narrow_and_a_merged_cells_text_stays_in_sight() -> None:
    rows = [["a", N, "c", "d"], [N, N, "g", "h"], ["i", "j", "k", "l"]]
    grid = Grid(sheet="S", rows=rows, merged=[(0, 0, 1, 1), (0, 2, 0, 3)],
                facts_loader=lambda cells: {cell: CellFacts(number_format="0%") for cell in cells if cell == (2, 3)})
    shown = hidden_cells.without_hidden(grid, rows={0}, cols={2})
    assert shown.rows == [["a", N, "h"], ["i", "j", "l"]]  # a merged over A1:B2, its top row hidden: on A2
    assert shown.merged == [(0, 0, 0, 1)]  # A2:B2; C1:D1 is D1 alone, hidden with row 1
    assert shown.locate(1, 2) == ("S", "D3") and shown.locate(0, 0) == ("S", "A2")
    assert shown.facts([(1, 2)]) == {(1, 2): CellFacts(number_format="0%")}  # D3's format, asked as (1, 2)
    assert hidden_cells.without_hidden(grid, set(), set()) is grid


def test_the_scan_finds_tags_cut_by_a_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = _book(tmp_path / "表.xlsx")
    monkeypatch.setattr(sheet_xml, "CHUNK", 7)  # every tag cut somewhere
    assert hidden_cells.xlsx_hidden(book, "xl/worksheets/sheet1.xml") == ({5}, {0})


def test_the_safety_scan_finds_them_in_its_own_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workbook's safety scan decompresses every sheet part anyway: what the sheet hides (and the texts
    typed into failed formulas) is found in that pass, and reading the table asks the part no more."""
    from perfgoals_xl.sources.workbook_safety import scan_zip_members

    book = _book(tmp_path / "表.xlsx")
    scan_zip_members(book)

    def never(*_args: object) -> None:
        raise AssertionError("the sheet part was scanned a second time")

    monkeypatch.setattr(sheet_xml, "_scan", never)
    assert hidden_cells.xlsx_hidden(book, "xl/worksheets/sheet1.xml") == ({5}, {0})
    _check(read_table(book))


@pytest.mark.parametrize(("xml", "found"), [
    (b'<cols><col min="1" max="16384" hidden="1"/></cols>', (set(), set(range(16384)))),
    (b'<cols><col min="3" max="20000" hidden="true"/></cols>', (set(), set(range(2, 16384)))),
    (b'<cols><col min="3" max="99999999" hidden="true"/></cols>', (set(), set())),  # no column number: not taken
    (b'<sheetData><row r="0" hidden="1"/><row hidden="1"/><row r="2" hidden="0"/></sheetData>', (set(), set())),
    (b"<row " + b"x" * 5000 + b' r="3" hidden="1">', (set(), set())),  # an attribute run past any real tag
])
def test_crafted_tags_are_bounded(tmp_path: Path, xml: bytes, found: tuple[set[int], set[int]]) -> None:
    import zipfile

    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("s.xml", b"<worksheet>" + xml + b"</worksheet>")
    assert hidden_cells.xlsx_hidden(path, "s.xml") == found


def test_a_sheet_hiding_every_column_reads_nothing_and_says_so(tmp_path: Path) -> None:
    path = _book(tmp_path / "表.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for letter in "ABCDE":
        wb.active.column_dimensions[letter].hidden = True
    wb.save(path)
    from perfgoals_xl.errors import InputError

    with pytest.raises(InputError):
        read_table(path)


def test_a_live_sheet_hiding_rows_and_columns_reads_as_shown() -> None:
    """The add-in's sheet (containers/live): the hidden rows and columns Excel's XML of the range names."""
    from perfgoals_xl.sources.containers import live
    from perfgoals_xl.sources.readers import read_detected

    values = [[v if not isinstance(v, float) else "95%" for v in row] for row in ROWS]
    sheet = live.LiveSheet("Sheet1", values, hidden_rows=frozenset({5}), hidden_cols=frozenset({0}))
    table = read_detected(live.load_grids([sheet], book="申报.xlsx"), source="申报.xlsx")
    (project,) = table.projects()
    assert [(i.name, i.location.cell) for i in project.indicators] == [
        ("养护里程", "D7"), ("群众出行条件", "D8"), ("沿线群众满意度", "D9")]


def test_a_lookup_that_fails_leaves_the_grid_as_its_values_show(tmp_path: Path) -> None:
    """An .xls xlrd cannot open again (a damaged or WPS-written record), a zip without its sheet part: the
    hidden rows are not known, and the read goes on with every row (never a failed read for a help)."""
    grid = Grid(sheet="Sheet1", rows=[["a", "b"]])
    broken = tmp_path / "表.xls"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert hidden_cells.as_shown(broken, grid) is grid
    not_a_book = tmp_path / "表.xlsx"
    import zipfile

    with zipfile.ZipFile(not_a_book, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert hidden_cells.as_shown(not_a_book, grid) is grid
