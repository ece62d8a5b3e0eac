"""Self-evaluation fields (绩效自评) through JSON and the long-format CSV, and a target table unchanged."""

from __future__ import annotations

import csv
from decimal import Decimal

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
    out = write_data(table, tmp_path / "s.csv")
    header = next(csv.reader(out.open(encoding="utf-8-sig")))
    # the seed's assumed amount columns add amounts_assumed at the end (docs/csv.md)
    assert header == list(COLUMNS) + list(SELFEVAL_COLUMNS) + ["amounts_assumed"]
    assert read_table(out) == table


def test_target_table_output_is_unchanged(tmp_path, seed_table):
    assert not any(k in str(table_to_dict(seed_table)) for k in ("actual_value", "budget_executed"))
    out = write_data(seed_table, tmp_path / "t.csv")
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
