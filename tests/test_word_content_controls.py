"""Content controls in a Word form (``word_table.unwrapped``): a finance bureau's template built with
Word's fill-in fields, or a document a system generates by data binding, wraps blocks, rows and
cells in ``w:sdt`` (and older ones in ``w:customXml``). A table inside one was skipped (``Word 文档中
没有表格``), a row inside one (a repeating section) was lost, and a cell inside one dropped — the cells
right of it moved a column left, under the wrong header. A control still showing its placeholder
(``单击或点击此处输入文字。``, a field left unfilled) holds no text of the document.

Each file here is a real .docx written by python-docx, the controls put around its XML as Word
writes them."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
from lxml import etree

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
N = None
ROWS = [
    ["项目名称", "乡村道路养护", "主管部门", "某县交通运输局"],
    ["年度资金总额", "120", "其中：财政拨款", "120"],
    ["年度绩效目标", "完成农村公路日常养护300公里。", N, N],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "养护里程", "≥300公里"],
    ["产出指标", "质量指标", "优良路率", "≥80%"],
    ["效益指标", "社会效益指标", "群众出行条件", "明显改善"],
    ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"],
]


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _wrap(element: etree._Element, *, placeholder: bool = False, custom_xml: bool = False) -> etree._Element:
    """Put a content control (or custom XML markup) around an element, where it stands."""
    parent = element.getparent()
    at = parent.index(element)
    if custom_xml:
        wrapper = etree.Element(_w("customXml"))
        wrapper.set(_w("element"), "row")
        wrapper.append(element)
    else:
        wrapper = etree.Element(_w("sdt"))
        props = etree.SubElement(wrapper, _w("sdtPr"))
        etree.SubElement(props, _w("alias")).set(_w("val"), "填写内容")
        if placeholder:
            etree.SubElement(props, _w("showingPlcHdr"))
        content = etree.SubElement(wrapper, _w("sdtContent"))
        content.append(element)
    parent.insert(at, wrapper)
    return wrapper


def _document(rows: list[list[str | None]]) -> docx.document.Document:
    document = docx.Document()
    document.add_paragraph("项目支出绩效目标申报表")
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is not None:
                table.cell(r, c).text = text
    return document


def _rows(document: docx.document.Document) -> list[etree._Element]:
    return document.tables[0]._tbl.findall(_w("tr"))


def _read(document: docx.document.Document, tmp_path: Path):  # noqa: ANN202 - the PerfTable
    path = tmp_path / "申报表.docx"
    document.save(str(path))
    return read_table(path)


def _indicators(table) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return [(i.level2, i.name, i.annual_value.raw) for p in table.projects() for i in p.indicators]


EXPECTED = [("数量指标", "养护里程", "≥300公里"), ("质量指标", "优良路率", "≥80%"),
            ("社会效益指标", "群众出行条件", "明显改善"), ("服务对象满意度指标", "沿线群众满意度", "≥90%")]


def test_a_table_inside_a_content_control_is_read(tmp_path: Path) -> None:
    document = _document(ROWS)
    _wrap(document.tables[0]._tbl)
    table = _read(document, tmp_path)
    assert table.projects()[0].name == "乡村道路养护"
    assert _indicators(table) == EXPECTED


def test_rows_in_a_repeating_section_and_custom_xml_are_read(tmp_path: Path) -> None:
    document = _document(ROWS)
    rows = _rows(document)
    _wrap(rows[4])  # one indicator row in its own control
    section = _wrap(rows[5])  # a repeating section holding two rows
    section.find(_w("sdtContent")).append(rows[6])
    _wrap(rows[7], custom_xml=True)
    assert _indicators(_read(document, tmp_path)) == EXPECTED


def test_a_cell_inside_a_content_control_keeps_its_column(tmp_path: Path) -> None:
    """三级指标 and 指标值 of a row wrapped one by one: they stay under their headers, not a column left."""
    document = _document(ROWS)
    cells = _rows(document)[5].findall(_w("tc"))
    _wrap(cells[1])
    _wrap(cells[2])
    assert _indicators(_read(document, tmp_path)) == EXPECTED


def test_a_placeholder_left_unfilled_is_no_text(tmp_path: Path) -> None:
    """The target of 优良路率 left as the template's 单击或点击此处输入文字。: a blank value, said as one."""
    document = _document(ROWS)
    value_cell = _rows(document)[5].findall(_w("tc"))[3]
    run = value_cell.find(f"{_w('p')}/{_w('r')}")
    run.find(_w("t")).text = "单击或点击此处输入文字。"
    _wrap(run, placeholder=True)
    filled = copy.deepcopy(document)  # the same control once filled in (no showingPlcHdr)
    table = _read(document, tmp_path)
    assert _indicators(table)[1] == ("质量指标", "优良路率", "")
    assert any(f.code == "PG-S05" and "优良路率" in f.message for f in check_table(table))
    filled_path = tmp_path / "filled"
    filled_path.mkdir()
    for sdt in filled.element.body.iter(_w("sdt")):
        sdt.find(_w("sdtPr")).remove(sdt.find(f"{_w('sdtPr')}/{_w('showingPlcHdr')}"))
    assert _indicators(_read(filled, filled_path))[1] == ("质量指标", "优良路率", "单击或点击此处输入文字。")


def test_paragraphs_in_controls_above_the_table_are_its_preamble(tmp_path: Path) -> None:
    document = _document(ROWS)
    title = document.paragraphs[0]._p
    _wrap(title)
    unit = document.add_paragraph("单位：万元")._p
    document.element.body.remove(unit)
    title.getparent().getparent().getparent().insert(1, unit)  # after the control, before the table
    _wrap(unit)
    table = _read(document, tmp_path)
    assert table.projects()[0].amounts.total == 120
