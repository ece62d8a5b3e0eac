"""Self-evaluation fields (绩效自评) through JSON and the long-format CSV, and a target table unchanged."""

from __future__ import annotations

import csv
import math
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.jsonio import read_json, table_to_dict
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sinks.longform import COLUMNS, SELFEVAL_COLUMNS
from perfgoals_xl.sources import read_table
from tests.selfeval_tables import fill_actuals


def test_json_carries_actuals_and_reads_back(tmp_path, seed_table):
    table = fill_actuals(seed_table)
    back = read_json(write_data(table, tmp_path / "s.json"))
    assert back == table
    p = back.projects()[0]
    assert p.budget_executed == Decimal("163.21") and p.actual_summary.startswith("全年完成")
    assert any(i.deviation_reason for i in back.projects()[1].indicators + back.projects()[0].indicators)


def test_csv_carries_actuals_and_reads_back(tmp_path, seed_table):
    table = fill_actuals(seed_table)
    out = write_data(table, tmp_path / "s.csv", headers="en")
    header = next(csv.reader(out.open(encoding="utf-8-sig")))
    # the seed's assumed amount columns add amounts_assumed at the end (docs/csv.md)
    assert header == list(COLUMNS) + list(SELFEVAL_COLUMNS) + ["amounts_assumed"]
    assert read_table(out) == table


def test_target_table_output_is_unchanged(tmp_path, seed_table):
    assert not any(k in str(table_to_dict(seed_table)) for k in ("actual_value", "budget_executed"))
    out = write_data(seed_table, tmp_path / "t.csv", headers="en")
    # the seed's assumed amount columns add amounts_assumed at the end (docs/csv.md)
    assert next(csv.reader(out.open(encoding="utf-8-sig"))) == list(COLUMNS) + ["amounts_assumed"]


def test_province_long_format_with_selfeval_columns(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目支出绩效自评表"])
    ws.append(["项目名称", "全年预算数（元）", "全年执行数（元）", "一级指标", "二级指标", "三级指标",
               "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    ws.append(["培训项目", 1000000, 900000, "产出指标", "数量指标", "培训人次", "≥100人次", "80人次", 20, 16,
               "场地改造"])
    ws.append(["培训项目", None, None, "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", 10, "10分",
               None])
    ws.append(["培训项目", None, None, "效益指标", "社会效益指标", "技能提升", "明显提升", "达成", 60, "很多", None])
    path = tmp_path / "自评.xlsx"
    wb.save(path)
    table = read_table(path)
    project = table.projects()[0]
    assert (project.budget_adjusted, project.budget_executed) == (Decimal(100), Decimal(90))
    first, second, third = project.indicators
    assert first.actual_value.raw == "80人次" and first.score == 16 and first.deviation_reason == "场地改造"
    assert first.field_locations["actual_value"].cell == "H3"
    assert second.score == 10 and second.deviation_reason is None
    assert third.score is None
    assert any("得分“很多”" in p.message for p in table.problems)


def test_entry_workbook_carries_actuals_and_reads_back(tmp_path, seed_table):
    table = fill_actuals(seed_table)
    assert read_table(write_data(table, tmp_path / "s.xlsx")) == table


def test_entry_workbook_of_a_target_table_reads_back_without_actuals(tmp_path, seed_table):
    from perfgoals_xl.scoring import has_actuals

    back = read_table(write_data(seed_table, tmp_path / "t.xlsx"))
    assert back == seed_table and not has_actuals(back)


_CELLS = st.one_of(st.none(), st.text(max_size=30), st.integers(-10**20, 10**20),
                   st.floats(allow_nan=True, allow_infinity=True))
_FORM_HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_CELLS, max_size=9), max_size=12), st.booleans())
def test_form_reader_reads_any_grid_or_skips_it(rows, with_header):
    """Any cells under (or without) a 自评表 header: a project or None, never an exception;
    every claimed 得分 and budget a finite number."""
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.selfeval_form import read_form_grid

    grid_rows = [["项目名称", "甲"], ["年初预算数", "全年预算数", "全年执行数"], *rows[:1]]
    if with_header:
        grid_rows.append(list(_FORM_HEAD))
    grid_rows += rows[1:]
    project = read_form_grid(Grid(sheet="表", rows=grid_rows), "x.xlsx")
    if not with_header:
        return
    assert project is not None
    for ind in project.indicators:
        assert ind.score is None or math.isfinite(ind.score)
        assert ind.weight is None or math.isfinite(ind.weight)
    for key in ("budget_initial", "budget_adjusted", "budget_executed"):
        value = getattr(project, key)
        assert value is None or value.is_finite()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(*[st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)] * 3),
                min_size=1, max_size=6))
def test_long_format_selfeval_cells_read_or_are_reported(tmp_path_factory, cells):
    """Arbitrary text in 实际完成值 / 得分 / 全年执行数 columns of a CSV: read, or reported, never raised."""
    path = tmp_path_factory.mktemp("csv") / "x.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分",
                         "全年执行数"])
        for actual, score, executed in cells:
            writer.writerow(["项目甲", "产出指标", "数量指标", "培训人次", "≥100人次", actual, score, executed])
    table = read_table(path)
    for ind in table.projects()[0].indicators:
        assert ind.score is None or 0 <= ind.score <= 1000
    executed = table.projects()[0].budget_executed
    assert executed is None or executed.is_finite()


def test_province_selfeval_sheet_with_budget_under_a_merged_parent(tmp_path):
    """A provincial 自评汇总 sheet: 预算执行情况 over 年初预算数 | 全年预算数 | 全年执行数, only 年度指标值
    (which then stands for both values: no S05 on every row)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2024年度项目支出绩效自评汇总表"])
    ws.append(["项目名称", "预算执行情况", None, None, "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
               "分值", "得分", "偏差原因分析及改进措施"])
    ws.append([None, "年初预算数", "全年预算数", "全年执行数"] + [None] * 8)
    ws.merge_cells("B2:D2")
    for col in "AEFGHIJKL":
        ws.merge_cells(f"{col}2:{col}3")
    ws.append(["培训项目", 100, 100, 80, "产出指标", "数量指标", "培训人次", "≥100人次", "90人次", 30, 27, "场地维修"])
    ws.append([None] * 4 + ["效益指标", "社会效益指标", "技能提升", "明显提升", "达成", 30, 30, None])
    ws.append([None] * 4 + ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 30, 30, None])
    path = tmp_path / "prov.xlsx"
    wb.save(path)
    table = read_table(path)
    (project,) = table.projects()
    assert (project.budget_initial, project.budget_adjusted, project.budget_executed) == (100, 100, 80)
    assert [i.period_value.raw for i in project.indicators] == ["≥100人次", "明显提升", "≥90%"]
    assert not [p for p in table.problems if p.code == "S05"]
    from perfgoals_xl.rules import check_table
    from perfgoals_xl.scoring import score_table

    assert score_table(table)[0].total == 95.0
    assert [i.code for i in check_table(table) if i.code.startswith("PG-E")] == ["PG-E03"]
