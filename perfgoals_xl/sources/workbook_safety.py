"""Checks before any workbook is opened: corrupt, password-protected, or a zip bomb.

An .xlsx / .xlsm / .ods is a zip archive. Before a reader decompresses it we look
at its central directory only (no decompression):

- not a zip, or a damaged one → "文件已损坏";
- total uncompressed size above :data:`MAX_TOTAL_BYTES`, or one member larger than
  :data:`RATIO_MIN_BYTES` that expands more than :data:`MAX_RATIO` times → zip bomb;
- an encrypted member → "受密码保护".

A password-protected .xlsx is not a zip at all: Excel wraps it in an OLE
(compound) file holding ``EncryptionInfo`` and ``EncryptedPackage`` streams. An
OLE file without them is a legacy .xls. The sizes in the central directory are
what the archive declares; the limits bound what an honest archive may ask of memory.

A dishonest one is caught by :func:`scan_zip_members`: every member is decompressed
once, in chunks, through Python's zipfile — which never yields more than the
declared size and checks the CRC at the end, so a member whose declared size lies is
refused before any reader (python-calamine, openpyxl) decompresses it on its own.
The same pass reads each worksheet's real extent (its ``<dimension ref>`` and the
largest cell reference) and refuses a sheet whose dense grid would exceed
:data:`MAX_SHEET_CELLS` — python-calamine allocates rows × columns from A1, so one
cell at XFD1048576 in a 5 KB file would ask for 512 GB. Sniffing reads members only
through :func:`read_member`, after the same checks (docs/limits.md).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from perfgoals_xl.cellref import column_letter
from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.sheet_xml import PartScan, remember

#: Largest total uncompressed size of a workbook we open (a 10,000-project entry
#: workbook is about 60 MB uncompressed).
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
#: A member larger than this must not expand more than MAX_RATIO times.
RATIO_MIN_BYTES = 32 * 1024 * 1024
MAX_RATIO = 400

#: Largest dense extent (rows × columns from A1) of one worksheet handed to a reader: a
#: 1,048,576-row long-format sheet of 40 columns fits.
MAX_SHEET_CELLS = 42_000_000
#: Compression methods of real workbooks (others may expand without bound per chunk).
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_CHUNK = 1 << 20
_OVERLAP = 64
_DIMENSION = re.compile(rb"<(?:\w{1,20}:)?dimension\s[^>]{0,200}?ref=[\"']([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?")
#: Cell reference attributes (after normalising to ` r="…"`, so that searches use a literal
#: prefix): with 2–3 column letters, with a 6–7 digit row, with a 7 digit row, and any row.
#: A normal sheet costs two or three C-level searches per megabyte; exact maxima are taken
#: (findall, then max: same-length references compare as text) only where a bound is not
#: enough: wide columns, rows past 999,999, and short rows when columns exceed 420.
_REF_WIDE = re.compile(rb' r="([A-Z]{2,3})\d{1,7}"')
_REF_TALL = re.compile(rb' r="[A-Z]{1,3}\d{6,7}"')
_REF_ROW7 = re.compile(rb' r="[A-Z]{1,3}(\d{7})"')
_REF_ROW = re.compile(rb' r="[A-Z]{1,3}(\d{1,7})"')
_NORMALISE = bytes.maketrans(b"\t\r\n'", b'   "')
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def is_ole(path: str | Path) -> bool:
    """Is this an OLE compound file (legacy .xls, or an encrypted .xlsx)?"""
    with open(path, "rb") as fh:
        return fh.read(8) == OLE_MAGIC


def is_encrypted_ole(path: str | Path) -> bool:
    """Is this OLE file an encrypted Office Open XML package (password-protected xlsx)?"""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage")
    except (OSError, ValueError, IndexError, EOFError):  # damaged or cut short: the reader says so
        return False


def check_ole_workbook(path: str | Path) -> None:
    """Refuse a damaged OLE file (ole_safety) and an encrypted xlsx disguised as OLE; a plain .xls passes."""
    from perfgoals_xl.sources.ole_safety import check_ole_file

    check_ole_file(path)  # chains and sizes, before olefile, python-calamine or LibreOffice read it
    if is_encrypted_ole(path):
        raise InputError(path, "工作簿受密码保护（已加密），无法读取：请在 Excel 中取消密码后另存为 .xlsx 再试")


#: Files already checked in this process (path, size, mtime): sniffing and reading check once.
_CHECKED: set[tuple[str, int, int]] = set()


def check_zip_workbook(path: str | Path) -> None:
    """Raise InputError when a zip workbook is corrupt, encrypted or a zip bomb."""
    p = Path(path)
    try:
        stat = p.stat()
        key = (str(p.resolve()), stat.st_size, stat.st_mtime_ns)
    except OSError:
        key = None
    if key is not None and key in _CHECKED:
        return
    _check_zip_workbook(p)
    if key is not None:
        if len(_CHECKED) > 1000:
            _CHECKED.clear()
        _CHECKED.add(key)


def _check_zip_workbook(p: Path) -> None:
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(p, "不是有效的工作簿：文件已损坏，或不是 xlsx/ods 文件") from None
    if not infos:
        raise InputError(p, "不是有效的工作簿：压缩包为空")
    names: set[str] = set()
    for info in infos:
        if info.filename in names:  # readers disagree on which copy counts; the scan checked one
            raise InputError(p, f"文件已损坏：压缩包中的 {info.filename[:200]} 出现了两次（同名部件），无法确定读取哪一个")
        names.add(info.filename)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(p, "工作簿受密码保护（压缩包已加密），无法读取")
        total += info.file_size
        if info.file_size > RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise InputError(
                    p,
                    f"疑似“压缩炸弹”：其中 {info.filename} 解压后 {info.file_size // 2**20} MB，"
                    f"压缩比 {ratio:.0f}:1（上限 {MAX_RATIO}:1），拒绝打开",
                )
    if total > MAX_TOTAL_BYTES:
        raise InputError(
            p, f"工作簿解压后共 {total // 2**20} MB，超过上限 {MAX_TOTAL_BYTES // 2**20} MB，拒绝打开（疑似压缩炸弹）"
        )
    for info in infos:
        if info.compress_type not in _METHODS:
            raise InputError(p, f"不是有效的工作簿：其中 {info.filename} 使用了工作簿不用的压缩方式")
    scan_zip_members(p)


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


class _Extent:
    """The largest row and column seen in a worksheet's XML, fed chunk by chunk."""

    def __init__(self) -> None:
        self.rows = 0
        self.cols = 0

    def feed(self, data: bytes) -> None:
        """Update the extent with one chunk of the worksheet XML."""
        if b"'" in data or b"\t" in data or b"\n" in data or b"\r" in data:
            # one spelling of the attribute: XML whitespace before it a space, double quotes
            data = data.translate(_NORMALISE)
        if b"dimension" in data:
            for m in _DIMENSION.finditer(data):
                for letters, digits in ((m.group(1), m.group(2)), (m.group(3), m.group(4))):
                    if letters:
                        self.cols = max(self.cols, _col_number(letters))
                        self.rows = max(self.rows, int(digits))
        if _REF_WIDE.search(data):
            widest = max(set(_REF_WIDE.findall(data)), key=lambda letters: (len(letters), letters))
            self.cols = max(self.cols, _col_number(widest))
        elif b' r="' in data:
            self.cols = max(self.cols, 26)  # single letters: A–Z
        if _REF_TALL.search(data):
            if _REF_ROW7.search(data):
                self.rows = max(self.rows, int(max(_REF_ROW7.findall(data))))
            else:
                self.rows = max(self.rows, 999_999)
        elif self.cols > 420:  # a wide sheet: the bound 99,999 is not enough, count exactly
            rows = _REF_ROW.findall(data)
            if rows:
                self.rows = max(self.rows, max(int(r) for r in rows))
        elif b' r="' in data:
            self.rows = max(self.rows, 99_999)


from xml.parsers.expat import ExpatError as _ExpatError  # noqa: E402  (stdlib, cheap)

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _repeat(attrs: dict[str, str], name: str) -> int:
    """A number-…-repeated attribute, bounded before conversion (more than 9 digits: 10^9)."""
    text = attrs.get(f"{_TABLE_NS} {name}", "1").strip()
    if not text.isdigit():
        return 1
    return 10 ** 9 if len(text) > 9 else max(int(text), 1)


class _OdsExtent:
    """The extent of an OpenDocument spreadsheet's tables, streamed through expat.

    Repeated rows and cells count as many times as they repeat once they carry content
    (python-calamine expands them); the empty repeated rows and columns that LibreOffice
    writes after the data do not count.
    """

    def __init__(self, path: Path) -> None:
        from xml.parsers import expat

        self.path = path
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.rows = self.cols = 0
        self.row = 0  # rows above the current one in this table
        self.row_repeat = 1
        self.col = 0
        self.row_width = 0
        self.cell_repeat = 0  # > 0 inside a cell
        self.cell_content = False

    def feed(self, data: bytes, final: bool = False) -> None:
        """Parse one chunk of content.xml."""
        self.parser.Parse(data, final)

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        if self.cell_repeat:
            self.cell_content = True  # a paragraph, an annotation …: the cell has content
            return
        if name == f"{_TABLE_NS} table":
            self.row = 0
        elif name == f"{_TABLE_NS} table-row":
            self.row_repeat = _repeat(attrs, "number-rows-repeated")
            self.col = self.row_width = 0
        elif name in (f"{_TABLE_NS} table-cell", f"{_TABLE_NS} covered-table-cell"):
            self.cell_repeat = _repeat(attrs, "number-columns-repeated")
            self.cell_content = f"{_OFFICE_NS} value-type" in attrs

    def _end(self, name: str) -> None:
        if name in (f"{_TABLE_NS} table-cell", f"{_TABLE_NS} covered-table-cell") and self.cell_repeat:
            self.col += self.cell_repeat
            if self.cell_content:
                self.row_width = self.col
            self.cell_repeat = 0
        elif name == f"{_TABLE_NS} table-row":
            self.row += self.row_repeat
            if self.row_width:
                self.rows = max(self.rows, self.row)
                self.cols = max(self.cols, self.row_width)
                if self.rows * self.cols > MAX_SHEET_CELLS:
                    raise InputError(self.path, f"工作表过大：{self.rows:,} 行 × {self.cols:,} 列（含重复行列），"
                                                f"超过上限 {MAX_SHEET_CELLS:,} 个单元格（疑似资源炸弹），拒绝打开",
                                     where="content.xml")


def read_member(zf: zipfile.ZipFile, name: str, limit: int, path: str | Path = "<工作簿>") -> bytes:
    """Decompress one member, at most `limit` bytes of it (a longer one is refused, never read)."""
    info = zf.getinfo(name)
    if info.file_size > limit or info.compress_type not in _METHODS:
        raise InputError(path, f"工作簿中的 {name} 过大或压缩方式异常（{info.file_size // 1024} KB），拒绝读取")
    with zf.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:  # pragma: no cover - zipfile never yields more than the declared size
        raise InputError(path, f"工作簿中的 {name} 超过 {limit // 1024} KB，拒绝读取")
    return data


def scan_zip_members(path: str | Path) -> None:
    """Decompress every member once, in chunks: sizes and CRCs as declared, sheet extents bounded."""
    p = Path(path)
    try:
        with zipfile.ZipFile(p) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                sheet = _SHEET_PART.match(info.filename) is not None
                extent = _Extent() if sheet else None
                marks = PartScan() if sheet else None  # what the sheet hides and types, read in the same pass
                ods = _OdsExtent(p) if info.filename == "content.xml" else None
                tail = b""
                with zf.open(info) as fh:
                    while chunk := fh.read(_CHUNK):
                        if extent is not None and marks is not None:
                            extent.feed(tail + chunk)
                            tail = chunk[-_OVERLAP:]
                            marks.feed(chunk)
                        elif ods is not None:
                            ods.feed(chunk)
                if marks is not None:
                    marks.feed(b"")
                    remember(p, info, marks.found)  # (sources/sheet_xml: not read again for it)
                if extent is not None and extent.rows * extent.cols > MAX_SHEET_CELLS:
                    where = f"{info.filename}：范围 A1:{column_letter(extent.cols - 1) if extent.cols else ''}{extent.rows}"
                    raise InputError(
                        p, f"工作表过大：{extent.rows:,} 行 × {extent.cols:,} 列 = {extent.rows * extent.cols:,} 个单元格，"
                           f"超过上限 {MAX_SHEET_CELLS:,}（疑似资源炸弹），拒绝打开", where=where)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError, zlib.error):
        raise InputError(p, "不是有效的工作簿：文件已损坏（压缩数据与声明的大小或校验值不符）") from None
    except _ExpatError as exc:
        raise InputError(p, f"不是有效的工作簿：content.xml 不是完整的 XML（{exc}）") from None
    except OSError as exc:
        raise InputError(p, f"不是有效的工作簿：无法读取（{exc.strerror or exc}）") from None


def check_workbook(path: str | Path) -> str:
    """Check a workbook file before opening it; return its container kind: 'zip' or 'ole'."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    with open(p, "rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        check_ole_workbook(p)
        return "ole"
    if head.startswith(ZIP_MAGIC):
        check_zip_workbook(p)
        return "zip"
    if not head:
        raise InputError(p, "文件为空：应为 Excel 工作簿")
    raise InputError(p, "不是有效的工作簿：文件已损坏，或不是 xlsx/xls/ods 文件")


#: The workbook format each name ending says; a file's own bytes may say otherwise.
_FORMAT_OF_SUFFIX = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xlsb": "xlsb", ".xls": "xls", ".ods": "ods"}


def workbook_format(path: str | Path) -> str:
    """A workbook's format by its content, whatever its name says: ``xlsx`` (a zip holding
    xl/workbook.xml — also an .xlsx a web site serves as .xls, or WPS saves as .et), ``xlsb`` (a zip
    holding xl/workbook.bin), ``ods`` (a zip holding content.xml) or ``xls`` (an OLE compound file).
    Meant after :func:`check_workbook`."""
    p = Path(path)
    stat = p.stat()
    key = (str(p.resolve()), stat.st_size, stat.st_mtime_ns)  # (asked by the grid, hidden-row and formula readers)
    if (known := _FORMATS.get(key)) is None:
        known = _FORMATS[key] = _format_of(p)
        if len(_FORMATS) > 1000:
            _FORMATS.pop(next(iter(_FORMATS)))
    return known


_FORMATS: dict[tuple[str, int, int], str] = {}


def _format_of(p: Path) -> str:
    with open(p, "rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        return "xls"
    try:
        with zipfile.ZipFile(p) as zf:  # (its directory only: nothing is decompressed)
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(p, "不是有效的工作簿：文件已损坏，或不是 xlsx/xls/ods 文件") from None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"  # (Excel's binary workbook: its values only, no number formats read)
    if "content.xml" in names:
        return "ods"
    raise InputError(p, "不是工作簿：压缩包中既没有 Excel 工作簿（xl/workbook.xml）也没有 ods 表格（content.xml）")


def named_as_it_is(path: str | Path, fmt: str) -> bool:
    """Does the file's name end as its format says (``report.xlsx`` holding an xlsx)? A reader that goes
    by the name (calamine, openpyxl) is then given the file by name, else its bytes."""
    return _FORMAT_OF_SUFFIX.get(Path(path).suffix.lower(), fmt) == fmt
