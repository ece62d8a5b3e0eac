"""Nothing read is not success (issue 10, item 6): an input from which no project can be read exits 2
in import, check and report with one Chinese line naming the file, the layout tried and what was
missing; convert lists that file as failed. Implemented once, in ``sources.read_table``."""

from __future__ import annotations

import json

import openpyxl
import pytest

from perfgoals_xl.cli import main
from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import read_table


def header_only(path):
    """A long-format header with a 合计 row and nothing under it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标"
    ws.append(["部门名称：某某局"])
    ws.append(["单位名称", "项目名称", "预算数", "一级指标", "二级指标", "三级指标", "指标值"])
    ws.append(["合计", None, 100, None, None, None, None])
    wb.save(path)
    return path


def empty_json(path):
    path.write_text(json.dumps({"schema": "perfgoals-xl/1", "department": "某某局", "units": []}),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("make", "expected"), [
    (header_only, "按“一行一指标的表格（xlsx/xls/csv/ods）”（版式 longform）读取，未读到任何项目："
                  "只读到合计或单位金额行，没有项目行（绩效目标!A3）"),
    (empty_json, "（版式 json）读取，未读到任何项目：units 中没有任何项目"),
])
def test_read_table_refuses_an_input_without_projects(tmp_path, make, expected):
    path = make(tmp_path / ("in.xlsx" if make is header_only else "in.json"))
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert expected in str(caught.value) and str(path) in str(caught.value)


def test_a_header_without_data_rows_says_the_project_column_was_empty(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["单位名称", "项目名称", "预算数", "一级指标", "二级指标", "三级指标", "指标值"])
    wb.save(tmp_path / "bare.xlsx")
    with pytest.raises(InputError, match=r"表头下没有一行填了项目名称（项目名称列全部为空）（表头在 Sheet!A1）"):
        read_table(tmp_path / "bare.xlsx")


@pytest.mark.parametrize("command", ["import", "check", "report"])
def test_every_command_exits_2_with_one_line(tmp_path, capsys, command):
    path = header_only(tmp_path / "in.xlsx")
    out = tmp_path / ("out.json" if command == "import" else "out.xlsx")
    args = [command, str(path)] + ([] if command == "check" else ["-o", str(out)])
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "未读到任何项目" in err and str(path) in err
    assert not out.exists()


def test_convert_lists_the_file_as_failed(tmp_path, seed_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "seed.txt").write_bytes(seed_path.read_bytes())
    header_only(src / "empty.xlsx")
    assert main(["convert", str(src), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    assert "完成 1/2 个文件，失败 1 个" in captured.out
    assert "empty.xlsx" in captured.err and "未读到任何项目" in captured.err
    summary = openpyxl.load_workbook(tmp_path / "out" / "summary.xlsx")["文件汇总"]
    rows = {r[0].rsplit("/", 1)[-1]: r for r in summary.iter_rows(min_row=2, max_row=3, values_only=True)}
    assert rows["empty.xlsx"][1] == "失败" and "未读到任何项目" in rows["empty.xlsx"][12]


@pytest.mark.parametrize("fmt", ["text", "csv", "json"])
def test_check_of_an_unusable_input_prints_no_all_clear(tmp_path, capsys, fmt):
    """`共 0 条：错误 0…` on stdout read as "no problems" when stderr is not shown: an input
    that could not be read prints nothing on stdout and writes no -o file (exit 2)."""
    path = header_only(tmp_path / "in.xlsx")
    assert main(["check", str(path), "--format", fmt]) == 2
    captured = capsys.readouterr()
    assert captured.out.lstrip("\ufeff") == "" and "未读到任何项目" in captured.err
    out = tmp_path / f"out.{fmt}"
    assert main(["check", str(path), "-o", str(out), "--format", fmt]) == 2
    assert not out.exists() and capsys.readouterr().out == ""


def test_check_says_which_inputs_were_not_checked(tmp_path, seed_path, capsys):
    path = header_only(tmp_path / "in.xlsx")
    assert main(["check", str(path), str(seed_path)]) == 2
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("共 23 条") and "另有 1 个输入无法读取" in last
