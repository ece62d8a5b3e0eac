"""Codes filled in from the framework: a source without codes gives the official report items
(1、1-产出指标；11-数量指标；…), a variant name is written officially with a PG-S12 note, and a
written code is never changed."""

from __future__ import annotations

from perfgoals_xl.codes import filled_codes, with_codes
from perfgoals_xl.grammar import compose_item, parse_items
from perfgoals_xl.report import build_report_layout
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

CSV = (
    "资金使用单位,项目名称,资金总额,财政拨款,一级指标,二级指标,三级指标,实施周期指标值,年度指标值\n"
    "甲单位,设备购置,10,10,产出指标,数量指标,设备数量,≥4台,≥4台\n"
    "甲单位,设备购置,,,满意度指标,满意度,使用人员满意率,≥90%,≥90%\n"
)


def _item(text: str):
    return parse_items(text)[0]


def test_missing_codes_are_filled_from_names():
    ind = _item("1、产出指标；数量指标；设备数量；实施周期指标值:4台；年度指标值:4台。")
    assert compose_item(with_codes(ind)) == "1、1-产出指标；11-数量指标；设备数量；实施周期指标值:4台；年度指标值:4台。"
    assert filled_codes(ind).mapped == ()


def test_a_variant_name_is_written_officially_and_reported():
    ind = _item("1、满意度指标；满意度；满意率；实施周期指标值:≥90%；年度指标值:≥90%。")
    filled = filled_codes(ind)
    assert (filled.level1_code, filled.level2_code, filled.level2) == ("3", "31", "服务对象满意度指标")
    assert filled.mapped == (("level2", "满意度", "31-服务对象满意度指标"),)


def test_written_codes_and_unknown_names_are_left_alone():
    coded = _item("1、2-产出指标；21-数量指标；甲；实施周期指标值:1；年度指标值:1。")
    assert with_codes(coded) is coded
    unknown = _item("1、产出指标；奇怪指标；甲；实施周期指标值:1；年度指标值:1。")
    assert with_codes(unknown).level1_code == "1" and with_codes(unknown).level2_code is None


def test_report_of_a_source_without_codes_has_official_items(tmp_path):
    path = tmp_path / "no_codes.csv"
    path.write_text(CSV, encoding="utf-8-sig")
    table = read_table(path)
    assert all(i.level1_code is None for _, _, i in table.indicators())
    texts = [c.value for c in build_report_layout(table).cells if isinstance(c.value, str)]
    items = next(t for t in texts if "设备数量" in t)
    assert items.startswith("1、1-产出指标；11-数量指标；设备数量；")
    assert "2、3-满意度指标；31-服务对象满意度指标；使用人员满意率；" in items
    notes = [i for i in check_table(table) if i.code == "PG-S12"]
    assert [i.message for i in notes] == ["二级指标“满意度”没有代码，报表中按指标体系写为“31-服务对象满意度指标”"]
    assert notes[0].severity == "info"
