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


def _rows(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize("headers", ["zh", "en"])
def test_one_vocabulary_per_header_language_in_every_csv(tmp_path, seed_path, headers):
    """convert's .issues.csv, check -o x.csv and batch_issues.csv write 已接受 alike; a file with
    Chinese headers holds no English identifiers (info, amounts, label, number), one with English
    headers no 是/否; places are relative to the input folder given, never absolute."""
    folder = tmp_path / "收到的表"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(seed_path.read_bytes())
    out = tmp_path / "out"
    extra = ["--headers", "en"] if headers == "en" else []
    assert run("convert", str(folder), "-o", str(out), "-q", *extra).returncode in (0, 1)
    checked = tmp_path / "check.csv"
    run("check", str(folder / "seed.txt"), "-o", str(checked), *extra)
    yes_no = {"zh": {"是", "否"}, "en": {"true", "false"}}[headers]
    names = ISSUE_COLUMNS if headers == "zh" else {k: k for k in ISSUE_COLUMNS}
    files = [out / "seed_txt.issues.csv", checked, out / "batch_issues.csv"]
    for path in files:
        rows = _rows(path)
        assert rows and {r[names["suppressed"]] for r in rows} <= yes_no, path.name
        severities = {r[names["severity"]] for r in rows}
        fields = {r[names["field"]] for r in rows} - {""}
        if headers == "zh":
            assert severities <= {"错误", "警告", "提示"} and "金额" in fields, path.name
            assert not {r[names["slug"]] for r in rows} & {"amount_column_ambiguous"}
        else:
            assert severities <= {"error", "warning", "info"} and "amounts" in fields, path.name
    for path in (out / "seed_txt.issues.csv", out / "batch_issues.csv"):
        assert {r[names["file"]] for r in _rows(path)} == {"收到的表/seed.txt"}
    data = _rows(out / "seed_txt.data.csv")
    col = COLUMNS if headers == "zh" else {k: k for k in COLUMNS}
    kinds = {r[col["annual_kind"]] for r in data} - {""}
    sources = {r[col["department_source"]] for r in data}
    assert (kinds <= {"数值", "百分比", "时限", "期间", "日期", "定性", "空"} and sources == {"部门名称行"}
            if headers == "zh" else "number" in kinds and sources == {"label"})
    assert {r[col["source"]] for r in data} == {"收到的表/seed.txt"}
    assert all(r[col["location"]].startswith("收到的表/seed.txt:") for r in data if r[col["location"]])
    assert read_table(out / "seed_txt.data.csv") == read_table(folder / "seed.txt")  # still reads back
