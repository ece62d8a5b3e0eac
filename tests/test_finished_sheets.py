"""Sheets written out before the workbook closes (sinks/finished_sheets.py): the same file, less memory."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.sinks.safe_xlsx import SafeWorkbook

_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
            "in_memory": True}


def _write(path: Path, finish: bool) -> list[bool]:
    """Four sheets: text, numbers, a merge, row heights, print titles; the third has a comment."""
    wb = SafeWorkbook(str(path), _OPTIONS)
    bold = wb.add_format({"bold": True, "border": 1, "text_wrap": True})
    done = []
    for n in range(4):
        ws = wb.add_worksheet(f"项目{n}")
        ws.merge_range(0, 0, 0, 3, "", bold)
        ws.write_string(0, 0, f"标题{n}", bold)
        ws.write_number(1, 1, n * 1.5, bold)
        ws.write_string(2, 2, "=不是公式", bold)
        ws.set_row(2, 40)
        ws.set_column(0, 0, 20)
        ws.repeat_rows(0, 0)
        if n == 2:
            ws.write_comment(1, 1, "批注")
        done.append(wb.finish_sheet(ws) if finish else False)
    wb.close()
    return done


def _content(path: Path) -> list[object]:
    wb = openpyxl.load_workbook(path)
    out: list[object] = [wb.sheetnames, sorted(wb.defined_names.keys())]
    for ws in wb.worksheets:
        out.append((ws.title, ws.print_title_rows, sorted(str(r) for r in ws.merged_cells.ranges),
                    ws.row_dimensions[3].height, ws.column_dimensions["A"].width))
        out.extend((c.coordinate, c.value, c.font.b, c.border.left.style, c.alignment.wrap_text)
                   for row in ws.iter_rows() for c in row)
        out.append([(c.coordinate, c.comment.text if c.comment else None) for row in ws.iter_rows() for c in row])
    return out


def test_finished_sheets_give_the_same_workbook(tmp_path: Path) -> None:
    plain, finished = tmp_path / "plain.xlsx", tmp_path / "finished.xlsx"
    _write(plain, finish=False)
    done = _write(finished, finish=True)
    # the first sheet (selected when the workbook closes) and the one with a comment are left as they are
    assert done == [False, True, False, True]
    assert _content(finished) == _content(plain)


def test_a_finished_sheet_drops_its_cells(tmp_path: Path) -> None:
    wb = SafeWorkbook(str(tmp_path / "a.xlsx"), _OPTIONS)
    wb.add_worksheet("首页")
    ws = wb.add_worksheet("项目")
    for r in range(50):
        ws.write_string(r, 0, f"第{r}行")
    assert wb.finish_sheet(ws)
    assert not ws.table and ws.finished is not None
    # a finished sheet keeps only what differs from a new sheet (about 1.5 KB, was 7 KB of initial values)
    assert len(vars(ws)) < 30 and ws.name == "项目" and ws.index == 1
    assert ws.images == [] and ws.images is not ws.images  # an initial value, a fresh copy each time
    assert not wb.finish_sheet(ws)  # once only
    wb.close()
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx")["项目"]
    assert [sheet.cell(r + 1, 1).value for r in range(50)] == [f"第{r}行" for r in range(50)]


def test_a_workbook_on_disk_keeps_its_sheets(tmp_path: Path) -> None:
    wb = SafeWorkbook(str(tmp_path / "b.xlsx"), {"strings_to_formulas": False})  # temporary files
    wb.add_worksheet("首页")
    ws = wb.add_worksheet("项目")
    ws.write_string(0, 0, "文字")
    assert not wb.finish_sheet(ws)
    wb.close()
    assert openpyxl.load_workbook(tmp_path / "b.xlsx")["项目"]["A1"].value == "文字"


def _streamed(path: Path, finish: bool, rows: int) -> bool:
    """A first sheet, then a sheet written row by row (constant_memory) with heights, a merge and a filter."""
    wb = SafeWorkbook(str(path), _OPTIONS)
    wb.add_worksheet("首页").write_string(0, 0, "首页")
    ws = wb.add_streaming_worksheet("问题清单")
    wrap = wb.add_format({"text_wrap": True, "border": 1})
    ws.merge_range(0, 0, 0, 2, "", wrap)
    ws.write_string(0, 0, "标题", wrap)
    for r in range(1, rows + 1):
        ws.write_string(r, 0, f"第{r}行 " + "说明" * (r % 7), wrap)
        ws.write_number(r, 1, r, wrap)
        ws.write_blank(r, 2, None, wrap)
        ws.set_row(r, 15 + r % 5)
    ws.autofilter(0, 0, rows, 2)
    ws.freeze_panes(1, 0)
    done = wb.finish_sheet(ws) if finish else False
    wb.close()
    return done


def _cells(path: Path) -> list[object]:
    ws = openpyxl.load_workbook(path)["问题清单"]
    return [ws.auto_filter.ref, ws.freeze_panes, sorted(map(str, ws.merged_cells.ranges)),
            [(c.coordinate, c.value, c.alignment.wrap_text, c.border.left.style) for row in ws.iter_rows() for c in row],
            [ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)]]


def test_a_streamed_sheet_is_finished_into_the_spool(tmp_path: Path) -> None:
    """A constant_memory sheet of an in-memory workbook finished before close: the same cells as
    when XlsxWriter assembles it at close, its row file removed, its rows' heights let go."""
    import zipfile

    plain, finished = tmp_path / "plain.xlsx", tmp_path / "finished.xlsx"
    assert not _streamed(plain, finish=False, rows=3000)
    assert _streamed(finished, finish=True, rows=3000)
    assert _cells(finished) == _cells(plain)
    with zipfile.ZipFile(plain) as a, zipfile.ZipFile(finished) as b:  # the same XML, part by part
        assert {n: a.read(n) for n in a.namelist() if n != "docProps/core.xml"} == \
            {n: b.read(n) for n in b.namelist() if n != "docProps/core.xml"}


def test_a_streamed_sheet_keeps_no_row_records_and_shares_its_heights(tmp_path: Path) -> None:
    wb = SafeWorkbook(str(tmp_path / "c.xlsx"), _OPTIONS)
    wb.add_worksheet("首页")
    ws = wb.add_streaming_worksheet("清单")
    for r in range(100):
        ws.write_string(r, 0, "文字")
        ws.set_row(r, 30)
    # only the row not yet written out keeps its RowInfo; the heights stay (XlsxWriter places notes
    # and images at close by the heights of the rows above them) but as one shared list per height
    assert len(ws.row_info) <= 1 and len({id(size) for size in ws.row_sizes.values()}) <= 2
    wb.finish_sheet(ws)
    wb.close()
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx")["清单"]
    assert [sheet.row_dimensions[r].height for r in range(1, 101)] == [30] * 100


def test_a_large_part_is_zipped_in_pieces(tmp_path: Path, monkeypatch) -> None:
    """The zip file takes a kept sheet's XML a piece at a time (never one bytes of it): the pieces
    are smaller than the part, and the file reads back whole."""
    from perfgoals_xl.sinks import finished_sheets

    monkeypatch.setattr(finished_sheets, "_PIECE", 4096)
    seen: list[int] = []
    real = finished_sheets._Kept.deflated

    def deflated(self):  # noqa: ANN001, ANN202
        for piece in real(self):
            seen.append(len(piece))
            yield piece

    monkeypatch.setattr(finished_sheets._Kept, "deflated", deflated)
    wb = SafeWorkbook(str(tmp_path / "d.xlsx"), _OPTIONS)
    wb.add_worksheet("首页")
    ws = wb.add_worksheet("长表")
    for r in range(3000):
        ws.write_string(r, 0, f"第{r}行的一段文字")
    assert wb.finish_sheet(ws)
    wb.close()
    assert max(seen) <= 4096 and sum(seen) > 2 * 4096
    sheet = openpyxl.load_workbook(tmp_path / "d.xlsx")["长表"]
    assert [sheet.cell(r + 1, 1).value for r in range(3000)] == [f"第{r}行的一段文字" for r in range(3000)]


def test_the_fast_escape_is_xlsxwriters_escape() -> None:
    """SafeWorksheet's shortcut for plain text gives what XlsxWriter's escape gives, on every kind of text."""
    from xlsxwriter.worksheet import Worksheet

    from perfgoals_xl.sinks.safe_xlsx import SafeWorksheet

    texts = ["普通文字", "a\tb", "第一行\n第二行", "_x0041_", "x_x", "\x01控制", "\ufffe", "\uffff", "", " 空格 ",
             "全角\u3000空格", "\u00a0", "emoji 😀", 12, None]
    for text in texts:
        assert SafeWorksheet._escape_control_characters(text) == Worksheet._escape_control_characters(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=("Cs",)))
       | st.from_regex(r"_x[0-9A-Fa-f]{4}_", fullmatch=False))
def test_the_fast_escape_is_xlsxwriters_escape_on_any_text(text: str) -> None:
    from xlsxwriter.worksheet import Worksheet

    from perfgoals_xl.sinks.safe_xlsx import SafeWorksheet

    assert SafeWorksheet._escape_control_characters(text) == Worksheet._escape_control_characters(text)


def _members(path: Path) -> dict[str, tuple[int, int, int, bytes]]:
    """Each zip member's CRC, sizes and data as stored (compressed)."""
    import struct
    import zipfile

    out = {}
    with zipfile.ZipFile(path) as z, open(path, "rb") as fh:
        for info in z.infolist():
            fh.seek(info.header_offset + 26)
            name, extra = struct.unpack("<HH", fh.read(4))
            fh.seek(info.header_offset + 30 + name + extra)
            out[info.filename] = (info.CRC, info.file_size, info.compress_size, fh.read(info.compress_size))
    return out


def test_a_finished_sheet_is_compressed_once_as_the_zip_file_would(tmp_path: Path) -> None:
    """A kept sheet's XML is stored as zipfile compresses it (raw deflate at the default level, its
    CRC and size): the members of the finished sheets are the plain workbook's, compressed bytes
    included, and the file passes zipfile's CRC check; the kept data read back inflated (another
    zip writer's path) is the XML."""
    import zipfile
    import zlib

    from perfgoals_xl.sinks.finished_sheets import _Deflating, _Kept, _Spool

    plain, finished = tmp_path / "plain.xlsx", tmp_path / "finished.xlsx"
    _write(plain, finish=False)
    _write(finished, finish=True)
    a, b = _members(plain), _members(finished)
    sheets = [n for n in a if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 4 and all(a[n] == b[n] for n in sheets)
    with zipfile.ZipFile(finished) as z:
        assert z.testzip() is None
        for name, (_, _, _, stored) in b.items():  # every part as zipfile's own compressor makes it
            deflate = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
            assert stored == deflate.compress(z.read(name)) + deflate.flush(), name
    spool = _Spool()
    writer = _Deflating(spool)
    text = "".join(f"<row r=\"{n}\">第{n}行</row>" for n in range(20_000))
    writer.write(text)
    kept = writer.kept()
    assert isinstance(kept, _Kept) and b"".join(kept.pieces()) == text.encode("utf-8")
    assert kept.crc == zipfile.crc32(text.encode("utf-8"))
    spool.close()
