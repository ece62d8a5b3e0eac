"""Two tables printed one right under the other, each of its own width (containers/pdf_pages._by_outline).

A web page's indicator table split in two (Word's page break saved as two ``<table>``s, the second
reprinting the header) is laid out by the browser — and by Writer here — table by table: the second,
with a longer name, is wider. Printed, the two touch, and pdfplumber finds them as one table whose
cells overlap: the second part read ``节约多招录正式民警资金支出万元节约多招录正式民警资金支出`` as a value.
A ruled table's rows all reach its left and right edges, so rows of another width under rows of one
width, with no rule going on down the wider one's edge, are another table; the layouts then read the
two parts as one grid, as they do a saved page's two tables.

And a row cut by a page break (containers/pdf._Building.join_cut_row): a coded indicator string cut at an
item's ； no longer makes the rest a new row while the row's name and goal were cut mid-word.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdf_fixtures import print_pages

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers.pdf_pages import _by_outline, _ruled_tables

HEADER = "<tr><td>指标名称</td><td>计量单位</td><td>指标性质</td><td>指标值</td></tr>"
ROWS_1 = [("辅警人员", "人", "=", "512"), ("项目持续期", "", "定性", "基本建立"), ("项目成本概算", "万元", "≤", "3584")]
ROWS_2 = [("节约多招录正式民警资金支出", "万元", "≥", "1500"), ("促进社会和谐稳定", "", "定性", "好"),
          ("受益对象满意度", "%", "≥", "95")]


def _table(rows) -> str:
    body = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in rows)
    return f'<table border="1">{HEADER}{body}</table>'


SPLIT = (f'<html><head><meta charset="utf-8"></head><body><p>辅警人员经费绩效目标表</p>'
         f"{_table(ROWS_1)}{_table(ROWS_2)}</body></html>")
#: One table whose first column is merged down over rows (its rows start right of it): one outline.
MERGED = ('<html><head><meta charset="utf-8"></head><body><p>某项目绩效目标表</p><table border="1">'
          "<tr><td>项目名称</td><td colspan='3'>某项目</td></tr>"
          "<tr><td rowspan='4'>绩效指标</td><td>一级指标</td><td>三级指标</td><td>指标值</td></tr>"
          "<tr><td>产出指标</td><td>培训人次</td><td>≥200人次</td></tr>"
          "<tr><td>产出指标</td><td>培训合格率</td><td>≥95%</td></tr>"
          "<tr><td>效益指标</td><td>从业人员技能水平</td><td>明显提升</td></tr></table></body></html>")


#: A form whose indicator grid goes on in a table of its own, reprinting the grid's header over fewer
#: columns (三级指标 and 指标值 each spanned two columns of the first table).
SPLIT_HEADER = ('<html><head><meta charset="utf-8"></head><body><table border="1">'
                "<tr><td>项目名称</td><td colspan='5'>博物馆免费开放补助资金</td></tr>"
                "<tr><td>主管部门</td><td>市文旅局</td><td>实施单位</td><td>市博物馆</td><td>项目期</td><td>1年</td></tr>"
                "<tr><td>一级指标</td><td>二级指标</td><td colspan='2'>三级指标</td><td colspan='2'>指标值</td></tr>"
                "<tr><td>产出指标</td><td>数量指标</td><td colspan='2'>免费开放天数</td><td colspan='2'>=300天</td></tr>"
                "<tr><td>产出指标</td><td>质量指标</td><td colspan='2'>考核指标完成率</td><td colspan='2'>=100%</td></tr>"
                '</table><table border="1"><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>'
                "<tr><td>效益指标</td><td>社会效益指标</td><td>接待观众人数</td><td>≥30000人次</td></tr>"
                "<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>观众满意度</td><td>≥95%</td></tr>"
                "</table></body></html>")


def test_a_table_reprinting_the_header_over_columns_of_its_own_goes_under_the_grid_s(tmp_path: Path) -> None:
    """Its values stood in the grid's 三级指标 column's second half (read blank): now each of its columns
    under the grid's column of the same header text (pdf._Building.header_edges)."""
    pdf = print_pages({"header": SPLIT_HEADER}, tmp_path)["header"]
    (project,) = read_table(pdf).projects()
    assert [(i.level1, i.name, i.annual_value.raw) for i in project.indicators] == [
        ("产出指标", "免费开放天数", "=300天"), ("产出指标", "考核指标完成率", "=100%"),
        ("效益指标", "接待观众人数", "≥30000人次"), ("满意度指标", "观众满意度", "≥95%")]


def test_two_tables_of_their_own_widths_are_read_apart(tmp_path: Path) -> None:
    pdfs = print_pages({"split": SPLIT, "merged": MERGED}, tmp_path)
    with pdfplumber.open(pdfs["split"]) as pdf:
        page = pdf.pages[0]
        (found,) = _ruled_tables(page)  # pdfplumber: one table
        assert len(_by_outline(page, found)) == 2
    (project,) = read_table(pdfs["split"]).projects()
    assert [(i.name, i.annual_value.raw) for i in project.indicators] == [
        ("辅警人员", "512人"), ("项目持续期", "基本建立"), ("项目成本概算", "≤3584万元"),
        ("节约多招录正式民警资金支出", "≥1500万元"), ("促进社会和谐稳定", "好"), ("受益对象满意度", "≥95%")]
    with pdfplumber.open(pdfs["merged"]) as pdf:
        page = pdf.pages[0]
        assert [len(_by_outline(page, table)) for table in _ruled_tables(page)] == [1]


class _Before:
    """The table on the page before, as join_cut_row asks it: which cells' last lines ran to their edge."""

    def __init__(self, full: set[float]) -> None:
        self.full = full

    def full_last_cells(self) -> set[float]:
        return self.full


def _grid_ending(row: list[str]):
    from perfgoals_xl.sources.containers.pdf import _Building

    building = _Building((0.0, 100.0, 200.0, 300.0), [], 1, row)
    building.add(1, 1, [row], [])
    return building


def test_a_row_cut_by_a_page_break_goes_on_though_a_coded_item_ended_there() -> None:
    """A coded table's row cut at the page's foot: its name and goal mid-word (车辆租用 | 经费, 公务活 | 动),
    its indicator string at an item's ； — one row, joined again (was: a new row, the project name
    read as 车辆租用 and its indicators not at all)."""
    columns = (0.0, 100.0, 200.0, 300.0)
    building = _grid_ending(["车辆租用", "保障市领导在京公务活", "１、１-产出指标；"])
    cut = ["经费", "动用车", "１３-时效指标；车辆派遣及时率；年度指标值:１００％。"]
    assert building.join_cut_row([cut], 0, columns, _Before({0.0, 100.0, 200.0}))
    assert building.rows[-1] == ["车辆租用经费", "保障市领导在京公务活动用车", "１、１-产出指标；１３-时效指标；车辆派遣及时率；年度指标值:１００％。"]
    # every text ended a sentence, or the others end with no word cut: a new row
    building = _grid_ending(["车辆租用经费。", "保障用车。", "１、１-产出指标；"])
    assert not building.join_cut_row([["经费", "动用车", "１３-时效指标；"]], 0, columns, _Before({0.0, 100.0, 200.0}))
    building = _grid_ending(["车辆租用(一)", "保障用车（全年）", "１、１-产出指标；"])
    assert not building.join_cut_row([["经费", "动用车", "１３-时效指标；"]], 0, columns, _Before({0.0, 100.0, 200.0}))


def test_column_lines_laid_apart_or_shared() -> None:
    """浮梁 林业局's two parts (points): two lines of each stand 5–7 points from the other's — laid apart;
    a sheet's block over its grid shares its lines (a merged cell leaves some out) — one table."""
    from perfgoals_xl.sources.containers.pdf_pages import _laid_apart

    upper = {56.7, 140.4, 193.7, 324.1, 388.1, 434.5, 484.4, 559.2, 567.0}
    lower = {56.7, 103.8, 157.1, 348.2, 394.6, 434.5, 478.7, 559.2, 567.0}
    assert _laid_apart(upper, lower)
    block = {56.7, 140.4, 434.5, 567.0}
    assert not _laid_apart(block, upper) and not _laid_apart(upper, upper)
