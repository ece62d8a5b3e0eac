"""The paragraphs above a Word table are the grid's first rows (issues #18/#19), as the web-page
container keeps a page's lines: the title, the year line （2024年度）, 部门名称：…, 单位：万元 and a
heading naming the project reach the layouts, located ``表格1!表格上方第1行``, while the table's own
cells keep their addresses (``表格1!B3``). A table read from Word reads as the same table from HTML."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from form_fixtures import Cell, c, docx_forms
from hypothesis import given, settings
from hypothesis import strategies as st
from test_reading_classes import headed_lines, headed_table, html_page

from perfgoals_xl.model import PerfTable
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers import word
from perfgoals_xl.sources.containers.table_preamble import PREAMBLE_LINES
from perfgoals_xl.sources.containers.word_table import paragraph_lines, table_grid

_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:v="urn:schemas-microsoft-com:vml"')


def test_each_table_gets_the_paragraphs_since_the_table_before(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "某某县财政局（页眉）"
    document.sections[0].footer.paragraphs[0].text = "第 1 页"
    for n in range(1, 8):
        document.add_paragraph(f"说明第{n}行")
    document.add_paragraph("")  # empty paragraphs are skipped
    title = document.add_paragraph("项目支出绩效自评表")
    title.runs[0].add_break(WD_BREAK.LINE)  # a soft line break: two lines
    title.add_run("（2024年度）\t")
    document.add_paragraph("   ")
    first = document.add_table(rows=3, cols=3)
    first.cell(0, 0).merge(first.cell(0, 2)).text = "项目名称"
    first.cell(2, 1).text = "B3 的值"
    document.add_paragraph("部门名称：某县交通运输局　单位：万元")
    second = document.add_table(rows=1, cols=2)
    second.cell(0, 0).text = "甲"
    third = document.add_table(rows=1, cols=2)  # straight after the second: nothing above it
    third.cell(0, 1).text = "乙"
    path = tmp_path / "lines.docx"
    document.save(path)

    one, two, three = word.load_grids(path)
    lines = [row[0] for row in one.rows[:PREAMBLE_LINES]]
    assert lines == ["说明第4行", "说明第5行", "说明第6行", "说明第7行", "项目支出绩效自评表", "（2024年度）"]
    assert all(row[1:] == [None, None] for row in one.rows[:PREAMBLE_LINES])  # padded to the table's width
    assert one.locate(0, 0) == ("表格1", "表格上方第1行") and one.locate(5, 0) == ("表格1", "表格上方第6行")
    assert one.rows[PREAMBLE_LINES + 2][1] == "B3 的值" and one.locate(PREAMBLE_LINES + 2, 1) == ("表格1", "B3")
    assert one.merged == [(PREAMBLE_LINES, 0, PREAMBLE_LINES, 2)]  # the table's merge, moved under the lines
    assert "某某县财政局（页眉）" not in str(one.rows) and "第 1 页" not in str(one.rows)
    assert two.rows[0] == ["部门名称：某县交通运输局　单位：万元", None] and two.locate(1, 0) == ("表格2", "A1")
    assert three.rows == [[None, "乙"]] and three.locate(0, 1) == ("表格3", "B1")


def test_paragraph_lines_read_as_word_shows_them() -> None:
    """A text box written twice (drawing and VML fallback) is one line; a tab stop of the paragraph's
    properties is no text; a tab in the text is a space; whitespace runs collapse."""
    p = parse_xml(
        f'<w:p {_NS}><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        '<w:r><w:t xml:space="preserve">单位：  万元</w:t><w:tab/><w:t>（2024年度）</w:t></w:r>'
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        '<w:p><w:r><w:t>框中标题</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>框中标题</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
        '<w:r><w:t>尾</w:t><w:br/><w:t>次行</w:t></w:r></w:p>')
    assert paragraph_lines(p) == ["单位： 万元 （2024年度）", "框中标题", "尾", "次行"]


def test_a_text_box_in_a_cell_is_read_once() -> None:
    """The same text box inside a table cell: its drawing's text, not also its VML fallback copy."""
    tbl = parse_xml(
        f'<w:tbl {_NS}><w:tr><w:tc><w:p><w:r><w:t>三级指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r>'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        '<w:p><w:r><w:t>≥300公里</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>≥300公里</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p></w:tc></w:tr></w:tbl>')
    assert table_grid(tbl, "表格1", Path("t.docx")).rows == [["三级指标", "≥300公里"]]


def _same_read(from_word: PerfTable, from_html: PerfTable) -> None:
    """The same content, and every field at the same place (表格1!B3, 表格1!表格上方第1行)."""
    assert from_word == from_html
    assert from_word.projects() or from_word.plan is not None
    blocks = [*from_word.projects(), *([from_word.plan] if from_word.plan else [])]
    others = [*from_html.projects(), *([from_html.plan] if from_html.plan else [])]
    for a, b in zip(blocks, others, strict=True):
        places = {k: (v.sheet, v.cell) for k, v in a.field_locations.items()}
        assert places == {k: (v.sheet, v.cell) for k, v in b.field_locations.items()}
        for i, j in zip(a.indicators, b.indicators, strict=True):
            assert {k: (v.sheet, v.cell) for k, v in i.field_locations.items()} == \
                   {k: (v.sheet, v.cell) for k, v in j.field_locations.items()}
    said = [p.message.replace(str(p.location.file if p.location else ""), "") for p in from_word.problems]
    assert said == [p.message.replace(str(p.location.file if p.location else ""), "") for p in from_html.problems]


def _both(tmp_path: Path, layout: list[Cell], lines: list[str]) -> tuple[PerfTable, PerfTable]:
    """The layout with `lines` above it, read from a Word document and from a web page."""
    from_word = read_table(docx_forms(tmp_path / "t.docx", [layout], before=lines))
    from_html = read_table(html_page(tmp_path / "t.html", [layout], "".join(f"<p>{t}</p>" for t in lines)))
    return from_word, from_html


def test_a_project_named_in_the_heading_reads_from_word_as_from_html(tmp_path: Path) -> None:
    from_word, from_html = _both(tmp_path, headed_table(), headed_lines())
    _same_read(from_word, from_html)
    (project,) = from_word.projects()
    assert project.name == "3岁以下婴幼儿照护服务项目"
    assert (project.field_locations["name"].sheet, project.field_locations["name"].cell) == ("表格1", "表格上方第1行")
    assert (project.indicators[0].field_locations["name"].sheet,
            project.indicators[0].field_locations["name"].cell) == ("表格1", "C2")  # the table's own cell


def department_without_its_name_row() -> list[Cell]:
    """A 部门整体支出绩效目标表 whose 部门名称 and unit are written above it, not in it."""
    return [
        c(0, 0, "年度预算", r2=2), c(0, 1, "年度资金总额"), c(0, 2, "360", c2=5),
        c(1, 1, "其中：财政拨款"), c(1, 2, "300", c2=5),
        c(2, 1, "其他资金"), c(2, 2, "60", c2=5),
        c(3, 0, "年度主要任务", r2=5), c(3, 1, "任务名称"), c(3, 2, "主要内容", c2=4), c(3, 5, "预算金额"),
        c(4, 1, "公共文化服务"), c(4, 2, "图书馆、文化馆免费开放", c2=4), c(4, 5, "260"),
        c(5, 1, "全民健身"), c(5, 2, "举办全民健身活动", c2=4), c(5, 5, "100"),
        c(6, 0, "年度绩效总目标"), c(6, 1, "保障公共文化场馆免费开放，举办全民健身活动20场以上。", c2=5),
        c(7, 0, "一级指标"), c(7, 1, "二级指标"), c(7, 2, "三级指标"), c(7, 3, "指标值"),
        c(7, 4, "评（扣）分标准"), c(7, 5, "备注"),
        c(8, 0, "产出指标", r2=9), c(8, 1, "数量指标", r2=9), c(8, 2, "全民健身活动场次"), c(8, 3, "≥20场"),
        c(9, 2, "免费开放场馆数"), c(9, 3, "5个"),
        c(10, 0, "效益指标"), c(10, 1, "社会效益指标"), c(10, 2, "群众参与人次"), c(10, 3, "≥5万人次"),
        c(11, 0, "满意度指标"), c(11, 1, "服务对象满意度指标"), c(11, 2, "群众满意度"), c(11, 3, "≥90%"),
    ]


DEPARTMENT_LINES = ["2024年度部门整体支出绩效目标表", "部门名称：某区文化广电旅游体育局", "单位：万元"]


def test_a_department_named_above_its_table_reads_from_word_as_from_html(tmp_path: Path) -> None:
    from_word, from_html = _both(tmp_path, department_without_its_name_row(), DEPARTMENT_LINES)
    _same_read(from_word, from_html)
    assert from_word.kind == "department" and from_word.plan is not None
    assert from_word.department == "某区文化广电旅游体育局"
    assert [i.name for i in from_word.plan.indicators] == ["全民健身活动场次", "免费开放场馆数", "群众参与人次", "群众满意度"]


@pytest.mark.parametrize("lines", [[], ["附件2"], ["项目支出绩效目标申报表", "（2024年度）", "单位：万元"]])
def test_a_form_reads_from_word_as_from_html_its_cells_where_they_were(tmp_path: Path, lines: list[str]) -> None:
    """A 申报表 with lines above it reads from Word as from a web page, and its cells keep the
    addresses they had without the lines (表格1!B3 stays B3)."""
    from form_fixtures import form_88

    cells, expected = form_88()
    from_word, from_html = _both(tmp_path, cells, lines)
    _same_read(from_word, from_html)
    (project,) = from_word.projects()
    assert project.name == expected.name
    plain = read_table(docx_forms(tmp_path / "plain.docx", [cells])).projects()[0]
    assert {k: v.cell for k, v in project.field_locations.items()} == {k: v.cell for k, v in plain.field_locations.items()}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_legacy_doc_keeps_the_heading_above_its_table(tmp_path: Path) -> None:
    """A .doc goes through the same path after conversion: the heading names the project."""
    source = docx_forms(tmp_path / "headed.docx", [headed_table()], before=headed_lines())
    subprocess.run([shutil.which("soffice"), "--headless", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(tmp_path), str(source)],
                   capture_output=True, timeout=120, check=True)
    legacy = read_table(tmp_path / "headed.doc")
    assert legacy == read_table(source)
    (project,) = legacy.projects()
    assert project.name == "3岁以下婴幼儿照护服务项目"
    assert (project.field_locations["name"].sheet, project.field_locations["name"].cell) == ("表格1", "表格上方第1行")


_TEXT = st.text(alphabet=st.sampled_from("项目名称：（2024年度）单位万元 \u3000\xa0\t<&>\"'ab1"), max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_TEXT, min_size=1, max_size=4), min_size=1, max_size=4))
def test_paragraph_lines_are_the_non_blank_lines_between_breaks(parts: list[list[str]]) -> None:
    """Runs separated by line breaks: one collapsed, non-blank line per stretch between breaks."""
    from xml.sax.saxutils import escape

    runs = "<w:r><w:br/></w:r>".join(
        "".join(f'<w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r>' for t in stretch) for stretch in parts)
    lines = paragraph_lines(parse_xml(f"<w:p {_NS}>{runs}</w:p>"))
    expected = [re.sub(r"[ \t]+", " ", "".join(stretch).replace("\xa0", " ")).strip() for stretch in parts]
    assert lines == [e for e in expected if e]


def test_the_paragraphs_right_under_the_last_table_are_its_last_rows(tmp_path: Path) -> None:
    """填报人：… and 上报时间：… written right under a Word table (up to the first empty paragraph) are the
    grid's last rows, ``表格下方第1行``, so that every layout reads them as the footer; text after an
    empty paragraph (the document's own prose) is not, nor anything under a table another table follows."""
    document = docx.Document()
    first = document.add_table(rows=1, cols=2)
    first.cell(0, 0).text = "甲"
    document.add_paragraph("填报人：张三")  # under a table another table follows: the next one's line above
    second = document.add_table(rows=2, cols=3)
    second.cell(0, 0).text = "乙"
    document.add_paragraph("经办人及联系电话：李四 13900001111")
    document.add_paragraph("上报时间：2024年3月5日")
    document.add_paragraph("")
    document.add_paragraph("附：相关说明（正文）")
    path = tmp_path / "below.docx"
    document.save(path)

    one, two = word.load_grids(path)
    assert [row[0] for row in one.rows] == ["甲"]
    assert [row[0] for row in two.rows] == ["填报人：张三", "乙", None, "经办人及联系电话：李四 13900001111",
                                           "上报时间：2024年3月5日"]
    assert two.rows[-1][1:] == [None, None]
    assert two.locate(3, 0) == ("表格2", "表格下方第1行") and two.locate(1, 0) == ("表格2", "A1")


def test_a_form_s_sign_offs_under_its_word_table_are_the_footer(tmp_path: Path) -> None:
    """A 申报表 saved as Word with its sign-off paragraphs under the table reads the footer as from HTML."""
    from form_fixtures import form_88

    cells = [cell for cell in form_88()[0] if not str(cell[2]).startswith("填报人")]
    path = docx_forms(tmp_path / "form.docx", [cells])
    document = docx.Document(str(path))
    empty = document.paragraphs[-1]._element  # the fixture's empty paragraph after the table: typed right under it
    empty.getparent().remove(empty)
    document.add_paragraph("经办人及联系电话:李四13900001111")
    document.add_paragraph("上报时间: 2024年3月5日")
    document.save(path)
    table = read_table(path)
    assert table.footer.get("经办人及联系电话") == "李四13900001111"
    assert table.footer.get("上报时间") == "2024年3月5日"
