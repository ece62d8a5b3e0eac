"""Sources: every kind of input the tool reads, each returning a PerfTable.

``read_table(path)`` picks the reader by content (sniffing) unless ``layout`` forces
one. Each reader is a module with one public ``read_*`` function; they are
imported lazily so the command line starts fast.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from perfgoals_xl.errors import InputError
from perfgoals_xl.model import PerfTable

#: layout name → (module, function, Chinese description)
READERS: dict[str, tuple[str, str, str]] = {
    "published_text": ("perfgoals_xl.sources.published_text", "read_published_text", "公开发布表格的文本（PDF 提取）"),
    "json": ("perfgoals_xl.jsonio", "read_json", "perfgoals JSON"),
    "entry": ("perfgoals_xl.entry", "read_entry_workbook", "perfgoals 填报工作簿"),
    "longform": ("perfgoals_xl.sources.longform", "read_longform", "一行一指标的表格（xlsx/xls/csv/ods）"),
    "pdf": ("perfgoals_xl.sources.pdf", "read_pdf", "公开发布的 PDF 表格"),
}

#: Extensions of files the tool reads (for folder and glob expansion).
READABLE_SUFFIXES = {".txt", ".json", ".xlsx", ".xlsm", ".xls", ".csv", ".ods", ".pdf"}


def sniff(path: str | Path) -> str:
    """The layout of a file, judged by its content (and extension where content is binary)."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    if p.is_dir():
        raise InputError(p, "这是一个文件夹，应为文件")
    suffix = p.suffix.lower()
    with open(p, "rb") as fh:
        head = fh.read(8192)
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix == ".ods":
            return "longform"
        return _sniff_workbook(p)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "longform"  # legacy .xls (or an encrypted xlsx; the reader says which)
    if not head.strip():
        raise InputError(p, "文件为空：应为项目支出绩效目标表")
    from perfgoals_xl.sources.textfile import decode_bytes

    text, _ = decode_bytes(head + b"\n", p) if b"\x00" not in head else ("", "")
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return "json"
    from perfgoals_xl.sources.published_text import looks_like_published_text

    if looks_like_published_text(text):
        return "published_text"
    if suffix == ".csv" or text.count(",") + text.count("\t") > 10:
        return "longform"
    if suffix == ".txt" or "项目支出绩效目标表" in text:
        return "published_text"  # its reader says precisely what is missing
    raise InputError(p, "无法识别的文件内容：应为公开表格文本、JSON、Excel 工作簿、CSV 或 PDF")


def _sniff_workbook(path: Path) -> str:
    """Our entry workbook carries a 填报 sheet; any other workbook is read as long format."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            workbook_xml = zf.read("xl/workbook.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError):
        raise InputError(path, "不是有效的 Excel 工作簿（文件已损坏或不是 xlsx）") from None
    return "entry" if 'name="填报"' in workbook_xml else "longform"


def read_table(path: str | Path, layout: str | None = None) -> PerfTable:
    """Read any supported input into a PerfTable; layout forces a reader (see READERS)."""
    chosen = layout or sniff(path)
    if chosen not in READERS:
        raise InputError(path, f"未知的版式 {chosen}：可选 {', '.join(READERS)}")
    module_name, function, description = READERS[chosen]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise InputError(path, f"暂不支持读取“{description}”") from None
    table: PerfTable = getattr(module, function)(path)
    table.layout = table.layout or chosen
    return table
