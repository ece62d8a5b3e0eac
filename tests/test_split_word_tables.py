"""A Word form split into two tables at any row — a document converted from PDF (each page's part a
table of its own), or a table an author split — reads as the one table it is. Found by splitting every
corpus Word original at every row (84 of 253 splits once read differently: the rest of a form read as a
nameless form or dropped, a department's indicator grid taken for a second department table, a
department 自评表's goal and grid read as a project's). The splits here are those classes."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from test_corpus_metamorphic import CORPUS, signature

from perfgoals_xl.sources.vocabulary import project_from_title


def _split(source: Path, at: int, out: Path) -> Path:
    """The document's longest table split before its row ``at`` into two tables, an empty paragraph
    between them (as Word writes two tables one after the other)."""
    doc = docx.Document(source)
    tables = doc.element.body.findall(qn("w:tbl"))
    table = max(tables, key=lambda t: len(t.findall(qn("w:tr"))))
    rows = table.findall(qn("w:tr"))
    second = copy.deepcopy(table)
    for tr in second.findall(qn("w:tr")):
        second.remove(tr)
    for tr in rows[at:]:
        table.remove(tr)
        second.append(tr)
    table.addnext(second)
    table.addnext(OxmlElement("w:p"))
    doc.save(out)
    return out


@pytest.mark.parametrize(("name", "at"), [
    ("hb-ezhou-2022-form-dalou", 3),  # 绩效目标 | … and the grid, a table of no layout
    ("hn-changsha-ningxiang-2021-form-batang", 7),  # 立项情况 … 项目绩效目标: the form's middle
    ("cq-fengjie-yunwu-2023-form-jiagongyuan", 1),  # the 项目名称 row alone, then a nameless form
    ("fj-putian-xiuyu-2025-form-shuili", 1),  # the rest read alone as a department's block
    ("sx-taiyuan-2022-form-chuzuche", 3),  # 主管部门 | 项目属性 | 资金 …: the block going on
    ("hn-changde-taoyuan-2021-form-jiukunbucha", 6),  # 专项年度绩效目标: a label, no title naming 专项年度
    ("hn-changde-taoyuan-2022-department-kejiju", 6),  # the department's indicator grid under its side label
    ("jx-nanchang-2021-department_selfeval-cancha", 5),  # a department 自评表's goal and scoring grid
    ("cq-gaoxin-2021-department_selfeval-rongmeiti", 6),  # joined, judged whole (a department's)
    ("hb-xiangyang-2021-selfeval-dongjin", 1),  # a 自评表's 项目名称 row alone
])
def test_a_word_form_split_into_two_tables_reads_as_one(tmp_path: Path, name: str, at: int) -> None:
    source = CORPUS / name / "original.docx"
    assert signature(_split(source, at, tmp_path / "拆开.docx")) == signature(source)


def test_a_goal_label_names_no_project_and_a_title_loses_its_period() -> None:
    assert project_from_title("专项年度绩效目标") is None
    assert project_from_title("转移支付中长期绩效目标") is None
    assert project_from_title("农村公路养护项目年度绩效目标") == "农村公路养护项目"
    assert project_from_title("学生资助项目2021年度绩效目标表") == "学生资助项目"
    assert project_from_title("3岁以下婴幼儿照护服务项目项目绩效目标") == "3岁以下婴幼儿照护服务项目"


def _split_page(source: Path, at: int, out: Path) -> Path:
    """A saved page's longest table split before its row ``at`` into two tables (a page made from a
    PDF, each page's part a <table>), an empty paragraph between them."""
    import lxml.html

    doc = lxml.html.fromstring(source.read_bytes())
    tables = doc.xpath("//table")
    table = max(tables, key=lambda t: len(t.xpath(".//tr")))
    second = lxml.html.Element("table")
    second.set("border", "1")
    for tr in table.xpath(".//tr")[at:]:
        tr.getparent().remove(tr)
        second.append(tr)
    table.addnext(second)
    table.addnext(lxml.html.Element("p"))
    out.write_bytes(lxml.html.tostring(doc, encoding="utf-8", doctype="<!DOCTYPE html>",
                                       include_meta_content_type=True))
    return out


@pytest.mark.parametrize(("name", "at"), [
    ("ah-huangshan-2025-coded-xueliang", 2),  # the header and one row, then the rest: no layout either part alone
    ("gd-guangzhou-2024-coded-zhujingban", 2),  # the header and its 合计 (the first row, no closing one)
    ("gd-guangzhou-2024-coded-zhujingban", 1),  # the header alone (项目名称 | 总计 | …: no form's block line)
    ("tj-baodi-2020-selfeval-gongre", 4),  # the 项目名称 rows, then the block of no layout
    ("hb-tongcheng-2020-department_selfeval-tanghu", 1),  # the 部门名称 row alone, then a 自评表's
    ("fj-ningde-2019-department-dangshi", 1),  # a department's rest read alone as a nameless form
    ("hn-yueyang-yueyanglou-2023-department-jiagerending", 1),  # *年度总体绩效目标: a marked label, no title
    ("cq-jiangjin-dingshan-2021-form-shizheng", 7),  # 项目中期规划绩效目标 | (blank): the form's own row
])
def test_a_saved_page_whose_table_is_split_reads_as_one(tmp_path: Path, name: str, at: int) -> None:
    source = CORPUS / name / "page.html"
    assert signature(_split_page(source, at, tmp_path / "拆开.html")) == signature(source)
