"""Sources: every kind of input the tool reads, each returning a PerfTable.

``read_table(path)`` picks the reader by content (sniffing, :func:`sniff`) unless
``layout`` forces one; the returned table's ``layout`` says which reader was used
(for a PDF: ``pdf`` when its ruled table was read cell by cell, ``pdf_text`` when
its extracted text was). Each reader is a module with one public ``read_*``
function; they are imported lazily so the command line starts fast.

Sniffing looks at the bytes, never trusts the extension: ``%PDF`` → pdf; a zip
holding ``xl/workbook.xml`` → entry (a sheet named 填报), selfeval_form (a sheet
named 自评汇总: the 项目支出绩效自评表 workbook) or longform; an
OpenDocument spreadsheet → longform; an OLE file → longform (legacy .xls), or
a clear error when it is a password-protected xlsx; text → json (starts with
``{``), published_text (the page header 项目支出绩效目标表 … 部门名称), longform
(comma/tab separated), else published_text for a ``.txt`` (its reader says what
is missing). Anything else — Word documents, HTML saved as .xls, images, broken
archives — is refused with one Chinese message naming the file.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from perfgoals_xl.errors import InputError
from perfgoals_xl.model import PerfTable

#: layout name → (module, function, Chinese description)
READERS: dict[str, tuple[str, str, str]] = {
    "published_text": ("perfgoals_xl.sources.published_text", "read_published_text", "公开发布表格的文本（PDF 提取）"),
    "json": ("perfgoals_xl.jsonio", "read_json", "perfgoals JSON"),
    "entry": ("perfgoals_xl.entry", "read_entry_workbook", "perfgoals 填报工作簿"),
    "longform": ("perfgoals_xl.sources.longform", "read_longform", "一行一指标的表格（xlsx/xls/csv/ods）"),
    "pdf": ("perfgoals_xl.sources.pdf", "read_pdf", "公开发布的 PDF 表格（有表格线按单元格读取，否则按文本）"),
    "pdf_text": ("perfgoals_xl.sources.pdf", "read_pdf_text", "PDF 按提取的文本读取（不看表格线）"),
    "selfeval_form": ("perfgoals_xl.sources.selfeval_form", "read_selfeval_form",
                      "项目支出绩效自评表（每个工作表一个项目的表单，xlsx）"),
}

#: Extensions of files the tool reads (for folder and glob expansion).
READABLE_SUFFIXES = {".txt", ".json", ".xlsx", ".xlsm", ".xls", ".csv", ".ods", ".pdf"}

_HEAD_BYTES = 65536
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Binary formats people pick up by mistake → what they are.
_OTHER_BINARY = {
    b"\x89PNG": "PNG 图片", b"\xff\xd8\xff": "JPEG 图片", b"GIF8": "GIF 图片", b"II*\x00": "TIFF 图片",
    b"MM\x00*": "TIFF 图片", b"Rar!": "RAR 压缩包", b"7z\xbc\xaf": "7z 压缩包", b"\x1f\x8b": "gzip 压缩包",
    b"{\\rtf": "RTF 文档",
}
_SHEET_NAME = re.compile(r"<(?:\w{1,40}:)?sheet\b[^<>]{0,4000}?\bname=\"([^\"<>]{0,4000})\"")


def layout_help() -> str:
    """The --layout choices with their Chinese descriptions (for command help)."""
    return "；".join(f"{name}＝{description}" for name, (_, _, description) in READERS.items())


def sniff(path: str | Path) -> str:
    """The layout of a file, judged by its content (never by its extension alone)."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    if p.is_dir():
        raise InputError(p, "这是一个文件夹，应为文件")
    with open(p, "rb") as fh:
        head = fh.read(_HEAD_BYTES)
    if not head.removeprefix(b"\xef\xbb\xbf").strip():
        raise InputError(p, "文件为空：应为项目支出绩效目标表")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_ZIP_MAGIC):
        return _sniff_zip(p)
    if head.startswith(_OLE_MAGIC):
        from perfgoals_xl.sources.workbook_safety import check_ole_workbook

        check_ole_workbook(p)  # a password-protected xlsx is an OLE file too
        return "longform"  # legacy .xls (its reader says so if it is not a workbook)
    for magic, kind in _OTHER_BINARY.items():
        if head.startswith(magic):
            raise InputError(p, f"这是{kind}，不是表格：应为公开表格文本、JSON、Excel 工作簿、CSV 或 PDF")
    text = _decode_head(head, p, truncated=len(head) == _HEAD_BYTES)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return "json"
    if stripped.startswith("<"):
        raise InputError(p, _markup_message(stripped[:2000].lower()))
    from perfgoals_xl.sources.published_text import looks_like_published_text

    if _looks_delimited(text) or (p.suffix.lower() in (".csv", ".tsv") and ("," in text or "\t" in text)):
        return "longform"  # a CSV/TSV, even with a title row; its reader says what is missing
    if looks_like_published_text(text):
        return "published_text"
    if p.suffix.lower() == ".txt" or "项目支出绩效目标表" in text:
        return "published_text"  # its reader says precisely what is missing
    raise InputError(p, "无法识别的文件内容：应为公开表格文本、JSON、Excel 工作簿、CSV 或 PDF")


def _decode_head(head: bytes, path: Path, *, truncated: bool) -> str:
    """Decode the first bytes of a text file; a character cut at the end is dropped."""
    from perfgoals_xl.sources.textfile import decode_bytes

    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "这是二进制文件，不是文本，也不是可识别的工作簿或 PDF：文件可能已损坏")
    if truncated:  # the head may end inside a character (UTF-8: up to 3 bytes, GB18030: up to 3)
        for cut in range(4):
            candidate = head[: len(head) - cut]
            for encoding in ("utf-8", "gb18030"):
                try:
                    return candidate.decode(encoding)
                except UnicodeDecodeError:
                    continue
    return decode_bytes(head, path)[0]


def _looks_delimited(text: str) -> bool:
    """CSV or TSV: several of the first lines carry two or more commas or tabs."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    hits = sum(1 for line in lines if line.count(",") >= 2 or line.count("\t") >= 2)
    return hits >= min(2, len(lines))


def _markup_message(head: str) -> str:
    if "urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "这是 Excel 2003 XML 表格：请在 Excel 中另存为 .xlsx 后再导入"
    if "<html" in head or "<table" in head or "<!doctype html" in head:
        return "这是网页（HTML）文件，只是扩展名像表格（网站导出的 .xls 常是这样）：请在 Excel 中打开后另存为 .xlsx 再导入"
    return "这是 XML/HTML 标记文本，不是可读取的表格：应为公开表格文本、JSON、Excel 工作簿、CSV 或 PDF"


def _sniff_zip(path: Path) -> str:
    """xlsx/xlsm → entry (sheet 填报) or longform; ods → longform; other zips are refused."""
    import zipfile

    from perfgoals_xl.sources.workbook_safety import check_zip_workbook, read_member

    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        raise InputError(path, "文件已损坏：不是完整的 Excel 工作簿（xlsx）或 ods 压缩包") from None
    if "xl/workbook.xml" in names or "mimetype" in names:
        check_zip_workbook(path)  # sizes, CRCs and sheet extents, before any member is read
    try:
        with zipfile.ZipFile(path) as zf:
            if "xl/workbook.xml" in names:
                workbook_xml = read_member(zf, "xl/workbook.xml", 4 * 1024 * 1024, path).decode("utf-8", "replace")
                kind = "xlsx"
            elif "mimetype" in names:
                kind = read_member(zf, "mimetype", 1024, path)[:100].decode("ascii", "replace")
            else:
                kind = ""
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        raise InputError(path, "文件已损坏：不是完整的 Excel 工作簿（xlsx）或 ods 压缩包") from None
    if kind == "xlsx":
        from html import unescape

        sheets = {unescape(name) for name in _SHEET_NAME.findall(workbook_xml)}
        if "自评汇总" in sheets and "填报" not in sheets:
            return "selfeval_form"  # the 项目支出绩效自评表 workbook `perfgoals score` writes
        return "entry" if "填报" in sheets else "longform"
    if kind.startswith("application/vnd.oasis.opendocument.spreadsheet"):
        return "longform"
    if "word/document.xml" in names or kind.startswith("application/vnd.oasis.opendocument.text"):
        return _refuse(path, "这是 Word/文字处理文档，不是工作簿：请把表格复制到 Excel 另存为 .xlsx，或导出为 PDF 后再导入")
    return _refuse(path, "这是 zip 压缩包，不是 Excel 工作簿：请先解压，再导入其中的文件")


def _refuse(path: Path, message: str) -> str:
    raise InputError(path, message)


def read_table(path: str | Path, layout: str | None = None) -> PerfTable:
    """Read any supported input into a PerfTable; layout forces a reader (see READERS)."""
    if layout is not None and layout not in READERS:
        raise InputError(path, f"未知的版式“{layout}”：可选 {', '.join(READERS)}")
    chosen = layout or sniff(path)
    module_name, function, description = READERS[chosen]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise InputError(path, f"暂不支持读取“{description}”") from None
    table: PerfTable = getattr(module, function)(path)
    from perfgoals_xl.limits import bound_table

    bound_table(table)  # every reader: out-of-range numbers become problems, never crashes
    # The layout names the reader used. A reader may name a variant of its own (pdf → pdf_text
    # when it fell back to text); anything else (a JSON file remembering its first source) is not.
    variant = READERS.get(table.layout or "")
    if variant is None or variant[0] != module_name:
        table.layout = chosen
    return table
