"""A saved page printed to PDF by a browser (Chromium's "打印 → 另存为 PDF").

Made for the whole corpus with Chromium, such PDFs read **87.6 %** of the fields their pages read.
Two classes, both fixed for every PDF (the corpus keeps ten such PDFs as ``browser.pdf``, read in
tests/test_corpus.py like every held file):

- the CJK font maps a glyph a radical shares with an ideograph to the radical's code point:
  ``⼴州市⼈⺠政府`` for 广州市人民政府 — looks right, matches nothing (department, project, level
  names all missed). Every character of a PDF is written as the ideograph it stands for
  (text_clean.ideographs: Kangxi radicals by NFKC, the simplified radicals by Unicode's equivalents);
- a row cut by a page break is drawn open: no rule under its first part, none over the rest — the
  finder saw no row there, and a 部门整体 table's indicator header cut so lost its whole grid.
  Column rules ending (starting) together with nothing ruled across them are closed for the finder
  (pdf_pages._cut_ends); Calc's merged cell left open beside closed columns stays open.

After both, and a row cut open on both sides of the break joined whatever its texts (pdf._Building._join_drawn_open): 98.5 % (tests/corpus/office_paths.py --only browser: 7,366/7,478 where the pages read 7,430/7,442).

Then three more classes (each a table of the pass that read fewer fields or gave error findings its page
does not give), fixed for every grid or every PDF:

- a row whose first part printed nothing (its text lines moved to the next page), drawn open under it
  while the next page draws its rest closed: one row all the same (pdf._Building.last_row_blank); the
  rest's empty cells, drawn as one range across the columns the page before kept apart, go on down
  as those columns' merged cells (pdf._tiling) — a 部门整体 table read its page-2 levels as
  ``绩效目标`` (the end of its side label), a 自评表 lost the value two indicators share;
- merged ranges the next page drew over cells a range from the page before already covers no longer
  overlap (pdf._without_overlaps): the upper cell's text filled the lower range;
- a 自评表 header printed on two rows with the page break between them (the first row's cut end an
  empty row): the second row still hangs under the first (selfeval_form._row_above) — no indicator
  was read.

The pass then: 7,400/7,469 (99.1 %); two tables read fewer fields than their page. 南县民政局 lost its
department: the title's digits, printed in a Latin font whose glyph boxes stand lower, made a line of
their own — lines whose boxes overlap that much are one line again (pdf_pages.text_lines). 潼南五桂镇,
a page with cellpadding="0", had its texts touch the rules: a label ending at a rule and its value
starting right after it were read as one text printed on over the rule (label and value in one cell,
the project nameless: false PG-S01, PG-A04) — the rule's width between two glyphs, more than the run's
usual gap, parts them (pdf_overflow._split_at_rules). After both: 7,430/7,469 (99.5 %, the fields the
pages read), no table reading fewer fields than its page, no error finding its page does not give.

Printed on A4 (what a Chinese print dialog sets) and on A4 turned, other breaks cut other rows; five
more classes, each pinned below and by the page so printed, kept as ``browser-a4.pdf`` or
``browser-landscape.pdf``: a row under merged cells with no text of its own, also with an empty cell of
its own (pdf._hollow_rows); the rule between two cut cells drawn without a top rule, text right of it
(pdf_pages.undrawn_columns); a stacked table of other columns going on to the next page (pdf.stitch);
a cut row's part starting a numbered item after a short line (pdf._Building._join_drawn_open).
A4: 7,428/7,442 (the pages 7,430), one table worse (Chromium overprints a cut cell there); turned: as the pages.
"""

from __future__ import annotations

import re

import pytest
from corpus_fidelity import load_entries
from hypothesis import given
from hypothesis import strategies as st

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers.pdf import _tiling, _without_overlaps
from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.selfeval_form import read_form_grid
from perfgoals_xl.text_clean import ideographs

BROWSER = [e for e in load_entries() if (e.path / "browser.pdf").exists()]
_RADICAL = re.compile("[\u2e80-\u2fdf]")


@pytest.mark.parametrize(("printed", "meant"), [
    ("⼴州市⼈⺠政府驻北京办事处", "广州市人民政府驻北京办事处"),
    ("湘⻄州教育和体育局", "湘西州教育和体育局"),
    ("学⽣伙⾷费", "学生伙食费"),
    ("送茶⼊⼾", "送茶入户"),         # a simplified font draws ⼾ as 户 (NFKC alone gives 戶)
    ("少数⺠族发展资⾦", "少数民族发展资金"),
    ("⾭年⿈河⻓江⻔⼝", "青年黄河长江门口"),
    ("产出指标", "产出指标"),         # nothing to do: the same string
])
def test_radicals_are_the_ideographs_they_stand_for(printed: str, meant: str) -> None:
    assert ideographs(printed) == meant


def test_the_browser_pdfs_of_the_corpus_are_kept() -> None:
    assert len(BROWSER) >= 10


@pytest.mark.parametrize("entry", BROWSER, ids=lambda e: e.id)
def test_no_radical_is_left_in_what_is_read(entry) -> None:
    table = read_table(entry.path / "browser.pdf")
    texts = [table.department, *(p.name for p in table.projects()),
             *(t for p in table.projects() for i in p.indicators for t in (i.level1, i.level2, i.name))]
    assert not [t for t in texts if t and _RADICAL.search(t)]


def test_a_range_over_cells_a_range_above_covers_starts_under_them() -> None:
    # 一级指标 merged down over rows 12–19; the next page drew cols 0–2 of rows 19–20 as one range
    merged = [(12, 0, 19, 0), (13, 1, 19, 1), (19, 0, 20, 2), (18, 4, 19, 5)]
    assert _without_overlaps(merged) == [(12, 0, 19, 0), (13, 1, 19, 1), (20, 0, 20, 2), (18, 4, 19, 5)]
    assert _without_overlaps([(0, 0, 1, 0), (1, 0, 1, 0)]) == [(0, 0, 1, 0)]  # (a lone cell left: no range)
    apart = [(0, 0, 2, 0), (0, 1, 2, 1), (3, 0, 3, 1)]
    assert _without_overlaps(apart) == apart  # nothing over another: as they were, in their order


def test_an_empty_range_under_merged_cells_side_by_side_is_their_continuation() -> None:
    above = {(0, 0): 7, (1, 1): 8, (2, 2): 9}  # columns → the index of the range ending on the row above
    assert _tiling(above, 0, 2) == [7, 8, 9]
    assert _tiling(above, 0, 1) == [7, 8]
    assert _tiling(above, 0, 3) is None  # column 3 has no range above
    assert _tiling({(0, 1): 3}, 0, 1) is None  # one range: the same range, not a tiling


def test_a_two_row_selfeval_header_cut_by_a_page_break_is_still_one_header() -> None:
    """保山 能源局 2023 printed by a browser: 绩效指标 | 年度指标值 | 实际完成值 … on page 1, the page break,
    一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 on page 2 (an empty row between)."""
    blank = [""] * 10
    rows = [
        ["项目名称", "能源安全检查及新能源项目推进经费", *[""] * 8],
        ["绩效指标", "", "", "年度指标值", "", "", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        list(blank),
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "", "", "", ""],
        list(blank),
        ["产出指标", "数量指标", "开展项目现场踏勘、检查、督导次数", "004 >=", "20", "次", "113", "22.50", "22.50", ""],
        ["产出指标", "成本指标", "经费支出", "005 <=", "33", "万元", "32.9999", "22.50", "22.50", ""],
    ]
    merged = [(1, 0, 1, 2), (1, 3, 1, 5), *((1, c, 3, c) for c in range(6, 10))]
    project = read_form_grid(Grid(sheet="第1–2页", rows=rows, merged=merged), "printed.pdf")
    assert project is not None
    assert [(i.level1, i.level2, i.name, i.annual_value.raw, i.actual_value.raw) for i in project.indicators] == [
        ("产出指标", "数量指标", "开展项目现场踏勘、检查、督导次数", ">=20次", "113"),
        ("产出指标", "成本指标", "经费支出", "<=33万元", "32.9999"),
    ]


def _glyphs(text: str, x: float, top: float, size: float = 24.0) -> list[dict]:
    return [{"text": ch, "x0": x + k * size / 2 if ch.isascii() else x + k * size, "top": top,
             "x1": x + (k + 1) * size / 2 if ch.isascii() else x + (k + 1) * size, "bottom": top + size}
            for k, ch in enumerate(text)]


def _line(chars: list[dict]) -> dict:
    return {"text": "".join(c["text"] for c in chars), "chars": chars, "x0": chars[0]["x0"], "x1": chars[-1]["x1"],
            "top": min(c["top"] for c in chars), "bottom": max(c["bottom"] for c in chars)}


def test_a_title_printed_in_two_fonts_is_one_line() -> None:
    """南县民政局2022年…: the digits' glyph boxes (a Latin font) stand 5 points lower than the Chinese ones."""
    from perfgoals_xl.sources.containers.pdf_pages import _chars_text, _interleaved

    cjk = _glyphs("南县民政局", 33.7, 203.25) + _glyphs("年项目支出", 201.8, 203.25)
    digits = [dict(c, x0=153.8 + 12 * k, x1=165.8 + 12 * k) for k, c in enumerate(_glyphs("2022", 0, 208.44))]
    chars = _interleaved(_line(cjk), _line(digits))
    assert chars is not None and _chars_text(chars) == "南县民政局2022年项目支出"
    # the next line of a paragraph (no overlap) and a text printed over another stay apart
    assert _interleaved(_line(cjk), _line(_glyphs("第二行", 33.7, 230.0))) is None
    assert _interleaved(_line(cjk), _line(_glyphs("盖", 40.0, 205.0))) is None
    assert _chars_text(_glyphs("AB", 0, 0, 10) + _glyphs("C", 40, 0, 10)) == "AB C"


def test_texts_that_stop_at_a_rule_on_both_sides_stay_in_their_cells() -> None:
    """潼南五桂镇, a page with cellpadding="0": ``专项资金名称`` ends at the rule, ``潼南区…`` starts right after
    it — two texts touching the rule, not one text printed on over it (that keeps its pitch)."""
    from perfgoals_xl.sources.containers.pdf_overflow import _split_at_rules

    label, value = (34.5, 0.0, 106.5, 20.0), (107.2, 0.0, 402.0, 20.0)
    left = _glyphs("专项资金名称", 34.5, 0.0, 12.0)
    right = _glyphs("潼南区五桂镇", 107.26, 0.0, 12.0)
    where = {id(ch): label for ch in left} | {id(ch): value for ch in right}
    assert [len(piece) for piece in _split_at_rules(left + right, where)] == [6, 6]
    # a text running on over the rule keeps its pitch: one run, given to the cell it was typed in
    on = _glyphs("专项资金名称潼南区", 34.5, 0.0, 12.0)
    where = {id(ch): label if ch["x1"] <= 106.5 else value for ch in on}
    assert [len(piece) for piece in _split_at_rules(on, where)] == [9]


def test_a_row_with_no_text_of_its_own_under_merged_cells_is_no_row() -> None:
    """南昌 蚕茶卫生院 printed on A4: the cut 产出指标 cell's rest drew a rule half-way down the next row, whose
    cells (merged over both parts) then repeated 任务2:健康档案更新率 as an indicator of its own."""
    from perfgoals_xl.sources.containers.pdf import _hollow_rows

    rows = [["产出指标", "时效指标", "任务2:健康档案更新率", "3"], ["", "", "", ""], ["效果指标", "经济效益指标", "业务收入", "13"]]
    places = [(2, 1), (2, 2), (2, 3)]
    merged = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 1, 3)]
    assert _hollow_rows(rows, places, merged) == {1}
    assert _hollow_rows(rows, [(2, 1), (2, -1), (2, 3)], merged) == set()  # (a line above the table: kept)
    # 桃源科技局 2020 printed on A4: the cut level cells' rest drawn short, the space under it closed by the
    # table's foot — an empty cell of its own on the row, the indicator's cells merged over it from above;
    # read, 组建科技特派员团队数量 came twice. Still no text of its own: no row.
    assert _hollow_rows(rows, places, merged[:3]) == {1}
    assert _hollow_rows(rows, places, []) == set()  # a blank row nothing reaches into (between two tables)
    with_text = [rows[0], ["", "", "", "偏差说明"], rows[2]]
    assert _hollow_rows(with_text, places, merged[:3]) == set()  # a text of its own: a row


def _ruled(bbox, rows, cells, verticals, chars=()):
    """pdfplumber's table and page as undrawn_columns reads them: boxes, vertical edges and glyph boxes
    (text, x0, x1, top, bottom) in points."""
    from types import SimpleNamespace

    table = SimpleNamespace(bbox=bbox, rows=[SimpleNamespace(bbox=r) for r in rows], cells=cells)
    page = SimpleNamespace(vertical_edges=[{"x0": x, "top": top, "bottom": bottom} for x, top, bottom in verticals],
                           chars=[{"text": t, "x0": a, "x1": b, "top": c, "bottom": d} for t, a, b, c, d in chars])
    return table, page


#: 萧县 张庄寨镇 printed on A4, page 2 (points, as pdfplumber gives them): the cut 效益指标 cell's rest
#: (x 81–106.5) and the side label's rest left of it (34.5–81) have no top rule, so no cell is found
#: there; the rule between them (a thin rectangle: edges at 80.2, 81.0, 81.7) runs down to 156.
PAGE2 = {
    "bbox": (34.5, 28.1, 560.7, 192.5),
    "rows": [(106.7, 28.1, 560.7, 65.3), (106.7, 65.3, 560.7, 102.7), (106.7, 102.7, 560.7, 140.2),
             (106.7, 140.2, 560.7, 155.6), (34.5, 155.6, 560.7, 177.7), (34.5, 177.7, 560.7, 192.5)],
    "cells": [(106.7, 28.1, 163.5, 65.3), (106.7, 65.3, 163.5, 102.7), (106.7, 102.7, 163.5, 140.2),
              (106.7, 140.2, 163.5, 177.7), (34.5, 155.6, 106.7, 192.5), (106.7, 177.7, 163.5, 192.5)],
    "verticals": [(80.2, 27.7, 156.0), (81.0, 27.7, 156.0), (81.7, 27.7, 155.2), (34.5, 27.7, 193.5),
                  (106.5, 27.7, 192.7)],
    # 指标(30分) printed down the level column's rest; 社会效益 in the found cell right of it
    "chars": [("指", 81.8, 93.8, 30.0, 42.0), ("标", 81.8, 93.8, 48.0, 60.0), ("社", 107.6, 119.6, 68.2, 80.2)],
}


def test_a_rule_through_cells_found_without_a_top_is_a_column_edge() -> None:
    """The level column's rest on the next page, drawn without a top rule beside the side label's rest:
    its text went to the side column (`效益` | `指标(30分)` read as level 1 `指标`: false PG-S03 ×2);
    the rule between them is a column edge again (pdf_pages.undrawn_columns). The A4 file is kept as
    the entry's browser-a4.pdf (123/123 fields, as its page)."""
    from perfgoals_xl.sources.containers.pdf_pages import undrawn_columns

    table, page = _ruled(PAGE2["bbox"], PAGE2["rows"], PAGE2["cells"], PAGE2["verticals"], PAGE2["chars"])
    assert undrawn_columns(table, page, (34.5, 106.7, 163.5, 560.7)) == (81.0,)  # one rule, three edges
    assert undrawn_columns(table, page, (34.5, 81.1, 106.7, 163.5, 560.7)) == ()  # a column edge already
    # nothing printed right of it (桃源科技局 2020 on A4: the cut cells of three columns, all empty, go
    # on from the page before; a column edge there would give the page columns its grid has no cells in)
    for chars in ([], [("标", 40.0, 52.0, 30.0, 42.0)], [("社", 107.6, 119.6, 68.2, 80.2)]):
        table, page = _ruled(PAGE2["bbox"], PAGE2["rows"], PAGE2["cells"], PAGE2["verticals"], chars)
        assert undrawn_columns(table, page, (34.5, 106.7, 163.5, 560.7)) == (), chars
    # a rule through a found cell is no column edge (the bottom row's cell spans 34.5–106.7)
    table, page = _ruled(PAGE2["bbox"], PAGE2["rows"], PAGE2["cells"], [(81.0, 150.0, 192.5)], PAGE2["chars"])
    assert undrawn_columns(table, page, (34.5, 106.7, 163.5, 560.7)) == ()
    # nor one shorter than any row
    table, page = _ruled(PAGE2["bbox"], PAGE2["rows"], PAGE2["cells"], [(81.0, 30.0, 60.0)], PAGE2["chars"])
    assert undrawn_columns(table, page, (34.5, 106.7, 163.5, 560.7)) == ()


PAPERS = [(e, name) for e in load_entries() for name in ("browser-a4.pdf", "browser-landscape.pdf")
          if (e.path / name).exists()]


@pytest.mark.parametrize(("entry", "name"), PAPERS, ids=lambda x: getattr(x, "id", x))
def test_a_page_printed_on_other_paper_reads_as_the_page(entry, name) -> None:
    """browser-a4.pdf / browser-landscape.pdf: the page printed by Chromium on A4, upright or turned, where
    its page breaks cut what the tool once misread; each reads the fields its page reads (also scored in
    tests/test_corpus.py)."""
    from corpus_fidelity import score_file

    printed, page = score_file(entry, entry.path / name), score_file(entry, entry.path / "page.html")
    assert (printed.right, printed.total) == (page.right, page.total), printed.misses


def test_papers_kept() -> None:
    assert len([1 for _, name in PAPERS if name == "browser-a4.pdf"]) >= 3
    assert len([1 for _, name in PAPERS if name == "browser-landscape.pdf"]) >= 2


def test_a_cut_row_part_starting_a_numbered_item_after_a_short_line_keeps_its_line_break() -> None:
    """宁乡坝塘 printed on A4 turned: the amount's breakdown cut after 二、自有资金：0万元 (a short line); its
    rest 三、其他：3683.3970万元 was joined on that line and the other funds were not read."""
    from types import SimpleNamespace

    from perfgoals_xl.sources.containers.pdf import _Building

    def building() -> _Building:
        grid = _Building((34.7, 205.6, 754.9), [], 1, ["年度资金总额及构成", "财政拨款：6923.3552万元\n二、自有资金：0万元"])
        grid.add(1, 1, [["年度资金总额及构成", "财政拨款：6923.3552万元\n二、自有资金：0万元"]], [])
        return grid

    short = SimpleNamespace(full_last_cells=lambda: set())
    grid = building()
    assert grid.join_cut_row([["", "三、其他：3683.3970万元"]], 0, grid.columns, short, drawn_open=True)
    assert grid.rows[-1][1] == "财政拨款：6923.3552万元\n二、自有资金：0万元\n三、其他：3683.3970万元"
    full = SimpleNamespace(full_last_cells=lambda: {205.6})  # the line ran to the edge: one text cut there
    grid = building()
    assert grid.join_cut_row([["", "三、其他：3683.3970万元"]], 0, grid.columns, full, drawn_open=True)
    assert grid.rows[-1][1].endswith("0万元三、其他：3683.3970万元")


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 20)), max_size=12), st.integers(-5, 70), st.integers(1, 30))
def test_the_overlap_search_agrees_with_looking_at_every_row(rows, top, height) -> None:
    """undrawn_columns asks whether a cell crossing the rule overlaps a row the rule spans by a binary
    search over the rows' union (a row's box reaches as far down as its tallest cell): as every row."""
    from perfgoals_xl.sources.containers.pdf_pages import _overlaps, _union

    spans = sorted((float(t), float(t + h)) for t, h in rows)
    union = _union(spans)
    bottom = top + height
    assert _overlaps(union, [b for _, b in union], top, bottom) == any(t < bottom and b > top for t, b in spans)


def test_a_text_filling_its_cell_to_the_rule_stays_in_its_cell() -> None:
    """Calc prints 服务对象满意度指标 in a column just as wide: its last glyph ends 0.1 pt past the rule, the
    next cell's 群众满意度 starts 0.94 pt after it (the glyphs of each text touch). Read before as one text
    over the rule (服务对象满意度指标群众满意度 as the level-2, the name empty: false PG-S03/S04/S05); the
    gap at the rule parts them, a glyph reaching up to RULE_OVERHANG over it being its own cell's."""
    from perfgoals_xl.sources.containers.pdf_overflow import RULE_OVERHANG, _split_at_rules

    level2, name = (53.972, 176.9, 153.865, 191.9), (153.865, 176.9, 287.065, 191.9)
    left = _glyphs("服务对象满意度指标", 54.99, 176.8, 10.998)
    right = _glyphs("群众满意度", 154.91, 176.8, 11.0)
    assert left[-1]["x1"] - level2[2] < RULE_OVERHANG
    where = {id(ch): level2 for ch in left} | {id(ch): name for ch in right}
    assert [len(piece) for piece in _split_at_rules(left + right, where)] == [9, 5]
