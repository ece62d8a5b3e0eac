"""A saved page printed to PDF by a browser (Chromium's "打印 → 另存为 PDF").

Made for the whole corpus with Chromium, such PDFs read **87.6 %** of the fields their pages read.
Two classes, both fixed for every PDF (the corpus keeps four of them as ``browser.pdf``, read in
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
"""

from __future__ import annotations

import re

import pytest
from corpus_fidelity import load_entries

from perfgoals_xl.sources import read_table
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
    assert len(BROWSER) >= 4


@pytest.mark.parametrize("entry", BROWSER, ids=lambda e: e.id)
def test_no_radical_is_left_in_what_is_read(entry) -> None:
    table = read_table(entry.path / "browser.pdf")
    texts = [table.department, *(p.name for p in table.projects()),
             *(t for p in table.projects() for i in p.indicators for t in (i.level1, i.level2, i.name))]
    assert not [t for t in texts if t and _RADICAL.search(t)]
