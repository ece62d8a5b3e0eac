"""PG-A03 judges precision (分) in the source's money unit: 3,800,000.50 元 is fine although
it is 380.00005 万元; 3,800,000.505 元 is not. The source unit survives JSON."""

from __future__ import annotations

from decimal import Decimal

from perfgoals_xl.jsonio import table_from_dict, table_to_dict
from perfgoals_xl.rules import check_table
from perfgoals_xl.rules.amounts import source_scale
from perfgoals_xl.sources import read_table

HEADER = "资金使用单位,项目名称,资金总额,财政拨款,一级指标,二级指标,三级指标,年度指标值\n"


def _csv(tmp_path, amount: str, unit_line: str = "金额单位：元"):
    path = tmp_path / "t.csv"
    path.write_text(
        f"{unit_line}\n" + HEADER
        + f'甲单位,设备购置,"{amount}","{amount}",产出指标,数量指标,设备数量,≥4台\n'
        + "甲单位,设备购置,,,满意度指标,服务对象满意度指标,满意率,≥90%\n",
        encoding="utf-8-sig")
    return path


def _a03(table):
    return [i for i in check_table(table) if i.code == "PG-A03"]


def test_yuan_to_the_fen_is_not_flagged(tmp_path):
    table = read_table(_csv(tmp_path, "3,800,000.50"))
    assert table.unit == "万元" and table.source_unit == "元"
    assert table.projects()[0].amounts.total == Decimal("380.00005")
    assert _a03(table) == []


def test_yuan_beyond_the_fen_is_flagged_in_yuan(tmp_path):
    table = read_table(_csv(tmp_path, "3,800,000.505"))
    issues = _a03(table)
    assert issues, "a third decimal in 元 must be reported"
    assert all("3800000.505 元" in i.message and "原表以元为单位" in i.message for i in issues)


def test_wan_yuan_source_still_judged_to_two_decimals(tmp_path):
    table = read_table(_csv(tmp_path, "380.005", unit_line="金额单位：万元"))
    assert table.source_unit is None
    assert any("380.005 超过两位小数" in i.message for i in _a03(table))


def test_source_unit_survives_json(tmp_path):
    table = read_table(_csv(tmp_path, "3,800,000.50"))
    again = table_from_dict(table_to_dict(table))
    assert again.source_unit == "元"
    assert _a03(again) == []


def test_source_scale():
    assert source_scale("万元", "元") == 10000
    assert source_scale("万元", "千元") == 10
    assert source_scale("万元", None) == 1
    assert source_scale("元", "元") == 1
