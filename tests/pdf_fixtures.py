"""PDFs for the tests: hand-built ones for the hostile-input tests (many text pages, a flate bomb,
broken boxes), and pages or workbooks printed by LibreOffice as people's PDFs are made.

The hand-built writer emits real PDF syntax (objects, a cross-reference table, a trailer) that
pdfminer and pdfplumber parse like any other file; the content streams are compressed
with zlib (FlateDecode) as printers do.
"""

from __future__ import annotations

import shutil
import subprocess
import zlib
from pathlib import Path

import pytest


def soffice_or_skip(why: str = "the PDF fixtures cannot be printed") -> str:
    """The soffice executable, or the test skipped (CI installs LibreOffice)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip(f"LibreOffice (soffice) is not installed: {why}")
    return soffice


def soffice_pdf(sources: list[Path], out: Path, *, html: bool = False, timeout: int = 180) -> None:
    """Each source printed to PDF in ``out`` (``<stem>.pdf``): web pages by Writer (``html``), as a
    browser's page is printed, workbooks exported by Calc; one LibreOffice run, its own profile."""
    soffice = soffice_or_skip()
    kind = ["--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export"] if html else ["--convert-to", "pdf"]
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{out / 'lo_profile'}", *kind,
                    "--outdir", str(out), *map(str, sources)], check=True, capture_output=True, timeout=timeout)


def write_ruled(ws, rows, *, start: int = 1, wrap: bool = True, height=None, font: str = "Noto Sans CJK SC") -> None:
    """Rows written into an openpyxl sheet from row ``start``, column A: every cell ruled, centred
    vertically, wrapped (``wrap``), in 10-point ``font``; ``height(row)``: each row's height in points."""
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    for i, row in enumerate(rows, start=start):
        for j, value in enumerate(row, start=1):
            cell = ws.cell(row=i, column=j, value=value)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=wrap, vertical="center")
            cell.font = Font(name=font, size=10)
        if height is not None:
            ws.row_dimensions[i].height = height(row)


def print_pages(pages: dict[str, str], out: Path, *, timeout: int = 180) -> dict[str, Path]:
    """HTML pages (name → text) written to ``out`` and printed by Writer: name → the PDF."""
    for name, text in pages.items():
        (out / f"{name}.html").write_text(text, encoding="utf-8")
    soffice_pdf([out / f"{name}.html" for name in pages], out, html=True, timeout=timeout)
    return {name: out / f"{name}.pdf" for name in pages}


def build_pdf(pages: list[bytes], *, compress: bool = True, page_box: bytes = b"[0 0 595 842]",
              font: bytes = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>") -> bytes:
    """A PDF whose pages draw the given content streams with one shared font (F1)."""
    n_pages = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n_pages))
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>",
                            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages,
                            font]
    for i, content in enumerate(pages):
        data = zlib.compress(content, 9) if compress else content
        filters = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox " + page_box
                       + b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(data), filters) + data + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def text_page(number: int, lines: int = 14) -> bytes:
    """One page of running text (varied, so that it compresses like real text)."""
    parts = [b"BT /F1 9 Tf 40 800 Td 11 TL"]
    for line in range(lines):
        words = b" ".join(b"w%d-%d-%d" % (number, line, k * 7919 % 1000) for k in range(12))
        parts.append(b"(" + words + b") '")
    parts.append(b"ET")
    return b"\n".join(parts)


def text_pages_pdf(count: int) -> bytes:
    """A PDF of count pages of text (2,000 pages ≈ 1 MB)."""
    return build_pdf([text_page(n) for n in range(count)])


def flate_bomb_pdf(inflated_mb: int = 1024) -> bytes:
    """One page whose content stream inflates to inflated_mb MB of spaces (about 1 MB compressed)."""
    z = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(z.compress(chunk) for _ in range(inflated_mb)) + z.flush()
    pdf = build_pdf([b"BT /F1 9 Tf 40 800 Td (x) Tj ET"], compress=False)
    marker = b"<< /Length 31 >>\nstream\nBT /F1 9 Tf 40 800 Td (x) Tj ET\nendstream"
    assert marker in pdf
    bomb = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    head, tail = pdf.split(marker)
    # offsets after the stream move: rebuild the cross-reference table
    return _reindex(head + bomb + tail.split(b"xref\n", 1)[0])


def _reindex(body: bytes) -> bytes:
    """Write a fresh cross-reference table and trailer for the objects in body."""
    import re

    offsets = {int(m.group(1)): m.start() for m in re.finditer(rb"(?m)^(\d+) 0 obj\n", body)}
    size = max(offsets) + 1
    out = bytearray(body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)
