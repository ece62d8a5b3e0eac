"""Sources: every kind of input the tool reads, each returning a PerfTable (docs/containers.md).

Reading has two layers: a *container* (sources/containers/) turns a file into grids, the
*detector* (sources/detect.py) picks a layout per grid, and the layout readers read their grids.
``read_table(path)`` picks the way by content (sniffing, :func:`sniff`) unless ``layout`` forces
a reader; the returned table's ``layout`` says which reader was used (for a PDF: ``pdf`` when its
ruled table was read cell by cell, ``pdf_text`` when its extracted text was; ``word``/``html`` for
the tables of a Word document or a web page).

Sniffing looks at the bytes, never trusts the extension: ``%PDF`` → pdf; a zip holding
``xl/workbook.xml`` → entry (a sheet named 填报), selfeval_form (a sheet named 自评汇总: the
项目支出绩效自评表 workbook), form (a sheet whose first rows hold a 项目名称 label with a name
beside it) or longform; an OpenDocument spreadsheet → form or longform; a zip holding
``word/document.xml`` → word; an OLE file → word (legacy .doc/.wps, converted with LibreOffice),
form or longform (legacy .xls), or a clear error when it is a password-protected xlsx; a web
page (``<html`` …, also a web site's .xls that is HTML) or a single-file page (MIME
multipart/related, .mht) → html; text → json (starts with ``{``), longform (a delimited table:
CSV, TSV, ``|``), published_text (the page header 项目支出绩效目标表 … 部门名称, or any other
``.txt``: its reader says what is missing). longform, form, word and html are then read grid by
grid (sources/readers.py: read_any). Anything else — OpenDocument text, Excel 2003 XML, images,
broken archives — is refused with one Chinese message naming the file.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from perfgoals_xl.errors import InputError
from perfgoals_xl.model import Location, PerfTable

#: layout name → (module, function, Chinese description)
READERS: dict[str, tuple[str, str, str]] = {
    "published_text": ("perfgoals_xl.sources.published_text", "read_published_text", "公开发布表格的文本（PDF 提取）"),
    "json": ("perfgoals_xl.jsonio", "read_json", "perfgoals JSON"),
    "entry": ("perfgoals_xl.entry", "read_entry_workbook", "perfgoals 填报工作簿"),
    "longform": ("perfgoals_xl.sources.readers", "read_longform", "一行一指标的表格（xlsx/xls/csv/ods）"),
    "pdf": ("perfgoals_xl.sources.pdf", "read_pdf", "公开发布的 PDF 表格（有表格线按单元格读取，否则按文本）"),
    "pdf_form": ("perfgoals_xl.sources.pdf", "read_pdf_form", "申报表打印成的 PDF（有表格线，按申报表读取，docs/forms.md）"),
    "pdf_text": ("perfgoals_xl.sources.pdf", "read_pdf_text", "PDF 按提取的文本读取（不看表格线）"),
    "form": ("perfgoals_xl.sources.readers", "read_form", "一个项目一张的申报表（xlsx/xls/ods/docx，docs/forms.md）"),
    "word": ("perfgoals_xl.sources.readers", "read_word", "Word 文档中的表格（docx；doc/wps 经 LibreOffice 转换）"),
    "selfeval_form": ("perfgoals_xl.sources.readers", "read_selfeval_form",
                      "项目支出绩效自评表（每个工作表一个项目的表单，xlsx）"),
    "html": ("perfgoals_xl.sources.readers", "read_html",
             "网页中的表格（另存的 .html/.htm/.mht，网站导出的 .xls 网页）"),
    "selfeval_pdf": ("perfgoals_xl.sources.readers", "read_selfeval_pdf",
                     "项目支出绩效自评表的 PDF（有表格线；长表跨页续接）"),
    "department": ("perfgoals_xl.sources.department_file", "read_department",
                   "部门整体支出绩效目标表或其自评表（xlsx/xls/ods/docx）"),
}

#: Extensions of files the tool reads (for folder and glob expansion); each is read as its content
#: says (sniff). Legacy Word files (.doc, WPS 文字 .wps, .rtf) are converted by LibreOffice, one
#: conversion per file (a file fails alone, in one line, where LibreOffice is missing). A WPS 表格
#: file (.et, its template .ett) is a workbook in the .xls format (an OLE file with a BIFF8 Workbook
#: stream).
READABLE_SUFFIXES = {".txt", ".json", ".xlsx", ".xlsm", ".xls", ".et", ".ett", ".csv", ".tsv", ".ods", ".pdf",
                     ".docx", ".doc", ".wps", ".rtf", ".html", ".htm", ".mht", ".mhtml"}

_HEAD_BYTES = 65536
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Binary formats people pick up by mistake → what they are.
_OTHER_BINARY = {
    b"\x89PNG": "PNG 图片", b"\xff\xd8\xff": "JPEG 图片", b"GIF8": "GIF 图片", b"II*\x00": "TIFF 图片",
    b"MM\x00*": "TIFF 图片", b"Rar!": "RAR 压缩包", b"7z\xbc\xaf": "7z 压缩包", b"\x1f\x8b": "gzip 压缩包",
}
_SHEET_NAME = re.compile(r"<(?:\w{1,40}:)?sheet\b[^<>]{0,4000}?\bname=\"([^\"<>]{0,4000})\"")


def layout_label(layout: str | None) -> str:
    """The Chinese description of a layout (READERS), for people; the name itself when unknown."""
    if not layout:
        return ""
    entry = READERS.get(layout)
    return entry[2] if entry else layout


def layout_help() -> str:
    """The --layout choices with their Chinese descriptions (for command help)."""
    return "； ".join(f"{name}＝{description}" for name, (_, _, description) in READERS.items())  # spaces: help wraps there


def sniff(path: str | Path) -> str:
    """The layout of a file, judged by its content (never by its extension alone)."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    if p.is_dir():
        raise InputError(p, "这是一个文件夹，应为文件")
    if not p.is_file():  # a pipe would be waited on for ever, a device read without end
        raise InputError(p, "不是普通文件（管道、设备或套接字），应为文件")
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
        from perfgoals_xl.sources.containers.word import is_legacy_word

        if is_legacy_word(p):
            return "word"  # .doc / .wps: converted with LibreOffice
        return _workbook_layout(p)  # legacy .xls (its reader says so if it is not a workbook)
    from perfgoals_xl.sources.containers.word import text_kind

    if text_kind(head) is not None:
        return "word"  # RTF, or Word 2003 XML (a Java system's .doc): converted with LibreOffice
    for magic, kind in _OTHER_BINARY.items():
        if head.startswith(magic):
            raise InputError(p, f"这是{kind}，不是表格：应为公开表格文本、JSON、Excel 工作簿、CSV 或 PDF")
    text = _decode_head(head, p, truncated=len(head) == _HEAD_BYTES)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{") or _JSON_ARRAY.match(stripped):
        return "json"
    from perfgoals_xl.sources.containers import is_html, mht

    if is_html(stripped) or mht.is_mht(stripped):
        return "html"  # a saved page, a web site's .xls that is HTML, a single-file page (.mht)
    from perfgoals_xl.sources.containers.xmlsheet import is_spreadsheetml

    if is_spreadsheetml(stripped):
        return "longform"  # an Excel 2003 XML workbook (a Java system's .xls): read sheet by sheet
    if stripped.startswith("<"):
        raise InputError(p, _markup_message(stripped[:2000].lower()))
    from perfgoals_xl.sources.containers.text import looks_delimited
    from perfgoals_xl.sources.published_text import looks_like_published_text

    if looks_delimited(text) or (p.suffix.lower() in (".csv", ".tsv") and ("," in text or "\t" in text)):
        return "longform"  # a CSV/TSV/| table, even with a title row: read grid by grid (sources/detect.py)
    if looks_like_published_text(text):
        return "published_text"
    if p.suffix.lower() == ".txt" or "项目支出绩效目标表" in text:
        return "published_text"  # its reader says precisely what is missing
    raise InputError(p, "无法识别的文件内容：应为公开表格文本、JSON、Excel 工作簿、CSV 或 PDF")


#: A JSON array of objects (or an empty one): ``[`` then ``{`` or ``]``. A CSV whose first cell is
#: ``[主题分类] 财政`` (a web page's table saved as CSV) is a table, not JSON.
_JSON_ARRAY = re.compile(r"\[\s{0,200}[{\]]")


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


def _markup_message(head: str) -> str:
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
        return "entry" if "填报" in sheets else _workbook_layout(path)
    if kind.startswith("application/vnd.oasis.opendocument.spreadsheet"):
        return _workbook_layout(path)
    if "word/document.xml" in names:
        return "word"
    if kind.startswith("application/vnd.oasis.opendocument.text"):
        return _refuse(path, "这是 OpenDocument 文字文档（.odt），不是工作簿：请另存为 .docx 或 .xlsx 后再导入")
    return _refuse(path, "这是 zip 压缩包，不是 Excel 工作簿：请先解压，再导入其中的文件")


def _workbook_layout(path: Path) -> str:
    """A workbook holding one-project forms (申报表) → form; else longform (its reader judges)."""
    from perfgoals_xl.sources.department_file import workbook_is_department, workbook_is_form

    try:
        if workbook_is_department(path):
            return "department"  # 部门整体支出绩效目标表 (sources/department.py)
        return "form" if workbook_is_form(path) else "longform"
    except (InputError, OSError, ValueError):
        return "longform"  # its reader says precisely what is wrong


def _refuse(path: Path, message: str) -> str:
    raise InputError(path, message)


def read_table(path: str | Path, layout: str | None = None) -> PerfTable:
    """Read any supported input into a PerfTable; layout forces a reader (see READERS)."""
    if layout is not None and layout not in READERS:
        raise InputError(path, f"未知的版式“{layout}”：可选 {', '.join(READERS)}")
    from perfgoals_xl.gcpause import collect_young, gc_paused
    from perfgoals_xl.sources.grid import sniffed_sheets

    # a sheet the sniff parsed is read from that parse; no cycle search while the model grows
    with sniffed_sheets(), gc_paused():
        chosen = layout or sniff(path)
        module_name, function, description = READERS[chosen]
        detected = layout is None and chosen in _DETECTED
        if detected:  # container → grids → a layout per grid (sources/readers.py, sources/detect.py)
            from perfgoals_xl.sources.readers import read_any

            table = read_any(path, chosen)
        else:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                raise InputError(path, f"暂不支持读取“{description}”") from None
            table = getattr(module, function)(path)
        if chosen in _PARSER_CYCLES:
            collect_young()  # the parser's cycles, before they join the oldest generation (gcpause)
    from perfgoals_xl.sources.finish import finish

    finish(table)  # every reader: numbers bounded, adjusted targets the year's
    # The layout names the reader used. A reader may name a variant of its own (pdf → pdf_text
    # when it fell back to text); anything else (a JSON file remembering its first source) is not.
    variant = READERS.get(table.layout or "")
    delegated = table.layout in _DELEGATES.get(chosen, ())
    if not detected and not delegated and (variant is None or variant[0] != module_name):
        table.layout = chosen
    require_projects(table, path)
    return table


#: Readers whose parsers leave reference cycles holding the document (python-docx, pdfminer).
_PARSER_CYCLES = frozenset({"word", "pdf", "pdf_form", "pdf_text", "selfeval_pdf"})

#: Sniffed layouts read grid by grid: the file's container gives grids, the detector picks each one's layout.
_DETECTED = ("longform", "form", "department", "word", "html")  # (a 部门整体 sheet beside 项目 sheets)

#: Readers that hand a file to another module's reader, and the layouts that reader may name.
_DELEGATES: dict[str, tuple[str, ...]] = {"pdf": ("selfeval_pdf",)}


#: What a reader found missing when it read no project at all, by layout.
_NOTHING_READ = {
    "longform": "表头下没有一行填了项目名称（项目名称列全部为空）",
    "entry": "填报表中没有填写任何项目（项目名称列全部为空）",
    "published_text": "没有找到项目行（缩进的项目名称及其金额、绩效目标、绩效指标）",
    "pdf": "表格中没有项目行",
    "pdf_text": "提取的文字中没有项目行（缩进的项目名称及其金额）",
    "json": "units 中没有任何项目",
}


def require_projects(table: PerfTable, path: str | Path) -> None:
    """Nothing read is not success: no project at all → InputError saying which layout was
    tried and what was missing (exit 2 in every command; convert lists the file as failed)."""
    if any(unit.projects for unit in table.units) or table.kind == "department":
        return  # a department-wide table's reader refuses one with nothing read
    layout = table.layout or ""
    description = READERS[layout][2] if layout in READERS else layout
    missing = _NOTHING_READ.get(layout, "没有项目行")
    where = ""
    if table.units or any(table.amounts.get(k) is not None for k in ("total", "fiscal", "special", "other")):
        missing = "只读到合计或单位金额行，没有项目行"
        where = f"（{_place(table.location)}）" if table.location else ""
    elif table.location and layout in ("longform", "entry"):
        where = f"（表头在 {_place(table.location)}）"
    first = next((p for p in table.problems if p.code == "S01"), None) or next(
        (p for p in table.problems if p.code == "S11" and p.message.startswith("读取提示")), None)
    problem = f"；{first.message}（{_place(first.location)}）" if first is not None and first.location else ""
    raise InputError(path, f"按“{description}”（版式 {layout}）读取，未读到任何项目：{missing}{where}{problem}")


def _place(loc: Location) -> str:
    """A location inside the file (the file itself is named at the start of the message)."""
    if loc.sheet:
        return f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet
    return f"第{loc.line}行" if loc.line is not None else "文件开头"
