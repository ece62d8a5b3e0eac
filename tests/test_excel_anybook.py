"""The add-in's buttons on a finance bureau's own workbook (#25), on xlwings' JSON engine, with
books built from real form workbooks of the corpus: a 申报表, a long-format table, a 自评表 and a
department-wide table. Each is checked in place: the findings are those of the same workbook read
as a file, listed on 问题清单 with links to the person's cells, and marked at exactly those cells
by conditional-format rules — nothing else is written to or formatted on the person's sheet.

Merged areas: Excel gives them (with number formats) in one ``Range.Value(11)`` call, as XML
Spreadsheet text; the JSON engine has no such call. Here that one COM call is stood in for by the
same format written by an independent producer — LibreOffice's own SpreadsheetML export of the
same workbook — parsed by the parser the add-in uses (and compared with the file's merged ranges).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_excel_json_engine import actions, json_book, on_sheet

from perfgoals_xl.excel import buttons, live
from perfgoals_xl.excel.names import LIST_SHEET, MARK_COLORS, MARK_LETTERS, MARK_TAG
from perfgoals_xl.excel.plan import Alert, RemoveMarks, StatusBar, is_mark_formula, mark_formula
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources.containers.spreadsheetml import parse_facts
from perfgoals_xl.sources.grid import load_workbook_grids
from perfgoals_xl.sources.readers import read_detected

CORPUS = Path(__file__).resolve().parent / "corpus"
#: One of each kind: a 申报表, a long-format table, a 自评表, a department-wide table.
BOOKS = {
    "form": CORPUS / "ah-luan-jinzhai-2021-form-wuye" / "pasted.xlsx",
    "longform": CORPUS / "gd-guangzhou-2024-coded-zhujingban" / "pasted.xlsx",
    "selfeval": CORPUS / "sx-jishan-2020-selfeval-jiandanglika" / "original.xlsx",
    "department": CORPUS / "fj-ningde-2019-department-dangshi" / "original.xlsx",
    "department_selfeval": CORPUS / "jx-nanchang-2021-department_selfeval-cancha" / "pasted.xlsx",
}
SPREADSHEETML_XSL = Path("/usr/lib/libreoffice/share/xslt/export/spreadsheetml/ooo2spreadsheetml.xsl")

needs_office = pytest.mark.skipif(shutil.which("soffice") is None or not SPREADSHEETML_XSL.exists(),
                                  reason="needs LibreOffice (its SpreadsheetML export stands in for Excel's)")


def spreadsheetml(path: Path, folder: Path) -> str:
    """The workbook as XML Spreadsheet 2003 text, written by LibreOffice (flat ODS → its XSLT)."""
    from lxml import etree

    target = folder / path.parent.name
    target.mkdir()
    profile = (folder / "profile").as_uri()
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", "fods",
                           "--outdir", str(target), str(path)], capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr
    flat = (target / (path.stem + ".fods")).read_text(encoding="utf-8")
    # the sheet's trailing blank columns/rows repeat ~1000 times: the XSLT recurses once per repeat
    flat = re.sub(r'(number-(?:columns|rows)-repeated)="\d{3,}"', r'\1="1"', flat)
    etree.XSLT.set_global_max_depth(20000)
    transform = etree.XSLT(etree.parse(str(SPREADSHEETML_XSL)))
    return str(transform(etree.fromstring(flat.encode("utf-8"))))


@pytest.fixture(scope="module")
def xml_of(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("spreadsheetml")
    return {kind: spreadsheetml(path, folder) for kind, path in BOOKS.items()}


def as_excel_gives(value):
    """A cell value as xlwings reads it from Excel: blanks None, every number a float."""
    if value == "":
        return None
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def book_of(path: Path):
    """An xlwings Book (JSON engine) holding the workbook's values, sheet by sheet, as Excel has them."""
    grids = load_workbook_grids(path)
    return json_book({g.sheet: [[as_excel_gives(v) for v in row] for row in g.rows] for g in grids},
                     name=path.name), grids


def expected_issues(path: Path):
    grids = load_workbook_grids(path)
    return check_table(read_detected(grids, source=path.name))


def marked_cells(book, sheet: str) -> dict[tuple[int, int], str]:
    """(row, col) 1-based → mark letter, from the conditional formats the JSON engine recorded."""
    out: dict[tuple[int, int], str] = {}
    for act in on_sheet(book, sheet):
        if act["func"] != "addConditionalFormat":
            continue
        (entry,) = act["args"]
        letter = re.fullmatch(rf'="{MARK_TAG}-([EWI])"<>""', entry["formula"]).group(1)
        assert entry["fill_color"].lower() == MARK_COLORS[letter][0].lower()
        for r in range(act["row_count"]):
            for c in range(act["column_count"]):
                cell = (act["start_row"] + r + 1, act["start_column"] + c + 1)
                assert cell not in out, "a cell marked twice"
                out[cell] = letter
    return out


def wanted_marks(issues, sheet: str) -> dict[tuple[int, int], str]:
    wanted: dict[tuple[int, int], str] = {}
    for issue in issues:
        loc = issue.location
        if issue.suppressed or loc.sheet != sheet:
            continue
        for address in loc.cells or ((loc.cell,) if loc.cell else ()):
            cell = buttons.parse_cell(address)
            letter = MARK_LETTERS[issue.severity]
            if cell not in wanted or "EWI".index(letter) < "EWI".index(wanted[cell]):
                wanted[cell] = letter
    return wanted


# ---------------------------------------------------------------------- the XML of Excel's one read


@needs_office
@pytest.mark.parametrize("kind", BOOKS)
def test_merged_areas_from_spreadsheetml_are_the_workbooks(kind, xml_of):
    (grid, *_) = load_workbook_grids(BOOKS[kind])
    facts = parse_facts(xml_of[kind])
    assert sorted(facts.merged) == sorted(grid.merged)


def test_spreadsheetml_cell_places_merges_and_formats():
    xml = """<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
     xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Styles>
     <Style ss:ID="p"><NumberFormat ss:Format="0%"/></Style><Style ss:ID="n"><NumberFormat ss:Format="Percent"/></Style>
     </Styles><Worksheet ss:Name="S"><Table>
     <Row><Cell ss:MergeDown="1"><Data ss:Type="String">a</Data></Cell><Cell ss:MergeAcross="1"/>
          <Cell ss:StyleID="p"><Data ss:Type="Number">0.95</Data></Cell></Row>
     <Row><Cell ss:Index="2" ss:StyleID="n"><Data ss:Type="Number">0.5</Data></Cell>
          <Cell ss:StyleID="p"><Data ss:Type="String">x</Data></Cell></Row>
     <Row ss:Index="5"><Cell ss:Index="3" ss:MergeAcross="99999999"/></Row>
     </Table></Worksheet></Workbook>"""
    facts = parse_facts(xml)
    assert facts.merged == [(0, 0, 1, 0), (0, 1, 0, 2), (4, 2, 4, 16383)]  # extents bounded by the sheet
    assert facts.number_formats == {(0, 3): "0%", (1, 1): "0.00%"}  # numbers only; named formats spelled out


@pytest.mark.parametrize("text", ["", "<a/>", "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"])
def test_spreadsheetml_refuses_what_is_not(text):
    with pytest.raises(ValueError):
        parse_facts(text)


# ---------------------------------------------------------------------- 校验 in place


@needs_office
@pytest.mark.parametrize("kind", BOOKS)
def test_validate_checks_the_sheet_in_place_and_marks_the_persons_cells(kind, xml_of, monkeypatch):
    monkeypatch.setattr(live, "excel_facts", lambda rng, cells: parse_facts(xml_of[kind]))
    book, grids = book_of(BOOKS[kind])
    sheet = grids[0].sheet
    plan = buttons.validate(book)
    expected = expected_issues(BOOKS[kind])
    assert expected, "each of these real tables has findings"
    # 问题清单: the file's findings, in order, each linked to the person's cell
    listing = [a for a in on_sheet(book, LIST_SHEET) if a["func"] == "setValues"][0]["values"]
    assert [(r[1], r[6]) for r in listing[1:]] == [(i.code, i.message) for i in expected]
    links = [a for a in on_sheet(book, LIST_SHEET) if a["func"] == "setFormula"][0]["values"]
    for issue, (formula,) in zip(expected, links, strict=True):
        loc = issue.location
        first = loc.cells[0] if loc.cells else loc.cell
        assert formula == f'=HYPERLINK("#\'{sheet}\'!{first}","{loc.where()}")'
    # marks: exactly the findings' cells, most serious first; nothing else touches the person's sheet
    assert marked_cells(book, sheet) == wanted_marks(expected, sheet) != {}
    assert {a["func"] for a in on_sheet(book, sheet)} == {"addConditionalFormat"}
    assert plan.of_type(StatusBar)[0].text.startswith("校验完成：共 ")
    assert plan.of_type(RemoveMarks) == [RemoveMarks(sheet)]  # old marks off before the new ones


def test_validate_without_merges_still_reads_a_form(monkeypatch):
    # the JSON engine gives no merged areas: a 申报表 whose labels sit in their own cells reads the same
    book, grids = book_of(BOOKS["form"])
    buttons.validate(book)
    sheet = grids[0].sheet
    assert marked_cells(book, sheet) == wanted_marks(expected_issues(BOOKS["form"]), sheet) != {}


def test_clear_marks_deletes_the_list_and_asks_to_remove_only_tagged_rules():
    book, grids = book_of(BOOKS["form"])
    book2 = json_book({grids[0].sheet: [["x"]], LIST_SHEET: [["级别名称"]]})
    plan = buttons.clear_marks(book2)
    assert [a["func"] for a in actions(book2)] == ["sheetDelete"]  # the 问题清单 sheet
    assert plan.of_type(RemoveMarks) == [RemoveMarks(grids[0].sheet)]
    assert plan.of_type(StatusBar)[0].text == f"已清除校验标记和“{LIST_SHEET}”表。"
    assert all(is_mark_formula(mark_formula(letter)) for letter in "EWI")
    assert not is_mark_formula('=ISTEXT("pg")') and not is_mark_formula("=$D2=\"Late\"") and not is_mark_formula(None)


def test_our_own_sheets_are_never_read_as_the_persons_table():
    book = json_book({"Sheet1": [["x"]], LIST_SHEET: [["级别名称"]], "报表": [["a"]], "申报表·项目": [["b"]],
                      "隐藏": [["c"]]}, hidden={"隐藏": "Hidden"})
    assert [s.name for s in live.readable_sheets(book)] == ["Sheet1"]


# ---------------------------------------------------------------------- the other buttons


def _facts(monkeypatch, xml_of, kind):
    monkeypatch.setattr(live, "excel_facts", lambda rng, cells: parse_facts(xml_of[kind]))


def added_sheets(book) -> list[str]:
    return [a["args"][1] for a in actions(book) if a["func"] == "addSheet"]


@needs_office
@pytest.mark.parametrize("kind", ["form", "longform", "department"])
def test_report_from_any_readable_sheet(kind, xml_of, monkeypatch):
    _facts(monkeypatch, xml_of, kind)
    book, grids = book_of(BOOKS[kind])
    plan = buttons.report(book)
    assert added_sheets(book) == ["报表"]
    assert {a["func"] for a in on_sheet(book, grids[0].sheet)} == set()  # the person's sheet untouched
    table = read_detected(load_workbook_grids(BOOKS[kind]), source=BOOKS[kind].name)
    written = [v for a in on_sheet(book, "报表") if a["func"] == "setValues" for row in a["values"] for v in row]
    names = [table.department] if kind == "department" else [p.name for p in table.projects()]
    assert names and all(any(name in str(v) for v in written) for name in names)
    assert plan.of_type(StatusBar)[0].text.startswith("已生成报表：")


@needs_office
def test_forms_from_a_long_table_and_refused_for_a_department_table(xml_of, monkeypatch):
    _facts(monkeypatch, xml_of, "longform")
    book, _ = book_of(BOOKS["longform"])
    buttons.forms(book)
    projects = read_detected(load_workbook_grids(BOOKS["longform"]), source="x").projects()
    assert len(added_sheets(book)) == len(projects) > 1
    assert all(name.startswith("申报表·") for name in added_sheets(book))
    _facts(monkeypatch, xml_of, "department")
    book, _ = book_of(BOOKS["department"])
    buttons.forms(book)
    (alert,) = actions(book)
    assert alert["func"] == "alert" and "部门整体支出绩效目标表" in alert["args"][0]


@needs_office
def test_score_on_a_bureaus_selfeval_form(xml_of, monkeypatch):
    _facts(monkeypatch, xml_of, "selfeval")
    book, grids = book_of(BOOKS["selfeval"])
    sheet = grids[0].sheet
    plan = buttons.score(book)
    assert added_sheets(book) == [LIST_SHEET, "自评汇总"]
    # the printed 得分 cells stay as they are: only the marks' rules go onto the person's sheet
    assert {a["func"] for a in on_sheet(book, sheet)} <= {"addConditionalFormat"}
    table = read_detected(load_workbook_grids(BOOKS["selfeval"]), source=BOOKS["selfeval"].name)
    from perfgoals_xl.rules import load_config

    findings = check_table(table, load_config().with_overrides(select="PG-E"))
    assert marked_cells(book, sheet) == wanted_marks(findings, sheet)
    assert plan.of_type(StatusBar)[0].text.startswith("计算得分完成：")


@needs_office
def test_score_on_a_department_selfeval(xml_of, monkeypatch):
    """A 部门整体支出绩效自评表 is scored like a project's (issue #19): its block's findings marked, the
    自评汇总 sheet added, the printed 得分 left as they are."""
    _facts(monkeypatch, xml_of, "department_selfeval")
    book, grids = book_of(BOOKS["department_selfeval"])
    plan = buttons.score(book)
    assert added_sheets(book) == [LIST_SHEET, "自评汇总"]
    assert {a["func"] for a in on_sheet(book, grids[0].sheet)} <= {"addConditionalFormat"}
    status = plan.of_type(StatusBar)[0].text
    assert status.startswith("计算得分完成：南昌县黄马乡蚕茶卫生院 ") and "分（" in status


def test_links_to_sheets_with_quotes_in_their_names():
    from perfgoals_xl.rules.issue import Issue, IssueLocation

    issue = Issue("PG-C05", "x", "error", "缺少指标值", "", IssueLocation(sheet="张三's \"表\"", cell="D7"))
    assert buttons._link(issue, [issue.location.sheet]) == \
        '=HYPERLINK("#\'张三\'\'s ""表""\'!D7","张三\'s \'表\'!D7")'


def test_the_addin_alone_says_to_open_a_workbook():
    # clicked in the add-in with no other workbook: the active one is the add-in itself
    book = json_book({"说明": [["x"]]}, name="perfgoals.xlam")
    buttons.validate(book)
    (alert,) = actions(book)
    assert alert["func"] == "alert" and alert["args"][0].startswith("请先打开或选中要处理的工作簿")
    assert live.target_book(json_book({"Sheet1": [["x"]]}, name="申报表.xlsx")).name == "申报表.xlsx"


# ---------------------------------------------------------------------- the parser, by property

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

rectangles = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), st.integers(0, 3), st.integers(0, 3)),
                      max_size=8)


def _disjoint(raw):
    areas: list[tuple[int, int, int, int]] = []
    for r, c, down, across in raw:
        area = (r, c, min(r + down, 9), min(c + across, 9))
        if area[:2] == area[2:]:
            continue
        if all(area[2] < a[0] or a[2] < area[0] or area[3] < a[1] or a[3] < area[1] for a in areas):
            areas.append(area)
    return areas


def _write(areas, filled, explicit: bool) -> str:
    """SpreadsheetML of a 10×10 range: a cell for every merge start and every filled cell; with
    ``explicit`` an ss:Index wherever a cell does not follow the previous one (as Excel writes),
    else only where the gap is not cells merged down from above (as LibreOffice writes)."""
    rows = []
    for r in range(10):
        cells, expected = [], 0
        for c in range(10):
            start = next((a for a in areas if a[:2] == (r, c)), None)
            inside = any(a[0] <= r <= a[2] and a[1] <= c <= a[3] for a in areas)
            if start is None and (inside or (r, c) not in filled):
                continue
            covered_gap = all(any(a[0] < r <= a[2] and a[1] <= k <= a[3] for a in areas) for k in range(expected, c))
            index = f' ss:Index="{c + 1}"' if c != expected and (explicit or not covered_gap) else ""
            merge = ""
            if start is not None:
                merge = (f' ss:MergeAcross="{start[3] - c}"' if start[3] > c else "") + \
                        (f' ss:MergeDown="{start[2] - r}"' if start[2] > r else "")
            cells.append(f'<Cell{index}{merge}><Data ss:Type="String">x</Data></Cell>')
            expected = (start[3] if start else c) + 1
        rows.append(f'<Row ss:Index="{r + 1}">' + "".join(cells) + "</Row>" if cells else "")
    return ('<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table>'
            + "".join(rows) + "</Table></Worksheet></Workbook>")


@settings(max_examples=200, deadline=None)
@given(rectangles, st.sets(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=30), st.booleans())
def test_spreadsheetml_merges_wherever_cells_are_left_out(raw, filled, explicit):
    areas = _disjoint(raw)
    assert sorted(parse_facts(_write(areas, filled, explicit)).merged) == sorted(areas)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_a_mark_rule_colours_its_cells_and_only_them(tmp_path):
    # the rule as MarkCells adds it (formula, fill), in a workbook LibreOffice renders
    import xlsxwriter
    from test_template_uno import _fill_under_word, _rgb

    path = tmp_path / "marks.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("Sheet1")
    for row, letter in enumerate("EWI"):
        sheet.write(row, 0, "标记")
        fill, font = MARK_COLORS[letter]
        sheet.conditional_format(row, 0, row, 0, {"type": "formula", "criteria": mark_formula(letter),
                                                  "format": workbook.add_format({"bg_color": fill,
                                                                                 "font_color": font})})
    sheet.write(3, 0, "标记")  # no rule: no fill
    workbook.close()
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], capture_output=True, timeout=180, check=True)
    fills = _fill_under_word(tmp_path / "marks.pdf", "标记")
    assert fills == [_rgb(MARK_COLORS[letter][0]) for letter in "EWI"] + [None]


# ---------------------------------------------------------------------- 推荐指标 on any workbook

#: A long table of four projects (one row each, its indicators in one cell) and one of a project
#: whose indicator columns the reader knows (一级 E, 二级 F, 三级 G, 指标值 I).
SUGGEST_BOOKS = {
    "form": BOOKS["form"],
    "longform": BOOKS["longform"],
    "longform_columns": CORPUS / "sc-jingyan-2023-longform-mata" / "pasted.xlsx",
}


def _select(book, sheet: str, cell: str):
    from test_excel_json_engine import sheet_index

    book.api["book"]["active_sheet_index"] = sheet_index(book, sheet)
    book.api["book"]["selection"] = cell
    return book


def _written(book, sheet: str) -> dict[tuple[int, int], object]:
    """(row, col) 1-based → value of every cell the JSON engine was told to write on a sheet."""
    cells: dict[tuple[int, int], object] = {}
    for act in on_sheet(book, sheet):
        if act["func"] == "setValues":
            for i, row in enumerate(act["values"]):
                for j, v in enumerate(row):
                    cells[(act["start_row"] + i + 1, act["start_column"] + j + 1)] = v
    return cells


def _grid(cells: dict[tuple[int, int], object]) -> list[list[object]]:
    height, width = max(r for r, _ in cells), max(c for _, c in cells)
    return [[cells.get((r, c)) for c in range(1, width + 1)] for r in range(1, height + 1)]


def _table(kind: str):
    return read_detected(load_workbook_grids(SUGGEST_BOOKS[kind]), source=SUGGEST_BOOKS[kind].name)


def _shown(kind: str, cell: str):
    """Step 1 on a corpus workbook with ``cell`` selected: (book, grids, plan, 推荐指标 as written)."""
    from perfgoals_xl.excel.names import SUGGEST_SHEET

    book, grids = book_of(SUGGEST_BOOKS[kind])
    plan = buttons.suggest_indicators(_select(book, grids[0].sheet, cell))
    return book, grids, plan, (_grid(_written(book, SUGGEST_SHEET)) if SUGGEST_SHEET in added_sheets(book) else None)


@pytest.mark.parametrize(("kind", "cell", "project"), [
    ("form", "A1", "物业管理"),  # a 申报表 of one project: any cell of the sheet is that project's
    ("form", "E14", "物业管理"),
    ("longform", "G9", "车辆租用经费"),  # a long table: the project whose rows hold the selection
    ("longform", "A11", "驻京政务服务及外事业务保障"),
])
def test_suggest_on_any_workbook_lists_the_selected_projects_suggestions(kind, cell, project):
    from perfgoals_xl.excel import suggest_sheet
    from perfgoals_xl.excel.names import SUGGEST_SHEET
    from perfgoals_xl.suggest.keys import meaning_key

    book, grids, plan, sheet = _shown(kind, cell)
    assert not plan.of_type(Alert), plan.of_type(Alert)
    assert added_sheets(book) == [SUGGEST_SHEET]
    assert on_sheet(book, grids[0].sheet) == []  # the person's sheet: not a write, not a format
    (found,) = [p for p in _table(kind).projects() if p.name == project]
    assert sheet[0][0] == f"推荐指标：{project}"
    place = found.field_locations["name"]
    assert sheet[1][3:7] == ["项目名称", project, "所在位置", f"{place.sheet}!{place.cell}"]
    header = suggest_sheet.HEADER_ROW
    body = [row for row in sheet[header:header + suggest_sheet.SHEET_SUGGESTIONS] if row[4]]
    assert len(body) == suggest_sheet.SHEET_SUGGESTIONS and [row[1] for row in body] == list(range(1, 21))
    have = {meaning_key(i.name) for i in found.indicators}
    assert not have & {meaning_key(row[4]) for row in body}  # what the project has is not suggested
    assert plan.of_type(StatusBar)[0].text.endswith("后再点“推荐指标”列出可复制的行。")


def test_suggest_outside_any_project_is_one_message():
    book, grids, plan, sheet = _shown("longform", "A3")  # the title rows above the header
    (alert,) = plan.of_type(Alert)
    assert alert.message == f"“{grids[0].sheet}”表第 3 行不属于任何项目：请选中项目名称所在的行或其指标所在的行，再点“推荐指标”"
    assert sheet is None and [a["func"] for a in actions(book)] == ["alert"]


def test_suggest_on_a_department_table_says_it_suggests_for_projects(xml_of, monkeypatch):
    _facts(monkeypatch, xml_of, "department")
    book, grids = book_of(BOOKS["department"])
    (alert,) = buttons.suggest_indicators(_select(book, grids[0].sheet, "B5")).of_type(Alert)
    assert "部门整体支出绩效目标表" in alert.message and "按项目推荐" in alert.message


def _picked(kind: str, cell: str, picks: int):
    """Step 1, then ``picks`` suggestions marked 选用 on the 推荐指标 sheet (active) of a new book."""
    from test_excel_json_engine import json_book

    from perfgoals_xl.excel import suggest_sheet
    from perfgoals_xl.excel.names import SUGGEST_SHEET

    _, grids, _, sheet = _shown(kind, cell)
    chosen = []
    for r in range(suggest_sheet.HEADER_ROW, suggest_sheet.HEADER_ROW + picks):
        sheet[r][0] = "√" if r % 2 else 1.0  # as Excel gives a typed 1
        chosen.append(sheet[r])
    person = {g.sheet: [[as_excel_gives(v) for v in row] for row in g.rows] for g in grids}
    book = json_book({**person, SUGGEST_SHEET: sheet}, name=SUGGEST_BOOKS[kind].name)
    return _select(book, SUGGEST_SHEET, "A5"), grids, sheet, chosen


@pytest.mark.parametrize(("kind", "cell", "columns"), [
    ("form", "D13", ["一级指标（B列）", "二级指标（C列）", "三级指标（D列）", "指标值（E列）"]),
    ("longform_columns", "G10", ["一级指标（E列）", "二级指标（F列）", "三级指标（G列）", "指标值（I列）"]),
    # the reader knows no indicator columns here (a cell holds a project's indicators): ours
    ("longform", "G9", ["一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"]),
])
def test_picked_suggestions_become_a_copy_block_on_the_suggestions_sheet(kind, cell, columns):
    from perfgoals_xl.excel import suggest_any
    from perfgoals_xl.excel.names import SUGGEST_SHEET

    book, grids, sheet, chosen = _picked(kind, cell, 3)
    plan = buttons.suggest_indicators(book)
    assert not plan.of_type(Alert), plan.of_type(Alert)
    assert on_sheet(book, grids[0].sheet) == []  # never written into the bureau's own layout
    (write,) = [a for a in actions(book) if a["func"] == "setValues"]  # one bulk write
    start = len(sheet) + 2
    assert write["start_row"] + 1 == start and write["sheet_position"] == len(grids)
    left = suggest_any.BLOCK_COLUMN - 1
    title, header, *body = [row for row in write["values"]]
    assert title[0].startswith(f"{suggest_any.BLOCK_TITLE}：3 条指标（项目“")
    assert header[left:left + len(columns)] == columns
    for row, picked in zip(body, chosen, strict=True):
        value = "" if picked[5].startswith("（") else picked[5]
        by_key = {"一级指标": picked[2], "二级指标": picked[3], "三级指标": picked[4], "指标值": value,
                  "实施周期指标值": value, "年度指标值": value}
        assert row[left:left + len(columns)] == [by_key[c.split("（")[0]] for c in columns]
    # rendered with LibreOffice and looked at: the line over the block merged across the sheet's width,
    # the headers (with their column letters) on two lines, the block inside the print area
    from perfgoals_xl.excel.plan import MergeAreas, PageSetup, RowHeights

    assert plan.of_type(MergeAreas)[0].areas == (f"A{start}:K{start}",)
    assert plan.of_type(RowHeights)[0].heights == ((30.0, (f"{start}:{start + 1}",)),)
    assert plan.of_type(PageSetup)[0].print_area == f"A1:K{start + 4}"
    (status,) = plan.of_type(StatusBar)
    assert status.text == (f"已把选用的 3 条指标列在“{SUGGEST_SHEET}”表第 {start + 2}–{start + 4} 行（"
                           + ("按填报模板的列顺序" if kind == "longform" else f"按“{grids[0].sheet}”表的列顺序")
                           + "），复制后粘贴到您的表中：本工具不改写您的表。")


def test_a_second_copy_block_replaces_the_first():
    from test_excel_json_engine import json_book

    from perfgoals_xl.excel import suggest_any, suggest_sheet
    from perfgoals_xl.excel.names import SUGGEST_SHEET

    book, grids, sheet, _ = _picked("form", "D13", 4)
    buttons.suggest_indicators(book)
    first = _written(book, SUGGEST_SHEET)
    after = _grid({**{(r + 1, c + 1): v for r, row in enumerate(sheet) for c, v in enumerate(row)}, **first})
    for r in range(suggest_sheet.HEADER_ROW + 1, suggest_sheet.HEADER_ROW + suggest_sheet.SHEET_SUGGESTIONS):
        after[r][0] = None  # now only the first suggestion stays picked
    person = {g.sheet: [[as_excel_gives(v) for v in row] for row in g.rows] for g in grids}
    book = _select(json_book({**person, SUGGEST_SHEET: after}, name="x.xlsx"), SUGGEST_SHEET, "A5")
    plan = buttons.suggest_indicators(book)
    (write,) = [a for a in actions(book) if a["func"] == "setValues"]
    assert write["start_row"] + 1 == len(sheet) + 2  # the old block's place
    assert write["values"][0][0].startswith(f"{suggest_any.BLOCK_TITLE}：1 条指标")
    assert len(write["values"]) == 2 + 4 and all(v in (None, "") for row in write["values"][3:] for v in row)
    assert "第" in plan.of_type(StatusBar)[0].text


def test_nothing_picked_on_any_workbook_is_a_message():
    book, _, _, _ = _picked("form", "D13", 0)
    (alert,) = buttons.suggest_indicators(book).of_type(Alert)
    assert alert.message.startswith("没有选中的指标")


def test_the_project_of_a_row_by_the_cells_read_for_it():
    """The selected row belongs to the project whose own cells (name, indicators) span it; a cell
    read for every project (a department label above them) places none; one project on a sheet
    owns the whole sheet."""
    from perfgoals_xl.excel.suggest_any import project_at
    from perfgoals_xl.model import FundUnit, Indicator, Location, PerfTable, Project, Value

    def at(cell: str, sheet: str = "S") -> Location:
        return Location(file="x.xlsx", sheet=sheet, cell=cell)

    def project(name: str, first: int, n: int, sheet: str = "S") -> Project:
        indicators = [Indicator(None, None, "产出指标", None, "数量指标", f"指标{k}", Value(""), Value(""),
                                location=at(f"G{first + k}", sheet)) for k in range(n)]
        return Project(name, indicators=indicators, location=at(f"B{first}", sheet),
                       field_locations={"name": at(f"B{first}", sheet), "department": at("B2", sheet)})

    table = PerfTable(units=[FundUnit("单位", projects=[project("甲", 5, 3), project("乙", 8, 4),
                                                         project("丙", 4, 2, sheet="申报表")])])
    assert [getattr(project_at(table, "S", r), "name", None) for r in (2, 4, 5, 7, 8, 11, 12)] == \
        [None, None, "甲", "甲", "乙", "乙", None]
    assert project_at(table, "申报表", 1).name == "丙" and project_at(table, "封面", 1) is None


@needs_office
def test_forms_from_a_department_book_with_project_sheets(tmp_path, monkeypatch):
    """A department's workbook holding its 部门整体 sheet and a 项目 sheet: 生成申报表 writes the
    project's form (it once refused the whole book as a department table)."""
    from test_department_with_projects import DEPARTMENT, PROJECT, _two_sheets

    path = _two_sheets(tmp_path / "部门预算.xlsx", [DEPARTMENT, PROJECT])
    xml = spreadsheetml(path, tmp_path)
    monkeypatch.setattr(live, "excel_facts", lambda rng, cells: parse_facts(xml))
    book, _ = book_of(path)
    buttons.forms(book)
    assert [name.startswith("申报表·") for name in added_sheets(book)] == [True]


@needs_office
def test_report_from_a_department_book_with_project_sheets(tmp_path, monkeypatch):
    """生成报表 on a department's workbook with a 项目 sheet: the department's report and the projects'."""
    from test_department_with_projects import DEPARTMENT, PROJECT, _two_sheets

    path = _two_sheets(tmp_path / "部门预算.xlsx", [PROJECT, DEPARTMENT])
    xml = spreadsheetml(path, tmp_path)
    monkeypatch.setattr(live, "excel_facts", lambda rng, cells: parse_facts(xml))
    book, _ = book_of(path)
    plan = buttons.report(book)
    assert added_sheets(book) == ["报表", buttons.PROJECTS_REPORT_SHEET]
    written = [v for a in on_sheet(book, buttons.PROJECTS_REPORT_SHEET) if a["func"] == "setValues"
               for row in a["values"] for v in row]
    assert any("雾炮车抑尘降尘服务" in str(v) for v in written)
    assert "另有 1 个项目" in plan.of_type(StatusBar)[0].text
