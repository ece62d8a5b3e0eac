"""A saved web page whose table is in a frame (``containers/html_frames``).

A disclosure page often shows its table in an ``<iframe>``; saved "complete" (网页，全部), the
frame is a file of the page's folder (``页面_files/saved_resource.html``), and a workbook Excel
saved as a web page (另存为网页) is a frameset whose sheets are ``book.files/sheet001.htm``. The
page itself holds no table: it was refused (网页中没有表格（这是框架页…）). Now the local frame
files are read with the page — real corpus tables, each as the frame of a page, read as the page
itself reads — and nothing outside the page's folder, no web address, no file twice.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus_fidelity import load_entries, score_file

from perfgoals_xl.batch.inputs import collect_inputs, skipped_message
from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers import html
from perfgoals_xl.sources.containers.html_frames import MAX_ADDRESSES, frame_addresses

#: Every sixth corpus table with a saved page: all families, both encodings.
ENTRIES = [e for e in load_entries() if e.path / "page.html" in e.read_files()][::6]

CHROME = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>预算公开</title></head><body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/xxgk">信息公开</a></li></ul>
<div class="crumb">当前位置：首页 &gt; 预算公开</div>
{frame}
<div class="footer">主办单位：某县人民政府办公室　备案号：京ICP备00000000号</div></body></html>"""

EXCEL_FRAMESET = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta name="Excel Workbook Frameset">
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Excel.Sheet><meta name=Generator content="Microsoft Excel 15">
<link rel=File-List href="{stem}.files/filelist.xml">
<![if !supportTabStrip]>{links}<link id="shLink">
<script language="JavaScript"><!--
 var c_lTabs={count};
//--></script><![endif]>
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets>{sheets}</x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->
</head>
<frameset rows="*,39" border=0 width=0 frameborder=no framespacing=0>
 <frame src="{stem}.files/sheet001.htm" name="frSheet">
 <frame src="{stem}.files/tabstrip.htm" name="frTabs" marginwidth=0 marginheight=0>
 <noframes><body><p>此页面使用了框架，但是您的浏览器不支持框架。</p></body></noframes>
</frameset></html>"""

TABSTRIP = """<html><head><meta http-equiv=Content-Type content="text/html; charset=gb2312"></head>
<body topmargin=0 leftmargin=0 bgcolor="#808080"><table border=0 cellspacing=1><tr>{tabs}</tr></table></body></html>"""


def _saved_complete(entry, tmp_path: Path, src: str = "./页面_files/saved_resource.html") -> Path:
    """The entry's page as the frame of a disclosure page saved complete."""
    (tmp_path / "页面_files").mkdir()
    shutil.copy(entry.path / "page.html", tmp_path / "页面_files" / "saved_resource.html")
    (tmp_path / "页面_files" / "main.css").write_text("body{}", encoding="utf-8")
    page = tmp_path / "页面.html"
    frame = f'<iframe id="content" src="{src}" width="100%" height="800" frameborder="0"></iframe>'
    page.write_text(CHROME.format(frame=frame), encoding="utf-8")
    return page


def _excel_web_page(sheets: list[Path], tmp_path: Path, stem: str = "绩效目标表") -> Path:
    """A workbook saved by Excel as a web page: a frameset, each sheet a page of ``stem.files``."""
    folder = tmp_path / f"{stem}.files"
    folder.mkdir()
    names = [f"sheet{n:03d}.htm" for n in range(1, len(sheets) + 1)]
    for sheet, name in zip(sheets, names, strict=True):
        shutil.copy(sheet, folder / name)
    tabs = "".join(f'<td bgcolor="#FFFFFF" nowrap><small><a href="{name}" target="frSheet">Sheet{n}</a></small></td>'
                   for n, name in enumerate(names, 1))
    (folder / "tabstrip.htm").write_text(TABSTRIP.format(tabs=tabs), encoding="gbk")
    page = tmp_path / f"{stem}.htm"
    page.write_text(EXCEL_FRAMESET.format(
        stem=stem, count=len(names),
        links="".join(f'<link id="shLink" href="{stem}.files/{name}">' for name in names),
        sheets="".join(f"<x:ExcelWorksheet><x:Name>Sheet{n}</x:Name>"
                       f'<x:WorksheetSource HRef="{stem}.files/{name}"/></x:ExcelWorksheet>'
                       for n, name in enumerate(names, 1))), encoding="gbk")
    return page


def _same_reading(entry, held: Path) -> None:
    alone, framed = score_file(entry, entry.path / "page.html"), score_file(entry, held)
    assert framed.error is None, framed.error
    assert (framed.right, framed.total) == (alone.right, alone.total)
    assert framed.misses == alone.misses and framed.findings == alone.findings


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_a_table_in_an_iframe_reads_as_its_page(entry, tmp_path: Path) -> None:
    _same_reading(entry, _saved_complete(entry, tmp_path))


@pytest.mark.parametrize("entry", ENTRIES[:6], ids=lambda e: e.id)
def test_a_workbook_saved_by_excel_as_a_web_page_reads_as_its_sheet(entry, tmp_path: Path) -> None:
    _same_reading(entry, _excel_web_page([entry.path / "page.html"], tmp_path))


def test_every_sheet_of_an_excel_web_page_is_read(tmp_path: Path) -> None:
    first, second = ENTRIES[0], ENTRIES[1]
    page = _excel_web_page([first.path / "page.html", second.path / "page.html"], tmp_path)
    alone = html.load_grids(first.path / "page.html") + html.load_grids(second.path / "page.html")
    assert [g.rows for g in html.load_grids(page)] == [g.rows for g in alone]


def test_a_percent_encoded_frame_address_is_followed(tmp_path: Path) -> None:
    entry = ENTRIES[0]
    _same_reading(entry, _saved_complete(entry, tmp_path, "%E9%A1%B5%E9%9D%A2_files/saved_resource.html"))


@pytest.mark.parametrize("src", [
    "../outside.html",                        # outside the page's folder
    "/tmp/outside.html",                      # absolute
    "file:///tmp/outside.html",               # a scheme
    "https://example.org/table.html",         # a web address
    "页面_files/missing.html",                 # not there
    "页面_files/table.pdf",                    # not a web page
])
def test_only_a_web_page_inside_the_page_folder_is_followed(tmp_path: Path, src: str) -> None:
    entry = ENTRIES[0]
    inner = tmp_path / "site"
    inner.mkdir()
    shutil.copy(entry.path / "page.html", tmp_path / "outside.html")
    (inner / "页面_files").mkdir()
    shutil.copy(entry.path / "page.html", inner / "页面_files" / "table.pdf")
    page = inner / "页面.html"
    page.write_text(CHROME.format(frame=f'<iframe src="{src}"></iframe>'), encoding="utf-8")
    with pytest.raises(InputError, match="框架页"):
        read_table(page)


def test_frames_showing_each_other_are_each_read_once(tmp_path: Path) -> None:
    entry = ENTRIES[0]
    page = _saved_complete(entry, tmp_path)
    frame = tmp_path / "页面_files" / "saved_resource.html"
    text = frame.read_bytes().replace(b"</body>", b'<iframe src="saved_resource.html"></iframe>'
                                                  b'<iframe src="../%E9%A1%B5%E9%9D%A2.html"></iframe></body>')
    frame.write_bytes(text)
    grids = html.load_grids(page)
    assert len(grids) == len(html.load_grids(entry.path / "page.html"))


def test_a_frame_page_without_a_table_says_so(tmp_path: Path) -> None:
    (tmp_path / "页面_files").mkdir()
    (tmp_path / "页面_files" / "ad.html").write_text("<html><body><p>广告</p></body></html>", encoding="utf-8")
    page = tmp_path / "页面.html"
    page.write_text(CHROME.format(frame='<iframe src="页面_files/ad.html"></iframe>'), encoding="utf-8")
    with pytest.raises(InputError, match="网页和它的 1 个框架页中都没有表格"):
        html.load_grids(page)


def test_frame_addresses_are_found_once_each_in_page_order() -> None:
    assert frame_addresses('<IFRAME SRC=a.html><frame src=\'b.htm\'><link id="shLink" href="c.htm">'
                           '<link rel=stylesheet href="d.css"><iframe src="a.html">') == ["a.html", "b.htm", "c.htm"]
    many = "".join(f'<iframe src="f{k}.html">' for k in range(5 * MAX_ADDRESSES))
    assert len(frame_addresses(many)) == MAX_ADDRESSES  # (linear time: tests/test_hostile_regex.py)


def test_a_folder_of_saved_pages_reads_each_page_once(tmp_path: Path) -> None:
    entry = ENTRIES[0]
    _saved_complete(entry, tmp_path)
    (tmp_path / "页面_files" / "jquery.js").write_text("", encoding="utf-8")
    collected = collect_inputs([str(tmp_path)])
    assert [b.path.name for b in collected.inputs] == ["页面.html"]
    assert collected.skipped == [(tmp_path / "页面_files", collected.skipped[0][1])]
    assert skipped_message(collected.skipped) == "已跳过 1 项：页面_files（另存网页的资源文件夹，其中框架页的表格随网页一起读取）"


def test_a_folder_named_like_resources_without_its_page_is_walked(tmp_path: Path) -> None:
    (tmp_path / "2024_files").mkdir()
    shutil.copy(ENTRIES[0].path / "page.html", tmp_path / "2024_files" / "表.html")
    assert [b.path.name for b in collect_inputs([str(tmp_path)]).inputs] == ["表.html"]
