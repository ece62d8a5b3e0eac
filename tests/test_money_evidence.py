"""Amounts printed with no unit: read in 万元 unless the table itself shows they are 元.

Fixtures: long-format workbooks built here (no 单位 line, no unit in the amount header), as
some budget systems export them. The evidence is the table's own: an indicator restating the
project's amount with 元, or amounts no department holds in 万元.
"""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from perfgoals_xl.model import Amounts, FundUnit, Project
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.money_evidence import yuan_evidence


def _sheet(path, rows, *, unit_line: str | None = None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某某局2025年项目支出绩效目标表"])
    if unit_line:
        ws.append([unit_line])
    ws.append(["单位名称", "项目名称", "年度预算安排", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _rows(amount, cost_value, second_amount=None):
    rows = [["某某局", "机房租赁服务项目", amount, "保障机房运转", "产出指标", "数量指标", "机柜数量", "≥77台"],
            [None, None, None, None, "成本指标", "经济成本指标", "维护成本", cost_value]]
    if second_amount is not None:
        rows.append(["某某局", "执法办案费", second_amount, "保障办案", "产出指标", "数量指标", "办案数量", "≥100件"])
    return rows


def _hints(table) -> str:
    return " ".join(p.message for p in table.problems if p.code == "L01" or "读取提示" in p.message)


def test_amount_restated_with_yuan_in_an_indicator_reads_as_yuan(tmp_path):
    table = read_table(_sheet(tmp_path / "t.xlsx", _rows(1681680, "<1681680元")))
    project = table.projects()[0]
    assert project.amounts.total == Decimal("168.168")
    assert table.source_unit == "元"
    assert "按元读取" in " ".join(p.message for p in table.problems)


def test_a_written_unit_line_wins_over_any_evidence(tmp_path):
    table = read_table(_sheet(tmp_path / "t.xlsx", _rows(1681680, "<1681680元"), unit_line="单位：万元"))
    assert table.projects()[0].amounts.total == Decimal(1681680)
    assert table.source_unit is None


def test_the_same_number_in_wan_is_no_evidence(tmp_path):
    table = read_table(_sheet(tmp_path / "t.xlsx", _rows(1680, "<1680万元")))
    assert table.projects()[0].amounts.total == Decimal(1680)
    assert "按元读取" not in " ".join(p.message for p in table.problems)


def test_a_longer_number_ending_in_the_amount_is_no_evidence(tmp_path):
    table = read_table(_sheet(tmp_path / "t.xlsx", _rows(1680, "<21680元")))
    assert table.projects()[0].amounts.total == Decimal(1680)


def test_whole_amounts_beyond_any_department_read_as_yuan(tmp_path):
    table = read_table(_sheet(tmp_path / "t.xlsx", _rows(92156434, "≤20万元", second_amount=100000)))
    totals = [p.amounts.total for p in table.projects()]
    assert totals == [Decimal("9215.6434"), Decimal(10)]
    assert table.source_unit == "元"


def test_large_amounts_with_decimals_stay_wan(tmp_path):
    table = read_table(_sheet(tmp_path / "t.xlsx", _rows(12345678.5, "≤20万元")))
    assert table.projects()[0].amounts.total == Decimal("12345678.5")
    assert table.source_unit is None


@pytest.mark.parametrize("text", ["约1681680元", "1,681,680元", "成本1681680元以内", "１６８１６８０元", "1，681，680元"])
def test_restatements_as_written(text):
    project = Project(name="某项目", amounts=Amounts(total=Decimal(1681680)), goal=text)
    assert yuan_evidence([FundUnit(name="某局", projects=[project])]) is not None


def test_no_amounts_no_evidence():
    assert yuan_evidence([FundUnit(name="某局", projects=[Project(name="某项目", goal="100000元")])]) is None
