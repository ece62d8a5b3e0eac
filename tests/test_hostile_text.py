"""Text no output can hold (issue #20, classes 8 and 9).

- a control character in a project, unit or department name used to reach a sheet name
  raw (``report --form``, ``score``): the workbook would not open. Every sheet name and
  cell text now goes through one sanitiser (text_clean / sinks/safe_xlsx.py); every XML
  part of every workbook written parses strictly and every sheet name is valid;
- a lone surrogate in JSON (``"\\ud800"``) used to end every command with exit 3: it is
  replaced with U+FFFD and said (S11), and every command succeeds.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from selfeval_tables import fill_actuals

from perfgoals_xl.sinks import write_data
from perfgoals_xl.sources import read_table
from perfgoals_xl.text_clean import MAX_SHEET_NAME, sheet_name

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "维修\x01项目\x1f名[1]:*?/'\x7f"


def _hostile_json(tmp_path: Path, seed_path: Path, *, surrogates: bool) -> Path:
    table = fill_actuals(read_table(seed_path))
    path = write_data(table, tmp_path / "seed.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    unit = data["units"][0]
    for n, project in enumerate(unit["projects"]):
        project["name"] = HOSTILE + str(n) + ("\ud800" if surrogates else "")
        if surrogates:
            project["goal"] = (project.get("goal") or "") + "\udfff尾"
    unit["name"] = "单位\x02" + ("\udbff" if surrogates else "")
    data["department"] = "部门\x03"
    out = tmp_path / ("surrogates.json" if surrogates else "control.json")
    out.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    return out


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "perfgoals_xl", *args], capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": "/tmp"})


def _assert_workbook_opens(path: Path) -> None:
    """Every XML part parses strictly; every sheet name is one Excel accepts."""
    parser = etree.XMLParser(resolve_entities=False)
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(zf.read(name), parser)
        book = etree.fromstring(zf.read("xl/workbook.xml"))
    names = [s.get("name") for s in book.iter("{*}sheet")]
    assert names and len({n.lower() for n in names}) == len(names)
    for n in names:
        assert 0 < len(n) <= MAX_SHEET_NAME and not set(n) & set("[]:*?/\\") and not n.startswith("'")
        assert all(ord(ch) >= 0x20 for ch in n), n


def test_control_characters_never_break_a_workbook(tmp_path: Path, seed_path: Path) -> None:
    source = _hostile_json(tmp_path, seed_path, surrogates=False)
    outputs = {"report": ["report", str(source), "-o", str(tmp_path / "r.xlsx")],
               "form": ["report", str(source), "--form", "-o", str(tmp_path / "f.xlsx")],
               "score": ["score", str(source), "-o", str(tmp_path / "s.xlsx")],
               "entry": ["import", str(source), "-o", str(tmp_path / "e.xlsx")]}
    for what, command in outputs.items():
        proc = _run(*command)
        assert proc.returncode in (0, 1), (what, proc.stderr)
        _assert_workbook_opens(Path(command[command.index("-o") + 1]))


def test_lone_surrogates_are_replaced_and_said_in_every_command(tmp_path: Path, seed_path: Path) -> None:
    source = _hostile_json(tmp_path, seed_path, surrogates=True)
    table = read_table(source)
    assert "\ufffd" in table.projects()[0].name
    notes = [p for p in table.problems if p.code == "S11" and "代理字符" in p.message]
    expected = 2 * len(table.projects()) + 1  # each name and goal, and the unit's name
    assert len(notes) == 1 and f"有 {expected} 处" in notes[0].message, [p.message for p in notes]
    commands = [["check", str(source)], ["check", str(source), "-o", str(tmp_path / "c.csv")],
                ["report", str(source), "-o", str(tmp_path / "r.xlsx")],
                ["report", str(source), "--form", "-o", str(tmp_path / "f.xlsx")],
                ["import", str(source), "-o", str(tmp_path / "i.json")],
                ["import", str(source), "-o", str(tmp_path / "i.csv")],
                ["import", str(source), "-o", str(tmp_path / "i.xlsx")],
                ["score", str(source), "-o", str(tmp_path / "s.xlsx")],
                ["convert", str(source), "-o", str(tmp_path / "out"), "-q"]]
    for command in commands:
        proc = _run(*command)
        assert proc.returncode in (0, 1), (command, proc.stderr)
    for name in ("r.xlsx", "f.xlsx", "i.xlsx", "s.xlsx"):
        _assert_workbook_opens(tmp_path / name)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.lists(st.text(max_size=40), max_size=5))
def test_sheet_names_are_always_valid_and_unused(text: str, taken: list[str]) -> None:
    name = sheet_name(text, taken)
    assert 0 < len(name) <= MAX_SHEET_NAME
    assert name.lower() not in {t.lower() for t in taken} and name.lower() != "history"
    assert not set(name) & set("[]:*?/\\") and not name.startswith("'") and not name.endswith("'")
    assert all(ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF for ch in name)
    if text and text == sheet_name(text) and text.lower() not in {t.lower() for t in taken}:
        assert name == text  # a valid unused name is kept as it is


_FORMULA_PARTS = ["=", "{", "}", "HYPERLINK(", "FILTER(", "SORT(", "SORTBY(", "xSINGLE(", "SINGLE(", "_xlfn.",
                  "LAMBDA(", "XLOOKUP(", "SUM(", "A1", ",", '"', ")", "过滤(", "MAP", " ", "("]


@given(st.lists(st.sampled_from(_FORMULA_PARTS), max_size=12), st.booleans())
def test_safe_worksheet_prepares_formulas_as_xlsxwriter_does(parts, future):
    """SafeWorksheet's shortcut (no dynamic-array function named: no substitutions) gives the
    formula XlsxWriter's 29 substitutions give, with and without future functions."""
    from xlsxwriter.worksheet import Worksheet

    from perfgoals_xl.sinks.safe_xlsx import SafeWorksheet

    formula = "".join(parts)
    ours, theirs = SafeWorksheet(), Worksheet()
    ours.use_future_functions = theirs.use_future_functions = future
    assert ours._prepare_formula(formula) == theirs._prepare_formula(formula)
    assert ours._prepare_formula(formula, True) == theirs._prepare_formula(formula, True)
