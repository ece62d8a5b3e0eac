"""Proof that the report is the official table: xlsx → LibreOffice PDF → pdfminer text → importer.

The text pdfminer.six extracts from the rendered report (default layout analysis)
must import back to a model equal to the one the report was written from — for
the seed and for generated tables of 1 to 200 projects with long goals and many
indicators, including a project split over continuation rows. All tables are
converted in one LibreOffice run. The PDF is also checked the way a reader would:
header and page number on every page, a CJK font embedded, no text block
cut by a cell border (text spilling out of a row that is too short).
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess

import pytest
from report_tables import make_table

from perfgoals_xl.report import write_report
from perfgoals_xl.sources.published_text import parse_published_text

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: the PDF round trip needs it (CI installs it)",
)


def _split_table():
    """7 projects, one of them with 45 indicators: more than one row can hold (409 pt)."""
    table = make_table(7, seed=5)
    pool = [i for p in make_table(30, seed=9).projects() for i in p.indicators]
    project = table.projects()[2]
    project.indicators = [copy.copy(i) for i in pool[:45]]
    for n, item in enumerate(project.indicators, 1):
        item.seq = n
    return table


def _tables(seed_table):
    return {
        "seed": seed_table,
        "p1": make_table(1, seed=1),
        "p7": make_table(7, seed=7),
        "p40": make_table(40, seed=40),
        "p200": make_table(200, seed=200),
        "split": _split_table(),
    }


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, seed_path):
    """name → (original table, extracted text, pdfminer pages), from one LibreOffice conversion."""
    from pdfminer.high_level import extract_pages, extract_text

    from perfgoals_xl.sources.published_text import read_published_text

    work = tmp_path_factory.mktemp("report_pdf")
    tables = _tables(read_published_text(seed_path))
    paths = [str(write_report(t, work / f"{name}.xlsx")) for name, t in tables.items()]
    profile = (work / "lo_profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(work), *paths],
        check=True, capture_output=True, timeout=600,
    )
    out = {}
    for name, table in tables.items():
        pdf = work / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice did not write {pdf.name}"
        out[name] = (table, extract_text(str(pdf)), list(extract_pages(str(pdf))))
    return out


@pytest.mark.parametrize("name", ["seed", "p1", "p7", "p40", "p200", "split"])
def test_pdf_text_imports_back_to_the_same_table(rendered, name):
    table, text, _pages = rendered[name]
    back = parse_published_text(text, source=f"{name}.pdf.txt")
    assert {p.code for p in back.problems} <= {"S10"}  # only the documented column assumption
    assert back == table


def test_every_page_has_header_and_page_number(rendered):
    _table, text, pages = rendered["p200"]
    assert len(pages) > 20
    page_texts = text.split("\f")[: len(pages)]
    for number, page in enumerate(page_texts, 1):
        assert "项目支出绩效目标表（含转移支付项目）" in page
        assert "绩效指标" in page and "财政专户拨款" in page
        assert re.search(rf"第 {number} 页 共 {len(pages)} 页", page), number


def _boxes(page):
    from pdfminer.layout import LTTextBox

    return [b for b in page if isinstance(b, LTTextBox)]


def test_a_cjk_font_is_embedded(rendered):
    from pdfminer.layout import LTChar

    _table, _text, pages = rendered["seed"]
    fonts = {ch.fontname for box in _boxes(pages[0]) for line in box for ch in line
             if isinstance(ch, LTChar) and "\u4e00" <= ch.get_text() <= "\u9fff"}
    assert fonts and all(re.search(r"CJK|Song|Hei|Ming|WenQuanYi|Sun", f) for f in fonts), (
        f"Chinese text is not set in a CJK font ({fonts}); install fonts-noto-cjk")


@pytest.mark.parametrize("name", ["seed", "p200", "split"])
def test_no_text_crosses_a_cell_border(rendered, name):
    """A row too short for its text shows up as a text block cut by a horizontal border line.

    LibreOffice clips such text on the page but keeps it in the PDF, so the round trip
    alone would not notice; the border lines are in the PDF as drawn paths.
    """
    from pdfminer.layout import LTCurve

    _table, _text, pages = rendered[name]
    for number, page in enumerate(pages, 1):
        rules = [o for o in page if isinstance(o, LTCurve) and o.height < 1.5 and o.width > 5]
        assert rules, "no table borders found in the PDF"
        for box in _boxes(page):
            assert box.y0 >= 0 and box.y1 <= page.height, (number, box.get_text()[:20])
            for rule in rules:
                y = (rule.y0 + rule.y1) / 2
                crosses = box.y0 + 1 < y < box.y1 - 1 and min(box.x1, rule.x1) - max(box.x0, rule.x0) > 1
                assert not crosses, f"page {number}: a border cuts through {box.get_text()[:30]!r}"
