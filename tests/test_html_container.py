"""Web pages as containers (sources/containers/html.py, mht.py): saved pages, a web site's .xls that is
HTML, single-file .mht pages — UTF-8 and GBK, with page chrome, merged cells and several tables — each
read grid by grid to the right projects, indicators and amounts (docs/containers.md)."""

from __future__ import annotations

import base64
import quopri
from decimal import Decimal
from html import escape
from pathlib import Path

import pytest
from form_fixtures import Cell, form_88, form_provincial, xlsx_forms
from hypothesis import given, settings
from hypothesis import strategies as st
from test_form_reader import assert_project

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import READABLE_SUFFIXES, read_table, sniff
from perfgoals_xl.sources.containers import html as html_container

CHROME_TOP = """<div id="nav"><table><tr><td><a href="/">首页</a></td><td><a href="/gk">信息公开</a></td>
<td><a href="/bs">办事服务</a></td></tr></table></div>
<header><h1>某某区人民政府门户网站</h1><p>部门名称：不是这个部门</p></header>"""
CHROME_BOTTOM = """<footer><table><tr><td>主办单位：某某区人民政府办公室</td><td>网站标识码：1234</td></tr></table>
<p>版权所有</p></footer><script>var x = "<table><tr><td>项目名称</td></tr></table>";</script>"""

LONG_ROWS = """
<tr><th>单位名称</th><th>项目名称</th><th>预算数</th><th>年度目标</th><th>一级指标</th><th>二级指标</th>
<th>三级指标</th><th>指标值</th></tr>
<tr><td rowspan="3">某区第一中学</td><td rowspan="2">校舍维修<br>改造</td><td rowspan="2">1,200.00</td>
<td rowspan="2"><p>完成校舍维修。</p><p>消除安全隐患。</p></td><td rowspan="2">产出指标</td><td>数量指标</td>
<td>维修面积</td><td>≥2000平方米</td></tr>
<tr><td>质量指标</td><td>验收合格率</td><td>100%</td></tr>
<tr><td>学生营养餐</td><td>300</td><td>保障营养餐供应。</td><td>效益指标</td><td>社会效益指标</td>
<td>受益学生人数</td><td>≥500人</td></tr>
"""


def long_page(charset_tag: str = '<meta charset="utf-8">', *, wrapped: bool = True) -> str:
    """A saved page: chrome, a layout table wrapping the title lines and the long-format data table."""
    data = f'<table border="1" class="data">{LONG_ROWS}</table>'
    body = (f"<h2>2024年度项目支出绩效目标表</h2><p>部门名称：某某区教育局&nbsp;&nbsp;单位：元</p>{data}")
    if wrapped:
        body = f'<table width="980" class="layout"><tr><td class="left">{body}</td></tr></table>'
    return (f"<!DOCTYPE html><html><head>{charset_tag}<title>预算公开</title></head><body>"
            f"{CHROME_TOP}{body}{CHROME_BOTTOM}</body></html>")


def assert_long(table) -> None:
    """The long-format page read: department and unit from the lines above, amounts in 万元, merged cells."""
    assert table.department == "某某区教育局"
    (unit,) = table.units
    assert unit.name == "某区第一中学"
    first, second = unit.projects
    assert first.name == "校舍维修改造"  # (<br> in a name: one name, finish.names_on_one_line)
    assert first.amounts.total == Decimal("0.12")  # 1,200.00 元
    assert first.goal == "完成校舍维修。\n消除安全隐患。"
    assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in first.indicators] == [
        ("产出指标", "数量指标", "维修面积", "≥2000平方米"), ("产出指标", "质量指标", "验收合格率", "100%")]
    assert second.name == "学生营养餐" and second.amounts.total == Decimal("0.03")
    assert [(i.level1, i.name) for i in second.indicators] == [("效益指标", "受益学生人数")]
    where = first.indicators[1].field_locations["name"]
    assert (where.sheet, where.cell) == ("表格1", "G3")  # the table's own row 3, column G


def test_saved_page_utf8_reads_the_data_table_not_the_chrome(tmp_path: Path) -> None:
    path = tmp_path / "公开.html"
    path.write_text(long_page(), encoding="utf-8")
    assert sniff(path) == "html"
    table = read_table(path)
    assert table.layout == "html"
    assert_long(table)
    assert not [p for p in table.problems if p.code == "S11" and "不是项目支出绩效目标表" in p.message]


@pytest.mark.parametrize("declared", [
    '<meta charset="gbk">',
    '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    "",  # undeclared: detected
])
def test_gbk_pages_declared_or_not(tmp_path: Path, declared: str) -> None:
    path = tmp_path / "gbk.htm"
    path.write_bytes(long_page(declared).encode("gb18030"))
    assert_long(read_table(path))


def test_a_wrong_declaration_is_overridden_by_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "resaved.html"
    path.write_bytes(long_page('<meta charset="gb2312">').encode("utf-8"))  # re-saved as UTF-8
    assert_long(read_table(path))


def test_bom_wins(tmp_path: Path) -> None:
    path = tmp_path / "bom.html"
    path.write_bytes(b"\xef\xbb\xbf" + long_page('<meta charset="gbk">', wrapped=False).encode("utf-8"))
    assert_long(read_table(path))


def form_html(cells: list[Cell]) -> str:
    """A form layout as an HTML table: merged ranges as rowspan/colspan, line breaks as <br>."""
    rows = max(r2 for *_, r2, _ in cells) + 1
    width = max(c2 for *_, c2 in cells) + 1
    start = {(r, c): (value, r2, c2) for r, c, value, r2, c2 in cells}
    covered = {(rr, cc) for r, c, _, r2, c2 in cells for rr in range(r, r2 + 1) for cc in range(c, c2 + 1)
               if (rr, cc) != (r, c)}
    out = []
    for r in range(rows):
        tds = []
        for c in range(width):
            if (r, c) in covered:
                continue
            value, r2, c2 = start.get((r, c), (None, r, c))
            text = "<br>".join(escape(line) for line in ("" if value is None else str(value)).split("\n"))
            span = (f' rowspan="{r2 - r + 1}"' if r2 > r else "") + (f' colspan="{c2 - c + 1}"' if c2 > c else "")
            tds.append(f"<td{span}>{text}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    return '<table border="1">' + "".join(out) + "</table>"


def test_a_form_and_a_long_table_on_one_page(tmp_path: Path) -> None:
    cells, expected = form_88()
    page = (f'<html><head><meta charset="utf-8"></head><body>{CHROME_TOP}'
            f"<p>部门名称：某某区教育局　单位：元</p><table border=1>{LONG_ROWS}</table>"
            f"<h3>项目支出绩效目标申报表</h3>{form_html(cells)}{CHROME_BOTTOM}</body></html>")
    path = tmp_path / "两张表.html"
    path.write_text(page, encoding="utf-8")
    table = read_table(path)
    names = [p.name for p in table.projects()]
    assert names == ["校舍维修改造", "学生营养餐", expected.name]
    form_project = table.projects()[2]
    assert_project(table, form_project, expected)
    assert form_project.field_locations["name"].sheet == "表格2"


@pytest.mark.parametrize("variant", [form_88, form_provincial])
def test_forms_as_html_read_like_the_workbook(tmp_path: Path, variant) -> None:
    cells, expected = variant()
    path = tmp_path / "form.html"
    path.write_text(f"<html><body>{form_html(cells)}</body></html>", encoding="utf-8")
    table = read_table(path)
    (project,) = table.projects()
    assert_project(table, project, expected)
    book = read_table(xlsx_forms(tmp_path / "form.xlsx", [[cells]]))
    for key, where in book.projects()[0].field_locations.items():  # the same cells, in 表格1
        assert (project.field_locations[key].sheet, project.field_locations[key].cell) == ("表格1", where.cell), key


EXCEL_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Excel.Sheet><style>td {{mso-number-format:General;}}</style></head>
<body><table x:str border=0 cellpadding=0 cellspacing=0 style='border-collapse:collapse'>
<col width=72 span=8>
<tr><td colspan=8>项目支出绩效目标表</td></tr>
<tr><td colspan=8>部门名称：某某市财政局</td></tr>
{rows}
</table></body></html>"""


def test_a_web_site_xls_that_is_html(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    rows = LONG_ROWS.replace("<th>", "<td>").replace("</th>", "</td>").replace("<td>300</td>", "<td x:num>300</td>")
    path.write_bytes(EXCEL_HTML.format(rows=rows).encode("gb18030"))
    assert sniff(path) == "html"
    table = read_table(path)
    assert table.department == "某某市财政局"
    assert [p.name for p in table.projects()] == ["校舍维修改造", "学生营养餐"]
    # no 单位 line: amounts stay as written (万元)
    assert table.projects()[1].amounts.total == Decimal(300)


def _mht(html_bytes: bytes, charset: str, encoding: str) -> bytes:
    body = quopri.encodestring(html_bytes) if encoding == "quoted-printable" else base64.encodebytes(html_bytes)
    return (b"From: <Saved by Blink>\r\nSubject: =?utf-8?Q?=E5=85=AC=E5=BC=80?=\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--X"\r\n\r\n'
            b"------MultipartBoundary--X\r\n"
            + f"Content-Type: text/html; charset={charset}\r\nContent-Transfer-Encoding: {encoding}\r\n"
              "Content-Location: http://example.gov.cn/gk.html\r\n\r\n".encode()
            + body + b"\r\n------MultipartBoundary--X\r\nContent-Type: image/png\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n------MultipartBoundary--X--\r\n")


@pytest.mark.parametrize(("charset", "encoding"), [("gbk", "quoted-printable"), ("utf-8", "base64")])
def test_single_file_pages(tmp_path: Path, charset: str, encoding: str) -> None:
    path = tmp_path / "page.mht"
    path.write_bytes(_mht(long_page("").encode(charset), charset, encoding))
    assert sniff(path) == "html"
    assert_long(read_table(path))
    assert {".html", ".htm", ".mht", ".mhtml"} <= READABLE_SUFFIXES


def test_excel_single_file_page_with_a_frame_page_and_sheets(tmp_path: Path) -> None:
    frame = b'<html><frameset rows="*,39"><frame src="p.files/sheet001.htm"></frameset></html>'
    sheet = long_page('<meta charset="gbk">', wrapped=False).encode("gb18030")
    parts = [(frame, "utf-8"), (sheet, "gbk")]
    body = b"".join(b"------B\r\nContent-Type: text/html; charset=" + cs.encode() +
                    b"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(data) + b"\r\n"
                    for data, cs in parts)
    path = tmp_path / "workbook.mht"
    path.write_bytes(b'MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; '
                     b'boundary="----B"\r\n\r\n' + body + b"------B--\r\n")
    assert_long(read_table(path))
    framed = tmp_path / "frames.htm"
    framed.write_bytes(frame)
    with pytest.raises(InputError, match="框架页.*sheet001.htm"):
        read_table(framed)


def test_a_page_without_our_table_says_so(tmp_path: Path) -> None:
    path = tmp_path / "other.html"
    path.write_text("<html><body><table><tr><td>收入</td><td>支出</td></tr><tr><td>1</td><td>2</td></tr>"
                    "</table></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="表格1.*未找到一行一指标的表头"):
        read_table(path)
    empty = tmp_path / "menu.html"
    empty.write_text(f"<html><body>{CHROME_TOP}</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="网页中没有表格"):
        read_table(empty)


def test_a_disclosure_page_without_a_table_says_where_it_is(tmp_path: Path) -> None:
    """A notice whose table is an attachment, or a picture, says so — the person saved the wrong thing."""
    notice = tmp_path / "公开.html"
    notice.write_text(f"<html><body>{CHROME_TOP}<div class=article><p>现将我局2024年项目支出绩效目标公开如下：</p>"
                      "<p>附件：<a href='/upload/2024/绩效目标表.xlsx?v=2'>2024年项目支出绩效目标表.xlsx</a></p>"
                      "<p><a href='/upload/2024/b.pdf'></a></p></div></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="表格在网页的附件中：2024年项目支出绩效目标表.xlsx、b.pdf；请下载附件"):
        read_table(notice)
    picture = tmp_path / "图片.html"
    picture.write_text(f"<html><body><header><img src=logo.png></header>{CHROME_TOP}<div class=article>"
                       "<p><img src=table1.jpg></p><p><img src=table2.jpg></p></div></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="网页正文中有 2 张图片：表格若是图片，须先做文字识别"):
        read_table(picture)


def test_a_caption_gives_the_department_and_unit(tmp_path: Path) -> None:
    path = tmp_path / "caption.html"
    path.write_text(f"<table><caption>项目支出绩效目标表<br>部门名称：某某区教育局 单位：元</caption>{LONG_ROWS}"
                    "</table>", encoding="utf-8")
    assert_long(read_table(path))


def test_other_tables_are_named_once(tmp_path: Path) -> None:
    other = "<table><tr><td>收入合计</td><td>100</td></tr><tr><td>支出合计</td><td>90</td></tr></table>"
    path = tmp_path / "mixed.html"
    path.write_text(f"<html><body>{other}<p>部门名称：某某区教育局　单位：元</p><table>{LONG_ROWS}</table>"
                    "</body></html>", encoding="utf-8")
    table = read_table(path)
    notes = [p for p in table.problems if p.code == "S11" and "已跳过" in p.message]
    assert len(notes) == 1 and notes[0].message.startswith("表格1不是项目支出绩效目标表")
    assert table.projects()[0].field_locations["name"].sheet == "表格2"


def test_spans_are_clipped_and_tables_bounded(tmp_path: Path) -> None:
    grids = html_container.page_grids(
        '<table><tr><td colspan="99999999">a</td><td rowspan="-3">b</td></tr>'
        '<tr><td rowspan="70000" colspan="2x">c</td><td>d</td></tr></table>', "x.html")
    (grid,) = grids
    # colspan clipped to MAX_SPAN, a rowspan to the table's rows, "2x" read as 2 (as browsers do)
    assert grid.merged == [(0, 0, 0, html_container.MAX_SPAN - 1), (1, 0, 1, 1)]
    assert grid.rows[0][html_container.MAX_SPAN] == "b" and grid.rows[1][:3] == ["c", None, "d"]
    big = "<table>" + '<tr><td colspan="1000">x</td><td>y</td></tr>' * 2100 + "</table>"
    with pytest.raises(InputError, match="超过 2000000 个单元格"):
        html_container.page_grids(big, "big.html")
    many = "<table><tr><td>a</td><td>b</td></tr></table>" * (html_container.MAX_TABLES + 1)
    with pytest.raises(InputError, match="表格超过 5000 个"):
        html_container.page_grids(many, "many.html")


def test_cell_text_breaks_and_whitespace() -> None:
    (grid,) = html_container.page_grids(
        "<table><tr><td>一\n  二<br/>三<div>四</div>五</td><td>&nbsp;x&nbsp;</td></tr>"
        "<tr><td><ul><li>甲</li><li>乙</li></ul></td><td>y</td></tr></table>", "t.html")
    assert grid.rows == [["一 二\n三\n四\n五", "x"], ["甲\n乙", "y"]]
    (saved,) = html_container.page_grids(  # a form page saved from a web system: its fields' values
        '<table><tr><td>项目名称</td><td><input type="text" value="校舍维修"><input type="hidden" value="9"></td>'
        '</tr><tr><td>项目属性</td><td><input type="radio" name="k">新增 <input type="radio" name="k" checked>延续'
        '</td></tr><tr><td>项目期</td><td><select><option>1年</option><option selected>3年</option></select>'
        '<script>x()</script>（<span>含</span>当年）</td></tr><tr><td>年度目标</td><td><textarea>完成维修。</textarea>'
        "</td></tr></table>", "web.html")
    assert [row[1] for row in saved.rows] == ["校舍维修", "新增 √延续", "3年（含当年）", "完成维修。"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' tdrhbalecospn123项目名称\n&;")), max_size=300))
def test_any_markup_gives_grids_or_one_input_error(text: str) -> None:
    try:
        grids = html_container.page_grids("<table>" + text, "x.html")
    except InputError:
        return
    for grid in grids:
        width = len(grid.rows[0]) if grid.rows else 0
        assert all(len(row) == width for row in grid.rows)
        assert all(r2 < len(grid.rows) and c2 < width for _, _, r2, c2 in grid.merged)


def test_layout_html_forces_the_web_page_container(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"  # a page saved under another name is still read by content
    page.write_text(long_page(), encoding="utf-8")
    assert_long(read_table(page, layout="html"))
    text = tmp_path / "t.csv"
    text.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(InputError, match="不是网页"):
        read_table(text, layout="html")


def test_forced_layouts_read_any_container(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(long_page(), encoding="utf-8")
    assert_long(read_table(path, layout="longform"))  # --layout longform on a web page: its tables, long format


def test_page_information_above_a_table_is_not_read_as_its_lines(tmp_path):
    """A breadcrumb and the page's 发布机构 / 来源 / 浏览次数 lines stand between the page header and
    the table on government sites; a form reader took them for fields of the table (PG-S11 extras
    您当前的位置、发布机构). The title and 单位 lines stay."""
    from perfgoals_xl.sources.containers.html import is_page_info, page_grids

    page = ("<html><body><div>您当前的位置：首页 > 区林业局 > 政务公开</div><div>首页 » 预算公开 » 2022</div>"
            "<p>发布机构：区林业局</p><p>来源：本站 浏览次数：12</p><p>2022年项目支出绩效目标表</p>"
            "<p>单位：万元</p><table><tr><td>项目名称</td><td>某项目</td></tr>"
            "<tr><td>年度目标</td><td>完成</td></tr></table></body></html>")
    (grid,) = page_grids(page, tmp_path / "p.html")
    above = [row[0] for row in grid.rows[:2]]
    assert above == ["2022年项目支出绩效目标表", "单位：万元"]
    assert not is_page_info("资金来源：财政拨款") and not is_page_info("部门名称：某局")
    assert not is_page_info("完成率≥90%")


def test_lines_under_a_table_in_its_block_are_its_last_rows(tmp_path: Path) -> None:
    """The first lines written under a table in the block holding it (no table after it there) are the
    grid's last rows, ``表格下方第1行``: the sign-offs first, not the end of a long text after them; the
    page's own information (主办单位, 备案号) is none, and lines between two tables of one block stay
    the second one's lines above."""
    prose = "".join(f"<p>正文第{n}段。</p>" for n in range(1, 12))
    page = ('<html><head><meta charset="utf-8"></head><body><div class="content">'
            "<table border=1><tr><td>甲</td><td>1</td></tr><tr><td>乙</td><td>2</td></tr></table>"
            "<p>表二标题</p><table border=1><tr><td>丙</td><td>3</td></tr><tr><td>丁</td><td>4</td></tr></table>"
            f"<p>填报人：张三</p><p>主办单位：某区政府办公室</p><p>上报时间：2024年3月5日</p>{prose}</div>"
            '<div class="footer"><p>备案号：某ICP备00000000号</p></div></body></html>')
    path = tmp_path / "below.html"
    path.write_text(page, encoding="utf-8")
    one, two = html_container.load_grids(path)
    assert [row[0] for row in one.rows] == ["甲", "乙"]
    assert [row[0] for row in two.rows] == ["表二标题", "丙", "丁", "填报人：张三", "上报时间：2024年3月5日",
                                           "正文第1段。", "正文第2段。", "正文第3段。", "正文第4段。"]
    assert two.rows[3] == ["填报人：张三", None]
    assert two.locate(3, 0) == ("表格2", "表格下方第1行") and two.locate(2, 1) == ("表格2", "B2")


#: A workbook saved as a web page by Excel (另存为网页): its hidden code column written as cells with
#: ``display:none`` on every row, a hidden helper row, hidden text inside a cell, the column-width row
#: of ``supportMisalignedColumns``, ``x:num`` / ``x:str`` attributes and ``mso-`` styles.
EXCEL_SAVED_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>Sheet1</x:Name>
</x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head><body>
<table border=0 cellpadding=0 cellspacing=0 style='border-collapse:collapse;table-layout:fixed'>
 <col width=120><col width=0 style='display:none'><col width=90 span=6>
 <tr height=40><td colspan=8 class=xl66>项目支出绩效目标申报表</td></tr>
 <tr><td class=xl67>项目名称</td><td class=xl67 style='display:none'>XM001</td>
  <td colspan=6>社区卫生服务项目<span style="display: none">（旧名称：卫生补助）</span></td></tr>
 <tr><td>主管部门</td><td style='display:none'>0701</td><td colspan=3>某区卫生健康局</td><td>实施单位</td>
  <td colspan=2>某区疾控中心</td></tr>
 <tr height=0 style='display:none'><td>辅助行</td><td style='display:none'></td><td colspan=6>=SUM(G5:G6)</td></tr>
 <tr><td rowspan=2>项目资金<br>（万元）</td><td style='display:none'></td><td colspan=3>年度资金总额</td>
  <td colspan=3 x:num="120">120.00</td></tr>
 <tr><td style='display:none'></td><td colspan=3>其中：财政拨款</td><td colspan=3 x:num>120.00</td></tr>
 <tr><td>年度绩效目标</td><td style='display:none'></td><td colspan=6><p class=MsoNormal>完成辖区居民健康档案建档<span
  lang=EN-US>2</span>万份<o:p></o:p></p></td></tr>
 <tr><td rowspan=4>绩效指标</td><td style='display:none'></td><td>一级指标</td><td>二级指标</td><td colspan=2>三级指标</td>
  <td colspan=2>指标值</td></tr>
 <tr><td style='display:none'>Z1</td><td rowspan=2>产出指标</td><td>数量指标</td><td colspan=2>建档数量</td>
  <td colspan=2 class=xl65 x:str>≥2万份</td></tr>
 <tr><td style='display:none'>Z2</td><td>质量指标</td><td colspan=2>建档合格率</td><td colspan=2>≥95%</td></tr>
 <tr><td style='display:none'>Z3</td><td>满意度指标</td><td>服务对象满意度指标</td><td colspan=2>居民满意度</td>
  <td colspan=2>≥90%</td></tr>
 <![if supportMisalignedColumns]>
 <tr height=0 style='display:none'><td width=120></td><td width=0></td><td width=90></td><td width=90></td>
  <td width=90></td><td width=90></td><td width=90></td><td width=90></td></tr>
 <![endif]>
</table></body></html>"""


def test_what_the_browser_hides_is_no_part_of_the_table(tmp_path: Path) -> None:
    """The hidden code column is not the project's name (it was read as ``XM001``), the hidden row no
    row, hidden text no part of a name: the page reads as the table a person sees."""
    page = tmp_path / "申报表.htm"
    page.write_bytes(EXCEL_SAVED_PAGE.encode("gb2312"))
    table = read_table(page)
    (project,) = table.projects()
    assert project.name == "社区卫生服务项目"
    assert table.department == "某区卫生健康局"
    assert project.amounts.total == project.amounts.fiscal == Decimal("120.00")
    assert project.goal == "完成辖区居民健康档案建档2万份"
    assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in project.indicators] == [
        ("产出指标", "数量指标", "建档数量", "≥2万份"), ("产出指标", "质量指标", "建档合格率", "≥95%"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%")]
    (grid,) = html_container.load_grids(page)
    assert all(len(row) == 7 for row in grid.rows)  # the hidden column dropped, merged ranges narrowed
    assert not any("辅助行" in str(v) or "XM001" in str(v) for row in grid.rows for v in row)


def test_a_cell_hidden_alone_keeps_its_column() -> None:
    """One cell hidden in a column that shows other cells: blank, the column kept."""
    grids = html_container.page_grids(
        "<table><tr><td>项目名称</td><td>一级指标</td><td>指标值</td></tr>"
        "<tr><td>甲项目</td><td style='DISPLAY: NONE'>旧</td><td>≥1</td></tr>"
        "<tr><td hidden>乙</td><td>产出指标</td><td>≥2</td></tr></table>", "t.html")
    rows = [row[-3:] for row in grids[0].rows]
    assert rows == [["项目名称", "一级指标", "指标值"], ["甲项目", None, "≥1"], [None, "产出指标", "≥2"]]


def test_hidden_page_text_is_no_line_above_the_table_but_a_hidden_tab_is_read(tmp_path: Path) -> None:
    """A hidden block of page text (a template's leftovers) gives no 部门名称; a table in a hidden tab
    (shown on a click) is still read."""
    data = f'<table border="1">{LONG_ROWS}</table>'
    page = tmp_path / "p.html"
    page.write_text(
        '<html><head><meta charset="utf-8"></head><body><div style="display:none"><p>部门名称：不是这个部门</p></div>'
        f'<p>部门名称：某某区教育局　单位：元</p><div class="tab" style="display:none">{data}</div></body></html>',
        encoding="utf-8")
    assert_long(read_table(page))
