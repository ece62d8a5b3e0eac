"""Workbook resource bombs and corrupt files (issue #13, classes 3 and 4).

Every fixture is a real file of a few KB built here with openpyxl and zipfile: a cell at
XFD1048576, a lying ``<dimension>``, a member whose declared size lies, a ``mimetype``
member of megabytes, a comments part that lies about its size, a truncated OLE .xls, UTF-16
cut short. Each is refused with one Chinese line naming the file, exit 2, quickly and
without the process aborting (python-calamine would abort allocating 512 GB).
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from perfgoals_xl.cli import main
from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import read_table, sniff
from perfgoals_xl.sources.textfile import decode_bytes
from perfgoals_xl.sources.workbook_safety import MAX_SHEET_CELLS, check_workbook

HEADERS = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgoals_xl", *args], capture_output=True, text=True,
                          timeout=120)


def _small_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADERS)
    ws.append(["项目甲", "产出指标", "数量指标", "培训人数", "100人"])
    wb.save(path)
    return path


def _rewrite(src: Path, dst: Path, change) -> Path:
    """Copy a zip, passing each member's (name, data) through change → data (None drops it)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)
    return dst


def _far_cell(ref: str):
    def change(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/sheet"):
            row = "".join(ch for ch in ref if ch.isdigit())
            return data.replace(b"</sheetData>",
                                f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'.encode())
        return data
    return change


def _lie_about_size(path: Path, member: str, declared: int) -> None:
    """Patch the central directory so that `member` declares `declared` uncompressed bytes."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46: pos + 46 + name_len]) == name:
            struct.pack_into("<I", data, pos + 24, declared)
            local = struct.unpack_from("<I", data, pos + 42)[0]
            struct.pack_into("<I", data, local + 22, declared)
        pos += 4
    path.write_bytes(bytes(data))


def _assert_refused(path: Path, tmp_path: Path, expected: str) -> None:
    out = tmp_path / "out.json"
    started = time.perf_counter()
    proc = run("import", str(path), "-o", str(out))
    assert time.perf_counter() - started < 60
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and expected in lines[0], proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("ref", ["XFD1048576", "CV1048576", "AAA100000"])
def test_a_far_cell_is_refused_before_the_dense_grid_is_built(tmp_path, ref):
    bomb = _rewrite(_small_xlsx(tmp_path / "src.xlsx"), tmp_path / "bomb.xlsx", _far_cell(ref))
    assert bomb.stat().st_size < 10_000
    _assert_refused(bomb, tmp_path, "工作表过大")


def test_a_lying_dimension_is_refused(tmp_path):
    def change(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/sheet"):
            return re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>', data)
        return data
    bomb = _rewrite(_small_xlsx(tmp_path / "src.xlsx"), tmp_path / "dim.xlsx", change)
    assert b"XFD1048576" in zipfile.ZipFile(bomb).read("xl/worksheets/sheet1.xml")
    with pytest.raises(InputError, match="工作表过大"):
        check_workbook(bomb)


def test_a_large_legitimate_extent_passes(tmp_path):
    # 40 columns down to row 1,048,576: the long format of a whole province fits
    ok = _rewrite(_small_xlsx(tmp_path / "src.xlsx"), tmp_path / "ok.xlsx", _far_cell("AN1048576"))
    assert MAX_SHEET_CELLS >= 40 * 1048576
    assert check_workbook(ok) == "zip"


def test_a_member_whose_declared_size_lies_is_refused(tmp_path):
    src = _small_xlsx(tmp_path / "src.xlsx")
    bomb = _rewrite(src, tmp_path / "lie.xlsx",
                    lambda name, data: data + b" " * 5_000_000 if name == "xl/styles.xml" else data)
    _lie_about_size(bomb, "xl/styles.xml", 1000)
    assert bomb.stat().st_size < 30_000
    _assert_refused(bomb, tmp_path, "已损坏")


def test_sniffing_reads_members_only_through_the_checked_path(tmp_path):
    ods = tmp_path / "big.ods"
    with zipfile.ZipFile(ods, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet" + " " * 3_000_000)
        zf.writestr("content.xml", "<x/>")
    with pytest.raises(InputError, match="过大"):
        sniff(ods)
    lying = tmp_path / "lying.ods"
    with zipfile.ZipFile(lying, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet" + " " * 3_000_000)
    _lie_about_size(lying, "mimetype", 46)
    with pytest.raises(InputError, match="已损坏"):
        sniff(lying)


def test_an_entry_workbook_whose_comments_lie_is_refused(tmp_path, seed_path):
    entry = tmp_path / "entry.xlsx"
    assert main(["import", str(seed_path), "-o", str(entry)]) == 0
    comments = next(n for n in zipfile.ZipFile(entry).namelist() if "comments" in n)
    bomb = _rewrite(entry, tmp_path / "notes.xlsx",
                    lambda name, data: data.replace(b"</comments>", b" " * 5_000_000 + b"</comments>")
                    if name == comments else data)
    _lie_about_size(bomb, comments, 2000)
    _assert_refused(bomb, tmp_path, "已损坏")


@pytest.mark.parametrize("cut", [600, 2000, 4000])
def test_a_truncated_xls_is_one_clear_error(tmp_path, cut):
    src = tmp_path / "full.xlsx"
    _small_xlsx(src)
    xls = tmp_path / "full.xls"
    proc = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file:///tmp/lo-hostile-{cut}",
                           "--convert-to", "xls", "--outdir", str(tmp_path), str(src)],
                          capture_output=True, timeout=120) if _has_soffice() else None
    if proc is None or not xls.exists():
        pytest.skip("LibreOffice (soffice) is needed to build a real .xls")
    truncated = tmp_path / "cut.xls"
    truncated.write_bytes(xls.read_bytes()[:cut])
    _assert_refused(truncated, tmp_path, "cut.xls")


def _has_soffice() -> bool:
    import shutil

    return shutil.which("soffice") is not None


@pytest.mark.parametrize("data", [
    "\ufeff项目支出绩效目标表".encode("utf-16-le")[:-1],  # cut in the middle of a code unit
    b"\xff\xfe" + "项目".encode("utf-16-le") + b"\x00\xd8",  # a lone high surrogate at the end
    b"\xff\xfe" + b"\x00\xdc" + "项目".encode("utf-16-le"),  # a lone low surrogate
])
def test_corrupt_utf16_is_one_clear_error(tmp_path, data):
    src = tmp_path / "bad.txt"
    src.write_bytes(b"\xff\xfe" + data.removeprefix(b"\xff\xfe"))
    with pytest.raises(InputError, match="UTF-16"):
        decode_bytes(src.read_bytes(), src)
    _assert_refused(src, tmp_path, "UTF-16")
    with pytest.raises(InputError):
        read_table(src)


def _ods(path: Path, rows_repeated: int, cols_repeated: int) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        '<office:spreadsheet><table:table table:name="S">'
        f'<table:table-row table:number-rows-repeated="{rows_repeated}"><table:table-cell '
        f'table:number-columns-repeated="{cols_repeated}" office:value-type="string"><text:p>x</text:p>'
        '</table:table-cell></table:table-row>'
        # the empty tail LibreOffice writes: must not count
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>'
        '</table:table></office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content)
    return path


def test_an_ods_of_repeated_cells_is_refused_before_calamine_expands_it(tmp_path):
    bomb = _ods(tmp_path / "bomb.ods", 100_000, 1_000)  # 780 bytes → 100 million cells
    assert bomb.stat().st_size < 2_000
    _assert_refused(bomb, tmp_path, "工作表过大")
    assert check_workbook(_ods(tmp_path / "ok.ods", 3, 5)) == "zip"  # the empty tail does not count


@pytest.mark.parametrize("name", ["cut.xls", "cut.xlsx", "cut.et"])
def test_an_xls_whose_records_are_cut_short_is_one_clear_line(tmp_path, name):
    """A Workbook stream whose first record (BOF) says it is longer than it is: calamine's Rust code
    panics (pyo3's PanicException, a BaseException) — read before as a traceback (its name .xls) or
    a crash; now one Chinese line naming the file, exit code 2, and no Rust backtrace on stderr."""
    from perfgoals_xl.vba.cfb import CfbStorage, build_compound_file

    path = tmp_path / name
    path.write_bytes(build_compound_file(CfbStorage(streams={"Workbook": b"\x09\x08" + bytes(600)})))
    _assert_refused(path, tmp_path, "已损坏")
