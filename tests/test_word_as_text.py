"""Word documents written as text (``containers/word.text_kind``): RTF, and the Word 2003 XML a Java
budget system fills from a FreeMarker template and serves as ``.doc``. Both were refused (``这是RTF
文档，不是表格``; ``这是 XML/HTML 标记文本``) though Word and WPS open them as any document. They are now
converted with LibreOffice, as a legacy .doc is, and read table by table.

Real tables: corpus entries written as such a file (``tests/corpus/build.write_wordml`` writes Word
2003 XML as Word does, merges as w:gridSpan / w:vmerge; an RTF is LibreOffice's own from the entry's
original.docx) are scored field by field against their hand-written expectations, as the .docx is."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import read_table, sniff
from perfgoals_xl.sources.containers import kind_of
from perfgoals_xl.sources.containers.word import text_kind

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))

from build import page_tables, write_wordml  # noqa: E402
from corpus_fidelity import load_entries, score_file  # noqa: E402

needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice to convert")
ENTRIES = ["nm-hohhot-wuchuan-2021-form-yangzhichang", "hb-huangshi-2022-selfeval-gongxiang"]


def _entry(entry_id: str):  # noqa: ANN202 - the corpus Entry
    return next(e for e in load_entries() if e.id == entry_id)


@pytest.mark.parametrize(("head", "kind"), [
    (b"{\\rtf1\\ansi\\ansicpg936 ...", "rtf"),
    (b"\xef\xbb\xbf{\\rtf1", "rtf"),
    (b'<?xml version="1.0"?>\n<?mso-application progid="Word.Document"?>\n<w:wordDocument', "word2003xml"),
    (b'<?xml version="1.0"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">',
     "word2003xml"),
    (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">', None),
    (b"<html><body><table>", None),
    (b'<html xmlns:w="urn:schemas-microsoft-com:office:word"><head><xml><w:wordDocument><w:View>Print</w:View>'
     b'</w:wordDocument></xml><meta name=ProgId content=Word.Document></head>', None),  # Word saved as a web page
    (b"rtf is not at the start {\\rtf1", None),
])
def test_a_word_document_written_as_text_is_told_by_its_first_bytes(head: bytes, kind: str | None) -> None:
    assert text_kind(head) == kind


@needs_office
@pytest.mark.parametrize("entry_id", ENTRIES)
def test_a_java_systems_word_2003_xml_doc_reads_as_the_docx(tmp_path: Path, entry_id: str) -> None:
    entry = _entry(entry_id)
    path = tmp_path / "绩效目标表.doc"  # (served as .doc, as the systems do)
    write_wordml(page_tables((entry.path / "page.html").read_bytes()), path)
    assert sniff(path) == "word" and kind_of(path) == "word"
    as_xml = score_file(entry, path)
    as_page = score_file(entry, entry.path / "page.html")
    assert as_xml.error is None and as_xml.total > 30
    assert [m for m in as_xml.misses if not m.startswith("footer")] == [
        m for m in as_page.misses if not m.startswith("footer")]  # (lines under a table: the page's only)


@needs_office
def test_an_rtf_reads_as_the_docx_it_was_saved_from(tmp_path: Path) -> None:
    entry = _entry(ENTRIES[0])
    source = tmp_path / "原件.docx"
    shutil.copyfile(entry.path / "original.docx", source)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", "rtf", "--outdir", str(tmp_path), str(source)], capture_output=True, timeout=180,
                   check=True)
    rtf = tmp_path / "原件.doc"
    (tmp_path / "原件.rtf").rename(rtf)  # an RTF named .doc, as Word's "save as RTF" and systems often leave it
    assert sniff(rtf) == "word"
    assert score_file(entry, rtf).misses == score_file(entry, source).misses
    assert read_table(rtf).projects()[0].name == read_table(source).projects()[0].name


def test_word_2003_xml_with_a_doctype_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "恶意.doc"
    path.write_text('<?xml version="1.0"?><!DOCTYPE w:wordDocument [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    '<?mso-application progid="Word.Document"?><w:wordDocument '
                    'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p><w:r><w:t>&e;</w:t>'
                    "</w:r></w:p></w:body></w:wordDocument>", encoding="utf-8")
    with pytest.raises(InputError, match="DOCTYPE"):
        read_table(path)
    padded = tmp_path / "垫长.doc"  # the declaration pushed far from the start by a long comment
    padded.write_text('<?xml version="1.0"?><?mso-application progid="Word.Document"?><!--' + "x" * 100_000
                      + '--><!doctype w:wordDocument [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:wordDocument '
                      'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body/></w:wordDocument>',
                      encoding="utf-8")
    with pytest.raises(InputError, match="DOCTYPE"):
        read_table(padded)


def test_without_libreoffice_it_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "表.rtf"
    path.write_bytes(b"{\\rtf1\\ansi{\\fonttbl\\f0 SimSun;}\\f0 \\u39033?\\u30446?\\par}")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(InputError, match="RTF.*另存为”.docx"):
        read_table(path)
