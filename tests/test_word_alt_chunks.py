"""A .docx a web system exports from the browser: the page imported whole (``w:altChunk``).

html-docx-js (the usual "导出Word" of a web admin page) and docx4j's ``addAltChunk`` write a .docx
whose body is one ``w:altChunk`` pointing at the page — as a single-file web page
(``word/afchunk.mht``) or as HTML. Word converts it on opening; python-docx sees no table, and the
file was refused (Word 文档中没有表格). The chunk is now read by the web-page containers: real
corpus tables exported so read as their saved pages do.
"""

from __future__ import annotations

import quopri
import zipfile
from pathlib import Path

import pytest
from corpus_fidelity import load_entries, score_file

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers import word
from perfgoals_xl.sources.containers.charset import decode_page

ENTRIES = [e for e in load_entries() if e.path / "page.html" in e.read_files()][3::9]

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="mht" ContentType="message/rfc822"/>
<Default Extension="htm" ContentType="text/html"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="/word/document.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
 Target="/word/{chunk}" Id="htmlChunk"/>
</Relationships>"""

DOCUMENT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<w:body>{before}<w:altChunk r:id="htmlChunk"/>
<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:body></w:document>"""

MHT = """MIME-Version: 1.0
Content-Type: multipart/related;
    type="text/html";
    boundary="----=mhtDocumentPart"


------=mhtDocumentPart
Content-Type: text/html;
    charset="utf-8"
Content-Transfer-Encoding: quoted-printable
Content-Location: file:///C:/fake/document.html

{html}
------=mhtDocumentPart--
"""


def _page_text(entry) -> str:
    path = entry.path / "page.html"
    return decode_page(path.read_bytes(), path)


def _exported(html_text: str, path: Path, *, as_mht: bool = True, before: str = "") -> Path:
    """The page as html-docx-js (an .mht chunk) or docx4j (an HTML chunk) exports it to Word."""
    chunk = "afchunk.mht" if as_mht else "afchunk.htm"
    if as_mht:
        body = quopri.encodestring(html_text.encode("utf-8")).decode("ascii")
        data = MHT.format(html=body).encode("ascii")
    else:
        data = html_text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", PACKAGE_RELS)
        zf.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS.format(chunk=chunk))
        zf.writestr("word/document.xml", DOCUMENT.format(before=before))
        zf.writestr(f"word/{chunk}", data)
    return path


@pytest.mark.parametrize("as_mht", [True, False], ids=["mht chunk", "html chunk"])
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_a_page_exported_to_word_reads_as_the_page(entry, tmp_path: Path, as_mht: bool) -> None:
    held = _exported(_page_text(entry), tmp_path / "导出.docx", as_mht=as_mht)
    alone, exported = score_file(entry, entry.path / "page.html"), score_file(entry, held)
    assert exported.error is None, exported.error
    assert (exported.right, exported.total) == (alone.right, alone.total)
    assert exported.misses == alone.misses and exported.findings == alone.findings


def test_the_chunk_tables_number_on_after_the_documents_own(tmp_path: Path) -> None:
    own = ("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>附表</w:t></w:r></w:p></w:tc>"
           "<w:tc><w:p><w:r><w:t>说明</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    page = _page_text(ENTRIES[0])
    grids = word.load_grids(_exported(page, tmp_path / "导出.docx", before=own))
    assert grids[0].sheet == "表格1" and grids[0].rows == [["附表", "说明"]]
    assert grids[1].sheet == "表格2"


def test_a_chunk_holding_no_table_leaves_the_document_without_one(tmp_path: Path) -> None:
    held = _exported("<html><body><p>正文</p></body></html>", tmp_path / "导出.docx")
    with pytest.raises(InputError, match="Word 文档中没有表格"):
        read_table(held)
