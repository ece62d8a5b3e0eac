"""CSV headers: Chinese by default (a person opens the CSV in Excel), English identifiers with
--headers en (scripts); the long-format reader reads both back to the same model."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from perfgoals_xl.rules.issue import ISSUE_COLUMNS
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sinks.longform import COLUMNS
from perfgoals_xl.sources import read_table


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgoals_xl", *args], capture_output=True,
                          text=True, encoding="utf-8")


def _header(path) -> list[str]:
    return next(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize(("headers", "expected"), [("zh", list(COLUMNS.values())), ("en", list(COLUMNS))])
def test_data_csv_headers_and_both_read_back(tmp_path, seed_table, headers, expected):
    out = write_data(seed_table, tmp_path / f"{headers}.csv", headers=headers)
    # the seed's assumed amount columns add 金额推断列 / amounts_assumed at the end (docs/csv.md)
    assert _header(out) == expected + ["金额推断列" if headers == "zh" else "amounts_assumed"]
    assert read_table(out) == seed_table


def test_chinese_is_the_default(tmp_path, seed_table):
    header = _header(write_data(seed_table, tmp_path / "d.csv"))
    assert header[0] == "部门名称" and {"资金使用单位", "项目名称", "三级指标", "年度指标值"} <= set(header)


def test_convert_writes_chinese_headers_unless_told(tmp_path, seed_path):
    for headers, first in (("zh", ("文件", "部门名称")), ("en", ("file", "department"))):
        out = tmp_path / headers
        args = ["convert", str(seed_path), "-o", str(out), "-q"]
        proc = run(*args, *(["--headers", "en"] if headers == "en" else []))
        assert proc.returncode in (0, 1), proc.stderr
        issues = next(out.glob("*.issues.csv"))
        data = next(out.glob("*.data.csv"))
        assert _header(issues)[0] == first[0] and _header(data)[0] == first[1]
        expected = list(ISSUE_COLUMNS.values()) if headers == "zh" else list(ISSUE_COLUMNS)
        assert _header(issues) == expected


def test_check_csv_and_import_csv_headers(tmp_path, seed_path):
    proc = run("check", str(seed_path), "--format", "csv")
    assert proc.stdout.lstrip("\ufeff").splitlines()[0] == ",".join(ISSUE_COLUMNS.values())
    out = tmp_path / "i.csv"
    assert run("import", str(seed_path), "-o", str(out), "--headers", "en").returncode == 0
    assert _header(out) == list(COLUMNS) + ["amounts_assumed"]  # the seed has assumed amounts
