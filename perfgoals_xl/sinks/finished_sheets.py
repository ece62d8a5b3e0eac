"""Sheets written out as soon as they are done: a workbook of one sheet per project in bounded memory.

XlsxWriter keeps every cell of every sheet until ``close()``: a workbook of 20,000 申报表 held
all their cells (about 10 KB per indicator row). :meth:`FinishingWorkbook.finish_sheet` turns a
sheet its writer has finished into its XML at once — with XlsxWriter's own code, so the file is
byte for byte the same — keeps that compressed, and drops the cells. At ``close()`` the packager
takes the kept XML, one sheet at a time, instead of assembling the sheet again.

The compressed XML goes to one temporary file of the workbook (a spool), not to memory: a
workbook of 20,000 sheets kept ~5 KB of it per sheet (a fifth of a KiB per indicator row).
It is compressed once, as the zip file holds it (raw deflate at zlib's default level, its CRC
counted as it is written): at close, its bytes are copied into the zip member as they are.
A sheet written row by row to its own temporary file (``constant_memory``: the 问题清单 of a
large table) is finished the same way: its rows are copied from that file into the spool.

Only an in-memory workbook finishes sheets (the packager's temporary files need a path), and
only a sheet whose XML cannot change later: not the first sheet (the workbook selects it when
it closes), none with comments, images, charts, tables, buttons or links (their parts and
relations are prepared at close). Any other sheet is left to XlsxWriter as before.
"""

from __future__ import annotations

import copy
import io
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any

import xlsxwriter.workbook
from xlsxwriter.packager import Packager
from xlsxwriter.worksheet import Worksheet

from perfgoals_xl.sinks.row_xml import write_merge_cells, write_rows, write_single_row

#: Attributes of a worksheet that, when not empty, make its XML depend on the workbook's close.
_LATE_PARTS = ("comments", "images", "charts", "tables", "shapes", "buttons_list", "sparklines",
               "data_bars_2010", "header_images", "background_image", "hyperlinks", "cond_formats",
               "data_validations")


class _Spool:
    """One temporary file holding the compressed XML of a workbook's finished sheets."""

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the workbook
        self.size = 0

    def append(self, data: bytes) -> None:
        """Add bytes at the end."""
        self.file.seek(0, 2)
        self.file.write(data)
        self.size += len(data)

    def read(self, offset: int, size: int) -> bytes:
        """The bytes written at offset."""
        self.file.seek(offset)
        return self.file.read(size)

    def close(self) -> None:
        """Remove the file."""
        self.file.close()


class _Kept:
    """The compressed XML of a finished sheet (a place in the spool), in the packager's list of
    in-memory files.

    XlsxWriter zips an in-memory file as ``file.getvalue().encode("utf-8")``: here ``getvalue()``
    gives this object and ``encode`` the XML as pieces (:class:`_Pieces`), inflated as the zip file
    takes them — a 问题清单 of 40,000 rows is 40 MB of XML, never one ``bytes`` in memory.
    """

    __slots__ = ("crc", "offset", "size", "spool", "xml_size")

    def __init__(self, spool: _Spool, offset: int, size: int, xml_size: int, crc: int) -> None:
        self.spool, self.offset, self.size, self.xml_size, self.crc = spool, offset, size, xml_size, crc

    def getvalue(self) -> _Kept:
        """This object (whose ``encode`` gives the XML's bytes)."""
        return self

    def encode(self, encoding: str = "utf-8") -> bytes | _Pieces:
        """The sheet's XML, UTF-8 encoded (as it was written): pieces for the zip file below,
        else (another zip writer) one ``bytes``."""
        pieces = _Pieces(self)
        return pieces if xlsxwriter.workbook.ZipFile is _PiecewiseZipFile else b"".join(pieces)

    def deflated(self) -> Iterator[bytes]:
        """The XML as kept: raw deflate (a zip member's data), a MiB at a time."""
        position, end = self.offset, self.offset + self.size
        while position < end:
            data = self.spool.read(position, min(_PIECE, end - position))
            position += len(data)
            yield data

    def pieces(self) -> Iterator[bytes]:
        """The XML, inflated a few MiB at a time."""
        inflate = zlib.decompressobj(-15)
        for data in self.deflated():
            while data:
                yield inflate.decompress(data, _PIECE)
                data = inflate.unconsumed_tail
        yield inflate.flush()


_PIECE = 1 << 20


class _Pieces:
    """A kept sheet's XML as the zip file below takes it (its length known, its bytes in pieces)."""

    __slots__ = ("kept",)

    def __init__(self, kept: _Kept) -> None:
        self.kept = kept

    def __len__(self) -> int:
        return self.kept.xml_size

    def __iter__(self) -> Iterator[bytes]:
        return self.kept.pieces()


class _PiecewiseZipFile(zipfile.ZipFile):
    """XlsxWriter's zip file, taking a kept sheet's XML piece by piece (``writestr`` of
    :class:`_Pieces`); anything else exactly as ``zipfile.ZipFile``."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: int | None = None,
                 compresslevel: int | None = None) -> None:
        """Write a member (its data may be :class:`_Pieces`)."""
        if not isinstance(data, _Pieces) or not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)
            return
        zinfo = zinfo_or_arcname
        if compress_type is not None:
            zinfo.compress_type = compress_type
        if compresslevel is not None:
            zinfo._compresslevel = compresslevel  # type: ignore[attr-defined]
        zinfo.file_size = len(data)  # as writestr: the uncompressed size decides ZIP64
        with self._lock, self.open(zinfo, mode="w") as dest:  # type: ignore[attr-defined]
            if _takes_deflated(zinfo, dest):
                # kept as this member's data already (zipfile's compressor, level and format):
                # copied, and the member's CRC and size are the XML's
                dest._compressor = _AsIs()
                for piece in data.kept.deflated():
                    dest.write(piece)
                dest._crc, dest._file_size = data.kept.crc, data.kept.xml_size
                return
            for piece in data:
                dest.write(piece)


class _AsIs:
    """A compressor for data compressed already (the zip member's writer counts what it writes)."""

    def compress(self, data: bytes) -> bytes:
        return data

    def flush(self) -> bytes:
        return b""


def _takes_deflated(zinfo: zipfile.ZipInfo, dest: Any) -> bool:
    """Whether a member written by ``dest`` (zipfile's member writer) is compressed as a kept
    XML part is: deflate at zlib's default level, and the writer the one whose fields are known."""
    return (zinfo.compress_type == zipfile.ZIP_DEFLATED
            and getattr(zinfo, "_compresslevel", None) in (None, zlib.Z_DEFAULT_COMPRESSION)
            and all(hasattr(dest, name) for name in ("_compressor", "_crc", "_file_size", "_compress_size")))


# XlsxWriter makes its zip file with the name ``ZipFile`` of its workbook module: this subclass,
# which differs only for _Pieces, takes its place (once; not when someone else replaced it).
if xlsxwriter.workbook.ZipFile is zipfile.ZipFile:
    xlsxwriter.workbook.ZipFile = _PiecewiseZipFile  # type: ignore[misc]


class _Deflating:
    """A text file that compresses what is written as it comes (no whole-sheet string in memory:
    a StringIO holds four bytes a character); :meth:`kept` moves it into the spool."""

    def __init__(self, spool: _Spool, *, direct: bool = False) -> None:
        # compressed once, as the zip file will hold it (zipfile's compressor: raw deflate at
        # zlib's default level), the CRC of the XML counted as it passes
        self._deflate = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        self._crc = 0
        self._parts: list[str] = []
        self._size = 0
        self._spool = spool
        self._out: list[bytes] = []  # compressed (about a tenth of the XML) until kept
        self.xml_size = 0
        #: direct: each compressed piece goes to the spool at once (the caller writes nothing else
        #: to the spool until kept: a sheet finished, whose 问题清单 compressed was 6 MB held here)
        self._start = spool.size if direct else None

    def write(self, text: str) -> int:
        """Take some XML."""
        self._parts.append(text)
        self._size += len(text)
        if self._size > 1 << 16:
            self._flush()
        return len(text)

    def _flush(self) -> None:
        data = "".join(self._parts).encode("utf-8")
        self.xml_size += len(data)
        self._crc = zlib.crc32(data, self._crc)
        self._emit(self._deflate.compress(data))
        self._parts, self._size = [], 0

    def _emit(self, data: bytes) -> None:
        if self._start is None:
            self._out.append(data)
        elif data:
            self._spool.append(data)

    def kept(self) -> _Kept:
        """Everything written, compressed, now in the spool (in one piece)."""
        self._flush()
        self._emit(self._deflate.flush())
        start = self._spool.size if self._start is None else self._start
        for data in self._out:
            self._spool.append(data)
        self._out = []
        return _Kept(self._spool, start, self._spool.size - start, self.xml_size, self._crc)


class _SpooledPart(io.StringIO):
    """An XML part the packager writes (a StringIO to XlsxWriter, which writes in memory parts to
    such): compressed as written, and given to the zip file as a kept sheet is. The shared
    strings of 20,000 sheets' text were a StringIO of four bytes a character, then its bytes."""

    def __init__(self, spool: _Spool) -> None:
        super().__init__()
        self._deflating: _Deflating | None = _Deflating(spool)
        self._kept: _Kept | None = None

    def write(self, text: str) -> int:
        """Take some XML."""
        assert self._deflating is not None, "the part was already given to the zip file"
        return self._deflating.write(text)

    def getvalue(self) -> _Kept:  # type: ignore[override]
        """The part, kept (whose ``encode`` gives its bytes)."""
        if self._kept is None:
            assert self._deflating is not None
            self._kept, self._deflating = self._deflating.kept(), None
        return self._kept


_DEFAULTS: dict[str, Any] = {}


def _defaults() -> dict[str, Any]:
    """The attributes of a new XlsxWriter worksheet, as its constructor sets them."""
    if not _DEFAULTS:
        _DEFAULTS.update(vars(Worksheet()))
    return _DEFAULTS


class FinishingWorksheet(Worksheet):
    """A worksheet that can be written out before its workbook closes."""

    finished: _Kept | None = None

    def __getattr__(self, name: str) -> Any:
        """An attribute a finished sheet dropped because it still had its initial value: a copy of it."""
        if self.__dict__.get("finished") is None or name not in _defaults():
            raise AttributeError(name)
        return copy.copy(_defaults()[name])

    def _write_single_row(self, current_row_num: int = 0) -> None:
        # constant_memory: the row goes to the row file. XlsxWriter keeps every row's RowInfo (never
        # read again once its row is written: dropped) and its [height, hidden] until close — read
        # then to place notes and images by the heights of the rows above them, so kept, but one
        # list shared by the rows of equal height (0.35 KiB a row of a 问题清单 otherwise).
        row = self.previous_row
        write_single_row(self, current_row_num, self.__dict__.setdefault("_perfgoals_xf", {}))
        if row != current_row_num:
            self.row_info.pop(row, None)
            size = self.row_sizes.get(row)
            if size is not None:
                shared = self.__dict__.setdefault("_perfgoals_sizes", {})
                self.row_sizes[row] = shared.setdefault((size[0], size[1]), size)

    def _write_rows(self) -> None:
        write_rows(self)  # XlsxWriter's rows, fewer calls (sinks/row_xml.py)

    def _write_merge_cells(self) -> None:
        write_merge_cells(self)  # the same, for the merged ranges

    def can_finish(self) -> bool:
        """Whether this sheet's XML is final now (see the module's docstring)."""
        return (self.index != 0 and self.finished is None
                and not any(getattr(self, name, None) for name in _LATE_PARTS))

    def finish(self, spool: _Spool) -> bool:
        """Assemble this sheet's XML now, keep it compressed in the spool and drop its cells;
        False if it cannot."""
        if not self.can_finish():
            return False
        if self.constant_memory:  # as the packager does: the last row out to the row file
            self._opt_reopen()
            self._write_single_row()
        buffer = _Deflating(spool, direct=True)  # nothing else is spooled while a sheet is assembled
        self.fh, self.internal_fh = buffer, False  # as XmlWriter._set_xml_writer does for a StringIO
        self._assemble_xml_file()  # (a constant_memory sheet copies its row file, then removes it)
        if self.constant_memory:
            self.row_data_fh_closed = True
        kept = buffer.kept()
        # What the workbook reads at close (name, index, print titles …) differs from a new
        # sheet's; the rest — cells, rows, merges, some 200 initial values — is dropped.
        defaults = _defaults()
        missing = object()
        state = {k: v for k, v in vars(self).items()  # (the same object: its initial value, unchanged)
                 if k not in _DROPPED and (d := defaults.get(k, missing)) is not v
                 and (d is missing or not _same(v, d))}
        self.__dict__.clear()
        self.__dict__.update(state)
        self.finished = kept
        return True


#: Attributes only the sheet's own XML used (already written): dropped from a finished sheet.
_DROPPED = frozenset({"table", "merge", "merged_cells", "row_sizes", "row_info", "row_spans", "fh",
                      "internal_fh", "col_info", "col_size_changed", "row_data_fh",
                      "_perfgoals_xf"})


def _same(value: Any, default: Any) -> bool:
    """Is a value its initial one (same type, equal)?"""
    try:
        return type(value) is type(default) and bool(value == default)
    except Exception:  # noqa: BLE001 - an object that cannot be compared: keep it
        return False


class FinishingPackager(Packager):
    """XlsxWriter's packager, taking each finished sheet's kept XML instead of assembling it, and
    compressing the other XML parts of an in-memory workbook into its spool as they are written."""

    def _filename(self, xml_filename: str) -> Any:
        spool = getattr(self.workbook, "_spool", None) if self.in_memory else None
        if spool is None:
            return super()._filename(xml_filename)
        part = _SpooledPart(spool)
        self.filenames.append((part, xml_filename, False))
        return part

    def _write_worksheet_files(self) -> None:
        index = 1
        for worksheet in self.workbook.worksheets():
            if worksheet.is_chartsheet:
                continue
            kept = getattr(worksheet, "finished", None)
            if kept is not None:
                self.filenames.append((kept, f"xl/worksheets/sheet{index}.xml", False))
            else:
                if worksheet.constant_memory:
                    worksheet._opt_reopen()
                    worksheet._write_single_row()
                worksheet._set_xml_writer(self._filename(f"xl/worksheets/sheet{index}.xml"))
                worksheet._assemble_xml_file()
            index += 1


class FinishingWorkbook:
    """Mixin for an ``xlsxwriter.Workbook`` whose worksheets are :class:`FinishingWorksheet`."""

    in_memory: bool
    _spool: _Spool | None = None

    def finish_sheet(self, sheet: Any) -> bool:
        """Write a finished sheet out now (in-memory workbooks); True when it was."""
        if not (self.in_memory and isinstance(sheet, FinishingWorksheet) and sheet.can_finish()):
            return False
        if self._spool is None:
            self._spool = _Spool()
        return sheet.finish(self._spool)

    def close(self) -> None:
        """Close the workbook (packing the finished sheets), then remove the spool."""
        if self.in_memory and self._spool is None:
            self._spool = _Spool()
        try:
            super().close()  # type: ignore[misc]
        finally:
            if self._spool is not None:
                self._spool.close()
                self._spool = None

    def _get_packager(self) -> Packager:
        return FinishingPackager()
