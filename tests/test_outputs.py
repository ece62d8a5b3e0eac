"""Outputs: JSON read back gives an equal model; CSV has a BOM; xlsx and DataFrame long format."""

from __future__ import annotations

import csv
import json

import openpyxl

from perfgoals_xl.jsonio import read_json, table_from_dict, table_to_dict
from perfgoals_xl.sinks import write_data


def test_json_round_trip_gives_an_equal_model(tmp_path, seed_table):
    out = write_data(seed_table, tmp_path / "seed.json")
    back = read_json(out)
    assert back == seed_table
    assert back.projects()[0].indicators[0].location.line == 16


def test_json_schema_fields(tmp_path, seed_table):
    data = json.loads(write_data(seed_table, tmp_path / "s.json").read_text(encoding="utf-8"))
    assert (data["department"], data["unit"], data["amounts"]["total"]) == ("广州市人民政府驻北京办事处", "万元", 390.0)
    project = data["units"][0]["projects"][0]
    assert set(project["amounts"]) >= {"total", "fiscal", "special", "other"}
    ind = project["indicators"][0]
    for key in ("seq", "level1_code", "level1", "level2_code", "level2", "name", "period_value", "annual_value"):
        assert key in ind
    assert ind["period"]["operator"] == "=" and ind["period"]["number"] == 24


def test_non_default_spelling_survives_json(tmp_path):
    from perfgoals_xl.grammar import compose, parse
    from perfgoals_xl.model import FundUnit, PerfTable, Project

    text = "1.产出；数量；人数;实施周期值：≥100人;年度值：≥50人"
    table = PerfTable(department="测试", units=[FundUnit("单位", projects=[Project("项目", indicators=parse(text).items)])])
    back = table_from_dict(json.loads(json.dumps(table_to_dict(table))))
    assert compose(back.projects()[0].indicators) == text


def test_csv_long_format_with_bom(tmp_path, seed_table):
    out = write_data(seed_table, tmp_path / "seed.csv", headers="en")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert len(rows) == 29  # 合计, the unit's own amounts, 27 indicators
    assert (rows[0]["fund_unit"], rows[0]["total"], rows[0]["project"]) == ("合计", "390.00", "")
    assert rows[-1]["project"] == "广州驻京办2024-2025年信息化运维项目" and rows[-1]["annual_value"] == "100%"


def test_csv_reads_back_to_an_equal_model(tmp_path, seed_table):
    from perfgoals_xl.sources import read_table

    assert read_table(write_data(seed_table, tmp_path / "seed.csv")) == seed_table


def test_xlsx_and_dataframe_long_format(tmp_path, seed_table):
    from perfgoals_xl import table_dataframe

    df = table_dataframe(seed_table)
    assert len(df) == 27 and df["name"].iloc[0] == "经济协作走访调研、宣传推广、举办活动次数"
    assert df.groupby("project", sort=False).size().tolist() == [9, 4, 4, 5, 5]
    out = write_data(seed_table, tmp_path / "seed.xlsx")
    ws = openpyxl.load_workbook(out, read_only=True).worksheets[0]
    assert ws.max_row >= 27


def test_json_with_wrong_types_names_the_bad_value(tmp_path):
    import pytest

    from perfgoals_xl.errors import InputError

    bad = tmp_path / "bad.json"
    bad.write_text('{"units": [{"name": "单位", "projects": [{"name": "x", "amounts": {"total": "abc"}}]}]}',
                   encoding="utf-8")
    with pytest.raises(InputError, match=r"\$\.units\[0\]\.projects\[0\]\.amounts\.total：应为数字"):
        read_json(bad)


def test_any_json_document_reads_or_fails_cleanly():
    """Arbitrary JSON shaped like the schema never raises anything but SchemaError."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from perfgoals_xl.jsonio import SchemaError

    leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                     st.text(max_size=5))
    anything = st.recursive(leaf, lambda kids: st.one_of(st.lists(kids, max_size=3),
                                                         st.dictionaries(st.text(max_size=5), kids, max_size=3)),
                            max_leaves=10)
    keys = st.sampled_from(["units", "projects", "amounts", "indicators", "name", "total", "seq",
                            "location", "line", "spelling", "problems", "period_value", "weight"])
    shaped = st.recursive(anything, lambda kids: st.one_of(st.lists(kids, max_size=3),
                                                           st.dictionaries(keys, kids, max_size=4)),
                          max_leaves=20)

    @settings(max_examples=300, deadline=None)
    @given(st.dictionaries(keys, shaped, max_size=4))
    def check(data):
        try:
            table_from_dict(data)
        except SchemaError:
            pass

    check()
