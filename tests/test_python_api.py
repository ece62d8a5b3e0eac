"""The Python API at the package's top level: docs/python.md runs as a doctest, `import
perfgoals_xl` stays light, and benchmarks/generate.py writes a folder of example files."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest

import perfgoals_xl

ROOT = Path(__file__).resolve().parent.parent


def test_docs_python_md_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "docs" / "python.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 15 and result.failed == 0


def test_top_level_names():
    from perfgoals_xl.model import PerfTable
    from perfgoals_xl.report import write_report
    from perfgoals_xl.rules import check_table
    from perfgoals_xl.sinks.frames import issues_dataframe
    from perfgoals_xl.sources import read_table

    assert perfgoals_xl.read_table is read_table and perfgoals_xl.check_table is check_table
    assert perfgoals_xl.write_report is write_report and perfgoals_xl.PerfTable is PerfTable
    assert perfgoals_xl.issues_dataframe is issues_dataframe
    assert {"read_table", "check_table", "write_report", "issues_dataframe", "table_dataframe"} <= set(perfgoals_xl.__all__)
    assert "read_table" in dir(perfgoals_xl)
    with pytest.raises(AttributeError):
        perfgoals_xl.no_such_name  # noqa: B018


def test_issues_dataframe_of_no_issues_has_every_column():
    from perfgoals_xl.rules.issue import ISSUE_COLUMNS

    frame = perfgoals_xl.issues_dataframe([])
    assert frame.empty and list(frame.columns) == list(ISSUE_COLUMNS)


def test_import_is_light():
    code = ("import sys, perfgoals_xl; heavy = ('pandas', 'numpy', 'openpyxl', 'xlsxwriter', 'pdfplumber',"
            " 'xlwings'); print(sorted(m for m in sys.modules if m.split('.')[0] in heavy"
            " or (m.startswith('perfgoals_xl.') )))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_generate_writes_a_folder_of_example_files(tmp_path):
    out = tmp_path / "examples"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--out", str(out),
                           "--files", "3", "--seed", "5"], capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    files = sorted(out.iterdir())
    assert [f.name for f in files] == ["dept_0000.txt", "dept_0001.txt", "dept_0002.txt"]
    tables = [perfgoals_xl.read_table(f) for f in files]
    assert all(t.layout == "published_text" and t.indicators() for t in tables)
    assert f"{sum(len(t.indicators()) for t in tables)} 条指标" in proc.stdout
