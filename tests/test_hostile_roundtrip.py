"""Round trips keep everything, and CSVs for people carry no formulas (issue #13, classes 7 and 9)."""

from __future__ import annotations

import copy
import csv
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.cli import main
from perfgoals_xl.csvcells import TRIGGERS, guard, unguard
from perfgoals_xl.rules import check_table
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sinks.issues_sheet import write_issues_csv
from perfgoals_xl.sources import read_table

# (a leading TAB or CR is guarded too — see the property test — but the long-format reader strips
# spaces at the ends of every cell, so such names are not compared after a CSV hop: docs/csv.md)
HOSTILE = ["=HYPERLINK(\"http://x\",\"点我\")", "+1+1", "-2+3", "@SUM(A1)", "=1"]
HARMLESS = ["-5", "+3.5", "-1e3", "'abc", "-", "—", "100%", "普通文字"]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("=+-@\t\r'a1.e 中")), max_size=12) | st.text(max_size=20))
def test_guard_round_trips_and_never_leaves_a_formula(text):
    written = guard(text)
    assert unguard(written) == text
    if written.startswith(TRIGGERS):  # only a plain number (or a lone dash) may start like a formula
        assert written in ("-", "+") or _is_number(written)


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_cells_are_written_as_they_are(text):
    assert guard(text) == text and unguard(text) == text


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_data_csv_neutralises_formulas_and_reads_back_exactly(tmp_path, seed_table):
    table = copy.deepcopy(seed_table)
    projects = table.projects()
    for project, text in zip(projects, HOSTILE, strict=False):
        project.name = text
    projects[0].goal = "=1+1 目标"
    projects[1].indicators[0].name = "@cmd"
    projects[3].indicators[1].name = "''+x"
    projects[3].indicators[2].name = "'=already"
    projects[2].goal = "第一行\n第二行，引号\"内\"的换行"  # a line break inside a quoted cell
    out = write_data(table, tmp_path / "data.csv")
    cells = [cell for row in _rows(out) for cell in row]
    assert not [c for c in cells if c.startswith(TRIGGERS) and not _is_number(c)]
    assert "'=HYPERLINK(\"http://x\",\"点我\")" in cells and "'''+x" in cells
    back = read_table(out)
    assert [p.name for p in back.projects()] == [p.name for p in projects]
    assert back.projects()[2].goal == projects[2].goal
    assert back == table


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_issues_csv_and_check_csv_neutralise_formulas(tmp_path, seed_table, capsys):
    table = copy.deepcopy(seed_table)
    table.projects()[0].name = "=cmd|' /C calc'!A0"
    table.projects()[0].indicators[0].annual_value = type(table.projects()[0].indicators[0].annual_value)(raw="")
    issues = check_table(table)
    path = tmp_path / "issues.csv"
    write_issues_csv(issues, path)
    cells = [cell for row in _rows(path) for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not [c for c in cells if c.startswith(TRIGGERS) and not _is_number(c)]
    data = write_data(table, tmp_path / "t.json")
    assert main(["check", str(data), "--format", "csv"]) in (0, 1)
    out = capsys.readouterr().out
    rows = list(csv.reader(out.splitlines()))
    cells = [cell for row in rows for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not [c for c in cells if c.startswith(TRIGGERS) and not _is_number(c)]


def test_assumed_amounts_survive_a_csv_hop(tmp_path, seed_table):
    before = [i for i in check_table(seed_table) if i.code.endswith("S10")]
    assert before, "the seed has assumed amount columns"
    back = read_table(write_data(seed_table, tmp_path / "seed.csv"))
    after = [i for i in check_table(back) if i.code.endswith("S10")]
    assert len(after) == len(before)
    assert [p.amounts.assumed for p in back.projects()] == [p.amounts.assumed for p in seed_table.projects()]


def test_consecutive_projects_of_the_same_name_stay_apart(tmp_path, seed_table):
    table = copy.deepcopy(seed_table)
    unit = table.units[0]
    unit.projects.insert(1, copy.deepcopy(unit.projects[0]))  # same name, amounts and goal
    back = read_table(write_data(table, tmp_path / "twice.csv"))
    assert [p.name for p in back.projects()] == [p.name for p in table.projects()]
    assert [len(p.indicators) for p in back.projects()] == [len(p.indicators) for p in table.projects()]
    # without such a clash the CSV has no ordinal column (the usual file is unchanged)
    plain = _rows(write_data(seed_table, tmp_path / "plain.csv"))
    assert "project_no" not in plain[0]


def test_amounts_past_double_precision_survive_csv(tmp_path, seed_table):
    table = copy.deepcopy(seed_table)
    project = table.projects()[0]
    project.amounts.total = project.amounts.fiscal = Decimal("123456789012345.678")
    back = read_table(write_data(table, tmp_path / "exact.csv"))
    assert back.projects()[0].amounts.total == Decimal("123456789012345.678")


def test_entry_workbook_losses_are_reported_on_write(tmp_path, seed_table, capsys):
    table = copy.deepcopy(seed_table)
    table.projects()[0].goal = "长" * 40_000
    table.projects()[1].name = " 带空格的项目 "
    src = write_data(table, tmp_path / "t.json")
    assert main(["import", str(src), "-o", str(tmp_path / "entry.xlsx")]) == 0
    err = capsys.readouterr().err
    assert "40,000 个字符" in err and "32,767" in err
    assert "首尾有空白字符" in err


@pytest.mark.parametrize("headers", ["zh", "en"])
def test_consecutive_units_of_the_same_name_stay_apart(tmp_path, seed_table, headers):
    table = copy.deepcopy(seed_table)
    table.units.append(copy.deepcopy(table.units[0]))  # the same unit twice, amounts and all
    back = read_table(write_data(table, tmp_path / "units.csv", headers=headers))
    assert [u.name for u in back.units] == [u.name for u in table.units]
    assert back == table


def test_the_batch_dataset_is_clean_and_the_per_file_csv_guarded(tmp_path, seed_table):
    """batch_*.csv is the analysts' dataset (pandas): values as they are, like the Parquet file;
    the per-file .data.csv, opened in Excel, is guarded (docs/csv.md: which file is for which).
    This test asserted the guard in batch_indicators.csv too before issue 22."""
    table = copy.deepcopy(seed_table)
    table.projects()[0].name = "=HYPERLINK(\"http://x\")"
    src = write_data(table, tmp_path / "in" / "t.json")
    out = tmp_path / "out"
    assert main(["convert", str(src), "-o", str(out), "-q"]) in (0, 1)
    data = [cell for row in _rows(out / "t_json.data.csv") for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in data
    assert not [c for c in data if c.startswith(TRIGGERS) and not _is_number(c)]
    batch = [cell for row in _rows(out / "batch_indicators.csv") for cell in row]
    assert "=HYPERLINK(\"http://x\")" in batch and not [c for c in batch if c.startswith("'")]
