"""Hostile PDFs (issue #20, classes 5 and 6).

- memory is flat in pages: the peak of a process reading 150 text pages is within a few
  dozen MB of one reading 15 (each page's caches are dropped once read);
- a 1 MB flate bomb (a content stream inflating to 1 GB) is refused, naming the object,
  before anything is inflated whole — the process peak stays far below the bomb;
- a refusal always says why (never an empty reason, never memory exhaustion);
- pdfminer's English warnings (Invalid MediaBox, FontBBox) go to the library log file,
  not to the user's terminal.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pdf_fixtures import build_pdf, flate_bomb_pdf, text_page, text_pages_pdf

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import read_table

ROOT = Path(__file__).resolve().parents[1]


def _peak_mb(path: Path, layout: str | None = None) -> tuple[float, str]:
    """Read path in a fresh process; its peak resident memory (MB) and the error message, if any."""
    code = textwrap.dedent(f"""
        from perfgoals_xl.errors import InputError
        from perfgoals_xl.sources import read_table
        try:
            read_table({str(path)!r}, layout={layout!r})
            message = ""
        except InputError as exc:
            message = str(exc)
        with open("/proc/self/status") as fh:  # VmHWM: this process's own peak (ru_maxrss keeps the
            print(int(next(x for x in fh if x.startswith("VmHWM:")).split()[1]) / 1024)  # parent's over exec)
        print(message)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 0, proc.stderr[-2000:]
    peak, message = proc.stdout.split("\n", 1)
    return float(peak), message.strip()


@pytest.mark.parametrize("layout", [None, "pdf_form"])
def test_memory_is_flat_in_pages(tmp_path: Path, layout: str | None) -> None:
    small, large = tmp_path / "small.pdf", tmp_path / "large.pdf"
    small.write_bytes(text_pages_pdf(15))
    large.write_bytes(text_pages_pdf(150))
    peak_small, _ = _peak_mb(small, layout)
    peak_large, message = _peak_mb(large, layout)
    assert message  # neither is a performance table: refused with a reason
    # before: every page's characters stayed cached (2,000 pages: 2.85 GB … 10 GB)
    assert peak_large - peak_small < 60, (peak_small, peak_large)


def test_flate_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(flate_bomb_pdf(1024))
    assert bomb.stat().st_size < 2 * 2**20
    for layout in (None, "pdf_text", "pdf_form", "selfeval_pdf"):
        peak, message = _peak_mb(bomb, layout)
        assert "压缩炸弹" in message and "号对象" in message, (layout, message)
        assert peak < 400, (layout, peak)  # the bomb inflates to 1,024 MB


def test_refusals_say_why(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(build_pdf([text_page(1)], page_box=b"[0 0 x 842]"))
    with pytest.raises(InputError) as caught:
        read_table(broken)
    reason = str(caught.value).rsplit("：", 1)[-1]
    assert "不是有效的 PDF" in str(caught.value) and len(reason) > 4, str(caught.value)


def test_library_warnings_go_to_the_log_not_the_terminal(tmp_path: Path) -> None:
    warn = tmp_path / "warn.pdf"
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Foo /FontDescriptor << /Type /FontDescriptor "
            b"/FontName /Foo /FontBBox [0 0 /a /b] /Flags 32 >> >>")
    warn.write_bytes(build_pdf([text_page(1)], page_box=b"[0 0 595 842 0]", font=font))
    logs = tmp_path / "logs"
    proc = subprocess.run([sys.executable, "-m", "perfgoals_xl", "import", str(warn), "-o", str(tmp_path / "o.json")],
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), PERFGOALS_LOG_DIR=str(logs)))
    assert proc.returncode == 2
    assert proc.stderr.startswith("错误：") and proc.stderr.count("\n") == 1, proc.stderr
    assert "MediaBox" not in proc.stderr and "FontBBox" not in proc.stderr
    logged = (logs / "perfgoals-library.log").read_text(encoding="utf-8")
    assert "Invalid MediaBox" in logged and "FontBBox" in logged


def test_only_pages_with_performance_vocabulary_are_laid_out(tmp_path: Path) -> None:
    """Class 5: the first pass (no layout) gives every page's plain text; pdfminer's layout runs
    only on pages carrying a performance table's vocabulary, and gives there exactly what
    ``extract_text`` gives; the other pages keep their plain text (nothing dropped)."""
    from pdfminer.high_level import extract_text as pdfminer_text
    from pdfminer.pdfpage import PDFPage

    from perfgoals_xl.sources.containers.pdf_pages import extract_text
    from perfgoals_xl.sources.containers.pdf_scan import scan_pages

    path = tmp_path / "text.pdf"
    path.write_bytes(text_pages_pdf(3))
    laid_out = pdfminer_text(str(path)).split("\f")
    with open(path, "rb") as fh:
        scan = scan_pages(PDFPage.get_pages(fh), stop_at_lines=False)
    assert not scan.draws_lines and len(scan.texts) == 3
    assert not any(scan.needs_layout(n) for n in range(3))
    assert [t.split() for t in scan.texts] == [t.split() for t in laid_out[:3]]
    plain = extract_text(path, scan).split("\f")
    assert plain[:3] == scan.texts
    scan.texts[1] += "\n项目支出绩效目标表"  # as if the page printed the title
    mixed = extract_text(path, scan).split("\f")
    assert mixed[1] == laid_out[1] and mixed[0] == scan.texts[0] and mixed[2] == scan.texts[2]


def test_a_painted_line_is_found_on_any_page(tmp_path: Path) -> None:
    from pdfminer.pdfpage import PDFPage

    from perfgoals_xl.sources.containers.pdf_scan import scan_pages

    path = tmp_path / "lines.pdf"
    path.write_bytes(build_pdf([text_page(0), text_page(1) + b"\n0 0 m 100 100 l S"]))
    with open(path, "rb") as fh:
        assert scan_pages(PDFPage.get_pages(fh)).draws_lines
