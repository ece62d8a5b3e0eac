"""Rows lower than their text, exported to PDF by LibreOffice Calc (containers/pdf_overflow.py).

People set a form's rows to one line by eye and type three lines into them; Calc exports such a cell
with its text centred and its first and last lines past both rules — clipped on the page, but in the
PDF's text, wholly inside the cells above and below: the 年度目标's ``1.…`` over the 资金总额 row,
its ``3.…`` over the indicator header, an indicator name's first line over ``三级指标``, a 自评表's
实际完成情况 over ``年度指标值``. Each line goes back to its own cell, and nothing else moves. The
workbooks are built here with openpyxl and exported in one LibreOffice run; without ``soffice`` the
export tests skip, the geometry tests below them do not.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdf_fixtures import soffice_or_skip, soffice_pdf, write_ruled

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers import pdf as pdf_container
from perfgoals_xl.sources.containers import pdf_cells, pdf_overflow, pdf_spill

FONT = "Noto Sans CJK SC"
GOAL = "1.完成乡镇文化站免费开放服务；\n2.开展群众文化活动12场；\n3.培训文艺骨干50人次。"
LONG_NAME = "开展群众文化活动场次（含送戏下乡、广场舞展演、书画展览）"
FORM = [
    ["项目名称", "乡镇文化站免费开放", None, None],
    ["主管部门", "某某县文化和旅游局", "实施单位", "某某镇综合文化站"],
    ["项目资金（万元）", "资金总额", "20", None],
    ["年度目标", GOAL, None, None],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", LONG_NAME, "≥12场"],
    [None, "质量指标", "免费开放服务达标率", "100%"],
    ["效益指标", "社会效益指标", "受益群众人次", "≥5000人次"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
]
FORM_MERGES = ["B1:D1", "C3:D3", "B4:D4", "A6:A7"]
FORM_INDICATORS = [
    ("产出指标", "数量指标", LONG_NAME, "≥12场"),
    ("产出指标", "质量指标", "免费开放服务达标率", "100%"),
    ("效益指标", "社会效益指标", "受益群众人次", "≥5000人次"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
]
PLANNED = "1.为老年人提供居家养老服务；\n2.建成社区日间照料站2个。"
DONE = "1.为1200名老年人提供居家养老服务；\n2.建成社区日间照料站2个，均已投入运营，服务老年人3万人次。"
SELFEVAL = [
    ["项目支出绩效自评表", None, None, None, None, None, None],
    ["项目名称", "社区居家养老服务补助", None, None, None, None, None],
    ["主管部门", "某某区民政局", None, "实施单位", "某某区养老服务中心", None, None],
    ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    [None, "30", "30", "28.5", "10", "95%", "9.5"],
    ["年度总体目标", "预期目标", None, None, "实际完成情况", None, None],
    [None, PLANNED, None, None, DONE, None, None],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "服务老年人数", "≥1000人", "1200人", "30", "30"],
    [None, "质量指标", "日间照料站建成数", "2个", "2个", "30", "30"],
    ["效益指标", "社会效益指标", "老年人生活质量", "有所提高", "明显提高", "20", "20"],
    ["满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "95%", "10", "10"],
]
SELFEVAL_MERGES = ["A1:G1", "B2:G2", "B3:C3", "E3:G3", "A4:A5", "A6:A7", "B6:D6", "E6:G6", "B7:D7", "E7:G7",
                   "A9:A10"]


def _sheet(path: Path, rows: list[list[str | None]], merges: list[str], widths: tuple[float, ...]) -> None:
    """Every cell ruled, wrapped and centred vertically, every row 18 points high (one line of 10-point
    text, however many lines its cells hold)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    write_ruled(ws, rows, height=lambda row: 18, font=FONT)
    for m in merges:
        ws.merge_cells(m)
    for k, width in enumerate(widths):
        ws.column_dimensions["ABCDEFG"[k]].width = width
    wb.save(path)


#: A form typed without wrapping or merging: a long text runs on over the empty cells beside it (and past
#: the table's right edge, where the page still holds it); beside a cell with a text of its own it is cut.
UNWRAPPED_GOAL = "完成乡镇文化站免费开放服务，开展群众文化活动12场，培训文艺骨干50人次。"
UNWRAPPED = [
    ["项目名称", "乡镇文化站免费开放", None, None],
    ["主管部门", "某某县文化和旅游局", "实施单位", "某某镇综合文化站"],
    ["项目资金（万元）", "资金总额", "20", None],
    ["年度目标", UNWRAPPED_GOAL, None, None],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "开展群众文化活动场次（含送戏下乡）", None],
    [None, "质量指标", "免费开放服务达标率", "100%"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
]


def _unwrapped(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    write_ruled(ws, UNWRAPPED, wrap=False, font=FONT)
    for col, width in zip("ABCD", (12, 16, 18, 12), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(path)


#: A coded table (项目支出绩效目标表) over two pages; the second page's only project holds more lines
#: of indicators than its row: Calc prints the first of them over the table's top, the last under it.
CODED_INDICATORS = ("1、1-产出指标；11-数量指标；运维系统数量；实施周期指标值:6套；年度指标值:6套。"
                    "2、1-产出指标；12-质量指标；系统正常运行率；实施周期指标值:98%；年度指标值:98%。"
                    "3、1-产出指标；13-时效指标；故障响应时间；实施周期指标值:2小时；年度指标值:2小时。"
                    "4、3-满意度指标；31-服务对象满意度；使用人员满意度；实施周期指标值:90%；年度指标值:90%。")
CODED = [
    ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"],
    ["合计", "60", "60", None, None, None, None],
    ["某某市人民政府办公室", "60", "60", None, None, None, None],
    ["政务服务保障", "30", "30", None, None, "保障政务服务正常运转。",
     "1、1-产出指标；11-数量指标；服务事项数量；实施周期指标值:100项；年度指标值:100项。"],
    ["信息化运维项目", "30", "30", None, None, "保障办公系统、视频会议系统正常运行。", CODED_INDICATORS],
]


def _coded(path: Path, lines: float = 15) -> None:
    """The coded table, a page break before its last project, that row ``lines`` high (its text 18)."""
    from openpyxl import Workbook
    from openpyxl.worksheet.pagebreak import Break

    wb = Workbook()
    ws = wb.active
    ws.cell(row=1, column=1, value="项目支出绩效目标表（含转移支付项目）")
    ws.cell(row=2, column=1, value="部门名称：某某市人民政府办公室")
    write_ruled(ws, CODED, start=3, font=FONT)
    for col, width in zip("ABCDEFG", (16, 7, 7, 7, 7, 16, 16), strict=True):
        ws.column_dimensions[col].width = width
    ws.row_dimensions[3].height = 30
    ws.row_dimensions[6].height = 90
    ws.row_dimensions[7].height = 14.5 * lines  # its text takes 18 lines of the column
    ws.row_breaks.append(Break(id=6))
    wb.save(path)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    soffice_or_skip("the workbooks cannot be exported to PDF")
    out = tmp_path_factory.mktemp("overflow")
    _sheet(out / "form.xlsx", FORM, FORM_MERGES, (9, 16, 22, 12))
    _sheet(out / "selfeval.xlsx", SELFEVAL, SELFEVAL_MERGES, (11, 14, 14, 11, 13, 8, 8))
    _unwrapped(out / "unwrapped.xlsx")
    _coded(out / "coded.xlsx")
    _coded(out / "coded_half.xlsx", 17)  # half a line past each rule: the last line's middle inside
    names = ("form", "selfeval", "unwrapped", "coded", "coded_half")
    soffice_pdf([out / f"{name}.xlsx" for name in names], out)
    return {name: out / f"{name}.pdf" for name in names}


def _project(path: Path):
    (project,) = [p for u in read_table(path).units for p in u.projects]
    return project


def test_the_rows_are_lower_than_their_text(exported) -> None:
    """The fixture does what it is for: the goal's first line stands above its row, in the 资金总额 row."""
    import pdfplumber

    with pdfplumber.open(exported["form"]) as pdf:
        page = pdf.pages[0]
        first = min(c["top"] for c in page.chars if c["text"] == "免")
        funds_row_bottom = next(t for t in page.find_tables()[0].rows if "资" in "".join(
            c["text"] for c in page.chars if t.bbox[1] <= (c["top"] + c["bottom"]) / 2 < t.bbox[3]
            and c["x0"] < 110)).bbox[3]
    assert first < funds_row_bottom


def test_a_form_with_rows_lower_than_their_text_reads_as_typed(exported) -> None:
    project = _project(exported["form"])
    assert project.name == "乡镇文化站免费开放"
    assert project.goal == GOAL
    assert project.amounts.total == 20
    read = [(i.level1, i.level2, i.name, i.annual_value.raw) for i in project.indicators]
    assert read == FORM_INDICATORS


def test_each_cell_keeps_its_own_text(exported) -> None:
    """No neighbour takes a line it did not print: the header, the unit, the row after the long name."""
    (grid,) = pdf_container.load_grids(exported["form"])
    rows = {row[0]: row for row in grid.rows if row and row[0]}
    assert rows["主管部门"] == ["主管部门", "某某县文化和旅游局", "实施单位", "某某镇综合文化站"]
    assert rows["一级指标"] == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert rows["项目资金（万元）"][1:3] == ["资金总额", "20"]
    assert [row[1:] for row in grid.rows if row[1] == "质量指标"] == [["质量指标", "免费开放服务达标率", "100%"]]


def test_a_selfeval_with_rows_lower_than_their_text_reads_as_typed(exported) -> None:
    project = _project(exported["selfeval"])
    assert project.name == "社区居家养老服务补助"
    assert project.goal == PLANNED
    assert project.actual_summary == DONE
    read = [(i.name, i.annual_value.raw, i.actual_value.raw) for i in project.indicators]
    assert read == [("服务老年人数", "≥1000人", "1200人"), ("日间照料站建成数", "2个", "2个"),
                    ("老年人生活质量", "有所提高", "明显提高"), ("老年人满意度", "≥90%", "95%")]


def test_a_text_not_wrapped_runs_on_over_the_empty_cells_beside_it(exported) -> None:
    """The goal runs over two empty cells and past the table's edge: one text, its own cell's; a text
    cut by its neighbour's stays as printed beside it (no text merged across a rule)."""
    (grid,) = pdf_container.load_grids(exported["unwrapped"])
    rows = {row[0]: row for row in grid.rows if row and row[0]}
    assert rows["年度目标"] == ["年度目标", UNWRAPPED_GOAL, "", ""]
    assert rows["主管部门"][2:] == ["实施单位", "某某镇综合文化站"]
    assert rows["产出指标"][2:] == ["开展群众文化活动场次（含送戏下乡）", ""]
    project = _project(exported["unwrapped"])
    assert project.goal == UNWRAPPED_GOAL
    assert [i.name for i in project.indicators] == ["开展群众文化活动场次（含送戏下乡）", "免费开放服务达标率", "群众满意度"]


@pytest.mark.parametrize("name", ["coded", "coded_half"])
def test_a_pages_first_row_lower_than_its_text_keeps_the_lines_over_and_under_the_table(exported, name) -> None:
    """Page 2's only project prints its first indicator lines over the table's top and its last under
    it (or, half a line lower than its text, one line over the top and its last reaching over the
    bottom rule): they are its own (containers/pdf_spill.py), the page is the table going on, all read."""
    table = read_table(exported[name])
    projects = [p for u in table.units for p in u.projects]
    assert [p.name for p in projects] == ["政务服务保障", "信息化运维项目"]
    assert [(i.name, i.annual_value.raw) for i in projects[1].indicators] == [
        ("运维系统数量", "6套"), ("系统正常运行率", "98%"), ("故障响应时间", "2小时"), ("使用人员满意度", "90%")]


# ------------------------------------------------------------ the geometry, without LibreOffice

def _char(text: str, x0: float, top: float, size: float = 10.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size}


def _line(text: str, x0: float, top: float, size: float = 10.0) -> list[dict]:
    return [_char(t, x0 + k * size, top, size) for k, t in enumerate(text)]


def _texts(placed: dict) -> dict:
    return {box: "".join(c["text"] for c in sorted(found, key=lambda c: (round(c["top"]), c["x0"])))
            for box, found in placed.items()}


def test_a_line_printed_over_the_cell_below_goes_back() -> None:
    """A three-line text at pitch 14.5, its last line below its cell's rule printed over the header
    under it (活动 over 指标值): the line is the upper cell's; the header keeps its own."""
    upper, header = (100.0, 50.0, 200.0, 91.0), (100.0, 91.0, 200.0, 109.0)
    placed = {upper: _line("目标一", 101, 63.1) + _line("目标二", 101, 77.6),
              header: _line("活动", 101, 92.1) + _line("指标值", 101, 94.3)}
    pdf_overflow.give_back_overflow(placed, 3.0)
    assert _texts(placed) == {upper: "目标一目标二活动", header: "指标值"}


def test_a_one_line_cells_text_running_on_over_rules_goes_back() -> None:
    """A one-line-high goal row (its own line 2.) whose first line stands in the cells of the row above
    running on over their rule, and its last line under it: both are the goal's; the row above keeps
    its numbers, the header its words."""
    left, right, goal = (100.0, 20.0, 150.0, 33.0), (150.0, 20.0, 300.0, 33.0), (100.0, 33.0, 300.0, 46.0)
    header = (100.0, 46.0, 300.0, 59.0)
    first = _line("1.完成道路养护里程", 101, 24.9, 7.2)  # runs from the left cell into the right one
    placed = {left: [c for c in first if (c["x0"] + c["x1"]) / 2 < 150],
              right: [c for c in first if (c["x0"] + c["x1"]) / 2 >= 150] + _line("309", 270, 22.4, 7.2),
              goal: _line("2.", 101, 35.3, 7.2), header: _line("3.", 101, 45.8, 7.2) + _line("评价内容", 200, 48.3, 7.2)}
    pdf_overflow.give_back_overflow(placed, 2.5)
    texts = _texts(placed)
    assert texts[goal] == "1.完成道路养护里程2.3."
    assert texts[left] == "" and texts[right] == "309" and texts[header] == "评价内容"


def test_an_own_line_reaching_over_its_rule_stays() -> None:
    """A header cell's second line reaching over its bottom rule (its own: at its text's pitch) is not
    taken by the one-line cell under it, however near it stands."""
    header, score = (400.0, 210.0, 550.0, 226.5), (400.0, 226.5, 550.0, 255.5)
    placed = {header: _line("得分", 420, 206.4, 9.2) + _line("(20分*执行率)", 412, 219.7, 9.2),
              score: _line("19", 470, 235.8, 9.2)}
    before = _texts(placed)
    pdf_overflow.give_back_overflow(placed, 3.0)
    assert _texts(placed) == before


def test_lines_at_the_row_pitch_are_not_a_one_line_cells() -> None:
    """Rows exactly as high as a line pitch apart, each cell with its one centred line: no cell takes
    its neighbours' lines (the table's pitch, from its texts of two lines, is not the rows')."""
    two = (0.0, 0.0, 100.0, 18.0)
    cells = [(100.0, 18.0 * k, 200.0, 18.0 * (k + 1)) for k in range(1, 4)]
    placed = {two: _line("某某县", 1, -3.0) + _line("文化局", 1, 11.5)}
    for k, box in enumerate(cells, start=1):
        placed[box] = _line(f"指标{k}", 101, 18.0 * k + 3.4)
    # a spilled line printed over the middle cell's, but at the rows' pitch from the others
    placed[cells[1]] += _line("画展", 101, 18.0 * 2 + 2.0)
    before = {box: text for box, text in _texts(placed).items() if box != cells[1]}
    pdf_overflow.give_back_overflow(placed, 3.0)
    assert {box: text for box, text in _texts(placed).items() if box != cells[1]} == before


@pytest.mark.parametrize(("line", "starts_item"), [("2.开展群众文化活动12场；", True), ("2.5万元用于设备购置", False),
                                                   ("二、自有资金：0", True), ("3、培训文艺骨干", True)])
def test_a_numbered_line_keeps_its_break(line, starts_item) -> None:
    assert bool(pdf_cells._ITEM_LINE.match(line)) is starts_item


@st.composite
def _fitting_tables(draw) -> dict:
    """A ruled table whose every cell's text fits its cell: 1–3 lines at the font's pitch (1.45 of
    its size), centred vertically (or set from the top), each line a run of glyphs short of the
    cell's edges by a padding."""
    size = draw(st.sampled_from([5.0, 7.2, 9.2, 10.0, 12.0]))
    pitch = 1.45 * size
    widths = draw(st.lists(st.integers(3, 12), min_size=1, max_size=5))
    heights = draw(st.lists(st.integers(1, 4), min_size=1, max_size=6))
    placed: dict = {}
    y = 50.0
    for lines_high in heights:
        height = lines_high * pitch + 4.0
        x = 40.0
        for chars_wide in widths:
            width = chars_wide * size + 4.0
            box = (x, y, x + width, y + height)
            n = draw(st.integers(0, lines_high))
            centred = draw(st.booleans())
            first = y + (height - n * pitch) / 2 if centred else y + 2.0
            found: list[dict] = []
            for k in range(n):
                length = draw(st.integers(1, chars_wide))
                left = x + 2.0 + (chars_wide - length) * size / 2
                found += _line("字" * length, left, first + k * pitch + (pitch - size) / 2, size)
            placed[box] = found
            x += width
        y += height
    return placed


@settings(max_examples=150, deadline=None)
@given(_fitting_tables())
def test_a_table_whose_texts_fit_their_cells_is_left_as_it_is(placed) -> None:
    before = {box: [id(c) for c in found] for box, found in placed.items()}
    pdf_overflow.give_back_overflow(placed, 2.0)
    assert {box: [id(c) for c in found] for box, found in placed.items()} == before


def test_a_run_over_several_cells_goes_to_the_cell_it_was_typed_in() -> None:
    """Set left, it starts at its cell's left padding; set right (a number), it ends at its cell's right
    padding; centred, its middle is in its cell. Glyphs overlapping across a rule (a text cut at its
    cell's edge, the next cell's text) are no run."""
    a, b, c = (0.0, 0.0, 50.0, 20.0), (50.0, 0.0, 100.0, 20.0), (100.0, 0.0, 150.0, 20.0)

    def placed_for(line: list[dict]) -> dict:
        return {box: [ch for ch in line if box[0] <= (ch["x0"] + ch["x1"]) / 2 < box[2]] for box in (a, b, c)}

    left = placed_for(_line("完成文化站免费开放服务", 2, 5))
    pdf_overflow.give_back_runs(left, [])
    assert _texts(left) == {a: "完成文化站免费开放服务", b: "", c: ""}
    right = placed_for(_line("一二三四五六七八", 148 - 80, 5))
    pdf_overflow.give_back_runs(right, [])
    assert _texts(right) == {a: "", b: "", c: "一二三四五六七八"}
    centred = placed_for(_line("一二三四五六七八九十", 25, 5))
    pdf_overflow.give_back_runs(centred, [])
    assert _texts(centred) == {a: "", b: "一二三四五六七八九十", c: ""}
    cut = {a: _line("某某县文化局", 2, 5), b: _line("实施单位", 47.7, 5)}  # 局 (42–52) cut at 50, 实 at 47.7
    pdf_overflow.give_back_runs(cut, [])
    assert _texts(cut) == {a: "某某县文化局", b: "实施单位"}
    past = {a: _line("某某镇综合", 2, 5)}
    beyond = _line("文化站", 52, 5)  # past the table's right edge, on the page
    pdf_overflow.give_back_runs(past, beyond)
    assert _texts(past) == {a: "某某镇综合文化站"}


def _spill_page(last_top: float) -> SimpleNamespace:
    """A page (842 high) with one row (100–300) of two columns; column 1 holds lines at pitch 14.5
    from 104.5 to ``last_top`` and one line at 90.0 above the row, wholly in the column."""
    chars = _line("指标一", 110, 90.0)
    top = 104.5
    while top <= last_top + 0.01:
        chars += _line("指标值", 110, top)
        top += 14.5
    return SimpleNamespace(height=842.0, chars=chars)


def test_a_rows_one_line_over_the_table_is_its_own_when_its_text_reaches_over_the_other_rule() -> None:
    """Half a line lower than its text, a row prints its first line over the table's top and its last
    line's glyphs over its bottom rule (that line's middle inside): the line above is its own. A row
    whose text stays inside keeps no line above as its own (a title at its pitch)."""
    columns = (0.0, 100.0, 200.0)
    lines, _ = pdf_spill.spilled(_spill_page(293.0), (0.0, 100.0, 200.0, 300.0), columns, above=True)
    assert lines == {1: "指标一"}
    inside, _ = pdf_spill.spilled(_spill_page(278.5), (0.0, 100.0, 200.0, 300.0), columns, above=True)
    assert inside == {}


def test_glyphs_of_no_size_move_nothing() -> None:
    """Hostile input: characters of size 0, their top and bottom one — no pitch, nothing moved, no error."""
    def glyph(text: str, top: float) -> dict:
        return {"text": text, "x0": 1.0, "x1": 1.0, "top": top, "bottom": top, "size": 0}

    placed = {(0.0, 0.0, 50.0, 20.0): [glyph("甲", 2.0), glyph("乙", 9.0)], (0.0, 20.0, 50.0, 40.0): [glyph("丙", 25.0)]}
    before = _texts(placed)
    pdf_overflow.give_back_overflow(placed, 1.0)
    pdf_overflow.give_back_runs(placed, [])
    assert _texts(placed) == before
