"""A narrow level column printed to PDF by Writer (its HTML import, as the corpus's ``printed.pdf``):
a level-1 name merged down over several indicator rows wraps a character or two a line
(``产<br>出<br>指<br>标``) while the other columns draw a rule under every row. When the page break
falls inside such a tall cell, Writer prints each line of its text in the part where it falls — and
the part on the next page a line low, its last line hanging over the rule into the next level's
cell (``产出`` | ``指`` + ``标`` over ``效益``). The hanging line is its own cell's, not the next cell's
(containers/pdf_text.py), so that the two parts read as one name (sources/level_join.py).

The page is printed in variants (more or fewer lines above the table) so that the page break falls
after each row of the block in one of them; each variant must read right. Without ``soffice`` the
tests skip.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pdf_fixtures import print_pages, soffice_or_skip

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers import pdf_text

#: Lines printed above the table, one variant each: the page break moves up through the block.
SHIFTS = range(14, 32)
#: (level-1 name as printed in its narrow cell, [(level-2, [(level-3, value)])]) of the block.
LEVELS = [
    ("产<br>出<br>指<br>标", [("数量指标", [("培训人数", "100人")]),
                          ("质量指标", [("培训合格率", "90%"), ("资金拨付率", "100%"), ("配套到位率", "100%")])]),
    ("效益<br>指标", [("经济效益指标", [("带动增收", "2万元")]), ("社会效益指标", [("覆盖率", "60%")])]),
    ("满意<br>度指<br>标", [("服务对象满意度指标", [("学员满意度", "90%"), ("企业满意度", "85%"), ("家长满意度", "80%")])]),
]


def _page(shift: int) -> str:
    """A 绩效目标表 under ``shift`` lines, its level-1 column narrow (one or two characters a line)."""
    filler = "".join(f"<p>第{k + 1}段说明。</p>" for k in range(shift))
    count = sum(len(names) for _, level2 in LEVELS for _, names in level2)
    rows = ['<tr><td>项目名称</td><td colspan="4">某某技能培训补助</td></tr>',
            '<tr><td>主管部门</td><td colspan="4">某某县人力资源和社会保障局</td></tr>',
            '<tr><td>年度目标</td><td colspan="4">完成技能培训任务</td></tr>',
            f'<tr><td rowspan="{count + 1}">绩效指标</td><td>一级<br>指标</td><td>二级指标</td>'
            '<td>三级指标</td><td>指标值</td></tr>']
    for level1, level2 in LEVELS:
        first = f'<td rowspan="{sum(len(names) for _, names in level2)}">{level1}</td>'
        for name2, names in level2:
            second = f'<td rowspan="{len(names)}">{name2}</td>'
            for name3, value in names:
                rows.append(f"<tr>{first}{second}<td>{name3}</td><td>{value}</td></tr>")
                first = second = ""
    table = ('<table border="1" cellspacing="0" cellpadding="4" width="100%"><colgroup><col width="80">'
             f'<col width="36"><col width="110"><col width="160"><col></colgroup>{"".join(rows)}</table>')
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>绩效目标表</title></head><body>'
            f"{filler}<p>某某县项目绩效目标表</p>{table}</body></html>")


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[int, Path]:
    soffice_or_skip()
    printed = print_pages({f"shift{shift}": _page(shift) for shift in SHIFTS}, tmp_path_factory.mktemp("tallcells"))
    return {shift: printed[f"shift{shift}"] for shift in SHIFTS}


def _expected() -> list[tuple[str, str, str]]:
    return [(level1.replace("<br>", ""), name2, name3)
            for level1, level2 in LEVELS for name2, names in level2 for name3, _ in names]


def _cut_levels(path: Path) -> set[str]:
    """The level-1 names whose characters the page break split over two pages (as printed)."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            pages.append({ch["text"] for ch in page.chars if ch["x0"] < 160})  # the two left columns
    return {level.replace("<br>", "") for level, _ in LEVELS
            if len(pages) > 1 and any(ch in pages[0] for ch in level[:1])
            and any(ch in pages[1] for ch in level.replace("<br>", "")[-1:])}


@pytest.mark.parametrize("shift", SHIFTS)
def test_a_tall_narrow_level_cell_cut_by_the_page_break_keeps_its_name(printed, shift) -> None:
    table = read_table(printed[shift])
    (project,) = table.projects()
    assert [(i.level1, i.level2, i.name) for i in project.indicators] == _expected()


def test_the_variants_cut_each_tall_cell(printed) -> None:
    """The test above must see the page break inside every tall level cell (its first character
    on page 1, its last on page 2) in some variant."""
    cut = set().union(*(_cut_levels(path) for path in printed.values()))
    assert cut == {level.replace("<br>", "") for level, _ in LEVELS}


def _hangs_over_a_rule(path: Path) -> bool:
    """Does a character of the level column reach over a rule of that column into the cell below
    (its top above the rule, its middle below)?"""
    with pdfplumber.open(path) as pdf:
        column = next((ch["x0"] for page in pdf.pages for ch in page.chars if ch["text"] == "产"), None)
        for page in pdf.pages:
            if column is None:
                break
            chars = [ch for ch in page.chars if abs(ch["x0"] - column) < 2 and not ch["text"].isspace()]
            rules = [e["top"] for e in page.horizontal_edges if e["x0"] < column < e["x1"]]
            if any(ch["top"] < y < (ch["top"] + ch["bottom"]) / 2 for ch in chars for y in rules):
                return True
    return False


def test_some_variant_hangs_a_line_over_the_next_cells_rule(printed) -> None:
    """Writer prints the part of a tall cell on the next page a line low in some variant: the test
    above sees a line hanging over the rule into the next level's cell."""
    assert any(_hangs_over_a_rule(path) for path in printed.values())


def _char(text: str, top: float, x0: float = 10.0, size: float = 12.0) -> dict:
    return {"text": text, "top": top, "bottom": top + size, "x0": x0, "x1": x0 + size, "size": size}


def test_a_line_hanging_over_a_rule_goes_back_to_its_cell() -> None:
    """Two cells of a column, the rule between them at 75: a line of the upper cell printed over it
    (its middle below) overlaps the lower cell's first line and is the upper cell's; the lower cell's
    own line reaching a little over the rule stays: alone, or lines set tighter than their size (its
    next line as far as the lines of that text are from each other)."""
    upper, lower = (0.0, 28.0, 40.0, 75.0), (0.0, 75.0, 40.0, 122.0)
    placed = {upper: [_char("指", 56.5)], lower: [_char("标", 73.8), _char("效", 82.8), _char("指", 100.1)]}
    pdf_text._give_back(placed, 3.0)
    assert [c["text"] for c in placed[upper]] == ["指", "标"]
    assert [c["text"] for c in placed[lower]] == ["效", "指"]
    alone = {upper: [_char("产", 40.0)], lower: [_char("效", 74.0), _char("益", 91.3)]}
    pdf_text._give_back(alone, 3.0)
    assert [c["text"] for c in alone[lower]] == ["效", "益"]
    tight = {upper: [_char("产", 40.0)], lower: [_char("效", 74.0), _char("益", 83.0), _char("指", 92.0)]}
    pdf_text._give_back(tight, 3.0)
    assert [c["text"] for c in tight[lower]] == ["效", "益", "指"]
    # the lower cell's first line printed up over the rule (its middle above), on the upper's last line
    up = {upper: [_char("产", 40.0), _char("出", 57.3), _char("效", 66.0)], lower: [_char("益", 83.3)]}
    pdf_text._give_back(up, 3.0)
    assert [c["text"] for c in up[upper]] == ["产", "出"]
    assert sorted(c["text"] for c in up[lower]) == sorted(["效", "益"])
