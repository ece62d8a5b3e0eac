"""Word documents (container): every table of a .docx becomes a :class:`Grid`; any layout reads it.

A .docx is read with python-docx (the tables: sources/containers/word_table.py). Merged cells
become merged ranges of the grid: a cell spanning columns (``w:gridSpan``) and cells merged down (``w:vMerge`` restart →
continue), so the readers see a Word table exactly as they see a sheet. Each table is
a grid named ``表格1``, ``表格2`` …; a location reads ``表格1!B3`` (row 3, column B of
the first table). The paragraphs just above a table (its title, the year line, 部门名称：…,
单位：万元) are the grid's first rows, located ``表格1!表格上方第1行``, as the web-page
container keeps a page's lines (containers/table_preamble.py).

Legacy Word (.doc) and WPS (.wps) files, and Word documents written as text — RTF, and the Word
2003 XML a Java system fills from a FreeMarker template and serves as ``.doc`` — are converted to
.docx with LibreOffice when ``soffice`` is installed (a private profile in a temporary folder, input size and time
bounded); without it the reader says, in one Chinese line, to save the file as .docx.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.containers.word_table import docx_grids
from perfgoals_xl.sources.grid import Grid

#: Largest legacy Word file converted with LibreOffice, and how long it may take.
MAX_LEGACY_BYTES = 50 * 1024 * 1024
CONVERT_TIMEOUT_S = 120
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


#: Word 2003 XML (WordprocessingML 2003, what a FreeMarker template saved from Word as "Word 2003 XML
#: 文档" gives — Java systems serve it as .doc): its processing instruction or root element.
_WORD_XML_MARKS = ('progid="Word.Document"', "<w:wordDocument")
_HEAD = 4096


def text_kind(head: bytes) -> str | None:
    """"rtf" or "word2003xml" when a file's first bytes are a Word document written as text (an RTF file,
    a Word 2003 XML file, often named .doc), else None."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    lowered = head[:_HEAD].lower()
    if (stripped.startswith(b"<") and any(mark.encode() in head[:_HEAD] for mark in _WORD_XML_MARKS)
            and b"<html" not in lowered and b"<!doctype html" not in lowered):  # (Word's web page: a page)
        return "word2003xml"
    return None


def is_word(path: Path) -> bool:
    """A .docx (a zip with word/document.xml), a legacy Word/WPS file (OLE with a WordDocument stream),
    or a Word document written as text (RTF, Word 2003 XML)."""
    with open(path, "rb") as fh:
        head = fh.read(_HEAD)
    if text_kind(head) is not None:
        return True
    head = head[:8]
    if head.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(path) as zf:
                return "word/document.xml" in zf.namelist()
        except (zipfile.BadZipFile, OSError):
            return False
    if head == _OLE_MAGIC:
        return is_legacy_word(path)
    return False


def is_legacy_word(path: Path) -> bool:
    """An OLE file holding a WordDocument stream (.doc) or a WPS document (.wps)."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("WordDocument") or ole.exists("WpsDocument") or path.suffix.lower() == ".wps"
    except OSError:
        return False


def load_grids(path: str | Path) -> list[Grid]:
    """Every table of a Word document as a grid named 表格1, 表格2 … (gridSpan/vMerge as merged
    ranges; legacy .doc/.wps, RTF and Word 2003 XML converted first)."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    if not is_word(p):
        raise InputError(p, "不是 Word 文档：应为 .docx（或旧版 .doc、WPS .wps）")
    with open(p, "rb") as fh:
        head = fh.read(_HEAD)
    as_text = text_kind(head)
    if head[:8] == _OLE_MAGIC or as_text is not None:
        if as_text is None:
            from perfgoals_xl.sources.workbook_safety import check_ole_workbook

            check_ole_workbook(p)  # a damaged OLE file is refused before LibreOffice reads it
        elif as_text == "word2003xml" and _declares_doctype(p):
            raise InputError(p, "Word 2003 XML 文档含有文档类型声明（DOCTYPE），为安全起见不读取：请另存为 .docx 后再导入")
        from perfgoals_xl.office_process import office_folder

        with office_folder() as tmp:  # removed on error, exit and SIGTERM (office_process)
            return docx_grids(convert_legacy(p, tmp, as_text), shown=p)
    return docx_grids(p, shown=p)


_DOCTYPE = re.compile(rb"<!\s{0,16}DOCTYPE", re.IGNORECASE)


def _declares_doctype(path: Path) -> bool:
    """Does an XML file declare a document type anywhere (Word never writes one; its entities could name
    local files LibreOffice's parser would read in)? A file over the conversion limit is not scanned: it
    is refused for its size."""
    if path.stat().st_size > MAX_LEGACY_BYTES:
        return False
    return _DOCTYPE.search(path.read_bytes()) is not None


_SUFFIX_OF_TEXT_KIND = {"rtf": ".rtf", "word2003xml": ".xml"}


def convert_legacy(path: Path, outdir: Path, written_as: str | None = None) -> Path:
    """Convert a .doc/.wps (or, by ``written_as``, an RTF or Word 2003 XML file) to .docx in outdir with
    LibreOffice (isolated profile, bounded)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(path, "这是旧版 Word 格式（.doc、WPS、RTF 或 Word 2003 XML），本机没有 LibreOffice 无法转换："
                         "请在 Word 或 WPS 中“另存为”.docx 后再导入")
    size = path.stat().st_size
    if size > MAX_LEGACY_BYTES:
        raise InputError(path, f"文档 {size // 2**20} MB，超过转换上限 {MAX_LEGACY_BYTES // 2**20} MB：请另存为 .docx 后再导入")
    suffix = _SUFFIX_OF_TEXT_KIND.get(written_as or "") or (
        path.suffix.lower() if path.suffix.lower() in {".doc", ".wps"} else ".doc")
    source = outdir / ("input" + suffix)  # (LibreOffice picks its import filter by content and suffix)
    shutil.copyfile(path, source)
    profile = outdir / "profile"
    cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(source)]
    env = dict(os.environ, HOME=str(outdir))
    from perfgoals_xl.office_process import OfficeTimeout, run_office

    try:
        run_office(cmd, timeout=CONVERT_TIMEOUT_S, env=env)  # its own process group, never orphaned
    except OfficeTimeout:
        raise InputError(path, f"用 LibreOffice 转换超过 {CONVERT_TIMEOUT_S} 秒仍未完成：请另存为 .docx 后再导入") from None
    out = outdir / "input.docx"
    if not out.exists():
        raise InputError(path, "LibreOffice 无法转换这个文档（可能已损坏或受密码保护）：请在 Word 或 WPS 中另存为 .docx 后再导入")
    return out

