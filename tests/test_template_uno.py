"""The built template in LibreOffice (headless, Python-UNO): it opens, imports the VBA, every
button macro — by name, through its ribbon callback and through the form button bound to it —
passes the expected command to RunPython (swapped for a recorder), and the mark formats
colour the cells that pg_marks marks. Skipped where LibreOffice or python3-uno is missing."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from perfgoals_xl.excel import names
from perfgoals_xl.template import build_template

ROOT = Path(__file__).resolve().parent.parent
UNO = ROOT / "tests" / "uno"
SYSTEM_PYTHON = Path("/usr/bin/python3")

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or not SYSTEM_PYTHON.exists()
    or subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True).returncode,
    reason="needs LibreOffice and python3-uno",
)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("uno") / "perfgoals.xlsm"
    path.write_bytes(build_template())
    return path


def _uno(script: str, *args: str) -> str:
    done = subprocess.run([str(SYSTEM_PYTHON), str(UNO / script), *args], capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_button_macros_call_the_handlers(template):
    macros = [macro for _, macro, _ in names.BUTTONS]
    result = json.loads(_uno("run_button_macros.py", str(template), *macros))
    assert {"PerfGoals", "xlwings", "xlwings_udfs", "ThisWorkbook"} <= set(result["modules"])
    expected = {macro: [f"import perfgoals_xl.excel.buttons as b; b.{handler}()"]
                for _, macro, handler in names.BUTTONS}
    assert result["calls"] == expected
    assert result["ribbon_calls"] == expected
    assert result["buttons"] == {
        caption: f"vnd.sun.star.script:VBAProject.PerfGoals.{macro}?language=Basic&location=document"
        for caption, macro, _ in names.BUTTONS}
    assert result["button_calls"] == {caption: expected[macro] for caption, macro, _ in names.BUTTONS}


def _fill_under_word(pdf_path: Path, word: str) -> list[tuple[float, ...] | None]:
    import pdfplumber

    fills = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            for w in page.extract_words():
                if w["text"] != word:
                    continue
                cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
                under = [tuple(round(c, 2) for c in r["non_stroking_color"]) for r in page.rects
                         if r.get("fill") and r["x0"] <= cx <= r["x1"] and r["top"] <= cy <= r["bottom"]]
                fills.append(under[-1] if under else None)
    return fills


def _rgb(hex_color: str) -> tuple[float, ...]:
    return tuple(round(int(hex_color[i:i + 2], 16) / 255, 2) for i in (1, 3, 5))


def test_marks_colour_the_entry_cells_through_conditional_formats(template, tmp_path):
    pdf = tmp_path / "marks.pdf"
    # B5, B6, B7 carry E/W/I marks; B8 has text but no mark (no fill: column B has none)
    _uno("render_marks.py", str(template), str(pdf),
         "B5=E PG-A01", "B6=W PG-Q02", "B7=I PG-C07", "B8=")
    fills = _fill_under_word(pdf, "标记")
    assert fills == [_rgb(names.MARK_COLORS[letter][0]) for letter in "EWI"] + [None]
