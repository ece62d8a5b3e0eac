"""A PDF whose table was printed without its rules (a web page saved "HTML only" lost its style sheet,
or a table laid out without borders): no cell can be told apart, and the text route finds no coded
table either. The one line then says so and what to read instead, not "未找到表头…" (sources/pdf.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_fixtures import print_pages

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import read_table

CORPUS = Path(__file__).parent / "corpus"


def _without_rules(page: bytes) -> str:
    """A saved page's table as printed once its style sheet is lost: no border anywhere."""
    text = page.decode("utf-8")
    text = re.sub(r'border="?\d+"?', 'border="0"', text)
    text = re.sub(r"<style[^>]*>.*?</style>", "", text, flags=re.S | re.I)
    return re.sub(r"border[^;\"]*;?", "", text)


def test_a_table_printed_without_rules_is_refused_saying_so(tmp_path: Path) -> None:
    page = (CORPUS / "ah-xiaoxian-2023-selfeval-yanglou" / "page.html").read_bytes()
    pdfs = print_pages({"无线表格": _without_rules(page), "有线表格": page.decode("utf-8")}, tmp_path)
    with pytest.raises(InputError) as caught:
        read_table(pdfs["无线表格"])
    message = str(caught.value)
    assert "没有表格线" in message and ".html" in message and "\n" not in message
    assert read_table(pdfs["有线表格"]).projects()  # the same page printed with its rules reads


def test_a_pdf_of_prose_keeps_the_message_of_the_text_route(tmp_path: Path) -> None:
    pdfs = print_pages({"说明": "<html><body><p>关于做好预算编制工作的通知</p><p>各单位：请按时报送。</p></body></html>"},
                       tmp_path)
    with pytest.raises(InputError) as caught:
        read_table(pdfs["说明"])
    assert "没有表格线" not in str(caught.value)
