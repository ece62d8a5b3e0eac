"""Sheets written out as soon as they are done: a workbook of one sheet per project in bounded memory.

XlsxWriter keeps every cell of every sheet until ``close()``: a workbook of 20,000 申报表 held
all their cells (about 10 KB per indicator row). :meth:`FinishingWorkbook.finish_sheet` turns a
sheet its writer has finished into its XML at once — with XlsxWriter's own code, so the file is
byte for byte the same — keeps that compressed, and drops the cells. At ``close()`` the packager
takes the kept XML, one sheet at a time, instead of assembling the sheet again.

Only an in-memory workbook finishes sheets (the packager's temporary files need a path), and
only a sheet whose XML cannot change later: not the first sheet (the workbook selects it when
it closes), none with comments, images, charts, tables, buttons or links (their parts and
relations are prepared at close). Any other sheet is left to XlsxWriter as before.
"""

from __future__ import annotations

import copy
import zlib
from typing import Any

from xlsxwriter.packager import Packager
from xlsxwriter.worksheet import Worksheet

#: Attributes of a worksheet that, when not empty, make its XML depend on the workbook's close.
_LATE_PARTS = ("comments", "images", "charts", "tables", "shapes", "buttons_list", "sparklines",
               "data_bars_2010", "header_images", "background_image", "hyperlinks", "cond_formats",
               "data_validations")


class _Kept:
    """The compressed XML of a finished sheet, in the packager's list of in-memory files.

    XlsxWriter zips an in-memory file as ``file.getvalue().encode("utf-8")``: here ``getvalue()``
    gives this object and ``encode`` the inflated bytes, so the XML is never a Python string again.
    """

    __slots__ = ("blob",)

    def __init__(self, blob: bytes) -> None:
        self.blob = blob

    def getvalue(self) -> _Kept:
        """This object (whose ``encode`` gives the XML's bytes)."""
        return self

    def encode(self, encoding: str = "utf-8") -> bytes:
        """The sheet's XML, UTF-8 encoded (as it was written)."""
        return zlib.decompress(self.blob)


class _Deflating:
    """A text file that compresses what is written as it comes (no whole-sheet string in memory:
    a StringIO holds four bytes a character)."""

    def __init__(self) -> None:
        self._deflate = zlib.compressobj(1)
        self._parts: list[str] = []
        self._size = 0
        self._out: list[bytes] = []

    def write(self, text: str) -> int:
        """Take some XML."""
        self._parts.append(text)
        self._size += len(text)
        if self._size > 1 << 16:
            self._flush()
        return len(text)

    def _flush(self) -> None:
        self._out.append(self._deflate.compress("".join(self._parts).encode("utf-8")))
        self._parts, self._size = [], 0

    def compressed(self) -> bytes:
        """Everything written, compressed."""
        self._flush()
        self._out.append(self._deflate.flush())
        return b"".join(self._out)


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

    def can_finish(self) -> bool:
        """Whether this sheet's XML is final now (see the module's docstring)."""
        return (self.index != 0 and not self.constant_memory and self.finished is None
                and not any(getattr(self, name, None) for name in _LATE_PARTS))

    def finish(self) -> bool:
        """Assemble this sheet's XML now, keep it compressed and drop its cells; False if it cannot."""
        if not self.can_finish():
            return False
        buffer = _Deflating()
        self.fh, self.internal_fh = buffer, False  # as XmlWriter._set_xml_writer does for a StringIO
        self._assemble_xml_file()
        kept = _Kept(buffer.compressed())
        # What the workbook reads at close (name, index, print titles …) differs from a new
        # sheet's; the rest — cells, rows, merges, some 200 initial values — is dropped.
        defaults = _defaults()
        state = {k: v for k, v in vars(self).items()
                 if k not in _DROPPED and (k not in defaults or not _same(v, defaults[k]))}
        self.__dict__.clear()
        self.__dict__.update(state)
        self.finished = kept
        return True


#: Attributes only the sheet's own XML used (already written): dropped from a finished sheet.
_DROPPED = frozenset({"table", "merge", "merged_cells", "row_sizes", "row_info", "row_spans", "fh",
                      "internal_fh", "col_info", "col_size_changed"})


def _same(value: Any, default: Any) -> bool:
    """Is a value its initial one (same type, equal)?"""
    try:
        return type(value) is type(default) and bool(value == default)
    except Exception:  # noqa: BLE001 - an object that cannot be compared: keep it
        return False


class FinishingPackager(Packager):
    """XlsxWriter's packager, taking each finished sheet's kept XML instead of assembling it."""

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

    def finish_sheet(self, sheet: Any) -> bool:
        """Write a finished sheet out now (in-memory workbooks); True when it was."""
        return bool(self.in_memory and isinstance(sheet, FinishingWorksheet) and sheet.finish())

    def _get_packager(self) -> Packager:
        return FinishingPackager()
