"""Word documents: every table of a .docx becomes a :class:`Grid`, read by the form or long-format logic.

A .docx is read with python-docx. Merged cells become merged ranges of the grid: a
cell spanning columns (``w:gridSpan``) and cells merged down (``w:vMerge`` restart →
continue), so the readers see a Word table exactly as they see a sheet. Each table is
a grid named ``表格1``, ``表格2`` …; a location reads ``表格1!B3`` (row 3, column B of
the first table).

Legacy Word (.doc) and WPS (.wps) files are converted to .docx with LibreOffice when
``soffice`` is installed (a private profile in a temporary folder, input size and time
bounded); without it the reader says, in one Chinese line, to save the file as .docx.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.grid import Grid

#: Largest legacy Word file converted with LibreOffice, and how long it may take.
MAX_LEGACY_BYTES = 50 * 1024 * 1024
CONVERT_TIMEOUT_S = 120
#: Largest table read (rows × columns), and the largest gridSpan honoured.
MAX_CELLS = 2_000_000
MAX_SPAN = 256
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def is_word(path: Path) -> bool:
    """A .docx (a zip with word/document.xml) or a legacy Word/WPS file (OLE with a WordDocument stream)."""
    with open(path, "rb") as fh:
        head = fh.read(8)
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


def load_word_grids(path: str | Path) -> list[Grid]:
    """Every table of a Word document as a grid (legacy .doc/.wps converted first)."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    if not is_word(p):
        raise InputError(p, "不是 Word 文档：应为 .docx（或旧版 .doc、WPS .wps）")
    with open(p, "rb") as fh:
        legacy = fh.read(8) == _OLE_MAGIC
    if legacy:
        from perfgoals_xl.sources.workbook_safety import check_ole_workbook

        check_ole_workbook(p)  # a damaged OLE file is refused before LibreOffice reads it
        from perfgoals_xl.office_process import office_folder

        with office_folder() as tmp:  # removed on error, exit and SIGTERM (office_process)
            return _docx_grids(convert_legacy(p, tmp), shown=p)
    return _docx_grids(p, shown=p)


def convert_legacy(path: Path, outdir: Path) -> Path:
    """Convert a .doc/.wps to .docx in outdir with LibreOffice (isolated profile, bounded)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(path, "这是旧版 Word（.doc）或 WPS 文档，本机没有 LibreOffice 无法转换：请在 Word 或 WPS 中“另存为”.docx 后再导入")
    size = path.stat().st_size
    if size > MAX_LEGACY_BYTES:
        raise InputError(path, f"文档 {size // 2**20} MB，超过转换上限 {MAX_LEGACY_BYTES // 2**20} MB：请另存为 .docx 后再导入")
    source = outdir / ("input" + (path.suffix.lower() if path.suffix.lower() in {".doc", ".wps"} else ".doc"))
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


def _docx_grids(path: Path, *, shown: Path) -> list[Grid]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    from perfgoals_xl.sources.docx_safety import check_docx_parts, package_error
    from perfgoals_xl.sources.workbook_safety import check_zip_workbook

    check_zip_workbook(path)
    check_docx_parts(path, shown)  # every XML part well-formed, no DTD, a w:document with a w:body
    try:
        document = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(shown, f"不是有效的 Word 文档（.docx）：{package_error(exc)}") from None
    grids: list[Grid] = []
    for n, table in enumerate(document.tables, start=1):
        grids.append(table_grid(table._tbl, f"表格{n}", shown))
    if not grids:
        raise InputError(shown, "Word 文档中没有表格：应为项目支出绩效目标申报表或一行一指标的表格")
    return grids


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs joined by line breaks (nested tables' text included)."""
    lines = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in tc.iter(f"{_W}p")]
    return "\n".join(lines).strip()


def table_grid(tbl: Any, name: str, path: Path) -> Grid:
    """One Word table (``w:tbl``) as a grid with merged ranges (gridSpan across, vMerge down)."""
    rows: list[list[Any]] = []
    merged: list[tuple[int, int, int, int]] = []
    open_down: dict[int, list[int]] = {}  # column → [r1, c1, r2, c2] of a vertical merge in progress
    cells = 0
    for r, tr in enumerate(tbl.iterchildren(f"{_W}tr")):
        row: list[Any] = []
        before = tr.find(f"{_W}trPr/{_W}gridBefore")
        if before is not None:
            row.extend([None] * _small_int(before.get(f"{_W}val"), 0))
        for tc in tr.iterchildren(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span = 1
            vmerge = None
            if props is not None:
                gs = props.find(f"{_W}gridSpan")
                if gs is not None:
                    span = max(1, _small_int(gs.get(f"{_W}val"), 1))
                vm = props.find(f"{_W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{_W}val") or "continue"
            c = len(row)
            if vmerge == "continue" and c in open_down:
                open_down[c][2] = r
                row.extend([None] * span)
            else:
                row.append(_cell_text(tc) or None)
                row.extend([None] * (span - 1))
                _close(open_down, c, merged)
                if vmerge == "restart":
                    open_down[c] = [r, c, r, c + span - 1]
                else:
                    if span > 1:
                        merged.append((r, c, r, c + span - 1))
        cells += len(row)
        if cells > MAX_CELLS:
            raise InputError(path, f"{name} 超过 {MAX_CELLS} 个单元格，拒绝读取")
        rows.append(row)
    for c in list(open_down):
        _close(open_down, c, merged)
    return Grid(sheet=name, rows=rows, merged=merged)


def _small_int(text: str | None, default: int) -> int:
    """A span attribute as a number in 0..MAX_SPAN (anything else: default); bounded before conversion."""
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit():
        return default
    return MAX_SPAN if len(text) > 4 else min(int(text), MAX_SPAN)


def _close(open_down: dict[int, list[int]], c: int, merged: list[tuple[int, int, int, int]]) -> None:
    found = open_down.pop(c, None)
    if found is not None and (found[2] > found[0] or found[3] > found[1]):
        merged.append((found[0], found[1], found[2], found[3]))


